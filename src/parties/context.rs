//! Word lists and the context tests that decide ambiguous aliases.

use super::text::{is_capitalised, possessive_len, words_after, words_before};

/// Words that, right after an alias (past a possessive), show it names a polity:
/// `Chad's army`, `Georgia's government`, `Jordan King Abdullah`.
const POLITICAL_HEADS: &[&str] = &[
    "government",
    "governments",
    "president",
    "prime",
    "foreign",
    "defence",
    "defense",
    "minister",
    "ministry",
    "ministers",
    "forces",
    "troops",
    "army",
    "military",
    "navy",
    "officials",
    "official",
    "authorities",
    "embassy",
    "ambassador",
    "envoy",
    "diplomats",
    "delegation",
    "border",
    "borders",
    "regime",
    "parliament",
    "leader",
    "leaders",
    "leadership",
    "king",
    "junta",
    "capital",
    "sovereignty",
    "territory",
    "soldiers",
    "state",
];

/// Nouns that, before `of`/`with`/`to`/`against`/`on`, show the next alias names a polity:
/// `government of Chad`, `war with Georgia`, `sanctions on Jordan`.
const POLITICAL_GOVERNORS: &[&str] = &[
    "government",
    "president",
    "republic",
    "invasion",
    "capital",
    "embassy",
    "ambassador",
    "envoy",
    "war",
    "border",
    "relations",
    "ties",
    "talks",
    "sanctions",
    "troops",
    "forces",
    "minister",
    "leader",
    "king",
    "sovereignty",
];

/// Verbs that take a polity as object: `invaded Georgia`.
const POLITICAL_VERBS: &[&str] = &[
    "invaded",
    "invade",
    "invading",
    "annexed",
    "neighbouring",
    "neighboring",
    "sanctioned",
];

/// Prepositions after which a capital is a location, not a government.
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "throughout",
    "via",
];

/// Words next to `Turkey`/`China` that mean the bird or the tableware.
const COMMON_NOUN_NEIGHBOURS: &[&str] = &[
    "a",
    "an",
    "roast",
    "roasted",
    "wild",
    "stuffed",
    "smoked",
    "fine",
    "bone",
    "dinner",
    "dinners",
    "sandwich",
    "sandwiches",
    "breast",
    "leg",
    "legs",
    "burger",
    "burgers",
    "stuffing",
    "recipe",
    "recipes",
    "meat",
    "feathers",
    "farm",
    "farms",
    "farmer",
    "farmers",
    "hunting",
    "gravy",
    "plate",
    "plates",
    "cabinet",
    "set",
    "sets",
    "dishes",
    "cup",
    "cups",
    "teapot",
    "clay",
    "doll",
];

/// Capitalised words that may stand before an alias without making it a surname.
const CAPITALISED_FUNCTION_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "With",
    "Of",
    "As",
    "If",
    "When",
    "While",
    "Why",
    "How",
    "What",
    "Both",
    "Neither",
    "Nor",
    "Says",
    "Said",
    "Meanwhile",
    "Yesterday",
    "Today",
    "Earlier",
    "Later",
    "Then",
    "Now",
    "Also",
    "Only",
    "Even",
    "Since",
    "After",
    "Before",
    "Under",
    "Against",
    "Between",
    "Like",
    "Unlike",
    "Where",
    "Whether",
    "Although",
    "Though",
    "Because",
    "Until",
    "Why",
];

fn lower_in(word: &str, list: &[&str]) -> bool {
    let w = word.to_lowercase();
    list.contains(&w.as_str())
}

/// True when the words around `text[start..end]` say it names a polity.
pub(crate) fn has_political_context(text: &str, start: usize, end: usize) -> bool {
    let after = words_after(text, end, 1);
    if after.first().is_some_and(|w| lower_in(w, POLITICAL_HEADS)) {
        return true;
    }
    // The governing noun may stand a few words back: `King Abdullah II of Jordan`.
    let before = words_before(text, start, 4);
    match before.as_slice() {
        [v, ..] if lower_in(v, POLITICAL_VERBS) => true,
        [prep, rest @ ..] => {
            lower_in(prep, &["of", "with", "to", "against", "on", "in"])
                && rest.iter().any(|w| lower_in(w, POLITICAL_GOVERNORS))
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
        .is_some_and(|w| is_capitalised(w) && !lower_in(w, POLITICAL_HEADS))
}

/// True when a capitalised word other than a function word or title stands right before
/// (`George Washington`, `Michael Jordan`): the alias is a surname.
pub(crate) fn ends_longer_name(text: &str, start: usize) -> bool {
    words_before(text, start, 1).first().is_some_and(|w| {
        is_capitalised(w)
            && !CAPITALISED_FUNCTION_WORDS.contains(w)
            && !lower_in(w, POLITICAL_VERBS)
            && !lower_in(w, POLITICAL_HEADS)
    })
}

/// True when a neighbouring word gives the common-noun sense (`roast Turkey`, `fine China`).
pub(crate) fn is_common_noun_use(text: &str, start: usize, end: usize) -> bool {
    let after = words_after(text, end, 1);
    let before = words_before(text, start, 1);
    after
        .first()
        .is_some_and(|w| lower_in(w, COMMON_NOUN_NEIGHBOURS))
        || before
            .first()
            .is_some_and(|w| lower_in(w, COMMON_NOUN_NEIGHBOURS))
}
