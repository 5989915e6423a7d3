//! Each contradiction of RULES.md §20 is answered per the page of the
//! applicant's scheme, and the plan says which page it followed.

use crate::*;
use permit_core::plan::{CheckStatus, CoverageStatus, TranslationNeed};

fn doc_need(base: Value, lang: &str) -> TranslationNeed {
    let p = plan_of(&with(
        base,
        json!({ "documents": [ { "own": true, "name": "Letter", "language": lang } ] }),
    ));
    p.documents
        .iter()
        .find(|d| d.name == "Letter")
        .unwrap()
        .translation
}

#[test]
fn contra_1_german_is_accepted_on_researcher_and_siq_pages_only() {
    assert_eq!(
        doc_need(service_provider(), "German"),
        TranslationNeed::Needed
    );
    assert_eq!(doc_need(researcher(), "German"), TranslationNeed::NotNeeded);
    assert_eq!(doc_need(athlete(), "de"), TranslationNeed::NotNeeded);
    for base in [service_provider(), researcher(), athlete()] {
        assert_eq!(
            doc_need(base.clone(), "Swedish"),
            TranslationNeed::NotNeeded
        );
        assert_eq!(doc_need(base.clone(), "fr"), TranslationNeed::Needed);
    }
    let p = plan_of(&with(
        service_provider(),
        json!({ "documents": [ { "own": true, "name": "Letter", "language": "de" } ] }),
    ));
    assert_eq!(
        p.page.as_ref().unwrap().id,
        permit_core::plan::Page::ServiceProvider
    );
    assert!(has_warning(&p, "translation_pending"));
    let p = plan_of(&with(
        service_provider(),
        json!({ "documents": [ { "own": true, "name": "Letter", "language": "de", "translation": "translated" } ] }),
    ));
    assert!(!has_warning(&p, "translation_pending"));
}

#[test]
fn contra_2_bank_account_180_vs_90_days() {
    let dates = json!({ "dates": { "permit_granted": "2027-02-01", "entry": "2027-03-01", "job_end": "2028-12-31" } });
    let sp = plan_of(&with(service_provider(), dates.clone()));
    assert_eq!(deadline(&sp, "bank_account").date, date("2027-08-28"));
    assert_eq!(deadline(&sp, "bank_account").why[0].page, "002");
    let r = plan_of(&with(researcher(), dates));
    assert_eq!(deadline(&r, "bank_account").date, date("2027-05-30"));
    assert_eq!(deadline(&r, "bank_account").why[0].page, "003");
}

#[test]
fn contra_3_passport_three_months_vs_ninety_days() {
    let pass = json!({ "dates": { "passport_expiry": "2029-05-31" } });
    assert_eq!(
        deadline(
            &plan_of(&with(service_provider(), pass.clone())),
            "latest_permit_expiry"
        )
        .date,
        date("2029-02-28")
    );
    assert_eq!(
        deadline(
            &plan_of(&with(researcher(), pass.clone())),
            "latest_permit_expiry"
        )
        .date,
        date("2029-03-02")
    );
    assert_eq!(
        deadline(&plan_of(&with(athlete(), pass)), "latest_permit_expiry").date,
        date("2029-02-28")
    );
}

#[test]
fn contra_5_forms_of_2011_are_refused() {
    for role in [
        "self_employed",
        "greencard",
        "religious_worker",
        "corporate_approval",
    ] {
        let p = plan_of(&json!({ "role": role }));
        assert_eq!(p.coverage.status, CoverageStatus::NotCovered, "{role}");
        assert!(p.forms.is_empty());
        assert!(p.coverage.why.iter().any(|r| r.page == "001"));
        assert!(p.coverage.message.contains("2011"));
    }
    let p = plan_of(&with(researcher(), json!({ "scheme": "guest_researcher" })));
    assert_eq!(p.coverage.status, CoverageStatus::NotCovered);
}

#[test]
fn sp_1_employer_in_the_eu_is_the_posted_worker_route() {
    let p = plan_of(&with(
        service_provider(),
        json!({ "employer": { "location": "eu" } }),
    ));
    assert_eq!(p.coverage.status, CoverageStatus::NotCovered);
    assert!(p.forms.is_empty());
    assert!(p.coverage.message.contains("posted worker"));
    assert_eq!(p.coverage.why[0].rule, "SP-1");
}

#[test]
fn contra_7_commuters_exempt_only_on_researcher_and_siq_pages() {
    let r = plan_of(&with(researcher(), json!({ "commuter": true })));
    assert!(!r.fee.as_ref().unwrap().required);
    assert!(!r.biometrics.as_ref().unwrap().required);
    assert!(r.deadlines.iter().all(|d| d.id != "biometrics"));
    let s = plan_of(&with(service_provider(), json!({ "commuter": true })));
    assert!(s.fee.as_ref().unwrap().required);
    assert_eq!(
        s.fee.as_ref().unwrap().amount_dkk,
        Some(rust_decimal::Decimal::new(6290, 0))
    );
    assert!(s.biometrics.as_ref().unwrap().required);
    assert!(has_warning(&s, "commuter_not_on_page"));
}

#[test]
fn contra_8_power_of_attorney_ar6_vs_ar9() {
    let p = plan_of(&with(
        researcher(),
        json!({ "power_of_attorney": "employer" }),
    ));
    assert_eq!(p.forms[0].form, "AR6");
    assert_eq!(p.forms[0].parts.len(), 1);
    let p = plan_of(&with(researcher(), json!({ "power_of_attorney": "none" })));
    assert_eq!(p.forms[0].form, "AR1");
    assert_eq!(
        p.forms[0].parts.iter().map(|x| x.order).collect::<Vec<_>>(),
        vec![1, 2]
    );
    let p = plan_of(&with(
        researcher(),
        json!({ "power_of_attorney": "third_party" }),
    ));
    assert_eq!(p.forms[0].form, "AR1");
    assert!(has_warning(&p, "third_party_poa"));
    for poa in ["employer", "third_party"] {
        let p = plan_of(&with(
            service_provider(),
            json!({ "power_of_attorney": poa }),
        ));
        assert_eq!(p.forms[0].form, "AR9");
        assert!(p.forms[0].why.iter().any(|r| r.rule == "FORM-AR9-3"));
        assert!(p.documents.iter().any(|d| d.id == "power_of_attorney"));
    }
}

#[test]
fn contra_9_holiday_allowance_counts_except_on_researcher_page() {
    let sal = json!({ "salary": { "period": "month", "components": [
        { "kind": "cash", "amount": "13000" },
        { "kind": "holiday_allowance", "amount": "105", "paid_in": "same_year", "paid_by_current_employer": true } ] } });
    let a = plan_of(&with(
        athlete(),
        with(sal.clone(), json!({ "sponsor_status": "single_sponsor" })),
    ));
    assert_eq!(status(&a, "salary_floor"), CheckStatus::Pass);
    let r = plan_of(&with(researcher(), sal));
    assert!(check(&r, "salary").message.contains("DKK 13,000.00"));
    assert!(r
        .notes
        .iter()
        .any(|n| n.id == "researcher_holiday_allowance"));
}

#[test]
fn contra_10_siq_hours_follow_the_applicants_page() {
    let chef = plan_of(&with(
        athlete(),
        json!({ "siq_category": "chef", "hours": { "per_week": 30 } }),
    ));
    assert!(chef.checks.iter().all(|c| c.id != "hours"));
    assert!(chef.notes.iter().any(|n| n.id == "siq_hours_silent"));
    let sp = plan_of(&with(
        service_provider(),
        json!({ "scheme": "special_individual_qualifications", "hours": { "per_week": 30 } }),
    ));
    assert_eq!(status(&sp, "hours"), CheckStatus::Fail);
    let r = plan_of(&with(researcher(), json!({ "hours": { "per_week": 10 } })));
    assert_eq!(status(&r, "hours"), CheckStatus::Pass);
}

#[test]
fn contra_12_exactly_180_days_is_left_open() {
    let p = plan_of(&with(
        service_provider(),
        json!({ "stay_length_days": 180 }),
    ));
    let c = check(&p, "bank_account");
    assert_eq!(c.status, CheckStatus::Unknown);
    assert!(c.message.contains("does not say"));
}

#[test]
fn contra_17_every_date_states_its_convention() {
    let p = plan_of(&with(
        researcher(),
        json!({ "dates": { "submitted": "2027-01-10", "passport_expiry": "2030-01-01", "permit_granted": "2027-02-01", "entry": "2027-02-20", "job_end": "2029-12-31" } }),
    ));
    for d in &p.deadlines {
        assert!(
            !d.convention.is_empty() || d.id == "permit_start",
            "{} has no convention",
            d.id
        );
        assert!(!d.why.is_empty(), "{} has no citation", d.id);
    }
}

#[test]
fn contra_21_siq_has_no_short_stay_bank_exemption() {
    let p = plan_of(&with(
        athlete(),
        json!({ "dates": { "entry": "2027-03-01", "permit_granted": "2027-02-01", "job_end": "2027-05-31" } }),
    ));
    assert_eq!(deadline(&p, "bank_account").date, date("2027-05-30"));
}

/// Issue 24, item 3: the 2011 page read one way for the Pay Limit hire and
/// for FA8 — AR1 proposed with the 2011 caution (no current page names
/// another form), the Pay Limit conditions of the current page applied; the
/// Supplementary Pay Limit scheme (not on the 2011 page), the self-employed
/// (AR2, 2011 only) and posted workers still refused with no form.
#[test]
fn pay_limit_with_a_danish_employer_gets_ar1_with_the_2011_caution() {
    let hire = json!({ "role": "employee", "scheme": "pay_limit", "employer": { "registered_in_denmark": true },
        "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "40583.32" } ] },
        "hours": { "per_week": 29 } });
    let p = plan_of(&hire);
    assert_eq!(p.coverage.status, CoverageStatus::NotCovered);
    assert_eq!(p.forms.len(), 1);
    let ar1 = &p.forms[0];
    assert_eq!(ar1.form, permit_core::plan::Form::AR1);
    assert!(ar1.message.contains("2011 page"), "{}", ar1.message);
    let rules: Vec<(&str, &str)> = ar1
        .why
        .iter()
        .map(|r| (r.rule.as_str(), r.page.as_str()))
        .collect();
    for want in [
        ("PAY-LIMIT-8", "001"),
        ("PAY-LIMIT-8b", "001"),
        ("SRC-001", "001"),
    ] {
        assert!(rules.contains(&want), "{rules:?}");
    }
    // The employer begins (001:11).
    assert_eq!(ar1.parts[0].order, 1);
    assert!(ar1.why.iter().any(|r| r.rule == "PAY-LIMIT-8c"));
    // The Pay Limit conditions: one krone under the monthly limit fails; 29 hours fails.
    assert_eq!(status(&p, "salary"), CheckStatus::Fail);
    assert_eq!(status(&p, "hours"), CheckStatus::Fail);
    let at_limit = plan_of(&with(
        hire.clone(),
        json!({ "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "40583.33" } ] }, "hours": { "per_week": 30 } }),
    ));
    assert_eq!(status(&at_limit, "salary"), CheckStatus::Pass);
    assert_eq!(status(&at_limit, "hours"), CheckStatus::Pass);
    // The 2011 fee sentence, with its caution (001:70).
    let fee = p
        .warnings
        .iter()
        .find(|w| w.id == "fee_2011")
        .expect("the 2011 fee");
    assert!(fee.message.contains("names no amount") && fee.message.contains("a person in Denmark"));
    assert!(fee.why.iter().any(|r| r.rule == "FEE-5" && r.page == "001"));

    // Still refused: the supplementary scheme, the self-employed (AR2 named), posted workers.
    for (v, named) in [
        (
            json!({ "role": "employee", "scheme": "supplementary_pay_limit", "employer": { "registered_in_denmark": true } }),
            None,
        ),
        (
            json!({ "role": "self_employed", "scheme": "pay_limit" }),
            Some("AR2"),
        ),
        (
            json!({ "role": "employee", "scheme": "pay_limit", "employer": { "registered_in_denmark": false, "location": "eu" } }),
            None,
        ),
    ] {
        let p = plan_of(&v);
        assert_eq!(p.coverage.status, CoverageStatus::NotCovered, "{v}");
        assert!(p.forms.is_empty(), "{v}");
        if let Some(form) = named {
            assert!(p.coverage.message.contains(form), "{}", p.coverage.message);
        }
    }
}

/// FA8's own fee, read from the 2011 page as its form is (001:70).
#[test]
fn fa8_states_the_2011_fee_with_the_caution() {
    let p = plan_of(&with(
        researcher(),
        json!({ "family": [ { "name": "P", "relation": "spouse", "birth_date": "1991-01-01" } ] }),
    ));
    assert!(p
        .forms
        .iter()
        .any(|f| f.form == permit_core::plan::Form::FA8));
    let w = p
        .warnings
        .iter()
        .find(|w| w.id == "fee_2011_family")
        .expect("FA8's fee");
    assert!(
        w.message.contains("P's own application (FA8)"),
        "{}",
        w.message
    );
    assert!(w.why.iter().any(|r| r.rule == "FEE-5" && r.page == "001"));
    // No partner, no FA8, no fee statement.
    let alone = plan_of(&researcher());
    assert!(!alone.warnings.iter().any(|w| w.id == "fee_2011_family"));
}

#[test]
fn missing_facts_are_asked_for_not_guessed() {
    let p = plan_of(&json!({}));
    assert_eq!(p.coverage.status, CoverageStatus::NeedsAnswers);
    assert!(p.coverage.missing.contains(&"role".to_owned()));
    assert!(p.forms.is_empty());
}
