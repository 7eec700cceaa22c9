//! Quotes that continue a statement without an attribution of their own: the
//! sentences that follow `"...," he said.` or `..., she said in an interview.` and
//! open with a quotation mark, in the same paragraph or the next. A quote in the same
//! paragraph joins the statement; one that opens the next paragraph is a statement of
//! its own by the same speaker with no cue (the guide's "quote paragraph with no cue of
//! its own that continues a speaker"), and the quotes after it join that one.

use super::drafts::PartIndex;
use super::quotes::QuoteSpan;
use super::{Ctx, Draft};
use crate::record::StatementKind;
use crate::segment::TokenKind;

/// Most quotes of its own paragraph one statement takes over this way.
const MAX_CONTINUATIONS: usize = 6;

impl Ctx<'_> {
    /// Extend each statement with the unattributed whole-sentence quotes that follow it,
    /// and add a statement for each such quote that opens a new paragraph.
    pub(crate) fn continue_with_quotes(&self, drafts: &mut Vec<Draft>, quotes: &[QuoteSpan]) {
        let tokens = &self.doc.tokens;
        // Quotes no statement covers yet (their opening mark lies in no content part).
        let parts = PartIndex::new(drafts);
        let mut free: Vec<bool> = quotes
            .iter()
            .map(|q| !parts.covers(tokens[q.open].start))
            .collect();
        let mut added = Vec::new();
        for d in drafts.iter_mut() {
            // The statement the next quote may join: `d`, or the last one added for it;
            // each takes at most MAX_CONTINUATIONS quotes of its paragraph.
            let mut current: Option<usize> = None;
            let mut joined = 0;
            loop {
                let tail = current.map_or(&*d, |i| &added[i]);
                let Some(end) = tail.parts.last().map(|p| p.1) else {
                    break;
                };
                let last = tokens.partition_point(|t| t.end <= end).saturating_sub(1);
                let Some(qi) = self.next_sentence_quote(last, quotes, &free) else {
                    break;
                };
                let q = &quotes[qi];
                if tokens[q.open].paragraph > tokens[last].paragraph {
                    free[qi] = false;
                    added.push(Draft {
                        speaker: d.speaker.clone(),
                        cue: q.open..q.open,
                        parts: q.parts.clone(),
                        kind: StatementKind::Direct,
                        first_token: q.open,
                    });
                    current = Some(added.len() - 1);
                    joined = 0;
                } else if joined < MAX_CONTINUATIONS {
                    free[qi] = false;
                    let joining = match current {
                        Some(i) => &mut added[i],
                        None => &mut *d,
                    };
                    joining.parts.extend(q.parts.iter().copied());
                    joined += 1;
                } else {
                    break;
                }
            }
        }
        drafts.extend(added);
    }

    /// The free quote that opens the sentence after the one of token `last` and
    /// fills that sentence, in the same paragraph or the next.
    fn next_sentence_quote(
        &self,
        last: usize,
        quotes: &[QuoteSpan],
        free: &[bool],
    ) -> Option<usize> {
        let tokens = &self.doc.tokens;
        let next = self.doc.sentence_of[last] + 1;
        let s = self.doc.sentences.get(next)?;
        if tokens[s.first].kind != TokenKind::Quote
            || tokens[s.first].paragraph > tokens[last].paragraph + 1
        {
            return None;
        }
        let qi = quotes.iter().position(|q| q.open == s.first)?;
        let q = &quotes[qi];
        // The quote must end its last sentence: `"..." he said` has an attribution.
        let end = self.doc.sentences[self.doc.sentence_of[q.close]].last;
        let closes = (q.close + 1..end).all(|k| tokens[k].kind == TokenKind::Punct);
        (free[qi] && closes).then_some(qi)
    }
}
