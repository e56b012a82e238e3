//! A generated kompas folder of a given size, like a large city's: areas
//! (Rotterdam's fourteen gebieden first), domains, indicators with values
//! per area over some years, activities with budgets, and a jaarverslag, a
//! kwartaalrapportage, a motiebeantwoording and an area edition. Used by
//! the benchmark and by tests of layout at scale; the figures are made up
//! but deterministic.

use std::fmt::Write;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// How large a compass to write.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub gebieden: usize,
    pub domeinen: usize,
    pub indicatoren: usize,
    pub activiteiten: usize,
    /// Years of values, ending in 2017.
    pub jaren: usize,
}

impl Size {
    /// A Rotterdam-scale compass: 14 gebieden, 8 domains, 300 indicators,
    /// 200 activities, ten years of values.
    pub const ROTTERDAM: Size = Size {
        gebieden: 14,
        domeinen: 8,
        indicatoren: 300,
        activiteiten: 200,
        jaren: 10,
    };
}

const GEBIEDEN: [&str; 14] = [
    "Centrum",
    "Charlois",
    "Delfshaven",
    "Feijenoord",
    "Hillegersberg-Schiebroek",
    "Hoek van Holland",
    "Hoogvliet",
    "IJsselmonde",
    "Kralingen-Crooswijk",
    "Noord",
    "Overschie",
    "Pernis",
    "Prins Alexander",
    "Rozenburg",
];

/// A domain of the generated compass: its name, its ambitions (each the
/// clause after "We willen dat"), what its indicators measure and the
/// services its activities offer.
struct Theme {
    naam: &'static str,
    ambities: [&'static str; 2],
    /// What a share measures, after "Aandeel <groep>", and whether more
    /// is better.
    metingen: [(&'static str, bool); 3],
    /// The service people sign up for (a quarterly count).
    dienst: &'static str,
    activiteiten: [&'static str; 3],
}

const THEMES: [Theme; 8] = [
    Theme {
        naam: "Rondkomen",
        ambities: [
            "inwoners kunnen voorzien in hun eerste levensbehoeften",
            "inwoners grip hebben op hun geld",
        ],
        metingen: [
            ("met een bijstandsuitkering", false),
            ("met problematische schulden", false),
            ("dat rondkomt zonder zorgen", true),
        ],
        dienst: "schuldhulp",
        activiteiten: ["Schuldhulpverlening", "Bijzondere bijstand", "Budgetcursus"],
    },
    Theme {
        naam: "Werken",
        ambities: [
            "inwoners naar vermogen werken",
            "inwoners met een uitkering duurzaam aan het werk komen",
        ],
        metingen: [
            ("met betaald werk", true),
            ("dat langer dan een jaar werkloos is", false),
            (
                "met een re-integratietraject dat uitstroomt naar werk",
                true,
            ),
        ],
        dienst: "een re-integratietraject",
        activiteiten: [
            "Werkgeversservicepunt",
            "Re-integratietrajecten",
            "Taal op de werkvloer",
        ],
    },
    Theme {
        naam: "Opgroeien",
        ambities: [
            "jongeren gezond en veilig opgroeien",
            "jongeren school afmaken met een startkwalificatie",
        ],
        metingen: [
            ("met een startkwalificatie", true),
            ("dat voortijdig de school verlaat", false),
            ("met jeugdhulp", false),
        ],
        dienst: "opvoedondersteuning",
        activiteiten: [
            "Jongerenwerk",
            "Opvoedondersteuning",
            "Schoolmaatschappelijk werk",
        ],
    },
    Theme {
        naam: "Wonen",
        ambities: [
            "inwoners prettig wonen in een schone wijk",
            "inwoners een passende woning vinden",
        ],
        metingen: [
            ("dat tevreden is over de eigen buurt", true),
            ("dat overlast ervaart", false),
            ("met een passende woning", true),
        ],
        dienst: "urgentie voor een woning",
        activiteiten: ["Wijkbeheer", "Woonconsulenten", "Buurtbemiddeling"],
    },
    Theme {
        naam: "Gezondheid",
        ambities: [
            "inwoners gezond leven",
            "inwoners met een beperking zelfstandig blijven wonen",
        ],
        metingen: [
            ("dat de eigen gezondheid als goed ervaart", true),
            ("met overgewicht", false),
            ("dat voldoende beweegt", true),
        ],
        dienst: "Wmo-ondersteuning",
        activiteiten: [
            "Buurtsportcoaches",
            "Wmo-begeleiding",
            "Preventie in de wijk",
        ],
    },
    Theme {
        naam: "Meedoen",
        ambities: [
            "inwoners meedoen in hun buurt",
            "inwoners zich niet eenzaam voelen",
        ],
        metingen: [
            ("dat vrijwilligerswerk doet", true),
            ("dat zich sterk eenzaam voelt", false),
            ("dat mantelzorg geeft en zich overbelast voelt", false),
        ],
        dienst: "een maatje",
        activiteiten: ["Maatjesprojecten", "Mantelzorgondersteuning", "Buurthuizen"],
    },
    Theme {
        naam: "Veiligheid",
        ambities: [
            "inwoners zich veilig voelen in hun wijk",
            "minder inwoners slachtoffer worden van criminaliteit",
        ],
        metingen: [
            ("dat zich veilig voelt in de eigen buurt", true),
            ("dat slachtoffer werd van een misdrijf", false),
            ("dat huiselijk geweld meldt en hulp krijgt", true),
        ],
        dienst: "slachtofferhulp",
        activiteiten: [
            "Buurtpreventie",
            "Veilig Thuis in de wijk",
            "Wijkagenten en boa's",
        ],
    },
    Theme {
        naam: "Leren",
        ambities: [
            "inwoners goed kunnen lezen, schrijven en rekenen",
            "volwassenen blijven leren",
        ],
        metingen: [
            ("dat laaggeletterd is", false),
            ("dat een cursus of opleiding volgt", true),
            ("met digitale vaardigheden", true),
        ],
        dienst: "een taalcursus",
        activiteiten: ["Taalhuis", "Digitale vaardigheden", "Volwassenenonderwijs"],
    },
];

/// Who a share is about: "Aandeel <groep> <meting>". Three measures of
/// thirteen groups name a Rotterdam-sized domain's indicators once each.
const GROEPEN: [&str; 13] = [
    "inwoners",
    "jongeren (18-27 jaar)",
    "ouderen (65 jaar en ouder)",
    "alleenstaanden",
    "huishoudens met kinderen",
    "inwoners met een laag inkomen",
    "mannen",
    "vrouwen",
    "inwoners van 27 tot 65 jaar",
    "eenoudergezinnen",
    "inwoners met een beperking",
    "statushouders",
    "inwoners met een migratieachtergrond",
];

/// What the generated compass says of one indicator.
struct Naming {
    naam: String,
    /// The indicator as a result states it, after "We willen dat".
    resultaat: String,
}

/// The name of the `k`-th indicator of a domain, and a result stating it.
fn naming(theme: &Theme, k: usize, quarterly: bool) -> (Naming, bool) {
    let groep = GROEPEN[(k / theme.metingen.len()) % GROEPEN.len()];
    let round = k / (theme.metingen.len() * GROEPEN.len());
    let suffix = if round > 0 {
        format!(" ({})", round + 1)
    } else {
        String::new()
    };
    if quarterly {
        let naam = format!("Aanmeldingen voor {} ({groep}){suffix}", theme.dienst);
        let resultaat = format!("{groep} de weg naar {} weten te vinden", theme.dienst);
        return (Naming { naam, resultaat }, true);
    }
    let (meting, higher) = theme.metingen[k % theme.metingen.len()];
    let naam = format!("Aandeel {groep} {meting}{suffix}");
    let resultaat = format!(
        "het aandeel {groep} {meting}{suffix} {}",
        if higher { "stijgt" } else { "daalt" }
    );
    (Naming { naam, resultaat }, higher)
}

/// The area names of a compass with `n` areas.
pub fn area_names(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match GEBIEDEN.get(i) {
            Some(name) => (*name).to_owned(),
            None => format!("Gebied {}", i + 1),
        })
        .collect()
}

/// A small deterministic generator of made-up figures.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Writes a compass of `size` into `dir` (which must not hold one yet).
pub fn write(dir: &Path, size: Size) -> Result<()> {
    let areas = area_names(size.gebieden);
    let last_year = 2017;
    let first_year = last_year + 1 - size.jaren.max(2) as i32;
    let domains = size.domeinen.max(1);
    let mut dice = Dice(2017);
    let mut yaml = String::from(
        "# Een gegenereerd kompas op de schaal van een grote stad; alle cijfers zijn verzonnen.\n\
         gemeente:\n  naam: Rotterdam\n  cbs_code: GM0599\n  vergelijking: Nederland\n  \
         college:\n    burgemeester: A. Aboutaleb\n    secretaris: J. de Vries\n\ndomeinen:\n",
    );
    // Indicators are dealt to domains in turn, two to a result; a domain's
    // results are split over two ambitions.
    let per_domain: Vec<Vec<usize>> = (0..domains)
        .map(|d| (0..size.indicatoren).filter(|i| i % domains == d).collect())
        .collect();
    let quarterly = |i: usize| i % 10 == 7;
    let theme = |d: usize| &THEMES[d % THEMES.len()];
    let named = |i: usize| naming(theme(i % domains), i / domains, quarterly(i));
    for (d, inds) in per_domain.iter().enumerate() {
        let name = match d / THEMES.len() {
            0 => theme(d).naam.to_owned(),
            n => format!("{} ({})", theme(d).naam, n + 1),
        };
        let _ = write!(
            yaml,
            "  - id: domein-{d}\n    naam: {name}\n    monitoring: |\n      \
             Hoe het gaat met de inwoners op het gebied van {}, in het kort.\n    ambities:\n",
            theme(d).naam.to_lowercase()
        );
        let half = inds.len().div_ceil(2).next_multiple_of(2).max(2);
        for (a, chunk) in inds.chunks(half).enumerate() {
            let _ = write!(
                yaml,
                "      - id: ambitie-{d}-{a}\n        tekst: {}\n        resultaten:\n",
                theme(d).ambities[a % 2]
            );
            for (r, pair) in chunk.chunks(2).enumerate() {
                let ids: Vec<String> = pair.iter().map(|i| format!("ind-{i}")).collect();
                // A result states its first share; a pair of counts, the first count.
                let first = pair.iter().find(|&&i| !quarterly(i)).unwrap_or(&pair[0]);
                let _ = write!(
                    yaml,
                    "          - id: resultaat-{d}-{a}-{r}\n            tekst: {}\n            horizon: 2020\n            indicatoren: [{}]\n",
                    named(*first).0.resultaat,
                    ids.join(", ")
                );
            }
        }
    }
    yaml.push_str("\nindicatoren:\n");
    let mut values = String::from("indicator;gebied;periode;waarde;status\n");
    for i in 0..size.indicatoren {
        let (naming, higher) = named(i);
        let sign = if higher { 1.0 } else { -1.0 };
        let base = 20.0 + 60.0 * dice.next();
        // Each area starts within 4 points of the gemeente (its offset and
        // noise), so a streefwaarde 4 points and half a point a year
        // beyond the gemeente's nulmeting is ahead of every area's start:
        // never a target on the wrong side of a nulmeting.
        let step = sign * (0.4 + 1.2 * dice.next());
        let target = base + sign * (4.0 + 0.5 * f64::from(2020 - first_year));
        let _ = write!(
            yaml,
            "  - id: ind-{i}\n    naam: {}\n    eenheid: \"{}\"\n    richting: {}\n    frequentie: {}\n",
            naming.naam,
            if quarterly(i) { "aanmeldingen" } else { "%" },
            match (quarterly(i), higher) {
                (true, _) => "neutraal",
                (false, true) => "hoger-is-beter",
                (false, false) => "lager-is-beter",
            },
            if quarterly(i) { "kwartaal" } else { "jaar" },
        );
        if quarterly(i) {
            yaml.push_str("    aggregatie: som\n    bron: Gegenereerd\n");
        } else {
            let _ = write!(
                yaml,
                "    decimalen: 1\n    bron: Gegenereerd\n    nulmeting: {{periode: {first_year}, waarde: {base:.1}}}\n    \
                 streefwaarde: {{periode: 2020, waarde: {target:.1}}}\n"
            );
        }
        if quarterly(i) {
            // Counts per area; the gemeente's are their sum. Nederland has
            // none: a national count is no benchmark for a gemeente's.
            let periods: Vec<String> = (1..=4)
                .flat_map(|q| (last_year - 1..=last_year).map(move |y| format!("{y}-Q{q}")))
                .collect();
            let mut whole = vec![0.0; periods.len()];
            for area in &areas {
                for (sum, period) in whole.iter_mut().zip(&periods) {
                    let v = (20.0 + 15.0 * dice.next()).round();
                    *sum += v;
                    let _ = writeln!(values, "ind-{i};{area};{period};{v};");
                }
            }
            for (sum, period) in whole.iter_mut().zip(&periods) {
                if areas.is_empty() {
                    *sum = (20.0 + 15.0 * dice.next()).round();
                }
                let _ = writeln!(values, "ind-{i};;{period};{sum};");
            }
            continue;
        }
        let mut areas_and_whole: Vec<&str> = vec!["Rotterdam", "Nederland"];
        areas_and_whole.extend(areas.iter().map(String::as_str));
        for (k, area) in areas_and_whole.iter().enumerate() {
            let offset = if k == 0 { 0.0 } else { 6.0 * dice.next() - 3.0 };
            let gebied = if k == 0 { "" } else { area };
            for y in first_year..=last_year {
                let trend = base + offset + step * f64::from(y - first_year);
                // The gemeente's own nulmeting is its first value.
                let noise = if k == 0 && y == first_year {
                    0.0
                } else {
                    2.0 * dice.next() - 1.0
                };
                let shown = format!("{:.1}", trend + noise).replace('.', ",");
                let _ = writeln!(values, "ind-{i};{gebied};{y};{shown};");
            }
        }
    }
    yaml.push_str("\nactiviteiten:\n");
    for a in 0..size.activiteiten {
        let d = a % domains;
        let inds = &per_domain[d];
        let output = inds.get((a / domains) % inds.len().max(1));
        let begroot = 50_000.0 + (1_000.0 * (dice.next() * 900.0).round());
        let werkelijk = begroot * (0.85 + 0.3 * dice.next());
        // Activities are named by service and, past the first three of a
        // domain, by the area they work in.
        let service = theme(d).activiteiten[(a / domains) % 3];
        let naam = match (a / domains) / 3 {
            0 => service.to_owned(),
            n => match areas.get(n - 1) {
                Some(area) => format!("{service} {area}"),
                None => format!("{service} ({})", n + 1),
            },
        };
        let _ = write!(
            yaml,
            "  - id: activiteit-{a}\n    naam: {naam}\n    domein: domein-{d}\n    uitvoerders: [Gemeente Rotterdam]\n    \
             draagt_bij_aan: [resultaat-{d}-0-0]\n    kwaliteit: [Werkt volgens de afspraken]\n{}    \
             budget:\n      2017: {{begroot: {begroot:.0}, werkelijk: {werkelijk:.0}}}\n",
            output.map_or_else(String::new, |i| format!("    output: [ind-{i}]\n"))
        );
    }
    fs::create_dir_all(dir.join("waarden")).context("cannot create the folder")?;
    fs::create_dir_all(dir.join("rapporten")).context("cannot create the folder")?;
    fs::write(dir.join("kompas.yaml"), yaml)?;
    fs::write(dir.join("waarden/waarden.csv"), values)?;
    let motion_domains = (0..domains.min(2))
        .map(|d| format!("domein-{d}"))
        .collect::<Vec<_>>()
        .join(", ");
    let reports = [
        (
            "jaarverslag-2017",
            "soort: jaarverslag\ntitel: Jaarverslag 2017\nperiode: 2017\ndatum: 2018-04-12\n".to_owned(),
        ),
        (
            "kwartaal-2017-q4",
            "soort: kwartaalrapportage\ntitel: Stand van zaken, vierde kwartaal 2017\nperiode: 2017-Q4\ndatum: 2018-02-01\n".to_owned(),
        ),
        (
            "motie",
            format!(
                "soort: motiebeantwoording\ntitel: Beantwoording motie effecten\nperiode: 2017\ndatum: 2018-03-08\n\
                 domeinen: [{motion_domains}]\nmotie:\n  nummer: M2017-1\n  titel: Effecten meten\n  datum: 2017-11-09\n  \
                 verzoek: verzoekt het college de effecten te meten.\n  afdoening: lopend\nantwoord: Het college meet ze.\n"
            ),
        ),
    ];
    for (name, text) in reports {
        fs::write(dir.join(format!("rapporten/{name}.yaml")), text)?;
    }
    if let Some(area) = areas.get(1) {
        let slug = area.to_lowercase().replace(' ', "-");
        fs::write(
            dir.join(format!("rapporten/jaarverslag-2017-{slug}.yaml")),
            format!(
                "soort: jaarverslag\ntitel: Jaarverslag 2017\nperiode: 2017\ndatum: 2018-04-12\ngebied: {area}\n"
            ),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Per indicator id: whether higher is better, its nulmeting's period
    /// and its streefwaarde, read back from the written kompas.yaml.
    fn targets(yaml: &str) -> Vec<(String, bool, String, f64)> {
        let mut out = Vec::new();
        for block in yaml.split("  - id: ind-").skip(1) {
            let field = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.trim().strip_prefix(key))
                    .map(str::to_owned)
            };
            let (Some(nul), Some(streef)) = (field("nulmeting: "), field("streefwaarde: ")) else {
                continue;
            };
            let number = |s: &str| -> f64 {
                s.rsplit("waarde: ")
                    .next()
                    .unwrap()
                    .trim_end_matches('}')
                    .parse()
                    .unwrap()
            };
            let period = nul
                .split(", ")
                .next()
                .unwrap()
                .trim_start_matches("{periode: ");
            let id = format!("ind-{}", block.lines().next().unwrap());
            let higher = field("richting: ").as_deref() == Some("hoger-is-beter");
            out.push((id, higher, period.to_owned(), number(&streef)));
        }
        out
    }

    #[test]
    fn a_gemeentes_count_is_the_sum_of_its_areas() {
        let dir = tempfile::tempdir().unwrap();
        let size = Size {
            gebieden: 3,
            domeinen: 2,
            indicatoren: 12,
            activiteiten: 2,
            jaren: 2,
        };
        write(dir.path(), size).unwrap();
        let csv = fs::read_to_string(dir.path().join("waarden/waarden.csv")).unwrap();
        let rows: Vec<Vec<&str>> = csv
            .lines()
            .skip(1)
            .map(|l| l.split(';').collect())
            .collect();
        let quarters: Vec<&Vec<&str>> = rows.iter().filter(|c| c[2].contains("-Q")).collect();
        let wholes: Vec<&&Vec<&str>> = quarters.iter().filter(|c| c[1].is_empty()).collect();
        assert!(!wholes.is_empty());
        for whole in wholes {
            let parts: Vec<f64> = quarters
                .iter()
                .filter(|c| c[0] == whole[0] && c[2] == whole[2] && !c[1].is_empty())
                .map(|c| c[3].parse().unwrap())
                .collect();
            // Three areas, no national count.
            assert_eq!(parts.len(), 3, "{whole:?}");
            assert_eq!(parts.iter().sum::<f64>(), whole[3].parse::<f64>().unwrap());
        }
    }

    #[test]
    fn every_streefwaarde_lies_ahead_of_every_areas_nulmeting() {
        let dir = tempfile::tempdir().unwrap();
        let size = Size {
            gebieden: 14,
            domeinen: 3,
            indicatoren: 30,
            activiteiten: 6,
            jaren: 10,
        };
        write(dir.path(), size).unwrap();
        let yaml = fs::read_to_string(dir.path().join("kompas.yaml")).unwrap();
        let csv = fs::read_to_string(dir.path().join("waarden/waarden.csv")).unwrap();
        let targets = targets(&yaml);
        assert!(targets.len() > 20);
        for (id, higher, period, target) in targets {
            let starts = csv
                .lines()
                .map(|l| l.split(';').collect::<Vec<_>>())
                .filter(|c| c[0] == id && c[2] == period)
                .map(|c| c[3].replace(',', ".").parse::<f64>().unwrap());
            for start in starts {
                let ahead = if higher {
                    target > start
                } else {
                    target < start
                };
                assert!(ahead, "{id}: streefwaarde {target}, nulmeting {start}");
            }
        }
    }

    #[test]
    fn names_read_as_dutch() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), Size::ROTTERDAM).unwrap();
        let yaml = fs::read_to_string(dir.path().join("kompas.yaml")).unwrap();
        assert!(yaml.contains("naam: Aandeel inwoners met een bijstandsuitkering\n"));
        assert!(yaml.contains("tekst: het aandeel inwoners met een bijstandsuitkering daalt\n"));
        assert!(!yaml.contains("doel 1 van ambitie"));
        // No two indicators share a name.
        let mut names: Vec<&str> = yaml
            .lines()
            .filter(|l| l.starts_with("    naam: Aan"))
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all);
    }
}
