//! A domain at a glance: one page with its ambitions and results, a tile
//! per indicator (value and period, sparkline, change, benchmark, status)
//! and a strip of its activities.

use super::chart;
use super::format;
use super::sections::{Builder, figure_period};
use super::*;
use crate::facts::{DomeinFacts, Kop};
use crate::model::{IndicatorIx, Movement};

impl Builder<'_> {
    pub(super) fn dashboard(&mut self, d: &DomeinFacts) -> Dashboard {
        let c = self.compass;
        let dom = &c.domeinen[d.domein];
        let ambities = dom
            .ambities
            .iter()
            .map(|amb| DashboardAmbitie {
                tekst: self.labels.ambitie_zin(&amb.tekst),
                resultaten: amb
                    .resultaten
                    .iter()
                    .map(|&r| OverzichtResultaat {
                        tekst: c.resultaten[r].tekst.clone(),
                        status: self.status(self.facts.resultaat(r)),
                    })
                    .collect(),
            })
            .collect();
        // A tile names the first result it measures, or that it is context.
        let bij = |i: IndicatorIx| {
            dom.ambities
                .iter()
                .flat_map(|a| &a.resultaten)
                .find(|&&r| c.resultaten[r].indicatoren.contains(&i))
                .map_or_else(
                    || self.labels.context.to_owned(),
                    |&r| c.resultaten[r].tekst.clone(),
                )
        };
        let named: Vec<(IndicatorIx, String)> = d.tegels.iter().map(|&i| (i, bij(i))).collect();
        let tegels = named.into_iter().map(|(i, b)| self.tegel(i, b)).collect();
        let activiteiten = d
            .activiteiten
            .iter()
            .zip(&d.koppen)
            .map(|(&a, kop)| self.strook(d, a, *kop))
            .collect();
        Dashboard {
            ambities,
            tegels,
            activiteiten,
            budget_kop: self.labels.budget_in(self.report.periode.year()),
        }
    }

    fn tegel(&mut self, ix: IndicatorIx, bij: String) -> Tegel {
        let ind = &self.compass.indicatoren[ix];
        let fact = self.facts.indicator(ix);
        let lang = self.lang();
        // The change since the measurement before: better or worse for a
        // judged indicator, only risen or fallen for a followed one.
        let verandering = fact.sinds.as_ref().map(|(before, moved)| {
            let diff = fact.waarde.as_ref().map_or(0.0, |w| w.waarde) - before.waarde;
            let amount = format::change(lang, diff, ind.decimalen, ind.eenheid.as_deref());
            let word = match moved {
                Movement::Better => self.labels.beter,
                Movement::Worse => self.labels.slechter,
                Movement::Same => self.labels.gelijk,
                Movement::Unjudged if diff > 0.0 => self.labels.gestegen,
                Movement::Unjudged => self.labels.gedaald,
            };
            format!(
                "{amount} {} {}: {word}",
                self.labels.sinds,
                figure_period(&self.labels, before, false)
            )
        });
        let sparkline = chart::sparkline(&self.trend(ind, fact), &self.labels)
            .map(|ch| self.add_chart(&format!("spark-{}", ind.id), ch));
        Tegel {
            id: ind.id.clone(),
            naam: ind.naam.clone(),
            bij,
            waarde: fact.waarde.as_ref().map(|w| self.unit(ind, w.waarde)),
            periode: fact
                .waarde
                .as_ref()
                .map(|w| figure_period(&self.labels, w, false) + &self.provisional(w)),
            verouderd: fact.verouderd,
            verandering,
            streefwaarde: fact.streefwaarde.as_ref().map(|p| {
                format!(
                    "{} {}",
                    self.unit(ind, p.waarde),
                    format::in_period(lang, p.periode)
                )
            }),
            vergelijking: fact
                .vergelijking
                .as_ref()
                // "Vergelijking: 35,5 per 1.000 inwoners (Nederland, 2017)",
                // not two colons in a row.
                .map(|(area, w)| {
                    format!(
                        "{} ({area}, {}{})",
                        self.unit(ind, w.waarde),
                        figure_period(&self.labels, w, false),
                        self.provisional(w)
                    )
                }),
            status: self.status(fact.oordeel),
            oordeel_over: self.judged_on(ind, fact),
            sparkline,
        }
    }

    /// An activity's line: its headline output and outcome figure, and
    /// the share of its budget spent.
    fn strook(&self, d: &DomeinFacts, a: usize, kop: Kop) -> ActiviteitStrook {
        let act = &self.compass.activiteiten[a];
        let headline = |i: Option<IndicatorIx>| {
            let i = i?;
            let ind = &self.compass.indicatoren[i];
            let w = self.facts.indicator(i).waarde.as_ref()?;
            Some(format!(
                "{}: {} ({}{})",
                ind.naam,
                self.unit(ind, w.waarde),
                figure_period(&self.labels, w, false),
                self.provisional(w)
            ))
        };
        let lang = self.lang();
        let budget = d.budgetten.iter().find(|(ix, _)| *ix == a).map(|(_, b)| {
            let begroot = format::euro(lang, b.begroot);
            match b.werkelijk {
                Some(w) if b.begroot > 0.0 => format!(
                    "{} {} {begroot} ({}%)",
                    format::euro(lang, w),
                    self.labels.van_begroot,
                    format::number(lang, 100.0 * w / b.begroot, 0)
                ),
                _ => format!("{} {begroot}", self.labels.begroot),
            }
        });
        ActiviteitStrook {
            naam: act.naam.clone(),
            output: headline(kop.output),
            outcome: headline(kop.outcome),
            budget,
        }
    }
}
