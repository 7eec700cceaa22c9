//! The article as word pieces, and the overlapping windows the encoder reads.
//!
//! The article is tokenized once (code-point offsets, no truncation); windows are
//! ranges of word pieces: a core of whole sentences (up to [`CORE_TOKENS`]) that the
//! window predicts, with [`CONTEXT_TOKENS`] of context on each side that it only reads.
//! Every word piece lies in exactly one core, so no prediction is made twice.

use crate::record::{CharIndex, CharSpan};
use crate::segment::Document;
use anyhow::Result;
use std::ops::Range;
use tokenizers::Tokenizer;

/// Most word pieces a window predicts (whole sentences, unless one sentence is longer).
pub const CORE_TOKENS: usize = 128;
/// Word pieces of context read on each side of the core.
pub const CONTEXT_TOKENS: usize = 32;

/// The word pieces of an article (without `[CLS]`/`[SEP]`) and where each lies.
#[derive(Debug, Clone, Default)]
pub struct Pieces {
    pub ids: Vec<u32>,
    /// Code points of each piece in the article.
    pub spans: Vec<CharSpan>,
}

/// One encoder input: the pieces it reads and the ones it predicts (article indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub read: Range<usize>,
    pub core: Range<usize>,
}

impl Window {
    /// The sequence the encoder reads: `[CLS] pieces [SEP]`.
    pub fn input_ids(&self, pieces: &Pieces, cls: u32, sep: u32) -> Vec<u32> {
        let mut ids = Vec::with_capacity(self.read.len() + 2);
        ids.push(cls);
        ids.extend_from_slice(&pieces.ids[self.read.clone()]);
        ids.push(sep);
        ids
    }

    /// Row of article piece `p` in the encoder's output (after `[CLS]`).
    pub fn row_of(&self, p: usize) -> usize {
        p - self.read.start + 1
    }
}

/// Tokenize `text` once into word pieces with code-point spans. `tokenizer` must not
/// truncate (see [`untruncated`]).
pub fn pieces(tokenizer: &Tokenizer, text: &str) -> Result<Pieces> {
    let encoding = tokenizer
        .encode_char_offsets(text, false)
        .map_err(anyhow::Error::msg)?;
    let mut out = Pieces::default();
    for (&id, &(s, e)) in encoding.get_ids().iter().zip(encoding.get_offsets()) {
        if e > s {
            out.ids.push(id);
            out.spans.push(CharSpan::new(s, e));
        }
    }
    Ok(out)
}

/// A copy of `tokenizer` that never truncates or pads (whole articles are cut into
/// windows here instead).
pub fn untruncated(tokenizer: &Tokenizer) -> Result<Tokenizer> {
    let mut t = tokenizer.clone();
    t.with_truncation(None).map_err(anyhow::Error::msg)?;
    t.with_padding(None);
    Ok(t)
}

/// The first piece of each sentence of `text` (sorted, starting with 0).
fn sentence_starts(text: &str, pieces: &Pieces) -> Vec<usize> {
    let doc = Document::new(text);
    let chars = CharIndex::new(text);
    let mut starts = vec![0];
    for s in doc.sentences.iter().skip(1) {
        let c = chars.char_of(s.start);
        let p = pieces.spans.partition_point(|sp| sp.start < c);
        if p > *starts.last().unwrap_or(&0) && p < pieces.ids.len() {
            starts.push(p);
        }
    }
    starts
}

/// Cut the pieces of `text` into windows: cores of whole sentences up to
/// [`CORE_TOKENS`] pieces (a longer sentence is cut), each read with context.
pub fn windows(text: &str, pieces: &Pieces) -> Vec<Window> {
    let n = pieces.ids.len();
    if n == 0 {
        return Vec::new();
    }
    let mut bounds = sentence_starts(text, pieces);
    bounds.push(n);
    let mut cores: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for pair in bounds.windows(2) {
        let end = pair[1];
        if end - start > CORE_TOKENS && pair[0] > start {
            cores.push(start..pair[0]);
            start = pair[0];
        }
        while end - start > CORE_TOKENS {
            cores.push(start..start + CORE_TOKENS);
            start += CORE_TOKENS;
        }
    }
    if start < n {
        cores.push(start..n);
    }
    cores
        .into_iter()
        .map(|core| Window {
            read: core.start.saturating_sub(CONTEXT_TOKENS)..(core.end + CONTEXT_TOKENS).min(n),
            core,
        })
        .collect()
}
