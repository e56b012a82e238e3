//! Builds the sections of a [`ReportView`] from the report's facts.

use super::chart::{self, Trend};
use super::format::{self, euro, with_unit};
use super::text::{Figures, Texts};
use super::*;
use crate::facts::{Figure, IndicatorFacts, Judgement};
use crate::load::Loc;
use crate::model::{Budget, Indicator, IndicatorIx, Movement, ResultaatSoort, Taal};
use crate::period::Period;

/// Shared state while building one report's view.
pub(super) struct Builder<'a> {
    pub(super) compass: &'a Compass,
    pub(super) report: &'a Report,
    pub(super) facts: &'a Facts,
    sources: &'a Sources,
    pub(super) labels: Labels,
    texts: Texts,
    charts: Vec<(String, String)>,
    problems: Vec<Diagnostic>,
    /// Indicators already shown in full, to refer to the second time.
    shown: Vec<IndicatorIx>,
}

pub(super) fn build(
    compass: &Compass,
    report: &Report,
    facts: &Facts,
    sources: &Sources,
) -> Result<ReportView, Vec<Diagnostic>> {
    let labels = Labels::for_language(compass.taal);
    let texts = Texts::new(
        figures(compass, facts, &labels),
        &compass.gemeente.naam,
        &format::period(labels.lang, report.periode),
        report.gebied.as_deref(),
    );
    let mut b = Builder {
        compass,
        report,
        facts,
        sources,
        labels,
        texts,
        charts: Vec::new(),
        problems: Vec::new(),
        shown: Vec::new(),
    };
    let domeinen: Vec<DomeinView> = facts.domeinen.iter().map(|d| b.domein(d)).collect();
    let overzicht = b.overzicht();
    let wijzigingen = (report.kind == ReportKind::Kwartaalrapportage).then(|| b.wijzigingen());
    let verantwoording = b.verantwoording();
    let kosten = (report.kind == ReportKind::Jaarverslag)
        .then(|| b.kosten())
        .flatten();
    let inleiding = b.text(report.inleiding.as_ref());
    let antwoord = b.text(report.antwoord.as_ref());
    let lang = b.labels.lang;
    let motie = report.motie.as_ref().map(|m| MotieView {
        nummer: m.nummer.clone(),
        titel: m.titel.clone(),
        datum: format::date(lang, m.datum),
        verzoek: super::text::paragraphs(&m.verzoek),
        afdoening: m.afdoening.map(|a| b.labels.afdoening(a)),
        afbakening: afbakening(compass, report, &b.labels),
    });
    let brief = (report.kind == ReportKind::Kwartaalrapportage).then(|| {
        let college = &compass.gemeente.college;
        let ondertekening = [
            (b.labels.de_secretaris, &college.secretaris),
            (b.labels.de_burgemeester, &college.burgemeester),
        ]
        .into_iter()
        .filter_map(|(role, name)| Some((role, name.clone()?)))
        .collect();
        Brief {
            afzender: format!("{} {}", b.labels.college_van, compass.gemeente.naam),
            kenmerk: report.kenmerk.clone(),
            contactpersoon: report.contactpersoon.clone(),
            aanhef: b.labels.aanhef,
            slot: b.labels.slot,
            ondertekening,
        }
    });
    if !b.problems.is_empty() {
        return Err(b.problems);
    }
    let datum = report.datum;
    let titel = match &report.gebied {
        Some(area) => format!("{} – {area}", report.titel),
        None => report.titel.clone(),
    };
    Ok(ReportView {
        versie: DATA_VERSION,
        soort: ReportView::kind_key(report.kind),
        soort_naam: b.labels.kind(report.kind),
        gemeente: compass.gemeente.naam.clone(),
        gebied: report.gebied.clone(),
        titel: titel.clone(),
        periode: format::period(lang, report.periode),
        vorige_periode: format::period(lang, report.vorige_periode),
        vergeleken_met: format!(
            "{} {}",
            b.labels.ten_opzichte_van,
            format::the_period(lang, report.vorige_periode)
        ),
        datum: format::date(lang, datum),
        kleur: compass
            .huisstijl
            .kleur
            .clone()
            .unwrap_or_else(|| "#1d3557".into()),
        logo: compass.huisstijl.logo.as_ref().map(|l| l.value.clone()),
        inleiding,
        brief,
        motie,
        antwoord,
        overzicht,
        wijzigingen,
        domeinen,
        verantwoording,
        kosten,
        gemeentebreed: b.gemeentebreed(),
        bijlagen: Vec::new(),
        meta: Meta {
            titel,
            auteur: format!("{} {}", b.labels.gemeente, compass.gemeente.naam),
            taal: b.labels.taal,
            jaar: chrono::Datelike::year(&datum),
            maand: chrono::Datelike::month(&datum),
            dag: chrono::Datelike::day(&datum),
        },
        labels: b.labels,
        charts: b.charts,
    })
}

/// The sentence saying which domains a report covers and which it leaves
/// out, when it leaves any out.
fn afbakening(compass: &Compass, report: &Report, labels: &Labels) -> Option<String> {
    let covered: Vec<&str> = report
        .domeinen
        .iter()
        .map(|&d| compass.domeinen[d].naam.as_str())
        .collect();
    let left_out: Vec<&str> = (0..compass.domeinen.len())
        .filter(|d| !report.domeinen.contains(d))
        .map(|d| compass.domeinen[d].naam.as_str())
        .collect();
    (!left_out.is_empty() && !covered.is_empty()).then(|| labels.afbakening(&covered, &left_out))
}

/// The live figures placeholders can quote, in words.
fn figures(compass: &Compass, facts: &Facts, labels: &Labels) -> Figures {
    let mut f = Figures::default();
    let lang = labels.lang;
    for (ix, ind) in compass.indicatoren.iter().enumerate() {
        let fact = facts.indicator(ix);
        let id = &ind.id;
        let unit = |v: f64| with_unit(lang, v, ind.decimalen, ind.eenheid.as_deref());
        // A figure quoted in a text says when it is not final yet.
        let marked = |w: &Figure| match w.provisional() {
            Some(c) => labels.quoted_provisional(&unit(w.waarde), c),
            None => unit(w.waarde),
        };
        if let Some(w) = &fact.waarde {
            f.waarde.insert(id.clone(), marked(w));
            f.periode
                .insert(id.clone(), figure_period(labels, w, false));
        }
        f.status
            .insert(id.clone(), labels.status(fact.oordeel.status).into());
        f.oordeel
            .insert(id.clone(), status_sentence(labels, fact.oordeel));
        if let Some(p) = &fact.nulmeting {
            f.nulmeting.insert(id.clone(), unit(p.waarde));
        }
        if let Some(p) = &fact.streefwaarde {
            f.streefwaarde.insert(id.clone(), unit(p.waarde));
        }
        if let Some((_, w)) = &fact.vergelijking {
            f.vergelijking.insert(id.clone(), marked(w));
        }
    }
    for (ix, res) in compass.resultaten.iter().enumerate() {
        let judged = facts.resultaat(ix);
        f.status
            .insert(res.id.clone(), labels.status(judged.status).into());
        f.oordeel
            .insert(res.id.clone(), status_sentence(labels, judged));
    }
    f
}

/// A judgement as a verb phrase with the period it rests on: "vraagt
/// aandacht (2017)".
fn status_sentence(labels: &Labels, j: Judgement) -> String {
    with_basis(labels, labels.status_zin(j.status), j)
}

/// ", voorlopig" after a figure that is not final yet, for a line that
/// would otherwise present it as settled; else nothing.
fn provisional_note(labels: &Labels, fig: &Figure) -> String {
    fig.provisional()
        .map_or(String::new(), |c| format!(", {}", labels.cbs(c)))
}

/// Status words with what they rest on in brackets ("vraagt aandacht
/// (2017, voorlopig)"), see [`basis`].
fn with_basis(labels: &Labels, words: &str, j: Judgement) -> String {
    match basis(labels, j) {
        Some(b) => format!("{words} ({b})"),
        None => words.to_owned(),
    }
}

/// What a status rests on, for the brackets after it: the value's period,
/// whether that value is outdated or not final yet,
/// and for a result judged on part of its indicators on how many: "2017,
/// voorlopig", "2014, verouderd", "2016, 1 van 2 beoordeeld". `None`
/// without a value.
fn basis(labels: &Labels, j: Judgement) -> Option<String> {
    let mut text = format::period(labels.lang, j.periode?);
    // The status `verouderd` says so itself.
    if j.verouderd && j.status != Status::Verouderd {
        text.push_str(&format!(", {}", labels.verouderd));
    }
    if let Some(f) = j.figuur {
        text.push_str(&provisional_note(labels, &f));
    }
    if let Some((judged, of)) = j.partial {
        text.push_str(&format!(", {}", labels.rests_on(judged, of)));
    }
    Some(text)
}

/// The period a figure stands for, in words: `2016`, "vierde kwartaal
/// 2017"; for an aggregate "totaal 2017" or, when its period is not
/// complete, "totaal eerste t/m derde kwartaal 2017". With `measured`,
/// a measured period reads "meting 2016".
pub(super) fn figure_period(labels: &Labels, fig: &Figure, measured: bool) -> String {
    let lang = labels.lang;
    match &fig.aggregaat {
        Some(a) => {
            let covers = if a.compleet {
                format::period(lang, fig.periode)
            } else {
                format::period_range(lang, a.van, a.tot_en_met)
            };
            format!("{} {covers}", labels.aggregaat(a.aggregatie))
        }
        None if measured => format!("{} {}", labels.meting, format::period(lang, fig.periode)),
        None => format::period(lang, fig.periode),
    }
}

impl Builder<'_> {
    pub(super) fn lang(&self) -> Taal {
        self.labels.lang
    }

    /// [`provisional_note`] in the report's language.
    pub(super) fn provisional(&self, fig: &Figure) -> String {
        provisional_note(&self.labels, fig)
    }

    pub(super) fn status(&self, j: Judgement) -> StatusView {
        StatusView {
            sleutel: j.status,
            tekst: self.labels.status(j.status),
            periode: j.periode.map(|p| format::period(self.lang(), p)),
            // The status `verouderd` says so itself.
            verouderd: j.verouderd && j.status != Status::Verouderd,
            deels: j
                .partial
                .map(|(judged, of)| self.labels.rests_on(judged, of)),
            cijfer: j
                .figuur
                .and_then(|f| f.provisional())
                .map(|c| self.labels.cbs(c)),
            grond: basis(&self.labels, j),
        }
    }

    /// The figure a status rests on, when it is not the one shown:
    /// "oordeel over totaal 2017: 34 aanmeldingen".
    pub(super) fn judged_on(&self, ind: &Indicator, fact: &IndicatorFacts) -> Option<String> {
        // A followed indicator is not judged on any figure.
        let status = fact.oordeel.status;
        if !(status.is_judged() || status == Status::NogNietTeBeoordelen) {
            return None;
        }
        let judged = fact.oordeel.figuur?;
        let shown = fact.waarde?;
        (judged.periode != shown.periode).then(|| {
            format!(
                "{} {}: {}{}",
                self.labels.oordeel_over,
                figure_period(&self.labels, &judged, false),
                self.unit(ind, judged.waarde),
                self.provisional(&judged)
            )
        })
    }

    /// A value of an indicator with its unit.
    pub(super) fn unit(&self, ind: &Indicator, value: f64) -> String {
        with_unit(self.lang(), value, ind.decimalen, ind.eenheid.as_deref())
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

    fn domein(&mut self, d: &crate::facts::DomeinFacts) -> DomeinView {
        let c = self.compass;
        let dom = &c.domeinen[d.domein];
        let monitoring = self.text(dom.monitoring.as_ref());
        let context = d.context.iter().map(|&i| self.indicator(i)).collect();
        let ambities = dom
            .ambities
            .iter()
            .map(|amb| AmbitieView {
                tekst: self.labels.ambitie_zin(&amb.tekst),
                resultaten: amb.resultaten.iter().map(|&r| self.resultaat(r)).collect(),
            })
            .collect();
        let activiteiten = d.activiteiten.iter().map(|&a| self.activiteit(a)).collect();
        let year = self.report.periode.year();
        let rijen = d
            .budgetten
            .iter()
            .map(|(a, b)| KostenRij {
                naam: c.activiteiten[*a].naam.clone(),
                budget: self.budget_view(year, *b),
            })
            .collect();
        DomeinView {
            id: dom.id.clone(),
            naam: dom.naam.clone(),
            dashboard: self.dashboard(d),
            monitoring,
            context,
            ambities,
            activiteiten,
            kosten: Kosten {
                rijen,
                totaal: d.totaal.map(|t| self.budget_view(year, t)),
            },
            gemeentebreed: self.gemeentebreed(),
        }
    }

    /// In an area edition, the sentence saying that the activities and
    /// costs are the whole gemeente's: the compass does not keep them per
    /// area.
    fn gemeentebreed(&self) -> Option<String> {
        let gebied = self.report.gebied.as_deref()?;
        Some(
            self.labels
                .gemeentebreed(&self.compass.gemeente.naam, gebied),
        )
    }

    /// The costs of each domain and of all together, when more than one
    /// domain has costs.
    fn kosten(&self) -> Option<Kosten> {
        let totaal = self.facts.totaal?;
        let year = self.report.periode.year();
        let rijen = self
            .facts
            .domeinen
            .iter()
            .filter_map(|d| {
                Some(KostenRij {
                    naam: self.compass.domeinen[d.domein].naam.clone(),
                    budget: self.budget_view(year, d.totaal?),
                })
            })
            .collect();
        Some(Kosten {
            rijen,
            totaal: Some(self.budget_view(year, totaal)),
        })
    }

    fn resultaat(&mut self, r: usize) -> ResultaatView {
        let res = &self.compass.resultaten[r];
        let horizon = res.horizon.map(|h| format::period(self.lang(), h));
        let passed = res.horizon.is_some_and(|h| h.ends_by(self.report.periode));
        let kop = self
            .labels
            .resultaat_kop(horizon.as_deref(), passed, &res.tekst);
        ResultaatView {
            id: res.id.clone(),
            kop,
            soort: self.labels.soort(res.soort),
            status: self.status(self.facts.resultaat(r)),
            indicatoren: res.indicatoren.iter().map(|&i| self.indicator(i)).collect(),
        }
    }

    fn indicator(&mut self, ix: IndicatorIx) -> IndicatorView {
        let c = self.compass;
        let ind = &c.indicatoren[ix];
        let fact = self.facts.indicator(ix);
        let lang = self.lang();
        let herhaald = self.shown.contains(&ix);
        self.shown.push(ix);
        let unit = |v: f64| with_unit(lang, v, ind.decimalen, ind.eenheid.as_deref());
        let dated = |v: f64, p: Period| format!("{} ({})", unit(v), format::period(lang, p));
        let grafiek = if herhaald {
            None
        } else {
            chart::trend(&self.trend(ind, fact), &self.labels)
                .map(|ch| self.add_chart(&format!("trend-{}", ind.id), ch))
        };
        let vergelijking = fact.vergelijking.as_ref().map(|(b, w)| {
            format!(
                "{b}: {} ({}{})",
                unit(w.waarde),
                figure_period(&self.labels, w, false),
                self.provisional(w)
            )
        });
        let toelichting = self.report.toelichting.get(&ind.id).cloned();
        let waarde = fact.waarde.as_ref();
        IndicatorView {
            id: ind.id.clone(),
            naam: ind.naam.clone(),
            herhaald,
            waarde: waarde.map(|w| unit(w.waarde)),
            meting: waarde.map(|w| figure_period(&self.labels, w, true)),
            verouderd: fact.verouderd,
            // Only a mark that matters: a final figure needs none.
            cbs: waarde
                .and_then(|w| w.provisional())
                .map(|s| self.labels.cbs(s)),
            nulmeting: fact.nulmeting.as_ref().map(|p| dated(p.waarde, p.periode)),
            streefwaarde: fact
                .streefwaarde
                .as_ref()
                .map(|p| dated(p.waarde, p.periode)),
            vergelijking,
            status: self.status(fact.oordeel),
            oordeel_over: self.judged_on(ind, fact),
            bron: ind.bron.clone(),
            toelichting: if herhaald {
                Vec::new()
            } else {
                self.text(toelichting.as_ref())
            },
            grafiek,
            wijken: if herhaald {
                None
            } else {
                self.wijken(ind, fact)
            },
        }
    }

    /// What a trend chart or sparkline of an indicator shows.
    pub(super) fn trend<'b>(&'b self, ind: &'b Indicator, fact: &'b IndicatorFacts) -> Trend<'b> {
        Trend {
            area: &self.facts.gebied,
            points: &fact.grafiek.reeks,
            benchmark: fact
                .vergelijking
                .as_ref()
                .filter(|_| !fact.grafiek.vergelijking.is_empty())
                .map(|(n, _)| (n.as_str(), fact.grafiek.vergelijking.as_slice())),
            nulmeting: fact.nulmeting.as_ref().filter(|_| fact.grafiek.doelen),
            streefwaarde: fact.streefwaarde.as_ref().filter(|_| fact.grafiek.doelen),
            decimals: ind.decimalen,
            unit: ind.eenheid.as_deref(),
        }
    }

    /// Values per wijk, best first, with the previous value beside each.
    fn wijken(&self, ind: &Indicator, fact: &IndicatorFacts) -> Option<WijkTabel> {
        if fact.wijken.is_empty() {
            return None;
        }
        let lang = self.lang();
        let unit = ind.eenheid.as_deref();
        let shown = |v: f64| format::with_unit_sign(lang, v, ind.decimalen, unit);
        // A previous value only where it is of another period than the value.
        fn vorige(w: &crate::facts::WijkFacts) -> Option<&Figure> {
            w.vorige.as_ref().filter(|v| v.periode != w.waarde.periode)
        }
        let periode = one_period(fact.wijken.iter().map(|w| w.waarde.periode));
        let vorige_periode =
            one_period(fact.wijken.iter().filter_map(|w| Some(vorige(w)?.periode)));
        let values: Vec<f64> = fact.wijken.iter().map(|w| w.waarde.waarde).collect();
        let rijen: Vec<WijkRij> = fact
            .wijken
            .iter()
            .zip(chart::bar_spans(&values))
            .map(|(w, balk)| WijkRij {
                gebied: w.gebied.clone(),
                waarde: shown(w.waarde.waarde),
                periode: periode
                    .is_none()
                    .then(|| format::period_short(lang, w.waarde.periode)),
                vorige: vorige(w).map(|v| shown(v.waarde)),
                vorige_periode: vorige(w)
                    .filter(|_| vorige_periode.is_none())
                    .map(|v| format::period_short(lang, v.periode)),
                rol: w.rol,
                balk,
            })
            .collect();
        // A value with its period reads `3,8 (2015)`.
        let shown_len = |value: Option<&str>, period: Option<&str>| {
            value.map_or(0, |v| v.chars().count()) + period.map_or(0, |p| p.chars().count() + 3)
        };
        let longest = |of: &dyn Fn(&WijkRij) -> usize| rijen.iter().map(of).max().unwrap_or(0);
        let tekens = WijkTekens {
            gebied: longest(&|r| r.gebied.chars().count()),
            waarde: longest(&|r| shown_len(Some(&r.waarde), r.periode.as_deref())),
            vorige: longest(&|r| shown_len(r.vorige.as_deref(), r.vorige_periode.as_deref())),
        };
        Some(WijkTabel {
            tekens,
            eenheid: format::unit_words(unit).map(str::to_owned),
            periode: periode.map(|p| format::period_short(lang, p)),
            vorige_periode: vorige_periode.map(|p| format::period_short(lang, p)),
            vorige: rijen.iter().any(|r| r.vorige.is_some()),
            rijen,
        })
    }

    pub(super) fn add_chart(&mut self, name: &str, chart: chart::Chart) -> ChartRef {
        let bestand = format!("/grafiek/{name}.svg");
        self.charts.push((bestand.clone(), chart.svg));
        ChartRef {
            bestand,
            alt: chart.alt,
            words: chart.words,
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
        let year = self.report.periode.year();
        let budget = self
            .facts
            .domeinen
            .iter()
            .flat_map(|d| &d.budgetten)
            .find(|(ix, _)| *ix == a)
            .map(|(_, b)| self.budget_view(year, *b));
        ActiviteitView {
            id: act.id.clone(),
            naam: act.naam.clone(),
            uitvoerders: act.uitvoerders.clone(),
            draagt_bij_aan,
            kwaliteit: act.kwaliteit.clone(),
            output: act.output.iter().map(|&i| self.indicator(i)).collect(),
            outcome: act.outcome.iter().map(|&i| self.indicator(i)).collect(),
            budget,
            toelichting: self.text(toelichting.as_ref()),
            verbeterpunten: act
                .verbeterpunten
                .iter()
                .map(|v| VerbeterpuntView {
                    tekst: v.tekst.clone(),
                    eigenaar: v.eigenaar.clone().unwrap_or_else(|| format::EMPTY.into()),
                    gereed: v.gereed.map_or_else(
                        || format::EMPTY.into(),
                        |g| format::period_short(self.lang(), g),
                    ),
                    status: self.labels.verbeter(v.status),
                    over_tijd: v.overdue_at(self.report.datum),
                })
                .collect(),
        }
    }

    /// A budget line: the difference as an amount with the BBV's mark,
    /// `V` (voordelig, less spent than budgeted) or `N` (nadelig).
    pub(super) fn budget_view(&self, year: i32, b: Budget) -> BudgetView {
        let lang = self.lang();
        let (voordelig, nadelig) = self.labels.voordelig_nadelig();
        let verschil = b.werkelijk.map_or_else(
            || format::EMPTY.into(),
            |w| {
                let d = b.begroot - w;
                let amount = euro(lang, d.abs());
                if format::number(lang, d, 0) == "0" {
                    amount
                } else if d > 0.0 {
                    format!("{amount}{}{voordelig}", format::NBSP)
                } else {
                    format!("{amount}{}{nadelig}", format::NBSP)
                }
            },
        );
        BudgetView {
            jaar: year.to_string(),
            begroot: euro(lang, b.begroot),
            werkelijk: b
                .werkelijk
                .map_or_else(|| format::EMPTY.into(), |w| euro(lang, w)),
            verschil,
        }
    }

    fn overzicht(&self) -> Vec<OverzichtDomein> {
        let c = self.compass;
        self.facts
            .domeinen
            .iter()
            .map(|d| {
                let dom = &c.domeinen[d.domein];
                let resultaten: Vec<OverzichtResultaat> = dom
                    .ambities
                    .iter()
                    .flat_map(|a| &a.resultaten)
                    .map(|&r| OverzichtResultaat {
                        tekst: c.resultaten[r].tekst.clone(),
                        status: self.status(self.facts.resultaat(r)),
                    })
                    .collect();
                let tellingen = Status::ALL
                    .iter()
                    .map(|&s| Telling {
                        status: self.status(Judgement::bare(s)),
                        aantal: resultaten.iter().filter(|r| r.status.sleutel == s).count(),
                    })
                    // Only the statuses that occur: a row of zeros is noise.
                    .filter(|t| t.aantal > 0)
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
        let lang = self.lang();
        let before = self.facts.vorige_periode;
        let mut w = Wijzigingen {
            nieuwe_metingen: Vec::new(),
            statuswijzigingen: Vec::new(),
            tegen_richting: Vec::new(),
        };
        for &ix in &self.facts.shown {
            let ind = &c.indicatoren[ix];
            let fact = self.facts.indicator(ix);
            if let Some(now) = fact.waarde.as_ref().filter(|f| !f.periode.ends_by(before)) {
                let mark = self.provisional(now);
                w.nieuwe_metingen.push(format!(
                    "{}: {} ({}{mark})",
                    ind.naam,
                    self.unit(ind, now.waarde),
                    figure_period(&self.labels, now, true)
                ));
            }
            let (s_now, s_before) = (fact.oordeel.status, fact.vorig_oordeel.status);
            if s_now != s_before {
                // Each status with the period of the value it rests on.
                let status =
                    |j: Judgement| with_basis(&self.labels, self.labels.status(j.status), j);
                // A status judged on another figure than the one the letter
                // shows (a year's total beside a quarter's count) names that
                // figure, with its period, instead.
                let now = match self.judged_on(ind, fact) {
                    Some(over) => format!("{} ({over})", self.labels.status(s_now)),
                    None => status(fact.oordeel),
                };
                w.statuswijzigingen.push(format!(
                    "{}: {} → {now}",
                    ind.naam,
                    status(fact.vorig_oordeel)
                ));
            }
            if let (Some(Movement::Worse), Some(a), Some(b)) =
                (fact.beweging, &fact.vorige, &fact.waarde)
            {
                w.tegen_richting.push(format!(
                    "{}: {} {} ({}) {} {} ({})",
                    ind.naam,
                    self.labels.van.to_lowercase(),
                    self.unit(ind, a.waarde),
                    format::period(lang, a.periode),
                    self.labels.naar,
                    self.unit(ind, b.waarde),
                    format::period(lang, b.periode)
                ));
            }
        }
        w
    }

    fn verantwoording(&self) -> Vec<VerantwoordingRij> {
        let c = self.compass;
        self.facts
            .shown
            .iter()
            .map(|&ix| {
                let ind = &c.indicatoren[ix];
                let fact = self.facts.indicator(ix);
                let waarde = fact.waarde.as_ref();
                VerantwoordingRij {
                    naam: ind.naam.clone(),
                    definitie: ind
                        .definitie
                        .clone()
                        .unwrap_or_else(|| format::EMPTY.into()),
                    bron: ind.bron.clone().unwrap_or_else(|| format::EMPTY.into()),
                    frequentie: self.labels.frequentie(ind.frequentie),
                    meting: waarde.map_or_else(
                        || self.labels.status(Status::GeenGegevens).into(),
                        |w| {
                            let short = |p| format::period_short(self.lang(), p);
                            match &w.aggregaat {
                                Some(a) if !a.compleet => {
                                    format!("{} – {}", short(a.van), short(a.tot_en_met))
                                }
                                _ => short(w.periode),
                            }
                        },
                    ),
                    cbs: waarde.and_then(|w| w.cbs).map(|s| self.labels.cbs(s)),
                    verouderd: fact.verouderd,
                }
            })
            .collect()
    }
}

/// The one period all of these are of, if there is one.
fn one_period(mut periods: impl Iterator<Item = Period>) -> Option<Period> {
    let first = periods.next()?;
    periods.all(|p| p == first).then_some(first)
}
