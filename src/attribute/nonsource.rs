//! Drafts whose speaker phrase can name no source: the words before a cue are a
//! construction (`suspected of backing`, `it is hard to understand`), not a subject.

use super::{Ctx, Draft};
use crate::words::SPEAKER_FINAL_PREPOSITIONS;

impl Ctx<'_> {
    /// True when `d`'s speaker phrase names no source: it ends in a preposition
    /// (`arrested for planning`), or it is `it` before an infinitive cue (`it is hard to
    /// understand`, `it's too simple to say`): the extraposed subject of an adjective.
    pub(crate) fn names_no_source(&self, d: &Draft) -> bool {
        if d.speaker.is_empty() || d.cue.start == 0 {
            return false;
        }
        let last = &self.lower[d.speaker.end - 1];
        if SPEAKER_FINAL_PREPOSITIONS.contains(last) {
            return true;
        }
        let infinitive = &self.lower[d.cue.start] == "to" || &self.lower[d.cue.start - 1] == "to";
        // `span_text` drops a possessive (`It's`).
        let subject = self.span_text(d.speaker.clone()).to_lowercase();
        subject == "it" && infinitive && d.cue.start > d.speaker.end
    }

    /// True when `d`'s content is only whom the words were told to, at the end of the
    /// sentence (`..., he told reporters.`, `she told CNN.`): the words are elsewhere (a
    /// quote before, already a statement), and this draft says nothing of its own.
    pub(crate) fn tells_only_the_listener(&self, d: &Draft) -> bool {
        let (_, content_end) = d.content();
        let text = self.doc.text;
        let listener_end = self.after_listener(&d.cue, self.doc.tokens.len());
        let at_end = text[content_end..]
            .chars()
            .find(|c| !c.is_whitespace())
            .is_none_or(|c| matches!(c, '.' | '!' | '?'));
        listener_end > d.cue.end && self.doc.tokens[listener_end - 1].end == content_end && at_end
    }
}
