//! Self-attention over packed sequences: each (sequence, head) attends only to its
//! own tokens, so no work is spent on padding and no mask is needed.

use super::cpu::has_avx512;
use super::ops::{exp_approx, to_bf16};
use rayon::prelude::*;

/// Where one packed sequence lies: first row and number of rows.
#[derive(Debug, Clone, Copy)]
pub struct SeqSpan {
    pub start: usize,
    pub len: usize,
}

/// The geometry every head shares.
#[derive(Clone, Copy)]
struct Shape {
    hidden: usize,
    head_dim: usize,
    scale: f32,
}

/// Destination rows: f32 context and, optionally, its bf16 copy (null when absent).
#[derive(Clone, Copy)]
struct Dest {
    ctx: *mut f32,
    ctx16: *mut u16,
}
// SAFETY: parallel tasks write disjoint (rows, head columns) rectangles.
unsafe impl Send for Dest {}
unsafe impl Sync for Dest {}

/// `ctx = softmax(Q Kᵀ / √d) V` per head, reading Q, K, V side by side from `qkv`
/// (rows of 3 × hidden); writes `ctx` (rows of hidden) and its bf16 copy if given.
pub fn attention(
    qkv: &[f32],
    hidden: usize,
    heads: usize,
    seqs: &[SeqSpan],
    ctx: &mut [f32],
    ctx16: Option<&mut [u16]>,
) {
    let head_dim = hidden / heads;
    let shape = Shape {
        hidden,
        head_dim,
        scale: 1.0 / (head_dim as f32).sqrt(),
    };
    let rows: usize = seqs.iter().map(|s| s.start + s.len).max().unwrap_or(0);
    assert!(qkv.len() >= rows * 3 * hidden && ctx.len() >= rows * hidden);
    let dest = Dest {
        ctx: ctx.as_mut_ptr(),
        ctx16: match ctx16 {
            Some(c) => {
                assert!(c.len() >= rows * hidden);
                c.as_mut_ptr()
            }
            None => std::ptr::null_mut(),
        },
    };
    let tasks: Vec<(SeqSpan, usize)> = seqs
        .iter()
        .flat_map(|&s| (0..heads).map(move |h| (s, h)))
        .collect();
    tasks.into_par_iter().for_each(|(seq, head)| {
        let d = dest;
        // SAFETY: rows of `seq` and the columns of `head` belong to this task alone;
        // the buffers were checked to hold every row.
        unsafe { attend(qkv, shape, seq, head, d) }
    });
}

unsafe fn attend(qkv: &[f32], shape: Shape, seq: SeqSpan, head: usize, dest: Dest) {
    #[cfg(target_arch = "x86_64")]
    if has_avx512() {
        // SAFETY: the CPU has the features `attend_avx512` was compiled for.
        return unsafe { attend_avx512(qkv, shape, seq, head, dest) };
    }
    unsafe { attend_plain(qkv, shape, seq, head, dest) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
unsafe fn attend_avx512(qkv: &[f32], shape: Shape, seq: SeqSpan, head: usize, dest: Dest) {
    unsafe { attend_plain(qkv, shape, seq, head, dest) }
}

#[inline(always)]
unsafe fn attend_plain(qkv: &[f32], shape: Shape, seq: SeqSpan, head: usize, dest: Dest) {
    let Shape {
        hidden,
        head_dim: hd,
        scale,
    } = shape;
    let (len, width, col) = (seq.len, 3 * hidden, head * hd);
    let row = |j: usize| &qkv[(seq.start + j) * width..(seq.start + j + 1) * width];
    // Keys transposed (hd, keys rounded up to 16) so 16 scores of a query build up in
    // one register over the head's dimensions; the padding keys are zero.
    let keys_p = len.div_ceil(16) * 16;
    let mut keys_t = vec![0f32; hd * keys_p];
    for j in 0..len {
        for (d, k) in row(j)[hidden + col..hidden + col + hd].iter().enumerate() {
            keys_t[d * keys_p + j] = *k;
        }
    }
    let mut scores = vec![0f32; keys_p];
    let mut q = vec![0f32; hd];
    let mut out = vec![0f32; hd];
    for i in 0..len {
        for (s, x) in q.iter_mut().zip(&row(i)[col..col + hd]) {
            *s = x * scale;
        }
        for j0 in (0..keys_p).step_by(16) {
            let mut acc = [0f32; 16];
            for (d, qd) in q.iter().enumerate() {
                let at = d * keys_p + j0;
                let k: &[f32; 16] = keys_t[at..at + 16].try_into().unwrap_or(&[0.0; 16]);
                for (a, kv) in acc.iter_mut().zip(k) {
                    *a += qd * kv;
                }
            }
            scores[j0..j0 + 16].copy_from_slice(&acc);
        }
        let scores = &mut scores[..len];
        let mut top = [f32::MIN; 16];
        for c in scores.chunks(16) {
            for (t, s) in top.iter_mut().zip(c) {
                *t = t.max(*s);
            }
        }
        let max = top.iter().fold(f32::MIN, |m, &t| m.max(t));
        let mut sums = [0f32; 16];
        for c in scores.chunks_mut(16) {
            for (t, s) in sums.iter_mut().zip(c.iter_mut()) {
                *s = exp_approx(*s - max);
                *t += *s;
            }
        }
        let inv = 1.0 / sums.iter().sum::<f32>();
        // Context in blocks of 16 dimensions, each summed in one register over keys.
        let blocks = hd / 16;
        for b in 0..blocks {
            let mut acc = [0f32; 16];
            for (j, p) in scores.iter().enumerate() {
                let at = 2 * hidden + col + 16 * b;
                let v: &[f32; 16] = row(j)[at..at + 16].try_into().unwrap_or(&[0.0; 16]);
                for (a, x) in acc.iter_mut().zip(v) {
                    *a += p * x;
                }
            }
            out[16 * b..16 * b + 16].copy_from_slice(&acc);
        }
        for d in 16 * blocks..hd {
            out[d] = scores
                .iter()
                .enumerate()
                .map(|(j, p)| p * row(j)[2 * hidden + col + d])
                .sum();
        }
        let at = (seq.start + i) * hidden + col;
        // SAFETY: see `attention`: these columns of this row belong to this task.
        unsafe {
            let ctx = std::slice::from_raw_parts_mut(dest.ctx.add(at), hd);
            for (c, o) in ctx.iter_mut().zip(&out) {
                *c = o * inv;
            }
            if !dest.ctx16.is_null() {
                let ctx16 = std::slice::from_raw_parts_mut(dest.ctx16.add(at), hd);
                for (c, o) in ctx16.iter_mut().zip(ctx.iter()) {
                    *c = to_bf16(*o);
                }
            }
        }
    }
}
