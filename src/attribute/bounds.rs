//! Where a reported content starts and ends, as the annotation guide has it: past a
//! leading `that`, an adjunct, an addressee or a statement's vehicle; before a second
//! cue, a contrast clause with its own source, or a participle cue.

use super::Ctx;
use super::words::{
    follows_pronoun_that, is_addressee_cue, is_determiner, is_listener_cue, is_possessive,
    is_sentence_connective, is_skippable_before_cue, is_speech_frame_noun,
};
use crate::segment::{Sentence, TokenKind};
use std::ops::Range;

/// How many tokens after a contrast conjunction its own cue may lie (`though the
/// Jordanian foreign minister, Ayman Safadi, wrote`).
const CONTRAST_REACH: usize = 14;

/// How many tokens after an `and` the cue of a named source may lie (`and Kyiv
/// dismissing`, `and the Kremlin's spokesman said`).
const SOURCE_REACH: usize = 5;

/// How many tokens of adjunct or addressee may stand between a cue and the `that` of
/// its clause (`told the UK House of Commons that`).
const THAT_REACH: usize = 9;

/// The fewest tokens a clause after `that` has; shorter, the `that` is a pronoun
/// (`ruled that out`).
const MIN_CLAUSE_TOKENS: usize = 3;

impl Ctx<'_> {
    /// Where the content starting at `start` ends when a second cue of the same
    /// subject follows (`rejected the accusation and thanked Turkey`): before the
    /// conjunction (and its comma); otherwise `end`.
    pub(super) fn coordination_end(&self, start: usize, end: usize) -> usize {
        let second = (start + 1..end.saturating_sub(1)).find(|&k| {
            matches!(&self.lower[k], "and" | "but")
                && !self.in_quote[k]
                && self.cue_at(k + 1).is_some()
                && !self.in_quote[k + 1]
                && !self.parallel_gerund(start, k)
        });
        let second = second
            .or_else(|| self.contrast_clause(start, end))
            .or_else(|| self.coordinated_source(start, end))
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
    pub(super) fn reported_clause_start(&self, cue: usize, start: usize, end: usize) -> usize {
        if matches!(&self.lower[start], "of" | "about") && start + 1 < end {
            return start + 1;
        }
        // `said Friday the talks had failed`: the day is when, not what.
        // `said Monday was the deadline`: there the day is the clause's subject.
        if let Some(len) = self.time_adjunct_starting_at(start, end)
            && start + len + MIN_CLAUSE_TOKENS <= end
            && self.doc.tokens[start + len].kind == TokenKind::Word
            && !is_skippable_before_cue(&self.lower[start + len])
        {
            return self.reported_clause_start(cue, start + len, end);
        }
        if let Some(after) = self.after_speech_frame(start, end) {
            return after;
        }
        let reach = end.min(start + THAT_REACH);
        // `told Reuters the talks had failed`: with no `that`, the content starts after
        // whom the cue addresses.
        let has_that = (start..reach).any(|k| &self.lower[k] == "that");
        if !has_that
            && is_listener_cue(&self.lower[cue])
            && let Some(after) = self.after_addressee(start, end)
        {
            return after;
        }
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
    pub(super) fn after_speech_frame(&self, start: usize, end: usize) -> Option<usize> {
        if !is_determiner(&self.lower[start]) {
            return None;
        }
        let reach = end.min(start + THAT_REACH);
        let noun =
            (start + 1..reach.min(start + 4)).find(|&k| is_speech_frame_noun(&self.lower[k]))?;
        let (participle, len) = (noun + 1..reach).find_map(|k| {
            let participle = self.lower[k].ends_with("ing") && !self.in_quote[k];
            participle
                .then(|| self.cue_at(k).map(|len| (k, len)))
                .flatten()
        })?;
        let after = participle + len;
        if after + MIN_CLAUSE_TOKENS >= end {
            return None;
        }
        let after = self.reported_clause_start(participle, after, end);
        (after + MIN_CLAUSE_TOKENS < end).then_some(after)
    }

    /// A participle cue after a comma (`..., saying the stalemate was due to their
    /// refusal`): one statement per cue, so the content ends before it. (Cutting before
    /// any participle, `..., drawing a rebuke`, measured worse on both dev sets.)
    pub(super) fn trailing_participle(&self, start: usize, end: usize) -> Option<usize> {
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
    pub(super) fn contrast_clause(&self, start: usize, end: usize) -> Option<usize> {
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

    /// An `and` that opens a named source with a cue of its own inside the content
    /// (`Russia accusing Ukraine of using the corridor to move weapons and Kyiv
    /// dismissing the charge`): a second statement, so the content ends before it.
    pub(super) fn coordinated_source(&self, start: usize, end: usize) -> Option<usize> {
        (start + 2..end.saturating_sub(2)).find(|&k| {
            &self.lower[k] == "and"
                && !self.in_quote[k]
                // `the NBA and Nike had failed`: names joined by `and` are one subject.
                && !self.doc.is_capitalized(k - 1)
                && self.doc.is_capitalized(k + 1)
                && (k + 2..end.min(k + 2 + SOURCE_REACH)).any(|c| {
                    // A verb of speech (`dismissing`, `said`), not a noun cue
                    // (`Trump's decision to`).
                    let verb = self.lower[c].ends_with("ing") || self.lower[c].ends_with("ed")
                        || matches!(&self.lower[c], "said" | "says" | "told");
                    verb && !self.in_quote[c]
                        && self.cue_at(c).is_some()
                        && self.subject_before(k + 1, c).is_some_and(|subject| {
                            subject.start == k + 1
                                && !subject.clone().any(|t| is_possessive(&self.lower[t]))
                        })
                })
        })
    }

    /// True when the word after the conjunction at `and` is a gerund that continues a
    /// gerund inside the content (`accusing Russia of annexing Crimea and supporting
    /// separatists`): part of the content, not a second statement.
    pub(super) fn parallel_gerund(&self, start: usize, and: usize) -> bool {
        self.lower[and + 1].ends_with("ing")
            && (start..and).any(|k| self.lower[k].len() > 4 && self.lower[k].ends_with("ing"))
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
    pub(super) fn ends_clause(&self, i: usize, end: usize) -> bool {
        i >= end || self.doc.is_punct(i, ",") || (self.opens_adjunct(i) && end - i <= 8)
    }

    /// The tokens of the sentence before the comma at `comma`, past the connectives
    /// that open it (`But`, `Moreover,`); empty when only a connective is there.
    pub(super) fn clause_before(&self, s: &Sentence, comma: usize) -> Option<Range<usize>> {
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
    pub(super) fn around(
        &self,
        before: Range<usize>,
        after: usize,
        end: usize,
    ) -> Vec<Range<usize>> {
        let rest = (after..end)
            .find(|&k| self.doc.is_punct(k, ","))
            .map(|c| c + 1..end);
        [before]
            .into_iter()
            .chain(rest)
            .filter(|r| !r.is_empty())
            .collect()
    }
}
