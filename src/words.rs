//! The word lists of `data/words/` (see its README), embedded at build time, with the one
//! loader every rule reads them through.

use std::collections::HashSet;
use std::sync::LazyLock;

/// A closed class of words (or phrases of words separated by one space).
#[derive(Debug)]
pub(crate) struct WordList(HashSet<&'static str>);

impl WordList {
    /// One entry per line; `#` starts a comment line; blank lines are skipped.
    fn parse(text: &'static str) -> Self {
        WordList(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        )
    }

    /// True when `word` is in the list, exactly as written.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

macro_rules! word_lists {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub(crate) static $name: LazyLock<WordList> = LazyLock::new(|| {
                WordList::parse(include_str!(concat!("../data/words/", $file)))
            });
        )*
        /// Every list with its file name, for the test that reads them all.
        #[cfg(test)]
        fn all() -> Vec<(&'static str, &'static WordList)> {
            vec![$(($file, &*$name)),*]
        }
    };
}

word_lists! {
    /// Personal pronouns that can be the subject of a cue.
    SUBJECT_PRONOUNS = "subject-pronouns.txt";
    /// Pronouns that refer to one person.
    PERSON_PRONOUNS = "person-pronouns.txt";
    /// Words that open a noun phrase without being its head.
    DETERMINERS = "determiners.txt";
    /// Determiners that introduce someone new (`a`, `three`, `another`).
    INDEFINITE_DETERMINERS = "indefinite-determiners.txt";
    /// Words that end a speaker phrase when walking away from the cue.
    SPEAKER_BOUNDARIES = "speaker-boundaries.txt";
    /// Auxiliaries and adverbs that may stand between a subject and its cue.
    BEFORE_CUE_WORDS = "before-cue-words.txt";
    /// The forms of `be` before a passive participle (`was asked`).
    BE_FORMS = "be-forms.txt";
    /// Days and other time words that open adjuncts (`said Monday that`).
    TIME_WORDS = "time-words.txt";
    /// The days of the week, never part of a name.
    WEEKDAYS = "weekdays.txt";
    /// Prepositions that open an adjunct between a cue and what follows.
    ADJUNCT_PREPOSITIONS = "adjunct-prepositions.txt";
    /// Titles and descriptions stripped off a speaker's name.
    TITLES = "titles.txt";
    /// Titles that make the one capitalised word after them a person's surname.
    SURNAME_TITLES = "surname-titles.txt";
    /// Words that mark a capitalised run as an organisation or place, not a person.
    ORGANISATION_WORDS = "organisation-words.txt";
    /// Nouns that report what someone said, decided or wants.
    SPEECH_NOUNS = "speech-nouns.txt";
    /// Words right after an alias that show it names a polity (`Chad's army`).
    POLITICAL_HEADS = "political-heads.txt";
    /// Nouns before `of`/`with`/... that show the next alias names a polity.
    POLITICAL_GOVERNORS = "political-governors.txt";
    /// Verbs that take a polity as object (`invaded Georgia`).
    POLITICAL_VERBS = "political-verbs.txt";
    /// Prepositions after which a capital is a location, not a government.
    LOCATIVES = "locatives.txt";
    /// Words next to `Turkey`/`China` that mean the bird or the tableware.
    COMMON_NOUN_NEIGHBOURS = "common-noun-neighbours.txt";
    /// Capitalised words that may stand before an alias without making it a surname.
    CAPITALISED_FUNCTION_WORDS = "capitalised-function-words.txt";
    /// Speakers that name nobody by themselves.
    SPEAKERS_NAMING_NOBODY = "speakers-naming-nobody.txt";
    /// Words right after a party that make it the subject of a demand.
    DEMANDS = "demands.txt";
    /// Two-word demands and failures (`has to`, `has failed`).
    DEMAND_PAIRS = "demand-pairs.txt";
    /// Words of criticism that, near a party, make it criticised.
    CRITICISM = "criticism.txt";
    /// Title words that may stand between a party and a name.
    PARTY_TITLE_WORDS = "party-title-words.txt";
    /// Heads of group speakers that stand for the opposition (`protesters`).
    PROTESTER_HEADS = "protester-heads.txt";
    /// Head words of named bodies that are open-world parties (`Bureau`, `Archive`).
    BODY_WORDS = "body-words.txt";
    /// Words that make a title an office of a state's government (`Education Minister`).
    STATE_OFFICE_WORDS = "state-office-words.txt";
    /// One-word subjects that are never a source (`Still`, `Well`, `December`).
    NON_SOURCE_WORDS = "non-source-words.txt";
    /// Role words of an apposition that ties a person to a body (`director of`).
    AFFILIATION_ROLE_WORDS = "affiliation-role-words.txt";
    /// Titles that make the person after them a body's (`AFL-CIO President`).
    BODY_HEAD_TITLES = "body-head-titles.txt";
    /// Title words that cannot end a title (`Secretary of`).
    NON_HEAD_TITLE_WORDS = "non-head-title-words.txt";
    /// Heads of group and unnamed speakers (`officials`, `the spokesman`).
    GROUP_SPEAKER_HEADS = "group-speaker-heads.txt";
    /// Head words of a state's organs named after it (`Seoul's Unification Ministry`).
    STATE_ORGAN_WORDS = "state-organ-words.txt";
    /// Heads of descriptions of the home state's government (`the regime`).
    HOME_STATE_REFERENCES = "home-state-references.txt";
    /// Words after such a description that block it (`the president of`, `regime change`).
    HOME_REFERENCE_BLOCKERS = "home-reference-blockers.txt";
    /// Capitalised words of a state's armed services in a title (`Air Force spokeswoman`).
    ARMED_SERVICE_WORDS = "armed-service-words.txt";
    /// Officer ranks that make a title a state's military office (`Adm.`, `Maj. Gen.`).
    MILITARY_RANK_WORDS = "military-rank-words.txt";
    /// The US states, lower case (`south carolina`), for `the South Carolina Republican`.
    US_STATES = "us-states.txt";
    /// Heads of a state's armed services named without the state (`The Navy`).
    STATE_FORCE_HEADS = "state-force-heads.txt";
    /// Heads of a description joined to a name as one speaker (`Trump and other officials`).
    JOINT_SPEAKER_HEADS = "joint-speaker-heads.txt";
    /// Month names (`April`, `Sept.`): with a day after them, a date, not a name.
    MONTHS = "months.txt";
    /// Words before a month name that make it the month (`in May`).
    DATE_OPENERS = "date-openers.txt";
    /// Periods that `last`, `this`, `next` make a time adjunct (`last week`).
    PERIODS = "periods.txt";
    /// Listeners a `told`-like cue addresses before its content (`told reporters ...`).
    LISTENERS = "listeners.txt";
    /// Cues whose first object is always the addressee (`told`).
    LISTENER_CUES = "listener-cues.txt";
    /// Party words and titles of members of the US Congress (`Republican Sen.`).
    CONGRESS_WORDS = "congress-words.txt";
    /// Words that make an unnamed speaker a group of the US Congress (`House Republicans`).
    CONGRESS_GROUP_WORDS = "congress-group-words.txt";
    /// Roles that speak for no state (`analyst`, `correspondent`).
    NON_STATE_ROLES = "non-state-roles.txt";
    /// News outlets, media heads and documents: speakers that may only relay another source.
    RELAYS = "relays.txt";
    /// Media and document heads that end a relaying speaker (`state media`, `the report`).
    RELAY_HEADS = "relay-heads.txt";
    /// Prepositions that never end a speaker phrase (`suspected of backing`).
    SPEAKER_FINAL_PREPOSITIONS = "speaker-final-prepositions.txt";
    /// Titles of dated offices that date a statement to the term (`President Reagan`).
    TERM_TITLES = "term-titles.txt";
    /// Verbs of saying whose statement an outlet relays (`X said ..., Reuters reported`).
    RELAYED_CUES = "relayed-cues.txt";
    /// Abbreviated title words written with a full stop (`Gov.`).
    TITLE_ABBREVIATIONS = "title-abbreviations.txt";
    /// Local offices a place may stand before (`San Diego County Sheriff`).
    LOCAL_OFFICE_WORDS = "local-office-words.txt";
    /// Family names written first (`Kim` of `Kim Jong Un`).
    FAMILY_NAME_FIRST = "family-name-first.txt";
    /// Capitalised words that are not names.
    NOT_NAMES = "not-names.txt";
    /// Lowercase particles inside names (`bin`, `von`).
    NAME_PARTICLES = "name-particles.txt";
    /// Past-tense verbs that open a verb phrase before a cue (`spent years pointing to`).
    VERB_PHRASE_OPENERS = "verb-phrase-openers.txt";
    /// Irregular past-tense verbs: the finite verb a participle cue hangs on.
    PAST_TENSE_VERBS = "past-tense-verbs.txt";
    /// Cues whose first object is the person addressed (`told reporters that`).
    ADDRESSEE_CUES = "addressee-cues.txt";
    /// Words after which an opening `that` is a pronoun (`said that is wrong`).
    PRONOUN_THAT_FOLLOWERS = "pronoun-that-followers.txt";
    /// The vehicles of a statement before a participle cue (`a statement saying`).
    SPEECH_FRAME_NOUNS = "speech-frame-nouns.txt";
    /// Connectives that open a sentence outside what a source said (`But`, `Moreover`).
    SENTENCE_CONNECTIVES = "sentence-connectives.txt";
    /// Words of a line's label before a colon that make it no speaker (`OPINION:`).
    COLON_LABELS = "colon-labels.txt";
    /// Pronouns that, left unresolved as a speaker, mean the writer or the reader.
    NARRATOR_PRONOUNS = "narrator-pronouns.txt";
    /// Words that mark an office no longer held (`former`, `fired`).
    FORMER_WORDS = "former-words.txt";
    /// First names of women: a `he` never means them.
    FEMALE_FIRST_NAMES = "female-first-names.txt";
    /// First names of men: a `she` never means them.
    MALE_FIRST_NAMES = "male-first-names.txt";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_documented_and_has_entries() {
        for (file, list) in all() {
            assert!(!list.0.is_empty(), "{file} has no entries");
            assert!(
                list.0.iter().all(|w| w.trim() == *w),
                "{file}: stray spaces"
            );
        }
        assert!(TITLES.contains("president") && !TITLES.contains("President"));
        assert!(DEMAND_PAIRS.contains("has to"));
        assert!(CAPITALISED_FUNCTION_WORDS.contains("The"));
    }
}
