//! The news-gold corpus (data/news-gold/) and what is built on it: gold statements read
//! as `classify` reads them, stance given gold statements, dyad figures, calibration.

mod common;

use stancemap::eval::stance::expected_calibration_error;
use stancemap::pipeline::Pipeline;
use stancemap::record::{Article, StanceLabel, StanceProbs};
use std::collections::HashSet;

fn gold_articles(split: &str) -> Vec<Article> {
    let dir = common::repo_root().join("data/news-gold").join(split);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let line = std::fs::read_to_string(p).unwrap();
            serde_json::from_str(line.trim()).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

#[test]
fn every_gold_statement_is_its_text_and_the_splits_do_not_share_articles() {
    let mut seen = HashSet::new();
    let (mut articles, mut pairs, mut test_articles) = (0, 0, 0);
    for split in ["train", "dev", "test"] {
        for a in gold_articles(split) {
            assert!(seen.insert(a.id.clone()), "{} is in two splits", a.id);
            assert!(
                a.source
                    .as_deref()
                    .is_some_and(|s| s.starts_with("news-pool")),
                "{}",
                a.id
            );
            for s in &a.statements {
                let content: String = a.text.chars().skip(s.start).take(s.end - s.start).collect();
                assert_eq!(
                    content, s.content,
                    "{}: offsets {}..{}",
                    a.id, s.start, s.end
                );
                assert!(!s.speaker.is_empty(), "{}: statement without speaker", a.id);
                for st in &s.stances {
                    assert_ne!(
                        Some(&st.target),
                        s.speaker_party.as_ref(),
                        "{}: own party",
                        a.id
                    );
                }
                pairs += s.stances.len();
            }
            articles += 1;
            test_articles += usize::from(split == "test");
        }
    }
    assert!(articles >= 400, "{articles} articles");
    assert!(pairs >= 5000, "{pairs} pairs");
    assert!(test_articles >= 80, "{test_articles} test articles");
}

/// The queue (`scripts/news_gold.py select`, then `extend`) ranks every article once, in
/// order, and names the split that each gold article's folder holds it in.
#[test]
fn every_gold_article_is_queued_under_its_split() {
    let queue = std::fs::read_to_string(common::repo_root().join("data/news-gold/queue.tsv"))
        .expect("queue.tsv");
    let mut split_of = std::collections::HashMap::new();
    for (n, line) in queue.lines().filter(|l| !l.starts_with('#')).enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols[0], n.to_string(), "ranks run 0, 1, 2, ...: {line}");
        assert!(
            split_of
                .insert(cols[1].to_string(), cols[2].to_string())
                .is_none(),
            "{} queued twice",
            cols[1]
        );
    }
    for split in ["train", "dev", "test"] {
        for a in gold_articles(split) {
            assert_eq!(
                split_of.get(&a.id).map(String::as_str),
                Some(split),
                "{}",
                a.id
            );
        }
    }
}

#[test]
fn gold_pairs_read_the_sentence_window_and_pool_the_target_where_it_is_named() {
    let text = "Talks stalled on Monday. \u{201c}We will not yield,\u{201d} the ministry said, \
                accusing Houthis and Iran of sabotage. Markets were calm.";
    let content = "\u{201c}We will not yield,\u{201d}";
    let start = text.find(content).unwrap();
    let start = text[..start].chars().count();
    let end = start + content.chars().count();
    let article: Article = serde_json::from_value(serde_json::json!({
        "id": "t", "text": text,
        "statements": [{"speaker": "the ministry", "speaker_party": "Saudi Arabia", "cue": "said",
            "content": content, "start": start, "end": end, "kind": "direct",
            "speaker_spans": [[end + 1, end + 13]],
            "stances": [{"target": "Iran", "label": "hostile"},
                        {"target": "Houthis", "label": "hostile"}]}]
    }))
    .unwrap();
    let pairs = Pipeline::new().gold_pairs(&article);
    assert_eq!(pairs.len(), 2);
    for p in &pairs {
        assert!(p.input.text.starts_with('\u{201c}'), "{}", p.input.text);
        assert!(
            p.input.text.ends_with("of sabotage."),
            "the window is the whole sentence"
        );
        assert_eq!(p.input.speaker.as_deref(), Some("Saudi Arabia"));
        let named: Vec<String> = p
            .input
            .target_spans
            .iter()
            .map(|s| {
                p.input
                    .text
                    .chars()
                    .skip(s.start)
                    .take(s.end - s.start)
                    .collect()
            })
            .collect();
        assert_eq!(
            named,
            vec![p.input.target.clone()],
            "gazetteer or not, the name is pooled"
        );
        assert_eq!(p.label, StanceLabel::Hostile);
    }
}

#[test]
fn calibration_error_is_the_gap_between_confidence_and_accuracy() {
    let probs = |h: f32| StanceProbs::from_array([h, (1.0 - h) / 2.0, (1.0 - h) / 2.0]);
    // Confidence 0.75, right three times in four: calibrated.
    let gold = [
        StanceLabel::Hostile,
        StanceLabel::Hostile,
        StanceLabel::Hostile,
        StanceLabel::Neutral,
    ];
    let p = [probs(0.75), probs(0.75), probs(0.75), probs(0.75)];
    assert!(expected_calibration_error(&gold, &p, 10).abs() < 1e-6);
    // Confidence 0.95, right half the time: off by 0.45.
    let gold = [StanceLabel::Hostile, StanceLabel::Neutral];
    let p = [probs(0.95), probs(0.95)];
    assert!((expected_calibration_error(&gold, &p, 10) - 0.45).abs() < 1e-6);
}

#[test]
fn eval_on_gold_articles_reports_dyads_and_stance_given_gold() {
    let gold = common::shared_dir().join("examples/nato-summit.gold.jsonl");
    let report = common::eval_json(&gold, &[]);
    let gold_pairs = 17;
    let given = &report["stance_given_gold"];
    assert_eq!(
        given["count"], gold_pairs,
        "the model is run on every gold pair"
    );
    let ece = given["expected_calibration_error"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&ece));
    let dyads = &report["dyads"];
    assert_eq!(
        dyads["gold_dyads"], gold_pairs,
        "every NATO speaker has a party"
    );
    let correct = dyads["dyads_correct"].as_u64().unwrap();
    let e2e_correct: u64 = ["hostile", "conciliatory", "neutral"]
        .iter()
        .map(|l| report["end_to_end"]["confusion"][l][l].as_u64().unwrap())
        .sum();
    assert!(
        correct <= e2e_correct,
        "a whole triple also has the right label"
    );
    assert!(
        dyads["speaker_party_accuracy"].as_f64().unwrap() > 0.9,
        "Peskov, the Kremlin -> Russia"
    );
}
