//! Flattening classified articles into one row per (statement, target), and filtering them.

use super::render::Cell;
use crate::record::{Article, Stance, StanceLabel, Statement};

/// The party name used for speakers whose party is not known.
pub const UNKNOWN_PARTY: &str = "unknown";

/// Column names of the statements table, in order.
pub const STATEMENT_COLUMNS: [&str; 13] = [
    "article_id",
    "date",
    "source",
    "speaker",
    "speaker_party",
    "target",
    "label",
    "confidence",
    "cue",
    "kind",
    "content",
    "start",
    "end",
];

/// One statement with one of its targets (or none), borrowed from its article.
#[derive(Debug, Clone, Copy)]
pub struct StatementRow<'a> {
    pub article: &'a Article,
    pub statement: &'a Statement,
    /// The target; `None` for a statement without targets.
    pub target: Option<&'a str>,
    /// The stance toward `target`; `None` when the statement was not classified.
    pub stance: Option<&'a Stance>,
}

impl<'a> StatementRow<'a> {
    /// The label, when the row has a stance.
    pub fn label(&self) -> Option<StanceLabel> {
        self.stance.map(|s| s.label)
    }

    /// The classifier's confidence, when it gave one.
    pub fn confidence(&self) -> Option<f32> {
        self.stance.and_then(|s| s.confidence)
    }

    /// The speaker's party, or [`UNKNOWN_PARTY`].
    pub fn speaker_party(&self) -> &'a str {
        party_or_unknown(self.statement.speaker_party.as_deref())
    }

    /// The cells of this row, in [`STATEMENT_COLUMNS`] order.
    pub fn cells(&self) -> Vec<Cell> {
        let s = self.statement;
        vec![
            Cell::Text(self.article.id.clone()),
            Cell::opt_text(self.article.date.as_deref()),
            Cell::opt_text(article_source(self.article)),
            Cell::Text(s.speaker.clone()),
            Cell::opt_text(s.speaker_party.as_deref()),
            Cell::opt_text(self.target),
            Cell::opt_text(self.label().map(StanceLabel::as_str)),
            Cell::opt_float(self.confidence().map(f64::from)),
            Cell::Text(s.cue.clone()),
            Cell::Text(s.kind.to_string()),
            Cell::Text(s.content.clone()),
            Cell::Int(s.start as u64),
            Cell::Int(s.end as u64),
        ]
    }
}

/// `party`, or [`UNKNOWN_PARTY`] when it is missing or blank.
pub fn party_or_unknown(party: Option<&str>) -> &str {
    match party {
        Some(p) if !p.trim().is_empty() => p,
        _ => UNKNOWN_PARTY,
    }
}

/// The outlet: `source`, or the `publisher` field that PolNeAR-style records carry.
pub fn article_source(article: &Article) -> Option<&str> {
    article
        .source
        .as_deref()
        .or_else(|| article.extra.get("publisher").and_then(|v| v.as_str()))
}

/// The rows of one article: one per stance; a statement with targets but no stances
/// gives one unlabelled row per target, and one without targets a single row.
pub fn statement_rows<'a>(article: &'a Article) -> Vec<StatementRow<'a>> {
    let mut rows = Vec::new();
    for statement in &article.statements {
        let row = |target: Option<&'a str>, stance: Option<&'a Stance>| StatementRow {
            article,
            statement,
            target,
            stance,
        };
        if !statement.stances.is_empty() {
            rows.extend(
                statement
                    .stances
                    .iter()
                    .map(|s| row(Some(s.target.as_str()), Some(s))),
            );
        } else if !statement.targets.is_empty() {
            rows.extend(
                statement
                    .targets
                    .iter()
                    .map(|t| row(Some(t.as_str()), None)),
            );
        } else {
            rows.push(row(None, None));
        }
    }
    rows
}

/// Which rows the analyst keeps (`--min-confidence`, `--party`, `--speaker`).
#[derive(Debug, Clone, Default)]
pub struct RowFilter {
    /// Keep stances with at least this confidence; rows without one are dropped.
    pub min_confidence: Option<f32>,
    /// Keep rows whose speaker party or target is this party (case-insensitive).
    pub party: Option<String>,
    /// Keep rows whose speaker name contains this (case-insensitive).
    pub speaker: Option<String>,
}

impl RowFilter {
    /// True when `row` passes every filter that is set.
    pub fn keeps(&self, row: &StatementRow<'_>) -> bool {
        if let Some(min) = self.min_confidence {
            match row.confidence() {
                Some(c) if c >= min => {}
                _ => return false,
            }
        }
        if let Some(party) = &self.party {
            let speaker_party = row.statement.speaker_party.as_deref().unwrap_or("");
            let target = row.target.unwrap_or("");
            if !speaker_party.eq_ignore_ascii_case(party) && !target.eq_ignore_ascii_case(party) {
                return false;
            }
        }
        if let Some(speaker) = &self.speaker {
            let needle = speaker.to_lowercase();
            if !row.statement.speaker.to_lowercase().contains(&needle) {
                return false;
            }
        }
        true
    }
}
