//! Stage 2: check the raw input against FORMAT.md and resolve it into the
//! chain domein -> ambitie -> resultaat -> indicator, with activities linked
//! to results and values attached to indicators.
//!
//! Checking collects every problem before giving up: one run of
//! `kompas check` lists all of them.

mod areas;
mod check;
pub mod logo;
pub mod report;
pub mod status;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostics, Span};
use crate::load::{Input, Loc};
use crate::period::{Granularity, Period};

pub use report::{Afdoening, Motie, Report, ReportKind};
pub use status::Status;

/// Index into [`Compass::indicatoren`].
pub type IndicatorIx = usize;
/// Index into [`Compass::resultaten`].
pub type ResultaatIx = usize;

/// A whole, checked compass.
#[derive(Debug)]
pub struct Compass {
    pub gemeente: Gemeente,
    pub taal: Taal,
    pub huisstijl: Huisstijl,
    pub domeinen: Vec<Domein>,
    pub resultaten: Vec<Resultaat>,
    pub indicatoren: Vec<Indicator>,
    pub activiteiten: Vec<Activiteit>,
}

#[derive(Debug)]
pub struct Gemeente {
    pub naam: String,
    pub cbs_code: Option<String>,
    pub vergelijking: Option<String>,
    /// The burgemeester and secretaris who sign its letters.
    pub college: College,
}

/// The signatories of the college's letters.
#[derive(Debug, Default, Clone)]
pub struct College {
    pub burgemeester: Option<String>,
    pub secretaris: Option<String>,
}

/// The language of the report's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taal {
    Nl,
    En,
}

/// House style: an optional logo (relative to the kompas folder) and colour.
#[derive(Debug, Default)]
pub struct Huisstijl {
    pub logo: Option<Loc<String>>,
    pub kleur: Option<String>,
}

#[derive(Debug)]
pub struct Domein {
    pub id: String,
    pub naam: String,
    pub monitoring: Option<Loc<String>>,
    pub context: Vec<IndicatorIx>,
    pub ambities: Vec<Ambitie>,
}

#[derive(Debug)]
pub struct Ambitie {
    pub id: String,
    pub tekst: String,
    pub resultaten: Vec<ResultaatIx>,
}

#[derive(Debug)]
pub struct Resultaat {
    pub id: String,
    pub tekst: String,
    pub horizon: Option<Period>,
    pub soort: ResultaatSoort,
    pub indicatoren: Vec<IndicatorIx>,
    /// Index of the domain the result is defined in.
    pub domein: usize,
}

/// NJi's kinds of result: only inhoudelijke results are about residents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultaatSoort {
    Inhoudelijk,
    Proces,
    Randvoorwaardelijk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Richting {
    HogerIsBeter,
    LagerIsBeter,
    Neutraal,
}

impl Richting {
    /// Whether `a` is better than `b` in this direction: the one place
    /// that decides "better" (never for `neutraal`).
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            Richting::HogerIsBeter => a > b,
            Richting::LagerIsBeter => a < b,
            Richting::Neutraal => false,
        }
    }

    /// Whether `a` is at least as good as `b` (always for `neutraal`).
    pub fn at_least_as_good(self, a: f64, b: f64) -> bool {
        !self.better(b, a)
    }

    /// Orders values best first (highest first when `neutraal`).
    pub fn best_first(self, a: f64, b: f64) -> std::cmp::Ordering {
        match self {
            Richting::LagerIsBeter => a.total_cmp(&b),
            Richting::HogerIsBeter | Richting::Neutraal => b.total_cmp(&a),
        }
    }

    /// How a value moved from `before` to `now`, judged by the direction.
    pub fn movement(self, before: f64, now: f64) -> Movement {
        if self.better(now, before) {
            Movement::Better
        } else if self.better(before, now) {
            Movement::Worse
        } else if now == before {
            Movement::Same
        } else {
            Movement::Unjudged
        }
    }
}

/// How a figure moved between two periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    Better,
    Worse,
    Same,
    /// It changed, but the indicator has no desired direction.
    Unjudged,
}

/// How an indicator's values add up over a period longer than its
/// frequency (FORMAT.md section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregatie {
    /// Flows: cases, visits per quarter add up.
    Som,
    Gemiddelde,
    /// Stocks, rates, percentages: the latest value stands.
    Laatste,
}

/// CBS's mark on a figure.
/// From least to most final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CbsStatus {
    Voorlopig,
    NaderVoorlopig,
    Definitief,
}

/// One value at one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub periode: Period,
    pub waarde: f64,
    pub cbs: Option<CbsStatus>,
}

impl Point {
    /// The value's mark when it is not final yet (voorlopig, nader
    /// voorlopig): a report says so wherever it shows or judges it.
    pub fn provisional(&self) -> Option<CbsStatus> {
        self.cbs.filter(|&c| c != CbsStatus::Definitief)
    }
}

#[derive(Debug)]
pub struct Indicator {
    pub id: String,
    pub naam: String,
    pub eenheid: Option<String>,
    pub richting: Richting,
    pub frequentie: Granularity,
    pub aggregatie: Aggregatie,
    pub decimalen: u8,
    pub bron: Option<String>,
    pub definitie: Option<String>,
    /// The benchmark area, when it differs from the gemeente's `vergelijking`.
    pub vergelijking: Option<String>,
    pub nulmeting: Option<Point>,
    pub streefwaarde: Option<Point>,
    /// Values per area, each series oldest first, areas in first-seen order.
    pub series: Vec<(String, Vec<Point>)>,
}

#[derive(Debug)]
pub struct Activiteit {
    pub id: String,
    pub naam: String,
    pub domein: usize,
    pub uitvoerders: Vec<String>,
    pub draagt_bij_aan: Vec<ResultaatIx>,
    pub kwaliteit: Vec<String>,
    pub output: Vec<IndicatorIx>,
    pub outcome: Vec<IndicatorIx>,
    pub budget: Vec<(Period, Budget)>,
    pub verbeterpunten: Vec<Verbeterpunt>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub begroot: f64,
    pub werkelijk: Option<f64>,
}

#[derive(Debug)]
pub struct Verbeterpunt {
    pub tekst: String,
    pub eigenaar: Option<String>,
    pub gereed: Option<Period>,
    pub status: VerbeterStatus,
}

impl Verbeterpunt {
    /// Whether the point is overdue on `date`: not done, and the period
    /// it was to be done in had ended before that date's month.
    pub fn overdue_at(&self, date: NaiveDate) -> bool {
        self.status != VerbeterStatus::Gereed && self.gereed.is_some_and(|g| g.ends_before(date))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbeterStatus {
    Gepland,
    Lopend,
    Gereed,
}

/// The checked compass and every report that passed its own checks.
#[derive(Debug)]
pub struct Model {
    pub compass: Compass,
    pub reports: Vec<Report>,
}

/// Checks and resolves the loaded input. Returns `None` when kompas.yaml
/// could not be resolved; reports with problems are left out of the model.
/// Every problem is recorded in `diags`.
pub fn build(input: Input, dir: &Path, diags: &mut Diagnostics) -> Option<Model> {
    let (file, raw) = input.kompas?;
    let compass = check::compass(file, raw, input.values, dir, diags);
    let reports = input
        .rapporten
        .into_iter()
        .filter_map(|r| report::check(&compass, r, diags))
        .collect();
    Some(Model { compass, reports })
}

impl Compass {
    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicatoren.iter().find(|i| i.id == id)
    }

    /// The result with this id.
    pub fn resultaat(&self, id: &str) -> Option<&Resultaat> {
        self.resultaten.iter().find(|r| r.id == id)
    }

    /// The areas an edition can be made for (a report's `gebied`,
    /// `--per-gebied`): every wijk with values of its own, never the
    /// gemeente or a benchmark, in order of first appearance.
    pub fn edition_areas(&self) -> Vec<&str> {
        let mut areas: Vec<&str> = Vec::new();
        for ind in &self.indicatoren {
            for (area, _) in &ind.series {
                if self.is_wijk(ind, area) && !areas.contains(&area.as_str()) {
                    areas.push(area);
                }
            }
        }
        areas
    }

    /// The indicators a report on `domeinen` shows, in order of appearance:
    /// context figures, result indicators, then activity output and outcome.
    pub fn shown_indicators(&self, domeinen: &[usize]) -> Vec<IndicatorIx> {
        let mut order = Vec::new();
        let mut add = |i: IndicatorIx| {
            if !order.contains(&i) {
                order.push(i);
            }
        };
        for &d in domeinen {
            let dom = &self.domeinen[d];
            dom.context.iter().for_each(|&i| add(i));
            for amb in &dom.ambities {
                for &r in &amb.resultaten {
                    self.resultaten[r].indicatoren.iter().for_each(|&i| add(i));
                }
            }
            for act in self.activiteiten.iter().filter(|a| a.domein == d) {
                act.output.iter().chain(&act.outcome).for_each(|&i| add(i));
            }
        }
        order
    }

    /// The benchmark area of an indicator: its own, else the gemeente's.
    pub fn benchmark<'a>(&'a self, indicator: &'a Indicator) -> Option<&'a str> {
        indicator
            .vergelijking
            .as_deref()
            .or(self.gemeente.vergelijking.as_deref())
    }

    /// Whether an area is a part of the gemeente (a wijk): neither the
    /// gemeente itself nor a benchmark.
    pub fn is_wijk(&self, indicator: &Indicator, area: &str) -> bool {
        area != self.gemeente.naam
            && Some(area) != self.benchmark(indicator)
            && Some(area) != self.gemeente.vergelijking.as_deref()
    }
}

/// A date as the report prints it; the checks parse `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| {
            text.trim().len() == 10 && crate::period::YEARS.contains(&chrono::Datelike::year(d))
        })
}

/// Where an id was first defined, for "defined twice" notes.
type Seen = Map<String, Span>;

/// The check's maps, keyed by ids, areas and periods from the user's
/// files: a hash much faster than SipHash on short keys, and still seeded
/// at random per process, so that no file can be written to collide.
pub(crate) type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
