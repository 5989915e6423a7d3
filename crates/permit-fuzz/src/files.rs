//! The two targets that go through the file system: a workspace file from
//! elsewhere ([`open_workspace`]) and every input opened as a path when the
//! path is not a regular file ([`open_path`]).

use permit_store::Store as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crate::Outcome;

/// A private scratch folder for this thread (emptied by each input), in
/// memory where the system has one (`/dev/shm`: SQLite's flushes cost
/// nothing there, so many more inputs run a second).
fn scratch() -> PathBuf {
    let id = format!("{:?}", std::thread::current().id());
    let digits: String = id.chars().filter(char::is_ascii_digit).collect();
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("permit-fuzz-{}-{digits}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A workspace file as bytes, made by the product, then changed with SQL
/// (`extra`) and packed small (512-byte pages) so mutations reach the
/// schema.
fn workspace_bytes(extra: &str) -> Vec<u8> {
    let dir = scratch().join("seed");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("w.sqlite3");
    if let Ok(mut s) = permit_store::SqliteStore::open(&path) {
        let _ = create_case(&mut s, "Ana", r#"{"format":1,"role":"employee"}"#);
        let _ = create_case(&mut s, "Bo", "{}");
    }
    if let Ok(c) = rusqlite::Connection::open(&path) {
        let _ = c.execute_batch(extra);
        let _ = c.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;");
    }
    let bytes = std::fs::read(&path).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    bytes
}

/// Adds a case with `situation_json` and nothing planned, in one unit of work.
fn create_case(
    store: &mut permit_store::SqliteStore,
    name: &str,
    situation_json: &str,
) -> permit_store::Result<()> {
    use permit_store::Store as _;
    let mut tx = store.begin()?;
    tx.insert(&[permit_store::NewCase {
        name: name.into(),
        notes: String::new(),
        content: permit_store::CaseContent {
            situation_json: situation_json.into(),
            ..Default::default()
        },
    }])?;
    tx.commit()
}

/// Seeds of [`crate::Target::Workspace`]: a healthy workspace, and ones
/// carrying a trigger, a recursive trigger, a view, an extra table and
/// index, a newer version, an older schema.
pub fn workspace_seeds() -> Vec<Vec<u8>> {
    [
        "",
        "CREATE TRIGGER t AFTER INSERT ON cases BEGIN UPDATE case_documents SET situation_json = '{}'; END;",
        "CREATE TRIGGER r AFTER UPDATE ON cases BEGIN UPDATE cases SET name = name || 'x' WHERE id = new.id; END; PRAGMA recursive_triggers = ON;",
        "CREATE VIEW v AS SELECT * FROM cases;",
        "CREATE TABLE spy (x); CREATE INDEX spy_x ON spy (x);",
        "PRAGMA user_version = 99;",
        "DROP TABLE settings; PRAGMA user_version = 5;",
    ]
    .iter()
    .map(|sql| workspace_bytes(sql))
    .filter(|b| !b.is_empty())
    .collect()
}

/// Opens `input` as a workspace: a refusal is fine; a workspace that opens
/// must hold no trigger or view, and can be listed, read and added to.
pub fn open_workspace(input: &[u8]) -> Outcome {
    let dir = scratch();
    let path = dir.join("w.sqlite3");
    if std::fs::write(&path, input).is_err() {
        return Ok("ws:unwritable".into());
    }
    let label = match permit_store::SqliteStore::open(&path) {
        Err(e) => format!("ws:err:{}", e.kind()),
        Ok(mut store) => {
            let n = store
                .list_cases(
                    &permit_store::ListFilter::default(),
                    permit_store::Sort::Name,
                )
                .map(|cases| {
                    for c in cases.iter().take(3) {
                        let _ = store.get_case(c.id);
                    }
                    cases.len()
                });
            let _ = create_case(&mut store, "Fuzz", "{}");
            drop(store);
            let code: i64 = rusqlite::Connection::open(&path)
                .and_then(|c| {
                    c.query_row(
                        // The audit log's own append-only triggers are the
                        // store's (schema 8); any other is planted.
                        "SELECT count(*) FROM sqlite_schema WHERE type IN ('trigger', 'view') \
                         AND name NOT IN ('audit_log_no_update', 'audit_log_no_delete')",
                        [],
                        |r| r.get(0),
                    )
                })
                .unwrap_or(0);
            if code > 0 {
                return Err(format!(
                    "a workspace holding {code} triggers or views of its own was opened"
                ));
            }
            format!("ws:ok:{}", n.map_or(-1, |n| n.min(3) as i64))
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    Ok(label)
}

/// Seeds of [`crate::Target::Paths`]: every kind of path with every reader
/// (the first byte picks the kind, the second the reader, the rest is the
/// content of a regular file).
pub fn path_seeds() -> Vec<Vec<u8>> {
    let mut v = Vec::new();
    for kind in 0..KINDS {
        for reader in 0..READERS {
            let mut s = vec![kind, reader];
            s.extend_from_slice(br#"{"format":1,"role":"employee"}"#);
            v.push(s);
        }
    }
    v
}

const KINDS: u8 = 8;
const READERS: u8 = 7;

/// What the path is made as.
fn make(kind: u8, dir: &Path, content: &[u8]) -> (PathBuf, &'static str) {
    let p = dir.join("input");
    let c = |s: &str| std::ffi::CString::new(s).unwrap_or_default();
    let name = p.to_string_lossy().into_owned();
    match kind % KINDS {
        1 => {
            // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
            unsafe { libc::mkfifo(c(&name).as_ptr(), 0o600) };
            (p, "fifo")
        }
        2 => {
            // A character device: made here when allowed (root), else a link
            // to /dev/null (whose mode must not change either).
            // SAFETY: as above; mknod creates a node in our own folder.
            let made = unsafe {
                libc::mknod(
                    c(&name).as_ptr(),
                    libc::S_IFCHR | 0o666,
                    libc::makedev(1, 3),
                )
            } == 0;
            if !made {
                let _ = std::os::unix::fs::symlink("/dev/null", &p);
            }
            (p, "device")
        }
        3 => {
            let _ = std::fs::create_dir(&p);
            (p, "folder")
        }
        4 => {
            let q = dir.join("other");
            let _ = std::os::unix::fs::symlink(&q, &p);
            let _ = std::os::unix::fs::symlink(&p, &q);
            (p, "loop")
        }
        5 => {
            let _ = std::os::unix::fs::symlink(dir.join("nothing"), &p);
            (p, "dangling")
        }
        6 => {
            let f = dir.join("fifo");
            // SAFETY: as above.
            unsafe { libc::mkfifo(c(&f.to_string_lossy()).as_ptr(), 0o600) };
            let _ = std::os::unix::fs::symlink(&f, &p);
            (p, "fifo")
        }
        7 => {
            // The socket file stays when the listener is closed.
            drop(std::os::unix::net::UnixListener::bind(&p));
            (p, "socket")
        }
        _ => {
            let _ = std::fs::write(&p, content);
            (p, "file")
        }
    }
}

/// Reads `path` as the reader `reader` picks; `Ok(true)` when it was read
/// (or opened), `Ok(false)` when refused, with the message.
fn read(reader: u8, path: &Path) -> (bool, String) {
    let lim = permit_core::limits::MAX_SITUATION_BYTES;
    let r: Result<(), String> = match reader % READERS {
        0 => permit_packet::cli::read_situation(path)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        1 => permit_files::read_limited(path, lim)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                permit_batch::case_file::import(&String::from_utf8_lossy(&b), "f")
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }),
        2 => permit_files::read_limited(path, permit_core::limits::MAX_CSV_BYTES)
            .map(|b| {
                let _ = permit_batch::hires::parse(&b, "f.csv");
            })
            .map_err(|e| e.to_string()),
        3 => permit_files::read_limited(path, permit_core::limits::MAX_TEMPLATE_BYTES)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        4 => permit_packet::workspace::read_bundle(path)
            .map(|_| ())
            .map_err(|e| e.message),
        5 => permit_store::SqliteStore::open(path)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        _ => permit_files::check_output(
            path,
            permit_files::Kind::Pdf,
            &[],
            &[],
            permit_files::Replace::Yes,
        )
        .map_err(|e| e.to_string()),
    };
    match r {
        Ok(()) => (true, String::new()),
        Err(m) => (false, m),
    }
}

/// Makes a path of the kind the input picks and reads it with the reader
/// it picks, on a thread: it must come back within two seconds (a named
/// pipe that blocks is unblocked and reported), refuse anything but a
/// regular file saying what it is, and leave a device's mode and folder as
/// they were.
pub fn open_path(input: &[u8]) -> Outcome {
    let kind = input.first().copied().unwrap_or(0);
    let reader = input.get(1).copied().unwrap_or(0);
    let content = input.get(2..).unwrap_or(&[]).to_vec();
    let dir = scratch();
    let (path, what) = make(kind, &dir, &content);
    let device_mode = |p: &Path| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).map(|m| m.permissions().mode()).ok()
    };
    let before = device_mode(&path);
    let (tx, rx) = mpsc::channel();
    let p = path.clone();
    std::thread::spawn(move || {
        let _ = tx.send(read(reader, &p));
    });
    let Ok((read_ok, message)) = rx.recv_timeout(Duration::from_secs(2)) else {
        // Unblock a reader waiting on a pipe, then report the hang.
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags_nonblock()
            .open(&path);
        return Err(format!("hang: reader {} on a {what}", reader % READERS));
    };
    let label = format!("path:{what}:{}:{read_ok}", reader % READERS);
    match what {
        "file" | "dangling" => {}
        _ if read_ok && reader % READERS != 6 => {
            return Err(format!("reader {} read a {what}", reader % READERS));
        }
        "fifo" | "device" | "socket" if reader % READERS == 6 && read_ok => {
            return Err(format!("a {what} was accepted as an output"));
        }
        "fifo" | "device" | "socket" | "folder" if !read_ok => {
            let named = [
                "named pipe",
                "device",
                "socket",
                "folder",
                "not a regular file",
            ];
            if !named.iter().any(|n| message.contains(n)) {
                return Err(format!(
                    "a {what} refused without saying what it is: {message}"
                ));
            }
        }
        _ => {}
    }
    if what == "device" {
        if device_mode(&path) != before {
            return Err("the device's mode changed".into());
        }
        if dir.join("input-journal").exists() || dir.join("input-wal").exists() {
            return Err("a -journal or -wal was made beside a device".into());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(label)
}

trait NonBlock {
    fn custom_flags_nonblock(&mut self) -> &mut Self;
}

impl NonBlock for std::fs::OpenOptions {
    fn custom_flags_nonblock(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        self.custom_flags(libc::O_NONBLOCK)
    }
}
