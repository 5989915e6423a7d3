//! The audit trail on SQLite: append (inside the unit of work of the change
//! it records), read, erase a case's values, and scrub freed space.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::{map_error, now_stamp, SqliteStore};
use crate::audit::{self, AuditEntry, AuditFilter, AuditRecord, AuditValues, GENESIS};
use crate::{Result, StoreError};

/// Appends `entry` after the last entry, in the caller's transaction (a
/// `BEGIN IMMEDIATE` one, so no other writer can append in between).
pub(super) fn append(conn: &Connection, path: &Path, entry: &AuditEntry) -> Result<i64> {
    #[cfg(feature = "test-hooks")]
    if std::env::var_os(super::TEST_NO_AUDIT_ENV).is_some() {
        return Ok(0);
    }
    let err = |e| map_error(path, e);
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .map_err(err)?;
    let (seq, prev_hash) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_owned()),
    };
    let at = now_stamp();
    let fields: Vec<String> = entry.changes.iter().map(|c| c.field.clone()).collect();
    let salt = audit::new_salt().map_err(|message| StoreError::Io {
        path: path.to_owned(),
        message,
    })?;
    let values = audit::values_json(entry);
    let digest = audit::values_digest(&salt, &values);
    let hash = audit::chain_hash(
        &prev_hash,
        &audit::canonical(
            seq,
            entry.case_id,
            &at,
            &entry.actor,
            &entry.machine,
            &entry.action,
            &fields,
            &digest,
        ),
    );
    let fields_json = serde_json::to_string(&fields).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, case_id, at, actor, machine, action, fields, \
         values_digest, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut s| {
        s.execute(params![
            seq,
            entry.case_id,
            at,
            entry.actor,
            entry.machine,
            entry.action,
            fields_json,
            digest,
            prev_hash,
            hash
        ])
    })
    .map_err(err)?;
    conn.prepare_cached("INSERT INTO audit_values (seq, salt, values_json) VALUES (?1, ?2, ?3)")
        .and_then(|mut s| s.execute(params![seq, salt, values]))
        .map_err(err)?;
    Ok(seq)
}

/// The entries matching `filter`, oldest first, with their values where kept.
pub(super) fn entries(
    conn: &Connection,
    path: &Path,
    filter: &AuditFilter,
) -> Result<Vec<AuditRecord>> {
    let (from, to) = filter.stamp_range();
    let mut stmt = conn
        .prepare_cached(
            "SELECT l.seq, l.case_id, l.at, l.actor, l.machine, l.action, l.fields, \
                    l.values_digest, l.prev_hash, l.hash, v.salt, v.values_json \
             FROM audit_log l LEFT JOIN audit_values v ON v.seq = l.seq \
             WHERE (?1 IS NULL OR l.case_id = ?1) AND (?2 IS NULL OR l.at >= ?2) \
               AND (?3 IS NULL OR l.at < ?3) \
             ORDER BY l.seq",
        )
        .map_err(|e| map_error(path, e))?;
    let rows = stmt
        .query_map(params![filter.case_id, from, to], |r| {
            let fields: String = r.get(6)?;
            let salt: Option<String> = r.get(10)?;
            let json: Option<String> = r.get(11)?;
            Ok(AuditRecord {
                seq: r.get(0)?,
                case_id: r.get(1)?,
                at: r.get(2)?,
                actor: r.get(3)?,
                machine: r.get(4)?,
                action: r.get(5)?,
                // Damaged names read as none: verify then reports the entry.
                fields: serde_json::from_str(&fields).unwrap_or_default(),
                values_digest: r.get(7)?,
                prev_hash: r.get(8)?,
                hash: r.get(9)?,
                values: salt
                    .zip(json)
                    .map(|(salt, json)| AuditValues { salt, json }),
            })
        })
        .map_err(|e| map_error(path, e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| map_error(path, e))
}

/// Deletes the values of every entry of case `case_id`; how many.
pub(super) fn erase_values(conn: &Connection, path: &Path, case_id: i64) -> Result<usize> {
    conn.execute(
        "DELETE FROM audit_values WHERE seq IN (SELECT seq FROM audit_log WHERE case_id = ?1)",
        params![case_id],
    )
    .map_err(|e| map_error(path, e))
}

impl SqliteStore {
    /// Leaves no deleted byte in the file or its -wal: deleted content is
    /// already zeroed (`secure_delete`, set at open); VACUUM rewrites the
    /// file without free pages, and a TRUNCATE checkpoint empties the -wal.
    pub(super) fn scrub(&mut self) -> Result<()> {
        let path = self.path.clone();
        let err = |e| map_error(&path, e);
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(err)?;
        self.conn.execute_batch("VACUUM").map_err(err)?;
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .map_err(err)?;
        if busy != 0 {
            return Err(StoreError::Locked { path });
        }
        Ok(())
    }
}
