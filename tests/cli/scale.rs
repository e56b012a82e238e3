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
        text.starts_with("Gemeente Rotterdam Jaarverslag 2017 – Charlois Charlois"),
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
