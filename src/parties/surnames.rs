//! Words the article writes as surnames, after a capitalised word (`Cuban` in `Mark
//! Cuban`): a one-word speaker spelled like a party is then a person.

use super::context::ends_longer_name;
use super::text::{has_word_boundaries, is_word_char};
use std::collections::{HashMap, HashSet};

/// Every run of word chars that follows a capitalised word (`Cuban` in `Mark Cuban`):
/// one pass, so that asking about each speaker does not rescan the article.
pub(super) fn surname_words(text: &str) -> HashSet<&str> {
    let mut out = HashSet::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if ends_longer_name(text, s) {
                    out.insert(&text[s..i]);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where the article writes, after a capitalised word, a word followed by a char that
/// ends words but not the text between spaces (`O'Brien`, `Al-Assad`, `Smith,`): keyed
/// by that word and that char, so a surname with inner punctuation is looked up among
/// the few places that begin like it instead of by a scan of the article.
pub(super) struct PunctuatedSurnames<'a> {
    starts: HashMap<(&'a str, char), Vec<usize>>,
}

impl<'a> PunctuatedSurnames<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut starts: HashMap<(&str, char), Vec<usize>> = HashMap::new();
        let bytes = text.as_bytes();
        for i in 1..text.len() {
            // `ends_longer_name` needs spaces before the surname.
            if !matches!(bytes[i - 1], b' ' | b'\t') || matches!(bytes[i], b' ' | b'\t') {
                continue;
            }
            let head = leading_word(&text[i..]);
            let Some(next) = text[i + head.len()..].chars().next() else {
                continue;
            };
            if next.is_whitespace() || !ends_longer_name(text, i) {
                continue;
            }
            starts.entry((head, next)).or_default().push(i);
        }
        PunctuatedSurnames { starts }
    }

    /// True when the article writes `word` (one that is not all word chars, without
    /// whitespace) on word boundaries after a capitalised word. Such an occurrence
    /// starts after a space with the word chars of `word` before its first other char.
    pub(super) fn contains(&self, text: &str, word: &str) -> bool {
        let head = leading_word(word);
        let Some(next) = word[head.len()..].chars().next() else {
            return false;
        };
        self.starts.get(&(head, next)).is_some_and(|starts| {
            starts.iter().any(|&i| {
                text[i..].starts_with(word) && has_word_boundaries(text, i, i + word.len())
            })
        })
    }
}

/// The word chars at the start of `s`.
fn leading_word(s: &str) -> &str {
    let end = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
    &s[..end]
}
