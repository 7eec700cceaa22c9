//! End-to-end stance scoring on annotated articles: a gold (statement, target)
//! whose statement or target the system did not find counts as wrong.

use super::attribution::match_statements;
use crate::record::{StanceLabel, Statement};
use crate::stance::metrics::StanceScores;

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
pub(super) fn party_key(name: &str) -> String {
    let name = name.trim().to_lowercase();
    name.strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(name)
}
