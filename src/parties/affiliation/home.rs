//! Officials whose state the article leaves implicit: `Education Minister Chaturon
//! Chaisang` in an article about Thailand, `prosecutor Zia Faruqui` in one about a US
//! court. They speak for the article's home state, where it has one.

use super::scan::{MAX_TITLE_WORDS, Scan};
use crate::parties::gazetteer::{Gazetteer, PartyKind};
use crate::parties::mentions::Found;
use crate::parties::text::is_capitalised;
use crate::words::{
    ARMED_SERVICE_WORDS, DETERMINERS, FORMER_WORDS, LOCAL_OFFICE_WORDS, MILITARY_RANK_WORDS,
    NON_HEAD_TITLE_WORDS, PARTY_TITLE_WORDS, STATE_OFFICE_WORDS, TITLE_ABBREVIATIONS,
};
use std::collections::HashMap;

/// How often the article names each state (or territory), counting party aliases and
/// the known officials it names.
pub(crate) fn state_counts<'f>(
    gazetteer: &Gazetteer,
    mentions: impl IntoIterator<Item = &'f Found>,
) -> HashMap<usize, usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for m in mentions {
        if matches!(
            gazetteer.parties()[m.party].kind,
            PartyKind::State | PartyKind::Territory
        ) {
            *counts.entry(m.party).or_default() += 1;
        }
    }
    counts
}

/// Tokens either side of a last name in which a former-word makes an officer retired
/// (`Retired four star Gen. Jack Keane`, `Kimmitt, a retired brigadier general`).
const RETIRED_REACH: usize = 8;

/// The state (or territory: Hong Kong) an article names at least three times and at least
/// twice as often as any other (see [`state_counts`]): the one whose officials it can
/// introduce without naming it.
pub(crate) fn home_state<'f>(
    gazetteer: &Gazetteer,
    mentions: impl IntoIterator<Item = &'f Found>,
) -> Option<usize> {
    let (party, top, second) = top_two_states(gazetteer, mentions)?;
    (top >= 3 && top >= 2 * second).then_some(party)
}

/// The state the article names at least three times and more often than any other: a
/// weaker reading of [`home_state`].
pub(crate) fn most_named_state<'f>(
    gazetteer: &Gazetteer,
    mentions: impl IntoIterator<Item = &'f Found>,
) -> Option<usize> {
    let (party, top, second) = top_two_states(gazetteer, mentions)?;
    (top >= 3 && top > second).then_some(party)
}

/// The state named most, how often, and how often the next one is named.
fn top_two_states<'f>(
    gazetteer: &Gazetteer,
    mentions: impl IntoIterator<Item = &'f Found>,
) -> Option<(usize, usize, usize)> {
    let counts = state_counts(gazetteer, mentions);
    let mut ranked: Vec<(usize, usize)> = counts.into_iter().map(|(p, n)| (n, p)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let &(top, party) = ranked.first()?;
    Some((party, top, ranked.get(1).map_or(0, |r| r.0)))
}

impl Scan<'_> {
    /// `(first, last)` name tokens of the people introduced by a state office with no
    /// party in it: `Education Minister Chaturon Chaisang`, `a Commerce Ministry spokesman,
    /// Gao Feng`, `Terrence Russell, a military official`.
    pub(super) fn unnamed_state_officials(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..self.tokens.len() {
            if !self.opens_office(i) {
                continue;
            }
            if let Some(after) = self.office_after(i) {
                let start = self.skip(after, ",");
                if let Some(last) = self.name_from(start)
                    && !(self.has_rank(i, after) && self.called_retired(last))
                {
                    out.push((start, last));
                }
            }
        }
        for comma in (1..self.tokens.len()).filter(|&i| self.word(i) == ",") {
            let Some((first, last)) = self.name_ending_at(comma - 1) else {
                continue;
            };
            let i = if DETERMINERS.contains(self.word(comma + 1).to_lowercase().as_str()) {
                comma + 2
            } else {
                comma + 1
            };
            // `..., a military official` but not `..., a minister for Kenya` (the party
            // rule reads that), `..., the ministry's ...`, nor a list going on to the
            // next person (`President Barack Obama, Secretary of State John Kerry`).
            if let Some(after) = self.office_after(i)
                && !(self.has_rank(i, after) && self.called_retired(last))
                && self.name_from(after).is_none()
                && !matches!(
                    self.word(after),
                    "of" | "for" | "to" | "at" | "with" | "from"
                )
                && !self.is_possessive(after)
            {
                out.push((first, last));
            }
        }
        out
    }

    /// True when a title may start at token `i`: no party, possessor, organisation name
    /// or other title word right before it (`Samaritan's Purse Vice President` names a
    /// body the gazetteer lacks).
    fn opens_office(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else {
            return true;
        };
        let word = self.word(prev);
        let lower = word.to_lowercase();
        // `Kaduna police spokesman`, `San Diego County Sheriff`, `Liberal Democrat MP`: a
        // place or a party before a local office is no body of its own.
        let local = LOCAL_OFFICE_WORDS.contains(self.word(i).to_lowercase().as_str());
        !self.in_mention[prev]
            && !self.is_possessive(prev)
            && !PARTY_TITLE_WORDS.contains(lower.as_str())
            && !STATE_OFFICE_WORDS.contains(lower.as_str())
            && (!is_capitalised(word) || DETERMINERS.contains(lower.as_str()) || local)
    }

    /// The index after a title of state office starting at `i` that ends on a head word,
    /// names no party and is not a former office.
    fn office_after(&self, i: usize) -> Option<usize> {
        let mut head_end = None;
        let mut office = false;
        let mut k = i;
        while k < i + MAX_TITLE_WORDS && k < self.tokens.len() {
            let lower = self.word(k).to_lowercase();
            let armed =
                ARMED_SERVICE_WORDS.contains(lower.as_str()) && is_capitalised(self.word(k));
            let state_office =
                STATE_OFFICE_WORDS.contains(lower.as_str()) || armed || self.is_rank(k);
            if self.in_mention[k] || !(state_office || PARTY_TITLE_WORDS.contains(lower.as_str())) {
                break;
            }
            office |= state_office;
            k += 1;
            // `Gov.`: the full stop of an abbreviated title belongs to it.
            if TITLE_ABBREVIATIONS.contains(lower.as_str())
                && self.word(k) == "."
                && self
                    .tokens
                    .get(k)
                    .is_some_and(|t| t.start == self.tokens[k - 1].end)
            {
                k += 1;
            }
            // `Navy spokesman`, not `a Marine veteran`: a service names no office alone.
            if !NON_HEAD_TITLE_WORDS.contains(lower.as_str()) && !armed {
                head_end = Some(k);
            }
        }
        // A former office (`Former Education Minister`), or a title that goes on into a
        // party (`Education Minister of Thailand` is the party rule's).
        if self.is_former(i, k) || self.in_mention.get(k).copied().unwrap_or(false) {
            return None;
        }
        head_end.filter(|_| office)
    }

    /// True when token `k` is an officer's rank, capitalised (`Gen.`, `Admiral`).
    fn is_rank(&self, k: usize) -> bool {
        let word = self.word(k);
        is_capitalised(word) && MILITARY_RANK_WORDS.contains(word.to_lowercase().as_str())
    }

    /// True when the title `i..after` holds an officer's rank (`Maj. Gen.`).
    fn has_rank(&self, i: usize, after: usize) -> bool {
        (i..after).any(|k| self.is_rank(k))
    }

    /// True when the article calls the person whose name ends at token `last` retired
    /// or former anywhere: a former-word near any mention of their last name.
    fn called_retired(&self, last: usize) -> bool {
        let surname = self.word(last);
        let former = |k: usize| FORMER_WORDS.contains(self.word(k).to_lowercase().as_str());
        (0..self.tokens.len())
            .filter(|&k| self.word(k) == surname)
            .any(|k| (k.saturating_sub(RETIRED_REACH)..k + RETIRED_REACH).any(former))
    }
}
