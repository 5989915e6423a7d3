//! One answer per question (issue 24, item 1): every date or amount a plan
//! states in more than one section comes from one computation, so no two
//! sections of one plan disagree. Checked over the examples, the situation
//! grid (`coverage::situation_grid`, ~3,000 situations) and a grid of job and
//! passport dates on every page, in English and Danish.

use permit_core::format::{date as fdate, money};
use permit_core::{engine::plan, Lang, Options, Plan, RuleSet, Situation};
use serde_json::{json, Value};

/// Every pair of statements of `p` about one quantity that disagree
/// (empty when the plan is consistent).
pub fn disagreements(s: &Situation, p: &Plan) -> Vec<String> {
    let lang = p.language;
    let mut out = Vec::new();
    let deadline = |id: &str| p.deadlines.iter().find(|d| d.id == id);
    let note = |notes: &[permit_core::plan::Note], id: &str| {
        notes.iter().find(|n| n.id == id).map(|n| n.message.clone())
    };
    // The permit's end: the latest possible expiry, the after-grant
    // section's first permit, the passport warning.
    if let Some(d) = deadline("latest_permit_expiry") {
        let dd = fdate(lang, d.date);
        if let Some(m) = note(&p.after_grant, "first_permit") {
            if !m.contains(&dd) {
                out.push(format!(
                    "latest permit expiry {dd}, but the after-grant section says: {m}"
                ));
            }
        }
        if let Some(w) = p
            .warnings
            .iter()
            .find(|w| w.id == "passport_shortens_permit")
        {
            if !w.message.contains(&dd) {
                out.push(format!(
                    "latest permit expiry {dd}, but the warning says: {}",
                    w.message
                ));
            }
        }
        // Never past the employment the after-grant section gives it for.
        if let (Some(start), Some(end)) = (s.dates.job_start, s.dates.job_end) {
            if start.0 <= end.0
                && p.after_grant.iter().any(|n| n.id == "first_permit")
                && d.date > end.0
            {
                out.push(format!(
                    "latest permit expiry {dd} is after the job's end {}",
                    fdate(lang, end.0)
                ));
            }
        }
    } else if p
        .warnings
        .iter()
        .any(|w| w.id == "passport_shortens_permit")
    {
        out.push("a passport warning without the latest permit expiry".into());
    }
    // The permit's start: one date, or the readings side by side, never both.
    if deadline("permit_start").is_some() && p.checks.iter().any(|c| c.id == "permit_start") {
        out.push("the permit start both as a date and as alternatives".into());
    }
    // The job-seeking permit's apply-by date.
    match (
        deadline("job_seeking"),
        note(&p.if_job_ends, "job_seeking_apply_by"),
    ) {
        (Some(d), Some(m)) if !m.contains(&fdate(lang, d.date)) => out.push(format!(
            "job-seeking deadline {}, but the section says: {m}",
            d.date
        )),
        (Some(_), None) | (None, Some(_)) => {
            out.push("the job-seeking date in one section only".into())
        }
        _ => {}
    }
    // The next steps' dates are the deadlines' dates.
    for step in &p.next_steps {
        if let Some(date) = step.date {
            if !p.deadlines.iter().any(|d| d.date == date) {
                out.push(format!("next step {} on {date}, no deadline then", step.id));
            }
        }
    }
    for (step, deadline_id) in [
        ("submission_window", "earliest_submission"),
        ("biometrics", "biometrics"),
    ] {
        if let (Some(st), Some(d)) = (
            p.next_steps.iter().find(|n| n.id == step),
            deadline(deadline_id),
        ) {
            if st.date.is_some_and(|x| x != d.date) {
                out.push(format!(
                    "next step {step} {:?} against deadline {}",
                    st.date, d.date
                ));
            }
            // These two steps state their date in words too.
            if st.date.is_some() && !st.text.contains(&fdate(lang, d.date)) {
                out.push(format!(
                    "deadline {} but next step {step} says: {}",
                    d.date, st.text
                ));
            }
        }
    }
    // The fee: its section and the next step state one amount.
    if let Some(amount) = p.fee.as_ref().and_then(|f| f.amount_dkk) {
        let m = money(lang, amount);
        if !p.fee.as_ref().is_some_and(|f| f.message.contains(&m)) {
            out.push(format!("fee {m} not in its own message"));
        }
        if let Some(st) = p.next_steps.iter().find(|n| n.id == "fee") {
            if !st.text.contains(&m) {
                out.push(format!("fee {m}, but the next step says: {}", st.text));
            }
        }
    }
    out
}

/// Job and passport dates across the caps (shorter, equal to, longer than
/// 1, 4 and 5 years) and passports that do and do not shorten the permit,
/// on every page, from abroad (with and without the declaration) and from
/// Denmark.
pub fn date_grid() -> Vec<Value> {
    let mut out = Vec::new();
    let routes = [
        crate::researcher(),
        crate::athlete(),
        crate::service_provider(),
        crate::with(
            crate::service_provider(),
            json!({ "scheme": "special_individual_qualifications", "siq_category": "artist" }),
        ),
    ];
    let ends = [
        "2027-05-01",
        "2028-02-28",
        "2028-02-29",
        "2029-03-01",
        "2031-02-27",
        "2031-02-28",
        "2031-12-31",
        "2032-02-28",
        "2036-01-01",
    ];
    let passports = [
        None,
        Some("2027-06-01"),
        Some("2028-03-01"),
        Some("2031-06-01"),
        Some("2040-01-01"),
    ];
    let froms = [
        json!({ "applying_from": "abroad", "self_support_declaration": true }),
        json!({ "applying_from": "abroad", "self_support_declaration": false }),
        json!({ "applying_from": "abroad" }),
        json!({ "applying_from": "denmark" }),
    ];
    for route in &routes {
        for end in ends {
            for passport in passports {
                for from in &froms {
                    let mut v = crate::with(route.clone(), from.clone());
                    crate::merge(
                        &mut v,
                        json!({ "dates": { "job_end": end, "passport_expiry": passport } }),
                    );
                    out.push(v);
                }
            }
        }
    }
    out
}

#[test]
fn no_two_sections_of_a_plan_disagree() {
    let rules = RuleSet::embedded();
    let mut texts: Vec<(String, String)> = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(root.join("examples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") && !p.ends_with("invalid.json") {
            texts.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    for (i, v) in crate::coverage::situation_grid()
        .into_iter()
        .chain(date_grid())
        .enumerate()
    {
        texts.push((format!("situation {i}: {v}"), v.to_string()));
    }
    assert!(texts.len() > 3000, "{}", texts.len());
    let mut problems = Vec::new();
    let mut stated = 0usize;
    for (name, text) in &texts {
        let s = Situation::from_json(text, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        for lang in [Lang::En, Lang::Da] {
            let p = plan(
                &s,
                rules,
                &Options {
                    today: crate::date(crate::TODAY),
                    lang,
                },
            );
            stated += usize::from(p.deadlines.iter().any(|d| d.id == "latest_permit_expiry"));
            for d in disagreements(&s, &p) {
                if problems.len() < 20 {
                    problems.push(format!("{name} ({lang:?}): {d}"));
                }
            }
        }
    }
    // The grid reaches the statements compared.
    assert!(stated > 1000, "{stated}");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The check itself fails on a plan whose sections disagree: the
/// special-qualifications plan before issue 24 stated a latest expiry from
/// the passport alone, past the contract the after-grant section gives.
#[test]
fn the_consistency_check_can_fail() {
    let v = crate::with(
        crate::athlete(),
        json!({ "applying_from": "denmark", "dates": { "job_end": "2028-01-31", "passport_expiry": "2031-01-01" } }),
    );
    let s = Situation::from_json(&v.to_string(), "t.json").unwrap();
    let mut p = crate::plan_of(&v);
    assert!(
        disagreements(&s, &p).is_empty(),
        "{:#?}",
        disagreements(&s, &p)
    );
    let d = p
        .deadlines
        .iter_mut()
        .find(|d| d.id == "latest_permit_expiry")
        .expect("the latest expiry");
    // The contract's end binds, not the passport (3 months before 1 Jan 2031).
    assert_eq!(d.date, crate::date("2028-01-31"));
    d.date = crate::date("2030-10-01");
    let found = disagreements(&s, &p);
    assert!(
        found.iter().any(|f| f.contains("after-grant")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.contains("after the job's end")),
        "{found:#?}"
    );
}
