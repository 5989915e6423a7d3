//! The `permit-packet` command line: a thin front end over [`permit_core`].
//!
//! ```text
//! permit-packet plan <situation.json> [--format json|text] [--lang en|da] [--today YYYY-MM-DD]
//! permit-packet explain <situation.json> [--lang en|da] [--today YYYY-MM-DD]
//! permit-packet pdf <situation.json> -o <checklist.pdf> [--lang en|da] [--today YYYY-MM-DD]
//! ```
//!
//! Exit codes: 0 success, 1 the situation file has errors, 2 wrong usage,
//! 3 a file could not be read or written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use permit_core::plan::{CheckStatus, DeadlineStatus, Reason, Severity};
use permit_core::{Lang, Plan, Situation};

use crate::cli_args::Format;

/// Usage text.
pub const USAGE: &str = "\
permit-packet — plan a Danish residence and work permit application from the official pages

USAGE:
    permit-packet plan <situation.json> [--format json|text] [--lang en|da] [--today YYYY-MM-DD]
    permit-packet explain <situation.json> [--lang en|da] [--today YYYY-MM-DD]
    permit-packet pdf <situation.json> -o <checklist.pdf> [--lang en|da] [--today YYYY-MM-DD]
    permit-packet import <hires.csv> [--all-or-nothing | --valid-rows] [--apply-template NAME]
                         [--on-duplicate skip|update|new|ask]
    permit-packet import --template | --columns
    permit-packet batch --out <DIR> [--case ID]... [--lang en|da] [--today YYYY-MM-DD]
    permit-packet ics -o <deadlines.ics> [--case ID]... [--lang en|da] [--today YYYY-MM-DD]
    permit-packet case export <ID> -o <case.json> | case import <case.json>
    permit-packet cases [--search TEXT] [--ready GROUP]
    permit-packet template save <NAME> <items file> | template list | template apply <NAME> --case <ID>
    permit-packet rules status | verify <bundle> | diff <bundle> | install <bundle> | fetch <https://…>
                        | export -o <bundle>
    permit-packet --help | --version

COMMANDS:
    plan      Print the plan: forms, fee, biometrics, documents, dates, checks, warnings.
              JSON (format version 1, see docs/plan-format.md) unless --format text.
    explain   Print each conclusion with the quoted page text it rests on.
    pdf       Write the A4 checklist PDF (written to a temporary file, then renamed:
              a failed export leaves no partial file).
    import    Import hires from a CSV file (`import --template` prints the template,
              `--columns` what each column accepts) in one transaction: all rows or
              nothing (default), or --valid-rows. Every problem is listed, and how
              each case came out (form found, needs answers, not covered). A row that
              matches a case already in the workspace (same reference, or same
              applicant name and birth date) is imported as new and named, unless
              --on-duplicate says skip, update (the row's answers written into the
              case) or ask (import nothing, list the matches).
    batch     Plan JSON and checklist PDF of every active case (or each --case) into DIR,
              with summary.csv; a progress bar on standard error.
    ics       Calendar (RFC 5545) of every dated deadline, a reminder 3 days before each.
    case      Export a case to a portable file, or import one (older versions migrated).
    cases     List the cases of the workspace (id, next deadline, status, reference, name);
              --search keeps those whose name, reference, applicant or employer
              contains TEXT, ignoring case and accents (`lucia` finds `Lucía`);
              --ready keeps those in one group on --today (default today):
              may_submit_now, waiting_documents, not_yet, not_covered,
              needs_answers, blocked, submitted. Without --search or --ready, a
              count per group goes to standard error.
    template  Save, list or apply an organisation's own checklist items.
              These commands use the app's workspace, or --store <FILE>.
    rules     The rules in force (status); check a signed rules update (verify), what it
              would change for every case (diff), install it and re-plan every case
              (install; an older, damaged or foreign bundle is refused and nothing
              changes), fetch one from an https:// address and install it the same
              way (fetch), or write the installed bundle in force to a file (export).

OPTIONS:
    --format json|text   Output format of `plan` (default json).
    --lang en|da         Language of messages (default en). Quotes stay in the pages' English.
    --today YYYY-MM-DD   The date to count deadlines from (default: today's date);
                         also the PDF's generation date.
    -o, --output FILE    Where `pdf`, `ics` and `case export` write. Never over the
                         workspace or the input; an existing file of the same kind
                         only with --force (a file of another kind never).
    --force              Replace an existing output file of the same kind.

EXIT CODES:
    0 success · 1 the situation has errors (each printed as file:line:column: field: message)
    2 wrong usage · 3 a file could not be read or written
";

/// A failure of the command line, with its exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Wrong arguments.
    #[error("{0}\n\nRun `permit-packet --help` for usage.")]
    Usage(String),
    /// The situation has errors.
    #[error("{0}")]
    Input(#[from] permit_core::InputError),
    /// Problems found in an input file (import), listed in the message.
    #[error("{0}")]
    Problems(String),
    /// The service layer ([`crate::workspace::Workspace`]) refused or
    /// failed; its message names the file where there is one.
    #[error("{}", .0.message)]
    App(crate::workspace::AppError),
    /// An output was refused; nothing was written (the message names the file).
    #[error("{0}")]
    Output(#[from] permit_files::OutputError),
    /// A file could not be read or written.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

use crate::kinds::ErrorKind;

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Input(_) | CliError::Problems(_) => 1,
            CliError::Usage(_) => 2,
            CliError::App(e) => match e.kind {
                // The workspace or a file could not be read or written.
                ErrorKind::Io
                | ErrorKind::Locked
                | ErrorKind::Corrupt
                | ErrorKind::NewerVersion
                | ErrorKind::Conflict
                | ErrorKind::Internal
                // An output the guard refused (as `CliError::Output`).
                | ErrorKind::Refused => 3,
                // No such case or template: the command named it.
                ErrorKind::NotFound => 2,
                // What the user gave is wrong or refused (a situation, a
                // case file, a rules bundle): its problems are listed.
                _ => 1,
            },
            CliError::Io { .. } | CliError::Output(_) => 3,
        }
    }
}

/// The command line's one mapping of the service layer's errors.
impl From<crate::workspace::AppError> for CliError {
    fn from(e: crate::workspace::AppError) -> Self {
        CliError::App(e)
    }
}

struct Args {
    command: String,
    file: PathBuf,
    format: Format,
    lang: Lang,
    today: chrono::NaiveDate,
    output: Option<PathBuf>,
    force: bool,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, CliError> {
    let usage = |m: String| CliError::Usage(m);
    let Some(command) = args.first() else {
        return Err(usage("no command given".into()));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => return Ok(None),
        "-V" | "--version" => return Ok(None),
        "plan" | "explain" | "pdf" => {}
        other => {
            return Err(usage(format!(
                "unknown command `{other}`; expected `plan`, `explain`, `pdf`, `import`, `batch`, `ics`, `case`, `cases`, `template` or `rules`"
            )))
        }
    }
    let a = crate::cli_args::parse(
        &args[1..],
        &["--format", "--lang", "--today", "-o", "--output", "--force"],
    )?;
    let file = match a.positional.as_slice() {
        [f] => PathBuf::from(f),
        [] => return Err(usage(format!("`{command}` needs a situation file"))),
        _ => return Err(usage("give exactly one situation file".into())),
    };
    if command == "explain" && a.format.is_some_and(|f| f != Format::Json) {
        return Err(usage(
            "`explain` prints text; --format is for `plan`".into(),
        ));
    }
    if command == "pdf" && a.out.is_none() {
        return Err(usage("`pdf` needs `-o <file.pdf>`".into()));
    }
    if command != "pdf" && a.out.is_some() {
        return Err(usage("`-o` is for `pdf`".into()));
    }
    Ok(Some(Args {
        command: command.clone(),
        file,
        format: a.format.unwrap_or_default(),
        lang: a.lang.unwrap_or_default(),
        today: a.today(),
        output: a.out,
        force: a.force,
    }))
}

/// Reads and checks a situation file.
pub fn read_situation(path: &Path) -> Result<Situation, CliError> {
    let bytes = permit_files::read_limited(path, permit_core::limits::MAX_SITUATION_BYTES)
        .map_err(|e| CliError::Io {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
    let text = String::from_utf8(bytes).map_err(|e| CliError::Io {
        path: path.to_owned(),
        message: format!(
            "not UTF-8 text (invalid byte at offset {}); save the file as UTF-8",
            e.utf8_error().valid_up_to()
        ),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(Situation::from_json(text, &path.display().to_string())?)
}

/// Runs the command line and returns what to print on standard output.
pub fn execute(args: &[String]) -> Result<String, CliError> {
    // `--help` anywhere (`permit-packet import --help`) prints the usage of
    // every command; nothing else runs.
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(USAGE.to_owned());
    }
    if args.first().is_some_and(|c| c == "rules") {
        return crate::cli_rules::execute(&args[1..]);
    }
    if args.first().is_some_and(|c| crate::cli_batch::handles(c)) {
        return crate::cli_batch::execute(args);
    }
    let Some(a) = parse_args(args)? else {
        return Ok(
            if args.first().is_some_and(|a| a == "-V" || a == "--version") {
                crate::about::version_text(&permit_store::default_path())
            } else {
                USAGE.to_owned()
            },
        );
    };
    let situation = read_situation(&a.file)?;
    let view = crate::workspace::View {
        lang: a.lang,
        today: a.today,
    };
    let p = crate::workspace::Workspace::plan_of(&situation, view);
    if let (Some(out), "pdf") = (&a.output, a.command.as_str()) {
        let guard = crate::workspace::exports::Guard {
            workspace: None,
            inputs: &[&a.file],
            replace: a.force,
        };
        let written = crate::workspace::exports::write_plan_pdf(&p, a.today, out, &guard)?;
        let mut msg = format!("wrote {} ({} bytes)\n", out.display(), written.bytes);
        if !written.replaced.is_empty() {
            let chars: String = written.replaced.concat();
            let _ = writeln!(
                msg,
                "note: the font has no glyph for {chars:?}; shown as a replacement mark in the PDF"
            );
        }
        return Ok(msg);
    }
    Ok(match (a.command.as_str(), a.format) {
        ("explain", _) => explain_text(&p),
        (_, Format::Text) => plan_text(&p),
        (_, Format::Json) => {
            let mut s = serde_json::to_string_pretty(&p).map_err(|e| CliError::Io {
                path: a.file.clone(),
                message: format!("the plan cannot be written: {e}"),
            })?;
            s.push('\n');
            s
        }
    })
}

/// Refuses an output over the workspace in use (`store`, else the app's
/// default workspace), over an input of the command, or over an existing
/// file of another kind; an existing file of the same kind only with
/// `--force`. See [`permit_files::check_output`].
pub fn check_output(
    out: &Path,
    kind: permit_files::Kind,
    store: Option<&Path>,
    inputs: &[&Path],
    force: bool,
) -> Result<(), CliError> {
    let mut workspace = permit_files::workspace_files(&permit_store::default_path());
    if let Some(s) = store {
        workspace.extend(permit_files::workspace_files(s));
    }
    let replace = if force {
        permit_files::Replace::Yes
    } else {
        permit_files::Replace::No
    };
    Ok(permit_files::check_output(
        out, kind, &workspace, inputs, replace,
    )?)
}

/// Writes an output file atomically and privately
/// ([`permit_files::write_atomic`]); the error names the file once.
pub fn write_output(out: &Path, bytes: &[u8]) -> Result<(), CliError> {
    permit_files::write_atomic(out, bytes, true).map_err(|e| CliError::Io {
        path: out.to_owned(),
        message: format!("could not write the file: {e}"),
    })
}

/// Text for a terminal: control characters (escape sequences that would
/// move the cursor, clear the screen, set the title; a carriage return that
/// would fake a row) and the bidirectional overrides that reorder what is
/// shown are written as `\u001b`-style escapes, which a terminal shows as
/// they are and a JSON reader reads back as the character. Line feeds,
/// tabs and the carriage return of a CRLF line end stay.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char, next: Option<char>| {
        (c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && next == Some('\n')))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    let mut chars = s.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if unsafe_char(c, chars.peek().copied()) {
            any = true;
            break;
        }
    }
    if !any {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if unsafe_char(c, chars.peek().copied()) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Runs the command line with the given arguments (without the program
/// name), printing to standard output and errors to standard error; returns
/// the exit code. Everything printed goes through [`escape_controls`]: names
/// and cells come from strangers' files.
pub fn run(args: Vec<String>) -> i32 {
    if args.is_empty() {
        eprint!("{USAGE}");
        return 2;
    }
    match execute(&args) {
        Ok(out) => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = stdout.write_all(escape_controls(&out).as_bytes());
            0
        }
        Err(e) => {
            eprintln!("error: {}", escape_controls(&e.to_string()));
            e.exit_code()
        }
    }
}

fn cite_short(r: &Reason) -> String {
    format!("{} ({}:{})", r.rule, r.file, r.line)
}

fn whys(rs: &[Reason]) -> String {
    if rs.is_empty() {
        return String::new();
    }
    format!(
        "  [{}]",
        rs.iter().map(cite_short).collect::<Vec<_>>().join("; ")
    )
}

/// The plan as readable text.
pub fn plan_text(p: &Plan) -> String {
    let da = p.language == Lang::Da;
    let l = |en: &'static str, dk: &'static str| if da { dk } else { en };
    let mut o = String::new();
    let title = p
        .applicant_name
        .clone()
        .or_else(|| p.case_name.clone())
        .unwrap_or_else(|| l("Your application", "Din ansøgning").into());
    let _ = writeln!(o, "{} — {title}", l("PERMIT PLAN", "ANSØGNINGSPLAN"));
    let _ = writeln!(
        o,
        "{}: {} · {}: {} · {}: {}",
        l("Rules checked", "Regler kontrolleret"),
        p.rules.checked_on,
        l("as of", "pr."),
        p.rules.as_of,
        l("today", "i dag"),
        p.rules.today
    );
    if !p.next_steps.is_empty() {
        let _ = writeln!(o, "\n{}", l("NEXT STEPS", "NÆSTE SKRIDT"));
        for (i, s) in p.next_steps.iter().enumerate() {
            let _ = writeln!(
                o,
                "{:>2}. [{}] {}{}",
                i + 1,
                crate::export::step_state_label(s, p.language),
                s.text,
                whys(&s.why)
            );
        }
    }
    let _ = writeln!(o, "\n{}", p.coverage.message);
    if !p.warnings.is_empty() {
        let _ = writeln!(o, "\n{}", l("WARNINGS", "ADVARSLER"));
        for w in &p.warnings {
            let tag = match w.severity {
                Severity::Blocker => l("!! BLOCKER", "!! STOPKLODS"),
                Severity::Caution => l("!  CAUTION", "!  OBS"),
                Severity::Info => l("i  INFO", "i  INFO"),
            };
            let _ = writeln!(o, "{tag}: {}{}", w.message, whys(&w.why));
        }
    }
    if !p.forms.is_empty() {
        let _ = writeln!(o, "\n{}", l("FORMS", "SKEMAER"));
        for f in &p.forms {
            let _ = writeln!(
                o,
                "* {} — {}: {}{}",
                f.form,
                f.applicant,
                f.message,
                whys(&f.why)
            );
            for part in &f.parts {
                let _ = writeln!(o, "    {}. {}: {}", part.order, part.who, part.task);
            }
        }
    }
    for (label, req) in [
        (l("Case order ID", "Sagsbestillings-ID"), &p.case_order_id),
        (l("Biometrics", "Biometri"), &p.biometrics),
    ] {
        if let Some(r) = req {
            let _ = writeln!(o, "\n{label}: {}{}", r.message, whys(&r.why));
        }
    }
    if let Some(f) = &p.fee {
        let _ = writeln!(o, "{}: {}{}", l("Fee", "Gebyr"), f.message, whys(&f.why));
    }
    if !p.family.is_empty() {
        let _ = writeln!(o, "\n{}", l("FAMILY", "FAMILIE"));
        for m in &p.family {
            let _ = writeln!(o, "* {}{}", m.message, whys(&m.why));
        }
    }
    if !p.deadlines.is_empty() {
        let _ = writeln!(o, "\n{}", l("DATES", "DATOER"));
        for d in &p.deadlines {
            let state = match d.status {
                DeadlineStatus::Overdue => l(" — OVERDUE", " — OVERSKREDET").to_owned(),
                DeadlineStatus::DueSoon => {
                    let n = permit_core::policy::DUE_SOON_DAYS;
                    if da {
                        format!(" — inden for {n} dage")
                    } else {
                        format!(" — due within {n} days")
                    }
                }
                _ => String::new(),
            };
            let _ = writeln!(
                o,
                "* {} {}: {}{state} ({}){}",
                d.date,
                d.label,
                d.computed,
                d.days_left,
                whys(&d.why)
            );
            if let Some(r) = &d.remedy {
                let _ = writeln!(
                    o,
                    "    {}: {r}",
                    l("If you cannot make it", "Hvis du ikke kan nå det")
                );
            }
        }
    }
    if !p.checks.is_empty() {
        let _ = writeln!(o, "\n{}", l("CHECKS", "TJEK"));
        for c in &p.checks {
            let tag = match c.status {
                CheckStatus::Pass => "ok  ",
                CheckStatus::Fail => l("FAIL", "NEJ "),
                CheckStatus::Unknown => "?   ",
                CheckStatus::Info => "i   ",
            };
            let _ = writeln!(o, "[{tag}] {}{}", c.message, whys(&c.why));
        }
    }
    section(
        &mut o,
        l(
            "CONDITIONS TO CONFIRM",
            "BETINGELSER, DU SELV SKAL BEKRÆFTE",
        ),
        &p.conditions,
    );
    let (got, total) = p.progress();
    if total > 0 || !p.document_notes.is_empty() {
        let _ = writeln!(
            o,
            "\n{} ({got}/{total} {})",
            l("DOCUMENTS", "DOKUMENTER"),
            l("gathered", "samlet")
        );
        for d in &p.documents {
            let mark = if d.gathered { "[x]" } else { "[ ]" };
            let opt = if d.required {
                ""
            } else {
                l(" (may be requested)", " (kan blive krævet)")
            };
            let _ = writeln!(o, "{mark} {}{opt} — {}{}", d.name, d.status, whys(&d.why));
        }
        for n in &p.document_notes {
            let _ = writeln!(o, "    {}{}", n.message, whys(&n.why));
        }
    }
    section(&mut o, l("NOTES", "NOTER"), &p.notes);
    section(
        &mut o,
        l("BIOMETRICS: WHERE", "BIOMETRI: HVOR"),
        &p.biometrics_location,
    );
    section(
        &mut o,
        l("PROCESSING AND WAITING", "SAGSBEHANDLING OG VENTETID"),
        &p.processing,
    );
    section(
        &mut o,
        l("ONCE THE PERMIT IS GRANTED", "NÅR TILLADELSEN ER GIVET"),
        &p.after_grant,
    );
    section(
        &mut o,
        l("IF THE JOB ENDS", "HVIS JOBBET OPHØRER"),
        &p.if_job_ends,
    );
    if !p.forms_not_offered.is_empty() {
        let _ = writeln!(
            o,
            "\n{}",
            l(
                "FORMS CONSIDERED AND NOT OFFERED",
                "SKEMAER, DER ER OVERVEJET OG IKKE TILBUDT"
            )
        );
        for f in &p.forms_not_offered {
            let _ = writeln!(o, "* {}: {}{}", f.form, f.reason, whys(&f.why));
        }
    }
    let _ = writeln!(o, "\n{}{}", p.disclaimer.message, whys(&p.disclaimer.why));
    o
}

/// A titled list of statements (nothing when empty).
fn section(o: &mut String, title: &str, notes: &[permit_core::plan::Note]) {
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n{title}");
    for n in notes {
        let _ = writeln!(o, "* {}{}", n.message, whys(&n.why));
    }
}

/// Each conclusion with the quoted page text it rests on.
pub fn explain_text(p: &Plan) -> String {
    let mut o = String::new();
    let mut item = |what: &str, message: &str, why: &[Reason]| {
        let _ = writeln!(o, "{what}: {message}");
        if why.is_empty() {
            let _ = writeln!(
                o,
                "    (no page states this; it is how Permit Packet reads the situation)"
            );
        }
        for r in why {
            let _ = writeln!(
                o,
                "    {} — {} ({}), line {}:\n      “{}”",
                r.rule, r.title, r.file, r.line, r.quote
            );
        }
        let _ = writeln!(o);
    };
    item("Coverage", &p.coverage.message, &p.coverage.why);
    for f in &p.forms {
        item(&format!("Form {}", f.form), &f.message, &f.why);
    }
    if let Some(f) = &p.fee {
        item("Fee", &f.message, &f.why);
    }
    if let Some(r) = &p.case_order_id {
        item("Case order ID", &r.message, &r.why);
    }
    if let Some(r) = &p.biometrics {
        item("Biometrics", &r.message, &r.why);
    }
    for m in &p.family {
        item(&format!("Family: {}", m.name), &m.message, &m.why);
    }
    for d in &p.deadlines {
        let msg = format!("{} — {}. {}", d.date, d.computed, d.convention);
        item(&d.label, &msg, &d.why);
    }
    for c in &p.checks {
        item(&format!("Check {}", c.id), &c.message, &c.why);
    }
    for d in &p.documents {
        item(&format!("Document: {}", d.name), &d.status, &d.why);
    }
    for n in &p.document_notes {
        item("Documents", &n.message, &n.why);
    }
    for w in &p.warnings {
        item(&format!("Warning ({:?})", w.severity), &w.message, &w.why);
    }
    for n in &p.notes {
        item("Note", &n.message, &n.why);
    }
    for (what, notes) in [
        ("Condition", &p.conditions),
        ("Biometrics, where", &p.biometrics_location),
        ("Processing", &p.processing),
        ("Once granted", &p.after_grant),
        ("If the job ends", &p.if_job_ends),
    ] {
        for n in notes {
            item(what, &n.message, &n.why);
        }
    }
    for f in &p.forms_not_offered {
        item(&format!("Form {} not offered", f.form), &f.reason, &f.why);
    }
    item("Disclaimer", &p.disclaimer.message, &p.disclaimer.why);
    o
}
