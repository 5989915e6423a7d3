//! The checklist PDF of a plan, read back as a user's PDF reader would.

use std::path::{Path, PathBuf};
use std::process::Command;

use permit_core::{plan, Lang, Options, RuleSet, Situation};

/// The PDF's text. A missing `pdftotext` fails the test — never a silent
/// skip (`scripts/install-deps.sh` installs poppler-utils).
fn pdftotext(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed to read the PDF back; scripts/install-deps.sh installs it");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pp-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Whitespace-insensitive containment (the PDF wraps lines).
fn contains(hay: &str, needle: &str) -> bool {
    squash(hay).contains(&squash(needle))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn pdf_contains_every_item_date_and_warning_of_the_plan() {
    for (example, lang) in [
        ("ar1-researcher-family.json", Lang::En),
        ("ar9-pay-limit.json", Lang::Da),
        ("ar1-researcher-open-ended.json", Lang::En),
        ("ar1-researcher-open-ended.json", Lang::Da),
    ] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join("examples").join(example)).unwrap();
        let s = Situation::from_json(&text, example).unwrap();
        let today = crate::date(crate::TODAY);
        let p = plan(&s, RuleSet::embedded(), &Options { today, lang });
        let doc = permit_packet::export::checklist_document(&p, today);
        let out = permit_pdf::render(&doc).unwrap();
        let file = tmp(&example.replace(".json", ".pdf"));
        permit_pdf::write_atomic(&file, &out.bytes).unwrap();
        let Some(extracted) = pdftotext(&file) else {
            eprintln!("pdftotext not installed: skipping text checks (scripts/install-deps.sh installs it)");
            return;
        };
        // The next steps come first, before the warnings and the forms.
        let steps_at = p
            .next_steps
            .iter()
            .map(|st| squash(&extracted).find(&squash(&st.text)))
            .collect::<Vec<_>>();
        assert!(
            !steps_at.is_empty() && steps_at.iter().all(Option::is_some),
            "{example}: every next step is in the PDF"
        );
        let first_form = squash(&extracted).find(&squash(&p.forms[0].message));
        assert!(
            steps_at[0] < first_form,
            "{example}: the next steps before the forms"
        );
        for d in &p.documents {
            assert!(
                contains(&extracted, &d.name),
                "{example}: document {:?} missing",
                d.name
            );
        }
        for w in &p.warnings {
            assert!(
                contains(&extracted, &w.message),
                "{example}: warning {:?} missing",
                w.message
            );
        }
        for d in &p.deadlines {
            let shown = permit_core::format::date(lang, d.date);
            assert!(
                contains(&extracted, &shown),
                "{example}: date {shown} missing"
            );
            assert!(
                contains(&extracted, &d.label),
                "{example}: {:?} missing",
                d.label
            );
        }
        // Every check, with its figures, its what-if and the readings side
        // by side where an answer is missing.
        for c in &p.checks {
            assert!(
                contains(&extracted, &c.message),
                "{example}: check {} missing",
                c.id
            );
        }
        for f in &p.forms {
            assert!(
                contains(&extracted, &f.message),
                "{example}: form {} missing",
                f.form
            );
        }
        // The information sections (issue 11, item 2) and the forms not offered.
        let (page_word, of_word) = if lang == Lang::Da {
            ("Side ", " af ")
        } else {
            ("Page ", " of ")
        };
        let sections = [
            &p.conditions,
            &p.biometrics_location,
            &p.processing,
            &p.after_grant,
            &p.if_job_ends,
        ];
        assert!(sections.iter().all(|s| !s.is_empty()), "{example}");
        // A statement may continue on the next page: read the body without
        // the running footer (title, page number) and the page breaks.
        let body: String = extracted
            .lines()
            .map(|l| l.trim_start_matches('\u{c}'))
            .filter(|l| {
                !(l.starts_with(&doc.title) || (l.starts_with(page_word) && l.contains(of_word)))
            })
            .collect::<Vec<_>>()
            .join("\n");
        for n in sections.into_iter().flatten() {
            assert!(contains(&body, &n.message), "{example}: {} missing", n.id);
        }
        assert!(!p.forms_not_offered.is_empty(), "{example}");
        for f in &p.forms_not_offered {
            assert!(
                contains(&body, &f.reason),
                "{example}: form {} not offered missing",
                f.form
            );
        }
        let heading = if lang == Lang::Da {
            "Når tilladelsen er givet"
        } else {
            "Once the permit is granted"
        };
        assert!(contains(&extracted, heading), "{example}: {heading}");
        let pages = extracted.matches('\u{c}').count().max(1);
        let label = if lang == Lang::Da { "af" } else { "of" };
        assert!(
            contains(&extracted, &format!("1 {label} {pages}")),
            "{example}: no page numbering"
        );
        // same plan and clock → same bytes
        assert_eq!(permit_pdf::render(&doc).unwrap().bytes, out.bytes);
    }
}

#[test]
fn danish_letters_survive_extraction_from_the_cli_pdf() {
    let file = tmp("family.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_permit-packet"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "pdf",
            "examples/ar1-researcher-family.json",
            "--lang",
            "da",
            "--today",
            "2026-11-23",
            "-o",
        ])
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());
    if let Some(text) = pdftotext(&file) {
        for word in [
            "Müller",
            "Tjekliste til ansøgning",
            "ægtefælle",
            "Dokumenter",
            "Side 1 af",
        ] {
            assert!(contains(&text, word), "{word} missing from extracted text");
        }
    }
}

#[test]
fn unwritable_output_fails_cleanly_and_leaves_nothing() {
    let dir = tmp("no-such-dir");
    let target = dir.join("deeper").join("out.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_permit-packet"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["pdf", "examples/ar1-chef.json", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("out.pdf"), "{err}");
    assert!(!target.exists());
    assert_eq!(
        Command::new(env!("CARGO_BIN_EXE_permit-packet"))
            .args(["pdf", "examples/ar1-chef.json"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap()
            .code(),
        Some(2)
    );
}

/// The PDF/UA checker from PyPI (`pdfua`): `$PDFUA`, else the virtualenv
/// `scripts/install-deps.sh` makes in `target/pdfua-venv`, else on `PATH`.
fn pdfua() -> PathBuf {
    if let Some(p) = std::env::var_os("PDFUA") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pdfua-venv/bin/pdfua");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("pdfua")
    }
}

#[test]
fn every_example_pdf_is_tagged_and_passes_the_pdf_ua_checker() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root.join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(s) = Situation::from_json(&text, &name) else {
            continue; // invalid.json: no plan, no PDF
        };
        for lang in [Lang::En, Lang::Da] {
            let today = crate::date(crate::TODAY);
            let p = plan(&s, RuleSet::embedded(), &Options { today, lang });
            let doc = permit_packet::export::checklist_document(&p, today);
            let out = permit_pdf::render(&doc).unwrap();
            let file = tmp(&format!(
                "tagged-{lang:?}-{}",
                name.replace(".json", ".pdf")
            ));
            permit_pdf::write_atomic(&file, &out.bytes).unwrap();
            let info = Command::new("pdfinfo")
                .arg(&file)
                .output()
                .expect("pdfinfo (poppler-utils) is needed; scripts/install-deps.sh installs it");
            let info = String::from_utf8_lossy(&info.stdout).to_string();
            assert!(
                info.lines()
                    .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Tagged:", "yes"]),
                "{name} ({lang:?}) is not tagged:\n{info}"
            );
            // Every heading of the checklist is a heading of the structure.
            let tree = Command::new("pdfinfo")
                .arg("-struct-text")
                .arg(&file)
                .output()
                .unwrap();
            let tree = String::from_utf8_lossy(&tree.stdout).to_string();
            let headings = tree
                .lines()
                .filter(|l| l.trim_start().starts_with("H2"))
                .count();
            let expected = doc
                .blocks
                .iter()
                .filter(|b| matches!(b, permit_pdf::Block::Heading(_)))
                .count();
            assert_eq!(headings, expected, "{name} ({lang:?})");
            files.push(file);
        }
    }
    assert!(files.len() >= 20, "only {} example PDFs", files.len());
    let tool = pdfua();
    let out = Command::new(&tool)
        .args(["check", "--quiet"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "the PDF/UA checker `{}` is needed ({e}); scripts/install-deps.sh installs it",
                tool.display()
            )
        });
    assert!(
        out.status.success(),
        "pdfua found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
