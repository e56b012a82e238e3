//! `waarden/*.csv` as spreadsheets export it, separated by `,` with a
//! decimal point, or by `;` with a decimal comma (Dutch Excel): cut into
//! cells here, read as a long or wide table by `table.rs`.

use crate::diagnostic::{Diagnostic, FileId, Sources, Span};

use super::ValueRow;
use super::table::{self, Cell, Decimal, Row, Stored, Table};

/// Where the record the csv reader places at byte `at` starts: after a
/// `\r\n` it places the next record at the `\n`, so a record starts at
/// its first byte that ends no line.
fn line_start(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest
        .bytes()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count()
}

/// Reads the value rows of one CSV file, long or wide, reporting every bad cell.
pub fn parse(sources: &Sources, file: FileId, problems: &mut Vec<Diagnostic>) -> Vec<ValueRow> {
    let text = sources.text(file);
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut spans = Vec::new();
    let mut unreadable = None;
    // Each record is cut into the one row buffer the table reader holds.
    let next = |row: &mut Row| {
        let position = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => return false,
            Ok(true) => {}
            Err(err) => {
                let at = line_start(
                    text,
                    err.position().map_or(position.byte(), |p| p.byte()) as usize,
                );
                unreadable = Some(
                    Diagnostic::error(
                        Span {
                            file,
                            range: at..at,
                        },
                        "this CSV file cannot be read",
                    )
                    .with_label(err.to_string()),
                );
                return false;
            }
        }
        let start = line_start(text, record.position().map_or(0, |p| p.byte() as usize));
        cell_spans(text, start, delimiter, &mut spans);
        let end = text[start..]
            .find(['\r', '\n'])
            .map_or(text.len(), |e| start + e);
        row.cells.truncate(record.len());
        for (i, value) in record.iter().enumerate() {
            let span = Span {
                file,
                range: spans.get(i).cloned().unwrap_or(start..start),
            };
            match row.cells.get_mut(i) {
                Some(cell) => {
                    cell.text.clear();
                    cell.text.push_str(value.trim());
                    cell.span = span;
                }
                None => row.cells.push(Cell {
                    text: value.trim().to_owned(),
                    span,
                    stored: Stored::Text,
                }),
            }
        }
        row.span = Span {
            file,
            range: start..end,
        };
        true
    };
    let decimal = if delimiter == b';' {
        Decimal::Comma
    } else {
        Decimal::Point
    };
    let table = Table {
        file,
        decimal,
        separator: Some(delimiter as char),
    };
    let values = table::read(table, next, problems);
    problems.extend(unreadable);
    values
}

/// Byte ranges of the cells of the record starting at `start`, honouring
/// quotes, into `spans`.
fn cell_spans(text: &str, start: usize, delimiter: u8, spans: &mut Vec<std::ops::Range<usize>>) {
    let bytes = text.as_bytes();
    spans.clear();
    let mut cell_start = start;
    let mut quoted = false;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && (b == b'\n' || b == b'\r') {
            break;
        } else if !quoted && b == delimiter {
            spans.push(cell_start..i);
            cell_start = i + 1;
        }
        i += 1;
    }
    spans.push(cell_start..i);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Vec<ValueRow>, Vec<Diagnostic>) {
        let mut sources = Sources::default();
        let file = sources.add("w.csv", text);
        let mut problems = Vec::new();
        let rows = parse(&sources, file, &mut problems);
        (rows, problems)
    }

    #[test]
    fn reads_both_dialects() {
        let (a, pa) =
            rows("indicator,gebied,periode,waarde,status\nbijstand,,2017,32.0,voorlopig\n");
        let (b, pb) =
            rows("indicator;gebied;periode;waarde;status\r\nbijstand;;2017;32,0;voorlopig\r\n");
        assert!(pa.is_empty() && pb.is_empty(), "{pa:?} {pb:?}");
        for r in [&a[0], &b[0]] {
            assert_eq!(r.indicator.value, "bijstand");
            assert_eq!(r.waarde.value, 32.0);
            assert!(r.gebied.is_none());
            assert_eq!(r.status.as_ref().unwrap().value, "voorlopig");
        }
    }

    #[test]
    fn reads_a_wide_table_with_cbs_marks() {
        let (r, p) = rows("indicator;gebied;2016KW04;2017KW01*;\nbijstand;NL01  ;1.726,5;.;\n");
        assert!(p.iter().all(|d| d.message.contains("no value")), "{p:?}");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].periode.value, "2016-Q4");
        assert_eq!(r[0].waarde.value, 1726.5);
        assert_eq!(r[0].gebied.as_ref().unwrap().value, "NL01");
        assert!(r[0].status.is_none());
        let (r, _) = rows("indicator,2017**\nbijstand,3\n");
        assert_eq!(r[0].status.as_ref().unwrap().value, "nader-voorlopig");
    }

    #[test]
    fn refuses_what_a_table_cannot_mean() {
        let problem = |text: &str| rows(text).1.first().map(|d| d.message.clone());
        assert_eq!(
            problem("indicator,periode,waarde,status\nb,2017*,3,definitief\n").as_deref(),
            Some("`status` disagrees with the period's mark")
        );
        assert_eq!(
            problem("indicator,2017,waarde\n").as_deref(),
            Some("a wide table has no `waarde` column")
        );
        assert_eq!(
            problem("indicator,2017,\nb,3,4\n").as_deref(),
            Some("this cell is in a column without a header")
        );
        assert_eq!(
            problem("indicator,2017,2017JJ00\n").as_deref(),
            Some("column `2017JJ00` appears twice")
        );
    }

    #[test]
    fn a_bad_cell_is_pointed_at_with_either_line_ending() {
        for end in ["\n", "\r\n", "\r"] {
            let text = [
                "indicator;gebied;periode;waarde;status",
                "banen;;2015;707;",
                "bijstand;;2017;abc;",
                "",
            ]
            .join(end);
            let (_, problems) = rows(&text);
            let range = problems[0].span.range.clone();
            assert_eq!(&text[range], "abc", "lines ending in {end:?}");
        }
    }

    #[test]
    fn cell_spans_honour_quotes() {
        let text = "a,\"b,c\",d\n";
        let mut spans = Vec::new();
        cell_spans(text, 0, b',', &mut spans);
        assert_eq!(&text[spans[1].clone()], "\"b,c\"");
        assert_eq!(&text[spans[2].clone()], "d");
    }
}
