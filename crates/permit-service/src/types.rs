//! The types the service sends to front ends (ts-rs writes them to `ui/src/bindings/`).

use crate::prelude::*;

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
    pub(crate) fn options(&self) -> Options {
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
    /// Whether the workspace is encrypted at rest (Settings shows it; a
    /// plain one can be encrypted once the user agrees).
    pub encrypted: bool,
    /// A team workspace: the login and organisation it shows (`None`: a
    /// file on this computer).
    pub team: Option<TeamInfo>,
}

/// Who a team workspace is opened as, for the window's title and Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TeamInfo {
    /// The login.
    pub login: String,
    /// The organisation whose cases are shown.
    pub organisation: String,
    /// `officer`, `auditor` or `admin`.
    pub role: String,
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
        permit_batch::hires::Problem {
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
