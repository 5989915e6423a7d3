//! What "About" says, in the app (Settings) and in `permit-packet --version`:
//! the version, the rule data's version and the day it was last checked
//! against the pages, the workspace file and the licences.

use std::path::Path;

use chrono::NaiveDate;
use permit_core::RuleSet;
use serde::Serialize;
use ts_rs::TS;

use crate::picks::PickedFile;

/// Where the .deb puts the licence texts (scripts/package.sh, tauri.conf.json).
pub const LICENCE_DIR: &str = "/usr/share/doc/permit-packet";

/// One part of the program and its licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Licence {
    /// What the licence covers.
    pub component: &'static str,
    /// The licence's name.
    pub licence: &'static str,
}

/// The licences of what the program ships: its own code, and the DejaVu
/// fonts embedded in every PDF.
pub const LICENCES: [Licence; 2] = [
    Licence {
        component: "Permit Packet",
        licence: "MIT",
    },
    Licence {
        component: "DejaVu Sans fonts (in the PDFs)",
        licence: "Bitstream Vera Fonts licence; DejaVu changes in the public domain",
    },
];

/// What Settings' "About" shows, and the case file the app was started with
/// (the desktop app's `app_info`; made from Tauri's package info there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    /// Product name from tauri.conf.json (`productName`).
    pub name: String,
    /// Version from Cargo.toml (tauri.conf.json has no `version` of its own).
    pub version: String,
    /// Version of the embedded rule data.
    pub rules_version: String,
    /// When the rules were last checked against the pages.
    pub rules_checked_on: NaiveDate,
    /// What the program ships and under which licence.
    pub licences: Vec<Licence>,
    /// Where the installed package keeps the licence texts.
    pub licence_dir: String,
    /// The case file given on the command line (a double-click on a case
    /// file in the file manager), as a pick token like a file chosen in the
    /// app's dialog (`crate::picks`): the UI imports and opens it.
    pub open_file: Option<PickedFile>,
}

/// The program's version (Cargo.toml).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Version of the embedded rule data.
pub fn rules_version() -> &'static str {
    &RuleSet::embedded().rules_version
}

/// When the embedded rules were last checked against the pages.
pub fn rules_checked_on() -> NaiveDate {
    RuleSet::embedded().checked_on
}

/// `permit-packet --version`: the version on the first line, then the rules,
/// the workspace file and the licences.
pub fn version_text(workspace: &Path) -> String {
    let mut text = format!(
        "permit-packet {VERSION}\nrules {} (checked on {})\nworkspace {}\n",
        rules_version(),
        rules_checked_on(),
        workspace.display()
    );
    for l in &LICENCES {
        text.push_str(&format!("licence {}: {}\n", l.component, l.licence));
    }
    text.push_str(&format!("licence texts in {LICENCE_DIR}\n"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_text_names_version_rules_workspace_and_licences() {
        let text = version_text(Path::new("/tmp/w.sqlite3"));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("permit-packet {VERSION}"));
        let rules = RuleSet::embedded();
        assert_eq!(
            lines[1],
            format!(
                "rules {} (checked on {})",
                rules.rules_version, rules.checked_on
            )
        );
        assert_eq!(lines[2], "workspace /tmp/w.sqlite3");
        assert!(text.contains("licence Permit Packet: MIT"));
        assert!(text.contains("DejaVu"));
    }
}
