//! The command line: the only module that knows clap. It turns the
//! arguments into a checked [`Config`] and hands that to [`crate::run`].

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::run::{self, Config, ReportChoice};
use crate::{exit, limits};

#[derive(Debug, Parser)]
#[command(
    name = "kompas",
    version,
    about = "Turns a municipality's Kwaliteitskompas into accessible PDF council reports",
    long_about = "Turns a municipality's Kwaliteitskompas (kompas.yaml, waarden/, rapporten/) into \
                  accessible PDF council reports: a jaarverslag, a kwartaalrapportage or a \
                  motiebeantwoording.\n\nExit codes: 0 success, 1 the input is invalid (nothing \
                  written), 2 usage or I/O error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Stop laying out a report after this many seconds (exit code 1, nothing written).
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = limits::DEFAULT_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Stop laying out a report once kompas takes more than this many MiB of memory (Linux).
    #[arg(long, global = true, value_name = "MIB", default_value_t = limits::DEFAULT_MAX_MEMORY_MIB,
          value_parser = clap::value_parser!(u64).range(64..))]
    max_memory: u64,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check kompas.yaml, waarden/ and every report in rapporten/; print every problem found.
    Check {
        /// The kompas folder.
        dir: PathBuf,
    },
    /// Check as `check` does, then render one report to PDF.
    Render {
        /// The kompas folder.
        dir: PathBuf,
        /// The report: a name in rapporten/ (without .yaml), or a path to a report file.
        #[arg(long, short)]
        report: String,
        /// Where to write the PDF [default: <report>.pdf in the current folder].
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Write a small working example kompas folder to start from.
    Init {
        /// The folder to create; it must not exist or be empty.
        dir: PathBuf,
    },
}

impl Cli {
    /// Turns the parsed arguments into the run's configuration.
    fn into_config(self) -> Config {
        match self.command {
            Command::Check { dir } => Config::Check { dir },
            Command::Render {
                dir,
                report,
                output,
            } => {
                let as_path = PathBuf::from(&report);
                let is_path = report.ends_with(".yaml")
                    || report.ends_with(".yml")
                    || report.contains('/')
                    || report.contains(std::path::MAIN_SEPARATOR);
                let choice = if is_path {
                    ReportChoice::Path(as_path)
                } else {
                    ReportChoice::Name(report)
                };
                Config::Render {
                    dir,
                    report: choice,
                    output,
                }
            }
            Command::Init { dir } => Config::Init { dir },
        }
    }
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                exit::USAGE_OR_IO
            } else {
                exit::OK
            };
        }
    };
    limits::set(cli.timeout, cli.max_memory);
    run::run(cli.into_config())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn report_names_and_paths() {
        let cli =
            Cli::try_parse_from(["kompas", "render", "d", "--report", "jaarverslag-2017"]).unwrap();
        assert!(matches!(
            cli.into_config(),
            Config::Render { report: ReportChoice::Name(n), .. } if n == "jaarverslag-2017"
        ));
        let cli = Cli::try_parse_from([
            "kompas",
            "render",
            "d",
            "-r",
            "elders/r.yaml",
            "-o",
            "x.pdf",
        ])
        .unwrap();
        assert!(matches!(
            cli.into_config(),
            Config::Render {
                report: ReportChoice::Path(_),
                ..
            }
        ));
    }
}
