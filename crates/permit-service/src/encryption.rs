//! Encryption at rest of the workspace (SQLCipher, `permit-store`). The
//! service only receives the key: where it comes from (the OS keyring, a
//! passphrase file, the terminal) is the front end's, through `permit-keys`.
//!
//! A plain workspace opened with a key stays as it is until the user agrees
//! to encrypt it: [`Opened::NeedsEncryption`] says so, and
//! [`encrypt_workspace`] does it (an encrypted copy, verified, then renamed
//! over the plain file; a kill at any moment leaves one whole workspace).

use crate::prelude::*;
use permit_store::Key;

/// What opening with a key gave.
pub enum Opened {
    /// The workspace is open (encrypted, or new and created encrypted).
    Open(Box<Workspace>),
    /// The workspace exists and is not encrypted yet: it was opened as it
    /// is, and the front end asks whether to encrypt it
    /// ([`encrypt_workspace`]).
    NeedsEncryption(Box<Workspace>),
}

impl Workspace {
    /// Opens the workspace at `path` (or the default location) encrypted
    /// with `key`; a plain existing one is opened as it is and reported as
    /// [`Opened::NeedsEncryption`], untouched. A wrong key is
    /// `ErrorKind::WrongKey`, the file untouched.
    pub fn open_keyed(path: Option<&Path>, key: &Key) -> AppResult<Opened> {
        Workspace::open_keyed_with_rules(path, &installed::default_dir(), key)
    }

    /// [`Workspace::open_keyed`] with the rules of `rules_dir` (tests).
    pub fn open_keyed_with_rules(
        path: Option<&Path>,
        rules_dir: &Path,
        key: &Key,
    ) -> AppResult<Opened> {
        match Workspace::open_in(path, rules_dir, Some(key)) {
            Ok(ws) => Ok(Opened::Open(Box::new(ws))),
            Err(e) if e.kind == ErrorKind::NotEncrypted => Ok(Opened::NeedsEncryption(Box::new(
                Workspace::open_in(path, rules_dir, None)?,
            ))),
            Err(e) => Err(e),
        }
    }

    /// Whether the workspace is encrypted at rest.
    pub fn encrypted(&self) -> bool {
        self.encrypted
    }

    /// The workspace's file (a team workspace: its address).
    pub fn location(&self) -> &Path {
        self.store.location()
    }
}

/// Encrypts the plain workspace at `path` with `key` (or, with `from`,
/// re-encrypts an encrypted one with a new key): no workspace may be open
/// on it. See [`permit_store::reencrypt`].
pub fn encrypt_workspace(path: &Path, from: Option<&Key>, key: &Key) -> AppResult<()> {
    Ok(permit_store::reencrypt(path, from, key)?)
}
