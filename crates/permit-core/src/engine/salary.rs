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
                            why.push(self.why(rule5));
                            continue;
                        }
                        if c.paid_in.is_none() || c.paid_by_current_employer.is_none() {
                            uncertain.push(format!("{label} {}", self.m(amount.0)));
                            why.push(self.why(rule5));
                        }
                    }
                    // Checked: the situation's limits keep the sum far
                    // inside what a decimal holds; an overflow stops here.
                    let Some(sum) = total.checked_add(amount.0) else {
                        return;
                    };
                    total = sum;
                    let r = self.why(&rule);
                    if !why.contains(&r) {
                        why.push(r);
                    }
                }
                None => {
                    excluded.push(format!("{label} {}", self.m(amount.0)));
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
        let per = match period {
            SalaryPeriod::Year => tr!(lang, "salary.year"),
            SalaryPeriod::Month => tr!(lang, "salary.month"),
            SalaryPeriod::Week37h => tr!(lang, "salary.37_hour_week"),
            SalaryPeriod::Hour => tr!(lang, "salary.hour"),
        };
        match (self.page, s.scheme) {
            (
                Some(Page::ServiceProvider),
                Some(sch @ (Scheme::PayLimit | Scheme::SupplementaryPayLimit)),
            ) => {
                let pay = sch == Scheme::PayLimit;
                let param = match (pay, period) {
                    (true, SalaryPeriod::Year) => "pay_limit_annual_dkk",
                    (true, SalaryPeriod::Month) => "pay_limit_monthly_dkk",
                    (true, SalaryPeriod::Week37h) => "pay_limit_weekly_37h_dkk",
                    (true, SalaryPeriod::Hour) => "pay_limit_hourly_dkk",
                    (false, SalaryPeriod::Year) => "supplementary_annual_dkk",
                    (false, SalaryPeriod::Month) => "supplementary_monthly_dkk",
                    (false, SalaryPeriod::Week37h) => "supplementary_weekly_37h_dkk",
                    (false, SalaryPeriod::Hour) => "supplementary_hourly_dkk",
                };
                let Some((limit, lr)) = self.money_param(param) else {
                    return;
                };
                let l = self.m(limit);
                let mut all = vec![lr];
                all.extend(why);
                all.push(self.why("PAY-LIMIT-5"));
                if period != SalaryPeriod::Year {
                    all.push(self.why("SAL-9"));
                }
                let scheme_name = if pay {
                    tr!(lang, "salary.pay_limit")
                } else {
                    tr!(lang, "salary.supplementary_pay_limit")
                };
                if total >= limit {
                    let over = self.m(total.checked_sub(limit).unwrap_or_default());
                    self.check(
                        "salary",
                        CheckStatus::Pass,
                        tr!(
                            lang,
                            "salary.counted_salary_meets_minimum",
                            counted,
                            per,
                            scheme_name,
                            l,
                            over,
                            excl,
                            unc
                        ),
                        all,
                    );
                } else {
                    let short = self.m(limit.checked_sub(total).unwrap_or_default());
                    self.check(
                        "salary",
                        CheckStatus::Fail,
                        tr!(
                            lang,
                            "salary.counted_salary_under_minimum",
                            counted,
                            per,
                            short,
                            scheme_name,
                            l,
                            excl,
                            unc
                        ),
                        all.clone(),
                    );
                    self.warn(
                        "salary_under_limit",
                        Severity::Blocker,
                        tr!(lang, "salary.salary_under_limit_by", short),
                        all,
                    );
                }
            }
            (Some(Page::SpecialQualifications), _)
                if matches!(
                    s.siq_category,
                    Some(SiqCategory::Athlete | SiqCategory::Coach)
                ) =>
            {
                let mut all = vec![self.why("ATH-8")];
                all.extend(why);
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
                        self.check(
                            "salary_floor",
                            CheckStatus::Unknown,
                            tr!(lang, "salary.counted_salary_say_which", counted, per, excl),
                            all,
                        );
                        return;
                    }
                };
                if period != SalaryPeriod::Month {
                    self.check(
                        "salary_floor",
                        CheckStatus::Unknown,
                        tr!(
                            lang,
                            "salary.self_sufficiency_rates_are",
                            counted,
                            per,
                            excl
                        ),
                        all,
                    );
                    return;
                }
                let Some((floor, fr)) = self.money_param(param) else {
                    return;
                };
                all.insert(1, fr);
                let f = self.m(floor);
                if total >= floor {
                    self.check(
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
                        all,
                    );
                } else {
                    let short = self.m(floor.checked_sub(total).unwrap_or_default());
                    self.check(
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
                self.check(
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
                    all,
                );
            }
        }
    }
}
