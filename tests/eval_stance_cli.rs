//! `stancemap eval` on pair files: the JSON keys, the predictions file, and that the
//! reported figures agree with the predictions written.

mod common;

use serde_json::Value;

#[test]
fn pair_file_report_and_predictions_agree() {
    let dir = tempfile::tempdir().unwrap();
    let preds = dir.path().join("preds.jsonl");
    let gold = common::repo_root().join("data/stance/own-test.pairs.jsonl");
    let report = common::eval_json(&gold, &["--predictions".as_ref(), preds.as_os_str()]);
    let stance = &report["stance"];
    for key in ["accuracy", "macro_f1", "per_class", "confusion", "baseline"] {
        assert!(!stance[key].is_null(), "missing stance.{key}");
    }
    for label in ["hostile", "conciliatory", "neutral"] {
        for field in ["precision", "recall", "f1", "support"] {
            assert!(
                stance["per_class"][label][field].is_number(),
                "missing stance.per_class.{label}.{field}"
            );
        }
    }
    let lines: Vec<Value> = std::fs::read_to_string(&preds)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let gold_n = std::fs::read_to_string(&gold)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(lines.len(), gold_n);
    let correct = lines.iter().filter(|p| p["label"] == p["gold"]).count();
    let accuracy = stance["accuracy"].as_f64().unwrap();
    assert!((accuracy - correct as f64 / gold_n as f64).abs() < 1e-9);
    let supports: u64 = ["hostile", "conciliatory", "neutral"]
        .iter()
        .map(|l| stance["per_class"][l]["support"].as_u64().unwrap())
        .sum();
    assert_eq!(supports as usize, gold_n);
    for p in &lines {
        assert!(p["id"].is_string() && p["probs"]["hostile"].is_number());
    }
    // Better than always answering the majority label.
    assert!(
        stance["macro_f1"].as_f64().unwrap()
            > stance["baseline"]["macro_f1"].as_f64().unwrap() + 0.3
    );
}
