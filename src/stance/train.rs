//! Fine-tuning the stance classifier on the CPU.
//!
//! The bottom encoder layers stay frozen: their output is computed once per unique
//! sequence and cached, so each step runs only the top `trained_layers` layers and
//! the head (with differentiable ops). AdamW, linear warm-up and decay, balanced
//! sampling or class weights, early stopping on the dev files, and a seeded RNG of
//! our own (candle's CPU RNG cannot be seeded) so a rerun gives the same weights.

use super::data::{LabeledPair, TargetCandidate};
use super::frozen::{
    FrozenCache, build_cache, build_candidate_cache, class_weights, epoch_batches, forward_batch,
    forward_features, length_batches, weighted_cross_entropy,
};
use super::metrics::StanceScores;
use super::model::StanceHead;
use super::relevance::{RelevanceScores, relevance_loss};
pub use super::rng::SplitMix;
pub(crate) use super::train_config::check_schedule;
pub use super::train_config::{TrainConfig, check_data};
use super::train_dev::{DevData, epoch_line};
use crate::encoder::Encoder;
use crate::encoder::bert::{Bert, Mode};
use anyhow::{Context, Result, ensure};
use candle_core::{DType, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarBuilder, VarMap};
use std::collections::HashMap;
use std::time::Instant;

/// The outcome of training: tensors to save, and what the best epoch scored.
pub struct TrainedStance {
    pub tensors: HashMap<String, Tensor>,
    /// Scores of the best epoch on each dev set, in the order given.
    pub dev_scores: Vec<StanceScores>,
    /// The mean macro-F1 over the dev sets that chose the best epoch.
    pub dev_macro_f1: f64,
    /// With the relevance output: its dev scores at the best threshold.
    pub dev_relevance: Option<RelevanceScores>,
    pub best_epoch: usize,
}

/// What a run may add to the stance pairs: weights to start from, and target candidates
/// that teach the relevance output.
#[derive(Default)]
pub struct TrainExtras {
    /// Tensors of a trained stance model (its layers and head) to start from, instead of
    /// the base layers and a fresh head.
    pub init: Option<HashMap<String, Tensor>>,
    pub candidates: Option<CandidateSets>,
}

/// Target candidates of train and dev articles (see `Pipeline::target_candidates`).
pub struct CandidateSets {
    pub train: Vec<TargetCandidate>,
    pub dev: Vec<TargetCandidate>,
    /// Gold targets of the dev articles' found statements that no candidate offers.
    pub dev_missed: usize,
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
fn trainable_model(
    base: &Encoder,
    frozen: usize,
    with_relevance: bool,
    rng: &mut SplitMix,
) -> Result<Trainable> {
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
        with_relevance,
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

/// Set the trained variables from `init` (a stance model's tensors, names with or
/// without `bert.`); the relevance output, which a stance model may lack, keeps its seed.
fn start_from(named: &[(String, Var)], init: &HashMap<String, Tensor>) -> Result<()> {
    let plain: HashMap<&str, &Tensor> = init
        .iter()
        .map(|(n, t)| (n.strip_prefix("bert.").unwrap_or(n), t))
        .collect();
    for (name, var) in named {
        match plain.get(name.as_str()) {
            Some(t) => var.set(&t.to_dtype(DType::F32)?)?,
            None if name.starts_with(super::store::RELEVANCE_PREFIX) => {}
            None => anyhow::bail!(
                "the model to start from lacks {name}: it was trained with fewer layers"
            ),
        }
    }
    Ok(())
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

/// What stays fixed over a run: the frozen caches, the model and its optimiser.
pub(super) struct Run<'a> {
    cfg: &'a TrainConfig,
    train_cache: FrozenCache,
    pub(super) bert: Bert,
    pub(super) head: StanceHead,
    opt: AdamW,
    class_weights: [f32; 3],
    /// Target candidates: one batch of them beside each batch of stance pairs.
    candidate_cache: Option<FrozenCache>,
    pub(super) frozen: usize,
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
        let mut candidate_batches = match &self.candidate_cache {
            Some(cache) => {
                let all: Vec<usize> = (0..cache.examples.len()).collect();
                length_batches(cache, all, self.cfg.batch_size, rng)
            }
            None => Vec::new(),
        };
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
            let mut loss =
                weighted_cross_entropy(&logits, batch, &self.train_cache, &self.class_weights)?;
            // A batch of candidates beside each batch of pairs, while they last.
            if let Some(cache) = &self.candidate_cache
                && let Some(candidates) = candidate_batches.pop()
            {
                let features = forward_features(
                    &self.bert,
                    cache,
                    &candidates,
                    self.frozen,
                    Mode::Training,
                    Some((&mut *rng, self.cfg.dropout)),
                )?;
                let z = self
                    .head
                    .relevance(&features)?
                    .context("the head has no relevance output")?;
                loss = (loss + relevance_loss(&z, &candidates, cache)?)?;
            }
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
    train_with(base, train, dev_sets, TrainExtras::default(), cfg, log)
}

/// [`train`], starting from a trained model's weights where `extras` gives them, and
/// teaching the relevance output where it gives target candidates. With candidates, the
/// best epoch is the one with the best mean of the stance dev macro-F1 and the
/// relevance dev F1.
pub fn train_with(
    base: &Encoder,
    train: &[LabeledPair],
    dev_sets: &[Vec<LabeledPair>],
    extras: TrainExtras,
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
    let (candidate_cache, candidate_dev) = match &extras.candidates {
        Some(sets) => {
            let (train, dev) = cache_candidates(base, sets, cfg.mode, frozen, log)?;
            (Some(train), Some((dev, sets.dev_missed)))
        }
        None => (None, None),
    };
    let Trainable { bert, head, named } =
        trainable_model(base, frozen, candidate_cache.is_some(), &mut rng)?;
    if let Some(init) = &extras.init {
        start_from(&named, init)?;
    }
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
        candidate_cache,
        bert,
        head,
        opt,
        frozen,
        warmup: ((total_steps as f64) * cfg.warmup_fraction).max(1.0),
        total_steps,
    };
    let dev = DevData {
        sets: dev_sets,
        cache: dev_cache,
        candidates: candidate_dev,
    };
    let mut best: Option<(f64, TrainedStance)> = None;
    let mut step = 0usize;
    for epoch in 1..=cfg.epochs {
        let started = Instant::now();
        let loss = run.epoch(epoch, &mut step, &mut rng, log)?;
        let (scores, relevance) = dev.score(&run)?;
        log(epoch_line(
            epoch, cfg.epochs, loss, &scores, relevance, started,
        ));
        let mean_f1 = StanceScores::mean_macro_f1(&scores);
        let score = relevance.map_or(mean_f1, |r| (mean_f1 + r.f1) / 2.0);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            let snapshot = named
                .iter()
                .map(|(n, v)| Ok((n.clone(), v.as_tensor().copy()?)))
                .collect::<Result<_>>()?;
            let trained = TrainedStance {
                tensors: snapshot,
                dev_scores: scores,
                dev_macro_f1: mean_f1,
                dev_relevance: relevance,
                best_epoch: epoch,
            };
            best = Some((score, trained));
        } else if best
            .as_ref()
            .is_some_and(|(_, b)| epoch - b.best_epoch >= cfg.patience)
        {
            log(format!(
                "early stop: no dev improvement for {} epochs",
                cfg.patience
            ));
            break;
        }
    }
    best.map(|(_, b)| b).context("no epoch ran")
}

/// The frozen caches of the train and dev target candidates.
fn cache_candidates(
    base: &Encoder,
    sets: &CandidateSets,
    mode: super::inputs::InputMode,
    frozen: usize,
    log: &mut dyn FnMut(String),
) -> Result<(FrozenCache, FrozenCache)> {
    log(format!(
        "caching {} train and {} dev target candidates",
        sets.train.len(),
        sets.dev.len()
    ));
    let train = build_candidate_cache(base, &sets.train, mode, frozen, log)?;
    let dev = build_candidate_cache(base, &sets.dev, mode, frozen, log)?;
    Ok((train, dev))
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
