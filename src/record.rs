//! Typed records that flow through the pipeline and in and out of files.
//!
//! The article format is the one of `*.articles.jsonl` (see README.md): the output of
//! `quotes` and `classify` can be fed straight back into `eval`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open range of Unicode code points (`start` inclusive, `end` exclusive): the
/// unit of every offset in the records and in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CharSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl CharSpan {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        CharSpan { start, end }
    }

    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span holding both `self` and `other`.
    pub fn cover(&self, other: &CharSpan) -> CharSpan {
        CharSpan::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Number of code points shared with `other`.
    pub fn overlap(&self, other: &CharSpan) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }

    /// True when the two spans share at least one code point.
    pub fn overlaps(&self, other: &CharSpan) -> bool {
        self.overlap(other) > 0
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: &CharSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// This span counted from `origin` instead of from the start of the text.
    pub fn relative_to(&self, origin: usize) -> CharSpan {
        CharSpan::new(self.start - origin, self.end - origin)
    }
}

/// A half-open range of UTF-8 bytes: the unit of `str` slicing, used inside stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ByteSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl ByteSpan {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        ByteSpan { start, end }
    }

    /// As a range, for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The one conversion between byte and code-point offsets of a text, built once per text
/// (a binary search per lookup, so a stage stays linear in the article length).
///
/// Stored compactly, since it lives beside the whole article: the byte offset of every
/// [`CHARS_PER_BLOCK`]th char, and of each char its byte distance from that one (one
/// byte a char instead of eight).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of the first char of each block.
    block_starts: Vec<usize>,
    /// Byte offset of each char from the first char of its block.
    in_block: Vec<u8>,
    /// Byte length of the text (the offset one past its last char).
    len: usize,
}

/// Chars a block of [`CharIndex`] spans: 32 chars of at most 4 bytes keep every offset
/// inside a block under 256.
const CHARS_PER_BLOCK: usize = 32;

impl CharIndex {
    /// Index the chars of `text`.
    pub fn new(text: &str) -> Self {
        let mut block_starts = Vec::new();
        let mut in_block = Vec::with_capacity(text.len());
        let mut block_start = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % CHARS_PER_BLOCK == 0 {
                block_start = b;
                block_starts.push(b);
            }
            // At most 31 chars of at most 4 bytes lie between a char and its block's first.
            in_block.push((b - block_start) as u8);
        }
        in_block.shrink_to_fit();
        CharIndex {
            block_starts,
            in_block,
            len: text.len(),
        }
    }

    /// The number of chars.
    fn char_count(&self) -> usize {
        self.in_block.len()
    }

    /// Byte offset of char `i` (`char_count()` for the end of the text).
    fn start_of(&self, i: usize) -> usize {
        if i >= self.char_count() {
            return self.len;
        }
        self.block_starts[i / CHARS_PER_BLOCK] + usize::from(self.in_block[i])
    }

    /// Code-point offset of byte offset `byte` (a char boundary, or the next one after it):
    /// the number of char starts (the text end counting as one) before `byte`.
    pub fn char_of(&self, byte: usize) -> usize {
        let n = self.char_count();
        if byte > self.len {
            return n + 1;
        }
        let blocks_before = self.block_starts.partition_point(|&b| b < byte);
        let Some(block) = blocks_before.checked_sub(1) else {
            return 0;
        };
        let first = block * CHARS_PER_BLOCK;
        let last = (first + CHARS_PER_BLOCK).min(n);
        let base = self.block_starts[block];
        first + self.in_block[first..last].partition_point(|&off| base + usize::from(off) < byte)
    }

    /// Byte offset of code point `ch`, clamped to the text length.
    pub fn byte_of(&self, ch: usize) -> usize {
        self.start_of(ch)
    }

    /// The code points of a byte span.
    pub fn chars(&self, span: ByteSpan) -> CharSpan {
        CharSpan::new(self.char_of(span.start), self.char_of(span.end))
    }

    /// The bytes of a code-point span, clamped to the text.
    pub fn bytes(&self, span: CharSpan) -> ByteSpan {
        let end = self.byte_of(span.end);
        ByteSpan::new(self.byte_of(span.start).min(end), end)
    }
}

/// One news article, with the statements found in (or annotated for) it.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Article {
    /// Identifier, unique within a run (file stem or the `id` field).
    pub id: String,
    /// The whole text; all offsets count code points into it.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD` where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Publisher or outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Attributed statements, sorted by `start`.
    #[serde(default)]
    pub statements: Vec<Statement>,
    /// Any other fields of the input record, kept so they survive a round trip.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// How a statement's content is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// Enclosed in quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    #[default]
    Indirect,
    /// Reported speech that contains a quoted fragment.
    Mixed,
}

impl fmt::Display for StatementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
            StatementKind::Mixed => "mixed",
        })
    }
}

/// Something someone said (or is reported to have said) in an article.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Statement {
    /// Canonical full name of the speaker as the article gives it.
    pub speaker: String,
    /// The mention of the speaker nearest the cue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_mention: Option<CharSpan>,
    /// The party the speaker stands for (canonical name), when known.
    #[serde(default)]
    pub speaker_party: Option<String>,
    /// The attribution cue (`said`, `according to`, `accusing`); empty when none.
    #[serde(default)]
    pub cue: String,
    /// `text[start..end]` in code points.
    pub content: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub kind: StatementKind,
    /// Index of the sentence the content starts in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    /// Parties the statement concerns (canonical names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// The speaker's stance toward each target.
    #[serde(default)]
    pub stances: Vec<Stance>,
    /// Gold annotation: offsets of the speaker fragments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speaker_spans: Vec<[usize; 2]>,
    /// Gold annotation: offsets of the cue fragments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cue_spans: Vec<[usize; 2]>,
    /// Content fragments when the content is discontinuous.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<[usize; 2]>,
    /// Where the cue is (attribution adds it; the parties stage reads the cue's object).
    #[serde(skip)]
    pub cue_mention: Option<CharSpan>,
    /// The whole sentences holding the content and the speaker mention: what the stance
    /// model reads (attribution adds it).
    #[serde(skip)]
    pub window: Option<CharSpan>,
    /// Where each target is named inside `window` (the parties stage adds them; the
    /// stance stage pools their tokens).
    #[serde(skip)]
    pub target_mentions: Vec<TargetMention>,
}

/// A target party named inside a statement's window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetMention {
    /// Canonical party name, as in `Statement::targets`.
    pub target: String,
    /// Code points of the article.
    pub span: CharSpan,
}

impl Statement {
    /// The content span.
    pub fn span(&self) -> CharSpan {
        CharSpan::new(self.start, self.end)
    }
}

/// The three stance labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StanceLabel {
    Hostile,
    Conciliatory,
    Neutral,
}

impl StanceLabel {
    /// All labels, in the order of the classifier's outputs.
    pub const ALL: [StanceLabel; 3] = [
        StanceLabel::Hostile,
        StanceLabel::Conciliatory,
        StanceLabel::Neutral,
    ];

    /// Position in [`StanceLabel::ALL`] and in the classifier's outputs.
    pub fn index(self) -> usize {
        match self {
            StanceLabel::Hostile => 0,
            StanceLabel::Conciliatory => 1,
            StanceLabel::Neutral => 2,
        }
    }

    /// The label at output position `i`.
    pub fn from_index(i: usize) -> Option<Self> {
        StanceLabel::ALL.get(i).copied()
    }

    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            StanceLabel::Hostile => "hostile",
            StanceLabel::Conciliatory => "conciliatory",
            StanceLabel::Neutral => "neutral",
        }
    }
}

impl fmt::Display for StanceLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for StanceLabel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "hostile" => Ok(StanceLabel::Hostile),
            "conciliatory" => Ok(StanceLabel::Conciliatory),
            "neutral" => Ok(StanceLabel::Neutral),
            other => Err(format!(
                "unknown stance label `{other}` (expected hostile, conciliatory or neutral)"
            )),
        }
    }
}

/// Probabilities of the three labels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct StanceProbs {
    pub hostile: f32,
    pub conciliatory: f32,
    pub neutral: f32,
}

impl StanceProbs {
    /// From an array in [`StanceLabel::ALL`] order.
    pub fn from_array(p: [f32; 3]) -> Self {
        StanceProbs {
            hostile: p[0],
            conciliatory: p[1],
            neutral: p[2],
        }
    }

    /// As an array in [`StanceLabel::ALL`] order.
    pub fn to_array(self) -> [f32; 3] {
        [self.hostile, self.conciliatory, self.neutral]
    }

    /// The most probable label and its probability.
    pub fn argmax(self) -> (StanceLabel, f32) {
        let a = self.to_array();
        let mut best = 0;
        for i in 1..3 {
            if a[i] > a[best] {
                best = i;
            }
        }
        (StanceLabel::ALL[best], a[best])
    }
}

/// The speaker's stance toward one party.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stance {
    /// Canonical name of the party.
    pub target: String,
    pub label: StanceLabel,
    /// Probability of `label` (absent in gold data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probs: Option<StanceProbs>,
}

/// One labeled (statement, speaker, target) example of a `*.pairs.jsonl` file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pair {
    pub id: String,
    pub text: String,
    /// Holder of the stance; null when the source data has none.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The party the stance is taken toward, as written in the text where possible.
    pub target: String,
    /// Gold label; absent for pairs to be classified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<StanceLabel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// The text of `span` (code points), clamped to the text. Indexes the text: a stage
/// that slices many spans of one text builds a [`CharIndex`] once instead.
pub fn slice_chars(text: &str, span: CharSpan) -> &str {
    &text[CharIndex::new(text).bytes(span).range()]
}
