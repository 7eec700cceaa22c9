//! Words between a subject and its cue that are not the subject: time adjuncts (`last
//! week`, `on Tuesday`), dash appositions and prepositional phrases (`in a statement`).

use super::Ctx;
use super::titles::is_org_word;
use super::words::{
    is_determiner, is_listener_cue, is_pronoun, is_skippable_before_cue, is_weekday,
};
use crate::parties::text::strip_possessive;
use crate::segment::TokenKind;
use crate::words::{DATE_OPENERS, LISTENERS, MONTHS, PERIODS};
use std::ops::Range;

/// Most prepositional phrases walked back over between a subject and its cue.
const MAX_ADJUNCTS: usize = 3;

/// Fewest tokens of a clause after an addressee (`told Reuters the talks failed`).
const MIN_CLAUSE_WORDS: usize = 3;

impl Ctx<'_> {
    /// The subject when the phrase before the cue, `np`, ends a prepositional phrase:
    /// a name before it is the speaker (`Peskov in a statement said`, `Peskov in an
    /// interview with CNN said`); a description keeps it (`Officials in Kyiv said`, `A
    /// spokesman at the embassy said`).
    pub(super) fn phrase_with_adjuncts(&self, floor: usize, np: Range<usize>) -> Range<usize> {
        let mut current = np.clone();
        for _ in 0..MAX_ADJUNCTS {
            let Some(prep) = current.start.checked_sub(1).filter(|&p| p > floor) else {
                break;
            };
            if !matches!(
                &self.lower[prep][..],
                "in" | "at" | "with" | "during" | "from" | "of"
            ) {
                break;
            }
            let Some(mut head) = self.np_ending_at(floor, prep) else {
                break;
            };
            // `the Ministry of Foreign Affairs in Moscow`: a name with `of` inside.
            while head.start >= floor + 2
                && &self.lower[head.start - 1] == "of"
                && self.doc.is_capitalized(head.start - 2)
            {
                head.start = self.doc.capitalized_run_start(head.start - 1, floor);
            }
            let opens =
                self.doc.is_capitalized(head.start) || is_determiner(&self.lower[head.start]);
            if !opens || is_pronoun(&self.lower[head.end - 1]) {
                break;
            }
            if self.doc.is_capitalized(head.end - 1) && !self.is_capitalised_common_noun(&head) {
                if &self.lower[prep] != "of" {
                    return head;
                }
                // `Nate Jones of Amnesty International`: the person speaks for the body;
                // `Bank of England`: one name.
                let person = head.len() >= 2
                    && head.clone().all(|k| {
                        self.doc.is_capitalized(k) && !is_org_word(strip_possessive(&self.lower[k]))
                    });
                return if person { head } else { head.start..np.end };
            }
            current = head.start..current.end;
        }
        current
    }

    /// True for a one-word phrase capitalised only because it opens the sentence and
    /// naming a group (`Officials`, `Protesters`, `Residents`): no name.
    fn is_capitalised_common_noun(&self, phrase: &Range<usize>) -> bool {
        let k = phrase.start;
        phrase.len() == 1
            && self.doc.sentences[self.doc.sentence_of[k]].first == k
            && self.lower[k].ends_with('s')
            && !self.lower[k].ends_with("ss")
    }

    /// How many tokens a time adjunct ending right before `end` spans (`on Tuesday`, `last
    /// week`, `earlier this month`, `on March 3`): it stands between a subject and its cue
    /// (`Carrie Lam last week said`).
    pub(super) fn time_adjunct_ending_at(&self, floor: usize, end: usize) -> Option<usize> {
        let word = |k: usize| &self.lower[k][..];
        let is_day = |k: usize| word(k).chars().all(|c| c.is_ascii_digit());
        let last = end - 1;
        // `on Tuesday`, `late Tuesday`, `on March 3`
        if last > floor && opens_weekday(word(last - 1)) && is_weekday(word(last)) {
            return Some(2);
        }
        if last > floor + 1
            && word(last - 2) == "on"
            && is_day(last)
            && MONTHS.contains(word(last - 1))
        {
            return Some(3);
        }
        // `in May`, `since March`
        if last > floor && MONTHS.contains(word(last)) && DATE_OPENERS.contains(word(last - 1)) {
            return Some(2);
        }
        // `last week`, `this month`, `earlier this year`
        if PERIODS.contains(word(last))
            && last > floor
            && matches!(word(last - 1), "last" | "this" | "next" | "that")
        {
            let earlier = last > floor + 1 && matches!(word(last - 2), "earlier" | "later");
            return Some(if earlier { 3 } else { 2 });
        }
        None
    }

    /// True when token `i` is a dash that opens or closes an apposition.
    pub(super) fn is_dash(&self, i: usize) -> bool {
        matches!(self.doc.word(i), "—" | "–" | "--")
    }

    /// How many tokens a time adjunct starting at `start` spans, right after a cue
    /// (`said Friday the talks had failed`, `said on Tuesday the ...`, `said last week
    /// the ...`); None where there is none.
    pub(super) fn time_adjunct_starting_at(&self, start: usize, end: usize) -> Option<usize> {
        let word = |k: usize| if k < end { &self.lower[k][..] } else { "" };
        let len = if is_weekday(word(start))
            || matches!(word(start), "yesterday" | "today" | "tonight")
        {
            1
        } else if (opens_weekday(word(start)) && is_weekday(word(start + 1)))
            || (matches!(word(start), "last" | "this" | "next")
                && PERIODS.contains(word(start + 1)))
        {
            2
        } else {
            return None;
        };
        (start + len < end).then_some(len)
    }

    /// Where the words after the addressee of `told` end (`told Reuters the talks had
    /// failed`, `told reporters in Moscow on Monday the ...`): past a name or a group of
    /// listeners, a place after `in` and a time adjunct. None where no addressee stands
    /// at `start` or no clause follows it.
    pub(super) fn after_addressee(&self, start: usize, end: usize) -> Option<usize> {
        let mut k = start;
        if self.doc.is_capitalized(k) {
            k = self.doc.capitalized_run_end(k, end);
            // `told Putin Russia must withdraw`: the last name is the clause's subject;
            // `told Russian news agencies the ...`: the run is no whole addressee.
            if k < end && self.doc.tokens[k].kind == TokenKind::Word && !self.doc.is_capitalized(k)
            {
                let next = &self.lower[k];
                if is_skippable_before_cue(next) && k - start >= 2 {
                    return (k - 1 + MIN_CLAUSE_WORDS < end).then_some(k - 1);
                }
                if !is_determiner(next)
                    && !is_pronoun(next)
                    && !matches!(next, "in" | "at" | "on" | "that")
                {
                    return None;
                }
            }
        } else {
            if is_determiner(&self.lower[k]) {
                k += 1;
            }
            if k >= end || !LISTENERS.contains(&self.lower[k]) {
                return None;
            }
            k += 1;
        }
        if k + 1 < end
            && matches!(&self.lower[k][..], "in" | "at")
            && self.doc.is_capitalized(k + 1)
        {
            k = self.doc.capitalized_run_end(k + 1, end);
        }
        if let Some(len) = self.time_adjunct_starting_at(k, end) {
            k += len;
        }
        (k + MIN_CLAUSE_WORDS < end && self.doc.tokens[k].kind == TokenKind::Word).then_some(k)
    }
}

impl Ctx<'_> {
    /// Where the clause goes on after a listener cue and its listener (`told reporters`,
    /// `told The Daily Beast`, `told the Associated Press`), so that `The pilots were
    /// trained, he told reporters.` reads as an inversion; `cue.end` where there is no
    /// listener.
    pub(crate) fn after_listener(&self, cue: &Range<usize>, end: usize) -> usize {
        let mut k = cue.end;
        if cue.len() != 1 || k >= end || !is_listener_cue(&self.lower[cue.start]) {
            return cue.end;
        }
        if is_determiner(&self.lower[k]) && k + 1 < end {
            k += 1;
        }
        if self.doc.is_capitalized(k) {
            self.doc.capitalized_run_end(k, end)
        } else if LISTENERS.contains(&self.lower[k]) {
            k + 1
        } else {
            cue.end
        }
    }
}

/// The words that make a weekday after them an adjunct (`on Tuesday`, `late Tuesday`).
fn opens_weekday(word: &str) -> bool {
    matches!(word, "on" | "late" | "early")
}
