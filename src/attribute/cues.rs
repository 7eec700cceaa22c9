//! The cue lexicon: words and phrases that introduce reported speech (`said`,
//! `according to`, `accusing`).

use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::Path;

/// The lexicon shipped with stancemap (`data/cues.txt`).
const DEFAULT_CUES: &str = include_str!("../../data/cues.txt");

/// A set of cue phrases, indexed by their first word for matching on tokens.
#[derive(Debug, Clone, Default)]
pub struct CueLexicon {
    /// First word (lower case) -> the remaining words of each phrase, longest first.
    by_first: HashMap<String, Vec<Vec<String>>>,
    len: usize,
}

impl CueLexicon {
    /// The lexicon shipped with stancemap.
    pub fn builtin() -> Self {
        let mut lexicon = CueLexicon::default();
        lexicon.add_lines(DEFAULT_CUES);
        lexicon
    }

    /// Add the cues of a file (one per line, `#` starts a comment line).
    pub fn extend_from_file(&mut self, path: &Path) -> Result<()> {
        let text = crate::ingest::read_text_file(path)
            .with_context(|| format!("cannot read cue file {}", path.display()))?;
        self.add_lines(&text);
        Ok(())
    }

    /// Add the cues of a text in the lexicon format.
    pub fn add_lines(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            self.add(line);
        }
    }

    /// Add one cue phrase.
    pub(crate) fn add(&mut self, phrase: &str) {
        let mut words = phrase.split_whitespace().map(str::to_lowercase);
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.collect();
        let entry = self.by_first.entry(first).or_default();
        if entry.contains(&rest) {
            return;
        }
        entry.push(rest);
        entry.sort_by_key(|r| std::cmp::Reverse(r.len()));
        self.len += 1;
    }

    /// Number of cue phrases.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the lexicon holds no cue.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of words of the longest cue starting with `words[0]`, if any.
    ///
    /// `words` yields the lower-cased words from the candidate position on.
    pub(crate) fn match_at<'w>(&self, mut words: impl Iterator<Item = &'w str>) -> Option<usize> {
        let first = words.next()?;
        let candidates = self.by_first.get(first)?;
        let longest = candidates.first().map_or(0, Vec::len);
        let following: Vec<&str> = words.take(longest).collect();
        candidates
            .iter()
            .find(|rest| {
                rest.len() <= following.len() && rest.iter().zip(&following).all(|(a, b)| a == b)
            })
            .map(|rest| rest.len() + 1)
    }
}
