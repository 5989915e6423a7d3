//! The service layer's tests: every front end's actions, without a window.

use super::*;
use permit_store_postgres::testing::address_for;
use serde_json::json;

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pp-ws-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("workspace.sqlite3")
}

/// Opens the workspace of the test file `path` on the backend under test
/// (`PERMIT_TEST_BACKEND`: the file itself, or a team workspace of its own
/// on PostgreSQL; see `permit_store_postgres::testing`). The tests that are
/// about the file itself (an old schema, a damaged file, an export over the
/// file) open the file.
fn open_ws(path: &Path) -> Workspace {
    Workspace::open(Some(&address_for(path))).unwrap()
}

fn view() -> View {
    View {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

fn ar9() -> serde_json::Value {
    json!({ "format": 1, "applicant": { "name": "Ana" }, "role": "service_provider", "scheme": "pay_limit",
            "employer": { "registered_in_denmark": false, "location": "non_eu" },
            "dates": { "planned_submission": "2026-12-10", "job_start": "2027-03-01" } })
}

/// A workspace as a build of schema `version` left it, holding one case
/// (written with that version's SQL), planned with the rules in force.
fn old_workspace(path: &Path, version: i64, name: &str, situation: &str, digest: &str) {
    permit_store::create_at_schema(path, version).unwrap();
    let c = rusqlite::Connection::open(path).unwrap();
    let stamp = "2026-01-01T00:00:00.000Z";
    c.execute(
        "INSERT INTO cases (name, created_at, updated_at) VALUES (?1, ?2, ?2)",
        rusqlite::params![name, stamp],
    )
    .unwrap();
    let id = c.last_insert_rowid();
    let column = if version < 4 {
        "checklist_json"
    } else {
        "digest_json"
    };
    c.execute(
        &format!(
            "INSERT INTO case_documents (case_id, situation_json, {column}) VALUES (?1, ?2, ?3)"
        ),
        rusqlite::params![id, situation, digest],
    )
    .unwrap();
    if version >= 3 {
        c.execute(
            "UPDATE cases SET rules_version = ?1",
            [rules_in_force().version()],
        )
        .unwrap();
    }
}

#[test]
fn an_older_workspace_is_migrated_and_its_cases_found_by_reference_and_employer() {
    let path = tmp("schema-3");
    let situation = json!({ "format": 1, "case": { "reference": "HR-2027-009" },
        "applicant": { "name": "Lucía Pérez" }, "employer": { "name": "Aarhus Universitet" } });
    {
        // A case as a schema-3 build stored it: the old digest (no
        // reference, no employer), planned with the rules in force.
        old_workspace(
            &path,
            3,
            "Researcher",
            &situation.to_string(),
            r#"{"forms":[],"gathered":0,"total":0,"blockers":0}"#,
        );
    }
    let ws = Workspace::open(Some(&path)).unwrap();
    let find = |text: &str| {
        let q = ListQuery {
            search: Some(text.into()),
            ..ListQuery::default()
        };
        ws.list(&q, &view()).unwrap().rows
    };
    let rows = find("hr-2027-009");
    assert_eq!(rows.len(), 1, "found by its reference after the migration");
    assert_eq!(rows[0].digest.reference.as_deref(), Some("HR-2027-009"));
    assert_eq!(find("aarhus").len(), 1, "by its employer");
    assert_eq!(find("lucia").len(), 1, "by its applicant, accents aside");
    assert!(find("odense").is_empty());
    assert_eq!(
        ws.store.schema_version().unwrap(),
        permit_store::SCHEMA_VERSION
    );
}

#[test]
fn a_schema_5_workspace_is_replanned_so_its_list_names_documents_in_the_screens_language() {
    let path = tmp("schema-5");
    let situation = include_str!("../../../examples/ar1-researcher-family.json");
    {
        // A case as a schema-5 build stored it: readiness with plain
        // (English) document names, planned with the rules in force.
        old_workspace(
            &path,
            5,
            "Researcher",
            situation,
            r#"{"readiness":{"group":"waiting_documents","from":null,"missing_documents":["'Sworn declarations and information', signed and scanned (you have no MitID)"],"missing_translations":[]}}"#,
        );
    }
    let ws = Workspace::open(Some(&path)).unwrap();
    let da = View {
        lang: Lang::Da,
        ..view()
    };
    let rows = ws.list(&ListQuery::default(), &da).unwrap().rows;
    let facts = rows[0].digest.readiness.clone().unwrap();
    let sworn = facts
        .missing_documents
        .iter()
        .find(|d| d.id == "sworn_declarations")
        .expect("re-planned: kept by id");
    assert_eq!(
        Some(sworn.name.as_str()),
        ws.bundle()
            .rules
            .document_name("sworn_declarations", Lang::Da)
    );
    assert_eq!(
        ws.store.schema_version().unwrap(),
        permit_store::SCHEMA_VERSION
    );
}

#[test]
fn a_case_survives_reopening_with_its_plan() {
    let path = tmp("reopen");
    let id = {
        let mut ws = open_ws(&path);
        let c = ws.create("Hire 1", view()).unwrap();
        let c = ws
            .update(c.id, &ar9(), Some(&c.updated_at), view())
            .unwrap();
        assert_eq!(c.plan.forms[0].form, "AR9");
        c.id
    };
    let ws = open_ws(&path);
    let c = ws.get(id, view()).unwrap();
    assert_eq!(c.plan.forms[0].form, "AR9");
    let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
    assert_eq!(rows[0].digest.forms, vec!["AR9"]);
    assert_eq!(rows[0].digest.next.as_ref().unwrap().id, "biometrics");
    assert_eq!(rows[0].days_left, Some(31));
}

#[test]
fn invalid_answers_are_kept_as_typed_marked_and_left_out_of_the_plan() {
    // Issue 15, item 1: one answer not accepted no longer blocks saving
    // every other one; it is kept as typed (a draft) and named.
    let mut ws = open_ws(&tmp("invalid"));
    let c = ws.create("Hire", view()).unwrap();
    let typed = json!({ "applicant": { "name": "Ana Silva" },
        "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "abc" } ] },
        "dates": { "job_start": "2027-02-30" } });
    let saved = ws.update(c.id, &typed, None, view()).unwrap();
    let draft = saved.draft.unwrap();
    assert_eq!(draft.situation, typed);
    let fields: Vec<&str> = draft.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["dates.job_start", "salary.components[0].amount"]);
    assert!(
        draft.errors[1]
            .message
            .starts_with("“abc” is not an amount"),
        "{}",
        draft.errors[1].message
    );
    // In the Danish view, in Danish: saved and reopened.
    let da = View {
        lang: Lang::Da,
        ..view()
    };
    let messages = |d: &Draft| {
        d.errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
    };
    let again_da = ws.get(c.id, da).unwrap();
    assert_eq!(
        messages(again_da.draft.as_ref().unwrap()),
        [
            "“2027-02-30” er ikke en dato: den måned slutter 28. feb. 2027; skriv den som DD-MM-ÅÅÅÅ (dagen først: 01-03-2027) eller ÅÅÅÅ-MM-DD (ISO: 2027-03-01)",
            "“abc” er ikke et beløb; skriv 487000, 487000,00, 487.000,00 (dansk) eller 487,000.00 (engelsk); højst to decimaler, ikke negativt",
        ]
    );
    let saved_da = ws.update(c.id, &typed, None, da).unwrap();
    assert_eq!(
        messages(saved_da.draft.as_ref().unwrap()),
        messages(again_da.draft.as_ref().unwrap())
    );
    // The accepted answers are saved and planned; the others left out.
    assert_eq!(saved.situation.applicant.name.as_deref(), Some("Ana Silva"));
    assert!(saved.situation.dates.job_start.is_none());
    assert_eq!(saved.plan.applicant_name.as_deref(), Some("Ana Silva"));
    // Reopened: the answers as typed, still marked.
    let again = ws.get(c.id, view()).unwrap();
    assert_eq!(again.draft.as_ref().map(|d| &d.situation), Some(&typed));
    assert_eq!(again.draft.map(|d| d.errors.len()), Some(2));
    // The list reads the digest as before.
    let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
    assert_eq!(rows[0].digest.applicant_name.as_deref(), Some("Ana Silva"));
    assert!(rows[0].to_fix, "the list marks a case with answers to fix");
    // Corrected: no draft any more.
    let fixed =
        json!({ "applicant": { "name": "Ana Silva" }, "dates": { "job_start": "2027-03-01" } });
    let ok = ws
        .update(c.id, &fixed, Some(&again.updated_at), view())
        .unwrap();
    assert!(ok.draft.is_none());
    assert!(ws.get(c.id, view()).unwrap().draft.is_none());
    let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
    assert!(!rows[0].to_fix);
    // What names no answer is still refused whole.
    let err = ws.update(c.id, &json!([1, 2]), None, view()).unwrap_err();
    assert_eq!(err.kind, "invalid_input");
}

#[test]
fn amounts_past_any_range_are_refused_at_the_field_not_a_panic() {
    // Issue 9, item 1: this panicked inside the command, with the
    // workspace lock held.
    let mut ws = open_ws(&tmp("overflow"));
    let c = ws.create("Hire", view()).unwrap();
    // Kept as typed and named (issue 15, item 1), left out of the plan.
    let saved = ws
        .update(
            c.id,
            &json!({ "salary": { "period": "month", "components": [
                { "kind": "cash", "amount": "79228162514264337593543950335" },
                { "kind": "pension_employee", "amount": "1" } ] } }),
            None,
            view(),
        )
        .unwrap();
    let draft = saved.draft.unwrap();
    assert_eq!(draft.errors[0].field, "salary.components[0].amount");
    assert_eq!(saved.situation.salary.components.len(), 1);
    // The workspace is still usable.
    assert!(ws.get(c.id, view()).is_ok());
}

#[test]
fn an_export_never_replaces_the_workspace_or_a_file_of_another_kind() {
    let path = tmp("guard");
    let mut ws = Workspace::open(Some(&path)).unwrap();
    let c = ws.create("Hire", view()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = ws.export_pdf(c.id, &path, view()).unwrap_err();
    assert_eq!(err.kind, "refused");
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let err = ws
        .export_ics(None, None, Path::new(&wal), view())
        .unwrap_err();
    assert_eq!(err.kind, "refused");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let other = path.with_file_name("notes.txt");
    std::fs::write(&other, "keep me").unwrap();
    let err = ws.export_case_file(c.id, &other).unwrap_err();
    assert_eq!(err.kind, "refused", "{}", err.message);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
    // A PDF over a PDF: the save dialog asked.
    let pdf = path.with_file_name("c.pdf");
    ws.export_pdf(c.id, &pdf, view()).unwrap();
    ws.export_pdf(c.id, &pdf, view()).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_stale_edit_is_refused_not_overwritten() {
    let mut ws = open_ws(&tmp("conflict"));
    let c = ws.create("Hire", view()).unwrap();
    ws.update(c.id, &ar9(), Some(&c.updated_at), view())
        .unwrap();
    let err = ws
        .update(c.id, &json!({}), Some(&c.updated_at), view())
        .unwrap_err();
    assert_eq!(err.kind, "conflict");
    assert_eq!(ws.get(c.id, view()).unwrap().plan.forms[0].form, "AR9");
}

#[test]
fn the_morning_groups_count_and_filter_cases_by_readiness_decided_today() {
    let mut ws = open_ws(&tmp("morning"));
    let researcher = |docs: serde_json::Value| {
        json!({ "role": "employee", "scheme": "researcher", "employer": { "registered_in_denmark": true },
            "dates": { "job_start": "2027-06-01", "planned_submission": "2026-12-01" }, "documents": docs })
    };
    // Every document the plan requires, gathered.
    let probe = ws.create("probe", view()).unwrap();
    let p = ws
        .update(probe.id, &researcher(json!([])), None, view())
        .unwrap();
    let all: Vec<serde_json::Value> = p
        .plan
        .documents
        .iter()
        .filter(|d| d.required)
        .map(|d| json!({ "id": d.id, "gathered": true, "language": "en" }))
        .collect();
    ws.delete(probe.id).unwrap();
    let ready = ws.create("Ready", view()).unwrap();
    ws.update(ready.id, &researcher(json!(all)), None, view())
        .unwrap();
    let waiting = ws.create("Waiting", view()).unwrap();
    ws.update(waiting.id, &researcher(json!([])), None, view())
        .unwrap();
    let outside = ws.create("Outside", view()).unwrap();
    ws.update(
        outside.id,
        &json!({ "role": "employee", "employer": { "location": "eu" } }),
        None,
        view(),
    )
    .unwrap();
    // The window opens six months before 1 Jun 2027: 1 Dec 2026.
    let (nov30, dec1) = (
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    let count = |today, g: &str| {
        ws.readiness_counts(today)
            .unwrap()
            .into_iter()
            .find(|c| c.group.id() == g)
            .map(|c| c.count)
            .unwrap()
    };
    assert_eq!(count(nov30, "not_yet"), 1);
    assert_eq!(count(nov30, "may_submit_now"), 0);
    assert_eq!(count(dec1, "not_yet"), 0);
    assert_eq!(count(dec1, "may_submit_now"), 1);
    assert_eq!(count(dec1, "waiting_documents"), 1);
    assert_eq!(count(dec1, "not_covered"), 1);
    let names = |g: &str, today| {
        ws.list(
            &ListQuery {
                readiness: permit_core::digest::Readiness::from_id(g),
                ..Default::default()
            },
            &View { today, ..view() },
        )
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect::<Vec<_>>()
    };
    assert_eq!(names("not_yet", nov30), ["Ready"]);
    assert_eq!(names("may_submit_now", dec1), ["Ready"]);
    assert_eq!(names("waiting_documents", dec1), ["Waiting"]);
    let waiting = |lang| {
        ws.list(
            &ListQuery {
                readiness: Some(permit_core::digest::Readiness::WaitingDocuments),
                ..Default::default()
            },
            &View { today: dec1, lang },
        )
        .unwrap()
        .rows[0]
            .digest
            .readiness
            .clone()
            .unwrap()
    };
    let facts = waiting(Lang::En);
    assert!(
        !facts.missing_documents.is_empty(),
        "the digest names what is missing"
    );
    // Saved from an English screen, listed on a Danish one: the missing
    // documents are named in Danish, as the rules name them.
    let da_facts = waiting(Lang::Da);
    let rules = &ws.bundle().rules;
    for (en, da) in facts
        .missing_documents
        .iter()
        .zip(&da_facts.missing_documents)
    {
        assert_eq!(en.id, da.id);
        assert_eq!(
            Some(en.name.as_str()),
            rules.document_name(&en.id, Lang::En)
        );
        assert_eq!(
            Some(da.name.as_str()),
            rules.document_name(&da.id, Lang::Da)
        );
        assert_ne!(en.name, da.name);
    }
    // An unknown group is refused when the query is read (IPC or command line).
    assert!(serde_json::from_str::<permit_core::digest::Readiness>("\"ready\"").is_err());
}

#[test]
fn a_case_planned_too_early_is_in_the_refused_group_first_when_sorted_by_where_it_stands() {
    let mut ws = Workspace::open(Some(&tmp("stands"))).unwrap();
    let researcher = |planned: &str| {
        json!({ "role": "employee", "scheme": "researcher", "employer": { "registered_in_denmark": true },
            "dates": { "job_start": "2027-06-01", "planned_submission": planned } })
    };
    let waiting = ws.create("A waiting", view()).unwrap();
    ws.update(waiting.id, &researcher("2026-12-01"), None, view())
        .unwrap();
    let outside = ws.create("B outside", view()).unwrap();
    ws.update(
        outside.id,
        &json!({ "role": "employee", "employer": { "location": "eu" } }),
        None,
        view(),
    )
    .unwrap();
    // Planned months before the window opens (1 Dec 2026): refused as it stands.
    let early = ws.create("C too early", view()).unwrap();
    ws.update(early.id, &researcher("2026-09-01"), None, view())
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
    let list = |sort| {
        ws.list(
            &ListQuery {
                sort: Some(sort),
                ..Default::default()
            },
            &View { today, ..view() },
        )
        .unwrap()
        .rows
    };
    let rows = list(ListSort::Stands);
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["C too early", "A waiting", "B outside"]);
    assert_eq!(
        rows[0].readiness,
        Some(permit_core::digest::Readiness::Blocked)
    );
    let problems = &rows[0].digest.readiness.as_ref().unwrap().problems;
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].name, "Planned submission date is too early");
    // Every case in exactly one group: the groups add up to the total.
    let counts = ws.readiness_counts(today).unwrap();
    assert_eq!(counts.iter().map(|c| c.count).sum::<usize>(), 3);
    // By form: the covered cases (AR1) before the one with no form.
    let names: Vec<String> = list(ListSort::Form).into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["A waiting", "C too early", "B outside"]);
}

/// A workspace at `path` with one AR9 case, "Stand builder".
fn stand_builder(path: &Path) -> (Workspace, CaseView) {
    let mut ws = open_ws(path);
    let a = ws.create("Stand builder", view()).unwrap();
    let a = ws.update(a.id, &ar9(), None, view()).unwrap();
    (ws, a)
}

/// The biometrics deadline of case `id` as the plan in `v` has it.
fn biometrics(ws: &Workspace, id: i64, v: View) -> permit_core::plan::Deadline {
    ws.view(id, v)
        .unwrap()
        .plan
        .deadlines
        .into_iter()
        .find(|d| d.id == "biometrics")
        .unwrap()
}

#[test]
fn reminders_give_the_date_then_once_passed_what_now_in_the_views_language_and_only_once() {
    let (ws, a) = stand_builder(&tmp("reminders"));
    let on = |lang, today| View { lang, today };
    let deadline = |v: View| biometrics(&ws, a.id, v);
    let bio = deadline(view());
    let date = bio.date;
    let reminder = |v: View, last: Option<NaiveDate>| {
        let label = deadline(v).label;
        ws.reminders(v, last)
            .unwrap()
            .into_iter()
            .find(|r| r.title.ends_with(&label))
    };
    // Due in 3 days: the date and the days left.
    let soon = date - chrono::Duration::days(3);
    let en = reminder(on(Lang::En, soon), None).unwrap();
    assert_eq!(en.case_id, a.id);
    assert_eq!(en.title, "Stand builder — Biometrics recorded");
    let day = |lang| permit_core::format::date(lang, date);
    assert_eq!(en.body, format!("Due {}: 3 days left.", day(Lang::En)));
    let da = reminder(on(Lang::Da, soon), None).unwrap();
    assert_eq!(
        da.title,
        format!("Stand builder — {}", deadline(on(Lang::Da, soon)).label)
    );
    assert_eq!(da.body, format!("Frist {}: 3 dage tilbage.", day(Lang::Da)));
    // Passed yesterday: what now, the plan's remedy, not a bare "overdue".
    let after = date + chrono::Duration::days(1);
    for (lang, words) in [
        (Lang::En, "The date {} has passed. What now: "),
        (Lang::Da, "Datoen {} er overskredet. Hvad nu: "),
    ] {
        let r = reminder(on(lang, after), Some(date)).unwrap();
        let remedy = deadline(on(lang, after)).remedy.unwrap();
        assert!(!remedy.is_empty());
        assert_eq!(
            r.body,
            format!("{}{remedy}", words.replace("{}", &day(lang)))
        );
        assert!(!r.body.contains("Overdue since") && !r.body.contains("Overskredet siden"));
    }
    // The same remedy the plan and the dashboard carry, in that language.
    assert_ne!(
        deadline(on(Lang::En, after)).remedy,
        deadline(on(Lang::Da, after)).remedy
    );
    // Reminded once: the next day's reminders (sent yesterday) leave it out;
    // the first ones after a start (none sent yet) give it once more.
    let next = after + chrono::Duration::days(1);
    assert!(reminder(on(Lang::En, next), Some(after)).is_none());
    assert!(reminder(on(Lang::En, next), None).is_some());
}

#[test]
fn reminders_are_sent_once_a_day_and_a_passed_deadline_once_across_restarts() {
    let path = tmp("reminders-due");
    let (mut ws, a) = stand_builder(&path);
    let date = biometrics(&ws, a.id, view()).date;
    let on = |today| View {
        lang: Lang::En,
        today,
    };
    let days = chrono::Duration::days;
    let soon = date - days(3);
    assert_eq!(ws.reminders_due(on(soon)).unwrap().len(), 1);
    assert!(ws.reminders_due(on(soon)).unwrap().is_empty(), "sent today");
    drop(ws);
    // Restarted the same day: not again. The day after it passed: once,
    // with what now; restarted the next day: not again.
    let mut ws = open_ws(&path);
    assert!(ws.reminders_due(on(soon)).unwrap().is_empty());
    let after = date + days(1);
    let passed = ws.reminders_due(on(after)).unwrap();
    assert_eq!(passed.len(), 1);
    assert!(passed[0].body.contains("What now: "), "{}", passed[0].body);
    drop(ws);
    let mut ws = open_ws(&path);
    assert!(ws.reminders_due(on(after + days(1))).unwrap().is_empty());
}

#[test]
fn list_filters_by_form_and_dashboard_shows_the_next_14_days() {
    let mut ws = open_ws(&tmp("dash"));
    let a = ws.create("Service provider", view()).unwrap();
    ws.update(a.id, &ar9(), None, view()).unwrap();
    let b = ws.create("Researcher", view()).unwrap();
    ws.update(b.id, &json!({ "role": "employee", "scheme": "researcher", "employer": { "registered_in_denmark": true },
        "dates": { "submitted": "2026-11-01", "job_start": "2027-03-01" } }), None, view()).unwrap();
    let only_ar9 = ws
        .list(
            &ListQuery {
                form: Some(permit_core::plan::Form::AR9),
                ..Default::default()
            },
            &view(),
        )
        .unwrap();
    assert_eq!(only_ar9.total, 1);
    assert_eq!(only_ar9.rows[0].name, "Service provider");
    // Pages: the nearest deadline first (researcher's, overdue), then AR9.
    let page = |offset| {
        ws.list(
            &ListQuery {
                offset: Some(offset),
                limit: Some(1),
                ..Default::default()
            },
            &view(),
        )
        .unwrap()
    };
    let (first, second) = (page(0), page(1));
    assert_eq!((first.total, first.offset, first.rows.len()), (2, 0, 1));
    assert_eq!(first.rows[0].name, "Researcher");
    assert_eq!(
        (second.offset, second.rows[0].name.as_str()),
        (1, "Service provider")
    );
    assert!(page(2).rows.is_empty());
    // An unknown order is refused when the query is read (ListSort is an enum).
    assert!(serde_json::from_value::<ListQuery>(json!({ "sort": "size" })).is_err());
    // "Export all" from a filtered list takes what the list shows, unpaged.
    let q = ListQuery {
        form: Some(permit_core::plan::Form::AR9),
        limit: Some(0),
        ..Default::default()
    };
    let picked = ws.batch_selection(None, Some(&q)).unwrap();
    assert_eq!(
        picked.0.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![a.id]
    );
    assert_eq!(ws.batch_selection(None, None).unwrap().0.len(), 2);
    assert_eq!(
        ws.batch_selection(Some(&[b.id]), Some(&q)).unwrap().0[0].id,
        b.id
    );
    // researcher's biometrics (2026-11-15) overdue; AR9's (2026-12-24) beyond 14 days
    let dash = ws.dashboard(14, view()).unwrap();
    assert_eq!(dash.len(), 1);
    assert_eq!(dash[0].case_name, "Researcher");
    assert_eq!(dash[0].deadline.status, DeadlineStatus::Overdue);
    let dash = ws.dashboard(31, view()).unwrap();
    assert_eq!(dash.len(), 2);
}

#[test]
fn delete_undo_archive_duplicate() {
    let mut ws = open_ws(&tmp("lifecycle"));
    let a = ws.create("A", view()).unwrap();
    ws.update(a.id, &ar9(), None, view()).unwrap();
    let copy = ws.duplicate(a.id, "A (copy)", view()).unwrap();
    assert_eq!(copy.plan.forms[0].form, "AR9");
    ws.delete(a.id).unwrap();
    assert_eq!(ws.list(&ListQuery::default(), &view()).unwrap().total, 1);
    ws.undo_delete(a.id).unwrap();
    ws.set_archived(a.id, true).unwrap();
    let active = ws
        .list(
            &ListQuery {
                status: Some(CaseStatus::Active),
                ..Default::default()
            },
            &view(),
        )
        .unwrap();
    assert_eq!(active.total, 1);
}

#[test]
fn a_corrupt_workspace_is_reported_and_left_alone() {
    let path = tmp("corrupt");
    std::fs::write(&path, b"this is not a database").unwrap();
    let err = Workspace::open(Some(&path)).err().unwrap();
    assert_eq!(err.kind, "corrupt");
    assert_eq!(
        err.path.as_deref(),
        Some(path.display().to_string().as_str())
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"this is not a database");
}

#[test]
fn pdf_export_writes_a_file() {
    let path = tmp("pdf");
    let mut ws = open_ws(&path);
    let a = ws.create("A", view()).unwrap();
    ws.update(a.id, &ar9(), None, view()).unwrap();
    let out = path.with_file_name("a.pdf");
    let r = ws.export_pdf(a.id, &out, view()).unwrap();
    assert!(r.bytes > 1000);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
}

fn hires_csv(dir: &Path, broken: bool) -> PathBuf {
    let text: Vec<&str> = include_str!("../../../examples/hires.csv")
        .lines()
        .take(4)
        .collect();
    let mut text = text.join("\n");
    text.push('\n');
    if broken {
        // row 3 (Rahul): a date that does not exist
        text = text.replace("11-12-2026", "31-02-2026");
    }
    let path = dir.join(if broken { "broken.csv" } else { "hires.csv" });
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_reimported_row_is_recognised_and_skipped_updated_or_imported_again() {
    let path = tmp("reimport");
    let dir = path.parent().unwrap().to_owned();
    let mut ws = open_ws(&path);
    let opts = |on_duplicate| ImportOptions {
        on_duplicate,
        ..ImportOptions::default()
    };
    let first = ws
        .import_hires(&hires_csv(&dir, false), &opts(OnDuplicate::Ask), view())
        .unwrap();
    assert_eq!((first.imported, first.needs_choice), (3, false));
    assert!(first.duplicates.is_empty());
    let ana = first.ids[0];
    // What the user did since: a new name and a document gathered.
    ws.rename(ana, "Ana (HR)", view()).unwrap();
    let mut s = serde_json::to_value(ws.get(ana, view()).unwrap().situation).unwrap();
    s["documents"] = json!([{ "id": "employment_contract", "gathered": true }]);
    ws.update(ana, &s, None, view()).unwrap();

    // The corrected file: Ana's salary changes; Kenji's row lost its
    // reference (same name, accents aside, and birth date); Rahul's
    // reference is written in lower case; one new hire.
    let text = include_str!("../../../examples/hires.csv");
    let lines: Vec<&str> = text.lines().collect();
    let corrected = [
        lines[0].to_owned(),
        lines[1].replace("\"540.000,00\"", "\"560.000,00\""),
        lines[2].replace("HR-2027-002", "hr-2027-002"),
        lines[3]
            .replace("HR-2027-003", "")
            .replace(",Kenji Watanabe,", ",KENJI WATANABÉ,"),
        lines[4].to_owned(),
    ]
    .join("\n");
    let csv = dir.join("corrected.csv");
    std::fs::write(&csv, corrected).unwrap();
    let total = |ws: &Workspace| ws.list(&ListQuery::default(), &view()).unwrap().total;

    let asked = ws
        .import_hires(&csv, &opts(OnDuplicate::Ask), view())
        .unwrap();
    assert!(asked.needs_choice);
    assert_eq!(
        (asked.imported, asked.updated, total(&ws)),
        (0, 0, 3),
        "nothing imported"
    );
    let by: Vec<(usize, i64, MatchedBy)> = asked
        .duplicates
        .iter()
        .map(|d| (d.row, d.case_id, d.matched_by))
        .collect();
    assert_eq!(
        by,
        [
            (2, ana, MatchedBy::Reference),
            (3, first.ids[1], MatchedBy::Reference),
            (4, first.ids[2], MatchedBy::NameAndBirthDate)
        ]
    );

    let skipped = ws
        .import_hires(&csv, &opts(OnDuplicate::Skip), view())
        .unwrap();
    assert_eq!(
        (skipped.imported, skipped.skipped, total(&ws)),
        (1, 3, 4),
        "only the new hire"
    );
    assert_eq!(skipped.cases.len(), 1);
    assert_eq!(skipped.cases[0].row, 5);

    let updated = ws
        .import_hires(&csv, &opts(OnDuplicate::Update), view())
        .unwrap();
    // The new hire of the last import is matched too now.
    assert_eq!((updated.imported, updated.updated, total(&ws)), (0, 4, 4));
    assert!(updated.cases.iter().all(|c| c.updated));
    let a = ws.get(ana, view()).unwrap();
    assert_eq!(a.name, "Ana (HR)", "the case's own name stays");
    assert_eq!(
        a.situation.salary.components[0]
            .amount
            .map(|x| x.0.to_string()),
        Some("560000.00".to_owned()),
        "the row's answer is written"
    );
    assert!(
        a.situation.documents.iter().any(|d| d.gathered),
        "what the row does not hold stays"
    );

    let again = ws
        .import_hires(&csv, &opts(OnDuplicate::New), view())
        .unwrap();
    assert_eq!(
        (again.imported, again.duplicates.len(), total(&ws)),
        (4, 4, 8)
    );
}

#[test]
fn an_import_reports_each_case_by_outcome() {
    let path = tmp("outcomes");
    let dir = path.parent().unwrap().to_owned();
    let mut ws = open_ws(&path);
    let csv = dir.join("all.csv");
    std::fs::write(&csv, include_str!("../../../examples/hires.csv")).unwrap();
    let r = ws
        .import_hires(&csv, &ImportOptions::default(), view())
        .unwrap();
    assert_eq!(r.imported, 10);
    assert_eq!(r.form_found + r.needs_answers + r.not_covered, 10);
    // Each count is what the case's own plan says.
    for c in &r.cases {
        let p = ws.get(c.case_id, view()).unwrap().plan;
        assert_eq!(c.coverage, Some(p.coverage.status), "row {}", c.row);
        if c.coverage == Some(permit_core::plan::CoverageStatus::Covered) {
            assert!(!p.forms.is_empty(), "row {}: a form when covered", c.row);
        } else {
            // Outside the current pages: at most a form the 2011 page
            // names, with its caution (issue 24: the Pay Limit hire's AR1).
            assert!(
                p.forms
                    .iter()
                    .all(|f| f.why.iter().any(|r| r.page == "001")),
                "row {}: only a 2011 form when not covered",
                c.row
            );
        }
    }
    assert!(r.not_covered > 0 && r.form_found > 0, "{r:?}");
}

#[test]
fn a_csv_over_the_limit_is_refused_in_the_views_language_with_its_size_and_nothing_imported() {
    let path = tmp("too-large");
    let dir = path.parent().unwrap().to_owned();
    let mut ws = open_ws(&path);
    let max = permit_core::limits::MAX_CSV_BYTES;
    let csv = dir.join("big.csv");
    let f = std::fs::File::create(&csv).unwrap();
    // Sparse: one byte over the limit costs no disk.
    f.set_len(max + 1).unwrap();
    let da = View {
        lang: Lang::Da,
        ..view()
    };
    let e = ws
        .import_hires(&csv, &ImportOptions::default(), da)
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io);
    assert_eq!(e.lang, Some(Lang::Da));
    assert_eq!(
        e.message,
        format!(
            "big.csv fylder {} bytes, mere end én import kan tage (højst {max} bytes); del den op i mindre filer",
            max + 1
        )
    );
    assert_eq!(ws.list(&ListQuery::default(), &view()).unwrap().total, 0);
    // At the limit it is read (and parsed: a file of zero bytes says so).
    f.set_len(max).unwrap();
    let at = ws.import_hires(&csv, &ImportOptions::default(), da);
    assert!(
        at.as_ref()
            .map_or_else(|e| e.kind != ErrorKind::TooLarge, |_| true),
        "{at:?}"
    );
}

#[test]
fn csv_import_all_or_nothing_or_the_valid_rows() {
    let path = tmp("import");
    let dir = path.parent().unwrap().to_owned();
    let mut ws = open_ws(&path);
    let csv = hires_csv(&dir, true);
    let r = ws
        .import_csv(&csv, ImportMode::AllOrNothing, None, None, Lang::En)
        .unwrap();
    assert_eq!(r.imported, 0);
    assert_eq!((r.rows, r.valid), (3, 2));
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(r.problems[0].row, Some(3));
    assert_eq!(r.problems[0].column.as_deref(), Some("planned_submission"));
    // The same problem in the Danish view, in Danish.
    let da = ws
        .import_csv(&csv, ImportMode::AllOrNothing, None, None, Lang::Da)
        .unwrap();
    assert!(
        da.problems[0].message.contains("skriv den som DD-MM-ÅÅÅÅ")
            && !da.problems[0].message.contains("write"),
        "{:?}",
        da.problems
    );
    assert!(ws
        .list(&ListQuery::default(), &view())
        .unwrap()
        .rows
        .is_empty());

    ws.template_save(
        "Employer docs",
        "Signed contract\n\nInternal approval\n",
        Lang::En,
    )
    .unwrap();
    let r = ws
        .import_csv(
            &csv,
            ImportMode::ValidRows,
            Some("Employer docs"),
            None,
            Lang::En,
        )
        .unwrap();
    assert_eq!(r.imported, 2);
    let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
    assert_eq!(rows.len(), 2);
    // imported cases carry the app's digest, with the template's items
    let researcher = rows.iter().find(|r| r.name.contains("Ana Silva")).unwrap();
    assert_eq!(researcher.digest.forms, vec!["AR1"]);
    let c = ws.get(researcher.id, view()).unwrap();
    assert!(c
        .plan
        .documents
        .iter()
        .any(|d| d.own && d.name == "Internal approval"));

    // An unknown mode is refused when the command's arguments are read.
    assert!(serde_json::from_str::<ImportMode>("\"some\"").is_err());
    let err = ws
        .import_csv(
            &dir.join("missing.csv"),
            ImportMode::ValidRows,
            None,
            None,
            Lang::En,
        )
        .unwrap_err();
    assert_eq!(err.kind, "io");
    assert!(Workspace::csv_template(Lang::En).starts_with("case_name,"));
    let t = dir.join("template.csv");
    Workspace::save_csv_template(&t).unwrap();
    assert_eq!(
        std::fs::read_to_string(&t).unwrap(),
        Workspace::csv_template(Lang::En)
    );
}

#[test]
fn ics_has_one_event_per_deadline() {
    let path = tmp("ics");
    let mut ws = open_ws(&path);
    let a = ws.create("A", view()).unwrap();
    let a = ws.update(a.id, &ar9(), None, view()).unwrap();
    let out = path.with_file_name("cal.ics");
    let r = ws.export_ics(Some(&[a.id]), None, &out, view()).unwrap();
    assert!(r.events > 0);
    // A date already past is left out of a new calendar (issue 15, item 10).
    let upcoming = a.plan.deadlines.iter().filter(|d| d.days_left >= 0).count();
    assert!(
        upcoming < a.plan.deadlines.len(),
        "the example has a past date"
    );
    assert_eq!(r.events, upcoming);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), r.events);
    assert!(text.starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn a_case_file_round_trips() {
    let path = tmp("casefile");
    let mut ws = open_ws(&path);
    let a = ws.create("Stand builder", view()).unwrap();
    let a = ws.update(a.id, &ar9(), None, view()).unwrap();
    let file = path.with_file_name("case.json");
    ws.export_case_file(a.id, &file).unwrap();
    let other = Workspace::open(Some(&address_for(&path.with_file_name("other.sqlite3"))));
    let mut other = other.unwrap();
    let b = other
        .import_case_file(&file, OnDuplicate::Ask, view())
        .unwrap();
    assert_eq!(b.name, "Stand builder");
    assert_eq!(b.situation, a.situation);
    assert_eq!(b.plan, a.plan);
    let rows = other.list(&ListQuery::default(), &view()).unwrap().rows;
    assert_eq!(rows[0].digest.forms, vec!["AR9"]);

    std::fs::write(
        &file,
        "{ \"format\": \"permit-packet-case\", \"version\": 99 }",
    )
    .unwrap();
    assert_eq!(
        other
            .import_case_file(&file, OnDuplicate::Ask, view())
            .unwrap_err()
            .kind,
        "newer_file",
        "a newer case file, not a newer workspace"
    );
    std::fs::write(&file, "not json").unwrap();
    assert_eq!(
        other
            .import_case_file(&file, OnDuplicate::Ask, view())
            .unwrap_err()
            .kind,
        "invalid_file",
        "a damaged case file, not a damaged workspace"
    );
}

#[test]
fn a_danish_view_gets_the_services_own_refusals_in_danish() {
    let da = View {
        lang: Lang::Da,
        ..view()
    };
    // An invalid situation: the headline and the field, in Danish.
    let bad =
        json!({ "format": 1, "dates": { "job_start": "2027-03-01", "job_end": "2027-01-01" } });
    let e = Workspace::preview(&bad, da).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert_eq!(e.lang, Some(Lang::Da));
    assert!(
        e.message.starts_with("Et svar kan ikke godtages: ")
            && e.message
                .ends_with("jobbet kan ikke slutte, før det begynder"),
        "{}",
        e.message
    );
    assert_eq!(e.fields[0].field, "dates.job_end");
    assert!(e.message.ends_with(&e.fields[0].message), "{e:?}");
    // The same in English, said to be English.
    let e = Workspace::preview(&bad, view()).unwrap_err();
    assert_eq!(e.lang, Some(Lang::En));
    assert!(
        e.message.starts_with("An answer is not accepted: ")
            && e.message.ends_with("the job cannot end before it starts"),
        "{}",
        e.message
    );
    // A damaged checklist template, applied in Danish.
    let mut ws = open_ws(&tmp("tpl-damaged"));
    let c = ws.create("Ana", da).unwrap();
    ws.store.save_template("Gammel", "42").unwrap();
    let e = ws.template_apply("Gammel", c.id, None, da).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert_eq!(e.lang, Some(Lang::Da));
    assert!(
        e.message
            .starts_with("tjeklisteskabelonen “Gammel” er beskadiget og kan ikke læses"),
        "{}",
        e.message
    );
    // And one that is not there.
    let e = ws.template_apply("Ingen", c.id, None, da).unwrap_err();
    assert_eq!((e.kind, e.lang), (ErrorKind::NotFound, Some(Lang::Da)));
    assert_eq!(
        e.message,
        "der er ingen tjeklisteskabelon med navnet “Ingen”"
    );
    // Saving and deleting templates speak the view's language too.
    let e = ws.template_delete("Ingen", Lang::Da).unwrap_err();
    assert_eq!((e.kind, e.lang), (ErrorKind::NotFound, Some(Lang::Da)));
    assert_eq!(
        e.message,
        "der er ingen tjeklisteskabelon med navnet “Ingen”"
    );
    let e = ws.template_save("HR", "\n", Lang::Da).unwrap_err();
    assert_eq!((e.kind, e.lang), (ErrorKind::InvalidInput, Some(Lang::Da)));
    assert_eq!(
        e.message,
        "tjeklisteskabelonen “HR”: en skabelon skal have mindst ét punkt"
    );
    let e = ws.template_save(" ", "Kontrakt", Lang::Da).unwrap_err();
    assert_eq!(e.message, "en tjeklisteskabelon skal have et navn");
    let e = ws
        .template_save("HR", "Kontrakt\nkontrakt", Lang::En)
        .unwrap_err();
    assert_eq!(
        (e.message.as_str(), e.lang),
        (
            "the checklist template “HR”: item 2: “kontrakt” is listed twice",
            Some(Lang::En)
        )
    );
    // An error in the program's own words says it has no language.
    let dir = std::env::temp_dir().join("permit-no-such-dir-for-this-test");
    let e = ws
        .import_hires(&dir.join("x.csv"), &ImportOptions::default(), da)
        .unwrap_err();
    assert_eq!((e.kind, e.lang), (ErrorKind::Io, None));
}

#[test]
fn a_deleted_template_can_be_saved_again_from_what_delete_returns() {
    let mut ws = open_ws(&tmp("tpl-delete"));
    ws.template_save(
        "Employer docs",
        r#"[{"name":"Signed contract","notes":"HR signs"},"Internal approval"]"#,
        Lang::En,
    )
    .unwrap();
    let saved = ws
        .store
        .get_template("Employer docs")
        .unwrap()
        .unwrap()
        .items_json;
    let text = ws.template_delete(" Employer docs ", Lang::En).unwrap();
    assert!(ws.templates().unwrap().is_empty());
    assert_eq!(
        ws.template_delete("Employer docs", Lang::En)
            .unwrap_err()
            .kind,
        "not_found"
    );
    // Undo: the same items, notes included.
    ws.template_save("Employer docs", &text, Lang::En).unwrap();
    assert_eq!(
        ws.store
            .get_template("Employer docs")
            .unwrap()
            .unwrap()
            .items_json,
        saved
    );
    assert_eq!(
        ws.templates().unwrap()[0].items,
        vec!["Signed contract", "Internal approval"]
    );
}

#[test]
fn batch_export_writes_a_pdf_per_case_and_honours_cancel() {
    let path = tmp("batch");
    let mut ws = open_ws(&path);
    for name in ["One", "Two", "Two"] {
        let c = ws.create(name, view()).unwrap();
        ws.update(c.id, &ar9(), None, view()).unwrap();
    }
    let dir = path.with_file_name("out");
    let seen = std::sync::Mutex::new(Vec::new());
    let r = ws
        .batch_export(
            None,
            None,
            &dir,
            view(),
            permit_files::Replace::No,
            |d, t| seen.lock().unwrap().push((d, t)),
            &AtomicBool::new(false),
        )
        .unwrap();
    assert_eq!((r.written, r.failed, r.cancelled), (3, 0, false));
    let pdfs = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    assert_eq!(pdfs, 3, "unique names for cases of the same name");
    let summary = std::fs::read_to_string(r.summary_path.unwrap()).unwrap();
    assert_eq!(summary.lines().count(), 4);
    let mut seen = seen.into_inner().unwrap();
    seen.sort();
    assert_eq!(seen, vec![(1, 3), (2, 3), (3, 3)]);

    let dir = path.with_file_name("cancelled");
    let r = ws
        .batch_export(
            None,
            None,
            &dir,
            view(),
            permit_files::Replace::No,
            |_, _| {},
            &AtomicBool::new(true),
        )
        .unwrap();
    assert!(r.cancelled);
    assert_eq!(r.written, 0);
    assert!(r.summary_path.is_none());
    assert!(!dir.join("summary.csv").exists());
}

#[test]
fn templates_list_save_apply() {
    let mut ws = open_ws(&tmp("templates"));
    assert_eq!(
        ws.template_save("  ", "x", Lang::En).unwrap_err().kind,
        "invalid_input"
    );
    assert_eq!(
        ws.template_save("T", "\n", Lang::En).unwrap_err().kind,
        "invalid_input"
    );
    ws.template_save("HR", "Contract\nApproval", Lang::En)
        .unwrap();
    assert_eq!(
        ws.templates().unwrap(),
        vec![TemplateInfo {
            name: "HR".into(),
            items: vec!["Contract".into(), "Approval".into()]
        }]
    );
    let c = ws.create("A", view()).unwrap();
    let c = ws.update(c.id, &ar9(), None, view()).unwrap();
    let c = ws
        .template_apply("HR", c.id, Some(&c.updated_at), view())
        .unwrap();
    let own: Vec<&str> = c
        .plan
        .documents
        .iter()
        .filter(|d| d.own)
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(own, vec!["Contract", "Approval"]);
    assert_eq!(
        ws.template_apply("nope", c.id, None, view())
            .unwrap_err()
            .kind,
        "not_found"
    );
}

#[test]
fn search_finds_the_name_reference_applicant_and_employer_ignoring_case_and_accents() {
    assert_eq!(record::fold("Ærø Lucía"), "ærø lucia");
    let path = tmp("search-folded");
    let mut ws = open_ws(&path);
    let researcher = ws.create("Researcher", view()).unwrap();
    ws.update(
        researcher.id,
        &json!({ "format": 1, "case": { "reference": "HR-2027-017" },
                 "applicant": { "name": "Lucía Pérez" }, "employer": { "name": "Aarhus Universitet" } }),
        Some(&researcher.updated_at),
        view(),
    )
    .unwrap();
    let chef = ws.create("Zoë Ærø", view()).unwrap();
    ws.update(
        chef.id,
        &json!({ "format": 1, "applicant": { "name": "Søren Ødegård" }, "employer": { "name": "Noma ApS" } }),
        Some(&chef.updated_at),
        view(),
    )
    .unwrap();
    ws.create("Lucas", view()).unwrap();
    let found = |text: &str| {
        let q = ListQuery {
            search: Some(text.into()),
            sort: Some(ListSort::Name),
            ..ListQuery::default()
        };
        ws.list(&q, &view())
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(found("lucia"), ["Researcher"], "accent and case ignored");
    assert_eq!(found("LUCÍA PÉREZ"), ["Researcher"]);
    assert_eq!(found("hr-2027-017"), ["Researcher"], "the reference");
    assert_eq!(found("2027-01"), ["Researcher"], "part of the reference");
    assert_eq!(found("aarhus"), ["Researcher"], "the employer");
    assert_eq!(found("ÆRØ"), ["Zoë Ærø"], "beyond ASCII, in the name");
    assert_eq!(found("zoe"), ["Zoë Ærø"]);
    assert_eq!(found("ødegård"), ["Zoë Ærø"]);
    assert!(
        found("odegard").is_empty(),
        "ø is a letter, not an o with an accent"
    );
    assert_eq!(
        found("luc"),
        ["Lucas", "Researcher"],
        "names and applicants alike"
    );
    assert!(found("hr-2027-018").is_empty(), "one character off");
    assert!(found("50%").is_empty(), "LIKE's wildcards are text");
    // A renamed case is found by its new name, not its old one.
    ws.rename(chef.id, "Chef Noma", view()).unwrap();
    let q = |text: &str| ListQuery {
        search: Some(text.into()),
        ..ListQuery::default()
    };
    let rows = ws.list(&q("chef"), &view()).unwrap().rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Chef Noma");
    assert!(ws.list(&q("zoë"), &view()).unwrap().rows.is_empty());
}

#[test]
fn duplicate_for_a_new_hire_keeps_the_employer_and_the_job_and_empties_the_person() {
    let path = tmp("new-hire");
    let mut ws = open_ws(&path);
    let c = ws.create("Stand builder", view()).unwrap();
    let mut s = ar9();
    s["documents"] = json!([
        { "own": true, "name": "Signed lease", "gathered": true, "translation": "ordered", "language": "da", "notes": "HR" },
        { "id": "passport", "own": false, "gathered": true }
    ]);
    s["salary"] =
        json!({ "period": "month", "components": [ { "kind": "cash", "amount": "40583.33" } ] });
    let c = ws.update(c.id, &s, Some(&c.updated_at), view()).unwrap();
    let d = ws.duplicate(c.id, "Stand builder 2", view()).unwrap();
    assert_ne!(d.id, c.id);
    assert_eq!(d.name, "Stand builder 2");
    assert_eq!(d.situation.role, c.situation.role);
    assert_eq!(d.situation.scheme, c.situation.scheme);
    assert_eq!(d.situation.employer, c.situation.employer);
    assert_eq!(d.situation.salary, c.situation.salary);
    assert_eq!(d.situation.applicant.name, None, "the person is not copied");
    assert_eq!(d.situation.dates.planned_submission, None);
    assert_eq!(d.situation.dates.job_start, None);
    let docs = &d.situation.documents;
    assert_eq!(docs.len(), 1, "own items only: {docs:?}");
    assert!(docs[0].own && !docs[0].gathered && docs[0].notes.is_none());
    assert_eq!(docs[0].name.as_deref(), Some("Signed lease"));
    // The copy is planned and listed like any case, in the same transaction.
    let rows = ws.list(&ListQuery::default(), &view()).unwrap().rows;
    assert!(rows
        .iter()
        .any(|r| r.id == d.id && r.digest.employer_name == c.situation.employer.name));
}

/// Issue 25, item 6: a case file that matches a case already in the
/// workspace (the same reference, or the same applicant name and birth
/// date) is not made a second case silently: asked, nothing is written
/// until the user chooses to skip, update that case or import it as new;
/// the file's pending answers (its draft) come along either way.
#[test]
fn a_case_file_that_matches_a_case_asks_then_skips_updates_or_imports_as_new() {
    let path = tmp("casefile-duplicate");
    let mut ws = open_ws(&path);
    let mut s = ar9();
    s["case"] = json!({ "reference": "HR-2027-042" });
    let a = ws.create("Ana", view()).unwrap();
    // The file holds a pending answer: a birth date that does not exist.
    let mut typed = s.clone();
    typed["applicant"]["birth_date"] = json!("1990-02-30");
    let a = ws.update(a.id, &typed, None, view()).unwrap();
    assert!(a.draft.is_some());
    let file = path.with_file_name("ana.permit-case.json");
    ws.export_case_file(a.id, &file).unwrap();
    // Since: the case was renamed and its birth date left out (no draft).
    ws.rename(a.id, "Ana (HR)", view()).unwrap();
    ws.update(a.id, &s, None, view()).unwrap();
    assert!(ws.get(a.id, view()).unwrap().draft.is_none());
    let total = |ws: &Workspace| ws.list(&ListQuery::default(), &view()).unwrap().total;
    let entries = |ws: &Workspace| ws.history(None, None, None, Lang::En).unwrap().len();
    let before = (total(&ws), entries(&ws), ws.get(a.id, view()).unwrap());

    let asked = ws.import_case(&file, OnDuplicate::Ask, view()).unwrap_err();
    assert_eq!(asked.kind, ErrorKind::Duplicate);
    assert!(
        asked
            .message
            .contains(&format!("case {} (“Ana (HR)”)", a.id))
            && asked.message.contains("same reference")
            && asked.message.contains("Nothing was imported"),
        "{}",
        asked.message
    );
    let now = (total(&ws), entries(&ws), ws.get(a.id, view()).unwrap());
    assert_eq!(now, before, "asked: nothing written");

    let skipped = ws.import_case(&file, OnDuplicate::Skip, view()).unwrap();
    assert_eq!((skipped.done, skipped.case.id), (OnDuplicate::Skip, a.id));
    assert_eq!(
        skipped.matched.as_ref().map(|d| d.matched_by),
        Some(MatchedBy::Reference)
    );
    let now = (total(&ws), entries(&ws), ws.get(a.id, view()).unwrap());
    assert_eq!(now, before, "skipped: nothing written");

    let updated = ws.import_case(&file, OnDuplicate::Update, view()).unwrap();
    assert_eq!((updated.done, updated.case.id), (OnDuplicate::Update, a.id));
    assert_eq!(total(&ws), 1, "no second case");
    let c = ws.get(a.id, view()).unwrap();
    assert_eq!(c.name, "Ana (HR)", "the case's own name stays");
    let draft = c
        .draft
        .expect("the file's pending answer is laid over the case");
    assert_eq!(draft.situation["applicant"]["birth_date"], "1990-02-30");
    let entry = &ws.history(Some(a.id), None, None, Lang::En).unwrap()[0];
    assert_eq!(entry.action, "import_update");
    assert!(
        entry.fields.iter().any(|f| f == "applicant.birth_date"),
        "{entry:?}"
    );

    let new = ws.import_case(&file, OnDuplicate::New, view()).unwrap();
    assert_eq!(new.done, OnDuplicate::New);
    assert_ne!(new.case.id, a.id);
    assert_eq!(new.matched.map(|d| d.case_id), Some(a.id));
    assert_eq!(total(&ws), 2);
    assert!(new.case.draft.is_some(), "the draft comes along");

    // The same applicant name (case and accents aside) and birth date,
    // no reference.
    let k = ws.create("Kenji", view()).unwrap();
    let person = json!({ "format": 1, "applicant": { "name": "Kenji Watanabé", "birth_date": "1990-05-01" } });
    ws.update(k.id, &person, None, view()).unwrap();
    let kfile = path.with_file_name("kenji.permit-case.json");
    ws.export_case_file(k.id, &kfile).unwrap();
    let mut other = person.clone();
    other["applicant"]["name"] = json!("KENJI WATANABE");
    ws.update(k.id, &other, None, view()).unwrap();
    let asked = ws
        .import_case(&kfile, OnDuplicate::Ask, view())
        .unwrap_err();
    assert_eq!(asked.kind, ErrorKind::Duplicate);
    assert!(
        asked.message.contains("same applicant name and birth date"),
        "{}",
        asked.message
    );
    assert_eq!(total(&ws), 3);
    // In Danish, for a Danish view.
    let da = View {
        lang: Lang::Da,
        ..view()
    };
    let asked = ws.import_case(&kfile, OnDuplicate::Ask, da).unwrap_err();
    assert!(
        asked.message.contains("samme ansøgernavn og fødselsdato"),
        "{}",
        asked.message
    );
    assert_eq!(asked.lang, Some(Lang::Da));
}
