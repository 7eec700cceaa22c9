//! When a statement names its speaker's own party as a target (only when it criticises
//! it), and the descriptions that refer to the article's home state.

use super::gazetteer::{Gazetteer, PartyKind};
use super::mentions::Found;
use super::text::{Token, is_apostrophe, is_capitalised, tokenize, words_after, words_before};
use crate::words::{
    CRITICISM, DEMAND_PAIRS, DEMANDS, HOME_REFERENCE_BLOCKERS, HOME_STATE_REFERENCES, LOCATIVES,
};

/// How many words on each side of the party count as "near" for criticism.
const CRITICISM_WINDOW: usize = 4;

/// True when the party named at `text[start..end]` is criticised there.
pub(crate) fn is_criticised(text: &str, start: usize, end: usize) -> bool {
    let after: Vec<String> = words_after(text, end, CRITICISM_WINDOW)
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let before: Vec<String> = words_before(text, start, CRITICISM_WINDOW)
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let demand = after.first().is_some_and(|w| DEMANDS.contains(w.as_str()))
        || (after.len() >= 2 && DEMAND_PAIRS.contains(&format!("{} {}", after[0], after[1])));
    demand
        || after
            .iter()
            .chain(before.iter())
            .any(|w| CRITICISM.contains(w.as_str()))
}

/// Byte spans in `text[start..end]` of `the government`, `the president`, `the regime`
/// (`data/words/home-state-references.txt`): descriptions of a state's government that
/// name no state, read as the article's home state. Not when a blocker
/// (`data/words/home-reference-blockers.txt`: `the president of the council`, `regime
/// change`), a locative (`the government in Tokyo`) or a capitalised word (`the President
/// Xi`) follows: another state is named there, or none is meant.
fn home_references(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some(range) = text.get(start..end) else {
        return Vec::new();
    };
    let tokens = tokenize(range);
    let word = |t: &Token| &range[t.start..t.end];
    let mut out = Vec::new();
    for pair in tokens.windows(2) {
        let (the, head) = (&pair[0], &pair[1]);
        // A word token ends at a non-word char, so `the president's` reads `president`
        // and `the government-run` or `the governments` no listed word.
        // A quote mark opening the phrase is read into the word (`'the`).
        if !matches!(word(the).trim_start_matches(is_apostrophe), "the" | "The")
            || !HOME_STATE_REFERENCES.contains(word(head).to_lowercase().as_str())
        {
            continue;
        }
        let blocked = words_after(range, head.end, 1).first().is_some_and(|w| {
            HOME_REFERENCE_BLOCKERS.contains(w.to_lowercase().as_str())
                || LOCATIVES.contains(w)
                || is_capitalised(w)
        });
        if !blocked {
            out.push((start + the.start, start + head.end));
        }
    }
    out
}

/// The home-state references in the content `text[start..end]` as mentions of `home`
/// (see [`home_references`]), unless the speaker's party `own` is another state: its
/// official means their own government (`Geng Shuang said the government would respond`
/// in an article about the United States).
pub(crate) fn home_mentions(
    gazetteer: &Gazetteer,
    text: &str,
    (home, own): (Option<usize>, Option<usize>),
    (start, end): (usize, usize),
) -> Vec<Found> {
    let Some(home) = home else {
        return Vec::new();
    };
    let other_state = own.is_some_and(|p| {
        p != home
            && matches!(
                gazetteer.parties()[p].kind,
                PartyKind::State | PartyKind::Territory
            )
    });
    if other_state {
        return Vec::new();
    }
    home_references(text, start, end)
        .into_iter()
        .map(|(start, end)| Found {
            party: home,
            start,
            end,
        })
        .collect()
}
