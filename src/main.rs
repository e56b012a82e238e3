//! The `kompas` binary: parses the command line and runs it.

fn main() {
    steady_heap();
    std::process::exit(kompas::cli::main());
}

/// Keeps glibc's malloc mapping every allocation of 128 KiB or more from
/// the system, and returning it when freed. By default glibc raises that
/// bound whenever such a block is freed, up to 32 MiB, and from then on
/// keeps large blocks in its heaps, where what is freed is not always
/// given back: the peak memory of the same render then varied from run
/// to run, at Rotterdam scale from 353 to 396 MiB; with a fixed bound it
/// is 330 MiB every time, for a few percent of time.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn steady_heap() {
    // SAFETY: mallopt only changes a setting of the allocator, and this
    // runs first in `main`, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn steady_heap() {}
