//! Stage 1: read a kompas folder into raw structs with source positions.
//!
//! Every file is read on its own, so a broken file does not hide problems
//! in the others. Input problems become [`Diagnostic`]s; only failures of
//! the machine (a disk error, a missing folder) are `anyhow` errors.

mod csv;
pub mod raw;
mod table;
mod workbook;
mod yaml;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::diagnostic::{Diagnostic, Diagnostics, FileId, Sources, Span};

pub use raw::{KompasFile, RapportFile, S};
pub use yaml::{quoted_scalars, span as span_of};

/// The largest input file kompas reads; input files are hand-written.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The longest line kompas reads, so a diagnostic never quotes megabytes.
pub const MAX_LINE_CHARS: usize = 64 * 1024;

/// A value with the place in a file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Loc<T> {
    pub value: T,
    pub span: Span,
}

/// One measured value, from a YAML series or a CSV row.
#[derive(Debug, Clone)]
pub struct ValueRow {
    pub file: FileId,
    pub indicator: Loc<String>,
    pub gebied: Option<Loc<String>>,
    pub periode: Loc<String>,
    pub waarde: Loc<f64>,
    pub status: Option<Loc<String>>,
}

/// One report definition from `rapporten/`.
#[derive(Debug)]
pub struct RapportInput {
    /// The file name without `.yaml`, as `--report` names it.
    pub name: String,
    pub file: FileId,
    pub raw: RapportFile,
}

/// Everything read from a kompas folder. Parts that failed to parse are
/// absent; their problems are in the [`Diagnostics`].
#[derive(Debug, Default)]
pub struct Input {
    pub kompas: Option<(FileId, KompasFile)>,
    pub values: Vec<ValueRow>,
    pub rapporten: Vec<RapportInput>,
}

/// The kinds of file read from `waarden/`, by extension.
pub const VALUE_EXTENSIONS: &[&str] = &["yaml", "yml", "csv", "xlsx", "ods"];
/// The kinds of file read from `rapporten/`, by extension.
pub const REPORT_EXTENSIONS: &[&str] = &["yaml", "yml"];

/// Whether the loader reads `path`, a file in `waarden/` or `rapporten/`
/// whose kinds are `extensions`: one of those, and not hidden (`.name`,
/// an editor's `.#name.csv`) nor a lock file (Excel's `~$name.xlsx`).
/// The watch and the output guard ask this too, so that all three agree
/// on what an input is.
pub fn is_read(path: &Path, extensions: &[&str]) -> bool {
    let hidden = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n.starts_with('.') || n.starts_with('~'));
    let wanted = path
        .extension()
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)));
    wanted && !hidden
}

/// Reads `kompas.yaml`, `waarden/` and `rapporten/` of the folder `dir`,
/// plus `extra_report` when a report lives outside `rapporten/`.
pub fn load(dir: &Path, extra_report: Option<&Path>, diags: &mut Diagnostics) -> Result<Input> {
    if !dir.is_dir() {
        bail!(
            "`{}` is not a kompas folder ({})",
            dir.display(),
            if dir.exists() {
                "a file, not a folder"
            } else {
                "no such directory"
            }
        );
    }
    let kompas = dir.join("kompas.yaml");
    if !kompas.exists() {
        bail!(
            "`{}` has no kompas.yaml; run `kompas init {}` to start from an example",
            dir.display(),
            dir.display()
        );
    }
    // First every file is read and registered (a workbook is parsed as it
    // is read: its sheets become sources of their own); then the texts are
    // parsed, kompas.yaml on a thread of its own beside the others.
    let kompas = read(dir, &kompas, diags)?;
    // Per value file in name order: its rows, or the text still to parse.
    let mut values: Vec<ValueFile> = Vec::new();
    for path in files_in(&dir.join("waarden"), VALUE_EXTENSIONS)? {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("ods"))
        {
            let Some(bytes) = read_bytes(dir, &path, diags)? else {
                continue;
            };
            let mut problems = Vec::new();
            let name = display_name(dir, &path);
            let rows = workbook::parse(&name, bytes, &mut diags.sources, &mut problems);
            problems.into_iter().for_each(|p| diags.push(p));
            values.push(ValueFile::Rows(rows));
        } else if let Some(file) = read(dir, &path, diags)? {
            values.push(if is_csv(&path) {
                ValueFile::Csv(file)
            } else {
                ValueFile::Yaml(file)
            });
        }
    }
    let mut report_paths = files_in(&dir.join("rapporten"), REPORT_EXTENSIONS)?;
    if let Some(extra) = extra_report
        && !report_paths.iter().any(|p| same_file(p, extra))
    {
        report_paths.push(extra.to_path_buf());
    }
    let mut reports = Vec::new();
    for path in report_paths {
        if let Some(file) = read(dir, &path, diags)? {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            reports.push((file, name));
        }
    }

    let sources = &diags.sources;
    let parse_compass = || {
        let mut problems = Vec::new();
        let parsed = kompas.and_then(|file| yaml::parse(sources, file, &mut problems));
        (parsed, problems)
    };
    let ((kompas, mut problems), (input, more)) = std::thread::scope(|scope| {
        let compass = std::thread::Builder::new()
            .name("kompas.yaml".into())
            .stack_size(crate::limits::WORKER_STACK)
            .spawn_scoped(scope, parse_compass);
        let rest = parse_values_and_reports(sources, values, reports);
        let compass = match compass {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: parse it here.
            Err(_) => parse_compass(),
        };
        (compass, rest)
    });
    problems.extend(more);
    problems.into_iter().for_each(|p| diags.push(p));
    Ok(Input { kompas, ..input })
}

/// A file of `waarden/`: a workbook's rows, read already, or a text file
/// still to parse.
enum ValueFile {
    Rows(Vec<ValueRow>),
    Csv(FileId),
    Yaml(FileId),
}

/// Parses the value files, in order, and the reports; with the problems
/// found.
fn parse_values_and_reports(
    sources: &Sources,
    values: Vec<ValueFile>,
    reports: Vec<(FileId, String)>,
) -> (Input, Vec<Diagnostic>) {
    let mut input = Input::default();
    let mut problems = Vec::new();
    for value_file in values {
        match value_file {
            ValueFile::Rows(rows) => input.values.extend(rows),
            ValueFile::Csv(file) => {
                input
                    .values
                    .extend(csv::parse(sources, file, &mut problems));
            }
            ValueFile::Yaml(file) => {
                if let Some((file, waarden)) =
                    yaml::parse::<raw::WaardenFile>(sources, file, &mut problems)
                {
                    input
                        .values
                        .extend(yaml::value_rows(file, waarden, sources));
                }
            }
        }
    }
    for (file, name) in reports {
        if let Some((file, raw)) = yaml::parse::<RapportFile>(sources, file, &mut problems) {
            input.rapporten.push(RapportInput { name, file, raw });
        }
    }
    (input, problems)
}

/// The `*.ext` files directly in `dir`, sorted by name; none when `dir` is absent.
fn files_in(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot list `{}`", dir.display()))?
            .path();
        if is_read(&path, extensions) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Whether a file is a CSV file, whatever the case of its extension (`EXPORT.CSV`).
fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The name a file is shown under: relative to the kompas folder.
pub fn display_name(dir: &Path, path: &Path) -> String {
    let shown = path.strip_prefix(dir).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// Reads one input file's bytes, or records why it cannot be read: it is
/// a directory, a device, a link out of the folder or larger than kompas
/// reads.
fn read_bytes(dir: &Path, path: &Path, diags: &mut Diagnostics) -> Result<Option<Vec<u8>>> {
    let name = display_name(dir, path);
    let refuse = |diags: &mut Diagnostics, text: &str, d: fn(Span) -> Diagnostic| {
        let file = diags.sources.add(name.clone(), text);
        diags.push(d(Span::file_start(file)));
    };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(_) if fs::symlink_metadata(path).is_ok() => {
            refuse(diags, "", |s| {
                Diagnostic::error(s, "this file is a link to a file that does not exist")
                    .with_label("a broken symbolic link")
                    .expected(
                        "a file; remove the link or let it lead to a file inside the kompas folder",
                    )
            });
            return Ok(None);
        }
        Err(err) => return Err(err).with_context(|| format!("cannot read `{name}`")),
    };
    if meta.is_dir() {
        refuse(diags, "", |s| {
            Diagnostic::error(s, "this is a folder, not a file")
                .with_label("a folder")
                .expected("a file; move the folder out of the way")
        });
        return Ok(None);
    }
    if !meta.is_file() {
        refuse(diags, "", |s| {
            Diagnostic::error(s, "this is not a regular file")
                .with_label("a device, pipe or socket")
                .expected("a text file")
        });
        return Ok(None);
    }
    let too_large = |diags: &mut Diagnostics| {
        refuse(diags, "", |s| {
            Diagnostic::error(s, "this file is larger than kompas reads")
                .with_label("more than 16 MiB")
                .expected("an input file of at most 16 MiB (kompas's limit); split the values over several files")
        });
        Ok(None)
    };
    if meta.len() > MAX_FILE_BYTES {
        return too_large(diags);
    }
    if leads_outside(dir, path) {
        refuse(diags, "", |s| {
            Diagnostic::error(
                s,
                "this file is a link that leads outside the kompas folder",
            )
            .with_label("not read: a symbolic link out of the folder")
            .expected("the file itself inside the kompas folder, not a link to a file elsewhere")
        });
        return Ok(None);
    }
    // Read at most one byte past the limit, even if the file grows meanwhile.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read `{name}`"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return too_large(diags);
    }
    Ok(Some(bytes))
}

/// Reads one text file into the sources, or records why it cannot be read.
///
/// Refuses what is not a text file kompas can read (a directory, a huge
/// file, a line of megabytes); reads UTF-8 with or without BOM, and reads a
/// CSV that is not UTF-8 as Windows-1252, the encoding Excel writes.
fn read(dir: &Path, path: &Path, diags: &mut Diagnostics) -> Result<Option<FileId>> {
    let name = display_name(dir, path);
    let Some(bytes) = read_bytes(dir, path, diags)? else {
        return Ok(None);
    };
    if let Some((encoding, label)) = utf16(&bytes) {
        let (text, _) = encoding.decode_with_bom_removal(&bytes);
        let warning = Diagnostic::warning(Span::file_start(0), "this file is UTF-16, not UTF-8")
            .with_label(format!("read as {label}"))
            .with_note("Excel's \"Unicode text\" writes UTF-16; kompas reads it as such. Save as \"CSV UTF-8\" to silence this warning.");
        return Ok(checked_with_warning(
            name,
            text.into_owned(),
            warning,
            diags,
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) if is_csv(path) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(err.as_bytes());
            let warning = Diagnostic::warning(Span::file_start(0), "this CSV file is not UTF-8")
                .with_label("read as Windows-1252")
                .with_note("Excel's \"CSV (gescheiden door lijstscheidingsteken)\" writes Windows-1252; kompas reads it as such. Save as \"CSV UTF-8\" to silence this warning.");
            return Ok(checked_with_warning(
                name,
                text.into_owned(),
                warning,
                diags,
            ));
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let file = diags
                .sources
                .add(name.clone(), String::from_utf8_lossy(&bytes).into_owned());
            let start = String::from_utf8_lossy(&bytes[..valid]).len();
            let end = diags.sources.text(file)[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
            diags.push(
                Diagnostic::error(
                    Span {
                        file,
                        range: start..end,
                    },
                    "this file is not UTF-8 text",
                )
                .with_label(format!("byte 0x{:02X} is not UTF-8", bytes[valid]))
                .expected("a text file saved as UTF-8"),
            );
            return Ok(None);
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    Ok(checked(name, text, diags))
}

/// The encoding a byte order mark at the start of `bytes` announces, when
/// it is UTF-16, with its name for a message.
fn utf16(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, &'static str)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((encoding_rs::UTF_16LE, "UTF-16 (little-endian)")),
        [0xFE, 0xFF, ..] => Some((encoding_rs::UTF_16BE, "UTF-16 (big-endian)")),
        _ => None,
    }
}

/// Whether `path`, found in the kompas folder `dir`, is a link (or lies in
/// a linked folder) that leads out of the folder. A report file named on
/// the command line outside the folder is the user's choice, not a link.
fn leads_outside(dir: &Path, path: &Path) -> bool {
    if !path.starts_with(dir) {
        return false;
    }
    match (dir.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(real)) => !real.starts_with(root),
        _ => false,
    }
}

/// Like [`checked`], then records `warning` (made for file 0) at the start
/// of the file: the text was read, but not as written.
fn checked_with_warning(
    name: String,
    text: String,
    warning: Diagnostic,
    diags: &mut Diagnostics,
) -> Option<FileId> {
    let file = checked(name, text, diags)?;
    diags.push(Diagnostic {
        span: Span::file_start(file),
        ..warning
    });
    Some(file)
}

/// Refuses a file with an absurdly long line, quoting only its start, so
/// that a diagnostic never prints megabytes.
fn checked(name: String, text: String, diags: &mut Diagnostics) -> Option<FileId> {
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        let chars = line.chars().count();
        if chars > MAX_LINE_CHARS {
            let shown = offset + line.char_indices().nth(60).map_or(0, |(i, _)| i);
            let file = diags.sources.add(name, &text[..shown]);
            diags.push(
                Diagnostic::error(
                    Span {
                        file,
                        range: shown..shown,
                    },
                    format!("line {} is longer than kompas reads", i + 1),
                )
                .with_label(format!("this line goes on for {chars} characters"))
                .expected(format!(
                    "lines of at most {MAX_LINE_CHARS} characters (kompas's limit)"
                )),
            );
            return None;
        }
        offset += line.len() + 1;
    }
    Some(diags.sources.add(name, text))
}
