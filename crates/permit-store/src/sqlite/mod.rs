//! The embedded backend: one SQLite file (rusqlite, bundled), in WAL mode.
//! Each unit of work is one `BEGIN IMMEDIATE` transaction, so a unit of
//! work's reads (an import's duplicate check, an edit's version) hold until
//! its commit.

mod audit;
mod cases;
mod encrypt;
mod list;
mod migrations;
mod settings;
mod templates;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::backend::{check_json, now_stamp};
use crate::{Key, Result, StoreError};
use migrations::MIGRATIONS;

#[cfg(feature = "test-hooks")]
pub use encrypt::TEST_PAUSE_ENCRYPT_ENV;
pub use encrypt::{recovery_key_of, reencrypt};

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a statement waits for another connection's lock before the
/// operation fails with [`StoreError::Locked`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// Test hook, compiled only with the `test-hooks` feature (never in a shipped
/// build): when this environment variable names a file, an insert of many
/// cases creates that file once half of them are inserted (inside the open
/// transaction) and then waits, so a test can kill the process mid-import.
#[cfg(feature = "test-hooks")]
pub const TEST_PAUSE_IMPORT_ENV: &str = "PERMIT_STORE_TEST_PAUSE_IMPORT";

/// Benchmark hook, compiled only with the `test-hooks` feature (never in a
/// shipped build): while this environment variable is set, audit entries
/// are not written, so `benches/audit.rs` can measure what recording costs.
#[cfg(feature = "test-hooks")]
pub const TEST_NO_AUDIT_ENV: &str = "PERMIT_STORE_TEST_NO_AUDIT";

/// A workspace in one SQLite file. Several handles (even in several
/// processes) may use the same file; each unit of work is one transaction.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

fn is_code(e: &rusqlite::Error, codes: &[ErrorCode]) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if codes.contains(&f.code))
}

impl SqliteStore {
    /// Opens the workspace at `path`, creating the file (and its folder) if
    /// missing, and brings its schema up to [`SCHEMA_VERSION`] in one
    /// transaction.
    ///
    /// Errors: [`StoreError::NewerVersion`] and [`StoreError::Corrupt`]
    /// leave the file untouched; [`StoreError::Locked`] when another
    /// connection keeps the file locked longer than [`BUSY_TIMEOUT`];
    /// [`StoreError::Io`] when the file or folder cannot be created.
    ///
    /// The workspace is not encrypted: tests and tools; the app and the
    /// command line open it with [`SqliteStore::open_with_key`].
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        SqliteStore::open_with_key(path, None)
    }

    /// Opens the workspace at `path` as [`SqliteStore::open`] does, encrypted
    /// with `key` (SQLCipher: every page of the file and of its `-wal`): a
    /// new workspace is created encrypted; an existing one is opened with
    /// `key` ([`StoreError::WrongKey`] when it does not open it). An
    /// existing plain workspace opened with a key is refused with
    /// [`StoreError::NotEncrypted`] and left untouched: [`reencrypt`]
    /// encrypts it once the user agrees. `None`: a plain workspace.
    pub fn open_with_key(path: impl AsRef<Path>, key: Option<&Key>) -> Result<SqliteStore> {
        let path = path.as_ref().to_path_buf();
        let io = |message: String| StoreError::Io {
            path: path.clone(),
            message,
        };
        permit_files::check_workspace_path(&path).map_err(|e| io(e.to_string()))?;
        // The product's own data folder is private (0700); a folder the user
        // chose keeps its mode, and only folders created here are private.
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let made = if path == crate::default_path() {
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
            if key.is_some() && crate::is_encrypted(&path).ok().flatten() == Some(false) {
                return Err(StoreError::NotEncrypted { path });
            }
            inspect(&path, key)?;
            crate::schema_check::refuse_foreign_objects(&path, MIGRATIONS, key)?;
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
        let conn = connect(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            key,
        )?;
        crate::schema_check::harden(&conn).map_err(|e| open_error(&path, e))?;
        let store = SqliteStore { conn, path };
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
            .map_err(|e| key_error(&store.path, key, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Io {
                path: store.path,
                message: format!("cannot use write-ahead logging (journal mode {mode})"),
            });
        }
        store
            .conn
            // secure_delete: deleted content is overwritten with zeros (an
            // erased person's data leaves no bytes in free pages).
            .execute_batch(
                "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;",
            )
            .map_err(|e| open_error(&store.path, e))?;
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

    fn err(&self, e: rusqlite::Error) -> StoreError {
        map_error(&self.path, e)
    }

    fn invalid(&self, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            path: self.path.clone(),
            message: message.into(),
        }
    }

    fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| map_error(&path, e))
    }
}

/// SQLCipher's settings for the workspaces this build encrypts, said after
/// `PRAGMA key` and before anything is read (a tool holding the key, such
/// as the `sqlcipher` shell, says the same): AES-256 (SQLCipher's own,
/// unchanged) with each page authenticated by HMAC-SHA256 rather than
/// SQLCipher 4's default HMAC-SHA512. Both are full-strength MACs over every
/// page; SHA-256 runs on the processor's SHA extensions (about three times
/// the speed of SHA-512 here) and keeps 32 bytes of each page for its tag
/// instead of 64. See docs/security.md, "Cost".
pub const CIPHER_SETTINGS: &str = "PRAGMA cipher_hmac_algorithm = HMAC_SHA256";

/// The settings of a workspace encrypted by an earlier build (SQLCipher 4's
/// defaults: HMAC-SHA512): still opened, and re-written with
/// [`CIPHER_SETTINGS`] when its key is next changed.
const LEGACY_CIPHER_SETTINGS: &str = "PRAGMA cipher_hmac_algorithm = HMAC_SHA512";

/// The page cache of each connection, in KiB (SQLite's `cache_size`, as a
/// negative number; the default is 2,000 KiB). An import of thousands of
/// cases in one transaction otherwise spills pages to the `-wal` and reads
/// them back many times over, each time encrypted and decrypted again. The
/// memory is taken only as pages are read. Plain and encrypted alike.
pub const CACHE_SIZE_KIB: i64 = 32 * 1024;

/// Runs a statement that may return rows (a pragma), reading them all.
fn run_pragma(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

/// Opens a connection to `path` and gives it `key` (SQLCipher's
/// `PRAGMA key`, the first statement; nothing is read before it) with
/// [`CIPHER_SETTINGS`]; an existing file those settings do not open is
/// tried once more with an earlier build's ([`LEGACY_CIPHER_SETTINGS`]).
pub(crate) fn connect(path: &Path, flags: OpenFlags, key: Option<&Key>) -> Result<Connection> {
    let existing = std::fs::metadata(path)
        .map(|m| m.len() > 0)
        .unwrap_or(false);
    let mut conn = connect_with(path, flags, key, CIPHER_SETTINGS)?;
    if key.is_some() && existing && !readable(&conn) {
        let legacy = connect_with(path, flags, key, LEGACY_CIPHER_SETTINGS)?;
        if readable(&legacy) {
            conn = legacy;
        }
        // Neither opens it: the next read reports the wrong key.
    }
    // (It reads the schema: the first read of the file.)
    run_pragma(&conn, &format!("PRAGMA cache_size = -{CACHE_SIZE_KIB}"))
        .map_err(|e| key_error(path, key, e))?;
    Ok(conn)
}

/// Whether the connection's key and settings read the file's first page.
fn readable(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

fn connect_with(
    path: &Path,
    flags: OpenFlags,
    key: Option<&Key>,
    cipher: &str,
) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
    // SQLCipher would write its own errors (a wrong key) to stderr; the
    // store reports them as errors instead.
    run_pragma(&conn, "PRAGMA cipher_log_level = NONE").map_err(|e| open_error(path, e))?;
    if let Some(key) = key {
        apply_key(&conn, key).map_err(|e| open_error(path, e))?;
        run_pragma(&conn, cipher).map_err(|e| open_error(path, e))?;
    }
    Ok(conn)
}

/// `PRAGMA key` on `conn` (the statement's text is wiped after use).
pub(crate) fn apply_key(conn: &Connection, key: &Key) -> rusqlite::Result<()> {
    let mut sql = format!("PRAGMA key = {}", key.sql_literal());
    let result = (|| {
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while rows.next()?.is_some() {}
        Ok(())
    })();
    zeroize::Zeroize::zeroize(&mut sql);
    result
}

/// Maps an error met on the first read of a file opened with a key: a file
/// SQLCipher cannot read with it is [`StoreError::WrongKey`] (a wrong key,
/// or a file that is not an encrypted workspace: nothing can tell them
/// apart without the key).
pub(crate) fn key_error(path: &Path, key: Option<&Key>, e: rusqlite::Error) -> StoreError {
    if key.is_some() && is_code(&e, &[ErrorCode::NotADatabase]) {
        StoreError::WrongKey {
            path: path.to_path_buf(),
        }
    } else {
        open_error(path, e)
    }
}

/// Checks an existing file without writing to it: its schema version
/// (not newer than this build) and `PRAGMA quick_check`.
pub(crate) fn inspect(path: &Path, key: Option<&Key>) -> Result<()> {
    let conn = connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| open_error(path, e))?;
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| key_error(path, key, e))?;
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
    // An encrypted workspace is not read whole at every open: SQLCipher
    // checks each page's HMAC whenever it is read, so a changed or damaged
    // page is refused then (`Corrupt`), before anything built on it is
    // written; `quick_check` would decrypt every page of the file first
    // (seconds for 10,000 cases). A plain workspace has no such check.
    if key.is_some() {
        return Ok(());
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
pub(crate) fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
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

impl crate::Store for SqliteStore {
    fn location(&self) -> &Path {
        &self.path
    }

    fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn begin(&mut self) -> Result<Box<dyn crate::Tx + '_>> {
        let path = self.path.as_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| map_error(path, e))?;
        Ok(Box::new(cases::SqliteTx { tx, path }))
    }

    fn get_case(&self, id: i64) -> Result<crate::CaseRecord> {
        cases::read_case(&self.conn, &self.path, id)
    }

    fn plan_states(&self, stale_for: Option<&str>) -> Result<Vec<crate::PlanState>> {
        self.states(stale_for)
    }

    fn list_page(
        &self,
        filter: &crate::ListFilter,
        sort: crate::Sort,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<crate::CasePage> {
        self.page(filter, sort, offset, limit)
    }

    fn readiness_counts(&self, today: NaiveDate) -> Result<Vec<(String, usize)>> {
        self.counts(today)
    }

    fn acknowledge(&mut self, id: i64, seen: &str) -> Result<()> {
        self.acknowledge_case(id, seen)
    }

    fn set_archived(
        &mut self,
        id: i64,
        archived: bool,
        expected: Option<&str>,
    ) -> Result<crate::CaseRecord> {
        self.archive(id, archived, expected)
    }

    fn delete_case(&mut self, id: i64, expected: Option<&str>) -> Result<crate::DeleteToken> {
        self.delete(id, expected)
    }

    fn undo_delete(&mut self, id: i64) -> Result<crate::CaseRecord> {
        self.undelete(id)
    }

    fn purge_deleted_older_than(&mut self, age: Duration) -> Result<usize> {
        self.purge(age)
    }

    fn set_notes(
        &mut self,
        id: i64,
        notes: &str,
        expected: Option<&str>,
    ) -> Result<crate::CaseRecord> {
        self.notes(id, notes, expected)
    }

    fn save_template(&mut self, name: &str, items_json: &str) -> Result<crate::TemplateRecord> {
        self.template_put(name, items_json)
    }

    fn get_template(&self, name: &str) -> Result<Option<crate::TemplateRecord>> {
        self.template_get(name)
    }

    fn list_templates(&self) -> Result<Vec<crate::TemplateRecord>> {
        self.template_list()
    }

    fn delete_template(&mut self, name: &str) -> Result<bool> {
        self.template_remove(name)
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        self.setting_get(key)
    }

    fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.setting_put(key, value)
    }

    fn audit_entries(&self, filter: &crate::AuditFilter) -> Result<Vec<crate::AuditRecord>> {
        audit::entries(&self.conn, &self.path, filter)
    }

    fn scrub_deleted(&mut self) -> Result<()> {
        self.scrub()
    }
}

/// Test hook, compiled only with the `test-hooks` feature: creates a new
/// workspace file at `path` exactly as a build of schema `version` left it
/// (the migrations up to it), so tests can open a workspace of every
/// earlier version.
#[cfg(feature = "test-hooks")]
pub fn create_at_schema(path: &Path, version: i64) -> Result<()> {
    let conn = Connection::open(path).map_err(|e| map_error(path, e))?;
    let n = usize::try_from(version).unwrap_or(0).min(MIGRATIONS.len());
    for sql in &MIGRATIONS[..n] {
        conn.execute_batch(sql).map_err(|e| map_error(path, e))?;
    }
    conn.execute_batch(&format!("PRAGMA user_version = {n}"))
        .map_err(|e| map_error(path, e))
}
