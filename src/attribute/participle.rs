//! The speaker of a participle cue after a comma or a statement's vehicle (`Kerry
//! defended the policy, saying ...`, `Obama has criticized the deal, citing ...`,
//! `issued a statement saying`): the subject of the clause the participle hangs on, not
//! the phrase nearest the cue (`the policy`, `the deal`, `a statement`).

use super::Ctx;
use super::drafts::Drafts;
use super::words::{is_determiner, is_possessive, is_speech_frame_noun};
use crate::segment::{Sentence, TokenKind};
use crate::words::{BE_FORMS, PAST_TENSE_VERBS};
use std::ops::Range;

impl Ctx<'_> {
    /// True when the cue at `cue` is a participle hanging on the clause before it:
    /// after a comma (`..., saying`) or after the vehicle of a statement (`issued a
    /// statement saying`; data/words/speech-frame-nouns.txt).
    fn is_hanging_participle(&self, s: &Sentence, cue: usize) -> bool {
        cue > s.first + 1
            && self.lower[cue].ends_with("ing")
            && (self.doc.is_punct(cue - 1, ",") || is_speech_frame_noun(&self.lower[cue - 1]))
    }

    /// The subject of the cue at `cue`, looking back within `floor..cue`: for a hanging
    /// participle the subject of its clause where one is found, else the phrase before
    /// the cue.
    pub(crate) fn cue_subject(
        &self,
        s: &Sentence,
        floor: usize,
        cue: usize,
        drafts: &Drafts,
    ) -> Option<Range<usize>> {
        if self.is_hanging_participle(s, cue) {
            self.participle_subject(s, cue, drafts)
                .or_else(|| self.subject_before(floor, cue))
        } else {
            self.subject_before(floor, cue)
        }
    }

    /// The subject of the clause the participle cue at `cue` hangs on: the speaker of an
    /// earlier statement of the sentence (`X said ..., adding`), else the subject of the
    /// nearest finite verb before the comma or vehicle that precedes the cue.
    fn participle_subject(
        &self,
        s: &Sentence,
        cue: usize,
        drafts: &Drafts,
    ) -> Option<Range<usize>> {
        if let Some(speaker) = self.sentence_speaker(s, cue, drafts) {
            return Some(speaker);
        }
        let before = cue.checked_sub(1)?;
        let verb = (s.first + 1..before)
            .rev()
            .find(|&k| !self.in_quote[k] && self.is_finite_verb(k))?;
        self.subject_before(s.first, verb)
    }

    /// True when token `k` reads as the finite verb of a clause: an irregular past
    /// tense, a regular one in -ed, or a cue that is no participle; not after a
    /// determiner (`reclaim all occupied territories, insisting` in the NATO example),
    /// a possessive (`rejected Trump's plan, saying`) or a form of `be` (a passive:
    /// `was planned by`).
    fn is_finite_verb(&self, k: usize) -> bool {
        if self.doc.tokens[k].kind != TokenKind::Word || self.doc.is_capitalized(k) {
            return false;
        }
        let prev = &self.lower[k - 1];
        // `Trump's plan`: after a possessive a cue word is a noun.
        if is_determiner(prev) || is_possessive(prev) || BE_FORMS.contains(prev) {
            return false;
        }
        let w = &self.lower[k];
        PAST_TENSE_VERBS.contains(w)
            || (w.len() > 4 && w.ends_with("ed"))
            || (self.cue_at(k).is_some() && !w.ends_with("ing") && w != "according")
    }
}
