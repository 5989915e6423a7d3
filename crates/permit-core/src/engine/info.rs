//! The plan's information sections — the scheme's conditions, processing and
//! waiting, where the biometrics are recorded, after the grant, if the job
//! ends — and the forms considered and not offered.
//!
//! Each statement is an item of the rules data (`information.items`: section,
//! pages, conditions, citations, message key, optional parameter value), so a
//! newcomer adds one there and its texts in `assets/messages`, not here. This
//! module decides the conditions from the situation and writes the two
//! statements that need dates, each from the one computation of its date: the
//! longest first permit (DUR-3..6, SIQ-7, docs/conventions.md C9), from
//! `validity.rs`, and the job-seeking permit's apply-by date, the deadline
//! `deadlines.rs` computes (referenced here, not recomputed).

use super::*;
use crate::rules::{InfoCondition, InfoSection};

impl Engine<'_> {
    /// Whether a condition of the rules data holds for the situation.
    fn holds(&self, c: InfoCondition) -> bool {
        let s = self.s;
        let cat = s.siq_category;
        match c {
            InfoCondition::FromAbroad => s.applying_from == Some(ApplyingFrom::Abroad),
            InfoCondition::FromDenmark => s.applying_from == Some(ApplyingFrom::Denmark),
            InfoCondition::FromUnknown => s.applying_from.is_none(),
            InfoCondition::NotFromDenmark => s.applying_from != Some(ApplyingFrom::Denmark),
            InfoCondition::NorwegianMission => s.submission_at_norwegian_mission == Some(true),
            InfoCondition::BiometricsRequired => {
                self.plan.biometrics.as_ref().is_some_and(|b| b.required)
            }
            InfoCondition::Family => !s.family.is_empty(),
            InfoCondition::PayLimit => s.scheme == Some(Scheme::PayLimit),
            InfoCondition::NotPayLimit => s.scheme != Some(Scheme::PayLimit),
            InfoCondition::PayLimitSchemes => matches!(
                s.scheme,
                Some(Scheme::PayLimit | Scheme::SupplementaryPayLimit)
            ),
            InfoCondition::NotSiq => s.scheme != Some(Scheme::SpecialIndividualQualifications),
            InfoCondition::EmployerPowerOfAttorney => {
                s.power_of_attorney == Some(PowerOfAttorney::Employer)
            }
            InfoCondition::NoEmployerPowerOfAttorney => {
                s.power_of_attorney != Some(PowerOfAttorney::Employer)
            }
            InfoCondition::SupplementaryPayLimit => s.scheme == Some(Scheme::SupplementaryPayLimit),
            InfoCondition::Siq => s.scheme == Some(Scheme::SpecialIndividualQualifications),
            InfoCondition::Artist => cat == Some(SiqCategory::Artist),
            InfoCondition::AthleteOrCoach => {
                matches!(cat, Some(SiqCategory::Athlete | SiqCategory::Coach))
            }
            InfoCondition::Athlete => cat == Some(SiqCategory::Athlete),
            InfoCondition::Chef => cat == Some(SiqCategory::Chef),
            InfoCondition::EmploymentEnded => s.dates.employment_ended.is_some(),
            InfoCondition::EmploymentNotEnded => s.dates.employment_ended.is_none(),
        }
    }

    fn section(&mut self, section: InfoSection) -> &mut Vec<Note> {
        match section {
            InfoSection::Processing => &mut self.plan.processing,
            InfoSection::BiometricsLocation => &mut self.plan.biometrics_location,
            InfoSection::AfterGrant => &mut self.plan.after_grant,
            InfoSection::IfJobEnds => &mut self.plan.if_job_ends,
            InfoSection::Conditions => &mut self.plan.conditions,
            InfoSection::DocumentNotes => &mut self.plan.document_notes,
        }
    }

    /// A parameter's value as people read it (`1 month`, `6`, `2 days`).
    fn value_text(&mut self, name: &str) -> String {
        let lang = self.lang;
        match self.param(name) {
            Some((Value::Money(d) | Value::Number(d), _)) => d.normalize().to_string(),
            Some((Value::Days(n) | Value::Period(Period::Days(n)), _)) => {
                tr!(lang, "deadlines.days", n)
            }
            Some((Value::Months(1) | Value::Period(Period::Months(1)), _)) => {
                tr!(lang, "deadlines.1_month")
            }
            Some((Value::Months(n) | Value::Period(Period::Months(n)), _)) => {
                tr!(lang, "deadlines.months", n)
            }
            Some((Value::Languages(l), _)) => l.join(", "),
            None => String::new(),
        }
    }

    pub(super) fn information(&mut self) {
        let Some(page) = self.page else { return };
        let rules = self.rules;
        let lang = self.lang;
        for item in &rules.information {
            if !item.pages.iter().any(|p| p == page.id())
                || !item.when.iter().all(|c| self.holds(*c))
            {
                continue;
            }
            let mut why: Vec<Reason> = item.cites.iter().map(|id| self.why(id)).collect();
            why.extend(item.also.iter().map(|a| self.why_at(&a.cite, &a.page)));
            let message = if item.value.is_none() && item.values.is_empty() {
                crate::messages::text(lang, &item.message, &[])
            } else {
                let named: Vec<(&str, String)> = item
                    .value
                    .iter()
                    .map(|name| ("value", name))
                    .chain(item.values.iter().map(|(k, name)| (k.as_str(), name)))
                    .map(|(k, name)| (k, self.value_text(name)))
                    .collect();
                let args: Vec<(&str, &dyn std::fmt::Display)> = named
                    .iter()
                    .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
                    .collect();
                crate::messages::text(lang, &item.message, &args)
            };
            self.section(item.section).push(Note {
                id: item.id.clone(),
                message,
                why,
            });
        }
        self.first_permit();
        self.job_seeking_apply_by();
        for f in &rules.forms_not_offered {
            if !f.pages.iter().any(|p| p == page.id()) || !f.when.iter().all(|c| self.holds(*c)) {
                continue;
            }
            let mut why: Vec<Reason> = f.cites.iter().map(|id| self.why(id)).collect();
            why.extend(f.also.iter().map(|a| self.why_at(&a.cite, &a.page)));
            self.plan.forms_not_offered.push(FormNotOffered {
                form: f.form,
                reason: crate::messages::text(lang, &f.message, &[]),
                why,
            });
        }
    }

    /// The longest first permit the page sets for the job's dates: the
    /// employment period, or the page's cap in years when the employment
    /// lasts that long or longer (docs/conventions.md, C9) — as
    /// [`super::validity::Validity`] computed it, with the passport's
    /// shortening where it ends the permit sooner.
    fn first_permit(&mut self) {
        // Taken out and put back (not cloned: its reasons are many).
        let v = std::mem::take(&mut self.validity);
        self.first_permit_of(&v);
        self.validity = v;
    }

    fn first_permit_of(&mut self, v: &super::validity::Validity) {
        use super::validity::years_text;
        let lang = self.lang;
        let Some(j) = &v.job else { return };
        let (sd, ed) = (self.d(j.start), self.d(j.end));
        let convention = dates::convention_in(dates::CONVENTION_EMPLOYMENT_YEARS_PLAIN, lang);
        let span = years_text(lang, j.cap);
        let mut why = j.why.clone();
        let mut message = if !j.capped {
            tr!(
                lang,
                "info.first_permit_employment_period",
                sd,
                ed,
                span,
                convention
            )
        } else {
            let (fd, ud) = (self.d(j.from), self.d(j.until));
            match &j.both {
                Some((m, _)) => {
                    let mspan = years_text(lang, *m);
                    tr!(
                        lang,
                        "info.first_permit_both_sentences",
                        sd,
                        ed,
                        span,
                        mspan,
                        fd,
                        ud,
                        convention
                    )
                }
                None => tr!(
                    lang,
                    "info.first_permit_capped",
                    sd,
                    ed,
                    span,
                    fd,
                    ud,
                    convention
                ),
            }
        };
        if let Some(p) = v.passport.as_ref().filter(|_| v.passport_shortens()) {
            let (ld, xd) = (self.d(p.until), self.d(p.expiry));
            message.push(' ');
            message.push_str(&tr!(lang, "validity.first_permit_passport", ld, xd));
            why.push(p.why.clone());
            why.push(self.why("PASS-3"));
        }
        // Next to the page's rule on the permit's length, where the plan states it.
        let notes = &mut self.plan.after_grant;
        let at = notes
            .iter()
            .position(|n| n.id.starts_with("permit_length"))
            .map_or(notes.len(), |i| i + 1);
        notes.insert(
            at,
            Note {
                id: "first_permit".into(),
                message,
                why,
            },
        );
    }

    /// The job-seeking permit's apply-by date: the deadline of `deadlines.rs`.
    fn job_seeking_apply_by(&mut self) {
        let lang = self.lang;
        let Some(d) = self.plan.deadlines.iter().find(|d| d.id == "job_seeking") else {
            return;
        };
        let (date, why) = (self.d(d.date), d.why.clone());
        // Next to the job-seeking permit it is the date for.
        let notes = &mut self.plan.if_job_ends;
        let at = notes
            .iter()
            .position(|n| n.id == "job_seeking_permit")
            .map_or(notes.len(), |i| i + 1);
        notes.insert(
            at,
            Note {
                id: "job_seeking_apply_by".into(),
                message: tr!(lang, "info.job_seeking_apply_by", date),
                why,
            },
        );
    }
}
