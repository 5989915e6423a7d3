//! The `permit-packet` binary as a user runs it.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = crate::keyed(&mut Command::new(env!("CARGO_BIN_EXE_permit-packet")))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn plan_json_is_versioned() {
    let (code, out, _) = run(&[
        "plan",
        "examples/ar9-pay-limit.json",
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["plan_format"], 1);
    assert_eq!(v["forms"][0]["form"], "AR9");
}

#[test]
fn plan_text_and_explain() {
    let (code, out, _) = run(&[
        "plan",
        "examples/ar1-researcher-family.json",
        "--format",
        "text",
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("Your form is AR1. Your employer fills in its part first, then you."));
    // The next steps first, in the pages' order, each with its state.
    let steps = out.find("NEXT STEPS").unwrap();
    assert!(steps < out.find("Your form is AR1").unwrap());
    assert!(out.contains(" 2. [To do] Create the case order ID."));
    assert!(out.contains(" 3. [To do] Pay the fee of DKK 6,290.00"));
    assert!(out
        .contains("[After the submission] Have your biometric features recorded by 29 Jan 2027."));
    let (code, out, _) = run(&[
        "explain",
        "examples/ar1-researcher-family.json",
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("“You must have your biometric features recorded no later than 14 days after you submitted your application.”"));
    // Each page by its title, with its file to open.
    assert!(
        out.contains("— SIRI: residence permit for researchers (forms AR1/AR6) (003_fb3d10714cded9e1.txt), line "),
        "{out}"
    );
    let (code, out, _) = run(&[
        "plan",
        "examples/ar1-researcher-family.json",
        "--format",
        "text",
        "--lang",
        "da",
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("Dit skema er AR1"), "{out}");
}

/// The text output shows every statement of the information sections and
/// every form not offered, under its heading, in both languages.
#[test]
fn plan_text_shows_the_information_sections() {
    for (example, lang, headings) in [
        (
            "examples/ar1-researcher-family.json",
            "en",
            [
                "CONDITIONS TO CONFIRM",
                "BIOMETRICS: WHERE",
                "PROCESSING AND WAITING",
                "ONCE THE PERMIT IS GRANTED",
                "IF THE JOB ENDS",
                "FORMS CONSIDERED AND NOT OFFERED",
            ],
        ),
        (
            "examples/ar9-pay-limit.json",
            "da",
            [
                "BETINGELSER, DU SELV SKAL BEKRÆFTE",
                "BIOMETRI: HVOR",
                "SAGSBEHANDLING OG VENTETID",
                "NÅR TILLADELSEN ER GIVET",
                "HVIS JOBBET OPHØRER",
                "SKEMAER, DER ER OVERVEJET OG IKKE TILBUDT",
            ],
        ),
    ] {
        let args = |format: &'static str| {
            [
                "plan",
                example,
                "--format",
                format,
                "--lang",
                lang,
                "--today",
                "2026-11-23",
            ]
        };
        let (code, text, _) = run(&args("text"));
        assert_eq!(code, 0);
        let (code, json, _) = run(&args("json"));
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        for h in headings {
            assert!(text.contains(h), "{example} {lang}: {h} missing:\n{text}");
        }
        for section in [
            "conditions",
            "biometrics_location",
            "processing",
            "after_grant",
            "if_job_ends",
        ] {
            let notes = v[section].as_array().unwrap();
            assert!(!notes.is_empty(), "{example}: {section} empty");
            for n in notes {
                let m = n["message"].as_str().unwrap();
                assert!(text.contains(m), "{example} {lang}: {m} missing");
            }
        }
        for f in v["forms_not_offered"].as_array().unwrap() {
            let line = format!(
                "* {}: {}",
                f["form"].as_str().unwrap(),
                f["reason"].as_str().unwrap()
            );
            assert!(text.contains(&line), "{example} {lang}: {line} missing");
        }
    }
}

#[test]
fn plan_text_gives_both_readings_of_a_missing_answer_in_both_languages() {
    for (lang, declaration, bank) in [
        (
            "en",
            "with your self-support declaration: the permit can be valid from 28 Feb 2027 (1 month before your job start 31 Mar 2027); without a self-support declaration: the permit can be valid from 17 Mar 2027",
            "if your employment lasts longer than 180 days from your entry: open a Danish bank account no later than 18 Jun 2027 (90 days after 20 Mar 2027)",
        ),
        (
            "da",
            "med din erklæring om forsørgelse: tilladelsen kan gælde fra 28. feb. 2027",
            "hvis din ansættelse varer mere end 180 dage fra din indrejse: opret en dansk bankkonto senest 18. jun. 2027 (90 dage efter 20. mar. 2027)",
        ),
    ] {
        let (code, out, _) = run(&[
            "plan",
            "examples/ar1-researcher-open-ended.json",
            "--format",
            "text",
            "--lang",
            lang,
            "--today",
            "2026-11-23",
        ]);
        assert_eq!(code, 0);
        assert!(out.contains(declaration), "{out}");
        assert!(out.contains(bank), "{out}");
    }
}

#[test]
fn bad_input_names_file_line_column_and_field() {
    let (code, out, err) = run(&["plan", "examples/invalid.json"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("examples/invalid.json:5:"), "{err}");
    assert!(
        err.contains("`dates.job_end`") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn unreadable_files_and_bad_usage() {
    let (code, _, err) = run(&["plan", "examples/no-such-file.json"]);
    assert_eq!(code, 3);
    assert!(err.contains("no-such-file.json"), "{err}");
    let dir = std::env::temp_dir().join(format!("pp-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = dir.join("latin1.json");
    std::fs::write(&latin1, b"{\"case\": {\"name\": \"S\xf8ren\"}}").unwrap();
    let (code, _, err) = run(&["plan", latin1.to_str().unwrap()]);
    assert_eq!(code, 3);
    assert!(err.contains("UTF-8"), "{err}");
    let bom = dir.join("bom.json");
    std::fs::write(&bom, "\u{feff}{\"role\": \"self_employed\"}").unwrap();
    assert_eq!(run(&["plan", bom.to_str().unwrap()]).0, 0);
    assert_eq!(run(&["plan"]).0, 2);
    assert_eq!(run(&["frobnicate"]).0, 2);
    assert_eq!(
        run(&["plan", "examples/ar1-chef.json", "--lang", "fr"]).0,
        2
    );
    assert_eq!(
        run(&["plan", "examples/ar1-chef.json", "--today", "23-11-2026"]).0,
        2
    );
    assert_eq!(run(&["--help"]).0, 0);
    // No command: the usage on standard error, wrong usage.
    let (code, out, err) = run(&[]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("Usage: permit-packet [COMMAND]"), "{err}");
    // An option of another command is refused by name.
    let (code, _, err) = run(&["plan", "examples/ar1-chef.json", "-o", "x.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected argument '-o'"), "{err}");
}

/// `permit-packet --version`: the version, the rule data's version and
/// checked-on date (read here from the rules file itself), the workspace
/// file and the licences.
#[test]
fn version_names_rules_workspace_and_licences() {
    let rules: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/rules/rules.json")).unwrap();
    let data = std::env::temp_dir().join(format!("pp-version-{}", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_permit-packet"))
        .arg("--version")
        .env("XDG_DATA_HOME", &data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        concat!("permit-packet ", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        lines[1],
        format!(
            "rules {} (checked on {})",
            rules["rules_version"].as_str().unwrap(),
            rules["checked_on"].as_str().unwrap()
        )
    );
    assert_eq!(
        lines[2],
        format!(
            "workspace {}",
            data.join("permit-packet/workspace.sqlite3").display()
        )
    );
    assert!(text.contains("licence Permit Packet: MIT"), "{text}");
    assert!(text.contains("/usr/share/doc/permit-packet"), "{text}");
    // Asking for the version creates no workspace.
    assert!(!data.exists());
    let (code, short, _) = run(&["-V"]);
    assert_eq!(code, 0);
    assert!(short.starts_with("permit-packet "));
}

/// Every command and subcommand (`case export`, `rules status`, …) takes
/// `--help` and prints its own usage, options and examples, not the whole
/// program's (as the hand-written parser did).
#[test]
fn every_command_takes_help() {
    fn paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_owned());
            out.push(path.clone());
            paths(sub, &path, out);
        }
    }
    let mut cmd = permit_packet::cli_args::command();
    cmd.build();
    let mut all = Vec::new();
    paths(&cmd, &[], &mut all);
    assert!(all.len() >= 20, "{all:?}");
    let about = |path: &[String]| {
        let mut c = &cmd;
        for p in path {
            c = c.find_subcommand(p).unwrap();
        }
        c.get_about().unwrap().to_string()
    };
    for path in &all {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            out.contains(&format!("Usage: permit-packet {}", path.join(" "))),
            "{args:?}: {out}"
        );
        assert!(out.contains("\nExamples:\n  # "), "{args:?}: {out}");
        // Not the other commands' help.
        for other in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            if other.get_name() != path[0] {
                assert!(
                    !out.contains(&about(&[other.get_name().to_owned()])),
                    "{args:?} shows `{}`: {out}",
                    other.get_name()
                );
            }
        }
        let (code, short, err) = run(&[&args[..args.len() - 1], &["-h"]].concat());
        assert_eq!(code, 0, "{args:?} -h: {err}");
        assert!(short.contains(&about(path)), "{args:?} -h: {short}");
    }
    // The program's own: every command, the exit codes.
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for path in all.iter().filter(|p| p.len() == 1) {
        assert!(out.contains(&about(path)), "{path:?}: {out}");
    }
    assert!(out.contains("Exit codes:"), "{out}");
}

/// The command line's own texts are the catalogue's (issue 26): every
/// command's and option's help, every value's, every command's examples, in
/// English and Danish; a command added without its keys is named.
#[test]
fn every_help_text_is_in_the_catalogue() {
    assert_eq!(
        permit_packet::cli_args::missing_help(),
        Vec::<String>::new()
    );
    // A command without keys (as a new `roster` command would be) is named
    // with the keys it needs; an option it shares with the others is not.
    let team = clap::Command::new("permit-packet").subcommand(
        clap::Command::new("roster")
            .arg(clap::Arg::new("members").long("members"))
            .arg(clap::Arg::new("store").long("store")),
    );
    let missing = permit_packet::cli_args::missing_help_of(&team);
    assert!(
        missing.contains(&"roster: about (cli.help.roster.about)".to_owned()),
        "{missing:?}"
    );
    assert!(missing.contains(&"roster: examples (cli.help.roster.example.1)".to_owned()));
    assert!(missing.contains(&"roster: --members (cli.help.roster.arg.members)".to_owned()));
    assert!(
        !missing.iter().any(|m| m.contains("--store")),
        "{missing:?}"
    );
    // An option's help is the command's own, else the enclosing command's,
    // else the shared one.
    use permit_core::Lang;
    let h = |path: &str, id: &str| permit_packet::cli_args::arg_help(Lang::En, path, id).unwrap();
    assert!(h("rules diff", "today").contains("re-planned"));
    assert!(!h("plan", "today").contains("re-planned"));
    assert!(h("ics", "output").starts_with("The calendar file"));
}

/// `--help` in `--lang da`: the command's texts, clap's headings and the
/// examples in Danish; English keeps clap's own words.
#[test]
fn help_in_danish() {
    let (code, out, err) = run(&["import", "--help", "--lang", "da"]);
    assert_eq!(code, 0, "{err}");
    for want in [
        "Importér ansættelser fra en CSV-fil",
        "Brug: permit-packet import",
        "Tilvalg:",
        "Sprog for beskederne",
        "- da: dansk",
        "Eksempler:\n  # Importér hver række",
        "Vis hjælp",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    assert!(
        !out.contains("Import hires from") && !out.contains("Examples:"),
        "{out}"
    );
    let (_, out, _) = run(&["case", "export", "--lang=da", "-h"]);
    assert!(out.contains("Skriv en sag til en flytbar sagsfil"), "{out}");
    assert!(out.contains("Sagsfilen, der skal skrives"), "{out}");
    let (_, out, _) = run(&["import", "--help"]);
    assert!(
        out.contains("Usage: permit-packet import") && out.contains("\nExamples:\n"),
        "{out}"
    );
}

/// `explain` labels each item in the plan's language.
#[test]
fn explain_in_danish() {
    let (code, out, _) = run(&[
        "explain",
        "examples/ar1-researcher-family.json",
        "--lang",
        "da",
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("\nGebyr: "), "{out}");
    assert!(out.contains("\nSkema AR1: "), "{out}");
    assert!(out.contains("\nForbehold: "), "{out}");
    assert!(out.contains("), linje "), "{out}");
    assert!(
        !out.contains("\nFee: ") && !out.contains("), line "),
        "{out}"
    );
}

/// Every command path below `permit-packet` (without clap's `help`), the
/// program itself first (`[]`).
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_owned());
            out.push(path.clone());
            walk(sub, &path, out);
        }
    }
    let mut cmd = permit_packet::cli_args::command();
    cmd.build();
    let mut all = vec![Vec::new()];
    walk(&cmd, &[], &mut all);
    all
}

/// The English words clap would write that a Danish text must not hold:
/// clap's own (whatever the catalogue says) and the English of every
/// `cli.help.clap.*` text that differs in Danish (a placeholder as
/// `<FILE>` or `[FILE]`, a sentence by its pieces between parameters).
fn english_clap_words() -> Vec<String> {
    let mut words: Vec<String> = [
        "Usage:",
        "Options:",
        "Commands:",
        "Arguments:",
        "Print help",
        "Print version",
        "[OPTIONS]",
        "<COMMAND>",
        "[COMMAND]",
        "[default:",
        "[aliases:",
        "[alias:",
        "[possible values:",
        "Possible values:",
        "[env:",
        "error:",
        "For more information",
        "see more with",
        "see a summary with",
        "a similar",
        "unexpected argument",
        "invalid value",
        "cli.help.",
    ]
    .iter()
    .map(|w| (*w).to_owned())
    .collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/messages");
    let read = |f: &str| -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(root.join(f)).unwrap()).unwrap()
    };
    let (en, da) = (read("en.json"), read("da.json"));
    for (key, value) in en.iter().filter(|(k, _)| k.starts_with("cli.help.clap.")) {
        let (e, d) = (value.as_str().unwrap(), da[key].as_str().unwrap());
        if e == d {
            continue;
        }
        if key.starts_with("cli.help.clap.value_name.") {
            words.push(format!("<{e}>"));
            words.push(format!("[{e}]"));
            continue;
        }
        let mut rest = e;
        while !rest.is_empty() {
            let (piece, after) = match rest.find('{') {
                Some(open) => (
                    &rest[..open],
                    rest[open..].split_once('}').map_or("", |(_, a)| a),
                ),
                None => (rest, ""),
            };
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || "`'".contains(c));
            // Several words, or one long one (not `for`, `or`: Danish
            // has them inside words).
            if piece.contains(' ') || piece.chars().filter(|c| c.is_alphabetic()).count() >= 5 {
                words.push(piece.to_owned());
            }
            rest = after;
        }
    }
    words
}

/// Issue 26: with `--lang da` every word of every command's `--help` and
/// `-h` is Danish — clap's headings, usage, placeholders, defaults,
/// aliases and possible values too, from the catalogue (the whole tree).
#[test]
fn danish_help_has_no_english_clap_words() {
    let english = english_clap_words();
    assert!(english.iter().any(|w| w == "<FILE>"), "{english:?}");
    let paths = command_paths();
    assert!(paths.len() >= 30, "{paths:?}");
    for path in &paths {
        for flag in ["--help", "-h"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.extend([flag, "--lang", "da"]);
            let (code, out, err) = run(&args);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert!(out.contains("Brug: permit-packet"), "{args:?}: {out}");
            for w in &english {
                assert!(!out.contains(w.as_str()), "{args:?} shows {w:?}:\n{out}");
            }
        }
    }
    // What the checks look for is there in English.
    let (_, out, _) = run(&["batch", "--help"]);
    for w in [
        "Usage:",
        "[OPTIONS]",
        "<DIR>",
        "[alias: --output]",
        "Print help",
    ] {
        assert!(out.contains(w), "{w}: {out}");
    }
    let (_, out, _) = run(&["batch", "--help", "--lang", "da"]);
    for w in [
        "Brug: permit-packet batch [TILVALG]",
        "<MAPPE>",
        "[også: --output]",
        "Vis hjælp",
    ] {
        assert!(out.contains(w), "{w}: {out}");
    }
    let (_, out, _) = run(&["team", "add-officer", "-h", "--lang", "da"]);
    assert!(
        out.contains("[standard: officer]") && out.contains("[mulige værdier: officer, auditor,"),
        "{out}"
    );
    // `--output` still works for batch (an alias clap no longer shows in Danish).
    let (code, _, err) = run(&[
        "batch",
        "--output",
        "/nonexistent/x",
        "--store",
        "/nonexistent/w.sqlite3",
        "--lang",
        "da",
    ]);
    assert_ne!(code, 2, "{err}");
}

/// Wrong command lines in Danish: clap's messages written from the error's
/// kind and context in the catalogue's words, the usage in Danish, exit
/// code 2 as in English.
#[test]
fn danish_errors_have_no_english_clap_words() {
    let english = english_clap_words();
    for (args, want) in [
        (
            &["plan", "x.json", "--frobnicate", "--lang", "da"][..],
            "uventet argument '--frobnicate'",
        ),
        (
            &["plan", "x.json", "--format", "xml", "--lang", "da"],
            "--format `xml`: forventede `json` eller `text`",
        ),
        (
            &["plan", "x.json", "--today", "2027-13-45", "--lang", "da"],
            "er ikke en gyldig dato",
        ),
        (
            &["plan", "x.json", "--today", "tomorrow", "--lang", "da"],
            "`tomorrow` er ikke en gyldig dato",
        ),
        (
            &["batch", "-o", "d", "--case", "abc", "--lang", "da"],
            "`abc` er ikke et sags-id",
        ),
        (
            &["pdf", "--lang", "da"],
            "disse påkrævede argumenter mangler:",
        ),
        (
            &[
                "import",
                "a.csv",
                "--all-or-nothing",
                "--valid-rows",
                "--lang",
                "da",
            ],
            "kan ikke bruges sammen med",
        ),
        (
            &["plan", "x.json", "--lang", "da", "--lang"],
            "'--lang <SPROG>' skal have en værdi",
        ),
        (&["plna", "--lang", "da"], "ukendt underkommando 'plna'"),
        (
            &["cases", "--serch", "x", "--lang", "da"],
            "tip: der findes et lignende argument: '--search'",
        ),
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.starts_with("fejl: "), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: want {want:?} in {err}");
        assert!(
            err.contains("Mere information får du med '--help'."),
            "{args:?}: {err}"
        );
        // clap gives the usage with every error but a missing value.
        assert!(
            err.contains("\n\nBrug: permit-packet ") || want.contains("skal have en værdi"),
            "{args:?}: {err}"
        );
        for w in &english {
            assert!(!err.contains(w.as_str()), "{args:?} shows {w:?}:\n{err}");
        }
        // The same in English: clap's own words.
        let english_args: Vec<&str> = args.iter().copied().filter(|a| *a != "da").collect();
        let english_args: Vec<&str> = english_args
            .iter()
            .enumerate()
            .filter(|(i, a)| !(**a == "--lang" && *i + 1 == english_args.len()))
            .map(|(_, a)| *a)
            .collect();
        let (code, _, err) = run(&english_args);
        assert_eq!(code, 2, "{english_args:?}: {err}");
        assert!(err.starts_with("error: "), "{english_args:?}: {err}");
    }
}

/// Every catalogue key the command line's code names (`"cli.…"`,
/// `"audit.…"`, `"person.…"` in src-tauri/cli*.rs) and every placeholder
/// of every option is in both languages.
#[test]
fn every_catalogue_key_of_the_command_line_is_in_both_languages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.starts_with("cli") && name.ends_with(".rs")) {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for prefix in ["\"cli.", "\"audit.", "\"person."] {
            for (at, _) in src.match_indices(prefix) {
                let rest = &src[at + 1..];
                let key = &rest[..rest.find('"').unwrap()];
                // Whole keys only (`"cli.help.{…}"` prefixes are made by
                // the path; `missing_help` checks those).
                if !key.ends_with('.') && !key.contains(['{', ' ']) {
                    keys.push((name.clone(), key.to_owned()));
                }
            }
        }
    }
    assert!(keys.len() > 100, "{}", keys.len());
    assert!(keys.iter().any(|(_, k)| k == "cli.team.added"));
    let mut missing: Vec<String> = keys
        .iter()
        .filter(|(_, k)| !permit_core::messages::has(k))
        .map(|(f, k)| format!("{f}: {k}"))
        .collect();
    fn names(cmd: &clap::Command, out: &mut Vec<String>) {
        for a in cmd
            .get_arguments()
            .filter(|a| a.get_action().takes_values())
        {
            for n in a.get_value_names().unwrap_or_default() {
                out.push(n.to_string());
            }
        }
        for s in cmd.get_subcommands() {
            names(s, out);
        }
    }
    let mut cmd = permit_packet::cli_args::command();
    cmd.build();
    let mut placeholders = vec!["COMMAND".to_owned(), "OPTIONS".to_owned()];
    names(&cmd, &mut placeholders);
    for n in placeholders {
        let k = permit_packet::cli_args::value_name_key(&n);
        if !permit_core::messages::has(&k) {
            missing.push(format!("placeholder {n}: {k}"));
        }
    }
    assert_eq!(missing, Vec::<String>::new());
}

/// The outputs of `rules`, `key` and the errors of every command follow
/// `--lang` (issue 26): Danish from the catalogue, English as before.
#[test]
fn rules_and_key_speak_danish() {
    let data = crate::Tmp::new("rules-da");
    let run_in = |args: &[&str]| {
        let out = crate::keyed(&mut Command::new(env!("CARGO_BIN_EXE_permit-packet")))
            .args(args)
            .env("XDG_DATA_HOME", &data.0)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, out, err) = run_in(&["rules", "status", "--lang", "da"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("regler i kraft: version "), "{out}");
    assert!(
        out.contains("(indbygget i denne udgave)") && out.contains("\ntjekket den:    "),
        "{out}"
    );
    let (_, out, _) = run_in(&["rules", "status"]);
    assert!(
        out.starts_with("rules in force: version ") && out.contains("\nchecked on:     "),
        "{out}"
    );
    let out_file = data.path("rules.ppbundle");
    let out_file = out_file.to_str().unwrap();
    let (code, _, err) = run_in(&["rules", "export", "-o", out_file, "--lang", "da"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("fejl: reglerne i kraft (version ") && err.contains("intet blev skrevet"),
        "{err}"
    );
    let (code, _, err) = run_in(&["rules", "export", "-o", out_file]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: the rules in force (version "),
        "{err}"
    );
    let store = data.path("w.sqlite3");
    let store = store.to_str().unwrap();
    let (code, out, err) = run_in(&["key", "status", "--store", store, "--lang", "da"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Arbejdsområde: ") && out.contains("\nKryptering: "),
        "{out}"
    );
    // A usage error: the message and the hint in Danish.
    let (code, _, err) = run_in(&["key", "encrypt", "--store", store, "--lang", "da"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("fejl: Der er endnu intet arbejdsområde"),
        "{err}"
    );
    assert!(
        err.contains("Kør `permit-packet --help` for at se brugen."),
        "{err}"
    );
    let (_, _, err) = run_in(&["key", "encrypt", "--store", store]);
    assert!(
        err.contains("Run `permit-packet --help` for usage."),
        "{err}"
    );
}
