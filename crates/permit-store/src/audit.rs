//! The audit trail: what is recorded, and the hash chain that makes the
//! log tamper-evident. Database-neutral: every backend stores these values
//! and computes the same hashes with the pure functions here.
//!
//! An entry's **meta** (sequence number, case, time, actor, machine,
//! action, the names of the fields changed, and `values_digest`) is
//! chained: `hash = sha256(prev_hash ‖ canonical(meta))`, hex, the first
//! entry's `prev_hash` being [`GENESIS`]. The **values** (old → new, and
//! any personal detail of the action) are kept apart, with a random salt:
//! `values_digest = sha256(salt ‖ values_json)`. Erasing a person deletes
//! their values rows only; the chain still verifies, and the salted digest
//! left behind reveals nothing of the values (the salt is gone with them).
//!
//! `canonical(meta)` is the concatenation of netstrings (`len:bytes,`, the
//! length in bytes of the UTF-8 text, decimal) of: `seq`, `case_id` (empty
//! when none), `at`, `actor`, `machine`, `action`, the field names (one
//! netstring holding a netstring per name), `values_digest`. Easy to
//! reproduce in SQL (`length(convert_to(x, 'UTF8')) || ':' || x || ','`).

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The action of an entry recording an erasure (its case's values are gone
/// on purpose, so [`verify`] does not report them missing).
pub const ACTION_ERASED: &str = "erased";

/// One field changed by an action: its path (`salary.amount`,
/// `documents[passport].gathered`) and its value before and after (`null`
/// when absent).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct AuditChange {
    /// The field's path.
    pub field: String,
    /// The value before.
    pub old: serde_json::Value,
    /// The value after.
    pub new: serde_json::Value,
}

/// What the service asks to be recorded; the backend adds the sequence
/// number, the time and the chain.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuditEntry {
    /// The case acted on, if one.
    pub case_id: Option<i64>,
    /// Who: the OS user (SQLite) or the login (a server backend may put its
    /// own in its place).
    pub actor: String,
    /// From which machine (its host name).
    pub machine: String,
    /// What (`edit`, `document`, `rename`, `export_pdf`, …).
    pub action: String,
    /// The fields changed, old → new (their values are kept apart).
    pub changes: Vec<AuditChange>,
    /// Further details of the action that may be personal (a file name, a
    /// template's name), kept apart with the values.
    pub detail: serde_json::Value,
}

/// The values of an entry, as stored apart from the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditValues {
    /// The random salt, hex.
    pub salt: String,
    /// `{"changes": [...], "detail": ...}` as JSON text.
    pub json: String,
}

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    /// The position in the log, from 1, without gaps.
    pub seq: i64,
    /// The case acted on, if one.
    pub case_id: Option<i64>,
    /// When (RFC 3339, UTC, milliseconds).
    pub at: String,
    /// Who.
    pub actor: String,
    /// From which machine.
    pub machine: String,
    /// What.
    pub action: String,
    /// The names of the fields changed.
    pub fields: Vec<String>,
    /// `sha256(salt ‖ values json)`, hex.
    pub values_digest: String,
    /// The previous entry's hash ([`GENESIS`] for the first).
    pub prev_hash: String,
    /// `sha256(prev_hash ‖ canonical(meta))`, hex.
    pub hash: String,
    /// The values, unless erased.
    pub values: Option<AuditValues>,
}

/// Which entries [`crate::Store::audit_entries`] returns (all when
/// default), oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditFilter {
    /// Only the entries of this case.
    pub case_id: Option<i64>,
    /// Only entries at or after this day (UTC).
    pub from: Option<chrono::NaiveDate>,
    /// Only entries on or before this day (UTC).
    pub to: Option<chrono::NaiveDate>,
}

impl AuditFilter {
    /// The half-open range of `at` stamps the filter keeps, as text (the
    /// stamps compare as text).
    pub fn stamp_range(&self) -> (Option<String>, Option<String>) {
        let from = self.from.map(|d| d.format("%Y-%m-%d").to_string());
        let to = self
            .to
            .and_then(|d| d.succ_opt())
            .map(|d| d.format("%Y-%m-%d").to_string());
        (from, to)
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

fn netstring(out: &mut String, s: &str) {
    out.push_str(&s.len().to_string());
    out.push(':');
    out.push_str(s);
    out.push(',');
}

/// The values of `entry` as stored apart: `{"changes": [...], "detail": ...}`.
pub fn values_json(entry: &AuditEntry) -> String {
    serde_json::json!({ "changes": entry.changes, "detail": entry.detail }).to_string()
}

/// A new random salt (16 bytes, hex).
pub fn new_salt() -> std::result::Result<String, String> {
    let mut b = [0u8; 16];
    getrandom::getrandom(&mut b).map_err(|e| format!("no random source: {e}"))?;
    Ok(hex(&b))
}

/// `sha256(salt ‖ values_json)`, hex.
pub fn values_digest(salt: &str, values_json: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(values_json.as_bytes());
    hex(&h.finalize())
}

/// The canonical text of an entry's meta (see the module's description).
#[allow(clippy::too_many_arguments)]
pub fn canonical(
    seq: i64,
    case_id: Option<i64>,
    at: &str,
    actor: &str,
    machine: &str,
    action: &str,
    fields: &[String],
    values_digest: &str,
) -> String {
    let mut out = String::new();
    netstring(&mut out, &seq.to_string());
    netstring(
        &mut out,
        &case_id.map(|c| c.to_string()).unwrap_or_default(),
    );
    netstring(&mut out, at);
    netstring(&mut out, actor);
    netstring(&mut out, machine);
    netstring(&mut out, action);
    let mut names = String::new();
    for f in fields {
        netstring(&mut names, f);
    }
    netstring(&mut out, &names);
    netstring(&mut out, values_digest);
    out
}

/// `sha256(prev_hash ‖ canonical)`, hex.
pub fn chain_hash(prev_hash: &str, canonical: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(canonical.as_bytes());
    hex(&h.finalize())
}

/// The hash a record should have, from its own meta and `prev_hash`.
pub fn record_hash(r: &AuditRecord) -> String {
    chain_hash(
        &r.prev_hash,
        &canonical(
            r.seq,
            r.case_id,
            &r.at,
            &r.actor,
            &r.machine,
            &r.action,
            &r.fields,
            &r.values_digest,
        ),
    )
}

/// What is wrong with a log, at an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditFault {
    /// The entry's own content does not match its hash: it was edited.
    Edited,
    /// The entry does not follow the one before it in the chain: an entry
    /// before it was deleted, or it was inserted or moved.
    Broken,
    /// Sequence numbers are missing or out of order before this entry.
    Gap,
    /// The entry's values do not match its digest: they were edited.
    ValuesEdited,
    /// The entry's values are gone, and its case was not erased.
    ValuesMissing,
}

/// One problem [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditProblem {
    /// The entry's sequence number.
    pub seq: i64,
    /// What is wrong.
    pub fault: AuditFault,
}

/// Checks a whole log (every entry, in stored order): each entry's hash
/// against its meta, each link to the entry before, the sequence numbers,
/// and each values row present against its digest. An entry without values
/// is a problem unless its case has an [`ACTION_ERASED`] entry after it.
/// An empty list of problems: the log is as written. What it cannot see:
/// the newest entries removed, or the whole chain recomputed (compare the
/// head hash with one noted earlier).
pub fn verify(records: &[AuditRecord]) -> Vec<AuditProblem> {
    let mut problems = Vec::new();
    let mut prev_hash = GENESIS;
    let mut prev_seq = 0;
    // The last erasure of each case, by position.
    let mut erased: std::collections::HashMap<i64, i64> = Default::default();
    for r in records {
        if r.action == ACTION_ERASED {
            if let Some(c) = r.case_id {
                erased.insert(c, r.seq);
            }
        }
    }
    for r in records {
        let at = |fault| AuditProblem { seq: r.seq, fault };
        if r.seq != prev_seq + 1 {
            problems.push(at(AuditFault::Gap));
        }
        if r.prev_hash != prev_hash {
            problems.push(at(AuditFault::Broken));
        }
        if record_hash(r) != r.hash {
            problems.push(at(AuditFault::Edited));
        }
        match &r.values {
            Some(v) => {
                if values_digest(&v.salt, &v.json) != r.values_digest {
                    problems.push(at(AuditFault::ValuesEdited));
                }
            }
            None => {
                let gone_on_purpose = r
                    .case_id
                    .and_then(|c| erased.get(&c))
                    .is_some_and(|&e| e >= r.seq);
                if !gone_on_purpose {
                    problems.push(at(AuditFault::ValuesMissing));
                }
            }
        }
        prev_hash = &r.hash;
        prev_seq = r.seq;
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_is_netstrings_and_unambiguous() {
        let a = canonical(1, Some(2), "t", "ab", "c", "edit", &["x".into()], "d");
        assert_eq!(a, "1:1,1:2,1:t,2:ab,1:c,4:edit,4:1:x,,1:d,");
        // Moving a character from one part to the next changes the text.
        let b = canonical(1, Some(2), "t", "a", "bc", "edit", &["x".into()], "d");
        assert_ne!(a, b);
        assert_eq!(
            canonical(1, None, "", "", "", "", &[], ""),
            "1:1,0:,0:,0:,0:,0:,0:,0:,"
        );
    }

    #[test]
    fn hashes_are_sha256_hex() {
        // sha256("abc")
        assert_eq!(
            chain_hash("a", "bc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(values_digest("ab", "c"), chain_hash("a", "bc"));
        let s = new_salt().unwrap();
        assert_eq!(s.len(), 32);
        assert_ne!(s, new_salt().unwrap());
    }
}
