//! The `permit-packet` command line: a thin front end over [`permit_core`].
//! Its arguments are read in [`crate::cli_args`] (clap): `permit-packet
//! --help` lists the commands, `permit-packet COMMAND --help` a command's
//! options and examples; the man pages and shell completions are made from
//! the same definition (assets/linux/).
//!
//! Exit codes: 0 success, 1 the situation file has errors, 2 wrong usage,
//! 3 a file could not be read or written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use permit_core::plan::{CheckStatus, DeadlineStatus, Reason, Severity};
use permit_core::{Lang, Plan, Situation};

use crate::cli_args::{Format, Parsed};

/// A failure of the command line, with its exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Wrong arguments.
    #[error("{0}\n\nRun `permit-packet --help` for usage.")]
    Usage(String),
    /// The command line cannot be read (clap's message, which starts with
    /// `error:` and ends with the command's usage), or no command was given
    /// (the help); with clap's exit code (2).
    #[error("{message}")]
    Arguments {
        /// What to print on standard error.
        message: String,
        /// The exit code.
        code: i32,
    },
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
            CliError::Arguments { code, .. } => *code,
            CliError::App(e) => match e.kind {
                // The workspace or a file could not be read or written.
                ErrorKind::Io
                | ErrorKind::Locked
                | ErrorKind::Corrupt
                | ErrorKind::NewerVersion
                | ErrorKind::NeedsUpgrade
                | ErrorKind::Denied
                | ErrorKind::Unreachable
                | ErrorKind::WrongKey
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
    let a = match crate::cli_args::parse(args)? {
        Parsed::Print(text) => return Ok(text),
        Parsed::Rules(a) => return crate::cli_rules::execute(&a),
        Parsed::Team(t) => return crate::cli_team::execute(t),
        Parsed::Audit(c) => return crate::cli_audit::audit(c),
        Parsed::Person(c) => return crate::cli_audit::person(c),
        Parsed::Cases(command, a) => return crate::cli_batch::execute(command, &a),
        Parsed::File {
            command,
            file,
            args: a,
        } => Args {
            command: command.to_owned(),
            file,
            format: a.format.unwrap_or_default(),
            lang: a.lang.unwrap_or_default(),
            today: a.today(),
            output: a.out,
            force: a.force,
        },
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

/// One cell of a table: [`escape_controls`], and line feeds and tabs
/// escaped too (`\u000a`), so a name holding one cannot start a row of its
/// own or shift the columns.
pub fn escape_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape_controls(s).chars() {
        if c == '\n' || c == '\t' || c == '\r' {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs the command line with the given arguments (without the program
/// name), printing to standard output and errors to standard error; returns
/// the exit code. Everything printed goes through [`escape_controls`]: names
/// and cells come from strangers' files.
pub fn run(args: Vec<String>) -> i32 {
    match execute(&args) {
        Ok(out) => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = stdout.write_all(escape_controls(&out).as_bytes());
            0
        }
        Err(e @ CliError::Arguments { .. }) => {
            eprint!("{}", escape_controls(&e.to_string()));
            e.exit_code()
        }
        Err(e) => {
            // In the language the command line asked for (`--lang`).
            let lang = crate::cli_args::arg_lang(&args);
            let message = match &e {
                CliError::Usage(m) => format!(
                    "{m}\n\n{}",
                    permit_core::messages::text(lang, "cli.usage_hint", &[])
                ),
                e => e.to_string(),
            };
            let line = permit_core::messages::text(lang, "cli.error", &[("message", &message)]);
            eprintln!("{}", escape_controls(&line));
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
    let lang = p.language;
    // The labels from the catalogue (assets/messages, `cli.*`).
    let l = |key: &str| permit_core::messages::text(lang, key, &[]);
    let mut o = String::new();
    let title = p
        .applicant_name
        .clone()
        .or_else(|| p.case_name.clone())
        .unwrap_or_else(|| l("cli.your_application"));
    let _ = writeln!(o, "{} — {title}", l("cli.permit_plan"));
    let _ = writeln!(
        o,
        "{}: {} · {}: {} · {}: {}",
        l("cli.rules_checked"),
        p.rules.checked_on,
        l("cli.as_of"),
        p.rules.as_of,
        l("cli.today"),
        p.rules.today
    );
    if !p.next_steps.is_empty() {
        let _ = writeln!(o, "\n{}", l("cli.next_steps"));
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
        let _ = writeln!(o, "\n{}", l("cli.warnings"));
        for w in &p.warnings {
            let tag = match w.severity {
                Severity::Blocker => l("cli.blocker"),
                Severity::Caution => l("cli.caution"),
                Severity::Info => l("cli.i_info"),
            };
            let _ = writeln!(o, "{tag}: {}{}", w.message, whys(&w.why));
        }
    }
    if !p.forms.is_empty() {
        let _ = writeln!(o, "\n{}", l("cli.forms"));
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
        (l("cli.case_order_id"), &p.case_order_id),
        (l("cli.biometrics"), &p.biometrics),
    ] {
        if let Some(r) = req {
            let _ = writeln!(o, "\n{label}: {}{}", r.message, whys(&r.why));
        }
    }
    if let Some(f) = &p.fee {
        let _ = writeln!(o, "{}: {}{}", l("cli.fee"), f.message, whys(&f.why));
    }
    if !p.family.is_empty() {
        let _ = writeln!(o, "\n{}", l("cli.family"));
        for m in &p.family {
            let _ = writeln!(o, "* {}{}", m.message, whys(&m.why));
        }
    }
    if !p.deadlines.is_empty() {
        let _ = writeln!(o, "\n{}", l("cli.dates"));
        for d in &p.deadlines {
            let state = match d.status {
                DeadlineStatus::Overdue => l("cli.overdue").to_owned(),
                DeadlineStatus::DueSoon => {
                    let n = permit_core::policy::DUE_SOON_DAYS;
                    permit_core::messages::text(lang, "cli.due_within", &[("n", &n)])
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
                let _ = writeln!(o, "    {}: {r}", l("cli.if_you_cannot_make_it"));
            }
        }
    }
    if !p.checks.is_empty() {
        let _ = writeln!(o, "\n{}", l("cli.checks"));
        for c in &p.checks {
            let tag = match c.status {
                CheckStatus::Pass => "ok  ".to_owned(),
                CheckStatus::Fail => l("cli.fail"),
                CheckStatus::Unknown => "?   ".to_owned(),
                CheckStatus::Info => "i   ".to_owned(),
            };
            let _ = writeln!(o, "[{tag}] {}{}", c.message, whys(&c.why));
        }
    }
    section(&mut o, &l("cli.conditions_to_confirm"), &p.conditions);
    let (got, total) = p.progress();
    if total > 0 || !p.document_notes.is_empty() {
        let _ = writeln!(
            o,
            "\n{} ({got}/{total} {})",
            l("cli.documents"),
            l("cli.gathered")
        );
        for d in &p.documents {
            let mark = if d.gathered { "[x]" } else { "[ ]" };
            let opt = if d.required {
                String::new()
            } else {
                l("cli.may_be_requested")
            };
            let _ = writeln!(o, "{mark} {}{opt} — {}{}", d.name, d.status, whys(&d.why));
        }
        for n in &p.document_notes {
            let _ = writeln!(o, "    {}{}", n.message, whys(&n.why));
        }
    }
    section(&mut o, &l("cli.notes"), &p.notes);
    section(&mut o, &l("cli.biometrics_where"), &p.biometrics_location);
    section(&mut o, &l("cli.processing_and_waiting"), &p.processing);
    section(&mut o, &l("cli.once_the_permit_is_granted"), &p.after_grant);
    section(&mut o, &l("cli.if_the_job_ends"), &p.if_job_ends);
    if !p.forms_not_offered.is_empty() {
        let _ = writeln!(o, "\n{}", l("cli.forms_considered_and_not_offered"));
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
    let lang = p.language;
    let t = |key: &str| permit_core::messages::text(lang, key, &[]);
    let label = |key: &str, name: &str, value: &dyn std::fmt::Display| {
        permit_core::messages::text(lang, key, &[(name, value)])
    };
    let no_page = t("cli.explain.no_page");
    let mut o = String::new();
    let mut item = |what: &str, message: &str, why: &[Reason]| {
        let _ = writeln!(o, "{what}: {message}");
        if why.is_empty() {
            let _ = writeln!(o, "    {no_page}");
        }
        for r in why {
            let source = permit_core::messages::text(
                lang,
                "cli.explain.source",
                &[
                    ("rule", &r.rule),
                    ("title", &r.title),
                    ("file", &r.file),
                    ("line", &r.line),
                ],
            );
            let _ = writeln!(o, "    {source}\n      “{}”", r.quote);
        }
        let _ = writeln!(o);
    };
    item(
        &t("cli.explain.coverage"),
        &p.coverage.message,
        &p.coverage.why,
    );
    for f in &p.forms {
        item(
            &label("cli.explain.form", "form", &f.form),
            &f.message,
            &f.why,
        );
    }
    if let Some(f) = &p.fee {
        item(&t("cli.explain.fee"), &f.message, &f.why);
    }
    if let Some(r) = &p.case_order_id {
        item(&t("cli.explain.case_order_id"), &r.message, &r.why);
    }
    if let Some(r) = &p.biometrics {
        item(&t("cli.explain.biometrics"), &r.message, &r.why);
    }
    for m in &p.family {
        item(
            &label("cli.explain.family", "name", &m.name),
            &m.message,
            &m.why,
        );
    }
    for d in &p.deadlines {
        let msg = format!("{} — {}. {}", d.date, d.computed, d.convention);
        item(&d.label, &msg, &d.why);
    }
    for c in &p.checks {
        item(&label("cli.explain.check", "id", &c.id), &c.message, &c.why);
    }
    for d in &p.documents {
        item(
            &label("cli.explain.document", "name", &d.name),
            &d.status,
            &d.why,
        );
    }
    for n in &p.document_notes {
        item(&t("cli.explain.documents"), &n.message, &n.why);
    }
    for w in &p.warnings {
        let severity = match w.severity {
            Severity::Blocker => t("cli.explain.severity.blocker"),
            Severity::Caution => t("cli.explain.severity.caution"),
            Severity::Info => t("cli.explain.severity.info"),
        };
        item(
            &label("cli.explain.warning", "severity", &severity),
            &w.message,
            &w.why,
        );
    }
    for n in &p.notes {
        item(&t("cli.explain.note"), &n.message, &n.why);
    }
    for (what, notes) in [
        ("cli.explain.condition", &p.conditions),
        ("cli.explain.biometrics_where", &p.biometrics_location),
        ("cli.explain.processing", &p.processing),
        ("cli.explain.once_granted", &p.after_grant),
        ("cli.explain.if_job_ends", &p.if_job_ends),
    ] {
        let what = t(what);
        for n in notes {
            item(&what, &n.message, &n.why);
        }
    }
    for f in &p.forms_not_offered {
        item(
            &label("cli.explain.form_not_offered", "form", &f.form),
            &f.reason,
            &f.why,
        );
    }
    item(
        &t("cli.explain.disclaimer"),
        &p.disclaimer.message,
        &p.disclaimer.why,
    );
    o
}
