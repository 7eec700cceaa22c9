//! The elementwise and attention steps of the fast encoder, in f32.
//!
//! Each hot loop is written once as plain Rust and compiled twice: for the baseline
//! target and with AVX-512 enabled, picked at run time. Sums use 16 lanes of partial
//! results so the compiler can vectorize them without reordering a single chain.

use super::cpu::has_avx512;
use rayon::prelude::*;

/// f32 -> bf16, rounding to nearest even (NaN payloads are not preserved).
#[inline(always)]
pub fn to_bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    let round = 0x7fff + ((bits >> 16) & 1);
    (bits.wrapping_add(round) >> 16) as u16
}

/// e^x to about 2e-7 relative error, branch-free so loops over it vectorize.
#[inline(always)]
pub fn exp_approx(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    // 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits, so
    // no float-to-int conversion is needed (those do not vectorize).
    const SHIFT: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let t = x * LOG2E + SHIFT;
    let n = t - SHIFT;
    let r = x - n * LN2_HI - n * LN2_LO;
    // Taylor series to degree 6 on |r| <= ln2 / 2.
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    let exponent = t.to_bits().wrapping_sub(SHIFT.to_bits()).wrapping_add(127) << 23;
    p * f32::from_bits(exponent)
}

/// GELU with the exact erf form BERT uses; erf by Abramowitz & Stegun 7.1.26
/// (absolute error below 1.5e-7).
#[inline(always)]
pub fn gelu(x: f32) -> f32 {
    let z = x.abs() * std::f32::consts::FRAC_1_SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    let erf = 1.0 - poly * exp_approx(-z * z);
    0.5 * x * (1.0 + erf.copysign(x))
}

#[inline(always)]
fn sum16(xs: &[f32]) -> f32 {
    let mut acc = [0f32; 16];
    let chunks = xs.chunks_exact(16);
    let rest: f32 = chunks.remainder().iter().sum();
    for c in chunks {
        for (a, x) in acc.iter_mut().zip(c) {
            *a += x;
        }
    }
    acc.iter().sum::<f32>() + rest
}

/// Calls `$body` through a copy compiled with AVX-512 when the CPU has it.
macro_rules! avx512_dispatch {
    (fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        fn $name($($arg: $ty),*) {
            #[inline(always)]
            fn inner($($arg: $ty),*) $body
            // Safety: callers must check that the CPU has these features.
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
            unsafe fn wide($($arg: $ty),*) { inner($($arg),*) }
            #[cfg(target_arch = "x86_64")]
            if has_avx512() {
                // SAFETY: the CPU has the features `wide` was compiled for.
                return unsafe { wide($($arg),*) };
            }
            inner($($arg),*)
        }
    };
}

avx512_dispatch! {
    fn norm_rows(x: &mut [f32], residual: &[f32], gamma: &[f32], beta: &[f32], eps: f32, out16: Option<&mut [u16]>) {
        let h = gamma.len();
        let mut out16 = out16;
        for (r, row) in x.chunks_exact_mut(h).enumerate() {
            if !residual.is_empty() {
                for (v, res) in row.iter_mut().zip(&residual[r * h..(r + 1) * h]) {
                    *v += res;
                }
            }
            let mean = sum16(row) / h as f32;
            for v in row.iter_mut() {
                *v -= mean;
            }
            let mut sq = [0f32; 16];
            for c in row.chunks_exact(16) {
                for (s, v) in sq.iter_mut().zip(c) {
                    *s += v * v;
                }
            }
            let var = sq.iter().sum::<f32>() / h as f32;
            let inv = 1.0 / (var + eps).sqrt();
            for ((v, g), b) in row.iter_mut().zip(gamma).zip(beta) {
                *v = *v * inv * g + b;
            }
            if let Some(o) = out16.as_deref_mut() {
                for (d, v) in o[r * h..(r + 1) * h].iter_mut().zip(row.iter()) {
                    *d = to_bf16(*v);
                }
            }
        }
    }
}

avx512_dispatch! {
    fn finish_row_dispatch(x: &mut [f32], bias: &[f32], apply_gelu: bool, out16: Option<&mut [u16]>) {
        match (apply_gelu, out16) {
            (true, Some(o)) => {
                for ((d, v), b) in o.iter_mut().zip(x.iter()).zip(bias) {
                    *d = to_bf16(gelu(*v + b));
                }
            }
            (true, None) => {
                for (v, b) in x.iter_mut().zip(bias) {
                    *v = gelu(*v + b);
                }
            }
            (false, Some(o)) => {
                for ((d, v), b) in o.iter_mut().zip(x.iter_mut()).zip(bias) {
                    *v += b;
                    *d = to_bf16(*v);
                }
            }
            (false, None) => {
                for (v, b) in x.iter_mut().zip(bias) {
                    *v += b;
                }
            }
        }
    }
}

/// After a product: add the bias, apply GELU when asked, and write the row in bf16 to
/// `out16` when given (else back into `x`).
pub fn finish_row(x: &mut [f32], bias: &[f32], apply_gelu: bool, out16: Option<&mut [u16]>) {
    finish_row_dispatch(x, bias, apply_gelu, out16)
}

/// Rows per parallel task of the elementwise steps.
const ROWS_PER_TASK: usize = 16;

/// Up to this many rows the elementwise steps run on the calling thread.
const SERIAL_ROWS: usize = 64;

/// `x = LayerNorm(x + residual)` row by row (no residual when it is empty); also
/// writes the result in bf16 to `out16` when given.
pub fn add_layer_norm(
    x: &mut [f32],
    residual: &[f32],
    gamma: &[f32],
    beta: &[f32],
    eps: f32,
    out16: Option<&mut [u16]>,
) {
    let h = gamma.len();
    if x.len() <= SERIAL_ROWS * h {
        // Waking the other threads costs more than these few rows.
        return norm_rows(x, residual, gamma, beta, eps, out16);
    }
    let step = ROWS_PER_TASK * h;
    match out16 {
        Some(o) => x
            .par_chunks_mut(step)
            .zip(o.par_chunks_mut(step))
            .enumerate()
            .for_each(|(i, (xc, oc))| {
                let res = if residual.is_empty() {
                    &[][..]
                } else {
                    &residual[i * step..i * step + xc.len()]
                };
                norm_rows(xc, res, gamma, beta, eps, Some(&mut oc[..xc.len()]))
            }),
        None => x.par_chunks_mut(step).enumerate().for_each(|(i, xc)| {
            let res = if residual.is_empty() {
                &[][..]
            } else {
                &residual[i * step..i * step + xc.len()]
            };
            norm_rows(xc, res, gamma, beta, eps, None)
        }),
    }
}

/// GELU (when `apply_gelu`) over `x` in place, or into `out16` as bf16 when given.
pub fn gelu_all(x: &mut [f32], width: usize, apply_gelu: bool, out16: Option<&mut [u16]>) {
    let step = ROWS_PER_TASK * width;
    let zeros = vec![0f32; step];
    match out16 {
        Some(o) => x
            .par_chunks_mut(step)
            .zip(o.par_chunks_mut(step))
            .for_each(|(xc, oc)| finish_row_dispatch(xc, &zeros, apply_gelu, Some(oc))),
        None => x
            .par_chunks_mut(step)
            .for_each(|xc| finish_row_dispatch(xc, &zeros, apply_gelu, None)),
    }
}
