//! The `stancemap` command line.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Who said what, about whom, in what tone: attributed statements and stance
/// toward parties in news articles.
#[derive(Parser)]
#[command(name = "stancemap", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Manage the base encoder: fetch it, or show where it is and what it is.
    #[command(subcommand)]
    Model(cli::model::ModelCommand),
}

fn main() -> ExitCode {
    // candle reads /proc/cpuinfo on every op when this is unset; set it once.
    cli::init_threads(None);
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Model(cmd) => cli::model::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
