//! A Word document as Vietnamese administrative documents are laid out
//! (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, margins 20 mm top and bottom,
//! 30 mm left, 15 mm right, Times New Roman, body at 14 pt justified with
//! a first-line indent; and the few things those documents are made of:
//! paragraphs of runs, tables with or without borders, page breaks.
//!
//! Written here rather than with docx-rs: a document of paragraphs and
//! tables is four small XML parts in a stored zip (`xlsx::zip_store`, 0.5
//! KB, already in the worker); docx-rs brings its own zip writer and XML
//! layer for features these documents do not use.

use crate::model::text::escape_markup;
use crate::xlsx::zip_store::{stored_zip, TooLarge};

/// Half-points, as Word sizes fonts: 28 is 14 pt.
pub type HalfPoints = u32;
pub const BODY: HalfPoints = 28;
pub const SMALL: HalfPoints = 26;
pub const TABLE: HalfPoints = 24;
pub const NOTE: HalfPoints = 22;

/// Twentieths of a point ("twips"): 567 a centimetre.
const CM: u32 = 567;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

impl Align {
    fn word(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "both",
        }
    }
}

/// A piece of text in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub size: HalfPoints,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
            underline: false,
            size: BODY,
        }
    }

    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }

    pub fn size(mut self, size: HalfPoints) -> Run {
        self.size = size;
        self
    }

    pub fn underlined(mut self) -> Run {
        self.underline = true;
        self
    }
}

/// A paragraph: its runs, alignment, indent and spacing after.
#[derive(Clone, Debug, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// First-line indent, in twips.
    pub indent: u32,
    /// Space after, in twips.
    pub after: u32,
}

impl Para {
    pub fn new(align: Align, runs: Vec<Run>) -> Para {
        Para {
            runs,
            align,
            indent: 0,
            after: 0,
        }
    }

    /// A body paragraph: justified, first line indented 1 cm, 6 pt after.
    pub fn body(runs: Vec<Run>) -> Para {
        Para {
            runs,
            align: Align::Justify,
            indent: CM,
            after: 120,
        }
    }

    pub fn center(runs: Vec<Run>) -> Para {
        Para::new(Align::Center, runs)
    }

    pub fn after(mut self, twips: u32) -> Para {
        self.after = twips;
        self
    }
}

/// A table cell: its paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// Columns spanned.
    pub span: u32,
}

impl Cell {
    pub fn new(paras: Vec<Para>) -> Cell {
        Cell { paras, span: 1 }
    }

    /// One paragraph of one run.
    pub fn text(align: Align, run: Run) -> Cell {
        Cell::new(vec![Para::new(align, vec![run])])
    }
}

/// A table: column widths in millimetres, rows of cells; the first
/// `head` rows repeat on every page.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub widths_mm: Vec<u32>,
    pub rows: Vec<Vec<Cell>>,
    pub borders: bool,
    pub head: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// A document being written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn para(&mut self, p: Para) {
        self.blocks.push(Block::Para(p));
    }

    pub fn table(&mut self, t: Table) {
        self.blocks.push(Block::Table(t));
    }

    /// The .docx file.
    pub fn finish(&self) -> Result<Vec<u8>, TooLarge> {
        let mut body = String::new();
        for b in &self.blocks {
            match b {
                Block::Para(p) => para_xml(&mut body, p),
                Block::Table(t) => table_xml(&mut body, t),
            }
        }
        let document = format!(
            "{XML_HEAD}<w:document xmlns:w=\"{W_NS}\"><w:body>{body}{SECTION}</w:body></w:document>"
        );
        stored_zip(&[
            ("[Content_Types].xml".to_string(), CONTENT_TYPES.into()),
            ("_rels/.rels".to_string(), RELS.into()),
            (
                "word/_rels/document.xml.rels".to_string(),
                DOCUMENT_RELS.into(),
            ),
            ("word/styles.xml".to_string(), STYLES.into()),
            ("word/document.xml".to_string(), document.into_bytes()),
        ])
    }
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
</Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

/// Times New Roman 14 pt, Vietnamese, single spacing, for everything.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
</w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
</w:styles>";

/// A4 (11906 × 16838 twips); top and bottom 2 cm, left 3 cm, right 1.5 cm.
const SECTION: &str = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
</w:sectPr>";

/// The width between the margins, in millimetres (210 − 30 − 15).
pub const TEXT_WIDTH_MM: u32 = 165;

fn run_xml(out: &mut String, r: &Run) {
    out.push_str("<w:r><w:rPr>");
    if r.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if r.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    if r.underline {
        out.push_str("<w:u w:val=\"single\"/>");
    }
    out.push_str(&format!(
        "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/></w:rPr>",
        r.size
    ));
    // A line break inside a run's text is a <w:br/>.
    for (i, line) in r.text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        out.push_str("<w:t xml:space=\"preserve\">");
        escape_markup(out, line);
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

fn para_xml(out: &mut String, p: &Para) {
    out.push_str(&format!(
        "<w:p><w:pPr><w:spacing w:after=\"{}\"/><w:ind w:firstLine=\"{}\"/><w:jc w:val=\"{}\"/></w:pPr>",
        p.after,
        p.indent,
        p.align.word()
    ));
    for r in &p.runs {
        run_xml(out, r);
    }
    out.push_str("</w:p>");
}

fn table_xml(out: &mut String, t: &Table) {
    let twips = |mm: u32| mm * CM / 10;
    let total: u32 = t.widths_mm.iter().map(|&w| twips(w)).sum();
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/>"
    ));
    let border = if t.borders { "single" } else { "nil" };
    out.push_str(&format!(
        "<w:tblBorders><w:top w:val=\"{border}\" w:sz=\"4\"/><w:left w:val=\"{border}\" w:sz=\"4\"/>\
<w:bottom w:val=\"{border}\" w:sz=\"4\"/><w:right w:val=\"{border}\" w:sz=\"4\"/>\
<w:insideH w:val=\"{border}\" w:sz=\"4\"/><w:insideV w:val=\"{border}\" w:sz=\"4\"/></w:tblBorders>\
<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    ));
    for &w in &t.widths_mm {
        out.push_str(&format!("<w:gridCol w:w=\"{}\"/>", twips(w)));
    }
    out.push_str("</w:tblGrid>");
    for (i, row) in t.rows.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if i < t.head {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut col = 0usize;
        for cell in row {
            let span = cell.span.max(1) as usize;
            let w: u32 = t.widths_mm
                [col.min(t.widths_mm.len())..(col + span).min(t.widths_mm.len())]
                .iter()
                .map(|&w| twips(w))
                .sum();
            col += span;
            out.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>"
            ));
            if span > 1 {
                out.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
            }
            out.push_str("</w:tcPr>");
            if cell.paras.is_empty() {
                out.push_str("<w:p/>");
            }
            for p in &cell.paras {
                para_xml(out, p);
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_line_breaks_are_breaks() {
        let mut out = String::new();
        run_xml(&mut out, &Run::bold("a < b & \"c\"\nd\u{1}"));
        assert!(out.contains(
            "a &lt; b &amp; &quot;c&quot;</w:t><w:br/><w:t xml:space=\"preserve\">d</w:t>"
        ));
        assert!(out.contains("<w:b/>"));
    }

    #[test]
    fn a_document_is_a_zip_with_its_four_parts() {
        let mut d = Doc::default();
        d.para(Para::center(vec![Run::bold("BIÊN BẢN")]));
        let bytes = d.finish().unwrap();
        assert_eq!(&bytes[..2], b"PK");
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
        ] {
            assert!(
                bytes.windows(part.len()).any(|w| w == part.as_bytes()),
                "{part}"
            );
        }
    }
}
