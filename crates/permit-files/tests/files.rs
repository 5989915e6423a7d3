//! What a user relies on: exports are private, nothing is written over the
//! workspace or an input, and killed writers leave nothing behind for long.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use permit_files::{
    check_output, clean_stale_temps, private_dir, private_file, workspace_files, write_atomic,
    Kind, OutputError, Replace,
};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_export_is_private_and_a_replaced_one_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("checklist.pdf");
    for durable in [true, false] {
        let _ = std::fs::remove_file(&p);
        write_atomic(&p, b"%PDF-1.7 one", durable).unwrap();
        assert_eq!(mode(&p), 0o600, "a new file is 0600 whatever the umask");
        // Re-exporting over a 0600 file keeps it 0600 (the rename makes a new inode).
        write_atomic(&p, b"%PDF-1.7 two", durable).unwrap();
        assert_eq!(mode(&p), 0o600);
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-1.7 two");
        // A mode the user chose is kept.
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"%PDF-1.7 three", durable).unwrap();
        assert_eq!(mode(&p), 0o640);
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left: {left:?}");
}

#[test]
fn the_workspace_and_its_companions_are_never_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.sqlite3");
    std::fs::write(&ws, b"SQLite format 3\0").unwrap();
    let guard = workspace_files(&ws);
    for target in [
        ws.clone(),
        dir.path().join("ws.sqlite3-wal"),
        dir.path().join("ws.sqlite3-shm"),
        // Another spelling of the same file.
        dir.path().join(".").join("ws.sqlite3"),
    ] {
        let e = check_output(&target, Kind::Calendar, &guard, &[], Replace::Yes).unwrap_err();
        assert!(
            matches!(e, OutputError::Workspace { .. }),
            "{target:?}: {e}"
        );
        assert!(e.to_string().contains("workspace"));
    }
    // A hard link to the workspace is the workspace.
    let link = dir.path().join("calendar.ics");
    std::fs::hard_link(&ws, &link).unwrap();
    assert!(matches!(
        check_output(&link, Kind::Calendar, &guard, &[], Replace::Yes),
        Err(OutputError::Workspace { .. })
    ));
}

#[test]
fn an_input_is_never_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("s.json");
    std::fs::write(&input, b"{\"role\":\"employee\"}").unwrap();
    let e = check_output(&input, Kind::Pdf, &[], &[&input], Replace::Yes).unwrap_err();
    assert!(matches!(e, OutputError::Input { .. }), "{e}");
}

#[test]
fn an_existing_file_is_replaced_only_when_asked_and_only_by_its_own_kind() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("old.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n...").unwrap();
    let e = check_output(&pdf, Kind::Pdf, &[], &[], Replace::No).unwrap_err();
    assert!(e.to_string().contains("--force"), "{e}");
    check_output(&pdf, Kind::Pdf, &[], &[], Replace::Yes).unwrap();

    let db = dir.path().join("other.sqlite3");
    std::fs::write(&db, b"SQLite format 3\0\x10\x00\x01\x01").unwrap();
    for kind in [Kind::Pdf, Kind::Calendar, Kind::Json, Kind::Csv] {
        let e = check_output(&db, kind, &[], &[], Replace::Yes).unwrap_err();
        assert!(matches!(e, OutputError::OtherKind { .. }), "{kind:?}: {e}");
    }
    // A new file needs no permission.
    check_output(
        &dir.path().join("new.pdf"),
        Kind::Pdf,
        &[],
        &[],
        Replace::No,
    )
    .unwrap();
    // A folder is not a file name.
    assert!(matches!(
        check_output(dir.path(), Kind::Pdf, &[], &[], Replace::Yes),
        Err(OutputError::Folder { .. })
    ));
}

#[test]
fn data_folder_and_workspace_file_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("share").join("permit-packet");
    private_dir(&data).unwrap();
    assert_eq!(mode(&data), 0o700);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    private_dir(&data).unwrap();
    assert_eq!(mode(&data), 0o700, "an existing data folder is tightened");

    let ws = data.join("workspace.sqlite3");
    private_file(&ws).unwrap();
    assert_eq!(mode(&ws), 0o600);
    assert_eq!(std::fs::metadata(&ws).unwrap().len(), 0);
    std::fs::set_permissions(&ws, std::fs::Permissions::from_mode(0o644)).unwrap();
    private_file(&ws).unwrap();
    assert_eq!(mode(&ws), 0o600, "an existing workspace is tightened");
}

#[test]
fn temporary_files_of_a_killed_writer_are_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    // A process id that no running process has (above Linux's pid_max).
    let dead = dir.path().join(".Ana_1.pdf.4194399.0.tmp");
    std::fs::write(&dead, b"").unwrap();
    let mine = dir
        .path()
        .join(format!(".Ana_1.pdf.{}.7.tmp", std::process::id()));
    std::fs::write(&mine, b"").unwrap();
    let user = dir.path().join(".notes.tmp");
    std::fs::write(&user, b"keep").unwrap();
    assert_eq!(clean_stale_temps(dir.path()), 1);
    assert!(!dead.exists());
    assert!(mine.exists(), "a live writer's file stays");
    assert!(user.exists(), "a file of another shape stays");
    assert_eq!(clean_stale_temps(&dir.path().join("missing")), 0);
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.csv");
    std::fs::write(&p, vec![b'a'; 1001]).unwrap();
    let e = permit_files::read_limited(&p, 1000).unwrap_err();
    assert!(e.to_string().contains("at most 1000 bytes"), "{e}");
    assert_eq!(permit_files::read_limited(&p, 1001).unwrap().len(), 1001);
    assert!(permit_files::read_limited(dir.path(), 1000).is_err());
}
