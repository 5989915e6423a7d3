//! The Tauri desktop shell (feature `desktop`).
//!
//! A thin adapter: it opens the window, holds the application state and
//! exposes commands to the UI in `ui/`. Every rule lives in [`permit_core`];
//! a command here only converts arguments, calls the core and converts the
//! result or error for the UI.
//!
//! Commands return `AppResult<T>`: the UI receives `T` as JSON, or a rejected
//! promise with an `AppError` (`kind`, a closed set: `ErrorKind`).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use permit_core::Lang;
use tauri::{Emitter, Manager, PackageInfo, State};

pub use crate::about::AppInfo;
use crate::picks::{PickMode, PickedFile, Picks};
use crate::team_connect::TeamConnected;
use crate::workspace::{
    AppError, AppResult, BatchProgress, BatchResult, CasePage, CaseView, DashboardItem,
    ExportResult, IcsResult, ImportMode, ImportReport, ListQuery, ReadinessCount, RulesReport,
    RulesStatus, TemplateInfo, UpdateSource, View, Workspace, WorkspaceInfo,
};

impl AppInfo {
    /// Reads name and version from the package info Tauri generates at compile time.
    pub fn from_package(package: &PackageInfo) -> Self {
        Self {
            name: package.name.clone(),
            version: package.version.to_string(),
            rules_version: crate::about::rules_version().to_owned(),
            rules_checked_on: crate::about::rules_checked_on(),
            licences: crate::about::LICENCES.to_vec(),
            licence_dir: crate::about::LICENCE_DIR.to_owned(),
            open_file: None,
        }
    }
}

/// The case file among the command-line arguments (without the program
/// name): the first one that is not an option.
fn file_argument(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<String> {
    args.into_iter()
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(|a| {
            let path = std::path::PathBuf::from(a);
            std::path::absolute(&path)
                .unwrap_or(path)
                .display()
                .to_string()
        })
}

/// State managed by Tauri and shared by all commands.
#[derive(Debug)]
pub struct AppState(AppInfo);

impl AppState {
    /// Creates the state for the given application.
    pub fn new(info: AppInfo) -> Self {
        Self(info)
    }

    /// Name and version of the running application.
    pub fn info(&self) -> &AppInfo {
        &self.0
    }
}

/// Returns the application's name and version.
#[tauri::command]
fn app_info(state: State<'_, AppState>) -> AppResult<AppInfo> {
    // The UI asks this first, once its script runs: the benchmark
    // (scripts/bench-desktop.sh) reads this line as "interactive".
    if let Some(ms) = startup_mark("first command") {
        eprintln!("PERMIT_PACKET_READY {ms} ms");
    }
    Ok(state.info().clone())
}

/// The open workspace, or the error of the last failed open (reported by
/// every command, with its path, so the UI can offer another file).
pub struct WorkspaceState(Mutex<Result<Workspace, AppError>>);

fn app_error(kind: &str, message: &str) -> AppError {
    AppError {
        kind: kind.into(),
        message: message.into(),
        path: None,
        fields: vec![],
        lang: None,
    }
}

impl Default for WorkspaceState {
    fn default() -> Self {
        WorkspaceState(Mutex::new(Err(app_error(
            "no_workspace",
            "No workspace is open.",
        ))))
    }
}

impl WorkspaceState {
    /// Puts `ws` in place of the workspace open until now.
    fn replace(&self, ws: Workspace) -> AppResult<()> {
        *self
            .0
            .lock()
            .map_err(|_| app_error("internal", "lock poisoned"))? = Ok(ws);
        Ok(())
    }

    fn with<T>(&self, f: impl FnOnce(&mut Workspace) -> AppResult<T>) -> AppResult<T> {
        let mut guard = self
            .0
            .lock()
            .map_err(|_| app_error("internal", "the workspace lock was poisoned"))?;
        match guard.as_mut() {
            Ok(ws) => f(ws),
            Err(e) => Err(e.clone()),
        }
    }
}

/// The language of the reminders (the UI's choice).
#[derive(Default)]
pub struct LangState(Mutex<Lang>);

/// Sets the language of OS notifications.
#[tauri::command]
fn set_lang(state: State<'_, LangState>, lang: Lang) {
    if let Ok(mut l) = state.0.lock() {
        *l = lang;
    }
}

/// Opens a file dialog on the app's side for `mode` and keeps the chosen
/// path; the UI gets a token for it (see [`crate::picks`]), or null when the
/// user cancelled. The dialog runs on the main thread; this command waits
/// for it off the main thread.
#[tauri::command(async)]
fn pick_file(
    app: tauri::AppHandle,
    picks: State<'_, Picks>,
    mode: PickMode,
    title: String,
    default_name: Option<String>,
    filter_name: Option<String>,
    extensions: Vec<String>,
) -> AppResult<Option<PickedFile>> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file().set_title(title);
    if let Some(name) = filter_name.filter(|_| !extensions.is_empty()) {
        let exts: Vec<&str> = extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(name, &exts);
    }
    if let Some(name) = default_name {
        dialog = dialog.set_file_name(name);
    }
    let picked = match mode {
        PickMode::Open => dialog.blocking_pick_file(),
        PickMode::Save => dialog.blocking_save_file(),
        PickMode::Folder => dialog.blocking_pick_folder(),
    };
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path = picked
        .into_path()
        .map_err(|e| app_error("io", &format!("the chosen file has no local path: {e}")))?;
    Ok(Some(picks.keep(mode, path)))
}

/// A team workspace: other officers' changes are announced to the window
/// (`cases-changed`), from a thread with a connection of its own.
fn start_watch(app: &tauri::AppHandle) {
    let watch = app
        .state::<WorkspaceState>()
        .0
        .lock()
        .ok()
        .and_then(|ws| ws.as_ref().ok().and_then(|w| w.watch()));
    if let Some(watch) = watch {
        let app = app.clone();
        std::thread::spawn(move || {
            let _ = watch.run(&mut || app.emit("cases-changed", ()).is_ok());
        });
    }
}

/// Opens the workspace the user picked (`token`, see [`pick_file`]; the
/// default location when absent).
#[tauri::command]
fn workspace_open(
    state: State<'_, WorkspaceState>,
    picks: State<'_, Picks>,
    token: Option<String>,
) -> AppResult<WorkspaceInfo> {
    let path = match token {
        Some(t) => Some(picks.take_any(&t, &[PickMode::Open, PickMode::Save])?),
        None => None,
    };
    let ws = crate::cli_key::open_desktop(path.as_deref())?;
    let info = ws.info()?;
    state.replace(ws)?;
    Ok(info)
}

/// Connects to the team workspace at `url` as the user's own login
/// (Settings → "Connect to a team workspace…"), remembered for the next
/// start with the password in the keyring ([`crate::team_connect`]).
#[tauri::command]
fn team_connect(
    app: tauri::AppHandle,
    state: State<'_, WorkspaceState>,
    url: String,
    password: Option<String>,
    keep_password: bool,
    lang: Lang,
) -> AppResult<TeamConnected> {
    let file = crate::team_connect::remembered_file();
    let (ws, connected) =
        crate::team_connect::connect(&file, &url, password.as_deref(), keep_password, lang)?;
    state.replace(ws)?;
    start_watch(&app);
    Ok(connected)
}

/// Back to this computer's workspace: the team workspace and its kept
/// password are forgotten.
#[tauri::command]
fn team_disconnect(state: State<'_, WorkspaceState>, lang: Lang) -> AppResult<WorkspaceInfo> {
    crate::team_connect::disconnect(&crate::team_connect::remembered_file())
        .map_err(|e| crate::team_connect::io_error(lang, &e))?;
    let ws = crate::cli_key::open_desktop(local_workspace().as_deref())?;
    let info = ws.info()?;
    state.replace(ws)?;
    Ok(info)
}

/// The passphrase dialog's answer, where no keyring gave the key of the
/// workspace that failed to open with `needs_key` / `needs_new_key` (that
/// workspace, never a path from the webview): its passphrase or recovery
/// key, or a new passphrase for a new workspace. A wrong one is
/// `wrong_key` and the dialog asks again.
#[tauri::command]
fn workspace_unlock(
    state: State<'_, WorkspaceState>,
    passphrase: String,
) -> AppResult<WorkspaceInfo> {
    let mut guard = state
        .0
        .lock()
        .map_err(|_| app_error("internal", "the workspace lock was poisoned"))?;
    let path = match &*guard {
        Err(e) if e.kind == "needs_key" || e.kind == "needs_new_key" => {
            e.path.clone().map(std::path::PathBuf::from)
        }
        _ => None,
    }
    .ok_or_else(|| app_error("invalid", "no workspace is waiting for a passphrase"))?;
    let ws = crate::cli_key::open_desktop_with(&path, &passphrase)?;
    let info = ws.info()?;
    *guard = Ok(ws);
    Ok(info)
}

/// Settings' "Encrypt now", after the user agreed in the app's dialog: the
/// open plain workspace is closed, encrypted through a checked copy (as
/// `key encrypt`), and opened again. Its key goes to the keyring; where none
/// answers the error is `needs_new_key` and the dialog asks for a
/// `passphrase`. On any error the plain workspace is opened again as it was.
#[tauri::command]
fn workspace_encrypt(
    state: State<'_, WorkspaceState>,
    passphrase: Option<String>,
) -> AppResult<WorkspaceInfo> {
    let mut guard = state
        .0
        .lock()
        .map_err(|_| app_error("internal", "the workspace lock was poisoned"))?;
    let path = match &*guard {
        Ok(ws) if ws.encrypted() => {
            return Err(app_error(
                "invalid",
                &permit_core::messages::text(Lang::En, "app.key.already_encrypted", &[]),
            ))
        }
        Ok(ws) => ws.location().to_owned(),
        Err(e) => return Err(e.clone()),
    };
    // Closed: the encryption needs the file to itself.
    *guard = Err(app_error("no_workspace", "No workspace is open."));
    match crate::cli_key::encrypt_desktop(&path, passphrase.as_deref()) {
        Ok(ws) => {
            let info = ws.info()?;
            *guard = Ok(ws);
            Ok(info)
        }
        Err(e) => {
            *guard = crate::cli_key::open_desktop(Some(&path));
            Err(e)
        }
    }
}

#[tauri::command]
fn workspace_info(state: State<'_, WorkspaceState>) -> AppResult<WorkspaceInfo> {
    state.with(|ws| ws.info())
}

#[tauri::command]
fn cases_list(
    state: State<'_, WorkspaceState>,
    query: ListQuery,
    view: View,
) -> AppResult<CasePage> {
    state.with(|ws| ws.list(&query, &view))
}

#[tauri::command]
fn case_create(state: State<'_, WorkspaceState>, name: String, view: View) -> AppResult<CaseView> {
    state.with(|ws| ws.create(&name, view))
}

#[tauri::command]
fn case_get(state: State<'_, WorkspaceState>, id: i64, view: View) -> AppResult<CaseView> {
    state.with(|ws| ws.get(id, view))
}

/// A case's History: its audit entries, newest first, in the view's language.
#[tauri::command]
fn case_history(
    state: State<'_, WorkspaceState>,
    id: i64,
    view: View,
) -> AppResult<Vec<crate::workspace::audit::HistoryEntry>> {
    state.with(|ws| ws.history(Some(id), None, None, view.lang))
}

/// How many days a deleted case is kept before it is purged (Settings).
#[tauri::command]
fn retention_get(state: State<'_, WorkspaceState>) -> AppResult<u32> {
    state.with(|ws| ws.retention_days())
}

/// Sets how many days a deleted case is kept; the period now in force.
#[tauri::command]
fn retention_set(state: State<'_, WorkspaceState>, days: u32, view: View) -> AppResult<u32> {
    state.with(|ws| ws.set_retention_days(days, view.lang))
}

/// The situation as the UI sends it (a `RawSituation`, amounts as typed):
/// read by the service layer, so that its errors name the fields.
type SituationJson = serde_json::Value;

#[tauri::command]
fn case_update(
    state: State<'_, WorkspaceState>,
    id: i64,
    situation: SituationJson,
    expected_updated_at: Option<String>,
    view: View,
) -> AppResult<CaseView> {
    state.with(|ws| ws.update(id, &situation, expected_updated_at.as_deref(), view))
}

#[tauri::command]
fn case_rename(
    state: State<'_, WorkspaceState>,
    id: i64,
    name: String,
    view: View,
) -> AppResult<CaseView> {
    state.with(|ws| ws.rename(id, &name, view))
}

#[tauri::command]
fn case_duplicate(
    state: State<'_, WorkspaceState>,
    id: i64,
    name: String,
    view: View,
) -> AppResult<CaseView> {
    state.with(|ws| ws.duplicate(id, &name, view))
}

#[tauri::command]
fn case_archive(state: State<'_, WorkspaceState>, id: i64, archived: bool) -> AppResult<()> {
    state.with(|ws| ws.set_archived(id, archived))
}

#[tauri::command]
fn case_delete(state: State<'_, WorkspaceState>, id: i64) -> AppResult<()> {
    state.with(|ws| ws.delete(id))
}

#[tauri::command]
fn case_undo_delete(state: State<'_, WorkspaceState>, id: i64) -> AppResult<()> {
    state.with(|ws| ws.undo_delete(id))
}

#[tauri::command]
/// How many active cases are in each readiness group on the view's today.
fn readiness_counts(
    state: State<'_, WorkspaceState>,
    view: View,
) -> AppResult<Vec<ReadinessCount>> {
    state.with(|ws| ws.readiness_counts(view.today))
}

#[tauri::command]
/// The act-by deadlines of the next [`permit_core::policy::DASHBOARD_DAYS`]
/// days, overdue first.
fn dashboard(state: State<'_, WorkspaceState>, view: View) -> AppResult<Vec<DashboardItem>> {
    state.with(|ws| ws.dashboard(permit_core::policy::DASHBOARD_DAYS, view))
}

#[tauri::command]
fn export_pdf(
    state: State<'_, WorkspaceState>,
    picks: State<'_, Picks>,
    id: i64,
    token: String,
    view: View,
) -> AppResult<ExportResult> {
    let path = picks.take(&token, PickMode::Save)?;
    state.with(|ws| ws.export_pdf(id, &path, view))
}

#[tauri::command]
fn page_text(page: String) -> AppResult<String> {
    Workspace::page_text(&page)
}

// The long ones (a 10,000-row import takes most of a second) run off the
// main thread, so the window keeps painting; the UI awaits them.
#[tauri::command(async)]
fn import_csv(
    state: State<'_, WorkspaceState>,
    picks: State<'_, Picks>,
    token: String,
    mode: ImportMode,
    template: Option<String>,
    on_duplicate: Option<crate::workspace::OnDuplicate>,
    view: View,
) -> AppResult<ImportReport> {
    let path = picks.take(&token, PickMode::Open)?;
    state.with(|ws| ws.import_csv(&path, mode, template.as_deref(), on_duplicate, view.lang))
}

#[tauri::command]
fn csv_template_save(picks: State<'_, Picks>, token: String) -> AppResult<ExportResult> {
    Workspace::save_csv_template(&picks.take(&token, PickMode::Save)?)
}

#[tauri::command(async)]
fn export_ics(
    state: State<'_, WorkspaceState>,
    picks: State<'_, Picks>,
    ids: Option<Vec<i64>>,
    query: Option<ListQuery>,
    token: String,
    view: View,
) -> AppResult<IcsResult> {
    let path = picks.take(&token, PickMode::Save)?;
    state.with(|ws| ws.export_ics(ids.as_deref(), query.as_ref(), &path, view))
}

#[tauri::command]
fn case_file_export(
    state: State<'_, WorkspaceState>,
    picks: State<'_, Picks>,
    id: i64,
    token: String,
) -> AppResult<ExportResult> {
    let path = picks.take(&token, PickMode::Save)?;
    state.with(|ws| ws.export_case_file(id, &path))
}

/// Writes everything held about a case's applicant to the JSON file the
/// user picked, and a readable PDF beside it (GDPR article 15).
#[tauri::command]
fn person_export(
    state: State<'_, WorkspaceState>,
    picks: State<'_, Picks>,
    id: i64,
    token: String,
    view: View,
) -> AppResult<Vec<ExportResult>> {
    let path = picks.take(&token, PickMode::Save)?;
    state.with(|ws| {
        ws.person_export(id, &path, true, view)
            .map(|(json, pdf)| vec![json, pdf])
    })
}

#[tauri::command]
fn case_file_import(
    state: State<'_, WorkspaceState>,
    picks: State<'_, Picks>,
    token: String,
    on_duplicate: Option<crate::workspace::OnDuplicate>,
    view: View,
) -> AppResult<CaseView> {
    let path = picks.take(&token, PickMode::Open)?;
    state.with(|ws| ws.import_case_file(&path, on_duplicate.unwrap_or_default(), view))
}

#[tauri::command]
fn templates_list(state: State<'_, WorkspaceState>) -> AppResult<Vec<TemplateInfo>> {
    state.with(|ws| ws.templates())
}

#[tauri::command]
fn template_delete(
    state: State<'_, WorkspaceState>,
    name: String,
    view: View,
) -> AppResult<String> {
    state.with(|ws| ws.template_delete(&name, view.lang))
}

#[tauri::command]
fn template_save(
    state: State<'_, WorkspaceState>,
    name: String,
    text: String,
    view: View,
) -> AppResult<TemplateInfo> {
    state.with(|ws| ws.template_save(&name, &text, view.lang))
}

#[tauri::command]
fn template_apply(
    state: State<'_, WorkspaceState>,
    name: String,
    id: i64,
    expected_updated_at: Option<String>,
    view: View,
) -> AppResult<CaseView> {
    state.with(|ws| ws.template_apply(&name, id, expected_updated_at.as_deref(), view))
}

#[tauri::command]
fn rules_status(state: State<'_, WorkspaceState>) -> AppResult<RulesStatus> {
    state.with(|ws| Ok(ws.rules_status()))
}

/// Installs the rules bundle the user picked (`token`, see [`pick_file`]).
#[tauri::command(async)]
fn rules_install(
    state: State<'_, WorkspaceState>,
    picks: State<'_, Picks>,
    token: String,
    view: View,
) -> AppResult<RulesReport> {
    let path = picks.take(&token, PickMode::Open)?;
    state.with(|ws| ws.install_rules(&path, view))
}

#[tauri::command]
fn case_acknowledge(state: State<'_, WorkspaceState>, id: i64, view: View) -> AppResult<CaseView> {
    state.with(|ws| ws.acknowledge(id, view))
}

#[tauri::command]
fn update_source(state: State<'_, WorkspaceState>) -> AppResult<UpdateSource> {
    state.with(|ws| Ok(ws.update_source()))
}

/// Sets the update address. The app asks the user in its own dialog
/// first (the address is where "Check for updates" connects), so a
/// script in the webview cannot point the app elsewhere unseen.
#[tauri::command(async)]
fn update_source_set(
    app: tauri::AppHandle,
    state: State<'_, WorkspaceState>,
    lang: State<'_, LangState>,
    url: Option<String>,
) -> AppResult<UpdateSource> {
    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons};
    let url = url.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
    if let Some(u) = &url {
        let u = permit_bundle::fetch::check_address(u)
            .map_err(|e| app_error(e.kind(), &e.to_string()))?;
        let lang = lang.0.lock().map(|l| *l).unwrap_or(Lang::En);
        let m = |key: &str| permit_core::messages::text(lang, key, &[]);
        let (title, text, yes, no) = (
            m("dialog.update_address.title"),
            permit_core::messages::text(lang, "dialog.update_address.text", &[("url", &u)]),
            m("dialog.update_address.yes"),
            m("dialog.update_address.no"),
        );
        let yes_ok = app
            .dialog()
            .message(text)
            .title(title)
            .buttons(MessageDialogButtons::OkCancelCustom(yes, no))
            .blocking_show();
        if !yes_ok {
            return state.with(|ws| Ok(ws.update_source()));
        }
    }
    state.with(|ws| ws.set_update_source(url.as_deref()))
}

/// "Check for updates": fetches the bundle at the update address the user
/// set, then checks and installs it as a picked file.
#[tauri::command(async)]
fn rules_check_updates(state: State<'_, WorkspaceState>, view: View) -> AppResult<RulesReport> {
    state.with(|ws| ws.check_for_updates(view))
}

/// The cancel flag of the running batch export.
#[derive(Default)]
pub struct BatchCancel(Arc<AtomicBool>);

/// Exports the cases `ids` names (else those `query` lists, else all active
/// ones) into `dir`
/// on a background thread (the workspace is only locked while the cases
/// are read), emitting `batch-progress` events `{done, total}`.
#[tauri::command]
// Tauri hands each managed state as its own argument.
#[allow(clippy::too_many_arguments)]
async fn batch_export(
    app: tauri::AppHandle,
    state: State<'_, WorkspaceState>,
    cancel: State<'_, BatchCancel>,
    picks: State<'_, Picks>,
    ids: Option<Vec<i64>>,
    query: Option<ListQuery>,
    token: String,
    view: View,
) -> AppResult<BatchResult> {
    let dir = picks.take(&token, PickMode::Folder)?;
    let selection = state.with(|ws| ws.batch_selection(ids.as_deref(), query.as_ref()))?;
    // Files of an earlier export in that folder: the app asks before it
    // replaces them (a file of another kind, or the workspace, is refused).
    let replaced = crate::workspace::batch_replaces(&selection, &dir)?;
    if !replaced.is_empty() && !ask_replace(&app, &view, &dir, replaced.len()) {
        return Err(app_error(
            "refused",
            &format!(
                "{}: nothing was exported; the files already there were kept",
                dir.display()
            ),
        ));
    }
    let flag = cancel.0.clone();
    flag.store(false, Ordering::SeqCst);
    let case_ids = selection.case_ids();
    let recorded_dir = dir.clone();
    let result = tauri::async_runtime::spawn_blocking(move || {
        let progress = |done, total| {
            let _ = app.emit("batch-progress", BatchProgress { done, total });
        };
        crate::workspace::run_batch(
            &selection,
            &dir,
            view,
            permit_files::Replace::Yes,
            &progress,
            &flag,
        )
    })
    .await
    .map_err(|e| app_error("internal", &format!("the batch export stopped: {e}")))??;
    // The export of personal data is recorded in the audit trail.
    if !result.cancelled {
        state.with(|ws| ws.record_export("export_batch", &case_ids, &recorded_dir))?;
    }
    Ok(result)
}

/// Asks, in the app's own dialog, whether to replace the `n` files of an
/// earlier export in `dir`.
fn ask_replace(app: &tauri::AppHandle, view: &View, dir: &Path, n: usize) -> bool {
    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons};
    let lang = view.lang;
    let m = |key: &str| permit_core::messages::text(lang, key, &[]);
    let dir = dir.display().to_string();
    let (title, text, yes, no) = (
        m("dialog.replace_export.title"),
        permit_core::messages::text(
            lang,
            "dialog.replace_export.text",
            &[("dir", &dir), ("n", &n)],
        ),
        m("dialog.replace_export.yes"),
        m("dialog.replace_export.no"),
    );
    app.dialog()
        .message(text)
        .title(title)
        .buttons(MessageDialogButtons::OkCancelCustom(yes, no))
        .blocking_show()
}

/// Cancels the running batch export (after the cases in progress).
#[tauri::command]
fn batch_cancel(cancel: State<'_, BatchCancel>) {
    cancel.0.store(true, Ordering::SeqCst);
}

/// Sends an OS notification for every deadline due soon or passed
/// ([`Workspace::reminders_due`]: the texts, in the UI's language, with what
/// now once a date has passed), once a day whenever the app runs that day
/// (the workspace keeps the day); a passed deadline is announced once.
fn start_reminders(app: &tauri::AppHandle) {
    use tauri_plugin_notification::NotificationExt;
    let app = app.clone();
    // Every hour: the workspace keeps the day reminders were last sent, so
    // each day's are sent once, whenever the app runs that day.
    std::thread::spawn(move || loop {
        let today = chrono::Local::now().date_naive();
        let lang = app
            .state::<LangState>()
            .0
            .lock()
            .map(|l| *l)
            .unwrap_or_default();
        let view = View { lang, today };
        let reminders = app
            .state::<WorkspaceState>()
            .with(|ws| ws.reminders_due(view))
            .unwrap_or_default();
        for r in reminders {
            let _ = app
                .notification()
                .builder()
                .title(r.title)
                .body(r.body)
                .show();
        }
        std::thread::sleep(std::time::Duration::from_secs(60 * 60));
    });
}

/// When `run` began (for the start-up mark).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// With `PERMIT_PACKET_STARTUP_MARK` set, prints how long after `run` began
/// a start-up phase was reached (read by scripts/bench-desktop.sh) and
/// returns it; `None` otherwise.
fn startup_mark(phase: &str) -> Option<u128> {
    std::env::var_os("PERMIT_PACKET_STARTUP_MARK")?;
    let ms = STARTED
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_millis();
    eprintln!("PERMIT_PACKET_PHASE {phase}: {ms} ms");
    Some(ms)
}

/// WebKitGTK and GTK settings for a window of forms and text: no GPU
/// compositing and no GL in GTK. Measured with scripts/bench-desktop.sh: the
/// web process drops from about 190 MB to 105 MB (PSS); start-up time stays
/// within the machine's noise. (WebKitGTK's WebDriver screenshot hangs in
/// this mode: tests/e2e takes its pictures from the display.)
const SOFTWARE_RENDERING: [(&str, &str); 3] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    ("GDK_GL", "disable"),
];

/// The [`SOFTWARE_RENDERING`] variables to set, given the environment `get`
/// reads: none with `PERMIT_PACKET_GPU=1`, and never one the user set.
fn software_rendering_vars(
    get: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Vec<(&'static str, &'static str)> {
    if get("PERMIT_PACKET_GPU").is_some_and(|v| v == "1") {
        return Vec::new();
    }
    SOFTWARE_RENDERING
        .into_iter()
        .filter(|(name, _)| get(name).is_none())
        .collect()
}

fn prefer_software_rendering() {
    for (name, value) in software_rendering_vars(|n| std::env::var_os(n)) {
        // Called first thing in `run`, before GTK or any thread starts.
        std::env::set_var(name, value);
    }
}

/// This computer's workspace: the file `PERMIT_PACKET_WORKSPACE` names
/// (tests, power users), else the default one (`None`).
fn local_workspace() -> Option<std::path::PathBuf> {
    std::env::var_os("PERMIT_PACKET_WORKSPACE")
        .map(std::path::PathBuf::from)
        .filter(|p| !p.to_str().is_some_and(permit_store_postgres::is_address))
}

/// Opens the main window and runs the application until it is closed.
pub fn run() -> Result<(), tauri::Error> {
    STARTED.get_or_init(std::time::Instant::now);
    prefer_software_rendering();
    let context = tauri::generate_context!();
    let mut info = AppInfo::from_package(context.package_info());
    // The file the desktop (not the webview) handed us: kept like a file the
    // user chose in the app's own open dialog.
    let picks = Picks::default();
    info.open_file = file_argument(std::env::args_os().skip(1))
        .map(|p| picks.keep(PickMode::Open, std::path::PathBuf::from(p)));
    let state = AppState::new(info);
    let workspace = WorkspaceState::default();
    // Open the workspace given by PERMIT_PACKET_WORKSPACE (tests, power users)
    // or the default one; a failure is shown by the UI, which offers another file.
    // Without it, the team workspace the user connected to last (Settings),
    // with the keyring's password.
    let given = std::env::var_os("PERMIT_PACKET_WORKSPACE").map(std::path::PathBuf::from);
    if let Ok(mut guard) = workspace.0.lock() {
        *guard = match given {
            Some(path) => crate::cli_key::open_desktop(Some(&path)),
            None => crate::team_connect::open_remembered(&crate::team_connect::remembered_file())
                .unwrap_or_else(|| crate::cli_key::open_desktop(None)),
        };
    }
    startup_mark("workspace open");
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(state)
        .manage(workspace)
        .manage(LangState::default())
        .manage(BatchCancel::default())
        .manage(picks)
        .on_page_load(|_, payload| {
            startup_mark(match payload.event() {
                tauri::webview::PageLoadEvent::Started => "page load started",
                tauri::webview::PageLoadEvent::Finished => "page load finished",
            });
        })
        .setup(|app| {
            startup_mark("setup");
            if std::env::var_os("PERMIT_PACKET_NO_REMINDERS").is_none() {
                start_reminders(app.handle());
            }
            start_watch(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app_info,
            pick_file,
            workspace_open,
            team_connect,
            team_disconnect,
            workspace_unlock,
            workspace_encrypt,
            workspace_info,
            cases_list,
            case_create,
            case_get,
            case_history,
            retention_get,
            retention_set,
            person_export,
            case_update,
            case_rename,
            case_duplicate,
            case_archive,
            case_delete,
            case_undo_delete,
            dashboard,
            readiness_counts,
            export_pdf,
            set_lang,
            page_text,
            import_csv,
            csv_template_save,
            export_ics,
            case_file_export,
            case_file_import,
            templates_list,
            template_save,
            template_delete,
            template_apply,
            batch_export,
            batch_cancel,
            rules_status,
            rules_install,
            case_acknowledge,
            update_source,
            update_source_set,
            rules_check_updates
        ])
        .run(context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use permit_core::RuleSet;

    #[test]
    fn the_webview_may_open_no_dialog_and_touch_no_file() {
        // Issue 9, item 12: dialogs are opened by the app (pick_file), the
        // webview sees tokens; it has no permission of its own for files.
        let v: serde_json::Value =
            serde_json::from_str(include_str!("capabilities/default.json")).unwrap();
        let perms: Vec<&str> = v["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .collect();
        assert!(perms.contains(&"core:default"), "{perms:?}");
        for p in &perms {
            assert!(
                !["dialog:", "fs:", "shell:", "http:", "opener:"]
                    .iter()
                    .any(|k| p.starts_with(k)),
                "{p}"
            );
        }
    }

    #[test]
    fn software_rendering_is_the_default_but_never_overrides_the_user() {
        use std::ffi::OsString;
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        assert_eq!(
            software_rendering_vars(env(&[])),
            SOFTWARE_RENDERING.to_vec()
        );
        // A variable the user set is left as it is, even to "0".
        assert_eq!(
            software_rendering_vars(env(&[("GDK_GL", "")])),
            SOFTWARE_RENDERING[..2].to_vec()
        );
        assert_eq!(
            software_rendering_vars(env(&[("WEBKIT_DISABLE_COMPOSITING_MODE", "0")])),
            SOFTWARE_RENDERING[1..].to_vec()
        );
        // PERMIT_PACKET_GPU=1 keeps WebKit's own choice; another value does not.
        assert!(software_rendering_vars(env(&[("PERMIT_PACKET_GPU", "1")])).is_empty());
        assert_eq!(
            software_rendering_vars(env(&[("PERMIT_PACKET_GPU", "0")])).len(),
            3
        );
    }

    #[test]
    fn app_info_serialises_name_version_rules_licences_and_file() {
        let info = AppInfo {
            name: "Permit Packet".into(),
            version: "0.1.0".into(),
            rules_version: "2026.11.23".into(),
            rules_checked_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            licences: crate::about::LICENCES[..1].to_vec(),
            licence_dir: "/usr/share/doc/permit-packet".into(),
            open_file: Some(PickedFile {
                token: "pick-1-0".into(),
                name: "b.permit-case.json".into(),
            }),
        };
        assert_eq!(
            serde_json::to_value(&info).unwrap(),
            serde_json::json!({
                "name": "Permit Packet",
                "version": "0.1.0",
                "rules_version": "2026.11.23",
                "rules_checked_on": "2026-11-23",
                "licences": [{ "component": "Permit Packet", "licence": "MIT" }],
                "licence_dir": "/usr/share/doc/permit-packet",
                "open_file": { "token": "pick-1-0", "name": "b.permit-case.json" },
            })
        );
    }

    #[test]
    fn the_first_argument_that_is_no_option_is_the_case_file() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(file_argument(args(&[])), None);
        assert_eq!(file_argument(args(&["--flag"])), None);
        assert_eq!(
            file_argument(args(&["--flag", "/tmp/a.permit-case.json"])),
            Some("/tmp/a.permit-case.json".into())
        );
        // A relative path is made absolute against the working folder.
        let relative = file_argument(args(&["a.permit-case.json"])).unwrap();
        assert!(std::path::Path::new(&relative).is_absolute());
        assert!(relative.ends_with("a.permit-case.json"));
    }

    #[test]
    fn app_info_comes_from_the_generated_context() {
        let context: tauri::Context<tauri::Wry> = tauri::generate_context!();
        let info = AppInfo::from_package(context.package_info());
        assert_eq!(info.name, "Permit Packet");
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(info.rules_version, RuleSet::embedded().rules_version);
        assert_eq!(info.rules_checked_on, RuleSet::embedded().checked_on);
        assert_eq!(info.open_file, None);
    }
}
