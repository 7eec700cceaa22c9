//! Turning stance inputs into encoder sequences and per-target token masks.

use super::data::StanceInput;
use crate::encoder::{Encoder, TokenBatch};
use crate::record::CharSpan;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How a (statement, target) reaches the encoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputMode {
    /// One pass per (statement, target): "speaker about target" paired with the statement.
    Pair,
    /// One pass per statement ("speaker" paired with it), each target pooled from its mentions (TD-BERT).
    Statement,
    /// One pass per (statement, target) as in `Pair`, with the target's mentions in the
    /// statement set off by marks (`<Russia>`), so every layer sees which party is asked about.
    Marked,
}

/// The marks around a target mention in `InputMode::Marked`: single word pieces of the
/// base vocabulary that news text seldom uses.
const MARK_OPEN: char = '<';
const MARK_CLOSE: char = '>';

/// The encoder sequence (first and second text) an input needs in `mode`.
pub(crate) fn sequence_texts(input: &StanceInput, mode: InputMode) -> (String, String) {
    let speaker = input.speaker.as_deref().unwrap_or("unknown");
    match mode {
        InputMode::Pair => (
            format!("{speaker} about {}", input.target),
            input.text.clone(),
        ),
        InputMode::Statement => (speaker.to_string(), input.text.clone()),
        InputMode::Marked => (
            format!("{speaker} about {}", input.target),
            marked_text(&input.text, &input.target_spans),
        ),
    }
}

/// The target mentions that get marks: inside the text (`len` code points), not empty,
/// in text order, none overlapping an earlier one.
fn markable_spans(spans: &[CharSpan], len: usize) -> Vec<CharSpan> {
    let mut sorted: Vec<CharSpan> = spans
        .iter()
        .filter(|s| s.start < s.end && s.end <= len)
        .copied()
        .collect();
    sorted.sort_by_key(|s| (s.start, s.end));
    let mut kept: Vec<CharSpan> = Vec::with_capacity(sorted.len());
    for span in sorted {
        if kept.last().is_none_or(|last| span.start >= last.end) {
            kept.push(span);
        }
    }
    kept
}

/// `text` with `MARK_OPEN` and `MARK_CLOSE` around each markable mention.
fn marked_text(text: &str, spans: &[CharSpan]) -> String {
    let spans = markable_spans(spans, text.chars().count());
    let mut out = String::with_capacity(text.len() + 2 * spans.len());
    let mut next = spans.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        if next.peek().is_some_and(|s| s.start == i) {
            out.push(MARK_OPEN);
        }
        out.push(c);
        if let Some(s) = next.peek()
            && s.end == i + 1
        {
            out.push(MARK_CLOSE);
            next.next();
        }
    }
    out
}

/// Where the marked mentions lie in `marked_text` (code points), marks included.
fn marked_spans(text: &str, spans: &[CharSpan]) -> Vec<CharSpan> {
    markable_spans(spans, text.chars().count())
        .iter()
        .enumerate()
        .map(|(i, s)| CharSpan::new(s.start + 2 * i, s.end + 2 * i + 2))
        .collect()
}

/// Unique sequences of a set of inputs and, for each input, which sequence it uses.
pub struct SequencePlan {
    pub sequences: Vec<(String, String)>,
    pub sequence_of: Vec<usize>,
}

/// Deduplicate the sequences of `inputs` (in statement mode targets share one).
pub fn plan_sequences(inputs: &[&StanceInput], mode: InputMode) -> SequencePlan {
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut sequences = Vec::new();
    let mut sequence_of = Vec::with_capacity(inputs.len());
    for input in inputs {
        let key = sequence_texts(input, mode);
        let next = sequences.len();
        let i = *index.entry(key.clone()).or_insert_with(|| {
            sequences.push(key);
            next
        });
        sequence_of.push(i);
    }
    SequencePlan {
        sequences,
        sequence_of,
    }
}

/// Tokenize `(first, second)` sequences with code-point offsets.
pub fn tokenize_sequences(encoder: &Encoder, sequences: &[(String, String)]) -> Result<TokenBatch> {
    let inputs: Vec<(&str, &str)> = sequences
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    encoder.tokenize(inputs)
}

/// The weights (summing to 1) over token positions that pool the target of `input`.
///
/// Tokens of the statement that overlap a target mention (with its marks in `Marked`
/// mode); failing that, the tokens
/// of the target's name in the first text (pair mode), or the whole statement.
pub fn target_weights(
    encoding: &tokenizers::Encoding,
    input: &StanceInput,
    mode: InputMode,
    len: usize,
) -> Vec<f32> {
    let offsets = encoding.get_offsets();
    let seq_ids = encoding.get_sequence_ids();
    let mut w = vec![0f32; len];
    let spans = match mode {
        InputMode::Marked => marked_spans(&input.text, &input.target_spans),
        InputMode::Pair | InputMode::Statement => input.target_spans.clone(),
    };
    // `Encoder::tokenize` gives code-point offsets, the unit of `target_spans`.
    for (t, (&(s, e), seq)) in offsets.iter().zip(&seq_ids).enumerate() {
        let token = CharSpan::new(s, e);
        if *seq == Some(1) && spans.iter().any(|sp| sp.overlaps(&token)) {
            w[t] = 1.0;
        }
    }
    if w.iter().all(|&x| x == 0.0) {
        let (first, _) = sequence_texts(input, mode);
        let name_start = match mode {
            InputMode::Pair | InputMode::Marked => {
                first.chars().count() - input.target.chars().count()
            }
            InputMode::Statement => usize::MAX,
        };
        for (t, (&(s, _), seq)) in offsets.iter().zip(&seq_ids).enumerate() {
            let in_name = *seq == Some(0) && s >= name_start;
            let fallback_all = mode == InputMode::Statement && *seq == Some(1);
            if in_name || fallback_all {
                w[t] = 1.0;
            }
        }
    }
    let total: f32 = w.iter().sum();
    if total > 0.0 {
        w.iter_mut().for_each(|x| *x /= total);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str, spans: &[(usize, usize)]) -> StanceInput {
        StanceInput {
            text: text.to_string(),
            speaker: Some("Russia".to_string()),
            target: "NATO".to_string(),
            target_spans: spans.iter().map(|&(s, e)| CharSpan::new(s, e)).collect(),
        }
    }

    #[test]
    fn marked_mode_sets_off_each_mention_and_pools_it_with_its_marks() {
        // "“NATO” and the alliance": a curly quote before the first mention.
        let text = "“NATO” threatens us, the alliance said.";
        let x = input(text, &[(21, 33), (1, 5)]);
        let (first, second) = sequence_texts(&x, InputMode::Marked);
        assert_eq!(first, "Russia about NATO");
        assert_eq!(second, "“<NATO>” threatens us, <the alliance> said.");
        let spans = marked_spans(&x.text, &x.target_spans);
        let chars: Vec<char> = second.chars().collect();
        let at = |s: &CharSpan| chars[s.start..s.end].iter().collect::<String>();
        assert_eq!(at(&spans[0]), "<NATO>");
        assert_eq!(at(&spans[1]), "<the alliance>");
    }

    #[test]
    fn marks_skip_overlapping_empty_and_out_of_range_spans() {
        let x = input("NATO summit", &[(0, 4), (2, 6), (5, 5), (8, 40)]);
        let (_, second) = sequence_texts(&x, InputMode::Marked);
        assert_eq!(second, "<NATO> summit");
        // The other modes read the text as it is.
        assert_eq!(sequence_texts(&x, InputMode::Statement).1, "NATO summit");
        assert_eq!(sequence_texts(&x, InputMode::Pair).1, "NATO summit");
    }

    #[test]
    fn a_mention_at_the_end_of_the_text_is_closed() {
        let x = input("They blamed NATO", &[(12, 16)]);
        assert_eq!(
            sequence_texts(&x, InputMode::Marked).1,
            "They blamed <NATO>"
        );
    }
}
