//! The engine: situation + rules + today → [`Plan`].
//!
//! Every conclusion cites the page of the applicant's scheme (docs/conventions.md, C8:
//! where pages contradict each other, the applicant's page decides, and the
//! plan says which page it followed). Numbers, day counts and language lists
//! come from the rule data, never from this file.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::dates::{
    self, CONVENTION_AGE, CONVENTION_DAYS_AFTER, CONVENTION_EARLY, CONVENTION_STAY_LENGTH,
};
use crate::documents::{language_code, language_name_in};
use crate::format::{date as fdate, money};
use crate::plan::*;
use crate::rules::{DocCondition, PageRules, Period, RuleSet, Value};
use crate::situation::*;

/// Options of one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Today's date (for countdowns, overdue states and the age of the rules).
    pub today: NaiveDate,
    /// Language of the messages.
    pub lang: Lang,
}

/// A message of the catalogue (`assets/messages/*.json`) in `lang`, its
/// `{name}` parameters taken from the local variables of those names (the
/// message looked up once, the first time this use writes it).
macro_rules! tr {
    ($lang:expr, $key:literal $(, $name:ident)* $(,)?) => {{
        static KEY: crate::messages::Key = crate::messages::Key::new($key);
        KEY.text(
            $lang,
            &[$((stringify!($name), &$name as &dyn std::fmt::Display)),*],
        )
    }};
}

mod bank;
mod deadlines;
mod documents;
mod facts;
mod family;
mod fees;
mod hours;
mod info;
mod life;
mod next_steps;
mod notes;
mod questions;
mod route;
mod salary;
mod sensitivity;
mod validity;

/// Makes the plan for a checked situation.
pub fn plan(s: &Situation, rules: &RuleSet, opts: &Options) -> Plan {
    audit(s, rules, opts).0
}

/// [`plan`], with every citation the plan asked for on a page that does not
/// state the rule (empty with sound rule data: the tests check it over the
/// examples and a grid of situations).
pub fn audit(s: &Situation, rules: &RuleSet, opts: &Options) -> (Plan, Vec<String>) {
    let as_of = s.submission_date().unwrap_or(opts.today);
    let mut e = Engine {
        s,
        rules,
        lang: opts.lang,
        today: opts.today,
        as_of,
        page: None,
        regulated_used: false,
        unstated_year_used: Vec::new(),
        miscited: Default::default(),
        validity: Default::default(),
        pay_limit_2011: false,
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
                questions: Default::default(),
            },
            next_steps: vec![],
            forms: vec![],
            fee: None,
            case_order_id: None,
            biometrics: None,
            family: vec![],
            documents: vec![],
            document_notes: vec![],
            accepted_languages: vec![],
            deadlines: vec![],
            checks: vec![],
            warnings: vec![],
            notes: vec![],
            conditions: vec![],
            processing: vec![],
            biometrics_location: vec![],
            after_grant: vec![],
            if_job_ends: vec![],
            forms_not_offered: vec![],
            disclaimer: Note {
                id: String::new(),
                message: String::new(),
                why: vec![],
            },
        },
    };
    e.run();
    (e.plan, e.miscited.into_inner())
}

struct Engine<'a> {
    s: &'a Situation,
    rules: &'a RuleSet,
    lang: Lang,
    today: NaiveDate,
    as_of: NaiveDate,
    /// The page the plan follows (`None` until decided).
    page: Option<Page>,
    regulated_used: bool,
    unstated_year_used: Vec<String>,
    /// Citations asked for on a page that does not state the rule.
    miscited: std::cell::RefCell<Vec<String>>,
    /// How long the permit can be valid (computed once, `validity.rs`).
    validity: validity::Validity,
    /// A Pay Limit job with an employer in Denmark: AR1 from the 2011 page
    /// (`route.rs`), the scheme's conditions from the current page.
    pay_limit_2011: bool,
    plan: Plan,
}

/// The readings side by side, for people ("with …: …; without …: …").
fn alternatives_text(alternatives: &[Alternative]) -> String {
    alternatives
        .iter()
        .map(|a| format!("{}: {}", a.assumes, a.message))
        .collect::<Vec<_>>()
        .join("; ")
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
        self.why_at(id, self.page.map_or("", Page::id))
    }

    /// The reason for rule `id` as stated on `page`.
    fn why_on(&self, id: &str, page: Page) -> Reason {
        self.why_at(id, page.id())
    }

    fn why_at(&self, id: &str, page: &str) -> Reason {
        match self.rules.reason(id, page, self.lang) {
            // Shared (the page's title already in the plan's language; the
            // quote stays the page's own words).
            Some(r) => r.clone(),
            // Unreachable with the shipped data (`audit` over every example
            // and a grid of situations finds no such citation); kept total so
            // that edited data cannot panic.
            None => {
                self.miscited
                    .borrow_mut()
                    .push(format!("{id} is not stated on page {page}"));
                Reason::new(ReasonFields {
                    rule: id.into(),
                    page: page.into(),
                    file: SharedStr::default(),
                    title: SharedStr::default(),
                    line: 0,
                    quote: SharedStr::default(),
                })
            }
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
            figures: None,
            alternatives: vec![],
            why,
        });
    }

    /// A check with the figures it compared.
    fn check_figures(
        &mut self,
        id: &str,
        status: CheckStatus,
        message: String,
        figures: Figures,
        why: Vec<Reason>,
    ) {
        self.check(id, status, message, why);
        if let Some(c) = self.plan.checks.last_mut() {
            c.figures = Some(figures);
        }
    }

    /// The figures of the last check `id` made.
    fn attach_figures(&mut self, id: &str, figures: Figures) {
        if let Some(c) = self.plan.checks.iter_mut().rev().find(|c| c.id == id) {
            c.figures = Some(figures);
        }
    }

    /// A check of a fact not given: what follows under each answer.
    fn check_alternatives(
        &mut self,
        id: &str,
        message: String,
        alternatives: Vec<Alternative>,
        why: Vec<Reason>,
    ) {
        let list = alternatives_text(&alternatives);
        let message = message + &tr!(self.lang, "plan.under_each_answer", list);
        self.check(id, CheckStatus::Unknown, message, why);
        if let Some(c) = self.plan.checks.last_mut() {
            c.alternatives = alternatives;
        }
    }

    // ---- parameters ------------------------------------------------------

    /// The value of a parameter on the plan's page as of the submission date,
    /// with its reason. Records what the age warnings need.
    fn param(&mut self, name: &str) -> Option<(Value, Reason)> {
        let page = self.page.map_or("", Page::id);
        match self.rules.value(name, page, self.as_of) {
            Ok(r) => {
                let reason = self.why_at(&r.citation.id, &r.citation.page);
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
                        // The figure's name in the plan's language (the
                        // rules data's description is the English one).
                        let key = format!("param.{name}");
                        let desc = match crate::messages::text(self.lang, &key, &[]) {
                            t if t == key => r.param.description.clone(),
                            t => t,
                        };
                        let as_of_year = self.as_of.year();
                        self.warn(
                            &format!("level_year:{name}"),
                            Severity::Caution,
                            tr!(self.lang, "plan.page_gives_figure_at", desc, y, as_of_year),
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
                    tr!(self.lang, "plan.rules_have_no_value", p, d),
                    vec![],
                );
                None
            }
        }
    }

    /// Whether the plan's page states `name` for the submission date (no
    /// warning when it does not).
    fn has_param(&self, name: &str) -> bool {
        self.rules
            .value(name, self.page.map_or("", Page::id), self.as_of)
            .is_ok()
    }

    /// A number `page` states (not the plan's page: for a message that
    /// reports what another page says), in force on the submission date.
    fn number_on(&self, name: &str, page: Page) -> Option<Decimal> {
        match self.rules.value(name, page.id(), self.as_of).ok()?.value {
            Value::Money(d) | Value::Number(d) => Some(d),
            _ => None,
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
        let (days_left, status) = crate::policy::deadline_status(kind, self.today, date);
        // Passed: what now — the page's remedy where it gives one, else
        // "contact SIRI" (issue 15, item 10).
        let remedy = if status == DeadlineStatus::Overdue {
            let remedy = remedy.unwrap_or_else(|| tr!(self.lang, "plan.overdue_no_remedy"));
            let dd = self.d(date);
            let l = label.clone();
            let r = remedy.clone();
            self.warn(
                &format!("overdue:{id}"),
                Severity::Caution,
                tr!(self.lang, "plan.deadline_passed", l, dd, r),
                why.clone(),
            );
            Some(remedy)
        } else {
            remedy
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
        let covered = self.route();
        self.plan.coverage.questions = self.questions();
        if !covered {
            if self.pay_limit_2011 {
                self.pay_limit_conditions();
            }
            self.rules_age();
            self.sort();
            return;
        }
        self.fee_and_steps();
        self.family();
        self.documents();
        self.dates();
        self.permit_life();
        self.stay_abroad();
        self.job_changes();
        self.stays_per_year();
        self.short_stay();
        self.salary();
        self.hours();
        self.supplementary_conditions();
        self.scheme_notes();
        self.information();
        self.side_job();
        self.legal_residence();
        self.date_sensitivity();
        self.rules_age();
        self.sort();
        self.next_steps();
    }

    fn sort(&mut self) {
        self.plan.warnings.sort_by_key(|w| w.severity);
        self.plan.deadlines.sort_by_key(|d| d.date);
    }

    fn disclaimer(&mut self) {
        let checked = self.d(self.rules.checked_on);
        self.plan.disclaimer = Note {
            id: "cannot_say_granted".into(),
            message: tr!(self.lang, "plan.permit_packet_cannot_tell", checked),
            why: vec![self.why_on("PHONE-7", Page::PhoneGuidance)],
        };
    }

    fn not_covered(&mut self, message: String, why: Vec<Reason>) -> bool {
        self.plan.coverage = Coverage {
            status: CoverageStatus::NotCovered,
            message,
            why,
            missing: vec![],
            questions: Default::default(),
        };
        false
    }

    fn set_page(&mut self, page: Page) {
        self.page = Some(page);
        if let Some(p) = self.rules.pages.get(page.id()) {
            self.plan.page = Some(PageRef {
                id: page,
                file: p.file.clone(),
                title: crate::messages::page_title(self.lang, page.id())
                    .map_or_else(|| p.title.clone(), |t| t.to_string()),
            });
        }
    }
}
