//! Prior correction for balanced training: a bias on the neutral logit, chosen on
//! the dev data.
//!
//! Balanced sampling trains the head as if every label were equally common, but in
//! news most (statement, party) pairs are neutral, so the raw model says `neutral`
//! too rarely. Adding a constant to the neutral logit shifts that prior back; the
//! constant is the one that maximizes dev macro-F1 (ties go to the smaller shift).
//!
//! Then a temperature: the shifted logits are divided by the one that minimises the
//! dev sets' mean negative log-likelihood, so that a label given with probability 0.8
//! is right about 80% of the time. It never changes which label wins.

use super::data::LabeledPair;
use super::metrics::StanceScores;
use super::store::{self, StanceLocation};
use crate::encoder::Backend;
use crate::record::{StanceLabel, StanceProbs};
use anyhow::{Result, ensure};
use std::path::Path;

/// The temperatures tried: 0.50, 0.55, ... 3.00.
fn temperature_grid() -> impl Iterator<Item = f32> {
    (10..=60).map(|k| k as f32 * 0.05)
}

/// The shifts tried, in logit units.
pub const NEUTRAL_BIAS_GRID: [f32; 9] = [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

/// The chosen shift and the dev macro-F1 before and after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    pub neutral_bias: f32,
    /// The logits are divided by it (1 leaves the probabilities as they are).
    pub temperature: f32,
    pub macro_f1_before: f64,
    pub macro_f1_after: f64,
}

/// `probs` with `bias` (per label, in logit units) added before the softmax.
pub fn shift(probs: &StanceProbs, bias: [f32; 3]) -> StanceProbs {
    scale(probs, bias, 1.0)
}

/// `probs` with `bias` added to the logits and the result divided by `temperature`.
pub fn scale(probs: &StanceProbs, bias: [f32; 3], temperature: f32) -> StanceProbs {
    let p = probs.to_array();
    let logits: Vec<f32> = p
        .iter()
        .zip(bias)
        .map(|(p, b)| (p.max(1e-12).ln() + b) / temperature)
        .collect();
    let max = logits.iter().cloned().fold(f32::MIN, f32::max);
    let exp: Vec<f32> = logits.iter().map(|l| (l - max).exp()).collect();
    let sum: f32 = exp.iter().sum();
    StanceProbs::from_array([exp[0] / sum, exp[1] / sum, exp[2] / sum])
}

/// Pick the neutral shift that maximizes macro-F1 of `probs` against `gold`.
pub fn neutral_bias(probs: &[StanceProbs], gold: &[StanceLabel]) -> Calibration {
    neutral_bias_over(&[(probs, gold)])
}

/// Pick the neutral shift that maximizes the mean macro-F1 over several dev sets
/// (`(probs, gold)` each), so that a small set of one domain counts as much as a
/// large set of another.
pub fn neutral_bias_over(sets: &[(&[StanceProbs], &[StanceLabel])]) -> Calibration {
    let f1_with = |bias: f32| {
        let scores: Vec<StanceScores> = sets
            .iter()
            .map(|(probs, gold)| {
                let predicted: Vec<StanceLabel> = probs
                    .iter()
                    .map(|p| shift(p, [0.0, 0.0, bias]).argmax().0)
                    .collect();
                StanceScores::compute(gold, &predicted)
            })
            .collect();
        StanceScores::mean_macro_f1(&scores)
    };
    let before = f1_with(0.0);
    let (mut best_bias, mut best_f1) = (0.0, before);
    for bias in NEUTRAL_BIAS_GRID {
        let f1 = f1_with(bias);
        if f1 > best_f1 + 1e-9 {
            (best_bias, best_f1) = (bias, f1);
        }
    }
    Calibration {
        neutral_bias: best_bias,
        temperature: 1.0,
        macro_f1_before: before,
        macro_f1_after: best_f1,
    }
}

/// The temperature that minimises the mean (over sets) negative log-likelihood of the
/// gold labels once `bias` is added to the logits.
pub fn temperature_over(sets: &[(&[StanceProbs], &[StanceLabel])], bias: [f32; 3]) -> f32 {
    let nll_with = |temperature: f32| {
        let per_set: Vec<f64> = sets
            .iter()
            .filter(|(probs, _)| !probs.is_empty())
            .map(|(probs, gold)| {
                let total: f64 = probs
                    .iter()
                    .zip(gold.iter())
                    .map(|(p, &g)| {
                        let q = scale(p, bias, temperature).to_array()[g as usize];
                        -f64::from(q.max(1e-12)).ln()
                    })
                    .sum();
                total / probs.len() as f64
            })
            .collect();
        per_set.iter().sum::<f64>() / per_set.len().max(1) as f64
    };
    let mut best = (1.0, nll_with(1.0));
    for t in temperature_grid() {
        let nll = nll_with(t);
        if nll < best.1 - 1e-9 {
            best = (t, nll);
        }
    }
    best.0
}

/// Choose the neutral bias of the stance model in `dir` on the dev sets (best mean
/// macro-F1 over them, predicted on `backend`) and write it into its manifest, with
/// the score before and after. Refused when a dev set is empty: the bias in the
/// manifest is never reset on nothing.
pub fn calibrate_stance_dir(
    dir: &Path,
    dev_sets: &[Vec<LabeledPair>],
    model_dir: Option<&Path>,
    backend: Backend,
) -> Result<Calibration> {
    ensure!(
        !dev_sets.is_empty() && dev_sets.iter().all(|s| !s.is_empty()),
        "no dev pairs to calibrate {} on; its bias stays as it is",
        dir.display()
    );
    let mut model = store::load_stance_model(model_dir, &StanceLocation::dir(dir), backend)?;
    model.logit_bias = [0.0; 3];
    model.temperature = 1.0;
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
    let mut found = neutral_bias_over(&views);
    found.temperature = temperature_over(&views, [0.0, 0.0, found.neutral_bias]);
    let mut manifest = store::read_manifest(dir)?;
    manifest.logit_bias = [0.0, 0.0, found.neutral_bias];
    manifest.temperature = found.temperature;
    if !manifest.dev_metrics.is_object() {
        manifest.dev_metrics = serde_json::json!({});
    }
    manifest.dev_metrics["neutral_bias"] = serde_json::json!(found.neutral_bias);
    manifest.dev_metrics["temperature"] = serde_json::json!(found.temperature);
    manifest.dev_metrics["macro_f1_uncalibrated"] = serde_json::json!(found.macro_f1_before);
    manifest.dev_metrics["macro_f1_calibrated"] = serde_json::json!(found.macro_f1_after);
    manifest.write(dir)?;
    Ok(found)
}
