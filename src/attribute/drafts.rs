//! The drafts found so far, indexed by where their speakers and content parts start, so
//! that asking which drafts cover a place looks at the neighbours of that place, not at
//! every draft of the article.

use super::Draft;
use std::collections::BTreeMap;

/// Content parts (byte ranges) of drafts, by where they start. A part that covers byte
/// `b` starts at most `longest` bytes before it, so a lookup reads that window only.
#[derive(Debug, Default)]
pub(crate) struct PartIndex {
    /// Part start -> (part end, draft) in the order added.
    by_start: BTreeMap<usize, Vec<(usize, usize)>>,
    /// Length of the longest part.
    longest: usize,
}

impl PartIndex {
    /// Index the parts of `drafts`, each draft by its position.
    pub(crate) fn new(drafts: &[Draft]) -> Self {
        let mut index = PartIndex::default();
        for (i, d) in drafts.iter().enumerate() {
            index.add(i, d);
        }
        index
    }

    fn add(&mut self, draft: usize, d: &Draft) {
        for &(start, end) in &d.parts {
            self.longest = self.longest.max(end.saturating_sub(start));
            self.by_start.entry(start).or_default().push((end, draft));
        }
    }

    /// The parts `(start, end, draft)` that start in `from..to` (bytes).
    fn starting_in(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, usize, usize)> {
        self.by_start
            .range(from..to.max(from))
            .flat_map(|(&start, parts)| parts.iter().map(move |&(end, d)| (start, end, d)))
    }

    /// True when a part of a draft other than `except` holds all of `lo..hi`.
    pub(crate) fn holds(&self, lo: usize, hi: usize, except: usize) -> bool {
        self.starting_in(lo.saturating_sub(self.longest), lo.saturating_add(1))
            .any(|(start, end, d)| d != except && start <= lo && hi <= end)
    }

    /// True when a part overlaps `lo..hi`.
    pub(crate) fn overlaps(&self, lo: usize, hi: usize) -> bool {
        self.starting_in(lo.saturating_sub(self.longest), hi)
            .any(|(start, end, _)| start < hi && lo < end)
    }

    /// True when a part holds byte `at`.
    pub(crate) fn covers(&self, at: usize) -> bool {
        self.starting_in(at.saturating_sub(self.longest), at.saturating_add(1))
            .any(|(start, end, _)| start <= at && at < end)
    }
}

/// The drafts of an article while the stages add to them.
#[derive(Debug, Default)]
pub(crate) struct Drafts {
    list: Vec<Draft>,
    parts: PartIndex,
    /// Speaker's first token -> positions in `list`, in the order added.
    by_speaker: BTreeMap<usize, Vec<usize>>,
}

impl Drafts {
    pub(crate) fn new(list: Vec<Draft>) -> Self {
        let mut drafts = Drafts::default();
        for d in list {
            drafts.push(d);
        }
        drafts
    }

    pub(crate) fn push(&mut self, d: Draft) {
        let i = self.list.len();
        self.parts.add(i, &d);
        self.by_speaker.entry(d.speaker.start).or_default().push(i);
        self.list.push(d);
    }

    pub(crate) fn list(&self) -> &[Draft] {
        &self.list
    }

    pub(crate) fn into_vec(self) -> Vec<Draft> {
        self.list
    }

    pub(crate) fn parts(&self) -> &PartIndex {
        &self.parts
    }

    /// Positions of the drafts whose speaker starts at a token in `from..=to`, the
    /// latest added first.
    pub(crate) fn speakers_latest_first(&self, from: usize, to: usize) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .by_speaker
            .range(from..=to.max(from))
            .flat_map(|(_, ds)| ds.iter().copied())
            .collect();
        found.sort_unstable_by(|a, b| b.cmp(a));
        found
    }
}
