//! Values as they come (FORMAT.md section 7): a wide CSV, a CBS-style
//! table, Excel and OpenDocument workbooks, long or wide, each read to the
//! same report as the long CSV. The forms live in `tests/tables/forms/`;
//! `tests/tables/make_workbooks.py` wrote the workbooks among them.

use std::fs;

use crate::common::*;

/// The open-data twin (JSON) of the base compass's jaarverslag, with its
/// values taken from the form `form` instead of `waarden/w.yaml`, and the
/// run's stderr.
fn twin(form: &str) -> (String, String) {
    let dir = base();
    fs::remove_file(dir.path().join("waarden/w.yaml")).unwrap();
    copy_dir(&root().join("tests/tables/forms").join(form), dir.path());
    let kompas_yaml = dir.path().join("kompas.yaml");
    let yaml = fs::read_to_string(&kompas_yaml).unwrap();
    fs::write(
        &kompas_yaml,
        yaml.replace(
            "  naam: Teststad\n",
            "  naam: Teststad\n  cbs_code: GM0999\n",
        ),
    )
    .unwrap();
    let args = [
        "render",
        ".",
        "--report",
        "jaarverslag",
        "--format",
        "json",
        "-o",
        "out.json",
    ];
    let run = kompas(dir.path(), &args);
    assert_eq!(run.code, 0, "{form}:\n{}", run.stderr);
    (
        fs::read_to_string(dir.path().join("out.json")).unwrap(),
        run.stderr,
    )
}

#[test]
fn every_form_reads_as_its_long_csv_twin() {
    let (long, stderr) = twin("long-csv");
    assert!(!stderr.contains("hold no value"), "{stderr}");
    for figure in ["28", "33.5", "12", "voorlopig"] {
        assert!(
            long.contains(figure),
            "the long CSV's twin lacks {figure}:\n{long}"
        );
    }
    for (form, skipped) in [
        ("wide-csv", 3),
        ("cbs-csv", 3),
        ("wide-xlsx", 3),
        ("wide-ods", 3),
        ("long-xlsx", 0),
    ] {
        let (json, stderr) = twin(form);
        assert_eq!(json, long, "{form} reads otherwise than the long CSV");
        let counted = format!("{skipped} cell(s) hold no value");
        assert_eq!(stderr.contains(&counted), skipped > 0, "{form}:\n{stderr}");
    }
}

#[test]
fn the_culemborg_workbook_is_read() {
    let dir = fixture("culemborg");
    let run = kompas(dir.path(), &["check", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Its wide sheet holds the figures of `uitstroom-naar-werk-pct`, one of
    // them a formula: without it the indicator would have no values.
    assert!(
        !run.stderr
            .contains("`uitstroom-naar-werk-pct` has no values"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("monitor.xlsx"), "{}", run.stderr);
}
