//! Where a report goes: the output path is checked before anything is
//! written (never an input file of any folder of the run, nor one the next
//! run would read, a folder, a device, or a link out of its folder), and
//! the file is written through a temporary file and a rename that an
//! error, Ctrl-C or SIGTERM never leave behind. A Typst project is a
//! folder with a list of what kompas wrote in it (`.kompas-project`), and
//! is replaced only while it holds just that. Every message names the
//! path as the user gave it, never the temporary file.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, OnceLock};

use anyhow::{Result, anyhow, bail};

use crate::load::{REPORT_EXTENSIONS, VALUE_EXTENSIONS, is_read};

/// The temporary files and folders being written (several at once in a
/// batch), for the signal handler to remove.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// What a run reads, which none of its outputs may overwrite or become:
/// every kompas folder of the run, and a report file named on the
/// command line.
pub struct Inputs {
    dirs: Vec<PathBuf>,
    extra: Option<PathBuf>,
    /// Made on first use, once: a batch checks hundreds of outputs
    /// against the inputs of hundreds of folders.
    index: OnceLock<Index>,
}

/// The run's inputs, to look up by where they land and by identity.
struct Index {
    /// Per folder of the run, where it and its input folders land.
    roots: Vec<Roots>,
    /// Where each input file lands, and the folder (by position) it is of.
    landings: HashMap<PathBuf, usize>,
    /// Each input file by device and inode: the same file through a hard
    /// link too.
    #[cfg(unix)]
    ids: HashMap<(u64, u64), usize>,
}

/// Where a kompas folder and its input folders land (there or not yet).
struct Roots {
    root: PathBuf,
    waarden: PathBuf,
    rapporten: PathBuf,
    huisstijl: PathBuf,
}

impl Inputs {
    pub fn new<'a>(dirs: impl IntoIterator<Item = &'a Path>, extra: Option<&Path>) -> Inputs {
        Inputs {
            dirs: dirs.into_iter().map(Path::to_path_buf).collect(),
            extra: extra.map(Path::to_path_buf),
            index: OnceLock::new(),
        }
    }

    /// Every file kompas reads from the folder `dir`: `kompas.yaml`, the
    /// values and reports, anything in `huisstijl/`. A PDF written into
    /// `rapporten/` before is not an input.
    fn files_of(dir: &Path) -> Vec<PathBuf> {
        let mut files = vec![dir.join("kompas.yaml")];
        for (folder, extensions) in [
            ("waarden", VALUE_EXTENSIONS),
            ("rapporten", REPORT_EXTENSIONS),
        ] {
            if let Ok(entries) = fs::read_dir(dir.join(folder)) {
                files.extend(
                    entries
                        .filter_map(|e| e.ok())
                        .map(|e| e.path())
                        .filter(|p| is_read(p, extensions)),
                );
            }
        }
        every_file(&dir.join("huisstijl"), &mut files);
        files
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let roots = self
                .dirs
                .iter()
                .map(|dir| {
                    let root = resolve(dir);
                    Roots {
                        waarden: resolve(&root.join("waarden")),
                        rapporten: resolve(&root.join("rapporten")),
                        huisstijl: resolve(&root.join("huisstijl")),
                        root,
                    }
                })
                .collect();
            // The extra report is read on behalf of the first folder.
            let files = self
                .dirs
                .iter()
                .enumerate()
                .flat_map(|(i, dir)| Inputs::files_of(dir).into_iter().map(move |f| (f, i)));
            let files: Vec<(PathBuf, usize)> = files
                .chain(self.extra.iter().map(|e| (e.clone(), 0)))
                .collect();
            Index {
                roots,
                landings: files.iter().map(|(f, i)| (resolve(f), *i)).collect(),
                #[cfg(unix)]
                ids: files
                    .iter()
                    .filter_map(|(f, i)| Some((file_id(&fs::metadata(f).ok()?), *i)))
                    .collect(),
            }
        })
    }

    /// The folder whose input `path` is: where it lands, or the same file
    /// through a hard link.
    fn holding(&self, path: &Path) -> Option<&Path> {
        let index = self.index();
        let found = index.landings.get(&resolve(path)).copied();
        #[cfg(unix)]
        let found = found.or_else(|| {
            let meta = fs::metadata(path).ok()?;
            index.ids.get(&file_id(&meta)).copied()
        });
        found.map(|i| self.dirs[i].as_path())
    }

    /// The folder that would read a file written to `path` as its input
    /// the next time: a value file in `waarden/`, a report in
    /// `rapporten/`, anything in `huisstijl/`, a `kompas.yaml`; also when
    /// that folder is not there yet.
    fn reading(&self, path: &Path) -> Option<&Path> {
        let landing = resolve(path);
        let folder = landing.parent()?;
        let found = self.index().roots.iter().position(|r| {
            (folder == r.waarden && is_read(&landing, VALUE_EXTENSIONS))
                || (folder == r.rapporten && is_read(&landing, REPORT_EXTENSIONS))
                || landing.starts_with(&r.huisstijl)
                || landing == r.root.join("kompas.yaml")
        });
        found.map(|i| self.dirs[i].as_path())
    }

    /// The folder of the run whose `waarden/` or `rapporten/` `folder`
    /// is: a Typst project there would put files among the inputs.
    fn input_folder(&self, folder: &Path) -> Option<&Path> {
        let landing = resolve(folder);
        let found = (self.index().roots.iter())
            .position(|r| landing == r.waarden || landing == r.rapporten);
        found.map(|i| self.dirs[i].as_path())
    }

    /// The folder of the run with an input file in the folder `folder`.
    fn within(&self, folder: &Path) -> Option<&Path> {
        let folder = resolve(folder);
        let found = self
            .index()
            .landings
            .iter()
            .find(|(f, _)| f.starts_with(&folder));
        found.map(|(_, &i)| self.dirs[i].as_path())
    }
}

/// A file's device and inode.
#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Every file under `folder`, links included and not followed.
fn every_file(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => every_file(&entry.path(), out),
            _ => out.push(entry.path()),
        }
    }
}

/// Writes `bytes` to `path`, after checking that `path` may receive it.
pub fn write(path: &Path, inputs: &Inputs, bytes: &[u8]) -> Result<()> {
    let target = check(path, inputs)?;
    make_folder(path)?;
    write_atomically(&target, path, bytes)
}

/// Creates the folder an output goes into, when it is not there yet (an
/// `-o 'uit/{gebied}.pdf'` names a new one).
fn make_folder(path: &Path) -> Result<()> {
    let folder = folder_of(path);
    fs::create_dir_all(folder).map_err(|e| io_error("cannot create the folder", folder, &e))
}

/// Where a file written to `path` lands: the path made absolute, each part
/// that exists resolved through links, and `..` after a part that does not
/// exist yet taken as the folder above it, as the folders a write creates
/// will make it.
pub fn resolve(path: &Path) -> PathBuf {
    // A path that exists all the way resolves at once.
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut landing = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                landing.pop();
            }
            std::path::Component::CurDir => {}
            part => {
                landing.push(part);
                if let Ok(real) = landing.canonicalize() {
                    landing = real;
                }
            }
        }
    }
    landing
}

/// The file in a Typst project kompas wrote that lists each file it
/// wrote with a hash of its bytes.
const MANIFEST: &str = ".kompas-project";

/// Checks that a Typst project may be written to `path`: a new folder, an
/// empty one, or one kompas wrote before and nobody changed since (so a
/// file added or edited there is never lost); never a file, nor a folder
/// that holds an input. `true` when there is such a project to replace.
pub fn check_folder(path: &Path, inputs: &Inputs) -> Result<bool> {
    let shown = path.display();
    // `.`, `..` or `/`, or the folder kompas runs in (or one around it) by
    // name: a folder that no rename can replace, or should.
    let around_here =
        std::env::current_dir().is_ok_and(|cwd| resolve(&cwd).starts_with(resolve(path)));
    if path.file_name().is_none() || around_here {
        bail!(
            "`{shown}` is the folder kompas runs in, or one around it; give a folder of its own with -o, as in `-o bundel`"
        );
    }
    if let Some(dir) = inputs.input_folder(path) {
        bail!(
            "`{shown}` is a folder of input files of `{}`; give a folder of its own with -o, as in `-o bundel`",
            dir.display()
        );
    }
    let existing = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let empty = fs::read_dir(path)
                .map_err(|e| io_error("cannot read", path, &e))?
                .next()
                .is_none();
            if !empty {
                if let Some(dir) = inputs.within(path) {
                    bail!(
                        "`{shown}` holds input files of `{}`; kompas does not overwrite its input",
                        dir.display()
                    );
                }
                if let Some(why) = changed_since_written(path) {
                    bail!(
                        "`{shown}` {why}; kompas writes a Typst project into a new or empty folder, or over one it wrote before and nobody changed since (give another folder with -o)"
                    );
                }
            }
            !empty
        }
        Ok(meta) if meta.is_symlink() => bail!(
            "`{shown}` is a link; kompas writes a Typst project into a folder itself, not through a link (give a folder name with -o)"
        ),
        Ok(_) => bail!(
            "`{shown}` is not a folder; a Typst project is written as a folder (give a folder name with -o)"
        ),
        Err(_) => false,
    };
    if let Some(dir) = inputs.reading(path) {
        bail!(
            "`{shown}` lies in `{}`, whose files kompas reads as input; give another folder with -o",
            dir.display()
        );
    }
    Ok(existing)
}

/// Why the folder `path` is not as kompas wrote it: a file it did not
/// write, or one changed since; `None` when it is as written.
fn changed_since_written(path: &Path) -> Option<String> {
    let Ok(listed) = fs::read_to_string(path.join(MANIFEST)) else {
        return Some("is a folder with files kompas did not write".into());
    };
    let written: HashMap<&str, &str> = listed
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .map(|(hash, name)| (name, hash))
        .collect();
    let mut found = Vec::new();
    every_file(path, &mut found);
    for file in found {
        // Unreadable as a path within: not known to be kompas's.
        let Ok(within) = file.strip_prefix(path) else {
            return Some(format!(
                "holds `{}`, which kompas did not write",
                file.display()
            ));
        };
        let name = within.to_string_lossy().replace('\\', "/");
        if name == MANIFEST {
            continue;
        }
        let Some(&hash) = written.get(name.as_str()) else {
            return Some(format!("holds `{name}`, which kompas did not write"));
        };
        let same = fs::symlink_metadata(&file).is_ok_and(|m| m.is_file())
            && fs::read(&file).is_ok_and(|bytes| format!("{:016x}", fnv(&bytes)) == hash);
        if !same {
            return Some(format!("holds `{name}`, changed since kompas wrote it"));
        }
    }
    None
}

/// The list of `files` kompas keeps in a project it writes, each with the
/// hash of its bytes.
fn manifest(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut text = String::from(
        "# kompas wrote this Typst project. A new render replaces it only while it holds\n# exactly these files, unchanged: a file added or edited here is never lost.\n",
    );
    for (name, bytes) in files {
        text.push_str(&format!("{:016x} {name}\n", fnv(bytes)));
    }
    text.into_bytes()
}

/// FNV-1a, 64 bits: a hash that is the same in every kompas version.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes a folder of `files` (relative paths with `/`) to `path`, after
/// [`check_folder`]: built in a temporary folder beside it, with the list
/// of what it holds, then renamed into place.
pub fn write_folder(path: &Path, inputs: &Inputs, files: &[(String, Vec<u8>)]) -> Result<()> {
    let existing = check_folder(path, inputs)?;
    let parent = folder_of(path);
    make_folder(path)?;
    remove_on_signal();
    let temp = tempfile::Builder::new()
        .prefix(".kompas-")
        .suffix(".tmp")
        .tempdir_in(parent)
        .map_err(|e| io_error("cannot write", path, &e))?;
    let pending = temp.path().to_path_buf();
    set_pending(&pending, true);
    let result = fill_folder(temp.path(), files)
        .and_then(|()| fs::write(temp.path().join(MANIFEST), manifest(files)))
        .map_err(|e| io_error("cannot write", path, &e))
        .and_then(|()| {
            hold_for_tests();
            if existing {
                replace_project(path, temp.path())
            } else {
                if path.is_dir() {
                    fs::remove_dir(path).map_err(|e| io_error("cannot replace", path, &e))?;
                }
                fs::rename(temp.path(), path).map_err(|e| io_error("cannot write", path, &e))
            }
        });
    set_pending(&pending, false);
    if result.is_ok() {
        // Renamed into place: there is nothing left to remove.
        let _ = temp.keep();
        count_written(1);
    }
    result
}

/// Puts the project made in `new` in the place of the one kompas wrote
/// at `path`: the old one is moved aside and looked at again there, so
/// that a file added or edited while the new one was being made is kept
/// (the old project is put back, and the error says why).
fn replace_project(path: &Path, new: &Path) -> Result<()> {
    let aside = new.with_extension("old");
    fs::rename(path, &aside).map_err(|e| io_error("cannot replace", path, &e))?;
    if let Some(why) = changed_since_written(&aside) {
        let back = fs::rename(&aside, path);
        bail!(
            "`{}` changed while kompas made a new project for it: it {why}; it was left as it was{}",
            path.display(),
            if back.is_err() {
                format!(" in `{}`", aside.display())
            } else {
                String::new()
            }
        );
    }
    if let Err(e) = fs::rename(new, path) {
        // The old project goes back where it was.
        let back = fs::rename(&aside, path);
        let kept = match back {
            Ok(()) => "it was left as it was".to_owned(),
            Err(_) => format!("the old project is in `{}`", aside.display()),
        };
        bail!("cannot write `{}`: {}; {kept}", path.display(), e.kind());
    }
    fs::remove_dir_all(&aside).map_err(|e| io_error("cannot remove the old", path, &e))
}

/// Writes `files` into the empty folder `folder`.
fn fill_folder(folder: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    for (name, bytes) in files {
        let target = folder.join(name);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(target, bytes)?;
    }
    Ok(())
}

/// The file to write for the output path `path`: `path` itself, or the file
/// a link there leads to when that lies in the same folder. An error (a
/// usage error) when `path` is an input or would be read as one, a
/// folder, a device or a link out of its folder.
pub fn check(path: &Path, inputs: &Inputs) -> Result<PathBuf> {
    let shown = path.display();
    let Ok(meta) = fs::symlink_metadata(path) else {
        return new_file(path, path, inputs);
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
        // A link to a file still to be made.
        return new_file(path, &target, inputs);
    };
    if meta.is_dir() {
        bail!("`{shown}` is a folder; give a file name with -o, as in `-o {shown}/rapport.pdf`");
    }
    if !meta.is_file() {
        bail!(
            "`{shown}` is a device, pipe or socket, not a file; kompas writes only files (give a file name with -o)"
        );
    }
    not_an_input(path, &target, inputs)?;
    Ok(target)
}

/// A file still to be made at `target` (the output path `shown`, or where
/// a link there leads): never where an input is, nor one that the next
/// run would read.
fn new_file(shown: &Path, target: &Path, inputs: &Inputs) -> Result<PathBuf> {
    not_an_input(shown, target, inputs)?;
    if let Some(dir) = inputs.reading(target) {
        bail!(
            "`{}` would be read as an input of `{}` the next time; give another file with -o",
            shown.display(),
            dir.display()
        );
    }
    Ok(target.to_path_buf())
}

/// An error when `target`, written as the output path `shown`, is an
/// input of the run.
fn not_an_input(shown: &Path, target: &Path, inputs: &Inputs) -> Result<()> {
    if let Some(dir) = inputs.holding(target) {
        bail!(
            "`{}` is one of the input files of `{}`; kompas does not overwrite its input (give another file with -o)",
            shown.display(),
            dir.display()
        );
    }
    Ok(())
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
    let pending = temp.path().to_path_buf();
    set_pending(&pending, true);
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
    set_pending(&pending, false);
    if result.is_ok() {
        count_written(1);
    }
    result
}

/// An I/O error in the user's terms: the path they gave and what went
/// wrong, without the temporary file's name that the error may carry.
fn io_error(what: &str, shown: &Path, err: &std::io::Error) -> anyhow::Error {
    anyhow!("{what} `{}`: {}", shown.display(), err.kind())
}

/// Records that `path` is being written (`true`), or is no longer.
fn set_pending(path: &Path, writing: bool) {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    pending.retain(|p| p != path);
    if writing {
        pending.push(path.to_path_buf());
    }
}

/// How many outputs this run has put in place, for what Ctrl-C says.
static WRITTEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Counts `n` outputs put in place (by this process, or by the batch it
/// goes on from).
pub fn count_written(n: usize) {
    WRITTEN.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
}

/// Set while `kompas watch` runs: Ctrl-C then ends it as asked, not as
/// an interrupted render.
static WATCHING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Installs the Ctrl-C handler for `kompas watch`: a temporary file being
/// written is removed, and the process ends with exit code 0.
pub fn end_watch_on_signal() {
    WATCHING.store(true, std::sync::atomic::Ordering::Relaxed);
    remove_on_signal();
}

/// Installs, once, a handler for Ctrl-C and SIGTERM that removes the
/// temporary file being written and says what stays before the process
/// ends. A render installs it when it starts, so that one stopped before
/// its first write says so too.
pub fn remove_on_signal() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        // Without a handler the default (ending the process) still holds;
        // only the temporary file would then be left.
        let _ = ctrlc::set_handler(|| {
            let pending = std::mem::take(&mut *PENDING.lock().unwrap_or_else(|e| e.into_inner()));
            for path in pending {
                let _ = fs::remove_file(&path).or_else(|_| fs::remove_dir_all(&path));
            }
            let watching = WATCHING.load(std::sync::atomic::Ordering::Relaxed);
            if watching {
                eprintln!("stopped watching");
                std::process::exit(0);
            }
            match WRITTEN.load(std::sync::atomic::Ordering::Relaxed) {
                0 => eprintln!("stopped: nothing written"),
                n => eprintln!(
                    "stopped: the {n} output(s) written before stay; nothing half-written is left"
                ),
            }
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

    #[test]
    fn a_project_that_cannot_take_the_old_ones_place_puts_the_old_one_back() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("bundel");
        let files = [("main.typ".to_owned(), b"= Oud".to_vec())];
        let inputs = Inputs::new([], None);
        write_folder(&project, &inputs, &files).unwrap();
        // The new project is not there to rename: the step after the old
        // one was moved aside fails.
        let new = dir.path().join(".kompas-nieuw.tmp");
        let err = replace_project(&project, &new).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "cannot write `{}`: entity not found; it was left as it was",
                project.display()
            )
        );
        assert_eq!(fs::read(project.join("main.typ")).unwrap(), b"= Oud");
        assert!(changed_since_written(&project).is_none());
        // Nothing is left beside it: neither the moved-aside copy nor a
        // temporary folder.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["bundel"]);
    }
}
