//! Input limits: what no real input reaches, refused with the limit named.
//!
//! These are not rules of the pages (those live in `assets/rules/`): they are
//! the product's guard against typing slips, damaged files and files written
//! to break it. Every front end (JSON, CSV import, case files, the app)
//! reaches them through [`crate::situation::Situation::check`] or the
//! parsers that use them, so one change here holds everywhere.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The first year a date may have (a birth date of a living person is later).
pub const MIN_YEAR: i32 = 1900;
/// The last year a date may have; every date the engine computes from it
/// (at most a few years later) stays far inside what dates can hold.
pub const MAX_YEAR: i32 = 2200;

/// The largest amount any field takes (DKK, hours or per cent): DKK 1
/// billion. Fields have narrower limits of their own where a page or the
/// calendar gives one (168 hours a week, 100 per cent).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// The largest salary, all components counted together and taken over a
/// year: DKK 100 million. Above it the amount is a slip (a missing decimal
/// point, the wrong period), not a salary.
pub const MAX_SALARY_A_YEAR: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// Periods a year, to take a salary's amount over a year for
/// [`MAX_SALARY_A_YEAR`] only (never for a check against a page's figure,
/// which the pages publish per period): 12 months, 52 weeks, 52 × 37 hours.
pub const MONTHS_A_YEAR: u32 = 12;
/// See [`MONTHS_A_YEAR`].
pub const WEEKS_A_YEAR: u32 = 52;
/// See [`MONTHS_A_YEAR`].
pub const HOURS_A_YEAR: u32 = 52 * 37;

/// The most salary components a situation holds.
pub const MAX_COMPONENTS: usize = 50;
/// The most family members a situation holds.
pub const MAX_FAMILY: usize = 30;
/// Changes of the job within the same company in one situation.
pub const MAX_JOB_CHANGES: usize = 30;
/// Stays in Denmark in one year (a stay is at least a day).
pub const MAX_STAYS_A_YEAR: u32 = 366;
/// The most documents (named by the pages or the user's own) a situation holds.
pub const MAX_DOCUMENTS: usize = 200;

/// The longest name, reference, country or language, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest free text (notes, descriptions), in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The longest notes of a case, in characters.
pub const MAX_NOTES_CHARS: usize = 100_000;

/// The largest situation or case file read, in bytes (a real one is a few KB).
pub const MAX_SITUATION_BYTES: u64 = 1024 * 1024;
/// The largest CSV file imported at once, in bytes (20,000 hires take
/// about 6 MB).
pub const MAX_CSV_BYTES: u64 = 16 * 1024 * 1024;
/// The most data rows one CSV import takes (split a larger file).
pub const MAX_CSV_ROWS: usize = 20_000;
/// The largest file of checklist items (a template) read, in bytes.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
/// The longest CSV cell, in characters (longer than any name or text above,
/// so the message names the field's own limit when a cell is within it).
pub const MAX_CSV_CELL_CHARS: usize = MAX_TEXT_CHARS;

/// The most problems of one input written out one by one; the rest are
/// counted ("and 212 more problems").
pub const MAX_PROBLEMS_SHOWN: usize = 20;

/// Whether a date is inside [`MIN_YEAR`]..=[`MAX_YEAR`].
pub fn date_in_range(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (MIN_YEAR..=MAX_YEAR).contains(&d.year())
}

/// The message for a date outside the range.
pub fn date_range_message(d: NaiveDate) -> String {
    format!(
        "{} is outside the dates this version accepts ({MIN_YEAR}-01-01 to {MAX_YEAR}-12-31); check the year",
        d.format("%Y-%m-%d")
    )
}

/// Whether `c` shows nothing: white space of any kind (the no-break and em
/// spaces included), control characters, and the format characters that
/// have no glyph (zero-width space and joiners, direction marks, the byte
/// order mark, soft hyphen, word joiner, variation selectors, tags).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}')
}

/// What is wrong with a one-line text (a name, a reference, a country):
/// a control character (a line feed or carriage return would fake a row in
/// a table, an escape sequence would command the terminal). `None` when
/// the text is fine.
pub fn one_line_problem(text: &str) -> Option<crate::messages::Msg> {
    let c = text.chars().find(|c| c.is_control())?;
    Some(
        crate::messages::Msg::new("input.control_character")
            .with("c", format!("U+{:04X}", c as u32)),
    )
}

/// What is wrong with a case name: [`one_line_problem`], or nothing
/// visible in it (only spaces, or invisible characters such as the
/// zero-width space). `None` when the name is fine.
pub fn case_name_problem(name: &str) -> Option<crate::messages::Msg> {
    one_line_problem(name).or_else(|| {
        name.chars()
            .all(is_invisible)
            .then(|| crate::messages::Msg::new("input.name_invisible"))
    })
}
