//! Temporal coverage: every day of 2024–2030 has exactly one value in force
//! per parameter and page; every rule id the engine cites exists.

use permit_core::RuleSet;

#[test]
fn one_value_in_force_every_day_2024_to_2030() {
    let rules = RuleSet::embedded();
    let mut day = crate::date("2024-01-01");
    let end = crate::date("2030-12-31");
    let mut checked = 0usize;
    while day <= end {
        for (name, param) in &rules.parameters {
            let mut pages: Vec<&str> = param.values.iter().map(|v| v.page.as_str()).collect();
            pages.dedup();
            for page in pages {
                assert_eq!(
                    rules.values_in_force(name, page, day),
                    1,
                    "{name} on page {page} on {day}"
                );
                checked += 1;
            }
        }
        day = day.succ_opt().unwrap();
    }
    assert!(checked > 2557 * 30, "{checked}");
}

#[test]
fn every_rule_id_the_engine_cites_exists() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/permit-core/src/engine");
    let mut src = String::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        src.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let rules = RuleSet::embedded();
    let mut ids = Vec::new();
    for part in src.split('"').skip(1).step_by(2) {
        let looks_like_id = part.len() > 3
            && part.contains('-')
            && part.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && part
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == 'b');
        if looks_like_id {
            ids.push(part.to_owned());
        }
    }
    assert!(ids.len() > 40, "found only {} ids", ids.len());
    for id in ids {
        assert!(
            rules.citations.iter().any(|c| c.id == id),
            "engine cites {id}, which the rule data lacks"
        );
    }
}

/// Situations over every route: roles, schemes, categories, employers,
/// powers of attorney, commuters, and the facts the later sections use.
pub fn situation_grid() -> Vec<serde_json::Value> {
    use serde_json::json;
    let mut out = Vec::new();
    let kinds: Vec<&str> = permit_core::situation::ComponentKind::ALL
        .iter()
        .map(|k| k.id())
        .collect();
    let components: Vec<serde_json::Value> = kinds
        .iter()
        .map(|k| json!({ "kind": k, "amount": "1000.00" }))
        .collect();
    for role in [
        "employee",
        "service_provider",
        "self_employed",
        "greencard",
        "religious_worker",
        "corporate_approval",
    ] {
        for scheme in [
            None,
            Some("researcher"),
            Some("special_individual_qualifications"),
            Some("pay_limit"),
            Some("supplementary_pay_limit"),
            Some("guest_researcher"),
            Some("phd_student"),
        ] {
            for siq in [
                None,
                Some("artist"),
                Some("athlete"),
                Some("coach"),
                Some("chef"),
                Some("other"),
            ] {
                if siq.is_some() && scheme != Some("special_individual_qualifications") {
                    continue;
                }
                for (registered, location) in [
                    (true, "denmark"),
                    (false, "non_eu"),
                    (false, "eu"),
                    (false, "denmark"),
                ] {
                    for poa in ["none", "employer", "third_party"] {
                        for commuter in [false, true] {
                            for variant in 0u32..3 {
                                let (from, declared, loss) = match variant {
                                    0 => ("abroad", json!(true), json!(true)),
                                    1 => ("denmark", json!(false), json!(false)),
                                    _ => {
                                        ("abroad", serde_json::Value::Null, serde_json::Value::Null)
                                    }
                                };
                                let period = ["year", "month", "week_37h"][variant as usize];
                                let job_end = if variant == 0 {
                                    "2027-05-01"
                                } else {
                                    "2029-03-01"
                                };
                                out.push(json!({
                                    "role": role, "scheme": scheme, "siq_category": siq,
                                    "employer": { "registered_in_denmark": registered, "location": location },
                                    "power_of_attorney": poa, "commuter": commuter,
                                    "applying_from": from, "self_support_declaration": declared,
                                    "job_loss_through_no_fault": loss,
                                    "holds_danish_residence_permit": variant == 1,
                                    "submission_at_norwegian_mission": variant == 2,
                                    "regulated_profession": true, "examiner_appointment": variant == 0,
                                    "family_revocations_for_missing_work_permit": variant,
                                    "applicant": { "has_mitid": variant == 1, "birth_date": "1990-01-01" },
                                    "dates": {
                                        "planned_submission": "2027-01-10", "job_start": "2027-03-01",
                                        "job_end": job_end,
                                        "permit_granted": "2027-02-01", "entry": "2027-02-15",
                                        "passport_expiry": "2028-01-01", "job_posted_jobnet_eures": "2026-12-01",
                                        "employment_ended": "2027-06-01"
                                    },
                                    "salary": { "period": period, "components": components },
                                    "hours": { "per_week": "40", "sideline_per_week": "12", "part_time_usual_in_sport": variant == 0, "employing_clubs": 1 + variant },
                                    "family": [
                                        { "name": "P", "relation": "spouse", "birth_date": "1991-01-01" },
                                        { "name": "C", "relation": "child", "birth_date": "2009-01-10", "living_at_home": true },
                                        { "name": "D", "relation": "child", "birth_date": "2015-01-01", "living_at_home": variant != 1 }
                                    ],
                                    "documents": [ { "id": "employment_contract", "language": "de" }, { "id": "qualification_evidence", "language": "pt" }, { "own": true, "name": "Lease", "language": "fr" } ]
                                }));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_citation_is_on_the_page_it_is_cited_for() {
    use permit_core::{engine::audit, Lang, Options, Situation};
    let rules = RuleSet::embedded();
    let mut situations: Vec<(String, String)> = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(root.join("examples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") && !p.ends_with("invalid.json") {
            situations.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    for (i, v) in situation_grid().into_iter().enumerate() {
        situations.push((format!("grid {i}: {v}"), v.to_string()));
    }
    assert!(situations.len() > 2000, "{}", situations.len());
    let mut problems = std::collections::BTreeSet::new();
    for (name, text) in &situations {
        let s = Situation::from_json(text, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        for lang in [Lang::En, Lang::Da] {
            for today in ["2026-11-23", "2028-06-01"] {
                let (_, miscited) = audit(
                    &s,
                    rules,
                    &Options {
                        today: crate::date(today),
                        lang,
                    },
                );
                problems.extend(miscited);
            }
        }
    }
    assert!(
        problems.is_empty(),
        "cited on a page that does not state the rule: {problems:#?}"
    );
}

/// The engine names pages and forms by their types (`Page`, `Form`), never
/// by id or code: a page-id or form-code string literal there fails.
#[test]
fn no_page_id_or_form_code_literal_in_the_engine() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/permit-core/src/engine");
    let literal = |src: &str| -> Vec<String> {
        src.split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                ["000", "001", "002", "003", "004"].contains(s)
                    || ["AR1", "AR2", "AR4", "AR6", "AR9", "FA8", "GR1", "RF1"].contains(s)
            })
            .map(str::to_owned)
            .collect()
    };
    // The check itself can fail.
    assert_eq!(
        literal(r#"if self.page == "002" { form: "AR9" }"#),
        ["002", "AR9"]
    );
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let found = literal(&std::fs::read_to_string(&path).unwrap());
        assert!(found.is_empty(), "{}: {found:?}", path.display());
    }
}
