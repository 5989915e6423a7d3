//! CSV import of hires: a 5,000-row file with broken rows of every kind,
//! file-level problems as their own files, and all-or-nothing vs valid rows.

use permit_batch::hires::{self, Mode};

const HEADER: &str = "case_name,reference,applicant_name,applicant_birth_date,role,scheme,siq_category,employer_name,employer_registered_in_denmark,employer_location,employer_country,power_of_attorney,applying_from,planned_submission,job_start,job_end,passport_expiry,salary_period,salary_cash,salary_pension,hours_per_week,has_mitid";

/// A valid row; alternates ISO/Danish dates and Danish/English amounts.
fn valid_row(i: usize) -> String {
    let name = format!("Hire {i} Søren-Ødegård");
    if i.is_multiple_of(2) {
        format!(
            "{name},HR-{i},Applicant {i},1990-04-17,employee,researcher,,Aarhus University,yes,denmark,Denmark,none,abroad,2027-01-10,2027-03-01,2029-02-28,2031-06-30,year,\"540.000,00\",\"54.000,00\",37,no"
        )
    } else {
        format!(
            "{name},HR-{i},Applicant {i},12-08-1986,service_provider,pay_limit,,\"Infotech, Pvt Ltd\",no,non_eu,India,third_party,abroad,11-12-2026,01-03-2027,31-08-2027,30-04-2030,month,\"40,583.33\",,\"37.00\",no"
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Broken {
    BadDate,
    UnknownScheme,
    NegativeSalary,
    StrayQuote,
}

fn broken_row(i: usize, kind: Broken) -> String {
    let row = valid_row(i);
    match kind {
        Broken::BadDate if i.is_multiple_of(2) => row.replace(",2027-03-01,", ",2027-02-30,"),
        Broken::BadDate => row.replace(",01-03-2027,", ",2027/03/01,"),
        Broken::UnknownScheme if i.is_multiple_of(2) => row.replace(",researcher,", ",astronaut,"),
        Broken::UnknownScheme => row.replace(",pay_limit,", ",pay-limit-plus,"),
        Broken::NegativeSalary if i.is_multiple_of(2) => {
            row.replace("\"540.000,00\"", "\"-540.000,00\"")
        }
        Broken::NegativeSalary => row.replace("\"40,583.33\"", "-40583.33"),
        Broken::StrayQuote => row.replace(
            &format!(",Applicant {i},"),
            &format!(",Applicant \"Ace\" {i},"),
        ),
    }
}

#[test]
fn five_thousand_rows_with_broken_rows_of_every_kind() {
    let kinds = [
        Broken::BadDate,
        Broken::UnknownScheme,
        Broken::NegativeSalary,
        Broken::StrayQuote,
    ];
    // 47 broken rows in the big file; the 3 file-level kinds below make 50.
    let broken: Vec<(usize, Broken)> = (0..47).map(|k| (50 + k * 105, kinds[k % 4])).collect();
    let mut text = format!("{HEADER}\r\n");
    for i in 0..5000 {
        match broken.iter().find(|(b, _)| *b == i) {
            Some((_, kind)) => text.push_str(&broken_row(i, *kind)),
            None => text.push_str(&valid_row(i)),
        }
        text.push_str("\r\n");
    }
    let parsed = hires::parse(text.as_bytes(), "hires.csv");
    assert!(!parsed.file_level);
    assert_eq!(parsed.data_rows, 5000);
    assert_eq!(parsed.rows.len(), 5000 - 47, "{}", parsed.report());
    assert_eq!(parsed.problems.len(), 47, "{}", parsed.report());
    // Each broken row is reported, at its spreadsheet row (header = row 1),
    // in the right column, saying what is accepted.
    for ((i, kind), p) in broken.iter().zip(&parsed.problems) {
        assert_eq!(p.row, Some(i + 2), "{p}");
        let (column, needle) = match kind {
            Broken::BadDate => (
                Some("job_start"),
                "01-03-2027) or YYYY-MM-DD (ISO: 2027-03-01)",
            ),
            Broken::UnknownScheme => (Some("scheme"), "expected “Researcher”, "),
            Broken::NegativeSalary => (Some("salary_cash"), "negative"),
            Broken::StrayQuote => (None, "stray quote"),
        };
        assert_eq!(p.column.as_deref(), column, "{p}");
        assert!(p.message.contains(needle), "{p}");
    }
    let report = parsed.report();
    assert!(
        report.contains(
            "hires.csv: row 52, column `job_start`: “2027-02-30” is not a date: that month ends on 28 Feb 2027"
        ),
        "{report}"
    );

    // Valid rows: the 4,953 good ones (the service imports them in one
    // transaction, crates/permit-service).
    let valid = hires::rows_to_import(&parsed, Mode::ValidRows);
    assert_eq!(valid.len(), 4953);
    assert_eq!(valid[0].name, "Hire 0 Søren-Ødegård");
    let s: serde_json::Value = serde_json::from_str(&valid[0].situation_json).unwrap();
    assert_eq!(s["salary"]["components"][0]["amount"], "540000.00");
    let s: serde_json::Value = serde_json::from_str(&valid[1].situation_json).unwrap();
    assert_eq!(s["salary"]["components"][0]["amount"], "40583.33");
    assert_eq!(s["dates"]["job_start"], "2027-03-01");
    assert_eq!(s["employer"]["name"], "Infotech, Pvt Ltd");

    // All or nothing: nothing.
    assert!(hires::rows_to_import(&parsed, Mode::AllOrNothing).is_empty());

    // The three file-level kinds, each its own file.
    let mut file_problems = 0;
    let good: String = (0..20).map(|i| valid_row(i) + "\n").collect();

    let missing = format!("{}\n{}", HEADER.replace(",job_start", ""), {
        (0..20)
            .map(|i| {
                valid_row(i)
                    .replace(",2027-03-01,", ",")
                    .replace(",01-03-2027,", ",")
                    + "\n"
            })
            .collect::<String>()
    });
    let p = hires::parse(missing.as_bytes(), "missing.csv");
    assert!(p.file_level);
    assert_eq!(p.problems.len(), 1, "{}", p.report());
    assert_eq!(p.problems[0].column.as_deref(), Some("job_start"));
    assert!(p.problems[0]
        .message
        .contains("required column “job_start” is missing"));
    // In Danish, from the same problem.
    let da = p.problems[0].message_in(permit_core::plan::Lang::Da);
    assert!(
        da.starts_with("den påkrævede kolonne “job_start” mangler i overskriften"),
        "{da}"
    );
    file_problems += p.problems.len();

    let dup = format!("{HEADER},scheme\n{}", {
        (0..20)
            .map(|i| valid_row(i) + ",researcher\n")
            .collect::<String>()
    });
    let p = hires::parse(dup.as_bytes(), "dup.csv");
    assert!(p.file_level);
    assert_eq!(p.problems.len(), 1, "{}", p.report());
    assert!(
        p.problems[0]
            .message
            .contains("appears twice (columns 6 and 23)"),
        "{}",
        p.report()
    );
    file_problems += p.problems.len();

    // Latin-1: "Søren" with ø as the single byte 0xF8.
    let latin1: Vec<u8> = format!("{HEADER}\n{good}")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let p = hires::parse(&latin1, "latin1.csv");
    assert!(p.file_level);
    assert_eq!(p.problems.len(), 1);
    assert!(
        p.problems[0]
            .message
            .starts_with("latin1.csv is not UTF-8 (looks like Latin-1/Windows-1252"),
        "{}",
        p.problems[0].message
    );
    assert!(p.problems[0].message.contains("save it as UTF-8"));
    file_problems += p.problems.len();

    assert_eq!(parsed.problems.len() + file_problems, 50);
    // A file-level problem imports nothing, even with --valid-rows.
    for bad in [
        &missing.as_bytes().to_vec(),
        &dup.as_bytes().to_vec(),
        &latin1,
    ] {
        let p = hires::parse(bad, "x.csv");
        assert!(hires::rows_to_import(&p, Mode::ValidRows).is_empty());
    }
}

#[test]
fn bom_semicolons_and_the_example_file() {
    let text = format!(
        "\u{feff}{}\r\n{}\r\n",
        HEADER.replace(',', ";"),
        "Ana;;Ana Silva;;employee;researcher;;Aarhus Universitet;ja;denmark;;;abroad;10-01-2027;01-03-2027;;;year;540.000,00;;37,50;nej"
    );
    let p = hires::parse(text.as_bytes(), "semi.csv");
    assert!(p.problems.is_empty(), "{}", p.report());
    let s = &p.rows[0].situation;
    assert_eq!(s.hours.per_week.unwrap().0.to_string(), "37.50");
    assert_eq!(s.employer.registered_in_denmark, Some(true));

    let example = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hires.csv"
    ))
    .unwrap();
    let p = hires::parse(&example, "hires.csv");
    assert!(p.problems.is_empty(), "{}", p.report());
    assert_eq!(p.rows.len(), 10);
}

#[test]
fn ambiguous_amounts_missing_values_and_wrong_field_counts_are_reported_together() {
    let row = valid_row(0)
        .replace("\"540.000,00\"", "487.000")
        .replace(",employee,", ",,")
        .replace(",37,", ",\"1,5000\",");
    let short = valid_row(2).rsplit_once(',').unwrap().0.to_owned();
    let text = format!("{HEADER}\n{row}\n\n,,,,\n{short}\n");
    let p = hires::parse(text.as_bytes(), "amb.csv");
    let lines: Vec<String> = p.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines[0].starts_with("row 2, column `role`: missing"),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with("row 2, column `salary_cash`: “487.000” is ambiguous"),
        "{lines:#?}"
    );
    assert!(
        lines[2]
            .starts_with("row 2, column `hours_per_week`: “1,5000”: “,” can only group thousands"),
        "{lines:#?}"
    );
    assert!(
        lines[3].starts_with("row 5: this row has 21 fields but the header has 22"),
        "{lines:#?}"
    );
    assert_eq!(p.data_rows, 2, "the blank rows are skipped");
}

#[test]
fn cross_field_errors_of_the_core_name_the_column() {
    let row = valid_row(0).replace(",2029-02-28,", ",2026-01-01,");
    let text = format!("{HEADER}\n{row}\n");
    let p = hires::parse(text.as_bytes(), "x.csv");
    assert_eq!(p.problems.len(), 1, "{}", p.report());
    assert_eq!(p.problems[0].column.as_deref(), Some("job_end"));
    assert!(p.problems[0]
        .message
        .contains("cannot end before it starts"));
}

#[test]
fn an_unquoted_amount_split_at_its_comma_is_pointed_at_its_cell() {
    let danish = valid_row(1).replace("\"40,583.33\"", "40.583,33");
    let english = valid_row(3).replace("\"40,583.33\"", "40,583.33");
    // One field too many for another reason: no amount to point at.
    let employer = valid_row(5).replace("\"Infotech, Pvt Ltd\"", "Infotech, Pvt Ltd");
    // The same amount quoted, and one cell short: not a split amount.
    let quoted = valid_row(7).replace("\"40,583.33\"", "\"40.583,33\"");
    let text = format!("{HEADER}\n{danish}\n{english}\n{employer}\n{quoted}\n");
    let p = hires::parse(text.as_bytes(), "split.csv");
    let lines: Vec<String> = p.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert_eq!(p.problems[0].column.as_deref(), Some("salary_cash"));
    assert_eq!(p.problems[0].column_number, Some(19));
    assert!(
        lines[0].starts_with("row 2, column `salary_cash`: “40.583,33” was split at its comma")
            && lines[0].contains("(\"40.583,33\")")
            && lines[0].contains("40583.33"),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with("row 3, column `salary_cash`: “40,583.33” was split"),
        "{lines:#?}"
    );
    assert!(
        lines[2].starts_with("row 4: this row has 23 fields but the header has 22"),
        "{lines:#?}"
    );
    assert_eq!(p.rows.len(), 1, "the quoted amount is read");
    assert_eq!(p.rows[0].row, 5);
}
