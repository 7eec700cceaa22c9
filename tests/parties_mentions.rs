//! Mention detection: aliases, possessives, hyphenated adjectives, ambiguous words.

use stancemap::parties::{Gazetteer, PartyKind};
use stancemap::record::slice_chars;

fn gazetteer() -> Gazetteer {
    Gazetteer::builtin().expect("builtin gazetteer loads")
}

/// `(party, surface)` of every mention, checking each span against the text.
fn mentions(text: &str) -> Vec<(String, String)> {
    gazetteer()
        .mentions(text)
        .into_iter()
        .map(|m| {
            assert_eq!(slice_chars(text, m.span), m.surface, "span of {m:?}");
            (m.party, m.surface)
        })
        .collect()
}

fn parties(text: &str) -> Vec<String> {
    mentions(text).into_iter().map(|(p, _)| p).collect()
}

#[test]
fn builtin_lists_every_un_member_once_and_no_alias_twice() {
    let g = gazetteer();
    let states = g
        .parties()
        .iter()
        .filter(|p| p.kind == PartyKind::State)
        .count();
    // 193 members and the two observer states.
    assert_eq!(states, 195);
    assert!(
        g.overrides().is_empty(),
        "aliases claimed twice: {:?}",
        g.overrides()
    );
    for name in [
        "Russia",
        "Ukraine",
        "United States",
        "United Kingdom",
        "European Union",
    ] {
        assert!(g.party(name).is_some(), "{name} missing");
    }
    for name in [
        "NATO",
        "United Nations",
        "China",
        "Israel",
        "Hamas",
        "Houthis",
        "West",
    ] {
        assert!(g.party(name).is_some(), "{name} missing");
    }
}

#[test]
fn aliases_map_to_canonical_names() {
    let cases = [
        ("The Russian Federation objected.", "Russia"),
        (
            "Officials in the Kremlin were silent; the Kremlin said no.",
            "Russia",
        ),
        ("Downing Street declined to comment.", "United Kingdom"),
        ("The Pentagon announced new aid.", "United States"),
        ("The White House said it was watching.", "United States"),
        ("The U.S. and its partners", "United States"),
        ("The North Atlantic Treaty Organization met.", "NATO"),
        ("Beijing rejected the claim.", "China"),
        ("Kyiv welcomed the decision.", "Ukraine"),
        ("Kiev welcomed the decision.", "Ukraine"),
        ("The Houthis fired a missile.", "Houthis"),
        ("Hezbollah fighters crossed.", "Hezbollah"),
        ("The UN Security Council will vote.", "UN Security Council"),
        ("The 27-member bloc agreed.", "European Union"),
        ("Türkiye and Greece", "Turkey"),
    ];
    for (text, party) in cases {
        let found = parties(text);
        assert_eq!(
            found.first().map(String::as_str),
            Some(party),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn longest_match_wins() {
    assert_eq!(
        parties("Papua New Guinea signed."),
        vec!["Papua New Guinea"]
    );
    assert_eq!(
        parties("South Sudan and Sudan"),
        vec!["South Sudan", "Sudan"]
    );
    assert_eq!(
        mentions("The UN Security Council met."),
        vec![(
            "UN Security Council".to_string(),
            "UN Security Council".to_string()
        )]
    );
    // Names that contain an alias but are not the party.
    assert!(parties("Voters in New Mexico and the Indian Ocean islands").is_empty());
}

#[test]
fn word_boundaries_and_case() {
    // `Iran` inside `Iranian` is the adjective, not a second mention.
    assert_eq!(
        mentions("Iranian drones"),
        vec![("Iran".to_string(), "Iranian".to_string())]
    );
    // No match inside words, and aliases are case-sensitive.
    assert!(parties("Omanis").iter().all(|p| p == "Oman"));
    assert!(parties("the romance of a turkey and a china cup").is_empty());
    assert!(parties("RUSSIAN us").is_empty());
    assert!(parties("Chadwick and Jordanna").is_empty());
}

#[test]
fn possessives_count_as_the_party() {
    for (text, party, surface) in [
        ("Ukraine's army", "Ukraine", "Ukraine"),
        ("Ukraine’s army", "Ukraine", "Ukraine"),
        ("Russia’s invasion", "Russia", "Russia"),
        ("Russia's invasion", "Russia", "Russia"),
        ("the Kremlin’s line", "Russia", "the Kremlin"),
        ("the Houthis' attacks", "Houthis", "the Houthis"),
    ] {
        assert_eq!(
            mentions(text),
            vec![(party.to_string(), surface.to_string())],
            "{text}"
        );
    }
}

#[test]
fn hyphenated_compounds_mention_each_party() {
    assert_eq!(parties("Russian-backed separatists"), vec!["Russia"]);
    assert_eq!(parties("pro-Russian separatists"), vec!["Russia"]);
    assert_eq!(parties("anti-NATO protests"), vec!["NATO"]);
    assert_eq!(parties("Iran-backed militias"), vec!["Iran"]);
    assert_eq!(
        parties("The war has strained Russia-West relations, as the West admits."),
        vec!["Russia", "West", "West"]
    );
    assert_eq!(parties("US-China talks"), vec!["United States", "China"]);
}

#[test]
fn plurals_of_demonyms() {
    assert_eq!(
        parties("Russians and Ukrainians"),
        vec!["Russia", "Ukraine"]
    );
    assert_eq!(
        parties("Israelis and Palestinians"),
        vec!["Israel", "Palestine"]
    );
}

#[test]
fn turkey_the_bird_and_china_the_tableware_are_not_states() {
    assert!(parties("We had a Turkey dinner with all the trimmings.").is_empty());
    assert!(parties("Roast Turkey is served at noon.").is_empty());
    assert!(parties("She keeps the fine China in a cabinet.").is_empty());
    assert_eq!(parties("Turkey closed its airspace."), vec!["Turkey"]);
    assert_eq!(parties("China said the talks were useful."), vec!["China"]);
}

#[test]
fn chad_as_a_first_name_is_not_the_state() {
    assert!(parties("Chad Thompson, a farmer, said the rain came late.").is_empty());
    assert!(parties("Chad said he liked the film.").is_empty());
    assert_eq!(parties("Chad's army clashed with rebels."), vec!["Chad"]);
    assert_eq!(
        parties("Troops from Niger and Chad crossed the border."),
        vec!["Niger", "Chad"]
    );
    // Named unambiguously elsewhere in the article: `Chadian`.
    assert_eq!(
        parties("The Chadian government met rebels. Chad said talks would go on."),
        vec!["Chad", "Chad"]
    );
}

#[test]
fn jordan_the_person_and_the_river_are_not_the_state() {
    assert!(parties("Michael Jordan said he would retire.").is_empty());
    assert!(parties("Jordan Peterson spoke for an hour.").is_empty());
    assert!(parties("They swam in the Jordan River.").is_empty());
    assert_eq!(
        parties("Jordan's King Abdullah met the envoy."),
        vec!["Jordan"]
    );
    assert_eq!(
        parties("He met King Abdullah II of Jordan."),
        vec!["Jordan"]
    );
    assert_eq!(
        parties("Jordanian officials said Jordan would not take part."),
        vec!["Jordan", "Jordan"]
    );
}

#[test]
fn georgia_the_us_state_needs_no_party_but_the_country_does() {
    // The US state: no political context, no Tbilisi, no coordination with a party.
    assert!(parties("Trump held a rally in Georgia, where early voting began.").is_empty());
    assert!(parties("Students at Georgia Tech protested.").is_empty());
    // The country.
    assert_eq!(
        parties("Russia invaded Georgia in 2008."),
        vec!["Russia", "Georgia"]
    );
    assert_eq!(
        parties("Tbilisi protested. Georgia said the vote was fair."),
        vec!["Georgia", "Georgia"]
    );
    assert_eq!(
        parties("Georgia's government suspended EU accession talks."),
        vec!["Georgia", "European Union"]
    );
}

#[test]
fn capitals_as_places_are_not_governments() {
    // Where something happened is not who did it.
    assert!(parties("The summit took place in Washington from July 9-11.").is_empty());
    assert!(parties("He read it in the Washington Post.").is_empty());
    assert!(parties("He spoke at a conference in Washington, D.C. on Friday.").is_empty());
    assert!(parties("USA Today reported it first.").is_empty());
    assert!(parties("a reporter for the Kyiv Independent").is_empty());
    // Metonyms.
    assert_eq!(parties("Moscow rejected the offer."), vec!["Russia"]);
    assert_eq!(
        parties("In Moscow's view, the deal is dead."),
        vec!["Russia"]
    );
    // `Washington` needs the United States named elsewhere (it is also a surname).
    assert!(parties("George Washington crossed the river.").is_empty());
    assert_eq!(
        parties("The US imposed sanctions. Washington said more would follow."),
        vec!["United States", "United States"]
    );
}

#[test]
fn the_alliance_needs_nato_in_the_article() {
    assert!(parties("The alliance between the two families held.").is_empty());
    assert_eq!(
        parties("NATO leaders met. The alliance pledged more aid."),
        vec!["NATO", "NATO"]
    );
}

#[test]
fn brussels_and_the_bloc_follow_the_party_named_before() {
    assert_eq!(
        parties("The European Union warned Hungary. Brussels said funds would be frozen."),
        vec!["European Union", "Hungary", "European Union"]
    );
    assert_eq!(
        parties("Belgian police said Brussels would close its metro."),
        vec!["Belgium", "Belgium"]
    );
    assert_eq!(
        parties("ASEAN met in Jakarta. The bloc called for a ceasefire."),
        vec!["ASEAN", "ASEAN"]
    );
}

#[test]
fn mentions_are_fast_enough_for_thousands_of_articles() {
    let g = gazetteer();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/examples/nato-summit.txt"
    );
    let text = std::fs::read_to_string(path).expect("example readable");
    let big = text.repeat(40); // ~100 KB, about 40 articles
    let started = std::time::Instant::now();
    let found = g.mentions(&big);
    let elapsed = started.elapsed();
    assert!(found.len() > 40 * 40, "{} mentions", found.len());
    // Generous bound: a slow quadratic matcher would take seconds here.
    assert!(elapsed.as_millis() < 500, "took {elapsed:?}");
}

#[test]
fn is_and_the_terror_group_refer_back_to_a_group_the_article_names() {
    let text = "The Islamic State (IS) took Raqqa. IS expanded dramatically, and the terror \
                group recruited thousands.";
    assert_eq!(
        mentions(text),
        vec![
            ("Islamic State".to_string(), "The Islamic State".to_string()),
            ("Islamic State".to_string(), "IS".to_string()),
            ("Islamic State".to_string(), "IS".to_string()),
            ("Islamic State".to_string(), "the terror group".to_string()),
        ]
    );
    // Unsupported, an all-capitals `IS` is a verb.
    assert!(parties("THE PLAN IS DEAD").is_empty());
    // `the Security Council` is the UN's.
    assert_eq!(
        parties("the Security Council met"),
        vec!["UN Security Council"]
    );
}
