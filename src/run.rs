//! The commands, stage after stage: check, render, init. Prints problems
//! to stderr and returns the exit code.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Span};
use crate::facts::{self, Facts};
use crate::model::{self, Model};
use crate::{exit, export, init, load, opendata, output, typeset, view};

/// What to do, checked and free of command-line types.
#[derive(Debug)]
pub enum Config {
    Check {
        dir: PathBuf,
    },
    Render {
        dir: PathBuf,
        report: ReportChoice,
        /// What to write: the PDF and/or its open-data twin.
        formats: Vec<Format>,
        /// The output path (one format) or pattern (`{rapport}`, `{ext}`).
        output: Option<PathBuf>,
        /// Attach the twin to the PDF (PDF/A-3b instead of PDF/A-2b).
        attach_data: bool,
    },
    Init {
        dir: PathBuf,
    },
}

/// An output format of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Csv,
    Json,
}

impl Format {
    /// The file extension, as `{ext}` in an output pattern.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// How the user named the report to render.
#[derive(Debug)]
pub enum ReportChoice {
    /// A file stem in `rapporten/`.
    Name(String),
    /// A path to a report file.
    Path(PathBuf),
}

/// Runs one command; returns the exit code.
pub fn run(config: Config) -> i32 {
    let result = match config {
        Config::Check { dir } => check(&dir),
        Config::Render {
            dir,
            report,
            formats,
            output,
            attach_data,
        } => render(&dir, &report, &formats, output.as_deref(), attach_data),
        Config::Init { dir } => init::init(&dir).map(|()| {
            eprintln!(
                "wrote an example kompas folder to `{}`; try `kompas render {} --report jaarverslag`",
                dir.display(),
                dir.display()
            );
            exit::OK
        }),
    };
    result.unwrap_or_else(|err| {
        eprintln!("error: {err:#}");
        exit::USAGE_OR_IO
    })
}

/// One report's facts and view, ready to be written in any format.
pub struct Built {
    /// Index of the report in `model.reports`.
    pub report: usize,
    pub facts: Facts,
    pub view: view::ReportView,
}

/// Everything `check` finds: the model (if kompas.yaml parsed) and the
/// problems, with each report's facts and view already built.
pub struct Checked {
    pub model: Option<Model>,
    /// Every report whose view could be built.
    pub built: Vec<Built>,
    pub diags: Diagnostics,
}

/// The outputs of one report, laid out and encoded, not yet written anywhere.
pub struct Rendered {
    /// The report's name (its file stem), the default output file name.
    pub name: String,
    pub titel: String,
    /// Pages of the PDF, when one was made.
    pub pages: Option<usize>,
    /// Per format asked for, its bytes.
    pub files: Vec<(Format, Vec<u8>)>,
    /// Typst's warnings, already described.
    pub warnings: Vec<String>,
}

impl Rendered {
    /// The PDF's bytes, when one was made.
    pub fn pdf(&self) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(f, _)| *f == Format::Pdf)
            .map(|(_, b)| b.as_slice())
    }
}

/// What rendering gave: every problem found, and the outputs when there
/// was no error.
pub struct Outcome {
    pub diags: Diagnostics,
    pub rendered: Option<Rendered>,
}

/// Loads and checks the folder, then builds the facts and view of every
/// report: `kompas check` without printing.
pub fn check_all(dir: &Path, extra_report: Option<&Path>) -> Result<Checked> {
    let mut diags = Diagnostics::default();
    let input = load::load(dir, extra_report, &mut diags)?;
    let model = model::build(input, dir, &mut diags);
    let mut built = Vec::new();
    if let Some(model) = &model {
        for report in 0..model.reports.len() {
            built.extend(build(model, report, &mut diags));
        }
    }
    font_coverage(&mut diags);
    Ok(Checked {
        model,
        built,
        diags,
    })
}

/// The facts and view of one report; its text problems go to `diags`.
fn build(model: &Model, report: usize, diags: &mut Diagnostics) -> Option<Built> {
    let r = &model.reports[report];
    let facts = facts::facts(&model.compass, r);
    match view::view(&model.compass, r, &facts, &diags.sources) {
        Ok(view) => Some(Built {
            report,
            facts,
            view,
        }),
        Err(problems) => {
            problems.into_iter().for_each(|p| diags.push(p));
            None
        }
    }
}

/// `kompas check DIR`.
fn check(dir: &Path) -> Result<i32> {
    let mut checked = check_all(dir, None)?;
    if !checked.diags.has_errors() {
        let views: Vec<&view::ReportView> = checked.built.iter().map(|b| &b.view).collect();
        typeset::check_layouts(&views, dir, &mut checked.diags)?;
    }
    print_problems(&checked.diags);
    if checked.diags.has_errors() {
        return Ok(exit::INVALID_INPUT);
    }
    let reports = checked.model.as_ref().map_or(0, |m| m.reports.len());
    eprintln!("ok: kompas.yaml and {reports} report(s) checked");
    Ok(exit::OK)
}

/// `kompas render DIR --report NAME [--format F]... [-o FILE] [--attach-data]`.
fn render(
    dir: &Path,
    choice: &ReportChoice,
    formats: &[Format],
    output: Option<&Path>,
    attach_data: bool,
) -> Result<i32> {
    if attach_data && !formats.contains(&Format::Pdf) {
        anyhow::bail!("--attach-data attaches the open data to the PDF; add `--format pdf`");
    }
    let outcome = render_report(dir, choice, formats, attach_data)?;
    print_problems(&outcome.diags);
    let Some(rendered) = outcome.rendered else {
        eprintln!("nothing written: fix the errors above first");
        return Ok(exit::INVALID_INPUT);
    };
    for warning in &rendered.warnings {
        eprintln!("{warning}");
    }
    let extra = match choice {
        ReportChoice::Path(p) => Some(p.as_path()),
        ReportChoice::Name(_) => None,
    };
    let paths: Vec<PathBuf> = rendered
        .files
        .iter()
        .map(|(format, _)| output_path(output, &rendered.name, *format, formats.len()))
        .collect();
    if let Some(twice) = paths
        .iter()
        .enumerate()
        .find_map(|(i, p)| paths[..i].contains(p).then_some(p))
    {
        anyhow::bail!(
            "two outputs would be written to `{}`; use `{{ext}}` in -o, as in `-o rapport.{{ext}}`",
            twice.display()
        );
    }
    for ((format, bytes), path) in rendered.files.iter().zip(&paths) {
        output::write(path, dir, extra, bytes)?;
        match (format, rendered.pages) {
            (Format::Pdf, Some(pages)) => eprintln!(
                "wrote `{}`: {}, {pages} pages{}",
                path.display(),
                rendered.titel,
                if attach_data {
                    ", with its open data attached"
                } else {
                    ""
                }
            ),
            _ => eprintln!(
                "wrote `{}`: the open data of {}",
                path.display(),
                rendered.titel
            ),
        }
    }
    Ok(exit::OK)
}

/// Where one format's output goes: `-o` as given for a single format; for
/// several, `-o` with `{ext}` filled in or its extension replaced; without
/// `-o`, `<report>.<ext>` in the current folder. `{rapport}` in `-o` is the
/// report's name.
fn output_path(output: Option<&Path>, name: &str, format: Format, count: usize) -> PathBuf {
    let Some(output) = output else {
        return PathBuf::from(format!("{name}.{}", format.ext()));
    };
    let text = output.to_string_lossy();
    if text.contains('{') {
        return PathBuf::from(
            text.replace("{rapport}", name)
                .replace("{ext}", format.ext()),
        );
    }
    if count == 1 {
        return output.to_path_buf();
    }
    output.with_extension(format.ext())
}

/// Checks the folder and, when nothing is wrong, lays out and exports the
/// chosen report as a PDF: `kompas render` without printing or writing.
pub fn render_pdf(dir: &Path, choice: &ReportChoice) -> Result<Outcome> {
    render_report(dir, choice, &[Format::Pdf], false)
}

/// Checks the folder and, when nothing is wrong, makes each format of the
/// chosen report; only the chosen report's facts and view are built.
pub fn render_report(
    dir: &Path,
    choice: &ReportChoice,
    formats: &[Format],
    attach_data: bool,
) -> Result<Outcome> {
    let extra = match choice {
        ReportChoice::Path(p) => {
            if !p.is_file() {
                anyhow::bail!("report file `{}` does not exist", p.display());
            }
            Some(p.as_path())
        }
        ReportChoice::Name(_) => None,
    };
    let mut diags = Diagnostics::default();
    let input = load::load(dir, extra, &mut diags)?;
    let model = model::build(input, dir, &mut diags);
    // Another report's problems do not stop this one (`check` shows them).
    let chosen = match choice {
        ReportChoice::Name(n) => vec![format!("rapporten/{n}.yaml"), format!("rapporten/{n}.yml")],
        ReportChoice::Path(p) => vec![load::display_name(dir, p)],
    };
    let sources = &diags.sources;
    diags.items.retain(|d| {
        let name = sources.name(d.span.file);
        !name.starts_with("rapporten/") || chosen.iter().any(|c| c == name)
    });
    let none = |diags| {
        Ok(Outcome {
            diags,
            rendered: None,
        })
    };
    let Some(model) = &model else {
        font_coverage(&mut diags);
        return none(diags);
    };
    let wanted = |file: usize, name: &str| match choice {
        ReportChoice::Name(n) => name == n,
        ReportChoice::Path(p) => diags.sources.name(file) == load::display_name(dir, p),
    };
    let found = model.reports.iter().position(|r| wanted(r.file, &r.name));
    let Some(ix) = found else {
        font_coverage(&mut diags);
        if diags.has_errors() {
            return none(diags);
        }
        let known: Vec<&str> = model.reports.iter().map(|r| r.name.as_str()).collect();
        anyhow::bail!(
            "no report `{}` in `{}`; available: {}",
            match choice {
                ReportChoice::Name(n) => n.clone(),
                ReportChoice::Path(p) => p.display().to_string(),
            },
            dir.join("rapporten").display(),
            if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            }
        );
    };
    let built = build(model, ix, &mut diags);
    font_coverage(&mut diags);
    let (Some(mut built), false) = (built, diags.has_errors()) else {
        return none(diags);
    };
    let report = &model.reports[ix];
    let twin = opendata::twin(&model.compass, report, &built.facts);
    let (csv, json) = (opendata::csv(&twin), opendata::json(&twin));
    let mut files = Vec::new();
    let mut pages = None;
    let mut warnings = Vec::new();
    for &format in formats {
        let bytes = match format {
            Format::Csv => csv.clone(),
            Format::Json => json.clone(),
            Format::Pdf => {
                let attachments = if attach_data {
                    attach(&mut built.view, &report.name, &csv, &json)
                } else {
                    Vec::new()
                };
                let Some(laid_out) =
                    typeset::typeset(&built.view, attachments, Some(dir), &mut diags)?
                else {
                    return none(diags);
                };
                let meta = &built.view.meta;
                let date = typst::foundations::Datetime::from_ymd(
                    meta.jaar,
                    meta.maand as u8,
                    meta.dag as u8,
                )
                .context("the report date is not a calendar date")?;
                let ident = format!("{}/{}", model.compass.gemeente.naam, report.name);
                pages = Some(laid_out.document.pages().len());
                warnings = laid_out.warnings;
                match export::pdf(&laid_out.document, &ident, date, attach_data) {
                    Ok(pdf) => pdf,
                    // With the user's templates, a PDF that breaks a standard is theirs to fix.
                    Err(err) if typeset::blame_templates(&err, dir, &mut diags) => {
                        return none(diags);
                    }
                    Err(err) => return Err(err),
                }
            }
        };
        files.push((format, bytes));
    }
    Ok(Outcome {
        diags,
        rendered: Some(Rendered {
            name: report.name.clone(),
            titel: built.view.titel.clone(),
            pages,
            files,
            warnings,
        }),
    })
}

/// Names the twin as the PDF's attachments, for the template to attach;
/// returns the files Typst reads them from.
fn attach(
    view: &mut view::ReportView,
    name: &str,
    csv: &[u8],
    json: &[u8],
) -> Vec<(String, Vec<u8>)> {
    let beschrijving = view.labels.bijlage_data.to_owned();
    let files = [
        (format!("/{name}.csv"), "text/csv", csv),
        (format!("/{name}.json"), "application/json", json),
    ];
    view.bijlagen = files
        .iter()
        .map(|(pad, mime, _)| view::Bijlage {
            pad: pad.clone(),
            mime,
            beschrijving: beschrijving.clone(),
        })
        .collect();
    files
        .into_iter()
        .map(|(pad, _, bytes)| (pad, bytes.to_vec()))
        .collect()
}

/// Prints every problem, errors first, then a count.
fn print_problems(diags: &Diagnostics) {
    if diags.items.is_empty() {
        return;
    }
    eprint!("{}", diags.render());
    let errors = diags.count(Severity::Error);
    let warnings = diags.count(Severity::Warning);
    eprintln!("{errors} error(s), {warnings} warning(s)");
}

/// Reports characters no embedded font can show, so that they never reach
/// the PDF export as an unprintable glyph: those written as they are, and
/// those a YAML escape (`"\u0000"`) writes.
fn font_coverage(diags: &mut Diagnostics) {
    let fonts = typeset::embedded_fonts();
    // A control character other than tab and line breaks is refused even
    // where Rust counts it as white space (a form feed): the charts are
    // XML, which cannot hold it.
    let unprintable = |c: char| {
        !matches!(c, '\t' | '\n' | '\r')
            && (c.is_control() || (!c.is_whitespace() && !typeset::covers(&fonts, c)))
    };
    let mut found = Vec::new();
    // A file that already has an error (not UTF-8, too long, broken YAML)
    // is left until that is fixed: its text may not be what kompas reads.
    let refused: Vec<usize> = diags
        .items
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.span.file)
        .collect();
    for file in (0..diags.sources.len()).filter(|f| !refused.contains(f)) {
        let text = diags.sources.text(file);
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let is_comment = line.trim_start().starts_with('#');
            if let Some((i, c)) = line.char_indices().find(|&(_, c)| unprintable(c))
                && !is_comment
            {
                let at = offset + i;
                found.push((
                    file,
                    at..at + c.len_utf8(),
                    c,
                    "no embedded font has this character",
                ));
            }
            offset += line.len();
        }
        let name = diags.sources.name(file);
        if name.ends_with(".yaml") || name.ends_with(".yml") {
            for (range, value) in load::quoted_scalars(text) {
                if let Some(c) = value.chars().find(|&c| unprintable(c))
                    && !text[range.clone()].contains(c)
                {
                    found.push((file, range, c, "this text writes it as an escape"));
                }
            }
        }
    }
    for (file, range, c, label) in found {
        diags.push(
            Diagnostic::error(
                Span { file, range },
                format!("the character `{}` (U+{:04X}) cannot be printed", c.escape_debug(), c as u32),
            )
            .with_label(label)
            .expected("Latin letters, digits and punctuation (the Inter font); remove or replace the character"),
        );
    }
}
