//! Reported speech introduced by a cue: `X emphasized that ...`, `X criticized ...`,
//! `..., X said.`, `according to X, ...`, `with Ukraine accusing Russia of ...`.

use super::drafts::Drafts;
use super::words::{
    follows_pronoun_that, is_addressee_cue, is_boundary, is_determiner, is_pronoun,
    is_sentence_connective, is_speech_frame_noun,
};
use super::{Ctx, Draft};
use crate::record::StatementKind;
use crate::segment::{Sentence, TokenKind};
use std::ops::Range;

/// How many tokens after a contrast conjunction its own cue may lie (`though the
/// Jordanian foreign minister, Ayman Safadi, wrote`).
const CONTRAST_REACH: usize = 14;

/// How many tokens of adjunct or addressee may stand between a cue and the `that` of
/// its clause (`told the UK House of Commons that`).
const THAT_REACH: usize = 9;

/// The fewest tokens a clause after `that` has; shorter, the `that` is a pronoun
/// (`ruled that out`).
const MIN_CLAUSE_TOKENS: usize = 3;

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
        let subject = self.subject_before(s.first, cue.start);
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
        let speaker = match subject {
            Some(sp) => sp,
            None if self.lower[cue.start].ends_with("ing")
                || self.follows_conjunction(s, cue.start) =>
            {
                self.main_subject(s, cue.start, drafts)?
            }
            None => return None,
        };
        // `The economy is weak, Trump said Monday.`
        if speaker.start > s.first
            && self.doc.is_punct(speaker.start - 1, ",")
            && self.ends_clause(cue.end, content_end)
        {
            let before = self.clause_before(s, speaker.start - 1)?;
            let parts = self.around(before, cue.end, content_end);
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
        let speaker = cue.end..end;
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
                || w.ends_with("’s")
                || w.ends_with("'s"))
    }

    /// Where the content starting at `start` ends when a second cue of the same
    /// subject follows (`rejected the accusation and thanked Turkey`): before the
    /// conjunction (and its comma); otherwise `end`.
    fn coordination_end(&self, start: usize, end: usize) -> usize {
        let second = (start + 1..end.saturating_sub(1)).find(|&k| {
            matches!(&self.lower[k], "and" | "but")
                && !self.in_quote[k]
                && self.cue_at(k + 1).is_some()
                && !self.in_quote[k + 1]
                && !self.parallel_gerund(start, k)
        });
        let second = second
            .or_else(|| self.contrast_clause(start, end))
            .or_else(|| self.trailing_participle(start, end));
        let Some(mut cut) = second else {
            return end;
        };
        while cut > start && matches!(self.doc.word(cut - 1), "," | ";" | "—") {
            cut -= 1;
        }
        if cut > start { cut } else { end }
    }

    /// Where the clause of a cue starts, as the guide has it: after a leading `that`,
    /// also one that follows an adjunct (`said Monday that`, `wrote on Twitter that`)
    /// or the addressee of `told`-like cues (`told reporters that`, `told the council:
    /// "..."`), and after the preposition of `warned of`, `spoke about`.
    fn reported_clause_start(&self, cue: usize, start: usize, end: usize) -> usize {
        if matches!(&self.lower[start], "of" | "about") && start + 1 < end {
            return start + 1;
        }
        if let Some(after) = self.after_speech_frame(start, end) {
            return after;
        }
        let reach = end.min(start + THAT_REACH);
        let Some(stop) = (start..reach).find(|&k| {
            &self.lower[k] == "that"
                || self.in_quote[k]
                || self.doc.is_punct(k, ",")
                || self.doc.is_punct(k, ":")
        }) else {
            return start;
        };
        let next_opens = stop + MIN_CLAUSE_TOKENS < end
            && matches!(
                self.doc.tokens[stop + 1].kind,
                TokenKind::Word | TokenKind::Quote
            );
        let opens_clause = next_opens
            && !self.in_quote[stop]
            && match self.doc.word(stop) {
                ":" => stop > start,
                w if w.eq_ignore_ascii_case("that") => !follows_pronoun_that(&self.lower[stop + 1]),
                _ => false,
            };
        let frame =
            stop == start || self.opens_adjunct(start) || is_addressee_cue(&self.lower[cue]);
        if opens_clause && frame {
            stop + 1
        } else {
            start
        }
    }

    /// Past the participle cue of a statement's vehicle (`released a statement saying
    /// ...`, `issued an alert warning ...`): the content is what the vehicle says.
    fn after_speech_frame(&self, start: usize, end: usize) -> Option<usize> {
        if !is_determiner(&self.lower[start]) {
            return None;
        }
        let reach = end.min(start + THAT_REACH);
        let noun =
            (start + 1..reach.min(start + 4)).find(|&k| is_speech_frame_noun(&self.lower[k]))?;
        let participle = (noun + 1..reach).find(|&k| {
            self.lower[k].ends_with("ing") && !self.in_quote[k] && self.cue_at(k).is_some()
        })?;
        let after = participle + self.cue_at(participle)?;
        let after = self.reported_clause_start(participle, after, end);
        (after + MIN_CLAUSE_TOKENS < end).then_some(after)
    }

    /// A participle cue after a comma (`..., saying the stalemate was due to their
    /// refusal`): one statement per cue, so the content ends before it. (Cutting before
    /// any participle, `..., drawing a rebuke`, measured worse on both dev sets.)
    fn trailing_participle(&self, start: usize, end: usize) -> Option<usize> {
        (start + 2..end.saturating_sub(1)).find(|&k| {
            let w = &self.lower[k];
            self.doc.is_punct(k - 1, ",")
                && !self.in_quote[k]
                && w.len() > 5
                && w.ends_with("ing")
                && self.cue_at(k).is_some()
        })
    }

    /// The conjunction of a contrast clause with its own attribution inside the content
    /// (`... in the international community, though Jordan's foreign minister wrote
    /// that ...`): another source speaks there, so the content ends before it.
    fn contrast_clause(&self, start: usize, end: usize) -> Option<usize> {
        (start + 2..end.saturating_sub(2)).find(|&k| {
            matches!(
                &self.lower[k],
                "though" | "although" | "while" | "whereas" | "but"
            ) && self.doc.is_punct(k - 1, ",")
                && !self.in_quote[k]
                && (k + 2..end.min(k + 2 + CONTRAST_REACH)).any(|c| {
                    !self.in_quote[c]
                        && self.cue_at(c).is_some()
                        && self.subject_before(k + 1, c).is_some()
                })
        })
    }

    /// True when the word after the conjunction at `and` is a gerund that continues a
    /// gerund inside the content (`accusing Russia of annexing Crimea and supporting
    /// separatists`): part of the content, not a second statement.
    fn parallel_gerund(&self, start: usize, and: usize) -> bool {
        self.lower[and + 1].ends_with("ing")
            && (start..and).any(|k| self.lower[k].len() > 4 && self.lower[k].ends_with("ing"))
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
        // The latest draft whose speaker and cue lie in the sentence before `cue`.
        let list = drafts.list();
        if let Some(d) = drafts
            .speakers_latest_first(s.first, cue)
            .into_iter()
            .find(|&i| {
                let d = &list[i];
                d.cue.end <= cue && d.speaker.end <= cue && !self.inside_content(i, drafts)
            })
            .map(|i| &list[i])
        {
            return Some(d.speaker.clone());
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

    /// One past the last token of the sentence that belongs to a content span
    /// (final punctuation outside quotes dropped).
    pub(crate) fn content_end(&self, s: &Sentence) -> usize {
        let mut end = s.last;
        while end > s.first
            && self.doc.tokens[end - 1].kind == TokenKind::Punct
            && matches!(
                self.doc.word(end - 1),
                "." | "!" | "?" | ";" | ":" | "," | "—"
            )
        {
            end -= 1;
        }
        end
    }

    /// True when nothing but an adjunct (`on Sunday`, `in a statement`) follows `i`.
    fn ends_clause(&self, i: usize, end: usize) -> bool {
        i >= end || self.doc.is_punct(i, ",") || (self.opens_adjunct(i) && end - i <= 8)
    }

    /// The tokens of the sentence before the comma at `comma`, past the connectives
    /// that open it (`But`, `Moreover,`); empty when only a connective is there.
    fn clause_before(&self, s: &Sentence, comma: usize) -> Option<Range<usize>> {
        if comma <= s.first {
            return None;
        }
        let mut first = s.first;
        while first < comma
            && (is_sentence_connective(&self.lower[first]) || self.doc.is_punct(first, ","))
            && !self.in_quote[first]
        {
            first += 1;
        }
        Some(first..comma)
    }

    /// The content around a parenthetical attribution (`The plan, aides said, is ...`):
    /// the clause before it and, when a comma closes the attribution, the rest.
    fn around(&self, before: Range<usize>, after: usize, end: usize) -> Vec<Range<usize>> {
        let rest = (after..end)
            .find(|&k| self.doc.is_punct(k, ","))
            .map(|c| c + 1..end);
        [before]
            .into_iter()
            .chain(rest)
            .filter(|r| !r.is_empty())
            .collect()
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
