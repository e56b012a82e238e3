//! The open-data twin of a report (`--format csv`, `--format json`):
//! every figure the report shows, as numbers, with its period, status,
//! nulmeting, streefwaarde, benchmark, source, CBS status and the chain it
//! belongs to. Written from the facts, never from the formatted view.
//!
//! The CSV is what Dutch Excel opens as it is (`;`, decimal comma, UTF-8
//! with BOM), and kompas reads it back as values: rows whose `soort` is
//! `meting` are measured values; the other columns are skipped
//! ([`TWIN_COLUMNS`]). The JSON follows `schema/open-data.schema.json`.

use serde::Serialize;

use crate::facts::{Facts, Figure, WijkRol};
use crate::model::{Aggregatie, Compass, IndicatorIx, Point, Report, Status};
use crate::period::Period;

/// Version of the open-data format; bumped on breaking changes.
pub const VERSION: u32 = 1;

/// The twin's columns, in order. A values CSV with the columns `rapport`
/// and `rol` is read as a twin.
pub const TWIN_COLUMNS: [&str; 31] = [
    "rapport",
    "rol",
    "soort",
    "domein_id",
    "domein",
    "ambitie_id",
    "ambitie",
    "resultaat_id",
    "resultaat",
    "activiteit_id",
    "activiteit",
    "plaats",
    "indicator",
    "indicator_naam",
    "gebied",
    "periode",
    "van",
    "tot_en_met",
    "compleet",
    "waarde",
    "eenheid",
    "status",
    "status_periode",
    "verouderd",
    "nulmeting",
    "nulmeting_periode",
    "streefwaarde",
    "streefwaarde_periode",
    "vergelijking",
    "bron",
    "cbs_status",
];

/// One figure of the report.
#[derive(Debug, Default, Serialize)]
pub struct Row {
    /// Which figure this is: `waarde` (the value shown), `vorige` (the
    /// previous period's), `reeks` (a point of the chart), `vergelijking`
    /// (the benchmark's), `vergelijking-reeks`, `wijk`, `wijk-vorige`,
    /// `budget`.
    pub rol: &'static str,
    /// `meting` (a measured value), `totaal` or `gemiddelde` (added up
    /// over `van` .. `tot_en_met`), `begroot` or `werkelijk` (euro).
    pub soort: &'static str,
    #[serde(flatten)]
    pub keten: Keten,
    pub indicator: Option<String>,
    pub indicator_naam: Option<String>,
    pub gebied: Option<String>,
    pub periode: String,
    pub van: Option<String>,
    pub tot_en_met: Option<String>,
    pub compleet: Option<bool>,
    /// The figure; `null` (an empty cell) when nothing was measured.
    pub waarde: Option<f64>,
    pub eenheid: Option<String>,
    pub status: Option<Status>,
    pub status_periode: Option<String>,
    pub verouderd: Option<bool>,
    pub nulmeting: Option<f64>,
    pub nulmeting_periode: Option<String>,
    pub streefwaarde: Option<f64>,
    pub streefwaarde_periode: Option<String>,
    pub vergelijking: Option<f64>,
    pub bron: Option<String>,
    pub cbs_status: Option<crate::model::CbsStatus>,
}

/// Where in the report a figure stands: domein, ambitie, resultaat or
/// activiteit, and the place (`context`, `resultaat`, `output`,
/// `outcome`, `budget`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Keten {
    pub domein_id: String,
    pub domein: String,
    pub ambitie_id: Option<String>,
    pub ambitie: Option<String>,
    pub resultaat_id: Option<String>,
    pub resultaat: Option<String>,
    pub activiteit_id: Option<String>,
    pub activiteit: Option<String>,
    pub plaats: &'static str,
}

/// The whole twin, as the JSON holds it.
#[derive(Debug, Serialize)]
pub struct Twin {
    pub versie: u32,
    pub rapport: RapportInfo,
    pub rijen: Vec<Row>,
}

#[derive(Debug, Serialize)]
pub struct RapportInfo {
    pub naam: String,
    pub titel: String,
    pub soort: &'static str,
    pub gemeente: String,
    pub gebied: String,
    pub periode: String,
    pub vorige_periode: String,
    pub datum: String,
    pub taal: &'static str,
}

/// Builds the twin of one report from its facts.
pub fn twin(compass: &Compass, report: &Report, facts: &Facts) -> Twin {
    let mut rijen = Vec::new();
    for d in &facts.domeinen {
        let dom = &compass.domeinen[d.domein];
        let base = Keten {
            domein_id: dom.id.clone(),
            domein: dom.naam.clone(),
            ..Keten::default()
        };
        for &i in &dom.context {
            let keten = Keten {
                plaats: "context",
                ..base.clone()
            };
            indicator_rows(compass, facts, i, &keten, &mut rijen);
        }
        for amb in &dom.ambities {
            for &r in &amb.resultaten {
                let res = &compass.resultaten[r];
                let keten = Keten {
                    ambitie_id: Some(amb.id.clone()),
                    ambitie: Some(amb.tekst.clone()),
                    resultaat_id: Some(res.id.clone()),
                    resultaat: Some(res.tekst.clone()),
                    plaats: "resultaat",
                    ..base.clone()
                };
                for &i in &res.indicatoren {
                    indicator_rows(compass, facts, i, &keten, &mut rijen);
                }
            }
        }
        for &a in &d.activiteiten {
            let act = &compass.activiteiten[a];
            let keten = |plaats| Keten {
                activiteit_id: Some(act.id.clone()),
                activiteit: Some(act.naam.clone()),
                plaats,
                ..base.clone()
            };
            for (plaats, list) in [("output", &act.output), ("outcome", &act.outcome)] {
                for &i in list {
                    indicator_rows(compass, facts, i, &keten(plaats), &mut rijen);
                }
            }
            if let Some((_, b)) = d.budgetten.iter().find(|(ix, _)| *ix == a) {
                let year = Period::Year(report.periode.year());
                let amounts = [("begroot", Some(b.begroot)), ("werkelijk", b.werkelijk)];
                for (soort, amount) in amounts {
                    if let Some(waarde) = amount {
                        rijen.push(budget_row(keten("budget"), soort, year, waarde));
                    }
                }
            }
        }
    }
    Twin {
        versie: VERSION,
        rapport: RapportInfo {
            naam: report.name.clone(),
            titel: report.titel.clone(),
            soort: crate::view::ReportView::kind_key(report.kind),
            gemeente: compass.gemeente.naam.clone(),
            gebied: facts.gebied.clone(),
            periode: report.periode.to_string(),
            vorige_periode: report.vorige_periode.to_string(),
            datum: report.datum.to_string(),
            taal: match compass.taal {
                crate::model::Taal::Nl => "nl",
                crate::model::Taal::En => "en",
            },
        },
        rijen,
    }
}

/// The rows of one indicator at one place in the report.
fn indicator_rows(
    compass: &Compass,
    facts: &Facts,
    ix: IndicatorIx,
    keten: &Keten,
    rows: &mut Vec<Row>,
) {
    let ind = &compass.indicatoren[ix];
    let fact = facts.indicator(ix);
    let row = |rol, gebied: &str, fig: &Figure| Row {
        rol,
        soort: match fig.aggregaat.as_ref().map(|a| a.aggregatie) {
            None | Some(Aggregatie::Laatste) => "meting",
            Some(Aggregatie::Som) => "totaal",
            Some(Aggregatie::Gemiddelde) => "gemiddelde",
        },
        keten: keten.clone(),
        indicator: Some(ind.id.clone()),
        indicator_naam: Some(ind.naam.clone()),
        gebied: Some(gebied.to_owned()),
        periode: fig.periode.to_string(),
        van: fig.aggregaat.as_ref().map(|a| a.van.to_string()),
        tot_en_met: fig.aggregaat.as_ref().map(|a| a.tot_en_met.to_string()),
        compleet: fig.aggregaat.as_ref().map(|a| a.compleet),
        waarde: Some(fig.waarde),
        eenheid: ind.eenheid.clone(),
        bron: ind.bron.clone(),
        cbs_status: fig.cbs,
        ..Row::default()
    };
    let point = |p: &Point| Figure::measured(p);
    let main = &facts.gebied;
    if let Some(w) = &fact.waarde {
        let j = fact.oordeel;
        rows.push(Row {
            status: Some(j.status),
            status_periode: j.periode.map(|p| p.to_string()),
            verouderd: Some(j.verouderd),
            nulmeting: fact.nulmeting.as_ref().map(|p| p.waarde),
            nulmeting_periode: fact.nulmeting.as_ref().map(|p| p.periode.to_string()),
            streefwaarde: fact.streefwaarde.as_ref().map(|p| p.waarde),
            streefwaarde_periode: fact.streefwaarde.as_ref().map(|p| p.periode.to_string()),
            vergelijking: fact.vergelijking.as_ref().map(|(_, f)| f.waarde),
            ..row("waarde", main, w)
        });
    } else {
        // Nothing measured: the status still stands in the report.
        let none = Figure {
            waarde: 0.0,
            periode: facts.periode,
            cbs: None,
            aggregaat: None,
        };
        rows.push(Row {
            soort: "geen-meting",
            waarde: None,
            status: Some(Status::GeenGegevens),
            ..row("waarde", main, &none)
        });
    }
    if let Some(v) = fact
        .vorige
        .as_ref()
        .filter(|v| fact.waarde.as_ref().is_some_and(|w| w.periode != v.periode))
    {
        let j = fact.vorig_oordeel;
        rows.push(Row {
            status: Some(j.status),
            status_periode: j.periode.map(|p| p.to_string()),
            verouderd: Some(j.verouderd),
            ..row("vorige", main, v)
        });
    }
    rows.extend(fact.reeks.iter().map(|p| row("reeks", main, &point(p))));
    if let Some((name, f)) = &fact.vergelijking {
        rows.push(row("vergelijking", name, f));
        rows.extend(
            fact.vergelijking_reeks
                .iter()
                .map(|p| row("vergelijking-reeks", name, &point(p))),
        );
    }
    for w in fact.wijken.iter().filter(|w| w.rol == WijkRol::Wijk) {
        rows.push(row("wijk", &w.gebied, &w.waarde));
        if let Some(v) = w.vorige.as_ref().filter(|v| v.periode != w.waarde.periode) {
            rows.push(row("wijk-vorige", &w.gebied, v));
        }
    }
}

fn budget_row(keten: Keten, soort: &'static str, year: Period, waarde: f64) -> Row {
    Row {
        rol: "budget",
        soort,
        keten,
        periode: year.to_string(),
        waarde: Some(waarde),
        eenheid: Some("euro".into()),
        ..Row::default()
    }
}

/// The twin as JSON: numbers as numbers, absent figures as `null`.
pub fn json(twin: &Twin) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(twin).expect("the twin is plain data");
    bytes.push(b'\n');
    bytes
}

/// The twin as CSV for Dutch Excel: `;`, decimal comma, UTF-8 with BOM.
pub fn csv(twin: &Twin) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&TWIN_COLUMNS.join(";"));
    out.push_str("\r\n");
    let number = |v: f64| v.to_string().replace('.', ",");
    let opt_number = |v: Option<f64>| v.map(number).unwrap_or_default();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let flag = |v: Option<bool>| v.map(|b| if b { "ja" } else { "nee" }.to_owned());
    for r in &twin.rijen {
        let k = &r.keten;
        let cells: [String; 31] = [
            twin.rapport.naam.clone(),
            r.rol.into(),
            r.soort.into(),
            k.domein_id.clone(),
            k.domein.clone(),
            text(&k.ambitie_id),
            text(&k.ambitie),
            text(&k.resultaat_id),
            text(&k.resultaat),
            text(&k.activiteit_id),
            text(&k.activiteit),
            k.plaats.into(),
            text(&r.indicator),
            text(&r.indicator_naam),
            text(&r.gebied),
            r.periode.clone(),
            text(&r.van),
            text(&r.tot_en_met),
            text(&flag(r.compleet)),
            opt_number(r.waarde),
            text(&r.eenheid),
            r.status.map(|s| s.key().to_owned()).unwrap_or_default(),
            text(&r.status_periode),
            text(&flag(r.verouderd)),
            opt_number(r.nulmeting),
            text(&r.nulmeting_periode),
            opt_number(r.streefwaarde),
            text(&r.streefwaarde_periode),
            opt_number(r.vergelijking),
            text(&r.bron),
            r.cbs_status
                .map(|c| match c {
                    crate::model::CbsStatus::Voorlopig => "voorlopig",
                    crate::model::CbsStatus::NaderVoorlopig => "nader-voorlopig",
                    crate::model::CbsStatus::Definitief => "definitief",
                })
                .unwrap_or_default()
                .to_owned(),
        ];
        let line: Vec<String> = cells.iter().map(|c| quote(c)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A CSV cell, quoted when it holds the separator, a quote or a line break.
fn quote(cell: &str) -> String {
    if cell.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}
