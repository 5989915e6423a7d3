//! Exports: the checklist PDF, the calendar, a batch of cases, case files
//! and the CSV template. Every file is written through one guarded writer
//! ([`check_output`] then [`write_output`]): never over the workspace, an
//! input or a file of another kind, atomically and privately.

use permit_batch::batch::{BatchCase, BatchOptions};
use permit_batch::hires;
use permit_batch::{case_file, ics};

use crate::prelude::*;

/// The cases of a batch export, read from the store (see
/// [`Workspace::batch_selection`] and [`run_batch`]).
/// The last field: the files no export may write over (the workspace's).
pub struct BatchSelection(
    pub(crate) Vec<BatchCase>,
    pub(crate) Vec<String>,
    pub(crate) Arc<Bundle>,
    pub(crate) Vec<PathBuf>,
);

/// Where an output may go: never over `workspace` or the default workspace
/// (and their companion files), never over one of the command's `inputs`,
/// never over an existing file of another kind; over one of the same kind
/// only when `replace` (the app's save dialog asked; the command line's
/// `--force`).
#[derive(Debug, Clone, Copy)]
pub struct Guard<'a> {
    /// The workspace in use.
    pub workspace: Option<&'a Path>,
    /// The files the action reads.
    pub inputs: &'a [&'a Path],
    /// Whether an existing file of the same kind may be replaced.
    pub replace: bool,
}

/// Refuses an output `guard` does not allow (kind `refused`).
pub fn check_output(path: &Path, kind: permit_files::Kind, guard: &Guard<'_>) -> AppResult<()> {
    let mut guarded = permit_files::workspace_files(&permit_store::default_path());
    if let Some(w) = guard.workspace {
        guarded.extend(permit_files::workspace_files(w));
    }
    let replace = if guard.replace {
        permit_files::Replace::Yes
    } else {
        permit_files::Replace::No
    };
    permit_files::check_output(path, kind, &guarded, guard.inputs, replace).map_err(|e| AppError {
        kind: "refused".into(),
        message: e.to_string(),
        path: Some(path.display().to_string()),
        fields: vec![],
        lang: None,
    })
}

/// Writes the checklist PDF of `plan` to `path` (atomically, privately),
/// where `guard` allows it: the one PDF writer of every front end.
pub fn write_plan_pdf(
    plan: &Plan,
    today: NaiveDate,
    path: &Path,
    guard: &Guard<'_>,
) -> AppResult<ExportResult> {
    check_output(path, permit_files::Kind::Pdf, guard)?;
    let doc = crate::pdf::checklist_document(plan, today);
    let out = permit_pdf::render(&doc).map_err(|e| io_error(path, e))?;
    write_output(path, &out.bytes)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        bytes: out.bytes.len(),
        replaced: out.replaced.iter().map(|c| c.to_string()).collect(),
    })
}

/// Writes an output file atomically and privately (0600 when new).
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> AppResult<()> {
    permit_files::write_atomic(path, bytes, true).map_err(|e| {
        io_error(
            path,
            format!("{}: could not write the file: {e}", path.display()),
        )
    })
}

/// The files a batch export of `selection` into `dir` would replace (the
/// app asks before it goes on), or why it is refused (over the workspace,
/// a folder, a file of another kind): see [`permit_batch::batch::check`].
pub fn batch_replaces(selection: &BatchSelection, dir: &Path) -> AppResult<Vec<PathBuf>> {
    permit_batch::batch::check(&selection.0, dir, &selection.3, permit_files::Replace::Yes)
        .map_err(batch_error)
}

fn batch_error(e: permit_batch::batch::BatchError) -> AppError {
    let kind = if e.refused.is_some() { "refused" } else { "io" };
    AppError {
        kind: kind.into(),
        message: e.to_string(),
        path: Some(e.path.display().to_string()),
        fields: vec![],
        lang: None,
    }
}

/// Runs a batch export of `selection` into `dir` (PDF and plan JSON per case,
/// `summary.csv`) on two workers, without the workspace: the desktop shell
/// runs it on a background thread. `progress(done, total)` after each case;
/// `cancel` stops it after the cases in progress. Files of the export that
/// exist already are replaced only with `replace` (`--force`; the app asks).
pub fn run_batch(
    selection: &BatchSelection,
    dir: &Path,
    v: View,
    replace: permit_files::Replace,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> AppResult<BatchResult> {
    let pdf = |p: &Plan, d: NaiveDate| {
        permit_pdf::render(&crate::pdf::checklist_document(p, d))
            .map(|r| r.bytes)
            .map_err(|e| e.to_string())
    };
    let report = permit_batch::batch::export(
        &selection.0,
        &BatchOptions {
            out_dir: dir.to_owned(),
            lang: v.lang,
            today: v.today,
            durable: false,
            rules: selection.2.clone(),
            protected: selection.3.clone(),
            replace,
        },
        &pdf,
        &|p| progress(p.done, p.total),
        cancel,
    )
    .map_err(batch_error)?;
    let errors: Vec<String> = report
        .rows
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| format!("case {}: {e}", r.case_id)))
        .collect();
    Ok(BatchResult {
        dir: dir.display().to_string(),
        written: report.rows.len() - errors.len(),
        failed: errors.len(),
        errors,
        summary_path: report.summary.map(|p| p.display().to_string()),
        cancelled: report.cancelled,
        skipped: selection.1.clone(),
    })
}

impl Workspace {
    /// See [`check_output`]: never over this workspace; a file of the same
    /// kind is replaced (the app's save dialog asked the user first).
    fn check_output(&self, path: &Path, kind: permit_files::Kind) -> AppResult<()> {
        check_output(path, kind, &self.guard())
    }

    /// See [`check_output`]: never over this workspace; a file of the same
    /// kind only when `replace`.
    pub(crate) fn check_output_replacing(
        &self,
        path: &Path,
        kind: permit_files::Kind,
        replace: bool,
    ) -> AppResult<()> {
        check_output(
            path,
            kind,
            &Guard {
                replace,
                ..self.guard()
            },
        )
    }

    /// The guard of an output of the app: this workspace, no inputs, a file
    /// of the same kind replaced.
    fn guard(&self) -> Guard<'_> {
        Guard {
            workspace: Some(self.store.location()),
            inputs: &[],
            replace: true,
        }
    }

    /// Writes the checklist PDF of a case (atomically), and records the
    /// export in the audit trail.
    pub fn export_pdf(&mut self, id: i64, path: &Path, v: View) -> AppResult<ExportResult> {
        self.check_output(path, permit_files::Kind::Pdf)?;
        let view = self.view(id, v)?;
        let written = write_plan_pdf(&view.plan, v.today, path, &self.guard())?;
        self.record_export("export_pdf", &[id], path)?;
        Ok(written)
    }

    /// The hires CSV template (header and an example row, its texts in
    /// `lang`).
    pub fn csv_template(lang: Lang) -> String {
        hires::template_csv_in(lang)
    }

    /// Writes the hires CSV template to `path` (atomically).
    pub fn save_csv_template(path: &Path) -> AppResult<ExportResult> {
        // No workspace at hand here: the default one is guarded, and the
        // kind check refuses any database.
        check_output(
            path,
            permit_files::Kind::Csv,
            &Guard {
                workspace: None,
                inputs: &[],
                replace: true,
            },
        )?;
        let text = hires::template_csv();
        write_output(path, text.as_bytes())?;
        Ok(ExportResult {
            path: path.display().to_string(),
            bytes: text.len(),
            replaced: vec![],
        })
    }

    /// The live cases read for a batch export or a calendar: those `ids`
    /// names; else every case `query` lists (its filters and order, without
    /// paging: what the user sees in the case list); else all active ones.
    pub fn batch_selection(
        &self,
        ids: Option<&[i64]>,
        query: Option<&ListQuery>,
    ) -> AppResult<BatchSelection> {
        let ids: Vec<i64> = match (ids, query) {
            (Some(ids), _) => ids.to_vec(),
            (None, Some(q)) => self
                .store
                .list_page(
                    &Self::filter(q, local_today())?,
                    Self::sort(q, local_today())?,
                    0,
                    None,
                )?
                .rows
                .into_iter()
                .map(|c| c.id)
                .collect(),
            (None, None) => self
                .store
                .list_page(
                    &ListFilter {
                        status: Some(permit_store::STATUS_ACTIVE.into()),
                        ..ListFilter::default()
                    },
                    Sort::Name,
                    0,
                    None,
                )?
                .rows
                .into_iter()
                .map(|c| c.id)
                .collect(),
        };
        let mut out = Vec::with_capacity(ids.len());
        let mut skipped = Vec::new();
        for id in ids {
            // One damaged case does not stop the others: it is named and
            // left out.
            let rec = match self.store.get_case(id) {
                Ok(rec) => rec,
                Err(e @ permit_store::StoreError::Damaged { .. }) => {
                    skipped.push(e.to_string());
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            if rec.deleted {
                return Err(AppError::new("not_found", format!("case {id} is deleted")));
            }
            match parse_situation(&rec.situation_json) {
                Ok(situation) => out.push(BatchCase {
                    id,
                    name: rec.name,
                    situation,
                }),
                Err(e) => skipped.push(format!("case {id} ({}): {}", rec.name, e.message)),
            }
        }
        let mut protected = permit_files::workspace_files(&permit_store::default_path());
        protected.extend(permit_files::workspace_files(self.store.location()));
        Ok(BatchSelection(out, skipped, self.bundle(), protected))
    }

    /// Batch export (see [`run_batch`]) of the cases `ids` names (all active
    /// ones when `None`).
    #[allow(clippy::too_many_arguments)]
    pub fn batch_export(
        &mut self,
        ids: Option<&[i64]>,
        query: Option<&ListQuery>,
        dir: &Path,
        v: View,
        replace: permit_files::Replace,
        progress: impl Fn(usize, usize) + Sync,
        cancel: &AtomicBool,
    ) -> AppResult<BatchResult> {
        let selection = self.batch_selection(ids, query)?;
        let result = run_batch(&selection, dir, v, replace, &progress, cancel)?;
        if !result.cancelled {
            self.record_export("export_batch", &selection.case_ids(), dir)?;
        }
        Ok(result)
    }

    /// Writes an `.ics` calendar of every dated deadline of the cases `ids`
    /// names (all active ones when `None`), atomically.
    pub fn export_ics(
        &mut self,
        ids: Option<&[i64]>,
        query: Option<&ListQuery>,
        path: &Path,
        v: View,
    ) -> AppResult<IcsResult> {
        self.check_output(path, permit_files::Kind::Calendar)?;
        let selection = self.batch_selection(ids, query)?;
        let (text, events) = ics::calendar_of(
            &selection.0,
            &self.bundle().rules,
            &v.options(),
            chrono::Utc::now(),
        );
        write_output(path, text.as_bytes())?;
        self.record_export("export_ics", &selection.case_ids(), path)?;
        Ok(IcsResult {
            path: path.display().to_string(),
            events,
            cases: selection.0.len(),
            skipped: selection.1,
        })
    }

    /// Writes a case as a portable case file (atomically).
    pub fn export_case_file(&mut self, id: i64, path: &Path) -> AppResult<ExportResult> {
        self.export_case_file_sealed(id, path, None)
    }

    /// [`Workspace::export_case_file`], encrypted with age when `seal` is
    /// given (a passphrase, or the recipients' public keys; see
    /// `permit_batch::sealed`).
    pub fn export_case_file_sealed(
        &mut self,
        id: i64,
        path: &Path,
        seal: Option<&permit_batch::sealed::Seal<'_>>,
    ) -> AppResult<ExportResult> {
        self.check_output(path, permit_files::Kind::Json)?;
        let rec = self.store.get_case(id)?;
        let situation = parse_situation(&rec.situation_json)?;
        let draft: Option<serde_json::Value> = rec
            .draft_json
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok());
        let text = case_file::export_with_draft(
            &rec.name,
            &situation,
            draft.as_ref(),
            &rec.notes,
            Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        )
        .map_err(|e| AppError::new("internal", e.to_string()))?;
        let bytes = match seal {
            Some(how) => permit_batch::sealed::seal(text.as_bytes(), how)
                .map_err(|e| crate::import::seal_error(path, e))?,
            None => text.into_bytes(),
        };
        write_output(path, &bytes)?;
        self.record_export("export_case_file", &[id], path)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            bytes: bytes.len(),
            replaced: vec![],
        })
    }
}

impl BatchSelection {
    /// The ids of the cases selected (for the audit trail's record of the
    /// export).
    pub fn case_ids(&self) -> Vec<i64> {
        self.0.iter().map(|c| c.id).collect()
    }
}
