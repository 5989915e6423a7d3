//! Every rule of the working catalogue is accounted for (issue 11, item 1):
//! applied in a plan (some plan over the examples and the situation grid cites
//! it) or listed under `not_applied` in the rules data with a reason, never
//! both. The catalogue's IDs are shipped in `tests/fixtures/rule-catalogue-ids.txt`
//! (copied from the working catalogue with `scripts/rule-catalogue-ids.sh`).

use std::collections::BTreeSet;

use permit_core::{engine::plan, Lang, Options, RuleSet, Situation};

/// The catalogue's rule IDs as shipped.
fn catalogue() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rule-catalogue-ids.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_owned())
        .collect()
}

/// The catalogue ID a citation's ID refines: `DUR-1b` and `SAL-1-CASH` are
/// parts of `DUR-1` and `SAL-1`.
fn catalogue_id(cited: &str) -> &str {
    for part in ["-CASH", "-PENSION", "-HOLIDAY"] {
        if let Some(base) = cited.strip_suffix(part) {
            return base;
        }
    }
    match cited.char_indices().last() {
        Some((i, c)) if c.is_ascii_lowercase() => &cited[..i],
        _ => cited,
    }
}

/// Every catalogue ID some plan cites, over the examples and the grid.
fn applied() -> BTreeSet<String> {
    let rules = RuleSet::embedded();
    let mut texts: Vec<String> = crate::coverage::situation_grid()
        .into_iter()
        .map(|v| v.to_string())
        .collect();
    // The grid leaves the self-sufficiency category open: one athlete per category.
    for status in ["single_sponsor", "sponsor", "person", "under30_at_home"] {
        texts.push(
            serde_json::json!({
                "role": "employee", "scheme": "special_individual_qualifications",
                "siq_category": "athlete", "employer": { "registered_in_denmark": true },
                "sponsor_status": status,
                "salary": { "period": "month", "components": [ { "kind": "cash", "amount": "1000.00" } ] }
            })
            .to_string(),
        );
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(root.join("examples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") && !p.ends_with("invalid.json") {
            texts.push(std::fs::read_to_string(&p).unwrap());
        }
    }
    let mut out = BTreeSet::new();
    for text in &texts {
        let s = Situation::from_json(text, "grid").unwrap();
        let p = plan(
            &s,
            rules,
            &Options {
                today: crate::date("2026-11-23"),
                lang: Lang::En,
            },
        );
        for r in p.all_reasons() {
            out.insert(catalogue_id(&r.rule).to_owned());
        }
    }
    out
}

#[test]
fn the_id_mapping_can_fail() {
    assert_eq!(catalogue_id("DUR-1b"), "DUR-1");
    assert_eq!(catalogue_id("SAL-2-PENSION"), "SAL-2");
    assert_eq!(catalogue_id("CHEF-4-SILENT-HOURS"), "CHEF-4-SILENT-HOURS");
    assert_eq!(catalogue_id("PROC-1"), "PROC-1");
}

#[test]
fn every_catalogue_rule_is_applied_or_listed_as_not_applied() {
    let ids = catalogue();
    assert_eq!(ids.len(), 221, "the shipped catalogue has 221 rule IDs");
    let rules = RuleSet::embedded();
    let applied = applied();
    let not_applied: BTreeSet<&str> = rules.not_applied.iter().map(|n| n.id.as_str()).collect();
    let mut missing = Vec::new();
    let mut both = Vec::new();
    for id in &ids {
        match (applied.contains(id), not_applied.contains(id.as_str())) {
            (false, false) => missing.push(id.clone()),
            (true, true) => both.push(id.clone()),
            _ => {}
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} rules are neither applied nor listed as not applied: {missing:?}",
        missing.len(),
        ids.len()
    );
    assert!(
        both.is_empty(),
        "applied in a plan and listed as not applied: {both:?}"
    );
    for n in &rules.not_applied {
        assert!(
            ids.contains(&n.id),
            "not_applied names {}, not in the catalogue",
            n.id
        );
    }
}

/// The script that refreshes the shipped list reads a catalogue's tables:
/// the bold IDs of its rows, CONTRA-* left out, sorted and unique (tried on a
/// small catalogue here, so the test needs no copy of the real one).
#[test]
fn the_catalogue_script_extracts_rule_ids_only() {
    let tmp = crate::Tmp::new("catalogue");
    let md = tmp.write(
        "RULES.md",
        "# Catalogue\n\n| ID | Rule |\n|---|---|\n| **PROC-1** | time |\n| **BIO-5** | where |\n\
         | **CONTRA-4** | two sentences |\n| **PROC-1** | again |\nText **NOT-AN-ID** in prose.\n",
    );
    let out = std::process::Command::new("bash")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/rule-catalogue-ids.sh"))
        .arg(&md)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "BIO-5\nPROC-1\n");
    let missing = std::process::Command::new("bash")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/rule-catalogue-ids.sh"))
        .arg(tmp.path("absent.md"))
        .output()
        .unwrap();
    assert_eq!(
        missing.status.code(),
        Some(3),
        "an unreadable file is an error, not an empty list"
    );
    // The shipped list is in the script's form: sorted, unique.
    let ids = catalogue();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted);
}
