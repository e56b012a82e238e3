//! The commands and their exit codes: init, check, usage and I/O errors.

use std::fs;

use crate::common::*;

#[test]
fn init_writes_an_example_that_checks_and_renders_all_three_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let run = kompas(dir.path(), &["init", "mijn-gemeente"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = kompas(dir.path(), &["check", "mijn-gemeente"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("ok: kompas.yaml and 3 report(s) checked"),
        "{}",
        run.stderr
    );
    let example = dir.path().join("mijn-gemeente");
    let jaarverslag = text(&render(&example, "jaarverslag"));
    assert!(jaarverslag.contains(
        "In 2020 willen we dat minder inwoners afhankelijk zijn van een bijstandsuitkering"
    ));
    assert!(jaarverslag.contains(
        "Het aandeel inwoners met bijstand daalde naar voorlopig 27,5 per 1.000 inwoners in 2017; het resultaat \"minder bijstand\" ligt op koers (2017, voorlopig)."
    ));
    // A provisional figure says so, whatever its source.
    assert!(
        jaarverslag.contains("27,5 per 1.000 inwoners meting 2017 , voorlopig op koers"),
        "{jaarverslag}"
    );
    assert!(!jaarverslag.contains("CBS-status"), "{jaarverslag}");
    let kwartaal = text(&render(&example, "kwartaal"));
    assert!(kwartaal.contains("Wat is er veranderd?"));
    let motie = text(&render(&example, "motie"));
    assert!(motie.contains("Motie M2017-23"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = fixture("voorbeeld");
    let run = kompas(dir.path(), &["init", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("already exists and is not empty"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_accepts_the_culemborg_example() {
    let dir = fixture("culemborg");
    assert_culemborg_checks(dir.path());
}

/// `kompas check` accepts the Culemborg example in `dir`, with its two
/// warnings.
fn assert_culemborg_checks(dir: &std::path::Path) {
    let run = kompas(dir, &["check", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 error(s), 2 warning(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn lock_files_and_hidden_files_beside_the_values_are_not_read() {
    let dir = fixture("culemborg");
    // What Excel leaves while a workbook is open, and Emacs while a file
    // is edited: neither is a value file, whatever its bytes.
    fs::write(dir.path().join("waarden/~$monitor.xlsx"), b"\x00locked").unwrap();
    fs::write(dir.path().join("waarden/.#bijstand.csv"), "kapot;;\n\"").unwrap();
    fs::write(dir.path().join("rapporten/.concept.yaml"), ": : :").unwrap();
    assert_culemborg_checks(dir.path());
}

#[test]
fn an_unknown_report_is_a_usage_error() {
    let dir = fixture("voorbeeld");
    let run = kompas(dir.path(), &["render", ".", "--report", "jaarverslag-1999"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.lines().last().unwrap(),
        "error: no report `jaarverslag-1999` in `./rapporten`; available: jaarverslag, kwartaal, motie"
    );
}

#[test]
fn a_missing_folder_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = kompas(dir.path(), &["check", "nergens"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `nergens` is not a kompas folder (no such directory)\n"
    );
    std::fs::write(dir.path().join("kompas.yaml"), "").unwrap();
    let run = kompas(dir.path(), &["check", "kompas.yaml"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `kompas.yaml` is not a kompas folder (a file, not a folder)\n"
    );
}

#[test]
fn a_bad_command_line_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        kompas(dir.path(), &["render", "."]).code,
        2,
        "--report is required"
    );
    assert_eq!(kompas(dir.path(), &["frobnicate"]).code, 2);
    let help = kompas(dir.path(), &["--help"]);
    assert_eq!(help.code, 0);
}

#[test]
fn a_failed_render_leaves_an_existing_pdf_untouched() {
    let dir = fixture("voorbeeld");
    std::fs::write(dir.path().join("out.pdf"), b"earlier work").unwrap();
    std::fs::write(
        dir.path().join("rapporten/jaarverslag.yaml"),
        "soort: jaarverslag\n",
    )
    .unwrap();
    let run = kompas(
        dir.path(),
        &["render", ".", "--report", "jaarverslag", "-o", "out.pdf"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        std::fs::read(dir.path().join("out.pdf")).unwrap(),
        b"earlier work"
    );
}

#[test]
fn a_broken_draft_report_does_not_stop_rendering_another_but_check_reports_it() {
    let dir = fixture("culemborg");
    std::fs::write(
        dir.path().join("rapporten/concept.yaml"),
        "soort: jaarverslag\ntitel: Concept\nperiode: 2018-Q5\ndatum: 2019-04-01\n",
    )
    .unwrap();
    let render = kompas(
        dir.path(),
        &["render", ".", "--report", "motie-effecten", "-o", "out.pdf"],
    );
    assert_eq!(render.code, 0, "{}", render.stderr);
    assert!(!render.stderr.contains("concept.yaml"), "{}", render.stderr);
    assert!(dir.path().join("out.pdf").exists());

    let check = kompas(dir.path(), &["check", "."]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("error: `periode` is not a period\n  --> rapporten/concept.yaml:3:10\n"),
        "{}",
        check.stderr
    );
}

#[test]
fn the_pdf_gets_the_permissions_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fixture("voorbeeld");
    render(dir.path(), "kwartaal");
    std::fs::write(dir.path().join("plain.txt"), "x").unwrap();
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("out.pdf"), mode("plain.txt"));
}
