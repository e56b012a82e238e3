//! The commands, stage after stage: check, render, init. Prints problems
//! to stderr and returns the exit code.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Span};
use crate::model::{self, Model};
use crate::{exit, export, init, load, output, typeset, view};

/// What to do, checked and free of command-line types.
#[derive(Debug)]
pub enum Config {
    Check {
        dir: PathBuf,
    },
    Render {
        dir: PathBuf,
        report: ReportChoice,
        output: Option<PathBuf>,
    },
    Init {
        dir: PathBuf,
    },
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
            output,
        } => render(&dir, &report, output.as_deref()),
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

/// Everything `check` finds: the model (if kompas.yaml parsed) and the
/// problems, with each report's view already built.
pub struct Checked {
    pub model: Option<Model>,
    /// The view of each report that could be built, by index in `model.reports`.
    pub views: Vec<(usize, view::ReportView)>,
    pub diags: Diagnostics,
}

/// A report laid out and exported, not yet written anywhere.
pub struct Rendered {
    /// The report's name (its file stem), the default output file name.
    pub name: String,
    pub titel: String,
    pub pages: usize,
    pub pdf: Vec<u8>,
    /// Typst's warnings, already described.
    pub warnings: Vec<String>,
}

/// What rendering gave: every problem found, and the PDF when there was
/// no error.
pub struct Outcome {
    pub diags: Diagnostics,
    pub rendered: Option<Rendered>,
}

/// Loads, checks and builds the view of every report: `kompas check`
/// without printing.
pub fn check_all(dir: &Path, extra_report: Option<&Path>) -> Result<Checked> {
    let mut diags = Diagnostics::default();
    let input = load::load(dir, extra_report, &mut diags)?;
    let model = model::build(input, dir, &mut diags);
    let mut views = Vec::new();
    if let Some(model) = &model {
        for (i, report) in model.reports.iter().enumerate() {
            match view::view(&model.compass, report, &diags.sources) {
                Ok(v) => views.push((i, v)),
                Err(problems) => problems.into_iter().for_each(|p| diags.push(p)),
            }
        }
    }
    font_coverage(&mut diags);
    Ok(Checked {
        model,
        views,
        diags,
    })
}

/// `kompas check DIR`.
fn check(dir: &Path) -> Result<i32> {
    let mut checked = check_all(dir, None)?;
    if !checked.diags.has_errors() {
        let views: Vec<&view::ReportView> = checked.views.iter().map(|(_, v)| v).collect();
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

/// `kompas render DIR --report NAME [-o FILE]`.
fn render(dir: &Path, choice: &ReportChoice, output: Option<&Path>) -> Result<i32> {
    let outcome = render_pdf(dir, choice)?;
    print_problems(&outcome.diags);
    let Some(rendered) = outcome.rendered else {
        eprintln!("nothing written: fix the errors above first");
        return Ok(exit::INVALID_INPUT);
    };
    for warning in &rendered.warnings {
        eprintln!("{warning}");
    }
    let output = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(format!("{}.pdf", rendered.name)));
    let extra = match choice {
        ReportChoice::Path(p) => Some(p.as_path()),
        ReportChoice::Name(_) => None,
    };
    output::write(&output, dir, extra, &rendered.pdf)?;
    eprintln!(
        "wrote `{}`: {}, {} pages",
        output.display(),
        rendered.titel,
        rendered.pages
    );
    Ok(exit::OK)
}

/// Checks the folder and, when nothing is wrong, lays out and exports the
/// chosen report: `kompas render` without printing or writing.
pub fn render_pdf(dir: &Path, choice: &ReportChoice) -> Result<Outcome> {
    let extra = match choice {
        ReportChoice::Path(p) => {
            if !p.is_file() {
                anyhow::bail!("report file `{}` does not exist", p.display());
            }
            Some(p.as_path())
        }
        ReportChoice::Name(_) => None,
    };
    let Checked {
        model,
        views,
        mut diags,
    } = check_all(dir, extra)?;
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
    let (Some(model), false) = (&model, diags.has_errors()) else {
        return Ok(Outcome {
            diags,
            rendered: None,
        });
    };
    let wanted = |file: usize, name: &str| match choice {
        ReportChoice::Name(n) => name == n,
        ReportChoice::Path(p) => diags.sources.name(file) == load::display_name(dir, p),
    };
    let found = views.iter().find(|(i, _)| {
        let r = &model.reports[*i];
        wanted(r.file, &r.name)
    });
    let Some((ix, report_view)) = found else {
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
    let report = &model.reports[*ix];
    let Some(laid_out) = typeset::typeset(report_view, Some(dir), &mut diags)? else {
        return Ok(Outcome {
            diags,
            rendered: None,
        });
    };
    let date = typst::foundations::Datetime::from_ymd(
        report_view.meta.jaar,
        report_view.meta.maand as u8,
        report_view.meta.dag as u8,
    )
    .context("the report date is not a calendar date")?;
    let ident = format!("{}/{}", model.compass.gemeente.naam, report.name);
    let pdf = match export::pdf(&laid_out.document, &ident, date) {
        Ok(pdf) => pdf,
        // With the user's templates, a PDF that breaks a standard is theirs to fix.
        Err(err) if typeset::blame_templates(&err, dir, &mut diags) => {
            return Ok(Outcome {
                diags,
                rendered: None,
            });
        }
        Err(err) => return Err(err),
    };
    let rendered = Rendered {
        name: report.name.clone(),
        titel: report.titel.clone(),
        pages: laid_out.document.pages().len(),
        pdf,
        warnings: laid_out.warnings,
    };
    Ok(Outcome {
        diags,
        rendered: Some(rendered),
    })
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
