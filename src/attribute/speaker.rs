//! Finding the speaker mention next to a cue (`Kremlin spokesman Dmitry Peskov said`,
//! `said Peskov`, `Peskov, the Kremlin spokesman, said`).

use super::Ctx;
use super::words::{
    is_boundary, is_determiner, is_pronoun, is_skippable_before_cue, is_time_word,
    is_verb_phrase_opener,
};

use super::titles::is_org_word;
use crate::segment::TokenKind;
use crate::words::JOINT_SPEAKER_HEADS;
use std::ops::Range;

/// Longest noun phrase accepted as a speaker, in words.
const MAX_NP_WORDS: usize = 9;

/// Longest apposition between a subject and its cue, in tokens.
const MAX_APPOSITION_TOKENS: usize = 40;

impl Ctx<'_> {
    /// True when token `i` may be part of a speaker noun phrase.
    fn np_word(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        match t.kind {
            TokenKind::Word => {
                (!is_boundary(&self.lower[i]) || self.is_modal_name(i)) && self.cue_at(i).is_none()
            }
            // `Sanders’ campaign`, `Clinton's`
            TokenKind::Punct => matches!(self.doc.word(i), "’" | "'"),
            TokenKind::Quote => false,
        }
    }

    /// The noun phrase ending just before token `end` (exclusive), within `floor..end`.
    pub(super) fn np_ending_at(&self, floor: usize, end: usize) -> Option<Range<usize>> {
        let mut start = end;
        let mut words = 0;
        while start > floor && self.np_word(start - 1) && words < MAX_NP_WORDS {
            start -= 1;
            words += 1;
        }
        // A pronoun is a phrase of its own: `that he said` starts at `he`.
        if let Some(p) = (start..end).rev().find(|&i| is_pronoun(&self.lower[i])) {
            return (p + 1 == end).then_some(p..end);
        }
        let mut range = self.trim_np(start..end)?;
        // `six in 10`: the share stops at `in`, a boundary word; take it whole.
        let number =
            |k: usize| is_number_word(&self.lower[k]) || self.lower[k].parse::<u32>().is_ok();
        if range.len() == 1
            && range.start >= floor + 2
            && &self.lower[range.start - 1] == "in"
            && number(range.start)
            && number(range.start - 2)
        {
            range.start -= 2;
        }
        self.valid_np(&range).then_some(range)
    }

    /// Drop leading words that cannot start a speaker phrase (adverbs, time words).
    fn trim_np(&self, mut range: Range<usize>) -> Option<Range<usize>> {
        while range.start < range.end {
            let w = &self.lower[range.start];
            if is_time_word(w) || w.ends_with("ly") && !self.doc.is_capitalized(range.start) {
                range.start += 1;
            } else {
                break;
            }
        }
        (!range.is_empty()).then_some(range)
    }

    /// A speaker phrase needs a head that is a name, a pronoun or a noun.
    fn valid_np(&self, range: &Range<usize>) -> bool {
        let Some(head) = range
            .clone()
            .rev()
            .find(|&i| self.doc.tokens[i].kind == TokenKind::Word)
        else {
            return false;
        };
        let w = &self.lower[head];
        // `Yin Myint May`: a capitalized time word after a name word is a name.
        let name_end = is_time_word(w)
            && head > range.start
            && self.doc.is_capitalized(head)
            && self.doc.is_capitalized(head - 1);
        // `Two in three said`, `more than six in 10 said`.
        let share = head > 0 && &self.lower[head - 1] == "in";
        if is_quantifier_head(w) || share && (is_number_word(w) || w.parse::<u32>().is_ok()) {
            return true;
        }
        if is_determiner(w) || is_time_word(w) && !name_end || w.chars().all(|c| c.is_numeric()) {
            return false;
        }
        // Lower-case words ending in -ly or -ing are rarely the head of a subject.
        !(self.doc.tokens[head].kind == TokenKind::Word
            && !self.doc.is_capitalized(head)
            && (w.ends_with("ly") || w.ends_with("ing")))
    }

    /// The subject of the cue starting at token `cue`, looking back within the sentence.
    ///
    /// Skips auxiliaries and adverbs (`has long viewed`), an infinitive head
    /// (`appeared to suggest`) and an apposition (`Peskov, spokesperson for Putin, said`).
    pub(crate) fn subject_before(&self, floor: usize, cue: usize) -> Option<Range<usize>> {
        let mut end = self.before_parenthesis(floor, cue);
        // `Cornyn declined to say`: the verb an infinitive cue hangs on is no part of
        // the subject.
        if &self.lower[cue] == "to"
            && end == cue
            && end > floor + 1
            && self.doc.tokens[end - 1].kind == TokenKind::Word
            && !self.doc.is_capitalized(end - 1)
            && !is_pronoun(&self.lower[end - 1])
        {
            end -= 1;
        }
        let subject = self.subject_ending_at(floor, end)?;
        // `Conservatives have rightly spent years pointing to`: a verb phrase is no
        // subject; the subject stands before it.
        if is_verb_phrase_opener(&self.lower[subject.start]) && subject.start > floor {
            return self.subject_ending_at(floor, subject.start);
        }
        Some(subject)
    }

    /// The subject whose phrase ends at token `end`, past auxiliaries and adverbs.
    fn subject_ending_at(&self, floor: usize, mut end: usize) -> Option<Range<usize>> {
        // `Canada — the biggest supplier of steel — said`: the subject stands before a
        // dash apposition.
        if end > floor + 2
            && self.is_dash(end - 1)
            && let Some(open) = (end.saturating_sub(MAX_APPOSITION_TOKENS).max(floor)..end - 1)
                .rev()
                .find(|&k| self.is_dash(k))
            && open > floor
        {
            end = open;
        }
        while end > floor && self.doc.tokens[end - 1].kind == TokenKind::Word {
            let w = &self.lower[end - 1];
            if let Some(len) = self.time_adjunct_ending_at(floor, end) {
                end -= len;
            } else if (is_skippable_before_cue(w) && !self.is_modal_name(end - 1))
                || (w.ends_with("ly") && !self.doc.is_capitalized(end - 1))
            {
                end -= 1;
            } else if w == "to" && end - 1 > floor && !is_boundary(&self.lower[end - 2]) {
                end -= 2;
            } else {
                break;
            }
        }
        if end == floor {
            return None;
        }
        if matches!(&self.lower[end - 1], "who" | "which") {
            return Some(end - 1..end);
        }
        if self.doc.is_punct(end - 1, ",") {
            return self.subject_before_apposition(floor, end - 1);
        }
        self.np_ending_at(floor, end)
            .map(|np| self.phrase_with_adjuncts(floor, np))
            .map(|np| self.joint_subject(floor, np))
    }

    /// `China and Russia said`, `Belgium, Britain, France and Norway said`: names joined by
    /// `and` (and commas before it) are one joint speaker, not the last of them. So is a
    /// name joined to a description (`Trump and other top officials said`, `Netanyahu and
    /// his wife`, `He and others`): the description alone is not who spoke.
    fn joint_subject(&self, floor: usize, np: Range<usize>) -> Range<usize> {
        let name_start = |k: usize| self.doc.capitalized_run_start(k, floor);
        let joins = if self.doc.is_capitalized(np.start) {
            true
        } else {
            let head = &self.lower[np.end - 1];
            JOINT_SPEAKER_HEADS.contains(head)
        };
        if !joins
            || np.start < floor + 2
            || &self.lower[np.start - 1] != "and"
            || !self.doc.is_capitalized(np.start - 2)
            || self.is_non_source(&(np.start - 2..np.start - 1))
        {
            return np;
        }
        let mut start = name_start(np.start - 1);
        while start >= floor + 2
            && self.doc.is_punct(start - 1, ",")
            && self.doc.is_capitalized(start - 2)
            && !self.is_non_source(&(start - 2..start - 1))
        {
            start = name_start(start - 1);
        }
        if self.is_non_source(&(start..start + 1)) {
            start += 1;
        }
        start..np.end
    }

    /// The subject before an apposition that ends with the comma at `comma`
    /// (`Sandra Inman, a Cruz supporter from Jackson, Miss., said`).
    ///
    /// The farthest comma whose phrase opens the clause wins; the nearest is the fallback.
    fn subject_before_apposition(&self, floor: usize, comma: usize) -> Option<Range<usize>> {
        let window = comma.saturating_sub(MAX_APPOSITION_TOKENS).max(floor);
        let mut best = None;
        let mut nearest = None;
        for c in (window..comma).rev() {
            if self.doc.tokens[c].kind == TokenKind::Quote {
                break;
            }
            if !self.doc.is_punct(c, ",") {
                continue;
            }
            // `Rep. Bobby Scott (D-Va.),`: look before the parenthesis.
            let mut end = c;
            if end > floor
                && self.doc.is_punct(end - 1, ")")
                && let Some(open) = (floor..end - 1).rev().find(|&k| self.doc.is_punct(k, "("))
            {
                end = open;
            }
            let Some(np) = self.np_ending_at(floor, end) else {
                continue;
            };
            // `Similarly, William Bennett, a former secretary, said`
            if np.len() == 1 && is_sentence_adverb(&self.lower[np.start]) {
                continue;
            }
            // `Trump's attorney, Rudy Giuliani, said`: a description that opens the
            // sentence or clause is introduced by the name after it, and the guide takes
            // the name. The mention spans both, so the resolver names the person (the
            // last capitalised run) and the parties stage still reads the description
            // (`NATO's top commander, Gen. Philip Breedlove`); not the object of a
            // relative clause (`Blinken, who met his counterpart, Sergei Lavrov, said`)
            // nor a place (`Officials in the capital, New Delhi, said`).
            let opens_sentence = np.start == floor
                || matches!(
                    &self.lower[np.start - 1],
                    "that" | "and" | "but" | "while" | "because"
                );
            if nearest.is_none()
                && opens_sentence
                && self.is_description(&np)
                && self.apposed_name(c + 1, comma).is_some()
            {
                return Some(np.start..comma);
            }
            if nearest.is_none() {
                nearest = Some(np.clone());
            }
            let opens_clause = np.start == floor
                || matches!(self.doc.word(np.start - 1), "," | "—" | ":" | ";")
                || matches!(
                    &self.lower[np.start - 1],
                    "that" | "and" | "but" | "while" | "because"
                );
            if opens_clause {
                best = Some(np);
            }
        }
        best.or(nearest)
    }

    /// True for a phrase that describes a speaker rather than naming one: its head is a
    /// lower-case word (`Trump's attorney`) or it holds a possessive (`the House's top
    /// Democrat`).
    fn is_description(&self, np: &Range<usize>) -> bool {
        let head = np.end - 1;
        (self.doc.tokens[head].kind == TokenKind::Word && !self.doc.is_capitalized(head))
            || np.clone().any(|i| matches!(self.doc.word(i), "’" | "'"))
    }

    /// The person's name that fills `start..end`, titles stripped (`Rudy Giuliani`,
    /// `Air Force Col. Ed Thomas` -> `Ed Thomas`): capitalised words only, at least two
    /// of them after the titles and no organisation word, so a place in apposition (`a
    /// spokesman in Kabul, Afghanistan, said`) is not taken.
    fn apposed_name(&self, start: usize, end: usize) -> Option<Range<usize>> {
        if end <= start + 1 || end - start > MAX_NP_WORDS + 3 {
            return None;
        }
        let all_capitalised = (start..end).all(|i| {
            self.doc.tokens[i].kind == TokenKind::Word && self.doc.is_capitalized(i)
                || self.doc.is_punct(i, ".")
        });
        if !all_capitalised {
            return None;
        }
        let name = self.name_from_run(start..end)?;
        let words: Vec<usize> = name
            .clone()
            .filter(|&i| self.doc.tokens[i].kind == TokenKind::Word)
            .collect();
        let person = words.len() >= 2 && words.iter().all(|&i| !is_org_word(&self.lower[i]));
        person.then_some(name)
    }

    /// The subject right after the cue ending at token `after` (`said Peskov`,
    /// `said Kremlin spokesman Dmitry Peskov`), up to `limit`.
    pub(crate) fn subject_after(&self, after: usize, limit: usize) -> Option<Range<usize>> {
        let first = after;
        if first >= limit || self.doc.tokens[first].kind != TokenKind::Word {
            return None;
        }
        let w = &self.lower[first];
        if is_pronoun(w) {
            return Some(first..first + 1);
        }
        if !(self.doc.is_capitalized(first)
            || is_determiner(w)
            || self.lower_modifiers_before_name(first, limit))
        {
            return None;
        }
        let mut end = first;
        while end < limit && self.np_word(end) && end - first < MAX_NP_WORDS {
            end += 1;
        }
        let range = first..end;
        (end > first && self.valid_np(&range)).then_some(range)
    }

    /// The noun phrase a relative pronoun at `rel` refers to (`Trump, who said`).
    pub(crate) fn antecedent(&self, floor: usize, rel: usize) -> Option<Range<usize>> {
        // `Lindsey Graham, who`, `the author - who`, `two women — A and B — who`.
        let end = if rel > floor
            && [",", "-", "—", "–"]
                .iter()
                .any(|p| self.doc.is_punct(rel - 1, p))
        {
            rel - 1
        } else {
            rel
        };
        self.np_ending_at(floor, self.before_party_tag(floor, end))
    }

    /// `Sen. John McCain, R-Ariz., who`, `Tim Kaine (D-Va.), who`: where the name ends
    /// when a US party tag stands between it and `end`; else `end`.
    fn before_party_tag(&self, floor: usize, end: usize) -> usize {
        let mut k = end;
        for closer in [")", "."] {
            if k > floor && self.doc.is_punct(k - 1, closer) {
                k -= 1;
            }
        }
        let tagged = k >= floor + 2
            && crate::parties::text::is_party_tag(self.doc.word(k - 1))
            && (self.doc.is_punct(k - 2, ",") || self.doc.is_punct(k - 2, "("));
        if tagged { k - 2 } else { end }
    }

    /// `Sanders (I-Vt.) said`: where the subject ends when a parenthesis of at
    /// most eight tokens stands right before the cue at `cue`.
    fn before_parenthesis(&self, floor: usize, cue: usize) -> usize {
        if cue == floor || !self.doc.is_punct(cue - 1, ")") {
            return cue;
        }
        let window = cue.saturating_sub(9).max(floor);
        (window..cue - 1)
            .rev()
            .find(|&k| self.doc.is_punct(k, "("))
            .filter(|&open| open > floor)
            .unwrap_or(cue)
    }

    /// `said retired Army Lt. Gen. Mick Bednarek`: up to three lower-case words
    /// from `first` lead to a capitalized word.
    fn lower_modifiers_before_name(&self, first: usize, limit: usize) -> bool {
        (first..limit.min(first + 4))
            .take_while(|&k| self.np_word(k))
            .any(|k| self.doc.is_capitalized(k))
    }
}

/// Quantifiers that stand for people as a subject (`Some say`, `many argue`).
fn is_quantifier_head(w: &str) -> bool {
    matches!(
        w,
        "some" | "many" | "most" | "others" | "few" | "both" | "all" | "several"
    )
}

/// Number words that end a share (`two in three`).
fn is_number_word(w: &str) -> bool {
    matches!(
        w,
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    )
}

/// Adverbs that open a sentence before its subject (`Similarly, ...`).
fn is_sentence_adverb(w: &str) -> bool {
    matches!(
        w,
        "similarly"
            | "meanwhile"
            | "however"
            | "additionally"
            | "instead"
            | "likewise"
            | "indeed"
            | "moreover"
            | "separately"
            | "ultimately"
            | "still"
            | "yet"
            | "later"
            | "earlier"
            | "finally"
            | "nevertheless"
            | "nonetheless"
            | "furthermore"
            | "specifically"
            | "previously"
    )
}
