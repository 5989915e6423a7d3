//! `permit-packet rules …`: the rules bundle in force, and signed rules
//! updates installed without a new release (see docs/rules-updates.md).
//!
//! ```text
//! permit-packet rules status
//! permit-packet rules verify <bundle>
//! permit-packet rules diff <bundle> [--store FILE] [--today YYYY-MM-DD]
//! permit-packet rules install <bundle> [--store FILE] [--today YYYY-MM-DD]
//! permit-packet rules fetch <https://…> [--store FILE] [--today YYYY-MM-DD]
//! permit-packet rules export -o <bundle> [--force]
//! ```
//! A refused bundle (bad signature, unknown key, damaged, truncated, unknown
//! format, invalid rules, older than the rules in force) changes nothing;
//! exit code 1 with the reason.

use std::fmt::Write as _;
use std::path::PathBuf;

use permit_bundle::changes;
use permit_core::messages::text;
use permit_core::Lang;

use crate::cli::{escape_controls, CliError};
use crate::cli_args::Args;
use crate::workspace::{self, CaseChanges, RulesStatus, View};

fn usage(m: impl Into<String>) -> CliError {
    CliError::Usage(m.into())
}

/// The bundle file of `rules <command> <file>`.
fn file(a: &Args, command: &str) -> Result<PathBuf, CliError> {
    match a.positional.as_slice() {
        [_, f] => Ok(PathBuf::from(f)),
        _ => Err(usage(text(
            lang(a),
            "cli.rules.needs_bundle",
            &[("command", &command)],
        ))),
    }
}

/// The language of the messages (`--lang`).
fn lang(a: &Args) -> Lang {
    a.lang.unwrap_or_default()
}

/// How the cases are re-planned: on `--today`, in English as before
/// `--lang` (the language of this command's own lines only).
fn plan_view(a: &Args) -> View {
    View {
        lang: Lang::En,
        today: a.today(),
    }
}

fn status_text(s: &RulesStatus, l: Lang) -> String {
    let t = |k: &str| text(l, k, &[]);
    let origin = if s.origin == "built_in" {
        t("cli.rules.origin_built_in")
    } else {
        t("cli.rules.origin_installed")
    };
    let mut rows = vec![
        (
            t("cli.rules.status_in_force"),
            text(
                l,
                "cli.rules.status_version",
                &[("version", &s.version), ("origin", &origin)],
            ),
        ),
        (t("cli.rules.status_checked_on"), s.checked_on.to_string()),
        (t("cli.rules.status_signed_by"), s.signed_by.to_string()),
        (
            t("cli.rules.status_in_force_from"),
            s.in_force_from
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (t("cli.rules.status_folder"), s.folder.to_string()),
    ];
    for i in &s.ignored {
        rows.push((
            t("cli.rules.status_not_used"),
            escape_controls(i).into_owned(),
        ));
    }
    // The values line up after the longest label and its colon.
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    let mut o = String::new();
    for (label, value) in rows {
        let _ = writeln!(o, "{:<width$} {value}", format!("{label}:"));
    }
    o
}

fn changes_text(o: &mut String, cases: &[CaseChanges], l: Lang) {
    for c in cases {
        let _ = writeln!(
            o,
            "{}",
            text(
                l,
                "cli.rules.case_changes",
                &[
                    ("id", &c.id),
                    ("name", &escape_controls(&c.name)),
                    ("from", &c.from_version),
                    ("to", &c.to_version),
                ],
            )
        );
        for ch in &c.changes {
            let _ = writeln!(o, "    - {}", escape_controls(&changes::describe(ch)));
        }
    }
}

fn skipped_text(o: &mut String, skipped: &[String], l: Lang) {
    for s in skipped {
        let _ = writeln!(
            o,
            "{}",
            text(l, "cli.rules.skipped", &[("why", &escape_controls(s))])
        );
    }
}

fn install_text(r: workspace::RulesReport, from: &str, l: Lang) -> String {
    let version = &r.status.version;
    let mut o = if r.installed {
        text(
            l,
            "cli.rules.installed",
            &[("version", version), ("from", &from)],
        )
    } else {
        text(l, "cli.rules.already_in_force", &[("version", version)])
    };
    o.push('\n');
    let _ = writeln!(
        o,
        "{}",
        text(
            l,
            "cli.rules.replanned",
            &[("n", &r.replanned), ("changed", &r.changed.len())],
        )
    );
    changes_text(&mut o, &r.changed, l);
    skipped_text(&mut o, &r.skipped, l);
    o
}

/// Runs `permit-packet rules …` with its options (read by
/// [`crate::cli_args`]); its lines in `--lang` (the catalogue's `cli.rules.*`).
pub fn execute(a: &Args) -> Result<String, CliError> {
    let dir = permit_bundle::installed::default_dir();
    let l = lang(a);
    match a.positional.first().map(String::as_str) {
        Some("status") => {
            if a.positional.len() != 1 {
                return Err(usage(text(l, "cli.rules.status_no_file", &[])));
            }
            Ok(status_text(&workspace::rules_status(&dir), l))
        }
        Some("verify") => {
            let file = file(a, "verify")?;
            let b = workspace::read_bundle(&file)?;
            let mut o = text(
                l,
                "cli.rules.valid",
                &[
                    ("file", &file.display()),
                    ("version", &b.version()),
                    ("checked_on", &b.manifest.checked_on),
                    ("signed_by", &b.signed_by),
                ],
            );
            o.push('\n');
            let verdict = match permit_bundle::installed::check_install(&dir, &b) {
                Ok(permit_bundle::installed::Installed::New(_)) => text(
                    l,
                    "cli.rules.would_install",
                    &[("version", &workspace::rules_in_force().version())],
                ),
                Ok(permit_bundle::installed::Installed::AlreadyInForce) => {
                    text(l, "cli.rules.is_in_force", &[])
                }
                Err(e) => text(l, "cli.rules.would_not_install", &[("why", &e)]),
            };
            let _ = writeln!(o, "{verdict}");
            Ok(o)
        }
        Some("diff") => {
            let file = file(a, "diff")?;
            let b = workspace::read_bundle(&file)?;
            let ws = a.open()?;
            let (changed, skipped) = ws.rules_diff(&b, plan_view(a))?;
            let total = ws.info()?.cases;
            let mut o = text(
                l,
                "cli.rules.diff",
                &[
                    ("from", &ws.bundle().version()),
                    ("to", &b.version()),
                    ("file", &file.display()),
                    ("changed", &changed.len()),
                    ("total", &total),
                ],
            );
            o.push('\n');
            changes_text(&mut o, &changed, l);
            skipped_text(&mut o, &skipped, l);
            Ok(o)
        }
        Some("install") => {
            let file = file(a, "install")?;
            let mut ws = a.open()?;
            let r = ws.install_rules(&file, plan_view(a))?;
            Ok(install_text(r, &file.display().to_string(), l))
        }
        Some("fetch") => {
            let [_, url] = a.positional.as_slice() else {
                return Err(usage(text(l, "cli.rules.fetch_needs_address", &[])));
            };
            let mut ws = a.open()?;
            let r = ws
                .install_from_url(url, plan_view(a))
                .map_err(|e| match e.kind {
                    crate::kinds::ErrorKind::BadAddress => usage(e.message),
                    crate::kinds::ErrorKind::Network | crate::kinds::ErrorKind::HttpStatus => {
                        CliError::Io {
                            path: PathBuf::from(url),
                            message: e.message,
                        }
                    }
                    _ => CliError::from(e),
                })?;
            Ok(install_text(r, url, l))
        }
        Some("export") => {
            let out = a
                .out
                .clone()
                .ok_or_else(|| usage(text(l, "cli.rules.export_needs_output", &[])))?;
            let b = permit_bundle::installed::in_force_in(&dir);
            if b.bytes.is_empty() {
                return Err(CliError::Problems(text(
                    l,
                    "cli.rules.built_in_not_exported",
                    &[("version", &b.version())],
                )));
            }
            crate::cli::check_output(
                &out,
                permit_files::Kind::Json,
                a.store.as_deref(),
                &[],
                a.force,
            )?;
            crate::cli::write_output(&out, &b.bytes)?;
            Ok(text(
                l,
                "cli.rules.exported",
                &[
                    ("file", &out.display()),
                    ("version", &b.version()),
                    ("bytes", &b.bytes.len()),
                ],
            ) + "\n")
        }
        _ => Err(usage(text(l, "cli.rules.expected", &[]))),
    }
}
