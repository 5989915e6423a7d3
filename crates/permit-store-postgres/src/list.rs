//! The case list on a team workspace: the same filters, order and paging as
//! the embedded store's, over the same plain columns; row-level security
//! keeps it to the login's organisation.

use std::path::Path;

use chrono::NaiveDate;
use postgres::Client;

use permit_store::backend::contains_pattern;
use permit_store::{CasePage, CaseSummary, ListFilter, PlanState, Result, Sort};

use crate::map_error;

/// The readiness group on the day `$N`: the stored group, or from its date
/// on the group it changes to.
fn group_on(day: &str) -> String {
    format!(
        "(CASE WHEN ready_from IS NOT NULL AND ready_from <= {day} THEN ready_then \
         ELSE ready_group END)"
    )
}

pub(crate) fn states(
    client: &mut Client,
    location: &Path,
    stale_for: Option<&str>,
) -> Result<Vec<PlanState>> {
    let rows = client
        .query(
            "SELECT id, name, situation_json, rules_version, rules_changed, seen_json, updated_at \
             FROM cases WHERE deleted_at IS NULL \
             AND ($1::text IS NULL OR rules_version IS NULL OR rules_version <> $1::text) \
             ORDER BY id",
            &[&stale_for],
        )
        .map_err(|e| map_error(location, e))?;
    Ok(rows
        .iter()
        .map(|r| PlanState {
            id: r.get(0),
            name: r.get(1),
            situation_json: r.get(2),
            rules_version: r.get(3),
            rules_changed: r.get(4),
            seen_json: r.get(5),
            updated_at: r.get(6),
            // PostgreSQL keeps only valid UTF-8 text.
            damaged: false,
        })
        .collect())
}

pub(crate) fn page(
    client: &mut Client,
    location: &Path,
    filter: &ListFilter,
    sort: Sort,
    offset: usize,
    limit: Option<usize>,
) -> Result<CasePage> {
    const DEADLINE: &str = "CASE WHEN next_deadline IS NULL THEN 1 ELSE 0 END, next_deadline, \
         lower(name COLLATE \"C\"), id";
    let order = match sort {
        Sort::NearestDeadline => DEADLINE.to_owned(),
        Sort::Name => "lower(name COLLATE \"C\"), id".to_owned(),
        Sort::Updated => "updated_at DESC, id DESC".to_owned(),
        Sort::Form => {
            "CASE WHEN forms = '' THEN 1 ELSE 0 END, forms COLLATE \"C\", lower(name COLLATE \"C\"), id"
                .to_owned()
        }
        Sort::Readiness { today, order } => {
            // As the embedded store's: the ids are the service's constants
            // and the day a date we wrote; both quoted as SQL text all the same.
            let quoted = |t: &str| format!("'{}'", t.replace('\'', "''"));
            let day = format!("{}::date", quoted(&today.format("%Y-%m-%d").to_string()));
            let mut rank = format!("CASE {}", group_on(&day));
            for (i, id) in order.iter().enumerate() {
                rank.push_str(&format!(" WHEN {} THEN {i}", quoted(id)));
            }
            format!("{rank} ELSE {} END, {DEADLINE}", order.len())
        }
    };
    let filter_sql = format!(
        "FROM cases \
         WHERE ($1::boolean OR deleted_at IS NULL) AND ($2::text IS NULL OR status = $2::text) \
         AND ($3::text IS NULL OR search_text LIKE $3::text) \
         AND ($4::text IS NULL OR forms LIKE $4::text) \
         AND ($5::date IS NULL OR next_deadline <= $5::date) \
         AND ($6::text IS NULL OR {} = $6::text)",
        group_on("$7::date")
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
    let (group, today) = match &filter.readiness {
        Some((g, d)) => (Some(g.as_str()), Some(*d)),
        None => (None, None),
    };
    let args: [&(dyn postgres::types::ToSql + Sync); 7] = [
        &filter.include_deleted,
        &filter.status,
        &needle,
        &form,
        &filter.due_by,
        &group,
        &today,
    ];
    let total: i64 = client
        .query_one(&format!("SELECT COUNT(*) {filter_sql}"), &args)
        .map_err(|e| map_error(location, e))?
        .get(0);
    let page = match limit {
        Some(l) => format!("LIMIT {l} OFFSET {offset}"),
        None => format!("OFFSET {offset}"),
    };
    let rows = client
        .query(
            &format!(
                "SELECT id, name, status, next_deadline, created_at, updated_at, deleted_at, \
                 digest_json, rules_changed, has_draft {filter_sql} ORDER BY {order} {page}"
            ),
            &args,
        )
        .map_err(|e| map_error(location, e))?;
    Ok(CasePage {
        rows: rows
            .iter()
            .map(|r| CaseSummary {
                id: r.get(0),
                name: r.get(1),
                status: r.get(2),
                next_deadline: r.get(3),
                created_at: r.get(4),
                updated_at: r.get(5),
                deleted: r.get::<_, Option<String>>(6).is_some(),
                digest_json: r.get(7),
                rules_changed: r.get(8),
                has_draft: r.get(9),
            })
            .collect(),
        total: usize::try_from(total).unwrap_or(0),
    })
}

pub(crate) fn counts(
    client: &mut Client,
    location: &Path,
    today: NaiveDate,
) -> Result<Vec<(String, usize)>> {
    let rows = client
        .query(
            &format!(
                "SELECT g, COUNT(*) FROM (SELECT {} AS g FROM cases \
                 WHERE deleted_at IS NULL AND status = 'active') AS live \
                 WHERE g IS NOT NULL GROUP BY g ORDER BY g COLLATE \"C\"",
                group_on("$1::date")
            ),
            &[&today],
        )
        .map_err(|e| map_error(location, e))?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                r.get::<_, String>(0),
                usize::try_from(r.get::<_, i64>(1)).unwrap_or(0),
            )
        })
        .collect())
}
