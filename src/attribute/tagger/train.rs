//! Training the tagger on the CPU: the bottom layers stay frozen and cached
//! ([`super::cache`]); AdamW trains the top layers and the head, with linear warm-up
//! and decay. All randomness comes from one seeded generator, so a rerun gives the
//! same weights. After each epoch the weights are scored on the dev articles (the
//! tagger alone, attribution F1) and handed to `checkpoint`, so a stopped run loses at
//! most one epoch and can go on from the last one saved (`init`).

use super::cache::{Cutter, Example, build_examples, forward_batch, score_dev, tag_loss};
use super::model::{HEAD_TENSORS, load_head};
use crate::attribute::CueLexicon;
use crate::encoder::Encoder;
use crate::encoder::bert::{Bert, Mode};
use crate::eval::attribution::AttributionScores;
use crate::record::Article;
use crate::stance::rng::SplitMix;
use crate::stance::train::{check_schedule, learning_rate_at, seed_head};
use anyhow::{Context, Result, ensure};
use candle_core::{DType, Tensor, Var};
use candle_nn::{AdamW, Linear, Optimizer, ParamsAdamW, VarBuilder, VarMap};
use serde::Serialize;
use std::collections::HashMap;
use std::time::Instant;

/// Hyper-parameters of a tagger training run.
#[derive(Debug, Clone, Serialize)]
pub struct TaggerTrainConfig {
    pub trained_layers: usize,
    pub epochs: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    pub warmup_fraction: f64,
    /// Windows drawn per epoch (a seeded sample; 0: every window once).
    pub epoch_windows: usize,
    pub seed: u64,
}

impl TaggerTrainConfig {
    /// Fail on settings that cannot train a model.
    pub fn validate(&self) -> Result<()> {
        check_schedule(
            self.learning_rate,
            self.weight_decay,
            self.warmup_fraction,
            self.epochs,
            self.batch_size,
        )?;
        ensure!(self.trained_layers > 0, "train at least one layer");
        Ok(())
    }
}

/// One epoch's outcome, as handed to the checkpoint callback.
pub struct EpochResult<'a> {
    pub epoch: usize,
    pub loss: f64,
    /// Scores of the tagger alone on each dev set.
    pub dev: Vec<AttributionScores>,
    /// Mean F1 over the dev sets.
    pub dev_f1: f64,
    pub best_so_far: bool,
    /// The trained tensors (top layers and head), by name.
    pub tensors: &'a HashMap<String, Tensor>,
}

/// The variables the optimiser updates, by name.
type NamedVars = Vec<(String, Var)>;

/// A trainable copy of the base encoder, a seeded head, and the variables trained.
fn trainable(
    base: &Encoder,
    frozen: usize,
    init: Option<&HashMap<String, Tensor>>,
    rng: &mut SplitMix,
) -> Result<(Bert, Linear, NamedVars)> {
    let device = base.device.clone();
    let vars = VarMap::new();
    let bert = Bert::load(
        VarBuilder::from_varmap(&vars, DType::F32, &device),
        &base.config,
    )?;
    let mut vars = vars;
    vars.load(base.files.weights())
        .context("cannot copy the base weights into the trainable encoder")?;
    let head_vars = VarMap::new();
    let head = load_head(
        VarBuilder::from_varmap(&head_vars, DType::F32, &device),
        base.config.hidden_size,
    )?;
    seed_head(&head_vars, rng)?;
    let prefixes: Vec<String> = (frozen..base.config.num_hidden_layers)
        .map(|i| format!("encoder.layer.{i}."))
        .collect();
    let poisoned = |_| anyhow::anyhow!("poisoned var map");
    let mut named: Vec<(String, Var)> = vars
        .data()
        .lock()
        .map_err(poisoned)?
        .iter()
        .filter(|(n, _)| prefixes.iter().any(|p| n.starts_with(p)))
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
    if let Some(init) = init {
        for (name, var) in &named {
            let t = init
                .get(name)
                .with_context(|| format!("the model to continue from lacks {name}"))?;
            var.set(&t.to_dtype(DType::F32)?)?;
        }
    }
    ensure!(
        HEAD_TENSORS
            .iter()
            .all(|h| named.iter().any(|(n, _)| n == h)),
        "the tag head was not created"
    );
    Ok((bert, head, named))
}

/// The batches of one epoch: a seeded sample of windows, grouped by length.
fn epoch_batches(
    examples: &[Example],
    cfg: &TaggerTrainConfig,
    rng: &mut SplitMix,
) -> Vec<Vec<usize>> {
    let mut chosen: Vec<usize> = (0..examples.len()).collect();
    rng.shuffle(&mut chosen);
    if cfg.epoch_windows > 0 {
        chosen.truncate(cfg.epoch_windows);
    }
    let mut batches = Vec::new();
    for group in chosen.chunks(cfg.batch_size * 16) {
        let mut group = group.to_vec();
        group.sort_by_key(|&e| examples[e].tags.len());
        batches.extend(group.chunks(cfg.batch_size).map(<[usize]>::to_vec));
    }
    rng.shuffle(&mut batches);
    batches
}

/// What an epoch's optimisation steps work on.
struct Steps<'a> {
    bert: &'a Bert,
    head: &'a Linear,
    opt: &'a mut AdamW,
    examples: &'a [Example],
    frozen: usize,
}

impl Steps<'_> {
    /// One step per batch; returns the summed loss.
    fn run(
        &mut self,
        batches: &[Vec<usize>],
        epoch: usize,
        step: &mut usize,
        rate: &dyn Fn(usize) -> f64,
        log: &mut dyn FnMut(String),
    ) -> Result<f64> {
        let started = Instant::now();
        let mut loss_sum = 0.0;
        for (b, batch) in batches.iter().enumerate() {
            *step += 1;
            self.opt.set_learning_rate(rate(*step));
            let (logits, _) = forward_batch(
                self.bert,
                self.head,
                self.examples,
                batch,
                self.frozen,
                Mode::Training,
            )?;
            let loss = tag_loss(&logits, self.examples, batch)?;
            let value = loss.to_scalar::<f32>()?;
            ensure!(
                value.is_finite(),
                "the loss became {value} at epoch {epoch}, step {}: lower the learning rate",
                b + 1
            );
            self.opt.backward_step(&loss)?;
            loss_sum += value as f64;
            if b % 50 == 49 {
                log(format!(
                    "  epoch {epoch} step {}/{} loss {:.4} ({:.0} s)",
                    b + 1,
                    batches.len(),
                    loss_sum / (b + 1) as f64,
                    started.elapsed().as_secs_f64()
                ));
            }
        }
        Ok(loss_sum)
    }
}

/// Train on `train` articles, scoring each epoch on each of `dev_sets`; `checkpoint`
/// receives every epoch's weights (it saves them). `init` continues from the trained
/// tensors of an earlier run.
#[allow(clippy::too_many_arguments)]
pub fn train(
    base: &Encoder,
    cutter: &Cutter,
    train: Vec<Article>,
    dev_sets: Vec<Vec<Article>>,
    cfg: &TaggerTrainConfig,
    init: Option<&HashMap<String, Tensor>>,
    log: &mut dyn FnMut(String),
    checkpoint: &mut dyn FnMut(&EpochResult) -> Result<()>,
) -> Result<()> {
    cfg.validate()?;
    let layers = base.config.num_hidden_layers;
    ensure!(
        cfg.trained_layers <= layers,
        "{} trained layers exceed the encoder's {layers}",
        cfg.trained_layers
    );
    let frozen = layers - cfg.trained_layers;
    let mut rng = SplitMix::new(cfg.seed);
    log(format!(
        "caching the frozen bottom {frozen} layers for {} train articles",
        train.len()
    ));
    let (examples, _) = build_examples(base, cutter, train, frozen, log)?;
    let mut dev_cached = Vec::new();
    for set in dev_sets {
        dev_cached.push(build_examples(base, cutter, set, frozen, log)?);
    }
    log(format!("{} train windows", examples.len()));
    let (bert, head, named) = trainable(base, frozen, init, &mut rng)?;
    let mut opt = AdamW::new(
        named.iter().map(|(_, v)| v.clone()).collect(),
        ParamsAdamW {
            lr: cfg.learning_rate,
            weight_decay: cfg.weight_decay,
            ..Default::default()
        },
    )?;
    let steps_per_epoch = epoch_batches(&examples, cfg, &mut SplitMix::new(cfg.seed)).len();
    let total = (steps_per_epoch * cfg.epochs).max(1);
    let warmup = (total as f64 * cfg.warmup_fraction).max(1.0);
    let cues = CueLexicon::builtin();
    let mut best = f64::NEG_INFINITY;
    let mut step = 0;
    for epoch in 1..=cfg.epochs {
        let started = Instant::now();
        let batches = epoch_batches(&examples, cfg, &mut rng);
        let mut model = Steps {
            bert: &bert,
            head: &head,
            opt: &mut opt,
            examples: &examples,
            frozen,
        };
        let loss_sum = model.run(
            &batches,
            epoch,
            &mut step,
            &|s| learning_rate_at(s, warmup, total, cfg.learning_rate),
            log,
        )?;
        let mut dev = Vec::new();
        for (ex, views) in &dev_cached {
            dev.push(score_dev(&bert, &head, ex, views, frozen, &cues)?.scores());
        }
        let dev_f1 = dev.iter().map(|s| s.f1).sum::<f64>() / dev.len().max(1) as f64;
        let tensors: HashMap<String, Tensor> = named
            .iter()
            .map(|(n, v)| Ok((n.clone(), v.as_tensor().copy()?)))
            .collect::<Result<_>>()?;
        let loss = loss_sum / batches.len().max(1) as f64;
        log(format!(
            "epoch {epoch}/{} loss {loss:.4} dev F1 {dev_f1:.4} ({}) ({:.0} s)",
            cfg.epochs,
            dev.iter()
                .map(|s| format!(
                    "F1 {:.4} exact {:.4} speaker {:.4}",
                    s.f1, s.exact_f1, s.speaker_accuracy
                ))
                .collect::<Vec<_>>()
                .join("; "),
            started.elapsed().as_secs_f64()
        ));
        let best_so_far = dev_f1 > best;
        best = best.max(dev_f1);
        checkpoint(&EpochResult {
            epoch,
            loss,
            dev,
            dev_f1,
            best_so_far,
            tensors: &tensors,
        })?;
    }
    Ok(())
}
