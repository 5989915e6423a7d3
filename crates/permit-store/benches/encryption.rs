//! What encryption at rest costs: the same work on a plain workspace and on
//! an encrypted one (SQLCipher, a raw 32-byte key as the keyring gives it),
//! side by side in one run. Issue 22's target: within 10 % of plain.
//!
//! - open + the first 100 of 10,000 rows (a fresh `Store` each time, the
//!   list by nearest deadline, as the app's first paint asks);
//! - the edit round trip (one unit of work: read the case, write it
//!   conditionally, commit; then read it back);
//! - a 10,000-row import (one transaction, into a new workspace);
//! - and, for reference, the open with a passphrase (SQLCipher's PBKDF2,
//!   paid once per open where no keyring answers).
//!
//! Run with `cargo bench -p permit-store --bench encryption`.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use permit_store::{
    reencrypt, CaseContent, Key, ListColumns, ListFilter, NewCase, Sort, SqliteStore, Store,
    RAW_KEY_LEN,
};

const CASES: usize = 10_000;
const ROUNDS: usize = 15;

fn situation(i: usize) -> String {
    let mut json = format!(
        r#"{{"applicant":{{"name":"Applicant {i}","nationality":"IN","birth_date":"1990-01-01"}},"scheme":"pay_limit","salary_dkk":"{}","notes":["#,
        450_000 + i
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

fn cases() -> Vec<NewCase> {
    let base = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    (0..CASES)
        .map(|i| NewCase {
            name: format!("Case {i:05}"),
            notes: String::new(),
            content: CaseContent {
                situation_json: situation(i),
                list: ListColumns {
                    next_deadline: (i % 5 != 0)
                        .then(|| base + chrono::Duration::days(((i * 7919) % 730) as i64)),
                    search_text: format!("case {i:05} applicant {i}"),
                    digest_json: "{}".into(),
                    ..ListColumns::default()
                },
                ..CaseContent::default()
            },
        })
        .collect()
}

fn open(path: &Path, key: Option<&Key>) -> SqliteStore {
    SqliteStore::open_with_key(path, key).expect("open")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The medians of (import, open + first 100, edit round trip).
fn measure(dir: &Path, tag: &str, key: Option<&Key>) -> [Duration; 3] {
    let items = cases();
    let mut imports = vec![];
    for round in 0..3 {
        let path = dir.join(format!("{tag}-import-{round}.sqlite3"));
        let mut store = open(&path, key);
        let t = Instant::now();
        let mut tx = store.begin().unwrap();
        tx.insert(&items).unwrap();
        tx.commit().unwrap();
        imports.push(t.elapsed());
    }
    let path = dir.join(format!("{tag}-import-0.sqlite3"));
    let mut firsts = vec![];
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let store = open(&path, key);
        let page = store
            .list_page(&ListFilter::default(), Sort::NearestDeadline, 0, Some(100))
            .unwrap();
        firsts.push(t.elapsed());
        assert_eq!((page.rows.len(), page.total), (100, CASES));
    }
    let mut store = open(&path, key);
    let mut edits = vec![];
    for i in 0..ROUNDS * 10 {
        let id = (i * 613 % CASES) as i64 + 1;
        let t = Instant::now();
        let mut tx = store.begin().unwrap();
        let rec = tx.case(id).unwrap();
        let content = CaseContent {
            situation_json: rec.situation_json.replace("documents", "papers"),
            list: ListColumns {
                digest_json: "{}".into(),
                ..ListColumns::default()
            },
            ..CaseContent::default()
        };
        tx.update(id, &rec.updated_at, &content).unwrap();
        tx.commit().unwrap();
        let back = store.get_case(id).unwrap();
        edits.push(t.elapsed());
        assert!(back.situation_json.contains("papers"));
    }
    [median(imports), median(firsts), median(edits)]
}

fn main() {
    let dir = std::env::temp_dir().join(format!("permit-store-enc-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = Key::Raw([0x3C; RAW_KEY_LEN]);

    let plain = measure(&dir, "plain", None);
    let encrypted = measure(&dir, "encrypted", Some(&key));
    let size = |p: &str| std::fs::metadata(dir.join(p)).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!(
        "workspace of {CASES} cases: plain {:.1} MB, encrypted {:.1} MB",
        size("plain-import-0.sqlite3"),
        size("encrypted-import-0.sqlite3")
    );
    println!(
        "{:<28} {:>12} {:>12} {:>9}",
        "median of", "plain", "encrypted", "cost"
    );
    for (what, i) in [
        ("10,000-row import", 0),
        ("open + first 100 rows", 1),
        ("edit round trip", 2),
    ] {
        let (p, e) = (ms(plain[i]), ms(encrypted[i]));
        println!(
            "{what:<28} {p:>9.2} ms {e:>9.2} ms {:>+8.1} %",
            (e / p - 1.0) * 100.0
        );
    }

    // For reference: a passphrase's key derivation, paid at each open.
    let pass_path = dir.join("passphrase.sqlite3");
    std::fs::copy(dir.join("plain-import-1.sqlite3"), &pass_path).unwrap();
    let pass = Key::Passphrase("a passphrase of some length".into());
    let t = Instant::now();
    reencrypt(&pass_path, None, &pass).unwrap();
    println!(
        "encrypting a plain 10,000-case workspace (export, check, swap): {:.0} ms",
        ms(t.elapsed())
    );
    let mut opens = vec![];
    for _ in 0..5 {
        let t = Instant::now();
        let store = open(&pass_path, Some(&pass));
        store
            .list_page(&ListFilter::default(), Sort::NearestDeadline, 0, Some(100))
            .unwrap();
        opens.push(t.elapsed());
    }
    println!(
        "open + first 100 rows with a passphrase (PBKDF2): {:.2} ms",
        ms(median(opens))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
