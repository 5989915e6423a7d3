//! The embedded DejaVu fonts: parsing (once per process), glyph coverage,
//! text clean-up, measuring and line wrapping.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::ParsedFont;
use unicode_normalization::UnicodeNormalization;

use crate::PdfError;

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Which of the two faces a piece of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FontKind {
    Regular,
    Bold,
}

/// One parsed face plus the metrics the layout needs, in em units.
pub(crate) struct Face {
    pub parsed: ParsedFont,
    /// Ascender above the baseline (positive), in em.
    pub ascent: f32,
    /// Descender below the baseline (negative), in em.
    pub descent: f32,
    units_per_em: f32,
    /// Advances of U+0000..U+00FF in em; `None` where the font has no glyph.
    latin1: Vec<Option<f32>>,
    /// What a missing character is drawn as: U+FFFD if the face has it.
    pub replacement: char,
}

impl Face {
    fn parse(name: &'static str, bytes: &[u8]) -> Result<Face, PdfError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| PdfError::Font {
                name,
                reason: format!("{warnings:?}"),
            })?;
        let m = parsed.font_metrics;
        let units_per_em = if m.units_per_em == 0 {
            1000.0
        } else {
            f32::from(m.units_per_em)
        };
        let mut face = Face {
            ascent: m.ascent / units_per_em,
            descent: m.descent / units_per_em,
            units_per_em,
            parsed,
            latin1: Vec::new(),
            replacement: '?',
        };
        face.latin1 = (0u32..256)
            .map(|cp| char::from_u32(cp).and_then(|c| face.lookup_advance(c)))
            .collect();
        if face.has(char::REPLACEMENT_CHARACTER) {
            face.replacement = char::REPLACEMENT_CHARACTER;
        }
        Ok(face)
    }

    fn lookup_advance(&self, c: char) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(c as u32)?;
        if gid == 0 {
            return None;
        }
        Some(f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em)
    }

    /// Whether the face has a real glyph (not `.notdef`) for `c`.
    pub fn has(&self, c: char) -> bool {
        match self.latin1.get(c as usize) {
            Some(adv) => adv.is_some(),
            None => self.lookup_advance(c).is_some(),
        }
    }

    /// Advance of `c` in em (0 for characters without a glyph).
    fn advance(&self, c: char) -> f32 {
        match self.latin1.get(c as usize) {
            Some(adv) => adv.unwrap_or(0.0),
            None => self.lookup_advance(c).unwrap_or(0.0),
        }
    }

    /// Width of `text` in points at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

/// Both faces, parsed once per process.
pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

static FONTS: OnceLock<Result<Fonts, (&'static str, String)>> = OnceLock::new();

impl Fonts {
    pub fn get() -> Result<&'static Fonts, PdfError> {
        let parsed = FONTS.get_or_init(|| {
            let regular = Face::parse("DejaVuSans.ttf", REGULAR_TTF);
            let bold = Face::parse("DejaVuSans-Bold.ttf", BOLD_TTF);
            match (regular, bold) {
                (Ok(regular), Ok(bold)) => Ok(Fonts { regular, bold }),
                (Err(PdfError::Font { name, reason }), _)
                | (_, Err(PdfError::Font { name, reason })) => Err((name, reason)),
                (Err(e), _) | (_, Err(e)) => Err(("DejaVu", e.to_string())),
            }
        });
        match parsed {
            Ok(fonts) => Ok(fonts),
            Err((name, reason)) => Err(PdfError::Font {
                name,
                reason: reason.clone(),
            }),
        }
    }

    pub fn face(&self, kind: FontKind) -> &Face {
        match kind {
            FontKind::Regular => &self.regular,
            FontKind::Bold => &self.bold,
        }
    }
}

/// Characters dropped without a trace: invisible formatting characters that
/// would otherwise show up as replacement marks (zero-width spaces and joiners,
/// bidi controls, word joiners, byte-order marks, variation selectors, tags).
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Makes `text` drawable with `face`: NFC-normalises it (so a decomposed
/// "é" uses the precomposed glyph), turns tabs into spaces and line breaks into
/// `'\n'` (or spaces when `multiline` is false), drops other control and
/// invisible formatting characters, and replaces characters the face lacks
/// with its replacement character, recording them in `replaced`.
pub(crate) fn clean(
    text: &str,
    face: &Face,
    multiline: bool,
    replaced: &mut BTreeSet<char>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_cr = false;
    // Most text is already NFC (always so for ASCII): skip the normaliser.
    let normalized: Box<dyn Iterator<Item = char>> =
        match unicode_normalization::is_nfc_quick(text.chars()) {
            unicode_normalization::IsNormalized::Yes => Box::new(text.chars()),
            _ => Box::new(text.nfc()),
        };
    for c in normalized {
        let was_cr = std::mem::replace(&mut prev_cr, c == '\r');
        match c {
            '\n' if was_cr => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' | '\u{000B}' | '\u{000C}' => {
                out.push(if multiline { '\n' } else { ' ' })
            }
            '\t' => out.push(' '),
            c if c.is_control() || is_ignorable(c) => {}
            c if face.has(c) => out.push(c),
            c => {
                replaced.insert(c);
                out.push(face.replacement);
            }
        }
    }
    out
}

/// Wraps already [`clean`]ed text into lines no wider than `width` points.
///
/// Breaks at spaces (runs of spaces collapse to one); a word wider than the
/// line is broken between characters. `'\n'` forces a break, and an empty hard
/// line gives an empty line. Empty text gives no lines.
pub(crate) fn wrap(face: &Face, size: f32, width: f32, text: &str) -> Vec<String> {
    // The PDF stores widths rounded to 1/1000 em; leave a little slack.
    let width = (width - 0.5).max(size);
    let space = face.width(" ", size);
    let mut lines = Vec::new();
    if text.is_empty() {
        return lines;
    }
    for hard in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0f32;
        for word in hard.split(' ').filter(|w| !w.is_empty()) {
            let word_w = face.width(word, size);
            if line.is_empty() {
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
            } else if line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            } else {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
            }
            // A word longer than a whole line: break it between characters;
            // the last piece starts the next line.
            for c in word.chars() {
                let w = face.width(c.encode_utf8(&mut [0; 4]), size);
                if !line.is_empty() && line_w + w > width {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// `text` shortened with "…" so that it is no wider than `width` points.
pub(crate) fn truncate(face: &Face, size: f32, width: f32, text: &str) -> String {
    if face.width(text, size) <= width {
        return text.to_string();
    }
    let ellipsis = if face.has('…') { "…" } else { "..." };
    let budget = width - face.width(ellipsis, size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = face.width(c.encode_utf8(&mut [0; 4]), size);
        if w + cw > budget {
            break;
        }
        out.push(c);
        w += cw;
    }
    let mut out = out.trim_end().to_string();
    out.push_str(ellipsis);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().expect("embedded fonts parse")
    }

    #[test]
    fn metrics_are_sane() {
        let f = fonts();
        assert!(f.regular.ascent > 0.7 && f.regular.ascent < 1.1);
        assert!(f.regular.descent < -0.1 && f.regular.descent > -0.4);
        let w = f.regular.width("Hello", 10.0);
        assert!(w > 20.0 && w < 40.0, "{w}");
        assert!(f.bold.width("Hello", 10.0) > w);
        assert_eq!(f.regular.replacement, '\u{FFFD}');
        for c in "æøåÆØÅéüñłő".chars() {
            assert!(f.regular.has(c) && f.bold.has(c), "{c}");
        }
    }

    #[test]
    fn clean_replaces_and_drops() {
        let f = fonts();
        let mut replaced = BTreeSet::new();
        let s = clean(
            "a\tb\u{0}c\r\nd\u{200B}e\u{FE0F}中",
            &f.regular,
            true,
            &mut replaced,
        );
        assert_eq!(s, "a bc\nde\u{FFFD}");
        assert_eq!(replaced.into_iter().collect::<Vec<_>>(), vec!['中']);
        let mut replaced = BTreeSet::new();
        assert_eq!(clean("x\ny", &f.bold, false, &mut replaced), "x y");
        // Decomposed e + combining acute becomes the precomposed letter.
        assert_eq!(clean("e\u{301}", &f.regular, false, &mut replaced), "é");
    }

    #[test]
    fn wrap_respects_width_and_breaks_long_words() {
        let f = &fonts().regular;
        assert!(wrap(f, 10.0, 100.0, "").is_empty());
        let text = "the quick brown fox jumps over the lazy dog ".repeat(5);
        let lines = wrap(f, 10.0, 100.0, &text);
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(f.width(l, 10.0) <= 100.0, "{l}");
        }
        assert_eq!(lines.join(" "), text.trim_end());
        let long = "x".repeat(500);
        let lines = wrap(f, 10.0, 100.0, &long);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat(), long);
        assert_eq!(wrap(f, 10.0, 100.0, "a\n\nb"), vec!["a", "", "b"]);
        // Even an absurdly narrow column makes progress.
        assert_eq!(wrap(f, 10.0, 0.0, "abc").concat(), "abc");
    }

    #[test]
    fn truncate_fits() {
        let f = &fonts().regular;
        let t = truncate(f, 8.0, 60.0, &"Permit checklist ".repeat(10));
        assert!(t.ends_with('…'));
        assert!(f.width(&t, 8.0) <= 60.0);
        assert_eq!(truncate(f, 8.0, 60.0, "short"), "short");
    }
}
