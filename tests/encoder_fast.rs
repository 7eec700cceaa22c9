//! The fast encoder path against the candle reference, through the public API (the
//! kernels themselves are tested inside the crate, in `encoder::fast::tests`).

mod common;

use stancemap::encoder::{Backend, Encoder, Engine, MatmulKernel, ModelFiles, ModelSource, cosine};

fn files() -> ModelFiles {
    ModelFiles {
        dir: common::model_dir(),
        source: ModelSource::Flag,
    }
}

/// The bf16 kernels this CPU can run.
fn bf16_kernels() -> Vec<MatmulKernel> {
    MatmulKernel::avx512_bf16()
        .into_iter()
        .chain(MatmulKernel::amx())
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

/// Sentence vectors of [`sentences`] on `backend`.
fn embeddings(backend: Backend) -> Vec<Vec<f32>> {
    let enc = Encoder::load(&files(), backend).unwrap();
    assert_eq!(enc.backend(), backend);
    let texts = sentences();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    enc.embed(&refs).unwrap()
}

#[test]
fn fast_f32_matches_candle_per_sentence() {
    let want = embeddings(Backend::Candle);
    let got = embeddings(Backend::Fast(MatmulKernel::f32()));
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let c = cosine(g, w);
        assert!(c >= 0.9999, "sentence {i}: cosine {c}");
    }
}

#[test]
fn bf16_kernels_stay_close_to_candle() {
    let want = embeddings(Backend::Candle);
    for kernel in bf16_kernels() {
        let got = embeddings(Backend::Fast(kernel));
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
fn engines_resolve_only_to_kernels_this_cpu_has() {
    assert_eq!(Engine::Candle.resolve().unwrap(), Backend::Candle);
    assert_eq!(
        Engine::F32.resolve().unwrap(),
        Backend::Fast(MatmulKernel::f32())
    );
    assert_eq!(Engine::Auto.resolve().unwrap(), Backend::best());
    match MatmulKernel::avx512_bf16() {
        Some(k) => assert_eq!(Engine::Avx512Bf16.resolve().unwrap(), Backend::Fast(k)),
        None => assert!(Engine::Avx512Bf16.resolve().is_err()),
    }
    assert_eq!(Engine::Bf16.resolve().is_ok(), !bf16_kernels().is_empty());
}
