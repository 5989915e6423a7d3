//! The portable case file: one case (name, situation with its checklist
//! state, notes) as versioned JSON, to send to another machine — an agent prepares
//! the packet, the applicant opens it in their own copy of the app.
//!
//! ```json
//! { "format": "permit-packet-case", "version": 1,
//!   "name": "Ana Silva", "situation": { ... }, "notes": "...", "exported_at": "2026-11-23T10:00:00.000Z",
//!   "exported_by": "Permit Packet 0.1.0" }
//! ```
//!
//! Versions:
//! * **1** — the format above. `situation` is situation format 1 (amounts
//!   as strings, so nothing is lost). The checklist state lives in it: each
//!   document's `gathered`, `translation` state, `language` and `notes`, and
//!   the user's own items (`documents` with `"own": true`). `notes` are the
//!   case's free-text notes. What the store keeps beside a case (the app's
//!   digest, the next deadline) is derived from the plan and recomputed on
//!   import, so it is not in the file.
//! * **2** — version 1 with `draft`: the answers as the user typed them
//!   when some are not accepted (the case's draft), kept as typed. Written
//!   only for a case that has a draft, so a case without one stays readable
//!   by a build that knows version 1.
//! * **0** — a bare situation JSON file (what `permit-packet plan` reads).
//!   It is migrated: the name is taken from `case.name`, else
//!   `applicant.name`, else the file name; the checklist is empty.
//!
//! A file of a newer version is refused ("written by a newer Permit
//! Packet"), as is a damaged one (not JSON, cut short, fields missing or
//! of the wrong type, a situation with errors), each with the reason.

use permit_core::situation::Situation;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `format` of a case file.
pub const FORMAT: &str = "permit-packet-case";
/// The newest version this build writes and reads.
pub const VERSION: u32 = 2;
/// The version written for a case without a draft.
const VERSION_WITHOUT_DRAFT: u32 = 1;

/// A case as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The case name.
    pub name: String,
    /// The situation (situation format 1).
    pub situation: Value,
    /// The answers as typed when some are not accepted (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Value>,
    /// Free-text notes.
    #[serde(default)]
    pub notes: String,
    /// When the file was written (RFC 3339), for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<String>,
    /// What wrote it, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_by: Option<String>,
}

/// A case read from a file, checked and ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCase {
    /// The case name.
    pub name: String,
    /// The checked situation.
    pub situation: Situation,
    /// The situation's JSON text (situation format 1).
    pub situation_json: String,
    /// The answers as typed when some are not accepted (a JSON object).
    pub draft: Option<Value>,
    /// Free-text notes.
    pub notes: String,
    /// The version the file had (0 if migrated from a bare situation).
    pub from_version: u32,
}

/// Why a case file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseFileError {
    /// Written by a newer Permit Packet.
    #[error("{source_name} is a case file of version {found}, written by a newer Permit Packet; this version reads versions 0 to {supported}. Update Permit Packet to open it")]
    Newer {
        /// The file name.
        source_name: String,
        /// Its version.
        found: u64,
        /// [`VERSION`].
        supported: u32,
    },
    /// Not a case file, or damaged.
    #[error("{source_name} is damaged or not a Permit Packet case file: {reason}")]
    Damaged {
        /// The file name.
        source_name: String,
        /// Why.
        reason: String,
    },
    /// The situation inside has errors.
    #[error("{0}")]
    Situation(#[from] permit_core::InputError),
}

/// Writes a case as a version-1 case file (pretty JSON, ending in a newline).
///
/// The situation is re-serialised from its checked form, so amounts stay
/// exact strings. `exported_at` is for people only.
pub fn export(
    name: &str,
    situation: &Situation,
    notes: &str,
    exported_at: Option<String>,
) -> Result<String, serde_json::Error> {
    export_with_draft(name, situation, None, notes, exported_at)
}

/// [`export`] of a case with its draft (the answers as typed when some are
/// not accepted): a version-2 file when there is one, else version 1.
pub fn export_with_draft(
    name: &str,
    situation: &Situation,
    draft: Option<&Value>,
    notes: &str,
    exported_at: Option<String>,
) -> Result<String, serde_json::Error> {
    let file = CaseFile {
        format: FORMAT.into(),
        version: if draft.is_some() {
            VERSION
        } else {
            VERSION_WITHOUT_DRAFT
        },
        name: name.to_owned(),
        situation: serde_json::to_value(situation.raw())?,
        draft: draft.cloned(),
        notes: notes.to_owned(),
        exported_at,
        exported_by: Some(format!("Permit Packet {}", env!("CARGO_PKG_VERSION"))),
    };
    let mut s = serde_json::to_string_pretty(&file)?;
    s.push('\n');
    Ok(s)
}

/// Reads a case file of any supported version (migrating older ones).
/// `source_name` is used in messages and, for version 0, as the fallback
/// case name.
pub fn import(text: &str, source_name: &str) -> Result<ImportedCase, CaseFileError> {
    let damaged = |reason: String| CaseFileError::Damaged {
        source_name: source_name.to_owned(),
        reason,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_eof() {
            "the file ends too early (cut short?)"
        } else {
            "not valid JSON"
        };
        damaged(format!(
            "{what} at line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    let Value::Object(obj) = &value else {
        return Err(damaged("expected a JSON object".into()));
    };
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(damaged(format!("`format` is `{f}`, expected `{FORMAT}`")))
        }
        // Version 0: a bare situation (its own `format` is a number, or absent).
        _ => return migrate_v0(text, source_name),
    }
    let version = match obj.get("version") {
        Some(Value::Number(n)) => n
            .as_u64()
            .ok_or_else(|| damaged(format!("`version` {n} is not a whole number")))?,
        Some(other) => return Err(damaged(format!("`version` is {other}, expected a number"))),
        None => return Err(damaged("`version` is missing".into())),
    };
    if version > u64::from(VERSION) {
        return Err(CaseFileError::Newer {
            source_name: source_name.to_owned(),
            found: version,
            supported: VERSION,
        });
    }
    if version < u64::from(VERSION_WITHOUT_DRAFT) {
        return Err(damaged(format!(
            "version {version} with format `{FORMAT}` does not exist (version 0 is a bare situation file)"
        )));
    }
    // Read again from the text, the situation kept as written: its amounts
    // are checked as the file spells them (a JSON value would have read a
    // number through a float).
    let file: CaseFileIn = serde_path_to_error::deserialize(
        &mut serde_json::Deserializer::from_str(text),
    )
    .map_err(|e| {
        let inner = e.inner();
        damaged(format!(
            "field `{}` at line {}, column {}: {}",
            e.path(),
            inner.line(),
            inner.column(),
            strip_position(&inner.to_string())
        ))
    })?;
    if file.name.is_empty() {
        return Err(damaged("`name` is empty".into()));
    }
    // One line, something visible (not only spaces or zero-width ones).
    if let Some(m) = permit_core::limits::case_name_problem(&file.name) {
        return Err(damaged(format!("field `name`: {m}")));
    }
    let limits = [
        (
            "name",
            file.name.chars().count(),
            permit_core::limits::MAX_NAME_CHARS,
        ),
        (
            "notes",
            file.notes.chars().count(),
            permit_core::limits::MAX_NOTES_CHARS,
        ),
    ];
    for (field, n, max) in limits {
        if n > max {
            return Err(damaged(format!(
                "field `{field}` is {n} characters, longer than it may be ({max} at most)"
            )));
        }
    }
    let situation =
        Situation::from_json(file.situation.get(), &format!("{source_name} (situation)"))?;
    let draft = match file.draft {
        None | Some(Value::Null) => None,
        Some(_) if version < u64::from(VERSION) => {
            return Err(damaged(format!("`draft` is not part of version {version}")));
        }
        Some(d @ Value::Object(_)) => Some(d),
        Some(other) => {
            return Err(damaged(format!(
                "`draft` is {}, expected the answers as a JSON object",
                kind_of(&other)
            )))
        }
    };
    Ok(ImportedCase {
        name: file.name.trim().to_owned(),
        situation_json: situation_json(&situation),
        situation,
        draft,
        notes: file.notes,
        from_version: u32::try_from(version).unwrap_or(VERSION),
    })
}

/// A case file as read: the situation kept as its text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // `format`, `version` and the stamps are checked or for people only.
struct CaseFileIn {
    format: String,
    version: u32,
    name: String,
    situation: Box<serde_json::value::RawValue>,
    #[serde(default)]
    draft: Option<Value>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    exported_at: Option<String>,
    #[serde(default)]
    exported_by: Option<String>,
}

/// The situation's JSON text as stored.
fn situation_json(situation: &Situation) -> String {
    // A situation's types (strings, booleans, small integers, enums) always
    // serialise; an empty object is the fallback that cannot be reached.
    serde_json::to_string(situation.raw()).unwrap_or_else(|_| "{}".into())
}

/// What kind of JSON value `v` is, for messages.
fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its " at line L column C" (said separately).
fn strip_position(m: &str) -> &str {
    m.rfind(" at line ").map_or(m, |i| &m[..i])
}

/// Version 0 → 1: a bare situation file becomes a case.
fn migrate_v0(text: &str, source_name: &str) -> Result<ImportedCase, CaseFileError> {
    let situation = Situation::from_json(text, source_name)?;
    let stem = std::path::Path::new(source_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| source_name.to_owned());
    let name = situation
        .case
        .name
        .clone()
        .or_else(|| situation.applicant.name.clone())
        .filter(|n| permit_core::limits::case_name_problem(n).is_none())
        .unwrap_or(stem);
    Ok(ImportedCase {
        name: name.trim().to_owned(),
        situation_json: situation_json(&situation),
        situation,
        draft: None,
        notes: String::new(),
        from_version: 0,
    })
}
