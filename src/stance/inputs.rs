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
}

/// The encoder sequence (first and second text) an input needs in `mode`.
pub(crate) fn sequence_texts(input: &StanceInput, mode: InputMode) -> (String, String) {
    let speaker = input.speaker.as_deref().unwrap_or("unknown");
    let first = match mode {
        InputMode::Pair => format!("{speaker} about {}", input.target),
        InputMode::Statement => speaker.to_string(),
    };
    (first, input.text.clone())
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
/// Tokens of the statement that overlap a target mention; failing that, the tokens
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
    // `Encoder::tokenize` gives code-point offsets, the unit of `target_spans`.
    for (t, (&(s, e), seq)) in offsets.iter().zip(&seq_ids).enumerate() {
        let token = CharSpan::new(s, e);
        if *seq == Some(1) && input.target_spans.iter().any(|sp| sp.overlaps(&token)) {
            w[t] = 1.0;
        }
    }
    if w.iter().all(|&x| x == 0.0) {
        let (first, _) = sequence_texts(input, mode);
        let name_start = match mode {
            InputMode::Pair => first.chars().count() - input.target.chars().count(),
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
