//! Snapshot tests of the plans of `examples/`. Regenerate with
//! `UPDATE_SNAPSHOTS=1 cargo test --test integration snapshots`, then review the diff.

use std::path::Path;

use permit_core::{plan, Lang, Options, RuleSet, Situation};

fn snapshot(name: &str, lang: Lang) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples").join(name)).unwrap();
    let s = Situation::from_json(&text, name).unwrap();
    let p = plan(
        &s,
        RuleSet::embedded(),
        &Options {
            today: crate::date(crate::TODAY),
            lang,
        },
    );
    for r in p.all_reasons() {
        assert!(
            !r.quote.is_empty() && r.line > 0,
            "{name}: reason {} has no citation",
            r.rule
        );
    }
    let got = serde_json::to_string_pretty(&p).unwrap() + "\n";
    let suffix = if lang == Lang::Da { ".da" } else { "" };
    let file = root
        .join("tests/snapshots")
        .join(name.replace(".json", &format!("{suffix}.plan.json")));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&file, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&file).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with UPDATE_SNAPSHOTS=1",
            file.display()
        )
    });
    assert!(
        got == want,
        "plan of {name} differs from {}; run with UPDATE_SNAPSHOTS=1 and review the diff",
        file.display()
    );
}

macro_rules! snapshots {
    ($($test:ident => $file:literal),* $(,)?) => { $(
        #[test]
        fn $test() { snapshot($file, Lang::En); }
    )* };
}

snapshots! {
    ar1_researcher_family => "ar1-researcher-family.json",
    ar1_researcher_open_ended => "ar1-researcher-open-ended.json",
    ar6_athlete_part_time => "ar6-athlete-part-time.json",
    ar1_chef => "ar1-chef.json",
    ar9_pay_limit => "ar9-pay-limit.json",
    ar9_submitted_overdue => "ar9-submitted-overdue.json",
    ar9_supplementary => "ar9-supplementary.json",
    ar9_siq_artist => "ar9-siq-artist.json",
    not_covered_eu_employer => "not-covered-eu-employer.json",
    not_covered_self_employed => "not-covered-self-employed.json",
    not_covered_pay_limit_danish_employer => "not-covered-pay-limit-danish-employer.json",
    ar1_researcher_job_ended => "ar1-researcher-job-ended.json",
    ar9_pay_limit_long_assignment => "ar9-pay-limit-long-assignment.json",
    ar1_pay_limit_danish_employer => "ar1-pay-limit-danish-employer.json",
    ar1_researcher_passport_renewal => "ar1-researcher-passport-renewal.json",
    ar1_athlete_late_biometrics => "ar1-athlete-late-biometrics.json",
    ar1_researcher_long_stay_abroad => "ar1-researcher-long-stay-abroad.json",
    ar1_athlete_long_stay_abroad => "ar1-athlete-long-stay-abroad.json",
    ar9_pay_limit_several_stays => "ar9-pay-limit-several-stays.json",
}

/// Several stays a year on the service-provider route and changes within the
/// same company (issue 24), in Danish.
#[test]
fn danish_several_stays_snapshot() {
    snapshot("ar9-pay-limit-several-stays.json", Lang::Da);
}

/// A long stay abroad (issue 24): the researcher's exemption and the lapse
/// on 004, in Danish.
#[test]
fn danish_long_stay_abroad_snapshots() {
    snapshot("ar1-researcher-long-stay-abroad.json", Lang::Da);
    snapshot("ar1-athlete-long-stay-abroad.json", Lang::Da);
}

/// The extension dates after a passport renewal (issue 24), in Danish.
#[test]
fn danish_passport_renewal_snapshot() {
    snapshot("ar1-researcher-passport-renewal.json", Lang::Da);
}

/// A biometrics appointment after the 14 days (issue 24), in Danish.
#[test]
fn danish_late_biometrics_snapshot() {
    snapshot("ar1-athlete-late-biometrics.json", Lang::Da);
}

/// The Pay Limit hire with an employer in Denmark (AR1 from the 2011 page,
/// issue 24, item 3), in Danish.
#[test]
fn danish_pay_limit_danish_employer_snapshot() {
    snapshot("ar1-pay-limit-danish-employer.json", Lang::Da);
}

#[test]
fn danish_plan_snapshot() {
    snapshot("ar1-researcher-family.json", Lang::Da);
}

#[test]
fn danish_information_sections_snapshot() {
    snapshot("ar1-researcher-job-ended.json", Lang::Da);
}

#[test]
fn danish_overdue_snapshot() {
    snapshot("ar9-submitted-overdue.json", Lang::Da);
}

#[test]
fn danish_alternatives_snapshot() {
    snapshot("ar1-researcher-open-ended.json", Lang::Da);
}

#[test]
fn every_example_has_a_snapshot_test() {
    let src = include_str!("snapshots.rs");
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")).unwrap()
    {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".json") && name != "invalid.json" {
            assert!(
                src.contains(&format!("\"{name}\"")),
                "examples/{name} has no snapshot test"
            );
        }
    }
}

/// The UI tests' plan fixtures (`ui/tests/fixtures/*.plan.json`) are the
/// engine's real output for their situation (`ui/tests/fixtures/X.json`, else
/// `examples/X.json`), never hand copies: regenerated with the snapshots.
/// Every fixture is there in English and in Danish (`X.da.plan.json`), so
/// the UI tests walk every case in either language.
#[test]
fn ui_fixtures_are_the_engines_real_plans() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("ui/tests/fixtures");
    let mut stems: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".plan.json") {
            let stem = stem.strip_suffix(".da").unwrap_or(stem).to_owned();
            if !stems.contains(&stem) {
                stems.push(stem);
            }
        }
    }
    stems.sort();
    let mut checked = 0;
    // "Same employer, new hire" of each fixture's situation, as the service
    // decides it: the mock backend's duplicate returns these, never its own.
    let mut new_hires = Vec::new();
    for stem in &stems {
        let own = dir.join(format!("{stem}.json"));
        let source = if own.exists() {
            own
        } else {
            root.join("examples").join(format!("{stem}.json"))
        };
        let text = std::fs::read_to_string(&source)
            .unwrap_or_else(|e| panic!("{stem}: no situation {}: {e}", source.display()));
        let s = Situation::from_json(&text, stem).unwrap();
        let what = format!("the engine's output for {}", source.display());
        // Keyed by the situation file as the mock backend loads it.
        let from: serde_json::Value = serde_json::from_str(&text).unwrap();
        let to = permit_service::cases::for_new_hire(&serde_json::to_value(s.raw()).unwrap());
        new_hires.push(serde_json::json!({ "from": from, "to": to }));
        for (lang, name) in [
            (Lang::En, format!("{stem}.plan.json")),
            (Lang::Da, format!("{stem}.da.plan.json")),
        ] {
            let p = plan(
                &s,
                RuleSet::embedded(),
                &Options {
                    today: crate::date(crate::TODAY),
                    lang,
                },
            );
            let got = serde_json::to_string_pretty(&p).unwrap() + "\n";
            same_or_update(&dir.join(&name), &got, &what);
            checked += 1;
            if lang == Lang::En {
                // The case list's digest of the same case (as each language's
                // list shows it), and its morning group on the fixtures'
                // today, as the service layer keeps them: the
                // mock backend's case rows never work readiness out themselves.
                let digest = permit_core::digest::CaseDigest::of(&s, &p);
                let today = digest
                    .readiness
                    .as_ref()
                    .map(|f| f.on(crate::date(crate::TODAY)));
                // The list shows the missing documents in the screen's language.
                let mut da = digest.clone();
                da.readiness = da
                    .readiness
                    .map(|f| f.named_in(RuleSet::embedded(), Lang::Da));
                let got = serde_json::to_string_pretty(&serde_json::json!({
                    "today": crate::TODAY,
                    "digest": { "en": digest, "da": da },
                    "readiness": today,
                }))
                .unwrap()
                    + "\n";
                same_or_update(&dir.join(format!("{stem}.digest.json")), &got, &what);
            }
        }
    }
    assert!(checked >= 16, "{checked}");
    let got = serde_json::to_string_pretty(&new_hires).unwrap() + "\n";
    same_or_update(
        &dir.join("new-hire.json"),
        &got,
        "the service's situations for a new hire",
    );
}

/// Writes `got` to `file` with UPDATE_SNAPSHOTS=1, else asserts the file
/// holds exactly it (`what` it should be, for the message).
fn same_or_update(file: &Path, got: &str, what: &str) {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(file, got).unwrap();
    } else {
        assert!(
            std::fs::read_to_string(file).unwrap_or_default() == got,
            "{} is not {what}; run with UPDATE_SNAPSHOTS=1",
            file.display()
        );
    }
}

/// The questions the engine asks at each step of the UI tests' interviews
/// (`ui/tests/fixtures/interview-steps.json`: situations as the UI sends
/// them), written to `interview-steps.questions.json` for the UI tests' mock
/// backend: the interview shows the questions the engine asked, never a list
/// of the mock's own. Regenerated with the snapshots.
#[test]
fn ui_interview_questions_are_the_engines_real_questions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/tests/fixtures");
    let text = std::fs::read_to_string(dir.join("interview-steps.json")).unwrap();
    let steps: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for step in &steps {
        let situation = &step["situation"];
        let s = Situation::from_json(&situation.to_string(), "interview-steps.json").unwrap();
        let p = plan(
            &s,
            RuleSet::embedded(),
            &Options {
                today: crate::date(crate::TODAY),
                lang: Lang::En,
            },
        );
        out.push(serde_json::json!({
            "step": step["step"],
            "situation": situation,
            "questions": p.coverage.questions,
        }));
    }
    let got = serde_json::to_string_pretty(&out).unwrap() + "\n";
    let file = dir.join("interview-steps.questions.json");
    same_or_update(&file, &got, "the engine's questions");
    assert!(out.len() >= 5, "{}", out.len());
}

/// The amounts the UI tests type, as the core's one amount parser reads them
/// (`ui/tests/fixtures/amounts.json`): the UI tests' mock backend answers
/// with these, never with a parser of its own. Regenerated with the snapshots.
#[test]
fn ui_amounts_are_the_cores_parser() {
    const TYPED: [&str; 9] = [
        "abc",
        "48.500,00",
        "thirty",
        "37",
        "40.583,33",
        "40,583.33",
        "40.583.33",
        "487.000",
        "40583,33",
    ];
    let out: Vec<serde_json::Value> = TYPED
        .iter()
        .map(|t| match permit_core::situation::parse_amount_msg(t) {
            Ok(a) => serde_json::json!({ "text": t, "amount": a, "error": null, "error_da": null }),
            Err(e) => serde_json::json!({ "text": t, "amount": null, "error": e.render(Lang::En), "error_da": e.render(Lang::Da) }),
        })
        .collect();
    let got = serde_json::to_string_pretty(&out).unwrap() + "\n";
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/tests/fixtures/amounts.json");
    same_or_update(&file, &got, "the core's reading");
}

/// The dates the UI tests type, as the core's one date parser reads them
/// (`ui/tests/fixtures/dates.json`), for the UI tests' mock backend.
/// Regenerated with the snapshots.
#[test]
fn ui_dates_are_the_cores_parser() {
    const TYPED: [&str; 7] = [
        "02/30/2028",
        "02/03/2028",
        "01-03-2027",
        "30-02-2028",
        "15.01.2027",
        "30/06/2031",
        "31/06/2031",
    ];
    let out: Vec<serde_json::Value> = TYPED
        .iter()
        .map(|t| match permit_core::situation::parse_date_msg(t) {
            Ok(d) => serde_json::json!({ "text": t, "date": d, "error": null, "error_da": null }),
            Err(e) => serde_json::json!({ "text": t, "date": null, "error": e.render(Lang::En), "error_da": e.render(Lang::Da) }),
        })
        .collect();
    let got = serde_json::to_string_pretty(&out).unwrap() + "\n";
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/tests/fixtures/dates.json");
    same_or_update(&file, &got, "the core's reading");
}

/// The core's own words, in English and Danish, for the problems the UI
/// tests' mock backend reports (`ui/tests/fixtures/problems.json`): a salary
/// component without a kind or an amount (`Situation::check`), the two
/// bad rows of the mock's hires file (the CSV import), a job ending before it
/// starts with the service layer's headline of a refused situation, and its
/// checklist-template errors (none of that name, no name, no items, each
/// `{name}` and `{problem}` filled by the mock as the service fills them).
/// The mock answers with these, never with
/// texts of its own. Regenerated with the snapshots.
#[test]
fn ui_problems_are_the_cores_messages() {
    use permit_core::situation::RawSituation;
    let raw: RawSituation = serde_json::from_value(serde_json::json!({
        "salary": { "period": "month", "components": [ {} ] }
    }))
    .unwrap();
    let errors = Situation::check(raw).unwrap_err();
    let field = |f: &str| {
        let e = errors.iter().find(|e| e.field == f).unwrap();
        let t = e.text.as_ref().unwrap();
        serde_json::json!({ "en": t.render(Lang::En), "da": t.render(Lang::Da) })
    };
    let header =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hires.csv"))
            .unwrap();
    let header = header.lines().next().unwrap();
    let cols: Vec<&str> = header.split(',').collect();
    let row = |cells: &[(&str, &str)]| {
        cols.iter()
            .map(|c| cells.iter().find(|(k, _)| k == c).map_or("", |(_, v)| *v))
            .collect::<Vec<_>>()
            .join(",")
    };
    let base = [
        ("case_name", "X"),
        ("applicant_name", "X"),
        ("role", "employee"),
        ("scheme", "researcher"),
        ("employer_registered_in_denmark", "yes"),
        ("employer_location", "denmark"),
        ("job_start", "2027-03-01"),
    ];
    let with = |k: &'static str, v: &'static str| {
        let mut cells: Vec<(&str, &str)> = base.iter().filter(|(c, _)| *c != k).copied().collect();
        cells.push((k, v));
        row(&cells)
    };
    let csv = format!(
        "{header}\n{}\n{}\n{}\n{}\n{}\n",
        row(&base),
        with("planned_submission", "31-02-2026"),
        row(&base),
        row(&base),
        with("scheme", "Blue Card")
    );
    let parsed = permit_batch::hires::parse(csv.as_bytes(), "hires.csv");
    let problems: Vec<serde_json::Value> = parsed
        .problems
        .iter()
        .map(|p| {
            let t = p.text.as_ref().unwrap();
            serde_json::json!({ "row": p.row, "column": p.column,
                "en": t.render(Lang::En), "da": t.render(Lang::Da) })
        })
        .collect();
    assert_eq!(problems.len(), 2, "{}", parsed.report());
    // A job that ends before it starts, refused by the service layer in the
    // view's language: the field's words and the headline's catalogue text
    // (its `{n}` and `{first}` filled by the mock as the service fills them,
    // checked here against the service's own message).
    let mut job_end = serde_json::json!({ "job_start": "2027-03-01", "job_end": "2027-01-01" });
    let bad = serde_json::json!({ "format": 1, "dates": { "job_start": job_end["job_start"], "job_end": job_end["job_end"] } });
    let catalogue = |key: &str| {
        serde_json::json!({ "en": permit_core::messages::text(Lang::En, key, &[]),
            "da": permit_core::messages::text(Lang::Da, key, &[]) })
    };
    let headline = serde_json::json!({
        "one": catalogue("app.situation_invalid.one"),
        "other": catalogue("app.situation_invalid.other"),
    });
    for (lang, id) in [(Lang::En, "en"), (Lang::Da, "da")] {
        let view = permit_packet::workspace::View {
            lang,
            today: crate::date(crate::TODAY),
        };
        let e = permit_packet::workspace::Workspace::preview(&bad, view).unwrap_err();
        assert_eq!(e.lang, Some(lang));
        assert_eq!(e.fields.len(), 1, "{e:?}");
        let words = e.fields[0].message.clone();
        let one = headline["one"][id].as_str().unwrap();
        assert_eq!(e.message, one.replace("{first}", &words));
        job_end[id] = serde_json::Value::String(words);
    }
    let out = serde_json::json!({
        "case_file_duplicate": catalogue("app.case_file_duplicate.reference"),
        "component_kind": field("salary.components[0].kind"),
        "component_amount": field("salary.components[0].amount"),
        "import": problems,
        "job_end_before_start": job_end,
        "situation_invalid": headline,
        "template_not_found": catalogue("app.template_not_found"),
        "template_needs_name": catalogue("app.template_needs_name"),
        "template_invalid": catalogue("app.template_invalid"),
        "template_no_items": catalogue("template.no_items"),
    });
    let got = serde_json::to_string_pretty(&out).unwrap() + "\n";
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/tests/fixtures/problems.json");
    same_or_update(&file, &got, "the core's messages");
}
