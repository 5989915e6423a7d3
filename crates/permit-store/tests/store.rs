//! Integration tests of the workspace store, each on its own file in a
//! fresh temporary folder.
//!
//! The store knows no rule: these tests write the list columns (search
//! text, forms, readiness) themselves, as the service would. Searching
//! inside a case's JSON and folding text are the service's and tested there.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use permit_store::{
    CaseContent, CaseRecord, CaseSummary, ListColumns, ListFilter, NewCase, PlanColumns, Readiness,
    Result, Sort, SqliteStore, Store, StoreError, SCHEMA_VERSION,
};
use rusqlite::Connection;

mod common;
use common::TempDir;

const SITUATION: &str = r#"{"scheme":"pay_limit","salary_dkk":"500000"}"#;

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    date(y, m, d).unwrap()
}

fn user_version(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn open(path: impl AsRef<Path>) -> SqliteStore {
    SqliteStore::open(path).unwrap()
}

/// A case's content: `situation` and the digest `digest` (JSON text),
/// nothing else derived.
fn content(situation: &str, digest: &str) -> CaseContent {
    CaseContent {
        situation_json: situation.into(),
        list: ListColumns {
            digest_json: digest.into(),
            ..ListColumns::default()
        },
        ..CaseContent::default()
    }
}

/// A new case named `name` with `content`; its search text is the name
/// lowercased (as the service would fold it) unless `content` has one.
fn new_case(name: &str, content: CaseContent) -> NewCase {
    let mut content = content;
    if content.list.search_text.is_empty() {
        content.list.search_text = name.to_lowercase();
    }
    NewCase {
        name: name.into(),
        notes: String::new(),
        content,
    }
}

/// A new case named `name`: the test situation, an empty digest.
fn named(name: &str) -> NewCase {
    new_case(name, content(SITUATION, "{}"))
}

/// Inserts `cases` in one unit of work, committed only when all went in.
fn insert_all(store: &mut dyn Store, cases: &[NewCase]) -> Result<Vec<i64>> {
    let mut tx = store.begin()?;
    let ids = tx.insert(cases)?;
    tx.commit()?;
    Ok(ids)
}

/// Inserts one case and reads it back.
fn insert(store: &mut dyn Store, case: NewCase) -> CaseRecord {
    let ids = insert_all(store, &[case]).unwrap();
    store.get_case(ids[0]).unwrap()
}

/// Writes a case's whole content in one unit of work, if still at `expected`.
fn update(
    store: &mut dyn Store,
    id: i64,
    expected: &str,
    content: &CaseContent,
) -> Result<CaseRecord> {
    let mut tx = store.begin()?;
    let version = tx.update(id, expected, content)?;
    tx.commit()?;
    let case = store.get_case(id)?;
    assert_eq!(case.updated_at, version);
    Ok(case)
}

/// Renames a case in one unit of work (search text: the name lowercased).
fn rename(store: &mut dyn Store, id: i64, expected: &str, name: &str) -> Result<CaseRecord> {
    let mut tx = store.begin()?;
    let version = tx.rename(id, expected, name, &name.to_lowercase())?;
    tx.commit()?;
    let case = store.get_case(id)?;
    assert_eq!(case.updated_at, version);
    Ok(case)
}

/// Saves a re-computed plan in one unit of work; whether it was written.
fn save_plan(
    store: &mut dyn Store,
    id: i64,
    expected: &str,
    list: &ListColumns,
    plan: &PlanColumns,
) -> bool {
    let mut tx = store.begin().unwrap();
    let saved = tx.save_plan(id, expected, list, plan).unwrap();
    tx.commit().unwrap();
    saved
}

/// The whole list for `filter`, in `sort` order.
fn list(store: &dyn Store, filter: &ListFilter, sort: Sort) -> Vec<CaseSummary> {
    let page = store.list_page(filter, sort, 0, None).unwrap();
    assert_eq!(page.total, page.rows.len());
    page.rows
}

fn names(list: &[CaseSummary]) -> Vec<&str> {
    list.iter().map(|c| c.name.as_str()).collect()
}

/// The number of rows of `table`, read with raw SQL (a half case would show
/// as a `cases` row without its documents).
fn rows(path: &Path, table: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

// ---------- migrations and opening ----------

#[test]
fn fresh_file_gets_the_latest_schema_version_in_a_new_folder() {
    let dir = TempDir::new("fresh");
    let path = dir.0.join("nested").join("deeper").join("w.sqlite3");
    let store = open(&path);
    assert!(path.is_file());
    assert_eq!(SCHEMA_VERSION, 9);
    assert_eq!(store.schema_version().unwrap(), 9);
    assert_eq!(store.path(), path.as_path());
    assert_eq!(store.location(), path.as_path());
    drop(store);
    assert_eq!(user_version(&path), 9);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// Workspaces of every earlier schema version, made by
/// `permit_store::create_at_schema` (the `test-hooks` feature).
mod older_versions {
    use super::*;

    const STAMP: &str = "2026-01-01T00:00:00.000Z";
    const OLD_DIGEST: &str = r#"{"forms":["AR1"],"passport":true}"#;

    /// A workspace at `path` exactly as a build of schema `version` left
    /// it, holding one case (and a template and a setting where that
    /// version had them), written with raw SQL as that build wrote them.
    fn old_workspace(path: &Path, version: i64) {
        permit_store::create_at_schema(path, version).unwrap();
        assert_eq!(user_version(path), version);
        let conn = Connection::open(path).unwrap();
        let digest_column = if version < 4 {
            "checklist_json"
        } else {
            "digest_json"
        };
        conn.execute(
            "INSERT INTO cases (name, next_deadline, created_at, updated_at) \
             VALUES ('Old case', '2027-03-01', ?1, ?1)",
            [STAMP],
        )
        .unwrap();
        conn.execute(
            &format!(
                "INSERT INTO case_documents (case_id, situation_json, {digest_column}) \
                 VALUES (1, ?1, ?2)"
            ),
            [SITUATION, OLD_DIGEST],
        )
        .unwrap();
        if version >= 2 {
            conn.execute_batch(&format!(
                "UPDATE case_documents SET notes = 'call Monday';
                 INSERT INTO templates (name, items_json, created_at, updated_at)
                     VALUES ('Agency', '[{{\"name\":\"Lease\"}}]', '{STAMP}', '{STAMP}');"
            ))
            .unwrap();
        }
        if version >= 3 {
            conn.execute_batch(
                "UPDATE cases SET rules_version = '2026.12.20', rules_changed = 1;
                 UPDATE case_documents SET seen_json = '{\"a\":1}', plan_json = '{\"b\":2}';",
            )
            .unwrap();
        }
        if version >= 6 {
            conn.execute_batch(
                "INSERT INTO settings (key, value) VALUES ('reminders_sent_on', '2026-11-30');",
            )
            .unwrap();
        }
    }

    #[test]
    fn every_older_version_is_migrated_to_the_latest_keeping_its_data() {
        let dir = TempDir::new("migrate-all");
        for version in 1..SCHEMA_VERSION {
            let path = dir.0.join(format!("v{version}.sqlite3"));
            old_workspace(&path, version);
            let mut store = SqliteStore::open(&path)
                .unwrap_or_else(|e| panic!("version {version} does not open: {e}"));
            assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);

            let case = store.get_case(1).unwrap();
            let at = format!("from version {version}");
            assert_eq!(case.name, "Old case", "{at}");
            assert_eq!(case.situation_json, SITUATION, "{at}");
            assert_eq!(case.digest_json, OLD_DIGEST, "{at}");
            assert_eq!(case.draft_json, None, "{at}");
            assert_eq!(case.next_deadline, date(2027, 3, 1), "{at}");
            assert_eq!(
                (case.created_at.as_str(), case.updated_at.as_str()),
                (STAMP, STAMP),
                "{at}"
            );
            assert_eq!(case.status, "active", "{at}");
            assert!(!case.deleted, "{at}");
            let with_notes = version >= 2;
            let with_rules = version >= 3;
            assert_eq!(
                case.notes,
                if with_notes { "call Monday" } else { "" },
                "{at}"
            );
            // Every case is re-planned when next opened (the digest changed
            // shape up to version 7, and its readiness and document counts in
            // version 9; version 8 only added the audit trail); a change
            // waiting to be seen stays.
            let replanned = version < 9;
            assert_eq!(
                case.rules_version.as_deref(),
                (!replanned).then_some("2026.12.20"),
                "{at}"
            );
            assert_eq!(case.rules_changed, with_rules, "{at}");
            assert_eq!(
                case.seen_json.as_deref(),
                with_rules.then_some(r#"{"a":1}"#),
                "{at}"
            );
            assert_eq!(
                case.plan_json.as_deref(),
                with_rules.then_some(r#"{"b":2}"#),
                "{at}"
            );
            let states = store.plan_states(Some("2026.12.20")).unwrap();
            assert_eq!(
                states.len(),
                usize::from(replanned),
                "{at}: to be re-planned"
            );
            assert_eq!(
                store.list_templates().unwrap().len(),
                usize::from(with_notes),
                "{at}"
            );
            assert_eq!(
                store.setting("reminders_sent_on").unwrap().as_deref(),
                (version >= 6).then_some("2026-11-30"),
                "{at}"
            );
            // Until re-planned, the new list columns are empty: the case is
            // listed, and found by no search, form or readiness group.
            let all = list(&store, &ListFilter::default(), Sort::Name);
            assert_eq!(names(&all), ["Old case"], "{at}");
            assert!(!all[0].has_draft, "{at}");
            let by_form = ListFilter {
                form: Some("AR1".into()),
                ..ListFilter::default()
            };
            assert!(list(&store, &by_form, Sort::Name).is_empty(), "{at}");
            assert!(
                store.readiness_counts(day(2027, 1, 1)).unwrap().is_empty(),
                "{at}"
            );

            // The re-plan fills them; the new parts of the schema work.
            let columns = ListColumns {
                digest_json: OLD_DIGEST.into(),
                next_deadline: date(2027, 3, 1),
                search_text: "old case".into(),
                forms: vec!["AR1".into()],
                readiness: Some(Readiness {
                    group: "waiting_documents".into(),
                    then: None,
                }),
            };
            let plan = PlanColumns {
                rules_version: Some("2027.1.1".into()),
                plan_json: Some(r#"{"b":3}"#.into()),
                seen_json: None,
                rules_changed: true,
            };
            assert!(save_plan(&mut store, 1, STAMP, &columns, &plan), "{at}");
            assert_eq!(list(&store, &by_form, Sort::Name).len(), 1, "{at}");
            let with_draft = CaseContent {
                draft_json: Some(r#"{"salary_dkk":"lots"}"#.into()),
                list: columns.clone(),
                plan: plan.clone(),
                ..content(SITUATION, OLD_DIGEST)
            };
            let edited = update(&mut store, 1, STAMP, &with_draft).unwrap();
            let noted = store
                .set_notes(1, "call Tuesday", Some(&edited.updated_at))
                .unwrap();
            store.save_template("Employer", "[]").unwrap();
            store
                .set_setting("reminders_sent_on", "2026-12-01")
                .unwrap();
            drop(store);
            assert_eq!(user_version(&path), SCHEMA_VERSION, "{at}");

            let store = open(&path);
            assert_eq!(store.get_case(1).unwrap(), noted, "{at}");
            assert_eq!(
                noted.draft_json.as_deref(),
                Some(r#"{"salary_dkk":"lots"}"#)
            );
            assert!(list(&store, &ListFilter::default(), Sort::Name)[0].has_draft);
            assert_eq!(
                store.list_templates().unwrap().len(),
                1 + usize::from(with_notes)
            );
            assert_eq!(
                store.setting("reminders_sent_on").unwrap().as_deref(),
                Some("2026-12-01")
            );
            assert_eq!(
                store.readiness_counts(day(2027, 1, 1)).unwrap(),
                [("waiting_documents".to_owned(), 1)]
            );
        }
    }

    #[test]
    fn a_version_3_file_has_its_checklist_column_renamed_to_digest_keeping_everything() {
        let dir = TempDir::new("migrate-v3");
        let path = dir.file();
        old_workspace(&path, 3);
        let store = open(&path);
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let case = store.get_case(1).unwrap();
        assert_eq!(case.digest_json, OLD_DIGEST);
        assert_eq!(case.notes, "call Monday");
        assert_eq!(
            case.rules_version, None,
            "to be re-planned: the digest gained fields"
        );
        assert!(case.rules_changed, "a change waiting to be seen stays");
        assert_eq!(case.seen_json.as_deref(), Some(r#"{"a":1}"#));
        drop(store);
        let conn = Connection::open(&path).unwrap();
        let cols: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('case_documents')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(std::result::Result::unwrap)
            .collect();
        assert!(
            cols.contains(&"digest_json".to_owned())
                && !cols.contains(&"checklist_json".to_owned()),
            "{cols:?}"
        );
        // The renamed column keeps its constraint: invalid JSON is refused.
        assert!(conn
            .execute(
                "UPDATE case_documents SET digest_json = 'not json' WHERE case_id = 1",
                []
            )
            .is_err());
    }

    #[test]
    fn version_7_moves_a_draft_out_of_the_digest_into_its_own_column() {
        let dir = TempDir::new("migrate-v6-draft");
        let path = dir.file();
        old_workspace(&path, 6);
        let draft = r#"{"situation":{"salary_dkk":"lots"},"errors":[{"field":"salary_dkk","message":"not a number"}]}"#;
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute(
                "INSERT INTO cases (name, created_at, updated_at, rules_version) \
                 VALUES ('With draft', ?1, ?1, '2026.12.20')",
                [STAMP],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO case_documents (case_id, situation_json, digest_json) \
                 VALUES (2, ?1, ?2)",
                [
                    SITUATION.to_owned(),
                    format!(r#"{{"forms":["AR1"],"draft":{draft},"progress":1}}"#),
                ],
            )
            .unwrap();
        }
        let store = open(&path);
        let with = store.get_case(2).unwrap();
        assert_eq!(with.draft_json.as_deref(), Some(draft));
        assert_eq!(with.digest_json, r#"{"forms":["AR1"],"progress":1}"#);
        assert_eq!(with.rules_version, None, "to be re-planned");
        assert_eq!(with.updated_at, STAMP, "the migration is no edit");
        let without = store.get_case(1).unwrap();
        assert_eq!(without.draft_json, None);
        assert_eq!(without.digest_json, OLD_DIGEST);
        assert_eq!(without.rules_version, None, "to be re-planned");
        let all = list(&store, &ListFilter::default(), Sort::Name);
        assert_eq!(names(&all), ["Old case", "With draft"]);
        assert_eq!((all[0].has_draft, all[1].has_draft), (false, true));
        assert_eq!(store.plan_states(Some("2026.12.20")).unwrap().len(), 2);
    }
}

#[test]
fn templates_save_replace_list_delete() {
    let dir = TempDir::new("templates");
    let mut store = open(dir.file());
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
    assert_eq!(store.get_template(" Agency ").unwrap(), Some(b));
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
fn insert_keeps_digest_draft_and_notes_all_or_nothing() {
    let dir = TempDir::new("insert-cases");
    let mut store = open(dir.file());
    let good = NewCase {
        notes: "n".into(),
        ..new_case(
            "A",
            CaseContent {
                draft_json: Some(r#"{"salary_dkk":"x"}"#.into()),
                list: ListColumns {
                    digest_json: r#"{"passport":true}"#.into(),
                    next_deadline: date(2027, 1, 2),
                    ..ListColumns::default()
                },
                ..content("{}", "")
            },
        )
    };
    let c = insert(&mut store, good.clone());
    assert_eq!(
        (c.digest_json.as_str(), c.notes.as_str()),
        (r#"{"passport":true}"#, "n")
    );
    assert_eq!(c.draft_json.as_deref(), Some(r#"{"salary_dkk":"x"}"#));
    assert_eq!(c.next_deadline, date(2027, 1, 2));
    assert!(list(&store, &ListFilter::default(), Sort::Name)[0].has_draft);
    let mut bad = good.clone();
    bad.content.list.digest_json = "{".into();
    let err = insert_all(&mut store, &[good.clone(), bad]).unwrap_err();
    assert_eq!(err.kind(), "invalid");
    assert!(err.to_string().contains("item 1"), "{err}");
    let mut bad = good.clone();
    bad.content.draft_json = Some("{".into());
    let err = insert_all(&mut store, &[good, bad]).unwrap_err();
    assert!(err.to_string().contains("item 1"), "{err}");
    assert_eq!(list(&store, &ListFilter::default(), Sort::Name).len(), 1);
}

#[test]
fn creating_a_case_is_one_transaction_and_a_failed_second_part_leaves_no_half_case() {
    let dir = TempDir::new("create-one");
    let path = dir.file();
    let mut store = open(&path);
    let case = NewCase {
        notes: "n".into(),
        ..new_case(
            "Ana",
            CaseContent {
                list: ListColumns {
                    digest_json: r#"{"forms":["AR1"]}"#.into(),
                    next_deadline: date(2027, 1, 2),
                    forms: vec!["AR1".into()],
                    ..ListColumns::default()
                },
                plan: PlanColumns {
                    rules_version: Some("7".into()),
                    plan_json: Some(r#"{"p":1}"#.into()),
                    seen_json: None,
                    rules_changed: false,
                },
                ..content(SITUATION, "")
            },
        )
    };
    let rec = insert(&mut store, case.clone());
    assert_eq!((rec.name.as_str(), rec.notes.as_str()), ("Ana", "n"));
    assert_eq!(rec.next_deadline, date(2027, 1, 2));
    assert_eq!(rec.rules_version.as_deref(), Some("7"));
    assert_eq!(rec.plan_json.as_deref(), Some(r#"{"p":1}"#));
    assert_eq!(
        rec.seen_json.as_deref(),
        Some(r#"{"p":1}"#),
        "a new case has seen its plan"
    );
    assert!(!rec.rules_changed);
    // A case that fails after another went in, in the same unit of work:
    // nothing of either is left.
    let mut broken = case.clone();
    broken.name = "Half".into();
    broken.content.plan.plan_json = Some("{".into());
    assert!(insert_all(&mut store, std::slice::from_ref(&broken)).is_err());
    assert_eq!(
        (rows(&path, "cases"), rows(&path, "case_documents")),
        (1, 1)
    );
    assert!(insert_all(&mut store, &[case.clone(), broken]).is_err());
    assert_eq!(
        (rows(&path, "cases"), rows(&path, "case_documents")),
        (1, 1)
    );
    // The workspace goes on.
    let next = insert(&mut store, case);
    assert_eq!(store.get_case(next.id).unwrap().notes, "n");
    assert_eq!(
        (rows(&path, "cases"), rows(&path, "case_documents")),
        (2, 2)
    );
}

#[test]
fn reopening_keeps_data() {
    let dir = TempDir::new("reopen");
    let id = {
        let mut store = open(dir.file());
        insert(&mut store, named("Ana")).id
    };
    let store = open(dir.file());
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
    let err = SqliteStore::open(&path).unwrap_err();
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
    let next = SCHEMA_VERSION + 1;
    {
        let conn = Connection::open(&path).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE future (x); PRAGMA user_version = {next};"
        ))
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found, .. } if found == next),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

fn assert_corrupt_untouched(path: &Path) {
    let before = std::fs::read(path).unwrap();
    let err = SqliteStore::open(path).unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { path: p, .. } if p == path),
        "expected Corrupt, got {err:?}"
    );
    assert_eq!(err.kind(), "corrupt");
    assert_eq!(std::fs::read(path).unwrap(), before, "file was modified");
    // Still untouched on a second attempt (never recreated over).
    assert!(SqliteStore::open(path).is_err());
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
        let mut store = open(&path);
        let items: Vec<NewCase> = (0..300).map(|i| named(&format!("case {i}"))).collect();
        insert_all(&mut store, &items).unwrap();
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
    drop(open(&path));
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let start = Instant::now();
    let err = SqliteStore::open(&path).unwrap_err();
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
    open(&path);
}

#[test]
fn a_short_lock_is_waited_out() {
    let dir = TempDir::new("short-lock");
    let path = dir.file();
    let mut store = open(&path);
    let case = insert(&mut store, named("Ana"));
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
    let renamed = rename(&mut store, case.id, &case.updated_at, "Bea").unwrap();
    assert_eq!(renamed.name, "Bea");
    assert!(
        start.elapsed() >= Duration::from_millis(100),
        "{:?}",
        start.elapsed()
    );
    holder.join().unwrap();
    drop(store);
    assert_eq!(open(&path).get_case(case.id).unwrap().name, "Bea");
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
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(err.kind(), "locked", "{err:?}");
}

#[test]
fn a_write_while_locked_reports_locked_and_saves_nothing() {
    let dir = TempDir::new("locked-write");
    let path = dir.file();
    let mut store = open(&path);
    let case = insert(&mut store, named("Ana"));
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = rename(&mut store, case.id, &case.updated_at, "Bea").unwrap_err();
    assert_eq!(err.kind(), "locked", "{err:?}");
    let err = store.set_notes(case.id, "n", None).unwrap_err();
    assert_eq!(err.kind(), "locked", "{err:?}");
    // Readers are not blocked in WAL mode.
    assert_eq!(store.get_case(case.id).unwrap().name, "Ana");
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        rename(&mut store, case.id, &case.updated_at, "Bea")
            .unwrap()
            .name,
        "Bea"
    );
}

#[test]
fn a_folder_is_not_a_workspace() {
    let dir = TempDir::new("folder");
    let err = SqliteStore::open(&dir.0).unwrap_err();
    assert_eq!(err.kind(), "io");
    assert_eq!(err.path(), dir.0.as_path());
}

// ---------- units of work ----------

/// Every case, deleted ones included, as stored.
fn snapshot(store: &dyn Store) -> Vec<CaseRecord> {
    let all = ListFilter {
        include_deleted: true,
        ..ListFilter::default()
    };
    list(store, &all, Sort::Name)
        .iter()
        .map(|s| store.get_case(s.id).unwrap())
        .collect()
}

#[test]
fn insert_many_is_all_or_nothing() {
    let dir = TempDir::new("import");
    let mut store = open(dir.file());
    insert(&mut store, named("Existing"));
    let before = snapshot(&store);

    // Empty name: refused, after two good inserts.
    let bad = [named("A"), named("B"), named("   ")];
    let err = insert_all(&mut store, &bad).unwrap_err();
    assert_eq!(err.kind(), "invalid", "{err:?}");
    assert!(err.to_string().contains("item 2"), "{err}");
    assert_eq!(snapshot(&store), before);

    // Malformed JSON.
    let bad = [named("A"), new_case("B", content("{not json", "{}"))];
    let err = insert_all(&mut store, &bad).unwrap_err();
    assert_eq!(err.kind(), "invalid", "{err:?}");
    assert!(err.to_string().contains("item 1"), "{err}");
    assert_eq!(snapshot(&store), before);

    // A reopened store agrees.
    drop(store);
    let mut store = open(dir.file());
    assert_eq!(snapshot(&store), before);

    let mut dated = named("A");
    dated.content.list.next_deadline = date(2027, 1, 1);
    let good = [dated, new_case("B", content("[]", "{}"))];
    let ids = insert_all(&mut store, &good).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(
        store.get_case(ids[0]).unwrap().next_deadline,
        date(2027, 1, 1)
    );
    assert_eq!(store.get_case(ids[1]).unwrap().situation_json, "[]");
    assert_eq!(snapshot(&store).len(), 3);
}

#[test]
fn a_unit_of_work_dropped_without_commit_writes_nothing() {
    let dir = TempDir::new("dropped");
    let path = dir.file();
    let mut store = open(&path);
    let other = open(&path);
    let a = insert(&mut store, named("Ana"));
    {
        let mut tx = store.begin().unwrap();
        tx.insert(&[named("Bo")]).unwrap();
        let v = tx
            .update(a.id, &a.updated_at, &content(SITUATION, r#"{"x":1}"#))
            .unwrap();
        tx.rename(a.id, &v, "Ana Silva", "ana silva").unwrap();
        // Inside the unit of work its writes are seen...
        let inside = tx.case(a.id).unwrap();
        assert_eq!(
            (inside.name.as_str(), inside.digest_json.as_str()),
            ("Ana Silva", r#"{"x":1}"#)
        );
        assert_eq!(tx.live_situations().unwrap().len(), 2);
        // ...and nowhere else before the commit.
        assert_eq!(other.get_case(a.id).unwrap(), a);
        assert_eq!(list(&other, &ListFilter::default(), Sort::Name).len(), 1);
        // Dropped, as when a step of the action fails.
    }
    assert_eq!(store.get_case(a.id).unwrap(), a);
    assert_eq!(other.get_case(a.id).unwrap(), a);
    assert_eq!(
        (rows(&path, "cases"), rows(&path, "case_documents")),
        (1, 1)
    );
    // The same writes committed are all there, for every handle.
    let mut tx = store.begin().unwrap();
    let ids = tx.insert(&[named("Bo")]).unwrap();
    let v = tx
        .update(a.id, &a.updated_at, &content(SITUATION, r#"{"x":1}"#))
        .unwrap();
    tx.rename(a.id, &v, "Ana Silva", "ana silva").unwrap();
    tx.commit().unwrap();
    for s in [&store, &other] {
        assert_eq!(
            names(&list(s, &ListFilter::default(), Sort::Name)),
            ["Ana Silva", "Bo"]
        );
        assert_eq!(s.get_case(a.id).unwrap().digest_json, r#"{"x":1}"#);
        assert_eq!(s.get_case(ids[0]).unwrap().name, "Bo");
    }
}

#[test]
fn live_situations_are_every_live_case_in_id_order() {
    let dir = TempDir::new("situations");
    let mut store = open(dir.file());
    let a = insert(&mut store, new_case("A", content(r#"{"n":1}"#, "{}")));
    let b = insert(&mut store, named("B"));
    let c = insert(&mut store, new_case("C", content(r#"{"n":3}"#, "{}")));
    store.delete_case(b.id, None).unwrap();
    let mut tx = store.begin().unwrap();
    assert_eq!(
        tx.live_situations().unwrap(),
        [
            (a.id, "A".to_owned(), r#"{"n":1}"#.to_owned()),
            (c.id, "C".to_owned(), r#"{"n":3}"#.to_owned()),
        ]
    );
    assert_eq!(tx.case(b.id).unwrap().name, "B", "a deleted case is read");
    assert_eq!(tx.case(999).unwrap_err().kind(), "not_found");
}

#[test]
fn uncommitted_transaction_is_lost_after_a_crash() {
    let dir = TempDir::new("crash");
    let path = dir.file();
    let mut store = open(&path);
    insert(&mut store, named("Kept"));
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
    let store = open(&path);
    assert_eq!(
        names(&list(&store, &ListFilter::default(), Sort::Name)),
        ["Kept"]
    );
}

#[test]
fn check_constraints_guard_the_tables() {
    let dir = TempDir::new("checks");
    let path = dir.file();
    let mut store = open(&path);
    insert(&mut store, named("A"));
    drop(store);
    let raw = Connection::open(&path).unwrap();
    for sql in [
        "INSERT INTO cases (name, status, created_at, updated_at) VALUES ('', 'active', 'x', 'x')",
        "INSERT INTO cases (name, status, created_at, updated_at) VALUES ('a', 'bogus', 'x', 'x')",
        "INSERT INTO cases (name, status, next_deadline, created_at, updated_at) VALUES ('a', 'active', '2027-02-30', 'x', 'x')",
        "INSERT INTO cases (name, status, ready_from, created_at, updated_at) VALUES ('a', 'active', '2027-02-30', 'x', 'x')",
        "INSERT INTO cases (name, status, has_draft, created_at, updated_at) VALUES ('a', 'active', 2, 'x', 'x')",
        "UPDATE case_documents SET draft_json = 'not json'",
        "UPDATE case_documents SET situation_json = 'not json'",
    ] {
        assert!(raw.execute(sql, []).is_err(), "accepted: {sql}");
    }
}

// ---------- cases ----------

#[test]
fn create_get_update_rename() {
    let dir = TempDir::new("crud");
    let mut store = open(dir.file());
    let case = insert(&mut store, new_case("  Ana  ", content(SITUATION, "{}")));
    assert_eq!(case.name, "Ana");
    assert_eq!(case.status, "active");
    assert_eq!(case.digest_json, "{}");
    assert_eq!(case.draft_json, None);
    assert_eq!(case.next_deadline, None);
    assert!(!case.deleted);
    assert_eq!(case.created_at, case.updated_at);
    assert!(chrono::DateTime::parse_from_rfc3339(&case.created_at).is_ok());

    let changed = CaseContent {
        draft_json: Some(r#"{"scheme":"fast_track","salary_dkk":"x"}"#.into()),
        list: ListColumns {
            digest_json: r#"{"passport":true}"#.into(),
            next_deadline: date(2027, 5, 1),
            ..ListColumns::default()
        },
        ..content(r#"{"scheme":"fast_track"}"#, "")
    };
    let updated = update(&mut store, case.id, &case.updated_at, &changed).unwrap();
    assert_eq!(updated.situation_json, r#"{"scheme":"fast_track"}"#);
    assert_eq!(updated.digest_json, r#"{"passport":true}"#);
    assert_eq!(updated.draft_json, changed.draft_json);
    assert_eq!(updated.next_deadline, date(2027, 5, 1));
    assert!(updated.updated_at > case.updated_at);
    assert_eq!(updated.created_at, case.created_at);
    assert_eq!((updated.name.as_str(), updated.notes.as_str()), ("Ana", ""));
    assert!(list(&store, &ListFilter::default(), Sort::Name)[0].has_draft);
    // Every answer accepted again: the draft goes.
    let updated = update(
        &mut store,
        case.id,
        &updated.updated_at,
        &content(r#"{"scheme":"fast_track"}"#, r#"{"passport":true}"#),
    )
    .unwrap();
    assert_eq!(updated.draft_json, None);
    assert!(!list(&store, &ListFilter::default(), Sort::Name)[0].has_draft);

    let renamed = rename(&mut store, case.id, &updated.updated_at, " Ana Silva ").unwrap();
    assert_eq!(renamed.name, "Ana Silva");
    assert!(renamed.updated_at > updated.updated_at);
    // The search text the caller gave with the name is searched.
    let silva = ListFilter {
        search: Some("silva".into()),
        ..ListFilter::default()
    };
    assert_eq!(names(&list(&store, &silva, Sort::Name)), ["Ana Silva"]);

    let v = renamed.updated_at.as_str();
    assert_eq!(
        rename(&mut store, case.id, v, " ").unwrap_err().kind(),
        "invalid"
    );
    assert_eq!(
        insert_all(&mut store, &[named("")]).unwrap_err().kind(),
        "invalid"
    );
    assert_eq!(
        insert_all(&mut store, &[new_case("X", content("{oops", "{}"))])
            .unwrap_err()
            .kind(),
        "invalid"
    );
    assert_eq!(
        update(&mut store, case.id, v, &content(SITUATION, "nope"))
            .unwrap_err()
            .kind(),
        "invalid"
    );
    assert_eq!(store.get_case(case.id).unwrap(), renamed);
    let missing = store.get_case(9999).unwrap_err();
    assert!(matches!(missing, StoreError::NotFound { id: 9999, .. }));
    assert_eq!(missing.kind(), "not_found");
    assert_eq!(
        rename(&mut store, 9999, v, "x").unwrap_err().kind(),
        "not_found"
    );
    assert_eq!(
        update(&mut store, 9999, v, &content(SITUATION, "{}"))
            .unwrap_err()
            .kind(),
        "not_found"
    );
}

#[test]
fn updated_at_strictly_increases_even_within_one_millisecond() {
    let dir = TempDir::new("stamps");
    let mut store = open(dir.file());
    let mut case = insert(&mut store, named("Ana"));
    for i in 0..50 {
        let next = update(
            &mut store,
            case.id,
            &case.updated_at,
            &content(SITUATION, &format!("[{i}]")),
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
    // Every one-step change too.
    for archived in [true, false] {
        let next = store
            .set_archived(case.id, archived, Some(&case.updated_at))
            .unwrap();
        assert!(next.updated_at > case.updated_at);
        let next = store
            .set_notes(case.id, &format!("{archived}"), Some(&next.updated_at))
            .unwrap();
        case = next;
    }
}

#[test]
fn stale_expected_updated_at_is_a_conflict_and_saves_nothing() {
    let dir = TempDir::new("conflict");
    let mut store = open(dir.file());
    let original = insert(&mut store, named("Ana"));
    // Window 1 saves.
    let saved = update(
        &mut store,
        original.id,
        &original.updated_at,
        &content(SITUATION, r#"{"a":1}"#),
    )
    .unwrap();
    // Window 2 still has the original version.
    let mut other = content("{}", r#"{"b":2}"#);
    other.list.next_deadline = date(2030, 1, 1);
    let err = update(&mut store, original.id, &original.updated_at, &other).unwrap_err();
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
    let renamed = rename(&mut store, original.id, &saved.updated_at, "Ana S").unwrap();
    assert_eq!(
        update(
            &mut store,
            original.id,
            &saved.updated_at,
            &content(SITUATION, "{}")
        )
        .unwrap_err()
        .kind(),
        "conflict"
    );
    // With the current version the save goes through.
    update(
        &mut store,
        original.id,
        &renamed.updated_at,
        &content(SITUATION, "{}"),
    )
    .unwrap();
}

#[test]
fn stale_versions_are_refused_by_rename_notes_archive_and_delete() {
    let dir = TempDir::new("conflict-steps");
    let mut store = open(dir.file());
    let case = insert(&mut store, named("Ana"));
    let stale = case.updated_at.clone();
    let current = store.set_notes(case.id, "first", Some(&stale)).unwrap();
    assert_eq!(current.notes, "first");
    assert!(current.updated_at > stale);

    let conflict = |r: Result<()>| match r {
        Err(e @ StoreError::Conflict { .. }) => e,
        other => panic!("expected Conflict, got {other:?}"),
    };
    let e = conflict(rename(&mut store, case.id, &stale, "Bea").map(drop));
    assert!(e.to_string().contains(&stale), "{e}");
    conflict(store.set_notes(case.id, "second", Some(&stale)).map(drop));
    conflict(store.set_archived(case.id, true, Some(&stale)).map(drop));
    conflict(store.delete_case(case.id, Some(&stale)).map(drop));
    // Nothing of the refused changes was written.
    assert_eq!(store.get_case(case.id).unwrap(), current);

    // With the current version each goes through, and moves the version on.
    let v = current.updated_at;
    let archived = store.set_archived(case.id, true, Some(&v)).unwrap();
    assert_eq!(archived.status, "archived");
    conflict(store.set_notes(case.id, "late", Some(&v)).map(drop));
    let noted = store
        .set_notes(case.id, "second", Some(&archived.updated_at))
        .unwrap();
    let renamed = rename(&mut store, case.id, &noted.updated_at, "Bea").unwrap();
    conflict(
        store
            .delete_case(case.id, Some(&noted.updated_at))
            .map(drop),
    );
    store
        .delete_case(case.id, Some(&renamed.updated_at))
        .unwrap();
    assert!(store.get_case(case.id).unwrap().deleted);
    // Without an expected version a one-step change takes any version.
    let back = store.undo_delete(case.id).unwrap();
    assert_eq!(store.set_notes(case.id, "any", None).unwrap().notes, "any");
    assert_eq!(
        store.set_archived(case.id, false, None).unwrap().status,
        "active"
    );
    assert!(store.delete_case(case.id, None).is_ok());
    assert!(back.updated_at > renamed.updated_at);
}

#[test]
fn a_case_read_in_a_unit_of_work_is_copied_under_a_new_id() {
    let dir = TempDir::new("dup");
    let mut store = open(dir.file());
    let case = insert(
        &mut store,
        NewCase {
            notes: "n".into(),
            ..named("Ana")
        },
    );
    let mut changed = content(SITUATION, r#"{"x":true}"#);
    changed.list.next_deadline = date(2027, 2, 2);
    changed.draft_json = Some(r#"{"salary_dkk":"x"}"#.into());
    let case = update(&mut store, case.id, &case.updated_at, &changed).unwrap();
    let case = store.set_archived(case.id, true, None).unwrap();
    // As the service duplicates: read the case and insert a copy, in one unit of work.
    let mut tx = store.begin().unwrap();
    let read = tx.case(case.id).unwrap();
    assert_eq!(read, case);
    let copy = NewCase {
        name: "Ana (copy)".into(),
        notes: read.notes.clone(),
        content: CaseContent {
            situation_json: read.situation_json.clone(),
            draft_json: read.draft_json.clone(),
            list: ListColumns {
                digest_json: read.digest_json.clone(),
                next_deadline: read.next_deadline,
                ..ListColumns::default()
            },
            ..CaseContent::default()
        },
    };
    let ids = tx.insert(&[copy]).unwrap();
    tx.commit().unwrap();
    let copy = store.get_case(ids[0]).unwrap();
    assert_ne!(copy.id, case.id);
    assert_eq!(copy.name, "Ana (copy)");
    assert_eq!(copy.situation_json, case.situation_json);
    assert_eq!(copy.digest_json, case.digest_json);
    assert_eq!(copy.draft_json, case.draft_json);
    assert_eq!(copy.notes, "n");
    assert_eq!(copy.next_deadline, case.next_deadline);
    assert_eq!(copy.status, "active");
    // The original is unchanged.
    assert_eq!(store.get_case(case.id).unwrap(), case);
}

#[test]
fn archive_and_reactivate() {
    let dir = TempDir::new("archive");
    let mut store = open(dir.file());
    let a = insert(&mut store, named("A"));
    insert(&mut store, named("B"));
    let archived = store.set_archived(a.id, true, Some(&a.updated_at)).unwrap();
    assert_eq!(archived.status, "archived");
    assert!(archived.updated_at > a.updated_at);
    let only = |status: &str| ListFilter {
        status: Some(status.to_string()),
        ..ListFilter::default()
    };
    assert_eq!(names(&list(&store, &only("archived"), Sort::Name)), ["A"]);
    assert_eq!(names(&list(&store, &only("active"), Sort::Name)), ["B"]);
    assert_eq!(
        store
            .set_archived(a.id, false, Some(&archived.updated_at))
            .unwrap()
            .status,
        "active"
    );
    assert_eq!(
        names(&list(&store, &only("active"), Sort::Name)),
        ["A", "B"]
    );
    assert_eq!(
        store.set_archived(999, true, None).unwrap_err().kind(),
        "not_found"
    );
}

#[test]
fn soft_delete_undo_and_purge() {
    let dir = TempDir::new("delete");
    let mut store = open(dir.file());
    let a = insert(&mut store, named("A"));
    let b = insert(&mut store, named("B"));

    let token = store.delete_case(a.id, Some(&a.updated_at)).unwrap();
    assert_eq!(token.id, a.id);
    let deleted = store.get_case(a.id).unwrap();
    assert!(deleted.deleted);
    assert_eq!(deleted.updated_at, a.updated_at, "a delete is no edit");
    assert_eq!(
        names(&list(&store, &ListFilter::default(), Sort::Name)),
        ["B"]
    );
    let all = ListFilter {
        include_deleted: true,
        ..ListFilter::default()
    };
    let with_deleted = list(&store, &all, Sort::Name);
    assert_eq!(names(&with_deleted), ["A", "B"]);
    assert!(with_deleted[0].deleted && !with_deleted[1].deleted);

    // A deleted case cannot be changed or deleted again.
    let v = a.updated_at.as_str();
    assert_eq!(
        rename(&mut store, a.id, v, "x").unwrap_err().kind(),
        "not_found"
    );
    assert_eq!(
        update(&mut store, a.id, v, &content("{}", "{}"))
            .unwrap_err()
            .kind(),
        "not_found"
    );
    assert!(!save_plan(
        &mut store,
        a.id,
        v,
        &ListColumns {
            digest_json: r#"{"late":true}"#.into(),
            ..ListColumns::default()
        },
        &PlanColumns::default()
    ));
    assert_eq!(store.get_case(a.id).unwrap(), deleted);
    assert_eq!(
        store.set_notes(a.id, "x", None).unwrap_err().kind(),
        "not_found"
    );
    assert_eq!(
        store.set_archived(a.id, true, None).unwrap_err().kind(),
        "not_found"
    );
    assert_eq!(
        store.acknowledge(a.id, "{}").unwrap_err().kind(),
        "not_found"
    );
    assert_eq!(
        store.delete_case(a.id, None).unwrap_err().kind(),
        "not_found"
    );
    assert!(store
        .plan_states(None)
        .unwrap()
        .iter()
        .all(|s| s.id != a.id));

    let back = store.undo_delete(a.id).unwrap();
    assert!(!back.deleted);
    assert_eq!(back.situation_json, SITUATION);
    assert!(back.updated_at > a.updated_at);
    assert_eq!(store.undo_delete(a.id).unwrap_err().kind(), "invalid");
    assert_eq!(
        names(&list(&store, &ListFilter::default(), Sort::Name)),
        ["A", "B"]
    );

    // Purge: a recent delete survives a one-hour purge, not a zero one.
    store.delete_case(b.id, None).unwrap();
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
    assert_eq!(rows(&dir.file(), "case_documents"), 1);
    // Live case A is untouched.
    let store = open(dir.file());
    assert_eq!(store.get_case(a.id).unwrap().name, "A");
}

// ---------- the case list ----------

#[test]
fn list_search_filter_and_sort() {
    let dir = TempDir::new("list");
    let mut store = open(dir.file());
    let dated = |name: &str, deadline: Option<NaiveDate>| {
        let mut c = named(name);
        c.content.list.next_deadline = deadline;
        c
    };
    let items = [
        dated("Zoë Ærø", date(2027, 6, 1)),
        dated("ana silva", None),
        dated("Bo", date(2027, 1, 15)),
        dated("ANA Costa", date(2026, 12, 24)),
        dated("Carl", None),
    ];
    let ids = insert_all(&mut store, &items).unwrap();

    let all = ListFilter::default();
    let by_deadline = list(&store, &all, Sort::NearestDeadline);
    assert_eq!(
        names(&by_deadline),
        ["ANA Costa", "Bo", "Zoë Ærø", "ana silva", "Carl"]
    );
    assert_eq!(by_deadline[0].next_deadline, date(2026, 12, 24));
    assert_eq!(by_deadline[4].next_deadline, None);

    assert_eq!(
        names(&list(&store, &all, Sort::Name)),
        ["ANA Costa", "ana silva", "Bo", "Carl", "Zoë Ærø"]
    );

    // Most recently updated first (timestamps have millisecond resolution:
    // let the clock move past the insert so the rename is not a tie).
    std::thread::sleep(Duration::from_millis(5));
    let bo = store.get_case(ids[2]).unwrap();
    rename(&mut store, bo.id, &bo.updated_at, "Bo B").unwrap();
    assert_eq!(list(&store, &all, Sort::Updated)[0].name, "Bo B");

    // Search: in the search text the caller wrote (here the lowercased
    // name), not in the name as shown.
    let search = |text: &str| ListFilter {
        search: Some(text.to_string()),
        ..ListFilter::default()
    };
    assert_eq!(
        names(&list(&store, &search("ana"), Sort::NearestDeadline)),
        ["ANA Costa", "ana silva"]
    );
    assert_eq!(
        names(&list(&store, &search("zoë ærø"), Sort::Name)),
        ["Zoë Ærø"]
    );
    assert_eq!(names(&list(&store, &search("bo b"), Sort::Name)), ["Bo B"]);
    assert!(list(&store, &search("nobody"), Sort::Name).is_empty());
    // A blank search is no filter.
    assert_eq!(list(&store, &search("  "), Sort::Name).len(), 5);
    let mut hidden = named("Hidden");
    hidden.content.list.search_text = "hr-2027-017 aarhus".into();
    insert(&mut store, hidden);
    assert_eq!(
        names(&list(&store, &search("2027-01"), Sort::Name)),
        ["Hidden"]
    );
    assert!(list(&store, &search("hidden"), Sort::Name).is_empty());

    let costa = store.get_case(ids[3]).unwrap();
    store
        .set_archived(costa.id, true, Some(&costa.updated_at))
        .unwrap();
    let active_ana = ListFilter {
        search: Some("ana".into()),
        status: Some("active".into()),
        include_deleted: false,
        form: None,
        due_by: None,
        readiness: None,
    };
    assert_eq!(names(&list(&store, &active_ana, Sort::Name)), ["ana silva"]);
    let due = ListFilter {
        due_by: date(2027, 1, 15),
        ..ListFilter::default()
    };
    assert_eq!(
        names(&list(&store, &due, Sort::Name)),
        ["ANA Costa", "Bo B"]
    );
}

#[test]
fn search_treats_like_metacharacters_literally() {
    let dir = TempDir::new("search-literal");
    let mut store = open(dir.file());
    let texts = [
        "100% sure",
        "1000 sure",
        "a_b",
        "axb",
        r"c:\temp",
        "c:/temp",
        r"x\%y",
    ];
    let items: Vec<NewCase> = texts.iter().map(|t| named(t)).collect();
    insert_all(&mut store, &items).unwrap();
    let found = |text: &str| {
        let f = ListFilter {
            search: Some(text.into()),
            ..ListFilter::default()
        };
        list(&store, &f, Sort::Name)
            .into_iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(found("%"), ["100% sure", r"x\%y"]);
    assert_eq!(found("0% s"), ["100% sure"], "% is no wildcard");
    assert_eq!(found("_"), ["a_b"]);
    assert_eq!(found("a_b"), ["a_b"], "_ is no wildcard");
    assert_eq!(found(r"\"), [r"c:\temp", r"x\%y"]);
    assert_eq!(found(r"c:\t"), [r"c:\temp"], r"\ escapes nothing");
    assert_eq!(found(r"\%"), [r"x\%y"]);
    assert_eq!(found(r"\_"), Vec::<String>::new());
    assert_eq!(found("c:"), ["c:/temp", r"c:\temp"]);
}

#[test]
fn list_page_pages_counts_and_filters_by_form() {
    let dir = TempDir::new("page");
    let mut store = open(dir.file());
    let case = |name: &str, forms: &[&str], deadline: Option<NaiveDate>| {
        let mut c = new_case(
            name,
            content(
                SITUATION,
                &serde_json::json!({ "forms": forms }).to_string(),
            ),
        );
        c.content.list.forms = forms.iter().map(|f| f.to_string()).collect();
        c.content.list.next_deadline = deadline;
        c
    };
    let mut items: Vec<NewCase> = (0..25)
        .map(|i| {
            case(
                &format!("Hire {i:02}"),
                &["AR1", "FA8"],
                date(2027, 1, 1 + i),
            )
        })
        .collect();
    items.push(case("Service", &["AR9"], date(2026, 12, 1)));
    // A digest naming a form the list columns do not: the store reads the
    // columns, never the JSON.
    items.push(new_case(
        "Odd digest",
        content(SITUATION, r#"{"forms":["AR9"]}"#),
    ));
    items.push(case("No forms", &[], None));
    insert_all(&mut store, &items).unwrap();
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
    // The pages together are the whole list, each case once, in every order.
    for sort in [Sort::NearestDeadline, Sort::Name, Sort::Updated] {
        let whole = list(&store, &all, sort);
        let mut paged = Vec::new();
        for offset in (0..28).step_by(10) {
            paged.extend(store.list_page(&all, sort, offset, Some(10)).unwrap().rows);
        }
        assert_eq!(paged, whole, "{sort:?}");
    }

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
    // An empty form is no filter.
    assert_eq!(list(&store, &form(""), Sort::Name).len(), 28);
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
fn form_filter_matches_whole_codes_only() {
    let dir = TempDir::new("form-prefix");
    let mut store = open(dir.file());
    let with = |name: &str, forms: &[&str]| {
        let mut c = named(name);
        c.content.list.forms = forms.iter().map(|f| f.to_string()).collect();
        c
    };
    insert_all(
        &mut store,
        &[
            with("AR1 only", &["AR1"]),
            with("AR19 only", &["AR19"]),
            with("AR19 and FA8", &["AR19", "FA8"]),
            with("FA8 then AR1", &["FA8", "AR1"]),
            with("XAR1", &["XAR1"]),
        ],
    )
    .unwrap();
    let found = |f: &str| {
        let filter = ListFilter {
            form: Some(f.into()),
            ..ListFilter::default()
        };
        list(&store, &filter, Sort::Name)
            .into_iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(found("AR1"), ["AR1 only", "FA8 then AR1"]);
    assert_eq!(found("AR19"), ["AR19 and FA8", "AR19 only"]);
    assert_eq!(found("FA8"), ["AR19 and FA8", "FA8 then AR1"]);
    assert_eq!(found("XAR1"), ["XAR1"]);
    for part in ["AR", "R1", "A", "AR1,", ",AR1", "%", "_R1", "AR_"] {
        assert!(found(part).is_empty(), "{part} matched {:?}", found(part));
    }
}

#[test]
fn two_handles_on_one_file_see_each_others_writes() {
    let dir = TempDir::new("two");
    let mut first = open(dir.file());
    let mut second = open(dir.file());
    let a = insert(&mut first, named("From first"));
    let b = insert(&mut second, named("From second"));
    assert_ne!(a.id, b.id);
    // Interleaved edits, each conditional on the version it read.
    let a2 = update(
        &mut second,
        a.id,
        &a.updated_at,
        &content(SITUATION, r#"{"by":"second"}"#),
    )
    .unwrap();
    assert_eq!(
        update(
            &mut first,
            a.id,
            &a.updated_at,
            &content(SITUATION, r#"{"by":"first"}"#)
        )
        .unwrap_err()
        .kind(),
        "conflict"
    );
    update(
        &mut first,
        b.id,
        &b.updated_at,
        &content(SITUATION, r#"{"by":"first"}"#),
    )
    .unwrap();
    let noted = second.set_notes(b.id, "from second", None).unwrap();
    first.set_setting("k", "from first").unwrap();
    second.save_template("T", "[]").unwrap();
    for store in [&first, &second] {
        assert_eq!(
            names(&list(store, &ListFilter::default(), Sort::Name)),
            ["From first", "From second"]
        );
        assert_eq!(store.get_case(a.id).unwrap(), a2);
        assert_eq!(store.get_case(b.id).unwrap(), noted);
        assert_eq!(noted.digest_json, r#"{"by":"first"}"#);
        assert_eq!(store.setting("k").unwrap().as_deref(), Some("from first"));
        assert_eq!(store.list_templates().unwrap().len(), 1);
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

// ---------- rules state ----------

#[test]
fn plans_saved_after_a_rules_update_keep_the_edit_version_and_can_be_acknowledged() {
    let dir = TempDir::new("rules-state");
    let mut store = open(dir.file());
    let a = insert(&mut store, new_case("A", content("{}", "{}")));
    let b = insert(&mut store, new_case("B", content("{}", "{}")));
    let states = store.plan_states(None).unwrap();
    assert_eq!(states.len(), 2);
    assert_eq!(states[0].rules_version, None);
    assert_eq!(states[0].seen_json, None);
    assert_eq!(states[0].updated_at, a.updated_at);
    assert_eq!(
        (states[0].situation_json.as_str(), states[0].damaged),
        ("{}", false)
    );

    let a_list = ListColumns {
        digest_json: r#"{"forms":["AR9"]}"#.into(),
        next_deadline: date(2027, 1, 5),
        search_text: "a".into(),
        forms: vec!["AR9".into()],
        readiness: None,
    };
    let plan = |seen: Option<&str>, changed: bool| PlanColumns {
        rules_version: Some("2026.12.20".into()),
        plan_json: Some(r#"{"v":2}"#.into()),
        seen_json: seen.map(str::to_owned),
        rules_changed: changed,
    };
    let mut tx = store.begin().unwrap();
    assert!(tx
        .save_plan(a.id, &a.updated_at, &a_list, &plan(None, true))
        .unwrap());
    assert!(tx
        .save_plan(
            b.id,
            &b.updated_at,
            &ListColumns {
                digest_json: "{}".into(),
                ..ListColumns::default()
            },
            &plan(Some(r#"{"v":2}"#), false)
        )
        .unwrap());
    tx.commit().unwrap();
    assert!(store.plan_states(Some("2026.12.20")).unwrap().is_empty());
    assert_eq!(store.plan_states(Some("2027.1.1")).unwrap().len(), 2);
    // Not an edit: updated_at unchanged, so an open editor can still save.
    let a2 = store.get_case(a.id).unwrap();
    assert_eq!(a2.updated_at, a.updated_at);
    assert_eq!(a2.next_deadline, date(2027, 1, 5));
    assert_eq!(a2.digest_json, r#"{"forms":["AR9"]}"#);
    assert_eq!(a2.situation_json, "{}", "the situation stays");
    assert!(a2.rules_changed);
    assert_eq!(a2.seen_json, None);
    assert_eq!(a2.plan_json.as_deref(), Some(r#"{"v":2}"#));
    assert_eq!(a2.rules_version.as_deref(), Some("2026.12.20"));
    let listed = list(&store, &ListFilter::default(), Sort::Name);
    assert!(listed[0].rules_changed && !listed[1].rules_changed);
    let ar9 = ListFilter {
        form: Some("AR9".into()),
        ..ListFilter::default()
    };
    assert_eq!(names(&list(&store, &ar9, Sort::Name)), ["A"]);
    assert_eq!(
        store.get_case(b.id).unwrap().seen_json.as_deref(),
        Some(r#"{"v":2}"#)
    );

    // Acknowledged: no longer changed, the seen snapshot saved; not an edit.
    store.acknowledge(a.id, r#"{"v":2}"#).unwrap();
    let a3 = store.get_case(a.id).unwrap();
    assert!(!a3.rules_changed);
    assert_eq!(a3.seen_json.as_deref(), Some(r#"{"v":2}"#));
    assert_eq!(a3.updated_at, a.updated_at);
    // A plan made on a version that moved since is refused and not written.
    let edited = update(
        &mut store,
        a.id,
        &a.updated_at,
        &content(r#"{"edited":true}"#, "{}"),
    )
    .unwrap();
    assert!(!save_plan(
        &mut store,
        a.id,
        &a.updated_at,
        &a_list,
        &plan(None, true)
    ));
    assert_eq!(store.get_case(a.id).unwrap(), edited);
    // An edit writes the plan state it was given: without rules, none.
    assert_eq!(edited.rules_version, None);
    assert_eq!(edited.plan_json, None);
    assert!(!edited.rules_changed);
    assert_eq!(edited.seen_json.as_deref(), Some(r#"{"v":2}"#), "kept");
    assert!(list(&store, &ar9, Sort::Name).is_empty());
    assert_eq!(
        store
            .plan_states(Some("2026.12.20"))
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>(),
        [a.id]
    );
    let bad = ListColumns {
        digest_json: "nope".into(),
        ..ListColumns::default()
    };
    let mut tx = store.begin().unwrap();
    assert_eq!(
        tx.save_plan(a.id, &edited.updated_at, &bad, &PlanColumns::default())
            .unwrap_err()
            .kind(),
        "invalid"
    );
    drop(tx);
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
    let mut store = open(&path);
    let old = insert(&mut store, named("Ana"));
    let noted = store.set_notes(old.id, "keep me", None).unwrap();
    let new = named("Bo");
    let mut changed = content(r#"{"scheme":"researcher"}"#, r#"{"forms":["AR1"]}"#);
    changed.list.next_deadline = date(2027, 2, 1);
    changed.plan = PlanColumns {
        rules_version: Some("7".into()),
        plan_json: Some(r#"{"p":2}"#.into()),
        seen_json: Some(r#"{"p":2}"#.into()),
        rules_changed: false,
    };
    // A stale update (the case changed since) after an insert: nothing at
    // all is written.
    let mut tx = store.begin().unwrap();
    tx.insert(std::slice::from_ref(&new)).unwrap();
    let err = tx.update(old.id, &old.updated_at, &changed).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    drop(tx);
    assert_eq!(rows(&path, "cases"), 1);
    assert_eq!(store.get_case(old.id).unwrap(), noted);

    let mut tx = store.begin().unwrap();
    let ids = tx.insert(std::slice::from_ref(&new)).unwrap();
    tx.update(old.id, &noted.updated_at, &changed).unwrap();
    tx.commit().unwrap();
    assert_eq!(ids.len(), 1);
    let a = store.get_case(old.id).unwrap();
    assert_eq!(
        (a.name.as_str(), a.notes.as_str(), a.situation_json.as_str()),
        ("Ana", "keep me", r#"{"scheme":"researcher"}"#)
    );
    assert_eq!(a.next_deadline, date(2027, 2, 1));
    assert!(a.updated_at > noted.updated_at);
    assert_eq!(a.seen_json.as_deref(), Some(r#"{"p":2}"#));
    assert_eq!(a.rules_version.as_deref(), Some("7"));
    assert_eq!(rows(&path, "cases"), 2);
}

#[test]
fn readiness_filter_and_counts_decide_against_the_day_asked() {
    let dir = TempDir::new("readiness");
    let mut store = open(dir.file());
    let dec1 = day(2026, 12, 1);
    let ready = |name: &str, group: &str, then: Option<(NaiveDate, &str)>| {
        let mut c = named(name);
        c.content.list.readiness = Some(Readiness {
            group: group.into(),
            then: then.map(|(d, g)| (d, g.to_owned())),
        });
        c
    };
    let ids = insert_all(
        &mut store,
        &[
            ready("Opens 1 Dec", "not_yet", Some((dec1, "may_submit_now"))),
            ready("Open since October", "may_submit_now", None),
            ready("Waiting", "waiting_documents", None),
            ready("Outside", "not_covered", None),
            named("Not planned yet"),
        ],
    )
    .unwrap();
    let group = |g: &str, today: NaiveDate| {
        let f = ListFilter {
            readiness: Some((g.into(), today)),
            ..ListFilter::default()
        };
        list(&store, &f, Sort::Name)
            .into_iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
    };
    let nov30 = day(2026, 11, 30);
    let dec2 = day(2026, 12, 2);
    // The day before its date the case is in its group; on the date and
    // after, in the group it changes to.
    assert_eq!(group("not_yet", nov30), ["Opens 1 Dec"]);
    assert_eq!(group("may_submit_now", nov30), ["Open since October"]);
    for on_or_after in [dec1, dec2] {
        assert!(group("not_yet", on_or_after).is_empty());
        assert_eq!(
            group("may_submit_now", on_or_after),
            ["Open since October", "Opens 1 Dec"]
        );
    }
    assert_eq!(group("waiting_documents", nov30), ["Waiting"]);
    assert_eq!(group("not_covered", dec2), ["Outside"]);
    assert!(group("unknown", nov30).is_empty());
    let count = |g: &str, n: usize| (g.to_owned(), n);
    assert_eq!(
        store.readiness_counts(nov30).unwrap(),
        [
            count("may_submit_now", 1),
            count("not_covered", 1),
            count("not_yet", 1),
            count("waiting_documents", 1),
        ]
    );
    for on_or_after in [dec1, dec2] {
        assert_eq!(
            store.readiness_counts(on_or_after).unwrap(),
            [
                count("may_submit_now", 2),
                count("not_covered", 1),
                count("waiting_documents", 1),
            ]
        );
    }
    // Only live active cases are counted.
    store.set_archived(ids[1], true, None).unwrap();
    store.delete_case(ids[2], None).unwrap();
    assert_eq!(
        store.readiness_counts(dec1).unwrap(),
        [count("may_submit_now", 1), count("not_covered", 1)]
    );
}

#[test]
fn a_setting_is_kept_replaced_and_read_back_after_reopening() {
    let dir = TempDir::new("settings");
    let path = dir.0.join("w.sqlite3");
    let mut store = open(&path);
    assert_eq!(store.setting("reminders_sent_on").unwrap(), None);
    store
        .set_setting("reminders_sent_on", "2026-11-29")
        .unwrap();
    store
        .set_setting("reminders_sent_on", "2026-11-30")
        .unwrap();
    drop(store);
    let store = open(&path);
    assert_eq!(
        store.setting("reminders_sent_on").unwrap().as_deref(),
        Some("2026-11-30")
    );
}
