//! Turns laid-out pages into printpdf operations and serializes the PDF
//! deterministically (fixed font resource names and document ID, metadata
//! from the [`Document`], no wall clock).

use printpdf::{
    Color, FontId, Line, LineJoinStyle, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix, WindingOrder,
};

use crate::fonts::{FontKind, Fonts};
use crate::layout::{Item, LaidOut, Rgb, PAGE_H, PAGE_H_MM, PAGE_W_MM};
use crate::{Document, PdfError, PRODUCER};

/// Resource names of the two faces. printpdf also uses the first six
/// characters as the subset tag ("DJVREG+DejaVuSans"); `FontId::new()` would
/// be random, so the map is filled by hand.
const REGULAR_ID: &str = "DJVREG";
const BOLD_ID: &str = "DJVBLD";

fn font_id(kind: FontKind) -> FontId {
    FontId(
        match kind {
            FontKind::Regular => REGULAR_ID,
            FontKind::Bold => BOLD_ID,
        }
        .to_string(),
    )
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(PAGE_H - y),
        },
        bezier: false,
    }
}

/// Graphics state already set in the content stream, to skip redundant ops.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(FontKind, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
}

impl State {
    fn end_text(&mut self, ops: &mut Vec<Op>) {
        if self.in_text {
            ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn fill(&mut self, ops: &mut Vec<Op>, c: Rgb) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }
}

fn page_ops(items: &[Item], used: &mut [bool; 2]) -> Vec<Op> {
    let mut ops = vec![Op::SetLineJoinStyle {
        join: LineJoinStyle::Round,
    }];
    let mut st = State::default();
    for item in items {
        match item {
            Item::Text {
                x,
                baseline,
                font,
                size,
                color: c,
                text,
            } => {
                if text.is_empty() {
                    continue;
                }
                if !st.in_text {
                    ops.push(Op::StartTextSection);
                    st.in_text = true;
                    // Text state survives ET, but re-stating it is cheap and
                    // robust against viewers that disagree.
                    st.font = None;
                }
                if st.font != Some((*font, *size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(*font)),
                        size: Pt(*size),
                    });
                    st.font = Some((*font, *size));
                }
                used[*font as usize] = true;
                st.fill(&mut ops, *c);
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(*x), Pt(PAGE_H - baseline)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
            }
            Item::Fill {
                x,
                y,
                w,
                h,
                color: c,
            } => {
                st.end_text(&mut ops);
                st.fill(&mut ops, *c);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_H - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Item::Stroke {
                points,
                closed,
                width,
                color: c,
            } => {
                st.end_text(&mut ops);
                if st.stroke != Some(*c) {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    st.stroke = Some(*c);
                }
                if st.line_width != Some(*width) {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    st.line_width = Some(*width);
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: points.iter().map(|&(x, y)| point(x, y)).collect(),
                        is_closed: *closed,
                    },
                });
            }
        }
    }
    st.end_text(&mut ops);
    ops
}

/// zlib level for streams: 4 gives within 3 % of level 9's size in well
/// under half of its time.
const DEFLATE_LEVEL: u32 = 4;

/// Deflates every stream that allows it. lopdf's own `compress` always uses
/// the slowest level (9), which made compression about 40 % of the render
/// time for little gain.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            flate2::Compression::new(DEFLATE_LEVEL),
        );
        let Ok(compressed) = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
        else {
            continue;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// A stable 128-bit FNV-1a hash (two 64-bit lanes), for the document ID.
fn fingerprint(data: &[u8]) -> [u8; 16] {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for &byte in data {
        a = (a ^ u64::from(byte)).wrapping_mul(PRIME);
        b = (b ^ u64::from(byte.rotate_left(3))).wrapping_mul(PRIME);
    }
    let mut out = [0; 16];
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
    out
}

/// The creation date as printpdf's timestamp (midnight UTC). Years outside
/// 0000–9999, which the PDF date format cannot hold, are clamped.
fn timestamp(date: chrono::NaiveDate) -> printpdf::OffsetDateTime {
    use chrono::Datelike;
    let (year, month, day) = match date.year() {
        y if y < 0 => (0, 1, 1),
        y if y > 9999 => (9999, 12, 31),
        y => (y, date.month() as u8, date.day() as u8),
    };
    printpdf::OffsetDateTime {
        date: printpdf::Date { year, month, day },
        time: printpdf::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

pub(crate) fn to_pdf(
    doc: &Document,
    fonts: &Fonts,
    laid_out: &LaidOut,
) -> Result<Vec<u8>, PdfError> {
    let mut used = [false; 2];
    let pages: Vec<PdfPage> = laid_out
        .pages
        .iter()
        .map(|items| PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), page_ops(items, &mut used)))
        .collect();

    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    let date = timestamp(doc.creation_date);
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.author = doc.author.clone();
    info.creator = "Permit Packet".to_string();
    info.producer = PRODUCER.to_string();
    for (kind, face) in [
        (FontKind::Regular, &fonts.regular),
        (FontKind::Bold, &fonts.bold),
    ] {
        if used[kind as usize] {
            pdf.resources
                .fonts
                .map
                .insert(font_id(kind), PdfFont::new(face.parsed.clone()));
        }
    }
    pdf.with_pages(pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);

    // What printpdf cannot express: catalog /Lang, showing the title instead
    // of the file name, and a document ID that does not come from its
    // process-global counter (which would make every render differ).
    lo.version = "1.7".to_string();
    let catalog = lo
        .catalog_mut()
        .map_err(|e| PdfError::Serialize(format!("no catalog: {e}")))?;
    let lang: String = doc
        .language
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if !lang.is_empty() {
        catalog.set("Lang", lopdf::Object::string_literal(lang));
    }
    catalog.set(
        "ViewerPreferences",
        lopdf::Dictionary::from_iter(vec![("DisplayDocTitle", lopdf::Object::Boolean(true))]),
    );
    // printpdf writes an empty /GTS_PDFXVersion into the info dictionary,
    // which makes tools report the file as PDF/X; drop it and the other
    // empty entries.
    if let Ok(info_id) = lo
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
    {
        if let Ok(info) = lo
            .get_object_mut(info_id)
            .and_then(lopdf::Object::as_dict_mut)
        {
            for key in ["GTS_PDFXVersion", "Identifier", "Subject", "Keywords"] {
                info.remove(key.as_bytes());
            }
        }
    }
    let id = fingerprint(format!("{PRODUCER}\n{doc:?}").as_bytes()).to_vec();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Serialize(e.to_string()))?;
    Ok(bytes)
}
