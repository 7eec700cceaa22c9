//! Finding the parties a text names: one pass of the alias automaton, the longest match
//! that sits on word boundaries, then the context rules for ambiguous aliases.

use super::ambiguous::{Pending, resolve_ambiguous};
use super::context::{
    ends_longer_name, has_political_context, is_common_noun_use, is_location, starts_longer_name,
};
use super::gazetteer::{Gazetteer, PartyKind, Sense};
use super::text::{has_word_boundaries, words_after};
use crate::record::{ByteSpan, CharIndex, CharSpan};
use std::collections::{BTreeMap, HashSet};

/// A party named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyMention {
    /// Canonical party name.
    pub party: String,
    /// Code points of the surface form (without a possessive).
    pub span: CharSpan,
    /// The words as written.
    pub surface: String,
}

/// A resolved mention in byte offsets, for the other stages of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) party: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Found {
    /// Where the mention is, in bytes.
    pub(crate) fn bytes(&self) -> ByteSpan {
        ByteSpan::new(self.start, self.end)
    }
}

impl Gazetteer {
    /// Every party named in `text`, in text order.
    pub fn mentions(&self, text: &str) -> Vec<PartyMention> {
        let index = CharIndex::new(text);
        self.find(text, &HashSet::new())
            .into_iter()
            .map(|f| PartyMention {
                party: self.name_of(f.party).to_string(),
                span: index.chars(f.bytes()),
                surface: text[f.start..f.end].to_string(),
            })
            .collect()
    }

    /// Resolved mentions in byte offsets. `support` holds parties known to be named
    /// elsewhere (when `text` is a fragment of a larger article).
    pub(crate) fn find(&self, text: &str, support: &HashSet<usize>) -> Vec<Found> {
        let mut accepted = Vec::new();
        let mut pending = Vec::new();
        for (start, end, pattern) in self.longest_matches(text) {
            let senses = self.senses(pattern);
            if senses
                .iter()
                .any(|s| self.parties()[s.party].kind == PartyKind::Block)
            {
                continue;
            }
            let location = is_location(text, start, end);
            let longer_name = starts_longer_name(text, end);
            let surname = ends_longer_name(text, start);
            let common = is_common_noun_use(text, start, end);
            let kept: Vec<Sense> = senses
                .iter()
                .copied()
                .filter(|s| {
                    let f = s.flags;
                    !(f.place && (location || longer_name)
                        || f.common_noun && common
                        || f.ambiguous && (longer_name || surname))
                })
                .collect();
            if let Some(plain) = kept.iter().find(|s| !s.flags.ambiguous) {
                accepted.push(Found {
                    party: plain.party,
                    start,
                    end,
                });
            } else if !kept.is_empty() {
                pending.push(Pending {
                    start,
                    end,
                    senses: kept,
                    political: has_political_context(text, start, end),
                });
            }
        }
        resolve_ambiguous(text, &mut accepted, pending, support);
        self.add_summit_anaphora(text, &mut accepted);
        accepted.sort_by_key(|f| (f.start, f.end));
        accepted
    }

    /// Alias occurrences on word boundaries, longest first, as `(start, end, pattern)` in
    /// text order. Longest first rather than leftmost: in `The UN Security Council`,
    /// `UN Security Council` beats `The UN`.
    fn longest_matches(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut all: Vec<(usize, usize, usize)> = self
            .aliases
            .find_overlapping_iter(text)
            .filter(|m| has_word_boundaries(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        all.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
        // Chosen spans by start; a candidate is kept when it overlaps none of them.
        let mut chosen: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (start, end, pattern) in all {
            let before = chosen.range(..=start).next_back();
            let after = chosen.range(start..).next();
            let free = before.is_none_or(|(_, &(e, _))| e <= start)
                && after.is_none_or(|(&s, _)| s >= end);
            if free {
                chosen.insert(start, (end, pattern));
            }
        }
        chosen.into_iter().map(|(s, (e, p))| (s, e, p)).collect()
    }

    /// `the summit` (or `the meeting`) refers to the party of the nearest `<party> summit`
    /// (or `<party> meeting`) before it.
    fn add_summit_anaphora(&self, text: &str, accepted: &mut Vec<Found>) {
        let hosts: Vec<Found> = accepted
            .iter()
            .copied()
            .filter(|f| {
                words_after(text, f.end, 1)
                    .first()
                    .is_some_and(|w| matches!(*w, "summit" | "Summit" | "meeting"))
            })
            .collect();
        if hosts.is_empty() {
            return;
        }
        // The host is the last one (in `hosts` order) that ends before the phrase: hosts
        // sorted by end, with the latest position among each prefix.
        let mut by_end: Vec<usize> = (0..hosts.len()).collect();
        by_end.sort_by_key(|&h| hosts[h].end);
        let ends: Vec<usize> = by_end.iter().map(|&h| hosts[h].end).collect();
        let latest: Vec<usize> = by_end
            .iter()
            .scan(0, |last, &h| {
                *last = (*last).max(h);
                Some(*last)
            })
            .collect();
        for phrase in ["the summit", "The summit", "the meeting", "The meeting"] {
            for (start, _) in text.match_indices(phrase) {
                let end = start + phrase.len();
                if !has_word_boundaries(text, start, end) {
                    continue;
                }
                let n = ends.partition_point(|&e| e <= start);
                if let Some(&h) = n.checked_sub(1).map(|k| &latest[k]) {
                    accepted.push(Found {
                        party: hosts[h].party,
                        start,
                        end,
                    });
                }
            }
        }
    }
}
