//! The command line's many-cases commands, on the same workspace as the
//! desktop app: `import`, `batch`, `ics`, `case export|import`, `cases`,
//! `template save|list|apply`. One more front end of the service layer
//! ([`Workspace`]): this file reads arguments and words the results; the
//! work (and every error, mapped once by `From<AppError>`) is the app's.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use permit_batch::hires::{self, Mode};

use crate::cli::{escape_cell, escape_controls, CliError};
use crate::cli_args::Args;
use crate::workspace::{ImportOptions, ImportReport, ListQuery, MatchedBy, OnDuplicate, Workspace};

fn usage(m: impl Into<String>) -> CliError {
    CliError::Usage(m.into())
}

fn io(path: &Path, message: impl std::fmt::Display) -> CliError {
    CliError::Io {
        path: path.to_owned(),
        message: message.to_string(),
    }
}

/// Reads a whole input file of at most `max` bytes.
fn read(path: &Path, max: u64) -> Result<Vec<u8>, CliError> {
    permit_files::read_limited(path, max).map_err(|e| io(path, e))
}

/// What the import did beyond creating cases (cases updated, rows skipped)
/// and how the cases came out: a form found, answers needed, or not covered
/// by the pages (those two with their rows); a line each, none when zero.
fn details(report: &ImportReport) -> String {
    use permit_core::plan::CoverageStatus;
    let rows = |status: CoverageStatus| {
        let named: Vec<String> = report
            .cases
            .iter()
            .filter(|c| c.coverage == Some(status))
            .map(|c| format!("row {} ({})", c.row, c.name))
            .collect();
        format!(": {}", listed(&named, ", "))
    };
    let cases = |n| count(n, "case", "cases");
    [
        (
            report.updated,
            format!("\nupdated {} from their rows", cases(report.updated)),
        ),
        (
            report.skipped,
            format!(
                "\nskipped {} matching cases already in the workspace",
                count(report.skipped, "row", "rows")
            ),
        ),
        (
            report.form_found,
            format!("\n  form found: {}", cases(report.form_found)),
        ),
        (
            report.needs_answers,
            format!(
                "\n  needs answers before a form can be named: {}{}",
                cases(report.needs_answers),
                rows(CoverageStatus::NeedsAnswers)
            ),
        ),
        (
            report.not_covered,
            format!(
                "\n  not covered by the pages (no form): {}{}",
                cases(report.not_covered),
                rows(CoverageStatus::NotCovered)
            ),
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(_, line)| line)
    .collect()
}

/// At most [`LISTED`] of `items`, joined by `sep`, then how many more.
fn listed(items: &[String], sep: &str) -> String {
    let mut o = items[..items.len().min(LISTED)].join(sep);
    if items.len() > LISTED {
        o.push_str(&format!("{sep}and {} more", items.len() - LISTED));
    }
    o
}

/// How many rows a line of the import's report names before "and N more".
const LISTED: usize = 10;

/// The cases `--case` names (`None`: every active case).
fn ids(a: &Args) -> Option<&[i64]> {
    (!a.cases.is_empty()).then_some(a.cases.as_slice())
}

/// "1 case", "2 cases".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Cases left out because their stored data is damaged, named on standard
/// error (the others go on).
fn note_skipped(skipped: &[String]) {
    for s in skipped {
        eprintln!("skipped: {}", escape_controls(s));
    }
}

/// Runs a many-cases command with its options (read by
/// [`crate::cli_args`]).
pub fn execute(command: &str, a: &Args) -> Result<String, CliError> {
    match command {
        "import" => import(a),
        "batch" => batch(a),
        "ics" => calendar(a),
        "cases" => list(a),
        "case" => match a.positional.first().map(String::as_str) {
            Some("export") => case_export(a),
            Some("import") => case_import(a),
            _ => Err(usage(
                "expected `case export <ID> -o <file>` or `case import <file>`",
            )),
        },
        "template" => template(a),
        "key" => crate::cli_key::execute(a),
        other => Err(usage(format!("unknown command `{other}`"))),
    }
}

fn import(a: &Args) -> Result<String, CliError> {
    if a.template {
        return Ok(Workspace::csv_template(a.view().lang));
    }
    if a.columns {
        return Ok(hires::columns_help(a.view().lang));
    }
    let [file] = a.positional.as_slice() else {
        return Err(usage(
            "`import` needs one CSV file (or --template to print the template)",
        ));
    };
    let path = PathBuf::from(file);
    let mode = a.mode.unwrap_or_default();
    // Without a choice, a row that matches a case is imported as new (as
    // before), with a note naming the matches.
    let on_duplicate = a.on_duplicate.unwrap_or(OnDuplicate::New);
    let opts = ImportOptions {
        valid_rows: mode == Mode::ValidRows,
        template: a.apply_template.clone(),
        on_duplicate,
    };
    let mut ws = a.open()?;
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message(format!("importing {}…", path.display()));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let report = ws.import_hires(&path, &opts, a.view());
    spinner.finish_and_clear();
    let report = report?;
    let matches = || {
        let lines: Vec<String> = report
            .duplicates
            .iter()
            .map(|d| {
                format!(
                    "row {} ({}) = case {} ({}), same {}",
                    d.row,
                    d.name,
                    d.case_id,
                    d.case_name,
                    match d.matched_by {
                        MatchedBy::Reference => "reference",
                        MatchedBy::NameAndBirthDate => "applicant name and birth date",
                    }
                )
            })
            .collect();
        format!("\n  {}", listed(&lines, "\n  "))
    };
    if report.needs_choice {
        return Err(CliError::Problems(format!(
            "{} of {} {} cases already in the workspace; imported nothing. \
             Choose --on-duplicate skip, update or new:{}",
            count(report.duplicates.len(), "row", "rows"),
            report.file,
            if report.duplicates.len() == 1 {
                "matches"
            } else {
                "match"
            },
            matches()
        )));
    }
    if on_duplicate == OnDuplicate::New && !report.duplicates.is_empty() {
        eprintln!(
            "{}",
            escape_controls(&format!(
                "note: {} {} cases already in the workspace and {} imported as new cases \
                 (--on-duplicate skip or update to do otherwise):{}",
                count(report.duplicates.len(), "row", "rows"),
                if report.duplicates.len() == 1 {
                    "matches"
                } else {
                    "match"
                },
                if report.duplicates.len() == 1 {
                    "was"
                } else {
                    "were"
                },
                matches()
            ))
        );
    }
    let done = match (report.ids.first(), report.ids.last()) {
        (Some(f), Some(l)) => format!(
            "imported {} (ids {f}–{l}) into {}",
            count(report.ids.len(), "case", "cases"),
            ws.info()?.path
        ),
        _ => "imported nothing".to_owned(),
    };
    let details = details(&report);
    if report.problems.is_empty() {
        return Ok(format!("{done}{details}\n"));
    }
    let bad = {
        let mut rows: Vec<usize> = report.problems.iter().filter_map(|p| p.row).collect();
        rows.dedup();
        rows.len()
    };
    let why = if report.file_level {
        "the file as a whole cannot be read".to_owned()
    } else if mode == Mode::AllOrNothing {
        format!(
            "all or nothing; fix the rows, or use --valid-rows to import the {}",
            count(report.valid, "good row", "good rows")
        )
    } else {
        format!(
            "--valid-rows: {} with problems left out",
            count(bad, "row", "rows")
        )
    };
    let mut listed = String::new();
    for p in &report.problems {
        listed.push_str(&format!("\n{}: {p}", report.file));
    }
    Err(CliError::Problems(format!(
        "{} in {} ({done}; {why}):{listed}{details}",
        count(report.problems.len(), "problem", "problems"),
        report.file,
    )))
}

fn batch(a: &Args) -> Result<String, CliError> {
    let out = a
        .out
        .clone()
        .ok_or_else(|| usage("`batch` needs `--out <DIR>`"))?;
    let mut ws = a.open()?;
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} cases · {elapsed} (about {eta} left)",
    ) {
        bar.set_style(style);
    }
    let result = ws.batch_export(
        ids(a),
        None,
        &out,
        a.view(),
        if a.force {
            permit_files::Replace::Yes
        } else {
            permit_files::Replace::No
        },
        |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
        &AtomicBool::new(false),
    );
    bar.finish_and_clear();
    let result = result?;
    note_skipped(&result.skipped);
    let mut msg = format!(
        "exported {} to {} (plan JSON and PDF each; summary in summary.csv)\n",
        count(result.written + result.failed, "case", "cases"),
        out.display()
    );
    for e in &result.errors {
        msg.push_str(&format!("note: {e}\n"));
    }
    Ok(msg)
}

fn calendar(a: &Args) -> Result<String, CliError> {
    let out = a.out("ics")?.to_owned();
    a.check_out(&out, permit_files::Kind::Calendar)?;
    let mut ws = a.open()?;
    let r = ws.export_ics(ids(a), None, &out, a.view())?;
    note_skipped(&r.skipped);
    Ok(format!(
        "wrote {}: {} of {}\n",
        out.display(),
        count(r.events, "deadline", "deadlines"),
        count(r.cases, "case", "cases")
    ))
}

fn list(a: &Args) -> Result<String, CliError> {
    let ws = a.open()?;
    let page = ws.list(
        &ListQuery {
            sort: Some(crate::kinds::ListSort::Deadline),
            search: a.search.clone(),
            readiness: a.ready,
            ..ListQuery::default()
        },
        &a.view(),
    )?;
    let mut o = format!(
        "{:>6}  {:<10}  {:<8}  {:<14}  name\n",
        "id", "next", "status", "reference"
    );
    for c in page.rows {
        o.push_str(&format!(
            "{:>6}  {:<10}  {:<8}  {:<14}  {}\n",
            c.id,
            c.digest
                .next_date()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            c.status,
            escape_cell(c.digest.reference.as_deref().unwrap_or("")),
            escape_cell(&c.name)
        ));
    }
    if a.ready.is_none() && a.search.is_none() {
        let counts = ws.readiness_counts(a.today())?;
        let line: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", c.group.id(), c.count))
            .collect();
        // On standard error: standard output stays the table, one line per case.
        eprintln!("ready on {}: {}", a.today(), line.join(", "));
    }
    Ok(o)
}

fn one_id(a: &Args, what: &str) -> Result<i64, CliError> {
    match (a.positional.get(1), a.cases.as_slice()) {
        (Some(v), []) => v
            .parse()
            .map_err(|_| usage(format!("`{v}` is not a case id"))),
        (None, [id]) => Ok(*id),
        _ => Err(usage(format!("`{what}` needs one case id"))),
    }
}

fn case_export(a: &Args) -> Result<String, CliError> {
    let id = one_id(a, "case export")?;
    let out = a.out("case export")?.to_owned();
    a.check_out(&out, permit_files::Kind::Json)?;
    let mut ws = a.open()?;
    let name = ws.get(id, a.view())?.name;
    crate::cli_key::export_case(&mut ws, id, &out, a)?;
    Ok(format!("wrote {} (case {id}, {name})\n", out.display()))
}

fn case_import(a: &Args) -> Result<String, CliError> {
    let [_, file] = a.positional.as_slice() else {
        return Err(usage("`case import` needs one case file"));
    };
    let mut ws = a.open()?;
    let done = match crate::cli_key::import_case(&mut ws, Path::new(file), a) {
        // `--on-duplicate ask`: nothing imported; say how to choose.
        Err(CliError::App(mut e)) if e.kind == crate::kinds::ErrorKind::Duplicate => {
            e.message.push_str(" (--on-duplicate skip, update or new)");
            return Err(CliError::App(e));
        }
        other => other?,
    };
    let migrated = if done.from_version < permit_batch::case_file::VERSION {
        format!(" (migrated from version {})", done.from_version)
    } else {
        String::new()
    };
    let same = |d: &crate::workspace::DuplicateRow| {
        format!(
            "case {} ({}), same {}",
            d.case_id,
            d.case_name,
            match d.matched_by {
                MatchedBy::Reference => "reference",
                MatchedBy::NameAndBirthDate => "applicant name and birth date",
            }
        )
    };
    Ok(match (&done.matched, done.done) {
        (Some(d), OnDuplicate::Skip) => {
            format!("imported nothing: {file} matches {}\n", same(d))
        }
        (Some(d), OnDuplicate::Update) => {
            format!("updated {} from {file}{migrated}\n", same(d))
        }
        (Some(d), _) => {
            eprintln!(
                "{}",
                escape_controls(&format!(
                    "note: {file} matches {} and was imported as a new case \
                     (--on-duplicate skip or update to do otherwise)",
                    same(d)
                ))
            );
            format!(
                "imported case {} ({}){migrated}\n",
                done.case.id, done.case.name
            )
        }
        (None, _) => format!(
            "imported case {} ({}){migrated}\n",
            done.case.id, done.case.name
        ),
    })
}

fn template(a: &Args) -> Result<String, CliError> {
    match a.positional.first().map(String::as_str) {
        Some("list") => {
            let mut o = String::new();
            for t in a.open()?.templates()? {
                o.push_str(&format!(
                    "{} ({})\n",
                    t.name,
                    count(t.items.len(), "item", "items")
                ));
                for i in t.items {
                    o.push_str(&format!("    - {i}\n"));
                }
            }
            Ok(o)
        }
        Some("save") => {
            let [_, name, file] = a.positional.as_slice() else {
                return Err(usage("`template save` needs a name and a file of items"));
            };
            let path = PathBuf::from(file);
            let text = String::from_utf8(read(&path, permit_core::limits::MAX_TEMPLATE_BYTES)?)
                .map_err(|_| io(&path, "not UTF-8 text; save it as UTF-8"))?;
            let t = a.open()?.template_save(name, &text, a.view().lang)?;
            Ok(format!(
                "saved template `{}` ({})\n",
                t.name,
                count(t.items.len(), "item", "items")
            ))
        }
        Some("apply") => {
            let [_, name] = a.positional.as_slice() else {
                return Err(usage("`template apply` needs a template name and --case ID"));
            };
            if a.cases.is_empty() {
                return Err(usage("`template apply` needs --case ID"));
            }
            let mut ws = a.open()?;
            let mut o = String::new();
            for &id in &a.cases {
                let before = ws.get(id, a.view())?.situation.documents.len();
                let after = ws.template_apply(name, id, None, a.view())?;
                let added = after.situation.documents.len().saturating_sub(before);
                o.push_str(&format!(
                    "case {id}: added {} of `{name}`\n",
                    count(added, "item", "items")
                ));
            }
            Ok(o)
        }
        _ => Err(usage(
            "expected `template save <NAME> <file>`, `template list` or `template apply <NAME> --case <ID>`",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_line_names_ten_rows_then_how_many_more() {
        let rows = |n: usize| (1..=n).map(|i| format!("row {i}")).collect::<Vec<_>>();
        assert_eq!(listed(&rows(LISTED), ", "), rows(LISTED).join(", "));
        let eleven = listed(&rows(LISTED + 1), ", ");
        assert!(eleven.ends_with("row 10, and 1 more"), "{eleven}");
        assert!(!eleven.contains("row 11"));
        assert_eq!(listed(&[], ", "), "");
    }
}
