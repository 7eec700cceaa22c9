//! People and their parties, and each statement's speaker party and targets.

use stancemap::parties::{ArticleParties, assign_parties};
use stancemap::record::{CharSpan, Statement};

mod common;
use common::{gazetteer, people, statement_in as statement};

fn pair(person: &str, party: &str) -> (String, String) {
    (person.to_string(), party.to_string())
}

fn assign(text: &str, statements: &mut [Statement]) {
    assign_parties(&gazetteer(), text, None, statements);
}

#[test]
fn titles_before_names() {
    assert_eq!(
        people("Russian President Vladimir Putin spoke on Tuesday."),
        vec![pair("Vladimir Putin", "Russia")]
    );
    assert_eq!(
        people("Kremlin spokesman Dmitry Peskov declined to comment."),
        vec![pair("Dmitry Peskov", "Russia")]
    );
    assert_eq!(
        people("Ukraine's foreign minister Dmytro Kuleba flew to Brussels."),
        vec![pair("Dmytro Kuleba", "Ukraine")]
    );
    assert_eq!(
        people("Ukrainian Foreign Minister Andrii Sybiha met his counterpart."),
        vec![pair("Andrii Sybiha", "Ukraine")]
    );
    assert_eq!(
        people("US Secretary of State Antony Blinken arrived."),
        vec![pair("Antony Blinken", "United States")]
    );
    assert_eq!(
        people("Iran's Supreme Leader Ayatollah Ali Khamenei said so."),
        vec![pair("Ali Khamenei", "Iran")]
    );
}

#[test]
fn appositions_after_names() {
    assert_eq!(
        people("Dmitry Peskov, spokesperson for Russian President Vladimir Putin, said."),
        vec![
            pair("Dmitry Peskov", "Russia"),
            pair("Vladimir Putin", "Russia")
        ]
    );
    assert_eq!(
        people("Abbas Araghchi, the Iranian foreign minister, said."),
        vec![pair("Abbas Araghchi", "Iran")]
    );
    assert_eq!(
        people("Jens Stoltenberg, the secretary general of NATO, said."),
        vec![pair("Jens Stoltenberg", "NATO")]
    );
    assert_eq!(
        people("John Kirby, a spokesman for the White House, said."),
        vec![pair("John Kirby", "United States")]
    );
    assert_eq!(
        people("President Emmanuel Macron of France said."),
        vec![pair("Emmanuel Macron", "France")]
    );
}

#[test]
fn no_person_without_a_title_or_from_ordinary_phrases() {
    assert!(people("Russia and President Zelensky disagree.").is_empty());
    assert!(people("Meanwhile, the Russian foreign ministry said nothing.").is_empty());
    assert!(people("On Monday, Russian forces advanced.").is_empty());
    // An ambassador *to* a country or an organisation does not speak for it.
    assert!(people("Jane Hartley, the ambassador to France, said.").is_empty());
    assert!(people("Former UN Ambassador John Bolton said.").is_empty());
    assert_eq!(
        people("UN Secretary-General Antonio Guterres said."),
        vec![pair("Antonio Guterres", "United Nations")]
    );
}

#[test]
fn a_titled_person_speaks_for_the_party_all_article_long() {
    let text = "Ukrainian President Volodymyr Zelensky visited the front. \
                Later, Zelensky said Russia would pay for its crimes.";
    let mut statements = vec![statement(
        text,
        "Zelensky",
        "Russia would pay for its crimes",
    )];
    assign(text, &mut statements);
    assert_eq!(statements[0].speaker_party.as_deref(), Some("Ukraine"));
    assert_eq!(statements[0].targets, vec!["Russia".to_string()]);
}

#[test]
fn the_article_title_beats_the_leaders_list() {
    // The leaders list ties Mark Rutte to NATO; this article calls him Dutch prime minister.
    let text = "Dutch Prime Minister Mark Rutte arrived. Rutte said NATO must spend more.";
    let mut statements = vec![statement(text, "Mark Rutte", "NATO must spend more")];
    assign(text, &mut statements);
    assert_eq!(statements[0].speaker_party.as_deref(), Some("Netherlands"));
    assert_eq!(statements[0].targets, vec!["NATO".to_string()]);
}

#[test]
fn leaders_list_when_the_article_gives_no_title() {
    let text = "Erdogan said the strait would stay open to Ukrainian grain.";
    let mut statements = vec![statement(
        text,
        "Erdogan",
        "the strait would stay open to Ukrainian grain",
    )];
    assign(text, &mut statements);
    assert_eq!(statements[0].speaker_party.as_deref(), Some("Turkey"));
    assert_eq!(statements[0].targets, vec!["Ukraine".to_string()]);
}

#[test]
fn party_speakers_map_directly_and_unknown_speakers_stay_null() {
    let text = "The Israeli military said Hamas fighters had fired from a school. \
                A local resident said the night was quiet.";
    let mut statements = vec![
        statement(
            text,
            "The Israeli military",
            "Hamas fighters had fired from a school",
        ),
        statement(text, "A local resident", "the night was quiet"),
        statement(text, "he", "the night was quiet"),
    ];
    assign(text, &mut statements);
    assert_eq!(statements[0].speaker_party.as_deref(), Some("Israel"));
    assert_eq!(statements[0].targets, vec!["Hamas".to_string()]);
    assert_eq!(statements[1].speaker_party, None);
    assert!(statements[1].targets.is_empty());
    assert_eq!(statements[2].speaker_party, None);
}

#[test]
fn a_surname_spelled_like_a_party_is_the_person() {
    let text = "Dallas Mavericks owner Mark Cuban spoke. Cuban said Trump was unprepared.";
    let mut statements = vec![statement(text, "Cuban", "Trump was unprepared")];
    assign(text, &mut statements);
    assert_eq!(statements[0].speaker_party, None);
    let text = "Cuban officials met. Cuban said the embargo must end.";
    let mut statements = vec![statement(text, "Cuban", "the embargo must end")];
    assign(text, &mut statements);
    assert_eq!(statements[0].speaker_party.as_deref(), Some("Cuba"));
}

#[test]
fn own_party_is_a_target_only_when_criticised() {
    let text = "Russian Deputy Foreign Minister Ilya Yashin said Russia must stop the war. \
                Yashin said the Kremlin regime lies to its people. \
                Yashin said Russia would hold elections in March.";
    let mut statements = vec![
        statement(text, "Ilya Yashin", "Russia must stop the war"),
        statement(text, "Ilya Yashin", "the Kremlin regime lies to its people"),
        statement(text, "Ilya Yashin", "Russia would hold elections in March"),
    ];
    assign(text, &mut statements);
    for s in &statements {
        assert_eq!(s.speaker_party.as_deref(), Some("Russia"));
    }
    assert_eq!(statements[0].targets, vec!["Russia".to_string()]);
    assert_eq!(statements[1].targets, vec!["Russia".to_string()]);
    assert!(
        statements[2].targets.is_empty(),
        "{:?}",
        statements[2].targets
    );
}

#[test]
fn the_cue_object_is_a_target() {
    let text = "Kyiv has accused Moscow of war crimes in the occupied areas.";
    let mut s = statement(text, "Kyiv", "war crimes in the occupied areas");
    let cue = text.find("accused").expect("cue");
    s.cue = "accused".to_string();
    s.cue_spans = vec![[cue, cue + "accused".len()]];
    s.speaker_mention = Some(CharSpan::new(0, 4));
    let mut statements = vec![s];
    assign(text, &mut statements);
    assert_eq!(statements[0].speaker_party.as_deref(), Some("Ukraine"));
    assert_eq!(statements[0].targets, vec!["Russia".to_string()]);
}

#[test]
fn people_named_in_a_statement_bring_their_party() {
    let text =
        "Ukrainian President Volodymyr Zelensky said Putin had no intention of ending the war.";
    let gazetteer = gazetteer();
    let article = ArticleParties::new(&gazetteer, text, None);
    let mut s = statement(
        text,
        "Volodymyr Zelensky",
        "Putin had no intention of ending the war",
    );
    s.speaker_party = article.speaker_party(&s);
    assert_eq!(s.speaker_party.as_deref(), Some("Ukraine"));
    assert_eq!(article.targets(&s), vec!["Russia".to_string()]);
}

#[test]
fn a_list_of_titled_leaders_is_no_apposition() {
    // `Donald Trump, Russian President ...` is the next person's title, not Trump's.
    let found = people(
        "The leaders, including German Chancellor Angela Merkel, U.S. President Donald Trump, \
         Russian President Vladimir Putin and others, met in Hamburg.",
    );
    assert!(
        common::has_person(&found, "Vladimir Putin", "Russia"),
        "{found:?}"
    );
    assert!(
        !common::has_person(&found, "Donald Trump", "Russia"),
        "{found:?}"
    );
    assert!(
        !common::has_person(&found, "Angela Merkel", "United States"),
        "{found:?}"
    );
}

#[test]
fn courts_and_services_are_titles_of_the_state() {
    let found = people("But U.S. District Judge Gray Miller ruled late Friday against the draft.");
    assert!(
        common::has_person(&found, "Gray Miller", "United States"),
        "{found:?}"
    );
    let found = people("US Navy Secretary Richard Spencer was fired over the Seal case.");
    assert!(
        common::has_person(&found, "Richard Spencer", "United States"),
        "{found:?}"
    );
}

#[test]
fn a_body_head_title_ties_the_person_to_the_body_before_it() {
    let text = "\"It is the best deal,\" AFL-CIO President Richard Trumka said.";
    let s = common::assign_one(text, None, "Richard Trumka", "It is the best deal");
    assert_eq!(s.speaker_party.as_deref(), Some("AFL-CIO"));
    let text = "Samaritan's Purse Vice President Ken Isaacs said staff had fallen ill.";
    let s = common::assign_one(text, None, "Ken Isaacs", "staff had fallen ill");
    assert_eq!(s.speaker_party.as_deref(), Some("Samaritan's Purse"));
    // Not a former office, nor a business founder or chief executive.
    let text = "Former Vice President Joe Biden said the plan was wrong.";
    let s = common::assign_one(text, None, "Joe Biden", "the plan was wrong");
    assert_eq!(s.speaker_party, None);
    let text = "SpaceX CEO Elon Musk said the launch would go ahead.";
    let s = common::assign_one(text, None, "Elon Musk", "the launch would go ahead");
    assert_eq!(s.speaker_party, None);
}

/// A party mention that only opens the name of a body (`Washington's Brookings
/// Institution`, `the U.S.-China Business Council`) gives the person no state, but one
/// that opens an organ of the state does (`Seoul's Unification Ministry`, `the Pentagon's
/// Sexual Assault Prevention and Response Office`); `former` in an apposition rules the
/// office out.
#[test]
fn a_party_inside_a_body_name_is_not_the_persons_state() {
    let text = "\"It will take time,\" said Kenneth Pollack of Washington's Brookings \
                Institution. Alan Levitt, vice president of the United States Chamber of \
                Commerce, said trade would grow. Jake Parker, vice president of the U.S.-China \
                Business Council, said tariffs hurt. Sean Kane, a former sanctions official at \
                the Treasury Department, said sanctions work.";
    let found = people(text);
    for person in ["Kenneth Pollack", "Alan Levitt", "Jake Parker", "Sean Kane"] {
        assert!(
            !found.iter().any(|(p, _)| p == person),
            "{person}: {found:?}"
        );
    }
    let text = "Lim Byeong Cheol, a spokesman for Seoul's Unification Ministry, said talks \
                would resume. Nathan Galbreath, deputy director of the Pentagon's Sexual Assault \
                Prevention and Response Office, said reports rose.";
    let found = people(text);
    assert!(
        found.contains(&pair("Lim Byeong Cheol", "South Korea")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("Nathan Galbreath", "United States")),
        "{found:?}"
    );
}

/// An organisation's own unit stays its (`Peace Now's Settlement Watch project`), and a
/// sentence-final `U.S.` is the state, not the start of a body's name.
#[test]
fn organisation_units_and_sentence_final_abbreviations_keep_their_party() {
    let text = "Hagit Ofran, head of Peace Now's Settlement Watch project, said settlements \
                grew. Mary Smith, a spokeswoman for the U.S. She declined to say more.";
    let found = people(text);
    assert!(
        found.contains(&pair("Hagit Ofran", "Peace Now")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("Mary Smith", "United States")),
        "{found:?}"
    );
}
