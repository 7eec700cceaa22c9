//! Known people the article itself calls former (`former national security adviser John
//! Bolton`, `ex-President Zuma`): they no longer speak for their state, whatever the
//! knowledge base says for an article with no date. And the reverse: `then-Attorney
//! General Loretta Lynch` spoke while in office, whatever the article's date.

use super::mentions::Found;
use crate::words::{FORMER_WORDS, PARTY_TITLE_WORDS, STATE_OFFICE_WORDS, TERM_TITLES};
use std::collections::HashSet;

/// Most title words walked back from a name looking for `former`.
const MAX_TITLE_WORDS: usize = 7;

/// The names (full, and last) of the known people in `leaders` whose title in the
/// article says they no longer hold it: every mention of them then goes.
pub(super) fn former_names<'t>(text: &'t str, leaders: &[Found]) -> HashSet<&'t str> {
    let mut out = HashSet::new();
    for f in leaders {
        let name = &text[f.start..f.end];
        if is_introduced_as_former(text, f.start) {
            out.insert(name);
            if let Some(last) = name.rsplit(' ').next() {
                out.insert(last);
            }
        }
    }
    out
}

/// True when the article introduces the known person whose name starts at byte `start`
/// in the office they held then (`then-Secretary of State Rex Tillerson`, `then
/// Congressman Mike Pence`): out of office on the article's date, at that mention they
/// speak for their state.
pub(super) fn is_introduced_in_office(text: &str, start: usize) -> bool {
    introduced_as(text, start) == Some(Introduced::Then)
}

/// True when the name starting at byte `start` follows a capitalised title of office
/// with no time marker (`President Ronald Reagan delivered ... in 1987`): news writes
/// `former` for a statement made out of office, so the title dates the statement to the
/// term, whatever the article's date.
pub(super) fn is_introduced_with_title(text: &str, start: usize) -> bool {
    let Some(before) = text
        .get(..start)
        .filter(|b| b.ends_with(char::is_whitespace))
    else {
        return false;
    };
    // Walk the capitalised title run back (`Secretary of State`), at most a few words.
    for word in before.split_whitespace().rev().take(MAX_TITLE_WORDS) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if bare != word || bare.is_empty() {
            return false;
        }
        if TERM_TITLES.contains(bare.to_lowercase().as_str()) {
            return bare.starts_with(char::is_uppercase) && introduced_as(text, start).is_none();
        }
        if !bare.starts_with(char::is_uppercase) && bare != "of" {
            return false;
        }
    }
    false
}

/// True when the title run right before byte `start` (`Former Secretary of State`) holds
/// a former-word.
fn is_introduced_as_former(text: &str, start: usize) -> bool {
    introduced_as(text, start) == Some(Introduced::Former)
}

/// What the title run before a name says of the office's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Introduced {
    /// `former`, `ex-`, `the late`: no longer held.
    Former,
    /// `then-`, `then`: held at the time the article tells of.
    Then,
}

/// The time marker in the title run right before byte `start`, if any. The walk stops at
/// punctuation that ends a phrase and at any word that is neither a title word nor
/// capitalised (`met`, `said`).
fn introduced_as(text: &str, start: usize) -> Option<Introduced> {
    let mut from = start.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..start)?;
    if !before.ends_with(char::is_whitespace) {
        return None;
    }
    for (k, word) in before
        .split_whitespace()
        .rev()
        .take(MAX_TITLE_WORDS)
        .enumerate()
    {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let lower = bare.to_lowercase();
        // `former Trump campaign manager` makes the manager former, not Trump: a title
        // must stand between the former-word and the name.
        if FORMER_WORDS.contains(lower.as_str()) {
            return (k > 0).then_some(Introduced::Former);
        }
        if lower.starts_with("ex-") {
            return Some(Introduced::Former);
        }
        if lower.starts_with("then-") || (lower == "then" && k > 0) {
            return Some(Introduced::Then);
        }
        let ends_phrase = word.ends_with([',', ';', ':', '!', '?', '"', '“', '”', ')', '('])
            || (word.ends_with('.') && !is_abbreviation(word));
        let title_word = PARTY_TITLE_WORDS.contains(lower.as_str())
            || STATE_OFFICE_WORDS.contains(lower.as_str())
            || bare.chars().next().is_some_and(char::is_uppercase);
        if ends_phrase || !title_word || word.ends_with("'s") || word.ends_with("’s") {
            return None;
        }
    }
    None
}

/// `U.S.`, `Gen.`, `Sen.`: a word whose full stop does not end the sentence.
fn is_abbreviation(word: &str) -> bool {
    let core = word.trim_end_matches('.');
    core.contains('.') || (core.len() <= 4 && core.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::{Introduced, introduced_as, is_introduced_as_former};

    #[test]
    fn then_titles_before_a_name() {
        let then = |text: &str, name: &str| introduced_as(text, text.find(name).unwrap());
        let cases = [
            ("Then-Attorney General Loretta Lynch said", "Loretta"),
            ("said then-CIA Director David Petraeus", "David"),
            ("as then Congressman Mike Pence put it", "Mike"),
        ];
        for (text, name) in cases {
            assert_eq!(then(text, name), Some(Introduced::Then), "{text}");
        }
        // `Then` opening a sentence before a title and a day is no time marker.
        assert_eq!(
            then("Then on Thursday President Donald Trump said", "Donald"),
            None
        );
        assert_eq!(then("Then Donald Trump said", "Donald"), None);
    }

    fn former(text: &str, name: &str) -> bool {
        is_introduced_as_former(text, text.find(name).unwrap())
    }

    #[test]
    fn former_titles_before_a_name() {
        assert!(former(
            "Former national security adviser John Bolton said",
            "John"
        ));
        assert!(former(
            "as former Secretary of State Hillary Clinton put it",
            "Hillary"
        ));
        assert!(former("said ex-President Jacob Zuma", "Jacob"));
        assert!(former("the late Sen. John McCain", "John"));
    }

    #[test]
    fn a_former_word_elsewhere_in_the_sentence_does_not_count() {
        assert!(!former(
            "Former President Obama met Prime Minister Justin Trudeau",
            "Justin"
        ));
        assert!(!former(
            "The former minister said. President Emmanuel Macron",
            "Emmanuel"
        ));
        assert!(!former(
            "Trump's former aide said President Donald Trump",
            "Donald"
        ));
        assert!(!former(
            "a former official, Secretary of State Mike Pompeo",
            "Mike"
        ));
        assert!(!former(
            "National security adviser John Bolton said",
            "John"
        ));
        assert!(!former(
            "former Trump campaign manager Corey Lewandowski",
            "Trump"
        ));
    }
}
