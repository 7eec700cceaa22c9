//! The people an article names, and the words that describe them: every capitalised
//! name run with its position, indexed by each of its words and by the title or role
//! words before or after it (`the spokesman` -> `Dmitry Peskov`), for the resolver.

use super::Ctx;
use super::titles::{is_org_word, is_surname_title, is_title};
use super::words::{is_determiner, is_possessive, is_weekday};
use crate::parties::text::{is_known_first_name, strip_possessive};
use crate::words::{CAPITALISED_FUNCTION_WORDS, MONTHS, NON_SOURCE_WORDS};
use std::collections::HashMap;
use std::ops::Range;

/// A capitalized name found in the article.
#[derive(Debug, Clone)]
pub(crate) struct NameRun {
    /// Token where the name (titles stripped) starts.
    pub(super) pos: usize,
    /// The name as written, titles stripped.
    pub(super) text: String,
    /// Lower-cased words of the name.
    pub(super) words: Vec<String>,
    /// True when the name looks like a person's (two words or more, or one word after a
    /// surname title; no organization word).
    pub(super) person: bool,
    /// The surname title right before a one-word person's name (`president`).
    pub(super) title: Option<String>,
}

/// Every name of an article, with the descriptions attached to them, indexed so that
/// resolving a speaker looks at the few runs that can match, not at the whole article.
#[derive(Debug, Default)]
pub(crate) struct NameIndex {
    runs: Vec<NameRun>,
    /// Indices into `runs` of the person names, in text order.
    persons: Vec<usize>,
    /// Each word of a person name -> indices into `runs` of the names holding it, in order.
    person_words: HashMap<String, Vec<usize>>,
    /// Description word -> (token, index into `runs`) in the order found: `spokesman` ->
    /// Dmitry Peskov.
    descriptions: HashMap<String, Vec<(usize, usize)>>,
}

impl NameIndex {
    pub(super) fn push_run(&mut self, run: NameRun) {
        let index = self.runs.len();
        if run.person {
            self.persons.push(index);
            for word in &run.words {
                let runs = self.person_words.entry(word.clone()).or_default();
                if runs.last() != Some(&index) {
                    runs.push(index);
                }
            }
        }
        self.runs.push(run);
    }

    pub(super) fn push_description(&mut self, token: usize, word: String, run: usize) {
        self.descriptions
            .entry(word)
            .or_default()
            .push((token, run));
    }

    /// The last person named before token `pos`.
    pub(super) fn person_before(&self, pos: usize) -> Option<&NameRun> {
        let n = self.persons.partition_point(|&r| self.runs[r].pos < pos);
        n.checked_sub(1).map(|i| &self.runs[self.persons[i]])
    }

    /// The persons named before token `pos`, the nearest first.
    pub(super) fn persons_before(&self, pos: usize) -> impl Iterator<Item = &NameRun> {
        let n = self.persons.partition_point(|&r| self.runs[r].pos < pos);
        self.persons[..n].iter().rev().map(|&r| &self.runs[r])
    }

    /// The first person named at a token in `from..to`.
    pub(super) fn person_within(&self, from: usize, to: usize) -> Option<&NameRun> {
        let n = self.persons.partition_point(|&r| self.runs[r].pos < from);
        self.persons
            .get(n)
            .map(|&r| &self.runs[r])
            .filter(|run| run.pos < to)
    }

    /// The person holding `word` named last before token `pos`, else first after it. A
    /// one-word name with a title (`President Trump`) is how the article names that
    /// person, so it wins over full names holding the word that come later (`first lady
    /// Melania Trump`). It gives way to a full name written with the same title
    /// (`President Donald Trump`) or introduced before it (`Ed Miliband ... Mr Miliband`).
    pub(super) fn person_with_word(&self, word: &str, pos: usize) -> Option<&NameRun> {
        let runs = self.person_words.get(word)?;
        let titled = runs
            .iter()
            .map(|&r| &self.runs[r])
            .find(|run| run.words.len() == 1 && run.title.is_some());
        if let Some(run) = titled {
            let title = run.title.as_deref().unwrap_or_default();
            let full_with_word =
                |full: &&NameRun| full.words.len() >= 2 && full.words.iter().any(|w| w == word);
            let same_title = self
                .descriptions
                .get(title)
                .and_then(|d| d.iter().map(|&(_, r)| &self.runs[r]).find(full_with_word));
            let introduced_before = runs
                .iter()
                .map(|&r| &self.runs[r])
                .filter(|full| full.pos < run.pos)
                .find(full_with_word);
            return Some(same_title.or(introduced_before).unwrap_or(run));
        }
        let n = runs.partition_point(|&r| self.runs[r].pos < pos);
        let i = n.checked_sub(1).unwrap_or(n);
        runs.get(i).map(|&r| &self.runs[r])
    }

    /// The name last introduced before token `pos` with every one of `words` among its
    /// descriptions: `the Prime Minister` -> the name written after `Prime Minister`, not
    /// the one after `Foreign Minister`.
    pub(super) fn described_by_all(&self, words: &[&str], pos: usize) -> Option<&NameRun> {
        let (last, rest) = words.split_last()?;
        // The latest title before `pos`; a word before several names describes the
        // first of them (`President Donald Trump on Monday`: Trump, not Monday).
        self.descriptions
            .get(*last)?
            .iter()
            .filter(|&&(token, r)| {
                token < pos
                    && rest.iter().all(|w| {
                        self.descriptions
                            .get(*w)
                            .is_some_and(|d| d.iter().any(|&(_, run)| run == r))
                    })
            })
            .max_by_key(|&&(token, r)| (token, std::cmp::Reverse(r)))
            .map(|&(_, r)| &self.runs[r])
    }

    /// The name the description `word` was attached to last, before token `pos`.
    pub(super) fn described(&self, word: &str, pos: usize) -> Option<&NameRun> {
        self.descriptions
            .get(word)?
            .iter()
            .rev()
            .find(|(token, _)| *token < pos)
            .map(|&(_, r)| &self.runs[r])
    }
}

impl Ctx<'_> {
    /// True when token `i` is a modal verb's spelling used as a name: `May` capitalised
    /// (`Theresa May`, `May told parliament`; the modal opens only questions), `Will`
    /// capitalised inside a sentence (`Will Grant`).
    pub(super) fn is_modal_name(&self, i: usize) -> bool {
        if !self.doc.is_capitalized(i) {
            return false;
        }
        // `in May`, `since May`, `May 7`: the month.
        let month = (i > 0 && crate::words::DATE_OPENERS.contains(&self.lower[i - 1]))
            || self.doc.tokens.get(i + 1).is_some_and(|_| {
                self.doc
                    .word(i + 1)
                    .starts_with(|c: char| c.is_ascii_digit())
            });
        if month {
            return false;
        }
        match &self.lower[i][..] {
            "may" => true,
            "will" => self.doc.sentences[self.doc.sentence_of[i]].first != i,
            _ => false,
        }
    }

    /// True for a one-word subject that cannot be a source: a word of
    /// `data/words/non-source-words.txt`, or an all-capitals dateline (`ISLAMABAD (AP) —`).
    pub(super) fn is_non_source(&self, mention: &Range<usize>) -> bool {
        if mention.len() != 1 {
            return false;
        }
        let i = mention.start;
        if crate::words::NON_SOURCE_WORDS.contains(&self.lower[i]) || self.is_opening_modifier(i) {
            return true;
        }
        let word = self.doc.word(i);
        let dateline = matches!(
            self.doc.tokens.get(i + 1).map(|_| self.doc.word(i + 1)),
            Some("(" | "—" | "–" | "-")
        );
        dateline
            && word.chars().count() > 2
            && word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
            && word.chars().any(char::is_alphabetic)
    }

    /// True for a sentence's first word in `-ly` that the article never capitalises
    /// inside a sentence (`Shortly after ...`, `Nearly a year later, ...`): an adverb,
    /// where a name in those letters (`Kelly`, `Italy`) is capitalised wherever it
    /// stands. (Participles in `-ing` were tried too: `Beijing` opens sentences in
    /// articles that never name it elsewhere.)
    fn is_opening_modifier(&self, i: usize) -> bool {
        let lower = &self.lower[i];
        let sentence_first = self.doc.sentences[self.doc.sentence_of[i]].first == i;
        // `NetRightDaily`: a capital inside makes it a name.
        let inner_capital = self.doc.word(i).chars().skip(1).any(char::is_uppercase);
        if !sentence_first || lower.chars().count() < 5 || !lower.ends_with("ly") || inner_capital {
            return false;
        }
        !(0..self.doc.tokens.len()).any(|k| {
            k != i
                && &self.lower[k] == lower
                && self.doc.is_capitalized(k)
                && self.doc.sentences[self.doc.sentence_of[k]].first != k
        })
    }

    /// True when sentence `si` is a title-case headline with no full stop: a line of
    /// names that ends with one (`Prime Minister Theresa May met President Donald
    /// Trump.`) is a sentence.
    fn is_headline_title(&self, si: usize) -> bool {
        let s = &self.doc.sentences[si];
        self.headline[si] && !self.doc.is_punct(s.last - 1, ".")
    }

    /// Collect the capitalized names of the whole article.
    pub(crate) fn name_index(&self) -> NameIndex {
        let mut index = NameIndex::default();
        let n = self.doc.tokens.len();
        let mut i = 0;
        while i < n {
            // A title-case headline is no run of names (`Trump Got Nearly Nothing From
            // Kim Jong Un` would become the full name of every later `Trump`).
            if !self.doc.is_capitalized(i) || self.is_headline_title(self.doc.sentence_of[i]) {
                i += 1;
                continue;
            }
            let mut end = i;
            while end < n
                && self.doc.is_capitalized(end)
                && self.doc.tokens[end].paragraph == self.doc.tokens[i].paragraph
            {
                end += 1;
                if is_possessive(&self.lower[end - 1]) {
                    break;
                }
            }
            if let Some(name) = self.name_from_run(i..end) {
                let run_index = index.runs.len();
                // Title words and up to three lower-case words before the name describe it.
                let mut d = name.start;
                while d > 0
                    && name.start - d < 4
                    && self.doc.tokens[d - 1].kind == crate::segment::TokenKind::Word
                    && !is_determiner(&self.lower[d - 1])
                    // `a spokesman told Fox News`: a cue between them, the words before
                    // it describe its speaker, not the name it addresses.
                    && self.cue_at(d - 1).is_none()
                {
                    d -= 1;
                    index.push_description(d, self.lower[d].to_string(), run_index);
                }
                // An apposition after the name describes it too.
                if end < n && self.doc.is_punct(end, ",") {
                    for k in end + 1..(end + 5).min(n) {
                        if self.doc.tokens[k].kind != crate::segment::TokenKind::Word {
                            break;
                        }
                        index.push_description(end, self.lower[k].to_string(), run_index);
                    }
                }
                let words: Vec<String> = name
                    .clone()
                    .map(|k| strip_possessive(&self.lower[k]).to_string())
                    .collect();
                // `President Trump`: a person title makes a one-word name a person's.
                let title = (name.start > i && is_surname_title(&self.lower[name.start - 1]))
                    .then(|| self.lower[name.start - 1].to_string());
                let person =
                    (words.len() >= 2 || title.is_some()) && !words.iter().any(|w| is_org_word(w));
                index.push_run(NameRun {
                    pos: name.start,
                    text: self.span_text(name),
                    words,
                    person,
                    title,
                });
            }
            i = end.max(i + 1);
        }
        index
    }

    /// The name inside a capitalized run: leading function words and titles dropped.
    pub(super) fn name_from_run(&self, run: Range<usize>) -> Option<Range<usize>> {
        let mut start = run.start;
        while start < run.end
            && (is_determiner(&self.lower[start])
                || (super::words::is_boundary(&self.lower[start]) && !self.is_modal_name(start))
                || (start == run.start && self.is_sentence_opener(start)))
        {
            start += 1;
        }
        // `said Flake Wednesday`, `on Monday`: a day is no part of a name.
        let mut end = run.end;
        while end > start && is_weekday(strip_possessive(&self.lower[end - 1])) {
            end -= 1;
        }
        // `on April 10`: a month with a day after it is a date.
        let day_follows = run.end < self.doc.tokens.len()
            && self
                .doc
                .word(run.end)
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
        if day_follows && end > start && crate::words::MONTHS.contains(&self.lower[end - 1]) {
            end -= 1;
        }
        if let Some(last_title) = (start..end).rev().find(|&k| is_title(&self.lower[k]))
            && last_title + 1 < end
            && !self.is_body_tail(start, last_title + 1, end)
        {
            start = last_title + 1;
        }
        (start < end).then_some(start..end)
    }

    /// True when the words `tail..end` after a title word end a body's name rather than
    /// name a person: `the Foreign Ministry`, `Ministry of Foreign Affairs` (one word after
    /// the title in a name joined by `of`), not `Bank of England Governor Andrew Bailey`.
    fn is_body_tail(&self, start: usize, tail: usize, end: usize) -> bool {
        let org = (tail..end).any(|k| is_org_word(strip_possessive(&self.lower[k])));
        let joined_by_of = (start..tail).any(|k| &self.lower[k] == "of");
        org || joined_by_of && end - tail == 1
    }

    /// True for a word capitalised only because it opens the sentence and that is no
    /// name (`For Trump, ...`, `Now Obama is`, `However, the official`, `Following Kim's
    /// call`): `data/words/capitalised-function-words.txt` and the sentence adverbs of
    /// `data/words/non-source-words.txt` (not the months, which open names: `June Smith`).
    fn is_sentence_opener(&self, k: usize) -> bool {
        let opens = self.doc.sentences[self.doc.sentence_of[k]].first == k
            || k > 0 && self.doc.tokens[k - 1].kind == crate::segment::TokenKind::Quote;
        let lower = &self.lower[k];
        // `Yes Bank said`, `Said Jalili said`: a body's name or a first name.
        let run_end = self.doc.capitalized_run_end(k, self.doc.tokens.len());
        let name = is_known_first_name(self.doc.word(k))
            || run_end > k + 1 && is_org_word(&self.lower[run_end - 1]);
        opens
            && !name
            && (CAPITALISED_FUNCTION_WORDS.contains(self.doc.word(k))
                || NON_SOURCE_WORDS.contains(lower) && !MONTHS.contains(lower))
    }

    /// The text from the first to the last token of `range`, possessive dropped.
    pub(crate) fn span_text(&self, range: Range<usize>) -> String {
        let t = &self.doc.tokens;
        let text = &self.doc.text[t[range.start].start..t[range.end - 1].end];
        strip_possessive(text).to_string()
    }
}
