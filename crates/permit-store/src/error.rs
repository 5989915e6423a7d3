//! The store's errors: every variant names the workspace.

use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

/// Everything that can go wrong with the store. Every variant names the
/// workspace file.
///
/// Serialized (for the UI) as `{"kind": ..., "message": ...}` where `kind`
/// is [`StoreError::kind`] and `message` the display text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file was written by a newer Permit Packet; it is left untouched.
    #[error("{} was written by a newer version of Permit Packet (schema {found}; this version knows up to {supported}); it was left untouched", path.display())]
    NewerVersion {
        /// The workspace file.
        path: PathBuf,
        /// The file's `PRAGMA user_version`.
        found: i64,
        /// [`SCHEMA_VERSION`].
        supported: i64,
    },
    /// The file is not a SQLite database or is damaged; it is left untouched.
    #[error("{} is not a readable Permit Packet workspace (not a SQLite database, or damaged): {message}; it was left untouched", path.display())]
    Corrupt {
        /// The workspace file.
        path: PathBuf,
        /// What SQLite reported.
        message: String,
    },
    /// Another program (or another Permit Packet window) holds the file.
    #[error("{} is in use by another program; try again in a moment", path.display())]
    Locked {
        /// The workspace file.
        path: PathBuf,
    },
    /// The file or its folder could not be created, read or written.
    #[error("{}: {message}", path.display())]
    Io {
        /// The workspace file.
        path: PathBuf,
        /// What the system or SQLite reported.
        message: String,
    },
    /// No case with this id (or it is deleted, for operations on live cases).
    #[error("{}: no case with id {id}", path.display())]
    NotFound {
        /// The workspace file.
        path: PathBuf,
        /// The case id asked for.
        id: i64,
    },
    /// The input was refused (empty name, malformed JSON, unknown status, ...).
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The workspace file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A case's stored text is damaged (not UTF-8): the case cannot be read;
    /// the others can.
    #[error("{}: case {id} is damaged (its {column} is not UTF-8 text); it was skipped and left as it is", path.display())]
    Damaged {
        /// The workspace file.
        path: PathBuf,
        /// The case id.
        id: i64,
        /// The damaged column.
        column: String,
    },
    /// A team workspace whose schema is older than this build: its admin
    /// upgrades it (`permit-packet team init`); an officer's login may not.
    #[error("{} is a team workspace of schema {found}; this version needs {supported}: ask its admin to run `permit-packet team init` to upgrade it; nothing was changed", path.display())]
    NeedsUpgrade {
        /// The workspace (a server address, password left out).
        path: PathBuf,
        /// The schema version found.
        found: i64,
        /// The schema version this build writes.
        supported: i64,
    },
    /// The login may not do this (not a member of an organisation, a
    /// read-only role, a row of another organisation).
    #[error("{}: not allowed for this login: {message}", path.display())]
    Denied {
        /// The workspace (a server address, password left out).
        path: PathBuf,
        /// What the server said.
        message: String,
    },
    /// The server cannot be reached, or refused the login (wrong password,
    /// no such user, TLS refused).
    #[error("{}: {message}", path.display())]
    Unreachable {
        /// The workspace (a server address, password left out).
        path: PathBuf,
        /// What went wrong, as the server or the network said.
        message: String,
    },
    /// The encrypted workspace does not open with the key given (a wrong key
    /// or passphrase, or a file that is not a workspace); it is left untouched.
    #[error("{} cannot be opened with this key: the passphrase or recovery key is wrong, or the file is not a workspace; it was left untouched", path.display())]
    WrongKey {
        /// The workspace file.
        path: PathBuf,
    },
    /// A key was given but the workspace is not encrypted yet; it is left
    /// untouched until the user agrees to encrypt it.
    #[error("{} is not encrypted yet; it was left untouched (encrypting it makes an encrypted copy, checks it, and only then replaces the plain file)", path.display())]
    NotEncrypted {
        /// The workspace file.
        path: PathBuf,
    },
    /// The case changed since the caller read it; nothing was saved.
    #[error("{}: case {id} was changed elsewhere (at {actual}, you had {expected}); nothing was saved", path.display())]
    Conflict {
        /// The workspace file.
        path: PathBuf,
        /// The case id.
        id: i64,
        /// The `updated_at` the caller had.
        expected: String,
        /// The `updated_at` in the store.
        actual: String,
    },
}

impl StoreError {
    /// A stable machine-readable name of the variant: `"newer_version"`,
    /// `"corrupt"`, `"locked"`, `"io"`, `"not_found"`, `"invalid"`,
    /// `"conflict"`, `"damaged"`, `"needs_upgrade"`, `"denied"`,
    /// `"unreachable"`, `"wrong_key"` or `"not_encrypted"`.
    pub fn kind(&self) -> &'static str {
        match self {
            StoreError::NewerVersion { .. } => "newer_version",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::Locked { .. } => "locked",
            StoreError::Io { .. } => "io",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Invalid { .. } => "invalid",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Damaged { .. } => "damaged",
            StoreError::NeedsUpgrade { .. } => "needs_upgrade",
            StoreError::Denied { .. } => "denied",
            StoreError::Unreachable { .. } => "unreachable",
            StoreError::WrongKey { .. } => "wrong_key",
            StoreError::NotEncrypted { .. } => "not_encrypted",
        }
    }

    /// The workspace file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            StoreError::NewerVersion { path, .. }
            | StoreError::Corrupt { path, .. }
            | StoreError::Locked { path }
            | StoreError::WrongKey { path }
            | StoreError::NotEncrypted { path }
            | StoreError::Io { path, .. }
            | StoreError::NotFound { path, .. }
            | StoreError::Damaged { path, .. }
            | StoreError::Invalid { path, .. }
            | StoreError::Conflict { path, .. }
            | StoreError::NeedsUpgrade { path, .. }
            | StoreError::Denied { path, .. }
            | StoreError::Unreachable { path, .. } => path,
        }
    }
}

impl Serialize for StoreError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("StoreError", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// The result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
