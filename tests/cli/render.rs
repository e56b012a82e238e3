//! Rendering the examples: the report's text, statuses and metadata.

use std::fs;

use crate::common::*;

#[test]
fn culemborg_jaarverslag_shows_the_chain_and_every_activity() {
    let dir = fixture("culemborg");
    let pdf = render(dir.path(), "jaarverslag-2017");
    let text = text(&pdf);
    println!("{text}");
    for expected in [
        "Jaarverslag sociaal domein 2017",
        "Gemeente Culemborg",
        "12 april 2018",
        "We willen dat inwoners kunnen voorzien in hun eerste levensbehoeften",
        "In 2020 willen we dat minder inwoners afhankelijk zijn van een bijstandsuitkering",
        // A horizon the report's year has reached looks back.
        "In 2017 wilden we dat vernieling in de openbare ruimte niet toeneemt",
        "32,0 per 1.000 inwoners",
        "meting 2017",
        "Nederland: 35,5 per 1.000 inwoners (2017, voorlopig)",
        "op koers",
        "niet op koers",
        "Wat hebben we bereikt?",
        "Wat hebben we daarvoor gedaan?",
        "Wat heeft het gekost?",
        "€ 430.000",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    // Every activity, each followed by its "Wat leverde het op?".
    let mut from = text.find("Wat hebben we daarvoor gedaan?").unwrap();
    for activity in [
        "Schuldhulpverlening",
        "Bijzondere bijstand en minimaregelingen",
        "Re-integratie naar werk",
        "Poortwachter bij de aanvraag van een uitkering",
        "Ambulant jongerenwerk",
        "Beheer en handhaving openbare ruimte",
    ] {
        for part in [activity, "Wat leverde het op?"] {
            let at = text[from..].find(part);
            assert!(at.is_some(), "missing {part:?} for {activity}");
            from += at.unwrap() + part.len();
        }
    }
}

#[test]
fn what_an_outcome_does_not_claim_is_said_once_per_chapter() {
    let dir = fixture("culemborg");
    let text = text(&render(dir.path(), "jaarverslag-2017"));
    let caveat = "worden niet aan één activiteit toegeschreven";
    let outcome = "Outcome (wat heeft het de deelnemers opgeleverd?)";
    let chapters: Vec<&str> = text
        .split("Wat hebben we daarvoor gedaan?")
        .skip(1)
        .collect();
    let with_outcomes = chapters.iter().filter(|c| c.contains(outcome)).count();
    assert!(with_outcomes >= 2, "{text}");
    for chapter in chapters {
        match chapter.find(outcome) {
            // Before the first activity's outcome, and not again.
            Some(first) => {
                assert_eq!(chapter.matches(caveat).count(), 1, "{chapter}");
                assert!(chapter.find(caveat).unwrap() < first, "{chapter}");
            }
            None => assert!(!chapter.contains(caveat), "{chapter}"),
        }
    }
}

#[test]
fn the_pdf_is_tagged_pdf_ua_1_and_pdf_a_2b_with_its_metadata() {
    let dir = fixture("culemborg");
    let pdf = render(dir.path(), "jaarverslag-2017");
    let meta = metadata(&pdf);
    assert_eq!(meta.title, "Jaarverslag sociaal domein 2017");
    assert_eq!(meta.author, "Gemeente Culemborg");
    assert_eq!(meta.lang, "nl");
    assert!(
        meta.xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "{}",
        meta.xmp
    );
    assert!(
        meta.xmp.contains("<pdfaid:part>2</pdfaid:part>"),
        "{}",
        meta.xmp
    );
    assert!(
        meta.xmp
            .contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{}",
        meta.xmp
    );
    assert!(
        meta.xmp.contains("2018-04-12"),
        "the report's datum is the creation date"
    );
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "the PDF is tagged");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let dir = fixture("culemborg");
    let first = render(dir.path(), "jaarverslag-2017");
    let second = render(dir.path(), "jaarverslag-2017");
    assert!(first == second, "two renders differ");
}

#[test]
fn chart_alt_texts_are_written_from_the_data() {
    let dir = fixture("culemborg");
    let pdf = render(dir.path(), "jaarverslag-2017");
    let raw = String::from_utf8_lossy(&pdf).into_owned();
    // Alt texts are stored as /Alt strings on the figures' structure elements.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|o| o.as_str().ok())
        .map(|b| {
            lopdf::decode_text_string(&lopdf::Object::String(
                b.to_vec(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap_or_default()
        })
        .collect();
    assert!(
        alts.iter().any(|a| a == "Culemborg: van 33,5 per 1.000 inwoners in 2015 naar 32,0 per 1.000 inwoners in 2017 (voorlopig); nulmeting 33,5 per 1.000 inwoners in 2015; \
             streefwaarde 30,0 per 1.000 inwoners in 2020; Nederland: van 35,0 per 1.000 inwoners in 2015 naar 35,5 per 1.000 inwoners in 2017 (voorlopig)"),
        "alt texts: {alts:#?} ({} bytes)",
        raw.len()
    );
    // Values per wijk are a table (its rows are read in kinds.rs); its bars
    // are decoration, so no figure stands in for it.
    assert!(
        !alts.iter().any(|a| a.contains("Binnenstad")),
        "a figure for the wijk table: {alts:#?}"
    );
}

#[test]
fn hostile_text_is_printed_exactly_as_written() {
    let dir = fixture("voorbeeld");
    let hostile =
        r#"Kosten #1 $5 * 3 _x_ [a] <b> @ref \n // geen commentaar {{ x }} #set page(width: 1cm)"#;
    let kompas = std::fs::read_to_string(dir.path().join("kompas.yaml")).unwrap();
    let yaml_quoted = format!("'{}'", hostile.replace('\'', "''"));
    let kompas = kompas
        .replace("naam: Schuldhulpverlening", &format!("naam: {yaml_quoted}"))
        .replace(
            "tekst: inwoners kunnen voorzien in hun eerste levensbehoeften",
            &format!("tekst: {yaml_quoted}"),
        );
    fs::write(dir.path().join("kompas.yaml"), kompas).unwrap();
    // A free text is a template: literal braces are written as a raw block.
    let report = format!(
        "soort: jaarverslag\ntitel: {yaml_quoted}\nperiode: 2017\ndatum: 2018-04-12\ninleiding: |\n  {{% raw %}}{hostile}{{% endraw %}}\n\n  Tweede alinea.\n"
    );
    fs::write(dir.path().join("rapporten/jaarverslag.yaml"), report).unwrap();
    let pdf = render(dir.path(), "jaarverslag");
    let text = text(&pdf);
    let occurrences = text.matches(hostile).count();
    // Title on the cover and in the footer, the ambition, the activity, the inleiding.
    assert!(occurrences >= 4, "found {occurrences} times in: {text}");
    assert!(text.contains(&format!("{hostile} Tweede alinea.")));
    assert_eq!(metadata(&pdf).title, hostile);
}

#[test]
fn thousands_points_before_a_decimal_comma_are_read_in_a_semicolon_file() {
    let dir = base();
    fs::write(
        dir.path().join("waarden/w.yaml"),
        "waarden:\n  - indicator: trajecten\n    reeks: {2017: 12}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("waarden/excel.csv"),
        "indicator;gebied;periode;waarde;status\nbijstand;;2016;1.726,5;\nbijstand;;2017;1.701,0;\n",
    )
    .unwrap();
    let pdf = text(&render(dir.path(), "jaarverslag"));
    assert!(pdf.contains("1.701,0 per 1.000 inwoners"), "{pdf}");
}

#[test]
fn a_card_shown_again_names_the_page_of_the_full_card() {
    let dir = fixture("culemborg");
    let pdf = render(dir.path(), "jaarverslag-2017");
    let pages = pages(&pdf);
    let mut referred = 0;
    for page in &pages {
        // "Huishoudens die bijzondere bijstand ontvangen760 huishoudens
        // meting 2015 gevolgd (2015) staat eerder in dit rapport, op pagina 7"
        for (at, _) in page.match_indices("staat eerder in dit rapport, op pagina ") {
            let rest = &page[at + "staat eerder in dit rapport, op pagina ".len()..];
            let number: usize = rest
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no page number: {rest}"));
            // The name of the indicator stands before its figures.
            let card = &page[..at];
            let name = [
                "Huishoudens die bijzondere bijstand ontvangen",
                "Inwoners met budgetbeheer of bewindvoering via bijzondere bijstand",
            ]
            .into_iter()
            .filter(|n| card.contains(n))
            .max_by_key(|n| card.rfind(n))
            .unwrap_or_else(|| panic!("an unexpected repeated card: {card}"));
            // That page holds the full card: the name with its Nulmeting or Bron.
            let full = &pages[number - 1];
            let from = full
                .find(name)
                .unwrap_or_else(|| panic!("{name} not on page {number}: {full}"));
            assert!(
                full[from..].contains("Bron"),
                "{name} on page {number}: {full}"
            );
            referred += 1;
        }
    }
    assert_eq!(referred, 2, "two cards are shown again");
}

#[test]
fn an_annual_report_of_a_few_domains_has_its_contents_on_the_cover() {
    let dir = fixture("culemborg");
    let pages = pages(&render(dir.path(), "jaarverslag-2017"));
    assert!(
        pages[0].contains("Inhoud Inleiding") && pages[0].contains("Wonen en leefomgeving"),
        "{}",
        pages[0]
    );
    // No page of its own: the introduction follows the cover.
    assert!(pages[1].starts_with("Inleiding"), "{}", pages[1]);
}

#[test]
fn an_improvement_past_its_quarter_and_not_done_is_marked_overdue() {
    let dir = fixture("culemborg");
    // The report is dated 12 april 2018.
    let text = text(&render(dir.path(), "jaarverslag-2017"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // 2018-K1 ended before April, and the point is only planned.
    assert!(text.contains("2018-K1 gepland, over tijd"), "{text}");
    // Due later, or done: no mark.
    assert!(text.contains("2018-K2 lopend"), "{text}");
    assert!(!text.contains("2018-K2 lopend, over tijd"), "{text}");
    assert!(!text.contains("gereed, over tijd"), "{text}");
    assert_eq!(text.matches("over tijd").count(), 1, "{text}");
}

#[test]
fn a_result_judged_on_part_of_its_indicators_says_on_how_many() {
    let dir = fixture("culemborg");
    let text = text(&render(dir.path(), "jaarverslag-2017"));
    // Banen is judged; Werkzame personen has only its nulmeting.
    let result = "het aantal banen en werkzame personen in Culemborg groeit";
    let judged = "op koers (2016, 1 van 2 beoordeeld)";
    assert!(text.contains(&format!("{result} {judged}")), "{text}");
    // A result whose indicators are all judged says nothing of the kind.
    assert!(
        text.contains("meer inwoners met een uitkering uitstromen naar werk op koers (2017)"),
        "{text}"
    );
    // In the overview, on the dashboard and under the result's heading.
    assert_eq!(text.matches(judged).count(), 3, "{text}");
}

#[test]
fn a_jaarverslag_adds_up_what_all_its_domains_cost() {
    let dir = fixture("culemborg");
    let text = text(&render(dir.path(), "jaarverslag-2017"));
    let summary = "Wat hebben alle domeinen samen gekost? Domein Begroot Werkelijk Verschil \
        Rondkomen € 1.650.000 € 1.695.000 € 45.000 N \
        Werken € 1.050.000 € 1.097.000 € 47.000 N \
        Opgroeien € 320.000 € 318.000 € 2.000 V \
        Wonen en leefomgeving € 610.000 € 640.000 € 30.000 N \
        Totaal € 3.630.000 € 3.750.000 € 120.000 N";
    assert!(text.contains(summary), "{text}");
    // A letter shows no costs.
    let letter = crate::common::text(&render(dir.path(), "kwartaal-2017-q4"));
    assert!(!letter.contains("alle domeinen samen"), "{letter}");
}

#[test]
fn a_context_figure_that_a_result_judges_is_shown_under_the_result() {
    // The example lists `bijstand` as context and as the indicator of
    // "minder bijstand".
    let dir = fixture("voorbeeld");
    let pages = pages(&render(dir.path(), "jaarverslag"));
    let chapter = pages
        .iter()
        .find(|p| p.starts_with("Rondkomen"))
        .expect("the Rondkomen chapter");
    assert!(!chapter.contains("Contextcijfers"), "{chapter}");
    assert!(
        !chapter.contains("staat eerder in dit rapport"),
        "{chapter}"
    );
    let result = chapter
        .find("In 2020 willen we dat minder inwoners")
        .unwrap();
    let under = &chapter[result..];
    assert!(
        under.contains("Waaraan zien we dat het goed gaat? Inwoners met een bijstandsuitkering"),
        "{chapter}"
    );
    assert!(
        under.contains("Toelichting De daling zet door"),
        "{chapter}"
    );
}
