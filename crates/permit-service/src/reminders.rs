//! The morning dashboard and the desktop reminders.

use crate::prelude::*;

impl Workspace {
    /// Every case's act-by deadlines that are overdue or fall within `days`
    /// days from today, overdue first, then by date.
    pub fn dashboard(&self, days: i64, v: View) -> AppResult<Vec<DashboardItem>> {
        let horizon = v.today + chrono::Duration::days(days);
        // Only cases whose nearest deadline is inside the horizon can have
        // one there: the store picks them, without reading the others.
        let rows = self
            .store
            .list_page(
                &ListFilter {
                    status: Some("active".into()),
                    due_by: Some(horizon),
                    ..Default::default()
                },
                Sort::NearestDeadline,
                0,
                None,
            )?
            .rows;
        let mut out = Vec::new();
        for r in rows {
            let view = self.view(r.id, v)?;
            for d in view.plan.deadlines {
                if d.kind == DeadlineKind::NoLaterThan && d.date <= horizon {
                    out.push(DashboardItem {
                        case_id: r.id,
                        case_name: r.name.clone(),
                        deadline: d,
                        rules_changed: r.rules_changed,
                    });
                }
            }
        }
        out.sort_by_key(|i| {
            (
                i.deadline.status != DeadlineStatus::Overdue,
                i.deadline.date,
                i.case_id,
            )
        });
        Ok(out)
    }

    /// The desktop reminders on `v.today`, in `v.lang`: every deadline of the
    /// dashboard due within [`permit_core::policy::DUE_SOON_DAYS`] with its
    /// date, and every deadline passed since `last` (the day reminders were
    /// last sent; `None`: none sent yet) with what now, the plan's remedy for
    /// it (the page's, or "contact SIRI" where the pages give none). A
    /// deadline that had already passed on `last` gives no reminder again.
    pub fn reminders(&self, v: View, last: Option<NaiveDate>) -> AppResult<Vec<Reminder>> {
        use permit_core::messages::text;
        let items = self.dashboard(permit_core::policy::DUE_SOON_DAYS, v)?;
        let mut out = Vec::new();
        for item in items {
            let d = &item.deadline;
            let date = permit_core::format::date(v.lang, d.date);
            let body = if d.status == DeadlineStatus::Overdue {
                if last.is_some_and(|l| d.date < l) {
                    continue;
                }
                let remedy = d
                    .remedy
                    .clone()
                    .unwrap_or_else(|| text(v.lang, "plan.overdue_no_remedy", &[]));
                text(
                    v.lang,
                    "reminder.passed",
                    &[("date", &date), ("remedy", &remedy)],
                )
            } else {
                match d.days_left {
                    0 => text(v.lang, "reminder.due_today", &[("date", &date)]),
                    1 => text(v.lang, "reminder.due_tomorrow", &[("date", &date)]),
                    n => text(v.lang, "reminder.due", &[("date", &date), ("n", &n)]),
                }
            };
            out.push(Reminder {
                case_id: item.case_id,
                title: text(
                    v.lang,
                    "reminder.title",
                    &[("case", &item.case_name), ("label", &d.label)],
                ),
                body,
            });
        }
        Ok(out)
    }

    /// The reminders to send on `v.today`: [`Workspace::reminders`] since the
    /// day reminders were last sent from this workspace (kept in it, so a
    /// restart neither repeats today's nor announces a passed deadline
    /// again); none when they were already sent today. Records today.
    pub fn reminders_due(&mut self, v: View) -> AppResult<Vec<Reminder>> {
        const KEY: &str = "reminders_sent_on";
        let last = self
            .store
            .setting(KEY)?
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        if last.is_some_and(|l| l >= v.today) {
            return Ok(vec![]);
        }
        let out = self.reminders(v, last)?;
        self.store
            .set_setting(KEY, &v.today.format("%Y-%m-%d").to_string())?;
        Ok(out)
    }
}
