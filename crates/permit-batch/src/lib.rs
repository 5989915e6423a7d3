//! # permit-batch
//!
//! Many cases at once, for HR officers and relocation agents:
//!
//! * [`hires`] — CSV import of hires: a documented template, every row
//!   checked, every problem reported with row, column and what is accepted;
//! * [`batch`] — plan JSON and checklist PDF of many cases into a folder,
//!   with a summary CSV, on both cores, with progress and cancel;
//! * [`ics`] — an RFC 5545 calendar of every dated deadline, with reminders
//!   and stable UIDs;
//! * [`case_file`] — the portable, versioned case file;
//! * [`templates`] — an organisation's own checklist items, applied to cases.
//!
//! No UI and no Tauri here: the command line and the desktop app are thin
//! front ends over these functions. Rules stay in `permit-core`.

pub mod batch;
pub mod case_file;
pub mod hires;
pub mod ics;
pub mod templates;

use std::borrow::Cow;

use permit_bundle::changes::Snapshot;
use permit_core::digest::CaseDigest;
use permit_core::{Options, RuleSet, Situation};
use permit_store::NewCase;

/// A cell of a CSV file this product writes, safe to open in a spreadsheet:
/// text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
/// (which a spreadsheet would run as a formula: OWASP's "CSV injection") is
/// written with a leading `'`, which spreadsheets show as text and hide.
///
/// ```
/// use permit_batch::csv_cell;
/// assert_eq!(csv_cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(csv_cell("-1+1"), "'-1+1");
/// assert_eq!(csv_cell("Ana Silva"), "Ana Silva");
/// ```
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The case to store for a checked `situation` (its JSON text as given in
/// `situation_json`): its first plan, made with `rules` as of `options`, gives
/// the digest ([`CaseDigest`]), the next deadline, the rules version and the
/// plan snapshot the user is taken to have seen. The one definition for every
/// way a case is made (the app's "new case", a CSV import, a case file), so
/// that a case made anywhere shows in the case list like any other.
pub fn new_case(
    name: &str,
    situation: &Situation,
    situation_json: &str,
    notes: &str,
    rules: &RuleSet,
    options: &Options,
) -> NewCase {
    let plan = permit_core::plan(situation, rules, options);
    let digest = CaseDigest::of(situation, &plan);
    NewCase {
        name: name.to_owned(),
        situation_json: situation_json.to_owned(),
        digest_json: digest.to_json(),
        notes: notes.to_owned(),
        next_deadline: digest.next_date(),
        rules_version: Some(plan.rules.version.clone()),
        // A snapshot that could not be written (never seen) is left out:
        // the case is then re-planned when the workspace is next opened.
        plan_json: serde_json::to_string(&Snapshot::of(&plan)).ok(),
    }
}
