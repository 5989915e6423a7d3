//! Document languages: which codes and names are understood, and whether a
//! page accepts a language without a certified translation.

/// English names (and a few native names) of languages, with their ISO 639-1 code.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("german", "de"),
    ("deutsch", "de"),
    ("norwegian", "no"),
    ("norsk", "no"),
    ("swedish", "sv"),
    ("svenska", "sv"),
    ("danish", "da"),
    ("dansk", "da"),
    ("french", "fr"),
    ("spanish", "es"),
    ("portuguese", "pt"),
    ("italian", "it"),
    ("dutch", "nl"),
    ("polish", "pl"),
    ("chinese", "zh"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("hindi", "hi"),
    ("arabic", "ar"),
    ("russian", "ru"),
    ("ukrainian", "uk"),
    ("turkish", "tr"),
    ("vietnamese", "vi"),
    ("thai", "th"),
    ("persian", "fa"),
    ("urdu", "ur"),
    ("bengali", "bn"),
    ("tamil", "ta"),
    ("romanian", "ro"),
    ("greek", "el"),
    ("finnish", "fi"),
    ("icelandic", "is"),
    ("czech", "cs"),
    ("hungarian", "hu"),
    ("filipino", "tl"),
    ("tagalog", "tl"),
    ("indonesian", "id"),
    ("malay", "ms"),
    ("hebrew", "he"),
];

/// The ISO 639-1 code for a code or name (`de`, `DE`, `German`); Norwegian
/// Bokmål and Nynorsk (`nb`, `nn`) count as Norwegian (`no`). `None` when
/// the text is neither a two-letter code nor a known name.
pub fn language_code(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(match t.as_str() {
            "nb" | "nn" => "no".to_owned(),
            _ => t,
        });
    }
    NAMES
        .iter()
        .find(|(n, _)| *n == t)
        .map(|(_, c)| (*c).to_owned())
}

/// The English name of a code, for messages (the code itself when unknown).
pub fn language_name(code: &str) -> String {
    NAMES
        .iter()
        .find(|(n, c)| {
            *c == code
                && n.is_ascii()
                && !matches!(*n, "deutsch" | "norsk" | "svenska" | "dansk" | "tagalog")
        })
        .map(|(n, _)| {
            let mut s = n.to_string();
            s[..1].make_ascii_uppercase();
            s
        })
        .unwrap_or_else(|| code.to_owned())
}

/// Danish names of the languages in [`NAMES`] (lower case, as Danish writes them).
const NAMES_DA: &[(&str, &str)] = &[
    ("en", "engelsk"),
    ("de", "tysk"),
    ("no", "norsk"),
    ("sv", "svensk"),
    ("da", "dansk"),
    ("fr", "fransk"),
    ("es", "spansk"),
    ("pt", "portugisisk"),
    ("it", "italiensk"),
    ("nl", "nederlandsk"),
    ("pl", "polsk"),
    ("zh", "kinesisk"),
    ("ja", "japansk"),
    ("ko", "koreansk"),
    ("hi", "hindi"),
    ("ar", "arabisk"),
    ("ru", "russisk"),
    ("uk", "ukrainsk"),
    ("tr", "tyrkisk"),
    ("vi", "vietnamesisk"),
    ("th", "thai"),
    ("fa", "persisk"),
    ("ur", "urdu"),
    ("bn", "bengali"),
    ("ta", "tamil"),
    ("ro", "rumænsk"),
    ("el", "græsk"),
    ("fi", "finsk"),
    ("is", "islandsk"),
    ("cs", "tjekkisk"),
    ("hu", "ungarsk"),
    ("tl", "filippinsk"),
    ("id", "indonesisk"),
    ("ms", "malajisk"),
    ("he", "hebraisk"),
];

/// The name of a code in `lang`, for messages (English name when no Danish
/// one is known; the code itself when unknown).
pub fn language_name_in(code: &str, lang: crate::plan::Lang) -> String {
    match lang {
        crate::plan::Lang::En => language_name(code),
        crate::plan::Lang::Da => NAMES_DA
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| (*n).to_owned())
            .unwrap_or_else(|| language_name(code)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert_eq!(language_code("German").as_deref(), Some("de"));
        assert_eq!(language_code(" DE ").as_deref(), Some("de"));
        assert_eq!(language_code("nb").as_deref(), Some("no"));
        assert_eq!(language_code("Klingon"), None);
        assert_eq!(language_code("deu"), None);
        assert_eq!(language_name("de"), "German");
        assert_eq!(language_name("xx"), "xx");
        assert_eq!(language_name_in("de", crate::plan::Lang::Da), "tysk");
        assert_eq!(language_name_in("de", crate::plan::Lang::En), "German");
        assert_eq!(language_name_in("xx", crate::plan::Lang::Da), "xx");
        // Every language the app knows has a Danish name.
        for (_, code) in NAMES {
            assert!(
                NAMES_DA.iter().any(|(c, _)| c == code),
                "no Danish name for {code}"
            );
        }
    }
}
