//! The command line's commands and options as clap (derive) definitions;
//! `cli_args.rs` turns what they parse into the `Args` the handlers read.
//! The doc comments are for developers: what people read (every command's
//! and option's help, in `--lang`) is the message catalogue's, looked up by
//! the command's path (`cli_help.rs`; a new command adds its `cli.help.*`
//! keys, and `cli_help::missing_help` names any it lacks).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgAction, Parser, Subcommand, ValueHint};
use permit_core::digest::Readiness;
use permit_core::Lang;

use crate::cli_args::{
    audit_format, case_id, date, format, lang, on_duplicate, readiness, team_role, Format,
};
use crate::workspace::OnDuplicate;

/// `permit-packet`: plan a Danish residence and work permit application
/// from the official pages.
#[derive(Debug, Parser)]
#[command(
    name = "permit-packet",
    version,
    disable_version_flag = true,
    arg_required_else_help = true,
    max_term_width = 100
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

/// `--lang` alone: the language of a command's messages (`rules`, `team`,
/// `key`: commands that make no plan to read).
#[derive(Debug, clap::Args)]
pub struct LangOpt {
    /// Language of messages (default en).
    #[arg(long, value_name = "LANG", value_parser = lang())]
    pub lang: Option<Lang>,
}

/// `--store FILE`.
#[derive(Debug, clap::Args)]
pub struct StoreOpt {
    /// The workspace file (default: the app's, ~/.local/share/permit-packet/workspace.sqlite3).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub store: Option<PathBuf>,
    /// A file holding the workspace's passphrase or recovery key (default:
    /// the file PERMIT_PACKET_PASSPHRASE_FILE names, else the OS keyring,
    /// else asked on the terminal). Never the passphrase itself.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub passphrase_file: Option<PathBuf>,
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
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Set up and run a team workspace on PostgreSQL: schema, organisations, officers
    #[command(subcommand)]
    Team(TeamCommand),
    /// The audit trail: who changed what and when, tamper-evident
    #[command(subcommand)]
    Audit(AuditCommand),
    /// A person's data on request: export everything held, or erase it
    #[command(subcommand)]
    Person(PersonCommand),
    /// The workspace's encryption: status, encrypt, change the passphrase, a recovery key
    #[command(subcommand)]
    Key(KeyCommand),
}

/// `--store URL` of the team commands (required).
#[derive(Debug, clap::Args)]
pub struct TeamStoreOpt {
    /// The team workspace: postgres://LOGIN@HOST[:PORT]/DATABASE[?sslmode=verify-full&sslrootcert=FILE]
    #[arg(long, value_name = "URL", value_hint = ValueHint::Url)]
    pub store: String,
    /// Language of messages (default en); with the store, as every team
    /// command takes both.
    #[arg(long, value_name = "LANG", value_parser = lang())]
    pub lang: Option<Lang>,
}

impl TeamCommand {
    /// The language of the command's messages (`--lang`, default English).
    pub fn lang(&self) -> Lang {
        let store = match self {
            TeamCommand::Init { store }
            | TeamCommand::AddOfficer { store, .. }
            | TeamCommand::List { store }
            | TeamCommand::Import { store, .. }
            | TeamCommand::Export { store, .. }
            | TeamCommand::RemoveOfficer { store, .. } => store,
        };
        store.lang.unwrap_or_default()
    }
}

/// `team init|add-officer|list|import|export|remove-officer`.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Create the team workspace's schema, roles and policies (or upgrade them); run as the owner
    Init {
        #[command(flatten)]
        store: TeamStoreOpt,
    },
    /// Add an officer (creating the login) to an organisation, or change their role
    AddOfficer {
        /// The officer's login (lower-case letters, digits, _ . -).
        #[arg(value_name = "LOGIN")]
        login: String,
        /// The organisation (created when new; by the owner only).
        #[arg(long, value_name = "ORG")]
        org: String,
        /// officer (reads and changes the organisation's cases), auditor (reads only) or admin (also manages the organisation's members).
        #[arg(long, value_name = "ROLE", default_value = "officer", value_parser = team_role())]
        role: &'static str,
        /// Read the new login's password from this file's first line (default: standard input).
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        password_file: Option<PathBuf>,
        /// Keep an existing login's password (no password is read).
        #[arg(long)]
        keep_password: bool,
        #[command(flatten)]
        store: TeamStoreOpt,
    },
    /// List the members the login may see: login, organisation, role, added
    List {
        #[command(flatten)]
        store: TeamStoreOpt,
    },
    /// Copy a laptop workspace's cases and templates into an organisation (owner; again without duplicates)
    Import {
        /// The workspace file (*.sqlite3); it is not changed.
        #[arg(value_name = "WORKSPACE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// The organisation to copy into (created when new).
        #[arg(long, value_name = "ORG")]
        org: String,
        #[command(flatten)]
        store: TeamStoreOpt,
    },
    /// Copy an organisation's cases and templates into a new workspace file (owner)
    Export {
        /// The organisation.
        #[arg(long, value_name = "ORG")]
        org: String,
        /// The new workspace file (never an existing one).
        #[arg(value_name = "OUT", value_hint = ValueHint::FilePath)]
        out: PathBuf,
        #[command(flatten)]
        store: TeamStoreOpt,
    },
    /// Remove an officer: they can no longer sign in; the cases stay
    RemoveOfficer {
        /// The officer's login.
        #[arg(value_name = "LOGIN")]
        login: String,
        #[command(flatten)]
        store: TeamStoreOpt,
    },
}

/// `audit verify|show|export`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the chain of the whole log; exit code 1 when it does not verify
    Verify {
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Print the history of a case (or of the whole workspace), newest first
    Show {
        /// Only this case's entries.
        #[arg(long = "case", value_name = "ID", value_parser = case_id())]
        case: Option<i64>,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Write the log (or the entries between two days) as CSV or JSON, for an auditor
    Export {
        /// Only entries from this day on (UTC).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date())]
        from: Option<NaiveDate>,
        /// Only entries up to and including this day (UTC).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date())]
        to: Option<NaiveDate>,
        /// csv (one row per field changed) or json.
        #[arg(long, value_name = "FORMAT", value_parser = audit_format())]
        format: &'static str,
        /// The file to write (an existing one only with --force).
        #[arg(short = 'o', long = "output", value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: PathBuf,
        #[command(flatten)]
        force: ForceOpt,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
}

/// `person export|erase`.
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Write everything held about a case's applicant as JSON and a readable PDF
    Export {
        /// The case.
        #[arg(long = "case", value_name = "ID", value_parser = case_id())]
        case: i64,
        /// The JSON file to write; the PDF goes beside it (FILE with .pdf).
        #[arg(short = 'o', long = "output", value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: PathBuf,
        #[command(flatten)]
        force: ForceOpt,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Erase everything held about a case's applicant, for good (asks first)
    Erase {
        /// The case.
        #[arg(long = "case", value_name = "ID", value_parser = case_id())]
        case: i64,
        /// Do not ask.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
}

/// `key status|encrypt|change-passphrase|recovery-key`.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Show whether the workspace is encrypted and whether the keyring holds its key
    Status {
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        lang: LangOpt,
    },
    /// Encrypt a workspace that is not encrypted yet (a checked copy replaces it)
    Encrypt {
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        lang: LangOpt,
    },
    /// Encrypt the workspace with a new passphrase instead of its present key
    ChangePassphrase {
        /// A file holding the new passphrase (default: asked twice on the terminal).
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        new_passphrase_file: Option<PathBuf>,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        lang: LangOpt,
    },
    /// Make a new recovery key and print it once (earlier ones stop working)
    RecoveryKey {
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        lang: LangOpt,
    },
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
        /// Encrypt the case file (age, scrypt) with the passphrase held in this file.
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with = "recipient")]
        case_passphrase_file: Option<PathBuf>,
        /// Encrypt the case file for this age public key (age1…; repeat for more recipients).
        #[arg(long, value_name = "AGE_KEY")]
        recipient: Vec<String>,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Import a case file as a new case, or into the one it matches (--on-duplicate)
    Import {
        /// The case file (*.permit-case.json).
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// What to do when the file matches a case already in the workspace (default new).
        #[arg(long, value_name = "WHAT", value_parser = on_duplicate())]
        on_duplicate: Option<OnDuplicate>,
        /// The passphrase of an encrypted case file, held in this file (default: asked on the terminal).
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with = "identity")]
        case_passphrase_file: Option<PathBuf>,
        /// The age identity file (AGE-SECRET-KEY-1…) an encrypted case file was made for.
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        identity: Option<PathBuf>,
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
    Status {
        #[command(flatten)]
        lang: LangOpt,
    },
    /// Check a signed rules bundle and say whether it would be installed
    Verify {
        /// The rules bundle (*.ppbundle).
        #[arg(value_name = "BUNDLE", value_hint = ValueHint::FilePath)]
        bundle: PathBuf,
        #[command(flatten)]
        lang: LangOpt,
    },
    /// Show what a rules bundle would change, case by case
    Diff {
        /// The rules bundle (*.ppbundle).
        #[arg(value_name = "BUNDLE", value_hint = ValueHint::FilePath)]
        bundle: PathBuf,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Install a rules bundle and re-plan every case
    Install {
        /// The rules bundle (*.ppbundle).
        #[arg(value_name = "BUNDLE", value_hint = ValueHint::FilePath)]
        bundle: PathBuf,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
    },
    /// Fetch a rules bundle from an https:// address and install it
    Fetch {
        /// The bundle's address (https://…).
        #[arg(value_name = "URL", value_hint = ValueHint::Url)]
        url: String,
        #[command(flatten)]
        store: StoreOpt,
        #[command(flatten)]
        view: ViewOpts,
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
        #[command(flatten)]
        lang: LangOpt,
    },
}
