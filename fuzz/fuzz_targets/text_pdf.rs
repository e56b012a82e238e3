//! From user text to PDF: the fuzzer's text becomes a report's title (its
//! first line) and introduction (the rest), written into the example
//! folder's quarterly report. Whatever `check` accepts must render: no
//! panic, and no layout or export error.

#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{accepted_renders, example_folder, quoted};
use libfuzzer_sys::fuzz_target;

const REPORT: &str = "rapporten/kwartaal.yaml";

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = example_folder("text");
        // Only the one report, so each run lays out one document.
        for other in ["rapporten/jaarverslag.yaml", "rapporten/motie.yaml"] {
            std::fs::remove_file(base.join(other)).expect("remove a report");
        }
        base
    })
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
    accepted_renders(dir, "kwartaal");
});
