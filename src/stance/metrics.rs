//! Stance scores: accuracy, macro-F1, per-class figures and the confusion matrix.

use crate::record::StanceLabel;
use serde::Serialize;
use std::collections::BTreeMap;

/// Precision, recall, F1 and support of one label.
#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct ClassScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// Scores of a set of predictions against gold labels.
#[derive(Debug, Clone, Serialize)]
pub struct StanceScores {
    pub count: usize,
    pub accuracy: f64,
    /// Mean F1 over the labels present in the gold data.
    pub macro_f1: f64,
    pub per_class: BTreeMap<String, ClassScores>,
    /// `confusion[gold][predicted]`, labels in hostile, conciliatory, neutral order.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    /// Gold pairs with no prediction at all (end-to-end scoring only).
    #[serde(skip_serializing_if = "is_zero")]
    pub missing: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl StanceScores {
    /// The mean macro-F1 of several scored sets: each set weighs the same, whatever its size.
    pub fn mean_macro_f1(scores: &[StanceScores]) -> f64 {
        scores.iter().map(|s| s.macro_f1).sum::<f64>() / scores.len().max(1) as f64
    }

    /// Score `predicted` against `gold` (same order).
    pub fn compute(gold: &[StanceLabel], predicted: &[StanceLabel]) -> Self {
        let predicted: Vec<Option<StanceLabel>> = predicted.iter().copied().map(Some).collect();
        Self::compute_with_missing(gold, &predicted)
    }

    /// Like [`StanceScores::compute`], where `None` is a gold pair the system never
    /// produced: it counts against recall and accuracy, and is no prediction of any label.
    pub fn compute_with_missing(gold: &[StanceLabel], predicted: &[Option<StanceLabel>]) -> Self {
        let mut m = [[0usize; 3]; 3];
        let mut missed = [0usize; 3];
        for (g, p) in gold.iter().zip(predicted) {
            match p {
                Some(p) => m[g.index()][p.index()] += 1,
                None => missed[g.index()] += 1,
            }
        }
        let count = gold.len().min(predicted.len());
        let correct: usize = (0..3).map(|i| m[i][i]).sum();
        let mut per_class = BTreeMap::new();
        let mut f1_sum = 0.0;
        let mut present = 0;
        for label in StanceLabel::ALL {
            let i = label.index();
            let support: usize = m[i].iter().sum::<usize>() + missed[i];
            let predicted_n: usize = (0..3).map(|g| m[g][i]).sum();
            let precision = ratio(m[i][i], predicted_n);
            let recall = ratio(m[i][i], support);
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            if support > 0 {
                f1_sum += f1;
                present += 1;
            }
            per_class.insert(
                label.to_string(),
                ClassScores {
                    precision,
                    recall,
                    f1,
                    support,
                },
            );
        }
        let confusion = StanceLabel::ALL
            .iter()
            .map(|g| {
                let row = StanceLabel::ALL
                    .iter()
                    .map(|p| (p.to_string(), m[g.index()][p.index()]))
                    .collect();
                (g.to_string(), row)
            })
            .collect();
        StanceScores {
            count,
            accuracy: ratio(correct, count),
            macro_f1: if present > 0 {
                f1_sum / present as f64
            } else {
                0.0
            },
            per_class,
            confusion,
            missing: missed.iter().sum(),
        }
    }

    /// Scores of always predicting the most frequent gold label.
    pub fn majority_baseline(gold: &[StanceLabel]) -> Self {
        let mut counts = [0usize; 3];
        for g in gold {
            counts[g.index()] += 1;
        }
        let best = (0..3).max_by_key(|&i| counts[i]).unwrap_or(2);
        let label = StanceLabel::ALL[best];
        Self::compute(gold, &vec![label; gold.len()])
    }

    /// A readable multi-line report.
    pub fn render(&self, baseline: Option<&StanceScores>) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "pairs {}  accuracy {:.3}  macro-F1 {:.3}",
            self.count, self.accuracy, self.macro_f1
        ));
        if self.missing > 0 {
            out.push_str(&format!(
                "  ({} gold pairs not found, counted wrong)",
                self.missing
            ));
        }
        if let Some(b) = baseline {
            out.push_str(&format!(
                "  (majority baseline: accuracy {:.3}, macro-F1 {:.3})",
                b.accuracy, b.macro_f1
            ));
        }
        out.push_str("\n\n  label          precision  recall     F1  support\n");
        for label in StanceLabel::ALL {
            let c = &self.per_class[label.as_str()];
            out.push_str(&format!(
                "  {:<13} {:>10.3} {:>7.3} {:>6.3} {:>8}\n",
                label.as_str(),
                c.precision,
                c.recall,
                c.f1,
                c.support
            ));
        }
        out.push_str("\n  confusion (rows gold, columns predicted)\n  gold \\ pred     hostile  concil.  neutral\n");
        for g in StanceLabel::ALL {
            let row = &self.confusion[g.as_str()];
            out.push_str(&format!(
                "  {:<13} {:>8} {:>8} {:>8}\n",
                g.as_str(),
                row["hostile"],
                row["conciliatory"],
                row["neutral"]
            ));
        }
        out
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}
