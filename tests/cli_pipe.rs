//! A closed output pipe (`stancemap classify ... | head`) ends the run quietly.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

mod common;

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    // news-gold dev gives megabytes of output, far more than a pipe buffers; the run
    // must stop at the first write after the reader left, not report an error.
    let mut child = Command::new(common::bin())
        .args(["classify", "--format", "jsonl"])
        .arg(common::repo_root().join("data/news-gold/dev"))
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run stancemap");
    let mut first = String::new();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    stdout.read_line(&mut first).expect("read a line");
    assert!(first.starts_with('{'), "{first}");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("error"), "{stderr}");
}
