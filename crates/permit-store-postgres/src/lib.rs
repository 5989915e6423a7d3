//! The team backend of a Permit Packet workspace: PostgreSQL.
//!
//! [`PgStore`] implements [`permit_store::Store`] with the guarantees every
//! backend gives (one unit of work is one transaction; every write of a case
//! is conditional on the version read; a newer schema is refused), and what
//! a team needs on top:
//!
//! * **organisations enforced by the database**: an officer connects with
//!   their own login; row-level security keyed on the login decides which
//!   cases, templates and settings the login sees and may change (see
//!   [`schema`]). Nothing in this crate filters by organisation: a query
//!   that forgot to would still see only the login's organisation;
//! * **writers of one organisation take turns**: each unit of work that
//!   writes holds the organisation's transaction-level advisory lock, so an
//!   import's duplicate check holds until its commit, as SQLite's
//!   `BEGIN IMMEDIATE` does;
//! * **a conflict names the other officer** ([`permit_store::CaseRecord::updated_by`],
//!   written by a trigger with the writer's login);
//! * **another officer's change is announced** ([`PgStore::watch`]:
//!   `LISTEN`/`NOTIFY` per organisation).
//!
//! The schema is created and upgraded by the workspace's owner
//! ([`team::init`]); an officer's login cannot change it.

mod cases;
pub mod conn;
mod list;
pub mod schema;
pub mod team;
#[cfg(feature = "test-support")]
#[doc(hidden)]
pub mod testing;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use fallible_iterator::FallibleIterator;
use postgres::error::SqlState;
use postgres::Client;

pub use permit_store::Membership;
use permit_store::{
    CasePage, CaseRecord, DeleteToken, ListFilter, PlanState, Result, Sort, Store, StoreError,
    TemplateRecord, Tx, Watch,
};

pub use conn::{is_address, Address, Tls};
pub use schema::SCHEMA_VERSION;

/// The advisory lock class of an organisation's writers (the first key of
/// `pg_advisory_xact_lock(int, int)`; the second is the organisation id).
const WRITER_LOCK: i32 = 0x5050_4b54;

/// A team workspace on a PostgreSQL server, opened with an officer's login.
pub struct PgStore {
    client: RefCell<Client>,
    location: PathBuf,
    member: Membership,
    address: Address,
}

impl std::fmt::Debug for PgStore {
    /// The address without its password, and the membership.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("location", &self.location)
            .field("member", &self.member)
            .finish()
    }
}

impl PgStore {
    /// Connects to the team workspace at `address` as the address's login
    /// and checks that its schema is this build's and that the login is a
    /// member of an organisation.
    ///
    /// Errors (each naming the server): [`StoreError::Unreachable`] (server
    /// down, login refused), [`StoreError::NeedsUpgrade`] (an older schema,
    /// or none: its owner runs `team init`), [`StoreError::NewerVersion`],
    /// [`StoreError::Denied`] (not a member).
    pub fn open(address: &Address) -> Result<PgStore> {
        let location = address.location();
        let mut client = address.connect()?;
        check_schema(&mut client, &location)?;
        let row = client
            .query_opt(
                "SELECT m.login, m.org_id, o.name, m.role FROM members m \
                 JOIN organisations o ON o.id = m.org_id WHERE m.login = current_user::text",
                &[],
            )
            .map_err(|e| map_error(&location, e))?;
        let Some(row) = row else {
            return Err(StoreError::Denied {
                path: location,
                message: format!(
                    "the login {:?} is not a member of an organisation of this team workspace; \
                     its admin adds it with `permit-packet team add-officer`",
                    address.user()
                ),
            });
        };
        let member = Membership {
            login: row.get(0),
            org_id: row.get(1),
            organisation: row.get(2),
            role: row.get(3),
        };
        Ok(PgStore {
            client: RefCell::new(client),
            location,
            member,
            address: address.clone(),
        })
    }

    /// The login's organisation and role.
    pub fn membership(&self) -> &Membership {
        &self.member
    }

    /// Listens for changes of the organisation's cases by any login, on a
    /// connection of its own, and calls `on_change` (at most every
    /// `debounce`) until `on_change` returns false or the connection ends.
    /// Blocks: run it on a thread of its own.
    pub fn watch(
        address: &Address,
        org_id: i64,
        debounce: Duration,
        mut on_change: impl FnMut() -> bool,
    ) -> Result<()> {
        let location = address.location();
        let mut client = address.connect()?;
        let schema: String = client
            .query_one("SELECT current_schema()::text", &[])
            .map_err(|e| map_error(&location, e))?
            .get(0);
        client
            .batch_execute(&format!("LISTEN permit_cases_{org_id}"))
            .map_err(|e| map_error(&location, e))?;
        loop {
            let mut notifications = client.notifications();
            let first = notifications
                .blocking_iter()
                .next()
                .map_err(|e| map_error(&location, e))?;
            let Some(n) = first else {
                return Ok(());
            };
            let mut ours = n.payload() == schema;
            // Fold a burst (an import) into one call.
            std::thread::sleep(debounce);
            let mut more = notifications.iter();
            while let Ok(Some(n)) = more.next() {
                ours |= n.payload() == schema;
            }
            if ours && !on_change() {
                return Ok(());
            }
        }
    }

    /// The address this store was opened with.
    pub fn address(&self) -> &Address {
        &self.address
    }

    /// Runs `f` in one transaction holding the organisation's writer lock.
    fn write<T>(&self, f: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().map_err(|e| self.err(e))?;
        lock_writers(&mut tx, &self.location, self.member.org_id)?;
        let out = f(&mut tx)?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(out)
    }

    fn err(&self, e: postgres::Error) -> StoreError {
        map_error(&self.location, e)
    }
}

/// Takes the writer lock of organisation `org` for the transaction.
fn lock_writers(tx: &mut postgres::Transaction<'_>, location: &Path, org: i64) -> Result<()> {
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, $2)",
        &[&WRITER_LOCK, &(org as i32)],
    )
    .map_err(|e| map_error(location, e))?;
    Ok(())
}

/// The schema version of the workspace (0: none yet).
pub(crate) fn schema_version(client: &mut Client, location: &Path) -> Result<i64> {
    let exists: bool = client
        .query_one("SELECT to_regclass('permit_meta') IS NOT NULL", &[])
        .map_err(|e| map_error(location, e))?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let v: Option<String> = client
        .query_opt(
            "SELECT value FROM permit_meta WHERE key = 'schema_version'",
            &[],
        )
        .map_err(|e| map_error(location, e))?
        .map(|r| r.get(0));
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn check_schema(client: &mut Client, location: &Path) -> Result<()> {
    let found = schema_version(client, location)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: location.to_owned(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found < SCHEMA_VERSION {
        return Err(StoreError::NeedsUpgrade {
            path: location.to_owned(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Maps a server error: no privilege or a row-level-security refusal →
/// Denied; a refused value → Invalid; a lost connection → Unreachable.
pub(crate) fn map_error(location: &Path, e: postgres::Error) -> StoreError {
    let path = location.to_owned();
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let message = db.message().to_owned();
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            return StoreError::Denied { path, message };
        }
        if [
            SqlState::CHECK_VIOLATION,
            SqlState::NOT_NULL_VIOLATION,
            SqlState::UNIQUE_VIOLATION,
            SqlState::FOREIGN_KEY_VIOLATION,
            SqlState::INVALID_PARAMETER_VALUE,
            SqlState::RAISE_EXCEPTION,
        ]
        .contains(code)
        {
            return StoreError::Invalid {
                path,
                message: format!("refused by the workspace: {message}"),
            };
        }
        if *code == SqlState::LOCK_NOT_AVAILABLE || *code == SqlState::T_R_DEADLOCK_DETECTED {
            return StoreError::Locked { path };
        }
        return StoreError::Io { path, message };
    }
    if e.is_closed() {
        return StoreError::Unreachable {
            path,
            message: format!("the connection to the server was lost: {e}"),
        };
    }
    StoreError::Io {
        path,
        message: e.to_string(),
    }
}

/// Waits for changes of one organisation's cases ([`PgStore::watch`]).
struct Watcher {
    address: Address,
    org_id: i64,
}

impl Watch for Watcher {
    fn run(self: Box<Self>, on_change: &mut dyn FnMut() -> bool) -> Result<()> {
        PgStore::watch(
            &self.address,
            self.org_id,
            Duration::from_millis(150),
            on_change,
        )
    }
}

impl Store for PgStore {
    fn membership(&self) -> Option<&Membership> {
        Some(&self.member)
    }

    fn watch(&self) -> Option<Box<dyn Watch>> {
        Some(Box::new(Watcher {
            address: self.address.clone(),
            org_id: self.member.org_id,
        }))
    }

    fn location(&self) -> &Path {
        &self.location
    }

    fn schema_version(&self) -> Result<i64> {
        schema_version(&mut self.client.borrow_mut(), &self.location)
    }

    fn begin(&mut self) -> Result<Box<dyn Tx + '_>> {
        let location = &self.location;
        let org = self.member.org_id;
        let mut tx = self
            .client
            .get_mut()
            .transaction()
            .map_err(|e| map_error(location, e))?;
        lock_writers(&mut tx, location, org)?;
        Ok(Box::new(cases::PgTx {
            tx,
            location,
            audit: None,
        }))
    }

    fn get_case(&self, id: i64) -> Result<CaseRecord> {
        cases::read_case(&mut *self.client.borrow_mut(), &self.location, id)
    }

    fn plan_states(&self, stale_for: Option<&str>) -> Result<Vec<PlanState>> {
        list::states(&mut self.client.borrow_mut(), &self.location, stale_for)
    }

    fn list_page(
        &self,
        filter: &ListFilter,
        sort: Sort,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<CasePage> {
        list::page(
            &mut self.client.borrow_mut(),
            &self.location,
            filter,
            sort,
            offset,
            limit,
        )
    }

    fn readiness_counts(&self, today: NaiveDate) -> Result<Vec<(String, usize)>> {
        list::counts(&mut self.client.borrow_mut(), &self.location, today)
    }

    fn acknowledge(&mut self, id: i64, seen: &str) -> Result<()> {
        permit_store::backend::check_json(&self.location, "seen snapshot", seen)?;
        let location = self.location.clone();
        self.write(|tx| cases::acknowledge(tx, &location, id, seen))
    }

    fn set_archived(
        &mut self,
        id: i64,
        archived: bool,
        expected: Option<&str>,
    ) -> Result<CaseRecord> {
        let location = self.location.clone();
        self.write(|tx| cases::archive(tx, &location, id, archived, expected))
    }

    fn delete_case(&mut self, id: i64, expected: Option<&str>) -> Result<DeleteToken> {
        let location = self.location.clone();
        self.write(|tx| cases::delete(tx, &location, id, expected))
    }

    fn undo_delete(&mut self, id: i64) -> Result<CaseRecord> {
        let location = self.location.clone();
        self.write(|tx| cases::undelete(tx, &location, id))
    }

    fn purge_deleted_older_than(&mut self, age: Duration) -> Result<usize> {
        let location = self.location.clone();
        self.write(|tx| Ok(cases::purge_ids(tx, &location, age)?.len()))
    }

    fn set_notes(&mut self, id: i64, notes: &str, expected: Option<&str>) -> Result<CaseRecord> {
        let location = self.location.clone();
        self.write(|tx| cases::notes(tx, &location, id, notes, expected))
    }

    fn save_template(&mut self, name: &str, items_json: &str) -> Result<TemplateRecord> {
        let location = self.location.clone();
        self.write(|tx| cases::template_put(tx, &location, name, items_json))
    }

    fn get_template(&self, name: &str) -> Result<Option<TemplateRecord>> {
        cases::template_get(&mut *self.client.borrow_mut(), &self.location, name)
    }

    fn list_templates(&self) -> Result<Vec<TemplateRecord>> {
        cases::template_list(&mut *self.client.borrow_mut(), &self.location)
    }

    fn delete_template(&mut self, name: &str) -> Result<bool> {
        let location = self.location.clone();
        self.write(|tx| cases::template_remove(tx, &location, name))
    }

    fn audit_entries(
        &self,
        filter: &permit_store::AuditFilter,
    ) -> Result<Vec<permit_store::AuditRecord>> {
        cases::audit_entries(&mut *self.client.borrow_mut(), &self.location, filter)
    }

    /// The server keeps no deleted row readable to any login; its own
    /// storage (dead tuples until vacuumed, the write-ahead log, backups)
    /// is the server's administrators' (docs/team.md).
    fn scrub_deleted(&mut self) -> Result<()> {
        Ok(())
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        let row = self
            .client
            .borrow_mut()
            .query_opt("SELECT value FROM settings WHERE key = $1", &[&key])
            .map_err(|e| self.err(e))?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let location = self.location.clone();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ($1, $2) \
                 ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .map_err(|e| map_error(&location, e))?;
            Ok(())
        })
    }
}
