//! Attribution figures: statement precision, recall and F1 by content overlap,
//! exact-span F1, and speaker accuracy over matched statements.

use crate::record::{CharSpan, Statement};
use serde::Serialize;

/// Counts accumulated over articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AttributionCounts {
    /// Gold statements.
    pub gold: usize,
    /// Predicted statements.
    pub predicted: usize,
    /// One-to-one matches (overlap of at least half the gold span).
    pub matched: usize,
    /// One-to-one matches with the same start and end.
    pub exact: usize,
    /// Matched statements whose speaker is right.
    pub speaker_correct: usize,
}

/// The figures reported by `eval` (`attribution.*` in its JSON).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AttributionScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub exact_f1: f64,
    pub speaker_accuracy: f64,
    #[serde(flatten)]
    pub counts: AttributionCounts,
}

impl AttributionCounts {
    /// Add the statements of one article.
    pub fn add_article(&mut self, gold: &[Statement], predicted: &[Statement]) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        let pairs = match_statements(gold, predicted);
        self.matched += pairs.len();
        self.speaker_correct += pairs
            .iter()
            .filter(|&&(g, p)| speaker_agrees(&gold[g], &predicted[p]))
            .count();
        self.exact += exact_matches(gold, predicted);
    }

    /// Add the counts of another set of articles (pooling files without matching again).
    pub(crate) fn merge(&mut self, other: &AttributionCounts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.matched += other.matched;
        self.exact += other.exact;
        self.speaker_correct += other.speaker_correct;
    }

    /// Precision, recall, F1 and the rest from the counts (0 where undefined).
    pub fn scores(&self) -> AttributionScores {
        let precision = ratio(self.matched, self.predicted);
        let recall = ratio(self.matched, self.gold);
        let exact_p = ratio(self.exact, self.predicted);
        let exact_r = ratio(self.exact, self.gold);
        AttributionScores {
            precision,
            recall,
            f1: harmonic(precision, recall),
            exact_f1: harmonic(exact_p, exact_r),
            speaker_accuracy: ratio(self.speaker_correct, self.matched),
            counts: *self,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// One-to-one matches `(gold index, predicted index)`, greedy by overlap.
///
/// A pair qualifies when the content spans share at least half of the gold span.
pub fn match_statements(gold: &[Statement], predicted: &[Statement]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let gs = g.span();
        for (pi, p) in predicted.iter().enumerate() {
            let ps = p.span();
            let overlap = gs.overlap(&ps);
            if overlap > 0 && 2 * overlap >= gs.len() {
                let size_gap = gs.len().abs_diff(ps.len());
                candidates.push((std::cmp::Reverse(overlap), size_gap, gi, pi));
            }
        }
    }
    candidates.sort_unstable();
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (_, _, gi, pi) in candidates {
        if !gold_used[gi] && !pred_used[pi] {
            gold_used[gi] = true;
            pred_used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

/// Number of predicted statements with exactly the span of a distinct gold one.
fn exact_matches(gold: &[Statement], predicted: &[Statement]) -> usize {
    let mut remaining: Vec<CharSpan> = gold.iter().map(clause_span).collect();
    let mut count = 0;
    for p in predicted {
        if let Some(k) = remaining.iter().position(|g| *g == clause_span(p)) {
            remaining.swap_remove(k);
            count += 1;
        }
    }
    count
}

/// The content span without a leading complementizer `that `: the guide leaves it
/// out of the content and PolNeAR keeps it in, so exact spans are compared without it
/// (the same clause either way).
fn clause_span(s: &Statement) -> CharSpan {
    let span = s.span();
    let that = s
        .content
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("that "));
    if that && span.len() > 5 {
        CharSpan::new(span.start + 5, span.end)
    } else {
        span
    }
}

/// True when the predicted speaker mention overlaps a gold speaker span, or the
/// speaker names agree.
pub fn speaker_agrees(gold: &Statement, predicted: &Statement) -> bool {
    let span_hit = predicted.speaker_mention.is_some_and(|m| {
        gold.speaker_spans
            .iter()
            .any(|&[s, e]| CharSpan::new(s, e).overlap(&m) > 0)
    });
    span_hit || names_agree(&gold.speaker, &predicted.speaker)
}

/// True when two speaker names are the same up to case, a leading `the` and middle
/// initials (`Donald J. Trump` and `Donald Trump`), or one is the end of the other
/// (`Peskov` and `Dmitry Peskov`).
pub fn names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (name_words(a), name_words(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    long.ends_with(short)
}

fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    // A middle initial names no one else: `Donald J. Trump` is `Donald Trump`.
    if words.len() >= 3 {
        let last = words.len() - 1;
        let mut k = 0;
        words.retain(|w| {
            let middle = k > 0 && k < last;
            k += 1;
            !(middle && w.chars().count() == 1)
        });
    }
    words
}
