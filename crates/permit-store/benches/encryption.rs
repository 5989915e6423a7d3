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
//! Both sides get the same work and the store's same settings (only the key
//! differs), and their rounds alternate (plain, encrypted, plain, …) so a
//! busy machine slows both alike. Two workloads: situations of 400 to
//! 2,400 bytes (the examples' are 0.1 to 1.4 KB), and the worst case, every
//! situation 2,000 bytes: just under half a 4 KiB page, so the bytes an
//! encrypted page keeps for its IV and HMAC leave room for one row instead
//! of two.
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
const IMPORTS: usize = 5;

/// A situation of about `size` bytes.
fn situation(i: usize, size: usize) -> String {
    let mut json = format!(
        r#"{{"applicant":{{"name":"Applicant {i}","nationality":"IN","birth_date":"1990-01-01"}},"scheme":"pay_limit","salary_dkk":"{}","notes":["#,
        450_000 + i
    );
    let mut n = 0;
    while json.len() < size {
        if n > 0 {
            json.push(',');
        }
        json.push_str(&format!(r#""note {n} of case {i}: documents to gather""#));
        n += 1;
    }
    json.push_str("]}");
    json
}

/// The situations' sizes: spread over 400..2,400 bytes, or all 2,000.
#[derive(Clone, Copy)]
enum Sizes {
    Spread,
    Fixed2k,
}

fn cases(sizes: Sizes) -> Vec<NewCase> {
    let base = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    (0..CASES)
        .map(|i| NewCase {
            name: format!("Case {i:05}"),
            notes: String::new(),
            content: CaseContent {
                situation_json: situation(
                    i,
                    match sizes {
                        Sizes::Spread => 400 + (i * 7919) % 2000,
                        Sizes::Fixed2k => 2000,
                    },
                ),
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

/// The time this thread has run on a processor (`CLOCK_THREAD_CPUTIME_ID`):
/// on a busy shared machine the wall clock also counts the time spent
/// waiting for a processor, which differs from round to round.
fn on_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Wall-clock and on-processor time since it was made.
struct Timer(Instant, Duration);

impl Timer {
    fn start() -> Timer {
        Timer(Instant::now(), on_cpu())
    }
    fn stop(&self) -> (Duration, Duration) {
        (self.0.elapsed(), on_cpu().saturating_sub(self.1))
    }
}

fn open(path: &Path, key: Option<&Key>) -> SqliteStore {
    SqliteStore::open_with_key(path, key).expect("open")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The medians of the wall-clock and the on-processor times.
fn medians(v: Vec<(Duration, Duration)>) -> (Duration, Duration) {
    let (wall, cpu): (Vec<_>, Vec<_>) = v.into_iter().unzip();
    (median(wall), median(cpu))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One side of the comparison: a tag and a key (`None`: plain).
type Side<'a> = (&'a str, Option<&'a Key>);

/// The medians (wall clock, on the processor) of (import, open + first 100,
/// edit round trip) of each side, their rounds alternating.
fn measure(dir: &Path, sizes: Sizes, sides: [Side<'_>; 2]) -> [[(Duration, Duration); 3]; 2] {
    let items = cases(sizes);
    let mut imports = [vec![], vec![]];
    for round in 0..IMPORTS {
        for (s, (tag, key)) in sides.iter().enumerate() {
            let path = dir.join(format!("{tag}-import-{round}.sqlite3"));
            let mut store = open(&path, *key);
            let t = Timer::start();
            let mut tx = store.begin().unwrap();
            tx.insert(&items).unwrap();
            tx.commit().unwrap();
            imports[s].push(t.stop());
        }
    }
    let mut firsts = [vec![], vec![]];
    for _ in 0..ROUNDS {
        for (s, (tag, key)) in sides.iter().enumerate() {
            let path = dir.join(format!("{tag}-import-0.sqlite3"));
            let t = Timer::start();
            let store = open(&path, *key);
            let page = store
                .list_page(&ListFilter::default(), Sort::NearestDeadline, 0, Some(100))
                .unwrap();
            firsts[s].push(t.stop());
            assert_eq!((page.rows.len(), page.total), (100, CASES));
        }
    }
    let mut stores =
        sides.map(|(tag, key)| open(&dir.join(format!("{tag}-import-0.sqlite3")), key));
    let mut edits = [vec![], vec![]];
    for i in 0..ROUNDS * 20 {
        let id = (i * 613 % CASES) as i64 + 1;
        for (s, store) in stores.iter_mut().enumerate() {
            let t = Timer::start();
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
            edits[s].push(t.stop());
            assert!(back.situation_json.contains("papers"));
        }
    }
    let [i0, i1] = imports;
    let [f0, f1] = firsts;
    let [e0, e1] = edits;
    [
        [medians(i0), medians(f0), medians(e0)],
        [medians(i1), medians(f1), medians(e1)],
    ]
}

fn report(dir: &Path, title: &str, sizes: Sizes, key: &Key) {
    let [plain, encrypted] = measure(dir, sizes, [("plain", None), ("encrypted", Some(key))]);
    let size = |p: &str| std::fs::metadata(dir.join(p)).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!(
        "{title}: workspace of {CASES} cases: plain {:.1} MB, encrypted {:.1} MB",
        size("plain-import-0.sqlite3"),
        size("encrypted-import-0.sqlite3")
    );
    println!(
        "  {:<26} {:>12} {:>12} {:>9}   {:>12} {:>12} {:>9}",
        "median of", "plain", "encrypted", "cost", "plain CPU", "enc. CPU", "cost"
    );
    for (what, i) in [
        ("10,000-row import", 0),
        ("open + first 100 rows", 1),
        ("edit round trip", 2),
    ] {
        let (p, e) = (ms(plain[i].0), ms(encrypted[i].0));
        let (pc, ec) = (ms(plain[i].1), ms(encrypted[i].1));
        println!(
            "  {what:<26} {p:>9.3} ms {e:>9.3} ms {:>+8.1} %   {pc:>9.3} ms {ec:>9.3} ms {:>+8.1} %",
            (e / p - 1.0) * 100.0,
            (ec / pc - 1.0) * 100.0
        );
    }
}

fn main() {
    let dir = std::env::temp_dir().join(format!("permit-store-enc-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = Key::Raw([0x3C; RAW_KEY_LEN]);

    report(
        &dir,
        "worst case, every situation 2,000 bytes",
        Sizes::Fixed2k,
        &key,
    );
    for f in std::fs::read_dir(&dir).unwrap() {
        let _ = std::fs::remove_file(f.unwrap().path());
    }
    report(
        &dir,
        "situations of 400 to 2,400 bytes",
        Sizes::Spread,
        &key,
    );

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
