//! The audit trail of the SQLite store: appended in the unit of work of the
//! change, read back by case and date, tamper-evident (each kind of
//! tampering found by `audit::verify`), migrated from every earlier schema,
//! and erasable per case leaving no byte of the values in the file or -wal.

use std::path::{Path, PathBuf};

use permit_store::audit::{self, AuditFault, AuditProblem, ACTION_ERASED};
use permit_store::{
    AuditChange, AuditEntry, AuditFilter, CaseContent, NewCase, SqliteStore, Store, SCHEMA_VERSION,
};
use rusqlite::Connection;
use serde_json::json;

mod common;
use common::TempDir;

fn entry(case_id: Option<i64>, action: &str, field: &str, old: &str, new: &str) -> AuditEntry {
    AuditEntry {
        case_id,
        actor: "officer".into(),
        machine: "desk-1".into(),
        action: action.into(),
        changes: vec![AuditChange {
            field: field.into(),
            old: json!(old),
            new: json!(new),
        }],
        detail: serde_json::Value::Null,
    }
}

fn new_case(store: &mut dyn Store, name: &str, situation: &str) -> i64 {
    let mut tx = store.begin().unwrap();
    let ids = tx
        .insert(&[NewCase {
            name: name.into(),
            notes: String::new(),
            content: CaseContent {
                situation_json: situation.into(),
                ..CaseContent::default()
            },
        }])
        .unwrap();
    tx.append_audit(&entry(Some(ids[0]), "create", "name", "", name))
        .unwrap();
    tx.commit().unwrap();
    ids[0]
}

/// A workspace with two cases and five entries (seq 1..=5).
fn logged(path: &Path) -> SqliteStore {
    let mut store = SqliteStore::open(path).unwrap();
    let a = new_case(&mut store, "Ana Lima", r#"{"salary":"41000"}"#);
    let b = new_case(&mut store, "Bo Berg", "{}");
    for (case, field, old, new) in [
        (a, "salary.amount", "41000", "45000"),
        (b, "applicant.name", "", "Bo Berg"),
        (a, "dates.passport_expiry", "", "2031-05-17"),
    ] {
        let mut tx = store.begin().unwrap();
        tx.append_audit(&entry(Some(case), "edit", field, old, new))
            .unwrap();
        tx.commit().unwrap();
    }
    store
}

fn all(store: &dyn Store) -> Vec<permit_store::AuditRecord> {
    store.audit_entries(&AuditFilter::default()).unwrap()
}

fn problems(path: &Path) -> Vec<AuditProblem> {
    let store = SqliteStore::open(path).unwrap();
    audit::verify(&all(&store))
}

/// Runs raw SQL on the file as someone with the file would: the
/// append-only triggers dropped first (they are the first obstacle only).
fn tamper(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; {sql}"
    ))
    .unwrap();
    // Put them back so the workspace opens (a missing trigger is not a
    // foreign object, but keep the file as the migrations made it).
    conn.execute_batch(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    )
    .unwrap();
}

fn faults(p: &[AuditProblem]) -> Vec<(i64, AuditFault)> {
    p.iter().map(|p| (p.seq, p.fault)).collect()
}

#[test]
fn entries_are_chained_filtered_and_an_untouched_log_verifies() {
    let dir = TempDir::new("chain");
    let store = logged(&dir.file());
    let log = all(&store);
    assert_eq!(log.len(), 5);
    assert_eq!(
        log.iter().map(|r| r.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(log[0].prev_hash, audit::GENESIS);
    for w in log.windows(2) {
        assert_eq!(w[1].prev_hash, w[0].hash);
    }
    assert_eq!(log[2].fields, ["salary.amount"]);
    assert_eq!(
        (log[2].actor.as_str(), log[2].machine.as_str()),
        ("officer", "desk-1")
    );
    let values = log[2].values.as_ref().unwrap();
    assert!(values.json.contains("45000"), "{}", values.json);
    assert!(audit::verify(&log).is_empty());

    let of_a = store
        .audit_entries(&AuditFilter {
            case_id: Some(1),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(of_a.iter().map(|r| r.seq).collect::<Vec<_>>(), [1, 3, 5]);
    let today = chrono::Utc::now().date_naive();
    let day = |from, to| {
        store
            .audit_entries(&AuditFilter {
                from,
                to,
                ..AuditFilter::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(day(Some(today), Some(today)), 5);
    assert_eq!(day(today.succ_opt(), None), 0);
    assert_eq!(day(None, today.pred_opt()), 0);
}

#[test]
fn an_entry_is_written_with_its_unit_of_work_or_not_at_all() {
    let dir = TempDir::new("uow");
    let mut store = logged(&dir.file());
    {
        let mut tx = store.begin().unwrap();
        tx.set_archived(1, true, None).unwrap();
        tx.append_audit(&entry(Some(1), "archive", "status", "active", "archived"))
            .unwrap();
        // dropped: neither the change nor its entry
    }
    assert_eq!(store.get_case(1).unwrap().status, "active");
    assert_eq!(all(&store).len(), 5);
    let mut tx = store.begin().unwrap();
    tx.set_archived(1, true, None).unwrap();
    tx.append_audit(&entry(Some(1), "archive", "status", "active", "archived"))
        .unwrap();
    tx.commit().unwrap();
    assert_eq!(store.get_case(1).unwrap().status, "archived");
    assert_eq!(all(&store).len(), 6);
}

#[test]
fn the_log_refuses_update_and_delete_through_sql() {
    let dir = TempDir::new("triggers");
    drop(logged(&dir.file()));
    let conn = Connection::open(dir.file()).unwrap();
    for sql in [
        "UPDATE audit_log SET actor = 'someone' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 2",
    ] {
        let e = conn.execute_batch(sql).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
    drop(conn);
    assert!(problems(&dir.file()).is_empty());
}

#[test]
fn verify_finds_an_edited_entry() {
    let dir = TempDir::new("edited");
    drop(logged(&dir.file()));
    tamper(
        &dir.file(),
        "UPDATE audit_log SET actor = 'someone' WHERE seq = 3",
    );
    assert_eq!(faults(&problems(&dir.file())), [(3, AuditFault::Edited)]);
}

#[test]
fn verify_finds_a_deleted_entry() {
    let dir = TempDir::new("deleted");
    drop(logged(&dir.file()));
    tamper(
        &dir.file(),
        "DELETE FROM audit_values WHERE seq = 3; DELETE FROM audit_log WHERE seq = 3",
    );
    assert_eq!(
        faults(&problems(&dir.file())),
        [(4, AuditFault::Gap), (4, AuditFault::Broken)]
    );
}

#[test]
fn verify_finds_an_inserted_entry_even_with_its_own_hash_right() {
    let dir = TempDir::new("inserted");
    drop(logged(&dir.file()));
    // A forged entry put in as seq 3, the later ones renumbered; its own
    // hash computed correctly over the previous entry's.
    let store = SqliteStore::open(dir.file()).unwrap();
    let log = all(&store);
    drop(store);
    let digest = audit::values_digest("00", "{}");
    let fields = vec!["salary.amount".to_owned()];
    let at = log[2].at.clone();
    let hash = audit::chain_hash(
        &log[1].hash,
        &audit::canonical(
            3,
            Some(1),
            &at,
            "officer",
            "desk-1",
            "edit",
            &fields,
            &digest,
        ),
    );
    tamper(
        &dir.file(),
        &format!(
            "UPDATE audit_values SET seq = seq + 100 WHERE seq >= 3;
             UPDATE audit_values SET seq = seq - 99 WHERE seq >= 100;
             UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3;
             UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100;
             INSERT INTO audit_log VALUES (3, 1, '{at}', 'officer', 'desk-1', 'edit',
                 '[\"salary.amount\"]', '{digest}', '{}', '{hash}');
             INSERT INTO audit_values VALUES (3, '00', '{{}}');",
            log[1].hash
        ),
    );
    let found = faults(&problems(&dir.file()));
    // The entries after it were renumbered (their hashes cover the number)
    // and the first of them no longer follows its predecessor.
    assert!(found.contains(&(4, AuditFault::Broken)), "{found:?}");
    assert!(found.contains(&(4, AuditFault::Edited)), "{found:?}");
    assert!(!found.iter().any(|(s, _)| *s == 3), "{found:?}");
}

#[test]
fn verify_finds_reordered_entries() {
    let dir = TempDir::new("reordered");
    drop(logged(&dir.file()));
    // Entries 3 and 4 swap places, each keeping its own content and hash.
    tamper(
        &dir.file(),
        "UPDATE audit_log SET seq = -3 WHERE seq = 3;
         UPDATE audit_log SET seq = 3 WHERE seq = 4;
         UPDATE audit_log SET seq = 4 WHERE seq = -3;
         UPDATE audit_values SET seq = -3 WHERE seq = 3;
         UPDATE audit_values SET seq = 3 WHERE seq = 4;
         UPDATE audit_values SET seq = 4 WHERE seq = -3;",
    );
    let found = faults(&problems(&dir.file()));
    for seq in [3, 4, 5] {
        assert!(
            found.contains(&(seq, AuditFault::Broken)),
            "{seq}: {found:?}"
        );
    }
}

#[test]
fn verify_finds_edited_or_deleted_values_of_a_case_not_erased() {
    let dir = TempDir::new("values");
    drop(logged(&dir.file()));
    tamper(
        &dir.file(),
        "UPDATE audit_values SET values_json = replace(values_json, '45000', '50000') WHERE seq = 3;
         DELETE FROM audit_values WHERE seq = 4;",
    );
    assert_eq!(
        faults(&problems(&dir.file())),
        [
            (3, AuditFault::ValuesEdited),
            (4, AuditFault::ValuesMissing)
        ]
    );
}

/// Whether `needle` occurs anywhere in the bytes of `path` (absent file: no).
fn holds(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn erasing_a_case_leaves_its_values_nowhere_and_the_chain_verifies() {
    let dir = TempDir::new("erase");
    let path = dir.file();
    let mut store = logged(&path);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(holds(&path, "45000") || holds(&wal, "45000"));

    let mut tx = store.begin().unwrap();
    assert_eq!(tx.erase_case(1).unwrap(), 3);
    tx.append_audit(&AuditEntry {
        case_id: Some(1),
        actor: "officer".into(),
        machine: "desk-1".into(),
        action: ACTION_ERASED.into(),
        ..AuditEntry::default()
    })
    .unwrap();
    tx.commit().unwrap();
    store.scrub_deleted().unwrap();

    assert!(store.get_case(1).is_err());
    let log = all(&store);
    assert_eq!(log.len(), 6);
    assert!(log
        .iter()
        .filter(|r| r.case_id == Some(1) && r.seq < 6)
        .all(|r| r.values.is_none()));
    // Case 2's values stay.
    assert!(log[1].values.is_some() && log[3].values.is_some());
    assert!(audit::verify(&log).is_empty(), "{:?}", audit::verify(&log));
    for needle in ["Ana Lima", "41000", "45000", "2031-05-17"] {
        for file in [&path, &wal] {
            assert!(!holds(file, needle), "{needle} left in {}", file.display());
        }
    }
    assert!(holds(&path, "Bo Berg") || holds(&wal, "Bo Berg"));
    drop(store);
    for needle in ["Ana Lima", "45000"] {
        assert!(!holds(&path, needle), "{needle} left after close");
    }
}

#[test]
fn every_older_schema_version_gains_an_empty_log_that_records() {
    let dir = TempDir::new("migrate");
    for version in 1..SCHEMA_VERSION {
        let path = dir.0.join(format!("v{version}.sqlite3"));
        permit_store::create_at_schema(&path, version).unwrap();
        let mut store = SqliteStore::open(&path)
            .unwrap_or_else(|e| panic!("version {version} does not open: {e}"));
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert!(all(&store).is_empty(), "from version {version}");
        let id = new_case(&mut store, "Old", "{}");
        assert_eq!(all(&store).len(), 1, "from version {version}");
        assert_eq!(all(&store)[0].case_id, Some(id));
        assert!(audit::verify(&all(&store)).is_empty());
        drop(store);
        // Reopened: the triggers are the migrations' own, not foreign.
        assert_eq!(all(&SqliteStore::open(&path).unwrap()).len(), 1);
    }
}
