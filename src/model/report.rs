//! The checks of one report definition in `rapporten/`, resolved against
//! the compass.

use super::check::{Ctx, listed};
use super::*;
use crate::diagnostic::{Diagnostic, FileId};
use crate::load::RapportInput;
use crate::load::raw::{PeriodText, S};

/// The three documents a griffie sends to the council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Kwartaalrapportage,
    Motiebeantwoording,
    Jaarverslag,
}

/// How a motion is settled by the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Afdoening {
    Afgedaan,
    Lopend,
}

const AFDOENING: [(&str, Afdoening); 2] = [
    ("afgedaan", Afdoening::Afgedaan),
    ("lopend", Afdoening::Lopend),
];

const KINDS: [(&str, ReportKind); 3] = [
    ("kwartaalrapportage", ReportKind::Kwartaalrapportage),
    ("motiebeantwoording", ReportKind::Motiebeantwoording),
    ("jaarverslag", ReportKind::Jaarverslag),
];

/// A checked report definition.
#[derive(Debug, Clone)]
pub struct Report {
    /// File stem, as `--report` names it.
    pub name: String,
    pub file: FileId,
    pub kind: ReportKind,
    pub titel: String,
    pub periode: Period,
    pub vorige_periode: Period,
    pub datum: NaiveDate,
    /// Indices of the domains shown, in kompas.yaml order unless listed.
    pub domeinen: Vec<usize>,
    pub inleiding: Option<Loc<String>>,
    /// Commentary per indicator or activity id.
    pub toelichting: Map<String, Loc<String>>,
    pub motie: Option<Motie>,
    pub antwoord: Option<Loc<String>>,
    /// The area of an area edition: its values are the main series and
    /// the gemeente is the benchmark.
    pub gebied: Option<String>,
    /// The letter's reference and contact (kwartaalrapportage).
    pub kenmerk: Option<String>,
    pub contactpersoon: Option<String>,
}

/// The council motion a motiebeantwoording answers.
#[derive(Debug, Clone)]
pub struct Motie {
    pub nummer: String,
    pub titel: String,
    pub datum: NaiveDate,
    pub verzoek: String,
    pub afdoening: Option<Afdoening>,
}

/// Checks one report file; `None` when it has errors.
pub(super) fn check(
    compass: &Compass,
    input: RapportInput,
    diags: &mut Diagnostics,
) -> Option<Report> {
    let errors_before = diags.count(crate::diagnostic::Severity::Error);
    let raw = input.raw;
    let mut ctx = Ctx {
        file: input.file,
        diags,
    };
    let kind = ctx.choice(&raw.soort, "soort", &KINDS);
    let titel = ctx.required_text(&raw.titel, "titel", "the report's title, as on its cover");
    let periode = ctx.period(&raw.periode, "periode");
    let datum = date(&mut ctx, &raw.datum, "datum");
    let vorige_periode = match (&raw.vorige_periode, periode) {
        (Some(v), Some(p)) => ctx.period(v, "vorige_periode").and_then(|v| {
            if v.last_month() < p.last_month() {
                Some(v)
            } else {
                let span = ctx.span(raw.vorige_periode.as_ref()?);
                ctx.report(
                    Diagnostic::error(span, "`vorige_periode` is not before `periode`")
                        .with_label(format!("{v} does not end before {p}"))
                        .expected(format!("a period before {p}, as in `{}`", p.previous())),
                );
                None
            }
        }),
        (None, Some(p)) => Some(p.previous()),
        _ => None,
    };

    let domain_ids: Map<String, usize> = compass
        .domeinen
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    let domeinen = match &raw.domeinen {
        Some(list) => chosen_domains(&mut ctx, list, &domain_ids),
        None => (0..compass.domeinen.len()).collect(),
    };

    let mut toelichting = Map::default();
    for (key, text) in &raw.toelichting.0 {
        let is_indicator = compass.indicator(&key.value).is_some();
        let is_activity = compass.activiteiten.iter().any(|a| a.id == key.value);
        let known = is_indicator || is_activity;
        let span = ctx.span(key);
        if is_indicator && is_activity {
            ctx.report(
                Diagnostic::error(
                    span,
                    format!("`toelichting` names `{}`, which is both an indicator and an activity", key.value),
                )
                .with_label("ambiguous: kompas cannot tell which is meant")
                .expected("an id that only one indicator or activity has; rename one of the two in kompas.yaml"),
            );
            continue;
        }
        if !known {
            ctx.report(
                Diagnostic::error(
                    span,
                    format!("`toelichting` names an unknown id `{}`", key.value),
                )
                .with_label("no indicator or activity has this id")
                .expected("the id of an indicator or an activity in kompas.yaml"),
            );
            continue;
        }
        toelichting.insert(key.value.clone(), loc(&ctx, text));
    }

    let motie = match (&raw.motie, kind) {
        (Some(m), Some(ReportKind::Motiebeantwoording)) => {
            let datum = date(&mut ctx, &m.value.datum, "motie.datum");
            datum.map(|datum| Motie {
                nummer: ctx.required_text(
                    &m.value.nummer,
                    "motie.nummer",
                    "the motion's number, as in `M2017-12`",
                ),
                titel: ctx.required_text(&m.value.titel, "motie.titel", "the motion's title"),
                datum,
                verzoek: ctx.required_text(
                    &m.value.verzoek,
                    "motie.verzoek",
                    "what the council asks the college, quoted",
                ),
                afdoening: m
                    .value
                    .afdoening
                    .as_ref()
                    .and_then(|a| ctx.choice(a, "motie.afdoening", &AFDOENING)),
            })
        }
        (Some(m), Some(_)) => {
            let span = ctx.span(m);
            ctx.report(
                Diagnostic::error(span, "`motie` is only for a motiebeantwoording")
                    .with_label(format!("this report is a `{}`", raw.soort.value))
                    .expected("no `motie` here, or `soort: motiebeantwoording`"),
            );
            None
        }
        (None, Some(ReportKind::Motiebeantwoording)) => {
            let span = ctx.span(&raw.soort);
            ctx.report(
                Diagnostic::error(span, "a motiebeantwoording needs a `motie`")
                    .with_label("no `motie:` in this file")
                    .expected("a `motie:` mapping with nummer, titel, datum and verzoek"),
            );
            None
        }
        _ => None,
    };
    let antwoord = match (&raw.antwoord, kind) {
        (Some(a), Some(ReportKind::Motiebeantwoording)) => Some(loc(&ctx, a)),
        (None, Some(ReportKind::Motiebeantwoording)) => {
            let span = ctx.span(&raw.soort);
            ctx.report(
                Diagnostic::error(span, "a motiebeantwoording needs an `antwoord`")
                    .with_label("no `antwoord:` in this file")
                    .expected("`antwoord:` with the college's answer to the motion: a motion answer must answer"),
            );
            None
        }
        (Some(a), Some(_)) => {
            let span = ctx.span(a);
            ctx.report(
                Diagnostic::error(span, "`antwoord` is only for a motiebeantwoording")
                    .with_label(format!("this report is a `{}`", raw.soort.value))
                    .expected("the college's answer in `inleiding` or `toelichting` instead"),
            );
            None
        }
        _ => None,
    };

    let mut letter_only = |value: &Option<S<String>>, key: &str| -> Option<String> {
        let v = value.as_ref()?;
        if kind.is_some_and(|k| k != ReportKind::Kwartaalrapportage) {
            let span = ctx.span(v);
            ctx.report(
                Diagnostic::error(span, format!("`{key}` is only for a kwartaalrapportage"))
                    .with_label(format!("this report is a `{}`", raw.soort.value))
                    .expected(format!(
                        "no `{key}` here: it belongs in the raadsinformatiebrief's letter head"
                    )),
            );
            return None;
        }
        Some(ctx.required_text(v, key, "a text, or leave the key out"))
    };
    let kenmerk = letter_only(&raw.kenmerk, "kenmerk");
    let contactpersoon = letter_only(&raw.contactpersoon, "contactpersoon");
    let gebied = raw
        .gebied
        .as_ref()
        .and_then(|g| edition_area(&mut ctx, compass, g));

    if let Some(p) = periode {
        stale_warnings(&mut ctx, compass, &domeinen, p, &raw.periode);
    }
    if let (Some(p), Some(d)) = (periode, datum) {
        dated_early(&mut ctx, p, d, &raw.datum);
    }
    if ctx.diags.count(crate::diagnostic::Severity::Error) > errors_before {
        return None;
    }
    Some(Report {
        name: input.name,
        file: input.file,
        kind: kind?,
        titel,
        periode: periode?,
        vorige_periode: vorige_periode?,
        datum: datum?,
        domeinen,
        inleiding: raw.inleiding.as_ref().map(|t| loc(&ctx, t)),
        toelichting,
        motie,
        antwoord,
        kenmerk,
        contactpersoon,
        gebied,
    })
}

/// The area of an edition: a wijk with values, never the gemeente itself
/// or a benchmark.
fn edition_area(ctx: &mut Ctx<'_>, compass: &Compass, value: &S<String>) -> Option<String> {
    let name = value.value.trim();
    let areas = compass.edition_areas();
    if areas.contains(&name) {
        return Some(name.to_owned());
    }
    let span = ctx.span(value);
    let label = if name == compass.gemeente.naam {
        "that is the gemeente itself: leave `gebied` out for the whole gemeente".to_owned()
    } else {
        format!("no values for the area `{name}`")
    };
    ctx.report(
        Diagnostic::error(
            span,
            format!("`gebied` names an area without its own values: `{name}`"),
        )
        .with_label(label)
        .expected(if areas.is_empty() {
            "an area (wijk) with values in waarden/; there are none yet".to_owned()
        } else {
            format!("one of the areas with values: {}", listed(areas))
        }),
    );
    None
}

/// The domains a report lists: each once, and at least one.
fn chosen_domains(
    ctx: &mut Ctx<'_>,
    list: &S<Vec<S<String>>>,
    ids: &Map<String, usize>,
) -> Vec<usize> {
    if list.value.is_empty() {
        let span = ctx.span(list);
        ctx.report(
            Diagnostic::error(span, "`domeinen` lists no domain")
                .with_label("an empty list: the report would show nothing")
                .expected("the ids of the domains to show, or no `domeinen` key to show them all"),
        );
        return Vec::new();
    }
    let mut picked: Vec<usize> = Vec::new();
    let mut first: Map<usize, Span> = Map::default();
    for d in &list.value {
        let Some(ix) = ctx.reference(d, "domeinen", "domein", ids) else {
            continue;
        };
        let span = ctx.span(d);
        if let Some(earlier) = first.get(&ix) {
            let earlier = ctx.place(earlier);
            ctx.report(
                Diagnostic::error(span, format!("domein `{}` is listed twice", d.value))
                    .with_label("second time")
                    .with_note(format!("first listed at {earlier}"))
                    .expected("every domain once in `domeinen`"),
            );
            continue;
        }
        first.insert(ix, span);
        picked.push(ix);
    }
    picked
}

/// Warns when a report is dated before its period has ended: its figures
/// for that period cannot all be known yet.
fn dated_early(ctx: &mut Ctx<'_>, periode: Period, datum: NaiveDate, at: &S<PeriodText>) {
    let month = i64::from(chrono::Datelike::year(&datum)) * 12
        + i64::from(chrono::Datelike::month0(&datum));
    if month > periode.last_month() {
        return;
    }
    let span = ctx.span(at);
    ctx.report(
        Diagnostic::warning(
            span,
            format!("the report is dated before {periode} has ended"),
        )
        .with_label(format!("{datum} lies within {periode}"))
        .with_note("a report on a period is written after it; check `datum` and `periode`"),
    );
}

fn loc(ctx: &Ctx<'_>, text: &S<String>) -> Loc<String> {
    Loc {
        value: text.value.clone(),
        span: ctx.span(text),
    }
}

fn date(ctx: &mut Ctx<'_>, value: &S<PeriodText>, key: &str) -> Option<NaiveDate> {
    let parsed = parse_date(&value.value.0);
    if parsed.is_none() {
        let span = ctx.span(value);
        ctx.report(
            Diagnostic::error(span, format!("`{key}` is not a date"))
                .with_label(format!("found `{}`", value.value.0))
                .expected("a date written YYYY-MM-DD, as in `2018-04-12`"),
        );
    }
    parsed
}

/// Warns about figures more than two periods older than the report period.
fn stale_warnings(
    ctx: &mut Ctx<'_>,
    compass: &Compass,
    domeinen: &[usize],
    period: Period,
    at: &S<PeriodText>,
) {
    let mut stale = Vec::new();
    for ix in compass.shown_indicators(domeinen) {
        let ind = &compass.indicatoren[ix];
        let Some(latest) = ind.latest(&compass.gemeente.naam, period) else {
            continue;
        };
        if latest.periode.is_stale_at(period) {
            stale.push(format!("{} ({})", ind.id, latest.periode));
        }
    }
    if !stale.is_empty() {
        let span = ctx.span(at);
        ctx.report(
            Diagnostic::warning(
                span,
                format!("some figures are more than two periods older than {period}"),
            )
            .with_label("the report period")
            .with_note(format!("latest values: {}", listed(stale)))
            .with_note("the report marks them as older figures; add newer values if they exist"),
        );
    }
}
