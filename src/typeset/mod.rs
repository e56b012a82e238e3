//! Stage 4: lay out a report with Typst. The data model goes in as a JSON
//! file that the templates read with `json()`; user text is data there,
//! never markup, so any character a user writes is printed as written.

mod fonts;
mod parts;
mod world;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::diagnostic::{Diagnostic, Diagnostics, Sources, Span};
use crate::limits;
use crate::view::ReportView;

pub use fonts::covers;
pub use world::{KompasWorld, embedded_fonts};

/// The built-in templates, embedded in the binary. A file of the same name
/// in the kompas folder's `huisstijl/` replaces one.
pub const TEMPLATES: [(&str, &str); 5] = [
    (
        "kompas.typ",
        include_str!("../../report-templates/kompas.typ"),
    ),
    (
        "onderdelen.typ",
        include_str!("../../report-templates/onderdelen.typ"),
    ),
    (
        "jaarverslag.typ",
        include_str!("../../report-templates/jaarverslag.typ"),
    ),
    (
        "kwartaalrapportage.typ",
        include_str!("../../report-templates/kwartaalrapportage.typ"),
    ),
    (
        "motiebeantwoording.typ",
        include_str!("../../report-templates/motiebeantwoording.typ"),
    ),
];

/// Where the templates are in the Typst project: `huisstijl/`, as in the
/// kompas folder, so that paths in a user's template resolve from its own
/// folder (`../kompas.yaml` is the folder's kompas.yaml; a helper it
/// imports is read from `huisstijl/`).
const TEMPLATE_FOLDER: &str = "huisstijl";

/// The generated main file: it only loads the data and calls the template.
const MAIN_SOURCE: &str =
    "#import \"/huisstijl/kompas.typ\": rapport\n#rapport(json(\"/data.json\"))\n";

/// How a report may be laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// As one Typst document: every layout stays in Typst's memo cache
    /// for the next one (a watch, whose next edit re-uses them).
    Whole,
    /// A long annual report in parts (see [`parts`]), with the memo cache
    /// emptied after each down to what the last `keep` evictions used;
    /// any other report as one document.
    Spare { keep: usize },
}

impl Layout {
    /// How `kompas render` lays out one report: a long annual report in
    /// parts, each part's layouts kept while the next is laid out. The
    /// parts share many (the labels, the areas' names, the charts' axis
    /// labels), which Typst then re-uses instead of laying them out again:
    /// at Rotterdam scale 3% fewer instructions than emptying the cache
    /// after each part, for some 30 MiB.
    pub const RENDER: Layout = Layout::Spare { keep: 1 };
}

/// A laid-out report, with Typst's warnings.
pub struct Typeset {
    pub document: PagedDocument,
    pub warnings: Vec<String>,
    /// The files of the kompas folder the layout read (a logo, what a
    /// house style's template reads), by path in the folder.
    pub read: Vec<String>,
}

/// Lays out the report; `dir` is the kompas folder (for a logo and
/// template overrides in `huisstijl/`). Errors in a user's template are
/// pushed to `diags`, pointing into that file, and give `None`; an error
/// in a built-in template is kompas's own fault and an `Err`.
pub fn typeset(
    view: &ReportView,
    attachments: Vec<(String, Vec<u8>)>,
    dir: Option<&Path>,
    layout: Layout,
    diags: &mut Diagnostics,
) -> Result<Option<Typeset>> {
    Ok(match lay_out(view, attachments, dir, layout, diags)? {
        Laid::Document(typeset) => Some(typeset),
        Laid::Problems | Laid::Stopped => None,
    })
}

/// Lays out every report in `views` when the kompas folder `dir` has
/// templates of its own in `huisstijl/`, so that `check` finds their
/// errors before a render does. Stops at the first layout that passes a
/// limit (its worker still runs; the process must end soon).
pub fn check_layouts(views: &[&ReportView], dir: &Path, diags: &mut Diagnostics) -> Result<()> {
    if !has_own_templates(dir) {
        return Ok(());
    }
    for view in views {
        let laid = lay_out(view, Vec::new(), Some(dir), Layout::Whole, diags)?;
        if let Laid::Document(typeset) = &laid {
            let date = report_date(view)?;
            if let Err(err) = crate::export::pdf(&typeset.document, "check", date, false)
                && !blame_templates(&err, dir, diags)
            {
                return Err(err);
            }
        }
        // Two reports may meet the same template error: report it once.
        let mut seen: Vec<Diagnostic> = Vec::new();
        diags.items.retain(|d| {
            let new = !seen.contains(d);
            if new {
                seen.push(d.clone());
            }
            new
        });
        if matches!(laid, Laid::Stopped) {
            // Among several reports, "this report" needs its name.
            if let Some(last) = diags.items.pop() {
                diags.push(last.with_note(format!("in the report `{}`", view.titel)));
            }
            break;
        }
    }
    Ok(())
}

/// Whether the kompas folder `dir` has templates of its own in
/// `huisstijl/`.
pub fn has_own_templates(dir: &Path) -> bool {
    std::fs::read_dir(dir.join(TEMPLATE_FOLDER)).is_ok_and(|entries| {
        entries.filter_map(|e| e.ok()).any(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("typ"))
        })
    })
}

/// The files of the kompas folder that the folder's own templates read
/// (a template may `read("../kompas.yaml")`), which a Typst project of the
/// report must hold to make the same PDF. Learnt by laying the report
/// out; none with the built-in templates, which read only the logo, nor
/// when the layout fails (the project is then written as it is, for the
/// designer to mend with Typst's own tools). `None` when the layout
/// passed a limit: its diagnostic is in `diags`, and nothing is written,
/// as for a PDF.
pub fn files_read(
    view: &ReportView,
    attachments: Vec<(String, Vec<u8>)>,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    if !has_own_templates(dir) {
        return Some(Vec::new());
    }
    let before = diags.items.len();
    match lay_out(view, attachments, Some(dir), Layout::Whole, diags) {
        Ok(Laid::Document(typeset)) => Some(typeset.read),
        Ok(Laid::Stopped) => None,
        // The template's errors are the designer's to mend in the project.
        Ok(Laid::Problems) | Err(_) => {
            diags.items.truncate(before);
            Some(Vec::new())
        }
    }
}

/// What a layout gave.
enum Laid {
    Document(Typeset),
    /// Errors in the user's templates, pushed to the diagnostics.
    Problems,
    /// A limit was passed; its diagnostic is pushed.
    Stopped,
}

/// Lays out one report within the limits of [`limits::bounded`].
fn lay_out(
    view: &ReportView,
    attachments: Vec<(String, Vec<u8>)>,
    dir: Option<&Path>,
    layout: Layout,
    diags: &mut Diagnostics,
) -> Result<Laid> {
    let (mut world, custom) = world_for(view, attachments, dir)?;
    let split = match layout {
        Layout::Spare { keep } if in_parts(view, &custom) => {
            Some((parts::Split::of(&world)?, keep))
        }
        _ => None,
    };
    let bounded = limits::bounded(move || {
        let warned = match &split {
            Some((split, keep)) => parts::lay_out(&mut world, split, *keep),
            None => typst::compile::<PagedDocument>(&world),
        };
        (world, warned)
    })
    .context("cannot start the layout")?;
    let (world, warned) = match bounded {
        Ok(done) => done,
        Err(breach) => {
            let diagnostic = breach_diagnostic(breach, dir, &custom, &mut diags.sources);
            diags.push(diagnostic);
            return Ok(Laid::Stopped);
        }
    };
    let warnings = warned
        .warnings
        .iter()
        .map(|d| describe(&world, &custom, d))
        .collect();
    let errors = match warned.output {
        Ok(document) => {
            let read = world.files_read();
            return Ok(Laid::Document(Typeset {
                document,
                warnings,
                read,
            }));
        }
        Err(errors) => errors,
    };
    let mut internal = Vec::new();
    for error in &errors {
        // An error Typst cannot place (a template that is not UTF-8) is
        // the user's when they brought templates.
        let mut place = in_user_template(&world, &custom, error, &mut diags.sources);
        if place.is_none() && error.span.id().is_none() {
            place = first_template(&custom, dir, &mut diags.sources).map(Span::file_start);
        }
        match place {
            Some(span) => {
                let diagnostic =
                    Diagnostic::error(span, tidy(&error.message)).with_label("in this template");
                let diagnostic = error
                    .hints
                    .iter()
                    .map(|h| tidy(&h.v))
                    .filter(|h| !h.is_empty())
                    .fold(diagnostic, Diagnostic::with_note);
                diags.push(diagnostic);
            }
            None => internal.push(describe(&world, &custom, error)),
        }
    }
    if internal.is_empty() {
        return Ok(Laid::Problems);
    }
    anyhow::bail!("the report could not be laid out:\n{}", internal.join("\n"))
}

/// The templates the kompas folder's `huisstijl/` replaces, by name.
type Custom = Vec<&'static str>;

/// Whether `kompas render` lays `view` out in parts (see [`parts`]): a
/// long annual report, with the built-in templates (only they know the
/// parts).
fn in_parts(view: &ReportView, custom: &Custom) -> bool {
    custom.is_empty() && parts::wanted(view)
}

/// A layout stopped by a limit, as a problem in the user's input: at the
/// first `huisstijl/` template, the likely cause, or else at the first
/// file read.
fn breach_diagnostic(
    breach: limits::Breach,
    dir: Option<&Path>,
    custom: &Custom,
    sources: &mut Sources,
) -> Diagnostic {
    let (file, label, own) = match first_template(custom, dir, sources) {
        Some(file) => (file, "laid out with this template", true),
        None => (0, "laid out from this input", false),
    };
    Diagnostic::error(Span::file_start(file), breach.message())
        .with_label(label)
        .with_note("stopped; nothing written")
        .expected(breach.expected(own))
}

/// The first of the user's templates, added to `sources`: where a problem
/// Typst cannot place (a limit, a rule of the PDF standards) is shown when
/// the kompas folder has templates of its own.
fn first_template(custom: &Custom, dir: Option<&Path>, sources: &mut Sources) -> Option<usize> {
    let name = custom.first()?;
    let bytes = std::fs::read(dir?.join(TEMPLATE_FOLDER).join(name)).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(source_file(
        sources,
        &format!("{TEMPLATE_FOLDER}/{name}"),
        &text,
    ))
}

/// When the kompas folder `dir` has templates of its own, records `err`
/// (the PDF could not be written from their layout) as a problem in the
/// first of them and gives `true`; `false` when the built-in templates
/// were used, and the error is kompas's own.
pub fn blame_templates(err: &anyhow::Error, dir: &Path, diags: &mut Diagnostics) -> bool {
    let custom = custom_templates(Some(dir));
    let Some(file) = first_template(&custom, Some(dir), &mut diags.sources) else {
        return false;
    };
    diags.push(
        Diagnostic::error(Span::file_start(file), format!("{err:#}"))
            .with_label("the layout of this template")
            .expected("a layout that meets PDF/UA-1 and PDF/A-2b, as the built-in templates do (a document title, alt text on images)"),
    );
    true
}

/// The built-in templates that the folder's `huisstijl/` replaces.
fn custom_templates(dir: Option<&Path>) -> Custom {
    TEMPLATES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| dir.is_some_and(|d| d.join(TEMPLATE_FOLDER).join(name).is_file()))
        .collect()
}

/// The id of the source file named `shown`, added with `text` if new.
fn source_file(sources: &mut Sources, shown: &str, text: &str) -> usize {
    match (0..sources.len()).find(|&f| sources.name(f) == shown) {
        Some(file) => file,
        None => sources.add(shown, text),
    }
}

/// Files by path: in a Typst project, or in a folder written out.
pub type Files = Vec<(String, Vec<u8>)>;

/// The files kompas makes for one report's Typst project, by virtual
/// path: main file, data, templates (the user's from `huisstijl/` where
/// given), charts and attachments; and which templates are the user's.
fn project(
    view: &ReportView,
    attachments: Vec<(String, Vec<u8>)>,
    dir: Option<&Path>,
) -> Result<(Files, Custom)> {
    let mut files: Files = vec![
        (world::MAIN.into(), MAIN_SOURCE.as_bytes().to_vec()),
        (
            "/data.json".into(),
            serde_json::to_vec(view).context("cannot encode the report data")?,
        ),
    ];
    let custom = custom_templates(dir);
    for (name, source) in TEMPLATES {
        let source = match dir.filter(|_| custom.contains(&name)) {
            Some(dir) => std::fs::read(dir.join(TEMPLATE_FOLDER).join(name))
                .with_context(|| format!("cannot read {TEMPLATE_FOLDER}/{name}"))?,
            None => source.as_bytes().to_vec(),
        };
        files.push((format!("/{TEMPLATE_FOLDER}/{name}"), source));
    }
    files.extend(
        view.charts
            .iter()
            .map(|(path, svg)| (path.clone(), svg.as_bytes().to_vec())),
    );
    files.extend(attachments);
    Ok((files, custom))
}

/// The date a report's layout sees as today, and its PDF is dated.
pub fn report_date(view: &ReportView) -> Result<Datetime> {
    Datetime::from_ymd(view.meta.jaar, view.meta.maand as u8, view.meta.dag as u8)
        .context("the report date is not a calendar date")
}

/// The world for one report, and which templates came from `huisstijl/`.
fn world_for(
    view: &ReportView,
    attachments: Vec<(String, Vec<u8>)>,
    dir: Option<&Path>,
) -> Result<(KompasWorld, Custom)> {
    let (files, custom) = project(view, attachments, dir)?;
    Ok((KompasWorld::new(files, dir, report_date(view)?), custom))
}

/// `--format typst`: the Typst project kompas lays out for this report, as
/// files by relative path, ready to be written into a folder that
/// `typst compile` turns into the same PDF: the project's files, the
/// user's `huisstijl/` folder (helpers and images its templates read) and
/// logo, the embedded fonts, and a README saying how to compile it.
/// `ident` is the PDF's identifier, as [`crate::export::pdf`] gets it;
/// `read`, the files a layout of the report read (see [`files_read`]).
pub fn bundle(
    view: &ReportView,
    attachments: Vec<(String, Vec<u8>)>,
    dir: &Path,
    ident: &str,
    read: &[String],
) -> Result<Files> {
    let attached = !attachments.is_empty();
    let (made, custom) = project(view, attachments, Some(dir))?;
    let parted = in_parts(view, &custom);
    let mut files: Files = Vec::new();
    let mut add = |path: String, bytes: Vec<u8>| {
        if !files.iter().any(|(p, _)| *p == path) {
            files.push((path, bytes));
        }
    };
    for (path, bytes) in made {
        add(path.trim_start_matches('/').to_owned(), bytes);
    }
    let user = dir.join(TEMPLATE_FOLDER);
    for path in user_files(&user, dir)? {
        let bytes = std::fs::read(dir.join(&path))
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        add(slashed(&path), bytes);
    }
    let logo = view.logo.as_deref().map(|l| l.trim_start_matches('/'));
    for path in logo.into_iter().chain(read.iter().map(String::as_str)) {
        let bytes =
            std::fs::read(dir.join(path)).with_context(|| format!("cannot read `{path}`"))?;
        add(path.to_owned(), bytes);
    }
    for (name, bytes) in fonts::FILES {
        add(format!("fonts/{name}"), bytes.to_vec());
    }
    add("fonts/OFL.txt".into(), fonts::LICENSE.as_bytes().to_vec());
    let date = report_date(view)?;
    add(
        "README.md".into(),
        bundle_readme(ident, date, attached, parted).into_bytes(),
    );
    Ok(files)
}

/// Every regular file under `folder` (links are not followed), as paths
/// relative to `root`, in a stable order.
fn user_files(folder: &Path, root: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(found);
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            found.extend(user_files(&path, root)?);
        } else if kind.is_file()
            && let Ok(relative) = path.strip_prefix(root)
        {
            found.push(relative.to_path_buf());
        }
    }
    Ok(found)
}

/// A relative path with `/` between its parts, as a Typst project names it.
fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// How to compile a bundle with the Typst CLI to the PDF kompas writes;
/// `parted`: kompas renders the report in parts (see [`parts`]).
fn bundle_readme(ident: &str, date: Datetime, attached: bool, parted: bool) -> String {
    let timestamp = match (date.year(), date.month(), date.day()) {
        (Some(y), Some(m), Some(d)) => chrono::NaiveDate::from_ymd_opt(y, m.into(), d.into())
            .and_then(|day| day.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp())
            .unwrap_or_default(),
        _ => 0,
    };
    let archive = if attached { "a-3b" } else { "a-2b" };
    let same = if parted {
        "the same pages (`kompas render` lays this long report out in parts, to spare\n\
         memory, and joins their pages: the same text, page numbers and links, though\n\
         not the same bytes)"
    } else {
        "the same PDF"
    };
    format!(
        "# The Typst project of a kompas report\n\n\
         kompas lays out `main.typ` in this folder: it reads the report's figures and words\n\
         from `data.json` and calls the templates in `huisstijl/`. Charts are SVG files;\n\
         the fonts (Inter, SIL Open Font License, see `fonts/OFL.txt`) are in `fonts/`.\n\n\
         To make {same} with Typst 0.15's own command line:\n\n\
         ```sh\n\
         typst compile --root . --font-path fonts --ignore-system-fonts \\\n\
         \x20 --pdf-standard ua-1,{archive} --creation-timestamp {timestamp} \\\n\
         \x20 main.typ rapport.pdf\n\
         ```\n\n\
         kompas names the PDF `{ident}` (its identifier) and dates it with the report's date.\n\
         A change to a template here shows what a house style in `huisstijl/` of the\n\
         kompas folder would do: copy the changed template there.\n"
    )
}

/// Where a Typst diagnostic lies in one of the user's `huisstijl/`
/// templates, with that file added to `sources`; `None` elsewhere.
fn in_user_template(
    world: &KompasWorld,
    custom: &Custom,
    d: &SourceDiagnostic,
    sources: &mut Sources,
) -> Option<Span> {
    let id = d.span.id()?;
    let shown = id.vpath().get_without_slash();
    if !is_users(custom, shown) {
        return None;
    }
    let range = world.range(d.span)?;
    let source = typst::World::source(world, id).ok()?;
    let file = source_file(sources, shown, source.text());
    Some(Span { file, range })
}

/// Whether a file of the Typst project (by its path without the leading
/// `/`) is the user's: a template they replaced, or any other file in their
/// `huisstijl/` (a helper it imports, an image it shows).
fn is_users(custom: &Custom, path: &str) -> bool {
    let Some(name) = path
        .strip_prefix(TEMPLATE_FOLDER)
        .and_then(|p| p.strip_prefix('/'))
    else {
        return false;
    };
    custom.contains(&name) || !TEMPLATES.iter().any(|(builtin, _)| *builtin == name)
}

/// A Typst message in kompas's words: the sandbox is the kompas folder,
/// and advice about the Typst command line does not apply.
fn tidy(message: &str) -> String {
    if message.contains("--root") {
        return String::new();
    }
    message
        .replace("the project root", "the kompas folder")
        .replace("the project sandbox", "the kompas folder")
}

/// A Typst diagnostic in one line, with the template and line when known.
fn describe(world: &KompasWorld, custom: &Custom, d: &SourceDiagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let place = d
        .span
        .id()
        .and_then(|id| {
            let range = world.range(d.span)?;
            let source = typst::World::source(world, id).ok()?;
            let line = source.text()[..range.start].matches('\n').count() + 1;
            let path = id.vpath().get_without_slash();
            let shown = if is_users(custom, path) {
                path.to_owned()
            } else {
                format!(
                    "built-in template {}",
                    path.trim_start_matches("huisstijl/")
                )
            };
            Some(format!(" ({shown}:{line})"))
        })
        .unwrap_or_default();
    let hints: String = d
        .hints
        .iter()
        .map(|h| tidy(&h.v))
        .filter(|h| !h.is_empty())
        .map(|h| format!("\n  hint: {h}"))
        .collect();
    format!("{level}: {}{place}{hints}", tidy(&d.message))
}
