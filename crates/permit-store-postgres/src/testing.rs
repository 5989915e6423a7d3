//! The test suites' team workspaces, on a real PostgreSQL server (compiled
//! with the `test-support` feature only).
//!
//! The suites are written once and run on the backend
//! [`BACKEND_ENV`] names: unset or `sqlite`, the workspace is the file the
//! test chose; `postgres`, [`address_for`] turns that file's path into a
//! team workspace of its own on the server the `PG*` variables name (as
//! `pg_virtualenv` sets them): a schema created by the server's admin
//! login, an organisation and an officer login whose address (with its
//! password) is returned. The same path gives the same workspace, so a test
//! that reopens its workspace reopens it. With `postgres` and no server,
//! the test fails: nothing is skipped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::{team, Address};

/// The environment variable naming the backend under test.
pub const BACKEND_ENV: &str = "PERMIT_TEST_BACKEND";

/// Whether the suites run on PostgreSQL ([`BACKEND_ENV`]` = postgres`).
pub fn on_postgres() -> bool {
    match std::env::var(BACKEND_ENV).as_deref() {
        Ok("postgres") => true,
        Ok("sqlite") | Err(_) => false,
        Ok(other) => panic!("{BACKEND_ENV}={other}: accepted are sqlite and postgres"),
    }
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// The server's admin address, from `PERMIT_TEST_PG_ADMIN` or the `PG*`
/// variables (`PGHOST` may be a socket folder).
pub fn admin_url() -> String {
    if let Ok(url) = std::env::var("PERMIT_TEST_PG_ADMIN") {
        return url;
    }
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let host = var("PGHOST").unwrap_or_else(|| panic!("{BACKEND_ENV}=postgres needs a server: set PGHOST (and PGPORT, PGUSER, PGPASSWORD, PGDATABASE), e.g. run under pg_virtualenv"));
    let user = var("PGUSER").unwrap_or_else(|| "postgres".into());
    let port = var("PGPORT").unwrap_or_else(|| "5432".into());
    let db = var("PGDATABASE").unwrap_or_else(|| user.clone());
    let password = var("PGPASSWORD")
        .map(|p| format!(":{}", percent(&p)))
        .unwrap_or_default();
    format!(
        "postgres://{}{password}@{}:{port}/{}?sslmode=disable",
        percent(&user),
        percent(&host),
        percent(&db)
    )
}

/// `url` with `-csearch_path=schema` as its options.
pub fn in_schema(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}

/// The workspaces made: the test file's path → (officer address, admin address in its schema).
static MADE: Mutex<Option<HashMap<PathBuf, (PathBuf, String)>>> = Mutex::new(None);

/// A fresh schema, initialised by the admin, named for `key`.
pub fn fresh_schema(key: &str) -> (String, String) {
    let schema = format!("t_{:016x}", fnv(key));
    let admin = admin_url();
    let mut client = Address::parse(&admin)
        .expect("the admin address")
        .connect()
        .unwrap_or_else(|e| panic!("{BACKEND_ENV}=postgres: {e}"));
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .expect("create the test schema");
    let admin_here = in_schema(&admin, &schema);
    team::init(&Address::parse(&admin_here).unwrap()).expect("team init");
    (schema, admin_here)
}

/// Adds an officer `login` of `org` to the workspace of `admin_here`;
/// the officer's address.
pub fn officer(admin_here: &str, schema: &str, login: &str, org: &str, role: &str) -> String {
    let password = format!("pw-{:016x}", fnv(&format!("{login}{}", std::process::id())));
    team::add_member(
        &Address::parse(admin_here).unwrap(),
        login,
        org,
        role,
        Some(password.as_bytes()),
    )
    .expect("add the officer");
    let admin = Address::parse(&admin_url()).unwrap();
    let host = admin.host_for_url();
    in_schema(
        &format!(
            "postgres://{login}:{password}@{host}/{}?sslmode=disable",
            percent(admin.dbname())
        ),
        schema,
    )
}

/// The workspace address for the test file `path` on the backend under
/// test: `path` itself, or a team workspace of its own (see the module).
pub fn address_for(path: &Path) -> PathBuf {
    if !on_postgres() {
        return path.to_owned();
    }
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    let made = made.get_or_insert_with(HashMap::new);
    if let Some((a, _)) = made.get(path) {
        return a.clone();
    }
    let key = format!("{}:{}", std::process::id(), path.display());
    let (schema, admin_here) = fresh_schema(&key);
    let login = format!("o_{:012x}", fnv(&key) & 0xffff_ffff_ffff);
    let url = officer(&admin_here, &schema, &login, "Test organisation", "officer");
    let url = PathBuf::from(url);
    made.insert(path.to_owned(), (url.clone(), admin_here));
    url
}

/// A connection of the server's admin to the team workspace made for the
/// test file `path` by [`address_for`] (tests that change stored rows
/// behind the service's back, as an old build or another program would).
pub fn admin_client(path: &Path) -> postgres::Client {
    address_for(path);
    let made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    let (_, admin_here) = made
        .as_ref()
        .and_then(|m| m.get(path))
        .expect("a team workspace made for this path");
    Address::parse(admin_here).unwrap().connect().unwrap()
}

/// FNV-1a, for names that are stable for a key.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
