//! Each rule at its boundaries: the day before a cutoff, one øre under a
//! limit, 19 and 20 hours, a child on the 18th birthday, leap years, month ends.

use crate::*;
use permit_core::plan::{CheckStatus::*, DeadlineStatus};

fn submit_for_job(submission: &str, job: &str) -> Plan {
    plan_of(&with(
        researcher(),
        json!({ "dates": { "planned_submission": submission, "job_start": job } }),
    ))
}

#[test]
fn early_cutoff_month_ends_and_leap_years() {
    // (job start, cutoff)
    for (job, cutoff, day_before) in [
        ("2027-08-31", "2027-02-28", "2027-02-27"),
        ("2028-08-31", "2028-02-29", "2028-02-28"),
        ("2027-03-31", "2026-09-30", "2026-09-29"),
        ("2027-07-15", "2027-01-15", "2027-01-14"),
    ] {
        let on = submit_for_job(cutoff, job);
        assert_eq!(
            deadline(&on, "earliest_submission").date,
            date(cutoff),
            "{job}"
        );
        assert!(
            !has_warning(&on, "too_early"),
            "submitting on the cutoff {cutoff} is allowed"
        );
        let before = submit_for_job(day_before, job);
        assert!(
            has_warning(&before, "too_early"),
            "{day_before} is too early for {job}"
        );
        let w = before
            .warnings
            .iter()
            .find(|w| w.id == "too_early")
            .unwrap();
        assert!(w.message.contains("not refunded"), "{}", w.message);
        assert_eq!(w.severity, permit_core::plan::Severity::Blocker);
    }
}

#[test]
fn stay_start_is_used_before_job_start() {
    let p = plan_of(&with(
        researcher(),
        json!({ "dates": { "stay_start": "2027-02-01", "job_start": "2027-03-01" } }),
    ));
    assert_eq!(deadline(&p, "earliest_submission").date, date("2026-08-01"));
}

#[test]
fn biometrics_fourteen_days_and_countdown_states() {
    let v = with(
        service_provider(),
        json!({ "dates": { "submitted": "2026-12-25" } }),
    );
    let due = date("2027-01-08");
    assert_eq!(deadline(&plan_of(&v), "biometrics").date, due);
    for (today, status, left) in [
        ("2027-01-04", DeadlineStatus::Upcoming, 4),
        ("2027-01-05", DeadlineStatus::DueSoon, 3),
        ("2027-01-08", DeadlineStatus::DueSoon, 0),
        ("2027-01-09", DeadlineStatus::Overdue, -1),
    ] {
        let d = plan_at(&v, today);
        let b = deadline(&d, "biometrics");
        assert_eq!((b.status, b.days_left), (status, left), "today {today}");
        assert!(b.remedy.as_deref().unwrap().contains("tell SIRI"));
        assert!(
            b.computed.contains("14 days after 25 Dec 2026"),
            "{}",
            b.computed
        );
    }
}

fn salary(base: Value, period: &str, amounts: &[(&str, &str)]) -> Plan {
    let comps: Vec<Value> = amounts
        .iter()
        .map(|(k, a)| json!({ "kind": k, "amount": a }))
        .collect();
    plan_of(&with(
        base,
        json!({ "salary": { "period": period, "components": comps } }),
    ))
}

#[test]
fn pay_limit_one_ore_under_each_published_figure() {
    let supp = || {
        with(
            service_provider(),
            json!({ "scheme": "supplementary_pay_limit" }),
        )
    };
    for (base, period, limit, under) in [
        (service_provider(), "year", "487000.00", "486999.99"),
        (service_provider(), "month", "40583.33", "40583.32"),
        (service_provider(), "week_37h", "9365.57", "9365.56"),
        (service_provider(), "hour", "253.12", "253.11"),
        (supp(), "year", "393000.00", "392999.99"),
        (supp(), "month", "32750.00", "32749.99"),
        (supp(), "week_37h", "7563.51", "7563.50"),
        (supp(), "hour", "204.42", "204.41"),
    ] {
        assert_eq!(
            status(&salary(base.clone(), period, &[("cash", limit)]), "salary"),
            Pass,
            "{period} {limit}"
        );
        let p = salary(base, period, &[("cash", under)]);
        assert_eq!(status(&p, "salary"), Fail, "{period} {under}");
        assert!(
            check(&p, "salary").message.contains("DKK 0.01 under"),
            "{}",
            check(&p, "salary").message
        );
        assert!(has_warning(&p, "salary_under_limit"));
    }
}

#[test]
fn monthly_figure_is_not_derived_from_the_annual_one() {
    // 12 × 40,583.33 = 486,999.96 < 487,000, yet the published monthly figure is met.
    let p = salary(service_provider(), "month", &[("cash", "40583.33")]);
    assert_eq!(status(&p, "salary"), Pass);
}

#[test]
fn only_counted_components_count() {
    let base = service_provider();
    // pension by employer and employee counts; car, housing and per diems do not.
    let p = salary(
        base.clone(),
        "month",
        &[
            ("cash", "30000"),
            ("pension_employer", "5583.33"),
            ("pension_employee", "5000"),
            ("car", "9000"),
            ("housing", "9000"),
            ("per_diem", "9000"),
        ],
    );
    assert_eq!(status(&p, "salary"), Pass);
    let p = salary(
        base.clone(),
        "month",
        &[("cash", "30000"), ("car", "20000")],
    );
    assert_eq!(status(&p, "salary"), Fail);
    assert!(check(&p, "salary")
        .message
        .contains("Not counted: Company car DKK 20,000.00"));
    // holiday allowance paid the following year, or by another employer, does not count
    let hol = |paid_in: &str, current: bool| {
        plan_of(&with(
            base.clone(),
            json!({ "salary": { "period": "month", "components": [
            { "kind": "cash", "amount": "40000" },
            { "kind": "holiday_allowance", "amount": "583.33", "paid_in": paid_in, "paid_by_current_employer": current } ] } }),
        ))
    };
    assert_eq!(status(&hol("same_year", true), "salary"), Pass);
    assert_eq!(status(&hol("following_year", true), "salary"), Fail);
    assert_eq!(status(&hol("same_year", false), "salary"), Fail);
}

#[test]
fn pay_limit_hours_thirty() {
    let h = |x: &str| {
        plan_of(&with(
            service_provider(),
            json!({ "hours": { "per_week": x } }),
        ))
    };
    assert_eq!(status(&h("30"), "hours"), Pass);
    assert_eq!(status(&h("29.5"), "hours"), Fail);
}

#[test]
fn athletes_nineteen_and_twenty_hours() {
    let h = |x: u32, usual: bool| {
        plan_of(&with(
            athlete(),
            json!({ "hours": { "per_week": x, "part_time_usual_in_sport": usual } }),
        ))
    };
    assert_eq!(status(&h(19, true), "hours"), Fail);
    assert_eq!(status(&h(20, true), "hours"), Pass);
    assert_eq!(status(&h(20, false), "hours"), Fail);
    assert_eq!(status(&h(37, false), "hours"), Pass);
    let two_clubs = plan_of(&with(
        athlete(),
        json!({ "hours": { "per_week": 37, "employing_clubs": 2 } }),
    ));
    assert_eq!(status(&two_clubs, "one_club"), Fail);
}

#[test]
fn athletes_forty_eight_hours_is_not_over() {
    let h = |main: &str, side: &str| {
        plan_of(&with(
            athlete(),
            json!({ "hours": { "per_week": main, "sideline_per_week": side } }),
        ))
    };
    assert!(!has_warning(&h("37", "11"), "over_48_hours"));
    assert!(has_warning(&h("37", "11.5"), "over_48_hours"));
}

#[test]
fn athlete_salary_floor_one_ore() {
    let p = |amount: &str| {
        plan_of(&with(
            athlete(),
            json!({ "sponsor_status": "single_sponsor", "salary": { "period": "month", "components": [ { "kind": "cash", "amount": amount } ] } }),
        ))
    };
    assert_eq!(status(&p("13105.00"), "salary_floor"), Pass);
    assert_eq!(status(&p("13104.99"), "salary_floor"), Fail);
}

#[test]
fn supplementary_fine_and_unemployment_boundaries() {
    let p = |fine: &str, rate: &str| {
        plan_of(&with(
            service_provider(),
            json!({ "scheme": "supplementary_pay_limit", "fines_dkk": fine, "unemployment_rate_percent": rate }),
        ))
    };
    assert_eq!(status(&p("2999.99", "3.75"), "fines"), Pass);
    assert_eq!(status(&p("3000", "3.75"), "fines"), Fail);
    assert_eq!(status(&p("0", "3.75"), "unemployment"), Pass);
    assert_eq!(status(&p("0", "3.76"), "unemployment"), Fail);
}

#[test]
fn jobnet_eures_two_weeks() {
    let p = |posted: &str| {
        plan_of(&with(
            service_provider(),
            json!({ "scheme": "supplementary_pay_limit", "dates": { "planned_submission": "2027-01-15", "job_posted_jobnet_eures": posted } }),
        ))
    };
    assert_eq!(status(&p("2027-01-01"), "jobnet_eures"), Pass);
    assert_eq!(status(&p("2027-01-02"), "jobnet_eures"), Fail);
}

#[test]
fn child_on_the_eighteenth_birthday_is_not_included() {
    let fam = |birth: &str| {
        plan_of(&with(
            researcher(),
            json!({ "dates": { "planned_submission": "2027-01-10" }, "family": [
            { "name": "Partner", "relation": "spouse" },
            { "name": "Kid", "relation": "child", "birth_date": birth, "living_at_home": true } ] }),
        ))
    };
    let kid = |p: &Plan| {
        p.family
            .iter()
            .find(|m| m.name == "Kid")
            .unwrap()
            .outcome
            .clone()
    };
    assert_eq!(kid(&fam("2009-01-10")), "not_included");
    assert_eq!(kid(&fam("2009-01-11")), "included");
    // born on 29 February: 18 on 1 March in a common year
    let leap = |sub: &str| {
        plan_of(&with(
            researcher(),
            json!({ "dates": { "planned_submission": sub }, "family": [
            { "name": "Partner", "relation": "spouse" },
            { "name": "Kid", "relation": "child", "birth_date": "2008-02-29" } ] }),
        ))
    };
    assert_eq!(kid(&leap("2026-02-28")), "included");
    assert_eq!(kid(&leap("2026-03-01")), "not_included");
    let p = fam("2009-01-11");
    let fa8 = p.forms.iter().find(|f| f.form == "FA8").unwrap();
    assert!(fa8.message.contains("Kid"));
}

#[test]
fn service_provider_bank_account_around_180_days() {
    let stay = |end: &str| {
        plan_of(&with(
            service_provider(),
            json!({ "dates": { "entry": "2027-03-01", "permit_granted": "2027-02-01", "job_end": end } }),
        ))
    };
    // 1 March to 27 August = 180 days, both counted
    assert_eq!(status(&stay("2027-08-26"), "bank_account"), Pass);
    assert_eq!(status(&stay("2027-08-27"), "bank_account"), Unknown);
    let p = stay("2027-08-28");
    assert_eq!(deadline(&p, "bank_account").date, date("2027-08-28"));
}

#[test]
fn researcher_bank_account_exemption_up_to_180_days() {
    let p = |end: &str| {
        plan_of(&with(
            researcher(),
            json!({ "dates": { "entry": "2027-03-01", "permit_granted": "2027-02-01", "job_end": end } }),
        ))
    };
    assert_eq!(status(&p("2027-08-27"), "bank_account"), Pass);
    let later = p("2027-08-28");
    assert_eq!(deadline(&later, "bank_account").date, date("2027-05-30"));
}

#[test]
fn job_seeking_two_days() {
    let p = plan_of(&with(
        researcher(),
        json!({ "dates": { "employment_ended": "2027-12-30" } }),
    ));
    assert_eq!(deadline(&p, "job_seeking").date, date("2028-01-01"));
}

#[test]
fn permit_start_one_month_or_fourteen_days() {
    let p = |decl: bool| {
        plan_of(&with(
            researcher(),
            json!({ "applying_from": "abroad", "self_support_declaration": decl, "dates": { "job_start": "2027-03-31" } }),
        ))
    };
    assert_eq!(deadline(&p(true), "permit_start").date, date("2027-02-28"));
    assert_eq!(deadline(&p(false), "permit_start").date, date("2027-03-17"));
}

#[test]
fn rules_older_than_a_year_are_flagged() {
    let v = researcher();
    // checked on 2026-11-23: 365 days later is still fresh, 366 is not
    assert!(!has_warning(&plan_at(&v, "2027-11-23"), "rules_stale"));
    assert!(has_warning(&plan_at(&v, "2027-11-24"), "rules_stale"));
}

#[test]
fn pay_limit_figures_carry_their_unstated_year() {
    let p = plan_of(&with(
        service_provider(),
        json!({ "salary": { "period": "year", "components": [ { "kind": "cash", "amount": "500000" } ] } }),
    ));
    assert!(has_warning(&p, "pay_limit_year_unstated"));
    // submission in 2027, rules checked in 2026: a 1 January regulation lies between
    assert!(has_warning(&p, "pay_limit_new_year"));
    let self_suff = plan_of(&with(
        athlete(),
        json!({ "sponsor_status": "person", "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "9000" } ] } }),
    ));
    assert!(self_suff
        .warnings
        .iter()
        .any(|w| w.id.starts_with("level_year:") && w.message.contains("2024 level")));
}

/// A document the followed page does not name is kept as entered, with a
/// note, and its translation need still judged by the page's list
/// (it was dropped before, and its translation warning with it).
#[test]
fn a_document_the_page_does_not_name_is_kept_not_dropped() {
    let p = plan_of(&with(
        service_provider(),
        json!({ "documents": [ { "id": "employment_contract", "language": "fr", "gathered": true } ] }),
    ));
    let item = p
        .documents
        .iter()
        .find(|d| d.id == "employment_contract")
        .expect("the entered document is still on the list");
    assert!(item.gathered && !item.own && !item.required);
    assert_eq!(item.translation, permit_core::plan::TranslationNeed::Needed);
    assert!(p
        .document_notes
        .iter()
        .any(|n| n.id == "kept_not_on_page" && n.message.contains(&item.name)));
    assert!(has_warning(&p, "translation_pending"), "{:#?}", p.warnings);
    // On a page that names it, no such note.
    let p = plan_of(&with(
        researcher(),
        json!({ "documents": [ { "id": "employment_contract", "language": "fr" } ] }),
    ));
    assert!(!p.document_notes.iter().any(|n| n.id == "kept_not_on_page"));
}
