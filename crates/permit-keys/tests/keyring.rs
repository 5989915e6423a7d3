//! The key's sources against a real OS keyring: gnome-keyring's Secret
//! Service in a private D-Bus session (`dbus-run-session`, a throwaway
//! HOME), as on a desktop; and with no keyring at all, as on a headless box.
//! Each case runs in a child process of this test binary (the keyring
//! client is set up once per process).

use std::path::{Path, PathBuf};
use std::process::Command;

use permit_keys::{
    keyring_delete, keyring_get, recovery_text, resolve, Ask, KeyError, Request, Source,
};
use permit_store::{Key, SqliteStore, Store, StoreError};

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("permit-keys-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the ignored test `name` of this binary in `sh -c` under a private
/// D-Bus session with an unlocked gnome-keyring (when `keyring`), else with
/// no session bus at all. Panics with its output when it fails.
fn child(name: &str, keyring: bool) {
    let exe = std::env::current_exe().unwrap();
    let home = temp(&format!("home-{name}"));
    let test = format!(
        "'{}' --ignored --exact {name} --nocapture --test-threads 1",
        exe.display()
    );
    let mut cmd = if keyring {
        let mut c = Command::new("dbus-run-session");
        c.args([
            "--",
            "sh",
            "-c",
            &format!(
                // The unlocked daemon owns the Secret Service name before the
                // test asks (else D-Bus starts a second, locked one).
                "printf %s test | gnome-keyring-daemon --components=secrets --unlock >/dev/null && \
                 for i in $(seq 100); do dbus-send --session --print-reply --dest=org.freedesktop.DBus \
                 /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets \
                 2>/dev/null | grep -q true && break; sleep 0.1; done; {test}"
            ),
        ]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", &test])
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
            .env("XDG_RUNTIME_DIR", home.join("no-runtime"));
        c
    };
    let out = cmd
        .env("HOME", &home)
        .env("PERMIT_KEYS_CHILD", "1")
        .env_remove(permit_keys::PASSPHRASE_FILE_ENV)
        .output()
        .unwrap_or_else(|e| panic!("cannot start {name} (dbus-run-session, gnome-keyring: scripts/install-deps.sh): {e}"));
    let _ = std::fs::remove_dir_all(&home);
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{name}: {text}");
    assert!(
        text.contains(&format!("test {name} ... ok")),
        "{name} did not run: {text}"
    );
}

fn in_child() {
    assert!(
        std::env::var_os("PERMIT_KEYS_CHILD").is_some(),
        "run by the tests below in a child process"
    );
}

#[test]
fn with_a_keyring_a_key_is_made_kept_and_found_and_a_recovery_key_opens_without_it() {
    child("child_keyring", true);
}

#[test]
fn with_no_keyring_and_no_passphrase_the_reason_is_given() {
    child("child_no_keyring", false);
}

fn request(ws: &Path) -> Request<'_> {
    Request {
        workspace: ws,
        passphrase_file: None,
        ask: None,
    }
}

#[test]
#[ignore = "a child process of the tests above"]
fn child_keyring() {
    in_child();
    let dir = temp("keyring");
    let ws = dir.join("workspace.sqlite3");
    // First start: a random key, made and kept in the keyring.
    let found = resolve(request(&ws)).unwrap();
    assert_eq!((found.source.clone(), found.made), (Source::Keyring, true));
    let Key::Raw(raw) = found.key.clone() else {
        panic!("a raw key")
    };
    let mut store = SqliteStore::open_with_key(&ws, Some(&found.key)).unwrap();
    store.set_setting("probe", "kept").unwrap();
    drop(store);
    // Next start: the same key, from the keyring, through another spelling.
    let again = resolve(request(&dir.join(".").join("workspace.sqlite3"))).unwrap();
    assert_eq!((again.source.clone(), again.made), (Source::Keyring, false));
    assert_eq!(again.key, found.key);
    let store = SqliteStore::open_with_key(&ws, Some(&again.key)).unwrap();
    assert_eq!(store.setting("probe").unwrap().as_deref(), Some("kept"));
    drop(store);

    // The keyring lost: the reason is given, and the recovery key opens it.
    keyring_delete(&ws).unwrap();
    assert!(keyring_get(&ws).unwrap().is_none());
    match resolve(request(&ws)).unwrap_err() {
        KeyError::NoKey { why, .. } => assert!(why.contains("holds no key"), "{why}"),
        e => panic!("{e}"),
    }
    let file = dir.join("recovery.txt");
    std::fs::write(&file, format!("{}\n", recovery_text(&raw))).unwrap();
    let found = resolve(Request {
        workspace: &ws,
        passphrase_file: Some(file),
        ask: None,
    })
    .unwrap();
    assert!(found.recovery && !found.made);
    let store = SqliteStore::open_with_key(&ws, Some(&found.key)).unwrap();
    assert_eq!(store.setting("probe").unwrap().as_deref(), Some("kept"));
    drop(store);
    // Asked on the terminal: the typed recovery key works too; a wrong one
    // is refused by the store.
    let mut asked = vec![];
    let mut ask = |a: &Ask| {
        asked.push(a.clone());
        Some(recovery_text(&[1; 32]))
    };
    let found = resolve(Request {
        workspace: &ws,
        passphrase_file: None,
        ask: Some(&mut ask),
    })
    .unwrap();
    assert!(
        matches!(asked.as_slice(), [Ask::Existing { .. }]),
        "{asked:?}"
    );
    assert!(matches!(
        SqliteStore::open_with_key(&ws, Some(&found.key)).unwrap_err(),
        StoreError::WrongKey { .. }
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[ignore = "a child process of the tests above"]
fn child_no_keyring() {
    in_child();
    let dir = temp("nokeyring");
    let ws = dir.join("workspace.sqlite3");
    let err = resolve(request(&ws)).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, KeyError::NoKey { .. }), "{text}");
    assert!(text.contains("no keyring answered"), "{text}");
    assert!(text.contains("--passphrase-file"), "{text}");
    // Asked for a new passphrase on a terminal, saying why.
    let mut asked = vec![];
    let mut ask = |a: &Ask| {
        asked.push(a.clone());
        Some("a long passphrase\n".to_owned())
    };
    let found = resolve(Request {
        workspace: &ws,
        passphrase_file: None,
        ask: Some(&mut ask),
    })
    .unwrap();
    assert!(
        matches!(asked.as_slice(), [Ask::New { why }] if why.contains("no keyring answered")),
        "{asked:?}"
    );
    assert_eq!(found.key, Key::Passphrase("a long passphrase".into()));
    assert!(found.made);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_team_workspaces_password_is_kept_in_the_keyring_apart_from_keys_and_forgotten() {
    child("child_team_password", true);
}

#[test]
fn with_no_keyring_a_team_password_cannot_be_kept_and_the_reason_is_given() {
    child("child_team_password_no_keyring", false);
}

#[test]
#[ignore = "a child process of the tests above"]
fn child_team_password() {
    use permit_keys::{team_password_delete, team_password_get, team_password_set};
    in_child();
    let ana = "postgres://ana@db.example/team?sslmode=verify-full";
    let bo = "postgres://bo@db.example/team?sslmode=verify-full";
    assert_eq!(team_password_get(ana).unwrap(), None);
    team_password_set(ana, "s3cret ✓").unwrap();
    team_password_set(bo, "other").unwrap();
    assert_eq!(team_password_get(ana).unwrap().as_deref(), Some("s3cret ✓"));
    assert_eq!(team_password_get(bo).unwrap().as_deref(), Some("other"));
    // A workspace key of the same name is another entry.
    assert!(keyring_get(Path::new(ana)).unwrap().is_none());
    team_password_set(ana, "changed").unwrap();
    assert_eq!(team_password_get(ana).unwrap().as_deref(), Some("changed"));
    team_password_delete(ana).unwrap();
    team_password_delete(ana).unwrap();
    assert_eq!(team_password_get(ana).unwrap(), None);
    assert_eq!(team_password_get(bo).unwrap().as_deref(), Some("other"));
}

#[test]
#[ignore = "a child process of the tests above"]
fn child_team_password_no_keyring() {
    use permit_keys::{team_password_get, team_password_set};
    in_child();
    let ana = "postgres://ana@db.example/team";
    let why = team_password_set(ana, "s3cret").unwrap_err();
    assert!(!why.is_empty() && !why.contains("s3cret"), "{why}");
    assert!(team_password_get(ana).is_err());
}
