//! `taal: en`: every word of kompas's own in English, numbers, amounts,
//! dates and periods written the English way; the user's texts as written.

use std::fs;

use kompas::model::{CbsStatus, Status, Taal};
use kompas::view::Labels;

use crate::common::*;

const KOMPAS: &str = "gemeente:
  naam: Riverton
  vergelijking: Netherlands
taal: en
domeinen:
  - id: income
    naam: Income
    monitoring: |
      Most residents make ends meet. The latest figure is {{ waarde(\"benefits\") }}.
    context: [households]
    ambities:
      - id: basic-needs
        tekst: residents can provide for their basic needs
        resultaten:
          - id: fewer-benefits
            tekst: fewer residents depend on welfare benefits
            horizon: 2020
            indicatoren: [benefits, sign-ups]
          - id: litter
            tekst: streets stay clean
            horizon: 2019
            soort: proces
            indicatoren: [litter]
indicatoren:
  - id: benefits
    naam: Residents on welfare benefits
    eenheid: per 1.000 residents
    richting: lager-is-beter
    frequentie: jaar
    decimalen: 1
    bron: Statistics Netherlands
    definitie: Residents aged 15 and over on welfare benefits, per 1,000.
    nulmeting: {periode: 2015, waarde: 25.0}
    streefwaarde: {periode: 2020, waarde: 20.0}
  - id: sign-ups
    naam: Debt help sign-ups
    eenheid: sign-ups
    richting: hoger-is-beter
    frequentie: kwartaal
    aggregatie: som
    nulmeting: {periode: 2016, waarde: 30}
    streefwaarde: {periode: 2018, waarde: 40}
  - id: households
    naam: Households with a low income
    eenheid: \"%\"
    richting: neutraal
    frequentie: jaar
    decimalen: 1
  - id: litter
    naam: Litter reports
    eenheid: reports
    richting: lager-is-beter
    frequentie: jaar
    nulmeting: {periode: 2013, waarde: 1250}
    streefwaarde: {periode: 2019, waarde: 1000}
  - id: costs
    naam: Cost per participant
    eenheid: euro
    richting: lager-is-beter
    frequentie: jaar
activiteiten:
  - id: debt-help
    naam: Debt help
    domein: income
    uitvoerders: [Riverton Credit Bank]
    draagt_bij_aan: [fewer-benefits]
    kwaliteit: [Follows the national code of conduct]
    output: [sign-ups, costs]
    budget:
      2017: {begroot: 91250, werkelijk: 95000}
    verbeterpunten:
      - tekst: Shorter waiting times
        eigenaar: Credit bank
        gereed: 2018-Q2
        status: lopend
";

const VALUES: &str = "indicator,gebied,periode,waarde,status
benefits,,2015,25.0,definitief
benefits,,2016,24.5,definitief
benefits,,2017,24.0,voorlopig
benefits,Netherlands,2017,35.5,
benefits,North,2017,30.5,
benefits,South,2017,18.0,
benefits,North,2016,31.0,
sign-ups,,2016-Q1,7,
sign-ups,,2016-Q2,8,
sign-ups,,2016-Q3,7,
sign-ups,,2016-Q4,8,
sign-ups,,2017-Q1,8,
sign-ups,,2017-Q2,9,
sign-ups,,2017-Q3,6,
sign-ups,,2017-Q4,11,
households,,2017,12.5,
litter,,2013,1250,
costs,,2017,91250,
";

const REPORTS: [(&str, &str); 3] = [
    (
        "annual.yaml",
        "soort: jaarverslag
titel: Annual report 2017
periode: 2017
datum: 2018-04-12
inleiding: |
  The result \"fewer benefits\" {{ oordeel(\"fewer-benefits\") }}.
toelichting:
  benefits: The decline continues.
",
    ),
    (
        "letter.yaml",
        "soort: kwartaalrapportage
titel: Progress, fourth quarter
periode: 2017-Q4
datum: 2018-02-01
inleiding: Dear council members,
",
    ),
    (
        "motion.yaml",
        "soort: motiebeantwoording
titel: Answer to the motion on effects
periode: 2017
datum: 2018-03-08
motie:
  nummer: M2017-23
  titel: Measure the effects
  datum: 2017-11-09
  verzoek: asks the executive to measure the effects.
antwoord: We measure them, as this answer shows.
",
    ),
];

/// The English compass, written to a temporary folder.
fn english() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("waarden")).unwrap();
    fs::create_dir_all(dir.path().join("rapporten")).unwrap();
    fs::write(dir.path().join("kompas.yaml"), KOMPAS).unwrap();
    fs::write(dir.path().join("waarden/values.csv"), VALUES).unwrap();
    for (name, text) in REPORTS {
        fs::write(dir.path().join("rapporten").join(name), text).unwrap();
    }
    dir
}

/// Every word of kompas's own Dutch table that differs from the English
/// one: labels, status words, kinds of report, CBS marks, months.
fn dutch_words() -> Vec<String> {
    let (nl, en) = (
        Labels::for_language(Taal::Nl),
        Labels::for_language(Taal::En),
    );
    let (nl_json, en_json) = (
        serde_json::to_value(&nl).unwrap(),
        serde_json::to_value(&en).unwrap(),
    );
    let mut words: Vec<String> = Vec::new();
    for (key, value) in nl_json.as_object().unwrap() {
        let values: Vec<&str> = match value {
            serde_json::Value::String(s) => vec![s.as_str()],
            serde_json::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
            _ => vec![],
        };
        for v in values {
            if Some(v) != en_json[key].as_str() {
                words.push(v.to_owned());
            }
        }
    }
    for s in Status::ALL {
        words.push(nl.status(s).to_owned());
    }
    for c in [CbsStatus::Voorlopig, CbsStatus::Definitief] {
        words.push(nl.cbs(c).to_owned());
    }
    words.extend(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "oktober",
            "kwartaal",
            "t/m",
            "jaarlijks",
            "Gemeente",
            "Raadsinformatiebrief",
            "Jaarverslag",
            "Motiebeantwoording",
            "voordelig",
            "nadelig",
        ]
        .map(String::from),
    );
    // Words too short to tell apart from English or from names ("In", "Van").
    words.retain(|w| w.chars().count() > 3);
    words
}

/// Whether `word` stands in `text` as a word of its own.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

#[test]
fn an_english_report_has_no_dutch_of_kompas_own() {
    let dir = english();
    let words = dutch_words();
    assert!(words.len() > 80, "{} words", words.len());
    for report in ["annual", "letter", "motion"] {
        let text = text(&render(dir.path(), report));
        let found: Vec<&String> = words.iter().filter(|w| has_word(&text, w)).collect();
        assert!(
            found.is_empty(),
            "{report}: Dutch words {found:?} in:\n{text}"
        );
    }
}

#[test]
fn english_numbers_dates_and_periods() {
    let dir = english();
    let annual = text(&render(dir.path(), "annual"));
    for part in [
        "Municipality of Riverton Annual report 2017",
        "Date 12 April 2018",
        "The result \"fewer benefits\" needs attention (2017, provisional).",
        "The latest figure is 24.0 per 1.000 residents (provisional).",
        "24.0 per 1.000 residents measured 2017",
        "measured 2017 , provisional needs attention (2017, provisional)",
        "Baseline 25.0 per 1.000 residents (2015)",
        "Benchmark Netherlands: 35.5 per 1.000 residents (2017)",
        "By area: Residents on welfare benefits (per 1.000 residents) Area 2017 2016",
        "North 30.5 31.0",
        // South has no value of 2016.
        "South 18.0 –",
        // A quarterly count adds up to the year.
        "34 sign-ups total 2017",
        // The only figure is the baseline: not judged; and it is old.
        "not yet assessable (2013, outdated)",
        "€ 91,250",
        "Debt help € 91,250 € 95,000 € 3,750 U",
        "12.5%",
        "F = favourable (less spent than budgeted), U = unfavourable (more spent than budgeted).",
    ] {
        assert!(annual.contains(part), "{part:?} missing from:\n{annual}");
    }
    let letter = text(&render(dir.path(), "letter"));
    for part in [
        "Council information letter",
        "Date 1 February 2018",
        "Period fourth quarter of 2017",
        "What has changed?",
        "compared with the third quarter of 2017",
        "11 sign-ups (measured fourth quarter of 2017)",
    ] {
        assert!(letter.contains(part), "{part:?} missing from:\n{letter}");
    }
    let motion = text(&render(dir.path(), "motion"));
    assert!(motion.contains("Motion M2017-23"), "{motion}");
    assert!(motion.contains("The executive's answer"), "{motion}");
}

#[test]
fn english_frames_no_user_text_in_a_dutch_or_hybrid_sentence() {
    let dir = english();
    let annual = text(&render(dir.path(), "annual"));
    assert!(
        annual.contains("Ambition: residents can provide for their basic needs"),
        "{annual}"
    );
    assert!(
        annual.contains("Outcome by 2020: fewer residents depend on welfare benefits"),
        "{annual}"
    );
    assert!(!annual.contains("We want"), "{annual}");
}

#[test]
fn english_periods_changes_and_pages() {
    let dir = english();
    for report in ["annual", "letter", "motion"] {
        let pdf = render(dir.path(), report);
        let text = text(&pdf);
        assert!(!text.contains("-Q"), "{report}: a period code in:\n{text}");
        assert_pages_filled(report, &pdf, 200);
        for (n, page) in pages(&pdf).iter().enumerate() {
            assert!(
                !page.contains("Moved against the desired direction Municipality of"),
                "{report} page {} ends on a heading:\n{page}",
                n + 1
            );
        }
    }
    let annual = text(&render(dir.path(), "annual"));
    assert!(annual.contains("2018 Q2"), "{annual}");
}
