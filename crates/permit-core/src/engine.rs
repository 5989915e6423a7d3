//! The engine: situation + rules + today → [`Plan`].
//!
//! Every conclusion cites the page of the applicant's scheme (RULES.md §20:
//! where pages contradict each other, the applicant's page decides, and the
//! plan says which page it followed). Numbers, day counts and language lists
//! come from the rule data, never from this file.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::dates::{
    self, CONVENTION_AGE, CONVENTION_AGE_DA, CONVENTION_DAYS_AFTER, CONVENTION_EARLY,
    CONVENTION_STAY_LENGTH, CONVENTION_STAY_LENGTH_DA,
};
use crate::documents::{language_code, language_name_in};
use crate::format::{date as fdate, money};
use crate::plan::*;
use crate::rules::{DocCondition, Period, RuleSet, Value};
use crate::situation::*;

/// Options of one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Today's date (for countdowns, overdue states and the age of the rules).
    pub today: NaiveDate,
    /// Language of the messages.
    pub lang: Lang,
}

macro_rules! tr {
    ($lang:expr, $en:literal, $da:literal $(,)?) => {
        match $lang {
            Lang::En => format!($en),
            Lang::Da => format!($da),
        }
    };
}

/// Makes the plan for a checked situation.
pub fn plan(s: &Situation, rules: &RuleSet, opts: &Options) -> Plan {
    let as_of = s.submission_date().unwrap_or(opts.today);
    let mut e = Engine {
        s,
        rules,
        lang: opts.lang,
        today: opts.today,
        as_of,
        page: "",
        regulated_used: false,
        unstated_year_used: Vec::new(),
        plan: Plan {
            plan_format: PLAN_FORMAT,
            language: opts.lang,
            rules: RulesInfo {
                version: rules.rules_version.clone(),
                checked_on: rules.checked_on,
                as_of,
                today: opts.today,
            },
            case_name: s.case.name.clone(),
            applicant_name: s.applicant.name.clone(),
            page: None,
            coverage: Coverage {
                status: CoverageStatus::Covered,
                message: String::new(),
                why: vec![],
                missing: vec![],
            },
            forms: vec![],
            fee: None,
            case_order_id: None,
            biometrics: None,
            family: vec![],
            documents: vec![],
            document_notes: vec![],
            deadlines: vec![],
            checks: vec![],
            warnings: vec![],
            notes: vec![],
            disclaimer: Note {
                id: String::new(),
                message: String::new(),
                why: vec![],
            },
        },
    };
    e.run();
    e.plan
}

struct Engine<'a> {
    s: &'a Situation,
    rules: &'a RuleSet,
    lang: Lang,
    today: NaiveDate,
    as_of: NaiveDate,
    /// The page the plan follows ("" until decided).
    page: &'static str,
    regulated_used: bool,
    unstated_year_used: Vec<String>,
    plan: Plan,
}

fn is_partner(r: Option<Relation>) -> bool {
    matches!(
        r,
        Some(Relation::Spouse | Relation::RegisteredPartner | Relation::CohabitingPartner)
    )
}

impl Engine<'_> {
    // ---- citations -------------------------------------------------------

    /// The reason for rule `id`, on the plan's page where it is stated there.
    fn why(&self, id: &str) -> Reason {
        self.why_on(id, self.page)
    }

    fn why_on(&self, id: &str, page: &str) -> Reason {
        match self.rules.citation(id, page) {
            Some(c) => Reason {
                rule: c.id.clone(),
                page: c.page.clone(),
                file: self
                    .rules
                    .pages
                    .get(&c.page)
                    .map(|p| p.file.clone())
                    .unwrap_or_default(),
                line: c.line,
                quote: c.quote.clone(),
            },
            // Unreachable with the shipped data (a test walks every id the
            // engine cites); kept total so that edited data cannot panic.
            None => Reason {
                rule: id.to_owned(),
                page: page.to_owned(),
                file: String::new(),
                line: 0,
                quote: String::new(),
            },
        }
    }

    fn whys(&self, ids: &[&str]) -> Vec<Reason> {
        ids.iter().map(|id| self.why(id)).collect()
    }

    fn warn(&mut self, id: &str, severity: Severity, message: String, why: Vec<Reason>) {
        self.plan.warnings.push(Warning {
            id: id.to_owned(),
            severity,
            message,
            why,
        });
    }

    fn note(&mut self, id: &str, message: String, why: Vec<Reason>) {
        self.plan.notes.push(Note {
            id: id.to_owned(),
            message,
            why,
        });
    }

    fn check(&mut self, id: &str, status: CheckStatus, message: String, why: Vec<Reason>) {
        self.plan.checks.push(Check {
            id: id.to_owned(),
            status,
            message,
            why,
        });
    }

    // ---- parameters ------------------------------------------------------

    /// The value of a parameter on the plan's page as of the submission date,
    /// with its reason. Records what the age warnings need.
    fn param(&mut self, name: &str) -> Option<(Value, Reason)> {
        let page = self.page;
        match self.rules.value(name, page, self.as_of) {
            Ok(r) => {
                let reason = self.why_on(&r.citation.id, &r.citation.page);
                if r.param.regulated_every_1_january {
                    self.regulated_used = true;
                    if r.level_year.is_none()
                        && !self.unstated_year_used.contains(&r.param.description)
                    {
                        self.unstated_year_used.push(r.param.description.clone());
                    }
                }
                if let Some(y) = r.level_year {
                    use chrono::Datelike;
                    if self.as_of.year() > y {
                        let desc = r.param.description.clone();
                        let as_of_year = self.as_of.year();
                        self.warn(
                            &format!("level_year:{name}"),
                            Severity::Caution,
                            tr!(self.lang,
                                "{desc}: the page gives this figure at {y} level; your submission falls in {as_of_year}. Check the current figure with SIRI.",
                                "{desc}: siden angiver beløbet i {y}-niveau; din ansøgning indgives i {as_of_year}. Tjek det aktuelle beløb hos SIRI."),
                            vec![reason.clone()],
                        );
                    }
                }
                Some((r.value, reason))
            }
            Err(err) => {
                let (p, d) = (err.parameter.clone(), err.date);
                self.warn(
                    &format!("no_value:{name}"),
                    Severity::Caution,
                    tr!(self.lang,
                        "The rules have no value of `{p}` in force on {d}; this part of the plan is left out.",
                        "Reglerne har ingen værdi af `{p}` gældende {d}; denne del af planen er udeladt."),
                    vec![],
                );
                None
            }
        }
    }

    fn money_param(&mut self, name: &str) -> Option<(Decimal, Reason)> {
        match self.param(name)? {
            (Value::Money(d) | Value::Number(d), r) => Some((d, r)),
            _ => None,
        }
    }

    fn days_param(&mut self, name: &str) -> Option<(u32, Reason)> {
        match self.param(name)? {
            (Value::Days(n), r) => Some((n, r)),
            _ => None,
        }
    }

    fn period_param(&mut self, name: &str) -> Option<(Period, Reason)> {
        match self.param(name)? {
            (Value::Period(p), r) => Some((p, r)),
            (Value::Months(n), r) => Some((Period::Months(n), r)),
            (Value::Days(n), r) => Some((Period::Days(n), r)),
            _ => None,
        }
    }

    fn d(&self, d: NaiveDate) -> String {
        fdate(self.lang, d)
    }

    fn m(&self, x: Decimal) -> String {
        money(self.lang, x)
    }

    #[allow(clippy::too_many_arguments)]
    fn deadline(
        &mut self,
        id: &str,
        label: String,
        kind: DeadlineKind,
        date: NaiveDate,
        computed: String,
        convention: &str,
        remedy: Option<String>,
        why: Vec<Reason>,
    ) {
        let days_left = dates::days_until(self.today, date);
        let status = match kind {
            DeadlineKind::NoLaterThan if days_left < 0 => DeadlineStatus::Overdue,
            DeadlineKind::NoLaterThan if days_left <= 3 => DeadlineStatus::DueSoon,
            DeadlineKind::NoLaterThan => DeadlineStatus::Upcoming,
            DeadlineKind::NotBefore if days_left > 0 => DeadlineStatus::NotYet,
            DeadlineKind::NotBefore => DeadlineStatus::Open,
            DeadlineKind::Date => DeadlineStatus::Info,
        };
        self.plan.deadlines.push(Deadline {
            id: id.to_owned(),
            label,
            kind,
            date,
            computed,
            convention: dates::convention_in(convention, self.lang),
            days_left,
            status,
            remedy,
            why,
        });
    }

    // ---- the plan --------------------------------------------------------

    fn run(&mut self) {
        self.disclaimer();
        if !self.route() {
            self.rules_age();
            self.sort();
            return;
        }
        self.fee_and_steps();
        self.family();
        self.documents();
        self.dates();
        self.salary();
        self.hours();
        self.supplementary_conditions();
        self.scheme_notes();
        self.rules_age();
        self.sort();
    }

    fn sort(&mut self) {
        self.plan.warnings.sort_by_key(|w| w.severity);
        self.plan.deadlines.sort_by_key(|d| d.date);
    }

    fn disclaimer(&mut self) {
        let checked = self.d(self.rules.checked_on);
        self.plan.disclaimer = Note {
            id: "cannot_say_granted".into(),
            message: tr!(self.lang,
                "Permit Packet cannot tell whether a permit will be granted — nor can SIRI before it has processed the application. This plan only applies the official pages, last checked on {checked}; every statement links to the page it comes from.",
                "Permit Packet kan ikke sige, om du får tilladelse — det kan SIRI heller ikke, før sagen er behandlet. Planen anvender kun de officielle sider, senest kontrolleret {checked}; hvert udsagn henviser til siden, det stammer fra."),
            why: vec![self.why_on("PHONE-7", "000")],
        };
    }

    fn not_covered(&mut self, message: String, why: Vec<Reason>) -> bool {
        self.plan.coverage = Coverage {
            status: CoverageStatus::NotCovered,
            message,
            why,
            missing: vec![],
        };
        false
    }

    fn set_page(&mut self, page: &'static str) {
        self.page = page;
        if let Some(p) = self.rules.pages.get(page) {
            self.plan.page = Some(PageRef {
                id: page.to_owned(),
                file: p.file.clone(),
                title: p.title.clone(),
            });
        }
    }

    /// Chooses the page and the form, or says why none. Returns whether the
    /// situation is covered.
    fn route(&mut self) -> bool {
        let s = self.s;
        let lang = self.lang;
        let legacy = |e: &Self,
                      form: &str,
                      id: &str,
                      who_en: &str,
                      who_da: &str|
         -> (String, Vec<Reason>) {
            (
                match lang {
                    Lang::En => format!("Forms for {who_en} ({form}) appear only on the Danish Immigration Service page of 2011, which is superseded. Permit Packet does not choose a form from it. Read SIRI's current page for your situation."),
                    Lang::Da => format!("Skemaer for {who_da} ({form}) findes kun på Udlændingeservices side fra 2011, som er forældet. Permit Packet vælger ikke skema ud fra den. Læs SIRI's aktuelle side for din situation."),
                },
                vec![e.why_on(id, "001"), e.why_on("SRC-001", "001")],
            )
        };
        match s.role {
            Some(Role::SelfEmployed) => {
                let (m, w) = legacy(
                    self,
                    "AR2",
                    "FORM-AR2-1",
                    "self-employed people",
                    "selvstændige",
                );
                return self.not_covered(m, w);
            }
            Some(Role::Greencard) => {
                let (m, w) = legacy(
                    self,
                    "GR1",
                    "FORM-GR1-1",
                    "the greencard scheme",
                    "greencard-ordningen",
                );
                return self.not_covered(m, w);
            }
            Some(Role::ReligiousWorker) => {
                let (m, w) = legacy(self, "RF1", "FORM-RF1-1", "religious workers", "forkyndere");
                return self.not_covered(m, w);
            }
            Some(Role::CorporateApproval) => {
                let (m, w) = legacy(
                    self,
                    "AR4",
                    "FORM-AR4-1",
                    "corporate approval",
                    "koncerngodkendelse",
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
                .map(|f| match (lang, f.as_str()) {
                    (Lang::En, "role") => "your role (employee, or service provider employed abroad)",
                    (Lang::En, "scheme") => "the scheme (researcher, special individual qualifications, Pay Limit or Supplementary Pay Limit)",
                    (Lang::En, _) => "whether your employer is registered in Denmark",
                    (Lang::Da, "role") => "din rolle (ansat, eller serviceyder ansat i udlandet)",
                    (Lang::Da, "scheme") => "ordningen (forsker, særlige individuelle kvalifikationer, beløbsordningen eller den supplerende beløbsordning)",
                    (Lang::Da, _) => "om din arbejdsgiver er registreret i Danmark",
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
        let (title_en, title_da) = if page == "003" {
            ("researchers", "forskere")
        } else {
            (
                "special individual qualifications",
                "særlige individuelle kvalifikationer",
            )
        };
        let why = if page == "003" {
            vec![self.why("RESEARCH-5")]
        } else {
            vec![self.why("SIQ-10")]
        };
        self.plan.coverage = Coverage {
            status: CoverageStatus::Covered,
            message: match lang {
                Lang::En => format!("This plan follows SIRI's page for {title_en} (AR1/AR6)."),
                Lang::Da => format!("Planen følger SIRI's side for {title_da} (AR1/AR6)."),
            },
            why,
            missing: vec![],
        };
        true
    }

    fn applicant_label(&self) -> String {
        self.s
            .applicant
            .name
            .clone()
            .unwrap_or_else(|| tr!(self.lang, "The applicant", "Ansøgeren"))
    }

    fn commuter_exempt(&self) -> bool {
        self.s.commuter == Some(true) && self.page != "002"
    }

    fn fee_and_steps(&mut self) {
        let lang = self.lang;
        if self.commuter_exempt() {
            let why = self.whys(&["FEE-4"]);
            self.plan.fee = Some(Fee { required: false, amount_dkk: None, message: tr!(lang, "As a commuter who will not live in Denmark and applies only for a work permit, you pay no fee and create no case order ID; go straight to the form.", "Som pendler, der ikke skal bo i Danmark og kun søger arbejdstilladelse, betaler du ikke gebyr og opretter ikke sagsbestillings-ID; gå direkte til skemaet."), why: why.clone() });
            self.plan.case_order_id = Some(Requirement {
                required: false,
                message: tr!(
                    lang,
                    "No case order ID is needed for commuters.",
                    "Pendlere skal ikke oprette sagsbestillings-ID."
                ),
                why,
            });
            let why = self.whys(&["BIO-6"]);
            self.plan.biometrics = Some(Requirement {
                required: false,
                message: tr!(
                    lang,
                    "Commuters who do not reside in Denmark do not have their biometrics recorded.",
                    "Pendlere, der ikke bor i Danmark, skal ikke have optaget biometri."
                ),
                why,
            });
            return;
        }
        if self.s.commuter == Some(true) && self.page == "002" {
            let w = self.whys(&["COMM-3"]);
            self.warn("commuter_not_on_page", Severity::Info,
                tr!(lang, "The service-provider page says nothing about commuters: the fee, the case order ID and biometrics apply as it states them.", "Siden for serviceydere nævner ikke pendlere: gebyr, sagsbestillings-ID og biometri gælder, som siden beskriver dem."),
                w);
        }
        if let Some((amount, r)) = self.money_param("fee_dkk") {
            let a = self.m(amount);
            let mut why = vec![r];
            why.push(self.why("FEE-2"));
            self.plan.fee = Some(Fee {
                required: true,
                amount_dkk: Some(amount),
                message: tr!(
                    lang,
                    "Pay the processing fee of {a} before you submit.",
                    "Betal behandlingsgebyret på {a}, før du indgiver ansøgningen."
                ),
                why,
            });
        }
        let why = self.whys(&["FEE-2", "CASEID-1"]);
        self.plan.case_order_id = Some(Requirement {
            required: true,
            message: tr!(lang, "Create a case order ID before you submit; the application counts as submitted only when the case order ID, the fee, the form and your biometrics are all done.", "Opret et sagsbestillings-ID, før du indgiver; ansøgningen er først indgivet, når sagsbestillings-ID, gebyr, skema og biometri er klaret."),
            why,
        });
        let why = self.whys(&["DEADLINE-BIO-1", "BIO-2"]);
        let message = match self.days_param("biometrics_days") {
            Some((n, _)) => tr!(lang, "Have your facial photo and fingerprints recorded no later than {n} days after you submit. Refusing biometrics means the application is rejected.", "Få taget ansigtsfoto og fingeraftryk senest {n} dage efter, du har indgivet. Afviser du biometri, bliver ansøgningen afvist."),
            None => tr!(lang, "Have your facial photo and fingerprints recorded after you submit. Refusing biometrics means the application is rejected.", "Få taget ansigtsfoto og fingeraftryk, efter du har indgivet. Afviser du biometri, bliver ansøgningen afvist."),
        };
        self.plan.biometrics = Some(Requirement {
            required: true,
            message,
            why,
        });
    }

    fn family(&mut self) {
        let lang = self.lang;
        let members = self.s.family.clone();
        if members.is_empty() {
            return;
        }
        let submission = self.s.submission_date();
        // Without the age limit in the data nothing can be said about the
        // children (the missing value is already reported as a warning).
        let Some((limit, _)) = self.money_param("child_age_limit_years") else {
            return;
        };
        let lim = limit.normalize();
        let partner_name = members.iter().find(|m| is_partner(m.relation)).map(|m| {
            m.name
                .clone()
                .unwrap_or_else(|| tr!(lang, "your spouse/partner", "din ægtefælle/partner"))
        });
        let mut included: Vec<String> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let name = m.name.clone().unwrap_or_else(|| match lang {
                Lang::En => format!("Family member {}", i + 1),
                Lang::Da => format!("Familiemedlem {}", i + 1),
            });
            let age = match (m.birth_date, submission) {
                (Some(b), Some(s)) => Some(dates::completed_years(b.0, s)),
                _ => None,
            };
            let (outcome, message, why) = if is_partner(m.relation) {
                ("own_application", tr!(lang, "{name} submits an own application on form FA8. The form's name comes from the 2011 page; the current pages say a spouse or partner can be granted a permit but name no form.", "{name} indgiver sin egen ansøgning på skema FA8. Skemaets navn stammer fra siden fra 2011; de aktuelle sider siger, at ægtefælle eller partner kan få tilladelse, men nævner intet skema."), vec![self.why_on("FORM-FA8-1", "001"), self.why_on("FORM-FA8-2", "001"), self.why("FAM-1")])
            } else {
                match (age, m.living_at_home) {
                    (_, Some(false)) => ("not_included", tr!(lang, "{name} does not live at home; the page covers children under {lim} living at home.", "{name} bor ikke hjemme; siden dækker børn under {lim}, der bor hjemme."), vec![self.why("FAM-1")]),
                    (Some(a), _) if Decimal::from(a) >= limit => ("not_included", tr!(lang, "{name} is {a} on the submission date and so not under {lim}: not covered as an accompanying child.", "{name} er {a} år på ansøgningsdatoen og dermed ikke under {lim}: ikke omfattet som medfølgende barn."), vec![self.why("FAM-1")]),
                    (Some(a), _) => match &partner_name {
                        Some(p) => {
                            included.push(name.clone());
                            ("included", tr!(lang, "{name} ({a}) is under {lim}: include the child in {p}'s FA8 application.", "{name} ({a} år) er under {lim}: barnet medtages i {p}s FA8-ansøgning."), vec![self.why_on("FORM-FA8-1", "001"), self.why("FAM-1")])
                        }
                        None => ("unknown", tr!(lang, "{name} ({a}) is under {lim}. The pages say children are included in the spouse's or partner's application, but not how a child applies without one. Ask SIRI.", "{name} ({a} år) er under {lim}. Siderne siger, at børn medtages i ægtefællens eller partnerens ansøgning, men ikke hvordan et barn søger uden. Spørg SIRI."), vec![self.why_on("FORM-FA8-1", "001")]),
                    },
                    (None, _) => ("unknown", tr!(lang, "Give {name}'s birth date and the submission date to see whether the child is under {lim}.", "Angiv {name}s fødselsdato og ansøgningsdatoen for at se, om barnet er under {lim}."), vec![self.why("FAM-1")]),
                }
            };
            self.plan.family.push(FamilyOutcome {
                name,
                relation: m.relation,
                age,
                outcome: outcome.into(),
                message,
                why,
            });
        }
        if let Some(p) = partner_name {
            let parts = vec![Part {
                order: 1,
                who: p.clone(),
                task: tr!(
                    lang,
                    "Fills in and submits FA8 as an own application.",
                    "Udfylder og indgiver FA8 som egen ansøgning."
                ),
            }];
            let children = if included.is_empty() {
                String::new()
            } else {
                match lang {
                    Lang::En => format!(" Children included: {}.", included.join(", ")),
                    Lang::Da => format!(" Børn, der medtages: {}.", included.join(", ")),
                }
            };
            let message = match lang {
                Lang::En => format!("Accompanying family: {p} applies on FA8.{children}"),
                Lang::Da => format!("Medfølgende familie: {p} søger på FA8.{children}"),
            };
            let why = vec![
                self.why_on("FORM-FA8-1", "001"),
                self.why_on("FORM-FA8-2", "001"),
                self.why("FAM-1"),
            ];
            self.plan.forms.push(FormPlan {
                form: "FA8".into(),
                applicant: p,
                channel: Channel::NotStated,
                parts,
                message,
                why,
            });
        }
        let ages_note = tr!(lang, "{CONVENTION_AGE}", "{CONVENTION_AGE_DA}");
        self.note("age_convention", ages_note, vec![]);
        if self.page == "004" {
            let w = self.whys(&["SIQ-5"]);
            match self.s.family_revocations_for_missing_work_permit {
                Some(n) if n > 1 => self.check("siq_family_revocations", CheckStatus::Fail, tr!(lang, "A family member's permit was revoked {n} times for lack of a work permit; the scheme requires that this happened no more than once.", "Et familiemedlems tilladelse er inddraget {n} gange pga. manglende arbejdstilladelse; ordningen kræver, at det højst er sket én gang."), w),
                Some(n) => self.check("siq_family_revocations", CheckStatus::Pass, tr!(lang, "Revocations of a family member's permit for lack of a work permit: {n} (no more than once is required).", "Inddragelser af et familiemedlems tilladelse pga. manglende arbejdstilladelse: {n} (højst én gang er kravet)."), w),
                None => self.check("siq_family_revocations", CheckStatus::Unknown, tr!(lang, "Say how many times an accompanying family member's permit was revoked for lack of a work permit (more than once disqualifies).", "Angiv, hvor mange gange et medfølgende familiemedlems tilladelse er inddraget pga. manglende arbejdstilladelse (mere end én gang udelukker)."), w),
            }
        }
    }

    fn condition(&self, c: DocCondition) -> bool {
        let s = self.s;
        match c {
            DocCondition::Always => true,
            DocCondition::AthleteOrCoach => matches!(
                s.siq_category,
                Some(SiqCategory::Athlete | SiqCategory::Coach)
            ),
            DocCondition::Siq => s.scheme == Some(Scheme::SpecialIndividualQualifications),
            DocCondition::Chef => s.siq_category == Some(SiqCategory::Chef),
            DocCondition::NoMitid => s.applicant.has_mitid == Some(false),
            DocCondition::PowerOfAttorney => {
                !matches!(s.power_of_attorney, None | Some(PowerOfAttorney::None))
            }
            DocCondition::NorwegianMission => s.submission_at_norwegian_mission == Some(true),
            DocCondition::RegulatedProfession => s.regulated_profession == Some(true),
            DocCondition::Examiner => s.examiner_appointment == Some(true),
        }
    }

    fn documents(&mut self) {
        let lang = self.lang;
        let accepted: Vec<String> = match self.param("accepted_languages") {
            Some((Value::Languages(l), _)) => l,
            _ => vec![],
        };
        let transl_rule = if self.page == "002" {
            "TRANSL-1"
        } else {
            "TRANSL-2"
        };
        let rules = self.rules;
        for doc in &rules.documents {
            let Some(cite) = doc.cites.iter().find(|c| c.page == self.page) else {
                continue;
            };
            if !self.condition(doc.when) {
                continue;
            }
            let state = self
                .s
                .documents
                .iter()
                .find(|d| !d.own && d.id.as_deref() == Some(doc.id.as_str()))
                .cloned()
                .unwrap_or_default();
            let name = match lang {
                Lang::En => doc.name.en.clone(),
                Lang::Da => doc.name.da.clone(),
            };
            let why = vec![self.why_on(&cite.cite, &cite.page)];
            let item = self.document_item(
                doc.id.clone(),
                name,
                doc.required,
                false,
                &state,
                &accepted,
                transl_rule,
                why,
            );
            self.plan.documents.push(item);
        }
        let own: Vec<DocumentState> = self.s.documents.iter().filter(|d| d.own).cloned().collect();
        for (i, state) in own.iter().enumerate() {
            let name = state.name.clone().unwrap_or_default();
            let item = self.document_item(
                format!("own:{}", i + 1),
                name,
                true,
                true,
                state,
                &accepted,
                transl_rule,
                vec![],
            );
            self.plan.documents.push(item);
        }
        if self.page == "002" {
            let why = vec![self.why("DOC-9")];
            self.plan.document_notes.push(Note {
                id: "ar9_list_on_form".into(),
                message: tr!(lang, "The list of required documents for AR9 is on the first page of the AR9 form itself, not on SIRI's page. Add those documents here as your own items.", "Listen over de dokumenter, AR9 kræver, står på første side af selve AR9-skemaet, ikke på SIRI's side. Tilføj dem her som dine egne punkter."),
                why,
            });
        } else {
            self.plan.document_notes.push(Note {
                id: "page_list_empty".into(),
                message: tr!(lang, "The page's own checklist did not come through in the copy Permit Packet has; only the documents the page names in its text are listed. The form itself says which documents to attach — add them as your own items.", "Sidens egen tjekliste kom ikke med i Permit Packets kopi; kun de dokumenter, siden nævner i teksten, er med. Selve skemaet siger, hvilke dokumenter der skal vedlægges — tilføj dem som dine egne punkter."),
                why: vec![],
            });
        }
        let list = accepted
            .iter()
            .map(|c| language_name_in(c, lang))
            .collect::<Vec<_>>()
            .join(", ");
        let w = vec![self.why(transl_rule)];
        self.plan.document_notes.push(Note {
            id: "translation_rule".into(),
            message: tr!(lang, "Documents in {list} need no translation under this page; any other language needs a certified translation into Danish or English.", "Dokumenter på {list} skal ikke oversættes efter denne side; andre sprog kræver en bekræftet oversættelse til dansk eller engelsk."),
            why: w,
        });
        let pending: Vec<String> = self
            .plan
            .documents
            .iter()
            .filter(|d| {
                d.translation == TranslationNeed::Needed
                    && d.translation_state != TranslationState::Translated
            })
            .map(|d| d.name.clone())
            .collect();
        if !pending.is_empty() {
            let list = pending.join("; ");
            let w = vec![self.why(transl_rule)];
            self.warn("translation_pending", Severity::Caution, tr!(lang, "Not yet translated, but in a language this page does not accept: {list}. Attach a certified translation into Danish or English.", "Endnu ikke oversat, men på et sprog denne side ikke accepterer: {list}. Vedlæg en bekræftet oversættelse til dansk eller engelsk."), w);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn document_item(
        &self,
        id: String,
        name: String,
        required: bool,
        own: bool,
        state: &DocumentState,
        accepted: &[String],
        transl_rule: &str,
        mut why: Vec<Reason>,
    ) -> DocumentItem {
        let lang = self.lang;
        let code = state.language.as_deref().and_then(language_code);
        let translation = match &code {
            None => TranslationNeed::Unknown,
            Some(c) if accepted.iter().any(|a| a == c) => TranslationNeed::NotNeeded,
            Some(_) => TranslationNeed::Needed,
        };
        if translation != TranslationNeed::Unknown {
            why.push(self.why(transl_rule));
        }
        let gathered = if state.gathered {
            tr!(lang, "gathered", "samlet")
        } else {
            tr!(lang, "missing", "mangler")
        };
        let tstate = match (translation, state.translation) {
            (TranslationNeed::Needed, TranslationState::None) => {
                tr!(lang, "; translation needed", "; skal oversættes")
            }
            (TranslationNeed::Needed, TranslationState::Ordered) => {
                tr!(lang, "; translation ordered", "; oversættelse bestilt")
            }
            (TranslationNeed::Needed, TranslationState::Translated) => {
                tr!(lang, "; translated", "; oversat")
            }
            (TranslationNeed::Unknown, _) => {
                tr!(lang, "; language not given", "; sprog ikke angivet")
            }
            _ => String::new(),
        };
        DocumentItem {
            id,
            name,
            required,
            own,
            language: code,
            translation,
            translation_state: state.translation,
            gathered: state.gathered,
            notes: state.notes.clone(),
            status: format!("{gathered}{tstate}"),
            why,
        }
    }

    fn dates(&mut self) {
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
                let pt = match (lang, p) {
                    (Lang::En, _) => p.to_string(),
                    (Lang::Da, Period::Days(n)) => format!("{n} dage"),
                    (Lang::Da, Period::Months(n)) => format!("{n} måneder"),
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
                            let pt = match (lang, p) {
                                (Lang::En, _) => p.to_string(),
                                (Lang::Da, Period::Days(n)) => format!("{n} dage"),
                                (Lang::Da, Period::Months(n)) => format!("{n} måned(er)"),
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

    fn stay_length(&self) -> Option<i64> {
        let s = self.s;
        if let Some(n) = s.stay_length_days {
            return Some(i64::from(n));
        }
        let first = s.dates.entry.or(s.dates.stay_start).or(s.dates.job_start)?;
        let last = s.dates.job_end?;
        Some(dates::stay_length_days(first.0, last.0))
    }

    fn bank_account(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let granted = s.dates.permit_granted.map(|d| d.0);
        let entry = s.dates.entry.map(|d| d.0);
        if s.holds_danish_residence_permit == Some(true) {
            let rule = if self.page == "002" {
                "BANK-2b"
            } else {
                "BANK-3b"
            };
            let w = vec![self.why(rule)];
            let msg = if self.page == "002" {
                tr!(lang, "If your current Danish residence permit is valid for at least 180 days, your salary must go into a Danish bank account from the first payment.", "Hvis din nuværende danske opholdstilladelse gælder i mindst 180 dage, skal lønnen udbetales til en dansk bankkonto fra første udbetaling.")
            } else {
                tr!(lang, "If you already hold a residence permit for no less than 3 months, your salary must go into a Danish bank account from the first payment.", "Har du allerede en opholdstilladelse på mindst 3 måneder, skal lønnen udbetales til en dansk bankkonto fra første udbetaling.")
            };
            self.check("bank_account_now", CheckStatus::Info, msg, w);
        }
        let Some((days, r)) = self.days_param("bank_account_days") else {
            return;
        };
        let stay = self.stay_length();
        if self.page == "002" {
            let Some((limit, lr)) = self.days_param("bank_required_if_stay_exceeds_days") else {
                return;
            };
            match stay {
                Some(n) if n > i64::from(limit) => {}
                Some(n) if n == i64::from(limit) => {
                    let w = vec![lr];
                    self.check("bank_account", CheckStatus::Unknown, tr!(lang, "Your stay is exactly {n} days. The page requires a Danish bank account if the stay exceeds {limit} days and exempts stays of less than {limit} days; it does not say what applies at exactly {limit}. Ask SIRI. ({CONVENTION_STAY_LENGTH})", "Dit ophold er præcis {n} dage. Siden kræver dansk bankkonto, hvis opholdet overstiger {limit} dage, og fritager ophold under {limit} dage; den siger ikke, hvad der gælder ved præcis {limit}. Spørg SIRI. ({CONVENTION_STAY_LENGTH_DA})"), w);
                    return;
                }
                Some(n) => {
                    let w = vec![lr];
                    self.check("bank_account", CheckStatus::Pass, tr!(lang, "Your stay is {n} days, less than {limit}: in practice you need no Danish bank account for your salary. ({CONVENTION_STAY_LENGTH})", "Dit ophold er {n} dage, under {limit}: i praksis skal du ikke have en dansk bankkonto til lønnen. ({CONVENTION_STAY_LENGTH_DA})"), w);
                    return;
                }
                None => {
                    let w = vec![lr];
                    self.check("bank_account", CheckStatus::Unknown, tr!(lang, "Give your entry (or job start) and job end dates: a Danish bank account in your own name is required if the stay exceeds {limit} days.", "Angiv indrejse (eller jobstart) og jobslut: en dansk bankkonto i dit eget navn kræves, hvis opholdet overstiger {limit} dage."), w);
                    return;
                }
            }
            // Required: 180 days from grant, or from entry when entering after the grant.
            let (base, what) = match (granted, entry) {
                (Some(g), Some(e)) if e > g => (e, tr!(lang, "your entry", "din indrejse")),
                (Some(g), _) => (g, tr!(lang, "the permit grant", "tilladelsen blev givet")),
                (None, Some(e)) => (e, tr!(lang, "your entry (the page counts from the grant, or from entry if you enter after it)", "din indrejse (siden regner fra tilladelsen, eller fra indrejse hvis den er senere)")),
                (None, None) => {
                    let w = vec![r];
                    self.check("bank_account", CheckStatus::Unknown, tr!(lang, "Your stay exceeds {limit} days, so your salary must go into a Danish bank account in your own name, opened within {days} days of the permit grant (or of your entry if later). Give those dates to see the deadline.", "Dit ophold overstiger {limit} dage, så lønnen skal udbetales til en dansk bankkonto i dit eget navn, oprettet inden {days} dage efter tilladelsen (eller indrejsen, hvis den er senere). Angiv datoerne for at se fristen."), w);
                    return;
                }
            };
            if let Some(due) = dates::add_days(base, days) {
                let bd = self.d(base);
                self.deadline(
                    "bank_account",
                    tr!(
                        lang,
                        "Open a Danish bank account",
                        "Opret en dansk bankkonto"
                    ),
                    DeadlineKind::NoLaterThan,
                    due,
                    tr!(
                        lang,
                        "{days} days after {bd} ({what})",
                        "{days} dage efter {bd} ({what})"
                    ),
                    CONVENTION_DAYS_AFTER,
                    None,
                    vec![r, lr],
                );
            }
            return;
        }
        // Pages 003/004: 90 days after grant or entry, whichever is later.
        if self.page == "003" {
            if let (Some((limit, lr)), Some(e), Some(end)) = (
                self.days_param("bank_exempt_if_employment_within_days"),
                entry,
                s.dates.job_end,
            ) {
                let n = dates::stay_length_days(e, end.0);
                if n <= i64::from(limit) {
                    self.check("bank_account", CheckStatus::Pass, tr!(lang, "Your employment lasts {n} days from entry, not more than {limit}: the Danish bank account requirement does not apply (it will if the employment is extended beyond {limit} days). ({CONVENTION_STAY_LENGTH})", "Din ansættelse varer {n} dage fra indrejse, højst {limit}: kravet om dansk bankkonto gælder ikke (det gør det, hvis ansættelsen forlænges ud over {limit} dage). ({CONVENTION_STAY_LENGTH_DA})"), vec![lr]);
                    return;
                }
            }
        }
        match (granted, entry) {
            (Some(g), Some(e)) => {
                let base = g.max(e);
                if let Some(due) = dates::add_days(base, days) {
                    let (gd, ed) = (self.d(g), self.d(e));
                    self.deadline("bank_account", tr!(lang, "Open a Danish bank account", "Opret en dansk bankkonto"), DeadlineKind::NoLaterThan, due, tr!(lang, "{days} days after the later of the permit grant ({gd}) and your entry ({ed})", "{days} dage efter det seneste af tilladelsen ({gd}) og din indrejse ({ed})"), CONVENTION_DAYS_AFTER, None, vec![r]);
                }
            }
            _ => self.check("bank_account", CheckStatus::Unknown, tr!(lang, "Your salary must go into a Danish bank account opened no later than {days} days after the permit grant or your entry, whichever is later. Give both dates to see the deadline.", "Lønnen skal udbetales til en dansk bankkonto, oprettet senest {days} dage efter tilladelsen eller indrejsen, alt efter hvad der er senest. Angiv begge datoer for at se fristen."), vec![r]),
        }
    }

    /// Which components count, under the plan's page.
    fn counts(&self, kind: ComponentKind) -> Option<&'static str> {
        use ComponentKind::*;
        match (self.page, kind) {
            ("002", Cash | FixedSupplement) => Some("SAL-1-CASH"),
            ("002", PensionEmployer | PensionEmployee) => Some("SAL-1-PENSION"),
            ("002", HolidayAllowance) => Some("SAL-1-HOLIDAY"),
            ("004", Cash | FixedSupplement) => Some("SAL-2-CASH"),
            ("004", PensionEmployer | PensionEmployee) => Some("SAL-2-PENSION"),
            ("004", HolidayAllowance) => Some("SAL-2-HOLIDAY"),
            ("003", Cash | FixedSupplement) => Some("SAL-3-CASH"),
            ("003", PensionEmployer | PensionEmployee) => Some("SAL-3-PENSION"),
            _ => None,
        }
    }

    fn salary(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let comps = &s.salary.components;
        let Some(period) = s.salary.period else {
            if matches!(
                s.scheme,
                Some(Scheme::PayLimit | Scheme::SupplementaryPayLimit)
            ) && self.page == "002"
            {
                let w = vec![self.why(if s.scheme == Some(Scheme::PayLimit) {
                    "PAY-LIMIT-1"
                } else {
                    "SUPP-PAY-1"
                })];
                self.check(
                    "salary",
                    CheckStatus::Unknown,
                    tr!(
                        lang,
                        "Give the salary components and their period to check the pay limit.",
                        "Angiv lønnens dele og perioden for at tjekke beløbsgrænsen."
                    ),
                    w,
                );
            }
            return;
        };
        let mut total = Decimal::ZERO;
        let mut excluded: Vec<String> = Vec::new();
        let mut why: Vec<Reason> = Vec::new();
        let mut uncertain: Vec<String> = Vec::new();
        for c in comps {
            let (Some(kind), Some(amount)) = (c.kind, c.amount) else {
                continue;
            };
            let label = serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            match self.counts(kind) {
                Some(rule) => {
                    if kind == ComponentKind::HolidayAllowance {
                        let rule5 = "SAL-5";
                        if c.paid_in == Some(PaidIn::FollowingYear)
                            || c.paid_by_current_employer == Some(false)
                        {
                            excluded.push(format!("{label} {}", self.m(amount.0)));
                            why.push(self.why(rule5));
                            continue;
                        }
                        if c.paid_in.is_none() || c.paid_by_current_employer.is_none() {
                            uncertain.push(format!("{label} {}", self.m(amount.0)));
                            why.push(self.why(rule5));
                        }
                    }
                    // Checked: the situation's limits keep the sum far
                    // inside what a decimal holds; an overflow stops here.
                    let Some(sum) = total.checked_add(amount.0) else {
                        return;
                    };
                    total = sum;
                    let r = self.why(rule);
                    if !why.contains(&r) {
                        why.push(r);
                    }
                }
                None => {
                    excluded.push(format!("{label} {}", self.m(amount.0)));
                    let rule = match self.page {
                        "002" => {
                            if kind == ComponentKind::HolidayAllowance {
                                "SAL-1"
                            } else if matches!(
                                kind,
                                ComponentKind::Canteen
                                    | ComponentKind::Car
                                    | ComponentKind::Phone
                                    | ComponentKind::Internet
                                    | ComponentKind::Housing
                            ) {
                                "SAL-6"
                            } else {
                                "SAL-1"
                            }
                        }
                        _ => "SAL-7",
                    };
                    let r = self.why(rule);
                    if !why.contains(&r) {
                        why.push(r);
                    }
                }
            }
        }
        let counted = self.m(total);
        let excl = if excluded.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::En => format!(" Not counted: {}.", excluded.join(", ")),
                Lang::Da => format!(" Medregnes ikke: {}.", excluded.join(", ")),
            }
        };
        let unc = if uncertain.is_empty() {
            String::new()
        } else {
            match lang { Lang::En => format!(" Counted only if paid in the same year by your current employer — say so to be sure: {}.", uncertain.join(", ")), Lang::Da => format!(" Medregnes kun, hvis det udbetales samme år af din nuværende arbejdsgiver — angiv det for at være sikker: {}.", uncertain.join(", ")) }
        };
        let per = match (lang, period) {
            (Lang::En, SalaryPeriod::Year) => "a year",
            (Lang::En, SalaryPeriod::Month) => "a month",
            (Lang::En, SalaryPeriod::Week37h) => "a 37-hour week",
            (Lang::En, SalaryPeriod::Hour) => "an hour",
            (Lang::Da, SalaryPeriod::Year) => "om året",
            (Lang::Da, SalaryPeriod::Month) => "om måneden",
            (Lang::Da, SalaryPeriod::Week37h) => "pr. 37-timers uge",
            (Lang::Da, SalaryPeriod::Hour) => "i timen",
        };
        match (self.page, s.scheme) {
            ("002", Some(sch @ (Scheme::PayLimit | Scheme::SupplementaryPayLimit))) => {
                let pay = sch == Scheme::PayLimit;
                let param = match (pay, period) {
                    (true, SalaryPeriod::Year) => "pay_limit_annual_dkk",
                    (true, SalaryPeriod::Month) => "pay_limit_monthly_dkk",
                    (true, SalaryPeriod::Week37h) => "pay_limit_weekly_37h_dkk",
                    (true, SalaryPeriod::Hour) => "pay_limit_hourly_dkk",
                    (false, SalaryPeriod::Year) => "supplementary_annual_dkk",
                    (false, SalaryPeriod::Month) => "supplementary_monthly_dkk",
                    (false, SalaryPeriod::Week37h) => "supplementary_weekly_37h_dkk",
                    (false, SalaryPeriod::Hour) => "supplementary_hourly_dkk",
                };
                let Some((limit, lr)) = self.money_param(param) else {
                    return;
                };
                let l = self.m(limit);
                let mut all = vec![lr];
                all.extend(why);
                all.push(self.why("PAY-LIMIT-5"));
                if period != SalaryPeriod::Year {
                    all.push(self.why("SAL-9"));
                }
                let scheme_name = if pay {
                    tr!(lang, "Pay Limit", "beløbsgrænsen")
                } else {
                    tr!(
                        lang,
                        "Supplementary Pay Limit",
                        "den supplerende beløbsgrænse"
                    )
                };
                if total >= limit {
                    let over = self.m(total.checked_sub(limit).unwrap_or_default());
                    self.check("salary", CheckStatus::Pass, tr!(lang, "Counted salary {counted} {per} meets the {scheme_name} minimum of {l} {per} (by {over}). Hours do not lower the limit.{excl}{unc}", "Medregnet løn {counted} {per} når {scheme_name}s minimum på {l} {per} (med {over}). Timetallet sænker ikke grænsen.{excl}{unc}"), all);
                } else {
                    let short = self.m(limit.checked_sub(total).unwrap_or_default());
                    self.check("salary", CheckStatus::Fail, tr!(lang, "Counted salary {counted} {per} is {short} under the {scheme_name} minimum of {l} {per}. Every øre counts: the salary must be at least the limit, regardless of working hours.{excl}{unc}", "Medregnet løn {counted} {per} er {short} under {scheme_name}s minimum på {l} {per}. Hver øre tæller: lønnen skal mindst svare til grænsen, uanset arbejdstid.{excl}{unc}"), all.clone());
                    self.warn(
                        "salary_under_limit",
                        Severity::Blocker,
                        tr!(
                            lang,
                            "Salary under the limit by {short}.",
                            "Lønnen er {short} under grænsen."
                        ),
                        all,
                    );
                }
            }
            ("004", _)
                if matches!(
                    s.siq_category,
                    Some(SiqCategory::Athlete | SiqCategory::Coach)
                ) =>
            {
                let mut all = vec![self.why("ATH-8")];
                all.extend(why);
                let param = match s.sponsor_status {
                    Some(SponsorStatus::SingleSponsor) => {
                        "self_sufficiency_single_sponsor_monthly_dkk"
                    }
                    Some(SponsorStatus::Sponsor) => "self_sufficiency_sponsor_monthly_dkk",
                    Some(SponsorStatus::Person) => "self_sufficiency_person_monthly_dkk",
                    Some(SponsorStatus::Under30AtHome) => {
                        "self_sufficiency_under_30_at_home_monthly_dkk"
                    }
                    None => {
                        self.check("salary_floor", CheckStatus::Unknown, tr!(lang, "Counted salary {counted} {per}. Say which self-sufficiency rate applies to you (single sponsor, sponsor, person, under 30 at home) to check the absolute minimum.{excl}", "Medregnet løn {counted} {per}. Angiv hvilken selvforsørgelsessats, der gælder for dig, for at tjekke minimummet.{excl}"), all);
                        return;
                    }
                };
                if period != SalaryPeriod::Month {
                    self.check("salary_floor", CheckStatus::Unknown, tr!(lang, "The self-sufficiency rates are per month: give the salary per month to compare. Counted salary {counted} {per}.{excl}", "Selvforsørgelsessatserne er pr. måned: angiv lønnen pr. måned for at sammenligne. Medregnet løn {counted} {per}.{excl}"), all);
                    return;
                }
                let Some((floor, fr)) = self.money_param(param) else {
                    return;
                };
                all.insert(1, fr);
                let f = self.m(floor);
                if total >= floor {
                    self.check("salary_floor", CheckStatus::Pass, tr!(lang, "Counted salary {counted} a month is at least the self-sufficiency rate of {f}. It must also match Danish standards, which the page gives no figure for.{excl}{unc}", "Medregnet løn {counted} om måneden er mindst selvforsørgelsessatsen på {f}. Den skal også svare til danske standarder, som siden ikke angiver et beløb for.{excl}{unc}"), all);
                } else {
                    let short = self.m(floor.checked_sub(total).unwrap_or_default());
                    self.check("salary_floor", CheckStatus::Fail, tr!(lang, "Counted salary {counted} a month is {short} under the self-sufficiency rate of {f}, the absolute minimum.{excl}{unc}", "Medregnet løn {counted} om måneden er {short} under selvforsørgelsessatsen på {f}, det absolutte minimum.{excl}{unc}"), all.clone());
                    self.warn(
                        "salary_under_floor",
                        Severity::Blocker,
                        tr!(
                            lang,
                            "Salary under the self-sufficiency rate by {short}.",
                            "Lønnen er {short} under selvforsørgelsessatsen."
                        ),
                        all,
                    );
                }
            }
            _ => {
                let all = why;
                if self.page == "003" {
                    self.note("researcher_holiday_allowance", tr!(lang, "The researcher page lists only salary in money and pension as counting; it does not mention holiday allowance, so Permit Packet does not count it.", "Forskersiden nævner kun løn i penge og pension som medregnet; den nævner ikke feriegodtgørelse, så Permit Packet medregner den ikke."), vec![self.why("SAL-3-CASH"), self.why("SAL-3-PENSION")]);
                }
                self.check("salary", CheckStatus::Info, tr!(lang, "Counted salary {counted} {per}. This page sets no fixed minimum: salary and terms must match Danish standards, which SIRI assesses.{excl}{unc}", "Medregnet løn {counted} {per}. Siden sætter intet fast minimum: løn og vilkår skal svare til danske standarder, som SIRI vurderer.{excl}{unc}"), all);
            }
        }
    }

    fn hours(&mut self) {
        let lang = self.lang;
        let s = self.s;
        let h = s.hours.per_week.map(|a| a.0);
        let hs = |x: Decimal| x.normalize().to_string();
        match (self.page, s.scheme) {
            ("003", _) => {
                let w = vec![self.why("RESEARCH-4")];
                self.check(
                    "hours",
                    CheckStatus::Pass,
                    tr!(
                        lang,
                        "Researchers need not work full time.",
                        "Forskere behøver ikke arbejde fuld tid."
                    ),
                    w,
                );
            }
            ("002", Some(Scheme::PayLimit)) => {
                let Some((min, r)) = self.money_param("pay_limit_min_hours_per_week") else {
                    return;
                };
                let m = hs(min);
                match h {
                    Some(x) if x >= min => {
                        let xs = hs(x);
                        self.check("hours", CheckStatus::Pass, tr!(lang, "{xs} hours a week: at least {m}, as the Pay Limit Scheme requires.", "{xs} timer om ugen: mindst {m}, som beløbsordningen kræver."), vec![r])
                    }
                    Some(x) => {
                        let xs = hs(x);
                        self.check(
                            "hours",
                            CheckStatus::Fail,
                            tr!(
                                lang,
                                "{xs} hours a week: the Pay Limit Scheme requires at least {m}.",
                                "{xs} timer om ugen: beløbsordningen kræver mindst {m}."
                            ),
                            vec![r.clone()],
                        );
                        self.warn(
                            "hours_too_few",
                            Severity::Blocker,
                            tr!(
                                lang,
                                "Too few working hours: at least {m} a week are required.",
                                "For få arbejdstimer: mindst {m} om ugen kræves."
                            ),
                            vec![r],
                        )
                    }
                    None => self.check(
                        "hours",
                        CheckStatus::Unknown,
                        tr!(
                            lang,
                            "Give your weekly hours: the Pay Limit Scheme requires at least {m}.",
                            "Angiv dine ugentlige timer: beløbsordningen kræver mindst {m}."
                        ),
                        vec![r],
                    ),
                }
            }
            (
                "002",
                Some(
                    sch @ (Scheme::SupplementaryPayLimit | Scheme::SpecialIndividualQualifications),
                ),
            ) => {
                let Some((min, r)) = self.money_param("full_time_min_hours_per_week") else {
                    return;
                };
                let m = hs(min);
                let mut why = vec![r];
                let strict = sch == Scheme::SupplementaryPayLimit;
                if !strict {
                    why.push(self.why("SIQ-6"));
                }
                match h {
                    Some(x) if x >= min => { let xs = hs(x); self.check("hours", CheckStatus::Pass, tr!(lang, "{xs} hours a week: full time (as a rule 37–40 hours).", "{xs} timer om ugen: fuld tid (som regel 37–40 timer)."), why) }
                    Some(x) => { let xs = hs(x); self.check("hours", CheckStatus::Fail, tr!(lang, "{xs} hours a week: this scheme requires full time, as a rule 37–40 hours (at least {m}).", "{xs} timer om ugen: ordningen kræver fuld tid, som regel 37–40 timer (mindst {m})."), why.clone()); self.warn("hours_not_full_time", Severity::Caution, tr!(lang, "Not full time: the scheme requires full time, as a rule 37–40 hours a week.", "Ikke fuld tid: ordningen kræver fuld tid, som regel 37–40 timer om ugen."), why) }
                    None => self.check("hours", CheckStatus::Unknown, tr!(lang, "Give your weekly hours: this scheme requires full time (as a rule 37–40 hours).", "Angiv dine ugentlige timer: ordningen kræver fuld tid (som regel 37–40 timer)."), why),
                }
            }
            ("004", _)
                if matches!(
                    s.siq_category,
                    Some(SiqCategory::Athlete | SiqCategory::Coach)
                ) =>
            {
                let Some((full, rf)) = self.money_param("full_time_min_hours_per_week") else {
                    return;
                };
                let Some((part, rp)) = self.money_param("athlete_part_time_min_hours_per_week")
                else {
                    return;
                };
                let (fs, ps) = (hs(full), hs(part));
                match h {
                    None => self.check("hours", CheckStatus::Unknown, tr!(lang, "Give your weekly hours: generally full time ({fs} hours); part time of at least {ps} hours only where usual in your sport.", "Angiv dine ugentlige timer: normalt fuld tid ({fs} timer); deltid på mindst {ps} timer kun hvor det er almindeligt i din sport."), vec![rf, rp]),
                    Some(x) if x >= full => { let xs = hs(x); self.check("hours", CheckStatus::Pass, tr!(lang, "{xs} hours a week: full time.", "{xs} timer om ugen: fuld tid."), vec![rf]) }
                    Some(x) if x < part => { let xs = hs(x); self.check("hours", CheckStatus::Fail, tr!(lang, "{xs} hours a week: less than {ps}, which no part-time permit goes below.", "{xs} timer om ugen: under {ps}, som ingen deltidstilladelse går under."), vec![rp.clone()]); self.warn("hours_too_few", Severity::Blocker, tr!(lang, "Too few working hours: at least {ps} a week at one club.", "For få arbejdstimer: mindst {ps} om ugen i én klub."), vec![rp]) }
                    Some(x) => {
                        let xs = hs(x);
                        match s.hours.part_time_usual_in_sport {
                            Some(true) => self.check("hours", CheckStatus::Pass, tr!(lang, "{xs} hours a week: part time, possible because it is usual in your sport (at least {ps}).", "{xs} timer om ugen: deltid, muligt fordi det er almindeligt i din sport (mindst {ps})."), vec![rp]),
                            Some(false) => self.check("hours", CheckStatus::Fail, tr!(lang, "{xs} hours a week: part time is possible only where it is usual in your sport; otherwise full time ({fs} hours).", "{xs} timer om ugen: deltid er kun muligt, hvor det er almindeligt i din sport; ellers fuld tid ({fs} timer)."), vec![rf, rp]),
                            None => self.check("hours", CheckStatus::Unknown, tr!(lang, "{xs} hours a week: part time is possible only where it is usual in your sport. Is it?", "{xs} timer om ugen: deltid er kun muligt, hvor det er almindeligt i din sport. Er det?"), vec![rp]),
                        }
                    }
                }
                if let Some(n) = s.hours.employing_clubs.filter(|n| *n > 1) {
                    let w = vec![self.why("ATH-4")];
                    self.check("one_club", CheckStatus::Fail, tr!(lang, "{n} clubs employ you: the hours must be at one workplace; clubs cannot share you and your salary.", "{n} klubber ansætter dig: timerne skal være på én arbejdsplads; klubber kan ikke dele dig og lønnen."), w.clone());
                    self.warn(
                        "several_clubs",
                        Severity::Blocker,
                        tr!(
                            lang,
                            "Several clubs cannot employ you together.",
                            "Flere klubber kan ikke ansætte dig sammen."
                        ),
                        w,
                    );
                }
                if let (Some(x), Some((cap, rc))) = (
                    h,
                    self.money_param("athlete_contact_siri_above_hours_per_week"),
                ) {
                    let total = x
                        .checked_add(s.hours.sideline_per_week.map_or(Decimal::ZERO, |a| a.0))
                        .unwrap_or(Decimal::MAX);
                    if total > cap {
                        let (ts, cs) = (hs(total), hs(cap));
                        self.warn("over_48_hours", Severity::Caution, tr!(lang, "{ts} hours a week including sideline work is more than {cs}: contact SIRI so it can assess the hours against the EU Working Time Directive.", "{ts} timer om ugen inklusive bijob er mere end {cs}: kontakt SIRI, så de kan vurdere timerne efter EU's arbejdstidsdirektiv."), vec![rc]);
                    }
                }
            }
            ("004", _) => {
                let w = vec![
                    self.why("CHEF-4-SILENT-HOURS"),
                    self.why_on("SUPP-PAY-6", "002"),
                ];
                self.note("siq_hours_silent", tr!(lang, "The page for special individual qualifications states working hours only for athletes and coaches. The service-provider page says this scheme requires full time (as a rule 37–40 hours); this plan follows your page and does not check your hours.", "Siden for særlige individuelle kvalifikationer angiver kun arbejdstid for atleter og trænere. Siden for serviceydere siger, at ordningen kræver fuld tid (som regel 37–40 timer); planen følger din side og tjekker ikke dine timer."), w);
            }
            _ => {}
        }
    }

    fn supplementary_conditions(&mut self) {
        if !(self.page == "002" && self.s.scheme == Some(Scheme::SupplementaryPayLimit)) {
            return;
        }
        let lang = self.lang;
        let s = self.s;
        if let Some((limit, r)) = self.money_param("supplementary_fine_limit_dkk") {
            let l = self.m(limit);
            match s.fines_dkk {
                Some(f) if f.0 >= limit => { let fs = self.m(f.0); self.check("fines", CheckStatus::Fail, tr!(lang, "A fine of {fs}: fines of {l} or more under the Aliens Act or the Criminal Code rule this scheme out.", "En bøde på {fs}: bøder på {l} eller mere efter udlændingeloven eller straffeloven udelukker ordningen."), vec![r.clone()]); self.warn("fine", Severity::Blocker, tr!(lang, "A fine of {l} or more rules out the Supplementary Pay Limit Scheme.", "En bøde på {l} eller mere udelukker den supplerende beløbsordning."), vec![r]) }
                Some(_) => self.check("fines", CheckStatus::Pass, tr!(lang, "No fine of {l} or more.", "Ingen bøde på {l} eller mere."), vec![r]),
                None => self.check("fines", CheckStatus::Unknown, tr!(lang, "Have you been fined {l} or more under the Aliens Act or the Criminal Code? Enter your largest fine (0 if none).", "Har du fået en bøde på {l} eller mere efter udlændingeloven eller straffeloven? Angiv den største bøde (0 hvis ingen)."), vec![r]),
            }
        }
        if let Some((max, r)) = self.money_param("supplementary_max_unemployment_percent") {
            let m = max.normalize().to_string();
            match s.unemployment_rate_percent {
                Some(u) if u.0 > max => { let us = u.0.normalize().to_string(); self.check("unemployment", CheckStatus::Fail, tr!(lang, "Unemployment is {us} %, above {m} %: the scheme is closed while it is.", "Ledigheden er {us} %, over {m} %: ordningen er lukket, så længe den er det."), vec![r]) }
                Some(u) => { let us = u.0.normalize().to_string(); self.check("unemployment", CheckStatus::Pass, tr!(lang, "Unemployment is {us} %, not above {m} %.", "Ledigheden er {us} %, ikke over {m} %."), vec![r]) }
                None => self.check("unemployment", CheckStatus::Unknown, tr!(lang, "Enter Denmark's seasonally adjusted gross unemployment rate: it must not exceed {m} %.", "Angiv Danmarks sæsonkorrigerede bruttoledighed: den må ikke overstige {m} %."), vec![r]),
            }
        }
        if s.dates.job_posted_jobnet_eures.is_none() {
            let w = vec![self.why("SUPP-PAY-3")];
            self.check("jobnet_eures", CheckStatus::Unknown, tr!(lang, "Give the date the position was posted on Jobnet.dk and EURES: at least two weeks must pass before you apply.", "Angiv datoen, hvor stillingen blev slået op på Jobnet.dk og EURES: der skal gå mindst to uger, før du søger."), w);
        }
    }

    fn scheme_notes(&mut self) {
        let lang = self.lang;
        if self.page == "002" {
            let w = vec![self.why("SP-9")];
            self.note("one_permit_per_trip", tr!(lang, "Each trip to Denmark to provide a service needs its own permit (four stays in a year are four applications).", "Hver rejse til Danmark for at levere en serviceydelse kræver sin egen tilladelse (fire ophold på et år er fire ansøgninger)."), w);
            if self.s.scheme == Some(Scheme::SpecialIndividualQualifications) {
                let w = vec![self.why("SIQ-7")];
                self.note("siq_one_year", tr!(lang, "Under special individual qualifications, a service provider's permit is granted for at most 1 year at a time.", "Under særlige individuelle kvalifikationer gives en serviceyders tilladelse højst for 1 år ad gangen."), w);
            }
        }
        if self.s.applying_from == Some(ApplyingFrom::Denmark) && self.page == "002" {
            let w = vec![self.why("SUBMIT-7")];
            self.note(
                "legal_stay",
                tr!(
                    lang,
                    "If you are in Denmark when you submit, you must be there legally.",
                    "Er du i Danmark, når du indgiver, skal du opholde dig lovligt her."
                ),
                w,
            );
        }
    }

    fn rules_age(&mut self) {
        use chrono::Datelike;
        let lang = self.lang;
        let checked = self.rules.checked_on;
        let age = (self.today - checked).num_days();
        if age > 365 {
            let cd = self.d(checked);
            self.warn("rules_stale", Severity::Caution, tr!(lang, "These rules were last checked against the pages on {cd}, more than a year ago. Check SIRI's pages before you rely on them.", "Reglerne blev senest kontrolleret mod siderne {cd}, for mere end et år siden. Tjek SIRI's sider, før du regner med dem."), vec![]);
        }
        if self.regulated_used {
            let w = vec![self.why_on("PAY-LIMIT-2", "002")];
            if !self.unstated_year_used.is_empty() {
                self.warn("pay_limit_year_unstated", Severity::Caution, tr!(lang, "The page does not say which year its pay limits are for, and they are regulated every 1 January. Check SIRI's current figures before you rely on this check.", "Siden siger ikke, hvilket år beløbsgrænserne gælder for, og de reguleres hvert år 1. januar. Tjek SIRI's aktuelle beløb, før du regner med dette tjek."), w.clone());
            }
            if self.as_of.year() > checked.year() {
                let (y, cd) = (self.as_of.year(), self.d(checked));
                self.warn("pay_limit_new_year", Severity::Caution, tr!(lang, "Your submission falls in {y}, after a 1 January regulation of the pay limits; the figures used were checked on {cd}.", "Din ansøgning indgives i {y}, efter en regulering af beløbsgrænserne 1. januar; de anvendte beløb blev kontrolleret {cd}."), w);
            }
        }
    }
}
