//! The store of a Permit Packet workspace of cases, behind one seam.
//!
//! [`Store`] is what the service layer (`permit-service`) asks of a
//! workspace; [`SqliteStore`] is the embedded backend (one SQLite file, the
//! default). The store knows no rule: the service derives every column the
//! case list filters, sorts and searches by ([`ListColumns`]) and writes it
//! as a plain value, so the queries are portable SQL.
//!
//! Guarantees, for every backend:
//!
//! * **one user action is one transaction**: the service opens a unit of
//!   work ([`Store::begin`]), reads and writes through it ([`Tx`]), and
//!   commits; dropped without [`Tx::commit`], nothing is written;
//! * **every write of a case is conditional on the version it read**
//!   ([`CaseRecord::updated_at`]): a case changed since is refused with
//!   [`StoreError::Conflict`] and nothing of the unit of work is written —
//!   never last-writer-wins;
//! * a workspace from a newer schema version, a file that is not a
//!   workspace and a damaged one are reported ([`StoreError::NewerVersion`],
//!   [`StoreError::Corrupt`]) and left untouched;
//! * deleting is a soft delete that can be undone until purged.
//!
//! # Example
//!
//! ```
//! use permit_store::{CaseContent, ListFilter, NewCase, Sort, SqliteStore, Store};
//!
//! let dir = std::env::temp_dir().join(format!("permit-store-doc-{}", std::process::id()));
//! let path = dir.join("workspace.sqlite3");
//! # let _ = std::fs::remove_dir_all(&dir);
//! let mut store = SqliteStore::open(&path)?;
//! let mut tx = store.begin()?;
//! let content = CaseContent { situation_json: "{}".into(), ..Default::default() };
//! let ids = tx.insert(&[NewCase { name: "Ana, work permit".into(), notes: String::new(), content }])?;
//! tx.commit()?;
//! let case = store.get_case(ids[0])?;
//!
//! // A write based on the version read succeeds once; the same stale version is refused.
//! let mut tx = store.begin()?;
//! let changed = CaseContent { situation_json: r#"{"format":1}"#.into(), ..Default::default() };
//! tx.update(case.id, &case.updated_at, &changed)?;
//! tx.commit()?;
//! let mut tx = store.begin()?;
//! assert!(tx.update(case.id, &case.updated_at, &changed).is_err());
//! drop(tx);
//!
//! let page = store.list_page(&ListFilter::default(), Sort::NearestDeadline, 0, None)?;
//! assert_eq!(page.rows[0].name, "Ana, work permit");
//! # drop(store);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), permit_store::StoreError>(())
//! ```

pub mod audit;
pub mod backend;
mod error;
mod key;
mod schema_check;
pub(crate) mod sqlite;
mod types;

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;

pub use audit::{AuditChange, AuditEntry, AuditFilter, AuditRecord};
pub use error::{Result, StoreError};
pub use key::{is_encrypted, Key, RAW_KEY_LEN};
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub use sqlite::{
    create_at_schema, TEST_NO_AUDIT_ENV, TEST_PAUSE_ENCRYPT_ENV, TEST_PAUSE_IMPORT_ENV,
};
pub use sqlite::{
    recovery_key_of, reencrypt, SqliteStore, BUSY_TIMEOUT, CACHE_SIZE_KIB, CIPHER_SETTINGS,
    SCHEMA_VERSION,
};
pub use types::*;

/// The default workspace file (see [`permit_files::default_workspace`]).
pub fn default_path() -> std::path::PathBuf {
    permit_files::default_workspace()
}

/// A unit of work: one user action's reads and writes, in one transaction.
/// Dropped without [`Tx::commit`], nothing of it is written.
pub trait Tx {
    /// The case `id`, including a soft-deleted one, as stored now (inside
    /// the transaction: a write based on it is not lost to another writer).
    fn case(&mut self, id: i64) -> Result<CaseRecord>;

    /// Every live case's id, name and situation JSON (damaged text left
    /// out), for finding the cases an import's rows match.
    fn live_situations(&mut self) -> Result<Vec<(i64, String, String)>>;

    /// Creates one active case per item; returns the new ids in order.
    /// Errors: [`StoreError::Invalid`] naming the (0-based) item.
    fn insert(&mut self, cases: &[NewCase]) -> Result<Vec<i64>>;

    /// Writes a live case's whole content (situation, draft, list columns,
    /// plan state) if its version is still `expected`, and gives it a new
    /// version. [`StoreError::Conflict`] otherwise.
    fn update(&mut self, id: i64, expected: &str, content: &CaseContent) -> Result<String>;

    /// Writes a re-computed plan of a live case (list columns and plan
    /// state; the situation and draft stay) if its version is still
    /// `expected`. Not an edit: the version stays, so an editor open on the
    /// case can still save. Returns false when the case changed or went
    /// since (its writer planned it).
    fn save_plan(
        &mut self,
        id: i64,
        expected: &str,
        list: &ListColumns,
        plan: &PlanColumns,
    ) -> Result<bool>;

    /// Renames a live case whose version is still `expected` (its search
    /// text, which holds the name, with it).
    fn rename(&mut self, id: i64, expected: &str, name: &str, search_text: &str) -> Result<String>;

    /// Appends an entry to the audit trail (see [`audit`]) in this unit of
    /// work, so it is written with the change it records or not at all.
    /// The backend sets the sequence number, the time and the chain; the
    /// values go apart, salted. Returns the sequence number.
    fn append_audit(&mut self, entry: &AuditEntry) -> Result<i64>;

    /// [`Tx::append_audit`] for several entries, in order (an import
    /// records one per case; a server backend writes them in one round
    /// trip). Returns their sequence numbers.
    fn append_audit_many(&mut self, entries: &[AuditEntry]) -> Result<Vec<i64>> {
        entries.iter().map(|e| self.append_audit(e)).collect()
    }

    /// [`Store::set_archived`] in this unit of work.
    fn set_archived(
        &mut self,
        id: i64,
        archived: bool,
        expected: Option<&str>,
    ) -> Result<CaseRecord>;

    /// [`Store::delete_case`] in this unit of work.
    fn delete_case(&mut self, id: i64, expected: Option<&str>) -> Result<DeleteToken>;

    /// [`Store::undo_delete`] in this unit of work.
    fn undo_delete(&mut self, id: i64) -> Result<CaseRecord>;

    /// Removes for good the cases soft-deleted more than `age` ago, in this
    /// unit of work; their ids.
    fn purge_deleted(&mut self, age: Duration) -> Result<Vec<i64>>;

    /// Erases case `id` (live, archived or deleted) for good: the case and
    /// everything stored with it (situation, draft, digest, notes, plan
    /// snapshots), and the values of its audit entries (their chained meta
    /// stays). Returns how many entries lost their values.
    fn erase_case(&mut self, id: i64) -> Result<usize>;

    /// Commits the unit of work.
    fn commit(self: Box<Self>) -> Result<()>;
}

/// Waits for other writers' changes of a workspace's cases (a team
/// workspace's other officers), on a connection of its own.
pub trait Watch: Send {
    /// Calls `on_change` after each change by anyone (bursts folded into
    /// one call) until it returns false or the connection ends. Blocks.
    fn run(self: Box<Self>, on_change: &mut dyn FnMut() -> bool) -> Result<()>;
}

/// A workspace of cases: what the service layer needs of a backend.
pub trait Store: Send {
    /// The login and organisation of a team workspace (`None`: a file).
    fn membership(&self) -> Option<&Membership> {
        None
    }

    /// A way to wait for other writers' changes, where the backend has one
    /// (`None`: a file, which only this user writes).
    fn watch(&self) -> Option<Box<dyn Watch>> {
        None
    }

    /// Where the workspace is (a file, or a server), for messages.
    fn location(&self) -> &Path;

    /// The schema version of the workspace.
    fn schema_version(&self) -> Result<i64>;

    /// Starts a unit of work (see [`Tx`]).
    fn begin(&mut self) -> Result<Box<dyn Tx + '_>>;

    /// The case `id`, including a soft-deleted one.
    fn get_case(&self, id: i64) -> Result<CaseRecord>;

    /// The rules state of every live case, by id; with `stale_for`, only of
    /// those whose plan was not made with that rules version.
    fn plan_states(&self, stale_for: Option<&str>) -> Result<Vec<PlanState>>;

    /// The cases matching `filter` in `sort` order, skipping `offset` and
    /// returning at most `limit` (all when `None`), with the total.
    fn list_page(
        &self,
        filter: &ListFilter,
        sort: Sort,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<CasePage>;

    /// Every case matching `filter`, in `sort` order (a list without paging).
    fn list_cases(&self, filter: &ListFilter, sort: Sort) -> Result<Vec<CaseSummary>> {
        Ok(self.list_page(filter, sort, 0, None)?.rows)
    }

    /// How many live active cases are in each readiness group on `today`,
    /// by group; groups without cases are absent.
    fn readiness_counts(&self, today: NaiveDate) -> Result<Vec<(String, usize)>>;

    /// The user saw the current plan: `seen` becomes the seen snapshot and
    /// the case is no longer marked changed. Not an edit.
    fn acknowledge(&mut self, id: i64, seen: &str) -> Result<()>;

    /// Archives (`true`) or re-activates a live case whose version is `expected`
    /// (any version when `None`).
    fn set_archived(
        &mut self,
        id: i64,
        archived: bool,
        expected: Option<&str>,
    ) -> Result<CaseRecord>;

    /// Soft-deletes a live case whose version is `expected` (any when `None`).
    fn delete_case(&mut self, id: i64, expected: Option<&str>) -> Result<DeleteToken>;

    /// Brings back a soft-deleted case.
    fn undo_delete(&mut self, id: i64) -> Result<CaseRecord>;

    /// Removes for good the cases soft-deleted more than `age` ago.
    fn purge_deleted_older_than(&mut self, age: Duration) -> Result<usize>;

    /// Replaces the notes of a live case whose version is `expected` (any when `None`).
    fn set_notes(&mut self, id: i64, notes: &str, expected: Option<&str>) -> Result<CaseRecord>;

    /// Saves a checklist template, replacing one of that name.
    fn save_template(&mut self, name: &str, items_json: &str) -> Result<TemplateRecord>;

    /// The template called `name`, if any.
    fn get_template(&self, name: &str) -> Result<Option<TemplateRecord>>;

    /// Every template, by name.
    fn list_templates(&self) -> Result<Vec<TemplateRecord>>;

    /// Deletes the template called `name`; whether there was one.
    fn delete_template(&mut self, name: &str) -> Result<bool>;

    /// The workspace setting `key`, if set.
    fn setting(&self, key: &str) -> Result<Option<String>>;

    /// Sets the workspace setting `key`.
    fn set_setting(&mut self, key: &str, value: &str) -> Result<()>;

    /// The audit entries matching `filter`, oldest first (see [`audit`]).
    fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<AuditRecord>>;

    /// Makes sure no deleted content is left readable in the workspace's
    /// storage (after an erasure): on SQLite, free pages and the -wal.
    fn scrub_deleted(&mut self) -> Result<()>;
}
