//! The analyst's key on annotated articles: who speaks for which party, toward which
//! party, in what tone. A dyad table is built from (speaker_party, target, label)
//! triples, so a triple counts only when all three come out right.

use super::attribution::match_statements;
use super::stance::{party_key as norm, same_party as same_name};
use crate::record::Statement;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Counts accumulated over articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DyadCounts {
    /// Gold (speaker_party, target, label) triples: stances of gold statements whose
    /// speaker has a party.
    pub gold_dyads: usize,
    /// Gold triples whose statement is found with the same speaker_party, and a stance
    /// toward the same target with the same label.
    pub dyads_correct: usize,
    /// Matched statements (as in attribution scoring).
    pub matched: usize,
    /// Matched statements whose speaker_party is the gold one (both none counts).
    pub speaker_party_correct: usize,
    /// Gold (statement, target) pairs of matched statements.
    pub gold_targets: usize,
    /// Predicted (statement, target) pairs of matched statements.
    pub predicted_targets: usize,
    /// Targets in both.
    pub targets_found: usize,
}

/// The figures reported by `eval` (`dyads.*` in its JSON).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DyadScores {
    /// Share of gold triples that come out whole.
    pub accuracy: f64,
    /// Share of matched statements with the right speaker_party.
    pub speaker_party_accuracy: f64,
    /// Over matched statements: share of gold targets among the predicted ones.
    pub target_recall: f64,
    /// Over matched statements: share of predicted targets that are gold.
    pub target_precision: f64,
    #[serde(flatten)]
    pub counts: DyadCounts,
}

impl DyadCounts {
    /// Add the statements of one article.
    pub fn add_article(&mut self, gold: &[Statement], predicted: &[Statement]) {
        let matched: HashMap<usize, usize> =
            match_statements(gold, predicted).into_iter().collect();
        self.matched += matched.len();
        for (g, statement) in gold.iter().enumerate() {
            let found = matched.get(&g).map(|&p| &predicted[p]);
            let party_right = found.is_some_and(|p| {
                same_name_opt(
                    p.speaker_party.as_deref(),
                    statement.speaker_party.as_deref(),
                )
            });
            if found.is_some() && party_right {
                self.speaker_party_correct += 1;
            }
            if statement.speaker_party.is_some() {
                self.gold_dyads += statement.stances.len();
                if party_right && let Some(p) = found {
                    self.dyads_correct += statement
                        .stances
                        .iter()
                        .filter(|g| {
                            p.stances
                                .iter()
                                .any(|s| s.label == g.label && same_name(&s.target, &g.target))
                        })
                        .count();
                }
            }
            if let Some(p) = found {
                self.add_targets(statement, p);
            }
        }
    }

    fn add_targets(&mut self, gold: &Statement, predicted: &Statement) {
        let gold_targets: HashSet<String> = gold.stances.iter().map(|s| norm(&s.target)).collect();
        let predicted_targets: HashSet<String> = predicted_target_names(predicted);
        self.gold_targets += gold_targets.len();
        self.predicted_targets += predicted_targets.len();
        self.targets_found += gold_targets.intersection(&predicted_targets).count();
    }

    /// Add the counts of another set of articles.
    pub fn merge(&mut self, other: &DyadCounts) {
        self.gold_dyads += other.gold_dyads;
        self.dyads_correct += other.dyads_correct;
        self.matched += other.matched;
        self.speaker_party_correct += other.speaker_party_correct;
        self.gold_targets += other.gold_targets;
        self.predicted_targets += other.predicted_targets;
        self.targets_found += other.targets_found;
    }

    /// The scores (0 where undefined).
    pub fn scores(&self) -> DyadScores {
        DyadScores {
            accuracy: ratio(self.dyads_correct, self.gold_dyads),
            speaker_party_accuracy: ratio(self.speaker_party_correct, self.matched),
            target_recall: ratio(self.targets_found, self.gold_targets),
            target_precision: ratio(self.targets_found, self.predicted_targets),
            counts: *self,
        }
    }
}

/// The parties a predicted statement is about: its stances, else its `targets`.
fn predicted_target_names(statement: &Statement) -> HashSet<String> {
    let mut names: HashSet<String> = statement.stances.iter().map(|s| norm(&s.target)).collect();
    names.extend(statement.targets.iter().map(|t| norm(t)));
    names
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

fn same_name_opt(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_name(a, b),
        (None, None) => true,
        _ => false,
    }
}
