//! Where the key of an encrypted workspace comes from. The store only
//! receives a [`Key`]; this crate finds it, in this order:
//!
//! 1. a passphrase file, named by the front end (`--passphrase-file FILE`)
//!    or by [`PASSPHRASE_FILE_ENV`] — never the passphrase itself as an
//!    argument. The file holds a passphrase, or a recovery key
//!    ([`recovery_text`]);
//! 2. the OS keyring (Secret Service over D-Bus, the `keyring` crate): a
//!    random 32-byte key per workspace, made at first start
//!    ([`KEYRING_SERVICE`], the workspace's absolute path as the account);
//! 3. the terminal: the front end asks ([`Ask`]), saying why the keyring did
//!    not answer. Where it cannot ask, [`KeyError::NoKey`] says why.
//!
//! There is never a key file beside the workspace, and the key is never in
//! an error or a log ([`Key`]'s `Debug` is redacted; errors name files and
//! reasons only).

use std::path::{Path, PathBuf};

pub use permit_store::Key;
use permit_store::RAW_KEY_LEN;

/// The environment variable naming a passphrase file (for scripts and CI;
/// the command line's `--passphrase-file` wins over it).
pub const PASSPHRASE_FILE_ENV: &str = "PERMIT_PACKET_PASSPHRASE_FILE";

/// The keyring's service name for workspace keys.
pub const KEYRING_SERVICE: &str = "permit-packet";

/// The largest passphrase file read, in bytes.
pub const MAX_PASSPHRASE_FILE: u64 = 4096;

/// What starts a recovery key, so it is told from a passphrase.
pub const RECOVERY_PREFIX: &str = "PPRK";

/// Where a key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The OS keyring.
    Keyring,
    /// A passphrase file (the option or the environment variable).
    PassphraseFile(PathBuf),
    /// Typed on the terminal.
    Terminal,
}

/// A key found for a workspace.
#[derive(Debug)]
pub struct Found {
    /// The key.
    pub key: Key,
    /// Where it came from.
    pub source: Source,
    /// Whether the key was made now (a new workspace, or one to encrypt):
    /// nothing is encrypted with it yet.
    pub made: bool,
    /// Whether it is a recovery key (typed or in the passphrase file).
    pub recovery: bool,
}

/// Why the front end is asked for a passphrase on the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// An encrypted workspace whose key the keyring does not give: the
    /// passphrase or the recovery key. `why` is the keyring's answer.
    Existing {
        /// The keyring's answer, in its words.
        why: String,
    },
    /// A workspace about to be encrypted and no keyring to keep its key:
    /// a new passphrase (the front end asks twice and warns that a lost
    /// passphrase loses the data).
    New {
        /// The keyring's answer, in its words.
        why: String,
    },
}

/// Why no key was found. Never holds the key.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// No passphrase file, no keyring, and the terminal cannot be asked.
    #[error("{}: no key for this workspace: {why}; and no passphrase file was given (--passphrase-file FILE or {PASSPHRASE_FILE_ENV}), nor could one be asked for on a terminal", workspace.display())]
    NoKey {
        /// The workspace.
        workspace: PathBuf,
        /// The keyring's answer.
        why: String,
    },
    /// The passphrase file cannot be used.
    #[error("{}: {message}", path.display())]
    PassphraseFile {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The keyring failed to keep a new key.
    #[error("the keyring did not keep the key of {}: {message}", workspace.display())]
    Keyring {
        /// The workspace.
        workspace: PathBuf,
        /// The keyring's answer.
        message: String,
    },
    /// The workspace file cannot be read.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

/// A recovery key as people read and type it: `PPRK-` and the 32 bytes as
/// 16 groups of 4 hex digits.
pub fn recovery_text(bytes: &[u8; RAW_KEY_LEN]) -> String {
    let mut out = String::from(RECOVERY_PREFIX);
    for pair in bytes.chunks(2) {
        out.push('-');
        for b in pair {
            out.push_str(&format!("{b:02X}"));
        }
    }
    out
}

/// Reads a recovery key ([`recovery_text`]; case, spaces and dashes do not
/// matter); `None` when `text` is not one.
pub fn parse_recovery(text: &str) -> Option<[u8; RAW_KEY_LEN]> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let hex = t.strip_prefix(RECOVERY_PREFIX)?;
    if hex.len() != 2 * RAW_KEY_LEN || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; RAW_KEY_LEN];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The key a typed or read text stands for: a recovery key, else a
/// passphrase (a trailing line end removed). `None` for an empty text.
pub fn key_of_text(text: &str) -> Option<(Key, bool)> {
    let t = text.strip_suffix('\n').unwrap_or(text);
    let t = t.strip_suffix('\r').unwrap_or(t);
    if t.is_empty() {
        return None;
    }
    Some(match parse_recovery(t) {
        Some(raw) => (Key::Raw(raw), true),
        None => (Key::Passphrase(t.to_owned()), false),
    })
}

/// A new random key (the operating system's random source).
pub fn random_key() -> Result<Key, KeyError> {
    let mut raw = [0u8; RAW_KEY_LEN];
    getrandom::fill(&mut raw).map_err(|e| KeyError::Io {
        path: PathBuf::from("/dev/urandom"),
        message: e.to_string(),
    })?;
    let key = Key::Raw(raw);
    zeroize::Zeroize::zeroize(&mut raw);
    Ok(key)
}

/// Reads a passphrase file: a regular file of at most
/// [`MAX_PASSPHRASE_FILE`] bytes of UTF-8 text, not empty.
pub fn read_passphrase_file(path: &Path) -> Result<(Key, bool), KeyError> {
    let text = read_secret_file(path)?;
    key_of_text(&text).ok_or_else(|| KeyError::PassphraseFile {
        path: path.to_owned(),
        message: "the file is empty".into(),
    })
}

/// The text of a file holding a secret (a passphrase, an age identity): a
/// regular file of at most [`MAX_PASSPHRASE_FILE`] bytes of UTF-8 text. A
/// trailing line end is kept (see [`key_of_text`]).
pub fn read_secret_file(path: &Path) -> Result<String, KeyError> {
    let err = |message: String| KeyError::PassphraseFile {
        path: path.to_owned(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read it: {e}")))?;
    if !meta.is_file() {
        return Err(err("not a regular file".into()));
    }
    if meta.len() > MAX_PASSPHRASE_FILE {
        return Err(err(format!(
            "larger than {MAX_PASSPHRASE_FILE} bytes: a passphrase file holds one passphrase or recovery key"
        )));
    }
    let mut bytes = std::fs::read(path).map_err(|e| err(format!("cannot read it: {e}")))?;
    let result = match std::str::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(err("not UTF-8 text".into())),
    };
    zeroize::Zeroize::zeroize(&mut bytes);
    result
}

/// The keyring account of a workspace: its absolute path (the folder made
/// canonical, so two spellings of one file share a key).
pub fn account(workspace: &Path) -> String {
    let abs = std::path::absolute(workspace).unwrap_or_else(|_| workspace.to_owned());
    let canonical = match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map(|d| d.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    };
    canonical.display().to_string()
}

/// The OS keyring's entry for `workspace`, or its refusal in its words.
fn entry(workspace: &Path) -> Result<keyring::Entry, String> {
    keyring::Entry::new(KEYRING_SERVICE, &account(workspace)).map_err(|e| {
        // The keyring's own reason (no session bus, no Secret Service)
        // rather than "no default store".
        match keyring::Entry::store_status() {
            Err(why) => why.to_string(),
            Ok(()) => e.to_string(),
        }
    })
}

/// What the keyring holds for `workspace`: `Ok(Some(key))`, `Ok(None)`
/// when it answers but holds none, `Err(why)` when no keyring answers.
pub fn keyring_get(workspace: &Path) -> Result<Option<Key>, String> {
    let entry = entry(workspace)?;
    match entry.get_secret() {
        Ok(mut bytes) => {
            let key = <[u8; RAW_KEY_LEN]>::try_from(bytes.as_slice())
                .map(Key::Raw)
                .map_err(|_| "the keyring's entry is not a workspace key".to_owned());
            zeroize::Zeroize::zeroize(&mut bytes);
            key.map(Some)
        }
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Keeps a raw `key` for `workspace` in the keyring (read back to check).
/// A passphrase is never kept there.
pub fn keyring_set(workspace: &Path, key: &Key) -> Result<(), String> {
    let Key::Raw(raw) = key else {
        return Err("only a random key is kept in the keyring".into());
    };
    let entry = entry(workspace)?;
    entry.set_secret(raw).map_err(|e| e.to_string())?;
    match keyring_get(workspace)? {
        Some(back) if back == *key => Ok(()),
        _ => Err("the keyring did not give the key back".into()),
    }
}

/// Removes the keyring's key of `workspace` (when it is now encrypted with
/// a passphrase instead). Nothing there is not an error.
pub fn keyring_delete(workspace: &Path) -> Result<(), String> {
    match entry(workspace)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// The front end's question on the terminal: the answer typed, `None`
/// when the user gave none.
pub type Asker<'a> = &'a mut dyn FnMut(&Ask) -> Option<String>;

/// What a front end says about where keys come from.
pub struct Request<'a> {
    /// The workspace file.
    pub workspace: &'a Path,
    /// `--passphrase-file`, else [`PASSPHRASE_FILE_ENV`] (see [`passphrase_file`]).
    pub passphrase_file: Option<PathBuf>,
    /// Asks on the terminal; `None` when it cannot (not a terminal), or
    /// the answer (`None`: the user gave none).
    pub ask: Option<Asker<'a>>,
}

/// `--passphrase-file`, else the file [`PASSPHRASE_FILE_ENV`] names.
pub fn passphrase_file(option: Option<&Path>) -> Option<PathBuf> {
    option
        .map(Path::to_owned)
        .or_else(|| std::env::var_os(PASSPHRASE_FILE_ENV).map(PathBuf::from))
        .filter(|p| !p.as_os_str().is_empty())
}

/// Finds the key of the workspace `req.workspace` (see the crate's
/// documentation for the order). For a workspace that does not exist yet
/// or is not encrypted yet, a key is made (kept in the keyring) or a new
/// passphrase asked for: [`Found::made`].
pub fn resolve(req: Request<'_>) -> Result<Found, KeyError> {
    let encrypted = permit_store::is_encrypted(req.workspace).map_err(|e| KeyError::Io {
        path: req.workspace.to_owned(),
        message: e.to_string(),
    })? == Some(true);
    if let Some(path) = req.passphrase_file {
        let (key, recovery) = read_passphrase_file(&path)?;
        return Ok(Found {
            key,
            source: Source::PassphraseFile(path),
            made: !encrypted,
            recovery,
        });
    }
    let why = match keyring_get(req.workspace) {
        Ok(Some(key)) => {
            return Ok(Found {
                key,
                source: Source::Keyring,
                made: false,
                recovery: false,
            })
        }
        Ok(None) if !encrypted => {
            let key = random_key()?;
            keyring_set(req.workspace, &key).map_err(|message| KeyError::Keyring {
                workspace: req.workspace.to_owned(),
                message,
            })?;
            return Ok(Found {
                key,
                source: Source::Keyring,
                made: true,
                recovery: false,
            });
        }
        Ok(None) => "the keyring holds no key for this workspace".to_owned(),
        Err(why) => format!("no keyring answered ({why})"),
    };
    let ask = if encrypted {
        Ask::Existing { why: why.clone() }
    } else {
        Ask::New { why: why.clone() }
    };
    let Some(asker) = req.ask else {
        return Err(KeyError::NoKey {
            workspace: req.workspace.to_owned(),
            why,
        });
    };
    match asker(&ask).as_deref().and_then(key_of_text) {
        Some((key, recovery)) => Ok(Found {
            key,
            source: Source::Terminal,
            made: !encrypted,
            recovery,
        }),
        None => Err(KeyError::NoKey {
            workspace: req.workspace.to_owned(),
            why,
        }),
    }
}

/// Whether the user can be asked on a terminal (standard input and
/// standard error are terminals).
pub fn can_ask() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks on the terminal with `prompt` (on standard error) and reads a line
/// without echoing it; `None` when nothing could be read.
pub fn read_hidden(prompt: &str) -> Option<String> {
    rpassword::prompt_password(prompt).ok()
}

/// The keyring's service for the passwords of team workspaces (the account
/// is the address without its password).
pub const TEAM_KEYRING_SERVICE: &str = "permit-packet-team";

fn team_entry(address: &str) -> Result<keyring::Entry, String> {
    keyring::Entry::new(TEAM_KEYRING_SERVICE, address).map_err(|e| {
        match keyring::Entry::store_status() {
            Err(why) => why.to_string(),
            Ok(()) => e.to_string(),
        }
    })
}

/// The password the keyring keeps for the team workspace at `address`
/// (given without password): `Ok(None)` when it holds none, `Err(why)` when
/// no keyring answers.
pub fn team_password_get(address: &str) -> Result<Option<String>, String> {
    match team_entry(address)?.get_password() {
        Ok(pw) => Ok(Some(pw)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Keeps `password` for the team workspace at `address` in the keyring
/// (read back to check).
pub fn team_password_set(address: &str, password: &str) -> Result<(), String> {
    team_entry(address)?
        .set_password(password)
        .map_err(|e| e.to_string())?;
    match team_password_get(address)? {
        Some(back) if back == password => Ok(()),
        _ => Err("the keyring did not give the password back".into()),
    }
}

/// Forgets the team workspace's password. Nothing there is not an error.
pub fn team_password_delete(address: &str) -> Result<(), String> {
    match team_entry(address)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_and_is_told_from_a_passphrase() {
        let raw: [u8; RAW_KEY_LEN] = std::array::from_fn(|i| (i * 7 + 3) as u8);
        let text = recovery_text(&raw);
        assert!(text.starts_with("PPRK-"));
        assert_eq!(text.len(), 4 + 16 * 5);
        assert_eq!(parse_recovery(&text), Some(raw));
        assert_eq!(
            parse_recovery(&text.to_lowercase().replace('-', " ")),
            Some(raw)
        );
        assert_eq!(parse_recovery(&text[..text.len() - 1]), None);
        assert_eq!(parse_recovery("correct horse battery staple"), None);
        let (key, recovery) = key_of_text(&format!("{text}\n")).unwrap();
        assert!(recovery && key == Key::Raw(raw));
        let (key, recovery) = key_of_text("pass word\r\n").unwrap();
        assert!(!recovery && key == Key::Passphrase("pass word".into()));
        assert!(key_of_text("\n").is_none());
    }

    #[test]
    fn random_keys_differ() {
        assert_ne!(random_key().unwrap(), random_key().unwrap());
    }
}
