//! What a new rules bundle changes for a case.
//!
//! A [`Snapshot`] keeps what matters of a plan, without the texts that
//! change every day (days left) or with the language: the forms, the fee,
//! whether the pages cover the case, the dates, each check's outcome, the
//! warnings and the documents. [`diff`] lists what differs between the plan
//! the user last saw and a new one. Messages are kept only to be shown,
//! never compared: a salary still above a raised limit is no change.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use permit_core::Plan;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A check's outcome in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnapItem {
    /// Stable id (check, warning, document or deadline id).
    pub id: String,
    /// What is compared: a check's status, a warning's severity, a
    /// document's `required`/`optional`, a deadline's date.
    pub value: String,
    /// For people only (never compared): the message or name.
    #[serde(default)]
    pub text: String,
}

/// What matters of a plan for "what changed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[ts(export)]
pub struct Snapshot {
    /// The rules bundle version the plan was made with.
    pub rules_version: String,
    /// Forms.
    pub forms: Vec<String>,
    /// Fee amount in DKK (`none` when no fee applies, empty when unknown).
    pub fee: Option<String>,
    /// Coverage status.
    pub coverage: String,
    /// Deadlines: id → date.
    pub deadlines: Vec<SnapItem>,
    /// Checks: id → status.
    pub checks: Vec<SnapItem>,
    /// Warnings: id → severity.
    pub warnings: Vec<SnapItem>,
    /// Documents: id → required/optional.
    pub documents: Vec<SnapItem>,
}

fn enum_text<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl Snapshot {
    /// The snapshot of a plan.
    pub fn of(p: &Plan) -> Snapshot {
        Snapshot {
            rules_version: p.rules.version.clone(),
            forms: p.forms.iter().map(|f| f.form.code().to_owned()).collect(),
            fee: p.fee.as_ref().map(|f| match (f.required, f.amount_dkk) {
                (false, _) => "none".to_owned(),
                (true, Some(a)) => format!("{a:.2}"),
                (true, None) => String::new(),
            }),
            coverage: enum_text(&p.coverage.status),
            deadlines: p
                .deadlines
                .iter()
                .map(|d| SnapItem {
                    id: d.id.clone(),
                    value: d.date.to_string(),
                    text: d.label.clone(),
                })
                .collect(),
            checks: p
                .checks
                .iter()
                .map(|c| SnapItem {
                    id: c.id.clone(),
                    value: enum_text(&c.status),
                    text: c.message.clone(),
                })
                .collect(),
            warnings: p
                .warnings
                .iter()
                .map(|w| SnapItem {
                    id: w.id.clone(),
                    value: enum_text(&w.severity),
                    text: w.message.clone(),
                })
                .collect(),
            documents: p
                .documents
                .iter()
                .map(|d| SnapItem {
                    id: d.id.clone(),
                    value: if d.required { "required" } else { "optional" }.into(),
                    text: d.name.clone(),
                })
                .collect(),
        }
    }
}

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The forms.
    Form,
    /// The fee.
    Fee,
    /// Whether the pages cover the case.
    Coverage,
    /// A deadline's date (or a deadline added or gone).
    Deadline,
    /// A check's outcome.
    Check,
    /// A warning added, gone or of another severity.
    Warning,
    /// A document added, gone, or now required/optional.
    Document,
}

/// One change between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// The id of the check, warning, document or deadline (empty for form,
    /// fee and coverage).
    pub id: String,
    /// The value before (none: it is new).
    pub before: Option<String>,
    /// The value now (none: it is gone).
    pub after: Option<String>,
    /// For people: the new message (a check, a warning, a document's name),
    /// or the old one of something gone.
    pub text: String,
}

/// Compares keyed items: items of one id are paired in order.
fn diff_items(kind: ChangeKind, a: &[SnapItem], b: &[SnapItem], out: &mut Vec<Change>) {
    let mut ids: Vec<&str> = Vec::new();
    for i in a.iter().chain(b) {
        if !ids.contains(&i.id.as_str()) {
            ids.push(&i.id);
        }
    }
    let group = |items: &[SnapItem], id: &str| -> Vec<SnapItem> {
        items.iter().filter(|i| i.id == id).cloned().collect()
    };
    for id in ids {
        let (old, new) = (group(a, id), group(b, id));
        for k in 0..old.len().max(new.len()) {
            match (old.get(k), new.get(k)) {
                (Some(o), Some(n)) if o.value == n.value => {}
                (o, n) => out.push(Change {
                    kind,
                    id: id.to_owned(),
                    before: o.map(|o| o.value.clone()),
                    after: n.map(|n| n.value.clone()),
                    text: n.or(o).map(|i| i.text.clone()).unwrap_or_default(),
                }),
            }
        }
    }
}

/// What changed from `before` (the plan the user last saw) to `after`.
/// Empty when nothing that matters changed.
pub fn diff(before: &Snapshot, after: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    if before.forms != after.forms {
        out.push(Change {
            kind: ChangeKind::Form,
            id: String::new(),
            before: Some(before.forms.join(", ")),
            after: Some(after.forms.join(", ")),
            text: String::new(),
        });
    }
    if before.fee != after.fee {
        out.push(Change {
            kind: ChangeKind::Fee,
            id: String::new(),
            before: before.fee.clone(),
            after: after.fee.clone(),
            text: String::new(),
        });
    }
    if before.coverage != after.coverage {
        out.push(Change {
            kind: ChangeKind::Coverage,
            id: String::new(),
            before: Some(before.coverage.clone()),
            after: Some(after.coverage.clone()),
            text: String::new(),
        });
    }
    diff_items(
        ChangeKind::Deadline,
        &before.deadlines,
        &after.deadlines,
        &mut out,
    );
    diff_items(ChangeKind::Check, &before.checks, &after.checks, &mut out);
    diff_items(
        ChangeKind::Warning,
        &before.warnings,
        &after.warnings,
        &mut out,
    );
    diff_items(
        ChangeKind::Document,
        &before.documents,
        &after.documents,
        &mut out,
    );
    out
}

fn status_word(s: &str) -> &str {
    match s {
        "pass" => "met",
        "fail" => "not met",
        "unknown" => "open",
        "info" => "information",
        other => other,
    }
}

fn date_word(s: &str) -> String {
    s.parse::<NaiveDate>()
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_else(|_| s.to_owned())
}

/// One line of text for a change (English; the app has its own texts).
pub fn describe(c: &Change) -> String {
    let arrow = |a: Option<&str>, b: Option<&str>| {
        format!("{} → {}", a.unwrap_or("(none)"), b.unwrap_or("(none)"))
    };
    let (b, a) = (c.before.as_deref(), c.after.as_deref());
    match c.kind {
        ChangeKind::Form => format!("form: {}", arrow(b, a)),
        ChangeKind::Fee => format!(
            "fee: {}",
            arrow(
                b.map(|x| format!("DKK {x}")).as_deref(),
                a.map(|x| format!("DKK {x}")).as_deref()
            )
        ),
        ChangeKind::Coverage => format!("coverage: {}", arrow(b, a)),
        ChangeKind::Deadline => match (b, a) {
            (Some(b), Some(a)) => format!(
                "date `{}`: {} → {} ({})",
                c.id,
                date_word(b),
                date_word(a),
                c.text
            ),
            (None, Some(a)) => format!("new date `{}`: {} ({})", c.id, date_word(a), c.text),
            _ => format!("date `{}` gone ({})", c.id, c.text),
        },
        ChangeKind::Check => format!(
            "{} check: {} → {} — {}",
            c.id,
            b.map(status_word).unwrap_or("(none)"),
            a.map(status_word).unwrap_or("(none)"),
            c.text
        ),
        ChangeKind::Warning => match (b, a) {
            (None, Some(a)) => format!("new warning `{}` ({a}): {}", c.id, c.text),
            (Some(_), None) => format!("warning gone `{}`: {}", c.id, c.text),
            (b, a) => format!("warning `{}`: {} — {}", c.id, arrow(b, a), c.text),
        },
        ChangeKind::Document => match (b, a) {
            (None, Some(a)) => format!("new document ({a}): {}", c.text),
            (Some(_), None) => format!("document no longer needed: {}", c.text),
            (b, a) => format!("document {}: {}", c.text, arrow(b, a)),
        },
    }
}

/// Snapshots by id for quick comparison of many cases (benchmarks, CLI).
pub type Snapshots = BTreeMap<i64, Snapshot>;

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, v: &str) -> SnapItem {
        SnapItem {
            id: id.into(),
            value: v.into(),
            text: format!("{id} is {v}"),
        }
    }

    #[test]
    fn only_what_changed_is_listed() {
        let a = Snapshot {
            rules_version: "1".into(),
            forms: vec!["AR9".into()],
            fee: Some("6290.00".into()),
            coverage: "covered".into(),
            checks: vec![item("salary", "pass"), item("hours", "pass")],
            warnings: vec![item("old", "caution")],
            ..Default::default()
        };
        let mut b = a.clone();
        b.rules_version = "2".into();
        assert!(diff(&a, &b).is_empty(), "a new version alone is no change");
        b.checks[0] = item("salary", "fail");
        b.checks[1].text = "another text".into();
        b.warnings = vec![item("new", "blocker")];
        b.fee = Some("6400.00".into());
        let d = diff(&a, &b);
        let lines: Vec<String> = d.iter().map(describe).collect();
        assert_eq!(
            lines,
            [
                "fee: DKK 6290.00 → DKK 6400.00",
                "salary check: met → not met — salary is fail",
                "warning gone `old`: old is caution",
                "new warning `new` (blocker): new is blocker",
            ]
        );
    }
}
