//! People and the parties they speak for, as the article states them: a party-bearing
//! title before a name (`Russian President Vladimir Putin`, `Kremlin spokesman Dmitry
//! Peskov`), an apposition after it (`Dmytro Kuleba, Ukraine's foreign minister`,
//! `Dmitry Peskov, spokesperson for Russian President ...`) or `President X of Russia`.

mod home;
mod known;

pub(crate) use home::home_state;

use super::bodies::OpenBodies;
use super::gazetteer::{Gazetteer, PartyKind};
use super::mentions::Found;
use super::text::{Token, has_word_boundaries, is_capitalised, possessive_len, tokenize};
use crate::record::{ByteSpan, CharIndex, CharSpan};
use crate::words::{
    AFFILIATION_ROLE_WORDS, CONGRESS_WORDS, NAME_PARTICLES, NON_HEAD_TITLE_WORDS, NOT_NAMES,
    PARTY_TITLE_WORDS,
};
use std::collections::{HashMap, HashSet};

/// A person the article ties to a party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affiliation {
    /// The name as written (`Vladimir Putin`).
    pub person: String,
    /// Canonical party name.
    pub party: String,
    /// Code points of the name where the title or apposition gives it.
    pub span: CharSpan,
}

/// The people of one article with their parties; the first title found for a person wins.
#[derive(Debug, Clone, Default)]
pub struct Affiliations {
    people: Vec<Affiliation>,
    /// Full names and unique last names -> party.
    by_name: HashMap<String, String>,
    /// First word of each person's name -> indexes into `people`, so a phrase is matched
    /// against the people who can occur in it, not against everyone in the article.
    by_first_word: HashMap<String, Vec<usize>>,
    /// People whose party is only the article's home state, guessed from an office that
    /// names no state: the knowledge base overrides them (`Foreign Minister Marcelo
    /// Ebrard` in an article mostly about the United States).
    home_guessed: HashSet<String>,
    /// Named bodies the gazetteer lacks, parties of their own, with their people.
    bodies: OpenBodies,
}

/// The words of a name or phrase: runs of letters and digits.
fn name_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

const MAX_NAME_WORDS: usize = 5;
const MAX_TITLE_WORDS: usize = 7;

impl Affiliations {
    /// Find the people of `text` with party-bearing titles or appositions.
    pub fn from_article(gazetteer: &Gazetteer, text: &str) -> Self {
        let mentions = gazetteer.find(text, &HashSet::new());
        let home = home_state(gazetteer, &mentions);
        Affiliations::from_mentions(gazetteer, text, &mentions, home)
    }

    /// As [`Affiliations::from_article`], with the article's mentions and its home state
    /// (whose officials it may introduce without naming it) already found.
    pub(crate) fn from_mentions(
        gazetteer: &Gazetteer,
        text: &str,
        mentions: &[Found],
        home: Option<usize>,
    ) -> Self {
        let organisations = gazetteer
            .parties()
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.kind, PartyKind::Organisation | PartyKind::Bloc))
            .map(|(i, _)| i)
            .collect();
        let mut scan = Scan::new(text, mentions, organisations);
        scan.congress = gazetteer.party_index("United States");
        let index = CharIndex::new(text);
        let mut out = Affiliations {
            bodies: OpenBodies::find(text, &scan.tokens, &scan.in_mention),
            ..Affiliations::default()
        };
        let mut seen = HashSet::new();
        // Stated parties first, so that one wins for a person named both ways; then the
        // officials whose party is only the home state, marked as guessed.
        let stated = scan
            .affiliations()
            .into_iter()
            .map(|(f, l, p)| (f, l, p, false));
        let guessed = home.into_iter().flat_map(|home| {
            scan.unnamed_state_officials()
                .into_iter()
                .map(move |(first, last)| (first, last, home, true))
        });
        for (first, last, party, guessed) in stated.chain(guessed) {
            let (start, end) = (scan.tokens[first].start, scan.tokens[last].end);
            let person = text[start..end].to_string();
            if !seen.insert(person.clone()) {
                continue;
            }
            if guessed {
                out.home_guessed.insert(person.clone());
            }
            out.people.push(Affiliation {
                person,
                party: gazetteer.name_of(party).to_string(),
                span: index.chars(ByteSpan::new(start, end)),
            });
        }
        out.index_names();
        out
    }

    /// The named bodies the gazetteer lacks (`the International Maritime Bureau`).
    pub(crate) fn bodies(&self) -> &OpenBodies {
        &self.bodies
    }

    /// The people found, in text order of their first title.
    pub fn people(&self) -> &[Affiliation] {
        &self.people
    }

    /// The party of `name`: a full name, a last name that only one party's person
    /// bears, or a longer phrase that contains a full name found here.
    pub(crate) fn party_of(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        if let Some(p) = self.by_name.get(name) {
            return Some(p);
        }
        if let Some(last) = name.split_whitespace().last()
            && let Some(p) = self.by_name.get(last)
        {
            return Some(p);
        }
        // A person written inside `name` on word boundaries has their first word among
        // its words; the first such person in text order wins, as a scan would give.
        let mut candidates: Vec<usize> = name_words(name)
            .filter_map(|w| self.by_first_word.get(w))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates
            .into_iter()
            .map(|k| &self.people[k])
            .find(|a| {
                name.match_indices(a.person.as_str())
                    .any(|(i, _)| has_word_boundaries(name, i, i + a.person.len()))
            })
            .map(|a| a.party.as_str())
    }

    /// Every name form this article ties to a party (full names and unique last names).
    pub(crate) fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_name.iter().map(|(n, p)| (n.as_str(), p.as_str()))
    }

    fn index_names(&mut self) {
        let mut last_names: HashMap<String, Option<String>> = HashMap::new();
        for (k, a) in self.people.iter().enumerate() {
            if let Some(first) = name_words(&a.person).next() {
                self.by_first_word
                    .entry(first.to_string())
                    .or_default()
                    .push(k);
            }
            self.by_name.insert(a.person.clone(), a.party.clone());
            if let Some(last) = a.person.split_whitespace().last()
                && last != a.person
            {
                let entry = last_names
                    .entry(last.to_string())
                    .or_insert_with(|| Some(a.party.clone()));
                if entry.as_deref() != Some(a.party.as_str()) {
                    *entry = None;
                }
            }
        }
        for (last, party) in last_names {
            if let Some(party) = party {
                self.by_name.entry(last).or_insert(party);
            }
        }
    }
}

/// `R-Colo`, `D-MA`, `I-Vt`: a US party letter, a hyphen and a capitalised state.
fn is_party_tag(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('R' | 'D' | 'I'))
        && chars.next() == Some('-')
        && chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || c == '.')
}

/// The tokens of an article with the party mentions aligned to them.
struct Scan<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    /// Party of the mention that starts at token i, with the mention's last token.
    mention_at: HashMap<usize, (usize, usize)>,
    /// Tokens inside a party mention.
    in_mention: Vec<bool>,
    /// Organisations and blocs: their `ambassador` or `envoy` speaks for a member state.
    organisations: HashSet<usize>,
    /// The party members of the US Congress speak for, where the gazetteer has it.
    congress: Option<usize>,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str, mentions: &[Found], organisations: HashSet<usize>) -> Self {
        let tokens = tokenize(text);
        let mut mention_at = HashMap::new();
        let mut in_mention = vec![false; tokens.len()];
        for m in mentions {
            let first = tokens.partition_point(|t| t.start < m.start);
            let last = tokens.partition_point(|t| t.end <= m.end);
            if first < last && tokens[first].start == m.start && tokens[last - 1].end == m.end {
                mention_at.insert(first, (m.party, last - 1));
                in_mention[first..last].iter_mut().for_each(|b| *b = true);
            }
        }
        Scan {
            text,
            tokens,
            mention_at,
            in_mention,
            organisations,
            congress: None,
        }
    }

    fn word(&self, i: usize) -> &'t str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    fn is_possessive(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| possessive_len(self.text, t.start) == t.end - t.start)
            && i > 0
            && self.tokens[i].start == self.tokens[i - 1].end
    }

    /// All `(first name token, last name token, party)` found by the three patterns.
    fn affiliations(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (&first, &(party, last)) in &self.mention_at {
            // Party + title + name: `Russian President Vladimir Putin`.
            if let Some(after) = self.title_after(last + 1)
                && let Some(name_end) = self.name_from(self.skip(after, ","))
                && !self.is_envoy_to(party, last + 1, after)
                && !self.is_former(first, after)
            {
                out.push((self.skip(after, ","), name_end, party));
            }
            // Title + name + of + party: `President Vladimir Putin of Russia`.
            if let Some(name) = self.name_before_of(first) {
                out.push((name.0, name.1, party));
            }
        }
        // Name + apposition: `Dmytro Kuleba, Ukraine's foreign minister`.
        for comma in (0..self.tokens.len()).filter(|&i| self.word(i) == ",") {
            if let Some((first, party)) = self
                .apposition(comma)
                .or_else(|| self.role_apposition(comma))
            {
                out.push((first, comma - 1, party));
            }
        }
        // Name + of + body: `Nate Jones of the National Security Archive`.
        for of in (1..self.tokens.len()).filter(|&i| self.word(i) == "of") {
            if let Some((first, last)) = self.name_ending_at(of - 1)
                && let Some(party) = self.mention_after(of + 1)
            {
                out.push((first, last, party));
            }
        }
        out.extend(self.congress_members());
        out.sort_unstable();
        out
    }

    /// Members of the US Congress: `Republican Sen. Jeff Flake`, `Sen. Cory Gardner,
    /// R-Colo.`, `Elizabeth Warren (D-MA)`.
    fn congress_members(&self) -> Vec<(usize, usize, usize)> {
        let Some(us) = self.congress else {
            return Vec::new();
        };
        let is = |kind: &str, i: usize| {
            let w = self.word(i).trim_end_matches('.').to_lowercase();
            CONGRESS_WORDS.contains(&format!("{kind} {w}"))
        };
        let mut out = Vec::new();
        for i in 0..self.tokens.len() {
            if is_capitalised(self.word(i)) && is("party", i) && is("title", i + 1) {
                let start = self.skip(i + 2, ".");
                if let Some(last) = self.name_from(start) {
                    out.push((start, last, us));
                }
            }
            // `Sen. Jon Tester, a Montana Democrat`.
            if is_capitalised(self.word(i))
                && is("title", i)
                && let Some(last) = self.name_from(self.skip(i + 1, "."))
                && self.word(last + 1) == ","
                && (last + 2..last + 6).any(|k| is("party", k) && is_capitalised(self.word(k)))
            {
                out.push((self.skip(i + 1, "."), last, us));
            }
            if is_party_tag(self.word(i))
                && i >= 2
                && matches!(self.word(i - 1), "," | "(")
                && let Some((first, last)) = self.name_ending_at(i - 2)
            {
                out.push((first, last, us));
            }
        }
        out
    }

    /// True for `UN ambassador`, `EU envoy`: a state's representative to an organisation.
    fn is_envoy_to(&self, party: usize, title_start: usize, title_end: usize) -> bool {
        self.organisations.contains(&party)
            && (title_start..title_end).any(|i| {
                matches!(
                    self.word(i).to_lowercase().as_str(),
                    "ambassador" | "envoy" | "representative"
                )
            })
    }

    /// True for `Former Mexican president`, `Mexico's former president`: a title of the
    /// past, whose holder speaks for no party (the guide), from the party mention at
    /// `first` to the end of the title at `after`.
    fn is_former(&self, first: usize, after: usize) -> bool {
        let former = |i: usize| matches!(self.word(i).to_lowercase().as_str(), "former" | "ex");
        (first > 0 && former(first - 1)) || (first..after).any(former)
    }

    /// Index after `i` when token `i` is `word`, else `i`.
    fn skip(&self, i: usize, word: &str) -> usize {
        if self.word(i) == word { i + 1 } else { i }
    }

    /// The index after a title that starts at `i` (past a possessive) and ends on a head.
    fn title_after(&self, i: usize) -> Option<usize> {
        let mut i = if self.is_possessive(i) { i + 1 } else { i };
        if matches!(self.word(i), "of" | "the" | "for" | "and") {
            return None;
        }
        let mut head_end = None;
        for _ in 0..MAX_TITLE_WORDS {
            if self.is_possessive(i) {
                i += 1;
                continue;
            }
            let lower = self.word(i).to_lowercase();
            if !PARTY_TITLE_WORDS.contains(lower.as_str()) {
                break;
            }
            i += 1;
            if !NON_HEAD_TITLE_WORDS.contains(lower.as_str()) {
                head_end = Some(i);
            }
        }
        head_end
    }

    /// True when token `i` can be part of a person's name.
    fn is_name_word(&self, i: usize) -> bool {
        let w = self.word(i);
        is_capitalised(w)
            && !NOT_NAMES.contains(w)
            && !PARTY_TITLE_WORDS.contains(w.to_lowercase().as_str())
            && !self.in_mention.get(i).copied().unwrap_or(true)
    }

    /// The last token of a name that starts at `i`.
    fn name_from(&self, i: usize) -> Option<usize> {
        if !self.is_name_word(i) {
            return None;
        }
        let mut last = i;
        let mut j = i + 1;
        while j - i < MAX_NAME_WORDS {
            if self.is_name_word(j) {
                last = j;
            } else if !(NAME_PARTICLES.contains(self.word(j)) && self.is_name_word(j + 1)) {
                break;
            }
            j += 1;
        }
        Some(last)
    }

    /// `(first, last)` of a name that ends at `i` (two words at least).
    fn name_ending_at(&self, i: usize) -> Option<(usize, usize)> {
        if !self.is_name_word(i) {
            return None;
        }
        let mut first = i;
        let mut j = i;
        while j > 0 && i - j + 1 < MAX_NAME_WORDS {
            j -= 1;
            if self.is_name_word(j) {
                first = j;
            } else if !(NAME_PARTICLES.contains(self.word(j)) && j > 0 && self.is_name_word(j - 1))
            {
                break;
            }
        }
        (first < i).then_some((first, i))
    }

    /// `Name, [the] Party['s] title` or `Name, title for|of [the] Party ...`.
    fn apposition(&self, comma: usize) -> Option<(usize, usize)> {
        let (first, _) = self.name_ending_at(comma.checked_sub(1)?)?;
        let start = comma + 1;
        let i = if matches!(self.word(start), "the" | "a" | "an") {
            start + 1
        } else {
            start
        };
        if let Some(&(party, last)) = self.mention_at.get(&start).or(self.mention_at.get(&i)) {
            return self
                .title_after(last + 1)
                .filter(|&after| !self.is_former(start, after))
                .map(|_| (first, party));
        }
        // `spokesperson for ...`, `secretary general of ...`; not `ambassador to`.
        let k = self.title_after(i)?;
        if !matches!(self.word(k), "for" | "of") {
            return None;
        }
        let k = k + 1;
        let at = self.mention_at.get(&k).or_else(|| {
            (self.word(k) == "the")
                .then(|| self.mention_at.get(&(k + 1)))
                .flatten()
        })?;
        Some((first, at.0))
    }

    /// `Name, [the] <role words> of|at|for|with|from [the] Party`: a role word among
    /// the few words before a preposition (`Asia director of Human Rights Watch`).
    fn role_apposition(&self, comma: usize) -> Option<(usize, usize)> {
        let (first, _) = self.name_ending_at(comma.checked_sub(1)?)?;
        let mut has_role = false;
        for k in comma + 1..comma + 1 + MAX_TITLE_WORDS {
            let word = self.word(k);
            // `director of operations for Doctors Without Borders`: the body may follow
            // a later preposition.
            if matches!(word, "of" | "at" | "for" | "with" | "from") {
                if has_role && let Some(p) = self.mention_after(k + 1) {
                    return Some((first, p));
                }
                continue;
            }
            if word.is_empty() || !word.chars().any(char::is_alphanumeric) {
                return None;
            }
            has_role |= AFFILIATION_ROLE_WORDS.contains(word.to_lowercase().as_str());
        }
        None
    }

    /// The party of a mention that starts at token `i`, or after a `the` there.
    fn mention_after(&self, i: usize) -> Option<usize> {
        let at = self.mention_at.get(&i).or_else(|| {
            (self.word(i) == "the")
                .then(|| self.mention_at.get(&(i + 1)))
                .flatten()
        })?;
        Some(at.0)
    }

    /// The name of `Title Name of [the] <mention at i>`.
    fn name_before_of(&self, i: usize) -> Option<(usize, usize)> {
        let mut j = i.checked_sub(1)?;
        if self.word(j) == "the" {
            j = j.checked_sub(1)?;
        }
        if self.word(j) != "of" {
            return None;
        }
        let last = j.checked_sub(1)?;
        let mut first = last;
        if !self.is_name_word(last) {
            return None;
        }
        while first > 0 && last - first + 1 < MAX_NAME_WORDS && self.is_name_word(first - 1) {
            first -= 1;
        }
        let title = self.word(first.checked_sub(1)?);
        let lower = title.to_lowercase();
        (is_capitalised(title)
            && PARTY_TITLE_WORDS.contains(lower.as_str())
            && !NON_HEAD_TITLE_WORDS.contains(lower.as_str()))
        .then_some((first, last))
    }
}
