//! Builds the sections of a [`ReportView`] from the model.

use super::chart::{self, Bar, Trend};
use super::format::{self, euro, euro_difference, with_unit};
use super::text::{Figures, Texts};
use super::*;
use crate::load::Loc;
use crate::model::{Budget, Indicator, IndicatorIx, Point, ResultaatSoort, Richting, Taal};
use crate::period::Period;

/// Shared state while building one report's view.
struct Builder<'a> {
    compass: &'a Compass,
    report: &'a Report,
    sources: &'a Sources,
    labels: Labels,
    texts: Texts,
    charts: Vec<(String, String)>,
    problems: Vec<Diagnostic>,
}

pub(super) fn build(
    compass: &Compass,
    report: &Report,
    sources: &Sources,
) -> Result<ReportView, Vec<Diagnostic>> {
    let labels = Labels::for_language(compass.taal);
    let texts = Texts::new(
        figures(compass, report, &labels),
        &compass.gemeente.naam,
        &report.periode.to_string(),
    );
    let mut b = Builder {
        compass,
        report,
        sources,
        labels,
        texts,
        charts: Vec::new(),
        problems: Vec::new(),
    };
    let domeinen: Vec<DomeinView> = report.domeinen.iter().map(|&d| b.domein(d)).collect();
    let overzicht = b.overzicht();
    let wijzigingen = (report.kind == ReportKind::Kwartaalrapportage).then(|| b.wijzigingen());
    let verantwoording = b.verantwoording();
    let inleiding = b.text(report.inleiding.as_ref());
    let antwoord = b.text(report.antwoord.as_ref());
    let motie = report.motie.as_ref().map(|m| MotieView {
        nummer: m.nummer.clone(),
        titel: m.titel.clone(),
        datum: format::date(m.datum, &b.labels),
        verzoek: super::text::paragraphs(&m.verzoek),
    });
    if !b.problems.is_empty() {
        return Err(b.problems);
    }
    let datum = report.datum;
    Ok(ReportView {
        versie: DATA_VERSION,
        soort: ReportView::kind_key(report.kind),
        soort_naam: b.labels.kind(report.kind),
        gemeente: compass.gemeente.naam.clone(),
        titel: report.titel.clone(),
        periode: report.periode.to_string(),
        vorige_periode: report.vorige_periode.to_string(),
        datum: format::date(datum, &b.labels),
        kleur: compass
            .huisstijl
            .kleur
            .clone()
            .unwrap_or_else(|| "#1d3557".into()),
        logo: compass.huisstijl.logo.as_ref().map(|l| l.value.clone()),
        inleiding,
        motie,
        antwoord,
        overzicht,
        wijzigingen,
        domeinen,
        verantwoording,
        meta: Meta {
            titel: report.titel.clone(),
            auteur: format!("Gemeente {}", compass.gemeente.naam),
            taal: match compass.taal {
                Taal::Nl => "nl",
                Taal::En => "en",
            },
            jaar: chrono::Datelike::year(&datum),
            maand: chrono::Datelike::month(&datum),
            dag: chrono::Datelike::day(&datum),
        },
        labels: b.labels,
        charts: b.charts,
    })
}

/// The live figures placeholders can quote.
fn figures(compass: &Compass, report: &Report, labels: &Labels) -> Figures {
    let mut f = Figures::default();
    let area = &compass.gemeente.naam;
    for ind in &compass.indicatoren {
        let unit = |p: &Point| with_unit(p.waarde, ind.decimalen, ind.eenheid.as_deref());
        if let Some(p) = ind.latest(area, report.periode) {
            f.waarde.insert(ind.id.clone(), unit(p));
            f.periode.insert(ind.id.clone(), p.periode.to_string());
        }
        f.status.insert(
            ind.id.clone(),
            labels.status(ind.status(area, report.periode)).into(),
        );
        if let Some(p) = &ind.nulmeting {
            f.nulmeting.insert(ind.id.clone(), unit(p));
        }
        if let Some(p) = &ind.streefwaarde {
            f.streefwaarde.insert(ind.id.clone(), unit(p));
        }
        if let Some(p) = compass
            .benchmark(ind)
            .and_then(|v| ind.latest(v, report.periode))
        {
            f.vergelijking.insert(ind.id.clone(), unit(p));
        }
    }
    for res in &compass.resultaten {
        let status = compass.result_status(res, report.periode);
        f.status
            .insert(res.id.clone(), labels.status(status).into());
    }
    f
}

impl Builder<'_> {
    fn status(&self, status: Status) -> StatusView {
        StatusView {
            sleutel: status,
            tekst: self.labels.status(status),
        }
    }

    /// A free text's paragraphs, recording a placeholder problem.
    fn text(&mut self, text: Option<&Loc<String>>) -> Vec<String> {
        let Some(text) = text else {
            return Vec::new();
        };
        match self.texts.paragraphs(text, self.sources) {
            Ok(p) => p,
            Err(d) => {
                self.problems.push(d);
                Vec::new()
            }
        }
    }

    fn domein(&mut self, d: usize) -> DomeinView {
        let c = self.compass;
        let dom = &c.domeinen[d];
        let monitoring = self.text(dom.monitoring.as_ref());
        let context = dom.context.iter().map(|&i| self.indicator(i)).collect();
        let ambities = dom
            .ambities
            .iter()
            .map(|amb| AmbitieView {
                tekst: format!("{} {}", self.labels.we_willen_dat, amb.tekst),
                resultaten: amb.resultaten.iter().map(|&r| self.resultaat(r)).collect(),
            })
            .collect();
        let acts: Vec<usize> = (0..c.activiteiten.len())
            .filter(|&a| c.activiteiten[a].domein == d)
            .collect();
        let activiteiten = acts.iter().map(|&a| self.activiteit(a)).collect();
        let rijen: Vec<KostenRij> = acts
            .iter()
            .filter_map(|&a| {
                let act = &c.activiteiten[a];
                self.budget(&act.budget).map(|budget| KostenRij {
                    naam: act.naam.clone(),
                    budget,
                })
            })
            .collect();
        let year = self.report.periode.year();
        let budgets: Vec<Budget> = acts
            .iter()
            .filter_map(|&a| {
                c.activiteiten[a]
                    .budget
                    .iter()
                    .find(|(p, _)| p.year() == year)
                    .map(|(_, b)| *b)
            })
            .collect();
        let totaal = (!budgets.is_empty()).then(|| {
            let begroot = budgets.iter().map(|b| b.begroot).sum();
            let werkelijk = budgets.iter().map(|b| b.werkelijk).sum::<Option<f64>>();
            self.budget_view(year, Budget { begroot, werkelijk })
        });
        DomeinView {
            id: dom.id.clone(),
            naam: dom.naam.clone(),
            monitoring,
            context,
            ambities,
            activiteiten,
            kosten: Kosten { rijen, totaal },
        }
    }

    fn resultaat(&mut self, r: usize) -> ResultaatView {
        let res = &self.compass.resultaten[r];
        let kop = match res.horizon {
            Some(h) => format!(
                "{} {h} {} {}",
                self.labels.in_horizon, self.labels.willen_we_dat, res.tekst
            ),
            None => format!("{} {}", self.labels.we_willen_dat, res.tekst),
        };
        ResultaatView {
            id: res.id.clone(),
            kop,
            soort: self.labels.soort(res.soort),
            status: self.status(self.compass.result_status(res, self.report.periode)),
            indicatoren: res.indicatoren.iter().map(|&i| self.indicator(i)).collect(),
        }
    }

    fn indicator(&mut self, ix: IndicatorIx) -> IndicatorView {
        let c = self.compass;
        let period = self.report.periode;
        let ind = &c.indicatoren[ix];
        let area = &c.gemeente.naam;
        let unit = |p: &Point| with_unit(p.waarde, ind.decimalen, ind.eenheid.as_deref());
        let dated = |p: &Point| format!("{} ({})", unit(p), p.periode);
        let latest = ind.latest(area, period);
        let up_to = |series: Option<&[Point]>| -> Vec<Point> {
            series
                .unwrap_or(&[])
                .iter()
                .filter(|p| p.periode.ends_by(period))
                .cloned()
                .collect()
        };
        let points = up_to(ind.series(area));
        let bench_name = c.benchmark(ind);
        let bench = bench_name.map(|b| up_to(ind.series(b))).unwrap_or_default();
        let grafiek = chart::trend(
            &Trend {
                area,
                points: &points,
                benchmark: bench_name
                    .filter(|_| !bench.is_empty())
                    .map(|n| (n, bench.as_slice())),
                nulmeting: ind.nulmeting.as_ref(),
                streefwaarde: ind.streefwaarde.as_ref(),
                decimals: ind.decimalen,
            },
            &self.labels,
        )
        .map(|ch| self.add_chart(&format!("trend-{}", ind.id), ch));
        let vergelijking = bench_name.and_then(|b| {
            let p = ind.latest(b, period)?;
            Some(format!("{b}: {}", dated(p)))
        });
        let toelichting = self.report.toelichting.get(&ind.id).cloned();
        IndicatorView {
            id: ind.id.clone(),
            naam: ind.naam.clone(),
            waarde: latest.map(unit),
            meting: latest.map(|p| format!("{} {}", self.labels.meting, p.periode)),
            verouderd: latest.is_some_and(|p| is_older(p.periode, period, ind)),
            cbs: latest.and_then(|p| p.cbs).map(|s| self.labels.cbs(s)),
            nulmeting: ind.nulmeting.as_ref().map(dated),
            streefwaarde: ind.streefwaarde.as_ref().map(dated),
            vergelijking,
            status: self.status(ind.status(area, period)),
            bron: ind.bron.clone(),
            toelichting: self.text(toelichting.as_ref()),
            grafiek,
            wijken: self.wijken(ind),
        }
    }

    /// Values per wijk: areas that are neither the gemeente nor its benchmark.
    fn wijken(&mut self, ind: &Indicator) -> Option<WijkTabel> {
        let c = self.compass;
        let period = self.report.periode;
        let mut rows: Vec<(f64, WijkRij)> = ind
            .series
            .iter()
            .filter(|(a, _)| c.is_wijk(ind, a))
            .filter_map(|(a, _)| {
                let p = ind.latest(a, period)?;
                Some((p.waarde, self.wijk_row(ind, a, p, false)))
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        if let Some(p) = ind.latest(&c.gemeente.naam, period) {
            rows.push((p.waarde, self.wijk_row(ind, &c.gemeente.naam, p, true)));
        }
        // Best first: the direction of the indicator decides what is best.
        rows.sort_by(|a, b| match ind.richting {
            Richting::LagerIsBeter => a.0.total_cmp(&b.0),
            _ => b.0.total_cmp(&a.0),
        });
        let bars: Vec<Bar> = rows
            .iter()
            .map(|(v, r)| Bar {
                label: r.gebied.clone(),
                value: *v,
                shown: r.waarde.clone(),
                whole: r.gemeente,
            })
            .collect();
        let grafiek = chart::bars(
            &bars,
            &format!("{} {}", ind.naam, self.labels.wijken.to_lowercase()),
        )
        .map(|ch| self.add_chart(&format!("wijken-{}", ind.id), ch));
        Some(WijkTabel {
            rijen: rows.into_iter().map(|(_, r)| r).collect(),
            grafiek,
        })
    }

    fn wijk_row(&self, ind: &Indicator, area: &str, p: &Point, whole: bool) -> WijkRij {
        WijkRij {
            gebied: area.to_owned(),
            waarde: with_unit(p.waarde, ind.decimalen, ind.eenheid.as_deref()),
            periode: p.periode.to_string(),
            gemeente: whole,
        }
    }

    fn add_chart(&mut self, name: &str, chart: chart::Chart) -> ChartRef {
        let bestand = format!("/grafiek/{name}.svg");
        self.charts.push((bestand.clone(), chart.svg));
        ChartRef {
            bestand,
            alt: chart.alt,
        }
    }

    fn activiteit(&mut self, a: usize) -> ActiviteitView {
        let c = self.compass;
        let act = &c.activiteiten[a];
        let draagt_bij_aan = act
            .draagt_bij_aan
            .iter()
            .map(|&r| {
                let res = &c.resultaten[r];
                let dom = &c.domeinen[res.domein];
                match res.soort {
                    ResultaatSoort::Inhoudelijk => format!("{} ({})", res.tekst, dom.naam),
                    s => format!(
                        "{} ({}, {})",
                        res.tekst,
                        dom.naam,
                        self.labels.soort(s).unwrap_or("")
                    ),
                }
            })
            .collect();
        let toelichting = self.report.toelichting.get(&act.id).cloned();
        ActiviteitView {
            id: act.id.clone(),
            naam: act.naam.clone(),
            uitvoerders: act.uitvoerders.clone(),
            draagt_bij_aan,
            kwaliteit: act.kwaliteit.clone(),
            output: act.output.iter().map(|&i| self.indicator(i)).collect(),
            outcome: act.outcome.iter().map(|&i| self.indicator(i)).collect(),
            budget: self.budget(&act.budget),
            toelichting: self.text(toelichting.as_ref()),
            verbeterpunten: act
                .verbeterpunten
                .iter()
                .map(|v| VerbeterpuntView {
                    tekst: v.tekst.clone(),
                    eigenaar: v.eigenaar.clone().unwrap_or_else(|| "-".into()),
                    gereed: v.gereed.map_or_else(|| "-".into(), |g| g.to_string()),
                    status: self.labels.verbeter(v.status),
                })
                .collect(),
        }
    }

    /// The budget of the report's year, if there is one.
    fn budget(&self, budget: &[(Period, Budget)]) -> Option<BudgetView> {
        let year = self.report.periode.year();
        budget
            .iter()
            .find(|(p, _)| p.year() == year)
            .map(|(_, b)| self.budget_view(year, *b))
    }

    fn budget_view(&self, year: i32, b: Budget) -> BudgetView {
        BudgetView {
            jaar: year.to_string(),
            begroot: euro(b.begroot),
            werkelijk: b.werkelijk.map_or_else(|| "-".into(), euro),
            verschil: b
                .werkelijk
                .map_or_else(|| "-".into(), |w| euro_difference(w - b.begroot)),
        }
    }

    fn overzicht(&self) -> Vec<OverzichtDomein> {
        let c = self.compass;
        self.report
            .domeinen
            .iter()
            .map(|&d| {
                let dom = &c.domeinen[d];
                let resultaten: Vec<OverzichtResultaat> = dom
                    .ambities
                    .iter()
                    .flat_map(|a| &a.resultaten)
                    .map(|&r| {
                        let res = &c.resultaten[r];
                        OverzichtResultaat {
                            tekst: res.tekst.clone(),
                            status: self.status(c.result_status(res, self.report.periode)),
                        }
                    })
                    .collect();
                let tellingen = Status::ALL
                    .iter()
                    .map(|&s| Telling {
                        status: self.status(s),
                        aantal: resultaten.iter().filter(|r| r.status.sleutel == s).count(),
                    })
                    .collect();
                OverzichtDomein {
                    naam: dom.naam.clone(),
                    resultaten,
                    tellingen,
                }
            })
            .collect()
    }

    fn wijzigingen(&self) -> Wijzigingen {
        let c = self.compass;
        let area = &c.gemeente.naam;
        let (now, before) = (self.report.periode, self.report.vorige_periode);
        let mut w = Wijzigingen {
            nieuwe_metingen: Vec::new(),
            statuswijzigingen: Vec::new(),
            tegen_richting: Vec::new(),
        };
        for ix in c.shown_indicators(&self.report.domeinen) {
            let ind = &c.indicatoren[ix];
            let unit = |p: &Point| with_unit(p.waarde, ind.decimalen, ind.eenheid.as_deref());
            let latest = ind.latest(area, now);
            let previous = ind.latest(area, before);
            if let Some(p) = latest.filter(|p| !p.periode.ends_by(before)) {
                w.nieuwe_metingen.push(format!(
                    "{}: {} ({} {})",
                    ind.naam,
                    unit(p),
                    self.labels.meting,
                    p.periode
                ));
            }
            let (s_now, s_before) = (ind.status(area, now), ind.status(area, before));
            if s_now != s_before {
                w.statuswijzigingen.push(format!(
                    "{}: {} → {}",
                    ind.naam,
                    self.labels.status(s_before),
                    self.labels.status(s_now)
                ));
            }
            if let (Some(a), Some(b)) = (previous, latest) {
                let worse = match ind.richting {
                    Richting::HogerIsBeter => b.waarde < a.waarde,
                    Richting::LagerIsBeter => b.waarde > a.waarde,
                    Richting::Neutraal => false,
                };
                if worse && a.periode != b.periode {
                    w.tegen_richting.push(format!(
                        "{}: {} {} ({}) {} {} ({})",
                        ind.naam,
                        self.labels.van.to_lowercase(),
                        unit(a),
                        a.periode,
                        self.labels.naar,
                        unit(b),
                        b.periode
                    ));
                }
            }
        }
        w
    }

    fn verantwoording(&self) -> Vec<VerantwoordingRij> {
        let c = self.compass;
        let period = self.report.periode;
        c.shown_indicators(&self.report.domeinen)
            .into_iter()
            .map(|ix| {
                let ind = &c.indicatoren[ix];
                let latest = ind.latest(&c.gemeente.naam, period);
                VerantwoordingRij {
                    naam: ind.naam.clone(),
                    definitie: ind.definitie.clone().unwrap_or_else(|| "-".into()),
                    bron: ind.bron.clone().unwrap_or_else(|| "-".into()),
                    frequentie: self.labels.frequentie(ind.frequentie),
                    meting: latest.map_or_else(
                        || self.labels.status(Status::GeenGegevens).into(),
                        |p| p.periode.to_string(),
                    ),
                    cbs: latest
                        .and_then(|p| p.cbs)
                        .map_or_else(|| "-".into(), |s| self.labels.cbs(s).into()),
                    verouderd: latest.is_some_and(|p| is_older(p.periode, period, ind)),
                }
            })
            .collect()
    }
}

/// Whether a figure is from before the report period (in the indicator's own rhythm).
fn is_older(value: Period, report: Period, ind: &Indicator) -> bool {
    value.last_month() < report.enclosing(ind.frequentie).first_month()
}
