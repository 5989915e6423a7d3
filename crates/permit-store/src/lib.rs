//! The embedded SQLite store of a Permit Packet workspace of cases.
//!
//! A workspace is one SQLite file holding many cases. Each case keeps the
//! applicant's situation and the case digest as opaque JSON text (the
//! caller validated them against `permit-core`; this crate only checks that
//! they are well-formed JSON), a status (`"active"` or `"archived"`), the
//! nearest deadline and timestamps. No UI and no Tauri here.
//!
//! Guarantees:
//!
//! * every operation runs in one transaction: it happens completely or not at all;
//! * a file from a newer schema version, a file that is not a SQLite database
//!   and a corrupt database are reported ([`StoreError::NewerVersion`],
//!   [`StoreError::Corrupt`]) and left byte for byte untouched;
//! * nothing saved is silently overwritten: [`Store::update_case`] takes the
//!   `updated_at` the caller last saw and refuses with [`StoreError::Conflict`]
//!   when the case changed since;
//! * deleting is a soft delete that can be undone until purged.
//!
//! # Example
//!
//! ```
//! use permit_store::{ListFilter, Sort, Store};
//!
//! let dir = std::env::temp_dir().join(format!("permit-store-doc-{}", std::process::id()));
//! let path = dir.join("workspace.sqlite3");
//! # let _ = std::fs::remove_dir_all(&dir);
//! let mut store = Store::open(&path)?;
//! let case = store.create_case("Ana, work permit", r#"{"scheme":"pay_limit"}"#)?;
//! let deadline = chrono::NaiveDate::from_ymd_opt(2027, 3, 1);
//! let saved = store.update_case(
//!     case.id,
//!     &case.situation_json,
//!     r#"{"passport":true}"#,
//!     deadline,
//!     Some(&case.updated_at),
//! )?;
//! assert_eq!(saved.next_deadline, deadline);
//!
//! let cases = store.list_cases(&ListFilter::default(), Sort::NearestDeadline)?;
//! assert_eq!(cases.len(), 1);
//! assert_eq!(cases[0].name, "Ana, work permit");
//! # drop(store);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), permit_store::StoreError>(())
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::{Serialize, Serializer};

/// The schema migrations, in order: migration `i` brings the database from
/// `PRAGMA user_version` `i` to `i + 1`. Never edit a released migration;
/// append a new one.
const MIGRATIONS: &[&str] = &[
    // Version 1: the cases (small rows, scanned by `list_cases`) and their
    // documents (the big JSON blobs, read one case at a time).
    r#"
    CREATE TABLE cases (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
        status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        next_deadline TEXT CHECK (next_deadline IS NULL OR date(next_deadline) IS next_deadline),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
    );
    CREATE INDEX cases_next_deadline ON cases (next_deadline);
    CREATE INDEX cases_deleted_at ON cases (deleted_at);
    CREATE TABLE case_documents (
        case_id        INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        situation_json TEXT NOT NULL CHECK (json_valid(situation_json)),
        checklist_json TEXT NOT NULL CHECK (json_valid(checklist_json))
    );
    "#,
    // Version 2: free-text notes on a case, and an organisation's checklist
    // templates (own items saved once, applied to new cases).
    r#"
    ALTER TABLE case_documents ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    CREATE TABLE templates (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        items_json TEXT NOT NULL CHECK (json_valid(items_json)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    "#,
    // Version 3: rules updates. The rules bundle version each case's digest
    // and plan snapshot were made with (NULL: not known, e.g. after an edit
    // by an older build or a command that does not plan), whether a rules
    // update changed the plan since the user last saw it, the snapshot of
    // the plan the user last saw (`seen_json`) and of the current plan
    // (`plan_json`). The snapshots are the caller's JSON.
    r#"
    ALTER TABLE cases ADD COLUMN rules_version TEXT;
    ALTER TABLE cases ADD COLUMN rules_changed INTEGER NOT NULL DEFAULT 0 CHECK (rules_changed IN (0, 1));
    ALTER TABLE case_documents ADD COLUMN seen_json TEXT CHECK (seen_json IS NULL OR json_valid(seen_json));
    ALTER TABLE case_documents ADD COLUMN plan_json TEXT CHECK (plan_json IS NULL OR json_valid(plan_json));
    "#,
    // Version 4: the column that has always held the case digest (forms,
    // progress, next deadline; see `permit_core::digest`) is named for it
    // (SQLite renames it in the CHECK constraint too). The digest gained the
    // reference and the employer (searched in the list): every case's rules
    // version is forgotten, so the front end re-plans it, digest and all,
    // when it next opens the workspace (a re-plan with the same rules changes
    // nothing else).
    r#"
    ALTER TABLE case_documents RENAME COLUMN checklist_json TO digest_json;
    UPDATE cases SET rules_version = NULL;
    "#,
    // Version 5: the digest gained the case's readiness (the morning
    // dashboard's groups: documents and translations missing, the earliest
    // submission date); as in version 4, every case is re-planned, digest
    // and all, when the front end next opens the workspace.
    r#"
    UPDATE cases SET rules_version = NULL;
    "#,
    // Version 6: the digest names missing documents by id (so a list shows
    // them in its own language): every case is re-planned, as in version 4.
    // And the workspace's own small settings, by key (the day deadline
    // reminders were last sent, so a deadline already passed is not
    // announced again after a restart).
    r#"
    UPDATE cases SET rules_version = NULL;
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY CHECK (length(key) > 0),
        value TEXT NOT NULL
    );
    "#,
];

/// The readiness group of a case on the date `?today` (an SQL expression over
/// the digest `d.digest_json`, see `permit_core::digest::ReadinessFacts::on`):
/// the stored `readiness.group`, except that a case stored as
/// `may_submit_now` whose `readiness.from` is after today is `not_yet`.
/// NULL for a digest without readiness. `{today}` is the parameter's name.
fn readiness_sql(today: &str) -> String {
    format!(
        "(CASE WHEN json_valid(d.digest_json) THEN \
           CASE WHEN json_extract(d.digest_json, '$.readiness.group') = 'may_submit_now' \
             AND json_extract(d.digest_json, '$.readiness.from') > {today} THEN 'not_yet' \
           ELSE json_extract(d.digest_json, '$.readiness.group') END END)"
    )
}

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a statement waits for another connection's lock before the
/// operation fails with [`StoreError::Locked`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// The status of a case that is being worked on.
pub const STATUS_ACTIVE: &str = "active";
/// The status of a case put aside (still listed with a status filter).
pub const STATUS_ARCHIVED: &str = "archived";

/// The digest stored for a new case made without a plan (reads as empty).
const EMPTY_DIGEST: &str = "{}";

/// Everything that can go wrong with the store. Every variant names the
/// workspace file.
///
/// Serialized (for the UI) as `{"kind": ..., "message": ...}` where `kind`
/// is [`StoreError::kind`] and `message` the display text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file was written by a newer Permit Packet; it is left untouched.
    #[error("{} was written by a newer version of Permit Packet (schema {found}; this version knows up to {supported}); it was left untouched", path.display())]
    NewerVersion {
        /// The workspace file.
        path: PathBuf,
        /// The file's `PRAGMA user_version`.
        found: i64,
        /// [`SCHEMA_VERSION`].
        supported: i64,
    },
    /// The file is not a SQLite database or is damaged; it is left untouched.
    #[error("{} is not a readable Permit Packet workspace (not a SQLite database, or damaged): {message}; it was left untouched", path.display())]
    Corrupt {
        /// The workspace file.
        path: PathBuf,
        /// What SQLite reported.
        message: String,
    },
    /// Another program (or another Permit Packet window) holds the file.
    #[error("{} is in use by another program; try again in a moment", path.display())]
    Locked {
        /// The workspace file.
        path: PathBuf,
    },
    /// The file or its folder could not be created, read or written.
    #[error("{}: {message}", path.display())]
    Io {
        /// The workspace file.
        path: PathBuf,
        /// What the system or SQLite reported.
        message: String,
    },
    /// No case with this id (or it is deleted, for operations on live cases).
    #[error("{}: no case with id {id}", path.display())]
    NotFound {
        /// The workspace file.
        path: PathBuf,
        /// The case id asked for.
        id: i64,
    },
    /// The input was refused (empty name, malformed JSON, unknown status, ...).
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The workspace file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A case's stored text is damaged (not UTF-8): the case cannot be read;
    /// the others can.
    #[error("{}: case {id} is damaged (its {column} is not UTF-8 text); it was skipped and left as it is", path.display())]
    Damaged {
        /// The workspace file.
        path: PathBuf,
        /// The case id.
        id: i64,
        /// The damaged column.
        column: String,
    },
    /// The case changed since the caller read it; nothing was saved.
    #[error("{}: case {id} was changed elsewhere (at {actual}, you had {expected}); nothing was saved", path.display())]
    Conflict {
        /// The workspace file.
        path: PathBuf,
        /// The case id.
        id: i64,
        /// The `updated_at` the caller had.
        expected: String,
        /// The `updated_at` in the store.
        actual: String,
    },
}

impl StoreError {
    /// A stable machine-readable name of the variant: `"newer_version"`,
    /// `"corrupt"`, `"locked"`, `"io"`, `"not_found"`, `"invalid"`,
    /// `"conflict"` or `"damaged"`.
    pub fn kind(&self) -> &'static str {
        match self {
            StoreError::NewerVersion { .. } => "newer_version",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::Locked { .. } => "locked",
            StoreError::Io { .. } => "io",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Invalid { .. } => "invalid",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Damaged { .. } => "damaged",
        }
    }

    /// The workspace file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            StoreError::NewerVersion { path, .. }
            | StoreError::Corrupt { path, .. }
            | StoreError::Locked { path }
            | StoreError::Io { path, .. }
            | StoreError::NotFound { path, .. }
            | StoreError::Damaged { path, .. }
            | StoreError::Invalid { path, .. }
            | StoreError::Conflict { path, .. } => path,
        }
    }
}

impl Serialize for StoreError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("StoreError", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// The result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One case, with its JSON documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRecord {
    /// The case id, stable for the life of the workspace.
    pub id: i64,
    /// The name shown in the case list (never empty).
    pub name: String,
    /// The situation, as JSON text validated by the caller.
    pub situation_json: String,
    /// The case digest (the front ends' summary of its plan), as JSON text.
    pub digest_json: String,
    /// [`STATUS_ACTIVE`] or [`STATUS_ARCHIVED`].
    pub status: String,
    /// The nearest deadline of the case, if any.
    pub next_deadline: Option<NaiveDate>,
    /// When the case was created (RFC 3339, UTC, milliseconds).
    pub created_at: String,
    /// When the case last changed (RFC 3339, UTC, milliseconds); strictly
    /// increases with every change, so it serves as the version for
    /// [`Store::update_case`].
    pub updated_at: String,
    /// Whether the case is soft-deleted (see [`Store::delete_case`]).
    pub deleted: bool,
    /// Free-text notes on the case (empty when none; schema version 2).
    pub notes: String,
}

/// A case to create with [`Store::import_cases`]: everything a portable
/// case file or an import row carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewCase {
    /// The case name (trimmed; never empty).
    pub name: String,
    /// The situation, as JSON text validated by the caller.
    pub situation_json: String,
    /// The case digest, as JSON text (`{}` for none).
    pub digest_json: String,
    /// Free-text notes.
    pub notes: String,
    /// The nearest deadline, if any.
    pub next_deadline: Option<NaiveDate>,
    /// The rules bundle version the digest and `plan_json` were made with
    /// (schema version 3; `None`: not planned, re-planned on the next open).
    pub rules_version: Option<String>,
    /// The snapshot of the case's first plan (the caller's JSON); a new case
    /// has seen it, so it is also stored as the seen snapshot.
    pub plan_json: Option<String>,
}

/// New data for an existing case, written by [`Store::import_with_updates`]
/// (a re-imported row): situation, digest, next deadline and the rules
/// version and snapshot of its plan. Name and notes stay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseUpdate {
    /// The case.
    pub id: i64,
    /// Its `updated_at` when the update was prepared: a case changed since is
    /// refused ([`StoreError::Conflict`]) and nothing of the import is written.
    pub expected_updated_at: String,
    /// The new situation, as JSON text validated by the caller.
    pub situation_json: String,
    /// The new digest JSON.
    pub digest_json: String,
    /// The new nearest deadline.
    pub next_deadline: Option<NaiveDate>,
    /// The rules bundle version of the new digest and snapshot.
    pub rules_version: Option<String>,
    /// The snapshot of the new plan (also what the user has seen: the
    /// import is their own change).
    pub plan_json: Option<String>,
}

/// An organisation's checklist template: own items saved once and applied
/// to new cases. The items are opaque JSON text (the caller's format).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateRecord {
    /// The template id.
    pub id: i64,
    /// The template name (unique in the workspace).
    pub name: String,
    /// The items, as JSON text.
    pub items_json: String,
    /// When the template was first saved.
    pub created_at: String,
    /// When the template last changed.
    pub updated_at: String,
}

/// Test hook, compiled only with the `test-hooks` feature (never in a shipped
/// build): when this environment variable names a file, [`Store::import_cases`]
/// creates that file once half of the items are inserted (inside the open
/// transaction) and then waits, so a test can kill the process mid-import.
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub const TEST_PAUSE_IMPORT_ENV: &str = "PERMIT_STORE_TEST_PAUSE_IMPORT";

/// One line of the case list: a case without its JSON documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    /// The case id.
    pub id: i64,
    /// The case name.
    pub name: String,
    /// [`STATUS_ACTIVE`] or [`STATUS_ARCHIVED`].
    pub status: String,
    /// The nearest deadline of the case, if any.
    pub next_deadline: Option<NaiveDate>,
    /// The digest JSON (the small summary of the case the front ends
    /// keep: forms, progress, next deadline, labels).
    pub digest_json: String,
    /// When the case was created.
    pub created_at: String,
    /// When the case last changed.
    pub updated_at: String,
    /// Whether the case is soft-deleted.
    pub deleted: bool,
    /// Whether a rules update changed the plan since the user last saw it
    /// (schema version 3).
    pub rules_changed: bool,
}

/// The rules state of a case (schema version 3): which rules bundle its
/// plan was made with, and the snapshots of the plan the user last saw and
/// of the current one (the caller's JSON).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanState {
    /// The case id.
    pub id: i64,
    /// The case name.
    pub name: String,
    /// The situation JSON (empty when damaged; see `damaged`).
    pub situation_json: String,
    /// The rules bundle version of the stored digest and plan snapshot.
    pub rules_version: Option<String>,
    /// Whether a rules update changed the plan since the user last saw it.
    pub rules_changed: bool,
    /// The snapshot of the plan the user last saw.
    pub seen_json: Option<String>,
    /// The snapshot of the current plan.
    pub plan_json: Option<String>,
    /// A stored text is not UTF-8: the case cannot be planned.
    pub damaged: bool,
}

/// A re-computed plan to save with [`Store::save_plans`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SavedPlan {
    /// The case id.
    pub id: i64,
    /// The new digest JSON.
    pub digest_json: String,
    /// The new nearest deadline.
    pub next_deadline: Option<NaiveDate>,
    /// The rules bundle version it was made with.
    pub rules_version: String,
    /// The snapshot of the new plan.
    pub plan_json: String,
    /// A new snapshot of the plan the user last saw (`None`: keep it).
    pub seen_json: Option<String>,
    /// Whether the plan changed since the user last saw it.
    pub rules_changed: bool,
}

/// Which cases [`Store::list_cases`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only cases whose name, or whose digest's reference, applicant or
    /// employer (`reference`, `applicant_name`, `employer_name`), contains
    /// this text, ignoring case and accents ([`fold`]: "lucia" finds "Lucía").
    pub search: Option<String>,
    /// Only cases with this status.
    pub status: Option<String>,
    /// Also list soft-deleted cases.
    pub include_deleted: bool,
    /// Only cases whose digest JSON has this string in its `forms`
    /// array (the desktop app's summary lists the plan's forms there).
    pub form: Option<String>,
    /// Only cases whose nearest deadline is on or before this date.
    pub due_by: Option<NaiveDate>,
    /// Only cases in this readiness group (`may_submit_now`, `not_yet`, …,
    /// as the digest's `readiness` says) on the given day.
    pub readiness: Option<(String, NaiveDate)>,
}

/// One page of [`Store::list_page`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePage {
    /// The cases of the page, in order.
    pub rows: Vec<CaseSummary>,
    /// How many cases match the filter in all.
    pub total: usize,
}

/// The order of [`Store::list_cases`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Nearest deadline first; cases without a deadline last; then by name.
    #[default]
    NearestDeadline,
    /// By name, ignoring ASCII case.
    Name,
    /// Most recently changed first.
    Updated,
}

/// Proof of a soft delete, for an "Undo" button: pass `id` to
/// [`Store::undo_delete`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeleteToken {
    /// The deleted case.
    pub id: i64,
    /// When it was deleted (RFC 3339, UTC, milliseconds).
    pub deleted_at: String,
}

/// Text as search compares it: lower case by Unicode rules, and without
/// accents (decomposed, combining marks dropped), so "Lucía" and "LUCIA"
/// both read "lucia". Letters that are not a letter plus an accent stay
/// themselves ("ø", "æ").
pub fn fold(text: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// SQL functions the queries use: `pp_contains(text, needle)` is true when
/// `text` (NULL: false; text that is not UTF-8 read with replacement marks),
/// [`fold`]ed, contains `needle` (already folded by the caller). SQLite's
/// own `lower`/`LIKE` fold ASCII only, which would miss "Ærø" for "ærø".
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    use rusqlite::types::ValueRef;
    conn.create_scalar_function(
        "pp_contains",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = match ctx.get_raw(0) {
                ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b),
                _ => return Ok(false),
            };
            let needle: String = ctx.get(1)?;
            Ok(fold(&text).contains(needle.as_str()))
        },
    )
}

/// The default workspace file.
///
/// On Linux (and other Unix systems) this follows the XDG base directory
/// specification: `$XDG_DATA_HOME/permit-packet/workspace.sqlite3`, or
/// `~/.local/share/permit-packet/workspace.sqlite3` when `XDG_DATA_HOME` is
/// unset, empty or relative. On macOS it is under
/// `~/Library/Application Support`, on Windows under `%APPDATA%`. If no home
/// folder is known, the current folder is used.
pub fn default_path() -> PathBuf {
    let env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = if cfg!(windows) {
        env("APPDATA").unwrap_or_else(|| PathBuf::from("."))
    } else if cfg!(target_os = "macos") {
        env("HOME")
            .map(|h| h.join("Library").join("Application Support"))
            .unwrap_or_else(|| PathBuf::from("."))
    } else {
        env("XDG_DATA_HOME")
            .or_else(|| env("HOME").map(|h| h.join(".local").join("share")))
            .unwrap_or_else(|| PathBuf::from("."))
    };
    base.join("permit-packet").join("workspace.sqlite3")
}

/// An open workspace. Several `Store`s (even in several processes) may use
/// the same file; each operation is one transaction.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

fn is_code(e: &rusqlite::Error, codes: &[ErrorCode]) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if codes.contains(&f.code))
}

impl Store {
    /// Opens the workspace at `path`, creating the file (and its folder) if
    /// missing, and brings its schema up to [`SCHEMA_VERSION`] in one
    /// transaction.
    ///
    /// Errors: [`StoreError::NewerVersion`] and [`StoreError::Corrupt`]
    /// leave the file untouched; [`StoreError::Locked`] when another
    /// connection keeps the file locked longer than [`BUSY_TIMEOUT`];
    /// [`StoreError::Io`] when the file or folder cannot be created.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let io = |message: String| StoreError::Io {
            path: path.clone(),
            message,
        };
        if path.is_dir() {
            return Err(io("is a folder, not a workspace file".into()));
        }
        // The product's own data folder is private (0700); a folder the user
        // chose keeps its mode, and only folders created here are private.
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let made = if path == default_path() {
                permit_files::private_dir(parent)
            } else {
                permit_files::create_dirs(parent)
            };
            made.map_err(|e| io(format!("cannot create the folder: {e}")))?;
        }
        // Inspect an existing file through a read-only connection first:
        // nothing writes to it (not even a checkpoint when a connection
        // closes) before we know it is a healthy database of a version we
        // understand.
        let exists = std::fs::metadata(&path)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        if exists {
            inspect(&path)?;
        }
        // The workspace and its -wal/-shm (which SQLite creates with the main
        // file's mode) are readable by the owner only: created 0600, an
        // existing one (known by now to be a workspace) tightened.
        for file in permit_files::workspace_files(&path) {
            if file == path || file.exists() {
                permit_files::private_file(&file)
                    .map_err(|e| io(format!("cannot make the file private: {e}")))?;
            }
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(&path, e))?;
        let store = Store { conn, path };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.err(e))?;

        // WAL: readers never block the writer and a crash cannot leave a
        // half-written transaction. synchronous=NORMAL is safe with WAL (the
        // database is never corrupted; at worst the last transactions before
        // a power cut are lost, never half-applied) and avoids an fsync per
        // save, which matters on slow laptop disks while the user types.
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| open_error(&store.path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Io {
                path: store.path,
                message: format!("cannot use write-ahead logging (journal mode {mode})"),
            });
        }
        store
            .conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(|e| open_error(&store.path, e))?;
        register_functions(&store.conn).map_err(|e| store.err(e))?;
        let mut store = store;
        store.migrate()?;
        Ok(store)
    }

    /// Applies the missing migrations in one immediate transaction (which
    /// also proves the file can be written now).
    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| open_error(&path, e))?;
        // Read again inside the write lock: another instance may have
        // migrated between our check and now.
        let found: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| open_error(&path, e))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerVersion {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for sql in &MIGRATIONS[found as usize..] {
            tx.execute_batch(sql).map_err(|e| open_error(&path, e))?;
        }
        if found < SCHEMA_VERSION {
            tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))
                .map_err(|e| open_error(&path, e))?;
        }
        tx.commit().map_err(|e| open_error(&path, e))
    }

    /// The workspace file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        map_error(&self.path, e)
    }

    fn invalid(&self, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            path: self.path.clone(),
            message: message.into(),
        }
    }

    fn check_name(&self, name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(self.invalid("a case name cannot be empty"));
        }
        Ok(name.to_string())
    }

    fn check_json(&self, what: &str, json: &str) -> Result<()> {
        serde_json::from_str::<serde::de::IgnoredAny>(json)
            .map(|_| ())
            .map_err(|e| self.invalid(format!("the {what} is not valid JSON: {e}")))
    }

    fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| map_error(&path, e))
    }

    /// Creates an active case with an empty digest (`{}`) and no deadline.
    ///
    /// Errors: [`StoreError::Invalid`] for an empty name or malformed JSON.
    pub fn create_case(&mut self, name: &str, situation_json: &str) -> Result<CaseRecord> {
        self.create(&NewCase {
            name: name.to_owned(),
            situation_json: situation_json.to_owned(),
            digest_json: EMPTY_DIGEST.to_owned(),
            ..NewCase::default()
        })
    }

    /// Creates one active case with everything it carries (digest, notes,
    /// next deadline, the rules version and snapshot of its first plan) in
    /// ONE transaction: a failure in any part leaves no case behind.
    ///
    /// Errors: [`StoreError::Invalid`] for an empty name or malformed JSON.
    pub fn create(&mut self, case: &NewCase) -> Result<CaseRecord> {
        let name = self.check_name(&case.name)?;
        self.check_json("situation", &case.situation_json)?;
        self.check_json("digest", &case.digest_json)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let id = insert_case(&tx, &name, case).map_err(|e| map_error(&path, e))?;
        let record = read_case(&tx, &path, id)?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(record)
    }

    /// The case `id`, including a soft-deleted one (see [`CaseRecord::deleted`]).
    pub fn get_case(&self, id: i64) -> Result<CaseRecord> {
        read_case(&self.conn, &self.path, id)
    }

    /// Saves the situation, digest and next deadline of a live case.
    ///
    /// With `expected_updated_at`, the save happens only if the case's
    /// `updated_at` still equals it; otherwise [`StoreError::Conflict`] and
    /// nothing is written. Returns the saved case, with its new `updated_at`.
    pub fn update_case(
        &mut self,
        id: i64,
        situation_json: &str,
        digest_json: &str,
        next_deadline: Option<NaiveDate>,
        expected_updated_at: Option<&str>,
    ) -> Result<CaseRecord> {
        self.check_json("situation", situation_json)?;
        self.check_json("digest", digest_json)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let current = live_updated_at(&tx, &path, id)?;
        if let Some(expected) = expected_updated_at {
            if expected != current {
                return Err(StoreError::Conflict {
                    path,
                    id,
                    expected: expected.to_string(),
                    actual: current,
                });
            }
        }
        let stamp = next_stamp(&current);
        (|| {
            tx.execute(
                "UPDATE cases SET next_deadline = ?2, updated_at = ?3, rules_version = NULL \
                 WHERE id = ?1",
                params![id, next_deadline.map(format_date), stamp],
            )?;
            tx.execute(
                "UPDATE case_documents SET situation_json = ?2, digest_json = ?3 \
                 WHERE case_id = ?1",
                params![id, situation_json, digest_json],
            )
        })()
        .map_err(|e| map_error(&path, e))?;
        let record = read_case(&tx, &path, id)?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(record)
    }

    /// The rules state of every live (not deleted) case, by id; with
    /// `stale_for`, only of those whose plan was not made with that rules
    /// version. A case whose text is not UTF-8 is listed with `damaged` set.
    pub fn plan_states(&self, stale_for: Option<&str>) -> Result<Vec<PlanState>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.name, d.situation_json, c.rules_version, c.rules_changed, \
                        d.seen_json, d.plan_json \
                 FROM cases c JOIN case_documents d ON d.case_id = c.id \
                 WHERE c.deleted_at IS NULL AND (?1 IS NULL OR c.rules_version IS NOT ?1) \
                 ORDER BY c.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![stale_for], |r| {
                let text = |i: usize| -> rusqlite::Result<Option<String>> {
                    match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => Ok(None),
                        rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => {
                            Ok(std::str::from_utf8(b).ok().map(str::to_owned))
                        }
                        _ => Ok(None),
                    }
                };
                let situation = text(2)?;
                Ok(PlanState {
                    id: r.get(0)?,
                    name: lossy_text(r, 1)?,
                    damaged: situation.is_none(),
                    situation_json: situation.unwrap_or_default(),
                    rules_version: text(3)?,
                    rules_changed: r.get(4)?,
                    seen_json: text(5)?,
                    plan_json: text(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// The rules state of one case (see [`Store::plan_states`]).
    pub fn plan_state(&self, id: i64) -> Result<PlanState> {
        self.conn
            .query_row(
                "SELECT c.rules_version, c.rules_changed, d.seen_json, d.plan_json \
                 FROM cases c JOIN case_documents d ON d.case_id = c.id WHERE c.id = ?1",
                params![id],
                |r| {
                    Ok(PlanState {
                        id,
                        rules_version: r.get(0)?,
                        rules_changed: r.get(1)?,
                        seen_json: r.get(2)?,
                        plan_json: r.get(3)?,
                        ..PlanState::default()
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::NotFound {
                path: self.path.clone(),
                id,
            })
    }

    /// Saves re-computed plans (digest, next deadline, rules version and
    /// snapshots) of many cases in ONE transaction. The situations and
    /// `updated_at` are not touched: a rules update is not an edit, and an
    /// editor open on a case can still save. Deleted or missing cases are
    /// skipped.
    pub fn save_plans(&mut self, plans: &[SavedPlan]) -> Result<usize> {
        for p in plans {
            self.check_json("digest", &p.digest_json)?;
            self.check_json("plan snapshot", &p.plan_json)?;
            if let Some(seen) = &p.seen_json {
                self.check_json("seen snapshot", seen)?;
            }
        }
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let mut saved = 0;
        {
            let mut case = tx
                .prepare_cached(
                    "UPDATE cases SET next_deadline = ?2, rules_version = ?3, rules_changed = ?4 \
                     WHERE id = ?1 AND deleted_at IS NULL",
                )
                .map_err(|e| map_error(&path, e))?;
            let mut doc = tx
                .prepare_cached(
                    "UPDATE case_documents SET digest_json = ?2, plan_json = ?3, \
                     seen_json = coalesce(?4, seen_json) WHERE case_id = ?1",
                )
                .map_err(|e| map_error(&path, e))?;
            for p in plans {
                let n = case
                    .execute(params![
                        p.id,
                        p.next_deadline.map(format_date),
                        p.rules_version,
                        p.rules_changed
                    ])
                    .map_err(|e| map_error(&path, e))?;
                if n == 1 {
                    doc.execute(params![p.id, p.digest_json, p.plan_json, p.seen_json])
                        .map_err(|e| map_error(&path, e))?;
                    saved += 1;
                }
            }
        }
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(saved)
    }

    /// The user saw the current plan of a case: `seen_json` becomes
    /// `seen` and the case is no longer marked changed. Not an edit.
    pub fn acknowledge(&mut self, id: i64, seen: &str) -> Result<()> {
        self.check_json("seen snapshot", seen)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        live_updated_at(&tx, &path, id)?;
        (|| {
            tx.execute(
                "UPDATE cases SET rules_changed = 0 WHERE id = ?1",
                params![id],
            )?;
            tx.execute(
                "UPDATE case_documents SET seen_json = ?2 WHERE case_id = ?1",
                params![id, seen],
            )
        })()
        .map_err(|e| map_error(&path, e))?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(())
    }

    /// Renames a live case.
    pub fn rename_case(&mut self, id: i64, name: &str) -> Result<CaseRecord> {
        let name = self.check_name(name)?;
        self.touch(id, "name = ?3", rusqlite::types::Value::Text(name))
    }

    /// Archives (`true`) or re-activates (`false`) a live case.
    pub fn set_archived(&mut self, id: i64, archived: bool) -> Result<CaseRecord> {
        let status = if archived {
            STATUS_ARCHIVED
        } else {
            STATUS_ACTIVE
        };
        self.touch(
            id,
            "status = ?3",
            rusqlite::types::Value::Text(status.into()),
        )
    }

    /// Sets one column of a live case and bumps `updated_at`.
    fn touch(
        &mut self,
        id: i64,
        assignment: &str,
        value: rusqlite::types::Value,
    ) -> Result<CaseRecord> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let current = live_updated_at(&tx, &path, id)?;
        tx.execute(
            &format!("UPDATE cases SET updated_at = ?2, {assignment} WHERE id = ?1"),
            params![id, next_stamp(&current), value],
        )
        .map_err(|e| map_error(&path, e))?;
        let record = read_case(&tx, &path, id)?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(record)
    }

    /// Copies a live case (situation, digest, notes, deadline) under a new name,
    /// as a new active case.
    pub fn duplicate_case(&mut self, id: i64, new_name: &str) -> Result<CaseRecord> {
        let name = self.check_name(new_name)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let source = read_case(&tx, &path, id)?;
        if source.deleted {
            return Err(StoreError::NotFound { path, id });
        }
        let new_id = insert_case(
            &tx,
            &name,
            &NewCase {
                situation_json: source.situation_json.clone(),
                digest_json: source.digest_json.clone(),
                next_deadline: source.next_deadline,
                notes: source.notes.clone(),
                ..NewCase::default()
            },
        )
        .map_err(|e| map_error(&path, e))?;
        let record = read_case(&tx, &path, new_id)?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(record)
    }

    /// Soft-deletes a live case: it disappears from [`Store::list_cases`]
    /// (unless `include_deleted`) until [`Store::undo_delete`], and is
    /// removed for good by [`Store::purge_deleted_older_than`].
    pub fn delete_case(&mut self, id: i64) -> Result<DeleteToken> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        live_updated_at(&tx, &path, id)?;
        let deleted_at = now_stamp();
        tx.execute(
            "UPDATE cases SET deleted_at = ?2 WHERE id = ?1",
            params![id, deleted_at],
        )
        .map_err(|e| map_error(&path, e))?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(DeleteToken { id, deleted_at })
    }

    /// Brings back a soft-deleted case. [`StoreError::NotFound`] if it does
    /// not exist (or was purged); [`StoreError::Invalid`] if it is not deleted.
    pub fn undo_delete(&mut self, id: i64) -> Result<CaseRecord> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let record = read_case(&tx, &path, id)?;
        if !record.deleted {
            return Err(StoreError::Invalid {
                path,
                message: format!("case {id} is not deleted"),
            });
        }
        tx.execute(
            "UPDATE cases SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, next_stamp(&record.updated_at)],
        )
        .map_err(|e| map_error(&path, e))?;
        let record = read_case(&tx, &path, id)?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(record)
    }

    /// Removes for good the cases soft-deleted more than `age` ago (all
    /// soft-deleted cases for a zero `age`). Returns how many were removed.
    pub fn purge_deleted_older_than(&mut self, age: Duration) -> Result<usize> {
        let age = chrono::Duration::from_std(age).unwrap_or(chrono::Duration::MAX);
        let cutoff = Utc::now()
            .checked_sub_signed(age)
            .map(format_stamp)
            // Older than the beginning of time: nothing qualifies.
            .unwrap_or_default();
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let n = tx
            .execute(
                "DELETE FROM cases WHERE deleted_at IS NOT NULL AND deleted_at <= ?1",
                params![cutoff],
            )
            .map_err(|e| map_error(&path, e))?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(n)
    }

    /// The cases matching `filter`, without their JSON documents, in `sort`
    /// order.
    pub fn list_cases(&self, filter: &ListFilter, sort: Sort) -> Result<Vec<CaseSummary>> {
        Ok(self.list_page(filter, sort, 0, None)?.rows)
    }

    /// The cases matching `filter` in `sort` order, skipping `offset` of
    /// them and returning at most `limit` (all when `None`), with how many
    /// match in all. Filtering, sorting and paging happen in SQLite, so a
    /// page of a 10,000-case workspace reads only its own rows.
    pub fn list_page(
        &self,
        filter: &ListFilter,
        sort: Sort,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<CasePage> {
        let order = match sort {
            Sort::NearestDeadline => {
                "next_deadline IS NULL, next_deadline, name COLLATE NOCASE, id"
            }
            Sort::Name => "name COLLATE NOCASE, id",
            Sort::Updated => "updated_at DESC, id DESC",
        };
        // The filter reads only the small `cases` rows; the forms filter, and
        // a search the name does not answer, look into the digest JSON of
        // each candidate (the schema keeps it valid JSON; `json_valid` guards
        // anyway, CASE evaluating lazily).
        let filter_sql = "FROM cases \
             WHERE (?1 OR deleted_at IS NULL) AND (?2 IS NULL OR status = ?2) \
             AND (?3 IS NULL OR pp_contains(name, ?3) OR EXISTS (SELECT 1 FROM case_documents d \
                 WHERE d.case_id = cases.id AND CASE WHEN json_valid(d.digest_json) THEN \
                 pp_contains(json_extract(d.digest_json, '$.reference'), ?3) \
                 OR pp_contains(json_extract(d.digest_json, '$.applicant_name'), ?3) \
                 OR pp_contains(json_extract(d.digest_json, '$.employer_name'), ?3) ELSE 0 END)) \
             AND (?4 IS NULL OR EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = cases.id \
                 AND CASE WHEN json_valid(d.digest_json) THEN EXISTS \
                 (SELECT 1 FROM json_each(d.digest_json, '$.forms') WHERE value = ?4) ELSE 0 END)) \
             AND (?5 IS NULL OR next_deadline <= ?5) \
             AND (?6 IS NULL OR EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = cases.id \
                 AND {readiness} = ?6))";
        let filter_sql = filter_sql.replace("{readiness}", &readiness_sql("?7"));
        let needle = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(fold);
        let form = filter.form.as_deref().filter(|f| !f.is_empty());
        let due_by = filter.due_by.map(format_date);
        let (group, today) = match &filter.readiness {
            Some((g, d)) => (Some(g.as_str()), Some(format_date(*d))),
            None => (None, None),
        };
        let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        // ?1–?7 the filter (both queries), ?8–?9 the page.
        let args: [&dyn rusqlite::ToSql; 9] = [
            &filter.include_deleted,
            &filter.status,
            &needle,
            &form,
            &due_by,
            &group,
            &today,
            &limit,
            &offset,
        ];
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) {filter_sql}"))
            .and_then(|mut stmt| stmt.query_row(&args[..7], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        // Sort and page the small rows first; only the page's rows are then
        // joined with their digest JSON (sorting 10,000 rows with their JSON
        // costs several times more).
        let sql = format!(
            "SELECT id, name, status, next_deadline, created_at, updated_at, deleted_at, digest_json, rules_changed \
             FROM cases JOIN case_documents ON case_documents.case_id = cases.id \
             WHERE cases.id IN (SELECT id {filter_sql} ORDER BY {order} LIMIT ?8 OFFSET ?9) \
             ORDER BY {order}"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(&args[..], |r| {
                Ok(CaseSummary {
                    id: r.get(0)?,
                    // A damaged name (not UTF-8) is shown with replacement
                    // marks instead of failing the whole list.
                    name: lossy_text(r, 1)?,
                    status: lossy_text(r, 2)?,
                    next_deadline: parse_date(r.get::<_, Option<String>>(3)?, 3)?,
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                    deleted: r.get::<_, Option<String>>(6)?.is_some(),
                    digest_json: lossy_text(r, 7)?,
                    rules_changed: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        let rows = rows
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(CasePage {
            rows,
            total: usize::try_from(total).unwrap_or(0),
        })
    }

    /// How many cases (active, not deleted) are in each readiness group on
    /// `today`, by group id; groups without cases are absent, and cases
    /// whose digest has no readiness yet are not counted.
    pub fn readiness_counts(&self, today: NaiveDate) -> Result<Vec<(String, usize)>> {
        let sql = format!(
            "SELECT {r} AS g, COUNT(*) FROM cases JOIN case_documents d ON d.case_id = cases.id \
             WHERE cases.deleted_at IS NULL AND cases.status = 'active' AND {r} IS NOT NULL \
             GROUP BY g ORDER BY g",
            r = readiness_sql("?1")
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([format_date(today)], |r| {
                Ok((
                    lossy_text(r, 0)?,
                    usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// Creates one active case per `(name, situation_json, next_deadline)`
    /// in ONE transaction: if any item is refused, none is stored. Returns
    /// the new ids in input order.
    ///
    /// Errors: [`StoreError::Invalid`] naming the (0-based) item.
    pub fn import_many<N, J>(&mut self, items: &[(N, J, Option<NaiveDate>)]) -> Result<Vec<i64>>
    where
        N: AsRef<str>,
        J: AsRef<str>,
    {
        let items: Vec<NewCase> = items
            .iter()
            .map(|(name, json, deadline)| NewCase {
                name: name.as_ref().to_owned(),
                situation_json: json.as_ref().to_owned(),
                digest_json: EMPTY_DIGEST.to_owned(),
                next_deadline: *deadline,
                ..NewCase::default()
            })
            .collect();
        self.import_cases(&items)
    }

    /// Creates one active case per item (with its digest, notes and plan
    /// state) in ONE transaction: if any item is refused, none is stored.
    /// Returns the new ids in input order.
    ///
    /// Errors: [`StoreError::Invalid`] naming the (0-based) item.
    pub fn import_cases(&mut self, items: &[NewCase]) -> Result<Vec<i64>> {
        self.import_with_updates(items, &[])
    }

    /// Creates the cases `items` and writes the `updates` to existing live
    /// cases, all in ONE transaction: if any part is refused, nothing is
    /// written. Returns the new ids in input order.
    ///
    /// Errors: [`StoreError::Invalid`] naming the (0-based) item;
    /// [`StoreError::NotFound`] or [`StoreError::Conflict`] for an update.
    pub fn import_with_updates(
        &mut self,
        items: &[NewCase],
        updates: &[CaseUpdate],
    ) -> Result<Vec<i64>> {
        let path = self.path.clone();
        #[cfg(feature = "test-hooks")]
        let pause = std::env::var_os(TEST_PAUSE_IMPORT_ENV).map(PathBuf::from);
        let tx = self.write_tx()?;
        let mut ids = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            #[cfg(feature = "test-hooks")]
            if i == items.len() / 2 {
                if let Some(marker) = &pause {
                    let _ = std::fs::write(marker, b"paused inside the import transaction");
                    std::thread::sleep(Duration::from_secs(60));
                }
            }
            let item_err = |message: String| StoreError::Invalid {
                path: path.clone(),
                message: format!("item {i}: {message}"),
            };
            // The name is trimmed; an empty one is refused by the CHECK
            // constraint of the table.
            let id = insert_case(&tx, item.name.trim(), item).map_err(|e| {
                match map_error(&path, e) {
                    StoreError::Invalid { message, .. } => item_err(message),
                    other => other,
                }
            })?;
            ids.push(id);
        }
        for u in updates {
            let current = live_updated_at(&tx, &path, u.id)?;
            if current != u.expected_updated_at {
                return Err(StoreError::Conflict {
                    path,
                    id: u.id,
                    expected: u.expected_updated_at.clone(),
                    actual: current,
                });
            }
            (|| {
                tx.prepare_cached(
                    "UPDATE cases SET next_deadline = ?2, updated_at = ?3, rules_version = ?4, \
                     rules_changed = 0 WHERE id = ?1",
                )?
                .execute(params![
                    u.id,
                    u.next_deadline.map(format_date),
                    next_stamp(&current),
                    u.rules_version
                ])?;
                tx.prepare_cached(
                    "UPDATE case_documents SET situation_json = ?2, digest_json = ?3, \
                     plan_json = ?4, seen_json = ?4 WHERE case_id = ?1",
                )?
                .execute(params![
                    u.id,
                    u.situation_json,
                    u.digest_json,
                    u.plan_json
                ])
            })()
            .map_err(|e| map_error(&path, e))?;
        }
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(ids)
    }

    /// Replaces the notes of a live case.
    pub fn set_notes(&mut self, id: i64, notes: &str) -> Result<CaseRecord> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let current = live_updated_at(&tx, &path, id)?;
        (|| {
            tx.execute(
                "UPDATE cases SET updated_at = ?2 WHERE id = ?1",
                params![id, next_stamp(&current)],
            )?;
            tx.execute(
                "UPDATE case_documents SET notes = ?2 WHERE case_id = ?1",
                params![id, notes],
            )
        })()
        .map_err(|e| map_error(&path, e))?;
        let record = read_case(&tx, &path, id)?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(record)
    }

    /// Saves a checklist template under `name` (trimmed), replacing the
    /// items of a template of that name.
    ///
    /// Errors: [`StoreError::Invalid`] for an empty name or malformed JSON.
    pub fn save_template(&mut self, name: &str, items_json: &str) -> Result<TemplateRecord> {
        let name = name.trim();
        if name.is_empty() {
            return Err(self.invalid("a template name cannot be empty"));
        }
        self.check_json("template", items_json)?;
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let now = now_stamp();
        tx.execute(
            "INSERT INTO templates (name, items_json, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?3) \
             ON CONFLICT (name) DO UPDATE SET items_json = excluded.items_json, \
             updated_at = excluded.updated_at",
            params![name, items_json, now],
        )
        .map_err(|e| map_error(&path, e))?;
        let record = read_template(&tx, &path, name)?.ok_or_else(|| StoreError::Io {
            path: path.clone(),
            message: format!("template `{name}` vanished while saving"),
        })?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(record)
    }

    /// The template called `name`, if any.
    pub fn get_template(&self, name: &str) -> Result<Option<TemplateRecord>> {
        read_template(&self.conn, &self.path, name.trim())
    }

    /// Every template, by name.
    pub fn list_templates(&self) -> Result<Vec<TemplateRecord>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, items_json, created_at, updated_at FROM templates \
                 ORDER BY name COLLATE NOCASE, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], template_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// The workspace setting `key`, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Sets the workspace setting `key` to `value`.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )
        .map_err(|e| map_error(&path, e))?;
        tx.commit().map_err(|e| map_error(&path, e))
    }

    /// Deletes the template called `name`; returns whether there was one.
    pub fn delete_template(&mut self, name: &str) -> Result<bool> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let n = tx
            .execute(
                "DELETE FROM templates WHERE name = ?1",
                params![name.trim()],
            )
            .map_err(|e| map_error(&path, e))?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(n > 0)
    }
}

fn template_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TemplateRecord> {
    Ok(TemplateRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        items_json: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

fn read_template(conn: &Connection, path: &Path, name: &str) -> Result<Option<TemplateRecord>> {
    conn.query_row(
        "SELECT id, name, items_json, created_at, updated_at FROM templates WHERE name = ?1",
        params![name],
        template_row,
    )
    .optional()
    .map_err(|e| map_error(path, e))
}

/// Checks an existing file without writing to it: its schema version
/// (not newer than this build) and `PRAGMA quick_check`.
fn inspect(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| open_error(path, e))?;
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| open_error(path, e))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found < 0 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            message: format!("negative schema version {found}"),
        });
    }
    // Any answer but a single `ok` means a damaged file.
    let mut stmt = conn
        .prepare("PRAGMA quick_check")
        .map_err(|e| open_error(path, e))?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| open_error(path, e))?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            message: lines.join("; "),
        })
    }
}

/// Maps an error met while opening: damaged file and foreign file → Corrupt.
fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    if is_code(&e, &[ErrorCode::NotADatabase, ErrorCode::DatabaseCorrupt]) {
        StoreError::Corrupt {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    } else {
        map_error(path, e)
    }
}

fn map_error(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    if is_code(&e, &[ErrorCode::DatabaseBusy, ErrorCode::DatabaseLocked]) {
        StoreError::Locked { path }
    } else if is_code(&e, &[ErrorCode::NotADatabase, ErrorCode::DatabaseCorrupt]) {
        StoreError::Corrupt {
            path,
            message: e.to_string(),
        }
    } else if is_code(&e, &[ErrorCode::ConstraintViolation]) {
        StoreError::Invalid {
            path,
            message: format!("refused by the workspace: {e}"),
        }
    } else {
        StoreError::Io {
            path,
            message: e.to_string(),
        }
    }
}

fn format_stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn now_stamp() -> String {
    format_stamp(Utc::now())
}

/// Now, or 1 ms after `previous` if the clock has not moved past it (or
/// went back), so `updated_at` strictly increases.
fn next_stamp(previous: &str) -> String {
    let now = Utc::now();
    match DateTime::parse_from_rfc3339(previous) {
        Ok(prev) => {
            let floor = prev.with_timezone(&Utc) + chrono::Duration::milliseconds(1);
            format_stamp(now.max(floor))
        }
        Err(_) => format_stamp(now),
    }
}

fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_date(s: Option<String>, col: usize) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

/// Inserts a live case: its row in `cases`, then its documents (the second
/// part). The caller's transaction makes the two one.
fn insert_case(conn: &Connection, name: &str, case: &NewCase) -> rusqlite::Result<i64> {
    let now = now_stamp();
    conn.execute(
        "INSERT INTO cases (name, status, next_deadline, created_at, updated_at, rules_version) \
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![
            name,
            STATUS_ACTIVE,
            case.next_deadline.map(format_date),
            now,
            case.rules_version
        ],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO case_documents (case_id, situation_json, digest_json, notes, plan_json, seen_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, case.situation_json, case.digest_json, case.notes, case.plan_json],
    )?;
    Ok(id)
}

fn read_case(conn: &Connection, path: &Path, id: i64) -> Result<CaseRecord> {
    conn.query_row(
        "SELECT c.id, c.name, d.situation_json, d.digest_json, c.status, c.next_deadline, \
                c.created_at, c.updated_at, c.deleted_at, d.notes \
         FROM cases c JOIN case_documents d ON d.case_id = c.id WHERE c.id = ?1",
        params![id],
        |r| {
            Ok(CaseRecord {
                id: r.get(0)?,
                name: r.get(1)?,
                situation_json: r.get(2)?,
                digest_json: r.get(3)?,
                status: r.get(4)?,
                next_deadline: parse_date(r.get(5)?, 5)?,
                created_at: r.get(6)?,
                updated_at: r.get(7)?,
                deleted: r.get::<_, Option<String>>(8)?.is_some(),
                notes: r.get(9)?,
            })
        },
    )
    .optional()
    .map_err(|e| match e {
        rusqlite::Error::Utf8Error(i, _) => StoreError::Damaged {
            path: path.to_path_buf(),
            id,
            column: CASE_COLUMNS.get(i).copied().unwrap_or("text").to_owned(),
        },
        e => map_error(path, e),
    })?
    .ok_or_else(|| StoreError::NotFound {
        path: path.to_path_buf(),
        id,
    })
}

/// The columns [`read_case`] reads, by position, for messages.
const CASE_COLUMNS: [&str; 10] = [
    "id",
    "name",
    "situation",
    "digest",
    "status",
    "next deadline",
    "created_at",
    "updated_at",
    "deleted_at",
    "notes",
];

/// A text column read with invalid UTF-8 replaced (U+FFFD), for lists.
fn lossy_text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => {
            Ok(String::from_utf8_lossy(b).into_owned())
        }
        _ => r.get(i),
    }
}

/// The `updated_at` of a live (not deleted) case, or NotFound.
fn live_updated_at(conn: &Connection, path: &Path, id: i64) -> Result<String> {
    conn.query_row(
        "SELECT updated_at FROM cases WHERE id = ?1 AND deleted_at IS NULL",
        params![id],
        |r| r.get(0),
    )
    .optional()
    .map_err(|e| map_error(path, e))?
    .ok_or_else(|| StoreError::NotFound {
        path: path.to_path_buf(),
        id,
    })
}
