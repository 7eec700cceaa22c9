//! What the CPU can do for the matrix products, detected once at run time.

use std::sync::OnceLock;

/// A matrix-product kernel this CPU can run.
///
/// Only the detection functions of this module make one ([`MatmulKernel::best`],
/// [`MatmulKernel::amx`], [`MatmulKernel::avx512_bf16`], [`MatmulKernel::f32`]), so
/// holding one proves the CPU has its instructions: the kernels' `unsafe` entry points
/// rely on that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatmulKernel(Kind);

/// Which kernel a [`MatmulKernel`] is; readable anywhere, but only this module turns
/// one into a `MatmulKernel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Intel AMX tiles (`tdpbf16ps`): bf16 inputs, f32 accumulation.
    Amx,
    /// AVX-512 BF16 dot products (`vdpbf16ps`): bf16 inputs, f32 accumulation.
    Avx512Bf16,
    /// f32 throughout, through the `gemm` crate.
    F32,
}

impl MatmulKernel {
    /// The f32 kernel (portable: it runs on every CPU).
    pub fn f32() -> Self {
        MatmulKernel(Kind::F32)
    }

    /// The AMX kernel, when this CPU has AMX-BF16 and Linux lets this process use it.
    pub fn amx() -> Option<Self> {
        has_amx_bf16().then_some(MatmulKernel(Kind::Amx))
    }

    /// The AVX-512 BF16 kernel, when this CPU has it.
    pub fn avx512_bf16() -> Option<Self> {
        has_avx512_bf16().then_some(MatmulKernel(Kind::Avx512Bf16))
    }

    /// The best kernel this CPU runs: AMX, else AVX-512 BF16, else f32.
    pub fn best() -> Self {
        Self::amx()
            .or_else(Self::avx512_bf16)
            .unwrap_or_else(Self::f32)
    }

    /// Which kernel this is.
    pub(crate) fn kind(self) -> Kind {
        self.0
    }

    /// Short name for reports.
    pub fn name(self) -> &'static str {
        match self.0 {
            Kind::Amx => "amx-bf16",
            Kind::Avx512Bf16 => "avx512-bf16",
            Kind::F32 => "f32",
        }
    }

    /// Whether the kernel reads its left operand in bf16.
    pub fn reads_bf16(self) -> bool {
        !matches!(self.0, Kind::F32)
    }
}

/// Whether AVX-512 F/BW/VL are there (the elementwise loops use them).
pub(crate) fn has_avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("avx512bw")
            && is_x86_feature_detected!("avx512vl")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether `vdpbf16ps` can run.
pub(crate) fn has_avx512_bf16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        has_avx512() && is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether AMX bf16 tiles can run: the CPU has them, the OS saves their state, and
/// Linux granted this process permission to use them (asked for once).
pub(crate) fn has_amx_bf16() -> bool {
    static AMX: OnceLock<bool> = OnceLock::new();
    *AMX.get_or_init(detect_amx)
}

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
fn detect_amx() -> bool {
    use std::arch::x86_64::__cpuid_count;
    // CPUID.(EAX=7,ECX=0):EDX bit 22 AMX-BF16, bit 24 AMX-TILE.
    let leaf = __cpuid_count(7, 0);
    let cpu_has = (leaf.edx >> 22) & 1 == 1 && (leaf.edx >> 24) & 1 == 1;
    if !cpu_has || !has_avx512() {
        return false;
    }
    const ARCH_REQ_XCOMP_PERM: libc::c_long = 0x1023;
    const XFEATURE_XTILEDATA: libc::c_long = 18;
    // SAFETY: arch_prctl with these arguments only changes this process's permissions.
    let granted = unsafe {
        libc::syscall(
            libc::SYS_arch_prctl,
            ARCH_REQ_XCOMP_PERM,
            XFEATURE_XTILEDATA,
        )
    };
    granted == 0
}

#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
fn detect_amx() -> bool {
    false
}
