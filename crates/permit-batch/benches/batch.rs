//! Figures for issue 5: import of 10,000 CSV rows (target < 2 s) and batch
//! export of 1,000 cases to plan JSON + PDF on both cores (target < 3 s).
//!
//! `cargo bench -p permit-batch` — prints the figures (harness = false).

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::NaiveDate;
use permit_batch::batch::{self, BatchCase, BatchOptions};
use permit_batch::hires::{self, Mode};
use permit_core::{Lang, Plan};

fn rows(n: usize) -> String {
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hires.csv"
    ))
    .expect("examples/hires.csv");
    let mut lines = example.lines();
    let header = lines.next().expect("a header");
    let body: Vec<&str> = lines.collect();
    let mut o = format!("{header}\n");
    for i in 0..n {
        o.push_str(&format!("Hire {i} {}\n", body[i % body.len()]));
    }
    o
}

/// CPU seconds (user + system) this process used so far (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (in parentheses): utime is the 14th and
    // stime the 15th field of the line, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).unwrap_or(&0.0) + f.get(12).unwrap_or(&0.0)) / 100.0
}

fn main() {
    // `cargo test --benches` runs this with `--bench`-less args; stay quick then.
    let quick = std::env::args().any(|a| a == "--test");
    let (n_import, n_export) = if quick { (200, 20) } else { (10_000, 1_000) };
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
    let dir = tempfile::tempdir().expect("a temporary folder");

    // --- Import ---
    let csv = rows(n_import);
    let t0 = Instant::now();
    let parsed = hires::parse(csv.as_bytes(), "hires.csv");
    let t_parse = t0.elapsed();
    assert!(parsed.problems.is_empty(), "{}", parsed.report());
    let t1 = Instant::now();
    let rules = permit_bundle::installed::in_force();
    let options = permit_core::Options {
        today,
        lang: permit_core::Lang::En,
    };
    let rows_in = hires::rows_to_import(&parsed, Mode::AllOrNothing);
    for r in rows_in {
        std::hint::black_box(permit_core::plan(&r.situation, &rules.rules, &options));
    }
    let t_plan = t1.elapsed();
    let total = t0.elapsed();
    let ids: Vec<i64> = (1..=rows_in.len() as i64).collect();
    println!(
        "read, check and plan {n_import} rows: {:.3} s (read+check {:.3} s, plans {:.3} s; {} bytes of CSV); the store's part is in benches/workspace.rs",
        total.as_secs_f64(),
        t_parse.as_secs_f64(),
        t_plan.as_secs_f64(),
        csv.len()
    );

    // --- Batch export ---
    let batch_cases: Vec<BatchCase> = parsed
        .rows
        .iter()
        .take(n_export)
        .zip(&ids)
        .map(|(r, id)| BatchCase {
            id: *id,
            name: r.name.clone(),
            situation: r.situation.clone(),
        })
        .collect();
    let pdf = |p: &Plan, d: NaiveDate| {
        permit_pdf::render(&permit_service::pdf::checklist_document(p, d))
            .map(|r| r.bytes)
            .map_err(|e| e.to_string())
    };
    let out = dir.path().join("out");
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let report = batch::export(
        &batch_cases,
        &BatchOptions {
            out_dir: out.clone(),
            lang: Lang::En,
            today,
            durable: false,
            rules: permit_bundle::installed::in_force(),
            protected: vec![],
            replace: permit_files::Replace::No,
        },
        &pdf,
        &|_| {},
        &AtomicBool::new(false),
    )
    .expect("exported");
    let elapsed = t.elapsed();
    let cpu = cpu_seconds() - cpu0;
    assert_eq!(report.rows.len(), n_export);
    assert!(report.rows.iter().all(|r| r.error.is_none()));
    let bytes: u64 = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|e| e.expect("an entry").metadata().expect("metadata").len())
        .sum();
    println!(
        "batch export {n_export} cases (plan JSON + PDF each, {} workers, each file written atomically, not fsynced one by one): {:.3} s, {:.2} ms a case ({:.1} MB written; {:.2} CPU-seconds, i.e. {:.2} s on two idle cores) — target < 3 s",
        batch::WORKERS,
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / n_export as f64,
        bytes as f64 / 1e6,
        cpu,
        cpu / batch::WORKERS as f64
    );
}
