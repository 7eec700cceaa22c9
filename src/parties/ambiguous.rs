//! Deciding ambiguous aliases from the mentions already accepted, with the accepted
//! mentions indexed so that each decision looks at its neighbours, not the whole article.

use super::gazetteer::Sense;
use super::mentions::Found;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// An alias occurrence still waiting for its ambiguity to be decided.
pub(crate) struct Pending {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) senses: Vec<Sense>,
    pub(crate) political: bool,
}

/// What may stand between two coordinated party names: `Russia and Georgia`.
const COORDINATORS: &[&str] = &["", ",", "and", ", and", "or", "&", "-", "–", "/"];

/// Longest gap (bytes) between two coordinated names.
const MAX_COORDINATOR_BYTES: usize = 8;

/// Accept ambiguous aliases that have support, repeating while new acceptances add support.
///
/// An ambiguous alias counts when a political word stands next to it, when it is
/// coordinated with an accepted mention, or when one of its parties is named elsewhere.
/// With several supported parties, the one named nearest before it wins.
pub(crate) fn resolve_ambiguous(
    text: &str,
    accepted: &mut Vec<Found>,
    mut pending: Vec<Pending>,
    support: &HashSet<usize>,
) {
    let mut index = AcceptedIndex::new(accepted);
    loop {
        let before = pending.len();
        pending.retain(|p| {
            let supported: Vec<usize> = p
                .senses
                .iter()
                .map(|s| s.party)
                .filter(|party| support.contains(party) || index.named.contains(party))
                .collect();
            let choices: Vec<usize> = if !supported.is_empty() {
                supported
            } else if p.political || index.is_coordinated(text, p) {
                p.senses.iter().map(|s| s.party).collect()
            } else {
                return true;
            };
            let party = match choices.as_slice() {
                [only] => Some(*only),
                _ => index.nearest_named(&choices, p.start),
            };
            match party {
                Some(party) => {
                    let found = Found {
                        party,
                        start: p.start,
                        end: p.end,
                    };
                    index.add(accepted.len(), &found);
                    accepted.push(found);
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

/// Where the accepted mentions are, by position and by party; positions in `accepted`
/// break ties the way a scan of the list in order would.
#[derive(Default)]
struct AcceptedIndex {
    named: HashSet<usize>,
    starts: BTreeSet<usize>,
    ends: BTreeSet<usize>,
    /// Party -> end -> the last mention (position in `accepted`) ending there.
    last_by_end: HashMap<usize, BTreeMap<usize, usize>>,
    /// Party -> start -> the first mention (position in `accepted`) starting there.
    first_by_start: HashMap<usize, BTreeMap<usize, usize>>,
}

impl AcceptedIndex {
    fn new(accepted: &[Found]) -> Self {
        let mut index = AcceptedIndex::default();
        for (i, f) in accepted.iter().enumerate() {
            index.add(i, f);
        }
        index
    }

    /// Index `f`, found at position `i` of the accepted list (positions only grow).
    fn add(&mut self, i: usize, f: &Found) {
        self.named.insert(f.party);
        self.starts.insert(f.start);
        self.ends.insert(f.end);
        self.last_by_end
            .entry(f.party)
            .or_default()
            .insert(f.end, i);
        self.first_by_start
            .entry(f.party)
            .or_default()
            .entry(f.start)
            .or_insert(i);
    }

    /// True when only a coordinator stands between an accepted mention and `p`.
    fn is_coordinated(&self, text: &str, p: &Pending) -> bool {
        let is_coordinator =
            |gap: &str| gap.len() <= MAX_COORDINATOR_BYTES && COORDINATORS.contains(&gap.trim());
        let lo = p.start.saturating_sub(MAX_COORDINATOR_BYTES);
        self.ends
            .range(lo..=p.start)
            .any(|&end| is_coordinator(&text[end..p.start]))
            || self
                .starts
                .range(p.end..=p.end + MAX_COORDINATOR_BYTES)
                .any(|&start| is_coordinator(&text[p.end..start]))
    }

    /// Among `choices`, the party of the accepted mention nearest before `pos`, else
    /// after it. Of two mentions ending (starting) at the same place, the later (earlier)
    /// accepted one wins.
    fn nearest_named(&self, choices: &[usize], pos: usize) -> Option<usize> {
        let before = choices
            .iter()
            .filter_map(|party| {
                let (&end, &i) = self.last_by_end.get(party)?.range(..=pos).next_back()?;
                Some(((end, i), *party))
            })
            .max_by_key(|&(key, _)| key);
        let after = || {
            choices
                .iter()
                .filter_map(|party| {
                    let (&start, &i) = self.first_by_start.get(party)?.range(pos..).next()?;
                    Some(((start, i), *party))
                })
                .min_by_key(|&(key, _)| key)
        };
        before.or_else(after).map(|(_, party)| party)
    }
}
