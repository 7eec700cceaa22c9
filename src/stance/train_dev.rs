//! Judging each epoch of a stance training run on the dev data.

use super::data::LabeledPair;
use super::frozen::{FrozenCache, predict_cached};
use super::metrics::StanceScores;
use super::relevance::{RelevanceScores, predict_relevance_cached};
use super::train::Run;
use crate::record::StanceLabel;
use anyhow::Result;
use std::time::Instant;

/// What each epoch is judged on: the dev pair sets (end to end in `cache`) and the dev
/// target candidates with the gold targets they miss.
pub(super) struct DevData<'a> {
    pub(super) sets: &'a [Vec<LabeledPair>],
    pub(super) cache: FrozenCache,
    pub(super) candidates: Option<(FrozenCache, usize)>,
}

impl DevData<'_> {
    /// The stance scores of each dev set, and the relevance scores at the best threshold.
    pub(super) fn score(&self, run: &Run) -> Result<(Vec<StanceScores>, Option<RelevanceScores>)> {
        let predicted = predict_cached(&run.bert, &run.head, &self.cache, run.frozen)?;
        let gold: Vec<StanceLabel> = self.cache.examples.iter().map(|e| e.label).collect();
        let scores = score_dev_sets(self.sets, &gold, &predicted);
        let relevance = match &self.candidates {
            Some((cache, missed)) => {
                let p = predict_relevance_cached(&run.bert, &run.head, cache, run.frozen)?;
                let gold: Vec<bool> = cache.examples.iter().map(|e| e.is_target).collect();
                Some(RelevanceScores::best(&p, &gold, *missed))
            }
            None => None,
        };
        Ok((scores, relevance))
    }
}

/// The log line of an epoch.
pub(super) fn epoch_line(
    epoch: usize,
    epochs: usize,
    loss: f64,
    scores: &[StanceScores],
    relevance: Option<RelevanceScores>,
    started: Instant,
) -> String {
    let each: Vec<String> = scores
        .iter()
        .map(|s| format!("{:.4}", s.macro_f1))
        .collect();
    let relevance = relevance.map_or(String::new(), |r| {
        format!(
            "  relevance F1 {:.4} (P {:.4} R {:.4} at {:.2})",
            r.f1, r.precision, r.recall, r.threshold
        )
    });
    format!(
        "epoch {epoch}/{epochs}  loss {loss:.4}  dev macro-F1 {:.4} (per dev set {}){relevance}  ({:.0} s)",
        StanceScores::mean_macro_f1(scores),
        each.join(" "),
        started.elapsed().as_secs_f64()
    )
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
