//! Reported speech introduced by a cue: `X emphasized that ...`, `X criticized ...`,
//! `..., X said.`, `according to X, ...`, `with Ukraine accusing Russia of ...`.

use super::drafts::Drafts;
use super::words::{is_boundary, is_determiner, is_possessive, is_pronoun, is_speech_frame_noun};
use super::{Ctx, Draft};
use crate::record::StatementKind;
use crate::segment::{Sentence, TokenKind};
use std::ops::Range;

impl Ctx<'_> {
    /// Add a statement for every unused cue with a subject, sentence by sentence.
    pub(crate) fn reported_statements(&mut self, drafts: &mut Drafts) {
        for si in 0..self.doc.sentences.len() {
            let sentence = self.doc.sentences[si];
            let mut i = sentence.first;
            while i < sentence.last {
                let len = match self.cue_at(i) {
                    Some(len) if !self.consumed[i] && !self.in_quote[i] => len,
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let cue = i..i + len;
                if let Some(draft) = self.reported_at(&sentence, cue.clone(), drafts) {
                    for k in cue.clone() {
                        self.consumed[k] = true;
                    }
                    drafts.push(draft);
                }
                i += len;
            }
        }
    }

    fn reported_at(&self, s: &Sentence, cue: Range<usize>, drafts: &Drafts) -> Option<Draft> {
        if &self.lower[cue.start] == "according" {
            return self.according_to(s, cue);
        }
        let content_end = self.content_end(s);
        // `his support`, `the decision`: a noun, not a verb of saying.
        if cue.start > s.first && self.is_noun_marker(cue.start - 1) {
            return None;
        }
        // `..., said Peskov.` (a participle after a comma opens a clause instead)
        let participle = self.lower[cue.start].ends_with("ing");
        let subject = self.cue_subject(s, s.first, cue.start, drafts);
        // An apposition (`Peskov, spokesperson for Putin, said`) is no inversion.
        let apposition = subject.as_ref().is_some_and(|sp| sp.start == s.first);
        if !participle
            && !apposition
            && cue.start > s.first
            && self.doc.is_punct(cue.start - 1, ",")
            && let Some(speaker) = self.subject_after(cue.end, content_end)
            && self.ends_clause(speaker.end, content_end)
        {
            let before = self.clause_before(s, cue.start - 1)?;
            let parts = self.around(before, speaker.end, content_end);
            return (!parts.is_empty()).then(|| self.draft_parts(speaker, cue, &parts));
        }
        // `a book written by ...` is no attribution by the book.
        if cue.end < content_end && &self.lower[cue.end] == "by" {
            return None;
        }
        // `was quoted as saying ...`: the statement is the participle's, not `quoted`'s.
        if cue.end + 1 < content_end
            && &self.lower[cue.end] == "as"
            && self.cue_at(cue.end + 1).is_some()
        {
            return None;
        }
        let speaker = match subject {
            Some(sp) => sp,
            None if self.lower[cue.start].ends_with("ing")
                || self.follows_conjunction(s, cue.start) =>
            {
                self.main_subject(s, cue.start, drafts)?
            }
            None => return None,
        };
        // `The economy is weak, Trump said Monday.`, `..., he told reporters.`
        let after_cue = self.after_listener(&cue, content_end);
        if speaker.start > s.first
            && self.doc.is_punct(speaker.start - 1, ",")
            && self.ends_clause(after_cue, content_end)
        {
            let before = self.clause_before(s, speaker.start - 1)?;
            let parts = self.around(before, after_cue, content_end);
            return (!parts.is_empty()).then(|| self.draft_parts(speaker, cue, &parts));
        }
        let mut start = cue.end;
        while start < content_end && matches!(self.doc.word(start), "," | ":" | "—") {
            start += 1;
        }
        if start >= content_end {
            return None;
        }
        // `in the interview published on Sunday`: a past participle after the object of
        // a preposition modifies it (a reduced relative clause); nobody speaks.
        if self.opens_place_or_time(start)
            && self.lower[cue.start].ends_with("ed")
            && speaker.start > s.first
            && is_determiner(&self.lower[speaker.start])
            && matches!(
                &self.lower[speaker.start - 1],
                "in" | "on" | "at" | "during" | "from" | "through" | "after" | "before" | "under"
            )
        {
            return None;
        }
        let start = self.reported_clause_start(cue.start, start, content_end);
        let end = self.coordination_end(start, content_end);
        // `spoke on Friday`, `met in Iowa`: an adjunct alone says nothing.
        if end - start <= 4 && self.opens_place_or_time(start) {
            return None;
        }
        Some(self.draft(speaker, cue, start..end))
    }

    /// `according to X, ...` and `..., according to X`.
    fn according_to(&self, s: &Sentence, cue: Range<usize>) -> Option<Draft> {
        let content_end = self.content_end(s);
        let mut end = cue.end;
        while end < content_end
            && end - cue.end < 10
            && self.doc.tokens[end].kind == TokenKind::Word
            && (end == cue.end || !is_boundary(&self.lower[end]))
        {
            end += 1;
        }
        if end == cue.end {
            return None;
        }
        let mut speaker = cue.end..end;
        // `according to a statement from St. James' Palace`: the source of the document.
        if let Some(source) = self.document_source(end, content_end) {
            speaker = source.clone();
            end = source.end;
        }
        if cue.start > s.first && matches!(self.doc.word(cue.start - 1), "," | "(" | "—") {
            let content = self.clause_before(s, cue.start - 1)?;
            return (!content.is_empty()).then(|| self.draft(speaker, cue, content));
        }
        let mut start = end;
        while start < content_end && self.doc.tokens[start].kind == TokenKind::Punct {
            start += 1;
        }
        (start < content_end).then(|| self.draft(speaker, cue, start..content_end))
    }

    /// The source after a document noun that ends at `end` (`a statement from X`,
    /// `previous analysis by X`): a phrase holding a capitalised word, up to `limit`.
    fn document_source(&self, end: usize, limit: usize) -> Option<Range<usize>> {
        if !is_speech_frame_noun(&self.lower[end - 1])
            || end + 1 >= limit
            || !matches!(&self.lower[end], "from" | "by")
        {
            return None;
        }
        let start = end + 1;
        let mut stop = start;
        while stop < limit
            && stop - start < 10
            && self.doc.tokens[stop].kind == TokenKind::Word
            && (stop == start || !is_boundary(&self.lower[stop]))
        {
            stop += 1;
        }
        (start..stop)
            .any(|k| self.doc.is_capitalized(k))
            .then_some(start..stop)
    }

    /// True when token `i` opens a place or time adjunct (`on Friday`, `in Iowa`);
    /// `of`, `about` and `against` open content (`warned of a long war`).
    fn opens_place_or_time(&self, i: usize) -> bool {
        self.opens_adjunct(i)
            && !matches!(
                &self.lower[i],
                "of" | "about" | "against" | "for" | "to" | "with" | "over"
            )
    }

    /// True when token `i` makes the word after it a noun (`the`, `his`, `Trump’s`).
    pub(crate) fn is_noun_marker(&self, i: usize) -> bool {
        let w = &self.lower[i];
        self.doc.tokens[i].kind == TokenKind::Word
            && (is_determiner(w)
                && !matches!(
                    w,
                    "both"
                        | "all"
                        | "each"
                        | "many"
                        | "most"
                        | "several"
                        | "some"
                        | "few"
                        | "two"
                        | "three"
                        | "other"
                )
                || is_possessive(w))
    }

    /// True when the cue at `cue` is the second verb of its subject (`... and said`).
    pub(crate) fn follows_conjunction(&self, s: &Sentence, cue: usize) -> bool {
        cue > s.first && matches!(&self.lower[cue - 1], "and" | "but" | "then")
    }

    /// The subject of the clause a participle (`insisting`, `accusing`) or a second
    /// verb (`... and said`) hangs on.
    pub(crate) fn main_subject(
        &self,
        s: &Sentence,
        cue: usize,
        drafts: &Drafts,
    ) -> Option<Range<usize>> {
        if let Some(speaker) = self.sentence_speaker(s, cue, drafts) {
            return Some(speaker);
        }
        let mut i = s.first;
        // Skip an opening adjunct: `Despite these tensions, Ukraine ...`.
        if self.doc.tokens[i].kind == TokenKind::Word && is_boundary(&self.lower[i]) {
            i = (i..cue).find(|&k| self.doc.is_punct(k, ","))? + 1;
        }
        if is_pronoun(&self.lower[i]) {
            return Some(i..i + 1);
        }
        let start = i;
        if is_determiner(&self.lower[i]) {
            i += 1;
        }
        let mut end = i;
        while end < cue && self.doc.is_capitalized(end) {
            end += 1;
        }
        (end > i).then_some(start..end)
    }

    /// The speaker of the latest draft whose speaker and cue lie in the sentence before
    /// `cue` (`X said ..., adding`), outside the content of another.
    pub(crate) fn sentence_speaker(
        &self,
        s: &Sentence,
        cue: usize,
        drafts: &Drafts,
    ) -> Option<Range<usize>> {
        let list = drafts.list();
        drafts
            .speakers_latest_first(s.first, cue)
            .into_iter()
            .find(|&i| {
                let d = &list[i];
                d.cue.end <= cue && d.speaker.end <= cue && !self.inside_content(i, drafts)
            })
            .map(|i| list[i].speaker.clone())
    }

    /// A draft with one content range.
    pub(crate) fn draft_from(
        &self,
        speaker: Range<usize>,
        cue: Range<usize>,
        content: Range<usize>,
    ) -> Draft {
        self.draft_parts(speaker, cue, &[content])
    }

    fn draft(&self, speaker: Range<usize>, cue: Range<usize>, content: Range<usize>) -> Draft {
        self.draft_parts(speaker, cue, &[content])
    }

    /// A draft whose content is one or more token ranges, in order.
    fn draft_parts(
        &self,
        speaker: Range<usize>,
        cue: Range<usize>,
        parts: &[Range<usize>],
    ) -> Draft {
        let t = &self.doc.tokens;
        let quoted = parts
            .iter()
            .flat_map(|p| p.clone())
            .any(|k| t[k].kind == TokenKind::Quote);
        let kind = if quoted {
            StatementKind::Mixed
        } else {
            StatementKind::Indirect
        };
        Draft {
            speaker,
            cue,
            parts: parts
                .iter()
                .map(|p| (t[p.start].start, t[p.end - 1].end))
                .collect(),
            kind,
            first_token: parts[0].start,
        }
    }
}
