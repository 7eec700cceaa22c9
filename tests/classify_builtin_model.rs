//! `classify -o out.jsonl` from a folder without `models/stance/`: the stance model built
//! into the binary runs, and the provenance sidecar names it (an installed stancemap
//! once refused to write JSON Lines anywhere but in a checkout).

mod common;

use serde_json::Value;
use std::process::Command;

#[test]
fn classify_to_a_file_runs_the_built_in_model_from_any_folder() {
    let dir = std::env::temp_dir().join(format!("stancemap-builtin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let article = dir.join("talks.txt");
    std::fs::write(
        &article,
        "Kremlin spokesman Dmitry Peskov said NATO was an enemy of Russia.\n",
    )
    .expect("write article");
    let out = Command::new(common::bin())
        .args([
            "classify",
            "--format",
            "jsonl",
            "-o",
            "out.jsonl",
            "talks.txt",
        ])
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .env_remove("STANCEMAP_STANCE_DIR")
        .current_dir(&dir)
        .output()
        .expect("stancemap runs");
    common::assert_success(&out);
    let written = std::fs::read_to_string(dir.join("out.jsonl")).expect("output");
    assert_eq!(written.lines().count(), 1, "{written}");
    let sidecar: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out.jsonl.provenance.json")).expect("sidecar"),
    )
    .expect("sidecar JSON");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo_root().join("models/stance/manifest.json"))
            .expect("committed manifest"),
    )
    .expect("manifest JSON");
    assert_eq!(sidecar["stance_sha256"], manifest["weights_sha256"]);
    std::fs::remove_dir_all(&dir).ok();
}
