//! Which page the plan follows, which forms, and who fills which part in which order — or why no form is proposed (a 2011-only form, another route, a missing answer).

use super::*;

impl Engine<'_> {
    /// Chooses the page and the form, or says why none. Returns whether the
    /// situation is covered.
    pub(super) fn route(&mut self) -> bool {
        let s = self.s;
        let lang = self.lang;
        // The form's rule, the role's rule where the 2011 page states one, the page's age.
        let legacy = |e: &Self, form: Form, ids: &[&str], who: String| -> (String, Vec<Reason>) {
            let mut why: Vec<Reason> = ids.iter().map(|id| e.why_on(id, Page::Forms2011)).collect();
            why.push(e.why_on("SRC-001", Page::Forms2011));
            (tr!(lang, "route.forms_appear_only_danish", who, form), why)
        };
        match s.role {
            Some(Role::SelfEmployed) => {
                let (m, w) = legacy(
                    self,
                    Form::AR2,
                    &["FORM-AR2-1", "SELF-1"],
                    tr!(lang, "route.self_employed_people"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::Greencard) => {
                let (m, w) = legacy(
                    self,
                    Form::GR1,
                    &["FORM-GR1-1", "GREEN-1"],
                    tr!(lang, "route.greencard_scheme"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::ReligiousWorker) => {
                let (m, w) = legacy(
                    self,
                    Form::RF1,
                    &["FORM-RF1-1", "REL-1"],
                    tr!(lang, "route.religious_workers"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::CorporateApproval) => {
                let (m, w) = legacy(
                    self,
                    Form::AR4,
                    &["FORM-AR4-1"],
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
        let registered = self.registered_in_denmark();
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
                questions: Default::default(),
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
                questions: Default::default(),
            };
            return true;
        }
        // Employer registered in Denmark.
        let page = match scheme {
            Scheme::Researcher => Page::Researcher,
            Scheme::SpecialIndividualQualifications => Page::SpecialQualifications,
            Scheme::PayLimit => return self.pay_limit_2011(),
            _ => {
                // The 2011 page names no Supplementary Pay Limit scheme.
                let w = vec![
                    self.why_on("SUPP-PAY-1", Page::ServiceProvider),
                    self.why_on("PAY-LIMIT-8", Page::Forms2011),
                    self.why_on("SRC-001", Page::Forms2011),
                ];
                return self.not_covered(tr!(lang, "route.supplementary_danish_employer"), w);
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
            questions: Default::default(),
        };
        true
    }

    /// A Pay Limit job with an employer registered in Denmark (issue 24,
    /// item 3). No current page covers it; the 2011 page lists these
    /// employees under AR1 (001:17-18) and no current page names another
    /// form. Read as for FA8: AR1 is proposed with the caution that its name
    /// comes from the 2011 page, the employer beginning (001:11); the Pay
    /// Limit conditions the current pages state for the scheme (002) are
    /// checked by `pay_limit_conditions`; the 2011 fee sentence (001:70) is
    /// stated with the same caution. The plan follows no page, so its status
    /// stays "not covered".
    fn pay_limit_2011(&mut self) -> bool {
        let lang = self.lang;
        self.pay_limit_2011 = true;
        let old = Page::Forms2011;
        let why = vec![
            self.why_on("PAY-LIMIT-8", old),
            self.why_on("PAY-LIMIT-8b", old),
            self.why_on("SRC-001", old),
            self.why_on("PAY-LIMIT-1", Page::ServiceProvider),
        ];
        self.not_covered(tr!(lang, "route.pay_limit_2011_ar1"), why.clone());
        let applicant = self.applicant_label();
        self.plan.forms.push(FormPlan {
            form: Form::AR1,
            applicant,
            channel: Channel::NotStated,
            parts: vec![
                Part {
                    order: 1,
                    who: tr!(lang, "route.employer"),
                    task: tr!(lang, "route.pay_limit_2011_employer_task"),
                },
                Part {
                    order: 2,
                    who: tr!(lang, "route.text"),
                    task: tr!(lang, "route.pay_limit_2011_applicant_task"),
                },
            ],
            message: tr!(lang, "route.form_ar1_2011"),
            why: vec![
                self.why_on("PAY-LIMIT-8", old),
                self.why_on("PAY-LIMIT-8b", old),
                self.why_on("PAY-LIMIT-8c", old),
                self.why_on("SRC-001", old),
            ],
        });
        let fee = vec![self.why_on("FEE-5", old), self.why_on("SRC-001", old)];
        self.warn(
            "fee_2011",
            Severity::Caution,
            tr!(lang, "route.fee_2011_applicant"),
            fee,
        );
        false
    }

    /// The Pay Limit conditions the current pages state for the scheme (the
    /// service-provider page's salary and hours), for the 2011 AR1 route;
    /// the family as every current page states it (FAM-1), on FA8 from the
    /// 2011 page as in every plan.
    pub(super) fn pay_limit_conditions(&mut self) {
        self.page = Some(Page::ServiceProvider);
        self.family();
        self.salary();
        self.hours();
        self.page = None;
        let lang = self.lang;
        let why = vec![
            self.why_on("PAY-LIMIT-1", Page::ServiceProvider),
            self.why_on("PAY-LIMIT-6b", Page::ServiceProvider),
        ];
        self.warn(
            "pay_limit_conditions_002",
            Severity::Caution,
            tr!(lang, "route.pay_limit_conditions_002"),
            why,
        );
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
