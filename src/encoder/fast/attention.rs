//! Self-attention over packed sequences: each (sequence, head) attends only to its
//! own tokens, so no work is spent on padding and no mask is needed.

use super::cpu::has_avx512;
use super::ops::{exp_approx, to_bf16};
use rayon::prelude::*;

/// Where one packed sequence lies: first row and number of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeqSpan {
    pub start: usize,
    pub len: usize,
}

/// The spans of sequences packed end to end: built only from their lengths, so they
/// never overlap (parallel attention tasks write each span's rows without locks).
#[derive(Debug, Clone, Default)]
pub struct PackedSpans {
    spans: Vec<SeqSpan>,
    rows: usize,
}

impl PackedSpans {
    /// Sequences of these lengths, one after another from row 0.
    pub fn from_lengths(lengths: impl IntoIterator<Item = usize>) -> Self {
        let mut rows = 0;
        let spans = lengths
            .into_iter()
            .map(|len| {
                let span = SeqSpan { start: rows, len };
                rows += len;
                span
            })
            .collect();
        PackedSpans { spans, rows }
    }

    /// Total rows of all sequences.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The spans, in order.
    pub fn spans(&self) -> &[SeqSpan] {
        &self.spans
    }
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
// SAFETY: parallel tasks write disjoint (rows, head columns) rectangles through it.
unsafe impl Send for Dest {}
// SAFETY: as for `Send`: no two tasks write the same element.
unsafe impl Sync for Dest {}

/// `ctx = softmax(Q Kᵀ / √d) V` per head, reading Q, K, V side by side from `qkv`
/// (rows of 3 × hidden); writes `ctx` (rows of hidden) and its bf16 copy if given.
///
/// Panics when `heads` does not divide `hidden` or a buffer is shorter than
/// `seqs.rows()` rows.
pub fn attention(
    qkv: &[f32],
    hidden: usize,
    heads: usize,
    seqs: &PackedSpans,
    ctx: &mut [f32],
    ctx16: Option<&mut [u16]>,
) {
    assert!(
        heads > 0 && hidden.is_multiple_of(heads) && hidden > 0,
        "{heads} heads do not divide hidden size {hidden}"
    );
    let head_dim = hidden / heads;
    let shape = Shape {
        hidden,
        head_dim,
        scale: 1.0 / (head_dim as f32).sqrt(),
    };
    let rows = seqs.rows();
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
        .spans()
        .iter()
        .flat_map(|&s| (0..heads).map(move |h| (s, h)))
        .collect();
    tasks.into_par_iter().for_each(|(seq, head)| {
        let d = dest;
        // SAFETY: `PackedSpans` never overlap, so the rows of `seq` and the columns of
        // `head` belong to this task alone; `ctx`, `ctx16` and `qkv` were checked to
        // hold every row of every span.
        unsafe { attend(qkv, shape, seq, head, d) }
    });
}

/// Attention of one (sequence, head), on the widest instructions this CPU has.
///
/// # Safety
/// `dest` must point to buffers holding every row of `seq` (`hidden` values per row,
/// f32 and, unless null, bf16), and no other thread may access the columns of `head`
/// in those rows meanwhile; `qkv` must hold those rows (3 × hidden per row).
unsafe fn attend(qkv: &[f32], shape: Shape, seq: SeqSpan, head: usize, dest: Dest) {
    #[cfg(target_arch = "x86_64")]
    if has_avx512() {
        // SAFETY: the CPU has the features `attend_avx512` was compiled for; the rest
        // of the contract is the caller's.
        return unsafe { attend_avx512(qkv, shape, seq, head, dest) };
    }
    // SAFETY: the caller's contract is `attend_plain`'s.
    unsafe { attend_plain(qkv, shape, seq, head, dest) }
}

/// [`attend_plain`] compiled for AVX-512.
///
/// # Safety
/// The CPU must have AVX-512 F/BW/VL, AVX2 and FMA; the rest is [`attend`]'s contract.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
unsafe fn attend_avx512(qkv: &[f32], shape: Shape, seq: SeqSpan, head: usize, dest: Dest) {
    // SAFETY: the caller's contract is `attend_plain`'s.
    unsafe { attend_plain(qkv, shape, seq, head, dest) }
}

/// Queries handled together: their sums are independent chains the CPU overlaps.
const GROUP: usize = 4;

/// The attention loops of one (sequence, head).
///
/// # Safety
/// As [`attend`]: `dest` holds every row of `seq`, whose `head` columns no other
/// thread touches meanwhile.
#[inline(always)]
unsafe fn attend_plain(qkv: &[f32], shape: Shape, seq: SeqSpan, head: usize, dest: Dest) {
    let hd = shape.head_dim;
    let len = seq.len;
    // Keys transposed (hd, keys rounded up to 16) so 16 scores of a query build up in
    // one register over the head's dimensions; the padding keys are zero.
    let keys_p = len.div_ceil(16) * 16;
    let mut keys_t = vec![0f32; hd * keys_p];
    let width = 3 * shape.hidden;
    let key_col = shape.hidden + head * hd;
    for j in 0..len {
        let at = (seq.start + j) * width + key_col;
        for (d, k) in qkv[at..at + hd].iter().enumerate() {
            keys_t[d * keys_p + j] = *k;
        }
    }
    let plan = HeadPlan {
        qkv,
        shape,
        seq,
        head,
        keys_t: &keys_t,
        keys_p,
    };
    let mut scratch = vec![0f32; GROUP * (keys_p + 2 * hd)];
    let mut i = 0;
    while i + GROUP <= len {
        // SAFETY: queries `i..i + GROUP` lie inside `seq` (our caller's contract).
        unsafe { plan.queries::<GROUP>(i, &mut scratch, dest) };
        i += GROUP;
    }
    while i < len {
        // SAFETY: query `i` lies inside `seq` (our caller's contract).
        unsafe { plan.queries::<1>(i, &mut scratch, dest) };
        i += 1;
    }
}

/// What every query of one (sequence, head) reads.
struct HeadPlan<'a> {
    qkv: &'a [f32],
    shape: Shape,
    seq: SeqSpan,
    head: usize,
    keys_t: &'a [f32],
    keys_p: usize,
}

impl HeadPlan<'_> {
    /// Attention output of queries `i0..i0 + G`, written to `dest`.
    ///
    /// # Safety
    /// `i0 + G <= self.seq.len`, and `dest` holds the rows of `self.seq` whose
    /// `self.head` columns no other thread touches meanwhile (see [`attend`]).
    #[inline(always)]
    unsafe fn queries<const G: usize>(&self, i0: usize, scratch: &mut [f32], dest: Dest) {
        let Shape {
            hidden,
            head_dim: hd,
            scale,
        } = self.shape;
        let (len, keys_p, width) = (self.seq.len, self.keys_p, 3 * hidden);
        let row = |j: usize| (self.seq.start + j) * width;
        let (scores, rest) = scratch.split_at_mut(G * keys_p);
        let (q, out) = rest.split_at_mut(G * hd);
        for g in 0..G {
            let at = row(i0 + g) + self.head * hd;
            for (s, x) in q[g * hd..(g + 1) * hd]
                .iter_mut()
                .zip(&self.qkv[at..at + hd])
            {
                *s = x * scale;
            }
        }
        for j0 in (0..keys_p).step_by(16) {
            let mut acc = [[0f32; 16]; G];
            for d in 0..hd {
                let at = d * keys_p + j0;
                let k: &[f32; 16] = self.keys_t[at..at + 16].try_into().unwrap_or(&[0.0; 16]);
                for (g, acc_g) in acc.iter_mut().enumerate() {
                    let qd = q[g * hd + d];
                    for (a, kv) in acc_g.iter_mut().zip(k) {
                        *a += qd * kv;
                    }
                }
            }
            for (g, acc_g) in acc.iter().enumerate() {
                scores[g * keys_p + j0..g * keys_p + j0 + 16].copy_from_slice(acc_g);
            }
        }
        let mut inv = [0f32; G];
        for (g, inv_g) in inv.iter_mut().enumerate() {
            let s = &mut scores[g * keys_p..g * keys_p + len];
            let mut top = [f32::MIN; 16];
            for c in s.chunks(16) {
                for (t, x) in top.iter_mut().zip(c) {
                    *t = t.max(*x);
                }
            }
            let max = top.iter().fold(f32::MIN, |m, &t| m.max(t));
            let mut sums = [0f32; 16];
            for c in s.chunks_mut(16) {
                for (t, x) in sums.iter_mut().zip(c.iter_mut()) {
                    *x = exp_approx(*x - max);
                    *t += *x;
                }
            }
            *inv_g = 1.0 / sums.iter().sum::<f32>();
        }
        // Context in blocks of 16 dimensions, each summed in a register over keys.
        let value_col = 2 * hidden + self.head * hd;
        let blocks = hd / 16;
        for b in 0..blocks {
            let mut acc = [[0f32; 16]; G];
            for j in 0..len {
                let at = row(j) + value_col + 16 * b;
                let v: &[f32; 16] = self.qkv[at..at + 16].try_into().unwrap_or(&[0.0; 16]);
                for (g, acc_g) in acc.iter_mut().enumerate() {
                    let p = scores[g * keys_p + j];
                    for (a, x) in acc_g.iter_mut().zip(v) {
                        *a += p * x;
                    }
                }
            }
            for (g, acc_g) in acc.iter().enumerate() {
                out[g * hd + 16 * b..g * hd + 16 * b + 16].copy_from_slice(acc_g);
            }
        }
        for g in 0..G {
            for d in 16 * blocks..hd {
                out[g * hd + d] = (0..len)
                    .map(|j| scores[g * keys_p + j] * self.qkv[row(j) + value_col + d])
                    .sum();
            }
        }
        for g in 0..G {
            let at = (self.seq.start + i0 + g) * hidden + self.head * hd;
            // SAFETY: row `seq.start + i0 + g` is inside `seq` and columns
            // `head * hd..(head + 1) * hd` inside `hidden`, so both slices lie in the
            // buffers `dest` points to, and this task alone writes them (see `attend`).
            unsafe {
                let ctx = std::slice::from_raw_parts_mut(dest.ctx.add(at), hd);
                for (c, o) in ctx.iter_mut().zip(&out[g * hd..(g + 1) * hd]) {
                    *c = o * inv[g];
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
}
