//! Headlines in title case (`Trump’s Son Says The Battle Will Be Unprecedented`),
//! where a capitalized word may still be a cue.

use super::lower::LowerWords;
use crate::segment::{Document, TokenKind};

/// Fewest words a title-case headline has.
const MIN_WORDS: usize = 4;

/// Short words that title case leaves in lower case.
fn is_minor_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "and"
            | "or"
            | "but"
            | "with"
            | "from"
            | "as"
    )
}

/// For each sentence: true when it is a paragraph of its own written in title case.
pub(crate) fn title_case_sentences(doc: &Document, lower: &LowerWords) -> Vec<bool> {
    let tokens = &doc.tokens;
    doc.sentences
        .iter()
        .map(|s| {
            let alone = (s.first == 0
                || tokens[s.first - 1].paragraph != tokens[s.first].paragraph)
                && tokens
                    .get(s.last)
                    .is_none_or(|t| t.paragraph != tokens[s.last - 1].paragraph);
            let words: Vec<usize> = (s.first..s.last)
                .filter(|&k| tokens[k].kind == TokenKind::Word && !is_minor_word(&lower[k]))
                .filter(|&k| lower[k].chars().next().is_some_and(char::is_alphabetic))
                .collect();
            let capitalized = words.iter().filter(|&&k| doc.is_capitalized(k)).count();
            alone && words.len() >= MIN_WORDS && capitalized * 10 >= words.len() * 9
        })
        .collect()
}
