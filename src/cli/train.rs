//! `stancemap train`: fine-tune the stance classifier on pair files.

use super::values::InputMode;
use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use stancemap::encoder::{Backend, Encoder, files};
use stancemap::pipeline::Pipeline;
use stancemap::stance::data::LabeledPair;
use stancemap::stance::store::{self, Manifest, TrainingFile};
use stancemap::stance::train::{
    CandidateSets, SplitMix, TrainConfig, TrainExtras, check_data, train_with,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Flags of `train`.
#[derive(ClapArgs)]
pub struct Args {
    /// Training data: pair files (`*.pairs.jsonl`) or gold articles with stances (an
    /// article file or a folder of them, e.g. data/news-gold/train); list several, and a
    /// file listed twice weighs twice.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    data: Vec<PathBuf>,
    /// Dev pair files for early stopping and the neutral bias: each is scored alone and
    /// the mean of their macro-F1 decides, so each domain weighs the same.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    dev: Vec<PathBuf>,
    /// Folder to write `stance.safetensors` and `manifest.json` into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// How inputs reach the encoder: one pass per (statement, target) or per statement.
    #[arg(long, value_enum, default_value = "pair")]
    mode: InputMode,
    /// Number of top encoder layers to fine-tune (the rest stay frozen and cached).
    #[arg(long, default_value_t = 2)]
    train_layers: usize,
    /// Maximum number of epochs.
    #[arg(long, default_value_t = 6)]
    epochs: usize,
    /// Pairs per optimisation step.
    #[arg(long, default_value_t = 16)]
    batch_size: usize,
    /// Peak learning rate of AdamW (linear warm-up, then linear decay to 0).
    #[arg(long, default_value_t = 1e-4)]
    lr: f64,
    /// AdamW weight decay.
    #[arg(long, default_value_t = 0.01)]
    weight_decay: f64,
    /// Dropout on the head's input features.
    #[arg(long, default_value_t = 0.1)]
    dropout: f32,
    /// Pairs drawn per epoch, a third per label (balanced sampling); 0 uses every pair once with class weights.
    #[arg(long, default_value_t = 6000)]
    epoch_size: usize,
    /// Stop after this many epochs without a better dev macro-F1.
    #[arg(long, default_value_t = 2)]
    patience: usize,
    /// Seed of every random choice (sampling, dropout, head initialisation).
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Use at most this many pairs of each training file (a seeded sample).
    #[arg(long, value_name = "N")]
    limit_per_file: Option<usize>,
    /// Base encoder folder (default: the usual resolution order).
    #[arg(long, value_name = "DIR")]
    model_dir: Option<PathBuf>,
    /// Start from this stance model's layers and head (trained with at least
    /// `--train-layers` layers) instead of the base layers and a fresh head.
    #[arg(long, value_name = "DIR")]
    init: Option<PathBuf>,
    /// Gold articles (a file or a folder) whose found statements teach the relevance
    /// output: each target the pipeline offers is a target when the gold lists it.
    #[arg(long, value_name = "PATH", requires = "targets_dev")]
    targets_from: Vec<PathBuf>,
    /// Dev gold articles for the relevance output: its share of the epoch choice, and
    /// its threshold.
    #[arg(long, value_name = "PATH", requires = "targets_from")]
    targets_dev: Option<PathBuf>,
}

/// The extras the flags ask for: weights to start from, target candidates.
fn train_extras(args: &Args) -> Result<TrainExtras> {
    let init = args
        .init
        .as_deref()
        .map(store::read_tensors)
        .transpose()
        .context("--init")?;
    let candidates = match &args.targets_dev {
        Some(dev_path) => {
            let pipeline = Pipeline::new();
            let mut train = Vec::new();
            for path in &args.targets_from {
                let (found, _) = pipeline.read_target_candidates(path)?;
                eprintln!("{}: {} target candidates", path.display(), found.len());
                train.extend(found);
            }
            let (dev, dev_missed) = pipeline.read_target_candidates(dev_path)?;
            Some(CandidateSets {
                train,
                dev,
                dev_missed,
            })
        }
        None => None,
    };
    Ok(TrainExtras { init, candidates })
}

fn read_files(
    paths: &[PathBuf],
    limit: Option<usize>,
    seed: u64,
) -> Result<(Vec<LabeledPair>, Vec<TrainingFile>)> {
    let mut all = Vec::new();
    let mut recorded = Vec::new();
    let pipeline = stancemap::pipeline::Pipeline::new();
    for path in paths {
        let mut pairs = pipeline.read_labeled(path)?;
        if pairs.is_empty() {
            bail!("{}: no labeled pairs", path.display());
        }
        if let Some(n) = limit.filter(|&n| n < pairs.len()) {
            SplitMix::new(seed).shuffle(&mut pairs);
            pairs.truncate(n);
        }
        recorded.push(TrainingFile {
            path: display_path(path),
            sha256: sha256_of_input(path)?,
            pairs: pairs.len(),
        });
        eprintln!("{}: {} pairs", path.display(), pairs.len());
        all.extend(pairs);
    }
    Ok((all, recorded))
}

/// The sha256 of a training file, or of a folder of gold articles: of the list of its
/// files' names and sha256 (sorted), so the manifest pins a folder too.
pub(super) fn sha256_of_input(path: &Path) -> Result<String> {
    if !path.is_dir() {
        return files::sha256_file(path);
    }
    let mut entries = Vec::new();
    for entry in
        std::fs::read_dir(path).with_context(|| format!("cannot list {}", path.display()))?
    {
        let entry = entry.with_context(|| format!("cannot list {}", path.display()))?;
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            entries.push(format!("{name}\t{}\n", files::sha256_file(&entry.path())?));
        }
    }
    entries.sort();
    use sha2::Digest;
    Ok(hex::encode(sha2::Sha256::digest(
        entries.concat().as_bytes(),
    )))
}

/// The path as given, with `../shared` kept readable in the manifest.
fn display_path(path: &Path) -> String {
    path.display().to_string()
}

/// The hyper-parameters the flags ask for, checked before anything is loaded.
fn train_config(args: &Args) -> Result<TrainConfig> {
    let cfg = TrainConfig {
        mode: args.mode.into(),
        trained_layers: args.train_layers,
        epochs: args.epochs,
        batch_size: args.batch_size,
        learning_rate: args.lr,
        weight_decay: args.weight_decay,
        warmup_fraction: 0.06,
        dropout: args.dropout,
        epoch_size: args.epoch_size,
        patience: args.patience.max(1),
        seed: args.seed,
    };
    cfg.validate().context(
        "invalid training settings (--lr, --weight-decay, --dropout, --epochs, --batch-size)",
    )?;
    Ok(cfg)
}

/// Run `train`.
pub fn run(args: Args, settings: &super::Settings) -> Result<ExitCode> {
    let cfg = train_config(&args)?;
    let (train_pairs, train_files) = read_files(&args.data, args.limit_per_file, args.seed)?;
    let mut dev_sets = Vec::with_capacity(args.dev.len());
    let mut dev_files = Vec::with_capacity(args.dev.len());
    for path in &args.dev {
        let (pairs, mut recorded) = read_files(std::slice::from_ref(path), None, args.seed)?;
        dev_sets.push(pairs);
        dev_files.append(&mut recorded);
    }
    check_data(&train_pairs, &dev_sets)
        .with_context(|| format!("training files {}", list(&args.data)))?;
    // Training runs candle's ops (the only path with gradients).
    let base = Encoder::locate_and_load(args.model_dir.as_deref(), true, Backend::Candle)?;
    if args.train_layers > base.config.num_hidden_layers {
        bail!(
            "--train-layers {} exceeds the encoder's {} layers",
            args.train_layers,
            base.config.num_hidden_layers
        );
    }
    let extras = train_extras(&args)?;
    let started = std::time::Instant::now();
    let trained = train_with(&base, &train_pairs, &dev_sets, extras, &cfg, &mut |line| {
        eprintln!("{line}")
    })?;
    let weights_sha256 = store::save_weights(&args.out, &trained.tensors)?;
    let mut hyper = serde_json::to_value(&cfg)?;
    hyper["limit_per_file"] = serde_json::json!(args.limit_per_file);
    let per_dev_set: Vec<_> = dev_files
        .iter()
        .zip(&trained.dev_scores)
        .map(|(f, s)| {
            serde_json::json!({
                "path": f.path,
                "macro_f1": s.macro_f1,
                "accuracy": s.accuracy,
                "per_class": s.per_class,
            })
        })
        .collect();
    let mut dev_metrics = serde_json::json!({
        "best_epoch": trained.best_epoch,
        "macro_f1": trained.dev_macro_f1,
        "per_dev_set": per_dev_set,
    });
    if let Some(relevance) = trained.dev_relevance {
        dev_metrics["relevance_in_training"] = serde_json::to_value(relevance)?;
    }
    hyper["init"] = serde_json::json!(args.init.as_ref().map(|p| display_path(p)));
    hyper["targets_from"] = serde_json::json!(
        args.targets_from
            .iter()
            .map(|p| display_path(p))
            .collect::<Vec<_>>()
    );
    let manifest = Manifest {
        base_model: files::HUB_REPO.to_string(),
        base_sha256: base.weights_sha256.clone(),
        mode: args.mode.into(),
        trained_layers: args.train_layers,
        weights_sha256,
        dtype: "f16".into(),
        training_data: train_files,
        dev_data: dev_files,
        hyperparameters: hyper,
        dev_metrics,
        command: std::env::args().collect::<Vec<_>>().join(" "),
        // Chosen on the dev data once the weights are saved, below.
        logit_bias: [0.0; 3],
        temperature: 1.0,
        relevance_threshold: None,
    };
    manifest.write(&args.out)?;
    super::model::calibrate(&args.out, &dev_sets, args.model_dir.as_deref(), settings)?;
    if let Some(dev) = &args.targets_dev {
        super::model::choose_relevance_threshold(
            &args.out,
            dev,
            args.model_dir.as_deref(),
            settings,
        )?;
    }
    eprintln!(
        "saved {} (best epoch {}, dev macro-F1 {:.4} before calibration) in {:.0} s",
        args.out.display(),
        trained.best_epoch,
        trained.dev_macro_f1,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Paths joined for a message.
fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
