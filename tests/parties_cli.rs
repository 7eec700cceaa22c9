//! `stancemap quotes` with parties: the table shows speaker, party and targets, and
//! `--parties FILE` adds parties or fails naming the file and line.

use std::io::Write;
use std::process::Command;

fn example() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/examples/nato-summit.txt"
    )
    .to_string()
}

fn quotes(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .arg("quotes")
        .args(args)
        .output()
        .expect("stancemap runs")
}

#[test]
fn table_shows_speaker_party_and_targets() {
    let out = quotes(&["--format", "table", &example()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    let header = table.lines().nth(1).expect("header line");
    for column in ["speaker", "party", "targets", "content"] {
        assert!(header.contains(column), "{header}");
    }
    let alliance = table
        .lines()
        .find(|l| l.contains("The alliance is demonstrating"))
        .expect("the alliance quote is extracted");
    assert!(alliance.contains("Dmitry Peskov"), "{alliance}");
    assert!(alliance.contains("Russia"), "{alliance}");
    assert!(alliance.contains("NATO"), "{alliance}");
}

#[test]
fn jsonl_carries_speaker_party_and_targets() {
    let out = quotes(&[&example()]);
    assert!(out.status.success());
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON article");
    let statements = article["statements"].as_array().expect("statements");
    let kremlin = statements
        .iter()
        .find(|s| s["speaker"] == "the Kremlin")
        .expect("the Kremlin speaks");
    assert_eq!(kremlin["speaker_party"], "Russia");
    assert_eq!(kremlin["targets"], serde_json::json!(["NATO"]));
}

#[test]
fn user_party_file_adds_parties() {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    writeln!(file, "Rossiya 1\tinstitution\tRossiya 1").expect("write");
    let out = quotes(&["--parties", &file.path().display().to_string(), &example()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let statements = article["statements"].as_array().expect("statements");
    assert!(
        statements.iter().any(|s| s["targets"]
            .as_array()
            .is_some_and(|t| t.contains(&"Rossiya 1".into()))),
        "no statement targets the user party"
    );
}

#[test]
fn bad_user_party_file_fails_naming_file_and_line() {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    writeln!(file, "# fine\nNarnia state Narnia").expect("write");
    let path = file.path().display().to_string();
    let out = quotes(&["--parties", &path, &example()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{path}:2:")), "{stderr}");
}
