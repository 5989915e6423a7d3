//! Files that hold personal data, written safely.
//!
//! Every file Permit Packet writes (the workspace, a PDF checklist, a
//! calendar, a case file, a batch export) holds someone's passport dates,
//! salary or family. This crate is the one place that decides how such a
//! file is written:
//!
//! - [`write_atomic`]: a reader sees the old file or the new one, never half
//!   of one; a new file is created `0600` ([`FILE_MODE`]), a replaced file
//!   keeps its mode (a `0600` export stays `0600`).
//! - [`check_output`]: an output never replaces the open workspace (or its
//!   `-wal`/`-shm`/`-journal`), an input of the same command, or an existing
//!   file of another kind (a calendar over a database); an existing file of
//!   the same kind only when the user said so ([`Replace::Yes`]: the CLI's
//!   `--force`, the app's save dialog, which asks).
//! - [`private_dir`]: the data folder is `0700` ([`DIR_MODE`]).
//! - [`clean_stale_temps`]: temporary files left by a killed writer are
//!   removed at the next run in that folder.
//!
//! On systems other than Unix the modes are not applied (the platform's own
//! access rules hold).

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The mode of every file this product creates: read and write for the
/// owner only.
pub const FILE_MODE: u32 = 0o600;
/// The mode of the data folder: the owner only.
pub const DIR_MODE: u32 = 0o700;

/// The kind of file an output is, to recognise an existing file that may be
/// replaced by one of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A PDF checklist.
    Pdf,
    /// An iCalendar file (`.ics`).
    Calendar,
    /// A JSON file: a portable case file or a plan.
    Json,
    /// A CSV file (the hires template, a batch summary).
    Csv,
}

impl Kind {
    /// What a person calls this kind of file.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Pdf => "a PDF",
            Kind::Calendar => "a calendar (.ics)",
            Kind::Json => "a JSON file",
            Kind::Csv => "a CSV file",
        }
    }

    /// Whether a file that starts with `head` is of this kind. An empty file
    /// is of every kind.
    pub fn matches(self, head: &[u8]) -> bool {
        let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let trimmed = text
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(&[][..], |i| &text[i..]);
        if trimmed.is_empty() {
            return true;
        }
        match self {
            Kind::Pdf => head.starts_with(b"%PDF-"),
            Kind::Calendar => trimmed.starts_with(b"BEGIN:VCALENDAR"),
            // An encrypted case file (ASCII-armoured age) is a case file too.
            Kind::Json => {
                trimmed.starts_with(b"{")
                    || trimmed.starts_with(b"[")
                    || trimmed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
            }
            // A CSV is text: no NUL byte, valid UTF-8 as far as read (a cut
            // character at the end of the sample is fine), and not another
            // kind this product writes.
            Kind::Csv => {
                let valid = match std::str::from_utf8(head) {
                    Ok(_) => true,
                    Err(e) => e.error_len().is_none(),
                };
                valid
                    && !head.contains(&0)
                    && !Kind::Pdf.matches(head)
                    && !trimmed.starts_with(b"BEGIN:VCALENDAR")
                    && !trimmed.starts_with(b"{")
            }
        }
    }
}

/// Whether an existing file of the same kind may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Refuse: the user has not said so ([`OutputError::Exists`]).
    No,
    /// Replace it: the user said so (`--force`, or the save dialog asked).
    Yes,
}

/// Why an output was refused. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output is the open workspace or one of its companion files.
    #[error("{}: this is the workspace's own file; writing there would destroy every case. Choose another file name", path.display())]
    Workspace {
        /// The refused output.
        path: PathBuf,
    },
    /// The output is a file the same command reads.
    #[error("{}: this is the input file; writing there would replace it. Choose another file name", path.display())]
    Input {
        /// The refused output.
        path: PathBuf,
    },
    /// An existing file of another kind.
    #[error("{} exists and is not {}; it is left as it is. Choose another file name (or remove that file first)", path.display(), kind.describe())]
    OtherKind {
        /// The refused output.
        path: PathBuf,
        /// The kind being written.
        kind: Kind,
    },
    /// An existing file of the same kind, and the user has not said to replace it.
    #[error("{} exists; use --force to replace it", path.display())]
    Exists {
        /// The refused output.
        path: PathBuf,
    },
    /// The output is a folder.
    #[error("{} is a folder; give a file name", path.display())]
    Folder {
        /// The refused output.
        path: PathBuf,
    },
    /// The output exists and is not a regular file (a named pipe, a device,
    /// a socket): nothing is written to it.
    #[error("{} is {what}, not a regular file; choose another file name", path.display())]
    NotAFile {
        /// The refused output.
        path: PathBuf,
        /// What it is ([`not_regular`]).
        what: &'static str,
    },
    /// Several files of an export (a batch) exist already, of the kinds
    /// being written, and the user has not said to replace them.
    #[error("{} holds {} of this export already ({}); use --force to replace them", folder.display(), if files.len() == 1 { "1 file".to_owned() } else { format!("{} files", files.len()) }, names(files))]
    ExistMany {
        /// The folder written into.
        folder: PathBuf,
        /// The files that would be replaced.
        files: Vec<PathBuf>,
    },
}

/// Up to three file names, then how many more.
fn names(files: &[PathBuf]) -> String {
    let mut shown: Vec<String> = files
        .iter()
        .take(3)
        .map(|f| {
            f.file_name().map_or_else(
                || f.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    if files.len() > 3 {
        shown.push(format!("and {} more", files.len() - 3));
    }
    shown.join(", ")
}

/// The workspace file and its SQLite companions (`-wal`, `-shm`,
/// `-journal`): every path an output must never be.
pub fn workspace_files(workspace: &Path) -> Vec<PathBuf> {
    let mut out = vec![workspace.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = workspace.as_os_str().to_owned();
        p.push(suffix);
        out.push(PathBuf::from(p));
    }
    out
}

/// Checks that `path` may receive an output of `kind`: not one of
/// `workspace` ([`workspace_files`] of the open workspace), not one of
/// `inputs`, not a folder, and, when it exists, of the same kind and
/// `replace` is [`Replace::Yes`].
///
/// Files are compared as files (device and inode on Unix, so a link or
/// another spelling of the path is caught) and by their normalised path
/// (for a companion file that does not exist yet).
pub fn check_output(
    path: &Path,
    kind: Kind,
    workspace: &[PathBuf],
    inputs: &[&Path],
    replace: Replace,
) -> Result<(), OutputError> {
    if workspace.iter().any(|w| same_file(path, w)) {
        return Err(OutputError::Workspace {
            path: path.to_path_buf(),
        });
    }
    if inputs.iter().any(|i| same_file(path, i)) {
        return Err(OutputError::Input {
            path: path.to_path_buf(),
        });
    }
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(OutputError::Folder {
            path: path.to_path_buf(),
        });
    }
    if let Some(what) = not_regular(&meta) {
        return Err(OutputError::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }
    if !kind.matches(&head(path)) {
        return Err(OutputError::OtherKind {
            path: path.to_path_buf(),
            kind,
        });
    }
    match replace {
        Replace::Yes => Ok(()),
        Replace::No => Err(OutputError::Exists {
            path: path.to_path_buf(),
        }),
    }
}

/// The first bytes of a file (empty when it cannot be read).
fn head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(4096);
    if let Ok(f) = open_input(path) {
        let _ = f.take(4096).read_to_end(&mut buf);
    }
    buf
}

/// [`check_output`] for every file of an export into one folder (a batch:
/// each file with its kind), before anything is written: never the
/// workspace, an input, a folder or a file of another kind; files of the
/// same kind that exist are replaced only with [`Replace::Yes`], else all
/// of them are named ([`OutputError::ExistMany`]). Returns the files that
/// will be replaced.
pub fn check_outputs(
    folder: &Path,
    outputs: &[(PathBuf, Kind)],
    workspace: &[PathBuf],
    inputs: &[&Path],
    replace: Replace,
) -> Result<Vec<PathBuf>, OutputError> {
    let mut existing = Vec::new();
    for (path, kind) in outputs {
        match check_output(path, *kind, workspace, inputs, Replace::No) {
            Ok(()) => {}
            Err(OutputError::Exists { path }) => existing.push(path),
            Err(e) => return Err(e),
        }
    }
    if replace == Replace::No && !existing.is_empty() {
        return Err(OutputError::ExistMany {
            folder: folder.to_path_buf(),
            files: existing,
        });
    }
    Ok(existing)
}

/// Whether `a` and `b` name the same file: by identity when both exist, else
/// by their normalised paths (the folder resolved, the name compared).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    match (normalised(a), normalised(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// The path with its folder resolved (links, `..`) and its own name kept.
fn normalised(p: &Path) -> Option<PathBuf> {
    let name = p.file_name()?;
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// What a file that is not a regular file is, in words (`None` for a
/// regular file).
pub fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// The error for an input that is not a regular file.
fn not_a_file(what: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("is {what}, not a regular file; only a regular file is read"),
    )
}

/// Opens an input for reading without ever blocking on it: a named pipe
/// (FIFO) would wait for a writer for ever, so it is opened non-blocking,
/// and anything but a regular file (pipe, device, socket, folder) is
/// refused, naming what it is. A link is followed; a loop of links is the
/// system's error.
pub fn open_input(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if let Some(what) = not_regular(&meta) {
        return Err(not_a_file(what));
    }
    Ok(file)
}

/// Reads a whole file of at most `max` bytes; a larger one is refused
/// before it is read (and a file that grows while read stops at `max + 1`),
/// so a stranger's 10 GB file never fills the memory. Only a regular file
/// is read, opened without blocking ([`open_input`]).
pub fn read_limited(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = open_input(path)?;
    let meta = file.metadata()?;
    let too_large = |n: u64| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("the file is {n} bytes or more; at most {max} bytes are read (this is not a file this command takes, or split it)"),
        )
    };
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > max {
        return Err(too_large(buf.len() as u64));
    }
    Ok(buf)
}

/// Refuses a workspace path that exists and is not a regular file (a
/// device, a named pipe, a socket, a folder), or whose SQLite companion
/// files (`-wal`, `-shm`, `-journal`) are such: before anything opens,
/// creates or changes the mode of any of them. A path that does not exist
/// yet is fine (a new workspace). Links are followed.
pub fn check_workspace_path(workspace: &Path) -> std::io::Result<()> {
    for file in workspace_files(workspace) {
        if let Ok(meta) = std::fs::metadata(&file) {
            if let Some(what) = not_regular(&meta) {
                let name = if file == workspace {
                    String::new()
                } else {
                    format!("{}: ", file.display())
                };
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("{name}is {what}, not a workspace file; a workspace is a regular file (or a new name). Nothing was changed"),
                ));
            }
        }
    }
    Ok(())
}

/// The start of a batch export's staging folder's name
/// (`.permit-batch.PID.N.tmp`, see `permit_batch::batch`), removed with
/// the temporary files when its process is gone.
pub const STAGE_PREFIX: &str = ".permit-batch.";

/// The suffix of this crate's temporary files: `.NAME.PID.N.tmp`.
const TMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` so that a reader sees the old file or the new
/// one, never half of one: a temporary file in the same folder (created
/// exclusively, mode [`FILE_MODE`], or the replaced file's mode), then a
/// rename. With `durable`, the file and the rename are flushed to disk
/// first; without, a power cut may lose the file (for many files that can
/// be written again). On failure the temporary file is removed and the
/// target is as it was.
pub fn write_atomic(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let file_name = path.file_name().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path has no file name",
        )
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    clean_stale_temps_once(&dir);
    let mut tmp_name = OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(
        ".{}.{}{TMP_SUFFIX}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = dir.join(tmp_name);

    // Keep the mode of a file being replaced; a new file is private.
    let mode = existing_mode(path).unwrap_or(FILE_MODE);
    let mut options = std::fs::OpenOptions::new();
    // `create_new`: never clobber (and later delete) a file we did not create.
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    let file = options.open(&tmp)?;
    let written =
        fill_and_close(file, bytes, durable, mode).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // Make the rename itself durable; not all platforms can open a folder.
    if durable {
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

#[cfg(unix)]
fn existing_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn existing_mode(_: &Path) -> Option<u32> {
    None
}

/// Writes, with `durable` flushes to disk, and closes `file` (closed before
/// any rename or removal, which some platforms require). The mode is set
/// explicitly: the process's umask may have narrowed it at creation, never
/// widened it, so this only restores a replaced file's own mode.
fn fill_and_close(
    mut file: std::fs::File,
    bytes: &[u8],
    durable: bool,
    mode: u32,
) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    file.write_all(bytes)?;
    if durable {
        file.sync_all()?;
    }
    Ok(())
}

/// Creates `dir` (and missing parents) and makes `dir` itself private
/// ([`DIR_MODE`]), also when it already existed: for the product's own data
/// folder, never for a folder the user chose.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != DIR_MODE {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(DIR_MODE))?;
        }
    }
    Ok(())
}

/// Creates the missing folders of `dir` private ([`DIR_MODE`]); existing
/// folders are left as they are.
pub fn create_dirs(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(dir)
}

/// Makes an existing file private ([`FILE_MODE`]) when others may read or
/// write it; creates it empty and private when it does not exist. For the
/// workspace, before SQLite opens it (SQLite gives its `-wal` and `-shm`
/// the main file's mode).
pub fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let meta = std::fs::metadata(path)?;
            if let Some(what) = not_regular(&meta) {
                return Err(not_a_file(what));
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = meta.permissions().mode() & 0o7777;
                if mode & 0o077 != 0 {
                    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
                }
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Whether `name` is a temporary file of [`write_atomic`]
/// (`.NAME.PID.N.tmp`), and the process that made it.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(TMP_SUFFIX)?;
    let mut parts = rest.rsplitn(3, '.');
    let counter = parts.next()?;
    let pid = parts.next()?;
    let stem = parts.next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(counter) && digits(pid) && !stem.is_empty())
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether the process `pid` is running (Linux: `/proc`; elsewhere assumed
/// running, so only old files are removed).
fn process_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

/// [`clean_stale_temps`] of `dir`, the first time this process writes
/// there: every writer ([`write_atomic`]) removes what a killed writer left
/// in its folder, at the cost of one listing of the folder per run.
fn clean_stale_temps_once(dir: &Path) {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static CLEANED: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let first = CLEANED
        .get_or_init(Mutex::default)
        .lock()
        .map(|mut set| set.insert(key))
        .unwrap_or(false);
    if first {
        clean_stale_temps(dir);
    }
}

/// Removes the temporary files a killed [`write_atomic`] left in `dir`
/// (`.NAME.PID.N.tmp`), when their process is no longer running or they are
/// more than a day old. Returns how many were removed; a folder that cannot
/// be read removes nothing.
pub fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let me = std::process::id();
    let day = std::time::Duration::from_secs(24 * 3600);
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        // A batch export's staging folder (`.permit-batch.PID.N.tmp`), or a
        // temporary file; nothing else.
        let folder = meta.is_dir() && name.to_str().is_some_and(|n| n.starts_with(STAGE_PREFIX));
        if !meta.is_file() && !folder {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > day);
        let remove = || {
            if folder {
                std::fs::remove_dir_all(entry.path())
            } else {
                std::fs::remove_file(entry.path())
            }
        };
        if ((pid != me && !process_running(pid)) || old) && remove().is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The default workspace file, in the product's own data folder.
///
/// On Linux (and other Unix systems) this follows the XDG base directory
/// specification: `$XDG_DATA_HOME/permit-packet/workspace.sqlite3`, or
/// `~/.local/share/permit-packet/workspace.sqlite3` when `XDG_DATA_HOME` is
/// unset, empty or relative. On macOS it is under
/// `~/Library/Application Support`, on Windows under `%APPDATA%`. If no home
/// folder is known, the current folder is used.
pub fn default_workspace() -> PathBuf {
    let env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = if cfg!(windows) {
        env("APPDATA").unwrap_or_else(|| PathBuf::from("."))
    } else if cfg!(target_os = "macos") {
        env("HOME")
            .map(|h| h.join("Library").join("Application Support"))
            .unwrap_or_else(|| PathBuf::from("."))
    } else {
        env("XDG_DATA_HOME")
            .or_else(|| env("HOME").map(|h| h.join(".local").join("share")))
            .unwrap_or_else(|| PathBuf::from("."))
    };
    base.join("permit-packet").join("workspace.sqlite3")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_and_nothing_else() {
        assert_eq!(temp_pid(".summary.csv.1234.0.tmp"), Some(1234));
        assert_eq!(temp_pid(".a.b.c.pdf.99.17.tmp"), Some(99));
        assert_eq!(temp_pid("summary.csv.1234.0.tmp"), None);
        assert_eq!(temp_pid(".notes.tmp"), None);
        assert_eq!(temp_pid("..1.2.tmp"), None);
        assert_eq!(temp_pid(".x.12a.0.tmp"), None);
    }

    #[test]
    fn kinds_recognise_their_files() {
        assert!(Kind::Pdf.matches(b"%PDF-1.7\n"));
        assert!(!Kind::Pdf.matches(b"SQLite format 3\0"));
        assert!(Kind::Calendar.matches(b"BEGIN:VCALENDAR\r\n"));
        assert!(!Kind::Calendar.matches(b"%PDF-1.7"));
        assert!(Kind::Json.matches(b"  {\"format\": 1}"));
        assert!(!Kind::Json.matches(b"SQLite format 3\0"));
        assert!(Kind::Csv.matches(b"case_id,name\n1,A\n"));
        assert!(!Kind::Csv.matches(b"SQLite format 3\0\x10\x00"));
        assert!(!Kind::Csv.matches(b"%PDF-1.7"));
        for k in [Kind::Pdf, Kind::Calendar, Kind::Json, Kind::Csv] {
            assert!(k.matches(b""), "{k:?}: an empty file may be replaced");
        }
    }
}
