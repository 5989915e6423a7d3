//! # permit-service
//!
//! The service layer of Permit Packet: every use case the front ends offer
//! (the desktop app's commands and the `permit-packet` command line), over
//! the rules core (`permit-core`) and a store (`permit-store`). No Tauri and
//! no UI here; a front end turns a user's gesture into one call of a
//! [`Workspace`] method and shows the typed result or the [`AppError`].
//!
//! Invariants:
//!
//! * **one user action is one transaction**: a method that writes opens one
//!   unit of work on the store, does its reads and writes in it and commits
//!   once (an edit: situation, draft, plan and list columns; an import: the
//!   duplicate check and every row);
//! * **every write is conditional on the version it read**; a case changed
//!   since is a `conflict`, never overwritten;
//! * **nothing typed is lost**: answers the core does not accept are kept as
//!   the case's draft, which every re-plan, template, import and case file
//!   keeps;
//! * **one function from a plan to what is stored** ([`record`]): the list's
//!   columns, the plan snapshot and "what changed since the user last saw
//!   it" are computed in one place for every path.
//!
//! Modules, by use case: [`cases`] (open, edit, rename, duplicate, archive,
//! delete, the list), [`drafts`], [`import`] (CSV and case files),
//! [`exports`] (PDF, calendar, batch, case files; every file written through
//! one guarded writer), [`rules`] (rules in force, updates, re-plans),
//! [`reminders`], [`templates`], [`team`] (a team workspace's members); [`types`] and [`kinds`] are what is sent to
//! front ends, [`error`] their errors, [`pdf`] the checklist document.

pub mod audit;
pub mod cases;
pub mod drafts;
pub mod encryption;
pub mod error;
pub mod exports;
pub mod import;
pub mod kinds;
pub mod pdf;
pub mod record;
pub mod reminders;
pub mod rules;
pub mod team;
pub mod templates;
pub mod types;

#[cfg(test)]
mod tests;

/// What every module of the crate uses.
mod prelude {
    pub(crate) use std::path::{Path, PathBuf};
    pub(crate) use std::sync::atomic::AtomicBool;
    pub(crate) use std::sync::Arc;

    pub(crate) use chrono::NaiveDate;
    pub(crate) use permit_bundle::changes::{self, Change, Snapshot};
    pub(crate) use permit_bundle::installed;
    pub(crate) use permit_bundle::Bundle;
    pub(crate) use permit_core::digest::CaseDigest;
    pub(crate) use permit_core::messages::{Arg, Msg};
    pub(crate) use permit_core::plan::{Deadline, DeadlineKind, DeadlineStatus};
    pub(crate) use permit_core::situation::{FieldError, RawSituation};
    pub(crate) use permit_core::{plan, Lang, Options, Plan, Situation};
    pub(crate) use permit_store::{ListFilter, Sort, Store, StoreError};
    pub(crate) use serde::{Deserialize, Serialize};
    pub(crate) use ts_rs::TS;

    pub(crate) use crate::error::*;
    pub(crate) use crate::kinds::{CaseStatus, ErrorKind, ImportMode, ListSort};
    pub(crate) use crate::rules::rules_in_force;
    pub(crate) use crate::types::*;
    pub(crate) use crate::Workspace;
}

use prelude::*;

pub use error::{AppError, AppResult};
pub use exports::{batch_replaces, run_batch, BatchSelection};
pub use import::CaseImport;
pub use kinds::{CaseStatus, ErrorKind, ImportMode, ListSort};
pub use permit_core::digest::{CaseDigest, NextDeadline};
pub use rules::{read_bundle, rules_in_force, rules_status};
pub use types::*;

/// A workspace: the store and the rules.
pub struct Workspace {
    store: Box<dyn Store>,
    /// The folder of installed rules bundles (the data folder's `rules/`).
    rules_dir: PathBuf,
    /// Whether the workspace is encrypted at rest ([`encryption`]).
    encrypted: bool,
}

impl Workspace {
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
    /// was made with other rules than those in force are re-planned now, and
    /// cases deleted longer ago than the retention period are purged
    /// ([`Workspace::purge_expired`]).
    pub fn open_with_rules(path: Option<&Path>, rules_dir: &Path) -> AppResult<Workspace> {
        Workspace::open_in(path, rules_dir, None)
    }

    /// [`Workspace::open_with_rules`] with the key of an encrypted workspace
    /// (`None`: a plain one); see [`encryption`].
    fn open_in(
        path: Option<&Path>,
        rules_dir: &Path,
        key: Option<&permit_store::Key>,
    ) -> AppResult<Workspace> {
        let path: PathBuf = path
            .map(Path::to_owned)
            .unwrap_or_else(permit_store::default_path);
        Workspace::with_store(open_store(&path, key)?, rules_dir, key.is_some())
    }

    /// Opens the team workspace at `url` (a `postgres://` address) with
    /// `password` when given (the app's: from the keyring or typed by the
    /// user), else the address's own, `PGPASSWORD` or `~/.pgpass`.
    pub fn open_team(url: &str, password: Option<&str>) -> AppResult<Workspace> {
        let mut address = permit_store_postgres::Address::parse(url)?;
        if let Some(pw) = password {
            address.set_password(pw.as_bytes());
        }
        address.password_from_environment();
        let store = Box::new(permit_store_postgres::PgStore::open(&address)?);
        Workspace::with_store(store, &installed::default_dir(), false)
    }

    /// The workspace of an opened store: cases planned with other rules
    /// than those in force re-planned, expired deleted cases purged.
    fn with_store(
        store: Box<dyn Store>,
        rules_dir: &Path,
        encrypted: bool,
    ) -> AppResult<Workspace> {
        let mut ws = Workspace {
            store,
            rules_dir: rules_dir.to_owned(),
            encrypted,
        };
        // An auditor's login writes nothing: the cases are shown as stored.
        if !ws
            .store
            .membership()
            .is_some_and(permit_store::Membership::read_only)
        {
            ws.refresh_rules(View {
                lang: Lang::En,
                today: local_today(),
            })?;
            // Deleted cases past the retention period go for good (audited).
            ws.purge_expired()?;
            // An erasure whose scrub could not finish is finished now.
            ws.scrub_if_pending()?;
        }
        Ok(ws)
    }

    /// The rules bundle in force for this workspace.
    pub fn bundle(&self) -> Arc<Bundle> {
        installed::in_force_in(&self.rules_dir)
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
            path: self.store.location().display().to_string(),
            rules_version: rules.rules_version.clone(),
            rules_checked_on: rules.checked_on,
            cases,
            team: self.store.membership().map(|m| TeamInfo {
                login: m.login.clone(),
                organisation: m.organisation.clone(),
                role: m.role.clone(),
            }),
            encrypted: self.encrypted,
        })
    }

    /// Waits for other officers' changes of a team workspace's cases, if
    /// it is one (see [`permit_store::Watch`]); run it on a thread.
    pub fn watch(&self) -> Option<Box<dyn permit_store::Watch>> {
        self.store.watch()
    }
}

/// Opens the store at `path`: a team workspace when it is a `postgres://`
/// address (the backend is picked from the address, as the command line's
/// `--store` gives it), else the SQLite file. A team workspace's password
/// comes from the address, else `PGPASSWORD` or `~/.pgpass`.
fn open_store(path: &Path, key: Option<&permit_store::Key>) -> AppResult<Box<dyn Store>> {
    match path.to_str() {
        // A team workspace's encryption at rest is the server's (docs/team.md).
        Some(text) if permit_store_postgres::is_address(text) => {
            let mut address = permit_store_postgres::Address::parse(text)?;
            address.password_from_environment();
            Ok(Box::new(permit_store_postgres::PgStore::open(&address)?))
        }
        _ => Ok(Box::new(permit_store::SqliteStore::open_with_key(
            path, key,
        )?)),
    }
}
