//! The deadlines of one case or many as an iCalendar file (RFC 5545).
//!
//! One all-day `VEVENT` per dated deadline of each plan, with
//! `DTSTART;VALUE=DATE`, a `SUMMARY`, a `DESCRIPTION` saying how the date was
//! computed and on which page it rests, and a `VALARM` reminder
//! [`REMINDER_DAYS`] days before. UIDs are stable —
//! `case-<case id>-<deadline id>@permitpacket` — so importing a re-export
//! updates the events instead of duplicating them. Lines end in CRLF and are
//! folded at 75 octets; text is escaped. A date already past on the plan's
//! "today" is left out: a new export neither lists nor alarms a past event.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use permit_core::plan::{DeadlineKind, Plan};

/// How many days before a deadline the reminder fires: when it becomes
/// "due soon" ([`permit_core::policy::DUE_SOON_DAYS`]).
pub const REMINDER_DAYS: i64 = permit_core::policy::DUE_SOON_DAYS;

/// The domain part of every UID.
pub const UID_DOMAIN: &str = "permitpacket";

/// One case whose deadlines go into the calendar.
#[derive(Debug, Clone, Copy)]
pub struct CalendarCase<'a> {
    /// The case id in the workspace (part of the UIDs).
    pub id: i64,
    /// The case name, shown in each event's summary.
    pub name: &'a str,
    /// The case's plan.
    pub plan: &'a Plan,
}

/// The UID of a deadline's event.
pub fn uid(case_id: i64, deadline_id: &str) -> String {
    format!("case-{case_id}-{deadline_id}@{UID_DOMAIN}")
}

/// Escapes TEXT (RFC 5545 §3.3.11): backslash, `;`, `,` and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                o.push_str("\\n");
            }
            '\n' => o.push_str("\\n"),
            c if c.is_control() => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// Appends `line` folded at 75 octets (never inside a character), CRLF-ended.
fn push_folded(out: &mut String, line: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > budget {
            out.push_str("\r\n ");
            // The leading space counts towards the next line's 75 octets.
            budget = 74;
            used = 0;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// The calendar of every dated deadline of `cases`. `stamp` is the
/// `DTSTAMP` of every event (when the calendar was made).
/// Plans each case with `rules` and `opts` and returns the calendar of all
/// their dated deadlines, with the number of events.
pub fn calendar_of(
    cases: &[crate::batch::BatchCase],
    rules: &permit_core::RuleSet,
    opts: &permit_core::Options,
    stamp: DateTime<Utc>,
) -> (String, usize) {
    let plans: Vec<Plan> = cases
        .iter()
        .map(|c| permit_core::plan(&c.situation, rules, opts))
        .collect();
    let cal: Vec<CalendarCase<'_>> = cases
        .iter()
        .zip(&plans)
        .map(|(c, p)| CalendarCase {
            id: c.id,
            name: &c.name,
            plan: p,
        })
        .collect();
    let events = plans
        .iter()
        .map(|p| p.deadlines.iter().filter(|d| d.days_left >= 0).count())
        .sum();
    (calendar(&cal, stamp), events)
}

/// The calendar (RFC 5545) of the cases' dated deadlines.
pub fn calendar(cases: &[CalendarCase<'_>], stamp: DateTime<Utc>) -> String {
    let mut o = String::new();
    let line = |o: &mut String, l: &str| push_folded(o, l);
    line(&mut o, "BEGIN:VCALENDAR");
    line(&mut o, "VERSION:2.0");
    line(
        &mut o,
        &format!(
            "PRODID:-//Permit Packet//Permit Packet {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
    );
    line(&mut o, "CALSCALE:GREGORIAN");
    line(&mut o, "METHOD:PUBLISH");
    line(&mut o, "X-WR-CALNAME:Permit Packet deadlines");
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for case in cases {
        let lang = case.plan.language;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        // Past dates are left out (issue 15, item 10): no event, no alarm.
        for d in case.plan.deadlines.iter().filter(|d| d.days_left >= 0) {
            // A deadline id appears once per plan; should one repeat, the
            // repeats get a numbered (still stable) UID.
            let n = seen.entry(d.id.as_str()).or_insert(0);
            *n += 1;
            let deadline_id = if *n == 1 {
                d.id.clone()
            } else {
                format!("{}-{n}", d.id)
            };
            let summary_key = match d.kind {
                DeadlineKind::NotBefore => "ics.summary.not_before",
                DeadlineKind::NoLaterThan => "ics.summary.deadline",
                DeadlineKind::Date => "ics.summary.date",
            };
            let summary = permit_core::messages::text(
                lang,
                summary_key,
                &[("label", &d.label), ("case", &case.name)],
            );
            let mut desc = format!("{}.\n{}", d.computed, d.convention);
            if let Some(r) = &d.remedy {
                desc.push('\n');
                desc.push_str(&permit_core::messages::text(
                    lang,
                    "ics.if_you_cannot_make_it",
                    &[("remedy", r)],
                ));
            }
            if !d.why.is_empty() {
                desc.push('\n');
                desc.push_str(&permit_core::messages::text(lang, "ics.sources", &[]));
                // The page by its title and the line, in the plan's
                // language; never the rule's id or the page's file name.
                for r in &d.why {
                    desc.push('\n');
                    desc.push_str(&permit_core::messages::text(
                        lang,
                        "ics.source",
                        &[("title", &r.title), ("line", &r.line), ("quote", &r.quote)],
                    ));
                }
            }
            let start = d.date.format("%Y%m%d");
            let end = d.date.succ_opt().unwrap_or(d.date).format("%Y%m%d");
            line(&mut o, "BEGIN:VEVENT");
            line(&mut o, &format!("UID:{}", uid(case.id, &deadline_id)));
            line(&mut o, &format!("DTSTAMP:{dtstamp}"));
            line(&mut o, &format!("DTSTART;VALUE=DATE:{start}"));
            line(&mut o, &format!("DTEND;VALUE=DATE:{end}"));
            line(&mut o, &format!("SUMMARY:{}", escape_text(&summary)));
            line(&mut o, &format!("DESCRIPTION:{}", escape_text(&desc)));
            line(&mut o, "TRANSP:TRANSPARENT");
            line(&mut o, "BEGIN:VALARM");
            line(&mut o, "ACTION:DISPLAY");
            line(&mut o, &format!("TRIGGER:-P{REMINDER_DAYS}D"));
            line(&mut o, &format!("DESCRIPTION:{}", escape_text(&summary)));
            line(&mut o, "END:VALARM");
            line(&mut o, "END:VEVENT");
        }
    }
    line(&mut o, "END:VCALENDAR");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_past_date_is_left_out_with_its_alarm() {
        let json = r#"{ "role": "employee", "scheme": "researcher",
            "employer": { "registered_in_denmark": true, "location": "denmark" },
            "dates": { "submitted": "2026-11-01", "job_start": "2027-03-01",
                       "passport_expiry": "2031-01-01" } }"#;
        let s = permit_core::Situation::from_json(json, "t.json").unwrap();
        let at = |today: &str| {
            let today = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
            let opts = permit_core::Options {
                today,
                lang: permit_core::Lang::En,
            };
            let plan = permit_core::plan(&s, permit_core::RuleSet::embedded(), &opts);
            let cal = calendar(
                &[CalendarCase {
                    id: 7,
                    name: "T",
                    plan: &plan,
                }],
                DateTime::<Utc>::from_timestamp(0, 0).unwrap(),
            );
            (plan, cal)
        };
        // Biometrics due 15 Nov 2026: on the day it is listed, the day after not.
        let (plan, cal) = at("2026-11-15");
        assert!(plan.deadlines.iter().any(|d| d.id == "biometrics"));
        assert!(cal.contains("UID:case-7-biometrics@permitpacket"));
        let (plan, cal) = at("2026-11-16");
        assert!(plan.deadlines.iter().any(|d| d.id == "biometrics"));
        assert!(!cal.contains("biometrics@"), "{cal}");
        // The future dates stay, each with its alarm.
        let events = cal.matches("BEGIN:VEVENT").count();
        assert!(events >= 1);
        assert_eq!(cal.matches("BEGIN:VALARM").count(), events);
    }

    #[test]
    fn a_danish_calendar_names_the_page_by_its_title_and_line_never_its_file_or_rule() {
        let json = r#"{ "role": "employee", "scheme": "researcher",
            "employer": { "registered_in_denmark": true, "location": "denmark" },
            "dates": { "planned_submission": "2027-01-15", "job_start": "2027-03-01" } }"#;
        let s = permit_core::Situation::from_json(json, "t.json").unwrap();
        let opts = permit_core::Options {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            lang: permit_core::Lang::Da,
        };
        let plan = permit_core::plan(&s, permit_core::RuleSet::embedded(), &opts);
        let cal = calendar(
            &[CalendarCase {
                id: 1,
                name: "T",
                plan: &plan,
            }],
            DateTime::<Utc>::from_timestamp(0, 0).unwrap(),
        );
        // Unfolded, as a calendar shows it.
        let text = cal.replace("\r\n ", "");
        let reason = plan
            .deadlines
            .iter()
            .filter(|d| d.days_left >= 0)
            .flat_map(|d| &d.why)
            .next()
            .unwrap();
        assert!(
            text.contains(&format!("{}\\, linje {}", reason.title, reason.line)),
            "{text}"
        );
        assert!(!text.contains(".txt"), "{text}");
        assert!(!text.contains(&*reason.rule), "{text}");
        assert!(!text.contains(", line "), "{text}");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let mut o = String::new();
        let long = format!("DESCRIPTION:{}", "æøå—".repeat(40));
        push_folded(&mut o, &long);
        for l in o.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = o.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }
}
