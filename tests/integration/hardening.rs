//! Issue 9: nothing a user types, imports or opens can crash the app, leak a
//! file or destroy the workspace. One test per defect found on `main`, each
//! through the front end where it was found.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::*;

fn run(args: &[&str]) -> (i32, String, String) {
    run_env(args, &[])
}

fn run_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_permit-packet"));
    c.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    keyed(&mut c);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

const HIRES_HEADER: &str = "case_name,reference,applicant_name,applicant_birth_date,role,scheme,siq_category,employer_name,employer_registered_in_denmark,employer_location,employer_country,power_of_attorney,applying_from,planned_submission,job_start,job_end,passport_expiry,salary_period,salary_cash,salary_pension,hours_per_week,has_mitid";

fn hire(name: &str, submission: &str, cash: &str) -> String {
    format!("{name},R-{name},{name},1990-01-01,employee,researcher,,Uni,yes,denmark,Denmark,none,abroad,{submission},2027-06-01,,2031-01-01,month,\"{cash}\",,37,yes")
}

// 1. Salary components whose sum exceeds a decimal's range panicked.
#[test]
fn huge_salary_components_are_refused_with_the_field_named_not_a_panic() {
    let t = Tmp::new("overflow");
    let s = with(
        service_provider(),
        json!({ "salary": { "period": "month", "components": [
            { "kind": "cash", "amount": "79228162514264337593543950335" },
            { "kind": "pension_employee", "amount": "1" } ] } }),
    );
    let file = t.write("s.json", &s.to_string());
    for cmd in ["plan", "explain"] {
        let (code, _, err) = run(&[cmd, file.to_str().unwrap()]);
        assert_eq!(code, 1, "{cmd}: {err}");
        assert!(err.contains("salary.components[0].amount"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // Within the amount limit each, but not a plausible salary together.
    let s = with(
        service_provider(),
        json!({ "salary": { "period": "month", "components": [
            { "kind": "cash", "amount": "9000000" } ] } }),
    );
    let e = Situation::from_json(&s.to_string(), "s.json").unwrap_err();
    assert_eq!(e.errors[0].field, "salary.components");
    assert!(e.to_string().contains("100,000,000"), "{e}");
    // DKK 100 million a year exactly is still a salary; one øre more is not.
    let year = |amount: &str| {
        with(
            service_provider(),
            json!({ "salary": { "period": "year", "components": [ { "kind": "cash", "amount": amount } ] } }),
        )
    };
    assert!(Situation::from_json(&year("100000000.00").to_string(), "s.json").is_ok());
    assert!(Situation::from_json(&year("100000000.01").to_string(), "s.json").is_err());

    // The same in a CSV import: a row problem naming the column, no panic.
    let csv = t.write(
        "h.csv",
        &format!(
            "{HIRES_HEADER}\n{}\n{}\n",
            hire("Ok", "2027-01-10", "45000"),
            hire("Huge", "2027-01-10", "79228162514264337593543950335")
        ),
    );
    let store = t.path("w.sqlite3");
    let (code, out, err) = run(&[
        "import",
        csv.to_str().unwrap(),
        "--valid-rows",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("row 3") && err.contains("salary_cash"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

// 2. Over-precise amounts were rounded before the two-decimals check.
#[test]
fn more_than_two_decimals_are_refused_as_written_not_after_rounding() {
    for amount in [
        json!("40583.329999999999999999999999999"),
        json!("40583.333"),
        json!("4.0583333e4"),
    ] {
        let s = with(
            service_provider(),
            json!({ "salary": { "period": "month", "components": [ { "kind": "cash", "amount": amount } ] } }),
        );
        let e = Situation::from_json(&s.to_string(), "s.json").unwrap_err();
        assert!(
            e.to_string().contains("more than two decimals"),
            "{amount}: {e}"
        );
    }
    // As a JSON number too: serde would round it to 40583.33 as a float.
    let text = r#"{"role":"service_provider","scheme":"pay_limit","employer":{"registered_in_denmark":false,"location":"non_eu"},
        "salary":{"period":"month","components":[{"kind":"cash","amount":40583.329999999999999999999999999}]}}"#;
    let e = Situation::from_json(text, "s.json").unwrap_err();
    assert!(e.to_string().contains("more than two decimals"), "{e}");
    assert_eq!(e.errors[0].field, "salary.components[0].amount");
    // Exactly two decimals, trailing zeros, and exponents that land on two decimals pass.
    for ok in ["40583.33", "40583.330000", "4.058333e4", "40583"] {
        let s = with(
            service_provider(),
            json!({ "salary": { "period": "month", "components": [ { "kind": "cash", "amount": ok } ] } }),
        );
        assert!(
            Situation::from_json(&s.to_string(), "s.json").is_ok(),
            "{ok}"
        );
    }
}

// 7. A far-future date sank the whole import with no row or column.
#[test]
fn a_date_outside_1900_to_2200_is_a_row_problem_and_the_other_rows_import() {
    let t = Tmp::new("far-date");
    let csv = t.write(
        "h.csv",
        &format!(
            "{HIRES_HEADER}\n{}\n{}\n",
            hire("Ok", "2027-01-10", "45000"),
            hire("Far", "20-12-9999", "45000")
        ),
    );
    let store = t.path("w.sqlite3");
    let (code, out, err) = run(&[
        "import",
        csv.to_str().unwrap(),
        "--valid-rows",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "problems are reported: {out}{err}");
    assert!(
        err.contains("row 3") && err.contains("planned_submission"),
        "{err}"
    );
    assert!(err.contains("2200"), "the limit is named: {err}");
    let (_, listed, _) = run(&["cases", "--store", store.to_str().unwrap()]);
    assert!(listed.contains("Ok") && !listed.contains("Far"), "{listed}");

    // In a situation file, at the boundaries.
    let at = |d: &str| with(researcher(), json!({ "applicant": { "birth_date": d } }));
    assert!(Situation::from_json(&at("1900-01-01").to_string(), "s.json").is_ok());
    assert!(Situation::from_json(&at("1899-12-31").to_string(), "s.json").is_err());
    let late = |d: &str| with(researcher(), json!({ "dates": { "job_start": d } }));
    assert!(Situation::from_json(&late("2200-12-31").to_string(), "s.json").is_ok());
    let e = Situation::from_json(&late("2201-01-01").to_string(), "s.json").unwrap_err();
    assert_eq!(e.errors[0].field, "dates.job_start");
}

// 8. Trailing garbage after the situation was ignored.
#[test]
fn anything_after_the_situation_is_refused() {
    let t = Tmp::new("garbage");
    let file = t.write("s.json", "{\"role\":\"employee\"} GARBAGE");
    let out = t.path("o.pdf");
    for args in [
        vec!["plan", file.to_str().unwrap()],
        vec!["explain", file.to_str().unwrap()],
        vec!["pdf", file.to_str().unwrap(), "-o", out.to_str().unwrap()],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("s.json:1:"), "{err}");
        assert!(err.contains("trailing characters"), "{err}");
    }
    assert!(!out.exists());
    // White space after it is fine.
    assert!(Situation::from_json("{\"role\":\"employee\"}\n\n  ", "s.json").is_ok());
}

/// A workspace with the example hires imported (10 cases).
fn store_with_hires(t: &Tmp) -> PathBuf {
    let store = t.path("ws.sqlite3");
    let (code, out, err) = run(&[
        "import",
        "examples/hires.csv",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    store
}

fn count_cases(store: &Path) -> usize {
    use permit_store::Store as _;
    open_store(store)
        .unwrap()
        .list_cases(
            &permit_store::ListFilter::default(),
            permit_store::Sort::Name,
        )
        .unwrap()
        .len()
}

// 3. An output could overwrite the workspace or the input.
#[test]
fn an_output_never_replaces_the_workspace_or_the_input() {
    let t = Tmp::new("overwrite");
    let store = store_with_hires(&t);
    let s = store.to_str().unwrap();
    let before = std::fs::read(&store).unwrap();
    for args in [
        vec!["ics", "-o", s, "--store", s],
        vec!["ics", "-o", s, "--store", s, "--force"],
        vec!["case", "export", "1", "-o", s, "--store", s, "--force"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(err.contains("workspace's own file"), "{err}");
    }
    let wal = format!("{s}-wal");
    let (code, _, err) = run(&["ics", "-o", &wal, "--store", s, "--force"]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(std::fs::read(&store).unwrap(), before);
    assert_eq!(count_cases(&store), 10);

    // The input of `pdf`.
    let input = t.write("s.json", &researcher().to_string());
    let text = std::fs::read_to_string(&input).unwrap();
    let i = input.to_str().unwrap();
    let (code, _, err) = run(&["pdf", i, "-o", i, "--force"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("input file"), "{err}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), text);

    // An existing file of the same kind: only with --force; of another kind: never.
    let pdf = t.path("c.pdf");
    let p = pdf.to_str().unwrap();
    assert_eq!(run(&["pdf", i, "-o", p]).0, 0);
    let (code, _, err) = run(&["pdf", i, "-o", p]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(run(&["pdf", i, "-o", p, "--force"]).0, 0);
    let notes = t.write("notes.txt", "my notes");
    let (code, _, err) = run(&["pdf", i, "-o", notes.to_str().unwrap(), "--force"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("is not a PDF"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
}

// 4. Personal data was readable by other users (umask 022).
#[test]
fn the_workspace_and_every_export_are_private() {
    let t = Tmp::new("modes");
    // A data folder that does not exist yet, as on a first start.
    let data = t.path("share").join("permit-packet");
    let store = data.join("workspace.sqlite3");
    let s = store.to_str().unwrap();
    let (code, out, err) = run(&["import", "examples/hires.csv", "--store", s]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(mode(&data), 0o700, "a folder made for the workspace");
    assert_eq!(mode(&store), 0o600);
    for suffix in ["-wal", "-shm"] {
        let f = PathBuf::from(format!("{s}{suffix}"));
        if f.exists() {
            assert_eq!(mode(&f), 0o600, "{f:?}");
        }
    }
    // The app's own data folder (XDG_DATA_HOME), also when it existed with 0755.
    let xdg = t.path("xdg");
    std::fs::create_dir_all(xdg.join("permit-packet")).unwrap();
    std::fs::set_permissions(
        xdg.join("permit-packet"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let (code, _, err) = run_env(&["cases"], &[("XDG_DATA_HOME", xdg.to_str().unwrap())]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&xdg.join("permit-packet")), 0o700);
    assert_eq!(
        mode(&xdg.join("permit-packet").join("workspace.sqlite3")),
        0o600
    );

    let ics = t.path("d.ics");
    let case = t.path("case.json");
    let out = t.path("export");
    let pdf = t.path("c.pdf");
    let input = t.write("s.json", &researcher().to_string());
    for args in [
        vec!["ics", "-o", ics.to_str().unwrap(), "--store", s],
        vec![
            "case",
            "export",
            "1",
            "-o",
            case.to_str().unwrap(),
            "--store",
            s,
        ],
        vec!["batch", "--out", out.to_str().unwrap(), "--store", s],
        vec!["pdf", input.to_str().unwrap(), "-o", pdf.to_str().unwrap()],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    assert_eq!(mode(&out), 0o700, "the export folder made for it");
    let mut files = vec![ics.clone(), case, pdf.clone()];
    for e in std::fs::read_dir(&out).unwrap() {
        files.push(e.unwrap().path());
    }
    assert!(files.len() > 20, "{files:?}");
    for f in &files {
        assert_eq!(mode(f), 0o600, "{f:?}");
    }
    // Re-exporting over a private file keeps it private.
    let (code, _, err) = run(&[
        "pdf",
        input.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&pdf), 0o600);
}

/// A workspace whose cases are named `names` (through a CSV import).
fn store_with_names(t: &Tmp, names: &[&str]) -> PathBuf {
    let mut csv = format!("{HIRES_HEADER}\n");
    for n in names {
        let quoted = format!("\"{}\"", n.replace('"', "\"\""));
        csv.push_str(&hire("X", "2027-01-10", "45000").replacen("X", &quoted, 1));
        csv.push('\n');
    }
    let file = t.write("names.csv", &csv);
    let store = t.path("names.sqlite3");
    let (code, out, err) = run(&[
        "import",
        file.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    store
}

// 5. Spreadsheet formula injection in summary.csv.
#[test]
fn summary_csv_never_holds_a_formula() {
    let t = Tmp::new("formula");
    let names = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-1+1",
        "@SUM(A1:A9)",
        "Ana Silva",
    ];
    let store = store_with_names(&t, &names);
    let out = t.path("export");
    let (code, _, err) = run(&[
        "batch",
        "--out",
        out.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(1).unwrap().to_owned())
        .collect();
    assert_eq!(cells.len(), 5);
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a formula in summary.csv: {c}"
        );
    }
    assert!(cells.contains(&"'=HYPERLINK(\"http://evil.example\",\"click\")".to_owned()));
    assert!(
        cells.contains(&"Ana Silva".to_owned()),
        "plain names unchanged"
    );
}

// 6. One bad case blocked the whole workspace.
#[test]
fn one_damaged_case_is_named_and_skipped_and_the_others_go_on() {
    let t = Tmp::new("damaged");
    let store = store_with_hires(&t);
    let s = store.to_str().unwrap();
    {
        let conn = sql_conn(&store);
        conn.execute(
            "UPDATE case_documents SET situation_json = CAST(x'7B22726F6C65223A2280FF227D' AS TEXT) WHERE case_id = 3",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE cases SET name = CAST(x'416E61FF' AS TEXT) WHERE id = 5",
            [],
        )
        .unwrap();
    }
    let (code, out, err) = run(&["cases", "--store", s]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 11, "every case listed: {out}");
    assert!(out.contains("Ana\u{FFFD}"), "{out}");

    let ics = t.path("d.ics");
    let (code, _, err) = run(&["ics", "-o", ics.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("case 3") && err.contains("situation"), "{err}");
    assert!(err.contains("case 5") && err.contains("name"), "{err}");
    let out = t.path("export");
    let (code, msg, err) = run(&["batch", "--out", out.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 0, "{err}");
    assert!(msg.contains("exported 8 cases"), "{msg}");
    assert!(err.contains("case 3"), "{err}");
}

// 9. Temporary files of a killed batch; file names counted in characters.
#[test]
fn batch_cleans_up_after_a_killed_run_and_names_fit_in_bytes() {
    let t = Tmp::new("temps");
    let long = "\u{20000}".repeat(61);
    let store = store_with_names(&t, &[&long, "Ana"]);
    let out = t.path("export");
    std::fs::create_dir_all(&out).unwrap();
    let stale = out.join(".ana-2.pdf.4194399.0.tmp");
    std::fs::write(&stale, b"").unwrap();
    let (code, msg, err) = run(&[
        "batch",
        "--out",
        out.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{msg}{err}");
    assert!(!stale.exists(), "the killed run's temporary file is gone");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(
        names.iter().all(|n| n.len() < 200 && !n.ends_with(".tmp")),
        "{names:?}"
    );
}

// 10. Terminal escape sequences were printed raw.
#[test]
fn control_characters_are_shown_escaped_never_sent_to_the_terminal() {
    let t = Tmp::new("escapes");
    let evil = "Ana\u{1b}]0;pwned\u{7}\u{1b}[2J\rFAKE ROW\u{9b}";
    let store = store_with_names(&t, &["Ana"]);
    sql_conn(&store)
        .execute("UPDATE cases SET name = ?1", [evil])
        .unwrap();
    let (code, out, _) = run(&["cases", "--store", store.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\r') && !out.contains('\u{9b}'),
        "{out:?}"
    );
    assert!(
        out.contains("Ana\\u001b]0;pwned\\u0007\\u001b[2J\\u000dFAKE ROW\\u009b"),
        "{out}"
    );

    // A name holding them is refused since issue 23 (names are one line),
    // with the field named and nothing raw on the terminal.
    let s = with(researcher(), json!({ "applicant": { "name": evil } }));
    let file = t.write("s.json", &s.to_string());
    let (code, out, err) = run(&["plan", file.to_str().unwrap(), "--format", "text"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("applicant.name"), "{err}");
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}') && !err.contains('\r'),
        "{err:?}"
    );
    // In error messages too.
    let bad = t.write("bad.json", &format!("{{\"role\": \"{}\"}}", "x\\u001b[2J"));
    let (code, _, err) = run(&["plan", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

// 11. No size limits.
#[test]
fn inputs_beyond_the_limits_are_refused_with_the_limit_named() {
    let t = Tmp::new("limits");
    let store = t.path("ws.sqlite3");
    let s = store.to_str().unwrap();
    // A file larger than an import takes is refused before it is read.
    let big = t.path("big.csv");
    {
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(permit_core::limits::MAX_CSV_BYTES + 1).unwrap();
    }
    let (code, _, err) = run(&["import", big.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(&format!(
            "at most {} bytes",
            permit_core::limits::MAX_CSV_BYTES
        )),
        "{err}"
    );
    // Too many rows.
    let row = hire("R", "2027-01-10", "45000");
    let mut csv = format!("{HIRES_HEADER}\n");
    for _ in 0..=permit_core::limits::MAX_CSV_ROWS {
        csv.push_str(&row);
        csv.push('\n');
    }
    let many = t.write("many.csv", &csv);
    let (code, _, err) = run(&["import", many.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("20001 rows") && err.contains("20000"), "{err}");
    // A name longer than a name may be, and a cell longer than any cell.
    let name = "N".repeat(permit_core::limits::MAX_NAME_CHARS + 1);
    let cell = "C".repeat(permit_core::limits::MAX_CSV_CELL_CHARS + 1);
    let csv = format!(
        "{HIRES_HEADER}\n{}\n{}\n",
        hire(&name, "2027-01-10", "45000"),
        hire("Ok", "2027-01-10", "45000").replace("Uni", &cell)
    );
    let f = t.write("long.csv", &csv);
    let (code, _, err) = run(&["import", f.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("row 2") && err.contains("201 characters") && err.contains("200 at most"),
        "{err}"
    );
    assert!(
        err.contains("row 3") && err.contains("employer_name") && err.contains("10001 characters"),
        "{err}"
    );
    assert_eq!(count_cases(&store), 0);
    // A situation file over its limit.
    let huge = t.path("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(permit_core::limits::MAX_SITUATION_BYTES + 1)
        .unwrap();
    let (code, _, err) = run(&["plan", huge.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
}

// 13. Error wording.
#[test]
fn errors_say_what_failed_once_and_where() {
    let t = Tmp::new("wording");
    let store = store_with_hires(&t);
    let s = store.to_str().unwrap();
    let missing = t.path("no-such-folder").join("d.ics");
    let (code, _, err) = run(&["ics", "-o", missing.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 3, "{err}");
    assert!(!err.contains("PDF"), "{err}");
    assert!(err.contains("could not write the file"), "{err}");
    let missing = t.path("no-such-folder").join("case.json");
    let (code, _, err) = run(&[
        "case",
        "export",
        "1",
        "-o",
        missing.to_str().unwrap(),
        "--store",
        s,
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(!err.contains("PDF"), "{err}");

    // A store error names the file once.
    let bad = t.write(
        "bad.sqlite3",
        "this is not a database, but long enough to be read as one",
    );
    let b = bad.to_str().unwrap();
    let (code, _, err) = run(&["cases", "--store", b]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(err.matches(b).count(), 1, "{err}");

    // A case file whose field has the wrong type names the field.
    let case = t.write(
        "case.json",
        r#"{"format":"permit-packet-case","version":1,"name":42,"situation":{}}"#,
    );
    let (code, _, err) = run(&["case", "import", case.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("field `name`"), "{err}");

    // A carriage return inside a quoted cell is named as such.
    let csv = format!(
        "{HIRES_HEADER}\n{}\n",
        hire("Ana", "2027-01-10", "45000").replacen("Ana", "\"Ana\rSilva\"", 1)
    );
    let f = t.write("cr.csv", &csv);
    let (code, _, err) = run(&["import", f.to_str().unwrap(), "--store", s]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("carriage return") && err.contains("quoted field"),
        "{err}"
    );
}
