//! The command line's side of encryption at rest: the key of the workspace
//! (`permit-keys`: `--passphrase-file`, `PERMIT_PACKET_PASSPHRASE_FILE`, the
//! OS keyring, else asked on the terminal saying why), the consent to
//! encrypt a plain workspace, and `key status | encrypt | change-passphrase
//! | recovery-key`.

use std::path::{Path, PathBuf};

use permit_core::messages::text;
use permit_core::Lang;
use permit_keys::{Ask, Found, KeyError, Request, Source};
use permit_store::Key;

use crate::cli::CliError;
use crate::cli_args::Args;
use crate::workspace::encryption::{encrypt_workspace, Opened};
use crate::workspace::Workspace;

fn lang(a: &Args) -> Lang {
    a.lang.unwrap_or_default()
}

fn path_of(a: &Args) -> PathBuf {
    a.store.clone().unwrap_or_else(permit_store::default_path)
}

/// A key not found: exit code 3 (the workspace cannot be read), the
/// message names the file once.
fn key_error(e: KeyError) -> CliError {
    CliError::App(crate::workspace::AppError {
        kind: crate::kinds::ErrorKind::Io,
        ..app_key_error(e)
    })
}

/// A key not found, for the service's callers (the desktop app): no
/// keyring and no passphrase file is `needs_key` for an encrypted workspace
/// (the app asks for its passphrase or recovery key, saying why) and
/// `needs_new_key` for one to be encrypted (the app asks for a new
/// passphrase); anything else `io`.
pub fn app_key_error(e: KeyError) -> crate::workspace::AppError {
    let path = match &e {
        KeyError::NoKey { workspace, .. } | KeyError::Keyring { workspace, .. } => workspace,
        KeyError::PassphraseFile { path, .. } | KeyError::Io { path, .. } => path,
    };
    crate::workspace::AppError {
        kind: match &e {
            KeyError::NoKey { workspace, .. }
                if permit_store::is_encrypted(workspace).ok().flatten() == Some(true) =>
            {
                crate::kinds::ErrorKind::NeedsKey
            }
            KeyError::NoKey { .. } => crate::kinds::ErrorKind::NeedsNewKey,
            _ => crate::kinds::ErrorKind::Io,
        },
        path: Some(path.display().to_string()),
        message: e.to_string(),
        fields: vec![],
        lang: None,
    }
}

/// The desktop app's workspace at `path` (else the default): a plain one
/// opened as it is (Settings shows it is not encrypted), else with its key
/// from `PERMIT_PACKET_PASSPHRASE_FILE` or the OS keyring (a new workspace:
/// a key made there). The app has no terminal to ask: where no key is
/// found, the error says why.
pub fn open_desktop(path: Option<&Path>) -> crate::workspace::AppResult<Workspace> {
    let path = path
        .map(Path::to_owned)
        .unwrap_or_else(permit_store::default_path);
    // A team workspace: the server's login, no key (docs/team.md).
    if is_team(&path) {
        return Workspace::open(Some(&path));
    }
    checked(&path)?;
    if permit_store::is_encrypted(&path).ok().flatten() == Some(false) {
        return Workspace::open(Some(&path));
    }
    let found = permit_keys::resolve(Request {
        workspace: &path,
        passphrase_file: permit_keys::passphrase_file(None),
        ask: None,
    })
    .map_err(app_key_error)?;
    match Workspace::open_keyed(Some(&path), &found.key)? {
        Opened::Open(ws) | Opened::NeedsEncryption(ws) => Ok(*ws),
    }
}

/// The desktop app's workspace at `path` opened with what the user typed in
/// its passphrase dialog, where no keyring answered ([`open_desktop`]'s
/// `needs_key`): the passphrase or the recovery key of an encrypted
/// workspace (`wrong_key` when it does not open it, the file untouched), or
/// the new passphrase of a workspace not yet made (created encrypted with
/// it). A recovery key is put back in the keyring when one answers. The
/// typed text is never kept or shown.
pub fn open_desktop_with(path: &Path, typed: &str) -> crate::workspace::AppResult<Workspace> {
    if !is_team(path) {
        checked(path)?;
    }
    if is_team(path) || permit_store::is_encrypted(path).ok().flatten() == Some(false) {
        return Err(crate::workspace::AppError {
            kind: crate::kinds::ErrorKind::Invalid,
            message: text(Lang::En, "app.key.no_passphrase_needed", &[]),
            path: Some(path.display().to_string()),
            fields: vec![],
            lang: Some(Lang::En),
        });
    }
    let Some((key, recovery)) = permit_keys::key_of_text(typed) else {
        return Err(app_key_error(KeyError::NoKey {
            workspace: path.to_owned(),
            why: text(Lang::En, "app.key.no_passphrase_given", &[]),
        }));
    };
    let ws = match Workspace::open_keyed(Some(path), &key)? {
        Opened::Open(ws) | Opened::NeedsEncryption(ws) => *ws,
    };
    if recovery {
        let _ = permit_keys::keyring_set(path, &key);
    }
    Ok(ws)
}

/// Settings' "Encrypt now" for the plain workspace at `path`, after the user
/// agreed (no workspace may be open on it): its key is made and kept in the
/// keyring, or is `passphrase` (chosen in the app's dialog where no keyring
/// answers: without one, `needs_key`); then the same checked copy as
/// `key encrypt` (kill-safe) replaces the plain file, and the workspace is
/// opened encrypted. Refused for a workspace already encrypted, a team
/// workspace, or one not yet made; on any error the plain file is as it was.
pub fn encrypt_desktop(
    path: &Path,
    passphrase: Option<&str>,
) -> crate::workspace::AppResult<Workspace> {
    let refuse = |key: &str| crate::workspace::AppError {
        kind: crate::kinds::ErrorKind::Invalid,
        message: text(Lang::En, key, &[]),
        path: Some(path.display().to_string()),
        fields: vec![],
        lang: Some(Lang::En),
    };
    if is_team(path) {
        return Err(refuse("app.key.team_encrypted_by_server"));
    }
    checked(path)?;
    match permit_store::is_encrypted(path).ok().flatten() {
        Some(false) => {}
        Some(true) => return Err(refuse("app.key.already_encrypted")),
        None => return Err(refuse("app.key.nothing_to_encrypt")),
    }
    let key = match passphrase.filter(|p| !p.is_empty()) {
        Some(p) => Key::Passphrase(p.to_owned()),
        None => {
            permit_keys::resolve(Request {
                workspace: path,
                passphrase_file: permit_keys::passphrase_file(None),
                ask: None,
            })
            .map_err(app_key_error)?
            .key
        }
    };
    encrypt_workspace(path, None, &key)?;
    match Workspace::open_keyed(Some(path), &key)? {
        Opened::Open(ws) | Opened::NeedsEncryption(ws) => Ok(*ws),
    }
}

/// Whether `path` is a team workspace's `postgres://` address.
fn is_team(path: &Path) -> bool {
    path.to_str().is_some_and(permit_store_postgres::is_address)
}

fn say(lang: Lang, key: &str, path: &Path) -> String {
    text(lang, key, &[("path", &path.display())])
}

/// Asks on the terminal, saying why: the passphrase or recovery key of an
/// encrypted workspace, or a new passphrase (twice, with the warning that
/// it is the only key).
fn ask_terminal(lang: Lang, path: &Path, ask: &Ask) -> Option<String> {
    match ask {
        Ask::Existing { why } => {
            eprintln!(
                "{}",
                text(
                    lang,
                    "cli.key.ask_existing",
                    &[("path", &path.display()), ("why", why)]
                )
            );
            permit_keys::read_hidden(&text(lang, "cli.key.prompt_existing", &[]))
        }
        Ask::New { why } => {
            eprintln!(
                "{}",
                text(
                    lang,
                    "cli.key.ask_new",
                    &[("path", &path.display()), ("why", why)]
                )
            );
            new_passphrase(lang)
        }
    }
}

/// A new passphrase typed twice; `None` when the two differ or none is given.
fn new_passphrase(lang: Lang) -> Option<String> {
    let first = permit_keys::read_hidden(&text(lang, "cli.key.prompt_new", &[]))?;
    let again = permit_keys::read_hidden(&text(lang, "cli.key.prompt_again", &[]))?;
    if first != again || first.is_empty() {
        eprintln!("{}", text(lang, "cli.key.mismatch", &[]));
        return None;
    }
    Some(first)
}

/// The key of the workspace at `path`, from the option, the environment,
/// the keyring or the terminal.
fn find_key(a: &Args, path: &Path) -> Result<Found, CliError> {
    let l = lang(a);
    let mut asker = |ask: &Ask| ask_terminal(l, path, ask);
    permit_keys::resolve(Request {
        workspace: path,
        passphrase_file: permit_keys::passphrase_file(a.passphrase_file.as_deref()),
        ask: if permit_keys::can_ask() {
            Some(&mut asker)
        } else {
            None
        },
    })
    .map_err(key_error)
}

/// After a key was made for a workspace kept in the keyring: where the key
/// is and what to do before the keyring is lost.
fn after_made(a: &Args, path: &Path, found: &Found) {
    if found.made && found.source == Source::Keyring {
        eprintln!("{}", say(lang(a), "cli.key.made_keyring", path));
    }
}

/// Opens the workspace `--store` names (else the app's) with its key. A
/// plain workspace is opened as it is; on a terminal the user is first
/// asked whether to encrypt it (`key encrypt` does it too).
pub fn open(a: &Args) -> Result<Workspace, CliError> {
    let path = path_of(a);
    if is_team(&path) {
        return Ok(Workspace::open(Some(&path))?);
    }
    checked(&path)?;
    let state = permit_store::is_encrypted(&path).map_err(|e| CliError::Io {
        path: path.clone(),
        message: e.to_string(),
    })?;
    if state == Some(false) {
        if !permit_keys::can_ask() {
            return Ok(Workspace::open(Some(&path))?);
        }
        let l = lang(a);
        eprintln!("{}", say(l, "cli.key.plain_notice", &path));
        eprint!("{}", text(l, "cli.key.encrypt_ask", &[]));
        let mut answer = String::new();
        let answered = std::io::stdin().read_line(&mut answer).is_ok();
        let yes = answered && {
            let t = answer.trim().to_lowercase();
            t == "y" || t == "yes" || t == "j" || t == "ja"
        };
        if !yes {
            return Ok(Workspace::open(Some(&path))?);
        }
        encrypt(a, &path)?;
    }
    let found = find_key(a, &path)?;
    let ws = match Workspace::open_keyed(Some(&path), &found.key)? {
        Opened::Open(ws) | Opened::NeedsEncryption(ws) => *ws,
    };
    after_made(a, &path, &found);
    if found.recovery {
        // Opened with the recovery key: the keyring (when one answers)
        // keeps it again, so the next start needs nothing typed.
        let _ = permit_keys::keyring_set(&path, &found.key);
    }
    Ok(ws)
}

/// Refuses a workspace path that is not a regular file (a device, a named
/// pipe, a companion file of that kind) before anything reads it, as the
/// store would.
fn checked(path: &Path) -> crate::workspace::AppResult<()> {
    permit_files::check_workspace_path(path).map_err(|e| {
        permit_store::StoreError::Io {
            path: path.to_owned(),
            message: e.to_string(),
        }
        .into()
    })
}

/// Encrypts the plain workspace at `path` with a key found or made.
fn encrypt(a: &Args, path: &Path) -> Result<Found, CliError> {
    let found = find_key(a, path)?;
    encrypt_workspace(path, None, &found.key)?;
    after_made(a, path, &found);
    eprintln!("{}", say(lang(a), "cli.key.encrypted_now", path));
    Ok(found)
}

/// `key status | encrypt | change-passphrase | recovery-key`.
pub fn execute(a: &Args) -> Result<String, CliError> {
    let path = path_of(a);
    checked(&path)?;
    let l = lang(a);
    let state = permit_store::is_encrypted(&path).map_err(|e| CliError::Io {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let not_encrypted = || CliError::Usage(say(l, "cli.key.not_encrypted", &path));
    match a.positional.first().map(String::as_str) {
        Some("status") => Ok(status(l, &path, state)),
        Some("encrypt") => match state {
            Some(false) => {
                encrypt(a, &path)?;
                Ok(String::new())
            }
            Some(true) => Ok(format!("{}\n", say(l, "cli.key.already", &path))),
            None => Err(CliError::Usage(say(l, "cli.key.no_workspace", &path))),
        },
        Some("recovery-key") => {
            if state != Some(true) {
                return Err(not_encrypted());
            }
            let current = find_key(a, &path)?;
            if let Key::Passphrase(pass) = &current.key {
                // A passphrase workspace: its recovery key is the key the
                // passphrase stands for in the file (SQLCipher's derived
                // key), which opens it when the passphrase is forgotten; the
                // passphrase keeps working. Re-encrypted with the same
                // passphrase first (a new salt), so an earlier recovery key
                // stops working. Nothing is written beside the workspace.
                encrypt_workspace(&path, Some(&current.key), &current.key)?;
                let recovery = permit_store::recovery_key_of(&path, pass)
                    .map_err(crate::workspace::AppError::from)?;
                let Key::Raw(raw) = &recovery else {
                    unreachable!("recovery_key_of gives a raw key")
                };
                return Ok(format!(
                    "{}\n\n    {}\n\n{}\n",
                    say(l, "cli.key.recovery_shown", &path),
                    permit_keys::recovery_text(raw),
                    text(l, "cli.key.recovery_keep_passphrase", &[])
                ));
            }
            // A random key (the keyring's, or a recovery key typed): without
            // a keyring to keep a new one, the key in use stays the only key.
            if let Err(why) = permit_keys::keyring_get(&path) {
                return Err(CliError::Usage(text(
                    l,
                    "cli.key.no_keyring_recovery",
                    &[("why", &why)],
                )));
            }
            let new = permit_keys::random_key().map_err(key_error)?;
            encrypt_workspace(&path, Some(&current.key), &new)?;
            let kept = permit_keys::keyring_set(&path, &new);
            let Key::Raw(raw) = &new else {
                unreachable!("random_key makes a raw key")
            };
            let mut out = format!(
                "{}\n\n    {}\n\n{}\n",
                say(l, "cli.key.recovery_shown", &path),
                permit_keys::recovery_text(raw),
                text(l, "cli.key.recovery_keep", &[])
            );
            if let Err(why) = kept {
                out.push_str(&text(l, "cli.key.recovery_not_kept", &[("why", &why)]));
                out.push('\n');
            }
            Ok(out)
        }
        Some("change-passphrase") => {
            if state != Some(true) {
                return Err(not_encrypted());
            }
            let current = find_key(a, &path)?;
            let new = match &a.new_passphrase_file {
                Some(file) => {
                    permit_keys::read_passphrase_file(file)
                        .map_err(key_error)?
                        .0
                }
                None if permit_keys::can_ask() => match new_passphrase(l) {
                    Some(p) => Key::Passphrase(p),
                    None => return Err(CliError::Usage(text(l, "cli.key.mismatch", &[]))),
                },
                None => return Err(CliError::Usage(text(l, "cli.key.new_needed", &[]))),
            };
            encrypt_workspace(&path, Some(&current.key), &new)?;
            let _ = permit_keys::keyring_delete(&path);
            Ok(format!("{}\n", say(l, "cli.key.changed", &path)))
        }
        _ => Err(CliError::Usage(text(l, "cli.key.expected", &[]))),
    }
}

/// `key status`: whether the workspace is encrypted and what the keyring holds.
fn status(l: Lang, path: &Path, state: Option<bool>) -> String {
    let encrypted = match state {
        None => "cli.key.status.none",
        Some(false) => "cli.key.status.plain",
        Some(true) => "cli.key.status.encrypted",
    };
    let keyring = match permit_keys::keyring_get(path) {
        Ok(Some(_)) => text(l, "cli.key.status.keyring_holds", &[]),
        Ok(None) => text(l, "cli.key.status.keyring_none", &[]),
        Err(why) => text(l, "cli.key.status.keyring_absent", &[("why", &why)]),
    };
    format!(
        "{}: {}\n{}: {}\n{}: {}\n",
        text(l, "cli.key.status.workspace", &[]),
        path.display(),
        text(l, "cli.key.status.state", &[]),
        text(l, encrypted, &[]),
        text(l, "cli.key.status.keyring", &[]),
        keyring
    )
}

/// `case export` with `--case-passphrase-file` (age, scrypt) or
/// `--recipient` (age public keys): an encrypted case file; else a plain one.
pub fn export_case(
    ws: &mut Workspace,
    id: i64,
    out: &Path,
    a: &Args,
) -> Result<crate::workspace::ExportResult, CliError> {
    use permit_batch::sealed::Seal;
    Ok(if let Some(file) = &a.case_passphrase_file {
        let pass = permit_keys::read_secret_file(file).map_err(key_error)?;
        let pass = pass.trim_end_matches(['\n', '\r']);
        ws.export_case_file_sealed(id, out, Some(&Seal::Passphrase(pass)))?
    } else if !a.recipients.is_empty() {
        ws.export_case_file_sealed(id, out, Some(&Seal::Recipients(&a.recipients)))?
    } else {
        ws.export_case_file(id, out)?
    })
}

/// `case import`: a plain case file, or an encrypted one opened with
/// `--case-passphrase-file`, `--identity`, or a passphrase asked on the
/// terminal. A wrong key or a damaged file imports nothing. A file that
/// matches a case already in the workspace is treated as `--on-duplicate`
/// says (default `new`).
pub fn import_case(
    ws: &mut Workspace,
    file: &Path,
    a: &Args,
) -> Result<crate::workspace::CaseImport, CliError> {
    use permit_batch::sealed::Unseal;
    let v = a.view();
    let dup = a.on_duplicate.unwrap_or(crate::workspace::OnDuplicate::New);
    if let Some(id) = &a.identity {
        let text = permit_keys::read_secret_file(id).map_err(key_error)?;
        return Ok(ws.import_case_unsealed(file, v, Some(&Unseal::Identity(&text)), dup)?);
    }
    if let Some(p) = &a.case_passphrase_file {
        let pass = permit_keys::read_secret_file(p).map_err(key_error)?;
        let pass = pass.trim_end_matches(['\n', '\r']);
        return Ok(ws.import_case_unsealed(file, v, Some(&Unseal::Passphrase(pass)), dup)?);
    }
    match ws.import_case_unsealed(file, v, None, dup) {
        Err(e) if e.kind == crate::kinds::ErrorKind::NeedsKey && permit_keys::can_ask() => {
            let prompt = text(
                lang(a),
                "cli.key.prompt_case_file",
                &[("path", &file.display())],
            );
            let pass = permit_keys::read_hidden(&prompt).unwrap_or_default();
            Ok(ws.import_case_unsealed(file, v, Some(&Unseal::Passphrase(&pass)), dup)?)
        }
        other => Ok(other?),
    }
}
