//! Loading and checking: one file of the example kompas folder replaced by
//! the fuzzer's bytes (the first byte picks which: kompas.yaml, a YAML or
//! CSV values file, or a report). kompas must never panic, and every
//! diagnostic must point inside its file, on a character boundary.

#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use kompas::init::EXAMPLE;
use libfuzzer_sys::fuzz_target;

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| common::example_folder("load"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, contents)) = data.split_first() else {
        return;
    };
    let dir = folder();
    let target = usize::from(pick) % EXAMPLE.len();
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
        for (_, view) in &checked.views {
            serde_json::to_vec(view).expect("a checked view encodes");
        }
    }
});
