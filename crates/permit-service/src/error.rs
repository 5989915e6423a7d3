//! The errors a front end shows, and the small helpers that make them.

use crate::drafts::localized;
use crate::prelude::*;

/// An error shown to the user: a stable `kind`, a readable `message`, and
/// for invalid answers the fields concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message}")]
pub struct AppError {
    /// What went wrong, as a stable name.
    pub kind: ErrorKind,
    /// What happened, for people.
    pub message: String,
    /// The workspace file concerned, where there is one.
    pub path: Option<String>,
    /// Field errors of an invalid situation.
    pub fields: Vec<FieldError>,
    /// The language `message` is written in: the view's, where the service
    /// layer wrote it from the message catalogue; `None` for the program's
    /// own English or technical words (an OS error, a library's message),
    /// which the UI replaces with a sentence of its own for the kind.
    pub lang: Option<Lang>,
}

impl AppError {
    pub(crate) fn new(kind: &str, message: impl Into<String>) -> Self {
        AppError {
            kind: kind.into(),
            message: message.into(),
            path: None,
            fields: vec![],
            lang: None,
        }
    }

    /// An error whose message is the catalogue's `text` written in `lang`.
    pub(crate) fn written(kind: &str, text: &Msg, lang: Lang) -> Self {
        AppError {
            kind: kind.into(),
            message: text.render(lang),
            path: None,
            fields: vec![],
            lang: Some(lang),
        }
    }

    /// An invalid situation's error for a view in `lang`: its fields'
    /// messages and a headline saying how many answers are not accepted
    /// (with the first one's message), all in `lang`. Any other error is returned as it is.
    pub(crate) fn for_view(self, lang: Lang) -> Self {
        if self.kind != ErrorKind::InvalidInput {
            return self;
        }
        let fields = localized(self.fields, lang);
        let Some(first) = fields.first().map(|f| f.message.clone()) else {
            return AppError { fields, ..self };
        };
        let text = match fields.len() {
            1 => Msg::new("app.situation_invalid.one").with("first", first),
            n => Msg::new("app.situation_invalid.other")
                .with("n", n)
                .with("first", first),
        };
        AppError {
            message: text.render(lang),
            lang: Some(lang),
            fields,
            ..self
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError {
            kind: e.kind().into(),
            message: e.to_string(),
            path: Some(e.path().display().to_string()),
            fields: vec![],
            lang: None,
        }
    }
}

/// Result of the service layer.
pub type AppResult<T> = Result<T, AppError>;

pub(crate) fn parse_situation(text: &str) -> AppResult<Situation> {
    Situation::from_json(text, "situation").map_err(|e| AppError {
        kind: "invalid_input".into(),
        message: e.to_string(),
        path: None,
        fields: e.errors,
        lang: None,
    })
}

pub(crate) fn io_error(path: &Path, message: impl std::fmt::Display) -> AppError {
    AppError {
        kind: "io".into(),
        message: message.to_string(),
        path: Some(path.display().to_string()),
        fields: vec![],
        lang: None,
    }
}

/// Reads a whole input file of at most `max` bytes (a larger one is refused
/// before it is read).
pub(crate) fn read_file(path: &Path, max: u64) -> AppResult<Vec<u8>> {
    permit_files::read_limited(path, max)
        .map_err(|e| io_error(path, format!("{}: {e}", path.display())))
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub(crate) fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
