//! Which page the plan follows, which forms, and who fills which part in which order — or why no form is proposed (a 2011-only form, another route, a missing answer).

use super::*;

impl Engine<'_> {
    /// Chooses the page and the form, or says why none. Returns whether the
    /// situation is covered.
    pub(super) fn route(&mut self) -> bool {
        let s = self.s;
        let lang = self.lang;
        let legacy = |e: &Self, form: Form, id: &str, who: String| -> (String, Vec<Reason>) {
            (
                tr!(lang, "route.forms_appear_only_danish", who, form),
                vec![
                    e.why_on(id, Page::Forms2011),
                    e.why_on("SRC-001", Page::Forms2011),
                ],
            )
        };
        match s.role {
            Some(Role::SelfEmployed) => {
                let (m, w) = legacy(
                    self,
                    Form::AR2,
                    "FORM-AR2-1",
                    tr!(lang, "route.self_employed_people"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::Greencard) => {
                let (m, w) = legacy(
                    self,
                    Form::GR1,
                    "FORM-GR1-1",
                    tr!(lang, "route.greencard_scheme"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::ReligiousWorker) => {
                let (m, w) = legacy(
                    self,
                    Form::RF1,
                    "FORM-RF1-1",
                    tr!(lang, "route.religious_workers"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::CorporateApproval) => {
                let (m, w) = legacy(
                    self,
                    Form::AR4,
                    "FORM-AR4-1",
                    tr!(lang, "route.corporate_approval"),
                );
                return self.not_covered(m, w);
            }
            _ => {}
        }
        if matches!(s.scheme, Some(Scheme::GuestResearcher | Scheme::PhdStudent)) {
            let w = vec![self.why_on("RESEARCH-1", Page::Researcher)];
            return self.not_covered(tr!(lang, "route.guest_researchers_ph_d"), w);
        }
        if s.employer.location == Some(Location::Eu) {
            let w = vec![self.why_on("SP-1", Page::ServiceProvider)];
            return self.not_covered(tr!(lang, "route.employer_located_another_eu"), w);
        }
        let mut missing = Vec::new();
        if s.role.is_none() {
            missing.push("role".to_owned());
        }
        if s.scheme.is_none() {
            missing.push("scheme".to_owned());
        }
        let registered = s
            .employer
            .registered_in_denmark
            .or(match s.employer.location {
                Some(Location::Denmark) => Some(true),
                Some(Location::NonEu) if s.role == Some(Role::ServiceProvider) => Some(false),
                _ => None,
            });
        if registered.is_none() {
            missing.push("employer.registered_in_denmark".to_owned());
        }
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|f| match f.as_str() {
                    "role" => tr!(lang, "route.role_employee_or_service"),
                    "scheme" => tr!(lang, "route.scheme_researcher_special_individual"),
                    _ => tr!(lang, "route.whether_employer_registered_denmark"),
                })
                .collect::<Vec<_>>()
                .join("; ");
            self.plan.coverage = Coverage {
                status: CoverageStatus::NeedsAnswers,
                message: tr!(lang, "route.choose_form_answer", list),
                why: vec![],
                missing,
                unanswered: vec![],
            };
            return false;
        }
        let scheme = s.scheme.unwrap_or(Scheme::PayLimit);
        let poa = s.power_of_attorney.unwrap_or_default();
        if registered == Some(false) {
            // Employer abroad, not registered in Denmark: the service-provider page.
            self.set_page(Page::ServiceProvider);
            if scheme == Scheme::Researcher {
                let w = vec![self.why("SP-15")];
                return self.not_covered(tr!(lang, "route.service_provider_applies_under"), w);
            }
            let representative = poa != PowerOfAttorney::None;
            self.offer_form(if representative {
                FormChoice::Representative
            } else {
                FormChoice::Applicant
            });
            self.plan.coverage = Coverage {
                status: CoverageStatus::Covered,
                message: tr!(lang, "route.plan_follows_siri_page"),
                why: vec![self.why("FORM-AR9-5")],
                missing: vec![],
                unanswered: vec![],
            };
            return true;
        }
        // Employer registered in Denmark.
        let page = match scheme {
            Scheme::Researcher => Page::Researcher,
            Scheme::SpecialIndividualQualifications => Page::SpecialQualifications,
            _ => {
                let w = vec![
                    self.why_on("PAY-LIMIT-8", Page::Forms2011),
                    self.why_on("SRC-001", Page::Forms2011),
                    self.why_on("PAY-LIMIT-1", Page::ServiceProvider),
                ];
                return self.not_covered(tr!(lang, "route.none_permit_packet_current"), w);
            }
        };
        self.set_page(page);
        if poa == PowerOfAttorney::Employer {
            self.offer_form(FormChoice::EmployerPowerOfAttorney);
        } else {
            self.offer_form(FormChoice::Applicant);
            if poa == PowerOfAttorney::ThirdParty {
                let w = self.whys(&["FORM-AR6-1"]);
                self.warn(
                    "third_party_poa",
                    Severity::Caution,
                    tr!(lang, "route.named_third_party_with"),
                    w,
                );
            }
        }
        let title = if page == Page::Researcher {
            tr!(lang, "route.researchers")
        } else {
            tr!(lang, "route.special_individual_qualifications")
        };
        let why = if page == Page::Researcher {
            vec![self.why("RESEARCH-5")]
        } else {
            vec![self.why("SIQ-10")]
        };
        self.plan.coverage = Coverage {
            status: CoverageStatus::Covered,
            message: tr!(lang, "route.plan_follows_siri_page_2", title),
            why,
            missing: vec![],
            unanswered: vec![],
        };
        true
    }

    pub(super) fn applicant_label(&self) -> String {
        self.s
            .applicant
            .name
            .clone()
            .unwrap_or_else(|| tr!(self.lang, "route.applicant"))
    }

    pub(super) fn commuter_exempt(&self) -> bool {
        self.s.commuter == Some(true) && self.page != Some(Page::ServiceProvider)
    }

    /// Offers the form the plan's page gives for `choice` (`page_rules` and
    /// `forms` in the rules data): its channel, parts, message and rules.
    fn offer_form(&mut self, choice: FormChoice) {
        let lang = self.lang;
        let rules = self.rules;
        let Some(forms) = self.page_rules().and_then(|p| p.forms.clone()) else {
            return;
        };
        let form = match choice {
            FormChoice::Applicant => Some(forms.applicant),
            FormChoice::EmployerPowerOfAttorney => forms.employer_power_of_attorney,
            FormChoice::Representative => forms.representative,
        };
        let Some(form) = form else { return };
        let Some(rule) = rules.forms.get(form.code()) else {
            return;
        };
        let variant = match choice {
            FormChoice::Representative => rule.with_representative.as_ref(),
            _ => None,
        };
        let (parts, message) = match variant {
            Some(v) => (&v.parts, &v.message),
            None => (&rule.parts, &rule.message),
        };
        let representative = if self.s.power_of_attorney == Some(PowerOfAttorney::Employer) {
            tr!(lang, "route.employer_as_representative")
        } else {
            tr!(lang, "route.representative_third_party")
        };
        let parts = parts
            .iter()
            .map(|p| Part {
                order: p.order,
                who: if p.who == "representative" {
                    representative.clone()
                } else {
                    crate::messages::text(lang, &p.who, &[])
                },
                task: crate::messages::text(lang, &p.task, &[]),
            })
            .collect();
        let mut why: Vec<Reason> = rule.cites.iter().map(|id| self.why(id)).collect();
        if let Some(v) = variant {
            why.extend(v.cites.iter().map(|id| self.why(id)));
        }
        let applicant = self.applicant_label();
        self.plan.forms.push(FormPlan {
            form,
            applicant,
            channel: rule.channel,
            parts,
            message: crate::messages::text(lang, message, &[]),
            why,
        });
    }
}

/// Which of a page's forms the situation calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormChoice {
    /// The applicant (with the employer).
    Applicant,
    /// The employer holds the applicant's power of attorney.
    EmployerPowerOfAttorney,
    /// A representative applies under a power of attorney.
    Representative,
}
