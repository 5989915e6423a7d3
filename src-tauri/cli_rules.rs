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

use crate::cli::{escape_controls, CliError};
use crate::cli_args::Args;
use crate::workspace::{self, CaseChanges, RulesStatus};

fn usage(m: impl Into<String>) -> CliError {
    CliError::Usage(m.into())
}

/// The bundle file of `rules <command> <file>`.
fn file(a: &Args, command: &str) -> Result<PathBuf, CliError> {
    match a.positional.as_slice() {
        [_, f] => Ok(PathBuf::from(f)),
        _ => Err(usage(format!("`rules {command}` needs one bundle file"))),
    }
}

fn status_text(s: &RulesStatus) -> String {
    let mut o = String::new();
    let origin = if s.origin == "built_in" {
        "built into this build"
    } else {
        "installed"
    };
    let _ = writeln!(o, "rules in force: version {} ({origin})", s.version);
    let _ = writeln!(o, "checked on:     {}", s.checked_on);
    let _ = writeln!(o, "signed by:      {}", s.signed_by);
    let _ = writeln!(
        o,
        "in force from:  {}",
        s.in_force_from
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(o, "folder:         {}", s.folder);
    for i in &s.ignored {
        let _ = writeln!(o, "not used:       {}", escape_controls(i));
    }
    o
}

fn changes_text(o: &mut String, cases: &[CaseChanges]) {
    for c in cases {
        let _ = writeln!(
            o,
            "case {} ({}): rules {} → {}",
            c.id,
            escape_controls(&c.name),
            c.from_version,
            c.to_version
        );
        for ch in &c.changes {
            let _ = writeln!(o, "    - {}", escape_controls(&changes::describe(ch)));
        }
    }
}

fn install_text(r: workspace::RulesReport, from: &str) -> String {
    let mut o = if r.installed {
        format!("installed rules version {} from {from}\n", r.status.version)
    } else {
        format!(
            "rules version {} is already in force; nothing was installed\n",
            r.status.version
        )
    };
    let _ = writeln!(
        o,
        "re-planned {} cases; {} changed since their plan was last seen",
        r.replanned,
        r.changed.len()
    );
    changes_text(&mut o, &r.changed);
    for s in r.skipped {
        let _ = writeln!(o, "skipped: {}", escape_controls(&s));
    }
    o
}

/// Runs `permit-packet rules …` with its options (read by
/// [`crate::cli_args`]; no `--lang`: its texts are English).
pub fn execute(a: &Args) -> Result<String, CliError> {
    let dir = permit_bundle::installed::default_dir();
    match a.positional.first().map(String::as_str) {
        Some("status") => {
            if a.positional.len() != 1 {
                return Err(usage("`rules status` takes no file"));
            }
            Ok(status_text(&workspace::rules_status(&dir)))
        }
        Some("verify") => {
            let file = file(a, "verify")?;
            let b = workspace::read_bundle(&file)?;
            let mut o = format!(
                "{}: a valid rules bundle, version {}, checked on {}, signed by {}\n",
                file.display(),
                b.version(),
                b.manifest.checked_on,
                b.signed_by
            );
            match permit_bundle::installed::check_install(&dir, &b) {
                Ok(permit_bundle::installed::Installed::New(_)) => {
                    let _ = writeln!(
                        o,
                        "newer than the rules in force ({}): `rules install` would install it",
                        workspace::rules_in_force().version()
                    );
                }
                Ok(permit_bundle::installed::Installed::AlreadyInForce) => {
                    o.push_str("it is the bundle in force\n");
                }
                Err(e) => {
                    let _ = writeln!(o, "it would not be installed: {e}");
                }
            }
            Ok(o)
        }
        Some("diff") => {
            let file = file(a, "diff")?;
            let b = workspace::read_bundle(&file)?;
            let ws = a.open()?;
            let (changed, skipped) = ws.rules_diff(&b, a.view())?;
            let total = ws.info()?.cases;
            let mut o = format!(
                "rules {} → {} ({}): {} of {} cases change\n",
                ws.bundle().version(),
                b.version(),
                file.display(),
                changed.len(),
                total
            );
            changes_text(&mut o, &changed);
            for s in skipped {
                let _ = writeln!(o, "skipped: {}", escape_controls(&s));
            }
            Ok(o)
        }
        Some("install") => {
            let file = file(a, "install")?;
            let mut ws = a.open()?;
            let r = ws.install_rules(&file, a.view())?;
            Ok(install_text(r, &file.display().to_string()))
        }
        Some("fetch") => {
            let [_, url] = a.positional.as_slice() else {
                return Err(usage("`rules fetch` needs one address (https://…)"));
            };
            let mut ws = a.open()?;
            let r = ws.install_from_url(url, a.view()).map_err(|e| match e.kind {
                crate::kinds::ErrorKind::BadAddress => usage(e.message),
                crate::kinds::ErrorKind::Network | crate::kinds::ErrorKind::HttpStatus => CliError::Io {
                    path: PathBuf::from(url),
                    message: e.message,
                },
                _ => CliError::from(e),
            })?;
            Ok(install_text(r, url))
        }
        Some("export") => {
            let out = a
                .out
                .clone()
                .ok_or_else(|| usage("`rules export` needs `-o <file>`"))?;
            let b = permit_bundle::installed::in_force_in(&dir);
            if b.bytes.is_empty() {
                return Err(CliError::Problems(format!(
                    "the rules in force (version {}) are built into this build, not a signed bundle: \
                     every Permit Packet of this version has them; nothing was written",
                    b.version()
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
            Ok(format!(
                "wrote {} (rules version {}, {} bytes)\n",
                out.display(),
                b.version(),
                b.bytes.len()
            ))
        }
        _ => Err(usage(
            "expected `rules status`, `rules verify <file>`, `rules diff <file>`, `rules install <file>`, `rules fetch <https://…>` or `rules export -o <file>`",
        )),
    }
}
