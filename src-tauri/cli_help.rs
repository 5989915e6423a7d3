//! The command line's help: the examples of every command, the exit codes,
//! and the `clap::Command` itself (the definition in `cli_args.rs` with
//! them), which `--help`, the man pages and the completions are made from.

use clap::{CommandFactory, ValueHint};

use crate::cli_args::Cli;

/// An example: what it does, and the command.
pub type Example = (&'static str, &'static str);

/// The examples of a command, by its path below `permit-packet` (`""` the
/// program itself, `"case export"`); shown by `--help` and in the man pages.
pub fn examples(path: &str) -> &'static [Example] {
    match path {
        "" => &[
            (
                "The plan of a situation, for people",
                "permit-packet plan situation.json --format text",
            ),
            (
                "Import hires, then list the cases that may be submitted today",
                "permit-packet import hires.csv && permit-packet cases --ready may_submit_now",
            ),
            (
                "The options and examples of a command",
                "permit-packet import --help",
            ),
        ],
        "plan" => &[
            (
                "The plan as JSON (format 1)",
                "permit-packet plan situation.json",
            ),
            (
                "For people, in Danish",
                "permit-packet plan situation.json --format text --lang da",
            ),
            (
                "Deadlines counted from another day",
                "permit-packet plan situation.json --today 2027-01-15",
            ),
        ],
        "explain" => &[
            (
                "Every conclusion with its quote",
                "permit-packet explain situation.json",
            ),
            (
                "In Danish (the quotes stay in the pages' English)",
                "permit-packet explain situation.json --lang da",
            ),
        ],
        "pdf" => &[
            (
                "The checklist PDF",
                "permit-packet pdf situation.json -o checklist.pdf",
            ),
            (
                "In Danish, replacing an earlier one",
                "permit-packet pdf situation.json -o checklist.pdf --lang da --force",
            ),
        ],
        "import" => &[
            (
                "Import every row, or nothing if one has a problem",
                "permit-packet import hires.csv",
            ),
            (
                "Import the good rows, leave the others out",
                "permit-packet import hires.csv --valid-rows",
            ),
            (
                "Rows already in the workspace: update their cases",
                "permit-packet import hires.csv --on-duplicate update",
            ),
            (
                "The CSV template, and what each column accepts",
                "permit-packet import --template > hires.csv; permit-packet import --columns",
            ),
        ],
        "batch" => &[
            (
                "Plan and PDF of every active case",
                "permit-packet batch --out export/",
            ),
            (
                "Two cases, in Danish",
                "permit-packet batch --out export/ --case 3 --case 7 --lang da",
            ),
        ],
        "ics" => &[
            (
                "Every dated deadline, into a calendar",
                "permit-packet ics -o deadlines.ics",
            ),
            ("One case's", "permit-packet ics -o case-3.ics --case 3"),
        ],
        "case" => &[
            (
                "Export case 1 to a case file",
                "permit-packet case export 1 -o case.permit-case.json",
            ),
            (
                "Import a case file",
                "permit-packet case import case.permit-case.json",
            ),
        ],
        "case export" => &[(
            "Export case 1",
            "permit-packet case export 1 -o case.permit-case.json",
        )],
        "case import" => &[(
            "Import a case file into another workspace",
            "permit-packet case import case.permit-case.json --store other.sqlite3",
        )],
        "cases" => &[
            ("Every case, the next deadline first", "permit-packet cases"),
            (
                "The cases that may be submitted today",
                "permit-packet cases --ready may_submit_now",
            ),
            (
                "Search by name, reference, applicant or employer",
                "permit-packet cases --search lucia",
            ),
        ],
        "template" => &[
            (
                "Save a template from a file of items",
                "permit-packet template save onboarding items.txt",
            ),
            (
                "Add its items to case 3",
                "permit-packet template apply onboarding --case 3",
            ),
        ],
        "template save" => &[(
            "Save a template from a file of items, one a line",
            "permit-packet template save onboarding items.txt",
        )],
        "template list" => &[("The saved templates", "permit-packet template list")],
        "template apply" => &[(
            "Add a template's items to two cases",
            "permit-packet template apply onboarding --case 3 --case 4",
        )],
        "rules" => &[
            ("The rules in force", "permit-packet rules status"),
            (
                "What an update would change, then install it",
                "permit-packet rules diff rules-2026.12.20.ppbundle && permit-packet rules install rules-2026.12.20.ppbundle",
            ),
        ],
        "rules status" => &[("The rules in force", "permit-packet rules status")],
        "rules verify" => &[(
            "Check a bundle",
            "permit-packet rules verify rules-2026.12.20.ppbundle",
        )],
        "rules diff" => &[(
            "What a bundle would change",
            "permit-packet rules diff rules-2026.12.20.ppbundle",
        )],
        "rules install" => &[(
            "Install a bundle",
            "permit-packet rules install rules-2026.12.20.ppbundle",
        )],
        "rules fetch" => &[(
            "Fetch and install",
            "permit-packet rules fetch https://example.org/rules-latest.ppbundle",
        )],
        "team" => &[
            (
                "Create a team workspace, as its owner",
                "permit-packet team init --store postgres://owner@db.example/permits?sslmode=verify-full",
            ),
            (
                "Add an officer (the password on standard input)",
                "permit-packet team add-officer anna --org 'Acme HR' --store postgres://owner@db.example/permits < anna.pw",
            ),
        ],
        "team init" => &[(
            "Create or upgrade the schema (PGPASSWORD or ~/.pgpass give the owner's password)",
            "permit-packet team init --store postgres://owner@db.example/permits?sslmode=verify-full",
        )],
        "team add-officer" => &[
            (
                "An officer of Acme HR; the password asked for without echo",
                "permit-packet team add-officer anna --org 'Acme HR' --store postgres://owner@db.example/permits",
            ),
            (
                "A read-only auditor, the password from a file",
                "permit-packet team add-officer ida --org 'Acme HR' --role auditor --password-file ida.pw --store postgres://owner@db.example/permits",
            ),
        ],
        "team list" => &[(
            "The members you may see",
            "permit-packet team list --store postgres://owner@db.example/permits",
        )],
        "team import" => &[(
            "Anna's laptop workspace into Acme HR (run again: nothing twice)",
            "permit-packet team import ~/.local/share/permit-packet/workspace.sqlite3 --org 'Acme HR' --store postgres://owner@db.example/permits",
        )],
        "team export" => &[(
            "Acme HR's cases into a workspace file of their own",
            "permit-packet team export --org 'Acme HR' acme.sqlite3 --store postgres://owner@db.example/permits",
        )],
        "team remove-officer" => &[(
            "Anna can no longer sign in; her cases stay",
            "permit-packet team remove-officer anna --store postgres://owner@db.example/permits",
        )],
        "rules export" => &[(
            "The installed bundle in force, to a file",
            "permit-packet rules export -o rules.ppbundle",
        )],
        _ => &[],
    }
}

/// What the exit codes mean (every command).
pub const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "the input has errors: a situation file (each printed as file:line:column: field: message), \
         a CSV file, a case file or a rules bundle",
    ),
    ("2", "wrong usage (also: no such case or template)"),
    ("3", "a file or the workspace could not be read or written"),
];

/// The text after the options in `--help`: the examples, and for the
/// program itself the exit codes.
fn after_help(path: &str) -> String {
    let mut o = String::from("Examples:\n");
    for (what, example) in examples(path) {
        o.push_str(&format!("  # {what}\n  {example}\n"));
    }
    if path.is_empty() {
        o.push_str("\nExit codes:\n");
        for (code, what) in EXIT_CODES {
            o.push_str(&format!("  {code}  {what}\n"));
        }
        o.push_str("\nRun `permit-packet <COMMAND> --help` for a command's options and examples.");
    }
    o.trim_end().to_owned()
}

/// Adds the examples to `cmd` and its subcommands, and lets an option given
/// twice take its last value (as the hand-written parser did).
fn finish(cmd: clap::Command, path: &str) -> clap::Command {
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let mut cmd = cmd.args_override_self(true).after_help(after_help(path));
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| finish(s, &sub_path));
    }
    cmd
}

/// The whole command line, as clap reads it (also for the completions and
/// the man pages).
pub fn command() -> clap::Command {
    finish(Cli::command(), "")
}

/// The desktop program's command line, for its man page: one optional
/// case file (what a double-click on a case file passes).
pub fn desktop_command() -> clap::Command {
    clap::Command::new("permit-packet-desktop")
        .version(env!("CARGO_PKG_VERSION"))
        .disable_version_flag(true)
        .disable_help_flag(true)
        .about("Permit Packet, the desktop app")
        .long_about(
            "Permit Packet, the desktop app: plan a Danish residence and work permit \
             application from the official pages, for one applicant or many hires. The cases \
             live in the same workspace file the command line permit-packet(1) uses.\n\n\
             Given a case file (*.permit-case.json, as the file manager passes it on a \
             double-click), the app imports it as a new case and opens it.",
        )
        .arg(
            clap::Arg::new("FILE")
                .value_name("CASE_FILE")
                .value_hint(ValueHint::FilePath)
                .help("A case file (*.permit-case.json) to import and open"),
        )
}
