//! Streaming article output (every format) and the `--resume` path.

use stancemap::ingest::ArticleReader;
use stancemap::record::Article;
use stancemap::report::{
    ArticleWriter, OutputFormat, STATEMENT_COLUMNS, read_done_ids, statement_rows,
    trim_partial_line,
};
use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/classified.jsonl")
}

fn articles() -> Vec<Article> {
    ArticleReader::open(&[fixture()], false)
        .unwrap()
        .map(|item| item.unwrap().1)
        .collect()
}

/// Rows the row formats must write: one per stance, one per untargeted statement.
fn expected_rows() -> usize {
    articles().iter().map(|a| statement_rows(a).len()).sum()
}

fn write_all(format: OutputFormat) -> String {
    let mut w = ArticleWriter::new(Vec::new(), format).unwrap();
    for a in articles() {
        w.write(&a).unwrap();
    }
    String::from_utf8(w.finish().unwrap()).unwrap()
}

/// A writer whose bytes stay readable while the `ArticleWriter` owns it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn fixture_has_what_the_tests_need() {
    let arts = articles();
    assert_eq!(arts.len(), 7);
    assert_eq!(arts.iter().filter(|a| a.date.is_none()).count(), 1);
    let untargeted = arts
        .iter()
        .flat_map(|a| &a.statements)
        .filter(|s| s.targets.is_empty());
    assert_eq!(untargeted.count(), 1);
    // Offsets are code points into the text.
    for a in &arts {
        for s in &a.statements {
            let content: String = a.text.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(content, s.content, "{}", a.id);
        }
    }
    // 18 stances plus the one untargeted statement.
    assert_eq!(expected_rows(), 19);
}

#[test]
fn jsonl_round_trips_through_the_article_reader() {
    let text = write_all(OutputFormat::Jsonl);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    std::fs::write(&path, &text).unwrap();
    let back: Vec<Article> = ArticleReader::open(&[path], false)
        .unwrap()
        .map(|i| i.unwrap().1)
        .collect();
    let orig = articles();
    assert_eq!(back.len(), orig.len());
    for (b, o) in back.iter().zip(&orig) {
        assert_eq!(b.id, o.id);
        assert_eq!(b.date, o.date);
        assert_eq!(
            serde_json::to_value(&b.statements).unwrap(),
            serde_json::to_value(&o.statements).unwrap()
        );
    }
}

#[test]
fn json_is_one_valid_array_and_empty_array_when_nothing_written() {
    let value: serde_json::Value = serde_json::from_str(&write_all(OutputFormat::Json)).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(items[4]["id"], "undated-op-ed");
    let empty = ArticleWriter::new(Vec::new(), OutputFormat::Json)
        .unwrap()
        .finish()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&empty).unwrap();
    assert_eq!(value, serde_json::json!([]));
}

#[test]
fn csv_and_tsv_have_one_row_per_statement_and_target() {
    for (format, delim) in [(OutputFormat::Csv, b','), (OutputFormat::Tsv, b'\t')] {
        let text = write_all(format);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delim)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers, STATEMENT_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), expected_rows());
        let col = |name| STATEMENT_COLUMNS.iter().position(|c| *c == name).unwrap();
        let analyst: Vec<_> = rows
            .iter()
            .filter(|r| &r[col("speaker")] == "An analyst")
            .collect();
        assert_eq!(analyst.len(), 1);
        assert_eq!(&analyst[0][col("target")], "");
        assert_eq!(&analyst[0][col("label")], "");
        // The quoted statement keeps its pipe, quotes and angle brackets intact.
        let quoted = rows
            .iter()
            .find(|r| &r[col("article_id")] == "escaping-check")
            .unwrap();
        assert!(quoted[col("content")].contains("NATO | the West <and>"));
        assert_eq!(&quoted[col("confidence")], "0.74");
    }
}

#[test]
fn markdown_is_a_pipe_table_with_escaped_pipes() {
    let text = write_all(OutputFormat::Markdown);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + expected_rows());
    assert!(lines[1].starts_with("| --- |"));
    // Every line has the same number of unescaped separators.
    let seps = |l: &str| l.replace("\\|", "").matches('|').count();
    assert!(lines.iter().all(|l| seps(l) == STATEMENT_COLUMNS.len() + 1));
    assert!(text.contains("NATO \\| the West"));
}

#[test]
fn terminal_table_has_a_line_per_row_and_cuts_long_content() {
    let text = write_all(OutputFormat::Table);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + expected_rows());
    assert!(lines[0].contains("speaker") && lines[0].contains("content"));
    // The rule under the header spans the full width; no row is wider.
    let full = lines[1].chars().count();
    assert!(lines.iter().all(|l| l.chars().count() <= full), "{text}");
    assert!(
        !text.contains('…'),
        "the fixture's short fields are not cut"
    );

    let mut long = articles().remove(0);
    long.statements.truncate(1);
    long.statements[0].content = "word ".repeat(60);
    long.statements[0].speaker = "A Speaker With A Very Long Name Indeed".into();
    let mut w = ArticleWriter::new(Vec::new(), OutputFormat::Table).unwrap();
    w.write(&long).unwrap();
    let text = String::from_utf8(w.finish().unwrap()).unwrap();
    let row = text.lines().nth(2).unwrap();
    assert_eq!(row.matches('…').count(), 2, "{row}");
    assert_eq!(
        row.chars().count(),
        text.lines().nth(1).unwrap().chars().count()
    );
}

#[test]
fn each_article_reaches_the_output_as_soon_as_it_is_written() {
    for format in [
        OutputFormat::Jsonl,
        OutputFormat::Csv,
        OutputFormat::Tsv,
        OutputFormat::Markdown,
    ] {
        let sink = Shared::default();
        let mut w = ArticleWriter::new(sink.clone(), format).unwrap();
        let mut rows_so_far = 0;
        for (i, a) in articles().iter().enumerate() {
            w.write(a).unwrap();
            rows_so_far += statement_rows(a).len();
            let written = String::from_utf8(sink.0.borrow().clone()).unwrap();
            let lines = written.lines().count();
            let expected = match format {
                OutputFormat::Jsonl => i + 1,
                OutputFormat::Markdown => 2 + rows_so_far,
                _ => 1 + rows_so_far,
            };
            assert_eq!(lines, expected, "{format:?} after article {i}");
        }
    }
}

#[test]
fn resume_after_a_run_killed_midway() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("classified.jsonl");
    let all = articles();
    // A first run writes three articles, then dies halfway through the fourth line.
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut w = ArticleWriter::new(file, OutputFormat::Jsonl).unwrap();
        for a in &all[..3] {
            w.write(a).unwrap();
        }
        let mut file = w.finish().unwrap();
        let line = serde_json::to_string(&all[3]).unwrap();
        file.write_all(&line.as_bytes()[..line.len() / 2]).unwrap();
    }
    let done = read_done_ids(&path).unwrap();
    let expected: std::collections::HashSet<String> =
        all[..3].iter().map(|a| a.id.clone()).collect();
    assert_eq!(done, expected, "the partial fourth line does not count");

    let removed = trim_partial_line(&path).unwrap();
    let half = serde_json::to_string(&all[3]).unwrap().len() / 2;
    assert_eq!(removed as usize, half);
    assert_eq!(trim_partial_line(&path).unwrap(), 0, "nothing more to trim");

    // The second run skips what is done and appends the rest.
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    let mut w = ArticleWriter::append(file, OutputFormat::Jsonl).unwrap();
    for a in all.iter().filter(|a| !done.contains(&a.id)) {
        w.write(a).unwrap();
    }
    w.finish().unwrap();

    let ids: Vec<String> = ArticleReader::open(std::slice::from_ref(&path), false)
        .unwrap()
        .map(|i| i.unwrap().1.id)
        .collect();
    let want: Vec<String> = all.iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids, want, "every article once, in order, every line valid");
    assert_eq!(read_done_ids(&path).unwrap().len(), all.len());
}

#[test]
fn resume_ignores_a_missing_file_and_damaged_lines() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.jsonl");
    assert!(read_done_ids(&missing).unwrap().is_empty());
    assert_eq!(trim_partial_line(&missing).unwrap(), 0);

    let path = dir.path().join("damaged.jsonl");
    let lines = [
        r#"{"id":"a","text":"x"}"#,
        "{not json",
        r#"{"text":"no id"}"#,
        r#"{"id":7,"text":"y"}"#,
    ];
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let done = read_done_ids(&path).unwrap();
    let want: std::collections::HashSet<String> =
        ["a", "7"].iter().map(|s| s.to_string()).collect();
    assert_eq!(done, want);
}

#[test]
fn json_cannot_be_resumed() {
    assert!(ArticleWriter::append(Vec::new(), OutputFormat::Json).is_err());
    assert!(OutputFormat::Jsonl.supports_resume());
    assert!(!OutputFormat::Csv.supports_resume());
}
