//! Stage 4: lay out a report with Typst. The data model goes in as a JSON
//! file that the templates read with `json()`; user text is data there,
//! never markup, so any character a user writes is printed as written.

mod fonts;
mod world;

use std::path::Path;

use anyhow::{Context, Result};
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::diagnostic::{Diagnostic, Diagnostics, Sources, Span};
use crate::view::ReportView;

pub use fonts::{covers, embedded as embedded_fonts};
pub use world::KompasWorld;

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

/// The generated main file: it only loads the data and calls the template.
const MAIN_SOURCE: &str = "#import \"/kompas.typ\": rapport\n#rapport(json(\"/data.json\"))\n";

/// A laid-out report, with Typst's warnings.
pub struct Typeset {
    pub document: PagedDocument,
    pub warnings: Vec<String>,
}

/// Lays out the report; `dir` is the kompas folder (for a logo and
/// template overrides in `huisstijl/`). Errors in a user's template are
/// pushed to `diags`, pointing into that file, and give `None`; an error
/// in a built-in template is kompas's own fault and an `Err`.
pub fn typeset(
    view: &ReportView,
    attachments: Vec<(String, Vec<u8>)>,
    dir: Option<&Path>,
    diags: &mut Diagnostics,
) -> Result<Option<Typeset>> {
    let (world, custom) = world_for(view, attachments, dir)?;
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        .map(|d| describe(&world, &custom, d))
        .collect();
    let errors = match warned.output {
        Ok(document) => return Ok(Some(Typeset { document, warnings })),
        Err(errors) => errors,
    };
    let mut internal = Vec::new();
    for error in &errors {
        match in_user_template(&world, &custom, error, &mut diags.sources) {
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
        return Ok(None);
    }
    anyhow::bail!("the report could not be laid out:\n{}", internal.join("\n"))
}

/// The templates the kompas folder's `huisstijl/` replaces, by name.
type Custom = Vec<&'static str>;

/// The world for one report: main file, data, templates, charts and
/// attachments; and which templates came from `huisstijl/`.
fn world_for(
    view: &ReportView,
    attachments: Vec<(String, Vec<u8>)>,
    dir: Option<&Path>,
) -> Result<(KompasWorld, Custom)> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (world::MAIN.into(), MAIN_SOURCE.as_bytes().to_vec()),
        (
            "/data.json".into(),
            serde_json::to_vec(view).context("cannot encode the report data")?,
        ),
    ];
    let mut custom = Custom::new();
    for (name, source) in TEMPLATES {
        let path = dir
            .map(|d| d.join("huisstijl").join(name))
            .filter(|p| p.is_file());
        let source = match path {
            Some(path) => {
                custom.push(name);
                std::fs::read(&path).with_context(|| format!("cannot read huisstijl/{name}"))?
            }
            None => source.as_bytes().to_vec(),
        };
        files.push((format!("/{name}"), source));
    }
    files.extend(
        view.charts
            .iter()
            .map(|(path, svg)| (path.clone(), svg.as_bytes().to_vec())),
    );
    files.extend(attachments);
    let today = Datetime::from_ymd(view.meta.jaar, view.meta.maand as u8, view.meta.dag as u8)
        .context("the report date is not a calendar date")?;
    Ok((KompasWorld::new(files, dir, today), custom))
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
    let name = id.vpath().get_without_slash();
    let name = custom.iter().find(|c| **c == name)?;
    let range = world.range(d.span)?;
    let source = typst::World::source(world, id).ok()?;
    let shown = format!("huisstijl/{name}");
    let file = match (0..sources.len()).find(|&f| sources.name(f) == shown) {
        Some(file) => file,
        None => sources.add(shown, source.text()),
    };
    Some(Span { file, range })
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
            let name = id.vpath().get_without_slash();
            let shown = if custom.contains(&name) {
                format!("huisstijl/{name}")
            } else {
                format!("built-in template {name}")
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
