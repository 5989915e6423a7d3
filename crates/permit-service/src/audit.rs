//! The audit trail as the front ends see it: what every action records (in
//! the same unit of work as its change), the History of a case, `audit
//! verify` and `audit export`, a person's data on request (`person export`)
//! and its erasure (`person erase`), and the retention of deleted cases.
//!
//! Who: the OS user (its passwd name, else `uid N`); where: the host name.
//! The values (old → new, file names, template names) are kept apart from
//! the chained entries (see `permit_store::audit`), so an erasure removes
//! them and the chain still verifies.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use permit_store::audit::{self as chain, AuditFault, ACTION_ERASED};
use permit_store::{AuditChange, AuditEntry, AuditFilter, AuditRecord, Tx};
use serde_json::Value;

use crate::exports::write_output;
use crate::prelude::*;

/// Every action the trail records, by id (the catalogue's
/// `audit.action.{id}` names it for people).
pub const ACTIONS: &[&str] = &[
    "create",
    "edit",
    "document",
    "own_item",
    "import",
    "import_update",
    "duplicate",
    "template",
    "replan",
    "rename",
    "archive",
    "unarchive",
    "delete",
    "restore",
    "conflict",
    "purge",
    ACTION_ERASED,
    "export_pdf",
    "export_case_file",
    "export_batch",
    "export_ics",
    "export_person",
    "export_audit",
];

/// The workspace setting holding how many days a deleted case is kept
/// before it is purged.
pub const RETENTION_SETTING: &str = "retention_days";

/// The workspace setting saying an erasure's deleted bytes may still be in
/// the storage (the scrub after it did not finish: another program held the
/// file); the next open scrubs again.
pub const SCRUB_PENDING_SETTING: &str = "scrub_pending";

/// Who acts and from where: the OS user and the host name (read once).
pub fn who() -> (String, String) {
    static WHO: OnceLock<(String, String)> = OnceLock::new();
    WHO.get_or_init(|| (os_user(), host_name())).clone()
}

#[cfg(unix)]
fn os_user() -> String {
    use std::ffi::CStr;
    // SAFETY: getuid cannot fail; getpwuid_r writes only into `pwd` and
    // `buf` (whose length is passed) and sets `found` to `&pwd` or null.
    unsafe {
        let uid = libc::getuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 16 * 1024];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found);
        if rc == 0 && !found.is_null() && !pwd.pw_name.is_null() {
            CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned()
        } else {
            format!("uid {uid}")
        }
    }
}

#[cfg(not(unix))]
fn os_user() -> String {
    String::from("?")
}

#[cfg(unix)]
fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `buf.len()` bytes into `buf`.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return String::from("?");
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

#[cfg(not(unix))]
fn host_name() -> String {
    String::from("?")
}

/// The leaves of a situation by path: objects `a.b`, arrays `[i]`, and a
/// document list keyed by the document's id (`documents[passport]`) or an
/// own document's name (`documents[own:Lease]`), so adding one does not
/// shift the others.
fn flatten(v: &Value, at: &str, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                flatten(x, &path, out);
            }
        }
        Value::Array(xs) => {
            for (i, x) in xs.iter().enumerate() {
                let key = match (x.get("id").and_then(Value::as_str), x.get("name")) {
                    (Some(id), _) => id.to_owned(),
                    (None, Some(Value::String(n))) => format!("own:{n}"),
                    _ => i.to_string(),
                };
                flatten(x, &format!("{at}[{key}]"), out);
            }
        }
        Value::Null => {}
        _ => {
            out.insert(at.to_owned(), v.clone());
        }
    }
}

/// [`flatten`] of `old` into `a` and of `new` into `b`, as two calls would
/// write them, but leaving out what an edit leaves alone: the members of an
/// object equal on both sides add the same entries to both maps. That is
/// exact only when no other member's entries can share their paths, so an
/// object with a member named with `.` or `[` (never in a situation; a
/// draft is written by the UI) is flattened whole, as are arrays (their
/// elements' keys may repeat).
fn flatten_both(
    old: &Value,
    new: &Value,
    at: &str,
    a: &mut BTreeMap<String, Value>,
    b: &mut BTreeMap<String, Value>,
) {
    let plain = |m: &serde_json::Map<String, Value>| m.keys().all(|k| !k.contains(['.', '[']));
    match (old, new) {
        (Value::Object(x), Value::Object(y)) if plain(x) && plain(y) => {
            let path = |k: &str| {
                if at.is_empty() {
                    k.to_owned()
                } else {
                    format!("{at}.{k}")
                }
            };
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if v == w => {}
                    Some(w) => flatten_both(v, w, &path(k), a, b),
                    None => flatten(v, &path(k), a),
                }
            }
            for (k, w) in y {
                if !x.contains_key(k) {
                    flatten(w, &path(k), b);
                }
            }
        }
        _ => {
            flatten(old, at, a);
            flatten(new, at, b);
        }
    }
}

/// A situation as stored: read as a [`RawSituation`] and written back (so
/// a default left out and one written compare equal); as it is when it is
/// not one (a draft holding answers not accepted).
pub fn normal(v: &Value) -> std::borrow::Cow<'_, Value> {
    serde_json::from_value::<RawSituation>(v.clone())
        .ok()
        .and_then(|raw| serde_json::to_value(raw).ok())
        .map_or(std::borrow::Cow::Borrowed(v), std::borrow::Cow::Owned)
}

/// The fields that differ between two situations as stored (see
/// [`normal`]), old → new, by path; an empty list or an absent value count
/// as none.
pub fn changes(old: &Value, new: &Value) -> Vec<AuditChange> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    flatten_both(old, new, "", &mut a, &mut b);
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (a.get(k), b.get(k));
            (x != y).then(|| AuditChange {
                field: k.clone(),
                old: x.cloned().unwrap_or(Value::Null),
                new: y.cloned().unwrap_or(Value::Null),
            })
        })
        .collect()
}

/// The action an edit records: `document` when only documents' states
/// changed (gathered, translation, language), `own_item` when only the
/// user's own documents changed, else `edit`.
pub fn edit_action(changes: &[AuditChange]) -> &'static str {
    let in_docs = |c: &AuditChange| c.field.starts_with("documents[");
    if changes.is_empty() || !changes.iter().all(in_docs) {
        "edit"
    } else if changes
        .iter()
        .all(|c| c.field.starts_with("documents[own:"))
    {
        "own_item"
    } else {
        "document"
    }
}

/// Appends an entry by the current user in `tx` (the unit of work of the
/// change it records).
pub(crate) fn append(
    tx: &mut dyn Tx,
    case_id: Option<i64>,
    action: &str,
    changes: Vec<AuditChange>,
    detail: Value,
) -> AppResult<()> {
    let (actor, machine) = who();
    tx.append_audit(&AuditEntry {
        case_id,
        actor,
        machine,
        action: action.to_owned(),
        changes,
        detail,
    })?;
    Ok(())
}

/// [`append`] for several entries (case, action, changes, detail), written
/// together (one round trip on a server).
pub(crate) fn append_many(
    tx: &mut dyn Tx,
    entries: Vec<(Option<i64>, &str, Vec<AuditChange>, Value)>,
) -> AppResult<()> {
    let (actor, machine) = who();
    let entries: Vec<AuditEntry> = entries
        .into_iter()
        .map(|(case_id, action, changes, detail)| AuditEntry {
            case_id,
            actor: actor.clone(),
            machine: machine.clone(),
            action: action.to_owned(),
            changes,
            detail,
        })
        .collect();
    tx.append_audit_many(&entries)?;
    Ok(())
}

/// One change of a History entry.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryChange {
    /// The field's path (`salary.amount`).
    pub field: String,
    /// Before (`null`: none).
    #[ts(type = "unknown")]
    pub old: Value,
    /// After (`null`: none).
    #[ts(type = "unknown")]
    pub new: Value,
}

/// One entry of a case's History (or of the whole log).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// Its position in the log.
    pub seq: i64,
    /// The case, if one.
    pub case_id: Option<i64>,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who (the OS user).
    pub actor: String,
    /// From which machine.
    pub machine: String,
    /// The action's id (see [`ACTIONS`]).
    pub action: String,
    /// The action in the view's language.
    pub label: String,
    /// The names of the fields changed.
    pub fields: Vec<String>,
    /// The changes, old → new (empty when erased).
    pub changes: Vec<HistoryChange>,
    /// Details of the action (a file, a template; `null` when none or erased).
    #[ts(type = "unknown")]
    pub detail: Value,
    /// Whether the values were erased with the person's data.
    pub erased: bool,
}

/// One problem `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VerifyProblem {
    /// The entry.
    pub seq: i64,
    /// `edited`, `broken`, `gap`, `values_edited`, `values_missing`.
    pub fault: String,
    /// What it means, in the view's language.
    pub message: String,
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    /// Entries checked.
    pub entries: usize,
    /// The newest entry's hash (note it: a log cut after it, or wholly
    /// recomputed, shows against it).
    pub head: Option<String>,
    /// Every problem; none: the log is as written.
    pub problems: Vec<VerifyProblem>,
}

/// The format of `audit export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditFormat {
    /// One row per change (an entry without changes: one row).
    Csv,
    /// The entries as a JSON array.
    Json,
}

/// What `person erase` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EraseResult {
    /// The case erased.
    pub case_id: i64,
    /// Audit entries whose values were removed.
    pub entries_cleared: usize,
}

fn fault_id(f: AuditFault) -> &'static str {
    match f {
        AuditFault::Edited => "edited",
        AuditFault::Broken => "broken",
        AuditFault::Gap => "gap",
        AuditFault::ValuesEdited => "values_edited",
        AuditFault::ValuesMissing => "values_missing",
    }
}

/// The action's name in `lang` (its id when the catalogue has none).
pub fn action_label(action: &str, lang: Lang) -> String {
    let key = format!("audit.action.{action}");
    let text = permit_core::messages::text(lang, &key, &[]);
    if text == key {
        action.to_owned()
    } else {
        text
    }
}

fn history_entry(r: AuditRecord, lang: Lang) -> HistoryEntry {
    #[derive(Deserialize, Default)]
    struct Values {
        #[serde(default)]
        changes: Vec<AuditChange>,
        #[serde(default)]
        detail: Value,
    }
    let erased = r.values.is_none();
    let values: Values = r
        .values
        .as_ref()
        .and_then(|v| serde_json::from_str(&v.json).ok())
        .unwrap_or_default();
    HistoryEntry {
        seq: r.seq,
        case_id: r.case_id,
        label: action_label(&r.action, lang),
        at: r.at,
        actor: r.actor,
        machine: r.machine,
        action: r.action,
        fields: r.fields,
        changes: values
            .changes
            .into_iter()
            .map(|c| HistoryChange {
                field: c.field,
                old: c.old,
                new: c.new,
            })
            .collect(),
        detail: values.detail,
        erased,
    }
}

/// A value as a cell: text as it is, `null` empty, anything else as JSON.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// A CSV field, quoted when needed; a leading `=`, `+`, `-`, `@` is
/// neutralised so a spreadsheet does not run it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

impl Workspace {
    /// The audit entries (of case `case_id` when given, between the days
    /// `from` and `to` inclusive, UTC), newest first, in `lang`.
    pub fn history(
        &self,
        case_id: Option<i64>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        lang: Lang,
    ) -> AppResult<Vec<HistoryEntry>> {
        let mut out: Vec<HistoryEntry> = self
            .store
            .audit_entries(&AuditFilter { case_id, from, to })?
            .into_iter()
            .map(|r| history_entry(r, lang))
            .collect();
        out.reverse();
        Ok(out)
    }

    /// Checks the whole log (see `permit_store::audit::verify`).
    pub fn audit_verify(&self, lang: Lang) -> AppResult<VerifyReport> {
        let log = self.store.audit_entries(&AuditFilter::default())?;
        let problems = chain::verify(&log)
            .into_iter()
            .map(|p| {
                let fault = fault_id(p.fault);
                VerifyProblem {
                    seq: p.seq,
                    fault: fault.to_owned(),
                    message: permit_core::messages::text(
                        lang,
                        &format!("audit.fault.{fault}"),
                        &[("seq", &p.seq)],
                    ),
                }
            })
            .collect();
        Ok(VerifyReport {
            entries: log.len(),
            head: log.last().map(|r| r.hash.clone()),
            problems,
        })
    }

    /// Writes the audit entries between `from` and `to` to `path` as CSV or
    /// JSON (privately, through the guarded writer), and records the export.
    pub fn audit_export(
        &mut self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        format: AuditFormat,
        path: &Path,
        replace: bool,
        lang: Lang,
    ) -> AppResult<ExportResult> {
        let kind = match format {
            AuditFormat::Csv => permit_files::Kind::Csv,
            AuditFormat::Json => permit_files::Kind::Json,
        };
        self.check_output_replacing(path, kind, replace)?;
        let mut entries = self.history(None, from, to, lang)?;
        entries.reverse();
        let text = match format {
            AuditFormat::Json => serde_json::to_string_pretty(&entries)
                .map_err(|e| AppError::new("internal", e.to_string()))?,
            AuditFormat::Csv => {
                let mut t = String::from(
                    "seq,at,actor,machine,case_id,action,field,old,new,erased,hash_ok\n",
                );
                let problems = self.audit_verify(lang)?.problems;
                for e in &entries {
                    let ok = !problems.iter().any(|p| p.seq == e.seq);
                    let base = [
                        e.seq.to_string(),
                        e.at.clone(),
                        e.actor.clone(),
                        e.machine.clone(),
                        e.case_id.map(|c| c.to_string()).unwrap_or_default(),
                        e.action.clone(),
                    ];
                    let mut rows: Vec<[String; 3]> = e
                        .changes
                        .iter()
                        .map(|c| [c.field.clone(), cell(&c.old), cell(&c.new)])
                        .collect();
                    if rows.is_empty() {
                        rows = if e.fields.is_empty() {
                            vec![Default::default()]
                        } else {
                            e.fields
                                .iter()
                                .map(|f| [f.clone(), String::new(), String::new()])
                                .collect()
                        };
                    }
                    for r in rows {
                        let fields: Vec<String> = base
                            .iter()
                            .chain(r.iter())
                            .map(|s| csv_field(s))
                            .chain([e.erased.to_string(), ok.to_string()])
                            .collect();
                        t.push_str(&fields.join(","));
                        t.push('\n');
                    }
                }
                t
            }
        };
        write_output(path, text.as_bytes())?;
        let mut tx = self.store.begin()?;
        append(
            &mut *tx,
            None,
            "export_audit",
            vec![],
            serde_json::json!({ "path": path.display().to_string(), "entries": entries.len() }),
        )?;
        tx.commit()?;
        Ok(ExportResult {
            path: path.display().to_string(),
            bytes: text.len(),
            replaced: vec![],
        })
    }

    /// Records an export of personal data (a file written for the cases
    /// `ids`): one entry per case, in one unit of work.
    pub fn record_export(&mut self, action: &str, ids: &[i64], path: &Path) -> AppResult<()> {
        let mut tx = self.store.begin()?;
        for id in ids {
            append(
                &mut *tx,
                Some(*id),
                action,
                vec![],
                serde_json::json!({ "path": path.display().to_string() }),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Erases case `id` and everything held about its person: the case
    /// (situation, draft, digest, notes, plan snapshots) and the values of
    /// its audit entries, leaving one `erased` entry (who, when); then no
    /// deleted byte is left in the workspace's storage. The chain still
    /// verifies.
    pub fn person_erase(&mut self, id: i64) -> AppResult<EraseResult> {
        let mut tx = self.store.begin()?;
        let cleared = tx.erase_case(id)?;
        append(&mut *tx, Some(id), ACTION_ERASED, vec![], Value::Null)?;
        tx.commit()?;
        self.store.set_setting(SCRUB_PENDING_SETTING, "1")?;
        self.scrub()?;
        Ok(EraseResult {
            case_id: id,
            entries_cleared: cleared,
        })
    }

    /// Leaves no deleted byte in the workspace's storage, and clears the
    /// pending mark; an error (the file held by another program) leaves the
    /// mark for the next open.
    fn scrub(&mut self) -> AppResult<()> {
        self.store.scrub_deleted()?;
        self.store.set_setting(SCRUB_PENDING_SETTING, "0")?;
        // The mark's own change is checkpointed too (no erased page waits
        // in the -wal behind it).
        self.store.scrub_deleted()?;
        Ok(())
    }

    /// At open: finishes the scrub of an erasure that could not finish,
    /// when the file is free now (else it waits for the next open).
    pub(crate) fn scrub_if_pending(&mut self) -> AppResult<()> {
        if self.store.setting(SCRUB_PENDING_SETTING)?.as_deref() == Some("1") {
            match self.scrub() {
                Err(e) if e.kind == ErrorKind::Locked => {}
                other => other?,
            }
        }
        Ok(())
    }

    /// How many days a deleted case is kept (the setting, else
    /// `policy::DELETED_RETENTION_DAYS`).
    pub fn retention_days(&self) -> AppResult<u32> {
        Ok(self
            .store
            .setting(RETENTION_SETTING)?
            .and_then(|s| s.parse().ok())
            .unwrap_or(permit_core::policy::DELETED_RETENTION_DAYS))
    }

    /// Sets how many days a deleted case is kept (at least
    /// `policy::DELETED_RETENTION_MIN_DAYS`, so the undo stays possible);
    /// the period now in force. A refusal is written in `lang`.
    pub fn set_retention_days(&mut self, days: u32, lang: Lang) -> AppResult<u32> {
        let min = permit_core::policy::DELETED_RETENTION_MIN_DAYS;
        if days < min {
            let text = Msg::new("app.retention_min")
                .with("min", min)
                .with("days", days);
            return Err(AppError::written("invalid_input", &text, lang));
        }
        self.store
            .set_setting(RETENTION_SETTING, &days.to_string())?;
        self.retention_days()
    }

    /// Purges the cases deleted longer ago than the retention period, one
    /// `purge` entry each, in one unit of work; how many.
    pub fn purge_expired(&mut self) -> AppResult<usize> {
        let days = u64::from(self.retention_days()?);
        let age = std::time::Duration::from_secs(days * 24 * 60 * 60);
        let mut tx = self.store.begin()?;
        let ids = tx.purge_deleted(age)?;
        for id in &ids {
            append(
                &mut *tx,
                Some(*id),
                "purge",
                vec![],
                serde_json::json!({ "retention_days": days }),
            )?;
        }
        tx.commit()?;
        Ok(ids.len())
    }
}

/// The readable document of a person's data (see [`Workspace::person_export`]).
fn person_document(data: &PersonData, lang: Lang, today: NaiveDate) -> permit_pdf::Document {
    use permit_core::messages::text;
    use permit_pdf::{Block, Column, PageLabel, Row};
    let l = |key: &str| text(lang, key, &[]);
    let pairs = |v: &Value| -> Vec<(String, String)> {
        let mut m = BTreeMap::new();
        flatten(v, "", &mut m);
        m.into_iter().map(|(k, v)| (k, cell(&v))).collect()
    };
    let mut blocks = vec![
        Block::Heading(l("person.case")),
        Block::KeyValues(vec![
            (l("person.status"), data.case.status.clone()),
            (l("person.created"), data.case.created_at.clone()),
            (l("person.updated"), data.case.updated_at.clone()),
        ]),
        Block::Heading(l("person.answers")),
    ];
    let answers = pairs(&data.situation);
    blocks.push(if answers.is_empty() {
        Block::Paragraph(l("person.none"))
    } else {
        Block::KeyValues(answers)
    });
    if let Some(d) = &data.draft {
        blocks.push(Block::Heading(l("person.draft")));
        blocks.push(Block::KeyValues(pairs(d)));
    }
    blocks.push(Block::Heading(l("person.notes")));
    blocks.push(Block::Paragraph(if data.case.notes.is_empty() {
        l("person.none")
    } else {
        data.case.notes.clone()
    }));
    blocks.push(Block::Heading(l("person.history")));
    let col = |key: &str, width| Column {
        title: l(key),
        width,
    };
    blocks.push(Block::Table {
        columns: vec![
            col("person.col.when", 1.2),
            col("person.col.who", 1.0),
            col("person.col.what", 1.5),
            col("person.col.changes", 3.0),
        ],
        rows: data
            .history
            .iter()
            .map(|e| {
                let changes = if e.erased {
                    l("audit.erased_values")
                } else {
                    e.changes
                        .iter()
                        .map(|c| format!("{}: {} → {}", c.field, cell(&c.old), cell(&c.new)))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                Row::new([
                    e.at.clone(),
                    format!("{}@{}", e.actor, e.machine),
                    e.label.clone(),
                    changes,
                ])
            })
            .collect(),
    });
    permit_pdf::Document {
        title: text(lang, "person.title", &[("name", &data.case.name)]),
        subtitle: vec![text(
            lang,
            "person.subtitle",
            &[
                ("id", &data.case.id),
                ("date", &permit_core::format::date(lang, today)),
            ],
        )],
        language: match lang {
            Lang::En => "en",
            Lang::Da => "da",
        }
        .into(),
        author: "Permit Packet".into(),
        blocks,
        page_label: PageLabel::new(l("pdf.page_label")),
        creation_date: today,
    }
}

/// Everything held about one applicant: the case (with its documents'
/// states and family in the answers), the draft, the notes, the plan's
/// digest and the case's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonData {
    /// The format of this file (1).
    pub format: u32,
    /// The case as stored (without the situation, given apart).
    pub case: PersonCase,
    /// The accepted answers.
    pub situation: Value,
    /// The answers as typed, when some were not accepted.
    pub draft: Option<Value>,
    /// The summary of the plan kept with the case.
    pub digest: Value,
    /// The case's audit entries, oldest first.
    pub history: Vec<HistoryEntry>,
}

/// The case part of [`PersonData`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonCase {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `active` or `archived`.
    pub status: String,
    /// Whether it is deleted (kept until purged).
    pub deleted: bool,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
    /// Notes.
    pub notes: String,
}

impl Workspace {
    /// Everything held about the applicant of case `id` (see [`PersonData`]).
    pub fn person_data(&self, id: i64, lang: Lang) -> AppResult<PersonData> {
        let rec = self.store.get_case(id)?;
        let json = |t: &str| serde_json::from_str::<Value>(t).unwrap_or(Value::Null);
        let mut history = self.history(Some(id), None, None, lang)?;
        history.reverse();
        Ok(PersonData {
            format: 1,
            situation: json(&rec.situation_json),
            draft: rec.draft_json.as_deref().map(json),
            digest: json(&rec.digest_json),
            case: PersonCase {
                id: rec.id,
                name: rec.name,
                status: rec.status,
                deleted: rec.deleted,
                created_at: rec.created_at,
                updated_at: rec.updated_at,
                notes: rec.notes,
            },
            history,
        })
    }

    /// Writes everything held about the applicant of case `id` as JSON to
    /// `path` and as a readable PDF beside it (`path` with `.pdf`), each
    /// privately through the guarded writer, and records the export.
    /// Returns the two files.
    pub fn person_export(
        &mut self,
        id: i64,
        path: &Path,
        replace: bool,
        v: View,
    ) -> AppResult<(ExportResult, ExportResult)> {
        let pdf_path = path.with_extension("pdf");
        if pdf_path == path {
            return Err(AppError::new(
                "invalid_input",
                format!(
                    "{}: the person's data is written as JSON (name the .json file; the PDF goes beside it)",
                    path.display()
                ),
            ));
        }
        self.check_output_replacing(path, permit_files::Kind::Json, replace)?;
        self.check_output_replacing(&pdf_path, permit_files::Kind::Pdf, replace)?;
        let data = self.person_data(id, v.lang)?;
        let text = serde_json::to_string_pretty(&data)
            .map_err(|e| AppError::new("internal", e.to_string()))?;
        let doc = person_document(&data, v.lang, v.today);
        let pdf = permit_pdf::render(&doc).map_err(|e| io_error(&pdf_path, e))?;
        write_output(path, text.as_bytes())?;
        write_output(&pdf_path, &pdf.bytes)?;
        self.record_export("export_person", &[id], path)?;
        Ok((
            ExportResult {
                path: path.display().to_string(),
                bytes: text.len(),
                replaced: vec![],
            },
            ExportResult {
                path: pdf_path.display().to_string(),
                bytes: pdf.bytes.len(),
                replaced: pdf.replaced.iter().map(|c| c.to_string()).collect(),
            },
        ))
    }
}

#[cfg(test)]
mod tests;
