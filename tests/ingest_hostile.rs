//! Careless and hostile inputs to `ingest`: stable ids, byte-order marks, symlink
//! loops, FIFOs, unreadable folders and articles past the size cap.

mod common;

use stancemap::ingest::ArticleReader;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn read(paths: &[PathBuf]) -> (Vec<stancemap::record::Article>, Vec<String>) {
    read_with(ArticleReader::open(paths, true).unwrap())
}

fn read_with(reader: ArticleReader) -> (Vec<stancemap::record::Article>, Vec<String>) {
    let mut articles = Vec::new();
    let mut skipped = Vec::new();
    for item in reader {
        match item {
            Ok((_, a)) => articles.push(a),
            Err(s) => skipped.push(s.to_string()),
        }
    }
    (articles, skipped)
}

fn ids(paths: &[PathBuf]) -> Vec<String> {
    read(paths).0.into_iter().map(|a| a.id).collect()
}

/// Run the binary; kill it and fail the test when it runs past `limit` (a hang).
fn run_with_limit(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(common::bin())
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`stancemap {}` hung for {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_line_inserted_at_the_top_keeps_the_other_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let a = "{\"text\": \"Peskov said NATO was an enemy.\"}\n";
    let b = "{\"text\": \"Sybiha thanked Poland.\"}\n";
    std::fs::write(&path, format!("{a}{b}")).unwrap();
    let before = ids(std::slice::from_ref(&path));
    std::fs::write(
        &path,
        format!("{{\"text\": \"A new first line.\"}}\n{a}{b}"),
    )
    .unwrap();
    let after = ids(std::slice::from_ref(&path));
    assert_eq!(after.len(), 3);
    assert_eq!(
        &after[1..],
        &before[..],
        "ids shifted: {before:?} -> {after:?}"
    );
    assert!(before[0].starts_with("feed:"), "{before:?}");
}

#[test]
fn the_same_text_twice_in_a_file_gets_two_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let a = "{\"text\": \"Peskov said NATO was an enemy.\"}\n";
    std::fs::write(&path, format!("{a}{a}")).unwrap();
    let got = ids(&[path]);
    assert_eq!(got.len(), 2);
    assert_ne!(got[0], got[1]);
}

#[test]
fn files_of_the_same_name_in_different_folders_get_different_ids() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("x.txt"), format!("Text {sub}.")).unwrap();
        std::fs::write(
            dir.path().join(sub).join("x.jsonl"),
            "{\"text\": \"The same line in both.\"}\n",
        )
        .unwrap();
    }
    let got = ids(&[dir.path().to_path_buf()]);
    assert_eq!(got.len(), 4);
    let unique: std::collections::HashSet<&String> = got.iter().collect();
    assert_eq!(unique.len(), 4, "{got:?}");
    // Named on the command line one by one, too.
    let got = ids(&[
        dir.path().join("a/x.txt"),
        dir.path().join("b/x.txt"),
        dir.path().join("a/x.jsonl"),
        dir.path().join("b/x.jsonl"),
    ]);
    let unique: std::collections::HashSet<&String> = got.iter().collect();
    assert_eq!(unique.len(), 4, "{got:?}");
}

#[test]
fn a_byte_order_mark_is_stripped_from_jsonl_and_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("bom.jsonl");
    std::fs::write(
        &jsonl,
        "\u{feff}{\"id\": \"first\", \"text\": \"One.\"}\n{\"id\": \"second\", \"text\": \"Two.\"}\n",
    )
    .unwrap();
    let txt = dir.path().join("bom.txt");
    std::fs::write(&txt, "\u{feff}Peskov said NATO was an enemy.").unwrap();
    let (articles, skipped) = read(&[jsonl, txt]);
    assert!(skipped.is_empty(), "{skipped:?}");
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["first", "second", "bom"]);
    assert_eq!(articles[2].text, "Peskov said NATO was an enemy.");
}

#[test]
fn a_byte_order_mark_is_stripped_from_party_and_cue_files() {
    let dir = tempfile::tempdir().unwrap();
    let parties = dir.path().join("parties.tsv");
    std::fs::write(
        &parties,
        "\u{feff}Freedonia\tstate\tFreedonia | Freedonian\n",
    )
    .unwrap();
    let extractor =
        stancemap::pipeline::Pipeline::with_files(&[], std::slice::from_ref(&parties)).unwrap();
    let names: Vec<&str> = extractor
        .parties()
        .parties()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(names.contains(&"Freedonia"), "no Freedonia");
    assert!(
        !names.iter().any(|n| n.contains('\u{feff}')),
        "BOM in a name"
    );

    let cues = dir.path().join("cues.txt");
    std::fs::write(&cues, "\u{feff}harrumphed\n").unwrap();
    let extractor = stancemap::pipeline::Pipeline::with_files(&[cues], &[]).unwrap();
    let found = extractor.statements("The minister harrumphed that the plan was a disgrace.");
    assert!(
        found.iter().any(|s| s.cue == "harrumphed"),
        "the first cue of a file with a BOM is lost: {found:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_followed_once() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::write(corpus.join("one.txt"), "One.").unwrap();
    std::fs::write(corpus.join("sub/two.txt"), "Two.").unwrap();
    std::os::unix::fs::symlink(&corpus, corpus.join("sub/back")).unwrap();
    let (articles, _) = read(&[corpus]);
    let mut got: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    got.sort();
    assert_eq!(got, ["One.", "Two."]);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_skipped_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.jsonl"),
        "{\"id\": \"one\", \"text\": \"Peskov said NATO was an enemy.\"}\n",
    )
    .unwrap();
    let fifo = dir.path().join("pipe.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = run_with_limit(
        &["quotes", dir.path().to_str().unwrap()],
        Duration::from_secs(30),
    );
    common::assert_success(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"id\":\"one\""), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pipe.jsonl") && stderr.contains("not a regular file"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_is_reported_and_the_rest_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(dir.path().join("one.txt"), "Peskov said NATO was an enemy.").unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("two.txt"), "Sybiha said Kyiv was grateful.").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads a mode-000 folder: run the binary as `nobody` then.
    let mut command = if std::fs::read_dir(&locked).is_ok() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(common::bin());
        c
    } else {
        Command::new(common::bin())
    };
    let out = command
        .args(["quotes", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "one unreadable subfolder must not abort: {stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"id\":\"one\""), "{stdout}");
    assert!(!stdout.contains("Sybiha"), "{stdout}");
    assert!(
        stderr.contains("locked") && stderr.contains("cannot read folder"),
        "the warning must name the subfolder: {stderr}"
    );
}

#[test]
fn an_article_past_the_size_cap_is_skipped_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("feed.jsonl");
    let big = "word ".repeat(2_000);
    std::fs::write(
        &jsonl,
        format!(
            "{{\"id\": \"a\", \"text\": \"Small one.\"}}\n{{\"id\": \"big\", \"text\": \"{big}\"}}\n{{\"id\": \"c\", \"text\": \"Small two.\"}}\n"
        ),
    )
    .unwrap();
    let txt = dir.path().join("huge.txt");
    std::fs::write(&txt, &big).unwrap();
    let reader = ArticleReader::open(&[jsonl, txt], true)
        .unwrap()
        .with_max_article_bytes(1_000);
    let (articles, skipped) = read_with(reader);
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0].contains("feed.jsonl:2") && skipped[0].contains("too large"));
    assert!(skipped[1].contains("huge.txt") && skipped[1].contains("too large"));
}

#[test]
fn quotes_takes_the_size_cap_as_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("feed.jsonl");
    let big = "Peskov said NATO was an enemy. ".repeat(100);
    std::fs::write(
        &jsonl,
        format!(
            "{{\"id\": \"big\", \"text\": \"{big}\"}}\n{{\"id\": \"c\", \"text\": \"Small two.\"}}\n"
        ),
    )
    .unwrap();
    let out = run_with_limit(
        &[
            "quotes",
            jsonl.to_str().unwrap(),
            "--max-article-bytes",
            "500",
        ],
        Duration::from_secs(60),
    );
    common::assert_success(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("\"id\":\"big\"") && stdout.contains("\"id\":\"c\""));
    assert!(String::from_utf8_lossy(&out.stderr).contains("feed.jsonl:1"));
}
