//! Attribution patterns beyond verbs of saying: headline colons, possessive speech
//! nouns, coordinated cues, and no nested or duplicated statements.

mod common;

use common::{statements, with_cue};
use stancemap::record::{StatementKind, slice_chars};
use std::path::PathBuf;

#[test]
fn headline_colon_names_the_speaker() {
    let text = "Graham: Trump Is Destroying the Party’s Chance to Win.\n\nSenator Lindsey Graham spoke on Thursday.";
    let all = statements(text);
    let s = with_cue(&all, ":", text);
    assert_eq!(s.speaker, "Lindsey Graham");
    assert_eq!(s.content, "Trump Is Destroying the Party’s Chance to Win");
    assert_eq!(slice_chars(text, s.span()), s.content);
}

#[test]
fn colon_before_a_quote_is_a_direct_statement() {
    let text = "Kerry: \"By law, the president sets the number of refugees each year.\"";
    let all = statements(text);
    let s = with_cue(&all, ":", text);
    assert_eq!(s.speaker, "Kerry");
    assert_eq!(s.kind, StatementKind::Direct);
    assert!(s.content.starts_with("\"By law"), "{s:#?}");
}

#[test]
fn colon_after_a_label_or_a_clause_is_no_attribution() {
    for text in [
        "Update: The meeting was moved to Friday morning.",
        "Wait, it gets better: the report was never published.",
        "The plan had three parts: taxes, roads and schools.",
        "OPINION: Sanctions on Iran will not work without Europe.",
        "Protesters gather in Caracas. Photographer: Carlos Becerra/Bloomberg",
        "Go deeper: Russia moves into the Syrian breach after the withdrawal.",
        "Contributing: The Associated Press and Reuters staff in Geneva.",
        "Tuesday 2 April: A five-hour cabinet meeting ends without a deal.",
        "September 11th: Where the country goes from here after the attacks.",
    ] {
        let all = statements(text);
        assert!(all.iter().all(|s| s.cue != ":"), "{text}: {all:#?}");
    }
}

#[test]
fn outlets_and_offices_before_a_colon_stay_speakers() {
    for (text, speaker) in [
        (
            "USA Today: The summit will go ahead despite the protests.",
            "USA Today",
        ),
        (
            "Evening Standard: The mayor will hold his own vote next year.",
            "Evening Standard",
        ),
    ] {
        let all = statements(text);
        let s = with_cue(&all, ":", text);
        assert_eq!(s.speaker, speaker, "{text}");
    }
}

#[test]
fn possessive_speech_noun_is_an_attribution() {
    let text = "Donald Trump spoke in Iowa. Trump’s call for a boycott, made on Tuesday, angered Fox News.";
    let all = statements(text);
    let s = with_cue(&all, "call for", text);
    assert_eq!(s.speaker, "Donald Trump");
    assert_eq!(s.content, "a boycott");

    let text = "Hillary Clinton campaigned in Ohio. Her attacks on Sanders, which began in May, grew sharper.";
    let all = statements(text);
    let s = with_cue(&all, "attacks on", text);
    assert_eq!(s.speaker, "Hillary Clinton");
    assert_eq!(s.content, "Sanders");
}

#[test]
fn speech_noun_without_a_possessive_is_no_attribution() {
    let text = "The decision to skip the debate angered Fox News.";
    let all = statements(text);
    assert!(all.iter().all(|s| s.cue != "decision"), "{all:#?}");
}

#[test]
fn coordinated_cue_splits_the_content() {
    let text = "The minister rejected the accusation and thanked Turkey for hosting the meeting.";
    let all = statements(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    let rejected = with_cue(&all, "rejected", text);
    let thanked = with_cue(&all, "thanked", text);
    assert_eq!(rejected.content, "the accusation");
    assert_eq!(thanked.content, "Turkey for hosting the meeting");
    assert_eq!(rejected.speaker, "The minister");
    assert_eq!(thanked.speaker, "The minister");
}

/// `and` opening a named source with its own verb of speech ends the first content;
/// names joined by `and`, and a noun cue after a possessive, do not.
#[test]
fn a_named_source_after_and_ends_the_content() {
    let text = "Talks ended on Thursday, with Russia accusing Ukraine of moving weapons and \
                Kyiv dismissing the charge as absurd.";
    let all = statements(text);
    let accusing = with_cue(&all, "accusing", text);
    assert_eq!(accusing.content, "Ukraine of moving weapons");
    let dismissing = with_cue(&all, "dismissing", text);
    assert_eq!(dismissing.speaker, "Kyiv");

    let text = "Pence said the NBA and Nike had failed to defend the manager.";
    let all = statements(text);
    let said = with_cue(&all, "said", text);
    assert_eq!(
        said.content,
        "the NBA and Nike had failed to defend the manager"
    );

    let text = "Hamas saw the anniversary and President Trump's decision to move the embassy \
                as an opportunity.";
    let all = statements(text);
    assert!(
        all.iter().all(|s| !s.content.ends_with("the anniversary")),
        "{all:#?}"
    );
}

#[test]
fn second_cue_after_but_keeps_the_first_speaker() {
    let text = "An EU spokesperson said the bloc would support any deal, but warned that Russia must stop its attacks.";
    let all = statements(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    let said = with_cue(&all, "said", text);
    let warned = with_cue(&all, "warned", text);
    assert_eq!(said.content, "the bloc would support any deal");
    assert_eq!(warned.speaker, "An EU spokesperson");
    assert_eq!(warned.content, "Russia must stop its attacks");
}

#[test]
fn reported_speech_inside_content_is_not_a_statement_of_its_own() {
    let text =
        "Recep Tayyip Erdogan said that both delegations had agreed to meet again next month.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].speaker, "Recep Tayyip Erdogan");
}

#[test]
fn embedded_quote_keeps_its_own_statement() {
    let text = "Peskov said that Stoltenberg had told reporters: \"NATO will not back down.\"";
    let all = statements(text);
    assert!(
        all.iter().any(|s| s.kind == StatementKind::Direct),
        "{all:#?}"
    );
}

#[test]
fn black_sea_example_has_no_duplicate_or_nested_statements() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/examples/black-sea-talks.txt");
    let text = std::fs::read_to_string(&path).expect("the example article");
    let all = statements(&text);
    assert!(!all.is_empty());
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            let same = a.start.abs_diff(b.start) <= 2 && a.end.abs_diff(b.end) <= 2;
            assert!(!same, "near-identical spans: {a:#?} {b:#?}");
        }
        // No indirect statement whose speaker sits inside another statement's content.
        if a.kind == StatementKind::Indirect
            && let Some(m) = a.speaker_mention
        {
            let nested = all
                .iter()
                .any(|h| !std::ptr::eq(h, a) && h.start <= m.start && m.end <= h.end);
            assert!(!nested, "nested statement: {a:#?}");
        }
    }
    for speaker in ["both delegations", "the bloc"] {
        assert!(all.iter().all(|s| s.speaker != speaker), "{all:#?}");
    }
}

#[test]
fn writer_and_reader_are_no_speakers() {
    // `we` and `you` with no source to stand for are the column's own voice.
    for text in [
        "We argue the sanctions have failed, and the region pays the price.",
        "WE SAY the sanctions have failed.",
        "You say the border is closed and the markets are empty.",
    ] {
        let all = statements(text);
        assert!(all.is_empty(), "{text}: {all:#?}");
    }
    // Inside a source's quote, `we` is still that source.
    // A third-person source with the same cue stays.
    let all = statements("Officials argue the sanctions have failed.");
    assert_eq!(all.len(), 1, "{all:#?}");
    let text = "Sergei Lavrov spoke in Moscow. \"We see no basis for talks,\" he said.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].speaker, "Sergei Lavrov");
}

/// A name joined by `and` to a description of people is one speaker (`Trump and other
/// top officials`); a name joined to any other word is not (`South Korea and sometimes`).
#[test]
fn a_name_and_a_group_description_speak_together() {
    let text = "President Donald Trump and other top officials initially said the attack had \
                injured no one.";
    let all = statements(text);
    let s = with_cue(&all, "initially said", text);
    assert_eq!(s.speaker, "President Donald Trump and other top officials");
    let text = "Prime Minister Benjamin Netanyahu and his wife said they were grateful.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert!(s.speaker.ends_with("Netanyahu and his wife"), "{s:#?}");
    let text = "He lives in South Korea and sometimes said the North was weak.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert!(!s.speaker.contains("South Korea"), "{s:#?}");
}

/// `Kerry to Israel: ...`: the speaker before `to` (or `on`), whom the words are for a
/// target of the statement.
#[test]
fn headline_colon_with_an_addressee() {
    let text = "Kerry to Israel: A State Cannot Be Both Jewish and Democratic\n\n\
                Secretary of State John Kerry spoke on Monday.";
    let all = statements(text);
    let s = with_cue(&all, "to Israel:", text);
    assert_eq!(s.speaker, "John Kerry");
    assert_eq!(s.content, "A State Cannot Be Both Jewish and Democratic");
    assert!(s.targets.iter().any(|t| t == "Israel"), "{s:#?}");
}
