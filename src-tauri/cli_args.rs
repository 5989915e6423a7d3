//! The command line's arguments, read once for every command: each command
//! names the options it accepts, and anything else is refused by name.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use permit_batch::hires::Mode;
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

/// Every option a command may take, and the other arguments in order.
#[derive(Debug, Default)]
pub struct Args {
    /// The arguments that are not options, in order.
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
    pub ready: Option<permit_core::digest::Readiness>,
    /// `--on-duplicate ask|skip|update|new`.
    pub on_duplicate: Option<OnDuplicate>,
}

fn usage(m: impl Into<String>) -> CliError {
    CliError::Usage(m.into())
}

/// Reads `args` (the command itself not included); an option that is not
/// in `accepted` is refused as unknown.
pub fn parse(args: &[String], accepted: &[&str]) -> Result<Args, CliError> {
    let mut a = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let name = arg.as_str();
        if name.starts_with('-') && name.len() > 1 && !accepted.contains(&name) {
            return Err(usage(format!("unknown option `{name}`")));
        }
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| usage(format!("`{name}` needs a value")))
        };
        match name {
            "--store" => a.store = Some(PathBuf::from(value()?)),
            "-o" | "--output" | "--out" => a.out = Some(PathBuf::from(value()?)),
            "--case" => {
                let v = value()?;
                a.cases.push(
                    v.parse()
                        .map_err(|_| usage(format!("--case `{v}`: expected a case id")))?,
                );
            }
            "--lang" => {
                a.lang = Some(match value()?.as_str() {
                    "en" => Lang::En,
                    "da" => Lang::Da,
                    v => return Err(usage(format!("--lang `{v}`: expected `en` or `da`"))),
                })
            }
            "--today" => {
                let v = value()?;
                a.today = Some(
                    permit_core::situation::parse_iso_date(&v)
                        .map_err(|m| usage(format!("--today: {m}")))?,
                );
            }
            "--format" => {
                a.format = Some(match value()?.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    v => return Err(usage(format!("--format `{v}`: expected `json` or `text`"))),
                })
            }
            "--all-or-nothing" | "--valid-rows" => {
                let m = if name == "--valid-rows" {
                    Mode::ValidRows
                } else {
                    Mode::AllOrNothing
                };
                if a.mode.replace(m).is_some_and(|old| old != m) {
                    return Err(usage("choose one of --all-or-nothing and --valid-rows"));
                }
            }
            "--template" => a.template = true,
            "--force" => a.force = true,
            "--columns" => a.columns = true,
            "--apply-template" => a.apply_template = Some(value()?),
            "--search" => a.search = Some(value()?),
            "--ready" => {
                let g = value()?;
                a.ready = Some(permit_core::digest::Readiness::from_id(&g).ok_or_else(|| {
                    let accepted: Vec<&str> = permit_core::digest::Readiness::ALL
                        .iter()
                        .map(|r| r.id())
                        .collect();
                    usage(format!(
                        "--ready `{g}`: expected one of {}",
                        accepted.join(", ")
                    ))
                })?);
            }
            "--on-duplicate" => {
                a.on_duplicate = Some(match value()?.as_str() {
                    "ask" => OnDuplicate::Ask,
                    "skip" => OnDuplicate::Skip,
                    "update" => OnDuplicate::Update,
                    "new" => OnDuplicate::New,
                    v => {
                        return Err(usage(format!(
                            "--on-duplicate `{v}`: expected `skip`, `update`, `new` or `ask`"
                        )))
                    }
                })
            }
            s => a.positional.push(s.to_owned()),
        }
    }
    Ok(a)
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
