//! US political news: `the California Democrat` describing the member of Congress just
//! quoted, `the president` left unresolved, and the hover cards some sites print after a
//! politician's name.

mod common;
use common::{speaker_parties, statements, with_content};

#[test]
fn a_state_and_party_description_is_the_member_just_quoted_and_speaks_for_the_us() {
    let text = "Sen. Dianne Feinstein spoke after the vote on Tuesday. \"The strike was \
                lawful,\" Feinstein said.\n\n\"We must now wait for Iran,\" the California \
                Democrat said.";
    let found = statements(text);
    let wait = with_content(&found, "wait for Iran");
    assert_eq!(wait.speaker, "Dianne Feinstein");
    assert_eq!(wait.speaker_party.as_deref(), Some("United States"));
    // Left as written where the article names no one before it, the party still holds.
    let text = "The strike drew fire. The New York Democrat said the strike was unlawful.";
    let parties = speaker_parties(
        text,
        &[("The New York Democrat", "the strike was unlawful")],
    );
    assert_eq!(parties, [Some("United States".to_string())]);
    // Not a US state: no party from this rule.
    let text = "The vote passed. The Bavaria Democrat said the vote was fair.";
    let parties = speaker_parties(text, &[("The Bavaria Democrat", "the vote was fair")]);
    assert_eq!(parties, [None]);
}

#[test]
fn a_hover_card_is_no_speaker_and_no_statement() {
    let text = "President Trump Donald John TrumpFederal judge halts law Harris presses Twitter \
                to 'do something' MORE on Sunday said the talks with China would go on.";
    let found = statements(text);
    let talks = with_content(&found, "talks with China");
    assert_eq!(talks.speaker, "Trump");
    assert_eq!(talks.speaker_party.as_deref(), Some("United States"));
    assert!(
        found
            .iter()
            .all(|s| !s.speaker.contains("Federal") && !s.content.contains("halts")),
        "{found:#?}"
    );
}

#[test]
fn the_parties_named_in_a_hover_card_are_no_targets() {
    let text = "Trump said talks led by Secretary of State Mike Pompeo Michael (Mike) Richard \
                PompeoIran threatens to strike Israel North Korea fires missile MORE with \
                China would go on.";
    let found = statements(text);
    let talks = with_content(&found, "would go on");
    assert!(talks.targets.iter().any(|t| t == "China"), "{talks:#?}");
    for card_party in ["Iran", "Israel", "North Korea"] {
        assert!(!talks.targets.iter().any(|t| t == card_party), "{talks:#?}");
    }
}

#[test]
fn a_minority_whip_is_named_without_the_title() {
    let text = "House Minority Whip Steve Scalise said the strike was lawful.";
    let found = statements(text);
    assert_eq!(with_content(&found, "lawful").speaker, "Steve Scalise");
}

#[test]
fn a_federal_agency_speaks_for_the_us_and_another_states_coast_guard_does_not() {
    let text = "The breach hit millions. The Postal Service said the intrusion was limited. \
                The GAO said the costs would rise.";
    let parties = speaker_parties(
        text,
        &[
            ("The Postal Service", "the intrusion was limited"),
            ("The GAO", "the costs would rise"),
        ],
    );
    assert_eq!(
        parties,
        [
            Some("United States".to_string()),
            Some("United States".to_string())
        ]
    );
    // `Coast Guard` alone is no US alias: the Philippines has one too.
    let text = "The ferry sank off Manila. The Philippines sent ships. The Coast Guard said \
                the search would go on. The Philippines waits.";
    let parties = speaker_parties(text, &[("The Coast Guard", "the search would go on")]);
    assert_ne!(parties, [Some("United States".to_string())]);
}

#[test]
fn the_vice_presidents_last_name_alone_is_known() {
    let s = common::assign_one(
        "Pence said the wall would be built.",
        Some("2018-02-17"),
        "Pence",
        "the wall would be built",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("United States"));
}

#[test]
fn who_after_a_party_tag_is_the_member_named_before_it() {
    let text = "The strike drew fire on Tuesday. Sen. John McCain, R-Ariz., who said the \
                strike came too late, asked for a vote.";
    let found = statements(text);
    assert_eq!(with_content(&found, "too late").speaker, "John McCain");
    let text = "The strike drew fire on Tuesday. Sen. Tim Kaine (D-Va.), who said the vote \
                was overdue, spoke first.";
    let found = statements(text);
    assert_eq!(with_content(&found, "overdue").speaker, "Tim Kaine");
}
