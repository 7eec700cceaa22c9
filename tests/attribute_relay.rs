//! Statements that news outlets and documents relay (`X said ..., Reuters reported`)
//! belong to the source, and the writer's `I` is no antecedent for a later `he`.

mod common;
use common::statements;

#[test]
fn a_statement_relayed_by_an_outlet_is_the_source_s() {
    let text = "Chung Eui-yong, who attended the meeting, said the North would give up its \
                weapons if threats were removed, Yonhap reported.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].speaker, "Chung Eui-yong");
    assert_eq!(all[0].cue, "said");
}

#[test]
fn an_outlet_citing_a_source_gives_the_source_s_statement() {
    let text = "CNN says that three sources said that the group is planning an attack.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].speaker, "three sources");
    assert!(
        all[0].content.starts_with("the group is planning"),
        "{all:?}"
    );
}

#[test]
fn an_outlet_s_report_of_events_stays_the_outlet_s() {
    // `had considered` is no verb of saying: the report is the Times' own.
    let text = "The New York Times reported that Trump had considered firing the director.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].speaker, "The New York Times");
}

#[test]
fn an_outlet_s_own_report_stays_a_statement() {
    let text = "The talks collapsed on Monday, Reuters reported.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].speaker, "Reuters");
}

#[test]
fn the_writer_s_i_is_no_antecedent_for_he() {
    let text = "I asked him why he did not want to be named.\n\n\
                \"Freedom is fading,\" he said.";
    let all = statements(text);
    let said = all
        .iter()
        .find(|s| s.cue == "said")
        .expect("a said statement");
    assert_ne!(said.speaker, "I", "{all:?}");
}

#[test]
fn a_document_carrying_a_source_s_words_relays_them() {
    let text = "According to a statement, the U.S. military said surveillance aircraft were \
                monitoring the strait.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].speaker, "the U.S. military");
    let text =
        "In a statement read in court, one of the prosecutors said Butina had drafted a plan.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].cue, "said");
}

#[test]
fn the_relay_s_own_words_leave_the_source_s_content() {
    let text = "The talks collapsed on Monday, a senior official said, Reuters reported.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].content, "The talks collapsed on Monday");
    let text =
        "North Korea issued a warning on Friday, saying Tokyo should stop, state media reported.";
    let all = statements(text);
    assert!(
        all.iter().all(|s| !s.content.contains("state media")),
        "{all:?}"
    );
}

#[test]
fn a_document_word_that_is_not_the_head_relays_nothing() {
    let text = "The authors of the report said officials told them the program failed.";
    let all = statements(text);
    assert!(
        all.iter().any(|s| s.speaker == "The authors of the report"),
        "{all:?}"
    );
}

#[test]
fn the_writer_s_i_is_no_antecedent_for_they() {
    let text = "I asked the officials about the plan. They said the talks had failed.";
    let all = statements(text);
    let said = all
        .iter()
        .find(|s| s.cue == "said")
        .expect("a said statement");
    assert_ne!(said.speaker, "I", "{all:?}");
}
