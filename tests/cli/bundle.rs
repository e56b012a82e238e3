//! `--format typst`: the Typst project kompas lays out, written as a
//! folder, compiles with Typst alone to the same PDF.

use std::fs;

use typst::foundations::Datetime;

use crate::common::*;
use crate::project::Project;

#[test]
fn the_typst_bundle_compiles_with_typst_alone_to_the_same_pdf() {
    let dir = fixture("culemborg");
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
            "typst",
            "-o",
            "uit/verslag.{ext}",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("wrote `uit/verslag.typst`: the Typst project of "),
        "{}",
        run.stderr
    );
    let bundle = dir.path().join("uit/verslag.typst");
    for file in [
        "main.typ",
        "data.json",
        "huisstijl/kompas.typ",
        "fonts/Inter-Regular.otf",
        "fonts/OFL.txt",
        "README.md",
    ] {
        assert!(bundle.join(file).is_file(), "{file} missing");
    }
    let readme = fs::read_to_string(bundle.join("README.md")).unwrap();
    assert!(
        readme.contains("typst compile --root . --font-path fonts"),
        "{readme}"
    );

    let date = Datetime::from_ymd(2018, 4, 12).unwrap();
    let world = Project::new(&bundle, date);
    let document = world.compile();
    let pdf = kompas::export::pdf(&document, "Culemborg/jaarverslag-2017", date, false).unwrap();
    let kompas_pdf = fs::read(dir.path().join("uit/verslag.pdf")).unwrap();
    assert_eq!(pages(&pdf), pages(&kompas_pdf));
    assert!(pdf == kompas_pdf, "the same pages, but not the same bytes");
}

#[test]
fn a_bundle_is_written_only_into_a_new_empty_or_earlier_bundle_folder() {
    let dir = fixture("culemborg");
    let args = [
        "render",
        ".",
        "-r",
        "motie-effecten",
        "-f",
        "typst",
        "-o",
        "bundel",
    ];
    let first = kompas(dir.path(), &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    // Again over its own earlier output: replaced.
    let again = kompas(dir.path(), &args);
    assert_eq!(again.code, 0, "{}", again.stderr);
    // Never over a folder with other files: the kompas folder itself here.
    let into_input = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "motie-effecten",
            "-f",
            "typst",
            "-o",
            "waarden",
        ],
    );
    assert_eq!(into_input.code, 2, "{}", into_input.stderr);
    assert_eq!(
        into_input.stderr,
        "error: `waarden` is a folder with other files in it; kompas writes a Typst project into a new or empty folder, or over one it wrote before (give another folder with -o)\n"
    );
    assert!(dir.path().join("waarden/cbs-bijstand.csv").is_file());
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".kompas-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
