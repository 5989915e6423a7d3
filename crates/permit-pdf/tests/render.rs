//! Rendering checks that read the PDF back with poppler-utils.

mod common;

use common::{have_tool, pdfinfo, pdftotext, squash, write_temp};
use permit_pdf::{render, Block, CalloutKind, Column, Document, PageLabel, Row};

const ACCENTED: &str = "æ ø å Æ Ø Å é ü ñ ł ő — Peña Erdős Łódź Ærøskøbing";

fn all_cells(doc: &Document) -> Vec<String> {
    let mut cells = Vec::new();
    for block in &doc.blocks {
        if let Block::Table { columns, rows } = block {
            cells.extend(columns.iter().map(|c| c.title.clone()));
            for row in rows {
                cells.extend(row.cells.iter().cloned());
            }
        }
    }
    cells
}

#[test]
fn extracted_text_has_title_cells_callouts_and_danish_letters() {
    let mut doc = common::typical_checklist();
    doc.blocks.push(Block::Heading(format!("Bold: {ACCENTED}")));
    doc.blocks
        .push(Block::Paragraph(format!("Regular: {ACCENTED}")));
    // The widest label sets the label column; it must not wrap in it.
    doc.blocks.push(Block::KeyValues(vec![
        (
            "Sagsbestillings-ID".into(),
            "Opret et sagsbestillings-ID først".into(),
        ),
        ("Gebyr".into(), "6.290,00 kr.".into()),
    ]));
    doc.blocks.push(Block::Table {
        columns: vec![Column::new("Navn", 1.0), Column::new("Bemærkning", 1.0)],
        rows: vec![Row::new(["Søren Ærø Åberg", "Zoë Ñúñez-Kovács"])],
    });
    let out = render(&doc).expect("render");
    assert!(out.replaced.is_empty(), "{:?}", out.replaced);
    assert!(out.bytes.starts_with(b"%PDF-1.7"));
    if !have_tool("pdftotext") {
        return;
    }
    let (_dir, path) = write_temp(&out.bytes);
    let text = squash(&pdftotext(&path, None));

    let mut expected = vec![doc.title.clone()];
    expected.extend(doc.subtitle.iter().cloned());
    expected.extend(all_cells(&doc));
    for block in &doc.blocks {
        match block {
            Block::Heading(t) | Block::Paragraph(t) => expected.push(t.clone()),
            Block::KeyValues(pairs) => {
                for (k, v) in pairs {
                    expected.push(k.clone());
                    expected.push(v.clone());
                }
            }
            Block::Callout { title, text, .. } => {
                expected.push(title.clone());
                expected.push(text.clone());
            }
            Block::Footnotes(notes) => {
                for (i, n) in notes.iter().enumerate() {
                    expected.push(format!("[{}] {n}", i + 1));
                }
            }
            Block::Table { .. } => {}
        }
    }
    for e in &expected {
        assert!(
            text.contains(&squash(e)),
            "extracted text lacks {e:?}\n--- extracted ---\n{text}"
        );
    }
    for word in [
        "Åsa",
        "Østergård",
        "ansættelseskontrakt",
        "Ærø",
        "Córdoba",
        "Łukasiewicz",
    ] {
        assert!(text.contains(word), "{word}");
    }
    // Reading order: the title comes first, the footnotes after the table.
    assert!(text.starts_with(&doc.title), "{}", &text[..80]);
    let table_end = text.find("Supporting document 30").expect("last row");
    let notes = text.find("[1] nyidanmark.dk").expect("first footnote");
    assert!(table_end < notes);
}

#[test]
fn metadata_title_author_producer_and_language() {
    let mut doc = common::typical_checklist();
    doc.language = "da".into();
    doc.page_label = PageLabel::danish();
    doc.author = "Åse Ærø".into();
    let out = render(&doc).expect("render");
    // The catalog sits in a compressed object stream: read it with lopdf.
    let pdf = lopdf::Document::load_mem(&out.bytes).expect("lopdf reads the PDF");
    let catalog = pdf.catalog().expect("catalog");
    assert_eq!(
        catalog.get(b"Lang").and_then(lopdf::Object::as_str).ok(),
        Some(&b"da"[..]),
        "catalog /Lang missing"
    );
    let prefs = catalog
        .get(b"ViewerPreferences")
        .and_then(lopdf::Object::as_dict)
        .expect("/ViewerPreferences");
    assert_eq!(
        prefs
            .get(b"DisplayDocTitle")
            .and_then(lopdf::Object::as_bool)
            .ok(),
        Some(true)
    );
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| pdf.get_dictionary(id))
        .expect("info dictionary");
    assert!(
        info.get(b"GTS_PDFXVersion").is_err(),
        "must not claim PDF/X"
    );
    if !have_tool("pdfinfo") || !have_tool("pdftotext") {
        return;
    }
    let (_dir, path) = write_temp(&out.bytes);
    let info = pdfinfo(&path);
    assert_eq!(info["Title"], doc.title);
    assert_eq!(info["Author"], "Åse Ærø");
    assert_eq!(info["Producer"], permit_pdf::PRODUCER);
    assert!(info["Producer"].starts_with("Permit Packet "));
    assert_eq!(info["Page size"], "595.276 x 841.89 pts (A4)");
    assert!(info["CreationDate"].contains("2025"), "{info:?}");
    let pages: usize = info["Pages"].parse().expect("page count");
    let text = pdftotext(&path, None);
    for p in 1..=pages {
        assert!(text.contains(&format!("Side {p} af {pages}")), "page {p}");
    }
}

#[test]
fn long_table_paginates_without_splitting_rows() {
    const N: usize = 200;
    let doc = common::long_table(N);
    let out = render(&doc).expect("render");
    if !have_tool("pdftotext") || !have_tool("pdfinfo") {
        return;
    }
    let (_dir, path) = write_temp(&out.bytes);
    let pages: usize = pdfinfo(&path)["Pages"].parse().expect("page count");
    assert!(pages >= 4, "200 rows must need several pages, got {pages}");

    let mut item_page = vec![Vec::new(); N + 1];
    let mut source_page = vec![Vec::new(); N + 1];
    let mut last_row = 0;
    for p in 1..=pages {
        let text = pdftotext(&path, Some((p, p)));
        let label = format!("Page {p} of {pages}");
        assert_eq!(text.matches(&label).count(), 1, "page {p} lacks {label:?}");
        assert_eq!(
            text.matches("Page ").count(),
            1,
            "page {p} has a wrong page label"
        );
        // The header row is repeated on every page the table is on.
        let tokens: Vec<&str> = text.split_whitespace().collect();
        assert!(
            tokens.contains(&"Item") && tokens.contains(&"Source"),
            "header on page {p}"
        );
        for tok in tokens {
            let Some(rest) = tok.strip_prefix("Row") else {
                continue;
            };
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let i: usize = digits.parse().expect("row number");
            match &rest[digits.len()..] {
                "item" => {
                    assert!(i > last_row, "row {i} out of order on page {p}");
                    last_row = i;
                    item_page[i].push(p);
                }
                "source" => source_page[i].push(p),
                other => panic!("unexpected token {tok} ({other})"),
            }
        }
    }
    for i in 1..=N {
        assert_eq!(
            item_page[i].len(),
            1,
            "row {i} item appears {:?}",
            item_page[i]
        );
        assert_eq!(
            source_page[i].len(),
            1,
            "row {i} source appears {:?}",
            source_page[i]
        );
        assert_eq!(
            item_page[i], source_page[i],
            "row {i} is split across pages"
        );
    }
    assert_eq!(last_row, N);
}

#[test]
fn rendering_is_deterministic() {
    let a1 = render(&common::typical_checklist()).expect("render");
    // Rendering something else in between must not change the next result
    // (printpdf keeps a process-wide counter for its random IDs).
    let other = render(&common::long_table(50)).expect("render");
    let a2 = render(&common::typical_checklist()).expect("render");
    assert_eq!(a1, a2);
    assert_ne!(a1.bytes, other.bytes);
    let b1 = render(&common::long_table(50)).expect("render");
    assert_eq!(other, b1);
    // A different date or language changes the bytes.
    let mut doc = common::typical_checklist();
    doc.creation_date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    assert_ne!(render(&doc).expect("render").bytes, a1.bytes);
}

#[test]
fn characters_missing_from_the_font_are_replaced_and_reported() {
    let doc = Document {
        title: "Ansøgning 中文 🚀".into(),
        subtitle: vec!["Subtitle with 한국어".into()],
        language: "en".into(),
        author: String::new(),
        blocks: vec![
            Block::Heading("Heading 🚀".into()),
            Block::Paragraph("Before 中 after; DejaVu has 😀 but not 🚀.".into()),
            Block::Table {
                columns: vec![Column::new("Doc", 1.0)],
                rows: vec![Row::checkbox(true, ["Cell 文"])],
            },
        ],
        page_label: PageLabel::english(),
        creation_date: common::date(),
    };
    let out = render(&doc).expect("render");
    for c in ['中', '文', '🚀', '한', '국', '어'] {
        assert!(
            out.replaced.contains(&c),
            "{c} not reported: {:?}",
            out.replaced
        );
    }
    assert!(!out.replaced.contains(&'😀'));
    assert!(!out.replaced.contains(&'ø'));
    let mut sorted = out.replaced.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, out.replaced, "sorted, without duplicates");
    if !have_tool("pdftotext") {
        return;
    }
    let (_dir, path) = write_temp(&out.bytes);
    let text = squash(&pdftotext(&path, None));
    assert!(text.contains("Before \u{FFFD} after"), "{text}");
    assert!(
        text.contains("Ansøgning \u{FFFD}\u{FFFD} \u{FFFD}"),
        "{text}"
    );
    assert!(text.contains("Cell \u{FFFD}"), "{text}");
}

#[test]
fn hostile_input_renders_without_panicking() {
    let long_word = "Donaudampfschifffahrtsgesellschaftskapitän".repeat(40);
    let tall_cell = "line\n".repeat(120);
    let controls: String = (0u8..32).map(char::from).collect::<String>() + "\u{7f}\u{85}\u{200b}";
    let doc = Document {
        title: String::new(),
        subtitle: vec![String::new(), "\n\n".into()],
        language: "x\u{0}y ü".into(),
        author: controls.clone(),
        blocks: vec![
            Block::Heading(String::new()),
            Block::Paragraph(String::new()),
            Block::Paragraph(long_word.clone()),
            Block::Paragraph(controls.clone()),
            Block::Paragraph("e\u{301} a\u{308} עברית العربية".into()),
            Block::KeyValues(vec![
                (String::new(), String::new()),
                (long_word.clone(), "v".into()),
            ]),
            Block::Callout {
                kind: CalloutKind::Info,
                title: String::new(),
                text: String::new(),
            },
            Block::Callout {
                kind: CalloutKind::Warning,
                title: "Very long callout".into(),
                text: "word ".repeat(2500),
            },
            Block::Table {
                columns: vec![],
                rows: vec![Row::new(["no columns", "extra"])],
            },
            Block::Table {
                columns: vec![Column::new("A", f32::NAN), Column::new("B", -3.0)],
                rows: vec![
                    Row::default(),
                    Row::new(["only one"]),
                    Row::new(["1", "2", "3 extra", "4 extra"]),
                    Row::checkbox(false, [long_word.as_str(), "x"]),
                    Row::checkbox(true, [tall_cell.as_str(), "tall"]),
                ],
            },
            Block::Table {
                columns: vec![Column::new("", 1.0)],
                rows: vec![],
            },
            Block::Footnotes(vec![String::new(), long_word.clone()]),
            Block::Footnotes(vec![]),
        ],
        page_label: PageLabel::new("{pages}{page}{page}{nonsense}"),
        creation_date: chrono::NaiveDate::MAX,
    };
    let out = render(&doc).expect("render");
    assert!(out.bytes.starts_with(b"%PDF-"));
    // Arabic and Hebrew are in DejaVu Sans (drawn unshaped), so nothing is
    // reported for them.
    assert!(out.replaced.is_empty(), "{:?}", out.replaced);
    if !have_tool("pdftotext") {
        return;
    }
    let (_dir, path) = write_temp(&out.bytes);
    let text = pdftotext(&path, None);
    // The long word is broken across lines but nothing is lost.
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains(&long_word), "long word lost");
    assert!(text.contains("3 extra") && text.contains("4 extra"));
    assert!(text.contains("no columns") && text.contains("extra"));
    // The 120-line cell had to be split over pages, and every line survives.
    assert!(text.matches("line").count() >= 120);
    assert!(text.contains("é ä"), "combining marks are composed");
}

#[test]
fn empty_document_has_one_page_with_footer() {
    let doc = Document {
        title: String::new(),
        subtitle: vec![],
        language: "en".into(),
        author: String::new(),
        blocks: vec![],
        page_label: PageLabel::english(),
        creation_date: common::date(),
    };
    let out = render(&doc).expect("render");
    if !have_tool("pdftotext") || !have_tool("pdfinfo") {
        return;
    }
    let (_dir, path) = write_temp(&out.bytes);
    assert_eq!(pdfinfo(&path)["Pages"], "1");
    assert_eq!(squash(&pdftotext(&path, None)), "Page 1 of 1");
}

#[test]
fn typical_checklist_is_small() {
    let out = render(&common::typical_checklist()).expect("render");
    assert!(out.bytes.len() < 60_000, "{} bytes", out.bytes.len());
}

#[test]
fn headings_stay_with_the_start_of_the_next_block() {
    if !have_tool("pdftotext") || !have_tool("pdfinfo") {
        return;
    }
    // Push the heading down line by line so that for some filler lengths it
    // lands at the bottom of page 1, where it must move to page 2 along with
    // the table's header and its (tall) first row.
    let tall = "FIRSTROW\n".to_string() + &"more\n".repeat(5);
    let mut moved = 0;
    for filler in 40..62 {
        let text = (0..filler)
            .map(|i| format!("Filler {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let doc = Document {
            blocks: vec![
                Block::Paragraph(text),
                Block::Heading("KEEPHEADING".into()),
                Block::Table {
                    columns: vec![Column::new("COLHEAD", 1.0)],
                    rows: vec![Row::checkbox(false, [tall.as_str()])],
                },
            ],
            ..common::long_table(0)
        };
        let out = render(&doc).expect("render");
        let (_dir, path) = write_temp(&out.bytes);
        let pages: usize = pdfinfo(&path)["Pages"].parse().expect("pages");
        let page_of = |needle: &str| {
            (1..=pages)
                .find(|&p| pdftotext(&path, Some((p, p))).contains(needle))
                .unwrap_or_else(|| panic!("{needle} not found (filler {filler})"))
        };
        let heading = page_of("KEEPHEADING");
        assert_eq!(heading, page_of("COLHEAD"), "filler {filler}");
        assert_eq!(heading, page_of("FIRSTROW"), "filler {filler}");
        if heading == 2 {
            moved += 1;
        }
    }
    assert!(moved > 0, "the filler never pushed the heading to page 2");
}
