//! Descriptions that introduce a new source are not linked to a name the article gave
//! before: `a U.S. Treasury spokesman` after a Chinese spokesman was quoted, `the
//! official` after `told CNN`.

mod common;
use common::{statements, with_content};

#[test]
fn an_indefinite_description_is_someone_new() {
    let text = "\"The tariffs are bullying,\" said Chinese Foreign Ministry spokesman Geng \
                Shuang on Monday.\n\nA U.S. Treasury spokesman said the tariffs would stay \
                in place until China changed course.";
    let found = statements(text);
    let stay = with_content(&found, "tariffs would stay");
    assert_eq!(stay.speaker, "A U.S. Treasury spokesman");
    assert_eq!(stay.speaker_party.as_deref(), Some("United States"));
    // The first statement keeps its named speaker.
    assert_eq!(with_content(&found, "bullying").speaker, "Geng Shuang");
}

#[test]
fn an_apposition_still_names_the_person() {
    let text = "Steve Baker, a former Brexit minister, said the deal was dead.";
    let found = statements(text);
    assert_eq!(with_content(&found, "deal was dead").speaker, "Steve Baker");
}

#[test]
fn a_description_before_a_cue_does_not_describe_the_outlet_addressed() {
    let text = "A senior U.S. defense official told CNN that the strikes would go on. \
                \"We are not done,\" the official said.";
    let found = statements(text);
    let done = with_content(&found, "not done");
    assert_ne!(done.speaker, "CNN", "{found:#?}");
    assert_eq!(done.speaker, "the official");
}
