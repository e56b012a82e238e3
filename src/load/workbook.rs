//! `waarden/*.xlsx` and `*.ods`: every sheet whose first row has an
//! `indicator` column is read as a table, long or wide. Numbers and dates
//! are taken as stored, a formula by its cached value. Each sheet is also
//! registered as text, one line per row, so that a problem is shown like
//! any other: at `waarden/monitor.xlsx: Blad1!C7`, with the row quoted.

use std::io::Cursor;
use std::ops::Range;

use calamine::{Data, Reader, Sheets};

use crate::diagnostic::{Diagnostic, Sources, Span};

use super::table::{self, Cell, Decimal, Row, Stored, Table};
use super::{MAX_LINE_CHARS, ValueRow};

/// Reads the value rows of every table in a workbook.
pub fn parse(
    name: &str,
    bytes: Vec<u8>,
    sources: &mut Sources,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ValueRow> {
    let refuse = |sources: &mut Sources, label: String| {
        let file = sources.add(name, "");
        Diagnostic::error(Span::file_start(file), "this workbook cannot be read")
            .with_label(label)
            .expected("an Excel workbook (.xlsx) or OpenDocument spreadsheet (.ods), saved by a spreadsheet program")
    };
    // The extension says the format: no other reader sees the bytes.
    let data = Cursor::new(bytes);
    let opened = if name.to_lowercase().ends_with(".ods") {
        calamine::open_workbook_from_rs(data)
            .map(Sheets::Ods)
            .map_err(|e: calamine::OdsError| e.to_string())
    } else {
        calamine::open_workbook_from_rs(data)
            .map(Sheets::Xlsx)
            .map_err(|e: calamine::XlsxError| e.to_string())
    };
    let mut workbook = match opened {
        Ok(w) => w,
        Err(err) => {
            problems.push(refuse(sources, err));
            return Vec::new();
        }
    };
    let mut values = Vec::new();
    let mut tables = 0;
    for sheet in workbook.sheet_names() {
        let range = match workbook.worksheet_range(&sheet) {
            Ok(range) => range,
            Err(err) => {
                problems.push(refuse(sources, format!("sheet `{sheet}`: {err}")));
                continue;
            }
        };
        let Some((top, left)) = range.start() else {
            continue;
        };
        let has_indicator = range.rows().next().is_some_and(|first| {
            first
                .iter()
                .any(|d| shown(d).0.trim().eq_ignore_ascii_case("indicator"))
        });
        if !has_indicator {
            continue;
        }
        tables += 1;
        let (text, laid_out) = lay_out(&range, top, left);
        if let Some(long) = text
            .lines()
            .position(|l| l.chars().count() > MAX_LINE_CHARS)
        {
            problems.push(refuse(
                sources,
                format!("sheet `{sheet}`: row {} is longer than {MAX_LINE_CHARS} characters, kompas's limit", long + 1),
            ));
            continue;
        }
        let references = laid_out
            .iter()
            .flatten()
            .map(|(range, reference, _)| (range.clone(), reference.clone()))
            .collect();
        let file = sources.add_sheet(format!("{name}: {sheet}"), text, references);
        let mut rows = laid_out.into_iter().map(|cells| {
            let whole = match (cells.first(), cells.last()) {
                (Some(a), Some(b)) => a.0.start..b.0.end,
                _ => 0..0,
            };
            Row {
                cells: cells
                    .into_iter()
                    .map(|(range, _, (text, stored))| Cell {
                        text: text.trim().to_owned(),
                        span: Span { file, range },
                        stored,
                    })
                    .collect(),
                span: Span { file, range: whole },
            }
        });
        let table = Table {
            file,
            decimal: Decimal::Either,
            separator: None,
        };
        let next = |row: &mut Row| rows.next().map(|r| *row = r).is_some();
        values.extend(table::read(table, next, problems));
    }
    if tables == 0 {
        let file = sources.add(name, "");
        problems.push(
            Diagnostic::warning(Span::file_start(file), "this workbook holds no values")
                .with_label("no sheet starts with an `indicator` column")
                .expected("a sheet whose first row names the columns, `indicator` among them"),
        );
    }
    values
}

/// One cell laid out: its range in the sheet's text, its reference, its content.
type LaidOut = (Range<usize>, String, (String, Stored));

/// The sheet as text, one line per row (so line 7 is row 7), cells
/// separated by `;`, and where each cell went.
fn lay_out(range: &calamine::Range<Data>, top: u32, left: u32) -> (String, Vec<Vec<LaidOut>>) {
    let mut text = "\n".repeat(top as usize);
    let mut rows = Vec::new();
    for (r, row) in range.rows().enumerate() {
        let mut cells = Vec::new();
        for (c, data) in row.iter().enumerate() {
            if c > 0 {
                text.push(';');
            }
            let (shown, stored) = shown(data);
            let start = text.len();
            text.push_str(&shown);
            let reference = format!("{}{}", column_name(left as usize + c), top as usize + r + 1);
            cells.push((start..text.len(), reference, (shown, stored)));
        }
        text.push('\n');
        rows.push(cells);
    }
    (text, rows)
}

/// A cell's content as text on one line, and what it holds.
fn shown(data: &Data) -> (String, Stored) {
    match data {
        Data::Empty => (String::new(), Stored::Text),
        Data::String(s) => (s.replace(['\r', '\n'], " "), Stored::Text),
        Data::Int(n) => (n.to_string(), Stored::Number(*n as f64)),
        Data::Float(f) => (number_text(*f), Stored::Number(*f)),
        Data::Bool(b) => (b.to_string(), Stored::Text),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            date(i32::from(y), u32::from(m), u32::from(day))
        }
        Data::DateTime(d) => (number_text(d.as_f64()), Stored::Error),
        Data::DateTimeIso(s) => {
            let parts: Vec<&str> = s.get(..10).unwrap_or("").split('-').collect();
            match parts[..] {
                [y, m, d] => match (y.parse(), m.parse(), d.parse()) {
                    (Ok(y), Ok(m), Ok(d)) => date(y, m, d),
                    _ => (s.clone(), Stored::Error),
                },
                _ => (s.clone(), Stored::Error),
            }
        }
        Data::DurationIso(s) => (s.clone(), Stored::Error),
        Data::Error(e) => (e.to_string(), Stored::Error),
    }
}

fn date(year: i32, month: u32, day: u32) -> (String, Stored) {
    (
        format!("{year:04}-{month:02}-{day:02}"),
        Stored::Date(year, month, day),
    )
}

/// A stored number as text: `2017`, not `2017.0`.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// A column's letters: 0 is `A`, 26 is `AA`.
fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_columns_as_a_spreadsheet() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(2), "C");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27 * 26), "AAA");
    }

    #[test]
    fn shows_numbers_as_stored() {
        assert_eq!(number_text(2017.0), "2017");
        assert_eq!(number_text(33.5), "33.5");
        assert_eq!(shown(&Data::Int(7)).1, Stored::Number(7.0));
    }

    #[test]
    fn reads_a_date_as_a_date() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        // What Excel stores when one types `2017-09` in a cell.
        let typed = Data::DateTime(ExcelDateTime::new(
            42979.0,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(
            shown(&typed),
            ("2017-09-01".into(), Stored::Date(2017, 9, 1))
        );
        let iso = Data::DateTimeIso("2017-09-01T00:00:00".into());
        assert_eq!(shown(&iso).1, Stored::Date(2017, 9, 1));
    }
}
