//! The tags: three BIO layers (content, cue, source) per word piece, gold tags from
//! annotated statements, and tag probabilities back to spans.

use super::windows::Pieces;
use crate::record::{CharSpan, Statement};

/// The span kinds tagged, one BIO layer each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Content = 0,
    Cue = 1,
    Source = 2,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Content, Layer::Cue, Layer::Source];
}

/// Outside, begin, inside.
pub const O: u8 = 0;
pub const B: u8 = 1;
pub const I: u8 = 2;
/// Tags per layer, and logits per piece (layer-major: content O B I, cue O B I, ...).
pub const TAGS: usize = 3;
pub const LOGITS: usize = 3 * TAGS;

/// The gold tag of each piece in each layer. Nested spans of one layer (a statement
/// inside another's content) are tagged as the outer span.
pub fn gold_tags(pieces: &Pieces, statements: &[Statement]) -> Vec<[u8; 3]> {
    let mut spans: [Vec<CharSpan>; 3] = Default::default();
    for s in statements {
        if s.parts.is_empty() {
            spans[0].push(s.span());
        } else {
            spans[0].extend(s.parts.iter().map(|&[a, b]| CharSpan::new(a, b)));
        }
        spans[1].extend(s.cue_spans.iter().map(|&[a, b]| CharSpan::new(a, b)));
        spans[2].extend(s.speaker_spans.iter().map(|&[a, b]| CharSpan::new(a, b)));
    }
    let mut tags = vec![[O; 3]; pieces.spans.len()];
    for layer in Layer::ALL {
        let l = layer as usize;
        // Longest first, so an outer span claims its pieces before a nested one.
        let mut of_layer = spans[l].clone();
        of_layer.retain(|s| !s.is_empty());
        of_layer.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut owner: Vec<Option<usize>> = vec![None; pieces.spans.len()];
        for (k, span) in of_layer.iter().enumerate() {
            let from = pieces.spans.partition_point(|p| p.end <= span.start);
            for (p, piece) in pieces.spans.iter().enumerate().skip(from) {
                if piece.start >= span.end {
                    break;
                }
                // A piece belongs to a span when most of it lies inside.
                if owner[p].is_none() && 2 * piece.overlap(span) >= piece.len() {
                    owner[p] = Some(k);
                }
            }
        }
        for p in 0..owner.len() {
            tags[p][l] = match owner[p] {
                None => O,
                Some(k) if p > 0 && owner[p - 1] == Some(k) => I,
                Some(_) => B,
            };
        }
    }
    tags
}

/// A span read off the tags, with the mean in-span probability of its pieces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedSpan {
    pub span: CharSpan,
    /// Pieces `first..last` of the article.
    pub first: usize,
    pub last: usize,
    /// Mean probability, over its pieces, that a piece is in the span (`B` or `I`).
    pub confidence: f32,
}

/// Least in-span probability of a single piece between two in-span pieces that keeps
/// the span whole. The tagger is least sure on punctuation inside a span (the `'` of
/// `don't`, a comma), where a plain arg-max cuts the content in two; chosen on
/// news-gold dev and PolNeAR dev (0.2 to 0.4 score the same).
pub const GAP_MIN_INSIDE: f32 = 0.3;

/// The spans of one layer from per-piece probabilities (`LOGITS` per piece, softmaxed
/// per layer). A piece is in a span when `P(B) + P(I)` beats `P(O)`, or when it is a
/// single unsure piece (see [`GAP_MIN_INSIDE`]) between two that are; a span starts
/// anew where `P(B)` is above one half.
pub fn spans_of(pieces: &Pieces, probs: &[[f32; LOGITS]], layer: Layer) -> Vec<TaggedSpan> {
    let l = layer as usize * TAGS;
    let inside = |pr: &[f32; LOGITS]| pr[l + B as usize] + pr[l + I as usize];
    let is_in = |q: usize| probs.get(q).is_some_and(|pr| inside(pr) > pr[l]);
    let mut out: Vec<TaggedSpan> = Vec::new();
    // The first piece of the open span and the sum of its pieces' in-span probability.
    let mut open: Option<(usize, f32)> = None;
    let close = |open: &mut Option<(usize, f32)>, end: usize, out: &mut Vec<TaggedSpan>| {
        if let Some((first, sum)) = open.take() {
            out.push(TaggedSpan {
                span: CharSpan::new(pieces.spans[first].start, pieces.spans[end - 1].end),
                first,
                last: end,
                confidence: sum / (end - first) as f32,
            });
        }
    };
    // Only a piece that the same span goes on after can bridge: not one before a sure
    // new start.
    let continues = |q: usize| is_in(q) && probs[q][l + B as usize] <= 0.5;
    for (p, pr) in probs.iter().enumerate() {
        let p_in = inside(pr);
        let bridges = open.is_some() && p_in >= GAP_MIN_INSIDE && continues(p + 1);
        if !is_in(p) && !bridges {
            close(&mut open, p, &mut out);
            continue;
        }
        if open.is_some() && pr[l + B as usize] > 0.5 {
            close(&mut open, p, &mut out);
        }
        match open.as_mut() {
            Some((_, sum)) => *sum += p_in,
            None => open = Some((p, p_in)),
        }
    }
    close(&mut open, probs.len(), &mut out);
    out
}

/// Softmax of each layer's three logits, in place.
pub fn softmax_layers(logits: &mut [f32; LOGITS]) {
    for chunk in logits.chunks_exact_mut(TAGS) {
        let max = chunk.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut sum = 0.0;
        for v in chunk.iter_mut() {
            *v = (*v - max).exp();
            sum += *v;
        }
        chunk.iter_mut().for_each(|v| *v /= sum);
    }
}
