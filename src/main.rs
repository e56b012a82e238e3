//! The `kompas` binary: parses the command line and runs it.

fn main() {
    kompas::limits::steady_heap();
    std::process::exit(kompas::cli::main());
}
