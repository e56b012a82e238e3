//! `kompas watch`: renders, renders again after an edit, keeps the last
//! good PDF through a broken intermediate state, and ends on Ctrl-C.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::common::*;

/// How long one render may take in a debug build on a busy machine.
const PATIENCE: Duration = Duration::from_secs(180);

/// The watch process, with its stderr as lines.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(dir: &std::path::Path, args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kompas"))
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line that contains `part`; fails the test with
    /// everything printed when none comes in time.
    fn expect(&mut self, part: &str) -> String {
        loop {
            match self.lines.recv_timeout(PATIENCE) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(part) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no line with {part:?} within {PATIENCE:?}; printed:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_renders_again_after_an_edit_and_keeps_the_last_good_pdf() {
    let dir = fixture("culemborg");
    let report = dir.path().join("rapporten/kwartaal-2017-q4.yaml");
    let original = fs::read_to_string(&report).unwrap();
    let mut watch = Watching::start(
        dir.path(),
        &[".", "-r", "kwartaal-2017-q4", "-o", "brief.pdf"],
    );
    let first = watch.expect("wrote `brief.pdf`");
    assert!(first.contains(" ms)"), "{first}");
    watch.expect("watching `.` for changes; Ctrl-C ends");
    let pdf = dir.path().join("brief.pdf");
    assert!(!text(&fs::read(&pdf).unwrap()).contains("Een zin die er net bij kwam."));

    // An edit: the PDF follows.
    let edited = original.replacen(
        "inleiding: |\n",
        "inleiding: |\n  Een zin die er net bij kwam.\n",
        1,
    );
    fs::write(&report, &edited).unwrap();
    watch.expect("wrote `brief.pdf`");
    let good = fs::read(&pdf).unwrap();
    assert!(text(&good).contains("Een zin die er net bij kwam."));

    // A broken state, as while typing: problems printed, the PDF kept.
    fs::write(
        &report,
        edited.replacen("periode: 2017-Q4", "periode: 2017-Q5", 1),
    )
    .unwrap();
    watch.expect("rapporten/kwartaal-2017-q4.yaml:3:");
    assert!(
        watch.seen.iter().any(|l| l.starts_with("error")),
        "{}",
        watch.seen.join("\n")
    );
    watch.expect("not written: fix the errors above; a PDF written before stays as it was");
    assert_eq!(fs::read(&pdf).unwrap(), good);

    // Fixed again: rendered again.
    fs::write(&report, &original).unwrap();
    watch.expect("wrote `brief.pdf`");
    assert!(!text(&fs::read(&pdf).unwrap()).contains("Een zin die er net bij kwam."));

    // Ctrl-C ends it cleanly.
    kill(Pid::from_raw(watch.child.id() as i32), Signal::SIGINT).unwrap();
    watch.expect("stopped watching");
    let status = watch.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn what_no_edit_can_mend_ends_the_watch_as_a_usage_error() {
    let dir = base();
    for (args, message) in [
        (
            &[".", "--report", "bestaat-niet", "-o", "uit.pdf"][..],
            "error: no report `bestaat-niet`",
        ),
        (
            &[".", "--report", "jaarverslag", "-o", "waarden"][..],
            "error: `waarden` is a folder",
        ),
        (
            &[".", "--report", "jaarverslag", "-o", "kompas.yaml"][..],
            "error: `kompas.yaml` is one of the input files",
        ),
    ] {
        let mut watching = Watching::start(dir.path(), args);
        let first = watching.expect("error:");
        assert!(first.starts_with(message), "{args:?}: {first}");
        // It ends by itself, at once; a watch that went on fails here.
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = watching.child.try_wait().unwrap() {
                break status;
            }
            assert!(started.elapsed() < PATIENCE, "{args:?}: still watching");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(2), "{args:?}");
        let rest: Vec<String> = watching.lines.try_iter().collect();
        assert!(!rest.iter().any(|l| l.contains("watching")), "{rest:?}");
    }
}

/// A watch of a folder whose template loops, with a time limit of
/// `timeout` seconds, writing `uit.pdf`.
fn watch_a_loop(timeout: &str) -> (tempfile::TempDir, Watching) {
    let dir = crate::layout::with_template(crate::layout::LOOP);
    let args = [
        ".",
        "--report",
        "jaarverslag",
        "--timeout",
        timeout,
        "-o",
        "uit.pdf",
    ];
    let watching = Watching::start(dir.path(), &args);
    (dir, watching)
}

#[test]
fn a_layout_that_cannot_be_stopped_starts_the_watch_anew() {
    let (dir, mut watching) = watch_a_loop("1");
    watching.expect("error: laying out this report took longer than 1 s");
    // The runaway layout would keep a core busy for as long as the watch
    // ran: the process starts anew, which ends it, and waits for an edit
    // rather than lay out the same input again.
    watching.expect(
        "that layout still runs, and only the end of its process stops it: \
         kompas starts the watch anew, to render again when an input changes",
    );
    watching.expect("watching `.` for changes");
    let threads = threads(watching.child.id());
    assert!(!threads.iter().any(|name| name == "layout"), "{threads:?}");
    // The template mended: the watch renders.
    fs::remove_dir_all(dir.path().join("huisstijl")).unwrap();
    watching.expect("wrote `uit.pdf`");
    assert!(dir.path().join("uit.pdf").is_file());
    assert!(watching.child.try_wait().unwrap().is_none());
}

/// The names of the process's threads (Linux).
fn threads(pid: u32) -> Vec<String> {
    fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .filter_map(|t| fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .map(|name| name.trim().to_owned())
        .collect()
}

#[test]
fn an_edit_while_a_layout_runs_away_is_rendered_once_the_watch_starts_anew() {
    let (dir, mut watching) = watch_a_loop("2");
    let pid = watching.child.id();
    let started = std::time::Instant::now();
    while !threads(pid).iter().any(|name| name == "layout") {
        assert!(started.elapsed() < PATIENCE, "no layout started");
        std::thread::sleep(Duration::from_millis(10));
    }
    // Mended while the loop still runs: the watch that starts anew
    // renders at once rather than wait for another edit.
    fs::remove_dir_all(dir.path().join("huisstijl")).unwrap();
    watching.expect("error: laying out this report took longer than 2 s");
    watching.expect("kompas starts the watch anew, to render again, as an input changed meanwhile");
    watching.expect("wrote `uit.pdf`");
    assert!(dir.path().join("uit.pdf").is_file());
}

#[test]
fn a_folder_watched_through_a_link_renders_again_after_an_edit() {
    let dir = fixture("voorbeeld");
    let around = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path(), around.path().join("link")).unwrap();
    let mut watch = Watching::start(
        around.path(),
        &["link", "-r", "kwartaal", "-o", "brief.pdf"],
    );
    watch.expect("wrote `brief.pdf`");
    watch.expect("watching `link` for changes");
    let report = dir.path().join("rapporten/kwartaal.yaml");
    let edited = fs::read_to_string(&report).unwrap().replacen(
        "inleiding: |\n",
        "inleiding: |\n  Een zin die er net bij kwam.\n",
        1,
    );
    fs::write(&report, edited).unwrap();
    watch.expect("wrote `brief.pdf`");
    let pdf = fs::read(around.path().join("brief.pdf")).unwrap();
    assert!(text(&pdf).contains("Een zin die er net bij kwam."));
}
