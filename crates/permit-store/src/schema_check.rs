//! A workspace from elsewhere is data, never code.
//!
//! A SQLite file can carry more than tables: triggers that run on every
//! insert (rewriting an imported hire's passport expiry and salary), views,
//! a recursive trigger that never ends. `PRAGMA quick_check` says `ok` to
//! all of them. So every workspace is opened with SQLite's defensive mode
//! and `trusted_schema=OFF` ([`harden`]), and an existing file is refused
//! when its schema holds any object the product's own migrations did not
//! create ([`refuse_foreign_objects`]), naming each one. What the product
//! creates is not listed by hand: the migrations up to the file's version
//! are run on an empty database in memory and its schema is the one
//! accepted, object by object (type, name, table and SQL text).

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use crate::sqlite::open_error;
use crate::{StoreError, BUSY_TIMEOUT};

/// SQLite's defensive mode (no `writable_schema`, no shadow-table writes)
/// and `trusted_schema=OFF` (functions with side effects, virtual tables
/// and the like are not run from the schema) on `conn`.
pub(crate) fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.execute_batch("PRAGMA trusted_schema = OFF;")
}

/// One object of a schema: type, name, table, SQL (white space collapsed).
type Object = (String, String, String, String);

fn objects(conn: &Connection) -> rusqlite::Result<Vec<Object>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| {
        let sql: String = r.get(3)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            sql.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    })?;
    rows.collect()
}

/// Refuses the existing workspace at `path` ([`StoreError::Corrupt`], the
/// file untouched) when its schema holds an object — a trigger, a view, a
/// table or an index — that `migrations` up to the file's version do not
/// create, or one they create with other SQL. Read through a read-only,
/// hardened connection.
pub(crate) fn refuse_foreign_objects(
    path: &Path,
    migrations: &[&str],
    key: Option<&crate::Key>,
) -> Result<(), StoreError> {
    let err = |e| open_error(path, e);
    let file = crate::sqlite::connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )?;
    harden(&file).map_err(err)?;
    file.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    let version: i64 = file
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(err)?;
    let found = objects(&file).map_err(err)?;
    let expected = {
        let mem = Connection::open_in_memory().map_err(err)?;
        let n = usize::try_from(version).unwrap_or(0).min(migrations.len());
        for sql in &migrations[..n] {
            mem.execute_batch(sql).map_err(err)?;
        }
        objects(&mem).map_err(err)?
    };
    let foreign: Vec<String> = found
        .iter()
        .filter(|o| !expected.contains(o))
        .map(|(kind, name, table, _)| {
            let changed = if expected.iter().any(|e| e.0 == *kind && e.1 == *name) {
                " (changed)"
            } else {
                ""
            };
            if kind == name || table == name || table.is_empty() {
                format!("{kind} `{}`{changed}", escape(name))
            } else {
                format!("{kind} `{}` on `{}`{changed}", escape(name), escape(table))
            }
        })
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    Err(StoreError::Corrupt {
        path: path.to_path_buf(),
        message: format!(
            "its schema holds what Permit Packet did not create: {}. A workspace from \
             elsewhere may only hold Permit Packet's own tables and indexes (a trigger or \
             view could change or hide what is saved), so it is not opened",
            foreign.join(", ")
        ),
    })
}

/// A name as shown: control characters escaped.
fn escape(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars().take(80) {
        if c.is_control() {
            o.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            o.push(c);
        }
    }
    o
}
