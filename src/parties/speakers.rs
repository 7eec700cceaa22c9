//! One article's parties: its mentions, its people, and from them each statement's
//! speaker party and targets.

use super::affiliation::{Affiliation, Affiliations, home_state, most_named_state, state_counts};
use super::context::starts_longer_name;
use super::former::{former_names, is_introduced_in_office, is_introduced_with_title};
use super::gazetteer::Gazetteer;
use super::mentions::{Found, PartyMention};
use super::namesake::non_state_names;
use super::officials::{Day, Holding, find_leaders, longest_first};
use super::speaker_span::{gives_speaker_party, is_inside_other_name};
use super::surnames::{PunctuatedSurnames, surname_words};
use super::targets::{home_mentions, is_criticised};
use super::text::{has_word_boundaries, is_known_first_name, is_word_char};
use crate::record::{CharIndex, CharSpan, Statement, TargetMention};
use crate::words::{FORMER_WORDS, NON_STATE_ROLES, ORGANISATION_WORDS, SPEAKERS_NAMING_NOBODY};
use aho_corasick::AhoCorasick;
use std::collections::HashSet;

/// Longest gap (bytes) between a cue and its content that still holds the cue's object.
const MAX_CUE_OBJECT_BYTES: usize = 80;

/// Everything the parties stage knows about one article.
pub struct ArticleParties<'a> {
    gazetteer: &'a Gazetteer,
    text: &'a str,
    index: CharIndex,
    /// Party aliases that counted, in text order.
    mentions: Vec<Found>,
    /// Names of people with a known party, in text order.
    people: Vec<Found>,
    affiliations: Affiliations,
    /// Parties named anywhere in the article.
    named: HashSet<usize>,
    /// Words the article writes after a capitalised word, as surnames (`Mark Cuban`).
    surnames: HashSet<&'a str>,
    /// Publication date: decides which office a known person holds.
    date: Option<Day>,
    /// The state the article is about, where one stands out (`affiliation::home_state`).
    home_state: Option<usize>,
    /// The same for surnames with inner punctuation (`O'Brien`, `Al-Assad`).
    punctuated_surnames: PunctuatedSurnames<'a>,
    /// Known people who speak for no party in this article, by full and last name: those
    /// it calls former (undated articles only) and namesakes in a non-state role.
    not_officials: HashSet<&'a str>,
}

impl<'a> ArticleParties<'a> {
    /// Find the mentions and the people of `text`, published on `date` where known.
    pub fn new(gazetteer: &'a Gazetteer, text: &'a str, date: Option<Day>) -> Self {
        // The names in a hover card (`Donald John TrumpFederal judge halts ... MORE`) are
        // headlines of other stories: the segmenter drops them, and so does this stage.
        let cards = crate::segment::hover_cards(text);
        let outside_cards = |f: &Found| !cards.iter().any(|c| c.start <= f.start && f.end <= c.end);
        let mut mentions = gazetteer.find(text, &HashSet::new());
        mentions.retain(outside_cards);
        let index = CharIndex::new(text);
        // An official who has left office no longer stands for the state.
        // So does one the article introduces in the office of the time (`then-Secretary`).
        let mut leaders = find_leaders(gazetteer, text, date, |holding, start| {
            holding == Holding::Sitting
                || (holding == Holding::Former
                    && (is_introduced_in_office(text, start)
                        || is_introduced_with_title(text, start)))
        });
        // With no date the knowledge base cannot tell who has left office; the text can.
        let mut not_officials = if date.is_none() {
            former_names(text, &leaders)
        } else {
            HashSet::new()
        };
        // A namesake in a role that speaks for no state is not the known official.
        not_officials.extend(non_state_names(gazetteer, text, &leaders));
        leaders.retain(|f| !not_officials.contains(&text[f.start..f.end]) && outside_cards(f));
        let known = leaders
            .iter()
            .filter(|f| text[f.start..f.end].contains(' '))
            .map(|f| Affiliation {
                person: text[f.start..f.end].to_string(),
                party: gazetteer.name_of(f.party).to_string(),
                span: index.chars(f.bytes()),
            })
            .collect();
        let home_state = home_state(gazetteer, mentions.iter().chain(&leaders));
        let affiliations =
            Affiliations::from_mentions(gazetteer, text, &mentions, home_state).with_known(known);
        let people = find_people(gazetteer, text, &affiliations, &leaders);
        let named = mentions.iter().map(|f| f.party).collect();
        ArticleParties {
            gazetteer,
            text,
            index,
            mentions,
            people,
            affiliations,
            named,
            surnames: surname_words(text),
            date,
            home_state,
            punctuated_surnames: PunctuatedSurnames::new(text),
            not_officials,
        }
    }

    /// The party mentions of the article.
    pub fn mentions(&self) -> Vec<PartyMention> {
        self.mentions
            .iter()
            .map(|f| PartyMention {
                party: self.gazetteer.name_of(f.party).to_string(),
                span: self.index.chars(f.bytes()),
                surface: self.text[f.start..f.end].to_string(),
            })
            .collect()
    }

    /// The people the article ties to a party.
    pub fn affiliations(&self) -> &Affiliations {
        &self.affiliations
    }

    /// `<home state> opposition` where the gazetteer has it, for protesters; without a
    /// home state, the opposition of the state named most.
    pub(crate) fn home_opposition(&self) -> Option<String> {
        // Protesters in an article naming two states often (Hong Kong and China) stand
        // against the one it names most.
        let home_state = self
            .home_state
            .or_else(|| most_named_state(self.gazetteer, self.mentions.iter().chain(&self.people)));
        let home = self.gazetteer.name_of(home_state?);
        let opposition = format!("{home} opposition");
        self.gazetteer.party_index(&opposition).map(|_| opposition)
    }

    /// The article's home state, for officials and groups it does not give a state.
    pub(crate) fn home_state(&self) -> Option<String> {
        self.home_state
            .map(|p| self.gazetteer.name_of(p).to_string())
    }

    /// `state` (canonical name) where the article names no other state more often
    /// (aliases and sitting officials) and names it at all.
    pub(crate) fn if_most_named(&self, state: &str) -> Option<String> {
        let party = self.gazetteer.party_index(state)?;
        let counts = state_counts(self.gazetteer, self.mentions.iter().chain(&self.people));
        let top = counts.values().copied().max()?;
        (counts.get(&party) == Some(&top)).then(|| state.to_string())
    }

    /// The party `statement`'s speaker stands for: a person's titled party, a party named
    /// in the speaker (`the Kremlin`, `Moscow officials`), or a well-known leader's party.
    pub fn speaker_party(&self, statement: &Statement) -> Option<String> {
        let name = statement.speaker.trim();
        if name.is_empty()
            || SPEAKERS_NAMING_NOBODY.contains(&name.to_lowercase())
            || is_role_description(name)
        {
            return None;
        }
        // `Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan`: a
        // joint speaker whose parts stand for different parties speaks for none alone.
        if self.joint_parties(name) > 1 {
            return None;
        }
        if let Some(party) = self.affiliations.party_of(name) {
            return Some(party.to_string());
        }
        let spans = statement.speaker_mention.into_iter().chain(
            statement
                .speaker_spans
                .iter()
                .map(|s| CharSpan::new(s[0], s[1])),
        );
        for span in spans {
            let (start, end) = self.bytes(span);
            // `China and Russia`: a joint speaker of several parties speaks for none alone.
            if name.contains(" and ") {
                let mut parties: Vec<usize> = [&self.mentions, &self.people]
                    .into_iter()
                    .flat_map(|found| inside(found, start, end).map(|f| f.party))
                    .collect();
                parties.sort_unstable();
                parties.dedup();
                if parties.len() > 1 {
                    return None;
                }
            }
            for (found, aliases) in [(&self.mentions, true), (&self.people, false)] {
                // `said Rome` for Henry Rome: a party alias that is the speaker's own last
                // name names the person, not the party (a known person keeps theirs).
                let own_name = |f: &Found| {
                    aliases
                        && is_known_first_name(name.split(' ').next().unwrap_or_default())
                        && name.rsplit(' ').next() == Some(&self.text[f.start..f.end])
                };
                if let Some(f) = inside(found, start, end).find(|f| {
                    !own_name(f) && gives_speaker_party(self.text, f.start, f.end, end, name)
                }) {
                    return Some(self.gazetteer.name_of(f.party).to_string());
                }
            }
        }
        // A one-word speaker the article also writes after a first name (`Mark Cuban`,
        // `Michael Jordan`) is that person, not the party of the same spelling.
        let surname = !name.contains(char::is_whitespace) && self.is_surname(name);
        if !surname
            && let Some(f) = self
                .gazetteer
                .find(name, &self.named)
                .iter()
                .find(|f| !is_inside_other_name(name, f.start, f.end))
        {
            return Some(self.gazetteer.name_of(f.party).to_string());
        }
        if let Some(f) = find_leaders(self.gazetteer, name, self.date, |h, _| {
            h == Holding::Sitting
        })
        .first()
        .filter(|_| !self.not_officials.contains(name))
        {
            return Some(self.gazetteer.name_of(f.party).to_string());
        }
        self.affiliations
            .bodies()
            .party_of(name)
            .map(str::to_string)
    }

    /// How many parties the parts of a joint speaker (`A and B`, `A, B and C`) stand
    /// for, each part by its titled person, its party name or a known person in it.
    fn joint_parties(&self, name: &str) -> usize {
        if !name.contains(" and ") {
            return 0;
        }
        let mut parties: Vec<String> = name
            .split(" and ")
            .flat_map(|p| p.split(", "))
            .filter_map(|part| {
                let part = part.trim();
                self.affiliations
                    .party_of(part)
                    .map(str::to_string)
                    .or_else(|| {
                        let f = self
                            .gazetteer
                            .find(part, &self.named)
                            .into_iter()
                            .next()
                            .or_else(|| {
                                find_leaders(self.gazetteer, part, self.date, |h, _| {
                                    h == Holding::Sitting
                                })
                                .into_iter()
                                .next()
                            })?;
                        Some(self.gazetteer.name_of(f.party).to_string())
                    })
            })
            .collect();
        parties.sort_unstable();
        parties.dedup();
        parties.len()
    }

    /// The parties `statement` concerns (canonical names, in text order), without the
    /// speaker's own party unless the statement criticises it.
    pub fn targets(&self, statement: &Statement) -> Vec<String> {
        let mut ranges = vec![self.bytes(statement.span())];
        let content_start = ranges[0].0;
        // The cue attribution found, or the gold cue fragments of an annotated statement.
        let cues = statement.cue_mention.into_iter().chain(
            statement
                .cue_spans
                .iter()
                .map(|c| CharSpan::new(c[0], c[1])),
        );
        for cue in cues {
            let (start, end) = self.bytes(cue);
            ranges.push((start, end));
            let gap = self.text.get(end..content_start).unwrap_or("");
            if end <= content_start
                && gap.len() <= MAX_CUE_OBJECT_BYTES
                && !gap.contains(['.', '!', '?', '\n', '“', '"'])
            {
                ranges.push((end, content_start));
            }
        }
        let own = statement
            .speaker_party
            .as_deref()
            .and_then(|p| self.gazetteer.party_index(p));
        let mut found: Vec<&Found> = Vec::new();
        for found_in in [&self.mentions, &self.people] {
            let mut of_list: Vec<&Found> = ranges
                .iter()
                .flat_map(|&(s, e)| inside(found_in, s, e))
                .collect();
            // Ranges may overlap (the cue inside the content): each occurrence once.
            of_list.sort_by_key(|f| (f.start, f.end));
            of_list.dedup();
            found.extend(of_list);
        }
        let home_refs = home_mentions(
            self.gazetteer,
            self.text,
            (self.home_state, own),
            (content_start, ranges[0].1),
        );
        found.extend(&home_refs);
        found.sort_by_key(|f| f.start);
        let mut out: Vec<String> = Vec::new();
        for f in found {
            if Some(f.party) == own && !is_criticised(self.text, f.start, f.end) {
                continue;
            }
            let name = self.gazetteer.name_of(f.party);
            if !out.iter().any(|t| t == name) {
                out.push(name.to_string());
            }
        }
        out
    }

    /// Where each target of `statement` is named inside its window (code points).
    pub fn target_mentions(&self, statement: &Statement) -> Vec<TargetMention> {
        let Some(window) = statement.window else {
            return Vec::new();
        };
        let (start, end) = self.bytes(window);
        inside(&self.mentions, start, end)
            .filter_map(|f| {
                let target = self.gazetteer.name_of(f.party);
                statement
                    .targets
                    .iter()
                    .any(|t| t == target)
                    .then(|| TargetMention {
                        target: target.to_string(),
                        span: self.index.chars(f.bytes()),
                    })
            })
            .collect()
    }

    /// True when the article writes `word` after a capitalised word, as a surname.
    fn is_surname(&self, word: &str) -> bool {
        if word.chars().all(is_word_char) {
            return self.surnames.contains(word);
        }
        self.punctuated_surnames.contains(self.text, word)
    }

    /// The speaker's words as the article writes them (`the California Democrat`), also
    /// where attribution resolved them to a name; empty without a speaker mention.
    pub(crate) fn speaker_as_written(&self, statement: &Statement) -> &'a str {
        statement
            .speaker_mention
            .map(|m| self.bytes(m))
            .and_then(|(start, end)| self.text.get(start..end))
            .unwrap_or_default()
    }

    fn bytes(&self, span: CharSpan) -> (usize, usize) {
        let b = self.index.bytes(span);
        (b.start, b.end)
    }
}

/// Occurrences of people with a party: the article's titled people (full and last
/// names), then the sitting known `leaders` found in it (with the party the article
/// gives them, where it gives one).
fn find_people(
    gazetteer: &Gazetteer,
    text: &str,
    affiliations: &Affiliations,
    leaders: &[Found],
) -> Vec<Found> {
    let mut all = Vec::new();
    let (names, parties): (Vec<&str>, Vec<usize>) = affiliations
        .names()
        .filter_map(|(name, party)| Some((name, gazetteer.party_index(party)?)))
        .unzip();
    // One pass over the article for all the names, not one per name.
    if let Ok(automaton) = AhoCorasick::new(&names) {
        for m in automaton.find_overlapping_iter(text) {
            // `Kim Jin-ho` is not the `Kim` of Kim Jong Un: a short name followed by
            // another name word belongs to someone else.
            let short_in_longer =
                !text[m.start()..m.end()].contains(' ') && starts_longer_name(text, m.end());
            if has_word_boundaries(text, m.start(), m.end()) && !short_in_longer {
                all.push(Found {
                    party: parties[m.pattern().as_usize()],
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
    for f in leaders {
        let surface = &text[f.start..f.end];
        let party = affiliations
            .party_of(surface)
            .and_then(|p| gazetteer.party_index(p))
            .unwrap_or(f.party);
        all.push(Found { party, ..*f });
    }
    longest_first(all)
}

/// The occurrences in `found` (sorted by start) that lie inside `start..end` (bytes).
fn inside(found: &[Found], start: usize, end: usize) -> impl Iterator<Item = &Found> {
    let first = found.partition_point(|f| f.start < start);
    found[first..]
        .iter()
        .take_while(move |f| f.start < end)
        .filter(move |f| f.end <= end)
}

/// `Chinese analysts`, `a former senior official`, `the Russian journalist`: a description
/// (no capitalised head, no possessive, no body among its words: `Justice Department
/// lawyers` speak for their body) of people in a role that speaks for no state
/// (`data/words/non-state-roles.txt`), or of people out of office (`former`), names
/// whom they are, not whom they speak for.
pub(crate) fn is_role_description(speaker: &str) -> bool {
    let words = super::speaker_words(speaker);
    let (Some(last), Some(head)) = (speaker.split_whitespace().last(), words.last()) else {
        return false;
    };
    // `Exxon's own experts` speak for their body.
    let possessive = speaker.contains("'s ") || speaker.contains("’s ");
    let body = words.iter().any(|w| ORGANISATION_WORDS.contains(w));
    if last.starts_with(char::is_uppercase) || possessive || body {
        return false;
    }
    let singular = head.strip_suffix('s').unwrap_or(head);
    NON_STATE_ROLES.contains(head)
        || NON_STATE_ROLES.contains(singular)
        || words.iter().any(|w| FORMER_WORDS.contains(w))
}
