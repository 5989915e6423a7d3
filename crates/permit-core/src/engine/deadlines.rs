//! The dates that sink applications: the early-submission cutoff, the biometrics deadline, the Jobnet/EURES posting, the passport margin, the permit start and the job-seeking permit.

use super::*;

impl Engine<'_> {
    pub(super) fn dates(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let submission = s.submission_date();
        let stay_start = s.dates.stay_start.or(s.dates.job_start).map(|d| d.0);
        // Early-submission cutoff.
        if let (Some(start), Some(months)) = (stay_start, self.param("early_submission_months")) {
            let (Value::Months(n), r) = months else {
                return;
            };
            if let Some(cutoff) = dates::sub_months(start, n) {
                let (sd, cd) = (self.d(start), self.d(cutoff));
                let basis = if s.dates.stay_start.is_some() {
                    tr!(lang, "deadlines.start_stay")
                } else {
                    tr!(lang, "deadlines.job_start")
                };
                let mut why = vec![r.clone(), self.why("FEE-3")];
                if self
                    .rules
                    .citation("DEADLINE-EARLY-1", self.page.map_or("", Page::id))
                    .is_some()
                {
                    why.push(self.why("DEADLINE-EARLY-1"));
                }
                self.deadline(
                    "earliest_submission",
                    tr!(lang, "deadlines.earliest_submission"),
                    DeadlineKind::NotBefore,
                    cutoff,
                    tr!(lang, "deadlines.months_before", n, sd, basis),
                    &format!("{} {}", dates::CONVENTION_MONTHS_BEFORE, CONVENTION_EARLY),
                    None,
                    why.clone(),
                );
                // The reading quotes the page's own month count.
                if let Some(d) = self.plan.deadlines.last_mut() {
                    d.convention = dates::convention_with(
                        &format!("{} {}", dates::CONVENTION_MONTHS_BEFORE, CONVENTION_EARLY),
                        lang,
                        &[("months", &n)],
                    );
                }
                if let Some(sub) = submission {
                    if sub < cutoff {
                        let subd = self.d(sub);
                        // Said as what happened once it is submitted, as a
                        // plan before (issue 25, item 5).
                        let message = if s.dates.submitted.is_some() {
                            tr!(lang, "deadlines.too_early_submitted", subd, cd, n, sd)
                        } else {
                            tr!(lang, "deadlines.too_early_plan_submit", subd, cd, n, sd)
                        };
                        self.warn("too_early", Severity::Blocker, message, why);
                    }
                }
            }
        } else if stay_start.is_none() {
            self.check(
                "earliest_submission",
                CheckStatus::Unknown,
                tr!(lang, "deadlines.give_job_start_or"),
                vec![self.why("DEADLINE-EARLY-2")],
            );
        }
        // Biometrics.
        let bio_required = self.plan.biometrics.as_ref().is_some_and(|b| b.required);
        // A permit already granted on this application (on or after its
        // submission, on or before today) was a complete application,
        // biometrics included (CASEID-1): its 14 days are no longer a date to
        // act on.
        let granted = s
            .dates
            .permit_granted
            .is_some_and(|g| g.0 <= self.today && submission.is_some_and(|sub| g.0 >= sub));
        if bio_required && !granted {
            if s.submission_at_norwegian_mission == Some(true) {
                let w = vec![self.why("BIO-4")];
                self.warn(
                    "norwegian_mission",
                    Severity::Info,
                    tr!(lang, "deadlines.submit_at_norwegian_mission"),
                    w,
                );
            } else if let (Some(sub), Some((n, r))) =
                (submission, self.days_param("biometrics_days"))
            {
                if let Some(due) = dates::add_days(sub, n) {
                    let subd = self.d(sub);
                    // The page's remedy is for an appointment at a Danish mission: not
                    // for an applicant in Denmark (see information: biometrics_location).
                    let remedy = (s.applying_from != Some(ApplyingFrom::Denmark))
                        .then(|| tr!(lang, "deadlines.if_cannot_get_appointment", n));
                    let which = if s.dates.submitted.is_some() {
                        tr!(lang, "deadlines.submission")
                    } else {
                        tr!(lang, "deadlines.planned_submission")
                    };
                    let mut why = vec![r];
                    if remedy.is_some() {
                        why.push(self.why("DEADLINE-BIO-2"));
                    }
                    self.deadline(
                        "biometrics",
                        tr!(lang, "deadlines.biometrics_recorded"),
                        DeadlineKind::NoLaterThan,
                        due,
                        tr!(lang, "deadlines.days_after", n, subd, which),
                        CONVENTION_DAYS_AFTER,
                        remedy.clone(),
                        why.clone(),
                    );
                    self.biometrics_appointment(due, n, remedy, why);
                }
            } else if submission.is_none() {
                self.check(
                    "biometrics_date",
                    CheckStatus::Unknown,
                    tr!(lang, "deadlines.give_planned_submission_date"),
                    vec![self.why("DEADLINE-BIO-1")],
                );
            }
        }
        // Supplementary Pay Limit: Jobnet/EURES posting.
        if self.page == Some(Page::ServiceProvider)
            && s.scheme == Some(Scheme::SupplementaryPayLimit)
        {
            if let (Some(posted), Some((n, r))) = (
                s.dates.job_posted_jobnet_eures,
                self.days_param("jobnet_eures_min_days"),
            ) {
                if let Some(open) = dates::add_days(posted.0, n) {
                    let weeks = n / 7;
                    let pd = self.d(posted.0);
                    self.deadline(
                        "jobnet_eures",
                        tr!(lang, "deadlines.earliest_submission_after_jobnet"),
                        DeadlineKind::NotBefore,
                        open,
                        tr!(lang, "deadlines.weeks_days_after", weeks, n, pd),
                        CONVENTION_DAYS_AFTER,
                        None,
                        vec![r.clone()],
                    );
                    match submission {
                        Some(sub) if sub < open => {
                            let (subd, od) = (self.d(sub), self.d(open));
                            self.check(
                                "jobnet_eures",
                                CheckStatus::Fail,
                                tr!(
                                    lang,
                                    "deadlines.position_must_posted_jobnet",
                                    subd,
                                    od,
                                    weeks
                                ),
                                vec![r],
                            );
                        }
                        Some(_) => self.check(
                            "jobnet_eures",
                            CheckStatus::Pass,
                            tr!(lang, "deadlines.posted_jobnet_dk_eures", weeks),
                            vec![r],
                        ),
                        None => {}
                    }
                }
            }
        }
        self.bank_account();
        // Permit start.
        if let Some(job) = s.dates.job_start {
            match s.applying_from {
                Some(ApplyingFrom::Denmark) => {
                    let jd = self.d(job.0);
                    let w = vec![self.why("DUR-2")];
                    self.deadline(
                        "permit_start",
                        tr!(lang, "deadlines.permit_valid_from"),
                        DeadlineKind::Date,
                        job.0,
                        tr!(lang, "deadlines.day_start_working", jd),
                        "",
                        None,
                        w,
                    );
                }
                Some(ApplyingFrom::Abroad) if s.self_support_declaration.is_none() => {
                    self.permit_start_alternatives(job.0);
                }
                Some(ApplyingFrom::Abroad) => {
                    let declared = s.self_support_declaration;
                    let param = if declared == Some(false) {
                        "permit_start_without_declaration"
                    } else {
                        "permit_start_with_declaration"
                    };
                    if let Some((p, r)) = self.period_param(param) {
                        if let Some(start) = dates::sub_period(job.0, p) {
                            let jd = self.d(job.0);
                            let pt = match p {
                                Period::Days(n) => tr!(lang, "deadlines.days", n),
                                Period::Months(1) => tr!(lang, "deadlines.1_month_2"),
                                Period::Months(n) => tr!(lang, "deadlines.months_2", n),
                            };
                            let cond = match declared {
                                Some(true) => tr!(lang, "deadlines.with_self_support_declaration"),
                                Some(false) => {
                                    tr!(lang, "deadlines.without_self_support_declaration")
                                }
                                None => {
                                    // The period without the declaration, from the rules.
                                    let without = self
                                        .period_param("permit_start_without_declaration")
                                        .map(|(p, _)| match p {
                                            Period::Days(n) => tr!(lang, "deadlines.days", n),
                                            Period::Months(1) => tr!(lang, "deadlines.1_month_2"),
                                            Period::Months(n) => tr!(lang, "deadlines.months_2", n),
                                        })
                                        .unwrap_or_default();
                                    tr!(lang, "deadlines.if_declare_can_support", without)
                                }
                            };
                            self.deadline(
                                "permit_start",
                                tr!(lang, "deadlines.permit_can_valid_from"),
                                DeadlineKind::Date,
                                start,
                                tr!(lang, "deadlines.before_job_start", pt, jd, cond),
                                dates::convention_before(p),
                                None,
                                vec![r],
                            );
                        }
                    }
                }
                None => {}
            }
        }
        // The permit's validity (after its start): one computation for the
        // latest expiry, the passport warning and the after-grant section.
        self.compute_validity();
        self.permit_expiry();
        // Job-seeking permit (researchers only).
        if let Some(ended) = s.dates.employment_ended {
            if self.page == Some(Page::Researcher) {
                // Cutbacks are the page's own example of "no fault of your
                // own"; an explicit answer to that question decides first.
                let no_fault = s
                    .job_loss_through_no_fault
                    .or((s.job_end_reason == Some(JobEndReason::Cutbacks)).then_some(true));
                if let (None, Some(reason)) = (no_fault, s.job_end_reason) {
                    let reason = crate::messages::text(
                        lang,
                        match reason {
                            JobEndReason::Cutbacks => "facts.reason_cutbacks",
                            JobEndReason::Dismissed => "facts.reason_dismissed",
                            JobEndReason::Resigned => "facts.reason_resigned",
                            JobEndReason::ContractExpired => "facts.reason_contract_expired",
                        },
                        &[],
                    );
                    let w = vec![self.why("JOB-4")];
                    self.check(
                        "job_seeking",
                        CheckStatus::Unknown,
                        tr!(lang, "facts.job_end_reason_page_silent", reason),
                        w,
                    );
                }
                if no_fault == Some(false) {
                    let w = vec![self.why("JOB-4")];
                    self.check(
                        "job_seeking",
                        CheckStatus::Fail,
                        tr!(lang, "deadlines.job_seeking_permit_researchers"),
                        w,
                    );
                } else if let Some((n, r)) = self.days_param("job_seeking_apply_within_days") {
                    let months = self.money_param("job_seeking_permit_months");
                    if let (Some(due), Some((months, _))) = (dates::add_days(ended.0, n), months) {
                        let months = months.normalize();
                        let ed = self.d(ended.0);
                        let why = vec![r, self.why("JOB-4")];
                        self.deadline(
                            "job_seeking",
                            tr!(lang, "deadlines.apply_6_month_job", months),
                            DeadlineKind::NoLaterThan,
                            due,
                            tr!(lang, "deadlines.days_after_employment_ended", n, ed),
                            CONVENTION_DAYS_AFTER,
                            None,
                            why.clone(),
                        );
                        self.job_seeking_applied(due, n, months, why);
                    }
                }
            } else {
                self.note(
                    "job_seeking_not_on_page",
                    tr!(lang, "deadlines.only_researcher_page_describes"),
                    vec![self.why_on("JOB-4", Page::Researcher)],
                );
            }
        }
    }

    /// The booked biometrics appointment against the deadline `due` (C1:
    /// the day itself is in time): in time, or late with the page's remedy
    /// where it gives one (an appointment at a Danish mission, applying from
    /// abroad: DEADLINE-BIO-2), else "contact SIRI".
    fn biometrics_appointment(
        &mut self,
        due: NaiveDate,
        n: u32,
        remedy: Option<String>,
        why: Vec<Reason>,
    ) {
        let lang = self.lang;
        let Some(at) = self.s.dates.biometrics_appointment.map(|d| d.0) else {
            return;
        };
        let (ad, dd) = (self.d(at), self.d(due));
        let figures = Figures::compared(
            FigureUnit::Days,
            Decimal::from(dates::days_until(
                self.s.submission_date().unwrap_or(due),
                at,
            )),
            Decimal::from(n),
        );
        let (status, message) = if at <= due {
            (
                CheckStatus::Pass,
                tr!(lang, "life.appointment_in_time", ad, dd, n),
            )
        } else {
            let what = remedy.unwrap_or_else(|| tr!(lang, "life.appointment_no_remedy"));
            (
                CheckStatus::Fail,
                tr!(lang, "life.appointment_late", ad, dd, n, what),
            )
        };
        self.check_figures("biometrics_appointment", status, message, figures, why);
    }

    /// The job-seeking permit's application date against its deadline, and
    /// its length (the pages do not say from when it runs).
    fn job_seeking_applied(&mut self, due: NaiveDate, n: u32, months: Decimal, why: Vec<Reason>) {
        let lang = self.lang;
        let Some(at) = self.s.dates.job_seeking_applied.map(|d| d.0) else {
            return;
        };
        let (ad, dd) = (self.d(at), self.d(due));
        let (status, message) = if at <= due {
            (
                CheckStatus::Pass,
                tr!(lang, "life.job_seeking_in_time", ad, dd, n, months),
            )
        } else {
            (
                CheckStatus::Fail,
                tr!(lang, "life.job_seeking_late", ad, dd, n),
            )
        };
        self.check("job_seeking_applied", status, message, why);
    }

    /// The permit start when the situation does not say whether the
    /// self-support declaration is given: both readings, side by side.
    fn permit_start_alternatives(&mut self, job: NaiveDate) {
        let lang = self.lang;
        let jd = self.d(job);
        let mut alternatives = Vec::new();
        let mut why = Vec::new();
        for (param, key) in [
            (
                "permit_start_with_declaration",
                "deadlines.with_self_support_declaration",
            ),
            (
                "permit_start_without_declaration",
                "deadlines.without_self_support_declaration",
            ),
        ] {
            let Some((p, r)) = self.period_param(param) else {
                continue;
            };
            let Some(start) = dates::sub_period(job, p) else {
                continue;
            };
            let pt = match p {
                Period::Days(n) => tr!(lang, "deadlines.days", n),
                Period::Months(1) => tr!(lang, "deadlines.1_month_2"),
                Period::Months(n) => tr!(lang, "deadlines.months_2", n),
            };
            let sd = self.d(start);
            let assumes = crate::messages::text(lang, key, &[]);
            alternatives.push(Alternative {
                message: tr!(lang, "deadlines.permit_from_alternative", sd, pt, jd),
                assumes,
                date: Some(start),
            });
            why.push(r);
        }
        self.check_alternatives(
            "permit_start",
            tr!(lang, "deadlines.permit_start_depends_on_declaration"),
            alternatives,
            why,
        );
    }

    pub(super) fn stay_length(&self) -> Option<i64> {
        let s = self.s;
        if let Some(n) = s.stay_length_days {
            return Some(i64::from(n));
        }
        let first = s.dates.entry.or(s.dates.stay_start).or(s.dates.job_start)?;
        let last = s.dates.job_end?;
        Some(dates::stay_length_days(first.0, last.0))
    }
}
