//! The many-cases commands of the `permit-packet` binary: import (and a
//! process killed in the middle of one), batch, ics, case files, templates.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use permit_store::{ListFilter, Sort, Store as _};

use crate::Tmp;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_permit-packet"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    crate::keyed(&mut c);
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn count(store: &Path) -> usize {
    crate::open_store(store)
        .unwrap()
        .list_cases(&ListFilter::default(), Sort::Name)
        .unwrap()
        .len()
}

/// `n` valid rows (from the example's rows, renamed).
fn hires(n: usize) -> String {
    let example = std::fs::read_to_string("examples/hires.csv").unwrap();
    let mut lines = example.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let mut o = format!("{header}\n");
    for i in 0..n {
        let row = rows[i % rows.len()];
        o.push_str(&format!("Hire {i} {row}\n"));
    }
    o
}

#[test]
fn import_all_or_nothing_or_valid_rows_and_the_template() {
    let t = Tmp::new("import");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let mut csv = hires(30);
    csv = csv.replacen(",researcher,", ",astronaut,", 1);
    csv = csv.replacen(",2027-04-01,", ",2027-02-30,", 1);
    let file = t.path("hires.csv");
    std::fs::write(&file, &csv).unwrap();
    let f = file.to_str().unwrap();

    let (code, _, err) = run(&["import", f, "--store", s, "--today", "2026-11-23"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("2 problems in hires.csv (imported nothing; all or nothing"),
        "{err}"
    );
    assert!(
        err.contains(
            "column `scheme`: “astronaut” is not an accepted value; expected “Researcher”"
        ),
        "{err}"
    );
    assert!(err.contains("column `job_start`: “2027-02-30”"), "{err}");
    assert_eq!(count(&store), 0);

    let (code, _, err) = run(&["import", f, "--valid-rows", "--store", s]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("imported 28 cases"), "{err}");
    assert_eq!(count(&store), 28);

    let (code, out, _) = run(&["import", "--template"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("case_name,reference,applicant_name,"));
    let p = permit_batch::hires::parse(out.as_bytes(), "template.csv");
    assert!(p.problems.is_empty() && p.rows.len() == 1);

    let (code, out, _) = run(&["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("imported 10 cases"), "{out}");
    let (code, out, _) = run(&["cases", "--store", s]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1 + 38);
}

#[test]
fn a_process_killed_during_an_import_leaves_the_store_as_it_was() {
    let t = Tmp::new("kill");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let (code, _, err) = run(&["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{err}");
    let before: Vec<_> = crate::open_store(&store)
        .unwrap()
        .list_cases(&ListFilter::default(), Sort::Name)
        .unwrap();
    assert_eq!(before.len(), 10);

    let file = t.path("big.csv");
    std::fs::write(&file, hires(2000)).unwrap();
    let marker = t.path("paused");
    let mut child = bin()
        .args(["import", file.to_str().unwrap(), "--store", s])
        .env(permit_store::TEST_PAUSE_IMPORT_ENV, &marker)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The child stops inside the open transaction, half the rows inserted.
    let start = Instant::now();
    while !marker.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the import never reached its middle"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no rollback by the process
    let status = child.wait().unwrap();
    assert!(!status.success());

    let after: Vec<_> = crate::open_store(&store)
        .unwrap()
        .list_cases(&ListFilter::default(), Sort::Name)
        .unwrap();
    assert_eq!(after, before, "nothing of the killed import is left");
    // And the workspace works on: the same import, not killed, completes.
    let (code, out, err) = run(&["import", file.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("imported 2000 cases"), "{out}");
    assert_eq!(count(&store), 2010);
}

#[test]
fn batch_ics_case_files_and_templates() {
    let t = Tmp::new("batch");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let items = t.path("items.txt");
    std::fs::write(&items, "Signed lease\nInternal approval\n").unwrap();
    let (code, out, err) = run(&[
        "template",
        "save",
        "Agency",
        items.to_str().unwrap(),
        "--store",
        s,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("saved template `Agency` (2 items)"));
    let (code, _, err) = run(&[
        "import",
        "examples/hires.csv",
        "--apply-template",
        "Agency",
        "--store",
        s,
    ]);
    assert_eq!(code, 0, "{err}");
    let st = crate::open_store(&store).unwrap();
    let rec = st.get_case(1).unwrap();
    assert!(
        rec.situation_json.contains("\"name\":\"Signed lease\""),
        "{}",
        rec.situation_json
    );
    // The app's digest is stored beside each imported case.
    let digest: serde_json::Value = serde_json::from_str(&rec.digest_json).unwrap();
    assert_eq!(digest["forms"][0], "AR1");
    assert!(digest["total"].as_u64().unwrap() >= 2);
    drop(st);

    let out_dir = t.path("out");
    let (code, out, err) = run(&[
        "batch",
        "--out",
        out_dir.to_str().unwrap(),
        "--store",
        s,
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("exported 10 cases"), "{out}");
    let pdfs = std::fs::read_dir(&out_dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    assert_eq!(pdfs, 10);
    assert!(std::fs::read(out_dir.join("ana-silva-researcher-1.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 11);

    let ics = t.path("d.ics");
    let (code, out, err) = run(&[
        "ics",
        "--case",
        "2",
        "-o",
        ics.to_str().unwrap(),
        "--store",
        s,
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&ics).unwrap();
    let events = text.matches("BEGIN:VEVENT").count();
    assert!(
        out.contains(&format!("{events} deadlines of 1 case")),
        "{out}"
    );
    assert!(text.contains("UID:case-2-biometrics@permitpacket"));

    let file = t.path("case.json");
    let (code, _, err) = run(&[
        "case",
        "export",
        "2",
        "-o",
        file.to_str().unwrap(),
        "--store",
        s,
    ]);
    assert_eq!(code, 0, "{err}");
    let other = t.path("other.sqlite3");
    let (code, out, err) = run(&[
        "case",
        "import",
        file.to_str().unwrap(),
        "--store",
        other.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported case 1 (Rahul Mehta - AR9)"), "{out}");
    let a = crate::open_store(&store).unwrap().get_case(2).unwrap();
    let b = crate::open_store(&other).unwrap().get_case(1).unwrap();
    assert_eq!(
        (a.name, a.situation_json, a.notes),
        (b.name, b.situation_json, b.notes)
    );

    let newer = t.path("newer.json");
    std::fs::write(
        &newer,
        std::fs::read_to_string(&file)
            .unwrap()
            .replace("\"version\": 1", "\"version\": 9"),
    )
    .unwrap();
    let (code, _, err) = run(&["case", "import", newer.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 1);
    assert!(
        err.contains("version 9, written by a newer Permit Packet"),
        "{err}"
    );
}

/// Issue 25, item 6: `case import` of a file whose case is already in the
/// workspace (same reference) asks with `--on-duplicate ask` (nothing
/// imported, the case named), skips, updates that case, or (the default,
/// as `import` does) imports a new case and names the match.
#[test]
fn a_case_file_of_a_case_already_here_is_asked_about_skipped_updated_or_imported_as_new() {
    let t = Tmp::new("case-file-duplicate");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let (code, _, err) = run(&["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{err}");
    let n = count(&store);
    let file = t.path("rahul.permit-case.json");
    let f = file.to_str().unwrap();
    let (code, _, err) = run(&["case", "export", "2", "-o", f, "--store", s]);
    assert_eq!(code, 0, "{err}");
    let import = |how: &[&str]| {
        let mut args = vec!["case", "import", f, "--store", s];
        args.extend_from_slice(how);
        run(&args)
    };

    let (code, out, err) = import(&["--on-duplicate", "ask"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("the same reference as case 2 (“Rahul Mehta - AR9”)")
            && err.contains("Nothing was imported")
            && err.contains("--on-duplicate skip, update or new"),
        "{err}"
    );
    assert_eq!(count(&store), n, "asked: nothing imported");

    let (code, out, err) = import(&["--on-duplicate", "skip"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("imported nothing: ")
            && out.contains("matches case 2 (Rahul Mehta - AR9), same reference"),
        "{out}"
    );
    assert_eq!(count(&store), n);

    let (code, out, err) = import(&["--on-duplicate", "update"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("updated case 2 (Rahul Mehta - AR9), same reference"),
        "{out}"
    );
    assert_eq!(count(&store), n, "no second case");

    // Without a choice: a new case, as `import` does, the match named.
    let (code, out, err) = import(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("imported case {}", n + 1)), "{out}");
    assert!(
        err.contains("matches case 2 (Rahul Mehta - AR9), same reference"),
        "{err}"
    );
    assert_eq!(count(&store), n + 1);

    let (code, out, _) = run(&["case", "import", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--on-duplicate <WHAT>"), "{out}");
    let (_, out, _) = run(&["case", "import", "--help", "--lang", "da"]);
    assert!(out.contains("svarer til en sag"), "{out}");
}

#[test]
fn cases_are_searched_by_reference_applicant_and_employer_and_list_their_reference() {
    let t = Tmp::new("search");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let (code, _, err) = run(&["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{err}");
    let search = |text: &str| {
        let (code, out, err) = run(&["cases", "--store", s, "--search", text]);
        assert_eq!(code, 0, "{err}");
        out.lines().skip(1).map(str::to_owned).collect::<Vec<_>>()
    };
    let lucia = search("lucia");
    assert_eq!(lucia.len(), 1, "{lucia:?}");
    assert!(
        lucia[0].contains("HR-2027-004") && lucia[0].contains("Lucía Fernández"),
        "{lucia:?}"
    );
    assert_eq!(search("hr-2027-009").len(), 1, "by reference");
    assert_eq!(search("KØBENHAVNS").len(), 1, "by employer, any case");
    assert_eq!(search("hr-2027-0").len(), 10);
    assert!(search("hr-2027-011").is_empty());
}

#[test]
fn the_case_list_columns_line_up_with_their_header() {
    // The status column is an enum: its width in the format string must
    // apply (a script reads the name from its column).
    let t = Tmp::new("columns");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let (code, _, err) = run(&["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["cases", "--store", s]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    let (status_at, ref_at, name_at) = (
        header.find("status").unwrap(),
        header.find("reference").unwrap(),
        header.find("name").unwrap(),
    );
    let mut rows = 0;
    for line in lines {
        assert!(line[status_at..].starts_with("active"), "{line}");
        assert!(line[ref_at..].starts_with("HR-2027-"), "{line}");
        assert!(!line[name_at..].starts_with(' '), "{line}");
        assert_eq!(&line[name_at - 2..name_at], "  ", "{line}");
        rows += 1;
    }
    assert_eq!(rows, 10);
}

#[test]
fn cases_ready_filters_by_readiness_on_the_day_and_counts_every_group() {
    let t = Tmp::new("ready");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let (code, _, err) = run(&["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["cases", "--store", s, "--today", "2026-11-23"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().count(),
        1 + 10,
        "the table alone on standard output"
    );
    // Two of the ten rows are outside the pages.
    assert!(
        err.contains("ready on 2026-11-23: ") && err.contains("not_covered 2"),
        "{err}"
    );
    let ready = |group: &str| {
        let (code, out, err) = run(&[
            "cases",
            "--store",
            s,
            "--today",
            "2026-11-23",
            "--ready",
            group,
        ]);
        assert_eq!(code, 0, "{err}");
        out.lines().skip(1).filter(|l| !l.is_empty()).count()
    };
    assert_eq!(ready("not_covered"), 2);
    let groups = [
        "may_submit_now",
        "waiting_documents",
        "not_yet",
        "not_covered",
        "needs_answers",
        "blocked",
        "submitted",
    ];
    let sum: usize = groups.iter().map(|g| ready(g)).sum();
    assert_eq!(sum, 10, "every case is in one group");
    let (code, _, err) = run(&["cases", "--store", s, "--ready", "soon"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("--ready `soon`: expected one of may_submit_now"),
        "{err}"
    );
}

#[test]
fn a_reimport_names_the_matching_rows_and_does_what_on_duplicate_says() {
    let t = Tmp::new("reimport");
    let store = t.path("w.sqlite3");
    let s = store.to_str().unwrap();
    let import = |choice: Option<&str>| {
        let mut args = vec!["import", "examples/hires.csv", "--store", s];
        args.extend(choice.map(|c| ["--on-duplicate", c]).into_iter().flatten());
        run(&args)
    };
    let (code, out, err) = import(None);
    assert_eq!(code, 0, "{err}");
    // Per outcome, with the rows no page covers named.
    assert!(out.starts_with("imported 10 cases"), "{out}");
    assert!(out.contains("form found: 8 cases"), "{out}");
    assert!(
        out.contains("not covered by the pages (no form): 2 cases: row 6 (Oluwaseun Adeyemi - pay limit), row 7 (Mei Lin - supplementary)"),
        "{out}"
    );
    assert!(
        !out.contains("case(s)") && !err.contains("note:"),
        "{out}{err}"
    );

    let (code, _, err) = import(Some("ask"));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("10 rows of hires.csv match cases already in the workspace; imported nothing"),
        "{err}"
    );
    assert!(
        err.contains("row 5 (Lucía Fernández - researcher) = case 4 (Lucía Fernández - researcher), same reference"),
        "{err}"
    );
    assert_eq!(count(&store), 10);

    let (code, out, err) = import(Some("skip"));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("imported nothing\nskipped 10 rows"),
        "{out}"
    );
    assert_eq!(count(&store), 10);

    let (code, out, err) = import(Some("update"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("updated 10 cases from their rows"), "{out}");
    assert_eq!(count(&store), 10);

    // Without a choice: imported as new (as before), the matches named.
    let (code, out, err) = import(None);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("imported 10 cases (ids 11–20)"), "{out}");
    assert!(
        err.contains(
            "note: 10 rows match cases already in the workspace and were imported as new cases"
        ),
        "{err}"
    );
    assert_eq!(count(&store), 20);

    let (code, _, err) = import(Some("merge"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("expected `skip`, `update`, `new` or `ask`"),
        "{err}"
    );
}
