//! `stancemap train-attribution`: train the attribution tagger on gold articles.

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use stancemap::attribute::tagger::cache::Cutter;
use stancemap::attribute::tagger::model::{
    TaggerManifest, WEIGHTS_FILE, save_weights, untruncated_cutter,
};
use stancemap::attribute::tagger::train::{EpochResult, TaggerTrainConfig, train};
use stancemap::encoder::{Backend, Encoder, files};
use stancemap::ingest::read_all;
use stancemap::record::Article;
use stancemap::stance::rng::SplitMix;
use stancemap::stance::store::TrainingFile;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Flags of `train-attribution`.
#[derive(ClapArgs)]
pub struct Args {
    /// Gold articles (article files or folders of them, e.g. PolNeAR train and
    /// data/news-gold/train).
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    data: Vec<PathBuf>,
    /// Dev articles, each scored alone after every epoch (the mean F1 picks the best).
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    dev: Vec<PathBuf>,
    /// Folder to write the best weights and manifest into; each epoch goes to
    /// `DIR/epoch-N/` as well.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Number of top encoder layers to fine-tune (the rest stay frozen and cached).
    #[arg(long, default_value_t = 2)]
    train_layers: usize,
    #[arg(long, default_value_t = 3)]
    epochs: usize,
    /// Windows per optimisation step.
    #[arg(long, default_value_t = 8)]
    batch_size: usize,
    /// Peak AdamW learning rate (linear warm-up, then linear decay to 0).
    #[arg(long, default_value_t = 1e-4)]
    lr: f64,
    #[arg(long, default_value_t = 0.01)]
    weight_decay: f64,
    /// Windows drawn per epoch (a seeded sample); 0 uses every window once.
    #[arg(long, default_value_t = 0)]
    epoch_windows: usize,
    /// Use at most this many articles of each training file (a seeded sample).
    #[arg(long, value_name = "N")]
    limit_articles: Option<usize>,
    /// Use at most this many articles of each dev file (the first ones).
    #[arg(long, value_name = "N")]
    limit_dev: Option<usize>,
    /// Continue from the weights of an earlier run (a tagger folder, e.g. DIR/epoch-N).
    #[arg(long, value_name = "DIR")]
    init: Option<PathBuf>,
    /// Seed of every random choice (sampling, head initialisation).
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Base encoder folder (default: the usual resolution order).
    #[arg(long, value_name = "DIR")]
    model_dir: Option<PathBuf>,
}

/// The articles of each path, sampled to `limit`, and what the manifest records.
fn read_sets(
    paths: &[PathBuf],
    limit: Option<usize>,
    seed: u64,
    shuffle: bool,
) -> Result<(Vec<Vec<Article>>, Vec<TrainingFile>)> {
    let mut sets = Vec::new();
    let mut recorded = Vec::new();
    for path in paths {
        let mut articles = read_all(std::slice::from_ref(path), false)?;
        anyhow::ensure!(!articles.is_empty(), "{}: no articles", path.display());
        if shuffle {
            SplitMix::new(seed).shuffle(&mut articles);
        }
        if let Some(n) = limit {
            articles.truncate(n);
        }
        recorded.push(TrainingFile {
            path: path.display().to_string(),
            sha256: super::train::sha256_of_input(path)?,
            pairs: articles.iter().map(|a| a.statements.len()).sum(),
        });
        eprintln!("{}: {} articles", path.display(), articles.len());
        sets.push(articles);
    }
    Ok((sets, recorded))
}

/// Run `train-attribution`.
pub fn run(args: Args, _settings: &super::Settings) -> Result<ExitCode> {
    let cfg = TaggerTrainConfig {
        trained_layers: args.train_layers,
        epochs: args.epochs,
        batch_size: args.batch_size,
        learning_rate: args.lr,
        weight_decay: args.weight_decay,
        warmup_fraction: 0.06,
        epoch_windows: args.epoch_windows,
        seed: args.seed,
    };
    cfg.validate().context("invalid training settings")?;
    let (train_sets, train_files) = read_sets(&args.data, args.limit_articles, args.seed, true)?;
    let (dev_sets, dev_files) = read_sets(&args.dev, args.limit_dev, args.seed, false)?;
    let init = match &args.init {
        Some(dir) => Some(
            candle_core::safetensors::load(dir.join(WEIGHTS_FILE), &candle_core::Device::Cpu)
                .with_context(|| format!("cannot load {}", dir.join(WEIGHTS_FILE).display()))?,
        ),
        None => None,
    };
    // Training runs candle's ops (the only path with gradients).
    let base = Encoder::locate_and_load(args.model_dir.as_deref(), true, Backend::Candle)?;
    let (tokenizer, cls, sep) = untruncated_cutter(&base)?;
    let cutter = Cutter {
        tokenizer: &tokenizer,
        cls,
        sep,
    };
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let hyper = serde_json::to_value(&cfg)?;
    let mut save = |r: &EpochResult| -> Result<()> {
        let manifest = |sha: String| TaggerManifest {
            base_model: files::HUB_REPO.to_string(),
            base_sha256: base.weights_sha256.clone(),
            trained_layers: args.train_layers,
            weights_sha256: sha,
            dtype: "f16".into(),
            training_data: train_files.clone(),
            dev_data: dev_files.clone(),
            hyperparameters: hyper.clone(),
            dev_metrics: serde_json::json!({"epoch": r.epoch, "loss": r.loss, "mean_f1": r.dev_f1, "per_dev_set": r.dev}),
            command: command.clone(),
        };
        let dir = args.out.join(format!("epoch-{}", r.epoch));
        write_model(&dir, r, &manifest)?;
        if r.best_so_far {
            write_model(&args.out, r, &manifest)?;
        }
        Ok(())
    };
    let started = std::time::Instant::now();
    let train_articles: Vec<Article> = train_sets.into_iter().flatten().collect();
    train(
        &base,
        &cutter,
        train_articles,
        dev_sets,
        &cfg,
        init.as_ref(),
        &mut |l| eprintln!("{l}"),
        &mut save,
    )?;
    eprintln!(
        "saved {} in {:.0} s",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn write_model(
    dir: &Path,
    r: &EpochResult,
    manifest: &dyn Fn(String) -> TaggerManifest,
) -> Result<()> {
    let sha = save_weights(dir, r.tensors)?;
    manifest(sha).write(dir)
}
