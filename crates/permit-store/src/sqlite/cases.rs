//! Cases: the unit of work ([`SqliteTx`]) and the one-step changes.

use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{format_date, live_updated_at, map_error, parse_date, SqliteStore};
use crate::backend::{
    check_content, check_json, check_list, check_name, check_plan, format_stamp, forms_column,
    next_stamp, now_stamp,
};
use crate::{
    CaseContent, CaseRecord, DeleteToken, ListColumns, NewCase, PlanColumns, Result, StoreError,
    Tx, STATUS_ACTIVE, STATUS_ARCHIVED,
};

/// A unit of work on a SQLite workspace: one immediate transaction.
pub(super) struct SqliteTx<'a> {
    pub(super) tx: Transaction<'a>,
    pub(super) path: &'a Path,
}

/// The readiness columns: the group, and the date and group it changes to.
fn readiness_columns(l: &ListColumns) -> (Option<&str>, Option<String>, Option<&str>) {
    match &l.readiness {
        None => (None, None, None),
        Some(r) => (
            Some(r.group.as_str()),
            r.then.as_ref().map(|(d, _)| format_date(*d)),
            r.then.as_ref().map(|(_, g)| g.as_str()),
        ),
    }
}

/// Inserts a live case: its row in `cases`, then its documents. The
/// caller's transaction makes the two one.
fn insert_case(conn: &Connection, name: &str, case: &NewCase) -> rusqlite::Result<i64> {
    let now = now_stamp();
    let c = &case.content;
    let (group, from, then) = readiness_columns(&c.list);
    conn.prepare_cached(
        "INSERT INTO cases (name, status, next_deadline, created_at, updated_at, rules_version, \
         rules_changed, search_text, forms, ready_group, ready_from, ready_then, has_draft) \
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        name,
        STATUS_ACTIVE,
        c.list.next_deadline.map(format_date),
        now,
        c.plan.rules_version,
        c.plan.rules_changed,
        c.list.search_text,
        forms_column(&c.list.forms),
        group,
        from,
        then,
        c.draft_json.is_some(),
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO case_documents (case_id, situation_json, digest_json, notes, plan_json, \
         seen_json, draft_json) VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, ?5), ?7)",
    )?
    .execute(params![
        id,
        c.situation_json,
        c.list.digest_json,
        case.notes,
        c.plan.plan_json,
        c.plan.seen_json,
        c.draft_json
    ])?;
    Ok(id)
}

/// Writes the list columns and plan state of case `id` (no version change).
fn write_plan(
    conn: &Connection,
    id: i64,
    list: &ListColumns,
    plan: &PlanColumns,
) -> rusqlite::Result<()> {
    let (group, from, then) = readiness_columns(list);
    conn.prepare_cached(
        "UPDATE cases SET next_deadline = ?2, rules_version = ?3, rules_changed = ?4, \
         search_text = ?5, forms = ?6, ready_group = ?7, ready_from = ?8, ready_then = ?9 \
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        list.next_deadline.map(format_date),
        plan.rules_version,
        plan.rules_changed,
        list.search_text,
        forms_column(&list.forms),
        group,
        from,
        then,
    ])?;
    conn.prepare_cached(
        "UPDATE case_documents SET digest_json = ?2, plan_json = ?3, \
         seen_json = coalesce(?4, seen_json) WHERE case_id = ?1",
    )?
    .execute(params![
        id,
        list.digest_json,
        plan.plan_json,
        plan.seen_json
    ])?;
    Ok(())
}

/// The columns [`read_case`] reads, by position, for messages.
const CASE_COLUMNS: [&str; 15] = [
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
    "draft",
    "rules version",
    "rules changed",
    "seen snapshot",
    "plan snapshot",
];

pub(super) fn read_case(conn: &Connection, path: &Path, id: i64) -> Result<CaseRecord> {
    conn.prepare_cached(
        "SELECT c.id, c.name, d.situation_json, d.digest_json, c.status, c.next_deadline, \
                c.created_at, c.updated_at, c.deleted_at, d.notes, d.draft_json, \
                c.rules_version, c.rules_changed, d.seen_json, d.plan_json \
         FROM cases c JOIN case_documents d ON d.case_id = c.id WHERE c.id = ?1",
    )
    .and_then(|mut stmt| {
        stmt.query_row(params![id], |r| {
            Ok(CaseRecord {
                id: r.get(0)?,
                name: r.get(1)?,
                situation_json: r.get(2)?,
                digest_json: r.get(3)?,
                status: r.get(4)?,
                next_deadline: parse_date(r.get(5)?, 5)?,
                created_at: r.get(6)?,
                updated_at: r.get(7)?,
                updated_by: None,
                deleted: r.get::<_, Option<String>>(8)?.is_some(),
                notes: r.get(9)?,
                draft_json: r.get(10)?,
                rules_version: r.get(11)?,
                rules_changed: r.get(12)?,
                seen_json: r.get(13)?,
                plan_json: r.get(14)?,
            })
        })
        .optional()
    })
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

/// The version of live case `id` if it is `expected`, else
/// [`StoreError::Conflict`] (or NotFound).
fn expect_version(
    conn: &Connection,
    path: &Path,
    id: i64,
    expected: Option<&str>,
) -> Result<String> {
    let current = live_updated_at(conn, path, id)?;
    match expected {
        Some(e) if e != current => Err(StoreError::Conflict {
            path: path.to_owned(),
            id,
            expected: e.to_owned(),
            actual: current,
        }),
        _ => Ok(current),
    }
}

impl Tx for SqliteTx<'_> {
    fn case(&mut self, id: i64) -> Result<CaseRecord> {
        read_case(&self.tx, self.path, id)
    }

    fn live_situations(&mut self) -> Result<Vec<(i64, String, String)>> {
        let path = self.path;
        let mut stmt = self
            .tx
            .prepare_cached(
                "SELECT c.id, c.name, d.situation_json FROM cases c \
                 JOIN case_documents d ON d.case_id = c.id \
                 WHERE c.deleted_at IS NULL ORDER BY c.id",
            )
            .map_err(|e| map_error(path, e))?;
        let rows = stmt
            .query_map([], |r| {
                let text = |i: usize| -> rusqlite::Result<Option<String>> {
                    Ok(match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Text(b) => {
                            std::str::from_utf8(b).ok().map(str::to_owned)
                        }
                        _ => None,
                    })
                };
                Ok((r.get::<_, i64>(0)?, text(1)?, text(2)?))
            })
            .map_err(|e| map_error(path, e))?;
        let mut out = Vec::new();
        for row in rows {
            if let (id, Some(name), Some(json)) = row.map_err(|e| map_error(path, e))? {
                out.push((id, name, json));
            }
        }
        Ok(out)
    }

    fn insert(&mut self, cases: &[NewCase]) -> Result<Vec<i64>> {
        let path = self.path;
        #[cfg(feature = "test-hooks")]
        let pause = std::env::var_os(super::TEST_PAUSE_IMPORT_ENV).map(std::path::PathBuf::from);
        let mut ids = Vec::with_capacity(cases.len());
        for (i, case) in cases.iter().enumerate() {
            #[cfg(feature = "test-hooks")]
            if i == cases.len() / 2 && cases.len() > 1 {
                if let Some(marker) = &pause {
                    let _ = std::fs::write(marker, b"paused inside the import transaction");
                    std::thread::sleep(Duration::from_secs(60));
                }
            }
            let item_err = |e: StoreError| match e {
                StoreError::Invalid { path, message } => StoreError::Invalid {
                    path,
                    message: format!("item {i}: {message}"),
                },
                other => other,
            };
            check_content(path, &case.content).map_err(item_err)?;
            let name = check_name(path, &case.name).map_err(item_err)?;
            let id =
                insert_case(&self.tx, &name, case).map_err(|e| item_err(map_error(path, e)))?;
            ids.push(id);
        }
        Ok(ids)
    }

    fn update(&mut self, id: i64, expected: &str, content: &CaseContent) -> Result<String> {
        let path = self.path;
        check_content(path, content)?;
        let current = expect_version(&self.tx, path, id, Some(expected))?;
        let stamp = next_stamp(&current);
        (|| {
            write_plan(&self.tx, id, &content.list, &content.plan)?;
            self.tx
                .prepare_cached("UPDATE cases SET updated_at = ?2, has_draft = ?3 WHERE id = ?1")?
                .execute(params![id, stamp, content.draft_json.is_some()])?;
            self.tx
                .prepare_cached(
                    "UPDATE case_documents SET situation_json = ?2, draft_json = ?3 \
                     WHERE case_id = ?1",
                )?
                .execute(params![id, content.situation_json, content.draft_json])
        })()
        .map_err(|e| map_error(path, e))?;
        Ok(stamp)
    }

    fn save_plan(
        &mut self,
        id: i64,
        expected: &str,
        list: &ListColumns,
        plan: &PlanColumns,
    ) -> Result<bool> {
        let path = self.path;
        check_list(path, list)?;
        check_plan(path, plan)?;
        match expect_version(&self.tx, path, id, Some(expected)) {
            Ok(_) => {}
            Err(StoreError::Conflict { .. } | StoreError::NotFound { .. }) => return Ok(false),
            Err(e) => return Err(e),
        }
        write_plan(&self.tx, id, list, plan).map_err(|e| map_error(path, e))?;
        Ok(true)
    }

    fn rename(&mut self, id: i64, expected: &str, name: &str, search_text: &str) -> Result<String> {
        let path = self.path;
        let name = check_name(path, name)?;
        let current = expect_version(&self.tx, path, id, Some(expected))?;
        let stamp = next_stamp(&current);
        self.tx
            .execute(
                "UPDATE cases SET name = ?2, search_text = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, name, search_text, stamp],
            )
            .map_err(|e| map_error(path, e))?;
        Ok(stamp)
    }

    fn append_audit(&mut self, entry: &crate::AuditEntry) -> Result<i64> {
        super::audit::append(&self.tx, self.path, entry)
    }

    fn set_archived(
        &mut self,
        id: i64,
        archived: bool,
        expected: Option<&str>,
    ) -> Result<CaseRecord> {
        archive(&self.tx, self.path, id, archived, expected)
    }

    fn delete_case(&mut self, id: i64, expected: Option<&str>) -> Result<DeleteToken> {
        delete(&self.tx, self.path, id, expected)
    }

    fn undo_delete(&mut self, id: i64) -> Result<CaseRecord> {
        undelete(&self.tx, self.path, id)
    }

    fn purge_deleted(&mut self, age: Duration) -> Result<Vec<i64>> {
        purge(&self.tx, self.path, age)
    }

    fn erase_case(&mut self, id: i64) -> Result<usize> {
        erase(&self.tx, self.path, id)?;
        super::audit::erase_values(&self.tx, self.path, id)
    }

    fn commit(self: Box<Self>) -> Result<()> {
        let path = self.path;
        self.tx.commit().map_err(|e| map_error(path, e))
    }
}

impl SqliteStore {
    pub(super) fn acknowledge_case(&mut self, id: i64, seen: &str) -> Result<()> {
        check_json(&self.path, "seen snapshot", seen)?;
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
        tx.commit().map_err(|e| map_error(&path, e))
    }

    /// Runs `f` in one write transaction and commits.
    fn in_tx<T>(&mut self, f: impl FnOnce(&Connection, &Path) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let out = f(&tx, &path)?;
        tx.commit().map_err(|e| map_error(&path, e))?;
        Ok(out)
    }

    pub(super) fn archive(
        &mut self,
        id: i64,
        archived: bool,
        expected: Option<&str>,
    ) -> Result<CaseRecord> {
        self.in_tx(|c, p| archive(c, p, id, archived, expected))
    }

    pub(super) fn delete(&mut self, id: i64, expected: Option<&str>) -> Result<DeleteToken> {
        self.in_tx(|c, p| delete(c, p, id, expected))
    }

    pub(super) fn undelete(&mut self, id: i64) -> Result<CaseRecord> {
        self.in_tx(|c, p| undelete(c, p, id))
    }

    pub(super) fn purge(&mut self, age: Duration) -> Result<usize> {
        self.in_tx(|c, p| purge(c, p, age)).map(|ids| ids.len())
    }

    pub(super) fn notes(
        &mut self,
        id: i64,
        notes: &str,
        expected: Option<&str>,
    ) -> Result<CaseRecord> {
        let path = self.path.clone();
        let tx = self.write_tx()?;
        let current = expect_version(&tx, &path, id, expected)?;
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
}

/// Sets one column of a live case whose version is `expected` and gives it
/// a new version.
fn touch(
    conn: &Connection,
    path: &Path,
    id: i64,
    expected: Option<&str>,
    assignment: &str,
    value: rusqlite::types::Value,
) -> Result<CaseRecord> {
    let current = expect_version(conn, path, id, expected)?;
    conn.execute(
        &format!("UPDATE cases SET updated_at = ?2, {assignment} WHERE id = ?1"),
        params![id, next_stamp(&current), value],
    )
    .map_err(|e| map_error(path, e))?;
    read_case(conn, path, id)
}

pub(super) fn archive(
    conn: &Connection,
    path: &Path,
    id: i64,
    archived: bool,
    expected: Option<&str>,
) -> Result<CaseRecord> {
    let status = if archived {
        STATUS_ARCHIVED
    } else {
        STATUS_ACTIVE
    };
    touch(
        conn,
        path,
        id,
        expected,
        "status = ?3",
        rusqlite::types::Value::Text(status.into()),
    )
}

pub(super) fn delete(
    conn: &Connection,
    path: &Path,
    id: i64,
    expected: Option<&str>,
) -> Result<DeleteToken> {
    expect_version(conn, path, id, expected)?;
    let deleted_at = now_stamp();
    conn.execute(
        "UPDATE cases SET deleted_at = ?2 WHERE id = ?1",
        params![id, deleted_at],
    )
    .map_err(|e| map_error(path, e))?;
    Ok(DeleteToken { id, deleted_at })
}

pub(super) fn undelete(conn: &Connection, path: &Path, id: i64) -> Result<CaseRecord> {
    let record = read_case(conn, path, id)?;
    if !record.deleted {
        return Err(StoreError::Invalid {
            path: path.to_owned(),
            message: format!("case {id} is not deleted"),
        });
    }
    conn.execute(
        "UPDATE cases SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1",
        params![id, next_stamp(&record.updated_at)],
    )
    .map_err(|e| map_error(path, e))?;
    read_case(conn, path, id)
}

/// Removes for good the cases soft-deleted more than `age` ago; their ids.
pub(super) fn purge(conn: &Connection, path: &Path, age: Duration) -> Result<Vec<i64>> {
    let age = chrono::Duration::from_std(age).unwrap_or(chrono::Duration::MAX);
    let cutoff = Utc::now()
        .checked_sub_signed(age)
        .map(format_stamp)
        // Older than the beginning of time: nothing qualifies.
        .unwrap_or_default();
    let ids = conn
        .prepare("DELETE FROM cases WHERE deleted_at IS NOT NULL AND deleted_at <= ?1 RETURNING id")
        .and_then(|mut s| {
            s.query_map(params![cutoff], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()
        })
        .map_err(|e| map_error(path, e))?;
    Ok(ids)
}

/// Removes case `id` for good, whatever its state (its documents with it).
pub(super) fn erase(conn: &Connection, path: &Path, id: i64) -> Result<()> {
    read_case(conn, path, id)?;
    conn.execute("DELETE FROM cases WHERE id = ?1", params![id])
        .map_err(|e| map_error(path, e))?;
    Ok(())
}
