//! A short, deterministic round of every fuzz target (the long run is
//! `cargo run --release -p permit-fuzz -- --inputs 1000000`, see
//! docs/security.md), and every regression input replayed.

use permit_fuzz::{run, run_one, run_with, seeds, Budget, Target};

#[test]
fn every_target_survives_a_short_round() {
    for target in Target::ALL {
        let inputs = match target {
            // The rules file is 45 KB: each round reloads and checks it.
            Target::Rules => 300,
            _ => 2_000,
        };
        let r = run(target, Budget::Inputs(inputs), 7);
        assert_eq!(r.inputs, inputs);
        let shown: Vec<String> = r
            .failures
            .iter()
            .map(|f| format!("{}: {:?}", f.what, String::from_utf8_lossy(&f.input)))
            .collect();
        assert!(shown.is_empty(), "{}: {shown:#?}", target.name());
        assert!(
            r.outcomes > 1,
            "{}: the round reached one outcome only",
            target.name()
        );
    }
}

#[test]
fn regression_inputs_no_longer_fail() {
    // Each file under regressions/<target>/ is an input that once panicked
    // or broke a promise (issue 9); seeds() includes them.
    let mut replayed = 0;
    for target in Target::ALL {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("regressions")
            .join(target.name());
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let input = std::fs::read(e.path()).unwrap();
            let outcome = std::panic::catch_unwind(|| run_one(target, &input));
            assert!(
                matches!(outcome, Ok(Ok(_))),
                "{}: {outcome:?}",
                e.path().display()
            );
            replayed += 1;
        }
    }
    assert!(replayed >= 6, "regression inputs replayed: {replayed}");
}

#[test]
fn the_harness_reports_panics_and_broken_promises_with_their_input() {
    let r = run_with(Target::Situation, Budget::Inputs(200), 3, |_, input| {
        if input.contains(&b'{') && input.len() % 3 == 0 {
            panic!("boom");
        }
        if input.len() % 3 == 1 {
            return Err("broken".into());
        }
        Ok(input.len().to_string())
    });
    assert_eq!(r.inputs, 200);
    assert!(
        r.failures.iter().any(|f| f.what == "panic: boom"),
        "{:?}",
        r.failures
    );
    assert!(r.failures.iter().any(|f| f.what == "broken"));
    assert!(r.failures.iter().all(|f| !f.input.is_empty()));
    assert!(!seeds(Target::Csv).is_empty());
}
