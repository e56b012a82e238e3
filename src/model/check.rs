//! The checks of kompas.yaml and the values: id syntax and uniqueness,
//! every reference, periods, enumerations, numbers, values given twice.

use std::fmt::Display;
use std::path::Path;

use super::*;
use crate::diagnostic::{Diagnostic, FileId};
use crate::load::raw::{self, PeriodText, S};
use crate::load::{ValueRow, span_of};

use super::areas::Areas;

/// Checking context for one file: where problems go, how to point at things.
pub(super) struct Ctx<'a> {
    pub file: FileId,
    pub diags: &'a mut Diagnostics,
}

impl Ctx<'_> {
    pub fn span<T>(&self, value: &S<T>) -> Span {
        span_of(&self.diags.sources, self.file, value)
    }

    /// `file:line:col` of a span, for notes that point elsewhere.
    pub fn place(&self, span: &Span) -> String {
        self.diags.sources.place(span)
    }

    /// Records a problem, error or warning.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    /// Checks an id's spelling and that no other of its kind has it.
    pub fn id(&mut self, id: &S<String>, kind: &str, seen: &mut Seen) -> String {
        let span = self.span(id);
        let text = id.value.clone();
        if !is_id(&text) {
            self.report(
                Diagnostic::error(span.clone(), format!("`{text}` is not a valid {kind} id"))
                    .with_label("not an id")
                    .expected("an id of lowercase letters a-z, digits 0-9 and `-`, as in `minder-bijstand`"),
            );
        } else if let Some(first) = seen.get(&text) {
            let first = self.place(first);
            self.report(
                Diagnostic::error(span, format!("{kind} id `{text}` is used twice"))
                    .with_label("second definition")
                    .with_note(format!("first defined at {first}"))
                    .expected(format!("every {kind} to have its own id")),
            );
        } else {
            seen.insert(text.clone(), span);
        }
        text
    }

    /// Resolves a reference to an id of `kind`, or reports what exists.
    pub fn reference(
        &mut self,
        reference: &S<String>,
        key: &str,
        kind: &str,
        table: &Map<String, usize>,
    ) -> Option<usize> {
        let span = self.span(reference);
        self.reference_at(&reference.value, span, key, kind, table)
    }

    /// Like [`Ctx::reference`], for a name whose span is already known.
    pub fn reference_at(
        &mut self,
        name: &str,
        span: Span,
        key: &str,
        kind: &str,
        table: &Map<String, usize>,
    ) -> Option<usize> {
        if let Some(&ix) = table.get(name) {
            return Some(ix);
        }
        let mut diagnostic =
            Diagnostic::error(span, format!("`{key}` names an unknown {kind} `{name}`"))
                .with_label(format!("no {kind} has id `{name}`"));
        if let Some(close) = closest(name, table.keys()) {
            diagnostic = diagnostic.with_note(format!("did you mean `{close}`?"));
        }
        let mut known: Vec<&String> = table.keys().collect();
        known.sort();
        let more = if known.len() > 12 { ", ..." } else { "" };
        let expected = if known.is_empty() {
            format!("a {kind} id, but none is defined")
        } else {
            format!(
                "one of the {kind} ids {}{more}",
                listed(known.iter().take(12))
            )
        };
        self.report(diagnostic.expected(expected));
        None
    }

    /// Parses a period, or reports how it should be written.
    pub fn period(&mut self, period: &S<PeriodText>, key: &str) -> Option<Period> {
        parse_period(self, &period.value.0, self.span(period), key)
    }

    /// Picks one of a fixed set of words.
    pub fn choice<T: Copy>(
        &mut self,
        value: &S<String>,
        key: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let span = self.span(value);
        choose(self, &value.value, span, key, options)
    }

    /// A finite number that can be printed with `decimals` decimals.
    pub fn number(&mut self, value: &S<f64>, key: &str, decimals: u8) -> Option<f64> {
        let span = self.span(value);
        finite(self, value.value, span, key, decimals)
    }

    /// A text the report shows as a name, heading or title, trimmed; an
    /// error when it is blank, for a blank heading tells the reader nothing.
    pub fn required_text(&mut self, text: &S<String>, key: &str, example: &str) -> String {
        let trimmed = text.value.trim();
        if trimmed.is_empty() {
            let span = self.span(text);
            self.report(
                Diagnostic::error(span, format!("`{key}` is empty"))
                    .with_label("empty")
                    .expected(example),
            );
        }
        trimmed.to_owned()
    }
}

pub(super) fn parse_period(ctx: &mut Ctx<'_>, text: &str, span: Span, key: &str) -> Option<Period> {
    match text.parse::<Period>() {
        Ok(p) => Some(p),
        Err(e) => {
            ctx.report(
                Diagnostic::error(span, format!("`{key}` is not a period"))
                    .with_label(format!("found `{text}`"))
                    .expected(e),
            );
            None
        }
    }
}

pub(super) fn choose<T: Copy>(
    ctx: &mut Ctx<'_>,
    text: &str,
    span: Span,
    key: &str,
    options: &[(&str, T)],
) -> Option<T> {
    if let Some((_, v)) = options.iter().find(|(word, _)| *word == text) {
        return Some(*v);
    }
    let words = options
        .iter()
        .map(|(w, _)| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    ctx.report(
        Diagnostic::error(span, format!("`{key}` has an unknown value `{text}`"))
            .with_label(format!("found `{text}`"))
            .expected(format!("one of {words}")),
    );
    None
}

/// The most digits a figure is printed with: a number of 64 bits holds
/// fifteen exactly, so a figure never shows digits the data does not have.
const MAX_DIGITS: i32 = 15;

/// A finite number, small enough to be printed with `decimals` decimals
/// without invented digits (`1e300` would print 300 of them).
pub(super) fn finite(
    ctx: &mut Ctx<'_>,
    value: f64,
    span: Span,
    key: &str,
    decimals: u8,
) -> Option<f64> {
    if !value.is_finite() {
        ctx.report(
            Diagnostic::error(span, format!("`{key}` is not a finite number"))
                .with_label(format!("found {value}"))
                .expected("a number such as `33.5`; leave the value out when it is unknown"),
        );
        return None;
    }
    let whole_digits = MAX_DIGITS - i32::from(decimals);
    if value.abs() < 10f64.powi(whole_digits) {
        return Some(value);
    }
    let limit = crate::view::format::number(Taal::En, 10f64.powi(whole_digits), 0);
    ctx.report(
        Diagnostic::error(span, format!("`{key}` is too large to be a figure"))
            .with_label(format!("found {value:e}"))
            .expected(format!(
                "a number below {limit} in size: a figure has at most {MAX_DIGITS} digits (kompas's limit), here {decimals} after the decimal point"
            )),
    );
    None
}

/// Whether `text` is an id: `a-z`, `0-9` and `-`, not starting or ending with `-`.
pub fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// The known name closest to a misspelled one, if close enough to suggest.
pub(super) fn closest<'a>(
    name: &str,
    known: impl Iterator<Item = &'a String>,
) -> Option<&'a String> {
    known
        .map(|k| (distance(name, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

const RICHTING: [(&str, Richting); 3] = [
    ("hoger-is-beter", Richting::HogerIsBeter),
    ("lager-is-beter", Richting::LagerIsBeter),
    ("neutraal", Richting::Neutraal),
];
const FREQUENTIE: [(&str, Granularity); 3] = [
    ("jaar", Granularity::Year),
    ("kwartaal", Granularity::Quarter),
    ("maand", Granularity::Month),
];
const AGGREGATIE: [(&str, Aggregatie); 3] = [
    ("som", Aggregatie::Som),
    ("gemiddelde", Aggregatie::Gemiddelde),
    ("laatste", Aggregatie::Laatste),
];
const SOORT: [(&str, ResultaatSoort); 3] = [
    ("inhoudelijk", ResultaatSoort::Inhoudelijk),
    ("proces", ResultaatSoort::Proces),
    ("randvoorwaardelijk", ResultaatSoort::Randvoorwaardelijk),
];
const VERBETER: [(&str, VerbeterStatus); 3] = [
    ("gepland", VerbeterStatus::Gepland),
    ("lopend", VerbeterStatus::Lopend),
    ("gereed", VerbeterStatus::Gereed),
];
const CBS: [(&str, CbsStatus); 3] = [
    ("voorlopig", CbsStatus::Voorlopig),
    ("nader-voorlopig", CbsStatus::NaderVoorlopig),
    ("definitief", CbsStatus::Definitief),
];
const TAAL: [(&str, Taal); 2] = [("nl", Taal::Nl), ("en", Taal::En)];

/// The most decimals a figure may be printed with.
const MAX_DECIMALS: u8 = 6;

/// Checks kompas.yaml and the values, and resolves every reference.
pub(super) fn compass(
    file: FileId,
    raw: raw::KompasFile,
    values: Vec<ValueRow>,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Compass {
    let mut ctx = Ctx { file, diags };
    let gemeente = Gemeente {
        naam: ctx.required_text(
            &raw.gemeente.naam,
            "naam",
            "the municipality's name, as in `Culemborg`",
        ),
        cbs_code: raw.gemeente.cbs_code.map(|c| c.value),
        vergelijking: raw.gemeente.vergelijking.map(|v| v.value.trim().to_owned()),
        college: raw
            .gemeente
            .college
            .map(|c| {
                let name =
                    |n: Option<String>| n.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
                College {
                    burgemeester: name(c.burgemeester),
                    secretaris: name(c.secretaris),
                }
            })
            .unwrap_or_default(),
    };
    let taal = raw
        .taal
        .as_ref()
        .and_then(|t| ctx.choice(t, "taal", &TAAL))
        .unwrap_or(Taal::Nl);
    let huisstijl = Huisstijl {
        logo: raw
            .huisstijl
            .as_ref()
            .and_then(|h| h.logo.as_ref())
            .and_then(|l| logo(&mut ctx, l, dir)),
        kleur: raw
            .huisstijl
            .as_ref()
            .and_then(|h| h.kleur.as_ref())
            .and_then(|k| colour(&mut ctx, k)),
    };

    // Indicators first: everything else refers to them.
    let mut seen = Seen::default();
    let mut indicatoren = Vec::new();
    for ind in &raw.indicatoren {
        indicatoren.push(indicator(&mut ctx, ind, &mut seen));
    }
    let indicator_ids = index(indicatoren.iter().map(|i| &i.id));

    let mut seen_domains = Seen::default();
    let mut seen_ambitions = Seen::default();
    let mut seen_results = Seen::default();
    let mut domeinen = Vec::new();
    let mut resultaten = Vec::new();
    for (d, dom) in raw.domeinen.iter().enumerate() {
        let id = ctx.id(&dom.id, "domein", &mut seen_domains);
        let context = refs(
            &mut ctx,
            &dom.context,
            "context",
            "indicator",
            &indicator_ids,
        );
        let mut ambities = Vec::new();
        for amb in &dom.ambities {
            let amb_id = ctx.id(&amb.id, "ambitie", &mut seen_ambitions);
            let mut ixs = Vec::new();
            for res in &amb.resultaten {
                let res_id = ctx.id(&res.id, "resultaat", &mut seen_results);
                let horizon = res.horizon.as_ref().and_then(|h| ctx.period(h, "horizon"));
                let soort = res
                    .soort
                    .as_ref()
                    .and_then(|s| ctx.choice(s, "soort", &SOORT))
                    .unwrap_or(ResultaatSoort::Inhoudelijk);
                let indicatoren = refs(
                    &mut ctx,
                    &res.indicatoren,
                    "indicatoren",
                    "indicator",
                    &indicator_ids,
                );
                if res.indicatoren.is_empty() {
                    let span = ctx.span(&res.id);
                    ctx.report(
                        Diagnostic::warning(span, format!("result `{res_id}` has no indicators"))
                            .with_label("no `indicatoren`")
                            .with_note("\"Waaraan zien we dat het goed gaat?\": without an indicator its status stays `geen gegevens`"),
                    );
                }
                ixs.push(resultaten.len());
                resultaten.push(Resultaat {
                    id: res_id,
                    tekst: ctx.required_text(
                        &res.tekst,
                        "tekst",
                        "the result in words, as in `Iedereen kan meedoen`",
                    ),
                    horizon,
                    soort,
                    indicatoren,
                    domein: d,
                });
            }
            ambities.push(Ambitie {
                id: amb_id,
                tekst: ctx.required_text(&amb.tekst, "tekst", "the ambition in words"),
                resultaten: ixs,
            });
        }
        domeinen.push(Domein {
            id,
            naam: ctx.required_text(
                &dom.naam,
                "naam",
                "the domain's name, as in `Sociaal domein`",
            ),
            monitoring: dom.monitoring.as_ref().map(|m| Loc {
                value: m.value.clone(),
                span: ctx.span(m),
            }),
            context,
            ambities,
        });
    }
    let domain_ids = index(domeinen.iter().map(|d| &d.id));
    let result_ids = index(resultaten.iter().map(|r| &r.id));

    let mut seen_activities = Seen::default();
    let mut activiteiten = Vec::new();
    for act in &raw.activiteiten {
        let id = ctx.id(&act.id, "activiteit", &mut seen_activities);
        let domein = ctx.reference(&act.domein, "domein", "domein", &domain_ids);
        let draagt_bij_aan = refs(
            &mut ctx,
            &act.draagt_bij_aan,
            "draagt_bij_aan",
            "resultaat",
            &result_ids,
        );
        let output = refs(&mut ctx, &act.output, "output", "indicator", &indicator_ids);
        let outcome = refs(
            &mut ctx,
            &act.outcome,
            "outcome",
            "indicator",
            &indicator_ids,
        );
        let mut budget = Vec::new();
        let mut budget_seen: Map<Period, Span> = Map::default();
        for (period, b) in &act.budget.0 {
            let Some(p) = ctx.period(period, "budget") else {
                continue;
            };
            let span = ctx.span(period);
            if let Some(first) = budget_seen.get(&p) {
                let first = ctx.place(first);
                ctx.report(
                    Diagnostic::error(span, format!("budget for {p} is given twice"))
                        .with_label("second time")
                        .with_note(format!("first given at {first}"))
                        .expected("one budget per period"),
                );
                continue;
            }
            budget_seen.insert(p, span);
            let begroot = ctx.number(&b.value.begroot, "begroot", 0);
            let werkelijk = match &b.value.werkelijk {
                Some(w) => match ctx.number(w, "werkelijk", 0) {
                    Some(v) => Some(v),
                    None => continue,
                },
                None => None,
            };
            if let Some(begroot) = begroot {
                budget.push((p, Budget { begroot, werkelijk }));
            }
        }
        budget.sort_by(|a, b| a.0.chronological(b.0));
        let verbeterpunten = act
            .verbeterpunten
            .iter()
            .map(|v| Verbeterpunt {
                tekst: ctx.required_text(&v.tekst, "tekst", "what will be improved, in words"),
                eigenaar: v.eigenaar.clone(),
                gereed: v.gereed.as_ref().and_then(|g| ctx.period(g, "gereed")),
                status: ctx
                    .choice(&v.status, "status", &VERBETER)
                    .unwrap_or(VerbeterStatus::Gepland),
            })
            .collect();
        activiteiten.push(Activiteit {
            id,
            naam: ctx.required_text(
                &act.naam,
                "naam",
                "the activity's name, as in `Schuldhulpverlening`",
            ),
            domein: domein.unwrap_or(0),
            uitvoerders: act.uitvoerders.clone(),
            draagt_bij_aan,
            kwaliteit: act.kwaliteit.clone(),
            output,
            outcome,
            budget,
            verbeterpunten,
        });
    }

    let areas = Areas::new(&mut ctx, raw.gebieden.as_deref(), &gemeente, &indicatoren);
    attach_values(ctx.diags, &areas, &mut indicatoren, &indicator_ids, values);
    for (ind, raw_ind) in indicatoren.iter().zip(&raw.indicatoren) {
        if ind.series.is_empty() {
            let span = ctx.span(&raw_ind.id);
            ctx.report(
                Diagnostic::warning(span, format!("indicator `{}` has no values", ind.id))
                    .with_label("no values in waarden/")
                    .with_note("its status is `geen gegevens` in every report"),
            );
        }
    }

    Compass {
        gemeente,
        taal,
        huisstijl,
        domeinen,
        resultaten,
        indicatoren,
        activiteiten,
    }
}

/// An id -> index table.
fn index<'a>(ids: impl Iterator<Item = &'a String>) -> Map<String, usize> {
    let mut table = Map::default();
    for (i, id) in ids.enumerate() {
        table.entry(id.clone()).or_insert(i);
    }
    table
}

fn refs(
    ctx: &mut Ctx<'_>,
    list: &[S<String>],
    key: &str,
    kind: &str,
    table: &Map<String, usize>,
) -> Vec<usize> {
    list.iter()
        .filter_map(|r| ctx.reference(r, key, kind, table))
        .collect()
}

/// Image formats Typst can place in a PDF/A document.
const IMAGE_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "svg"];

/// Checks that a logo path names an image inside the kompas folder.
fn logo(ctx: &mut Ctx<'_>, value: &S<String>, dir: &Path) -> Option<Loc<String>> {
    let text = value.value.trim();
    let span = ctx.span(value);
    let refuse = |ctx: &mut Ctx<'_>, label: &str, expected: &str| {
        ctx.report(
            Diagnostic::error(span.clone(), format!("`logo` cannot be used: `{text}`"))
                .with_label(label)
                .expected(expected),
        );
        None
    };
    let path = Path::new(text);
    let escapes = path.is_absolute()
        || path.components().any(|c| {
            !matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
    if text.is_empty() || escapes {
        return refuse(
            ctx,
            "outside the kompas folder",
            "a path inside the kompas folder, as in `huisstijl/logo.png`",
        );
    }
    let extension_ok = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_lowercase().as_str()));
    if !extension_ok {
        return refuse(
            ctx,
            "not an image kompas can place",
            "a PNG, JPEG or SVG file",
        );
    }
    let (Ok(root), Ok(real)) = (dir.canonicalize(), dir.join(path).canonicalize()) else {
        return refuse(
            ctx,
            "no such file",
            "an image file inside the kompas folder",
        );
    };
    if !real.starts_with(&root) {
        return refuse(
            ctx,
            "leads outside the kompas folder (through a link)",
            "an image file inside the kompas folder, not a link out of it",
        );
    }
    if !real.is_file() {
        return refuse(ctx, "not a file", "an image file inside the kompas folder");
    }
    if let Err(refusal) = super::logo::inspect(&real) {
        return refuse(ctx, &refusal.label, &refusal.expected);
    }
    let shown: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    Some(Loc {
        value: format!("/{}", shown.join("/")),
        span,
    })
}

fn colour(ctx: &mut Ctx<'_>, value: &S<String>) -> Option<String> {
    let text = value.value.trim();
    let hex = text.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(text.to_lowercase());
    }
    let span = ctx.span(value);
    ctx.report(
        Diagnostic::error(span, "`kleur` is not a colour")
            .with_label(format!("found `{text}`"))
            .expected("a colour written `#RRGGBB`, as in `#1f5f8b`"),
    );
    None
}

fn indicator(ctx: &mut Ctx<'_>, ind: &raw::Indicator, seen: &mut Seen) -> Indicator {
    let id = ctx.id(&ind.id, "indicator", seen);
    let richting = ctx.choice(&ind.richting, "richting", &RICHTING);
    let frequentie = ctx.choice(&ind.frequentie, "frequentie", &FREQUENTIE);
    let aggregatie = ind
        .aggregatie
        .as_ref()
        .and_then(|a| ctx.choice(a, "aggregatie", &AGGREGATIE));
    let decimalen = match &ind.decimalen {
        Some(d) if d.value > MAX_DECIMALS => {
            let span = ctx.span(d);
            ctx.report(
                Diagnostic::error(span, "`decimalen` is too large")
                    .with_label(format!("found {}", d.value))
                    .expected(format!("a number of decimals from 0 to {MAX_DECIMALS}")),
            );
            0
        }
        Some(d) => d.value,
        None => 0,
    };
    let mut point = |m: &raw::Meetpunt, key: &str| -> Option<Point> {
        let periode = ctx.period(&m.periode, &format!("{key}.periode"));
        let waarde = ctx.number(&m.waarde, &format!("{key}.waarde"), decimalen);
        Some(Point {
            periode: periode?,
            waarde: waarde?,
            cbs: None,
        })
    };
    let nulmeting = ind.nulmeting.as_ref().and_then(|m| point(m, "nulmeting"));
    let streefwaarde = ind
        .streefwaarde
        .as_ref()
        .and_then(|m| point(m, "streefwaarde"));
    if let (Some(n), Some(s), Some(raw_s)) = (&nulmeting, &streefwaarde, &ind.streefwaarde)
        && s.periode.last_month() <= n.periode.last_month()
    {
        let span = ctx.span(&raw_s.periode);
        ctx.report(
            Diagnostic::warning(
                span,
                format!("the streefwaarde of `{id}` lies before its nulmeting"),
            )
            .with_label(format!(
                "{} is not after the nulmeting's {}",
                s.periode, n.periode
            ))
            .with_note(
                "the status line runs from nulmeting to streefwaarde; the target is compared as is",
            ),
        );
    }
    Indicator {
        id,
        naam: ctx.required_text(
            &ind.naam,
            "naam",
            "the indicator's name, as in `Bijstandsuitkeringen`",
        ),
        eenheid: ind
            .eenheid
            .as_ref()
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty()),
        richting: richting.unwrap_or(Richting::Neutraal),
        frequentie: frequentie.unwrap_or(Granularity::Year),
        aggregatie: aggregatie.unwrap_or(Aggregatie::Laatste),
        decimalen,
        bron: ind.bron.clone(),
        definitie: ind.definitie.clone(),
        vergelijking: ind
            .vergelijking
            .as_ref()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty()),
        nulmeting,
        streefwaarde,
        series: Vec::new(),
    }
}

/// Checks every value row and files it under its indicator and area.
fn attach_values(
    diags: &mut Diagnostics,
    areas: &Areas,
    indicatoren: &mut [Indicator],
    ids: &Map<String, usize>,
    values: Vec<ValueRow>,
) {
    let mut seen: Map<(usize, usize, Period), Span> = Map::default();
    // Each indicator's series by area: a folder may have thousands of areas.
    let mut series_of: Map<(usize, &str), usize> = Map::default();
    for row in &values {
        let mut ctx = Ctx {
            file: row.file,
            diags,
        };
        let indicator = ctx.reference_at(
            &row.indicator.value,
            row.indicator.span.clone(),
            "indicator",
            "indicator",
            ids,
        );
        let periode = parse_period(
            &mut ctx,
            &row.periode.value,
            row.periode.span.clone(),
            "periode",
        );
        let decimals = indicator.map_or(0, |ix| indicatoren[ix].decimalen);
        let waarde = finite(
            &mut ctx,
            row.waarde.value,
            row.waarde.span.clone(),
            "waarde",
            decimals,
        );
        let cbs = match &row.status {
            Some(s) => match choose(&mut ctx, &s.value, s.span.clone(), "status", &CBS) {
                Some(c) => Some(c),
                None => continue,
            },
            None => None,
        };
        let (Some(ix), Some(periode), Some(waarde)) = (indicator, periode, waarde) else {
            continue;
        };
        let ind = &mut indicatoren[ix];
        if periode.granularity() != ind.frequentie {
            let expected = match ind.frequentie {
                Granularity::Year => "a year, as in `2017`",
                Granularity::Quarter => "a quarter, as in `2017-Q3`",
                Granularity::Month => "a month, as in `2017-09`",
            };
            ctx.report(
                Diagnostic::error(
                    row.periode.span.clone(),
                    format!(
                        "period `{periode}` does not match the frequentie of `{}`",
                        ind.id
                    ),
                )
                .with_label(format!("found `{periode}`"))
                .expected(format!(
                    "{expected}: the indicator's frequentie in kompas.yaml"
                )),
            );
            continue;
        }
        let Some(area) = areas.resolve(&mut ctx, row.gebied.as_ref()) else {
            continue;
        };
        let series = *series_of.entry((ix, area)).or_insert_with(|| {
            ind.series.push((area.to_owned(), Vec::new()));
            ind.series.len() - 1
        });
        let key = (ix, series, periode);
        if let Some(first) = seen.get(&key) {
            let first = ctx.place(first);
            ctx.report(
                Diagnostic::error(
                    row.waarde.span.clone(),
                    format!("a value for `{}`, {area}, {periode} is given twice", ind.id),
                )
                .with_label("second value")
                .with_note(format!("first given at {first}"))
                .expected("one value per indicator, area and period; remove one of the two"),
            );
            continue;
        }
        seen.insert(key, row.waarde.span.clone());
        ind.series[series].1.push(Point {
            periode,
            waarde,
            cbs,
        });
    }
    for ind in indicatoren {
        for (_, points) in &mut ind.series {
            points.sort_by(|a, b| a.periode.chronological(b.periode));
        }
    }
}

/// Shows a list of words as `a`, `b`, `c`.
pub(super) fn listed<T: Display>(words: impl IntoIterator<Item = T>) -> String {
    words
        .into_iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
