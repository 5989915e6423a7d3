//! The desktop app's service layer: a workspace of cases in the SQLite store,
//! each with its situation, and the plan computed by the core. No Tauri here:
//! `desktop.rs` wraps each method in a one-line command, and the tests below
//! run without a window.
//!
//! Each case's `digest_json` column holds a small [`CaseDigest`] (forms,
//! progress, next deadline, labels) so that the case list of thousands of
//! cases is shown without recomputing any plan. The command line is one more
//! front end of this layer (`cli_batch.rs`, `cli_rules.rs`).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use chrono::NaiveDate;
use permit_batch::batch::{BatchCase, BatchOptions};
use permit_batch::hires::{self, Mode};
use permit_batch::{case_file, ics, templates};
use permit_bundle::changes::{self, Change, Snapshot};
use permit_bundle::installed;
use permit_bundle::Bundle;
pub use permit_core::digest::{CaseDigest, NextDeadline};
use permit_core::messages::{Arg, Msg};
use permit_core::plan::{Deadline, DeadlineKind, DeadlineStatus};
use permit_core::situation::{FieldError, RawSituation};
use permit_core::{plan, Lang, Options, Plan, Situation};
use permit_store::{ListFilter, Sort, Store, StoreError};
use permit_store::{PlanState, SavedPlan};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::kinds::{CaseStatus, ErrorKind, ImportMode, ListSort};

/// An error shown to the user: a stable `kind`, a readable `message`, and
/// for invalid answers the fields concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message}")]
pub struct AppError {
    /// What went wrong, as a stable name.
    pub kind: ErrorKind,
    /// What happened, for people.
    pub message: String,
    /// The workspace file concerned, where there is one.
    pub path: Option<String>,
    /// Field errors of an invalid situation.
    pub fields: Vec<FieldError>,
    /// The language `message` is written in: the view's, where the service
    /// layer wrote it from the message catalogue; `None` for the program's
    /// own English or technical words (an OS error, a library's message),
    /// which the UI replaces with a sentence of its own for the kind.
    pub lang: Option<Lang>,
}

impl AppError {
    fn new(kind: &str, message: impl Into<String>) -> Self {
        AppError {
            kind: kind.into(),
            message: message.into(),
            path: None,
            fields: vec![],
            lang: None,
        }
    }

    /// An error whose message is the catalogue's `text` written in `lang`.
    fn written(kind: &str, text: &Msg, lang: Lang) -> Self {
        AppError {
            kind: kind.into(),
            message: text.render(lang),
            path: None,
            fields: vec![],
            lang: Some(lang),
        }
    }

    /// An invalid situation's error for a view in `lang`: its fields'
    /// messages and a headline saying how many answers are not accepted
    /// (with the first one's message), all in `lang`. Any other error is returned as it is.
    fn for_view(self, lang: Lang) -> Self {
        if self.kind != ErrorKind::InvalidInput {
            return self;
        }
        let fields = localized(self.fields, lang);
        let Some(first) = fields.first().map(|f| f.message.clone()) else {
            return AppError { fields, ..self };
        };
        let text = match fields.len() {
            1 => Msg::new("app.situation_invalid.one").with("first", first),
            n => Msg::new("app.situation_invalid.other")
                .with("n", n)
                .with("first", first),
        };
        AppError {
            message: text.render(lang),
            lang: Some(lang),
            fields,
            ..self
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError {
            kind: e.kind().into(),
            message: e.to_string(),
            path: Some(e.path().display().to_string()),
            fields: vec![],
            lang: None,
        }
    }
}

/// Result of the service layer.
pub type AppResult<T> = Result<T, AppError>;

/// How to compute plans: today's date and the language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct View {
    /// Language of the plan's messages.
    pub lang: Lang,
    /// Today (deadline countdowns count from here).
    pub today: NaiveDate,
}

impl View {
    fn options(&self) -> Options {
        Options {
            today: self.today,
            lang: self.lang,
        }
    }
}

/// What the app shows about its workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WorkspaceInfo {
    /// The workspace file.
    pub path: String,
    /// Version of the rule data.
    pub rules_version: String,
    /// When the rules were last checked against the pages.
    pub rules_checked_on: NaiveDate,
    /// Number of cases (not deleted).
    pub cases: usize,
}

/// The rules bundle in force, for Settings → Rules and `rules status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RulesStatus {
    /// The bundle version (the rules' version).
    pub version: String,
    /// When the rules were checked against the pages.
    pub checked_on: NaiveDate,
    /// Every date from which a value of the rules is in force.
    pub in_force_from: Vec<NaiveDate>,
    /// Who signed it (`built into this build` for the embedded rules).
    pub signed_by: String,
    /// `built_in` or `installed`.
    pub origin: String,
    /// The folder of installed bundles.
    pub folder: String,
    /// Installed files that are not used, each with the reason.
    pub ignored: Vec<String>,
    /// The same, for the app: each file's name and why, as a stable kind.
    pub ignored_files: Vec<IgnoredBundle>,
    /// Who signed it: `built_in` (the embedded rules), `production` (the
    /// rules key compiled into this build) or `test` (test builds only).
    pub signer: String,
    /// The id of the signing key (none for the embedded rules).
    pub key_id: Option<String>,
}

/// An installed bundle file that is not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IgnoredBundle {
    /// The file's name (in the rules folder).
    pub file: String,
    /// Why, as a stable name: `not_newer` (not newer than this build's own
    /// rules), or the refusal's kind (`damaged`, `bad_signature`, …).
    pub kind: ErrorKind,
    /// Why, for people (English).
    pub reason: String,
}

/// The update address of Settings → Rules ("Check for updates").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[ts(export)]
pub struct UpdateSource {
    /// The address (https://, or http:// to this computer), if set.
    pub url: Option<String>,
}

/// What a rules update changed for one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseChanges {
    /// Case id.
    #[ts(type = "number")]
    pub id: i64,
    /// Case name.
    pub name: String,
    /// The rules version of the plan compared against.
    pub from_version: String,
    /// The rules version of the new plan.
    pub to_version: String,
    /// What changed.
    pub changes: Vec<Change>,
}

/// What installing a rules bundle (or re-planning after one) did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RulesReport {
    /// The rules in force now.
    pub status: RulesStatus,
    /// Whether a new bundle was installed (false: it was already in force).
    pub installed: bool,
    /// Cases re-planned.
    pub replanned: usize,
    /// The cases whose plan changed, with what changed.
    pub changed: Vec<CaseChanges>,
    /// Cases that could not be planned (damaged), each named.
    pub skipped: Vec<String>,
}

/// One row of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseRow {
    /// Case id.
    #[ts(type = "number")]
    pub id: i64,
    /// Case name.
    pub name: String,
    /// Active or archived.
    pub status: CaseStatus,
    /// When it last changed.
    pub updated_at: String,
    /// The digest.
    pub digest: CaseDigest,
    /// Days from today to the next deadline.
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    /// State of the next deadline today.
    pub deadline_status: Option<DeadlineStatus>,
    /// A rules update changed the plan since the user last saw it.
    pub rules_changed: bool,
    /// Some answers are kept as typed, not accepted (the case's draft).
    pub to_fix: bool,
    /// The case's readiness group today (from its digest; absent for a
    /// digest written before readiness existed).
    pub readiness: Option<permit_core::digest::Readiness>,
}

/// Which cases to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ListQuery {
    /// Text in the case name, reference, applicant or employer (case and accents ignored).
    pub search: Option<String>,
    /// Active or archived cases (all when absent).
    pub status: Option<CaseStatus>,
    /// Only cases with this form.
    pub form: Option<permit_core::plan::Form>,
    /// Only cases in this readiness group today (see `permit_core::digest::Readiness`).
    pub readiness: Option<permit_core::digest::Readiness>,
    /// The order (the nearest deadline first when absent).
    pub sort: Option<ListSort>,
    /// Rows to skip (0 when absent).
    #[ts(type = "number | null")]
    pub offset: Option<u32>,
    /// At most this many rows (all when absent).
    #[ts(type = "number | null")]
    pub limit: Option<u32>,
}

/// One page of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CasePage {
    /// The rows of the page, in order.
    pub rows: Vec<CaseRow>,
    /// How many cases match the query in all.
    pub total: usize,
    /// The offset of the first row.
    pub offset: usize,
}

/// A case as the case view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseView {
    /// Case id.
    #[ts(type = "number")]
    pub id: i64,
    /// Case name.
    pub name: String,
    /// Active or archived.
    pub status: CaseStatus,
    /// Version for the next update (optimistic concurrency).
    pub updated_at: String,
    /// The situation as entered.
    pub situation: RawSituation,
    /// The plan.
    pub plan: Plan,
    /// What a rules update changed since the plan the user last saw (none
    /// when nothing is waiting to be acknowledged).
    pub rules_changes: Option<CaseChanges>,
    /// Answers not accepted, kept as typed (none when every answer is).
    pub draft: Option<Draft>,
}

/// The answers of a case as the user typed them when some are not accepted:
/// kept (nothing typed is lost) and marked; the plan and the stored
/// situation leave those answers out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Draft {
    /// The situation as typed, the answers not accepted included.
    #[ts(as = "RawSituation")]
    pub situation: serde_json::Value,
    /// Why each answer is not accepted, by field.
    pub errors: Vec<FieldError>,
}

/// `errors` with their messages in `lang` (the core writes English).
fn localized(mut errors: Vec<FieldError>, lang: Lang) -> Vec<FieldError> {
    for e in &mut errors {
        e.localize(lang);
    }
    errors
}

/// The key of the draft in a case's digest column (next to the
/// [`CaseDigest`], which the list reads without it).
const DRAFT_KEY: &str = "draft";

/// The situation with the answers `errors` name left out (null), parsed; a
/// few rounds, since leaving one out can show another (a check across
/// fields). `None` when an error names no answer that can be left out.
fn accepted_part(
    situation: &serde_json::Value,
    errors: &[FieldError],
) -> Option<(Situation, Vec<FieldError>)> {
    let mut v = situation.clone();
    let mut errors = errors.to_vec();
    // Every answer not accepted, each field once: the reading stops at the
    // first answer it cannot read, so one round shows one; a field left out
    // reads as missing next round, and its first reason is the user's.
    let mut all: Vec<FieldError> = Vec::new();
    for _ in 0..16 {
        for e in &errors {
            if !null_at(&mut v, &e.field) {
                return None;
            }
            if !all.iter().any(|a| a.field == e.field) {
                all.push(e.clone());
            }
        }
        match Situation::from_json(&v.to_string(), "situation") {
            Ok(s) => return Some((s, all)),
            Err(e) => errors = e.errors,
        }
    }
    None
}

/// Leaves out the answer at `path` (`salary.components[0].amount`): set
/// to null, or, when it is null already (a row's required answer), its row
/// removed from the list; false when the path names no answer.
fn null_at(v: &mut serde_json::Value, path: &str) -> bool {
    let mut keys: Vec<Result<&str, usize>> = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if name.is_empty() {
            return false;
        }
        keys.push(Ok(name));
        for idx in rest.split('[').filter(|i| !i.is_empty()) {
            match idx.trim_end_matches(']').parse::<usize>() {
                Ok(i) => keys.push(Err(i)),
                Err(_) => return false,
            }
        }
    }
    leave_out(v, &keys)
}

fn leave_out(v: &mut serde_json::Value, keys: &[Result<&str, usize>]) -> bool {
    let Some((last, init)) = keys.split_last() else {
        return false;
    };
    let mut cur = &mut *v;
    for k in init {
        let next = match k {
            Ok(name) => cur.get_mut(*name),
            Err(i) => cur.get_mut(*i),
        };
        match next {
            Some(n) => cur = n,
            None => return false,
        }
    }
    match last {
        Ok(name) => match cur.get_mut(*name) {
            Some(x) if !x.is_null() => {
                *x = serde_json::Value::Null;
                true
            }
            // Null already: leave out what holds it.
            _ => leave_out(v, init),
        },
        Err(i) => match cur.as_array_mut() {
            Some(list) if *i < list.len() => {
                list.remove(*i);
                true
            }
            _ => false,
        },
    }
}

/// How many active cases are in one readiness group today, for the morning
/// dashboard (each group a link to the case list filtered by it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReadinessCount {
    /// The group.
    pub group: permit_core::digest::Readiness,
    /// Cases in it.
    pub count: usize,
}

/// A deadline of one case, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DashboardItem {
    /// Case id.
    #[ts(type = "number")]
    pub case_id: i64,
    /// Case name.
    pub case_name: String,
    /// The deadline.
    pub deadline: Deadline,
    /// A rules update changed the case's plan since the user last saw it.
    pub rules_changed: bool,
}

/// A desktop reminder of a deadline (an OS notification), in the view's
/// language: see [`Workspace::reminders`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The case.
    pub case_id: i64,
    /// "Case — deadline".
    pub title: String,
    /// When it is due, or, once passed, what now (the plan's remedy).
    pub body: String,
}

/// Result of a PDF export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportResult {
    /// Where it was written.
    pub path: String,
    /// Size in bytes.
    pub bytes: usize,
    /// Characters the font lacks, shown as a replacement mark.
    pub replaced: Vec<String>,
}

/// One problem of a hires CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProblem {
    /// The row as a spreadsheet numbers it (the header is row 1); none for the whole file.
    pub row: Option<usize>,
    /// The column, where the problem is in one.
    pub column: Option<String>,
    /// 1-based position of the column in the row, where known.
    #[ts(type = "number | null")]
    pub column_number: Option<usize>,
    /// What is wrong and what is accepted.
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    /// As the import words it: `row 3, column `salary_cash`: …`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        hires::Problem {
            row: self.row,
            column: self.column.clone(),
            column_number: self.column_number,
            message: self.message.clone(),
            text: None,
        }
        .fmt(f)
    }
}

/// What to do with a row of a hires file that matches a case already in
/// the workspace (same reference, or same applicant name and birth date).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OnDuplicate {
    /// Import nothing and list the matches, so the user can choose.
    #[default]
    Ask,
    /// Leave the case as it is; the row is not imported.
    Skip,
    /// Write the row's answers into the case (what the row leaves empty,
    /// and the case's name, notes and documents, stay).
    Update,
    /// Import the row as a new case all the same.
    New,
}

/// How to import a hires CSV file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// Import the rows without problems when others have some (else: all
    /// or nothing).
    pub valid_rows: bool,
    /// A checklist template applied to every new or updated case.
    pub template: Option<String>,
    /// Rows that match a case already in the workspace.
    pub on_duplicate: OnDuplicate,
}

/// How a row was recognised as a case already in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchedBy {
    /// The same reference (`case.reference`, ignoring case and accents).
    Reference,
    /// The same applicant name (ignoring case and accents) and birth date.
    NameAndBirthDate,
}

/// A row of a hires file that matches a case already in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DuplicateRow {
    /// The row (the header is row 1).
    pub row: usize,
    /// The row's case name.
    pub name: String,
    /// The case it matches.
    #[ts(type = "number")]
    pub case_id: i64,
    /// That case's name.
    pub case_name: String,
    /// How it was recognised.
    pub matched_by: MatchedBy,
}

/// A case an import created or updated, with how the pages answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportedCase {
    /// The row it came from.
    pub row: usize,
    /// The case.
    #[ts(type = "number")]
    pub case_id: i64,
    /// The case's name.
    pub name: String,
    /// An existing case the row updated (else a new case).
    pub updated: bool,
    /// `covered` (a form was found), `needs_answers` or `not_covered`.
    pub coverage: Option<permit_core::plan::CoverageStatus>,
}

/// What an import of a hires CSV file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    /// Cases created (0 when nothing was imported).
    pub imported: usize,
    /// Their ids, in row order.
    #[ts(type = "number[]")]
    pub ids: Vec<i64>,
    /// Existing cases updated from their rows.
    pub updated: usize,
    /// Rows left out because they match a case (`skip`).
    pub skipped: usize,
    /// Every case created or updated, in row order, with its outcome.
    pub cases: Vec<ImportedCase>,
    /// Of those, how many the pages give a form (`covered`).
    pub form_found: usize,
    /// Of those, how many need more answers before a form can be named.
    pub needs_answers: usize,
    /// Of those, how many no page covers (no form is proposed).
    pub not_covered: usize,
    /// Rows that match cases already in the workspace.
    pub duplicates: Vec<DuplicateRow>,
    /// Rows matched cases and the import was asked to ask: nothing was
    /// imported; choose skip, update or new and import again.
    pub needs_choice: bool,
    /// The file's name, as the problems' texts name it.
    pub file: String,
    /// Rows without problems (what "import the valid rows" would import).
    pub valid: usize,
    /// Data rows in the file.
    pub rows: usize,
    /// Whether a problem concerns the whole file (then nothing can be imported).
    pub file_level: bool,
    /// Every problem, in file order.
    pub problems: Vec<ImportProblem>,
}

/// Result of a calendar export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IcsResult {
    /// Where it was written.
    pub path: String,
    /// Events (dated deadlines) in it.
    pub events: usize,
    /// The cases whose deadlines it holds.
    pub cases: usize,
    /// Cases left out because their stored data is damaged, each named
    /// with the reason.
    pub skipped: Vec<String>,
}

/// Result of a batch export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BatchResult {
    /// The folder.
    pub dir: String,
    /// Cases whose PDF was written.
    pub written: usize,
    /// Cases whose PDF could not be rendered (their plan file was written).
    pub failed: usize,
    /// Each of those, as `case ID: reason`.
    pub errors: Vec<String>,
    /// The summary CSV (none when cancelled).
    pub summary_path: Option<String>,
    /// Whether the export was cancelled.
    pub cancelled: bool,
    /// Cases left out because their stored data is damaged, each named
    /// with the reason.
    pub skipped: Vec<String>,
}

/// Progress of a batch export, as sent to the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BatchProgress {
    /// Cases done.
    pub done: usize,
    /// Cases in all.
    pub total: usize,
}

/// A checklist template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TemplateInfo {
    /// Its name.
    pub name: String,
    /// Its items' names.
    pub items: Vec<String>,
}

/// The labels of a situation an import recognises a case by, read from its
/// JSON (whatever else it holds).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Labels {
    case: LabelsCase,
    applicant: LabelsApplicant,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LabelsCase {
    reference: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LabelsApplicant {
    name: Option<String>,
    birth_date: Option<String>,
}

impl Labels {
    /// The labels of a situation's JSON (none when it cannot be read).
    fn of(json: &str) -> Labels {
        serde_json::from_str(json).unwrap_or_default()
    }
    /// Text compared ignoring case, accents and extra spaces.
    fn key(text: Option<&str>) -> Option<String> {
        let folded = permit_store::fold(text?);
        let words: Vec<&str> = folded.split_whitespace().collect();
        (!words.is_empty()).then(|| words.join(" "))
    }
    fn reference(&self) -> Option<String> {
        Labels::key(self.case.reference.as_deref())
    }
    fn person(&self) -> Option<(String, String)> {
        let birth = self
            .applicant
            .birth_date
            .clone()
            .filter(|b| !b.is_empty())?;
        Some((Labels::key(self.applicant.name.as_deref())?, birth))
    }
}

/// Lays a row's situation (`patch`) over a case's (`base`): objects merge
/// key by key, any other value replaces; what the row leaves empty (null,
/// `[]`, `{}`) keeps the case's.
fn overlay(base: &mut serde_json::Value, patch: serde_json::Value) {
    use serde_json::Value;
    fn empty(v: &Value) -> bool {
        match v {
            Value::Null => true,
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.values().all(empty),
            _ => false,
        }
    }
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                if empty(&v) {
                    continue;
                }
                match b.get_mut(&k) {
                    Some(old) if old.is_object() && v.is_object() => overlay(old, v),
                    _ => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, p) => {
            if !empty(&p) {
                *b = p;
            }
        }
    }
}

/// What [`Workspace::import_case`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseImport {
    /// The new case.
    pub case: CaseView,
    /// The version of the case file (older ones are migrated).
    pub from_version: u32,
}

/// The cases of a batch export, read from the store (see
/// [`Workspace::batch_selection`] and [`run_batch`]).
pub struct BatchSelection(Vec<BatchCase>, Vec<String>, Arc<Bundle>);

/// A workspace: the store and the rules.
pub struct Workspace {
    store: Store,
    /// The folder of installed rules bundles (the data folder's `rules/`).
    rules_dir: PathBuf,
}

/// The rules in force for the app and the command line: the newest valid
/// installed bundle in the data folder, else the embedded rules. Every
/// planning call site gets its rules here (or from [`Workspace::bundle`]).
pub fn rules_in_force() -> Arc<Bundle> {
    installed::in_force()
}

/// The status of a rules folder.
pub fn rules_status(dir: &Path) -> RulesStatus {
    let st = installed::status_in(dir);
    let b = &st.in_force;
    RulesStatus {
        version: b.version().to_owned(),
        checked_on: b.manifest.checked_on,
        in_force_from: b.manifest.in_force_from.clone(),
        signed_by: b.signed_by.clone(),
        origin: match b.origin {
            permit_bundle::Origin::Embedded => "built_in".into(),
            _ => "installed".into(),
        },
        folder: dir.display().to_string(),
        ignored: st
            .ignored
            .iter()
            .map(|i| format!("{}: {}", i.path.display(), i.reason))
            .collect(),
        ignored_files: st
            .ignored
            .iter()
            .map(|i| IgnoredBundle {
                file: file_name(&i.path),
                kind: i.kind.into(),
                reason: i.reason.clone(),
            })
            .collect(),
        signer: match &b.key_id {
            None => "built_in".into(),
            Some(k) if *k == permit_bundle::keys::production_key_id() => "production".into(),
            Some(_) => "test".into(),
        },
        key_id: b.key_id.clone(),
    }
}

/// The file of the update address, in the rules folder.
const UPDATE_SOURCE_FILE: &str = "update-source.json";

fn bundle_error(path: &Path, e: impl std::fmt::Display, kind: &str) -> AppError {
    AppError {
        kind: kind.into(),
        message: format!("{}: refused, nothing was changed: {e}", file_name(path)),
        path: Some(path.display().to_string()),
        fields: vec![],
        lang: None,
    }
}

/// Reads and checks a rules bundle file against the keys this build trusts.
pub fn read_bundle(path: &Path) -> AppResult<Bundle> {
    Bundle::read(
        path,
        &permit_bundle::keys::Keyring::trusted(),
        permit_bundle::Origin::File(path.to_owned()),
    )
    .map_err(|e| bundle_error(path, &e, e.kind()))
}

/// One re-planned case.
struct Replanned {
    saved: SavedPlan,
    changes: Option<CaseChanges>,
}

/// `one` over every case of `states`, in order: on both cores when there
/// are many. A panic while planning (a bug) names the cases it concerned
/// instead of stopping the program.
fn on_both_cores<R: Send>(
    states: &[PlanState],
    one: &(dyn Fn(&PlanState) -> Result<R, String> + Sync),
) -> Vec<Result<R, String>> {
    if states.len() < 64 {
        return states.iter().map(one).collect();
    }
    let (a, b) = states.split_at(states.len() / 2);
    std::thread::scope(|sc| {
        let h = sc.spawn(|| a.iter().map(one).collect::<Vec<_>>());
        let mut second: Vec<_> = b.iter().map(one).collect();
        let mut first = h.join().unwrap_or_else(|_| {
            a.iter()
                .map(|st| {
                    Err(format!(
                        "case {} ({}): could not be planned",
                        st.id, st.name
                    ))
                })
                .collect()
        });
        first.append(&mut second);
        first
    })
}

/// Plans `states` with `rules` on both cores and compares each with the
/// plan the user last saw.
fn replan(states: &[PlanState], rules: &Bundle, v: View) -> (Vec<Replanned>, Vec<String>) {
    let one = |st: &PlanState| -> Result<Replanned, String> {
        if st.damaged {
            return Err(format!("case {} ({}): its text is damaged", st.id, st.name));
        }
        let s = Situation::from_json(&st.situation_json, "situation")
            .map_err(|e| format!("case {} ({}): {e}", st.id, st.name))?;
        let p = plan(&s, &rules.rules, &v.options());
        let snap = Snapshot::of(&p);
        let seen: Option<Snapshot> = st
            .seen_json
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok());
        let plan_json = serde_json::to_string(&snap)
            .map_err(|e| format!("case {} ({}): {e}", st.id, st.name))?;
        // An edit that was saved without a snapshot (rules_version NULL)
        // while nothing was waiting counts as seen: it was the user's own.
        let (seen_json, changes) = match seen {
            Some(seen) if st.rules_version.is_some() || st.rules_changed => {
                let c = changes::diff(&seen, &snap);
                let changes = (!c.is_empty()).then(|| CaseChanges {
                    id: st.id,
                    name: st.name.clone(),
                    from_version: seen.rules_version.clone(),
                    to_version: snap.rules_version.clone(),
                    changes: c,
                });
                (None, changes)
            }
            _ => (Some(plan_json.clone()), None),
        };
        let digest = CaseDigest::of(&s, &p);
        Ok(Replanned {
            saved: SavedPlan {
                id: st.id,
                digest_json: digest.to_json(),
                next_deadline: digest.next_date(),
                rules_version: rules.version().to_owned(),
                plan_json,
                seen_json,
                rules_changed: changes.is_some(),
            },
            changes,
        })
    };
    let results = on_both_cores(states, &one);
    let mut out = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for r in results {
        match r {
            Ok(r) => out.push(r),
            Err(m) => skipped.push(m),
        }
    }
    (out, skipped)
}

fn parse_situation(text: &str) -> AppResult<Situation> {
    Situation::from_json(text, "situation").map_err(|e| AppError {
        kind: "invalid_input".into(),
        message: e.to_string(),
        path: None,
        fields: e.errors,
        lang: None,
    })
}

fn io_error(path: &Path, message: impl std::fmt::Display) -> AppError {
    AppError {
        kind: "io".into(),
        message: message.to_string(),
        path: Some(path.display().to_string()),
        fields: vec![],
        lang: None,
    }
}

/// Reads a whole input file of at most `max` bytes (a larger one is refused
/// before it is read).
fn read_file(path: &Path, max: u64) -> AppResult<Vec<u8>> {
    permit_files::read_limited(path, max)
        .map_err(|e| io_error(path, format!("{}: {e}", path.display())))
}

/// Refuses an output over the open workspace (`workspace`) or the default
/// one (and their companion files), or over an existing file of another
/// kind. An existing file of the same kind is replaced: the save dialog
/// asked the user first.
fn check_output(path: &Path, kind: permit_files::Kind, workspace: Option<&Path>) -> AppResult<()> {
    let mut guarded = permit_files::workspace_files(&permit_store::default_path());
    if let Some(w) = workspace {
        guarded.extend(permit_files::workspace_files(w));
    }
    permit_files::check_output(path, kind, &guarded, &[], permit_files::Replace::Yes).map_err(|e| {
        AppError {
            kind: "refused".into(),
            message: e.to_string(),
            path: Some(path.display().to_string()),
            fields: vec![],
            lang: None,
        }
    })
}

/// Writes an output file atomically and privately (0600 when new).
fn write_output(path: &Path, bytes: &[u8]) -> AppResult<()> {
    permit_files::write_atomic(path, bytes, true).map_err(|e| {
        io_error(
            path,
            format!("{}: could not write the file: {e}", path.display()),
        )
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs a batch export of `selection` into `dir` (PDF and plan JSON per case,
/// `summary.csv`) on two workers, without the workspace: the desktop shell
/// runs it on a background thread. `progress(done, total)` after each case;
/// `cancel` stops it after the cases in progress.
pub fn run_batch(
    selection: &BatchSelection,
    dir: &Path,
    v: View,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> AppResult<BatchResult> {
    let pdf = |p: &Plan, d: NaiveDate| {
        permit_pdf::render(&crate::export::checklist_document(p, d))
            .map(|r| r.bytes)
            .map_err(|e| e.to_string())
    };
    let report = permit_batch::batch::export(
        &selection.0,
        &BatchOptions {
            out_dir: dir.to_owned(),
            lang: v.lang,
            today: v.today,
            durable: false,
            rules: selection.2.clone(),
        },
        &pdf,
        &|p| progress(p.done, p.total),
        cancel,
    )
    .map_err(|e| io_error(&e.path, e.message))?;
    let errors: Vec<String> = report
        .rows
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| format!("case {}: {e}", r.case_id)))
        .collect();
    Ok(BatchResult {
        dir: dir.display().to_string(),
        written: report.rows.len() - errors.len(),
        failed: errors.len(),
        errors,
        summary_path: report.summary.map(|p| p.display().to_string()),
        cancelled: report.cancelled,
        skipped: selection.1.clone(),
    })
}

/// The status of an act-by deadline (the case digest keeps only those).
fn deadline_status(today: NaiveDate, date: NaiveDate) -> (i64, DeadlineStatus) {
    permit_core::policy::deadline_status(DeadlineKind::NoLaterThan, today, date)
}

impl Workspace {
    /// See [`check_output`]: never over this workspace.
    fn check_output(&self, path: &Path, kind: permit_files::Kind) -> AppResult<()> {
        check_output(path, kind, Some(self.store.path()))
    }

    /// Opens (or creates) the workspace at `path`, or at the default location.
    /// A file from a newer version, a corrupt or a locked file is reported
    /// with its path and left untouched.
    pub fn open(path: Option<&Path>) -> AppResult<Workspace> {
        let path: PathBuf = path
            .map(Path::to_owned)
            .unwrap_or_else(permit_store::default_path);
        Workspace::open_with_rules(Some(&path), &installed::default_dir())
    }

    /// Opens a workspace whose rules come from the rules folder `rules_dir`
    /// (tests; [`Workspace::open`] uses the data folder's). Cases whose plan
    /// was made with other rules than those in force are re-planned now.
    pub fn open_with_rules(path: Option<&Path>, rules_dir: &Path) -> AppResult<Workspace> {
        let path: PathBuf = path
            .map(Path::to_owned)
            .unwrap_or_else(permit_store::default_path);
        let mut ws = Workspace {
            store: Store::open(&path)?,
            rules_dir: rules_dir.to_owned(),
        };
        ws.refresh_rules(View {
            lang: Lang::En,
            today: local_today(),
        })?;
        Ok(ws)
    }

    /// The rules bundle in force for this workspace.
    pub fn bundle(&self) -> Arc<Bundle> {
        installed::in_force_in(&self.rules_dir)
    }

    /// The rules bundle in force.
    pub fn rules_status(&self) -> RulesStatus {
        rules_status(&self.rules_dir)
    }

    /// Re-plans every case whose plan was made with other rules than those
    /// in force (in one transaction): digests and next deadlines are
    /// recomputed, and a case whose plan changed since the user last saw it
    /// is marked, with what changed.
    pub fn refresh_rules(&mut self, v: View) -> AppResult<RulesReport> {
        let bundle = self.bundle();
        let states = self.store.plan_states(Some(bundle.version()))?;
        let (done, skipped) = replan(&states, &bundle, v);
        if !done.is_empty() {
            let saved: Vec<SavedPlan> = done.iter().map(|r| r.saved.clone()).collect();
            self.store.save_plans(&saved)?;
        }
        Ok(RulesReport {
            status: self.rules_status(),
            installed: false,
            replanned: done.len(),
            changed: done.into_iter().filter_map(|r| r.changes).collect(),
            skipped,
        })
    }

    /// What installing `bundle` would change, case by case: every live case
    /// planned with the rules in force and with the bundle's. Nothing is
    /// written.
    pub fn rules_diff(
        &self,
        bundle: &Bundle,
        v: View,
    ) -> AppResult<(Vec<CaseChanges>, Vec<String>)> {
        let current = self.bundle();
        let states = self.store.plan_states(None)?;
        let opts = v.options();
        let one = |st: &PlanState| -> Result<Option<CaseChanges>, String> {
            if st.damaged {
                return Err(format!("case {} ({}): its text is damaged", st.id, st.name));
            }
            let s = Situation::from_json(&st.situation_json, "situation")
                .map_err(|e| format!("case {} ({}): {e}", st.id, st.name))?;
            let before = Snapshot::of(&plan(&s, &current.rules, &opts));
            let after = Snapshot::of(&plan(&s, &bundle.rules, &opts));
            let c = changes::diff(&before, &after);
            Ok((!c.is_empty()).then(|| CaseChanges {
                id: st.id,
                name: st.name.clone(),
                from_version: before.rules_version,
                to_version: after.rules_version,
                changes: c,
            }))
        };
        let results = on_both_cores(&states, &one);
        let mut changed = Vec::new();
        let mut skipped = Vec::new();
        for r in results {
            match r {
                Ok(Some(c)) => changed.push(c),
                Ok(None) => {}
                Err(m) => skipped.push(m),
            }
        }
        Ok((changed, skipped))
    }

    /// Installs the rules bundle in `path` (checked: signature, format,
    /// rules; refused when not newer than the rules in force — nothing is
    /// changed then), then re-plans every case.
    pub fn install_rules(&mut self, path: &Path, v: View) -> AppResult<RulesReport> {
        let bundle = read_bundle(path)?;
        self.install_bundle(&bundle, &file_name(path), Some(path), v)
    }

    /// Installs a checked bundle (`what` names it in a refusal), then
    /// re-plans every case.
    fn install_bundle(
        &mut self,
        bundle: &Bundle,
        what: &str,
        path: Option<&Path>,
        v: View,
    ) -> AppResult<RulesReport> {
        let outcome = installed::install(&self.rules_dir, bundle).map_err(|e| AppError {
            kind: e.kind().into(),
            message: format!("{what}: refused, nothing was changed: {e}"),
            path: path.map(|p| p.display().to_string()),
            fields: vec![],
            lang: None,
        })?;
        let mut report = self.refresh_rules(v)?;
        report.installed = matches!(outcome, installed::Installed::New(_));
        Ok(report)
    }

    /// The update address the user set (Settings → Rules).
    pub fn update_source(&self) -> UpdateSource {
        permit_files::read_limited(&self.rules_dir.join(UPDATE_SOURCE_FILE), 64 * 1024)
            .ok()
            .and_then(|b| serde_json::from_slice::<UpdateSource>(&b).ok())
            .map(|s| UpdateSource {
                url: s
                    .url
                    .and_then(|u| permit_bundle::fetch::check_address(&u).ok()),
            })
            .unwrap_or_default()
    }

    /// Sets (or, with none or an empty text, clears) the update address;
    /// refused unless it is an https:// address (http:// only to this
    /// computer). Nothing is fetched.
    pub fn set_update_source(&mut self, url: Option<&str>) -> AppResult<UpdateSource> {
        let url = match url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => Some(
                permit_bundle::fetch::check_address(u)
                    .map_err(|e| AppError::new(e.kind(), e.to_string()))?,
            ),
            None => None,
        };
        let source = UpdateSource { url };
        let path = self.rules_dir.join(UPDATE_SOURCE_FILE);
        let io = |e: std::io::Error| AppError {
            kind: "io".into(),
            message: format!("{}: {e}", path.display()),
            path: Some(path.display().to_string()),
            fields: vec![],
            lang: None,
        };
        permit_files::private_dir(&self.rules_dir).map_err(io)?;
        let json = serde_json::to_vec_pretty(&source)
            .map_err(|e| AppError::new("internal", e.to_string()))?;
        permit_files::write_atomic(&path, &json, true).map_err(io)?;
        Ok(source)
    }

    /// "Check for updates": fetches the bundle at the update address (only
    /// when the user asks), then checks and installs it exactly as a file
    /// (refused: nothing changes), and re-plans every case.
    pub fn check_for_updates(&mut self, v: View) -> AppResult<RulesReport> {
        let url = self.update_source().url.ok_or_else(|| {
            AppError::new(
                "no_update_address",
                "no update address is set (Settings → Rules)",
            )
        })?;
        self.install_from_url(&url, v)
    }

    /// Fetches the bundle at `url` and installs it as [`Self::install_rules`]
    /// installs a file.
    pub fn install_from_url(&mut self, url: &str, v: View) -> AppResult<RulesReport> {
        let bytes = permit_bundle::fetch::fetch(url).map_err(|e| AppError {
            kind: e.kind().into(),
            message: format!("{url}: nothing was changed: {e}"),
            path: None,
            fields: vec![],
            lang: None,
        })?;
        let bundle = Bundle::parse(
            &bytes,
            &permit_bundle::keys::Keyring::trusted(),
            permit_bundle::Origin::File(PathBuf::from(url)),
        )
        .map_err(|e| AppError {
            kind: e.kind().into(),
            message: format!("{url}: refused, nothing was changed: {e}"),
            path: None,
            fields: vec![],
            lang: None,
        })?;
        self.install_bundle(&bundle, url, None, v)
    }

    /// The user saw what changed in a case's plan: it is no longer marked.
    pub fn acknowledge(&mut self, id: i64, v: View) -> AppResult<CaseView> {
        let view = self.view(id, v)?;
        let snap = Snapshot::of(&view.plan);
        let json =
            serde_json::to_string(&snap).map_err(|e| AppError::new("internal", e.to_string()))?;
        self.store.acknowledge(id, &json)?;
        self.view(id, v)
    }

    /// A new digest of case `id` with the draft its stored digest holds, if
    /// any (answers as typed are never dropped by a re-plan).
    fn keeping_draft(&self, id: i64, digest: String) -> AppResult<String> {
        let stored = self.store.get_case(id)?.digest_json;
        let draft = serde_json::from_str::<serde_json::Value>(&stored)
            .ok()
            .and_then(|mut d| d.get_mut(DRAFT_KEY).map(serde_json::Value::take));
        let (Some(draft), Ok(mut new)) =
            (draft, serde_json::from_str::<serde_json::Value>(&digest))
        else {
            return Ok(digest);
        };
        if let Some(obj) = new.as_object_mut() {
            obj.insert(DRAFT_KEY.into(), draft);
        }
        Ok(new.to_string())
    }

    /// Saves the snapshot of a plan the user has just seen after an edit
    /// (a change waiting to be acknowledged stays).
    fn record_plan(
        &mut self,
        id: i64,
        name: &str,
        s: &Situation,
        p: &Plan,
    ) -> AppResult<Option<CaseChanges>> {
        let st = self.store.plan_state(id)?;
        let snap = Snapshot::of(p);
        let plan_json =
            serde_json::to_string(&snap).map_err(|e| AppError::new("internal", e.to_string()))?;
        let seen: Option<Snapshot> = st
            .seen_json
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok());
        let (seen_json, changes) = match seen {
            Some(seen) if st.rules_changed => {
                let c = changes::diff(&seen, &snap);
                let changes = (!c.is_empty()).then(|| CaseChanges {
                    id,
                    name: name.to_owned(),
                    from_version: seen.rules_version.clone(),
                    to_version: snap.rules_version.clone(),
                    changes: c,
                });
                (None, changes)
            }
            _ => (Some(plan_json.clone()), None),
        };
        let digest = CaseDigest::of(s, p);
        let digest_json = self.keeping_draft(id, digest.to_json())?;
        self.store.save_plans(&[SavedPlan {
            id,
            digest_json,
            next_deadline: digest.next_date(),
            rules_version: p.rules.version.clone(),
            plan_json,
            seen_json,
            rules_changed: changes.is_some(),
        }])?;
        Ok(changes)
    }

    /// The workspace file, rules and number of cases.
    pub fn info(&self) -> AppResult<WorkspaceInfo> {
        let bundle = self.bundle();
        let rules = &bundle.rules;
        // Counted by SQLite (a page of no rows), not by reading every case.
        let cases = self
            .store
            .list_page(&ListFilter::default(), Sort::Name, 0, Some(0))?
            .total;
        Ok(WorkspaceInfo {
            path: self.store.path().display().to_string(),
            rules_version: rules.rules_version.clone(),
            rules_checked_on: rules.checked_on,
            cases,
        })
    }

    /// A page of the case list: filtered, sorted and paged by the store, so
    /// a 10,000-case workspace sends the UI only the rows it shows.
    pub fn list(&self, q: &ListQuery, view: &View) -> AppResult<CasePage> {
        let today = view.today;
        let offset = q.offset.unwrap_or(0) as usize;
        let bundle = self.bundle();
        let page = self.store.list_page(
            &Self::filter(q, today)?,
            Self::sort(q)?,
            offset,
            q.limit.map(|l| l as usize),
        )?;
        let rows = page
            .rows
            .into_iter()
            .map(|r| {
                let mut digest = CaseDigest::from_json(&r.digest_json);
                // Documents are named in the screen's language, whatever
                // language the case was last saved in.
                digest.readiness = digest
                    .readiness
                    .map(|f| f.named_in(&bundle.rules, view.lang));
                let to_fix = serde_json::from_str::<serde_json::Value>(&r.digest_json)
                    .is_ok_and(|d| d.get(DRAFT_KEY).is_some());
                let (days_left, deadline_status) = match &digest.next {
                    Some(n) => {
                        let (d, s) = deadline_status(today, n.date);
                        (Some(d), Some(s))
                    }
                    None => (None, None),
                };
                let readiness = digest.readiness.as_ref().map(|f| f.on(today));
                CaseRow {
                    id: r.id,
                    name: r.name,
                    status: r.status.into(),
                    updated_at: r.updated_at,
                    digest,
                    days_left,
                    deadline_status,
                    rules_changed: r.rules_changed,
                    to_fix,
                    readiness,
                }
            })
            .collect();
        Ok(CasePage {
            rows,
            total: page.total,
            offset,
        })
    }

    /// The store order of a list query.
    fn sort(q: &ListQuery) -> AppResult<Sort> {
        Ok(match q.sort {
            None | Some(ListSort::Deadline) => Sort::NearestDeadline,
            Some(ListSort::Name) => Sort::Name,
            Some(ListSort::Updated) => Sort::Updated,
        })
    }

    /// The store filter of a list query; a readiness group is decided
    /// against `today`.
    fn filter(q: &ListQuery, today: NaiveDate) -> AppResult<ListFilter> {
        let readiness = q.readiness.map(|r| (r.id().to_owned(), today));
        Ok(ListFilter {
            search: q.search.clone(),
            status: q.status.map(|s| s.as_str().to_owned()),
            include_deleted: false,
            form: q.form.map(|f| f.code().to_owned()),
            due_by: None,
            readiness,
        })
    }

    /// The morning dashboard's groups: how many active cases are in each
    /// readiness group on `today`, every group listed (zero where empty), in
    /// the dashboard's order. Read from the digests, no plan recomputed.
    pub fn readiness_counts(&self, today: NaiveDate) -> AppResult<Vec<ReadinessCount>> {
        let counts = self.store.readiness_counts(today)?;
        Ok(permit_core::digest::Readiness::ALL
            .iter()
            .map(|&group| ReadinessCount {
                group,
                count: counts
                    .iter()
                    .find(|(g, _)| g == group.id())
                    .map_or(0, |(_, n)| *n),
            })
            .collect())
    }

    fn view(&self, id: i64, v: View) -> AppResult<CaseView> {
        let rec = self.store.get_case(id)?;
        let situation = parse_situation(&rec.situation_json)?;
        // The answers as typed, when some were not accepted (see `update`).
        let draft = serde_json::from_str::<serde_json::Value>(&rec.digest_json)
            .ok()
            .and_then(|mut d| d.get_mut(DRAFT_KEY).map(serde_json::Value::take))
            .and_then(|typed| match parse_situation(&typed.to_string()) {
                Err(e) if e.kind == ErrorKind::InvalidInput => accepted_part(&typed, &e.fields)
                    .map(|(_, errors)| Draft {
                        situation: typed,
                        errors: localized(errors, v.lang),
                    }),
                _ => None,
            });
        let p = plan(&situation, &self.bundle().rules, &v.options());
        let st = self.store.plan_state(id)?;
        let rules_changes = st
            .seen_json
            .as_deref()
            .filter(|_| st.rules_changed)
            .and_then(|t| serde_json::from_str::<Snapshot>(t).ok())
            .map(|seen| {
                let now = Snapshot::of(&p);
                CaseChanges {
                    id: rec.id,
                    name: rec.name.clone(),
                    from_version: seen.rules_version.clone(),
                    to_version: now.rules_version.clone(),
                    changes: changes::diff(&seen, &now),
                }
            })
            .filter(|c| !c.changes.is_empty());
        Ok(CaseView {
            id: rec.id,
            name: rec.name,
            status: rec.status.into(),
            updated_at: rec.updated_at,
            situation: situation.raw().clone(),
            plan: p,
            rules_changes,
            draft,
        })
    }

    /// One case with its plan.
    pub fn get(&self, id: i64, v: View) -> AppResult<CaseView> {
        self.view(id, v)
    }

    /// The case to store for a checked situation, planned with the rules
    /// in force (see [`permit_batch::new_case`]).
    fn new_case(
        &self,
        name: &str,
        s: &Situation,
        json: &str,
        notes: &str,
        v: View,
    ) -> permit_store::NewCase {
        permit_batch::new_case(name, s, json, notes, &self.bundle().rules, &v.options())
    }

    /// A new, empty case, with its plan, digest and plan snapshot, written
    /// in ONE transaction (a failure leaves no half case).
    pub fn create(&mut self, name: &str, v: View) -> AppResult<CaseView> {
        let raw = RawSituation {
            format: Some(1),
            ..Default::default()
        };
        let json =
            serde_json::to_string(&raw).map_err(|e| AppError::new("internal", e.to_string()))?;
        let s = parse_situation(&json)?;
        let rec = self.store.create(&self.new_case(name, &s, &json, "", v))?;
        self.view(rec.id, v)
    }

    /// Saves a new situation for a case (in one transaction) and returns the
    /// new plan. An invalid situation is not saved: the error lists the fields.
    /// `expected_updated_at` guards against overwriting a change made elsewhere.
    pub fn update(
        &mut self,
        id: i64,
        situation: &serde_json::Value,
        expected_updated_at: Option<&str>,
        v: View,
    ) -> AppResult<CaseView> {
        let text = situation.to_string();
        // Answers not accepted are kept as typed (a draft) and left out of
        // the plan; nothing else refuses the whole case.
        let (s, draft) = match parse_situation(&text) {
            Ok(s) => (s, None),
            Err(e) if e.kind == ErrorKind::InvalidInput => {
                match accepted_part(situation, &e.fields) {
                    Some((s, errors)) => (
                        s,
                        Some(Draft {
                            situation: situation.clone(),
                            errors: localized(errors, v.lang),
                        }),
                    ),
                    None => return Err(e.for_view(v.lang)),
                }
            }
            Err(e) => return Err(e),
        };
        let p = plan(&s, &self.bundle().rules, &v.options());
        let d = CaseDigest::of(&s, &p);
        let mut digest_value =
            serde_json::to_value(&d).map_err(|e| AppError::new("internal", e.to_string()))?;
        if let (Some(dr), Some(obj)) = (&draft, digest_value.as_object_mut()) {
            obj.insert(DRAFT_KEY.into(), dr.situation.clone());
        }
        let digest = digest_value.to_string();
        let json =
            serde_json::to_string(s.raw()).map_err(|e| AppError::new("internal", e.to_string()))?;
        let rec = self
            .store
            .update_case(id, &json, &digest, d.next_date(), expected_updated_at)?;
        let rules_changes = self.record_plan(id, &rec.name, &s, &p)?;
        Ok(CaseView {
            id: rec.id,
            name: rec.name,
            status: rec.status.into(),
            updated_at: rec.updated_at,
            situation: s.raw().clone(),
            plan: p,
            rules_changes,
            draft,
        })
    }

    /// The plan of a situation without saving it (live preview while typing).
    pub fn preview(situation: &serde_json::Value, v: View) -> AppResult<Plan> {
        let s = parse_situation(&situation.to_string()).map_err(|e| e.for_view(v.lang))?;
        Ok(plan(&s, &rules_in_force().rules, &v.options()))
    }

    /// Renames a case.
    pub fn rename(&mut self, id: i64, name: &str, v: View) -> AppResult<CaseView> {
        self.store.rename_case(id, name)?;
        self.view(id, v)
    }

    /// Copies a case (same employer, new hire) under a new name.
    pub fn duplicate(&mut self, id: i64, name: &str, v: View) -> AppResult<CaseView> {
        let rec = self.store.duplicate_case(id, name)?;
        self.refresh_rules(v)?;
        self.view(rec.id, v)
    }

    /// Archives or restores a case.
    pub fn set_archived(&mut self, id: i64, archived: bool) -> AppResult<()> {
        self.store.set_archived(id, archived)?;
        Ok(())
    }

    /// Deletes a case; [`Workspace::undo_delete`] brings it back.
    pub fn delete(&mut self, id: i64) -> AppResult<()> {
        self.store.delete_case(id)?;
        Ok(())
    }

    /// Undoes a delete.
    pub fn undo_delete(&mut self, id: i64) -> AppResult<()> {
        self.store.undo_delete(id)?;
        Ok(())
    }

    /// Every case's act-by deadlines that are overdue or fall within `days`
    /// days from today, overdue first, then by date.
    pub fn dashboard(&self, days: i64, v: View) -> AppResult<Vec<DashboardItem>> {
        let horizon = v.today + chrono::Duration::days(days);
        // Only cases whose nearest deadline is inside the horizon can have
        // one there: the store picks them, without reading the others.
        let rows = self.store.list_cases(
            &ListFilter {
                status: Some("active".into()),
                due_by: Some(horizon),
                ..Default::default()
            },
            Sort::NearestDeadline,
        )?;
        let mut out = Vec::new();
        for r in rows {
            let view = self.view(r.id, v)?;
            for d in view.plan.deadlines {
                if d.kind == DeadlineKind::NoLaterThan && d.date <= horizon {
                    out.push(DashboardItem {
                        case_id: r.id,
                        case_name: r.name.clone(),
                        deadline: d,
                        rules_changed: r.rules_changed,
                    });
                }
            }
        }
        out.sort_by_key(|i| {
            (
                i.deadline.status != DeadlineStatus::Overdue,
                i.deadline.date,
                i.case_id,
            )
        });
        Ok(out)
    }

    /// The desktop reminders on `v.today`, in `v.lang`: every deadline of the
    /// dashboard due within [`permit_core::policy::DUE_SOON_DAYS`] with its
    /// date, and every deadline passed since `last` (the day reminders were
    /// last sent; `None`: none sent yet) with what now, the plan's remedy for
    /// it (the page's, or "contact SIRI" where the pages give none). A
    /// deadline that had already passed on `last` gives no reminder again.
    pub fn reminders(&self, v: View, last: Option<NaiveDate>) -> AppResult<Vec<Reminder>> {
        use permit_core::messages::text;
        let items = self.dashboard(permit_core::policy::DUE_SOON_DAYS, v)?;
        let mut out = Vec::new();
        for item in items {
            let d = &item.deadline;
            let date = permit_core::format::date(v.lang, d.date);
            let body = if d.status == DeadlineStatus::Overdue {
                if last.is_some_and(|l| d.date < l) {
                    continue;
                }
                let remedy = d
                    .remedy
                    .clone()
                    .unwrap_or_else(|| text(v.lang, "plan.overdue_no_remedy", &[]));
                text(
                    v.lang,
                    "reminder.passed",
                    &[("date", &date), ("remedy", &remedy)],
                )
            } else {
                match d.days_left {
                    0 => text(v.lang, "reminder.due_today", &[("date", &date)]),
                    1 => text(v.lang, "reminder.due_tomorrow", &[("date", &date)]),
                    n => text(v.lang, "reminder.due", &[("date", &date), ("n", &n)]),
                }
            };
            out.push(Reminder {
                case_id: item.case_id,
                title: text(
                    v.lang,
                    "reminder.title",
                    &[("case", &item.case_name), ("label", &d.label)],
                ),
                body,
            });
        }
        Ok(out)
    }

    /// The reminders to send on `v.today`: [`Workspace::reminders`] since the
    /// day reminders were last sent from this workspace (kept in it, so a
    /// restart neither repeats today's nor announces a passed deadline
    /// again); none when they were already sent today. Records today.
    pub fn reminders_due(&mut self, v: View) -> AppResult<Vec<Reminder>> {
        const KEY: &str = "reminders_sent_on";
        let last = self
            .store
            .setting(KEY)?
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        if last.is_some_and(|l| l >= v.today) {
            return Ok(vec![]);
        }
        let out = self.reminders(v, last)?;
        self.store
            .set_setting(KEY, &v.today.format("%Y-%m-%d").to_string())?;
        Ok(out)
    }

    /// Writes the checklist PDF of a case (atomically).
    pub fn export_pdf(&self, id: i64, path: &Path, v: View) -> AppResult<ExportResult> {
        self.check_output(path, permit_files::Kind::Pdf)?;
        let view = self.view(id, v)?;
        let doc = crate::export::checklist_document(&view.plan, v.today);
        let io = |e: permit_pdf::PdfError| AppError {
            kind: "io".into(),
            message: e.to_string(),
            path: Some(path.display().to_string()),
            fields: vec![],
            lang: None,
        };
        let out = permit_pdf::render(&doc).map_err(io)?;
        write_output(path, &out.bytes)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            bytes: out.bytes.len(),
            replaced: out.replaced.iter().map(|c| c.to_string()).collect(),
        })
    }

    /// The hires CSV template (header and an example row).
    pub fn csv_template() -> String {
        hires::template_csv()
    }

    /// Writes the hires CSV template to `path` (atomically).
    pub fn save_csv_template(path: &Path) -> AppResult<ExportResult> {
        // No workspace at hand here: the default one is guarded, and the
        // kind check refuses any database.
        check_output(path, permit_files::Kind::Csv, None)?;
        let text = hires::template_csv();
        write_output(path, text.as_bytes())?;
        Ok(ExportResult {
            path: path.display().to_string(),
            bytes: text.len(),
            replaced: vec![],
        })
    }

    /// The items of the checklist template `name`; a missing or damaged
    /// one is refused in `lang`.
    fn template_items(&self, name: &str, lang: Lang) -> AppResult<Vec<templates::TemplateItem>> {
        let t = self.store.get_template(name)?.ok_or_else(|| {
            AppError::written(
                "not_found",
                &Msg::new("app.template_not_found").with("name", name),
                lang,
            )
        })?;
        serde_json::from_str(&t.items_json).map_err(|e| {
            AppError::written(
                "corrupt",
                &Msg::new("app.template_damaged")
                    .with("name", name)
                    .with("e", e),
                lang,
            )
        })
    }

    /// Imports the hires of a CSV file in ONE transaction. `mode` is
    /// `all_or_nothing` (any problem: nothing imported) or `valid_rows`;
    /// `template` names a checklist template applied to every new case.
    /// Every problem is reported with its row and column; rows that match
    /// cases already in the workspace as `on_duplicate` says (`None`: ask).
    /// Plans are made as of today (see [`Workspace::import_hires`]);
    /// the problems are written in `lang`.
    pub fn import_csv(
        &mut self,
        path: &Path,
        mode: ImportMode,
        template: Option<&str>,
        on_duplicate: Option<OnDuplicate>,
        lang: Lang,
    ) -> AppResult<ImportReport> {
        let mode = match mode {
            ImportMode::AllOrNothing => Mode::AllOrNothing,
            ImportMode::ValidRows => Mode::ValidRows,
        };
        let v = View {
            lang,
            today: local_today(),
        };
        let opts = ImportOptions {
            valid_rows: mode == Mode::ValidRows,
            template: template.map(str::to_owned),
            on_duplicate: on_duplicate.unwrap_or_default(),
        };
        self.import_hires(path, &opts, v)
    }

    /// Imports the hires of a CSV file in ONE transaction (new cases and
    /// updated ones together), as `opts` says, each case planned as of
    /// `v.today`. A row that matches a case already in the workspace (same
    /// reference, or same applicant name and birth date) is skipped,
    /// updates the case, or is imported as new, by `opts.on_duplicate`;
    /// with `ask`, nothing is imported while any row matches, and the
    /// report lists the matches (`needs_choice`). The report says how every
    /// imported case came out (form found, needs answers, not covered).
    pub fn import_hires(
        &mut self,
        path: &Path,
        opts: &ImportOptions,
        v: View,
    ) -> AppResult<ImportReport> {
        let mode = if opts.valid_rows {
            Mode::ValidRows
        } else {
            Mode::AllOrNothing
        };
        let items = match &opts.template {
            Some(name) => Some(self.template_items(name, v.lang)?),
            None => None,
        };
        let max = permit_core::limits::MAX_CSV_BYTES;
        // A file over the limit is refused before it is read, with the
        // parser's own words (its size and the limit) in the view's language.
        if let Some(bytes) = std::fs::metadata(path)
            .ok()
            .map(|m| m.len())
            .filter(|n| *n > max)
        {
            // A file that cannot be read, as any other (`io`: the command
            // line's exit code 3), in the parser's own words.
            return Err(AppError {
                kind: ErrorKind::Io,
                message: permit_core::messages::text(
                    v.lang,
                    "hires.too_large",
                    &[("file", &file_name(path)), ("bytes", &bytes), ("max", &max)],
                ),
                path: Some(path.display().to_string()),
                fields: vec![],
                lang: Some(v.lang),
            });
        }
        let parsed = hires::parse(&read_file(path, max)?, &file_name(path));
        let rows = hires::rows_to_import(&parsed, mode);
        let matches = self.matches_of(rows)?;
        let duplicates: Vec<DuplicateRow> = matches.iter().flatten().cloned().collect();
        let needs_choice = opts.on_duplicate == OnDuplicate::Ask && !duplicates.is_empty();
        let mut new = Vec::new();
        let mut new_rows = Vec::new();
        let mut updates = Vec::new();
        let mut updated_rows = Vec::new();
        let mut updating = std::collections::HashSet::new();
        let mut skipped = 0;
        for (r, m) in rows.iter().zip(&matches) {
            if needs_choice {
                break;
            }
            let with_items = |raw: RawSituation| -> AppResult<(Situation, String)> {
                let mut raw = raw;
                if let Some(items) = &items {
                    templates::apply(&mut raw, items);
                }
                let json = serde_json::to_string(&raw)
                    .map_err(|e| AppError::new("internal", e.to_string()))?;
                let s = Situation::check(raw).map_err(|fields| AppError {
                    path: Some(path.display().to_string()),
                    fields: localized(fields, v.lang),
                    ..AppError::written(
                        "invalid_input",
                        &Msg::new(if items.is_some() {
                            "app.row_invalid_with_template"
                        } else {
                            "app.row_invalid"
                        })
                        .with("row", r.row),
                        v.lang,
                    )
                })?;
                Ok((s, json))
            };
            match (m, opts.on_duplicate) {
                (Some(_), OnDuplicate::Skip) => skipped += 1,
                // A second row for a case this import already updates is left out.
                (Some(d), OnDuplicate::Update) if !updating.insert(d.case_id) => skipped += 1,
                (Some(d), OnDuplicate::Update) => {
                    let rec = self.store.get_case(d.case_id)?;
                    let mut merged: serde_json::Value = serde_json::from_str(&rec.situation_json)
                        .map_err(|e| {
                        AppError::new("damaged", format!("case {}: {e}", d.case_id))
                    })?;
                    let row_value = serde_json::to_value(r.situation.raw())
                        .map_err(|e| AppError::new("internal", e.to_string()))?;
                    overlay(&mut merged, row_value);
                    let raw: RawSituation = serde_json::from_value(merged).map_err(|e| {
                        AppError::new(
                            "invalid_input",
                            format!(
                                "row {}: cannot be merged into case {}: {e}",
                                r.row, d.case_id
                            ),
                        )
                    })?;
                    let (situation, json) = with_items(raw)?;
                    let planned = self.new_case(&rec.name, &situation, &json, "", v);
                    updated_rows.push((
                        r.row,
                        d.case_id,
                        rec.name.clone(),
                        planned.digest_json.clone(),
                    ));
                    updates.push(permit_store::CaseUpdate {
                        id: d.case_id,
                        expected_updated_at: rec.updated_at,
                        situation_json: json,
                        digest_json: planned.digest_json.clone(),
                        next_deadline: planned.next_deadline,
                        rules_version: planned.rules_version,
                        plan_json: planned.plan_json,
                    });
                }
                _ => {
                    let (situation, json) = match &items {
                        Some(_) => with_items(r.situation.raw().clone())?,
                        None => (r.situation.clone(), r.situation_json.clone()),
                    };
                    new_rows.push(r.row);
                    new.push(self.new_case(&r.name, &situation, &json, "", v));
                }
            }
        }
        let ids = if new.is_empty() && updates.is_empty() {
            Vec::new()
        } else {
            self.store.import_with_updates(&new, &updates)?
        };
        let coverage = |digest_json: &str| CaseDigest::from_json(digest_json).coverage;
        let mut cases: Vec<ImportedCase> = new_rows
            .iter()
            .zip(&ids)
            .zip(&new)
            .map(|((row, id), c)| ImportedCase {
                row: *row,
                case_id: *id,
                name: c.name.trim().to_owned(),
                updated: false,
                coverage: coverage(&c.digest_json),
            })
            .chain(
                updated_rows
                    .iter()
                    .map(|(row, id, name, digest)| ImportedCase {
                        row: *row,
                        case_id: *id,
                        name: name.clone(),
                        updated: true,
                        coverage: coverage(digest),
                    }),
            )
            .collect();
        cases.sort_by_key(|c| c.row);
        let count = |status: permit_core::plan::CoverageStatus| {
            cases.iter().filter(|c| c.coverage == Some(status)).count()
        };
        use permit_core::plan::CoverageStatus as C;
        Ok(ImportReport {
            imported: ids.len(),
            ids,
            updated: updated_rows.len(),
            skipped,
            form_found: count(C::Covered),
            needs_answers: count(C::NeedsAnswers),
            not_covered: count(C::NotCovered),
            cases,
            duplicates,
            needs_choice,
            file: parsed.source_name.clone(),
            valid: if parsed.file_level {
                0
            } else {
                parsed.rows.len()
            },
            rows: parsed.data_rows,
            file_level: parsed.file_level,
            problems: parsed
                .problems
                .iter()
                .map(|p| ImportProblem {
                    row: p.row,
                    column: p.column.clone(),
                    column_number: p.column_number,
                    message: p.message_in(v.lang),
                })
                .collect(),
        })
    }

    /// For each row, the live case of the workspace it matches, if any: the
    /// same reference, else the same applicant name and birth date (names
    /// and references compared ignoring case, accents and extra spaces).
    fn matches_of(&self, rows: &[hires::HireRow]) -> AppResult<Vec<Option<DuplicateRow>>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut by_reference = std::collections::HashMap::new();
        let mut by_person = std::collections::HashMap::new();
        for st in self.store.plan_states(None)? {
            let l = Labels::of(&st.situation_json);
            if let Some(k) = l.reference() {
                by_reference.entry(k).or_insert((st.id, st.name.clone()));
            }
            if let Some(k) = l.person() {
                by_person.entry(k).or_insert((st.id, st.name.clone()));
            }
        }
        Ok(rows
            .iter()
            .map(|r| {
                let l = Labels::of(&r.situation_json);
                let found = l
                    .reference()
                    .and_then(|k| by_reference.get(&k))
                    .map(|c| (c, MatchedBy::Reference))
                    .or_else(|| {
                        l.person()
                            .and_then(|k| by_person.get(&k))
                            .map(|c| (c, MatchedBy::NameAndBirthDate))
                    });
                found.map(|((id, name), matched_by)| DuplicateRow {
                    row: r.row,
                    name: r.name.clone(),
                    case_id: *id,
                    case_name: name.clone(),
                    matched_by,
                })
            })
            .collect())
    }

    /// The live cases read for a batch export or a calendar: those `ids`
    /// names; else every case `query` lists (its filters and order, without
    /// paging: what the user sees in the case list); else all active ones.
    pub fn batch_selection(
        &self,
        ids: Option<&[i64]>,
        query: Option<&ListQuery>,
    ) -> AppResult<BatchSelection> {
        let ids: Vec<i64> = match (ids, query) {
            (Some(ids), _) => ids.to_vec(),
            (None, Some(q)) => self
                .store
                .list_page(&Self::filter(q, local_today())?, Self::sort(q)?, 0, None)?
                .rows
                .into_iter()
                .map(|c| c.id)
                .collect(),
            (None, None) => self
                .store
                .list_cases(
                    &ListFilter {
                        status: Some(permit_store::STATUS_ACTIVE.into()),
                        ..ListFilter::default()
                    },
                    Sort::Name,
                )?
                .into_iter()
                .map(|c| c.id)
                .collect(),
        };
        let mut out = Vec::with_capacity(ids.len());
        let mut skipped = Vec::new();
        for id in ids {
            // One damaged case does not stop the others: it is named and
            // left out.
            let rec = match self.store.get_case(id) {
                Ok(rec) => rec,
                Err(e @ permit_store::StoreError::Damaged { .. }) => {
                    skipped.push(e.to_string());
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            if rec.deleted {
                return Err(AppError::new("not_found", format!("case {id} is deleted")));
            }
            match parse_situation(&rec.situation_json) {
                Ok(situation) => out.push(BatchCase {
                    id,
                    name: rec.name,
                    situation,
                }),
                Err(e) => skipped.push(format!("case {id} ({}): {}", rec.name, e.message)),
            }
        }
        Ok(BatchSelection(out, skipped, self.bundle()))
    }

    /// Batch export (see [`run_batch`]) of the cases `ids` names (all active
    /// ones when `None`).
    pub fn batch_export(
        &self,
        ids: Option<&[i64]>,
        query: Option<&ListQuery>,
        dir: &Path,
        v: View,
        progress: impl Fn(usize, usize) + Sync,
        cancel: &AtomicBool,
    ) -> AppResult<BatchResult> {
        let selection = self.batch_selection(ids, query)?;
        run_batch(&selection, dir, v, &progress, cancel)
    }

    /// Writes an `.ics` calendar of every dated deadline of the cases `ids`
    /// names (all active ones when `None`), atomically.
    pub fn export_ics(
        &self,
        ids: Option<&[i64]>,
        query: Option<&ListQuery>,
        path: &Path,
        v: View,
    ) -> AppResult<IcsResult> {
        self.check_output(path, permit_files::Kind::Calendar)?;
        let selection = self.batch_selection(ids, query)?;
        let (text, events) = ics::calendar_of(
            &selection.0,
            &self.bundle().rules,
            &v.options(),
            chrono::Utc::now(),
        );
        write_output(path, text.as_bytes())?;
        Ok(IcsResult {
            path: path.display().to_string(),
            events,
            cases: selection.0.len(),
            skipped: selection.1,
        })
    }

    /// Writes a case as a portable case file (atomically).
    pub fn export_case_file(&self, id: i64, path: &Path) -> AppResult<ExportResult> {
        self.check_output(path, permit_files::Kind::Json)?;
        let rec = self.store.get_case(id)?;
        let situation = parse_situation(&rec.situation_json)?;
        let text = case_file::export(
            &rec.name,
            &situation,
            &rec.notes,
            Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        )
        .map_err(|e| AppError::new("internal", e.to_string()))?;
        write_output(path, text.as_bytes())?;
        Ok(ExportResult {
            path: path.display().to_string(),
            bytes: text.len(),
            replaced: vec![],
        })
    }

    /// Imports a portable case file as a new case. A file from an older
    /// version is migrated; a newer or damaged one is refused with the reason.
    pub fn import_case_file(&mut self, path: &Path, v: View) -> AppResult<CaseView> {
        self.import_case(path, v).map(|c| c.case)
    }

    /// [`Workspace::import_case_file`], also saying which version the file
    /// was (the command line tells when it was migrated). The case is
    /// written in ONE transaction.
    pub fn import_case(&mut self, path: &Path, v: View) -> AppResult<CaseImport> {
        let text = String::from_utf8(read_file(path, permit_core::limits::MAX_SITUATION_BYTES)?)
            .map_err(|_| AppError {
                kind: "invalid_file".into(),
                message: format!(
                    "{} is not UTF-8 text: damaged, or not a Permit Packet case file",
                    path.display()
                ),
                path: Some(path.display().to_string()),
                fields: vec![],
                lang: None,
            })?;
        let case = case_file::import(&text, &file_name(path)).map_err(|e| {
            let kind = match &e {
                case_file::CaseFileError::Newer { .. } => "newer_file",
                case_file::CaseFileError::Damaged { .. } => "invalid_file",
                case_file::CaseFileError::Situation(_) => "invalid_input",
            };
            let fields = match &e {
                case_file::CaseFileError::Situation(i) => i.errors.clone(),
                _ => vec![],
            };
            AppError {
                kind: kind.into(),
                message: e.to_string(),
                path: Some(path.display().to_string()),
                fields,
                lang: None,
            }
        })?;
        let new = self.new_case(
            &case.name,
            &case.situation,
            &case.situation_json,
            &case.notes,
            v,
        );
        let rec = self.store.create(&new)?;
        Ok(CaseImport {
            case: self.view(rec.id, v)?,
            from_version: case.from_version,
        })
    }

    /// Every checklist template, by name.
    pub fn templates(&self) -> AppResult<Vec<TemplateInfo>> {
        Ok(self
            .store
            .list_templates()?
            .into_iter()
            .map(|t| {
                let items: Vec<templates::TemplateItem> =
                    serde_json::from_str(&t.items_json).unwrap_or_default();
                TemplateInfo {
                    name: t.name,
                    items: items.into_iter().map(|i| i.name).collect(),
                }
            })
            .collect())
    }

    /// Deletes the checklist template `name` and returns its items as JSON
    /// text, which [`Workspace::template_save`] accepts: the UI's "Undo"
    /// saves it again, notes and all. Cases it was applied to keep their items.
    /// Messages in `lang`.
    pub fn template_delete(&mut self, name: &str, lang: Lang) -> AppResult<String> {
        let Some(rec) = self.store.get_template(name.trim())? else {
            return Err(AppError::written(
                "not_found",
                &Msg::new("app.template_not_found").with("name", name.trim()),
                lang,
            ));
        };
        self.store.delete_template(&rec.name)?;
        Ok(rec.items_json)
    }

    /// Saves a checklist template from text with one item a line (or a JSON
    /// array of items), replacing one of the same name. Messages in `lang`.
    pub fn template_save(&mut self, name: &str, text: &str, lang: Lang) -> AppResult<TemplateInfo> {
        if name.trim().is_empty() {
            return Err(AppError::written(
                "invalid_input",
                &Msg::new("app.template_needs_name"),
                lang,
            ));
        }
        let items = templates::parse_items(text).map_err(|problem| {
            AppError::written(
                "invalid_input",
                &Msg::new("app.template_invalid")
                    .with("name", name.trim())
                    .arg("problem", Arg::Msg(Box::new(problem))),
                lang,
            )
        })?;
        let rec = self.store.save_template(
            name,
            &templates::items_json(&items).map_err(|m| AppError::new("internal", m))?,
        )?;
        Ok(TemplateInfo {
            name: rec.name,
            items: items.into_iter().map(|i| i.name).collect(),
        })
    }

    /// Adds a template's items (those the case lacks) to a case's checklist.
    pub fn template_apply(
        &mut self,
        name: &str,
        id: i64,
        expected_updated_at: Option<&str>,
        v: View,
    ) -> AppResult<CaseView> {
        let items = self.template_items(name, v.lang)?;
        let rec = self.store.get_case(id)?;
        let s = parse_situation(&rec.situation_json)?;
        let mut raw = s.raw().clone();
        templates::apply(&mut raw, &items);
        let value =
            serde_json::to_value(&raw).map_err(|e| AppError::new("internal", e.to_string()))?;
        let expected = expected_updated_at.unwrap_or(&rec.updated_at).to_owned();
        self.update(id, &value, Some(&expected), v)
    }

    /// The text of an official page, for the "why" view.
    pub fn page_text(page: &str) -> AppResult<String> {
        rules_in_force()
            .page_text(page)
            .map(str::to_owned)
            .ok_or_else(|| AppError::new("not_found", format!("no page `{page}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pp-ws-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("workspace.sqlite3")
    }

    fn view() -> View {
        View {
            lang: Lang::En,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        }
    }

    fn ar9() -> serde_json::Value {
        json!({ "format": 1, "applicant": { "name": "Ana" }, "role": "service_provider", "scheme": "pay_limit",
                "employer": { "registered_in_denmark": false, "location": "non_eu" },
                "dates": { "planned_submission": "2026-12-10", "job_start": "2027-03-01" } })
    }

    #[test]
    fn an_older_workspace_is_migrated_and_its_cases_found_by_reference_and_employer() {
        let path = tmp("schema-3");
        let situation = json!({ "format": 1, "case": { "reference": "HR-2027-009" },
            "applicant": { "name": "Lucía Pérez" }, "employer": { "name": "Aarhus Universitet" } });
        {
            // A case as a schema-3 build stored it: the old digest (no
            // reference, no employer), planned with the rules in force.
            let mut st = Store::open(&path).unwrap();
            st.import_cases(&[permit_store::NewCase {
                name: "Researcher".into(),
                situation_json: situation.to_string(),
                digest_json: r#"{"forms":[],"gathered":0,"total":0,"blockers":0}"#.into(),
                rules_version: Some(rules_in_force().version().to_owned()),
                ..Default::default()
            }])
            .unwrap();
        }
        // Back to schema 3 exactly: version 4 only renamed the column.
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(
                "ALTER TABLE case_documents RENAME COLUMN digest_json TO checklist_json;
                 DROP TABLE settings;
                 PRAGMA user_version = 3;",
            )
            .unwrap();
        let ws = Workspace::open(Some(&path)).unwrap();
        let find = |text: &str| {
            let q = ListQuery {
                search: Some(text.into()),
                ..ListQuery::default()
            };
            ws.list(&q, &view()).unwrap().rows
        };
        let rows = find("hr-2027-009");
        assert_eq!(rows.len(), 1, "found by its reference after the migration");
        assert_eq!(rows[0].digest.reference.as_deref(), Some("HR-2027-009"));
        assert_eq!(find("aarhus").len(), 1, "by its employer");
        assert_eq!(find("lucia").len(), 1, "by its applicant, accents aside");
        assert!(find("odense").is_empty());
        assert_eq!(
            ws.store.schema_version().unwrap(),
            permit_store::SCHEMA_VERSION
        );
    }

    #[test]
    fn a_schema_5_workspace_is_replanned_so_its_list_names_documents_in_the_screens_language() {
        let path = tmp("schema-5");
        let situation = include_str!("../examples/ar1-researcher-family.json");
        {
            // A case as a schema-5 build stored it: readiness with plain
            // (English) document names, planned with the rules in force.
            let mut st = Store::open(&path).unwrap();
            st.import_cases(&[permit_store::NewCase {
                name: "Researcher".into(),
                situation_json: situation.into(),
                digest_json: r#"{"readiness":{"group":"waiting_documents","from":null,"missing_documents":["'Sworn declarations and information', signed and scanned (you have no MitID)"],"missing_translations":[]}}"#.into(),
                rules_version: Some(rules_in_force().version().to_owned()),
                ..Default::default()
            }])
            .unwrap();
        }
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch("DROP TABLE settings; PRAGMA user_version = 5;")
            .unwrap();
        let ws = Workspace::open(Some(&path)).unwrap();
        let da = View {
            lang: Lang::Da,
            ..view()
        };
        let rows = ws.list(&ListQuery::default(), &da).unwrap().rows;
        let facts = rows[0].digest.readiness.clone().unwrap();
        let sworn = facts
            .missing_documents
            .iter()
            .find(|d| d.id == "sworn_declarations")
            .expect("re-planned: kept by id");
        assert_eq!(
            Some(sworn.name.as_str()),
            ws.bundle()
                .rules
                .document_name("sworn_declarations", Lang::Da)
        );
        assert_eq!(
            ws.store.schema_version().unwrap(),
            permit_store::SCHEMA_VERSION
        );
    }

    #[test]
    fn a_case_survives_reopening_with_its_plan() {
        let path = tmp("reopen");
        let id = {
            let mut ws = Workspace::open(Some(&path)).unwrap();
            let c = ws.create("Hire 1", view()).unwrap();
            let c = ws
                .update(c.id, &ar9(), Some(&c.updated_at), view())
                .unwrap();
            assert_eq!(c.plan.forms[0].form, "AR9");
            c.id
        };
        let ws = Workspace::open(Some(&path)).unwrap();
        let c = ws.get(id, view()).unwrap();
        assert_eq!(c.plan.forms[0].form, "AR9");
        let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
        assert_eq!(rows[0].digest.forms, vec!["AR9"]);
        assert_eq!(rows[0].digest.next.as_ref().unwrap().id, "biometrics");
        assert_eq!(rows[0].days_left, Some(31));
    }

    #[test]
    fn invalid_answers_are_kept_as_typed_marked_and_left_out_of_the_plan() {
        // Issue 15, item 1: one answer not accepted no longer blocks saving
        // every other one; it is kept as typed (a draft) and named.
        let mut ws = Workspace::open(Some(&tmp("invalid"))).unwrap();
        let c = ws.create("Hire", view()).unwrap();
        let typed = json!({ "applicant": { "name": "Ana Silva" },
            "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "abc" } ] },
            "dates": { "job_start": "2027-02-30" } });
        let saved = ws.update(c.id, &typed, None, view()).unwrap();
        let draft = saved.draft.unwrap();
        assert_eq!(draft.situation, typed);
        let fields: Vec<&str> = draft.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["dates.job_start", "salary.components[0].amount"]);
        assert!(
            draft.errors[1]
                .message
                .starts_with("“abc” is not an amount"),
            "{}",
            draft.errors[1].message
        );
        // In the Danish view, in Danish: saved and reopened.
        let da = View {
            lang: Lang::Da,
            ..view()
        };
        let messages = |d: &Draft| {
            d.errors
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
        };
        let again_da = ws.get(c.id, da).unwrap();
        assert_eq!(
            messages(again_da.draft.as_ref().unwrap()),
            [
                "“2027-02-30” er ikke en dag i kalenderen; skriv den som ÅÅÅÅ-MM-DD: 2027-03-01 (ISO) eller 01-03-2027 (dansk, dagen først)",
                "“abc” er ikke et beløb; skriv 487000, 487000,00, 487.000,00 (dansk) eller 487,000.00 (engelsk); højst to decimaler, ikke negativt",
            ]
        );
        let saved_da = ws.update(c.id, &typed, None, da).unwrap();
        assert_eq!(
            messages(saved_da.draft.as_ref().unwrap()),
            messages(again_da.draft.as_ref().unwrap())
        );
        // The accepted answers are saved and planned; the others left out.
        assert_eq!(saved.situation.applicant.name.as_deref(), Some("Ana Silva"));
        assert!(saved.situation.dates.job_start.is_none());
        assert_eq!(saved.plan.applicant_name.as_deref(), Some("Ana Silva"));
        // Reopened: the answers as typed, still marked.
        let again = ws.get(c.id, view()).unwrap();
        assert_eq!(again.draft.as_ref().map(|d| &d.situation), Some(&typed));
        assert_eq!(again.draft.map(|d| d.errors.len()), Some(2));
        // The list reads the digest as before.
        let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
        assert_eq!(rows[0].digest.applicant_name.as_deref(), Some("Ana Silva"));
        assert!(rows[0].to_fix, "the list marks a case with answers to fix");
        // Corrected: no draft any more.
        let fixed =
            json!({ "applicant": { "name": "Ana Silva" }, "dates": { "job_start": "2027-03-01" } });
        let ok = ws
            .update(c.id, &fixed, Some(&again.updated_at), view())
            .unwrap();
        assert!(ok.draft.is_none());
        assert!(ws.get(c.id, view()).unwrap().draft.is_none());
        let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
        assert!(!rows[0].to_fix);
        // What names no answer is still refused whole.
        let err = ws.update(c.id, &json!([1, 2]), None, view()).unwrap_err();
        assert_eq!(err.kind, "invalid_input");
    }

    #[test]
    fn amounts_past_any_range_are_refused_at_the_field_not_a_panic() {
        // Issue 9, item 1: this panicked inside the command, with the
        // workspace lock held.
        let mut ws = Workspace::open(Some(&tmp("overflow"))).unwrap();
        let c = ws.create("Hire", view()).unwrap();
        // Kept as typed and named (issue 15, item 1), left out of the plan.
        let saved = ws
            .update(
                c.id,
                &json!({ "salary": { "period": "month", "components": [
                    { "kind": "cash", "amount": "79228162514264337593543950335" },
                    { "kind": "pension_employee", "amount": "1" } ] } }),
                None,
                view(),
            )
            .unwrap();
        let draft = saved.draft.unwrap();
        assert_eq!(draft.errors[0].field, "salary.components[0].amount");
        assert_eq!(saved.situation.salary.components.len(), 1);
        // The workspace is still usable.
        assert!(ws.get(c.id, view()).is_ok());
    }

    #[test]
    fn an_export_never_replaces_the_workspace_or_a_file_of_another_kind() {
        let path = tmp("guard");
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let c = ws.create("Hire", view()).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = ws.export_pdf(c.id, &path, view()).unwrap_err();
        assert_eq!(err.kind, "refused");
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let err = ws
            .export_ics(None, None, Path::new(&wal), view())
            .unwrap_err();
        assert_eq!(err.kind, "refused");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let other = path.with_file_name("notes.txt");
        std::fs::write(&other, "keep me").unwrap();
        let err = ws.export_case_file(c.id, &other).unwrap_err();
        assert_eq!(err.kind, "refused", "{}", err.message);
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
        // A PDF over a PDF: the save dialog asked.
        let pdf = path.with_file_name("c.pdf");
        ws.export_pdf(c.id, &pdf, view()).unwrap();
        ws.export_pdf(c.id, &pdf, view()).unwrap();
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn a_stale_edit_is_refused_not_overwritten() {
        let mut ws = Workspace::open(Some(&tmp("conflict"))).unwrap();
        let c = ws.create("Hire", view()).unwrap();
        ws.update(c.id, &ar9(), Some(&c.updated_at), view())
            .unwrap();
        let err = ws
            .update(c.id, &json!({}), Some(&c.updated_at), view())
            .unwrap_err();
        assert_eq!(err.kind, "conflict");
        assert_eq!(ws.get(c.id, view()).unwrap().plan.forms[0].form, "AR9");
    }

    #[test]
    fn the_morning_groups_count_and_filter_cases_by_readiness_decided_today() {
        let mut ws = Workspace::open(Some(&tmp("morning"))).unwrap();
        let researcher = |docs: serde_json::Value| {
            json!({ "role": "employee", "scheme": "researcher", "employer": { "registered_in_denmark": true },
                "dates": { "job_start": "2027-06-01", "planned_submission": "2026-12-01" }, "documents": docs })
        };
        // Every document the plan requires, gathered.
        let probe = ws.create("probe", view()).unwrap();
        let p = ws
            .update(probe.id, &researcher(json!([])), None, view())
            .unwrap();
        let all: Vec<serde_json::Value> = p
            .plan
            .documents
            .iter()
            .filter(|d| d.required)
            .map(|d| json!({ "id": d.id, "gathered": true, "language": "en" }))
            .collect();
        ws.delete(probe.id).unwrap();
        let ready = ws.create("Ready", view()).unwrap();
        ws.update(ready.id, &researcher(json!(all)), None, view())
            .unwrap();
        let waiting = ws.create("Waiting", view()).unwrap();
        ws.update(waiting.id, &researcher(json!([])), None, view())
            .unwrap();
        let outside = ws.create("Outside", view()).unwrap();
        ws.update(
            outside.id,
            &json!({ "role": "employee", "employer": { "location": "eu" } }),
            None,
            view(),
        )
        .unwrap();
        // The window opens six months before 1 Jun 2027: 1 Dec 2026.
        let (nov30, dec1) = (
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        );
        let count = |today, g: &str| {
            ws.readiness_counts(today)
                .unwrap()
                .into_iter()
                .find(|c| c.group.id() == g)
                .map(|c| c.count)
                .unwrap()
        };
        assert_eq!(count(nov30, "not_yet"), 1);
        assert_eq!(count(nov30, "may_submit_now"), 0);
        assert_eq!(count(dec1, "not_yet"), 0);
        assert_eq!(count(dec1, "may_submit_now"), 1);
        assert_eq!(count(dec1, "waiting_documents"), 1);
        assert_eq!(count(dec1, "not_covered"), 1);
        let names = |g: &str, today| {
            ws.list(
                &ListQuery {
                    readiness: permit_core::digest::Readiness::from_id(g),
                    ..Default::default()
                },
                &View { today, ..view() },
            )
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
        };
        assert_eq!(names("not_yet", nov30), ["Ready"]);
        assert_eq!(names("may_submit_now", dec1), ["Ready"]);
        assert_eq!(names("waiting_documents", dec1), ["Waiting"]);
        let waiting = |lang| {
            ws.list(
                &ListQuery {
                    readiness: Some(permit_core::digest::Readiness::WaitingDocuments),
                    ..Default::default()
                },
                &View { today: dec1, lang },
            )
            .unwrap()
            .rows[0]
                .digest
                .readiness
                .clone()
                .unwrap()
        };
        let facts = waiting(Lang::En);
        assert!(
            !facts.missing_documents.is_empty(),
            "the digest names what is missing"
        );
        // Saved from an English screen, listed on a Danish one: the missing
        // documents are named in Danish, as the rules name them.
        let da_facts = waiting(Lang::Da);
        let rules = &ws.bundle().rules;
        for (en, da) in facts
            .missing_documents
            .iter()
            .zip(&da_facts.missing_documents)
        {
            assert_eq!(en.id, da.id);
            assert_eq!(
                Some(en.name.as_str()),
                rules.document_name(&en.id, Lang::En)
            );
            assert_eq!(
                Some(da.name.as_str()),
                rules.document_name(&da.id, Lang::Da)
            );
            assert_ne!(en.name, da.name);
        }
        // An unknown group is refused when the query is read (IPC or command line).
        assert!(serde_json::from_str::<permit_core::digest::Readiness>("\"ready\"").is_err());
    }

    /// A workspace at `path` with one AR9 case, "Stand builder".
    fn stand_builder(path: &Path) -> (Workspace, CaseView) {
        let mut ws = Workspace::open(Some(path)).unwrap();
        let a = ws.create("Stand builder", view()).unwrap();
        let a = ws.update(a.id, &ar9(), None, view()).unwrap();
        (ws, a)
    }

    /// The biometrics deadline of case `id` as the plan in `v` has it.
    fn biometrics(ws: &Workspace, id: i64, v: View) -> permit_core::plan::Deadline {
        ws.view(id, v)
            .unwrap()
            .plan
            .deadlines
            .into_iter()
            .find(|d| d.id == "biometrics")
            .unwrap()
    }

    #[test]
    fn reminders_give_the_date_then_once_passed_what_now_in_the_views_language_and_only_once() {
        let (ws, a) = stand_builder(&tmp("reminders"));
        let on = |lang, today| View { lang, today };
        let deadline = |v: View| biometrics(&ws, a.id, v);
        let bio = deadline(view());
        let date = bio.date;
        let reminder = |v: View, last: Option<NaiveDate>| {
            let label = deadline(v).label;
            ws.reminders(v, last)
                .unwrap()
                .into_iter()
                .find(|r| r.title.ends_with(&label))
        };
        // Due in 3 days: the date and the days left.
        let soon = date - chrono::Duration::days(3);
        let en = reminder(on(Lang::En, soon), None).unwrap();
        assert_eq!(en.case_id, a.id);
        assert_eq!(en.title, "Stand builder — Biometrics recorded");
        let day = |lang| permit_core::format::date(lang, date);
        assert_eq!(en.body, format!("Due {}: 3 days left.", day(Lang::En)));
        let da = reminder(on(Lang::Da, soon), None).unwrap();
        assert_eq!(
            da.title,
            format!("Stand builder — {}", deadline(on(Lang::Da, soon)).label)
        );
        assert_eq!(da.body, format!("Frist {}: 3 dage tilbage.", day(Lang::Da)));
        // Passed yesterday: what now, the plan's remedy, not a bare "overdue".
        let after = date + chrono::Duration::days(1);
        for (lang, words) in [
            (Lang::En, "The date {} has passed. What now: "),
            (Lang::Da, "Datoen {} er overskredet. Hvad nu: "),
        ] {
            let r = reminder(on(lang, after), Some(date)).unwrap();
            let remedy = deadline(on(lang, after)).remedy.unwrap();
            assert!(!remedy.is_empty());
            assert_eq!(
                r.body,
                format!("{}{remedy}", words.replace("{}", &day(lang)))
            );
            assert!(!r.body.contains("Overdue since") && !r.body.contains("Overskredet siden"));
        }
        // The same remedy the plan and the dashboard carry, in that language.
        assert_ne!(
            deadline(on(Lang::En, after)).remedy,
            deadline(on(Lang::Da, after)).remedy
        );
        // Reminded once: the next day's reminders (sent yesterday) leave it out;
        // the first ones after a start (none sent yet) give it once more.
        let next = after + chrono::Duration::days(1);
        assert!(reminder(on(Lang::En, next), Some(after)).is_none());
        assert!(reminder(on(Lang::En, next), None).is_some());
    }

    #[test]
    fn reminders_are_sent_once_a_day_and_a_passed_deadline_once_across_restarts() {
        let path = tmp("reminders-due");
        let (mut ws, a) = stand_builder(&path);
        let date = biometrics(&ws, a.id, view()).date;
        let on = |today| View {
            lang: Lang::En,
            today,
        };
        let days = chrono::Duration::days;
        let soon = date - days(3);
        assert_eq!(ws.reminders_due(on(soon)).unwrap().len(), 1);
        assert!(ws.reminders_due(on(soon)).unwrap().is_empty(), "sent today");
        drop(ws);
        // Restarted the same day: not again. The day after it passed: once,
        // with what now; restarted the next day: not again.
        let mut ws = Workspace::open(Some(&path)).unwrap();
        assert!(ws.reminders_due(on(soon)).unwrap().is_empty());
        let after = date + days(1);
        let passed = ws.reminders_due(on(after)).unwrap();
        assert_eq!(passed.len(), 1);
        assert!(passed[0].body.contains("What now: "), "{}", passed[0].body);
        drop(ws);
        let mut ws = Workspace::open(Some(&path)).unwrap();
        assert!(ws.reminders_due(on(after + days(1))).unwrap().is_empty());
    }

    #[test]
    fn list_filters_by_form_and_dashboard_shows_the_next_14_days() {
        let mut ws = Workspace::open(Some(&tmp("dash"))).unwrap();
        let a = ws.create("Service provider", view()).unwrap();
        ws.update(a.id, &ar9(), None, view()).unwrap();
        let b = ws.create("Researcher", view()).unwrap();
        ws.update(b.id, &json!({ "role": "employee", "scheme": "researcher", "employer": { "registered_in_denmark": true },
            "dates": { "submitted": "2026-11-01", "job_start": "2027-03-01" } }), None, view()).unwrap();
        let only_ar9 = ws
            .list(
                &ListQuery {
                    form: Some(permit_core::plan::Form::AR9),
                    ..Default::default()
                },
                &view(),
            )
            .unwrap();
        assert_eq!(only_ar9.total, 1);
        assert_eq!(only_ar9.rows[0].name, "Service provider");
        // Pages: the nearest deadline first (researcher's, overdue), then AR9.
        let page = |offset| {
            ws.list(
                &ListQuery {
                    offset: Some(offset),
                    limit: Some(1),
                    ..Default::default()
                },
                &view(),
            )
            .unwrap()
        };
        let (first, second) = (page(0), page(1));
        assert_eq!((first.total, first.offset, first.rows.len()), (2, 0, 1));
        assert_eq!(first.rows[0].name, "Researcher");
        assert_eq!(
            (second.offset, second.rows[0].name.as_str()),
            (1, "Service provider")
        );
        assert!(page(2).rows.is_empty());
        // An unknown order is refused when the query is read (ListSort is an enum).
        assert!(serde_json::from_value::<ListQuery>(json!({ "sort": "size" })).is_err());
        // "Export all" from a filtered list takes what the list shows, unpaged.
        let q = ListQuery {
            form: Some(permit_core::plan::Form::AR9),
            limit: Some(0),
            ..Default::default()
        };
        let picked = ws.batch_selection(None, Some(&q)).unwrap();
        assert_eq!(
            picked.0.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![a.id]
        );
        assert_eq!(ws.batch_selection(None, None).unwrap().0.len(), 2);
        assert_eq!(
            ws.batch_selection(Some(&[b.id]), Some(&q)).unwrap().0[0].id,
            b.id
        );
        // researcher's biometrics (2026-11-15) overdue; AR9's (2026-12-24) beyond 14 days
        let dash = ws.dashboard(14, view()).unwrap();
        assert_eq!(dash.len(), 1);
        assert_eq!(dash[0].case_name, "Researcher");
        assert_eq!(dash[0].deadline.status, DeadlineStatus::Overdue);
        let dash = ws.dashboard(31, view()).unwrap();
        assert_eq!(dash.len(), 2);
    }

    #[test]
    fn delete_undo_archive_duplicate() {
        let mut ws = Workspace::open(Some(&tmp("lifecycle"))).unwrap();
        let a = ws.create("A", view()).unwrap();
        ws.update(a.id, &ar9(), None, view()).unwrap();
        let copy = ws.duplicate(a.id, "A (copy)", view()).unwrap();
        assert_eq!(copy.plan.forms[0].form, "AR9");
        ws.delete(a.id).unwrap();
        assert_eq!(ws.list(&ListQuery::default(), &view()).unwrap().total, 1);
        ws.undo_delete(a.id).unwrap();
        ws.set_archived(a.id, true).unwrap();
        let active = ws
            .list(
                &ListQuery {
                    status: Some(CaseStatus::Active),
                    ..Default::default()
                },
                &view(),
            )
            .unwrap();
        assert_eq!(active.total, 1);
    }

    #[test]
    fn a_corrupt_workspace_is_reported_and_left_alone() {
        let path = tmp("corrupt");
        std::fs::write(&path, b"this is not a database").unwrap();
        let err = Workspace::open(Some(&path)).err().unwrap();
        assert_eq!(err.kind, "corrupt");
        assert_eq!(
            err.path.as_deref(),
            Some(path.display().to_string().as_str())
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"this is not a database");
    }

    #[test]
    fn pdf_export_writes_a_file() {
        let path = tmp("pdf");
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let a = ws.create("A", view()).unwrap();
        ws.update(a.id, &ar9(), None, view()).unwrap();
        let out = path.with_file_name("a.pdf");
        let r = ws.export_pdf(a.id, &out, view()).unwrap();
        assert!(r.bytes > 1000);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    }

    fn hires_csv(dir: &Path, broken: bool) -> PathBuf {
        let text: Vec<&str> = include_str!("../examples/hires.csv")
            .lines()
            .take(4)
            .collect();
        let mut text = text.join("\n");
        text.push('\n');
        if broken {
            // row 3 (Rahul): a date that does not exist
            text = text.replace("11-12-2026", "31-02-2026");
        }
        let path = dir.join(if broken { "broken.csv" } else { "hires.csv" });
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_reimported_row_is_recognised_and_skipped_updated_or_imported_again() {
        let path = tmp("reimport");
        let dir = path.parent().unwrap().to_owned();
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let opts = |on_duplicate| ImportOptions {
            on_duplicate,
            ..ImportOptions::default()
        };
        let first = ws
            .import_hires(&hires_csv(&dir, false), &opts(OnDuplicate::Ask), view())
            .unwrap();
        assert_eq!((first.imported, first.needs_choice), (3, false));
        assert!(first.duplicates.is_empty());
        let ana = first.ids[0];
        // What the user did since: a new name and a document gathered.
        ws.rename(ana, "Ana (HR)", view()).unwrap();
        let mut s = serde_json::to_value(ws.get(ana, view()).unwrap().situation).unwrap();
        s["documents"] = json!([{ "id": "employment_contract", "gathered": true }]);
        ws.update(ana, &s, None, view()).unwrap();

        // The corrected file: Ana's salary changes; Kenji's row lost its
        // reference (same name, accents aside, and birth date); Rahul's
        // reference is written in lower case; one new hire.
        let text = include_str!("../examples/hires.csv");
        let lines: Vec<&str> = text.lines().collect();
        let corrected = [
            lines[0].to_owned(),
            lines[1].replace("\"540.000,00\"", "\"560.000,00\""),
            lines[2].replace("HR-2027-002", "hr-2027-002"),
            lines[3]
                .replace("HR-2027-003", "")
                .replace(",Kenji Watanabe,", ",KENJI WATANABÉ,"),
            lines[4].to_owned(),
        ]
        .join("\n");
        let csv = dir.join("corrected.csv");
        std::fs::write(&csv, corrected).unwrap();
        let total = |ws: &Workspace| ws.list(&ListQuery::default(), &view()).unwrap().total;

        let asked = ws
            .import_hires(&csv, &opts(OnDuplicate::Ask), view())
            .unwrap();
        assert!(asked.needs_choice);
        assert_eq!(
            (asked.imported, asked.updated, total(&ws)),
            (0, 0, 3),
            "nothing imported"
        );
        let by: Vec<(usize, i64, MatchedBy)> = asked
            .duplicates
            .iter()
            .map(|d| (d.row, d.case_id, d.matched_by))
            .collect();
        assert_eq!(
            by,
            [
                (2, ana, MatchedBy::Reference),
                (3, first.ids[1], MatchedBy::Reference),
                (4, first.ids[2], MatchedBy::NameAndBirthDate)
            ]
        );

        let skipped = ws
            .import_hires(&csv, &opts(OnDuplicate::Skip), view())
            .unwrap();
        assert_eq!(
            (skipped.imported, skipped.skipped, total(&ws)),
            (1, 3, 4),
            "only the new hire"
        );
        assert_eq!(skipped.cases.len(), 1);
        assert_eq!(skipped.cases[0].row, 5);

        let updated = ws
            .import_hires(&csv, &opts(OnDuplicate::Update), view())
            .unwrap();
        // The new hire of the last import is matched too now.
        assert_eq!((updated.imported, updated.updated, total(&ws)), (0, 4, 4));
        assert!(updated.cases.iter().all(|c| c.updated));
        let a = ws.get(ana, view()).unwrap();
        assert_eq!(a.name, "Ana (HR)", "the case's own name stays");
        assert_eq!(
            a.situation.salary.components[0]
                .amount
                .map(|x| x.0.to_string()),
            Some("560000.00".to_owned()),
            "the row's answer is written"
        );
        assert!(
            a.situation.documents.iter().any(|d| d.gathered),
            "what the row does not hold stays"
        );

        let again = ws
            .import_hires(&csv, &opts(OnDuplicate::New), view())
            .unwrap();
        assert_eq!(
            (again.imported, again.duplicates.len(), total(&ws)),
            (4, 4, 8)
        );
    }

    #[test]
    fn an_import_reports_each_case_by_outcome() {
        let path = tmp("outcomes");
        let dir = path.parent().unwrap().to_owned();
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let csv = dir.join("all.csv");
        std::fs::write(&csv, include_str!("../examples/hires.csv")).unwrap();
        let r = ws
            .import_hires(&csv, &ImportOptions::default(), view())
            .unwrap();
        assert_eq!(r.imported, 10);
        assert_eq!(r.form_found + r.needs_answers + r.not_covered, 10);
        // Each count is what the case's own plan says.
        for c in &r.cases {
            let p = ws.get(c.case_id, view()).unwrap().plan;
            assert_eq!(c.coverage, Some(p.coverage.status), "row {}", c.row);
            assert_eq!(
                p.forms.is_empty(),
                c.coverage != Some(permit_core::plan::CoverageStatus::Covered),
                "row {}: a form exactly when covered",
                c.row
            );
        }
        assert!(r.not_covered > 0 && r.form_found > 0, "{r:?}");
    }

    #[test]
    fn a_csv_over_the_limit_is_refused_in_the_views_language_with_its_size_and_nothing_imported() {
        let path = tmp("too-large");
        let dir = path.parent().unwrap().to_owned();
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let max = permit_core::limits::MAX_CSV_BYTES;
        let csv = dir.join("big.csv");
        let f = std::fs::File::create(&csv).unwrap();
        // Sparse: one byte over the limit costs no disk.
        f.set_len(max + 1).unwrap();
        let da = View {
            lang: Lang::Da,
            ..view()
        };
        let e = ws
            .import_hires(&csv, &ImportOptions::default(), da)
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Io);
        assert_eq!(e.lang, Some(Lang::Da));
        assert_eq!(
            e.message,
            format!(
                "big.csv fylder {} bytes, mere end én import kan tage (højst {max} bytes); del den op i mindre filer",
                max + 1
            )
        );
        assert_eq!(ws.list(&ListQuery::default(), &view()).unwrap().total, 0);
        // At the limit it is read (and parsed: a file of zero bytes says so).
        f.set_len(max).unwrap();
        let at = ws.import_hires(&csv, &ImportOptions::default(), da);
        assert!(
            at.as_ref()
                .map_or_else(|e| e.kind != ErrorKind::TooLarge, |_| true),
            "{at:?}"
        );
    }

    #[test]
    fn csv_import_all_or_nothing_or_the_valid_rows() {
        let path = tmp("import");
        let dir = path.parent().unwrap().to_owned();
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let csv = hires_csv(&dir, true);
        let r = ws
            .import_csv(&csv, ImportMode::AllOrNothing, None, None, Lang::En)
            .unwrap();
        assert_eq!(r.imported, 0);
        assert_eq!((r.rows, r.valid), (3, 2));
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].row, Some(3));
        assert_eq!(r.problems[0].column.as_deref(), Some("planned_submission"));
        // The same problem in the Danish view, in Danish.
        let da = ws
            .import_csv(&csv, ImportMode::AllOrNothing, None, None, Lang::Da)
            .unwrap();
        assert!(
            da.problems[0].message.contains("skriv den som ÅÅÅÅ-MM-DD")
                && !da.problems[0].message.contains("write"),
            "{:?}",
            da.problems
        );
        assert!(ws
            .list(&ListQuery::default(), &view())
            .unwrap()
            .rows
            .is_empty());

        ws.template_save(
            "Employer docs",
            "Signed contract\n\nInternal approval\n",
            Lang::En,
        )
        .unwrap();
        let r = ws
            .import_csv(
                &csv,
                ImportMode::ValidRows,
                Some("Employer docs"),
                None,
                Lang::En,
            )
            .unwrap();
        assert_eq!(r.imported, 2);
        let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
        assert_eq!(rows.len(), 2);
        // imported cases carry the app's digest, with the template's items
        let researcher = rows.iter().find(|r| r.name.contains("Ana Silva")).unwrap();
        assert_eq!(researcher.digest.forms, vec!["AR1"]);
        let c = ws.get(researcher.id, view()).unwrap();
        assert!(c
            .plan
            .documents
            .iter()
            .any(|d| d.own && d.name == "Internal approval"));

        // An unknown mode is refused when the command's arguments are read.
        assert!(serde_json::from_str::<ImportMode>("\"some\"").is_err());
        let err = ws
            .import_csv(
                &dir.join("missing.csv"),
                ImportMode::ValidRows,
                None,
                None,
                Lang::En,
            )
            .unwrap_err();
        assert_eq!(err.kind, "io");
        assert!(Workspace::csv_template().starts_with("case_name,"));
        let t = dir.join("template.csv");
        Workspace::save_csv_template(&t).unwrap();
        assert_eq!(
            std::fs::read_to_string(&t).unwrap(),
            Workspace::csv_template()
        );
    }

    #[test]
    fn ics_has_one_event_per_deadline() {
        let path = tmp("ics");
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let a = ws.create("A", view()).unwrap();
        let a = ws.update(a.id, &ar9(), None, view()).unwrap();
        let out = path.with_file_name("cal.ics");
        let r = ws.export_ics(Some(&[a.id]), None, &out, view()).unwrap();
        assert!(r.events > 0);
        // A date already past is left out of a new calendar (issue 15, item 10).
        let upcoming = a.plan.deadlines.iter().filter(|d| d.days_left >= 0).count();
        assert!(
            upcoming < a.plan.deadlines.len(),
            "the example has a past date"
        );
        assert_eq!(r.events, upcoming);
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(text.matches("BEGIN:VEVENT").count(), r.events);
        assert!(text.starts_with("BEGIN:VCALENDAR"));
    }

    #[test]
    fn a_case_file_round_trips() {
        let path = tmp("casefile");
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let a = ws.create("Stand builder", view()).unwrap();
        let a = ws.update(a.id, &ar9(), None, view()).unwrap();
        let file = path.with_file_name("case.json");
        ws.export_case_file(a.id, &file).unwrap();
        let other = Workspace::open(Some(&path.with_file_name("other.sqlite3")));
        let mut other = other.unwrap();
        let b = other.import_case_file(&file, view()).unwrap();
        assert_eq!(b.name, "Stand builder");
        assert_eq!(b.situation, a.situation);
        assert_eq!(b.plan, a.plan);
        let rows = other.list(&ListQuery::default(), &view()).unwrap().rows;
        assert_eq!(rows[0].digest.forms, vec!["AR9"]);

        std::fs::write(
            &file,
            "{ \"format\": \"permit-packet-case\", \"version\": 99 }",
        )
        .unwrap();
        assert_eq!(
            other.import_case_file(&file, view()).unwrap_err().kind,
            "newer_file",
            "a newer case file, not a newer workspace"
        );
        std::fs::write(&file, "not json").unwrap();
        assert_eq!(
            other.import_case_file(&file, view()).unwrap_err().kind,
            "invalid_file",
            "a damaged case file, not a damaged workspace"
        );
    }

    #[test]
    fn a_danish_view_gets_the_services_own_refusals_in_danish() {
        let da = View {
            lang: Lang::Da,
            ..view()
        };
        // An invalid situation: the headline and the field, in Danish.
        let bad =
            json!({ "format": 1, "dates": { "job_start": "2027-03-01", "job_end": "2027-01-01" } });
        let e = Workspace::preview(&bad, da).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        assert_eq!(e.lang, Some(Lang::Da));
        assert!(
            e.message.starts_with("Et svar kan ikke godtages: ")
                && e.message
                    .ends_with("jobbet kan ikke slutte, før det begynder"),
            "{}",
            e.message
        );
        assert_eq!(e.fields[0].field, "dates.job_end");
        assert!(e.message.ends_with(&e.fields[0].message), "{e:?}");
        // The same in English, said to be English.
        let e = Workspace::preview(&bad, view()).unwrap_err();
        assert_eq!(e.lang, Some(Lang::En));
        assert!(
            e.message.starts_with("An answer is not accepted: ")
                && e.message.ends_with("the job cannot end before it starts"),
            "{}",
            e.message
        );
        // A damaged checklist template, applied in Danish.
        let mut ws = Workspace::open(Some(&tmp("tpl-damaged"))).unwrap();
        let c = ws.create("Ana", da).unwrap();
        ws.store.save_template("Gammel", "42").unwrap();
        let e = ws.template_apply("Gammel", c.id, None, da).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Corrupt);
        assert_eq!(e.lang, Some(Lang::Da));
        assert!(
            e.message
                .starts_with("tjeklisteskabelonen “Gammel” er beskadiget og kan ikke læses"),
            "{}",
            e.message
        );
        // And one that is not there.
        let e = ws.template_apply("Ingen", c.id, None, da).unwrap_err();
        assert_eq!((e.kind, e.lang), (ErrorKind::NotFound, Some(Lang::Da)));
        assert_eq!(
            e.message,
            "der er ingen tjeklisteskabelon med navnet “Ingen”"
        );
        // Saving and deleting templates speak the view's language too.
        let e = ws.template_delete("Ingen", Lang::Da).unwrap_err();
        assert_eq!((e.kind, e.lang), (ErrorKind::NotFound, Some(Lang::Da)));
        assert_eq!(
            e.message,
            "der er ingen tjeklisteskabelon med navnet “Ingen”"
        );
        let e = ws.template_save("HR", "\n", Lang::Da).unwrap_err();
        assert_eq!((e.kind, e.lang), (ErrorKind::InvalidInput, Some(Lang::Da)));
        assert_eq!(
            e.message,
            "tjeklisteskabelonen “HR”: en skabelon skal have mindst ét punkt"
        );
        let e = ws.template_save(" ", "Kontrakt", Lang::Da).unwrap_err();
        assert_eq!(e.message, "en tjeklisteskabelon skal have et navn");
        let e = ws
            .template_save("HR", "Kontrakt\nkontrakt", Lang::En)
            .unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.lang),
            (
                "the checklist template “HR”: item 2: “kontrakt” is listed twice",
                Some(Lang::En)
            )
        );
        // An error in the program's own words says it has no language.
        let dir = std::env::temp_dir().join("permit-no-such-dir-for-this-test");
        let e = ws
            .import_hires(&dir.join("x.csv"), &ImportOptions::default(), da)
            .unwrap_err();
        assert_eq!((e.kind, e.lang), (ErrorKind::Io, None));
    }

    #[test]
    fn a_deleted_template_can_be_saved_again_from_what_delete_returns() {
        let mut ws = Workspace::open(Some(&tmp("tpl-delete"))).unwrap();
        ws.template_save(
            "Employer docs",
            r#"[{"name":"Signed contract","notes":"HR signs"},"Internal approval"]"#,
            Lang::En,
        )
        .unwrap();
        let saved = ws
            .store
            .get_template("Employer docs")
            .unwrap()
            .unwrap()
            .items_json;
        let text = ws.template_delete(" Employer docs ", Lang::En).unwrap();
        assert!(ws.templates().unwrap().is_empty());
        assert_eq!(
            ws.template_delete("Employer docs", Lang::En)
                .unwrap_err()
                .kind,
            "not_found"
        );
        // Undo: the same items, notes included.
        ws.template_save("Employer docs", &text, Lang::En).unwrap();
        assert_eq!(
            ws.store
                .get_template("Employer docs")
                .unwrap()
                .unwrap()
                .items_json,
            saved
        );
        assert_eq!(
            ws.templates().unwrap()[0].items,
            vec!["Signed contract", "Internal approval"]
        );
    }

    #[test]
    fn batch_export_writes_a_pdf_per_case_and_honours_cancel() {
        let path = tmp("batch");
        let mut ws = Workspace::open(Some(&path)).unwrap();
        for name in ["One", "Two", "Two"] {
            let c = ws.create(name, view()).unwrap();
            ws.update(c.id, &ar9(), None, view()).unwrap();
        }
        let dir = path.with_file_name("out");
        let seen = std::sync::Mutex::new(Vec::new());
        let r = ws
            .batch_export(
                None,
                None,
                &dir,
                view(),
                |d, t| seen.lock().unwrap().push((d, t)),
                &AtomicBool::new(false),
            )
            .unwrap();
        assert_eq!((r.written, r.failed, r.cancelled), (3, 0, false));
        let pdfs = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "pdf")
            })
            .count();
        assert_eq!(pdfs, 3, "unique names for cases of the same name");
        let summary = std::fs::read_to_string(r.summary_path.unwrap()).unwrap();
        assert_eq!(summary.lines().count(), 4);
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
        assert_eq!(seen, vec![(1, 3), (2, 3), (3, 3)]);

        let dir = path.with_file_name("cancelled");
        let r = ws
            .batch_export(None, None, &dir, view(), |_, _| {}, &AtomicBool::new(true))
            .unwrap();
        assert!(r.cancelled);
        assert_eq!(r.written, 0);
        assert!(r.summary_path.is_none());
        assert!(!dir.join("summary.csv").exists());
    }

    #[test]
    fn templates_list_save_apply() {
        let mut ws = Workspace::open(Some(&tmp("templates"))).unwrap();
        assert_eq!(
            ws.template_save("  ", "x", Lang::En).unwrap_err().kind,
            "invalid_input"
        );
        assert_eq!(
            ws.template_save("T", "\n", Lang::En).unwrap_err().kind,
            "invalid_input"
        );
        ws.template_save("HR", "Contract\nApproval", Lang::En)
            .unwrap();
        assert_eq!(
            ws.templates().unwrap(),
            vec![TemplateInfo {
                name: "HR".into(),
                items: vec!["Contract".into(), "Approval".into()]
            }]
        );
        let c = ws.create("A", view()).unwrap();
        let c = ws.update(c.id, &ar9(), None, view()).unwrap();
        let c = ws
            .template_apply("HR", c.id, Some(&c.updated_at), view())
            .unwrap();
        let own: Vec<&str> = c
            .plan
            .documents
            .iter()
            .filter(|d| d.own)
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(own, vec!["Contract", "Approval"]);
        assert_eq!(
            ws.template_apply("nope", c.id, None, view())
                .unwrap_err()
                .kind,
            "not_found"
        );
    }
}
