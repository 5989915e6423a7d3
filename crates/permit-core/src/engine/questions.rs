//! Which questions the interview asks for the answers so far — decided from
//! the same routing the plan follows, so a front end never keeps a copy of
//! the rules to hide or show a question. Each question is asked where the
//! module named beside it reads the fact.

use super::*;
use crate::questions::{Question, Questions};

impl Engine<'_> {
    /// Whether the employer is registered in Denmark, as the route reads it:
    /// the answer, else inferred from the employer's location (in Denmark:
    /// registered; outside the EU, for a service provider: not, the
    /// service-provider page, SP-1).
    pub(super) fn registered_in_denmark(&self) -> Option<bool> {
        let s = self.s;
        s.employer
            .registered_in_denmark
            .or(match s.employer.location {
                Some(Location::Denmark) => Some(true),
                Some(Location::NonEu) if s.role == Some(Role::ServiceProvider) => Some(false),
                _ => None,
            })
    }

    /// The schemes the pages offer for the role (`route.rs`): an employee's
    /// on the researcher, SIQ and pay-limit pages (guest researchers and
    /// Ph.D. students go to pages this build does not cover, which the plan
    /// says); a service provider's on the service-provider page (SP-1).
    fn schemes_for_role(&self) -> Vec<Scheme> {
        match self.s.role {
            Some(Role::Employee) => vec![
                Scheme::PayLimit,
                Scheme::SupplementaryPayLimit,
                Scheme::Researcher,
                Scheme::SpecialIndividualQualifications,
                Scheme::GuestResearcher,
                Scheme::PhdStudent,
            ],
            Some(Role::ServiceProvider) => vec![
                Scheme::PayLimit,
                Scheme::SupplementaryPayLimit,
                Scheme::SpecialIndividualQualifications,
            ],
            _ => vec![],
        }
    }

    /// The questions that matter for the answers so far, in order.
    pub(super) fn questions(&self) -> Questions {
        let s = self.s;
        let scheme = s.scheme;
        let work = matches!(s.role, Some(Role::Employee | Role::ServiceProvider));
        let siq = scheme == Some(Scheme::SpecialIndividualQualifications);
        let athlete = siq
            && matches!(
                s.siq_category,
                Some(SiqCategory::Athlete | SiqCategory::Coach)
            );
        let researcher = scheme == Some(Scheme::Researcher);
        let pay_limit = matches!(
            scheme,
            Some(Scheme::PayLimit | Scheme::SupplementaryPayLimit)
        );
        let supplementary =
            s.role == Some(Role::ServiceProvider) && scheme == Some(Scheme::SupplementaryPayLimit);
        // The AR9 route: an employer abroad not registered in Denmark,
        // answered or inferred exactly as `route` infers it.
        let ar9_route = self.registered_in_denmark() == Some(false)
            && s.employer.location != Some(Location::Eu);
        let side_job = self.side_job_planned() == Some(true);
        let mut schemes = self.schemes_for_role();
        let asks = |q: Question| -> bool {
            use Question as Q;
            match q {
                Q::Scheme => !schemes.is_empty(),
                // documents.rs (SIQ categories), hours.rs, salary.rs, family.rs
                Q::SiqCategory => siq,
                Q::PartTimeUsualInSport
                | Q::EmployingClubs
                | Q::SponsorStatus
                | Q::FamilyRevocations => athlete,
                // documents.rs: the regulated-profession authorisation
                Q::RegulatedProfession => pay_limit,
                // documents.rs (examiner), deadlines.rs (job loss)
                Q::ExaminerAppointment | Q::JobLossThroughNoFault => researcher,
                Q::EmploymentEnded => researcher && s.job_loss_through_no_fault == Some(true),
                // fees.rs, deadlines.rs, documents.rs
                Q::Commuter | Q::SelfSupportDeclaration | Q::SubmissionAtNorwegianMission => work,
                Q::EmployerCountry => {
                    matches!(s.employer.location, Some(Location::Eu | Location::NonEu))
                }
                // salary.rs, hours.rs
                Q::SalaryPeriod | Q::SalaryComponents | Q::HoursPerWeek | Q::SidelinePerWeek => {
                    work
                }
                // notes.rs, deadlines.rs: the supplementary conditions
                Q::JobPostedJobnetEures | Q::FinesDkk | Q::UnemploymentRatePercent => supplementary,
                // facts.rs: legal residence where the applicant applies from Denmark
                Q::LegalResidenceInDenmark => s.applying_from == Some(ApplyingFrom::Denmark),
                // facts.rs: why a researcher's previous job ended, when it did and the
                // no-fault question is not answered directly
                Q::JobEndReason => {
                    researcher
                        && s.dates.employment_ended.is_some()
                        && s.job_loss_through_no_fault.is_none()
                }
                // facts.rs: a side job, its employer, and how it relates to the main
                // job where the page's rule turns on it (athletes, coaches, artists)
                Q::SideJobPlanned => work,
                Q::SideJobEmployer => work && side_job,
                Q::SideJobRelation => {
                    side_job
                        && siq
                        && matches!(
                            s.siq_category,
                            Some(SiqCategory::Athlete | SiqCategory::Coach | SiqCategory::Artist)
                        )
                }
                // deadlines.rs: the appointment against the 14 days, once a
                // submission date gives the deadline
                Q::BiometricsAppointment => {
                    work && s.commuter != Some(true)
                        && (s.dates.submitted.is_some() || s.dates.planned_submission.is_some())
                }
                // deadlines.rs: in time for the job-seeking permit
                Q::JobSeekingApplied => {
                    researcher
                        && s.dates.employment_ended.is_some()
                        && s.job_loss_through_no_fault != Some(false)
                }
                // life.rs: the extension dates, once the permit is granted; the
                // renewal where a passport date can have shortened it
                Q::PermitExpiry => work && s.dates.permit_granted.is_some(),
                // life.rs: a stay abroad after the grant, and what decides
                // whether it makes the permit lapse (the researcher is exempt)
                Q::AbroadFrom => work && s.dates.permit_granted.is_some(),
                Q::AbroadUntil | Q::DanishAddressGivenUp => s.dates.abroad_from.is_some(),
                Q::StationedAbroadByEmployer => s.dates.abroad_from.is_some() && !researcher,
                // life.rs: the researcher page asks for documentation of
                // non-residence only without the salary stated (003:135)
                Q::SalaryWhileAbroad => s.dates.abroad_from.is_some() && researcher,
                // life.rs: one application for each stay (002:181)
                Q::StaysPerYear => s.role == Some(Role::ServiceProvider),
                // life.rs: a change within the same company, once granted
                Q::JobChanges => work && s.dates.permit_granted.is_some(),
                Q::PassportRenewed => {
                    work && s.dates.permit_expiry.is_some() && s.dates.passport_expiry.is_some()
                }
                _ => true,
            }
        };
        let ask: Vec<Question> = Question::ALL.into_iter().filter(|q| asks(*q)).collect();
        let unanswered = ask.iter().copied().filter(|q| !self.answered(*q)).collect();
        if let Some(chosen) = scheme.filter(|c| !schemes.is_empty() && !schemes.contains(c)) {
            schemes.push(chosen);
        }
        // A third party holds the power of attorney on the AR9 route (the
        // representative form); elsewhere only the applicant or the employer
        // (route.rs warns about a third party, FORM-AR6-1).
        let mut powers_of_attorney = vec![PowerOfAttorney::None, PowerOfAttorney::Employer];
        if ar9_route || s.power_of_attorney == Some(PowerOfAttorney::ThirdParty) {
            powers_of_attorney.push(PowerOfAttorney::ThirdParty);
        }
        Questions {
            ask,
            unanswered,
            schemes,
            powers_of_attorney,
        }
    }

    /// Whether the situation answers `q`.
    fn answered(&self, q: Question) -> bool {
        use Question as Q;
        let s = self.s;
        let (d, e, a, h) = (&s.dates, &s.employer, &s.applicant, &s.hours);
        match q {
            Q::Role => s.role.is_some(),
            Q::Scheme => s.scheme.is_some(),
            Q::SiqCategory => s.siq_category.is_some(),
            Q::RegulatedProfession => s.regulated_profession.is_some(),
            Q::ExaminerAppointment => s.examiner_appointment.is_some(),
            Q::JobLossThroughNoFault => s.job_loss_through_no_fault.is_some(),
            Q::EmploymentEnded => d.employment_ended.is_some(),
            Q::Commuter => s.commuter.is_some(),
            Q::EmployerName => e.name.is_some(),
            Q::EmployerRegisteredInDenmark => e.registered_in_denmark.is_some(),
            Q::EmployerLocation => e.location.is_some(),
            Q::EmployerCountry => e.country.is_some(),
            Q::PowerOfAttorney => s.power_of_attorney.is_some(),
            Q::ApplicantName => a.name.is_some(),
            Q::ApplicantBirthDate => a.birth_date.is_some(),
            Q::ApplicantHasMitid => a.has_mitid.is_some(),
            Q::ApplyingFrom => s.applying_from.is_some(),
            Q::SubmissionAtNorwegianMission => s.submission_at_norwegian_mission.is_some(),
            Q::HoldsDanishResidencePermit => s.holds_danish_residence_permit.is_some(),
            Q::SelfSupportDeclaration => s.self_support_declaration.is_some(),
            Q::PassportExpiry => d.passport_expiry.is_some(),
            Q::CaseReference => s.case.reference.is_some(),
            Q::PlannedSubmission => d.planned_submission.is_some(),
            Q::Submitted => d.submitted.is_some(),
            Q::JobStart => d.job_start.is_some(),
            Q::JobEnd => d.job_end.is_some(),
            Q::StayStart => d.stay_start.is_some(),
            Q::PermitGranted => d.permit_granted.is_some(),
            Q::Entry => d.entry.is_some(),
            Q::StayLengthDays => s.stay_length_days.is_some(),
            Q::SalaryPeriod => s.salary.period.is_some(),
            Q::SalaryComponents => !s.salary.components.is_empty(),
            Q::HoursPerWeek => h.per_week.is_some(),
            Q::SidelinePerWeek => h.sideline_per_week.is_some(),
            Q::PartTimeUsualInSport => h.part_time_usual_in_sport.is_some(),
            Q::EmployingClubs => h.employing_clubs.is_some(),
            Q::SponsorStatus => s.sponsor_status.is_some(),
            Q::FamilyRevocations => s.family_revocations_for_missing_work_permit.is_some(),
            Q::JobPostedJobnetEures => d.job_posted_jobnet_eures.is_some(),
            Q::FinesDkk => s.fines_dkk.is_some(),
            Q::UnemploymentRatePercent => s.unemployment_rate_percent.is_some(),
            Q::LegalResidenceInDenmark => s.legal_residence_in_denmark.is_some(),
            Q::JobEndReason => s.job_end_reason.is_some(),
            // sideline hours say there is one (facts.rs)
            Q::SideJobPlanned => self.side_job_planned().is_some(),
            Q::SideJobEmployer => s.side_job.employer.is_some(),
            Q::SideJobRelation => s.side_job.relation.is_some(),
            Q::Family => !s.family.is_empty(),
            Q::PermitExpiry => d.permit_expiry.is_some(),
            Q::PassportRenewed => d.passport_renewed.is_some(),
            Q::BiometricsAppointment => d.biometrics_appointment.is_some(),
            Q::JobSeekingApplied => d.job_seeking_applied.is_some(),
            Q::AbroadFrom => d.abroad_from.is_some(),
            Q::AbroadUntil => d.abroad_until.is_some(),
            Q::DanishAddressGivenUp => s.danish_address_given_up.is_some(),
            Q::StationedAbroadByEmployer => s.stationed_abroad_by_employer.is_some(),
            Q::SalaryWhileAbroad => s.salary_while_abroad.is_some(),
            Q::StaysPerYear => s.stays_per_year.is_some(),
            Q::JobChanges => !s.job_changes.is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::questions::Question;
    use crate::situation::{PowerOfAttorney, Scheme};
    use crate::{plan, Lang, Options, RuleSet, Situation};

    fn questions(json: &str) -> crate::questions::Questions {
        let s = Situation::from_json(json, "q.json").unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        plan(
            &s,
            RuleSet::embedded(),
            &Options {
                today,
                lang: Lang::En,
            },
        )
        .coverage
        .questions
    }

    #[test]
    fn a_third_party_is_offered_where_the_engine_routes_to_ar9_also_by_inference() {
        // Issue 12, item 3: a service provider whose employer is outside the
        // EU goes to AR9 even with the registration unanswered; the UI's own
        // copy of the rules hid the third party there.
        let inferred =
            r#"{"role":"service_provider","scheme":"pay_limit","employer":{"location":"non_eu"}}"#;
        let s = Situation::from_json(inferred, "q.json").unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let p = plan(
            &s,
            RuleSet::embedded(),
            &Options {
                today,
                lang: Lang::En,
            },
        );
        assert_eq!(p.forms[0].form, crate::plan::Form::AR9);
        assert!(p
            .coverage
            .questions
            .powers_of_attorney
            .contains(&PowerOfAttorney::ThirdParty));
        // The same employer for an employee: no route inferred, no third party.
        let q = questions(
            r#"{"role":"employee","scheme":"pay_limit","employer":{"location":"non_eu"}}"#,
        );
        assert_eq!(
            q.powers_of_attorney,
            [PowerOfAttorney::None, PowerOfAttorney::Employer]
        );
        // An employer in another EU country: not covered, no third party.
        let q = questions(
            r#"{"role":"service_provider","scheme":"pay_limit","employer":{"location":"eu","registered_in_denmark":false}}"#,
        );
        assert!(!q.powers_of_attorney.contains(&PowerOfAttorney::ThirdParty));
    }

    #[test]
    fn the_questions_follow_the_answers_in_order() {
        let empty = questions("{}");
        assert_eq!(empty.ask[0], Question::Role);
        assert!(
            !empty.ask.contains(&Question::Scheme),
            "no scheme before a role"
        );
        assert!(!empty.ask.contains(&Question::SalaryPeriod));
        assert_eq!(empty.ask, empty.unanswered);
        assert!(empty.schemes.is_empty());

        let sp = questions(r#"{"role":"service_provider"}"#);
        assert!(sp.ask.contains(&Question::Scheme));
        assert!(!sp.schemes.contains(&Scheme::Researcher));
        assert!(!sp.unanswered.contains(&Question::Role));
        assert!(!sp.ask.contains(&Question::JobPostedJobnetEures));
        let supp = questions(r#"{"role":"service_provider","scheme":"supplementary_pay_limit"}"#);
        assert!(supp.ask.contains(&Question::JobPostedJobnetEures));
        assert!(supp.ask.contains(&Question::FinesDkk));
        // A researcher is asked about examiner work; the end of a lost job
        // only once the loss is answered yes.
        let r = questions(
            r#"{"role":"employee","scheme":"researcher","job_loss_through_no_fault":false}"#,
        );
        assert!(r.ask.contains(&Question::ExaminerAppointment));
        assert!(!r.ask.contains(&Question::EmploymentEnded));
        let r = questions(
            r#"{"role":"employee","scheme":"researcher","job_loss_through_no_fault":true}"#,
        );
        assert!(r.ask.contains(&Question::EmploymentEnded));
        // SIQ: athletes' questions for an athlete or a coach, not a chef.
        let chef = questions(
            r#"{"role":"employee","scheme":"special_individual_qualifications","siq_category":"chef"}"#,
        );
        assert!(chef.ask.contains(&Question::SiqCategory));
        assert!(!chef.ask.contains(&Question::EmployingClubs));
        let coach = questions(
            r#"{"role":"employee","scheme":"special_individual_qualifications","siq_category":"coach"}"#,
        );
        assert!(coach.ask.contains(&Question::EmployingClubs));
        // In the interview's order.
        let pos = |q| Question::ALL.iter().position(|x| *x == q);
        assert!(coach.ask.windows(2).all(|w| pos(w[0]) < pos(w[1])));
    }

    #[test]
    fn question_ids_are_the_situation_paths_and_all_lists_each_once() {
        let mut ids: Vec<String> = Question::ALL
            .iter()
            .map(|q| {
                serde_json::to_value(q)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(ids[0], "role");
        assert!(ids.contains(&"dates.employment_ended".to_owned()));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Question::ALL.len());
    }
}
