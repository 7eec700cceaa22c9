//! Word lists for names: titles stripped off a name and words that mark an
//! organization or a place rather than a person (all lower case).

/// Titles and descriptions stripped off a name (`Russian President Vladimir Putin`).
pub(crate) fn is_title(w: &str) -> bool {
    crate::words::TITLES.contains(w)
}

/// True for a title that makes the one word after it a surname (`President Trump`).
pub(crate) fn is_surname_title(w: &str) -> bool {
    crate::words::SURNAME_TITLES.contains(w)
}

/// Words that mark a capitalized run as an organization or place, not a person.
pub(crate) fn is_org_word(w: &str) -> bool {
    crate::words::ORGANISATION_WORDS.contains(w)
}
