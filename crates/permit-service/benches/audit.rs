//! What the audit trail costs (issue 21): the edit round trip and a
//! 10,000-row import, each with recording and without (the store's bench
//! hook `PERMIT_STORE_TEST_NO_AUDIT`, compiled only into test builds, skips
//! writing the entries); the field diff every edit computes is timed apart
//! and added to the cost. And a case's History of 1,000 entries read, and
//! the whole log verified. Targets: recording < 10 % of each; History
//! < 100 ms.
//!
//! Run: `cargo bench -p permit-service --bench audit`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use permit_core::Lang;
use permit_service::{audit, ImportOptions, OnDuplicate, View, Workspace};
use serde_json::json;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn situation(i: usize) -> serde_json::Value {
    json!({
        "format": 1,
        "applicant": { "name": format!("Applicant {}", i % 7) },
        "role": "employee", "scheme": "researcher",
        "employer": { "registered_in_denmark": true, "location": "denmark" },
        "dates": { "planned_submission": format!("2027-01-{:02}", 1 + i % 28), "job_start": "2027-03-01" },
        "salary": { "period": "month", "components": [ { "kind": "cash", "amount": format!("{}", 45000 + i) } ] },
        "documents": [ { "own": true, "name": "Passport copy", "language": "en", "gathered": i.is_multiple_of(2) } ]
    })
}

fn recording(on: bool) {
    if on {
        std::env::remove_var(permit_store::TEST_NO_AUDIT_ENV);
    } else {
        std::env::set_var(permit_store::TEST_NO_AUDIT_ENV, "1");
    }
}

fn pct(with: Duration, without: Duration, extra: Duration) -> f64 {
    let cost = with.as_secs_f64() - without.as_secs_f64() + extra.as_secs_f64();
    100.0 * cost / without.as_secs_f64()
}

fn main() {
    let view = View {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();

    // The edit round trip, rounds alternating with and without recording.
    let small = dir.join("audit-edit.sqlite3");
    let _ = std::fs::remove_file(&small);
    let mut ws = Workspace::open(Some(&small)).unwrap();
    let case = ws.create("Round trip", view).unwrap();
    let mut version = case.updated_at;
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for i in 0..600_usize {
        let on = i.is_multiple_of(2);
        recording(on);
        let t = Instant::now();
        let v = ws
            .update(case.id, &situation(i), Some(&version), view)
            .unwrap();
        let d = t.elapsed();
        if on {
            with.push(d)
        } else {
            without.push(d)
        }
        version = v.updated_at;
    }
    recording(true);
    // What an edit computes for the trail besides the store's append: the
    // stored situation read, the new one as stored, and the fields that differ.
    let mut diff = Vec::new();
    for i in 0..300 {
        let old = serde_json::to_string(&situation(i)).unwrap();
        let raw: permit_core::situation::RawSituation =
            serde_json::from_value(situation(i + 1)).unwrap();
        let t = Instant::now();
        let a: serde_json::Value = serde_json::from_str(&old).unwrap();
        let b = serde_json::to_value(&raw).unwrap();
        let c = audit::changes(&a, &b);
        diff.push(t.elapsed());
        assert!(!c.is_empty());
    }
    let (w, wo, d) = (median(with), median(without), median(diff));
    println!(
        "edit round trip: {w:?} recorded, {wo:?} not (+ field diff {d:?}): recording costs {:.1} % (target < 10 %)",
        pct(w, wo, d)
    );

    // A case's History of 1,000 entries.
    for i in 0..1000 {
        let v = ws
            .update(case.id, &situation(i + 1), Some(&version), view)
            .unwrap();
        version = v.updated_at;
    }
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..10 {
        let t = Instant::now();
        n = ws
            .history(Some(case.id), None, None, Lang::Da)
            .unwrap()
            .len();
        times.push(t.elapsed());
    }
    println!(
        "History of a case with {n} entries (read, newest first, in Danish): median {:?} (target < 100 ms)",
        median(times)
    );
    let t = Instant::now();
    let r = ws.audit_verify(Lang::En).unwrap();
    assert!(r.problems.is_empty());
    println!("audit verify of {} entries: {:?}", r.entries, t.elapsed());

    // A 10,000-row import in one transaction, with and without recording.
    let rows = 10_000;
    let csv = dir.join("audit-hires-10k.csv");
    let mut text = String::from(
        "case_name,reference,applicant_name,role,scheme,employer_registered_in_denmark,\
         employer_location,planned_submission,job_start,salary_period,salary_cash\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "Hire {i},REF-{i:05},Person {i},employee,researcher,yes,denmark,2027-01-{:02},2027-03-01,month,45000\n",
            1 + i % 28
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let opts = ImportOptions {
        valid_rows: false,
        template: None,
        on_duplicate: OnDuplicate::Skip,
    };
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for round in 0..4_usize {
        let on = !round.is_multiple_of(2);
        recording(on);
        let fresh = dir.join(format!("audit-import-{round}.sqlite3"));
        let _ = std::fs::remove_file(&fresh);
        let mut ws = Workspace::open(Some(&fresh)).unwrap();
        let t = Instant::now();
        let report = ws.import_hires(&csv, &opts, view).unwrap();
        let d = t.elapsed();
        assert_eq!(report.imported, rows);
        if on {
            with.push(d)
        } else {
            without.push(d)
        }
        let _ = std::fs::remove_file(&fresh);
    }
    recording(true);
    let (w, wo) = (median(with), median(without));
    println!(
        "import of {rows} rows: {w:?} recorded, {wo:?} not: recording costs {:.1} % (target < 10 %)",
        pct(w, wo, Duration::ZERO)
    );
}
