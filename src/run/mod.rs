//! The commands, stage after stage: check, render, watch, init. Prints
//! problems to stderr and returns the exit code. Rendering many outputs in
//! one run is in [`batch`], the watch loop in [`watch`].

mod batch;
mod watch;

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Span};
use crate::facts::{self, Facts};
use crate::model::{self, Compass, Model, Report};
pub use crate::typeset::Layout;
use crate::{exit, export, init, load, opendata, output, typeset, view};

/// What to do, checked and free of command-line types.
#[derive(Debug)]
pub enum Config {
    Check {
        dir: PathBuf,
    },
    Render(Render),
    Watch {
        dir: PathBuf,
        report: ReportChoice,
        /// The PDF to keep up to date [default: `<report>.pdf`].
        output: Option<PathBuf>,
    },
    Init {
        dir: PathBuf,
    },
}

/// `kompas render`: which reports of which folders, and where they go.
#[derive(Debug)]
pub struct Render {
    /// The kompas folders; each is loaded and checked once.
    pub dirs: Vec<PathBuf>,
    pub reports: Reports,
    /// One edition per wijk with values, and one for the whole gemeente.
    pub per_gebied: bool,
    /// What to write: the PDF, its open-data twin, the Typst project.
    pub formats: Vec<Format>,
    /// The output path (one output) or pattern (`{gemeente}`, `{rapport}`,
    /// `{gebied}`, `{ext}`).
    pub output: Option<PathBuf>,
    /// Reports laid out at a time; 0 for one per core.
    pub jobs: usize,
    /// Attach the twin to the PDF (PDF/A-3b instead of PDF/A-2b).
    pub attach_data: bool,
}

impl Render {
    /// Whether this run has exactly one output per format.
    fn is_single(&self) -> bool {
        self.dirs.len() == 1 && matches!(self.reports, Reports::One(_)) && !self.per_gebied
    }
}

/// Which reports of a folder to render.
#[derive(Debug)]
pub enum Reports {
    One(ReportChoice),
    /// Every report in `rapporten/`.
    All,
}

/// An output format of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Csv,
    Json,
    /// The Typst project kompas lays out, as a folder.
    Typst,
}

impl Format {
    /// The file extension, as `{ext}` in an output pattern.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Typst => "typst",
        }
    }
}

/// How the user named the report to render.
#[derive(Debug, Clone)]
pub enum ReportChoice {
    /// A file stem in `rapporten/`.
    Name(String),
    /// A path to a report file.
    Path(PathBuf),
}

impl ReportChoice {
    /// The report file named on the command line, read besides the folder.
    fn extra(&self) -> Option<&Path> {
        match self {
            ReportChoice::Path(p) => Some(p.as_path()),
            ReportChoice::Name(_) => None,
        }
    }
}

/// Runs one command; returns the exit code.
pub fn run(config: Config) -> i32 {
    let result = match config {
        Config::Check { dir } => check(&dir),
        Config::Render(render) => check_pattern(render.output.as_deref()).and_then(|()| {
            output::remove_on_signal();
            if render.is_single() {
                render_one(&render)
            } else {
                batch::batch(&render)
            }
        }),
        Config::Watch {
            dir,
            report,
            output,
        } => check_pattern(output.as_deref())
            .and_then(|()| watch::watch(&dir, &report, output.as_deref())),
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
    /// What its outputs are named after.
    pub names: Names,
    pub titel: String,
    /// Pages of the PDF, when one was made.
    pub pages: Option<usize>,
    /// Per format asked for, its output.
    pub files: Vec<(Format, Output)>,
    /// Typst's warnings, already described.
    pub warnings: Vec<String>,
}

/// What a report's outputs are named after, in an `-o` pattern.
pub struct Names {
    /// The report's name (its file stem): `{rapport}`.
    pub rapport: String,
    /// The gemeente's name: `{gemeente}`.
    pub gemeente: String,
    /// The area of an area edition: `{gebied}` (the gemeente for the whole).
    pub gebied: Option<String>,
}

/// One format's output: a file's bytes, or the files of a folder.
pub enum Output {
    File(Vec<u8>),
    /// Files by path relative to the folder (the Typst project).
    Folder(Vec<(String, Vec<u8>)>),
}

impl Rendered {
    /// The PDF's bytes, when one was made.
    pub fn pdf(&self) -> Option<&[u8]> {
        self.files.iter().find_map(|(format, output)| match output {
            Output::File(bytes) if *format == Format::Pdf => Some(bytes.as_slice()),
            _ => None,
        })
    }

    /// Where each output goes; see [`Names::paths`].
    fn paths(&self, pattern: Option<&Path>, batch: bool) -> Vec<PathBuf> {
        let formats: Vec<Format> = self.files.iter().map(|(f, _)| *f).collect();
        self.names.paths(&formats, pattern, batch)
    }
}

impl Names {
    /// The names of `report`'s outputs.
    pub(crate) fn of(compass: &Compass, report: &Report) -> Names {
        Names {
            rapport: report.name.clone(),
            gemeente: compass.gemeente.naam.clone(),
            gebied: report.gebied.clone(),
        }
    }

    /// Where each output goes: `pattern` is `-o` (a path, or a pattern
    /// with `{gemeente}`, `{rapport}`, `{gebied}` and `{ext}`); without it,
    /// `<report>.<ext>` for a single report, `<gemeente>-<report>.<ext>`
    /// (and `-<gebied>` for an area edition) in a batch. A Typst project
    /// is a folder: without `{ext}`, its name has no extension.
    fn paths(&self, formats: &[Format], pattern: Option<&Path>, batch: bool) -> Vec<PathBuf> {
        let count = formats.len();
        formats
            .iter()
            .map(|format| {
                let ext = match format {
                    Format::Typst => String::new(),
                    _ => format!(".{}", format.ext()),
                };
                let Some(pattern) = pattern else {
                    let stem = match (batch, &self.gebied) {
                        (false, _) => "{rapport}",
                        (true, None) => "{gemeente}-{rapport}",
                        (true, Some(_)) => "{gemeente}-{rapport}-{gebied}",
                    };
                    return self.fill(&format!("{stem}{ext}"), *format);
                };
                let text = pattern.to_string_lossy();
                if text.contains('{') {
                    self.fill(&text, *format)
                } else if count == 1 {
                    pattern.to_path_buf()
                } else {
                    pattern.with_extension(ext.trim_start_matches('.'))
                }
            })
            .collect()
    }

    /// An output pattern filled in for one format. Names from the user's
    /// files become single file names: no folder separators, no leading dot.
    fn fill(&self, pattern: &str, format: Format) -> PathBuf {
        let gebied = self.gebied.as_deref().unwrap_or(&self.gemeente);
        // In the order of PLACEHOLDERS.
        let values = [
            file_name(&self.gemeente),
            file_name(&self.rapport),
            file_name(gebied),
            format.ext().to_owned(),
        ];
        let filled = PLACEHOLDERS
            .iter()
            .zip(values)
            .fold(pattern.to_owned(), |text, (name, value)| {
                text.replace(name, &value)
            });
        PathBuf::from(filled)
    }
}

/// The names an output pattern may hold.
const PLACEHOLDERS: [&str; 4] = ["{gemeente}", "{rapport}", "{gebied}", "{ext}"];

/// An `-o` with a `{` must use only the pattern's own names: a misspelt
/// `{Rapport}` would otherwise be taken as a plain name.
fn check_pattern(output: Option<&Path>) -> Result<()> {
    let Some(text) = output.map(Path::to_string_lossy) else {
        return Ok(());
    };
    let mut rest = text.as_ref();
    while let Some(open) = rest.find('{') {
        let known = PLACEHOLDERS.iter().find(|p| rest[open..].starts_with(*p));
        let Some(known) = known else {
            let end = rest[open..].find('}').map_or(rest.len(), |e| open + e + 1);
            anyhow::bail!(
                "`{}` in -o is not a name the pattern knows; use {}",
                &rest[open..end],
                PLACEHOLDERS.join(", ")
            );
        };
        rest = &rest[open + known.len()..];
    }
    Ok(())
}

/// A name as one file name: characters no file system takes in a name
/// (and `/`, which would make a folder) become `-`, as does a leading dot.
fn file_name(name: &str) -> String {
    let mut out: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '-'
            } else {
                c
            }
        })
        .collect();
    if out.starts_with('.') {
        out.replace_range(..1, "-");
    }
    if out.is_empty() {
        out.push('-');
    }
    out
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
        for (ix, report) in model.reports.iter().enumerate() {
            if let Some((facts, view)) = build(&model.compass, report, &mut diags) {
                built.push(Built {
                    report: ix,
                    facts,
                    view,
                });
            }
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
fn build(
    compass: &Compass,
    report: &Report,
    diags: &mut Diagnostics,
) -> Option<(Facts, view::ReportView)> {
    let facts = facts::facts(compass, report);
    match view::view(compass, report, &facts, &diags.sources) {
        Ok(view) => Some((facts, view)),
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

/// `kompas render DIR --report NAME [--format F]... [-o FILE] [--attach-data]`:
/// one report of one folder.
fn render_one(cfg: &Render) -> Result<i32> {
    let (dir, Reports::One(choice)) = (&cfg.dirs[0], &cfg.reports) else {
        unreachable!("a single render names one report of one folder");
    };
    check_attach(cfg)?;
    let outcome = render_report(dir, choice, &cfg.formats, cfg.attach_data, Layout::RENDER)?;
    print_problems(&outcome.diags);
    let Some(rendered) = outcome.rendered else {
        eprintln!("nothing written: fix the errors above first");
        return Ok(exit::INVALID_INPUT);
    };
    for warning in &rendered.warnings {
        eprintln!("{warning}");
    }
    let paths = rendered.paths(cfg.output.as_deref(), false);
    if let Some(twice) = first_repeated(&paths) {
        anyhow::bail!(
            "two outputs would be written to `{}`; use `{{ext}}` in -o, as in `-o rapport.{{ext}}`",
            twice.display()
        );
    }
    let inputs = output::Inputs::new([dir.as_path()], choice.extra());
    for line in write(&rendered, &paths, &inputs, cfg.attach_data)? {
        eprintln!("{line}");
    }
    Ok(exit::OK)
}

/// `--attach-data` needs a PDF to attach to.
fn check_attach(cfg: &Render) -> Result<()> {
    if cfg.attach_data && !cfg.formats.contains(&Format::Pdf) {
        anyhow::bail!("--attach-data attaches the open data to the PDF; add `--format pdf`");
    }
    Ok(())
}

/// The first path given twice.
fn first_repeated(paths: &[PathBuf]) -> Option<&PathBuf> {
    let landing: Vec<PathBuf> = paths.iter().map(|p| output::resolve(p)).collect();
    paths
        .iter()
        .enumerate()
        .find_map(|(i, p)| landing[..i].contains(&landing[i]).then_some(p))
}

/// Checks the path of each format's output (a Typst project is a
/// folder): a usage error when one may not receive it.
fn check_outputs(formats: &[Format], paths: &[PathBuf], inputs: &output::Inputs) -> Result<()> {
    for (format, path) in formats.iter().zip(paths) {
        match format {
            Format::Typst => drop(output::check_folder(path, inputs)?),
            _ => drop(output::check(path, inputs)?),
        }
    }
    Ok(())
}

/// Writes each output of `rendered` to its path, once every path is
/// checked (never an input of the run, a device, or a folder that is not
/// a Typst project kompas wrote): one bad path writes nothing. Gives a
/// line per output saying what was written.
fn write(
    rendered: &Rendered,
    paths: &[PathBuf],
    inputs: &output::Inputs,
    attach_data: bool,
) -> Result<Vec<String>> {
    let formats: Vec<Format> = rendered.files.iter().map(|(f, _)| *f).collect();
    check_outputs(&formats, paths, inputs)?;
    let mut lines = Vec::new();
    for ((format, out), path) in rendered.files.iter().zip(paths) {
        let shown = path.display();
        let titel = &rendered.titel;
        match out {
            Output::File(bytes) => output::write(path, inputs, bytes)?,
            Output::Folder(files) => output::write_folder(path, inputs, files)?,
        }
        lines.push(match (format, rendered.pages) {
            (Format::Pdf, Some(pages)) => format!(
                "wrote `{shown}`: {titel}, {pages} pages{}",
                if attach_data {
                    ", with its open data attached"
                } else {
                    ""
                }
            ),
            (Format::Typst, _) => {
                format!("wrote `{shown}`: the Typst project of {titel} (see its README.md)")
            }
            _ => format!("wrote `{shown}`: the open data of {titel}"),
        });
    }
    Ok(lines)
}

/// Checks the folder and, when nothing is wrong, lays out and exports the
/// chosen report as a PDF: `kompas render` without printing or writing.
pub fn render_pdf(dir: &Path, choice: &ReportChoice, layout: Layout) -> Result<Outcome> {
    render_report(dir, choice, &[Format::Pdf], false, layout)
}

/// Checks the folder and, when nothing is wrong, makes each format of the
/// chosen report; only the chosen report's facts and view are built.
pub fn render_report(
    dir: &Path,
    choice: &ReportChoice,
    formats: &[Format],
    attach_data: bool,
    layout: Layout,
) -> Result<Outcome> {
    if let ReportChoice::Path(p) = choice
        && !p.is_file()
    {
        anyhow::bail!("report file `{}` does not exist", p.display());
    }
    let mut diags = Diagnostics::default();
    let input = load::load(dir, choice.extra(), &mut diags)?;
    let model = model::build(input, dir, &mut diags);
    keep_only(&mut diags, dir, choice);
    font_coverage(&mut diags);
    let none = |diags| {
        Ok(Outcome {
            diags,
            rendered: None,
        })
    };
    let Some(model) = &model else {
        return none(diags);
    };
    let Some(report) = find_report(model, choice, dir, &diags)? else {
        return none(diags);
    };
    let rendered = make(
        dir,
        &model.compass,
        report,
        formats,
        attach_data,
        layout,
        &mut diags,
    )?;
    Ok(Outcome { diags, rendered })
}

/// Drops the problems of reports other than the one `choice` names:
/// another report's problems do not stop this one (`check` shows them).
fn keep_only(diags: &mut Diagnostics, dir: &Path, choice: &ReportChoice) {
    let chosen = match choice {
        ReportChoice::Name(n) => vec![format!("rapporten/{n}.yaml"), format!("rapporten/{n}.yml")],
        ReportChoice::Path(p) => vec![load::display_name(dir, p)],
    };
    let sources = &diags.sources;
    diags.items.retain(|d| {
        let name = sources.name(d.span.file);
        !name.starts_with("rapporten/") || chosen.iter().any(|c| c == name)
    });
}

/// The report `choice` names in the checked folder `dir`; `None` when it
/// has errors (in `diags`), an error when there is no such report.
fn find_report<'m>(
    model: &'m Model,
    choice: &ReportChoice,
    dir: &Path,
    diags: &Diagnostics,
) -> Result<Option<&'m Report>> {
    let found = model.reports.iter().find(|r| match choice {
        ReportChoice::Name(n) => r.name == *n,
        ReportChoice::Path(p) => diags.sources.name(r.file) == load::display_name(dir, p),
    });
    if found.is_some() || diags.has_errors() {
        return Ok(found);
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
}

/// Makes each format of `report`, a report of the checked folder `dir`;
/// `None`, with the problems in `diags`, when its texts or the folder's
/// templates have errors.
fn make(
    dir: &Path,
    compass: &Compass,
    report: &Report,
    formats: &[Format],
    attach_data: bool,
    layout: Layout,
    diags: &mut Diagnostics,
) -> Result<Option<Rendered>> {
    let built = build(compass, report, diags);
    let (Some((facts, mut view)), false) = (built, diags.has_errors()) else {
        return Ok(None);
    };
    // The open data, made only when a format or the PDF's attachments use
    // it: at Rotterdam scale it is some 60 MB.
    let data = std::cell::LazyCell::new(|| {
        let twin = opendata::twin(compass, report, &facts);
        (opendata::csv(&twin), opendata::json(&twin))
    });
    let attachments = if attach_data {
        attach(&mut view, &report.name, &data.0, &data.1)
    } else {
        Vec::new()
    };
    let mut ident = format!("{}/{}", compass.gemeente.naam, report.name);
    if let Some(gebied) = &report.gebied {
        ident = format!("{ident}/{gebied}");
    }
    let mut files = Vec::new();
    let mut pages = None;
    let mut warnings = Vec::new();
    // The PDF first, when asked for: its layout also tells which files of
    // the folder a house style read, for a Typst project beside it.
    let mut pdf = None;
    let mut read = None;
    if formats.contains(&Format::Pdf) {
        let Some(laid_out) =
            typeset::typeset(&view, attachments.clone(), Some(dir), layout, diags)?
        else {
            return Ok(None);
        };
        let date = typeset::report_date(&view)?;
        pages = Some(laid_out.document.pages().len());
        warnings = laid_out.warnings;
        read = Some(laid_out.read);
        let exported = export::pdf(&laid_out.document, &ident, date, attach_data);
        free_aside(laid_out.document);
        match exported {
            Ok(bytes) => pdf = Some(bytes),
            // With the user's templates, a PDF that breaks a standard is theirs to fix.
            Err(err) if typeset::blame_templates(&err, dir, diags) => return Ok(None),
            Err(err) => return Err(err),
        }
    }
    // A Typst project without a PDF: laid out once to learn what the
    // folder's templates read.
    let read = match read {
        Some(read) => read,
        None if formats.contains(&Format::Typst) => {
            let Some(read) = typeset::files_read(&view, attachments.clone(), dir, diags) else {
                return Ok(None);
            };
            read
        }
        None => Vec::new(),
    };
    for &format in formats {
        let out = match format {
            Format::Csv => Output::File(data.0.clone()),
            Format::Json => Output::File(data.1.clone()),
            Format::Typst => Output::Folder(typeset::bundle(
                &view,
                attachments.clone(),
                dir,
                &ident,
                &read,
            )?),
            Format::Pdf => Output::File(pdf.clone().expect("the PDF is made above")),
        };
        files.push((format, out));
    }
    Ok(Some(Rendered {
        names: Names::of(compass, report),
        titel: view.titel.clone(),
        pages,
        files,
        warnings,
    }))
}

/// Frees `value` on a thread of its own. The pages of a long report that
/// no cache shares any more (one laid out in parts) take a tenth of a
/// second to free, which the output need not wait for, and a process that
/// ends after writing it not at all.
fn free_aside<T: Send + 'static>(value: T) {
    // Without a thread to spare, here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
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
        if c.is_ascii() {
            // Inter has every printable ASCII character: no font lookup
            // for the bulk of a values table.
            return c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r');
        }
        c.is_control() || (!c.is_whitespace() && !typeset::covers(fonts, c))
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
        // Most files are printable ASCII throughout: one fast pass over
        // the bytes, no lines or characters.
        let plain = |&b: &u8| b.is_ascii() && !unprintable(char::from(b));
        if !text.as_bytes().iter().all(plain) {
            found.extend(unprintable_in_lines(file, text, unprintable));
        }
        let name = diags.sources.name(file);
        // Only a double-quoted scalar's escape (`\u0007`) makes a
        // character its text does not hold.
        if (name.ends_with(".yaml") || name.ends_with(".yml")) && text.contains('\\') {
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

/// The first unprintable character of each line of `text` that is not a
/// comment, with where it is.
fn unprintable_in_lines(
    file: usize,
    text: &str,
    unprintable: impl Fn(char) -> bool,
) -> Vec<(usize, Range<usize>, char, &'static str)> {
    let mut found = Vec::new();
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
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(gebied: Option<&str>, formats: &[Format]) -> Rendered {
        Rendered {
            names: Names {
                rapport: "jaarverslag-2017".into(),
                gemeente: "Capelle aan den IJssel".into(),
                gebied: gebied.map(str::to_owned),
            },
            titel: String::new(),
            pages: None,
            files: formats
                .iter()
                .map(|f| (*f, Output::File(Vec::new())))
                .collect(),
            warnings: Vec::new(),
        }
    }

    fn paths(r: &Rendered, pattern: Option<&str>, batch: bool) -> Vec<String> {
        r.paths(pattern.map(Path::new), batch)
            .iter()
            .map(|p| p.display().to_string())
            .collect()
    }

    #[test]
    fn default_names_for_one_report_and_for_a_batch() {
        let whole = rendered(None, &[Format::Pdf, Format::Typst]);
        assert_eq!(
            paths(&whole, None, false),
            ["jaarverslag-2017.pdf", "jaarverslag-2017"]
        );
        assert_eq!(
            paths(&whole, None, true),
            [
                "Capelle aan den IJssel-jaarverslag-2017.pdf",
                "Capelle aan den IJssel-jaarverslag-2017"
            ]
        );
        let area = rendered(Some("Schollevaar"), &[Format::Csv]);
        assert_eq!(
            paths(&area, None, true),
            ["Capelle aan den IJssel-jaarverslag-2017-Schollevaar.csv"]
        );
    }

    #[test]
    fn a_pattern_is_filled_in_and_the_gemeente_stands_for_its_whole_edition() {
        let whole = rendered(None, &[Format::Json]);
        assert_eq!(
            paths(&whole, Some("uit/{gebied}/{rapport}.{ext}"), true),
            ["uit/Capelle aan den IJssel/jaarverslag-2017.json"]
        );
        // Without placeholders, several formats get their own extension.
        let two = rendered(None, &[Format::Pdf, Format::Csv]);
        assert_eq!(
            paths(&two, Some("uit/verslag.pdf"), false),
            ["uit/verslag.pdf", "uit/verslag.csv"]
        );
    }

    #[test]
    fn names_from_the_users_files_never_make_folders_or_hidden_files() {
        assert_eq!(file_name("../../etc/passwd"), "-.-..-etc-passwd");
        assert_eq!(file_name(".verborgen"), "-verborgen");
        assert_eq!(file_name("Noord/Zuid"), "Noord-Zuid");
        assert_eq!(file_name("  "), "-");
        assert_eq!(file_name("'s-Hertogenbosch"), "'s-Hertogenbosch");
    }
}
