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
pub mod sealed;
pub mod templates;

use std::borrow::Cow;

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
