//! Which page the plan follows, which forms, and who fills which part in which order — or why no form is proposed (a 2011-only form, another route, a missing answer).

use super::*;

impl Engine<'_> {
    /// Chooses the page and the form, or says why none. Returns whether the
    /// situation is covered.
    pub(super) fn route(&mut self) -> bool {
        let s = self.s;
        let lang = self.lang;
        let legacy = |e: &Self, form: &str, id: &str, who: String| -> (String, Vec<Reason>) {
            (
                tr!(lang, "Forms for {who} ({form}) appear only on the Danish Immigration Service page of 2011, which is superseded. Permit Packet does not choose a form from it. Read SIRI's current page for your situation.",
                    "Skemaer for {who} ({form}) findes kun på Udlændingeservices side fra 2011, som er forældet. Permit Packet vælger ikke skema ud fra den. Læs SIRI's aktuelle side for din situation."),
                vec![e.why_on(id, "001"), e.why_on("SRC-001", "001")],
            )
        };
        match s.role {
            Some(Role::SelfEmployed) => {
                let (m, w) = legacy(
                    self,
                    "AR2",
                    "FORM-AR2-1",
                    tr!(lang, "self-employed people", "selvstændige"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::Greencard) => {
                let (m, w) = legacy(
                    self,
                    "GR1",
                    "FORM-GR1-1",
                    tr!(lang, "the greencard scheme", "greencard-ordningen"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::ReligiousWorker) => {
                let (m, w) = legacy(
                    self,
                    "RF1",
                    "FORM-RF1-1",
                    tr!(lang, "religious workers", "forkyndere"),
                );
                return self.not_covered(m, w);
            }
            Some(Role::CorporateApproval) => {
                let (m, w) = legacy(
                    self,
                    "AR4",
                    "FORM-AR4-1",
                    tr!(lang, "corporate approval", "koncerngodkendelse"),
                );
                return self.not_covered(m, w);
            }
            _ => {}
        }
        if matches!(s.scheme, Some(Scheme::GuestResearcher | Scheme::PhdStudent)) {
            let w = vec![self.why_on("RESEARCH-1", "003")];
            return self.not_covered(
                tr!(lang,
                    "Guest researchers and Ph.D. students apply through another page, which Permit Packet does not have. Read SIRI's page for guest researchers or Ph.D. students.",
                    "Gæsteforskere og ph.d.-studerende søger via en anden side, som Permit Packet ikke har. Læs SIRI's side for gæsteforskere eller ph.d.-studerende."),
                w,
            );
        }
        if s.employer.location == Some(Location::Eu) {
            let w = vec![self.why_on("SP-1", "002")];
            return self.not_covered(
                tr!(lang,
                    "Your employer is located in another EU country. The page says to apply for EU residence as a posted worker instead — not with AR9 or AR1. Read SIRI's page on EU residence for posted workers.",
                    "Din arbejdsgiver ligger i et andet EU-land. Siden siger, at du i stedet skal søge EU-ophold som udstationeret — ikke med AR9 eller AR1. Læs SIRI's side om EU-ophold for udstationerede."),
                w,
            );
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
                    "role" => tr!(lang, "your role (employee, or service provider employed abroad)", "din rolle (ansat, eller serviceyder ansat i udlandet)"),
                    "scheme" => tr!(lang, "the scheme (researcher, special individual qualifications, Pay Limit or Supplementary Pay Limit)", "ordningen (forsker, særlige individuelle kvalifikationer, beløbsordningen eller den supplerende beløbsordning)"),
                    _ => tr!(lang, "whether your employer is registered in Denmark", "om din arbejdsgiver er registreret i Danmark"),
                })
                .collect::<Vec<_>>()
                .join("; ");
            self.plan.coverage = Coverage {
                status: CoverageStatus::NeedsAnswers,
                message: tr!(
                    lang,
                    "To choose the form, answer: {list}.",
                    "Besvar følgende for at vælge skema: {list}."
                ),
                why: vec![],
                missing,
            };
            return false;
        }
        let scheme = s.scheme.unwrap_or(Scheme::PayLimit);
        let poa = s.power_of_attorney.unwrap_or_default();
        if registered == Some(false) {
            // Employer abroad, not registered in Denmark: the service-provider page.
            self.set_page("002");
            if scheme == Scheme::Researcher {
                let w = vec![self.why("SP-15")];
                return self.not_covered(
                    tr!(lang,
                        "A service provider applies under the Pay Limit, the Supplementary Pay Limit or the special individual qualifications scheme; the service-provider page does not cover researchers. Read SIRI's researcher page with your employer.",
                        "En serviceyder søger under beløbsordningen, den supplerende beløbsordning eller ordningen for særlige individuelle kvalifikationer; siden for serviceydere dækker ikke forskere. Læs SIRI's forskerside sammen med din arbejdsgiver."),
                    w,
                );
            }
            let (parts, msg) = match poa {
                PowerOfAttorney::None => (
                    vec![
                        Part { order: 1, who: tr!(lang, "Your employer abroad", "Din arbejdsgiver i udlandet"), task: tr!(lang, "Fills in one of the two parts of AR9.", "Udfylder den ene af AR9's to dele.") },
                        Part { order: 1, who: tr!(lang, "You", "Dig"), task: tr!(lang, "Fill in the other part. The page states no order between the two parts.", "Udfylder den anden del. Siden angiver ingen rækkefølge mellem de to dele.") },
                    ],
                    tr!(lang, "Your form is AR9: your employer is abroad and not registered in Denmark, so the online forms cannot be used. AR9 is a paper/PDF form: scan it and send it through SIRI's contact form, or hand it in at the nearest Danish representation abroad.",
                        "Dit skema er AR9: din arbejdsgiver er i udlandet og ikke registreret i Danmark, så de digitale skemaer kan ikke bruges. AR9 er et papir-/PDF-skema: scan det og send det via SIRI's kontaktformular, eller aflever det på nærmeste danske repræsentation i udlandet."),
                ),
                PowerOfAttorney::Employer | PowerOfAttorney::ThirdParty => (
                    vec![
                        Part { order: 1, who: tr!(lang, "Your employer abroad", "Din arbejdsgiver i udlandet"), task: tr!(lang, "Fills in the employer's part of AR9.", "Udfylder arbejdsgiverens del af AR9.") },
                        Part { order: 1, who: if poa == PowerOfAttorney::Employer { tr!(lang, "Your employer, as your representative", "Din arbejdsgiver som din repræsentant") } else { tr!(lang, "Your representative (third party)", "Din repræsentant (tredjepart)") }, task: tr!(lang, "Fills in AR9 on your behalf under your power of attorney. The page does not say whether the representative also fills in the employer's part.", "Udfylder AR9 på dine vegne med din fuldmagt. Siden siger ikke, om repræsentanten også udfylder arbejdsgiverens del.") },
                    ],
                    tr!(lang, "Your form is AR9, filled in by your representative under your power of attorney. On this route there is no separate form for a power of attorney (AR6 belongs to the AR1 route).",
                        "Dit skema er AR9, udfyldt af din repræsentant med din fuldmagt. På denne vej findes der ikke et særskilt fuldmagtsskema (AR6 hører til AR1-vejen)."),
                ),
            };
            let mut why = self.whys(&["FORM-AR9-1", "FORM-AR9-2", "FORM-AR9-5"]);
            if poa != PowerOfAttorney::None {
                why.push(self.why("FORM-AR9-3"));
            }
            let applicant = self.applicant_label();
            self.plan.forms.push(FormPlan {
                form: "AR9".into(),
                applicant,
                channel: Channel::Paper,
                parts,
                message: msg,
                why,
            });
            self.plan.coverage = Coverage {
                status: CoverageStatus::Covered,
                message: tr!(
                    lang,
                    "This plan follows SIRI's page for service providers (AR9).",
                    "Planen følger SIRI's side for serviceydere (AR9)."
                ),
                why: vec![self.why("FORM-AR9-5")],
                missing: vec![],
            };
            return true;
        }
        // Employer registered in Denmark.
        let page = match scheme {
            Scheme::Researcher => "003",
            Scheme::SpecialIndividualQualifications => "004",
            _ => {
                let w = vec![
                    self.why_on("PAY-LIMIT-8", "001"),
                    self.why_on("SRC-001", "001"),
                    self.why_on("PAY-LIMIT-1", "002"),
                ];
                return self.not_covered(
                    tr!(lang,
                        "None of Permit Packet's current pages covers a Pay Limit or Supplementary Pay Limit job with an employer registered in Denmark. The 2011 page listed such employees under AR1, but it is superseded, so no form is proposed. Read SIRI's current page for your scheme.",
                        "Ingen af Permit Packets aktuelle sider dækker et job under beløbsordningen eller den supplerende beløbsordning hos en arbejdsgiver registreret i Danmark. Siden fra 2011 henviste sådanne ansatte til AR1, men den er forældet, så der foreslås intet skema. Læs SIRI's aktuelle side for din ordning."),
                    w,
                );
            }
        };
        self.set_page(page);
        let applicant = self.applicant_label();
        if poa == PowerOfAttorney::Employer {
            let why = self.whys(&["FORM-AR6-1", "FORM-AR6-2", "FORM-GEN-1"]);
            self.plan.forms.push(FormPlan {
                form: "AR6".into(),
                applicant,
                channel: Channel::Online,
                parts: vec![Part { order: 1, who: tr!(lang, "Your employer", "Din arbejdsgiver"), task: tr!(lang, "Fills in the whole AR6 form alone, under your power of attorney.", "Udfylder hele AR6-skemaet alene med din fuldmagt.") }],
                message: tr!(lang, "Your form is AR6: you have given your employer power of attorney, so your employer applies for you and fills in the form alone.", "Dit skema er AR6: du har givet din arbejdsgiver fuldmagt, så din arbejdsgiver søger for dig og udfylder skemaet alene."),
                why,
            });
        } else {
            let why = self.whys(&["FORM-AR1-1", "FORM-AR1-2", "FORM-GEN-1"]);
            self.plan.forms.push(FormPlan {
                form: "AR1".into(),
                applicant,
                channel: Channel::Online,
                parts: vec![
                    Part { order: 1, who: tr!(lang, "Your employer", "Din arbejdsgiver"), task: tr!(lang, "Fills in its part first. It then gets a reference number and password and passes them on to you.", "Udfylder sin del først. Derefter får den et referencenummer og en adgangskode, som den giver videre til dig.") },
                    Part { order: 2, who: tr!(lang, "You", "Dig"), task: tr!(lang, "Open the online application with the reference number and password and fill in your part.", "Åbn den digitale ansøgning med referencenummeret og adgangskoden, og udfyld din del.") },
                ],
                message: tr!(lang, "Your form is AR1. Your employer fills in its part first, then you.", "Dit skema er AR1. Din arbejdsgiver udfylder sin del først, derefter dig."),
                why,
            });
            if poa == PowerOfAttorney::ThirdParty {
                let w = self.whys(&["FORM-AR6-1"]);
                self.warn("third_party_poa", Severity::Caution,
                    tr!(lang, "You named a third party with power of attorney. This page describes a power of attorney only to the employer (form AR6); it does not say how a third party applies for you. Ask SIRI before relying on it.",
                        "Du har angivet en tredjepart med fuldmagt. Siden beskriver kun fuldmagt til arbejdsgiveren (skema AR6); den siger ikke, hvordan en tredjepart søger for dig. Spørg SIRI, før du regner med det."),
                    w);
            }
        }
        let title = if page == "003" {
            tr!(lang, "researchers", "forskere")
        } else {
            tr!(
                lang,
                "special individual qualifications",
                "særlige individuelle kvalifikationer"
            )
        };
        let why = if page == "003" {
            vec![self.why("RESEARCH-5")]
        } else {
            vec![self.why("SIQ-10")]
        };
        self.plan.coverage = Coverage {
            status: CoverageStatus::Covered,
            message: tr!(
                lang,
                "This plan follows SIRI's page for {title} (AR1/AR6).",
                "Planen følger SIRI's side for {title} (AR1/AR6)."
            ),
            why,
            missing: vec![],
        };
        true
    }

    pub(super) fn applicant_label(&self) -> String {
        self.s
            .applicant
            .name
            .clone()
            .unwrap_or_else(|| tr!(self.lang, "The applicant", "Ansøgeren"))
    }

    pub(super) fn commuter_exempt(&self) -> bool {
        self.s.commuter == Some(true) && self.page != "002"
    }
}
