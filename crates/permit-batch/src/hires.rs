//! CSV import of hires.
//!
//! # The template
//!
//! One hire a row; the first row names the columns (in any order, names
//! ignoring case). [`COLUMNS`] lists every column with what it accepts;
//! [`columns_help`] prints that list in the reader's language (each
//! column's sentence is the catalogue's `hires.column.<name>`) and
//! [`template_csv_in`] a ready-to-fill file (`permit-packet import
//! --template`). After the application columns come the facts after the
//! grant (the permit's expiry, a passport renewal, the biometrics
//! appointment, a stay abroad, stays a year; issue 24): empty for a new
//! hire. `examples/hires.csv` has ten rows.
//!
//! * **Encoding**: UTF-8, with or without a byte-order mark. A file in
//!   another encoding is refused by name ("looks like Latin-1/Windows-1252;
//!   save it as UTF-8"), never guessed.
//! * **Separator**: `,` — or `;` when the header uses `;` (as spreadsheets set
//!   to Danish write). Fields holding the separator are enclosed in `"`,
//!   quotes inside them doubled (`"Silva, Ana"`, `"the ""chef"""`); a field
//!   cannot hold a line break.
//! * **Dates**: ISO `2027-03-01` or Danish `01-03-2027` (also `01.03.2027`).
//!   `01/03/2027` is refused: day or month first?
//! * **Amounts** (DKK, and hours), read by the core's one amount parser
//!   (`permit_core::situation::parse_amount`, also used by case files and the
//!   interview): digits, optionally grouped in thousands, with at most two
//!   decimals: `487000`, `487.000,00` (Danish), `487,000.00` (English),
//!   `40583,33`, `40583.33`, `37,5`. Ambiguous input is refused, never
//!   guessed: `487.000` and `487,000` (thousands, or three decimals?). No
//!   negative amounts.
//! * **Yes/no**: `yes`/`no` (also `true`/`false`, `ja`/`nej`, `1`/`0`).
//! * **Counts** (days, stays): a whole number in digits (`4`).
//! * **Values** such as `role` and `scheme`: the names listed, ignoring case;
//!   `-` and spaces may stand for `_` (`non-eu`).
//! * An empty cell means "not known"; required columns need a value.
//!
//! Each row becomes a situation (the JSON of
//! [`permit_core::situation::RawSituation`]) checked by
//! [`Situation::check`]; its problems are reported against the row's columns.
//! Rows are numbered as a spreadsheet shows them: the header is row 1.

use std::fmt;

use chrono::NaiveDate;
use permit_core::messages::{Arg, Msg};
use permit_core::plan::Lang;
use permit_core::situation::{
    Amount, Component, ComponentKind, Date, RawSituation, Situation, SITUATION_FORMAT,
};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A date (ISO or Danish).
    Date,
    /// An amount (DKK or hours).
    Amount,
    /// Yes or no.
    YesNo,
    /// A whole number (a count of days or stays).
    Count,
    /// One of the listed values.
    OneOf(&'static [&'static str]),
}

/// One column of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Header name.
    pub name: &'static str,
    /// Whether the header must have it and every row a value in it.
    pub required: bool,
    /// What it holds.
    pub kind: Kind,
    /// The situation field it fills (path as in situation errors).
    pub field: &'static str,
    /// The value of the template's example row: a code, date or amount as
    /// written; a text column's example is the catalogue's
    /// `hires.example.<name>` in the template's language.
    pub example: &'static str,
}

impl Column {
    /// A sentence for people on what the column holds (the catalogue's
    /// `hires.column.<name>`).
    pub fn help(&self, lang: Lang) -> String {
        permit_core::messages::text(lang, &format!("hires.column.{}", self.name), &[])
    }

    /// The value of the template's example row in `lang`.
    pub fn example_in(&self, lang: Lang) -> String {
        let key = format!("hires.example.{}", self.name);
        if permit_core::messages::has(&key) {
            permit_core::messages::text(lang, &key, &[])
        } else {
            self.example.to_owned()
        }
    }
}

const ROLES: &[&str] = &[
    "employee",
    "service_provider",
    "self_employed",
    "greencard",
    "religious_worker",
    "corporate_approval",
];
const SCHEMES: &[&str] = &[
    "researcher",
    "special_individual_qualifications",
    "pay_limit",
    "supplementary_pay_limit",
    "guest_researcher",
    "phd_student",
];
const SIQ: &[&str] = &["artist", "athlete", "coach", "chef", "other"];
const LOCATIONS: &[&str] = &["denmark", "eu", "non_eu"];
const POA: &[&str] = &["none", "employer", "third_party"];
const FROM: &[&str] = &["abroad", "denmark"];
const PERIODS: &[&str] = &["year", "month", "week_37h", "hour"];
const SIDE_JOB_RELATIONS: &[&str] = &[
    "related_to_sport",
    "sponsor_of_main_employer",
    "business_partner_of_main_employer",
    "coherent_with_artistic_work",
    "examiner",
    "other",
];
const JOB_END_REASONS: &[&str] = &["cutbacks", "dismissed", "resigned", "contract_expired"];

macro_rules! col {
    ($name:literal, $req:literal, $kind:expr, $field:literal, $ex:literal) => {
        Column {
            name: $name,
            required: $req,
            kind: $kind,
            field: $field,
            example: $ex,
        }
    };
}

/// The template's columns, in the template's order.
pub const COLUMNS: &[Column] = &[
    col!("case_name", true, Kind::Text, "case.name", ""),
    col!(
        "reference",
        false,
        Kind::Text,
        "case.reference",
        "HR-2027-014"
    ),
    col!("applicant_name", true, Kind::Text, "applicant.name", ""),
    col!(
        "applicant_birth_date",
        false,
        Kind::Date,
        "applicant.birth_date",
        "1990-04-17"
    ),
    col!("role", true, Kind::OneOf(ROLES), "role", "employee"),
    col!("scheme", true, Kind::OneOf(SCHEMES), "scheme", "researcher"),
    col!("siq_category", false, Kind::OneOf(SIQ), "siq_category", ""),
    col!("employer_name", false, Kind::Text, "employer.name", ""),
    col!(
        "employer_registered_in_denmark",
        true,
        Kind::YesNo,
        "employer.registered_in_denmark",
        "yes"
    ),
    col!(
        "employer_location",
        true,
        Kind::OneOf(LOCATIONS),
        "employer.location",
        "denmark"
    ),
    col!(
        "employer_country",
        false,
        Kind::Text,
        "employer.country",
        ""
    ),
    col!(
        "power_of_attorney",
        false,
        Kind::OneOf(POA),
        "power_of_attorney",
        "none"
    ),
    col!(
        "applying_from",
        false,
        Kind::OneOf(FROM),
        "applying_from",
        "abroad"
    ),
    col!(
        "planned_submission",
        false,
        Kind::Date,
        "dates.planned_submission",
        "2027-01-10"
    ),
    col!(
        "job_start",
        true,
        Kind::Date,
        "dates.job_start",
        "2027-03-01"
    ),
    col!("job_end", false, Kind::Date, "dates.job_end", "2029-02-28"),
    col!(
        "passport_expiry",
        false,
        Kind::Date,
        "dates.passport_expiry",
        "2031-06-30"
    ),
    col!(
        "salary_period",
        false,
        Kind::OneOf(PERIODS),
        "salary.period",
        "year"
    ),
    col!(
        "salary_cash",
        false,
        Kind::Amount,
        "salary.components.cash",
        "540.000,00"
    ),
    col!(
        "salary_pension",
        false,
        Kind::Amount,
        "salary.components.pension_employer",
        "54.000,00"
    ),
    col!(
        "hours_per_week",
        false,
        Kind::Amount,
        "hours.per_week",
        "37"
    ),
    col!("has_mitid", false, Kind::YesNo, "applicant.has_mitid", "no"),
    col!("side_job", false, Kind::YesNo, "side_job.planned", "no"),
    col!(
        "side_job_employer",
        false,
        Kind::Text,
        "side_job.employer",
        ""
    ),
    col!(
        "side_job_relation",
        false,
        Kind::OneOf(SIDE_JOB_RELATIONS),
        "side_job.relation",
        ""
    ),
    col!(
        "legal_residence_in_denmark",
        false,
        Kind::YesNo,
        "legal_residence_in_denmark",
        ""
    ),
    col!(
        "job_end_reason",
        false,
        Kind::OneOf(JOB_END_REASONS),
        "job_end_reason",
        ""
    ),
    // After the grant (issue 24): the permit's life as dates.
    col!(
        "permit_granted",
        false,
        Kind::Date,
        "dates.permit_granted",
        ""
    ),
    col!(
        "permit_expiry",
        false,
        Kind::Date,
        "dates.permit_expiry",
        ""
    ),
    col!(
        "passport_renewed",
        false,
        Kind::Date,
        "dates.passport_renewed",
        ""
    ),
    col!(
        "biometrics_appointment",
        false,
        Kind::Date,
        "dates.biometrics_appointment",
        ""
    ),
    col!(
        "job_seeking_applied",
        false,
        Kind::Date,
        "dates.job_seeking_applied",
        ""
    ),
    col!("abroad_from", false, Kind::Date, "dates.abroad_from", ""),
    col!("abroad_until", false, Kind::Date, "dates.abroad_until", ""),
    col!(
        "danish_address_given_up",
        false,
        Kind::YesNo,
        "danish_address_given_up",
        ""
    ),
    col!(
        "stationed_abroad_by_employer",
        false,
        Kind::YesNo,
        "stationed_abroad_by_employer",
        ""
    ),
    col!(
        "salary_while_abroad",
        false,
        Kind::YesNo,
        "salary_while_abroad",
        ""
    ),
    col!(
        "stay_length_days",
        false,
        Kind::Count,
        "stay_length_days",
        ""
    ),
    col!("stays_per_year", false, Kind::Count, "stays_per_year", ""),
];

fn col_index(name: &str) -> usize {
    COLUMNS
        .iter()
        .position(|c| c.name == name)
        .expect("a template column")
}

/// The template as CSV text in English: the header and one example row.
pub fn template_csv() -> String {
    template_csv_in(Lang::En)
}

/// The template as CSV text: the header (the column names, the same in
/// every language) and one example row, its texts in `lang`.
pub fn template_csv_in(lang: Lang) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(COLUMNS.iter().map(|c| c.name))
        .and_then(|_| w.write_record(COLUMNS.iter().map(|c| c.example_in(lang))))
        .expect("writing to memory");
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// What each column accepts, for people, in `lang` (`import --columns`):
/// every text from the catalogue (`hires.columns.*`, `hires.column.*`).
pub fn columns_help(lang: Lang) -> String {
    let t = |key: &str| permit_core::messages::text(lang, key, &[]);
    let mut o = t("hires.columns.title");
    o.push_str("\n\n");
    for c in COLUMNS {
        o.push_str(&format!(
            "  {}{}\n      {} {}\n",
            c.name,
            if c.required { " *" } else { "" },
            c.help(lang),
            accepts(c.kind, lang)
        ));
    }
    o.push('\n');
    o.push_str(&t("hires.columns.footer"));
    o.push('\n');
    o
}

/// What a column of `kind` accepts, as the column reference states it (the
/// values of a column of listed values by their ids, as typed in the file).
fn accepts(kind: Kind, lang: Lang) -> String {
    let t = |key: &str| permit_core::messages::text(lang, key, &[]);
    match kind {
        Kind::Text => t("hires.columns.text"),
        Kind::Date => t("hires.columns.date"),
        Kind::Amount => t("hires.columns.amount"),
        Kind::YesNo => t("hires.columns.yes_no"),
        Kind::Count => t("hires.columns.count"),
        Kind::OneOf(values) => {
            let values = values.join(", ");
            permit_core::messages::text(lang, "hires.columns.one_of", &[("values", &values)])
        }
    }
}

/// What a column accepts, as a catalogue message (the values of a column
/// of listed values by the UI's labels).
fn accepts_msg(c: &Column) -> Msg {
    match c.kind {
        Kind::Text => Msg::new("hires.accepts.text"),
        Kind::Date => Msg::new("hires.accepts.date"),
        Kind::Amount => Msg::new("hires.accepts.amount"),
        Kind::YesNo => Msg::new("hires.accepts.yes_no"),
        Kind::Count => Msg::new("hires.accepts.count"),
        Kind::OneOf(values) => Msg::new("hires.accepts.one_of")
            .arg("values", Arg::Options(option_group(c), values.to_vec())),
    }
}

/// The group of a column's values in the UI's labels
/// (`assets/messages/options.json`).
fn option_group(c: &Column) -> &'static str {
    match c.name {
        "employer_location" => "location",
        "salary_period" => "salary.period",
        name => name,
    }
}

/// One problem found in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The row as a spreadsheet numbers it (the header is row 1); `None` for
    /// a problem of the whole file.
    pub row: Option<usize>,
    /// The column, where the problem is in one.
    pub column: Option<String>,
    /// 1-based position of the column in the row, where known.
    pub column_number: Option<usize>,
    /// What is wrong and what is accepted (English; see `text`).
    pub message: String,
    /// The same as a catalogue message, to be written in the user's
    /// language; `None` only for a row the CSV reader itself cannot read
    /// (its own English words).
    #[serde(skip)]
    pub text: Option<Msg>,
}

impl Problem {
    /// A problem at `row` and `column`, its message written in English
    /// (and kept to be written in the user's language).
    fn of(
        row: Option<usize>,
        column: Option<String>,
        column_number: Option<usize>,
        text: Msg,
    ) -> Problem {
        Problem {
            row,
            column,
            column_number,
            message: text.to_string(),
            text: Some(text),
        }
    }

    /// What is wrong and what is accepted, in `lang` (the English
    /// `message` where the CSV reader gave only its own words).
    pub fn message_in(&self, lang: permit_core::plan::Lang) -> String {
        self.text
            .as_ref()
            .map_or_else(|| self.message.clone(), |t| t.render(lang))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "row {r}, column `{c}`: {}", self.message),
            (Some(r), None) => write!(f, "row {r}: {}", self.message),
            (None, Some(c)) => write!(f, "column `{c}`: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// A row that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct HireRow {
    /// The row number (the header is row 1).
    pub row: usize,
    /// The case name.
    pub name: String,
    /// The checked situation.
    pub situation: Situation,
    /// Its JSON (situation format 1).
    pub situation_json: String,
}

/// The result of reading a hires file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The file name used in messages.
    pub source_name: String,
    /// Rows that passed every check.
    pub rows: Vec<HireRow>,
    /// Every problem, in file order (file-level problems first).
    pub problems: Vec<Problem>,
    /// Data rows seen (not counting the header and blank rows).
    pub data_rows: usize,
    /// Whether a problem concerns the whole file (encoding, header): then
    /// nothing can be imported.
    pub file_level: bool,
}

impl Parsed {
    /// Rows with at least one problem.
    pub fn rows_with_problems(&self) -> Vec<usize> {
        let mut rows: Vec<usize> = self.problems.iter().filter_map(|p| p.row).collect();
        rows.dedup();
        rows
    }

    /// Every problem as `file: row N, column `c`: message`, one a line.
    pub fn report(&self) -> String {
        let mut o = String::new();
        for p in &self.problems {
            o.push_str(&format!("{}: {p}\n", self.source_name));
        }
        o
    }
}

/// How to import a file with problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Import nothing if any row has a problem (the default).
    #[default]
    AllOrNothing,
    /// Import the rows without problems (never anything when the file as a
    /// whole has a problem).
    ValidRows,
}

/// Which rows of `parsed` to import under `mode`: all of them, or none.
pub fn rows_to_import(parsed: &Parsed, mode: Mode) -> &[HireRow] {
    let nothing = parsed.file_level || (mode == Mode::AllOrNothing && !parsed.problems.is_empty());
    if nothing {
        &[]
    } else {
        &parsed.rows
    }
}

/// A row one field too long because an amount column holds an unquoted
/// amount with a decimal comma (`40.583,33` in a comma-separated file): the
/// cell split in two (`40.583` and `33`). Points at that cell, with the fix.
fn split_amount(
    record: &csv::StringRecord,
    index: &[Option<usize>],
    header_len: usize,
    delimiter: u8,
    row: usize,
) -> Option<Problem> {
    if delimiter != b',' || record.len() != header_len + 1 {
        return None;
    }
    let mut amounts: Vec<(usize, usize)> = COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == Kind::Amount)
        .filter_map(|(ci, _)| index[ci].map(|pos| (pos, ci)))
        .collect();
    // From the left: the first split shifts every later cell.
    amounts.sort_unstable();
    amounts.into_iter().find_map(|(pos, ci)| {
        let (int, dec) = (record.get(pos)?.trim(), record.get(pos + 1)?.trim());
        // `33` of `40.583,33`, or `583.33` of `40,583.33`.
        let decimals = dec.starts_with(|c: char| c.is_ascii_digit())
            && dec.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let joined = format!("{int},{dec}");
        (decimals && !int.is_empty() && parse_amount_text(&joined).is_ok()).then(|| {
            Problem::of(
                Some(row),
                Some(COLUMNS[ci].name.to_owned()),
                Some(pos + 1),
                Msg::new("hires.split_amount")
                    .with("joined", &joined)
                    .with("int", int)
                    .with("dec", dec)
                    .with("fields", record.len())
                    .with("columns", header_len)
                    .with(
                        "plain",
                        parse_amount_text(&joined)
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    ),
            )
        })
    })
}

/// The encoding a non-UTF-8 file most likely has, for the message.
fn guess_encoding(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return "UTF-16";
    }
    let nuls = bytes.iter().take(4096).filter(|b| **b == 0).count();
    if nuls * 8 > bytes.len().min(4096) {
        return "UTF-16";
    }
    "Latin-1/Windows-1252"
}

/// Reads a hires CSV file's bytes. Never panics; every problem is in
/// [`Parsed::problems`].
pub fn parse(bytes: &[u8], source_name: &str) -> Parsed {
    let mut out = Parsed {
        source_name: source_name.to_owned(),
        ..Parsed::default()
    };
    if bytes.len() as u64 > permit_core::limits::MAX_CSV_BYTES {
        out.file_level = true;
        out.problems.push(Problem::of(
            None,
            None,
            None,
            Msg::new("hires.too_large")
                .with("file", source_name)
                .with("bytes", bytes.len())
                .with("max", permit_core::limits::MAX_CSV_BYTES),
        ));
        return out;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            out.file_level = true;
            out.problems.push(Problem::of(
                None,
                None,
                None,
                Msg::new("hires.not_utf8")
                    .with("file", source_name)
                    .with("encoding", guess_encoding(bytes))
                    .with("byte", format!("{:02X}", bytes[at]))
                    .with("row", line),
            ));
            return out;
        }
    };

    // Split into lines (a field cannot hold a line break), keep their numbers.
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let data_lines = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    if data_lines > permit_core::limits::MAX_CSV_ROWS {
        out.file_level = true;
        out.problems.push(Problem::of(
            None,
            None,
            None,
            Msg::new("hires.too_many_rows")
                .with("file", source_name)
                .with("rows", data_lines)
                .with("max", permit_core::limits::MAX_CSV_ROWS),
        ));
        return out;
    }
    let Some(header_line) = lines.first().filter(|l| !l.trim().is_empty()) else {
        out.file_level = true;
        out.problems.push(Problem::of(
            None,
            None,
            None,
            Msg::new("hires.empty")
                .with("file", source_name)
                .with("columns", required_names()),
        ));
        return out;
    };
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };

    // Quotes: checked strictly, line by line; a line with a stray quote is
    // reported and left out of the parse.
    let mut clean = String::with_capacity(text.len());
    let mut quote_problems: Vec<(usize, Msg)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match check_quotes(line, delimiter as char) {
            Ok(()) => clean.push_str(line),
            Err(m) => quote_problems.push((i + 1, m)),
        }
        clean.push('\n');
    }

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(clean.as_bytes());
    let mut records = reader.records();

    // The header.
    if let Some((1, m)) = quote_problems.first().cloned() {
        out.file_level = true;
        out.problems.push(Problem::of(
            Some(1),
            None,
            None,
            Msg::new("hires.header_row").arg("problem", Arg::Msg(Box::new(m))),
        ));
        return out;
    }
    let header: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_lowercase()).collect(),
        _ => Vec::new(),
    };
    let mut index: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    let mut header_problems = Vec::new();
    for (pos, name) in header.iter().enumerate() {
        let problem = |text: Msg| Problem::of(Some(1), Some(name.clone()), Some(pos + 1), text);
        if name.is_empty() {
            header_problems.push(Problem {
                column: None,
                ..problem(
                    Msg::new("hires.no_name")
                        .with("n", pos + 1)
                        .with("columns", all_names()),
                )
            });
            continue;
        }
        match COLUMNS.iter().position(|c| c.name == name) {
            Some(ci) => match index[ci] {
                Some(first) => header_problems.push(problem(
                    Msg::new("hires.twice")
                        .with("name", name)
                        .with("a", first + 1)
                        .with("b", pos + 1),
                )),
                None => index[ci] = Some(pos),
            },
            None => header_problems.push(problem(
                Msg::new("hires.unknown_column")
                    .with("name", name)
                    .with("columns", all_names()),
            )),
        }
    }
    for (ci, c) in COLUMNS.iter().enumerate() {
        if c.required && index[ci].is_none() {
            header_problems.push(Problem::of(
                Some(1),
                Some(c.name.to_owned()),
                None,
                Msg::new("hires.required_missing")
                    .with("name", c.name)
                    .with("columns", required_names()),
            ));
        }
    }
    if !header_problems.is_empty() {
        out.file_level = true;
        out.problems.extend(header_problems);
        return out;
    }

    // The rows, in file order, merged with the stray-quote lines.
    let mut quotes = quote_problems.into_iter().peekable();
    let mut push_quotes_before = |line: usize, out: &mut Parsed| {
        while let Some((l, m)) = quotes.next_if(|(l, _)| *l < line) {
            out.data_rows += 1;
            out.problems.push(Problem::of(Some(l), None, None, m));
        }
    };
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                // Cannot happen on checked UTF-8 with flexible rows; report anyway.
                let row = e.position().map(|p| p.line() as usize);
                out.problems.push(Problem {
                    text: None,
                    row,
                    column: None,
                    column_number: None,
                    message: format!("cannot read this row: {e}"),
                });
                continue;
            }
        };
        let row = record.position().map(|p| p.line() as usize).unwrap_or(0);
        push_quotes_before(row, &mut out);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.data_rows += 1;
        if let Some(p) = split_amount(&record, &index, header.len(), delimiter, row) {
            out.problems.push(p);
            continue;
        }
        if record.len() != header.len() {
            out.problems.push(Problem::of(
                Some(row),
                None,
                None,
                Msg::new("hires.field_count")
                    .with("fields", record.len())
                    .with("columns", header.len())
                    .with("sep", delimiter as char),
            ));
            continue;
        }
        let cells: Vec<&str> = (0..COLUMNS.len())
            .map(|ci| index[ci].map_or("", |i| record.get(i).unwrap_or("").trim()))
            .collect();
        let long: Vec<Problem> = cells
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| {
                let n = c.chars().count();
                (n > permit_core::limits::MAX_CSV_CELL_CHARS).then(|| {
                    Problem::of(
                        Some(row),
                        Some(COLUMNS[ci].name.to_owned()),
                        index[ci].map(|i| i + 1),
                        Msg::new("hires.cell_too_long")
                            .with("n", n)
                            .with("max", permit_core::limits::MAX_CSV_CELL_CHARS),
                    )
                })
            })
            .collect();
        if !long.is_empty() {
            out.problems.extend(long);
            continue;
        }
        match row_situation(&cells) {
            Ok((name, situation, situation_json)) => out.rows.push(HireRow {
                row,
                name,
                situation,
                situation_json,
            }),
            Err(errors) => out
                .problems
                .extend(errors.into_iter().map(|(ci, text)| Problem {
                    row: Some(row),
                    column: Some(COLUMNS[ci].name.to_owned()),
                    column_number: index[ci].map(|i| i + 1),
                    message: text.to_string(),
                    text: Some(text),
                })),
        }
    }
    push_quotes_before(usize::MAX, &mut out);
    out
}

fn all_names() -> String {
    COLUMNS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn required_names() -> String {
    COLUMNS
        .iter()
        .filter(|c| c.required)
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks RFC 4180 quoting on one line: a quote may only open a field, close
/// it, or be doubled inside a quoted field.
fn check_quotes(line: &str, delimiter: char) -> Result<(), Msg> {
    let mut chars = line.chars().enumerate().peekable();
    let mut field_start = true;
    let mut in_quotes = false;
    let mut after_close = false;
    let mut opened_at = 0;
    let hint = || Arg::Msg(Box::new(Msg::new("hires.quote_hint")));
    while let Some((i, c)) = chars.next() {
        if c == '\r' {
            let place = if in_quotes {
                "hires.where.quoted"
            } else {
                "hires.where.row"
            };
            return Err(Msg::new("hires.carriage_return")
                .with("n", i + 1)
                .arg("where", Arg::Msg(Box::new(Msg::new(place)))));
        }
        if in_quotes {
            if c == '"' && chars.next_if(|(_, n)| *n == '"').is_none() {
                in_quotes = false;
                after_close = true;
            }
        } else if after_close {
            if c == delimiter {
                after_close = false;
                field_start = true;
            } else {
                return Err(Msg::new("hires.stray_after_close")
                    .with("n", i)
                    .arg("hint", hint()));
            }
        } else if c == delimiter {
            field_start = true;
        } else if c == '"' {
            if field_start {
                in_quotes = true;
                opened_at = i + 1;
                field_start = false;
            } else {
                return Err(Msg::new("hires.stray_at")
                    .with("n", i + 1)
                    .arg("hint", hint()));
            }
        } else {
            field_start = false;
        }
    }
    if in_quotes {
        return Err(Msg::new("hires.never_closed")
            .with("n", opened_at)
            .arg("hint", hint()));
    }
    Ok(())
}

type CellErrors = Vec<(usize, Msg)>;

/// Builds and checks the situation of one row.
fn row_situation(cells: &[&str]) -> Result<(String, Situation, String), CellErrors> {
    let mut errs: CellErrors = Vec::new();
    let text = |name: &str, errs: &mut CellErrors| -> Option<String> {
        let ci = col_index(name);
        let v = cells[ci];
        if v.is_empty() {
            if COLUMNS[ci].required {
                errs.push((
                    ci,
                    Msg::new("hires.missing")
                        .arg("accepts", Arg::Msg(Box::new(accepts_msg(&COLUMNS[ci])))),
                ));
            }
            None
        } else {
            Some(v.to_owned())
        }
    };
    let mut raw = RawSituation {
        format: Some(SITUATION_FORMAT),
        ..RawSituation::default()
    };
    let name = text("case_name", &mut errs);
    raw.case.name = name.clone();
    raw.case.reference = text("reference", &mut errs);
    raw.applicant.name = text("applicant_name", &mut errs);
    raw.employer.name = text("employer_name", &mut errs);
    raw.employer.country = text("employer_country", &mut errs);

    raw.applicant.birth_date = cell(cells, "applicant_birth_date", &mut errs, parse_date);
    raw.role = cell(cells, "role", &mut errs, one_of);
    raw.scheme = cell(cells, "scheme", &mut errs, one_of);
    raw.siq_category = cell(cells, "siq_category", &mut errs, one_of);
    raw.employer.registered_in_denmark =
        cell(cells, "employer_registered_in_denmark", &mut errs, yes_no);
    raw.employer.location = cell(cells, "employer_location", &mut errs, one_of);
    raw.power_of_attorney = cell(cells, "power_of_attorney", &mut errs, one_of);
    raw.applying_from = cell(cells, "applying_from", &mut errs, one_of);
    raw.dates.planned_submission = cell(cells, "planned_submission", &mut errs, parse_date);
    raw.dates.job_start = cell(cells, "job_start", &mut errs, parse_date);
    raw.dates.job_end = cell(cells, "job_end", &mut errs, parse_date);
    raw.dates.passport_expiry = cell(cells, "passport_expiry", &mut errs, parse_date);
    raw.salary.period = cell(cells, "salary_period", &mut errs, one_of);
    let cash: Option<Amount> = cell(cells, "salary_cash", &mut errs, parse_money);
    let pension: Option<Amount> = cell(cells, "salary_pension", &mut errs, parse_money);
    for (kind, amount) in [
        (ComponentKind::Cash, cash),
        (ComponentKind::PensionEmployer, pension),
    ] {
        if let Some(a) = amount {
            raw.salary.components.push(Component {
                kind: Some(kind),
                amount: Some(a),
                paid_in: None,
                paid_by_current_employer: None,
                description: None,
            });
        }
    }
    raw.hours.per_week = cell(cells, "hours_per_week", &mut errs, parse_money);
    raw.applicant.has_mitid = cell(cells, "has_mitid", &mut errs, yes_no);
    raw.side_job.planned = cell(cells, "side_job", &mut errs, yes_no);
    raw.side_job.employer = text("side_job_employer", &mut errs);
    raw.side_job.relation = cell(cells, "side_job_relation", &mut errs, one_of);
    raw.legal_residence_in_denmark = cell(cells, "legal_residence_in_denmark", &mut errs, yes_no);
    raw.job_end_reason = cell(cells, "job_end_reason", &mut errs, one_of);
    let d = &mut raw.dates;
    d.permit_granted = cell(cells, "permit_granted", &mut errs, parse_date);
    d.permit_expiry = cell(cells, "permit_expiry", &mut errs, parse_date);
    d.passport_renewed = cell(cells, "passport_renewed", &mut errs, parse_date);
    d.biometrics_appointment = cell(cells, "biometrics_appointment", &mut errs, parse_date);
    d.job_seeking_applied = cell(cells, "job_seeking_applied", &mut errs, parse_date);
    d.abroad_from = cell(cells, "abroad_from", &mut errs, parse_date);
    d.abroad_until = cell(cells, "abroad_until", &mut errs, parse_date);
    raw.danish_address_given_up = cell(cells, "danish_address_given_up", &mut errs, yes_no);
    raw.stationed_abroad_by_employer =
        cell(cells, "stationed_abroad_by_employer", &mut errs, yes_no);
    raw.salary_while_abroad = cell(cells, "salary_while_abroad", &mut errs, yes_no);
    raw.stay_length_days = cell(cells, "stay_length_days", &mut errs, count);
    raw.stays_per_year = cell(cells, "stays_per_year", &mut errs, count);

    // Cross-field checks of the core, mapped back to the columns.
    let components = raw.salary.components.clone();
    let json = match serde_json::to_string(&raw) {
        Ok(json) => json,
        Err(e) => {
            errs.push((
                col_index("case_name"),
                Msg::new("hires.cannot_store").with("e", e),
            ));
            return Err(errs);
        }
    };
    match Situation::check(raw) {
        Ok(s) if errs.is_empty() => Ok((name.unwrap_or_default(), s, json)),
        Ok(_) => Err(errs),
        Err(field_errors) => {
            for e in field_errors {
                let ci = column_of_field(&e.field, &components);
                if !errs.iter().any(|(c, _)| *c == ci) {
                    let text = e
                        .text
                        .unwrap_or_else(|| Msg::new("input.verbatim").with("text", e.message));
                    errs.push((ci, text));
                }
            }
            errs.sort_by_key(|(ci, _)| *ci);
            Err(errs)
        }
    }
}

/// The column a situation field path comes from.
fn column_of_field(field: &str, components: &[Component]) -> usize {
    if field == "salary.components" {
        return col_index("salary_cash");
    }
    if let Some(rest) = field.strip_prefix("salary.components[") {
        let i: usize = rest
            .split(']')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        return match components.get(i).and_then(|c| c.kind) {
            Some(ComponentKind::PensionEmployer) => col_index("salary_pension"),
            _ => col_index("salary_cash"),
        };
    }
    COLUMNS
        .iter()
        .position(|c| c.field == field)
        .unwrap_or_else(|| col_index("case_name"))
}

/// Reads one cell with `parse`; an empty cell is `None` (or a problem in a
/// required column).
fn cell<T>(
    cells: &[&str],
    name: &str,
    errs: &mut CellErrors,
    parse: fn(&str, &Column) -> Result<T, Msg>,
) -> Option<T> {
    let ci = col_index(name);
    let c = &COLUMNS[ci];
    let v = cells[ci];
    if v.is_empty() {
        if c.required {
            errs.push((
                ci,
                Msg::new("hires.missing").arg("accepts", Arg::Msg(Box::new(accepts_msg(c)))),
            ));
        }
        return None;
    }
    match parse(v, c) {
        Ok(t) => Some(t),
        Err(m) => {
            errs.push((ci, m));
            None
        }
    }
}

/// A value of a column of listed values: its id, or the UI's label for
/// it in English or Danish ("Beløbsordningen"), ignoring case, accents,
/// spaces and punctuation.
fn one_of<T: DeserializeOwned>(v: &str, c: &Column) -> Result<T, Msg> {
    let values: &[&str] = match c.kind {
        Kind::OneOf(values) => values,
        _ => &[],
    };
    let norm: String = v
        .trim()
        .to_lowercase()
        .chars()
        .map(|ch| if ch == '-' || ch == ' ' { '_' } else { ch })
        .collect();
    let id = if values.contains(&norm.as_str()) {
        Some(norm.as_str())
    } else {
        permit_core::messages::option_value(option_group(c), values, v)
    };
    if let Some(id) = id {
        if let Ok(t) = serde_json::from_value(serde_json::Value::String(id.to_owned())) {
            return Ok(t);
        }
    }
    Err(Msg::new("hires.not_one_of")
        .with("text", v)
        .arg("values", Arg::Options(option_group(c), values.to_vec())))
}

/// A whole number, digits only (`4`, `120`).
fn count(v: &str, _: &Column) -> Result<u32, Msg> {
    let t = v.trim();
    match t.parse::<u32>() {
        Ok(n) if t.chars().all(|c| c.is_ascii_digit()) => Ok(n),
        _ => Err(Msg::new("hires.not_a_count").with("text", v)),
    }
}

fn yes_no(v: &str, _: &Column) -> Result<bool, Msg> {
    match v.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "ja" | "j" | "1" => Ok(true),
        "no" | "n" | "false" | "nej" | "0" => Ok(false),
        _ => Err(Msg::new("hires.not_yes_no").with("text", v)),
    }
}

/// Parses a date: the core's one date parser ([`permit_core::situation::parse_date`]).
pub fn parse_date_text(v: &str) -> Result<NaiveDate, String> {
    permit_core::situation::parse_date(v)
}

fn parse_date(v: &str, _: &Column) -> Result<Date, Msg> {
    permit_core::situation::parse_date_msg(v).map(Date)
}

fn parse_money(v: &str, _: &Column) -> Result<Amount, Msg> {
    permit_core::situation::parse_amount_msg(v)
}

/// Parses an amount written with Danish or English separators, exactly: the
/// core's one amount parser ([`permit_core::situation::parse_amount`]).
///
/// ```
/// use permit_batch::hires::parse_amount_text;
/// assert_eq!(parse_amount_text("487.000,00").unwrap().to_string(), "487000.00");
/// assert_eq!(parse_amount_text("487,000.00").unwrap().to_string(), "487000.00");
/// assert_eq!(parse_amount_text("40583,33").unwrap().to_string(), "40583.33");
/// assert!(parse_amount_text("487.000").unwrap_err().contains("ambiguous"));
/// ```
pub fn parse_amount_text(v: &str) -> Result<Decimal, String> {
    permit_core::situation::parse_amount(v).map(|a| a.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_value_parses() {
        for c in COLUMNS {
            if let Kind::OneOf(values) = c.kind {
                for v in values {
                    let cells: Vec<&str> = COLUMNS
                        .iter()
                        .map(|k| if k.name == c.name { *v } else { "" })
                        .collect();
                    let mut errs = Vec::new();
                    let ok = match c.name {
                        "role" => {
                            cell::<permit_core::situation::Role>(&cells, c.name, &mut errs, one_of)
                                .is_some()
                        }
                        "scheme" => cell::<permit_core::situation::Scheme>(
                            &cells, c.name, &mut errs, one_of,
                        )
                        .is_some(),
                        "siq_category" => cell::<permit_core::situation::SiqCategory>(
                            &cells, c.name, &mut errs, one_of,
                        )
                        .is_some(),
                        "employer_location" => cell::<permit_core::situation::Location>(
                            &cells, c.name, &mut errs, one_of,
                        )
                        .is_some(),
                        "power_of_attorney" => cell::<permit_core::situation::PowerOfAttorney>(
                            &cells, c.name, &mut errs, one_of,
                        )
                        .is_some(),
                        "applying_from" => cell::<permit_core::situation::ApplyingFrom>(
                            &cells, c.name, &mut errs, one_of,
                        )
                        .is_some(),
                        "salary_period" => cell::<permit_core::situation::SalaryPeriod>(
                            &cells, c.name, &mut errs, one_of,
                        )
                        .is_some(),
                        "side_job_relation" => cell::<permit_core::situation::SideJobRelation>(
                            &cells, c.name, &mut errs, one_of,
                        )
                        .is_some(),
                        "job_end_reason" => cell::<permit_core::situation::JobEndReason>(
                            &cells, c.name, &mut errs, one_of,
                        )
                        .is_some(),
                        other => panic!("untested column {other}"),
                    };
                    assert!(ok, "{} = {v}: {errs:?}", c.name);
                }
            }
        }
    }

    #[test]
    fn amounts_exact_and_ambiguity_refused() {
        let ok = |s: &str, want: &str| {
            assert_eq!(parse_amount_text(s).unwrap().to_string(), want, "{s}")
        };
        ok("487000", "487000");
        ok("487.000,00", "487000.00");
        ok("487,000.00", "487000.00");
        ok("1.234.567", "1234567");
        ok("1,234,567", "1234567");
        ok("1.234.567,89", "1234567.89");
        ok("40583,33", "40583.33");
        ok("40583.33", "40583.33");
        ok("0,01", "0.01");
        ok("1,5", "1.5");
        ok("1.5", "1.5");
        ok("1e5", "100000");
        assert!(parse_amount_text("-5.000,00")
            .unwrap_err()
            .contains("negative"));
        for bad in [
            "487.000",
            "487,000",
            "12.34.56",
            "1.000.00",
            "4,87.000,00",
            "487.000,0",
            "DKK 5",
            "5 000",
            "",
            "-",
            "1,5000",
            ",50",
            "1.000,000",
        ] {
            assert!(parse_amount_text(bad).is_err(), "{bad} accepted");
        }
        assert!(parse_amount_text("487.000")
            .unwrap_err()
            .contains("ambiguous"));
    }

    #[test]
    fn dates_iso_and_danish() {
        let d = |s: &str| parse_date_text(s).map(|d| d.to_string());
        assert_eq!(d("2027-03-01").unwrap(), "2027-03-01");
        assert_eq!(d("01-03-2027").unwrap(), "2027-03-01");
        assert_eq!(d("01.03.2027").unwrap(), "2027-03-01");
        for bad in [
            "01/03/2027",
            "2027-02-30",
            "1-3-2027",
            "2027.03.01",
            "27-03-01",
            "x",
            "2027-3-1",
        ] {
            assert!(d(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn quote_checks() {
        assert!(check_quotes(r#"a,"b, c","d ""e""",f"#, ',').is_ok());
        assert!(check_quotes(r#"a,b"c,d"#, ',').is_err());
        assert!(check_quotes(r#"a,"b"c,d"#, ',').is_err());
        assert!(check_quotes(r#"a,"b,d"#, ',').is_err());
        assert!(check_quotes(r#""""#, ',').is_ok());
    }

    #[test]
    fn side_job_legal_residence_and_job_end_columns() {
        let csv = "case_name,applicant_name,role,scheme,siq_category,employer_registered_in_denmark,employer_location,job_start,side_job,side_job_employer,side_job_relation,legal_residence_in_denmark,job_end_reason\n\
                   A,Ana,employee,special_individual_qualifications,athlete,yes,denmark,2027-03-01,yes,FC Midtjylland Academy,related to sport,ja,cutbacks\n\
                   B,Bo,employee,special_individual_qualifications,athlete,yes,denmark,2027-03-01,yes,,cousin,maybe,fired\n";
        let p = parse(csv.as_bytes(), "hires.csv");
        assert_eq!(p.rows.len(), 1, "{}", p.report());
        let s = &p.rows[0].situation;
        assert_eq!(s.side_job.planned, Some(true));
        assert_eq!(
            s.side_job.employer.as_deref(),
            Some("FC Midtjylland Academy")
        );
        assert_eq!(
            s.side_job.relation,
            Some(permit_core::situation::SideJobRelation::RelatedToSport)
        );
        assert_eq!(s.legal_residence_in_denmark, Some(true));
        assert_eq!(
            s.job_end_reason,
            Some(permit_core::situation::JobEndReason::Cutbacks)
        );
        // Row 3: each bad cell at its row and column, with what is accepted.
        let at = |col: &str| {
            p.problems
                .iter()
                .find(|x| x.row == Some(3) && x.column.as_deref() == Some(col))
                .unwrap_or_else(|| panic!("no problem at {col}: {}", p.report()))
                .message
                .clone()
        };
        // What is accepted is listed by the UI's labels, never by raw ids.
        assert!(
            at("side_job_relation").contains("“Naturally related to the sport"),
            "{}",
            at("side_job_relation")
        );
        assert!(at("legal_residence_in_denmark").contains("yes"));
        let reasons = at("job_end_reason");
        assert!(
            reasons.contains("“Cutbacks”") && !reasons.contains("contract_expired"),
            "{reasons}"
        );
        assert_eq!(p.problems.len(), 3, "{}", p.report());
        // In Danish, from the same problem.
        let da = p
            .problems
            .iter()
            .find(|x| x.column.as_deref() == Some("job_end_reason"))
            .unwrap()
            .message_in(permit_core::plan::Lang::Da);
        assert!(
            da.contains("er ikke en af de mulige værdier; skriv “Nedskæringer”"),
            "{da}"
        );
    }

    #[test]
    fn listed_values_are_read_by_the_uis_labels_in_both_languages() {
        // The app's own Danish name for the scheme, and the English label,
        // and the id, in any case and without accents.
        let csv = "case_name,applicant_name,role,scheme,employer_registered_in_denmark,employer_location,job_start,salary_period\n\
                   A,Ana,employee,Beløbsordningen,ja,I Danmark,2027-03-01,Om måneden\n\
                   B,Bo,Employee (employer in Denmark),pay limit scheme,yes,in denmark,2027-03-01,a month\n\
                   C,Cy,ANSAT (ARBEJDSGIVER I DANMARK),beloebsordningen,yes,denmark,2027-03-01,month\n\
                   D,Di,employee,Beløbsordning,yes,denmark,2027-03-01,month\n";
        let p = parse(csv.as_bytes(), "hires.csv");
        assert_eq!(p.rows.len(), 3, "{}", p.report());
        for r in &p.rows {
            assert_eq!(
                r.situation.scheme,
                Some(permit_core::situation::Scheme::PayLimit),
                "row {}",
                r.row
            );
            assert_eq!(
                r.situation.role,
                Some(permit_core::situation::Role::Employee),
                "row {}",
                r.row
            );
            assert_eq!(
                r.situation.salary.period,
                Some(permit_core::situation::SalaryPeriod::Month),
                "row {}",
                r.row
            );
        }
        // One letter short of the label is refused, naming the labels.
        assert_eq!(p.problems.len(), 1, "{}", p.report());
        assert_eq!(
            (p.problems[0].row, p.problems[0].column.as_deref()),
            (Some(5), Some("scheme"))
        );
        let da = p.problems[0].message_in(permit_core::plan::Lang::Da);
        assert!(
            da.starts_with("“Beløbsordning” er ikke en af de mulige værdier; skriv “Forsker”, "),
            "{da}"
        );
        assert!(
            da.contains("“Beløbsordningen”") && !da.contains("pay_limit"),
            "{da}"
        );
    }

    #[test]
    fn a_file_beyond_the_limits_is_refused_in_the_readers_language() {
        use permit_core::limits::{MAX_CSV_BYTES, MAX_CSV_ROWS};
        // The one problem of a file refused as a whole, in Danish.
        let refused = |bytes: &[u8], name: &str| {
            let p = parse(bytes, name);
            assert!(p.file_level && p.rows.is_empty());
            assert_eq!(p.problems.len(), 1, "{}", p.report());
            let problem = &p.problems[0];
            (
                problem.message_in(permit_core::plan::Lang::Da),
                problem.message.clone(),
            )
        };
        // Too large: refused before it is read, naming the file and both sizes.
        let (da, en) = refused(&vec![b'a'; MAX_CSV_BYTES as usize + 1], "big.csv");
        assert_eq!(
            da,
            format!(
                "big.csv fylder {} bytes, mere end én import kan tage (højst {MAX_CSV_BYTES} bytes); del den op i mindre filer",
                MAX_CSV_BYTES + 1
            )
        );
        assert!(en.starts_with("big.csv is "), "{en}");
        // Too many rows: the count and the limit.
        let mut csv = String::from("case_name,applicant_name\n");
        for _ in 0..=MAX_CSV_ROWS {
            csv.push_str("A,B\n");
        }
        let (da, _) = refused(csv.as_bytes(), "many.csv");
        assert_eq!(
            da,
            format!(
                "many.csv har {} rækker, flere end én import kan tage (højst {MAX_CSV_ROWS}); del den op i mindre filer",
                MAX_CSV_ROWS + 1
            )
        );
    }

    #[test]
    fn template_reads_back_without_problems() {
        for lang in [Lang::En, Lang::Da] {
            let p = parse(template_csv_in(lang).as_bytes(), "template.csv");
            assert!(p.problems.is_empty(), "{}", p.report());
            assert_eq!(p.rows.len(), 1);
            let s = &p.rows[0].situation;
            assert_eq!(
                s.salary.components[0].amount.unwrap().0.to_string(),
                "540000.00"
            );
            let employer = if lang == Lang::En {
                "Aarhus University"
            } else {
                "Aarhus Universitet"
            };
            assert_eq!(s.employer.name.as_deref(), Some(employer));
        }
        assert_eq!(template_csv(), template_csv_in(Lang::En));
    }

    const AFTER_GRANT: &str = "permit_granted,permit_expiry,passport_renewed,biometrics_appointment,job_seeking_applied,abroad_from,abroad_until,danish_address_given_up,stationed_abroad_by_employer,salary_while_abroad,stay_length_days,stays_per_year";

    /// The after-grant facts (issue 24) as columns: each cell into its field,
    /// and the row's situation read back from its JSON is the same.
    #[test]
    fn after_grant_columns_round_trip() {
        let csv = format!(
            "case_name,applicant_name,role,scheme,employer_registered_in_denmark,employer_location,job_start,{AFTER_GRANT}\n\
             A,Ana,employee,researcher,yes,denmark,2027-03-01,2027-02-01,31-01-2029,2028-06-01,2027-01-20,2030-01-05,2027-09-01,2027-12-01,ja,no,nej,120,3\n"
        );
        let p = parse(csv.as_bytes(), "hires.csv");
        assert!(p.problems.is_empty(), "{}", p.report());
        let s = &p.rows[0].situation;
        let d = &s.dates;
        let day = |t: &str| Some(Date(NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap()));
        assert_eq!(d.permit_granted, day("2027-02-01"));
        assert_eq!(d.permit_expiry, day("2029-01-31"));
        assert_eq!(d.passport_renewed, day("2028-06-01"));
        assert_eq!(d.biometrics_appointment, day("2027-01-20"));
        assert_eq!(d.job_seeking_applied, day("2030-01-05"));
        assert_eq!(d.abroad_from, day("2027-09-01"));
        assert_eq!(d.abroad_until, day("2027-12-01"));
        assert_eq!(s.danish_address_given_up, Some(true));
        assert_eq!(s.stationed_abroad_by_employer, Some(false));
        assert_eq!(s.salary_while_abroad, Some(false));
        assert_eq!(s.stay_length_days, Some(120));
        assert_eq!(s.stays_per_year, Some(3));
        let back = Situation::from_json(&p.rows[0].situation_json, "row.json").unwrap();
        assert_eq!(&back, s);
        // Empty cells: not known.
        let csv = format!(
            "case_name,applicant_name,role,scheme,employer_registered_in_denmark,employer_location,job_start,{AFTER_GRANT}\n\
             A,Ana,employee,researcher,yes,denmark,2027-03-01,,,,,,,,,,,,\n"
        );
        let p = parse(csv.as_bytes(), "hires.csv");
        assert!(p.problems.is_empty(), "{}", p.report());
        let s = &p.rows[0].situation;
        assert_eq!(
            (s.dates.abroad_from, s.stays_per_year, s.salary_while_abroad),
            (None, None, None)
        );
    }

    /// Each bad after-grant cell is reported at its row and column with what
    /// is accepted, the core's cross-field checks mapped to their column.
    #[test]
    fn after_grant_columns_report_row_and_column() {
        let csv = format!(
            "case_name,applicant_name,role,scheme,employer_registered_in_denmark,employer_location,job_start,{AFTER_GRANT}\n\
             A,Ana,service_provider,pay_limit,no,non_eu,2027-03-01,2027-02-01,2029-02-30,,,,2027-09-01,2027-08-31,yes,yes,maybe,1.5,0\n\
             B,Bo,service_provider,pay_limit,no,non_eu,2027-03-01,,,,,,,,,,,,four\n"
        );
        let p = parse(csv.as_bytes(), "hires.csv");
        let at = |row: usize, col: &str| {
            p.problems
                .iter()
                .find(|x| x.row == Some(row) && x.column.as_deref() == Some(col))
                .unwrap_or_else(|| panic!("no problem at row {row}, {col}: {}", p.report()))
                .message
                .clone()
        };
        assert!(
            at(2, "permit_expiry").contains("2029-02-30"),
            "{}",
            at(2, "permit_expiry")
        );
        assert!(at(2, "salary_while_abroad").contains("“maybe”"));
        assert!(
            at(2, "stay_length_days").contains("whole number"),
            "{}",
            at(2, "stay_length_days")
        );
        assert!(at(3, "stays_per_year").contains("“four” is not a whole number"));
        assert_eq!(p.rows.len(), 0);
        // The cross-field checks need the row's cells read: a row whose
        // cells all read is checked by the core, each problem at its column.
        let csv = format!(
            "case_name,applicant_name,role,scheme,employer_registered_in_denmark,employer_location,job_start,{AFTER_GRANT}\n\
             A,Ana,service_provider,pay_limit,no,non_eu,2027-03-01,,,,,,2027-09-01,2027-08-31,,,,,0\n"
        );
        let p = parse(csv.as_bytes(), "hires.csv");
        let cols: Vec<&str> = p
            .problems
            .iter()
            .filter_map(|x| x.column.as_deref())
            .collect();
        assert_eq!(cols, ["abroad_until", "stays_per_year"], "{}", p.report());
        let da = p.problems[1].message_in(Lang::Da);
        assert!(da.contains("ophold fra 1 til 366"), "{da}");
    }

    /// `import --columns` in the reader's language: every column with its
    /// catalogue help, nothing English left in the Danish reference.
    #[test]
    fn the_column_reference_comes_from_the_catalogue_in_both_languages() {
        for c in COLUMNS {
            let key = format!("hires.column.{}", c.name);
            assert!(permit_core::messages::has(&key), "{key}");
        }
        let en = columns_help(Lang::En);
        let da = columns_help(Lang::Da);
        assert!(en.starts_with("Columns of the hires CSV"), "{en}");
        assert!(da.starts_with("Kolonner i ansættelses-CSV'en"), "{da}");
        for c in COLUMNS {
            assert!(
                en.contains(&c.help(Lang::En)) && da.contains(&c.help(Lang::Da)),
                "{}",
                c.name
            );
        }
        assert!(en.contains("  stays_per_year\n      Service providers: how many stays"));
        assert!(da.contains("Tjenesteydere: hvor mange ophold") && da.contains("Et helt tal: 4."));
        assert!(
            !da.contains("Any text.") && !da.contains("An empty cell"),
            "{da}"
        );
    }
}
