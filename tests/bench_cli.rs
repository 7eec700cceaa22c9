//! `stancemap bench`: the figures it promises, and clear errors on bad input.

mod common;

use serde_json::Value;
use std::process::Command;

fn bench(args: &[&str]) -> std::process::Output {
    Command::new(common::bin())
        .args(["--threads", "2", "bench"])
        .args(args)
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .current_dir(common::repo_root())
        .output()
        .unwrap()
}

fn json_of(out: &std::process::Output) -> Value {
    common::assert_success(out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn encoder_mode_reports_throughput_load_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("s.txt");
    std::fs::write(
        &input,
        "NATO leaders met in Vilnius.\n\nMoscow rejected the plan.\nKyiv welcomed it.\n",
    )
    .unwrap();
    let report = json_of(&bench(&[
        "--input",
        input.to_str().unwrap(),
        "--batch",
        "2",
        "--rounds",
        "1",
        "--json",
    ]));
    assert_eq!(report["sentences"], 3, "blank lines are not sentences");
    assert_eq!(report["batch"], 2);
    for key in ["sentences_per_s", "load_s", "peak_rss_mb", "tokens_per_s"] {
        assert!(
            report[key].as_f64().is_some_and(|v| v > 0.0),
            "{key}: {report}"
        );
    }
}

#[test]
fn default_corpus_is_built_in() {
    let report = json_of(&bench(&["--batch", "64", "--rounds", "1", "--json"]));
    assert_eq!(report["sentences"], 500);
}

#[test]
fn classify_mode_counts_articles_statements_and_pairs() {
    let nato = common::shared_dir().join("examples/nato-summit.txt");
    let report = json_of(&bench(&["--articles", nato.to_str().unwrap(), "--json"]));
    assert_eq!(report["articles"], 1);
    assert!(report["statements"].as_u64().unwrap() >= 10, "{report}");
    assert!(report["stance_pairs"].as_u64().unwrap() >= 10, "{report}");
    for key in [
        "articles_per_s",
        "pairs_per_s",
        "latency_ms_median",
        "load_s",
        "peak_rss_mb",
    ] {
        assert!(
            report[key].as_f64().is_some_and(|v| v > 0.0),
            "{key}: {report}"
        );
    }
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let out = bench(&["--input", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n\n").unwrap();
    let out = bench(&["--input", empty.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no sentences"));

    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, [0xffu8, 0xfe, 0x00, 0x80]).unwrap();
    let out = bench(&["--input", binary.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary.txt"));

    let out = bench(&["--batch", "0"]);
    assert!(!out.status.success());
}
