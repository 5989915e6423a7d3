//! Encryption at rest through the `permit-packet` binary (issue 22): the
//! key from a passphrase file, the OS keyring (gnome-keyring in a private
//! D-Bus session) or nowhere (a clear refusal, saying why); `key status |
//! encrypt | change-passphrase | recovery-key`; a recovery key opens the
//! workspace when the keyring is lost.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::Tmp;

/// The binary with no keyring reachable and no passphrase file.
fn bare() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_permit-packet"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove(permit_keys::PASSPHRASE_FILE_ENV)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .stdin(Stdio::null());
    c
}

fn out(mut c: Command) -> (i32, String, String) {
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    let mut c = bare();
    c.args(args);
    out(c)
}

/// `args` run in a private D-Bus session with an unlocked gnome-keyring
/// whose files are under `home` (the same `home` is the same keyring).
fn with_keyring(home: &Path, args: &[&str]) -> (i32, String, String) {
    std::fs::create_dir_all(home).unwrap();
    let mut c = Command::new("dbus-run-session");
    c.args([
        "--",
        "sh",
        "-c",
        // The unlocked daemon must own the Secret Service name before the
        // program asks: else D-Bus starts a second, locked one (a race on a
        // busy machine).
        concat!(
            "printf %s test | gnome-keyring-daemon --components=secrets --unlock >/dev/null && ",
            "for i in $(seq 100); do dbus-send --session --print-reply --dest=org.freedesktop.DBus ",
            "/org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets ",
            "2>/dev/null | grep -q true && break; sleep 0.1; done; exec \"$@\""
        ),
        "sh",
        env!("CARGO_BIN_EXE_permit-packet"),
    ])
    .args(args)
    .current_dir(env!("CARGO_MANIFEST_DIR"))
    .env("HOME", home)
    .env_remove(permit_keys::PASSPHRASE_FILE_ENV)
    .env_remove("DBUS_SESSION_BUS_ADDRESS")
    .env("XDG_DATA_HOME", home.join("data"))
    .stdin(Stdio::null());
    out(c)
}

fn encrypted(p: &Path) -> Option<bool> {
    permit_store::is_encrypted(p).unwrap()
}

#[test]
fn without_keyring_or_passphrase_file_the_cli_says_why_and_creates_nothing() {
    let t = Tmp::new("nokey");
    let store = t.path("w.sqlite3");
    let (code, _, err) = run(&["cases", "--store", store.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("no keyring answered"), "{err}");
    assert!(
        err.contains("--passphrase-file") && err.contains("PERMIT_PACKET_PASSPHRASE_FILE"),
        "{err}"
    );
    assert_eq!(encrypted(&store), None, "nothing created");
}

#[test]
fn a_passphrase_file_encrypts_and_the_key_commands_change_it() {
    let t = Tmp::new("passfile");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let pass = t.write("pass.txt", "correct horse battery staple\n");
    let p = pass.to_str().unwrap();
    let (code, _, err) = run(&[
        "import",
        "examples/hires.csv",
        "--store",
        s,
        "--passphrase-file",
        p,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(encrypted(&store), Some(true));
    let bytes = std::fs::read(&store).unwrap();
    for name in ["Ana Silva", "Rahul Mehta", "HR-2027-001"] {
        assert!(
            !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
            "{name}"
        );
    }
    // The environment variable works as the option does.
    let mut c = bare();
    c.args(["cases", "--store", s])
        .env(permit_keys::PASSPHRASE_FILE_ENV, &pass);
    let (code, listed, err) = out(c);
    assert_eq!(code, 0, "{err}");
    assert!(listed.contains("Ana Silva"), "{listed}");

    let (code, status, _) = run(&["key", "status", "--store", s]);
    assert_eq!(code, 0);
    assert!(status.contains("Encryption: encrypted"), "{status}");
    assert!(status.contains("Keyring: none answered"), "{status}");

    // A wrong passphrase: refused, named as such, never echoed; nothing changed.
    let wrong = t.write("wrong.txt", "not the passphrase");
    let before = std::fs::read(&store).unwrap();
    let (code, _, err) = run(&[
        "cases",
        "--store",
        s,
        "--passphrase-file",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("cannot be opened with this key"), "{err}");
    assert!(!err.contains("not the passphrase"), "{err}");
    assert_eq!(std::fs::read(&store).unwrap(), before);

    // No keyring, a passphrase (issue 22, item 4): a recovery key of its
    // own, shown once, opening the workspace when the passphrase is
    // forgotten; the passphrase still opens it; no key file beside it.
    let files_before: Vec<_> = std::fs::read_dir(&t.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let recovery_key = |said: &str| {
        said.lines()
            .map(str::trim)
            .find(|l| l.starts_with("PPRK-"))
            .map(str::to_owned)
    };
    let (code, shown, err) = run(&["key", "recovery-key", "--store", s, "--passphrase-file", p]);
    assert_eq!(code, 0, "{err}");
    assert!(shown.contains("shown this once"), "{shown}");
    let first = recovery_key(&shown).expect("a recovery key shown");
    let mut files_after: Vec<_> = std::fs::read_dir(&t.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| {
            !n.to_string_lossy().ends_with("-wal") && !n.to_string_lossy().ends_with("-shm")
        })
        .collect();
    let mut expected: Vec<_> = files_before
        .into_iter()
        .filter(|n| {
            !n.to_string_lossy().ends_with("-wal") && !n.to_string_lossy().ends_with("-shm")
        })
        .collect();
    files_after.sort();
    expected.sort();
    assert_eq!(files_after, expected, "no file beside the workspace");
    let bytes = std::fs::read(&store).unwrap();
    assert!(!bytes
        .windows(20)
        .any(|w| first.as_bytes().windows(20).any(|k| k == w)));
    // The passphrase forgotten: the recovery key opens the workspace.
    let rk = t.write("recovery.txt", &format!("{first}\n"));
    let (code, listed, err) = run(&[
        "cases",
        "--store",
        s,
        "--passphrase-file",
        rk.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(listed.lines().count(), 1 + 10, "{listed}");
    let (code, _, err) = run(&["cases", "--store", s, "--passphrase-file", p]);
    assert_eq!(code, 0, "the passphrase still opens it: {err}");
    // A new recovery key: the earlier one opens it no more.
    let (code, shown, err) = run(&["key", "recovery-key", "--store", s, "--passphrase-file", p]);
    assert_eq!(code, 0, "{err}");
    let second = recovery_key(&shown).unwrap();
    assert_ne!(first, second);
    let (code, _, _) = run(&[
        "cases",
        "--store",
        s,
        "--passphrase-file",
        rk.to_str().unwrap(),
    ]);
    assert_eq!(code, 3, "the earlier recovery key opens it no more");
    let rk2 = t.write("recovery2.txt", &second);
    let (code, _, err) = run(&[
        "cases",
        "--store",
        s,
        "--passphrase-file",
        rk2.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");

    // A new passphrase: the old one no longer opens it, the new one does.
    let new = t.write("new.txt", "a second, longer passphrase");
    let (code, said, err) = run(&[
        "key",
        "change-passphrase",
        "--store",
        s,
        "--passphrase-file",
        p,
        "--new-passphrase-file",
        new.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(said.contains("new passphrase only"), "{said}");
    let (code, _, _) = run(&["cases", "--store", s, "--passphrase-file", p]);
    assert_eq!(code, 3);
    let (code, listed, err) = run(&[
        "cases",
        "--store",
        s,
        "--passphrase-file",
        new.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(listed.lines().count(), 1 + 10, "{listed}");
}

#[test]
fn a_plain_workspace_is_opened_as_it_is_until_key_encrypt() {
    let t = Tmp::new("plain");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    {
        use permit_store::Store as _;
        let mut st = permit_store::SqliteStore::open(&store).unwrap();
        st.set_setting("probe", "1").unwrap();
    }
    let pass = t.write("pass.txt", "plain to encrypted");
    let p = pass.to_str().unwrap();
    let (code, _, err) = run(&[
        "import",
        "examples/hires.csv",
        "--store",
        s,
        "--passphrase-file",
        p,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(encrypted(&store), Some(false), "not encrypted unasked");

    let (code, _, err) = run(&["key", "encrypt", "--store", s, "--passphrase-file", p]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(encrypted(&store), Some(true));
    assert!(!t.path("w.sqlite3-wal").exists() && !t.path("w.sqlite3.encrypting").exists());
    let (code, listed, err) = run(&["cases", "--store", s, "--passphrase-file", p]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(listed.lines().count(), 1 + 10, "{listed}");
    let (code, said, _) = run(&["key", "encrypt", "--store", s, "--passphrase-file", p]);
    assert_eq!(code, 0);
    assert!(said.contains("already encrypted"), "{said}");
}

#[test]
fn with_a_keyring_nothing_is_typed_and_a_recovery_key_opens_it_when_the_keyring_is_lost() {
    let t = Tmp::new("keyring");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let home = t.path("home");
    // First start: a key made and kept in the keyring; the user is told.
    let (code, _, err) = with_keyring(&home, &["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("key recovery-key"), "{err}");
    assert_eq!(encrypted(&store), Some(true));
    let (code, status, err) = with_keyring(&home, &["key", "status", "--store", s]);
    assert_eq!(code, 0, "{err}");
    assert!(
        status.contains("holds the key of this workspace"),
        "{status}"
    );

    let (code, shown, err) = with_keyring(&home, &["key", "recovery-key", "--store", s]);
    assert_eq!(code, 0, "{err}");
    let recovery = shown
        .split_whitespace()
        .find(|w| w.starts_with("PPRK-"))
        .unwrap_or_else(|| panic!("no recovery key in {shown}"))
        .to_owned();
    // Still opens from the keyring, nothing typed.
    let (code, listed, err) = with_keyring(&home, &["cases", "--store", s]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(listed.lines().count(), 1 + 10);

    // The keyring lost (another account's keyring): refused, saying why ...
    let other = t.path("other-home");
    let (code, _, err) = with_keyring(&other, &["cases", "--store", s]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("holds no key"), "{err}");
    // ... and the recovery key opens it, and the keyring keeps it again.
    let file = t.write("recovery.txt", &recovery);
    let (code, listed, err) = with_keyring(
        &other,
        &[
            "cases",
            "--store",
            s,
            "--passphrase-file",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(listed.lines().count(), 1 + 10);
    let (code, _, err) = with_keyring(&other, &["cases", "--store", s]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_case_file_encrypted_with_a_passphrase_opens_only_with_it_and_plain_ones_still_do() {
    let t = Tmp::new("casefile");
    let pass = t.write("ws-pass.txt", "workspace passphrase");
    let p = pass.to_str().unwrap();
    let from = t.path("from.sqlite3");
    let to = t.path("to.sqlite3");
    let (f, d) = (from.to_str().unwrap(), to.to_str().unwrap());
    let (code, _, err) = run(&[
        "import",
        "examples/hires.csv",
        "--store",
        f,
        "--passphrase-file",
        p,
    ]);
    assert_eq!(code, 0, "{err}");
    let case_pass = t.write("case-pass.txt", "for the client only\n");
    let sealed = t.path("ana.permit-case.json");
    let (code, said, err) = run(&[
        "case",
        "export",
        "1",
        "-o",
        sealed.to_str().unwrap(),
        "--store",
        f,
        "--passphrase-file",
        p,
        "--case-passphrase-file",
        case_pass.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(said.contains("wrote"), "{said}");
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    for s in ["Ana Silva", "1990-04-17", "HR-2027-001"] {
        assert!(
            !bytes.windows(s.len()).any(|w| w == s.as_bytes()),
            "{s} readable"
        );
    }
    let count = |store: &str| {
        let (code, listed, err) = run(&["cases", "--store", store, "--passphrase-file", p]);
        assert_eq!(code, 0, "{err}");
        listed.lines().count() - 1
    };
    let s = sealed.to_str().unwrap();
    // No passphrase (no terminal to ask): refused, saying so; nothing imported.
    let (code, _, err) = run(&["case", "import", s, "--store", d, "--passphrase-file", p]);
    assert_ne!(code, 0);
    assert!(err.contains("encrypted"), "{err}");
    assert_eq!(count(d), 0);
    // A wrong passphrase, a damaged file: refused, nothing imported.
    let wrong = t.write("wrong.txt", "for someone else");
    let (code, _, err) = run(&[
        "case",
        "import",
        s,
        "--store",
        d,
        "--passphrase-file",
        p,
        "--case-passphrase-file",
        wrong.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("does not open this case file"), "{err}");
    let mut cut = bytes.clone();
    cut.truncate(bytes.len() * 2 / 3);
    let damaged = t.path("cut.permit-case.json");
    std::fs::write(&damaged, &cut).unwrap();
    let (code, _, err) = run(&[
        "case",
        "import",
        damaged.to_str().unwrap(),
        "--store",
        d,
        "--passphrase-file",
        p,
        "--case-passphrase-file",
        case_pass.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(count(d), 0);
    // An encrypted case file is replaced by a new export only with --force.
    let again = |force: bool| {
        let mut args = vec![
            "case",
            "export",
            "1",
            "-o",
            s,
            "--store",
            f,
            "--passphrase-file",
            p,
            "--case-passphrase-file",
            case_pass.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        run(&args)
    };
    let (code, _, err) = again(false);
    assert_ne!(code, 0, "{err}");
    assert_eq!(std::fs::read(&sealed).unwrap(), bytes);
    let (code, _, err) = again(true);
    assert_eq!(code, 0, "{err}");
    // The right one: imported.
    let (code, said, err) = run(&[
        "case",
        "import",
        s,
        "--store",
        d,
        "--passphrase-file",
        p,
        "--case-passphrase-file",
        case_pass.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(said.contains("Ana Silva"), "{said}");
    // A plain case file still reads, with or without a passphrase given.
    let plain = t.path("plain.permit-case.json");
    let (code, _, err) = run(&[
        "case",
        "export",
        "2",
        "-o",
        plain.to_str().unwrap(),
        "--store",
        f,
        "--passphrase-file",
        p,
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&[
        "case",
        "import",
        plain.to_str().unwrap(),
        "--store",
        d,
        "--passphrase-file",
        p,
        "--case-passphrase-file",
        case_pass.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(count(d), 2);
}

/// The desktop app's calls (issue 22): Settings' "Encrypt now" with a
/// passphrase chosen in its dialog (where no keyring answers), and the
/// passphrase dialog's answer opening the workspace; a wrong passphrase
/// changes nothing and is `wrong_key`.
#[test]
fn the_desktop_encrypts_a_plain_workspace_with_a_chosen_passphrase_and_opens_it_only_with_it() {
    use permit_packet::cli_key::{encrypt_desktop, open_desktop_with};
    use permit_packet::workspace::{View, Workspace};
    let t = Tmp::new("desktop-encrypt");
    let p = t.path("ws.sqlite3");
    let view = View {
        lang: permit_core::Lang::En,
        today: crate::date(crate::TODAY),
    };
    let mut ws = Workspace::open(Some(&p)).unwrap();
    ws.create("Xiomara Quennell", view).unwrap();
    drop(ws);
    assert_eq!(encrypted(&p), Some(false));

    // Nothing to encrypt where no workspace is.
    let missing = t.path("missing.sqlite3");
    assert_eq!(
        encrypt_desktop(&missing, Some("pass")).err().unwrap().kind,
        "invalid"
    );
    assert!(!missing.exists());

    let ws = encrypt_desktop(&p, Some("a chosen passphrase")).unwrap();
    assert!(ws.encrypted());
    assert_eq!(ws.info().unwrap().cases, 1);
    drop(ws);
    assert_eq!(encrypted(&p), Some(true));
    let bytes = std::fs::read(&p).unwrap();
    assert!(!bytes.windows(8).any(|w| w == b"Xiomara "));
    // Not twice.
    assert_eq!(
        encrypt_desktop(&p, Some("another")).err().unwrap().kind,
        "invalid"
    );

    // The passphrase dialog: a wrong one is refused and changes nothing.
    let err = open_desktop_with(&p, "not the passphrase").err().unwrap();
    assert_eq!(err.kind, "wrong_key");
    assert_eq!(std::fs::read(&p).unwrap(), bytes);
    let err = open_desktop_with(&p, "").err().unwrap();
    assert_eq!(err.kind, "needs_key");
    let ws = open_desktop_with(&p, "a chosen passphrase").unwrap();
    assert!(ws.encrypted());
    assert_eq!(ws.info().unwrap().cases, 1);
}

/// No keyring and no passphrase file: an encrypted workspace is
/// `needs_key` (the app asks for its passphrase or recovery key), one to be
/// encrypted or made `needs_new_key` (the app asks for a new passphrase);
/// a passphrase file that cannot be read stays `io`.
#[test]
fn without_a_keyring_the_desktop_is_told_which_passphrase_to_ask_for() {
    use permit_keys::KeyError;
    use permit_packet::cli_key::app_key_error;
    let t = Tmp::new("desktop-needs-key");
    let enc = t.path("enc.sqlite3");
    permit_store::SqliteStore::open_with_key(
        &enc,
        Some(&permit_store::Key::Passphrase("p".into())),
    )
    .unwrap();
    let no_key = |workspace: &Path| KeyError::NoKey {
        workspace: workspace.to_owned(),
        why: "no keyring answered".into(),
    };
    assert_eq!(app_key_error(no_key(&enc)).kind, "needs_key");
    assert_eq!(
        app_key_error(no_key(&t.path("new.sqlite3"))).kind,
        "needs_new_key"
    );
    let plain = t.path("plain.sqlite3");
    permit_store::SqliteStore::open(&plain).unwrap();
    assert_eq!(app_key_error(no_key(&plain)).kind, "needs_new_key");
    let file = KeyError::PassphraseFile {
        path: t.path("pass"),
        message: "the file is empty".into(),
    };
    assert_eq!(app_key_error(file).kind, "io");
}
