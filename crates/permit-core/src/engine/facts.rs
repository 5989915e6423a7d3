//! The facts the pages condition on beyond the route (issue 11, item 8): a
//! side job and its employer, legal residence in Denmark when applying from
//! there; and which of them still need an answer in this situation.

use super::*;

impl Engine<'_> {
    /// A side job: whether it needs a permit of its own, by page and by how
    /// it relates to the main job.
    pub(super) fn side_job(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let job = &s.side_job;
        if self.side_job_planned() != Some(true) {
            return;
        }
        let employer = job
            .employer
            .clone()
            .unwrap_or_else(|| tr!(lang, "facts.side_job_employer_not_given"));
        let athlete = matches!(
            s.siq_category,
            Some(SiqCategory::Athlete | SiqCategory::Coach)
        );
        let artist = s.siq_category == Some(SiqCategory::Artist);
        match self.page {
            Some(Page::Researcher) => {
                let mut why = vec![self.why("RESEARCH-8b")];
                if job.relation == Some(SideJobRelation::Examiner) {
                    why.push(self.why("RESEARCH-8c"));
                }
                self.check(
                    "side_job",
                    CheckStatus::Pass,
                    tr!(lang, "facts.side_job_researcher_exempt", employer),
                    why,
                );
            }
            Some(Page::SpecialQualifications) if athlete || artist => {
                use SideJobRelation::*;
                let covered: &[(SideJobRelation, &str)] = if athlete {
                    &[(RelatedToSport, "ATH-6"), (SponsorOfMainEmployer, "ATH-6b")]
                } else {
                    &[(CoherentWithArtisticWork, "ART-4")]
                };
                match job.relation {
                    Some(r) => match covered.iter().find(|(c, _)| *c == r) {
                        Some((_, rule)) => {
                            let w = vec![self.why(rule)];
                            self.check(
                                "side_job",
                                CheckStatus::Pass,
                                tr!(lang, "facts.side_job_covered", employer),
                                w,
                            );
                        }
                        None => {
                            let mut w = vec![self.why("SIQ-9")];
                            if athlete && r == BusinessPartnerOfMainEmployer {
                                w.push(self.why("ATH-6b"));
                            }
                            self.side_job_needs_permit(employer, w);
                        }
                    },
                    None => {
                        // The answer decides: both readings side by side.
                        let mut why: Vec<Reason> =
                            covered.iter().map(|(_, rule)| self.why(rule)).collect();
                        why.push(self.why("SIQ-9"));
                        let covered_when = if athlete {
                            tr!(lang, "facts.if_side_job_related_or_sponsor")
                        } else {
                            tr!(lang, "facts.if_side_job_coherent_with_art")
                        };
                        let alternatives = vec![
                            Alternative {
                                assumes: covered_when,
                                message: tr!(lang, "facts.no_separate_permit"),
                                date: None,
                            },
                            Alternative {
                                assumes: tr!(lang, "facts.if_otherwise"),
                                message: tr!(lang, "facts.separate_permit_before_starting"),
                                date: None,
                            },
                        ];
                        self.check_alternatives(
                            "side_job",
                            tr!(lang, "facts.side_job_relation_decides", employer),
                            alternatives,
                            why,
                        );
                    }
                }
            }
            Some(Page::SpecialQualifications) => {
                let w = vec![self.why("SIQ-9")];
                self.side_job_needs_permit(employer, w);
            }
            Some(Page::ServiceProvider) => {
                let w = vec![self.why("SP-13")];
                self.side_job_needs_permit(employer, w);
            }
            _ => {}
        }
    }

    /// Whether there is a side job: as answered, else yes when sideline
    /// hours are given.
    pub(super) fn side_job_planned(&self) -> Option<bool> {
        let s = self.s;
        s.side_job.planned.or_else(|| {
            s.hours
                .sideline_per_week
                .filter(|h| h.0 > Decimal::ZERO)
                .map(|_| true)
        })
    }

    fn side_job_needs_permit(&mut self, employer: String, why: Vec<Reason>) {
        let lang = self.lang;
        self.check(
            "side_job",
            CheckStatus::Info,
            tr!(lang, "facts.side_job_needs_permit", employer),
            why.clone(),
        );
        self.warn(
            "side_job_permit",
            Severity::Caution,
            tr!(lang, "facts.apply_separate_permit_side_job", employer),
            why,
        );
    }

    /// Applying from Denmark: legal residence.
    pub(super) fn legal_residence(&mut self) {
        let lang = self.lang;
        let s = self.s;
        if s.applying_from != Some(ApplyingFrom::Denmark) {
            return;
        }
        // Only the service-provider page says a person in Denmark must be
        // there legally to submit; the other pages tie legal residence to
        // recording biometrics in Denmark, and are silent on submitting.
        let must = self.page == Some(Page::ServiceProvider);
        let mut why = Vec::new();
        if must {
            why.push(self.why("SUBMIT-7"));
        }
        why.push(self.why("BIO-5"));
        match (s.legal_residence_in_denmark, must) {
            (Some(true), _) => self.check(
                "legal_residence",
                CheckStatus::Pass,
                tr!(lang, "facts.legal_residence_yes"),
                why,
            ),
            (Some(false), true) => {
                self.check(
                    "legal_residence",
                    CheckStatus::Fail,
                    tr!(lang, "facts.legal_residence_no_must"),
                    why.clone(),
                );
                self.warn(
                    "not_legally_in_denmark",
                    Severity::Blocker,
                    tr!(lang, "facts.not_legally_in_denmark"),
                    why,
                );
            }
            (Some(false), false) => {
                self.check(
                    "legal_residence",
                    CheckStatus::Unknown,
                    tr!(lang, "facts.legal_residence_no_page_silent"),
                    why.clone(),
                );
                self.warn(
                    "not_legally_in_denmark",
                    Severity::Caution,
                    tr!(lang, "facts.legal_residence_ask_siri"),
                    why,
                );
            }
            (None, _) => self.check(
                "legal_residence",
                CheckStatus::Unknown,
                tr!(lang, "facts.legal_residence_unknown"),
                why,
            ),
        }
    }
}
