//! How long the stages take, on the Culemborg example and on a folder of
//! 200,000 values: `cargo bench`. Prints the median and the fastest of a
//! few runs per measurement; the tests never time anything.

use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use kompas::run::{ReportChoice, check_all, render_pdf};

const RUNS: usize = 7;

/// Runs `f` RUNS times after one warm-up; prints the median and the fastest.
fn measure(name: &str, mut f: impl FnMut()) {
    f();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{name:<45} median {:>9.1} ms   fastest {:>9.1} ms",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
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

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let culemborg = root.join("fixtures/culemborg");

    measure("check: Culemborg (4 domains, 3 reports)", || {
        let checked = check_all(&culemborg, None).unwrap();
        assert!(!checked.diags.has_errors());
    });
    for report in ["jaarverslag-2017", "kwartaal-2017-q4", "motie-effecten"] {
        measure(&format!("render: Culemborg {report}"), || {
            let outcome = render_pdf(&culemborg, &ReportChoice::Name(report.into())).unwrap();
            assert!(outcome.rendered.is_some());
            typst::comemo::evict(0);
        });
    }

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
