//! Bytes → sparse sheets. Recognises the format from the bytes (never the
//! file name), refuses what cannot or should not be read with a specific
//! error, and never allocates in proportion to what a file merely claims.

use super::ImportError;
use calamine::{
    CfbError, Data, DataRef, Ods, OdsError, Reader, SheetVisible, Xls, XlsError, Xlsb, Xlsx,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read, Seek};

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Largest total of a zip's inflated entries, as declared in its directory.
pub const MAX_INFLATED_BYTES: u64 = 200 * 1024 * 1024;
/// Most non-empty cells read from a workbook.
pub const MAX_CELLS: usize = 2_000_000;
/// Longest text kept from one cell (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;
/// Most sheets read from a workbook (a bloc's has one per unit at most:
/// tens, a few hundred for the largest).
pub const MAX_SHEETS: usize = 1_000;
/// Most bytes of text kept from the cells of a workbook (a long string
/// shared by many cells is counted once per cell).
pub const MAX_TEXT_BYTES: usize = 100 * 1024 * 1024;

// The readers that build a whole workbook when it is opened (xls, ods)
// check the same limits inside calamine (vendor/calamine/PATCHES.md).
const _: () = assert!(
    MAX_CELLS == calamine::limits::MAX_CELLS && MAX_TEXT_BYTES == calamine::limits::MAX_TEXT_BYTES
);

/// The container format, as recognised from the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// A cell value, text already in NFC.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    Num(f64),
}

impl Val {
    /// The text as a person sees it (numbers in plain form).
    pub fn text(&self) -> String {
        match self {
            Val::Text(s) => s.clone(),
            Val::Num(n) => fmt_num(*n),
        }
    }
}

/// Shortest decimal form of a number read from a cell (1.0 → "1", 2.5 → "2.5").
pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{:.10}", n);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// One sheet, sparse: only cells holding something.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub name: String,
    pub hidden: bool,
    /// row → its cells (0-based).
    pub rows: BTreeMap<u32, Cells>,
    /// Merged regions: (first row, first col, last row, last col).
    pub merges: Vec<(u32, u32, u32, u32)>,
}

impl Grid {
    pub fn get(&self, row: u32, col: u32) -> Option<&Val> {
        self.rows.get(&row).and_then(|r| r.get(&col))
    }

    pub fn text(&self, row: u32, col: u32) -> String {
        self.get(row, col).map(|v| v.text()).unwrap_or_default()
    }

    /// The merged region whose top-left cell is (row, col), if any.
    #[cfg(test)]
    pub fn merge_at(&self, row: u32, col: u32) -> Option<(u32, u32, u32, u32)> {
        self.merges
            .iter()
            .copied()
            .find(|m| m.0 == row && m.1 == col)
    }
}

/// One row's cells by column, in column order. A row holds few cells: a
/// sorted Vec is smaller and quicker to fill than a map (the cells arrive
/// in order), and as quick to search. The reader appends cells as they
/// come and sorts a row once at the end of its sheet when some came out of
/// order (one sorted insertion each was quadratic in a row written in
/// reverse).
#[derive(Clone, Debug, Default)]
pub struct Cells(Vec<(u32, Val)>, Order);

/// Whether a row's cells are still in column order, one per column.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Order {
    #[default]
    Sorted,
    Appended,
}

fn pair(e: &(u32, Val)) -> (&u32, &Val) {
    (&e.0, &e.1)
}

impl Cells {
    pub fn get(&self, col: &u32) -> Option<&Val> {
        let i = self.0.binary_search_by_key(col, |e| e.0).ok()?;
        Some(&self.0[i].1)
    }

    /// Sets a cell, replacing what it held.
    pub fn insert(&mut self, col: u32, v: Val) {
        match self.0.last() {
            Some(last) if last.0 >= col => match self.0.binary_search_by_key(&col, |e| e.0) {
                Ok(i) => self.0[i].1 = v,
                Err(i) => self.0.insert(i, (col, v)),
            },
            _ => self.0.push((col, v)),
        }
    }

    /// Appends a cell; [`Cells::settle`] puts the row in order again.
    fn push(&mut self, col: u32, v: Val) {
        if self.0.last().is_some_and(|last| last.0 >= col) {
            self.1 = Order::Appended;
        }
        self.0.push((col, v));
    }

    /// Column order, one cell per column (the last written wins), after
    /// [`Cells::push`]: O(n log n) whatever the order the cells came in.
    fn settle(&mut self) {
        if self.1 == Order::Sorted {
            return;
        }
        self.1 = Order::Sorted;
        // Stable: of two cells in one column, the later stays later.
        self.0.sort_by_key(|e| e.0);
        let mut kept: Vec<(u32, Val)> = Vec::with_capacity(self.0.len());
        for e in self.0.drain(..) {
            match kept.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => kept.push(e),
            }
        }
        self.0 = kept;
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&u32, &Val)> {
        self.0.iter().map(pair)
    }

    pub fn keys(&self) -> impl Iterator<Item = &u32> {
        self.0.iter().map(|e| &e.0)
    }

    pub fn values(&self) -> impl Iterator<Item = &Val> {
        self.0.iter().map(|e| &e.1)
    }

    /// The cells in columns `cols`, in column order: a search, not a pass
    /// over the row.
    pub fn range(
        &self,
        cols: std::ops::RangeInclusive<u32>,
    ) -> impl DoubleEndedIterator<Item = (&u32, &Val)> {
        let lo = self.0.partition_point(|e| e.0 < *cols.start());
        let hi = self.0.partition_point(|e| e.0 <= *cols.end());
        self.0[lo..hi.max(lo)].iter().map(pair)
    }

    /// The nearest cell left of `col`.
    pub fn before(&self, col: u32) -> Option<(&u32, &Val)> {
        let i = self.0.partition_point(|e| e.0 < col);
        self.0.get(i.checked_sub(1)?).map(pair)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Cells {
    type Item = (&'a u32, &'a Val);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (u32, Val)>, fn(&(u32, Val)) -> (&u32, &Val)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(pair)
    }
}

impl Grid {
    /// Every row in column order again, after the reader's appends.
    fn settle(&mut self) {
        for cells in self.rows.values_mut() {
            cells.settle();
        }
    }
}

/// A workbook read into sparse sheets.
#[derive(Debug)]
pub struct Book {
    pub format: Format,
    pub sheets: Vec<Grid>,
}

/// Recognises the format and reads every sheet.
pub fn read_book(bytes: &[u8]) -> Result<Book, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            limit_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let format = sniff(bytes)?;
    // calamine can panic on some malformed files (the fuzzer found one in
    // its compound-file reader). Natively that is caught here; in the
    // browser the import runs in a worker, so a panic there cannot take
    // the page down.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_format(bytes, format)))
        .unwrap_or_else(|_| Err(ImportError::Broken("calamine panicked".into())))
}

fn read_format(bytes: &[u8], format: Format) -> Result<Book, ImportError> {
    let mut tally = Tally::default();
    let sheets = match format {
        Format::Xlsx => read_xlsx(bytes, &mut tally)?,
        Format::Xlsb => read_xlsb(bytes, &mut tally)?,
        Format::Xls => read_xls(bytes, &mut tally)?,
        Format::Ods => {
            let wb = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
                OdsError::CellLimitExceeded { .. } => too_many_cells(),
                OdsError::TextLimitExceeded { .. } => too_much_text(),
                e => broken(&e),
            })?;
            read_ranges(wb, &mut tally)?
        }
    };
    Ok(Book { format, sheets })
}

fn broken(e: &dyn std::fmt::Display) -> ImportError {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        ImportError::Encrypted
    } else if lower.contains("eof") || lower.contains("end of") || lower.contains("truncat") {
        ImportError::Truncated
    } else {
        ImportError::Broken(msg)
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY: &[u8] = b"PK\x05\x06";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decides the format from the bytes alone.
fn sniff(bytes: &[u8]) -> Result<Format, ImportError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY) {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted OOXML workbook is a compound file holding an
        // "EncryptedPackage" stream (its name is stored in UTF-16).
        let needle: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
            return Err(ImportError::Encrypted);
        }
        return Ok(Format::Xls);
    }
    if looks_like_text(bytes) {
        return Err(ImportError::Csv);
    }
    Err(ImportError::NotSpreadsheet)
}

/// CSV, TSV, HTML-as-xls and other text files.
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // A cut inside a multi-byte character at the end of the window.
        Err(e) if e.valid_up_to() + 4 >= head.len() => {
            match std::str::from_utf8(&head[..e.valid_up_to()]) {
                Ok(t) => t,
                Err(_) => return false,
            }
        }
        Err(_) => return false,
    };
    !text.is_empty()
        && !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

fn sniff_zip(bytes: &[u8]) -> Result<Format, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
        zip::result::ZipError::InvalidArchive(_) | zip::result::ZipError::Io(_) => {
            ImportError::Truncated
        }
        e => ImportError::Broken(e.to_string()),
    })?;
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(zip.len().min(10_000));
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|_| ImportError::Truncated)?;
        total = total.saturating_add(f.size());
        names.push(f.name().map(|n| n.to_string()).unwrap_or_default());
    }
    if total > MAX_INFLATED_BYTES {
        return Err(ImportError::TooLarge {
            limit_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has_macros(&names, &mut zip) {
        return Err(ImportError::Macro);
    }
    if has("xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Ok(Format::Xlsb);
    }
    if has("content.xml") && has("mimetype") {
        let mut mime = String::new();
        if let Ok(f) = zip.by_name("mimetype") {
            let _ = f.take(200).read_to_string(&mut mime);
        }
        if mime.contains("spreadsheet") {
            return Ok(Format::Ods);
        }
        return Err(ImportError::NotWorkbook);
    }
    Err(ImportError::NotWorkbook)
}

/// Most bytes read from one part of the package while sniffing.
const MAX_SNIFF_PART: u64 = 1 << 20;
/// Most relationship parts read while sniffing (a workbook has a few, plus
/// one per sheet with notes or drawings).
const MAX_SNIFF_RELS: usize = 2_000;

/// Whether the package carries macros, decided by its parts whatever they
/// are called: a VBA project or an Excel 4.0 macro sheet, found by its
/// usual name, by the content type [Content_Types].xml gives a part, or
/// as the target of a relationship of a macro type; or a main part of a
/// macro-enabled type (an .xlsm, .xltm, .xlam). Nothing is run: such files
/// are refused because they are not ours to pass on.
fn has_macros<R: Read + Seek>(names: &[String], zip: &mut zip::ZipArchive<R>) -> bool {
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    if lower
        .iter()
        .any(|n| n == "xl/vbaproject.bin" || n.starts_with("xl/macrosheets/"))
    {
        return true;
    }
    let types = read_part(zip, "[Content_Types].xml");
    // Looked up per part: maps, not lists (a package may hold tens of
    // thousands of parts and types). The first entry for a name counts.
    let mut defaults: HashMap<String, String> = HashMap::new();
    for a in xml_elements(&types, "Default") {
        if let (Some(ext), Some(t)) = (attr(&a, "Extension"), attr(&a, "ContentType")) {
            defaults
                .entry(ext.to_ascii_lowercase())
                .or_insert_with(|| t.to_string());
        }
    }
    let mut overrides: HashMap<String, String> = HashMap::new();
    for a in xml_elements(&types, "Override") {
        if let (Some(part), Some(t)) = (attr(&a, "PartName"), attr(&a, "ContentType")) {
            overrides
                .entry(part.trim_start_matches('/').to_ascii_lowercase())
                .or_insert_with(|| t.to_string());
        }
    }
    let content_type = |part: &str| -> Option<&str> {
        if let Some(t) = overrides.get(part) {
            return Some(t);
        }
        let ext = part.rsplit_once('.')?.1;
        defaults.get(ext).map(String::as_str)
    };
    if lower
        .iter()
        .any(|p| content_type(p).is_some_and(is_macro_type))
    {
        return true;
    }
    let parts: HashSet<&str> = lower.iter().map(String::as_str).collect();
    let rels = lower
        .iter()
        .enumerate()
        .filter(|(_, n)| n.ends_with(".rels"))
        .take(MAX_SNIFF_RELS);
    for (i, rel) in rels {
        let xml = read_part(zip, &names[i]);
        // "xl/_rels/workbook.xml.rels" holds the relationships of
        // "xl/workbook.xml": targets are relative to "xl/".
        let base = rel.rsplit_once("_rels/").map(|(dir, _)| dir).unwrap_or("");
        for a in xml_elements(&xml, "Relationship") {
            let (Some(kind), Some(target)) = (attr(&a, "Type"), attr(&a, "Target")) else {
                continue;
            };
            let kind = kind.to_ascii_lowercase();
            let macro_kind = ["/vbaproject", "/xlmacrosheet", "/xlintlmacrosheet"]
                .iter()
                .any(|k| kind.ends_with(k));
            if macro_kind && parts.contains(resolve_target(base, target).as_str()) {
                return true;
            }
        }
    }
    false
}

/// VBA projects and their signatures, macro sheets, macro-enabled
/// workbooks, templates and add-ins (text and binary).
fn is_macro_type(t: &str) -> bool {
    let t = t.to_ascii_lowercase();
    t.contains("vbaproject") || t.contains("macrosheet") || t.contains("macroenabled")
}

/// A part's text (up to [`MAX_SNIFF_PART`] bytes), empty when it is
/// missing or unreadable.
fn read_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> String {
    let mut s = String::new();
    if let Ok(f) = zip.by_name(name) {
        let mut bytes = Vec::new();
        let _ = f.take(MAX_SNIFF_PART).read_to_end(&mut bytes);
        s = String::from_utf8_lossy(&bytes).into_owned();
    }
    s
}

/// A relationship's target as a part name (lower case, no leading "/"):
/// absolute, or relative to `base` (with "." and "..").
fn resolve_target(base: &str, target: &str) -> String {
    let target = target.to_ascii_lowercase();
    let (mut parts, rest): (Vec<&str>, &str) = match target.strip_prefix('/') {
        Some(abs) => (Vec::new(), abs),
        None => (base.split('/').filter(|p| !p.is_empty()).collect(), &target),
    };
    for p in rest.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The attributes of each element named `name` (any namespace prefix) in
/// a small XML part: enough for content types and relationships, whose
/// values hold no markup.
fn xml_elements<'a>(
    xml: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Vec<(&'a str, &'a str)>> + 'a {
    xml.split('<').skip(1).filter_map(move |tag| {
        let tag = tag.split('>').next().unwrap_or("");
        let end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let tag_name = &tag[..end];
        let local = tag_name.rsplit(':').next().unwrap_or(tag_name);
        if local != name {
            return None;
        }
        let mut attrs = Vec::new();
        let mut rest = &tag[end..];
        while let Some(eq) = rest.find('=') {
            let key = rest[..eq].trim();
            let after = rest[eq + 1..].trim_start();
            let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                break;
            };
            let Some(close) = after[1..].find(q) else {
                break;
            };
            let key = key.rsplit(':').next().unwrap_or(key);
            attrs.push((key, &after[1..1 + close]));
            rest = &after[close + 2..];
        }
        Some(attrs)
    })
}

fn attr<'a>(attrs: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

fn nfc(s: &str) -> String {
    // Bytes >= chars: only long texts need counting.
    let s = match s.len() > MAX_CELL_CHARS {
        true => s
            .char_indices()
            .nth(MAX_CELL_CHARS)
            .map_or(s, |(i, _)| &s[..i]),
        false => s,
    };
    to_nfc(s)
}

/// True when the text is made only of characters that are NFC whatever
/// surrounds them (none is a combining mark or changes under NFC): Latin up
/// to U+02FF, the precomposed Vietnamese letters (U+1E00–U+1EFF) and common
/// punctuation (U+2010–U+2027). Checked on the UTF-8 bytes, before the
/// costly table lookup.
fn surely_nfc(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        i += match x {
            0..=0x7F => 1,
            // Lead bytes of U+0080–U+02FF (U+0300 is CC 80).
            0xC2..=0xCB => 2,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => 3,
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90..=0xA7)) => 3,
            _ => return false,
        };
    }
    true
}

/// NFC; most texts are ASCII or already NFC and skip the (costly)
/// recomposition.
pub fn to_nfc(t: &str) -> String {
    if surely_nfc(t) {
        return t.to_string();
    }
    super::nfc::nfc(t)
}

/// A cell's value as we keep it; `None` for errors and empty cells.
fn val_of(v: &Data, tally: &mut Tally) -> Result<Option<Val>, ImportError> {
    Ok(Some(match v {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => return text_val(s, tally),
        Data::Float(f) => Val::Num(*f),
        Data::Int(i) => Val::Num(*i as f64),
        Data::Bool(b) => Val::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(d) => Val::Num(d.as_f64()),
        Data::Error(_) | Data::Empty => return Ok(None),
    }))
}

/// A borrowed cell value (xlsx, xlsb) as we keep it.
fn val_of_ref(v: DataRef<'_>, tally: &mut Tally) -> Result<Option<Val>, ImportError> {
    match v {
        DataRef::SharedString(s) => text_val(s, tally),
        DataRef::String(s) => text_val(&s, tally),
        other => val_of(&Data::from(other), tally),
    }
}

/// A text cell: counted against the text limit before it is copied (a
/// string shared by many cells is copied for each), blank text dropped.
fn text_val(s: &str, tally: &mut Tally) -> Result<Option<Val>, ImportError> {
    // At most MAX_CELL_CHARS characters of 4 bytes are kept.
    tally.text(s.len().min(4 * MAX_CELL_CHARS))?;
    if s.chars().all(char::is_whitespace) {
        return Ok(None);
    }
    Ok(Some(Val::Text(nfc(s))))
}

/// What a workbook has used of the limits so far.
#[derive(Default)]
struct Tally {
    cells: usize,
    text: usize,
}

impl Tally {
    fn cells(&mut self, n: usize) -> Result<(), ImportError> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > MAX_CELLS {
            return Err(too_many_cells());
        }
        Ok(())
    }

    fn text(&mut self, bytes: usize) -> Result<(), ImportError> {
        self.text = self.text.saturating_add(bytes);
        if self.text > MAX_TEXT_BYTES {
            return Err(too_much_text());
        }
        Ok(())
    }
}

/// A workbook's sheets, counted before any is read.
fn check_sheets(n: usize) -> Result<(), ImportError> {
    if n > MAX_SHEETS {
        return Err(ImportError::TooManySheets { limit: MAX_SHEETS });
    }
    Ok(())
}

fn too_many_cells() -> ImportError {
    ImportError::TooManyCells { limit: MAX_CELLS }
}

fn too_much_text() -> ImportError {
    ImportError::TooMuchText {
        limit_mb: MAX_TEXT_BYTES / (1024 * 1024),
    }
}

/// Keeps a non-empty cell, counting it against the limit.
fn put(
    grid: &mut Grid,
    r: u32,
    c: u32,
    v: Option<Val>,
    tally: &mut Tally,
) -> Result<(), ImportError> {
    let Some(v) = v else { return Ok(()) };
    tally.cells(1)?;
    // Cells arrive row by row: most go to the last row, found without a search.
    match grid.rows.last_entry() {
        Some(mut last) if *last.key() == r => last.get_mut().push(c, v),
        _ => grid.rows.entry(r).or_default().push(c, v),
    }
    Ok(())
}

/// Merged regions, counted with the cells (each is looked up by the
/// header search).
fn put_merges(
    grid: &mut Grid,
    merges: impl ExactSizeIterator<Item = (u32, u32, u32, u32)>,
    tally: &mut Tally,
) -> Result<(), ImportError> {
    tally.cells(merges.len())?;
    grid.merges = merges.collect();
    Ok(())
}

/// Sheet names with whether each is hidden.
fn sheet_list(sheets: &[calamine::Sheet]) -> Vec<(String, bool)> {
    sheets
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect()
}

/// The package parts sheets are read from: each at most once. Two sheets
/// pointing at one part (or sharing a name, which calamine resolves to the
/// first) would inflate and parse it once per sheet, past the inflated
/// size the directory declares; Excel writes no such file.
#[derive(Default)]
struct Parts(HashSet<String>);

impl Parts {
    fn read_once(&mut self, part: Option<&str>) -> Result<(), ImportError> {
        match part {
            Some(p) if !self.0.insert(p.to_ascii_lowercase()) => Err(ImportError::Broken(format!(
                "two sheets are read from one part, {p}"
            ))),
            _ => Ok(()),
        }
    }
}

/// xlsx through the streaming cell reader: cells are collected as found,
/// whatever dimension the sheet declares.
fn read_xlsx(bytes: &[u8], tally: &mut Tally) -> Result<Vec<Grid>, ImportError> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => ImportError::Encrypted,
        e => broken(&e),
    })?;
    let meta = sheet_list(wb.sheets_metadata());
    check_sheets(meta.len())?;
    let mut parts = Parts::default();
    let mut out = Vec::with_capacity(meta.len());
    for (name, hidden) in meta {
        parts.read_once(wb.worksheet_part(&name))?;
        let mut grid = Grid {
            name: nfc(&name),
            hidden,
            ..Grid::default()
        };
        {
            let mut reader = match wb.worksheet_cells_reader(&name) {
                Ok(r) => r,
                // Chart sheets and the like have no cells.
                Err(calamine::XlsxError::WorksheetNotFound(_)) => continue,
                Err(e) => return Err(broken(&e)),
            };
            while let Some(cell) = reader.next_cell().map_err(|e| broken(&e))? {
                let (r, c) = cell.get_position();
                let v = val_of_ref(cell.get_value().clone(), tally)?;
                put(&mut grid, r, c, v, tally)?;
            }
            // Read on from the cells' end (vendor patch): not a second
            // pass over the sheet.
            if let Ok(m) = reader.merge_cells() {
                let m = m
                    .into_iter()
                    .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1));
                put_merges(&mut grid, m, tally)?;
            }
        }
        grid.settle();
        out.push(grid);
    }
    Ok(out)
}

/// xlsb through its streaming cell reader, as xlsx (its dense ranges keep
/// a window of far-apart cells only).
fn read_xlsb(bytes: &[u8], tally: &mut Tally) -> Result<Vec<Grid>, ImportError> {
    let mut wb = Xlsb::new(Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let meta = sheet_list(wb.sheets_metadata());
    check_sheets(meta.len())?;
    let mut parts = Parts::default();
    let mut out = Vec::with_capacity(meta.len());
    for (name, hidden) in meta {
        parts.read_once(wb.worksheet_part(&name))?;
        let mut grid = Grid {
            name: nfc(&name),
            hidden,
            ..Grid::default()
        };
        {
            let mut reader = match wb.worksheet_cells_reader(&name) {
                Ok(r) => r,
                Err(calamine::XlsbError::WorksheetNotFound(_)) => continue,
                Err(e) => return Err(broken(&e)),
            };
            while let Some(cell) = reader.next_cell().map_err(|e| broken(&e))? {
                let (r, c) = cell.get_position();
                let v = val_of_ref(cell.get_value().clone(), tally)?;
                put(&mut grid, r, c, v, tally)?;
            }
        }
        grid.settle();
        out.push(grid);
    }
    Ok(out)
}

/// xls: calamine reads the whole workbook when it opens it, within the
/// limits (vendor patch 8); its cells are taken as read, sparse (vendor
/// patch 9: a dense range keeps a window of far-apart cells only).
fn read_xls(bytes: &[u8], tally: &mut Tally) -> Result<Vec<Grid>, ImportError> {
    let wb = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsError::Password => ImportError::Encrypted,
        XlsError::CellLimitExceeded { .. } => too_many_cells(),
        XlsError::TextLimitExceeded { .. } => too_much_text(),
        XlsError::Cfb(CfbError::CodePageNotFound(codepage)) => ImportError::OldXls { codepage },
        e => broken(&e),
    })?;
    let meta = sheet_list(wb.sheets_metadata());
    check_sheets(meta.len())?;
    let mut out = Vec::with_capacity(meta.len());
    for (name, hidden) in meta {
        let Some(cells) = wb.worksheet_cells(&name) else {
            continue;
        };
        let mut grid = Grid {
            name: nfc(&name),
            hidden,
            ..Grid::default()
        };
        for cell in cells {
            let (r, c) = cell.get_position();
            let v = val_of(cell.get_value(), tally)?;
            put(&mut grid, r, c, v, tally)?;
        }
        let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let merges = merges
            .into_iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1));
        put_merges(&mut grid, merges, tally)?;
        grid.settle();
        out.push(grid);
    }
    Ok(out)
}

/// ods through calamine's ranges (built when the workbook is opened,
/// within the limits: vendor patch 9).
fn read_ranges<RS, R>(mut wb: R, tally: &mut Tally) -> Result<Vec<Grid>, ImportError>
where
    RS: Read + Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let meta = sheet_list(wb.sheets_metadata());
    check_sheets(meta.len())?;
    let mut out = Vec::with_capacity(meta.len());
    for (name, hidden) in meta {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                let err = broken(&e);
                if matches!(err, ImportError::Broken(_))
                    && e.to_string().to_lowercase().contains("not found")
                {
                    continue;
                }
                return Err(err);
            }
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut grid = Grid {
            name: nfc(&name),
            hidden,
            ..Grid::default()
        };
        for (r, c, v) in range.used_cells() {
            let v = val_of(v, tally)?;
            put(&mut grid, r0 + r as u32, c0 + c as u32, v, tally)?;
        }
        grid.settle();
        out.push(grid);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `bytes` (an xlsx) with each `from` replaced by its `to`, in turn, in
    /// its first sheet.
    fn edit_sheet_xml(bytes: &[u8], edits: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                let mut xml = String::from_utf8(data).unwrap();
                for (from, to) in edits {
                    assert!(xml.contains(from), "{from} not in {xml}");
                    xml = xml.replace(from, to);
                }
                data = xml.into_bytes();
            }
            out.start_file(name, stored).unwrap();
            out.write_all(&data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_reversed_merge_or_dimension_is_read_not_refused() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.merge_range(0, 0, 0, 1, "Điểm", &rust_xlsxwriter::Format::new())
            .unwrap();
        ws.write(1, 1, 5).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let bytes = edit_sheet_xml(
            &bytes,
            &[
                ("<mergeCell ref=\"A1:B1\"/>", "<mergeCell ref=\"B2:A1\"/>"),
                ("<dimension ref=\"A1:B2\"/>", "<dimension ref=\"B2:A1\"/>"),
            ],
        );
        // Overflowed in calamine's get_dimension (a panic with overflow checks).
        let book = read_book(&bytes).unwrap();
        assert_eq!(book.sheets[0].merges, [(1, 1, 0, 0)]);
        assert_eq!(book.sheets[0].text(0, 0), "Điểm");
    }

    #[test]
    fn prefixed_element_names_and_extra_markup_in_values_are_read() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write(0, 0, "Tiêu chí").unwrap();
        ws.write(0, 1, 2.5).unwrap();
        ws.write(1, 0, 7).unwrap();
        ws.write(1, 1, "sau").unwrap();
        ws.merge_range(2, 0, 2, 1, "Gộp", &rust_xlsxwriter::Format::new())
            .unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        // Another writer's style: every element with a namespace prefix
        // (calamine's element names are matched on their local part, vendor
        // patch 7), and markup after a number inside its <v>, even a nested
        // <v/> (the outer </v> still ends the value: the <is> is skipped).
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        let root = format!("<x:worksheet xmlns:x=\"{ns}\" ");
        let bytes = edit_sheet_xml(
            &bytes,
            &[
                ("<v>7</v>", "<v>7<x:v/><is><t>x</t></is><extra/></v>"),
                ("<worksheet ", &root),
                ("</worksheet>", "</x:worksheet>"),
                ("<sheetData>", "<x:sheetData>"),
                ("</sheetData>", "</x:sheetData>"),
                ("<row ", "<x:row "),
                ("</row>", "</x:row>"),
                ("<c ", "<x:c "),
                ("</c>", "</x:c>"),
                ("<v>", "<x:v>"),
                ("</v>", "</x:v>"),
                ("<mergeCells ", "<x:mergeCells "),
                ("<mergeCell ", "<x:mergeCell "),
                ("</mergeCells>", "</x:mergeCells>"),
            ],
        );
        let book = read_book(&bytes).unwrap();
        let sheet = &book.sheets[0];
        assert_eq!(sheet.text(0, 0), "Tiêu chí");
        assert_eq!(sheet.get(0, 1), Some(&Val::Num(2.5)));
        assert_eq!(sheet.get(1, 0), Some(&Val::Num(7.0)));
        assert_eq!(sheet.text(1, 1), "sau");
        assert_eq!(sheet.text(2, 0), "Gộp");
        assert_eq!(sheet.merges, [(2, 0, 2, 1)]);
    }

    #[test]
    fn cells_stay_in_column_order_and_the_last_write_wins() {
        let mut row = Cells::default();
        for (c, t) in [(3, "d"), (5, "f"), (1, "b"), (3, "D"), (0, "a")] {
            row.insert(c, Val::Text(t.into()));
        }
        let got: Vec<(u32, String)> = row.iter().map(|(c, v)| (*c, v.text())).collect();
        let want = [(0, "a"), (1, "b"), (3, "D"), (5, "f")];
        assert_eq!(got, want.map(|(c, t)| (c, t.to_string())));
        assert_eq!(row.get(&3).map(Val::text).as_deref(), Some("D"));
        assert!(row.get(&2).is_none());
        assert_eq!(row.before(3).map(|(c, _)| *c), Some(1));
        assert_eq!(row.before(0).map(|(c, _)| *c), None);
        assert_eq!(row.before(9).map(|(c, _)| *c), Some(5));
    }

    #[test]
    fn cells_appended_out_of_order_settle_in_column_order() {
        let mut row = Cells::default();
        for (c, t) in [(5, "f"), (3, "d"), (5, "F"), (0, "a"), (3, "D"), (9, "j")] {
            row.push(c, Val::Text(t.into()));
        }
        row.settle();
        let got: Vec<(u32, String)> = row.iter().map(|(c, v)| (*c, v.text())).collect();
        let want = [(0, "a"), (3, "D"), (5, "F"), (9, "j")];
        assert_eq!(got, want.map(|(c, t)| (c, t.to_string())));
        assert_eq!(row.get(&5).map(Val::text).as_deref(), Some("F"));
        // In order already: nothing to do, nothing lost.
        let mut row = Cells::default();
        for c in 0..4 {
            row.push(c, Val::Num(c as f64));
        }
        row.settle();
        assert_eq!(row.keys().copied().collect::<Vec<_>>(), [0, 1, 2, 3]);
    }

    #[test]
    fn merged_regions_are_read_with_the_cells() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/02-xlsxwriter-tieu-de-4-cap.xlsx"
        ))
        .unwrap();
        let book = read_book(&bytes).unwrap();
        // A1:B1, C1:F1, A2:B2, C2:F2, A4:F4 (written by xlsxwriter).
        assert_eq!(
            book.sheets[0].merges,
            [
                (0, 0, 0, 1),
                (0, 2, 0, 5),
                (1, 0, 1, 1),
                (1, 2, 1, 5),
                (3, 0, 3, 5)
            ]
        );
        assert_eq!(book.sheets[0].merge_at(3, 0), Some((3, 0, 3, 5)));
        assert!(!book.sheets[0].rows.is_empty());
    }

    #[test]
    fn nfc_keeps_composed_text_and_composes_the_rest() {
        use unicode_normalization::UnicodeNormalization;
        let composed = "Đảm bảo – “đúng” tiến độ… Ωhm";
        assert_eq!(to_nfc(composed), composed.nfc().collect::<String>());
        // Decomposed Vietnamese, a combining mark after a precomposed
        // letter, and a singleton (Kelvin sign) that NFC replaces.
        for t in [
            "Chấp hành".nfd().collect::<String>(),
            "ê\u{301}".into(),
            "\u{212A}".into(),
        ] {
            assert_eq!(to_nfc(&t), t.nfc().collect::<String>(), "{t:?}");
            assert_ne!(to_nfc(&t), t, "{t:?}");
        }
        // The byte scan accepts exactly the characters it names.
        for c in [
            'a', 'ÿ', 'Ơ', 'ʯ', '\u{300}', 'Ḁ', 'ỹ', '\u{1F00}', '‐', '‧', '\u{2028}', '\u{212A}',
            '中',
        ] {
            let named = (c as u32) < 0x300
                || (0x1E00..=0x1EFF).contains(&(c as u32))
                || (0x2010..=0x2027).contains(&(c as u32));
            assert_eq!(surely_nfc(&format!("x{c}y")), named, "{c:?}");
        }
        let long = "ạ".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(nfc(&long).chars().count(), MAX_CELL_CHARS);
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(fmt_num(1.0), "1");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(0.1 + 0.2), "0.3");
    }

    /// `bytes` (an xlsx) with `edit` applied to each part's text (a
    /// part it maps to `None` is left out) and `extra` parts added.
    fn repack(
        bytes: &[u8],
        edit: impl Fn(&str, String) -> Option<String>,
        extra: &[(&str, &[u8])],
    ) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            let Some(text) = edit(&name, String::from_utf8(data).unwrap()) else {
                continue;
            };
            out.start_file(name, opts).unwrap();
            out.write_all(text.as_bytes()).unwrap();
        }
        for (name, data) in extra {
            out.start_file(*name, opts).unwrap();
            out.write_all(data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    /// A plain workbook with a small scoring table.
    fn plain_book() -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["STT", "Nội dung", "Điểm chuẩn", "Tự chấm"]
            .iter()
            .enumerate()
        {
            ws.write(0, c as u16, *h).unwrap();
        }
        ws.write(1, 0, "1").unwrap();
        ws.write(1, 1, "Tiêu chí").unwrap();
        ws.write(1, 2, 10).unwrap();
        ws.write(1, 3, 9).unwrap();
        wb.save_to_buffer().unwrap()
    }

    /// The plain workbook with content types, workbook relationships and
    /// parts added.
    fn with_parts(types: &str, rels: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
        repack(
            &plain_book(),
            |name, text| {
                Some(match name {
                    "[Content_Types].xml" => text.replace("</Types>", &format!("{types}</Types>")),
                    "xl/_rels/workbook.xml.rels" => {
                        text.replace("</Relationships>", &format!("{rels}</Relationships>"))
                    }
                    _ => text,
                })
            },
            parts,
        )
    }

    const VBA: &[u8] = b"\xD0\xCF\x11\xE0 not really a VBA project";
    const MACRO_SHEET: &[u8] =
        br#"<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/>"#;

    #[test]
    fn macros_are_found_by_the_parts_whatever_their_names() {
        let plain = plain_book();
        assert!(read_book(&plain).is_ok());
        assert!(crate::xlsx::import(&plain, &Default::default()).is_ok());
        let vba_rel = "http://schemas.microsoft.com/office/2006/relationships/vbaProject";
        let sheet_rel = "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet";
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "an Excel 4.0 macro sheet where Excel puts it",
                with_parts(
                    r#"<Override PartName="/xl/macrosheets/sheet2.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>"#,
                    &format!(
                        r#"<Relationship Id="rId90" Type="{sheet_rel}" Target="macrosheets/sheet2.xml"/>"#
                    ),
                    &[("xl/macrosheets/sheet2.xml", MACRO_SHEET)],
                ),
            ),
            (
                "a macro sheet in the macro sheets folder, declared nowhere",
                with_parts("", "", &[("XL/MacroSheets/a.xml", MACRO_SHEET)]),
            ),
            (
                "a macro sheet among the worksheets, told by its content type",
                with_parts(
                    r#"<Override PartName="/xl/worksheets/sheet9.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>"#,
                    "",
                    &[("xl/worksheets/sheet9.xml", MACRO_SHEET)],
                ),
            ),
            (
                "an international macro sheet, told by its relationship",
                with_parts(
                    "",
                    r#"<Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet" Target="/xl/worksheets/sheet8.xml"/>"#,
                    &[("xl/worksheets/sheet8.xml", MACRO_SHEET)],
                ),
            ),
            (
                "a VBA project renamed, told by its content type",
                with_parts(
                    r#"<Override PartName="/xl/media/image1.png" ContentType="application/vnd.ms-office.vbaProject"/>"#,
                    "",
                    &[("xl/media/image1.png", VBA)],
                ),
            ),
            (
                "a VBA project renamed, typed by its extension",
                with_parts(
                    r#"<Default Extension="dat" ContentType='application/vnd.ms-office.vbaProject'/>"#,
                    "",
                    &[("xl/data.dat", VBA)],
                ),
            ),
            (
                "a VBA project renamed, told by its relationship",
                with_parts(
                    r#"<Override PartName="/xl/printerSettings/p1.bin" ContentType="application/octet-stream"/>"#,
                    &format!(
                        r#"<Relationship Id="rId92" Type="{vba_rel}" Target="printerSettings/../printerSettings/p1.bin"/>"#
                    ),
                    &[("xl/printerSettings/p1.bin", VBA)],
                ),
            ),
            (
                "the usual VBA project in other case",
                with_parts("", "", &[("XL/VBAPROJECT.BIN", VBA)]),
            ),
            (
                "a macro-enabled workbook (.xlsm) without code",
                repack(
                    &plain,
                    |name, text| {
                        Some(match name {
                            "[Content_Types].xml" => text.replace(
                                "spreadsheetml.sheet.main+xml",
                                "ms-excel.sheet.macroEnabled.main+xml",
                            ),
                            _ => text,
                        })
                    },
                    &[],
                ),
            ),
        ];
        for (what, bytes) in &cases {
            assert_eq!(read_book(bytes).unwrap_err(), ImportError::Macro, "{what}");
        }
        // Only parts count: a type or relationship naming nothing there.
        let harmless = with_parts(
            r#"<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/xl/macrosheets/gone.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>"#,
            &format!(r#"<Relationship Id="rId93" Type="{vba_rel}" Target="vbaProject2.bin"/>"#),
            &[],
        );
        assert!(read_book(&harmless).is_ok());
        let m = ImportError::Macro.message();
        assert!(m.contains("macro") && m.contains(".xlsx"), "{m}");
    }

    #[test]
    fn relationship_targets_resolve_as_part_names() {
        assert_eq!(resolve_target("xl/", "vbaProject.bin"), "xl/vbaproject.bin");
        assert_eq!(resolve_target("xl/", "/xl/a.bin"), "xl/a.bin");
        assert_eq!(
            resolve_target("xl/worksheets/", "../media/./x.bin"),
            "xl/media/x.bin"
        );
        assert_eq!(resolve_target("", "xl/workbook.xml"), "xl/workbook.xml");
        assert_eq!(resolve_target("", "../../x"), "x");
    }

    #[test]
    fn sniffs_without_names() {
        assert_eq!(sniff(b"STT,Noi dung\n1,a\n"), Err(ImportError::Csv));
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0, 1, 2]),
            Err(ImportError::NotSpreadsheet)
        );
        assert_eq!(read_book(&[]).unwrap_err(), ImportError::Empty);
        assert_eq!(sniff(b"PK\x03\x04garbage"), Err(ImportError::Truncated));
    }
}
