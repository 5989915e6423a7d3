//! What the store keeps and returns. Database-neutral: every backend reads
//! and writes these same values.

use chrono::NaiveDate;
use serde::Serialize;

/// The status of a case that is being worked on.
pub const STATUS_ACTIVE: &str = "active";
/// The status of a case put aside (still listed with a status filter).
pub const STATUS_ARCHIVED: &str = "archived";

/// One case, with everything stored about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRecord {
    /// The case id, stable for the life of the workspace.
    pub id: i64,
    /// The name shown in the case list (never empty).
    pub name: String,
    /// The situation (only accepted answers), as JSON text validated by the caller.
    pub situation_json: String,
    /// The answers as the user typed them when some were not accepted (the
    /// draft), as JSON text; `None` when every answer was accepted.
    pub draft_json: Option<String>,
    /// The case digest (the front ends' summary of its plan), as JSON text.
    pub digest_json: String,
    /// [`STATUS_ACTIVE`] or [`STATUS_ARCHIVED`].
    pub status: String,
    /// The nearest deadline of the case, if any.
    pub next_deadline: Option<NaiveDate>,
    /// When the case was created (RFC 3339, UTC, milliseconds).
    pub created_at: String,
    /// The case's version: when it last changed (RFC 3339, UTC,
    /// milliseconds). It strictly increases with every change; every write
    /// of a case is conditional on it.
    pub updated_at: String,
    /// Who made the version: the login on a team workspace (`None` on a
    /// file, where every writer is the same person).
    pub updated_by: Option<String>,
    /// Whether the case is soft-deleted.
    pub deleted: bool,
    /// Free-text notes on the case (empty when none).
    pub notes: String,
    /// The rules bundle version the digest and plan snapshot were made with
    /// (`None`: not known; the case is re-planned when next opened).
    pub rules_version: Option<String>,
    /// Whether a rules update changed the plan since the user last saw it.
    pub rules_changed: bool,
    /// The snapshot of the plan the user last saw.
    pub seen_json: Option<String>,
    /// The snapshot of the current plan.
    pub plan_json: Option<String>,
}

/// Which readiness group a case is in, as the case list filters and counts
/// it: `group`, and from the date `then.0` on, `then.1`. The service decides
/// both from the plan; the store only compares the date with the day asked
/// about (it knows no rule).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Readiness {
    /// The group until `then`'s date (or for good).
    pub group: String,
    /// The group from a date on.
    pub then: Option<(NaiveDate, String)>,
}

/// The columns the case list filters, sorts and searches by, all derived
/// by the service from the case and its plan. Plain values: any database can
/// query them with portable SQL. The default is a case not planned yet (an
/// empty digest, `{}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListColumns {
    /// The digest (the summary the case list shows), as JSON text.
    pub digest_json: String,
    /// The nearest act-by deadline.
    pub next_deadline: Option<NaiveDate>,
    /// The text a search looks in, already folded by the service (case and
    /// accents): a search needle, folded the same way, is found in it.
    pub search_text: String,
    /// The form codes of the plan.
    pub forms: Vec<String>,
    /// The readiness group (none when not decided yet).
    pub readiness: Option<Readiness>,
}

impl Default for ListColumns {
    fn default() -> Self {
        ListColumns {
            digest_json: "{}".into(),
            next_deadline: None,
            search_text: String::new(),
            forms: Vec::new(),
            readiness: None,
        }
    }
}

/// The rules state of a case's plan: which rules made it, its snapshot and
/// what the user has seen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanColumns {
    /// The rules bundle version it was made with.
    pub rules_version: Option<String>,
    /// The snapshot of the plan.
    pub plan_json: Option<String>,
    /// A new snapshot of the plan the user last saw (`None`: keep the stored one).
    pub seen_json: Option<String>,
    /// Whether the plan changed since the user last saw it.
    pub rules_changed: bool,
}

/// Everything the service writes for a case in one user action: its
/// situation, its draft, and what its plan gives.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseContent {
    /// The situation (accepted answers only), as JSON text.
    pub situation_json: String,
    /// The draft (the answers as typed when some are not accepted).
    pub draft_json: Option<String>,
    /// The list's columns.
    pub list: ListColumns,
    /// The plan's rules state.
    pub plan: PlanColumns,
}

/// A case to create.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewCase {
    /// The case name (trimmed; never empty).
    pub name: String,
    /// Free-text notes.
    pub notes: String,
    /// Its content.
    pub content: CaseContent,
}

/// One line of the case list: a case without its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    /// The case id.
    pub id: i64,
    /// The case name.
    pub name: String,
    /// [`STATUS_ACTIVE`] or [`STATUS_ARCHIVED`].
    pub status: String,
    /// The nearest deadline of the case, if any.
    pub next_deadline: Option<NaiveDate>,
    /// The digest JSON.
    pub digest_json: String,
    /// When the case was created.
    pub created_at: String,
    /// The case's version.
    pub updated_at: String,
    /// Whether the case is soft-deleted.
    pub deleted: bool,
    /// Whether a rules update changed the plan since the user last saw it.
    pub rules_changed: bool,
    /// Whether the case holds a draft (answers not accepted).
    pub has_draft: bool,
}

/// The rules state of a live case, for re-planning: the version read with
/// it makes the re-plan's write conditional.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanState {
    /// The case id.
    pub id: i64,
    /// The case name.
    pub name: String,
    /// The case's version when read.
    pub updated_at: String,
    /// The situation JSON (empty when damaged; see `damaged`).
    pub situation_json: String,
    /// The rules bundle version of the stored digest and plan snapshot.
    pub rules_version: Option<String>,
    /// Whether a rules update changed the plan since the user last saw it.
    pub rules_changed: bool,
    /// The snapshot of the plan the user last saw.
    pub seen_json: Option<String>,
    /// A stored text is not UTF-8: the case cannot be planned.
    pub damaged: bool,
}

/// Which cases a list returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only cases whose search text contains this text (already folded by
    /// the caller, as the search text was).
    pub search: Option<String>,
    /// Only cases with this status.
    pub status: Option<String>,
    /// Also list soft-deleted cases.
    pub include_deleted: bool,
    /// Only cases whose plan has this form.
    pub form: Option<String>,
    /// Only cases whose nearest deadline is on or before this date.
    pub due_by: Option<NaiveDate>,
    /// Only cases in this readiness group on the given day.
    pub readiness: Option<(String, NaiveDate)>,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePage {
    /// The cases of the page, in order.
    pub rows: Vec<CaseSummary>,
    /// How many cases match the filter in all.
    pub total: usize,
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Nearest deadline first; cases without a deadline last; then by name.
    #[default]
    NearestDeadline,
    /// By name, ignoring ASCII case.
    Name,
    /// Most recently changed first.
    Updated,
    /// By the plan's forms (the `forms` column as text); cases without a
    /// form last; then by name.
    Form,
    /// By the readiness group on a day, the groups in the order given (ids
    /// as stored; a group not listed, or none, last); then nearest deadline.
    Readiness {
        /// The day the group is read on.
        today: NaiveDate,
        /// The group ids, first first.
        order: &'static [&'static str],
    },
}

/// Proof of a soft delete, for an "Undo" button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeleteToken {
    /// The deleted case.
    pub id: i64,
    /// When it was deleted (RFC 3339, UTC, milliseconds).
    pub deleted_at: String,
}

/// An organisation's checklist template: own items saved once and applied
/// to new cases. The items are opaque JSON text (the caller's format).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateRecord {
    /// The template id.
    pub id: i64,
    /// The template name (unique in the workspace).
    pub name: String,
    /// The items, as JSON text.
    pub items_json: String,
    /// When the template was first saved.
    pub created_at: String,
    /// When the template last changed.
    pub updated_at: String,
}

/// The login and organisation a team workspace is opened as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// The login.
    pub login: String,
    /// The organisation's id.
    pub org_id: i64,
    /// The organisation's name.
    pub organisation: String,
    /// `officer`, `auditor` or `admin`.
    pub role: String,
}

impl Membership {
    /// Whether the login only reads (an auditor): it writes nothing, not
    /// even a re-plan.
    pub fn read_only(&self) -> bool {
        self.role == "auditor"
    }
}
