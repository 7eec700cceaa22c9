//! `stancemap eval` on gold articles runs the pipeline as `classify` would, with each
//! article's date: the date decides which office a known person holds.

mod common;

use serde_json::json;

#[test]
fn eval_reads_each_gold_article_with_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let text = "Antonio Guterres said the war with Serbia must end.";
    let content = "the war with Serbia must end";
    let start = text.find(content).unwrap();
    // Guterres was Portugal's prime minister in 1999; undated, the knowledge base would
    // give him to the United Nations.
    let article = json!({
        "id": "guterres-1999",
        "date": "1999-04-01",
        "text": text,
        "statements": [{
            "speaker": "Antonio Guterres",
            "speaker_party": "Portugal",
            "cue": "said",
            "content": content,
            "start": start,
            "end": start + content.len(),
            "kind": "indirect",
            "stances": [{"target": "Serbia", "label": "neutral"}],
        }],
    });
    std::fs::write(&gold, format!("{article}\n")).unwrap();
    let report = common::eval_json(&gold, &[]);
    let dyads = &report["dyads"];
    assert_eq!(dyads["matched"], 1, "{report}");
    assert_eq!(dyads["speaker_party_correct"], 1, "{report}");
}

/// `--predictions` on gold articles writes the stance model's reading of every gold
/// (statement, target) pair, the pairs that `stance_given_gold` scores.
#[test]
fn eval_writes_given_gold_predictions_of_articles() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let text = "Dmitry Peskov said NATO was an enemy of Russia and thanked Turkey for its help.";
    let content = "NATO was an enemy of Russia and thanked Turkey for its help";
    let start = text.find(content).unwrap();
    let article = json!({
        "id": "peskov",
        "text": text,
        "statements": [{
            // A span past the text: read as no statement, yet it keeps its place, so the
            // ids below still name the second statement as #1.
            "speaker": "Dmitry Peskov",
            "content": "lost",
            "start": 500,
            "end": 504,
            "stances": [{"target": "NATO", "label": "neutral"}],
        }, {
            "speaker": "Dmitry Peskov",
            "speaker_party": "Russia",
            "cue": "said",
            "content": content,
            "start": start,
            "end": start + content.len(),
            "kind": "indirect",
            "stances": [
                {"target": "NATO", "label": "hostile"},
                {"target": "Turkey", "label": "conciliatory"},
            ],
        }],
    });
    std::fs::write(&gold, format!("{article}\n")).unwrap();
    let out = dir.path().join("pairs.jsonl");
    let report = common::eval_json(&gold, &["--predictions".as_ref(), out.as_os_str()]);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(report["stance_given_gold"]["count"], 2, "{report}");
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["peskov#1:NATO", "peskov#1:Turkey"]);
    assert_eq!(lines[0]["gold"], "hostile");
    assert_eq!(lines[1]["gold"], "conciliatory");
    for line in &lines {
        let probs = line["probs"].as_object().unwrap();
        let sum: f64 = probs.values().map(|p| p.as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-3, "{line}");
        let best = probs
            .iter()
            .max_by(|a, b| a.1.as_f64().partial_cmp(&b.1.as_f64()).unwrap())
            .unwrap();
        assert_eq!(line["label"].as_str(), Some(best.0.as_str()), "{line}");
    }
}
