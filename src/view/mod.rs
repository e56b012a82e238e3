//! Stage 4: what each report page shows. Puts one report's facts into
//! words for its language as a [`ReportView`]: every number formatted as
//! the language writes it, every status in words with the period it rests
//! on, every chart with its alt text. The view decides nothing: every
//! figure and judgement comes from [`crate::facts`].
//!
//! The view is the documented data model the Typst templates read (as
//! JSON); templates never compute or format anything themselves.

pub mod chart;
mod dashboard;
pub mod format;
pub mod labels;
mod sections;
pub mod text;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Sources};
use crate::facts::Facts;
use crate::model::{Compass, Report, ReportKind, Status};

pub use labels::Labels;

/// Version of the data model handed to templates; bumped on breaking changes.
pub const DATA_VERSION: u32 = 6;

/// Everything a report template needs, ready to print.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub versie: u32,
    pub soort: &'static str,
    pub soort_naam: &'static str,
    pub labels: Labels,
    pub gemeente: String,
    /// The area of an area edition.
    pub gebied: Option<String>,
    /// The title, with the area of an area edition: "Jaarverslag 2017 – Charlois".
    pub titel: String,
    pub periode: String,
    pub vorige_periode: String,
    /// What a quarterly letter compares with, as a phrase: "ten opzichte
    /// van het derde kwartaal 2017".
    pub vergeleken_met: String,
    pub datum: String,
    pub kleur: String,
    pub logo: Option<String>,
    pub inleiding: Vec<String>,
    /// The letter head and closing of a raadsinformatiebrief.
    pub brief: Option<Brief>,
    pub motie: Option<MotieView>,
    pub antwoord: Vec<String>,
    pub overzicht: Vec<OverzichtDomein>,
    pub wijzigingen: Option<Wijzigingen>,
    pub domeinen: Vec<DomeinView>,
    pub verantwoording: Vec<VerantwoordingRij>,
    /// A jaarverslag's costs per domain and in all, when more than one
    /// domain has costs.
    pub kosten: Option<Kosten>,
    /// In an area edition, the sentence saying that the activities and
    /// costs are the whole gemeente's.
    pub gemeentebreed: Option<String>,
    /// Files attached to the PDF (the open data), read by the template.
    pub bijlagen: Vec<Bijlage>,
    /// Charts as files Typst reads: (path, SVG). Not part of the JSON.
    #[serde(skip)]
    pub charts: Vec<(String, String)>,
    /// Document metadata.
    pub meta: Meta,
}

/// PDF metadata: title, author, language, date.
#[derive(Debug, Serialize)]
pub struct Meta {
    pub titel: String,
    pub auteur: String,
    pub taal: &'static str,
    pub jaar: i32,
    pub maand: u32,
    pub dag: u32,
}

#[derive(Debug, Serialize)]
pub struct MotieView {
    pub nummer: String,
    pub titel: String,
    pub datum: String,
    pub verzoek: Vec<String>,
    /// The answer's conclusion in words: afgedaan, lopend.
    pub afdoening: Option<&'static str>,
    /// Which domains the answer covers and which it leaves out, as a
    /// sentence; `None` when it covers them all.
    pub afbakening: Option<String>,
}

/// A raadsinformatiebrief's parts around its body.
#[derive(Debug, Serialize)]
pub struct Brief {
    /// "College van burgemeester en wethouders van Culemborg".
    pub afzender: String,
    pub kenmerk: Option<String>,
    pub contactpersoon: Option<String>,
    pub aanhef: &'static str,
    pub slot: &'static str,
    /// Who signs: (role, name), secretaris first as Dutch letters do.
    pub ondertekening: Vec<(&'static str, String)>,
}

/// One domain's line in "In één oogopslag".
#[derive(Debug, Serialize)]
pub struct OverzichtDomein {
    pub naam: String,
    pub resultaten: Vec<OverzichtResultaat>,
    /// How many results have each status, for the statuses that occur.
    pub tellingen: Vec<Telling>,
}

#[derive(Debug, Serialize)]
pub struct OverzichtResultaat {
    pub tekst: String,
    pub status: StatusView,
}

#[derive(Debug, Serialize)]
pub struct Telling {
    pub status: StatusView,
    pub aantal: usize,
}

/// A status as key (for the shape) and words, with the period of the
/// value it rests on and whether that value is `verouderd`.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub sleutel: Status,
    pub tekst: &'static str,
    pub periode: Option<String>,
    pub verouderd: bool,
    /// A result's status resting on some of its indicators only: "1 van
    /// 2 beoordeeld".
    pub deels: Option<String>,
    /// The value it rests on is not final yet: "voorlopig".
    pub cijfer: Option<&'static str>,
    /// All of what it rests on, for the brackets after the status: "2017,
    /// voorlopig", "2014, verouderd", "2016, 1 van 2 beoordeeld".
    pub grond: Option<String>,
}

/// A file attached to the PDF.
#[derive(Debug, Clone, Serialize)]
pub struct Bijlage {
    /// The path Typst reads it from.
    pub pad: String,
    pub mime: &'static str,
    pub beschrijving: String,
}

/// "Wat is er veranderd?" against the previous period.
#[derive(Debug, Serialize)]
pub struct Wijzigingen {
    pub nieuwe_metingen: Vec<String>,
    pub statuswijzigingen: Vec<String>,
    pub tegen_richting: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct DomeinView {
    pub id: String,
    pub naam: String,
    /// The domain at a glance, on one page.
    pub dashboard: Dashboard,
    pub monitoring: Vec<String>,
    pub context: Vec<IndicatorView>,
    pub ambities: Vec<AmbitieView>,
    pub activiteiten: Vec<ActiviteitView>,
    pub kosten: Kosten,
    /// As [`ReportView::gemeentebreed`], beside the domain's activities.
    pub gemeentebreed: Option<String>,
}

/// A domain at a glance: its ambitions and results with their status, a
/// tile per indicator, and a strip of its activities.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    pub ambities: Vec<DashboardAmbitie>,
    pub tegels: Vec<Tegel>,
    pub activiteiten: Vec<ActiviteitStrook>,
    /// The heading of the budget column, with the year it covers.
    pub budget_kop: String,
}

#[derive(Debug, Serialize)]
pub struct DashboardAmbitie {
    pub tekst: String,
    pub resultaten: Vec<OverzichtResultaat>,
}

/// One indicator on a dashboard.
#[derive(Debug, Serialize)]
pub struct Tegel {
    pub id: String,
    pub naam: String,
    /// What it shows: the result it measures, or that it is a context figure.
    pub bij: String,
    pub waarde: Option<String>,
    /// The period of the value, in words ("2017", "totaal 2017").
    pub periode: Option<String>,
    pub verouderd: bool,
    /// The change since the previous measurement, in words.
    pub verandering: Option<String>,
    pub streefwaarde: Option<String>,
    pub vergelijking: Option<String>,
    pub status: StatusView,
    pub oordeel_over: Option<String>,
    pub sparkline: Option<ChartRef>,
}

/// One activity on a dashboard: its headline output and outcome, and how
/// much of its budget was spent.
#[derive(Debug, Serialize)]
pub struct ActiviteitStrook {
    pub naam: String,
    pub output: Option<String>,
    pub outcome: Option<String>,
    pub budget: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AmbitieView {
    pub tekst: String,
    pub resultaten: Vec<ResultaatView>,
}

#[derive(Debug, Serialize)]
pub struct ResultaatView {
    pub id: String,
    pub kop: String,
    pub soort: Option<&'static str>,
    pub status: StatusView,
    pub indicatoren: Vec<IndicatorView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub naam: String,
    /// The report showed this indicator in full before: refer to it.
    pub herhaald: bool,
    pub waarde: Option<String>,
    /// The period of the value in words: "meting 2016", "totaal 2017".
    pub meting: Option<String>,
    pub verouderd: bool,
    /// The value's mark while it is not final: "voorlopig".
    pub cbs: Option<&'static str>,
    pub nulmeting: Option<String>,
    pub streefwaarde: Option<String>,
    pub vergelijking: Option<String>,
    pub status: StatusView,
    /// When the status rests on another figure than the one shown (a
    /// quarter shown, the year's total judged): that figure, in words.
    pub oordeel_over: Option<String>,
    pub bron: Option<String>,
    pub toelichting: Vec<String>,
    pub grafiek: Option<ChartRef>,
    pub wijken: Option<WijkTabel>,
}

/// A chart file Typst loads, with its alt text and the words the template
/// sets over and under it (axis values, periods, legend).
#[derive(Debug, Clone, Serialize)]
pub struct ChartRef {
    pub bestand: String,
    pub alt: String,
    #[serde(flatten)]
    pub words: chart::Words,
}

/// Values per wijk, with the gemeente's for comparison. What every row
/// shares is said once: the unit's words (`per 1.000 inwoners`) and the
/// periods, when all values (all previous values) are of one period.
#[derive(Debug, Clone, Serialize)]
pub struct WijkTabel {
    pub eenheid: Option<String>,
    pub periode: Option<String>,
    pub vorige_periode: Option<String>,
    /// Whether any row has a previous value: the table's fourth column.
    pub vorige: bool,
    /// The longest text of each column, in characters.
    pub tekens: WijkTekens,
    pub rijen: Vec<WijkRij>,
}

/// How many characters the longest text of a wijk table's column has (a
/// value with the period it shows beside it): for a template that sizes
/// its columns without measuring every cell.
#[derive(Debug, Clone, Serialize)]
pub struct WijkTekens {
    pub gebied: usize,
    pub waarde: usize,
    pub vorige: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct WijkRij {
    pub gebied: String,
    /// The number, with `%` or `€` but without the table's unit words.
    pub waarde: String,
    /// The value's period, when the table has no one period for all.
    pub periode: Option<String>,
    /// The previous value, and its period when the table has no one
    /// period for all previous values.
    pub vorige: Option<String>,
    pub vorige_periode: Option<String>,
    /// `wijk`, `eigen` (the report's own area) or `gemeente` (the whole
    /// gemeente beside an edition's area).
    pub rol: crate::facts::WijkRol,
    /// The value's bar, on one scale for the whole table.
    pub balk: chart::Span,
}

#[derive(Debug, Serialize)]
pub struct ActiviteitView {
    pub id: String,
    pub naam: String,
    pub uitvoerders: Vec<String>,
    pub draagt_bij_aan: Vec<String>,
    pub kwaliteit: Vec<String>,
    pub output: Vec<IndicatorView>,
    pub outcome: Vec<IndicatorView>,
    pub budget: Option<BudgetView>,
    pub toelichting: Vec<String>,
    pub verbeterpunten: Vec<VerbeterpuntView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
    pub jaar: String,
    pub begroot: String,
    pub werkelijk: String,
    /// The difference with the BBV's mark: `€ 20.000 N`.
    pub verschil: String,
}

#[derive(Debug, Serialize)]
pub struct VerbeterpuntView {
    pub tekst: String,
    pub eigenaar: String,
    pub gereed: String,
    pub status: &'static str,
    /// Not done, and its period ended before the report's date.
    pub over_tijd: bool,
}

/// "Wat heeft het gekost?": per activity, and the domain's total.
#[derive(Debug, Serialize)]
pub struct Kosten {
    pub rijen: Vec<KostenRij>,
    pub totaal: Option<BudgetView>,
}

#[derive(Debug, Serialize)]
pub struct KostenRij {
    pub naam: String,
    pub budget: BudgetView,
}

#[derive(Debug, Serialize)]
pub struct VerantwoordingRij {
    pub naam: String,
    pub definitie: String,
    pub bron: String,
    pub frequentie: &'static str,
    pub meting: String,
    pub cbs: Option<&'static str>,
    pub verouderd: bool,
}

impl ReportView {
    /// Which report this is, for the templates.
    pub fn kind_key(kind: ReportKind) -> &'static str {
        match kind {
            ReportKind::Kwartaalrapportage => "kwartaalrapportage",
            ReportKind::Motiebeantwoording => "motiebeantwoording",
            ReportKind::Jaarverslag => "jaarverslag",
        }
    }
}

/// Builds the view of one report from its facts, or the problems its
/// free texts have.
pub fn view(
    compass: &Compass,
    report: &Report,
    facts: &Facts,
    sources: &Sources,
) -> Result<ReportView, Vec<Diagnostic>> {
    sections::build(compass, report, facts, sources)
}
