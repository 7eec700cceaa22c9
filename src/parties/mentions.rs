//! Finding the parties a text names: one pass of the alias automaton, the longest match
//! that sits on word boundaries, then the context rules for ambiguous aliases.

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

/// An alias occurrence still waiting for its ambiguity to be decided.
struct Pending {
    start: usize,
    end: usize,
    senses: Vec<Sense>,
    political: bool,
}

/// What may stand between two coordinated party names: `Russia and Georgia`.
const COORDINATORS: &[&str] = &["", ",", "and", ", and", "or", "&", "-", "–", "/"];

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
        for phrase in ["the summit", "The summit", "the meeting", "The meeting"] {
            for (start, _) in text.match_indices(phrase) {
                let end = start + phrase.len();
                if !has_word_boundaries(text, start, end) {
                    continue;
                }
                if let Some(host) = hosts.iter().rev().find(|h| h.end <= start) {
                    accepted.push(Found {
                        party: host.party,
                        start,
                        end,
                    });
                }
            }
        }
    }
}

/// Accept ambiguous aliases that have support, repeating while new acceptances add support.
///
/// An ambiguous alias counts when a political word stands next to it, when it is
/// coordinated with an accepted mention, or when one of its parties is named elsewhere.
/// With several supported parties, the one named nearest before it wins.
fn resolve_ambiguous(
    text: &str,
    accepted: &mut Vec<Found>,
    mut pending: Vec<Pending>,
    support: &HashSet<usize>,
) {
    loop {
        let before = pending.len();
        pending.retain(|p| {
            let named = |party: usize| {
                support.contains(&party) || accepted.iter().any(|f| f.party == party)
            };
            let supported: Vec<usize> = p
                .senses
                .iter()
                .map(|s| s.party)
                .filter(|&party| named(party))
                .collect();
            let coordinated = accepted.iter().any(|f| is_coordinated(text, f, p));
            let choices: Vec<usize> = if !supported.is_empty() {
                supported
            } else if p.political || coordinated {
                p.senses.iter().map(|s| s.party).collect()
            } else {
                return true;
            };
            let party = match choices.as_slice() {
                [only] => Some(*only),
                _ => nearest_named(accepted, &choices, p.start),
            };
            match party {
                Some(party) => {
                    accepted.push(Found {
                        party,
                        start: p.start,
                        end: p.end,
                    });
                    false
                }
                None => true,
            }
        });
        if pending.len() == before {
            break;
        }
    }
}

/// True when only a coordinator stands between `f` and `p`.
fn is_coordinated(text: &str, f: &Found, p: &Pending) -> bool {
    let gap = if f.end <= p.start {
        &text[f.end..p.start]
    } else if p.end <= f.start {
        &text[p.end..f.start]
    } else {
        return false;
    };
    gap.len() <= 8 && COORDINATORS.contains(&gap.trim())
}

/// Among `choices`, the party of the accepted mention nearest before `pos`, else after it.
fn nearest_named(accepted: &[Found], choices: &[usize], pos: usize) -> Option<usize> {
    let of_choice = || accepted.iter().filter(|f| choices.contains(&f.party));
    of_choice()
        .filter(|f| f.end <= pos)
        .max_by_key(|f| f.end)
        .or_else(|| {
            of_choice()
                .filter(|f| f.start >= pos)
                .min_by_key(|f| f.start)
        })
        .map(|f| f.party)
}
