//! Imports: a CSV of hires (new cases and updates, one transaction with its
//! duplicate check) and portable case files.

use permit_batch::hires::{self, Mode};
use permit_batch::{case_file, templates};
use permit_store::Tx;

use crate::drafts::{self, localized};
use crate::prelude::*;
use crate::{cases, record};

/// The labels of a situation an import recognises a case by, read from its
/// JSON (whatever else it holds).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Labels {
    case: LabelsCase,
    applicant: LabelsApplicant,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LabelsCase {
    reference: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LabelsApplicant {
    name: Option<String>,
    birth_date: Option<String>,
}

impl Labels {
    /// The labels of a situation's JSON (none when it cannot be read).
    fn of(json: &str) -> Labels {
        serde_json::from_str(json).unwrap_or_default()
    }
    /// Text compared ignoring case, accents and extra spaces.
    fn key(text: Option<&str>) -> Option<String> {
        let folded = record::fold(text?);
        let words: Vec<&str> = folded.split_whitespace().collect();
        (!words.is_empty()).then(|| words.join(" "))
    }
    fn reference(&self) -> Option<String> {
        Labels::key(self.case.reference.as_deref())
    }
    fn person(&self) -> Option<(String, String)> {
        let birth = self
            .applicant
            .birth_date
            .clone()
            .filter(|b| !b.is_empty())?;
        Some((Labels::key(self.applicant.name.as_deref())?, birth))
    }
}

/// Lays a row's situation (`patch`) over a case's (`base`): objects merge
/// key by key, any other value replaces; what the row leaves empty (null,
/// `[]`, `{}`) keeps the case's.
fn overlay(base: &mut serde_json::Value, patch: serde_json::Value) {
    use serde_json::Value;
    fn empty(v: &Value) -> bool {
        match v {
            Value::Null => true,
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.values().all(empty),
            _ => false,
        }
    }
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                if empty(&v) {
                    continue;
                }
                match b.get_mut(&k) {
                    Some(old) if old.is_object() && v.is_object() => overlay(old, v),
                    _ => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, p) => {
            if !empty(&p) {
                *b = p;
            }
        }
    }
}

/// What [`Workspace::import_case`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseImport {
    /// The new case, the case updated, or (skipped) the case it matched.
    pub case: CaseView,
    /// The version of the case file (older ones are migrated).
    pub from_version: u32,
    /// The case already in the workspace the file matched (same reference,
    /// or same applicant name and birth date), if any.
    pub matched: Option<DuplicateRow>,
    /// What was done: `New` (a new case), `Update` (the matched case took
    /// the file's answers) or `Skip` (nothing imported). Never `Ask`.
    pub done: OnDuplicate,
}

impl Workspace {
    /// Imports the hires of a CSV file in ONE transaction. `mode` is
    /// `all_or_nothing` (any problem: nothing imported) or `valid_rows`;
    /// `template` names a checklist template applied to every new case.
    /// Every problem is reported with its row and column; rows that match
    /// cases already in the workspace as `on_duplicate` says (`None`: ask).
    /// Plans are made as of today (see [`Workspace::import_hires`]);
    /// the problems are written in `lang`.
    pub fn import_csv(
        &mut self,
        path: &Path,
        mode: ImportMode,
        template: Option<&str>,
        on_duplicate: Option<OnDuplicate>,
        lang: Lang,
    ) -> AppResult<ImportReport> {
        let mode = match mode {
            ImportMode::AllOrNothing => Mode::AllOrNothing,
            ImportMode::ValidRows => Mode::ValidRows,
        };
        let v = View {
            lang,
            today: local_today(),
        };
        let opts = ImportOptions {
            valid_rows: mode == Mode::ValidRows,
            template: template.map(str::to_owned),
            on_duplicate: on_duplicate.unwrap_or_default(),
        };
        self.import_hires(path, &opts, v)
    }

    /// Imports the hires of a CSV file in ONE transaction (new cases and
    /// updated ones together), as `opts` says, each case planned as of
    /// `v.today`. A row that matches a case already in the workspace (same
    /// reference, or same applicant name and birth date) is skipped,
    /// updates the case, or is imported as new, by `opts.on_duplicate`;
    /// with `ask`, nothing is imported while any row matches, and the
    /// report lists the matches (`needs_choice`). The report says how every
    /// imported case came out (form found, needs answers, not covered).
    pub fn import_hires(
        &mut self,
        path: &Path,
        opts: &ImportOptions,
        v: View,
    ) -> AppResult<ImportReport> {
        let mode = if opts.valid_rows {
            Mode::ValidRows
        } else {
            Mode::AllOrNothing
        };
        let items = match &opts.template {
            Some(name) => Some(self.template_items(name, v.lang)?),
            None => None,
        };
        let max = permit_core::limits::MAX_CSV_BYTES;
        // A file over the limit is refused before it is read, with the
        // parser's own words (its size and the limit) in the view's language.
        if let Some(bytes) = std::fs::metadata(path)
            .ok()
            .map(|m| m.len())
            .filter(|n| *n > max)
        {
            // A file that cannot be read, as any other (`io`: the command
            // line's exit code 3), in the parser's own words.
            return Err(AppError {
                kind: ErrorKind::Io,
                message: permit_core::messages::text(
                    v.lang,
                    "hires.too_large",
                    &[("file", &file_name(path)), ("bytes", &bytes), ("max", &max)],
                ),
                path: Some(path.display().to_string()),
                fields: vec![],
                lang: Some(v.lang),
            });
        }
        let parsed = hires::parse(&read_file(path, max)?, &file_name(path));
        let rows = hires::rows_to_import(&parsed, mode);
        let rules = self.bundle();
        let row_error = |row: usize, fields: Vec<FieldError>| AppError {
            path: Some(path.display().to_string()),
            fields: localized(fields, v.lang),
            ..AppError::written(
                "invalid_input",
                &Msg::new(if items.is_some() {
                    "app.row_invalid_with_template"
                } else {
                    "app.row_invalid"
                })
                .with("row", row),
                v.lang,
            )
        };
        // Each row as a new case, planned before the transaction (a new
        // case's plan does not depend on the workspace), so the write lock
        // is held only for the duplicate check and the writes.
        let mut planned: Vec<Option<permit_store::NewCase>> = Vec::with_capacity(rows.len());
        for r in rows {
            let (situation, json) = match &items {
                Some(items) => {
                    let mut raw = r.situation.raw().clone();
                    templates::apply(&mut raw, items);
                    let json = serde_json::to_string(&raw)
                        .map_err(|e| AppError::new("internal", e.to_string()))?;
                    let s = Situation::check(raw).map_err(|f| row_error(r.row, f))?;
                    (s, json)
                }
                None => (r.situation.clone(), r.situation_json.clone()),
            };
            planned.push(Some(record::new_case(
                &r.name,
                &situation,
                &json,
                None,
                "",
                &rules.rules,
                &v.options(),
            )));
        }
        // One transaction: the duplicate check sees every case another
        // import committed before it, and nothing commits in between.
        let mut tx = self.store.begin()?;
        let matches = matches_of(&mut *tx, rows)?;
        let duplicates: Vec<DuplicateRow> = matches.iter().flatten().cloned().collect();
        let needs_choice = opts.on_duplicate == OnDuplicate::Ask && !duplicates.is_empty();
        let mut new = Vec::new();
        let mut new_rows = Vec::new();
        let mut updated_rows = Vec::new();
        let mut updating = std::collections::HashSet::new();
        let mut skipped = 0;
        for ((r, m), planned) in rows.iter().zip(&matches).zip(&mut planned) {
            if needs_choice {
                break;
            }
            match (m, opts.on_duplicate) {
                (Some(_), OnDuplicate::Skip) => skipped += 1,
                // A second row for a case this import already updates is left out.
                (Some(d), OnDuplicate::Update) if !updating.insert(d.case_id) => skipped += 1,
                (Some(d), OnDuplicate::Update) => {
                    // The row is laid over the case as the user left it.
                    let (rec, mut typed) = as_left(&mut *tx, d.case_id)?;
                    let row_value = serde_json::to_value(r.situation.raw())
                        .map_err(|e| AppError::new("internal", e.to_string()))?;
                    overlay(&mut typed, row_value);
                    if let Some(items) = &items {
                        templates::apply_json(&mut typed, items);
                    }
                    let (situation, draft) =
                        drafts::read(&typed, v.lang).map_err(|e| row_error(r.row, e.fields))?;
                    let p = plan(&situation, &rules.rules, &v.options());
                    let written = cases::write_case(
                        &mut *tx,
                        d.case_id,
                        &situation,
                        draft.as_ref(),
                        &p,
                        Some(&rec.updated_at),
                        &typed,
                        v.lang,
                    )?;
                    crate::audit::append(
                        &mut *tx,
                        Some(d.case_id),
                        "import_update",
                        written.audit,
                        serde_json::json!({ "file": path.display().to_string(), "row": r.row }),
                    )?;
                    updated_rows.push((
                        r.row,
                        d.case_id,
                        rec.name.clone(),
                        CaseDigest::of(&situation, &p).coverage,
                    ));
                }
                _ => {
                    if let Some(c) = planned.take() {
                        new_rows.push(r.row);
                        new.push(c);
                    }
                }
            }
        }
        let ids = if needs_choice || (new.is_empty() && updated_rows.is_empty()) {
            Vec::new()
        } else {
            let ids = tx.insert(&new)?;
            let file = path.display().to_string();
            let entries: Vec<_> = ids
                .iter()
                .zip(&new)
                .zip(&new_rows)
                .map(|((id, c), row)| {
                    (
                        Some(*id),
                        "import",
                        cases::named(&c.name),
                        serde_json::json!({ "file": file, "row": row }),
                    )
                })
                .collect();
            crate::audit::append_many(&mut *tx, entries)?;
            tx.commit()?;
            ids
        };
        let coverage = |digest_json: &str| CaseDigest::from_json(digest_json).coverage;
        let mut cases: Vec<ImportedCase> = new_rows
            .iter()
            .zip(&ids)
            .zip(&new)
            .map(|((row, id), c)| ImportedCase {
                row: *row,
                case_id: *id,
                name: c.name.trim().to_owned(),
                updated: false,
                coverage: coverage(&c.content.list.digest_json),
            })
            .chain(
                updated_rows
                    .iter()
                    .map(|(row, id, name, cov)| ImportedCase {
                        row: *row,
                        case_id: *id,
                        name: name.clone(),
                        updated: true,
                        coverage: *cov,
                    }),
            )
            .collect();
        cases.sort_by_key(|c| c.row);
        let count = |status: permit_core::plan::CoverageStatus| {
            cases.iter().filter(|c| c.coverage == Some(status)).count()
        };
        use permit_core::plan::CoverageStatus as C;
        Ok(ImportReport {
            imported: ids.len(),
            ids,
            updated: updated_rows.len(),
            skipped,
            form_found: count(C::Covered),
            needs_answers: count(C::NeedsAnswers),
            not_covered: count(C::NotCovered),
            cases,
            duplicates,
            needs_choice,
            file: parsed.source_name.clone(),
            valid: if parsed.file_level {
                0
            } else {
                parsed.rows.len()
            },
            rows: parsed.data_rows,
            file_level: parsed.file_level,
            problems: parsed
                .problems
                .iter()
                .map(|p| ImportProblem {
                    row: p.row,
                    column: p.column.clone(),
                    column_number: p.column_number,
                    message: p.message_in(v.lang),
                })
                .collect(),
        })
    }

    /// Imports a portable case file. A file from an older version is
    /// migrated; a newer or damaged one is refused with the reason. A file
    /// that matches a case already in the workspace (same reference, or
    /// same applicant name and birth date, as the CSV import recognises
    /// them) is treated as `on_duplicate` says: `Ask` refuses with the kind
    /// `duplicate`, naming the case, and imports nothing; `Skip` leaves the
    /// case as it is; `Update` lays the file's answers (and its pending
    /// answers, the draft) over the case's; `New` imports it as a new case.
    pub fn import_case_file(
        &mut self,
        path: &Path,
        on_duplicate: OnDuplicate,
        v: View,
    ) -> AppResult<CaseView> {
        self.import_case(path, on_duplicate, v).map(|c| c.case)
    }

    /// [`Workspace::import_case_file`], also saying which version the file
    /// was (the command line tells when it was migrated) and what was done
    /// with a match. The case is written in ONE transaction.
    pub fn import_case(
        &mut self,
        path: &Path,
        on_duplicate: OnDuplicate,
        v: View,
    ) -> AppResult<CaseImport> {
        self.import_case_unsealed(path, v, None, on_duplicate)
    }

    /// [`Workspace::import_case`] of a case file that may be encrypted
    /// (`permit_batch::sealed`): opened with `key`; without one, or with a
    /// wrong one, or when damaged, it is refused (`needs_key`, `wrong_key`,
    /// `invalid_file`) and nothing is imported. A plain case file is read
    /// as before, whatever `key`. A match is treated as `on_duplicate` says
    /// ([`Workspace::import_case_file`]).
    pub fn import_case_unsealed(
        &mut self,
        path: &Path,
        v: View,
        key: Option<&permit_batch::sealed::Unseal<'_>>,
        on_duplicate: OnDuplicate,
    ) -> AppResult<CaseImport> {
        let max = permit_core::limits::MAX_SITUATION_BYTES;
        // A sealed file is armoured (base64): up to 4/3 of its text and a header.
        let bytes = read_file(path, max * 2 + 4096)?;
        let bytes = if permit_batch::sealed::is_sealed(&bytes) {
            permit_batch::sealed::unseal(&bytes, key).map_err(|e| seal_error(path, e))?
        } else if bytes.len() as u64 > max {
            read_file(path, max)?
        } else {
            bytes
        };
        let text = String::from_utf8(bytes).map_err(|_| AppError {
            kind: "invalid_file".into(),
            message: format!(
                "{} is not UTF-8 text: damaged, or not a Permit Packet case file",
                path.display()
            ),
            path: Some(path.display().to_string()),
            fields: vec![],
            lang: None,
        })?;
        let case = case_file::import(&text, &file_name(path)).map_err(|e| {
            let kind = match &e {
                case_file::CaseFileError::Newer { .. } => "newer_file",
                case_file::CaseFileError::Damaged { .. } => "invalid_file",
                case_file::CaseFileError::Situation(_) => "invalid_input",
            };
            let fields = match &e {
                case_file::CaseFileError::Situation(i) => i.errors.clone(),
                _ => vec![],
            };
            AppError {
                kind: kind.into(),
                message: e.to_string(),
                path: Some(path.display().to_string()),
                fields,
                lang: None,
            }
        })?;
        // A draft is kept when it still holds answers not accepted.
        let draft = case
            .draft
            .as_ref()
            .and_then(|d| drafts::stored(Some(&d.to_string()), v.lang))
            .map(|d| d.situation.to_string());
        // The file's answers as the user typed them (its draft, when it
        // has one): what it is recognised by, and what an update lays over
        // the case.
        let typed_json = draft.clone().unwrap_or_else(|| case.situation_json.clone());
        let file = path.display().to_string();
        let probe = hires::HireRow {
            row: 0,
            name: case.name.clone(),
            situation: case.situation.clone(),
            situation_json: typed_json.clone(),
        };
        // Planned before the transaction (a new case's plan does not depend
        // on the workspace), so the write lock is held only for the check
        // and the write.
        let rules = self.bundle();
        let new = self.planned(
            &case.name,
            &case.situation,
            &case.situation_json,
            draft,
            &case.notes,
            v,
        );
        // One transaction: the check sees every case committed before it,
        // and nothing commits in between.
        let mut tx = self.store.begin()?;
        let matched = matches_of(&mut *tx, std::slice::from_ref(&probe))?
            .pop()
            .flatten();
        let done = match (&matched, on_duplicate) {
            (None, _) => OnDuplicate::New,
            (Some(d), OnDuplicate::Ask) => {
                let text = match d.matched_by {
                    MatchedBy::Reference => Msg::new("app.case_file_duplicate.reference"),
                    MatchedBy::NameAndBirthDate => Msg::new("app.case_file_duplicate.person"),
                }
                .with("file", file_name(path))
                .with("id", d.case_id)
                .with("name", d.case_name.clone());
                return Err(AppError {
                    path: Some(file),
                    ..AppError::written("duplicate", &text, v.lang)
                });
            }
            (Some(_), choice) => choice,
        };
        let id = match (&matched, done) {
            (Some(d), OnDuplicate::Skip) => {
                drop(tx);
                d.case_id
            }
            (Some(d), OnDuplicate::Update) => {
                // The file is laid over the case as the user left it.
                let (rec, mut typed) = as_left(&mut *tx, d.case_id)?;
                let patch: serde_json::Value = serde_json::from_str(&typed_json)
                    .map_err(|e| AppError::new("internal", e.to_string()))?;
                overlay(&mut typed, patch);
                let (situation, draft) = drafts::read(&typed, v.lang)?;
                let p = plan(&situation, &rules.rules, &v.options());
                let written = cases::write_case(
                    &mut *tx,
                    d.case_id,
                    &situation,
                    draft.as_ref(),
                    &p,
                    Some(&rec.updated_at),
                    &typed,
                    v.lang,
                )?;
                crate::audit::append(
                    &mut *tx,
                    Some(d.case_id),
                    "import_update",
                    written.audit,
                    serde_json::json!({ "file": file }),
                )?;
                tx.commit()?;
                d.case_id
            }
            _ => {
                let id = cases::insert_in(&mut *tx, &new)?;
                crate::audit::append(
                    &mut *tx,
                    Some(id),
                    "import",
                    cases::named(&new.name),
                    serde_json::json!({ "file": file }),
                )?;
                tx.commit()?;
                id
            }
        };
        Ok(CaseImport {
            case: self.view(id, v)?,
            from_version: case.from_version,
            matched,
            done,
        })
    }
}

/// Live case `id` and its answers as the user left them, which an import
/// that updates it is laid over: its draft when it has one (so typed
/// answers stay), else its situation.
fn as_left(tx: &mut dyn Tx, id: i64) -> AppResult<(permit_store::CaseRecord, serde_json::Value)> {
    let rec = cases::live(tx, id)?;
    let base = rec.draft_json.as_deref().unwrap_or(&rec.situation_json);
    let typed = serde_json::from_str(base)
        .map_err(|e| AppError::new("damaged", format!("case {id}: {e}")))?;
    Ok((rec, typed))
}

/// An encrypted case file's refusal, naming the file.
pub(crate) fn seal_error(path: &Path, e: permit_batch::sealed::SealError) -> AppError {
    use permit_batch::sealed::SealError;
    let kind = match &e {
        SealError::NeedsKey => "needs_key",
        SealError::WrongKey => "wrong_key",
        SealError::Damaged(_) => "invalid_file",
        SealError::BadKey(_) => "invalid_input",
    };
    AppError {
        kind: kind.into(),
        message: format!("{}: {e}; nothing was imported or written", path.display()),
        path: Some(path.display().to_string()),
        fields: vec![],
        lang: None,
    }
}

/// For each row, the live case of the workspace it matches, if any: the
/// same reference, else the same applicant name and birth date (names
/// and references compared ignoring case, accents and extra spaces).
pub(crate) fn matches_of(
    tx: &mut dyn Tx,
    rows: &[hires::HireRow],
) -> AppResult<Vec<Option<DuplicateRow>>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut by_reference = std::collections::HashMap::new();
    let mut by_person = std::collections::HashMap::new();
    for (id, name, json) in tx.live_situations()? {
        let l = Labels::of(&json);
        if let Some(k) = l.reference() {
            by_reference.entry(k).or_insert((id, name.clone()));
        }
        if let Some(k) = l.person() {
            by_person.entry(k).or_insert((id, name));
        }
    }
    Ok(rows
        .iter()
        .map(|r| {
            let l = Labels::of(&r.situation_json);
            let found = l
                .reference()
                .and_then(|k| by_reference.get(&k))
                .map(|c| (c, MatchedBy::Reference))
                .or_else(|| {
                    l.person()
                        .and_then(|k| by_person.get(&k))
                        .map(|c| (c, MatchedBy::NameAndBirthDate))
                });
            found.map(|((id, name), matched_by)| DuplicateRow {
                row: r.row,
                name: r.name.clone(),
                case_id: *id,
                case_name: name.clone(),
                matched_by,
            })
        })
        .collect())
}
