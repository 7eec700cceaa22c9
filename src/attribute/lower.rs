//! The lower-cased words of an article, in one buffer: one string per token would cost
//! a heap block and 24 bytes each, several times the text of a long article.

use crate::segment::Document;
use std::ops::Index;

/// The lower-cased text of each token of a document, indexed by token.
#[derive(Debug, Default)]
pub(crate) struct LowerWords {
    text: String,
    /// Where each token's lower-cased text ends in `text` (it starts where the last ends).
    ends: Vec<usize>,
}

impl LowerWords {
    pub(crate) fn new(doc: &Document) -> Self {
        let mut text = String::with_capacity(doc.text.len());
        let mut ends = Vec::with_capacity(doc.tokens.len());
        for i in 0..doc.tokens.len() {
            let word = doc.word(i);
            // `str::to_lowercase` handles a final sigma by context: lower-case the word
            // alone, as before, not as part of a longer string.
            if word
                .chars()
                .all(|c| c.is_ascii() && !c.is_ascii_uppercase())
            {
                text.push_str(word);
            } else {
                text.push_str(&word.to_lowercase());
            }
            ends.push(text.len());
        }
        text.shrink_to_fit();
        LowerWords { text, ends }
    }
}

impl Index<usize> for LowerWords {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}
