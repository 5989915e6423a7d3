//! Writes page content streams directly.
//!
//! printpdf's own operation encoder formats every glyph id through
//! `core::fmt` and was a quarter of the render time; this writer produces the
//! same operators with table-driven hex and fixed-point numbers.

use std::collections::HashMap;

use crate::fonts::FontKind;
use crate::layout::{Item, Mark, Node, Rgb, PAGE_H};

/// Maps characters to the 2-byte codes of one embedded (subset) font.
pub(crate) struct CodeMap {
    /// Codes of U+0000..U+02FF (Latin), 0 where unmapped.
    latin: Vec<u16>,
    other: HashMap<char, u16>,
}

impl CodeMap {
    pub fn new() -> Self {
        CodeMap {
            latin: vec![0; 0x300],
            other: HashMap::new(),
        }
    }

    pub fn insert(&mut self, c: char, code: u16) {
        match self.latin.get_mut(c as usize) {
            Some(slot) => *slot = code,
            None => {
                self.other.insert(c, code);
            }
        }
    }

    pub fn get(&self, c: char) -> Option<u16> {
        match self.latin.get(c as usize) {
            Some(&code) if code != 0 => Some(code),
            Some(_) => None,
            None => self.other.get(&c).copied(),
        }
    }
}

/// Resource name of a face in the page resources.
pub(crate) fn resource_name(kind: FontKind) -> &'static str {
    match kind {
        FontKind::Regular => "DJVREG",
        FontKind::Bold => "DJVBLD",
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `v` with at most `decimals` (≤ 3) decimals, without trailing zeros.
fn num(out: &mut Vec<u8>, v: f32, decimals: u32) {
    let scale = 10i64.pow(decimals);
    let v = if v.is_finite() { v } else { 0.0 };
    let n = (f64::from(v) * scale as f64).round() as i64;
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let scale = scale as u64;
    out.extend_from_slice((n / scale).to_string().as_bytes());
    let mut frac = n % scale;
    if frac != 0 {
        out.push(b'.');
        let mut div = scale / 10;
        while frac != 0 && div != 0 {
            out.push(b'0' + (frac / div) as u8);
            frac %= div;
            div /= 10;
        }
    }
}

fn coord(out: &mut Vec<u8>, v: f32) {
    num(out, v, 2);
    out.push(b' ');
}

fn color(out: &mut Vec<u8>, c: Rgb, op: &[u8]) {
    for v in [c.0, c.1, c.2] {
        num(out, v, 3);
        out.push(b' ');
    }
    out.extend_from_slice(op);
    out.push(b'\n');
}

/// Graphics state already set in the stream, to skip redundant operators.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(FontKind, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
}

/// One encoded page: the content stream, and for each marked-content ID
/// (0, 1, …) the structure element whose content it is.
pub(crate) struct PageContent {
    pub stream: Vec<u8>,
    pub mcids: Vec<usize>,
}

/// Encodes one page. `codes` gives, per face, the code of every character
/// drawn with it; an unmapped character (which cannot happen for text that
/// went through `fonts::clean`) is written as code 0, `.notdef`.
///
/// Every run of items with the same [`Mark`] is one marked-content sequence:
/// `/Artifact BMC … EMC` for decoration, `/P <</MCID n>> BDC … EMC` (the
/// element's type) for content, so that every drawn thing is either tagged
/// or an artifact. Sequences never straddle a text object (`BT`/`ET`).
pub(crate) fn page(items: &[Item], codes: &[CodeMap; 2], tree: &[Node]) -> PageContent {
    let mut out = Vec::with_capacity(16 * 1024);
    out.extend_from_slice(b"1 j\n");
    let mut st = State::default();
    let mut mcids = Vec::new();
    let mut open: Option<Mark> = None;
    for item in items {
        if let Item::Text { text, .. } = item {
            if text.is_empty() {
                continue;
            }
        }
        let mark = item.mark();
        if open != Some(mark) {
            if st.in_text {
                out.extend_from_slice(b"ET\n");
                st.in_text = false;
            }
            if open.is_some() {
                out.extend_from_slice(b"EMC\n");
            }
            match mark {
                Mark::Artifact => out.extend_from_slice(b"/Artifact BMC\n"),
                Mark::Content(node) => {
                    out.push(b'/');
                    out.extend_from_slice(tree[node].role.name().as_bytes());
                    out.extend_from_slice(b" <</MCID ");
                    out.extend_from_slice(mcids.len().to_string().as_bytes());
                    out.extend_from_slice(b">> BDC\n");
                    mcids.push(node);
                }
            }
            open = Some(mark);
        }
        match item {
            Item::Text {
                x,
                baseline,
                font,
                size,
                color: c,
                text,
                ..
            } => {
                if !st.in_text {
                    out.extend_from_slice(b"BT\n");
                    st.in_text = true;
                }
                if st.font != Some((*font, *size)) {
                    out.push(b'/');
                    out.extend_from_slice(resource_name(*font).as_bytes());
                    out.push(b' ');
                    coord(&mut out, *size);
                    out.extend_from_slice(b"Tf\n");
                    st.font = Some((*font, *size));
                }
                if st.fill != Some(*c) {
                    color(&mut out, *c, b"rg");
                    st.fill = Some(*c);
                }
                out.extend_from_slice(b"1 0 0 1 ");
                coord(&mut out, *x);
                coord(&mut out, PAGE_H - baseline);
                out.extend_from_slice(b"Tm\n<");
                let map = &codes[*font as usize];
                for ch in text.chars() {
                    let code = map.get(ch).unwrap_or(0);
                    for shift in [12, 8, 4, 0] {
                        out.push(HEX[usize::from((code >> shift) & 0xf)]);
                    }
                }
                out.extend_from_slice(b"> Tj\n");
            }
            Item::Fill {
                x,
                y,
                w,
                h,
                color: c,
            } => {
                if st.in_text {
                    out.extend_from_slice(b"ET\n");
                    st.in_text = false;
                }
                if st.fill != Some(*c) {
                    color(&mut out, *c, b"rg");
                    st.fill = Some(*c);
                }
                coord(&mut out, *x);
                coord(&mut out, PAGE_H - y - h);
                coord(&mut out, *w);
                coord(&mut out, *h);
                out.extend_from_slice(b"re f\n");
            }
            Item::Stroke {
                points,
                closed,
                width,
                color: c,
                ..
            } => {
                if points.is_empty() {
                    continue;
                }
                if st.in_text {
                    out.extend_from_slice(b"ET\n");
                    st.in_text = false;
                }
                if st.stroke != Some(*c) {
                    color(&mut out, *c, b"RG");
                    st.stroke = Some(*c);
                }
                if st.line_width != Some(*width) {
                    coord(&mut out, *width);
                    out.extend_from_slice(b"w\n");
                    st.line_width = Some(*width);
                }
                for (i, &(x, y)) in points.iter().enumerate() {
                    coord(&mut out, x);
                    coord(&mut out, PAGE_H - y);
                    out.extend_from_slice(if i == 0 { b"m\n" } else { b"l\n" });
                }
                out.extend_from_slice(if *closed { b"h S\n" } else { b"S\n" });
            }
        }
    }
    if st.in_text {
        out.extend_from_slice(b"ET\n");
    }
    if open.is_some() {
        out.extend_from_slice(b"EMC\n");
    }
    PageContent { stream: out, mcids }
}

/// Reads the `bfchar` entries of a ToUnicode CMap as (code, text) pairs.
pub(crate) fn parse_to_unicode(cmap: &[u8]) -> Vec<(u16, String)> {
    fn hex_groups(line: &str) -> Vec<&str> {
        line.split('<')
            .skip(1)
            .filter_map(|s| s.split_once('>').map(|(h, _)| h))
            .collect()
    }
    let mut out = Vec::new();
    let text = String::from_utf8_lossy(cmap);
    let mut in_bfchar = false;
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            in_bfchar = true;
            continue;
        }
        if line == "endbfchar" {
            in_bfchar = false;
            continue;
        }
        if !in_bfchar {
            continue;
        }
        let groups = hex_groups(line);
        let [code, target] = groups[..] else {
            continue;
        };
        let Ok(code) = u16::from_str_radix(code, 16) else {
            continue;
        };
        let units: Vec<u16> = target
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .filter_map(|c| u16::from_str_radix(c, 16).ok())
            .collect();
        out.push((code, String::from_utf16_lossy(&units)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f32, d: u32) -> String {
        let mut out = Vec::new();
        num(&mut out, v, d);
        String::from_utf8(out).expect("ascii")
    }

    #[test]
    fn numbers() {
        assert_eq!(n(51.023624, 2), "51.02");
        assert_eq!(n(10.0, 2), "10");
        assert_eq!(n(0.5, 2), "0.5");
        assert_eq!(n(-3.256, 2), "-3.26");
        assert_eq!(n(0.05, 2), "0.05");
        assert_eq!(n(0.12156863, 3), "0.122");
        assert_eq!(n(f32::NAN, 2), "0");
        assert_eq!(n(-0.001, 2), "0");
    }

    #[test]
    fn to_unicode() {
        let cmap = b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
                     2 beginbfchar\n<0003> <0041>\n<0010> <D83DDE00>\nendbfchar\nendcmap\n";
        assert_eq!(
            parse_to_unicode(cmap),
            vec![(3, "A".to_string()), (16, "😀".to_string())]
        );
    }

    #[test]
    fn code_map() {
        let mut m = CodeMap::new();
        m.insert('a', 5);
        m.insert('中', 9);
        assert_eq!(m.get('a'), Some(5));
        assert_eq!(m.get('中'), Some(9));
        assert_eq!(m.get('b'), None);
        assert_eq!(m.get('文'), None);
    }
}
