//! Scoring the stance classifier on labeled pair files.

use super::data::LabeledPair;
use super::metrics::StanceScores;
use super::model::StanceModel;
use crate::record::{StanceLabel, StanceProbs};
use anyhow::Result;
use serde::Serialize;

/// One scored pair, as written by `eval --predictions`.
#[derive(Debug, Clone, Serialize)]
pub struct PairPrediction {
    pub id: String,
    pub label: StanceLabel,
    pub probs: StanceProbs,
    /// The gold label, for convenience.
    pub gold: StanceLabel,
}

impl PairPrediction {
    /// The model's reading of `pair`: its label is the most probable one.
    pub fn new(pair: &LabeledPair, probs: StanceProbs) -> Self {
        PairPrediction {
            id: pair.id.clone(),
            label: probs.argmax().0,
            probs,
            gold: pair.label,
        }
    }
}

/// The scores of one pair file, beside the majority-class baseline.
#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    #[serde(flatten)]
    pub scores: StanceScores,
    pub baseline: StanceScores,
}

/// Predict every pair (in batches) and score the predictions.
pub fn evaluate_pairs(
    model: &StanceModel,
    pairs: &[LabeledPair],
    batch_size: usize,
) -> Result<(PairReport, Vec<PairPrediction>)> {
    let inputs: Vec<_> = pairs.iter().map(|p| &p.input).collect();
    let probs = model.predict(&inputs, batch_size)?;
    let predictions: Vec<PairPrediction> = pairs
        .iter()
        .zip(probs)
        .map(|(pair, probs)| PairPrediction::new(pair, probs))
        .collect();
    let gold: Vec<StanceLabel> = pairs.iter().map(|p| p.label).collect();
    let predicted: Vec<StanceLabel> = predictions.iter().map(|p| p.label).collect();
    let report = PairReport {
        scores: StanceScores::compute(&gold, &predicted),
        baseline: StanceScores::majority_baseline(&gold),
    };
    Ok((report, predictions))
}
