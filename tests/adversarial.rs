//! Small files inside every size limit that froze the app (issue #14, item
//! 6 "Bounded work", and item 8's calamine window). Each is generated here
//! (`attacks`), and each must be answered: imported, or refused with its
//! own error. Only outcomes are asserted; the time and memory each takes
//! natively are measured by `cargo run --release --example adversarial`
//! (which generates the same files, at the sizes the attacks used).
//!
//! The limits are written out below as the messages state them, so that
//! these tests also build against the code before the fix (where each
//! fails, or runs out of time or memory).

pub mod attacks {
    //! Generators of hostile workbooks, each small once compressed.

    use std::fmt::Write as _;
    use std::io::Write as _;

    const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// The header of a scoring table: shared strings 0 to 3.
    pub const HEADER: [&str; 4] = ["STT", "Nội dung", "Điểm chuẩn", "Tự chấm"];

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }

    /// Column letters (0 → "A").
    pub fn col_name(mut c: u32) -> String {
        let mut s = Vec::new();
        loop {
            s.push(b'A' + (c % 26) as u8);
            if c < 26 {
                break;
            }
            c = c / 26 - 1;
        }
        s.reverse();
        String::from_utf8(s).unwrap()
    }

    /// A zip archive of `parts`, deflated (stored where `stored`).
    fn zip(parts: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data, stored) in parts {
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(if *stored {
                    zip::CompressionMethod::Stored
                } else {
                    zip::CompressionMethod::Deflated
                })
                .large_file(data.len() > u32::MAX as usize / 2);
            out.start_file(*name, opts).unwrap();
            out.write_all(data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    /// An .xlsx written part by part: `sheets` are (name, part under
    /// "xl/"), `parts` the parts themselves, `shared` the shared strings.
    pub fn xlsx(sheets: &[(String, String)], parts: &[(String, Vec<u8>)], shared: &str) -> Vec<u8> {
        let types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
            <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
            <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
            <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
            <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
            </Types>";
        let root_rels = format!(
            "<Relationships xmlns=\"{PKG_REL}\"><Relationship Id=\"rId1\" \
             Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        );
        let mut workbook = format!("<workbook xmlns=\"{NS}\" xmlns:r=\"{REL}\"><sheets>");
        let mut rels = format!("<Relationships xmlns=\"{PKG_REL}\">");
        for (i, (name, target)) in sheets.iter().enumerate() {
            let id = i + 1;
            let _ = write!(
                workbook,
                "<sheet name=\"{}\" sheetId=\"{id}\" r:id=\"rId{id}\"/>",
                escape(name)
            );
            let _ = write!(
                rels,
                "<Relationship Id=\"rId{id}\" Type=\"{REL}/worksheet\" Target=\"{target}\"/>"
            );
        }
        workbook.push_str("</sheets></workbook>");
        rels.push_str("</Relationships>");
        let mut all: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), types.as_bytes().to_vec()),
            ("_rels/.rels".into(), root_rels.into_bytes()),
            ("xl/workbook.xml".into(), workbook.into_bytes()),
            ("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()),
        ];
        if !shared.is_empty() {
            all.push(("xl/sharedStrings.xml".into(), shared.as_bytes().to_vec()));
        }
        for (path, data) in parts {
            all.push((format!("xl/{path}"), data.clone()));
        }
        let refs: Vec<(&str, &[u8], bool)> = all
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice(), false))
            .collect();
        zip(&refs)
    }

    /// A shared string table.
    pub fn shared_strings<S: AsRef<str>>(strings: &[S]) -> String {
        let mut s = format!("<sst xmlns=\"{NS}\" uniqueCount=\"{}\">", strings.len());
        for t in strings {
            let _ = write!(
                s,
                "<si><t xml:space=\"preserve\">{}</t></si>",
                escape(t.as_ref())
            );
        }
        s.push_str("</sst>");
        s
    }

    /// A worksheet part around `rows` (the XML of its `<row>`s).
    pub fn sheet_xml(rows: &str) -> Vec<u8> {
        format!("<worksheet xmlns=\"{NS}\"><sheetData>{rows}</sheetData></worksheet>").into_bytes()
    }

    /// A one-sheet workbook.
    pub fn one_sheet(rows: &str, shared: &str) -> Vec<u8> {
        xlsx(
            &[("Bảng điểm".into(), "worksheets/sheet1.xml".into())],
            &[("worksheets/sheet1.xml".into(), sheet_xml(rows))],
            shared,
        )
    }

    /// The header row of a scoring table (shared strings 0 to 3).
    pub fn header_row() -> String {
        "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c>\
         <c t=\"s\"><v>3</v></c></row>"
            .into()
    }

    /// Attack 1: a table of `n` criteria numbered 1, 2, 3…, three cells a row
    /// (600,000 rows, under the cell limit, took over an hour: each row's
    /// children were looked for among all rows).
    pub fn criteria_rows(n: usize) -> Vec<u8> {
        let mut rows = header_row();
        for i in 1..=n {
            let _ = write!(
                rows,
                "<row><c><v>{i}</v></c><c t=\"s\"><v>4</v></c><c><v>1</v></c></row>"
            );
        }
        let mut strings = HEADER.to_vec();
        strings.push("Tiêu chí");
        one_sheet(&rows, &shared_strings(&strings))
    }

    /// Attack 2: criteria numbered 1, 1.1, 1.1.1… `depth` levels deep (130 KB, 191
    /// s: cubic along the chain).
    pub fn numbering_chain(depth: usize) -> Vec<u8> {
        let mut strings: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
        strings.push("Mục".into());
        let mut rows = header_row();
        let mut label = String::from("1");
        for i in 0..depth {
            if i > 0 {
                label.push_str(".1");
            }
            strings.push(label.clone());
            let idx = strings.len() - 1;
            // Only the deepest row has a maximum: the others are sections.
            let max = if i + 1 == depth {
                "<c><v>1</v></c>"
            } else {
                "<c/>"
            };
            let _ = write!(
                rows,
                "<row><c t=\"s\"><v>{idx}</v></c><c t=\"s\"><v>4</v></c>{max}</row>"
            );
        }
        one_sheet(&rows, &shared_strings(&strings))
    }

    /// Attack 3: `rows` rows of `cols` cells each, written from the last column to
    /// the first (one row of 163,000: 1 MB, 53 s, a sorted insertion each).
    /// Each cell holds its column number.
    pub fn reversed_rows(cols: u32, rows: u32) -> Vec<u8> {
        let mut xml = String::new();
        for r in 1..=rows {
            let _ = write!(xml, "<row r=\"{r}\">");
            for c in (0..cols).rev() {
                let _ = write!(xml, "<c r=\"{}{r}\"><v>{c}</v></c>", col_name(c));
            }
            xml.push_str("</row>");
        }
        one_sheet(&xml, "")
    }

    /// A small scoring table's sheet: `n` criteria with a self score,
    /// then `pad` empty cells (markup to inflate and parse, no data).
    pub fn table_sheet(n: usize, pad: usize) -> Vec<u8> {
        let mut rows = header_row();
        for i in 1..=n {
            let _ = write!(
                rows,
                "<row><c><v>{i}</v></c><c t=\"s\"><v>4</v></c><c><v>10</v></c><c><v>5</v></c></row>"
            );
        }
        for _ in 0..pad / 1000 {
            let _ = write!(rows, "<row>{}</row>", "<c s=\"0\"/>".repeat(1000));
        }
        sheet_xml(&rows)
    }

    fn table_strings() -> String {
        let mut strings = HEADER.to_vec();
        strings.push("Tiêu chí");
        shared_strings(&strings)
    }

    /// Attack 4: `sheets` sheets all read from one part holding a table of
    /// `criteria` rows and `pad` empty cells (2,000 sheets, 1 MB: 11 min,
    /// and inflated once per sheet, past the 200 MB limit).
    pub fn sheets_sharing_a_part(sheets: usize, criteria: usize, pad: usize) -> Vec<u8> {
        let list: Vec<(String, String)> = (1..=sheets)
            .map(|i| (format!("Đơn vị {i}"), "worksheets/sheet1.xml".to_string()))
            .collect();
        xlsx(
            &list,
            &[("worksheets/sheet1.xml".into(), table_sheet(criteria, pad))],
            &table_strings(),
        )
    }

    /// Attack 4b: `sheets` sheets, each its own small part.
    pub fn many_sheets(sheets: usize) -> Vec<u8> {
        let list: Vec<(String, String)> = (1..=sheets)
            .map(|i| (format!("Đơn vị {i}"), format!("worksheets/sheet{i}.xml")))
            .collect();
        let parts: Vec<(String, Vec<u8>)> = (1..=sheets)
            .map(|i| (format!("worksheets/sheet{i}.xml"), table_sheet(2, 0)))
            .collect();
        xlsx(&list, &parts, &table_strings())
    }

    /// Attack 4c: two sheets of one name, each its own part (calamine reads a
    /// sheet by its name: the first part, twice).
    pub fn sheets_sharing_a_name() -> Vec<u8> {
        let list = vec![
            ("Đơn vị".to_string(), "worksheets/sheet1.xml".to_string()),
            ("Đơn vị".to_string(), "worksheets/sheet2.xml".to_string()),
        ];
        let parts = vec![
            ("worksheets/sheet1.xml".to_string(), table_sheet(2, 0)),
            ("worksheets/sheet2.xml".to_string(), table_sheet(2, 0)),
        ];
        xlsx(&list, &parts, &table_strings())
    }

    /// An .ods around the `table:table` elements in `tables`.
    pub fn ods(tables: &str) -> Vec<u8> {
        let mime = b"application/vnd.oasis.opendocument.spreadsheet";
        let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
            <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
            <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
            <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
            </manifest:manifest>";
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <office:document-content \
             xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
             <office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>\
             </office:document-content>"
        );
        zip(&[
            ("mimetype", mime, true),
            ("META-INF/manifest.xml", manifest.as_bytes(), false),
            ("content.xml", content.as_bytes(), false),
        ])
    }

    /// Attack 5: one row of `cols` number cells (one element, repeated across),
    /// repeated down `rows` times (30 to 98 M cells, 2 to 6 GB: expanded
    /// before the cell limit looked).
    pub fn ods_repeated(rows: usize, cols: usize) -> Vec<u8> {
        ods(&format!(
            "<table:table table:name=\"Bảng\"><table:table-row table:number-rows-repeated=\"{rows}\">\
             <table:table-cell table:number-columns-repeated=\"{cols}\" office:value-type=\"float\" \
             office:value=\"1\"/></table:table-row></table:table>"
        ))
    }

    /// Attack 5b: `rows` rows, each of one number cell repeated `cols` times
    /// across (expanded as read, before the used area is built).
    pub fn ods_wide_rows(rows: usize, cols: usize) -> Vec<u8> {
        let row = format!(
            "<table:table-row><table:table-cell table:number-columns-repeated=\"{cols}\" \
             office:value-type=\"float\" office:value=\"1\"/></table:table-row>"
        );
        ods(&format!(
            "<table:table table:name=\"Bảng\">{}</table:table>",
            row.repeat(rows)
        ))
    }

    /// Attack 5c: a text of `len` characters in one cell repeated `cols` times
    /// across, in `rows` rows.
    pub fn ods_repeated_text(len: usize, cols: usize, rows: usize) -> Vec<u8> {
        let text = "x".repeat(len);
        let row = format!(
            "<table:table-row><table:table-cell table:number-columns-repeated=\"{cols}\" \
             office:value-type=\"string\" office:string-value=\"{text}\"/></table:table-row>"
        );
        ods(&format!(
            "<table:table table:name=\"Bảng\">{}</table:table>",
            row.repeat(rows)
        ))
    }

    /// Attack 7: one cell of `count` spaces, written as one `<text:s text:c=…/>`.
    pub fn ods_spaces(count: u64) -> Vec<u8> {
        ods(&format!(
            "<table:table table:name=\"Bảng\"><table:table-row>\
             <table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"{count}\"/>b</text:p>\
             </table:table-cell></table:table-row></table:table>"
        ))
    }

    /// Attack 6: a template of `criteria` rows and a summary sheet listing
    /// `units` units (48 KB: its import, sent to the page, took 34 s and
    /// ~8 GB there to take in).
    pub fn units_by_criteria(units: usize, criteria: usize) -> Vec<u8> {
        let mut strings: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
        strings.push("Tiêu chí".into());
        strings.push("Tên đơn vị".into());
        let first_unit = strings.len();
        strings.extend((1..=units).map(|i| format!("Đơn vị {i}")));
        let mut list = "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>5</v></c></row>".to_string();
        for i in 0..units {
            let _ = write!(
                list,
                "<row><c><v>{}</v></c><c t=\"s\"><v>{}</v></c></row>",
                i + 1,
                first_unit + i
            );
        }
        let mut rows = header_row();
        for i in 1..=criteria {
            let _ = write!(
                rows,
                "<row><c><v>{i}</v></c><c t=\"s\"><v>4</v></c><c><v>1</v></c></row>"
            );
        }
        xlsx(
            &[
                ("Mẫu".into(), "worksheets/sheet1.xml".into()),
                ("Tổng hợp".into(), "worksheets/sheet2.xml".into()),
            ],
            &[
                ("worksheets/sheet1.xml".into(), sheet_xml(&rows)),
                ("worksheets/sheet2.xml".into(), sheet_xml(&list)),
            ],
            &shared_strings(&strings),
        )
    }

    /// Attack 6b: `criteria` criteria, each text the same `chars` characters (one
    /// shared string): a small file whose scoresheet holds criteria ×
    /// chars of text.
    pub fn long_criteria(criteria: usize, chars: usize) -> Vec<u8> {
        let mut strings: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
        strings.push(
            "Tiêu chí dài "
                .repeat(chars / 13 + 1)
                .chars()
                .take(chars)
                .collect(),
        );
        let mut rows = header_row();
        for i in 1..=criteria {
            let _ = write!(
                rows,
                "<row><c><v>{i}</v></c><c t=\"s\"><v>4</v></c><c><v>1</v></c></row>"
            );
        }
        one_sheet(&rows, &shared_strings(&strings))
    }

    /// Attack 6c: `criteria` criteria whose maximum is unreadable text: a warning
    /// each.
    pub fn unreadable_maxima(criteria: usize) -> Vec<u8> {
        let mut strings: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
        strings.push("Tiêu chí".into());
        strings.push("mười điểm ".repeat(500));
        let mut rows = header_row();
        for i in 1..=criteria {
            let _ = write!(
                rows,
                "<row><c><v>{i}</v></c><c t=\"s\"><v>4</v></c><c t=\"s\"><v>5</v></c></row>"
            );
        }
        one_sheet(&rows, &shared_strings(&strings))
    }

    /// Attack 7a: a criterion whose text is `bytes` long (one cell).
    pub fn long_cell(bytes: usize) -> Vec<u8> {
        let mut strings: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
        strings.push("a".repeat(bytes));
        let rows = format!(
            "{}<row><c><v>1</v></c><c t=\"s\"><v>4</v></c><c><v>10</v></c><c><v>5</v></c></row>",
            header_row()
        );
        one_sheet(&rows, &shared_strings(&strings))
    }

    /// Attack 7b: one shared string of `chars` characters in `cells` cells.
    pub fn shared_text(chars: usize, cells: usize) -> Vec<u8> {
        let strings = ["y".repeat(chars)];
        let row = "<row><c t=\"s\"><v>0</v></c></row>".repeat(cells);
        one_sheet(&row, &shared_strings(&strings))
    }

    /// Attack 7c: a table whose first criterion's value nests `depth` elements
    /// after its text.
    pub fn deep_nesting(depth: usize) -> Vec<u8> {
        let nested = format!("{}{}", "<x>".repeat(depth), "</x>".repeat(depth));
        let rows = format!(
            "{}<row><c><v>1</v></c><c t=\"s\"><v>4{nested}</v></c><c><v>10</v></c><c><v>5</v></c></row>",
            header_row()
        );
        let mut strings = HEADER.to_vec();
        strings.push("Tiêu chí");
        one_sheet(&rows, &shared_strings(&strings))
    }

    /// Attack 7d: shared strings nested `depth` runs deep.
    pub fn deep_shared_string(depth: usize) -> Vec<u8> {
        let nested = format!("{}<t>z</t>{}", "<r>".repeat(depth), "</r>".repeat(depth));
        let shared = format!("<sst xmlns=\"{NS}\"><si>{nested}</si></sst>");
        one_sheet("<row><c t=\"s\"><v>0</v></c></row>", &shared)
    }

    /// Attack 7e: a shared string table claiming `count` strings.
    pub fn claimed_string_count(count: u64) -> Vec<u8> {
        let shared = format!("<sst xmlns=\"{NS}\" uniqueCount=\"{count}\"><si><t>a</t></si></sst>");
        one_sheet("<row><c t=\"s\"><v>0</v></c></row>", &shared)
    }

    /// Attack 7g: a small table, and a sheet that looks like the export's
    /// hidden metadata: a classification band, then `cells` cells of
    /// `0,0,0…`, one JSON array of 15,000 × `cells` numbers.
    pub fn huge_meta(cells: usize) -> Vec<u8> {
        let chunk = "0,".repeat(15_000);
        let strings = [
            "chamdiem-meta-v1".to_string(),
            r#"{"classes":[{"name":"Tốt","min":800000}],"pad":["#.to_string(),
            chunk,
            "0]}".to_string(),
        ];
        let mut meta =
            "<row><c t=\"s\"><v>0</v></c></row><row><c t=\"s\"><v>1</v></c></row>".to_string();
        meta.push_str(&"<row><c t=\"s\"><v>2</v></c></row>".repeat(cells));
        meta.push_str("<row><c t=\"s\"><v>3</v></c></row>");
        let mut table: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
        table.push("Tiêu chí".into());
        let shared: Vec<String> = strings.iter().cloned().chain(table).collect();
        // The table's strings follow the metadata's four.
        let rows = "<row><c t=\"s\"><v>4</v></c><c t=\"s\"><v>5</v></c><c t=\"s\"><v>6</v></c>\
                    <c t=\"s\"><v>7</v></c></row>\
                    <row><c><v>1</v></c><c t=\"s\"><v>8</v></c><c><v>10</v></c><c><v>5</v></c></row>";
        xlsx(
            &[
                ("Bảng điểm".into(), "worksheets/sheet1.xml".into()),
                ("chamdiem".into(), "worksheets/sheet2.xml".into()),
            ],
            &[
                ("worksheets/sheet1.xml".into(), sheet_xml(rows)),
                ("worksheets/sheet2.xml".into(), sheet_xml(&meta)),
            ],
            &shared_strings(&shared),
        )
    }

    // -----------------------------------------------------------------------
    // .xls (BIFF8 in a compound file)

    /// An .xls sheet: its name and its cells (row, column, value).
    pub type XlsSheet = (String, Vec<(u16, u16, XlsCell)>);

    /// A cell of an .xls sheet.
    pub enum XlsCell {
        Num(f64),
        Text(String),
        /// An index into the shared string table.
        Sst(u32),
    }

    fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
        assert!(data.len() <= 8224, "one record holds 8,224 bytes");
        out.extend(typ.to_le_bytes());
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
    }

    fn bof(dt: u16) -> Vec<u8> {
        let mut d = vec![0x00, 0x06];
        d.extend(dt.to_le_bytes());
        d.extend([0u8; 12]);
        d
    }

    /// An XLUnicodeString (16-bit count) in UTF-16.
    fn xl_string(s: &str) -> Vec<u8> {
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut d = (units.len() as u16).to_le_bytes().to_vec();
        d.push(1);
        for u in units {
            d.extend(u.to_le_bytes());
        }
        d
    }

    /// An .xls of `sheets` (name, cells), with a shared string table of
    /// ASCII `sst` strings. With `one_substream`, every sheet points at the
    /// first sheet's records.
    pub fn xls(sheets: &[XlsSheet], sst: &[String], one_substream: bool) -> Vec<u8> {
        xls_in(sheets, sst, one_substream, None)
    }

    /// As `xls`, declaring a code page (a CodePage record) when given.
    pub fn xls_in(
        sheets: &[XlsSheet],
        sst: &[String],
        one_substream: bool,
        codepage: Option<u16>,
    ) -> Vec<u8> {
        let mut globals = Vec::new();
        record(&mut globals, 0x0809, &bof(0x0005));
        if let Some(cp) = codepage {
            record(&mut globals, 0x0042, &cp.to_le_bytes());
        }
        let mut positions = Vec::new();
        for (name, _) in sheets {
            positions.push(globals.len() + 4);
            let units: Vec<u16> = name.encode_utf16().collect();
            let mut d = vec![0u8; 4];
            d.extend([0, 0, units.len() as u8, 1]);
            for u in units {
                d.extend(u.to_le_bytes());
            }
            record(&mut globals, 0x0085, &d);
        }
        if !sst.is_empty() {
            let mut d = Vec::new();
            d.extend((sst.len() as u32).to_le_bytes());
            d.extend((sst.len() as u32).to_le_bytes());
            for s in sst {
                d.extend((s.len() as u16).to_le_bytes());
                d.push(0);
                d.extend(s.as_bytes());
            }
            record(&mut globals, 0x00FC, &d);
        }
        record(&mut globals, 0x000A, &[]);
        let mut stream = globals;
        let mut starts = Vec::new();
        for (_, cells) in sheets {
            starts.push(stream.len() as u32);
            record(&mut stream, 0x0809, &bof(0x0010));
            for (r, c, v) in cells {
                let mut d = r.to_le_bytes().to_vec();
                d.extend(c.to_le_bytes());
                d.extend(0u16.to_le_bytes());
                match v {
                    XlsCell::Num(n) => {
                        d.extend(n.to_le_bytes());
                        record(&mut stream, 0x0203, &d);
                    }
                    XlsCell::Text(s) => {
                        d.extend(xl_string(s));
                        record(&mut stream, 0x0204, &d);
                    }
                    XlsCell::Sst(i) => {
                        d.extend(i.to_le_bytes());
                        record(&mut stream, 0x00FD, &d);
                    }
                }
            }
            record(&mut stream, 0x000A, &[]);
        }
        for (i, at) in positions.iter().enumerate() {
            let start = if one_substream { starts[0] } else { starts[i] };
            stream[*at..*at + 4].copy_from_slice(&start.to_le_bytes());
        }
        cfb(&stream)
    }

    /// A compound file (version 3, 512-byte sectors) holding one stream,
    /// "Workbook".
    fn cfb(stream: &[u8]) -> Vec<u8> {
        const END: u32 = 0xFFFF_FFFE;
        const FREE: u32 = 0xFFFF_FFFF;
        const NONE: u32 = 0xFFFF_FFFF;
        let mut stream = stream.to_vec();
        // Past the mini stream's cutoff: in ordinary sectors.
        stream.resize(stream.len().max(4096).div_ceil(512) * 512, 0);
        let data_sectors = stream.len() / 512;
        let mut fat_sectors = 1;
        while fat_sectors * 128 < fat_sectors + 1 + data_sectors {
            fat_sectors += 1;
        }
        assert!(fat_sectors <= 109, "no DIFAT sectors written");
        let dir = fat_sectors as u32;
        let first = dir + 1;
        let mut header = Vec::with_capacity(512);
        header.extend([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        header.extend([0u8; 16]);
        header.extend(0x003Eu16.to_le_bytes());
        header.extend(3u16.to_le_bytes());
        header.extend(0xFFFEu16.to_le_bytes());
        header.extend(9u16.to_le_bytes());
        header.extend(6u16.to_le_bytes());
        header.extend([0u8; 10]);
        header.extend((fat_sectors as u32).to_le_bytes());
        header.extend(dir.to_le_bytes());
        header.extend(0u32.to_le_bytes());
        header.extend(4096u32.to_le_bytes());
        header.extend(END.to_le_bytes());
        header.extend(0u32.to_le_bytes());
        header.extend(END.to_le_bytes());
        header.extend(0u32.to_le_bytes());
        for i in 0..109u32 {
            let id = if (i as usize) < fat_sectors { i } else { FREE };
            header.extend(id.to_le_bytes());
        }
        let mut fat: Vec<u32> = vec![0xFFFF_FFFD; fat_sectors];
        fat.push(END);
        for i in 0..data_sectors as u32 {
            fat.push(if i + 1 == data_sectors as u32 {
                END
            } else {
                first + i + 1
            });
        }
        fat.resize(fat_sectors * 128, FREE);
        let entry = |name: &str, typ: u8, child: u32, start: u32, size: u32| {
            let mut e = Vec::with_capacity(128);
            let units: Vec<u16> = name.encode_utf16().collect();
            for u in &units {
                e.extend(u.to_le_bytes());
            }
            e.resize(64, 0);
            e.extend((((units.len() + 1) * 2) as u16).to_le_bytes());
            e.push(typ);
            e.push(1);
            e.extend(NONE.to_le_bytes());
            e.extend(NONE.to_le_bytes());
            e.extend(child.to_le_bytes());
            e.extend([0u8; 36]);
            e.extend(start.to_le_bytes());
            e.extend(size.to_le_bytes());
            e.extend([0u8; 4]);
            e
        };
        let mut out = header;
        for id in fat {
            out.extend(id.to_le_bytes());
        }
        out.extend(entry("Root Entry", 5, 1, END, 0));
        out.extend(entry("Workbook", 2, NONE, first, stream.len() as u32));
        out.extend(entry("", 0, NONE, 0, 0));
        out.extend(entry("", 0, NONE, 0, 0));
        out.extend(stream);
        out
    }

    /// Attack 8: an .xls with a small table at the top, a cell in its last column
    /// (IV) and one far down: past calamine's 4 M-cell window, which kept
    /// the top rows and dropped the rest without a word.
    pub fn xls_far_cells(far_row: u16) -> Vec<u8> {
        let mut cells = Vec::new();
        for (c, h) in HEADER.iter().enumerate() {
            cells.push((0, c as u16, XlsCell::Text(h.to_string())));
        }
        for i in 1..=3u16 {
            cells.push((i, 0, XlsCell::Num(i as f64)));
            cells.push((i, 1, XlsCell::Text(format!("Tiêu chí {i}"))));
            cells.push((i, 2, XlsCell::Num(10.0)));
            cells.push((i, 3, XlsCell::Num(5.0)));
        }
        cells.push((0, 255, XlsCell::Text("cột cuối".into())));
        cells.push((far_row, 1, XlsCell::Text("dòng xa".into())));
        xls(&[("Bảng điểm".into(), cells)], &[], false)
    }

    /// Attack 7f: an .xls whose `cells` cells all show one shared string of
    /// `chars` ASCII characters (each cell is a copy).
    pub fn xls_shared_text(chars: usize, cells: usize) -> Vec<u8> {
        let list = (0..cells)
            .map(|i| ((i % 60_000) as u16, (i / 60_000) as u16, XlsCell::Sst(0)))
            .collect();
        xls(&[("Bảng".into(), list)], &["s".repeat(chars)], false)
    }

    /// Attack 4d: an .xls of `sheets` sheets all pointing at one sheet's records,
    /// a table of `criteria` rows.
    pub fn xls_sheets_sharing_records(sheets: usize, criteria: u16) -> Vec<u8> {
        let mut cells = Vec::new();
        for (c, h) in HEADER.iter().enumerate() {
            cells.push((0, c as u16, XlsCell::Text(h.to_string())));
        }
        for i in 1..=criteria {
            cells.push((i, 0, XlsCell::Num(i as f64)));
            cells.push((i, 1, XlsCell::Text("Tiêu chí".into())));
            cells.push((i, 2, XlsCell::Num(10.0)));
            cells.push((i, 3, XlsCell::Num(5.0)));
        }
        let mut list = vec![("Đơn vị 1".to_string(), cells)];
        for i in 2..=sheets {
            list.push((format!("Đơn vị {i}"), Vec::new()));
        }
        xls(&list, &[], true)
    }

    /// A named generator of one attack.
    pub type Attack = (&'static str, Box<dyn Fn() -> Vec<u8>>);

    /// Every attack at the size it was found with, for the example's table.
    pub fn catalogue() -> Vec<Attack> {
        vec![
            (
                "1 criteria rows ×600,000",
                Box::new(|| criteria_rows(600_000)),
            ),
            (
                "1 criteria rows ×20,000 (limit)",
                Box::new(|| criteria_rows(20_000)),
            ),
            (
                "2 numbering chain ×3,000 deep",
                Box::new(|| numbering_chain(3_000)),
            ),
            (
                "3 one row ×163,000 reversed",
                Box::new(|| reversed_rows(163_000, 1)),
            ),
            (
                "3 60 rows ×16,384 reversed",
                Box::new(|| reversed_rows(16_384, 60)),
            ),
            (
                "4 2,000 sheets → one part",
                Box::new(|| sheets_sharing_a_part(2_000, 10, 200_000)),
            ),
            (
                "4 900 sheets → one part",
                Box::new(|| sheets_sharing_a_part(900, 10, 200_000)),
            ),
            (
                "4 .xls 900 sheets → one",
                Box::new(|| xls_sheets_sharing_records(900, 2_500)),
            ),
            (
                "5 .ods rows ×300,000 × 100",
                Box::new(|| ods_repeated(300_000, 100)),
            ),
            (
                "5 .ods rows ×980,000 × 100",
                Box::new(|| ods_repeated(980_000, 100)),
            ),
            (
                "5 .ods 2,000 rows × 16,384",
                Box::new(|| ods_wide_rows(2_000, 16_384)),
            ),
            (
                "5 .ods text 10 KB ×16,384 ×20",
                Box::new(|| ods_repeated_text(10_000, 16_384, 20)),
            ),
            (
                "6 4,000 units × 5,000 rows",
                Box::new(|| units_by_criteria(4_000, 5_000)),
            ),
            (
                "6 1,000 units × 2,000 rows",
                Box::new(|| units_by_criteria(1_000, 2_000)),
            ),
            (
                "6 500 units × 2,000 rows (limit)",
                Box::new(|| units_by_criteria(500, 2_000)),
            ),
            (
                "6 20,000 rows × 32 K chars",
                Box::new(|| long_criteria(20_000, 32_767)),
            ),
            ("7 one 10 MB cell", Box::new(|| long_cell(10 << 20))),
            (
                "7 32 K chars × 1 M cells",
                Box::new(|| shared_text(32_767, 1_000_000)),
            ),
            (
                "7 .xls 8 K chars × 500 K",
                Box::new(|| xls_shared_text(8_000, 500_000)),
            ),
            ("7 .ods 2 G spaces", Box::new(|| ods_spaces(2_000_000_000))),
            (
                "7 XML nested 1 M deep",
                Box::new(|| deep_nesting(1_000_000)),
            ),
            (
                "7 rich text 1 M deep",
                Box::new(|| deep_shared_string(1_000_000)),
            ),
            (
                "7 claims 10^12 strings",
                Box::new(|| claimed_string_count(1_000_000_000_000)),
            ),
            ("7 metadata [0,0,…] 90 MB", Box::new(|| huge_meta(3_000))),
            (
                "8 .xls cell at row 65,535",
                Box::new(|| xls_far_cells(65_535)),
            ),
        ]
    }
}

use attacks::*;
use chamdiem::xlsx::{self, read::read_book, ImportError, ImportOptions, Imported, Said};

// The limits, as the messages state them (src/xlsx/read.rs, import.rs).
const MAX_CRITERIA: usize = 20_000;
const MAX_DEPTH: usize = 8;
const MAX_SHEETS: usize = 1_000;
const MAX_UNITS: usize = 2_000;

fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    xlsx::import(bytes, &ImportOptions::default())
}

/// Refused with the error `code`, whose Vietnamese message states `limit`.
#[track_caller]
fn assert_refused(got: Result<Imported, ImportError>, code: &str, limit: &str) {
    match got {
        Ok(imp) => panic!(
            "imported ({} rows, {} units), expected {code}",
            imp.sheet.nodes.len(),
            imp.sheet.units.len()
        ),
        Err(e) => {
            assert_eq!(e.code(), code, "{e}");
            let m = e.message();
            assert!(
                m.contains(limit),
                "the message states the limit {limit}: {m}"
            );
            let m = m.to_lowercase();
            assert!(
                m.contains("tệp") || m.contains("bảng"),
                "in Vietnamese: {m}"
            );
        }
    }
}

// 1 -------------------------------------------------------------------------

#[test]
fn a_table_at_the_criteria_limit_is_imported_whole() {
    let imp = import(&criteria_rows(MAX_CRITERIA)).unwrap();
    assert_eq!(imp.sheet.nodes.len(), MAX_CRITERIA);
    let last = imp.sheet.nodes.last().unwrap();
    assert_eq!(last.code, MAX_CRITERIA.to_string());
    assert!(imp
        .sheet
        .nodes
        .iter()
        .all(|n| n.parent.is_none() && n.max.is_some()));
    assert!(imp.report.warnings.is_empty(), "{:?}", imp.report.warnings);
}

#[test]
fn a_table_past_the_criteria_limit_is_refused() {
    assert_refused(
        import(&criteria_rows(MAX_CRITERIA + 1)),
        "too_many_criteria",
        "20.000",
    );
}

// 2 -------------------------------------------------------------------------

#[test]
fn a_numbering_deeper_than_the_tree_is_kept_at_its_deepest_level() {
    let depth = 40;
    let imp = import(&numbering_chain(depth)).unwrap();
    let nodes = &imp.sheet.nodes;
    // No row lost, none deeper than MAX_DEPTH.
    assert_eq!(nodes.len(), depth);
    let level = |mut i: usize| {
        let mut level = 1;
        while let Some(p) = nodes[i].parent {
            i = nodes.iter().position(|n| n.id == p).unwrap();
            level += 1;
        }
        level
    };
    let levels: Vec<usize> = (0..nodes.len()).map(level).collect();
    assert_eq!(levels.iter().max(), Some(&MAX_DEPTH));
    assert_eq!(&levels[..MAX_DEPTH], &[1, 2, 3, 4, 5, 6, 7, 8]);
    // Codes as deep as the tree, not as the numbering.
    assert!(nodes.iter().all(|n| n.code.split('.').count() <= MAX_DEPTH));
    let deep: Vec<_> = imp
        .report
        .warnings
        .iter()
        .filter(|w| matches!(w.said, Said::TooDeep { max: 8, .. }))
        .collect();
    assert_eq!(deep.len(), 1, "{:?}", imp.report.warnings);
    assert_eq!(deep[0].row, Some(MAX_DEPTH as u32 + 2));
    assert!(deep[0].to_string().contains("sâu quá 8 cấp"));
    assert!(deep[0]
        .to_string()
        .contains(&(depth - MAX_DEPTH).to_string()));
}

// 3 -------------------------------------------------------------------------

#[test]
fn rows_written_in_reverse_column_order_are_read_whole_and_in_order() {
    // Beyond Excel's last column (XFD) too: a sparse row is a sparse row.
    for (cols, rows) in [(100_000, 1), (2_000, 20)] {
        let book = read_book(&reversed_rows(cols, rows)).unwrap();
        let grid = &book.sheets[0];
        assert_eq!(grid.rows.len(), rows as usize);
        for cells in grid.rows.values() {
            assert_eq!(cells.len(), cols as usize);
            let got: Vec<u32> = cells.keys().copied().collect();
            assert!(got.iter().copied().eq(0..cols), "column order");
            for c in [0, 1, cols / 2, cols - 1] {
                assert_eq!(cells.get(&c).map(|v| v.text()), Some(c.to_string()));
            }
        }
    }
}

// 4 -------------------------------------------------------------------------

#[test]
fn too_many_sheets_are_refused_before_any_is_read() {
    assert_refused(
        import(&sheets_sharing_a_part(2_000, 10, 0)),
        "too_many_sheets",
        "1.000",
    );
    assert_refused(
        import(&many_sheets(MAX_SHEETS + 1)),
        "too_many_sheets",
        "1.000",
    );
    // At the limit, each its own part: read.
    let imp = import(&many_sheets(MAX_SHEETS)).unwrap();
    assert_eq!(imp.sheet.units.len(), MAX_SHEETS);
}

#[test]
fn sheets_reading_one_part_are_refused() {
    for bytes in [sheets_sharing_a_part(3, 10, 1_000), sheets_sharing_a_name()] {
        let e = import(&bytes).unwrap_err();
        assert_eq!(e.code(), "broken", "{e}");
        assert!(e.detail().unwrap().contains("one part"), "{e}");
        assert!(e.message().contains("Không đọc được tệp"));
    }
}

#[test]
fn xls_sheets_reading_one_substream_are_refused() {
    let e = import(&xls_sheets_sharing_records(3, 10)).unwrap_err();
    assert_eq!(e.code(), "broken", "{e}");
    assert!(e.detail().unwrap().contains("same records"), "{e}");
    // Each its own records: read.
    let fine = xls(
        &[
            ("Đơn vị 1".into(), vec![(0, 0, XlsCell::Num(1.0))]),
            ("Đơn vị 2".into(), vec![(0, 0, XlsCell::Num(2.0))]),
        ],
        &[],
        false,
    );
    let book = read_book(&fine).unwrap();
    assert_eq!(book.sheets.len(), 2);
    assert_eq!(book.sheets[1].text(0, 0), "2");
}

// 5 -------------------------------------------------------------------------

#[test]
fn ods_repeats_past_the_cell_limit_are_refused_before_they_are_expanded() {
    for bytes in [
        // 200 M cells: over what calamine allowed a sheet (100 M) too.
        ods_repeated(1_000_000, 200),
        // 4 M cells, under it.
        ods_repeated(20_000, 200),
        // 2.1 M cells across, as read.
        ods_wide_rows(128, 16_384),
    ] {
        assert_refused(import(&bytes), "too_many_cells", "2.000.000");
    }
    // Under the limit: read, repeats expanded.
    let book = read_book(&ods_repeated(1_000, 100)).unwrap();
    let cells: usize = book.sheets[0].rows.values().map(|c| c.len()).sum();
    assert_eq!(cells, 100_000);
}

#[test]
fn ods_repeated_text_past_the_text_limit_is_refused() {
    // 10,000 × 16,384 × 1 byte = 164 MB of copies of one 10 KB text.
    assert_refused(
        import(&ods_repeated_text(10_000, 16_384, 1)),
        "too_much_text",
        "100 MB",
    );
}

// 6 -------------------------------------------------------------------------

#[test]
fn an_import_too_large_for_the_page_is_refused_by_the_worker() {
    // 1,000 units × 2,000 rows: 2 M score cells for the page.
    assert_refused(
        import(&units_by_criteria(1_000, 2_000)),
        "too_many_scores",
        "1.000.000",
    );
    assert_refused(
        import(&units_by_criteria(MAX_UNITS + 1, 1)),
        "too_many_units",
        "2.000",
    );
    // 600 × 32,767 characters of criteria: 19.7 MB of text for the page.
    assert_refused(
        import(&long_criteria(600, 32_767)),
        "result_too_large",
        "16 MB",
    );
    // Under the limits: imported.
    let imp = import(&units_by_criteria(400, 2_000)).unwrap();
    assert_eq!(imp.sheet.units.len(), 400);
    assert_eq!(imp.sheet.nodes.len(), 2_000);
}

#[test]
fn warnings_are_listed_up_to_a_bound_and_quote_a_cell_in_part() {
    let imp = import(&unreadable_maxima(2_000)).unwrap();
    let w = &imp.report.warnings;
    // Two a row: the maximum unreadable, then none to score with.
    assert_eq!(w.len(), 501, "500 listed and a count of the rest");
    assert_eq!(w[500].said, Said::More { n: 3_500 });
    assert!(
        w[500].to_string().contains("3.500 lưu ý khác"),
        "{}",
        w[500]
    );
    // A cell of 5,000 characters is quoted in part.
    assert!(
        w.iter().all(|w| w.to_string().chars().count() < 300),
        "{}",
        w[0]
    );
}

// 7 -------------------------------------------------------------------------

#[test]
fn a_ten_megabyte_cell_is_kept_to_excels_cell_limit() {
    let imp = import(&long_cell(10 << 20)).unwrap();
    assert_eq!(imp.sheet.nodes[0].text.chars().count(), 32_767);
    assert!(imp
        .report
        .warnings
        .iter()
        .any(|w| w.to_string().contains("32.767 ký tự")));
}

#[test]
fn a_long_string_shared_by_many_cells_is_refused_past_the_text_limit() {
    // 5,000 cells × 32,767 bytes = 164 MB of copies.
    assert_refused(
        import(&shared_text(32_767, 5_000)),
        "too_much_text",
        "100 MB",
    );
    assert_refused(
        import(&xls_shared_text(8_000, 15_000)),
        "too_much_text",
        "100 MB",
    );
    // Under it: read.
    let book = read_book(&xls_shared_text(8_000, 1_000)).unwrap();
    assert_eq!(book.sheets[0].rows.len(), 1_000);
}

#[test]
fn a_space_count_is_not_taken_at_its_word() {
    assert_refused(
        import(&ods_spaces(2_000_000_000)),
        "too_much_text",
        "100 MB",
    );
    let book = read_book(&ods_spaces(3)).unwrap();
    assert_eq!(book.sheets[0].text(0, 0), "a   b");
}

#[test]
fn deeply_nested_markup_is_read_in_one_pass() {
    let imp = import(&deep_nesting(100_000)).unwrap();
    assert_eq!(imp.sheet.nodes.len(), 1);
    assert_eq!(imp.sheet.nodes[0].text, "Tiêu chí");
    let book = read_book(&deep_shared_string(100_000)).unwrap();
    assert_eq!(book.sheets[0].text(0, 0), "z");
}

#[test]
fn a_claimed_string_count_reserves_nothing() {
    let book = read_book(&claimed_string_count(1_000_000_000_000)).unwrap();
    assert_eq!(book.sheets[0].text(0, 0), "a");
}

#[test]
fn a_metadata_sheet_larger_than_ours_is_ignored() {
    // 15 MB: not ours (ours is a few kilobytes), not parsed, its band not
    // taken.
    let imp = import(&huge_meta(500)).unwrap();
    assert_eq!(imp.sheet.nodes.len(), 1);
    assert!(imp.sheet.classes.is_empty(), "{:?}", imp.sheet.classes);
    // Ours, small: read.
    let imp = import(&huge_meta(1)).unwrap();
    assert_eq!(imp.sheet.classes.len(), 1, "{:?}", imp.sheet.classes);
}

// Legacy code pages ------------------------------------------------------------

#[test]
fn xls_in_a_legacy_code_page_is_refused_with_its_reason() {
    // The worker carries no code-page tables (vendor/calamine patch 12):
    // text in windows-1258 (Vietnamese, Excel 95 era) cannot be read; the
    // file is refused with a reason, not misread. UTF-16 (1200, what Excel
    // 97 and later declare) is read as before.
    let sheet = || {
        vec![(
            "Bảng điểm".to_string(),
            (0..4u16)
                .map(|c| (0, c, XlsCell::Text(HEADER[c as usize].to_string())))
                .collect(),
        )]
    };
    let err = read_book(&xls_in(&sheet(), &[], false, Some(1258))).unwrap_err();
    assert_eq!(err, ImportError::OldXls { codepage: 1258 });
    assert!(err.message().contains("1258"), "{}", err.message());
    let book = read_book(&xls_in(&sheet(), &[], false, Some(1200))).unwrap();
    assert_eq!(book.sheets[0].name, "Bảng điểm");
    assert_eq!(book.sheets[0].text(0, 1), HEADER[1]);
}

// 8 -------------------------------------------------------------------------

#[test]
fn xls_cells_far_apart_are_all_read() {
    // A cell in column IV and one in row 65,536: 65,536 × 256 cells around
    // them, where calamine kept a window of 4 M and dropped the rest.
    let bytes = xls_far_cells(65_535);
    let book = read_book(&bytes).unwrap();
    let grid = &book.sheets[0];
    assert_eq!(grid.text(0, 255), "cột cuối");
    assert_eq!(grid.text(65_535, 1), "dòng xa");
    assert_eq!(grid.text(0, 0), "STT");
    let cells: usize = grid.rows.values().map(|c| c.len()).sum();
    assert_eq!(cells, 4 + 3 * 4 + 2);
    // The far row is read as a line under the table's last criterion.
    let imp = import(&bytes).unwrap();
    let nodes = &imp.sheet.nodes;
    assert_eq!(nodes.iter().filter(|n| !n.guidance).count(), 3);
    let last = nodes.last().unwrap();
    assert!(last.guidance && last.text == "dòng xa", "{last:?}");
}
