//! Hover cards of web pages saved as text: after a person's name, some sites (The Hill)
//! print the full name glued to the titles of recent stories and a closing `MORE`:
//!
//! `President Trump Donald John TrumpFederal judge halts ... tweet MORE on Sunday said`
//!
//! The card is no part of the sentence around it. Its name would become a speaker and its
//! headlines statements, so the segmenter drops its tokens.

use crate::record::ByteSpan;

/// Most bytes between the glued name and the closing `MORE` (three or four headlines).
const MAX_CARD_BYTES: usize = 700;
/// Most bytes between the name the sentence gives and the card's glued last name.
const MAX_FULL_NAME_BYTES: usize = 60;

/// The hover cards of `text`, in byte offsets: from the card's full name to its `MORE`.
pub(crate) fn hover_cards(text: &str) -> Vec<ByteSpan> {
    let mut cards: Vec<ByteSpan> = Vec::new();
    for (more, _) in text.match_indices("MORE") {
        let end = more + "MORE".len();
        if !closes_card(text, more, end) {
            continue;
        }
        // `MORE’s decision`: the possessive of the name the card interrupts goes with it.
        let end = ["’s", "'s"]
            .iter()
            .find(|s| text[end..].starts_with(**s))
            .map_or(end, |s| end + s.len());
        // The window opens after the last card, on a character boundary.
        let mut from = cards
            .last()
            .map_or(0, |c| c.end)
            .max(more.saturating_sub(MAX_CARD_BYTES));
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if let Some(start) = card_start(text, from, more) {
            cards.push(ByteSpan::new(start, end));
        }
    }
    cards
}

/// True when `MORE` at `more..end` is a word of its own after a lower-case or
/// punctuation character (`... tweet MORE`), not a shouted phrase (`NO MORE DACA`) or a
/// link (`READ MORE:`).
fn closes_card(text: &str, more: usize, end: usize) -> bool {
    let before = text[..more].chars().next_back();
    let two_before = text[..more].trim_end().chars().next_back();
    let after = text[end..].chars().next();
    before == Some(' ')
        && two_before.is_some_and(|c| !c.is_uppercase())
        && after.is_none_or(|c| !c.is_alphanumeric() && c != ':')
}

/// Where the card that ends at `more` starts: the full name before the word that glues a
/// last name to a headline (`TrumpFederal`), when the sentence names that last name just
/// before it (`President Trump Donald John TrumpFederal`).
fn card_start(text: &str, floor: usize, more: usize) -> Option<usize> {
    let words = words_with_offsets(text, floor, more);
    for (k, &(at, word)) in words.iter().enumerate() {
        let Some(split) = glue_point(word) else {
            continue;
        };
        let surname = &word[..split];
        // The sentence's own mention of the name, just before the card's full name.
        let mention = words[..k]
            .iter()
            .rev()
            .take_while(|&&(w_at, _)| at - w_at <= MAX_FULL_NAME_BYTES)
            .position(|&(_, w)| w == surname);
        if let Some(mention) = mention
            && mention > 0
        {
            return Some(words[k - mention].0);
        }
    }
    None
}

/// The words of `text[from..to]` split at white space, each with its byte offset.
fn words_with_offsets(text: &str, from: usize, to: usize) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text[from..to].char_indices() {
        if !c.is_whitespace() {
            start.get_or_insert(from + i);
        } else if let Some(s) = start.take() {
            words.push((s, &text[s..from + i]));
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..to]));
    }
    words
}

/// The byte where a lower-case letter is followed by a capital inside `word`, with at
/// least three letters before it that start with a capital (`TrumpFederal` -> 5; not
/// `McConnell`, `iPhone`).
fn glue_point(word: &str) -> Option<usize> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    chars.windows(2).enumerate().find_map(|(n, pair)| {
        let ((_, a), (b_at, b)) = (pair[0], pair[1]);
        (n + 1 >= 3 && a.is_lowercase() && b.is_uppercase()).then_some(b_at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards_of(text: &str) -> Vec<&str> {
        hover_cards(text)
            .iter()
            .map(|c| &text[c.start..c.end])
            .collect()
    }

    #[test]
    fn a_card_runs_from_the_full_name_to_more() {
        let text = "President Trump Donald John TrumpFederal judge halts law Harris presses \
                    Twitter to 'do something' MORE on Sunday said the talks would go on.";
        assert_eq!(
            cards_of(text),
            [
                "Donald John TrumpFederal judge halts law Harris presses Twitter to 'do something' MORE"
            ]
        );
        let text =
            "Sen. Bob Menendez Robert (Bob) MenendezGraham blocks resolution MORE (D-N.J.) said.";
        assert_eq!(
            cards_of(text),
            ["Robert (Bob) MenendezGraham blocks resolution MORE"]
        );
    }

    #[test]
    fn a_window_that_opens_inside_a_character_is_moved_to_the_next() {
        // 700 bytes before `MORE` falls inside a three-byte `’`.
        let text = format!("{} tweets MORE said.", "’".repeat(400));
        assert!(!text.is_char_boundary(text.find("MORE").unwrap() - MAX_CARD_BYTES));
        assert!(cards_of(&text).is_empty());
    }

    #[test]
    fn shouting_links_and_glued_words_without_a_name_are_no_cards() {
        for text in [
            "He declares: \"NO MORE DACA DEAL!\" on Sunday.",
            "READ MORE: Decision to start.",
            "Senator Mitch McConnell said he wants MORE time.",
            "The YouTube video had more views MORE than ever.",
        ] {
            assert!(cards_of(text).is_empty(), "{text}");
        }
    }
}
