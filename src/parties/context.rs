//! The context tests that decide ambiguous aliases (their word lists are in data/words/).

use super::text::{is_capitalised, possessive_len, words_after, words_before};
use crate::words::{
    CAPITALISED_FUNCTION_WORDS, COMMON_NOUN_NEIGHBOURS, LOCATIVES, POLITICAL_GOVERNORS,
    POLITICAL_HEADS, POLITICAL_VERBS, WordList,
};

fn lower_in(word: &str, list: &WordList) -> bool {
    list.contains(&word.to_lowercase())
}

/// True when the words around `text[start..end]` say it names a polity.
pub(crate) fn has_political_context(text: &str, start: usize, end: usize) -> bool {
    let after = words_after(text, end, 1);
    if after.first().is_some_and(|w| lower_in(w, &POLITICAL_HEADS)) {
        return true;
    }
    // The governing noun may stand a few words back: `King Abdullah II of Jordan`.
    let before = words_before(text, start, 4);
    match before.as_slice() {
        [v, ..] if lower_in(v, &POLITICAL_VERBS) => true,
        [prep, rest @ ..] => {
            matches!(
                prep.to_lowercase().as_str(),
                "of" | "with" | "to" | "against" | "on" | "in"
            ) && rest.iter().any(|w| lower_in(w, &POLITICAL_GOVERNORS))
        }
        _ => false,
    }
}

/// True when a capital stands after a locative preposition (`held in Washington`) and
/// carries no possessive (`in Moscow's view` is still the government).
pub(crate) fn is_location(text: &str, start: usize, end: usize) -> bool {
    possessive_len(text, end) == 0
        && words_before(text, start, 1)
            .first()
            .is_some_and(|w| LOCATIVES.contains(w))
}

/// True when a capitalised word other than a title follows directly (`Washington Post`,
/// `Kyiv Independent`, `Jordan Peterson`): the alias is part of another name.
pub(crate) fn starts_longer_name(text: &str, end: usize) -> bool {
    if possessive_len(text, end) != 0 {
        return false;
    }
    words_after(text, end, 1)
        .first()
        .is_some_and(|w| is_capitalised(w) && !lower_in(w, &POLITICAL_HEADS))
}

/// True when a capitalised word other than a function word or title stands right before
/// (`George Washington`, `Michael Jordan`): the alias is a surname.
pub(crate) fn ends_longer_name(text: &str, start: usize) -> bool {
    words_before(text, start, 1).first().is_some_and(|w| {
        is_capitalised(w)
            && !CAPITALISED_FUNCTION_WORDS.contains(w)
            && !lower_in(w, &POLITICAL_VERBS)
            && !lower_in(w, &POLITICAL_HEADS)
    })
}

/// True when a neighbouring word gives the common-noun sense (`roast Turkey`, `fine China`).
pub(crate) fn is_common_noun_use(text: &str, start: usize, end: usize) -> bool {
    let after = words_after(text, end, 1);
    let before = words_before(text, start, 1);
    after
        .first()
        .is_some_and(|w| lower_in(w, &COMMON_NOUN_NEIGHBOURS))
        || before
            .first()
            .is_some_and(|w| lower_in(w, &COMMON_NOUN_NEIGHBOURS))
}
