//! The fast path's private parts: matrix kernels against a plain triple loop, the
//! f32 fallback of odd shapes, packed spans, and batch independence of the states.

use super::FastBert;
use super::attention::PackedSpans;
use super::cpu::MatmulKernel;
use super::matmul::{Activation, Operand, PackedLinear, padded_rows};
use super::ops::{gelu, to_bf16};
use crate::encoder::{Backend, Encoder, ModelFiles, ModelSource};
use std::path::PathBuf;

/// The kernels this CPU can run, f32 first.
fn kernels() -> Vec<MatmulKernel> {
    let mut k = vec![MatmulKernel::f32()];
    k.extend(MatmulKernel::avx512_bf16());
    k.extend(MatmulKernel::amx());
    k
}

/// Deterministic values in [-1, 1).
fn noise(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 40) as f32 / (1u64 << 23) as f32 - 1.0
        })
        .collect()
}

#[test]
fn kernels_match_a_plain_product() {
    // Shapes with a 16-row tail, odd row counts and several column chunks.
    for (rows, k, n) in [(1, 64, 32), (37, 64, 96), (50, 384, 1152), (300, 128, 64)] {
        let weight = noise(n * k, 1); // (n, k) as PyTorch stores it
        let bias = noise(n, 2);
        let input = noise(rows * k, 3);
        for kernel in kernels() {
            let layer = PackedLinear::pack(&weight, bias.clone(), n, k, kernel);
            assert_eq!(layer.kernel, kernel);
            // The bf16 kernels see rounded inputs: compare with the same rounding.
            let round = |x: f32| {
                if kernel.reads_bf16() {
                    f32::from_bits((to_bf16(x) as u32) << 16)
                } else {
                    x
                }
            };
            let mut a16 = vec![0u16; padded_rows(rows) * k];
            for (d, x) in a16.iter_mut().zip(&input) {
                *d = to_bf16(*x);
            }
            let operand = if kernel.reads_bf16() {
                Operand::Bf16(&a16)
            } else {
                Operand::F32(&input)
            };
            let mut out = vec![f32::NAN; padded_rows(rows) * n];
            layer.forward(operand, rows, &mut out);
            for r in 0..rows {
                for c in 0..n {
                    let want: f32 = bias[c]
                        + (0..k)
                            .map(|i| round(input[r * k + i]) * round(weight[c * k + i]))
                            .sum::<f32>();
                    let got = out[r * n + c];
                    assert!(
                        (got - want).abs() <= 1e-3 * (1.0 + want.abs()),
                        "{kernel:?} {rows}x{k}x{n} at ({r},{c}): {got} vs {want}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_layer_that_falls_back_to_f32_still_applies_gelu_and_the_bf16_copy() {
    // 40 x 48 is no multiple of 32: a bf16 model packs this layer for f32, yet feeds
    // it bf16 inputs and expects GELU and a bf16 output like any other layer.
    let Some(bf16_kernel) = kernels().into_iter().find(|k| k.reads_bf16()) else {
        eprintln!("skipped: this CPU has no bf16 kernel to fall back from");
        return;
    };
    let (rows, k, n) = (5, 48, 40);
    let weight = noise(n * k, 4);
    let bias = noise(n, 5);
    let input = noise(rows * k, 6);
    let a16: Vec<u16> = input.iter().map(|&x| to_bf16(x)).collect();
    let layer = PackedLinear::pack(&weight, bias.clone(), n, k, bf16_kernel);
    assert_eq!(layer.kernel, MatmulKernel::f32());
    let mut out = vec![0f32; padded_rows(rows) * n];
    let mut out16 = vec![0u16; rows * n];
    layer.forward_with(
        Operand::Bf16(&a16),
        rows,
        &mut out,
        Activation::Gelu,
        Some(&mut out16),
    );
    let widen = |h: u16| f32::from_bits((h as u32) << 16);
    for r in 0..rows {
        for c in 0..n {
            let x = bias[c]
                + (0..k)
                    .map(|i| widen(a16[r * k + i]) * weight[c * k + i])
                    .sum::<f32>();
            let want = gelu(x);
            let got = widen(out16[r * n + c]);
            assert!(
                (got - want).abs() <= 1e-2 * (1.0 + want.abs()),
                "({r},{c}): {got} vs {want}"
            );
        }
    }
}

#[test]
fn packed_spans_lie_end_to_end() {
    let spans = PackedSpans::from_lengths([3, 0, 5, 1]);
    let starts: Vec<usize> = spans.spans().iter().map(|s| s.start).collect();
    assert_eq!(starts, [0, 3, 3, 8]);
    assert_eq!(spans.rows(), 9);
}

#[test]
#[should_panic(expected = "do not divide")]
fn attention_refuses_heads_that_do_not_divide_the_hidden_size() {
    let spans = PackedSpans::from_lengths([2]);
    let qkv = vec![0f32; 2 * 3 * 10];
    let mut ctx = vec![0f32; 2 * 10];
    super::attention::attention(&qkv, 10, 3, &spans, &mut ctx, None);
}

/// The base encoder of this checkout (`STANCEMAP_MODEL_DIR` overrides it), on candle.
fn reference() -> Encoder {
    let dir = std::env::var_os("STANCEMAP_MODEL_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/all-minilm-l6-v2")
        });
    let files = ModelFiles {
        dir,
        source: ModelSource::Flag,
    };
    Encoder::load(&files, Backend::Candle)
        .expect("base encoder missing: run scripts/fetch-model.sh")
}

fn sentences() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/bench/sentences.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut s: Vec<String> = text.lines().take(40).map(str::to_string).collect();
    s.push("Yes.".into());
    s.push("NATO ".repeat(300)); // cut at the token limit
    s
}

#[test]
fn token_states_do_not_depend_on_batch_neighbours() {
    let enc = reference();
    let texts = sentences();
    for kernel in kernels() {
        let fast = FastBert::from_bert(enc.bert(), &enc.config, kernel).unwrap();
        let encs = enc
            .tokenizer
            .encode_batch(texts.iter().map(String::as_str).collect::<Vec<_>>(), true)
            .unwrap();
        let all: Vec<(&[u32], &[u32])> = encs
            .iter()
            .map(|e| (e.get_ids(), e.get_type_ids()))
            .collect();
        let together = fast.forward(&all).unwrap();
        for (i, seq) in all.iter().enumerate().step_by(7) {
            let alone = fast.forward(&[*seq]).unwrap();
            let span = together.spans.spans()[i];
            let h = together.hidden;
            let a = &together.states[span.start * h..(span.start + span.len) * h];
            let diff = a
                .iter()
                .zip(&alone.states)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0, f32::max);
            assert!(diff < 1e-3, "{kernel:?} sentence {i}: max diff {diff}");
        }
    }
}
