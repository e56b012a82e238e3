//! The tables of `waarden/`, however they come: a CSV file or a workbook's
//! sheet, long (`indicator,gebied,periode,waarde,status`) or wide
//! (`indicator,gebied` and one column per period), with CBS's conventions
//! (FORMAT.md section 7). `csv.rs` and `workbook.rs` only cut their files
//! into cells; [`read`] makes value rows of them.

use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::period::{Period, cbs_mark, parse_table_period};

use super::{Loc, ValueRow};

/// One cell: its text, trimmed, where it is, and what a workbook stored.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub span: Span,
    pub stored: Stored,
}

/// What a cell holds. A CSV holds text only; a workbook's numbers and
/// dates are taken as stored, never parsed from their display.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stored {
    Text,
    Number(f64),
    /// A date: year, month, day.
    Date(i32, u32, u32),
    /// A spreadsheet error such as `#DIV/0!`: no value a report can show.
    Error,
}

/// One row of a table, and its whole extent for problems with the row.
#[derive(Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
}

/// How a table writes the decimals of numbers held as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimal {
    /// `33.5`: a file separated by `,`.
    Point,
    /// `33,5` and `1.726,5`: a file separated by `;` (Dutch Excel).
    Comma,
    /// Either, as a workbook's text cells may hold: a comma is decimal.
    Either,
}

/// What is being read, for the words of its problems.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub file: FileId,
    pub decimal: Decimal,
    /// The CSV separator, which a row with too few cells is told about.
    pub separator: Option<char>,
}

/// The columns of a long table; the first three are required.
const FIELDS: [&str; 5] = ["indicator", "periode", "waarde", "gebied", "status"];

/// What one column of the header row holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    /// One of [`FIELDS`].
    Field(usize),
    /// A period of a wide table, with its CBS status mark.
    Period(Period, Option<&'static str>),
    /// A report twin's `soort`: only its `meting` rows are values.
    Soort,
    /// A column read by no one: an open-data twin's other columns.
    Skipped,
    /// A column with an empty header: it must stay empty.
    Unnamed,
}

/// The header row, understood.
struct Header {
    columns: Vec<Column>,
    spans: Vec<Span>,
    wide: bool,
}

impl Header {
    fn field(&self, name: &str) -> Option<usize> {
        let f = FIELDS.iter().position(|c| *c == name)?;
        self.columns.iter().position(|c| *c == Column::Field(f))
    }
}

/// Reads the value rows of one table, reporting every bad cell. `next`
/// puts the table's next row into the buffer it is given, and says
/// whether there was one; the first row is the header. One buffer serves
/// every row, so that a long file is not cut into strings a row at a time.
pub fn read(
    table: Table,
    mut next: impl FnMut(&mut Row) -> bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ValueRow> {
    let mut row = Row {
        cells: Vec::new(),
        span: Span::file_start(table.file),
    };
    if !next(&mut row) {
        problems.push(
            Diagnostic::error(Span::file_start(table.file), "this table is empty")
                .with_label("no header row")
                .expected(expected_header()),
        );
        return Vec::new();
    }
    let header = match header(&row) {
        Ok(header) => header,
        Err(problem) => {
            problems.push(*problem);
            return Vec::new();
        }
    };
    let mut reader = Reader {
        table,
        header,
        values: Vec::new(),
        seen: std::collections::HashSet::new(),
        empty: 0,
        first_empty: None,
        problems,
    };
    while next(&mut row) {
        reader.row(&row);
    }
    if let Some(span) = reader.first_empty.take() {
        let n = reader.empty;
        reader.problems.push(
            Diagnostic::warning(span, format!("{n} cell(s) hold no value and are skipped"))
                .with_label("the first of them")
                .with_note("a cell that is empty or `.` (as CBS writes a figure that is unknown or kept secret) is read as no value, never as zero"),
        );
    }
    reader.values
}

/// The header row this module reads, for "expected ..." notes.
fn expected_header() -> &'static str {
    "a header row `indicator,gebied,periode,waarde,status` (`gebied` and `status` may be left out), or a wide one: `indicator,gebied` and one column per period (`2016`, `2017-Q3`, `2017KW03`, `2017*`)"
}

/// Maps the header's cells to columns, or says what is wrong with it.
/// A report's open-data twin (with the columns `rapport` and `rol`) is read
/// as values: its `cbs_status` is the CBS status, its other columns skipped.
fn header(row: &Row) -> Result<Header, Box<Diagnostic>> {
    let names: Vec<String> = row
        .cells
        .iter()
        .map(|c| c.text.trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let spans: Vec<Span> = row.cells.iter().map(|c| c.span.clone()).collect();
    let field = |n: &str| FIELDS.iter().position(|c| *c == n).map(Column::Field);
    let is_twin = ["rapport", "rol"]
        .iter()
        .all(|c| names.iter().any(|n| n == c));
    if is_twin {
        let columns = names
            .iter()
            .map(|n| match n.as_str() {
                "cbs_status" => field("status").unwrap_or(Column::Skipped),
                "status" => Column::Skipped,
                "soort" => Column::Soort,
                n => field(n).unwrap_or(Column::Skipped),
            })
            .collect();
        return Ok(Header {
            columns,
            spans,
            wide: false,
        });
    }
    let problem = |i: usize, message: String, label: &str| {
        Box::new(
            Diagnostic::error(spans[i].clone(), message)
                .with_label(label)
                .expected(expected_header()),
        )
    };
    let mut columns = Vec::new();
    for (i, (name, cell)) in names.iter().zip(&row.cells).enumerate() {
        let column = if name.is_empty() {
            Column::Unnamed
        } else if let Some(f) = field(name) {
            f
        } else {
            match period(cell) {
                Ok((p, mark)) => Column::Period(p, mark),
                Err(()) if cell.text.starts_with(|c: char| c.is_ascii_digit()) => {
                    return Err(problem(
                        i,
                        format!("column `{}` is not a period", cell.text),
                        "not a period",
                    ));
                }
                Err(()) => {
                    return Err(problem(
                        i,
                        format!("unknown column `{name}`"),
                        "not a column kompas reads",
                    ));
                }
            }
        };
        let twice = match &column {
            Column::Field(_) => columns.contains(&column),
            Column::Period(p, _) => columns
                .iter()
                .any(|c| matches!(c, Column::Period(q, _) if q == p)),
            _ => false,
        };
        if twice {
            return Err(problem(
                i,
                format!("column `{}` appears twice", cell.text),
                "second time",
            ));
        }
        columns.push(column);
    }
    let wide = columns.iter().any(|c| matches!(c, Column::Period(..)));
    let required: &[usize] = if wide { &[0] } else { &[0, 1, 2] };
    let last = spans.len().saturating_sub(1);
    if let Some(&missing) = required
        .iter()
        .find(|&&f| !columns.contains(&Column::Field(f)))
    {
        return Err(problem(
            last,
            format!("the header has no `{}` column", FIELDS[missing]),
            "header ends here",
        ));
    }
    if wide
        && let Some(i) = [1, 2, 4]
            .iter()
            .find_map(|&f| columns.iter().position(|c| *c == Column::Field(f)))
    {
        return Err(Box::new(
            Diagnostic::error(
                spans[i].clone(),
                format!("a wide table has no `{}` column", names[i]),
            )
            .with_label("in a table with period columns")
            .expected("either a long table (`periode`, `waarde`, `status`) or a wide one (a column per period, `2017*` for voorlopig), not both"),
        ));
    }
    Ok(Header {
        columns,
        spans,
        wide,
    })
}

/// The period a cell names, with its CBS status mark. A workbook's date
/// names its month (Excel turns a typed `2017-09` into 1 September 2017).
fn period(cell: &Cell) -> Result<(Period, Option<&'static str>), ()> {
    match cell.stored {
        Stored::Date(year, month, 1) => format!("{year}-{month:02}")
            .parse()
            .map(|p| (p, None))
            .map_err(|_| ()),
        Stored::Date(..) | Stored::Error => Err(()),
        Stored::Text | Stored::Number(_) => parse_table_period(&cell.text)
            .map(|(p, stars)| (p, cbs_mark(stars)))
            .map_err(|_| ()),
    }
}

/// Reads the rows after the header.
struct Reader<'a> {
    table: Table,
    header: Header,
    values: Vec<ValueRow>,
    /// A twin repeats a figure at each place it stands in the report.
    seen: std::collections::HashSet<Vec<String>>,
    empty: usize,
    first_empty: Option<Span>,
    problems: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn row(&mut self, row: &Row) {
        if row.cells.iter().all(|c| c.text.is_empty()) {
            return;
        }
        let width = self.header.columns.len();
        if row.cells.len() != width {
            let separated = self
                .table
                .separator
                .map_or(String::new(), |s| format!(", separated by `{s}`"));
            self.problems.push(
                Diagnostic::error(row.span.clone(), "this row has the wrong number of cells")
                    .with_label(format!("found {} cells", row.cells.len()))
                    .expected(format!(
                        "{width} cells, one per column of the header row{separated}"
                    )),
            );
            return;
        }
        for (column, cell) in self.header.columns.iter().zip(&row.cells) {
            if *column == Column::Unnamed && !cell.text.is_empty() {
                self.problems.push(
                    Diagnostic::error(cell.span.clone(), "this cell is in a column without a header")
                        .with_label(format!("found `{}`", cell.text))
                        .expected("a header above every column that holds something: `gebied`, `status` or a period"),
                );
                return;
            }
        }
        if let Some(i) = self.header.columns.iter().position(|c| *c == Column::Soort) {
            if row.cells[i].text != "meting" {
                return;
            }
            let figure = ["indicator", "gebied", "periode", "waarde"].map(|name| {
                self.header
                    .field(name)
                    .map_or(String::new(), |i| row.cells[i].text.clone())
            });
            if !self.seen.insert(figure.to_vec()) {
                return;
            }
        }
        let Some(indicator) = self.required(row, "indicator") else {
            return;
        };
        let gebied = self.optional(row, "gebied");
        if self.header.wide {
            let periods = self.header.columns.clone();
            for (i, column) in periods.iter().enumerate() {
                let Column::Period(p, mark) = column else {
                    continue;
                };
                let header = self.header.spans[i].clone();
                let message = format!("the value for {p} is not a number");
                let Some(waarde) = self.value(&row.cells[i], message) else {
                    continue;
                };
                self.values.push(ValueRow {
                    file: self.table.file,
                    indicator: indicator.clone(),
                    gebied: gebied.clone(),
                    periode: Loc {
                        value: p.to_string(),
                        span: header.clone(),
                    },
                    waarde,
                    status: mark.map(|m| Loc {
                        value: m.to_owned(),
                        span: header.clone(),
                    }),
                });
            }
            return;
        }
        let Some(periode) = self.required(row, "periode") else {
            return;
        };
        let status = self.optional(row, "status");
        let cell = &row.cells[self.header.field("waarde").unwrap_or(0)];
        let Some(waarde) = self.value(cell, "`waarde` is not a number".into()) else {
            return;
        };
        let i = self.header.field("periode").unwrap_or(0);
        let (periode, mark) = match period(&row.cells[i]) {
            Ok((p, mark)) => (
                Loc {
                    value: p.to_string(),
                    span: periode.span,
                },
                mark,
            ),
            // The model says how a period is written.
            Err(()) => (periode, None),
        };
        let marked = mark.map(|m| Loc {
            value: m.to_owned(),
            span: periode.span.clone(),
        });
        let status = match (status, marked) {
            (Some(s), Some(m)) if s.value != m.value => {
                self.problems.push(
                    Diagnostic::error(s.span.clone(), "`status` disagrees with the period's mark")
                        .with_label(format!(
                            "found `{}`, but the period is marked {}",
                            s.value, m.value
                        ))
                        .expected(
                            "a status that agrees with the `*` or `**` of the period, or no status",
                        ),
                );
                return;
            }
            (s, m) => s.or(m),
        };
        self.values.push(ValueRow {
            file: self.table.file,
            indicator,
            gebied,
            periode,
            waarde,
            status,
        });
    }

    /// The text of a named column, when it is there and not empty.
    fn optional(&self, row: &Row, name: &str) -> Option<Loc<String>> {
        let cell = &row.cells[self.header.field(name)?];
        (!cell.text.is_empty()).then(|| Loc {
            value: cell.text.clone(),
            span: cell.span.clone(),
        })
    }

    /// Like [`Reader::optional`], reporting an empty cell.
    fn required(&mut self, row: &Row, name: &str) -> Option<Loc<String>> {
        let found = self.optional(row, name);
        if found.is_none() {
            let span = self
                .header
                .field(name)
                .map_or(row.span.clone(), |i| row.cells[i].span.clone());
            self.problems.push(
                Diagnostic::error(span, format!("the `{name}` cell is empty"))
                    .with_label("empty")
                    .expected(format!("a value in the `{name}` column of every row")),
            );
        }
        found
    }

    /// The number in a value cell; none for no value (counted) or a bad one
    /// (reported with `message`).
    fn value(&mut self, cell: &Cell, message: String) -> Option<Loc<f64>> {
        if cell.stored == Stored::Text && (cell.text.is_empty() || cell.text == ".") {
            self.empty += 1;
            self.first_empty.get_or_insert_with(|| cell.span.clone());
            return None;
        }
        let number = match cell.stored {
            Stored::Number(n) if n.is_finite() => Ok(n),
            Stored::Text => number(&cell.text, self.table.decimal),
            Stored::Date(..) => Err("a number, not a date: format the cell as a number".into()),
            _ => Err(
                "a number; this cell holds an error of the spreadsheet (or a number too large)"
                    .into(),
            ),
        };
        match number {
            Ok(value) => Some(Loc {
                value,
                span: cell.span.clone(),
            }),
            Err(expected) => {
                self.problems.push(
                    Diagnostic::error(cell.span.clone(), message)
                        .with_label(format!("found `{}`", cell.text))
                        .expected(expected),
                );
                None
            }
        }
    }
}

/// Parses a number written as text, or says what was expected.
pub fn number(raw: &str, decimal: Decimal) -> Result<f64, String> {
    let decimal = match decimal {
        Decimal::Either if raw.contains(',') => Decimal::Comma,
        Decimal::Either if is_grouped(raw, true) => {
            return Err("a number without thousands separators, as in `1726.5` or `1726,5`: is `1.234` one thousand or one?".into());
        }
        Decimal::Either => Decimal::Point,
        d => d,
    };
    let normal = match decimal {
        Decimal::Comma if is_grouped(raw, false) => raw.replace('.', "").replace(',', "."),
        Decimal::Comma if raw.contains('.') => {
            return Err(
                "a number with a decimal comma, as in `33,5` or `1.726,5`, in a file separated by `;`"
                    .into(),
            );
        }
        Decimal::Comma => raw.replace(',', "."),
        _ if raw.contains(',') => {
            return Err(
                "a number with a decimal point, as in `33.5`, in a file separated by `,` (no thousands separators)"
                    .into(),
            );
        }
        _ => raw.to_owned(),
    };
    let ok = !normal.is_empty()
        && normal
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+');
    match normal.parse::<f64>() {
        Ok(n) if ok && n.is_finite() => Ok(n),
        _ => Err("a finite number, as in `33.5` (or `33,5` in a file separated by `;`)".into()),
    }
}

/// Whether `raw` groups its thousands with `.`, as in `1.726,5` or
/// `1.726.000`. A lone group without decimal comma (`1.234`), which may as
/// well be a decimal number, counts only when `lone` is true.
fn is_grouped(raw: &str, lone: bool) -> bool {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let (whole, decimals) = match digits.split_once(',') {
        Some((w, d)) => (w, Some(d)),
        None => (digits, None),
    };
    let digits_only = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut groups = whole.split('.');
    let first = groups.next().unwrap_or_default();
    let (mut count, mut rest) = (1, true);
    for group in groups {
        count += 1;
        rest &= group.len() == 3 && digits_only(group);
    }
    let well_formed = count > 1
        && (1..=3).contains(&first.len())
        && digits_only(first)
        && rest
        && decimals.is_none_or(|d| !d.is_empty() && digits_only(d));
    let unambiguous = decimals.is_some() || count > 2;
    well_formed && (unambiguous || lone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_names_its_month() {
        let cell = |text: &str, stored| Cell {
            text: text.into(),
            span: Span::file_start(0),
            stored,
        };
        let first = cell("2017-09-01", Stored::Date(2017, 9, 1));
        assert_eq!(period(&first), Ok((Period::Month(2017, 9), None)));
        assert!(period(&cell("2017-09-15", Stored::Date(2017, 9, 15))).is_err());
        let year = cell("2017", Stored::Number(2017.0));
        assert_eq!(period(&year), Ok((Period::Year(2017), None)));
        let marked = cell("2017KW04**", Stored::Text);
        assert_eq!(
            period(&marked),
            Ok((Period::Quarter(2017, 4), Some("nader-voorlopig")))
        );
    }

    #[test]
    fn numbers_as_each_table_writes_them() {
        assert_eq!(number("1.726,5", Decimal::Comma), Ok(1726.5));
        assert_eq!(number("1.726.000", Decimal::Comma), Ok(1_726_000.0));
        assert_eq!(number("-3,25", Decimal::Comma), Ok(-3.25));
        assert_eq!(number("33,5", Decimal::Either), Ok(33.5));
        assert_eq!(number("33.5", Decimal::Either), Ok(33.5));
        assert_eq!(number("1.726,5", Decimal::Either), Ok(1726.5));
        for (bad, decimal) in [
            ("1.234", Decimal::Comma),
            ("1.234", Decimal::Either),
            ("12.34,5", Decimal::Comma),
            ("1.726,", Decimal::Comma),
            ("33,5", Decimal::Point),
            ("NaN", Decimal::Point),
            ("inf", Decimal::Point),
            ("1e400", Decimal::Point),
        ] {
            assert!(number(bad, decimal).is_err(), "{bad}");
        }
    }
}
