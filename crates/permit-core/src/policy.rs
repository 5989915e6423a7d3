//! The product's own policy: choices that are not rules of the pages (those
//! live in `assets/rules/`), each named once here and used everywhere.

use chrono::NaiveDate;

use crate::plan::{DeadlineKind, DeadlineStatus};

/// An act-by deadline this many days away or fewer is "due soon": the case
/// list, the dashboard, the plan, the OS reminders and the calendar alarm
/// all use it.
pub const DUE_SOON_DAYS: i64 = 3;

/// Rules last checked against the pages more than this many days ago are
/// flagged as possibly out of date in every plan.
pub const RULES_STALE_AFTER_DAYS: i64 = 365;

/// How many days ahead the dashboard looks.
pub const DASHBOARD_DAYS: i64 = 14;

/// A plan warns when moving the planned submission by up to this many days,
/// earlier or later, would change an outcome (a child's age, the
/// early-submission cutoff, a pay limit regulated on 1 January).
pub const DATE_SENSITIVITY_DAYS: i64 = 30;

/// The status of a deadline of `kind` on `date`, seen from `today`, with the
/// days left (negative when past).
pub fn deadline_status(
    kind: DeadlineKind,
    today: NaiveDate,
    date: NaiveDate,
) -> (i64, DeadlineStatus) {
    let days_left = crate::dates::days_until(today, date);
    let status = match kind {
        DeadlineKind::NoLaterThan if days_left < 0 => DeadlineStatus::Overdue,
        DeadlineKind::NoLaterThan if days_left <= DUE_SOON_DAYS => DeadlineStatus::DueSoon,
        DeadlineKind::NoLaterThan => DeadlineStatus::Upcoming,
        DeadlineKind::NotBefore if days_left > 0 => DeadlineStatus::NotYet,
        DeadlineKind::NotBefore => DeadlineStatus::Open,
        DeadlineKind::Date => DeadlineStatus::Info,
    };
    (days_left, status)
}

/// A deleted case is kept this many days (so it can be brought back) and
/// then purged for good, with an audit entry, unless the workspace's
/// Settings say otherwise.
pub const DELETED_RETENTION_DAYS: u32 = 30;

/// The shortest retention period the Settings accept, in days.
pub const DELETED_RETENTION_MIN_DAYS: u32 = 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_soon_at_the_boundary() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2026-11-23");
        let k = DeadlineKind::NoLaterThan;
        assert_eq!(
            deadline_status(k, today, d("2026-11-26")),
            (3, DeadlineStatus::DueSoon)
        );
        assert_eq!(
            deadline_status(k, today, d("2026-11-27")),
            (4, DeadlineStatus::Upcoming)
        );
        assert_eq!(
            deadline_status(k, today, d("2026-11-23")),
            (0, DeadlineStatus::DueSoon)
        );
        assert_eq!(
            deadline_status(k, today, d("2026-11-22")),
            (-1, DeadlineStatus::Overdue)
        );
        let n = DeadlineKind::NotBefore;
        assert_eq!(
            deadline_status(n, today, d("2026-11-24")).1,
            DeadlineStatus::NotYet
        );
        assert_eq!(
            deadline_status(n, today, d("2026-11-23")).1,
            DeadlineStatus::Open
        );
    }
}
