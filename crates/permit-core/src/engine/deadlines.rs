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
                    tr!(lang, "the start of your stay", "starten på dit ophold")
                } else {
                    tr!(lang, "your job start", "din jobstart")
                };
                let why = vec![r.clone(), self.why("FEE-3")];
                self.deadline(
                    "earliest_submission",
                    tr!(lang, "Earliest submission", "Tidligst mulige indgivelse"),
                    DeadlineKind::NotBefore,
                    cutoff,
                    tr!(
                        lang,
                        "{n} months before {sd} ({basis})",
                        "{n} måneder før {sd} ({basis})"
                    ),
                    &format!("{} {}", dates::CONVENTION_MONTHS_BEFORE, CONVENTION_EARLY),
                    None,
                    why.clone(),
                );
                if let Some(sub) = submission {
                    if sub < cutoff {
                        let subd = self.d(sub);
                        self.warn("too_early", Severity::Blocker,
                            tr!(lang, "Too early: you plan to submit on {subd}, before {cd} ({n} months before {sd}). SIRI can be expected to refuse the application, and a paid fee is not refunded. Submit on {cd} or later.",
                                "For tidligt: du vil indgive {subd}, før {cd} ({n} måneder før {sd}). SIRI må forventes at afslå ansøgningen, og et betalt gebyr refunderes ikke. Indgiv {cd} eller senere."),
                            why);
                    }
                }
            }
        } else if stay_start.is_none() {
            self.check("earliest_submission", CheckStatus::Unknown, tr!(lang, "Give your job start (or the start of your stay) to see the earliest date you may submit.", "Angiv din jobstart (eller starten på dit ophold) for at se, hvornår du tidligst må indgive."), vec![self.why("DEADLINE-EARLY-2")]);
        }
        // Biometrics.
        let bio_required = self.plan.biometrics.as_ref().is_some_and(|b| b.required);
        if bio_required {
            if s.submission_at_norwegian_mission == Some(true) {
                let w = vec![self.why("BIO-4")];
                self.warn("norwegian_mission", Severity::Info, tr!(lang, "You submit at a Norwegian mission: bring one passport photo. If you are granted a permit, your biometrics are recorded after you enter Denmark, within a time frame the page does not state.", "Du indgiver på en norsk repræsentation: medbring ét pasfoto. Får du tilladelse, optages din biometri efter indrejse i Danmark inden for en frist, siden ikke angiver."), w);
            } else if let (Some(sub), Some((n, r))) =
                (submission, self.days_param("biometrics_days"))
            {
                if let Some(due) = dates::add_days(sub, n) {
                    let subd = self.d(sub);
                    let remedy = tr!(lang, "If you cannot get an appointment at a Danish mission within {n} days, tell SIRI the time you have booked; that way the application is not rejected.", "Kan du ikke få en tid på en dansk repræsentation inden for {n} dage, så giv SIRI besked om den tid, du har booket; så bliver ansøgningen ikke afvist.");
                    let which = if s.dates.submitted.is_some() {
                        tr!(lang, "submission", "indgivelse")
                    } else {
                        tr!(lang, "planned submission", "planlagt indgivelse")
                    };
                    let why = vec![r, self.why("DEADLINE-BIO-2")];
                    self.deadline(
                        "biometrics",
                        tr!(lang, "Biometrics recorded", "Biometri optaget"),
                        DeadlineKind::NoLaterThan,
                        due,
                        tr!(
                            lang,
                            "{n} days after {subd} ({which})",
                            "{n} dage efter {subd} ({which})"
                        ),
                        CONVENTION_DAYS_AFTER,
                        Some(remedy),
                        why,
                    );
                }
            } else if submission.is_none() {
                self.check(
                    "biometrics_date",
                    CheckStatus::Unknown,
                    tr!(
                        lang,
                        "Give your (planned) submission date to see your biometrics deadline.",
                        "Angiv din (planlagte) indgivelsesdato for at se fristen for biometri."
                    ),
                    vec![self.why("DEADLINE-BIO-1")],
                );
            }
        }
        // Supplementary Pay Limit: Jobnet/EURES posting.
        if self.page == "002" && s.scheme == Some(Scheme::SupplementaryPayLimit) {
            if let (Some(posted), Some((n, r))) = (
                s.dates.job_posted_jobnet_eures,
                self.days_param("jobnet_eures_min_days"),
            ) {
                if let Some(open) = dates::add_days(posted.0, n) {
                    let weeks = n / 7;
                    let pd = self.d(posted.0);
                    self.deadline(
                        "jobnet_eures",
                        tr!(
                            lang,
                            "Earliest submission after the Jobnet/EURES posting",
                            "Tidligst indgivelse efter opslag på Jobnet/EURES"
                        ),
                        DeadlineKind::NotBefore,
                        open,
                        tr!(
                            lang,
                            "{weeks} weeks ({n} days) after {pd}",
                            "{weeks} uger ({n} dage) efter {pd}"
                        ),
                        CONVENTION_DAYS_AFTER,
                        None,
                        vec![r.clone()],
                    );
                    match submission {
                        Some(sub) if sub < open => {
                            let (subd, od) = (self.d(sub), self.d(open));
                            self.check("jobnet_eures", CheckStatus::Fail, tr!(lang, "The position must be posted on Jobnet.dk and EURES at least two weeks before you apply; you plan to apply on {subd}, before {od}.", "Stillingen skal have været slået op på Jobnet.dk og EURES i mindst to uger, før du søger; du vil søge {subd}, før {od}."), vec![r]);
                        }
                        Some(_) => self.check("jobnet_eures", CheckStatus::Pass, tr!(lang, "Posted on Jobnet.dk and EURES at least two weeks before you apply.", "Slået op på Jobnet.dk og EURES mindst to uger før, du søger."), vec![r]),
                        None => {}
                    }
                }
            }
        }
        self.bank_account();
        // Passport margin.
        if let (Some(exp), Some((p, r))) = (
            s.dates.passport_expiry,
            self.period_param("passport_margin"),
        ) {
            if let Some(latest) = dates::sub_period(exp.0, p) {
                let ed = self.d(exp.0);
                let pt = match p {
                    Period::Days(n) => tr!(lang, "{n} days", "{n} dage"),
                    Period::Months(1) => tr!(lang, "1 month", "1 måneder"),
                    Period::Months(n) => tr!(lang, "{n} months", "{n} måneder"),
                };
                self.deadline(
                    "latest_permit_expiry",
                    tr!(
                        lang,
                        "Latest possible permit expiry (passport)",
                        "Senest mulige udløb af tilladelsen (pas)"
                    ),
                    DeadlineKind::Date,
                    latest,
                    tr!(
                        lang,
                        "{pt} before {ed} (passport expiry)",
                        "{pt} før {ed} (passets udløb)"
                    ),
                    dates::convention_before(p),
                    None,
                    vec![r.clone()],
                );
                if let Some(end) = s.dates.job_end {
                    if end.0 > latest {
                        let (jd, ld) = (self.d(end.0), self.d(latest));
                        let why = vec![r, self.why("PASS-3")];
                        self.warn("passport_shortens_permit", Severity::Caution, tr!(lang, "Your passport expires on {ed}, so the permit can last only until {ld}, not until your job ends on {jd}. Renew the passport to apply for an extension later.", "Dit pas udløber {ed}, så tilladelsen kan højst gælde til {ld}, ikke til jobbet slutter {jd}. Forny passet for senere at søge forlængelse."), why);
                    }
                }
            }
        }
        // Permit start.
        if let Some(job) = s.dates.job_start {
            match s.applying_from {
                Some(ApplyingFrom::Denmark) => {
                    let jd = self.d(job.0);
                    let w = vec![self.why("DUR-2")];
                    self.deadline(
                        "permit_start",
                        tr!(lang, "Permit valid from", "Tilladelsen gælder fra"),
                        DeadlineKind::Date,
                        job.0,
                        tr!(
                            lang,
                            "the day you start working ({jd})",
                            "den dag, du begynder at arbejde ({jd})"
                        ),
                        "",
                        None,
                        w,
                    );
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
                                Period::Days(n) => tr!(lang, "{n} days", "{n} dage"),
                                Period::Months(1) => tr!(lang, "1 month", "1 måned(er)"),
                                Period::Months(n) => tr!(lang, "{n} months", "{n} måned(er)"),
                            };
                            let cond = match declared {
                                Some(true) => tr!(lang, "with your self-support declaration", "med din erklæring om forsørgelse"),
                                Some(false) => tr!(lang, "without a self-support declaration", "uden erklæring om forsørgelse"),
                                None => tr!(lang, "if you declare you can support yourself and your family; without it, 14 days", "hvis du erklærer, at du kan forsørge dig selv og din familie; uden erklæringen 14 dage"),
                            };
                            self.deadline(
                                "permit_start",
                                tr!(
                                    lang,
                                    "Permit can be valid from",
                                    "Tilladelsen kan gælde fra"
                                ),
                                DeadlineKind::Date,
                                start,
                                tr!(
                                    lang,
                                    "{pt} before your job start {jd} ({cond})",
                                    "{pt} før din jobstart {jd} ({cond})"
                                ),
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
        // Job-seeking permit (researchers only).
        if let Some(ended) = s.dates.employment_ended {
            if self.page == "003" {
                if s.job_loss_through_no_fault == Some(false) {
                    let w = vec![self.why("JOB-4")];
                    self.check("job_seeking", CheckStatus::Fail, tr!(lang, "The job-seeking permit is for researchers who lose their job through no fault of their own.", "Jobsøgningstilladelsen er for forskere, der mister jobbet uden egen skyld."), w);
                } else if let Some((n, r)) = self.days_param("job_seeking_apply_within_days") {
                    if let Some(due) = dates::add_days(ended.0, n) {
                        let ed = self.d(ended.0);
                        let why = vec![r, self.why("JOB-4")];
                        self.deadline(
                            "job_seeking",
                            tr!(
                                lang,
                                "Apply for the 6-month job-seeking permit",
                                "Søg om 6 måneders jobsøgningstilladelse"
                            ),
                            DeadlineKind::NoLaterThan,
                            due,
                            tr!(
                                lang,
                                "{n} days after your employment ended ({ed})",
                                "{n} dage efter din ansættelse sluttede ({ed})"
                            ),
                            CONVENTION_DAYS_AFTER,
                            None,
                            why,
                        );
                    }
                }
            } else {
                self.note("job_seeking_not_on_page", tr!(lang, "Only the researcher page describes a job-seeking permit after a job ends; your page does not.", "Kun forskersiden beskriver en jobsøgningstilladelse, når et job slutter; din side gør ikke."), vec![self.why_on("JOB-4", "003")]);
            }
        }
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
