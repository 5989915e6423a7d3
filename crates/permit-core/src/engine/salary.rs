//! The salary check: which components count on the page, and the comparison with the published figure for the stated period.

use super::*;

impl Engine<'_> {
    /// The page's own choices (`page_rules` in the rules data).
    pub(super) fn page_rules(&self) -> Option<&PageRules> {
        self.rules.page_rules.get(self.page?.id())
    }

    pub(super) fn salary(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let comps = &s.salary.components;
        let Some(period) = s.salary.period else {
            if matches!(
                s.scheme,
                Some(Scheme::PayLimit | Scheme::SupplementaryPayLimit)
            ) && self.page == Some(Page::ServiceProvider)
            {
                let w = vec![self.why(if s.scheme == Some(Scheme::PayLimit) {
                    "PAY-LIMIT-1"
                } else {
                    "SUPP-PAY-1"
                })];
                self.check(
                    "salary",
                    CheckStatus::Unknown,
                    tr!(lang, "salary.give_salary_components_their"),
                    w,
                );
            }
            return;
        };
        let mut total = Decimal::ZERO;
        let mut excluded: Vec<String> = Vec::new();
        let mut why: Vec<Reason> = Vec::new();
        let mut uncertain: Vec<String> = Vec::new();
        let mut figs = Figures::new(FigureUnit::Dkk);
        figs.period = Some(period);
        for c in comps {
            let (Some(kind), Some(amount)) = (c.kind, c.amount) else {
                continue;
            };
            // The component as a person names it ("Holiday allowance"), not
            // its identifier.
            let id = kind.id();
            let label = crate::messages::text(lang, &format!("component.{id}"), &[]);
            let counted = self
                .page_rules()
                .and_then(|p| p.counted(id))
                .map(str::to_owned);
            match counted {
                Some(rule) => {
                    if kind == ComponentKind::HolidayAllowance {
                        let rule5 = "SAL-5";
                        if c.paid_in == Some(PaidIn::FollowingYear)
                            || c.paid_by_current_employer == Some(false)
                        {
                            excluded.push(format!("{label} {}", self.m(amount.0)));
                            figs.components_excluded.push(component(kind, amount.0));
                            why.push(self.why(rule5));
                            continue;
                        }
                        if c.paid_in.is_none() || c.paid_by_current_employer.is_none() {
                            uncertain.push(format!("{label} {}", self.m(amount.0)));
                            figs.components_uncertain.push(component(kind, amount.0));
                            why.push(self.why(rule5));
                        }
                    }
                    // Checked: the situation's limits keep the sum far
                    // inside what a decimal holds; an overflow stops here.
                    let Some(sum) = total.checked_add(amount.0) else {
                        return;
                    };
                    total = sum;
                    figs.components_counted.push(component(kind, amount.0));
                    let r = self.why(&rule);
                    if !why.contains(&r) {
                        why.push(r);
                    }
                }
                None => {
                    excluded.push(format!("{label} {}", self.m(amount.0)));
                    figs.components_excluded.push(component(kind, amount.0));
                    let Some(rule) = self.page_rules().and_then(|p| p.not_counted(id)) else {
                        continue;
                    };
                    let r = self.why(rule);
                    if !why.contains(&r) {
                        why.push(r);
                    }
                }
            }
        }
        figs.counted = Some(total);
        let counted = self.m(total);
        let excl = if excluded.is_empty() {
            String::new()
        } else {
            // The sentence ends with its own full stop, also after "kr.".
            let list = excluded.join(", ");
            let list = list.trim_end_matches('.');
            tr!(lang, "salary.not_counted", list)
        };
        let unc = if uncertain.is_empty() {
            String::new()
        } else {
            let list = uncertain.join(", ");
            let list = list.trim_end_matches('.');
            tr!(lang, "salary.counted_only_if_paid", list)
        };
        let per = period_text(lang, period);
        match (self.page, s.scheme) {
            (
                Some(Page::ServiceProvider),
                Some(sch @ (Scheme::PayLimit | Scheme::SupplementaryPayLimit)),
            ) => {
                let pay = sch == Scheme::PayLimit;
                let Some((limit, lr)) = self.money_param(pay_param(pay, period)) else {
                    return;
                };
                let l = self.m(limit);
                let mut all = vec![lr];
                all.extend(why);
                all.push(self.why("PAY-LIMIT-5"));
                if period != SalaryPeriod::Year {
                    all.push(self.why("SAL-9"));
                }
                let scheme_name = scheme_name(lang, pay);
                // Every figure the page publishes for this scheme, and which
                // one was compared.
                let published = self.published(pay);
                let published_text = self.published_text(&published);
                let compared = tr!(
                    lang,
                    "salary.published_minimums",
                    scheme_name,
                    published_text,
                    l,
                    per
                );
                let mut f = Figures::compared(FigureUnit::Dkk, total, limit);
                f.period = Some(period);
                f.components_counted = std::mem::take(&mut figs.components_counted);
                f.components_excluded = std::mem::take(&mut figs.components_excluded);
                f.components_uncertain = std::mem::take(&mut figs.components_uncertain);
                f.published = published;
                let met = total >= limit;
                // Holiday allowance counted only if paid in the same year by
                // the current employer, which the situation does not say:
                // where the verdict turns on it, both readings (item 3).
                let uncertain_sum = f
                    .components_uncertain
                    .iter()
                    .try_fold(Decimal::ZERO, |a, c| a.checked_add(c.amount_dkk));
                let without = uncertain_sum.and_then(|u| total.checked_sub(u));
                if let (true, Some(without)) = (met, without.filter(|w| *w < limit)) {
                    let over = self.m(total.checked_sub(limit).unwrap_or_default());
                    let short = self.m(limit.checked_sub(without).unwrap_or_default());
                    let (with_total, without_total) = (self.m(total), self.m(without));
                    let alternatives = vec![
                        Alternative {
                            assumes: tr!(lang, "salary.if_holiday_allowance_counts"),
                            message: tr!(lang, "salary.alt_meets", with_total, per, over),
                            date: None,
                        },
                        Alternative {
                            assumes: tr!(lang, "salary.if_holiday_allowance_not"),
                            message: tr!(lang, "salary.alt_under", without_total, per, short),
                            date: None,
                        },
                    ];
                    let msg = tr!(lang, "salary.verdict_turns_on_holiday", scheme_name, l, per);
                    self.check_alternatives("salary", msg + &compared, alternatives, all);
                    if let Some(c) = self.plan.checks.last_mut() {
                        c.figures = Some(f.clone());
                    }
                } else if met {
                    let over = self.m(total.checked_sub(limit).unwrap_or_default());
                    let msg = tr!(
                        lang,
                        "salary.counted_salary_meets_minimum",
                        counted,
                        per,
                        scheme_name,
                        l,
                        over,
                        excl,
                        unc
                    );
                    self.check_figures(
                        "salary",
                        CheckStatus::Pass,
                        msg + &compared,
                        f.clone(),
                        all,
                    );
                } else {
                    let short = self.m(limit.checked_sub(total).unwrap_or_default());
                    let msg = tr!(
                        lang,
                        "salary.counted_salary_under_minimum",
                        counted,
                        per,
                        short,
                        scheme_name,
                        l,
                        excl,
                        unc
                    );
                    self.check_figures(
                        "salary",
                        CheckStatus::Fail,
                        msg + &compared,
                        f.clone(),
                        all.clone(),
                    );
                    self.warn(
                        "salary_under_limit",
                        Severity::Blocker,
                        tr!(lang, "salary.salary_under_limit_by", short),
                        all,
                    );
                }
                self.other_scheme(pay, period, &f);
                self.danish_standards_002();
            }
            (Some(Page::SpecialQualifications), _)
                if matches!(
                    s.siq_category,
                    Some(SiqCategory::Athlete | SiqCategory::Coach)
                ) =>
            {
                let mut all = vec![self.why("ATH-8")];
                all.extend(why);
                // Danish standards: stated whatever the floor check finds.
                let standards = vec![self.why("ATH-8")];
                self.check(
                    "danish_standards",
                    CheckStatus::Unknown,
                    tr!(lang, "salary.athlete_danish_standards"),
                    standards,
                );
                let param = match s.sponsor_status {
                    Some(SponsorStatus::SingleSponsor) => {
                        "self_sufficiency_single_sponsor_monthly_dkk"
                    }
                    Some(SponsorStatus::Sponsor) => "self_sufficiency_sponsor_monthly_dkk",
                    Some(SponsorStatus::Person) => "self_sufficiency_person_monthly_dkk",
                    Some(SponsorStatus::Under30AtHome) => {
                        "self_sufficiency_under_30_at_home_monthly_dkk"
                    }
                    None => {
                        self.check_figures(
                            "salary_floor",
                            CheckStatus::Unknown,
                            tr!(lang, "salary.counted_salary_say_which", counted, per, excl),
                            figs,
                            all,
                        );
                        return;
                    }
                };
                if period != SalaryPeriod::Month {
                    self.check_figures(
                        "salary_floor",
                        CheckStatus::Unknown,
                        tr!(
                            lang,
                            "salary.self_sufficiency_rates_are",
                            counted,
                            per,
                            excl
                        ),
                        figs,
                        all,
                    );
                    return;
                }
                let Some((floor, fr)) = self.money_param(param) else {
                    return;
                };
                all.insert(1, fr);
                let f = self.m(floor);
                let mut fg = Figures::compared(FigureUnit::Dkk, total, floor);
                fg.period = Some(period);
                fg.components_counted = std::mem::take(&mut figs.components_counted);
                fg.components_excluded = std::mem::take(&mut figs.components_excluded);
                fg.components_uncertain = std::mem::take(&mut figs.components_uncertain);
                fg.published = vec![PeriodFigure {
                    period: SalaryPeriod::Month,
                    amount_dkk: floor,
                }];
                if total >= floor {
                    self.check_figures(
                        "salary_floor",
                        CheckStatus::Pass,
                        tr!(
                            lang,
                            "salary.counted_salary_month_at",
                            counted,
                            f,
                            excl,
                            unc
                        ),
                        fg,
                        all,
                    );
                } else {
                    let short = self.m(floor.checked_sub(total).unwrap_or_default());
                    self.check_figures(
                        "salary_floor",
                        CheckStatus::Fail,
                        tr!(
                            lang,
                            "salary.counted_salary_month_under",
                            counted,
                            short,
                            f,
                            excl,
                            unc
                        ),
                        fg,
                        all.clone(),
                    );
                    self.warn(
                        "salary_under_floor",
                        Severity::Blocker,
                        tr!(lang, "salary.salary_under_self_sufficiency", short),
                        all,
                    );
                }
            }
            _ => {
                let all = why;
                if self.page == Some(Page::Researcher) {
                    self.note(
                        "researcher_holiday_allowance",
                        tr!(lang, "salary.researcher_page_lists_only"),
                        vec![self.why("SAL-3-CASH"), self.why("SAL-3-PENSION")],
                    );
                }
                self.check_figures(
                    "salary",
                    CheckStatus::Info,
                    tr!(
                        lang,
                        "salary.counted_salary_page_sets",
                        counted,
                        per,
                        excl,
                        unc
                    ),
                    figs,
                    all,
                );
            }
        }
    }
}

fn component(kind: ComponentKind, amount_dkk: Decimal) -> ComponentFigure {
    ComponentFigure { kind, amount_dkk }
}

/// The parameter of the pay limit (`pay`) or the supplementary pay limit for
/// `period`.
fn pay_param(pay: bool, period: SalaryPeriod) -> &'static str {
    match (pay, period) {
        (true, SalaryPeriod::Year) => "pay_limit_annual_dkk",
        (true, SalaryPeriod::Month) => "pay_limit_monthly_dkk",
        (true, SalaryPeriod::Week37h) => "pay_limit_weekly_37h_dkk",
        (true, SalaryPeriod::Hour) => "pay_limit_hourly_dkk",
        (false, SalaryPeriod::Year) => "supplementary_annual_dkk",
        (false, SalaryPeriod::Month) => "supplementary_monthly_dkk",
        (false, SalaryPeriod::Week37h) => "supplementary_weekly_37h_dkk",
        (false, SalaryPeriod::Hour) => "supplementary_hourly_dkk",
    }
}

const PERIODS: [SalaryPeriod; 4] = [
    SalaryPeriod::Year,
    SalaryPeriod::Month,
    SalaryPeriod::Week37h,
    SalaryPeriod::Hour,
];

fn scheme_name(lang: Lang, pay: bool) -> String {
    if pay {
        tr!(lang, "salary.pay_limit")
    } else {
        tr!(lang, "salary.supplementary_pay_limit")
    }
}

fn period_text(lang: Lang, period: SalaryPeriod) -> String {
    match period {
        SalaryPeriod::Year => tr!(lang, "salary.year"),
        SalaryPeriod::Month => tr!(lang, "salary.month"),
        SalaryPeriod::Week37h => tr!(lang, "salary.37_hour_week"),
        SalaryPeriod::Hour => tr!(lang, "salary.hour"),
    }
}

impl Engine<'_> {
    /// The figures the service-provider page publishes for the pay limit
    /// (`pay`) or the supplementary pay limit, one per period.
    fn published(&self, pay: bool) -> Vec<PeriodFigure> {
        PERIODS
            .into_iter()
            .filter_map(|period| {
                let amount_dkk = self.number_on(pay_param(pay, period), Page::ServiceProvider)?;
                Some(PeriodFigure { period, amount_dkk })
            })
            .collect()
    }

    /// The published figures for people ("DKK 487,000.00 a year, …").
    fn published_text(&self, figures: &[PeriodFigure]) -> String {
        figures
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    self.m(f.amount_dkk),
                    period_text(self.lang, f.period)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What if the counted salary were judged under the other pay-limit
    /// scheme: a comparison only, never a verdict on the application.
    fn other_scheme(&mut self, pay: bool, period: SalaryPeriod, mine: &Figures) {
        let lang = self.lang;
        let Some(total) = mine.counted else {
            return;
        };
        let name = pay_param(!pay, period);
        let Ok(r) = self
            .rules
            .value(name, Page::ServiceProvider.id(), self.as_of)
        else {
            return;
        };
        let (Value::Money(limit) | Value::Number(limit)) = r.value else {
            return;
        };
        let reason = self.why_at(&r.citation.id, &r.citation.page);
        let published = self.published(!pay);
        let mut f = Figures::compared(FigureUnit::Dkk, total, limit);
        f.period = Some(period);
        f.published = published;
        let other = scheme_name(lang, !pay);
        let per = period_text(lang, period);
        let l = self.m(limit);
        let msg = if total >= limit {
            let by = self.m(total.checked_sub(limit).unwrap_or_default());
            tr!(lang, "salary.what_if_other_meets", other, l, per, by)
        } else {
            let by = self.m(limit.checked_sub(total).unwrap_or_default());
            tr!(lang, "salary.what_if_other_under", other, l, per, by)
        };
        self.check_figures(
            "salary_other_scheme",
            CheckStatus::Info,
            msg,
            f,
            vec![reason],
        );
    }

    /// The service-provider page's other conditions on pay and terms, stated
    /// whatever the limit check found: SIRI assesses them, no figure is given.
    fn danish_standards_002(&mut self) {
        let w = self.whys(&["SP-10", "SAL-12"]);
        self.check(
            "danish_standards",
            CheckStatus::Unknown,
            tr!(self.lang, "salary.terms_danish_standards"),
            w,
        );
    }
}
