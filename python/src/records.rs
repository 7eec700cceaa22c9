//! Records in and out: JSON text in the article format, read as `.jsonl` lines are.

use stancemap::ingest::{RecordIds, article_from_json};
use stancemap::record::Article;
use std::fmt;

/// What went wrong with a call: a record that cannot be read (its index in the call and
/// its id when it has one), or the run itself (a model that cannot load).
#[derive(Debug)]
pub enum RecordError {
    Bad {
        index: usize,
        id: Option<String>,
        reason: String,
    },
    Run(anyhow::Error),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Bad {
                index,
                id: Some(id),
                reason,
            } => write!(f, "record {index} (id {id:?}): {reason}"),
            RecordError::Bad { index, reason, .. } => write!(f, "record {index}: {reason}"),
            RecordError::Run(err) => write!(f, "{err:#}"),
        }
    }
}

/// The articles of `records`; a record without an id gets `text:HASH` (the rule of
/// a `.jsonl` line, with `text` for the file name).
pub fn parse_records(records: &[String]) -> Result<Vec<Article>, RecordError> {
    let mut ids = RecordIds::new("text");
    records
        .iter()
        .enumerate()
        .map(|(index, record)| {
            article_from_json(record, &mut ids).map_err(|reason| RecordError::Bad {
                index,
                id: record_id(record),
                reason,
            })
        })
        .collect()
}

/// Whether one record can be read (the error names it by `index` and id).
pub fn check_record(index: usize, record: &str) -> Result<(), RecordError> {
    parse_records(std::slice::from_ref(&record.to_string()))
        .map(|_| ())
        .map_err(|e| match e {
            RecordError::Bad { id, reason, .. } => RecordError::Bad { index, id, reason },
            other => other,
        })
}

/// The `id` of a record, when it has a readable one (also of a record that cannot
/// be read).
pub fn record_id(record: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(record).ok()?;
    match value.get("id")? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Each article as the JSON line `classify --format jsonl` writes (without the newline).
pub fn to_lines(articles: &[Article]) -> Result<Vec<String>, RecordError> {
    articles
        .iter()
        .map(|a| serde_json::to_string(a).map_err(|e| RecordError::Run(e.into())))
        .collect()
}
