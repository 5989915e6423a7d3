//! Checklist templates: an organisation's own items (what AR9's first page
//! lists, the employer's internal documents) saved once in the workspace
//! and applied to new cases as own documents (`"own": true`) of the
//! situation's `documents`.
//!
//! A template's items are stored as a JSON array of
//! `{ "name": "...", "notes": "..." }` ([`TemplateItem`]). They can be
//! written as such an array or as plain text, one item a line
//! ([`parse_items`]).

use permit_core::messages::Msg;
use permit_core::situation::{DocumentState, RawSituation};
use serde::{Deserialize, Serialize};

/// One own checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateItem {
    /// The item's name, as it appears on the checklist.
    pub name: String,
    /// Notes shown with the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Reads template items: a JSON array of items (or of plain names), or
/// plain text with one item name a line (blank lines and lines starting
/// with `#` are skipped). Names are trimmed; empty names and repeats are
/// refused, with the catalogue's words (`template.*`).
pub fn parse_items(text: &str) -> Result<Vec<TemplateItem>, Msg> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let items: Vec<TemplateItem> = if text.trim_start().starts_with('[') {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Entry {
            Name(String),
            Item(TemplateItem),
        }
        let entries: Vec<Entry> =
            serde_json::from_str(text).map_err(|e| Msg::new("template.not_json").with("e", e))?;
        entries
            .into_iter()
            .map(|e| match e {
                Entry::Name(name) => TemplateItem { name, notes: None },
                Entry::Item(i) => i,
            })
            .collect()
    } else {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| TemplateItem {
                name: l.to_owned(),
                notes: None,
            })
            .collect()
    };
    let mut out: Vec<TemplateItem> = Vec::with_capacity(items.len());
    for (i, mut item) in items.into_iter().enumerate() {
        item.name = item.name.trim().to_owned();
        if item.name.is_empty() {
            return Err(Msg::new("template.item_no_name").with("n", i + 1));
        }
        if out.iter().any(|o| o.name.eq_ignore_ascii_case(&item.name)) {
            return Err(Msg::new("template.item_twice")
                .with("n", i + 1)
                .with("name", &item.name));
        }
        out.push(item);
    }
    if out.is_empty() {
        return Err(Msg::new("template.no_items"));
    }
    Ok(out)
}

/// The items as the JSON text the store keeps.
pub fn items_json(items: &[TemplateItem]) -> Result<String, String> {
    serde_json::to_string(items).map_err(|e| format!("the items cannot be stored: {e}"))
}

/// Adds the template's items to the situation's `documents` as own items,
/// skipping those already there (same name, ignoring case): applying a
/// template twice changes nothing. Returns how many were added.
pub fn apply(raw: &mut RawSituation, items: &[TemplateItem]) -> usize {
    let Ok(mut value) = serde_json::to_value(&*raw) else {
        return 0;
    };
    let added = apply_json(&mut value, items);
    if let Ok(r) = serde_json::from_value(value) {
        *raw = r;
    }
    added
}

/// [`apply`] on a situation as typed (JSON that may hold answers the core
/// does not accept, such as a case's draft): the items go into its
/// `documents` list (made when missing).
pub fn apply_json(situation: &mut serde_json::Value, items: &[TemplateItem]) -> usize {
    let Some(obj) = situation.as_object_mut() else {
        return 0;
    };
    let docs = obj
        .entry("documents")
        .or_insert_with(|| serde_json::Value::Array(vec![]));
    if !docs.is_array() {
        *docs = serde_json::Value::Array(vec![]);
    }
    let Some(list) = docs.as_array_mut() else {
        return 0;
    };
    let mut added = 0;
    for item in items {
        let present = list.iter().any(|d| {
            d.get("own").and_then(serde_json::Value::as_bool) == Some(true)
                && d.get("name")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(&item.name))
        });
        if present {
            continue;
        }
        let doc = DocumentState {
            id: None,
            own: true,
            name: Some(item.name.clone()),
            language: None,
            gathered: false,
            translation: Default::default(),
            notes: item.notes.clone(),
        };
        if let Ok(v) = serde_json::to_value(doc) {
            list.push(v);
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use permit_core::Situation;

    #[test]
    fn json_and_lines_and_idempotent_apply() {
        let a = parse_items(r#"["Lease", {"name": "NDA", "notes": "HR signs"}]"#).unwrap();
        assert_eq!(a[1].notes.as_deref(), Some("HR signs"));
        let b = parse_items("# agency\nLease\n\n NDA \n").unwrap();
        assert_eq!(b.len(), 2);
        let twice = parse_items("Lease\nlease").unwrap_err();
        assert_eq!(
            twice.render(permit_core::Lang::En),
            "item 2: “lease” is listed twice"
        );
        assert_eq!(
            twice.render(permit_core::Lang::Da),
            "punkt 2: “lease” står der to gange"
        );
        assert_eq!(parse_items("").unwrap_err().key(), "template.no_items");
        assert_eq!(
            parse_items("[{\"nam\": 1}]").unwrap_err().key(),
            "template.not_json"
        );

        let mut raw = RawSituation::default();
        assert_eq!(apply(&mut raw, &a), 2);
        assert_eq!(apply(&mut raw, &b), 0);
        let s = Situation::check(raw).expect("own items with names are valid");
        assert!(s.documents.iter().all(|d| d.own));
    }
}
