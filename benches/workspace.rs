//! Desktop back-end figures (no window): one plan update round trip through
//! the service layer, and opening a workspace of 10,000 cases and listing it
//! sorted by nearest deadline. Prints figures; targets: update < 16 ms,
//! open + list < 200 ms.
//!
//! Run: `cargo bench --bench workspace`; on a team workspace (a PostgreSQL
//! server named by the `PG*` variables, e.g. under `pg_virtualenv`):
//! `PERMIT_TEST_BACKEND=postgres cargo bench --bench workspace`, which also
//! lists a workspace of 100,000 cases (target < 500 ms). The 10,000-case workspace is kept at
//! target/bench/workspace-10k.sqlite3 (made once; also used by
//! scripts/bench-desktop.sh for the window figures).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use permit_core::Lang;
use permit_packet::workspace::{ListQuery, View, Workspace};
use permit_store_postgres::testing::{address_for, on_postgres};
use serde_json::json;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn situation(i: usize) -> serde_json::Value {
    let day = 1 + (i % 28);
    let month = 1 + (i % 12);
    json!({
        "format": 1,
        "applicant": { "name": format!("Applicant {i}") },
        "role": if i.is_multiple_of(3) { "service_provider" } else { "employee" },
        "scheme": if i.is_multiple_of(3) { "pay_limit" } else if i % 3 == 1 { "researcher" } else { "special_individual_qualifications" },
        "employer": { "registered_in_denmark": !i.is_multiple_of(3), "location": if i.is_multiple_of(3) { "non_eu" } else { "denmark" } },
        "dates": { "planned_submission": format!("2027-{month:02}-{day:02}"), "job_start": format!("2027-{:02}-01", 1 + (month % 12)) },
        "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "45000" } ] },
        "documents": [ { "own": true, "name": "Passport copy", "language": "en", "gathered": i.is_multiple_of(2) } ]
    })
}

fn main() {
    let view = View {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();

    // One update round trip (validate + plan + save in one transaction).
    let small = dir.join("workspace-small.sqlite3");
    let _ = std::fs::remove_file(&small);
    let mut ws = Workspace::open(Some(&address_for(&small))).unwrap();
    let case = ws.create("Round trip", view).unwrap();
    let mut version = case.updated_at;
    let mut times = Vec::new();
    for i in 0..300 {
        let t = Instant::now();
        let v = ws
            .update(case.id, &situation(i), Some(&version), view)
            .unwrap();
        times.push(t.elapsed());
        version = v.updated_at;
    }
    println!(
        "plan update round trip (validate + plan + save): median {:?} (target < 16 ms)",
        median(times)
    );

    let mut times = Vec::new();
    for i in 0..300 {
        let t = Instant::now();
        Workspace::preview(&situation(i), view).unwrap();
        times.push(t.elapsed());
    }
    println!(
        "plan preview (validate + plan, no save): median {:?}",
        median(times)
    );

    // A workspace of 10,000 cases.
    let big = dir.join("workspace-10k.sqlite3");
    let n = 10_000;
    let existing = Workspace::open(Some(&address_for(&big)))
        .ok()
        .and_then(|w| w.info().ok())
        .map(|i| i.cases)
        .unwrap_or(0);
    if existing != n {
        let _ = std::fs::remove_file(&big);
        let t = Instant::now();
        let mut ws = Workspace::open(Some(&address_for(&big))).unwrap();
        for i in 0..n {
            let c = ws.create(&format!("Hire {i:05}"), view).unwrap();
            ws.update(c.id, &situation(i), Some(&c.updated_at), view)
                .unwrap();
        }
        println!("made {n} cases in {:?}", t.elapsed());
    }
    // What the case list asks for: the first page of 100 rows and the total.
    let first_page = ListQuery {
        limit: Some(100),
        ..ListQuery::default()
    };
    let mut times = Vec::new();
    let mut total = 0;
    for _ in 0..10 {
        let t = Instant::now();
        let ws = Workspace::open(Some(&address_for(&big))).unwrap();
        total = ws.list(&first_page, &view).unwrap().total;
        times.push(t.elapsed());
    }
    println!(
        "open workspace of {total} cases + first 100 rows sorted by deadline: median {:?} (target < 200 ms)",
        median(times)
    );
    let ws = Workspace::open(Some(&address_for(&big))).unwrap();
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let page = ws.list(&first_page, &view).unwrap();
        times.push(t.elapsed());
        assert_eq!(page.rows.len(), 100);
    }
    println!(
        "next list query (workspace open): median {:?}",
        median(times)
    );
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let all = ws.list(&ListQuery::default(), &view).unwrap();
        times.push(t.elapsed());
        assert_eq!(all.rows.len(), total);
    }
    println!("all {total} rows in one query: median {:?}", median(times));

    // An edit round trip in the 10,000-case workspace (one transaction:
    // situation, draft, plan snapshot, list columns).
    let mut ws = ws;
    let id = ws.list(&first_page, &view).unwrap().rows[0].id;
    let mut version = ws.get(id, view).unwrap().updated_at;
    let mut times = Vec::new();
    for i in 0..100 {
        let t = Instant::now();
        let v = ws.update(id, &situation(i), Some(&version), view).unwrap();
        times.push(t.elapsed());
        version = v.updated_at;
    }
    println!(
        "edit round trip in the {total}-case workspace: median {:?} (target < 1 ms in the service)",
        median(times)
    );

    // An import of 10,000 rows in ONE transaction (duplicate check and every
    // row), into a fresh workspace each time.
    let csv = dir.join("hires-10k.csv");
    let mut text = String::from(
        "case_name,reference,applicant_name,role,scheme,employer_registered_in_denmark,\
         employer_location,planned_submission,job_start,salary_period,salary_cash\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "Hire {i},REF-{i:05},Person {i},employee,researcher,yes,denmark,2027-01-{:02},2027-03-01,month,45000\n",
            1 + i % 28
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let opts = permit_packet::workspace::ImportOptions {
        valid_rows: false,
        template: None,
        on_duplicate: permit_packet::workspace::OnDuplicate::Skip,
    };
    let mut times = Vec::new();
    for round in 0..3 {
        let fresh = dir.join(format!("workspace-import-{round}.sqlite3"));
        let _ = std::fs::remove_file(&fresh);
        let mut ws = Workspace::open(Some(&address_for(&fresh))).unwrap();
        let t = Instant::now();
        let report = ws.import_hires(&csv, &opts, view).unwrap();
        times.push(t.elapsed());
        assert_eq!(report.imported, n);
    }
    println!(
        "import of {n} rows (one transaction): median {:?} (target < 2 s; a team workspace < 5 s)",
        median(times)
    );

    // A team workspace of 100,000 cases: the 10,000 copied nine times by
    // the server, then the case list's first page and total.
    if on_postgres() {
        let mut admin = permit_store_postgres::testing::admin_client(&big);
        for _ in 0..9 {
            admin
                .batch_execute(
                    "INSERT INTO cases (org_id, name, status, next_deadline, created_at, updated_at, \
                     updated_by, rules_version, rules_changed, search_text, forms, ready_group, \
                     ready_from, ready_then, has_draft, situation_json, draft_json, digest_json, \
                     notes, seen_json, plan_json) \
                     SELECT org_id, name, status, next_deadline, created_at, updated_at, updated_by, \
                     rules_version, rules_changed, search_text, forms, ready_group, ready_from, \
                     ready_then, has_draft, situation_json, draft_json, digest_json, notes, \
                     seen_json, plan_json FROM cases ORDER BY id LIMIT 10000; ANALYZE cases",
                )
                .unwrap();
        }
        let ws = Workspace::open(Some(&address_for(&big))).unwrap();
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..10 {
            let t = Instant::now();
            total = ws.list(&first_page, &view).unwrap().total;
            times.push(t.elapsed());
        }
        println!(
            "list query (first 100 rows sorted by deadline, and the total) of {total} cases: median {:?} (target < 500 ms)",
            median(times)
        );
    }
}
