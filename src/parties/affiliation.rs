//! People and the parties they speak for, as the article states them: a party-bearing
//! title before a name (`Russian President Vladimir Putin`, `Kremlin spokesman Dmitry
//! Peskov`), an apposition after it (`Dmytro Kuleba, Ukraine's foreign minister`,
//! `Dmitry Peskov, spokesperson for Russian President ...`) or `President X of Russia`.

mod home;
mod known;
mod scan;

pub(crate) use home::{home_state, most_named_state, state_counts};

use super::bodies::OpenBodies;
use super::gazetteer::{Gazetteer, PartyKind};
use super::mentions::Found;
use super::text::{has_word_boundaries, is_known_first_name, name_words};
use crate::record::{ByteSpan, CharIndex, CharSpan};
use crate::words::FAMILY_NAME_FIRST;
use scan::Scan;
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

/// The words that alone mean the person named `person` in full: the last name, and the
/// family name written first (`Kim` of `Kim Jong Un`; `data/words/family-name-first.txt`).
fn short_names(person: &str) -> impl Iterator<Item = &str> {
    let mut words = person.split_whitespace();
    let first = words.next();
    let last = words.next_back();
    let family_first = first.filter(|f| last.is_some() && FAMILY_NAME_FIRST.contains(f));
    last.into_iter().chain(family_first)
}

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
            && !self.is_someone_else(name, last)
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

    /// True when `name` gives a first name before `last` that none of the article's
    /// people of that last name bears: `Robert Kelly` is not `John Kelly`. Only known
    /// first names count, so titles (`Majority Leader McConnell`) never do.
    fn is_someone_else(&self, name: &str, last: &str) -> bool {
        let mut words = name.split_whitespace().rev();
        let Some(given) = words.nth(1) else {
            return false;
        };
        if !is_known_first_name(given) {
            return false;
        }
        !self.people.iter().any(|a| {
            let mut theirs = a.person.split_whitespace().rev();
            theirs.next() == Some(last) && theirs.next() == Some(given)
        })
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
            for short in short_names(&a.person) {
                let entry = last_names
                    .entry(short.to_string())
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
