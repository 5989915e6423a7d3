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
use crate::layout::{Item, LaidOut, Role, PAGE_H_MM, PAGE_W_MM};
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
    let mut mcids = Vec::with_capacity(page_ids.len());
    for (&page_id, items) in page_ids.iter().zip(&laid_out.pages) {
        let contents_id = lo
            .get_dictionary(page_id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| PdfError::Serialize(format!("page contents: {e}")))?;
        let page = content::page(items, &codes, &laid_out.tree);
        lo.objects.insert(
            contents_id,
            Object::Stream(lopdf::Stream::new(lopdf::Dictionary::new(), page.stream)),
        );
        mcids.push(page.mcids);
    }
    let struct_root = structure_tree(&mut lo, laid_out, &page_ids, &mcids)?;
    let metadata = xmp_metadata(&mut lo, doc);

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
    catalog.set("StructTreeRoot", struct_root);
    catalog.set(
        "MarkInfo",
        lopdf::Dictionary::from_iter(vec![("Marked", lopdf::Object::Boolean(true))]),
    );
    catalog.set("Metadata", metadata);
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
    // The structure tree is hundreds of small dictionaries: packed into
    // compressed object streams (PDF 1.5) they cost a fraction of their
    // plain size.
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .max_objects_per_stream(500)
        .compression_level(DEFLATE_LEVEL)
        .build();
    lo.save_with_options(&mut bytes, options)
        .map_err(|e| PdfError::Serialize(e.to_string()))?;
    Ok(bytes)
}

/// Writes the structure tree of a tagged PDF (ISO 32000-1 §14.7–14.8):
/// one `/StructElem` per element of `laid_out.tree`, each content element's
/// kids its marked-content IDs (`mcids[page][mcid]` = element) — a plain
/// integer on the element's own page (`/Pg`), an `/MCR` on a later page —,
/// the `/ParentTree` from each page's IDs back to their elements, and
/// `/StructParents` on the pages. Returns the `/StructTreeRoot` reference.
fn structure_tree(
    lo: &mut lopdf::Document,
    laid_out: &LaidOut,
    page_ids: &[lopdf::ObjectId],
    mcids: &[Vec<usize>],
) -> Result<Object, PdfError> {
    use lopdf::{Dictionary, Object::Reference};
    let tree = &laid_out.tree;
    let root_id = lo.new_object_id();
    let ids: Vec<lopdf::ObjectId> = tree.iter().map(|_| lo.new_object_id()).collect();
    // Each element's content, in drawing order: (page index, MCID).
    let mut content: Vec<Vec<(usize, usize)>> = vec![Vec::new(); tree.len()];
    for (page, elements) in mcids.iter().enumerate() {
        for (mcid, &element) in elements.iter().enumerate() {
            content[element].push((page, mcid));
        }
    }
    for (i, node) in tree.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"StructElem".to_vec()));
        dict.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
        dict.set("P", Reference(node.parent.map_or(root_id, |p| ids[p])));
        let mut kids: Vec<Object> = node.kids.iter().map(|&k| Reference(ids[k])).collect();
        if let Some(&(first_page, _)) = content[i].first() {
            dict.set("Pg", Reference(page_ids[first_page]));
            for &(page, mcid) in &content[i] {
                let mcid = mcid as i64;
                kids.push(if page == first_page {
                    Object::Integer(mcid)
                } else {
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", Object::Name(b"MCR".to_vec())),
                        ("Pg", Reference(page_ids[page])),
                        ("MCID", Object::Integer(mcid)),
                    ]))
                });
            }
        }
        // A single kid stands alone (smaller, and what simple readers expect).
        match kids.len() {
            0 => {}
            1 => dict.set("K", kids.remove(0)),
            _ => dict.set("K", Object::Array(kids)),
        }
        if let Some(text) = node.actual_text {
            dict.set("ActualText", text_string(text));
        }
        if node.role == Role::TH {
            dict.set(
                "A",
                Dictionary::from_iter(vec![
                    ("O", Object::Name(b"Table".to_vec())),
                    ("Scope", Object::Name(b"Column".to_vec())),
                ]),
            );
        }
        lo.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let mut nums = Vec::with_capacity(2 * page_ids.len());
    for (page, (&page_id, elements)) in page_ids.iter().zip(mcids).enumerate() {
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(
            elements.iter().map(|&e| Reference(ids[e])).collect(),
        ));
        let page_dict = lo
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| PdfError::Serialize(format!("page: {e}")))?;
        page_dict.set("StructParents", Object::Integer(page as i64));
        page_dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    let parent_tree = lo.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    lo.objects.insert(
        root_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Array(vec![Reference(ids[0])])),
            ("ParentTree", Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(page_ids.len() as i64)),
        ])),
    );
    Ok(Reference(root_id))
}

/// A PDF text string in UTF-16BE with its byte order mark.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// `&`, `<`, `>` and quotes escaped for XML text and attributes.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no control characters but tab and line breaks.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP metadata stream (uncompressed, as readers expect): title,
/// author, language, producer, and the PDF/UA-1 identification. Returns its
/// reference for the catalog's `/Metadata`.
fn xmp_metadata(lo: &mut lopdf::Document, doc: &Document) -> Object {
    let lang: String = doc
        .language
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let lang = if lang.is_empty() {
        "x-default".to_string()
    } else {
        lang
    };
    let date = doc.creation_date.format("%Y-%m-%dT00:00:00Z");
    let xmp = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:CreatorTool>Permit Packet</xmp:CreatorTool>\n\
<pdf:Producer>{producer}</pdf:Producer>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n\
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>",
        title = xml_escape(&doc.title),
        author = xml_escape(&doc.author),
        producer = xml_escape(PRODUCER),
    );
    let mut stream = lopdf::Stream::new(
        lopdf::Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    );
    stream.allows_compression = false;
    Object::Reference(lo.add_object(stream))
}
