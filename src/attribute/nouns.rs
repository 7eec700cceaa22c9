//! Attribution by a noun of saying with a possessive speaker: `his decision to
//! withdraw`, `Trump’s criticism of the judge`, `her attacks on Sanders`.

use super::words::is_possessive;
use super::{Ctx, Draft};
use crate::segment::{Sentence, TokenKind};

/// Nouns that report what someone said, decided or wants.
fn is_speech_noun(w: &str) -> bool {
    crate::words::SPEECH_NOUNS.contains(w)
}

/// Words after the noun that open its content; the first group stays in the content
/// (`decision {to withdraw}`, but for a `that`), the second belongs to the cue
/// (`attacks on {Sanders}`).
fn content_opener(w: &str) -> Option<bool> {
    match w {
        "that" | "to" | "of" | "not" => Some(true),
        "on" | "for" | "against" | "about" => Some(false),
        _ => None,
    }
}

/// Most tokens of a noun cue's content.
const MAX_CONTENT_TOKENS: usize = 25;

impl Ctx<'_> {
    /// A statement for every speech noun with a possessive before it.
    pub(crate) fn noun_statements(&mut self, drafts: &mut Vec<Draft>) {
        for si in 0..self.doc.sentences.len() {
            let sentence = self.doc.sentences[si];
            for i in sentence.first + 1..sentence.last.saturating_sub(2) {
                if let Some(draft) = self.noun_at(&sentence, i) {
                    drafts.push(draft);
                }
            }
        }
    }

    fn noun_at(&self, s: &Sentence, i: usize) -> Option<Draft> {
        if self.in_quote[i]
            || self.doc.tokens[i].kind != TokenKind::Word
            || !is_speech_noun(&self.lower[i])
        {
            return None;
        }
        let keep_opener = content_opener(&self.lower[i + 1])?;
        let speaker = self.possessor(s, i)?;
        let cue = if keep_opener { i..i + 1 } else { i..i + 2 };
        // `Obama's suggestion that ...`: the guide leaves the `that` out of the content.
        let start = cue.end + usize::from(&self.lower[i + 1] == "that");
        let end = self.content_end(s).min(start + MAX_CONTENT_TOKENS);
        let end = (start..end)
            .find(|&k| {
                self.doc.tokens[k].kind == TokenKind::Punct
                    && matches!(self.doc.word(k), "," | ";" | "—" | "(" | ":")
            })
            .unwrap_or(end);
        (end > start).then(|| self.draft_from(speaker, cue, start..end))
    }

    /// The possessive before token `i`: `his`, `their`, `Trump’s`, `Mr. Trump's`.
    fn possessor(&self, s: &Sentence, i: usize) -> Option<std::ops::Range<usize>> {
        let p = i - 1;
        let w = &self.lower[p];
        if matches!(w, "his" | "her" | "their" | "its") {
            return Some(p..p + 1);
        }
        if !(self.doc.is_capitalized(p) && is_possessive(w)) {
            return None;
        }
        // At most four capitalised words before the possessive: a name or a body
        // (`the New York Police Department's`), not a run of headline words.
        let start = self
            .doc
            .capitalized_run_start(p, s.first.max(p.saturating_sub(4)));
        Some(start..p + 1)
    }
}
