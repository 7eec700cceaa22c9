//! Namesakes of known officials (issue: who speaks for whom): a person the article
//! introduces in a role that speaks for no state is not the knowledge base's official of
//! the same name, and a first name that differs means someone else.

mod common;
use common::assign_one as assign;

#[test]
fn a_namesake_in_a_non_state_role_speaks_for_no_state() {
    // The knowledge base's James Cole was deputy attorney general (2010-2015).
    let text = "James Cole, an archaeologist at the University of Brighton, praised the study. \
                \"We are dealing with a puzzle,\" Cole said.";
    let s = assign(text, None, "James Cole", "We are dealing with a puzzle");
    assert_eq!(s.speaker_party, None);
    let s = assign(
        text,
        Some("2012-05-01"),
        "Cole",
        "We are dealing with a puzzle",
    );
    assert_eq!(s.speaker_party, None);
    // The same name with an office keeps the state.
    let text = "James Cole, the deputy attorney general, said the inquiry would go on.";
    let s = assign(
        text,
        Some("2012-05-01"),
        "James Cole",
        "the inquiry would go on",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("United States"));
}

#[test]
fn a_person_the_knowledge_base_ties_to_a_body_keeps_it_whatever_the_role() {
    let text = "Billionaire George Soros said the foundations would stay in Budapest.";
    let s = assign(
        text,
        None,
        "George Soros",
        "the foundations would stay in Budapest",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("Open Society Foundations"));
}

#[test]
fn another_first_name_is_another_person() {
    // John Kelly was White House chief of staff in August 2017; Robert Kelly is a professor.
    let text = "Chief of staff John Kelly is unlikely to sign off on it, \
                added Robert Kelly, associate professor at Pusan National University. \
                \"Trump is gaining a reputation,\" said Robert Kelly.";
    let s = assign(
        text,
        Some("2017-08-09"),
        "Robert Kelly",
        "Trump is gaining a reputation",
    );
    assert_eq!(s.speaker_party, None);
    let s = assign(
        text,
        Some("2017-08-09"),
        "John Kelly",
        "is unlikely to sign off on it",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("United States"));
}

#[test]
fn a_party_name_that_is_the_speakers_last_name_names_the_person() {
    // Attribution resolves `Rome` to Henry Rome; the parties stage reads the mention.
    let text = "Tanker row\n\n\"Tehran will try again,\" said Henry Rome, Iran analyst with \
                Eurasia Group.\n\n\"Nobody has the appetite to commit militarily,\" said Rome. \
                \"He made some interesting moves.\"";
    let mut all = common::statements(text);
    let date = stancemap::parties::Day::parse("2019-07-19");
    stancemap::parties::assign_parties(&common::gazetteer(), text, date, &mut all);
    let s = all
        .iter()
        .find(|s| s.content.contains("appetite"))
        .expect("the second quote");
    assert_eq!(s.speaker, "Henry Rome");
    assert_eq!(s.speaker_party, None);
}

#[test]
fn a_generation_suffix_the_knowledge_base_does_not_list_is_another_person() {
    let text = "Donald Trump Jr. said the meeting with the lawyer was short.";
    let s = assign(
        text,
        Some("2018-07-01"),
        "Donald Trump Jr.",
        "the meeting with the lawyer was short",
    );
    assert_eq!(s.speaker_party, None);
    // The suffixed form the knowledge base lists is the official.
    let text = "Attorney Eric H. Holder Jr. said the inquiry would go on.";
    let s = assign(
        text,
        Some("2012-05-01"),
        "Eric H. Holder Jr.",
        "the inquiry would go on",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("United States"));
}
