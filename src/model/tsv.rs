//! Clipboard blocks as Excel and LibreOffice write them: tab-separated
//! cells, CRLF or LF rows, cells holding tabs, newlines or quotes wrapped
//! in double quotes with quotes doubled, usually a trailing newline.

/// Parses a copied block into rows of cells.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // Quoted cell: up to the closing quote; "" is a quote.
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some('"') | None => break,
                        Some(ch) => cell.push(ch),
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            ch => {
                cell.push(ch);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Writes rows as a block Excel and LibreOffice paste back cell by cell.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains(['\t', '\n', '\r', '"']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_excel_blocks() {
        assert_eq!(
            parse("1\t2,5\r\n3\t4\r\n"),
            vec![vec!["1", "2,5"], vec!["3", "4"]]
        );
        assert_eq!(parse("1\t2"), vec![vec!["1", "2"]]);
        assert_eq!(
            parse("a\t\"dòng 1\ndòng 2\"\tb\n"),
            vec![vec!["a", "dòng 1\ndòng 2", "b"]]
        );
        assert_eq!(parse("\"có \"\"ngoặc\"\"\"\n"), vec![vec!["có \"ngoặc\""]]);
        assert_eq!(parse("\t\n"), vec![vec!["", ""]]);
        assert_eq!(parse(""), Vec::<Vec<String>>::new());
        assert_eq!(parse("x\n\ny\n"), vec![vec!["x"], vec![""], vec!["y"]]);
    }

    #[test]
    fn writes_what_it_parses() {
        let rows = vec![
            vec!["2,5".to_string(), "a\tb".to_string()],
            vec!["\"q\"".to_string(), "dòng 1\ndòng 2".to_string()],
        ];
        assert_eq!(parse(&write(&rows)), rows);
    }
}
