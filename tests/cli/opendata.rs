//! The open-data twin (`--format csv`, `--format json`, `--attach-data`):
//! it holds every figure the PDF prints, reads back as values giving the
//! same statuses, follows its JSON Schema, and rides inside a PDF/A-3b.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::*;

/// Renders `report` of `dir` to `out.<ext>` for each format, returning
/// the files' bytes in the order asked.
fn render_formats(dir: &Path, report: &str, formats: &[&str], extra: &[&str]) -> Vec<Vec<u8>> {
    let mut args = vec!["render", ".", "--report", report, "-o", "out.{ext}"];
    for f in formats {
        args.extend(["--format", f]);
    }
    args.extend(extra);
    let run = kompas(dir, &args);
    assert_eq!(run.code, 0, "render failed:\n{}", run.stderr);
    formats
        .iter()
        .map(|f| fs::read(dir.join(format!("out.{f}"))).unwrap())
        .collect()
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("the twin is JSON")
}

/// The leading number of a figure as a Dutch report prints it:
/// `32,0 per 1.000 inwoners` -> 32.0, `€ 1.265.000` -> 1265000.
fn dutch_number(printed: &str) -> f64 {
    let token = printed
        .trim_start_matches("€ ")
        .split([' ', '%'])
        .next()
        .unwrap();
    token
        .replace('.', "")
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {printed:?}"))
}

/// The twin's rows that match every `(key, value)` given.
fn rows<'a>(twin: &'a Value, filter: &[(&str, &str)]) -> Vec<&'a Value> {
    twin["rijen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| filter.iter().all(|(k, v)| r[*k].as_str() == Some(*v)))
        .collect()
}

/// Asserts the twin has a row matching `filter` whose `waarde`, rounded
/// as printed (`decimals`), is the printed figure.
fn assert_in_twin(twin: &Value, filter: &[(&str, &str)], printed: &str, decimals: u32) {
    let want = dutch_number(printed);
    let scale = 10f64.powi(decimals as i32);
    let found = rows(twin, filter).iter().any(|r| {
        r["waarde"]
            .as_f64()
            .is_some_and(|v| ((v * scale).round() - want * scale).abs() < 1e-6)
    });
    assert!(
        found,
        "{printed:?} ({filter:?}) is printed but not in the twin"
    );
}

#[test]
fn the_twin_holds_every_figure_the_pdf_prints() {
    let dir = fixture("culemborg");
    let files = render_formats(dir.path(), "jaarverslag-2017", &["pdf", "json"], &[]);
    let (pdf, twin) = (text(&files[0]), json(&files[1]));
    // The data model says what each printed figure is; the PDF shows it.
    let checked = kompas::run::check_all(dir.path(), None).unwrap();
    let model = checked.model.as_ref().unwrap();
    let built = checked
        .built
        .iter()
        .find(|b| model.reports[b.report].name == "jaarverslag-2017")
        .unwrap();
    // The PDF's text has plain spaces where the view joins a number to its
    // unit with a no-break space.
    let view: Value = serde_json::from_str(
        &serde_json::to_string(&built.view)
            .unwrap()
            .replace('\u{a0}', " "),
    )
    .unwrap();
    let decimals = |id: &str| {
        model
            .compass
            .indicator(id)
            .map_or(0, |i| u32::from(i.decimalen))
    };
    let mut checked_figures = 0;
    let mut check = |ind: &Value| {
        let id = ind["id"].as_str().unwrap();
        let d = decimals(id);
        if let Some(w) = ind["waarde"].as_str() {
            assert!(pdf.contains(w), "{w:?} of {id} is not in the PDF");
            assert_in_twin(&twin, &[("indicator", id), ("rol", "waarde")], w, d);
            checked_figures += 1;
        }
        if let Some(v) = ind["vergelijking"].as_str() {
            let (area, figure) = v.split_once(": ").unwrap();
            assert!(pdf.contains(figure), "{figure:?} is not in the PDF");
            assert_in_twin(
                &twin,
                &[("indicator", id), ("rol", "vergelijking"), ("gebied", area)],
                figure,
                d,
            );
            checked_figures += 1;
        }
        for key in ["nulmeting", "streefwaarde"] {
            if let Some(v) = ind[key].as_str() {
                let want = dutch_number(v);
                let row = &rows(&twin, &[("indicator", id), ("rol", "waarde")])[0];
                assert_eq!(row[key].as_f64(), Some(want), "{key} of {id}");
                checked_figures += 1;
            }
        }
        if let Some(wijken) = ind["wijken"].as_object() {
            for r in wijken["rijen"].as_array().unwrap() {
                let area = r["gebied"].as_str().unwrap();
                let w = r["waarde"].as_str().unwrap();
                assert!(pdf.contains(&format!("{area} {w}")), "{area} {w}");
                assert_in_twin(&twin, &[("indicator", id), ("gebied", area)], w, d);
                checked_figures += 1;
            }
        }
    };
    for d in view["domeinen"].as_array().unwrap() {
        d["context"].as_array().unwrap().iter().for_each(&mut check);
        for a in d["ambities"].as_array().unwrap() {
            for r in a["resultaten"].as_array().unwrap() {
                r["indicatoren"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .for_each(&mut check);
            }
        }
        for act in d["activiteiten"].as_array().unwrap() {
            act["output"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(&mut check);
            act["outcome"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(&mut check);
        }
    }
    // Budgets: every activity's begroot and werkelijk.
    for d in view["domeinen"].as_array().unwrap() {
        for r in d["kosten"]["rijen"].as_array().unwrap() {
            let naam = r["naam"].as_str().unwrap();
            for key in ["begroot", "werkelijk"] {
                let printed = r["budget"][key].as_str().unwrap();
                assert!(pdf.contains(printed), "{printed} of {naam}");
                assert_in_twin(&twin, &[("activiteit", naam), ("soort", key)], printed, 0);
                checked_figures += 1;
            }
        }
    }
    assert!(
        checked_figures > 60,
        "only {checked_figures} figures checked"
    );
}

#[test]
fn the_csv_reads_back_as_values_with_the_same_statuses() {
    let dir = fixture("culemborg");
    let files = render_formats(dir.path(), "jaarverslag-2017", &["csv", "json"], &[]);
    let csv = String::from_utf8(files[0].clone()).unwrap();
    // As Dutch Excel opens it: a BOM, `;` and decimal commas.
    assert!(
        csv.starts_with("\u{feff}rapport;rol;soort;domein_id;"),
        "{csv}"
    );
    assert!(
        csv.contains(";bijstand;Personen met een bijstandsuitkering (15 jaar en ouder);Culemborg;2017;;;;32;per 1.000 inwoners;op-koers;2017;nee;33,5;2015;30;2020;35,5;"),
        "{csv}"
    );
    // A folder with the same compass, whose only values are the twin's.
    let again = fixture("culemborg");
    for entry in fs::read_dir(again.path().join("waarden")).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    fs::write(again.path().join("waarden/twin.csv"), &files[0]).unwrap();
    let reread = render_formats(again.path(), "jaarverslag-2017", &["json"], &[]);
    let (before, after) = (json(&files[1]), json(&reread[0]));
    let judged = |twin: &Value| -> Vec<(String, String, String)> {
        twin["rijen"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| !r["status"].is_null())
            .map(|r| {
                (
                    r["indicator"].to_string(),
                    r["rol"].to_string(),
                    format!("{} {} {}", r["status"], r["status_periode"], r["waarde"]),
                )
            })
            .collect()
    };
    assert_eq!(judged(&before), judged(&after));
    assert_eq!(judged(&before).len(), 30);
    assert_eq!(before["rijen"], after["rijen"]);
}

#[test]
fn the_json_follows_its_schema() {
    let dir = fixture("culemborg");
    for report in ["jaarverslag-2017", "kwartaal-2017-q4", "motie-effecten"] {
        let files = render_formats(dir.path(), report, &["json"], &[]);
        let instance = json(&files[0]);
        let schema: Value = serde_json::from_str(
            &fs::read_to_string(root().join("schema/open-data.schema.json")).unwrap(),
        )
        .unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler
            .add_resource("open-data.schema.json", schema)
            .unwrap();
        let id = compiler
            .compile("open-data.schema.json", &mut schemas)
            .unwrap();
        if let Err(e) = schemas.validate(&instance, id) {
            panic!("{report}: the JSON does not follow its schema: {e:#}");
        }
        assert_eq!(instance["versie"], 1);
        assert_eq!(instance["rapport"]["naam"], report);
    }
}

#[test]
fn aggregation_and_nog_niet_te_beoordelen_in_a_rendered_report() {
    let dir = fixture("culemborg");
    let files = render_formats(dir.path(), "jaarverslag-2017", &["pdf", "json"], &[]);
    let pdf = text(&files[0]);
    // A quarterly count in an annual report: the year's total, and its
    // status judged on the year against the yearly targets.
    assert!(
        pdf.contains("Aanmeldingen voor schuldhulp34 aanmeldingen totaal 2017 aandacht (2017)"),
        "{pdf}"
    );
    // The only figure is the nulmeting itself: not judged.
    assert!(
        pdf.contains("Vernieling en beschadiging in de openbare ruimte8,7 per 1.000 inwoners meting 2015 nog niet te beoordelen (2015)"),
        "{pdf}"
    );
    let twin = json(&files[1]);
    let total = &rows(
        &twin,
        &[("indicator", "aanmeldingen-schuldhulp"), ("rol", "waarde")],
    )[0];
    assert_eq!(total["soort"], "totaal");
    assert_eq!(total["waarde"], 34.0);
    assert_eq!(
        (&total["van"], &total["tot_en_met"], &total["compleet"]),
        (
            &Value::from("2017-Q1"),
            &Value::from("2017-Q4"),
            &Value::Bool(true)
        )
    );

    // Without the fourth quarter the total is labelled with what it holds,
    // and a partial total is not judged against a yearly target.
    let path = dir.path().join("waarden/schuldhulp-kwartaal.csv");
    let csv = fs::read_to_string(&path)
        .unwrap()
        .replace("aanmeldingen-schuldhulp;;2017-Q4;11;\n", "");
    fs::write(&path, csv).unwrap();
    let pdf = text(&render(dir.path(), "jaarverslag-2017"));
    assert!(
        pdf.contains("Aanmeldingen voor schuldhulp23 aanmeldingen totaal eerste t/m derde kwartaal 2017 nog niet te beoordelen (2017)"),
        "{pdf}"
    );
    // The quarterly letter shows the quarter itself.
    let pdf = text(&render(dir.path(), "kwartaal-2017-q4"));
    assert!(
        pdf.contains("Aanmeldingen voor schuldhulp: 6 aanmeldingen (meting derde kwartaal 2017)"),
        "{pdf}"
    );
}

#[test]
fn a_followed_total_has_its_status_for_the_period_it_covers() {
    let dir = fixture("culemborg");
    let path = dir.path().join("kompas.yaml");
    let yaml = fs::read_to_string(&path).unwrap().replace(
        "    nulmeting: {periode: 2016, waarde: 30}\n    streefwaarde: {periode: 2018, waarde: 40}\n",
        "",
    );
    fs::write(&path, yaml).unwrap();
    // Without a target the year's total is followed, for the year it
    // covers, not for its last quarter.
    let pdf = text(&render(dir.path(), "jaarverslag-2017"));
    assert!(
        pdf.contains("Aanmeldingen voor schuldhulp34 aanmeldingen totaal 2017 gevolgd (2017)"),
        "{pdf}"
    );
    assert!(!pdf.contains("gevolgd (vierde kwartaal 2017)"), "{pdf}");
    // The quarterly letter still shows, and follows, the quarter.
    let pdf = text(&render(dir.path(), "kwartaal-2017-q4"));
    assert!(
        pdf.contains("Aanmeldingen voor schuldhulp: 11 aanmeldingen (vierde kwartaal 2017)"),
        "{pdf}"
    );
}

#[test]
fn attach_data_makes_a_pdf_a3_carrying_the_twin() {
    let dir = fixture("culemborg");
    let first = render_formats(
        dir.path(),
        "kwartaal-2017-q4",
        &["pdf", "csv", "json"],
        &["--attach-data"],
    );
    let again = render_formats(dir.path(), "kwartaal-2017-q4", &["pdf"], &["--attach-data"]);
    assert!(first[0] == again[0], "the same input gives the same bytes");

    let meta = metadata(&first[0]);
    assert!(
        meta.xmp.contains("<pdfaid:part>3</pdfaid:part>"),
        "{}",
        meta.xmp
    );
    assert!(
        meta.xmp
            .contains("<pdfaid:conformance>B</pdfaid:conformance>")
    );
    assert!(meta.xmp.contains("pdfuaid:part"), "still PDF/UA");

    let doc = lopdf::Document::load_mem(&first[0]).unwrap();
    let mut attached = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"Filespec".as_slice()) {
            continue;
        }
        let name = dict.get(b"UF").and_then(|n| n.as_str()).unwrap().to_vec();
        let relationship = dict
            .get(b"AFRelationship")
            .and_then(|r| r.as_name())
            .unwrap()
            .to_vec();
        let description = dict.get(b"Desc").and_then(|d| d.as_str()).unwrap().to_vec();
        let stream_ref = dict
            .get(b"EF")
            .and_then(|e| e.as_dict())
            .and_then(|e| e.get(b"F"))
            .and_then(|f| f.as_reference())
            .unwrap();
        let stream = doc.get_object(stream_ref).unwrap().as_stream().unwrap();
        let mime = stream
            .dict
            .get(b"Subtype")
            .and_then(|s| s.as_name())
            .unwrap()
            .to_vec();
        let content = stream
            .get_plain_content()
            .unwrap_or_else(|_| stream.content.clone());
        attached.push((
            String::from_utf8_lossy(&name).into_owned(),
            String::from_utf8_lossy(&relationship).into_owned(),
            String::from_utf8_lossy(&mime).into_owned(),
            !description.is_empty(),
            content,
        ));
    }
    attached.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        attached.len(),
        2,
        "{:?}",
        attached.iter().map(|a| &a.0).collect::<Vec<_>>()
    );
    let (csv, json) = (&attached[0], &attached[1]);
    assert_eq!(
        (csv.0.as_str(), csv.1.as_str(), csv.2.as_str(), csv.3),
        ("kwartaal-2017-q4.csv", "Data", "text/csv", true)
    );
    assert_eq!(
        (json.0.as_str(), json.1.as_str(), json.2.as_str()),
        ("kwartaal-2017-q4.json", "Data", "application/json")
    );
    assert!(
        csv.4 == first[1],
        "the attached CSV is the --format csv file"
    );
    assert!(
        json.4 == first[2],
        "the attached JSON is the --format json file"
    );

    // Without --attach-data: PDF/A-2b and nothing attached.
    let plain = render(dir.path(), "kwartaal-2017-q4");
    assert!(
        metadata(&plain)
            .xmp
            .contains("<pdfaid:part>2</pdfaid:part>")
    );
    assert!(!String::from_utf8_lossy(&plain).contains("/EmbeddedFile"));
}

#[test]
fn several_formats_need_distinct_output_names() {
    let dir = fixture("culemborg");
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "jaarverslag-2017",
            "-f",
            "csv",
            "-f",
            "json",
            "-o",
            "uit/{rapport}.txt",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("two outputs would be written to `uit/jaarverslag-2017.txt`"),
        "{}",
        run.stderr
    );
    // Without `{ext}` the extension is replaced per format.
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "jaarverslag-2017",
            "-f",
            "pdf",
            "-f",
            "csv",
            "-o",
            "verslag.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("verslag.pdf").is_file() && dir.path().join("verslag.csv").is_file());
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "jaarverslag-2017",
            "-f",
            "csv",
            "--attach-data",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--attach-data attaches the open data to the PDF"),
        "{}",
        run.stderr
    );
}
