//! From tagged spans to statements: link each content to the nearest cue and the
//! source nearest that cue, and join the contents one cue introduces (`"A," he said,
//! "B."`) or that run on into the next paragraph without a cue of their own.

use super::tags::TaggedSpan;
use crate::record::{CharIndex, CharSpan, Statement, StatementKind};
use crate::segment::{Document, is_quote_char, whole_sentences};

/// Farthest a cue may lie from its content, in code points.
const CUE_REACH: usize = 160;
/// Farthest a source may lie from its cue (or, without a cue, from the content).
const SOURCE_REACH: usize = 120;

/// The spans the tagger found in one article.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    pub contents: Vec<TaggedSpan>,
    pub cues: Vec<TaggedSpan>,
    pub sources: Vec<TaggedSpan>,
}

/// A statement as linked from spans, before it becomes a record.
#[derive(Debug, Clone)]
pub struct Linked {
    pub parts: Vec<CharSpan>,
    pub cue: Option<CharSpan>,
    pub source: Option<CharSpan>,
    /// Mean in-span probability of the statement's first content span.
    pub confidence: f32,
}

impl Linked {
    pub fn span(&self) -> CharSpan {
        CharSpan::new(
            self.parts.first().map_or(0, |p| p.start),
            self.parts.last().map_or(0, |p| p.end),
        )
    }
}

/// Code points between two spans (0 when they touch or overlap).
fn gap(a: CharSpan, b: CharSpan) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The nearest of `spans` to `to` within `reach`, outside `outside`.
fn nearest(spans: &[TaggedSpan], to: CharSpan, outside: CharSpan, reach: usize) -> Option<usize> {
    spans
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.span.overlaps(&outside) && gap(s.span, to) <= reach)
        .min_by_key(|(_, s)| (gap(s.span, to), s.span.start))
        .map(|(i, _)| i)
}

/// True when only spaces, line breaks and quotation marks separate `a` and `b`.
fn runs_on(text_chars: &[char], a: CharSpan, b: CharSpan) -> bool {
    a.end <= b.start
        && text_chars[a.end..b.start]
            .iter()
            .all(|&c| c.is_whitespace() || is_quote_char(c))
}

/// Link the tagged spans of an article into statements (sorted by start). A content
/// with neither a cue nor a source in reach continues the statement before it when
/// only white space lies between them, and is dropped otherwise.
pub fn link(text: &str, tagged: &Tagged) -> Vec<Linked> {
    let text_chars: Vec<char> = text.chars().collect();
    let mut contents = tagged.contents.clone();
    contents.sort_by_key(|c| c.span.start);
    let mut out: Vec<Linked> = Vec::new();
    let mut by_cue: Vec<Option<usize>> = vec![None; tagged.cues.len()];
    for c in &contents {
        let cue = nearest(&tagged.cues, c.span, c.span, CUE_REACH);
        if let Some(k) = cue
            && let Some(s) = by_cue[k]
        {
            out[s].parts.push(c.span);
            continue;
        }
        let anchor = cue.map_or(c.span, |k| tagged.cues[k].span);
        let reach = if cue.is_some() {
            SOURCE_REACH
        } else {
            CUE_REACH
        };
        let source = nearest(&tagged.sources, anchor, c.span, reach);
        if cue.is_none() && source.is_none() {
            if let Some(prev) = out.last_mut()
                && runs_on(&text_chars, prev.span(), c.span)
            {
                prev.parts.push(c.span);
            }
            continue;
        }
        if let Some(k) = cue {
            by_cue[k] = Some(out.len());
        }
        out.push(Linked {
            parts: vec![c.span],
            cue: cue.map(|k| tagged.cues[k].span),
            source: source.map(|k| tagged.sources[k].span),
            confidence: c.confidence,
        });
    }
    for l in &mut out {
        l.parts.sort_by_key(|p| p.start);
    }
    out.sort_by_key(|l| l.span().start);
    out
}

/// Direct when the content is enclosed in quotation marks, mixed when it holds one.
pub fn kind_of(content: &str) -> StatementKind {
    let trimmed = content.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '"');
    let first = trimmed.chars().next().is_some_and(is_quote_char);
    let last = trimmed.chars().last().is_some_and(is_quote_char);
    if first && last && trimmed.chars().count() > 1 {
        StatementKind::Direct
    } else if content.chars().any(is_quote_char) {
        StatementKind::Mixed
    } else {
        StatementKind::Indirect
    }
}

/// The record of a linked statement; `speaker` is the resolved name of its source.
pub fn to_statement(
    doc: &Document,
    chars: &CharIndex,
    linked: &Linked,
    speaker: String,
) -> Statement {
    let text = doc.text;
    let span = linked.span();
    let slice = |s: CharSpan| text[chars.bytes(s).range()].to_string();
    let content = slice(span);
    let around = linked.source.map_or(span, |m| span.cover(&m));
    let bytes = chars.bytes(span);
    let sentence = doc.sentences.partition_point(|s| s.end <= bytes.start);
    Statement {
        speaker,
        speaker_mention: linked.source,
        cue: linked.cue.map(slice).unwrap_or_default(),
        kind: kind_of(&content),
        content,
        start: span.start,
        end: span.end,
        sentence: Some(sentence.min(doc.sentences.len().saturating_sub(1))),
        parts: if linked.parts.len() > 1 {
            linked.parts.iter().map(|p| [p.start, p.end]).collect()
        } else {
            Vec::new()
        },
        cue_mention: linked.cue,
        window: Some(chars.chars(whole_sentences(&doc.sentences, chars.bytes(around)))),
        ..Default::default()
    }
}
