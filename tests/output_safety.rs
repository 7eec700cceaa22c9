//! Writing outputs without losing data: an output that is also an input, two writers
//! on one file, `--resume` against the wrong output; and outputs that cannot run code:
//! spreadsheet formulas, terminal escapes, raw HTML in Markdown.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Run the binary from the repository root with the test model; kill it and fail the
/// test when it runs past two minutes (a hang).
fn run(args: &[&str]) -> Output {
    let mut child = Command::new(common::bin())
        .args(args)
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .current_dir(common::repo_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`stancemap {}` hung", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const ARTICLES: &str = concat!(
    "{\"text\": \"Kremlin spokesman Dmitry Peskov said NATO was an enemy of Russia.\"}\n",
    "{\"text\": \"Kyiv thanked Warsaw for its support, Ukraine's foreign minister said.\"}\n",
);

fn input_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, ARTICLES).unwrap();
    path
}

#[test]
fn classify_refuses_an_output_that_is_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_file(dir.path(), "in.jsonl");
    let link = dir.path().join("link.jsonl");
    std::fs::hard_link(&input, &link).unwrap();
    for out_path in [&input, &link] {
        let out = run(&[
            "classify",
            s(&input),
            "--format",
            "jsonl",
            "-o",
            s(out_path),
        ]);
        assert!(!out.status.success(), "-o {}", out_path.display());
        assert!(stderr(&out).contains("also an input"), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), ARTICLES);
    }
    // A file inside an input folder, and the same file through stdin.
    let out = run(&[
        "classify",
        s(dir.path()),
        "--format",
        "jsonl",
        "-o",
        s(&input),
    ]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&input).unwrap(), ARTICLES);
    let out = Command::new(common::bin())
        .args(["classify", "-", "--format", "jsonl", "-o", s(&input)])
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .current_dir(common::repo_root())
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("also an input"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), ARTICLES);
}

#[test]
fn resume_of_an_output_into_itself_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_file(dir.path(), "loop.jsonl");
    let out = run(&[
        "classify",
        s(&input),
        "--format",
        "jsonl",
        "-o",
        s(&input),
        "--resume",
    ]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&input).unwrap(), ARTICLES);
}

#[test]
fn export_and_eval_refuse_to_write_over_their_input() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = common::repo_root().join("tests/fixtures/classified.jsonl");
    let from = dir.path().join("classified.jsonl");
    std::fs::copy(&fixture, &from).unwrap();
    let before = std::fs::read_to_string(&from).unwrap();
    let out = run(&["export", "--from", s(&from), "-o", s(&from)]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("also an input"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&from).unwrap(), before);
    let out = run(&["eval", "--data", s(&from), "--predictions", s(&from)]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("also an input"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&from).unwrap(), before);
}

#[test]
fn resume_needs_the_jsonl_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_file(dir.path(), "in.jsonl");
    let out_path = dir.path().join("out.txt");
    for format in [None, Some("csv"), Some("table"), Some("json")] {
        let mut args = vec!["classify", s(&input), "-o", s(&out_path), "--resume"];
        if let Some(f) = format {
            args.extend(["--format", f]);
        }
        let out = run(&args);
        assert!(!out.status.success(), "--format {format:?} was accepted");
        assert!(stderr(&out).contains("jsonl"), "{}", stderr(&out));
    }
}

#[test]
fn resume_against_an_output_of_another_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = input_file(dir.path(), "a/in.jsonl");
    let b = dir.path().join("b/in.jsonl");
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    std::fs::write(
        &b,
        "{\"text\": \"Chinese Foreign Ministry spokesman Lin Jian said Beijing opposed the tariffs.\"}\n",
    )
    .unwrap();
    let out_path = dir.path().join("out.jsonl");
    let first = run(&["classify", s(&a), "--format", "jsonl", "-o", s(&out_path)]);
    common::assert_success(&first);
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(written.lines().count(), 2);
    let second = run(&[
        "classify",
        s(&b),
        "--format",
        "jsonl",
        "-o",
        s(&out_path),
        "--resume",
    ]);
    assert!(!second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("input"), "{}", stderr(&second));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), written);
    // The same input resumes (nothing left to do) and the output reads back as articles.
    let again = run(&[
        "classify",
        s(&a),
        "--format",
        "jsonl",
        "-o",
        s(&out_path),
        "--resume",
    ]);
    common::assert_success(&again);
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), written);
    let export = run(&["export", "--from", s(&out_path), "--table", "statements"]);
    common::assert_success(&export);
    assert!(!stderr(&export).contains("skipped"), "{}", stderr(&export));
}

#[test]
fn a_second_writer_of_the_same_output_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_file(dir.path(), "in.jsonl");
    let out_path = dir.path().join("out.jsonl");
    std::fs::write(&out_path, "{\"id\": \"kept\", \"text\": \"Kept.\"}\n").unwrap();
    // Another process holds the output (an advisory lock, as stancemap takes it).
    let held = std::fs::OpenOptions::new()
        .append(true)
        .open(&out_path)
        .unwrap();
    held.lock().unwrap();
    let out = run(&[
        "classify",
        s(&input),
        "--format",
        "jsonl",
        "-o",
        s(&out_path),
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("another"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap(),
        "{\"id\": \"kept\", \"text\": \"Kept.\"}\n"
    );
    drop(held);
    let out = run(&[
        "classify",
        s(&input),
        "--format",
        "jsonl",
        "-o",
        s(&out_path),
    ]);
    common::assert_success(&out);
}

/// `classify` of a FIFO with stderr on a terminal (where the progress bar shows): the
/// input is read once, so the run ends.
#[cfg(unix)]
#[test]
fn the_progress_bar_does_not_read_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.jsonl");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Blocks until the reader opens the FIFO; writes once and closes.
            let _ = std::fs::write(&fifo, ARTICLES);
        })
    };
    let out_path = dir.path().join("out.jsonl");
    // `script` gives the command a terminal; stdout goes to the file.
    let command = format!(
        "{} classify {} --format jsonl -o {}",
        s(&common::bin()),
        s(&fifo),
        s(&out_path)
    );
    let out = run_script(&command);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    writer.join().unwrap();
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap().lines().count(),
        2
    );
}

fn run_script(command: &str) -> Output {
    let mut child = Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .current_dir(common::repo_root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`{command}` hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// The fixture's first article with a hostile id and speaker.
fn hostile_fixture(dir: &Path) -> PathBuf {
    let fixture = common::repo_root().join("tests/fixtures/classified.jsonl");
    let text = std::fs::read_to_string(fixture).unwrap();
    let mut article: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    article["id"] = Value::from("=HYPERLINK(\"http://evil\",\"x\")");
    article["statements"][0]["speaker"] = Value::from("<img src=x onerror=alert(1)>");
    article["statements"][0]["speaker_party"] = Value::from("@SUM(1+1)");
    let path = dir.join("hostile.jsonl");
    std::fs::write(&path, article.to_string() + "\n").unwrap();
    path
}

#[test]
fn csv_and_tsv_cells_that_start_a_formula_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let from = hostile_fixture(dir.path());
    for (format, delim) in [("csv", b','), ("tsv", b'\t')] {
        for raw in [false, true] {
            let mut args = vec![
                "export",
                "--from",
                s(&from),
                "--table",
                "statements",
                "--format",
                format,
            ];
            if raw {
                args.push("--raw-cells");
            }
            let out = run(&args);
            common::assert_success(&out);
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delim)
                .from_reader(out.stdout.as_slice());
            let row = reader.records().next().unwrap().unwrap();
            let first = row.get(0).unwrap();
            let party = row.iter().find(|c| c.contains("@SUM")).unwrap();
            if raw {
                assert!(first.starts_with("=HYPERLINK"), "{format}: {first}");
                assert_eq!(party, "@SUM(1+1)");
            } else {
                assert_eq!(first, "'=HYPERLINK(\"http://evil\",\"x\")", "{format}");
                assert_eq!(party, "'@SUM(1+1)", "{format}");
            }
        }
    }
}

#[test]
fn markdown_export_escapes_raw_html() {
    let dir = tempfile::tempdir().unwrap();
    let from = hostile_fixture(dir.path());
    let out = run(&[
        "export",
        "--from",
        s(&from),
        "--table",
        "statements",
        "--format",
        "markdown",
    ]);
    common::assert_success(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("<img"), "{text}");
    assert!(
        text.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{text}"
    );
}

#[test]
fn quotes_table_passes_no_terminal_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("esc.jsonl");
    let article = serde_json::json!({
        "id": "\u{1b}]0;owned\u{7}",
        "text": "\"We will \u{1b}[31mnever\u{1b}[0m give in\u{7},\" Kremlin spokesman Dmitry Peskov said.",
    });
    std::fs::write(&input, article.to_string() + "\n").unwrap();
    let out = run(&["quotes", s(&input), "--format", "table"]);
    common::assert_success(&out);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("give in"),
        "the statement is found"
    );
    assert!(
        !out.stdout.iter().any(|&b| b == 0x1b || b == 0x07),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn classify_skips_an_article_past_the_size_cap_and_classifies_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let big = "Kremlin spokesman Dmitry Peskov said NATO was an enemy. ".repeat(100);
    std::fs::write(
        &input,
        format!("{{\"id\": \"big\", \"text\": \"{big}\"}}\n{ARTICLES}"),
    )
    .unwrap();
    let out = run(&[
        "classify",
        s(&input),
        "--format",
        "jsonl",
        "--max-article-bytes",
        "1000",
    ]);
    common::assert_success(&out);
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(!ids.iter().any(|id| id.contains("big")));
    assert!(
        stderr(&out).contains("in.jsonl:1") && stderr(&out).contains("too large"),
        "{}",
        stderr(&out)
    );
}
