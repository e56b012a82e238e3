//! The three kinds of report, each on its own terms: the annual report's
//! BBV questions and budget totals, the quarterly letter's changes, the
//! motion block, and what all share: the summary counts and the wijk
//! table. Asserted on the PDF's text.

use std::fs;
use std::path::Path;

use crate::common::*;

/// Asserts that `parts` appear in `text` in this order.
fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match text[from..].find(part) {
            Some(at) => from += at + part.len(),
            None => panic!("missing {part:?} after byte {from} in:\n{text}"),
        }
    }
}

/// The bad-input base compass with `extra` appended to kompas.yaml and
/// the given files written, rendered as `report`.
fn render_base(extra: &str, files: &[(&str, &str)], report: &str) -> String {
    let dir = base();
    let kompas = dir.path().join("kompas.yaml");
    let mut text = fs::read_to_string(&kompas).unwrap();
    text.push_str(extra);
    fs::write(&kompas, text).unwrap();
    for (path, contents) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).unwrap();
        fs::write(path, contents).unwrap();
    }
    crate::common::text(&render(dir.path(), report))
}

#[test]
fn the_summary_counts_each_status_per_domain() {
    let dir = fixture("culemborg");
    // The status word is a box of its own; the text extraction puts a
    // space between it and the colon that follows.
    let text = text(&render(dir.path(), "jaarverslag-2017")).replace(" :", ":");
    assert_in_order(
        &text,
        &[
            "In één oogopslag Per maatschappelijk resultaat",
            "Rondkomen",
            "minder inwoners afhankelijk zijn van een bijstandsuitkering aandacht (2017, voorlopig)",
            "minder inwoners budgetbeheer of bewindvoering nodig hebben niet op koers (2016)",
            // Only the statuses that occur are counted.
            "aandacht: 1 niet op koers: 1 gevolgd: 1 Werken",
            "op koers: 2 Opgroeien",
            // The last figure is from 2012: too old to judge.
            "minder jongeren voor een delict voor de rechter komen verouderd (2012)",
            "Wonen en leefomgeving",
            // The only figure of 2015 is the nulmeting itself: no evidence either way.
            "vernieling in de openbare ruimte niet toeneemt nog niet te beoordelen (2015)",
            "nog niet te beoordelen: 2",
        ],
    );
}

#[test]
fn the_annual_report_asks_the_three_bbv_questions_and_totals_the_budgets() {
    let activities = "  - id: budgetcoach
    naam: Budgetcoach
    domein: rondkomen
    draagt_bij_aan: [minder-bijstand]
    budget:
      2017: {begroot: 100000, werkelijk: 90000}
  - id: loket
    naam: Loket
    domein: rondkomen
    draagt_bij_aan: [minder-bijstand]
    budget:
      2017: {begroot: 50000, werkelijk: 65500}
";
    let text = render_base(activities, &[], "jaarverslag");
    assert_in_order(
        &text,
        &[
            "Rondkomen",
            "Wat hebben we bereikt?",
            "minder inwoners bijstand hebben",
            "Wat hebben we daarvoor gedaan?",
            "Budgetcoach",
            "Wat leverde het op?",
            "Loket",
            "Wat leverde het op?",
            "Wat heeft het gekost?",
            // The BBV's marks: V less spent than budgeted, N more.
            "V = voordelig (minder uitgegeven dan begroot), N = nadelig (meer uitgegeven dan begroot).",
            "Budgetcoach € 100.000 € 90.000 € 10.000 V",
            "Loket € 50.000 € 65.500 € 15.500 N",
            "Totaal € 150.000 € 155.500 € 5.500 N",
        ],
    );
}

#[test]
fn the_quarterly_letter_says_what_changed_against_the_previous_period() {
    let values = "waarden:
  - indicator: bijstand
    reeks: {2016: 28.0, 2017: 29.5}
";
    let report = "soort: kwartaalrapportage
titel: Stand van zaken
periode: 2017
datum: 2018-01-25
";
    let text = render_base(
        "",
        &[
            ("waarden/w.yaml", values),
            ("rapporten/kwartaal.yaml", report),
        ],
        "kwartaal",
    );
    assert_in_order(
        &text,
        &[
            "College van burgemeester en wethouders van Teststad Raadsinformatiebrief",
            "Aan de gemeenteraad van Teststad",
            "Datum 25 januari 2018",
            "Onderwerp Stand van zaken",
            "Geachte leden van de raad,",
            "Met vriendelijke groet, College van burgemeester en wethouders van Teststad,",
            "Wat is er veranderd?",
            "ten opzichte van 2016",
            "Nieuwe metingen",
            "Bijstand: 29,5 per 1.000 inwoners (meting 2017)",
            "Statuswijzigingen",
            "Bijstand: op koers (2016) → aandacht (2017)",
            "In de ongewenste richting bewogen",
            "Bijstand: van 28,0 per 1.000 inwoners (2016) naar 29,5 per 1.000 inwoners (2017)",
            "In één oogopslag",
            "Activiteiten: wat leverde het op?",
            "Activiteiten Output Outcome Budget",
            "Schuldhulp – – –",
            "Verantwoording",
        ],
    );
}

#[test]
fn the_quarterly_letter_names_a_quarter_before_its_own_when_none_is_given() {
    let dir = fixture("voorbeeld");
    let path = dir.path().join("rapporten/kwartaal.yaml");
    let report = fs::read_to_string(&path).unwrap();
    let report: String = report
        .lines()
        .filter(|l| !l.starts_with("vorige_periode:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&path, report).unwrap();
    let text = text(&render(dir.path(), "kwartaal"));
    assert!(
        text.contains("ten opzichte van het derde kwartaal 2017"),
        "{text}"
    );
}

#[test]
fn the_motion_answer_quotes_the_motion_before_the_colleges_answer() {
    let dir = fixture("culemborg");
    let text = text(&render(dir.path(), "motie-effecten"));
    assert_in_order(
        &text,
        &[
            "Motie M2017-23",
            "Effecten sociaal domein inzichtelijk maken",
            "Datum: 9 november 2017",
            "Verzoek van de raad",
            "verzoekt het college de effecten van het beleid in het sociaal domein te meten en daarover inzichtelijk te rapporteren.",
            "Antwoord van het college",
            "Het resultaat ‘minder bijstand’ vraagt aandacht (2017, voorlopig); het resultaat ‘meer uitstroom naar werk’ ligt op koers (2017).",
            "In één oogopslag",
            "Rondkomen",
            "Werken",
        ],
    );
    // Only the domains the motion concerns: the others are named once,
    // as left out, and none of their figures is shown.
    assert!(!text.contains("Inwoners waarderen hun buurt"), "{text}");
    assert!(!text.contains("Vernieling en beschadiging"), "{text}");
}

#[test]
fn values_per_wijk_are_a_sorted_table_with_the_gemeente_among_them() {
    let dir = fixture("culemborg");
    let text = text(&render(dir.path(), "jaarverslag-2017"));
    assert_in_order(
        &text,
        &[
            "Vernieling en beschadiging in de openbare ruimte",
            // Named with its indicator (it may start a page) and its unit
            // once; the one period all values are of, as the column's
            // header. No wijk has an earlier value: no column for one.
            "Per wijk: Vernieling en beschadiging in de openbare ruimte (per 1.000 inwoners)",
            "Gebied 2015",
            "Parijsch 3,8",
            "Lanxmeer 4,3",
            "Terweijde 6,9",
            "West 7,4",
            "Culemborg 8,7",
            "Oost 9,1",
            "Binnenstad 14,2",
        ],
    );
    assert!(!text.contains("3,8 per 1.000 inwoners"), "{text}");
}

#[test]
fn a_wijk_table_names_a_rows_period_when_the_rows_differ() {
    let dir = fixture("culemborg");
    let csv = dir.path().join("waarden/vernieling-wijken.csv");
    let older = fs::read_to_string(&csv)
        .unwrap()
        .replace("Oost;2015;9,1", "Oost;2014;9,6");
    fs::write(&csv, older).unwrap();
    let text = text(&render(dir.path(), "jaarverslag-2017"));
    assert_in_order(
        &text,
        &[
            "Per wijk: Vernieling en beschadiging in de openbare ruimte (per 1.000 inwoners)",
            // Values of 2015 and one of 2014: no one period for the
            // column, so each value says its own.
            "Gebied Waarde",
            "Parijsch 3,8 (2015)",
            "Culemborg 8,7 (2015)",
            "Oost 9,6 (2014)",
            "Binnenstad 14,2 (2015)",
        ],
    );
}

#[test]
fn the_appendix_accounts_for_every_indicator_and_the_status_rule() {
    let dir = fixture("culemborg");
    let text = text(&render(dir.path(), "jaarverslag-2017"));
    let appendix = &text[text.rfind("Alle indicatoren in dit rapport").expect(&text)..];
    assert_in_order(
        appendix,
        &[
            "Indicator Definitie Bron Frequentie Meting",
            "Personen met een bijstandsuitkering (15 jaar en ouder)",
            "Bijstandsontvangers van 15 jaar en ouder per 1.000 inwoners van 15 jaar en ouder.",
            "CBS StatLine 83450NED, 83747NED, 84066NED",
            "jaarlijks 2017 (voorlopig)",
            "Inwoners met budgetbeheer of bewindvoering via bijzondere bijstand",
            "jaarlijks 2016 Huishoudens",
            "Aanmeldingen voor schuldhulp",
            "per kwartaal 2017",
            "Jongeren met een delict voor de rechter",
            "jaarlijks 2012 *",
            "* verouderd: meer dan twee perioden ouder dan de rapportageperiode",
            "Zo bepalen we de status",
            "Een maatschappelijk resultaat krijgt de slechtste status van zijn beoordeelde indicatoren; staat erbij ‘1 van 2 beoordeeld’, dan kon niet elke indicator met streefwaarde worden beoordeeld.",
        ],
    );
    // Every indicator the report shows is accounted for.
    for name in [
        "Uitstroom uit de uitkering",
        "Huishoudens die bijzondere bijstand ontvangen",
        "Jongeren met een delict voor de rechter",
        "Vernieling en beschadiging in de openbare ruimte",
        "Omvang huishoudelijk restafval",
    ] {
        assert!(appendix.contains(name), "{name} missing from the appendix");
    }
}

#[test]
fn each_domain_opens_with_a_dashboard_page_holding_all_its_indicators() {
    let dir = fixture("culemborg");
    let pdf = render(dir.path(), "jaarverslag-2017");
    let pages = pages(&pdf);
    let checked = kompas::run::check_all(dir.path(), None).unwrap();
    let model = checked.model.as_ref().unwrap();
    let compass = &model.compass;
    let built = checked
        .built
        .iter()
        .find(|b| model.reports[b.report].name == "jaarverslag-2017")
        .unwrap();
    for (d, dom) in compass.domeinen.iter().enumerate() {
        let page = pages
            .iter()
            .find(|p| p.starts_with(&dom.naam) && p.contains("Activiteiten: wat leverde het op?"))
            .unwrap_or_else(|| panic!("no dashboard page for {}", dom.naam));
        assert!(page.contains("Activiteiten: wat leverde het op?"), "{page}");
        let mut ids: Vec<usize> = dom
            .ambities
            .iter()
            .flat_map(|a| &a.resultaten)
            .flat_map(|&r| compass.resultaten[r].indicatoren.clone())
            .collect();
        ids.extend(&dom.context);
        for i in ids {
            let ind = &compass.indicatoren[i];
            assert!(
                page.contains(&ind.naam),
                "{} not on the {} dashboard:\n{page}",
                ind.naam,
                dom.naam
            );
            if let Some(w) = &built.facts.indicator(i).waarde {
                // The PDF's text has plain spaces where kompas joins a
                // number to its unit with a no-break space.
                let shown = kompas::view::format::with_unit(
                    compass.taal,
                    w.waarde,
                    ind.decimalen,
                    ind.eenheid.as_deref(),
                )
                .replace('\u{a0}', " ");
                assert!(
                    page.contains(&shown),
                    "{shown} of {} not on the dashboard:\n{page}",
                    ind.naam
                );
            }
        }
        // Every activity of the domain, with its budget realisation.
        for act in compass.activiteiten.iter().filter(|a| a.domein == d) {
            assert!(page.contains(&act.naam), "{} missing:\n{page}", act.naam);
        }
    }
    let rondkomen = pages
        .iter()
        .find(|p| p.starts_with("Rondkomen Ruim 3%"))
        .unwrap();
    assert_in_order(
        rondkomen,
        &[
            "minder inwoners afhankelijk zijn van een bijstandsuitkering aandacht (2017, voorlopig)",
            "Personen met een bijstandsuitkering (15 jaar en ouder)",
            "32,0 per 1.000 inwoners 2017, voorlopig op koers (2017, voorlopig) −2,0 per 1.000 inwoners sinds 2016: beter",
            "Streefwaarde: 30,0 per 1.000 inwoners in 2020",
            "Vergelijking: 35,5 per 1.000 inwoners (Nederland, 2017, voorlopig)",
            "Schuldhulpverlening",
            "€ 430.000 van € 450.000 (96%)",
        ],
    );
}

#[test]
fn the_letter_is_signed_by_the_college() {
    let dir = fixture("culemborg");
    let text = text(&render(dir.path(), "kwartaal-2017-q4"));
    assert_in_order(
        &text,
        &[
            "College van burgemeester en wethouders van Culemborg Raadsinformatiebrief",
            "Aan de gemeenteraad van Culemborg",
            "Datum 1 februari 2018",
            "Ons kenmerk 18UIT00417 (fictief)",
            "Contactpersoon afdeling Sociaal Domein, telefoon 14 0345",
            "Onderwerp Stand van zaken sociaal domein, vierde kwartaal 2017",
            "Periode vierde kwartaal 2017",
            "Geachte leden van de raad,",
            "Met deze raadsinformatiebrief informeren wij u",
            "Met vriendelijke groet,",
            "College van burgemeester en wethouders van Culemborg,",
            "de secretaris, J. de Vries de burgemeester, G.A. van Grootheest",
            "Wat is er veranderd?",
        ],
    );
}

#[test]
fn the_motion_answer_comes_first_with_its_conclusion() {
    let dir = fixture("culemborg");
    let text = text(&render(dir.path(), "motie-effecten"));
    assert_in_order(
        &text,
        &[
            "Motie M2017-23",
            "Antwoord van het college",
            "Afdoening: afgedaan",
            "In één oogopslag",
            "Rondkomen Ruim 3% van de inwoners",
            "Activiteiten: wat leverde het op?",
            "Werken Culemborg heeft meer banen",
            "Activiteiten: wat leverde het op?",
            "Verantwoording",
        ],
    );
    // The chain the motion is about, not a copy of the jaarverslag.
    assert!(!text.contains("Wat heeft het gekost?"), "{text}");
}

#[test]
fn no_page_after_the_first_is_nearly_empty() {
    let dir = fixture("culemborg");
    for report in ["jaarverslag-2017", "kwartaal-2017-q4", "motie-effecten"] {
        assert_pages_filled(report, &render(dir.path(), report), 200);
    }
}
