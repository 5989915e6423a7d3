//! The information sections (issue 11, items 2 and 4) at their boundaries:
//! the longest first permit a day under and on each anniversary, where the
//! biometrics are recorded from abroad, from Denmark and when not said, the
//! job-seeking permit's date (the deadline's, not a second computation), the
//! scheme's conditions by category and the forms considered and not offered.

use crate::*;
use permit_core::plan::{Form, Note};

fn ids(notes: &[Note]) -> Vec<&str> {
    notes.iter().map(|n| n.id.as_str()).collect()
}

fn note<'p>(notes: &'p [Note], id: &str) -> &'p Note {
    notes
        .iter()
        .find(|n| n.id == id)
        .unwrap_or_else(|| panic!("no {id}: {:#?}", ids(notes)))
}

fn rules_of(n: &Note) -> Vec<&str> {
    n.why.iter().map(|r| r.rule.as_str()).collect()
}

fn employed(base: Value, start: &str, end: &str) -> Plan {
    plan_of(&with(
        base,
        json!({ "dates": { "job_start": start, "job_end": end } }),
    ))
}

#[test]
fn researcher_first_permit_four_years_a_day_under_and_on_the_anniversary() {
    // 1 March 2027 + 4 years = 1 March 2031: the last day 28 February 2031 is 4 years (C9).
    let under = employed(researcher(), "2027-03-01", "2031-02-27");
    let n = note(&under.after_grant, "first_permit");
    assert!(
        n.message.contains("is shorter than 4 years"),
        "{}",
        n.message
    );
    assert!(n.message.contains("period of your employment"));
    assert_eq!(rules_of(n), ["DUR-5", "DUR-4"]);
    let on = employed(researcher(), "2027-03-01", "2031-02-28");
    let n = note(&on.after_grant, "first_permit");
    assert!(n.message.contains("lasts 4 years or more"), "{}", n.message);
    assert!(n.message.contains("for at most 4 years at a time"));
    assert_eq!(rules_of(n), ["DUR-4"]);
    // The reading is stated in plain words, without our file's section
    // number (issue 25, item 12).
    assert!(
        n.message
            .contains("Both the first and the last day of the employment count."),
        "the reading is stated: {}",
        n.message
    );
    assert!(!n.message.contains("C9") && !n.message.contains("docs/"));
}

#[test]
fn service_provider_first_permit_between_four_and_five_years_states_both_sentences() {
    let sp = service_provider;
    // 4 years less a day: the employment period (shorter than 4 and than 5).
    let n = employed(sp(), "2027-03-01", "2031-02-27");
    assert!(note(&n.after_grant, "first_permit")
        .message
        .contains("is shorter than 4 years"));
    // Exactly 4 years and 5 years less a day: both of the page's sentences apply (CONTRA-4).
    for end in ["2031-02-28", "2032-02-28"] {
        let p = employed(sp(), "2027-03-01", end);
        let n = note(&p.after_grant, "first_permit");
        assert!(
            n.message.contains("but less than 5 years"),
            "{end}: {}",
            n.message
        );
        assert_eq!(rules_of(n), ["DUR-3", "DUR-4"], "{end}");
    }
    // 5 years (1 March 2032 − 1 day = 29 February 2032, a leap year): 4 years, one sentence.
    let p = employed(sp(), "2027-03-01", "2032-02-29");
    let n = note(&p.after_grant, "first_permit");
    assert!(
        n.message.contains("lasts 4 years or more:"),
        "{}",
        n.message
    );
    assert_eq!(rules_of(n), ["DUR-4"]);
    // Special individual qualifications as a service provider: at most 1 year at a time (SIQ-7).
    let siq = with(
        sp(),
        json!({ "scheme": "special_individual_qualifications" }),
    );
    let p = employed(siq.clone(), "2027-03-01", "2028-02-28");
    assert!(note(&p.after_grant, "first_permit")
        .message
        .contains("is shorter than 1 year"));
    let p = employed(siq, "2027-03-01", "2028-02-29");
    let n = note(&p.after_grant, "first_permit");
    assert!(n.message.contains("lasts 1 year or more"), "{}", n.message);
    assert_eq!(rules_of(n), ["SIQ-7"]);
}

#[test]
fn special_qualifications_first_permit_one_year_in_a_leap_year() {
    // 1 March 2027 + 1 year = 1 March 2028: the last day 29 February 2028 is a year.
    let under = employed(athlete(), "2027-03-01", "2028-02-28");
    let n = note(&under.after_grant, "first_permit");
    assert!(
        n.message.contains("is shorter than 1 year"),
        "{}",
        n.message
    );
    // The employment period, never beyond the contract (004:309).
    assert_eq!(rules_of(n), ["DUR-6", "DUR-6b"]);
    let on = employed(athlete(), "2027-03-01", "2028-02-29");
    assert!(note(&on.after_grant, "first_permit")
        .message
        .contains("lasts 1 year or more"));
    // Without the job's end the plan states the page's rule only.
    let p = plan_of(&athlete());
    assert!(!ids(&p.after_grant).contains(&"first_permit"));
    assert!(note(&p.after_grant, "permit_length_siq")
        .message
        .contains("at most 1 year at a time"));
}

#[test]
fn biometrics_where_follows_where_the_applicant_applies_from() {
    let from = |place: Option<&str>| {
        let mut v = researcher();
        if let Some(pl) = place {
            merge(&mut v, json!({ "applying_from": pl }));
        }
        plan_of(&v)
    };
    let abroad = from(Some("abroad"));
    assert_eq!(
        ids(&abroad.biometrics_location),
        [
            "biometrics_what",
            "biometrics_abroad",
            "mission_requirements",
            "biometrics_no_appointment"
        ]
    );
    let d = deadline(&abroad, "biometrics");
    assert!(d.remedy.is_some());
    assert!(d.why.iter().any(|r| r.rule == "DEADLINE-BIO-2"));

    let denmark = from(Some("denmark"));
    assert_eq!(
        ids(&denmark.biometrics_location),
        ["biometrics_what", "biometrics_denmark"]
    );
    assert_eq!(
        rules_of(note(&denmark.biometrics_location, "biometrics_denmark")),
        ["BIO-5", "BIO-5c", "BIO-5b"]
    );
    // The mission remedy is not offered to someone in Denmark.
    let d = deadline(&denmark, "biometrics");
    assert_eq!(d.remedy, None);
    assert!(!d.why.iter().any(|r| r.rule == "DEADLINE-BIO-2"));

    // Not said: both readings, in words.
    let unknown = from(None);
    let n = note(&unknown.biometrics_location, "biometrics_unknown");
    assert_eq!(rules_of(n), ["BIO-3", "BIO-5", "BIO-5c"]);
    assert!(n.message.contains("from abroad") && n.message.contains("in Denmark legally"));

    // A commuter exempt from biometrics gets no location.
    let commuter = plan_of(&with(researcher(), json!({ "commuter": true })));
    assert!(commuter.biometrics_location.is_empty());
}

#[test]
fn job_seeking_permit_date_is_the_deadline_and_the_rule_before_the_job_ends() {
    let ended = plan_of(&with(
        researcher(),
        json!({ "dates": { "employment_ended": "2027-06-01" }, "job_loss_through_no_fault": true }),
    ));
    let d = deadline(&ended, "job_seeking");
    assert_eq!(d.date, date("2027-06-03"));
    let n = note(&ended.if_job_ends, "job_seeking_apply_by");
    assert!(n.message.contains("3 Jun 2027"), "{}", n.message);
    assert_eq!(
        n.why, d.why,
        "the deadline's reasons, not a second computation"
    );
    assert!(!ids(&ended.if_job_ends).contains(&"job_seeking_when"));

    let working = plan_of(&researcher());
    let ids_w = ids(&working.if_job_ends);
    assert!(ids_w.contains(&"job_seeking_when"));
    assert!(!ids_w.contains(&"job_seeking_apply_by"));
    assert!(note(&working.if_job_ends, "job_seeking_when")
        .message
        .contains("2 days after your employment ends"));
    assert!(note(&working.if_job_ends, "job_seeking_permit")
        .message
        .contains("6 months"));
    assert!(note(&working.if_job_ends, "job_seeking_no_work")
        .message
        .contains("may not work"));

    // Other pages describe no job-seeking permit: said, with the researcher page's rule.
    for base in [service_provider(), athlete()] {
        let p = plan_of(&base);
        let n = note(&p.if_job_ends, "job_seeking_not_here");
        assert_eq!(n.why[0].page, "003");
        assert!(!ids(&p.if_job_ends).contains(&"job_seeking_permit"));
    }
}

#[test]
fn side_jobs_and_the_job_tie_differ_by_page_and_category() {
    let researcher = plan_of(&researcher());
    assert!(note(&researcher.after_grant, "researcher_sideline")
        .message
        .contains("need no work permit"));
    let chef = plan_of(&with(athlete(), json!({ "siq_category": "chef" })));
    assert!(ids(&chef.after_grant).contains(&"siq_sideline"));
    assert!(!ids(&chef.after_grant).contains(&"athlete_sideline"));
    assert!(ids(&chef.conditions).contains(&"chef_conditions"));
    let athlete = plan_of(&athlete());
    assert!(ids(&athlete.after_grant).contains(&"athlete_sideline"));
    assert!(ids(&athlete.after_grant).contains(&"athlete_loan"));
    let coach = plan_of(&with(crate::athlete(), json!({ "siq_category": "coach" })));
    assert!(ids(&coach.after_grant).contains(&"athlete_sideline"));
    assert!(
        !ids(&coach.after_grant).contains(&"athlete_loan"),
        "loans are for athletes"
    );
    let pay_limit = plan_of(&service_provider());
    assert!(ids(&pay_limit.after_grant).contains(&"pay_limit_job_change"));
    assert!(!ids(&pay_limit.after_grant).contains(&"only_stated_position"));
    let supp = plan_of(&with(
        service_provider(),
        json!({ "scheme": "supplementary_pay_limit" }),
    ));
    assert!(ids(&supp.after_grant).contains(&"only_stated_position"));
    assert!(ids(&supp.conditions).contains(&"supplementary_other_conditions"));
    // The family: what the page says, and that it is silent on the spouse's work.
    let family = plan_of(&with(
        crate::researcher(),
        json!({ "family": [ { "relation": "spouse" } ] }),
    ));
    let n = note(&family.after_grant, "family_may");
    assert!(n
        .message
        .contains("does not say whether your spouse or partner may work"));
    assert!(!ids(&researcher.after_grant).contains(&"family_may"));
}

#[test]
fn forms_considered_and_not_offered() {
    let forms = |p: &Plan| -> Vec<Form> { p.forms_not_offered.iter().map(|f| f.form).collect() };
    let r = plan_of(&researcher());
    assert_eq!(forms(&r), [Form::ST2, Form::AR9, Form::AR6]);
    let st2 = &r.forms_not_offered[0];
    assert!(st2
        .why
        .iter()
        .any(|w| w.rule == "FORM-ST2-1" && w.page == "001"));
    let poa = plan_of(&with(
        researcher(),
        json!({ "power_of_attorney": "employer" }),
    ));
    assert_eq!(forms(&poa), [Form::ST2, Form::AR9, Form::AR1]);
    assert_eq!(forms(&plan_of(&athlete())), [Form::AR9, Form::AR6]);
    assert_eq!(forms(&plan_of(&service_provider())), [Form::AR1, Form::AR6]);
    // No page followed: nothing considered.
    let eu = plan_of(&with(
        service_provider(),
        json!({ "employer": { "location": "eu" } }),
    ));
    assert!(eu.forms_not_offered.is_empty() && eu.after_grant.is_empty());
}

/// The latest possible expiry is the earlier of the contract (004:309) and
/// the passport (004:321): passport bound one day before, on and one day
/// after the contract's end.
#[test]
fn latest_permit_expiry_is_the_earlier_of_contract_and_passport() {
    let at = |passport: &str| {
        plan_of(&with(
            athlete(),
            json!({ "applying_from": "denmark",
                    "dates": { "job_end": "2028-01-31", "passport_expiry": passport } }),
        ))
    };
    // 3 months before 30 Apr 2028 is 30 Jan 2028: a day before the contract ends.
    let before = at("2028-04-30");
    assert_eq!(
        deadline(&before, "latest_permit_expiry").date,
        date("2028-01-30")
    );
    assert!(has_warning(&before, "passport_shortens_permit"));
    assert!(note(&before.after_grant, "first_permit")
        .message
        .contains("only until 30 Jan 2028"));
    // On the contract's end: nothing is shortened.
    let on = at("2028-05-01");
    assert_eq!(
        deadline(&on, "latest_permit_expiry").date,
        date("2028-01-31")
    );
    assert!(!has_warning(&on, "passport_shortens_permit"));
    // A day after: the contract binds, with its rule.
    let after = at("2028-05-02");
    let d = deadline(&after, "latest_permit_expiry");
    assert_eq!(d.date, date("2028-01-31"));
    assert!(d.why.iter().any(|r| r.rule == "DUR-6b"), "{:#?}", d.why);
    assert!(d.computed.contains("until 2 Feb 2028"), "{}", d.computed);
    assert!(!has_warning(&after, "passport_shortens_permit"));
}

/// A researcher employed for longer than 4 years: the 4 years run from the
/// permit's start (from Denmark, the job start) to the day before the 4th
/// anniversary (C9); 90 days before the passport's expiry on either side.
#[test]
fn capped_permit_runs_four_years_from_its_start() {
    let at = |passport: &str| {
        plan_of(&with(
            researcher(),
            json!({ "applying_from": "denmark",
                    "dates": { "job_end": "2035-01-01", "passport_expiry": passport } }),
        ))
    };
    // 90 days before 29 May 2031 is 28 Feb 2031, the cap's last day.
    let on = at("2031-05-29");
    assert_eq!(
        deadline(&on, "latest_permit_expiry").date,
        date("2031-02-28")
    );
    assert!(!has_warning(&on, "passport_shortens_permit"));
    assert!(note(&on.after_grant, "first_permit")
        .message
        .contains("from 1 Mar 2027, that is until 28 Feb 2031"));
    let before = at("2031-05-28");
    assert_eq!(
        deadline(&before, "latest_permit_expiry").date,
        date("2031-02-27")
    );
    let w = before
        .warnings
        .iter()
        .find(|w| w.id == "passport_shortens_permit")
        .expect("shortened");
    assert!(w.message.contains("until 28 Feb 2031"), "{}", w.message);
    let after = at("2031-05-30");
    assert_eq!(
        deadline(&after, "latest_permit_expiry").date,
        date("2031-02-28")
    );
}

/// Issue 24, item 2: where the page states an exception, a limit or a
/// condition in the same passage as a rule, the plan's statement of the rule
/// carries it — its words in both languages and its citation. One row per
/// statement that has one (the review is listed in the report of issue 24).
#[test]
fn every_statement_carries_its_pages_exception() {
    use permit_core::plan::Lang;
    struct Row {
        what: &'static str,
        situation: Value,
        section: fn(&Plan) -> &[Note],
        id: &'static str,
        rules: &'static [&'static str],
        en: &'static [&'static str],
        da: &'static [&'static str],
    }
    let family =
        json!({ "family": [ { "name": "P", "relation": "spouse", "birth_date": "1991-01-01" } ] });
    let rows = [
        Row {
            what: "salary to a foreign account: the first 90 days (004:41 with 004:51)",
            situation: athlete(),
            section: |p| &p.conditions,
            id: "salary_paid_how",
            rules: &["SAL-8", "BANK-3c", "BANK-3b"],
            en: &["first 90 days in Denmark", "no less than 3 months"],
            da: &["første 90 dage i Danmark", "mindst 3 måneder"],
        },
        Row {
            what: "salary to a foreign account: the first 90 days and the researcher's 180 days (003:56, 003:65-69)",
            situation: researcher(),
            section: |p| &p.conditions,
            id: "salary_paid_how_003",
            rules: &["SAL-8", "BANK-3c", "BANK-3b", "BANK-4", "BANK-4b"],
            en: &["first 90 days in Denmark", "does not exceed 180 days", "extended beyond 180 days"],
            da: &["første 90 dage i Danmark", "ikke overstiger 180 dage", "ud over 180 dage"],
        },
        Row {
            what: "the Danish account on 002 only for a stay over 180 days (002:97-99)",
            situation: service_provider(),
            section: |p| &p.after_grant,
            id: "bank_kind_002",
            rules: &["BANK-5", "BANK-1"],
            en: &["If your stay exceeds 180 days", "less than 180 days"],
            da: &["Overstiger dit ophold 180 dage", "under 180 dage"],
        },
        Row {
            what: "family: children under 18 living at home (FAM-1)",
            situation: with(researcher(), family.clone()),
            section: |p| &p.after_grant,
            id: "family_may",
            rules: &["FAM-1"],
            en: &["children under 18 living at home"],
            da: &["børn under 18 år, der bor hjemme"],
        },
        Row {
            what: "Pay Limit job change: Danish standards still (002:275)",
            situation: service_provider(),
            section: |p| &p.after_grant,
            id: "pay_limit_job_change",
            rules: &["PAY-LIMIT-6b", "PAY-LIMIT-6c"],
            en: &["at least at the pay limit", "correspond to Danish standards"],
            da: &["mindst svarer til beløbsgrænsen", "danske standarder"],
        },
        Row {
            what: "biometrics in Denmark: what legal residence means (002:387-393)",
            situation: with(researcher(), json!({ "applying_from": "denmark" })),
            section: |p| &p.biometrics_location,
            id: "biometrics_denmark",
            rules: &["BIO-5", "BIO-5c"],
            en: &["valid visa", "exempt from the visa requirement", "valid residence permit"],
            da: &["gyldigt visum", "fritaget for visumpligt", "gyldig opholdstilladelse"],
        },
        Row {
            what: "athlete's sideline work: covered though the permit does not say so (004:116)",
            situation: athlete(),
            section: |p| &p.after_grant,
            id: "athlete_sideline",
            rules: &["ATH-6", "ATH-6e"],
            en: &["does not say so"],
            da: &["ikke fremgår af selve tilladelsen"],
        },
    ];
    for row in &rows {
        for (lang, words) in [(Lang::En, row.en), (Lang::Da, row.da)] {
            let s = Situation::from_json(&row.situation.to_string(), "t.json").unwrap();
            let p = plan(
                &s,
                RuleSet::embedded(),
                &Options {
                    today: date(TODAY),
                    lang,
                },
            );
            let n = note((row.section)(&p), row.id);
            for r in row.rules {
                assert!(
                    rules_of(n).contains(r),
                    "{}: {r} not cited: {:?}",
                    row.what,
                    rules_of(n)
                );
            }
            for w in words {
                assert!(
                    n.message.contains(w),
                    "{} ({lang:?}): «{w}» not in: {}",
                    row.what,
                    n.message
                );
            }
        }
    }
}

/// The bank-account checks carry the page's exception too: the researcher's
/// exemption ends when the employment is extended beyond 180 days (003:69);
/// until the account's deadline the salary may go abroad (003:65, 004:51).
#[test]
fn bank_checks_carry_the_exception() {
    let short = plan_of(&with(
        researcher(),
        json!({ "dates": { "entry": "2027-02-20", "job_end": "2027-08-18" } }),
    ));
    let c = check(&short, "bank_account");
    assert!(c.why.iter().any(|r| r.rule == "BANK-4b"), "{:#?}", c.why);
    for base in [researcher(), athlete()] {
        let p = plan_of(&with(
            base,
            json!({ "dates": { "entry": "2027-02-20", "permit_granted": "2027-02-01", "job_end": "2029-01-01" } }),
        ));
        let d = deadline(&p, "bank_account");
        assert!(d.why.iter().any(|r| r.rule == "BANK-3c"), "{:#?}", d.why);
    }
}
