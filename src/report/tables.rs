//! The analyst tables: dyads (speaker party -> target), the party-by-target matrix,
//! and dyads over time, built from a stream of classified articles.
//!
//! A dyad counts the stances of statements whose speaker stands for one party toward
//! one target, like the actor-to-actor tables of event data. Speakers without a known
//! party are counted under [`UNKNOWN_PARTY`](super::rows::UNKNOWN_PARTY).

use super::period::{Period, UNDATED, period_label};
use super::render::Cell;
use super::rows::{RowFilter, statement_rows};
use crate::record::{Article, StanceLabel};
use std::collections::{HashMap, HashSet};

/// Counts of the labels of one dyad (in one period).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Counts in [`StanceLabel::ALL`] order.
    pub counts: [u64; 3],
    confidence_sum: f64,
    confidence_n: u64,
    /// Articles with at least one statement of this dyad.
    pub articles: u64,
}

impl Tally {
    /// Count one stance.
    pub fn add(&mut self, label: StanceLabel, confidence: Option<f32>) {
        self.counts[label.index()] += 1;
        if let Some(c) = confidence {
            self.confidence_sum += f64::from(c);
            self.confidence_n += 1;
        }
    }

    /// The number of stances of `label`.
    pub fn count(&self, label: StanceLabel) -> u64 {
        self.counts[label.index()]
    }

    /// All stances counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The share of `label` among all stances (0 when there are none).
    pub fn share(&self, label: StanceLabel) -> f64 {
        match self.total() {
            0 => 0.0,
            n => self.count(label) as f64 / n as f64,
        }
    }

    /// (conciliatory - hostile) / total, from -1 (all hostile) to +1 (all conciliatory).
    pub fn net_score(&self) -> f64 {
        self.share(StanceLabel::Conciliatory) - self.share(StanceLabel::Hostile)
    }

    /// Mean classifier confidence, when any stance had one.
    pub fn mean_confidence(&self) -> Option<f64> {
        (self.confidence_n > 0).then(|| self.confidence_sum / self.confidence_n as f64)
    }
}

/// A speaker party, a target, and (for the timeline) a period.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DyadKey {
    /// Empty for the dyads table; a period label for the timeline.
    pub period: String,
    pub speaker_party: String,
    pub target: String,
}

/// One row of the dyads or timeline table.
#[derive(Debug, Clone, PartialEq)]
pub struct Dyad {
    pub key: DyadKey,
    pub tally: Tally,
}

/// Column names of the dyads table.
pub const DYAD_COLUMNS: [&str; 11] = [
    "speaker_party",
    "target",
    "hostile",
    "conciliatory",
    "neutral",
    "total",
    "share_hostile",
    "share_conciliatory",
    "net_score",
    "mean_confidence",
    "articles",
];

impl Dyad {
    /// The cells of the dyads table, in [`DYAD_COLUMNS`] order.
    pub fn cells(&self) -> Vec<Cell> {
        let t = &self.tally;
        vec![
            Cell::Text(self.key.speaker_party.clone()),
            Cell::Text(self.key.target.clone()),
            Cell::Int(t.count(StanceLabel::Hostile)),
            Cell::Int(t.count(StanceLabel::Conciliatory)),
            Cell::Int(t.count(StanceLabel::Neutral)),
            Cell::Int(t.total()),
            Cell::Float(t.share(StanceLabel::Hostile)),
            Cell::Float(t.share(StanceLabel::Conciliatory)),
            Cell::Float(t.net_score()),
            Cell::opt_float(t.mean_confidence()),
            Cell::Int(t.articles),
        ]
    }

    /// The cells of the timeline table: the period, then the dyad's cells.
    pub fn timeline_cells(&self) -> Vec<Cell> {
        let mut cells = vec![Cell::Text(self.key.period.clone())];
        cells.extend(self.cells());
        cells
    }
}

/// Column names of the timeline table.
pub fn timeline_columns() -> Vec<String> {
    std::iter::once("period")
        .chain(DYAD_COLUMNS)
        .map(String::from)
        .collect()
}

/// Accumulates dyads over articles, optionally split by period.
#[derive(Debug, Clone)]
pub struct DyadCounter {
    by: Option<Period>,
    filter: RowFilter,
    tallies: HashMap<DyadKey, Tally>,
}

impl DyadCounter {
    /// Count dyads of the rows that pass `filter`; split by `by` when given (timeline).
    pub fn new(filter: RowFilter, by: Option<Period>) -> Self {
        DyadCounter {
            by,
            filter,
            tallies: HashMap::new(),
        }
    }

    /// Count the labelled stances of one article.
    pub fn add_article(&mut self, article: &Article) {
        let period = match self.by {
            Some(by) => period_label(article.date.as_deref(), by),
            None => String::new(),
        };
        let mut seen = HashSet::new();
        for row in statement_rows(article) {
            let (Some(target), Some(stance)) = (row.target, row.stance) else {
                continue;
            };
            if !self.filter.keeps(&row) {
                continue;
            }
            let key = DyadKey {
                period: period.clone(),
                speaker_party: row.speaker_party().to_string(),
                target: target.to_string(),
            };
            let tally = self.tallies.entry(key.clone()).or_default();
            tally.add(stance.label, stance.confidence);
            if seen.insert(key) {
                tally.articles += 1;
            }
        }
    }

    /// The dyads, by period (dated ones in order, `undated` last), then by count
    /// descending, then by names.
    pub fn dyads(&self) -> Vec<Dyad> {
        let mut dyads: Vec<Dyad> = self
            .tallies
            .iter()
            .map(|(key, tally)| Dyad {
                key: key.clone(),
                tally: tally.clone(),
            })
            .collect();
        dyads.sort_by(|a, b| {
            let (ka, kb) = (&a.key, &b.key);
            (ka.period == UNDATED)
                .cmp(&(kb.period == UNDATED))
                .then_with(|| ka.period.cmp(&kb.period))
                .then_with(|| b.tally.total().cmp(&a.tally.total()))
                .then_with(|| ka.speaker_party.cmp(&kb.speaker_party))
                .then_with(|| ka.target.cmp(&kb.target))
        });
        dyads
    }
}

/// Speaker parties by targets; each cell the tally of that dyad.
#[derive(Debug, Clone)]
pub struct Matrix {
    /// Row names, by number of stances descending.
    pub parties: Vec<String>,
    /// Column names, by number of stances descending.
    pub targets: Vec<String>,
    cells: HashMap<(usize, usize), Tally>,
}

impl Matrix {
    /// Lay out dyads (of one period) as a matrix.
    pub fn from_dyads(dyads: &[Dyad]) -> Self {
        let parties = names_by_total(dyads, |k| &k.speaker_party);
        let targets = names_by_total(dyads, |k| &k.target);
        let row_of: HashMap<&str, usize> = parties
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let col_of: HashMap<&str, usize> = targets
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i))
            .collect();
        let mut cells: HashMap<(usize, usize), Tally> = HashMap::new();
        for d in dyads {
            let at = (
                row_of[d.key.speaker_party.as_str()],
                col_of[d.key.target.as_str()],
            );
            let cell = cells.entry(at).or_default();
            for (i, n) in d.tally.counts.iter().enumerate() {
                cell.counts[i] += n;
            }
            cell.confidence_sum += d.tally.confidence_sum;
            cell.confidence_n += d.tally.confidence_n;
            cell.articles += d.tally.articles;
        }
        Matrix {
            parties,
            targets,
            cells,
        }
    }

    /// The tally of a cell, when the dyad has any stance.
    pub fn cell(&self, party: usize, target: usize) -> Option<&Tally> {
        self.cells.get(&(party, target))
    }

    /// Column names: `speaker_party`, then the targets.
    pub fn columns(&self) -> Vec<String> {
        std::iter::once("speaker_party".to_string())
            .chain(self.targets.iter().cloned())
            .collect()
    }

    /// One row per party: its name, then the net score toward each target (empty when none).
    pub fn rows(&self) -> Vec<Vec<Cell>> {
        (0..self.parties.len())
            .map(|p| {
                let mut row = vec![Cell::Text(self.parties[p].clone())];
                row.extend(
                    (0..self.targets.len())
                        .map(|t| Cell::opt_float(self.cell(p, t).map(Tally::net_score))),
                );
                row
            })
            .collect()
    }
}

/// Distinct names, most stances first, ties by name.
fn names_by_total(dyads: &[Dyad], name: impl Fn(&DyadKey) -> &String) -> Vec<String> {
    let mut totals: HashMap<&str, u64> = HashMap::new();
    for d in dyads {
        *totals.entry(name(&d.key).as_str()).or_default() += d.tally.total();
    }
    let mut names: Vec<(&str, u64)> = totals.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    names.into_iter().map(|(n, _)| n.to_string()).collect()
}
