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
