//! Serializes laid-out pages deterministically: printpdf subsets and embeds
//! the fonts (with fixed resource names instead of its random ones), the
//! content streams are written by [`crate::content`], and the metadata comes
//! from the [`Document`] (no wall clock, no random document ID).

use std::collections::BTreeSet;

use lopdf::Object;
use printpdf::{
    FontId, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
};

use crate::content::{self, CodeMap};
use crate::fonts::{Face, FontKind, Fonts};
use crate::layout::{Item, LaidOut, PAGE_H_MM, PAGE_W_MM};
use crate::{Document, PdfError, PRODUCER};

const KINDS: [FontKind; 2] = [FontKind::Regular, FontKind::Bold];

/// The font resource names double as printpdf's subset tags
/// ("DJVREG+DejaVuSans"); `FontId::new()` would be random.
fn font_id(kind: FontKind) -> FontId {
    FontId(content::resource_name(kind).to_string())
}

fn err(what: &str) -> PdfError {
    PdfError::Serialize(what.to_string())
}

/// The code of every used character in the subset font `kind`, read back
/// from the ToUnicode CMap printpdf wrote for it — so drawing and text
/// extraction agree by construction.
fn read_codes(
    lo: &lopdf::Document,
    kind: FontKind,
    face: &Face,
    used: &BTreeSet<char>,
) -> Result<CodeMap, PdfError> {
    let mut map = CodeMap::new();
    if used.is_empty() {
        return Ok(map);
    }
    let name = content::resource_name(kind);
    // Page 1's /Resources /Font dictionary names both faces.
    let pages = lo.get_pages();
    let page_id = pages.values().next().ok_or_else(|| err("no pages"))?;
    let deref = |o: &Object| -> Result<Object, PdfError> {
        match o {
            Object::Reference(id) => lo
                .get_object(*id)
                .cloned()
                .map_err(|e| PdfError::Serialize(e.to_string())),
            other => Ok(other.clone()),
        }
    };
    let lookup = |dict: &lopdf::Dictionary, key: &str| -> Result<Object, PdfError> {
        deref(
            dict.get(key.as_bytes())
                .map_err(|_| PdfError::Serialize(format!("missing /{key}")))?,
        )
    };
    let page = lo
        .get_dictionary(*page_id)
        .map_err(|e| PdfError::Serialize(e.to_string()))?;
    let resources = lookup(page, "Resources")?;
    let resources = resources.as_dict().map_err(|_| err("bad /Resources"))?;
    let font_dict = lookup(resources, "Font")?;
    let font_dict = font_dict.as_dict().map_err(|_| err("bad /Font"))?;
    let font = lookup(font_dict, name)?;
    let font = font.as_dict().map_err(|_| err("bad font dictionary"))?;
    let to_unicode = lookup(font, "ToUnicode")?;
    let to_unicode = to_unicode.as_stream().map_err(|_| err("bad /ToUnicode"))?;
    let cmap = to_unicode
        .decompressed_content()
        .unwrap_or_else(|_| to_unicode.content.clone());

    // Characters that share a glyph appear once in the CMap: map the rest
    // through their glyph id.
    let mut by_gid = std::collections::HashMap::new();
    for (code, text) in content::parse_to_unicode(&cmap) {
        for c in text.chars() {
            map.insert(c, code);
            if let Some(gid) = face.parsed.lookup_glyph_index(c as u32) {
                by_gid.insert(gid, code);
            }
        }
    }
    for &c in used {
        if map.get(c).is_some() {
            continue;
        }
        let code = face
            .parsed
            .lookup_glyph_index(c as u32)
            .and_then(|gid| by_gid.get(&gid).copied())
            .ok_or_else(|| PdfError::Serialize(format!("the embedded font {name} lacks {c:?}")))?;
        map.insert(c, code);
    }
    Ok(map)
}

/// zlib level for streams. With the zlib-rs backend, levels 2–6 take about
/// the same time here (≈1.2 ms for a 3-page checklist) and 6 is the
/// smallest; level 9 is slower for 0.1 % less.
const DEFLATE_LEVEL: u32 = 6;

/// Deflates every stream that allows it (lopdf's own `compress` always uses
/// level 9).
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
    let mut used: [BTreeSet<char>; 2] = Default::default();
    for item in laid_out.pages.iter().flatten() {
        if let Item::Text { font, text, .. } = item {
            used[*font as usize].extend(text.chars());
        }
    }

    // printpdf only sees one show-text operation per face with every used
    // character, which is all it needs to subset the fonts and write their
    // widths and ToUnicode maps; the real content streams replace the page
    // contents afterwards.
    let mut collector = Vec::new();
    for kind in KINDS {
        if !used[kind as usize].is_empty() {
            collector.extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(font_id(kind)),
                    size: Pt(10.0),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(used[kind as usize].iter().collect())],
                },
                Op::EndTextSection,
            ]);
        }
    }
    let mut pages: Vec<PdfPage> = laid_out
        .pages
        .iter()
        .map(|_| PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), Vec::new()))
        .collect();
    if let Some(first) = pages.first_mut() {
        first.ops = collector;
    }

    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    let date = timestamp(doc.creation_date);
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.author = doc.author.clone();
    info.creator = "Permit Packet".to_string();
    info.producer = PRODUCER.to_string();
    for kind in KINDS {
        if !used[kind as usize].is_empty() {
            pdf.resources
                .fonts
                .map
                .insert(font_id(kind), PdfFont::new(fonts.face(kind).parsed.clone()));
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

    let codes = [
        read_codes(&lo, FontKind::Regular, &fonts.regular, &used[0])?,
        read_codes(&lo, FontKind::Bold, &fonts.bold, &used[1])?,
    ];
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    if page_ids.len() != laid_out.pages.len() {
        return Err(err("page count changed during serialization"));
    }
    for (page_id, items) in page_ids.into_iter().zip(&laid_out.pages) {
        let contents_id = lo
            .get_dictionary(page_id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| PdfError::Serialize(format!("page contents: {e}")))?;
        lo.objects.insert(
            contents_id,
            Object::Stream(lopdf::Stream::new(
                lopdf::Dictionary::new(),
                content::page(items, &codes),
            )),
        );
    }

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
