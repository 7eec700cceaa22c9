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
