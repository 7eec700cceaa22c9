//! The `stancemap` command line.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Who said what, about whom, in what tone: attributed statements and stance
/// toward parties in news articles.
#[derive(Parser)]
#[command(name = "stancemap", version, about, long_about = None)]
struct Cli {
    /// Number of compute threads (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Manage the base encoder: fetch it, or show where it is and what it is.
    #[command(subcommand)]
    Model(cli::model::ModelCommand),
    /// Export classified articles as analyst tables (csv, tsv, json, markdown) or one HTML page.
    Export(cli::export::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::init_threads(cli.threads);
    let result = match cli.command {
        Command::Model(cmd) => cli::model::run(cmd),
        Command::Export(args) => cli::export::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
