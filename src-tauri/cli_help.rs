//! The command line's help: every command's and option's text, the
//! examples of every command, the exit codes — all from the message
//! catalogue, looked up by the command's path (`cli.help.<path>.about`,
//! `.long_about`, `.arg.<id>`, `.example.<n>` and `.example.<n>.run`;
//! a new command adds its keys) — and the `clap::Command` itself (the
//! definition in `cli_def.rs` with them), which `--help` (in `--lang`), the
//! man pages and the completions (English) are made from.

use std::cell::Cell;

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

/// clap's own words in `lang` (a built command): the usage heading, the
/// headings of the arguments, options and commands, the help flag and the
/// `help` command. English keeps clap's.
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
        .mut_args(|a| {
            let heading = if a.is_positional() { &args } else { &options };
            a.help_heading(heading.clone())
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
            cmd.mut_subcommand(&name, |s| s.about(t("cli.help.clap.help_command")))
        } else {
            cmd.mut_subcommand(&name, |s| clap_words(s, lang))
        };
    }
    cmd
}

/// The whole command line in English, as clap reads it (also for the
/// completions and the man pages).
pub fn command() -> clap::Command {
    command_in(Lang::En)
}

/// The whole command line, its help in `lang` (the CLI's `--lang`).
pub fn command_in(lang: Lang) -> clap::Command {
    let cmd = HELP_LANG.with(|l| {
        let before = l.replace(lang);
        let cmd = Cli::command();
        l.set(before);
        cmd
    });
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
