//! Reading inputs: text files, JSON Lines, folders and stdin; bad records are
//! reported with file and line and skipped, never fatal unless nothing is readable.

mod common;

use stancemap::ingest::ArticleReader;
use std::io::Write;
use std::process::{Command, Stdio};

fn read(paths: &[std::path::PathBuf]) -> (Vec<stancemap::record::Article>, Vec<String>) {
    let mut articles = Vec::new();
    let mut skipped = Vec::new();
    for item in ArticleReader::open(paths, true).unwrap() {
        match item {
            Ok((_, a)) => articles.push(a),
            Err(s) => skipped.push(s.to_string()),
        }
    }
    (articles, skipped)
}

#[test]
fn a_text_file_is_one_article_named_by_its_stem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summit-day-1.txt");
    std::fs::write(&path, "NATO leaders met in Vilnius.").unwrap();
    let (articles, skipped) = read(&[path]);
    assert!(skipped.is_empty());
    assert_eq!(articles[0].id, "summit-day-1");
    assert_eq!(articles[0].text, "NATO leaders met in Vilnius.");
}

#[test]
fn jsonl_keeps_optional_fields_and_reports_bad_lines_with_their_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, r#"{{"id": "a", "text": "First.", "title": "T", "date": "2024-07-11", "source": "Wire", "url": "http://x", "desk": "world"}}"#).unwrap();
    writeln!(f, r#"{{"id": "b", "text": "#).unwrap(); // line 2: malformed
    writeln!(f, r#"{{"id": "c", "text": "   "}}"#).unwrap(); // line 3: empty text
    writeln!(f, r#"{{"id": "d"}}"#).unwrap(); // line 4: no text
    f.write_all(b"{\"id\": \"e\", \"text\": \"bad \xff byte\"}\n")
        .unwrap(); // line 5: invalid UTF-8
    writeln!(f).unwrap(); // blank lines are not records
    writeln!(f, r#"{{"text": "No id here."}}"#).unwrap(); // line 7
    drop(f);
    let (articles, skipped) = read(&[path]);
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    // Without an id: the file's name and the first 12 hex digits of the text's sha256.
    assert_eq!(ids, ["a", "feed:304f011e1b66"]);
    let a = &articles[0];
    assert_eq!(
        (a.title.as_deref(), a.date.as_deref(), a.source.as_deref()),
        (Some("T"), Some("2024-07-11"), Some("Wire"))
    );
    assert_eq!(a.extra["desk"], "world");
    let lines: Vec<&str> = skipped
        .iter()
        .map(|s| s.split(": skipped").next().unwrap())
        .collect();
    assert!(
        lines[0].ends_with("feed.jsonl:2")
            && lines[1].ends_with(":3")
            && lines[2].ends_with(":4")
            && lines[3].ends_with(":5"),
        "{skipped:?}"
    );
}

#[test]
fn folders_are_read_recursively_and_bad_files_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::write(dir.path().join("a/one.txt"), "One.").unwrap();
    std::fs::write(
        dir.path().join("a/b/two.jsonl"),
        "{\"id\": \"two\", \"text\": \"Two.\"}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a/b/notes.md"), "not read").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02ELF").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9\nsecond line").unwrap();
    let (articles, skipped) = read(&[dir.path().to_path_buf()]);
    let mut ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort();
    // A text file's id is its path under the input folder, without the extension.
    assert_eq!(ids, ["a/one", "two"]);
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("latin1.txt:1") && s.contains("UTF-8")),
        "{skipped:?}"
    );
    assert!(skipped.iter().any(|s| s.contains("binary.txt")));
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("empty.txt") && s.contains("empty"))
    );
}

#[test]
fn a_missing_input_is_an_error_naming_it() {
    let err = ArticleReader::open(&["/no/such/file.txt".into()], true)
        .err()
        .unwrap();
    assert!(err.to_string().contains("/no/such/file.txt"));
}

#[test]
fn stdin_is_read_as_json_lines_or_as_one_text() {
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(common::bin())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let jsonl = "{\"id\": \"s1\", \"text\": \"Peskov said NATO was an enemy.\"}\n";
    let out = run(&["quotes", "-", "--format", "jsonl"], jsonl);
    common::assert_success(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"id\":\"s1\""));
    let out = run(
        &["quotes", "-", "--stdin-text", "--format", "jsonl"],
        "Peskov said NATO was an enemy.",
    );
    common::assert_success(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"id\":\"stdin\""));
    let out = run(&["quotes", "-", "--format", "jsonl"], "not json at all\n");
    assert!(!out.status.success(), "nothing readable must exit non-zero");
    assert!(String::from_utf8_lossy(&out.stderr).contains("-:1"));
}
