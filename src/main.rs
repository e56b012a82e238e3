//! The `kompas` binary: parses the command line and runs it.

fn main() {
    std::process::exit(kompas::cli::main());
}
