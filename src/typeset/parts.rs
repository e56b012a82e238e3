//! A long annual report laid out in parts: the domains' chapters two at a
//! time, the first part with what comes before them (introduction,
//! overview), the last with what follows them (the costs of all domains,
//! the appendix), and then the cover with the contents. Each part is a
//! Typst document of its own, Typst's memo cache is emptied after each
//! down to what the next may share with it, and the parts' pages are
//! joined into one document for the export.
//! Typst lays a part's two chapters out at the same time, each starting a
//! page, as it does a whole report's.
//!
//! Typst keeps every layout of a document in its memo cache until the
//! document is done, because it lays the document out more than once (page
//! numbers, the contents) and re-uses the first pass's layouts. At
//! Rotterdam scale that cache is about a third of the render's memory; in
//! parts, in a render, it holds about two parts' layouts. What a part
//! needs of the others, kompas passes on: the page it starts on, the
//! contents' headings with their pages, and where the indicators shown in
//! full before it are.

use std::collections::BTreeMap;
use std::ops::Range;

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::value::RawValue;
use typst::World as _;
use typst::diag::{SourceDiagnostic, SourceResult, Warned};
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, NativeElement, Selector, StyleChain};
use typst::introspection::{Introspector, Location};
use typst::model::Document as _;
use typst::model::HeadingElem;
use typst_layout::PagedDocument;

use super::world::{KompasWorld, MAIN, file_id};
use crate::view::ReportView;

/// From how many indicators shown in full an annual report is laid out in
/// parts (a hundred make some 140 pages). Below it one document is a
/// little faster, shares more of its layouts with the other reports of a
/// batch, and takes little enough memory.
pub const FROM_INDICATORS: usize = 100;

/// How many domains a part holds: Typst lays their chapters out in
/// parallel, on as many threads; the memo cache holds them all until the
/// part is done. Two keep both cores of a small machine busy.
const DOMAINS_PER_PART: usize = 2;

/// The main file of a part: the data model holds only the part's domains,
/// and `deel.json` says which part it is.
const PART_MAIN: &str = "#import \"/huisstijl/kompas.typ\": rapport\n\
     #rapport(json(\"/data.json\"), deel: json(\"/deel.json\"))\n";

/// The report's data model in the project.
const DATA: &str = "/data.json";

/// The main file that evaluates the chapters of the domains in `data.json`
/// as a part does (`jaarverslag-deel` in kompas.typ), and lays out nothing.
const WARM_MAIN: &str = "#import \"/huisstijl/jaarverslag.typ\": jaarverslag-domein\n\
     #let data = json(\"/data.json\")\n\
     #for d in data.domeinen { let _ = jaarverslag-domein(d, data.labels, rgb(data.kleur)) }\n";

/// How often the parts are laid out again when the cover came out longer
/// or shorter than the estimate the domains' page numbers rested on.
const TRIES: usize = 3;

/// Whether `view` is laid out in parts: an annual report with more
/// domains than a part holds and at least [`FROM_INDICATORS`] indicators
/// shown in full.
pub fn wanted(view: &ReportView) -> bool {
    let shown: usize = view
        .domeinen
        .iter()
        .map(|d| {
            let in_results = d.ambities.iter().flat_map(|a| &a.resultaten);
            let indicators = in_results.flat_map(|r| &r.indicatoren);
            d.context.len() + indicators.filter(|i| !i.herhaald).count()
        })
        .sum();
    view.soort == "jaarverslag"
        && view.domeinen.len() > DOMAINS_PER_PART
        && shown >= FROM_INDICATORS
}

/// The data model cut for the parts: the report's `data.json` without its
/// domains, and each domain, as the JSON text they are (a part's data is
/// put together from them without decoding or encoding the figures again).
pub struct Split {
    rest: BTreeMap<String, Box<RawValue>>,
    domains: Vec<Box<RawValue>>,
}

impl Split {
    /// Cuts the `data.json` of `world`, the report's Typst project.
    pub fn of(world: &KompasWorld) -> Result<Split> {
        let decoding = "cannot read back the report data";
        let id = file_id(DATA).context(decoding)?;
        let data = world.file(id).ok().context(decoding)?;
        let mut rest: BTreeMap<String, Box<RawValue>> =
            serde_json::from_slice(&data).context(decoding)?;
        let domains = match rest.remove("domeinen") {
            Some(domains) => serde_json::from_str(domains.get()).context(decoding)?,
            None => Vec::new(),
        };
        Ok(Split { rest, domains })
    }

    /// The data model of a part: the report with only the domains `own`.
    fn data(&self, own: Range<usize>) -> Bytes {
        #[derive(Serialize)]
        struct Part<'a> {
            #[serde(flatten)]
            rest: &'a BTreeMap<String, Box<RawValue>>,
            domeinen: &'a [Box<RawValue>],
        }
        let part = Part {
            rest: &self.rest,
            domeinen: self.domains.get(own).unwrap_or_default(),
        };
        Bytes::new(serde_json::to_vec(&part).expect("JSON text encodes"))
    }
}

/// What a part is told of the others (`deel` in the templates).
#[derive(Serialize)]
struct Deel<'a> {
    /// "voorblad" (the cover and contents) or "domein".
    soort: &'static str,
    /// How many domains the report has.
    domeinen: usize,
    eerste_pagina: usize,
    /// The first of the domains' parts, with what comes before them.
    eerste: bool,
    /// The last, with what follows them.
    laatste: bool,
    /// The headings of the parts after the cover, for its contents.
    inhoud: &'a [Regel],
    /// Where the labelled elements of the parts before are, by label.
    paginas: &'a BTreeMap<String, Plek>,
}

impl<'a> Deel<'a> {
    /// The cover, with `inhoud` in its contents.
    fn cover(domeinen: usize, inhoud: &'a [Regel]) -> Deel<'a> {
        static NONE: BTreeMap<String, Plek> = BTreeMap::new();
        Deel {
            soort: "voorblad",
            domeinen,
            eerste_pagina: 1,
            eerste: false,
            laatste: false,
            inhoud,
            paginas: &NONE,
        }
    }
}

/// A heading for the contents, and where it is.
#[derive(Serialize, Clone)]
struct Regel {
    niveau: usize,
    titel: String,
    #[serde(flatten)]
    plek: Plek,
}

/// Where an element is in the joined document: its page, and where on it
/// in pt from the top left.
#[derive(Serialize, Clone, Copy)]
struct Plek {
    pagina: usize,
    x: f64,
    y: f64,
}

impl Plek {
    /// Where `location` is, in a part laid out after `before` pages.
    fn of(document: &PagedDocument, location: Location, before: usize) -> Option<Plek> {
        let at = document.introspector().position(location)?;
        Some(Plek {
            pagina: before + at.page.get(),
            x: at.point.x.to_pt(),
            y: at.point.y.to_pt(),
        })
    }
}

/// Lays the report out in parts in `world`, whose files are the report's
/// Typst project, and joins their pages. After each part the memo cache
/// keeps what was used in the last `keep` evictions (`0`: nothing).
///
/// While a part is laid out, the next part's chapters are evaluated
/// beside it (see [`WARM_MAIN`]): Typst keeps each call of a template in
/// its memo cache, so the next part finds its content made and goes
/// straight to its layout. Only when the cache keeps what the last part
/// used (`keep` of 1 or more), or it would be gone by then.
pub fn lay_out(
    world: &mut KompasWorld,
    split: &Split,
    keep: usize,
) -> Warned<SourceResult<PagedDocument>> {
    let mut warnings = EcoVec::new();
    let count = split.domains.len();
    // Beside each part, on a thread of its own: the cache emptied of what
    // the parts before no longer share, then the next part's chapters
    // evaluated into it (after the emptying, or it would age them). The
    // scope waits for the last.
    let output = std::thread::scope(|scope| {
        let mut beside: Option<std::thread::ScopedJoinHandle<'_, ()>> = None;
        let mut laid_one = false;
        let mut first_cover = true;
        let part = |world: &mut KompasWorld, own: Range<usize>, deel: &Deel| {
            if let Some(done) = beside.take() {
                let _ = done.join();
            }
            // After the first cover (the estimate) come the first domains;
            // after the last, the report is done.
            let next = match deel.soort {
                "voorblad" if std::mem::take(&mut first_cover) => 0..DOMAINS_PER_PART,
                "voorblad" => 0..0,
                _ => own.end..own.end + DOMAINS_PER_PART,
            };
            let next = next.start.min(count)..next.end.min(count);
            let warm = (keep > 0 && !next.is_empty()).then(|| {
                world.fork(vec![
                    (MAIN, Bytes::new(WARM_MAIN.as_bytes().to_vec())),
                    (DATA, split.data(next)),
                ])
            });
            let evict = std::mem::replace(&mut laid_one, true);
            beside = std::thread::Builder::new()
                .stack_size(crate::limits::WORKER_STACK)
                .spawn_scoped(scope, move || {
                    if evict {
                        typst::comemo::evict(keep);
                    }
                    if let Some(warm) = warm {
                        let _ = typst::compile::<PagedDocument>(&warm);
                    }
                })
                .inspect_err(|_| {
                    // Without a thread to spare, the cache is emptied here.
                    if evict {
                        typst::comemo::evict(keep);
                    }
                })
                .ok();
            world.set_file(DATA, split.data(own));
            let deel = serde_json::to_vec(deel).expect("a part's description encodes");
            world.set_file("/deel.json", Bytes::new(deel));
            let laid = typst::compile::<PagedDocument>(&*world);
            warnings.extend(laid.warnings);
            laid.output
        };
        let joined = join(world, count, part);
        if let Some(done) = beside.take() {
            let _ = done.join();
        }
        joined
    });
    // What the last parts used goes too, while the pages are exported.
    std::thread::spawn(move || typst::comemo::evict(keep));
    Warned { output, warnings }
}

/// Lays out the parts with `part`, for a report of `count` domains, and
/// joins their pages.
fn join(
    world: &mut KompasWorld,
    count: usize,
    mut part: impl FnMut(&mut KompasWorld, Range<usize>, &Deel) -> SourceResult<PagedDocument>,
) -> SourceResult<PagedDocument> {
    world.set_file(MAIN, Bytes::new(PART_MAIN.as_bytes().to_vec()));
    // The cover's length, for the domains' page numbers, estimated with a
    // line in the contents for every heading the report will likely have
    // (the overview; a domain's name and three sections; two at the end):
    // if the contents come out longer or shorter than that, the domains
    // are laid out again.
    let estimate: Vec<Regel> = (0..count * 4 + 3)
        .map(|i| Regel {
            niveau: if i % 4 == 0 { 1 } else { 2 },
            titel: "Wat hebben we daarvoor gedaan?".into(),
            plek: Plek {
                pagina: 100,
                x: 0.0,
                y: 0.0,
            },
        })
        .collect();
    let mut cover_pages = part(world, 0..0, &Deel::cover(count, &estimate))?
        .pages()
        .len();
    for _ in 0..TRIES {
        let mut pages = EcoVec::new();
        let mut contents = Vec::new();
        let mut paginas = BTreeMap::new();
        for start in (0..count).step_by(DOMAINS_PER_PART) {
            let own = start..count.min(start + DOMAINS_PER_PART);
            let first = cover_pages + pages.len() + 1;
            let deel = Deel {
                soort: "domein",
                domeinen: count,
                eerste_pagina: first,
                eerste: start == 0,
                laatste: own.end == count,
                inhoud: &[],
                paginas: &paginas,
            };
            let document = part(world, own, &deel)?;
            learn(&document, first - 1, &mut contents, &mut paginas);
            pages.extend(document.pages().iter().cloned());
        }
        let cover = part(world, 0..0, &Deel::cover(count, &contents))?;
        if cover.pages().len() == cover_pages {
            let mut joined: EcoVec<_> = cover.pages().iter().cloned().collect();
            joined.extend(pages);
            return Ok(PagedDocument::new(joined, cover.info().clone()));
        }
        cover_pages = cover.pages().len();
    }
    Err(EcoVec::from([SourceDiagnostic::error(
        typst::syntax::Span::detached(),
        "the contents kept changing the length of the report's cover",
    )]))
}

/// Learns from a part laid out after `before` pages its headings for the
/// contents and where its labelled elements are.
fn learn(
    document: &PagedDocument,
    before: usize,
    contents: &mut Vec<Regel>,
    paginas: &mut BTreeMap<String, Plek>,
) {
    let introspector = document.introspector();
    let styles = StyleChain::default();
    for found in introspector.query(&Selector::Elem(HeadingElem::ELEM, None)) {
        let Some(heading) = found.to_packed::<HeadingElem>() else {
            continue;
        };
        let plek = found.location().and_then(|l| Plek::of(document, l, before));
        if let Some(plek) = plek
            && heading.outlined.get(styles)
        {
            contents.push(Regel {
                niveau: heading.resolve_level(styles).get(),
                titel: heading.body.plain_text().into(),
                plek,
            });
        }
    }
    for found in introspector.query_labelled() {
        let plek = found.location().and_then(|l| Plek::of(document, l, before));
        if let (Some(label), Some(plek)) = (found.label(), plek) {
            paginas.insert(label.resolve().to_string(), plek);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use typst::layout::{Frame, FrameItem};
    use typst::model::Destination;

    use super::*;
    use crate::generate::{self, Size};

    /// What each page says: its text runs in order, and where its links
    /// go (page, and height on it in tenths of a pt), whether to an
    /// element of the same document or to a position.
    type Read = Vec<(String, Vec<(usize, i64)>)>;

    /// Reads every page of `document`.
    fn read(document: &PagedDocument) -> Read {
        fn to(at: &typst::introspection::PagedPosition) -> (usize, i64) {
            (at.page.get(), (at.point.y.to_pt() * 10.0).round() as i64)
        }
        fn walk(
            frame: &Frame,
            document: &PagedDocument,
            text: &mut String,
            links: &mut Vec<(usize, i64)>,
        ) {
            for (_, item) in frame.items() {
                match item {
                    FrameItem::Group(group) => walk(&group.frame, document, text, links),
                    FrameItem::Text(run) => {
                        text.push_str(&run.text);
                        text.push(' ');
                    }
                    FrameItem::Link(Destination::Position(at), _) => links.push(to(at)),
                    FrameItem::Link(Destination::Location(location), _) => {
                        let at = document.introspector().position(*location);
                        links.push(at.as_ref().map_or((0, 0), to));
                    }
                    _ => {}
                }
            }
        }
        document
            .pages()
            .iter()
            .map(|page| {
                let (mut text, mut links) = (String::new(), Vec::new());
                walk(&page.frame, document, &mut text, &mut links);
                (text, links)
            })
            .collect()
    }

    /// `report` of the kompas folder `dir` laid out whole and in parts.
    fn both(dir: &Path, report: &str) -> (Read, Read, bool) {
        let checked = crate::run::check_all(dir, None).unwrap();
        let model = checked.model.as_ref().expect("the folder checks");
        let built = checked
            .built
            .iter()
            .find(|b| model.reports[b.report].name == report)
            .expect("the report is built");
        let view = &built.view;
        let (mut world, _) = super::super::world_for(view, Vec::new(), Some(dir)).unwrap();
        let whole = typst::compile::<PagedDocument>(&world).output.unwrap();
        let whole = read(&whole);
        typst::comemo::evict(0);
        let split = Split::of(&world).unwrap();
        // As `kompas render` does: the next part evaluated beside each.
        let parted = lay_out(&mut world, &split, 1).output.unwrap();
        (whole, read(&parted), wanted(view))
    }

    fn assert_same(whole: &Read, parted: &Read) {
        assert_eq!(whole.len(), parted.len(), "page count");
        for (n, (w, p)) in whole.iter().zip(parted).enumerate() {
            assert_eq!(w, p, "page {}", n + 1);
        }
    }

    #[test]
    fn a_report_laid_out_in_parts_reads_as_the_whole_report() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/culemborg");
        let (whole, parted, wanted) = both(&dir, "jaarverslag-2017");
        // Four domains, 19 indicators: one document unless asked for parts.
        assert!(!wanted);
        assert_same(&whole, &parted);
        // The contents on the cover link to the chapters' pages.
        let (cover, links) = &parted[0];
        assert!(cover.contains("Inhoud"), "{cover}");
        assert!(
            links.len() >= 8 && links.iter().all(|&(p, _)| p > 1),
            "{links:?}"
        );
    }

    /// A generated kompas folder of seven domains, long enough to be laid
    /// out in parts.
    fn seven_domains() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let size = Size {
            gebieden: 14,
            domeinen: 7,
            indicatoren: 105,
            activiteiten: 14,
            jaren: 3,
        };
        generate::write(dir.path(), size).unwrap();
        dir
    }

    /// The main file that evaluates a part's chapters ahead calls the
    /// templates of the data model as it is, without an error.
    #[test]
    fn the_next_parts_chapters_are_evaluated_as_the_part_does() {
        let dir = seven_domains();
        let checked = crate::run::check_all(dir.path(), None).unwrap();
        let built = &checked.built[0];
        let (world, _) =
            super::super::world_for(&built.view, Vec::new(), Some(dir.path())).unwrap();
        let split = Split::of(&world).unwrap();
        let warm = world.fork(vec![
            (MAIN, Bytes::new(WARM_MAIN.as_bytes().to_vec())),
            (DATA, split.data(0..2)),
        ]);
        let warmed = typst::compile::<PagedDocument>(&warm);
        assert!(warmed.warnings.is_empty(), "{:?}", warmed.warnings);
        assert_eq!(
            warmed.output.unwrap().pages().len(),
            1,
            "it lays out nothing"
        );
    }

    #[test]
    fn a_long_annual_report_is_laid_out_in_parts_as_if_whole() {
        let dir = seven_domains();
        // The last domain's first result follows the first domain's first
        // indicator too: the report refers back to it across parts.
        let path = dir.path().join("kompas.yaml");
        let yaml = std::fs::read_to_string(&path).unwrap();
        let list = "indicatoren: [";
        let first = &yaml[yaml.find(list).unwrap() + list.len()..];
        let id = &first[..first.find(',').unwrap()];
        let last = yaml.rfind(list).unwrap() + list.len();
        let yaml = format!("{}{id}, {}", &yaml[..last], &yaml[last..]);
        std::fs::write(&path, yaml).unwrap();
        let (whole, parted, wanted) = both(dir.path(), "jaarverslag-2017");
        assert!(wanted);
        // Seven domains: the contents on a page of their own, and the
        // references back to an indicator shown before, "op pagina 12",
        // across parts too.
        assert!(parted[1].0.starts_with("Inhoud"), "{}", parted[1].0);
        let domain = |page: usize| {
            let starts = parted
                .iter()
                .take(page)
                .filter(|(text, _)| text.contains(" in het kort."));
            starts.count()
        };
        let mut across = 0;
        for (n, (text, links)) in parted.iter().enumerate() {
            for (at, _) in text.match_indices("op pagina ") {
                let number = &text[at + 10..];
                let page: usize = number[..number.find(' ').unwrap()].parse().unwrap();
                assert!(page <= n + 1, "page {}: {number}", n + 1);
                // The reference is a link to that page.
                assert!(
                    links.iter().any(|&(p, _)| p == page),
                    "page {}: {links:?}",
                    n + 1
                );
                across += usize::from(domain(page) != domain(n + 1));
            }
        }
        assert_eq!(across, 1);
        assert_same(&whole, &parted);
    }

    #[test]
    fn contents_longer_than_estimated_move_every_page_after_them() {
        let dir = seven_domains();
        // Domain names of six lines each: the contents run over two pages
        // where the estimate, a line a heading, fits them on one.
        let path = dir.path().join("kompas.yaml");
        let long = "Rondkomen, werken, meedoen en alles wat daarbij hoort ".repeat(12);
        let yaml = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .map(|line| match line.strip_prefix("    naam: ") {
                Some(name) => format!("    naam: {name} – {long}"),
                None => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&path, yaml).unwrap();
        let (whole, parted, wanted) = both(dir.path(), "jaarverslag-2017");
        assert!(wanted);
        assert!(parted[1].0.starts_with("Inhoud"), "{}", parted[1].0);
        assert!(!parted[3].0.contains("Inhoud"), "{}", parted[3].0);
        assert!(parted[2].0.contains("Verantwoording"), "{}", parted[2].0);
        assert_same(&whole, &parted);
    }
}
