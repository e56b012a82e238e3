//! Helpers: copy a fixture, run the binary, read a PDF.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of `fixtures/<name>`.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("fixtures").join(name), dir.path());
    dir
}

/// The small compass the bad-input cases change: `tests/cases/_base`.
pub fn base_compass() -> PathBuf {
    root().join("tests/cases/_base")
}

/// A temporary copy of [`base_compass`].
pub fn base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&base_compass(), dir.path());
    dir
}

/// Copies a folder tree; a symbolic link is copied as a link.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            let _ = fs::remove_file(&target);
            std::os::unix::fs::symlink(fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stderr: String,
}

/// Runs `kompas` with `args` in `cwd`.
pub fn kompas(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kompas"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Renders `report` of the kompas folder `dir` to `dir/out.pdf` and
/// returns the PDF's bytes, failing the test with stderr if it fails.
pub fn render(dir: &Path, report: &str) -> Vec<u8> {
    let run = kompas(dir, &["render", ".", "--report", report, "-o", "out.pdf"]);
    assert_eq!(run.code, 0, "render failed:\n{}", run.stderr);
    fs::read(dir.join("out.pdf")).unwrap()
}

/// The PDF's text, with runs of whitespace made single spaces.
pub fn text(pdf: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(pdf).expect("the PDF's text can be extracted");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's document information and XMP metadata, as text.
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub lang: String,
    pub xmp: String,
}

/// Reads the title, author, language and XMP packet of a PDF.
pub fn metadata(pdf: &[u8]) -> Metadata {
    let doc = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    let info_string = |key: &[u8]| -> String {
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(|o| o.as_reference())
            .unwrap();
        let dict = doc.get_dictionary(info).unwrap();
        let bytes = dict.get(key).and_then(|o| o.as_str()).unwrap();
        lopdf::decode_text_string(&lopdf::Object::String(
            bytes.to_vec(),
            lopdf::StringFormat::Literal,
        ))
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
    };
    let catalog = doc.catalog().unwrap();
    let lang = catalog
        .get(b"Lang")
        .and_then(|o| o.as_str())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let xmp_ref = catalog
        .get(b"Metadata")
        .and_then(|o| o.as_reference())
        .unwrap();
    let stream = doc.get_object(xmp_ref).and_then(|o| o.as_stream()).unwrap();
    let xmp = String::from_utf8_lossy(
        &stream
            .get_plain_content()
            .unwrap_or_else(|_| stream.content.clone()),
    )
    .into_owned();
    Metadata {
        title: info_string(b"Title"),
        author: info_string(b"Author"),
        lang,
        xmp,
    }
}

/// The text of each page of a PDF, with runs of whitespace made single spaces.
pub fn pages(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf)
        .expect("the PDF's text can be extracted")
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Every page after the first holds at least `min` characters.
pub fn assert_pages_filled(what: &str, pdf: &[u8], min: usize) {
    for (n, page) in pages(pdf).iter().enumerate().skip(1) {
        let chars = page.chars().filter(|c| !c.is_whitespace()).count();
        assert!(
            chars >= min,
            "{what} page {}: only {chars} characters:\n{page}",
            n + 1
        );
    }
}

/// The Typst project of `report` in the kompas folder `dir`, as
/// `--format typst` writes it (into `dir/bundel`).
pub fn typst_bundle(dir: &Path, report: &str) -> PathBuf {
    let args = ["render", ".", "-r", report, "-f", "typst", "-o", "bundel"];
    let run = kompas(dir, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir.join("bundel")
}

/// Every text run of each page of a laid-out document, with the point
/// (in pt from the page's top left) where its baseline starts.
pub fn placed_texts(document: &typst_layout::PagedDocument) -> Vec<Vec<(f64, f64, String)>> {
    use typst::layout::{Frame, FrameItem, Point};

    fn walk(frame: &Frame, at: Point, out: &mut Vec<(f64, f64, String)>) {
        for (pos, item) in frame.items() {
            let pos = at + *pos;
            match item {
                FrameItem::Group(g) => {
                    let shift = Point::new(g.transform.tx, g.transform.ty);
                    walk(&g.frame, pos + shift, out);
                }
                FrameItem::Text(t) => out.push((pos.x.to_pt(), pos.y.to_pt(), t.text.to_string())),
                _ => {}
            }
        }
    }
    document
        .pages()
        .iter()
        .map(|page| {
            let mut found = Vec::new();
            walk(&page.frame, Point::zero(), &mut found);
            found
        })
        .collect()
}
