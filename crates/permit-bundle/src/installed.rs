//! Installed bundles and the bundle in force.
//!
//! Installed bundles are files `rules-<version>.ppbundle` in the `rules/`
//! folder of the data folder (next to the default workspace:
//! `~/.local/share/permit-packet/rules/`, or under `$XDG_DATA_HOME`),
//! shared by the app and the command line. The folder is private (0700),
//! the files 0600, written atomically.
//!
//! The bundle in force is the newest installed bundle that passes every
//! check of [`Bundle::parse`] and is newer than the embedded one; otherwise
//! the embedded one. An installed file that fails a check is never used
//! (status names it and why). Installing refuses a bundle that is not newer
//! than the one in force (rollback protection) and leaves everything as it
//! was.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::keys::Keyring;
use crate::{compare_versions, Bundle, BundleError, Origin};

/// The extension of installed bundle files.
pub const EXTENSION: &str = "ppbundle";

/// The folder of installed bundles: `rules/` beside the default workspace.
pub fn default_dir() -> PathBuf {
    let ws = permit_files::default_workspace();
    ws.parent()
        .map(|p| p.join("rules"))
        .unwrap_or_else(|| PathBuf::from("rules"))
}

/// An installed file that is not used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// The file.
    pub path: PathBuf,
    /// Why it is not used.
    pub reason: String,
    /// Why, as a stable name ([`BundleError::kind`], or `not_newer`).
    pub kind: &'static str,
}

/// The state of a rules folder.
#[derive(Clone)]
pub struct Status {
    /// The bundle in force.
    pub in_force: Arc<Bundle>,
    /// Valid installed bundles, newest first.
    pub installed: Vec<Arc<Bundle>>,
    /// Installed files that are not used.
    pub ignored: Vec<Ignored>,
}

type Stamp = Vec<(PathBuf, u64, Option<std::time::SystemTime>)>;

struct Cached {
    stamp: Stamp,
    status: Status,
}

fn cache() -> &'static Mutex<Vec<(PathBuf, Cached)>> {
    static CACHE: OnceLock<Mutex<Vec<(PathBuf, Cached)>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(Vec::new()))
}

fn bundle_files(dir: &Path) -> Stamp {
    let mut out: Stamp = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            m.is_file().then(|| (e.path(), m.len(), m.modified().ok()))
        })
        .collect();
    out.sort();
    out
}

fn scan(dir: &Path, files: &Stamp, keyring: &Keyring) -> Status {
    let embedded = Bundle::embedded();
    let mut installed = Vec::new();
    let mut ignored = Vec::new();
    for (path, _, _) in files {
        match Bundle::read(path, keyring, Origin::Installed(path.clone())) {
            Ok(b) => installed.push(Arc::new(b)),
            Err(e) => ignored.push(Ignored {
                path: path.clone(),
                reason: e.to_string(),
                kind: e.kind(),
            }),
        }
    }
    installed.sort_by(|a, b| compare_versions(b.version(), a.version()));
    let in_force = match installed.first() {
        Some(b) if compare_versions(b.version(), embedded.version()).is_gt() => b.clone(),
        _ => Arc::new(embedded.clone()),
    };
    for b in &installed {
        if !compare_versions(b.version(), embedded.version()).is_gt() {
            if let Origin::Installed(p) = &b.origin {
                ignored.push(Ignored {
                    path: p.clone(),
                    reason: format!(
                        "version {} is not newer than this build's own rules ({})",
                        b.version(),
                        embedded.version()
                    ),
                    kind: "not_newer",
                });
            }
        }
    }
    let _ = dir;
    Status {
        in_force,
        installed,
        ignored,
    }
}

/// The state of the rules folder `dir` (cached; re-read when a bundle file
/// there is added, removed or changed).
pub fn status_in(dir: &Path) -> Status {
    let files = bundle_files(dir);
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, c)) = cache.iter().find(|(d, _)| d == dir) {
        if c.stamp == files {
            return c.status.clone();
        }
    }
    let status = scan(dir, &files, &Keyring::trusted());
    cache.retain(|(d, _)| d != dir);
    cache.push((
        dir.to_owned(),
        Cached {
            stamp: files,
            status: status.clone(),
        },
    ));
    status
}

/// The bundle in force for the rules folder `dir`.
pub fn in_force_in(dir: &Path) -> Arc<Bundle> {
    status_in(dir).in_force
}

/// The bundle in force for the data folder ([`default_dir`]).
pub fn in_force() -> Arc<Bundle> {
    in_force_in(&default_dir())
}

/// Why an install was refused. Nothing was changed.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum InstallError {
    /// The file fails a check.
    #[error("{0}")]
    Bundle(#[from] BundleError),
    /// Not newer than the bundle in force.
    #[error("version {offered} is older than the rules in force ({in_force}); an older bundle is never installed")]
    Older {
        /// The bundle's version.
        offered: String,
        /// The version in force.
        in_force: String,
    },
    /// The same version with other contents.
    #[error(
        "version {0} is already in force with other contents; a changed bundle needs a new version"
    )]
    SameVersionOtherContents(String),
    /// The folder or the file could not be written.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl InstallError {
    /// A stable machine-readable name.
    pub fn kind(&self) -> &'static str {
        match self {
            InstallError::Bundle(b) => b.kind(),
            InstallError::Older { .. } => "rollback",
            InstallError::SameVersionOtherContents(_) => "rollback",
            InstallError::Io { .. } => "io",
        }
    }
}

/// What an install did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// Written to this file; it is now in force.
    New(PathBuf),
    /// The very same bundle is already in force; nothing was written.
    AlreadyInForce,
}

/// Checks whether `bundle` may be installed in `dir` (newer than the one in
/// force, or the very same one).
pub fn check_install(dir: &Path, bundle: &Bundle) -> Result<Installed, InstallError> {
    let current = in_force_in(dir);
    match compare_versions(bundle.version(), current.version()) {
        std::cmp::Ordering::Greater => Ok(Installed::New(file_for(dir, bundle.version()))),
        std::cmp::Ordering::Equal if bundle.digest == current.digest => {
            Ok(Installed::AlreadyInForce)
        }
        std::cmp::Ordering::Equal => Err(InstallError::SameVersionOtherContents(
            bundle.version().to_owned(),
        )),
        std::cmp::Ordering::Less => Err(InstallError::Older {
            offered: bundle.version().to_owned(),
            in_force: current.version().to_owned(),
        }),
    }
}

fn file_for(dir: &Path, version: &str) -> PathBuf {
    dir.join(format!("rules-{version}.{EXTENSION}"))
}

/// Installs a checked bundle in `dir` (see [`check_install`]): the folder is
/// made private, the file written atomically (0600). Afterwards the bundle
/// is in force for every reader of `dir`.
pub fn install(dir: &Path, bundle: &Bundle) -> Result<Installed, InstallError> {
    let outcome = check_install(dir, bundle)?;
    if let Installed::New(path) = &outcome {
        let io = |p: &Path, e: std::io::Error| InstallError::Io {
            path: p.to_owned(),
            message: e.to_string(),
        };
        permit_files::private_dir(dir).map_err(|e| io(dir, e))?;
        permit_files::write_atomic(path, &bundle.bytes, true).map_err(|e| io(path, e))?;
        // Read back through the same checks as every reader will.
        if in_force_in(dir).digest != bundle.digest {
            let _ = std::fs::remove_file(path);
            return Err(InstallError::Io {
                path: path.clone(),
                message: "the installed file did not read back as the bundle in force; removed"
                    .into(),
            });
        }
    }
    Ok(outcome)
}
