//! Where a report goes: the output path is checked before anything is
//! written (never an input file, a folder, a device, or a link out of its
//! folder), and the file is written through a temporary file and a rename
//! that an error, Ctrl-C or SIGTERM never leave behind. Every message
//! names the path as the user gave it, never the temporary file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use anyhow::{Result, anyhow, bail};

/// The temporary file being written, for the signal handler to remove.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Writes `bytes` to `path`, the output of a run on the kompas folder `dir`
/// (and `extra`, a report file named on the command line), after checking
/// that `path` may receive it.
pub fn write(path: &Path, dir: &Path, extra: Option<&Path>, bytes: &[u8]) -> Result<()> {
    let target = check(path, dir, extra)?;
    write_atomically(&target, path, bytes)
}

/// The file to write for the output path `path`: `path` itself, or the file
/// a link there leads to when that lies in the same folder. An error (a
/// usage error) when `path` is an input, a folder, a device or a link out
/// of its folder.
pub fn check(path: &Path, dir: &Path, extra: Option<&Path>) -> Result<PathBuf> {
    let shown = path.display();
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(path.to_path_buf());
    };
    let mut target = path.to_path_buf();
    if meta.file_type().is_symlink() {
        let link = fs::read_link(path).map_err(|e| io_error("cannot read the link", path, &e))?;
        let resolved = folder_of(path).join(link);
        let same_folder = match (
            folder_of(path).canonicalize(),
            folder_of(&resolved).canonicalize(),
        ) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if !same_folder {
            bail!(
                "`{shown}` is a link to a file outside its folder; kompas does not write through it (give the file itself with -o)"
            );
        }
        target = resolved;
    }
    let Ok(meta) = fs::metadata(&target) else {
        return Ok(target);
    };
    if meta.is_dir() {
        bail!("`{shown}` is a folder; give a file name with -o, as in `-o {shown}/rapport.pdf`");
    }
    if !meta.is_file() {
        bail!(
            "`{shown}` is a device, pipe or socket, not a file; kompas writes only files (give a file name with -o)"
        );
    }
    if inputs(dir, extra)
        .iter()
        .any(|input| same_file(input, &target))
    {
        bail!(
            "`{shown}` is one of the input files of `{}`; kompas does not overwrite its input (give another file with -o)",
            dir.display()
        );
    }
    Ok(target)
}

/// Every file kompas reads from the folder `dir` (values, reports, and
/// anything in `huisstijl/`), and `extra`. A PDF written into
/// `rapporten/` before is not an input.
fn inputs(dir: &Path, extra: Option<&Path>) -> Vec<PathBuf> {
    let mut files = vec![dir.join("kompas.yaml")];
    let read = [
        ("waarden", &["yaml", "yml", "csv"][..]),
        ("rapporten", &["yaml", "yml"][..]),
        ("huisstijl", &[][..]),
    ];
    for (folder, extensions) in read {
        let Ok(entries) = fs::read_dir(dir.join(folder)) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    extensions.is_empty()
                        || p.extension()
                            .is_some_and(|x| extensions.iter().any(|e| x.eq_ignore_ascii_case(e)))
                }),
        );
    }
    files.extend(extra.map(Path::to_path_buf));
    files
}

/// Whether two paths are the same file (also through links or hard links).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// The folder a path lies in; `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `target` through a temporary file in the same folder
/// and a rename, so a reader never sees a half-written file; on failure,
/// or when the process is stopped, the temporary file is removed and
/// `target` is left as it was. Messages name `shown`, the user's path.
pub fn write_atomically(target: &Path, shown: &Path, bytes: &[u8]) -> Result<()> {
    let folder = folder_of(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kompas-").suffix(".pdf.tmp");
    // A report is shared: created like any new file (0666 less the umask),
    // not with a temporary file's owner-only mode.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    remove_on_signal();
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|e| io_error("cannot write", shown, &e))?;
    set_pending(Some(temp.path().to_path_buf()));
    let written = temp
        .write_all(bytes)
        .and_then(|()| temp.as_file().sync_all());
    hold_for_tests();
    let result = match written {
        Ok(()) => temp
            .persist(target)
            .map(drop)
            .map_err(|e| io_error("cannot write", shown, &e.error)),
        Err(e) => Err(io_error("cannot write", shown, &e)),
    };
    set_pending(None);
    result
}

/// An I/O error in the user's terms: the path they gave and what went
/// wrong, without the temporary file's name that the error may carry.
fn io_error(what: &str, shown: &Path, err: &std::io::Error) -> anyhow::Error {
    anyhow!("{what} `{}`: {}", shown.display(), err.kind())
}

fn set_pending(path: Option<PathBuf>) {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    *pending = path;
}

/// Installs, once, a handler for Ctrl-C and SIGTERM that removes the
/// temporary file being written before the process ends.
fn remove_on_signal() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        // Without a handler the default (ending the process) still holds;
        // only the temporary file would then be left.
        let _ = ctrlc::set_handler(|| {
            let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(path) = pending {
                let _ = fs::remove_file(path);
            }
            eprintln!("stopped: nothing written");
            std::process::exit(130);
        });
    });
}

/// In a debug build, `KOMPAS_HOLD_TEMP_MS` keeps the temporary file in
/// place that long before the rename, so a test can stop the process
/// while it exists. A release build ignores it.
fn hold_for_tests() {
    if cfg!(debug_assertions)
        && let Some(ms) = std::env::var("KOMPAS_HOLD_TEMP_MS")
            .ok()
            .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_names_the_users_path_not_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let shown = Path::new("verslagen/rapport.pdf");
        let err = write_atomically(&dir.path().join("ontbreekt/rapport.pdf"), shown, b"%PDF-")
            .unwrap_err();
        let message = format!("{err:#}");
        assert_eq!(
            message,
            "cannot write `verslagen/rapport.pdf`: entity not found"
        );
        assert!(!message.contains(".kompas-"));
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("map")).unwrap();
        // Renaming a file onto a non-empty folder fails after the write.
        fs::write(dir.path().join("map/x"), b"").unwrap();
        assert!(write_atomically(&dir.path().join("map"), Path::new("map"), b"%PDF-").is_err());
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }
}
