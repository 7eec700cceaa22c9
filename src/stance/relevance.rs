//! The relevance output: whether a party the earlier stages offer is a target of the
//! statement at all. It shares the stance head's hidden layer, learns from the targets
//! offered for found statements of gold articles (a target when the gold lists it), and
//! drops a target whose relevance falls below a threshold chosen on dev articles.

use super::data::TargetCandidate;
use super::frozen::{FrozenCache, forward_features};
use super::model::{StanceHead, StanceModel, sigmoid};
use super::store::{self, StanceLocation};
use crate::encoder::Backend;
use crate::encoder::bert::{Bert, Mode};
use anyhow::{Context, Result, ensure};
use candle_core::{D, Tensor};
use serde::Serialize;
use std::path::Path;

/// Mean cross-entropy of the relevance logits (n, 1) of a batch of candidates: the
/// two-class softmax over logits `[0, z]`, so `sigmoid(z)` is P(target).
pub(super) fn relevance_loss(
    logits: &Tensor,
    batch: &[usize],
    cache: &FrozenCache,
) -> Result<Tensor> {
    let device = logits.device();
    let two = Tensor::cat(&[logits.zeros_like()?, logits.clone()], D::Minus1)?;
    let labels: Vec<u32> = batch
        .iter()
        .map(|&e| u32::from(cache.examples[e].is_target))
        .collect();
    let labels = Tensor::from_vec(labels, (batch.len(), 1), device)?;
    let logp = candle_nn::ops::log_softmax(&two, D::Minus1)?
        .gather(&labels, 1)?
        .squeeze(1)?;
    Ok(logp.mean_all()?.neg()?)
}

/// P(target) of every cached candidate.
pub(super) fn predict_relevance_cached(
    bert: &Bert,
    head: &StanceHead,
    cache: &FrozenCache,
    frozen: usize,
) -> Result<Vec<f32>> {
    let mut out = vec![0f32; cache.examples.len()];
    let order: Vec<usize> = (0..cache.examples.len()).collect();
    for chunk in order.chunks(64) {
        let features = forward_features(bert, cache, chunk, frozen, Mode::Inference, None)?;
        let logits = head
            .relevance(&features)?
            .context("the head has no relevance output")?
            .squeeze(1)?
            .to_vec1::<f32>()?;
        for (&e, z) in chunk.iter().zip(logits) {
            out[e] = sigmoid(z);
        }
    }
    Ok(out)
}

/// Target precision, recall and F1 over candidates kept at a threshold, as `eval`
/// counts them: recall over every gold target of the found statements, the `missed`
/// ones that were never offered included.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RelevanceScores {
    pub threshold: f32,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl RelevanceScores {
    /// The scores of keeping the candidates whose relevance is at least `threshold`.
    pub fn at(threshold: f32, relevance: &[f32], is_target: &[bool], missed: usize) -> Self {
        let kept = relevance.iter().filter(|&&r| r >= threshold).count();
        let right = relevance
            .iter()
            .zip(is_target)
            .filter(|&(&r, &t)| t && r >= threshold)
            .count();
        let gold = is_target.iter().filter(|&&t| t).count() + missed;
        let precision = if kept == 0 {
            0.0
        } else {
            right as f64 / kept as f64
        };
        let recall = if gold == 0 {
            0.0
        } else {
            right as f64 / gold as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        RelevanceScores {
            threshold,
            precision,
            recall,
            f1,
        }
    }

    /// The threshold in steps of 0.01 from 0 to 0.99 with the best F1 (the lowest
    /// of equals, so as few targets as possible are dropped).
    pub fn best(relevance: &[f32], is_target: &[bool], missed: usize) -> Self {
        let mut best = RelevanceScores::at(0.0, relevance, is_target, missed);
        for step in 1..100 {
            let scores = RelevanceScores::at(step as f32 / 100.0, relevance, is_target, missed);
            if scores.f1 > best.f1 {
                best = scores;
            }
        }
        best
    }
}

/// Choose the relevance threshold of the stance model in `dir` on dev target candidates
/// (best target F1, predicted on `backend`) and write it into its manifest. Refused for
/// a model without the relevance output, or with no candidate to choose on.
pub fn choose_threshold_dir(
    dir: &Path,
    candidates: &[TargetCandidate],
    missed: usize,
    model_dir: Option<&Path>,
    backend: Backend,
) -> Result<RelevanceScores> {
    ensure!(
        !candidates.is_empty(),
        "no dev target candidates to choose the relevance threshold of {} on",
        dir.display()
    );
    let model = store::load_stance_model(model_dir, &StanceLocation::dir(dir), backend)?;
    ensure!(
        model.head.has_relevance(),
        "{} has no relevance output: train it with --targets-from",
        dir.display()
    );
    let inputs: Vec<_> = candidates.iter().map(|c| &c.input).collect();
    let relevance: Vec<f32> = model
        .score(&inputs, 32)?
        .into_iter()
        .map(|s| s.relevance.unwrap_or(1.0))
        .collect();
    let gold: Vec<bool> = candidates.iter().map(|c| c.is_target).collect();
    let kept_all = RelevanceScores::at(0.0, &relevance, &gold, missed);
    let best = RelevanceScores::best(&relevance, &gold, missed);
    let mut manifest = store::read_manifest(dir)?;
    manifest.relevance_threshold = Some(best.threshold);
    if !manifest.dev_metrics.is_object() {
        manifest.dev_metrics = serde_json::json!({});
    }
    manifest.dev_metrics["relevance_all_kept"] = serde_json::to_value(kept_all)?;
    manifest.dev_metrics["relevance"] = serde_json::to_value(best)?;
    manifest.write(dir)?;
    Ok(best)
}

/// Which relevance threshold a run applies: the one chosen on dev and stored in the
/// model's manifest, or a probability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RelevanceThreshold {
    Dev,
    Value(f32),
}

impl std::str::FromStr for RelevanceThreshold {
    type Err = String;

    /// `dev`, or a probability from 0 to 1.
    fn from_str(value: &str) -> Result<Self, String> {
        if value == "dev" {
            return Ok(RelevanceThreshold::Dev);
        }
        match value.parse::<f32>() {
            Ok(p) if (0.0..=1.0).contains(&p) => Ok(RelevanceThreshold::Value(p)),
            _ => Err(format!(
                "expected a probability from 0 to 1 or `dev`, not {value:?}"
            )),
        }
    }
}

impl StanceModel {
    /// Drop, from now on, the targets the relevance output rates below `threshold`;
    /// refused for a model without the output, or `Dev` without a threshold in the
    /// manifest.
    pub fn apply_relevance_threshold(&mut self, threshold: RelevanceThreshold) -> Result<()> {
        ensure!(
            self.head.has_relevance(),
            "the stance model has no relevance output (train it with `stancemap train \
             --targets-from`)"
        );
        self.relevance_threshold = Some(match threshold {
            RelevanceThreshold::Value(p) => p,
            RelevanceThreshold::Dev => self.relevance_dev_threshold.context(
                "the stance model's manifest holds no relevance threshold (choose one with \
                 `stancemap model relevance`)",
            )?,
        });
        Ok(())
    }
}
