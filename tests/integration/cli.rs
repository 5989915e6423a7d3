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
