//! Labeled (statement, speaker, target) pairs: reading pair files and finding
//! where the target is mentioned.

use crate::parties::Gazetteer;
use crate::record::{CharSpan, Pair};
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// One input to the stance classifier: a statement, who speaks, toward whom.
#[derive(Debug, Clone)]
pub struct StanceInput {
    /// The statement (or sentence).
    pub text: String,
    /// The holder of the stance, when known.
    pub speaker: Option<String>,
    /// The party the stance is toward (name as written, or canonical).
    pub target: String,
    /// Where the target is mentioned in `text` (code points); may be empty.
    pub target_spans: Vec<CharSpan>,
}

impl StanceInput {
    /// An input whose target mentions are found as the pipeline finds them: the
    /// gazetteer's mentions of the target party (aliases included: "the alliance" for
    /// NATO), plus the target as written, so training and use pool the same tokens.
    pub fn new(text: String, speaker: Option<String>, target: String, parties: &Gazetteer) -> Self {
        let mut target_spans = find_mentions(&text, &target);
        for m in parties.mentions(&text) {
            if m.party == target && !target_spans.iter().any(|s| s.overlaps(&m.span)) {
                target_spans.push(m.span);
            }
        }
        target_spans.sort_by_key(|s| s.start);
        StanceInput {
            text,
            speaker,
            target,
            target_spans,
        }
    }
}

/// Case-insensitive, word-bounded occurrences of `name` in `text` (code points).
///
/// Pair files give the target as written in the text where they can; when it is a
/// canonical name that does not occur, the classifier falls back to the name itself.
pub fn find_mentions(text: &str, name: &str) -> Vec<CharSpan> {
    let hay: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let needle: Vec<char> = name.trim().chars().flat_map(char::to_lowercase).collect();
    // Lowercasing can change lengths (rare: İ); offsets are only exact when it does not.
    if needle.is_empty() || hay.len() != text.chars().count() {
        return Vec::new();
    }
    let is_word = |c: char| c.is_alphanumeric();
    let mut spans = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            let before_ok = i == 0 || !is_word(hay[i - 1]);
            let end = i + needle.len();
            // Allow demonym-like suffixes ("Russia" in "Russian") but not mid-word starts.
            if before_ok {
                let mut e = end;
                while e < hay.len() && is_word(hay[e]) && e - end < 3 {
                    e += 1;
                }
                if e == hay.len() || !is_word(hay[e]) {
                    spans.push(CharSpan::new(i, e));
                    i = e;
                    continue;
                }
            }
        }
        i += 1;
    }
    spans
}

/// A labeled pair ready for training or scoring.
#[derive(Debug, Clone)]
pub struct LabeledPair {
    pub id: String,
    pub input: StanceInput,
    pub label: crate::record::StanceLabel,
}

/// A party the earlier stages offer as a target of a statement, and whether the gold
/// annotation lists it: what the relevance output learns from.
#[derive(Debug, Clone)]
pub struct TargetCandidate {
    pub id: String,
    pub input: StanceInput,
    pub is_target: bool,
}

/// Read a pair file, finding target mentions with `parties`; malformed lines are
/// reported on stderr (file:line) and skipped.
pub fn read_pairs(path: &Path, parties: &Gazetteer) -> Result<Vec<LabeledPair>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut pairs = Vec::new();
    for (i, line) in BufReader::new(file).split(b'\n').enumerate() {
        let line_no = i + 1;
        let bytes = line.with_context(|| format!("{}:{line_no}: read error", path.display()))?;
        let Ok(text) = std::str::from_utf8(crate::ingest::strip_bom_bytes(&bytes)) else {
            eprintln!(
                "warning: {}:{line_no}: skipped: invalid UTF-8",
                path.display()
            );
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let pair: Pair = match serde_json::from_str(text) {
            Ok(p) => p,
            Err(e) => {
                eprintln!(
                    "warning: {}:{line_no}: skipped: malformed pair: {e}",
                    path.display()
                );
                continue;
            }
        };
        let Some(label) = pair.label else {
            eprintln!("warning: {}:{line_no}: skipped: no label", path.display());
            continue;
        };
        pairs.push(LabeledPair {
            id: pair.id,
            input: StanceInput::new(pair.text, pair.speaker, pair.target, parties),
            label,
        });
    }
    Ok(pairs)
}

/// True when the first line of `path` looks like a pair record (has `target`, no `statements`).
pub fn is_pair_file(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = String::new();
    if BufReader::new(file).read_line(&mut first).is_err() {
        return false;
    }
    match serde_json::from_str::<serde_json::Value>(crate::ingest::strip_bom(&first)) {
        Ok(v) => v.get("target").is_some() && v.get("statements").is_none(),
        Err(_) => false,
    }
}
