//! The app's team workspace (Settings → "Connect to a team workspace…"):
//! the address is remembered without its password in the data folder
//! (`team-workspace.json`, private), the password in the OS keyring
//! (`permit_keys::team_password_*`), never in a file. The next start opens
//! the remembered team workspace with the keyring's password; "Use this
//! computer's workspace" forgets the address (and the password).
//!
//! Nothing here talks to the server itself: the service opens the
//! workspace ([`Workspace::open_team`]); the database decides what the
//! login may see.

use std::path::{Path, PathBuf};

use permit_core::Lang;
use serde::{Deserialize, Serialize};

use crate::workspace::{AppError, AppResult, Workspace};

/// The file that remembers the team workspace, beside the default workspace.
pub fn remembered_file() -> PathBuf {
    permit_store::default_path().with_file_name("team-workspace.json")
}

#[derive(Serialize, Deserialize)]
struct Remembered {
    /// The address, without its password.
    address: String,
}

/// The remembered team workspace's address in `file`, if one is (a file
/// that cannot be read as one is treated as none: the user connects again).
pub fn remembered_in(file: &Path) -> Option<String> {
    let bytes = permit_files::read_limited(file, 64 * 1024).ok()?;
    let r: Remembered = serde_json::from_slice(&bytes).ok()?;
    permit_store_postgres::is_address(&r.address).then_some(r.address)
}

/// Remembers `address` (without its password) in `file`: written whole or
/// not at all, private.
pub fn remember_in(file: &Path, address: &str) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        permit_files::private_dir(dir)?;
    }
    let r = Remembered {
        address: permit_store_postgres::conn::without_password(address),
    };
    let bytes = serde_json::to_vec_pretty(&r).map_err(std::io::Error::other)?;
    permit_files::write_atomic(file, &bytes, true)
}

/// Forgets the remembered team workspace of `file` (none is not an error).
pub fn forget_in(file: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(file) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// An error the UI shows in the connection dialog (from the catalogue).
fn app_error(
    kind: &str,
    lang: Lang,
    key: &str,
    args: &[(&str, &dyn std::fmt::Display)],
) -> AppError {
    AppError {
        kind: kind.into(),
        message: permit_core::messages::text(lang, key, args),
        path: None,
        fields: vec![],
        lang: Some(lang),
    }
}

/// The catalogue's error for a remembered file that cannot be written or
/// removed.
pub fn io_error(lang: Lang, e: &std::io::Error) -> AppError {
    app_error("io", lang, "team.connect.cannot_remember", &[("reason", e)])
}

/// What [`connect`] did with the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamConnected {
    /// The workspace now open.
    pub info: crate::workspace::WorkspaceInfo,
    /// Whether the password is kept in the keyring for the next start.
    pub password_kept: bool,
    /// Why it is not, when it was to be kept (the keyring's words).
    pub keyring_problem: Option<String>,
}

/// Connects to the team workspace at `url` as its officer with `password`
/// (none: the keyring's, else `PGPASSWORD`/`~/.pgpass`). Connected, the
/// address is remembered in `file` and, with `keep_password`, the password
/// kept in the keyring (a keyring that does not answer is said, and the
/// workspace stays open). A failure changes nothing.
pub fn connect(
    file: &Path,
    url: &str,
    password: Option<&str>,
    keep_password: bool,
    lang: Lang,
) -> AppResult<(Workspace, TeamConnected)> {
    let url = url.trim();
    if !permit_store_postgres::is_address(url) {
        return Err(app_error("invalid", lang, "team.connect.not_address", &[]));
    }
    let address = permit_store_postgres::conn::without_password(url);
    let kept = match password {
        Some(_) => None,
        None => permit_keys::team_password_get(&address).ok().flatten(),
    };
    let password = password.filter(|p| !p.is_empty()).or(kept.as_deref());
    let ws = Workspace::open_team(url, password)?;
    let info = ws.info()?;
    remember_in(file, &address).map_err(|e| io_error(lang, &e))?;
    let (password_kept, keyring_problem) = match (keep_password, password) {
        (true, Some(pw)) => match permit_keys::team_password_set(&address, pw) {
            Ok(()) => (true, None),
            Err(why) => (false, Some(why)),
        },
        (false, _) => {
            let _ = permit_keys::team_password_delete(&address);
            (false, None)
        }
        (true, None) => (false, None),
    };
    Ok((
        ws,
        TeamConnected {
            info,
            password_kept,
            keyring_problem,
        },
    ))
}

/// The remembered team workspace of `file`, opened with the keyring's
/// password (`None`: none is remembered). A failure (server down, password
/// changed) is the caller's to show; the address stays remembered.
pub fn open_remembered(file: &Path) -> Option<AppResult<Workspace>> {
    let address = remembered_in(file)?;
    let password = permit_keys::team_password_get(&address).ok().flatten();
    Some(Workspace::open_team(&address, password.as_deref()))
}

/// Forgets the remembered team workspace of `file` and its kept password.
pub fn disconnect(file: &Path) -> std::io::Result<()> {
    if let Some(address) = remembered_in(file) {
        let _ = permit_keys::team_password_delete(&address);
    }
    forget_in(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pp-team-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("data").join("team-workspace.json")
    }

    #[test]
    fn the_address_is_remembered_privately_without_its_password_and_forgotten() {
        let file = temp("remember");
        assert_eq!(remembered_in(&file), None);
        remember_in(
            &file,
            "postgres://ana:s3cret@db.example/team?sslmode=verify-full",
        )
        .unwrap();
        assert_eq!(
            remembered_in(&file).as_deref(),
            Some("postgres://ana@db.example/team?sslmode=verify-full")
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("s3cret"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&file), 0o600);
            assert_eq!(mode(file.parent().unwrap()), 0o700);
        }
        forget_in(&file).unwrap();
        forget_in(&file).unwrap();
        assert_eq!(remembered_in(&file), None);
    }

    #[test]
    fn a_damaged_or_foreign_remembered_file_is_none() {
        let file = temp("damaged");
        permit_files::private_dir(file.parent().unwrap()).unwrap();
        for text in ["", "{", "{\"address\": \"/home/ana/ws.sqlite3\"}", "[1]"] {
            std::fs::write(&file, text).unwrap();
            assert_eq!(remembered_in(&file), None, "{text}");
        }
    }

    #[test]
    fn connecting_to_what_is_not_a_team_address_changes_nothing() {
        let file = temp("not-address");
        for lang in [Lang::En, Lang::Da] {
            let Err(e) = connect(&file, "/home/ana/ws.sqlite3", Some("pw"), true, lang) else {
                panic!("connected to a file path")
            };
            assert_eq!(e.kind, "invalid");
            assert_eq!(
                e.message,
                permit_core::messages::text(lang, "team.connect.not_address", &[])
            );
        }
        assert!(!file.exists());
    }

    #[test]
    fn a_server_that_does_not_answer_is_named_and_nothing_is_remembered() {
        let file = temp("down");
        // Port 9 (discard) on this machine: nothing listens.
        let Err(e) = connect(
            &file,
            "postgres://ana@127.0.0.1:9/team?sslmode=disable&connect_timeout=2",
            Some("pw"),
            true,
            Lang::En,
        ) else {
            panic!("connected to a port where nothing listens")
        };
        assert!(e.message.contains("127.0.0.1"), "{e:?}");
        assert!(!e.message.contains("pw@"), "{e:?}");
        assert!(!file.exists());
        assert!(open_remembered(&file).is_none());
    }
}
