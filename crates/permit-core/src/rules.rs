//! The rule set: every threshold, day count and language list, each with the
//! page, line and quote it comes from and the date from which it is in force.
//!
//! The data lives in `assets/rules/rules.json` (embedded at compile time, see
//! [`RuleSet::embedded`]). Loading checks it loudly: a value without a
//! citation, a citation of a page or rule that does not exist, a value that
//! does not parse for its kind, or two values of one parameter for one page
//! whose dates overlap are all errors.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The rule data shipped with this build.
pub const EMBEDDED_RULES_JSON: &str = include_str!("../../../assets/rules/rules.json");

/// The text of the official pages shipped with this build, by page id.
pub const EMBEDDED_PAGES: [(&str, &str); 5] = [
    (
        "000",
        include_str!("../../../assets/pages/000_2de252465db428dd.txt"),
    ),
    (
        "001",
        include_str!("../../../assets/pages/001_31f47e65b2ee576b.txt"),
    ),
    (
        "002",
        include_str!("../../../assets/pages/002_05d0f8b011cddbaf.txt"),
    ),
    (
        "003",
        include_str!("../../../assets/pages/003_fb3d10714cded9e1.txt"),
    ),
    (
        "004",
        include_str!("../../../assets/pages/004_b5f496e2bd7e12b3.txt"),
    ),
];

/// An error in the rule data. It names the place in the data that is wrong.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RulesError {
    /// The JSON itself does not parse or does not have the expected shape.
    #[error("rules data: {path}: {message} (line {line}, column {column})")]
    Syntax {
        /// Path of the field in the data.
        path: String,
        /// What went wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The data parses but breaks one of the loading invariants.
    #[error("rules data: {place}: {message}")]
    Invalid {
        /// Where in the data (e.g. `parameters.fee_dkk.values[1]`).
        place: String,
        /// What is wrong and what would be accepted.
        message: String,
    },
}

/// No value of a parameter is in force for a page on a date.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq, Serialize)]
#[error("no value of `{parameter}` for page {page} is in force on {date}")]
pub struct LookupError {
    /// The parameter asked for.
    pub parameter: String,
    /// The page asked for.
    pub page: String,
    /// The date asked for.
    pub date: NaiveDate,
}

/// One official page.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PageInfo {
    /// File name under `assets/pages/`.
    pub file: String,
    /// Human title.
    pub title: String,
    /// Whether the page is current (false: superseded where a current page says otherwise).
    pub current: bool,
    /// Date of the page's last update, where the page states it.
    #[serde(default)]
    pub last_updated: Option<NaiveDate>,
}

/// A quote from a page that a rule rests on.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Rule id (e.g. `DEADLINE-BIO-1`).
    pub id: String,
    /// Page id (`000` … `004`).
    pub page: String,
    /// 1-based line of the page where the quote starts.
    pub line: u32,
    /// The exact words of the page.
    pub quote: String,
}

/// The kind of a parameter's values; decides how the value text is read.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    /// Danish kroner, a decimal with at most two decimals.
    Money,
    /// A plain decimal number (hours, per cent, years).
    Number,
    /// A whole number of calendar days.
    Days,
    /// A whole number of calendar months.
    Months,
    /// `N days` or `N months`.
    Period,
    /// Space-separated ISO 639-1 language codes.
    Languages,
}

/// A parameter: one quantity of the rules, with its values over time and pages.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Kind of the values.
    pub kind: ParamKind,
    /// What the parameter is.
    pub description: String,
    /// True where the page says the amount is regulated every 1 January.
    #[serde(default)]
    pub regulated_every_1_january: bool,
    /// Values, each for one page and a date range.
    pub values: Vec<RawValue>,
}

/// One value of a parameter as written in the data.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawValue {
    /// The page this value is stated on.
    pub page: String,
    /// First day in force.
    pub from: NaiveDate,
    /// Last day in force (inclusive); open-ended when absent.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// The value as text, read according to the parameter's kind.
    pub value: String,
    /// Rule id of the citation (a citation with this id on this page must exist).
    pub cite: String,
    /// The year the page says the figure is at (e.g. 2024 for "2024 level").
    #[serde(default)]
    pub level_year: Option<i32>,
}

/// A typed value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Value {
    /// Danish kroner.
    Money(Decimal),
    /// Plain number.
    Number(Decimal),
    /// Calendar days.
    Days(u32),
    /// Calendar months.
    Months(u32),
    /// A period of days or months.
    Period(Period),
    /// ISO 639-1 codes.
    Languages(Vec<String>),
}

/// A length of time as the pages state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar days.
    Days(u32),
    /// Calendar months.
    Months(u32),
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Days(n) => write!(f, "{n} days"),
            Period::Months(1) => write!(f, "1 month"),
            Period::Months(n) => write!(f, "{n} months"),
        }
    }
}

/// A value in force, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved<'r> {
    /// The parameter's name.
    pub parameter: &'r str,
    /// The parameter.
    pub param: &'r Parameter,
    /// The typed value.
    pub value: Value,
    /// The citation it rests on.
    pub citation: &'r Citation,
    /// The year the page states for the figure, if any.
    pub level_year: Option<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuleSet {
    format: u32,
    rules_version: String,
    checked_on: NaiveDate,
    #[allow(dead_code)]
    checked_note: String,
    from_note: String,
    pages: BTreeMap<String, PageInfo>,
    citations: Vec<Citation>,
    documents: Vec<DocumentRule>,
    parameters: BTreeMap<String, Parameter>,
    #[serde(default)]
    page_rules: RawPageRules,
    #[serde(default)]
    forms: RawForms,
    #[serde(default)]
    information: RawInformation,
    #[serde(default)]
    not_applied: RawNotApplied,
}

/// `information` as written: a note for people, the items and the forms
/// considered and not offered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInformation {
    #[allow(dead_code)]
    #[serde(default)]
    note: String,
    #[serde(default)]
    items: Vec<InfoItem>,
    #[serde(default)]
    forms_not_offered: Vec<FormNotOfferedRule>,
}

/// `not_applied` as written: a note for people and the rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotApplied {
    #[allow(dead_code)]
    #[serde(default)]
    note: String,
    #[serde(default)]
    rules: Vec<NotApplied>,
}

/// A rule of the working catalogue that no plan applies, and why.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NotApplied {
    /// The catalogue's rule ID.
    pub id: String,
    /// Why no plan applies it (for maintainers; never shown as a rule).
    pub reason: String,
}

/// The plan section an information item belongs to.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InfoSection {
    /// Processing time and what happens while waiting.
    Processing,
    /// Where biometrics are recorded.
    BiometricsLocation,
    /// What the permit allows and requires once granted.
    AfterGrant,
    /// If the job ends.
    IfJobEnds,
    /// The scheme's conditions the plan states but cannot check.
    Conditions,
    /// Notes on the document list.
    DocumentNotes,
}

/// A fact of the situation an information item depends on. The engine
/// decides each from the situation; the data only names it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InfoCondition {
    /// Applying from abroad.
    FromAbroad,
    /// Applying from Denmark.
    FromDenmark,
    /// Where the applicant applies from is not given.
    FromUnknown,
    /// Not applying from Denmark (abroad, or not given).
    NotFromDenmark,
    /// Submitting at a Norwegian mission.
    NorwegianMission,
    /// Biometrics must be recorded (not a commuter exempt from them).
    BiometricsRequired,
    /// Family members are entered.
    Family,
    /// Pay Limit Scheme.
    PayLimit,
    /// Not the Pay Limit Scheme (or the scheme is not given).
    NotPayLimit,
    /// The Pay Limit or the Supplementary Pay Limit Scheme.
    PayLimitSchemes,
    /// Not special individual qualifications.
    NotSiq,
    /// The employer holds the applicant's power of attorney.
    EmployerPowerOfAttorney,
    /// The employer does not hold the applicant's power of attorney.
    NoEmployerPowerOfAttorney,
    /// Supplementary Pay Limit Scheme.
    SupplementaryPayLimit,
    /// Special individual qualifications.
    Siq,
    /// A performer or artist.
    Artist,
    /// A professional athlete or coach.
    AthleteOrCoach,
    /// A professional athlete (not a coach).
    Athlete,
    /// A specialised chef.
    Chef,
    /// The employment has ended (a date is given).
    EmploymentEnded,
    /// The employment has not ended (no date given).
    EmploymentNotEnded,
}

/// A citation of an information item on a named page (not the plan's).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PageCite {
    /// Page id.
    pub page: String,
    /// Rule id of the citation on that page.
    pub cite: String,
}

/// One statement of the plan's information sections: where (section,
/// pages), when (every condition holds), what (a catalogue key, with the
/// value of a parameter as `{value}`) and why (the citations).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct InfoItem {
    /// Stable id (unique).
    pub id: String,
    /// The plan section.
    pub section: InfoSection,
    /// The pages whose plans state it.
    pub pages: Vec<String>,
    /// Conditions that must all hold.
    #[serde(default)]
    pub when: Vec<InfoCondition>,
    /// Rule ids, each stated on every page in `pages`.
    pub cites: Vec<String>,
    /// Citations on another page (e.g. the phone guidance page).
    #[serde(default)]
    pub also: Vec<PageCite>,
    /// The message: a catalogue key.
    pub message: String,
    /// A parameter (on the plan's page) whose value the message states as `{value}`.
    #[serde(default)]
    pub value: Option<String>,
    /// Further parameters the message states, by placeholder: `{"days":
    /// "salary_abroad_first_days"}` writes that parameter's value on the
    /// plan's page as `{days}` (an exception's figure beside the rule's).
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

/// A form the engine considered and does not offer, with the reason.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FormNotOfferedRule {
    /// The form.
    pub form: crate::plan::Form,
    /// The pages whose plans list it.
    pub pages: Vec<String>,
    /// Conditions that must all hold.
    #[serde(default)]
    pub when: Vec<InfoCondition>,
    /// Why: rules on the plan's page.
    #[serde(default)]
    pub cites: Vec<String>,
    /// Why: rules on another page (e.g. the 2011 page that names the form).
    #[serde(default)]
    pub also: Vec<PageCite>,
    /// The reason: a catalogue key.
    pub message: String,
}

/// `forms` as written: a note for people, then one entry per form code.
#[derive(Debug, Clone, Default, Deserialize)]
struct RawForms {
    #[allow(dead_code)]
    #[serde(default)]
    note: String,
    #[serde(flatten)]
    forms: BTreeMap<String, FormRule>,
}

/// A form the current pages offer: channel, the rules that name it, who
/// fills which part (message keys), and how a representative fills it in.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FormRule {
    /// How it is submitted.
    pub channel: crate::plan::Channel,
    /// The rules that name the form and its parts, on the page that offers it.
    pub cites: Vec<String>,
    /// The message (catalogue key) that says why this form.
    pub message: String,
    /// Who fills which part, in which order.
    pub parts: Vec<PartRule>,
    /// The form as a representative fills it in, where the page says how.
    #[serde(default)]
    pub with_representative: Option<FormVariant>,
}

/// A variant of a form's parts (e.g. filled in by a representative).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FormVariant {
    /// Rules cited in addition to the form's own.
    pub cites: Vec<String>,
    /// The message (catalogue key) that says why.
    pub message: String,
    /// Who fills which part.
    pub parts: Vec<PartRule>,
}

/// One party's part: order, who (a catalogue key, or `representative`) and
/// what (a catalogue key).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PartRule {
    /// 1 first; equal numbers: no order stated.
    pub order: u32,
    /// Who: a catalogue key, or `representative` (named from the situation).
    pub who: String,
    /// What they do: a catalogue key.
    pub task: String,
}

/// The forms a page offers.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PageForms {
    /// The form the applicant (with the employer) fills in.
    pub applicant: crate::plan::Form,
    /// The form when the employer holds the applicant's power of attorney.
    #[serde(default)]
    pub employer_power_of_attorney: Option<crate::plan::Form>,
    /// The form when a representative applies (its `with_representative` variant).
    #[serde(default)]
    pub representative: Option<crate::plan::Form>,
}

/// `page_rules` as written: a note for people, then one entry per page.
#[derive(Debug, Clone, Default, Deserialize)]
struct RawPageRules {
    #[allow(dead_code)]
    #[serde(default)]
    note: String,
    #[serde(flatten)]
    pages: BTreeMap<String, PageRules>,
}

/// Choices that differ by page, each a rule id stated on that page.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PageRules {
    /// The forms the page offers.
    #[serde(default)]
    pub forms: Option<PageForms>,
    /// The rule that says which languages need no translation.
    pub translation: String,
    /// The rule by which a permit already held brings the bank-account duty
    /// forward to the first salary.
    pub bank_if_permit_held: String,
    /// The salary components that count, by kind (`cash`, …), each with the
    /// rule that says so.
    pub salary_counted: BTreeMap<String, String>,
    /// The rule under which a component does not count, by kind; `*` for
    /// every kind not listed.
    pub salary_not_counted: BTreeMap<String, String>,
    /// The order of the next-steps list and the rule that states it (absent
    /// in older rule data: the plan then lists no next steps).
    #[serde(default)]
    pub steps: Option<StepOrder>,
    /// What a change within the same company needs, by kind of change
    /// ([`JOB_CHANGE_KINDS`]): the page's answers, the first whose schemes
    /// hold applies (absent in older rule data: no answer is given).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub job_change: BTreeMap<String, Vec<JobChangeRule>>,
}

/// The kinds of change within the same company a `page_rules.*.job_change`
/// may answer (the ids of [`crate::situation::JobChangeKind`]).
pub const JOB_CHANGE_KINDS: [&str; 2] = ["position", "place_of_work"];

/// One page's answer to a change within the same company (issue 24).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JobChangeRule {
    /// The schemes the answer is for; empty: every scheme.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemes: Vec<crate::situation::Scheme>,
    /// Whether a new permit must be applied for; `None` where the page does
    /// not say.
    pub new_permit: Option<bool>,
    /// The answer's message key (`assets/messages`).
    pub message: String,
    /// The rules the answer rests on, all stated on the page; the first is
    /// the answer's own.
    pub cites: Vec<String>,
}

impl JobChangeRule {
    /// Whether the answer is for `scheme`.
    pub fn applies_to(&self, scheme: Option<crate::situation::Scheme>) -> bool {
        self.schemes.is_empty() || scheme.is_some_and(|s| self.schemes.contains(&s))
    }
}

/// The steps a `page_rules.*.steps.order` may name.
pub const STEP_KINDS: [&str; 6] = [
    "submission_window",
    "case_order_id",
    "fee",
    "documents",
    "form_parts",
    "biometrics",
];

/// The pages' step order, as the next-steps list follows it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StepOrder {
    /// The rule that states the order.
    pub rule: String,
    /// Step kinds in order: `submission_window`, `case_order_id`, `fee`,
    /// `documents`, `form_parts`, `biometrics`.
    pub order: Vec<String>,
}

impl PageRules {
    /// The rule under which a component of `kind` counts, if it does.
    pub fn counted(&self, kind: &str) -> Option<&str> {
        self.salary_counted.get(kind).map(String::as_str)
    }

    /// The rule under which a component of `kind` does not count.
    pub fn not_counted(&self, kind: &str) -> Option<&str> {
        self.salary_not_counted
            .get(kind)
            .or_else(|| self.salary_not_counted.get("*"))
            .map(String::as_str)
    }
}

/// A text in English and Danish.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// Danish.
    pub da: String,
}

/// The condition under which a page names a document. The engine decides
/// each condition from the situation; the data only names it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DocCondition {
    /// Always, on the pages that name it.
    Always,
    /// The applicant is a professional athlete or coach.
    AthleteOrCoach,
    /// Special individual qualifications.
    Siq,
    /// A specialised chef.
    Chef,
    /// The applicant has no MitID.
    NoMitid,
    /// A power of attorney is given.
    PowerOfAttorney,
    /// Submitted at a Norwegian mission.
    NorwegianMission,
    /// A regulated profession.
    RegulatedProfession,
    /// A researcher appointed as examiner.
    Examiner,
}

/// Where a page names a document.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DocCite {
    /// Page id.
    pub page: String,
    /// Rule id of the citation on that page.
    pub cite: String,
}

/// A document a page names.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DocumentRule {
    /// Stable id (used in situations to record state).
    pub id: String,
    /// When it is needed.
    pub when: DocCondition,
    /// False where the page only says SIRI may ask for it or suggests it.
    pub required: bool,
    /// Its name.
    pub name: Text,
    /// The pages that name it, each with its citation.
    pub cites: Vec<DocCite>,
}

#[derive(Debug, Clone)]
struct TypedValue {
    raw: RawValue,
    value: Value,
    citation: usize,
}

/// The hash of the rules' and the messages' own keys (rule ids, message
/// keys): a multiply and rotate over eight bytes at a time, as rustc's
/// FxHash. The keys are the data's own (no stranger chooses them), and a
/// plan looks up some three hundred: SipHash's protection costs more than it
/// buys here, and so does hashing them a byte at a time (FNV).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdHash;

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

/// The hasher of [`IdHash`].
#[derive(Debug)]
pub(crate) struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // The table takes its buckets from the low bits and its tags from
        // the top ones; the product's best-mixed bits are the high ones.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
}

/// The loaded, checked rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Version of the rule data.
    pub rules_version: String,
    /// Date the data was last checked against the pages.
    pub checked_on: NaiveDate,
    /// How the `from` dates were chosen.
    pub from_note: String,
    /// The pages, by id.
    pub pages: BTreeMap<String, PageInfo>,
    /// Every citation.
    pub citations: Vec<Citation>,
    /// Every document a page names.
    pub documents: Vec<DocumentRule>,
    /// Every parameter, by name.
    pub parameters: BTreeMap<String, Parameter>,
    /// The choices that differ by page, by page id.
    pub page_rules: BTreeMap<String, PageRules>,
    /// The forms the current pages offer, by code.
    pub forms: BTreeMap<String, FormRule>,
    /// The statements of the plan's information sections.
    pub information: Vec<InfoItem>,
    /// The forms considered and not offered.
    pub forms_not_offered: Vec<FormNotOfferedRule>,
    /// The catalogue's rules that no plan applies, with the reason.
    pub not_applied: Vec<NotApplied>,
    /// Each parameter's values, typed (a plan looks up some thirty).
    typed: std::collections::HashMap<String, Vec<TypedValue>, IdHash>,
    /// Citation positions by rule id (a plan asks for ~100 citations; a scan
    /// of every citation each time would cost more than the rest of the plan).
    by_id: std::collections::HashMap<String, Vec<usize>, IdHash>,
    /// Each citation as a plan's reason, made once per language (English,
    /// Danish; same order as `citations`): they differ in the page's title.
    reasons: [Vec<crate::plan::Reason>; 2],
}

fn parse_value(kind: ParamKind, text: &str) -> Result<Value, String> {
    let int = |s: &str| {
        s.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{s}` is not a whole number"))
    };
    match kind {
        ParamKind::Money => {
            let d = Decimal::from_str(text).map_err(|_| format!("`{text}` is not a decimal"))?;
            if d.scale() > 2 || d.is_sign_negative() {
                return Err(format!(
                    "`{text}`: money must be non-negative with at most two decimals"
                ));
            }
            Ok(Value::Money(d))
        }
        ParamKind::Number => Decimal::from_str(text)
            .map(Value::Number)
            .map_err(|_| format!("`{text}` is not a decimal")),
        ParamKind::Days => int(text).map(Value::Days),
        ParamKind::Months => int(text).map(Value::Months),
        ParamKind::Period => {
            let (n, unit) = text
                .split_once(' ')
                .ok_or_else(|| format!("`{text}`: expected `N days` or `N months`"))?;
            match unit {
                "days" => int(n).map(|n| Value::Period(Period::Days(n))),
                "months" => int(n).map(|n| Value::Period(Period::Months(n))),
                _ => Err(format!("`{text}`: expected `N days` or `N months`")),
            }
        }
        ParamKind::Languages => {
            let codes: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
            if codes.is_empty()
                || codes
                    .iter()
                    .any(|c| c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_lowercase()))
            {
                return Err(format!(
                    "`{text}`: expected space-separated two-letter codes"
                ));
            }
            Ok(Value::Languages(codes))
        }
    }
}

impl RuleSet {
    /// The rule set embedded in this build, loaded once.
    ///
    /// # Panics
    /// Never on a released build: the embedded data is checked by the test
    /// suite. (A broken embedded file is a build defect, not user input.)
    pub fn embedded() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(|| {
            RuleSet::from_json(EMBEDDED_RULES_JSON).expect("embedded rules data is valid")
        })
    }

    /// Loads and checks rule data from JSON text.
    pub fn from_json(text: &str) -> Result<RuleSet, RulesError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let raw: RawRuleSet = serde_path_to_error::deserialize(de).map_err(|e| {
            let inner = e.inner();
            RulesError::Syntax {
                path: e.path().to_string(),
                message: inner.to_string(),
                line: inner.line(),
                column: inner.column(),
            }
        })?;
        let invalid = |place: String, message: String| RulesError::Invalid { place, message };
        if raw.format != 1 {
            return Err(invalid(
                "format".into(),
                format!(
                    "format {} is not supported; this build reads format 1",
                    raw.format
                ),
            ));
        }
        for (i, c) in raw.citations.iter().enumerate() {
            if !raw.pages.contains_key(&c.page) {
                return Err(invalid(
                    format!("citations[{i}] ({})", c.id),
                    format!("page `{}` is not one of the pages", c.page),
                ));
            }
            if c.quote.trim().is_empty() || c.line == 0 {
                return Err(invalid(
                    format!("citations[{i}] ({})", c.id),
                    "a citation needs a quote and a line from 1".into(),
                ));
            }
        }
        for (i, doc) in raw.documents.iter().enumerate() {
            let place = format!("documents[{i}] ({})", doc.id);
            if doc.cites.is_empty() {
                return Err(invalid(
                    place,
                    "every document needs at least one citation".into(),
                ));
            }
            if raw.documents[..i].iter().any(|d| d.id == doc.id) {
                return Err(invalid(place, "document ids must be unique".into()));
            }
            for c in &doc.cites {
                if !raw
                    .citations
                    .iter()
                    .any(|x| x.id == c.cite && x.page == c.page)
                {
                    return Err(invalid(
                        place,
                        format!("no citation `{}` on page {} exists", c.cite, c.page),
                    ));
                }
            }
        }
        let mut typed: std::collections::HashMap<String, Vec<TypedValue>, IdHash> =
            Default::default();
        for (name, param) in &raw.parameters {
            if param.values.is_empty() {
                return Err(invalid(
                    format!("parameters.{name}"),
                    "a parameter needs at least one value".into(),
                ));
            }
            let mut values: Vec<TypedValue> = Vec::new();
            for (i, v) in param.values.iter().enumerate() {
                let place = format!("parameters.{name}.values[{i}]");
                if v.cite.trim().is_empty() {
                    return Err(invalid(
                        place,
                        "every value needs a citation (`cite`)".into(),
                    ));
                }
                let citation = raw
                    .citations
                    .iter()
                    .position(|c| c.id == v.cite && c.page == v.page)
                    .ok_or_else(|| {
                        invalid(
                            place.clone(),
                            format!("no citation `{}` on page {} exists", v.cite, v.page),
                        )
                    })?;
                if let Some(until) = v.until {
                    if until < v.from {
                        return Err(invalid(
                            place,
                            format!("`until` {until} is before `from` {}", v.from),
                        ));
                    }
                }
                let value =
                    parse_value(param.kind, &v.value).map_err(|m| invalid(place.clone(), m))?;
                for (j, other) in values.iter().enumerate() {
                    if other.raw.page == v.page && overlaps(&other.raw, v) {
                        return Err(invalid(
                            place,
                            format!("dates overlap with values[{j}] for page {}", v.page),
                        ));
                    }
                }
                values.push(TypedValue {
                    raw: v.clone(),
                    value,
                    citation,
                });
            }
            typed.insert(name.clone(), values);
        }
        for (page, rules) in &raw.page_rules.pages {
            let place = |what: &str| format!("page_rules.{page}.{what}");
            if !raw.pages.contains_key(page) {
                return Err(invalid(
                    place("(page)"),
                    format!("page `{page}` is not one of the pages"),
                ));
            }
            let mut cited: Vec<(String, &String)> = vec![
                (place("translation"), &rules.translation),
                (place("bank_if_permit_held"), &rules.bank_if_permit_held),
            ];
            for (kind, id) in rules.salary_counted.iter().chain(&rules.salary_not_counted) {
                let known = kind == "*"
                    || crate::situation::ComponentKind::ALL
                        .iter()
                        .any(|k| k.id() == kind);
                if !known {
                    return Err(invalid(
                        place(kind),
                        format!("`{kind}` is not a salary component kind (or `*`)"),
                    ));
                }
                cited.push((place(kind), id));
            }
            if let Some(steps) = &rules.steps {
                for kind in &steps.order {
                    if !STEP_KINDS.contains(&kind.as_str()) {
                        return Err(invalid(
                            place("steps.order"),
                            format!("`{kind}` is not a step (one of {})", STEP_KINDS.join(", ")),
                        ));
                    }
                }
                cited.push((place("steps.rule"), &steps.rule));
            }
            for (kind, answers) in &rules.job_change {
                if !JOB_CHANGE_KINDS.contains(&kind.as_str()) {
                    return Err(invalid(
                        place("job_change"),
                        format!(
                            "`{kind}` is not a kind of change (one of {})",
                            JOB_CHANGE_KINDS.join(", ")
                        ),
                    ));
                }
                for a in answers {
                    if a.cites.is_empty() {
                        return Err(invalid(
                            place(&format!("job_change.{kind}")),
                            "an answer needs the rules it rests on (`cites`)".into(),
                        ));
                    }
                    if !crate::messages::has(&a.message) {
                        return Err(invalid(
                            place(&format!("job_change.{kind}")),
                            format!(
                                "`{}` is not a message of the catalogue (assets/messages)",
                                a.message
                            ),
                        ));
                    }
                    for id in &a.cites {
                        cited.push((place(&format!("job_change.{kind}")), id));
                    }
                }
            }
            if let Some(forms) = &rules.forms {
                let offered = [
                    Some(forms.applicant),
                    forms.employer_power_of_attorney,
                    forms.representative,
                ];
                for form in offered.into_iter().flatten() {
                    let Some(f) = raw.forms.forms.get(form.code()) else {
                        return Err(invalid(
                            place("forms"),
                            format!(
                                "form {form} is offered but `forms.{form}` does not describe it"
                            ),
                        ));
                    };
                    let mut ids: Vec<&String> = f.cites.iter().collect();
                    let mut keys: Vec<&String> = vec![&f.message];
                    let variants = std::iter::once(&f.parts)
                        .chain(f.with_representative.as_ref().map(|v| &v.parts));
                    for parts in variants {
                        for p in parts {
                            keys.push(&p.task);
                            if p.who != "representative" {
                                keys.push(&p.who);
                            }
                        }
                    }
                    if let Some(v) = &f.with_representative {
                        ids.extend(&v.cites);
                        keys.push(&v.message);
                    }
                    for id in ids {
                        if !raw.citations.iter().any(|c| &c.id == id && &c.page == page) {
                            return Err(invalid(
                                format!("forms.{form}.cites"),
                                format!("no citation `{id}` on page {page} exists: page {page} offers {form}, so the rules naming it must be stated there"),
                            ));
                        }
                    }
                    for key in keys {
                        if !crate::messages::has(key) {
                            return Err(invalid(
                                format!("forms.{form}"),
                                format!(
                                    "`{key}` is not a message of the catalogue (assets/messages)"
                                ),
                            ));
                        }
                    }
                }
            }
            if !rules.salary_not_counted.contains_key("*") {
                return Err(invalid(
                    place("salary_not_counted"),
                    "needs a `*` entry: the rule for every kind not listed".into(),
                ));
            }
            for (where_, id) in cited {
                if !raw.citations.iter().any(|c| &c.id == id && &c.page == page) {
                    return Err(invalid(
                        where_,
                        format!("no citation `{id}` on page {page} exists: a page's choice must rest on that page"),
                    ));
                }
            }
        }
        check_information(&raw)?;
        let mut by_id: std::collections::HashMap<String, Vec<usize>, IdHash> = Default::default();
        for (i, c) in raw.citations.iter().enumerate() {
            by_id.entry(c.id.clone()).or_default().push(i);
        }
        let reasons_in = |lang: crate::plan::Lang| -> Vec<crate::plan::Reason> {
            raw.citations
                .iter()
                .map(|c| {
                    let page = raw.pages.get(&c.page);
                    // The page's title in the language (the rules data's
                    // title is the English one: a test keeps them equal); a
                    // page the catalogue does not name keeps the data's.
                    let title = match lang {
                        crate::plan::Lang::En => None,
                        _ => crate::messages::page_title(lang, &c.page),
                    };
                    crate::plan::Reason::new(crate::plan::ReasonFields {
                        rule: c.id.as_str().into(),
                        page: c.page.as_str().into(),
                        file: page.map(|p| p.file.as_str()).unwrap_or_default().into(),
                        title: title.unwrap_or_else(|| {
                            page.map(|p| p.title.as_str()).unwrap_or_default().into()
                        }),
                        line: c.line,
                        quote: c.quote.as_str().into(),
                    })
                })
                .collect()
        };
        let reasons = [
            reasons_in(crate::plan::Lang::En),
            reasons_in(crate::plan::Lang::Da),
        ];
        Ok(RuleSet {
            information: raw.information.items,
            forms_not_offered: raw.information.forms_not_offered,
            not_applied: raw.not_applied.rules,
            rules_version: raw.rules_version,
            checked_on: raw.checked_on,
            from_note: raw.from_note,
            pages: raw.pages,
            citations: raw.citations,
            documents: raw.documents,
            parameters: raw.parameters,
            page_rules: raw.page_rules.pages,
            forms: raw.forms.forms,
            typed,
            by_id,
            reasons,
        })
    }

    /// The value of `parameter` stated on `page` and in force on `date`.
    pub fn value(
        &self,
        parameter: &str,
        page: &str,
        date: NaiveDate,
    ) -> Result<Resolved<'_>, LookupError> {
        let err = || LookupError {
            parameter: parameter.to_owned(),
            page: page.to_owned(),
            date,
        };
        let (name, param) = self.parameters.get_key_value(parameter).ok_or_else(err)?;
        let values = self.typed.get(parameter).ok_or_else(err)?;
        let v = values
            .iter()
            .find(|v| {
                v.raw.page == page && v.raw.from <= date && v.raw.until.is_none_or(|u| date <= u)
            })
            .ok_or_else(err)?;
        Ok(Resolved {
            parameter: name,
            param,
            value: v.value.clone(),
            citation: &self.citations[v.citation],
            level_year: v.raw.level_year,
        })
    }

    /// How many values of `parameter` for `page` are in force on `date`
    /// (exactly one when the data is complete for that day).
    pub fn values_in_force(&self, parameter: &str, page: &str, date: NaiveDate) -> usize {
        self.typed.get(parameter).map_or(0, |vs| {
            vs.iter()
                .filter(|v| {
                    v.raw.page == page
                        && v.raw.from <= date
                        && v.raw.until.is_none_or(|u| date <= u)
                })
                .count()
        })
    }

    /// The name in `lang` of the document `id` the rules name, if they name it.
    pub fn document_name(&self, id: &str, lang: crate::plan::Lang) -> Option<&str> {
        let d = self.documents.iter().find(|d| d.id == id)?;
        Some(match lang {
            crate::plan::Lang::En => &d.name.en,
            crate::plan::Lang::Da => &d.name.da,
        })
    }

    /// The citation of rule `id` on `page`, and only there: a rule cited for
    /// a page must be stated on that page (the engine's audit reports any
    /// citation that is not; see `engine::audit`).
    pub fn citation(&self, id: &str, page: &str) -> Option<&Citation> {
        let is = |c: &&Citation| c.id == id && c.page == page;
        // The index, checked against the list it was made from (which is
        // public): an edited list falls back to the scan.
        self.by_id
            .get(id)
            .and_then(|at| at.iter().filter_map(|&i| self.citations.get(i)).find(is))
            .or_else(|| self.citations.iter().find(is))
    }

    /// [`RuleSet::citation`] as a plan's reason in `lang` (the page's title
    /// in that language), made once when the rules load.
    pub fn reason(
        &self,
        id: &str,
        page: &str,
        lang: crate::plan::Lang,
    ) -> Option<&crate::plan::Reason> {
        let reasons = match lang {
            crate::plan::Lang::En => &self.reasons[0],
            crate::plan::Lang::Da => &self.reasons[1],
        };
        // `by_id` and `reasons` are private and made together from the same
        // list: the positions under `id` are that rule's, so only the page
        // is compared.
        self.by_id
            .get(id)?
            .iter()
            .filter_map(|&i| reasons.get(i))
            .find(|r| r.page.as_str() == page)
    }

    /// The text of a page shipped with this build.
    pub fn page_text(page: &str) -> Option<&'static str> {
        EMBEDDED_PAGES
            .iter()
            .find(|(id, _)| *id == page)
            .map(|(_, t)| *t)
    }
}

/// Where a citation's quote stands on its page: the whole quote, whitespace
/// normalised, must begin on line `line` (1-based) of `page_text` — not on a
/// later line of the same paragraph or list — and may run on over the next
/// four lines. The one reading of "at its line" for the tests and the bundle
/// check (`permit-bundle`).
pub fn quote_starts_at_line(page_text: &str, line: u32, quote: &str) -> Result<(), String> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let lines: Vec<&str> = page_text.lines().collect();
    let start = (line as usize).checked_sub(1).filter(|&s| s < lines.len());
    let Some(start) = start else {
        return Err(format!("line {line} is beyond the end of the page"));
    };
    let first = norm(lines[start]);
    let window = norm(&lines[start..(start + 5).min(lines.len())].join(" "));
    let q = norm(quote);
    if q.is_empty() {
        return Err("the quote is empty".to_owned());
    }
    // Every place the quote occurs in the window; one must begin inside the
    // cited line (a quote found only further down starts on another line).
    let starts_on_line = window.match_indices(&q).any(|(at, _)| at < first.len());
    if starts_on_line {
        Ok(())
    } else if window.contains(&q) {
        Err(format!("the quote starts below line {line}"))
    } else {
        Err(format!("the quote is not at line {line}"))
    }
}

/// Checks the information items, the forms not offered and `not_applied`:
/// unique ids, known pages, every citation on its page, every message in the
/// catalogue, every value a parameter stated on the item's pages.
fn check_information(raw: &RawRuleSet) -> Result<(), RulesError> {
    let invalid = |place: String, message: String| RulesError::Invalid { place, message };
    let cited = |id: &str, page: &str| raw.citations.iter().any(|c| c.id == id && c.page == page);
    let check_common = |place: &str,
                        pages: &[String],
                        cites: &[String],
                        also: &[PageCite],
                        message: &str|
     -> Result<(), RulesError> {
        if pages.is_empty() || (cites.is_empty() && also.is_empty()) {
            return Err(invalid(
                place.to_owned(),
                "needs at least one page and one citation".into(),
            ));
        }
        for page in pages {
            if !raw.pages.contains_key(page) {
                return Err(invalid(
                    place.to_owned(),
                    format!("page `{page}` is not one of the pages"),
                ));
            }
            for id in cites {
                if !cited(id, page) {
                    return Err(invalid(
                        place.to_owned(),
                        format!("no citation `{id}` on page {page} exists"),
                    ));
                }
            }
        }
        for a in also {
            if !cited(&a.cite, &a.page) {
                return Err(invalid(
                    place.to_owned(),
                    format!("no citation `{}` on page {} exists", a.cite, a.page),
                ));
            }
        }
        if !crate::messages::has(message) {
            return Err(invalid(
                place.to_owned(),
                format!("`{message}` is not a message of the catalogue (assets/messages)"),
            ));
        }
        Ok(())
    };
    let items = &raw.information.items;
    for (i, item) in items.iter().enumerate() {
        let place = format!("information.items[{i}] ({})", item.id);
        if items[..i].iter().any(|x| x.id == item.id) {
            return Err(invalid(place, "information ids must be unique".into()));
        }
        check_common(&place, &item.pages, &item.cites, &item.also, &item.message)?;
        for name in item.value.iter().chain(item.values.values()) {
            for page in &item.pages {
                let stated = raw
                    .parameters
                    .get(name)
                    .is_some_and(|p| p.values.iter().any(|v| &v.page == page));
                if !stated {
                    return Err(invalid(
                        place.clone(),
                        format!("parameter `{name}` has no value on page {page}"),
                    ));
                }
            }
        }
    }
    for (i, f) in raw.information.forms_not_offered.iter().enumerate() {
        let place = format!("information.forms_not_offered[{i}] ({})", f.form);
        check_common(&place, &f.pages, &f.cites, &f.also, &f.message)?;
    }
    let rules = &raw.not_applied.rules;
    for (i, n) in rules.iter().enumerate() {
        let place = format!("not_applied.rules[{i}] ({})", n.id);
        if n.reason.trim().is_empty() {
            return Err(invalid(
                place,
                "every rule not applied needs a reason".into(),
            ));
        }
        if rules[..i].iter().any(|x| x.id == n.id) {
            return Err(invalid(place, "listed twice".into()));
        }
    }
    Ok(())
}

fn overlaps(a: &RawValue, b: &RawValue) -> bool {
    let a_end = a.until.unwrap_or(NaiveDate::MAX);
    let b_end = b.until.unwrap_or(NaiveDate::MAX);
    a.from <= b_end && b.from <= a_end
}

#[cfg(test)]
mod tests {

    /// The keys' hash tells every rule id and message key apart, and their
    /// bucket (low bits) and tag (top bits) are spread: a hash that folded
    /// them together would leave the tables right but slow.
    #[test]
    fn the_id_hash_spreads_the_rule_ids_and_message_keys() {
        use std::hash::BuildHasher;
        let rules = RuleSet::embedded();
        let en: std::collections::HashMap<String, String> =
            serde_json::from_str(crate::messages::EN).unwrap();
        let mut keys: Vec<&str> = rules.citations.iter().map(|c| c.id.as_str()).collect();
        keys.extend(en.keys().map(String::as_str));
        keys.sort_unstable();
        keys.dedup();
        assert!(keys.len() > 500, "{}", keys.len());
        let hashes: Vec<u64> = keys.iter().map(|k| IdHash.hash_one(k)).collect();
        let distinct = |f: &dyn Fn(u64) -> u64| {
            let mut v: Vec<u64> = hashes.iter().map(|&h| f(h)).collect();
            v.sort_unstable();
            v.dedup();
            v.len()
        };
        assert_eq!(distinct(&|h| h), keys.len(), "two keys share a hash");
        // 1024 buckets and 128 tags: nearly all in use (a uniform hash
        // leaves about 1024·e^(-n/1024) buckets empty).
        let buckets = distinct(&|h| h & 1023);
        let expected = 1024.0 * (1.0 - (-(keys.len() as f64) / 1024.0).exp());
        assert!(
            buckets as f64 > 0.9 * expected,
            "{buckets} buckets, {expected:.0} expected"
        );
        assert_eq!(distinct(&|h| h >> 57), 128, "the top seven bits");
    }

    #[test]
    fn citation_lookup_by_index_survives_an_edited_list() {
        let rules = RuleSet::embedded();
        let c = rules.citation("PAY-LIMIT-3", "002").unwrap();
        assert_eq!(c.line, 77);
        assert!(rules.citation("PAY-LIMIT-3", "003").is_none());
        assert!(rules.citation("NO-SUCH-RULE", "002").is_none());
        // The list is public: a reordered copy still answers right.
        let mut edited = rules.clone();
        edited.citations.reverse();
        let c = edited.citation("PAY-LIMIT-3", "002").unwrap();
        assert_eq!(
            (c.id.as_str(), c.page.as_str(), c.line),
            ("PAY-LIMIT-3", "002", 77)
        );
        edited.citations.retain(|c| c.id != "PAY-LIMIT-3");
        assert!(edited.citation("PAY-LIMIT-3", "002").is_none());
    }

    #[test]
    fn a_page_choice_must_rest_on_a_rule_of_that_page() {
        let good = RuleSet::from_json(EMBEDDED_RULES_JSON).unwrap();
        let ar9 = &good.forms["AR9"];
        assert_eq!(ar9.channel, crate::plan::Channel::Paper);
        assert_eq!(ar9.parts.len(), 2);
        assert_eq!(
            good.page_rules["003"]
                .forms
                .as_ref()
                .unwrap()
                .employer_power_of_attorney,
            Some(crate::plan::Form::AR6)
        );
        assert_eq!(good.page_rules["002"].translation, "TRANSL-1");
        assert_eq!(good.page_rules["003"].counted("holiday_allowance"), None);
        assert_eq!(
            good.page_rules["003"].not_counted("holiday_allowance"),
            Some("SAL-7")
        );
        assert_eq!(good.page_rules["002"].not_counted("car"), Some("SAL-6"));
        let pay_limit = &good.page_rules["002"].job_change["position"];
        assert!(pay_limit[0].applies_to(Some(crate::situation::Scheme::PayLimit)));
        assert!(!pay_limit[0].applies_to(Some(crate::situation::Scheme::SupplementaryPayLimit)));
        assert!(pay_limit[1].applies_to(None));
        for (from, to, place) in [
            (
                r#""002": { "translation": "TRANSL-1""#,
                r#""002": { "translation": "TRANSL-2""#,
                "page_rules.002.translation",
            ),
            (
                r#""car": "SAL-6""#,
                r#""boat": "SAL-6""#,
                "page_rules.002.boat",
            ),
            (
                r#""cites": ["FORM-AR9-3"]"#,
                r#""cites": ["FORM-AR1-1"]"#,
                "forms.AR9.cites",
            ),
            (
                r#""task": "route.fills_whole_ar6_form""#,
                r#""task": "route.no_such_message""#,
                "forms.AR6",
            ),
            (
                r#""forms": { "applicant": "AR9", "representative": "AR9" },"#,
                r#""forms": { "applicant": "AR9", "representative": "AR4" },"#,
                "page_rules.002.forms",
            ),
            (
                r#""salary_not_counted": { "*": "SAL-7" } },
    "004""#,
                r#""salary_not_counted": { "other": "SAL-7" } },
    "004""#,
                "page_rules.003.salary_not_counted",
            ),
            // A job change's answer rests on its own page, names a known
            // kind and a catalogue message.
            (
                r#""cites": ["SIQ-8b", "JOB-1"] } ],"#,
                r#""cites": ["RESEARCH-7", "JOB-1"] } ],"#,
                "page_rules.004.job_change.position",
            ),
            (
                r#""place_of_work": [ { "new_permit": true"#,
                r#""workplace": [ { "new_permit": true"#,
                "page_rules.003.job_change",
            ),
            (
                r#""message": "life.job_change.siq_place""#,
                r#""message": "life.job_change.nothing""#,
                "page_rules.004.job_change.place_of_work",
            ),
        ] {
            assert!(EMBEDDED_RULES_JSON.contains(from), "{from}");
            let broken = EMBEDDED_RULES_JSON.replacen(from, to, 1);
            let e = RuleSet::from_json(&broken).unwrap_err().to_string();
            assert!(e.contains(place), "{place}: {e}");
        }
    }
    #[test]
    fn information_items_are_checked_when_loaded() {
        let item = r#"{ "id": "processing_time", "section": "processing", "pages": ["002", "003", "004"], "cites": ["PROC-1"], "message": "info.processing_time", "value": "processing_time" }"#;
        let good = RuleSet::from_json(EMBEDDED_RULES_JSON).unwrap();
        assert!(good.information.iter().any(|i| i.id == "processing_time"));
        assert!(good.not_applied.len() > 10);
        for (to, needle) in [
            (
                item.replace("info.processing_time", "info.no_such_message"),
                "`info.no_such_message` is not a message of the catalogue",
            ),
            (
                item.replace(r#"["002", "003", "004"]"#, r#"["001", "002"]"#),
                "no citation `PROC-1` on page 001 exists",
            ),
            (
                item.replace(
                    r#""value": "processing_time""#,
                    r#""value": "job_seeking_permit_months""#,
                ),
                "parameter `job_seeking_permit_months` has no value on page 002",
            ),
            (
                item.replace(
                    r#""value": "processing_time""#,
                    r#""value": "processing_time", "values": {"days": "salary_abroad_first_days"}"#,
                ),
                "parameter `salary_abroad_first_days` has no value on page 002",
            ),
            (
                item.replace(r#""cites": ["PROC-1"], "#, r#""cites": [], "#),
                "needs at least one page and one citation",
            ),
        ] {
            assert!(EMBEDDED_RULES_JSON.contains(item));
            let broken = EMBEDDED_RULES_JSON.replacen(item, &to, 1);
            let e = RuleSet::from_json(&broken).unwrap_err().to_string();
            assert!(
                e.contains("information.items") && e.contains(needle),
                "{needle}: {e}"
            );
        }
        let na = r#"{ "id": "SRC-000", "reason": "Describes"#;
        assert!(EMBEDDED_RULES_JSON.contains(na));
        let broken = EMBEDDED_RULES_JSON.replacen(
            na,
            r#"{ "id": "SRC-000", "reason": " ", "was": "Describes"#,
            1,
        );
        assert!(
            RuleSet::from_json(&broken).is_err(),
            "unknown field refused"
        );
        let broken = EMBEDDED_RULES_JSON.replacen(
            r#""reason": "Describes the phone-guidance page itself (its source; the site name is missing). The plan cites that page where its rules apply (PHONE-*); the source decides no situation.""#,
            r#""reason": "  ""#,
            1,
        );
        let e = RuleSet::from_json(&broken).unwrap_err().to_string();
        assert!(
            e.contains("not_applied.rules[0] (SRC-000)") && e.contains("needs a reason"),
            "{e}"
        );
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn embedded_rules_load() {
        let r = RuleSet::embedded();
        assert!(r.parameters.contains_key("pay_limit_annual_dkk"));
        let v = r
            .value("pay_limit_annual_dkk", "002", d("2027-01-01"))
            .unwrap();
        assert_eq!(v.value, Value::Money(Decimal::new(48700000, 2)));
        assert_eq!(v.citation.id, "PAY-LIMIT-1");
    }

    fn with_values(values: &str) -> String {
        let base = EMBEDDED_RULES_JSON;
        let start = base.find("\"fee_dkk\": {").unwrap();
        let end = start + base[start..].find("] },").unwrap() + 4;
        let replacement = format!(
            "\"fee_dkk\": {{ \"kind\": \"money\", \"description\": \"Processing fee\", \"values\": [{values}] }},"
        );
        format!("{}{}{}", &base[..start], replacement, &base[end..])
    }

    #[test]
    fn overlapping_dates_fail_loudly() {
        let text = with_values(
            r#"{ "page": "002", "from": "2024-01-01", "value": "6290.00", "cite": "FEE-1" },
               { "page": "002", "from": "2025-01-01", "value": "6400.00", "cite": "FEE-1" }"#,
        );
        let err = RuleSet::from_json(&text).unwrap_err();
        assert!(err.to_string().contains("overlap"), "{err}");
        assert!(
            err.to_string().contains("parameters.fee_dkk.values[1]"),
            "{err}"
        );
    }

    #[test]
    fn successive_values_are_chosen_by_date() {
        let text = with_values(
            r#"{ "page": "002", "from": "2024-01-01", "until": "2024-12-31", "value": "6290.00", "cite": "FEE-1" },
               { "page": "002", "from": "2025-01-01", "value": "6400.00", "cite": "FEE-1" }"#,
        );
        let r = RuleSet::from_json(&text).unwrap();
        let at = |s| r.value("fee_dkk", "002", d(s)).unwrap().value;
        assert_eq!(at("2024-12-31"), Value::Money(Decimal::new(629000, 2)));
        assert_eq!(at("2025-01-01"), Value::Money(Decimal::new(640000, 2)));
        assert!(r.value("fee_dkk", "002", d("2023-12-31")).is_err());
    }

    #[test]
    fn value_without_citation_fails() {
        let text = with_values(
            r#"{ "page": "002", "from": "2024-01-01", "value": "6290.00", "cite": "" }"#,
        );
        let err = RuleSet::from_json(&text).unwrap_err();
        assert!(err.to_string().contains("needs a citation"), "{err}");
        let text = with_values(
            r#"{ "page": "002", "from": "2024-01-01", "value": "6290.00", "cite": "NOPE-1" }"#,
        );
        let err = RuleSet::from_json(&text).unwrap_err();
        assert!(
            err.to_string().contains("no citation `NOPE-1` on page 002"),
            "{err}"
        );
        let text = with_values(r#"{ "page": "002", "from": "2024-01-01", "value": "6290.00" }"#);
        let err = RuleSet::from_json(&text).unwrap_err();
        assert!(err.to_string().contains("cite"), "{err}");
    }

    #[test]
    fn bad_money_fails() {
        let text = with_values(
            r#"{ "page": "002", "from": "2024-01-01", "value": "6,290,-", "cite": "FEE-1" }"#,
        );
        assert!(RuleSet::from_json(&text).is_err());
        let text = with_values(
            r#"{ "page": "002", "from": "2024-01-01", "value": "6290.001", "cite": "FEE-1" }"#,
        );
        assert!(RuleSet::from_json(&text).is_err());
    }

    #[test]
    fn every_quote_occurs_verbatim_on_its_page_at_its_line() {
        let r = RuleSet::embedded();
        for c in &r.citations {
            let text = RuleSet::page_text(&c.page).expect("page shipped");
            if let Err(e) = quote_starts_at_line(text, c.line, &c.quote) {
                panic!("{} on {}: {e}", c.id, c.page);
            }
        }
    }

    #[test]
    fn a_quote_must_start_on_its_line_not_below_it() {
        // Page 000 lists five sentences that begin "You cannot be …": a
        // quote of the fifth cited at the second line shares its first 20
        // characters with that line and is in the five-line window, but it
        // starts three lines below (PHONE-7f was cited at 000:22, it is 000:25).
        let text = RuleSet::page_text("000").expect("page shipped");
        let q = "You cannot be informed whether or not you can be granted a residence permit, if you apply for a second time after having received a refusal";
        let err = quote_starts_at_line(text, 22, q).unwrap_err();
        assert!(err.contains("starts below line 22"), "{err}");
        assert_eq!(quote_starts_at_line(text, 25, q), Ok(()));
        assert!(quote_starts_at_line(text, 26, q).is_err());
        // A quote may begin in the middle of its line and run on.
        let p2 = RuleSet::page_text("002").expect("page shipped");
        let bank = "your salary must be paid to a Danish bank account in a bank that operats legally in Denmark.";
        assert!(quote_starts_at_line(p2, 97, bank)
            .unwrap_err()
            .contains("below"));
        assert_eq!(quote_starts_at_line(p2, 99, bank), Ok(()));
        assert!(quote_starts_at_line(p2, 0, bank).is_err());
        assert!(quote_starts_at_line(p2, 100_000, bank).is_err());
        assert!(quote_starts_at_line(p2, 99, " ").is_err());
    }

    #[test]
    fn pages_listed_match_shipped_files() {
        let r = RuleSet::embedded();
        for (id, page) in &r.pages {
            let text = RuleSet::page_text(id).expect("every listed page is shipped");
            assert!(!text.is_empty(), "{}", page.file);
        }
    }
}
