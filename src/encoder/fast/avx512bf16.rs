//! The AVX-512 BF16 kernel (`vdpbf16ps`), for CPUs with AVX512_BF16 but no AMX.
//!
//! An 8x32 block of the output lives in 16 registers; each step broadcasts one bf16
//! pair of an input row and multiplies it with one pair-row of two weight panels.

use super::matmul::BlockTask;

/// Fill `task`'s rectangle of `out` (row stride `task.n`) with input · weights.
///
/// # Safety
/// The CPU must have AVX512F and AVX512_BF16; `task.a` must hold `task.rows.1 * task.k`
/// values, `task.w` `task.k * task.n` in VNNI panel order, and `out` the task's rows at
/// stride `task.n`; rows must be multiples of 8, columns of 32, `task.k` even.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16")]
pub unsafe fn run(task: &BlockTask, out: *mut f32) {
    use std::arch::x86_64::*;
    let panel = task.k * 16;
    let pairs = task.k / 2;
    for col in (task.cols.0..task.cols.1).step_by(32) {
        for row in (task.rows.0..task.rows.1).step_by(8) {
            // SAFETY: the caller guarantees the CPU features and the buffer sizes. The
            // loads read pair-rows `p < k / 2` of weight panels `col / 16` and
            // `col / 16 + 1` (32 u16 each, inside `task.w` as `col + 32 <= n`) and one
            // i32 (a bf16 pair) of input rows `row..row + 8 <= task.rows.1`; the stores
            // write 32 f32 of rows `row..row + 8` at column `col`, inside the task's
            // rectangle. `__m512bh` and `__m512i` are both 64 plain bytes, so the
            // transmutes reinterpret bits only.
            unsafe {
                let b0 = task.w.as_ptr().add((col / 16) * panel);
                let b1 = b0.add(panel);
                let a = task.a.as_ptr().add(row * task.k) as *const i32;
                let mut acc = [[_mm512_setzero_ps(); 2]; 8];
                for p in 0..pairs {
                    let w0: __m512bh =
                        std::mem::transmute(_mm512_loadu_si512(b0.add(p * 32) as *const _));
                    let w1: __m512bh =
                        std::mem::transmute(_mm512_loadu_si512(b1.add(p * 32) as *const _));
                    for (r, acc_row) in acc.iter_mut().enumerate() {
                        let x: __m512bh =
                            std::mem::transmute(_mm512_set1_epi32(*a.add(r * pairs + p)));
                        acc_row[0] = _mm512_dpbf16_ps(acc_row[0], x, w0);
                        acc_row[1] = _mm512_dpbf16_ps(acc_row[1], x, w1);
                    }
                }
                for (r, acc_row) in acc.iter().enumerate() {
                    let c = out.add((row + r) * task.n + col);
                    _mm512_storeu_ps(c, acc_row[0]);
                    _mm512_storeu_ps(c.add(16), acc_row[1]);
                }
            }
        }
    }
}

/// Never called: the kernel is chosen only on x86-64 CPUs that have it.
///
/// # Safety
/// None needed (it only panics); `unsafe` keeps the signature of the x86-64 kernel.
#[cfg(not(target_arch = "x86_64"))]
pub unsafe fn run(_task: &BlockTask, _out: *mut f32) {
    unreachable!("AVX-512 BF16 kernel on a non-x86 target")
}
