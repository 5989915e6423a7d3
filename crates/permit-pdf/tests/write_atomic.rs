//! `write_atomic` and `write_atomic_unsynced`: success, and failures that
//! leave nothing behind. Every test runs against both.

use std::path::Path;

use permit_pdf::{write_atomic, write_atomic_unsynced, PdfError};

type Write = fn(&Path, &[u8]) -> Result<(), PdfError>;
const WRITERS: [Write; 2] = [write_atomic, write_atomic_unsynced];

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn writes_and_replaces_the_file() {
    for write in WRITERS {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("checklist.pdf");
        write(&path, b"first").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        write(&path, b"second, longer").expect("overwrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"second, longer");
        assert_eq!(entries(dir.path()), vec!["checklist.pdf"]);
    }
}

#[test]
fn unwritable_folder_gives_an_error_naming_the_path() {
    for write in WRITERS {
        let dir = tempfile::tempdir().expect("temp dir");
        // The "folder" is a regular file, so nothing can be created in it (this
        // fails even for root, unlike permission bits).
        let not_a_dir = dir.path().join("plain-file");
        std::fs::write(&not_a_dir, b"x").expect("write");
        let path = not_a_dir.join("checklist.pdf");
        let err = write(&path, b"%PDF").expect_err("must fail");
        assert!(matches!(err, PdfError::Write { .. }));
        let msg = err.to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert_eq!(entries(dir.path()), vec!["plain-file"]);

        let missing = dir.path().join("no-such-folder").join("checklist.pdf");
        let msg = write(&missing, b"%PDF").expect_err("must fail").to_string();
        assert!(msg.contains(&missing.display().to_string()), "{msg}");
        assert_eq!(entries(dir.path()), vec!["plain-file"]);
    }
}

#[test]
fn failed_rename_removes_the_temporary_file() {
    for write in WRITERS {
        let dir = tempfile::tempdir().expect("temp dir");
        // The target is a non-empty folder: the temporary file is written, then
        // the rename over the folder fails and the temporary file must go.
        let target = dir.path().join("checklist.pdf");
        std::fs::create_dir(&target).expect("mkdir");
        std::fs::write(target.join("keep"), b"x").expect("write");
        let err = write(&target, b"%PDF-1.7 data").expect_err("must fail");
        assert!(
            err.to_string().contains(&target.display().to_string()),
            "{err}"
        );
        assert_eq!(entries(dir.path()), vec!["checklist.pdf"]);
        assert_eq!(entries(&target), vec!["keep"]);
    }
}

#[test]
fn path_without_file_name_is_an_error() {
    for write in WRITERS {
        let err = write(Path::new("/"), b"x").expect_err("must fail");
        assert!(err.to_string().contains("no file name"), "{err}");
    }
}
