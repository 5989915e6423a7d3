//! Visual regression check: page 1 of the typical checklist, rasterised by
//! `pdftoppm -r 50 -gray`, must match the committed reference image within a
//! tolerance. Regenerate the reference after an intended layout change with
//!
//! ```sh
//! UPDATE_REFERENCE=1 cargo test -p permit-pdf --test layout_reference
//! ```

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// An 8-bit greyscale image.
#[derive(Debug, PartialEq)]
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

/// Parses a binary PGM (`P5`, maxval 255), as written by `pdftoppm -gray`.
fn parse_pgm(data: &[u8]) -> Result<Gray, String> {
    let mut pos = 0;
    let mut fields = Vec::new();
    while fields.len() < 4 {
        // Skip whitespace and comments.
        while pos < data.len() && (data[pos].is_ascii_whitespace() || data[pos] == b'#') {
            if data[pos] == b'#' {
                while pos < data.len() && data[pos] != b'\n' {
                    pos += 1;
                }
            } else {
                pos += 1;
            }
        }
        let start = pos;
        while pos < data.len() && !data[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if start == pos {
            return Err("truncated PGM header".into());
        }
        fields.push(String::from_utf8_lossy(&data[start..pos]).into_owned());
    }
    pos += 1; // the single whitespace byte before the raster
    if fields[0] != "P5" {
        return Err(format!("not a binary PGM: {}", fields[0]));
    }
    let num = |i: usize| -> Result<usize, String> {
        fields[i]
            .parse()
            .map_err(|e| format!("bad PGM header field {:?}: {e}", fields[i]))
    };
    let (width, height, maxval) = (num(1)?, num(2)?, num(3)?);
    if maxval != 255 {
        return Err(format!("unsupported maxval {maxval}"));
    }
    let pixels = data
        .get(pos..pos + width * height)
        .ok_or("truncated PGM raster")?
        .to_vec();
    Ok(Gray {
        width,
        height,
        pixels,
    })
}

/// How far apart two images are.
#[derive(Debug)]
struct Difference {
    /// Mean absolute pixel difference, 0–255.
    mean: f64,
    /// Share of pixels that differ by more than a quarter of the range.
    strong: f64,
}

/// Compares the overlapping area; the sizes may differ by one pixel, since
/// poppler versions round the page size differently.
fn compare(a: &Gray, b: &Gray) -> Result<Difference, String> {
    if a.width.abs_diff(b.width) > 1 || a.height.abs_diff(b.height) > 1 {
        return Err(format!(
            "size differs: {}x{} vs {}x{}",
            a.width, a.height, b.width, b.height
        ));
    }
    let (w, h) = (a.width.min(b.width), a.height.min(b.height));
    let mut sum = 0u64;
    let mut strong = 0usize;
    for y in 0..h {
        let ra = &a.pixels[y * a.width..y * a.width + w];
        let rb = &b.pixels[y * b.width..y * b.width + w];
        for (&p, &q) in ra.iter().zip(rb) {
            let d = p.abs_diff(q);
            sum += u64::from(d);
            if d > 64 {
                strong += 1;
            }
        }
    }
    let n = (w * h).max(1) as f64;
    Ok(Difference {
        mean: sum as f64 / n,
        strong: strong as f64 / n,
    })
}

/// Thresholds: anti-aliasing differences between poppler versions stay far
/// below these; a moved block, a different font size or a lost line does not.
const MAX_MEAN: f64 = 1.0;
const MAX_STRONG: f64 = 0.004;

fn within_tolerance(d: &Difference) -> bool {
    d.mean < MAX_MEAN && d.strong < MAX_STRONG
}

fn rasterise_page1(pdf: &[u8], dir: &Path) -> Gray {
    let pdf_path = dir.join("page.pdf");
    std::fs::write(&pdf_path, pdf).expect("write pdf");
    let prefix = dir.join("page1");
    let status = Command::new("pdftoppm")
        .args(["-r", "50", "-gray", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf_path)
        .arg(&prefix)
        .status()
        .expect("run pdftoppm");
    assert!(status.success(), "pdftoppm failed");
    let data = std::fs::read(prefix.with_extension("pgm")).expect("read pgm");
    parse_pgm(&data).expect("parse pgm")
}

fn reference_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/checklist-page1.pgm")
}

#[test]
fn page_one_matches_the_reference_image() {
    if !common::have_tool("pdftoppm") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = permit_pdf::render(&common::typical_checklist()).expect("render");
    let actual = rasterise_page1(&out.bytes, dir.path());
    // A4 at 50 dpi is 413.4 x 584.6 pixels.
    assert!(
        (413..=414).contains(&actual.width) && (584..=585).contains(&actual.height),
        "A4 at 50 dpi, got {}x{}",
        actual.width,
        actual.height
    );

    let reference = reference_path();
    if std::env::var_os("UPDATE_REFERENCE").is_some_and(|v| v == "1") {
        let mut pgm = format!("P5\n{} {}\n255\n", actual.width, actual.height).into_bytes();
        pgm.extend_from_slice(&actual.pixels);
        std::fs::write(&reference, pgm).expect("write reference");
        eprintln!("reference image updated: {}", reference.display());
        return;
    }
    let expected = std::fs::read(&reference).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with UPDATE_REFERENCE=1 cargo test -p permit-pdf --test layout_reference",
            reference.display()
        )
    });
    let expected = parse_pgm(&expected).expect("parse reference");
    let diff = compare(&expected, &actual).expect("comparable images");
    if !within_tolerance(&diff) {
        // Keep the actual image for inspection.
        let target = std::env::temp_dir().join("permit-pdf-page1-actual.pgm");
        let mut pgm = format!("P5\n{} {}\n255\n", actual.width, actual.height).into_bytes();
        pgm.extend_from_slice(&actual.pixels);
        let _ = std::fs::write(&target, pgm);
        panic!(
            "page 1 differs from {}: {diff:?} (limits: mean {MAX_MEAN}, strong {MAX_STRONG}); \
             actual image written to {}",
            reference.display(),
            target.display()
        );
    }
}

/// The comparison is able to fail: a slightly changed document (one warning
/// fewer, so everything below moves up) is outside the tolerance.
#[test]
fn the_comparison_detects_a_layout_change() {
    if !common::have_tool("pdftoppm") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let original = rasterise_page1(
        &permit_pdf::render(&common::typical_checklist())
            .expect("render")
            .bytes,
        dir.path(),
    );
    let same = rasterise_page1(
        &permit_pdf::render(&common::typical_checklist())
            .expect("render")
            .bytes,
        dir.path(),
    );
    let d = compare(&original, &same).expect("comparable");
    assert!(within_tolerance(&d) && d.mean == 0.0, "{d:?}");

    let mut changed = common::typical_checklist();
    let first_warning = changed
        .blocks
        .iter()
        .position(|b| matches!(b, permit_pdf::Block::Callout { .. }))
        .expect("a callout");
    changed.blocks.remove(first_warning);
    let moved = rasterise_page1(
        &permit_pdf::render(&changed).expect("render").bytes,
        dir.path(),
    );
    let d = compare(&original, &moved).expect("comparable");
    assert!(
        !within_tolerance(&d),
        "a moved layout must be detected: {d:?}"
    );
}

#[test]
fn pgm_parser_handles_comments_and_rejects_garbage() {
    let img = parse_pgm(b"P5\n# comment\n2 1\n255\n\x00\xff").expect("parse");
    assert_eq!(
        img,
        Gray {
            width: 2,
            height: 1,
            pixels: vec![0, 255]
        }
    );
    assert!(parse_pgm(b"P6\n1 1\n255\n\x00\x00\x00").is_err());
    assert!(parse_pgm(b"P5\n2 2\n255\n\x00").is_err());
    assert!(parse_pgm(b"P5\n").is_err());
}
