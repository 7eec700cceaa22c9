//! Fine-tuning the stance classifier on the CPU.
//!
//! The bottom encoder layers stay frozen: their output is computed once per unique
//! sequence and cached, so each step runs only the top `trained_layers` layers and
//! the head (with differentiable ops). AdamW, linear warm-up and decay, balanced
//! sampling or class weights, early stopping on the dev files, and a seeded RNG of
//! our own (candle's CPU RNG cannot be seeded) so a rerun gives the same weights.

use super::data::LabeledPair;
use super::frozen::{
    FrozenCache, build_cache, class_weights, epoch_batches, forward_batch, predict_cached,
    weighted_cross_entropy,
};
use super::inputs::InputMode;
use super::metrics::StanceScores;
use super::model::StanceHead;
pub use super::rng::SplitMix;
use crate::encoder::Encoder;
use crate::encoder::bert::{Bert, Mode};
use crate::record::StanceLabel;
use anyhow::{Context, Result, ensure};
use candle_core::{DType, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarBuilder, VarMap};
use serde::Serialize;
use std::collections::HashMap;
use std::time::Instant;

/// Hyper-parameters of a training run.
#[derive(Debug, Clone, Serialize)]
pub struct TrainConfig {
    pub mode: InputMode,
    pub trained_layers: usize,
    pub epochs: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    pub warmup_fraction: f64,
    pub dropout: f32,
    /// Examples drawn per epoch, a third from each label (0: every example once, class-weighted).
    pub epoch_size: usize,
    pub patience: usize,
    pub seed: u64,
}

/// The outcome of training: tensors to save, and what the best epoch scored.
pub struct TrainedStance {
    pub tensors: HashMap<String, Tensor>,
    /// Scores of the best epoch on each dev set, in the order given.
    pub dev_scores: Vec<StanceScores>,
    /// The mean macro-F1 over the dev sets that chose the best epoch.
    pub dev_macro_f1: f64,
    pub best_epoch: usize,
}

impl TrainConfig {
    /// Fail on settings that cannot train a model: a learning rate that is not a
    /// positive number, dropout outside [0, 1), no epoch or an empty batch.
    pub fn validate(&self) -> Result<()> {
        ensure!(
            self.learning_rate.is_finite() && self.learning_rate > 0.0,
            "learning rate {} must be a positive number",
            self.learning_rate
        );
        ensure!(
            self.weight_decay.is_finite() && self.weight_decay >= 0.0,
            "weight decay {} must be a number >= 0",
            self.weight_decay
        );
        ensure!(
            (0.0..1.0).contains(&self.dropout),
            "dropout {} must be in [0, 1)",
            self.dropout
        );
        ensure!(
            (0.0..=1.0).contains(&self.warmup_fraction),
            "warm-up fraction {} must be in [0, 1]",
            self.warmup_fraction
        );
        ensure!(self.epochs > 0, "epochs must be at least 1");
        ensure!(self.batch_size > 0, "batch size must be at least 1");
        ensure!(self.patience > 0, "patience must be at least 1");
        Ok(())
    }
}

/// Fail unless the training pairs hold every label (a classifier that never saw a
/// label can only guess it) and each dev set holds pairs.
pub fn check_data(train: &[LabeledPair], dev_sets: &[Vec<LabeledPair>]) -> Result<()> {
    let absent: Vec<&str> = StanceLabel::ALL
        .into_iter()
        .filter(|l| !train.iter().any(|p| p.label == *l))
        .map(StanceLabel::as_str)
        .collect();
    ensure!(
        absent.is_empty(),
        "the training pairs hold no {} pair: the classifier needs examples of every label",
        absent.join(" or ")
    );
    ensure!(
        !dev_sets.is_empty(),
        "no dev set to choose the best epoch on"
    );
    ensure!(
        dev_sets.iter().all(|s| !s.is_empty()),
        "a dev set holds no pair"
    );
    Ok(())
}

/// A model ready to fine-tune.
struct Trainable {
    bert: Bert,
    head: StanceHead,
    /// The variables the optimiser updates, sorted by name.
    named: Vec<(String, Var)>,
}

/// The encoder to fine-tune (a trainable copy of the base weights), a fresh seeded
/// head, and the variables the optimiser updates (trained layers and head), by name.
fn trainable_model(base: &Encoder, frozen: usize, rng: &mut SplitMix) -> Result<Trainable> {
    let device = base.device.clone();
    let mut bert_vars = VarMap::new();
    let bert = Bert::load(
        VarBuilder::from_varmap(&bert_vars, DType::F32, &device),
        &base.config,
    )?;
    bert_vars
        .load(base.files.weights())
        .context("cannot copy the base weights into the trainable encoder")?;
    let head_vars = VarMap::new();
    let head = StanceHead::load(
        VarBuilder::from_varmap(&head_vars, DType::F32, &device).pp("head"),
        base.config.hidden_size,
    )?;
    seed_head(&head_vars, rng)?;
    let trained_prefixes: Vec<String> = (frozen..base.config.num_hidden_layers)
        .map(|i| format!("encoder.layer.{i}."))
        .collect();
    let poisoned = |_| anyhow::anyhow!("poisoned var map");
    let mut named: Vec<(String, Var)> = bert_vars
        .data()
        .lock()
        .map_err(poisoned)?
        .iter()
        .filter(|(n, _)| trained_prefixes.iter().any(|p| n.starts_with(p)))
        .map(|(n, v)| (n.clone(), v.clone()))
        .collect();
    named.extend(
        head_vars
            .data()
            .lock()
            .map_err(poisoned)?
            .iter()
            .map(|(n, v)| (n.clone(), v.clone())),
    );
    named.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Trainable { bert, head, named })
}

/// Learning rate at `step` (from 1): linear warm-up, then linear decay to 0.
pub(crate) fn learning_rate_at(step: usize, warmup: f64, total_steps: usize, peak: f64) -> f64 {
    let s = step as f64;
    if s < warmup {
        peak * s / warmup
    } else {
        peak * ((total_steps as f64 - s) / (total_steps as f64 - warmup)).max(0.0)
    }
}

/// Scores of each dev set (they lie end to end in `gold` and `predicted`).
fn score_dev_sets(
    dev_sets: &[Vec<LabeledPair>],
    gold: &[StanceLabel],
    predicted: &[StanceLabel],
) -> Vec<StanceScores> {
    let mut scores = Vec::with_capacity(dev_sets.len());
    let mut from = 0;
    for set in dev_sets {
        let to = from + set.len();
        scores.push(StanceScores::compute(&gold[from..to], &predicted[from..to]));
        from = to;
    }
    scores
}

/// What stays fixed over a run: the frozen caches, the model and its optimiser.
struct Run<'a> {
    cfg: &'a TrainConfig,
    train_cache: FrozenCache,
    bert: Bert,
    head: StanceHead,
    opt: AdamW,
    class_weights: [f32; 3],
    frozen: usize,
    warmup: f64,
    total_steps: usize,
}

impl Run<'_> {
    /// One epoch of optimisation steps; returns the mean loss.
    fn epoch(
        &mut self,
        epoch: usize,
        step: &mut usize,
        rng: &mut SplitMix,
        log: &mut dyn FnMut(String),
    ) -> Result<f64> {
        let started = Instant::now();
        let batches = epoch_batches(&self.train_cache, self.cfg, rng);
        let mut loss_sum = 0.0;
        for (b, batch) in batches.iter().enumerate() {
            *step += 1;
            let lr = learning_rate_at(*step, self.warmup, self.total_steps, self.cfg.learning_rate);
            self.opt.set_learning_rate(lr);
            let logits = forward_batch(
                &self.bert,
                &self.head,
                &self.train_cache,
                batch,
                self.frozen,
                Mode::Training,
                Some((&mut *rng, self.cfg.dropout)),
            )?;
            let loss =
                weighted_cross_entropy(&logits, batch, &self.train_cache, &self.class_weights)?;
            let value = loss.to_scalar::<f32>()?;
            ensure!(
                value.is_finite(),
                "the loss became {value} at epoch {epoch}, step {}: training diverged; \
                 lower the learning rate",
                b + 1
            );
            self.opt.backward_step(&loss)?;
            loss_sum += value as f64;
            if b % 100 == 99 {
                log(format!(
                    "  epoch {epoch} step {}/{} loss {:.4} ({:.0} s)",
                    b + 1,
                    batches.len(),
                    loss_sum / (b + 1) as f64,
                    started.elapsed().as_secs_f64()
                ));
            }
        }
        Ok(loss_sum / batches.len().max(1) as f64)
    }
}

/// Fine-tune the top layers and a fresh head on `train`, early-stopping on `dev`.
///
/// Each dev set is scored on its own and the best epoch is the one with the best mean
/// macro-F1 over them, so a small dev set of one domain weighs as much as a large one.
/// Settings and data are checked first ([`TrainConfig::validate`], [`check_data`]).
pub fn train(
    base: &Encoder,
    train: &[LabeledPair],
    dev_sets: &[Vec<LabeledPair>],
    cfg: &TrainConfig,
    log: &mut dyn FnMut(String),
) -> Result<TrainedStance> {
    cfg.validate()?;
    check_data(train, dev_sets)?;
    let layers = base.config.num_hidden_layers;
    ensure!(
        cfg.trained_layers <= layers,
        "{} trained layers exceed the encoder's {layers}",
        cfg.trained_layers
    );
    let frozen = layers - cfg.trained_layers;
    let mut rng = SplitMix::new(cfg.seed);
    let dev: Vec<LabeledPair> = dev_sets.iter().flatten().cloned().collect();
    log(format!(
        "caching the frozen bottom {frozen} layers for {} train and {} dev pairs",
        train.len(),
        dev.len()
    ));
    let train_cache = build_cache(base, train, cfg.mode, frozen, log)?;
    let dev_cache = build_cache(base, &dev, cfg.mode, frozen, log)?;
    let Trainable { bert, head, named } = trainable_model(base, frozen, &mut rng)?;
    let opt = AdamW::new(
        named.iter().map(|(_, v)| v.clone()).collect(),
        ParamsAdamW {
            lr: cfg.learning_rate,
            weight_decay: cfg.weight_decay,
            ..Default::default()
        },
    )?;
    let steps_per_epoch = epoch_batches(&train_cache, cfg, &mut SplitMix::new(cfg.seed)).len();
    let total_steps = (steps_per_epoch * cfg.epochs).max(1);
    let mut run = Run {
        cfg,
        class_weights: class_weights(&train_cache, cfg.epoch_size == 0),
        train_cache,
        bert,
        head,
        opt,
        frozen,
        warmup: ((total_steps as f64) * cfg.warmup_fraction).max(1.0),
        total_steps,
    };
    let dev_gold: Vec<StanceLabel> = dev_cache.examples.iter().map(|e| e.label).collect();
    let mut best: Option<TrainedStance> = None;
    let mut step = 0usize;
    for epoch in 1..=cfg.epochs {
        let started = Instant::now();
        let loss = run.epoch(epoch, &mut step, &mut rng, log)?;
        let predicted = predict_cached(&run.bert, &run.head, &dev_cache, frozen)?;
        let scores = score_dev_sets(dev_sets, &dev_gold, &predicted);
        let mean_f1 = StanceScores::mean_macro_f1(&scores);
        let each: Vec<String> = scores
            .iter()
            .map(|s| format!("{:.4}", s.macro_f1))
            .collect();
        log(format!(
            "epoch {epoch}/{}  loss {loss:.4}  dev macro-F1 {mean_f1:.4} (per dev set {})  ({:.0} s)",
            cfg.epochs,
            each.join(" "),
            started.elapsed().as_secs_f64()
        ));
        if best.as_ref().is_none_or(|b| mean_f1 > b.dev_macro_f1) {
            let snapshot = named
                .iter()
                .map(|(n, v)| Ok((n.clone(), v.as_tensor().copy()?)))
                .collect::<Result<_>>()?;
            best = Some(TrainedStance {
                tensors: snapshot,
                dev_scores: scores,
                dev_macro_f1: mean_f1,
                best_epoch: epoch,
            });
        } else if best
            .as_ref()
            .is_some_and(|b| epoch - b.best_epoch >= cfg.patience)
        {
            log(format!(
                "early stop: no dev improvement for {} epochs",
                cfg.patience
            ));
            break;
        }
    }
    best.context("no epoch ran")
}

/// Deterministic head initialisation: uniform(+-1/sqrt(fan_in)) weights, zero biases.
pub(crate) fn seed_head(vars: &VarMap, rng: &mut SplitMix) -> Result<()> {
    let data = vars
        .data()
        .lock()
        .map_err(|_| anyhow::anyhow!("poisoned var map"))?;
    let mut names: Vec<&String> = data.keys().collect();
    names.sort();
    for name in names {
        let var = &data[name];
        let dims = var.dims().to_vec();
        let n: usize = dims.iter().product();
        let values: Vec<f32> = if name.ends_with("weight") {
            let bound = 1.0 / (dims[1] as f32).sqrt();
            (0..n).map(|_| (rng.unit() * 2.0 - 1.0) * bound).collect()
        } else {
            vec![0.0; n]
        };
        var.set(&Tensor::from_vec(values, dims, var.device())?)?;
    }
    Ok(())
}
