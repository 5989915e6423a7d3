//! Calendar, portable case file, templates and batch export.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::{NaiveDate, TimeZone, Utc};
use permit_batch::batch::{self, BatchCase, BatchOptions};
use permit_batch::case_file::{self, CaseFileError};
use permit_batch::ics::{self, CalendarCase};
use permit_batch::templates;
use permit_core::{plan, Lang, Options, Plan, RuleSet, Situation};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn example(name: &str) -> (String, Situation) {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let s = Situation::from_json(&text, name).unwrap();
    (text, s)
}

fn plan_of(s: &Situation, lang: Lang) -> Plan {
    plan(
        s,
        RuleSet::embedded(),
        &Options {
            today: today(),
            lang,
        },
    )
}

#[test]
fn ics_parses_with_an_independent_parser_one_event_per_deadline() {
    let (_, a) = example("ar1-researcher-family.json");
    let (_, b) = example("ar9-pay-limit.json");
    let (pa, pb) = (plan_of(&a, Lang::En), plan_of(&b, Lang::Da));
    assert!(!pa.deadlines.is_empty() && !pb.deadlines.is_empty());
    let cases = [
        CalendarCase {
            id: 7,
            name: "Researcher, family; \"AR1\"",
            plan: &pa,
        },
        CalendarCase {
            id: 12,
            name: "Rahul Mehta",
            plan: &pb,
        },
    ];
    let stamp = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    let text = ics::calendar(&cases, stamp);

    // RFC 5545 shape: CRLF only, no line over 75 octets.
    assert!(!text.replace("\r\n", "").contains('\n'));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }

    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let prop = |c: &icalendar::parser::Component<'_>, n: &str| {
        c.find_prop(n).map(|p| p.val.as_str().to_owned())
    };
    assert!(cal.properties.iter().any(|p| p.name == "PRODID"));
    assert!(cal
        .properties
        .iter()
        .any(|p| p.name == "VERSION" && p.val == "2.0"));
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    // A date already past on the plan's today is left out (no event, no alarm).
    let upcoming = |p: &'static str| -> Vec<&permit_core::plan::Deadline> {
        let p = if p == "a" { &pa } else { &pb };
        p.deadlines.iter().filter(|d| d.days_left >= 0).collect()
    };
    assert!(pa.deadlines.len() + pb.deadlines.len() > upcoming("a").len() + upcoming("b").len());
    assert_eq!(events.len(), upcoming("a").len() + upcoming("b").len());

    let mut uids = HashSet::new();
    for (e, (case_id, d)) in events.iter().zip(
        upcoming("a")
            .into_iter()
            .map(|d| (7, d))
            .chain(upcoming("b").into_iter().map(|d| (12, d))),
    ) {
        let uid = prop(e, "UID").unwrap();
        assert_eq!(uid, format!("case-{case_id}-{}@permitpacket", d.id));
        assert!(uids.insert(uid), "UIDs are unique");
        let start = e.find_prop("DTSTART").unwrap();
        assert_eq!(start.val.as_str(), d.date.format("%Y%m%d").to_string());
        assert!(start
            .params
            .iter()
            .any(|p| p.key == "VALUE" && p.val.as_ref().map(|v| v.as_str()) == Some("DATE")));
        assert!(prop(e, "DTSTAMP").unwrap() == "20261123T093000Z");
        let summary = prop(e, "SUMMARY").unwrap();
        assert!(summary.contains(&d.label), "{summary}");
        let desc = prop(e, "DESCRIPTION").unwrap();
        assert!(desc.contains(&d.computed), "{desc}");
        // Each source by its page's title and line; never the rule's id
        // (issue 25, item 12).
        for r in &d.why {
            assert!(
                desc.contains(&format!("{}, ", r.title))
                    && desc.contains(&format!(" {}: “", r.line)),
                "{desc}"
            );
            assert!(!desc.contains(r.rule.as_str()), "{desc}");
        }
        let alarm = e
            .components
            .iter()
            .find(|c| c.name == "VALARM")
            .expect("a reminder");
        assert_eq!(prop(alarm, "ACTION").as_deref(), Some("DISPLAY"));
        assert_eq!(prop(alarm, "TRIGGER").as_deref(), Some("-P3D"));
    }
    // Commas and semicolons of the case name are escaped.
    assert!(text.contains("Researcher\\, family\\; \"AR1\""));

    // Stable: a re-export (later) has the same UIDs.
    let again = ics::calendar(&cases, stamp + chrono::Duration::days(3));
    let uids_of = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(uids_of(&text), uids_of(&again));
}

#[test]
fn case_file_round_trips_without_loss() {
    let (_, s) = example("ar1-researcher-family.json");
    let mut raw = s.raw().clone();
    // Checklist state: a gathered document, a translation ordered, an own item.
    templates::apply(
        &mut raw,
        &[templates::TemplateItem {
            name: "Lease, signed; both pages".into(),
            notes: Some("ask HR\nbefore Friday".into()),
        }],
    );
    raw.documents[0].gathered = true;
    raw.documents[0].translation = permit_core::situation::TranslationState::Ordered;
    raw.salary.period = Some(permit_core::situation::SalaryPeriod::Month);
    raw.salary
        .components
        .push(permit_core::situation::Component {
            kind: Some(permit_core::situation::ComponentKind::Cash),
            amount: Some(permit_core::situation::Amount(
                "1234567.89".parse().unwrap(),
            )),
            paid_in: None,
            paid_by_current_employer: None,
            description: Some("Grundløn — “exact”".into()),
        });
    let s = Situation::check(raw).unwrap();
    let json = serde_json::to_string(s.raw()).unwrap();
    let (name, notes) = ("Familie Ødegård", "Ring mandag; spørg om \"lejekontrakt\"");

    let file = case_file::export(
        name,
        &Situation::from_json(&json, "x").unwrap(),
        notes,
        Some("2026-11-23T10:00:00.000Z".into()),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["format"], "permit-packet-case");
    assert_eq!(v["version"], 1);

    let back = case_file::import(&file, "case.json").unwrap();
    assert_eq!(back.from_version, 1);
    assert_eq!(back.name, name);
    assert_eq!(back.notes, notes);
    assert_eq!(
        back.situation.raw(),
        s.raw(),
        "situation and checklist state kept exactly"
    );
    assert_eq!(back.situation_json, json);
    // Read and written again: the same file.
    let file2 = case_file::export(
        &back.name,
        &Situation::from_json(&back.situation_json, "x").unwrap(),
        &back.notes,
        Some("2026-11-23T10:00:00.000Z".into()),
    )
    .unwrap();
    assert_eq!(file, file2);
}

#[test]
fn case_file_versions_and_damage() {
    // Version 0: a bare situation file is migrated.
    let (text, s) = example("ar9-pay-limit.json");
    let c = case_file::import(&text, "ar9-pay-limit.json").unwrap();
    assert_eq!(c.from_version, 0);
    assert_eq!(c.situation.raw(), s.raw());
    assert!(!c.name.is_empty());
    let c = case_file::import("{\"role\": \"employee\"}", "/tmp/ana.json").unwrap();
    assert_eq!(c.name, "ana");

    let good = case_file::export("A", &s, "", None).unwrap();
    // Version 2: the draft, as typed, comes back.
    let typed = serde_json::json!({ "applicant": { "birth_date": "1990-02-30" } });
    let with_draft = case_file::export_with_draft("A", &s, Some(&typed), "", None).unwrap();
    assert!(with_draft.contains("\"version\": 2"), "{with_draft}");
    let back = case_file::import(&with_draft, "d.json").unwrap();
    assert_eq!((back.from_version, back.draft), (2, Some(typed)));
    // Newer.
    let newer = good.replace("\"version\": 1", "\"version\": 3");
    let e = case_file::import(&newer, "n.json").unwrap_err();
    assert!(matches!(e, CaseFileError::Newer { found: 3, .. }), "{e}");
    assert!(e.to_string().contains("newer Permit Packet"), "{e}");
    // Cut short.
    let e = case_file::import(&good[..good.len() / 2], "cut.json").unwrap_err();
    assert!(e.to_string().contains("ends too early"), "{e}");
    // Wrong types, missing fields, unknown fields, a bad situation.
    for (bad, needle) in [
        (
            good.replace("\"version\": 1", "\"version\": \"1\""),
            "expected a number",
        ),
        (good.replace("\"name\": \"A\",", ""), "missing field `name`"),
        (
            good.replace("\"name\": \"A\",", "\"name\": \"A\", \"extra\": 1,"),
            "unknown field `extra`",
        ),
        (
            good.replace(
                "\"format\": \"permit-packet-case\"",
                "\"format\": \"other\"",
            ),
            "expected `permit-packet-case`",
        ),
        (
            good.replace("\"version\": 1", "\"version\": 0"),
            "does not exist",
        ),
        ("[1]".to_owned(), "expected a JSON object"),
        // A draft belongs to version 2, and is the answers as an object.
        (
            good.replace("\"name\": \"A\",", "\"name\": \"A\", \"draft\": {},"),
            "`draft` is not part of version 1",
        ),
        (
            good.replace("\"version\": 1", "\"version\": 2")
                .replace("\"name\": \"A\",", "\"name\": \"A\", \"draft\": [1],"),
            "`draft` is a list, expected the answers as a JSON object",
        ),
    ] {
        let e = case_file::import(&bad, "bad.json").unwrap_err();
        assert!(e.to_string().contains(needle), "{needle}: {e}");
        assert!(matches!(e, CaseFileError::Damaged { .. }));
    }
    let bad_situation = good.replace("\"role\": \"service_provider\"", "\"role\": \"astronaut\"");
    assert_ne!(bad_situation, good);
    let e = case_file::import(&bad_situation, "bad.json").unwrap_err();
    assert!(matches!(e, CaseFileError::Situation(_)), "{e}");
    assert!(e.to_string().contains("`role`"), "{e}");
}

#[test]
fn templates_are_saved_once_and_applied_to_new_cases() {
    let items =
        templates::parse_items("Signed lease\nEmployer's internal approval form\n").unwrap();
    // Saved as JSON and read back, as a workspace keeps it.
    let saved = templates::items_json(&items).unwrap();
    let items: Vec<templates::TemplateItem> = serde_json::from_str(&saved).unwrap();
    let (_, s) = example("ar1-chef.json");
    let mut raw = s.raw().clone();
    let before = raw.documents.len();
    assert_eq!(templates::apply(&mut raw, &items), 2);
    let s = Situation::check(raw).unwrap();
    assert_eq!(s.documents.len(), before + 2);
    let p = plan_of(&s, Lang::En);
    let own: Vec<&str> = p
        .documents
        .iter()
        .filter(|d| d.own)
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(own, ["Signed lease", "Employer's internal approval form"]);
}

fn fake_pdf(p: &Plan, _: NaiveDate) -> Result<Vec<u8>, String> {
    if p.case_name.as_deref() == Some("broken pdf") {
        return Err("no font".into());
    }
    Ok(format!("%PDF-1.7 {}", p.case_name.clone().unwrap_or_default()).into_bytes())
}

#[test]
fn batch_export_writes_every_case_with_safe_unique_names_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (_, s) = example("ar9-pay-limit.json");
    let mut cases = Vec::new();
    for (i, name) in [
        "Ana/../Silva",
        "Ana/../Silva",
        "Søren Ærø: AR1",
        "...",
        "broken pdf",
    ]
    .iter()
    .enumerate()
    {
        let mut raw = s.raw().clone();
        raw.case.name = Some((*name).to_owned());
        cases.push(BatchCase {
            id: i as i64 + 1,
            name: (*name).to_owned(),
            situation: Situation::check(raw).unwrap(),
        });
    }
    let out = dir.path().join("out");
    let seen = AtomicUsize::new(0);
    let report = batch::export(
        &cases,
        &BatchOptions {
            out_dir: out.clone(),
            lang: Lang::En,
            today: today(),
            durable: false,
            rules: permit_bundle::installed::in_force(),
            protected: vec![],
            replace: permit_files::Replace::No,
        },
        &fake_pdf,
        &|p| {
            seen.fetch_add(1, Ordering::Relaxed);
            assert_eq!(p.total, 5);
        },
        &AtomicBool::new(false),
    )
    .unwrap();
    assert!(!report.cancelled);
    assert_eq!(seen.load(Ordering::Relaxed), 5);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "ana-silva-1.pdf",
            "ana-silva-1.plan.json",
            "ana-silva-2.pdf",
            "ana-silva-2.plan.json",
            "broken-pdf-5.plan.json",
            "case-4.pdf",
            "case-4.plan.json",
            "summary.csv",
            "søren-ærø-ar1-3.pdf",
            "søren-ærø-ar1-3.plan.json",
        ]
    );
    let plan: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ana-silva-1.plan.json")).unwrap()).unwrap();
    assert_eq!(plan["forms"][0]["form"], "AR9");
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(summary.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert_eq!(
        headers.iter().take(6).collect::<Vec<_>>().join(","),
        "case_id,case,form,earliest_submission,biometrics_deadline,warnings"
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[0][1], "Ana/../Silva");
    assert_eq!(&rows[0][2], "AR9");
    assert_eq!(&rows[0][4], "2026-12-25");
    assert!(rows[4][8].contains("PDF not written: no font"));

    // Cancel before the start: nothing exported, no summary.
    let out2 = dir.path().join("cancelled");
    let r = batch::export(
        &cases,
        &BatchOptions {
            out_dir: out2.clone(),
            lang: Lang::En,
            today: today(),
            durable: false,
            rules: permit_bundle::installed::in_force(),
            protected: vec![],
            replace: permit_files::Replace::No,
        },
        &fake_pdf,
        &|_| {},
        &AtomicBool::new(true),
    )
    .unwrap();
    assert!(r.cancelled && r.summary.is_none() && r.rows.is_empty());
    assert_eq!(std::fs::read_dir(&out2).unwrap().count(), 0);
}
