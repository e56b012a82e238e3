//! Laying out with a `huisstijl/`: `check` lays out every report with the
//! user's templates; paths resolve from the template's own folder; a
//! layout that runs too long or grows too large is stopped by a named
//! limit with exit code 1, and nothing is written.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;

/// Renders the report `jaarverslag` of `dir` to `out.pdf`, with `extra` arguments.
fn render_to_out(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["render", ".", "--report", "jaarverslag", "-o", "out.pdf"];
    args.extend(extra);
    kompas(dir, &args)
}

/// A copy of the base compass with `huisstijl/kompas.typ` set to `template`.
pub fn with_template(template: &str) -> tempfile::TempDir {
    let dir = base();
    fs::create_dir_all(dir.path().join("huisstijl")).unwrap();
    fs::write(dir.path().join("huisstijl/kompas.typ"), template).unwrap();
    dir
}

#[test]
fn check_finds_an_error_in_a_template_before_a_render() {
    let dir = with_template("#let rapport(data) = [#data.onbekend]\n");
    let run = kompas(dir.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        r#"error: dictionary does not contain key "onbekend"
  --> huisstijl/kompas.typ:1:29
  |
1 | #let rapport(data) = [#data.onbekend]
  |                             ^^^^^^^^ in this template

1 error(s), 0 warning(s)
"#
    );
}

#[test]
fn a_template_reads_from_its_own_folder_and_the_kompas_folder_above_it() {
    let dir = with_template(
        "#import \"hulp.typ\": groet\n#let rapport(data) = { set document(title: \"t\"); [#groet #read(\"../kompas.yaml\").len()] }\n",
    );
    fs::write(
        dir.path().join("huisstijl/hulp.typ"),
        "#let groet = [Hallo]\n",
    )
    .unwrap();
    let pdf = render(dir.path(), "jaarverslag");
    let size = fs::read(dir.path().join("kompas.yaml")).unwrap().len();
    assert_eq!(text(&pdf), format!("Hallo {size}"));
}

#[test]
fn a_bundle_holds_what_the_house_style_reads_from_the_kompas_folder() {
    let dir = with_template(
        "#let rapport(data) = { set document(title: \"t\"); [#read(\"../kompas.yaml\").len()] }\n",
    );
    let bundle = typst_bundle(dir.path(), "jaarverslag");
    assert_eq!(
        fs::read(bundle.join("kompas.yaml")).unwrap(),
        fs::read(dir.path().join("kompas.yaml")).unwrap()
    );
    // Typst alone lays it out to the same text.
    let date = typst::foundations::Datetime::from_ymd(2018, 3, 15).unwrap();
    let document = crate::project::Project::new(&bundle, date).compile();
    let size = fs::read(dir.path().join("kompas.yaml")).unwrap().len();
    let texts: Vec<String> = placed_texts(&document)
        .concat()
        .into_iter()
        .map(|(_, _, t)| t)
        .collect();
    assert_eq!(texts.concat(), size.to_string());

    // Beside the PDF, the project learns the same from the PDF's layout.
    let both = [
        "render",
        ".",
        "-r",
        "jaarverslag",
        "-f",
        "pdf",
        "-f",
        "typst",
        "-o",
        "uit/r.pdf",
    ];
    let run = kompas(dir.path(), &both);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("uit/r/kompas.yaml").is_file());
}

/// A template that would loop for hours.
pub const LOOP: &str =
    "#let rapport(data) = { for a in range(100000) { for b in range(100000) { } } }\n";

#[test]
fn a_layout_past_the_time_limit_stops_with_exit_1_and_writes_nothing() {
    let dir = with_template(LOOP);
    let start = Instant::now();
    let run = render_to_out(dir.path(), &["--timeout", "2"]);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!dir.path().join("out.pdf").exists());
    assert_eq!(
        run.stderr,
        "error: laying out this report took longer than 2 s
  --> huisstijl/kompas.typ:1:1
  |
1 | #let rapport(data) = { for a in range(100000) { for b in range(100000) { } } }
  | ^ laid out with this template
  |
  = stopped; nothing written
  = expected a layout that finishes within 2 s (kompas's time limit; `--timeout SECONDS` changes it): look for a loop without end in the huisstijl/ templates

1 error(s), 0 warning(s)
nothing written: fix the errors above first
"
    );
}

/// A batch that ends with exit code 1 after one layout, and only one,
/// ran into the time limit of 1 s.
fn assert_one_runaway(run: &Run) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    let stopped = "error: laying out this report took longer than 1 s";
    assert_eq!(run.stderr.matches(stopped).count(), 1, "{}", run.stderr);
}

#[test]
fn a_batch_lays_out_no_other_report_of_a_folder_whose_layout_ran_away() {
    let dir = with_template(LOOP);
    let report = dir.path().join("rapporten/jaarverslag.yaml");
    for copy in ["jaarverslag-b.yaml", "jaarverslag-c.yaml"] {
        fs::copy(&report, dir.path().join("rapporten").join(copy)).unwrap();
    }
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "--all",
            "-j",
            "1",
            "--timeout",
            "1",
            "-o",
            "uit/{rapport}.pdf",
        ],
    );
    // One layout ran into the limit; the folder's other two reports share
    // its templates and were not started (each would have looped too).
    assert_one_runaway(&run);
    assert!(
        run.stderr.contains(
            "rendered 0 of 3 report(s); 3 failed:\n  . jaarverslag: not laid out: another report of this folder passed a limit with its templates (they would likely do the same)\n  . jaarverslag-b: laying out this report took longer than 1 s\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr
            .matches(": not laid out: another report of this folder passed a limit with its templates (they would likely do the same)")
            .count(),
        2,
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("starts anew"), "{}", run.stderr);
    assert!(!dir.path().join("uit").exists());
}

#[test]
fn a_layout_that_ran_away_stops_only_its_own_folder() {
    // The looping folder comes first, with two reports; the other folder's
    // report waits until kompas has started anew, which ends the layout
    // that could not be stopped, and is then written.
    let root = tempfile::tempdir().unwrap();
    let looping = root.path().join("lus");
    copy_dir(with_template(LOOP).path(), &looping);
    let report = looping.join("rapporten/jaarverslag.yaml");
    fs::copy(&report, looping.join("rapporten/jaarverslag-b.yaml")).unwrap();
    named_base(root.path(), "goed", "Goedstad");
    let run = kompas(
        root.path(),
        &[
            "render",
            "lus",
            "goed",
            "--all",
            "-j",
            "1",
            "--timeout",
            "1",
            "-o",
            "uit/{gemeente}-{rapport}.pdf",
        ],
    );
    assert_one_runaway(&run);
    assert!(
        run.stderr.contains(
            "a layout that passed a limit still runs, and only the end of its process stops it: kompas starts anew for the 1 report(s) not yet laid out"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("wrote `uit/Goedstad-jaarverslag.pdf`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("rendered 1 of 3 report(s); 2 failed:\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            ": not laid out: another report of this folder passed a limit with its templates"
        ),
        "{}",
        run.stderr
    );
    assert!(root.path().join("uit/Goedstad-jaarverslag.pdf").is_file());
    assert!(!root.path().join("uit/Teststad-jaarverslag.pdf").exists());
}

/// A copy of the base compass in `root/name`, its gemeente called `gemeente`.
fn named_base(root: &Path, name: &str, gemeente: &str) -> std::path::PathBuf {
    let dir = root.join(name);
    copy_dir(&base_compass(), &dir);
    let yaml = fs::read_to_string(dir.join("kompas.yaml")).unwrap();
    let yaml = yaml.replace("naam: Teststad", &format!("naam: {gemeente}"));
    fs::write(dir.join("kompas.yaml"), yaml).unwrap();
    dir
}

#[test]
fn a_report_beside_a_layout_past_the_memory_bound_is_laid_out_again_alone() {
    // Both lay out at once when the process passes the bound: which took
    // the memory is not known, so each is laid out again on its own.
    let root = tempfile::tempdir().unwrap();
    let greedy = named_base(root.path(), "gretig", "Gretigstad");
    fs::create_dir_all(greedy.join("huisstijl")).unwrap();
    fs::write(
        greedy.join("huisstijl/kompas.typ"),
        "#let rapport(data) = { let s = \"kompas\"; for i in range(40) { s = s + s }; s.len() }\n",
    )
    .unwrap();
    named_base(root.path(), "goed", "Goedstad");
    let run = kompas(
        root.path(),
        &[
            "render",
            "gretig",
            "goed",
            "--all",
            "-j",
            "2",
            "--max-memory",
            "600",
            "-o",
            "uit/{gemeente}-{rapport}.pdf",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "rendered 1 of 2 report(s); 1 failed:\n  gretig jaarverslag: laying out this report took more than 600 MiB of memory\n"
        ),
        "{}",
        run.stderr
    );
    assert!(root.path().join("uit/Goedstad-jaarverslag.pdf").is_file());
}

#[test]
fn a_typst_project_whose_layout_passes_a_limit_is_not_written() {
    // A project is laid out once to learn what its templates read: past
    // the limit, that is an error as for a PDF, never a silent wait.
    let dir = with_template(LOOP);
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "jaarverslag",
            "-f",
            "typst",
            "--timeout",
            "1",
            "-o",
            "bundel",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: laying out this report took longer than 1 s\n  --> huisstijl/kompas.typ:1:1"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("bundel").exists());
}

#[test]
fn check_stops_a_layout_past_the_time_limit_too() {
    let dir = with_template(LOOP);
    let run = kompas(dir.path(), &["check", ".", "--timeout", "1"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Among the folder's reports, check names the one it stopped in.
    let expected = stopped(
        "took longer than 1 s",
        LOOP,
        "a layout that finishes within 1 s (kompas's time limit; `--timeout SECONDS` changes it): look for a loop without end in the huisstijl/ templates",
    )
    .replace(
        "\n\n1 error(s)",
        "\n  = in the report `Jaarverslag 2017`\n\n1 error(s)",
    );
    assert_eq!(run.stderr, expected);
}

#[test]
fn a_layout_past_the_memory_bound_stops_with_exit_1_and_writes_nothing() {
    let template =
        "#let rapport(data) = { let s = \"kompas\"; for i in range(40) { s = s + s }; s.len() }\n";
    let dir = with_template(template);
    let run = render_to_out(dir.path(), &["--max-memory", "600"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!dir.path().join("out.pdf").exists());
    let expected = stopped(
        "took more than 600 MiB of memory",
        template,
        "a layout within 600 MiB (kompas's memory bound; `--max-memory MIB` changes it): look for a huisstijl/ template that builds ever larger text or content",
    );
    assert_eq!(
        run.stderr,
        format!("{expected}nothing written: fix the errors above first\n")
    );
}

/// The whole message of a layout stopped by a limit, for a one-line template.
fn stopped(what: &str, template: &str, expected: &str) -> String {
    format!(
        "error: laying out this report {what}
  --> huisstijl/kompas.typ:1:1
  |
1 | {}
  | ^ laid out with this template
  |
  = stopped; nothing written
  = expected {expected}

1 error(s), 0 warning(s)
",
        template.trim_end()
    )
}

#[test]
fn an_image_a_template_shows_is_checked_in_its_file() {
    let dir = with_template("#let rapport(data) = image(\"kapot.png\")\n");
    fs::write(
        dir.path().join("huisstijl/kapot.png"),
        b"\x89PNG\r\n\x1a\nkapot",
    )
    .unwrap();
    let run = kompas(dir.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("--> huisstijl/kompas.typ:1:22"),
        "{}",
        run.stderr
    );
    assert!(!Path::new(&dir.path().join("out.pdf")).exists());
}

#[test]
fn a_template_that_breaks_the_pdf_standards_is_an_input_error() {
    let dir = with_template("#let rapport(data) = [Zonder titel]\n");
    let expected = "error: the PDF could not be written: PDF/UA-1 error: missing document title; hint: set the title with `set document(title: [...])`
  --> huisstijl/kompas.typ:1:1
  |
1 | #let rapport(data) = [Zonder titel]
  | ^ the layout of this template
  |
  = expected a layout that meets PDF/UA-1 and PDF/A-2b, as the built-in templates do (a document title, alt text on images)

1 error(s), 0 warning(s)
";
    let run = kompas(dir.path(), &["check", "."]);
    assert_eq!((run.code, run.stderr.as_str()), (1, expected));
    let run = render_to_out(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("{expected}nothing written: fix the errors above first\n")
    );
    assert!(!dir.path().join("out.pdf").exists());
}
