//! Shared fixtures for the tests, the bench and the example (included with
//! `#[path]`).
#![allow(dead_code)]

use permit_pdf::{Block, CalloutKind, Column, Document, PageLabel, Row};

pub fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 3, 14).expect("valid date")
}

/// A typical checklist: key facts, 30 documents in a table with check boxes,
/// 8 warnings, 2 info boxes and 10 footnotes.
pub fn typical_checklist() -> Document {
    let sources = ["You", "Employer", "Authority", "Bank", "University"];
    let documents: Vec<Row> = (1..=30)
        .map(|i| {
            let name = match i {
                1 => "Passport — all pages, including the cover".to_string(),
                2 => "Signed employment contract (ansættelseskontrakt)".to_string(),
                3 => "Receipt for the case order ID fee".to_string(),
                4 => "Power of attorney signed by Zoë Müller-Łukasiewicz".to_string(),
                5 => "Documentation of Danish bank account (NemKonto) — Søren Ærø".to_string(),
                _ => format!("Supporting document {i}: statement with details of section {i}"),
            };
            let note = if i % 4 == 0 {
                format!(
                    "Must be translated into Danish, English, Norwegian or Swedish [{}]",
                    i % 10 + 1
                )
            } else {
                format!("Upload as PDF, max 10 MB [{}]", i % 10 + 1)
            };
            Row::checkbox(
                i % 3 == 0,
                [name, sources[i % sources.len()].to_string(), note],
            )
        })
        .collect();
    let mut blocks = vec![
        Block::KeyValues(vec![
            ("Applicant".into(), "Ana Åsa Østergård".into()),
            ("Scheme".into(), "Pay limit scheme (Beløbsordningen)".into()),
            (
                "Employer".into(),
                "Nørrebro Ingeniører ApS, CVR 12345678".into(),
            ),
            ("Fee".into(), "DKK 6,055 — pay before you submit".into()),
            (
                "Submit at".into(),
                "nyidanmark.dk, form AR1 (online)".into(),
            ),
        ]),
        Block::Heading("Before you apply".into()),
        Block::Paragraph(
            "This checklist lists every document the Danish Agency for International \
             Recruitment and Integration (SIRI) asks for in your situation. Tick each item \
             when you have it. Documents not in Danish, English, Norwegian or Swedish must be \
             translated by an authorised translator."
                .into(),
        ),
    ];
    let warnings = [
        ("Passport expires within 3 months", "Your passport expires on 2025-05-30. Renew it before you apply, or the permit may be limited to the passport's validity."),
        ("Salary below the pay limit", "The contract states DKK 38,000 a month; the current limit is DKK 46,000 (2025)."),
        ("Fee not yet paid", "Applications without a paid fee are rejected without review."),
        ("Biometrics within 14 days", "Book the appointment for biometric features now; the deadline counts from submission."),
        ("Contract not signed by both parties", "An unsigned contract is not accepted."),
        ("Family members apply separately", "Each family member needs their own application and fee."),
        ("Certificate older than 6 months", "The certificate from Universidad de Córdoba must be at most 6 months old."),
        ("Name spelled differently", "The contract spells the name \"Ana Asa Ostergard\"; ask the employer to correct it to Ana Åsa Østergård."),
    ];
    blocks.push(Block::Heading("Warnings".into()));
    for (title, text) in warnings {
        blocks.push(Block::Callout {
            kind: CalloutKind::Warning,
            title: title.into(),
            text: text.into(),
        });
    }
    blocks.push(Block::Callout {
        kind: CalloutKind::Info,
        title: "Processing time".into(),
        text: "Most applications under the pay limit scheme are decided within 30 days.".into(),
    });
    blocks.push(Block::Heading("Documents".into()));
    blocks.push(Block::Table {
        columns: vec![
            Column::new("Document", 3.2),
            Column::new("From", 1.0),
            Column::new("Notes", 2.4),
        ],
        rows: documents,
    });
    blocks.push(Block::Callout {
        kind: CalloutKind::Info,
        title: "After the decision".into(),
        text:
            "Bring the decision letter to the citizen service (Borgerservice) to get a CPR number."
                .into(),
    });
    blocks.push(Block::Footnotes(
        (1..=10)
            .map(|i| {
                format!(
                    "nyidanmark.dk, \"Pay limit scheme — documents\", section {i}, page checked 2025-03-1{}",
                    i % 10
                )
            })
            .collect(),
    ));
    Document {
        title: "Permit checklist — Ana Åsa Østergård".into(),
        subtitle: vec![
            "Case: Pay limit scheme (work permit) · generated 2025-03-14".into(),
            "Rules as of 2025-03-01 (nyidanmark.dk)".into(),
        ],
        language: "en".into(),
        author: "Permit Packet".into(),
        blocks,
        page_label: PageLabel::english(),
        creation_date: date(),
    }
}

/// A document consisting of one table with `n` two-column rows whose cells
/// are "Row N item" / "Row N source".
pub fn long_table(n: usize) -> Document {
    Document {
        title: "Long table".into(),
        subtitle: vec![],
        language: "en".into(),
        author: "test".into(),
        blocks: vec![
            Block::Heading("All rows".into()),
            Block::Table {
                columns: vec![Column::new("Item", 2.0), Column::new("Source", 1.0)],
                rows: (1..=n)
                    .map(|i| {
                        Row::checkbox(i % 2 == 0, [format!("Row{i}item"), format!("Row{i}source")])
                    })
                    .collect(),
            },
        ],
        page_label: PageLabel::english(),
        creation_date: date(),
    }
}

// ----- poppler-utils helpers -------------------------------------------

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether a poppler tool is installed; prints a notice when it is not so
/// that a skipped check is visible in the test output.
/// Whether `tool` (poppler-utils) can run. A missing tool fails the test —
/// never a silent skip: `scripts/install-deps.sh` (run by `scripts/test.sh`)
/// installs it. Always `true` when it returns.
pub fn have_tool(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    assert!(
        ok,
        "`{tool}` (poppler-utils) is needed to read the PDF back; install it (scripts/install-deps.sh does)"
    );
    ok
}

/// Writes `bytes` to a fresh temporary folder and returns (folder, file).
pub fn write_temp(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    (dir, path)
}

/// `pdftotext` of pages `first..=last` (all pages when `None`).
pub fn pdftotext(path: &Path, pages: Option<(usize, usize)>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd.arg(path).arg("-").output().expect("run pdftotext");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext gives UTF-8")
}

/// `pdfinfo` as key → value pairs.
pub fn pdfinfo(path: &Path) -> std::collections::BTreeMap<String, String> {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("run pdfinfo");
    assert!(out.status.success(), "pdfinfo failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// Collapses every run of whitespace into one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
