//! What the fuzz targets share: a private copy of the example folder, and
//! text written into YAML so that any string reaches kompas intact, and
//! the checks every target makes. Each target uses a part of it.

#![allow(dead_code)]

use std::fmt::Write;
use std::path::PathBuf;

/// A fresh copy of the `kompas init` example in the temporary folder,
/// named after the target and this process.
pub fn example_folder(target: &str) -> PathBuf {
    let base = std::env::temp_dir().join(format!("kompas-fuzz-{target}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    kompas::init::init(&base).expect("write the example folder");
    base
}

/// `text` as a YAML double-quoted scalar: printable characters as they
/// are, everything else escaped, so any string reaches kompas intact.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' => out.push(c),
            c if c > '\u{ffff}' => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Checks the folder, then renders `report` when check finds no error:
/// whatever check accepts must lay out and export.
pub fn accepted_renders(dir: &std::path::Path, report: &str) {
    let outcome = kompas::run::render_pdf(
        dir,
        &kompas::run::ReportChoice::Name(report.into()),
        kompas::run::Layout::Spare { keep: 0 },
    );
    match outcome {
        Ok(outcome) => {
            if !outcome.diags.has_errors() {
                let rendered = outcome.rendered.expect("no errors, so a PDF");
                let pdf = rendered.pdf().expect("a PDF was asked for");
                assert!(pdf.starts_with(b"%PDF-"));
            }
        }
        Err(err) => panic!("check accepted the input, but rendering failed: {err:#}"),
    }
    // Typst memoises across runs; keep memory bounded.
    typst::comemo::evict(0);
}

/// Every diagnostic points inside its file, on character boundaries, and
/// the whole set renders.
pub fn assert_spans_inside(diags: &kompas::diagnostic::Diagnostics) {
    for d in &diags.items {
        let text = diags.sources.text(d.span.file);
        assert!(d.span.range.start <= d.span.range.end, "{d:?}");
        assert!(d.span.range.end <= text.len(), "{d:?} past the end");
        assert!(text.is_char_boundary(d.span.range.start), "{d:?}");
        assert!(text.is_char_boundary(d.span.range.end), "{d:?}");
    }
    let rendered = diags.render();
    assert_eq!(rendered.is_empty(), diags.items.is_empty());
}
