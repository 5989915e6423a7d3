//! Issue 23 (Hardening II): a file from a stranger, or the file system
//! itself, cannot hang, fool or trap the product. One test per defect,
//! through the `permit-packet` binary where a user meets it.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::*;

/// The binary with a private data folder (`XDG_DATA_HOME` in `t`).
fn bin(t: &Tmp) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_permit-packet"));
    keyed(&mut c);
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_DATA_HOME", t.path("xdg"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Runs `c`; kills it after `limit` (a hang is a failure, with the args).
fn finish(mut c: Command, limit: Duration) -> (i32, String, String) {
    let what = format!("{c:?}");
    let child = c.spawn().unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => {
            let out: Output = out.unwrap();
            (
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stdout).into(),
                String::from_utf8_lossy(&out.stderr).into(),
            )
        }
        Err(_) => {
            // SAFETY: kill(2) on the child we spawned.
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            panic!("still running after {limit:?} (killed): {what}");
        }
    }
}

fn run(t: &Tmp, args: &[&str]) -> (i32, String, String) {
    let mut c = bin(t);
    c.args(args);
    finish(c, Duration::from_secs(60))
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid path; mkfifo only creates the file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

fn store_with_hires(t: &Tmp) -> PathBuf {
    let store = t.path("ws.sqlite3");
    let (code, out, err) = run(
        t,
        &[
            "import",
            "examples/hires.csv",
            "--store",
            store.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    store
}

fn count_cases(store: &Path) -> usize {
    sql_conn(store)
        .query_row("SELECT count(*) FROM cases", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

fn case_file(name: &str, situation: &serde_json::Value) -> String {
    json!({"format": "permit-packet-case", "version": 1, "name": name, "situation": situation})
        .to_string()
}

// 1. Every element past a limit was still checked, and every error
// re-scanned the text for its position: quadratic time.
#[test]
fn a_list_far_past_its_limit_is_refused_at_once_with_the_first_problems_and_a_count() {
    let t = Tmp::new("quadratic");
    let store = t.path("ws.sqlite3");
    let s = store.to_str().unwrap();
    // A 1 MiB case file whose situation holds ~340,000 `{}` documents.
    let mut docs = String::from("{}");
    while docs.len() < 1024 * 1024 - 200 {
        docs.push_str(",{}");
    }
    let text = format!(
        r#"{{"format":"permit-packet-case","version":1,"name":"Ana","situation":{{"documents":[{docs}]}}}}"#
    );
    let file = t.write("many.json", &text);
    let started = Instant::now();
    let (code, _, err) = run(
        &t,
        &["case", "import", file.to_str().unwrap(), "--store", s],
    );
    let took = started.elapsed();
    assert_eq!(code, 1, "{}", &err[..err.len().min(2000)]);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert!(err.len() < 10_000, "{} bytes of errors", err.len());
    assert!(
        err.contains("documents") && err.contains("200 at most"),
        "{err}"
    );
    assert!(
        err.contains("more problems (the first 20 are shown)"),
        "{err}"
    );
    // Positions are still given (line:column).
    assert!(err.contains("(situation):1:"), "{err}");

    // `plan` with 50,000 documents, and with 50,000 salary components.
    for (list, item) in [("documents", "{}"), ("salary", r#"{"kind":"cash"}"#)] {
        let items = vec![item; 50_000].join(",\n");
        let body = if list == "salary" {
            format!(r#"{{"salary":{{"period":"month","components":[{items}]}}}}"#)
        } else {
            format!(r#"{{"documents":[{items}]}}"#)
        };
        let f = t.write("big.json", &body);
        let started = Instant::now();
        let (code, _, err) = run(&t, &["plan", f.to_str().unwrap()]);
        assert_eq!(code, 1, "{list}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{list}: {:?}",
            started.elapsed()
        );
        assert!(err.len() < 10_000, "{list}: {} bytes", err.len());
        assert!(err.contains("more problems"), "{err}");
    }
}

// 2. A named pipe as input hung every reader until killed.
#[test]
fn a_named_pipe_as_input_is_refused_at_once_by_every_reader() {
    let t = Tmp::new("fifo");
    let store = t.path("ws.sqlite3");
    let s = store.to_str().unwrap();
    let fifo = t.path("input.fifo");
    mkfifo(&fifo);
    let f = fifo.to_str().unwrap();
    for args in [
        vec!["case", "import", f, "--store", s],
        vec!["import", f, "--store", s],
        vec!["plan", f],
        vec!["explain", f],
        vec!["template", "save", "Mine", f, "--store", s],
        vec!["rules", "verify", f],
        vec!["rules", "diff", f, "--store", s],
        vec!["rules", "install", f, "--store", s],
    ] {
        let mut c = bin(&t);
        c.args(&args);
        let (code, _, err) = finish(c, Duration::from_secs(20));
        assert_ne!(code, 0, "{args:?}");
        assert!(
            err.contains("named pipe") && err.contains("input.fifo"),
            "{args:?}: {err}"
        );
    }
    // A folder, and a loop of links, are named too.
    let dir = t.path("a-folder");
    std::fs::create_dir(&dir).unwrap();
    let (code, _, err) = run(&t, &["plan", dir.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("a-folder") && err.contains("folder"), "{err}");
    let (a, b) = (t.path("loop-a"), t.path("loop-b"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let (code, _, err) = run(&t, &["case", "import", a.to_str().unwrap(), "--store", s]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("loop-a"), "{err}");
}

// 3. `batch --out` replaced files without --force, a file of another kind,
// and the workspace itself.
#[test]
fn batch_uses_the_output_guard_of_every_other_writer() {
    let t = Tmp::new("batch-guard");
    // The workspace in the output folder, under an output's name.
    let wsdir = t.path("wsdir");
    std::fs::create_dir(&wsdir).unwrap();
    let store = wsdir.join("summary.csv");
    let s = store.to_str().unwrap();
    let (code, _, err) = run(&t, &["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read(&store).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["batch", "--out", wsdir.to_str().unwrap(), "--store", s];
        args.extend_from_slice(extra);
        let (code, _, err) = run(&t, &args);
        assert_eq!(code, 3, "{extra:?}: {err}");
        assert!(err.contains("workspace's own file"), "{err}");
    }
    assert_eq!(
        std::fs::read(&store).unwrap(),
        before,
        "the workspace is untouched"
    );
    assert_eq!(count_cases(&store), 10);
    let names: Vec<_> = std::fs::read_dir(&wsdir).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing was written beside it: {names:?}");

    // The user's own summary.csv: only with --force.
    let store = store_with_hires(&t);
    let s = store.to_str().unwrap();
    let out = t.path("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("summary.csv"), "my,own\n1,2\n").unwrap();
    let o = out.to_str().unwrap();
    let (code, _, err) = run(&t, &["batch", "--out", o, "--store", s]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("summary.csv") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("summary.csv")).unwrap(),
        "my,own\n1,2\n"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "nothing written"
    );
    let (code, _, err) = run(&t, &["batch", "--out", o, "--store", s, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(out.join("summary.csv"))
        .unwrap()
        .starts_with("case_id,"));

    // A second export into the same folder: --force, as for any output.
    let (code, _, err) = run(&t, &["batch", "--out", o, "--store", s]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("21 files of this export already") && err.contains("--force"),
        "{err}"
    );

    // A file of another kind under a plan's name: never, even with --force.
    let plan = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".plan.json"))
        .unwrap();
    std::fs::write(&plan, "my notes, not a plan").unwrap();
    let (code, _, err) = run(&t, &["batch", "--out", o, "--store", s, "--force"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("is not a JSON file"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        "my notes, not a plan"
    );
}

// 4. Temporary files of a killed `ics` or `case export` stayed for ever.
#[test]
fn every_writer_removes_the_temporary_files_a_killed_run_left() {
    let t = Tmp::new("stale");
    let store = store_with_hires(&t);
    let s = store.to_str().unwrap();
    for (i, args) in [
        vec!["ics", "-o", "OUT/d.ics", "--store", s],
        vec!["case", "export", "1", "-o", "OUT/case.json", "--store", s],
    ]
    .into_iter()
    .enumerate()
    {
        let dir = t.path(&format!("out{i}"));
        std::fs::create_dir(&dir).unwrap();
        // A process id above any Linux allows: that process is gone.
        let stale = dir.join(".d.ics.4194399.0.tmp");
        std::fs::write(&stale, "personal data").unwrap();
        let out = args[args.iter().position(|a| *a == "-o").unwrap() + 1]
            .replace("OUT", dir.to_str().unwrap());
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if a.starts_with("OUT/") {
                    out.as_str()
                } else {
                    a
                }
            })
            .collect();
        let (code, _, err) = run(&t, &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            !stale.exists(),
            "{args:?}: the killed run's temporary file is gone"
        );
        assert!(Path::new(&out).exists());
    }
}

/// The workspace with `sql` run on it (as a stranger's tool would).
fn tamper(store: &Path, sql: &str) {
    sql_conn(store).execute_batch(sql).unwrap();
}

// 5. A workspace from elsewhere could carry triggers (quick_check: ok).
#[test]
fn a_workspace_holding_triggers_or_views_is_refused_naming_them() {
    let t = Tmp::new("triggers");
    let csv = t.path("more.csv");
    std::fs::copy("examples/hires.csv", &csv).unwrap();
    for (sql, named) in [
        (
            "CREATE TRIGGER fake_pay AFTER INSERT ON case_documents BEGIN \
             UPDATE case_documents SET situation_json = json_set(situation_json, '$.dates.passport_expiry', '2099-01-01') \
             WHERE case_id = new.case_id; END;",
            "trigger `fake_pay` on `case_documents`",
        ),
        (
            "PRAGMA recursive_triggers = ON; CREATE TRIGGER forever AFTER INSERT ON cases BEGIN \
             INSERT INTO cases (name, created_at, updated_at) VALUES ('x', 'a', 'b'); END;",
            "trigger `forever` on `cases`",
        ),
        ("CREATE VIEW everyone AS SELECT name FROM cases;", "view `everyone`"),
        ("CREATE TABLE extra (x); CREATE INDEX extra_x ON extra (x);", "table `extra`"),
    ] {
        let store = store_with_hires(&t);
        tamper(&store, sql);
        let before = std::fs::read(&store).unwrap();
        let s = store.to_str().unwrap();
        for args in [
            vec!["import", csv.to_str().unwrap(), "--store", s],
            vec!["cases", "--store", s],
        ] {
            let mut c = bin(&t);
            c.args(&args);
            let (code, _, err) = finish(c, Duration::from_secs(30));
            assert_eq!(code, 3, "{sql}: {err}");
            assert!(err.contains(named), "{sql}: {err}");
            assert!(err.contains("did not create"), "{err}");
        }
        assert_eq!(std::fs::read(&store).unwrap(), before, "{sql}: left untouched");
        std::fs::remove_file(&store).unwrap();
    }
    // A workspace the product made (and migrated) opens as before.
    let store = store_with_hires(&t);
    let (code, _, err) = run(&t, &["cases", "--store", store.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

// 6. A line feed inside a name printed a convincing fake row in `cases`.
#[test]
fn a_name_is_one_line_refused_with_the_field_named_and_escaped_in_a_table() {
    let t = Tmp::new("lf");
    let store = store_with_hires(&t);
    let s = store.to_str().unwrap();
    let fake = "Ana\n    99  2027-01-01  active    R-FAKE          Someone else";
    let file = t.write("lf.json", &case_file(fake, &researcher()));
    let (code, _, err) = run(
        &t,
        &["case", "import", file.to_str().unwrap(), "--store", s],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("field `name`") && err.contains("control character"),
        "{err}"
    );
    for (field, patch) in [
        ("applicant.name", json!({"applicant": {"name": "Ana\rBo"}})),
        ("case.reference", json!({"case": {"reference": "R-1\nR-2"}})),
        (
            "employer.name",
            json!({"employer": {"name": "Uni\u{1b}[2J"}}),
        ),
    ] {
        let file = t.write("s.json", &with(researcher(), patch).to_string());
        let (code, _, err) = run(&t, &["plan", file.to_str().unwrap()]);
        assert_eq!(code, 1, "{field}: {err}");
        assert!(err.contains(&format!("field `{field}`")), "{field}: {err}");
        assert!(err.contains("control character"), "{field}: {err}");
    }
    // (A CSV cell cannot hold a line break at all: the reader refuses it.)
    assert_eq!(count_cases(&store), 10);

    // A name that got into a workspace anyway is one cell of one row.
    tamper(
        &store,
        &format!("UPDATE cases SET name = '{fake}' WHERE id = 1"),
    );
    let (code, out, _) = run(&t, &["cases", "--store", s]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 11, "{out}");
    assert!(out.contains("Ana\\u000a    99"), "{out}");
}

// 7. `--store` on a device node changed its mode and left a -journal.
#[test]
fn a_workspace_that_is_not_a_regular_file_is_refused_before_it_is_touched() {
    let t = Tmp::new("device");
    let dev = t.path("dev-null");
    let name = std::ffi::CString::new(dev.to_str().unwrap()).unwrap();
    // A device node of our own (as root), else a link to /dev/null (which
    // an ordinary user cannot change anyway): the same path in the product.
    // SAFETY: mknod on a fresh path in our folder.
    let made =
        unsafe { libc::mknod(name.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) } == 0;
    if !made {
        std::os::unix::fs::symlink("/dev/null", &dev).unwrap();
    }
    let before = mode(&dev);
    let fifo = t.path("pipe");
    mkfifo(&fifo);
    for (path, what) in [(&dev, "is a device"), (&fifo, "is a named pipe")] {
        for args in [vec!["cases"], vec!["import", "examples/hires.csv"]] {
            let mut c = bin(&t);
            c.args(&args).args(["--store", path.to_str().unwrap()]);
            let (code, _, err) = finish(c, Duration::from_secs(20));
            assert_eq!(code, 3, "{err}");
            assert!(
                err.contains(what) && err.contains("not a workspace file"),
                "{err}"
            );
        }
    }
    assert_eq!(mode(&dev), before, "the device's mode is as it was");
    for suffix in ["-journal", "-wal", "-shm"] {
        assert!(!t.path(&format!("dev-null{suffix}")).exists(), "{suffix}");
        assert!(!t.path(&format!("pipe{suffix}")).exists(), "{suffix}");
    }
    // A companion that is not a regular file is refused too.
    let store = store_with_hires(&t);
    let journal = PathBuf::from(format!("{}-journal", store.display()));
    mkfifo(&journal);
    let (code, _, err) = run(&t, &["cases", "--store", store.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("-journal") && err.contains("named pipe"),
        "{err}"
    );
}

// 8a. A case name of only invisible characters was accepted.
#[test]
fn a_case_name_needs_a_visible_character() {
    let t = Tmp::new("invisible");
    let store = t.path("ws.sqlite3");
    let s = store.to_str().unwrap();
    for name in [
        "\u{a0}\u{2003}",
        "\u{200b}",
        "\u{a0}\u{200b}\u{2003}\u{feff}",
    ] {
        let file = t.write("c.json", &case_file(name, &researcher()));
        let (code, _, err) = run(
            &t,
            &["case", "import", file.to_str().unwrap(), "--store", s],
        );
        assert_eq!(code, 1, "{name:?}: {err}");
        assert!(
            err.contains("field `name`") && err.contains("visible character"),
            "{err}"
        );
    }
    let csv = std::fs::read_to_string("examples/hires.csv").unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let bad = t.write(
        "inv.csv",
        &format!(
            "{header}\n\u{200b}\u{a0}{}\n",
            &row[row.find(',').unwrap()..]
        ),
    );
    let (code, _, err) = run(&t, &["import", bad.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("case_name") && err.contains("visible character"),
        "{err}"
    );
    // A real name with such characters inside is fine.
    let file = t.write("ok.json", &case_file("Ana\u{a0}Silva", &researcher()));
    let (code, _, err) = run(
        &t,
        &["case", "import", file.to_str().unwrap(), "--store", s],
    );
    assert_eq!(code, 0, "{err}");
}

// 8b. A write failing for lack of space did not say which file.
#[test]
fn a_batch_that_cannot_write_names_the_file() {
    let t = Tmp::new("full");
    let store = store_with_hires(&t);
    let out = t.path("out");
    let mut c = bin(&t);
    c.args([
        "batch",
        "--out",
        out.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    // The largest file this process may write: 48 KB (room for the
    // workspace's 32 KB `-shm`; a plan or a PDF is larger), the way a full
    // disk stops a write half-way.
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        c.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: 48 * 1024,
                rlim_max: 48 * 1024,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let (code, _, err) = finish(c, Duration::from_secs(60));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("File too large"), "{err}");
    assert!(
        err.contains(&format!("{}/", out.display()))
            && (err.contains(".plan.json") || err.contains(".pdf")),
        "the file is named: {err}"
    );
    // Nothing half-written was left in the folder.
    let left: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

/// Name → bytes of the files a batch left in `dir` (hidden ones too).
fn folder(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

// 8c. A re-export killed midway left old and new files mixed, with the old
// summary.csv.
#[test]
fn a_re_export_killed_midway_leaves_the_folder_as_it_was() {
    let t = Tmp::new("killed");
    let store = t.path("ws.sqlite3");
    let s = store.to_str().unwrap();
    let csv = t.write("many.csv", &{
        let example = std::fs::read_to_string("examples/hires.csv").unwrap();
        let mut lines = example.lines();
        let mut o = format!("{}\n", lines.next().unwrap());
        let rows: Vec<&str> = lines.collect();
        for i in 0..80 {
            o.push_str(&format!("Hire {i} {}\n", rows[i % rows.len()]));
        }
        o
    });
    let (code, _, err) = run(&t, &["import", csv.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 0, "{err}");
    let out = t.path("out");
    let o = out.to_str().unwrap();
    let (code, _, err) = run(
        &t,
        &["batch", "--out", o, "--store", s, "--today", "2026-11-23"],
    );
    assert_eq!(code, 0, "{err}");
    let first = folder(&out);
    assert_eq!(first.len(), 161);

    // Again on another day (other plans), killed once some cases are done.
    let mut c = bin(&t);
    c.args([
        "batch",
        "--out",
        o,
        "--store",
        s,
        "--today",
        "2027-02-01",
        "--force",
    ]);
    let mut child = c.spawn().unwrap();
    let started = Instant::now();
    loop {
        let staged: usize = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| std::fs::read_dir(e.path()).map(|d| d.count()).unwrap_or(0))
            .sum();
        let changed = folder(&out) != first;
        if staged >= 20 || changed || started.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(folder(&out), first, "the folder is the first export, whole");

    // The next export clears what the killed one left and writes its own.
    let (code, _, err) = run(
        &t,
        &[
            "batch",
            "--out",
            o,
            "--store",
            s,
            "--today",
            "2027-02-01",
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 161, "no staging folder left: {names:?}");
    assert_ne!(folder(&out), first);
}

/// `c` with at most `bytes` of memory for its data (heap and every private
/// mapping: `RLIMIT_DATA`); an allocation past it fails and the process
/// aborts.
fn with_memory_limit(c: &mut Command, bytes: u64) {
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        c.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_DATA, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

// 8d. A 16 MiB rules bundle made `rules verify` peak at 284 MB.
#[test]
fn a_16_mib_rules_bundle_is_checked_in_under_100_mb() {
    let t = Tmp::new("bundle-memory");
    let max = permit_bundle::MAX_BUNDLE_BYTES as usize;
    let pad = |head: &str, item: &str, tail: &str| {
        let n = (max - head.len() - tail.len()) / item.len();
        let mut s = String::with_capacity(max);
        s.push_str(head);
        s.push_str(item.repeat(n).trim_end_matches(','));
        s.push_str(tail);
        assert!(s.len() <= max);
        s
    };
    let shapes = [
        pad(
            r#"{"format":"permit-packet-rules-bundle","format_version":1,"x":["#,
            "0,",
            "]}",
        ),
        pad(
            r#"{"format":"permit-packet-rules-bundle","format_version":1,"manifest":"{}","signature":null,"parts":{"#,
            r#""a":"","#,
            "}}",
        ),
        pad(
            r#"{"format":"permit-packet-rules-bundle","format_version":1,"x":"#,
            "[",
            "",
        ),
    ];
    for (i, shape) in shapes.iter().enumerate() {
        let f = t.write(&format!("big{i}.ppbundle"), shape);
        let mut c = bin(&t);
        c.args(["rules", "verify", f.to_str().unwrap()]);
        with_memory_limit(&mut c, 100 * 1024 * 1024);
        let (code, _, err) = finish(c, Duration::from_secs(60));
        // Refused with its reason, not killed for want of memory.
        assert_eq!(code, 1, "shape {i}: {err}");
        assert!(
            err.contains("refused, nothing was changed"),
            "shape {i}: {err}"
        );
    }
}
