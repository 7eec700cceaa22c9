//! Attribution scoring: the matching rule, exact spans, speaker agreement, and the
//! `quotes` and `eval` commands end to end.

use stancemap::eval::AttributionCounts;
use stancemap::eval::attribution::{match_statements, names_agree, speaker_agrees};
use stancemap::record::CharSpan;
use std::process::Command;

mod common;

use common::{bin, repo_root, shared_dir, span_statement as statement};

#[test]
fn a_match_needs_half_of_the_gold_span() {
    let gold = [statement(0, 100, "A")];
    assert_eq!(match_statements(&gold, &[statement(50, 300, "A")]).len(), 1);
    assert!(match_statements(&gold, &[statement(51, 300, "A")]).is_empty());
    assert!(match_statements(&gold, &[statement(100, 200, "A")]).is_empty());
}

#[test]
fn matching_is_one_to_one_and_prefers_the_larger_overlap() {
    let gold = [statement(0, 10, "A"), statement(12, 20, "B")];
    // One long prediction covers both gold statements: it may match only one.
    let predicted = [statement(0, 20, "A")];
    assert_eq!(match_statements(&gold, &predicted), vec![(0, 0)]);
    let predicted = [statement(0, 20, "A"), statement(12, 20, "B")];
    let mut pairs = match_statements(&gold, &predicted);
    pairs.sort();
    assert_eq!(pairs, vec![(0, 0), (1, 1)]);
}

#[test]
fn counts_give_precision_recall_exact_and_speaker_accuracy() {
    let mut gold = vec![
        statement(0, 10, "Dmitry Peskov"),
        statement(20, 30, "Ukraine"),
    ];
    gold[1].speaker_spans = vec![[40, 47]];
    let mut predicted = vec![
        statement(0, 10, "Peskov"),
        statement(22, 30, "Kyiv"),
        statement(50, 60, "Nobody"),
    ];
    predicted[1].speaker_mention = Some(CharSpan::new(45, 50));
    let mut counts = AttributionCounts::default();
    counts.add_article(&gold, &predicted);
    let s = counts.scores();
    assert_eq!(
        (counts.gold, counts.predicted, counts.matched, counts.exact),
        (2, 3, 2, 1)
    );
    assert!((s.precision - 2.0 / 3.0).abs() < 1e-9);
    assert!((s.recall - 1.0).abs() < 1e-9);
    assert!((s.f1 - 0.8).abs() < 1e-9);
    // Exact: 1 of 3 predicted, 1 of 2 gold.
    assert!((s.exact_f1 - 0.4).abs() < 1e-9);
    // Peskov agrees by name, Kyiv by its mention overlapping the gold speaker span.
    assert_eq!(counts.speaker_correct, 2);
}

#[test]
fn exact_spans_are_compared_without_a_leading_that() {
    // PolNeAR keeps the complementizer in the content, the guide leaves it out: the
    // same clause either way.
    let mut gold = statement(10, 40, "Peskov");
    gold.content = "that NATO remains inflexible....."
        .chars()
        .take(30)
        .collect();
    let mut predicted = statement(15, 40, "Peskov");
    predicted.content = gold.content.chars().skip(5).collect();
    let mut counts = AttributionCounts::default();
    counts.add_article(
        std::slice::from_ref(&gold),
        std::slice::from_ref(&predicted),
    );
    assert_eq!((counts.matched, counts.exact), (1, 1));
    // Any other extra word at the start is no exact match.
    let mut longer = statement(5, 40, "Peskov");
    longer.content = format!("said {}", gold.content);
    let mut counts = AttributionCounts::default();
    counts.add_article(std::slice::from_ref(&gold), &[longer]);
    assert_eq!((counts.matched, counts.exact), (1, 0));
}

#[test]
fn speaker_agreement_by_span_or_by_name() {
    assert!(names_agree("the Kremlin", "The Kremlin"));
    assert!(names_agree("Peskov", "Dmitry Peskov"));
    assert!(names_agree("Donald J. Trump", "Donald Trump"));
    assert!(names_agree("Rex W. Tillerson", "Tillerson"));
    assert!(!names_agree("J. Trump", "Donald Trump"));
    assert!(!names_agree("Peskov", "Vladimir Putin"));
    assert!(!names_agree("", "Putin"));
    let mut gold = statement(0, 5, "He");
    gold.speaker_spans = vec![[10, 12]];
    let mut predicted = statement(0, 5, "Josh Earnest");
    predicted.speaker_mention = Some(CharSpan::new(10, 12));
    assert!(speaker_agrees(&gold, &predicted));
    predicted.speaker_mention = Some(CharSpan::new(12, 14));
    assert!(!speaker_agrees(&gold, &predicted));
}

#[test]
fn quotes_output_feeds_eval_and_keeps_extra_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.jsonl");
    let text = "“We will not give up,” Peskov said. Ukraine confirmed that talks would go on.";
    let line = serde_json::json!({"id": "a1", "text": text, "publisher": "wire"});
    std::fs::write(&input, format!("{line}\nnot json\n")).expect("write input");
    let out = Command::new(bin())
        .args(["quotes", "--format", "jsonl"])
        .arg(&input)
        .output()
        .expect("run quotes");
    common::assert_success(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in.jsonl:2"),
        "the skipped line is named: {stderr}"
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let record: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
    assert_eq!(record["publisher"], "wire");
    assert_eq!(record["statements"].as_array().map(Vec::len), Some(2));

    // The output is itself a gold file for eval: scoring it against itself is perfect.
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, &stdout).expect("write predictions");
    let out = Command::new(bin())
        .args(["eval", "--json", "--data"])
        .arg(&pred)
        .arg("--pred")
        .arg(&pred)
        .output()
        .expect("run eval");
    common::assert_success(&out);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["attribution"]["f1"], 1.0, "{report}");
    assert_eq!(report["attribution"]["exact_f1"], 1.0);
    assert_eq!(report["attribution"]["speaker_accuracy"], 1.0);
}

#[test]
fn quotes_fails_when_nothing_can_be_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("bad.jsonl");
    std::fs::write(&input, "{\"id\": 1}\n").expect("write");
    let out = Command::new(bin())
        .arg("quotes")
        .arg(&input)
        .output()
        .expect("run quotes");
    assert!(!out.status.success());
}

/// `quotes` on the NATO example with `args`, scored by `eval` as predictions
/// (attribution alone needs no stance model).
fn nato_attribution(args: &[&str]) -> serde_json::Value {
    let gold = shared_dir().join("examples/nato-summit.gold.jsonl");
    let out = Command::new(bin())
        .arg("quotes")
        .arg(&gold)
        .args(args)
        .output()
        .expect("run quotes");
    common::assert_success(&out);
    let dir = tempfile::tempdir().expect("temp dir");
    let pred = dir.path().join("nato.pred.jsonl");
    std::fs::write(&pred, &out.stdout).expect("write predictions");
    let out = Command::new(bin())
        .args(["eval", "--json", "--data"])
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .output()
        .expect("run eval");
    common::assert_success(&out);
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

#[test]
fn eval_on_the_nato_example_finds_every_statement() {
    let report = nato_attribution(&[]);
    let a = &report["attribution"];
    assert_eq!(a["recall"], 1.0, "{report}");
    assert_eq!(a["speaker_accuracy"], 1.0, "{report}");
    assert_eq!(a["gold"], 14);
}

#[test]
fn the_committed_tagger_vets_the_nato_example_without_losing_a_statement() {
    let tagger = repo_root().join("models/tagger");
    let tagger = tagger.to_str().expect("UTF-8 path");
    let report = nato_attribution(&["--attribution", "vetted", "--tagger-model", tagger]);
    let a = &report["attribution"];
    assert_eq!(a["recall"], 1.0, "{report}");
    assert_eq!(a["speaker_accuracy"], 1.0, "{report}");
    // Vetting only ever removes statements: never more than the rules' 17.
    assert!(
        a["predicted"]
            .as_u64()
            .is_some_and(|n| (14..=17).contains(&n)),
        "{report}"
    );
    // `--tagger-min-support` sets the bar: 0 keeps every rule statement, above 1 none.
    let predicted = |r: &serde_json::Value| r["attribution"]["predicted"].as_u64();
    let with_support = |p: &str| {
        let args = ["--attribution", "vetted", "--tagger-model", tagger];
        predicted(&nato_attribution(
            &[&args[..], &["--tagger-min-support", p]].concat(),
        ))
    };
    assert_eq!(with_support("0"), predicted(&nato_attribution(&[])));
    assert_eq!(with_support("1.01"), Some(0));
    // So does `--tagger-min-cue-support`, for the statements whose cue it reads: with
    // both bars at 0 every rule statement stays; above 1 only those without a cue
    // mention (headline colons) could, and the NATO example has none.
    let with_bars = |content: &str, cue: &str| {
        let args = ["--attribution", "vetted", "--tagger-model", tagger];
        let bars = [
            "--tagger-min-support",
            content,
            "--tagger-min-cue-support",
            cue,
        ];
        predicted(&nato_attribution(&[&args[..], &bars[..]].concat()))
    };
    assert_eq!(with_bars("0", "0"), predicted(&nato_attribution(&[])));
    assert_eq!(with_bars("0", "1.01"), Some(0));
}

#[test]
fn combined_keeps_the_nato_example_whole_and_vets_by_the_least_support() {
    let tagger = repo_root().join("models/tagger");
    let tagger = tagger.to_str().expect("UTF-8 path");
    let run = |min_support: &str| {
        nato_attribution(&[
            "--attribution",
            "combined",
            "--tagger-model",
            tagger,
            "--tagger-min-support",
            min_support,
        ])
    };
    let combined = run("0.3");
    let a = &combined["attribution"];
    assert_eq!(a["recall"], 1.0, "{combined}");
    assert_eq!(a["speaker_accuracy"], 1.0, "{combined}");
    // No content probability reaches 1.01: every rule statement is vetted away and
    // only the tagger's own statements remain, which find fewer gold statements.
    let none_kept = run("1.01");
    let matched = |r: &serde_json::Value| r["attribution"]["matched"].as_u64().expect("matched");
    assert!(matched(&none_kept) < matched(&combined), "{none_kept}");
}

#[test]
fn a_threshold_that_is_no_probability_is_refused_before_any_model_loads() {
    let gold = shared_dir().join("examples/nato-summit.gold.jsonl");
    let out = Command::new(bin())
        .arg("quotes")
        .arg(&gold)
        .args(["--attribution", "combined", "--tagger-min-support", "NaN"])
        .output()
        .expect("run quotes");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--tagger-min-support"), "{stderr}");
    let out = Command::new(bin())
        .arg("quotes")
        .arg(&gold)
        .args(["--attribution", "vetted", "--tagger-min-cue-support", "NaN"])
        .output()
        .expect("run quotes");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--tagger-min-cue-support"), "{stderr}");
}
