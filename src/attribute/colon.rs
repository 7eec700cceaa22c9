//! Attribution by a colon alone, as headlines write it: `Trump: Cruz Has ‘To Come a
//! Long Way’ On Ethanol`, `Poll: Sanders Leads`, `Kerry: "By law, ..."`.

use super::drafts::Drafts;
use super::titles::is_title;
use super::words::{is_boundary, is_colon_label, is_pronoun, is_weekday};
use super::{Ctx, Draft};
use crate::record::StatementKind;
use crate::segment::{Sentence, TokenKind};
use crate::words::GROUP_SPEAKER_HEADS;

/// Most words a speaker before a bare colon may have (`Wash Post Fact-Check`).
const MAX_SPEAKER_WORDS: usize = 5;

/// Fewest words of content after the colon.
const MIN_CONTENT_WORDS: usize = 3;

impl Ctx<'_> {
    /// A statement for each sentence that opens with `Speaker:` and no cue word.
    pub(crate) fn colon_statements(&mut self, drafts: &mut Drafts) {
        for si in 0..self.doc.sentences.len() {
            let sentence = self.doc.sentences[si];
            if let Some(draft) = self.colon_at(&sentence, drafts) {
                self.consumed[draft.cue.start] = true;
                drafts.push(draft);
            }
        }
    }

    fn colon_at(&self, s: &Sentence, drafts: &Drafts) -> Option<Draft> {
        // `Kerry to Israel:`, `Trump on Syria's Kurds:`: the speaker, then whom or what the
        // words are addressed to, may stand before the colon.
        let limit = (s.first + 2 * MAX_SPEAKER_WORDS + 1).min(s.last);
        let colon = (s.first + 1..limit).find(|&k| self.doc.is_punct(k, ":"))?;
        if self.in_quote[colon] {
            return None;
        }
        let addressee = (s.first + 1..colon).find(|&k| matches!(&self.lower[k][..], "to" | "on"));
        let speaker = s.first..addressee.unwrap_or(colon);
        let addressee_ok = addressee
            .is_none_or(|k| colon - k <= MAX_SPEAKER_WORDS + 1 && self.doc.is_capitalized(k + 1));
        if speaker.len() > MAX_SPEAKER_WORDS || !addressee_ok {
            return None;
        }
        let lower_case = speaker
            .clone()
            .filter(|&k| !self.doc.is_capitalized(k))
            .count();
        // `Gulf crisis:`, `Cave rescue:`: a topic label ends in a common noun, a speaker
        // in a name or a speaker's head (`Opposition leader:`, `He cried:`).
        let last = &self.lower[speaker.end - 1];
        let head_ok = self.doc.is_capitalized(speaker.end - 1)
            || GROUP_SPEAKER_HEADS.contains(last)
            || is_title(last)
            || is_pronoun(&self.lower[s.first]);
        let speaker_ok = self.doc.is_capitalized(s.first)
            && head_ok
            && lower_case <= 1
            && speaker.clone().all(|k| {
                self.doc.tokens[k].kind == TokenKind::Word
                    && !is_boundary(&self.lower[k])
                    && !is_colon_label(&self.lower[k])
                    && !is_weekday(&self.lower[k])
                    && self.cue_at(k).is_none()
            })
            && !(speaker.len() == 1 && is_pronoun(&self.lower[s.first]))
            // A date or a sentence adverb opens the line (`September 11th:`, `Meanwhile:`).
            && !crate::words::NON_SOURCE_WORDS.contains(&self.lower[s.first]);
        if !speaker_ok {
            return None;
        }
        let end = self.content_end(s);
        let start = colon + 1;
        let words = (start..end)
            .filter(|&k| self.doc.tokens[k].kind == TokenKind::Word)
            .count();
        if words < MIN_CONTENT_WORDS {
            return None;
        }
        // A quote already attributed elsewhere is not this speaker's.
        let (b0, b1) = (self.doc.tokens[start].start, self.doc.tokens[end - 1].end);
        if drafts.parts().overlaps(b0, b1) {
            return None;
        }
        // `Visit to China: Macron said ...`: a label, not a speaker with an addressee; the
        // speaker must be a name the article writes again, and the words no statement of
        // their own.
        if addressee.is_some()
            && (!self.named_elsewhere(s, speaker.end - 1)
                || (start..end).any(|k| self.cue_at(k).is_some()))
        {
            return None;
        }
        let whole_quote = self.doc.tokens[start].kind == TokenKind::Quote
            && self.doc.tokens[end - 1].kind == TokenKind::Quote;
        // `to Israel:` attributes the words and names whom they are for (a target).
        let cue = addressee.unwrap_or(colon)..colon + 1;
        let mut draft = self.draft_from(speaker, cue, start..end);
        if whole_quote {
            draft.kind = StatementKind::Direct;
        }
        Some(draft)
    }

    /// True when the word at token `k` recurs capitalised outside sentence `s`, and not
    /// only where a sentence opens: a name (`Kerry`), not a headline's common noun.
    fn named_elsewhere(&self, s: &Sentence, k: usize) -> bool {
        let word = self.doc.word(k);
        (0..self.doc.tokens.len()).any(|j| {
            (j < s.first || j >= s.last)
                && self.doc.word(j) == word
                && self.doc.sentences[self.doc.sentence_of[j]].first != j
        })
    }
}
