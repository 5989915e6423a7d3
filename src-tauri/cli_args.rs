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
use clap::FromArgMatches;
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
    /// `--passphrase-file FILE`: the workspace's passphrase or recovery key.
    pub passphrase_file: Option<PathBuf>,
    /// `--new-passphrase-file FILE` (`key change-passphrase`).
    pub new_passphrase_file: Option<PathBuf>,
    /// `--case-passphrase-file FILE` (`case export|import`): an encrypted case file's passphrase.
    pub case_passphrase_file: Option<PathBuf>,
    /// Each `--recipient AGE_KEY` (`case export`).
    pub recipients: Vec<String>,
    /// `--identity FILE` (`case import`).
    pub identity: Option<PathBuf>,
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
    /// `--on-duplicate ask|skip|update|new` (`import`, `case import`).
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
        crate::cli_key::open(self)
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
/// The message is kept in the error's context too, for the errors written
/// in the command line's language (`cli_help::render_error`).
fn refused(cmd: &clap::Command, message: String) -> clap::Error {
    let mut e = clap::Error::raw(ErrorKind::InvalidValue, &message).format(&mut cmd.clone());
    e.insert(
        clap::error::ContextKind::Custom,
        clap::error::ContextValue::String(message),
    );
    e.insert(
        clap::error::ContextKind::Usage,
        clap::error::ContextValue::StyledStr(cmd.clone().render_usage()),
    );
    e
}

/// A text of the command line's messages, in the language the command line
/// is read in (`--lang`).
fn say(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    permit_core::messages::text(crate::cli_help::help_lang(), key, args)
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
pub(crate) struct OneOf<T: Clone + Send + Sync + 'static> {
    values: Vec<(PossibleValue, T)>,
}

impl<T: Clone + Send + Sync + 'static> OneOf<T> {
    /// The values of `group`, each with its help from the catalogue
    /// (`cli.help.value.<group>.<value>`) in the language the help is made in.
    fn new(group: &str, values: impl IntoIterator<Item = (&'static str, T)>) -> Self {
        Self {
            values: values
                .into_iter()
                .map(|(name, v)| {
                    let p = PossibleValue::new(name);
                    let help = crate::cli_help::value_help(group, name);
                    (if help.is_empty() { p } else { p.help(help) }, v)
                })
                .collect(),
        }
    }

    /// "`a` or `b`", "`a`, `b`, `c` or `d`"; beyond four, "one of a, b, …"
    /// (the words in the command line's language).
    fn accepted(&self) -> String {
        let names: Vec<&str> = self.values.iter().map(|(p, _)| p.get_name()).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => format!("`{one}`"),
            [rest @ .., last] if names.len() <= 4 => {
                let rest: Vec<String> = rest.iter().map(|n| format!("`{n}`")).collect();
                say(
                    "cli.help.clap.either",
                    &[("first", &rest.join(", ")), ("last", &format!("`{last}`"))],
                )
            }
            _ => say("cli.help.clap.one_of", &[("values", &names.join(", "))]),
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
                    say(
                        "cli.help.clap.expected",
                        &[
                            ("option", &option_name(arg)),
                            ("value", &text),
                            ("accepted", &self.accepted()),
                        ],
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
pub(crate) struct Checked<T: Clone + Send + Sync + 'static>(fn(&str) -> Result<T, String>);

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

pub(crate) fn lang() -> OneOf<Lang> {
    OneOf::new("lang", [("en", Lang::En), ("da", Lang::Da)])
}

pub(crate) fn format() -> OneOf<Format> {
    OneOf::new("format", [("json", Format::Json), ("text", Format::Text)])
}

pub(crate) fn on_duplicate() -> OneOf<OnDuplicate> {
    OneOf::new(
        "on_duplicate",
        [
            ("skip", OnDuplicate::Skip),
            ("update", OnDuplicate::Update),
            ("new", OnDuplicate::New),
            ("ask", OnDuplicate::Ask),
        ],
    )
}

/// A team member's role (`team add-officer --role`), from the team
/// workspace's own list.
pub(crate) fn team_role() -> OneOf<&'static str> {
    OneOf::new(
        "team_role",
        permit_store_postgres::team::ROLES.iter().map(|r| (*r, *r)),
    )
}

/// The audit log's export formats (`audit export --format`).
pub(crate) fn audit_format() -> OneOf<&'static str> {
    OneOf::new("audit_format", [("csv", "csv"), ("json", "json")])
}

/// The readiness groups, from the core's own list.
pub(crate) fn readiness() -> OneOf<Readiness> {
    OneOf::new("ready", Readiness::ALL.iter().map(|r| (r.id(), *r)))
}

pub(crate) fn date() -> Checked<NaiveDate> {
    Checked(|s| {
        permit_core::situation::parse_iso_date(s).map_err(|m| {
            // The core's English reading names what is wrong with the
            // date; in Danish, the catalogue's.
            if crate::cli_help::help_lang() == Lang::En {
                m
            } else {
                say("cli.help.clap.not_a_date", &[("value", &s)])
            }
        })
    })
}

pub(crate) fn case_id() -> Checked<i64> {
    Checked(|s| {
        s.parse()
            .map_err(|_| say("cli.help.clap.not_a_case_id", &[("value", &s)]))
    })
}

// The commands (clap's definitions) are in `cli_def.rs`.
pub use crate::cli_def::*;

// The examples, the texts after the options and the command itself are in
// `cli_help.rs`.
pub use crate::cli_help::{
    arg_help, command, command_in, desktop_command, examples, exit_codes, missing_help,
    missing_help_of, render_error, value_name_key, Example,
};

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
    /// `team …` (`cli_team`).
    Team(TeamCommand),
    /// `audit …` (`cli_audit`).
    Audit(crate::cli_def::AuditCommand),
    /// `person …` (`cli_audit`).
    Person(crate::cli_def::PersonCommand),
}

fn with_view(a: Args, v: ViewOpts) -> Args {
    Args {
        lang: v.lang,
        today: v.today,
        ..a
    }
}

fn with_lang(a: Args, l: LangOpt) -> Args {
    Args { lang: l.lang, ..a }
}

fn with_store(a: Args, s: StoreOpt) -> Args {
    Args {
        store: s.store,
        passphrase_file: s.passphrase_file,
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
                case_passphrase_file,
                recipient,
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
                            case_passphrase_file,
                            recipients: recipient,
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
            ),
            Command::Case(CaseCommand::Import {
                file,
                on_duplicate,
                case_passphrase_file,
                identity,
                store,
                view,
            }) => Parsed::Cases(
                "case",
                with_store(
                    with_view(
                        Args {
                            positional: vec!["import".to_owned(), path_text(&file)],
                            on_duplicate,
                            case_passphrase_file,
                            identity,
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
            Command::Team(t) => Parsed::Team(t),
            Command::Audit(c) => Parsed::Audit(c),
            Command::Person(c) => Parsed::Person(c),
            Command::Key(k) => Parsed::Cases(
                "key",
                match k {
                    KeyCommand::Status { store, lang } => with_store(
                        with_lang(
                            Args {
                                positional: words(&["status"]),
                                ..none()
                            },
                            lang,
                        ),
                        store,
                    ),
                    KeyCommand::Encrypt { store, lang } => with_store(
                        with_lang(
                            Args {
                                positional: words(&["encrypt"]),
                                ..none()
                            },
                            lang,
                        ),
                        store,
                    ),
                    KeyCommand::ChangePassphrase {
                        new_passphrase_file,
                        store,
                        lang,
                    } => with_store(
                        with_lang(
                            Args {
                                positional: words(&["change-passphrase"]),
                                new_passphrase_file,
                                ..none()
                            },
                            lang,
                        ),
                        store,
                    ),
                    KeyCommand::RecoveryKey { store, lang } => with_store(
                        with_lang(
                            Args {
                                positional: words(&["recovery-key"]),
                                ..none()
                            },
                            lang,
                        ),
                        store,
                    ),
                },
            ),
            Command::Rules(r) => Parsed::Rules(match r {
                RulesCommand::Status { lang } => with_lang(
                    Args {
                        positional: words(&["status"]),
                        ..none()
                    },
                    lang,
                ),
                RulesCommand::Verify { bundle, lang } => with_lang(
                    Args {
                        positional: vec!["verify".to_owned(), path_text(&bundle)],
                        ..none()
                    },
                    lang,
                ),
                RulesCommand::Diff {
                    bundle,
                    store,
                    view,
                } => with_store(
                    with_view(
                        Args {
                            positional: vec!["diff".to_owned(), path_text(&bundle)],
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
                RulesCommand::Install {
                    bundle,
                    store,
                    view,
                } => with_store(
                    with_view(
                        Args {
                            positional: vec!["install".to_owned(), path_text(&bundle)],
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
                RulesCommand::Fetch { url, store, view } => with_store(
                    with_view(
                        Args {
                            positional: vec!["fetch".to_owned(), url],
                            ..none()
                        },
                        view,
                    ),
                    store,
                ),
                RulesCommand::Export {
                    output,
                    force,
                    store,
                    lang,
                } => with_store(
                    with_lang(
                        Args {
                            positional: words(&["export"]),
                            out: Some(output),
                            force: force.force,
                            ..none()
                        },
                        lang,
                    ),
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
    let lang = arg_lang(args);
    let command = || command_in(lang);
    let read = crate::cli_help::in_lang(lang, || {
        command().try_get_matches_from(program.chain(args.iter().cloned()))
    });
    let matches = match read {
        Ok(m) => m,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return Ok(Parsed::Print(e.render().to_string()))
        }
        Err(e) => return Err(wrong_usage(&e, lang)),
    };
    let cli = Cli::from_arg_matches(&matches).map_err(|e| wrong_usage(&e, lang))?;
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

/// The language of the help: the command line's `--lang` (`--lang da`,
/// `--lang=da`), read before clap reads the rest, as every command reads it;
/// English otherwise.
pub(crate) fn arg_lang(args: &[String]) -> Lang {
    let mut lang = Lang::En;
    let mut words = args.iter();
    while let Some(w) = words.next() {
        let value = match w.strip_prefix("--lang") {
            Some("") => words.next().map(String::as_str),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        match value {
            Some("da") => lang = Lang::Da,
            Some("en") => lang = Lang::En,
            _ => {}
        }
    }
    lang
}

/// Clap's message (it starts with `error:` and ends with the usage), and
/// its exit code: 2 for wrong usage, as before. In Danish the message is
/// ours, from the error's kind and context (`cli_help::render_error`); a
/// command's help shown for a missing command is already in `lang`.
fn wrong_usage(e: &clap::Error, lang: Lang) -> CliError {
    let message = match (lang, e.kind()) {
        (Lang::En, _) | (_, ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) => {
            e.render().to_string()
        }
        _ => crate::cli_help::render_error(e, lang),
    };
    CliError::Arguments {
        message,
        code: e.exit_code(),
    }
}
