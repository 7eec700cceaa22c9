//! The fast encoder path against the candle reference, and its matrix kernels
//! against a plain triple loop.

mod common;

use stancemap::encoder::fast::FastBert;
use stancemap::encoder::fast::cpu::{self, MatmulKernel};
use stancemap::encoder::fast::matmul::{Activation, Operand, PackedLinear, padded_rows};
use stancemap::encoder::fast::ops::{gelu, to_bf16};
use stancemap::encoder::{Encoder, Engine, ModelFiles, ModelSource, cosine};

fn reference() -> Encoder {
    let files = ModelFiles {
        dir: common::model_dir(),
        source: ModelSource::Flag,
    };
    Encoder::load_with(&files, Engine::Candle).expect("base encoder missing")
}

/// The kernels this CPU can run, f32 first.
fn kernels() -> Vec<MatmulKernel> {
    let mut k = vec![MatmulKernel::F32];
    if cpu::has_avx512_bf16() {
        k.push(MatmulKernel::Avx512Bf16);
    }
    if cpu::has_amx_bf16() {
        k.push(MatmulKernel::Amx);
    }
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

fn sentences() -> Vec<String> {
    let text =
        std::fs::read_to_string(common::repo_root().join("data/bench/sentences.txt")).unwrap();
    let mut s: Vec<String> = text.lines().take(40).map(str::to_string).collect();
    s.push("Yes.".into());
    s.push("NATO ".repeat(300)); // cut at the token limit
    s
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

/// Sentence vectors of [`sentences`] on the candle reference (None) or a fast kernel.
fn embeddings(enc: &mut Encoder, kernel: Option<MatmulKernel>) -> Vec<Vec<f32>> {
    enc.fast = kernel.map(|k| FastBert::from_bert(&enc.bert, &enc.config, k).unwrap());
    let texts = sentences();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    enc.embed(&refs).unwrap()
}

#[test]
fn fast_f32_matches_candle_per_sentence() {
    let mut enc = reference();
    let want = embeddings(&mut enc, None);
    let got = embeddings(&mut enc, Some(MatmulKernel::F32));
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let c = cosine(g, w);
        assert!(c >= 0.9999, "sentence {i}: cosine {c}");
    }
}

#[test]
fn bf16_kernels_stay_close_to_candle() {
    let mut enc = reference();
    let want = embeddings(&mut enc, None);
    for kernel in kernels().into_iter().filter(|k| k.reads_bf16()) {
        let got = embeddings(&mut enc, Some(kernel));
        let worst = got
            .iter()
            .zip(&want)
            .map(|(g, w)| cosine(g, w))
            .fold(1.0f32, f32::min);
        // bf16 keeps 8 bits of mantissa; whether that is enough is judged by stance
        // macro-F1 (README), this only catches a broken kernel.
        assert!(worst >= 0.995, "{kernel:?}: worst cosine {worst}");
    }
}

#[test]
fn a_layer_that_falls_back_to_f32_still_applies_gelu_and_the_bf16_copy() {
    // 40 x 48 is no multiple of 32: a bf16 model packs this layer for f32, yet feeds
    // it bf16 inputs and expects GELU and a bf16 output like any other layer.
    let (rows, k, n) = (5, 48, 40);
    let weight = noise(n * k, 4);
    let bias = noise(n, 5);
    let input = noise(rows * k, 6);
    let a16: Vec<u16> = input.iter().map(|&x| to_bf16(x)).collect();
    let layer = PackedLinear::pack(&weight, bias.clone(), n, k, MatmulKernel::Amx);
    assert_eq!(layer.kernel, MatmulKernel::F32);
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
fn token_states_do_not_depend_on_batch_neighbours() {
    let enc = reference();
    let texts = sentences();
    for kernel in kernels() {
        let fast = FastBert::from_bert(&enc.bert, &enc.config, kernel).unwrap();
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
            let span = together.spans[i];
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
