//! Open-world parties: named bodies the gazetteer lacks that act in an article (`the
//! International Maritime Bureau said`, `Nate Jones of the National Security Archive`).
//! Their canonical name is the name as written without a leading `The`, so it stays the
//! same across articles.

use super::text::{Token, is_capitalised, is_known_first_name, is_possessive_token};
use crate::words::{
    AFFILIATION_ROLE_WORDS, BODY_HEAD_TITLES, BODY_WORDS, DETERMINERS, FORMER_WORDS,
    NON_HEAD_TITLE_WORDS, NON_SOURCE_WORDS, PARTY_TITLE_WORDS, STATE_FORCE_HEADS,
    STATE_OFFICE_WORDS, TITLES, WEEKDAYS,
};
use std::collections::{HashMap, HashSet};

/// Longest body name, in tokens.
const MAX_BODY_TOKENS: usize = 8;

/// The named bodies of one article and the people it writes as theirs.
#[derive(Debug, Clone, Default)]
pub(crate) struct OpenBodies {
    /// Canonical names, in order of first mention.
    names: Vec<String>,
    /// `Nate Jones` and `Jones` -> index into `names`, for `Name of the <body>`.
    people: HashMap<String, usize>,
}

impl OpenBodies {
    /// Find the bodies of `text`, split into `tokens`, outside the tokens that a gazetteer
    /// mention covers (`in_mention`, one flag per token).
    pub(crate) fn find(text: &str, tokens: &[Token], in_mention: &[bool]) -> Self {
        let word = |i: usize| tokens.get(i).map_or("", |t: &Token| &text[t.start..t.end]);
        let mut out = OpenBodies::default();
        for (last, token) in tokens.iter().enumerate() {
            let head = word(last);
            if !is_capitalised(head) || !BODY_WORDS.contains(head.to_lowercase().as_str()) {
                continue;
            }
            // Walk back over capitalised words and the connectors inside names.
            let mut first = last;
            while first > 0 && last - first < MAX_BODY_TOKENS {
                let w = word(first - 1);
                if is_capitalised(w) && !in_mention[first - 1] {
                    first -= 1;
                } else if matches!(w, "of" | "for" | "on" | "and")
                    && first >= 2
                    && is_capitalised(word(first - 2))
                {
                    first -= 2;
                } else {
                    break;
                }
            }
            while first < last && matches!(word(first), "The" | "of" | "for" | "on" | "and") {
                first += 1;
            }
            if first == last
                || in_mention[first..=last].iter().any(|&m| m)
                || is_congress_body(word(first))
            {
                continue;
            }
            let index = out.intern(&text[tokens[first].start..token.end]);
            out.person_before(text, tokens, first, index);
        }
        out.possessive_appositions(text, tokens, in_mention);
        out.title_forms(text, tokens, in_mention);
        out
    }

    /// `AFL-CIO President Richard Trumka`, `Jewish Agency Chairman Natan Sharansky`: one
    /// to three capitalised words the gazetteer lacks, then a title of
    /// `data/words/body-head-titles.txt` (with `vice`, `deputy` and the like), then a
    /// person's name: the words before the title name a body, and the person is its.
    fn title_forms(&mut self, text: &str, tokens: &[Token], in_mention: &[bool]) {
        let word = |i: usize| tokens.get(i).map_or("", |t: &Token| &text[t.start..t.end]);
        let surnames = surnames(text, tokens);
        let lower = |i: usize| word(i).to_lowercase();
        let is_title_word = |i: usize| {
            let w = lower(i);
            BODY_HEAD_TITLES.contains(w.as_str()) || NON_HEAD_TITLE_WORDS.contains(w.as_str())
        };
        let mut i = 1;
        while i < tokens.len() {
            if !BODY_HEAD_TITLES.contains(lower(i).as_str()) {
                i += 1;
                continue;
            }
            let mut title_start = i;
            while title_start > 0 && is_title_word(title_start - 1) {
                title_start -= 1;
            }
            let mut title_end = i + 1;
            while title_end < tokens.len() && is_title_word(title_end) {
                title_end += 1;
            }
            let person_end = (title_end..tokens.len().min(title_end + 4))
                .take_while(|&k| is_capitalised(word(k)) && !in_mention[k])
                .last();
            // Up to three words back, a possessive inside the name (`Samaritan's Purse`).
            let mut body_start = None;
            let mut k = title_start;
            while k > 0 && title_start - k < 4 {
                let possessive = is_possessive_token(text, tokens, k - 1) && k >= 2;
                let w = if possessive { k - 2 } else { k - 1 };
                if !is_body_word(word(w)) || in_mention[w] {
                    break;
                }
                body_start = Some(w);
                k = w;
            }
            if let (Some(person_end), Some(body_start)) = (person_end, body_start)
                && person_end > title_end
                && (body_start == 0 || !is_capitalised(word(body_start - 1)))
                && !is_state_force(&lower(title_start - 1))
                && !is_congress_body(word(body_start))
                && !(body_start + 1 == title_start && surnames.contains(word(body_start)))
            {
                let index =
                    self.intern(&text[tokens[body_start].start..tokens[title_start - 1].end]);
                self.add_person_ending_at(text, tokens, person_end, index);
            }
            i = title_end;
        }
    }

    /// `Bridget Cambria, ALDEA's executive director`: a capitalised name the gazetteer
    /// lacks, in the possessive, with a role word after it in an apposition, is a body,
    /// and the person before the comma is its.
    fn possessive_appositions(&mut self, text: &str, tokens: &[Token], in_mention: &[bool]) {
        let word = |i: usize| tokens.get(i).map_or("", |t: &Token| &text[t.start..t.end]);
        for comma in (2..tokens.len()).filter(|&i| word(i) == ",") {
            let mut first = comma + 1;
            if matches!(word(first), "the" | "The") {
                first += 1;
            }
            let mut last = first;
            while last < first + 4 && is_capitalised(word(last)) && !in_mention[last] {
                last += 1;
            }
            // `last` is now the possessive, right after the name.
            let has_role = last > first
                && is_possessive_token(text, tokens, last)
                && (last + 1..last + 5)
                    .take_while(|&k| word(k).chars().any(char::is_alphanumeric))
                    .any(|k| AFFILIATION_ROLE_WORDS.contains(word(k).to_lowercase().as_str()));
            // `the Army's top officer`: an institution every state has is no body.
            let institution = (first..last).all(|k| {
                let lower = word(k).to_lowercase();
                STATE_OFFICE_WORDS.contains(lower.as_str())
                    || PARTY_TITLE_WORDS.contains(lower.as_str())
            });
            if !has_role || institution {
                continue;
            }
            let index = self.intern(&text[tokens[first].start..tokens[last - 1].end]);
            self.add_person_ending_at(text, tokens, comma - 1, index);
        }
    }

    /// The index of the body named `name`, added where new.
    fn intern(&mut self, name: &str) -> usize {
        match self.names.iter().position(|n| n == name) {
            Some(k) => k,
            None => {
                self.names.push(name.to_string());
                self.names.len() - 1
            }
        }
    }

    /// `Nate Jones of the National Security Archive`: the person before `of [the]`.
    fn person_before(&mut self, text: &str, tokens: &[Token], first: usize, body: usize) {
        let word = |i: usize| &text[tokens[i].start..tokens[i].end];
        let mut k = first;
        if k > 0 && word(k - 1) == "the" {
            k -= 1;
        }
        if k < 3 || word(k - 1) != "of" {
            return;
        }
        self.add_person_ending_at(text, tokens, k - 2, body);
    }

    /// The person whose name, two to four capitalised words, ends at token `last`
    /// (`Nate Jones`), written as the body's: by full name and by last name.
    fn add_person_ending_at(&mut self, text: &str, tokens: &[Token], last: usize, body: usize) {
        let word = |i: usize| &text[tokens[i].start..tokens[i].end];
        let mut start = last;
        while start > 0 && last - start < 3 && is_capitalised(word(start - 1)) {
            start -= 1;
        }
        if start == last || !is_capitalised(word(last)) {
            return;
        }
        let person = &text[tokens[start].start..tokens[last].end];
        self.people.entry(person.to_string()).or_insert(body);
        self.people.entry(word(last).to_string()).or_insert(body);
    }

    /// The body `speaker` is or speaks for: its own name (with or without `the`), or a
    /// person the article writes as the body's.
    pub(crate) fn party_of(&self, speaker: &str) -> Option<&str> {
        let name = speaker
            .strip_prefix("the ")
            .or_else(|| speaker.strip_prefix("The "))
            .unwrap_or(speaker);
        if let Some(n) = self.names.iter().find(|n| *n == name) {
            return Some(n);
        }
        let person = self
            .people
            .get(speaker)
            .or_else(|| self.people.get(speaker.split_whitespace().last()?))?;
        self.names.get(*person).map(String::as_str)
    }
}

/// A word that may name a body before a title: capitalised, and no title, office,
/// former-word, weekday or month (`Former Vice President`, `Education Minister`).
fn is_body_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    is_capitalised(word)
        && !PARTY_TITLE_WORDS.contains(lower.as_str())
        && !STATE_OFFICE_WORDS.contains(lower.as_str())
        && !TITLES.contains(lower.as_str())
        && !FORMER_WORDS.contains(lower.as_str())
        && !WEEKDAYS.contains(lower.as_str())
        && !NON_SOURCE_WORDS.contains(lower.as_str())
        && !DETERMINERS.contains(lower.as_str())
}

/// `Air Force spokeswoman`, `Navy spokesman`: a state's forces are no body of their own
/// (`data/words/state-force-heads.txt`); the home-state rules give their party.
fn is_state_force(last_body_word: &str) -> bool {
    STATE_FORCE_HEADS.contains(last_body_word)
}

/// The words the article writes as a person's surname, right after a known first name
/// (`Harry Reid`): `Reid spokesman Adam Jentleson` is that person's, not a body's. Found
/// once per article.
fn surnames<'t>(text: &'t str, tokens: &[Token]) -> HashSet<&'t str> {
    let word = |i: usize| &text[tokens[i].start..tokens[i].end];
    (1..tokens.len())
        .filter(|&i| is_known_first_name(word(i - 1)) && tokens[i - 1].end + 1 == tokens[i].start)
        .map(word)
        .collect()
}

/// `House Oversight Committee`, `Senate Judiciary Committee`: a committee of the US
/// Congress is an organ of the state, not a party of its own (the congress rules give the
/// United States).
fn is_congress_body(first_word: &str) -> bool {
    matches!(first_word, "House" | "Senate")
}
