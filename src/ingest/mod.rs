//! Reading articles: plain-text files, JSON Lines, folders and stdin.
//!
//! A bad record (invalid UTF-8, empty text, malformed JSON, an article past the size
//! cap) is reported as a [`SkippedRecord`] naming the file and line, and reading goes on.
//!
//! An article without an `id` gets one that is stable and unique across the inputs:
//! the file's name (see [`InputFile::name`]) for a text file, and for a JSON line that
//! name, `:` and the first 12 hex digits of the sha256 of its text (`feed:3f2a9c1b7d4e`;
//! `.2`, `.3`, ... for the same text again in one file), so inserting a line moves no id.

mod lines;
mod walk;

pub use walk::{FileId, InputFile, Listed, file_id, list_inputs};

use crate::record::Article;
use anyhow::Result;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The default cap on one article: a text file, or a line of a `.jsonl` file.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 10 * 1024 * 1024;

/// The UTF-8 byte-order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading byte-order mark.
pub fn strip_bom_bytes(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// `text` without a leading byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Read a whole small text file (a cue or party list) as UTF-8 without its BOM.
pub fn read_text_file(path: &Path) -> std::io::Result<String> {
    let mut text = std::fs::read_to_string(path)?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

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
            Some(l) => write!(f, "{}:{}", printable_path(&self.path), l),
            None => write!(f, "{}", printable_path(&self.path)),
        }
    }
}

/// A path as shown in a warning: a file name can hold terminal escapes too.
fn printable_path(path: &Path) -> String {
    crate::terminal::printable(&path.display().to_string()).into_owned()
}

/// A record that could not be read, and why.
#[derive(Debug, Clone)]
pub struct SkippedRecord {
    pub origin: Origin,
    pub reason: String,
}

impl fmt::Display for SkippedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // serde errors can quote the record, escapes included.
        let reason = crate::terminal::printable(&self.reason);
        write!(f, "{}: skipped: {reason}", self.origin)
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

/// Expand the command-line inputs into the files to read (`-` stays as is); folder
/// entries that cannot be read are left out (see [`list_inputs`] for them).
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    Ok(list_inputs(inputs)?
        .into_iter()
        .flatten()
        .map(|f| f.path)
        .collect())
}

/// True when `path` holds one article per line.
fn is_jsonl(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("jsonl")
}

/// Streams the articles of a list of files, one at a time (memory stays flat).
pub struct ArticleReader {
    files: std::vec::IntoIter<Listed>,
    current: Option<LineSource>,
    /// Whether stdin is JSON Lines (`true`) or one plain-text article.
    stdin_jsonl: bool,
    max_article_bytes: Option<u64>,
    bytes_read: u64,
    total_bytes: Option<u64>,
}

struct LineSource {
    path: PathBuf,
    reader: Box<dyn BufRead>,
    line: usize,
    ids: RecordIds,
}

/// Ids for the records of one source that have none: `name:hash` of the text, `.N`
/// for the same text again (see the module docs).
#[derive(Debug, Clone)]
pub struct RecordIds {
    name: String,
    /// How often each text hash was seen in this source.
    seen: HashMap<String, usize>,
}

impl RecordIds {
    /// Ids for the records of the source called `name` (a file name).
    pub fn new(name: impl Into<String>) -> Self {
        RecordIds {
            name: name.into(),
            seen: HashMap::new(),
        }
    }

    /// The id of a record without one: `name:hash` of its text, `.N` for a repeat.
    pub fn next_id(&mut self, text: &str) -> String {
        let hash = hex::encode(Sha256::digest(text.as_bytes()));
        let hash = &hash[..12];
        let seen = self.seen.entry(hash.to_string()).or_default();
        *seen += 1;
        match *seen {
            1 => format!("{}:{hash}", self.name),
            n => format!("{}:{hash}.{n}", self.name),
        }
    }
}

impl ArticleReader {
    /// Read the given files and folders; stdin (`-`) is JSON Lines when `stdin_jsonl`.
    /// No cap on the size of an article until [`ArticleReader::with_max_article_bytes`].
    pub fn open(inputs: &[PathBuf], stdin_jsonl: bool) -> Result<Self> {
        let listed = list_inputs(inputs)?;
        let total_bytes = listed
            .iter()
            .map(|l| l.as_ref().map_or(Some(0), |f| f.size))
            .sum();
        Ok(ArticleReader {
            files: listed.into_iter(),
            current: None,
            stdin_jsonl,
            max_article_bytes: None,
            bytes_read: 0,
            total_bytes,
        })
    }

    /// Skip (and report) any article larger than `max` bytes: a text file, or a line
    /// of a `.jsonl` file. The line is read past without being kept.
    pub fn with_max_article_bytes(mut self, max: u64) -> Self {
        self.max_article_bytes = Some(max);
        self
    }

    /// Bytes of input consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Total bytes of the inputs when every one is a regular file (none is stdin or a
    /// FIFO), known from the file sizes without reading them.
    pub fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    fn open_file(&mut self, file: InputFile) -> Option<InputItem> {
        let path = file.path;
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
                ids: RecordIds::new(file.name),
            });
            return None;
        }
        if let (Some(size), Some(max)) = (file.size, self.max_article_bytes)
            && size > max
        {
            self.bytes_read += size;
            return Some(Err(too_large(&path, None, max)));
        }
        let mut bytes = Vec::new();
        let limit = self
            .max_article_bytes
            .map_or(u64::MAX, |m| m.saturating_add(1));
        let read = if is_stdin {
            std::io::stdin().take(limit).read_to_end(&mut bytes)
        } else {
            std::fs::File::open(&path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
        };
        self.bytes_read += bytes.len() as u64;
        if let Err(e) = read {
            return Some(Err(skip(&path, None, format!("cannot read: {e}"))));
        }
        if let Some(max) = self.max_article_bytes
            && bytes.len() as u64 > max
        {
            return Some(Err(too_large(&path, None, max)));
        }
        if bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
        }
        Some(text_article(&path, None, bytes, file.name))
    }

    /// The next item of the current `.jsonl` source; `None` at its end.
    fn next_line(&mut self) -> Option<InputItem> {
        let src = self.current.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let read = lines::read_line(&mut src.reader, &mut buf, self.max_article_bytes);
            let line = match read {
                Ok(r) if r.consumed == 0 => {
                    self.current = None;
                    return None;
                }
                Ok(r) => r,
                Err(e) => {
                    let item = skip(&src.path, Some(src.line + 1), format!("read error: {e}"));
                    self.current = None;
                    return Some(Err(item));
                }
            };
            self.bytes_read += line.consumed as u64;
            src.line += 1;
            if let (true, Some(max)) = (line.too_long, self.max_article_bytes) {
                return Some(Err(too_large(&src.path, Some(src.line), max)));
            }
            let bytes = if src.line == 1 {
                strip_bom_bytes(&buf)
            } else {
                &buf[..]
            };
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Some(Err(skip(&src.path, Some(src.line), "invalid UTF-8".into())));
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(parse_line(src, text.trim_end()));
        }
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

fn too_large(path: &Path, line: Option<usize>, max: u64) -> SkippedRecord {
    skip(
        path,
        line,
        format!("article too large (over {max} bytes; see --max-article-bytes)"),
    )
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
fn parse_line(src: &mut LineSource, line: &str) -> InputItem {
    let origin = Origin {
        path: src.path.clone(),
        line: Some(src.line),
    };
    match article_from_json(line, &mut src.ids) {
        Ok(article) => Ok((origin, article)),
        Err(reason) => Err(SkippedRecord { origin, reason }),
    }
}

/// One record in the article format (a JSON object with `text`; `id` and the rest
/// optional), as a line of a `.jsonl` file is read; a record without an id gets one
/// from `ids`. The error says what is wrong with the record.
pub fn article_from_json(
    record: &str,
    ids: &mut RecordIds,
) -> std::result::Result<Article, String> {
    let parsed: ArticleLine =
        serde_json::from_str(record).map_err(|e| format!("malformed JSON: {e}"))?;
    let text = parsed.text.ok_or("no `text` field")?;
    if text.trim().is_empty() {
        return Err("empty text".into());
    }
    let id = match parsed.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => ids.next_id(&text),
    };
    let mut value = serde_json::Value::Object(parsed.rest);
    value["id"] = serde_json::Value::String(id);
    value["text"] = serde_json::Value::String(text);
    serde_json::from_value(value).map_err(|e| format!("bad field: {e}"))
}

impl Iterator for ArticleReader {
    type Item = InputItem;

    fn next(&mut self) -> Option<InputItem> {
        loop {
            if self.current.is_some() {
                match self.next_line() {
                    Some(item) => return Some(item),
                    None => continue,
                }
            }
            match self.files.next()? {
                Ok(file) => {
                    if let Some(item) = self.open_file(file) {
                        return Some(item);
                    }
                }
                Err(skipped) => return Some(Err(skipped)),
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
