//! Outcomes that hinge on the planned submission date (issue 15, item 9):
//! where moving that date by up to [`crate::policy::DATE_SENSITIVITY_DAYS`]
//! days, earlier or later, would change the plan, a warning says exactly
//! what would change and from which day.

use chrono::Datelike;

use super::*;
use crate::policy::DATE_SENSITIVITY_DAYS as WINDOW;

/// The day someone born on `birth` completes `years` years (docs/conventions.md,
/// C5: 29 February completes a year on 1 March in other years).
fn turns(birth: NaiveDate, years: i32) -> Option<NaiveDate> {
    let y = birth.year().checked_add(years)?;
    NaiveDate::from_ymd_opt(y, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, 3, 1))
}

impl Engine<'_> {
    pub(super) fn date_sensitivity(&mut self) {
        let s = self.s;
        // Only a planned date can move; a submitted application's cannot.
        if s.dates.submitted.is_some() {
            return;
        }
        let Some(sub) = s.dates.planned_submission.map(|d| d.0) else {
            return;
        };
        self.children_near_the_age_limit(sub);
        self.near_the_early_cutoff(sub);
        self.near_1_january(sub);
    }

    fn children_near_the_age_limit(&mut self, sub: NaiveDate) {
        let lang = self.lang;
        let Some(limit) = self.number_on_page("child_age_limit_years") else {
            return;
        };
        let Some(years) = rust_decimal::prelude::ToPrimitive::to_i32(&limit) else {
            return;
        };
        let lim = limit.normalize();
        let sd = self.d(sub);
        for (i, m) in self.s.family.iter().enumerate() {
            if m.relation != Some(Relation::Child) || m.living_at_home == Some(false) {
                continue;
            }
            let Some(birth) = m.birth_date else {
                continue;
            };
            let number = i + 1;
            let name = m
                .name
                .clone()
                .unwrap_or_else(|| tr!(lang, "family.family_member", number));
            let Some(day) = turns(birth.0, years) else {
                continue;
            };
            let td = self.d(day);
            let n = (day - sub).num_days();
            let message = if n > 0 && n <= WINDOW {
                tr!(lang, "sensitivity.child_turns_after", name, lim, td, n, sd)
            } else if n == 0 {
                tr!(lang, "sensitivity.child_turns_on_the_day", name, lim, td)
            } else if n < 0 && -n < WINDOW {
                let n = -n;
                tr!(
                    lang,
                    "sensitivity.child_turned_before",
                    name,
                    lim,
                    td,
                    n,
                    sd
                )
            } else {
                continue;
            };
            let w = vec![self.why("FAM-1")];
            self.warn(
                &format!("date_sensitive:child:{}", i + 1),
                Severity::Caution,
                message,
                w,
            );
        }
    }

    fn near_the_early_cutoff(&mut self, sub: NaiveDate) {
        let lang = self.lang;
        let Some(d) = self
            .plan
            .deadlines
            .iter()
            .find(|d| d.id == "earliest_submission")
        else {
            return;
        };
        let (cutoff, why) = (d.date, d.why.clone());
        let (sd, cd) = (self.d(sub), self.d(cutoff));
        let n = (sub - cutoff).num_days();
        let message = if (0..WINDOW).contains(&n) {
            let m = n + 1;
            tr!(lang, "sensitivity.near_early_cutoff", sd, cd, m)
        } else if n < 0 && -n <= WINDOW {
            let m = -n;
            tr!(lang, "sensitivity.early_by_days", sd, cd, m)
        } else {
            return;
        };
        self.warn(
            "date_sensitive:earliest_submission",
            Severity::Caution,
            message,
            why,
        );
    }

    fn near_1_january(&mut self, sub: NaiveDate) {
        let lang = self.lang;
        // Only where a figure regulated every 1 January was compared.
        if !self.regulated_used || self.page != Some(Page::ServiceProvider) {
            return;
        }
        let sd = self.d(sub);
        let next = sub
            .year()
            .checked_add(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1));
        let this = NaiveDate::from_ymd_opt(sub.year(), 1, 1);
        let message = match (next, this) {
            (Some(j), _) if (j - sub).num_days() <= WINDOW => {
                let (jd, n, year) = (self.d(j), (j - sub).num_days(), j.year());
                tr!(lang, "sensitivity.new_year_later", sd, jd, n, year)
            }
            (_, Some(j)) if (sub - j).num_days() < WINDOW => {
                let (jd, n, year) = (self.d(j), (sub - j).num_days() + 1, j.year() - 1);
                tr!(lang, "sensitivity.new_year_earlier", sd, jd, n, year)
            }
            _ => return,
        };
        let w = vec![self.why("PAY-LIMIT-2")];
        self.warn(
            "date_sensitive:pay_limit_year",
            Severity::Caution,
            message,
            w,
        );
    }

    /// A number the plan's page states, without the warnings of [`Engine::param`].
    fn number_on_page(&self, name: &str) -> Option<Decimal> {
        self.number_on(name, self.page?)
    }
}
