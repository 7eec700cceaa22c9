//! Reported speech introduced by a cue, with the speaker before or after it.

use stancemap::attribute::{CueLexicon, extract};
use stancemap::pipeline::Pipeline;
use stancemap::record::{Statement, StatementKind, slice_chars};

fn statements(text: &str) -> Vec<Statement> {
    Pipeline::new().statements(text)
}

/// Assert one statement with this cue, speaker and content (content offsets checked too).
fn assert_statement(text: &str, cue: &str, speaker: &str, content: &str) {
    let all = statements(text);
    let s = all
        .iter()
        .find(|s| s.cue == cue)
        .unwrap_or_else(|| panic!("no statement with cue {cue:?} in {text:?}: {all:#?}"));
    assert_eq!(s.speaker, speaker, "{text}");
    assert_eq!(s.content, content, "{text}");
    assert_eq!(slice_chars(text, s.span()), s.content);
    assert_ne!(s.kind, StatementKind::Direct);
}

#[test]
fn cue_with_a_that_clause_leaves_the_that_out() {
    assert_statement(
        "Peskov emphasized that NATO remains inflexible.",
        "emphasized",
        "Peskov",
        "NATO remains inflexible",
    );
    assert_statement(
        "Despite these tensions, Peskov confirmed that the operation would continue.",
        "confirmed",
        "Peskov",
        "the operation would continue",
    );
    assert_statement(
        "Moscow officials argue that NATO jeopardizes regional stability.",
        "argue",
        "Moscow officials",
        "NATO jeopardizes regional stability",
    );
}

#[test]
fn cue_with_an_object() {
    assert_statement(
        "He criticized the meeting for offering no basis for talks.",
        "criticized",
        "He",
        "the meeting for offering no basis for talks",
    );
    assert_statement(
        "The minister warned of a long war.",
        "warned",
        "The minister",
        "a long war",
    );
}

#[test]
fn participle_cues_take_the_nearest_subject() {
    assert_statement(
        "The conflict began in 2014, with Ukraine accusing Russia of annexing Crimea.",
        "accusing",
        "Ukraine",
        "Russia of annexing Crimea",
    );
    assert_statement(
        "Russian forces invaded after an address by President Putin demanding surrender.",
        "demanding",
        "Putin",
        "surrender",
    );
    assert_statement(
        "Ukraine remains steadfast, insisting that peace depends on a withdrawal.",
        "insisting",
        "Ukraine",
        "peace depends on a withdrawal",
    );
}

#[test]
fn according_to_before_and_after_the_content() {
    assert_statement(
        "According to the Kremlin, the talks have failed.",
        "According to",
        "the Kremlin",
        "the talks have failed",
    );
    assert_statement(
        "The talks have failed, according to Western diplomats.",
        "according to",
        "Western diplomats",
        "The talks have failed",
    );
}

#[test]
fn attribution_after_the_content() {
    assert_statement(
        "The economy is weak, the minister said on Monday.",
        "said",
        "the minister",
        "The economy is weak",
    );
    assert_statement(
        "The plan, aides said, is to win Ohio.",
        "said",
        "aides",
        "The plan, aides said, is to win Ohio",
    );
}

#[test]
fn apposition_between_name_and_cue() {
    let text = "Dmitry Peskov, spokesperson for Russian President Vladimir Putin, expressed concern \
                over the results.";
    assert_statement(
        text,
        "expressed concern over",
        "Dmitry Peskov",
        "the results",
    );
    let text = "Sandra Inman, a supporter from Jackson, Miss., said she could not back him.";
    assert_statement(text, "said", "Sandra Inman", "she could not back him");
}

#[test]
fn no_statement_without_a_subject_or_for_capitalized_homographs() {
    let all =
        statements("The United States said nothing. States matter. Said to be rich, he left.");
    assert!(
        all.iter().all(|s| s.cue != "States" && s.cue != "Said"),
        "{all:#?}"
    );
    assert!(statements("It was a book written by an expert.").is_empty());
}

#[test]
fn user_cues_extend_the_lexicon() {
    let text = "The senator grumbled that the bill was too long.";
    let builtin = CueLexicon::builtin();
    assert!(extract(text, &builtin).iter().all(|s| s.cue != "grumbled"));
    let mut extended = CueLexicon::builtin();
    extended.add_lines("# my cues\ngrumbled\n");
    let found = extract(text, &extended);
    assert!(
        found
            .iter()
            .any(|s| s.cue == "grumbled" && s.speaker == "The senator"),
        "{found:#?}"
    );
}

#[test]
fn a_participle_after_a_prepositional_object_is_no_statement() {
    let text = "\"We will respond,\" the minister said in the interview published on Sunday, \
                referring to the drills held near the border.";
    let all = statements(text);
    assert!(all.iter().all(|s| s.cue != "published"), "{all:#?}");
    // The participle clause now hangs on the minister, not on "the interview".
    let referring = all.iter().find(|s| s.cue == "referring to");
    assert!(
        referring.is_none_or(|s| s.speaker == "the minister"),
        "{all:#?}"
    );
    // A plain subject with the same verb still speaks; the day it did is no content.
    assert_statement(
        "The ministry published on Sunday a list of the vessels it had seized.",
        "published",
        "The ministry",
        "a list of the vessels it had seized",
    );
}

#[test]
fn a_participle_coordinated_inside_an_accusation_is_part_of_it() {
    let text = "The feud began in 2008, with Georgia accusing Russia of occupying Abkhazia \
                and supporting separatist fighters in South Ossetia.";
    let all = statements(text);
    assert!(all.iter().any(|s| s.cue == "accusing"), "{all:#?}");
    assert!(all.iter().all(|s| s.cue != "supporting"), "{all:#?}");
}

#[test]
fn the_clause_starts_after_that_past_an_adjunct_or_an_addressee() {
    assert_statement(
        "Safadi wrote on Twitter that the settlements hurt peace prospects.",
        "wrote",
        "Safadi",
        "the settlements hurt peace prospects",
    );
    assert_statement(
        "The White House said Friday that more evidence is necessary.",
        "said",
        "The White House",
        "more evidence is necessary",
    );
    assert_statement(
        "Pompeo told reporters at the State Department that the decision was final.",
        "told",
        "Pompeo",
        "the decision was final",
    );
    // A pronoun `that` stays: it is the subject of the clause.
    assert_statement(
        "Peskov said that was a mistake.",
        "said",
        "Peskov",
        "that was a mistake",
    );
    // An object with a relative clause is no addressee: the `that` stays inside.
    assert_statement(
        "The minister announced a plan that would cut tariffs.",
        "announced",
        "The minister",
        "a plan that would cut tariffs",
    );
}

#[test]
fn a_contrast_clause_with_its_own_source_ends_the_content() {
    let text = "Pompeo dismissed suggestions that the decision would isolate the U.S., \
                though Jordan's Foreign Minister Ayman Safadi wrote that the settlements \
                hurt peace prospects.";
    assert_statement(
        text,
        "dismissed",
        "Pompeo",
        "suggestions that the decision would isolate the U.S.",
    );
    assert_statement(
        text,
        "wrote",
        "Ayman Safadi",
        "the settlements hurt peace prospects",
    );
    // Without a source of its own the clause stays in the content.
    assert_statement(
        "Peskov said the talks would go on, though slowly.",
        "said",
        "Peskov",
        "the talks would go on, though slowly",
    );
}

#[test]
fn a_participle_cue_after_a_comma_is_a_second_statement() {
    let text = "Netanyahu blamed the Palestinians, saying the stalemate was due to their \
                refusal to negotiate.";
    assert_statement(text, "blamed", "Netanyahu", "the Palestinians");
    assert_statement(
        text,
        "saying",
        "Netanyahu",
        "the stalemate was due to their refusal to negotiate",
    );
}

#[test]
fn the_vehicle_the_addressee_and_an_opening_connective_stay_outside() {
    // `released a statement saying`: the content is what the statement says.
    assert_statement(
        "Netanyahu's office released a statement saying the policy shift rights a wrong.",
        "released",
        "Netanyahu's office",
        "the policy shift rights a wrong",
    );
    // `told the council: "..."`.
    let text = "Lam told the council: \"I understand your concerns about the bill.\"";
    let all = statements(text);
    assert!(
        all.iter()
            .any(|s| s.content == "\"I understand your concerns about the bill.\""),
        "{all:#?}"
    );
    // `But, he said, ...` and `Moreover, ..., officials said.`
    assert_statement(
        "Moreover, the team has been pressing for talks, officials said.",
        "said",
        "officials",
        "the team has been pressing for talks",
    );
}

#[test]
fn a_vehicle_at_the_end_of_the_text_is_no_panic() {
    // The participle cue is the last word: no clause follows it.
    for text in [
        "The ministry released a statement saying",
        "The ministry released a statement saying.",
        "The ministry issued a statement warning it",
    ] {
        let all = statements(text);
        assert!(all.iter().all(|s| !s.content.is_empty()), "{all:#?}");
    }
}

/// `was quoted as saying ...` is one statement, the participle's.
#[test]
fn quoted_as_saying_is_one_statement() {
    let text = "Peskov was quoted as saying the talks had failed.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].cue, "saying");
    assert_eq!(all[0].content, "the talks had failed");
}
