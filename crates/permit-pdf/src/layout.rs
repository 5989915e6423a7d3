//! Pass 1 lays the blocks out on pages as positioned items (coordinates in
//! points from the top-left corner); pass 2 adds the footers once the number
//! of pages is known.

use std::collections::BTreeSet;

use crate::fonts::{self, Face, FontKind, Fonts};
use crate::{Block, CalloutKind, Column, Document, Row};

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
pub(crate) const PAGE_W_MM: f32 = 210.0;
pub(crate) const PAGE_H_MM: f32 = 297.0;
pub(crate) const PAGE_W: f32 = PAGE_W_MM * MM;
pub(crate) const PAGE_H: f32 = PAGE_H_MM * MM;
const MARGIN_X: f32 = 18.0 * MM;
const TOP: f32 = 18.0 * MM;
/// Content ends above this line; the footer sits below it.
const BOTTOM: f32 = PAGE_H - 22.0 * MM;
const FOOTER_RULE: f32 = PAGE_H - 17.0 * MM;
const FOOTER_BASELINE: f32 = PAGE_H - 12.5 * MM;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const LEFT: f32 = MARGIN_X;
const RIGHT: f32 = PAGE_W - MARGIN_X;

const TITLE_SIZE: f32 = 18.0;
const SUBTITLE_SIZE: f32 = 9.5;
const HEADING_SIZE: f32 = 13.0;
const BODY_SIZE: f32 = 10.0;
const TABLE_SIZE: f32 = 9.5;
const TABLE_HEADER_SIZE: f32 = 8.5;
const FOOTNOTE_SIZE: f32 = 8.0;
const FOOTER_SIZE: f32 = 8.0;
const LINE: f32 = 1.3;

/// Vertical space between blocks.
const BLOCK_GAP: f32 = 9.0;

/// An RGB colour, components 0.0–1.0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub f32, pub f32, pub f32);

const fn hex(v: u32) -> Rgb {
    Rgb(
        ((v >> 16) & 0xff) as f32 / 255.0,
        ((v >> 8) & 0xff) as f32 / 255.0,
        (v & 0xff) as f32 / 255.0,
    )
}

const TEXT: Rgb = hex(0x1f2328);
const MUTED: Rgb = hex(0x59636e);
const ACCENT: Rgb = hex(0x1f3a5f);
const RULE: Rgb = hex(0xd3d8de);
const HEADER_BG: Rgb = hex(0xeceff3);
const HEADER_RULE: Rgb = hex(0x9aa5b1);
const HEADER_TEXT: Rgb = hex(0x2d3640);
const BOX: Rgb = hex(0x3a4450);
const TICK: Rgb = hex(0x1b6e34);
const WARN_BAR: Rgb = hex(0xc62828);
const WARN_BG: Rgb = hex(0xfdeeee);
const WARN_TITLE: Rgb = hex(0xa31515);
const INFO_BAR: Rgb = hex(0x2b6cb0);
const INFO_BG: Rgb = hex(0xebf3fb);
const INFO_TITLE: Rgb = hex(0x1d4f85);

/// A positioned drawing item. `y` values grow downwards from the page top.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Text {
        x: f32,
        baseline: f32,
        font: FontKind,
        size: f32,
        color: Rgb,
        text: String,
        mark: Mark,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    /// A stroked open or closed polyline.
    Stroke {
        points: Vec<(f32, f32)>,
        closed: bool,
        width: f32,
        color: Rgb,
        mark: Mark,
    },
}

impl Item {
    /// What the item is in the structure tree (fills are always decoration).
    pub fn mark(&self) -> Mark {
        match self {
            Item::Text { mark, .. } | Item::Stroke { mark, .. } => *mark,
            Item::Fill { .. } => Mark::Artifact,
        }
    }
}

/// What a drawn item is for a reader of the tagged PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Decoration, a repeated table header or the page footer: not read.
    Artifact,
    /// Content of the structure element with this index in [`LaidOut::tree`].
    Content(usize),
}

/// A PDF 1.7 standard structure type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    H1,
    H2,
    P,
    Div,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    Span,
}

impl Role {
    /// The structure type's name (`/S`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::P => "P",
            Role::Div => "Div",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Span => "Span",
        }
    }
}

/// One element of the structure tree: its type, its parent and its child
/// elements in reading order. Content elements (headings, paragraphs,
/// labels, cells) have no child elements; their content is the items marked
/// with their index, in the order drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub role: Role,
    /// Index of the parent element; the root (`Document`, index 0) has none.
    pub parent: Option<usize>,
    pub kids: Vec<usize>,
    /// What the element is read as instead of its content (a check box's
    /// drawing: "☐" or "☑").
    pub actual_text: Option<&'static str>,
}

/// The laid-out document.
pub(crate) struct LaidOut {
    pub pages: Vec<Vec<Item>>,
    pub replaced: BTreeSet<char>,
    /// The structure tree; element 0 is the `Document`.
    pub tree: Vec<Node>,
}

pub(crate) fn layout(doc: &Document, fonts: &Fonts) -> LaidOut {
    let mut ctx = Ctx {
        fonts,
        pages: Vec::new(),
        y: TOP,
        replaced: BTreeSet::new(),
        fresh: true,
        tree: vec![Node {
            role: Role::Document,
            parent: None,
            kids: Vec::new(),
            actual_text: None,
        }],
        mark: Mark::Artifact,
    };
    ctx.new_page();
    ctx.title(&doc.title, &doc.subtitle);
    for (i, block) in doc.blocks.iter().enumerate() {
        ctx.mark = Mark::Artifact;
        match block {
            Block::Heading(text) => ctx.heading(text, doc.blocks.get(i + 1)),
            Block::Paragraph(text) => ctx.paragraph(text),
            Block::KeyValues(pairs) => ctx.key_values(pairs),
            Block::Callout { kind, title, text } => ctx.callout(*kind, title, text),
            Block::Table { columns, rows } => ctx.table(columns, rows),
            Block::Footnotes(notes) => ctx.footnotes(notes),
        }
    }
    ctx.footers(doc);
    LaidOut {
        pages: ctx.pages,
        replaced: ctx.replaced,
        tree: ctx.tree,
    }
}

struct Ctx<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Item>>,
    /// Top of the free space on the current page.
    y: f32,
    replaced: BTreeSet<char>,
    /// Nothing has been placed on the current page yet.
    fresh: bool,
    /// The structure tree built so far (see [`LaidOut::tree`]).
    tree: Vec<Node>,
    /// How the text drawn next is marked.
    mark: Mark,
}

/// Horizontal and vertical padding of table cells.
const CELL_PAD_X: f32 = 5.0;
const CELL_PAD_Y: f32 = 4.5;

/// A table ready to draw: see [`Ctx::table_layout`].
struct TableLayout {
    /// Width of the check-box column (0 without check boxes).
    gutter: f32,
    /// Left edge of each text column.
    xs: Vec<f32>,
    /// Wrapped header cells (empty without a header row).
    header: Vec<Lines>,
    header_h: f32,
    /// Per row: check box, wrapped cells, number of lines.
    rows: Vec<(Option<bool>, Vec<Lines>, usize)>,
}

/// Text prepared for drawing: font, size, colour and wrapped lines.
struct Lines {
    font: FontKind,
    size: f32,
    color: Rgb,
    lines: Vec<String>,
}

impl Lines {
    fn line_height(&self) -> f32 {
        self.size * LINE
    }

    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.line_height()
    }
}

impl<'a> Ctx<'a> {
    fn face(&self, font: FontKind) -> &'a Face {
        self.fonts.face(font)
    }

    fn page(&mut self) -> &mut Vec<Item> {
        // `new_page` runs before anything is laid out, so there is a page.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
        self.fresh = true;
    }

    fn remaining(&self) -> f32 {
        BOTTOM - self.y
    }

    /// Starts a new page unless `h` points fit below the cursor (or the page
    /// is still empty, where breaking would not help).
    fn ensure(&mut self, h: f32) {
        if h > self.remaining() + 0.01 && !self.fresh {
            self.new_page();
        }
    }

    /// Vertical space before a block; dropped at the top of a page.
    fn gap(&mut self, h: f32) {
        if !self.fresh {
            self.y += h;
        }
    }

    /// Cleans and wraps `text`.
    fn lines(
        &mut self,
        text: &str,
        font: FontKind,
        size: f32,
        color: Rgb,
        width: f32,
        multiline: bool,
    ) -> Lines {
        let face = self.face(font);
        let cleaned = fonts::clean(text, face, multiline, &mut self.replaced);
        Lines {
            font,
            size,
            color,
            lines: fonts::wrap(face, size, width, &cleaned),
        }
    }

    /// Draws line `i` of `lines` in the line box whose top is `top`.
    fn draw_line(&mut self, lines: &Lines, i: usize, x: f32, top: f32) {
        let text = &lines.lines[i];
        if text.is_empty() {
            return;
        }
        let face = self.face(lines.font);
        // Centre the face's ascender–descender box in the line box.
        let baseline =
            top + lines.line_height() / 2.0 + (face.ascent + face.descent) * lines.size / 2.0;
        // A wrapped line ends with the space it was broken at, so that the
        // words on either side stay apart for text extraction and screen
        // readers (the space draws nothing).
        let mut text = text.clone();
        if i + 1 < lines.lines.len() {
            text.push(' ');
        }
        let item = Item::Text {
            x,
            baseline,
            font: lines.font,
            size: lines.size,
            color: lines.color,
            text,
            mark: self.mark,
        };
        self.page().push(item);
        self.fresh = false;
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.page().push(Item::Fill { x, y, w, h, color });
        self.fresh = false;
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Rgb) {
        self.page().push(Item::Stroke {
            points: vec![(x1, y), (x2, y)],
            closed: false,
            width,
            color,
            mark: Mark::Artifact,
        });
        self.fresh = false;
    }

    /// Adds a structure element under `parent` and returns its index.
    fn element(&mut self, role: Role, parent: usize) -> usize {
        let index = self.tree.len();
        self.tree.push(Node {
            role,
            parent: Some(parent),
            kids: Vec::new(),
            actual_text: None,
        });
        self.tree[parent].kids.push(index);
        index
    }

    /// Adds a content element under `parent` and marks the text drawn next
    /// as its content.
    fn content(&mut self, role: Role, parent: usize) -> usize {
        let index = self.element(role, parent);
        self.mark = Mark::Content(index);
        index
    }

    // ----- blocks -------------------------------------------------------

    fn title(&mut self, title: &str, subtitle: &[String]) {
        let title = self.lines(title, FontKind::Bold, TITLE_SIZE, TEXT, CONTENT_W, false);
        let lh = TITLE_SIZE * 1.2;
        if !title.lines.is_empty() {
            self.content(Role::H1, 0);
        }
        for i in 0..title.lines.len() {
            let top = self.y;
            self.draw_line(&title, i, LEFT, top);
            self.y += lh;
        }
        if !title.lines.is_empty() {
            self.y += 3.0;
        }
        for line in subtitle {
            let sub = self.lines(
                line,
                FontKind::Regular,
                SUBTITLE_SIZE,
                MUTED,
                CONTENT_W,
                true,
            );
            if !sub.lines.is_empty() {
                self.content(Role::P, 0);
            }
            for i in 0..sub.lines.len() {
                let top = self.y;
                self.draw_line(&sub, i, LEFT, top);
                self.y += sub.line_height();
            }
        }
        if !self.fresh {
            self.y += 5.0;
            let y = self.y;
            self.hline(LEFT, RIGHT, y, 1.2, ACCENT);
            self.y += 6.0;
        }
    }

    fn heading(&mut self, text: &str, next: Option<&Block>) {
        let lines = self.lines(text, FontKind::Bold, HEADING_SIZE, ACCENT, CONTENT_W, false);
        if lines.lines.is_empty() {
            return;
        }
        self.gap(BLOCK_GAP + 7.0);
        // Keep the heading with the start of what follows it.
        let after = 3.0;
        let keep = lines.height() + after + self.first_chunk_height(next);
        self.ensure(keep);
        self.content(Role::H2, 0);
        for i in 0..lines.lines.len() {
            let top = self.y;
            self.draw_line(&lines, i, LEFT, top);
            self.y += lines.line_height();
        }
        self.y += after - BLOCK_GAP;
    }

    /// The height of the smallest piece of `block` that can start a page,
    /// to keep a heading on the same page as the start of what follows it.
    fn first_chunk_height(&mut self, block: Option<&Block>) -> f32 {
        let body = BODY_SIZE * LINE;
        let page = BOTTOM - TOP;
        let h = match block {
            None | Some(Block::Heading(_)) => 0.0,
            Some(Block::Paragraph(text)) => {
                let lines = self.lines(text, FontKind::Regular, BODY_SIZE, TEXT, CONTENT_W, true);
                lines.lines.len().min(2) as f32 * body
            }
            Some(Block::KeyValues(_)) => 2.0 * body,
            Some(Block::Callout { .. }) => 3.0 * body + 14.0,
            Some(Block::Table { columns, rows }) => {
                let has_checkbox = rows.iter().any(|r| r.checkbox.is_some());
                let first = &rows[..rows.len().min(1)];
                match self.table_layout(columns, first, has_checkbox) {
                    Some(t) => {
                        let row = t
                            .rows
                            .first()
                            .map_or(0.0, |r| r.2 as f32 * TABLE_SIZE * LINE + 2.0 * CELL_PAD_Y);
                        t.header_h + row
                    }
                    None => 0.0,
                }
            }
            Some(Block::Footnotes(_)) => 12.0 + FOOTNOTE_SIZE * LINE,
        };
        // Keeping more than half a page together would leave big holes.
        h.min(page / 2.0)
    }

    fn paragraph(&mut self, text: &str) {
        let lines = self.lines(text, FontKind::Regular, BODY_SIZE, TEXT, CONTENT_W, true);
        if lines.lines.is_empty() {
            return;
        }
        self.gap(BLOCK_GAP);
        self.content(Role::P, 0);
        // Avoid a single orphaned first line at the bottom of a page.
        let lh = lines.line_height();
        self.ensure(lh * lines.lines.len().min(2) as f32);
        for i in 0..lines.lines.len() {
            self.ensure(lh);
            let top = self.y;
            self.draw_line(&lines, i, LEFT, top);
            self.y += lh;
        }
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        if pairs.is_empty() {
            return;
        }
        self.gap(BLOCK_GAP);
        let bold = self.face(FontKind::Bold);
        let widest = pairs
            .iter()
            .map(|(label, _)| bold.width(label, BODY_SIZE))
            .fold(0.0f32, f32::max);
        let col_gap = 12.0;
        // (+1: `wrap` keeps half a point of slack.)
        let label_w = (widest + 1.0).clamp(60.0, CONTENT_W * 0.38);
        let value_x = LEFT + label_w + col_gap;
        let value_w = RIGHT - value_x;
        let list = self.element(Role::L, 0);
        for (label, value) in pairs {
            let l = self.lines(label, FontKind::Bold, BODY_SIZE, TEXT, label_w, true);
            let v = self.lines(value, FontKind::Regular, BODY_SIZE, TEXT, value_w, true);
            let item = self.element(Role::LI, list);
            let (lbl, body) = (
                self.element(Role::Lbl, item),
                self.element(Role::LBody, item),
            );
            let lh = l.line_height();
            let n = l.lines.len().max(v.lines.len()).max(1);
            let pair_gap = 2.5;
            let fits_on_a_page = n as f32 * lh <= BOTTOM - TOP;
            if fits_on_a_page {
                self.ensure(n as f32 * lh);
            }
            for i in 0..n {
                self.ensure(lh);
                let top = self.y;
                if i < l.lines.len() {
                    self.mark = Mark::Content(lbl);
                    self.draw_line(&l, i, LEFT, top);
                }
                if i < v.lines.len() {
                    self.mark = Mark::Content(body);
                    self.draw_line(&v, i, value_x, top);
                }
                self.fresh = false;
                self.y += lh;
            }
            self.y += pair_gap;
        }
        self.y -= 2.5;
    }

    fn callout(&mut self, kind: CalloutKind, title: &str, text: &str) {
        let (bar, bg, title_color) = match kind {
            CalloutKind::Warning => (WARN_BAR, WARN_BG, WARN_TITLE),
            CalloutKind::Info => (INFO_BAR, INFO_BG, INFO_TITLE),
        };
        let bar_w = 3.5;
        let pad_x = 10.0;
        let pad_y = 7.0;
        let inner_x = LEFT + bar_w + pad_x;
        let inner_w = CONTENT_W - bar_w - 2.0 * pad_x;
        let t = self.lines(title, FontKind::Bold, BODY_SIZE, title_color, inner_w, true);
        let b = self.lines(text, FontKind::Regular, BODY_SIZE, TEXT, inner_w, true);
        if t.lines.is_empty() && b.lines.is_empty() {
            return;
        }
        let div = self.element(Role::Div, 0);
        let mut paragraph = |lines: &Lines| {
            if lines.lines.is_empty() {
                Mark::Artifact
            } else {
                Mark::Content(self.element(Role::P, div))
            }
        };
        let (title_p, text_p) = (paragraph(&t), paragraph(&b));
        // (lines, index, height, mark) in reading order, with a small gap
        // after the title.
        let mut rows: Vec<(&Lines, usize, f32, Mark)> = Vec::new();
        for i in 0..t.lines.len() {
            rows.push((&t, i, t.line_height(), title_p));
        }
        if !t.lines.is_empty() && !b.lines.is_empty() {
            if let Some(last) = rows.last_mut() {
                last.2 += 2.0;
            }
        }
        for i in 0..b.lines.len() {
            rows.push((&b, i, b.line_height(), text_p));
        }
        if rows.is_empty() {
            return;
        }
        self.gap(BLOCK_GAP);
        let total: f32 = rows.iter().map(|r| r.2).sum::<f32>() + 2.0 * pad_y;
        if total <= BOTTOM - TOP {
            // Keep the box together when it fits on a page.
            self.ensure(total);
        } else {
            // It has to be split anyway: start here if a few lines fit.
            let head: f32 = rows.iter().take(3).map(|r| r.2).sum();
            self.ensure(head + 2.0 * pad_y);
        }
        let mut next = 0;
        while next < rows.len() {
            // As many rows as fit on this page (at least one).
            let mut h = 2.0 * pad_y;
            let mut end = next;
            while end < rows.len() && (end == next || h + rows[end].2 <= self.remaining()) {
                h += rows[end].2;
                end += 1;
            }
            if end == next + 1 && h > self.remaining() && !self.fresh {
                self.new_page();
                continue;
            }
            let top = self.y;
            self.fill(LEFT, top, CONTENT_W, h, bg);
            self.fill(LEFT, top, bar_w, h, bar);
            let mut y = top + pad_y;
            for &(lines, i, lh, mark) in &rows[next..end] {
                self.mark = mark;
                self.draw_line(lines, i, inner_x, y);
                y += lh;
            }
            self.y = top + h;
            next = end;
            if next < rows.len() {
                self.new_page();
            }
        }
    }

    /// Column geometry and wrapped header and cells of a table (of `rows`,
    /// which may be just the first row when only measuring). `None` for a
    /// table with neither rows nor header.
    fn table_layout(
        &mut self,
        columns: &[Column],
        rows: &[Row],
        has_checkbox: bool,
    ) -> Option<TableLayout> {
        let default_column;
        let columns = if columns.is_empty() {
            default_column = [Column::new("", 1.0)];
            &default_column[..]
        } else {
            columns
        };
        let has_header = columns.iter().any(|c| !c.title.trim().is_empty());
        if rows.is_empty() && !has_header {
            return None;
        }
        let gutter = if has_checkbox { 20.0 } else { 0.0 };
        let weights: Vec<f32> = columns
            .iter()
            .map(|c| {
                if c.width.is_finite() && c.width > 0.0 {
                    c.width
                } else {
                    1.0
                }
            })
            .collect();
        let total: f32 = weights.iter().sum();
        let avail = CONTENT_W - gutter;
        let mut xs = Vec::with_capacity(columns.len());
        let mut x = LEFT + gutter;
        let widths: Vec<f32> = weights.iter().map(|w| avail * w / total).collect();
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let text_w = |i: usize| (widths[i] - 2.0 * CELL_PAD_X).max(1.0);

        let header: Vec<Lines> = if has_header {
            columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    self.lines(
                        &c.title,
                        FontKind::Bold,
                        TABLE_HEADER_SIZE,
                        HEADER_TEXT,
                        text_w(i),
                        true,
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let header_h = if has_header {
            header
                .iter()
                .map(Lines::height)
                .fold(TABLE_HEADER_SIZE * LINE, f32::max)
                + 2.0 * CELL_PAD_Y
        } else {
            0.0
        };

        let n = columns.len();
        let rows = rows
            .iter()
            .map(|row| {
                let mut cells: Vec<String> = row.cells.iter().take(n).cloned().collect();
                cells.resize(n, String::new());
                for extra in row.cells.iter().skip(n) {
                    let last = &mut cells[n - 1];
                    if !last.is_empty() {
                        last.push('\n');
                    }
                    last.push_str(extra);
                }
                let cells: Vec<Lines> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        self.lines(c, FontKind::Regular, TABLE_SIZE, TEXT, text_w(i), true)
                    })
                    .collect();
                let lines = cells
                    .iter()
                    .map(|c| c.lines.len())
                    .max()
                    .unwrap_or(0)
                    .max(1);
                (row.checkbox, cells, lines)
            })
            .collect();
        Some(TableLayout {
            gutter,
            xs,
            header,
            header_h,
            rows,
        })
    }

    fn table(&mut self, columns: &[Column], rows: &[Row]) {
        let has_checkbox = rows.iter().any(|r| r.checkbox.is_some());
        let Some(t) = self.table_layout(columns, rows, has_checkbox) else {
            return;
        };
        let (pad_x, pad_y) = (CELL_PAD_X, CELL_PAD_Y);
        let TableLayout {
            gutter,
            xs,
            header,
            header_h,
            rows: laid_rows,
        } = t;
        let body_lh = TABLE_SIZE * LINE;
        let row_h = |n: usize| n as f32 * body_lh + 2.0 * pad_y;

        self.gap(BLOCK_GAP);
        let first = laid_rows.first().map_or(0.0, |r| row_h(r.2));
        self.ensure(header_h + first.min(BOTTOM - TOP - header_h));
        let table = self.element(Role::Table, 0);
        let header_cells: Vec<usize> = if header.is_empty() {
            Vec::new()
        } else {
            let tr = self.element(Role::TR, table);
            (0..header.len())
                .map(|_| self.element(Role::TH, tr))
                .collect()
        };
        // The header is read once; its repetitions on later pages are
        // decoration.
        self.table_header(&header, &xs, header_h, pad_x, pad_y, Some(&header_cells));

        for (checkbox, cells, n) in &laid_rows {
            let tr = self.element(Role::TR, table);
            let data_cells: Vec<usize> = (0..cells.len())
                .map(|_| self.element(Role::TD, tr))
                .collect();
            let h = row_h(*n);
            if h > self.remaining() + 0.01 {
                // A row is never split, unless it cannot fit on any page.
                if h <= BOTTOM - TOP - header_h || self.remaining() < row_h(2) {
                    self.new_page();
                    self.table_header(&header, &xs, header_h, pad_x, pad_y, None);
                }
            }
            let mut start = 0;
            while start < *n {
                // (The small epsilon keeps rounding from splitting a row that fits.)
                let fit = ((self.remaining() + 0.02 - 2.0 * pad_y) / body_lh)
                    .floor()
                    .max(1.0) as usize;
                let end = (start + fit).min(*n);
                let top = self.y;
                if start == 0 {
                    if let Some(ticked) = checkbox {
                        // Read as the start of the first cell.
                        let span = self.element(Role::Span, data_cells[0]);
                        self.tree[span].actual_text =
                            Some(if *ticked { "\u{2611} " } else { "\u{2610} " });
                        self.checkbox(
                            LEFT + (gutter - 9.0) / 2.0,
                            top + pad_y + (body_lh - 9.0) / 2.0,
                            *ticked,
                            Mark::Content(span),
                        );
                    }
                }
                for (c, lines) in cells.iter().enumerate() {
                    self.mark = Mark::Content(data_cells[c]);
                    for i in start..end.min(lines.lines.len()) {
                        let line_top = top + pad_y + (i - start) as f32 * body_lh;
                        self.draw_line(lines, i, xs[c] + pad_x, line_top);
                    }
                }
                let h = row_h(end - start);
                self.y = top + h;
                self.fresh = false;
                self.hline(LEFT, RIGHT, top + h, 0.5, RULE);
                start = end;
                if start < *n {
                    self.new_page();
                    self.table_header(&header, &xs, header_h, pad_x, pad_y, None);
                }
            }
        }
    }

    /// Draws the header row; its text is the content of `cells` (the header
    /// cells' elements), or decoration where `None` (a repeated header).
    fn table_header(
        &mut self,
        header: &[Lines],
        xs: &[f32],
        h: f32,
        pad_x: f32,
        pad_y: f32,
        cells: Option<&[usize]>,
    ) {
        if header.is_empty() {
            return;
        }
        let top = self.y;
        self.fill(LEFT, top, CONTENT_W, h, HEADER_BG);
        for (c, lines) in header.iter().enumerate() {
            self.mark = cells
                .and_then(|cells| cells.get(c))
                .map_or(Mark::Artifact, |&cell| Mark::Content(cell));
            for i in 0..lines.lines.len() {
                let line_top = top + pad_y + i as f32 * lines.line_height();
                self.draw_line(lines, i, xs[c] + pad_x, line_top);
            }
        }
        self.hline(LEFT, RIGHT, top + h, 0.8, HEADER_RULE);
        self.y = top + h;
    }

    fn checkbox(&mut self, x: f32, y: f32, ticked: bool, mark: Mark) {
        let s = 9.0;
        self.page().push(Item::Stroke {
            points: vec![(x, y), (x + s, y), (x + s, y + s), (x, y + s)],
            closed: true,
            width: 0.8,
            color: BOX,
            mark,
        });
        if ticked {
            self.page().push(Item::Stroke {
                points: vec![(x + 1.9, y + 4.6), (x + 3.8, y + 6.9), (x + 7.4, y + 1.9)],
                closed: false,
                width: 1.4,
                color: TICK,
                mark,
            });
        }
    }

    fn footnotes(&mut self, notes: &[String]) {
        if notes.is_empty() {
            return;
        }
        self.gap(BLOCK_GAP + 4.0);
        let face = self.face(FontKind::Regular);
        let label_w = face.width(&format!("[{}]", notes.len()), FOOTNOTE_SIZE) + 5.0;
        let lh = FOOTNOTE_SIZE * LINE;
        self.ensure(5.0 + lh);
        let y = self.y;
        self.hline(LEFT, LEFT + 50.0, y, 0.5, MUTED);
        self.y += 5.0;
        let list = self.element(Role::L, 0);
        for (n, note) in notes.iter().enumerate() {
            let item = self.element(Role::LI, list);
            let (lbl, body) = (
                self.element(Role::Lbl, item),
                self.element(Role::LBody, item),
            );
            let lines = self.lines(
                note,
                FontKind::Regular,
                FOOTNOTE_SIZE,
                MUTED,
                CONTENT_W - label_w,
                true,
            );
            let label = Lines {
                font: FontKind::Regular,
                size: FOOTNOTE_SIZE,
                color: MUTED,
                lines: vec![format!("[{}]", n + 1)],
            };
            let count = lines.lines.len().max(1);
            for i in 0..count {
                self.ensure(lh);
                let top = self.y;
                if i == 0 {
                    self.mark = Mark::Content(lbl);
                    self.draw_line(&label, 0, LEFT, top);
                }
                if i < lines.lines.len() {
                    self.mark = Mark::Content(body);
                    self.draw_line(&lines, i, LEFT + label_w, top);
                }
                self.y += lh;
            }
            self.y += 1.5;
        }
    }

    /// Pass 2: "Page X of Y" (and the title) at the foot of every page.
    fn footers(&mut self, doc: &Document) {
        let pages = self.pages.len();
        let regular = self.face(FontKind::Regular);
        let mut replaced = BTreeSet::new();
        let title = fonts::clean(&doc.title, regular, false, &mut replaced);
        let title = fonts::truncate(regular, FOOTER_SIZE, CONTENT_W * 0.6, &title);
        for (i, page) in self.pages.iter_mut().enumerate() {
            let label = doc.page_label.format(i + 1, pages);
            let label = fonts::clean(&label, regular, false, &mut replaced);
            let label = fonts::truncate(regular, FOOTER_SIZE, CONTENT_W * 0.35, &label);
            let w = regular.width(&label, FOOTER_SIZE);
            page.push(Item::Stroke {
                points: vec![(LEFT, FOOTER_RULE), (RIGHT, FOOTER_RULE)],
                closed: false,
                width: 0.5,
                color: RULE,
                mark: Mark::Artifact,
            });
            if !title.is_empty() {
                page.push(Item::Text {
                    x: LEFT,
                    baseline: FOOTER_BASELINE,
                    font: FontKind::Regular,
                    size: FOOTER_SIZE,
                    color: MUTED,
                    text: title.clone(),
                    mark: Mark::Artifact,
                });
            }
            page.push(Item::Text {
                x: RIGHT - w,
                baseline: FOOTER_BASELINE,
                font: FontKind::Regular,
                size: FOOTER_SIZE,
                color: MUTED,
                text: label,
                mark: Mark::Artifact,
            });
        }
        self.replaced.extend(replaced);
    }
}
