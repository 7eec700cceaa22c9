//! Linear layers packed for the matrix-product kernels, and the product itself.
//!
//! `out = input · W + bias` over row-major activations. Rows are processed in blocks
//! of 16, so every activation buffer holds its row count rounded up to 16.

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
use super::amx;
use super::avx512bf16;
use super::cpu::{Kind, MatmulKernel};
use super::ops::{self, to_bf16};
use rayon::prelude::*;

/// Rows per block of the bf16 kernels; activation buffers are padded to it.
pub const ROW_BLOCK: usize = 16;

/// Rows rounded up to a whole number of row blocks.
pub fn padded_rows(rows: usize) -> usize {
    rows.div_ceil(ROW_BLOCK) * ROW_BLOCK
}

/// The left operand of a product: row-major, `k` values per row.
#[derive(Clone, Copy)]
pub enum Operand<'a> {
    F32(&'a [f32]),
    Bf16(&'a [u16]),
}

/// Weights of one linear layer in the order its kernel reads them.
pub enum PackedWeights {
    /// (k, n) row-major.
    F32(Vec<f32>),
    /// bf16 in VNNI order: panels of 16 output columns, each (k / 2, 16, 2).
    Bf16Vnni(Vec<u16>),
}

/// What is applied to each output value after the bias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    Identity,
    Gelu,
}

/// A linear layer (`in_features` -> `out_features`) ready for one kernel.
pub struct PackedLinear {
    /// Input features (k).
    pub k: usize,
    /// Output features (n).
    pub n: usize,
    /// Bias, n values.
    pub bias: Vec<f32>,
    /// The kernel these weights were packed for.
    pub kernel: MatmulKernel,
    weights: PackedWeights,
}

impl PackedLinear {
    /// Pack a weight given as PyTorch stores it: (n, k) row-major, out features first.
    ///
    /// Shapes the bf16 kernels cannot take (k or n not a multiple of 32) fall back to f32.
    pub fn pack(
        weight_nk: &[f32],
        bias: Vec<f32>,
        n: usize,
        k: usize,
        kernel: MatmulKernel,
    ) -> Self {
        assert_eq!(weight_nk.len(), n * k, "weight size");
        let kernel = if kernel.reads_bf16() && (!k.is_multiple_of(32) || !n.is_multiple_of(32)) {
            MatmulKernel::f32()
        } else {
            kernel
        };
        let weights = if kernel.reads_bf16() {
            let mut packed = vec![0u16; k * n];
            for col in 0..n {
                let (panel, lane) = (col / 16, col % 16);
                for row in 0..k {
                    let at = panel * k * 16 + (row / 2) * 32 + lane * 2 + row % 2;
                    packed[at] = to_bf16(weight_nk[col * k + row]);
                }
            }
            PackedWeights::Bf16Vnni(packed)
        } else {
            let mut t = vec![0f32; k * n];
            for col in 0..n {
                for row in 0..k {
                    t[row * n + col] = weight_nk[col * k + row];
                }
            }
            PackedWeights::F32(t)
        };
        PackedLinear {
            k,
            n,
            bias,
            kernel,
            weights,
        }
    }

    /// `out[..rows * n] = input · W + bias`; `out` holds `padded_rows(rows) * n` values.
    pub fn forward(&self, input: Operand, rows: usize, out: &mut [f32]) {
        self.forward_with(input, rows, out, Activation::Identity, None)
    }

    /// `act(input · W + bias)`, into `out16` as bf16 when given (then `out` is scratch),
    /// else into `out`. The bf16 kernels apply it while the block is still in cache.
    pub fn forward_with(
        &self,
        input: Operand,
        rows: usize,
        out: &mut [f32],
        act: Activation,
        out16: Option<&mut [u16]>,
    ) {
        let rows16 = padded_rows(rows);
        assert!(out.len() >= rows16 * self.n, "output buffer too small");
        match (&self.weights, input) {
            (PackedWeights::F32(w), input) => {
                let widened;
                let a = match input {
                    Operand::F32(a) => a,
                    // A layer that fell back to f32 inside a bf16 model.
                    Operand::Bf16(a) => {
                        widened = a[..rows * self.k]
                            .iter()
                            .map(|&h| f32::from_bits((h as u32) << 16))
                            .collect::<Vec<f32>>();
                        &widened
                    }
                };
                self.forward_f32(w, a, rows, out);
                if act == Activation::Gelu || out16.is_some() {
                    let gelu = act == Activation::Gelu;
                    ops::gelu_all(&mut out[..rows * self.n], self.n, gelu, out16);
                }
            }
            (PackedWeights::Bf16Vnni(w), Operand::Bf16(a)) => {
                let padded;
                let a = if a.len() >= rows16 * self.k {
                    a
                } else {
                    // The kernels read whole blocks of 16 rows.
                    padded = [a, &vec![0u16; rows16 * self.k - a.len()]].concat();
                    &padded
                };
                let out16 = out16.map(|o| {
                    assert!(o.len() >= rows * self.n, "bf16 output buffer too small");
                    o.as_mut_ptr()
                });
                self.forward_bf16(w, a, rows, out, act, out16)
            }
            (PackedWeights::Bf16Vnni(_), Operand::F32(_)) => {
                panic!("a bf16 layer needs a bf16 operand")
            }
        }
    }

    fn forward_f32(&self, w: &[f32], a: &[f32], rows: usize, out: &mut [f32]) {
        let (k, n) = (self.k, self.n);
        assert!(a.len() >= rows * k, "input buffer too small");
        for row in out[..rows * n].chunks_exact_mut(n) {
            row.copy_from_slice(&self.bias);
        }
        let threads = rayon::current_num_threads();
        let parallelism = if threads > 1 && rows * n * k > 1 << 16 {
            gemm::Parallelism::Rayon(threads)
        } else {
            gemm::Parallelism::None
        };
        // SAFETY: the slices hold rows*k, k*n and rows*n values (checked above), all
        // row-major with the strides given; dst = 1·dst + 1·(a·w).
        unsafe {
            gemm::gemm(
                rows,
                n,
                k,
                out.as_mut_ptr(),
                1,
                n as isize,
                true,
                a.as_ptr(),
                1,
                k as isize,
                w.as_ptr(),
                1,
                n as isize,
                1.0,
                1.0,
                false,
                false,
                false,
                parallelism,
            );
        }
    }

    fn forward_bf16(
        &self,
        w: &[u16],
        a: &[u16],
        rows: usize,
        out: &mut [f32],
        act: Activation,
        out16: Option<*mut u16>,
    ) {
        let rows16 = padded_rows(rows);
        let (k, n) = (self.k, self.n);
        assert!(w.len() == k * n && a.len() >= rows16 * k && out.len() >= rows16 * n);
        let row_blocks = rows16 / ROW_BLOCK;
        let col_blocks = n / 32;
        // Tasks split the rows when there are many (each task then reads every weight
        // once), else the columns, so small batches do not re-read the weights per row.
        let threads = rayon::current_num_threads();
        let mut tasks = Vec::new();
        if row_blocks >= 4 * threads {
            let per_task = row_blocks.div_ceil(3 * threads);
            for rb in (0..row_blocks).step_by(per_task) {
                tasks.push((rb, (rb + per_task).min(row_blocks), 0, col_blocks));
            }
        } else {
            let per_task = col_blocks.div_ceil(2 * threads).max(1);
            for cb in (0..col_blocks).step_by(per_task) {
                tasks.push((0, row_blocks, cb, (cb + per_task).min(col_blocks)));
            }
        }
        let out_ptr = SendPtr(out.as_mut_ptr());
        let out16_ptr = SendPtr(out16.unwrap_or(std::ptr::null_mut()));
        let kernel = self.kernel;
        tasks.into_par_iter().for_each(|(r0, r1, c0, c1)| {
            let block = BlockTask {
                a,
                w,
                k,
                n,
                rows: (r0 * ROW_BLOCK, r1 * ROW_BLOCK),
                cols: (c0 * 32, c1 * 32),
            };
            let out = out_ptr;
            // SAFETY: `kernel` is a bf16 kernel (these weights were packed for one) that
            // CPU detection produced; tasks cover disjoint (row, column) rectangles of
            // `out`, which holds rows16 * n values; `a` holds rows16 * k and `w` k * n
            // (checked above and in `forward_with`); rows are whole blocks of 16 and
            // columns of 32, and k is a multiple of 32 (`pack` falls back otherwise).
            unsafe { run_bf16_kernel(kernel, &block, out.0) }
            let out16 = out16_ptr;
            let cols = block.cols.1 - block.cols.0;
            let bias = &self.bias[block.cols.0..block.cols.1];
            for row in block.rows.0..block.rows.1.min(rows) {
                // SAFETY: as above; this task owns these columns of these rows, and
                // `out16`, when not null, holds rows * n values.
                let (dst, dst16) = unsafe {
                    let at = row * n + block.cols.0;
                    let dst = std::slice::from_raw_parts_mut(out.0.add(at), cols);
                    let dst16 = (!out16.0.is_null())
                        .then(|| std::slice::from_raw_parts_mut(out16.0.add(at), cols));
                    (dst, dst16)
                };
                ops::finish_row(dst, bias, act == Activation::Gelu, dst16);
            }
        });
    }
}

/// Run the bf16 kernel `kernel` on one task.
///
/// # Safety
/// `kernel` must read bf16 (AMX or AVX-512 BF16; a `MatmulKernel` exists only when
/// CPU detection found it); `task.a` must hold `task.rows.1 * task.k` values, `task.w`
/// `task.k * task.n` in VNNI panel order, and `out` the task's rows at stride `task.n`;
/// rows must be multiples of 16, columns of 32, and `task.k` a multiple of 32.
unsafe fn run_bf16_kernel(kernel: MatmulKernel, task: &BlockTask, out: *mut f32) {
    match kernel.kind() {
        #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
        // SAFETY: the caller's contract is `amx::run`'s; detection granted AMX.
        Kind::Amx => unsafe { amx::run(task, out) },
        // SAFETY: the caller's contract is `avx512bf16::run`'s; detection found the CPU
        // features.
        Kind::Avx512Bf16 => unsafe { avx512bf16::run(task, out) },
        // `pack` stores bf16 weights only for bf16 kernels, and an AMX kernel is only
        // made on x86-64 Linux.
        _ => unreachable!("{} kernel on bf16 weights", kernel.name()),
    }
}

/// One rectangle of a bf16 product for a kernel to fill.
pub struct BlockTask<'a> {
    /// Left operand, bf16 row-major with `k` per row.
    pub a: &'a [u16],
    /// Weights in VNNI panel order.
    pub w: &'a [u16],
    pub k: usize,
    pub n: usize,
    /// Row range, multiples of 16.
    pub rows: (usize, usize),
    /// Column range, multiples of 32.
    pub cols: (usize, usize),
}

/// A raw pointer handed to parallel tasks that write disjoint parts of one buffer.
struct SendPtr<T>(*mut T);
impl<T> Clone for SendPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for SendPtr<T> {}
// SAFETY: used only to hand disjoint parts of one buffer to parallel tasks.
unsafe impl<T> Send for SendPtr<T> {}
// SAFETY: as for `Send`: no two tasks touch the same element through it.
unsafe impl<T> Sync for SendPtr<T> {}
