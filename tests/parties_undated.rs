//! Articles without a date (a quarter of the news pool): where the knowledge base gives
//! a person several periods, the longest-held one decides (issue: who speaks for whom).

mod common;
use common::assign_one as assign;

#[test]
fn an_undated_article_takes_the_longest_held_office() {
    // Prime minister 2009-2021 and since 2022, opposition leader 2021-2022.
    let text = "Benjamin Netanyahu said the plan was historic.";
    let s = assign(text, None, "Benjamin Netanyahu", "the plan was historic");
    assert_eq!(s.speaker_party.as_deref(), Some("Israel"));
    // The EU's Brexit negotiator for a decade, France's prime minister for three months.
    let text = "Michel Barnier said a deal was still possible.";
    let s = assign(text, None, "Michel Barnier", "a deal was still possible");
    assert_eq!(s.speaker_party.as_deref(), Some("European Union"));
    // Portugal's prime minister 1995-2002, UN secretary-general since 2017.
    let text = "Antonio Guterres said the war must end.";
    let s = assign(text, None, "Antonio Guterres", "the war must end");
    assert_eq!(s.speaker_party.as_deref(), Some("United Nations"));
}

#[test]
fn a_date_still_picks_the_office_held_that_day() {
    let text = "Benjamin Netanyahu said the plan was a danger.";
    let s = assign(
        text,
        Some("2022-03-01"),
        "Benjamin Netanyahu",
        "the plan was a danger",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("Israel opposition"));
    let text = "Michel Barnier said the budget would pass.";
    let s = assign(
        text,
        Some("2024-10-01"),
        "Michel Barnier",
        "the budget would pass",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("France"));
}

/// `then-Secretary of State Rex Tillerson` spoke in office, whatever the article's date;
/// without `then-` an official who has left office speaks for no party.
#[test]
fn a_then_title_keeps_the_office_of_the_time() {
    let text = "Then-Secretary of State Rex Tillerson said the talks had failed.";
    let s = assign(
        text,
        Some("2020-06-01"),
        "Rex Tillerson",
        "the talks had failed",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("United States"));
    let text = "Rex Tillerson said the talks had failed.";
    let s = assign(
        text,
        Some("2020-06-01"),
        "Rex Tillerson",
        "the talks had failed",
    );
    assert_eq!(s.speaker_party, None);
}

/// `Secretary of State Hillary Clinton said ... in 2012`: a title of the office with no
/// time marker dates the statement to the term, in an article written years later;
/// `former` does not.
#[test]
fn a_title_of_office_dates_a_past_statement_to_the_term() {
    let said = |text: &str| assign(text, Some("2016-06-19"), "Hillary Clinton", "the attack");
    let s = said("In 2012, Secretary of State Hillary Clinton said the attack was planned.");
    assert_eq!(s.speaker_party.as_deref(), Some("United States"));
    let s = said("Former Secretary of State Hillary Clinton said the attack was planned.");
    assert_eq!(s.speaker_party, None);
    let s = said("Hillary Clinton said the attack was planned.");
    assert_eq!(s.speaker_party, None);
}
