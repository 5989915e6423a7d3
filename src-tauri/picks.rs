//! Files the user picked in a dialog, referred to by a token.
//!
//! The webview never hands the app a path: the app opens the file dialog
//! itself (`desktop.rs`, `pick_file`), keeps the path the user chose here and
//! gives the UI an opaque token for it (and the file's name, to show). A
//! command that reads or writes a file takes the token and looks the path up
//! with [`Picks::take`] (a token serves again: an import is read twice, once
//! to check, once to import the valid rows). A compromised webview
//! can therefore reach only files the user chose in a dialog for that very
//! purpose, never `~/.ssh/id_rsa` or the workspace behind the user's back.
//! No Tauri here: the table is plain data, tested on its own.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::workspace::{AppError, AppResult};

/// What a dialog was opened for; a token is honoured only for that use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PickMode {
    /// An existing file to read.
    Open,
    /// A file to write (the dialog asks before replacing one).
    Save,
    /// A folder to write into.
    Folder,
}

/// What the UI gets for a picked file: the token and the file's own name
/// (no folder), to show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PickedFile {
    /// The token commands take instead of a path.
    pub token: String,
    /// The file or folder name, without its folder.
    pub name: String,
}

/// The picked paths, by token.
#[derive(Debug, Default)]
pub struct Picks(Mutex<Table>);

#[derive(Debug, Default)]
struct Table {
    issued: u64,
    paths: HashMap<String, (PickMode, PathBuf)>,
}

impl Picks {
    /// Keeps `path`, picked for `mode`, and returns its token and name.
    pub fn keep(&self, mode: PickMode, path: PathBuf) -> PickedFile {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        PickedFile {
            token: self.keep_path(mode, path),
            name,
        }
    }

    fn keep_path(&self, mode: PickMode, path: PathBuf) -> String {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        t.issued += 1;
        // The counter makes it unique; the clock makes an old token of an
        // earlier run useless.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let token = format!("pick-{}-{nanos:08x}", t.issued);
        t.paths.insert(token.clone(), (mode, path));
        token
    }

    /// The path behind `token`, picked for `mode`. Anything else (a path,
    /// an unknown token, a token for another use) is refused.
    pub fn take(&self, token: &str, mode: PickMode) -> AppResult<PathBuf> {
        self.take_any(token, &[mode])
    }

    /// [`Picks::take`] for a token picked for any of `modes` (a workspace:
    /// an existing one opened, or a new one saved).
    pub fn take_any(&self, token: &str, modes: &[PickMode]) -> AppResult<PathBuf> {
        let t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match t.paths.get(token) {
            Some((m, path)) if modes.contains(m) => Ok(path.clone()),
            Some(_) | None => Err(AppError {
                kind: "refused".into(),
                message: "that file was not chosen in a file dialog for this; choose it again"
                    .into(),
                path: None,
                fields: vec![],
                lang: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_gives_its_path_and_only_for_its_use() {
        let picks = Picks::default();
        let p = picks.keep(PickMode::Open, PathBuf::from("/home/a/hires.csv"));
        assert!(p.token.starts_with("pick-"));
        assert_eq!(p.name, "hires.csv");
        for _ in 0..2 {
            assert_eq!(
                picks.take(&p.token, PickMode::Open).unwrap(),
                PathBuf::from("/home/a/hires.csv")
            );
        }
        let t = picks
            .keep(PickMode::Save, PathBuf::from("/home/a/x.pdf"))
            .token;
        assert!(
            picks.take(&t, PickMode::Open).is_err(),
            "a file picked to be written is not one to read"
        );
        for raw in ["/home/a/.ssh/id_rsa", "", "pick-1-00000000"] {
            let e = picks.take(raw, PickMode::Open).unwrap_err();
            assert_eq!(e.kind, "refused", "{raw}");
        }
    }

    #[test]
    fn tokens_are_unique() {
        let picks = Picks::default();
        let a = picks.keep(PickMode::Open, PathBuf::from("a")).token;
        let b = picks.keep(PickMode::Open, PathBuf::from("a")).token;
        assert_ne!(a, b);
    }
}
