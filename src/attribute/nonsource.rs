//! Drafts whose speaker phrase can name no source: the words before a cue are a
//! construction (`suspected of backing`, `it is hard to understand`), not a subject.

use super::{Ctx, Draft};
use crate::parties::text::strip_possessive;
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
        let subject = strip_possessive(&self.span_text(d.speaker.clone())).to_lowercase();
        subject == "it" && infinitive && d.cue.start > d.speaker.end
    }
}
