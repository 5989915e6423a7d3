//! The message catalogue: every text the engine writes to a person, one file
//! per language (`assets/messages/en.json`, `assets/messages/da.json`), each
//! message under a key with named parameters (`{limit}`), so that the Danish
//! can be reviewed — and a language added — without reading Rust. A test
//! checks that every message exists in every language with the same
//! parameters, and that every key the engine uses exists.

use std::collections::HashMap;
use std::fmt::{self, Display, Write as _};
use std::sync::OnceLock;

use crate::plan::Lang;

/// The English catalogue, as shipped.
pub const EN: &str = include_str!("../../../assets/messages/en.json");
/// The Danish catalogue, as shipped.
pub const DA: &str = include_str!("../../../assets/messages/da.json");
/// The labels of the enumerated answers (`"scheme.pay_limit": "Pay Limit
/// scheme"`), by language: the one list the UI shows and the engine's
/// messages and the CSV import use.
pub const OPTIONS: &str = include_str!("../../../assets/messages/options.json");

/// A language's messages by key (FNV: the keys are the catalogue's own,
/// and a plan looks up a few hundred).
type Table = HashMap<String, String, crate::rules::IdHash>;

/// A message split once into its literal text and `{name}` parameters
/// (byte ranges of `text`), so that writing it searches nothing.
struct Compiled {
    text: String,
    pieces: Vec<Piece>,
}

#[derive(Clone, Copy)]
enum Piece {
    /// Literal text.
    Lit(usize, usize),
    /// A parameter's name (between the braces).
    Arg(usize, usize),
}

impl Compiled {
    fn of(text: &str) -> Compiled {
        let mut pieces = Vec::new();
        let mut at = 0;
        while let Some(open) = text[at..].find('{').map(|o| at + o) {
            match text[open + 1..].find('}').map(|c| open + 1 + c) {
                Some(close) => {
                    if open > at {
                        pieces.push(Piece::Lit(at, open));
                    }
                    pieces.push(Piece::Arg(open + 1, close));
                    at = close + 1;
                }
                None => break,
            }
        }
        if at < text.len() {
            pieces.push(Piece::Lit(at, text.len()));
        }
        Compiled {
            text: text.to_owned(),
            pieces,
        }
    }
}

fn compile(table: &Table) -> HashMap<String, Compiled, crate::rules::IdHash> {
    table
        .iter()
        .map(|(k, v)| (k.clone(), Compiled::of(v)))
        .collect()
}

struct Catalogue {
    en: Table,
    da: Table,
    /// `en` and `da`, compiled.
    compiled: [HashMap<String, Compiled, crate::rules::IdHash>; 2],
    options: Options,
}

#[derive(Default, serde::Deserialize)]
struct Options {
    en: HashMap<String, String>,
    da: HashMap<String, String>,
}

fn catalogue() -> &'static Catalogue {
    static C: OnceLock<Catalogue> = OnceLock::new();
    C.get_or_init(|| {
        // The shipped files are checked by the tests; a damaged one gives
        // keys instead of texts, never a panic.
        let en: Table = serde_json::from_str(EN).unwrap_or_default();
        let da: Table = serde_json::from_str(DA).unwrap_or_default();
        Catalogue {
            compiled: [compile(&en), compile(&da)],
            en,
            da,
            options: serde_json::from_str(OPTIONS).unwrap_or_default(),
        }
    })
}

/// The label of the value `value` of the enumerated answer `group` (as
/// the UI shows it: `option_label(Lang::Da, "scheme", "pay_limit")` is
/// "Beløbsordningen"); the value itself when the list has no label.
pub fn option_label(lang: Lang, group: &str, value: &str) -> String {
    let o = &catalogue().options;
    let table = match lang {
        Lang::En => &o.en,
        Lang::Da => &o.da,
    };
    table
        .get(&format!("{group}.{value}"))
        .cloned()
        .unwrap_or_else(|| value.to_owned())
}

/// Which of `values` (the ids of the enumerated answer `group`) the text
/// names: the id, or its label in English or Danish, ignoring case,
/// accents, spaces and punctuation (`Beløbsordningen`, `beloebsordningen`,
/// `Pay Limit scheme`, `pay-limit`).
pub fn option_value<'a>(group: &str, values: &[&'a str], text: &str) -> Option<&'a str> {
    let wanted = fold(text);
    if wanted.is_empty() {
        return None;
    }
    values.iter().copied().find(|v| {
        fold(v) == wanted
            || [Lang::En, Lang::Da]
                .iter()
                .any(|&l| fold(&option_label(l, group, v)) == wanted)
    })
}

/// Lower case, letters and digits only, accents off (`ø` and `oe` alike).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        match ch {
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'ü' => out.push_str("ue"),
            'é' | 'è' | 'ê' => out.push('e'),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The message `key` in `lang` with its `{name}` parameters filled in from
/// `args`. An unknown key gives the key itself (the tests forbid it).
pub fn text(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let c = catalogue();
    let table = match lang {
        Lang::En => &c.compiled[0],
        Lang::Da => &c.compiled[1],
    };
    write(table.get(key), key, args)
}

/// A message key named in the engine's source (the engine's `tr!` makes one
/// per use), its compiled texts looked up the first time it is written: a
/// plan writes ~120 messages, and looking each up again cost a tenth of the
/// plan. Writes what [`text`] writes.
pub(crate) struct Key {
    key: &'static str,
    compiled: OnceLock<[Option<&'static Compiled>; 2]>,
}

impl Key {
    /// The key `key`, not yet looked up.
    pub(crate) const fn new(key: &'static str) -> Key {
        Key {
            key,
            compiled: OnceLock::new(),
        }
    }

    /// [`text`] of this key.
    pub(crate) fn text(&self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        let [en, da] = *self.compiled.get_or_init(|| {
            let c = catalogue();
            [c.compiled[0].get(self.key), c.compiled[1].get(self.key)]
        });
        let m = match lang {
            Lang::En => en,
            Lang::Da => da,
        };
        write(m, self.key, args)
    }
}

/// The message `m` (of key `key`; the key itself where there is no
/// message) with its parameters filled in from `args`.
fn write(m: Option<&Compiled>, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let Some(m) = m else {
        return key.to_owned();
    };
    let mut out = String::with_capacity(m.text.len() + 32);
    for piece in &m.pieces {
        match *piece {
            Piece::Lit(a, b) => out.push_str(&m.text[a..b]),
            Piece::Arg(a, b) => {
                let name = &m.text[a..b];
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
            }
        }
    }
    out
}

/// A text to write later in the reader's language: a catalogue key and
/// its parameters. Input errors carry one, so that the front end shows
/// them in the user's language; `Display` writes the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A parameter of a [`Msg`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Written as given (the input quoted, a number, a limit).
    Text(String),
    /// Another message, in the same language.
    Msg(Box<Msg>),
    /// A date, as people write it in the language.
    Date(chrono::NaiveDate),
    /// An amount of money.
    Money(rust_decimal::Decimal),
    /// The labels of the values of the enumerated answer `group` (as
    /// [`option_label`]), each quoted, joined.
    Options(&'static str, Vec<&'static str>),
}

impl Msg {
    /// The message `key` with no parameters yet.
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the parameter `name` written as given.
    pub fn with(mut self, name: &'static str, value: impl Display) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds the parameter `name`.
    pub fn arg(mut self, name: &'static str, value: Arg) -> Msg {
        self.args.push((name, value));
        self
    }

    /// The catalogue key.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(n, a)| {
                let v = match a {
                    Arg::Text(t) => t.clone(),
                    Arg::Msg(m) => m.render(lang),
                    Arg::Date(d) => crate::format::date(lang, *d),
                    Arg::Money(m) => crate::format::money(lang, *m),
                    Arg::Options(group, values) => values
                        .iter()
                        .map(|v| format!("“{}”", option_label(lang, group, v)))
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                (*n, v)
            })
            .collect();
        let dyn_args: Vec<(&str, &dyn Display)> =
            args.iter().map(|(n, v)| (*n, v as &dyn Display)).collect();
        text(lang, self.key, &dyn_args)
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// The title of the official page `page` in `lang` (`page.title.{id}` in
/// the catalogue), shared; `None` where the catalogue has none (a page
/// added by a rules update: its title in the rules data is used).
pub fn page_title(lang: Lang, page: &str) -> Option<crate::plan::SharedStr> {
    static TITLES: OnceLock<[HashMap<String, crate::plan::SharedStr>; 2]> = OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        let c = catalogue();
        let of = |table: &Table| {
            table
                .iter()
                .filter_map(|(k, v)| {
                    k.strip_prefix("page.title.")
                        .map(|id| (id.to_owned(), v.as_str().into()))
                })
                .collect()
        };
        [of(&c.en), of(&c.da)]
    });
    let table = match lang {
        Lang::En => &titles[0],
        Lang::Da => &titles[1],
    };
    table.get(page).cloned()
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

    /// The compiled message writes what the searching writer wrote: every
    /// literal, each parameter given, an unknown one kept as `{name}`, an
    /// unclosed brace as text.
    #[test]
    fn a_compiled_message_keeps_text_parameters_and_stray_braces() {
        let write = |t: &str| {
            let m = Compiled::of(t);
            let mut out = String::new();
            for p in &m.pieces {
                match *p {
                    Piece::Lit(a, b) => out.push_str(&m.text[a..b]),
                    Piece::Arg(a, b) => match &m.text[a..b] {
                        "x" => out.push('X'),
                        other => out.push_str(&format!("{{{other}}}")),
                    },
                }
            }
            out
        };
        assert_eq!(write("{x} and {x}."), "X and X.");
        assert_eq!(write("a {y} b"), "a {y} b");
        assert_eq!(write("open { no close"), "open { no close");
        assert_eq!(write("{x}{x}"), "XX");
        assert_eq!(write(""), "");
        assert_eq!(write("{}"), "{}");
    }

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

    /// "6 months", "14 days", "3 days before": a count of days, weeks,
    /// months or years in a text comes from the rules or `policy` as a
    /// parameter, never written into the text (1, the singular forms, aside).
    #[test]
    fn no_text_writes_a_number_of_days_or_months_itself() {
        // The conventions' worked examples illustrate the arithmetic.
        const EXAMPLES: [&str; 3] = [
            "convention.months_before",
            "convention.stay_length",
            "convention.employment_years",
        ];
        let units = [
            "day", "days", "week", "weeks", "month", "months", "year", "years", "dag", "dage",
            "uge", "uger", "måned", "måneder", "år",
        ];
        for (lang, json) in [("en", EN), ("da", DA)] {
            let table: HashMap<String, String> = serde_json::from_str(json).unwrap();
            for (key, text) in &table {
                if EXAMPLES.contains(&key.as_str()) {
                    continue;
                }
                let words: Vec<&str> = text
                    .split(|c: char| c.is_whitespace() || c == '(' || c == ',')
                    .collect();
                for pair in words.windows(2) {
                    let number = pair[0].parse::<u32>().is_ok_and(|n| n != 1);
                    let unit = units.contains(&pair[1].trim_end_matches(['.', ',', ';', ')']));
                    assert!(
                        !(number && unit),
                        "{lang} `{key}` writes “{} {}”: make the number a parameter",
                        pair[0],
                        pair[1]
                    );
                }
            }
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
    fn enumerated_answers_are_read_by_id_or_label_in_either_language() {
        let schemes = ["researcher", "pay_limit", "supplementary_pay_limit"];
        for text in [
            "pay_limit",
            "Pay-Limit",
            "Beløbsordningen",
            "BELØBSORDNINGEN",
            "beloebsordningen",
            " Pay Limit scheme ",
        ] {
            assert_eq!(
                option_value("scheme", &schemes, text),
                Some("pay_limit"),
                "{text}"
            );
        }
        assert_eq!(
            option_value("scheme", &schemes, "Den supplerende beløbsordning"),
            Some("supplementary_pay_limit")
        );
        // One letter off is no label; an empty text names nothing.
        assert_eq!(option_value("scheme", &schemes, "Beløbsordninge"), None);
        assert_eq!(option_value("scheme", &schemes, " - "), None);
        assert_eq!(
            option_label(Lang::Da, "scheme", "pay_limit"),
            "Beløbsordningen"
        );
        assert_eq!(
            option_label(Lang::En, "scheme", "pay_limit"),
            "Pay Limit scheme"
        );
    }

    #[test]
    fn every_option_has_a_label_in_every_language() {
        let o: Options = serde_json::from_str(OPTIONS).unwrap();
        assert!(o.en.len() > 50, "{}", o.en.len());
        let mut en: Vec<&String> = o.en.keys().collect();
        let mut da: Vec<&String> = o.da.keys().collect();
        en.sort();
        da.sort();
        assert_eq!(en, da);
    }

    #[test]
    fn every_page_has_a_title_in_every_language_and_the_english_is_the_rules_data() {
        let rules = crate::rules::RuleSet::embedded();
        assert!(rules.pages.len() >= 5);
        for (id, p) in &rules.pages {
            assert_eq!(
                page_title(Lang::En, id).as_deref(),
                Some(p.title.as_str()),
                "page {id}"
            );
            let da = page_title(Lang::Da, id).unwrap();
            assert_ne!(&*da, p.title.as_str(), "page {id} has no Danish title");
        }
        assert!(page_title(Lang::Da, "999").is_none());
    }

    /// A key looked up once writes what a key looked up each time writes,
    /// in each language, again and again; an unknown key gives the key.
    #[test]
    fn a_key_looked_up_once_writes_what_text_writes() {
        static KEY: Key = Key::new("bank.stay_days_less_than");
        static NONE: Key = Key::new("no.such.key");
        let args: [(&str, &dyn Display); 3] = [("n", &59), ("limit", &180), ("convention", &"C6")];
        for _ in 0..2 {
            for lang in [Lang::En, Lang::Da] {
                let once = KEY.text(lang, &args);
                assert_eq!(once, text(lang, "bank.stay_days_less_than", &args));
                assert!(once.contains("59") && once.contains("180"), "{once}");
                assert_eq!(NONE.text(lang, &[]), "no.such.key");
            }
        }
        assert_ne!(KEY.text(Lang::En, &args), KEY.text(Lang::Da, &args));
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
