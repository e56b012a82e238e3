//! The output path: never an input, a folder, a device or a link out of
//! its folder; refused as a usage error (exit 2) before anything is
//! written, and what was there is kept. A stopped render leaves no
//! temporary file.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// Renders the base compass in `dir` to `output`; asserts exit code 2 and
/// returns stderr.
fn refused(dir: &Path, output: &str) -> String {
    refused_in(dir, &[], output)
}

/// [`refused`], for each of `formats`.
fn refused_in(dir: &Path, formats: &[&str], output: &str) -> String {
    let mut args = vec!["render", ".", "--report", "jaarverslag", "-o", output];
    for format in formats {
        args.extend(["-f", format]);
    }
    let run = kompas(dir, &args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.stderr
}

#[test]
fn an_input_file_is_not_overwritten() {
    let dir = base();
    let before = fs::read(dir.path().join("kompas.yaml")).unwrap();
    assert_eq!(
        refused(dir.path(), "kompas.yaml"),
        "error: `kompas.yaml` is one of the input files of `.`; kompas does not overwrite its input (give another file with -o)\n"
    );
    assert_eq!(fs::read(dir.path().join("kompas.yaml")).unwrap(), before);
    let values = fs::read(dir.path().join("waarden/w.yaml")).unwrap();
    refused(dir.path(), "waarden/../waarden/w.yaml");
    assert_eq!(fs::read(dir.path().join("waarden/w.yaml")).unwrap(), values);
}

#[test]
fn an_input_reached_through_a_link_is_not_overwritten() {
    let dir = base();
    let report = dir.path().join("rapporten/jaarverslag.yaml");
    std::os::unix::fs::symlink("jaarverslag.yaml", dir.path().join("rapporten/out.pdf")).unwrap();
    let before = fs::read(&report).unwrap();
    assert_eq!(
        refused(dir.path(), "rapporten/out.pdf"),
        "error: `rapporten/out.pdf` is one of the input files of `.`; kompas does not overwrite its input (give another file with -o)\n"
    );
    assert_eq!(fs::read(&report).unwrap(), before);
}

#[test]
fn a_pdf_beside_the_reports_is_no_input_and_is_replaced() {
    let dir = base();
    for _ in 0..2 {
        let run = kompas(
            dir.path(),
            &[
                "render",
                ".",
                "--report",
                "jaarverslag",
                "-o",
                "rapporten/jaarverslag.pdf",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
}

#[test]
fn a_folder_is_refused() {
    let dir = base();
    assert_eq!(
        refused(dir.path(), "rapporten"),
        "error: `rapporten` is a folder; give a file name with -o, as in `-o rapporten/rapport.pdf`\n"
    );
    assert!(dir.path().join("rapporten/jaarverslag.yaml").is_file());
}

#[test]
fn a_device_is_not_replaced() {
    let dir = base();
    assert_eq!(
        refused(dir.path(), "/dev/null"),
        "error: `/dev/null` is a device, pipe or socket, not a file; kompas writes only files (give a file name with -o)\n"
    );
    let meta = fs::metadata("/dev/null").unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &meta.file_type()
    ));
}

#[test]
fn a_link_out_of_the_output_folder_is_refused_and_its_target_kept() {
    let dir = base();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("belangrijk.pdf");
    fs::write(&target, b"belangrijk").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("out.pdf")).unwrap();
    assert_eq!(
        refused(dir.path(), "out.pdf"),
        "error: `out.pdf` is a link to a file outside its folder; kompas does not write through it (give the file itself with -o)\n"
    );
    assert_eq!(fs::read(&target).unwrap(), b"belangrijk");
    assert!(
        fs::symlink_metadata(dir.path().join("out.pdf"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_link_within_the_output_folder_is_written_through() {
    let dir = base();
    fs::write(dir.path().join("echt.pdf"), b"oud").unwrap();
    std::os::unix::fs::symlink("echt.pdf", dir.path().join("out.pdf")).unwrap();
    let run = kompas(
        dir.path(),
        &["render", ".", "--report", "jaarverslag", "-o", "out.pdf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fs::read(dir.path().join("echt.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    assert!(
        fs::symlink_metadata(dir.path().join("out.pdf"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// The temporary files kompas left in `dir`.
fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".kompas-"))
        .collect()
}

/// Sends SIGTERM to `child` once `ready` holds; its output, after
/// checking that it ended with exit code 130.
fn stop_when(child: std::process::Child, ready: impl Fn() -> bool) -> std::process::Output {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "not ready in time"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{out:?}");
    out
}

#[test]
fn sigterm_in_a_batch_says_what_was_written_before() {
    // Two outputs, each held a moment before it is put in place; stopped
    // while the second waits, the first stays and is counted.
    let dir = base();
    let uit = dir.path().join("uit");
    let child = Command::new(env!("CARGO_BIN_EXE_kompas"))
        .args([
            "render",
            ".",
            "--all",
            "-f",
            "pdf",
            "-f",
            "csv",
            "-o",
            "uit/{rapport}.{ext}",
        ])
        .current_dir(dir.path())
        .env("KOMPAS_HOLD_TEMP_MS", "1500")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let written = |name: &str| uit.join(name).is_file();
    let out = stop_when(child, || {
        (written("jaarverslag.pdf") || written("jaarverslag.csv"))
            && uit.is_dir()
            && !temporary_files(&uit).is_empty()
    });
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "stopped: the 1 output(s) written before stay; nothing half-written is left\n"
    );
    assert_eq!(temporary_files(&uit), Vec::<String>::new());
}

#[test]
fn sigterm_before_the_first_write_says_nothing_was_written() {
    // A large city's annual report takes a debug build over two seconds;
    // stopped a second after it starts, it has long installed its signal
    // handler and is still laying out.
    let dir = tempfile::tempdir().unwrap();
    kompas::generate::write(dir.path(), kompas::generate::Size::ROTTERDAM).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_kompas"))
        .args([
            "render",
            ".",
            "--report",
            "jaarverslag-2017",
            "-o",
            "out.pdf",
        ])
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let out = stop_when(child, || start.elapsed() > Duration::from_millis(1000));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "stopped: nothing written\n"
    );
    assert!(!dir.path().join("out.pdf").exists());
    assert_eq!(temporary_files(dir.path()), Vec::<String>::new());
}

#[test]
fn sigterm_while_writing_removes_the_temporary_file_and_keeps_the_old_output() {
    let dir = base();
    fs::write(dir.path().join("out.pdf"), b"vorige versie").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_kompas"))
        .args(["render", ".", "--report", "jaarverslag", "-o", "out.pdf"])
        .current_dir(dir.path())
        .env("KOMPAS_HOLD_TEMP_MS", "20000")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = stop_when(child, || !temporary_files(dir.path()).is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "stopped: nothing written\n"
    );
    assert_eq!(temporary_files(dir.path()), Vec::<String>::new());
    assert_eq!(
        fs::read(dir.path().join("out.pdf")).unwrap(),
        b"vorige versie"
    );
}

#[test]
fn a_workbook_of_values_is_an_input_too() {
    let dir = fixture("culemborg");
    let workbook = dir.path().join("waarden/monitor.xlsx");
    let before = fs::read(&workbook).unwrap();
    let run = kompas(
        dir.path(),
        &[
            "render",
            ".",
            "-r",
            "motie-effecten",
            "-o",
            "waarden/monitor.xlsx",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: `waarden/monitor.xlsx` is one of the input files of `.`; kompas does not overwrite its input (give another file with -o)\n"
    );
    assert_eq!(fs::read(&workbook).unwrap(), before);
}

#[test]
fn an_output_that_the_next_run_would_read_is_refused() {
    let dir = base();
    fs::create_dir(dir.path().join("huisstijl")).unwrap();
    for output in [
        "waarden/nieuw.csv",
        "rapporten/nieuw.yaml",
        "huisstijl/x.pdf",
    ] {
        let stderr = refused(dir.path(), output);
        assert_eq!(
            stderr,
            format!(
                "error: `{output}` would be read as an input of `.` the next time; give another file with -o\n"
            )
        );
        assert!(!dir.path().join(output).exists(), "{output} was written");
    }
}

#[test]
fn a_path_through_a_folder_still_to_be_made_is_checked_where_it_lands() {
    let dir = base();
    let yaml = fs::read(dir.path().join("kompas.yaml")).unwrap();
    let values = fs::read(dir.path().join("waarden/w.yaml")).unwrap();
    assert_eq!(
        refused(dir.path(), "nog-niet/../kompas.yaml"),
        "error: `nog-niet/../kompas.yaml` is one of the input files of `.`; kompas does not overwrite its input (give another file with -o)\n"
    );
    refused(dir.path(), "waarden/x/../w.yaml");
    assert!(refused(dir.path(), "waarden/y/../nieuw.csv").contains("would be read as an input"));
    assert_eq!(fs::read(dir.path().join("kompas.yaml")).unwrap(), yaml);
    assert_eq!(fs::read(dir.path().join("waarden/w.yaml")).unwrap(), values);
    for made in ["nog-niet", "waarden/x", "waarden/y"] {
        assert!(!dir.path().join(made).exists(), "{made} was made");
    }
}

#[test]
fn an_input_folder_not_there_yet_is_protected_too() {
    // The base compass has no huisstijl/: a file there would be a template.
    let dir = base();
    assert!(!dir.path().join("huisstijl").exists());
    assert!(refused(dir.path(), "huisstijl/kompas.typ").contains("would be read as an input"));
    refused_in(dir.path(), &["typst"], "huisstijl");
    assert!(!dir.path().join("huisstijl").exists());
}

#[test]
fn one_bad_output_of_several_formats_writes_none() {
    let dir = base();
    fs::create_dir_all(dir.path().join("uit/r.csv")).unwrap();
    let stderr = refused_in(dir.path(), &["pdf", "csv"], "uit/r.pdf");
    assert!(stderr.contains("`uit/r.csv` is a folder"), "{stderr}");
    assert!(
        !dir.path().join("uit/r.pdf").exists(),
        "the PDF was written"
    );
}
