//! Prior correction for balanced training: a bias on the neutral logit, chosen on
//! the dev data.
//!
//! Balanced sampling trains the head as if every label were equally common, but in
//! news most (statement, party) pairs are neutral, so the raw model says `neutral`
//! too rarely. Adding a constant to the neutral logit shifts that prior back; the
//! constant is the one that maximizes dev macro-F1 (ties go to the smaller shift).

use super::metrics::StanceScores;
use crate::record::{StanceLabel, StanceProbs};

/// The shifts tried, in logit units.
pub const NEUTRAL_BIAS_GRID: [f32; 9] = [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

/// The chosen shift and the dev macro-F1 before and after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    pub neutral_bias: f32,
    pub macro_f1_before: f64,
    pub macro_f1_after: f64,
}

/// `probs` with `bias` (per label, in logit units) added before the softmax.
pub fn shift(probs: &StanceProbs, bias: [f32; 3]) -> StanceProbs {
    let p = probs.to_array();
    let logits: Vec<f32> = p
        .iter()
        .zip(bias)
        .map(|(p, b)| p.max(1e-12).ln() + b)
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
        macro_f1_before: before,
        macro_f1_after: best_f1,
    }
}
