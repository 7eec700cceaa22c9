//! Which party mentions inside a speaker's words speak for the speaker. `Russian
//! President Vladimir Putin` and `Kremlin spokesman Dmitry Peskov` do; `Indian virologist
//! Dr. T. Jacob John`, `NPR Pentagon correspondent Tom Bowman` and `Henry Rome` (a
//! capital inside a name) do not.

use super::context::ends_longer_name;
use super::text::{opens_body_name, words_before};
use crate::words::{
    DETERMINERS, FORMER_WORDS, NON_HEAD_TITLE_WORDS, NON_STATE_ROLES, PARTY_TITLE_WORDS,
    STATE_OFFICE_WORDS, SURNAME_TITLES,
};

/// True when the mention at `start..end` of `text`, inside the speaker's words that end
/// at `span_end`, gives the speaker named `speaker` its party.
pub(super) fn gives_speaker_party(
    text: &str,
    start: usize,
    end: usize,
    span_end: usize,
    speaker: &str,
) -> bool {
    !is_inside_other_name(text, start, end)
        && !is_before_other_role(text, end, span_end, speaker)
        && !is_in_former_title(text, start, end, span_end, speaker)
        && !opens_body_name_after_of(text, start, end)
}

/// `Kenneth Pollack of Washington's Brookings Institution`, `vice president of the
/// U.S.-China Business Council`: after `of`, `for` or `at`, a mention that opens a longer
/// name (past a possessive or a hyphen) names a body, not the speaker's state; `of the
/// United States Army` (an office of the state after it) still does.
fn opens_body_name_after_of(text: &str, start: usize, end: usize) -> bool {
    let before = words_before(text, start, 2);
    let preposition = |w: &str| matches!(w, "of" | "for" | "at");
    let after_of = match before.as_slice() {
        [first, ..] if preposition(first) => true,
        [the, second, ..] => the.eq_ignore_ascii_case("the") && preposition(second),
        _ => false,
    };
    if !after_of {
        return false;
    }
    opens_body_name(text, end)
}

/// `former acting CIA Director Michael Morell`, `Mexico's former president Vicente Fox`:
/// a former-word in the title around the mention (before it, past title words, or
/// between it and the name) makes it a title of the past, which gives no party.
fn is_in_former_title(
    text: &str,
    start: usize,
    end: usize,
    span_end: usize,
    speaker: &str,
) -> bool {
    let former = |w: &str| {
        let lower = w.to_lowercase();
        FORMER_WORDS.contains(&lower) || lower.starts_with("ex-")
    };
    for w in words_before(text, start, 3) {
        if former(w) {
            return true;
        }
        let title_word = NON_HEAD_TITLE_WORDS.contains(&w.to_lowercase());
        if !(title_word || w.chars().next().is_some_and(char::is_uppercase)) {
            break;
        }
    }
    words_to_name(text, end, span_end, speaker).is_some_and(|words| words.into_iter().any(former))
}

fn is_title(word: &str) -> bool {
    let lower = word.trim_end_matches('.').to_lowercase();
    PARTY_TITLE_WORDS.contains(&lower)
        || STATE_OFFICE_WORDS.contains(&lower)
        || SURNAME_TITLES.contains(&lower)
        || SURNAME_TITLES.contains(&format!("{lower}."))
}

/// `Henry Rome`, `Robert Kelly` (where the article licensed `Kelly` for John Kelly): a
/// one-word mention with a capitalised word right before it that is no title or
/// determiner (`President Trump`, `Those Americans`) is part of another name. Longer
/// names stand on their own (`Kansas City Federal Reserve`).
pub(super) fn is_inside_other_name(text: &str, start: usize, end: usize) -> bool {
    let one_word = text
        .get(start..end)
        .is_some_and(|m| !m.contains(char::is_whitespace));
    one_word
        && ends_longer_name(text, start)
        && words_before(text, start, 1)
            .first()
            .is_none_or(|w| !is_title(w) && !DETERMINERS.contains(&w.to_lowercase()))
}

/// `Indian virologist Dr. T. Jacob John`: between the mention and the speaker's name
/// stands a role that speaks for no state (`virologist`, `correspondent`;
/// `data/words/non-state-roles.txt`), so the party describes the role, not whom the
/// speaker speaks for. Only where the
/// speaker's name follows in the span; a description (`the Israeli army`) keeps it.
fn is_before_other_role(text: &str, end: usize, span_end: usize, speaker: &str) -> bool {
    words_to_name(text, end, span_end, speaker).is_some_and(|words| {
        words
            .into_iter()
            .any(|w| NON_STATE_ROLES.contains(&w.to_lowercase()))
    })
}

/// The words between a mention ending at `end` and the speaker's name inside the speaker's
/// words ending at `span_end`; None where the name does not follow in the span.
fn words_to_name<'t>(
    text: &'t str,
    end: usize,
    span_end: usize,
    speaker: &str,
) -> Option<Vec<&'t str>> {
    let tail = text.get(end..span_end)?;
    let first_word = speaker.split_whitespace().next()?;
    let at = tail.find(first_word)?;
    Some(
        tail[..at]
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-'))
            .filter(|w| !w.is_empty())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::gives_speaker_party;

    fn gives(text: &str, mention: &str, speaker: &str) -> bool {
        let start = text.find(mention).unwrap();
        gives_speaker_party(text, start, start + mention.len(), text.len(), speaker)
    }

    #[test]
    fn titles_of_office_carry_the_party() {
        assert!(gives(
            "Russian President Vladimir Putin",
            "Russian",
            "Vladimir Putin"
        ));
        assert!(gives(
            "Kremlin spokesman Dmitry Peskov",
            "Kremlin",
            "Dmitry Peskov"
        ));
        assert!(gives("President Trump", "Trump", "Donald Trump"));
        assert!(gives("the Israeli army", "Israeli", "the Israeli army"));
    }

    #[test]
    fn other_roles_and_other_names_do_not() {
        assert!(!gives(
            "Indian virologist Dr. T. Jacob John",
            "Indian",
            "T. Jacob John"
        ));
        assert!(!gives(
            "NPR Pentagon correspondent Tom Bowman",
            "Pentagon",
            "Tom Bowman"
        ));
        assert!(!gives("Henry Rome", "Rome", "Henry Rome"));
        assert!(gives("Those Americans", "Americans", "Those Americans"));
        assert!(gives(
            "the Kansas City Federal Reserve",
            "Federal Reserve",
            "x"
        ));
    }
}
