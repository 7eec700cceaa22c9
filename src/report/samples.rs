//! The statements behind each dyad, kept for the HTML page: at most a few per dyad,
//! the most confident ones, so memory and page size stay bounded.

use super::rows::StatementRow;
use crate::record::StanceLabel;
use std::collections::HashMap;

/// Characters of statement content kept for the page.
const CONTENT_CHARS: usize = 280;

/// One statement shown under a dyad.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub article_id: String,
    pub date: Option<String>,
    pub speaker: String,
    /// The content, cut to a few hundred characters.
    pub content: String,
    pub label: StanceLabel,
    pub confidence: Option<f32>,
}

/// The kept statements of one dyad and how many there were in all.
#[derive(Debug, Clone, Default)]
pub struct DyadSamples {
    /// Most confident first once [`DyadSamples::sorted`] is called.
    pub kept: Vec<Sample>,
    /// All statements seen for the dyad, kept or not.
    pub seen: u64,
}

impl DyadSamples {
    /// The kept statements, most confident first, then in reading order.
    pub fn sorted(&self) -> Vec<&Sample> {
        let mut kept: Vec<&Sample> = self.kept.iter().collect();
        kept.sort_by(|a, b| rank(b).total_cmp(&rank(a)));
        kept
    }
}

/// Gold stances (no confidence) rank as certain.
fn rank(s: &Sample) -> f32 {
    s.confidence.unwrap_or(1.0)
}

/// Keeps up to `cap` statements per (speaker party, target).
#[derive(Debug, Clone)]
pub struct SampleKeeper {
    cap: usize,
    dyads: HashMap<(String, String), DyadSamples>,
}

impl SampleKeeper {
    /// Keep at most `cap` statements per dyad.
    pub fn new(cap: usize) -> Self {
        SampleKeeper {
            cap,
            dyads: HashMap::new(),
        }
    }

    /// Offer a labelled row; it replaces the least confident kept one when the dyad is full.
    pub fn offer(&mut self, row: &StatementRow<'_>) {
        let (Some(target), Some(stance)) = (row.target, row.stance) else {
            return;
        };
        let key = (row.speaker_party().to_string(), target.to_string());
        let entry = self.dyads.entry(key).or_default();
        entry.seen += 1;
        let sample = || Sample {
            article_id: row.article.id.clone(),
            date: row.article.date.clone(),
            speaker: row.statement.speaker.clone(),
            content: cut(&row.statement.content, CONTENT_CHARS),
            label: stance.label,
            confidence: stance.confidence,
        };
        if entry.kept.len() < self.cap {
            entry.kept.push(sample());
            return;
        }
        let weakest = entry
            .kept
            .iter()
            .enumerate()
            .min_by(|a, b| rank(a.1).total_cmp(&rank(b.1)))
            .map(|(i, s)| (i, rank(s)));
        if let Some((i, weakest_rank)) = weakest
            && stance.confidence.unwrap_or(1.0) > weakest_rank
        {
            entry.kept[i] = sample();
        }
    }

    /// The statements of a dyad, if any was seen.
    pub fn get(&self, speaker_party: &str, target: &str) -> Option<&DyadSamples> {
        self.dyads
            .get(&(speaker_party.to_string(), target.to_string()))
    }
}

/// `text` cut to `max` characters, with `…` when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}
