//! `kompas init`: writes a small working example to start from. The
//! example is `fixtures/voorbeeld/`, embedded, so the tests check exactly
//! what users get.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The example's files: path inside the new folder, contents.
pub const EXAMPLE: [(&str, &str); 6] = [
    (
        "kompas.yaml",
        include_str!("../fixtures/voorbeeld/kompas.yaml"),
    ),
    (
        "waarden/waarden.yaml",
        include_str!("../fixtures/voorbeeld/waarden/waarden.yaml"),
    ),
    (
        "waarden/wijken.csv",
        include_str!("../fixtures/voorbeeld/waarden/wijken.csv"),
    ),
    (
        "rapporten/jaarverslag.yaml",
        include_str!("../fixtures/voorbeeld/rapporten/jaarverslag.yaml"),
    ),
    (
        "rapporten/kwartaal.yaml",
        include_str!("../fixtures/voorbeeld/rapporten/kwartaal.yaml"),
    ),
    (
        "rapporten/motie.yaml",
        include_str!("../fixtures/voorbeeld/rapporten/motie.yaml"),
    ),
];

/// Writes the example into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() {
        let empty = dir.is_dir()
            && fs::read_dir(dir)
                .with_context(|| format!("cannot read `{}`", dir.display()))?
                .next()
                .is_none();
        if !empty {
            bail!(
                "`{}` already exists and is not empty; kompas init only writes into a new or empty folder",
                dir.display()
            );
        }
    }
    for (path, contents) in EXAMPLE {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        fs::write(&target, contents)
            .with_context(|| format!("cannot write `{}`", target.display()))?;
    }
    Ok(())
}
