//! What every backend shares: the checks of what is stored (names, JSON),
//! the case version stamps and the encodings the portable queries rely on
//! (the forms column, LIKE patterns). A backend crate uses these so that
//! both backends store and compare the same values.

use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::{CaseContent, ListColumns, PlanColumns, Result, StoreError};

/// The name as stored: trimmed, never empty, one visible line.
pub fn check_name(path: &Path, name: &str) -> Result<String> {
    let invalid = |message: String| StoreError::Invalid {
        path: path.to_owned(),
        message,
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid("a case name cannot be empty".into()));
    }
    // The front ends check names with the field named (permit-core's
    // `limits::case_name_problem`); the store keeps every name one
    // visible line whatever the caller.
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(invalid(format!(
            "a case name is one line: it may not hold a control character (U+{:04X})",
            c as u32
        )));
    }
    if name.chars().all(invisible) {
        return Err(invalid(
            "a case name needs at least one visible character (only spaces or invisible characters were given)".into(),
        ));
    }
    Ok(name.to_string())
}

/// Whether `c` shows nothing (white space, controls, zero-width and
/// other format characters); the same set as permit-core's
/// `limits::is_invisible`, which the store does not depend on.
pub fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}')
}

/// Refuses text that is not JSON.
pub fn check_json(path: &Path, what: &str, json: &str) -> Result<()> {
    serde_json::from_str::<serde::de::IgnoredAny>(json)
        .map(|_| ())
        .map_err(|e| StoreError::Invalid {
            path: path.to_owned(),
            message: format!("the {what} is not valid JSON: {e}"),
        })
}

/// A version stamp: RFC 3339, UTC, milliseconds.
pub fn format_stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Now, as a version stamp.
pub fn now_stamp() -> String {
    format_stamp(Utc::now())
}

/// Now, or 1 ms after `previous` if the clock has not moved past it (or
/// went back), so `updated_at` strictly increases.
pub fn next_stamp(previous: &str) -> String {
    let now = Utc::now();
    match DateTime::parse_from_rfc3339(previous) {
        Ok(prev) => {
            let floor = prev.with_timezone(&Utc) + chrono::Duration::milliseconds(1);
            format_stamp(now.max(floor))
        }
        Err(_) => format_stamp(now),
    }
}

/// The form codes as stored: `,AR1,FA8,` (a form is found with
/// `LIKE '%,AR1,%'`, portable SQL).
pub fn forms_column(forms: &[String]) -> String {
    if forms.is_empty() {
        String::new()
    } else {
        format!(",{},", forms.join(","))
    }
}

/// `%text%` for LIKE, with `\`, `%` and `_` escaped (ESCAPE '\').
pub fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Refuses a case content whose JSON texts are not JSON.
pub fn check_content(path: &Path, c: &CaseContent) -> Result<()> {
    check_json(path, "situation", &c.situation_json)?;
    if let Some(d) = &c.draft_json {
        check_json(path, "draft", d)?;
    }
    check_list(path, &c.list)?;
    check_plan(path, &c.plan)
}

/// Refuses list columns whose digest is not JSON.
pub fn check_list(path: &Path, l: &ListColumns) -> Result<()> {
    check_json(path, "digest", &l.digest_json)
}

/// Refuses plan columns whose snapshots are not JSON.
pub fn check_plan(path: &Path, p: &PlanColumns) -> Result<()> {
    if let Some(t) = &p.plan_json {
        check_json(path, "plan snapshot", t)?;
    }
    if let Some(t) = &p.seen_json {
        check_json(path, "seen snapshot", t)?;
    }
    Ok(())
}
