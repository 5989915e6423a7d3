//! The Danish bank account requirement and its deadline (per page: 90 or 180 days, and the exemptions by length of stay).

use super::*;

impl Engine<'_> {
    pub(super) fn bank_account(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let granted = s.dates.permit_granted.map(|d| d.0);
        let entry = s.dates.entry.map(|d| d.0);
        if s.holds_danish_residence_permit == Some(true) {
            let rule = self
                .page_rules()
                .map(|p| p.bank_if_permit_held.clone())
                .unwrap_or_default();
            let w = vec![self.why(&rule)];
            // The page states the permit held in days (002) or in months.
            let msg = if self.has_param("bank_now_if_permit_valid_days") {
                let days = self
                    .money_param("bank_now_if_permit_valid_days")
                    .map(|(d, _)| d.normalize())
                    .unwrap_or_default();
                tr!(lang, "bank.if_current_danish_residence", days)
            } else {
                let months = self
                    .money_param("bank_now_if_permit_months")
                    .map(|(m, _)| m.normalize())
                    .unwrap_or_default();
                tr!(lang, "bank.if_already_hold_residence", months)
            };
            self.check("bank_account_now", CheckStatus::Info, msg, w);
        }
        let Some((days, r)) = self.days_param("bank_account_days") else {
            return;
        };
        let stay = self.stay_length();
        let convention = dates::convention_in(CONVENTION_STAY_LENGTH, lang);
        if self.page == Some(Page::ServiceProvider) {
            let Some((limit, lr)) = self.days_param("bank_required_if_stay_exceeds_days") else {
                return;
            };
            match stay {
                Some(n) if n > i64::from(limit) => {}
                Some(n) if n == i64::from(limit) => {
                    let w = vec![lr];
                    self.check_figures(
                        "bank_account",
                        CheckStatus::Unknown,
                        tr!(lang, "bank.stay_exactly_days_page", n, limit, convention),
                        days_figures(n, limit),
                        w,
                    );
                    return;
                }
                Some(n) => {
                    let w = vec![lr];
                    self.check_figures(
                        "bank_account",
                        CheckStatus::Pass,
                        tr!(lang, "bank.stay_days_less_than", n, limit, convention),
                        days_figures(n, limit),
                        w,
                    );
                    return;
                }
                None => {
                    let w = vec![lr, r];
                    let alternatives = self.bank_alternatives(
                        tr!(lang, "bank.if_stay_less_than", limit),
                        tr!(lang, "bank.if_stay_exceeds", limit),
                        days,
                    );
                    self.check_alternatives(
                        "bank_account",
                        tr!(lang, "bank.give_entry_or_job", limit),
                        alternatives,
                        w,
                    );
                    return;
                }
            }
            // Required: 180 days from grant, or from entry when entering after the grant.
            let (base, what) = match (granted, entry) {
                (Some(g), Some(e)) if e > g => (e, tr!(lang, "bank.entry")),
                (Some(g), _) => (g, tr!(lang, "bank.permit_grant")),
                (None, Some(e)) => (e, tr!(lang, "bank.entry_page_counts_from")),
                (None, None) => {
                    let w = vec![r];
                    self.check(
                        "bank_account",
                        CheckStatus::Unknown,
                        tr!(lang, "bank.stay_exceeds_days_so", limit, days),
                        w,
                    );
                    return;
                }
            };
            if let Some(due) = dates::add_days(base, days) {
                let bd = self.d(base);
                self.deadline(
                    "bank_account",
                    tr!(lang, "bank.open_danish_bank_account"),
                    DeadlineKind::NoLaterThan,
                    due,
                    tr!(lang, "bank.days_after", days, bd, what),
                    CONVENTION_DAYS_AFTER,
                    None,
                    vec![r, lr],
                );
            }
            return;
        }
        // Pages 003/004: 90 days after grant or entry, whichever is later.
        if self.page == Some(Page::Researcher)
            && (entry.is_none() || s.dates.job_end.is_none())
            && s.holds_danish_residence_permit != Some(true)
        {
            // The exemption turns on the employment's length from entry,
            // which the situation does not give: both readings.
            if let Some((limit, lr)) = self.days_param("bank_exempt_if_employment_within_days") {
                let alternatives = self.bank_alternatives(
                    tr!(lang, "bank.if_employment_within", limit),
                    tr!(lang, "bank.if_employment_longer", limit),
                    days,
                );
                self.check_alternatives(
                    "bank_account",
                    tr!(lang, "bank.researcher_length_unknown", limit, days),
                    alternatives,
                    vec![lr, self.why("BANK-4b"), r],
                );
                return;
            }
        }
        if self.page == Some(Page::Researcher) {
            if let (Some((limit, lr)), Some(e), Some(end)) = (
                self.days_param("bank_exempt_if_employment_within_days"),
                entry,
                s.dates.job_end,
            ) {
                let n = dates::stay_length_days(e, end.0);
                if n <= i64::from(limit) {
                    self.check_figures(
                        "bank_account",
                        CheckStatus::Pass,
                        tr!(
                            lang,
                            "bank.employment_lasts_days_from",
                            n,
                            limit,
                            convention
                        ),
                        days_figures(n, limit),
                        // The page's limit of the exemption (003:69).
                        vec![lr, self.why("BANK-4b")],
                    );
                    return;
                }
            }
        }
        match (granted, entry) {
            (Some(g), Some(e)) => {
                let base = g.max(e);
                if let Some(due) = dates::add_days(base, days) {
                    let (gd, ed) = (self.d(g), self.d(e));
                    self.deadline(
                        "bank_account",
                        tr!(lang, "bank.open_danish_bank_account"),
                        DeadlineKind::NoLaterThan,
                        due,
                        tr!(lang, "bank.days_after_later_permit", days, gd, ed),
                        CONVENTION_DAYS_AFTER,
                        None,
                        // Until then the salary may go abroad (003:65, 004:51).
                        vec![r, self.why("BANK-3c")],
                    );
                }
            }
            _ => self.check(
                "bank_account",
                CheckStatus::Unknown,
                tr!(lang, "bank.salary_must_go_into", days),
                vec![r, self.why("BANK-3c")],
            ),
        }
    }

    /// The two readings of the bank-account duty when the length of the
    /// stay or employment is not given: exempt, or a deadline (its date when
    /// the grant and entry dates give one).
    fn bank_alternatives(&self, short: String, long: String, days: u32) -> Vec<Alternative> {
        let lang = self.lang;
        let s = self.s;
        let granted = s.dates.permit_granted.map(|d| d.0);
        let entry = s.dates.entry.map(|d| d.0);
        // The same base as the deadline: on 002 the grant, or the entry when
        // later (or when no grant is given); on 003/004 the later of both.
        let base = if self.page == Some(Page::ServiceProvider) {
            match (granted, entry) {
                (Some(g), Some(e)) => Some(g.max(e)),
                (g, e) => g.or(e),
            }
        } else {
            granted.zip(entry).map(|(g, e)| g.max(e))
        };
        let due = base.and_then(|b| dates::add_days(b, days));
        let duty = match (due, base) {
            (Some(due), Some(b)) => {
                let (dd, bd) = (self.d(due), self.d(b));
                tr!(lang, "bank.alternative_open_by", dd, days, bd)
            }
            _ => tr!(lang, "bank.alternative_open_within", days),
        };
        vec![
            Alternative {
                assumes: short,
                message: tr!(lang, "bank.alternative_exempt"),
                date: None,
            },
            Alternative {
                assumes: long,
                message: duty,
                date: due,
            },
        ]
    }
}

/// A length in days against a limit in days.
fn days_figures(n: i64, limit: u32) -> Figures {
    Figures::compared(FigureUnit::Days, Decimal::from(n), Decimal::from(limit))
}
