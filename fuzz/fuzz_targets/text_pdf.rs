//! From user text to PDF: the fuzzer's text becomes a report's title (its
//! first line) and introduction (the rest), written into the example
//! folder's quarterly report. Whatever `check` accepts must render: no
//! panic, and no layout or export error.

#![no_main]

use std::fmt::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use kompas::run::{ReportChoice, render_pdf};
use libfuzzer_sys::fuzz_target;

const REPORT: &str = "rapporten/kwartaal.yaml";

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = std::env::temp_dir().join(format!("kompas-fuzz-text-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        kompas::init::init(&base).expect("write the example folder");
        // Only the one report, so each run lays out one document.
        for other in ["rapporten/jaarverslag.yaml", "rapporten/motie.yaml"] {
            std::fs::remove_file(base.join(other)).expect("remove a report");
        }
        base
    })
}

/// `text` as a YAML double-quoted scalar: printable characters as they
/// are, everything else escaped, so any string reaches kompas intact.
fn quoted(text: &str) -> String {
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

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (titel, inleiding) = text.split_once('\n').unwrap_or((text, ""));
    let dir = folder();
    let report = format!(
        "soort: kwartaalrapportage\ntitel: {}\nperiode: 2017-Q4\ndatum: 2018-01-25\ninleiding: {}\n",
        quoted(titel),
        quoted(inleiding)
    );
    std::fs::write(dir.join(REPORT), report).expect("write the report");
    let outcome = render_pdf(dir, &ReportChoice::Name("kwartaal".into()));
    match outcome {
        Ok(outcome) => {
            if !outcome.diags.has_errors() {
                let rendered = outcome.rendered.expect("no errors, so a PDF");
                assert!(rendered.pdf.starts_with(b"%PDF-"));
            }
        }
        Err(err) => panic!("check accepted the text, but rendering failed: {err:#}"),
    }
    // Typst memoises across runs; keep memory bounded.
    typst::comemo::evict(0);
});
