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
