//! Opening a workspace of 10,000 cases (about 2 KB of situation JSON each)
//! and listing it by nearest deadline, with a fresh `Store` each time.
//!
//! Run with `cargo bench -p permit-store --bench open_list`. Target: open +
//! list under 200 ms.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use permit_store::{CaseContent, ListColumns, ListFilter, NewCase, Sort, SqliteStore, Store};

const CASES: usize = 10_000;
const ROUNDS: usize = 10;

fn situation(i: usize) -> String {
    // About 2 KB of plausible JSON.
    let mut json = format!(
        r#"{{"applicant":{{"name":"Applicant {i}","nationality":"IN","birth_date":"1990-01-01"}},"scheme":"pay_limit","salary_dkk":"{}","employer":{{"cvr":"{:08}","name":"Employer {i}"}},"notes":["#,
        450_000 + i,
        i
    );
    let mut n = 0;
    while json.len() < 2000 {
        if n > 0 {
            json.push(',');
        }
        json.push_str(&format!(r#""note {n} of case {i}: documents to gather""#));
        n += 1;
    }
    json.push_str("]}");
    json
}

fn main() {
    let dir = std::env::temp_dir().join(format!("permit-store-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("workspace.sqlite3");

    let start = Instant::now();
    {
        let mut store = SqliteStore::open(&path).expect("open");
        let base = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let items: Vec<NewCase> = (0..CASES)
            .map(|i| {
                // One case in five has no deadline.
                let deadline =
                    (i % 5 != 0).then(|| base + chrono::Duration::days(((i * 7919) % 730) as i64));
                NewCase {
                    name: format!("Case {i:05}"),
                    notes: String::new(),
                    content: CaseContent {
                        situation_json: situation(i),
                        list: ListColumns {
                            next_deadline: deadline,
                            ..ListColumns::default()
                        },
                        ..CaseContent::default()
                    },
                }
            })
            .collect();
        for chunk in items.chunks(1000) {
            let mut tx = store.begin().expect("begin");
            tx.insert(chunk).expect("import");
            tx.commit().expect("commit");
        }
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "created {CASES} cases in {:.0} ms ({:.1} MB file)",
        start.elapsed().as_secs_f64() * 1000.0,
        size as f64 / 1e6
    );

    let mut open_times = Vec::new();
    let mut list_times = Vec::new();
    let mut totals = Vec::new();
    for _ in 0..ROUNDS {
        let t0 = Instant::now();
        let store = SqliteStore::open(&path).expect("open");
        let t1 = Instant::now();
        let list = store
            .list_cases(&ListFilter::default(), Sort::NearestDeadline)
            .expect("list");
        let t2 = Instant::now();
        assert_eq!(list.len(), CASES);
        assert!(list[0].next_deadline.is_some());
        assert!(list[CASES - 1].next_deadline.is_none());
        drop(store);
        open_times.push(t1 - t0);
        list_times.push(t2 - t1);
        totals.push(t2 - t0);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let report = |what: &str, v: &mut Vec<Duration>| {
        v.sort();
        println!(
            "{what:<22} min {:7.1} ms   median {:7.1} ms   max {:7.1} ms",
            ms(v[0]),
            ms(v[v.len() / 2]),
            ms(v[v.len() - 1])
        );
    };
    let first_total = totals[0];
    println!("first (cold-ish) open + list: {:.1} ms", ms(first_total));
    report("open", &mut open_times);
    report("list (NearestDeadline)", &mut list_times);
    report("open + list", &mut totals);
    let median = totals[totals.len() / 2];
    println!(
        "target open + list < 200 ms: {}",
        if median < Duration::from_millis(200) {
            "met"
        } else {
            "MISSED"
        }
    );
    let _ = std::fs::remove_dir_all(&dir);
}
