//! The Typst sandbox: files outside the kompas folder stay out of reach,
//! packages are refused, and no path of the machine reaches a message or
//! the PDF.

use std::fs;
use std::path::Path;

use crate::common::*;

/// The base compass of the bad-input cases, in a folder `kompas` inside a
/// temporary folder that also holds `buiten/geheim.png`, a file outside it.
fn compass_beside_a_secret() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kompas");
    copy_dir(&base_compass(), &dir);
    fs::create_dir_all(tmp.path().join("buiten")).unwrap();
    fs::write(tmp.path().join("buiten/geheim.png"), b"\x89PNG not really").unwrap();
    (tmp, dir)
}

fn set_logo(dir: &Path, logo: &str) {
    let kompas = dir.join("kompas.yaml");
    let mut text = fs::read_to_string(&kompas).unwrap();
    text.push_str(&format!("huisstijl:\n  logo: {logo}\n"));
    fs::write(kompas, text).unwrap();
}

/// No absolute path of this machine appears in `text`.
fn assert_no_host_path(text: &str, tmp: &Path) {
    let tmp = tmp.to_string_lossy();
    assert!(
        !text.contains(tmp.as_ref()),
        "host path `{tmp}` leaked:\n{text}"
    );
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    assert!(!text.contains(&home), "home folder leaked:\n{text}");
    let repo = root();
    assert!(
        !text.contains(repo.to_string_lossy().as_ref()),
        "repository path leaked:\n{text}"
    );
}

#[test]
fn a_logo_linked_out_of_the_folder_is_refused_under_the_users_name() {
    let (tmp, dir) = compass_beside_a_secret();
    fs::create_dir_all(dir.join("huisstijl")).unwrap();
    std::os::unix::fs::symlink(
        tmp.path().join("buiten/geheim.png"),
        dir.join("huisstijl/logo.png"),
    )
    .unwrap();
    set_logo(&dir, "huisstijl/logo.png");
    let run = kompas(
        &dir,
        &["render", ".", "--report", "jaarverslag", "-o", "out.pdf"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: `logo` cannot be used: `huisstijl/logo.png`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("leads outside the kompas folder (through a link)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("geheim"), "{}", run.stderr);
    assert_no_host_path(&run.stderr, tmp.path());
    assert!(!dir.join("out.pdf").exists());
}

#[test]
fn a_logo_up_and_out_through_dotdot_is_refused_even_when_the_file_exists() {
    let (tmp, dir) = compass_beside_a_secret();
    set_logo(&dir, "../buiten/geheim.png");
    let run = kompas(&dir, &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: `logo` cannot be used: `../buiten/geheim.png`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("outside the kompas folder"),
        "{}",
        run.stderr
    );
    assert_no_host_path(&run.stderr, tmp.path());
}

/// Renders the base compass with `huisstijl/kompas.typ` replaced by
/// `template`; asserts that it fails with exit code 1, writes nothing and
/// leaks no host path; returns stderr.
fn render_with_template(template: &str) -> String {
    let (tmp, dir) = compass_beside_a_secret();
    fs::create_dir_all(dir.join("huisstijl")).unwrap();
    fs::write(dir.join("huisstijl/kompas.typ"), template).unwrap();
    let run = kompas(
        &dir,
        &["render", ".", "--report", "jaarverslag", "-o", "out.pdf"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!dir.join("out.pdf").exists());
    assert_no_host_path(&run.stderr, tmp.path());
    run.stderr
}

#[test]
fn a_template_cannot_import_a_typst_package() {
    let stderr =
        render_with_template("#import \"@preview/cetz:0.3.4\": canvas\n#let rapport(data) = [x]\n");
    assert_eq!(
        stderr,
        r#"error: failed to load package (kompas does not load Typst packages)
  --> huisstijl/kompas.typ:1:9
  |
1 | #import "@preview/cetz:0.3.4": canvas
  |         ^^^^^^^^^^^^^^^^^^^^^ in this template

1 error(s), 0 warning(s)
nothing written: fix the errors above first
"#
    );
}

#[test]
fn a_template_cannot_read_outside_the_folder() {
    let stderr =
        render_with_template("#let rapport(data) = [#read(\"../../buiten/geheim.png\")]\n");
    assert_eq!(
        stderr,
        r#"error: path `"../../buiten/geheim.png"` would escape the kompas folder
  --> huisstijl/kompas.typ:1:29
  |
1 | #let rapport(data) = [#read("../../buiten/geheim.png")]
  |                             ^^^^^^^^^^^^^^^^^^^^^^^^^ in this template
  |
  = cannot access files outside of the kompas folder

1 error(s), 0 warning(s)
nothing written: fix the errors above first
"#
    );
}

#[test]
fn no_host_path_reaches_the_pdf() {
    let dir = fixture("culemborg");
    let pdf = render(dir.path(), "jaarverslag-2017");
    let meta = metadata(&pdf);
    let all = format!(
        "{}\n{}\n{}\n{}",
        text(&pdf),
        meta.title,
        meta.author,
        meta.xmp
    );
    assert_no_host_path(&all, dir.path());
    assert_no_host_path(&String::from_utf8_lossy(&pdf), dir.path());
}
