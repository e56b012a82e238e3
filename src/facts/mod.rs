//! Stage 3: every figure one report shows, as numbers and enums, not
//! words: per indicator the value printed and the period it covers, the
//! previous one, the status and what it rests on, `verouderd`, the
//! benchmark, the wijken ranked; per result its status; per activity its
//! budget of the year. The view puts these into words for a language; the
//! open data (CSV, JSON) writes them as they are. Nothing here formats.

mod aggregate;

use crate::model::{
    Budget, Compass, IndicatorIx, Movement, Point, Report, ReportKind, ResultaatIx, Status, status,
};
use crate::period::Period;

pub use aggregate::{Aggregaat, Figure};

/// The figures of one report.
#[derive(Debug)]
pub struct Facts {
    pub periode: Period,
    pub vorige_periode: Period,
    /// The area whose values are the report's main series: the gemeente,
    /// or the area of an area edition.
    pub gebied: String,
    /// Per indicator of the compass, by [`IndicatorIx`].
    pub indicatoren: Vec<IndicatorFacts>,
    /// Per result of the compass, by [`ResultaatIx`].
    pub resultaten: Vec<Judgement>,
    /// The indicators the report shows, in order of appearance: in a
    /// jaarverslag every indicator of its domains' chains and activities;
    /// in a report of dashboards only (kwartaalrapportage,
    /// motiebeantwoording) the tiles and the activities' headline figures.
    pub shown: Vec<IndicatorIx>,
    /// Per domain the report shows, in its order.
    pub domeinen: Vec<DomeinFacts>,
    /// The costs of all the report's domains together, when more than
    /// one domain has any.
    pub totaal: Option<Budget>,
}

/// A status and the value it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgement {
    pub status: Status,
    /// The period of the value the status rests on.
    pub periode: Option<Period>,
    /// That value is more than two periods older than the report period.
    pub verouderd: bool,
    /// The figure judged: the value shown, or for a count judged against
    /// yearly targets, the total of the year.
    pub figuur: Option<Figure>,
    /// For a result judged on only some of the indicators that have a
    /// target: how many were judged, of how many (the others not yet
    /// assessable, outdated or without data). `None` otherwise.
    pub partial: Option<(usize, usize)>,
}

impl Judgement {
    /// A status resting on no value.
    pub fn bare(status: Status) -> Judgement {
        Judgement {
            status,
            periode: None,
            verouderd: false,
            figuur: None,
            partial: None,
        }
    }
}

/// What a report shows of one indicator.
#[derive(Debug, Clone)]
pub struct IndicatorFacts {
    /// The figure printed for the main series.
    pub waarde: Option<Figure>,
    /// That figure is more than two periods older than the report period.
    pub verouderd: bool,
    pub oordeel: Judgement,
    /// The figure and status at the previous period (`vorige_periode`).
    pub vorige: Option<Figure>,
    pub vorig_oordeel: Judgement,
    /// How the figure moved since the previous one, when they differ in period.
    pub beweging: Option<Movement>,
    /// The measurement before the one shown (of the same length: the
    /// year before a yearly total), and how the figure moved since.
    pub sinds: Option<(Figure, Movement)>,
    /// The nulmeting the main series is judged from.
    pub nulmeting: Option<Point>,
    pub streefwaarde: Option<Point>,
    /// The benchmark area and its figure.
    pub vergelijking: Option<(String, Figure)>,
    /// Values per wijk, with the main series among them, best first.
    pub wijken: Vec<WijkFacts>,
    /// The measured values up to the report period.
    pub reeks: Vec<Point>,
    pub vergelijking_reeks: Vec<Point>,
    /// What the indicator's chart draws.
    pub grafiek: Grafiek,
}

/// What an indicator's chart draws: of the kind of figure the report
/// shows beside it, so that its lines, that figure and the targets are on
/// one scale (an annual report of quarterly counts draws each year's
/// total, see [`aggregate::drawn`]).
#[derive(Debug, Clone)]
pub struct Grafiek {
    pub reeks: Vec<Point>,
    pub vergelijking: Vec<Point>,
    /// Whether it draws the nulmeting and streefwaarde: not when they are
    /// of another kind (a yearly total as target beside quarterly counts
    /// in a quarterly letter).
    pub doelen: bool,
}

/// One area's line in a wijk table.
#[derive(Debug, Clone)]
pub struct WijkFacts {
    pub gebied: String,
    pub waarde: Figure,
    pub vorige: Option<Figure>,
    pub rol: WijkRol,
}

/// What an area's line in a wijk table stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WijkRol {
    /// One of the wijken.
    Wijk,
    /// The report's own area: the gemeente, or an edition's wijk.
    Eigen,
    /// The gemeente as a whole, beside an edition's own area.
    Gemeente,
}

/// One domain of the report: its activities and their budgets.
#[derive(Debug)]
pub struct DomeinFacts {
    /// Index into [`Compass::domeinen`].
    pub domein: usize,
    /// Indices into [`Compass::activiteiten`] of the domain's activities.
    pub activiteiten: Vec<usize>,
    /// The dashboard's tiles: each indicator once, the results' in chain
    /// order, then the context figures.
    pub tegels: Vec<IndicatorIx>,
    /// The domain's context figures that none of its results judges.
    pub context: Vec<IndicatorIx>,
    /// Per activity (as in `activiteiten`) the headline output and
    /// outcome: the first of each with a value.
    pub koppen: Vec<Kop>,
    /// The budget of the report's year, per activity that has one.
    pub budgetten: Vec<(usize, Budget)>,
    /// The domain's total over those budgets.
    pub totaal: Option<Budget>,
}

/// An activity's headline figures on a dashboard.
#[derive(Debug, Clone, Copy)]
pub struct Kop {
    pub output: Option<IndicatorIx>,
    pub outcome: Option<IndicatorIx>,
}

/// Computes every figure `report` shows.
pub fn facts(compass: &Compass, report: &Report) -> Facts {
    let gebied = report
        .gebied
        .clone()
        .unwrap_or_else(|| compass.gemeente.naam.clone());
    let indicatoren: Vec<IndicatorFacts> = (0..compass.indicatoren.len())
        .map(|ix| indicator(compass, report, ix, &gebied))
        .collect();
    let resultaten = compass
        .resultaten
        .iter()
        .map(|r| result(&indicatoren, &r.indicatoren))
        .collect();
    let year = report.periode.year();
    let domeinen = report
        .domeinen
        .iter()
        .map(|&d| {
            let activiteiten: Vec<usize> = (0..compass.activiteiten.len())
                .filter(|&a| compass.activiteiten[a].domein == d)
                .collect();
            let budgetten: Vec<(usize, Budget)> = activiteiten
                .iter()
                .filter_map(|&a| {
                    let budget = &compass.activiteiten[a].budget;
                    let (_, b) = budget.iter().find(|(p, _)| p.year() == year)?;
                    Some((a, *b))
                })
                .collect();
            let budgets: Vec<Budget> = budgetten.iter().map(|(_, b)| *b).collect();
            let totaal = (!budgets.is_empty()).then(|| sum(&budgets));
            let has_value = |list: &[IndicatorIx]| {
                list.iter()
                    .copied()
                    .find(|&i| indicatoren[i].waarde.is_some())
            };
            let koppen = activiteiten
                .iter()
                .map(|&a| Kop {
                    output: has_value(&compass.activiteiten[a].output),
                    outcome: has_value(&compass.activiteiten[a].outcome),
                })
                .collect();
            let chain = chain(compass, d);
            let context = context(compass, d, &chain);
            DomeinFacts {
                domein: d,
                // The dashboard's tiles: each indicator once, the results'
                // in chain order, then the context figures.
                tegels: chain.into_iter().chain(context.iter().copied()).collect(),
                context,
                activiteiten,
                koppen,
                budgetten,
                totaal,
            }
        })
        .collect::<Vec<DomeinFacts>>();
    let shown = match report.kind {
        ReportKind::Jaarverslag => compass.shown_indicators(&report.domeinen),
        ReportKind::Kwartaalrapportage | ReportKind::Motiebeantwoording => {
            let mut shown: Vec<IndicatorIx> = Vec::new();
            for d in &domeinen {
                let heads = d
                    .koppen
                    .iter()
                    .flat_map(|k| k.output.into_iter().chain(k.outcome));
                for i in d.tegels.iter().copied().chain(heads) {
                    if !shown.contains(&i) {
                        shown.push(i);
                    }
                }
            }
            shown
        }
    };
    let totalen: Vec<Budget> = domeinen.iter().filter_map(|d| d.totaal).collect();
    let totaal = (totalen.len() > 1).then(|| sum(&totalen));
    Facts {
        periode: report.periode,
        vorige_periode: report.vorige_periode,
        gebied,
        indicatoren,
        resultaten,
        shown,
        domeinen,
        totaal,
    }
}

/// Budgets added up; what was spent only when every one of them says.
fn sum(budgets: &[Budget]) -> Budget {
    Budget {
        begroot: budgets.iter().map(|b| b.begroot).sum(),
        werkelijk: budgets.iter().map(|b| b.werkelijk).sum(),
    }
}

/// A domain's results' indicators in chain order, each once.
fn chain(compass: &Compass, d: usize) -> Vec<IndicatorIx> {
    let results = compass.domeinen[d]
        .ambities
        .iter()
        .flat_map(|a| &a.resultaten);
    let mut chain: Vec<IndicatorIx> = Vec::new();
    for &i in results.flat_map(|&r| &compass.resultaten[r].indicatoren) {
        if !chain.contains(&i) {
            chain.push(i);
        }
    }
    chain
}

/// A domain's context figures that none of its results judges: context
/// goes unjudged, and a figure a result judges is shown there.
fn context(compass: &Compass, d: usize, chain: &[IndicatorIx]) -> Vec<IndicatorIx> {
    let mut context: Vec<IndicatorIx> = Vec::new();
    for &i in &compass.domeinen[d].context {
        if !chain.contains(&i) && !context.contains(&i) {
            context.push(i);
        }
    }
    context
}

impl Facts {
    /// The facts of one indicator.
    pub fn indicator(&self, ix: IndicatorIx) -> &IndicatorFacts {
        &self.indicatoren[ix]
    }

    /// The judgement of one result.
    pub fn resultaat(&self, ix: ResultaatIx) -> Judgement {
        self.resultaten[ix]
    }
}

fn indicator(compass: &Compass, report: &Report, ix: IndicatorIx, area: &str) -> IndicatorFacts {
    let ind = &compass.indicatoren[ix];
    let series = ind.series(area).unwrap_or(&[]);
    let (now, before) = (report.periode, report.vorige_periode);
    let figure = |series: &[Point], at: Period| aggregate::figure(series, ind.aggregatie, at);
    // An area edition judges the area from where it started: its own value
    // at the nulmeting's period (FORMAT.md section 7), towards the common
    // streefwaarde; the gemeente is its benchmark.
    let edition = report.gebied.is_some();
    let nulmeting = match &ind.nulmeting {
        Some(n) if edition => series.iter().find(|p| p.periode == n.periode).cloned(),
        other => other.clone(),
    };
    let judge = |at: Period| {
        let base = Base {
            point: nulmeting.as_ref(),
            missing: ind.nulmeting.is_some() && nulmeting.is_none(),
        };
        judgement(compass, ix, series, base, at)
    };
    // The previous figure is of the same length as the report's: for a
    // quarterly letter against the year before, that year's last quarter.
    let before = if before.granularity() < now.granularity() {
        before.enclosing(now.granularity())
    } else {
        before
    };
    let waarde = figure(series, now);
    let vorige = figure(series, before);
    let beweging = match (&vorige, &waarde) {
        (Some(a), Some(b)) if a.periode != b.periode => Some(ind.movement(a.waarde, b.waarde)),
        _ => None,
    };
    let sinds = waarde.as_ref().and_then(|w| {
        let before = figure(series, w.periode.previous())?;
        let moved = ind.movement(before.waarde, w.waarde);
        Some((before, moved))
    });
    let up_to = |s: &[Point]| -> Vec<Point> {
        s.iter()
            .filter(|p| p.periode.ends_by(now))
            .cloned()
            .collect()
    };
    let drawn = |s: &[Point]| aggregate::drawn(s, ind.aggregatie, now);
    let drawn_series = drawn(series);
    let benchmark = if edition {
        Some(compass.gemeente.naam.as_str())
    } else {
        compass.benchmark(ind)
    };
    let benchmark_series = benchmark.and_then(|b| ind.series(b)).unwrap_or(&[]);
    let vergelijking = benchmark.and_then(|b| {
        let fig = figure(ind.series(b)?, now)?;
        Some((b.to_owned(), fig))
    });
    let mut wijken: Vec<WijkFacts> = ind
        .series
        .iter()
        .filter(|(a, _)| compass.is_wijk(ind, a) && a != area)
        .filter_map(|(a, s)| {
            Some(WijkFacts {
                gebied: a.clone(),
                waarde: figure(s, now)?,
                vorige: figure(s, before),
                rol: WijkRol::Wijk,
            })
        })
        .collect();
    if !wijken.is_empty()
        && let Some(w) = &waarde
    {
        wijken.push(WijkFacts {
            gebied: area.to_owned(),
            waarde: *w,
            vorige,
            rol: WijkRol::Eigen,
        });
    }
    // An edition's table has the gemeente as a whole beside its wijken.
    if edition
        && !wijken.is_empty()
        && let Some(s) = ind.series(&compass.gemeente.naam)
        && let Some(w) = figure(s, now)
    {
        wijken.push(WijkFacts {
            gebied: compass.gemeente.naam.clone(),
            waarde: w,
            vorige: figure(s, before),
            rol: WijkRol::Gemeente,
        });
    }
    // Best first: the direction decides what is best; stable for ties.
    wijken.sort_by(|a, b| ind.richting.best_first(a.waarde.waarde, b.waarde.waarde));
    IndicatorFacts {
        verouderd: waarde.as_ref().is_some_and(|w| w.periode.is_stale_at(now)),
        oordeel: judge(now),
        vorig_oordeel: judge(before),
        waarde,
        vorige,
        beweging,
        sinds,
        grafiek: Grafiek {
            doelen: [&nulmeting, &ind.streefwaarde]
                .into_iter()
                .flatten()
                .all(|t| aggregate::of_a_kind(t, &drawn_series, ind.aggregatie)),
            reeks: drawn_series,
            vergelijking: drawn(benchmark_series),
        },
        nulmeting: nulmeting.clone(),
        streefwaarde: ind.streefwaarde.clone(),
        vergelijking_reeks: up_to(benchmark_series),
        vergelijking,
        wijken,
        reeks: up_to(series),
    }
}

/// The status of an indicator in a report on `at` (FORMAT.md section 5).
/// It rests on the latest value at or before `at`; for a `som` or
/// `gemiddelde` indicator whose targets are written for longer periods
/// than its values (a yearly target for quarterly counts), on the total
/// or mean over such a period, and a total only once its period is
/// complete.
/// The nulmeting a series is judged from, and whether the indicator has one
/// that this series lacks (an area without a value at its period).
struct Base<'a> {
    point: Option<&'a Point>,
    missing: bool,
}

fn judgement(
    compass: &Compass,
    ix: IndicatorIx,
    series: &[Point],
    base: Base<'_>,
    at: Period,
) -> Judgement {
    let ind = &compass.indicatoren[ix];
    let none = Judgement::bare;
    let target = ind.streefwaarde.as_ref().or(ind.nulmeting.as_ref());
    let length = match target {
        // A followed indicator is not judged: its status rests on the
        // figure the report shows, such as a year's total.
        _ if ind.is_followed() => at.granularity(),
        Some(t) if t.periode.granularity() < ind.frequentie => t.periode.granularity(),
        _ => ind.frequentie,
    };
    let Some(figure) = aggregate::over(series, ind.aggregatie, length, at) else {
        return none(Status::GeenGegevens);
    };
    let periode = Some(figure.periode);
    let verouderd = figure.periode.is_stale_at(at);
    let incomplete_total = figure
        .aggregaat
        .as_ref()
        .is_some_and(|a| !a.compleet && a.aggregatie == crate::model::Aggregatie::Som);
    // A judgement needs a recent figure: an old one says nothing about
    // how things stand now, however good it was.
    let status = match ind.judge(&figure.as_point(), base.point) {
        s if s.is_judged() && (incomplete_total || base.missing) => Status::NogNietTeBeoordelen,
        s if s.is_judged() && verouderd => Status::Verouderd,
        s => s,
    };
    Judgement {
        status,
        periode,
        verouderd,
        figuur: Some(figure),
        partial: None,
    }
}

/// A result's judgement: the worst of its indicators', resting on the
/// value of the indicator that decided it.
fn result(indicatoren: &[IndicatorFacts], ixs: &[IndicatorIx]) -> Judgement {
    let judgements: Vec<Judgement> = ixs.iter().map(|&i| indicatoren[i].oordeel).collect();
    let (status, decided_by) = status::worst(judgements.iter().map(|j| j.status));
    let judged = judgements.iter().filter(|j| j.status.is_judged()).count();
    let missing = judgements
        .iter()
        .filter(|j| j.status.awaits_judgement())
        .count();
    match decided_by {
        Some(i) => Judgement {
            status,
            partial: (status.is_judged() && missing > 0).then_some((judged, judged + missing)),
            ..judgements[i]
        },
        None => Judgement::bare(status),
    }
}
