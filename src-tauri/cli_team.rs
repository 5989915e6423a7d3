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

use crate::cli::{escape_controls, CliError};
use crate::cli_def::TeamCommand;
use crate::workspace::team;

/// The longest password file read (a password is a line).
const MAX_PASSWORD_FILE: u64 = 4096;

/// Runs a team command; what to print.
pub fn execute(command: TeamCommand) -> Result<String, CliError> {
    match command {
        TeamCommand::Init { store } => {
            let done = team::init(&store.store)?;
            Ok(if done.from == done.to {
                format!(
                    "team workspace {}: schema {} already at version {}; nothing changed\n",
                    shown(&store.store),
                    done.schema,
                    done.to
                )
            } else {
                format!(
                    "team workspace {}: schema {} brought from version {} to {}\n\
                     next: permit-packet team add-officer LOGIN --org ORG --store URL\n",
                    shown(&store.store),
                    done.schema,
                    done.from,
                    done.to
                )
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
                Some(read_password(password_file.as_deref(), &login)?)
            };
            team::add_member(&store.store, &login, &org, role, password.as_deref())?;
            Ok(format!(
                "{} is now {role} of {} in {}\n",
                escape_controls(&login),
                escape_controls(&org),
                shown(&store.store)
            ))
        }
        TeamCommand::List { store } => {
            let members = team::list_members(&store.store)?;
            let mut o = String::new();
            let _ = writeln!(
                o,
                "{:<24} {:<24} {:<8} ADDED",
                "LOGIN", "ORGANISATION", "ROLE"
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
            let _ = writeln!(o, "{} member(s)", members.len());
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
            Ok(format!(
                "{}: {} case(s) copied into {}, {} already there from an earlier import, {} template(s) copied\n",
                file.display(),
                c.imported,
                escape_controls(&org),
                c.skipped,
                c.templates
            ))
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
            Ok(format!(
                "{}: {n} case(s) of {} written; open it with --store {}\n",
                out.display(),
                escape_controls(&org),
                out.display()
            ))
        }
        TeamCommand::RemoveOfficer { login, store } => {
            if team::remove_member(&store.store, &login)? {
                Ok(format!(
                    "{} removed: the login can no longer sign in; the cases they wrote stay\n",
                    escape_controls(&login)
                ))
            } else {
                Err(CliError::Usage(format!(
                    "{} is not a member of {}",
                    escape_controls(&login),
                    shown(&store.store)
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
fn read_password(file: Option<&Path>, login: &str) -> Result<Vec<u8>, CliError> {
    let text = match file {
        Some(f) => {
            let bytes =
                permit_files::read_limited(f, MAX_PASSWORD_FILE).map_err(|e| CliError::Io {
                    path: f.to_owned(),
                    message: e.to_string(),
                })?;
            String::from_utf8(bytes).map_err(|_| CliError::Io {
                path: f.to_owned(),
                message: "a password file holds UTF-8 text".into(),
            })?
        }
        None if std::io::stdin().is_terminal() => {
            rpassword::prompt_password(format!("password for the new login {login}: "))
                .map_err(|e| CliError::Usage(format!("cannot read the password: {e}")))?
        }
        None => {
            let mut s = String::new();
            std::io::stdin()
                .take(MAX_PASSWORD_FILE)
                .read_to_string(&mut s)
                .map_err(|e| {
                    CliError::Usage(format!("cannot read the password from standard input: {e}"))
                })?;
            s
        }
    };
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(CliError::Usage(
            "the new login's password is empty: give it on standard input or in --password-file \
             (its first line), or keep an existing login's password with --keep-password"
                .into(),
        ));
    }
    Ok(line.as_bytes().to_vec())
}
