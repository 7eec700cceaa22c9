//! The AMX kernel: 16x16 f32 accumulator tiles fed by bf16 tiles (`tdpbf16ps`).
//!
//! Tiles 0-3 accumulate a 32x32 block of the output, tiles 4-5 hold two 16-row
//! strips of the input, tiles 6-7 two 16-column panels of the weights. Rust has no
//! stable AMX intrinsics, so the instructions are written as inline assembly.

use super::matmul::BlockTask;
use std::arch::asm;

/// The 64-byte tile configuration: palette 1, eight tiles of 16 rows x 64 bytes.
#[repr(C, align(64))]
struct TileConfig([u8; 64]);

impl TileConfig {
    fn all_16x64() -> Self {
        let mut bytes = [0u8; 64];
        bytes[0] = 1;
        for tile in 0..8 {
            bytes[16 + 2 * tile] = 64; // bytes per row (u16, little end)
            bytes[48 + tile] = 16; // rows
        }
        TileConfig(bytes)
    }
}

/// Fill `task`'s rectangle of `out` (row stride `task.n`) with input · weights.
///
/// # Safety
/// The CPU must have AMX-BF16 and the process permission to use it
/// ([`super::cpu::has_amx_bf16`]); `task.a` must hold `task.rows.1 * task.k` values,
/// `task.w` `task.k * task.n` in VNNI panel order, and `out` the task's rows at stride
/// `task.n`; rows must be multiples of 16, columns of 32, `task.k` a multiple of 32.
pub unsafe fn run(task: &BlockTask, out: *mut f32) {
    let config = TileConfig::all_16x64();
    let a_stride = task.k * 2;
    let c_stride = task.n * 4;
    let panel = task.k * 16; // u16 per 16-column panel of weights
    let k_blocks = task.k / 32;
    // SAFETY: the caller guarantees AMX is usable (so the tile instructions do not
    // fault) and the buffer sizes above. Every tile load reads 16 rows of 64 bytes:
    // input rows `row..row + 16` (or `+ 32` when `two`) at stride k * 2 bytes, columns
    // `ka..ka + 32` with `ka + 32 <= k`; weight panels `col / 16` and `col / 16 + 1`,
    // 64 bytes per pair-row, inside `task.w` since `col + 32 <= task.cols.1 <= n`.
    // Every tile store writes 16 rows of 16 f32 at `(row, col)` and `(row, col + 16)`
    // (and 16 rows further down when `two`), all inside the task's rectangle of `out`.
    unsafe {
        asm!("ldtilecfg [{0}]", in(reg) config.0.as_ptr(), options(nostack));
        // Columns outer: one 32-column panel of weights is read from memory once and
        // then serves every row of the task from cache.
        for col in (task.cols.0..task.cols.1).step_by(32) {
            let mut row = task.rows.0;
            while row < task.rows.1 {
                let two = row + 32 <= task.rows.1;
                let a0 = task.a.as_ptr().add(row * task.k);
                let a1 = a0.add(16 * task.k);
                let b0 = task.w.as_ptr().add((col / 16) * panel);
                let b1 = b0.add(panel);
                let c = out.add(row * task.n + col);
                asm!(
                    "tilezero tmm0",
                    "tilezero tmm1",
                    "tilezero tmm2",
                    "tilezero tmm3",
                    options(nostack)
                );
                for kb in 0..k_blocks {
                    let (ka, kw) = (kb * 32, kb * 512);
                    if two {
                        asm!(
                            "tileloadd tmm4, [{a0} + {sa}*1]",
                            "tileloadd tmm5, [{a1} + {sa}*1]",
                            "tileloadd tmm6, [{b0} + {sb}*1]",
                            "tileloadd tmm7, [{b1} + {sb}*1]",
                            "tdpbf16ps tmm0, tmm4, tmm6",
                            "tdpbf16ps tmm1, tmm4, tmm7",
                            "tdpbf16ps tmm2, tmm5, tmm6",
                            "tdpbf16ps tmm3, tmm5, tmm7",
                            a0 = in(reg) a0.add(ka), a1 = in(reg) a1.add(ka),
                            b0 = in(reg) b0.add(kw), b1 = in(reg) b1.add(kw),
                            sa = in(reg) a_stride, sb = in(reg) 64usize,
                            options(nostack, readonly)
                        );
                    } else {
                        asm!(
                            "tileloadd tmm4, [{a0} + {sa}*1]",
                            "tileloadd tmm6, [{b0} + {sb}*1]",
                            "tileloadd tmm7, [{b1} + {sb}*1]",
                            "tdpbf16ps tmm0, tmm4, tmm6",
                            "tdpbf16ps tmm1, tmm4, tmm7",
                            a0 = in(reg) a0.add(ka),
                            b0 = in(reg) b0.add(kw), b1 = in(reg) b1.add(kw),
                            sa = in(reg) a_stride, sb = in(reg) 64usize,
                            options(nostack, readonly)
                        );
                    }
                }
                asm!(
                    "tilestored [{c0} + {sc}*1], tmm0",
                    "tilestored [{c1} + {sc}*1], tmm1",
                    c0 = in(reg) c, c1 = in(reg) c.add(16), sc = in(reg) c_stride,
                    options(nostack)
                );
                if two {
                    let c2 = c.add(16 * task.n);
                    asm!(
                        "tilestored [{c2} + {sc}*1], tmm2",
                        "tilestored [{c3} + {sc}*1], tmm3",
                        c2 = in(reg) c2, c3 = in(reg) c2.add(16), sc = in(reg) c_stride,
                        options(nostack)
                    );
                }
                row += if two { 32 } else { 16 };
            }
        }
        asm!("tilerelease", options(nostack));
    }
}
