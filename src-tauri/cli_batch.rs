//! The command line's many-cases commands, on the same workspace store as
//! the desktop app: `import`, `batch`, `ics`, `case export|import`, `cases`,
//! `template save|list|apply`. Thin front ends over [`permit_batch`].

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use permit_batch::batch::{BatchCase, BatchOptions};
use permit_batch::hires::{self, Mode};
use permit_batch::{case_file, ics, templates};
use permit_core::{plan, Lang, Options, Plan, Situation};
use permit_store::{ListFilter, Sort, Store};

use crate::cli::CliError;

/// Whether `command` is one of the many-cases commands.
pub fn handles(command: &str) -> bool {
    matches!(
        command,
        "import" | "batch" | "ics" | "case" | "cases" | "template"
    )
}

fn usage(m: impl Into<String>) -> CliError {
    CliError::Usage(m.into())
}

fn io(path: &Path, message: impl std::fmt::Display) -> CliError {
    CliError::Io {
        path: path.to_owned(),
        message: message.to_string(),
    }
}

fn store_err(e: permit_store::StoreError) -> CliError {
    CliError::Store(e)
}

#[derive(Default)]
struct Args {
    positional: Vec<String>,
    store: Option<PathBuf>,
    out: Option<PathBuf>,
    cases: Vec<i64>,
    lang: Option<Lang>,
    today: Option<NaiveDate>,
    mode: Option<Mode>,
    template: bool,
    columns: bool,
    apply_template: Option<String>,
    force: bool,
}

fn parse(args: &[String]) -> Result<Args, CliError> {
    let mut a = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| usage(format!("`{name}` needs a value")))
        };
        match arg.as_str() {
            "--store" => a.store = Some(PathBuf::from(value("--store")?)),
            "-o" | "--output" | "--out" => a.out = Some(PathBuf::from(value(arg)?)),
            "--case" => {
                let v = value("--case")?;
                a.cases.push(
                    v.parse()
                        .map_err(|_| usage(format!("--case `{v}`: expected a case id")))?,
                );
            }
            "--lang" => {
                a.lang = Some(match value("--lang")?.as_str() {
                    "en" => Lang::En,
                    "da" => Lang::Da,
                    v => return Err(usage(format!("--lang `{v}`: expected `en` or `da`"))),
                })
            }
            "--today" => {
                let v = value("--today")?;
                a.today = Some(
                    permit_core::situation::parse_iso_date(&v)
                        .map_err(|m| usage(format!("--today: {m}")))?,
                );
            }
            "--all-or-nothing" | "--valid-rows" => {
                let m = if arg == "--valid-rows" {
                    Mode::ValidRows
                } else {
                    Mode::AllOrNothing
                };
                if a.mode.replace(m).is_some_and(|old| old != m) {
                    return Err(usage("choose one of --all-or-nothing and --valid-rows"));
                }
            }
            "--template" => a.template = true,
            "--force" => a.force = true,
            "--columns" => a.columns = true,
            "--apply-template" => a.apply_template = Some(value("--apply-template")?),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(usage(format!("unknown option `{s}`")))
            }
            s => a.positional.push(s.to_owned()),
        }
    }
    Ok(a)
}

impl Args {
    fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
    fn options(&self) -> Options {
        Options {
            today: self.today(),
            lang: self.lang.unwrap_or_default(),
        }
    }
    fn open(&self) -> Result<Store, CliError> {
        let path = self
            .store
            .clone()
            .unwrap_or_else(permit_store::default_path);
        Store::open(path).map_err(store_err)
    }
    /// Checks that `out` may receive an output of `kind` (never the
    /// workspace in use or an input; see [`crate::cli::check_output`]).
    fn check_out(&self, out: &Path, kind: permit_files::Kind) -> Result<(), CliError> {
        crate::cli::check_output(out, kind, self.store.as_deref(), &[], self.force)
    }
    fn out(&self, command: &str) -> Result<&Path, CliError> {
        self.out
            .as_deref()
            .ok_or_else(|| usage(format!("`{command}` needs `-o <file>`")))
    }
}

/// What the desktop app keeps beside a case (its digest of the plan, see
/// `workspace::CaseDigest`) and the next act-by deadline, so that cases
/// made here show in the app's case list like its own.
pub fn app_meta(p: &Plan) -> (String, Option<NaiveDate>) {
    let digest = crate::workspace::digest_of(p);
    let date = digest.next.as_ref().map(|n| n.date);
    (
        serde_json::to_string(&digest).expect("a digest serialises"),
        date,
    )
}

/// Reads a whole input file of at most `max` bytes.
fn read(path: &Path, max: u64) -> Result<Vec<u8>, CliError> {
    permit_files::read_limited(path, max).map_err(|e| io(path, e))
}

/// A situation with checklist items of a template added, checked again (an
/// item may take the documents past their limit: an error, not a panic).
fn with_items(
    s: &Situation,
    items: &[templates::TemplateItem],
    what: &str,
) -> Result<(Situation, usize), CliError> {
    let mut raw = s.raw().clone();
    let added = templates::apply(&mut raw, items);
    let checked = Situation::check(raw).map_err(|errors| {
        CliError::Input(permit_core::InputError {
            source_name: what.to_owned(),
            errors,
        })
    })?;
    Ok((checked, added))
}

fn source_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn load_template(store: &Store, name: &str) -> Result<Vec<templates::TemplateItem>, CliError> {
    let t = store
        .get_template(name)
        .map_err(store_err)?
        .ok_or_else(|| {
            usage(format!(
                "no template called `{name}`; see `permit-packet template list`"
            ))
        })?;
    serde_json::from_str(&t.items_json)
        .map_err(|e| io(store.path(), format!("template `{name}` is damaged: {e}")))
}

/// Runs a many-cases command (`args[0]` is the command).
pub fn execute(args: &[String]) -> Result<String, CliError> {
    let command = args[0].as_str();
    let a = parse(&args[1..])?;
    match command {
        "import" => import(&a),
        "batch" => batch(&a),
        "ics" => calendar(&a),
        "cases" => list(&a),
        "case" => match a.positional.first().map(String::as_str) {
            Some("export") => case_export(&a),
            Some("import") => case_import(&a),
            _ => Err(usage(
                "expected `case export <ID> -o <file>` or `case import <file>`",
            )),
        },
        "template" => template(&a),
        other => Err(usage(format!("unknown command `{other}`"))),
    }
}

fn import(a: &Args) -> Result<String, CliError> {
    if a.template {
        return Ok(hires::template_csv());
    }
    if a.columns {
        return Ok(hires::columns_help());
    }
    let [file] = a.positional.as_slice() else {
        return Err(usage(
            "`import` needs one CSV file (or --template to print the template)",
        ));
    };
    let path = PathBuf::from(file);
    let bytes = read(&path, permit_core::limits::MAX_CSV_BYTES)?;
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message(format!("checking {}…", source_name(&path)));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let parsed = hires::parse(&bytes, &source_name(&path));
    let mode = a.mode.unwrap_or_default();
    let mut store = a.open()?;
    let items = match &a.apply_template {
        Some(name) => Some(load_template(&store, name)?),
        None => None,
    };
    let rows = hires::rows_to_import(&parsed, mode);
    let today = a.today();
    spinner.set_message(format!("planning {} case(s)…", rows.len()));
    let cases: Vec<permit_store::NewCase> = rows
        .iter()
        .map(|r| {
            let mut row = r.clone();
            if let Some(items) = &items {
                let (s, _) = with_items(&row.situation, items, &format!("row {}", r.row))?;
                row.situation_json = serde_json::to_string(s.raw())
                    .map_err(|e| io(&path, format!("row {}: {e}", r.row)))?;
                row.situation = s;
            }
            Ok(row.to_new_case(today, &app_meta))
        })
        .collect::<Result<_, CliError>>()?;
    spinner.set_message(format!("saving {} case(s)…", cases.len()));
    let ids = if cases.is_empty() {
        Vec::new()
    } else {
        store.import_cases(&cases).map_err(store_err)?
    };
    spinner.finish_and_clear();
    let done = match (ids.first(), ids.last()) {
        (Some(f), Some(l)) => format!(
            "imported {} case{} (ids {f}–{l}) into {}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            store.path().display()
        ),
        _ => "imported nothing".to_owned(),
    };
    if parsed.problems.is_empty() {
        return Ok(format!("{done}\n"));
    }
    let bad = parsed.rows_with_problems().len();
    let why = if parsed.file_level {
        "the file as a whole cannot be read".to_owned()
    } else if mode == Mode::AllOrNothing {
        format!(
            "all or nothing; fix the rows, or use --valid-rows to import the {} good row{}",
            parsed.rows.len(),
            if parsed.rows.len() == 1 { "" } else { "s" }
        )
    } else {
        format!("--valid-rows: {bad} row(s) with problems left out")
    };
    Err(CliError::Problems(format!(
        "{} problem{} in {} ({done}; {why}):\n{}",
        parsed.problems.len(),
        if parsed.problems.len() == 1 { "" } else { "s" },
        parsed.source_name,
        parsed.report().trim_end()
    )))
}

/// The live cases `a.cases` names (all live active cases when none), with
/// their checked situations; cases whose situation cannot be read are
/// skipped with a note on standard error.
fn selected(a: &Args, store: &Store) -> Result<Vec<BatchCase>, CliError> {
    let ids: Vec<i64> = if a.cases.is_empty() {
        store
            .list_cases(
                &ListFilter {
                    status: Some(permit_store::STATUS_ACTIVE.into()),
                    ..ListFilter::default()
                },
                Sort::Name,
            )
            .map_err(store_err)?
            .into_iter()
            .map(|c| c.id)
            .collect()
    } else {
        a.cases.clone()
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let rec = match store.get_case(id) {
            Ok(rec) => rec,
            // One damaged case does not stop the others: named, skipped.
            Err(e @ permit_store::StoreError::Damaged { .. }) => {
                eprintln!("skipped: {}", crate::cli::escape_controls(&e.to_string()));
                continue;
            }
            Err(e) => return Err(store_err(e)),
        };
        if rec.deleted {
            return Err(usage(format!("case {id} is deleted")));
        }
        match Situation::from_json(&rec.situation_json, &format!("case {id}")) {
            Ok(situation) => out.push(BatchCase {
                id,
                name: rec.name,
                situation,
            }),
            Err(e) => eprintln!(
                "{}",
                crate::cli::escape_controls(&format!("skipped case {id} ({}): {e}", rec.name))
            ),
        }
    }
    Ok(out)
}

fn batch(a: &Args) -> Result<String, CliError> {
    let out = a
        .out
        .clone()
        .ok_or_else(|| usage("`batch` needs `--out <DIR>`"))?;
    let store = a.open()?;
    let cases = selected(a, &store)?;
    let bar = indicatif::ProgressBar::new(cases.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} cases · {elapsed} (about {eta} left)",
        )
        .expect("a valid template"),
    );
    let pdf = |p: &Plan, d: NaiveDate| {
        permit_pdf::render(&crate::export::checklist_document(p, d))
            .map(|r| r.bytes)
            .map_err(|e| e.to_string())
    };
    let report = permit_batch::batch::export(
        &cases,
        &BatchOptions {
            out_dir: out.clone(),
            lang: a.lang.unwrap_or_default(),
            today: a.today(),
            durable: false,
        },
        &pdf,
        &|p| bar.set_position(p.done as u64),
        &AtomicBool::new(false),
    )
    .map_err(|e| io(&e.path, e.message))?;
    bar.finish_and_clear();
    let failed: Vec<String> = report
        .rows
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| format!("case {}: {e}", r.case_id)))
        .collect();
    let mut msg = format!(
        "exported {} case{} to {} (plan JSON and PDF each; summary in summary.csv)\n",
        report.rows.len(),
        if report.rows.len() == 1 { "" } else { "s" },
        out.display()
    );
    for f in failed {
        msg.push_str(&format!("note: {f}\n"));
    }
    Ok(msg)
}

fn calendar(a: &Args) -> Result<String, CliError> {
    let out = a.out("ics")?.to_owned();
    a.check_out(&out, permit_files::Kind::Calendar)?;
    let store = a.open()?;
    let cases = selected(a, &store)?;
    let opts = a.options();
    let (text, events) = ics::calendar_of(&cases, &opts, chrono::Utc::now());
    crate::cli::write_output(&out, text.as_bytes())?;
    Ok(format!(
        "wrote {}: {events} deadline{} of {} case{}\n",
        out.display(),
        if events == 1 { "" } else { "s" },
        cases.len(),
        if cases.len() == 1 { "" } else { "s" }
    ))
}

fn list(a: &Args) -> Result<String, CliError> {
    let store = a.open()?;
    let cases = store
        .list_cases(&ListFilter::default(), Sort::NearestDeadline)
        .map_err(store_err)?;
    let mut o = format!("{:>6}  {:<10}  {:<8}  name\n", "id", "next", "status");
    for c in cases {
        o.push_str(&format!(
            "{:>6}  {:<10}  {:<8}  {}\n",
            c.id,
            c.next_deadline.map(|d| d.to_string()).unwrap_or_default(),
            c.status,
            c.name
        ));
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
    let store = a.open()?;
    let rec = store.get_case(id).map_err(store_err)?;
    let situation = Situation::from_json(&rec.situation_json, &format!("case {id}"))?;
    let text = case_file::export(
        &rec.name,
        &situation,
        &rec.notes,
        Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
    )
    .map_err(|e| io(&out, e))?;
    crate::cli::write_output(&out, text.as_bytes())?;
    Ok(format!(
        "wrote {} (case {id}, {})\n",
        out.display(),
        rec.name
    ))
}

fn case_import(a: &Args) -> Result<String, CliError> {
    let [_, file] = a.positional.as_slice() else {
        return Err(usage("`case import` needs one case file"));
    };
    let path = PathBuf::from(file);
    let bytes = read(&path, permit_core::limits::MAX_SITUATION_BYTES)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        io(
            &path,
            "not UTF-8 text: damaged, or not a Permit Packet case file",
        )
    })?;
    let case = case_file::import(&text, &path.display().to_string()).map_err(|e| match e {
        case_file::CaseFileError::Situation(e) => CliError::Input(e),
        other => CliError::Problems(other.to_string()),
    })?;
    let p = plan(
        &case.situation,
        &crate::workspace::rules_in_force().rules,
        &a.options(),
    );
    let (checklist_json, next_deadline) = app_meta(&p);
    let mut store = a.open()?;
    let ids = store
        .import_cases(&[permit_store::NewCase {
            name: case.name.clone(),
            situation_json: case.situation_json,
            checklist_json,
            notes: case.notes,
            next_deadline,
        }])
        .map_err(store_err)?;
    let migrated = if case.from_version < case_file::VERSION {
        format!(" (migrated from version {})", case.from_version)
    } else {
        String::new()
    };
    Ok(format!(
        "imported case {} ({}){migrated}\n",
        ids[0], case.name
    ))
}

fn template(a: &Args) -> Result<String, CliError> {
    match a.positional.first().map(String::as_str) {
        Some("list") => {
            let store = a.open()?;
            let mut o = String::new();
            for t in store.list_templates().map_err(store_err)? {
                let items: Vec<templates::TemplateItem> =
                    serde_json::from_str(&t.items_json).unwrap_or_default();
                o.push_str(&format!("{} ({} items)\n", t.name, items.len()));
                for i in items {
                    o.push_str(&format!("    - {}\n", i.name));
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
            let items = templates::parse_items(&text).map_err(|m| io(&path, m))?;
            let mut store = a.open()?;
            store
                .save_template(name, &templates::items_json(&items))
                .map_err(store_err)?;
            Ok(format!("saved template `{}` ({} items)\n", name.trim(), items.len()))
        }
        Some("apply") => {
            let [_, name] = a.positional.as_slice() else {
                return Err(usage("`template apply` needs a template name and --case ID"));
            };
            if a.cases.is_empty() {
                return Err(usage("`template apply` needs --case ID"));
            }
            let mut store = a.open()?;
            let items = load_template(&store, name)?;
            let mut o = String::new();
            for &id in &a.cases {
                let rec = store.get_case(id).map_err(store_err)?;
                let s = Situation::from_json(&rec.situation_json, &format!("case {id}"))?;
                let (s, added) = with_items(&s, &items, &format!("case {id}"))?;
                let p = plan(&s, &crate::workspace::rules_in_force().rules, &a.options());
                let (digest, next) = app_meta(&p);
                let json = serde_json::to_string(s.raw())
                    .map_err(|e| io(store.path(), format!("case {id}: {e}")))?;
                store
                    .update_case(id, &json, &digest, next, Some(&rec.updated_at))
                    .map_err(store_err)?;
                o.push_str(&format!("case {id}: added {added} item(s) of `{name}`\n"));
            }
            Ok(o)
        }
        _ => Err(usage(
            "expected `template save <NAME> <file>`, `template list` or `template apply <NAME> --case <ID>`",
        )),
    }
}
