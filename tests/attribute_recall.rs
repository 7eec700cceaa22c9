//! Attribution patterns found missing on PolNeAR train: inverse nesting, bracketed
//! party labels, `No. 2`, titles after the cue, quantifier speakers, title-case
//! headlines, quote content boundaries and quotes continued in the next paragraph.

mod common;

use common::{statements, with_cue};
use stancemap::record::slice_chars;

#[test]
fn final_according_to_keeps_the_clause_with_its_own_cue() {
    let text = "Most voters said that Wall Street hurts the economy, according to exit polls.";
    let all = statements(text);
    let s = with_cue(&all, "according to", text);
    assert_eq!(s.speaker, "exit polls");
    assert_eq!(
        s.content,
        "Most voters said that Wall Street hurts the economy"
    );
}

#[test]
fn party_label_in_brackets_before_the_cue_is_skipped() {
    let text = "Sen. Bernie Sanders (I-Vt.) said he will release his medical records.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert!(s.speaker.contains("Sanders"), "{s:#?}");
    assert_eq!(s.content, "he will release his medical records");
}

#[test]
fn number_sign_does_not_end_the_sentence() {
    let text =
        "Senator John Cornyn, the No. 2 Republican in the Senate, said the chamber will vote.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert!(s.speaker.contains("Cornyn"), "{s:#?}");
    assert_eq!(s.content, "the chamber will vote");
}

#[test]
fn lower_case_title_after_the_cue_leads_to_the_speaker() {
    let text = "\"I fundamentally disagree,\" said retired Army Lt. Gen. Mick Bednarek.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert!(s.speaker.contains("Bednarek"), "{s:#?}");
}

#[test]
fn quantifier_is_a_speaker() {
    for (text, speaker) in [
        ("Some say the plan is doomed.", "Some"),
        ("Many argue the deal will collapse.", "Many"),
    ] {
        let all = statements(text);
        assert_eq!(all.len(), 1, "{text}: {all:#?}");
        assert_eq!(all[0].speaker, speaker);
    }
}

#[test]
fn title_case_headline_cue_is_found() {
    let text = "Trump’s Son Says The Battle Against Hillary Will Be Unprecedented\n\nThe campaign went on.";
    let all = statements(text);
    let s = with_cue(&all, "Says", text);
    assert_eq!(
        s.content,
        "The Battle Against Hillary Will Be Unprecedented"
    );
    // In running text a capitalized word is still no cue.
    let all = statements("The report by Says Corp. was late.");
    assert!(all.iter().all(|s| s.cue != "Says"), "{all:#?}");
}

#[test]
fn quote_content_starts_with_its_clause() {
    let text = "Gore kept his distance, and he \"made a strategic mistake,\" Lichtman said.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert!(s.content.starts_with("Gore kept"), "{s:#?}");
    assert_eq!(slice_chars(text, s.span()), s.content);

    let text = "Trump said the judge's \"mind is shot.\"";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert!(s.content.starts_with("the judge's"), "{s:#?}");
}

#[test]
fn quote_in_the_next_paragraph_continues_the_speaker_as_a_statement_of_its_own() {
    // The guide: a quote paragraph with no cue of its own that continues a speaker is a
    // statement of its own with an empty cue.
    let text = "\"That is a problem for the party,\" said Rep. Jim Clyburn (D-S.C.), a party leader.\n\n\"I would love to see Mr. Sanders endorse.\" \"He should.\"";
    let all = statements(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all[0].content.starts_with("\"That is"), "{all:#?}");
    assert!(!all[0].content.contains("I would love"), "{all:#?}");
    assert_eq!(all[1].cue, "");
    assert!(all[1].speaker.contains("Clyburn"), "{all:#?}");
    // The quotes after it in its paragraph join it.
    assert_eq!(
        all[1].content,
        "\"I would love to see Mr. Sanders endorse.\" \"He should.\""
    );
    assert_eq!(slice_chars(text, all[1].span()), all[1].content);

    // A quote in the next paragraph with an attribution of its own is its speaker's.
    let text = "\"We will not back down,\" Smith said. \"This is our country.\"\n\n\"We will fight,\" Jones said.";
    let all = statements(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all[0].content.ends_with("our country.\""), "{all:#?}");
    assert!(
        all[1].speaker == "Jones" && all[1].cue == "said",
        "{all:#?}"
    );

    // In the same paragraph, the quote after the attribution joins the statement.
    let text = "\"That is a problem,\" said Jim Clyburn. \"I would love to see him endorse.\"";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].content.contains("I would love"), "{all:#?}");

    // A quote with an attribution of its own stays a statement of its own.
    let text = "\"That is a problem,\" said Jim Clyburn, a party leader.\n\n\"I disagree,\" said Nancy Pelosi.";
    let all = statements(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all.iter().any(|s| s.speaker.contains("Pelosi")), "{all:#?}");
}

#[test]
fn reported_statement_takes_the_quote_sentence_after_it() {
    let text = "She says people should use the bathroom they prefer. \"It is their life. They are not hurting anybody.\"\n\nThe poll ended.";
    let all = statements(text);
    let s = with_cue(&all, "says", text);
    assert!(s.content.starts_with("people should"), "{s:#?}");
    assert!(s.content.contains("not hurting anybody"), "{s:#?}");

    // A quote followed by its own attribution is no continuation.
    let text = "She says people should use the bathroom they prefer. \"It is their life,\" Tom Smith said.";
    let all = statements(text);
    let s = with_cue(&all, "says", text);
    assert!(!s.content.contains("their life"), "{all:#?}");
}

#[test]
fn share_of_people_is_a_speaker() {
    let text = "Voters appear tired. More than six in 10 said they dread the campaign.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert_eq!(s.speaker, "six in 10");
    assert_eq!(s.content, "they dread the campaign");
}

#[test]
fn opening_adverb_is_no_speaker() {
    let text =
        "Similarly, William Bennett, a former education secretary, said the rules were wrong.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert_eq!(s.speaker, "William Bennett");
}

#[test]
fn title_in_quotes_inside_a_clause_is_no_direct_quote() {
    let text = "Speaking on ABC’s “This Week,” Carson admitted that his book was wrong.";
    let all = statements(text);
    let s = with_cue(&all, "admitted", text);
    assert_eq!(s.content, "his book was wrong");
}

#[test]
fn adjunct_alone_is_no_content() {
    let all = statements("Bill Maher spoke on Friday.");
    assert!(all.iter().all(|s| !s.cue.starts_with("spoke")), "{all:#?}");
    let text = "Bill Maher spoke about the debate over religion and violence.";
    let all = statements(text);
    assert!(all.iter().any(|s| s.cue.starts_with("spoke")), "{all:#?}");
}

#[test]
fn period_inside_a_party_label_does_not_stop_the_attribution() {
    for (text, speaker) in [
        (
            "\"There is energy in a whole host of races,\" Rep. Earl Blumenauer (D-Ore.) said.",
            "Blumenauer",
        ),
        (
            "\"Let me make it clear,\" Senate Majority Leader Mitch McConnell, R-Ky., said.",
            "McConnell",
        ),
    ] {
        let all = statements(text);
        let s = with_cue(&all, "said", text);
        assert!(s.speaker.contains(speaker), "{s:#?}");
    }
}

#[test]
fn comma_inside_a_nested_quote_ends_the_quote() {
    let text = "\"If you lose, you can say, 'Well done,' \" said Rep. Diane Russell, a legislator.";
    let all = statements(text);
    let s = with_cue(&all, "said", text);
    assert!(s.speaker.contains("Russell"), "{s:#?}");
    assert!(s.content.starts_with("\"If you lose"), "{s:#?}");
}

#[test]
fn parc_cues_are_kept_out_and_can_be_added_back() {
    // The guide gives beliefs and intentions no statement; PARC-style corpora do, and
    // `data/cues-parc.txt` brings their cues back.
    let text = "Many believe the deal will collapse.";
    assert!(statements(text).is_empty(), "{:#?}", statements(text));
    let parc = common::repo_root().join("data/cues-parc.txt");
    let extractor = stancemap::pipeline::Pipeline::with_files(&[parc], &[]).unwrap();
    let found = extractor.statements(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].speaker, "Many");
    assert_eq!(found[0].cue, "believe");
}
