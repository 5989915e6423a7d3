//! No user text outside the message catalogue: every string literal in the
//! Rust sources (`src-tauri/`, `crates/*/src/`, test modules left out) and
//! the UI's TypeScript (`ui/src/`, generated bindings left out) that reads
//! like words for people — a capitalised word or a sentence ending among
//! several words, any non-ASCII letter (Danish), and in TypeScript a single
//! capitalised word — must be listed, with the reason it is not user text,
//! in `tests/fixtures/user-text-allowlist.txt`. Everything people read lives
//! in `assets/messages/*.json` in English and Danish.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const ALLOWLIST: &str = "tests/fixtures/user-text-allowlist.txt";

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Rust,
    TypeScript,
}

/// The string literals of `src` with their line numbers, as written between
/// the quotes (escapes kept); comments skipped. Template literals give their
/// text with each `${…}` as a space.
fn literals(src: &str, lang: Lang) -> Vec<(usize, String)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // The last character of code seen, to tell a TypeScript regular
    // expression (`/[\\/"]+/g` after `(`, `=`, `,` …) from a division.
    let mut prev = '\n';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if !c.is_whitespace() && c != '/' {
            prev = c;
        }
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            '/' if lang == Lang::TypeScript && "(,=:[!&|?{};+-*%<>~^\n".contains(prev) => {
                let mut class = false;
                i += 1;
                while i < chars.len() && chars[i] != '\n' {
                    match chars[i] {
                        '\\' => i += 1,
                        '[' => class = true,
                        ']' => class = false,
                        '/' if !class => break,
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                prev = 'x';
            }
            '\'' if lang == Lang::Rust => {
                // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
                if next == Some('\\') {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            '"' | '\'' | '`' => {
                let quote = c;
                let start_line = line;
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != quote {
                    match chars[i] {
                        '\\' => {
                            text.push('\\');
                            if let Some(&e) = chars.get(i + 1) {
                                text.push(e);
                                if e == '\n' {
                                    line += 1;
                                }
                            }
                            i += 2;
                            continue;
                        }
                        '$' if quote == '`' && chars.get(i + 1) == Some(&'{') => {
                            let mut depth = 0;
                            while i < chars.len() {
                                match chars[i] {
                                    '{' => depth += 1,
                                    '}' => {
                                        depth -= 1;
                                        if depth == 0 {
                                            break;
                                        }
                                    }
                                    '\n' => line += 1,
                                    _ => {}
                                }
                                i += 1;
                            }
                            text.push(' ');
                        }
                        '\n' => {
                            line += 1;
                            text.push('\n');
                        }
                        ch => text.push(ch),
                    }
                    i += 1;
                }
                i += 1;
                prev = quote;
                out.push((start_line, text));
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a literal reads like words for people.
fn looks_like_user_text(text: &str, lang: Lang) -> bool {
    let t = text.trim();
    if t.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let capitalised = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 3
            && w.starts_with(|c: char| c.is_uppercase())
            && letters[1..].iter().all(|c| c.is_lowercase())
    };
    let sentence = t.ends_with(['.', '?', '!', ':'])
        && t.chars().rev().nth(1).is_some_and(char::is_alphabetic);
    match words.len() {
        0 => false,
        1 => lang == Lang::TypeScript && capitalised(t),
        _ => words.iter().any(|w| capitalised(w)) || sentence,
    }
}

/// The command line's handlers, whose every line is for people (their
/// English lower-case sentences, `wrote {} ({} bytes)`, slip past
/// [`looks_like_user_text`]): in these files any literal of two or more
/// words counts as user text.
const STRICT: &[&str] = &[
    "src-tauri/cli_team.rs",
    "src-tauri/cli_rules.rs",
    "src-tauri/cli_audit.rs",
    "src-tauri/cli_key.rs",
];

/// Whether a literal of a [`STRICT`] file holds words: two or more of
/// two or more letters each (`{name}` placeholders are not words).
fn has_words(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| !w.starts_with('{') && w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
        >= 2
}

fn sources(dir: &Path, ext: &str, skip: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if !skip.contains(&name.as_str()) {
                sources(&path, ext, skip, out);
            }
        } else if name.ends_with(ext) && name != "tests.rs" {
            // A `tests.rs` file is a test module (`#[cfg(test)] mod tests;`):
            // not shipped text, as a test module at the end of a file.
            out.push(path);
        }
    }
}

/// Every literal that reads like user text: (path, line, literal).
fn user_text_literals(root: &Path) -> Vec<(String, usize, String)> {
    let mut files = Vec::new();
    sources(&root.join("src-tauri"), ".rs", &[], &mut files);
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        sources(&entry.unwrap().path().join("src"), ".rs", &[], &mut files);
    }
    sources(&root.join("ui/src"), ".ts", &["bindings"], &mut files);
    files.sort();
    let mut hits = Vec::new();
    for file in &files {
        let lang = if file.extension().is_some_and(|e| e == "rs") {
            Lang::Rust
        } else {
            Lang::TypeScript
        };
        let mut src = std::fs::read_to_string(file).unwrap();
        if lang == Lang::Rust {
            // Test modules (at the end of a file) are not shipped text.
            if let Some(at) = src.find("#[cfg(test)]") {
                src.truncate(at);
            }
        }
        let lines: Vec<&str> = src.lines().collect();
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .to_string();
        for (line, text) in literals(&src, lang) {
            let code = lines.get(line - 1).map_or("", |l| l.trim());
            // Attributes (#[error], #[serde]) and messages of a broken
            // invariant (expect, panic, assert) are for developers.
            let for_developers = lang == Lang::Rust
                && (code.starts_with("#[")
                    || [
                        "expect(",
                        "panic!",
                        "unreachable!",
                        "assert",
                        "debug_assert",
                    ]
                    .iter()
                    .any(|m| code.contains(m)));
            let strict = STRICT.iter().any(|f| rel.replace('\\', "/") == *f);
            if !for_developers
                && (looks_like_user_text(&text, lang) || (strict && has_words(&text)))
            {
                hits.push((rel.clone(), line, text));
            }
        }
    }
    hits
}

/// A literal as the allow-list writes it: every run of whitespace (and
/// each written `\n` with the indentation after it) as one space.
fn squash(text: &str) -> String {
    text.replace("\\n", " ")
        .replace("\\\n", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The allow-list: (path, literal, reason) per line, tab-separated;
/// `#` starts a comment line. A literal matches as written (whitespace
/// squashed) or, for a long one, by its first 12 or more characters.
fn allowlist(root: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(root.join(ALLOWLIST)).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let parts: Vec<&str> = l.split('\t').collect();
            assert!(
                parts.len() == 3 && !parts[2].trim().is_empty(),
                "{ALLOWLIST}:{}: expected `path<TAB>literal<TAB>reason`",
                n + 1
            );
            (parts[0].into(), parts[1].into(), parts[2].into())
        })
        .collect()
}

fn check(root: &Path) -> Result<(), String> {
    let allowed = allowlist(root);
    let hits = user_text_literals(root);
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for (path, line, text) in &hits {
        let shown = squash(text);
        match allowed
            .iter()
            .position(|(p, t, _)| {
                // `*`: every literal of the file (its reason says why).
                p == path && (t == "*" || shown == *t || (t.len() >= 12 && shown.starts_with(t.as_str())))
            })
        {
            Some(i) => {
                used.insert(i);
            }
            None => problems.push(format!(
                "{path}:{line}: user text outside the catalogue: {text:?} — move it to \
                 assets/messages/*.json, or list it in {ALLOWLIST} with the reason it is not user text"
            )),
        }
    }
    for (i, (path, text, _)) in allowed.iter().enumerate() {
        if !used.contains(&i) {
            problems.push(format!(
                "{ALLOWLIST}: {path} no longer has {text:?}: remove the entry"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn no_user_text_outside_the_message_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    check(root).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_user_text_check_finds_a_planted_sentence() {
    let rust = "fn f() -> String {\n    // \"Not this: a comment.\"\n    let c = '\"';\n    \
                format!(\"Your permit expires soon\")\n}\n#[cfg(test)]\nmod t { const X: &str = \"Hidden in tests.\"; }\n";
    let found: Vec<_> = literals(rust, Lang::Rust)
        .into_iter()
        .filter(|(_, t)| looks_like_user_text(t, Lang::Rust))
        .collect();
    assert_eq!(
        found,
        vec![
            (4, "Your permit expires soon".to_string()),
            (7, "Hidden in tests.".to_string())
        ]
    );
    let ts = "const a = \"btn btn-link\"; const b = t(\"plan.fee\");\n\
              const r = x.replace(/[\\\\/:*?\"<>|]+/g, \" \"); const q = a / 2 / 3;\n\
              const c = `Wait until ${date}`; const d = 'Gebyr'; const e = \"ægtefælle\";\n";
    let found: Vec<String> = literals(ts, Lang::TypeScript)
        .into_iter()
        .filter(|(_, t)| looks_like_user_text(t, Lang::TypeScript))
        .map(|(_, t)| t)
        .collect();
    assert_eq!(found, vec!["Wait until  ", "Gebyr", "ægtefælle"]);
    // In the command line's handlers, lower-case words count too; a
    // catalogue key, a layout and a placeholder do not.
    assert!(has_words("wrote {} ({} bytes)\\n"));
    assert!(has_words("{} member(s) added"));
    assert!(!has_words("cli.team.list_count"));
    assert!(!has_words("{:<24} {:<24} {:<8} {}"));
    assert!(!has_words("{file} {n}"));
    // A tree with one planted sentence fails the check, naming it.
    let dir = std::env::temp_dir().join(format!("pp-user-text-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["src-tauri", "crates/demo/src", "ui/src", "tests/fixtures"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(
        dir.join(ALLOWLIST),
        "src-tauri/a.rs\tPermit Packet\tthe product's name\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src-tauri/a.rs"),
        "const NAME: &str = \"Permit Packet\";\n",
    )
    .unwrap();
    assert_eq!(check(&dir), Ok(()));
    // A lower-case English line in a command handler is named; the same
    // line elsewhere is not (the heuristic alone lets it pass).
    std::fs::write(
        dir.join("src-tauri/cli_team.rs"),
        "fn f(n: usize) -> String { format!(\"{n} member(s) removed\") }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src-tauri/b.rs"),
        "fn f(n: usize) -> String { format!(\"{n} member(s) removed\") }\n",
    )
    .unwrap();
    let err = check(&dir).unwrap_err();
    assert!(
        err.contains("src-tauri/cli_team.rs:1: user text outside the catalogue")
            && !err.contains("src-tauri/b.rs"),
        "{err}"
    );
    std::fs::remove_file(dir.join("src-tauri/cli_team.rs")).unwrap();
    std::fs::write(
        dir.join("crates/demo/src/lib.rs"),
        "pub fn title() -> &'static str { \"Permit checklist\" }\n",
    )
    .unwrap();
    let err = check(&dir).unwrap_err();
    assert!(
        err.contains(
            "crates/demo/src/lib.rs:1: user text outside the catalogue: \"Permit checklist\""
        ),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
