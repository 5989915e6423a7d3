//! `audit verify|show|export` and `person export|erase` of the
//! `permit-packet` binary: exit codes, private files, and an erasure that
//! leaves no byte of the person in the workspace's files.

use std::process::{Command, Stdio};

use crate::Tmp;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_permit-packet"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env(permit_keys::PASSPHRASE_FILE_ENV, crate::key_file())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn holds(path: &std::path::Path, needle: &str) -> bool {
    std::fs::read(path)
        .unwrap_or_default()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn audit_and_person_commands_record_verify_export_and_erase() {
    let t = Tmp::new("audit-cli");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let (code, _, err) = run(&["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{err}");

    let (code, out, _) = run(&["audit", "show", "--case", "1", "--store", s]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Imported") && out.contains("Ana Silva"),
        "{out}"
    );
    let (code, out, _) = run(&["audit", "verify", "--store", s]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("10 entries"), "{out}");

    let csv = t.path("log.csv");
    let (code, _, err) = run(&[
        "audit",
        "export",
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
        "--store",
        s,
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("seq,at,actor,machine,case_id,action,field,old,new"));
    assert_eq!(text.lines().count(), 11, "{text}");
    // An existing file is replaced only with --force.
    let (code, _, _) = run(&[
        "audit",
        "export",
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
        "--store",
        s,
    ]);
    assert_eq!(code, 3);

    let json = t.path("ana.json");
    let (code, out, err) = run(&[
        "person",
        "export",
        "--case",
        "1",
        "-o",
        json.to_str().unwrap(),
        "--store",
        s,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ana.pdf"), "{out}");
    use std::os::unix::fs::PermissionsExt;
    for f in [&csv, &json, &t.path("ana.pdf")] {
        assert_eq!(
            std::fs::metadata(f).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    // Without a terminal and without --force, nothing is erased.
    let (code, _, err) = run(&["person", "erase", "--case", "1", "--store", s]);
    assert_eq!(code, 2, "{err}");
    // Still there (read with the workspace's key: the file itself is encrypted).
    let held: i64 = crate::sql_conn(&store)
        .query_row(
            "SELECT count(*) FROM cases WHERE name LIKE '%Ana Silva%' OR id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(held >= 1, "erased without --force");
    let (code, out, err) = run(&["person", "erase", "--case", "1", "--force", "--store", s]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Erased case 1"), "{out}");
    for needle in ["Ana Silva", "1990-04-17", "540000", "2031-06-30"] {
        for f in ["w.sqlite3", "w.sqlite3-wal", "w.sqlite3-shm"] {
            assert!(!holds(&t.path(f), needle), "{needle} left in {f}");
        }
        // Nor readable with the key: the case and its audit values are gone.
        let left: i64 = crate::sql_conn(&store)
            .query_row(
                "SELECT (SELECT count(*) FROM case_documents WHERE instr(situation_json, ?1) > 0) \
                 + (SELECT count(*) FROM cases WHERE instr(name, ?1) > 0) \
                 + (SELECT count(*) FROM audit_values WHERE instr(values_json, ?1) > 0)",
                [needle],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "{needle} still readable with the key");
    }
    let (code, out, _) = run(&["audit", "verify", "--store", s, "--lang", "da"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("i orden"), "{out}");

    // Edited by hand: verify fails with exit code 1 and names the entry.
    let conn = crate::sql_conn(&store);
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE seq = 2;
         CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    )
    .unwrap();
    drop(conn);
    let (code, _, err) = run(&["audit", "verify", "--store", s]);
    assert_eq!(code, 1);
    assert!(err.contains("Entry 2 was changed"), "{err}");
}
