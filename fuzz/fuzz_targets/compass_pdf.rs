//! From kompas.yaml to PDF: the fuzzer's text, one line per field, becomes
//! the names and texts of the example's kompas.yaml (the gemeente's name,
//! a domain's name and monitoring, an ambition, a result, an indicator's
//! name, unit and source, an activity's name, executors, quality, and an
//! improvement). Whatever `check` accepts must render: no panic, and no
//! layout or export error.

#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{accepted_renders, example_folder, quoted};
use kompas::init::EXAMPLE;
use libfuzzer_sys::fuzz_target;

/// The lines of the example's kompas.yaml that take a fuzz field, by
/// their start; the field replaces the rest of the line.
const FIELDS: [&str; 13] = [
    "  naam: Voorbeeldstad",
    "    naam: Rondkomen",
    "    monitoring: |",
    "        tekst: inwoners kunnen voorzien",
    "            tekst: minder inwoners afhankelijk",
    "    naam: Inwoners met een bijstandsuitkering",
    "    eenheid: per 1.000 inwoners",
    "    bron: fictief",
    "    naam: Schuldhulpverlening",
    "    uitvoerders: [Gemeente Voorbeeldstad",
    "      - Werkt volgens",
    "      - tekst: Vroegsignalering",
    "        eigenaar: Team Schuldhulp",
];

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = example_folder("compass");
        for other in ["rapporten/kwartaal.yaml", "rapporten/motie.yaml"] {
            std::fs::remove_file(base.join(other)).expect("remove a report");
        }
        base
    })
}

/// The example's kompas.yaml with the fields replaced by `values`, in order.
fn kompas_yaml(values: &[&str]) -> String {
    let original = EXAMPLE[0].1;
    let mut out = String::new();
    let mut used = [false; FIELDS.len()];
    let mut skip_indented_over: Option<usize> = None;
    for line in original.lines() {
        let indent = line.len() - line.trim_start().len();
        if let Some(level) = skip_indented_over {
            if !line.trim().is_empty() && indent > level {
                continue;
            }
            skip_indented_over = None;
        }
        let field = FIELDS
            .iter()
            .position(|f| line.starts_with(f))
            .filter(|&i| !used[i] && i < values.len());
        let Some(i) = field else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        used[i] = true;
        let key = line.trim_start();
        let value = quoted(values[i]);
        let pad = &line[..indent];
        if let Some(item) = key.strip_prefix("- tekst:").map(|_| "- tekst:") {
            out.push_str(&format!("{pad}{item} {value}\n"));
        } else if key.starts_with("- ") {
            out.push_str(&format!("{pad}- {value}\n"));
        } else if key.starts_with("uitvoerders:") {
            out.push_str(&format!("{pad}uitvoerders: [{value}]\n"));
        } else {
            let name = key.split(':').next().unwrap_or(key);
            out.push_str(&format!("{pad}{name}: {value}\n"));
            if key.ends_with('|') {
                skip_indented_over = Some(indent);
            }
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let values: Vec<&str> = text.split('\n').collect();
    let dir = folder();
    std::fs::write(dir.join("kompas.yaml"), kompas_yaml(&values)).expect("write kompas.yaml");
    accepted_renders(dir, "jaarverslag");
});
