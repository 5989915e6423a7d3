//! The supplementary conditions, the scheme notes and the age of the rules.

use super::*;

impl Engine<'_> {
    pub(super) fn supplementary_conditions(&mut self) {
        if !(self.page == Some(Page::ServiceProvider)
            && self.s.scheme == Some(Scheme::SupplementaryPayLimit))
        {
            return;
        }
        let lang = self.lang;
        let s = self.s;
        if let Some((limit, r)) = self.money_param("supplementary_fine_limit_dkk") {
            let l = self.m(limit);
            match s.fines_dkk {
                Some(f) if f.0 >= limit => {
                    let fs = self.m(f.0);
                    self.check(
                        "fines",
                        CheckStatus::Fail,
                        tr!(lang, "notes.fine_fines_or_more", fs, l),
                        vec![r.clone()],
                    );
                    self.warn(
                        "fine",
                        Severity::Blocker,
                        tr!(lang, "notes.fine_or_more_rules", l),
                        vec![r],
                    )
                }
                Some(_) => self.check(
                    "fines",
                    CheckStatus::Pass,
                    tr!(lang, "notes.no_fine_or_more", l),
                    vec![r],
                ),
                None => self.check(
                    "fines",
                    CheckStatus::Unknown,
                    tr!(lang, "notes.have_been_fined_or", l),
                    vec![r],
                ),
            }
            self.attach_figures(
                "fines",
                figures(FigureUnit::Dkk, s.fines_dkk.map(|f| f.0), limit),
            );
        }
        if let Some((max, r)) = self.money_param("supplementary_max_unemployment_percent") {
            let m = max.normalize().to_string();
            match s.unemployment_rate_percent {
                Some(u) if u.0 > max => {
                    let us = u.0.normalize().to_string();
                    self.check(
                        "unemployment",
                        CheckStatus::Fail,
                        tr!(lang, "notes.unemployment_above_scheme_closed", us, m),
                        vec![r],
                    )
                }
                Some(u) => {
                    let us = u.0.normalize().to_string();
                    self.check(
                        "unemployment",
                        CheckStatus::Pass,
                        tr!(lang, "notes.unemployment_not_above", us, m),
                        vec![r],
                    )
                }
                None => self.check(
                    "unemployment",
                    CheckStatus::Unknown,
                    tr!(lang, "notes.enter_denmark_seasonally_adjusted", m),
                    vec![r],
                ),
            }
            self.attach_figures(
                "unemployment",
                figures(
                    FigureUnit::Percent,
                    s.unemployment_rate_percent.map(|u| u.0),
                    max,
                ),
            );
        }
        if s.dates.job_posted_jobnet_eures.is_none() {
            if let Some((n, r)) = self.days_param("jobnet_eures_min_days") {
                let weeks = n / 7;
                self.check(
                    "jobnet_eures",
                    CheckStatus::Unknown,
                    tr!(lang, "notes.give_date_position_was", weeks),
                    vec![r],
                );
            }
        }
    }

    pub(super) fn scheme_notes(&mut self) {
        let lang = self.lang;
        if self.page == Some(Page::ServiceProvider) {
            let w = vec![self.why("SP-9")];
            self.note(
                "one_permit_per_trip",
                tr!(lang, "notes.each_trip_denmark_provide"),
                w,
            );
            if self.s.scheme == Some(Scheme::SpecialIndividualQualifications) {
                if let Some((n, r)) = self.money_param("siq_service_provider_max_years") {
                    let n = n.normalize();
                    let years = if n == Decimal::ONE {
                        tr!(lang, "notes.years_1")
                    } else {
                        tr!(lang, "notes.years_n", n)
                    };
                    self.note(
                        "siq_one_year",
                        tr!(lang, "notes.under_special_individual_qualifications", years),
                        vec![r],
                    );
                }
            }
        }
        if self.s.applying_from == Some(ApplyingFrom::Denmark)
            && self.page == Some(Page::ServiceProvider)
        {
            let w = vec![self.why("SUBMIT-7")];
            self.note("legal_stay", tr!(lang, "notes.if_are_denmark_when"), w);
        }
    }

    pub(super) fn rules_age(&mut self) {
        use chrono::Datelike;
        let lang = self.lang;
        let checked = self.rules.checked_on;
        let age = (self.today - checked).num_days();
        if age > crate::policy::RULES_STALE_AFTER_DAYS {
            let cd = self.d(checked);
            self.warn(
                "rules_stale",
                Severity::Caution,
                tr!(lang, "notes.these_rules_were_last", cd),
                vec![],
            );
        }
        if self.regulated_used {
            let w = vec![self.why_on("PAY-LIMIT-2", Page::ServiceProvider)];
            if !self.unstated_year_used.is_empty() {
                self.warn(
                    "pay_limit_year_unstated",
                    Severity::Caution,
                    tr!(lang, "notes.page_does_not_say"),
                    w.clone(),
                );
            }
            if self.as_of.year() > checked.year() {
                let (y, cd) = (self.as_of.year(), self.d(checked));
                self.warn(
                    "pay_limit_new_year",
                    Severity::Caution,
                    tr!(lang, "notes.submission_falls_after_1", y, cd),
                    w,
                );
            }
        }
    }
}

/// A value (where given) against a limit.
fn figures(unit: FigureUnit, value: Option<Decimal>, limit: Decimal) -> Figures {
    match value {
        Some(v) => Figures::compared(unit, v, limit),
        None => Figures {
            limit: Some(limit),
            ..Figures::new(unit)
        },
    }
}
