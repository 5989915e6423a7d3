//! The permit's life as dates (issue 24): the extension deadline and the
//! earliest extension after a passport renewal per page, the biometrics
//! appointment against the 14 days, the job-seeking application date — each
//! asked only when it matters, cited, and tested the day before, on and after.

use crate::*;
use permit_core::plan::{CheckStatus, DeadlineKind, DeadlineStatus};
use permit_core::questions::Question;

fn granted(base: Value, patch: Value) -> Value {
    with(
        with(
            base,
            json!({ "applying_from": "abroad", "dates": { "permit_granted": "2027-02-01", "entry": "2027-02-20", "job_end": "2031-02-28" } }),
        ),
        patch,
    )
}

#[test]
fn extension_is_due_by_the_permits_expiry_day() {
    let v = granted(
        researcher(),
        json!({ "dates": { "permit_expiry": "2029-05-31" } }),
    );
    let before = plan_at(&v, "2029-05-30");
    let d = deadline(&before, "extension");
    assert_eq!(
        (d.date, d.kind),
        (date("2029-05-31"), DeadlineKind::NoLaterThan)
    );
    assert_eq!(d.status, DeadlineStatus::DueSoon);
    let rules: Vec<&str> = d.why.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules, ["EXT-1", "EXT-1b"]);
    assert!(
        d.convention
            .contains("no later than the permit's expiry date")
            && !d.convention.contains("C10"),
        "{}",
        d.convention
    );
    // On the expiry day itself: still in time (C10).
    assert_eq!(
        deadline(&plan_at(&v, "2029-05-31"), "extension").status,
        DeadlineStatus::DueSoon
    );
    // The day after: passed, with "contact SIRI" (the pages give no remedy).
    let after = plan_at(&v, "2029-06-01");
    assert_eq!(
        deadline(&after, "extension").status,
        DeadlineStatus::Overdue
    );
    assert!(has_warning(&after, "overdue:extension"));
    // Without the expiry no date is guessed.
    assert!(!plan_of(&granted(researcher(), json!({})))
        .deadlines
        .iter()
        .any(|d| d.id == "extension"));
}

/// 90 days before the expiry on the researcher page (003:216), 3 months on
/// 002 (255) and 004 (323); never before the renewal itself.
#[test]
fn earliest_extension_after_a_passport_renewal_per_page() {
    for (base, page, earliest) in [
        (researcher(), "003", "2029-03-02"),
        (athlete(), "004", "2029-02-28"),
        (service_provider(), "002", "2029-02-28"),
    ] {
        let at = |renewed: &str| {
            plan_of(&granted(
                base.clone(),
                json!({ "dates": { "permit_expiry": "2029-05-31", "passport_expiry": "2029-08-31", "passport_renewed": renewed } }),
            ))
        };
        let p = at("2028-12-01");
        let d = deadline(&p, "extension_earliest");
        assert_eq!(
            (d.date, d.kind),
            (date(earliest), DeadlineKind::NotBefore),
            "{page}"
        );
        assert!(
            d.why.iter().any(|r| r.rule == "PASS-3b" && r.page == page),
            "{page}"
        );
        // Renewed on the day the rule gives: that day.
        assert_eq!(
            deadline(&at(earliest), "extension_earliest").date,
            date(earliest)
        );
        // Renewed a day later: the renewal day.
        let later = date(earliest).succ_opt().unwrap();
        let p = at(&later.to_string());
        let d = deadline(&p, "extension_earliest");
        assert_eq!(d.date, later, "{page}");
        assert!(
            d.computed.contains("once the passport is renewed"),
            "{}",
            d.computed
        );
    }
}

#[test]
fn biometrics_appointment_against_the_14_days() {
    // Submitted 10 Jan 2027: biometrics no later than 24 Jan (C1).
    let at = |appointment: &str, from: &str| {
        plan_of(&with(
            researcher(),
            json!({ "applying_from": from, "dates": { "biometrics_appointment": appointment } }),
        ))
    };
    for day in ["2027-01-23", "2027-01-24"] {
        let c = check(&at(day, "abroad"), "biometrics_appointment").clone();
        assert_eq!(c.status, CheckStatus::Pass, "{day}: {}", c.message);
    }
    let late = at("2027-01-25", "abroad");
    let c = check(&late, "biometrics_appointment");
    assert_eq!(c.status, CheckStatus::Fail);
    // From abroad: the page's remedy (tell SIRI the time booked), cited.
    assert!(c.message.contains("24 Jan 2027"), "{}", c.message);
    assert!(c.why.iter().any(|r| r.rule == "DEADLINE-BIO-2"));
    let figures = c.figures.as_ref().expect("figures");
    assert_eq!(figures.counted, Some(15.into()));
    assert_eq!(figures.limit, Some(14.into()));
    // From Denmark: the page gives no remedy for an appointment here.
    let dk = at("2027-01-25", "denmark");
    let c = check(&dk, "biometrics_appointment");
    assert_eq!(c.status, CheckStatus::Fail);
    assert!(c.message.contains("contact SIRI"), "{}", c.message);
    assert!(!c.why.iter().any(|r| r.rule == "DEADLINE-BIO-2"));
}

#[test]
fn job_seeking_application_in_time_or_not() {
    // Ended 1 Jun 2027: apply no later than 3 Jun (two days after, C1).
    let at = |applied: &str| {
        plan_of(&with(
            researcher(),
            json!({ "job_loss_through_no_fault": true,
                    "dates": { "employment_ended": "2027-06-01", "job_seeking_applied": applied } }),
        ))
    };
    assert_eq!(
        status(&at("2027-06-02"), "job_seeking_applied"),
        CheckStatus::Pass
    );
    let on = at("2027-06-03");
    assert_eq!(status(&on, "job_seeking_applied"), CheckStatus::Pass);
    let m = &check(&on, "job_seeking_applied").message;
    assert!(
        m.contains("6 months") && m.contains("do not say from which day"),
        "{m}"
    );
    assert_eq!(
        status(&at("2027-06-04"), "job_seeking_applied"),
        CheckStatus::Fail
    );
}

/// The new facts are asked only where the engine uses them.
#[test]
fn the_new_facts_are_asked_only_when_they_matter() {
    let asks = |v: &Value, q: Question| plan_of(v).coverage.questions.ask.contains(&q);
    let bare = json!({ "role": "employee", "scheme": "researcher", "employer": { "registered_in_denmark": true } });
    assert!(!asks(&bare, Question::PermitExpiry));
    assert!(!asks(&bare, Question::BiometricsAppointment));
    assert!(!asks(&bare, Question::JobSeekingApplied));
    let g = with(
        bare.clone(),
        json!({ "dates": { "permit_granted": "2027-02-01" } }),
    );
    assert!(asks(&g, Question::PermitExpiry));
    assert!(!asks(&g, Question::PassportRenewed));
    let e = with(
        g,
        json!({ "dates": { "permit_expiry": "2029-05-31", "passport_expiry": "2029-08-31" } }),
    );
    assert!(asks(&e, Question::PassportRenewed));
    let s = with(
        bare.clone(),
        json!({ "dates": { "planned_submission": "2027-01-10" } }),
    );
    assert!(asks(&s, Question::BiometricsAppointment));
    let ended = with(
        bare.clone(),
        json!({ "dates": { "employment_ended": "2027-06-01" } }),
    );
    assert!(asks(&ended, Question::JobSeekingApplied));
    let fault = with(ended, json!({ "job_loss_through_no_fault": false }));
    assert!(!asks(&fault, Question::JobSeekingApplied));
}

/// A permit granted (on or before today) was a complete application,
/// biometrics included: no biometrics date to act on any more; one granted
/// later (a planned grant) keeps it.
#[test]
fn a_granted_permit_has_no_biometrics_date_left() {
    let at = |granted: &str| {
        plan_of(&with(
            researcher(),
            json!({ "dates": { "submitted": "2026-10-01", "permit_granted": granted } }),
        ))
    };
    for day in ["2026-11-22", "2026-11-23"] {
        assert!(
            !at(day).deadlines.iter().any(|d| d.id == "biometrics"),
            "{day}"
        );
    }
    let planned = at("2026-11-24");
    assert_eq!(deadline(&planned, "biometrics").date, date("2026-10-15"));
}

/// A grant dated before the submission is not this application's grant: the
/// biometrics date stays.
#[test]
fn a_grant_before_the_submission_keeps_the_biometrics_date() {
    let p = plan_of(&with(
        researcher(),
        json!({ "dates": { "submitted": "2026-10-01", "permit_granted": "2026-09-30" } }),
    ));
    assert_eq!(deadline(&p, "biometrics").date, date("2026-10-15"));
}

fn abroad(base: Value, from: &str, until: &str, patch: Value) -> Plan {
    plan_of(&with(
        with(
            base,
            json!({ "dates": { "permit_granted": "2027-02-01", "abroad_from": from, "abroad_until": until } }),
        ),
        patch,
    ))
}

/// 004: abroad from 30 Sep 2027, back by 30 Mar 2028 (C11, C3); one day
/// later the permit "will" lapse — quoted beside 002's "can".
#[test]
fn stay_abroad_lapse_date_on_the_special_qualifications_page() {
    for (until, ok) in [
        ("2028-03-29", true),
        ("2028-03-30", true),
        ("2028-03-31", false),
    ] {
        let p = abroad(athlete(), "2027-09-30", until, json!({}));
        assert_eq!(deadline(&p, "abroad_return_by").date, date("2028-03-30"));
        let c = check(&p, "stay_abroad");
        assert_eq!(c.status == CheckStatus::Pass, ok, "{until}: {}", c.message);
        assert_eq!(has_warning(&p, "permit_lapse"), !ok, "{until}");
    }
    let p = abroad(athlete(), "2027-09-30", "2028-03-31", json!({}));
    let w = p.warnings.iter().find(|w| w.id == "permit_lapse").unwrap();
    assert!(
        w.message.contains("will lapse") && w.message.contains("30 Mar 2028"),
        "{}",
        w.message
    );
    let quotes: Vec<(&str, &str)> = w
        .why
        .iter()
        .filter(|r| r.rule == "LAPSE-1")
        .map(|r| (r.page.as_str(), &*r.quote))
        .collect();
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert!(quotes
        .iter()
        .any(|(p, q)| *p == "004" && q.contains("will result")));
    assert!(quotes
        .iter()
        .any(|(p, q)| *p == "002" && q.contains("can result")));
    assert!(w.why.iter().any(|r| r.rule == "LAPSE-2"));
}

/// 002 says "can"; stationed abroad by the employer names the dispensation.
#[test]
fn stay_abroad_on_the_service_provider_page_and_the_dispensation() {
    let p = abroad(
        service_provider(),
        "2027-03-31",
        "2027-10-01",
        json!({ "stationed_abroad_by_employer": true, "danish_address_given_up": true }),
    );
    // 31 Mar + 6 months = 30 Sep (C3, clamped).
    assert_eq!(deadline(&p, "abroad_return_by").date, date("2027-09-30"));
    let w = p.warnings.iter().find(|w| w.id == "permit_lapse").unwrap();
    assert!(
        w.message.contains("can lapse") && w.message.contains("stations you abroad"),
        "{}",
        w.message
    );
    let a = p
        .warnings
        .iter()
        .find(|w| w.id == "address_given_up")
        .unwrap();
    assert!(a.message.contains("can result"), "{}", a.message);
}

/// 003: the researcher is exempt, family too; more than 90 days abroad names
/// the CPR deregistration (003:138).
#[test]
fn stay_abroad_researcher_is_exempt_with_the_documentation() {
    let family =
        json!({ "family": [ { "name": "P", "relation": "spouse", "birth_date": "1991-01-01" } ] });
    // 1 Sep to 30 Nov: 90 days abroad (the return day in Denmark).
    let p = abroad(researcher(), "2027-09-01", "2027-11-30", family.clone());
    let c = check(&p, "stay_abroad");
    assert_eq!(c.status, CheckStatus::Info);
    assert!(!c.message.contains("lasts"), "{}", c.message);
    let rules: Vec<&str> = c.why.iter().map(|r| r.rule.as_str()).collect();
    for r in ["LAPSE-0", "LAPSE-3", "LAPSE-3b", "LAPSE-4", "LAPSE-4b"] {
        assert!(rules.contains(&r), "{r}: {rules:?}");
    }
    assert!(!p.deadlines.iter().any(|d| d.id == "abroad_return_by"));
    assert!(!has_warning(&p, "permit_lapse"));
    let long = abroad(researcher(), "2027-09-01", "2027-12-01", json!({}));
    let c = check(&long, "stay_abroad");
    assert!(
        c.message.contains("It lasts 91 days, more than 90"),
        "{}",
        c.message
    );
    assert!(
        !c.why.iter().any(|r| r.rule == "LAPSE-3b"),
        "no family, no family rule"
    );
}

#[test]
fn stay_abroad_questions_follow_the_answers() {
    let asks = |v: &Value, q: Question| plan_of(v).coverage.questions.ask.contains(&q);
    let g = with(
        athlete(),
        json!({ "dates": { "permit_granted": "2027-02-01" } }),
    );
    assert!(asks(&g, Question::AbroadFrom));
    assert!(!asks(&g, Question::AbroadUntil));
    let a = with(g, json!({ "dates": { "abroad_from": "2027-09-30" } }));
    assert!(asks(&a, Question::AbroadUntil) && asks(&a, Question::DanishAddressGivenUp));
    assert!(asks(&a, Question::StationedAbroadByEmployer));
    let r = with(
        researcher(),
        json!({ "dates": { "permit_granted": "2027-02-01", "abroad_from": "2027-09-30" } }),
    );
    assert!(!asks(&r, Question::StationedAbroadByEmployer));
    assert!(!asks(&athlete(), Question::AbroadFrom));
}

/// 003:75-83: teaching "shorter than 90 days" against research "90 days or
/// less"; a stay known to be longer needs a permit for its first 90 days.
#[test]
fn short_stays_on_the_researcher_page() {
    let at = |days: u32| plan_of(&with(researcher(), json!({ "stay_length_days": days })));
    let p = at(89);
    let c = check(&p, "short_stay");
    assert!(
        c.message.contains("shorter than 90 days") && c.why.iter().any(|r| r.rule == "EXEMPT-6"),
        "{}",
        c.message
    );
    let p = at(90);
    let c = check(&p, "short_stay");
    assert!(
        c.message.contains("not shorter than 90 days") && c.message.contains("90 days or less"),
        "{}",
        c.message
    );
    assert_eq!(c.why[0].rule, "EXEMPT-6b");
    let p = at(91);
    let c = check(&p, "short_stay");
    assert!(c.message.contains("first 90 days as well"), "{}", c.message);
    assert_eq!(c.why[0].rule, "EXEMPT-7b");
    // A years-long employment from the dates: no word on the exemptions.
    let long = plan_of(&with(
        researcher(),
        json!({ "dates": { "job_end": "2030-02-28" } }),
    ));
    assert!(!long.checks.iter().any(|c| c.id == "short_stay"));
    // Other pages state no such exemption.
    assert!(
        !plan_of(&with(athlete(), json!({ "stay_length_days": 60 })))
            .checks
            .iter()
            .any(|c| c.id == "short_stay")
    );
}

/// Without the self-support answer: both permit starts side by side, and no
/// amount invented for the declaration.
#[test]
fn permit_start_both_ways_and_no_amount_for_the_declaration() {
    let p = plan_of(&with(researcher(), json!({ "applying_from": "abroad" })));
    let c = check(&p, "permit_start");
    assert!(
        c.message.contains("The pages state no amount"),
        "{}",
        c.message
    );
    let dates: Vec<_> = c.alternatives.iter().filter_map(|a| a.date).collect();
    assert_eq!(dates, [date("2027-02-01"), date("2027-02-15")]);
}

/// 004 names being stationed abroad as the ground ("i.e."), 002 as an
/// example ("e.g."): the dispensation is worded per page.
#[test]
fn the_dispensation_is_worded_per_page() {
    let athlete_plan = abroad(athlete(), "2027-09-30", "2028-04-15", json!({}));
    let w = athlete_plan
        .warnings
        .iter()
        .find(|w| w.id == "permit_lapse")
        .unwrap();
    assert!(
        w.message
            .contains("names being stationed abroad by your employer as the ground"),
        "{}",
        w.message
    );
    let sp = abroad(service_provider(), "2027-09-30", "2028-04-15", json!({}));
    let w = sp.warnings.iter().find(|w| w.id == "permit_lapse").unwrap();
    assert!(
        w.message
            .contains("for example because your employer stations you abroad"),
        "{}",
        w.message
    );
}

fn changed(base: Value, changes: Value) -> Plan {
    plan_of(&with(
        base,
        json!({ "dates": { "permit_granted": "2027-02-01" }, "job_changes": changes }),
    ))
}

/// The first rule an answer rests on, its page and line.
fn answer(p: &Plan, n: usize) -> (CheckStatus, String, String, u32, String) {
    let c = check(p, &format!("job_change_{n}"));
    (
        c.status,
        c.why[0].rule.to_string(),
        c.why[0].page.to_string(),
        c.why[0].line,
        c.message.clone(),
    )
}

/// A change of position or place of work within the same company, per page
/// (002:155 and 265, 003:97-101, 004:251): each change gets its own answer,
/// cited; the page's scheme decides on 002, and where a page does not say,
/// the answer says so (status unknown) instead of guessing.
#[test]
fn each_job_change_gets_its_own_answer_per_page() {
    let both = json!([
        { "kind": "position", "date": "2028-01-01", "description": "promoted to team lead" },
        { "kind": "place_of_work" }
    ]);
    // 002, Pay Limit: neither needs a new permit; 267's caveat is quoted.
    let p = changed(service_provider(), both.clone());
    let (st, rule, page, line, msg) = answer(&p, 1);
    assert_eq!(
        (st, rule.as_str(), page.as_str(), line),
        (CheckStatus::Info, "PAY-LIMIT-7", "002", 265)
    );
    assert!(
        msg.starts_with(
            "Change 1 (a new position: “promoted to team lead”, from 1 Jan 2028): no new permit"
        ) && msg.contains("Your situation is changing"),
        "{msg}"
    );
    let c = check(&p, "job_change_1");
    for r in ["PAY-LIMIT-6b", "PAY-LIMIT-7b", "JOB-1"] {
        assert!(c.why.iter().any(|w| w.rule == r), "{r}");
    }
    let (st, rule, _, line, msg) = answer(&p, 2);
    assert_eq!(
        (st, rule.as_str(), line),
        (CheckStatus::Info, "PAY-LIMIT-6d", 155)
    );
    assert!(msg.contains("no new permit is needed"), "{msg}");
    // 002 under another scheme: a new position needs a new permit (265);
    // another place of work is not stated.
    let p = changed(
        with(
            service_provider(),
            json!({ "scheme": "supplementary_pay_limit" }),
        ),
        both.clone(),
    );
    let (st, rule, _, _, msg) = answer(&p, 1);
    assert_eq!((st, rule.as_str()), (CheckStatus::Info, "JOB-7"));
    assert!(msg.contains("apply for a new permit"), "{msg}");
    let (st, _, _, _, msg) = answer(&p, 2);
    assert_eq!(st, CheckStatus::Unknown);
    assert!(msg.contains("the page does not say"), "{msg}");
    // 003: a new position is fine (97), a new place of work is not (101).
    let p = changed(researcher(), both.clone());
    let (st, rule, page, line, msg) = answer(&p, 1);
    assert_eq!(
        (st, rule.as_str(), page.as_str(), line),
        (CheckStatus::Info, "RESEARCH-7", "003", 97)
    );
    assert!(
        msg.contains("no new permit") && msg.contains("affected negatively"),
        "{msg}"
    );
    let (_, rule, _, line, msg) = answer(&p, 2);
    assert_eq!((rule.as_str(), line), ("RESEARCH-7c", 101));
    assert!(msg.contains("apply for a new permit"), "{msg}");
    // 004: a new position needs a new permit even in the same company (251).
    let p = changed(athlete(), both);
    let (st, rule, page, line, msg) = answer(&p, 1);
    assert_eq!(
        (st, rule.as_str(), page.as_str(), line),
        (CheckStatus::Info, "SIQ-8b", "004", 251)
    );
    assert!(msg.contains("apply for a new permit"), "{msg}");
    assert_eq!(answer(&p, 2).0, CheckStatus::Unknown);
    // Three changes, three answers, in the order given.
    let p = changed(
        researcher(),
        json!([{ "kind": "place_of_work" }, { "kind": "position" }, { "kind": "place_of_work" }]),
    );
    let ids: Vec<&str> = p
        .checks
        .iter()
        .filter(|c| c.id.starts_with("job_change_"))
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["job_change_1", "job_change_2", "job_change_3"]);
    assert_eq!(answer(&p, 2).1, "RESEARCH-7");
    // Danish: the answer in Danish, the quote the page's own.
    let v = with(
        researcher(),
        json!({ "dates": { "permit_granted": "2027-02-01" }, "job_changes": [{ "kind": "place_of_work" }] }),
    );
    let s = Situation::from_json(&v.to_string(), "t.json").unwrap();
    let da = plan(
        &s,
        RuleSet::embedded(),
        &Options {
            today: date("2026-11-23"),
            lang: Lang::Da,
        },
    );
    let c = check(&da, "job_change_1");
    assert!(
        c.message
            .starts_with("Ændring 1 (andet arbejdssted): søg en ny tilladelse"),
        "{}",
        c.message
    );
}

#[test]
fn job_changes_are_asked_once_granted_and_checked() {
    let asks = |v: &Value, q: Question| plan_of(v).coverage.questions.ask.contains(&q);
    assert!(!asks(&researcher(), Question::JobChanges));
    let g = with(
        researcher(),
        json!({ "dates": { "permit_granted": "2027-02-01" } }),
    );
    assert!(asks(&g, Question::JobChanges));
    // A change without a kind names the kinds accepted, at its field.
    let e = Situation::from_json(
        &with(
            g,
            json!({ "job_changes": [{ "kind": "position" }, { "date": "2028-01-01" }] }),
        )
        .to_string(),
        "t.json",
    )
    .unwrap_err();
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].field, "job_changes[1].kind");
    assert!(
        e.errors[0].message.contains("Other place of work"),
        "{}",
        e.errors[0].message
    );
}

/// 002:181: one application for each stay, counted; one stay, one
/// application; no stays or more than a year's days refused.
#[test]
fn several_stays_a_year_one_application_each() {
    let at = |n: u32| plan_of(&with(service_provider(), json!({ "stays_per_year": n })));
    let one = at(1);
    let c = check(&one, "stays_per_year");
    assert!(
        c.message
            .starts_with("One stay in Denmark in the year: one application"),
        "{}",
        c.message
    );
    assert_eq!(c.why[0].rule, "SP-9");
    let two = at(2);
    let c = check(&two, "stays_per_year");
    assert!(
        c.message
            .starts_with("2 stays in Denmark in one year: 2 applications")
            && c.message.contains("DKK 6,290.00 each")
            && c.message.contains("DKK 12,580.00 for the 2"),
        "{}",
        c.message
    );
    let rules: Vec<&str> = c.why.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules, ["SP-9", "SP-9b", "FEE-1"]);
    let four = at(4);
    assert!(check(&four, "stays_per_year")
        .message
        .contains("DKK 25,160.00 for the 4"));
    assert!(
        plan_of(&with(service_provider(), json!({ "stays_per_year": 366 })))
            .checks
            .iter()
            .any(|c| c.id == "stays_per_year")
    );
    for bad in [0, 367] {
        let e = Situation::from_json(
            &with(service_provider(), json!({ "stays_per_year": bad })).to_string(),
            "t.json",
        )
        .unwrap_err();
        assert_eq!(e.errors[0].field, "stays_per_year", "{bad}");
    }
    // Only on the service-provider page, and asked only there.
    let r = plan_of(&with(researcher(), json!({ "stays_per_year": 3 })));
    assert!(!r.checks.iter().any(|c| c.id == "stays_per_year"));
    assert!(!r.coverage.questions.ask.contains(&Question::StaysPerYear));
    assert!(two.coverage.questions.ask.contains(&Question::StaysPerYear));
}

/// 003:135: the documentation of non-residence is asked of a researcher
/// abroad who does not receive the salary stated; with the salary kept it is
/// not, and without the answer the condition is stated.
#[test]
fn a_researchers_salary_while_abroad_decides_the_documentation() {
    let at = |patch: Value| abroad(researcher(), "2027-09-01", "2027-12-01", patch);
    let kept = at(json!({ "salary_while_abroad": true }));
    let c = check(&kept, "stay_abroad");
    assert!(
        c.message.contains("You keep receiving the salary"),
        "{}",
        c.message
    );
    let rules: Vec<&str> = c.why.iter().map(|r| r.rule.as_str()).collect();
    assert!(
        rules.contains(&"LAPSE-4c") && !rules.contains(&"LAPSE-4"),
        "{rules:?}"
    );
    let stops = at(json!({ "salary_while_abroad": false }));
    let c = check(&stops, "stay_abroad");
    assert!(
        c.message.contains("You do not receive the salary")
            && c.message.contains("lasts 91 days, more than 90")
            && c.message.contains("deregistration from the CPR registry"),
        "{}",
        c.message
    );
    let rules: Vec<&str> = c.why.iter().map(|r| r.rule.as_str()).collect();
    for r in ["LAPSE-4c", "LAPSE-4", "LAPSE-4b"] {
        assert!(rules.contains(&r), "{r}: {rules:?}");
    }
    // 90 days: the CPR deregistration is not the list's first entry.
    let short = abroad(
        researcher(),
        "2027-09-01",
        "2027-11-30",
        json!({ "salary_while_abroad": false }),
    );
    let m = &check(&short, "stay_abroad").message;
    assert!(
        !m.contains("lasts") && m.contains("more than 90 days"),
        "{m}"
    );
    // Unknown: the condition, as before.
    let open = at(json!({}));
    let c = check(&open, "stay_abroad");
    assert!(
        c.message.contains("if you do not receive the salary"),
        "{}",
        c.message
    );
    assert!(c.why.iter().any(|r| r.rule == "LAPSE-4c"));
    // Asked of the researcher abroad only.
    assert!(open
        .coverage
        .questions
        .ask
        .contains(&Question::SalaryWhileAbroad));
    let sp = abroad(service_provider(), "2027-09-01", "2027-12-01", json!({}));
    assert!(!sp
        .coverage
        .questions
        .ask
        .contains(&Question::SalaryWhileAbroad));
}

/// A return before the departure is refused at its field.
#[test]
fn a_return_before_the_departure_is_refused() {
    let v = with(
        researcher(),
        json!({ "dates": { "abroad_from": "2027-09-01", "abroad_until": "2027-08-31" } }),
    );
    let e = Situation::from_json(&v.to_string(), "t.json").unwrap_err();
    assert_eq!(e.errors[0].field, "dates.abroad_until");
    let same = with(
        researcher(),
        json!({ "dates": { "abroad_from": "2027-09-01", "abroad_until": "2027-09-01" } }),
    );
    assert!(Situation::from_json(&same.to_string(), "t.json").is_ok());
}
