//! Encryption at rest, through the service: a case with a known name,
//! passport date and salary leaves none of them readable in the data folder
//! (the workspace, its -wal and -shm, the rules folder, any temporary file),
//! while the workspace is open and after; the same with encryption off
//! finds them (so the search can fail). A plain workspace is encrypted only
//! when asked, keeping its cases.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use permit_core::Lang;
use permit_service::encryption::{encrypt_workspace, Opened};
use permit_service::{ErrorKind, View, Workspace};
use permit_store::{Key, RAW_KEY_LEN};
use serde_json::json;

const NAME: &str = "Xiomara Quennell";
const PASSPORT: &str = "2031-07-19";
const SALARY: &str = "81234.56";

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pp-enc-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    dir
}

fn view() -> View {
    View {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

fn key() -> Key {
    Key::Raw([7; RAW_KEY_LEN])
}

fn situation() -> serde_json::Value {
    json!({ "format": 1,
            "applicant": { "name": NAME, "birth_date": "1990-04-02" },
            "role": "employee", "scheme": "pay_limit",
            "employer": { "name": "Aarhus University", "registered_in_denmark": true, "location": "denmark" },
            "dates": { "planned_submission": "2027-01-10", "job_start": "2027-03-01", "passport_expiry": PASSPORT },
            "salary": { "period": "month", "components": [ { "kind": "cash", "amount": SALARY } ] } })
}

fn add_case(ws: &mut Workspace) -> i64 {
    let c = ws.create(NAME, view()).unwrap();
    let c = ws
        .update(c.id, &situation(), Some(&c.updated_at), view())
        .unwrap();
    c.id
}

/// Every secret readable (as `grep -a` reads bytes) in a file under `dir`.
fn readable(dir: &Path) -> Vec<String> {
    let mut found = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            for s in [NAME, "Quennell", "quennell", PASSPORT, "81234"] {
                if bytes.windows(s.len()).any(|w| w == s.as_bytes()) {
                    found.push(format!("{s} in {}", path.display()));
                }
            }
        }
    }
    found
}

/// What is readable in the data folder with a case stored, while the
/// workspace is open and after it is closed.
fn leftovers(encrypted: bool, tag: &str) -> (Vec<String>, Vec<String>) {
    let dir = tmp(tag);
    let path = dir.join("workspace.sqlite3");
    let rules = dir.join("rules");
    let mut ws = if encrypted {
        match Workspace::open_keyed_with_rules(Some(&path), &rules, &key()).unwrap() {
            Opened::Open(ws) => *ws,
            Opened::NeedsEncryption(_) => panic!("a new workspace is created encrypted"),
        }
    } else {
        Workspace::open_with_rules(Some(&path), &rules).unwrap()
    };
    assert_eq!(ws.info().unwrap().encrypted, encrypted);
    let id = add_case(&mut ws);
    let shown = serde_json::to_value(ws.get(id, view()).unwrap().situation).unwrap();
    assert_eq!(shown["applicant"]["name"], NAME);
    let open = readable(&dir);
    drop(ws);
    let closed = readable(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    (open, closed)
}

#[test]
fn nothing_of_a_case_is_readable_in_the_data_folder_of_an_encrypted_workspace() {
    let (open, closed) = leftovers(true, "on");
    assert_eq!(open, Vec::<String>::new(), "while open");
    assert_eq!(closed, Vec::<String>::new(), "after");
}

#[test]
fn with_encryption_off_the_same_search_finds_the_case() {
    let (open, closed) = leftovers(false, "off");
    assert!(
        !open.is_empty() && !closed.is_empty(),
        "{open:?} {closed:?}"
    );
}

#[test]
fn a_plain_workspace_is_encrypted_only_when_asked_and_keeps_its_cases() {
    let dir = tmp("migrate");
    let path = dir.join("workspace.sqlite3");
    let rules = dir.join("rules");
    let id = add_case(&mut Workspace::open_with_rules(Some(&path), &rules).unwrap());
    let before = std::fs::read(&path).unwrap();

    let ws = match Workspace::open_keyed_with_rules(Some(&path), &rules, &key()).unwrap() {
        Opened::NeedsEncryption(ws) => ws,
        Opened::Open(_) => panic!("a plain workspace is not encrypted unasked"),
    };
    assert!(!ws.info().unwrap().encrypted);
    drop(ws);
    assert_eq!(std::fs::read(&path).unwrap(), before, "left untouched");

    encrypt_workspace(&path, None, &key()).unwrap();
    let Opened::Open(ws) = Workspace::open_keyed_with_rules(Some(&path), &rules, &key()).unwrap()
    else {
        panic!("encrypted now")
    };
    assert!(ws.info().unwrap().encrypted);
    let shown = serde_json::to_value(ws.get(id, view()).unwrap().situation).unwrap();
    assert_eq!(shown["dates"]["passport_expiry"], PASSPORT);
    drop(ws);
    assert_eq!(readable(&dir), Vec::<String>::new());

    // A wrong key: a typed error, nothing changed.
    let before = std::fs::read(&path).unwrap();
    let err = match Workspace::open_keyed_with_rules(
        Some(&path),
        &rules,
        &Key::Passphrase("wrong".into()),
    ) {
        Err(e) => e,
        Ok(_) => panic!("a wrong key opened it"),
    };
    assert_eq!(err.kind, ErrorKind::WrongKey);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}
