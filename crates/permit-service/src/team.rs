//! A team workspace's administration (`permit-packet team …`): its schema,
//! its organisations and members. Every call connects with the caller's own
//! login (the address given); the database decides what that login may do
//! (see `permit_store_postgres::schema`).

use crate::prelude::*;

pub use permit_store_postgres::team::{Initialised, Member, ROLES};

/// The address `url` with its password from the address itself, else
/// `PGPASSWORD` or `~/.pgpass`. A file path is refused: team commands are
/// for a team workspace.
pub fn address(url: &str) -> AppResult<permit_store_postgres::Address> {
    let mut a = permit_store_postgres::Address::parse(url)?;
    a.password_from_environment();
    Ok(a)
}

/// Creates the team workspace at `url` (or upgrades it to this build's
/// schema); the login becomes its owner. Re-running it changes nothing.
pub fn init(url: &str) -> AppResult<Initialised> {
    Ok(permit_store_postgres::team::init(&address(url)?)?)
}

/// Adds `login` to organisation `org` with `role` (`officer`, `auditor`,
/// `admin`), creating the login with `password` when it is new.
pub fn add_member(
    url: &str,
    login: &str,
    org: &str,
    role: &str,
    password: Option<&[u8]>,
) -> AppResult<()> {
    Ok(permit_store_postgres::team::add_member(
        &address(url)?,
        login,
        org,
        role,
        password,
    )?)
}

/// Removes `login` (it can no longer sign in); whether it was a member.
pub fn remove_member(url: &str, login: &str) -> AppResult<bool> {
    Ok(permit_store_postgres::team::remove_member(
        &address(url)?,
        login,
    )?)
}

/// The members the caller may see.
pub fn list_members(url: &str) -> AppResult<Vec<Member>> {
    Ok(permit_store_postgres::team::list_members(&address(url)?)?)
}

/// What copying a workspace in did.
pub use permit_store_postgres::team::ImportCounts;

/// Copies the cases (drafts, documents' states, notes) and templates of the
/// laptop workspace `file` into organisation `org` of the team workspace
/// at `url`: all or nothing, and again without duplicates. `file` itself is
/// not changed (a copy of it is read). The team workspace's owner only.
pub fn import_workspace(
    url: &str,
    org: &str,
    file: &Path,
    key: Option<&permit_store::Key>,
) -> AppResult<ImportCounts> {
    let address = address(url)?;
    let (cases, templates) = read_copy(file, key)?;
    Ok(permit_store_postgres::team::import_cases(
        &address, org, &cases, &templates,
    )?)
}

/// The cases and templates of the workspace file `file`, read from a
/// private copy (opening migrates an older file: never the user's own).
fn read_copy(
    file: &Path,
    key: Option<&permit_store::Key>,
) -> AppResult<(
    Vec<permit_store_postgres::team::Incoming>,
    Vec<permit_store::TemplateRecord>,
)> {
    use permit_store::Store as _;
    let meta = std::fs::metadata(file).map_err(|e| io_error(file, e))?;
    if let Some(what) = permit_files::not_regular(&meta) {
        return Err(io_error(
            file,
            format!("{} is {what}, not a workspace file", file.display()),
        ));
    }
    let dir = std::env::temp_dir().join(format!(
        "permit-packet-team-import-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    permit_files::create_dirs(&dir).map_err(|e| io_error(&dir, e))?;
    permit_files::private_dir(&dir).map_err(|e| io_error(&dir, e))?;
    let result = (|| {
        let copy = dir.join("workspace.sqlite3");
        std::fs::copy(file, &copy).map_err(|e| io_error(file, e))?;
        let mut wal = file.as_os_str().to_owned();
        wal.push("-wal");
        if Path::new(&wal).exists() {
            std::fs::copy(&wal, dir.join("workspace.sqlite3-wal"))
                .map_err(|e| io_error(file, e))?;
        }
        let store =
            permit_store::SqliteStore::open_with_key(&copy, key).map_err(|e| relabel(e, file))?;
        let rows = store
            .list_cases(&ListFilter::default(), Sort::Name)
            .map_err(|e| relabel(e, file))?;
        let mut cases = Vec::with_capacity(rows.len());
        for row in rows {
            let case = store.get_case(row.id).map_err(|e| relabel(e, file))?;
            cases.push(permit_store_postgres::team::Incoming {
                origin: format!("{}/{}", case.created_at, case.id),
                case,
            });
        }
        let templates = store.list_templates().map_err(|e| relabel(e, file))?;
        Ok((cases, templates))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// A store error about the private copy, said of the user's file.
fn relabel(e: StoreError, file: &Path) -> AppError {
    let mut a = AppError::from(e);
    a.path = Some(file.display().to_string());
    a
}

/// Writes the cases and templates of organisation `org` of the team
/// workspace at `url` into a NEW workspace file `out` (never over an
/// existing file), encrypted with `key` when one is given; the app
/// re-plans them when it opens it. The team workspace's owner only.
pub fn export_workspace(
    url: &str,
    org: &str,
    out: &Path,
    key: Option<&permit_store::Key>,
) -> AppResult<usize> {
    use permit_store::Store as _;
    if out.exists() {
        return Err(AppError {
            kind: ErrorKind::Refused,
            message: format!(
                "{} exists: a team export writes a new workspace file, never over one",
                out.display()
            ),
            path: Some(out.display().to_string()),
            fields: vec![],
            lang: None,
        });
    }
    let (cases, templates) = permit_store_postgres::team::export_cases(&address(url)?, org)?;
    let mut store = permit_store::SqliteStore::open_with_key(out, key)?;
    let mut tx = store.begin()?;
    let new: Vec<permit_store::NewCase> = cases
        .iter()
        .map(|c| permit_store::NewCase {
            name: c.name.clone(),
            notes: c.notes.clone(),
            content: permit_store::CaseContent {
                situation_json: c.situation_json.clone(),
                draft_json: c.draft_json.clone(),
                list: permit_store::ListColumns {
                    digest_json: c.digest_json.clone(),
                    next_deadline: c.next_deadline,
                    ..Default::default()
                },
                // Re-planned (list columns and all) when next opened.
                plan: permit_store::PlanColumns {
                    rules_version: None,
                    plan_json: c.plan_json.clone(),
                    seen_json: c.seen_json.clone(),
                    rules_changed: c.rules_changed,
                },
            },
        })
        .collect();
    let ids = tx.insert(&new)?;
    tx.commit()?;
    for (id, c) in ids.iter().zip(&cases) {
        if c.status == permit_store::STATUS_ARCHIVED {
            store.set_archived(*id, true, None)?;
        }
    }
    for t in &templates {
        store.save_template(&t.name, &t.items_json)?;
    }
    Ok(ids.len())
}
