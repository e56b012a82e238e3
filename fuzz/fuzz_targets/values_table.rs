//! Value tables: the fuzzer's bytes are a CSV file in `waarden/` (the
//! first byte picks a name: `.csv` or `.CSV`). Check must not panic, every
//! diagnostic must point inside its file, and every value it accepts is a
//! finite number that prints without invented digits.

#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| common::example_folder("values"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, contents)) = data.split_first() else {
        return;
    };
    let dir = folder();
    let names = ["waarden/wijken.csv", "waarden/EXPORT.CSV"];
    let (name, other) = if pick % 2 == 0 {
        (names[0], names[1])
    } else {
        (names[1], names[0])
    };
    let _ = std::fs::remove_file(dir.join(other));
    std::fs::write(dir.join(name), contents).expect("write the table");
    let checked = kompas::run::check_all(dir, None).expect("the folder exists");
    common::assert_spans_inside(&checked.diags);
    if let Some(model) = &checked.model {
        for indicator in &model.compass.indicatoren {
            for (_, points) in &indicator.series {
                for point in points {
                    assert!(point.waarde.is_finite(), "{point:?}");
                    assert!(point.waarde.abs() < 1e15, "{point:?}");
                }
            }
        }
    }
});
