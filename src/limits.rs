//! Bounds on a layout: Typst runs a `huisstijl/` template as a program, so
//! one that loops or grows without end is stopped by a time limit
//! (`--timeout`) and a memory bound (`--max-memory`) instead of hanging the
//! machine. The layout runs on a worker thread; the calling thread watches
//! the clock and the process's resident memory, and gives up on the worker
//! when a limit is passed (the process then ends with exit code 1 and
//! writes nothing).

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The default time limit on laying out one report, in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 60;
/// The default bound on the process's memory during a layout, in MiB.
pub const DEFAULT_MAX_MEMORY_MIB: u64 = 4096;

static TIMEOUT_SECS: AtomicU64 = AtomicU64::new(DEFAULT_TIMEOUT_SECS);
static MAX_MEMORY_MIB: AtomicU64 = AtomicU64::new(DEFAULT_MAX_MEMORY_MIB);
/// Whether a worker was left behind, still running.
static ABANDONED: AtomicBool = AtomicBool::new(false);
/// How many workers are laying out now, those left behind among them.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The limit the last layout this thread waited for passed, if any.
    static LAST_BREACH: Cell<Option<Breach>> = const { Cell::new(None) };
}

/// How often the watcher looks at the clock and the memory.
const POLL: Duration = Duration::from_millis(20);
/// Typst recurses deeply on nested content; give the worker the stack a
/// main thread has, and some.
pub const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Sets the limits for this process's layouts (from the command line).
pub fn set(timeout_secs: u64, max_memory_mib: u64) {
    TIMEOUT_SECS.store(timeout_secs, Ordering::Relaxed);
    MAX_MEMORY_MIB.store(max_memory_mib, Ordering::Relaxed);
}

/// A limit a layout ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    /// It ran longer than this many seconds.
    Time(u64),
    /// The process grew past this many MiB.
    Memory(u64),
    /// The process grew past this many MiB while another layout ran
    /// beside this one (of a batch, or one stopped before that still
    /// runs): which took it is not known.
    MemoryBeside(u64),
}

impl Breach {
    /// What happened, for a message's first line.
    pub fn message(self) -> String {
        match self {
            Breach::Time(s) => format!("laying out this report took longer than {s} s"),
            Breach::Memory(m) => format!("laying out this report took more than {m} MiB of memory"),
            Breach::MemoryBeside(m) => format!(
                "kompas passed {m} MiB of memory while laying out this report beside another layout"
            ),
        }
    }

    /// The limit and how to change it, for a message's "expected" note;
    /// with `own_templates`, where in them to look. Without, the
    /// built-in templates end: the report needs a higher limit.
    pub fn expected(self, own_templates: bool) -> String {
        let (limit, cause) = match self {
            Breach::Time(s) => (
                format!(
                    "a layout that finishes within {s} s (kompas's time limit; `--timeout SECONDS` changes it)"
                ),
                "look for a loop without end in the huisstijl/ templates",
            ),
            Breach::Memory(m) => (
                format!(
                    "a layout within {m} MiB (kompas's memory bound; `--max-memory MIB` changes it)"
                ),
                "look for a huisstijl/ template that builds ever larger text or content",
            ),
            Breach::MemoryBeside(m) => {
                return format!(
                    "a layout within {m} MiB (kompas's memory bound): render this report on its own to learn whether it is the cause"
                );
            }
        };
        if own_templates {
            format!("{limit}: {cause}")
        } else {
            format!("{limit}: a report this large needs a higher limit")
        }
    }
}

/// Runs `work` on a worker thread within the time limit and memory bound.
/// On a breach the worker is left behind, still running: the caller must
/// end the process soon, without writing anything. An `Err` when no
/// thread could be started.
pub fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<Result<T, Breach>> {
    let timeout = TIMEOUT_SECS.load(Ordering::Relaxed);
    let max_memory = MAX_MEMORY_MIB.load(Ordering::Relaxed);
    let (send, receive) = mpsc::channel();
    let running = Running::start();
    let worker = std::thread::Builder::new()
        .name("layout".into())
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let _running = running;
            let _ = send.send(work());
        })?;
    let start = Instant::now();
    let deadline = Duration::from_secs(timeout);
    loop {
        match receive.recv_timeout(POLL) {
            Ok(result) => return Ok(Ok(result)),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // The worker panicked: that is kompas's own failure; pass it on.
                if let Err(panic) = worker.join() {
                    std::panic::resume_unwind(panic);
                }
                unreachable!("a worker that sent nothing and did not panic");
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let breach = if start.elapsed() >= deadline {
            Breach::Time(timeout)
        } else if resident_mib().is_some_and(|now| now > max_memory) {
            Breach::Memory(max_memory)
        } else {
            continue;
        };
        ABANDONED.store(true, Ordering::Relaxed);
        let breach = blame(breach, RUNNING.load(Ordering::Relaxed) > 1);
        LAST_BREACH.set(Some(breach));
        return Ok(Err(breach));
    }
}

/// The breach to report, given whether `others` were laying out beside
/// this layout: the memory is the process's, so a layout beside another
/// is not blamed for all of it.
fn blame(breach: Breach, others: bool) -> Breach {
    match breach {
        Breach::Memory(m) if others => Breach::MemoryBeside(m),
        breach => breach,
    }
}

/// A worker counted in [`RUNNING`] until it ends; one left behind is
/// counted for as long as it runs.
struct Running;

impl Running {
    fn start() -> Running {
        RUNNING.fetch_add(1, Ordering::Relaxed);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Whether a layout of this process passed a limit and was left running:
/// it keeps its core busy and may keep growing, and nothing can stop it
/// but the end of the process. A long-running command (watch, a batch)
/// asks this to end soon.
pub fn abandoned() -> bool {
    ABANDONED.load(Ordering::Relaxed)
}

/// Replaces this process with a new run of the same command, with the
/// environment variable `var` set to `value` (or unset): the one way to
/// end a layout left running, for a command that has more to do (a
/// batch, a watch). Returns only when that could not be done, with why.
pub fn start_anew(var: &str, value: Option<&str>) -> std::io::Error {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(err) => return err,
    };
    let mut command = std::process::Command::new(exe);
    command.args(std::env::args_os().skip(1));
    match value {
        Some(value) => command.env(var, value),
        None => command.env_remove(var),
    };
    exec(command)
}

#[cfg(unix)]
fn exec(mut command: std::process::Command) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    command.exec()
}

#[cfg(not(unix))]
fn exec(_: std::process::Command) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "a process replaces itself on Unix only",
    )
}

/// The limit the last layout this thread waited for passed, taken: a
/// batch asks after each report whether its own layout ran away.
pub fn take_breach() -> Option<Breach> {
    LAST_BREACH.take()
}

/// The process's resident memory in MiB, where the system tells (Linux).
fn resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// Keeps glibc's malloc mapping every allocation of 128 KiB or more from
/// the system, and returning it when freed. By default glibc raises that
/// bound whenever such a block is freed, up to 32 MiB, and from then on
/// keeps large blocks in its heaps, where what is freed is not always
/// given back: the peak memory of the same render then varied from run
/// to run, at Rotterdam scale from 353 to 396 MiB; with a fixed bound it
/// is 330 MiB every time, for a few percent of time. The binary sets it
/// first thing, and so does the benchmark, to measure renders as the
/// binary makes them.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn steady_heap() {
    // SAFETY: mallopt only changes a setting of the allocator (under its
    // lock); the binary and the benchmark call this first in `main`.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn steady_heap() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quick_job_returns_its_result() {
        assert_eq!(bounded(|| 6 * 7).unwrap(), Ok(42));
    }

    #[test]
    fn without_templates_of_its_own_a_report_is_told_to_raise_the_limit() {
        assert_eq!(
            Breach::Time(60).expected(false),
            "a layout that finishes within 60 s (kompas's time limit; `--timeout SECONDS` changes it): a report this large needs a higher limit"
        );
        assert!(
            Breach::Memory(512).expected(true).ends_with(
                ": look for a huisstijl/ template that builds ever larger text or content"
            )
        );
    }

    #[test]
    fn a_layout_beside_a_runaway_one_is_not_blamed_for_the_memory() {
        assert_eq!(blame(Breach::Memory(512), false), Breach::Memory(512));
        assert_eq!(blame(Breach::Time(60), true), Breach::Time(60));
        let beside = blame(Breach::Memory(512), true);
        assert_eq!(beside, Breach::MemoryBeside(512));
        assert_eq!(
            beside.message(),
            "kompas passed 512 MiB of memory while laying out this report beside another layout"
        );
        assert!(
            beside
                .expected(true)
                .ends_with("render this report on its own to learn whether it is the cause")
        );
    }

    #[test]
    fn memory_is_measured_here() {
        if cfg!(target_os = "linux") {
            assert!(resident_mib().is_some_and(|m| m > 0));
        }
    }
}
