//! # permit-fuzz
//!
//! A fuzzing harness for every parser a user reaches: the situation JSON
//! (and the plan, text and PDF document built from it), the hires CSV, the
//! amount and date parsers, portable case files and the rules loader. It runs
//! on stable Rust (no libFuzzer, so no nightly toolchain is needed by a new
//! developer or by CI): seeds come from `examples/`, `assets/rules/` and the
//! inputs in `crates/permit-fuzz/regressions/`; each round takes a seed or an
//! earlier input that found a new outcome and mutates it (bit flips, bytes
//! inserted, deleted and repeated, splices of two inputs, and tokens that
//! have broken parsers before: huge numbers, far dates, control characters,
//! quotes, separators).
//!
//! A *failure* is a panic (caught; the input is kept), an input that takes
//! longer than [`SLOW`], or a broken promise checked after the call (an
//! amount accepted with more than two decimals, a date outside the accepted
//! years). `permit-fuzz --help` runs it; `tests/fuzz.rs` runs a short,
//! deterministic round of every target and replays every regression input.

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use permit_core::{plan, Lang, Options, RuleSet, Situation};

mod files;

/// An input slower than this is a failure ("hang").
pub const SLOW: Duration = Duration::from_secs(1);

/// The largest input a round makes (the parsers' own limits are far above
/// what matters for finding panics; larger inputs only slow the rounds);
/// the rules file, 45 KB, is allowed [`MAX_RULES_INPUT`].
pub const MAX_INPUT: usize = 16 * 1024;
/// The largest input of the [`Target::Rules`] target.
pub const MAX_RULES_INPUT: usize = 64 * 1024;
/// The most inputs kept for reaching a new outcome (memory stays small).
pub const MAX_CORPUS: usize = 1024;

/// What is fuzzed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// `Situation::from_json`, then the plan in both languages, its text and
    /// the PDF document model.
    Situation,
    /// `hires::parse` of a CSV file, then each row's case and plan.
    Csv,
    /// The amount parsers (situation and CSV).
    Amount,
    /// The date parsers (situation and CSV).
    Date,
    /// `case_file::import`, then the plan.
    CaseFile,
    /// `RuleSet::from_json` (the rules loader and its checks).
    Rules,
    /// A workspace file from elsewhere (`Store::open`, then list, read and
    /// add a case): schema, triggers, views, pragmas, damaged pages.
    Workspace,
    /// Every input opened as a path (situation, case file, CSV, template,
    /// rules bundle, workspace, an output) when the path is a named pipe,
    /// a device, a folder, a socket, a loop of links or a dangling link.
    Paths,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 8] = [
        Target::Situation,
        Target::Csv,
        Target::Amount,
        Target::Date,
        Target::CaseFile,
        Target::Rules,
        Target::Workspace,
        Target::Paths,
    ];

    /// The target's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Target::Situation => "situation",
            Target::Csv => "csv",
            Target::Amount => "amount",
            Target::Date => "date",
            Target::CaseFile => "case_file",
            Target::Rules => "rules",
            Target::Workspace => "workspace",
            Target::Paths => "paths",
        }
    }

    /// The target named `name`.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The repository's top folder (for seeds).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seeds of a target: files of the repository and a few written here,
/// plus the target's regression inputs.
pub fn seeds(target: Target) -> Vec<Vec<u8>> {
    let root = repo_root();
    let read_dir = |dir: &Path, ext: &str| -> Vec<Vec<u8>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .filter_map(|p| std::fs::read(p).ok())
            .collect()
    };
    let mut out: Vec<Vec<u8>> = match target {
        Target::Situation => read_dir(&root.join("examples"), "json"),
        Target::Csv => {
            let mut v = read_dir(&root.join("examples"), "csv");
            v.push(permit_batch::hires::template_csv().into_bytes());
            v
        }
        Target::Amount => [
            "40583.33",
            "487.000,00",
            "487,000.00",
            "4.058333e4",
            "0",
            "-0.00",
            "79228162514264337593543950335",
            "1,5",
            "40583.329999999999999999999999999",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect(),
        Target::Date => [
            "2027-03-01",
            "01-03-2027",
            "01.03.2027",
            "9999-12-31",
            "1900-01-01",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect(),
        Target::CaseFile => {
            let mut v = read_dir(&root.join("examples"), "json");
            if let Some(first) = v.first().cloned() {
                let text = String::from_utf8_lossy(&first).into_owned();
                v.push(
                    format!(
                        "{{\"format\":\"permit-packet-case\",\"version\":1,\"name\":\"Ana\",\"notes\":\"n\",\"situation\":{text}}}"
                    )
                    .into_bytes(),
                );
            }
            v
        }
        Target::Rules => {
            vec![std::fs::read(root.join("assets/rules/rules.json")).unwrap_or_default()]
        }
        Target::Workspace => crate::files::workspace_seeds(),
        Target::Paths => crate::files::path_seeds(),
    };
    out.extend(read_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("regressions")
            .join(target.name()),
        "txt",
    ));
    out.retain(|s| !s.is_empty());
    if out.is_empty() {
        out.push(b"{}".to_vec());
    }
    out
}

/// Tokens that have broken parsers: spliced into inputs.
const TOKENS: &[&str] = &[
    "79228162514264337593543950335",
    "99999999999999999999999999999999",
    "1e99999",
    "-1",
    "0.001",
    ".5",
    "9999-12-31",
    "0000-01-01",
    "20-12-9999",
    "2200-12-31",
    "\u{1b}[2J",
    "\r",
    "\n",
    "\"",
    "\"\"",
    ",",
    ";",
    "\u{feff}",
    "\u{20000}",
    "{",
    "}",
    "[",
    "]",
    "null",
    "true",
    "\"amount\":",
    "\"period\":\"hour\"",
    "\"components\":[",
    "\"birth_date\":\"2009-01-01\"",
    "\"family\":[{\"relation\":\"child\"}]",
    "\"documents\":[{\"own\":true,\"name\":\"x\"}]",
    "own",
    "=HYPERLINK(",
    "\\u0000",
    "\u{0}",
];

/// A small, fast, seeded generator (xorshift64*): the same seed gives the
/// same rounds.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (0 is replaced by a fixed odd number).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Mutates `input` in place with one to four random edits, using `other`
/// for splices; the result has at most `max` bytes.
pub fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8], max: usize) {
    for _ in 0..=rng.below(4) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next_u64() as u8;
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below(8.min(len - i));
                input.drain(i..i + n);
            }
            3 => {
                let i = rng.below(len + 1);
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(i..i, t.iter().copied());
            }
            4 if len > 0 => {
                // Repeat a run (long names, many rows).
                let i = rng.below(len);
                let n = 1 + rng.below(64.min(len - i));
                let run: Vec<u8> = input[i..i + n].to_vec();
                for _ in 0..=rng.below(16) {
                    input.splice(i..i, run.iter().copied());
                }
            }
            5 if !other.is_empty() => {
                // Splice a piece of another input.
                let a = rng.below(other.len());
                let b = a + rng.below(other.len() - a + 1);
                let i = rng.below(len + 1);
                input.splice(i..i, other[a..b].iter().copied());
            }
            6 if len > 0 => {
                // Replace a digit run by a token (numbers and dates).
                let i = rng.below(len);
                if input[i].is_ascii_digit() {
                    let mut j = i;
                    while j < len && (input[j].is_ascii_digit() || input[j] == b'.') {
                        j += 1;
                    }
                    let t = TOKENS[rng.below(9)].as_bytes();
                    input.splice(i..j, t.iter().copied());
                }
            }
            _ => {
                let i = rng.below(len + 1);
                input.insert(i, rng.next_u64() as u8);
            }
        }
    }
    input.truncate(max);
}

/// What one input did: a short label of the outcome (to keep inputs that
/// reach new outcomes), or a broken promise.
pub type Outcome = Result<String, String>;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// The plan of a situation in both languages, its text and its PDF
/// document; returns a label of the outcome.
fn exercise(s: &Situation) -> String {
    let mut label = String::new();
    for lang in [Lang::En, Lang::Da] {
        let p = plan(
            s,
            RuleSet::embedded(),
            &Options {
                today: today(),
                lang,
            },
        );
        let _ = permit_packet::cli::plan_text(&p);
        let _ = permit_packet::export::checklist_document(&p, today());
        if lang == Lang::En {
            label = format!(
                "plan:{}:{}:{}",
                p.forms.len(),
                p.warnings.len(),
                p.checks.len()
            );
        }
    }
    label
}

fn first_word(e: &str) -> String {
    e.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

/// Runs `target` on one input. Panics are not caught here (see [`run`]).
pub fn run_one(target: Target, input: &[u8]) -> Outcome {
    let text = String::from_utf8_lossy(input);
    match target {
        Target::Situation => match Situation::from_json(&text, "fuzz.json") {
            Ok(s) => Ok(exercise(&s)),
            Err(e) => Ok(format!(
                "err:{}",
                e.errors.first().map_or("", |f| f.field.as_str())
            )),
        },
        Target::Csv => {
            let parsed = permit_batch::hires::parse(input, "fuzz.csv");
            let options = permit_core::Options {
                today: today(),
                lang: permit_core::Lang::En,
            };
            for row in parsed.rows.iter().take(64) {
                let _ =
                    permit_core::plan(&row.situation, permit_core::RuleSet::embedded(), &options);
            }
            if let Some(row) = parsed.rows.first() {
                exercise(&row.situation);
            }
            Ok(format!(
                "csv:{}:{}:{}",
                parsed.rows.len().min(3),
                parsed.problems.len().min(3),
                parsed.file_level
            ))
        }
        Target::Amount => {
            let max = permit_core::limits::MAX_AMOUNT;
            let a = permit_core::situation::parse_amount(&text);
            if let Ok(a) = &a {
                if a.0.normalize().scale() > 2 || a.0 > max || a.0.is_sign_negative() {
                    return Err(format!("amount {text:?} accepted as {}", a.0));
                }
            }
            let b = permit_batch::hires::parse_amount_text(&text);
            if let Ok(d) = &b {
                if d.normalize().scale() > 2 {
                    return Err(format!("CSV amount {text:?} accepted as {d}"));
                }
            }
            Ok(format!("amount:{}:{}", a.is_ok(), b.is_ok()))
        }
        Target::Date => {
            let a = permit_core::situation::parse_iso_date(&text);
            let b = permit_batch::hires::parse_date_text(&text);
            // A date that parses goes through a situation: the range is
            // checked there, never a panic after it.
            for d in [a.as_ref().ok(), b.as_ref().ok()].into_iter().flatten() {
                let json = format!("{{\"dates\":{{\"planned_submission\":\"{d}\",\"job_start\":\"{d}\"}},\"applicant\":{{\"birth_date\":\"{d}\"}}}}");
                if let Ok(s) = Situation::from_json(&json, "fuzz.json") {
                    if !permit_core::limits::date_in_range(*d) {
                        return Err(format!("date {d} outside the range accepted"));
                    }
                    exercise(&s);
                }
            }
            Ok(format!("date:{}:{}", a.is_ok(), b.is_ok()))
        }
        Target::CaseFile => match permit_batch::case_file::import(&text, "fuzz.json") {
            Ok(c) => Ok(exercise(&c.situation)),
            Err(e) => Ok(format!("err:{}", first_word(&e.to_string()))),
        },
        Target::Rules => match RuleSet::from_json(&text) {
            Ok(_) => Ok("rules:ok".into()),
            Err(e) => Ok(format!("err:{}", first_word(&e.to_string()))),
        },
        Target::Workspace => crate::files::open_workspace(input),
        Target::Paths => crate::files::open_path(input),
    }
}

/// A failure found by [`run`].
#[derive(Debug, Clone)]
pub struct Failure {
    /// What went wrong: the panic message, "slow: N ms" or the broken promise.
    pub what: String,
    /// The input.
    pub input: Vec<u8>,
}

/// What a run of one target did.
#[derive(Debug, Clone)]
pub struct Report {
    /// The target.
    pub target: Target,
    /// Inputs run.
    pub inputs: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// The slowest input.
    pub slowest: Duration,
    /// Distinct outcomes seen (a rough measure of what was reached).
    pub outcomes: usize,
    /// Failures (at most 20 kept).
    pub failures: Vec<Failure>,
}

/// When a run stops.
#[derive(Debug, Clone, Copy)]
pub enum Budget {
    /// After this many inputs.
    Inputs(u64),
    /// After this long.
    Time(Duration),
}

/// Runs `target` from its seeds until `budget` is spent; panics are caught
/// (quietly) and reported as failures with their input.
pub fn run(target: Target, budget: Budget, seed: u64) -> Report {
    run_with(target, budget, seed, run_one)
}

/// [`run`] with another function in place of [`run_one`] (to test the
/// harness itself).
pub fn run_with(
    target: Target,
    budget: Budget,
    seed: u64,
    one: impl Fn(Target, &[u8]) -> Outcome,
) -> Report {
    let mut rng = Rng::new(seed ^ (target as u64 + 1).wrapping_mul(0x1000_0000_01B3));
    let mut corpus = seeds(target);
    let mut outcomes: HashSet<String> = HashSet::new();
    let mut failures = Vec::new();
    let start = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut inputs = 0u64;
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    // The seeds themselves first, then mutations.
    let mut pending: Vec<Vec<u8>> = corpus.clone();
    loop {
        let done = match budget {
            Budget::Inputs(n) => inputs >= n,
            Budget::Time(t) => start.elapsed() >= t,
        };
        if done {
            break;
        }
        let input = pending.pop().unwrap_or_else(|| {
            let mut x = corpus[rng.below(corpus.len())].clone();
            let other = corpus[rng.below(corpus.len())].clone();
            let max = match target {
                Target::Rules | Target::Workspace => MAX_RULES_INPUT,
                _ => MAX_INPUT,
            };
            mutate(&mut rng, &mut x, &other, max);
            x
        });
        let t0 = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| one(target, &input)));
        let took = t0.elapsed();
        slowest = slowest.max(took);
        inputs += 1;
        let failure = match outcome {
            Err(panic) => Some(format!("panic: {}", panic_message(&*panic))),
            Ok(Err(broken)) => Some(broken),
            Ok(Ok(label)) => {
                if outcomes.insert(label) && corpus.len() < MAX_CORPUS {
                    corpus.push(input.clone());
                }
                None
            }
        };
        let failure = failure.or_else(|| {
            (took > SLOW).then(|| format!("slow: {} ms for one input", took.as_millis()))
        });
        if let Some(what) = failure {
            if failures.len() < 20 {
                failures.push(Failure { what, input });
            }
        }
    }
    std::panic::set_hook(previous_hook);
    Report {
        target,
        inputs,
        elapsed: start.elapsed(),
        slowest,
        outcomes: outcomes.len(),
        failures,
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// The peak memory of this process so far (VmHWM), in bytes, where the
/// system says (Linux).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
