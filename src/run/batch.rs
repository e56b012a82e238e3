//! `kompas render` with many outputs: several folders, `--all`,
//! `--per-gebied`. Each folder is loaded and checked once, however many
//! reports and editions it yields; the reports are laid out on `-j`
//! threads that share the fonts and Typst's library. One failure
//! never stops the others: the run ends with a summary, and exit code 1
//! when anything failed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};

use super::{
    Names, Render, ReportChoice, Reports, check_attach, check_outputs, find_report, first_repeated,
    font_coverage, keep_only, make, print_problems, write,
};
use crate::diagnostic::{Diagnostics, Severity};
use crate::limits::Breach;
use crate::model::{self, Model, Report};
use crate::typeset::{self, Layout};
use crate::{exit, load, output};

/// One kompas folder, loaded and checked.
struct Folder {
    dir: PathBuf,
    model: Option<Model>,
    /// Every problem found, the reports' own among them.
    diags: Diagnostics,
    /// Why the folder could not be read at all (not a kompas folder).
    unreadable: Option<String>,
}

impl Folder {
    /// Whether a problem outside `rapporten/` (kompas.yaml, waarden/, a
    /// font) stops every report of the folder.
    fn has_shared_errors(&self) -> bool {
        self.diags.items.iter().any(|d| {
            d.severity == Severity::Error
                && !self
                    .diags
                    .sources
                    .name(d.span.file)
                    .starts_with("rapporten/")
        })
    }
}

/// One output set to make: a report (an area edition of it, with
/// `gebied`), of a folder.
struct Job<'f> {
    folder: &'f Folder,
    report: Report,
}

impl Job<'_> {
    /// How the summary names this job.
    fn label(&self) -> String {
        let mut label = format!("{} {}", self.folder.dir.display(), self.report.name);
        if let Some(gebied) = &self.report.gebied {
            label.push_str(&format!(" ({gebied})"));
        }
        label
    }
}

/// A job's outcome: the lines to print, and why it failed when it did.
struct Done {
    lines: Vec<String>,
    failed: Option<String>,
}

/// Renders every report the configuration names; returns the exit code.
pub fn batch(cfg: &Render) -> Result<i32> {
    check_attach(cfg)?;
    let extra = match &cfg.reports {
        Reports::One(choice) => choice.extra(),
        Reports::All => None,
    };
    if let Some(p) = extra
        && !p.is_file()
    {
        anyhow::bail!("report file `{}` does not exist", p.display());
    }
    let chosen = match &cfg.reports {
        Reports::One(choice) => Some(choice),
        Reports::All => None,
    };
    let threads = if cfg.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        cfg.jobs
    };
    let folders: Vec<Folder> =
        each_on_threads(threads, &cfg.dirs, |dir| check_folder(dir, chosen))?;
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut jobs = Vec::new();
    for folder in &folders {
        plan(folder, cfg, &mut jobs, &mut failed)?;
    }
    // A batch started anew after a layout it could not stop goes on
    // where that one left off, which printed the folders' problems.
    let plan = plan_hash(&jobs);
    let resumed = Resume::inherited()?.filter(|state| state.plan == plan);
    for folder in folders.iter().filter(|_| resumed.is_none()) {
        if let Some(why) = &folder.unreadable {
            eprintln!("error: {why}");
        }
        if !folder.diags.items.is_empty() && cfg.dirs.len() > 1 {
            eprintln!("in `{}`:", folder.dir.display());
        }
        print_problems(&folder.diags);
    }
    // Where every output goes, decided before anything is laid out: a
    // pattern that gives two outputs one name is a usage error.
    let names: Vec<Vec<PathBuf>> = jobs
        .iter()
        .map(|job| {
            let model = job
                .folder
                .model
                .as_ref()
                .expect("a planned job's folder has a model");
            Names::of(&model.compass, &job.report).paths(&cfg.formats, cfg.output.as_deref(), true)
        })
        .collect();
    let all: Vec<PathBuf> = names.iter().flatten().cloned().collect();
    if let Some(twice) = first_repeated(&all) {
        anyhow::bail!(
            "two outputs would be written to `{}`; give -o a pattern that tells them apart, as in `-o '{{gemeente}}-{{rapport}}-{{gebied}}.{{ext}}'`",
            twice.display()
        );
    }

    // No output may overwrite, or become, an input of any folder of the
    // run: a usage error, before anything is laid out.
    let inputs = output::Inputs::new(cfg.dirs.iter().map(PathBuf::as_path), extra);
    for paths in &names {
        check_outputs(&cfg.formats, paths, &inputs)?;
    }
    let run = Run {
        cfg,
        threads,
        folders: &folders,
        jobs: &jobs,
        names: &names,
        inputs: &inputs,
    };
    let state = resumed.unwrap_or_default();
    let finished = run.lay_out(&state)?;
    let done = run.settle(plan, state, finished);
    Ok(summary(failed, done))
}

/// What a run's layouts gave.
struct Laid {
    /// What became of each job laid out (or not) by this process.
    outcomes: Vec<(usize, Outcome)>,
    /// The folders whose own templates a layout ran away with.
    runaway: Vec<usize>,
}

/// A batch's plan, checked and ready to lay out.
struct Run<'r> {
    cfg: &'r Render,
    threads: usize,
    folders: &'r [Folder],
    jobs: &'r [Job<'r>],
    /// Each job's outputs.
    names: &'r [Vec<PathBuf>],
    inputs: &'r output::Inputs,
}

impl Run<'_> {
    /// The place of job `i`'s folder on the command line.
    fn folder_of(&self, i: usize) -> usize {
        self.folders
            .iter()
            .position(|f| std::ptr::eq(f, self.jobs[i].folder))
            .expect("a job's folder is one of the run's")
    }

    /// Lays out the jobs `state` has not done, on the run's threads;
    /// reports that passed the memory bound beside another first, one at
    /// a time: alone, a report that passes it is the one that took it.
    /// Gives what became of each, and the folders whose own templates a
    /// layout ran away with.
    fn lay_out(&self, state: &Resume) -> Result<Laid> {
        let jobs = self.jobs;
        let order: Vec<usize> = (0..jobs.len())
            .filter(|&i| !state.done.iter().any(|(d, _)| *d == i))
            .collect();
        // What Ctrl-C says counts the outputs written before kompas started anew.
        output::count_written(
            state
                .done
                .iter()
                .filter(|(_, why)| why.is_none())
                .map(|(i, _)| self.names[*i].len())
                .sum(),
        );
        let runaway = Mutex::new(state.runaway.clone());
        let progress = progress_bar(jobs.len());
        progress.set_position((jobs.len() - order.len()) as u64);
        let work = |&i: &usize| {
            let outcome = self.lay_out_one(i, &runaway);
            if let Outcome::Done(done) = &outcome {
                for line in &done.lines {
                    if progress.is_hidden() {
                        eprintln!("{line}");
                    } else {
                        progress.println(line);
                    }
                }
            }
            if let Outcome::Done(_) | Outcome::Skipped = outcome {
                progress.inc(1);
            }
            // Keep Typst's memo cache to what the running layouts still
            // use, so memory stays flat over a long batch.
            typst::comemo::evict(self.threads + 1);
            (i, outcome)
        };
        let (first, rest): (Vec<usize>, Vec<usize>) =
            order.iter().partition(|i| state.alone.contains(i));
        let mut finished = each_on_threads(1, &first, work)?;
        finished.extend(each_on_threads(self.threads, &rest, work)?);
        progress.finish_and_clear();
        Ok(Laid {
            outcomes: finished,
            runaway: lock_into(runaway),
        })
    }

    /// Lays out job `i`, unless a layout of this process ran away: that
    /// one runs on, taking a core and perhaps ever more memory, until the
    /// process ends. When its folder's own templates took it there, the
    /// folder's other reports would likely do the same: they are not
    /// laid out. Other reports wait for the process to start anew (see
    /// [`Resume`]).
    fn lay_out_one(&self, i: usize, runaway: &Mutex<Vec<usize>>) -> Outcome {
        let job = &self.jobs[i];
        if lock(runaway).contains(&self.folder_of(i)) {
            return Outcome::Skipped;
        }
        if crate::limits::abandoned() {
            return Outcome::Later;
        }
        let among_many = self.jobs.len() > 1;
        // A long report in parts keeps, as the batch does between reports,
        // what the other threads' reports may still use.
        let layout = Layout::Spare {
            keep: self.threads + 1,
        };
        let mut done = render_job(
            job,
            &self.names[i],
            self.cfg,
            self.inputs,
            among_many,
            layout,
        );
        let Some(breach) = crate::limits::take_breach() else {
            return Outcome::Done(done);
        };
        done.failed = Some(breach.message());
        match after_breach(breach, typeset::has_own_templates(&job.folder.dir)) {
            AfterBreach::Alone => Outcome::Alone(done),
            AfterBreach::Folder => {
                lock(runaway).push(self.folder_of(i));
                Outcome::Done(done)
            }
            AfterBreach::Report => Outcome::Done(done),
        }
    }

    /// What became of every job, by its label: `None` when written, else
    /// why it failed. Starts the process anew, and does not return, when
    /// jobs wait for that and it can.
    fn settle(
        &self,
        plan: u64,
        state: Resume,
        Laid { outcomes, runaway }: Laid,
    ) -> Vec<(String, Option<String>)> {
        let mut done = state.done;
        let mut skipped = Vec::new();
        let mut later = Vec::new();
        let mut alone = Vec::new();
        for (i, outcome) in outcomes {
            match outcome {
                Outcome::Done(d) => done.push((i, d.failed)),
                Outcome::Skipped => skipped.push(i),
                // One whose folder ran away meanwhile is not laid out either.
                Outcome::Later if runaway.contains(&self.folder_of(i)) => skipped.push(i),
                Outcome::Later => later.push(i),
                Outcome::Alone(d) => alone.push((i, d)),
            }
        }
        if !later.is_empty() || !alone.is_empty() {
            eprintln!(
                "a layout that passed a limit still runs, and only the end of its process stops it: kompas starts anew for the {} report(s) not yet laid out",
                later.len() + alone.len()
            );
            if !alone.is_empty() {
                eprintln!(
                    "({} of them passed the memory bound beside another layout: they are laid out again, one at a time)",
                    alone.len()
                );
            }
            let state = Resume {
                plan,
                done,
                alone: alone.iter().map(|(i, _)| *i).collect(),
                runaway,
            };
            let why = state.restart();
            // Still here: the process could not start anew.
            eprintln!("kompas could not start anew: {why}");
            done = state.done;
            for (i, d) in alone {
                d.lines.iter().for_each(|line| eprintln!("{line}"));
                done.push((i, d.failed));
            }
            let stopped = "not laid out: an earlier layout passed a limit and could not be stopped";
            done.extend(later.into_iter().map(|i| (i, Some(stopped.to_owned()))));
        }
        let with_folder = "not laid out: another report of this folder passed a limit with its templates (they would likely do the same)";
        done.extend(
            skipped
                .into_iter()
                .map(|i| (i, Some(with_folder.to_owned()))),
        );
        done.into_iter()
            .map(|(i, why)| (self.jobs[i].label(), why))
            .collect()
    }
}

/// Prints the summary of a batch: what was written, what `failed` before
/// it was planned and what failed among the jobs `done`; the exit code.
fn summary(mut failed: Vec<(String, String)>, done: Vec<(String, Option<String>)>) -> i32 {
    let written = done.iter().filter(|(_, why)| why.is_none()).count();
    failed.extend(
        done.into_iter()
            .filter_map(|(label, why)| why.map(|why| (label, why))),
    );
    let total = written + failed.len();
    if failed.is_empty() {
        eprintln!("rendered {written} of {total} report(s)");
        return exit::OK;
    }
    failed.sort();
    eprintln!(
        "rendered {written} of {total} report(s); {} failed:",
        failed.len()
    );
    for (label, why) in &failed {
        eprintln!("  {label}: {why}");
    }
    exit::INVALID_INPUT
}

fn lock_into<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(|e| e.into_inner())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The environment variable that tells a batch started anew what the
/// one before it did (see [`Resume`]).
const RESUME_VAR: &str = "KOMPAS_RESUME_BATCH";
/// The most a state passed on may take (Linux takes up to 128 KiB a
/// variable); a batch with a longer one ends without starting anew.
const RESUME_MAX: usize = 100 * 1024;

/// What became of a job in this process.
enum Outcome {
    /// Laid out: written, or failed.
    Done(Done),
    /// Not laid out: its folder's own templates ran away in a layout.
    Skipped,
    /// Not laid out yet: a layout left running ends the process first.
    Later,
    /// Passed the memory bound beside another layout: laid out again, on
    /// its own, once the process has started anew. What to tell when it
    /// cannot.
    Alone(Done),
}

/// What a layout past a limit fails: the report alone, its folder too,
/// or neither yet.
#[derive(Debug, PartialEq, Eq)]
enum AfterBreach {
    /// The report: it took the time, or the memory on its own.
    Report,
    /// The report, and the folder's other reports are not laid out: its
    /// own templates ran away, and would likely do so again.
    Folder,
    /// Not known: the memory was passed beside another layout, so the
    /// report is laid out again on its own (see [`Outcome::Alone`]).
    Alone,
}

/// What `breach` fails, for a folder with or without templates of its
/// `own`: with the built-in ones, its size took the report past the
/// limit, and the folder's other reports may well fit.
fn after_breach(breach: Breach, own: bool) -> AfterBreach {
    match breach {
        Breach::MemoryBeside(_) => AfterBreach::Alone,
        Breach::Time(_) | Breach::Memory(_) if own => AfterBreach::Folder,
        Breach::Time(_) | Breach::Memory(_) => AfterBreach::Report,
    }
}

/// A batch's plan: the jobs in their order. A batch started anew goes on
/// from its predecessor's state only for the same plan.
fn plan_hash(jobs: &[Job<'_>]) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same in the process started anew.
    let mut hasher = std::hash::DefaultHasher::new();
    for job in jobs {
        (&job.folder.dir, &job.report.name, &job.report.gebied).hash(&mut hasher);
    }
    hasher.finish()
}

/// What a batch did before it started anew. A layout that passed a limit
/// cannot be stopped but by the end of its process, so the batch ends
/// the process by replacing it with a new run of the same command
/// (`exec`), which lays out the reports not yet laid out. Jobs and
/// folders are named by their place in the plan and on the command line.
#[derive(Default, Serialize, Deserialize)]
struct Resume {
    /// The plan this state belongs to (see [`plan_hash`]).
    plan: u64,
    /// Each job done: `None` when written, else why it failed.
    done: Vec<(usize, Option<String>)>,
    /// The jobs to lay out first, one at a time (see [`Outcome::Alone`]).
    alone: Vec<usize>,
    /// The folders whose own templates a layout ran away with.
    runaway: Vec<usize>,
}

impl Resume {
    /// The state this process was started with, when it is a batch
    /// started anew.
    fn inherited() -> Result<Option<Resume>> {
        let Some(text) = std::env::var_os(RESUME_VAR) else {
            return Ok(None);
        };
        let state = text
            .to_str()
            .and_then(|text| serde_json::from_str(text).ok())
            .with_context(|| format!("{RESUME_VAR} is set, but not by kompas: unset it"))?;
        Ok(Some(state))
    }

    /// Replaces this process with a new run of the same command, told of
    /// this state; returns only when that could not be done, with why.
    fn restart(&self) -> std::io::Error {
        match serde_json::to_string(self) {
            Ok(text) if text.len() <= RESUME_MAX => {
                crate::limits::start_anew(RESUME_VAR, Some(&text))
            }
            Ok(_) => std::io::Error::other("too many reports to pass on"),
            Err(err) => err.into(),
        }
    }
}

/// Loads and checks one folder; a folder that cannot be read fails alone,
/// like an invalid one.
fn check_folder(dir: &Path, chosen: Option<&ReportChoice>) -> Folder {
    let mut diags = Diagnostics::default();
    let extra = chosen.and_then(ReportChoice::extra);
    let (model, unreadable) = match load::load(dir, extra, &mut diags) {
        Ok(input) => (model::build(input, dir, &mut diags), None),
        Err(err) => (None, Some(format!("{err:#}"))),
    };
    if let Some(choice) = chosen {
        keep_only(&mut diags, dir, choice);
    }
    font_coverage(&mut diags);
    Folder {
        dir: dir.to_path_buf(),
        model,
        diags,
        unreadable,
    }
}

/// Adds the jobs of one folder, or says why it has none.
fn plan<'f>(
    folder: &'f Folder,
    cfg: &Render,
    jobs: &mut Vec<Job<'f>>,
    failed: &mut Vec<(String, String)>,
) -> Result<()> {
    let shown = folder.dir.display().to_string();
    if let Some(why) = &folder.unreadable {
        failed.push((shown, why.clone()));
        return Ok(());
    }
    let Some(model) = folder
        .model
        .as_ref()
        .filter(|_| !folder.has_shared_errors())
    else {
        failed.push((shown, "its input has errors (see above)".into()));
        return Ok(());
    };
    let reports: Vec<&Report> = match &cfg.reports {
        Reports::All => {
            // A report file with errors is not in the model: name it here.
            let mut broken: Vec<&str> = folder
                .diags
                .items
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| folder.diags.sources.name(d.span.file))
                .collect();
            broken.sort_unstable();
            broken.dedup();
            if model.reports.is_empty() && broken.is_empty() {
                failed.push((shown.clone(), "no reports in rapporten/".into()));
            }
            for name in broken {
                failed.push((format!("{shown} {name}"), "errors (see above)".into()));
            }
            model.reports.iter().collect()
        }
        Reports::One(choice) => match find_report(model, choice, &folder.dir, &folder.diags) {
            Ok(Some(report)) => vec![report],
            Ok(None) => {
                failed.push((
                    format!("{shown} {}", choice_name(choice)),
                    "errors (see above)".into(),
                ));
                Vec::new()
            }
            Err(err) => {
                failed.push((shown, format!("{err:#}")));
                Vec::new()
            }
        },
    };
    for report in reports {
        if !cfg.per_gebied {
            jobs.push(Job {
                folder,
                report: report.clone(),
            });
            continue;
        }
        // The whole gemeente, then each wijk with values.
        let areas = model.compass.edition_areas();
        for gebied in std::iter::once(None).chain(areas.into_iter().map(Some)) {
            let mut edition = report.clone();
            edition.gebied = gebied.map(str::to_owned);
            jobs.push(Job {
                folder,
                report: edition,
            });
        }
    }
    Ok(())
}

/// Runs `work` on every item on `threads` threads with a layout's stack
/// (Typst recurses deeply on nested content), each taking the next item
/// when it is done; the results in the items' order.
///
/// Plain threads, not a rayon pool: a pool thread that waits for Typst's
/// own parallel work (the PDF export) takes up another report meanwhile,
/// so reports pile up on one stack, each held in memory until the one
/// above it is done. Typst's parallel work runs on rayon's global pool.
fn each_on_threads<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
) -> Result<Vec<R>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| -> Result<()> {
        for n in 0..threads.clamp(1, items.len().max(1)) {
            std::thread::Builder::new()
                .name(format!("kompas-report-{n}"))
                .stack_size(crate::limits::WORKER_STACK)
                .spawn_scoped(scope, || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        let result = work(item);
                        lock(&results)[i] = Some(result);
                    }
                })?;
        }
        Ok(())
    })?;
    Ok(results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was worked on"))
        .collect())
}

fn choice_name(choice: &ReportChoice) -> String {
    match choice {
        ReportChoice::Name(n) => n.clone(),
        ReportChoice::Path(p) => p.display().to_string(),
    }
}

/// Lays out, exports and writes one job's outputs. Among several jobs,
/// its problems are headed by the job they belong to.
fn render_job(
    job: &Job<'_>,
    paths: &[PathBuf],
    cfg: &Render,
    inputs: &output::Inputs,
    among_many: bool,
    layout: Layout,
) -> Done {
    let folder = job.folder;
    let model = folder
        .model
        .as_ref()
        .expect("a planned job's folder has a model");
    // Each job adds its own problems (a text, a template) to a copy.
    let mut diags = Diagnostics {
        sources: folder.diags.sources.clone(),
        items: Vec::new(),
    };
    let made = make(
        &folder.dir,
        &model.compass,
        &job.report,
        &cfg.formats,
        cfg.attach_data,
        layout,
        &mut diags,
    );
    let mut lines = Vec::new();
    let rendered = match made {
        Ok(rendered) => rendered,
        Err(err) => {
            return Done {
                lines,
                failed: Some(format!("{err:#}")),
            };
        }
    };
    if !diags.items.is_empty() {
        if among_many {
            lines.push(format!("in {}:", job.label()));
        }
        lines.push(diags.render());
    }
    let Some(rendered) = rendered else {
        return Done {
            lines,
            failed: Some("errors (see above)".into()),
        };
    };
    lines.extend(rendered.warnings.iter().cloned());
    match write(&rendered, paths, inputs, cfg.attach_data) {
        Ok(written) => {
            lines.extend(written);
            Done {
                lines,
                failed: None,
            }
        }
        Err(err) => Done {
            lines,
            failed: Some(format!("{err:#}")),
        },
    }
}

/// A progress bar on a terminal; on anything else, none (the lines of
/// what was written are printed as they come).
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} reports, {elapsed}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_folders_own_templates_stop_its_other_reports() {
        assert_eq!(after_breach(Breach::Time(60), true), AfterBreach::Folder);
        assert_eq!(after_breach(Breach::Memory(600), true), AfterBreach::Folder);
        assert_eq!(after_breach(Breach::Time(60), false), AfterBreach::Report);
        assert_eq!(
            after_breach(Breach::Memory(600), false),
            AfterBreach::Report
        );
        assert_eq!(
            after_breach(Breach::MemoryBeside(600), true),
            AfterBreach::Alone
        );
        assert_eq!(
            after_breach(Breach::MemoryBeside(600), false),
            AfterBreach::Alone
        );
    }
}
