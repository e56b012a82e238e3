//! Problems in the user's input, reported like a compiler does: file, line
//! and column, the offending spot underlined, what was expected.
//!
//! Plumbing failures (a disk error, a bug) go through `anyhow` instead; a
//! [`Diagnostic`] is always something the user can fix in their own files.

use std::cmp::Reverse;
use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Chars, Config};

/// Index of a file in [`Sources`].
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Span {
    /// A span covering nothing at the start of `file`: for whole-file problems.
    pub fn file_start(file: FileId) -> Span {
        Span { file, range: 0..0 }
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// Where it is.
    pub span: Span,
    /// Said under the caret: what was found there.
    pub label: String,
    /// Lines after the snippet: what was expected, how to fix it.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: String::new(),
            notes: Vec::new(),
        }
    }

    /// A warning at `span`: reported, but it does not stop a render.
    pub fn warning(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    /// Sets the text shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    /// Adds a note after the snippet.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Adds the conventional "expected ..." note.
    pub fn expected(self, what: impl fmt::Display) -> Diagnostic {
        self.with_note(format!("expected {what}"))
    }
}

/// The text of every input file read, so diagnostics can quote it.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<(String, String)>,
    /// Per file: for a workbook's sheet, each cell's range in the sheet's
    /// text with its reference (`C7`); empty for other files.
    cells: Vec<Vec<(Range<usize>, String)>>,
}

impl Sources {
    /// Registers a file under its display name (relative to the kompas folder).
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.add_sheet(name, text, Vec::new())
    }

    /// Registers a workbook's sheet: its rows as text, one line per row,
    /// and where each cell lies in that text, in order, with its reference.
    /// A problem in a cell is then placed as `file: sheet!C7`.
    pub fn add_sheet(
        &mut self,
        name: impl Into<String>,
        text: impl Into<String>,
        cells: Vec<(Range<usize>, String)>,
    ) -> FileId {
        self.files.push((name.into(), text.into()));
        self.cells.push(cells);
        self.files.len() - 1
    }

    /// The reference (`C7`) of the sheet cell holding a byte offset, if any.
    fn cell_at(&self, file: FileId, offset: usize) -> Option<&str> {
        let cells = &self.cells[file];
        let after = cells.partition_point(|(range, _)| range.start <= offset);
        let (range, reference) = cells.get(after.checked_sub(1)?)?;
        (offset <= range.end).then_some(reference.as_str())
    }

    /// Where a span starts, for a note pointing elsewhere: `file:line:col`,
    /// or `file: sheet!C7` in a workbook.
    pub fn place(&self, span: &Span) -> String {
        let name = self.name(span.file);
        match self.cell_at(span.file, span.range.start) {
            Some(cell) => format!("{name}!{cell}"),
            None => {
                let (line, col) = self.line_column(span.file, span.range.start);
                format!("{name}:{line}:{col}")
            }
        }
    }

    /// Number of files registered.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is registered.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The display name of a file.
    pub fn name(&self, file: FileId) -> &str {
        &self.files[file].0
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        &self.files[file].1
    }

    /// The byte offset of a 1-based line and column (in characters) in `file`.
    pub fn offset(&self, file: FileId, line: usize, column: usize) -> usize {
        let text = self.text(file);
        let line_start = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let rest = &text[line_start.min(text.len())..];
        let line_text = rest.split('\n').next().unwrap_or("");
        line_start
            + line_text
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// The span of one character (or the end of the line) at a 1-based position.
    pub fn span_at(&self, file: FileId, line: usize, column: usize) -> Span {
        let start = self.offset(file, line, column);
        let text = self.text(file);
        let end = text[start..]
            .chars()
            .next()
            .filter(|&c| c != '\n')
            .map_or(start, |c| start + c.len_utf8());
        Span {
            file,
            range: start..end,
        }
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column(&self, file: FileId, offset: usize) -> (usize, usize) {
        let text = self.text(file);
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, column)
    }

    /// Renders diagnostics as a compiler would, one after the other.
    pub fn render(&self, diagnostics: &[Diagnostic]) -> String {
        let mut files = SimpleFiles::new();
        for (name, text) in &self.files {
            files.add(name.as_str(), text.as_str());
        }
        let config = Config {
            chars: Chars::ascii(),
            ..Config::default()
        };
        diagnostics
            .iter()
            .map(|d| {
                let report = match d.severity {
                    Severity::Error => Report::error(),
                    Severity::Warning => Report::warning(),
                };
                let report = report
                    .with_message(&d.message)
                    .with_labels(vec![
                        Label::primary(d.span.file, d.span.range.clone()).with_message(&d.label),
                    ])
                    .with_notes(d.notes.clone());
                let text = term::emit_into_string(&config, &files, &report)
                    .unwrap_or_else(|_| format!("{}: {}\n", self.name(d.span.file), d.message));
                // A sheet's cell is named as a spreadsheet names it.
                let (line, col) = self.line_column(d.span.file, d.span.range.start);
                let located = format!("{}:{line}:{col}", self.name(d.span.file));
                text.replacen(&located, &self.place(&d.span), 1)
            })
            .collect()
    }
}

/// Every problem found in one run, errors and warnings together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub sources: Sources,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Whether any error (not just warnings) was found.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of problems of one severity, each counted once as printed
    /// (a wide row's unknown indicator is found once per period).
    pub fn count(&self, severity: Severity) -> usize {
        self.sorted()
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Errors first, then warnings, each in file and position order.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by_key(|d| (Reverse(d.severity), d.span.file, d.span.range.start));
        items.dedup();
        items
    }

    /// Renders every problem, errors first.
    pub fn render(&self) -> String {
        self.sources.render(&self.sorted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip() {
        let mut sources = Sources::default();
        let f = sources.add("a.yaml", "één: 1\nb: [x, ü]\n");
        let off = sources.offset(f, 2, 8);
        assert_eq!(&sources.text(f)[off..off + 2], "ü");
        assert_eq!(sources.line_column(f, off), (2, 8));
        assert_eq!(sources.span_at(f, 2, 8).range.len(), 2);
    }

    #[test]
    fn places_a_sheet_cell_as_a_spreadsheet_does() {
        let mut sources = Sources::default();
        let text = "indicator;2017\nbijstand;abc\n";
        let f = sources.add_sheet(
            "waarden/m.xlsx: Blad1",
            text,
            vec![
                (0..9, "A1".into()),
                (10..14, "B1".into()),
                (15..23, "A2".into()),
                (24..27, "B2".into()),
            ],
        );
        let d = Diagnostic::error(
            Span {
                file: f,
                range: 24..27,
            },
            "not a number",
        )
        .with_label("found `abc`");
        assert_eq!(sources.place(&d.span), "waarden/m.xlsx: Blad1!B2");
        assert_eq!(
            sources.render(&[d]),
            "error: not a number\n  --> waarden/m.xlsx: Blad1!B2\n  |\n2 | bijstand;abc\n  |          ^^^ found `abc`\n\n"
        );
    }

    #[test]
    fn renders_like_a_compiler() {
        let mut sources = Sources::default();
        let f = sources.add("kompas.yaml", "a: 1\nindicatoren: [bijstnd]\n");
        let d = Diagnostic::error(
            Span {
                file: f,
                range: 19..26,
            },
            "unknown indicator `bijstnd`",
        )
        .with_label("not an indicator id")
        .expected("an id from `indicatoren`");
        assert_eq!(
            sources.render(&[d]),
            "error: unknown indicator `bijstnd`\n  --> kompas.yaml:2:15\n  |\n2 | indicatoren: [bijstnd]\n  |               ^^^^^^^ not an indicator id\n  |\n  = expected an id from `indicatoren`\n\n"
        );
    }
}
