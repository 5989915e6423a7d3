//! Cases and templates: the unit of work ([`PgTx`]) and the one-step
//! changes. Row-level security chooses the rows; nothing here filters by
//! organisation.

use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use postgres::{GenericClient, Row, Transaction};

use permit_store::backend::{
    check_content, check_json, check_list, check_name, check_plan, format_stamp, forms_column,
    next_stamp, now_stamp,
};
use permit_store::{
    CaseContent, CaseRecord, DeleteToken, ListColumns, NewCase, PlanColumns, Result, StoreError,
    TemplateRecord, Tx, STATUS_ACTIVE, STATUS_ARCHIVED,
};

use crate::map_error;

/// A unit of work on a team workspace: one transaction holding the
/// organisation's writer lock.
pub(crate) struct PgTx<'a> {
    pub(crate) tx: Transaction<'a>,
    pub(crate) location: &'a Path,
    /// `permit_audit_append`, prepared once per unit of work (an import
    /// records an entry per case).
    pub(crate) audit: Option<postgres::Statement>,
}

const CASE_SELECT: &str = "SELECT id, name, situation_json, digest_json, status, next_deadline, \
     created_at, updated_at, deleted_at, notes, draft_json, rules_version, rules_changed, \
     seen_json, plan_json, updated_by FROM cases WHERE id = $1";

fn case_row(r: &Row) -> CaseRecord {
    CaseRecord {
        id: r.get(0),
        name: r.get(1),
        situation_json: r.get(2),
        digest_json: r.get(3),
        status: r.get(4),
        next_deadline: r.get(5),
        created_at: r.get(6),
        updated_at: r.get(7),
        deleted: r.get::<_, Option<String>>(8).is_some(),
        notes: r.get(9),
        draft_json: r.get(10),
        rules_version: r.get(11),
        rules_changed: r.get(12),
        seen_json: r.get(13),
        plan_json: r.get(14),
        updated_by: Some(r.get(15)),
    }
}

/// The case `id` (including a soft-deleted one) the login may see.
pub(crate) fn read_case(
    client: &mut impl GenericClient,
    location: &Path,
    id: i64,
) -> Result<CaseRecord> {
    client
        .query_opt(CASE_SELECT, &[&id])
        .map_err(|e| map_error(location, e))?
        .map(|r| case_row(&r))
        .ok_or_else(|| StoreError::NotFound {
            path: location.to_owned(),
            id,
        })
}

/// The version of live case `id` if it is `expected` (any when `None`),
/// else a conflict (or NotFound).
fn expect_version(
    client: &mut impl GenericClient,
    location: &Path,
    id: i64,
    expected: Option<&str>,
) -> Result<String> {
    let row = client
        .query_opt(
            "SELECT updated_at FROM cases WHERE id = $1 AND deleted_at IS NULL FOR UPDATE",
            &[&id],
        )
        .map_err(|e| map_error(location, e))?
        .ok_or_else(|| StoreError::NotFound {
            path: location.to_owned(),
            id,
        })?;
    let current: String = row.get(0);
    match expected {
        Some(e) if e != current => Err(StoreError::Conflict {
            path: location.to_owned(),
            id,
            expected: e.to_owned(),
            actual: current,
        }),
        _ => Ok(current),
    }
}

fn readiness(l: &ListColumns) -> (Option<&str>, Option<chrono::NaiveDate>, Option<&str>) {
    match &l.readiness {
        None => (None, None, None),
        Some(r) => (
            Some(r.group.as_str()),
            r.then.as_ref().map(|(d, _)| *d),
            r.then.as_ref().map(|(_, g)| g.as_str()),
        ),
    }
}

fn write_plan(
    client: &mut impl GenericClient,
    location: &Path,
    id: i64,
    list: &ListColumns,
    plan: &PlanColumns,
) -> Result<()> {
    let (group, from, then) = readiness(list);
    client
        .execute(
            "UPDATE cases SET next_deadline = $2, rules_version = $3, rules_changed = $4, \
             search_text = $5, forms = $6, ready_group = $7, ready_from = $8, ready_then = $9, \
             digest_json = $10, plan_json = $11, seen_json = coalesce($12, seen_json) \
             WHERE id = $1",
            &[
                &id,
                &list.next_deadline,
                &plan.rules_version,
                &plan.rules_changed,
                &list.search_text,
                &forms_column(&list.forms),
                &group,
                &from,
                &then,
                &list.digest_json,
                &plan.plan_json,
                &plan.seen_json,
            ],
        )
        .map_err(|e| map_error(location, e))?;
    Ok(())
}

/// Inserts live cases, many rows in one statement: the columns come as
/// arrays (`unnest`), the rows in the order given, so the identity column
/// numbers them in that order. One round trip per [`INSERT_CHUNK`] cases.
const INSERT_CASES: &str = "INSERT INTO cases (name, status, next_deadline, created_at, \
     updated_at, rules_version, rules_changed, search_text, forms, ready_group, ready_from, \
     ready_then, has_draft, situation_json, digest_json, notes, plan_json, seen_json, draft_json) \
     SELECT name, $2, next_deadline, $3, $3, rules_version, rules_changed, search_text, forms, \
     ready_group, ready_from, ready_then, has_draft, situation_json, digest_json, notes, \
     plan_json, coalesce(seen_json, plan_json), draft_json \
     FROM unnest($1::text[], $4::date[], $5::text[], $6::boolean[], $7::text[], $8::text[], \
     $9::text[], $10::date[], $11::text[], $12::boolean[], $13::text[], $14::text[], $15::text[], \
     $16::text[], $17::text[], $18::text[]) WITH ORDINALITY AS u(name, next_deadline, \
     rules_version, rules_changed, search_text, forms, ready_group, ready_from, ready_then, \
     has_draft, situation_json, digest_json, notes, plan_json, seen_json, draft_json, n) \
     ORDER BY n RETURNING id";

/// How many cases one [`INSERT_CASES`] carries (bounds the message size).
const INSERT_CHUNK: usize = 1000;

/// Inserts checked live cases (`names` are the checked names, one per
/// case) with the prepared [`INSERT_CASES`]; their ids, in the order given.
fn insert_cases(
    client: &mut impl GenericClient,
    insert: &postgres::Statement,
    location: &Path,
    names: &[String],
    cases: &[NewCase],
) -> Result<Vec<i64>> {
    let now = now_stamp();
    let content = || cases.iter().map(|c| &c.content);
    let ready: Vec<_> = content().map(|c| readiness(&c.list)).collect();
    let next_deadline: Vec<_> = content().map(|c| c.list.next_deadline).collect();
    let rules_version: Vec<_> = content().map(|c| c.plan.rules_version.as_deref()).collect();
    let rules_changed: Vec<_> = content().map(|c| c.plan.rules_changed).collect();
    let search_text: Vec<_> = content().map(|c| c.list.search_text.as_str()).collect();
    let forms: Vec<_> = content().map(|c| forms_column(&c.list.forms)).collect();
    let group: Vec<_> = ready.iter().map(|r| r.0).collect();
    let from: Vec<_> = ready.iter().map(|r| r.1).collect();
    let then: Vec<_> = ready.iter().map(|r| r.2).collect();
    let has_draft: Vec<_> = content().map(|c| c.draft_json.is_some()).collect();
    let situation: Vec<_> = content().map(|c| c.situation_json.as_str()).collect();
    let digest: Vec<_> = content().map(|c| c.list.digest_json.as_str()).collect();
    let notes: Vec<_> = cases.iter().map(|c| c.notes.as_str()).collect();
    let plan: Vec<_> = content().map(|c| c.plan.plan_json.as_deref()).collect();
    let seen: Vec<_> = content().map(|c| c.plan.seen_json.as_deref()).collect();
    let draft: Vec<_> = content().map(|c| c.draft_json.as_deref()).collect();
    let rows = client
        .query(
            insert,
            &[
                &names,
                &STATUS_ACTIVE,
                &now,
                &next_deadline,
                &rules_version,
                &rules_changed,
                &search_text,
                &forms,
                &group,
                &from,
                &then,
                &has_draft,
                &situation,
                &digest,
                &notes,
                &plan,
                &seen,
                &draft,
            ],
        )
        .map_err(|e| map_error(location, e))?;
    // The identity column numbered the rows in the order produced; the
    // order of RETURNING is not promised, so sort.
    let mut ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
    ids.sort_unstable();
    if ids.len() != cases.len() {
        return Err(StoreError::Invalid {
            path: location.to_owned(),
            message: format!("{} cases given, {} inserted", cases.len(), ids.len()),
        });
    }
    Ok(ids)
}

/// PostgreSQL refuses NUL in text; the store says so instead of failing
/// with a protocol error.
fn check_no_nul(location: &Path, what: &str, text: &str) -> Result<()> {
    if text.contains('\0') {
        return Err(StoreError::Invalid {
            path: location.to_owned(),
            message: format!(
                "the {what} holds a NUL character, which a team workspace cannot store"
            ),
        });
    }
    Ok(())
}

fn check_content_nul(location: &Path, c: &CaseContent) -> Result<()> {
    check_no_nul(location, "situation", &c.situation_json)?;
    if let Some(d) = &c.draft_json {
        check_no_nul(location, "draft", d)?;
    }
    check_no_nul(location, "digest", &c.list.digest_json)?;
    check_no_nul(location, "search text", &c.list.search_text)?;
    for t in [&c.plan.plan_json, &c.plan.seen_json].into_iter().flatten() {
        check_no_nul(location, "plan snapshot", t)?;
    }
    Ok(())
}

impl Tx for PgTx<'_> {
    fn case(&mut self, id: i64) -> Result<CaseRecord> {
        read_case(&mut self.tx, self.location, id)
    }

    fn live_situations(&mut self) -> Result<Vec<(i64, String, String)>> {
        let rows = self
            .tx
            .query(
                "SELECT id, name, situation_json FROM cases WHERE deleted_at IS NULL ORDER BY id",
                &[],
            )
            .map_err(|e| map_error(self.location, e))?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect())
    }

    fn insert(&mut self, cases: &[NewCase]) -> Result<Vec<i64>> {
        let location = self.location;
        let mut names = Vec::with_capacity(cases.len());
        for (i, case) in cases.iter().enumerate() {
            let item_err = |e: StoreError| match e {
                StoreError::Invalid { path, message } => StoreError::Invalid {
                    path,
                    message: format!("item {i}: {message}"),
                },
                other => other,
            };
            check_content(location, &case.content).map_err(item_err)?;
            check_content_nul(location, &case.content).map_err(item_err)?;
            check_no_nul(location, "notes", &case.notes).map_err(item_err)?;
            names.push(check_name(location, &case.name).map_err(item_err)?);
        }
        let mut ids = Vec::with_capacity(cases.len());
        if cases.is_empty() {
            return Ok(ids);
        }
        let insert = self
            .tx
            .prepare(INSERT_CASES)
            .map_err(|e| map_error(location, e))?;
        for (names, cases) in names.chunks(INSERT_CHUNK).zip(cases.chunks(INSERT_CHUNK)) {
            ids.extend(insert_cases(&mut self.tx, &insert, location, names, cases)?);
        }
        Ok(ids)
    }

    fn update(&mut self, id: i64, expected: &str, content: &CaseContent) -> Result<String> {
        let location = self.location;
        check_content(location, content)?;
        check_content_nul(location, content)?;
        let current = expect_version(&mut self.tx, location, id, Some(expected))?;
        let stamp = next_stamp(&current);
        write_plan(&mut self.tx, location, id, &content.list, &content.plan)?;
        self.tx
            .execute(
                "UPDATE cases SET updated_at = $2, has_draft = $3, situation_json = $4, \
                 draft_json = $5 WHERE id = $1",
                &[
                    &id,
                    &stamp,
                    &content.draft_json.is_some(),
                    &content.situation_json,
                    &content.draft_json,
                ],
            )
            .map_err(|e| map_error(location, e))?;
        Ok(stamp)
    }

    fn save_plan(
        &mut self,
        id: i64,
        expected: &str,
        list: &ListColumns,
        plan: &PlanColumns,
    ) -> Result<bool> {
        let location = self.location;
        check_list(location, list)?;
        check_plan(location, plan)?;
        match expect_version(&mut self.tx, location, id, Some(expected)) {
            Ok(_) => {}
            Err(StoreError::Conflict { .. } | StoreError::NotFound { .. }) => return Ok(false),
            Err(e) => return Err(e),
        }
        write_plan(&mut self.tx, location, id, list, plan)?;
        Ok(true)
    }

    fn rename(&mut self, id: i64, expected: &str, name: &str, search_text: &str) -> Result<String> {
        let location = self.location;
        let name = check_name(location, name)?;
        check_no_nul(location, "search text", search_text)?;
        let current = expect_version(&mut self.tx, location, id, Some(expected))?;
        let stamp = next_stamp(&current);
        self.tx
            .execute(
                "UPDATE cases SET name = $2, search_text = $3, updated_at = $4 WHERE id = $1",
                &[&id, &name, &search_text, &stamp],
            )
            .map_err(|e| map_error(location, e))?;
        Ok(stamp)
    }

    fn append_audit_many(&mut self, entries: &[permit_store::AuditEntry]) -> Result<Vec<i64>> {
        let location = self.location;
        let mut seqs = Vec::with_capacity(entries.len());
        // One call per run of entries from one machine (in practice: all).
        for run in entries.chunk_by(|a, b| a.machine == b.machine) {
            let mut cases = Vec::with_capacity(run.len());
            let mut actions = Vec::with_capacity(run.len());
            let mut fields = Vec::with_capacity(run.len());
            let mut salts = Vec::with_capacity(run.len());
            let mut values = Vec::with_capacity(run.len());
            for entry in run {
                let salt = permit_store::audit::new_salt().map_err(|message| StoreError::Io {
                    path: location.to_owned(),
                    message,
                })?;
                let v = permit_store::audit::values_json(entry);
                let names: Vec<&str> = entry.changes.iter().map(|c| c.field.as_str()).collect();
                let names = serde_json::to_string(&names).map_err(|e| StoreError::Invalid {
                    path: location.to_owned(),
                    message: e.to_string(),
                })?;
                for t in [&v, &entry.machine, &entry.action, &names] {
                    check_no_nul(location, "audit entry", t)?;
                }
                cases.push(entry.case_id);
                actions.push(entry.action.as_str());
                fields.push(names);
                salts.push(salt);
                values.push(v);
            }
            let rows = self
                .tx
                .query(
                    "SELECT permit_audit_append_many($1, $2, $3, $4, $5, $6)",
                    &[&cases, &run[0].machine, &actions, &fields, &salts, &values],
                )
                .map_err(|e| map_error(location, e))?;
            seqs.extend(rows.iter().map(|r| r.get::<_, i64>(0)));
        }
        Ok(seqs)
    }

    fn append_audit(&mut self, entry: &permit_store::AuditEntry) -> Result<i64> {
        let location = self.location;
        let salt = permit_store::audit::new_salt().map_err(|message| StoreError::Io {
            path: location.to_owned(),
            message,
        })?;
        let values = permit_store::audit::values_json(entry);
        let fields: Vec<String> = entry.changes.iter().map(|c| c.field.clone()).collect();
        for t in [&values, &entry.machine, &entry.action] {
            check_no_nul(location, "audit entry", t)?;
        }
        // The database sets the sequence number, the time, the actor (the
        // login, whatever the client says) and the chain.
        let append = match &self.audit {
            Some(prepared) => prepared.clone(),
            None => {
                let prepared = self
                    .tx
                    .prepare("SELECT permit_audit_append($1, $2, $3, $4, $5, $6)")
                    .map_err(|e| map_error(location, e))?;
                self.audit = Some(prepared.clone());
                prepared
            }
        };
        Ok(self
            .tx
            .query_one(
                &append,
                &[
                    &entry.case_id,
                    &entry.machine,
                    &entry.action,
                    &fields,
                    &salt,
                    &values,
                ],
            )
            .map_err(|e| map_error(location, e))?
            .get(0))
    }

    fn set_archived(
        &mut self,
        id: i64,
        archived: bool,
        expected: Option<&str>,
    ) -> Result<CaseRecord> {
        archive(&mut self.tx, self.location, id, archived, expected)
    }

    fn delete_case(&mut self, id: i64, expected: Option<&str>) -> Result<DeleteToken> {
        delete(&mut self.tx, self.location, id, expected)
    }

    fn undo_delete(&mut self, id: i64) -> Result<CaseRecord> {
        undelete(&mut self.tx, self.location, id)
    }

    fn purge_deleted(&mut self, age: Duration) -> Result<Vec<i64>> {
        purge_ids(&mut self.tx, self.location, age)
    }

    fn erase_case(&mut self, id: i64) -> Result<usize> {
        let location = self.location;
        let n: i64 = self
            .tx
            .query_one("SELECT permit_audit_erase($1)", &[&id])
            .map_err(|e| map_error(location, e))?
            .get(0);
        self.tx
            .execute("DELETE FROM cases WHERE id = $1", &[&id])
            .map_err(|e| map_error(location, e))?;
        Ok(n as usize)
    }

    fn commit(self: Box<Self>) -> Result<()> {
        let location = self.location;
        self.tx.commit().map_err(|e| map_error(location, e))
    }
}

/// The soft-deleted cases older than `age`, removed for good; their ids.
pub(crate) fn purge_ids(
    tx: &mut Transaction<'_>,
    location: &Path,
    age: Duration,
) -> Result<Vec<i64>> {
    let age = chrono::Duration::from_std(age).unwrap_or(chrono::Duration::MAX);
    let cutoff = Utc::now()
        .checked_sub_signed(age)
        .map(format_stamp)
        .unwrap_or_default();
    Ok(tx
        .query(
            "DELETE FROM cases WHERE deleted_at IS NOT NULL AND deleted_at <= $1 RETURNING id",
            &[&cutoff],
        )
        .map_err(|e| map_error(location, e))?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// The audit entries the login may see (its organisation's chain), oldest first.
pub(crate) fn audit_entries(
    client: &mut impl GenericClient,
    location: &Path,
    filter: &permit_store::AuditFilter,
) -> Result<Vec<permit_store::AuditRecord>> {
    let (from, to) = filter.stamp_range();
    let rows = client
        .query(
            "SELECT l.seq, l.case_id, l.at, l.actor, l.machine, l.action, l.fields, \
                    l.values_digest, l.prev_hash, l.hash, v.salt, v.values_json \
             FROM audit_log l LEFT JOIN audit_values v ON v.org_id = l.org_id AND v.seq = l.seq \
             WHERE ($1::bigint IS NULL OR l.case_id = $1::bigint) \
               AND ($2::text IS NULL OR l.at >= $2::text) AND ($3::text IS NULL OR l.at < $3::text) \
             ORDER BY l.seq",
            &[&filter.case_id, &from, &to],
        )
        .map_err(|e| map_error(location, e))?;
    Ok(rows
        .iter()
        .map(|r| {
            let salt: Option<String> = r.get(10);
            let json: Option<String> = r.get(11);
            permit_store::AuditRecord {
                seq: r.get(0),
                case_id: r.get(1),
                at: r.get(2),
                actor: r.get(3),
                machine: r.get(4),
                action: r.get(5),
                fields: r.get(6),
                values_digest: r.get(7),
                prev_hash: r.get(8),
                hash: r.get(9),
                values: match (salt, json) {
                    (Some(salt), Some(json)) => {
                        Some(permit_store::audit::AuditValues { salt, json })
                    }
                    _ => None,
                },
            }
        })
        .collect())
}

pub(crate) fn acknowledge(
    tx: &mut Transaction<'_>,
    location: &Path,
    id: i64,
    seen: &str,
) -> Result<()> {
    check_no_nul(location, "seen snapshot", seen)?;
    expect_version(tx, location, id, None)?;
    tx.execute(
        "UPDATE cases SET rules_changed = false, seen_json = $2 WHERE id = $1",
        &[&id, &seen],
    )
    .map_err(|e| map_error(location, e))?;
    Ok(())
}

/// Sets columns of a live case whose version is `expected` and gives it a
/// new version; the case as it is then.
fn touch(
    tx: &mut Transaction<'_>,
    location: &Path,
    id: i64,
    expected: Option<&str>,
    assignment: &str,
    value: &(dyn postgres::types::ToSql + Sync),
) -> Result<CaseRecord> {
    let current = expect_version(tx, location, id, expected)?;
    tx.execute(
        &format!("UPDATE cases SET updated_at = $2, {assignment} WHERE id = $1"),
        &[&id, &next_stamp(&current), value],
    )
    .map_err(|e| map_error(location, e))?;
    read_case(tx, location, id)
}

pub(crate) fn archive(
    tx: &mut Transaction<'_>,
    location: &Path,
    id: i64,
    archived: bool,
    expected: Option<&str>,
) -> Result<CaseRecord> {
    let status = if archived {
        STATUS_ARCHIVED
    } else {
        STATUS_ACTIVE
    };
    touch(tx, location, id, expected, "status = $3", &status)
}

pub(crate) fn notes(
    tx: &mut Transaction<'_>,
    location: &Path,
    id: i64,
    notes: &str,
    expected: Option<&str>,
) -> Result<CaseRecord> {
    check_no_nul(location, "notes", notes)?;
    touch(tx, location, id, expected, "notes = $3", &notes)
}

pub(crate) fn delete(
    tx: &mut Transaction<'_>,
    location: &Path,
    id: i64,
    expected: Option<&str>,
) -> Result<DeleteToken> {
    expect_version(tx, location, id, expected)?;
    let deleted_at = now_stamp();
    tx.execute(
        "UPDATE cases SET deleted_at = $2 WHERE id = $1",
        &[&id, &deleted_at],
    )
    .map_err(|e| map_error(location, e))?;
    Ok(DeleteToken { id, deleted_at })
}

pub(crate) fn undelete(tx: &mut Transaction<'_>, location: &Path, id: i64) -> Result<CaseRecord> {
    let record = read_case(tx, location, id)?;
    if !record.deleted {
        return Err(StoreError::Invalid {
            path: location.to_owned(),
            message: format!("case {id} is not deleted"),
        });
    }
    tx.execute(
        "UPDATE cases SET deleted_at = NULL, updated_at = $2 WHERE id = $1",
        &[&id, &next_stamp(&record.updated_at)],
    )
    .map_err(|e| map_error(location, e))?;
    read_case(tx, location, id)
}

fn template_row(r: &Row) -> TemplateRecord {
    TemplateRecord {
        id: r.get(0),
        name: r.get(1),
        items_json: r.get(2),
        created_at: r.get(3),
        updated_at: r.get(4),
    }
}

const TEMPLATE_SELECT: &str = "SELECT id, name, items_json, created_at, updated_at FROM templates";

pub(crate) fn template_put(
    tx: &mut Transaction<'_>,
    location: &Path,
    name: &str,
    items_json: &str,
) -> Result<TemplateRecord> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid {
            path: location.to_owned(),
            message: "a template name cannot be empty".into(),
        });
    }
    check_json(location, "template", items_json)?;
    check_no_nul(location, "template", items_json)?;
    check_no_nul(location, "template name", name)?;
    let now = now_stamp();
    tx.execute(
        "INSERT INTO templates (name, items_json, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (org_id, name) DO UPDATE SET items_json = excluded.items_json, \
         updated_at = excluded.updated_at",
        &[&name, &items_json, &now],
    )
    .map_err(|e| map_error(location, e))?;
    template_get(tx, location, name)?.ok_or_else(|| StoreError::Io {
        path: location.to_owned(),
        message: format!("template `{name}` vanished while saving"),
    })
}

pub(crate) fn template_get(
    client: &mut impl GenericClient,
    location: &Path,
    name: &str,
) -> Result<Option<TemplateRecord>> {
    Ok(client
        .query_opt(
            &format!("{TEMPLATE_SELECT} WHERE name = $1"),
            &[&name.trim()],
        )
        .map_err(|e| map_error(location, e))?
        .map(|r| template_row(&r)))
}

pub(crate) fn template_list(
    client: &mut impl GenericClient,
    location: &Path,
) -> Result<Vec<TemplateRecord>> {
    Ok(client
        .query(
            &format!("{TEMPLATE_SELECT} ORDER BY lower(name COLLATE \"C\"), id"),
            &[],
        )
        .map_err(|e| map_error(location, e))?
        .iter()
        .map(template_row)
        .collect())
}

pub(crate) fn template_remove(
    tx: &mut Transaction<'_>,
    location: &Path,
    name: &str,
) -> Result<bool> {
    let n = tx
        .execute("DELETE FROM templates WHERE name = $1", &[&name.trim()])
        .map_err(|e| map_error(location, e))?;
    Ok(n > 0)
}
