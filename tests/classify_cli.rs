//! `stancemap classify` end to end with the committed model: the NATO example,
//! a bad record midway, and resuming a killed run.

mod common;

use serde_json::Value;
use stancemap::eval::attribution::match_statements;
use stancemap::record::{Article, StanceLabel, Statement};
use std::process::Command;

fn classify(args: &[&str]) -> std::process::Output {
    Command::new(common::bin())
        .arg("classify")
        .args(args)
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .current_dir(common::repo_root())
        .output()
        .unwrap()
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Gold (statement, target) stances of the NATO example that pass `wanted`, each with
/// the label `classify` gave the matching predicted statement (None: not found).
fn nato_stances(wanted: impl Fn(&Statement, &str) -> bool) -> Vec<(String, Option<StanceLabel>)> {
    let nato = common::shared_dir().join("examples/nato-summit.txt");
    let out = classify(&[nato.to_str().unwrap(), "--format", "jsonl"]);
    common::assert_success(&out);
    let predicted: Article =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap();
    for s in &predicted.statements {
        for st in &s.stances {
            let p = st.probs.unwrap().to_array();
            assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-3);
        }
    }
    let gold_line =
        std::fs::read_to_string(common::shared_dir().join("examples/nato-summit.gold.jsonl"))
            .unwrap();
    let gold: Article = serde_json::from_str(gold_line.trim()).unwrap();
    let matched: std::collections::HashMap<usize, usize> =
        match_statements(&gold.statements, &predicted.statements)
            .into_iter()
            .collect();
    let mut out = Vec::new();
    for (g, gold_s) in gold.statements.iter().enumerate() {
        for gold_stance in gold_s
            .stances
            .iter()
            .filter(|st| wanted(gold_s, &st.target))
        {
            let label = matched
                .get(&g)
                .and_then(|&p| {
                    predicted.statements[p]
                        .stances
                        .iter()
                        .find(|s| s.target == gold_stance.target)
                })
                .map(|s| s.label);
            out.push((
                format!(
                    "{} -> {}: {}",
                    gold_s.speaker, gold_stance.target, gold_s.content
                ),
                label,
            ));
        }
    }
    out
}

#[test]
fn nato_example_ukraine_is_hostile_toward_russia() {
    let stances = nato_stances(|s, target| {
        s.speaker_party.as_deref() == Some("Ukraine") && target == "Russia"
    });
    assert_eq!(stances.len(), 2);
    for (what, label) in stances {
        assert_eq!(label, Some(StanceLabel::Hostile), "{what}");
    }
}

/// The goal of the stance issue: every gold stance toward NATO comes out hostile.
#[test]
fn nato_example_every_statement_is_hostile_toward_nato() {
    let stances = nato_stances(|_, target| target == "NATO");
    assert_eq!(stances.len(), 9);
    let missed: Vec<&String> = stances
        .iter()
        .filter(|(_, l)| *l != Some(StanceLabel::Hostile))
        .map(|(w, _)| w)
        .collect();
    assert!(
        missed.is_empty(),
        "not hostile:\n{}",
        missed
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_bad_record_midway_is_reported_and_the_rest_classified() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch.jsonl");
    std::fs::write(
        &input,
        concat!(
            "{\"id\": \"a1\", \"text\": \"\\\"We will not tolerate NATO troops on our border,\\\" Kremlin spokesman Dmitry Peskov said.\"}\n",
            "{\"id\": \"broken\", \"text\": \n",
            "{\"id\": \"a3\", \"text\": \"Ukrainian Foreign Minister Andrii Sybiha thanked Poland for its support, saying Kyiv was grateful.\"}\n",
        ),
    )
    .unwrap();
    let out = classify(&[input.to_str().unwrap(), "--format", "jsonl"]);
    common::assert_success(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("batch.jsonl:2"),
        "warning must name file and line: {err}"
    );
    let ids: Vec<String> = lines(&String::from_utf8_lossy(&out.stdout))
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a1", "a3"]);
}

#[test]
fn resume_skips_done_articles_and_redoes_a_partial_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let texts = [
        (
            "x1",
            "Kremlin spokesman Dmitry Peskov said NATO was an enemy of Russia.",
        ),
        (
            "x2",
            "Kyiv thanked Warsaw for its support, Ukraine's foreign minister said.",
        ),
        (
            "x3",
            "Chinese Foreign Ministry spokesman Lin Jian said Beijing opposed the new US tariffs.",
        ),
    ];
    let body: String = texts
        .iter()
        .map(|(id, t)| serde_json::json!({"id": id, "text": t}).to_string() + "\n")
        .collect();
    std::fs::write(&input, body).unwrap();
    let out_path = dir.path().join("out.jsonl");
    let first = classify(&[
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    common::assert_success(&first);
    let full = std::fs::read_to_string(&out_path).unwrap();
    let mut kept: Vec<&str> = full.lines().collect();
    assert_eq!(kept.len(), 3);
    // Simulate a run killed while writing the second article: one whole line, then half a line.
    let partial = &kept[1][..kept[1].len() / 2];
    kept.truncate(1);
    std::fs::write(&out_path, format!("{}\n{partial}", kept[0])).unwrap();
    let second = classify(&[
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "--out",
        out_path.to_str().unwrap(),
        "--resume",
    ]);
    common::assert_success(&second);
    let resumed = lines(&std::fs::read_to_string(&out_path).unwrap());
    let ids: Vec<&str> = resumed.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["x1", "x2", "x3"]);
}

#[test]
fn nothing_readable_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "   \n").unwrap();
    let out = classify(&[empty.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt"));
}

/// Stances per statement of the committed example article, classified with `extra` flags.
fn example_stances(extra: &[&str]) -> Vec<usize> {
    let mut args = vec!["data/examples/black-sea-talks.txt", "--format", "jsonl"];
    args.extend_from_slice(extra);
    let out = classify(&args);
    common::assert_success(&out);
    let article: Article =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap();
    article.statements.iter().map(|s| s.stances.len()).collect()
}

#[test]
fn the_relevance_threshold_only_drops_targets_when_asked() {
    let default = example_stances(&[]);
    assert!(default.iter().sum::<usize>() > 0);
    // Off by default: a threshold of 0 keeps every target.
    assert_eq!(example_stances(&["--relevance-threshold", "0"]), default);
    let dev = example_stances(&["--relevance-threshold", "dev"]);
    assert_eq!(dev.len(), default.len(), "the statements stay");
    assert!(dev.iter().zip(&default).all(|(d, k)| d <= k));
    let bad = classify(&[
        "data/examples/black-sea-talks.txt",
        "--relevance-threshold",
        "1.5",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("probability"));
}
