//! Embedded posts (`... — Name (@handle) date`): a direct statement of the account's
//! owner with no cue, as the guide counts them.

mod common;

use common::statements;
use stancemap::record::{StatementKind, slice_chars};

#[test]
fn a_post_with_its_signature_is_its_owners_statement() {
    let text = "The senator wrote on Twitter.\n\nWe need the courts to give us back our rights. We need the ban! pic.twitter.com/AbC123 — Donald J. Trump (@realDonaldTrump) June 3, 2017\n\nThe court ruled later.";
    let all = statements(text);
    let post = all
        .iter()
        .find(|s| s.content.starts_with("We need"))
        .expect("the post");
    assert_eq!(
        post.content,
        "We need the courts to give us back our rights. We need the ban!"
    );
    assert_eq!(slice_chars(text, post.span()), post.content);
    assert_eq!(post.speaker, "Donald J. Trump");
    assert_eq!(post.cue, "");
    assert_eq!(post.kind, StatementKind::Direct);
}

#[test]
fn a_signature_on_its_own_line_signs_the_line_before() {
    let text = "Politicising another innocent event is shameful.\n\n— Mike Dyer (@Miked2372Mike) 31 December 2018\n\nSomeone was stabbed.";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].speaker, "Mike Dyer");
    assert_eq!(
        all[0].content,
        "Politicising another innocent event is shameful."
    );
}

#[test]
fn a_quote_inside_a_post_is_the_posts_not_a_statement_of_its_own() {
    let text = "Rather than broadcast the full story, CNN said \"nothing\" about the care. — Vice President Mike Pence (@VP) July 13, 2019";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].speaker.contains("Mike Pence"), "{all:#?}");
    assert!(all[0].content.starts_with("Rather than"), "{all:#?}");
}

#[test]
fn a_handle_without_a_signature_makes_no_post() {
    // No dash and name before the handle, or no date after it: narration.
    for text in [
        "Follow the reporter (@jdoe) for updates on July 4, 2019.",
        "The account — Mike Dyer (@Miked2372Mike) — was suspended for weeks and weeks.",
    ] {
        let all = statements(text);
        assert!(all.iter().all(|s| !s.cue.is_empty()), "{text}: {all:#?}");
    }
}

#[test]
fn only_a_dated_signature_after_a_spaced_dash_makes_a_post() {
    // A digit is no date: the statement stays the reported one.
    let text = "Smith said the vote was rigged — Senator Smith (@smith) posted 3 times.";
    let all = statements(text);
    assert!(all.iter().all(|s| !s.cue.is_empty()), "{all:#?}");
    // A dash inside the owner's name is not the signature's.
    let text = "Amazing day for the team — Anne–Marie Duval (@amduval) June 2, 2021";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    // (The name resolver reads the en dash as a word break; the mention is whole.)
    assert!(all[0].speaker.ends_with("Marie Duval"), "{all:#?}");
    assert_eq!(all[0].content, "Amazing day for the team");
    // A t.co link is cut like a picture link.
    let text =
        "We stand with London. https://t.co/abc123 — Sadiq Khan (@SadiqKhan) January 1, 2019";
    let all = statements(text);
    assert_eq!(all[0].content, "We stand with London.", "{all:#?}");
}

#[test]
fn a_signature_under_a_signed_post_signs_nothing_and_a_post_is_no_speaker_after_it() {
    let text = "Thank you all — Mike Pence (@VP) March 3, 2019\n— Donald J. Trump (@realDonaldTrump) March 3, 2019";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].speaker.contains("Pence"), "{all:#?}");
    let text = "The fake news is at it again — Donald J. Trump (@realDonaldTrump) July 7, 2017\n\n\"We will win.\"";
    let all = statements(text);
    assert_eq!(all.len(), 1, "{all:#?}");
}
