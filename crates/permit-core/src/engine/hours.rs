//! The working-hours conditions.

use super::*;

impl Engine<'_> {
    pub(super) fn hours(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let h = s.hours.per_week.map(|a| a.0);
        let hs = |x: Decimal| x.normalize().to_string();
        match (self.page, s.scheme) {
            (Some(Page::Researcher), _) => {
                let w = vec![self.why("RESEARCH-4")];
                self.check(
                    "hours",
                    CheckStatus::Pass,
                    tr!(lang, "hours.researchers_need_not_work"),
                    w,
                );
            }
            (Some(Page::ServiceProvider), Some(Scheme::PayLimit)) => {
                let Some((min, r)) = self.money_param("pay_limit_min_hours_per_week") else {
                    return;
                };
                let m = hs(min);
                match h {
                    Some(x) if x >= min => {
                        let xs = hs(x);
                        self.check(
                            "hours",
                            CheckStatus::Pass,
                            tr!(lang, "hours.hours_week_at_least", xs, m),
                            vec![r],
                        )
                    }
                    Some(x) => {
                        let xs = hs(x);
                        self.check(
                            "hours",
                            CheckStatus::Fail,
                            tr!(lang, "hours.hours_week_pay_limit", xs, m),
                            vec![r.clone()],
                        );
                        self.warn(
                            "hours_too_few",
                            Severity::Blocker,
                            tr!(lang, "hours.too_few_working_hours", m),
                            vec![r],
                        )
                    }
                    None => self.check(
                        "hours",
                        CheckStatus::Unknown,
                        tr!(lang, "hours.give_weekly_hours_pay", m),
                        vec![r],
                    ),
                }
                self.hours_figures(h, min);
            }
            (
                Some(Page::ServiceProvider),
                Some(
                    sch @ (Scheme::SupplementaryPayLimit | Scheme::SpecialIndividualQualifications),
                ),
            ) => {
                let Some((min, r)) = self.money_param("full_time_min_hours_per_week") else {
                    return;
                };
                let m = hs(min);
                // "As a rule, 37-40 hours": the page's own range.
                let lo = m.clone();
                let hi = self
                    .money_param("full_time_usual_max_hours_per_week")
                    .map(|(x, _)| hs(x))
                    .unwrap_or_default();
                let mut why = vec![r];
                let strict = sch == Scheme::SupplementaryPayLimit;
                if !strict {
                    why.push(self.why("SIQ-6"));
                }
                match h {
                    Some(x) if x >= min => {
                        let xs = hs(x);
                        self.check(
                            "hours",
                            CheckStatus::Pass,
                            tr!(lang, "hours.hours_week_full_time", xs, lo, hi),
                            why,
                        )
                    }
                    Some(x) => {
                        let xs = hs(x);
                        self.check(
                            "hours",
                            CheckStatus::Fail,
                            tr!(lang, "hours.hours_week_scheme_requires", xs, m, lo, hi),
                            why.clone(),
                        );
                        self.warn(
                            "hours_not_full_time",
                            Severity::Caution,
                            tr!(lang, "hours.not_full_time_scheme", lo, hi),
                            why,
                        )
                    }
                    None => self.check(
                        "hours",
                        CheckStatus::Unknown,
                        tr!(lang, "hours.give_weekly_hours_scheme", lo, hi),
                        why,
                    ),
                }
                self.hours_figures(h, min);
            }
            (Some(Page::SpecialQualifications), _)
                if matches!(
                    s.siq_category,
                    Some(SiqCategory::Athlete | SiqCategory::Coach)
                ) =>
            {
                let Some((full, rf)) = self.money_param("full_time_min_hours_per_week") else {
                    return;
                };
                let Some((part, rp)) = self.money_param("athlete_part_time_min_hours_per_week")
                else {
                    return;
                };
                let (fs, ps) = (hs(full), hs(part));
                match h {
                    None => self.check(
                        "hours",
                        CheckStatus::Unknown,
                        tr!(lang, "hours.give_weekly_hours_generally", fs, ps),
                        vec![rf, rp],
                    ),
                    Some(x) if x >= full => {
                        let xs = hs(x);
                        self.check(
                            "hours",
                            CheckStatus::Pass,
                            tr!(lang, "hours.hours_week_full_time_2", xs),
                            vec![rf],
                        )
                    }
                    Some(x) if x < part => {
                        let xs = hs(x);
                        self.check(
                            "hours",
                            CheckStatus::Fail,
                            tr!(lang, "hours.hours_week_less_than", xs, ps),
                            vec![rp.clone()],
                        );
                        self.warn(
                            "hours_too_few",
                            Severity::Blocker,
                            tr!(lang, "hours.too_few_working_hours_2", ps),
                            vec![rp],
                        )
                    }
                    Some(x) => {
                        let xs = hs(x);
                        match s.hours.part_time_usual_in_sport {
                            Some(true) => self.check(
                                "hours",
                                CheckStatus::Pass,
                                tr!(lang, "hours.hours_week_part_time", xs, ps),
                                vec![rp],
                            ),
                            Some(false) => self.check(
                                "hours",
                                CheckStatus::Fail,
                                tr!(lang, "hours.hours_week_part_time_2", xs, fs),
                                vec![rf, rp],
                            ),
                            None => self.check(
                                "hours",
                                CheckStatus::Unknown,
                                tr!(lang, "hours.hours_week_part_time_3", xs),
                                vec![rp],
                            ),
                        }
                    }
                }
                // The limit compared: full time, or the part-time floor where
                // part time is (or may be) usual in the sport.
                let compared = match h {
                    Some(x) if x >= full => full,
                    Some(x) if x < part => part,
                    _ if s.hours.part_time_usual_in_sport == Some(false) => full,
                    _ => part,
                };
                self.hours_figures(h, compared);
                if let Some(n) = s.hours.employing_clubs.filter(|n| *n > 1) {
                    let w = vec![self.why("ATH-4")];
                    self.check(
                        "one_club",
                        CheckStatus::Fail,
                        tr!(lang, "hours.clubs_employ_hours_must", n),
                        w.clone(),
                    );
                    self.warn(
                        "several_clubs",
                        Severity::Blocker,
                        tr!(lang, "hours.several_clubs_cannot_employ"),
                        w,
                    );
                }
                if let (Some(x), Some((cap, rc))) = (
                    h,
                    self.money_param("athlete_contact_siri_above_hours_per_week"),
                ) {
                    let total = x
                        .checked_add(s.hours.sideline_per_week.map_or(Decimal::ZERO, |a| a.0))
                        .unwrap_or(Decimal::MAX);
                    if total > cap {
                        let (ts, cs) = (hs(total), hs(cap));
                        self.warn(
                            "over_48_hours",
                            Severity::Caution,
                            tr!(lang, "hours.hours_week_including_sideline", ts, cs),
                            vec![rc],
                        );
                    }
                }
            }
            (Some(Page::SpecialQualifications), _) => {
                let w = vec![
                    self.why("CHEF-4-SILENT-HOURS"),
                    self.why_on("SUPP-PAY-6", Page::ServiceProvider),
                ];
                // What the service-provider page says, as it says it.
                let sp = Page::ServiceProvider;
                let lo = self
                    .number_on("full_time_min_hours_per_week", sp)
                    .map(hs)
                    .unwrap_or_default();
                let hi = self
                    .number_on("full_time_usual_max_hours_per_week", sp)
                    .map(hs)
                    .unwrap_or_default();
                self.note(
                    "siq_hours_silent",
                    tr!(lang, "hours.page_special_individual_qualifications", lo, hi),
                    w,
                );
            }
            _ => {}
        }
    }

    /// The hours counted and the limit compared, as fields of the `hours`
    /// check just made.
    fn hours_figures(&mut self, hours: Option<Decimal>, limit: Decimal) {
        let figures = match hours {
            Some(h) => Figures::compared(FigureUnit::HoursPerWeek, h, limit),
            None => Figures {
                limit: Some(limit),
                ..Figures::new(FigureUnit::HoursPerWeek)
            },
        };
        self.attach_figures("hours", figures);
    }
}
