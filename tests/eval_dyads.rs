//! Dyad figures on annotated articles: a (speaker_party, target, label) triple counts
//! only when the statement is found with all three right.

use stancemap::eval::dyads::DyadCounts;
use stancemap::record::{Stance, StanceLabel, Statement};

fn statement(
    start: usize,
    end: usize,
    party: Option<&str>,
    stances: &[(&str, StanceLabel)],
) -> Statement {
    Statement {
        speaker: "someone".into(),
        speaker_party: party.map(str::to_string),
        content: "x".repeat(end - start),
        start,
        end,
        stances: stances
            .iter()
            .map(|&(target, label)| Stance {
                target: target.into(),
                label,
                confidence: None,
                probs: None,
            })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn a_dyad_needs_the_statement_the_party_the_target_and_the_label() {
    use StanceLabel::*;
    let gold = vec![
        statement(
            0,
            10,
            Some("Russia"),
            &[("NATO", Hostile), ("Ukraine", Neutral)],
        ),
        statement(20, 30, Some("Ukraine"), &[("Russia", Hostile)]),
        statement(40, 50, None, &[("Russia", Neutral)]),
        statement(60, 70, Some("China"), &[("Japan", Hostile)]),
    ];
    let predicted = vec![
        // right party, NATO right, Ukraine wrong label, one extra target
        statement(
            0,
            10,
            Some("russia"),
            &[("the NATO", Hostile), ("Ukraine", Hostile), ("EU", Neutral)],
        ),
        // wrong party: its triple is lost even with the right target and label
        statement(20, 30, None, &[("Russia", Hostile)]),
        statement(40, 50, None, &[]),
        // the fourth gold statement is not found
    ];
    let mut counts = DyadCounts::default();
    counts.add_article(&gold, &predicted);
    let scores = counts.scores();
    assert_eq!(
        counts.gold_dyads, 4,
        "the statement without a speaker party makes no dyad"
    );
    assert_eq!(counts.dyads_correct, 1);
    assert!((scores.accuracy - 0.25).abs() < 1e-12);
    assert_eq!(counts.matched, 3);
    assert_eq!(
        counts.speaker_party_correct, 2,
        "Russia = russia, and none = none"
    );
    assert_eq!(
        (
            counts.gold_targets,
            counts.predicted_targets,
            counts.targets_found
        ),
        (4, 4, 3)
    );
    assert!((scores.target_recall - 0.75).abs() < 1e-12);
    assert!((scores.target_precision - 0.75).abs() < 1e-12);
}
