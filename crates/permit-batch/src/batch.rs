//! Batch export: the plan (JSON) and the checklist PDF of many cases into
//! one folder, plus `summary.csv`.
//!
//! Files are named `<slug of the case name>-<case id>.plan.json` and
//! `.pdf`: safe on every system (letters and digits of any script kept,
//! everything else a `-`; no path separators, no leading dot) and unique
//! (the id).
//!
//! Before anything is written, every file the export would write goes
//! through the output guard ([`permit_files::check_outputs`]): never the
//! workspace or its companions, a folder or a file of another kind; files
//! of the export's kinds that exist already only when the user said so
//! ([`BatchOptions::replace`]).
//!
//! The export is written into a fresh private folder beside its files
//! (`.permit-batch.PID.N.tmp`) and moved in only when every case is done:
//! first the old `summary.csv` is removed, then each file is renamed over
//! its name, the new `summary.csv` last. So a killed, failed or cancelled
//! export leaves the folder as it was (its staging folder is removed by the
//! next write into that folder), and a `summary.csv` in the folder always
//! lists files of one run; only a kill during the final renames (a few
//! milliseconds) leaves a folder without `summary.csv`, which says the
//! export is incomplete. By default the files are not flushed to disk one
//! by one (an fsync per file would triple the time of a large export, and
//! an export can be redone); [`BatchOptions::durable`] does that, and
//! `summary.csv` is always flushed.
//!
//! Work is shared by [`WORKERS`] threads. A progress callback is told of
//! each finished case; setting the cancel flag stops the export after the
//! cases in progress.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::sync::PoisonError;

use chrono::NaiveDate;
use permit_core::plan::Plan;
use permit_core::{Lang, Options, Situation};
use serde::Serialize;

/// Threads used (the machine's two cores).
pub const WORKERS: usize = 2;

/// Longest slug kept from a case name, in bytes (UTF-8): with the id, the
/// extension and a temporary file's prefix and suffix, a name stays far
/// under the 255 bytes most file systems allow, in any script.
pub const SLUG_MAX_BYTES: usize = 120;

/// A case to export.
#[derive(Debug, Clone)]
pub struct BatchCase {
    /// The case id (makes the file name unique).
    pub id: i64,
    /// The case name.
    pub name: String,
    /// The checked situation.
    pub situation: Situation,
}

/// Renders a plan's checklist PDF (the front end supplies the adapter,
/// e.g. the app's `export::checklist_document` + `permit_pdf::render`).
pub type PdfRenderer<'a> = dyn Fn(&Plan, NaiveDate) -> Result<Vec<u8>, String> + Sync + 'a;

/// Options of an export.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The folder to write into (created if missing).
    pub out_dir: PathBuf,
    /// Language of the plans and PDFs.
    pub lang: Lang,
    /// The day deadlines count from, and the PDFs' date.
    pub today: NaiveDate,
    /// Flush every file to disk before renaming it (slower; see the module docs).
    pub durable: bool,
    /// The rules to plan with (the workspace's rules in force).
    pub rules: std::sync::Arc<permit_bundle::Bundle>,
    /// Files never written over: the workspace and its companions
    /// ([`permit_files::workspace_files`]).
    pub protected: Vec<PathBuf>,
    /// Whether files of the export that exist already are replaced (the
    /// CLI's `--force`; the app asks first).
    pub replace: permit_files::Replace,
}

/// Progress of an export, after each case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Cases finished (written or failed).
    pub done: usize,
    /// Cases in the export.
    pub total: usize,
    /// The case just finished.
    pub case_id: i64,
}

/// One line of the summary: what was written for a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    /// Case id.
    pub case_id: i64,
    /// Case name.
    pub case: String,
    /// The form(s), `+`-joined (`AR1+FA8`); empty if no form is proposed.
    pub form: String,
    /// The earliest submission date, if the plan has one.
    pub earliest_submission: Option<NaiveDate>,
    /// The biometrics deadline, if the plan has one.
    pub biometrics_deadline: Option<NaiveDate>,
    /// Number of warnings.
    pub warnings: usize,
    /// The plan file's name.
    pub plan_file: String,
    /// The PDF's name (empty if it failed).
    pub pdf_file: String,
    /// What went wrong with this case, if anything.
    pub error: Option<String>,
}

/// What an export did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// One row per case finished, in the input order.
    pub rows: Vec<SummaryRow>,
    /// Whether the export was cancelled before the end.
    pub cancelled: bool,
    /// The summary file, when written (not after a cancel).
    pub summary: Option<PathBuf>,
}

/// An export that could not go on (the folder cannot be written), or was
/// refused before it wrote anything.
#[derive(Debug, thiserror::Error)]
#[error("{}", match refused { Some(r) => r.to_string(), None => format!("{}: {message}", path.display()) })]
pub struct BatchError {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
    /// The output guard's refusal, when the export was refused (nothing
    /// was written).
    pub refused: Option<permit_files::OutputError>,
}

impl BatchError {
    fn io(path: PathBuf, message: String) -> BatchError {
        BatchError {
            path,
            message,
            refused: None,
        }
    }
}

/// The name of the summary file.
pub const SUMMARY: &str = "summary.csv";

/// Every file an export of `cases` writes into `dir`, with its kind: a plan
/// and a PDF per case, then [`SUMMARY`].
pub fn outputs(cases: &[BatchCase], dir: &Path) -> Vec<(PathBuf, permit_files::Kind)> {
    let mut out = Vec::with_capacity(cases.len() * 2 + 1);
    for c in cases {
        let stem = file_stem(c.id, &c.name);
        out.push((
            dir.join(format!("{stem}.plan.json")),
            permit_files::Kind::Json,
        ));
        out.push((dir.join(format!("{stem}.pdf")), permit_files::Kind::Pdf));
    }
    out.push((dir.join(SUMMARY), permit_files::Kind::Csv));
    out
}

/// Checks every file an export of `cases` into `dir` would write
/// ([`permit_files::check_outputs`]); returns those it would replace.
pub fn check(
    cases: &[BatchCase],
    dir: &Path,
    protected: &[PathBuf],
    replace: permit_files::Replace,
) -> Result<Vec<PathBuf>, BatchError> {
    permit_files::check_outputs(dir, &outputs(cases, dir), protected, &[], replace).map_err(|e| {
        BatchError {
            path: dir.to_owned(),
            message: e.to_string(),
            refused: Some(e),
        }
    })
}

/// A safe file-name stem for a case name: lower-case letters and digits of
/// any script kept, every other run of characters one `-`, at most
/// [`SLUG_MAX_BYTES`] bytes (whole characters), `case` when nothing is left.
///
/// ```
/// use permit_batch::batch::slug;
/// assert_eq!(slug("Søren Ærø / AR1: ../chef"), "søren-ærø-ar1-chef");
/// assert_eq!(slug("..."), "case");
/// ```
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            let before = s.len();
            s.extend(c.to_lowercase());
            if s.len() > SLUG_MAX_BYTES {
                s.truncate(before);
                break;
            }
        } else {
            dash = true;
        }
    }
    let s = s.trim_end_matches('-');
    if s.is_empty() {
        "case".into()
    } else {
        s.to_owned()
    }
}

/// The file-name stem of a case: slug and id.
pub fn file_stem(case_id: i64, name: &str) -> String {
    format!("{}-{case_id}", slug(name))
}

fn summary_row(case: &BatchCase, plan: &Plan, stem: &str) -> SummaryRow {
    let date_of = |id: &str| plan.deadlines.iter().find(|d| d.id == id).map(|d| d.date);
    SummaryRow {
        case_id: case.id,
        case: case.name.clone(),
        form: plan
            .forms
            .iter()
            .map(|f| f.form.code())
            .collect::<Vec<_>>()
            .join("+"),
        earliest_submission: date_of("earliest_submission"),
        biometrics_deadline: date_of("biometrics"),
        warnings: plan.warnings.len(),
        plan_file: format!("{stem}.plan.json"),
        pdf_file: format!("{stem}.pdf"),
        error: None,
    }
}

/// The summary as CSV text.
pub fn summary_csv(rows: &[SummaryRow]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut rows_written = w.write_record([
        "case_id",
        "case",
        "form",
        "earliest_submission",
        "biometrics_deadline",
        "warnings",
        "plan_file",
        "pdf_file",
        "error",
    ]);
    for r in rows {
        let cells = [
            r.case_id.to_string(),
            r.case.clone(),
            r.form.clone(),
            d(r.earliest_submission),
            d(r.biometrics_deadline),
            r.warnings.to_string(),
            r.plan_file.clone(),
            r.pdf_file.clone(),
            r.error.clone().unwrap_or_default(),
        ];
        // Names come from strangers' files: never a formula in a spreadsheet.
        rows_written =
            rows_written.and(w.write_record(cells.iter().map(|c| crate::csv_cell(c).into_owned())));
    }
    // Writing text to memory cannot fail, and every cell is a `String`:
    // nothing here can panic, whatever the names in the store.
    let bytes = match (rows_written, w.into_inner()) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => Vec::new(),
    };
    String::from_utf8_lossy(&bytes).into_owned()
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BatchError> {
    permit_pdf::write_atomic(path, bytes).map_err(|e| {
        BatchError::io(
            path.to_owned(),
            match e {
                permit_pdf::PdfError::Write { source, .. } => source.to_string(),
                other => other.to_string(),
            },
        )
    })
}

/// Writes atomically ([`permit_pdf::write_atomic`]); flushed to disk only
/// when `durable` ([`permit_pdf::write_atomic_unsynced`] otherwise).
fn write_file(path: &Path, bytes: &[u8], durable: bool) -> Result<(), BatchError> {
    if durable {
        return write(path, bytes);
    }
    permit_pdf::write_atomic_unsynced(path, bytes).map_err(|e| {
        BatchError::io(
            path.to_owned(),
            // The error names the path already; say only what went wrong.
            match e {
                permit_pdf::PdfError::Write { source, .. } => source.to_string(),
                other => other.to_string(),
            },
        )
    })
}

/// Exports every case of `cases` into `opts.out_dir` on [`WORKERS`] threads.
///
/// A case whose PDF cannot be rendered keeps its plan file and gets an
/// `error` in the summary; a file that cannot be written stops the export
/// with [`BatchError`]. `progress` is called after each case (from the
/// worker threads); `cancel` stops the export after the cases in progress
/// (the report then says `cancelled`, and nothing is moved into the
/// folder). See the module docs for the guard and the staging folder.
pub fn export(
    cases: &[BatchCase],
    opts: &BatchOptions,
    pdf: &PdfRenderer<'_>,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<BatchReport, BatchError> {
    check(cases, &opts.out_dir, &opts.protected, opts.replace)?;
    permit_files::create_dirs(&opts.out_dir).map_err(|e| {
        BatchError::io(
            opts.out_dir.clone(),
            format!("cannot create the folder: {e}"),
        )
    })?;
    // Temporary files and folders of an export that was killed here before.
    permit_files::clean_stale_temps(&opts.out_dir);
    let stage = Stage::new(&opts.out_dir)?;
    let result = export_into(cases, opts, &stage.0, pdf, progress, cancel);
    match result {
        Ok((rows, false)) => {
            stage.move_in(&opts.out_dir, &rows)?;
            Ok(BatchReport {
                rows,
                cancelled: false,
                summary: Some(opts.out_dir.join(SUMMARY)),
            })
        }
        // Cancelled: nothing of this export is moved in (the staging
        // folder goes when `stage` is dropped).
        Ok((rows, true)) => Ok(BatchReport {
            rows,
            cancelled: true,
            summary: None,
        }),
        Err(e) => Err(e),
    }
}

/// The private folder an export is written into before it is moved in;
/// removed when dropped.
struct Stage(PathBuf);

impl Stage {
    fn new(dir: &Path) -> Result<Stage, BatchError> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = dir.join(format!(
            "{}{}.{}.tmp",
            permit_files::STAGE_PREFIX,
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let mut b = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(permit_files::DIR_MODE);
        }
        b.create(&path)
            .map_err(|e| BatchError::io(path.clone(), format!("cannot create the folder: {e}")))?;
        Ok(Stage(path))
    }

    /// Moves the finished export into `dir`: the old summary out, each
    /// file in, the summary (flushed) last.
    fn move_in(&self, dir: &Path, rows: &[SummaryRow]) -> Result<(), BatchError> {
        let summary = self.0.join(SUMMARY);
        write(&summary, summary_csv(rows).as_bytes()).map_err(|e| BatchError {
            path: dir.join(SUMMARY),
            ..e
        })?;
        match std::fs::remove_file(dir.join(SUMMARY)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(BatchError::io(dir.join(SUMMARY), e.to_string())),
        }
        let names = rows
            .iter()
            .flat_map(|r| [&r.plan_file, &r.pdf_file])
            .filter(|n| !n.is_empty());
        for name in names {
            rename(&self.0.join(name), &dir.join(name))?;
        }
        rename(&summary, &dir.join(SUMMARY))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rename(from: &Path, to: &Path) -> Result<(), BatchError> {
    std::fs::rename(from, to)
        .map_err(|e| BatchError::io(to.to_owned(), format!("could not write the file: {e}")))
}

/// Writes the plans and PDFs of `cases` into `dir` (the staging folder);
/// returns the rows and whether the export was cancelled.
fn export_into(
    cases: &[BatchCase],
    opts: &BatchOptions,
    dir: &Path,
    pdf: &PdfRenderer<'_>,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<(Vec<SummaryRow>, bool), BatchError> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<Option<SummaryRow>>> = Mutex::new(vec![None; cases.len()]);
    let first_error: Mutex<Option<BatchError>> = Mutex::new(None);
    let options = Options {
        today: opts.today,
        lang: opts.lang,
    };
    let bundle = &opts.rules;
    let work = || loop {
        if cancel.load(Ordering::Relaxed) || failed.load(Ordering::Relaxed) {
            return;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(case) = cases.get(i) else { return };
        let outcome = (|| -> Result<SummaryRow, BatchError> {
            let plan = permit_core::plan(&case.situation, &bundle.rules, &options);
            let stem = file_stem(case.id, &case.name);
            let mut row = summary_row(case, &plan, &stem);
            let mut json = serde_json::to_vec_pretty(&plan).map_err(|e| {
                BatchError::io(
                    opts.out_dir.join(&row.plan_file),
                    format!("the plan cannot be written: {e}"),
                )
            })?;
            json.push(b'\n');
            // An error names the file by its name in the export's folder.
            let named = |name: &str| {
                let path = opts.out_dir.join(name);
                move |e: BatchError| BatchError { path, ..e }
            };
            write_file(&dir.join(&row.plan_file), &json, opts.durable)
                .map_err(named(&row.plan_file))?;
            match pdf(&plan, opts.today) {
                Ok(bytes) => write_file(&dir.join(&row.pdf_file), &bytes, opts.durable)
                    .map_err(named(&row.pdf_file))?,
                Err(m) => {
                    row.pdf_file.clear();
                    row.error = Some(format!("PDF not written: {m}"));
                }
            }
            Ok(row)
        })();
        match outcome {
            Ok(row) => {
                results.lock().unwrap_or_else(PoisonError::into_inner)[i] = Some(row);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(Progress {
                    done: n,
                    total: cases.len(),
                    case_id: case.id,
                });
            }
            Err(e) => {
                failed.store(true, Ordering::Relaxed);
                first_error
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .get_or_insert(e);
                return;
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(cases.len().max(1)) {
            s.spawn(work);
        }
    });
    if let Some(e) = first_error
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
    {
        return Err(e);
    }
    let rows: Vec<SummaryRow> = results
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .into_iter()
        .flatten()
        .collect();
    let cancelled = rows.len() < cases.len();
    Ok((rows, cancelled))
}
