//! The desktop app's service layer: a workspace of cases in the SQLite store,
//! each with its situation, and the plan computed by the core. No Tauri here:
//! `desktop.rs` wraps each method in a one-line command, and the tests below
//! run without a window.
//!
//! Each case's `checklist_json` column holds a small [`CaseDigest`] (forms,
//! progress, next deadline) so that the case list of thousands of cases is
//! shown without recomputing any plan.

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
use permit_core::plan::{Deadline, DeadlineKind, DeadlineStatus, Severity};
use permit_core::situation::{FieldError, RawSituation};
use permit_core::{plan, Lang, Options, Plan, Situation};
use permit_store::{ListFilter, Sort, Store, StoreError};
use permit_store::{PlanState, SavedPlan};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error shown to the user: a stable `kind`, a readable `message`, and
/// for invalid answers the fields concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message}")]
pub struct AppError {
    /// `invalid_input`, `conflict`, `not_found`, `newer_version`, `corrupt`, `locked`, `io`, `internal`.
    pub kind: String,
    /// What happened, for people.
    pub message: String,
    /// The workspace file concerned, where there is one.
    pub path: Option<String>,
    /// Field errors of an invalid situation.
    pub fields: Vec<FieldError>,
}

impl AppError {
    fn new(kind: &str, message: impl Into<String>) -> Self {
        AppError {
            kind: kind.into(),
            message: message.into(),
            path: None,
            fields: vec![],
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
    pub kind: String,
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

/// The next deadline of a case, as kept in its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NextDeadline {
    /// Deadline id (`biometrics`, `bank_account`, `job_seeking`).
    pub id: String,
    /// Its date.
    pub date: NaiveDate,
}

/// The small summary of a case kept next to it in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[ts(export)]
pub struct CaseDigest {
    /// Applicant's name.
    pub applicant_name: Option<String>,
    /// Forms of the plan.
    pub forms: Vec<String>,
    /// Documents gathered.
    pub gathered: usize,
    /// Documents in all.
    pub total: usize,
    /// Warnings of severity blocker.
    pub blockers: usize,
    /// The nearest act-by deadline.
    pub next: Option<NextDeadline>,
    /// Whether the pages cover the case (`covered`, `not_covered`, `needs_answers`).
    pub coverage: Option<permit_core::plan::CoverageStatus>,
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
    /// `active` or `archived`.
    pub status: String,
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
}

/// Which cases to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ListQuery {
    /// Text in the case name.
    pub search: Option<String>,
    /// `active` or `archived` (all when absent).
    pub status: Option<String>,
    /// Only cases with this form.
    pub form: Option<String>,
    /// `deadline` (default), `name` or `updated`.
    pub sort: Option<String>,
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
    /// `active` or `archived`.
    pub status: String,
    /// Version for the next update (optimistic concurrency).
    pub updated_at: String,
    /// The situation as entered.
    pub situation: RawSituation,
    /// The plan.
    pub plan: Plan,
    /// What a rules update changed since the plan the user last saw (none
    /// when nothing is waiting to be acknowledged).
    pub rules_changes: Option<CaseChanges>,
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
    /// What is wrong and what is accepted.
    pub message: String,
}

/// What an import of a hires CSV file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    /// Cases created (0 when nothing was imported).
    pub imported: usize,
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

/// The cases of a batch export, read from the store (see
/// [`Workspace::batch_selection`] and [`run_batch`]).
pub struct BatchSelection(Vec<BatchCase>, Vec<String>);

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
        let plan_json = serde_json::to_string(&snap).expect("a snapshot serialises");
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
        let (checklist_json, next_deadline) = app_meta(&p);
        Ok(Replanned {
            saved: SavedPlan {
                id: st.id,
                checklist_json,
                next_deadline,
                rules_version: rules.version().to_owned(),
                plan_json,
                seen_json,
                rules_changed: changes.is_some(),
            },
            changes,
        })
    };
    let results: Vec<Result<Replanned, String>> = if states.len() < 64 {
        states.iter().map(one).collect()
    } else {
        let half = states.len() / 2;
        let (a, b) = states.split_at(half);
        std::thread::scope(|sc| {
            let h = sc.spawn(|| a.iter().map(one).collect::<Vec<_>>());
            let mut second: Vec<_> = b.iter().map(one).collect();
            let mut first = h.join().expect("planning never panics");
            first.append(&mut second);
            first
        })
    };
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

/// The digest of a plan, as kept next to its case (shared with the CLI).
pub fn digest_of(p: &Plan) -> CaseDigest {
    let (gathered, total) = p.progress();
    let next = p
        .deadlines
        .iter()
        .filter(|d| d.kind == DeadlineKind::NoLaterThan)
        .min_by_key(|d| d.date)
        .map(|d| NextDeadline {
            id: d.id.clone(),
            date: d.date,
        });
    CaseDigest {
        applicant_name: p.applicant_name.clone(),
        forms: p.forms.iter().map(|f| f.form.code().to_owned()).collect(),
        gathered,
        total,
        blockers: p
            .warnings
            .iter()
            .filter(|w| w.severity == Severity::Blocker)
            .count(),
        next,
        coverage: Some(p.coverage.status),
    }
}

fn parse_situation(text: &str) -> AppResult<Situation> {
    Situation::from_json(text, "situation").map_err(|e| AppError {
        kind: "invalid_input".into(),
        message: e.to_string(),
        path: None,
        fields: e.errors,
    })
}

fn io_error(path: &Path, message: impl std::fmt::Display) -> AppError {
    AppError {
        kind: "io".into(),
        message: message.to_string(),
        path: Some(path.display().to_string()),
        fields: vec![],
    }
}

/// Reads a whole input file of at most `max` bytes (a larger one is refused
/// before it is read).
fn read_file(path: &Path, max: u64) -> AppResult<Vec<u8>> {
    permit_files::read_limited(path, max)
        .map_err(|e| io_error(path, format!("cannot read {}: {e}", path.display())))
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
        }
    })
}

/// Writes an output file atomically and privately (0600 when new).
fn write_output(path: &Path, bytes: &[u8]) -> AppResult<()> {
    permit_files::write_atomic(path, bytes, true)
        .map_err(|e| io_error(path, format!("could not write {}: {e}", path.display())))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// What the store keeps beside an imported case: the app's digest and the
/// next deadline.
fn app_meta(p: &Plan) -> (String, Option<NaiveDate>) {
    let d = digest_of(p);
    let next = d.next.as_ref().map(|n| n.date);
    (
        serde_json::to_string(&d).expect("a digest serialises"),
        next,
    )
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
        },
        &pdf,
        &|p| progress(p.done, p.total),
        cancel,
    )
    .map_err(|e| io_error(&e.path, e.message))?;
    let failed = report.rows.iter().filter(|r| r.error.is_some()).count();
    Ok(BatchResult {
        dir: dir.display().to_string(),
        written: report.rows.len() - failed,
        failed,
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
        let results: Vec<_> = if states.len() < 64 {
            states.iter().map(one).collect()
        } else {
            let (a, b) = states.split_at(states.len() / 2);
            std::thread::scope(|sc| {
                let h = sc.spawn(|| a.iter().map(one).collect::<Vec<_>>());
                let mut second: Vec<_> = b.iter().map(one).collect();
                let mut first = h.join().expect("planning never panics");
                first.append(&mut second);
                first
            })
        };
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

    /// Saves the snapshot of a plan the user has just seen after an edit
    /// (a change waiting to be acknowledged stays).
    fn record_plan(&mut self, id: i64, name: &str, p: &Plan) -> AppResult<Option<CaseChanges>> {
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
        let (checklist_json, next_deadline) = app_meta(p);
        self.store.save_plans(&[SavedPlan {
            id,
            checklist_json,
            next_deadline,
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
    pub fn list(&self, q: &ListQuery, today: NaiveDate) -> AppResult<CasePage> {
        let offset = q.offset.unwrap_or(0) as usize;
        let page = self.store.list_page(
            &Self::filter(q),
            Self::sort(q)?,
            offset,
            q.limit.map(|l| l as usize),
        )?;
        let rows = page
            .rows
            .into_iter()
            .map(|r| {
                let digest: CaseDigest =
                    serde_json::from_str(&r.checklist_json).unwrap_or_default();
                let (days_left, deadline_status) = match &digest.next {
                    Some(n) => {
                        let (d, s) = deadline_status(today, n.date);
                        (Some(d), Some(s))
                    }
                    None => (None, None),
                };
                CaseRow {
                    id: r.id,
                    name: r.name,
                    status: r.status,
                    updated_at: r.updated_at,
                    digest,
                    days_left,
                    deadline_status,
                    rules_changed: r.rules_changed,
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
        match q.sort.as_deref() {
            None | Some("deadline") => Ok(Sort::NearestDeadline),
            Some("name") => Ok(Sort::Name),
            Some("updated") => Ok(Sort::Updated),
            Some(other) => Err(AppError::new(
                "invalid_input",
                format!("sort `{other}`: expected deadline, name or updated"),
            )),
        }
    }

    /// The store filter of a list query.
    fn filter(q: &ListQuery) -> ListFilter {
        ListFilter {
            search: q.search.clone(),
            status: q.status.clone(),
            include_deleted: false,
            form: q.form.clone(),
            due_by: None,
        }
    }

    fn view(&self, id: i64, v: View) -> AppResult<CaseView> {
        let rec = self.store.get_case(id)?;
        let situation = parse_situation(&rec.situation_json)?;
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
            status: rec.status,
            updated_at: rec.updated_at,
            situation: situation.raw().clone(),
            plan: p,
            rules_changes,
        })
    }

    /// One case with its plan.
    pub fn get(&self, id: i64, v: View) -> AppResult<CaseView> {
        self.view(id, v)
    }

    /// A new, empty case.
    pub fn create(&mut self, name: &str, v: View) -> AppResult<CaseView> {
        let raw = RawSituation {
            format: Some(1),
            ..Default::default()
        };
        let value =
            serde_json::to_value(&raw).map_err(|e| AppError::new("internal", e.to_string()))?;
        let rec = self.store.create_case(name, &value.to_string())?;
        // One plan: `update` stores the digest and returns the view.
        self.update(rec.id, &value, Some(&rec.updated_at), v)
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
        let s = parse_situation(&text)?;
        let p = plan(&s, &self.bundle().rules, &v.options());
        let d = digest_of(&p);
        let digest =
            serde_json::to_string(&d).map_err(|e| AppError::new("internal", e.to_string()))?;
        let json =
            serde_json::to_string(s.raw()).map_err(|e| AppError::new("internal", e.to_string()))?;
        let rec = self.store.update_case(
            id,
            &json,
            &digest,
            d.next.as_ref().map(|n| n.date),
            expected_updated_at,
        )?;
        let rules_changes = self.record_plan(id, &rec.name, &p)?;
        Ok(CaseView {
            id: rec.id,
            name: rec.name,
            status: rec.status,
            updated_at: rec.updated_at,
            situation: s.raw().clone(),
            plan: p,
            rules_changes,
        })
    }

    /// The plan of a situation without saving it (live preview while typing).
    pub fn preview(situation: &serde_json::Value, v: View) -> AppResult<Plan> {
        let s = parse_situation(&situation.to_string())?;
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

    fn template_items(&self, name: &str) -> AppResult<Vec<templates::TemplateItem>> {
        let t = self.store.get_template(name)?.ok_or_else(|| {
            AppError::new(
                "not_found",
                format!("no checklist template called `{name}`"),
            )
        })?;
        serde_json::from_str(&t.items_json)
            .map_err(|e| AppError::new("corrupt", format!("template `{name}` is damaged: {e}")))
    }

    /// Imports the hires of a CSV file in ONE transaction. `mode` is
    /// `all_or_nothing` (any problem: nothing imported) or `valid_rows`;
    /// `template` names a checklist template applied to every new case.
    /// Every problem is reported with its row and column.
    pub fn import_csv(
        &mut self,
        path: &Path,
        mode: &str,
        template: Option<&str>,
    ) -> AppResult<ImportReport> {
        let mode = match mode {
            "all_or_nothing" => Mode::AllOrNothing,
            "valid_rows" => Mode::ValidRows,
            other => {
                return Err(AppError::new(
                    "invalid_input",
                    format!("mode `{other}`: expected all_or_nothing or valid_rows"),
                ))
            }
        };
        let items = match template {
            Some(name) => Some(self.template_items(name)?),
            None => None,
        };
        let parsed = hires::parse(
            &read_file(path, permit_core::limits::MAX_CSV_BYTES)?,
            &file_name(path),
        );
        let today = local_today();
        let mut cases = Vec::new();
        for r in hires::rows_to_import(&parsed, mode) {
            let mut row = r.clone();
            if let Some(items) = &items {
                let mut raw = row.situation.raw().clone();
                templates::apply(&mut raw, items);
                row.situation_json = serde_json::to_string(&raw)
                    .map_err(|e| AppError::new("internal", e.to_string()))?;
                row.situation = Situation::check(raw).map_err(|fields| AppError {
                    kind: "invalid_input".into(),
                    message: format!("row {}: the template's items are not valid", r.row),
                    path: None,
                    fields,
                })?;
            }
            cases.push(row.to_new_case(today, &app_meta));
        }
        let imported = if cases.is_empty() {
            0
        } else {
            let n = self.store.import_cases(&cases)?.len();
            // The new cases get their plan snapshot (as seen).
            self.refresh_rules(View {
                lang: Lang::En,
                today,
            })?;
            n
        };
        Ok(ImportReport {
            imported,
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
                    message: p.message.clone(),
                })
                .collect(),
        })
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
                .list_page(&Self::filter(q), Self::sort(q)?, 0, None)?
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
        Ok(BatchSelection(out, skipped))
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
        let (text, events) = ics::calendar_of(&selection.0, &v.options(), chrono::Utc::now());
        write_output(path, text.as_bytes())?;
        Ok(IcsResult {
            path: path.display().to_string(),
            events,
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
        let text = String::from_utf8(read_file(path, permit_core::limits::MAX_SITUATION_BYTES)?)
            .map_err(|_| AppError {
                kind: "corrupt".into(),
                message: format!(
                    "{} is not UTF-8 text: damaged, or not a Permit Packet case file",
                    file_name(path)
                ),
                path: Some(path.display().to_string()),
                fields: vec![],
            })?;
        let case = case_file::import(&text, &file_name(path)).map_err(|e| {
            let kind = match &e {
                case_file::CaseFileError::Newer { .. } => "newer_version",
                case_file::CaseFileError::Damaged { .. } => "corrupt",
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
            }
        })?;
        let p = plan(&case.situation, &self.bundle().rules, &v.options());
        let (checklist_json, next_deadline) = app_meta(&p);
        let ids = self.store.import_cases(&[permit_store::NewCase {
            name: case.name,
            situation_json: case.situation_json,
            checklist_json,
            notes: case.notes,
            next_deadline,
        }])?;
        self.refresh_rules(v)?;
        self.view(ids[0], v)
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
    pub fn template_delete(&mut self, name: &str) -> AppResult<String> {
        let Some(rec) = self.store.get_template(name.trim())? else {
            return Err(AppError::new(
                "not_found",
                format!("there is no checklist template `{}`", name.trim()),
            ));
        };
        self.store.delete_template(&rec.name)?;
        Ok(rec.items_json)
    }

    /// Saves a checklist template from text with one item a line (or a JSON
    /// array of items), replacing one of the same name.
    pub fn template_save(&mut self, name: &str, text: &str) -> AppResult<TemplateInfo> {
        if name.trim().is_empty() {
            return Err(AppError::new(
                "invalid_input",
                "a checklist template needs a name",
            ));
        }
        let items = templates::parse_items(text).map_err(|m| {
            AppError::new("invalid_input", format!("template `{}`: {m}", name.trim()))
        })?;
        let rec = self
            .store
            .save_template(name, &templates::items_json(&items))?;
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
        let items = self.template_items(name)?;
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
        let rows = ws.list(&ListQuery::default(), view().today).unwrap().rows;
        assert_eq!(rows[0].digest.forms, vec!["AR9"]);
        assert_eq!(rows[0].digest.next.as_ref().unwrap().id, "biometrics");
        assert_eq!(rows[0].days_left, Some(31));
    }

    #[test]
    fn invalid_answers_are_not_saved_and_name_the_field() {
        let mut ws = Workspace::open(Some(&tmp("invalid"))).unwrap();
        let c = ws.create("Hire", view()).unwrap();
        let err = ws
            .update(
                c.id,
                &json!({ "dates": { "job_start": "2027-02-30" } }),
                None,
                view(),
            )
            .unwrap_err();
        assert_eq!(err.kind, "invalid_input");
        assert_eq!(err.fields[0].field, "dates.job_start");
        assert!(ws
            .get(c.id, view())
            .unwrap()
            .situation
            .dates
            .job_start
            .is_none());
    }

    #[test]
    fn amounts_past_any_range_are_refused_at_the_field_not_a_panic() {
        // Issue 9, item 1: this panicked inside the command, with the
        // workspace lock held.
        let mut ws = Workspace::open(Some(&tmp("overflow"))).unwrap();
        let c = ws.create("Hire", view()).unwrap();
        let err = ws
            .update(
                c.id,
                &json!({ "salary": { "period": "month", "components": [
                    { "kind": "cash", "amount": "79228162514264337593543950335" },
                    { "kind": "pension_employee", "amount": "1" } ] } }),
                None,
                view(),
            )
            .unwrap_err();
        assert_eq!(err.kind, "invalid_input");
        assert_eq!(err.fields[0].field, "salary.components[0].amount");
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
                    form: Some("AR9".into()),
                    ..Default::default()
                },
                view().today,
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
                view().today,
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
        // An unknown order is refused with what is accepted, for the list and an export alike.
        let bad = ListQuery {
            sort: Some("size".into()),
            ..Default::default()
        };
        let err = ws.list(&bad, view().today).unwrap_err();
        assert_eq!(err.kind, "invalid_input");
        assert!(
            err.message.contains("expected deadline, name or updated"),
            "{}",
            err.message
        );
        assert_eq!(
            ws.batch_selection(None, Some(&bad)).err().unwrap().kind,
            "invalid_input"
        );
        // "Export all" from a filtered list takes what the list shows, unpaged.
        let q = ListQuery {
            form: Some("AR9".into()),
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
        assert_eq!(
            ws.list(&ListQuery::default(), view().today).unwrap().total,
            1
        );
        ws.undo_delete(a.id).unwrap();
        ws.set_archived(a.id, true).unwrap();
        let active = ws
            .list(
                &ListQuery {
                    status: Some("active".into()),
                    ..Default::default()
                },
                view().today,
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
    fn csv_import_all_or_nothing_or_the_valid_rows() {
        let path = tmp("import");
        let dir = path.parent().unwrap().to_owned();
        let mut ws = Workspace::open(Some(&path)).unwrap();
        let csv = hires_csv(&dir, true);
        let r = ws.import_csv(&csv, "all_or_nothing", None).unwrap();
        assert_eq!(r.imported, 0);
        assert_eq!((r.rows, r.valid), (3, 2));
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].row, Some(3));
        assert_eq!(r.problems[0].column.as_deref(), Some("planned_submission"));
        assert!(ws
            .list(&ListQuery::default(), view().today)
            .unwrap()
            .rows
            .is_empty());

        ws.template_save("Employer docs", "Signed contract\n\nInternal approval\n")
            .unwrap();
        let r = ws
            .import_csv(&csv, "valid_rows", Some("Employer docs"))
            .unwrap();
        assert_eq!(r.imported, 2);
        let rows = ws.list(&ListQuery::default(), view().today).unwrap().rows;
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

        let err = ws.import_csv(&csv, "some", None).unwrap_err();
        assert_eq!(err.kind, "invalid_input");
        let err = ws
            .import_csv(&dir.join("missing.csv"), "valid_rows", None)
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
        let rows = other
            .list(&ListQuery::default(), view().today)
            .unwrap()
            .rows;
        assert_eq!(rows[0].digest.forms, vec!["AR9"]);

        std::fs::write(
            &file,
            "{ \"format\": \"permit-packet-case\", \"version\": 99 }",
        )
        .unwrap();
        assert_eq!(
            other.import_case_file(&file, view()).unwrap_err().kind,
            "newer_version"
        );
        std::fs::write(&file, "not json").unwrap();
        assert_eq!(
            other.import_case_file(&file, view()).unwrap_err().kind,
            "corrupt"
        );
    }

    #[test]
    fn a_deleted_template_can_be_saved_again_from_what_delete_returns() {
        let mut ws = Workspace::open(Some(&tmp("tpl-delete"))).unwrap();
        ws.template_save(
            "Employer docs",
            r#"[{"name":"Signed contract","notes":"HR signs"},"Internal approval"]"#,
        )
        .unwrap();
        let saved = ws
            .store
            .get_template("Employer docs")
            .unwrap()
            .unwrap()
            .items_json;
        let text = ws.template_delete(" Employer docs ").unwrap();
        assert!(ws.templates().unwrap().is_empty());
        assert_eq!(
            ws.template_delete("Employer docs").unwrap_err().kind,
            "not_found"
        );
        // Undo: the same items, notes included.
        ws.template_save("Employer docs", &text).unwrap();
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
            ws.template_save("  ", "x").unwrap_err().kind,
            "invalid_input"
        );
        assert_eq!(
            ws.template_save("T", "\n").unwrap_err().kind,
            "invalid_input"
        );
        ws.template_save("HR", "Contract\nApproval").unwrap();
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
