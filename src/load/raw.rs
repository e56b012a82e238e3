//! The input files as written, before any checking: one struct per YAML
//! mapping of FORMAT.md, with the source position of every id, reference,
//! period and number so later stages can point back into the file.
//!
//! Enumerations (`richting`, `soort`, ...) stay strings here: the model
//! checks them, so that one run reports every bad value, not just the first.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

/// A YAML value with its position in the file.
pub type S<T> = Spanned<T>;

/// `kompas.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KompasFile {
    pub gemeente: Gemeente,
    #[serde(default)]
    pub taal: Option<S<String>>,
    /// The areas values may be given for, when listed (FORMAT.md section 7).
    #[serde(default)]
    pub gebieden: Option<Vec<Gebied>>,
    pub domeinen: Vec<Domein>,
    #[serde(default)]
    pub indicatoren: Vec<Indicator>,
    #[serde(default)]
    pub activiteiten: Vec<Activiteit>,
    #[serde(default)]
    pub huisstijl: Option<Huisstijl>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gemeente {
    pub naam: S<String>,
    #[serde(default)]
    pub cbs_code: Option<S<String>>,
    #[serde(default)]
    pub vergelijking: Option<S<String>>,
    /// Who signs a raadsinformatiebrief.
    #[serde(default)]
    pub college: Option<College>,
}

/// The signatories of the college's letters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct College {
    #[serde(default)]
    pub burgemeester: Option<String>,
    #[serde(default)]
    pub secretaris: Option<String>,
}

/// An area values may be given for: a wijk, or a benchmark.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gebied {
    pub naam: S<String>,
    #[serde(default)]
    pub cbs_code: Option<S<String>>,
}

/// Optional house style: a logo and an accent colour.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Huisstijl {
    #[serde(default)]
    pub logo: Option<S<String>>,
    #[serde(default)]
    pub kleur: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domein {
    pub id: S<String>,
    pub naam: S<String>,
    #[serde(default)]
    pub monitoring: Option<S<String>>,
    #[serde(default)]
    pub context: Vec<S<String>>,
    #[serde(default)]
    pub ambities: Vec<Ambitie>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ambitie {
    pub id: S<String>,
    pub tekst: S<String>,
    #[serde(default)]
    pub resultaten: Vec<Resultaat>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resultaat {
    pub id: S<String>,
    pub tekst: S<String>,
    #[serde(default)]
    pub horizon: Option<S<PeriodText>>,
    #[serde(default)]
    pub soort: Option<S<String>>,
    #[serde(default)]
    pub indicatoren: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: S<String>,
    pub naam: S<String>,
    #[serde(default)]
    pub eenheid: Option<String>,
    pub richting: S<String>,
    pub frequentie: S<String>,
    /// How values add up over a longer period: som | gemiddelde | laatste.
    #[serde(default)]
    pub aggregatie: Option<S<String>>,
    #[serde(default)]
    pub decimalen: Option<S<u8>>,
    #[serde(default)]
    pub bron: Option<String>,
    #[serde(default)]
    pub definitie: Option<String>,
    /// The benchmark area for this indicator, when not the gemeente's.
    #[serde(default)]
    pub vergelijking: Option<String>,
    #[serde(default)]
    pub nulmeting: Option<Meetpunt>,
    #[serde(default)]
    pub streefwaarde: Option<Meetpunt>,
}

/// A baseline or target: a value at a period.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meetpunt {
    pub periode: S<PeriodText>,
    pub waarde: S<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activiteit {
    pub id: S<String>,
    pub naam: S<String>,
    pub domein: S<String>,
    #[serde(default)]
    pub uitvoerders: Vec<String>,
    #[serde(default)]
    pub draagt_bij_aan: Vec<S<String>>,
    #[serde(default)]
    pub kwaliteit: Vec<String>,
    #[serde(default)]
    pub output: Vec<S<String>>,
    #[serde(default)]
    pub outcome: Vec<S<String>>,
    #[serde(default)]
    pub budget: PeriodMap<Budget>,
    #[serde(default)]
    pub verbeterpunten: Vec<Verbeterpunt>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub begroot: S<f64>,
    #[serde(default)]
    pub werkelijk: Option<S<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verbeterpunt {
    pub tekst: S<String>,
    #[serde(default)]
    pub eigenaar: Option<String>,
    #[serde(default)]
    pub gereed: Option<S<PeriodText>>,
    pub status: S<String>,
}

/// `waarden/*.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaardenFile {
    pub waarden: Vec<Reeks>,
}

/// One indicator's series for one area.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reeks {
    pub indicator: S<String>,
    #[serde(default)]
    pub gebied: Option<S<String>>,
    pub reeks: PeriodMap<f64>,
    #[serde(default)]
    pub status: PeriodMap<String>,
}

/// `rapporten/*.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RapportFile {
    pub soort: S<String>,
    pub titel: S<String>,
    pub periode: S<PeriodText>,
    pub datum: S<PeriodText>,
    #[serde(default)]
    pub vorige_periode: Option<S<PeriodText>>,
    #[serde(default)]
    pub domeinen: Option<S<Vec<S<String>>>>,
    #[serde(default)]
    pub inleiding: Option<S<String>>,
    #[serde(default)]
    pub toelichting: TextMap,
    #[serde(default)]
    pub motie: Option<S<Motie>>,
    #[serde(default)]
    pub antwoord: Option<S<String>>,
    /// An edition for one area: its values are the main series.
    #[serde(default)]
    pub gebied: Option<S<String>>,
    /// The letter's reference (kwartaalrapportage).
    #[serde(default)]
    pub kenmerk: Option<S<String>>,
    /// Who to ask about the letter (kwartaalrapportage).
    #[serde(default)]
    pub contactpersoon: Option<S<String>>,
}

/// The council motion a motiebeantwoording answers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Motie {
    pub nummer: S<String>,
    pub titel: S<String>,
    pub datum: S<PeriodText>,
    pub verzoek: S<String>,
    /// afgedaan | lopend: the answer's conclusion.
    #[serde(default)]
    pub afdoening: Option<S<String>>,
}

/// A scalar written as a period or a date: `2017`, `2017-Q3`, `2018-04-12`.
///
/// YAML reads `2017` as a number and `2017-Q3` as a string; both arrive here
/// as text, so the model can parse and report them alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodText(pub String);

impl<'de> Deserialize<'de> for PeriodText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PeriodText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period like 2017, 2017-Q3 or 2017-09")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PeriodText, E> {
                Ok(PeriodText(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PeriodText, E> {
                Ok(PeriodText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PeriodText, E> {
                Ok(PeriodText(v.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A mapping keyed by period, in file order, every key with its position.
#[derive(Debug)]
pub struct PeriodMap<T>(pub Vec<(S<PeriodText>, S<T>)>);

impl<T> Default for PeriodMap<T> {
    fn default() -> Self {
        PeriodMap(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for PeriodMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(PeriodMap(
            deserializer.deserialize_map(PairsVisitor::new())?,
        ))
    }
}

/// A mapping from ids to free texts (`toelichting`), in file order.
#[derive(Debug, Default)]
pub struct TextMap(pub Vec<(S<String>, S<String>)>);

impl<'de> Deserialize<'de> for TextMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(TextMap(deserializer.deserialize_map(PairsVisitor::new())?))
    }
}

/// Reads a mapping as a list of spanned key/value pairs.
struct PairsVisitor<K, V>(std::marker::PhantomData<(K, V)>);

impl<K, V> PairsVisitor<K, V> {
    fn new() -> Self {
        PairsVisitor(std::marker::PhantomData)
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<K, V> {
    type Value = Vec<(S<K>, S<V>)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<S<K>>()? {
            pairs.push((key, map.next_value::<S<V>>()?));
        }
        Ok(pairs)
    }
}
