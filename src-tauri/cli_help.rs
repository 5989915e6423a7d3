//! The command line's help: every command's and option's text, the
//! examples of every command, the exit codes — all from the message
//! catalogue, looked up by the command's path (`cli.help.<path>.about`,
//! `.long_about`, `.arg.<id>`, `.example.<n>` and `.example.<n>.run`;
//! a new command adds its keys) — and the `clap::Command` itself (the
//! definition in `cli_def.rs` with them), which `--help` (in `--lang`), the
//! man pages and the completions (English) are made from.

use std::cell::Cell;

use clap::error::ErrorKind;
use clap::{CommandFactory, ValueHint};
use permit_core::Lang;

use crate::cli_args::Cli;

/// An example: what it does, and the command.
pub type Example = (String, String);

// The language the help is being built in (the value helps of `--lang`,
// `--format`, … are made while clap builds the command: `cli_args::OneOf`).
thread_local! {
    static HELP_LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language the command's texts are being made in.
pub(crate) fn help_lang() -> Lang {
    HELP_LANG.with(Cell::get)
}

/// The catalogue's text for `key` in `lang`, where it has one; the numbers
/// a help text states are parameters (`{reminder_days}`: the calendar's
/// reminder, `policy`).
fn text(lang: Lang, key: &str) -> Option<String> {
    let reminder_days = permit_batch::ics::REMINDER_DAYS;
    permit_core::messages::has(key)
        .then(|| permit_core::messages::text(lang, key, &[("reminder_days", &reminder_days)]))
}

/// The catalogue key of `what` for the command at `path` (`""` the program,
/// `"case export"`): `cli.help.about`, `cli.help.case.export.about`.
fn key(path: &str, what: &str) -> String {
    if path.is_empty() {
        format!("cli.help.{what}")
    } else {
        format!("cli.help.{}.{what}", path.replace(' ', "."))
    }
}

/// The help of the argument `id` of the command at `path`: the command's
/// own (`cli.help.rules.diff.arg.today`), else the nearest enclosing
/// command's (`cli.help.rules.arg.today`), else the one every command shares
/// (`cli.help.arg.today`). A new command's options need keys only where they
/// differ.
pub fn arg_help(lang: Lang, path: &str, id: &str) -> Option<String> {
    let mut p = path.to_owned();
    loop {
        let k = key(&p, &format!("arg.{id}"));
        if let Some(t) = text(lang, &k) {
            return Some(t);
        }
        if p.is_empty() {
            return None;
        }
        p = p
            .rsplit_once(' ')
            .map_or_else(String::new, |(a, _)| a.to_owned());
    }
}

/// The help of a value of a closed set (`--lang da`): `cli.help.value.<group>.<value>`.
pub(crate) fn value_help(group: &str, value: &str) -> String {
    text(help_lang(), &format!("cli.help.value.{group}.{value}")).unwrap_or_default()
}

/// The examples of a command, by its path below `permit-packet` (`""` the
/// program itself, `"case export"`), in `lang`: the catalogue's
/// `…example.1`, `…example.1.run`, `…example.2`, … in order; shown by
/// `--help` and in the man pages.
pub fn examples(path: &str, lang: Lang) -> Vec<Example> {
    (1..)
        .map_while(|n| {
            let what = text(lang, &key(path, &format!("example.{n}")))?;
            let run = text(lang, &key(path, &format!("example.{n}.run")))?;
            Some((what, run))
        })
        .collect()
}

/// The exit codes every command may end with, and what each means, in `lang`
/// (`cli.help.exit.<code>`).
pub fn exit_codes(lang: Lang) -> Vec<(String, String)> {
    (0..)
        .map_while(|code: u8| {
            text(lang, &format!("cli.help.exit.{code}")).map(|t| (code.to_string(), t))
        })
        .collect()
}

/// The text after the options in `--help`: the examples, and for the
/// program itself the exit codes.
fn after_help(path: &str, lang: Lang) -> String {
    let t = |k: &str| permit_core::messages::text(lang, k, &[]);
    let mut o = t("cli.help.heading.examples");
    o.push('\n');
    for (what, example) in examples(path, lang) {
        o.push_str(&format!("  # {what}\n  {example}\n"));
    }
    if path.is_empty() {
        o.push('\n');
        o.push_str(&t("cli.help.heading.exit_codes"));
        o.push('\n');
        for (code, what) in exit_codes(lang) {
            o.push_str(&format!("  {code}  {what}\n"));
        }
        o.push('\n');
        o.push_str(&t("cli.help.more"));
    }
    o.trim_end().to_owned()
}

/// Gives `cmd` and its subcommands their texts in `lang` from the
/// catalogue — what it does, each option's help, the examples — and lets an
/// option given twice take its last value (as the hand-written parser did).
/// A command or option without a key keeps its definition's words (a test
/// fails on any: `missing_help`).
fn finish(cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd
        .args_override_self(true)
        .after_help(after_help(path, lang));
    if let Some(about) = text(lang, &key(path, "about")) {
        cmd = cmd.about(about);
    }
    cmd = match text(lang, &key(path, "long_about")) {
        Some(long) => cmd.long_about(long),
        None => cmd.long_about(clap::builder::Resettable::<clap::builder::StyledStr>::Reset),
    };
    for id in ids {
        if let Some(help) = arg_help(lang, path, &id) {
            cmd = cmd.mut_arg(&id, |a| {
                a.help(help)
                    .long_help(clap::builder::Resettable::<clap::builder::StyledStr>::Reset)
            });
        }
    }
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| finish(s, &sub_path, lang));
    }
    cmd
}

/// The catalogue key of a value's placeholder (`FILE`, `YYYY-MM-DD`,
/// `SITUATION.json`): `cli.help.clap.value_name.file`, `…yyyy_mm_dd`,
/// `…situation_json`.
pub fn value_name_key(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("cli.help.clap.value_name.{id}")
}

/// An argument's words that clap adds, in `lang`: the placeholders of its
/// values, its default (`[default: …]`), its aliases and its possible values
/// (`[possible values: …]`, and the list in the long help), written by us
/// from the catalogue instead of clap.
fn arg_words(a: clap::Arg, lang: Lang) -> clap::Arg {
    let t = |k: &str, args: &[(&str, &dyn std::fmt::Display)]| {
        permit_core::messages::text(lang, k, args)
    };
    let mut a = a;
    if let Some(names) = a
        .get_value_names()
        .filter(|_| a.get_action().takes_values())
    {
        let names: Vec<String> = names
            .iter()
            .map(|n| t(&value_name_key(n.as_str()), &[]))
            .collect();
        a = a.value_names(names);
    }
    let help = a.get_help().map(ToString::to_string).unwrap_or_default();
    let mut short = vec![help.clone()];
    let mut long: Option<Vec<String>> = None;
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if a.get_action().takes_values() && !defaults.is_empty() && !a.is_hide_default_value_set() {
        short.push(t(
            "cli.help.clap.default",
            &[("value", &defaults.join(" "))],
        ));
        a = a.hide_default_value(true);
    }
    let visible: Vec<String> = a
        .get_visible_aliases()
        .unwrap_or_default()
        .iter()
        .map(|n| format!("--{n}"))
        .collect();
    if !visible.is_empty() {
        let all: Vec<String> = a
            .get_all_aliases()
            .unwrap_or_default()
            .iter()
            .map(|n| (*n).to_owned())
            .collect();
        short.push(t(
            "cli.help.clap.aliases",
            &[("aliases", &visible.join(", "))],
        ));
        // Every alias still works; none is shown by clap.
        a = a.visible_alias(clap::builder::Resettable::<clap::builder::Str>::Reset);
        for n in all {
            a = a.alias(n);
        }
    }
    let values: Vec<clap::builder::PossibleValue> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if a.get_action().takes_values() && !values.is_empty() && !a.is_hide_possible_values_set() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        let list = t(
            "cli.help.clap.possible_values_short",
            &[("values", &names.join(", "))],
        );
        if values.iter().any(|v| v.get_help().is_some()) {
            // As clap: the list with each value's help in the long help,
            // the names in the short one.
            let mut l = short.clone();
            l.push(format!("\n\n{}", t("cli.help.clap.possible_values", &[])));
            for v in &values {
                l.push(match v.get_help() {
                    Some(h) => format!("\n- {}: {h}", v.get_name()),
                    None => format!("\n- {}", v.get_name()),
                });
            }
            long = Some(l);
        }
        short.push(list);
        a = a.hide_possible_values(true);
    }
    let join = |parts: Vec<String>| {
        let mut o = String::new();
        for p in parts.into_iter().filter(|p| !p.is_empty()) {
            if !o.is_empty() && !p.starts_with('\n') {
                o.push(' ');
            }
            o.push_str(&p);
        }
        o
    };
    if short.len() > 1 {
        a = a.help(join(short));
    }
    if let Some(l) = long {
        a = a.long_help(join(l));
    }
    a
}

/// clap's own words in `lang` (a built command): the usage and its
/// heading, the headings of the arguments, options and commands, the
/// placeholders, defaults, aliases and possible values of the options, the
/// help flag and the `help` command. English keeps clap's.
fn clap_words(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |k: &str| permit_core::messages::text(lang, k, &[]);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let (args, options) = (t("cli.help.clap.arguments"), t("cli.help.clap.options"));
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        t("cli.help.clap.usage")
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(t("cli.help.clap.commands"))
        .subcommand_value_name(t(&value_name_key("COMMAND")))
        .mut_args(|a| {
            let heading = if a.is_positional() { &args } else { &options };
            arg_words(a.help_heading(heading.clone()), lang)
        });
    // The help flag as clap made it: "Print help", or with "(see more with
    // '--help')" and a long form "(see a summary with '-h')".
    let long = cmd
        .get_arguments()
        .find(|a| a.get_id() == "help")
        .map(|a| a.get_long_help().is_some());
    if let Some(long) = long {
        cmd = cmd.mut_arg("help", |a| {
            if long {
                a.help(t("cli.help.clap.help_more"))
                    .long_help(t("cli.help.clap.help_summary"))
            } else {
                a.help(t("cli.help.clap.help"))
            }
        });
    }
    for name in subs {
        cmd = if name == "help" {
            cmd.mut_subcommand(&name, |s| {
                let s = s
                    .about(t("cli.help.clap.help_command"))
                    .help_template(format!(
                        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}",
                        t("cli.help.clap.usage")
                    ))
                    .mut_args(|a| {
                        arg_words(
                            a.help(t("cli.help.clap.help_command_arg"))
                                .help_heading(args.clone()),
                            lang,
                        )
                    });
                translated_usage(s, lang)
            })
        } else {
            cmd.mut_subcommand(&name, |s| clap_words(s, lang))
        };
    }
    translated_usage(cmd, lang)
}

/// The command's usage line as clap writes it from its (translated)
/// placeholders, with clap's `[OPTIONS]` in `lang`; shown by `--help` and
/// in errors.
fn translated_usage(cmd: clap::Command, lang: Lang) -> clap::Command {
    let usage = cmd.clone().render_usage().to_string();
    // clap's own title, which the help template and the errors replace.
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_owned();
    let options = format!(
        "[{}]",
        permit_core::messages::text(lang, &value_name_key("OPTIONS"), &[])
    );
    cmd.override_usage(usage.replace("[OPTIONS]", &options))
}

/// A wrong command line as clap reports it, in `lang`: what is wrong (from
/// the error's kind and context, in the catalogue's words), clap's tips of a
/// similar name, the usage and where to read more. Kinds without context
/// (and clap's own free-text tips) give a general line.
pub fn render_error(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind as K, ContextValue as V};
    let t = |k: &str, args: &[(&str, &dyn std::fmt::Display)]| {
        permit_core::messages::text(lang, k, args)
    };
    let string = |k: K| match e.get(k) {
        Some(V::String(s)) => Some(s.clone()),
        Some(V::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let strings = |k: K| match e.get(k) {
        Some(V::Strings(v)) => v.clone(),
        Some(V::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let number = |k: K| match e.get(k) {
        Some(V::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = string(K::InvalidArg);
    let value = string(K::InvalidValue);
    let valid_values = |o: &mut String, list: &[String], key: &str| {
        if !list.is_empty() {
            o.push_str("\n  ");
            o.push_str(&t(key, &[("values", &list.join(", "))]));
        }
    };
    let mut o = match (e.kind(), &arg, &value) {
        (ErrorKind::InvalidValue, _, _) if e.get(K::Custom).is_some() => {
            string(K::Custom).unwrap_or_default()
        }
        (ErrorKind::InvalidValue, Some(arg), Some(value)) => {
            let mut o = if value.is_empty() {
                t("cli.help.clap.error.value_required", &[("arg", arg)])
            } else {
                t(
                    "cli.help.clap.error.invalid_value",
                    &[("arg", arg), ("value", value)],
                )
            };
            valid_values(
                &mut o,
                &strings(K::ValidValue),
                "cli.help.clap.error.possible_values",
            );
            o
        }
        (ErrorKind::ArgumentConflict, Some(arg), _) => match e.get(K::PriorArg) {
            Some(V::String(prior)) if prior == arg => {
                t("cli.help.clap.error.used_twice", &[("arg", arg)])
            }
            Some(V::String(prior)) => t(
                "cli.help.clap.error.conflict",
                &[("arg", arg), ("cli.help.clap.error.other", prior)],
            ),
            Some(V::Strings(prior)) => t(
                "cli.help.clap.error.conflict",
                &[
                    ("arg", arg),
                    ("cli.help.clap.error.other", &prior.join("', '")),
                ],
            ),
            _ => t("cli.help.clap.error.conflict_any", &[("arg", arg)]),
        },
        (ErrorKind::NoEquals, Some(arg), _) => t("cli.help.clap.error.no_equals", &[("arg", arg)]),
        (ErrorKind::InvalidSubcommand, _, _) if e.get(K::InvalidSubcommand).is_some() => t(
            "cli.help.clap.error.invalid_subcommand",
            &[("name", &string(K::InvalidSubcommand).unwrap_or_default())],
        ),
        (ErrorKind::MissingRequiredArgument, Some(_), _) => {
            let mut o = t("cli.help.clap.error.missing_required", &[]);
            for a in strings(K::InvalidArg) {
                o.push_str("\n  ");
                o.push_str(&a);
            }
            o
        }
        (ErrorKind::MissingSubcommand, _, _) if e.get(K::InvalidSubcommand).is_some() => {
            let mut o = t(
                "cli.help.clap.error.missing_subcommand",
                &[("name", &string(K::InvalidSubcommand).unwrap_or_default())],
            );
            valid_values(
                &mut o,
                &strings(K::ValidSubcommand),
                "cli.help.clap.error.subcommands",
            );
            o
        }
        (ErrorKind::TooManyValues, Some(arg), Some(value)) => t(
            "cli.help.clap.error.too_many_values",
            &[("arg", arg), ("value", value)],
        ),
        (ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues, Some(arg), _) => t(
            "cli.help.clap.error.wrong_number_of_values",
            &[
                ("arg", arg),
                (
                    "expected",
                    &number(K::MinValues)
                        .or(number(K::ExpectedNumValues))
                        .unwrap_or_default(),
                ),
                ("given", &number(K::ActualNumValues).unwrap_or_default()),
            ],
        ),
        (ErrorKind::ValueValidation, Some(arg), Some(value)) => t(
            "cli.help.clap.error.invalid_value",
            &[("arg", arg), ("value", value)],
        ),
        (ErrorKind::UnknownArgument, Some(arg), _) => {
            t("cli.help.clap.error.unknown_argument", &[("arg", arg)])
        }
        _ => t("cli.help.clap.error.other", &[]),
    };
    for (kind, what) in [
        (
            K::SuggestedSubcommand,
            "cli.help.clap.error.similar_subcommand",
        ),
        (K::SuggestedArg, "cli.help.clap.error.similar_argument"),
        (K::SuggestedValue, "cli.help.clap.error.similar_value"),
    ] {
        let similar = strings(kind);
        if !similar.is_empty() {
            o.push_str("\n\n  ");
            o.push_str(&t(what, &[("names", &similar.join("', '"))]));
        }
    }
    let mut out = t("cli.help.clap.error.line", &[("message", &o)]);
    if let Some(V::StyledStr(usage)) = e.get(K::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        out.push_str(&format!(
            "\n\n{}: {usage}",
            permit_core::messages::text(lang, "cli.help.clap.usage", &[])
        ));
    }
    out.push_str("\n\n");
    out.push_str(&t("cli.help.clap.error.more", &[]));
    out.push('\n');
    out
}

/// Runs `f` with the command line's texts in `lang` (the messages of a
/// refused value, made while clap reads the arguments).
pub(crate) fn in_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    HELP_LANG.with(|l| {
        let before = l.replace(lang);
        let r = f();
        l.set(before);
        r
    })
}

/// The whole command line in English, as clap reads it (also for the
/// completions and the man pages).
pub fn command() -> clap::Command {
    command_in(Lang::En)
}

/// The whole command line, its help in `lang` (the CLI's `--lang`).
pub fn command_in(lang: Lang) -> clap::Command {
    let cmd = in_lang(lang, Cli::command);
    let mut cmd = finish(cmd, "", lang);
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    clap_words(cmd, lang)
}

/// The commands and arguments whose help the catalogue lacks in either
/// language (`path` or `path --arg`), and the commands without examples:
/// empty when every text of the command line is in the catalogue.
pub fn missing_help() -> Vec<String> {
    missing_help_of(&Cli::command())
}

/// [`missing_help`] of any command tree (`cmd` as the program).
pub fn missing_help_of(cmd: &clap::Command) -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        if !permit_core::messages::has(&key(path, "about")) {
            out.push(format!("{path}: about ({})", key(path, "about")));
        }
        if examples(path, Lang::En).is_empty() {
            out.push(format!("{path}: examples ({})", key(path, "example.1")));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id != "help" && arg_help(Lang::En, path, id).is_none() {
                out.push(format!(
                    "{path}: --{id} ({})",
                    key(path, &format!("arg.{id}"))
                ));
            }
            // The values of an option that takes one (a flag's `true` and
            // `false` are clap's own); the readiness groups are ids.
            let values = a.get_action().takes_values() && a.get_id() != "ready";
            for v in a
                .get_possible_values()
                .iter()
                .filter(|v| values && !v.is_hide_set())
            {
                if v.get_help().is_none_or(|h| h.to_string().is_empty()) {
                    out.push(format!("{path}: --{id} {}", v.get_name()));
                }
            }
        }
        for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let p = if path.is_empty() {
                s.get_name().to_owned()
            } else {
                format!("{path} {}", s.get_name())
            };
            walk(s, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(cmd, "", &mut out);
    out
}

/// The desktop program's command line, for its man page: one optional
/// case file (what a double-click on a case file passes).
pub fn desktop_command() -> clap::Command {
    let t = |k: &str| permit_core::messages::text(Lang::En, k, &[]);
    clap::Command::new("permit-packet-desktop")
        .version(env!("CARGO_PKG_VERSION"))
        .disable_version_flag(true)
        .disable_help_flag(true)
        .about(t("cli.help.desktop.about"))
        .long_about(t("cli.help.desktop.long_about"))
        .arg(
            clap::Arg::new("FILE")
                .value_name("CASE_FILE")
                .value_hint(ValueHint::FilePath)
                .help(t("cli.help.desktop.arg.file")),
        )
}
