//! Closed classes of function words the attribution rules lean on: pronouns,
//! determiners, clause boundaries, auxiliaries and time words (all lower case).

/// Personal pronouns that can be the subject of a cue.
pub(crate) fn is_pronoun(w: &str) -> bool {
    crate::words::SUBJECT_PRONOUNS.contains(w)
}

/// Pronouns that refer to one person.
pub(crate) fn is_person_pronoun(w: &str) -> bool {
    crate::words::PERSON_PRONOUNS.contains(w)
}

/// Words that open a noun phrase without being its head.
pub(crate) fn is_determiner(w: &str) -> bool {
    crate::words::DETERMINERS.contains(w)
}

/// Words that end a speaker phrase when walking away from the cue.
pub(crate) fn is_boundary(w: &str) -> bool {
    crate::words::SPEAKER_BOUNDARIES.contains(w)
}

/// Auxiliaries and adverbs that may stand between a subject and its cue.
pub(crate) fn is_skippable_before_cue(w: &str) -> bool {
    crate::words::BEFORE_CUE_WORDS.contains(w)
}

/// Days and other time words that open adjuncts (`said Monday that`).
pub(crate) fn is_time_word(w: &str) -> bool {
    crate::words::TIME_WORDS.contains(w)
}

/// The days of the week: never part of a name (`said Flake Wednesday`).
pub(crate) fn is_weekday(w: &str) -> bool {
    crate::words::WEEKDAYS.contains(w)
}

/// Prepositions that open an adjunct between a cue and what follows
/// (`said in a statement`, `told reporters on Sunday`).
pub(crate) fn is_adjunct_preposition(w: &str) -> bool {
    crate::words::ADJUNCT_PREPOSITIONS.contains(w)
}

/// A word ending in a possessive `'s` (`Trump's`, `Clinton’s`).
pub(crate) fn is_possessive(w: &str) -> bool {
    w.ends_with("’s") || w.ends_with("'s")
}

/// Past-tense verbs that open a verb phrase, not a subject (`spent years pointing to`).
pub(crate) fn is_verb_phrase_opener(w: &str) -> bool {
    crate::words::VERB_PHRASE_OPENERS.contains(w)
}

/// Cues whose first object is the person addressed (`told reporters that`).
pub(crate) fn is_addressee_cue(w: &str) -> bool {
    crate::words::ADDRESSEE_CUES.contains(w)
}

/// Cues whose first object is always the addressee (`told Reuters the ...`).
pub(crate) fn is_listener_cue(w: &str) -> bool {
    crate::words::LISTENER_CUES.contains(w)
}

/// Words after which an opening `that` is a pronoun (`said that is wrong`).
pub(crate) fn follows_pronoun_that(w: &str) -> bool {
    crate::words::PRONOUN_THAT_FOLLOWERS.contains(w)
}

/// The vehicles of a statement before a participle cue (`a statement saying`).
pub(crate) fn is_speech_frame_noun(w: &str) -> bool {
    crate::words::SPEECH_FRAME_NOUNS.contains(w)
}

/// Connectives that open a sentence outside what a source said (`But`, `Moreover`).
pub(crate) fn is_sentence_connective(w: &str) -> bool {
    crate::words::SENTENCE_CONNECTIVES.contains(w)
}

/// Words of a label before a colon that is no speaker (`OPINION:`, `Photographer:`).
pub(crate) fn is_colon_label(w: &str) -> bool {
    crate::words::COLON_LABELS.contains(w)
}

/// Pronouns that, left unresolved as a speaker, mean the writer or the reader.
pub(crate) fn is_narrator(w: &str) -> bool {
    crate::words::NARRATOR_PRONOUNS.contains(w)
}
