//! The message catalogue: every text the engine writes to a person, one file
//! per language (`assets/messages/en.json`, `assets/messages/da.json`), each
//! message under a key with named parameters (`{limit}`), so that the Danish
//! can be reviewed — and a language added — without reading Rust. A test
//! checks that every message exists in every language with the same
//! parameters, and that every key the engine uses exists.

use std::collections::HashMap;
use std::fmt::{Display, Write as _};
use std::sync::OnceLock;

use crate::plan::Lang;

/// The English catalogue, as shipped.
pub const EN: &str = include_str!("../../../assets/messages/en.json");
/// The Danish catalogue, as shipped.
pub const DA: &str = include_str!("../../../assets/messages/da.json");

struct Catalogue {
    en: HashMap<String, String>,
    da: HashMap<String, String>,
}

fn catalogue() -> &'static Catalogue {
    static C: OnceLock<Catalogue> = OnceLock::new();
    C.get_or_init(|| Catalogue {
        // The shipped files are checked by the tests; a damaged one gives
        // keys instead of texts, never a panic.
        en: serde_json::from_str(EN).unwrap_or_default(),
        da: serde_json::from_str(DA).unwrap_or_default(),
    })
}

/// The message `key` in `lang` with its `{name}` parameters filled in from
/// `args`. An unknown key gives the key itself (the tests forbid it).
pub fn text(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let c = catalogue();
    let table = match lang {
        Lang::En => &c.en,
        Lang::Da => &c.da,
    };
    let Some(template) = table.get(key) else {
        return key.to_owned();
    };
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => {
                        let _ = write!(out, "{v}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `key` is a message in every language.
pub fn has(key: &str) -> bool {
    let c = catalogue();
    c.en.contains_key(key) && c.da.contains_key(key)
}

/// The parameters a template names, in order of first use.
pub fn parameters(template: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = after[..close].to_owned();
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_in_every_language_with_the_same_parameters() {
        let en: HashMap<String, String> = serde_json::from_str(EN).unwrap();
        let da: HashMap<String, String> = serde_json::from_str(DA).unwrap();
        assert!(en.len() > 150, "{}", en.len());
        let mut keys: Vec<&String> = en.keys().chain(da.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let (Some(e), Some(d)) = (en.get(k), da.get(k)) else {
                panic!("`{k}` is missing in one language");
            };
            let (mut pe, mut pd) = (parameters(e), parameters(d));
            pe.sort();
            pd.sort();
            assert_eq!(
                pe, pd,
                "`{k}`: parameters differ between English and Danish"
            );
            assert!(
                !e.trim().is_empty() && !d.trim().is_empty(),
                "`{k}` is empty"
            );
        }
    }

    #[test]
    fn every_salary_component_has_a_name_in_every_language() {
        for kind in crate::situation::ComponentKind::ALL {
            for lang in [Lang::En, Lang::Da] {
                let key = format!("component.{}", kind.id());
                assert_ne!(
                    text(lang, &key, &[]),
                    key,
                    "{kind:?} has no name in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn parameters_are_filled_in() {
        let limit = 180;
        let got = text(
            Lang::En,
            "bank.stay_days_less_than",
            &[("n", &59), ("limit", &limit), ("convention", &"C6")],
        );
        assert!(
            got.starts_with("Your stay is 59 days, less than 180"),
            "{got}"
        );
        assert_eq!(text(Lang::En, "no.such.key", &[]), "no.such.key");
    }

    #[test]
    fn every_key_the_engine_uses_exists() {
        let en: HashMap<String, String> = serde_json::from_str(EN).unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
        let mut used = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let src = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for part in src.split("tr!(").skip(1) {
                let Some(start) = part.find('"') else {
                    continue;
                };
                let rest = &part[start + 1..];
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                if key.contains('.') && !key.contains(' ') {
                    assert!(
                        en.contains_key(key),
                        "the engine uses `{key}`, which the catalogue lacks"
                    );
                    used += 1;
                }
            }
        }
        assert!(used > 150, "{used}");
    }
}
