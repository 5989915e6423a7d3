//! The plan: what the engine concludes for a situation, every conclusion with
//! the page, line and quote it rests on.
//!
//! The JSON form of [`Plan`] is versioned by [`PLAN_FORMAT`] and documented
//! in `docs/plan-format.md`. Fields are only ever added within a format
//! version; a change of meaning or a removal bumps the version.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Version of the plan's JSON format.
pub const PLAN_FORMAT: u32 = 1;

/// Language of the plan's messages (quotes stay in the pages' English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Danish.
    Da,
}

/// An immutable text shared by every plan that cites it (a citation's rule,
/// page, file and quote are made once when the rules load; a plan holds
/// ~100 of them, and copying each would cost more than the rest of the plan).
/// Serialised as a plain JSON string; reads as a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SharedStr(std::sync::Arc<str>);

impl SharedStr {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(s.into())
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(s.into())
    }
}

impl std::fmt::Display for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == &*other.0
    }
}

impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SharedStr::from)
    }
}

/// A quote a conclusion rests on.
//
// Shared: each citation of the rules data is made into one when the rules
// load, and a plan holds a reference to it (a plan cites ~100 times; copying
// the texts each time cost more than the rest of the plan). Reads as its
// fields (`r.rule`, `r.line`: `ReasonFields`) and is serialised as them.
#[derive(Debug, Clone, PartialEq, Eq, ts_rs::TS)]
#[ts(as = "ReasonFields")]
pub struct Reason(std::sync::Arc<ReasonFields>);

impl Reason {
    /// The reason with these fields.
    pub fn new(fields: ReasonFields) -> Reason {
        Reason(std::sync::Arc::new(fields))
    }
}

impl std::ops::Deref for Reason {
    type Target = ReasonFields;
    fn deref(&self) -> &ReasonFields {
        &self.0
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// The fields of a [`Reason`] (what it reads as and is serialised as).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "Reason")]
pub struct ReasonFields {
    /// Rule id (e.g. `DEADLINE-BIO-1`), as in `assets/rules/rules.json`.
    #[ts(type = "string")]
    pub rule: SharedStr,
    /// Page id.
    #[ts(type = "string")]
    pub page: SharedStr,
    /// Page file under `assets/pages/`.
    #[ts(type = "string")]
    pub file: SharedStr,
    /// The page's title, as the rules data names it (what people are
    /// shown; the file name only where a file is meant).
    #[ts(type = "string")]
    pub title: SharedStr,
    /// Line of the page.
    pub line: u32,
    /// The page's exact words.
    #[ts(type = "string")]
    pub quote: SharedStr,
}

/// A statement with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Note {
    /// Stable id of the statement.
    pub id: String,
    /// The statement, in the plan's language.
    pub message: String,
    /// Why.
    pub why: Vec<Reason>,
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The pages say the application would be rejected or refused.
    Blocker,
    /// Needs action or a check before submitting.
    Caution,
    /// Good to know.
    Info,
}

/// A warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Warning {
    /// Stable id.
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// What to know or do.
    pub message: String,
    /// Why.
    pub why: Vec<Reason>,
}

/// Whether the pages cover the situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    /// A current page covers it; the plan follows that page.
    Covered,
    /// No page covers it: no form is proposed.
    NotCovered,
    /// Facts are missing to decide.
    NeedsAnswers,
}

/// The official pages this build ships (`assets/pages/`), by what they are
/// for; serialised as their ids (`"002"`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
pub enum Page {
    /// 000: what SIRI's phone line can and cannot say.
    #[serde(rename = "000")]
    PhoneGuidance,
    /// 001: the Danish Immigration Service's forms page of 2011 (superseded).
    #[serde(rename = "001")]
    Forms2011,
    /// 002: service providers (employer abroad, form AR9).
    #[serde(rename = "002")]
    ServiceProvider,
    /// 003: researchers.
    #[serde(rename = "003")]
    Researcher,
    /// 004: special individual qualifications.
    #[serde(rename = "004")]
    SpecialQualifications,
}

impl Page {
    /// Every page.
    pub const ALL: [Page; 5] = [
        Page::PhoneGuidance,
        Page::Forms2011,
        Page::ServiceProvider,
        Page::Researcher,
        Page::SpecialQualifications,
    ];

    /// The page's id in the rules data and file names (`"002"`).
    pub const fn id(self) -> &'static str {
        match self {
            Page::PhoneGuidance => "000",
            Page::Forms2011 => "001",
            Page::ServiceProvider => "002",
            Page::Researcher => "003",
            Page::SpecialQualifications => "004",
        }
    }

    /// The page with id `id`.
    pub fn from_id(id: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.id() == id)
    }
}

impl std::fmt::Display for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The forms the pages name; serialised as their codes (`"AR1"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum Form {
    /// Employer and applicant, employer first (online).
    AR1,
    /// The employer alone, under the applicant's power of attorney (online).
    AR6,
    /// Service provider whose employer abroad is not registered in Denmark (paper).
    AR9,
    /// Accompanying spouse or partner, children included (named by the 2011 page).
    FA8,
    /// Self-employed (2011 page only; never offered).
    AR2,
    /// Corporate approval (2011 page only; never offered).
    AR4,
    /// Greencard (2011 page only; never offered).
    GR1,
    /// Religious workers (2011 page only; never offered).
    RF1,
    /// Researchers (2011 page only; never offered: the current researcher page uses AR1/AR6).
    ST2,
}

impl Form {
    /// The form's code (`"AR1"`).
    pub const fn code(self) -> &'static str {
        match self {
            Form::AR1 => "AR1",
            Form::AR6 => "AR6",
            Form::AR9 => "AR9",
            Form::FA8 => "FA8",
            Form::AR2 => "AR2",
            Form::AR4 => "AR4",
            Form::GR1 => "GR1",
            Form::RF1 => "RF1",
            Form::ST2 => "ST2",
        }
    }
}

impl std::fmt::Display for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl PartialEq<&str> for Form {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

/// The page the plan follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PageRef {
    /// The page.
    pub id: Page,
    /// File.
    pub file: String,
    /// Title.
    pub title: String,
}

/// Coverage verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Coverage {
    /// Status.
    pub status: CoverageStatus,
    /// Plain explanation.
    pub message: String,
    /// Why.
    pub why: Vec<Reason>,
    /// Fields to answer before a form can be chosen.
    pub missing: Vec<String>,
    /// The interview's questions for the answers so far (which facts
    /// matter, in order, and the options the route allows).
    pub questions: crate::questions::Questions,
}

/// Submission channel of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// SIRI's online application.
    Online,
    /// Print/PDF form, scanned to SIRI's contact form or handed to a Danish mission.
    Paper,
    /// The pages do not say.
    NotStated,
}

/// One party's part in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Part {
    /// Order (1 first). Parts with the same number have no order stated.
    pub order: u32,
    /// Who fills it in.
    pub who: String,
    /// What they do.
    pub task: String,
}

/// A form to fill in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FormPlan {
    /// The form.
    pub form: Form,
    /// For whom (applicant, or the family member's name).
    pub applicant: String,
    /// Channel.
    pub channel: Channel,
    /// Who fills which part, in which order.
    pub parts: Vec<Part>,
    /// Why this form.
    pub message: String,
    /// Why.
    pub why: Vec<Reason>,
}

/// A requirement that may or may not apply (case order ID, biometrics).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Requirement {
    /// Whether it applies.
    pub required: bool,
    /// Explanation.
    pub message: String,
    /// Why.
    pub why: Vec<Reason>,
}

/// The processing fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Fee {
    /// Whether it applies.
    pub required: bool,
    /// Amount in DKK where it applies.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub amount_dkk: Option<Decimal>,
    /// Explanation.
    pub message: String,
    /// Why.
    pub why: Vec<Reason>,
}

/// What kind of date a deadline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Do not act before this date.
    NotBefore,
    /// Act no later than this date.
    NoLaterThan,
    /// A date to know (permit start, latest permit expiry).
    Date,
}

/// Where a deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// The date has passed.
    Overdue,
    /// Today or within the next 3 days.
    DueSoon,
    /// Later.
    Upcoming,
    /// Not-before date still ahead.
    NotYet,
    /// Not-before date reached.
    Open,
    /// Informational date.
    Info,
}

/// A computed date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Deadline {
    /// Stable id (`earliest_submission`, `biometrics`, …).
    pub id: String,
    /// Label.
    pub label: String,
    /// Kind.
    pub kind: DeadlineKind,
    /// The date.
    pub date: NaiveDate,
    /// How it was computed, in words ("14 days after 25 Dec 2026").
    pub computed: String,
    /// The counting convention applied.
    pub convention: String,
    /// Days from today to the date (negative when passed).
    #[ts(type = "number")]
    pub days_left: i64,
    /// Status today.
    pub status: DeadlineStatus,
    /// What to do if it cannot be met, where the pages say.
    pub remedy: Option<String>,
    /// Why.
    pub why: Vec<Reason>,
}

/// Outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Met.
    Pass,
    /// Not met.
    Fail,
    /// A fact is missing, or the pages leave it open.
    Unknown,
    /// Nothing to check under this page; information only.
    Info,
}

/// A check of a condition (salary, hours, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Check {
    /// Stable id.
    pub id: String,
    /// Outcome.
    pub status: CheckStatus,
    /// Explanation with the exact figures.
    pub message: String,
    /// The figures compared, as fields (`null` where the check compares none).
    pub figures: Option<Figures>,
    /// Where an answer is missing: what follows under each possible answer,
    /// side by side (empty otherwise).
    pub alternatives: Vec<Alternative>,
    /// Why.
    pub why: Vec<Reason>,
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FigureUnit {
    /// Danish kroner.
    Dkk,
    /// Working hours a week.
    HoursPerWeek,
    /// Calendar days.
    Days,
    /// Per cent.
    Percent,
}

/// A salary component as counted or left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ComponentFigure {
    /// The component's kind.
    pub kind: crate::situation::ComponentKind,
    /// Its amount in DKK, for the salary's period (decimal string).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount_dkk: Decimal,
}

/// A figure the page publishes for one salary period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PeriodFigure {
    /// The period.
    pub period: crate::situation::SalaryPeriod,
    /// The figure in DKK (decimal string).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount_dkk: Decimal,
}

/// The figures a check compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Figures {
    /// What `counted`, `limit` and `difference` count.
    pub unit: FigureUnit,
    /// The amount counted (the salary, the hours, the stay's days).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub counted: Option<Decimal>,
    /// The limit it was compared with.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub limit: Option<Decimal>,
    /// `counted` minus `limit` (negative: under the limit).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub difference: Option<Decimal>,
    /// The salary period compared (the period the salary is given in).
    pub period: Option<crate::situation::SalaryPeriod>,
    /// Salary components counted.
    pub components_counted: Vec<ComponentFigure>,
    /// Salary components left out (the page does not count them).
    pub components_excluded: Vec<ComponentFigure>,
    /// Holiday allowance counted only if paid in the same year by the
    /// current employer, which the situation does not say (included in
    /// `components_counted`).
    pub components_uncertain: Vec<ComponentFigure>,
    /// Every figure the page publishes for this limit, one per period.
    pub published: Vec<PeriodFigure>,
}

impl Figures {
    /// Figures of `unit` with nothing filled in.
    pub fn new(unit: FigureUnit) -> Figures {
        Figures {
            unit,
            counted: None,
            limit: None,
            difference: None,
            period: None,
            components_counted: vec![],
            components_excluded: vec![],
            components_uncertain: vec![],
            published: vec![],
        }
    }

    /// `counted` against `limit`, with their difference (checked: `None`
    /// on overflow).
    pub fn compared(unit: FigureUnit, counted: Decimal, limit: Decimal) -> Figures {
        Figures {
            counted: Some(counted),
            limit: Some(limit),
            difference: counted.checked_sub(limit),
            ..Figures::new(unit)
        }
    }
}

/// One possible answer to a missing fact and what follows from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Alternative {
    /// The answer this reading assumes, in words.
    pub assumes: String,
    /// What follows, in words.
    pub message: String,
    /// The date that follows, where the reading gives one.
    pub date: Option<NaiveDate>,
}

/// Whether a document needs a certified translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TranslationNeed {
    /// Written in a language the page accepts.
    NotNeeded,
    /// Needs a certified translation into Danish or English.
    Needed,
    /// The language is not given.
    Unknown,
}

/// One document of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentItem {
    /// Id (a named document's id, or `own:N` for the user's own items).
    pub id: String,
    /// Name.
    pub name: String,
    /// False where SIRI only may ask for it or suggests it.
    pub required: bool,
    /// True for the user's own items.
    pub own: bool,
    /// Language code given.
    pub language: Option<String>,
    /// Translation need under this page.
    pub translation: TranslationNeed,
    /// Translation state.
    pub translation_state: crate::situation::TranslationState,
    /// Gathered.
    pub gathered: bool,
    /// Usable for the application: gathered, and where the page needs a
    /// certified translation, translated (a document whose translation is
    /// still outstanding is not counted as done; issue 25, item 7).
    pub usable: bool,
    /// Notes.
    pub notes: Option<String>,
    /// One-line state for people.
    pub status: String,
    /// Why it is on the list.
    pub why: Vec<Reason>,
}

/// What happens for one family member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FamilyOutcome {
    /// Name (or "Family member N").
    pub name: String,
    /// Relation.
    pub relation: Option<crate::situation::Relation>,
    /// Completed years on the submission date.
    pub age: Option<i32>,
    /// `own_application`, `included`, `not_included` or `unknown`.
    pub outcome: String,
    /// Explanation.
    pub message: String,
    /// Why.
    pub why: Vec<Reason>,
}

/// A form the plan considered and does not offer, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FormNotOffered {
    /// The form.
    pub form: Form,
    /// Why it is not offered, in the plan's language.
    pub reason: String,
    /// Why (the rules that name the form and the ones that route elsewhere).
    pub why: Vec<Reason>,
}

/// Where a step of the next-steps list stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Done (the case's facts say so: the application is submitted, the
    /// documents are gathered).
    Done,
    /// To do now.
    ToDo,
    /// Not before the step's date.
    WaitingUntil,
    /// Its date has passed and it is not done.
    Overdue,
    /// Waits for an earlier step (biometrics wait for the submission).
    Blocked,
}

/// One step of the ordered "what do I do now" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NextStep {
    /// Stable id (`submission_window`, `case_order_id`, `fee`, `documents`,
    /// `form:AR1:1` for the first part of AR1, `biometrics`).
    pub id: String,
    /// What to do, in the plan's language.
    pub text: String,
    /// Where it stands today.
    pub state: StepState,
    /// The step's date (wait until, or act by), where it has one.
    pub date: Option<NaiveDate>,
    /// Why: the reasons of the section it comes from, then the rule of the order.
    pub why: Vec<Reason>,
}

/// Where the rules come from and which date they are evaluated for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RulesInfo {
    /// Rule data version.
    pub version: String,
    /// Date the rules were last checked against the pages.
    pub checked_on: NaiveDate,
    /// The date the values in force were taken for (the submission date, else today).
    pub as_of: NaiveDate,
    /// Today, as the plan was made.
    pub today: NaiveDate,
}

/// The plan for one situation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Plan {
    /// Format version ([`PLAN_FORMAT`]).
    pub plan_format: u32,
    /// Language of messages.
    pub language: Lang,
    /// Rules provenance.
    pub rules: RulesInfo,
    /// Case name.
    pub case_name: Option<String>,
    /// Applicant's name.
    pub applicant_name: Option<String>,
    /// The page the plan follows.
    pub page: Option<PageRef>,
    /// Coverage.
    pub coverage: Coverage,
    /// What to do next, in the pages' step order, built from the sections
    /// below (empty when no form is proposed).
    pub next_steps: Vec<NextStep>,
    /// Forms.
    pub forms: Vec<FormPlan>,
    /// Fee.
    pub fee: Option<Fee>,
    /// Case order ID.
    pub case_order_id: Option<Requirement>,
    /// Biometrics.
    pub biometrics: Option<Requirement>,
    /// Family members.
    pub family: Vec<FamilyOutcome>,
    /// Documents.
    pub documents: Vec<DocumentItem>,
    /// Notes on the document list (e.g. where the pages keep the list).
    pub document_notes: Vec<Note>,
    /// The languages (ISO 639-1) in which the followed page accepts a
    /// document without a certified translation; empty before a page is chosen.
    pub accepted_languages: Vec<String>,
    /// Dates.
    pub deadlines: Vec<Deadline>,
    /// Checks of conditions.
    pub checks: Vec<Check>,
    /// Warnings, most serious first.
    pub warnings: Vec<Warning>,
    /// Other statements (what the pages do not say, interpretations).
    pub notes: Vec<Note>,
    /// The scheme's conditions the plan states but cannot check from the
    /// situation (the applicant confirms them).
    pub conditions: Vec<Note>,
    /// Processing time and what happens while waiting.
    pub processing: Vec<Note>,
    /// Where the biometrics are recorded, given where the applicant is.
    pub biometrics_location: Vec<Note>,
    /// Once granted: what the permit allows and requires.
    pub after_grant: Vec<Note>,
    /// If the job ends.
    pub if_job_ends: Vec<Note>,
    /// Forms considered and not offered, each with the reason.
    pub forms_not_offered: Vec<FormNotOffered>,
    /// What this plan cannot say.
    pub disclaimer: Note,
}

impl Plan {
    /// Documents done (usable for the application: gathered, translated
    /// where needed) and total (required and optional).
    pub fn progress(&self) -> (usize, usize) {
        (
            self.documents.iter().filter(|d| d.usable).count(),
            self.documents.len(),
        )
    }

    /// Every reason the plan gives, in order, without repeats.
    pub fn all_reasons(&self) -> Vec<&Reason> {
        let p = self;
        let groups = std::iter::once(&p.coverage.why)
            .chain(p.next_steps.iter().map(|s| &s.why))
            .chain(p.forms.iter().map(|f| &f.why))
            .chain(p.fee.iter().map(|f| &f.why))
            .chain(p.case_order_id.iter().map(|r| &r.why))
            .chain(p.biometrics.iter().map(|r| &r.why))
            .chain(p.family.iter().map(|f| &f.why))
            .chain(p.documents.iter().map(|d| &d.why))
            .chain(p.document_notes.iter().map(|n| &n.why))
            .chain(p.deadlines.iter().map(|d| &d.why))
            .chain(p.checks.iter().map(|c| &c.why))
            .chain(p.warnings.iter().map(|w| &w.why))
            .chain(p.notes.iter().map(|n| &n.why))
            .chain(p.conditions.iter().map(|n| &n.why))
            .chain(p.processing.iter().map(|n| &n.why))
            .chain(p.biometrics_location.iter().map(|n| &n.why))
            .chain(p.after_grant.iter().map(|n| &n.why))
            .chain(p.if_job_ends.iter().map(|n| &n.why))
            .chain(p.forms_not_offered.iter().map(|f| &f.why))
            .chain(std::iter::once(&p.disclaimer.why));
        let mut out: Vec<&Reason> = Vec::new();
        for r in groups.flatten() {
            if !out
                .iter()
                .any(|o| o.rule == r.rule && o.page == r.page && o.line == r.line)
            {
                out.push(r);
            }
        }
        out
    }
}
