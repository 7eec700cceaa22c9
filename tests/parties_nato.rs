//! The NATO summit example (`shared/examples/nato-summit.*`): speaker parties and targets
//! against the gold annotation.

use stancemap::parties::{ArticleParties, Gazetteer, assign_parties};
use stancemap::record::{Article, Statement};

fn gold() -> Article {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/examples/nato-summit.gold.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("gold example is readable");
    let line = text.lines().next().expect("one article");
    serde_json::from_str(line).expect("gold parses")
}

/// The gold statements with speaker_party and targets cleared, then assigned.
fn assigned(article: &Article) -> Vec<Statement> {
    let gazetteer = Gazetteer::builtin().expect("builtin gazetteer loads");
    let mut statements = article.statements.clone();
    for s in &mut statements {
        s.speaker_party = None;
        s.targets.clear();
    }
    assign_parties(&gazetteer, &article.text, None, &mut statements);
    statements
}

#[test]
fn peskov_kremlin_moscow_officials_and_putin_speak_for_russia() {
    let article = gold();
    let statements = assigned(&article);
    for speaker in [
        "Dmitry Peskov",
        "the Kremlin",
        "Moscow officials",
        "Vladimir Putin",
    ] {
        let mine: Vec<&Statement> = statements.iter().filter(|s| s.speaker == speaker).collect();
        assert!(!mine.is_empty(), "gold has statements by {speaker}");
        for s in mine {
            assert_eq!(
                s.speaker_party.as_deref(),
                Some("Russia"),
                "{speaker}: {}",
                s.content
            );
        }
    }
    let ukraine: Vec<&Statement> = statements
        .iter()
        .filter(|s| s.speaker == "Ukraine")
        .collect();
    assert!(!ukraine.is_empty());
    assert!(
        ukraine
            .iter()
            .all(|s| s.speaker_party.as_deref() == Some("Ukraine"))
    );
}

#[test]
fn every_speaker_party_matches_gold() {
    let article = gold();
    let statements = assigned(&article);
    let gold_parties: Vec<Option<String>> = article
        .statements
        .iter()
        .map(|s| s.speaker_party.clone())
        .collect();
    assert!(gold_parties.iter().all(Option::is_some));
    let got: Vec<Option<String>> = statements.iter().map(|s| s.speaker_party.clone()).collect();
    assert_eq!(got, gold_parties);
}

#[test]
fn the_alliance_is_nato_and_targets_match_gold_stance_targets() {
    let article = gold();
    let statements = assigned(&article);
    let alliance = statements
        .iter()
        .find(|s| s.content.contains("The alliance is demonstrating"))
        .expect("the alliance quote is in gold");
    assert_eq!(alliance.targets, vec!["NATO".to_string()]);
    let mut matched = 0;
    for (got, want) in statements.iter().zip(&article.statements) {
        let mut got_targets = got.targets.clone();
        let mut want_targets: Vec<String> = want.stances.iter().map(|s| s.target.clone()).collect();
        got_targets.sort();
        want_targets.sort();
        if got_targets == want_targets {
            matched += 1;
        } else {
            eprintln!(
                "{}: got {got_targets:?}, gold {want_targets:?}",
                got.content
            );
        }
    }
    assert_eq!(matched, article.statements.len());
}

#[test]
fn russia_is_a_target_of_ukraine_and_not_of_its_own_officials() {
    let article = gold();
    let statements = assigned(&article);
    let accusing = statements
        .iter()
        .find(|s| s.cue == "accusing")
        .expect("gold has the accusing statement");
    assert_eq!(accusing.targets, vec!["Russia".to_string()]);
    let operations = statements
        .iter()
        .find(|s| s.content.starts_with("Russia’s military operations"))
        .expect("gold has Peskov's confirmation");
    assert_eq!(operations.targets, vec!["Ukraine".to_string()]);
}

#[test]
fn article_mentions_cover_the_parties_named() {
    let article = gold();
    let gazetteer = Gazetteer::builtin().expect("builtin gazetteer loads");
    let parties = ArticleParties::new(&gazetteer, &article.text, None);
    let mentions = parties.mentions();
    for (surface, party) in [
        ("Russia’s", "Russia"),
        ("Ukraine’s", "Ukraine"),
        ("the West", "West"),
        ("Russian", "Russia"),
        ("Ukrainian", "Ukraine"),
        ("The alliance", "NATO"),
    ] {
        let surface = surface.trim_end_matches("’s");
        assert!(
            mentions
                .iter()
                .any(|m| m.surface == surface && m.party == party),
            "no mention of {party} as {surface}"
        );
    }
    // `took place in Washington` is where the summit was, not the United States.
    assert!(!mentions.iter().any(|m| m.party == "United States"));
    let people: Vec<(&str, &str)> = parties
        .affiliations()
        .people()
        .iter()
        .map(|a| (a.person.as_str(), a.party.as_str()))
        .collect();
    assert!(people.contains(&("Dmitry Peskov", "Russia")));
    assert!(people.contains(&("Vladimir Putin", "Russia")));
}
