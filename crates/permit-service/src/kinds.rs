//! The closed sets the IPC carries, as enums on both sides (ts-rs writes
//! them to `ui/src/bindings/`): an error's kind, the case list's status and
//! order, the CSV import's mode. A value the other side does not know fails
//! the TypeScript type check, or is refused when deserialised, never passed
//! on as a free string.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! kinds {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $id:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $id)] $variant),*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable name the IPC and the messages use.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $id),*
                }
            }

            /// The value of a stable name, if it is one.
            pub fn parse(id: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.as_str() == id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // `pad`, not `write_str`: a width in the format string (a CLI column) applies
                f.pad(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

kinds! {
    /// What went wrong, as a stable name the UI branches on.
    ErrorKind {
        /// An answer or an argument is not accepted (the fields say which).
        InvalidInput = "invalid_input",
        /// The case was changed elsewhere since it was read.
        Conflict = "conflict",
        /// No such case, template or file.
        NotFound = "not_found",
        /// The file was written by a newer version.
        NewerVersion = "newer_version",
        /// The file is damaged.
        Corrupt = "corrupt",
        /// A team workspace whose schema its admin must upgrade first.
        NeedsUpgrade = "needs_upgrade",
        /// The login may not do this (team workspace).
        Denied = "denied",
        /// The team workspace's server cannot be reached or refused the login.
        Unreachable = "unreachable",
        /// Another program holds the workspace.
        Locked = "locked",
        /// The encrypted workspace does not open with the key given.
        WrongKey = "wrong_key",
        /// A key was given for a workspace not encrypted yet.
        NotEncrypted = "not_encrypted",
        /// An encrypted case file, or an encrypted workspace where no keyring
        /// answered, was given without its passphrase or key.
        NeedsKey = "needs_key",
        /// A case file matches a case already in the workspace and the
        /// import was asked to ask: nothing was imported.
        Duplicate = "duplicate",
        /// A workspace to be encrypted (a new one, or Settings' "Encrypt
        /// now") and no keyring answered to keep its key: the user chooses a
        /// passphrase.
        NeedsNewKey = "needs_new_key",
        /// Reading or writing a file failed.
        Io = "io",
        /// A failure inside the application the user cannot fix.
        Internal = "internal",
        /// The store refused a value.
        Invalid = "invalid",
        /// A file the user gave is damaged, or not of the kind asked for.
        InvalidFile = "invalid_file",
        /// A file the user gave was written by a newer version.
        NewerFile = "newer_file",
        /// Damaged data (a store record, a rules bundle).
        Damaged = "damaged",
        /// An output the app refuses to write (over the workspace, an input, another kind of file).
        Refused = "refused",
        /// No workspace is open.
        NoWorkspace = "no_workspace",
        /// "Check for updates" without an update address.
        NoUpdateAddress = "no_update_address",
        /// A rules bundle larger than any can be.
        TooLarge = "too_large",
        /// A rules bundle of an unknown format.
        UnknownFormat = "unknown_format",
        /// A rules bundle signed by an unknown key.
        UnknownKey = "unknown_key",
        /// A rules bundle whose signature does not match.
        BadSignature = "bad_signature",
        /// A rules bundle whose rules do not load.
        InvalidRules = "invalid_rules",
        /// A rules bundle older than the one in force.
        Rollback = "rollback",
        /// An installed bundle not newer than this build's own rules.
        NotNewer = "not_newer",
        /// An update address the app does not fetch from.
        BadAddress = "bad_address",
        /// The update address could not be reached.
        Network = "network",
        /// The update address answered with an HTTP error.
        HttpStatus = "http_status",
    }
}

impl From<&str> for ErrorKind {
    /// The kind a library names (`StoreError::kind`, `BundleError::kind`, …);
    /// a name this enum does not list is an internal error (the test
    /// `every_library_error_kind_is_listed` keeps the lists together).
    fn from(id: &str) -> Self {
        Self::parse(id).unwrap_or(ErrorKind::Internal)
    }
}

kinds! {
    /// Which cases the list shows by status.
    CaseStatus {
        /// Cases in progress.
        Active = "active",
        /// Archived cases.
        Archived = "archived",
    }
}

impl From<String> for CaseStatus {
    /// A case's status as the store keeps it: its schema admits only
    /// `active` and `archived` (a CHECK constraint), so anything else cannot
    /// be read from it.
    fn from(s: String) -> Self {
        if s == CaseStatus::Archived.as_str() {
            CaseStatus::Archived
        } else {
            CaseStatus::Active
        }
    }
}

kinds! {
    /// The case list's order.
    ListSort {
        /// The nearest act-by deadline first (the default).
        Deadline = "deadline",
        /// By name.
        Name = "name",
        /// The last changed first.
        Updated = "updated",
        /// By form.
        Form = "form",
        /// By where the case stands today, the groups to act on first.
        Stands = "stands",
    }
}

kinds! {
    /// How a CSV import treats a file with problems.
    ImportMode {
        /// Any problem: nothing is imported.
        AllOrNothing = "all_or_nothing",
        /// The valid rows are imported, the others reported.
        ValidRows = "valid_rows",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `kind()` names the libraries' errors give (read from their
    /// sources, so a kind added there fails here until listed).
    #[test]
    fn every_library_error_kind_is_listed() {
        let sources = [
            include_str!("../../../crates/permit-store/src/error.rs"),
            include_str!("../../../crates/permit-bundle/src/lib.rs"),
            include_str!("../../../crates/permit-bundle/src/installed.rs"),
            include_str!("../../../crates/permit-bundle/src/fetch.rs"),
        ];
        let mut found = 0;
        for src in sources {
            for (start, _) in src.match_indices("pub fn kind(&self) -> &'static str {") {
                let body = &src[start..];
                let end = body.find("\n    }\n").unwrap_or(body.len());
                for id in body[..end].split('"').skip(1).step_by(2) {
                    assert!(
                        ErrorKind::parse(id).is_some(),
                        "error kind `{id}` is not listed"
                    );
                    found += 1;
                }
            }
        }
        assert!(found >= 15, "{found}");
        // `not_newer` is the installed bundles' own kind.
        assert!(
            include_str!("../../../crates/permit-bundle/src/installed.rs")
                .contains("\"not_newer\"")
        );
        assert_eq!(ErrorKind::from("no such kind"), ErrorKind::Internal);
    }

    #[test]
    fn kinds_serialise_as_their_names() {
        for k in ErrorKind::ALL {
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::json!(k.as_str())
            );
            assert_eq!(ErrorKind::from(k.as_str()), *k);
        }
        assert_eq!(
            serde_json::from_str::<ListSort>("\"updated\"").unwrap(),
            ListSort::Updated
        );
        assert!(serde_json::from_str::<ListSort>("\"size\"").is_err());
        assert!(serde_json::from_str::<ImportMode>("\"some_rows\"").is_err());
    }
}
