//! Integration tests of the workspace store, each on its own file in a
//! fresh temporary folder.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use permit_store::{ListFilter, NewCase, Sort, Store, StoreError, SCHEMA_VERSION};
use rusqlite::Connection;

/// A fresh folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "permit-store-test-{}-{}-{}-{}",
            tag,
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn file(&self) -> PathBuf {
        self.0.join("workspace.sqlite3")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const SITUATION: &str = r#"{"scheme":"pay_limit","salary_dkk":"500000"}"#;

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn user_version(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn names(list: &[permit_store::CaseSummary]) -> Vec<&str> {
    list.iter().map(|c| c.name.as_str()).collect()
}

// ---------- migrations and opening ----------

#[test]
fn fresh_file_gets_the_latest_schema_version_in_a_new_folder() {
    let dir = TempDir::new("fresh");
    let path = dir.0.join("nested").join("deeper").join("w.sqlite3");
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(SCHEMA_VERSION, 6);
    assert_eq!(store.schema_version().unwrap(), 6);
    assert_eq!(store.path(), path.as_path());
    drop(store);
    assert_eq!(user_version(&path), 6);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// The schema of version 1 exactly as released (migration 0).
const SCHEMA_V1: &str = r#"
    CREATE TABLE cases (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
        status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        next_deadline TEXT CHECK (next_deadline IS NULL OR date(next_deadline) IS next_deadline),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
    );
    CREATE INDEX cases_next_deadline ON cases (next_deadline);
    CREATE INDEX cases_deleted_at ON cases (deleted_at);
    CREATE TABLE case_documents (
        case_id        INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        situation_json TEXT NOT NULL CHECK (json_valid(situation_json)),
        checklist_json TEXT NOT NULL CHECK (json_valid(checklist_json))
    );
    PRAGMA user_version = 1;
"#;

#[test]
fn a_version_1_file_is_migrated_to_the_latest_version_keeping_its_cases() {
    let dir = TempDir::new("migrate-v1");
    let path = dir.file();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(SCHEMA_V1).unwrap();
        conn.execute_batch(
            "INSERT INTO cases (name, next_deadline, created_at, updated_at) \
             VALUES ('Old case', '2027-03-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
             INSERT INTO case_documents VALUES (1, '{\"scheme\":\"pay_limit\"}', '{\"passport\":true}');",
        )
        .unwrap();
    }
    assert_eq!(user_version(&path), 1);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let case = store.get_case(1).unwrap();
    assert_eq!(case.name, "Old case");
    assert_eq!(case.situation_json, r#"{"scheme":"pay_limit"}"#);
    assert_eq!(case.digest_json, r#"{"passport":true}"#);
    assert_eq!(case.next_deadline, date(2027, 3, 1));
    assert_eq!(case.notes, "");
    // The new parts of the schema work on the migrated file.
    let t = store
        .save_template("Agency", r#"[{"name":"Lease"}]"#)
        .unwrap();
    assert_eq!(t.name, "Agency");
    let case = store.set_notes(1, "call Monday").unwrap();
    assert_eq!(case.notes, "call Monday");
    drop(store);
    assert_eq!(user_version(&path), SCHEMA_VERSION);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.get_case(1).unwrap().notes, "call Monday");
    assert_eq!(store.list_templates().unwrap().len(), 1);
}

/// What versions 2 and 3 added, exactly as released (migrations 1 and 2).
const SCHEMA_V2_V3: &str = r#"
    ALTER TABLE case_documents ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    CREATE TABLE templates (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        items_json TEXT NOT NULL CHECK (json_valid(items_json)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    ALTER TABLE cases ADD COLUMN rules_version TEXT;
    ALTER TABLE cases ADD COLUMN rules_changed INTEGER NOT NULL DEFAULT 0 CHECK (rules_changed IN (0, 1));
    ALTER TABLE case_documents ADD COLUMN seen_json TEXT CHECK (seen_json IS NULL OR json_valid(seen_json));
    ALTER TABLE case_documents ADD COLUMN plan_json TEXT CHECK (plan_json IS NULL OR json_valid(plan_json));
    PRAGMA user_version = 3;
"#;

#[test]
fn a_version_3_file_has_its_checklist_column_renamed_to_digest_keeping_everything() {
    let dir = TempDir::new("migrate-v3");
    let path = dir.file();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(SCHEMA_V1).unwrap();
        conn.execute_batch(SCHEMA_V2_V3).unwrap();
        conn.execute_batch(
            "INSERT INTO cases (name, next_deadline, created_at, updated_at, rules_version, rules_changed) \
             VALUES ('Old case', '2027-03-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '7', 1);
             INSERT INTO case_documents (case_id, situation_json, checklist_json, notes, seen_json, plan_json) \
             VALUES (1, '{\"scheme\":\"pay_limit\"}', '{\"forms\":[\"AR1\"]}', 'call Monday', '{\"a\":1}', '{\"b\":2}');",
        )
        .unwrap();
    }
    assert_eq!(user_version(&path), 3);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let case = store.get_case(1).unwrap();
    assert_eq!(case.digest_json, r#"{"forms":["AR1"]}"#);
    assert_eq!(case.notes, "call Monday");
    let st = store.plan_state(1).unwrap();
    assert_eq!(
        st.rules_version, None,
        "to be re-planned: the digest gained fields"
    );
    assert!(st.rules_changed, "a change waiting to be seen stays");
    assert_eq!(st.seen_json.as_deref(), Some(r#"{"a":1}"#));
    // The form filter reads the renamed column.
    let ar1 = ListFilter {
        form: Some("AR1".into()),
        ..ListFilter::default()
    };
    assert_eq!(store.list_cases(&ar1, Sort::Name).unwrap().len(), 1);
    // The renamed column keeps its constraint: invalid JSON is refused.
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let cols: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('case_documents')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        cols.contains(&"digest_json".to_owned()) && !cols.contains(&"checklist_json".to_owned()),
        "{cols:?}"
    );
    assert!(conn
        .execute(
            "UPDATE case_documents SET digest_json = 'not json' WHERE case_id = 1",
            []
        )
        .is_err());
}

#[test]
fn templates_save_replace_list_delete() {
    let dir = TempDir::new("templates");
    let mut store = Store::open(dir.file()).unwrap();
    assert!(store.list_templates().unwrap().is_empty());
    let a = store
        .save_template("  Agency  ", r#"[{"name":"Lease"}]"#)
        .unwrap();
    assert_eq!(a.name, "Agency");
    let b = store
        .save_template("Agency", r#"[{"name":"Lease"},{"name":"NDA"}]"#)
        .unwrap();
    assert_eq!(b.id, a.id, "saving under the same name replaces");
    assert_eq!(b.created_at, a.created_at);
    assert!(b.items_json.contains("NDA"));
    store.save_template("Employer", "[]").unwrap();
    let names: Vec<String> = store
        .list_templates()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Agency", "Employer"]);
    assert!(store.save_template(" ", "[]").is_err());
    assert_eq!(store.save_template("X", "[").unwrap_err().kind(), "invalid");
    assert!(store.get_template("Nope").unwrap().is_none());
    assert!(store.delete_template("Agency").unwrap());
    assert!(!store.delete_template("Agency").unwrap());
    assert_eq!(store.list_templates().unwrap().len(), 1);
}

#[test]
fn import_cases_keeps_checklist_and_notes_all_or_nothing() {
    let dir = TempDir::new("import-cases");
    let mut store = Store::open(dir.file()).unwrap();
    let good = permit_store::NewCase {
        name: "A".into(),
        situation_json: "{}".into(),
        digest_json: r#"{"passport":true}"#.into(),
        notes: "n".into(),
        next_deadline: date(2027, 1, 2),
        ..NewCase::default()
    };
    let ids = store.import_cases(std::slice::from_ref(&good)).unwrap();
    let c = store.get_case(ids[0]).unwrap();
    assert_eq!(
        (c.digest_json.as_str(), c.notes.as_str()),
        (r#"{"passport":true}"#, "n")
    );
    let dup = store.duplicate_case(ids[0], "B").unwrap();
    assert_eq!(dup.notes, "n");
    let bad = permit_store::NewCase {
        digest_json: "{".into(),
        ..good.clone()
    };
    let err = store.import_cases(&[good, bad]).unwrap_err();
    assert!(err.to_string().contains("item 1"), "{err}");
    assert_eq!(
        store
            .list_cases(&ListFilter::default(), Sort::Name)
            .unwrap()
            .len(),
        2
    );
}

/// The number of rows of `table`, read with raw SQL (a half case would show
/// as a `cases` row without its documents).
fn rows(path: &Path, table: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn creating_a_case_is_one_transaction_and_a_failed_second_part_leaves_no_half_case() {
    let dir = TempDir::new("create-one");
    let path = dir.file();
    let mut store = Store::open(&path).unwrap();
    let case = NewCase {
        name: "Ana".into(),
        situation_json: SITUATION.into(),
        digest_json: r#"{"forms":["AR1"]}"#.into(),
        notes: "n".into(),
        next_deadline: date(2027, 1, 2),
        rules_version: Some("7".into()),
        plan_json: Some(r#"{"p":1}"#.into()),
    };
    let rec = store.create(&case).unwrap();
    assert_eq!((rec.name.as_str(), rec.notes.as_str()), ("Ana", "n"));
    assert_eq!(rec.next_deadline, date(2027, 1, 2));
    let st = store.plan_state(rec.id).unwrap();
    assert_eq!(st.rules_version.as_deref(), Some("7"));
    assert_eq!(st.plan_json.as_deref(), Some(r#"{"p":1}"#));
    assert_eq!(
        st.seen_json.as_deref(),
        Some(r#"{"p":1}"#),
        "a new case has seen its plan"
    );
    assert!(!st.rules_changed);
    // The second part (the documents row) fails on its snapshot, after the
    // `cases` row is in: nothing of the case is left.
    let broken = NewCase {
        name: "Half".into(),
        plan_json: Some("{".into()),
        ..case.clone()
    };
    assert!(store.create(&broken).is_err());
    assert_eq!(
        (rows(&path, "cases"), rows(&path, "case_documents")),
        (1, 1)
    );
    assert!(store.import_cases(&[case.clone(), broken]).is_err());
    assert_eq!(
        (rows(&path, "cases"), rows(&path, "case_documents")),
        (1, 1)
    );
    // The workspace goes on.
    let next = store.create(&case).unwrap();
    assert_eq!(store.get_case(next.id).unwrap().notes, "n");
}

#[test]
fn reopening_keeps_data() {
    let dir = TempDir::new("reopen");
    let id = {
        let mut store = Store::open(dir.file()).unwrap();
        store.create_case("Ana", SITUATION).unwrap().id
    };
    let store = Store::open(dir.file()).unwrap();
    let case = store.get_case(id).unwrap();
    assert_eq!(case.name, "Ana");
    assert_eq!(case.situation_json, SITUATION);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn newer_schema_version_is_refused_and_untouched() {
    let dir = TempDir::new("newer");
    let path = dir.file();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    match &err {
        StoreError::NewerVersion {
            path: p,
            found,
            supported,
        } => {
            assert_eq!(p, &path);
            assert_eq!(*found, 99);
            assert_eq!(*supported, SCHEMA_VERSION);
        }
        other => panic!("expected NewerVersion, got {other:?}"),
    }
    assert_eq!(err.kind(), "newer_version");
    assert!(err.to_string().contains("workspace.sqlite3"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(user_version(&path), 99);
}

#[test]
fn newer_schema_version_in_wal_mode_is_untouched() {
    let dir = TempDir::new("newer-wal");
    let path = dir.file();
    {
        let conn = Connection::open(&path).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 7;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found: 7, .. }),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

fn assert_corrupt_untouched(path: &Path) {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path).unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { path: p, .. } if p == path),
        "expected Corrupt, got {err:?}"
    );
    assert_eq!(err.kind(), "corrupt");
    assert_eq!(std::fs::read(path).unwrap(), before, "file was modified");
    // Still untouched on a second attempt (never recreated over).
    assert!(Store::open(path).is_err());
    assert_eq!(std::fs::read(path).unwrap(), before);
}

#[test]
fn random_bytes_are_corrupt_and_untouched() {
    let dir = TempDir::new("random");
    let path = dir.file();
    // Deterministic pseudo-random bytes (xorshift).
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(&path, &bytes).unwrap();
    assert_corrupt_untouched(&path);
}

#[test]
fn text_file_is_corrupt_and_untouched() {
    let dir = TempDir::new("text");
    let path = dir.file();
    std::fs::write(
        &path,
        "name,situation\nAna,{}\nthis is a CSV file, not a workspace\n".repeat(20),
    )
    .unwrap();
    assert_corrupt_untouched(&path);
}

#[test]
fn damaged_database_is_corrupt_and_untouched() {
    let dir = TempDir::new("damaged");
    let path = dir.file();
    {
        let mut store = Store::open(&path).unwrap();
        let items: Vec<(String, String, Option<NaiveDate>)> = (0..300)
            .map(|i| (format!("case {i}"), SITUATION.to_string(), None))
            .collect();
        store.import_many(&items).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 4 * 4096, "{}", bytes.len());
    // Scribble over the second and third pages (b-tree pages).
    for b in &mut bytes[4096..3 * 4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_corrupt_untouched(&path);
}

#[test]
fn locked_database_reports_locked_within_the_busy_timeout() {
    let dir = TempDir::new("locked");
    let path = dir.file();
    drop(Store::open(&path).unwrap());
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let start = Instant::now();
    let err = Store::open(&path).unwrap_err();
    let waited = start.elapsed();
    assert!(
        matches!(&err, StoreError::Locked { path: p } if p == &path),
        "expected Locked, got {err:?}"
    );
    assert_eq!(err.kind(), "locked");
    assert!(
        waited >= Duration::from_millis(1500),
        "gave up too early: {waited:?}"
    );
    assert!(
        waited < Duration::from_secs(10),
        "waited too long: {waited:?}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    Store::open(&path).unwrap();
}

#[test]
fn a_short_lock_is_waited_out() {
    let dir = TempDir::new("short-lock");
    let path = dir.file();
    let mut store = Store::open(&path).unwrap();
    let case = store.create_case("Ana", SITUATION).unwrap();
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let holder_path = path.clone();
    let holder = std::thread::spawn(move || {
        let conn = Connection::open(&holder_path).unwrap();
        conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
        held_tx.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        conn.execute_batch("COMMIT").unwrap();
    });
    held_rx.recv().unwrap();
    let start = Instant::now();
    let renamed = store.rename_case(case.id, "Bea").unwrap();
    assert_eq!(renamed.name, "Bea");
    assert!(
        start.elapsed() >= Duration::from_millis(100),
        "{:?}",
        start.elapsed()
    );
    holder.join().unwrap();
    drop(store);
    assert_eq!(
        Store::open(&path).unwrap().get_case(case.id).unwrap().name,
        "Bea"
    );
}

#[test]
fn locked_fresh_database_reports_locked() {
    // A rollback-journal database (never opened by the store) held EXCLUSIVE:
    // even reading the schema version is blocked.
    let dir = TempDir::new("locked-fresh");
    let path = dir.file();
    let holder = Connection::open(&path).unwrap();
    holder
        .execute_batch("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);")
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.kind(), "locked", "{err:?}");
}

#[test]
fn a_write_while_locked_reports_locked_and_saves_nothing() {
    let dir = TempDir::new("locked-write");
    let path = dir.file();
    let mut store = Store::open(&path).unwrap();
    let case = store.create_case("Ana", SITUATION).unwrap();
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = store.rename_case(case.id, "Bea").unwrap_err();
    assert_eq!(err.kind(), "locked", "{err:?}");
    // Readers are not blocked in WAL mode.
    assert_eq!(store.get_case(case.id).unwrap().name, "Ana");
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(store.rename_case(case.id, "Bea").unwrap().name, "Bea");
}

#[test]
fn a_folder_is_not_a_workspace() {
    let dir = TempDir::new("folder");
    let err = Store::open(&dir.0).unwrap_err();
    assert_eq!(err.kind(), "io");
    assert_eq!(err.path(), dir.0.as_path());
}

// ---------- transactions ----------

fn snapshot(store: &Store) -> Vec<permit_store::CaseRecord> {
    let all = ListFilter {
        include_deleted: true,
        ..ListFilter::default()
    };
    store
        .list_cases(&all, Sort::Name)
        .unwrap()
        .iter()
        .map(|s| store.get_case(s.id).unwrap())
        .collect()
}

#[test]
fn import_many_is_all_or_nothing() {
    let dir = TempDir::new("import");
    let mut store = Store::open(dir.file()).unwrap();
    store.create_case("Existing", SITUATION).unwrap();
    let before = snapshot(&store);

    // Empty name: refused by the CHECK constraint, after two good inserts.
    let bad = [
        ("A", SITUATION, date(2027, 1, 1)),
        ("B", SITUATION, None),
        ("   ", SITUATION, None),
    ];
    let err = store.import_many(&bad).unwrap_err();
    assert_eq!(err.kind(), "invalid", "{err:?}");
    assert!(err.to_string().contains("item 2"), "{err}");
    assert_eq!(snapshot(&store), before);

    // Malformed JSON: refused by json_valid.
    let bad = [("A", SITUATION, None), ("B", "{not json", None)];
    let err = store.import_many(&bad).unwrap_err();
    assert_eq!(err.kind(), "invalid", "{err:?}");
    assert!(err.to_string().contains("item 1"), "{err}");
    assert_eq!(snapshot(&store), before);

    // A reopened store agrees.
    drop(store);
    let mut store = Store::open(dir.file()).unwrap();
    assert_eq!(snapshot(&store), before);

    let good = [
        ("A".to_string(), SITUATION.to_string(), date(2027, 1, 1)),
        ("B".to_string(), "[]".to_string(), None),
    ];
    let ids = store.import_many(&good).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(
        store.get_case(ids[0]).unwrap().next_deadline,
        date(2027, 1, 1)
    );
    assert_eq!(store.get_case(ids[1]).unwrap().situation_json, "[]");
    assert_eq!(snapshot(&store).len(), 3);
}

#[test]
fn uncommitted_transaction_is_lost_after_a_crash() {
    let dir = TempDir::new("crash");
    let path = dir.file();
    let mut store = Store::open(&path).unwrap();
    store.create_case("Kept", SITUATION).unwrap();
    {
        let raw = Connection::open(&path).unwrap();
        raw.execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO cases (name, status, created_at, updated_at)
                 VALUES ('Ghost', 'active', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
             INSERT INTO case_documents (case_id, situation_json, digest_json)
                 VALUES (last_insert_rowid(), '{}', '{}');",
        )
        .unwrap();
        // Dropped without COMMIT, as if the process died.
    }
    drop(store);
    let store = Store::open(&path).unwrap();
    let list = store
        .list_cases(&ListFilter::default(), Sort::Name)
        .unwrap();
    assert_eq!(names(&list), ["Kept"]);
}

#[test]
fn check_constraints_guard_the_tables() {
    let dir = TempDir::new("checks");
    let path = dir.file();
    drop(Store::open(&path).unwrap());
    let raw = Connection::open(&path).unwrap();
    for sql in [
        "INSERT INTO cases (name, status, created_at, updated_at) VALUES ('', 'active', 'x', 'x')",
        "INSERT INTO cases (name, status, created_at, updated_at) VALUES ('a', 'bogus', 'x', 'x')",
        "INSERT INTO cases (name, status, next_deadline, created_at, updated_at) VALUES ('a', 'active', '2027-02-30', 'x', 'x')",
    ] {
        assert!(raw.execute(sql, []).is_err(), "accepted: {sql}");
    }
}

// ---------- cases ----------

#[test]
fn create_get_update_rename() {
    let dir = TempDir::new("crud");
    let mut store = Store::open(dir.file()).unwrap();
    let case = store.create_case("  Ana  ", SITUATION).unwrap();
    assert_eq!(case.name, "Ana");
    assert_eq!(case.status, "active");
    assert_eq!(case.digest_json, "{}");
    assert_eq!(case.next_deadline, None);
    assert!(!case.deleted);
    assert_eq!(case.created_at, case.updated_at);
    assert!(chrono::DateTime::parse_from_rfc3339(&case.created_at).is_ok());
    assert_eq!(store.get_case(case.id).unwrap(), case);

    let updated = store
        .update_case(
            case.id,
            r#"{"scheme":"fast_track"}"#,
            r#"{"passport":true}"#,
            date(2027, 5, 1),
            Some(&case.updated_at),
        )
        .unwrap();
    assert_eq!(updated.situation_json, r#"{"scheme":"fast_track"}"#);
    assert_eq!(updated.digest_json, r#"{"passport":true}"#);
    assert_eq!(updated.next_deadline, date(2027, 5, 1));
    assert!(updated.updated_at > case.updated_at);
    assert_eq!(updated.created_at, case.created_at);
    assert_eq!(store.get_case(case.id).unwrap(), updated);

    let renamed = store.rename_case(case.id, "Ana Silva").unwrap();
    assert_eq!(renamed.name, "Ana Silva");
    assert!(renamed.updated_at > updated.updated_at);

    assert_eq!(
        store.rename_case(case.id, " ").unwrap_err().kind(),
        "invalid"
    );
    assert_eq!(
        store.create_case("", SITUATION).unwrap_err().kind(),
        "invalid"
    );
    assert_eq!(
        store.create_case("X", "{oops").unwrap_err().kind(),
        "invalid"
    );
    assert_eq!(
        store
            .update_case(case.id, SITUATION, "nope", None, None)
            .unwrap_err()
            .kind(),
        "invalid"
    );
    assert_eq!(store.get_case(case.id).unwrap().name, "Ana Silva");
    let missing = store.get_case(9999).unwrap_err();
    assert!(matches!(missing, StoreError::NotFound { id: 9999, .. }));
    assert_eq!(missing.kind(), "not_found");
    assert_eq!(
        store.rename_case(9999, "x").unwrap_err().kind(),
        "not_found"
    );
}

#[test]
fn updated_at_strictly_increases_even_within_one_millisecond() {
    let dir = TempDir::new("stamps");
    let mut store = Store::open(dir.file()).unwrap();
    let mut case = store.create_case("Ana", SITUATION).unwrap();
    for i in 0..50 {
        let next = store
            .update_case(
                case.id,
                SITUATION,
                &format!("[{i}]"),
                None,
                Some(&case.updated_at),
            )
            .unwrap();
        assert!(
            next.updated_at > case.updated_at,
            "{} !> {}",
            next.updated_at,
            case.updated_at
        );
        case = next;
    }
}

#[test]
fn stale_expected_updated_at_is_a_conflict_and_saves_nothing() {
    let dir = TempDir::new("conflict");
    let mut store = Store::open(dir.file()).unwrap();
    let original = store.create_case("Ana", SITUATION).unwrap();
    // Window 1 saves.
    let saved = store
        .update_case(
            original.id,
            SITUATION,
            r#"{"a":1}"#,
            None,
            Some(&original.updated_at),
        )
        .unwrap();
    // Window 2 still has the original version.
    let err = store
        .update_case(
            original.id,
            "{}",
            r#"{"b":2}"#,
            date(2030, 1, 1),
            Some(&original.updated_at),
        )
        .unwrap_err();
    match &err {
        StoreError::Conflict {
            id,
            expected,
            actual,
            ..
        } => {
            assert_eq!(*id, original.id);
            assert_eq!(expected, &original.updated_at);
            assert_eq!(actual, &saved.updated_at);
        }
        other => panic!("expected Conflict, got {other:?}"),
    }
    assert_eq!(err.kind(), "conflict");
    assert_eq!(store.get_case(original.id).unwrap(), saved);
    // A rename counts as a change too.
    store.rename_case(original.id, "Ana S").unwrap();
    assert_eq!(
        store
            .update_case(original.id, SITUATION, "{}", None, Some(&saved.updated_at))
            .unwrap_err()
            .kind(),
        "conflict"
    );
    // Without an expected version the save goes through.
    store
        .update_case(original.id, SITUATION, "{}", None, None)
        .unwrap();
}

#[test]
fn duplicate_copies_documents_under_a_new_id() {
    let dir = TempDir::new("dup");
    let mut store = Store::open(dir.file()).unwrap();
    let case = store.create_case("Ana", SITUATION).unwrap();
    let case = store
        .update_case(case.id, SITUATION, r#"{"x":true}"#, date(2027, 2, 2), None)
        .unwrap();
    store.set_archived(case.id, true).unwrap();
    let copy = store.duplicate_case(case.id, "Ana (copy)").unwrap();
    assert_ne!(copy.id, case.id);
    assert_eq!(copy.name, "Ana (copy)");
    assert_eq!(copy.situation_json, case.situation_json);
    assert_eq!(copy.digest_json, case.digest_json);
    assert_eq!(copy.next_deadline, case.next_deadline);
    assert_eq!(copy.status, "active");
    // The original is unchanged apart from the archive.
    let original = store.get_case(case.id).unwrap();
    assert_eq!(original.name, "Ana");
    assert_eq!(original.status, "archived");
    assert_eq!(
        store.duplicate_case(case.id, "").unwrap_err().kind(),
        "invalid"
    );
    assert_eq!(
        store.duplicate_case(777, "x").unwrap_err().kind(),
        "not_found"
    );
}

#[test]
fn archive_and_reactivate() {
    let dir = TempDir::new("archive");
    let mut store = Store::open(dir.file()).unwrap();
    let a = store.create_case("A", SITUATION).unwrap();
    store.create_case("B", SITUATION).unwrap();
    let archived = store.set_archived(a.id, true).unwrap();
    assert_eq!(archived.status, "archived");
    assert!(archived.updated_at > a.updated_at);
    let only = |status: &str| ListFilter {
        status: Some(status.to_string()),
        ..ListFilter::default()
    };
    assert_eq!(
        names(&store.list_cases(&only("archived"), Sort::Name).unwrap()),
        ["A"]
    );
    assert_eq!(
        names(&store.list_cases(&only("active"), Sort::Name).unwrap()),
        ["B"]
    );
    assert_eq!(store.set_archived(a.id, false).unwrap().status, "active");
    assert_eq!(
        names(&store.list_cases(&only("active"), Sort::Name).unwrap()),
        ["A", "B"]
    );
}

#[test]
fn soft_delete_undo_and_purge() {
    let dir = TempDir::new("delete");
    let mut store = Store::open(dir.file()).unwrap();
    let a = store.create_case("A", SITUATION).unwrap();
    let b = store.create_case("B", SITUATION).unwrap();

    let token = store.delete_case(a.id).unwrap();
    assert_eq!(token.id, a.id);
    assert!(store.get_case(a.id).unwrap().deleted);
    let live = store
        .list_cases(&ListFilter::default(), Sort::Name)
        .unwrap();
    assert_eq!(names(&live), ["B"]);
    let all = ListFilter {
        include_deleted: true,
        ..ListFilter::default()
    };
    let with_deleted = store.list_cases(&all, Sort::Name).unwrap();
    assert_eq!(names(&with_deleted), ["A", "B"]);
    assert!(with_deleted[0].deleted && !with_deleted[1].deleted);

    // A deleted case cannot be edited or deleted again.
    assert_eq!(
        store.rename_case(a.id, "x").unwrap_err().kind(),
        "not_found"
    );
    assert_eq!(
        store
            .update_case(a.id, "{}", "{}", None, None)
            .unwrap_err()
            .kind(),
        "not_found"
    );
    assert_eq!(store.delete_case(a.id).unwrap_err().kind(), "not_found");

    let back = store.undo_delete(a.id).unwrap();
    assert!(!back.deleted);
    assert_eq!(back.situation_json, SITUATION);
    assert_eq!(store.undo_delete(a.id).unwrap_err().kind(), "invalid");
    assert_eq!(
        names(
            &store
                .list_cases(&ListFilter::default(), Sort::Name)
                .unwrap()
        ),
        ["A", "B"]
    );

    // Purge: a recent delete survives a one-hour purge, not a zero one.
    store.delete_case(b.id).unwrap();
    assert_eq!(
        store
            .purge_deleted_older_than(Duration::from_secs(3600))
            .unwrap(),
        0
    );
    assert!(store.get_case(b.id).unwrap().deleted);
    std::thread::sleep(Duration::from_millis(5));
    assert_eq!(store.purge_deleted_older_than(Duration::ZERO).unwrap(), 1);
    assert_eq!(store.get_case(b.id).unwrap_err().kind(), "not_found");
    assert_eq!(store.undo_delete(b.id).unwrap_err().kind(), "not_found");
    // Its documents went with it (foreign key cascade).
    drop(store);
    let raw = Connection::open(dir.file()).unwrap();
    let docs: i64 = raw
        .query_row("SELECT count(*) FROM case_documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(docs, 1);
    // Live case A is untouched.
    let store = Store::open(dir.file()).unwrap();
    assert_eq!(store.get_case(a.id).unwrap().name, "A");
}

/// A new case named `name` with the digest `digest` (JSON text).
fn case(name: &str, digest: &str) -> NewCase {
    NewCase {
        name: name.into(),
        situation_json: SITUATION.into(),
        digest_json: digest.into(),
        ..NewCase::default()
    }
}

#[test]
fn search_finds_the_reference_applicant_and_employer_ignoring_case_and_accents() {
    let dir = TempDir::new("search-digest");
    let mut store = Store::open(dir.file()).unwrap();
    store
        .import_cases(&[
            case(
                "Researcher",
                r#"{"applicant_name":"Lucía Pérez","reference":"HR-2027-017","employer_name":"Aarhus Universitet"}"#,
            ),
            case("Chef", r#"{"applicant_name":"Søren Ødegård","employer_name":"Noma ApS"}"#),
            case("Lucas", "{}"),
        ])
        .unwrap();
    let found = |text: &str| {
        let f = ListFilter {
            search: Some(text.into()),
            ..ListFilter::default()
        };
        store
            .list_cases(&f, Sort::Name)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(found("lucia"), ["Researcher"], "accent and case ignored");
    assert_eq!(found("LUCÍA PÉREZ"), ["Researcher"]);
    assert_eq!(found("hr-2027-017"), ["Researcher"], "the reference");
    assert_eq!(found("2027-01"), ["Researcher"], "part of the reference");
    assert_eq!(found("aarhus"), ["Researcher"], "the employer");
    assert_eq!(found("noma"), ["Chef"]);
    assert_eq!(found("ødegård"), ["Chef"]);
    assert_eq!(
        found("odegard"),
        Vec::<String>::new(),
        "ø is a letter, not an o with an accent"
    );
    assert_eq!(
        found("luc"),
        ["Lucas", "Researcher"],
        "names and applicants alike"
    );
    assert_eq!(
        found("hr-2027-018"),
        Vec::<String>::new(),
        "one character off"
    );
    assert_eq!(permit_store::fold("Ærø Lucía"), "ærø lucia");
}

#[test]
fn list_search_filter_and_sort() {
    let dir = TempDir::new("list");
    let mut store = Store::open(dir.file()).unwrap();
    let items = [
        ("Zoë Ærø", SITUATION, date(2027, 6, 1)),
        ("ana silva", SITUATION, None),
        ("Bo", SITUATION, date(2027, 1, 15)),
        ("ANA Costa", SITUATION, date(2026, 12, 24)),
        ("Carl", SITUATION, None),
    ];
    let ids = store.import_many(&items).unwrap();

    let all = ListFilter::default();
    let by_deadline = store.list_cases(&all, Sort::NearestDeadline).unwrap();
    assert_eq!(
        names(&by_deadline),
        ["ANA Costa", "Bo", "Zoë Ærø", "ana silva", "Carl"]
    );
    assert_eq!(by_deadline[0].next_deadline, date(2026, 12, 24));
    assert_eq!(by_deadline[4].next_deadline, None);

    assert_eq!(
        names(&store.list_cases(&all, Sort::Name).unwrap()),
        ["ANA Costa", "ana silva", "Bo", "Carl", "Zoë Ærø"]
    );

    // Most recently updated first (timestamps have millisecond resolution:
    // let the clock move past the import so the rename is not a tie).
    std::thread::sleep(Duration::from_millis(5));
    store.rename_case(ids[2], "Bo B").unwrap();
    let by_updated = store.list_cases(&all, Sort::Updated).unwrap();
    assert_eq!(by_updated[0].name, "Bo B");

    let search = |text: &str| ListFilter {
        search: Some(text.to_string()),
        ..ListFilter::default()
    };
    assert_eq!(
        names(
            &store
                .list_cases(&search("ana"), Sort::NearestDeadline)
                .unwrap()
        ),
        ["ANA Costa", "ana silva"]
    );
    // Case-insensitive beyond ASCII.
    assert_eq!(
        names(&store.list_cases(&search("ÆRØ"), Sort::Name).unwrap()),
        ["Zoë Ærø"]
    );
    assert!(store
        .list_cases(&search("nobody"), Sort::Name)
        .unwrap()
        .is_empty());
    // A blank search is no filter.
    assert_eq!(
        store.list_cases(&search("  "), Sort::Name).unwrap().len(),
        5
    );

    store.set_archived(ids[3], true).unwrap();
    let active_ana = ListFilter {
        search: Some("ana".into()),
        status: Some("active".into()),
        include_deleted: false,
        form: None,
        due_by: None,
        readiness: None,
    };
    assert_eq!(
        names(&store.list_cases(&active_ana, Sort::Name).unwrap()),
        ["ana silva"]
    );
}

#[test]
fn list_page_pages_counts_and_filters_by_form_in_sqlite() {
    let dir = TempDir::new("page");
    let mut store = Store::open(dir.file()).unwrap();
    let case = |name: &str, forms: &str, deadline: Option<NaiveDate>| NewCase {
        name: name.into(),
        situation_json: SITUATION.into(),
        digest_json: format!(r#"{{"forms":{forms}}}"#),
        next_deadline: deadline,
        ..NewCase::default()
    };
    let mut items: Vec<NewCase> = (0..25)
        .map(|i| {
            case(
                &format!("Hire {i:02}"),
                r#"["AR1","FA8"]"#,
                date(2027, 1, 1 + i),
            )
        })
        .collect();
    items.push(case("Service", r#"["AR9"]"#, date(2026, 12, 1)));
    items.push(case("Odd digest", r#"{"AR9":true}"#, None));
    items.push(case("No forms", "[]", None));
    store.import_cases(&items).unwrap();
    let all = ListFilter::default();

    // Pages in deadline order, with the total of all matching cases.
    let first = store
        .list_page(&all, Sort::NearestDeadline, 0, Some(10))
        .unwrap();
    assert_eq!(first.total, 28);
    assert_eq!(first.rows.len(), 10);
    assert_eq!(first.rows[0].name, "Service");
    assert_eq!(first.rows[1].name, "Hire 00");
    let third = store
        .list_page(&all, Sort::NearestDeadline, 20, Some(10))
        .unwrap();
    assert_eq!(third.total, 28);
    assert_eq!(
        names(&third.rows),
        [
            "Hire 19",
            "Hire 20",
            "Hire 21",
            "Hire 22",
            "Hire 23",
            "Hire 24",
            "No forms",
            "Odd digest"
        ]
    );
    // Past the end: no rows, the total still known.
    let past = store
        .list_page(&all, Sort::NearestDeadline, 40, Some(10))
        .unwrap();
    assert!(past.rows.is_empty());
    assert_eq!(past.total, 28);
    // The pages together are the whole list, each case once.
    let whole = store.list_cases(&all, Sort::NearestDeadline).unwrap();
    let mut paged = Vec::new();
    for offset in (0..28).step_by(10) {
        paged.extend(
            store
                .list_page(&all, Sort::NearestDeadline, offset, Some(10))
                .unwrap()
                .rows,
        );
    }
    assert_eq!(paged, whole);

    // Form filter: reads the digest's `forms`; a digest of another shape
    // does not fail the list, it simply does not match.
    let form = |f: &str| ListFilter {
        form: Some(f.into()),
        ..ListFilter::default()
    };
    let ar9 = store.list_page(&form("AR9"), Sort::Name, 0, None).unwrap();
    assert_eq!(names(&ar9.rows), ["Service"]);
    assert_eq!(ar9.total, 1);
    let fa8 = store
        .list_page(&form("FA8"), Sort::Name, 0, Some(5))
        .unwrap();
    assert_eq!((fa8.total, fa8.rows.len()), (25, 5));
    assert_eq!(
        store
            .list_page(&form("AR6"), Sort::Name, 0, None)
            .unwrap()
            .total,
        0
    );
    // Search and form together.
    let both = ListFilter {
        search: Some("hire 1".into()),
        form: Some("AR1".into()),
        ..ListFilter::default()
    };
    assert_eq!(
        store.list_page(&both, Sort::Name, 0, None).unwrap().total,
        10
    );
}

#[test]
fn two_handles_on_one_file_see_each_others_writes() {
    let dir = TempDir::new("two");
    let mut first = Store::open(dir.file()).unwrap();
    let mut second = Store::open(dir.file()).unwrap();
    let a = first.create_case("From first", SITUATION).unwrap();
    let b = second.create_case("From second", SITUATION).unwrap();
    assert_ne!(a.id, b.id);
    // Interleaved edits with optimistic checks.
    let a2 = second
        .update_case(
            a.id,
            SITUATION,
            r#"{"by":"second"}"#,
            None,
            Some(&a.updated_at),
        )
        .unwrap();
    assert_eq!(
        first
            .update_case(
                a.id,
                SITUATION,
                r#"{"by":"first"}"#,
                None,
                Some(&a.updated_at)
            )
            .unwrap_err()
            .kind(),
        "conflict"
    );
    first
        .update_case(
            b.id,
            SITUATION,
            r#"{"by":"first"}"#,
            None,
            Some(&b.updated_at),
        )
        .unwrap();
    for store in [&first, &second] {
        let list = store
            .list_cases(&ListFilter::default(), Sort::Name)
            .unwrap();
        assert_eq!(names(&list), ["From first", "From second"]);
        assert_eq!(store.get_case(a.id).unwrap(), a2);
        assert_eq!(
            store.get_case(b.id).unwrap().digest_json,
            r#"{"by":"first"}"#
        );
    }
    drop(first);
    drop(second);
    let raw = Connection::open(dir.file()).unwrap();
    let check: String = raw
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn errors_serialize_as_kind_and_message() {
    let err = StoreError::Locked {
        path: PathBuf::from("/tmp/w.sqlite3"),
    };
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["kind"], "locked");
    assert!(json["message"].as_str().unwrap().contains("/tmp/w.sqlite3"));
    assert_eq!(json.as_object().unwrap().len(), 2);
}

#[test]
fn default_path_follows_xdg() {
    // Only this test touches the environment.
    let old_xdg = std::env::var_os("XDG_DATA_HOME");
    // No other test in this binary reads or writes the environment.
    std::env::set_var("XDG_DATA_HOME", "/data/xdg");
    let with_xdg = permit_store::default_path();
    std::env::set_var("XDG_DATA_HOME", "relative/ignored");
    let relative = permit_store::default_path();
    match old_xdg {
        Some(v) => std::env::set_var("XDG_DATA_HOME", v),
        None => std::env::remove_var("XDG_DATA_HOME"),
    }
    if cfg!(target_os = "linux") {
        assert_eq!(
            with_xdg,
            PathBuf::from("/data/xdg/permit-packet/workspace.sqlite3")
        );
        if let Some(home) = std::env::var_os("HOME").filter(|h| Path::new(h).is_absolute()) {
            assert_eq!(
                relative,
                Path::new(&home).join(".local/share/permit-packet/workspace.sqlite3")
            );
        }
    }
    assert!(with_xdg.ends_with("permit-packet/workspace.sqlite3"));
}

// ---------- rules state (schema version 3) ----------

#[test]
fn plans_saved_after_a_rules_update_keep_the_edit_version_and_can_be_acknowledged() {
    let dir = TempDir::new("rules-state");
    let mut store = Store::open(dir.file()).unwrap();
    let a = store.create_case("A", "{}").unwrap();
    let b = store.create_case("B", "{}").unwrap();
    let states = store.plan_states(None).unwrap();
    assert_eq!(states.len(), 2);
    assert_eq!(states[0].rules_version, None);
    assert_eq!(states[0].seen_json, None);
    let saved = store
        .save_plans(&[
            permit_store::SavedPlan {
                id: a.id,
                digest_json: r#"{"forms":["AR9"]}"#.into(),
                next_deadline: date(2027, 1, 5),
                rules_version: "2026.12.20".into(),
                plan_json: r#"{"v":2}"#.into(),
                seen_json: None,
                rules_changed: true,
            },
            permit_store::SavedPlan {
                id: b.id,
                digest_json: "{}".into(),
                next_deadline: None,
                rules_version: "2026.12.20".into(),
                plan_json: r#"{"v":2}"#.into(),
                seen_json: Some(r#"{"v":2}"#.into()),
                rules_changed: false,
            },
        ])
        .unwrap();
    assert_eq!(saved, 2);
    assert!(store.plan_states(Some("2026.12.20")).unwrap().is_empty());
    assert_eq!(store.plan_states(Some("2027.1.1")).unwrap().len(), 2);
    // Not an edit: updated_at unchanged, so an open editor can still save.
    let a2 = store.get_case(a.id).unwrap();
    assert_eq!(a2.updated_at, a.updated_at);
    assert_eq!(a2.next_deadline, date(2027, 1, 5));
    let st = store.plan_state(a.id).unwrap();
    assert!(st.rules_changed);
    assert_eq!(st.seen_json, None);
    assert_eq!(st.rules_version.as_deref(), Some("2026.12.20"));
    let list = store
        .list_cases(&ListFilter::default(), Sort::Name)
        .unwrap();
    assert!(list[0].rules_changed && !list[1].rules_changed);
    // Acknowledged: no longer changed, the seen snapshot saved.
    store.acknowledge(a.id, r#"{"v":2}"#).unwrap();
    let st = store.plan_state(a.id).unwrap();
    assert!(!st.rules_changed);
    assert_eq!(st.seen_json.as_deref(), Some(r#"{"v":2}"#));
    // An edit forgets which rules the stored digest was made with.
    store
        .update_case(a.id, "{}", "{}", None, Some(&a2.updated_at))
        .unwrap();
    assert_eq!(store.plan_state(a.id).unwrap().rules_version, None);
    assert!(store.acknowledge(a.id, "not json").is_err());
    assert!(matches!(
        store.acknowledge(999, "{}"),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn new_and_updated_cases_are_one_transaction() {
    let dir = TempDir::new("import-updates");
    let path = dir.file();
    let mut store = Store::open(&path).unwrap();
    let old = store.create_case("Ana", SITUATION).unwrap();
    let store_notes = store.set_notes(old.id, "keep me").unwrap();
    let new = NewCase {
        name: "Bo".into(),
        situation_json: SITUATION.into(),
        digest_json: "{}".into(),
        ..NewCase::default()
    };
    let update = permit_store::CaseUpdate {
        id: old.id,
        expected_updated_at: store_notes.updated_at.clone(),
        situation_json: r#"{"scheme":"researcher"}"#.into(),
        digest_json: r#"{"forms":["AR1"]}"#.into(),
        next_deadline: date(2027, 2, 1),
        rules_version: Some("7".into()),
        plan_json: Some(r#"{"p":2}"#.into()),
    };
    // A stale update (the case changed since): nothing at all is written.
    let stale = permit_store::CaseUpdate {
        expected_updated_at: old.updated_at.clone(),
        ..update.clone()
    };
    let err = store
        .import_with_updates(std::slice::from_ref(&new), &[stale])
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    assert_eq!(rows(&path, "cases"), 1);
    assert_eq!(store.get_case(old.id).unwrap().situation_json, SITUATION);

    let ids = store
        .import_with_updates(std::slice::from_ref(&new), &[update])
        .unwrap();
    assert_eq!(ids.len(), 1);
    let a = store.get_case(old.id).unwrap();
    assert_eq!(
        (a.name.as_str(), a.notes.as_str(), a.situation_json.as_str()),
        ("Ana", "keep me", r#"{"scheme":"researcher"}"#)
    );
    assert_eq!(a.next_deadline, date(2027, 2, 1));
    assert!(a.updated_at > store_notes.updated_at);
    let st = store.plan_state(old.id).unwrap();
    assert_eq!(st.seen_json.as_deref(), Some(r#"{"p":2}"#));
    assert_eq!(rows(&path, "cases"), 2);
}

#[test]
fn readiness_filter_and_counts_decide_not_yet_against_today() {
    let dir = TempDir::new("readiness");
    let mut store = Store::open(dir.file()).unwrap();
    let ready = |from: &str| {
        format!(
            r#"{{"readiness":{{"group":"may_submit_now","from":"{from}","missing_documents":[],"missing_translations":[]}}}}"#
        )
    };
    store
        .import_cases(&[
            case("Opens 1 Dec", &ready("2026-12-01")),
            case("Open since October", &ready("2026-10-01")),
            case(
                "Waiting",
                r#"{"readiness":{"group":"waiting_documents","from":null,"missing_documents":["Passport"],"missing_translations":[]}}"#,
            ),
            case("Outside", r#"{"readiness":{"group":"not_covered","from":null,"missing_documents":[],"missing_translations":[]}}"#),
            case("Old digest", r#"{"forms":["AR1"]}"#),
        ])
        .unwrap();
    let group = |g: &str, today: NaiveDate| {
        let f = ListFilter {
            readiness: Some((g.into(), today)),
            ..ListFilter::default()
        };
        store
            .list_cases(&f, Sort::Name)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
    };
    let nov30 = date(2026, 11, 30).unwrap();
    let dec1 = date(2026, 12, 1).unwrap();
    // The day before its date the case may not submit yet; on it, it may.
    assert_eq!(group("not_yet", nov30), ["Opens 1 Dec"]);
    assert_eq!(group("may_submit_now", nov30), ["Open since October"]);
    assert!(group("not_yet", dec1).is_empty());
    assert_eq!(
        group("may_submit_now", dec1),
        ["Open since October", "Opens 1 Dec"]
    );
    assert_eq!(group("waiting_documents", nov30), ["Waiting"]);
    assert_eq!(group("not_covered", nov30), ["Outside"]);
    let counts = store.readiness_counts(nov30).unwrap();
    assert_eq!(
        counts,
        [
            ("may_submit_now".to_owned(), 1),
            ("not_covered".to_owned(), 1),
            ("not_yet".to_owned(), 1),
            ("waiting_documents".to_owned(), 1),
        ]
    );
    assert_eq!(
        store.readiness_counts(dec1).unwrap()[0],
        ("may_submit_now".to_owned(), 2)
    );
}

#[test]
fn a_setting_is_kept_replaced_and_read_back_after_reopening() {
    let dir = TempDir::new("settings");
    let path = dir.0.join("w.sqlite3");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.setting("reminders_sent_on").unwrap(), None);
    store
        .set_setting("reminders_sent_on", "2026-11-29")
        .unwrap();
    store
        .set_setting("reminders_sent_on", "2026-11-30")
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.setting("reminders_sent_on").unwrap().as_deref(),
        Some("2026-11-30")
    );
}
