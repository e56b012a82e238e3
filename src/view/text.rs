//! Free texts (`inleiding`, `monitoring`, `toelichting`, `antwoord`):
//! placeholders such as `{{ waarde("bijstand") }}` are filled in with live
//! figures through minijinja, then the text is split into paragraphs.
//!
//! The result is plain text handed to Typst as data: whatever characters a
//! user writes appear in the PDF as written.

use std::collections::HashMap;
use std::sync::Arc;

use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};

use crate::diagnostic::{Diagnostic, Sources, Span};
use crate::load::Loc;

/// The figures a placeholder can quote, per indicator or result id.
#[derive(Debug, Default, Clone)]
pub struct Figures {
    pub waarde: HashMap<String, String>,
    pub periode: HashMap<String, String>,
    pub status: HashMap<String, String>,
    /// The status as a verb phrase with its period: "vraagt aandacht (2017)".
    pub oordeel: HashMap<String, String>,
    pub nulmeting: HashMap<String, String>,
    pub streefwaarde: HashMap<String, String>,
    pub vergelijking: HashMap<String, String>,
}

/// The placeholder functions, for notes and the README.
pub const FUNCTIONS: [&str; 7] = [
    "waarde",
    "periode",
    "status",
    "oordeel",
    "nulmeting",
    "streefwaarde",
    "vergelijking",
];

/// The most steps (and memory, about 64 bytes a step) one text's
/// placeholders may take: a loop or a huge string stops here instead of
/// running for minutes or filling memory. Real texts need a few hundred.
pub const MAX_FUEL: u64 = 100_000;
/// [`MAX_FUEL`] as a message writes it.
const MAX_FUEL_TEXT: &str = "100,000";
/// The longest a text may be once its placeholders are filled in, in
/// characters: about thirty pages, far more than any report text needs.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// [`MAX_TEXT_CHARS`] as a message writes it.
const MAX_TEXT_CHARS_TEXT: &str = "200,000";

/// Fills in placeholders, one environment per report.
pub struct Texts {
    env: Environment<'static>,
}

impl Texts {
    /// An environment whose functions quote `figures`; `gemeente` and
    /// `periode` are available as variables. Nothing else exists: no
    /// built-in function (`range`, `debug`), filter or test.
    /// `gebied`: the area of an edition, whose figures these are.
    pub fn new(figures: Figures, gemeente: &str, periode: &str, gebied: Option<&str>) -> Texts {
        let mut env = Environment::empty();
        env.set_fuel(Some(MAX_FUEL));
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.add_global("gemeente", Value::from(gemeente));
        env.add_global("periode", Value::from(periode));
        let figures = Arc::new(figures);
        // "for Binnenstad": an edition's text quotes that area's figures.
        let of_area: Arc<str> = gebied.map_or(String::new(), |g| format!(" for {g}")).into();
        for name in FUNCTIONS {
            let figures = Arc::clone(&figures);
            let of_area = Arc::clone(&of_area);
            env.add_function(name, move |id: String| -> Result<String, Error> {
                let table = match name {
                    "waarde" => &figures.waarde,
                    "periode" => &figures.periode,
                    "status" => &figures.status,
                    "oordeel" => &figures.oordeel,
                    "nulmeting" => &figures.nulmeting,
                    "streefwaarde" => &figures.streefwaarde,
                    _ => &figures.vergelijking,
                };
                table.get(&id).cloned().ok_or_else(|| {
                    let what = if name == "status" || name == "oordeel" {
                        "indicator or result"
                    } else {
                        "indicator"
                    };
                    let detail =
                        if figures.waarde.contains_key(&id) || figures.status.contains_key(&id) {
                            format!("`{id}` has no {name}{of_area} to show")
                        } else {
                            format!("unknown {what} `{id}`")
                        };
                    Error::new(ErrorKind::InvalidOperation, detail)
                })
            });
        }
        Texts { env }
    }

    /// The paragraphs of a free text, placeholders filled in.
    pub fn paragraphs(
        &self,
        text: &Loc<String>,
        sources: &Sources,
    ) -> Result<Vec<String>, Diagnostic> {
        let filled = if text.value.contains("{{")
            || text.value.contains("{%")
            || text.value.contains("{#")
        {
            self.env
                .render_str(&text.value, ())
                .map_err(|err| diagnostic(&err, text, sources))?
        } else {
            text.value.clone()
        };
        let chars = filled.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(too_long(text, sources, chars));
        }
        Ok(paragraphs(&filled))
    }
}

/// Splits a text into paragraphs at blank lines; the lines of a paragraph
/// are joined with a space, as a YAML writer wraps them.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// Points a template error at its place in the user's file.
fn diagnostic(err: &Error, text: &Loc<String>, sources: &Sources) -> Diagnostic {
    let offset_in_text = err
        .range()
        .map(|r| r.start)
        .or_else(|| {
            let line = err.line()?;
            Some(
                text.value
                    .split_inclusive('\n')
                    .take(line - 1)
                    .map(str::len)
                    .sum(),
            )
        })
        .unwrap_or(0)
        .min(text.value.len());
    let len_in_text = err.range().map_or(0, |r| r.len());
    let span = map_into_file(text, offset_in_text, len_in_text, sources);
    let found = text
        .value
        .get(offset_in_text..(offset_in_text + len_in_text).min(text.value.len()))
        .unwrap_or("")
        .trim();
    let (message, label) = match err.kind() {
        ErrorKind::SyntaxError => (
            "a placeholder in this text is not written correctly".to_owned(),
            err.detail().unwrap_or("syntax error").to_owned(),
        ),
        ErrorKind::UnknownFunction => (
            "a placeholder calls an unknown function".to_owned(),
            err.detail().unwrap_or("unknown function").to_owned(),
        ),
        ErrorKind::OutOfFuel => {
            return Diagnostic::error(span, "the placeholders in this text take too much work")
            .with_label(format!("more than {MAX_FUEL_TEXT} steps to fill in"))
            .expected(format!(
                "placeholders that quote a figure; kompas's limit is {MAX_FUEL_TEXT} steps (loops and long strings count) per text"
            ));
        }
        ErrorKind::UndefinedError => (
            "a placeholder names something unknown".to_owned(),
            err.detail().unwrap_or("undefined value").to_owned(),
        ),
        _ => (
            "a placeholder in this text cannot be filled in".to_owned(),
            err.detail().unwrap_or("cannot be filled in").to_owned(),
        ),
    };
    let label = if found.is_empty() {
        label
    } else {
        format!("{label} in `{found}`")
    };
    Diagnostic::error(span, message)
        .with_label(label)
        .expected(format!(
            "a placeholder such as {{{{ waarde(\"bijstand\") }}}}, with one of the functions {} and an id from kompas.yaml; write {{{{ \"{{{{\" }}}} for literal braces",
            FUNCTIONS.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
        ))
}

/// The error for a text that fills in past [`MAX_TEXT_CHARS`], at its start.
fn too_long(text: &Loc<String>, sources: &Sources, chars: usize) -> Diagnostic {
    Diagnostic::error(
        map_into_file(text, 0, 0, sources),
        "this text is longer than kompas prints",
    )
    .with_label(format!(
        "{chars} characters once its placeholders are filled in"
    ))
    .expected(format!(
        "a text of at most {MAX_TEXT_CHARS_TEXT} characters (kompas's limit), placeholders filled in"
    ))
}

/// Maps a byte range of a YAML scalar's value to the file. The scalar's
/// span starts at its first character (after the quote, if quoted); each
/// further line of the value sits on the next line of the file, indented.
/// Where the value is not written out as it reads (escapes such as `\n`
/// in a double-quoted scalar, a folded block), the mapped place would not
/// show the same text: then the whole scalar is pointed at instead.
fn map_into_file(text: &Loc<String>, offset: usize, len: usize, sources: &Sources) -> Span {
    let file = text.span.file;
    let source = sources.text(file);
    let whole = Span {
        file,
        range: text.span.range.start.min(source.len())..text.span.range.end.min(source.len()),
    };
    let (Some(before), Some(wanted)) = (
        text.value.get(..offset),
        text.value.get(offset..offset + len),
    ) else {
        return whole;
    };
    let start = whole.range.start;
    let line_in_text = before.matches('\n').count();
    let column_in_text = before.rsplit('\n').next().unwrap_or("").len();
    let next_line = |pos: usize| {
        source[pos..]
            .find('\n')
            .map_or(source.len(), |i| pos + i + 1)
    };
    let spaces = |pos: usize| source[pos..].len() - source[pos..].trim_start_matches(' ').len();
    // Where the value's first character is, and a block's indentation.
    let (mut pos, indent) = match source[start..].chars().next() {
        Some('|' | '>') => {
            let first = next_line(start);
            (first + spaces(first), Some(spaces(first)))
        }
        Some('"' | '\'') => (start + 1, None),
        _ => (start, None),
    };
    for _ in 0..line_in_text {
        let line = next_line(pos);
        pos = line + indent.map_or(spaces(line), |i| i.min(spaces(line)));
    }
    let at = pos + column_in_text;
    let wanted = wanted.split('\n').next().unwrap_or("");
    match source.get(at..at + wanted.len()) {
        Some(found) if found == wanted => Span {
            file,
            range: at..at + wanted.len(),
        },
        _ => whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_limits_are_the_limits() {
        assert_eq!(MAX_FUEL_TEXT.replace(',', "").parse(), Ok(MAX_FUEL));
        assert_eq!(
            MAX_TEXT_CHARS_TEXT.replace(',', "").parse(),
            Ok(MAX_TEXT_CHARS)
        );
    }

    #[test]
    fn paragraphs_keep_blank_line_breaks() {
        assert_eq!(
            paragraphs("Eerste regel\ntweede regel.\n\n\nNieuwe alinea.\n"),
            vec!["Eerste regel tweede regel.", "Nieuwe alinea."]
        );
        assert!(paragraphs("  \n").is_empty());
    }

    fn texts() -> Texts {
        let mut figures = Figures::default();
        figures
            .waarde
            .insert("bijstand".into(), "32,0 per 1.000 inwoners".into());
        figures.status.insert("bijstand".into(), "op koers".into());
        Texts::new(figures, "Culemborg", "2017", None)
    }

    #[test]
    fn placeholders_quote_live_figures() {
        let mut sources = Sources::default();
        let text = "inleiding: |\n  In {{ gemeente }} {{ waarde(\"bijstand\") }}, {{ status(\"bijstand\") }}.\n";
        let file = sources.add("r.yaml", text);
        let loc = Loc {
            value: "In {{ gemeente }} {{ waarde(\"bijstand\") }}, {{ status(\"bijstand\") }}.\n"
                .into(),
            span: Span {
                file,
                range: 11..12,
            },
        };
        assert_eq!(
            texts().paragraphs(&loc, &sources).unwrap(),
            vec!["In Culemborg 32,0 per 1.000 inwoners, op koers."]
        );
    }

    #[test]
    fn literal_braces_and_raw_blocks_still_work_in_the_empty_environment() {
        let mut sources = Sources::default();
        let value = "{{ \"{{\" }} en {% raw %}{{ x }}{% endraw %} in {{ gemeente }}";
        let file = sources.add("r.yaml", format!("inleiding: '{value}'\n"));
        let loc = Loc {
            value: value.into(),
            span: Span {
                file,
                range: 12..12 + value.len(),
            },
        };
        assert_eq!(
            texts().paragraphs(&loc, &sources).unwrap(),
            vec!["{{ en {{ x }} in Culemborg"]
        );
    }

    #[test]
    fn an_unknown_id_points_into_the_file() {
        let mut sources = Sources::default();
        let text = "inleiding: |\n  Eerst.\n  Dan {{ waarde(\"bijstnd\") }}.\n";
        let file = sources.add("r.yaml", text);
        let loc = Loc {
            value: "Eerst.\nDan {{ waarde(\"bijstnd\") }}.\n".into(),
            span: Span {
                file,
                range: 11..12,
            },
        };
        let d = texts().paragraphs(&loc, &sources).unwrap_err();
        assert_eq!(sources.line_column(file, d.span.range.start).0, 3);
        assert!(
            d.label.contains("unknown indicator `bijstnd`"),
            "{}",
            d.label
        );
    }
}
