//! The memory experiments of the README's section on the cold render:
//! a `--format typst` bundle of a jaarverslag compiled with Typst alone,
//! on one thread (`RAYON_NUM_THREADS=1` makes the peak repeat).
//!
//! `cargo run --release --example parts -- BUNDLE whole [MS]` compiles the
//! report as one document, with the memo cache evicted every `MS`
//! milliseconds from another thread when given;
//! `cargo run --release --example parts -- BUNDLE parts` compiles it in
//! parts (the front and appendix without domains, then each domain with
//! its own cover), evicting the cache after each, and exports the joined
//! pages as one PDF. Prints the time and the peak resident memory (Linux).

#[path = "../tests/cli/project.rs"]
mod project;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use typst::foundations::Datetime;
use typst::model::Document as _;
use typst_layout::PagedDocument;

/// The process's peak resident memory so far, in MiB.
fn peak_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// A main file that lays out `data.json` with its domains replaced.
fn part_main(domains: &str, rest: &str) -> String {
    format!(
        "#import \"/huisstijl/kompas.typ\": rapport\n\
         #let data = json(\"/data.json\")\n\
         #rapport((..data, domeinen: {domains}{rest}))\n"
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(mode)) = (args.first(), args.get(1)) else {
        eprintln!("usage: parts BUNDLE (whole [MS] | parts)");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let date = Datetime::from_ymd(2018, 4, 12).unwrap();
    let mut world = project::Project::new(dir, date);
    let start = Instant::now();
    let document = if mode == "parts" {
        let data: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("data.json")).unwrap()).unwrap();
        let count = data["domeinen"].as_array().map_or(0, Vec::len);
        let mut mains = vec![part_main("()", "")];
        mains.extend((0..count).map(|i| {
            part_main(
                &format!("(data.domeinen.at({i}),)"),
                ", overzicht: (), verantwoording: (), inleiding: (), kosten: none",
            )
        }));
        let mut pages = typst::ecow::EcoVec::new();
        let mut info = None;
        for (i, main) in mains.into_iter().enumerate() {
            world.set_main(main);
            let part = world.compile();
            eprintln!(
                "part {i}: {} pages, peak {} MiB",
                part.pages().len(),
                peak_mib()
            );
            pages.extend(part.pages().iter().cloned());
            info.get_or_insert_with(|| part.info().clone());
            drop(part);
            typst::comemo::evict(0);
        }
        PagedDocument::new(pages, info.unwrap_or_default())
    } else {
        let every = args.get(2).and_then(|a| a.parse::<u64>().ok());
        let done = AtomicBool::new(false);
        std::thread::scope(|scope| {
            if let Some(ms) = every {
                let done = &done;
                scope.spawn(move || {
                    while !done.load(Ordering::Relaxed) {
                        std::thread::sleep(Duration::from_millis(ms));
                        typst::comemo::evict(0);
                    }
                });
            }
            let document = world.compile();
            done.store(true, Ordering::Relaxed);
            document
        })
    };
    let laid = start.elapsed();
    let after_layout = peak_mib();
    let pdf = kompas::export::pdf(&document, "parts", date, false).unwrap();
    eprintln!(
        "{mode}: {} pages, {} bytes; layout {laid:.2?}, with export {:.2?}; peak {after_layout} MiB after layout, {} MiB in all",
        document.pages().len(),
        pdf.len(),
        start.elapsed(),
        peak_mib(),
    );
}
