//! How long kompas takes, and how much memory: `cargo bench`. Prints the
//! median and the fastest of a few runs per measurement (more for short
//! renders timed against Typst alone); the tests never time anything.
//! Figures and the machine they ran on are in the README.
//!
//! - check and render of the Culemborg example, and check of 200,000 values;
//! - a Rotterdam-scale compass (14 gebieden, 8 domains, 300 indicators,
//!   200 activities, ten years): a cold render by the binary, with its
//!   peak memory;
//! - kompas's render against Typst alone compiling kompas's own
//!   `--format typst` project (the same pages), in this process;
//! - a re-render after a one-value edit, as `kompas watch` does it;
//! - a batch of many gemeenten (`KOMPAS_BENCH_GEMEENTEN`, default 342)
//!   in one run against one process per gemeente, two at a time.

#[path = "../tests/cli/project.rs"]
mod project;

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use kompas::generate::{self, Size};
use kompas::run::{Format, Layout, ReportChoice, check_all, render_pdf, render_report};
use typst::foundations::Datetime;

const RUNS: usize = 7;
/// About how long [`measure_pair`] runs each of its two sides.
const PAIR_TIME: Duration = Duration::from_secs(3);
/// At most this many runs of each side in [`measure_pair`].
const MAX_PAIR_RUNS: usize = 61;

/// Runs `f` RUNS times after one warm-up; prints the median and the
/// fastest, and gives the median.
fn measure(name: &str, f: impl FnMut()) -> Duration {
    measure_then(name, f, || {})
}

/// Like [`measure`], running `after` untimed after each run: the memo
/// cache's eviction, which a render leaves to whoever runs it next (the
/// watch loop evicts after it has said how long the render took).
fn measure_then(name: &str, mut f: impl FnMut(), mut after: impl FnMut()) -> Duration {
    let mut time = timer(&mut after);
    time(&mut f);
    let times = (0..RUNS).map(|_| time(&mut f)).collect();
    report(name, times)
}

/// Times one run of a function, then runs `after` untimed.
fn timer(after: &mut impl FnMut()) -> impl FnMut(&mut dyn FnMut()) -> Duration + '_ {
    move |f| {
        let start = Instant::now();
        f();
        let took = start.elapsed();
        after();
        took
    }
}

/// Prints the median and the fastest of `times`; gives the median.
fn report(name: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    println!(
        "{name:<58} median {:>9.1} ms   fastest {:>9.1} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        times.len()
    );
    times[times.len() / 2]
}

/// Times `a` and `b` in turns (a, b, a, b, ...), after one warm-up of
/// each, running `after` untimed after every run; prints both and gives
/// their medians. Each is run RUNS times, or more when a run is short:
/// enough for about [`PAIR_TIME`] each, so that the ratio of two short
/// renders rests on more than a few samples of a noisy machine. Taking turns lets a drift of the machine
/// or of this process's heap (renders before leave it fragmented) weigh
/// on both alike.
fn measure_pair(
    (name_a, mut a): (&str, impl FnMut()),
    (name_b, mut b): (&str, impl FnMut()),
    mut after: impl FnMut(),
) -> (Duration, Duration) {
    let mut time = timer(&mut after);
    let warm = time(&mut a) + time(&mut b);
    let runs = (PAIR_TIME.as_secs_f64() / warm.as_secs_f64() * 2.0) as usize;
    let runs = runs.clamp(RUNS, MAX_PAIR_RUNS) | 1;
    let (mut times_a, mut times_b) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        times_a.push(time(&mut a));
        times_b.push(time(&mut b));
    }
    (report(name_a, times_a), report(name_b, times_b))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs a command to its end; gives its wall time and peak resident
/// memory in MiB (its high-water mark, read while it runs). Readings
/// before the child has become the kompas binary are skipped: until its
/// exec, a spawned child shares this process's memory and its figures.
fn run_measured(command: &mut Command) -> (Duration, f64) {
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && status.lines().any(|l| l == "Name:\tkompas")
            && let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    assert!(status.success(), "{command:?} failed");
    (took, peak_kib as f64 / 1024.0)
}

fn kompas() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kompas"));
    command.stderr(std::process::Stdio::null());
    command
}

/// kompas's render of `report` against compiling its `--format typst`
/// project with Typst alone, both in this process, in turns, and both
/// exporting the PDF; prints both and the ratio. `layout`: as `kompas
/// render` lays it out ([`Layout::RENDER`]: a long annual report in parts), or
/// as one document, as Typst alone does.
fn against_typst(dir: &Path, report: &str, label: &str, layout: Layout) {
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("bundel");
    let choice = ReportChoice::Name(report.into());
    let made = render_report(dir, &choice, &[Format::Typst], false, Layout::RENDER).unwrap();
    let rendered = made.rendered.expect("the report renders");
    let kompas::run::Output::Folder(files) = &rendered.files[0].1 else {
        panic!("a Typst project is a folder");
    };
    for (name, bytes) in files {
        let path = bundle.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("data.json")).unwrap()).unwrap();
    let meta = &data["meta"];
    let date = Datetime::from_ymd(
        meta["jaar"].as_i64().unwrap() as i32,
        meta["maand"].as_u64().unwrap() as u8,
        meta["dag"].as_u64().unwrap() as u8,
    )
    .unwrap();
    let (ours, alone) = measure_pair(
        (&format!("kompas render: {label}"), || {
            let outcome = render_pdf(dir, &choice, layout).unwrap();
            assert!(outcome.rendered.is_some());
        }),
        (
            &format!("Typst alone, its --format typst project: {label}"),
            || {
                let world = project::Project::new(&bundle, date);
                let document = world.compile();
                kompas::export::pdf(&document, "bench", date, false).unwrap();
            },
        ),
        || typst::comemo::evict(0),
    );
    println!(
        "{:<58} {:.2}x",
        format!("kompas / Typst alone: {label}"),
        ours.as_secs_f64() / alone.as_secs_f64()
    );
}

/// A re-render after changing one value, as `kompas watch` does: the memo
/// cache is kept between renders. The value on the line of `file` that
/// starts with `prefix` is a new one each run (12, 13, ...), as a user's
/// edits are: a value the cache has seen before would measure a re-render
/// that had nothing to lay out anew.
fn watch_edit(dir: &Path, report: &str, file: &str, prefix: &str, label: &str) {
    let path = dir.join(file);
    let original = std::fs::read_to_string(&path).unwrap();
    let line = original
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("{file} has no line starting `{prefix}`"));
    let rest = &line[prefix.len()..];
    let after = &rest[rest.find(';').unwrap()..];
    let choice = ReportChoice::Name(report.into());
    render_pdf(dir, &choice, Layout::Whole).unwrap();
    let mut value = 11;
    measure_then(
        &format!("watch: re-render after a one-value edit, {label}"),
        || {
            value += 1;
            let edited = original.replacen(line, &format!("{prefix}{value}{after}"), 1);
            std::fs::write(&path, edited).unwrap();
            let outcome = render_pdf(dir, &choice, Layout::Whole).unwrap();
            assert!(outcome.rendered.is_some());
        },
        || typst::comemo::evict(5),
    );
    std::fs::write(&path, original).unwrap();
    typst::comemo::evict(0);
}

fn main() {
    // The allocator setting of the binary, so that renders in this
    // process are made as `kompas render` makes them.
    kompas::limits::steady_heap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let culemborg = root.join("fixtures/culemborg");
    // `KOMPAS_BENCH_ONLY=watch,batch` runs only those parts.
    let only = std::env::var("KOMPAS_BENCH_ONLY").ok();
    let wants = |part: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|p| p.trim() == part))
    };

    // The parts that time renders in this process come first, before the
    // Rotterdam-scale renders below leave half a GB of freed heap behind:
    // a `kompas watch` process renders only its report, and after those
    // renders its re-renders took a third longer.
    if wants("culemborg") {
        measure("check: Culemborg (4 domains, 3 reports)", || {
            let checked = check_all(&culemborg, None).unwrap();
            assert!(!checked.diags.has_errors());
        });
        for report in ["jaarverslag-2017", "kwartaal-2017-q4", "motie-effecten"] {
            against_typst(
                &culemborg,
                report,
                &format!("Culemborg {report}"),
                Layout::RENDER,
            );
        }
    }
    // A Rotterdam-scale compass.
    let rotterdam = tempfile::tempdir().unwrap();
    generate::write(rotterdam.path(), Size::ROTTERDAM).unwrap();
    if wants("watch") {
        // One value changed, everything else as it was.
        let watched = tempfile::tempdir().unwrap();
        copy_dir(&culemborg, watched.path());
        watch_edit(
            watched.path(),
            "kwartaal-2017-q4",
            "waarden/schuldhulp-kwartaal.csv",
            "aanmeldingen-schuldhulp;;2017-Q4;",
            "Culemborg kwartaal",
        );
        watch_edit(
            rotterdam.path(),
            "jaarverslag-2017",
            "waarden/waarden.csv",
            "ind-1;;2017;",
            "Rotterdam-scale jaarverslag",
        );
    }
    if wants("csv") {
        check_many_values(root);
    }
    if wants("rotterdam") {
        rotterdam_scale(rotterdam.path());
    }
    if wants("batch") {
        batch(&culemborg);
    }
}

/// Check of 200,000 values in one CSV file.
fn check_many_values(root: &Path) {
    let many = tempfile::tempdir().unwrap();
    copy_dir(&root.join("tests/cases/_base"), many.path());
    let mut csv = String::from("indicator,gebied,periode,waarde,status\n");
    for wijk in 0..2000 {
        for year in 1918..2018 {
            writeln!(csv, "bijstand,Wijk {wijk},{year},{}.5,", wijk % 50).unwrap();
        }
    }
    std::fs::write(many.path().join("waarden/veel.csv"), csv).unwrap();
    measure("check: 200,000 values in one CSV", || {
        let checked = check_all(many.path(), None).unwrap();
        assert!(!checked.diags.has_errors());
    });
}

/// A cold render of the Rotterdam-scale jaarverslag by the binary, and
/// kompas against Typst alone on it.
fn rotterdam_scale(rotterdam: &Path) {
    let mut cold = Vec::new();
    let mut peak = 0f64;
    for _ in 0..3 {
        let (took, mib) = run_measured(
            kompas()
                .args(["render", ".", "-r", "jaarverslag-2017", "-o", "uit.pdf"])
                .current_dir(rotterdam),
        );
        cold.push(took);
        peak = peak.max(mib);
    }
    cold.sort();
    println!(
        "{:<58} median {:>9.1} ms   peak {peak:.0} MiB",
        "cold render (binary): Rotterdam-scale jaarverslag",
        ms(cold[1])
    );
    against_typst(
        rotterdam,
        "jaarverslag-2017",
        "Rotterdam-scale jaarverslag (in parts)",
        Layout::RENDER,
    );
    against_typst(
        rotterdam,
        "jaarverslag-2017",
        "Rotterdam-scale jaarverslag, one document",
        Layout::Whole,
    );
}

/// Many gemeenten (copies of the example, each its own name): one run of
/// `kompas render DIR... -j 2` against one process per gemeente, two at a
/// time (as `xargs -P 2` would run them).
fn batch(example: &Path) {
    let count: usize = std::env::var("KOMPAS_BENCH_GEMEENTEN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(342);
    let regio = tempfile::tempdir().unwrap();
    let dirs: Vec<PathBuf> = (0..count)
        .map(|i| {
            let dir = regio.path().join(format!("g{i:03}"));
            copy_dir(example, &dir);
            // Its own name, in kompas.yaml and where its values name it.
            for file in ["kompas.yaml", "waarden/cbs-bijstand.csv"] {
                let text = std::fs::read_to_string(dir.join(file)).unwrap();
                let named = text.replace("Culemborg", &format!("Gemeente {i:03}"));
                std::fs::write(dir.join(file), named).unwrap();
            }
            dir
        })
        .collect();
    let out = regio.path().join("uit");
    std::fs::create_dir_all(&out).unwrap();

    let (together, peak) = run_measured(
        kompas()
            .args(["render", "-r", "jaarverslag-2017", "-j", "2", "-o"])
            .arg(out.join("{gemeente}.pdf"))
            .args(&dirs),
    );
    let start = Instant::now();
    let mut separate_peak = 0f64;
    let (left, right) = dirs.split_at(dirs.len() / 2);
    std::thread::scope(|scope| {
        let runs: Vec<_> = [left, right]
            .into_iter()
            .enumerate()
            .map(|(half, dirs)| {
                let out = &out;
                scope.spawn(move || {
                    let mut peak = 0f64;
                    for (i, dir) in dirs.iter().enumerate() {
                        let (_, mib) = run_measured(
                            kompas()
                                .args(["render", "-r", "jaarverslag-2017", "-o"])
                                .arg(out.join(format!("los-{half}-{i}.pdf")))
                                .arg(dir),
                        );
                        peak = peak.max(mib);
                    }
                    peak
                })
            })
            .collect();
        for run in runs {
            separate_peak = separate_peak.max(run.join().unwrap());
        }
    });
    let separate = start.elapsed();
    println!(
        "{:<58} {:>9.1} s   peak {peak:.0} MiB",
        format!("batch: {count} gemeenten in one run, -j 2"),
        together.as_secs_f64()
    );
    println!(
        "{:<58} {:>9.1} s   peak {separate_peak:.0} MiB per process",
        format!("batch: {count} gemeenten, one process each, 2 at a time"),
        separate.as_secs_f64()
    );
    println!(
        "{:<58} {:.2}x",
        "batch: one run / separate processes",
        together.as_secs_f64() / separate.as_secs_f64()
    );
}
