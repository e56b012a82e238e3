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

const DOMEINEN: [&str; 8] = [
    "Rondkomen",
    "Werken",
    "Opgroeien",
    "Wonen",
    "Gezondheid",
    "Meedoen",
    "Veiligheid",
    "Leren",
];

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
    // Indicators are dealt to domains in turn, two to a result.
    let per_domain: Vec<Vec<usize>> = (0..domains)
        .map(|d| (0..size.indicatoren).filter(|i| i % domains == d).collect())
        .collect();
    for (d, inds) in per_domain.iter().enumerate() {
        let name = DOMEINEN
            .get(d)
            .map_or_else(|| format!("Domein {}", d + 1), |n| (*n).to_owned());
        let _ = write!(
            yaml,
            "  - id: domein-{d}\n    naam: {name}\n    monitoring: |\n      \
             Hoe het gaat met de inwoners op het gebied van {}, in het kort.\n    ambities:\n",
            name.to_lowercase()
        );
        for (a, chunk) in inds.chunks(6).enumerate() {
            let _ = write!(
                yaml,
                "      - id: ambitie-{d}-{a}\n        tekst: inwoners op het gebied van {} verder komen ({})\n        resultaten:\n",
                name.to_lowercase(),
                a + 1
            );
            for (r, pair) in chunk.chunks(2).enumerate() {
                let ids: Vec<String> = pair.iter().map(|i| format!("ind-{i}")).collect();
                let _ = write!(
                    yaml,
                    "          - id: resultaat-{d}-{a}-{r}\n            tekst: meer inwoners halen doel {} van ambitie {}\n            horizon: 2020\n            indicatoren: [{}]\n",
                    r + 1,
                    a + 1,
                    ids.join(", ")
                );
            }
        }
    }
    yaml.push_str("\nindicatoren:\n");
    let mut values = String::from("indicator;gebied;periode;waarde;status\n");
    for i in 0..size.indicatoren {
        let quarterly = i % 10 == 7;
        let higher = i % 3 != 0;
        let base = 20.0 + 60.0 * dice.next();
        let step = if higher { 0.6 } else { -0.6 };
        let _ = write!(
            yaml,
            "  - id: ind-{i}\n    naam: Indicator {i}, {}\n    eenheid: \"{}\"\n    richting: {}\n    frequentie: {}\n",
            if quarterly {
                "aanmeldingen per kwartaal"
            } else {
                "aandeel inwoners"
            },
            if quarterly { "aanmeldingen" } else { "%" },
            if higher {
                "hoger-is-beter"
            } else {
                "lager-is-beter"
            },
            if quarterly { "kwartaal" } else { "jaar" },
        );
        if quarterly {
            yaml.push_str("    aggregatie: som\n");
        } else {
            let _ = write!(
                yaml,
                "    decimalen: 1\n    bron: Gegenereerd\n    nulmeting: {{periode: {first_year}, waarde: {base:.1}}}\n    \
                 streefwaarde: {{periode: 2020, waarde: {:.1}}}\n",
                base + step * 8.0
            );
        }
        let mut areas_and_whole: Vec<&str> = vec!["Rotterdam", "Nederland"];
        areas_and_whole.extend(areas.iter().map(String::as_str));
        for (k, area) in areas_and_whole.iter().enumerate() {
            let offset = if k == 0 {
                0.0
            } else {
                10.0 * dice.next() - 5.0
            };
            let gebied = if k == 0 { "" } else { area };
            if quarterly {
                for q in 1..=4 {
                    for y in last_year - 1..=last_year {
                        let v = (20.0 + 15.0 * dice.next()).round();
                        let _ = writeln!(values, "ind-{i};{gebied};{y}-Q{q};{v};");
                    }
                }
            } else {
                for y in first_year..=last_year {
                    let trend = base + offset + step * f64::from(y - first_year);
                    let v = trend + 2.0 * dice.next() - 1.0;
                    let shown = format!("{v:.1}").replace('.', ",");
                    let _ = writeln!(values, "ind-{i};{gebied};{y};{shown};");
                }
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
        let _ = write!(
            yaml,
            "  - id: activiteit-{a}\n    naam: Activiteit {a}\n    domein: domein-{d}\n    uitvoerders: [Gemeente Rotterdam]\n    \
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
