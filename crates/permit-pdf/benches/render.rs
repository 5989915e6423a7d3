//! Render benchmarks.
//!
//! `cargo bench -p permit-pdf --bench render`
//!
//! 1. criterion: one typical checklist PDF (30 documents, 8 warnings,
//!    10 footnotes) and a 200-row table.
//! 2. a batch: 1,000 typical checklists in one process on two threads
//!    (`std::thread::scope`), with wall time and file sizes printed.
//!
//! Targets: < 5 ms per PDF, < 3 s for 1,000, files < 60 KB.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;

fn single(c: &mut Criterion) {
    let typical = common::typical_checklist();
    let long = common::long_table(200);
    // Parse the embedded fonts (once per process) outside the measurement.
    let first = permit_pdf::render(&typical).expect("render");
    println!(
        "typical checklist: {} bytes ({:.1} KB); 200-row table: {} bytes",
        first.bytes.len(),
        first.bytes.len() as f64 / 1024.0,
        permit_pdf::render(&long).expect("render").bytes.len()
    );
    c.bench_function("render typical checklist", |b| {
        b.iter(|| permit_pdf::render(black_box(&typical)).expect("render"))
    });
    c.bench_function("render 200-row table", |b| {
        b.iter(|| permit_pdf::render(black_box(&long)).expect("render"))
    });
}

/// CPU time (user + system) of this process so far, where the platform tells
/// (Linux `/proc`); the wall time of a batch also counts other processes on a
/// busy machine, its CPU time much less so.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the line, in clock ticks (100 per second).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn batch() {
    const TOTAL: usize = 1_000;
    const THREADS: usize = 2;
    // Slightly different documents, as a real batch would be.
    let docs: Vec<_> = (0..TOTAL)
        .map(|i| {
            let mut d = common::typical_checklist();
            d.subtitle.push(format!("Batch item {i}"));
            d
        })
        .collect();
    permit_pdf::render(&docs[0]).expect("warm up");
    let cpu_start = cpu_time();
    let start = Instant::now();
    let sizes: Vec<usize> = std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .chunks(TOTAL / THREADS)
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|d| permit_pdf::render(d).expect("render").bytes.len())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect()
    });
    let elapsed = start.elapsed();
    if let (Some(a), Some(b)) = (cpu_start, cpu_time()) {
        let cpu = b.saturating_sub(a);
        println!(
            "batch: CPU time {:.3} s ({:.2} ms per PDF)",
            cpu.as_secs_f64(),
            cpu.as_secs_f64() * 1000.0 / TOTAL as f64
        );
    }
    let (min, max) = (sizes.iter().min().copied(), sizes.iter().max().copied());
    let mean = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
    println!(
        "batch: {TOTAL} PDFs on {THREADS} threads in {:.3} s ({:.2} ms per PDF wall, {:.2} ms per PDF per thread); sizes min {} / mean {:.0} / max {} bytes",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / TOTAL as f64,
        elapsed.as_secs_f64() * 1000.0 * THREADS as f64 / TOTAL as f64,
        min.unwrap_or(0),
        mean,
        max.unwrap_or(0),
    );
    if elapsed > Duration::from_secs(3) {
        println!("batch: SLOWER than the 3 s target");
    }
    if max.unwrap_or(0) >= 60_000 {
        println!("batch: a file is LARGER than the 60 KB target");
    }
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    single(&mut c);
    c.final_summary();
    // `cargo test --benches` runs this binary with `--test`: skip the batch.
    if !std::env::args().any(|a| a == "--test" || a == "--list") {
        batch();
    }
}
