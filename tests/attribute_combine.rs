//! Combining the rules' statements with the tagger's: `combined` adds what the rules
//! missed, `vetted` keeps only the rules' statements whose content and cue the tagger tags.

use stancemap::attribute::tagger::combine::{CombineConfig, backs, combine, vet};
use stancemap::attribute::tagger::model::ArticleTags;
use stancemap::attribute::tagger::tags::{LOGITS, Layer, O, TAGS};
use stancemap::attribute::tagger::windows::Pieces;
use stancemap::record::{CharSpan, Statement};

mod common;

use common::span_statement as statement;

fn spans(statements: &[Statement]) -> Vec<(usize, usize, &str)> {
    statements
        .iter()
        .map(|s| (s.start, s.end, s.speaker.as_str()))
        .collect()
}

/// The rules find A (0..40) and B (100..140); the tagger finds A (5..40) and C
/// (200..230), a statement the rules missed.
fn both() -> (Vec<Statement>, Vec<Statement>) {
    let rules = vec![statement(0, 40, "Peskov"), statement(100, 140, "Tuesday")];
    let tagged = vec![statement(5, 40, "he"), statement(200, 230, "Lavrov")];
    (rules, tagged)
}

#[test]
fn combined_keeps_every_rule_statement_and_adds_the_tagger_only_ones() {
    let (rules, tagged) = both();
    let out = combine(rules, tagged, &[0.9, 0.9], CombineConfig::default(), |_| {
        0.0
    });
    assert_eq!(
        spans(&out),
        vec![
            (0, 40, "Peskov"),
            (100, 140, "Tuesday"),
            (200, 230, "Lavrov")
        ]
    );
    // A tagger statement under the confidence floor is not added.
    let (rules, tagged) = both();
    let cfg = CombineConfig {
        min_confidence: 0.95,
        ..CombineConfig::default()
    };
    let out = combine(rules, tagged, &[0.9, 0.9], cfg, |_| 0.0);
    assert_eq!(spans(&out), vec![(0, 40, "Peskov"), (100, 140, "Tuesday")]);
}

#[test]
fn vetting_keeps_the_rule_statements_the_tagger_also_tags_and_adds_none() {
    let (rules, _) = both();
    // The tagger tags content over part of A only (and elsewhere, where the rules
    // found nothing): B goes, nothing is added, A keeps the rules' span and speaker.
    let tagged = [CharSpan::new(10, 20), CharSpan::new(300, 320)];
    let out = vet(rules, |s| tagged.iter().any(|t| t.overlaps(&s.span())));
    assert_eq!(spans(&out), vec![(0, 40, "Peskov")]);
    assert!(vet(both().0, |_| false).is_empty());
}

#[test]
fn tagger_spans_give_the_tagger_boundaries_to_statements_both_found() {
    let (rules, tagged) = both();
    let cfg = CombineConfig {
        tagger_spans: true,
        ..CombineConfig::default()
    };
    let out = combine(rules, tagged, &[0.9, 0.9], cfg, |_| 0.0);
    assert_eq!(
        spans(&out),
        vec![
            (5, 40, "Peskov"),
            (100, 140, "Tuesday"),
            (200, 230, "Lavrov")
        ]
    );
}

#[test]
fn a_rule_speaker_that_is_no_name_and_no_source_gives_way_to_the_taggers() {
    let mention = |a, b| Some(CharSpan::new(a, b));
    let mut rule = statement(0, 40, "pass a resolution");
    rule.speaker_mention = mention(50, 67);
    rule.window = mention(0, 70);
    let mut tagged = statement(0, 40, "Mike Pompeo");
    tagged.speaker_mention = mention(80, 91);
    tagged.cue = "said".into();
    tagged.cue_mention = mention(92, 96);
    tagged.window = mention(0, 100);
    // The tagger reads the rules' mention (50..67) as a source with probability
    // `support`, and its own mention surely as one.
    let run = |rule: &Statement, tagged: &Statement, support: f32| {
        let out = combine(
            vec![rule.clone()],
            vec![tagged.clone()],
            &[0.9],
            CombineConfig::default(),
            |span| {
                if span == CharSpan::new(50, 67) {
                    support
                } else {
                    0.9
                }
            },
        );
        out.into_iter().next().expect("one statement")
    };
    let handed = run(&rule, &tagged, 0.0);
    assert_eq!(handed.speaker, "Mike Pompeo");
    assert_eq!(handed.speaker_mention, mention(80, 91));
    // The cue and the window go with the speaker: the window holds its mention.
    assert_eq!(
        (handed.cue.as_str(), handed.cue_mention),
        ("said", mention(92, 96))
    );
    assert_eq!(handed.window, mention(0, 100));
    // The tagger reads the rules' mention as a source: it stays.
    assert_eq!(run(&rule, &tagged, 0.5).speaker, "pass a resolution");
    // A name stays whatever the tagger reads.
    let mut named = rule.clone();
    named.speaker = "Hillary Clinton".into();
    assert_eq!(run(&named, &tagged, 0.0).speaker, "Hillary Clinton");
    // A rule statement without a speaker takes the tagger's.
    let mut unnamed = rule.clone();
    unnamed.speaker = String::new();
    unnamed.speaker_mention = None;
    assert_eq!(run(&unnamed, &tagged, 0.0).speaker, "Mike Pompeo");
    // The tagger's speaker must be a name with a mention of its own.
    let mut officials = tagged.clone();
    officials.speaker = "officials".into();
    assert_eq!(run(&rule, &officials, 0.0).speaker, "pass a resolution");
    let mut no_mention = tagged.clone();
    no_mention.speaker_mention = None;
    assert_eq!(run(&rule, &no_mention, 0.0).speaker, "pass a resolution");
}

/// Ten pieces of ten code points each; `inside(layer, piece)` is the probability the
/// tagger gives that piece of being in a span of that layer.
fn tags(inside: &[(Layer, usize, f32)]) -> ArticleTags {
    let spans: Vec<CharSpan> = (0..10)
        .map(|i| CharSpan::new(i * 10, i * 10 + 10))
        .collect();
    let mut probs = vec![[0.0; LOGITS]; spans.len()];
    for p in &mut probs {
        for layer in Layer::ALL {
            p[layer as usize * TAGS + O as usize] = 1.0;
        }
    }
    for &(layer, piece, inside) in inside {
        probs[piece][layer as usize * TAGS + O as usize] = 1.0 - inside;
    }
    let ids = vec![0; spans.len()];
    ArticleTags {
        pieces: Pieces { ids, spans },
        probs,
    }
}

#[test]
fn a_rule_statement_needs_the_tagger_to_read_both_its_content_and_its_cue() {
    // Content 30..60 (pieces 3-5), cue 20..30 (piece 2).
    let mut said = statement(30, 60, "Peskov");
    said.cue_mention = Some(CharSpan::new(20, 30));
    let cfg = CombineConfig::default();
    let content = (Layer::Content, 4, 0.9);
    assert!(backs(&tags(&[content, (Layer::Cue, 2, 0.8)]), &said, &cfg));
    // `agreed to a deal`: content, but the tagger reads no cue of speech there.
    assert!(!backs(
        &tags(&[content, (Layer::Cue, 2, 0.02)]),
        &said,
        &cfg
    ));
    // A cue read outside the statement's cue mention does not count.
    assert!(!backs(&tags(&[content, (Layer::Cue, 7, 0.9)]), &said, &cfg));
    // No content read: gone, whatever the cue.
    assert!(!backs(&tags(&[(Layer::Cue, 2, 0.9)]), &said, &cfg));
    // A statement without a cue mention (a headline colon) is asked only for content.
    said.cue_mention = None;
    assert!(backs(&tags(&[content]), &said, &cfg));
    // A bar of 0 keeps every statement whose content is read.
    said.cue_mention = Some(CharSpan::new(20, 30));
    let open = CombineConfig {
        min_cue_support: 0.0,
        ..cfg
    };
    assert!(backs(&tags(&[content]), &said, &open));
}
