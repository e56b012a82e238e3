//! Layout at a large city's scale and area editions, on a compass written
//! by `kompas::generate`: fourteen gebieden, values per area.

use std::fs;

use kompas::generate::{self, Size};

use crate::common::*;

const SMALL_CITY: Size = Size {
    gebieden: 14,
    domeinen: 3,
    indicatoren: 18,
    activiteiten: 9,
    jaren: 4,
};

fn generated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    generate::write(dir.path(), SMALL_CITY).unwrap();
    dir
}

#[test]
fn the_generated_compass_checks_clean() {
    let dir = generated();
    let run = kompas(dir.path(), &["check", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "ok: kompas.yaml and 4 report(s) checked\n");
}

#[test]
fn no_page_is_nearly_empty_at_fourteen_areas() {
    let dir = generated();
    for report in [
        "jaarverslag-2017",
        "jaarverslag-2017-charlois",
        "kwartaal-2017-q4",
        "motie",
    ] {
        assert_pages_filled(report, &render(dir.path(), report), 200);
    }
}

#[test]
fn an_area_edition_leads_with_the_areas_own_values() {
    let dir = generated();
    let pdf = render(dir.path(), "jaarverslag-2017-charlois");
    let meta = metadata(&pdf);
    assert_eq!(meta.title, "Jaarverslag 2017 – Charlois");
    let text = text(&pdf);
    assert!(
        text.starts_with(
            "Gemeente Rotterdam Jaarverslag 2017 – Charlois Jaarverslag · Periode 2017"
        ),
        "{text}"
    );
    // The card of the first indicator shows Charlois's 2017 value, with
    // Rotterdam as its benchmark and Charlois's own value at the nulmeting.
    let csv = fs::read_to_string(dir.path().join("waarden/waarden.csv")).unwrap();
    let value = |area: &str, year: &str| -> String {
        let line = csv
            .lines()
            .find(|l| l.starts_with(&format!("ind-0;{area};{year};")))
            .unwrap();
        format!("{}%", line.split(';').nth(3).unwrap())
    };
    let card = format!(
        "Aandeel inwoners met een bijstandsuitkering{} meting 2017",
        value("Charlois", "2017")
    );
    assert!(text.contains(&card), "{card} missing:\n{text}");
    assert!(
        text.contains(&format!("Nulmeting {} (2014)", value("Charlois", "2014"))),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Vergelijking Rotterdam: {} (2017)",
            value("", "2017")
        )),
        "{text}"
    );
    // Its wijk table holds the gemeente as a whole beside the other areas.
    assert!(text.contains("Gebied 2017 2016"), "{text}");
    // The activities and costs are the gemeente's, and the edition says
    // so where it shows them: at each domain's dashboard and chapter, and
    // at the costs of all domains.
    let note = "Activiteiten en kosten gelden voor de hele gemeente Rotterdam, \
                niet alleen voor Charlois: ze worden niet per gebied bijgehouden.";
    let domains = text.matches("Activiteiten: wat leverde het op?").count();
    assert!(domains > 1);
    assert_eq!(text.matches(note).count(), 2 * domains + 1, "{text}");
    let costs = text
        .rfind("Wat hebben alle domeinen samen gekost?")
        .unwrap();
    let after = &text[costs..];
    assert!(
        after.starts_with(&format!("Wat hebben alle domeinen samen gekost? {note}")),
        "{}",
        &after[..300]
    );
}

#[test]
fn an_edition_for_an_area_without_values_is_refused() {
    let dir = generated();
    fs::write(
        dir.path().join("rapporten/jaarverslag-2017-charlois.yaml"),
        "soort: jaarverslag\ntitel: Jaarverslag 2017\nperiode: 2017\ndatum: 2018-04-12\ngebied: Charloys\n",
    )
    .unwrap();
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "jaarverslag-2017-charlois",
            "-o",
            "x.pdf",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "error: `gebied` names an area without its own values: `Charloys`\n  --> rapporten/jaarverslag-2017-charlois.yaml:5:9\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("= expected one of the areas with values: `Centrum`, `Charlois`,"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("x.pdf").exists());
}

/// A domain with many activities: the dashboard's table of them breaks
/// over pages rather than running past the page's body into its footer.
#[test]
fn nothing_runs_into_the_footer_of_a_domain_with_many_activities() {
    let dir = tempfile::tempdir().unwrap();
    let size = Size {
        gebieden: 14,
        domeinen: 1,
        indicatoren: 12,
        activiteiten: 40,
        jaren: 2,
    };
    generate::write(dir.path(), size).unwrap();
    let date = typst::foundations::Datetime::from_ymd(2018, 4, 12).unwrap();
    let document =
        crate::project::Project::new(&typst_bundle(dir.path(), "jaarverslag-2017-charlois"), date)
            .compile();

    // The built-in template's bottom margin, 2.4 cm, holds the footer only:
    // the report's title and the page number.
    let footer = "Gemeente Rotterdam · Jaarverslag 2017 – Charlois";
    for (n, (page, found)) in document
        .pages()
        .iter()
        .zip(crate::common::placed_texts(&document))
        .enumerate()
    {
        let body_end = page.frame.height().to_pt() - 2.4 / 2.54 * 72.0;
        for (_, y, t) in found.into_iter().filter(|(_, y, _)| *y > body_end) {
            let ok = footer.contains(t.trim()) || t.trim() == (n + 1).to_string();
            assert!(
                ok,
                "page {}: {t:?} at {y:.1}pt, below the body (ends at {body_end:.1}pt)",
                n + 1
            );
        }
    }
    assert!(document.pages().len() > 3);
}

/// An edition's wijk table tells its own area from the whole gemeente.
#[test]
fn an_area_editions_wijk_table_marks_its_area_and_the_gemeente_apart() {
    let dir = generated();
    let bundle = typst_bundle(dir.path(), "jaarverslag-2017-charlois");
    let data: serde_json::Value =
        serde_json::from_slice(&fs::read(bundle.join("data.json")).unwrap()).unwrap();
    /// The rows of the first wijk table in `v`.
    fn first_rows(v: &serde_json::Value) -> Option<&Vec<serde_json::Value>> {
        match v {
            serde_json::Value::Object(o) => o
                .get("rijen")
                .and_then(|r| r.as_array())
                .or_else(|| o.values().find_map(first_rows)),
            serde_json::Value::Array(a) => a.iter().find_map(first_rows),
            _ => None,
        }
    }
    let rows = first_rows(&data).expect("a wijk table");
    let rol = |area: &str| rows.iter().find(|r| r["gebied"] == area).unwrap()["rol"].clone();
    assert_eq!(rol("Charlois"), "eigen");
    assert_eq!(rol("Rotterdam"), "gemeente");
    assert_eq!(rol("Noord"), "wijk");
}

/// A long "In één oogopslag" fills its pages: a domain's table runs on
/// from the page the one before it ends on, rather than each of twenty
/// results starting a page of its own, half empty; on the page it runs
/// on to, its header says which domain it is.
#[test]
fn a_long_overview_runs_on_from_domain_to_domain() {
    let dir = tempfile::tempdir().unwrap();
    let size = Size {
        gebieden: 2,
        domeinen: 2,
        indicatoren: 76,
        activiteiten: 4,
        jaren: 2,
    };
    generate::write(dir.path(), size).unwrap();
    let pdf = render(dir.path(), "jaarverslag-2017");
    let pages = pages(&pdf);
    let overview = pages
        .iter()
        .position(|p| p.contains("In één oogopslag Per maatschappelijk resultaat"))
        .expect("the report has an overview");
    assert!(
        pages[overview].contains("Werken Maatschappelijk resultaat Status"),
        "the second domain's table starts on the overview's first page:\n{}",
        pages[overview]
    );
    // The table's header on the next page names the domain it continues;
    // its counts close it, after a last row, never alone on a page.
    let next = &pages[overview + 1];
    assert!(
        next.starts_with("Werken (vervolg) Status het aandeel"),
        "{next}"
    );
    assert!(next.contains("aandacht :"), "{next}");
}

/// A gemeente of more areas than a table keeps whole: a wijk table that
/// runs on to the next page says there which indicator it continues.
#[test]
fn a_wijk_table_that_runs_on_names_its_indicator() {
    let dir = tempfile::tempdir().unwrap();
    let size = Size {
        gebieden: 22,
        domeinen: 2,
        indicatoren: 12,
        activiteiten: 4,
        jaren: 3,
    };
    generate::write(dir.path(), size).unwrap();
    let pages = pages(&render(dir.path(), "jaarverslag-2017"));
    // A page that starts with a table's header continues a table.
    let continued: Vec<usize> = (1..pages.len())
        .filter(|&i| pages[i].starts_with("Gebied "))
        .collect();
    assert!(
        !continued.is_empty(),
        "no wijk table runs on to a next page"
    );
    // Where a table starts, its header says nothing more than "Gebied".
    for page in &pages {
        for start in page.split("Per wijk: ").skip(1) {
            let header = &start[..start.find(" 2017").unwrap()];
            assert!(!header.contains("(vervolg)"), "{header}");
        }
    }
    for i in continued {
        // The last "Per wijk" heading before the page is the table's.
        let before = &pages[i - 1];
        let at = before
            .rfind("Per wijk: ")
            .expect("the table starts a page before");
        let name = before[at + "Per wijk: ".len()..]
            .split(" Gebied")
            .next()
            .unwrap();
        // The name on one line: as many of its words as fit.
        let header = &pages[i][..pages[i].find(" (vervolg) 2017").unwrap_or(0)];
        let shown = header.trim_start_matches("Gebied ").trim_end_matches(" …");
        assert!(
            shown.len() > 10 && name.starts_with(shown),
            "page {} does not name `{name}`:\n{}",
            i + 1,
            pages[i]
        );
    }
}

/// A house style may show a card twice: its long wijk table is laid out
/// twice, and each names its indicator where it runs on.
#[test]
fn a_house_style_that_shows_a_long_wijk_table_twice_renders() {
    let dir = tempfile::tempdir().unwrap();
    let size = Size {
        gebieden: 22,
        domeinen: 1,
        indicatoren: 4,
        activiteiten: 2,
        jaren: 3,
    };
    generate::write(dir.path(), size).unwrap();
    let built_in = include_str!("../../report-templates/jaarverslag.typ");
    let once = "        indicator-blok(ind, L, kleur)\n";
    assert!(built_in.contains(once));
    fs::create_dir_all(dir.path().join("huisstijl")).unwrap();
    fs::write(
        dir.path().join("huisstijl/jaarverslag.typ"),
        built_in.replace(once, &once.repeat(2)),
    )
    .unwrap();
    let pages = pages(&render(dir.path(), "jaarverslag-2017"));
    let continued = pages.iter().filter(|p| p.starts_with("Gebied ")).count();
    let named = pages
        .iter()
        .filter(|p| p.starts_with("Gebied ") && p.contains(" (vervolg) 2017"))
        .count();
    assert!(continued >= 1, "no table runs on");
    assert_eq!(named, continued);
}

/// An annual report of quarterly counts shows each year's total, and its
/// chart draws those totals, not the quarters: the line, the figure beside
/// it and the wijk table are of one kind.
#[test]
fn a_chart_beside_a_yearly_total_draws_yearly_totals() {
    let dir = generated();
    let text = text(&render(dir.path(), "jaarverslag-2017-charlois"));
    // A card's benchmark line, the gemeente's "Rotterdam: 1.567
    // aanmeldingen (totaal 2017)", then its source, then its chart's
    // labels.
    let card = text
        .find("aanmeldingen (totaal 2017) Bron Gegenereerd ")
        .expect("a card of quarterly counts");
    let chart = &text[card..][..120];
    assert!(
        chart.contains(" 2016 ") && chart.contains(" 2017 "),
        "{chart}"
    );
    assert!(!chart.contains("-K"), "quarters drawn: {chart}");
}
