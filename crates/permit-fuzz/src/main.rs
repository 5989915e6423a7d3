//! `permit-fuzz`: runs the fuzz targets (see the crate docs).
//!
//! ```text
//! permit-fuzz [--seconds N | --inputs N] [--seed N] [--out DIR] [TARGET ...]
//! ```
//!
//! TARGET is `situation`, `csv`, `amount`, `date`, `case_file`, `rules` or
//! `all` (the default). Failing inputs are written to DIR (default
//! `target/fuzz-failures`); the exit code is 1 when any target failed or the
//! process's peak memory passed 200 MB.

use std::time::Duration;

use permit_fuzz::{peak_memory, run, Budget, Target};

/// The memory a run may reach (the issue's bound).
const MAX_MEMORY: u64 = 200 * 1024 * 1024;

const USAGE: &str = "usage: permit-fuzz [--seconds N | --inputs N] [--seed N] [--out DIR] [situation|csv|amount|date|case_file|rules|all ...]";

fn main() {
    std::process::exit(match real_main() {
        Ok(code) => code,
        Err(m) => {
            eprintln!("permit-fuzz: {m}\n{USAGE}");
            2
        }
    });
}

fn real_main() -> Result<i32, String> {
    let mut budget = Budget::Time(Duration::from_secs(10));
    let mut seed = 1u64;
    let mut out = std::path::PathBuf::from("target/fuzz-failures");
    let mut targets: Vec<Target> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let v = args.next().ok_or(format!("{name} needs a number"))?;
            v.parse()
                .map_err(|_| format!("{name}: `{v}` is not a number"))
        };
        match a.as_str() {
            "--seconds" => budget = Budget::Time(Duration::from_secs(number("--seconds")?)),
            "--inputs" => budget = Budget::Inputs(number("--inputs")?),
            "--seed" => seed = number("--seed")?,
            "--out" => {
                out = args.next().ok_or("--out needs a folder")?.into();
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(0);
            }
            "all" => targets.extend(Target::ALL),
            name => {
                targets.push(Target::from_name(name).ok_or(format!("unknown target `{name}`"))?)
            }
        }
    }
    if targets.is_empty() {
        targets.extend(Target::ALL);
    }
    let mut failed = 0;
    println!(
        "{:<10} {:>10} {:>9} {:>12} {:>9} {:>8}",
        "target", "inputs", "seconds", "inputs/s", "slowest", "failures"
    );
    for target in targets {
        let r = run(target, budget, seed);
        let secs = r.elapsed.as_secs_f64();
        println!(
            "{:<10} {:>10} {:>9.1} {:>12.0} {:>7}ms {:>8}",
            target.name(),
            r.inputs,
            secs,
            r.inputs as f64 / secs.max(1e-9),
            r.slowest.as_millis(),
            r.failures.len()
        );
        if !r.failures.is_empty() {
            failed += 1;
            std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            for (i, f) in r.failures.iter().enumerate() {
                let path = out.join(format!("{}-{i}.txt", target.name()));
                let _ = std::fs::write(&path, &f.input);
                println!(
                    "  {}: {} (input in {})",
                    target.name(),
                    f.what,
                    path.display()
                );
            }
        }
    }
    let peak = peak_memory();
    if let Some(p) = peak {
        println!("peak memory {:.1} MB", p as f64 / 1e6);
    }
    let too_much = peak.is_some_and(|p| p > MAX_MEMORY);
    if too_much {
        println!("peak memory over {} MB", MAX_MEMORY / 1024 / 1024);
    }
    Ok(if failed > 0 || too_much { 1 } else { 0 })
}
