//! How long the permit can be valid — one computation for every section that
//! states it (issue 24, item 1): the after-grant section's first permit, the
//! "latest possible permit expiry" date and the passport warning all read
//! [`Validity`], never their own arithmetic.
//!
//! Two bounds: the job's (the employment period, or the page's cap in years,
//! DUR-3..6, SIQ-7, never beyond the contract on 004: DUR-6b) and the
//! passport's (PASS-1/PASS-2, shortened: PASS-3). The permit can be valid
//! until the earlier of the two.

use super::*;

/// What the job's dates allow.
#[derive(Debug, Clone)]
pub(super) struct JobBound {
    /// The employment's first day.
    pub start: NaiveDate,
    /// The employment's last day.
    pub end: NaiveDate,
    /// The page's cap, in years (`1`, `4`).
    pub cap: Decimal,
    /// Where the employment is shorter than the cap: the employment period
    /// applies. Otherwise the cap (and, on the service-provider page between
    /// 4 and 5 years, both sentences: `both` names the longer one).
    pub capped: bool,
    /// The service-provider page's "shorter than 5 years" where it also
    /// applies to an employment of 4 years or more.
    pub both: Option<(Decimal, Reason)>,
    /// The reasons for the employment-period or cap reading.
    pub why: Vec<Reason>,
    /// The permit's start the cap runs from: the plan's permit start where
    /// it has one date, else the job start (the pages never start a permit
    /// after it: DUR-1, DUR-1b, DUR-2), the latest it can be.
    pub from: NaiveDate,
    /// The last day the job allows: the employment's end when it is shorter
    /// than the cap; else the day before the cap's anniversary of `from`
    /// (docs/conventions.md, C9), and never after the employment's end.
    pub until: NaiveDate,
}

/// What the passport allows.
#[derive(Debug, Clone)]
pub(super) struct PassportBound {
    /// The passport's expiry.
    pub expiry: NaiveDate,
    /// How long before it the permit ends.
    pub margin: Period,
    /// The last day the passport allows.
    pub until: NaiveDate,
    /// PASS-1 or PASS-2 of the page.
    pub why: Reason,
}

/// The permit's possible validity.
#[derive(Debug, Clone, Default)]
pub(super) struct Validity {
    /// The job's bound (both job dates known and in order).
    pub job: Option<JobBound>,
    /// The passport's bound (its expiry known).
    pub passport: Option<PassportBound>,
}

impl Validity {
    /// Whether the passport ends the permit before the job would.
    pub fn passport_shortens(&self) -> bool {
        match (&self.job, &self.passport) {
            (Some(j), Some(p)) => p.until < j.until,
            _ => false,
        }
    }

    /// The latest day the permit can be valid: the earlier bound.
    pub fn latest(&self) -> Option<NaiveDate> {
        let job = self.job.as_ref().map(|j| j.until);
        match (job, self.passport.as_ref().map(|p| p.until)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

impl Engine<'_> {
    /// Computes [`Validity`] once (after the permit start is known).
    pub(super) fn compute_validity(&mut self) {
        let job = self.job_bound();
        let passport = self.passport_bound();
        self.validity = Validity { job, passport };
    }

    fn passport_bound(&mut self) -> Option<PassportBound> {
        let exp = self.s.dates.passport_expiry?;
        let (margin, why) = self.period_param("passport_margin")?;
        let until = dates::sub_period(exp.0, margin)?;
        Some(PassportBound {
            expiry: exp.0,
            margin,
            until,
            why,
        })
    }

    /// The job's bound: the employment period, or the page's cap in years
    /// when the employment lasts that long or longer (C9).
    fn job_bound(&mut self) -> Option<JobBound> {
        let s = self.s;
        let (start, end) = (s.dates.job_start?.0, s.dates.job_end?.0);
        if end < start {
            return None;
        }
        let siq_abroad = self.page == Some(Page::ServiceProvider)
            && s.scheme == Some(Scheme::SpecialIndividualQualifications);
        let cap_param = if siq_abroad {
            "siq_service_provider_max_years"
        } else {
            "first_permit_max_years"
        };
        if !self.has_param(cap_param) {
            return None;
        }
        let (cap, cap_why) = self.money_param(cap_param)?;
        let cap_years = cap.normalize().to_string().parse::<u32>().ok()?;
        // The page's "shorter than N years: the period of employment", where it sets one.
        let below = if siq_abroad || !self.has_param("employment_period_permit_below_years") {
            None
        } else {
            self.money_param("employment_period_permit_below_years")
        };
        // 004: "the validity cannot exceed the length of your job contract".
        let contract = (self.page == Some(Page::SpecialQualifications)).then(|| self.why("DUR-6b"));
        let capped = dates::lasts_years(start, end, cap_years)?;
        let mut why = Vec::new();
        let mut both = None;
        if !capped {
            if let Some((_, r)) = &below {
                why.push(r.clone());
            }
            why.push(cap_why);
        } else {
            both = match &below {
                Some((m, r)) if *m > cap => {
                    let m_years = m.normalize().to_string().parse::<u32>().ok();
                    match m_years.and_then(|y| dates::lasts_years(start, end, y)) {
                        Some(false) => Some((m.normalize(), r.clone())),
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some((_, r)) = &both {
                why.push(r.clone());
            }
            why.push(cap_why);
        }
        why.extend(contract);
        // The cap runs from the permit's start: the plan's own permit start
        // (`deadlines.rs`), where it has one date.
        let from = self
            .plan
            .deadlines
            .iter()
            .find(|d| d.id == "permit_start")
            .map_or(start, |d| d.date);
        let until = if capped {
            dates::years_end(from, cap_years)?.min(end)
        } else {
            end
        };
        Some(JobBound {
            start,
            from,
            end,
            cap: cap.normalize(),
            capped,
            both,
            why,
            until,
        })
    }

    /// The latest possible permit expiry (where the passport's expiry is
    /// known) and the passport warning, from [`Validity`].
    pub(super) fn permit_expiry(&mut self) {
        // Taken out and put back (not cloned: its reasons are many).
        let v = std::mem::take(&mut self.validity);
        self.permit_expiry_of(&v);
        self.validity = v;
    }

    fn permit_expiry_of(&mut self, v: &Validity) {
        let lang = self.lang;
        let Some(p) = &v.passport else { return };
        let Some(latest) = v.latest() else { return };
        let ed = self.d(p.expiry);
        let pt = period_text(lang, p.margin);
        let ld = self.d(p.until);
        let mut why = vec![p.why.clone()];
        let (computed, convention) = match &v.job {
            Some(j) if j.until <= p.until => {
                why.extend(j.why.iter().cloned());
                let jd = self.d(latest);
                let text = if j.capped {
                    let span = years_text(lang, j.cap);
                    let sd = self.d(j.from);
                    tr!(lang, "validity.until_cap", span, sd, jd, ld, pt, ed)
                } else {
                    tr!(lang, "validity.until_job_end", jd, ld, pt, ed)
                };
                (text, dates::CONVENTION_EMPLOYMENT_YEARS)
            }
            _ => (
                tr!(lang, "deadlines.before_passport_expiry", pt, ed),
                dates::convention_before(p.margin),
            ),
        };
        self.deadline(
            "latest_permit_expiry",
            tr!(lang, "deadlines.latest_possible_permit_expiry"),
            DeadlineKind::Date,
            latest,
            computed,
            convention,
            None,
            why,
        );
        if v.passport_shortens() {
            if let Some(j) = &v.job {
                let why = vec![p.why.clone(), self.why("PASS-3")];
                let message = match j.until {
                    od if j.capped => {
                        let od = self.d(od);
                        let span = years_text(lang, j.cap);
                        tr!(lang, "validity.passport_shortens_cap", ed, ld, od, span)
                    }
                    _ => {
                        let jd = self.d(j.end);
                        tr!(lang, "deadlines.passport_expires_so_permit", ed, ld, jd)
                    }
                };
                self.warn("passport_shortens_permit", Severity::Caution, message, why);
            }
        }
    }
}

/// "3 months", "90 days" in `lang`.
pub(super) fn period_text(lang: Lang, p: Period) -> String {
    match p {
        Period::Days(n) => tr!(lang, "deadlines.days", n),
        Period::Months(1) => tr!(lang, "deadlines.1_month"),
        Period::Months(n) => tr!(lang, "deadlines.months", n),
    }
}

/// "1 year", "4 years" in `lang`.
pub(super) fn years_text(lang: Lang, n: Decimal) -> String {
    if n == Decimal::ONE {
        tr!(lang, "notes.years_1")
    } else {
        tr!(lang, "notes.years_n", n)
    }
}
