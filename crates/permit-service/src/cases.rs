//! Cases: open one, edit it (one transaction, conditional on the version
//! read), rename, duplicate for a new hire, archive, delete, and the case
//! list.

use permit_store::{CaseContent, Tx};

use crate::audit::{self, append};
use crate::drafts;
use crate::prelude::*;
use crate::record::{fold, new_case, record, search_text, Seen, Why};

/// The status of an act-by deadline (the case digest keeps only those).
fn deadline_status(today: NaiveDate, date: NaiveDate) -> (i64, DeadlineStatus) {
    permit_core::policy::deadline_status(DeadlineKind::NoLaterThan, today, date)
}

/// What was seen of a stored case's plan.
pub(crate) fn seen_of(rec: &permit_store::CaseRecord) -> Seen<'_> {
    Seen {
        seen_json: rec.seen_json.as_deref(),
        rules_version: rec.rules_version.as_deref(),
        rules_changed: rec.rules_changed,
    }
}

/// The situation of "same employer, new hire": what belongs to the employer
/// and the job (role, scheme, employer, power of attorney, salary, hours,
/// the own checklist items, not yet gathered) is kept; what belongs to the
/// person (applicant, family, dates, documents' states) is left empty.
pub fn for_new_hire(src: &serde_json::Value) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    const KEPT: [&str; 9] = [
        "format",
        "role",
        "scheme",
        "siq_category",
        "employer",
        "power_of_attorney",
        "regulated_profession",
        "salary",
        "hours",
    ];
    let mut out = Map::new();
    for k in KEPT {
        if let Some(v) = src.get(k).filter(|v| !v.is_null()) {
            out.insert(k.to_owned(), v.clone());
        }
    }
    let own: Vec<Value> = src
        .get("documents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|d| d.get("own").and_then(Value::as_bool) == Some(true))
        .map(|d| {
            let mut d = d.clone();
            if let Some(o) = d.as_object_mut() {
                o.insert("language".into(), Value::Null);
                o.insert("gathered".into(), json!(false));
                o.insert("translation".into(), json!("none"));
                o.insert("notes".into(), Value::Null);
            }
            d
        })
        .collect();
    if !own.is_empty() {
        out.insert("documents".into(), Value::Array(own));
    }
    Value::Object(out)
}

/// The answers (dotted paths) where two situations differ, for a conflict.
fn differing(a: &serde_json::Value, b: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    let empty = |v: &Value| v.is_null() || v == &Value::Array(vec![]);
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                differing(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &path,
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differing(p, q, &format!("{at}[{i}]"), out);
            }
        }
        (x, y) if x == y || (empty(x) && empty(y)) => {}
        _ => out.push(at.to_owned()),
    }
}

impl Workspace {
    /// The user saw what changed in a case's plan: it is no longer marked.
    pub fn acknowledge(&mut self, id: i64, v: View) -> AppResult<CaseView> {
        let view = self.view(id, v)?;
        let snap = Snapshot::of(&view.plan);
        let json =
            serde_json::to_string(&snap).map_err(|e| AppError::new("internal", e.to_string()))?;
        self.store.acknowledge(id, &json)?;
        self.view(id, v)
    }

    /// A page of the case list: filtered, sorted and paged by the store, so
    /// a 10,000-case workspace sends the UI only the rows it shows.
    pub fn list(&self, q: &ListQuery, view: &View) -> AppResult<CasePage> {
        let today = view.today;
        let offset = q.offset.unwrap_or(0) as usize;
        let bundle = self.bundle();
        let page = self.store.list_page(
            &Self::filter(q, today)?,
            Self::sort(q, today)?,
            offset,
            q.limit.map(|l| l as usize),
        )?;
        let rows = page
            .rows
            .into_iter()
            .map(|r| {
                let mut digest = CaseDigest::from_json(&r.digest_json);
                // Documents are named in the screen's language, whatever
                // language the case was last saved in.
                digest.readiness = digest
                    .readiness
                    .map(|f| f.named_in(&bundle.rules, view.lang));
                let to_fix = r.has_draft;
                let (days_left, deadline_status) = match &digest.next {
                    Some(n) => {
                        let (d, s) = deadline_status(today, n.date);
                        (Some(d), Some(s))
                    }
                    None => (None, None),
                };
                let readiness = digest.readiness.as_ref().map(|f| f.on(today));
                CaseRow {
                    id: r.id,
                    name: r.name,
                    status: r.status.into(),
                    updated_at: r.updated_at,
                    digest,
                    days_left,
                    deadline_status,
                    rules_changed: r.rules_changed,
                    to_fix,
                    readiness,
                }
            })
            .collect();
        Ok(CasePage {
            rows,
            total: page.total,
            offset,
        })
    }

    /// The store order of a list query; "where it stands" is read on
    /// `today`, in the dashboard's order of the groups (`Readiness::DASHBOARD`).
    pub(crate) fn sort(q: &ListQuery, today: NaiveDate) -> AppResult<Sort> {
        use permit_core::digest::Readiness as R;
        const ORDER: [&str; 7] = {
            let mut ids = [""; 7];
            let mut i = 0;
            while i < R::DASHBOARD.len() {
                ids[i] = R::DASHBOARD[i].id();
                i += 1;
            }
            ids
        };
        Ok(match q.sort {
            None | Some(ListSort::Deadline) => Sort::NearestDeadline,
            Some(ListSort::Name) => Sort::Name,
            Some(ListSort::Updated) => Sort::Updated,
            Some(ListSort::Form) => Sort::Form,
            Some(ListSort::Stands) => Sort::Readiness {
                today,
                order: &ORDER,
            },
        })
    }

    /// The store filter of a list query; a readiness group is decided
    /// against `today`.
    pub(crate) fn filter(q: &ListQuery, today: NaiveDate) -> AppResult<ListFilter> {
        let readiness = q.readiness.map(|r| (r.id().to_owned(), today));
        Ok(ListFilter {
            search: q.search.as_deref().map(fold),
            status: q.status.map(|s| s.as_str().to_owned()),
            include_deleted: false,
            form: q.form.map(|f| f.code().to_owned()),
            due_by: None,
            readiness,
        })
    }

    /// The morning dashboard's groups: how many active cases are in each
    /// readiness group on `today`, every group listed (zero where empty), in
    /// the dashboard's order. Read from the digests, no plan recomputed.
    pub fn readiness_counts(&self, today: NaiveDate) -> AppResult<Vec<ReadinessCount>> {
        let counts = self.store.readiness_counts(today)?;
        Ok(permit_core::digest::Readiness::DASHBOARD
            .iter()
            .map(|&group| ReadinessCount {
                group,
                count: counts
                    .iter()
                    .find(|(g, _)| g == group.id())
                    .map_or(0, |(_, n)| *n),
            })
            .collect())
    }

    pub(crate) fn view(&self, id: i64, v: View) -> AppResult<CaseView> {
        let rec = self.store.get_case(id)?;
        self.view_of(rec, v)
    }

    /// The case view of a stored case: its plan made now, its draft, and
    /// what a rules update changed that the user has not seen.
    fn view_of(&self, rec: permit_store::CaseRecord, v: View) -> AppResult<CaseView> {
        let situation = parse_situation(&rec.situation_json)?;
        let draft = drafts::stored(rec.draft_json.as_deref(), v.lang);
        let p = plan(&situation, &self.bundle().rules, &v.options());
        let rules_changes = rec
            .seen_json
            .as_deref()
            .filter(|_| rec.rules_changed)
            .and_then(|t| serde_json::from_str::<Snapshot>(t).ok())
            .map(|seen| {
                let now = Snapshot::of(&p);
                CaseChanges {
                    id: rec.id,
                    name: rec.name.clone(),
                    from_version: seen.rules_version.clone(),
                    to_version: now.rules_version.clone(),
                    changes: changes::diff(&seen, &now),
                }
            })
            .filter(|c| !c.changes.is_empty());
        Ok(CaseView {
            id: rec.id,
            name: rec.name,
            status: rec.status.into(),
            updated_at: rec.updated_at,
            situation: situation.raw().clone(),
            plan: p,
            rules_changes,
            draft,
        })
    }

    /// One case with its plan.
    pub fn get(&self, id: i64, v: View) -> AppResult<CaseView> {
        self.view(id, v)
    }

    /// A new case for a checked situation, planned with the rules in force.
    pub(crate) fn planned(
        &self,
        name: &str,
        s: &Situation,
        json: &str,
        draft_json: Option<String>,
        notes: &str,
        v: View,
    ) -> permit_store::NewCase {
        new_case(
            name,
            s,
            json,
            draft_json,
            notes,
            &self.bundle().rules,
            &v.options(),
        )
    }

    /// A new, empty case, with its plan, digest and plan snapshot, written
    /// in ONE transaction (a failure leaves no half case).
    pub fn create(&mut self, name: &str, v: View) -> AppResult<CaseView> {
        let raw = RawSituation {
            format: Some(1),
            ..Default::default()
        };
        let json =
            serde_json::to_string(&raw).map_err(|e| AppError::new("internal", e.to_string()))?;
        let s = parse_situation(&json)?;
        let new = self.planned(name, &s, &json, None, "", v);
        let id = self.insert_one(new, "create", serde_json::Value::Null)?;
        self.view(id, v)
    }

    /// Writes one new case in one unit of work, recorded as `action` with
    /// its name and `detail`; its id.
    pub(crate) fn insert_one(
        &mut self,
        new: permit_store::NewCase,
        action: &str,
        detail: serde_json::Value,
    ) -> AppResult<i64> {
        let mut tx = self.store.begin()?;
        let id = insert_in(&mut *tx, &new)?;
        append(&mut *tx, Some(id), action, named(&new.name), detail)?;
        tx.commit()?;
        Ok(id)
    }

    /// Saves a situation as typed for a case and returns the new plan, in
    /// ONE transaction: the situation (its accepted answers), the draft (the
    /// answers as typed, when some are not accepted), the plan snapshot and
    /// the list's columns together. The write is conditional on the version
    /// `expected_updated_at` (the one the user's screen was based on; the
    /// version read in the transaction when `None`): a case changed since is
    /// a `conflict` naming the answers that differ, and nothing is written.
    pub fn update(
        &mut self,
        id: i64,
        situation: &serde_json::Value,
        expected_updated_at: Option<&str>,
        v: View,
    ) -> AppResult<CaseView> {
        let (s, draft) = drafts::read(situation, v.lang)?;
        let p = plan(&s, &self.bundle().rules, &v.options());
        let mut tx = self.store.begin()?;
        let written = match write_case(
            &mut *tx,
            id,
            &s,
            draft.as_ref(),
            &p,
            expected_updated_at,
            situation,
            v.lang,
        ) {
            Ok(w) => w,
            Err(e) if e.kind == ErrorKind::Conflict => {
                // Nothing of the edit is written; that it was refused, and
                // on which answers, is.
                drop(tx);
                let fields = e
                    .fields
                    .iter()
                    .map(|f| permit_store::AuditChange {
                        field: f.field.clone(),
                        old: serde_json::Value::Null,
                        new: serde_json::Value::Null,
                    })
                    .collect();
                let mut tx = self.store.begin()?;
                append(
                    &mut *tx,
                    Some(id),
                    "conflict",
                    fields,
                    serde_json::Value::Null,
                )?;
                tx.commit()?;
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        if !written.audit.is_empty() {
            let action = audit::edit_action(&written.audit);
            append(
                &mut *tx,
                Some(id),
                action,
                written.audit.clone(),
                serde_json::Value::Null,
            )?;
        }
        tx.commit()?;
        Ok(written.view(s, p, draft))
    }

    /// The plan of a checked situation with the rules in force (the
    /// command line's `plan`, `explain` and `pdf`).
    pub fn plan_of(s: &Situation, v: View) -> Plan {
        plan(s, &rules_in_force().rules, &v.options())
    }

    /// The plan of a situation without saving it (live preview while typing).
    pub fn preview(situation: &serde_json::Value, v: View) -> AppResult<Plan> {
        let s = parse_situation(&situation.to_string()).map_err(|e| e.for_view(v.lang))?;
        Ok(plan(&s, &rules_in_force().rules, &v.options()))
    }

    /// Renames a case (its search text with it), in one transaction.
    pub fn rename(&mut self, id: i64, name: &str, v: View) -> AppResult<CaseView> {
        let mut tx = self.store.begin()?;
        let rec = live(&mut *tx, id)?;
        let digest = CaseDigest::from_json(&rec.digest_json);
        tx.rename(
            id,
            &rec.updated_at,
            name,
            &search_text(name.trim(), &digest),
        )?;
        append(
            &mut *tx,
            Some(id),
            "rename",
            vec![permit_store::AuditChange {
                field: "name".into(),
                old: rec.name.clone().into(),
                new: name.trim().into(),
            }],
            serde_json::Value::Null,
        )?;
        tx.commit()?;
        self.view(id, v)
    }

    /// "Same employer, new hire": a new case named `name` with what belongs
    /// to the employer and the job of case `id` ([`for_new_hire`]), planned,
    /// in ONE transaction.
    pub fn duplicate(&mut self, id: i64, name: &str, v: View) -> AppResult<CaseView> {
        let rules = self.bundle();
        let mut tx = self.store.begin()?;
        let rec = live(&mut *tx, id)?;
        let source: serde_json::Value = serde_json::from_str(&rec.situation_json)
            .map_err(|e| AppError::new("damaged", format!("case {id}: {e}")))?;
        let typed = for_new_hire(&source);
        let (s, draft) = drafts::read(&typed, v.lang)?;
        let json =
            serde_json::to_string(s.raw()).map_err(|e| AppError::new("internal", e.to_string()))?;
        let new = new_case(
            name,
            &s,
            &json,
            drafts::to_json(draft.as_ref()),
            &rec.notes,
            &rules.rules,
            &v.options(),
        );
        let new_id = insert_in(&mut *tx, &new)?;
        append(
            &mut *tx,
            Some(new_id),
            "duplicate",
            named(&new.name),
            serde_json::json!({ "from_case": id }),
        )?;
        tx.commit()?;
        self.view(new_id, v)
    }

    /// Archives or restores a case.
    pub fn set_archived(&mut self, id: i64, archived: bool) -> AppResult<()> {
        let mut tx = self.store.begin()?;
        let before = tx.case(id)?.status;
        let after = tx.set_archived(id, archived, None)?.status;
        let action = if archived { "archive" } else { "unarchive" };
        append(
            &mut *tx,
            Some(id),
            action,
            status_change(before, after),
            serde_json::Value::Null,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a case; [`Workspace::undo_delete`] brings it back.
    pub fn delete(&mut self, id: i64) -> AppResult<()> {
        let mut tx = self.store.begin()?;
        tx.delete_case(id, None)?;
        append(
            &mut *tx,
            Some(id),
            "delete",
            vec![],
            serde_json::Value::Null,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Undoes a delete.
    pub fn undo_delete(&mut self, id: i64) -> AppResult<()> {
        let mut tx = self.store.begin()?;
        tx.undo_delete(id)?;
        append(
            &mut *tx,
            Some(id),
            "restore",
            vec![],
            serde_json::Value::Null,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The text of an official page, for the "why" view.
    pub fn page_text(page: &str) -> AppResult<String> {
        rules_in_force()
            .page_text(page)
            .map(str::to_owned)
            .ok_or_else(|| AppError::new("not_found", format!("no page `{page}`")))
    }
}

/// The audit change of a new case: its name.
pub(crate) fn named(name: &str) -> Vec<permit_store::AuditChange> {
    vec![permit_store::AuditChange {
        field: "name".into(),
        old: serde_json::Value::Null,
        new: name.trim().into(),
    }]
}

/// The audit change of a status.
fn status_change(before: String, after: String) -> Vec<permit_store::AuditChange> {
    if before == after {
        return vec![];
    }
    vec![permit_store::AuditChange {
        field: "status".into(),
        old: before.into(),
        new: after.into(),
    }]
}

/// Inserts one new case in the unit of work `tx`; its id.
pub(crate) fn insert_in(tx: &mut dyn Tx, new: &permit_store::NewCase) -> AppResult<i64> {
    tx.insert(std::slice::from_ref(new))?
        .first()
        .copied()
        .ok_or_else(|| AppError::new("internal", "no case was created"))
}

/// A live case read in a unit of work (a deleted one is not found).
pub(crate) fn live(tx: &mut dyn Tx, id: i64) -> AppResult<permit_store::CaseRecord> {
    let rec = tx.case(id)?;
    if rec.deleted {
        return Err(AppError::new("not_found", format!("case {id} is deleted")));
    }
    Ok(rec)
}

/// What [`write_case`] wrote.
pub(crate) struct Written {
    /// The case's new version.
    pub version: String,
    /// The case as it was read.
    pub before: permit_store::CaseRecord,
    /// What a waiting rules update changed.
    pub changes: Option<CaseChanges>,
    /// The fields the write changed, old → new, as typed (for the audit
    /// trail).
    pub audit: Vec<permit_store::AuditChange>,
}

impl Written {
    /// The case view after the write: the situation and plan written.
    pub(crate) fn view(self, s: Situation, p: Plan, draft: Option<Draft>) -> CaseView {
        CaseView {
            id: self.before.id,
            name: self.before.name,
            status: self.before.status.into(),
            updated_at: self.version,
            situation: s.raw().clone(),
            plan: p,
            rules_changes: self.changes,
            draft,
        }
    }
}

/// Writes a planned situation (and its draft) to case `id` inside `tx`,
/// conditional on `expected` (the version read in `tx` when `None`). A
/// conflict names the answers of `typed` that differ from what is stored
/// now, in `lang`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_case(
    tx: &mut dyn Tx,
    id: i64,
    s: &Situation,
    draft: Option<&Draft>,
    p: &Plan,
    expected: Option<&str>,
    typed: &serde_json::Value,
    lang: Lang,
) -> AppResult<Written> {
    let rec = live(tx, id)?;
    let expected = expected.unwrap_or(&rec.updated_at).to_owned();
    if expected != rec.updated_at {
        let stored: serde_json::Value =
            serde_json::from_str(rec.draft_json.as_deref().unwrap_or(&rec.situation_json))
                .unwrap_or_default();
        let mut fields = Vec::new();
        differing(&stored, typed, "", &mut fields);
        // On a team workspace the store knows who made the other version.
        let text = match (&rec.updated_by, fields.len()) {
            (None, 1) => Msg::new("app.conflict.one"),
            (None, n) => Msg::new("app.conflict.other").with("n", n),
            (Some(who), 1) => Msg::new("app.conflict_by.one").with("who", who.clone()),
            (Some(who), n) => Msg::new("app.conflict_by.other")
                .with("n", n)
                .with("who", who.clone()),
        }
        .with("name", rec.name.clone());
        let fields = fields
            .into_iter()
            .map(|f| {
                let mut e = FieldError::new(f, Msg::new("app.conflict_field"));
                e.localize(lang);
                e
            })
            .collect();
        return Err(AppError {
            fields,
            ..AppError::written("conflict", &text, lang)
        });
    }
    let json =
        serde_json::to_string(s.raw()).map_err(|e| AppError::new("internal", e.to_string()))?;
    // Both sides as stored: a situation is written as its `RawSituation`
    // (already the stored form), a draft as typed (made so by `normal`).
    let before: serde_json::Value = match &rec.draft_json {
        Some(d) => audit::normal(&serde_json::from_str(d).unwrap_or_default()).into_owned(),
        None => serde_json::from_str(&rec.situation_json).unwrap_or_default(),
    };
    let after = match draft {
        Some(_) => audit::normal(typed).into_owned(),
        None => serde_json::to_value(s.raw()).unwrap_or_default(),
    };
    let audit = audit::changes(&before, &after);
    let r = record(id, &rec.name, s, p, &seen_of(&rec), Why::Edit);
    let version = tx.update(
        id,
        &expected,
        &CaseContent {
            situation_json: json,
            draft_json: drafts::to_json(draft),
            list: r.list,
            plan: r.plan,
        },
    )?;
    Ok(Written {
        version,
        before: rec,
        changes: r.changes,
        audit,
    })
}
