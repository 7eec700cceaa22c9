//! The fast inference path of the BERT encoder.
//!
//! Sequences are packed end to end (no padding), matrix products run on the best
//! kernel the CPU has (AMX or AVX-512 BF16 with bf16 inputs, or f32), and layer
//! norm, GELU and attention are fused loops in f32. The candle [`Bert`] stays the
//! reference (and the training path); [`FastBert`] is built from its weights.

pub(crate) mod attention;
pub mod cpu;
pub(crate) mod matmul;
pub(crate) mod ops;

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod amx;
mod avx512bf16;
#[cfg(test)]
mod tests;

use super::bert::{Bert, BertConfig, LayerNorm};
use anyhow::{Context, Result};
use attention::PackedSpans;
use candle_core::{DType, Device, Tensor};
pub use cpu::MatmulKernel;
use matmul::{Activation, Operand, PackedLinear, padded_rows};

/// Layer-norm scale and shift as plain vectors.
struct Norm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
    eps: f32,
}

/// One transformer layer with its products packed for a kernel.
struct FastLayer {
    /// Query, key and value in one product (hidden -> 3 x hidden).
    qkv: PackedLinear,
    attention_out: PackedLinear,
    attention_norm: Norm,
    intermediate: PackedLinear,
    output: PackedLinear,
    output_norm: Norm,
}

/// BERT for inference only, over packed sequences.
pub struct FastBert {
    kernel: MatmulKernel,
    hidden: usize,
    heads: usize,
    /// Embedding tables stay candle tensors: a gather per batch, no copy of 47 MB.
    word: Tensor,
    position: Tensor,
    token_type: Tensor,
    embedding_norm: Norm,
    layers: Vec<FastLayer>,
}

/// Last-layer token states of packed sequences: row `spans.spans()[i].start + t` is
/// token `t` of sequence `i`.
pub struct PackedStates {
    /// (rows, hidden) row-major.
    pub states: Vec<f32>,
    pub spans: PackedSpans,
    pub hidden: usize,
}

fn values(t: &Tensor) -> Result<Vec<f32>> {
    Ok(t.to_dtype(DType::F32)?.flatten_all()?.to_vec1::<f32>()?)
}

impl Norm {
    fn from(norm: &LayerNorm) -> Result<Self> {
        Ok(Norm {
            gamma: values(&norm.weight)?,
            beta: values(&norm.bias)?,
            eps: norm.eps as f32,
        })
    }

    /// `x = LayerNorm(x + residual)` (no residual when empty), with a bf16 copy if asked.
    fn apply(&self, x: &mut [f32], residual: &[f32], out16: Option<&mut [u16]>) {
        ops::add_layer_norm(x, residual, &self.gamma, &self.beta, self.eps, out16);
    }
}

/// The operand the products read: the bf16 copy when the kernel takes bf16.
fn operand<'a>(bf16: bool, x: &'a [f32], x16: &'a [u16]) -> Operand<'a> {
    if bf16 {
        Operand::Bf16(x16)
    } else {
        Operand::F32(x)
    }
}

fn pack(linear: &candle_nn::Linear, kernel: MatmulKernel) -> Result<PackedLinear> {
    let (n, k) = linear.weight().dims2()?;
    let bias = match linear.bias() {
        Some(b) => values(b)?,
        None => vec![0.0; n],
    };
    Ok(PackedLinear::pack(
        &values(linear.weight())?,
        bias,
        n,
        k,
        kernel,
    ))
}

impl FastBert {
    /// Pack the weights of `bert` for `kernel`.
    pub fn from_bert(bert: &Bert, config: &BertConfig, kernel: MatmulKernel) -> Result<Self> {
        let h = config.hidden_size;
        let layers = bert
            .layers
            .iter()
            .map(|layer| {
                let att = &layer.attention;
                // Q, K and V stacked as one (3h, h) weight: one product instead of three.
                let weight = Tensor::cat(
                    &[att.query.weight(), att.key.weight(), att.value.weight()],
                    0,
                )?;
                let bias = Tensor::cat(
                    &[
                        att.query.bias().context("query without bias")?,
                        att.key.bias().context("key without bias")?,
                        att.value.bias().context("value without bias")?,
                    ],
                    0,
                )?;
                let qkv = PackedLinear::pack(&values(&weight)?, values(&bias)?, 3 * h, h, kernel);
                Ok(FastLayer {
                    qkv,
                    attention_out: pack(&att.output, kernel)?,
                    attention_norm: Norm::from(&att.norm)?,
                    intermediate: pack(&layer.intermediate, kernel)?,
                    output: pack(&layer.output, kernel)?,
                    output_norm: Norm::from(&layer.norm)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let emb = &bert.embeddings;
        Ok(FastBert {
            kernel,
            hidden: h,
            heads: config.num_attention_heads,
            word: emb.word.embeddings().to_dtype(DType::F32)?,
            position: emb.position.embeddings().to_dtype(DType::F32)?,
            token_type: emb.token_type.embeddings().to_dtype(DType::F32)?,
            embedding_norm: Norm::from(&emb.norm)?,
            layers,
        })
    }

    /// The kernel the products run on.
    pub fn kernel(&self) -> MatmulKernel {
        self.kernel
    }

    /// Token states of each sequence, given as (token ids, token type ids).
    pub fn forward(&self, seqs: &[(&[u32], &[u32])]) -> Result<PackedStates> {
        let h = self.hidden;
        let spans = PackedSpans::from_lengths(seqs.iter().map(|(ids, _)| ids.len()));
        let (mut ids, mut types, mut positions) = (Vec::new(), Vec::new(), Vec::new());
        for (seq_ids, seq_types) in seqs {
            anyhow::ensure!(
                seq_types.len() == seq_ids.len(),
                "{} token ids but {} type ids",
                seq_ids.len(),
                seq_types.len()
            );
            ids.extend_from_slice(seq_ids);
            types.extend_from_slice(seq_types);
            positions.extend(0..seq_ids.len() as u32);
        }
        let rows = ids.len();
        let rows16 = padded_rows(rows.max(1));
        let gather = |table: &Tensor, index: Vec<u32>| -> Result<Tensor> {
            let index = Tensor::from_vec(index, rows, &Device::Cpu)?;
            Ok(table.index_select(&index, 0)?)
        };
        let embedded = (gather(&self.word, ids)? + gather(&self.token_type, types)?)?
            .add(&gather(&self.position, positions)?)?;
        let mut x = vec![0f32; rows16 * h];
        x[..rows * h].copy_from_slice(&values(&embedded)?);

        let bf16 = self.kernel.reads_bf16();
        let mut x16 = vec![0u16; if bf16 { rows16 * h } else { 0 }];
        self.embedding_norm
            .apply(&mut x[..rows * h], &[], bf16.then(|| &mut x16[..rows * h]));

        let inter = self.layers.first().map_or(0, |l| l.intermediate.n);
        let mut qkv = vec![0f32; rows16 * 3 * h];
        let mut ctx = vec![0f32; rows16 * h];
        let mut ctx16 = vec![0u16; x16.len()];
        let mut attended = vec![0f32; rows16 * h];
        let mut attended16 = vec![0u16; x16.len()];
        let mut wide = vec![0f32; rows16 * inter];
        let mut wide16 = vec![0u16; if bf16 { rows16 * inter } else { 0 }];
        for layer in &self.layers {
            layer.qkv.forward(operand(bf16, &x, &x16), rows, &mut qkv);
            attention::attention(
                &qkv,
                h,
                self.heads,
                &spans,
                &mut ctx,
                bf16.then_some(&mut ctx16[..]),
            );
            layer
                .attention_out
                .forward(operand(bf16, &ctx, &ctx16), rows, &mut attended);
            layer.attention_norm.apply(
                &mut attended[..rows * h],
                &x[..rows * h],
                bf16.then(|| &mut attended16[..rows * h]),
            );
            layer.intermediate.forward_with(
                operand(bf16, &attended, &attended16),
                rows,
                &mut wide,
                Activation::Gelu,
                bf16.then(|| &mut wide16[..rows * inter]),
            );
            layer
                .output
                .forward(operand(bf16, &wide, &wide16), rows, &mut x);
            layer.output_norm.apply(
                &mut x[..rows * h],
                &attended[..rows * h],
                bf16.then(|| &mut x16[..rows * h]),
            );
        }
        x.truncate(rows * h);
        Ok(PackedStates {
            states: x,
            spans,
            hidden: h,
        })
    }
}

impl PackedStates {
    /// Mean of each sequence's token states, L2-normalized (the sentence embedding).
    pub fn mean_pooled_normalized(&self) -> Vec<Vec<f32>> {
        let h = self.hidden;
        self.spans
            .spans()
            .iter()
            .map(|s| {
                let mut mean = vec![0f32; h];
                for row in self.states[s.start * h..(s.start + s.len) * h].chunks_exact(h) {
                    for (m, v) in mean.iter_mut().zip(row) {
                        *m += v;
                    }
                }
                let norm = mean.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
                mean.iter_mut().for_each(|m| *m /= norm);
                mean
            })
            .collect()
    }

    /// The states as a zero-padded (sequences, len, hidden) tensor, like the candle path.
    pub fn to_padded_tensor(&self, len: usize) -> Result<Tensor> {
        let h = self.hidden;
        let mut padded = vec![0f32; self.spans.spans().len() * len * h];
        for (i, s) in self.spans.spans().iter().enumerate() {
            let take = s.len.min(len);
            padded[i * len * h..(i * len + take) * h]
                .copy_from_slice(&self.states[s.start * h..(s.start + take) * h]);
        }
        Ok(Tensor::from_vec(
            padded,
            (self.spans.spans().len(), len, h),
            &Device::Cpu,
        )?)
    }
}
