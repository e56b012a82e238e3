//! The command line: the only module that knows clap. It turns the
//! arguments into a checked [`Config`] and hands that to [`crate::run`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::run::{self, Config, Format, ReportChoice};
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
    /// Check as `check` does, then render one report to PDF and/or its open data.
    Render {
        /// The kompas folder.
        dir: PathBuf,
        /// The report: a name in rapporten/ (without .yaml), or a path to a report file.
        #[arg(long, short)]
        report: String,
        /// What to write; repeat for several: pdf, csv (for Dutch Excel) or json (the
        /// open data: every figure the report shows).
        #[arg(long = "format", short = 'f', value_enum, default_value = "pdf")]
        formats: Vec<FormatArg>,
        /// Where to write [default: <report>.<ext> in the current folder]. With several
        /// formats, the extension is replaced per format, or `{ext}` filled in;
        /// `{rapport}` is the report's name.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Attach the CSV and JSON open data to the PDF (PDF/A-3b + PDF/UA-1 instead of
        /// PDF/A-2b + PDF/UA-1).
        #[arg(long)]
        attach_data: bool,
    },
    /// Write a small working example kompas folder to start from.
    Init {
        /// The folder to create; it must not exist or be empty.
        dir: PathBuf,
    },
}

/// An output format, as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Pdf,
    Csv,
    Json,
}

impl Cli {
    /// Turns the parsed arguments into the run's configuration.
    fn into_config(self) -> Config {
        match self.command {
            Command::Check { dir } => Config::Check { dir },
            Command::Render {
                dir,
                report,
                formats,
                output,
                attach_data,
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
                let mut unique = Vec::new();
                for f in formats {
                    let f = match f {
                        FormatArg::Pdf => Format::Pdf,
                        FormatArg::Csv => Format::Csv,
                        FormatArg::Json => Format::Json,
                    };
                    if !unique.contains(&f) {
                        unique.push(f);
                    }
                }
                Config::Render {
                    dir,
                    report: choice,
                    formats: unique,
                    output,
                    attach_data,
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
