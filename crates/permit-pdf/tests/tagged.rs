//! The tagged (accessible) PDF, read back by poppler (`pdfinfo -struct-text`),
//! qpdf (`qpdf --json`) and the PDF/UA checker `pdfua` (PyPI). A missing tool
//! fails the test: `scripts/install-deps.sh` installs all three.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{squash, write_temp};
use permit_pdf::{render, Block, Document};
use serde_json::Value;

fn run(tool: &str, args: &[&str], path: &Path) -> std::process::Output {
    Command::new(tool)
        .args(args)
        .arg(path)
        .output()
        .unwrap_or_else(|e| {
            panic!("`{tool}` is needed to check the tagged PDF ({e}); scripts/install-deps.sh installs it")
        })
}

/// The elements of `pdfinfo -struct-text` that carry text, in reading
/// order: (structure type, text with whitespace runs collapsed).
fn struct_text(path: &Path) -> Vec<(String, String)> {
    let out = run("pdfinfo", &["-struct-text"], path);
    assert!(out.status.success(), "pdfinfo -struct-text failed");
    let mut roles: Vec<(usize, String)> = Vec::new();
    let mut texts = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let indent = line.len() - line.trim_start().len();
        let line = line.trim();
        if let Some(text) = line.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
            while roles.last().is_some_and(|r| r.0 >= indent) {
                roles.pop();
            }
            let role = roles.last().map(|r| r.1.clone()).unwrap_or_default();
            texts.push((role, squash(text)));
        } else if let Some(role) = line.split([' ', ':']).next().filter(|r| !r.is_empty()) {
            if role.starts_with('/') {
                continue; // an attribute line ("/Scope /Column")
            }
            while roles.last().is_some_and(|r| r.0 >= indent) {
                roles.pop();
            }
            roles.push((indent, role.to_string()));
        }
    }
    texts
}

/// What a reader of `doc` must meet, in order: (structure type, text).
fn expected(doc: &Document) -> Vec<(&'static str, String)> {
    let mut e = vec![("H1", doc.title.clone())];
    e.extend(doc.subtitle.iter().map(|s| ("P", s.clone())));
    for block in &doc.blocks {
        match block {
            Block::Heading(t) => e.push(("H2", t.clone())),
            Block::Paragraph(t) => e.push(("P", t.clone())),
            Block::KeyValues(pairs) => {
                for (k, v) in pairs {
                    e.push(("Lbl", k.clone()));
                    e.push(("LBody", v.clone()));
                }
            }
            Block::Callout { title, text, .. } => {
                e.push(("P", title.clone()));
                e.push(("P", text.clone()));
            }
            Block::Table { columns, rows } => {
                e.extend(columns.iter().map(|c| ("TH", c.title.clone())));
                for row in rows {
                    e.extend(row.cells.iter().map(|c| ("TD", c.clone())));
                }
            }
            Block::Footnotes(notes) => {
                for (i, n) in notes.iter().enumerate() {
                    e.push(("Lbl", format!("[{}]", i + 1)));
                    e.push(("LBody", n.clone()));
                }
            }
        }
    }
    e.into_iter().map(|(r, t)| (r, squash(&t))).collect()
}

/// Every heading, paragraph, list entry and table cell of `doc` is in the
/// structure, in reading order, with its type, and nothing else is (the
/// footers and the repeated table headers are artifacts).
fn assert_structure_matches(doc: &Document) {
    let out = render(doc).expect("render");
    let (_dir, path) = write_temp(&out.bytes);
    let info = common::pdfinfo(&path);
    assert_eq!(info["Tagged"], "yes");
    let got: Vec<(String, String)> = struct_text(&path);
    let want = expected(doc);
    let got_pairs: Vec<(&str, &str)> = got.iter().map(|(r, t)| (r.as_str(), t.as_str())).collect();
    let want_pairs: Vec<(&str, &str)> = want.iter().map(|(r, t)| (*r, t.as_str())).collect();
    // (A check box is read through its /ActualText, which poppler prints as
    // an empty Span text: left out here, checked through qpdf below.)
    let got_pairs: Vec<(&str, &str)> = got_pairs
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let want_pairs: Vec<(&str, &str)> = want_pairs
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .collect();
    for (i, (g, w)) in got_pairs.iter().zip(&want_pairs).enumerate() {
        assert_eq!(g, w, "structure element {i} differs");
    }
    assert_eq!(
        got_pairs.len(),
        want_pairs.len(),
        "structure has {} text elements, the document {}",
        got_pairs.len(),
        want_pairs.len()
    );
}

#[test]
fn structure_holds_every_heading_and_table_row_in_reading_order() {
    assert_structure_matches(&common::typical_checklist());
}

#[test]
fn a_table_over_seven_pages_is_one_table_with_one_header_row() {
    // Rows continue on later pages (their cells are marked content of
    // those pages) and the repeated header rows are not read again.
    let doc = common::long_table(200);
    assert_structure_matches(&doc);
}

/// `qpdf --json` of `bytes`: (all objects by "N 0 R", page object refs).
fn qpdf_json(bytes: &[u8]) -> (serde_json::Map<String, Value>, Vec<String>) {
    let (_dir, path) = write_temp(bytes);
    let out = run("qpdf", &["--json", "--json-stream-data=inline"], &path);
    assert!(out.status.success(), "qpdf --json failed");
    let json: Value = serde_json::from_slice(&out.stdout).expect("qpdf JSON");
    let objects = json["qpdf"][1].as_object().expect("qpdf objects").clone();
    let objects = objects
        .into_iter()
        .map(|(k, v)| (k.trim_start_matches("obj:").to_string(), v))
        .collect();
    let pages = json["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| p["object"].as_str().expect("page ref").to_string())
        .collect();
    (objects, pages)
}

fn value<'a>(objects: &'a serde_json::Map<String, Value>, r: &str) -> &'a Value {
    let o = &objects[r];
    if o.get("stream").is_some() {
        &o["stream"]["dict"]
    } else {
        &o["value"]
    }
}

#[test]
fn catalog_pages_and_parent_tree_say_what_a_tagged_pdf_must() {
    let mut doc = common::typical_checklist();
    doc.language = "da".into();
    doc.title = "Tjekliste <& \"Åse\">".into();
    let out = render(&doc).expect("render");
    let (objects, pages) = qpdf_json(&out.bytes);
    let root_ref = objects["trailer"]["value"]["/Root"]
        .as_str()
        .expect("/Root");
    let catalog = value(&objects, root_ref);
    assert_eq!(catalog["/MarkInfo"]["/Marked"], Value::Bool(true));
    assert_eq!(catalog["/Lang"], "u:da");
    assert_eq!(
        catalog["/ViewerPreferences"]["/DisplayDocTitle"],
        Value::Bool(true)
    );
    // The XMP metadata names the title (escaped) and claims PDF/UA-1.
    let metadata = &objects[catalog["/Metadata"].as_str().expect("/Metadata")]["stream"];
    let xmp = String::from_utf8(base64_decode(metadata["data"].as_str().expect("XMP data")))
        .expect("utf-8");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(
        xmp.contains("Tjekliste &lt;&amp; &quot;Åse&quot;&gt;"),
        "{xmp}"
    );

    let tree_root = value(&objects, catalog["/StructTreeRoot"].as_str().expect("tree"));
    assert_eq!(tree_root["/Type"], "/StructTreeRoot");
    assert_eq!(tree_root["/ParentTreeNextKey"], pages.len());
    let parent_tree = value(
        &objects,
        tree_root["/ParentTree"].as_str().expect("parent tree"),
    );
    let nums = parent_tree["/Nums"].as_array().expect("/Nums");
    assert_eq!(nums.len(), 2 * pages.len());
    let mut mcids = 0;
    for (i, page_ref) in pages.iter().enumerate() {
        let page = value(&objects, page_ref);
        assert_eq!(page["/StructParents"], i, "page {}", i + 1);
        assert_eq!(nums[2 * i], i);
        // Each marked-content ID of the page names an element whose kids
        // hold that ID on that page.
        for (mcid, element) in nums[2 * i + 1]
            .as_array()
            .expect("array")
            .iter()
            .enumerate()
        {
            let e = value(&objects, element.as_str().expect("element ref"));
            assert_eq!(e["/Type"], "/StructElem");
            let kids = match &e["/K"] {
                Value::Array(a) => a.clone(),
                other => vec![other.clone()],
            };
            let on_this_page = kids.iter().any(|k| match k {
                Value::Number(n) => {
                    n.as_u64() == Some(mcid as u64) && e["/Pg"] == page_ref.as_str()
                }
                Value::Object(mcr) => mcr["/MCID"] == mcid && mcr["/Pg"] == page_ref.as_str(),
                _ => false,
            });
            assert!(on_this_page, "page {} MCID {mcid}: {e}", i + 1);
            mcids += 1;
        }
    }
    assert!(mcids > 100, "only {mcids} marked-content sequences");
    // Header cells carry their scope, check boxes their state as text.
    let elements: Vec<&Value> = objects
        .values()
        .filter_map(|o| o.get("value"))
        .filter(|v| v["/Type"] == "/StructElem")
        .collect();
    let th: Vec<_> = elements.iter().filter(|e| e["/S"] == "/TH").collect();
    assert_eq!(th.len(), 3);
    assert!(th.iter().all(|e| e["/A"]["/Scope"] == "/Column"));
    let boxes: Vec<_> = elements
        .iter()
        .filter_map(|e| e["/ActualText"].as_str())
        .collect();
    assert_eq!(boxes.len(), 30, "one per document row");
    assert_eq!(boxes.iter().filter(|t| t.starts_with("u:☑")).count(), 10);
    assert_eq!(boxes.iter().filter(|t| t.starts_with("u:☐")).count(), 20);
}

/// A small base64 decoder (qpdf gives inline stream data in base64).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let digits: Vec<u32> = text.bytes().filter_map(value).collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk.iter().fold(0u32, |acc, d| acc << 6 | d) << (6 * (4 - chunk.len()));
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

/// The `pdfua` checker from PyPI: `$PDFUA`, else the virtualenv
/// `scripts/install-deps.sh` makes (`target/pdfua-venv`), else on `PATH`.
fn pdfua() -> PathBuf {
    if let Some(p) = std::env::var_os("PDFUA") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pdfua-venv/bin/pdfua");
    if venv.exists() {
        return venv;
    }
    PathBuf::from("pdfua")
}

/// `pdfua check` of one file: (exit code, findings, rules run, rules skipped).
fn pdfua_check(bytes: &[u8]) -> (i32, Vec<Value>, u64, u64) {
    let (_dir, path) = write_temp(bytes);
    let tool = pdfua();
    let out = Command::new(&tool)
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "the PDF/UA checker `{}` is needed ({e}); scripts/install-deps.sh installs it",
                tool.display()
            )
        });
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "pdfua printed no JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let summary = &json["summary"];
    (
        out.status.code().unwrap_or(-1),
        json["findings"].as_array().cloned().unwrap_or_default(),
        summary["rules_run"].as_u64().unwrap_or(0),
        summary["rules_skipped"].as_u64().unwrap_or(u64::MAX),
    )
}

#[test]
fn the_pdfua_checker_finds_nothing_and_skips_no_rule() {
    let mut danish = common::typical_checklist();
    danish.language = "da".into();
    for doc in [common::typical_checklist(), danish, common::long_table(200)] {
        let out = render(&doc).expect("render");
        let (code, findings, run, skipped) = pdfua_check(&out.bytes);
        assert_eq!((code, skipped), (0, 0), "{findings:#?}");
        assert!(findings.is_empty(), "{findings:#?}");
        assert!(run >= 12, "only {run} rules ran");
    }
}

#[test]
fn the_pdfua_check_can_fail() {
    // The same PDF without its structure tree and /MarkInfo: untagged.
    let out = render(&common::typical_checklist()).expect("render");
    let mut pdf = lopdf::Document::load_mem(&out.bytes).expect("lopdf reads it");
    let catalog = pdf.catalog_mut().expect("catalog");
    catalog.remove(b"StructTreeRoot");
    catalog.remove(b"MarkInfo");
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).expect("save");
    let (code, findings, _, _) = pdfua_check(&bytes);
    assert_eq!(code, 3, "errors expected: {findings:#?}");
    let rules: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["rule_id"].as_str())
        .collect();
    assert!(rules.contains(&"UA-01-005"), "{rules:?}");
    assert!(rules.contains(&"UA-01-002"), "{rules:?}");
}
