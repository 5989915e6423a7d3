//! Property tests of the date and salary rules over generated situations.

use crate::*;
use permit_core::plan::CheckStatus;
use proptest::prelude::*;

fn day() -> impl Strategy<Value = chrono::NaiveDate> {
    (0i64..(365 * 6)).prop_map(|n| date("2025-01-01") + chrono::Duration::days(n))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn biometrics_is_submission_plus_14(sub in day()) {
        let p = plan_of(&with(service_provider(), json!({ "dates": { "submitted": sub.to_string() } })));
        prop_assert_eq!(deadline(&p, "biometrics").date, sub + chrono::Duration::days(14));
    }

    #[test]
    fn too_early_iff_before_six_months(sub in day(), job in day()) {
        prop_assume!(job >= sub);
        let p = plan_of(&with(researcher(), json!({ "dates": { "planned_submission": sub.to_string(), "job_start": job.to_string() } })));
        let cutoff = job.checked_sub_months(chrono::Months::new(6)).unwrap();
        prop_assert_eq!(has_warning(&p, "too_early"), sub < cutoff);
        prop_assert_eq!(deadline(&p, "earliest_submission").date, cutoff);
    }

    #[test]
    fn salary_passes_iff_at_least_the_limit(cents in 3_800_000i64..4_300_000, pension in 0i64..300_000) {
        let cash = rust_decimal::Decimal::new(cents, 2);
        let pen = rust_decimal::Decimal::new(pension, 2);
        let p = plan_of(&with(service_provider(), json!({ "salary": { "period": "month", "components": [
            { "kind": "cash", "amount": cash.to_string() }, { "kind": "pension_employee", "amount": pen.to_string() }, { "kind": "car", "amount": "5000" } ] } })));
        let expected = if cash + pen >= rust_decimal::Decimal::new(4_058_333, 2) { CheckStatus::Pass } else { CheckStatus::Fail };
        prop_assert_eq!(status(&p, "salary"), expected);
    }

    #[test]
    fn arbitrary_json_never_panics(text in "\\PC{0,200}") {
        let _ = permit_core::Situation::from_json(&text, "fuzz.json");
    }
}
