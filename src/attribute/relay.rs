//! News outlets that relay another source's words (`X said ..., Reuters reported`): the
//! guide counts the source's statement, not the relay.

use super::Ctx;
use crate::parties::text::strip_possessive;
use crate::words::{RELAY_HEADS, RELAYED_CUES, RELAYS};
use std::ops::Range;

/// The longest outlet name of `data/words/relays.txt`, in words.
const LONGEST_NAME: usize = 3;

impl Ctx<'_> {
    /// True when the speaker mention `speaker` is a news outlet or one of its
    /// correspondents, or a document: an outlet's name among its words (`a Washington Post
    /// report`, `NPR's Michelle Kelemen`), or a media or document head as its head word
    /// (`state media`, `a ministry statement`; not `the authors of the report`).
    pub(crate) fn is_relay(&self, speaker: Range<usize>) -> bool {
        let t = &self.doc.tokens;
        if speaker.is_empty() {
            return false;
        }
        let text = &self.doc.text[t[speaker.start].start..t[speaker.end - 1].end];
        let words: Vec<String> = text
            .split_whitespace()
            .map(|w| {
                strip_possessive(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty() && w != "the")
            .collect();
        // `The authors of the report`: the head stands before `of`.
        let head_word = match words.iter().position(|w| w == "of") {
            Some(of) => of.checked_sub(1).and_then(|k| words.get(k)),
            None => words.last(),
        };
        let head = head_word.is_some_and(|w| RELAY_HEADS.contains(w));
        head || (1..=LONGEST_NAME).any(|n| {
            words
                .windows(n)
                .any(|gram| RELAYS.contains(&gram.join(" ")))
        })
    }

    /// True when the cue `cue` is a plain verb of saying (`said`, `told`, `saying`): what
    /// an outlet relays, as against the events it reports (`Trump had considered`).
    pub(crate) fn is_speech_verb(&self, cue: Range<usize>) -> bool {
        cue.len() == 1 && RELAYED_CUES.contains(&self.lower[cue.start])
    }
}
