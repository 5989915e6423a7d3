//! `audit verify|show|export` and `person export|erase`: one call of the
//! service each (`permit_service::audit`); the texts from the catalogue.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use permit_core::messages::text;
use permit_core::Lang;

use crate::cli::CliError;
use crate::cli_def::{AuditCommand, PersonCommand, StoreOpt, ViewOpts};
use crate::workspace::audit::{AuditFormat, HistoryEntry};
use crate::workspace::{View, Workspace};

fn open(store: &StoreOpt) -> Result<Workspace, CliError> {
    // With the workspace's key, as every command opens it (cli_key).
    crate::cli_key::open(&crate::cli_args::Args {
        store: store.store.clone(),
        passphrase_file: store.passphrase_file.clone(),
        ..crate::cli_args::Args::default()
    })
}

fn view(v: &ViewOpts) -> View {
    View {
        lang: v.lang.unwrap_or_default(),
        today: v.today.unwrap_or_else(|| chrono::Local::now().date_naive()),
    }
}

/// A value as the log shows it: text as it is, none as `—`.
fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".to_owned(),
        serde_json::Value::String(s) => crate::cli::escape_controls(s).into_owned(),
        v => v.to_string(),
    }
}

/// One entry as lines: when, who@where, case, what; then each change.
fn entry_text(e: &HistoryEntry, lang: Lang) -> String {
    let case = e.case_id.map(|c| format!(" #{c}")).unwrap_or_default();
    let mut out = format!(
        "{} {} {}@{}{case} {}\n",
        e.seq,
        e.at,
        crate::cli::escape_controls(&e.actor),
        crate::cli::escape_controls(&e.machine),
        e.label
    );
    if e.erased && !e.fields.is_empty() {
        out.push_str(&format!(
            "    {} {}\n",
            e.fields.join(", "),
            text(lang, "audit.erased_values", &[])
        ));
    }
    for c in &e.changes {
        out.push_str(&format!(
            "    {}: {} → {}\n",
            c.field,
            shown(&c.old),
            shown(&c.new)
        ));
    }
    out
}

/// `audit …`.
pub fn audit(c: AuditCommand) -> Result<String, CliError> {
    match c {
        AuditCommand::Verify { store, view: v } => {
            let lang = view(&v).lang;
            let ws = open(&store)?;
            let r = ws.audit_verify(lang)?;
            if r.problems.is_empty() {
                let head = r.head.unwrap_or_else(|| "—".into());
                Ok(text(
                    lang,
                    "audit.verified",
                    &[("n", &r.entries), ("head", &head)],
                ) + "\n")
            } else {
                let mut msg = text(lang, "audit.not_verified", &[("n", &r.problems.len())]);
                for p in &r.problems {
                    msg.push_str("\n  ");
                    msg.push_str(&p.message);
                }
                Err(CliError::Problems(msg))
            }
        }
        AuditCommand::Show {
            case,
            store,
            view: v,
        } => {
            let lang = view(&v).lang;
            let ws = open(&store)?;
            let entries = ws.history(case, None, None, lang)?;
            if entries.is_empty() {
                return Ok(text(lang, "audit.no_entries", &[]) + "\n");
            }
            Ok(entries.iter().map(|e| entry_text(e, lang)).collect())
        }
        AuditCommand::Export {
            from,
            to,
            format,
            output,
            force,
            store,
            view: v,
        } => {
            let lang = view(&v).lang;
            let format = if format == "json" {
                AuditFormat::Json
            } else {
                AuditFormat::Csv
            };
            let mut ws = open(&store)?;
            let r = ws.audit_export(from, to, format, &output, force.force, lang)?;
            Ok(text(
                lang,
                "cli.audit.exported",
                &[("file", &r.path), ("bytes", &r.bytes)],
            ) + "\n")
        }
    }
}

/// Asks on the terminal whether to erase; true for the catalogue's "yes".
fn confirmed(lang: Lang, id: i64, name: &str) -> Result<bool, CliError> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::Usage(text(
            lang,
            "cli.person.confirm_needs_terminal",
            &[],
        )));
    }
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "{}",
        text(
            lang,
            "person.confirm",
            &[("id", &id), ("name", &crate::cli::escape_controls(name))]
        )
    );
    let _ = err.flush();
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Io {
            path: PathBuf::from("-"),
            message: e.to_string(),
        })?;
    Ok(line
        .trim()
        .eq_ignore_ascii_case(&text(lang, "person.confirm_word", &[])))
}

/// `person …`.
pub fn person(c: PersonCommand) -> Result<String, CliError> {
    match c {
        PersonCommand::Export {
            case,
            output,
            force,
            store,
            view: v,
        } => {
            let v = view(&v);
            let mut ws = open(&store)?;
            let (json, pdf) = ws.person_export(case, &output, force.force, v)?;
            Ok(text(
                v.lang,
                "person.exported",
                &[("json", &json.path), ("pdf", &pdf.path)],
            ) + "\n")
        }
        PersonCommand::Erase {
            case,
            force,
            store,
            view: v,
        } => {
            let lang = view(&v).lang;
            let mut ws = open(&store)?;
            if !force {
                let name = ws.person_data(case, lang)?.case.name;
                if !confirmed(lang, case, &name)? {
                    return Err(CliError::Problems(text(lang, "person.not_erased", &[])));
                }
            }
            let r = ws.person_erase(case)?;
            Ok(text(
                lang,
                "person.erased",
                &[("id", &r.case_id), ("n", &r.entries_cleared)],
            ) + "\n")
        }
    }
}
