//! `--resume`: which articles an earlier (maybe killed) run already wrote to a jsonl output.
//!
//! An article counts as done only when its line is complete: valid JSON with an `id`,
//! ended by a newline. A run killed midway can leave a partial last line; it is not
//! counted, and [`trim_partial_line`] cuts it off before new lines are appended, so the
//! file stays valid JSON Lines and that article is classified again.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use stancemap::report::{ArticleWriter, OutputFormat, read_done_ids, trim_partial_line};
//! let path = std::path::Path::new("classified.jsonl");
//! let done = read_done_ids(path)?;
//! trim_partial_line(path)?;
//! let file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
//! let mut out = ArticleWriter::append(file, OutputFormat::Jsonl)?;
//! # let articles: Vec<stancemap::record::Article> = Vec::new();
//! for article in articles.iter().filter(|a| !done.contains(&a.id)) {
//!     out.write(article)?; // classify first
//! }
//! out.finish()?;
//! # Ok(())
//! # }
//! ```

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// Only the id of an output line; other fields are skipped by serde.
#[derive(Deserialize)]
struct IdOnly {
    id: serde_json::Value,
}

/// The ids of the articles on the complete lines of an existing jsonl output.
///
/// A missing file gives an empty set. Lines that are not valid articles (a partial
/// last line, or damage in the middle) are not counted, so those articles are redone.
pub fn read_done_ids(path: &Path) -> Result<HashSet<String>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot open {}", path.display())),
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut done = HashSet::new();
    let mut line = Vec::new();
    let mut line_no = 0usize;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {}:{}", path.display(), line_no + 1))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if line.last() != Some(&b'\n') {
            break; // a partial last line: not done
        }
        match serde_json::from_slice::<IdOnly>(&line) {
            Ok(IdOnly {
                id: serde_json::Value::String(id),
            }) => {
                done.insert(id);
            }
            Ok(IdOnly {
                id: serde_json::Value::Number(n),
            }) => {
                done.insert(n.to_string());
            }
            _ => {}
        }
    }
    Ok(done)
}

/// Cut off a last line that has no newline (left by a run killed while writing it).
///
/// Returns the number of bytes removed (0 when the file ends with a newline, is
/// empty or does not exist).
pub fn trim_partial_line(path: &Path) -> Result<u64> {
    let mut file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).with_context(|| format!("cannot open {}", path.display())),
    };
    let len = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    // Scan backwards in blocks for the last newline; lines can be long.
    const BLOCK: u64 = 1 << 16;
    let mut end = len;
    let mut keep = 0u64;
    let mut buf = vec![0u8; BLOCK as usize];
    while end > 0 {
        let start = end.saturating_sub(BLOCK);
        let chunk = &mut buf[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))
            .and_then(|_| file.read_exact(chunk))
            .with_context(|| format!("cannot read {}", path.display()))?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            keep = start + i as u64 + 1;
            break;
        }
        end = start;
    }
    if keep < len {
        file.set_len(keep)
            .with_context(|| format!("cannot truncate {}", path.display()))?;
    }
    Ok(len - keep)
}
