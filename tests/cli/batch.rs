//! Many reports in one run: several folders, `--all`, `--per-gebied`, the
//! `-o` pattern and `-j`; a failing folder does not stop the others.

use std::fs;
use std::path::Path;

use kompas::generate::{self, Size};

use crate::common::*;

/// The files in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Gives a copy of the Culemborg example another gemeente's name (in
/// kompas.yaml and where its values name it).
fn rename_gemeente(dir: &Path, naam: &str) {
    for file in ["kompas.yaml", "waarden/cbs-bijstand.csv"] {
        let text = fs::read_to_string(dir.join(file)).unwrap();
        fs::write(dir.join(file), text.replace("Culemborg", naam)).unwrap();
    }
}

fn assert_ends_with(text: &str, end: &str) {
    assert!(
        text.ends_with(end),
        "{text}\n---\ndoes not end with:\n{end}"
    );
}

#[test]
fn all_renders_every_report_of_the_folder_with_the_default_names() {
    let dir = fixture("culemborg");
    let uit = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let run = kompas(uit.path(), &["render", folder, "--all", "-j", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        listing(uit.path()),
        [
            "Culemborg-jaarverslag-2017.pdf",
            "Culemborg-kwartaal-2017-q4.pdf",
            "Culemborg-motie-effecten.pdf"
        ]
    );
    assert!(
        run.stderr.ends_with("rendered 3 of 3 report(s)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("wrote `Culemborg-kwartaal-2017-q4.pdf`: "),
        "{}",
        run.stderr
    );
    let brief = fs::read(uit.path().join("Culemborg-kwartaal-2017-q4.pdf")).unwrap();
    assert!(text(&brief).contains("Geachte leden van de raad,"));
}

#[test]
fn per_gebied_writes_one_edition_per_wijk_and_one_for_the_gemeente() {
    let dir = tempfile::tempdir().unwrap();
    let size = Size {
        gebieden: 3,
        domeinen: 1,
        indicatoren: 4,
        activiteiten: 2,
        jaren: 3,
    };
    generate::write(dir.path(), size).unwrap();
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "jaarverslag-2017",
            "--per-gebied",
            "-o",
            "uit/{gebied}.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut expected: Vec<String> = generate::area_names(3)
        .into_iter()
        .map(|a| format!("{a}.pdf"))
        .collect();
    expected.push("Rotterdam.pdf".into());
    expected.sort();
    assert_eq!(listing(&dir.path().join("uit")), expected);
    let area = &generate::area_names(3)[0];
    let edition = fs::read(dir.path().join(format!("uit/{area}.pdf"))).unwrap();
    assert!(metadata(&edition).title.ends_with(&format!("– {area}")));
    // The cover names the area once, in the title.
    let cover = &pages(&edition)[0];
    assert!(
        cover.contains(&format!("Jaarverslag 2017 – {area}")),
        "{cover}"
    );
    assert_eq!(cover.matches(area.as_str()).count(), 1, "{cover}");
    let whole = fs::read(dir.path().join("uit/Rotterdam.pdf")).unwrap();
    assert!(
        !metadata(&whole).title.contains('–'),
        "{}",
        metadata(&whole).title
    );
}

#[test]
fn an_edition_that_cannot_be_made_says_which_one_and_the_others_are_written() {
    // Culemborg's annual report names the gemeente's bijstand figure in its
    // introduction; a wijk has none, so each wijk's edition fails, and says
    // which edition the problem belongs to.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("fixtures/culemborg"), dir.path());
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "jaarverslag-2017",
            "--per-gebied",
            "-o",
            "uit/{gebied}.pdf",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(listing(&dir.path().join("uit")), ["Culemborg.pdf"]);
    let heading = run
        .stderr
        .find("in . jaarverslag-2017 (Binnenstad):\n")
        .unwrap_or_else(|| panic!("no heading for the Binnenstad edition:\n{}", run.stderr));
    assert!(
        run.stderr[heading..].contains("`bijstand` has no waarde for Binnenstad to show"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("rendered 1 of 7 report(s); 6 failed:\n  . jaarverslag-2017 (Binnenstad): errors (see above)"),
        "{}",
        run.stderr
    );
}

#[test]
fn several_folders_each_get_their_report_and_a_broken_one_fails_alone() {
    let regio = tempfile::tempdir().unwrap();
    for (folder, naam) in [("a", "Culemborg"), ("b", "Buren"), ("c", "Tiel")] {
        let dir = regio.path().join(folder);
        copy_dir(&root().join("fixtures/culemborg"), &dir);
        rename_gemeente(&dir, naam);
    }
    // Break the second folder's values.
    fs::write(
        regio.path().join("b/waarden/kapot.csv"),
        "indicator,periode,waarde\nbestaat-niet,2017,1\n",
    )
    .unwrap();
    let run = kompas(
        regio.path(),
        &[
            "render",
            "a",
            "b",
            "c",
            "-r",
            "jaarverslag-2017",
            "-o",
            "uit/{gemeente}-{rapport}.{ext}",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        listing(&regio.path().join("uit")),
        [
            "Culemborg-jaarverslag-2017.pdf",
            "Tiel-jaarverslag-2017.pdf"
        ]
    );
    assert!(run.stderr.contains("in `b`:\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains("waarden/kapot.csv:2:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "rendered 2 of 3 report(s); 1 failed:\n  b: its input has errors (see above)\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pattern_that_gives_two_outputs_one_name_is_a_usage_error() {
    let dir = fixture("culemborg");
    let run = kompas(dir.path(), &["render", ".", "--all", "-o", "rapport.pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_ends_with(
        &run.stderr,
        "error: two outputs would be written to `rapport.pdf`; give -o a pattern that tells them apart, as in `-o '{gemeente}-{rapport}-{gebied}.{ext}'`\n",
    );
    assert!(!dir.path().join("rapport.pdf").exists());
}

#[test]
fn report_and_all_are_not_given_together_and_one_is_needed() {
    let dir = fixture("culemborg");
    let both = kompas(
        dir.path(),
        &["render", ".", "--all", "-r", "jaarverslag-2017"],
    );
    assert_eq!(both.code, 2);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );
    let neither = kompas(dir.path(), &["render", "."]);
    assert_eq!(neither.code, 2);
    assert!(
        neither.stderr.contains("--report <REPORT>|--all"),
        "{}",
        neither.stderr
    );
}

#[test]
fn a_report_with_errors_fails_alone_in_a_batch() {
    let dir = fixture("culemborg");
    let path = dir.path().join("rapporten/motie-effecten.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        yaml.replacen("soort: motiebeantwoording", "soort: motie", 1),
    )
    .unwrap();
    let run = kompas(
        dir.path(),
        &["render", ".", "--all", "-o", "{rapport}.{ext}"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(dir.path().join("jaarverslag-2017.pdf").is_file());
    assert!(dir.path().join("kwartaal-2017-q4.pdf").is_file());
    assert!(!dir.path().join("motie-effecten.pdf").exists());
    assert!(
        run.stderr.ends_with(&format!(
            "rendered 2 of 3 report(s); 1 failed:\n  {} rapporten/motie-effecten.yaml: errors (see above)\n",
            "."
        )),
        "{}",
        run.stderr
    );
}

/// Two copies of the base compass in `root`, `a` and `b`, whose gemeenten
/// are called `names`; renders both with `--all` and the pattern `-o`.
fn render_two(root: &Path, names: [&str; 2], pattern: &str) -> Run {
    for (folder, naam) in ["a", "b"].into_iter().zip(names) {
        copy_dir(&base_compass(), &root.join(folder));
        let yaml = root.join(folder).join("kompas.yaml");
        let text = fs::read_to_string(&yaml).unwrap();
        fs::write(
            &yaml,
            text.replace("naam: Teststad", &format!("naam: {naam}")),
        )
        .unwrap();
    }
    kompas(root, &["render", "a", "b", "--all", "-o", pattern])
}

#[test]
fn no_output_of_a_batch_overwrites_another_folders_input() {
    let root = tempfile::tempdir().unwrap();
    // Folder a's gemeente is called "b": its report would land on folder
    // b's report file.
    let run = render_two(
        root.path(),
        ["b", "Teststad"],
        "{gemeente}/rapporten/{rapport}.yaml",
    );
    // A usage error, before anything is laid out.
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: `b/rapporten/jaarverslag.yaml` is one of the input files of `b`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read(root.path().join("b/rapporten/jaarverslag.yaml")).unwrap(),
        fs::read(base_compass().join("rapporten/jaarverslag.yaml")).unwrap()
    );
}

#[test]
fn a_pattern_with_a_name_it_does_not_know_is_a_usage_error() {
    let dir = fixture("culemborg");
    for (pattern, shown) in [
        ("uit/{Rapport}.pdf", "{Rapport}"),
        ("uit/{rapport", "{rapport"),
    ] {
        let run = kompas(dir.path(), &["render", ".", "--all", "-o", pattern]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: `{shown}` in -o is not a name the pattern knows; use {{gemeente}}, {{rapport}}, {{gebied}}, {{ext}}\n"
            )
        );
        assert!(!dir.path().join("uit").exists());
    }
}

#[test]
fn two_outputs_that_meet_through_a_link_are_a_collision() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("uit/Astad")).unwrap();
    std::os::unix::fs::symlink("Astad", root.path().join("uit/Bstad")).unwrap();
    let run = render_two(
        root.path(),
        ["Astad", "Bstad"],
        "uit/{gemeente}/{rapport}.{ext}",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: two outputs would be written to `uit/Bstad/jaarverslag.pdf`"),
        "{}",
        run.stderr
    );
    assert!(listing(&root.path().join("uit/Astad")).is_empty());
}

#[test]
fn two_outputs_that_meet_through_dot_dot_are_a_collision() {
    let dir = base();
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "jaarverslag",
            "-f",
            "csv",
            "-f",
            "json",
            "-o",
            "o/{ext}/../r",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: two outputs would be written to `o/json/../r`"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("o").exists());
}
