//! A rules update on a 10,000-case workspace: `rules diff` (every case
//! planned with the rules in force and with the new bundle, compared), and
//! `rules install` (the bundle checked and installed, every case re-planned,
//! compared with the plan the user last saw, digests and next deadlines
//! recomputed and saved in one transaction). Target: each under 1 s on
//! 2 cores.
//!
//! Run: `cargo bench --bench rules_update`. Uses the test key's 2027
//! pay-limit bundle (benches are built with the dev-dependencies, which
//! trust the test key); the workspace is made under target/bench/.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use permit_core::Lang;
use permit_packet::workspace::{View, Workspace};
use permit_store::{CaseContent, NewCase, SqliteStore, Store as _};
use serde_json::json;

fn situation(i: usize) -> String {
    let day = 1 + (i % 28);
    let month = 1 + (i % 12);
    // Annual salaries from 470,000 to 529,994: about a fifth fall between
    // the old limit (487,000) and the new one (500,000).
    let salary = 470_000 + (i * 6) % 60_000;
    let s = match i % 3 {
        0 => json!({
            "format": 1, "applicant": { "name": format!("Applicant {i}") },
            "role": "service_provider", "scheme": "pay_limit",
            "employer": { "registered_in_denmark": false, "location": "non_eu" },
            "dates": { "planned_submission": format!("2027-{month:02}-{day:02}"), "job_start": format!("2027-{:02}-01", 1 + (month % 12)) },
            "salary": { "period": "year", "components": [ { "kind": "cash", "amount": format!("{salary}.00") } ] },
            "hours": { "per_week": 37 }
        }),
        1 => json!({
            "format": 1, "applicant": { "name": format!("Applicant {i}") },
            "role": "employee", "scheme": "researcher",
            "employer": { "registered_in_denmark": true, "location": "denmark" },
            "dates": { "planned_submission": format!("2027-{month:02}-{day:02}"), "job_start": format!("2027-{:02}-01", 1 + (month % 12)) },
            "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "45000" } ] }
        }),
        _ => json!({
            "format": 1, "applicant": { "name": format!("Applicant {i}") },
            "role": "employee", "scheme": "special_individual_qualifications", "siq_category": "athlete",
            "employer": { "registered_in_denmark": true, "location": "denmark" },
            "dates": { "planned_submission": format!("2027-{month:02}-{day:02}"), "job_start": format!("2027-{:02}-01", 1 + (month % 12)) },
            "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "45000" } ] }
        }),
    };
    s.to_string()
}

fn main() {
    let view = View {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/rules-update");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("workspace-10k.sqlite3");
    let rules = dir.join("rules");
    let n = 10_000;
    let cases: Vec<NewCase> = (0..n)
        .map(|i| NewCase {
            name: format!("Case {i:05}"),
            notes: String::new(),
            content: CaseContent {
                situation_json: situation(i),
                ..CaseContent::default()
            },
        })
        .collect();
    // Cases stored without a plan (an older build's): the first open plans them.
    let mut store = SqliteStore::open(&path).unwrap();
    let mut tx = store.begin().unwrap();
    tx.insert(&cases).unwrap();
    tx.commit().unwrap();
    drop(store);

    let t = Instant::now();
    let mut ws = Workspace::open_with_rules(Some(&path), &rules).unwrap();
    println!(
        "first open of {n} cases (plan + snapshot every case, save): {:?}",
        t.elapsed()
    );
    let bundle_file = dir.join("rules-2027.ppbundle");
    std::fs::write(&bundle_file, permit_bundle::testing::pay_limit_2027()).unwrap();

    let mut diffs = Vec::new();
    let mut changed = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let b = permit_packet::workspace::read_bundle(&bundle_file).unwrap();
        let (c, skipped) = ws.rules_diff(&b, view).unwrap();
        diffs.push(t.elapsed());
        assert!(skipped.is_empty());
        changed = c.len();
    }
    diffs.sort();
    println!(
        "rules diff, {n} cases (verify bundle + 2 plans per case + compare): median {:?} of 3, {changed} cases change (target < 1 s)",
        diffs[1]
    );

    let t = Instant::now();
    let report = ws.install_rules(&bundle_file, view).unwrap();
    let took = t.elapsed();
    assert_eq!(report.replanned, n);
    assert_eq!(report.changed.len(), changed);
    println!(
        "rules install, {n} cases (verify + install + re-plan + compare + save digests): {took:?}, {} changed (target < 1 s)",
        report.changed.len()
    );
}
