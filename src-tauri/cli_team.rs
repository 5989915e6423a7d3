//! `permit-packet team …`: a team workspace on PostgreSQL (docs/team.md).
//!
//! ```text
//! permit-packet team init --store URL
//! permit-packet team add-officer LOGIN --org ORG [--role officer|auditor|admin]
//!                                [--password-file FILE | --keep-password] --store URL
//! permit-packet team list --store URL
//! permit-packet team import WORKSPACE --org ORG --store URL
//! permit-packet team export --org ORG OUT --store URL
//! permit-packet team remove-officer LOGIN --store URL
//! ```
//! The caller's password: in the address, `PGPASSWORD` or `~/.pgpass`. A
//! new officer's password: standard input (asked without echo on a
//! terminal) or the first line of `--password-file`; never an argument.

use std::fmt::Write as _;
use std::io::{IsTerminal, Read};
use std::path::Path;

use permit_core::messages::text;
use permit_core::Lang;

use crate::cli::{escape_controls, CliError};
use crate::cli_def::TeamCommand;
use crate::workspace::team;

/// The longest password file read (a password is a line).
const MAX_PASSWORD_FILE: u64 = 4096;

/// Runs a team command; what to print (the catalogue's `cli.team.*`, in `--lang`).
pub fn execute(command: TeamCommand) -> Result<String, CliError> {
    let l = command.lang();
    match command {
        TeamCommand::Init { store } => {
            let done = team::init(&store.store)?;
            let s = shown(&store.store);
            Ok(if done.from == done.to {
                text(
                    l,
                    "cli.team.init_unchanged",
                    &[
                        ("store", &s),
                        ("schema", &done.schema),
                        ("version", &done.to),
                    ],
                ) + "\n"
            } else {
                text(
                    l,
                    "cli.team.init_done",
                    &[
                        ("store", &s),
                        ("schema", &done.schema),
                        ("from", &done.from),
                        ("to", &done.to),
                    ],
                ) + "\n"
                    + &text(l, "cli.team.init_next", &[])
                    + "\n"
            })
        }
        TeamCommand::AddOfficer {
            login,
            org,
            role,
            password_file,
            keep_password,
            store,
        } => {
            let password = if keep_password {
                None
            } else {
                Some(read_password(password_file.as_deref(), &login, l)?)
            };
            team::add_member(&store.store, &login, &org, role, password.as_deref())?;
            Ok(text(
                l,
                "cli.team.added",
                &[
                    ("login", &escape_controls(&login)),
                    ("role", &role),
                    ("org", &escape_controls(&org)),
                    ("store", &shown(&store.store)),
                ],
            ) + "\n")
        }
        TeamCommand::List { store } => {
            let members = team::list_members(&store.store)?;
            let mut o = String::new();
            let h = |k: &str| text(l, k, &[]);
            let _ = writeln!(
                o,
                "{:<24} {:<24} {:<8} {}",
                h("cli.team.list_login"),
                h("cli.team.list_organisation"),
                h("cli.team.list_role"),
                h("cli.team.list_added")
            );
            for m in &members {
                let _ = writeln!(
                    o,
                    "{:<24} {:<24} {:<8} {}",
                    escape_controls(&m.login),
                    escape_controls(&m.organisation),
                    m.role,
                    m.added_at
                );
            }
            let _ = writeln!(
                o,
                "{}",
                text(l, "cli.team.list_count", &[("n", &members.len())])
            );
            Ok(o)
        }
        TeamCommand::Import { file, org, store } => {
            // An encrypted laptop workspace is read with its key (keyring,
            // PERMIT_PACKET_PASSPHRASE_FILE), as every command reads it.
            let key = if permit_store::is_encrypted(&file).ok().flatten() == Some(true) {
                Some(workspace_key(&file)?)
            } else {
                None
            };
            let c = team::import_workspace(&store.store, &org, &file, key.as_ref())?;
            Ok(text(
                l,
                "cli.team.imported",
                &[
                    ("file", &file.display()),
                    ("imported", &c.imported),
                    ("org", &escape_controls(&org)),
                    ("skipped", &c.skipped),
                    ("templates", &c.templates),
                ],
            ) + "\n")
        }
        TeamCommand::Export { org, out, store } => {
            // The new workspace file is encrypted like any new workspace
            // (a key made and kept in the keyring, or the passphrase file).
            let key = if out.exists() {
                None
            } else {
                Some(workspace_key(&out)?)
            };
            let n = team::export_workspace(&store.store, &org, &out, key.as_ref())?;
            Ok(text(
                l,
                "cli.team.exported",
                &[
                    ("file", &out.display()),
                    ("n", &n),
                    ("org", &escape_controls(&org)),
                ],
            ) + "\n")
        }
        TeamCommand::RemoveOfficer { login, store } => {
            if team::remove_member(&store.store, &login)? {
                Ok(text(
                    l,
                    "cli.team.removed",
                    &[("login", &escape_controls(&login))],
                ) + "\n")
            } else {
                Err(CliError::Usage(text(
                    l,
                    "cli.team.not_member",
                    &[
                        ("login", &escape_controls(&login)),
                        ("store", &shown(&store.store)),
                    ],
                )))
            }
        }
    }
}

/// The key of the workspace file `path` (made for a new one), from the
/// passphrase file or the keyring; never asked for on a terminal here.
fn workspace_key(path: &Path) -> Result<permit_store::Key, CliError> {
    permit_keys::resolve(permit_keys::Request {
        workspace: path,
        passphrase_file: permit_keys::passphrase_file(None),
        ask: None,
    })
    .map(|found| found.key)
    .map_err(|e| CliError::Io {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// The address without its password.
fn shown(url: &str) -> String {
    permit_store_postgres::conn::redact(url)
}

/// A new login's password: the first line of `file`, else standard input
/// (asked for without echo on a terminal). Never empty.
fn read_password(file: Option<&Path>, login: &str, l: Lang) -> Result<Vec<u8>, CliError> {
    let text = match file {
        Some(f) => {
            let bytes =
                permit_files::read_limited(f, MAX_PASSWORD_FILE).map_err(|e| CliError::Io {
                    path: f.to_owned(),
                    message: e.to_string(),
                })?;
            String::from_utf8(bytes).map_err(|_| CliError::Io {
                path: f.to_owned(),
                message: text(l, "cli.team.password_not_utf8", &[]),
            })?
        }
        None if std::io::stdin().is_terminal() => {
            rpassword::prompt_password(text(l, "cli.team.password_prompt", &[("login", &login)]))
                .map_err(|e| {
                    CliError::Usage(text(l, "cli.team.password_unreadable", &[("why", &e)]))
                })?
        }
        None => {
            let mut s = String::new();
            std::io::stdin()
                .take(MAX_PASSWORD_FILE)
                .read_to_string(&mut s)
                .map_err(|e| CliError::Usage(text(l, "cli.team.password_stdin", &[("why", &e)])))?;
            s
        }
    };
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(CliError::Usage(permit_core::messages::text(
            l,
            "cli.team.password_empty",
            &[],
        )));
    }
    Ok(line.as_bytes().to_vec())
}
