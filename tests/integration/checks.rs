//! Issue 11, items 3, 5 and 6 at their boundaries: the figures a check
//! carries as fields, every published pay-limit figure and the one compared,
//! the what-if under the other pay-limit scheme, the Danish-standards
//! condition stated whatever the limit check finds, and the readings side by
//! side where an answer is missing.

use crate::*;
use permit_core::plan::{CheckStatus::*, FigureUnit};
use permit_core::situation::SalaryPeriod;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn salary_plan(base: Value, period: &str, comps: Value) -> Plan {
    plan_of(&with(
        base,
        json!({ "salary": { "period": period, "components": comps } }),
    ))
}

fn supplementary() -> Value {
    with(
        service_provider(),
        json!({ "scheme": "supplementary_pay_limit" }),
    )
}

#[test]
fn salary_figures_one_ore_either_side_of_the_monthly_limit() {
    for (cash, difference, st) in [
        ("38000.00", "0.00", Pass),
        ("37999.99", "-0.01", Fail),
        ("38000.01", "0.01", Pass),
    ] {
        let p = salary_plan(
            service_provider(),
            "month",
            json!([
                { "kind": "cash", "amount": cash },
                { "kind": "pension_employer", "amount": "2583.33" },
                { "kind": "car", "amount": "3000.00" }
            ]),
        );
        let c = check(&p, "salary");
        assert_eq!(c.status, st, "{cash}");
        let f = c.figures.as_ref().expect("salary figures");
        assert_eq!(f.unit, FigureUnit::Dkk);
        assert_eq!(f.period, Some(SalaryPeriod::Month));
        assert_eq!(f.limit, Some(dec("40583.33")));
        assert_eq!(
            f.counted,
            Some(dec(cash).checked_add(dec("2583.33")).unwrap())
        );
        assert_eq!(f.difference, Some(dec(difference)), "{cash}");
        let counted: Vec<_> = f
            .components_counted
            .iter()
            .map(|c| (c.kind.id(), c.amount_dkk))
            .collect();
        assert_eq!(
            counted,
            [("cash", dec(cash)), ("pension_employer", dec("2583.33"))]
        );
        let excluded: Vec<_> = f
            .components_excluded
            .iter()
            .map(|c| (c.kind.id(), c.amount_dkk))
            .collect();
        assert_eq!(excluded, [("car", dec("3000.00"))]);
    }
}

#[test]
fn every_published_period_is_stated_and_the_compared_one_named() {
    for (base, period, limit, all) in [
        (
            service_provider(),
            "hour",
            "253.12",
            ["487000.00", "40583.33", "9365.57", "253.12"],
        ),
        (
            supplementary(),
            "week_37h",
            "7563.51",
            ["393000.00", "32750.00", "7563.51", "204.42"],
        ),
    ] {
        let p = salary_plan(base, period, json!([{ "kind": "cash", "amount": limit }]));
        let c = check(&p, "salary");
        let f = c.figures.as_ref().unwrap();
        let published: Vec<_> = f.published.iter().map(|x| x.amount_dkk).collect();
        assert_eq!(published, all.map(dec));
        assert_eq!(
            f.published.iter().map(|x| x.period).collect::<Vec<_>>(),
            [
                SalaryPeriod::Year,
                SalaryPeriod::Month,
                SalaryPeriod::Week37h,
                SalaryPeriod::Hour
            ]
        );
        assert_eq!(f.difference, Some(Decimal::ZERO));
        // The message names the figure compared, in both languages.
        assert!(
            c.message.contains(&format!(
                "compared with DKK {}",
                permit_core::format::money(Lang::En, dec(limit)).trim_start_matches("DKK ")
            )),
            "{}",
            c.message
        );
        assert!(
            c.message.contains("DKK 487,000.00 a year")
                || c.message.contains("DKK 393,000.00 a year")
        );
    }
}

#[test]
fn what_if_under_the_other_scheme_one_ore_either_side() {
    // Pay Limit applicant: the supplementary limit is 32,750.00 a month.
    for (cash, st_other, word, diff) in [
        ("32750.00", Info, "would be enough", "0.00"),
        ("32749.99", Info, "short", "-0.01"),
    ] {
        let p = salary_plan(
            service_provider(),
            "month",
            json!([{ "kind": "cash", "amount": cash }]),
        );
        assert_eq!(status(&p, "salary"), Fail);
        let o = check(&p, "salary_other_scheme");
        assert_eq!(o.status, st_other);
        assert!(o.message.contains(word), "{}", o.message);
        assert!(
            o.message.contains("Supplementary Pay Limit"),
            "{}",
            o.message
        );
        let f = o.figures.as_ref().unwrap();
        assert_eq!(f.limit, Some(dec("32750.00")));
        assert_eq!(f.difference, Some(dec(diff)));
        assert_eq!(o.why[0].rule, "SUPP-PAY-2");
    }
    // Supplementary applicant: the pay limit is 487,000 a year.
    for (cash, word, diff) in [
        ("487000.00", "would be enough", "0.00"),
        ("486999.99", "short", "-0.01"),
    ] {
        let p = salary_plan(
            supplementary(),
            "year",
            json!([{ "kind": "cash", "amount": cash }]),
        );
        assert_eq!(status(&p, "salary"), Pass);
        let o = check(&p, "salary_other_scheme");
        assert!(o.message.contains(word), "{}", o.message);
        assert!(o.message.contains("the Pay Limit Scheme"), "{}", o.message);
        assert_eq!(o.figures.as_ref().unwrap().difference, Some(dec(diff)));
        assert_eq!(o.why[0].rule, "PAY-LIMIT-1");
    }
    // Danish as well.
    let v = with(
        service_provider(),
        json!({ "salary": { "period": "month", "components": [{ "kind": "cash", "amount": "32749.99" }] } }),
    );
    let s = Situation::from_json(&v.to_string(), "t.json").unwrap();
    let da = plan(
        &s,
        RuleSet::embedded(),
        &Options {
            today: date(TODAY),
            lang: Lang::Da,
        },
    );
    let o = check(&da, "salary_other_scheme");
    assert!(o.message.starts_with("Hvad nu hvis"), "{}", o.message);
    assert!(
        o.message.contains("0,01 kr. under minimummet"),
        "{}",
        o.message
    );
}

#[test]
fn danish_standards_stated_whether_the_limit_is_met_or_not() {
    for cash in ["40583.33", "40583.32"] {
        let p = salary_plan(
            service_provider(),
            "month",
            json!([{ "kind": "cash", "amount": cash }]),
        );
        let c = check(&p, "danish_standards");
        assert_eq!(c.status, Unknown);
        let rules: Vec<_> = c.why.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(rules, ["SP-10", "SAL-12"]);
    }
    // Athlete: one øre under the self-sufficiency floor still states them.
    for (amount, floor) in [("13105.00", Pass), ("13104.99", Fail)] {
        let p = plan_of(&with(
            athlete(),
            json!({ "sponsor_status": "single_sponsor", "salary": { "period": "month", "components": [ { "kind": "cash", "amount": amount } ] } }),
        ));
        assert_eq!(status(&p, "salary_floor"), floor);
        let f = check(&p, "salary_floor").figures.clone().unwrap();
        assert_eq!(f.limit, Some(dec("13105.00")));
        assert_eq!(
            f.difference,
            Some(dec(amount).checked_sub(dec("13105.00")).unwrap())
        );
        let c = check(&p, "danish_standards");
        assert_eq!(c.status, Unknown);
        assert_eq!(c.why[0].rule, "ATH-8");
    }
    // The researcher page has no limit and no separate check.
    let p = salary_plan(
        researcher(),
        "month",
        json!([{ "kind": "cash", "amount": "1" }]),
    );
    assert!(p.checks.iter().all(|c| c.id != "danish_standards"));
    assert!(p.checks.iter().all(|c| c.id != "salary_other_scheme"));
}

#[test]
fn hours_figures_at_the_pay_limit_floor() {
    for (h, st, diff) in [("30", Pass, "0"), ("29.99", Fail, "-0.01")] {
        let p = plan_of(&with(
            service_provider(),
            json!({ "hours": { "per_week": h } }),
        ));
        let c = check(&p, "hours");
        assert_eq!(c.status, st);
        let f = c.figures.as_ref().unwrap();
        assert_eq!(f.unit, FigureUnit::HoursPerWeek);
        assert_eq!(f.limit, Some(dec("30")));
        assert_eq!(f.difference, Some(dec(diff)));
    }
    // Not given: the limit is still a field, nothing counted.
    let p = plan_of(&service_provider());
    let f = check(&p, "hours").figures.clone().unwrap();
    assert_eq!((f.counted, f.limit), (None, Some(dec("30"))));
}

#[test]
fn permit_start_side_by_side_when_the_declaration_is_not_given() {
    let v = |decl: Value| {
        plan_of(&with(
            researcher(),
            json!({ "applying_from": "abroad", "self_support_declaration": decl, "dates": { "job_start": "2027-03-31" } }),
        ))
    };
    let p = v(Value::Null);
    assert!(
        p.deadlines.iter().all(|d| d.id != "permit_start"),
        "no guessed date: {:#?}",
        p.deadlines
    );
    let c = check(&p, "permit_start");
    assert_eq!(c.status, Unknown);
    let dates: Vec<_> = c.alternatives.iter().map(|a| a.date).collect();
    // 1 month before 31 March is 28 February (month end); 14 days before is 17 March.
    assert_eq!(dates, [Some(date("2027-02-28")), Some(date("2027-03-17"))]);
    assert!(c.message.contains("28 Feb 2027") && c.message.contains("17 Mar 2027"));
    let rules: Vec<_> = c.why.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules, ["DUR-1", "DUR-1b"]);
    // Given: one date, no alternatives.
    for (decl, d) in [(true, "2027-02-28"), (false, "2027-03-17")] {
        let p = v(json!(decl));
        assert_eq!(deadline(&p, "permit_start").date, date(d));
        assert!(p.checks.iter().all(|c| c.id != "permit_start"));
    }
}

#[test]
fn researcher_without_an_end_date_gets_no_firm_bank_deadline() {
    let v = |end: Option<&str>| {
        let mut d = json!({ "entry": "2027-03-01", "permit_granted": "2027-02-01" });
        if let Some(e) = end {
            d["job_end"] = json!(e);
        }
        with(researcher(), json!({ "dates": d }))
    };
    // Long after the would-be deadline (30 May 2027): nothing overdue.
    let p = plan_at(&v(None), "2027-09-01");
    assert!(
        p.deadlines.iter().all(|d| d.id != "bank_account"),
        "{:#?}",
        p.deadlines
    );
    let c = check(&p, "bank_account");
    assert_eq!(c.status, Unknown);
    assert_eq!(c.alternatives.len(), 2);
    assert_eq!(c.alternatives[0].date, None);
    assert!(c.alternatives[0].assumes.contains("no more than 180 days"));
    // 90 days after the later of grant (1 Feb) and entry (1 Mar) = 30 May.
    assert_eq!(c.alternatives[1].date, Some(date("2027-05-30")));
    assert!(c.message.contains("30 May 2027"), "{}", c.message);
    // The end date decides at its boundary: 180 days exempt, 181 not.
    let p = plan_of(&v(Some("2027-08-27")));
    assert_eq!(status(&p, "bank_account"), Pass);
    let f = check(&p, "bank_account").figures.clone().unwrap();
    assert_eq!((f.counted, f.limit), (Some(dec("180")), Some(dec("180"))));
    let p = plan_of(&v(Some("2027-08-28")));
    assert_eq!(deadline(&p, "bank_account").date, date("2027-05-30"));
    assert!(p.checks.iter().all(|c| c.id != "bank_account"));
    // No entry date either: both readings, no date to give.
    let p = plan_of(&researcher());
    let c = check(&p, "bank_account");
    assert_eq!(c.alternatives[1].date, None);
}

#[test]
fn service_provider_stay_unknown_both_readings() {
    let p = plan_of(&with(
        service_provider(),
        json!({ "dates": { "permit_granted": "2027-02-01", "entry": "2027-03-01" } }),
    ));
    let c = check(&p, "bank_account");
    assert_eq!(c.status, Unknown);
    // 180 days after the entry (after the grant) = 28 Aug 2027.
    assert_eq!(c.alternatives[1].date, Some(date("2027-08-28")));
    assert!(p.deadlines.iter().all(|d| d.id != "bank_account"));
}

// ---- issue 11, item 8: facts the pages condition on --------------------

fn side(base: Value, job: Value) -> Plan {
    plan_of(&with(base, json!({ "side_job": job })))
}

fn rules_of(c: &permit_core::plan::Check) -> Vec<&str> {
    c.why.iter().map(|r| r.rule.as_str()).collect()
}

#[test]
fn side_job_by_page_and_relation() {
    // Researchers: no separate permit, whatever the side job.
    let p = side(researcher(), json!({ "planned": true, "employer": "DTU" }));
    let c = check(&p, "side_job");
    assert_eq!(c.status, Pass);
    assert!(c.message.contains("DTU"), "{}", c.message);
    assert_eq!(rules_of(c), ["RESEARCH-8b"]);
    assert!(!has_warning(&p, "side_job_permit"));
    let p = side(
        researcher(),
        json!({ "planned": true, "relation": "examiner" }),
    );
    assert_eq!(
        rules_of(check(&p, "side_job")),
        ["RESEARCH-8b", "RESEARCH-8c"]
    );
    // Athletes: related to the sport or with a sponsor is covered; a
    // business partner is not (the page says so); not said: both readings.
    for (relation, st, rules) in [
        ("related_to_sport", Pass, vec!["ATH-6"]),
        ("sponsor_of_main_employer", Pass, vec!["ATH-6b"]),
        (
            "business_partner_of_main_employer",
            Info,
            vec!["SIQ-9", "ATH-6b"],
        ),
        ("other", Info, vec!["SIQ-9"]),
    ] {
        let p = side(
            athlete(),
            json!({ "planned": true, "employer": "Club sponsor A/S", "relation": relation }),
        );
        let c = check(&p, "side_job");
        assert_eq!(c.status, st, "{relation}");
        assert_eq!(rules_of(c), rules, "{relation}");
        assert_eq!(has_warning(&p, "side_job_permit"), st == Info, "{relation}");
        assert!(!p
            .coverage
            .questions
            .unanswered_paths()
            .contains(&"side_job.relation".to_owned()));
    }
    let p = side(athlete(), json!({ "planned": true }));
    let c = check(&p, "side_job");
    assert_eq!(c.status, Unknown);
    assert_eq!(c.alternatives.len(), 2);
    assert!(
        c.alternatives[0].assumes.contains("sponsor"),
        "{:?}",
        c.alternatives
    );
    assert!(c.alternatives[1].message.contains("separate permit"));
    for f in ["side_job.relation", "side_job.employer"] {
        assert!(
            p.coverage
                .questions
                .unanswered_paths()
                .contains(&f.to_owned()),
            "{f}: {:?}",
            p.coverage.questions.unanswered_paths()
        );
    }
    // Artists: coherence with the artistic work decides.
    let artist = || with(athlete(), json!({ "siq_category": "artist" }));
    let p = side(
        artist(),
        json!({ "planned": true, "relation": "coherent_with_artistic_work" }),
    );
    assert_eq!(rules_of(check(&p, "side_job")), ["ART-4"]);
    let p = side(
        artist(),
        json!({ "planned": true, "relation": "related_to_sport" }),
    );
    assert_eq!(status(&p, "side_job"), Info);
    // Chefs (004) and service providers (002): a separate permit.
    let chef = with(athlete(), json!({ "siq_category": "chef" }));
    let p = side(
        chef,
        json!({ "planned": true, "relation": "sponsor_of_main_employer" }),
    );
    assert_eq!(rules_of(check(&p, "side_job")), ["SIQ-9"]);
    assert!(!p
        .coverage
        .questions
        .unanswered_paths()
        .contains(&"side_job.relation".to_owned()));
    let p = side(service_provider(), json!({ "planned": true }));
    assert_eq!(rules_of(check(&p, "side_job")), ["SP-13"]);
    assert!(has_warning(&p, "side_job_permit"));
    // No side job: nothing said, nothing asked.
    let p = side(athlete(), json!({ "planned": false, "relation": "other" }));
    assert!(p.checks.iter().all(|c| c.id != "side_job"));
    assert!(!p
        .coverage
        .questions
        .unanswered_paths()
        .iter()
        .any(|f| f.starts_with("side_job")));
    // Sideline hours say there is a side job.
    let p = plan_of(&with(
        athlete(),
        json!({ "hours": { "sideline_per_week": "5" } }),
    ));
    assert_eq!(status(&p, "side_job"), Unknown);
    assert!(!p
        .coverage
        .questions
        .unanswered_paths()
        .contains(&"side_job.planned".to_owned()));
    let p = plan_of(&with(
        athlete(),
        json!({ "hours": { "sideline_per_week": "0" } }),
    ));
    assert!(p.checks.iter().all(|c| c.id != "side_job"));
    // Not answered: asked.
    assert!(plan_of(&athlete())
        .coverage
        .questions
        .unanswered_paths()
        .contains(&"side_job.planned".to_owned()));
}

#[test]
fn legal_residence_when_applying_from_denmark() {
    let v = |base: Value, legal: Value| {
        plan_of(&with(
            base,
            json!({ "applying_from": "denmark", "legal_residence_in_denmark": legal }),
        ))
    };
    // 002 says one must be here legally: a blocker.
    let p = v(service_provider(), json!(false));
    assert_eq!(status(&p, "legal_residence"), Fail);
    let w = warning(&p, "not_legally_in_denmark").unwrap();
    assert_eq!(w.severity, permit_core::plan::Severity::Blocker);
    assert_eq!(w.why[0].rule, "SUBMIT-7");
    assert_eq!(
        status(&v(service_provider(), json!(true)), "legal_residence"),
        Pass
    );
    // 003 does not say: no blocker, ask SIRI.
    let p = v(researcher(), json!(false));
    assert_eq!(status(&p, "legal_residence"), Unknown);
    let w = warning(&p, "not_legally_in_denmark").unwrap();
    assert_eq!(w.severity, permit_core::plan::Severity::Caution);
    assert_eq!(rules_of(check(&p, "legal_residence")), ["BIO-5"]);
    // Not answered: asked, and only when applying from Denmark.
    let p = v(researcher(), Value::Null);
    assert_eq!(status(&p, "legal_residence"), Unknown);
    assert!(p
        .coverage
        .questions
        .unanswered_paths()
        .contains(&"legal_residence_in_denmark".to_owned()));
    let abroad = plan_of(&with(researcher(), json!({ "applying_from": "abroad" })));
    assert!(abroad.checks.iter().all(|c| c.id != "legal_residence"));
    assert!(!abroad
        .coverage
        .questions
        .unanswered_paths()
        .contains(&"legal_residence_in_denmark".to_owned()));
}

#[test]
fn why_a_researchers_job_ended() {
    let v = |extra: Value| {
        plan_of(&with(
            with(
                researcher(),
                json!({ "dates": { "employment_ended": "2027-12-30" } }),
            ),
            extra,
        ))
    };
    // Cutbacks: the page's example; the two-day deadline stands, no question.
    let p = v(json!({ "job_end_reason": "cutbacks" }));
    assert_eq!(deadline(&p, "job_seeking").date, date("2028-01-01"));
    assert!(p.checks.iter().all(|c| c.id != "job_seeking"));
    assert!(!p
        .coverage
        .questions
        .unanswered_paths()
        .contains(&"job_end_reason".to_owned()));
    // Resigned: the page is silent; the deadline stays, and the plan says so.
    let p = v(json!({ "job_end_reason": "resigned" }));
    assert_eq!(deadline(&p, "job_seeking").date, date("2028-01-01"));
    let c = check(&p, "job_seeking");
    assert_eq!(c.status, Unknown);
    assert!(c.message.contains("you resigned"), "{}", c.message);
    // An explicit answer decides over the reason.
    let p = v(json!({ "job_end_reason": "cutbacks", "job_loss_through_no_fault": false }));
    assert_eq!(status(&p, "job_seeking"), Fail);
    assert!(p.deadlines.iter().all(|d| d.id != "job_seeking"));
    // Neither given: asked.
    assert!(v(json!({}))
        .coverage
        .questions
        .unanswered_paths()
        .contains(&"job_end_reason".to_owned()));
}

#[test]
fn a_wrong_value_for_a_new_fact_names_the_field_and_what_is_accepted() {
    let e = Situation::from_json(
        r#"{ "side_job": { "planned": true, "relation": "cousin" } }"#,
        "case.json",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("side_job.relation"), "{e}");
    assert!(e.contains("related_to_sport"), "{e}");
    let e = Situation::from_json(r#"{ "job_end_reason": "fired" }"#, "case.json")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("job_end_reason") && e.contains("cutbacks"),
        "{e}"
    );
}

// ---- issue 15, items 9 and 10: dates that hinge, and what now ------------

fn warning<'p>(p: &'p Plan, id: &str) -> Option<&'p permit_core::plan::Warning> {
    p.warnings.iter().find(|w| w.id == id)
}

#[test]
fn a_child_turning_18_within_30_days_of_the_planned_submission() {
    // Planned submission 10 Jan 2027.
    let fam = |birth: &str| {
        plan_of(&with(
            researcher(),
            json!({ "family": [
                { "name": "Ana", "relation": "spouse" },
                { "name": "Leo", "relation": "child", "birth_date": birth, "living_at_home": true }
            ] }),
        ))
    };
    // Turns 18 on 9 Feb 2027, 30 days later: included now, not if it slips.
    let p = fam("2009-02-09");
    assert_eq!(p.family[1].outcome, "included");
    let w = warning(&p, "date_sensitive:child:2").expect("warned");
    assert!(
        w.message.contains("9 Feb 2027") && w.message.contains("30 days after"),
        "{}",
        w.message
    );
    assert!(warning(&fam("2009-02-10"), "date_sensitive:child:2").is_none());
    // Turned 18 on 12 Dec 2026, 29 days before: submitted 30 days earlier, included.
    let p = fam("2008-12-12");
    assert_eq!(p.family[1].outcome, "not_included");
    let w = warning(&p, "date_sensitive:child:2").expect("warned");
    assert!(w.message.contains("before 12 Dec 2026"), "{}", w.message);
    assert!(warning(&fam("2008-12-11"), "date_sensitive:child:2").is_none());
    // Turns 18 on the planned day itself: not included; a day earlier, included.
    let p = fam("2009-01-10");
    assert_eq!(p.family[1].outcome, "not_included");
    let w = warning(&p, "date_sensitive:child:2").expect("warned");
    assert!(
        w.message.contains("the day of the planned submission"),
        "{}",
        w.message
    );
    // Born on 29 February: completes the year on 1 March (C5).
    let p = plan_of(&with(
        researcher(),
        json!({ "dates": { "planned_submission": "2026-02-01" },
                "family": [ { "name": "Mo", "relation": "child", "birth_date": "2008-02-29" } ] }),
    ));
    let w = warning(&p, "date_sensitive:child:1").expect("warned");
    assert!(w.message.contains("1 Mar 2026"), "{}", w.message);
    // Submitted: the date no longer moves.
    let p = plan_of(&with(
        researcher(),
        json!({ "dates": { "submitted": "2027-01-10" },
                "family": [ { "name": "Leo", "relation": "child", "birth_date": "2009-02-09" } ] }),
    ));
    assert!(!p
        .warnings
        .iter()
        .any(|w| w.id.starts_with("date_sensitive")));
}

#[test]
fn the_early_cutoff_within_30_days_either_way() {
    let p = |job: &str| submit_job("2027-01-10", job);
    // Cutoff 12 Dec 2026, 29 days before: 30 days earlier would be too early.
    let w = p("2027-06-12");
    let w = warning(&w, "date_sensitive:earliest_submission").expect("warned");
    assert!(w.message.contains("moved 30 days earlier"), "{}", w.message);
    // Cutoff 11 Dec 2026, 30 days before: 30 days earlier lands on it (allowed).
    assert!(warning(&p("2027-06-11"), "date_sensitive:earliest_submission").is_none());
    // Too early by 30 days: moved to the cutoff it is fine.
    let too = p("2027-08-09");
    assert!(has_warning(&too, "too_early"));
    let w = warning(&too, "date_sensitive:earliest_submission").expect("warned");
    assert!(
        w.message
            .contains("30 days before the earliest submission date 9 Feb 2027"),
        "{}",
        w.message
    );
    assert!(warning(&p("2027-08-10"), "date_sensitive:earliest_submission").is_none());
}

fn submit_job(sub: &str, job: &str) -> Plan {
    plan_of(&with(
        researcher(),
        json!({ "dates": { "planned_submission": sub, "job_start": job } }),
    ))
}

#[test]
fn a_pay_limit_regulated_on_1_january_within_30_days() {
    let p = |sub: &str| {
        plan_of(&with(
            service_provider(),
            json!({ "dates": { "planned_submission": sub },
                    "salary": { "period": "year", "components": [ { "kind": "cash", "amount": "500000" } ] } }),
        ))
    };
    let id = "date_sensitive:pay_limit_year";
    let w = p("2026-12-02");
    let w = warning(&w, id).expect("30 days before 1 January");
    assert!(
        w.message.contains("1 Jan 2027") && w.message.contains("2027 figure"),
        "{}",
        w.message
    );
    assert_eq!(w.why[0].rule, "PAY-LIMIT-2");
    assert!(warning(&p("2026-12-01"), id).is_none());
    let w = p("2027-01-30");
    let w = warning(&w, id).expect("29 days after 1 January");
    assert!(w.message.contains("2026 figure"), "{}", w.message);
    assert!(warning(&p("2027-01-31"), id).is_none());
    // No regulated figure compared (a researcher): nothing to say.
    let r = plan_of(&with(
        researcher(),
        json!({ "dates": { "planned_submission": "2026-12-20" } }),
    ));
    assert!(warning(&r, id).is_none());
}

#[test]
fn after_a_deadline_the_pages_remedy_or_contact_siri() {
    // Biometrics due 8 Jan 2027 (14 days after 25 Dec 2026): the page's remedy.
    let v = with(
        service_provider(),
        json!({ "dates": { "submitted": "2026-12-25" } }),
    );
    assert!(warning(&plan_at(&v, "2027-01-08"), "overdue:biometrics").is_none());
    let p = plan_at(&v, "2027-01-09");
    let w = warning(&p, "overdue:biometrics").expect("passed");
    assert!(w.message.contains("8 Jan 2027 has passed"), "{}", w.message);
    assert!(w.message.contains("tell SIRI"), "{}", w.message);
    // The bank account (page 002, no remedy given): contact SIRI.
    let v = with(
        service_provider(),
        json!({ "dates": { "permit_granted": "2026-01-01", "entry": "2026-01-01", "job_end": "2027-06-30" } }),
    );
    let p = plan_of(&v);
    let d = deadline(&p, "bank_account");
    assert_eq!(d.status, permit_core::plan::DeadlineStatus::Overdue);
    assert!(d.remedy.as_deref().unwrap().contains("contact SIRI"));
    assert!(warning(&p, "overdue:bank_account").is_some());
}

#[test]
fn a_pay_limit_verdict_that_turns_on_the_holiday_allowance_gives_both_readings() {
    let p = |cash: &str, holiday: Value| {
        salary_plan(
            service_provider(),
            "month",
            json!([{ "kind": "cash", "amount": cash }, with(json!({ "kind": "holiday_allowance", "amount": "583.33" }), holiday)]),
        )
    };
    // 40,000.00 + 583.33 = the limit only with the holiday allowance.
    let u = p("40000.00", json!({}));
    let c = check(&u, "salary");
    assert_eq!(c.status, Unknown);
    assert_eq!(c.alternatives.len(), 2);
    assert!(
        c.alternatives[0].message.contains("DKK 40,583.33")
            && c.alternatives[0].message.contains("meets"),
        "{:?}",
        c.alternatives
    );
    assert!(
        c.alternatives[1].message.contains("DKK 583.33 under"),
        "{:?}",
        c.alternatives
    );
    assert!(!has_warning(&u, "salary_under_limit"));
    // Given: one verdict.
    let yes = p(
        "40000.00",
        json!({ "paid_in": "same_year", "paid_by_current_employer": true }),
    );
    assert_eq!(status(&yes, "salary"), Pass);
    assert!(check(&yes, "salary").alternatives.is_empty());
    // One øre short even with it: a plain failure.
    let short = p("39999.99", json!({}));
    assert_eq!(status(&short, "salary"), Fail);
    // Met without it: a plain pass.
    let met = p("40583.33", json!({}));
    assert_eq!(status(&met, "salary"), Pass);
}

/// Issue 15, item 7: with no name yet, a form is "for the applicant" (the
/// UI writes "for {name}"), never "for The applicant"; in Danish "for
/// ansøgeren"; with a name, the name.
#[test]
fn a_form_without_a_name_yet_is_for_the_applicant_in_lower_case() {
    let p = plan_of(&researcher());
    assert_eq!(p.forms[0].applicant, "the applicant");
    let s = Situation::from_json(&researcher().to_string(), "t.json").unwrap();
    let da = plan(
        &s,
        RuleSet::embedded(),
        &Options {
            today: date(TODAY),
            lang: Lang::Da,
        },
    );
    assert_eq!(da.forms[0].applicant, "ansøgeren");
    let named = plan_of(&with(
        researcher(),
        json!({ "applicant": { "name": "Ana Silva" } }),
    ));
    assert_eq!(named.forms[0].applicant, "Ana Silva");
}
