//! Parties: who each statement is about, and whom each speaker stands for.
//!
//! Three pieces:
//! - [`Gazetteer`]: states, territories, organisations, blocs and armed groups with their
//!   aliases (`data/parties.tsv`, extended by user files), and well-known leaders
//!   (`data/leaders.tsv`).
//! - Mention detection ([`Gazetteer::mentions`]): one Aho-Corasick pass over the text,
//!   case-sensitive, keeping the longest matches that sit on word boundaries. A hyphen or an
//!   apostrophe is a boundary, so `Russia's`, `Russia’s`, `Russian-backed`, `pro-Russian`
//!   and both halves of `Russia-West` count; plurals are aliases (`Russians`).
//! - [`Affiliations`]: people tied to a party by a title or apposition in the article;
//!   they speak for that party throughout the article. Leaders are the fallback.
//!
//! # Speaker party
//!
//! In order: the party the article gives the person (full name, or a last name only one
//! party's people bear); a party named in the speaker itself (`the Kremlin`, `Moscow
//! officials`, `The Israeli military`), unless the speaker is one word the article also
//! writes as a surname (`Mark Cuban` ... `Cuban said`); a well-known leader's party
//! (`data/leaders.tsv`). A group or unnamed spokesperson without one (`officials`, `the
//! spokesman`) takes the party of the statement before it: news goes on with the same
//! side. Otherwise null (pronouns, `a local resident`).
//!
//! # Ambiguous aliases
//!
//! Marked aliases are decided by context, in this order:
//! 1. Guards that reject: a place alias (`@Moscow`) right after `in`, `at`, `near`...
//!    without a possessive (`the summit in Washington`) or before a capitalised word
//!    (`Washington Post`); a common-noun alias (`~Turkey`, `~China`) next to a word of the
//!    common sense (`Turkey dinner`, `roast Turkey`, `fine China`); an ambiguous alias
//!    (`?Chad`, `?Jordan`, `?Georgia`, `?Washington`) inside a longer name: after a
//!    capitalised word (`Michael Jordan`) or before one (`Chad Thompson`).
//! 2. An ambiguous alias that survives counts when (a) a political word stands next to it
//!    (`Chad's army`, `government of Georgia`, `invaded Georgia`), (b) it is coordinated
//!    with an accepted party (`Russia and Georgia`, `Russia-West`), or (c) its party is
//!    named elsewhere in the article by an alias that counted (`Tbilisi`, `Jordanian`,
//!    `NATO` for `the alliance`). Otherwise it is dropped: `Chad said he liked it` and
//!    `a rally in Georgia` name no party. An alias shared by several parties
//!    (`the bloc`, `Brussels`) goes to the supported party named nearest before it.
//!
//! `the summit` and `the meeting` refer to the party of the nearest `<party> summit` (or
//! `<party> meeting`) before them: `NATO summit ... the summit's conclusions`.
//!
//! # Targets
//!
//! A statement's targets are the parties named in its content, in the object of its cue
//! (between the cue and the content: `accusing Russia of ...`) and the parties of people
//! it names. The speaker's own party is left out unless the content criticises it: it is
//! the subject of a demand (`Russia must stop`, `Russia has to`) or a word of criticism
//! (`crimes`, `illegal`, `regime`...) stands within four words of it.

mod affiliation;
mod ambiguous;
mod bodies;
mod congress;
mod context;
mod former;
mod gazetteer;
mod initials;
mod mentions;
mod namesake;
mod officials;
mod speaker_span;
mod speakers;
mod surnames;
mod targets;
pub(crate) mod text;

pub use affiliation::{Affiliation, Affiliations};
pub use gazetteer::{Alias, AliasFlags, Gazetteer, Party, PartyKind};
pub use mentions::PartyMention;
pub use officials::{Day, Holding, Leader, Tenure};
pub use speakers::ArticleParties;

use crate::record::Statement;
use crate::words::{
    DETERMINERS, GROUP_SPEAKER_HEADS, HOME_STATE_REFERENCES, ORGANISATION_WORDS, PROTESTER_HEADS,
    STATE_FORCE_HEADS, STATE_OFFICE_WORDS, WordList,
};
use congress::is_congress_group;
pub(crate) use congress::is_us_state_partisan;

/// The parties stage: fill `speaker_party`, `targets` and `target_mentions` of every
/// statement of the article `text`, published on `date` where known (it decides which
/// office a known person holds).
pub fn assign_parties(
    gazetteer: &Gazetteer,
    text: &str,
    date: Option<Day>,
    statements: &mut [Statement],
) {
    let article = ArticleParties::new(gazetteer, text, date);
    let mut previous: Option<String> = None;
    for statement in statements.iter_mut() {
        statement.speaker_party = article.speaker_party(statement);
        if speakers::is_role_description(&statement.speaker) {
            continue;
        }
        // `protesters`, `protest leaders`: the opposition of the state the article is about.
        if statement.speaker_party.is_none() && has_head(&statement.speaker, &PROTESTER_HEADS) {
            statement.speaker_party = article.home_opposition();
        }
        // Also the words as written, where attribution resolved them to a name.
        if statement.speaker_party.is_none()
            && (is_us_state_partisan(&statement.speaker)
                || is_us_state_partisan(article.speaker_as_written(statement)))
        {
            statement.speaker_party = gazetteer
                .party_index("United States")
                .map(|p| gazetteer.name_of(p).to_string());
        }
        if statement.speaker_party.is_none() && is_congress_group(&statement.speaker) {
            statement.speaker_party = article.if_most_named("United States");
        }
        if statement.speaker_party.is_none() && is_group_speaker(&statement.speaker) {
            let state_office = has_head(&statement.speaker, &STATE_OFFICE_WORDS);
            let force = has_head(&statement.speaker, &STATE_FORCE_HEADS);
            let previous_party = previous.as_deref().map(|p| gazetteer.party(p));
            // A body the gazetteer lacks (`ALDEA`) has no judges or police of its own, and
            // no group of any kind has a navy.
            let previous_is_body = previous_party.is_some_and(|p| p.is_none());
            let previous_is_state = previous_party
                .flatten()
                .is_some_and(|p| p.kind == PartyKind::State);
            if !(state_office && previous_is_body || force && !previous_is_state) {
                statement.speaker_party = previous.clone();
            }
            // `police`, `prosecutors`, `the Navy`: the state the article is about.
            if statement.speaker_party.is_none() && (state_office || force) {
                statement.speaker_party = article.home_state();
            }
        }
        // `the president said`, left unresolved: the head of the state the article is about.
        if statement.speaker_party.is_none() && is_home_reference(&statement.speaker) {
            statement.speaker_party = article.home_state();
        }
        if statement.speaker_party.is_some() {
            previous.clone_from(&statement.speaker_party);
        }
    }
    for statement in statements {
        statement.targets = article.targets(statement);
        statement.target_mentions = article.target_mentions(statement);
    }
}

/// True for `the president`, `the government`, `the regime`: `the` and a word of
/// `data/words/home-state-references.txt`, nothing else.
fn is_home_reference(speaker: &str) -> bool {
    matches!(&speaker_words(speaker)[..], [the, head] if the == "the" && HOME_STATE_REFERENCES.contains(head))
}

/// True when a head word of `speaker` is in `heads` (`police` among the state offices).
fn has_head(speaker: &str, heads: &WordList) -> bool {
    head_words(&speaker_words(speaker)).any(|w| heads.contains(w))
}

/// The words that may head a phrase: its last word, and an organisation word before `of`
/// (`the Ministry of Commerce`; not `an official of the movement`).
fn head_words(words: &[String]) -> impl Iterator<Item = &str> {
    let before_of = words
        .iter()
        .position(|w| w == "of")
        .filter(|&k| k > 0 && ORGANISATION_WORDS.contains(&words[k - 1]));
    before_of
        .map(|k| &words[k - 1])
        .into_iter()
        .chain(words.last())
        .map(String::as_str)
}

/// A group or an unnamed spokesperson (`officials`, `the spokesman`, `Officials`), not a
/// named person or body: `data/words/group-speaker-heads.txt`.
fn is_group_speaker(speaker: &str) -> bool {
    let words = speaker_words(speaker);
    let Some(first) = words.first() else {
        return false;
    };
    let opens_as_description =
        words.len() == 1 || speaker.starts_with(char::is_lowercase) || DETERMINERS.contains(first);
    // `Hamburg Police`, `Louisville police`: a place's force of the state.
    let local_office = words.len() == 2 && STATE_OFFICE_WORDS.contains(&words[1]);
    (opens_as_description || local_office)
        && head_words(&words)
            .any(|w| GROUP_SPEAKER_HEADS.contains(w) || STATE_FORCE_HEADS.contains(w))
}

/// The words of `speaker`, lower-cased, without the punctuation around them.
pub(super) fn speaker_words(speaker: &str) -> Vec<String> {
    speaker
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect()
}
