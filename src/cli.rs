//! The command line: the only module that knows clap. It turns the
//! arguments into a checked [`Config`] and hands that to [`crate::run`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::run::{self, Config, Format, Render, ReportChoice, Reports};
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
    /// Check as `check` does, then render reports to PDF, their open data or their
    /// Typst project.
    #[command(group = clap::ArgGroup::new("which").required(true).args(["report", "all"]))]
    Render {
        /// The kompas folder; give several to render the same report for each.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// The report: a name in rapporten/ (without .yaml), or a path to a report file.
        #[arg(long, short)]
        report: Option<String>,
        /// Render every report in rapporten/.
        #[arg(long)]
        all: bool,
        /// Render one edition per wijk with values (its figures as the main series,
        /// the gemeente as benchmark), and one for the whole gemeente.
        #[arg(long)]
        per_gebied: bool,
        /// What to write; repeat for several: pdf, csv (for Dutch Excel), json (the
        /// open data: every figure the report shows) or typst (the Typst project, a
        /// folder that `typst compile` turns into the same PDF).
        #[arg(long = "format", short = 'f', value_enum, default_value = "pdf")]
        formats: Vec<FormatArg>,
        /// Where to write. One report: a file [default: <report>.<ext> in the current
        /// folder]. Several: a pattern with {gemeente}, {rapport}, {gebied} and {ext}
        /// [default: {gemeente}-{rapport}[-{gebied}].{ext}]. A Typst project is a folder.
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
        /// How many reports to lay out at a time [default: the number of cores].
        #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Attach the CSV and JSON open data to the PDF (PDF/A-3b + PDF/UA-1 instead of
        /// PDF/A-2b + PDF/UA-1).
        #[arg(long)]
        attach_data: bool,
    },
    /// Render a report, then render it again each time an input file changes;
    /// problems are printed as `check` does and the last good PDF stays in place.
    Watch {
        /// The kompas folder.
        dir: PathBuf,
        /// The report: a name in rapporten/ (without .yaml), or a path to a report file.
        #[arg(long, short)]
        report: String,
        /// The PDF to keep up to date [default: <report>.pdf in the current folder].
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
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
    Typst,
}

/// A report named on the command line: a name in `rapporten/`, or a path.
fn report_choice(report: String) -> ReportChoice {
    let is_path = report.ends_with(".yaml")
        || report.ends_with(".yml")
        || report.contains('/')
        || report.contains(std::path::MAIN_SEPARATOR);
    if is_path {
        ReportChoice::Path(PathBuf::from(report))
    } else {
        ReportChoice::Name(report)
    }
}

impl Cli {
    /// Turns the parsed arguments into the run's configuration.
    fn into_config(self) -> Config {
        match self.command {
            Command::Check { dir } => Config::Check { dir },
            Command::Render {
                dirs,
                report,
                all,
                per_gebied,
                formats,
                output,
                jobs,
                attach_data,
            } => {
                let reports = match report {
                    Some(report) if !all => Reports::One(report_choice(report)),
                    _ => Reports::All,
                };
                let mut unique = Vec::new();
                for f in formats {
                    let f = match f {
                        FormatArg::Pdf => Format::Pdf,
                        FormatArg::Csv => Format::Csv,
                        FormatArg::Json => Format::Json,
                        FormatArg::Typst => Format::Typst,
                    };
                    if !unique.contains(&f) {
                        unique.push(f);
                    }
                }
                Config::Render(Render {
                    dirs,
                    reports,
                    per_gebied,
                    formats: unique,
                    output,
                    jobs: jobs.map_or(0, usize::from),
                    attach_data,
                })
            }
            Command::Watch {
                dir,
                report,
                output,
            } => Config::Watch {
                dir,
                report: report_choice(report),
                output,
            },
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
            Config::Render(Render { reports: Reports::One(ReportChoice::Name(n)), .. }) if n == "jaarverslag-2017"
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
            Config::Render(Render {
                reports: Reports::One(ReportChoice::Path(_)),
                ..
            })
        ));
    }
}
