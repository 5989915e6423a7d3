//! The key of an encrypted workspace (SQLCipher). The store only receives
//! it: where it comes from (the OS keyring, a passphrase) is decided by the
//! caller (`permit-keys`). A key is never shown: its `Debug` is redacted
//! and no error or log carries it.

use std::fmt;

use zeroize::Zeroize;

/// The length of a raw key, in bytes (AES-256).
pub const RAW_KEY_LEN: usize = 32;

/// The key of an encrypted workspace: 32 random bytes (kept in the OS
/// keyring; shown to the user only as a recovery key) or a passphrase
/// (stretched by SQLCipher's PBKDF2 with the file's own salt). Wiped from
/// memory when dropped; `Debug` prints `Key(redacted)`.
#[derive(Clone, PartialEq, Eq)]
pub enum Key {
    /// 32 random bytes, used as they are (no key derivation).
    Raw([u8; RAW_KEY_LEN]),
    /// A passphrase the user chose.
    Passphrase(String),
}

impl Key {
    /// The value of `PRAGMA key` / `PRAGMA rekey` / `ATTACH … KEY` for this
    /// key (SQLCipher reads `x'…'` of 64 hex digits as a raw key).
    pub(crate) fn pragma_value(&self) -> String {
        match self {
            Key::Raw(bytes) => {
                let mut s = String::with_capacity(3 + 2 * RAW_KEY_LEN);
                s.push_str("x'");
                for b in bytes {
                    s.push_str(&format!("{b:02X}"));
                }
                s.push('\'');
                s
            }
            Key::Passphrase(p) => p.clone(),
        }
    }

    /// The same value as an SQL string literal (quotes doubled), for
    /// `ATTACH … KEY '…'`.
    pub(crate) fn sql_literal(&self) -> String {
        let mut v = self.pragma_value();
        let lit = format!("'{}'", v.replace('\'', "''"));
        v.zeroize();
        lit
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Key::Raw(_) => "Key::Raw(redacted)",
            Key::Passphrase(_) => "Key::Passphrase(redacted)",
        })
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        match self {
            Key::Raw(b) => b.zeroize(),
            Key::Passphrase(p) => p.zeroize(),
        }
    }
}

/// Whether the workspace file at `path` is encrypted: `Some(false)` for a
/// plain SQLite file (its header is readable), `Some(true)` for a file of
/// some length without that header (an encrypted workspace, or a file that
/// is not a workspace at all: only its key can tell), `None` when there is
/// no file or it is empty (a new workspace). A path that is not a regular
/// file is an error, never opened.
pub fn is_encrypted(path: &std::path::Path) -> std::io::Result<Option<bool>> {
    use std::io::Read;
    // Never opened unless a regular file (a named pipe would block).
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(std::io::Error::other(
                "not a regular file, so not a workspace file",
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut head = [0u8; 16];
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(&head[..n] != b"SQLite format 3\0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let raw = Key::Raw([0xAB; RAW_KEY_LEN]);
        let pass = Key::Passphrase("correct horse".into());
        let shown = format!("{raw:?} {pass:?} {:?}", Some(&pass));
        assert!(!shown.contains("AB") && !shown.contains("ab"), "{shown}");
        assert!(!shown.contains("horse"), "{shown}");
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn a_raw_key_is_given_to_sqlcipher_as_64_hex_digits() {
        let raw = Key::Raw([0x0F; RAW_KEY_LEN]);
        let v = raw.pragma_value();
        assert_eq!(v.len(), 67);
        assert!(v.starts_with("x'0F0F") && v.ends_with('\''));
        assert_eq!(Key::Passphrase("it's".into()).sql_literal(), "'it''s'");
    }
}
