//! `stancemap export` through the binary: every table in every format, the HTML page,
//! the filters, and input with a bad record in the middle.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FORMATS: [&str; 4] = ["csv", "tsv", "json", "markdown"];

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/classified.jsonl")
}

fn export(from: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .arg("export")
        .arg("--from")
        .arg(from)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Any export format parsed back into a header and rows of strings.
fn parse(format: &str, text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    match format {
        "csv" | "tsv" => {
            let delim = if format == "csv" { b',' } else { b'\t' };
            let mut r = csv::ReaderBuilder::new()
                .delimiter(delim)
                .from_reader(text.as_bytes());
            let header = r.headers().unwrap().iter().map(String::from).collect();
            let rows = r
                .records()
                .map(|x| x.unwrap().iter().map(String::from).collect())
                .collect();
            (header, rows)
        }
        "json" => {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            let objects = v.as_array().unwrap();
            // Keys in the order written (one object per line), to check column order too.
            let mut header: Vec<String> = match objects.first() {
                Some(o) => o.as_object().unwrap().keys().cloned().collect(),
                None => Vec::new(),
            };
            let first_line = text.lines().nth(1).unwrap_or("");
            let at = |k: &String| {
                first_line
                    .find(&format!("{}:", serde_json::json!(k)))
                    .unwrap()
            };
            header.sort_by_key(at);
            let cell = |v: &serde_json::Value| match v {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let rows = objects
                .iter()
                .map(|o| header.iter().map(|h| cell(&o[h.as_str()])).collect())
                .collect();
            (header, rows)
        }
        "markdown" => {
            let split = |line: &str| -> Vec<String> {
                let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
                inner
                    .replace("\\|", "\u{0}")
                    .split('|')
                    // As a Markdown renderer shows the cell: entities decoded.
                    .map(|c| {
                        c.trim()
                            .replace('\u{0}', "|")
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&amp;", "&")
                    })
                    .collect()
            };
            let mut lines = text.lines();
            let header = split(lines.next().unwrap());
            let rule = lines.next().unwrap();
            assert!(rule.starts_with("| --- |"), "{rule}");
            (header, lines.map(split).collect())
        }
        other => panic!("unknown format {other}"),
    }
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn as_f64(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

#[test]
fn every_table_in_every_format_agrees() {
    for format in FORMATS {
        let text = ok(&export(
            &fixture(),
            &["--table", "statements", "--format", format],
        ));
        let (h, rows) = parse(format, &text);
        assert_eq!(
            rows.len(),
            19,
            "{format}: 18 stances + 1 untargeted statement"
        );
        assert!(rows.iter().all(|r| r.len() == h.len()), "{format}");
        let quoted = rows
            .iter()
            .find(|r| r[column(&h, "article_id")] == "escaping-check")
            .unwrap();
        assert_eq!(
            quoted[column(&h, "content")],
            "\"NATO | the West <and> its 'partners' & co are escalating.\"",
            "{format}"
        );
        assert_eq!(quoted[column(&h, "start")], "23", "{format}");

        let text = ok(&export(
            &fixture(),
            &["--table", "dyads", "--format", format],
        ));
        let (h, rows) = parse(format, &text);
        assert_eq!(rows.len(), 13, "{format}");
        let first = &rows[0];
        assert_eq!(first[column(&h, "speaker_party")], "Russia");
        assert_eq!(first[column(&h, "target")], "NATO");
        assert_eq!(first[column(&h, "hostile")], "4", "{format}");
        assert_eq!(first[column(&h, "neutral")], "1", "{format}");
        assert_eq!(first[column(&h, "articles")], "5", "{format}");
        assert!(
            (as_f64(&first[column(&h, "net_score")]) + 0.8).abs() < 1e-9,
            "{format}"
        );
        assert!((as_f64(&first[column(&h, "mean_confidence")]) - 0.79).abs() < 1e-4);

        let text = ok(&export(
            &fixture(),
            &["--table", "matrix", "--format", format],
        ));
        let (h, rows) = parse(format, &text);
        assert_eq!(h[0], "speaker_party");
        assert_eq!(
            h.len(),
            6,
            "{format}: NATO, Russia, Ukraine, Germany, United States"
        );
        assert_eq!(rows.len(), 7, "{format}: 6 parties and unknown");
        let russia = rows.iter().find(|r| r[0] == "Russia").unwrap();
        assert!((as_f64(&russia[column(&h, "NATO")]) + 0.8).abs() < 1e-9);
        assert!((as_f64(&russia[column(&h, "Ukraine")]) + 0.5).abs() < 1e-9);
        assert_eq!(
            russia[column(&h, "Russia")],
            "",
            "{format}: no Russia -> Russia dyad"
        );

        let text = ok(&export(
            &fixture(),
            &["--table", "timeline", "--format", format],
        ));
        let (h, rows) = parse(format, &text);
        assert_eq!(h[0], "period");
        let total: f64 = rows.iter().map(|r| as_f64(&r[column(&h, "total")])).sum();
        assert_eq!(total, 18.0, "{format}: every stance in some week");
        assert_eq!(rows.last().unwrap()[0], "undated");
    }
}

#[test]
fn timeline_by_month_and_day() {
    let text = ok(&export(
        &fixture(),
        &["--table", "timeline", "--by", "month"],
    ));
    let (h, rows) = parse("csv", &text);
    let mut periods: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    periods.dedup();
    assert_eq!(periods, ["2024-07", "2024-08", "undated"]);
    let july_russia_nato = rows
        .iter()
        .find(|r| r[0] == "2024-07" && r[1] == "Russia" && r[2] == "NATO")
        .unwrap();
    assert_eq!(july_russia_nato[column(&h, "hostile")], "3");
    let text = ok(&export(&fixture(), &["--table", "timeline", "--by", "day"]));
    let (_, rows) = parse("csv", &text);
    let days: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(days.len(), 7, "six dates and undated");
}

#[test]
fn html_page_is_self_contained_escaped_and_small() {
    let dir = tempfile::tempdir().unwrap();
    let page_path = dir.path().join("report.html");
    let out = export(
        &fixture(),
        &[
            "--table",
            "statements",
            "--format",
            "html",
            "--out",
            page_path.to_str().unwrap(),
        ],
    );
    assert!(ok(&out).is_empty(), "--out leaves stdout empty");
    let page = std::fs::read_to_string(&page_path).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    for external in [
        "http://", "https://", "src=", "<link", "@import", "url(", "//cdn",
    ] {
        assert!(
            !page.contains(external),
            "page refers to something outside: {external}"
        );
    }
    assert!(page.len() < 32 * 1024, "page is {} bytes", page.len());
    // Text is escaped: the quoted statement's markup appears as text only.
    assert!(page.contains("NATO | the West &lt;and&gt; its &#39;partners&#39; &amp; co"));
    assert!(!page.contains("<and>"));
    // One heat-map cell and one statements section per dyad, linked by id.
    assert_eq!(page.matches("<details id=\"c").count(), 13);
    assert_eq!(page.matches("<td style=\"background:").count(), 13);
    assert!(page.contains("Russia &rarr; NATO: 5 stances, net -0.8"));
    assert!(page.contains("href=\"#c0-0\"") && page.contains("<details id=\"c0-0\" open>"));
    // Statement behind the Russia -> NATO cell, with speaker, label and confidence.
    assert!(page.contains("hostile 0.95</span> <b>Maria Zakharova</b>"));
}

#[test]
fn html_honours_filters() {
    let out = export(&fixture(), &["--format", "html", "--party", "Germany"]);
    let page = ok(&out);
    assert_eq!(
        page.matches("<details id=\"c").count(),
        2,
        "Germany -> Ukraine, Russia -> Germany"
    );
    assert!(page.contains("Filtered: party Germany."));
    assert!(!page.contains("Zakharova"));
}

#[test]
fn filters_through_the_command_line() {
    let text = ok(&export(
        &fixture(),
        &["--table", "statements", "--speaker", "zelensky"],
    ));
    let (h, rows) = parse("csv", &text);
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r[column(&h, "speaker")] == "Volodymyr Zelensky")
    );

    let text = ok(&export(
        &fixture(),
        &["--table", "statements", "--min-confidence", "0.9"],
    ));
    let (h, rows) = parse("csv", &text);
    // .91 .95 .93 .90 .97: the untargeted statement has no confidence and is dropped.
    assert_eq!(rows.len(), 5);
    assert!(
        rows.iter()
            .all(|r| as_f64(&r[column(&h, "confidence")]) >= 0.9)
    );

    let text = ok(&export(
        &fixture(),
        &["--table", "dyads", "--party", "ukraine"],
    ));
    let (h, rows) = parse("csv", &text);
    for r in &rows {
        assert!(
            r[column(&h, "speaker_party")] == "Ukraine" || r[column(&h, "target")] == "Ukraine"
        );
    }
    // Russia, Germany, Turkey -> Ukraine; Ukraine -> NATO, Russia.
    assert_eq!(rows.len(), 5);

    let bad = export(&fixture(), &["--min-confidence", "1.5"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--min-confidence"));
}

#[test]
fn a_bad_record_midway_is_reported_and_the_rest_exported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.jsonl");
    let good = std::fs::read_to_string(fixture()).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(3, "{\"id\": \"cut-off\", \"text\": \"Peskov said");
    lines.insert(5, "{\"id\": \"no-text\", \"statements\": []}");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();

    let out = export(&path, &["--table", "dyads"]);
    let text = ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.jsonl:4: skipped"), "{stderr}");
    assert!(stderr.contains("broken.jsonl:6: skipped"), "{stderr}");
    assert!(
        stderr.contains("2 record(s) skipped, 7 article(s) exported"),
        "{stderr}"
    );
    let want = ok(&export(&fixture(), &["--table", "dyads"]));
    assert_eq!(
        text, want,
        "the good records give the same table as the clean file"
    );
}

#[test]
fn nothing_readable_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.jsonl");
    std::fs::write(&path, "not json\n").unwrap();
    let out = export(&path, &["--table", "dyads"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article could be read"));
    let missing = export(&dir.path().join("missing.jsonl"), &[]);
    assert!(!missing.status.success());
}

#[test]
fn reads_stdin_with_dash() {
    let input = std::fs::read(fixture()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args([
            "export", "--from", "-", "--table", "matrix", "--format", "json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    let (_, rows) = parse("json", &ok(&out));
    assert_eq!(rows.len(), 7);
}
