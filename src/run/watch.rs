//! `kompas watch`: render a report, then render it again each time one of
//! its inputs changes (kompas.yaml, waarden/, rapporten/, huisstijl/),
//! printing problems as `check` does. A broken intermediate state never
//! replaces the last good PDF. Typst's memo cache is kept between renders,
//! so an edit lays out again only what it changed.

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode, Watcher};

use super::{Format, ReportChoice, print_problems, render_report, write};
use crate::load::{REPORT_EXTENSIONS, VALUE_EXTENSIONS, is_read};
use crate::output;
use crate::typeset::Layout;

/// How long after a change kompas waits for more before it renders: an
/// editor's save is often several events (write, rename, metadata).
const SETTLE: Duration = Duration::from_millis(80);

/// How many renders an unused layout result is kept in Typst's cache.
const KEEP_RENDERS: usize = 5;

/// Watches the folder `dir` and keeps the chosen report's PDF up to date
/// until Ctrl-C; returns the exit code.
pub fn watch(dir: &Path, choice: &ReportChoice, output: Option<&Path>) -> Result<i32> {
    if !dir.is_dir() {
        anyhow::bail!("`{}` is not a folder", dir.display());
    }
    output::end_watch_on_signal();
    let (tx, rx) = channel();
    // The folder is watched where it is, not through a link to it: the
    // events then name the paths compared with `root`.
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let extra = choice
        .extra()
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()));
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .context("cannot watch for changes")?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch `{}`", dir.display()))?;
    if let Some(extra) = &extra {
        watcher
            .watch(extra, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch `{}`", extra.display()))?;
    }
    // What no edit of the input can mend (no such report, an output that
    // is a folder or an input) ends the watch at once, as a usage error.
    if let Some(path) = output {
        output::check(path, &output::Inputs::new([dir], choice.extra()))?;
    }
    // A watch started anew after a layout it could not stop waits for an
    // edit first: the same input would run away again.
    if std::env::var_os(ANEW_VAR).is_none() {
        render_once(dir, choice, output)?;
        if let Some(code) = after_runaway(&rx, &root, extra.as_deref()) {
            return Ok(code);
        }
        typst::comemo::evict(KEEP_RENDERS);
    }
    eprintln!("watching `{}` for changes; Ctrl-C ends", dir.display());
    loop {
        if !wait_for_change(&rx, &root, extra.as_deref())? {
            return Ok(crate::exit::OK);
        }
        if let Err(err) = render_once(dir, choice, output) {
            eprintln!("error: {err:#}");
        }
        if let Some(code) = after_runaway(&rx, &root, extra.as_deref()) {
            return Ok(code);
        }
        // Keep what the next render will likely use again; drop the rest.
        typst::comemo::evict(KEEP_RENDERS);
    }
}

/// Set in a watch started anew after a layout it could not stop.
const ANEW_VAR: &str = "KOMPAS_WATCH_ANEW";

/// When a layout passed a limit: it runs on, taking a core and perhaps
/// ever more memory, and only the end of the process stops it. The watch
/// starts anew: it renders at once when an input changed meanwhile (the
/// user may have mended it while the layout ran), else at the next
/// edit. The exit code to end with when it cannot.
fn after_runaway(
    rx: &Receiver<notify::Result<notify::Event>>,
    root: &Path,
    extra: Option<&Path>,
) -> Option<i32> {
    if !crate::limits::abandoned() {
        return None;
    }
    let changed = rx
        .try_iter()
        .any(|event| event.is_ok_and(|event| is_input_change(&event, root, extra)));
    let (wait, then) = if changed {
        (None, "to render again, as an input changed meanwhile")
    } else {
        (Some("1"), "to render again when an input changes")
    };
    eprintln!(
        "that layout still runs, and only the end of its process stops it: \
         kompas starts the watch anew, {then}"
    );
    let why = crate::limits::start_anew(ANEW_VAR, wait);
    eprintln!(
        "error: kompas could not start anew ({why}), so the watch ends; \
         mend what the error above names and start `kompas watch` again"
    );
    Some(crate::exit::INVALID_INPUT)
}

/// Renders once and writes the PDF; prints what happened and how long it
/// took. Problems in the input keep the last good PDF in place; an error
/// is one of reading or writing.
fn render_once(dir: &Path, choice: &ReportChoice, output: Option<&Path>) -> Result<()> {
    let start = Instant::now();
    // Whole: the next edit re-uses every layout Typst kept of this one.
    let outcome = render_report(dir, choice, &[Format::Pdf], false, Layout::Whole)?;
    print_problems(&outcome.diags);
    let Some(rendered) = outcome.rendered else {
        eprintln!("not written: fix the errors above; a PDF written before stays as it was");
        return Ok(());
    };
    for warning in &rendered.warnings {
        eprintln!("{warning}");
    }
    let paths = rendered.paths(output, false);
    let inputs = output::Inputs::new([dir], choice.extra());
    let lines = write(&rendered, &paths, &inputs, false)?;
    let took = start.elapsed().as_millis();
    for line in lines {
        eprintln!("{line} (in {took} ms)");
    }
    Ok(())
}

/// Waits until an input of the folder changes, then for the changes to
/// settle; `false` when the watcher has stopped.
fn wait_for_change(
    rx: &Receiver<notify::Result<notify::Event>>,
    root: &Path,
    extra: Option<&Path>,
) -> Result<bool> {
    loop {
        let Ok(event) = rx.recv() else {
            return Ok(false);
        };
        if is_input_change(&event?, root, extra) {
            break;
        }
    }
    loop {
        match rx.recv_timeout(SETTLE) {
            Ok(_) => continue,
            Err(RecvTimeoutError::Timeout) => return Ok(true),
            Err(RecvTimeoutError::Disconnected) => return Ok(false),
        }
    }
}

/// Whether an event changes one of the inputs: kompas.yaml, a file in
/// waarden/, rapporten/ or huisstijl/, or the report file named on the
/// command line. kompas's own output (a PDF, a temporary file) is not.
fn is_input_change(event: &notify::Event, root: &Path, extra: Option<&Path>) -> bool {
    if !matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    ) {
        return false;
    }
    event.paths.iter().any(|path| {
        if extra.is_some_and(|e| e == path.as_path()) {
            return true;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            return false;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with(".kompas-") {
            return false;
        }
        // What the loader reads, and nothing else: an output written into
        // the folder (a PDF, a file without extension), an editor's or a
        // spreadsheet's lock file, is no edit.
        let parts: Vec<_> = relative.components().collect();
        match parts[..] {
            // kompas.yaml, or a whole folder of inputs made or removed.
            [only] => ["kompas.yaml", "waarden", "rapporten", "huisstijl"]
                .iter()
                .any(|n| only.as_os_str() == *n),
            [folder, _] if folder.as_os_str() == "waarden" => is_read(path, VALUE_EXTENSIONS),
            [folder, _] if folder.as_os_str() == "rapporten" => is_read(path, REPORT_EXTENSIONS),
            // Templates may read any file of theirs, a PDF image too.
            [folder, ..] => folder.as_os_str() == "huisstijl",
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn inputs_are_changes_and_outputs_are_not() {
        let root = Path::new("/k");
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        assert!(is_input_change(
            &event(modify, "/k/kompas.yaml"),
            root,
            None
        ));
        assert!(is_input_change(
            &event(modify, "/k/waarden/a.csv"),
            root,
            None
        ));
        assert!(is_input_change(
            &event(modify, "/k/huisstijl/x.typ"),
            root,
            None
        ));
        assert!(!is_input_change(
            &event(modify, "/k/rapport.pdf"),
            root,
            None
        ));
        assert!(!is_input_change(
            &event(modify, "/k/rapporten/x.pdf"),
            root,
            None
        ));
        // An output without extension among the values is not read.
        assert!(!is_input_change(
            &event(modify, "/k/waarden/verslag"),
            root,
            None
        ));
        // Nor is a spreadsheet's lock file or an editor's hidden file.
        assert!(!is_input_change(
            &event(modify, "/k/waarden/~$monitor.xlsx"),
            root,
            None
        ));
        assert!(!is_input_change(
            &event(modify, "/k/waarden/.#waarden.csv"),
            root,
            None
        ));
        assert!(is_input_change(&event(modify, "/k/waarden"), root, None));
        assert!(!is_input_change(
            &event(modify, "/k/rapporten/.kompas-abc.pdf.tmp"),
            root,
            None
        ));
        let access = EventKind::Access(notify::event::AccessKind::Any);
        assert!(!is_input_change(
            &event(access, "/k/kompas.yaml"),
            root,
            None
        ));
        assert!(is_input_change(
            &event(modify, "/elders/r.yaml"),
            root,
            Some(Path::new("/elders/r.yaml"))
        ));
    }
}
