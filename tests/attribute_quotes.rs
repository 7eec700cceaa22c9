//! Direct and split quotes, multi-paragraph quotes, and quote marks that are no statements.

use stancemap::record::{StatementKind, slice_chars};

mod common;
use common::{statements, with_content};

#[test]
fn quote_before_name_and_cue_in_straight_and_curly_marks() {
    for (open, close) in [("\"", "\""), ("“", "”")] {
        let text = format!("{open}We will not give up,{close} Peskov said on Sunday.");
        let all = statements(&text);
        assert_eq!(all.len(), 1, "{all:#?}");
        let s = &all[0];
        assert_eq!(s.kind, StatementKind::Direct);
        assert_eq!(s.speaker, "Peskov");
        assert_eq!(s.cue, "said");
        assert_eq!(s.content, format!("{open}We will not give up,{close}"));
        assert_eq!(slice_chars(&text, s.span()), s.content);
    }
}

#[test]
fn cue_before_name_after_the_quote() {
    let text =
        "Talks are over. “There is nothing to discuss,” said Kremlin spokesman Dmitry Peskov.";
    let all = statements(text);
    let s = with_content(&all, "nothing to discuss");
    assert_eq!(s.kind, StatementKind::Direct);
    assert_eq!(s.speaker, "Dmitry Peskov");
    let mention = s.speaker_mention.expect("a mention");
    assert!(slice_chars(text, mention).contains("Peskov"));
}

#[test]
fn attribution_before_the_quote_with_a_colon() {
    let text = "Dmitry Peskov said: “The alliance remains an enemy for us.”";
    let all = statements(text);
    let s = with_content(&all, "enemy");
    assert_eq!(s.kind, StatementKind::Direct);
    assert_eq!(s.speaker, "Dmitry Peskov");
    assert!(s.content.starts_with('“') && s.content.ends_with('”'));
}

#[test]
fn pronoun_after_a_quote_resolves_to_the_full_name() {
    let text = "Kremlin spokesman Dmitry Peskov spoke on Sunday.\n\
                “We need to achieve the goals set by our president,” he added.";
    let all = statements(text);
    let s = with_content(&all, "achieve the goals");
    assert_eq!(s.speaker, "Dmitry Peskov");
    assert_eq!(s.cue, "added");
    // The mention nearest the cue is the pronoun itself.
    assert_eq!(slice_chars(text, s.speaker_mention.expect("mention")), "he");
}

#[test]
fn quote_split_around_the_attribution_is_one_statement() {
    let text =
        "“If he thinks that makes him smart,” the narrator says, “what does he think of you?”";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    let s = &all[0];
    assert_eq!(s.parts.len(), 2);
    assert!(s.content.starts_with("“If he") && s.content.ends_with("of you?”"));
    assert_eq!(s.speaker, "the narrator");
}

#[test]
fn quote_running_over_paragraphs_is_one_statement() {
    let text = "The Times reports:\n\n\"Just 24 percent of the contributors gave $200 or less.\n\n\
                \"Without this network, the campaign depends on rich donors.\"\n\nOther news.";
    let all = statements(text);
    let s = with_content(&all, "24 percent");
    assert!(s.content.contains("rich donors"), "{s:#?}");
    assert_eq!(s.parts.len(), 2);
    assert_eq!(s.speaker, "The Times");
}

#[test]
fn double_apostrophes_work_as_quotation_marks() {
    let text = "''It's bad for the party,'' said Stuart Stevens, a strategist.";
    let all = statements(text);
    let s = with_content(&all, "bad for the party");
    assert_eq!(s.speaker, "Stuart Stevens");
    assert_eq!(s.kind, StatementKind::Direct);
}

#[test]
fn quote_continuing_after_the_attribution_joins_the_statement() {
    let text = "“Obviously he is not comfortable with it,” Giuliani said. “He took no questions.”";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].content.ends_with("no questions.”"));
}

#[test]
fn scare_quotes_and_titles_are_no_statements() {
    let text = "The so-called “reset” failed. He appeared on the program “Moscow. Kremlin. Putin.” \
                last week. The film \"Citizen Kane\" was shown.";
    let all = statements(text);
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn stray_quote_mark_does_not_swallow_the_article() {
    let text = "He said \"no.\nPeskov confirmed that the talks would continue.\n\
                “It is over,” Peskov said.";
    let all = statements(text);
    let confirmed = with_content(&all, "talks would continue");
    assert_eq!(confirmed.kind, StatementKind::Indirect);
    assert!(!confirmed.content.contains("It is over"));
    let direct = with_content(&all, "It is over");
    assert_eq!(direct.kind, StatementKind::Direct);
    assert_eq!(direct.content, "“It is over,”");
}

#[test]
fn mixed_quote_inside_reported_speech() {
    let text = "Tensions rose, with the Kremlin denouncing the summit’s conclusions as “threatening” to Russia.";
    let all = statements(text);
    let s = with_content(&all, "conclusions");
    assert_eq!(s.kind, StatementKind::Mixed);
    assert_eq!(s.speaker, "the Kremlin");
    assert_eq!(s.cue, "denouncing");
    assert_eq!(
        s.content,
        "the summit’s conclusions as “threatening” to Russia"
    );
}
