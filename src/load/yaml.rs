//! YAML through serde-saphyr: duplicate keys are errors, aliases and
//! nesting are bounded, and every parse error becomes a diagnostic that
//! points into the user's file.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, Error, Location, MessageFormatter, Spanned};

use super::raw::{PeriodText, WaardenFile};
use super::{Loc, ValueRow};
use crate::diagnostic::{Diagnostic, FileId, Sources, Span};

/// Deepest nesting accepted; the format needs about eight levels.
pub const MAX_DEPTH: usize = 32;
/// Most YAML nodes in one file, aliases expanded.
pub const MAX_NODES: usize = 1_000_000;
/// [`MAX_NODES`] as a message writes it.
const MAX_NODES_TEXT: &str = "1,000,000";

/// Parses one registered file as `T`, recording a problem when it fails.
pub fn parse<T: DeserializeOwned>(
    sources: &Sources,
    file: FileId,
    problems: &mut Vec<Diagnostic>,
) -> Option<(FileId, T)> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_aliases: 10_000,
        },
        alias_limits: serde_saphyr::alias_limits! { max_total_replayed_events: 1_000_000 },
        with_snippet: false,
    };
    let text = sources.text(file);
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        problems.push(
            Diagnostic::error(Span::file_start(file), "this file is empty")
                .with_label("nothing here")
                .with_note("expected a YAML mapping as FORMAT.md describes; delete the file if it is not needed"),
        );
        return None;
    }
    let parsed = serde_saphyr::from_str_with_options::<T>(text, options);
    // A limit is told by its own message, whatever else is wrong. The
    // budget above counts levels and values as `structure_limits` does,
    // aliases aside: a file it reads that has no `*` is within the limits,
    // and the second walk over the file (a third of the parse) is spared.
    if (parsed.is_err() || text.contains('*'))
        && let Some(diagnostic) = structure_limits(text, file)
    {
        problems.push(diagnostic);
        return None;
    }
    match parsed {
        Ok(value) => Some((file, value)),
        Err(err) => {
            problems.push(from_error(sources, file, &err));
            None
        }
    }
}

/// The span of a spanned YAML value in `file`.
pub fn span<T>(sources: &Sources, file: FileId, value: &Spanned<T>) -> Span {
    location_span(sources, file, &value.referenced)
}

fn location_span(sources: &Sources, file: FileId, at: &Location) -> Span {
    let s = at.span();
    match (s.byte_offset(), s.byte_len()) {
        (Some(start), Some(len)) if at.line() > 0 => {
            let start = start as usize;
            Span {
                file,
                range: start..start + len as usize,
            }
        }
        _ if at.line() > 0 => sources.span_at(file, at.line() as usize, at.column() as usize),
        _ => Span::file_start(file),
    }
}

/// Turns a serde-saphyr error into a diagnostic: what was found, what was expected.
fn from_error(sources: &Sources, file: FileId, err: &Error) -> Diagnostic {
    let mut inner = err.without_snippet();
    while let Error::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let bare = DefaultMessageFormatter.format_message(inner).into_owned();
    let span = match err.location() {
        Some(at) if at.line() > 0 => {
            sources.span_at(file, at.line() as usize, at.column() as usize)
        }
        _ => Span::file_start(file),
    };
    // The parser reports a tab where its scan started; point at the tab.
    if bare.contains("tab") {
        let text = sources.text(file);
        if let Some(at) = text[span.range.start..].find('\t') {
            let at = span.range.start + at;
            let span = Span {
                file,
                range: at..at + 1,
            };
            return Diagnostic::error(span, "a tab is used for indentation")
                .with_label("tab")
                .expected("spaces for indentation: YAML does not allow tabs there");
        }
    }
    match inner {
        Error::NullIntoString { .. } | Error::InvalidCharNull { .. } => {
            Diagnostic::error(span, "this value is empty")
                .with_label("nothing after the key")
                .expected("a text here; write one, or leave out the key where it is optional")
        }
        Error::MultipleDocuments { .. } => {
            Diagnostic::error(span, "this file holds more than one YAML document")
                .with_label("a second document starts here")
                .expected("one document per file: remove the `---` line, or split the file in two")
        }
        Error::Eof { .. } => Diagnostic::error(span, "the file ends too early")
            .with_label("the file ends here")
            .expected("the rest of the value or mapping started above"),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Diagnostic::error(span, "this value has the wrong type")
            .with_label(format!("found {}", in_user_terms(unexpected)))
            .expected(in_user_terms(expected)),
        _ => explain(span, &bare),
    }
}

/// A serde description of a value (`map`, `sequence`, `struct Gemeente`,
/// `a string`) in the words of FORMAT.md.
fn in_user_terms(what: &str) -> String {
    let what = what.trim();
    let bare = what
        .strip_prefix("a ")
        .or_else(|| what.strip_prefix("an "))
        .unwrap_or(what);
    match bare {
        "map" | "mapping" => "a mapping of `key: value` lines".into(),
        _ if bare.starts_with("struct ") || bare.starts_with("map") => {
            "a mapping of `key: value` lines".into()
        }
        "sequence" | "seq" => "a list, as in `[a, b]` or lines starting with `- `".into(),
        "string" | "str" => "a text".into(),
        "unit value" | "null" | "unit" => "an empty value".into(),
        "f64" | "f32" | "floating point" => "a number, as in `33.5`".into(),
        "u8" => "a whole number from 0 to 255".into(),
        _ if bare.starts_with("string ") => format!("the text {}", &bare[7..]),
        _ if bare.starts_with("integer ") => format!("the number {}", &bare[8..]),
        _ if bare.starts_with("floating point ") => format!("the number {}", &bare[15..]),
        _ if bare.starts_with("boolean ") => format!("the yes/no value {}", &bare[8..]),
        _ => what.to_owned(),
    }
}

/// Words a parse error as a user needs it.
fn explain(span: Span, bare: &str) -> Diagnostic {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_owned();
    if let Some(rest) = bare.strip_prefix("unknown field ") {
        let key = quote_short(&quoted(rest));
        let expected = rest
            .split_once("expected one of ")
            .map(|(_, e)| e.to_owned())
            .or_else(|| rest.split_once("expected ").map(|(_, e)| e.to_owned()))
            .unwrap_or_default();
        return Diagnostic::error(span, format!("unknown key {key}"))
            .with_label("not a key kompas knows here")
            .expected(format!("one of: {expected}"));
    }
    if bare.starts_with("missing field ") {
        let key = quoted(bare);
        return Diagnostic::error(span, format!("missing key `{key}`"))
            .with_label(format!("the mapping ending here has no `{key}`"))
            .expected(format!("a `{key}:` entry in this mapping"));
    }
    if let Some(rest) = bare.strip_prefix("duplicate mapping key: ") {
        let key = quote_short(rest.split(',').next().unwrap_or(rest).trim());
        return Diagnostic::error(span, format!("duplicate key {key}"))
            .with_label("given a second time here")
            .expected("every key once per mapping; remove one of the two");
    }
    if bare.starts_with("budget breached: Depth") || bare.starts_with("recursion limit exceeded") {
        return Diagnostic::error(span, "the document is nested too deeply")
            .with_label(format!("deeper than {MAX_DEPTH} levels"))
            .expected(format!("at most {MAX_DEPTH} levels of nesting"));
    }
    if bare.starts_with("budget breached") || bare.starts_with("alias replay limit") {
        return Diagnostic::error(
            span,
            "the document is too large once its aliases are expanded",
        )
        .with_label("limit reached here")
        .expected(format!(
            "at most {MAX_NODES_TEXT} values in one file, counting each use of an alias (`*name`)"
        ));
    }
    if let Some((label, expected)) = syntax_in_user_terms(bare) {
        return Diagnostic::error(span, "this is not valid YAML here")
            .with_label(label)
            .expected(expected);
    }
    let expected = match bare {
        "invalid floating point" | "invalid f64" => {
            Some(("not a number", "a number, as in `33.5`"))
        }
        "invalid u8" => Some(("not a whole number", "a whole number from 0 to 255")),
        "expected string scalar" => Some(("not a text", "a text, not a list or mapping")),
        "expected sequence start" => Some((
            "not a list",
            "a list, as in `[a, b]` or lines starting with `- `",
        )),
        "expected mapping start" => Some(("not a mapping", "a mapping of `key: value` lines")),
        _ => None,
    };
    match expected {
        Some((label, expected)) => Diagnostic::error(span, "this value has the wrong type")
            .with_label(label)
            .expected(expected),
        None => Diagnostic::error(span, "this is not valid YAML here")
            .with_label(bare.to_owned())
            .expected("YAML as FORMAT.md describes"),
    }
}

/// The YAML reader's most common complaints about syntax, in the words
/// of someone who writes the file: what was found, and what is expected.
fn syntax_in_user_terms(bare: &str) -> Option<(&'static str, &'static str)> {
    let found = [
        (
            "mapping values are not allowed",
            "a second `: ` on this line",
            "one `key: value` per line; put a text holding `: ` in quotes, as in `naam: \"Werk: en inkomen\"`",
        ),
        (
            "unclosed quote",
            "this quote is not closed",
            "a closing quote at the end of the text",
        ),
        (
            "did not find expected key",
            "this line does not continue the mapping above",
            "a `key: value` line indented like the keys above it",
        ),
        (
            "did not find expected ':'",
            "a key without `:`",
            "`key: value`, with a colon and a space after the key",
        ),
        (
            "did not find expected '-'",
            "this line does not continue the list above",
            "a list item starting with `- `, indented like the items above it",
        ),
        (
            "simple key expected",
            "a key of more than 1024 characters, or without `:`",
            "`key: value`, with a key of at most 1024 characters (YAML's limit)",
        ),
        (
            "unclosed bracket",
            "this bracket is not closed",
            "a closing `]` or `}` for every `[` or `{`",
        ),
    ];
    found
        .into_iter()
        .find(|(words, _, _)| bare.contains(words))
        .map(|(_, label, expected)| (label, expected))
}

/// A key or value as a message quotes it: in backticks, and cut short
/// when it is long, so a message never repeats a line of megabytes.
pub fn quote_short(text: &str) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!(
            "`{}...` ({} characters)",
            &text[..end],
            text.chars().count()
        ),
        None => format!("`{text}`"),
    }
}

/// Flattens the series of a values file into rows.
pub fn value_rows(file: FileId, waarden: WaardenFile, sources: &Sources) -> Vec<ValueRow> {
    let loc = |s: &Spanned<String>| Loc {
        value: s.value.clone(),
        span: span(sources, file, s),
    };
    let mut rows = Vec::new();
    for reeks in waarden.waarden {
        for (periode, waarde) in &reeks.reeks.0 {
            let status = reeks
                .status
                .0
                .iter()
                .find(|(p, _)| p.value == periode.value)
                .map(|(_, s)| loc(s));
            rows.push(ValueRow {
                file,
                indicator: loc(&reeks.indicator),
                gebied: reeks.gebied.as_ref().map(loc),
                periode: period_loc(sources, file, periode),
                waarde: Loc {
                    value: waarde.value,
                    span: span(sources, file, waarde),
                },
                status,
            });
        }
    }
    rows
}

fn period_loc(sources: &Sources, file: FileId, p: &Spanned<PeriodText>) -> Loc<String> {
    Loc {
        value: p.value.0.clone(),
        span: span(sources, file, p),
    }
}

/// The double-quoted scalars of a YAML text, decoded, each with its byte
/// range in `text`. Their escapes (`\u0000`, `\U0001F600`) can write
/// characters that the text itself does not show.
pub fn quoted_scalars(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
    let mut parser = Parser::new_from_str(text);
    let mut found = Vec::new();
    while let Some(Ok((event, span))) = parser.next_event() {
        match event {
            Event::Scalar(value, ScalarStyle::DoubleQuoted, ..) => {
                if let (Some(start), Some(end)) = (span.start.byte_offset(), span.end.byte_offset())
                    && start <= end
                    && text.is_char_boundary(start)
                    && text.is_char_boundary(end)
                    && end <= text.len()
                {
                    found.push((start..end, value.into_owned()));
                }
            }
            Event::StreamEnd => break,
            _ => {}
        }
    }
    found
}

/// Checks nesting depth and size before the text is read into kompas's
/// types, so that a document past a limit is refused by that limit,
/// whatever else is wrong with it. Walks the YAML events once and expands
/// no alias: an alias counts as many values as its anchor holds, so an
/// alias bomb is measured, never built.
fn structure_limits(text: &str, file: FileId) -> Option<Diagnostic> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let mut parser = Parser::new_from_str(text);
    // Per open collection: its anchor id (0 for none) and the values in it.
    let mut open: Vec<(usize, usize)> = vec![(0, 0)];
    let mut anchored: HashMap<usize, usize> = HashMap::new();
    while let Some(Ok((event, span))) = parser.next_event() {
        // The event's first character, built only for a message.
        let here = || {
            let start = span.start.byte_offset().unwrap_or(0).min(text.len());
            let end = text[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
            Span {
                file,
                range: start..end,
            }
        };
        let added = match event {
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                open.push((anchor, 1));
                if open.len() - 1 > MAX_DEPTH {
                    return Some(
                        Diagnostic::error(here(), "the document is nested too deeply")
                            .with_label(format!("level {} starts here", open.len() - 1))
                            .expected(format!(
                                "at most {MAX_DEPTH} levels of nesting (kompas's limit); its files need about eight"
                            )),
                    );
                }
                0
            }
            Event::SequenceEnd | Event::MappingEnd if open.len() > 1 => {
                let (anchor, values) = open.pop().unwrap_or_default();
                if anchor != 0 {
                    anchored.insert(anchor, values);
                }
                values
            }
            Event::Scalar(_, _, anchor, _) => {
                if anchor != 0 {
                    anchored.insert(anchor, 1);
                }
                1
            }
            Event::Alias(anchor) => anchored.get(&anchor).copied().unwrap_or(1),
            Event::StreamEnd => break,
            _ => 0,
        };
        if let Some(top) = open.last_mut() {
            top.1 = top.1.saturating_add(added);
        }
        let total = open.iter().fold(0usize, |sum, o| sum.saturating_add(o.1));
        if total > MAX_NODES {
            return Some(
                Diagnostic::error(
                    here(),
                    "the document is too large once its aliases are expanded",
                )
                    .with_label(format!("past {MAX_NODES_TEXT} values here"))
                    .expected(format!(
                        "at most {MAX_NODES_TEXT} values in one file (kompas's limit), counting each use of an alias (`*name`) as all it stands for"
                    )),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_limit_is_the_limit() {
        assert_eq!(MAX_NODES_TEXT.replace(',', "").parse(), Ok(MAX_NODES));
    }
}
