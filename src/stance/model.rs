//! The stance classifier: the BERT encoder, target-aware pooling and a small head.

use super::data::StanceInput;
use super::inputs::{InputMode, plan_sequences, target_weights, tokenize_sequences};
use crate::encoder::Encoder;
use crate::encoder::bert::mean_pool;
use crate::record::StanceProbs;
use anyhow::Result;
use candle_core::{D, DType, Module, Tensor};
use candle_nn::{Linear, VarBuilder};

/// Width of the head's hidden layer.
pub const HEAD_HIDDEN: usize = 256;

/// Two dense layers over [sentence mean, target mean] token states, and optionally a
/// relevance output beside the stance one: whether the party is a target of the
/// statement at all.
#[derive(Debug, Clone)]
pub struct StanceHead {
    hidden: Linear,
    output: Linear,
    relevance: Option<Linear>,
}

impl StanceHead {
    /// Load (or create, with a VarMap builder) the head under `vb` (`head.*`), with the
    /// relevance output (`head.relevance.*`) when `with_relevance`.
    pub fn load(
        vb: VarBuilder,
        encoder_hidden: usize,
        with_relevance: bool,
    ) -> candle_core::Result<Self> {
        let relevance = if with_relevance {
            Some(candle_nn::linear(HEAD_HIDDEN, 1, vb.pp("relevance"))?)
        } else {
            None
        };
        Ok(StanceHead {
            hidden: candle_nn::linear(2 * encoder_hidden, HEAD_HIDDEN, vb.pp("hidden"))?,
            output: candle_nn::linear(HEAD_HIDDEN, 3, vb.pp("output"))?,
            relevance,
        })
    }

    /// Logits (n, 3) from features (n, 2 * hidden).
    pub fn forward(&self, features: &Tensor) -> candle_core::Result<Tensor> {
        self.output.forward(&self.hidden.forward(features)?.tanh()?)
    }

    /// Relevance logits (n, 1) from features (n, 2 * hidden); `None` without the output.
    pub fn relevance(&self, features: &Tensor) -> candle_core::Result<Option<Tensor>> {
        let Some(relevance) = &self.relevance else {
            return Ok(None);
        };
        Ok(Some(
            relevance.forward(&self.hidden.forward(features)?.tanh()?)?,
        ))
    }
}

/// One dense layer's weights in f32 rows, with its bias.
#[derive(Debug, Clone)]
struct DenseRows {
    weight: Vec<Vec<f32>>,
    bias: Vec<f32>,
}

impl DenseRows {
    fn new(layer: &Linear) -> candle_core::Result<Self> {
        let weight = layer.weight().to_dtype(DType::F32)?.to_vec2::<f32>()?;
        let bias = match layer.bias() {
            Some(b) => b.to_dtype(DType::F32)?.to_vec1::<f32>()?,
            None => vec![0.0; weight.len()],
        };
        Ok(DenseRows { weight, bias })
    }

    fn apply(&self, x: &[f32]) -> Vec<f32> {
        self.weight
            .iter()
            .zip(&self.bias)
            .map(|(w, b)| w.iter().zip(x).fold(*b, |acc, (w, x)| acc + w * x))
            .collect()
    }
}

/// The head for inference, its weights read into f32 rows once at load. It runs one row
/// at a time in plain loops, so a row's logits do not depend on how many rows its batch
/// holds (the matrix kernels sum in another order for a single row than for many, which
/// changed probabilities in their last digit between an article classified alone and in
/// a batch).
#[derive(Debug, Clone)]
pub struct HeadRows {
    hidden: DenseRows,
    output: DenseRows,
    relevance: Option<DenseRows>,
}

impl HeadRows {
    /// The rows of `head`'s layers.
    pub fn new(head: &StanceHead) -> candle_core::Result<Self> {
        Ok(HeadRows {
            hidden: DenseRows::new(&head.hidden)?,
            output: DenseRows::new(&head.output)?,
            relevance: head.relevance.as_ref().map(DenseRows::new).transpose()?,
        })
    }

    /// Whether the head has the relevance output.
    pub fn has_relevance(&self) -> bool {
        self.relevance.is_some()
    }

    /// Logits (n, 3) from features (n, 2 * hidden), as [`StanceHead::forward`] gives them.
    pub fn forward(&self, features: &Tensor) -> candle_core::Result<Tensor> {
        Ok(self.forward_rows(features)?.0)
    }

    /// The stance logits (n, 3) and, with the relevance output, the relevance logit of
    /// each row.
    fn forward_rows(&self, features: &Tensor) -> candle_core::Result<(Tensor, Vec<f32>)> {
        let rows = features.to_dtype(DType::F32)?.to_vec2::<f32>()?;
        let mut logits = Vec::with_capacity(rows.len() * 3);
        let mut relevance = Vec::new();
        for row in &rows {
            let h: Vec<f32> = self.hidden.apply(row).into_iter().map(f32::tanh).collect();
            logits.extend(self.output.apply(&h));
            if let Some(r) = &self.relevance {
                relevance.extend(r.apply(&h));
            }
        }
        let logits = Tensor::from_vec(logits, (rows.len(), 3), features.device())?;
        Ok((logits, relevance))
    }
}

/// The probability a relevance logit stands for.
pub(crate) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Features (n, 2 * hidden) for `n` targets from the token states of their sequences.
///
/// `sequence_of[i]` is the row of `states` target `i` reads; `weights` (n, len) pools it.
pub(crate) fn target_features(
    states: &Tensor,
    mask: &Tensor,
    sequence_of: &Tensor,
    weights: &Tensor,
) -> candle_core::Result<Tensor> {
    let sentence = mean_pool(states, mask)?.index_select(sequence_of, 0)?;
    let per_target = states.index_select(sequence_of, 0)?;
    let target = per_target.broadcast_mul(&weights.unsqueeze(2)?)?.sum(1)?;
    Tensor::cat(&[sentence, target], D::Minus1)
}

/// The whole classifier, ready to predict.
pub struct StanceModel {
    pub encoder: Encoder,
    pub head: HeadRows,
    pub mode: InputMode,
    /// Added to the logits before the softmax (the manifest's prior correction).
    pub logit_bias: [f32; 3],
    /// The shifted logits are divided by it before the softmax (the manifest's
    /// temperature): it changes the probabilities, never the label.
    pub temperature: f32,
    /// With the relevance output: a candidate whose relevance falls below it is no
    /// target. None at load: the user asks for it (`--relevance-threshold`).
    pub relevance_threshold: Option<f32>,
    /// The threshold chosen on dev and stored in the manifest, where there is one.
    pub relevance_dev_threshold: Option<f32>,
}

/// What the model makes of one input.
#[derive(Debug, Clone, Default)]
pub struct Scored {
    pub probs: StanceProbs,
    /// The probability that the party is a target of the statement, where the head has
    /// the relevance output.
    pub relevance: Option<f32>,
}

impl StanceModel {
    /// Probabilities for each input, computed in batches of at most `batch_size` sequences.
    pub fn predict(&self, inputs: &[&StanceInput], batch_size: usize) -> Result<Vec<StanceProbs>> {
        Ok(self
            .score(inputs, batch_size)?
            .into_iter()
            .map(|scored| scored.probs)
            .collect())
    }

    /// As [`StanceModel::predict`], with the relevance of each input.
    pub fn score(&self, inputs: &[&StanceInput], batch_size: usize) -> Result<Vec<Scored>> {
        let plan = plan_sequences(inputs, self.mode);
        // Sort sequences by length so batches carry little padding.
        let mut order: Vec<usize> = (0..plan.sequences.len()).collect();
        order.sort_by_key(|&i| plan.sequences[i].0.len() + plan.sequences[i].1.len());
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); plan.sequences.len()];
        for (input_i, &seq) in plan.sequence_of.iter().enumerate() {
            users[seq].push(input_i);
        }
        let mut out = vec![Scored::default(); inputs.len()];
        for chunk in order.chunks(batch_size.max(1)) {
            let seqs: Vec<(String, String)> =
                chunk.iter().map(|&i| plan.sequences[i].clone()).collect();
            let batch = tokenize_sequences(&self.encoder, &seqs)?;
            let len = batch.ids.dim(1)?;
            let mut seq_index = Vec::new();
            let mut weights = Vec::new();
            let mut targets = Vec::new();
            for (row, &seq) in chunk.iter().enumerate() {
                for &input_i in &users[seq] {
                    seq_index.push(row as u32);
                    weights.extend(target_weights(
                        &batch.encodings[row],
                        inputs[input_i],
                        self.mode,
                        len,
                    ));
                    targets.push(input_i);
                }
            }
            let dev = &self.encoder.device;
            let n = targets.len();
            let seq_index = Tensor::from_vec(seq_index, n, dev)?;
            let weights = Tensor::from_vec(weights, (n, len), dev)?;
            let states = self.encoder.token_states(&batch)?;
            let features = target_features(&states, &batch.mask, &seq_index, &weights)?;
            let bias = Tensor::from_slice(&self.logit_bias, (1, 3), dev)?;
            let (logits, relevance) = self.head.forward_rows(&features)?;
            let logits = (logits.broadcast_add(&bias)? / f64::from(self.temperature))?;
            let probs = candle_nn::ops::softmax_last_dim(&logits)?.to_vec2::<f32>()?;
            for (k, p) in probs.iter().enumerate() {
                out[targets[k]] = Scored {
                    probs: StanceProbs::from_array([p[0], p[1], p[2]]),
                    relevance: relevance.get(k).map(|&z| sigmoid(z)),
                };
            }
        }
        Ok(out)
    }
}
