//! Where Typst spends its time on a `--format typst` bundle:
//! `cargo run --profile bench --example timing -- BUNDLE [N]`.
//! Prints the self time per (event, template line), largest first.

#[path = "../tests/cli/project.rs"]
mod project;

use std::collections::HashMap;
use std::path::Path;

use typst::syntax::Span;
use typst::{World, WorldExt};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(&args[0]);
    let top: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(40);
    let date = typst::foundations::Datetime::from_ymd(2018, 4, 12).unwrap();
    let world = project::Project::new(dir, date);
    typst_timing::enable();
    let start = std::time::Instant::now();
    let document = world.compile();
    let laid = start.elapsed();
    kompas::export::pdf(&document, "bench", date, false).unwrap();
    eprintln!(
        "layout {:?}, with export {:?}, {} pages",
        laid,
        start.elapsed(),
        document.pages().len()
    );
    let mut json = Vec::new();
    // Finding a span's node is a walk of its file: once per span.
    let mut lines: HashMap<std::num::NonZeroU64, (String, u32)> = HashMap::new();
    typst_timing::export_json(&mut json, |raw| {
        if let Some(known) = lines.get(&raw) {
            return known.clone();
        }
        let span = Span::from_raw(raw);
        let found = match span.id() {
            Some(id) => {
                let line = world
                    .source(id)
                    .ok()
                    .and_then(|s| {
                        world
                            .range(span)
                            .map(|r| s.text()[..r.start].matches('\n').count() + 1)
                    })
                    .unwrap_or(0);
                (id.vpath().get_without_slash().to_owned(), line as u32)
            }
            None => ("?".into(), 0),
        };
        lines.insert(raw, found.clone());
        found
    })
    .unwrap();
    let events: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
    // Self time per key, with a stack per thread.
    let mut stacks: HashMap<u64, Vec<(String, f64, f64)>> = HashMap::new();
    let mut totals: HashMap<String, (f64, f64, usize)> = HashMap::new();
    for e in &events {
        let tid = e["tid"].as_u64().unwrap();
        let ts = e["ts"].as_f64().unwrap();
        let key = match e["args"].as_object() {
            Some(a) => format!(
                "{} {}:{}",
                e["name"].as_str().unwrap(),
                a["file"].as_str().unwrap(),
                a["line"]
            ),
            None => e["name"].as_str().unwrap().to_owned(),
        };
        let stack = stacks.entry(tid).or_default();
        if e["ph"] == "B" {
            stack.push((key, ts, 0.0));
        } else if let Some((key, begin, child)) = stack.pop() {
            let total = ts - begin;
            if let Some(parent) = stack.last_mut() {
                parent.2 += total;
            }
            let entry = totals.entry(key).or_default();
            entry.0 += total - child;
            // inclusive only for the outermost occurrence of a key
            entry.1 += total;
            entry.2 += 1;
        }
    }
    let mut rows: Vec<_> = totals.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
    println!("{:>10} {:>10} {:>8}  key", "self ms", "incl ms", "count");
    for (key, (own, incl, n)) in rows.into_iter().take(top) {
        println!("{:>10.1} {:>10.1} {:>8}  {key}", own / 1e3, incl / 1e3, n);
    }
}
