//! Reading articles: plain-text files, JSON Lines, folders and stdin.
//!
//! A bad record (invalid UTF-8, empty text, malformed JSON) is reported as a
//! [`SkippedRecord`] naming the file and line, and reading goes on.

use crate::record::Article;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Where a record came from: a file (or `-` for stdin) and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    /// 1-based line number for JSON Lines; `None` for a whole-file article.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}", self.path.display(), l),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// A record that could not be read, and why.
#[derive(Debug, Clone)]
pub struct SkippedRecord {
    pub origin: Origin,
    pub reason: String,
}

impl fmt::Display for SkippedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped: {}", self.origin, self.reason)
    }
}

/// One item of input: an article or a record that was skipped.
pub type InputItem = std::result::Result<(Origin, Article), SkippedRecord>;

/// An input line of a `.jsonl` file: `text` is required, the rest optional.
#[derive(Deserialize)]
struct ArticleLine {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: Option<String>,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

/// Expand the command-line inputs into a sorted list of files (`-` stays as is).
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            files.push(input.clone());
        } else if input.is_dir() {
            let mut found = Vec::new();
            walk_dir(input, &mut found)
                .with_context(|| format!("cannot read folder {}", input.display()))?;
            found.sort();
            files.extend(found);
        } else if input.exists() {
            files.push(input.clone());
        } else {
            anyhow::bail!("{}: no such file or folder", input.display());
        }
    }
    Ok(files)
}

fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk_dir(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt") | Some("jsonl")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// True when `path` holds one article per line.
fn is_jsonl(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("jsonl")
}

/// Streams the articles of a list of files, one at a time (memory stays flat).
pub struct ArticleReader {
    files: std::vec::IntoIter<PathBuf>,
    current: Option<LineSource>,
    /// Whether stdin is JSON Lines (`true`) or one plain-text article.
    stdin_jsonl: bool,
}

struct LineSource {
    path: PathBuf,
    reader: Box<dyn BufRead>,
    line: usize,
}

impl ArticleReader {
    /// Read the given files and folders; stdin (`-`) is JSON Lines when `stdin_jsonl`.
    pub fn open(inputs: &[PathBuf], stdin_jsonl: bool) -> Result<Self> {
        Ok(ArticleReader {
            files: expand_inputs(inputs)?.into_iter(),
            current: None,
            stdin_jsonl,
        })
    }

    fn open_file(&mut self, path: PathBuf) -> Option<InputItem> {
        let is_stdin = path.as_os_str() == "-";
        if (is_stdin && self.stdin_jsonl) || (!is_stdin && is_jsonl(&path)) {
            let reader: Box<dyn BufRead> = if is_stdin {
                Box::new(BufReader::new(std::io::stdin()))
            } else {
                match std::fs::File::open(&path) {
                    Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                    Err(e) => return Some(Err(skip(&path, None, format!("cannot open: {e}")))),
                }
            };
            self.current = Some(LineSource {
                path,
                reader,
                line: 0,
            });
            return None;
        }
        let mut bytes = Vec::new();
        let read = if is_stdin {
            std::io::stdin().read_to_end(&mut bytes)
        } else {
            std::fs::File::open(&path).and_then(|mut f| f.read_to_end(&mut bytes))
        };
        if let Err(e) = read {
            return Some(Err(skip(&path, None, format!("cannot read: {e}"))));
        }
        let id = if is_stdin {
            "stdin".to_string()
        } else {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        Some(text_article(&path, None, bytes, id))
    }
}

fn skip(path: &Path, line: Option<usize>, reason: String) -> SkippedRecord {
    SkippedRecord {
        origin: Origin {
            path: path.to_path_buf(),
            line,
        },
        reason,
    }
}

/// Build an article from raw bytes, checking encoding and emptiness.
fn text_article(path: &Path, line: Option<usize>, bytes: Vec<u8>, id: String) -> InputItem {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line_no = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(skip(
                path,
                Some(line_no),
                format!("invalid UTF-8 at byte {at}"),
            ));
        }
    };
    if text.contains('\0') {
        return Err(skip(path, line, "binary data (NUL bytes), not text".into()));
    }
    if text.trim().is_empty() {
        return Err(skip(path, line, "empty text".into()));
    }
    let origin = Origin {
        path: path.to_path_buf(),
        line,
    };
    Ok((
        origin,
        Article {
            id,
            text,
            ..Default::default()
        },
    ))
}

/// Parse one JSON line into an article.
fn parse_line(path: &Path, line_no: usize, line: &str) -> InputItem {
    let parsed: ArticleLine = serde_json::from_str(line)
        .map_err(|e| skip(path, Some(line_no), format!("malformed JSON: {e}")))?;
    let text = parsed
        .text
        .ok_or_else(|| skip(path, Some(line_no), "no `text` field".into()))?;
    if text.trim().is_empty() {
        return Err(skip(path, Some(line_no), "empty text".into()));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = match parsed.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{stem}:{line_no}"),
    };
    let mut value = serde_json::Value::Object(parsed.rest);
    value["id"] = serde_json::Value::String(id);
    value["text"] = serde_json::Value::String(text);
    let article: Article = serde_json::from_value(value)
        .map_err(|e| skip(path, Some(line_no), format!("bad field: {e}")))?;
    Ok((
        Origin {
            path: path.to_path_buf(),
            line: Some(line_no),
        },
        article,
    ))
}

impl Iterator for ArticleReader {
    type Item = InputItem;

    fn next(&mut self) -> Option<InputItem> {
        loop {
            if let Some(src) = self.current.as_mut() {
                let mut buf = Vec::new();
                match src.reader.read_until(b'\n', &mut buf) {
                    Ok(0) => {
                        self.current = None;
                        continue;
                    }
                    Ok(_) => {
                        src.line += 1;
                        let line_no = src.line;
                        let path = src.path.clone();
                        let line = match String::from_utf8(buf) {
                            Ok(l) => l,
                            Err(_) => {
                                return Some(Err(skip(
                                    &path,
                                    Some(line_no),
                                    "invalid UTF-8".into(),
                                )));
                            }
                        };
                        if line.trim().is_empty() {
                            continue;
                        }
                        return Some(parse_line(&path, line_no, line.trim_end()));
                    }
                    Err(e) => {
                        let item = skip(&src.path, Some(src.line + 1), format!("read error: {e}"));
                        self.current = None;
                        return Some(Err(item));
                    }
                }
            }
            let path = self.files.next()?;
            if let Some(item) = self.open_file(path) {
                return Some(item);
            }
        }
    }
}

/// Read every article, printing a warning on stderr for each skipped record.
pub fn read_all(inputs: &[PathBuf], stdin_jsonl: bool) -> Result<Vec<Article>> {
    let mut articles = Vec::new();
    let mut skipped = 0usize;
    for item in ArticleReader::open(inputs, stdin_jsonl)? {
        match item {
            Ok((_, a)) => articles.push(a),
            Err(s) => {
                skipped += 1;
                eprintln!("warning: {s}");
            }
        }
    }
    if articles.is_empty() {
        anyhow::bail!("no article could be read ({skipped} record(s) skipped)");
    }
    Ok(articles)
}
