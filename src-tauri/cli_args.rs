//! The command line's arguments, read by clap (derive): every command with
//! its own options, `--help` and examples, closed sets of values typed (a
//! value outside them is refused, naming what is accepted). The parsed
//! command becomes what the command handlers read ([`Args`]); the shell
//! completions and the man pages are made from the same definition
//! ([`command`], [`desktop_command`]; `tests/integration/linux_assets.rs`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueHint};
use permit_batch::hires::Mode;
use permit_core::digest::Readiness;
use permit_core::Lang;

use crate::cli::CliError;
use crate::workspace::{OnDuplicate, View, Workspace};

/// The output format of `plan`.
#[derive(Debug, PartialEq, Eq, Clone, Copy, Default)]
pub enum Format {
    /// The plan as JSON (format 1).
    #[default]
    Json,
    /// The plan for people.
    Text,
}

/// Every option a command may take, and the other arguments in order: what
/// the command handlers (`cli_batch`, `cli_rules`) read.
#[derive(Debug, Default)]
pub struct Args {
    /// The arguments that are not options, in order (`case export 3`:
    /// `["export", "3"]`).
    pub positional: Vec<String>,
    /// `--store FILE`: the workspace.
    pub store: Option<PathBuf>,
    /// `-o`/`--output`/`--out`: where the command writes.
    pub out: Option<PathBuf>,
    /// Each `--case ID`.
    pub cases: Vec<i64>,
    /// `--lang en|da`.
    pub lang: Option<Lang>,
    /// `--today YYYY-MM-DD`.
    pub today: Option<NaiveDate>,
    /// `--format json|text`.
    pub format: Option<Format>,
    /// `--all-or-nothing` or `--valid-rows`.
    pub mode: Option<Mode>,
    /// `--template`.
    pub template: bool,
    /// `--columns`.
    pub columns: bool,
    /// `--apply-template NAME`.
    pub apply_template: Option<String>,
    /// `--force`.
    pub force: bool,
    /// `--search TEXT`.
    pub search: Option<String>,
    /// `--ready GROUP` (`cases`): only the cases in this readiness group today.
    pub ready: Option<Readiness>,
    /// `--on-duplicate ask|skip|update|new`.
    pub on_duplicate: Option<OnDuplicate>,
}

fn usage(m: impl Into<String>) -> CliError {
    CliError::Usage(m.into())
}

impl Args {
    /// `--today`, else today's date.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// How plans are made: `--lang` and `--today`.
    pub fn view(&self) -> View {
        View {
            lang: self.lang.unwrap_or_default(),
            today: self.today(),
        }
    }

    /// The workspace `--store` names, else the app's.
    pub fn open(&self) -> Result<Workspace, CliError> {
        Ok(Workspace::open(self.store.as_deref())?)
    }

    /// Where `command` writes (`-o`), required.
    pub fn out(&self, command: &str) -> Result<&Path, CliError> {
        self.out
            .as_deref()
            .ok_or_else(|| usage(format!("`{command}` needs `-o <file>`")))
    }

    /// Checks that `out` may receive an output of `kind` (never the
    /// workspace in use or an input; see [`crate::cli::check_output`]).
    pub fn check_out(&self, out: &Path, kind: permit_files::Kind) -> Result<(), CliError> {
        crate::cli::check_output(out, kind, self.store.as_deref(), &[], self.force)
    }
}

// --- Values ------------------------------------------------------------------

/// A refused value: clap's error with our message (which names the option,
/// the value and what is accepted) and the command's usage; exit code 2.
fn refused(cmd: &clap::Command, message: String) -> clap::Error {
    clap::Error::raw(ErrorKind::InvalidValue, message).format(&mut cmd.clone())
}

fn option_name(arg: Option<&clap::Arg>) -> String {
    match arg {
        Some(a) => match a.get_long() {
            Some(long) => format!("--{long}"),
            None => format!("<{}>", a.get_id()),
        },
        None => "value".to_owned(),
    }
}

/// One of a closed set of values, each with what it means (shown in
/// `--help`, the man pages and the completions).
#[derive(Clone)]
struct OneOf<T: Clone + Send + Sync + 'static> {
    values: Vec<(PossibleValue, T)>,
}

impl<T: Clone + Send + Sync + 'static> OneOf<T> {
    fn new(values: impl IntoIterator<Item = (&'static str, &'static str, T)>) -> Self {
        Self {
            values: values
                .into_iter()
                .map(|(name, help, v)| {
                    let p = PossibleValue::new(name);
                    (if help.is_empty() { p } else { p.help(help) }, v)
                })
                .collect(),
        }
    }

    /// "`a` or `b`", "`a`, `b`, `c` or `d`"; beyond four, "one of a, b, …".
    fn accepted(&self) -> String {
        let names: Vec<&str> = self.values.iter().map(|(p, _)| p.get_name()).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => format!("`{one}`"),
            [rest @ .., last] if names.len() <= 4 => {
                let rest: Vec<String> = rest.iter().map(|n| format!("`{n}`")).collect();
                format!("{} or `{last}`", rest.join(", "))
            }
            _ => format!("one of {}", names.join(", ")),
        }
    }
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for OneOf<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        self.values
            .iter()
            .find(|(p, _)| p.get_name() == text)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| {
                refused(
                    cmd,
                    format!(
                        "{} `{text}`: expected {}",
                        option_name(arg),
                        self.accepted()
                    ),
                )
            })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().map(|(p, _)| p.clone())))
    }
}

/// A value read by `check`, whose message says what is wrong and what is
/// accepted.
#[derive(Clone)]
struct Checked<T: Clone + Send + Sync + 'static>(fn(&str) -> Result<T, String>);

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Checked<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        (self.0)(&value.to_string_lossy())
            .map_err(|m| refused(cmd, format!("{}: {m}", option_name(arg))))
    }
}

fn lang() -> OneOf<Lang> {
    OneOf::new([("en", "English", Lang::En), ("da", "Danish", Lang::Da)])
}

fn format() -> OneOf<Format> {
    OneOf::new([
        (
            "json",
            "the plan as JSON, format 1 (docs/plan-format.md)",
            Format::Json,
        ),
        ("text", "the plan for people", Format::Text),
    ])
}

fn on_duplicate() -> OneOf<OnDuplicate> {
    OneOf::new([
        (
            "skip",
            "leave the case as it is; the row is not imported",
            OnDuplicate::Skip,
        ),
        (
            "update",
            "write the row's answers into the case",
            OnDuplicate::Update,
        ),
        (
            "new",
            "import the row as a new case all the same",
            OnDuplicate::New,
        ),
        (
            "ask",
            "import nothing and list the matches",
            OnDuplicate::Ask,
        ),
    ])
}

/// The readiness groups, from the core's own list.
fn readiness() -> OneOf<Readiness> {
    OneOf::new(Readiness::ALL.iter().map(|r| (r.id(), "", *r)))
}

fn date() -> Checked<NaiveDate> {
    Checked(permit_core::situation::parse_iso_date)
}

fn case_id() -> Checked<i64> {
    Checked(|s| {
        s.parse()
            .map_err(|_| format!("`{s}` is not a case id (a number `permit-packet cases` lists)"))
    })
}

// --- The commands ---------------------------------------------------------

/// `permit-packet`: plan a Danish residence and work permit application
/// from the official pages.
#[derive(Debug, Parser)]
#[command(
    name = "permit-packet",
    version,
    disable_version_flag = true,
    arg_required_else_help = true,
    max_term_width = 100,
    about = "Plan a Danish residence and work permit application from the official pages",
    long_about = "Plan a Danish residence and work permit application from the official pages.\n\n\
        From a situation file (JSON) it picks the form (AR1, AR6, AR9, FA8) and says why, lists the \
        documents and their translation needs, computes the deadlines and checks the salary and \
        hours rules, quoting the official page for every answer. Cases are kept in the same \
        workspace file the desktop app (permit-packet-desktop) uses."
)]
pub struct Cli {
    /// Print the version, the rules' version and the day they were last
    /// checked, the workspace file and the licences.
    #[arg(short = 'V', long, action = ArgAction::SetTrue)]
    pub version: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--lang` and `--today`: how plans are made.
#[derive(Debug, clap::Args)]
pub struct ViewOpts {
    /// Language of messages (default en). Quotes stay in the pages' English.
    #[arg(long, value_name = "LANG", value_parser = lang())]
    pub lang: Option<Lang>,
    /// The date to count deadlines from (default: today's date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date())]
    pub today: Option<NaiveDate>,
}

/// `--today` alone (the `rules` commands write English).
#[derive(Debug, clap::Args)]
pub struct TodayOpt {
    /// The date to count deadlines from when cases are re-planned (default: today's date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date())]
    pub today: Option<NaiveDate>,
}

/// `--store FILE`.
#[derive(Debug, clap::Args)]
pub struct StoreOpt {
    /// The workspace file (default: the app's, ~/.local/share/permit-packet/workspace.sqlite3).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub store: Option<PathBuf>,
}

/// `--force`.
#[derive(Debug, clap::Args)]
pub struct ForceOpt {
    /// Replace an existing output file of the same kind (never the
    /// workspace, an input or a file of another kind).
    #[arg(long)]
    pub force: bool,
}

/// `--case ID`, repeated.
#[derive(Debug, clap::Args)]
pub struct CasesOpt {
    /// Only this case (repeat for more; default: every active case).
    #[arg(long = "case", value_name = "ID", value_parser = case_id())]
    pub cases: Vec<i64>,
}

/// The commands of `permit-packet`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the plan: forms, fee, biometrics, documents, dates, checks, warnings
    #[command(
        long_about = "Print the plan of a situation file: forms and who fills which part, fee, \
            case order ID, biometrics, documents with translation needs, dates, checks and \
            warnings, each with the rule it rests on. JSON (format version 1, see \
            docs/plan-format.md) unless --format text."
    )]
    Plan {
        /// The situation file (JSON; see examples/).
        #[arg(value_name = "SITUATION.json", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// Output format (default json).
        #[arg(long, value_name = "FORMAT", value_parser = format())]
        format: Option<Format>,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Print each conclusion with the quoted page text it rests on
    Explain {
        /// The situation file (JSON; see examples/).
        #[arg(value_name = "SITUATION.json", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Write the A4 checklist PDF of a situation
    #[command(
        long_about = "Write the A4 checklist PDF of a situation file. It is written to a \
            temporary file, then renamed: a failed export leaves no partial file. --today is \
            also the PDF's generation date."
    )]
    Pdf {
        /// The situation file (JSON; see examples/).
        #[arg(value_name = "SITUATION.json", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// The PDF to write (never over the input; an existing PDF only with --force).
        #[arg(short = 'o', long = "output", value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: PathBuf,
        #[command(flatten)]
        force: ForceOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Import hires from a CSV file into the workspace, in one transaction
    #[command(
        long_about = "Import hires from a CSV file into the workspace, in one transaction: all \
            rows or nothing (default), or --valid-rows. Every problem is listed (row, column, \
            what is accepted), and how each case came out (form found, needs answers, not \
            covered). A row that matches a case already in the workspace (same reference, or \
            same applicant name and birth date) is imported as new and named, unless \
            --on-duplicate says otherwise."
    )]
    Import {
        /// The CSV file of hires (`--template` prints one to start from).
        #[arg(
            value_name = "HIRES.csv",
            value_hint = ValueHint::FilePath,
            required_unless_present_any = ["template", "columns"]
        )]
        file: Option<PathBuf>,
        /// Import nothing if any row has a problem (the default).
        #[arg(long, conflicts_with = "valid_rows")]
        all_or_nothing: bool,
        /// Import the rows without problems, leaving the others out.
        #[arg(long)]
        valid_rows: bool,
        /// Add an organisation's checklist template (`template save`) to every imported case.
        #[arg(long, value_name = "NAME")]
        apply_template: Option<String>,
        /// What to do with a row that matches a case already in the workspace (default new).
        #[arg(long, value_name = "WHAT", value_parser = on_duplicate())]
        on_duplicate: Option<OnDuplicate>,
        /// Print the CSV template (the header and an example row) and stop.
        #[arg(long)]
        template: bool,
        /// Print what each column accepts and stop.
        #[arg(long)]
        columns: bool,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Write the plan JSON and checklist PDF of every case, with summary.csv
    #[command(
        long_about = "Write the plan JSON and the checklist PDF of every active case (or each \
            --case) into a folder, with summary.csv; a progress bar on standard error. Files of \
            an earlier export there are replaced only with --force (never the workspace or a \
            file of another kind); the export is moved in only when complete."
    )]
    Batch {
        /// The folder to write into (made if missing).
        #[arg(
            short = 'o',
            long = "out",
            visible_alias = "output",
            value_name = "DIR",
            value_hint = ValueHint::DirPath
        )]
        out: PathBuf,
        #[command(flatten)]
        cases: CasesOpt,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
        /// Replace the files of an earlier export in the folder.
        #[command(flatten)]
        force: ForceOpt,
    },
    /// Write a calendar (RFC 5545) of every dated deadline, with reminders
    #[command(
        long_about = "Write a calendar (RFC 5545, .ics) of every dated deadline of every active \
            case (or each --case), each with a reminder 3 days before. Dates already past are \
            left out."
    )]
    Ics {
        /// The calendar file to write (an existing one only with --force).
        #[arg(
            short = 'o',
            long = "output",
            alias = "out",
            value_name = "FILE",
            value_hint = ValueHint::FilePath
        )]
        output: PathBuf,
        #[command(flatten)]
        cases: CasesOpt,
        #[command(flatten)]
        force: ForceOpt,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Export a case to a portable case file, or import one
    #[command(subcommand)]
    Case(CaseCommand),
    /// List the cases of the workspace: id, next deadline, status, reference, name
    #[command(
        long_about = "List the cases of the workspace (id, next deadline, status, reference, \
            name), the next deadline first. Without --search or --ready, a count per readiness \
            group goes to standard error."
    )]
    Cases {
        /// Keep the cases whose name, reference, applicant or employer contains TEXT,
        /// ignoring case and accents (`lucia` finds `Lucía`).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Keep the cases in this readiness group on --today.
        #[arg(long, value_name = "GROUP", value_parser = readiness())]
        ready: Option<Readiness>,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Save, list or apply an organisation's own checklist items
    #[command(subcommand)]
    Template(TemplateCommand),
    /// The rules in force, and signed rules updates
    #[command(
        subcommand,
        long_about = "The rules in force, and signed rules updates installed without a new \
            release (docs/rules-updates.md). An older, damaged or foreign bundle is refused and \
            nothing changes."
    )]
    Rules(RulesCommand),
}

/// `case export|import`.
#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Write a case to a portable case file (*.permit-case.json)
    Export {
        /// The case's id (`permit-packet cases` lists them).
        #[arg(value_name = "ID", value_parser = case_id(), required_unless_present = "case")]
        id: Option<i64>,
        /// The case's id, as an option (the same as ID).
        #[arg(long, value_name = "ID", value_parser = case_id(), hide = true, conflicts_with = "id")]
        case: Option<i64>,
        /// The case file to write (an existing one only with --force).
        #[arg(
            short = 'o',
            long = "output",
            alias = "out",
            value_name = "FILE",
            value_hint = ValueHint::FilePath
        )]
        output: PathBuf,
        #[command(flatten)]
        force: ForceOpt,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Import a case file as a new case (older versions migrated)
    Import {
        /// The case file (*.permit-case.json).
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
}

/// `template save|list|apply`.
#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Save a checklist template: a name and a text file of items, one a line
    Save {
        /// The template's name.
        #[arg(value_name = "NAME")]
        name: String,
        /// A text file (UTF-8) with one checklist item a line.
        #[arg(value_name = "ITEMS", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// List the saved templates and their items
    List {
        #[command(flatten)]
        store: StoreOpt,
    },
    /// Add a template's items to cases' document lists
    Apply {
        /// The template's name.
        #[arg(value_name = "NAME")]
        name: String,
        /// The case to add them to (repeat for more).
        #[arg(long = "case", value_name = "ID", value_parser = case_id(), required = true)]
        cases: Vec<i64>,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
}

/// `rules status|verify|diff|install|fetch|export`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Show the rules in force: version, checked on, signed by, in force from
    Status,
    /// Check a signed rules bundle and say whether it would be installed
    Verify {
        /// The rules bundle (*.ppbundle).
        #[arg(value_name = "BUNDLE", value_hint = ValueHint::FilePath)]
        bundle: PathBuf,
    },
    /// Show what a rules bundle would change, case by case
    Diff {
        /// The rules bundle (*.ppbundle).
        #[arg(value_name = "BUNDLE", value_hint = ValueHint::FilePath)]
        bundle: PathBuf,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        today: TodayOpt,
    },
    /// Install a rules bundle and re-plan every case
    Install {
        /// The rules bundle (*.ppbundle).
        #[arg(value_name = "BUNDLE", value_hint = ValueHint::FilePath)]
        bundle: PathBuf,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        today: TodayOpt,
    },
    /// Fetch a rules bundle from an https:// address and install it
    Fetch {
        /// The bundle's address (https://…).
        #[arg(value_name = "URL", value_hint = ValueHint::Url)]
        url: String,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        today: TodayOpt,
    },
    /// Write the installed rules bundle in force to a file
    Export {
        /// The file to write (an existing bundle only with --force).
        #[arg(short = 'o', long = "output", value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: PathBuf,
        #[command(flatten)]
        force: ForceOpt,
        #[command(flatten)]
        store: StoreOpt,
    },
}

// --- Examples and the texts after the options ----------------------------------

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

// --- From clap to the handlers ------------------------------------------------

/// What the command line asks for, in the form the command handlers read.
#[derive(Debug)]
pub enum Parsed {
    /// Print this text on standard output and stop (help, version).
    Print(String),
    /// `plan`, `explain` or `pdf` of a situation file.
    File {
        /// The command's name.
        command: &'static str,
        /// The situation file.
        file: PathBuf,
        /// The options.
        args: Args,
    },
    /// A many-cases command (`cli_batch`): its name and options.
    Cases(&'static str, Args),
    /// `rules …` (`cli_rules`).
    Rules(Args),
}

fn with_view(a: Args, v: ViewOpts) -> Args {
    Args {
        lang: v.lang,
        today: v.today,
        ..a
    }
}

fn with_store(a: Args, s: StoreOpt) -> Args {
    Args {
        store: s.store,
        ..a
    }
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| (*s).to_owned()).collect()
}

fn path_text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

impl From<Command> for Parsed {
    fn from(c: Command) -> Self {
        let none = Args::default;
        match c {
            Command::Plan { file, format, view } => Parsed::File {
                command: "plan",
                file,
                args: with_view(Args { format, ..none() }, view),
            },
            Command::Explain { file, view } => Parsed::File {
                command: "explain",
                file,
                args: with_view(none(), view),
            },
            Command::Pdf {
                file,
                output,
                force,
                view,
            } => Parsed::File {
                command: "pdf",
                file,
                args: with_view(
                    Args {
                        out: Some(output),
                        force: force.force,
                        ..none()
                    },
                    view,
                ),
            },
            Command::Import {
                file,
                all_or_nothing,
                valid_rows,
                apply_template,
                on_duplicate,
                template,
                columns,
                store,
                view,
            } => Parsed::Cases(
                "import",
                with_store(
                    with_view(
                        Args {
                            positional: file.iter().map(|f| path_text(f)).collect(),
                            mode: if valid_rows {
                                Some(Mode::ValidRows)
                            } else {
                                all_or_nothing.then_some(Mode::AllOrNothing)
                            },
                            apply_template,
                            on_duplicate,
                            template,
                            columns,
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
            ),
            Command::Batch {
                out,
                cases,
                store,
                view,
                force,
            } => Parsed::Cases(
                "batch",
                with_store(
                    with_view(
                        Args {
                            out: Some(out),
                            cases: cases.cases,
                            force: force.force,
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
            ),
            Command::Ics {
                output,
                cases,
                force,
                store,
                view,
            } => Parsed::Cases(
                "ics",
                with_store(
                    with_view(
                        Args {
                            out: Some(output),
                            cases: cases.cases,
                            force: force.force,
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
            ),
            Command::Case(CaseCommand::Export {
                id,
                case,
                output,
                force,
                store,
                view,
            }) => Parsed::Cases(
                "case",
                with_store(
                    with_view(
                        Args {
                            positional: [Some("export".to_owned()), id.map(|i| i.to_string())]
                                .into_iter()
                                .flatten()
                                .collect(),
                            cases: case.into_iter().collect(),
                            out: Some(output),
                            force: force.force,
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
            ),
            Command::Case(CaseCommand::Import { file, store, view }) => Parsed::Cases(
                "case",
                with_store(
                    with_view(
                        Args {
                            positional: vec!["import".to_owned(), path_text(&file)],
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
            ),
            Command::Cases {
                search,
                ready,
                store,
                view,
            } => Parsed::Cases(
                "cases",
                with_store(
                    with_view(
                        Args {
                            search,
                            ready,
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
            ),
            Command::Template(t) => Parsed::Cases(
                "template",
                match t {
                    TemplateCommand::Save {
                        name,
                        file,
                        store,
                        view,
                    } => with_store(
                        with_view(
                            Args {
                                positional: vec!["save".to_owned(), name, path_text(&file)],
                                ..none()
                            },
                            view,
                        ),
                        store,
                    ),
                    TemplateCommand::List { store } => with_store(
                        Args {
                            positional: words(&["list"]),
                            ..none()
                        },
                        store,
                    ),
                    TemplateCommand::Apply {
                        name,
                        cases,
                        store,
                        view,
                    } => with_store(
                        with_view(
                            Args {
                                positional: vec!["apply".to_owned(), name],
                                cases,
                                ..none()
                            },
                            view,
                        ),
                        store,
                    ),
                },
            ),
            Command::Rules(r) => Parsed::Rules(match r {
                RulesCommand::Status => Args {
                    positional: words(&["status"]),
                    ..none()
                },
                RulesCommand::Verify { bundle } => Args {
                    positional: vec!["verify".to_owned(), path_text(&bundle)],
                    ..none()
                },
                RulesCommand::Diff {
                    bundle,
                    store,
                    today,
                } => with_store(
                    Args {
                        positional: vec!["diff".to_owned(), path_text(&bundle)],
                        today: today.today,
                        ..none()
                    },
                    store,
                ),
                RulesCommand::Install {
                    bundle,
                    store,
                    today,
                } => with_store(
                    Args {
                        positional: vec!["install".to_owned(), path_text(&bundle)],
                        today: today.today,
                        ..none()
                    },
                    store,
                ),
                RulesCommand::Fetch { url, store, today } => with_store(
                    Args {
                        positional: vec!["fetch".to_owned(), url],
                        today: today.today,
                        ..none()
                    },
                    store,
                ),
                RulesCommand::Export {
                    output,
                    force,
                    store,
                } => with_store(
                    Args {
                        positional: words(&["export"]),
                        out: Some(output),
                        force: force.force,
                        ..none()
                    },
                    store,
                ),
            }),
        }
    }
}

/// Reads the command line (`args` without the program's name). `--help`
/// and `--version` give the text to print; wrong usage is
/// [`CliError::Arguments`] (exit code 2) with clap's message and the
/// command's usage.
pub fn parse(args: &[String]) -> Result<Parsed, CliError> {
    let program = std::iter::once("permit-packet".to_owned());
    let matches = match command().try_get_matches_from(program.chain(args.iter().cloned())) {
        Ok(m) => m,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return Ok(Parsed::Print(e.render().to_string()))
        }
        Err(e) => return Err(wrong_usage(&e)),
    };
    let cli = Cli::from_arg_matches(&matches).map_err(|e| wrong_usage(&e))?;
    match cli.command {
        _ if cli.version => Ok(Parsed::Print(crate::about::version_text(
            &permit_store::default_path(),
        ))),
        Some(c) => Ok(c.into()),
        None => Err(CliError::Arguments {
            message: command().render_help().to_string(),
            code: 2,
        }),
    }
}

/// Clap's message (it starts with `error:` and ends with the usage), and
/// its exit code: 2 for wrong usage, as before.
fn wrong_usage(e: &clap::Error) -> CliError {
    CliError::Arguments {
        message: e.render().to_string(),
        code: e.exit_code(),
    }
}
