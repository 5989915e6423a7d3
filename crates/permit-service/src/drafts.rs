//! Drafts: the answers of a case as the user typed them when some are not
//! accepted. The accepted part is planned and stored as the situation; the
//! whole, as typed, is kept in the case's own draft column, carried by every
//! re-plan, template, import and case file, and returned with the field
//! errors wherever the case is shown.

use crate::prelude::*;

/// A situation as typed, read: the accepted part, and the draft when some
/// answers are not accepted (their errors in `lang`). Refused as a whole
/// only when no answer can be left out to make it readable.
pub fn read(typed: &serde_json::Value, lang: Lang) -> AppResult<(Situation, Option<Draft>)> {
    match parse_situation(&typed.to_string()) {
        Ok(s) => Ok((s, None)),
        Err(e) if e.kind == ErrorKind::InvalidInput => match accepted_part(typed, &e.fields) {
            Some((s, errors)) => Ok((
                s,
                Some(Draft {
                    situation: typed.clone(),
                    errors: localized(errors, lang),
                }),
            )),
            None => Err(e.for_view(lang)),
        },
        Err(e) => Err(e),
    }
}

/// The stored draft (its JSON text), with its field errors in `lang`;
/// `None` when there is none or it is no longer a draft.
pub fn stored(draft_json: Option<&str>, lang: Lang) -> Option<Draft> {
    let typed: serde_json::Value = serde_json::from_str(draft_json?).ok()?;
    read(&typed, lang).ok()?.1
}

/// A draft's JSON text for the store.
pub fn to_json(draft: Option<&Draft>) -> Option<String> {
    draft.map(|d| d.situation.to_string())
}

/// `errors` with their messages in `lang` (the core writes English).
pub(crate) fn localized(mut errors: Vec<FieldError>, lang: Lang) -> Vec<FieldError> {
    for e in &mut errors {
        e.localize(lang);
    }
    errors
}

/// The situation with the answers `errors` name left out (null), parsed; a
/// few rounds, since leaving one out can show another (a check across
/// fields). `None` when an error names no answer that can be left out.
fn accepted_part(
    situation: &serde_json::Value,
    errors: &[FieldError],
) -> Option<(Situation, Vec<FieldError>)> {
    let mut v = situation.clone();
    let mut errors = errors.to_vec();
    // Every answer not accepted, each field once: the reading stops at the
    // first answer it cannot read, so one round shows one; a field left out
    // reads as missing next round, and its first reason is the user's.
    let mut all: Vec<FieldError> = Vec::new();
    for _ in 0..16 {
        for e in &errors {
            if !null_at(&mut v, &e.field) {
                return None;
            }
            if !all.iter().any(|a| a.field == e.field) {
                all.push(e.clone());
            }
        }
        match Situation::from_json(&v.to_string(), "situation") {
            Ok(s) => return Some((s, all)),
            Err(e) => errors = e.errors,
        }
    }
    None
}

/// Leaves out the answer at `path` (`salary.components[0].amount`): set
/// to null, or, when it is null already (a row's required answer), its row
/// removed from the list; false when the path names no answer.
fn null_at(v: &mut serde_json::Value, path: &str) -> bool {
    let mut keys: Vec<Result<&str, usize>> = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if name.is_empty() {
            return false;
        }
        keys.push(Ok(name));
        for idx in rest.split('[').filter(|i| !i.is_empty()) {
            match idx.trim_end_matches(']').parse::<usize>() {
                Ok(i) => keys.push(Err(i)),
                Err(_) => return false,
            }
        }
    }
    leave_out(v, &keys)
}

fn leave_out(v: &mut serde_json::Value, keys: &[Result<&str, usize>]) -> bool {
    let Some((last, init)) = keys.split_last() else {
        return false;
    };
    let mut cur = &mut *v;
    for k in init {
        let next = match k {
            Ok(name) => cur.get_mut(*name),
            Err(i) => cur.get_mut(*i),
        };
        match next {
            Some(n) => cur = n,
            None => return false,
        }
    }
    match last {
        Ok(name) => match cur.get_mut(*name) {
            Some(x) if !x.is_null() => {
                *x = serde_json::Value::Null;
                true
            }
            // Null already: leave out what holds it.
            _ => leave_out(v, init),
        },
        Err(i) => match cur.as_array_mut() {
            Some(list) if *i < list.len() => {
                list.remove(*i);
                true
            }
            _ => false,
        },
    }
}
