//! When a statement names its speaker's own party as a target: only when it criticises it.

use super::text::{words_after, words_before};
use crate::words::{CRITICISM, DEMAND_PAIRS, DEMANDS};

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
