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
/// template overrides in `huisstijl/`).
pub fn typeset(view: &ReportView, dir: Option<&Path>) -> Result<Typeset> {
    let world = world_for(view, dir)?;
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        .map(|d| describe(&world, d))
        .collect();
    match warned.output {
        Ok(document) => Ok(Typeset { document, warnings }),
        Err(errors) => {
            let text: Vec<String> = errors.iter().map(|d| describe(&world, d)).collect();
            anyhow::bail!("the report could not be laid out:\n{}", text.join("\n"))
        }
    }
}

/// The world for one report: main file, data, templates, charts.
pub fn world_for(view: &ReportView, dir: Option<&Path>) -> Result<KompasWorld> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (world::MAIN.into(), MAIN_SOURCE.as_bytes().to_vec()),
        (
            "/data.json".into(),
            serde_json::to_vec(view).context("cannot encode the report data")?,
        ),
    ];
    for (name, source) in TEMPLATES {
        let custom = dir
            .map(|d| d.join("huisstijl").join(name))
            .filter(|p| p.is_file());
        let source = match custom {
            Some(path) => {
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
    let today = Datetime::from_ymd(view.meta.jaar, view.meta.maand as u8, view.meta.dag as u8)
        .context("the report date is not a calendar date")?;
    Ok(KompasWorld::new(files, dir, today))
}

/// A Typst diagnostic in one line, with the template position when known.
fn describe(world: &KompasWorld, d: &SourceDiagnostic) -> String {
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
            Some(format!(" ({}:{line})", id.vpath().get_without_slash()))
        })
        .unwrap_or_default();
    let hints: String = d
        .hints
        .iter()
        .map(|h| format!("\n  hint: {}", h.v))
        .collect();
    format!("{level}: {}{place}{hints}", d.message)
}
