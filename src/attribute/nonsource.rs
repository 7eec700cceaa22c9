//! Drafts whose speaker phrase can name no source: the words before a cue are a
//! construction (`suspected of backing`, `it is hard to understand`) or the subject of
//! a passive (`she was asked about`), not a speaker.

use super::{Ctx, Draft};
use crate::words::{BE_FORMS, MONTHS, SPEAKER_FINAL_PREPOSITIONS, TIME_WORDS, WEEKDAYS};

/// Most tokens after a passive cue where its agent (`by ...`) may stand.
const PASSIVE_AGENT_REACH: usize = 12;

impl Ctx<'_> {
    /// True when `d`'s speaker phrase names no source: it ends in a preposition
    /// (`arrested for planning`), it is the subject of a passive cue with no agent
    /// (`she was asked about`), or it is `it` before an infinitive cue (`it is hard to
    /// understand`, `it's too simple to say`): the extraposed subject of an adjective.
    pub(crate) fn names_no_source(&self, d: &Draft) -> bool {
        if d.speaker.is_empty() || d.cue.start == 0 {
            return false;
        }
        let last = &self.lower[d.speaker.end - 1];
        if SPEAKER_FINAL_PREPOSITIONS.contains(last) {
            return true;
        }
        if self.is_passive_cue(d) {
            return true;
        }
        let infinitive = &self.lower[d.cue.start] == "to" || &self.lower[d.cue.start - 1] == "to";
        // `span_text` drops a possessive (`It's`).
        let subject = self.span_text(d.speaker.clone()).to_lowercase();
        subject == "it" && infinitive && d.cue.start > d.speaker.end
    }

    /// True when `d`'s cue is a passive with no agent (`Sanders was asked about`, `the
    /// breach was announced Monday`, `the doctors were threatened with dismissal`): its
    /// subject is whom or what the words were about, not who spoke. A progressive
    /// (`had been calling for`), `quoted` (`was quoted as saying`) and a passive with its
    /// agent (`were dubbed "Project Fear" by Brexiteers`) stay.
    fn is_passive_cue(&self, d: &Draft) -> bool {
        let (cue, before) = (&self.lower[d.cue.start], &self.lower[d.cue.start - 1]);
        if !BE_FORMS.contains(before)
            || cue.ends_with("ing")
            || cue == "quoted"
            || d.speaker.start >= d.cue.start
        {
            return false;
        }
        // `last` is one past the sentence's last token.
        let sentence_end = self.doc.sentences[self.doc.sentence_of[d.cue.start]].last;
        let reach = sentence_end.min(d.cue.end + PASSIVE_AGENT_REACH);
        // The agent stands in the cue's own clause (not `was released on Monday and was
        // praised by experts`) and is no date (`would be restored by Monday`).
        let word = |k: usize| if k < reach { &self.lower[k][..] } else { "" };
        let is_date = |w: &str| {
            WEEKDAYS.contains(w) || MONTHS.contains(w) || TIME_WORDS.contains(w) || w == "end"
        };
        let agent = (d.cue.end..reach)
            .take_while(|&k| !matches!(word(k), "," | ";" | "and" | "that" | "but"))
            .any(|k| {
                let (next, after) = (word(k + 1), word(k + 2));
                let head = if matches!(next, "the" | "a") {
                    after
                } else {
                    next
                };
                word(k) == "by" && !head.is_empty() && !is_date(head)
            });
        !agent
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
