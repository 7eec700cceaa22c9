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

    /// Encoder engine at inference: `auto` runs the fast path with the best matrix
    /// kernel of this CPU (bf16 on AMX or AVX-512 BF16, else f32); `candle` is the
    /// reference path.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        env = "STANCEMAP_ENGINE"
    )]
    engine: stancemap::encoder::Engine,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find who said what about whom in each article, and in what tone (the whole pipeline).
    Classify(cli::classify::Args),
    /// Manage the base encoder: fetch it, or show where it is and what it is.
    #[command(subcommand)]
    Model(cli::model::ModelCommand),
    /// Export classified articles as analyst tables (csv, tsv, json, markdown) or one HTML page.
    Export(cli::export::Args),
    /// Fine-tune the stance classifier on pair files.
    Train(cli::train::Args),
    /// Train the attribution tagger (content, cue and source spans) on gold articles.
    TrainAttribution(cli::train_attribution::Args),
    /// Find who said what in each article: attributed statements with their speakers.
    Quotes(cli::quotes::Args),
    /// Measure speed: encoder sentences/s, or classify end to end over articles.
    Bench(cli::bench::Args),
    /// Score against gold files: attribution (articles), stance (pair files), end-to-end stance.
    Eval(cli::eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::init_threads(cli.threads);
    let result = cli.engine.resolve().and_then(|backend| {
        let settings = cli::Settings { backend };
        match cli.command {
            Command::Classify(args) => cli::classify::run(args, &settings),
            Command::Model(cmd) => cli::model::run(cmd, &settings),
            Command::Export(args) => cli::export::run(args),
            Command::Train(args) => cli::train::run(args, &settings),
            Command::TrainAttribution(args) => cli::train_attribution::run(args, &settings),
            Command::Quotes(args) => cli::quotes::run(args, &settings),
            Command::Eval(args) => cli::eval::run(args, &settings),
            Command::Bench(args) => cli::bench::run(args, &settings),
        }
    });
    match result {
        Ok(code) => code,
        // The reader of our output went away (`stancemap quotes ... | head`): stop
        // quietly, as ripgrep and coreutils do; nothing of the user's is lost.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// True when `err` comes from writing to a pipe whose reader has closed it.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
