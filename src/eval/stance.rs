//! End-to-end stance scoring on annotated articles: a gold (statement, target)
//! whose statement or target the system did not find counts as wrong.

use super::attribution::match_statements;
use crate::record::{StanceLabel, StanceProbs, Statement};
use crate::stance::metrics::StanceScores;
use serde::Serialize;

/// Gold labels and the system's labels (None when not found), pair by pair.
#[derive(Debug, Default, Clone)]
pub struct EndToEndPairs {
    pub gold: Vec<StanceLabel>,
    pub predicted: Vec<Option<StanceLabel>>,
}

impl EndToEndPairs {
    /// Add one article: statements are matched as in attribution scoring, then targets by name.
    pub fn add_article(&mut self, gold: &[Statement], predicted: &[Statement]) {
        let matched: std::collections::HashMap<usize, usize> =
            match_statements(gold, predicted).into_iter().collect();
        for (g, statement) in gold.iter().enumerate() {
            for stance in &statement.stances {
                let label = matched.get(&g).and_then(|&p| {
                    predicted[p]
                        .stances
                        .iter()
                        .find(|s| same_party(&s.target, &stance.target))
                        .map(|s| s.label)
                });
                self.gold.push(stance.label);
                self.predicted.push(label);
            }
        }
    }
}

impl EndToEndPairs {
    /// Add the pairs of another set of articles.
    pub(crate) fn merge(&mut self, other: &EndToEndPairs) {
        self.gold.extend_from_slice(&other.gold);
        self.predicted.extend_from_slice(&other.predicted);
    }

    /// The scores, or None when no gold article had stances.
    pub fn scores(&self) -> Option<StanceScores> {
        (!self.gold.is_empty())
            .then(|| StanceScores::compute_with_missing(&self.gold, &self.predicted))
    }
}

/// Party names agree ignoring case and a leading "the".
pub(super) fn same_party(a: &str, b: &str) -> bool {
    party_key(a) == party_key(b)
}

/// A party name without case and a leading "the", for comparing names.
pub(crate) fn party_key(name: &str) -> String {
    let name = name.trim().to_lowercase();
    name.strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(name)
}

/// Stance given the gold statements and targets: the model run on each gold pair, so
/// the figure is the model's alone, not attribution's or the party finder's.
#[derive(Debug, Default, Clone)]
pub struct GivenGoldPairs {
    pub gold: Vec<StanceLabel>,
    pub probs: Vec<StanceProbs>,
}

/// The figures of [`GivenGoldPairs`] (`stance_given_gold.*` in `eval --json`).
#[derive(Debug, Clone, Serialize)]
pub struct GivenGoldScores {
    #[serde(flatten)]
    pub scores: StanceScores,
    /// Expected calibration error of the predicted label's probability (10 equal bins).
    pub expected_calibration_error: f64,
}

impl GivenGoldPairs {
    /// Add the pairs of another set of articles.
    pub fn merge(&mut self, other: &GivenGoldPairs) {
        self.gold.extend_from_slice(&other.gold);
        self.probs.extend_from_slice(&other.probs);
    }

    /// The scores, or None when there were no gold pairs.
    pub fn scores(&self) -> Option<GivenGoldScores> {
        if self.gold.is_empty() {
            return None;
        }
        let predicted: Vec<StanceLabel> = self.probs.iter().map(|p| p.argmax().0).collect();
        Some(GivenGoldScores {
            scores: StanceScores::compute(&self.gold, &predicted),
            expected_calibration_error: expected_calibration_error(&self.gold, &self.probs, 10),
        })
    }
}

/// How far the predicted label's probability is from its accuracy: predictions are put in
/// `bins` equal bins of that probability, and the gaps between each bin's mean
/// probability and its accuracy are averaged, weighted by the bin's size.
pub fn expected_calibration_error(gold: &[StanceLabel], probs: &[StanceProbs], bins: usize) -> f64 {
    let bins = bins.max(1);
    let mut count = vec![0usize; bins];
    let mut confidence = vec![0f64; bins];
    let mut correct = vec![0f64; bins];
    for (g, p) in gold.iter().zip(probs) {
        let (label, prob) = p.argmax();
        let prob = f64::from(prob).clamp(0.0, 1.0);
        let b = ((prob * bins as f64) as usize).min(bins - 1);
        count[b] += 1;
        confidence[b] += prob;
        correct[b] += f64::from(u8::from(label == *g));
    }
    let total = count.iter().sum::<usize>().max(1) as f64;
    (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| (confidence[b] - correct[b]).abs() / total)
        .sum()
}
