//! Loading and checking: one file of the example kompas folder replaced by
//! the fuzzer's bytes (the first byte picks which: kompas.yaml, a YAML or
//! CSV values file (a wide table), a report, or a workbook added to
//! `waarden/`: `.xlsx` or `.ods`). kompas must never panic, and every
//! diagnostic must point inside its file, on a character boundary.

#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use kompas::init::EXAMPLE;
use libfuzzer_sys::fuzz_target;

/// The workbooks a fuzz input may be, after the example's files.
const WORKBOOKS: [&str; 2] = ["waarden/monitor.xlsx", "waarden/monitor.ods"];

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| common::example_folder("load"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, contents)) = data.split_first() else {
        return;
    };
    let dir = folder();
    let target = usize::from(pick) % (EXAMPLE.len() + WORKBOOKS.len());
    for (i, path) in WORKBOOKS.iter().enumerate() {
        let path = dir.join(path);
        if i + EXAMPLE.len() == target {
            std::fs::write(path, contents).expect("write a fuzz input");
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
    for (i, (path, original)) in EXAMPLE.iter().enumerate() {
        let bytes = if i == target {
            contents
        } else {
            original.as_bytes()
        };
        std::fs::write(dir.join(path), bytes).expect("write a fuzz input");
    }
    let checked = kompas::run::check_all(dir, None).expect("the folder exists");
    let diags = &checked.diags;
    common::assert_spans_inside(diags);
    if !diags.has_errors() {
        for built in &checked.built {
            serde_json::to_vec(&built.view).expect("a checked view encodes");
        }
    }
});
