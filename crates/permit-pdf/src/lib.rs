//! Renders a generic checklist document model to an A4 PDF.
//!
//! `permit-pdf` knows nothing about permits: a caller (for Permit Packet, an
//! adapter from the plan of `permit-core`) builds a [`Document`] out of
//! [`Block`]s — headings, paragraphs, label/value lists, callouts, tables with
//! check boxes and footnotes — and [`render`] lays it out on A4 pages:
//!
//! * DejaVu Sans (regular and bold, embedded in the binary and subset into the
//!   PDF) so that Danish letters and most accented Latin, Greek and Cyrillic
//!   text are real, selectable, extractable text;
//! * text is wrapped by measuring the glyph advances of that font, words longer
//!   than a line are broken mid-word;
//! * tables flow onto following pages with their header row repeated, and a
//!   row is never split across pages (unless a single row is taller than a
//!   whole page);
//! * every page carries a footer "Page X of Y" in the document's language
//!   ([`PageLabel`]);
//! * the same [`Document`] always gives the same bytes: no wall clock, no
//!   random identifiers;
//! * the PDF is tagged for screen readers (PDF/UA-1 as far as the `pdfua`
//!   checker sees): a structure tree — `Document` with the title as `H1`,
//!   the subtitle lines and paragraphs as `P`, headings as `H2`, label/value
//!   lists and footnotes as `L`/`LI`/`Lbl`/`LBody`, callouts as a `Div` of
//!   two `P`, tables as `Table`/`TR`/`TH` (scope: column)/`TD` with each
//!   check box read as "☐"/"☑" (`/ActualText`) —, every drawn item either
//!   marked content of its element (`/MCID`, `/ParentTree`,
//!   `/StructParents`) or an `/Artifact` (rules, backgrounds, repeated table
//!   headers, footers), `/MarkInfo`, `/Lang`, the title shown
//!   (`/DisplayDocTitle`) and XMP metadata with the PDF/UA identification.
//!   printpdf 0.12 has no tagging API: the content streams are ours
//!   (`content.rs`) and the tree is written through its lopdf (`draw.rs`).
//!
//! Characters the font lacks (CJK ideographs, most emoji, …) are replaced with
//! U+FFFD and reported in [`RenderOutput::replaced`], so the caller can warn.
//!
//! Limits, by design: text is drawn glyph by glyph from the font's character
//! map — no kerning, ligatures or complex shaping, so Arabic and Hebrew come
//! out unjoined and left to right (combining accents are composed first, so
//! "e" + U+0301 prints as "é"); text is wrapped at spaces only, not
//! hyphenated. Control characters other than line breaks and tabs, and
//! invisible formatting characters (zero-width space, variation selectors,
//! bidi controls), are dropped.
//!
//! Rendering a typical three-page checklist takes about 3–4 ms and gives a
//! file of about 46 KB, tagged; the objects are packed into compressed
//! object streams (`cargo bench -p permit-pdf --bench render`).
//!
//! # Example
//!
//! ```
//! use permit_pdf::{Block, CalloutKind, Column, Document, PageLabel, Row, render};
//!
//! let doc = Document {
//!     title: "Permit checklist — Ana Åsa Østergård".into(),
//!     subtitle: vec!["Case: Pay limit scheme".into(), "Generated 2025-01-31".into()],
//!     language: "en".into(),
//!     author: "Permit Packet".into(),
//!     creation_date: chrono::NaiveDate::from_ymd_opt(2025, 1, 31).unwrap(),
//!     page_label: PageLabel::english(),
//!     blocks: vec![
//!         Block::Heading("Documents".into()),
//!         Block::Callout {
//!             kind: CalloutKind::Warning,
//!             title: "Passport expires soon".into(),
//!             text: "Renew it before you apply.".into(),
//!         },
//!         Block::Table {
//!             columns: vec![Column::new("Document", 2.0), Column::new("Source", 1.0)],
//!             rows: vec![
//!                 Row::checkbox(false, ["Passport, all pages", "You"]),
//!                 Row::checkbox(true, ["Signed employment contract", "Employer"]),
//!             ],
//!         },
//!         Block::Footnotes(vec!["nyidanmark.dk, page checked 2025-01-30".into()]),
//!     ],
//! };
//! let out = render(&doc)?;
//! assert!(out.bytes.starts_with(b"%PDF-"));
//! assert!(out.replaced.is_empty());
//! # Ok::<(), permit_pdf::PdfError>(())
//! ```

#![warn(missing_docs)]

mod content;
mod draw;
mod fonts;
mod layout;

use std::path::{Path, PathBuf};

/// The producer written into the PDF metadata: `"Permit Packet <version>"`.
pub const PRODUCER: &str = concat!("Permit Packet ", env!("CARGO_PKG_VERSION"));

/// A document to render: a title block followed by [`Block`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title, printed large and bold at the top of page 1 and stored as the
    /// PDF title (e.g. "Permit checklist — Ana Åsa Østergård").
    pub title: String,
    /// Lines printed in grey under the title (case, generated date,
    /// rules-as-of date, …).
    pub subtitle: Vec<String>,
    /// BCP-47 language tag ("en", "da"), stored as the PDF catalog `/Lang`.
    pub language: String,
    /// Author stored in the PDF metadata.
    pub author: String,
    /// The content, top to bottom.
    pub blocks: Vec<Block>,
    /// How the footer page numbers are written.
    pub page_label: PageLabel,
    /// Creation (and modification) date stored in the PDF metadata, as
    /// midnight UTC. It is an input, never the wall clock, so the same
    /// document always renders to the same bytes.
    pub creation_date: chrono::NaiveDate,
}

/// One piece of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading (bold, larger); kept on the same page as the start of
    /// the block that follows it.
    Heading(String),
    /// Body text, wrapped; `'\n'` starts a new line. May continue on the next
    /// page.
    Paragraph(String),
    /// `label: value` lines in two columns (labels bold on the left). A pair
    /// is never split across pages.
    KeyValues(Vec<(String, String)>),
    /// A boxed note; [`CalloutKind::Warning`] is drawn with a red bar and a
    /// bold red title, [`CalloutKind::Info`] in blue.
    Callout {
        /// Warning or information.
        kind: CalloutKind,
        /// Bold first line of the box.
        title: String,
        /// The body text of the box (wrapped, `'\n'` starts a new line).
        text: String,
    },
    /// A table with a shaded header row that is repeated on every page the
    /// table continues on. Cells wrap; a row is never split across pages.
    /// If any row has a check box, a narrow check-box column is drawn first.
    /// Rows with fewer cells than columns get empty cells; cells beyond the
    /// last column are appended to the last column on new lines.
    Table {
        /// Column titles and relative widths.
        columns: Vec<Column>,
        /// The rows, top to bottom.
        rows: Vec<Row>,
    },
    /// Small notes numbered `[1]`, `[2]`, … under a short rule.
    Footnotes(Vec<String>),
}

/// The kind of a [`Block::Callout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalloutKind {
    /// Something that can make the application fail: drawn prominently in red.
    Warning,
    /// Helpful information: drawn in blue.
    Info,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Width relative to the other columns (e.g. 3.0 and 1.0 give 75 % and
    /// 25 % of the width left after the check-box column). Values that are
    /// not finite and positive count as 1.0.
    pub width: f32,
}

impl Column {
    /// A column with the given header text and relative width.
    pub fn new(title: impl Into<String>, width: f32) -> Self {
        Column {
            title: title.into(),
            width,
        }
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// `None`: no check box; `Some(false)`: an empty box; `Some(true)`: a
    /// ticked box.
    pub checkbox: Option<bool>,
    /// Cell texts, one per column.
    pub cells: Vec<String>,
}

impl Row {
    /// A row without a check box.
    pub fn new<I, S>(cells: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Row {
            checkbox: None,
            cells: cells.into_iter().map(Into::into).collect(),
        }
    }

    /// A row with a check box, ticked when `ticked` is true.
    pub fn checkbox<I, S>(ticked: bool, cells: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Row {
            checkbox: Some(ticked),
            cells: cells.into_iter().map(Into::into).collect(),
        }
    }
}

/// How the footer page number is written: a format string in which `{page}`
/// is replaced by the page number and `{pages}` by the number of pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageLabel {
    /// The format, e.g. `"Page {page} of {pages}"`.
    pub format: String,
}

impl PageLabel {
    /// A label with a custom format containing `{page}` and `{pages}`.
    pub fn new(format: impl Into<String>) -> Self {
        PageLabel {
            format: format.into(),
        }
    }

    /// `"Page {page} of {pages}"`.
    pub fn english() -> Self {
        PageLabel::new("Page {page} of {pages}")
    }

    /// `"Side {page} af {pages}"`.
    pub fn danish() -> Self {
        PageLabel::new("Side {page} af {pages}")
    }

    /// The English or Danish label for a BCP-47 tag (`"da"`, `"da-DK"` →
    /// Danish; anything else → English).
    pub fn for_language(tag: &str) -> Self {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("da") {
            PageLabel::danish()
        } else {
            PageLabel::english()
        }
    }

    /// The label for one page, e.g. `format(2, 5)` → `"Page 2 of 5"`.
    pub fn format(&self, page: usize, pages: usize) -> String {
        self.format
            .replace("{pages}", &pages.to_string())
            .replace("{page}", &page.to_string())
    }
}

impl Default for PageLabel {
    fn default() -> Self {
        PageLabel::english()
    }
}

/// The result of [`render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOutput {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Characters of the input that the font cannot draw, sorted and without
    /// duplicates. Each was drawn as U+FFFD (a `?` in a diamond) instead.
    pub replaced: Vec<char>,
}

/// Errors from rendering or writing a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be parsed (a build problem, not a user
    /// input problem).
    #[error("the embedded font {name} could not be parsed: {reason}")]
    Font {
        /// The font file name.
        name: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// The PDF could not be serialized.
    #[error("the PDF could not be serialized: {0}")]
    Serialize(String),
    /// Writing the file failed; nothing was left at `path` or next to it.
    #[error("could not write the PDF to {}: {source}", path.display())]
    Write {
        /// The file that was to be written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// Lays out and renders `doc` as an A4 PDF.
///
/// Never panics on user text: empty strings, control characters, emoji, CJK
/// and words longer than a line are all handled (see [`RenderOutput::replaced`]).
/// The result depends only on `doc`: rendering the same document twice gives
/// identical bytes.
pub fn render(doc: &Document) -> Result<RenderOutput, PdfError> {
    let fonts = fonts::Fonts::get()?;
    let laid_out = layout::layout(doc, fonts);
    let bytes = draw::to_pdf(doc, fonts, &laid_out)?;
    Ok(RenderOutput {
        bytes,
        replaced: laid_out.replaced.into_iter().collect(),
    })
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same
/// folder, flushed to disk, then renamed over `path`; a new file is private
/// (0600), a replaced one keeps its mode ([`permit_files::write_atomic`]).
///
/// Readers see either the old file or the complete new one. On failure the
/// temporary file is removed, and the error names `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), PdfError> {
    write_replacing(path, bytes, true)
}

/// [`write_atomic`] without flushing to disk: still never a half-written
/// file for a reader, but a power cut may lose it. For many files that can
/// be written again (a batch export), where a flush per file costs more than
/// the writing.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> Result<(), PdfError> {
    write_replacing(path, bytes, false)
}

fn write_replacing(path: &Path, bytes: &[u8], durable: bool) -> Result<(), PdfError> {
    permit_files::write_atomic(path, bytes, durable).map_err(|source| PdfError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_label_formats() {
        assert_eq!(PageLabel::english().format(2, 5), "Page 2 of 5");
        assert_eq!(PageLabel::danish().format(1, 1), "Side 1 af 1");
        assert_eq!(PageLabel::for_language("da-DK"), PageLabel::danish());
        assert_eq!(PageLabel::for_language("en"), PageLabel::english());
        assert_eq!(PageLabel::new("{page}/{pages}").format(3, 12), "3/12");
    }
}
