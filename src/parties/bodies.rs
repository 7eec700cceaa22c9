//! Open-world parties: named bodies the gazetteer lacks that act in an article (`the
//! International Maritime Bureau said`, `Nate Jones of the National Security Archive`).
//! Their canonical name is the name as written without a leading `The`, so it stays the
//! same across articles.

use super::text::{Token, is_capitalised, possessive_len};
use crate::words::{AFFILIATION_ROLE_WORDS, BODY_WORDS, PARTY_TITLE_WORDS, STATE_OFFICE_WORDS};
use std::collections::HashMap;

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
            if first == last || in_mention[first..=last].iter().any(|&m| m) {
                continue;
            }
            let name = text[tokens[first].start..token.end].to_string();
            let index = match out.names.iter().position(|n| *n == name) {
                Some(k) => k,
                None => {
                    out.names.push(name);
                    out.names.len() - 1
                }
            };
            out.person_before(text, tokens, first, index);
        }
        out.possessive_appositions(text, tokens, in_mention);
        out
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
            let is_possessive = last > first
                && tokens.get(last).is_some_and(|t| {
                    t.start == tokens[last - 1].end
                        && possessive_len(text, t.start) == t.end - t.start
                });
            let has_role = is_possessive
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
            let body = text[tokens[first].start..tokens[last - 1].end].to_string();
            let index = match self.names.iter().position(|n| *n == body) {
                Some(k) => k,
                None => {
                    self.names.push(body);
                    self.names.len() - 1
                }
            };
            // The person: the capitalised words right before the comma.
            let mut start = comma - 1;
            while start > 0 && comma - start < 4 && is_capitalised(word(start - 1)) {
                start -= 1;
            }
            if start < comma - 1 && is_capitalised(word(comma - 1)) {
                let person = &text[tokens[start].start..tokens[comma - 1].end];
                self.people.entry(person.to_string()).or_insert(index);
                self.people
                    .entry(word(comma - 1).to_string())
                    .or_insert(index);
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
        let last = k - 2;
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
