//! The case list: filtered, sorted, paged and counted by the database over
//! plain columns the service wrote (portable SQL: no custom function, no
//! reading inside JSON).

use chrono::NaiveDate;
use rusqlite::params;

use super::{format_date, lossy_text, parse_date, SqliteStore};
use crate::backend::contains_pattern;
use crate::{CasePage, CaseSummary, ListFilter, PlanState, Result, Sort};

/// The readiness group on the day `?{day}`: the stored group, or from its
/// date on the group it changes to.
fn group_on(day: &str) -> String {
    format!(
        "(CASE WHEN ready_from IS NOT NULL AND ready_from <= {day} THEN ready_then \
         ELSE ready_group END)"
    )
}

impl SqliteStore {
    pub(super) fn states(&self, stale_for: Option<&str>) -> Result<Vec<PlanState>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.name, d.situation_json, c.rules_version, c.rules_changed, \
                        d.seen_json, c.updated_at \
                 FROM cases c JOIN case_documents d ON d.case_id = c.id \
                 WHERE c.deleted_at IS NULL \
                 AND (?1 IS NULL OR c.rules_version IS NULL OR c.rules_version <> ?1) \
                 ORDER BY c.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![stale_for], |r| {
                let text = |i: usize| -> rusqlite::Result<Option<String>> {
                    match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => Ok(None),
                        rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => {
                            Ok(std::str::from_utf8(b).ok().map(str::to_owned))
                        }
                        _ => Ok(None),
                    }
                };
                let situation = text(2)?;
                Ok(PlanState {
                    id: r.get(0)?,
                    name: lossy_text(r, 1)?,
                    damaged: situation.is_none(),
                    situation_json: situation.unwrap_or_default(),
                    rules_version: text(3)?,
                    rules_changed: r.get(4)?,
                    seen_json: text(5)?,
                    updated_at: lossy_text(r, 6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    pub(super) fn page(
        &self,
        filter: &ListFilter,
        sort: Sort,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<CasePage> {
        const DEADLINE: &str =
            "CASE WHEN next_deadline IS NULL THEN 1 ELSE 0 END, next_deadline, lower(name), id";
        let order = match sort {
            Sort::NearestDeadline => DEADLINE.to_owned(),
            Sort::Name => "lower(name), id".to_owned(),
            Sort::Updated => "updated_at DESC, id DESC".to_owned(),
            Sort::Form => {
                "CASE WHEN forms = '' THEN 1 ELSE 0 END, forms, lower(name), id".to_owned()
            }
            Sort::Readiness { today, order } => {
                // The ids are the service's constants and the day a date
                // written by us: neither comes from the user, and both are
                // quoted as SQL text (a quote doubled) all the same.
                let quoted = |t: &str| format!("'{}'", t.replace('\'', "''"));
                let mut rank = format!("CASE {}", group_on(&quoted(&format_date(today))));
                for (i, id) in order.iter().enumerate() {
                    rank.push_str(&format!(" WHEN {} THEN {i}", quoted(id)));
                }
                format!("{rank} ELSE {} END, {DEADLINE}", order.len())
            }
        };
        let filter_sql = format!(
            "FROM cases \
             WHERE (?1 OR deleted_at IS NULL) AND (?2 IS NULL OR status = ?2) \
             AND (?3 IS NULL OR search_text LIKE ?3 ESCAPE '\\') \
             AND (?4 IS NULL OR forms LIKE ?4 ESCAPE '\\') \
             AND (?5 IS NULL OR next_deadline <= ?5) \
             AND (?6 IS NULL OR {} = ?6)",
            group_on("?7")
        );
        let needle = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(contains_pattern);
        let form = filter
            .form
            .as_deref()
            .filter(|f| !f.is_empty())
            .map(|f| contains_pattern(&format!(",{f},")));
        let due_by = filter.due_by.map(format_date);
        let (group, today) = match &filter.readiness {
            Some((g, d)) => (Some(g.as_str()), Some(format_date(*d))),
            None => (None, None),
        };
        let args: [&dyn rusqlite::ToSql; 7] = [
            &filter.include_deleted,
            &filter.status,
            &needle,
            &form,
            &due_by,
            &group,
            &today,
        ];
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) {filter_sql}"))
            .and_then(|mut stmt| stmt.query_row(&args[..], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        let page = match limit {
            Some(l) => format!("LIMIT {l} OFFSET {offset}"),
            None if offset > 0 => format!("LIMIT {} OFFSET {offset}", i64::MAX),
            None => String::new(),
        };
        // Sort and page the small rows first; only the page's rows are then
        // joined with their digest JSON.
        let sql = format!(
            "SELECT id, name, status, next_deadline, created_at, updated_at, deleted_at, \
             digest_json, rules_changed, has_draft \
             FROM cases JOIN case_documents ON case_documents.case_id = cases.id \
             WHERE cases.id IN (SELECT id {filter_sql} ORDER BY {order} {page}) \
             ORDER BY {order}"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(&args[..], |r| {
                Ok(CaseSummary {
                    id: r.get(0)?,
                    // A damaged name (not UTF-8) is shown with replacement
                    // marks instead of failing the whole list.
                    name: lossy_text(r, 1)?,
                    status: lossy_text(r, 2)?,
                    next_deadline: parse_date(r.get::<_, Option<String>>(3)?, 3)?,
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                    deleted: r.get::<_, Option<String>>(6)?.is_some(),
                    digest_json: lossy_text(r, 7)?,
                    rules_changed: r.get(8)?,
                    has_draft: r.get(9)?,
                })
            })
            .map_err(|e| self.err(e))?;
        let rows = rows
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(CasePage {
            rows,
            total: usize::try_from(total).unwrap_or(0),
        })
    }

    pub(super) fn counts(&self, today: NaiveDate) -> Result<Vec<(String, usize)>> {
        let sql = format!(
            "SELECT g, COUNT(*) FROM (SELECT {} AS g FROM cases \
             WHERE deleted_at IS NULL AND status = 'active') AS live \
             WHERE g IS NOT NULL GROUP BY g ORDER BY g",
            group_on("?1")
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([format_date(today)], |r| {
                Ok((
                    lossy_text(r, 0)?,
                    usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }
}
