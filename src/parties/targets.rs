//! When a statement names its speaker's own party as a target: only when it criticises it.

use super::text::{words_after, words_before};

/// Words right after a party that make it the subject of a demand (`Russia must stop`).
const DEMANDS: &[&str] = &[
    "must",
    "should",
    "stop",
    "stops",
    "cease",
    "withdraw",
    "end",
    "apologise",
    "apologize",
];

/// Two-word demands and failures (`Russia has to`, `Russia has failed`).
const DEMAND_PAIRS: &[[&str; 2]] = &[
    ["has", "to"],
    ["have", "to"],
    ["needs", "to"],
    ["need", "to"],
    ["ought", "to"],
    ["has", "failed"],
    ["have", "failed"],
    ["is", "lying"],
    ["are", "lying"],
    ["is", "responsible"],
    ["is", "to"],
];

/// Words of criticism that, within a few words of the party, make it criticised.
const CRITICISM: &[&str] = &[
    "crime",
    "crimes",
    "criminal",
    "criminals",
    "aggression",
    "aggressor",
    "aggressive",
    "regime",
    "shame",
    "shameful",
    "disgrace",
    "disgraceful",
    "corrupt",
    "corruption",
    "lies",
    "lied",
    "illegal",
    "illegitimate",
    "brutal",
    "brutality",
    "atrocities",
    "terror",
    "propaganda",
    "dictatorship",
    "dictator",
    "blame",
    "fault",
    "failure",
    "failed",
    "mistake",
    "repression",
    "repressive",
    "censorship",
];

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
    let demand = after.first().is_some_and(|w| DEMANDS.contains(&w.as_str()))
        || DEMAND_PAIRS
            .iter()
            .any(|pair| after.len() >= 2 && after[0] == pair[0] && after[1] == pair[1]);
    demand
        || after
            .iter()
            .chain(before.iter())
            .any(|w| CRITICISM.contains(&w.as_str()))
}
