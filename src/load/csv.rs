//! `waarden/*.csv` as spreadsheets export it: a header row
//! `indicator,gebied,periode,waarde,status`, separated by `,` with a decimal
//! point, or by `;` with a decimal comma (Dutch Excel).

use crate::diagnostic::{Diagnostic, FileId, Sources, Span};

use super::{Loc, ValueRow};

/// The columns a values CSV may have; the first three are required.
const COLUMNS: [&str; 5] = ["indicator", "periode", "waarde", "gebied", "status"];
const REQUIRED: usize = 3;

/// Reads the value rows of one CSV file, reporting every bad cell.
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

    let mut rows = Vec::new();
    let mut columns: Option<Header> = None;
    // A twin repeats a figure at each place it stands in the report.
    let mut seen = std::collections::HashSet::new();
    let mut record = csv::StringRecord::new();
    loop {
        let position = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let at = err
                    .position()
                    .map_or(position.byte() as usize, |p| p.byte() as usize);
                problems.push(
                    Diagnostic::error(
                        Span {
                            file,
                            range: at..at,
                        },
                        "this CSV file cannot be read",
                    )
                    .with_label(err.to_string()),
                );
                break;
            }
        }
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let cells = cell_spans(text, start, delimiter);
        let cell = |i: usize| Span {
            file,
            range: cells.get(i).cloned().unwrap_or(start..start),
        };
        let Some(Header { order, soort }) = &columns else {
            match header(&record, &cell) {
                Ok(h) => columns = Some(h),
                Err(problem) => {
                    problems.push(problem);
                    return rows;
                }
            }
            continue;
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != order.len() {
            let line_span = Span {
                file,
                range: start
                    ..start
                        + text[start..]
                            .find(['\r', '\n'])
                            .unwrap_or(text.len() - start),
            };
            problems.push(
                Diagnostic::error(line_span, "this row has the wrong number of cells")
                    .with_label(format!("found {} cells", record.len()))
                    .expected(format!(
                        "{} cells, one per column of the header row, separated by `{}`",
                        order.len(),
                        delimiter as char
                    )),
            );
            continue;
        }
        if let Some(i) = soort {
            if record.get(*i).map(str::trim) != Some("meting") {
                continue;
            }
            let figure = ["indicator", "gebied", "periode", "waarde"].map(|name| {
                let column = COLUMNS.iter().position(|c| *c == name);
                let i = order.iter().position(|&c| c.is_some() && c == column);
                i.and_then(|i| record.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_owned()
            });
            if !seen.insert(figure) {
                continue;
            }
        }
        let get = |name: &str| -> Option<(String, Span)> {
            let column = COLUMNS.iter().position(|c| *c == name)?;
            let i = order.iter().position(|&c| c == Some(column))?;
            let value = record.get(i)?.trim();
            (!value.is_empty()).then(|| (value.to_owned(), cell(i)))
        };
        let loc = |(value, span): (String, Span)| Loc { value, span };
        let (Some(indicator), Some(periode)) = (get("indicator"), get("periode")) else {
            let missing = if get("indicator").is_none() {
                "indicator"
            } else {
                "periode"
            };
            let i = order
                .iter()
                .position(|&c| c.map(|c| COLUMNS[c]) == Some(missing))
                .unwrap_or(0);
            problems.push(
                Diagnostic::error(cell(i), format!("the `{missing}` cell is empty"))
                    .with_label("empty")
                    .expected(format!("a value in the `{missing}` column of every row")),
            );
            continue;
        };
        let Some((raw_number, number_span)) = get("waarde") else {
            let i = order
                .iter()
                .position(|&c| c.map(|c| COLUMNS[c]) == Some("waarde"))
                .unwrap_or(0);
            problems.push(
                Diagnostic::error(cell(i), "the `waarde` cell is empty")
                    .with_label("empty")
                    .expected("a number; leave out the row for a period without a value"),
            );
            continue;
        };
        let waarde = match number(&raw_number, delimiter) {
            Ok(n) => n,
            Err(expected) => {
                problems.push(
                    Diagnostic::error(number_span, "`waarde` is not a number")
                        .with_label(format!("found `{raw_number}`"))
                        .expected(expected),
                );
                continue;
            }
        };
        rows.push(ValueRow {
            file,
            indicator: loc(indicator),
            gebied: get("gebied").map(loc),
            periode: loc(periode),
            waarde: Loc {
                value: waarde,
                span: number_span,
            },
            status: get("status").map(loc),
        });
    }
    if columns.is_none() {
        problems.push(
            Diagnostic::error(Span::file_start(file), "this CSV file is empty")
                .with_label("no header row")
                .expected(format!("a header row `{}`", COLUMNS.join(","))),
        );
    }
    rows
}

/// What the header row says: per cell the column of [`COLUMNS`] it holds
/// (`None` for a twin's other columns), and for a report's open-data twin
/// the cell saying which rows are measured values.
struct Header {
    order: Vec<Option<usize>>,
    soort: Option<usize>,
}

/// Maps the header's columns to [`COLUMNS`], or says what is wrong with it.
/// A report's open-data twin (with the columns `rapport` and `rol`) is read
/// as values: its `cbs_status` is the CBS status, its other columns skipped.
fn header(record: &csv::StringRecord, cell: &dyn Fn(usize) -> Span) -> Result<Header, Diagnostic> {
    let expected = || {
        "a header row `indicator,gebied,periode,waarde,status` (`gebied` and `status` may be left out)".to_string()
    };
    let names: Vec<String> = record
        .iter()
        .map(|n| n.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let is_twin = ["rapport", "rol"]
        .iter()
        .all(|c| names.iter().any(|n| n == c));
    if is_twin {
        let order = names
            .iter()
            .map(|n| {
                let n = if n == "cbs_status" {
                    "status"
                } else if n == "status" {
                    ""
                } else {
                    n
                };
                COLUMNS.iter().position(|c| *c == n)
            })
            .collect();
        let soort = names.iter().position(|n| n == "soort");
        return Ok(Header { order, soort });
    }
    let mut order = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        match COLUMNS.iter().position(|c| *c == name) {
            Some(c) if order.contains(&Some(c)) => {
                return Err(
                    Diagnostic::error(cell(i), format!("column `{name}` appears twice"))
                        .with_label("second time")
                        .expected(expected()),
                );
            }
            Some(c) => order.push(Some(c)),
            None => {
                return Err(
                    Diagnostic::error(cell(i), format!("unknown column `{name}`"))
                        .with_label("not a column kompas reads")
                        .expected(expected()),
                );
            }
        }
    }
    if let Some(missing) = (0..REQUIRED).find(|c| !order.contains(&Some(*c))) {
        let end = cell(record.len().saturating_sub(1));
        return Err(Diagnostic::error(
            end,
            format!("the header has no `{}` column", COLUMNS[missing]),
        )
        .with_label("header ends here")
        .expected(expected()));
    }
    Ok(Header { order, soort: None })
}

/// Parses a number as the file's separator implies, or says what was expected.
fn number(raw: &str, delimiter: u8) -> Result<f64, String> {
    let normal = if delimiter == b';' {
        let plain = without_thousands_points(raw);
        if plain.contains('.') {
            return Err(
                "a number with a decimal comma, as in `33,5` or `1.726,5`, in a file separated by `;` (`1.234` alone could mean 1234 or 1,234)"
                    .into(),
            );
        }
        plain.replace(',', ".")
    } else {
        if raw.contains(',') {
            return Err(
                "a number with a decimal point, as in `33.5`, in a file separated by `,` (no thousands separators)"
                    .into(),
            );
        }
        raw.to_owned()
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

/// A Dutch number with thousands points and a decimal comma (`1.726,5`,
/// `-12.345.678,0`) without its points; any other text as it is. Without
/// a decimal comma, `1.234` could be 1234 or 1,234, so it keeps its point.
fn without_thousands_points(raw: &str) -> String {
    let Some((whole, _)) = raw.split_once(',') else {
        return raw.to_owned();
    };
    let digits = whole.trim_start_matches(['-', '+']);
    let mut groups = digits.split('.');
    let first = groups.next().unwrap_or("");
    let grouped = digits.contains('.')
        && (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3)
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if grouped {
        raw.replace('.', "")
    } else {
        raw.to_owned()
    }
}

/// Byte ranges of the cells of the record starting at `start`, honouring quotes.
fn cell_spans(text: &str, start: usize, delimiter: u8) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
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
    spans
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
    fn refuses_ambiguous_numbers() {
        assert!(number("1.234", b';').is_err());
        assert!(number("33,5", b',').is_err());
        assert!(number("NaN", b',').is_err());
        assert!(number("inf", b',').is_err());
        assert!(number("1e400", b',').is_err());
        assert_eq!(number("-3,25", b';'), Ok(-3.25));
        assert!(number("1.2345,6", b';').is_err());
        assert!(number("1.726.5,0", b';').is_err());
    }

    #[test]
    fn reads_thousands_points_before_a_decimal_comma() {
        assert_eq!(number("1.726,5", b';'), Ok(1726.5));
        assert_eq!(number("-12.345.678,25", b';'), Ok(-12_345_678.25));
        assert_eq!(number("1.726", b';').ok(), None);
    }

    #[test]
    fn cell_spans_honour_quotes() {
        let text = "a,\"b,c\",d\n";
        let spans = cell_spans(text, 0, b',');
        assert_eq!(&text[spans[1].clone()], "\"b,c\"");
        assert_eq!(&text[spans[2].clone()], "d");
    }
}
