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
fn the_bundle_of_a_report_kompas_lays_out_in_parts_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let size = kompas::generate::Size {
        gebieden: 3,
        domeinen: 4,
        indicatoren: 100,
        activiteiten: 4,
        jaren: 2,
    };
    kompas::generate::write(dir.path(), size).unwrap();
    let readme = |report: &str| {
        let bundle = typst_bundle(dir.path(), report);
        let text = fs::read_to_string(bundle.join("README.md")).unwrap();
        fs::remove_dir_all(bundle).unwrap();
        text
    };
    let long = readme("jaarverslag-2017");
    assert!(
        long.contains("To make the same pages (`kompas render` lays this long report out in parts"),
        "{long}"
    );
    // A quarterly letter is one document, however long.
    let letter = readme("kwartaal-2017-q4");
    assert!(
        letter.contains("To make the same PDF with Typst"),
        "{letter}"
    );
}

/// Writes the motie's Typst project to `bundel`.
const MOTIE_BUNDLE: [&str; 8] = [
    "render",
    ".",
    "-r",
    "motie-effecten",
    "-f",
    "typst",
    "-o",
    "bundel",
];

#[test]
fn a_bundle_is_written_only_into_a_new_empty_or_earlier_bundle_folder() {
    let dir = fixture("culemborg");
    let first = kompas(dir.path(), &MOTIE_BUNDLE);
    assert_eq!(first.code, 0, "{}", first.stderr);
    // Again over its own earlier output: replaced.
    let again = kompas(dir.path(), &MOTIE_BUNDLE);
    assert_eq!(again.code, 0, "{}", again.stderr);
    // Never over a folder with other files: the kompas folder itself here.
    // Nor over the folder it is run in, which no rename can replace.
    let here = kompas(dir.path(), &[&MOTIE_BUNDLE[..7], &["."]].concat());
    assert_eq!(here.code, 2, "{}", here.stderr);
    assert!(
        here.stderr.contains("is the folder kompas runs in"),
        "{}",
        here.stderr
    );
    let into_input = kompas(dir.path(), &[&MOTIE_BUNDLE[..7], &["waarden"]].concat());
    assert_eq!(into_input.code, 2, "{}", into_input.stderr);
    assert_eq!(
        into_input.stderr,
        "error: `waarden` is a folder of input files of `.`; give a folder of its own with -o, as in `-o bundel`\n"
    );
    assert!(dir.path().join("waarden/cbs-bijstand.csv").is_file());
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".kompas-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Writes the motie's project again: refused (exit code 2) for `why`.
fn refused_because(dir: &std::path::Path, why: &str) {
    let run = kompas(dir, &MOTIE_BUNDLE);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(why), "{}", run.stderr);
}

#[test]
fn a_folder_changed_since_kompas_wrote_it_is_not_replaced() {
    let dir = fixture("culemborg");
    // A folder that merely looks like a project, with a user's work in it.
    let lookalike = dir.path().join("bundel");
    fs::create_dir_all(lookalike.join(".git")).unwrap();
    fs::write(lookalike.join("main.typ"), "= Mijn werk").unwrap();
    fs::write(lookalike.join("data.json"), "{}").unwrap();
    fs::write(lookalike.join("hoofdstuk.typ"), "tekst").unwrap();
    refused_because(dir.path(), "is a folder with files kompas did not write");
    assert_eq!(
        fs::read_to_string(lookalike.join("main.typ")).unwrap(),
        "= Mijn werk"
    );
    assert!(lookalike.join("hoofdstuk.typ").is_file() && lookalike.join(".git").is_dir());
    fs::remove_dir_all(&lookalike).unwrap();

    // kompas's own project: replaced while unchanged, kept once a file
    // is added or edited.
    assert_eq!(kompas(dir.path(), &MOTIE_BUNDLE).code, 0);
    assert_eq!(kompas(dir.path(), &MOTIE_BUNDLE).code, 0);
    fs::write(lookalike.join("notities.txt"), "mijn notities").unwrap();
    refused_because(
        dir.path(),
        "holds `notities.txt`, which kompas did not write",
    );
    fs::remove_file(lookalike.join("notities.txt")).unwrap();
    let main = lookalike.join("main.typ");
    fs::write(
        &main,
        fs::read_to_string(&main).unwrap() + "\n// mijn wijziging\n",
    )
    .unwrap();
    refused_because(
        dir.path(),
        "holds `main.typ`, changed since kompas wrote it",
    );
    assert!(
        fs::read_to_string(&main)
            .unwrap()
            .ends_with("// mijn wijziging\n")
    );
}

#[test]
fn a_file_added_while_kompas_writes_the_project_is_kept() {
    let dir = fixture("culemborg");
    assert_eq!(kompas(dir.path(), &MOTIE_BUNDLE).code, 0);
    // The second render holds its new project a while before it replaces
    // the old one; a user adds a file to the old one meanwhile.
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_kompas"))
        .args(MOTIE_BUNDLE)
        .current_dir(dir.path())
        .env("KOMPAS_HOLD_TEMP_MS", "5000")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let making = || {
        fs::read_dir(dir.path()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".kompas-")
        })
    };
    while !making() {
        assert!(started.elapsed().as_secs() < 120, "no new project appeared");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    fs::write(dir.path().join("bundel/notities.txt"), "mijn notities").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("changed while kompas made a new project for it: it holds `notities.txt`"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("bundel/notities.txt")).unwrap(),
        "mijn notities"
    );
    assert!(!making(), "a temporary folder was left behind");
}
