//! Nothing a user typed or imported is lost: a draft survives every path that
//! re-plans a case, an edit is one transaction, and a duplicate-safe import
//! stays duplicate-safe when two run at once (two `Workspace` handles on one
//! file, as two windows or two processes have).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use chrono::NaiveDate;
use permit_core::Lang;
use permit_service::{ImportOptions, ListQuery, OnDuplicate, View, Workspace};
use permit_store_postgres::testing;
use serde_json::json;

/// A fresh folder for one test, and the workspace file in it.
fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pp-noloss-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("workspace.sqlite3")
}

fn view() -> View {
    View {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

/// An empty rules folder: the embedded rules are in force.
fn rules_dir(path: &Path) -> PathBuf {
    let dir = path.with_file_name("rules");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The workspace of the test file `path` on the backend under test (the
/// file, or a team workspace of its own: `permit_store_postgres::testing`).
fn open(path: &Path) -> Workspace {
    let store = permit_store_postgres::testing::address_for(path);
    Workspace::open_with_rules(Some(&store), &rules_dir(path)).unwrap()
}

/// A researcher case whose birth date is typed as a day that does not
/// exist: the core refuses that one answer, the rest is accepted.
fn typed_with_a_bad_date() -> serde_json::Value {
    json!({ "format": 1, "case": { "reference": "HR-7" },
            "applicant": { "name": "Lucía Pérez", "birth_date": "1990-02-30" },
            "role": "employee", "scheme": "researcher",
            "employer": { "name": "Aarhus University", "registered_in_denmark": true, "location": "denmark" },
            "dates": { "planned_submission": "2027-01-10", "job_start": "2027-03-01" } })
}

/// Case `id` holds the draft typed with the bad date, marked at its field.
fn assert_draft_kept(ws: &Workspace, id: i64, path_said: &str) {
    let c = ws.get(id, view()).unwrap();
    let draft = c
        .draft
        .unwrap_or_else(|| panic!("{path_said}: the draft was dropped"));
    assert_eq!(
        draft.situation["applicant"]["birth_date"], "1990-02-30",
        "{path_said}: the answer as typed"
    );
    assert!(
        draft
            .errors
            .iter()
            .any(|e| e.field == "applicant.birth_date"),
        "{path_said}: marked at its field: {:?}",
        draft.errors
    );
    let row = ws
        .list(&ListQuery::default(), &view())
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    assert!(row.to_fix, "{path_said}: the list says it needs fixing");
}

/// A case holding a draft, in a workspace at `path`.
fn case_with_draft(ws: &mut Workspace) -> i64 {
    let c = ws.create("Lucía", view()).unwrap();
    let c = ws
        .update(c.id, &typed_with_a_bad_date(), Some(&c.updated_at), view())
        .unwrap();
    assert!(c.draft.is_some(), "the bad date is kept as a draft");
    c.id
}

/// Runs `statement` on the workspace behind the service's back (as an
/// older build or another program would), on the backend under test.
fn sql(path: &Path, statement: &str) {
    if testing::on_postgres() {
        testing::admin_client(path)
            .batch_execute(statement)
            .unwrap();
    } else {
        rusqlite::Connection::open(path)
            .unwrap()
            .execute_batch(statement)
            .unwrap();
    }
}

/// The workspace FILE `path` (tests of the SQLite file's own schema
/// history, whatever the backend under test).
fn open_file(path: &Path) -> Workspace {
    Workspace::open_with_rules(Some(path), &rules_dir(path)).unwrap()
}

#[test]
fn a_draft_survives_a_replan_with_other_rules() {
    let path = tmp("draft-rules");
    let id = {
        let mut ws = open(&path);
        case_with_draft(&mut ws)
    };
    // Planned with other rules: the next open re-plans it.
    sql(&path, "UPDATE cases SET rules_version = 'another'");
    let ws = open(&path);
    assert_draft_kept(&ws, id, "re-planned with other rules");
}

#[test]
fn a_draft_survives_the_schema_migration_from_its_digest_to_its_own_column() {
    let path = tmp("draft-migration");
    permit_store::create_at_schema(&path, 6).unwrap();
    // A case as a schema-6 build kept it: the draft inside the digest column.
    let typed = typed_with_a_bad_date();
    let mut accepted = typed.clone();
    accepted["applicant"]["birth_date"] = serde_json::Value::Null;
    let digest = json!({ "forms": ["AR1"], "draft": typed });
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute(
        "INSERT INTO cases (name, created_at, updated_at, rules_version) \
         VALUES ('Lucía', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'old')",
        [],
    )
    .unwrap();
    let id = c.last_insert_rowid();
    c.execute(
        "INSERT INTO case_documents (case_id, situation_json, digest_json) VALUES (?1, ?2, ?3)",
        rusqlite::params![id, accepted.to_string(), digest.to_string()],
    )
    .unwrap();
    drop(c);
    let ws = open_file(&path);
    assert_draft_kept(&ws, id, "a schema-6 workspace opened");
}

#[test]
fn a_draft_survives_a_template_applied_and_the_items_join_it() {
    let path = tmp("draft-template");
    let mut ws = open(&path);
    let id = case_with_draft(&mut ws);
    ws.template_save("Agency", "Signed lease\n", Lang::En)
        .unwrap();
    let c = ws.template_apply("Agency", id, None, view()).unwrap();
    assert_draft_kept(&ws, id, "template applied");
    assert!(
        c.situation
            .documents
            .iter()
            .any(|d| d.own && d.name.as_deref() == Some("Signed lease")),
        "the template's item is in the case"
    );
}

#[test]
fn a_draft_survives_a_reimport_that_updates_the_case() {
    let path = tmp("draft-import");
    let mut ws = open(&path);
    let id = case_with_draft(&mut ws);
    let csv = path.with_file_name("hires.csv");
    std::fs::write(
        &csv,
        "case_name,reference,applicant_name,role,scheme,employer_name,\
         employer_registered_in_denmark,employer_location,job_start\n\
         Lucía again,HR-7,Lucía Pérez,employee,researcher,Copenhagen Business School,\
         yes,denmark,2027-03-01\n",
    )
    .unwrap();
    let opts = ImportOptions {
        valid_rows: false,
        template: None,
        on_duplicate: OnDuplicate::Update,
    };
    let report = ws.import_hires(&csv, &opts, view()).unwrap();
    assert_eq!(report.updated, 1, "{report:?}");
    assert_draft_kept(&ws, id, "re-imported with --on-duplicate update");
    let c = ws.get(id, view()).unwrap();
    assert_eq!(
        c.situation.employer.name.as_deref(),
        Some("Copenhagen Business School"),
        "the row's answer is laid over the case"
    );
}

#[test]
fn a_draft_travels_in_the_case_file_and_comes_back() {
    let path = tmp("draft-case-file");
    let mut ws = open(&path);
    let id = case_with_draft(&mut ws);
    let file = path.with_file_name("lucia.permit-case.json");
    ws.export_case_file(id, &file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("1990-02-30"), "the draft is in the file");
    let back = ws.import_case(&file, OnDuplicate::New, view()).unwrap();
    assert_eq!(back.from_version, 2);
    assert_draft_kept(&ws, back.case.id, "exported and imported as a case file");
}

#[test]
fn a_case_without_a_draft_is_written_as_a_version_1_file() {
    let path = tmp("no-draft-case-file");
    let mut ws = open(&path);
    let c = ws.create("Plain", view()).unwrap();
    let file = path.with_file_name("plain.permit-case.json");
    ws.export_case_file(c.id, &file).unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["version"], 1, "readable by a build that knows version 1");
    assert!(v.get("draft").is_none());
}

/// The employer named in a case's stored situation, in its list row (the
/// digest) and in its search text, read in one statement (one snapshot of
/// the file): one answer, whoever wrote last.
fn employer_everywhere(path: &Path, id: i64) -> (Option<String>, Option<String>, String) {
    if testing::on_postgres() {
        let r = testing::admin_client(path)
            .query_one(
                "SELECT situation_json::jsonb #>> '{employer,name}', \
                 digest_json::jsonb ->> 'employer_name', search_text FROM cases WHERE id = $1",
                &[&id],
            )
            .unwrap();
        return (r.get(0), r.get(1), r.get(2));
    }
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT d.situation_json ->> '$.employer.name', d.digest_json ->> '$.employer_name', \
             c.search_text FROM cases c JOIN case_documents d ON d.case_id = c.id WHERE c.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

fn assert_one_answer(path: &Path, id: i64, when: &str) {
    let (situation, digest, search) = employer_everywhere(path, id);
    assert_eq!(situation, digest, "{when}: the list shows what is saved");
    let name = situation.unwrap_or_default().to_lowercase();
    assert!(
        search.contains(&name),
        "{when}: a search finds {name:?} in {search:?}"
    );
}

#[test]
fn an_edit_and_an_import_on_two_handles_leave_one_answer_everywhere() {
    let path = tmp("two-handles");
    let mut a = open(&path);
    let c = a.create("Hire", view()).unwrap();
    let mut typed = json!({ "format": 1, "case": { "reference": "HR-9" },
        "applicant": { "name": "Ana" }, "role": "employee", "scheme": "researcher",
        "employer": { "name": "Aarhus University", "registered_in_denmark": true, "location": "denmark" },
        "dates": { "job_start": "2027-03-01" } });
    let c = a.update(c.id, &typed, Some(&c.updated_at), view()).unwrap();
    let id = c.id;
    let csv = path.with_file_name("hires.csv");
    // On the old two-transaction save, 40 rounds showed the split 4 runs in 5.
    let rounds = 120;
    let barrier = Arc::new(Barrier::new(2));
    let importer = {
        let (path, csv, barrier) = (path.clone(), csv.clone(), barrier.clone());
        std::thread::spawn(move || {
            let mut b = open(&path);
            let opts = ImportOptions {
                valid_rows: false,
                template: None,
                on_duplicate: OnDuplicate::Update,
            };
            barrier.wait();
            for i in 0..rounds {
                std::fs::write(
                    &csv,
                    format!(
                        "case_name,reference,applicant_name,role,scheme,employer_name,\
                         employer_registered_in_denmark,employer_location,job_start\n\
                         Hire,HR-9,Ana,employee,researcher,Importer {i},yes,denmark,2027-03-01\n"
                    ),
                )
                .unwrap();
                // A conflict (the editor wrote between the read and the
                // write) refuses the whole import; it is tried again.
                let _ = b.import_hires(&csv, &opts, view());
            }
        })
    };
    barrier.wait();
    let mut version = c.updated_at;
    let mut conflicts = 0;
    for i in 0..rounds {
        typed["employer"]["name"] = json!(format!("Editor {i}"));
        match a.update(id, &typed, Some(&version), view()) {
            Ok(saved) => version = saved.updated_at,
            Err(e) => {
                // Refused, never written over: the editor sees the conflict,
                // names the answer that differs, and reloads.
                assert_eq!(e.kind, permit_service::ErrorKind::Conflict, "{}", e.message);
                assert!(e.fields.iter().any(|f| f.field == "employer.name"), "{e:?}");
                conflicts += 1;
                version = a.get(id, view()).unwrap().updated_at;
            }
        }
        assert_one_answer(&path, id, &format!("round {i}"));
    }
    importer.join().unwrap();
    assert_one_answer(&path, id, "at the end");
    // And what the service shows agrees.
    let c = a.get(id, view()).unwrap();
    let q = ListQuery {
        search: c.situation.employer.name.clone(),
        ..ListQuery::default()
    };
    assert!(a.list(&q, &view()).unwrap().rows.iter().any(|r| r.id == id));
    eprintln!("{conflicts} of {rounds} edits met the importer's change");
}

/// `n` rows of hires, each with its own reference.
fn hires(n: usize) -> String {
    let mut s = String::from(
        "case_name,reference,applicant_name,role,scheme,employer_registered_in_denmark,\
         employer_location,job_start\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "Hire {i},REF-{i},Person {i},employee,researcher,yes,denmark,2027-03-01\n"
        ));
    }
    s
}

#[test]
fn two_duplicate_safe_imports_at_once_import_each_hire_once() {
    let path = tmp("two-imports");
    drop(open(&path));
    let csv = path.with_file_name("hires.csv");
    let n = 300;
    std::fs::write(&csv, hires(n)).unwrap();
    let barrier = Arc::new(Barrier::new(2));
    let run = |path: PathBuf, csv: PathBuf, barrier: Arc<Barrier>| {
        std::thread::spawn(move || {
            let mut ws = open(&path);
            let opts = ImportOptions {
                valid_rows: false,
                template: None,
                on_duplicate: OnDuplicate::Skip,
            };
            barrier.wait();
            ws.import_hires(&csv, &opts, view()).unwrap()
        })
    };
    let one = run(path.clone(), csv.clone(), barrier.clone());
    let two = run(path.clone(), csv.clone(), barrier);
    let (one, two) = (one.join().unwrap(), two.join().unwrap());
    assert_eq!(
        one.imported + two.imported,
        n,
        "each hire imported once: {} and {}",
        one.imported,
        two.imported
    );
    assert_eq!(
        one.skipped + two.skipped,
        n,
        "the other's rows were skipped"
    );
    let ws = open(&path);
    let q = ListQuery {
        limit: Some(0),
        ..ListQuery::default()
    };
    assert_eq!(ws.list(&q, &view()).unwrap().total, n);
}

#[test]
fn a_workspace_of_every_earlier_schema_opens_with_its_case_found_and_its_draft_kept() {
    let typed = typed_with_a_bad_date();
    let mut accepted = typed.clone();
    accepted["applicant"]["birth_date"] = serde_json::Value::Null;
    for version in 1..permit_store::SCHEMA_VERSION {
        let path = tmp(&format!("schema-{version}"));
        permit_store::create_at_schema(&path, version).unwrap();
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO cases (name, created_at, updated_at) \
             VALUES ('Lucía', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
            [],
        )
        .unwrap();
        let id = c.last_insert_rowid();
        // Versions 4 to 6 kept a draft inside the digest column (named
        // `checklist_json` before version 4, when drafts did not exist).
        // From version 7 on, in its own column.
        let (column, digest) = if version < 4 {
            ("checklist_json", json!({ "forms": [] }))
        } else if version < 7 {
            ("digest_json", json!({ "forms": [], "draft": typed }))
        } else {
            ("digest_json", json!({ "forms": [] }))
        };
        c.execute(
            &format!("INSERT INTO case_documents (case_id, situation_json, {column}) VALUES (?1, ?2, ?3)"),
            rusqlite::params![id, accepted.to_string(), digest.to_string()],
        )
        .unwrap();
        if version >= 7 {
            c.execute(
                "UPDATE case_documents SET draft_json = ?2 WHERE case_id = ?1",
                rusqlite::params![id, typed.to_string()],
            )
            .unwrap();
            c.execute("UPDATE cases SET has_draft = 1 WHERE id = ?1", [id])
                .unwrap();
        }
        drop(c);
        let ws = open_file(&path);
        let q = ListQuery {
            search: Some("hr-7".into()),
            ..ListQuery::default()
        };
        let rows = ws.list(&q, &view()).unwrap().rows;
        assert_eq!(rows.len(), 1, "schema {version}: found by its reference");
        assert_eq!(
            rows[0].digest.employer_name.as_deref(),
            Some("Aarhus University")
        );
        if version >= 4 {
            assert_draft_kept(&ws, id, &format!("schema {version}"));
        } else {
            assert!(ws.get(id, view()).unwrap().draft.is_none());
        }
        let user_version: i64 = rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            user_version,
            permit_store::SCHEMA_VERSION,
            "schema {version}"
        );
    }
}
