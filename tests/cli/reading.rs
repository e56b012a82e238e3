//! What a council member reads page by page: no verdict a figure cannot
//! carry (a stale figure, a followed indicator), periods and changes
//! written the report's way, texts whose figures agree with the data, a
//! motion answer that says what it leaves out, and pages that are filled.

use crate::common::*;

/// The text of `report` of the fixture `name`.
fn report_text(name: &str, report: &str) -> String {
    let dir = fixture(name);
    text(&render(dir.path(), report))
}

#[test]
fn a_stale_figure_earns_no_status_word_of_confidence() {
    let text = report_text("culemborg", "jaarverslag-2017");
    // Jongeren met een delict: the latest figure is of 2012, under a
    // streefwaarde it would meet; the 2017 report may not call it on track.
    assert!(text.contains("verouderd (2012)"), "{text}");
    assert!(!text.contains("op koers (2012"), "{text}");
    let start = text.find("Opgroeien").unwrap();
    let dashboard = &text[start..start + 600];
    assert!(!dashboard.contains("op koers"), "{dashboard}");
}

#[test]
fn a_followed_indicator_moves_without_a_verdict() {
    let text = report_text("culemborg", "jaarverslag-2017");
    // No streefwaarde: risen or fallen, never better or worse.
    assert!(
        text.contains("−2,5 per 1.000 inwoners sinds 2016: gedaald"),
        "{text}"
    );
    assert!(!text.contains("sinds 2016: beter Contextcijfers"), "{text}");
}

#[test]
fn a_change_of_a_percentage_is_in_procentpunt() {
    let text = report_text("culemborg", "jaarverslag-2017");
    assert!(
        text.contains("+1,5 procentpunt sinds 2016: beter"),
        "{text}"
    );
}

#[test]
fn placeholders_read_as_dutch_sentences() {
    let text = report_text("culemborg", "jaarverslag-2017");
    assert!(
        text.contains(
            "Het resultaat \"minder bijstand\" vraagt aandacht (2017, voorlopig): de uitstroom uit de uitkering (voorlopig 182 personen) bleef achter bij de streefwaarde van 200 personen."
        ),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let run = kompas(dir.path(), &["init", "voorbeeld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let motie = text_of(&dir.path().join("voorbeeld"), "motie");
    assert!(
        motie.contains(
            "Het resultaat ‘minder bijstand’ in het domein ‘Rondkomen’ ligt op koers (2017, voorlopig)."
        ),
        "{motie}"
    );
}

fn text_of(dir: &std::path::Path, report: &str) -> String {
    text(&render(dir, report))
}

#[test]
fn fixture_texts_agree_with_their_figures() {
    let text = report_text("culemborg", "jaarverslag-2017");
    for claim in [
        "steeg van 23 personen in 2015 naar 62 in 2016, bijna een verdrievoudiging",
        "Na een stijging in 2016 daalde het aandeel in 2017",
        "In 2017 meldden zich meer inwoners aan dan in 2016 (34 tegen 30)",
    ] {
        assert!(text.contains(claim), "{claim:?} missing:\n{text}");
    }
    assert!(!text.contains("verdubbel"), "{text}");
    // The figures the claims rest on.
    for figure in [
        "Duurzame uitstroom naar werk: 62 personen (2016)",
        "Aanmeldingen voor schuldhulp: 34 aanmeldingen (totaal 2017)",
    ] {
        assert!(text.contains(figure), "{figure:?} missing:\n{text}");
    }
}

#[test]
fn dutch_periods_in_tables_and_words_in_prose() {
    for report in ["jaarverslag-2017", "kwartaal-2017-q4", "motie-effecten"] {
        let text = report_text("culemborg", report);
        assert!(!text.contains("-Q"), "{report}: a period code in:\n{text}");
    }
    let text = report_text("culemborg", "jaarverslag-2017");
    // Verbeterpunten are due in a quarter, written the Dutch way.
    assert!(text.contains("2018-K2"), "{text}");
}

#[test]
fn the_letter_says_which_year_its_budgets_cover() {
    let text = report_text("culemborg", "kwartaal-2017-q4");
    assert!(
        text.contains("Activiteiten Output Outcome Budget 2017"),
        "{text}"
    );
}

#[test]
fn a_motion_answer_names_what_it_leaves_out_and_accounts_for_what_it_shows() {
    let text = report_text("culemborg", "motie-effecten");
    assert!(
        text.contains(
            "Deze beantwoording gaat over de domeinen ‘Rondkomen’ en ‘Werken’; de domeinen ‘Opgroeien’ en ‘Wonen en leefomgeving’ blijven buiten beschouwing."
        ),
        "{text}"
    );
    let verantwoording = &text[text.rfind("Verantwoording").unwrap()..];
    // Shown on a dashboard: a tile, or an activity's headline figure.
    for shown in [
        "Personen met een bijstandsuitkering (15 jaar en ouder)",
        "Aanmeldingen voor schuldhulp",
    ] {
        assert!(verantwoording.contains(shown), "{shown}: {verantwoording}");
    }
    // Not shown: an activity's second output.
    assert!(
        !verantwoording.contains("Klanten in een curatief schuldhulptraject"),
        "{verantwoording}"
    );
    assert!(!text.contains("Klanten in een curatief"), "{text}");
}

/// The example `kompas init` writes, in a temporary folder (kept while
/// the first value lives).
fn init_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let run = kompas(dir.path(), &["init", "voorbeeld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let example = dir.path().join("voorbeeld");
    (dir, example)
}

#[test]
fn no_page_of_the_init_example_is_nearly_empty() {
    let (_dir, example) = init_example();
    for report in ["jaarverslag", "kwartaal", "motie"] {
        assert_pages_filled(report, &render(&example, report), 200);
    }
}

#[test]
fn a_short_appendix_runs_on_after_the_last_chapter_and_a_long_one_starts_a_page() {
    let (_dir, example) = init_example();
    let short = pages(&render(&example, "kwartaal"));
    let last = short.last().unwrap();
    // The last chapter, the appendix and the status rule share the page.
    assert!(last.starts_with("Meedoen"), "{last}");
    assert!(last.contains("Verantwoording Alle indicatoren"), "{last}");
    assert!(last.contains("Zo bepalen we de status"), "{last}");

    let culemborg = fixture("culemborg");
    let long = pages(&render(culemborg.path(), "jaarverslag-2017"));
    let start = long
        .iter()
        .find(|p| p.contains("Verantwoording Alle indicatoren"))
        .unwrap();
    assert!(start.starts_with("Verantwoording"), "{start}");
}

#[test]
fn a_status_change_judged_on_a_years_total_says_so_beside_the_quarter() {
    let text = report_text("culemborg", "kwartaal-2017-q4");
    // The letter's new figure is the quarter's count; the status rests on
    // the year's total.
    assert!(
        text.contains(
            "Aanmeldingen voor schuldhulp: 11 aanmeldingen (meting vierde kwartaal 2017)"
        ),
        "{text}"
    );
    // A provisional figure says so among the news.
    assert!(
        text.contains("32,0 per 1.000 inwoners (meting 2017, voorlopig)"),
        "{text}"
    );
    assert!(
        text.contains("Aanmeldingen voor schuldhulp: nog niet te beoordelen (2016) → aandacht (oordeel over totaal 2017: 34 aanmeldingen)"),
        "{text}"
    );
}

#[test]
fn no_page_ends_on_a_heading_of_the_letter() {
    let dir = fixture("culemborg");
    let pdf = render(dir.path(), "kwartaal-2017-q4");
    for (n, page) in pages(&pdf).iter().enumerate() {
        for heading in [
            "Nieuwe metingen",
            "Statuswijzigingen",
            "In de ongewenste richting bewogen",
        ] {
            // The footer follows the last line of a page.
            assert!(
                !page.contains(&format!("{heading} Gemeente Culemborg ·")),
                "page {} ends on {heading:?}:\n{page}",
                n + 1
            );
        }
    }
}

/// "In één oogopslag" has a table per domain: their status columns line
/// up down the page, whatever the longest status in each.
#[test]
fn the_overviews_status_columns_line_up() {
    let dir = fixture("culemborg");
    let date = typst::foundations::Datetime::from_ymd(2018, 4, 12).unwrap();
    let bundle = typst_bundle(dir.path(), "jaarverslag-2017");
    let document = crate::project::Project::new(&bundle, date).compile();
    let pages = placed_texts(&document);
    let overview = pages
        .iter()
        .find(|texts| {
            texts
                .iter()
                .any(|(_, _, t)| t == "Maatschappelijk resultaat")
        })
        .expect("a page with the overview");
    let columns: Vec<f64> = overview
        .iter()
        .filter(|(_, _, t)| t == "Status")
        .map(|(x, _, _)| *x)
        .collect();
    assert_eq!(columns.len(), 4, "one table per domain: {overview:?}");
    assert!(
        columns.iter().all(|x| (x - columns[0]).abs() < 0.01),
        "the status columns start at {columns:?}"
    );
}

#[test]
fn a_chapter_that_runs_on_has_room_above_it() {
    let dir = fixture("voorbeeld");
    let date = typst::foundations::Datetime::from_ymd(2018, 4, 12).unwrap();
    let bundle = typst_bundle(dir.path(), "jaarverslag");
    let document = crate::project::Project::new(&bundle, date).compile();
    let mut seen = 0;
    // The cover's contents name the chapters too.
    for texts in placed_texts(&document).into_iter().skip(1) {
        for heading in [
            "In één oogopslag",
            "Wat hebben alle domeinen samen gekost?",
            "Verantwoording",
        ] {
            let Some(&(_, y, _)) = texts.iter().find(|(_, _, t)| t == heading) else {
                continue;
            };
            // The baseline of the last line above it on its page.
            let above = texts
                .iter()
                .map(|&(_, ty, _)| ty)
                .filter(|&ty| ty < y - 1.0)
                .fold(f64::NAN, f64::max);
            if above.is_nan() {
                // At the top of its page: nothing to keep room from.
                continue;
            }
            println!("{heading}: {:.1} pt below the line above", y - above);
            assert!(
                y - above >= 32.0,
                "{heading} sits {:.1} pt below the line above",
                y - above
            );
            seen += 1;
        }
    }
    assert!(
        seen >= 2,
        "the overview and the costs of all domains run on"
    );
}
