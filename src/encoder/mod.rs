//! The base sentence encoder (all-MiniLM-L6-v2): files, tokenizer and BERT.

pub mod bert;
pub mod fast;
pub mod fetch;
pub mod files;

use anyhow::{Context, Result};
use bert::{Bert, BertConfig};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use fast::{FastBert, MatmulKernel};
pub use files::{ModelFiles, ModelSource};
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};
use tokenizers::{EncodeInput, PaddingParams, Tokenizer, TruncationParams};

/// Longest input in tokens; longer statements are cut (the model saw 512 at most).
pub const MAX_TOKENS: usize = 256;

/// A tokenized batch, padded to its longest member.
pub struct TokenBatch {
    /// Token ids, (batch, len) u32.
    pub ids: Tensor,
    /// Segment ids (0 first text, 1 second text of a pair), (batch, len) u32.
    pub type_ids: Tensor,
    /// 1 for real tokens, 0 for padding, (batch, len) u32.
    pub mask: Tensor,
    /// The tokenizer's encodings, for offsets back into the text.
    pub encodings: Vec<tokenizers::Encoding>,
}

/// Which code runs the encoder at inference time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// The fast path with the best kernel of this CPU (bf16 products where it has them).
    Auto,
    /// The fast path with bf16 products (AMX or AVX-512 BF16); an error without them.
    Bf16,
    /// The fast path with AVX-512 BF16 products even where AMX is there (to compare).
    #[value(name = "avx512-bf16")]
    Avx512Bf16,
    /// The fast path with f32 products.
    F32,
    /// candle's tensor ops: the reference, and the path training differentiates.
    Candle,
}

static DEFAULT_ENGINE: AtomicU8 = AtomicU8::new(0);

impl Engine {
    const ALL: [Engine; 5] = [
        Engine::Auto,
        Engine::Bf16,
        Engine::Avx512Bf16,
        Engine::F32,
        Engine::Candle,
    ];

    /// The engine `Encoder::load` uses unless told otherwise (set once by the CLI).
    pub fn set_default(engine: Engine) {
        let at = Self::ALL.iter().position(|&e| e == engine).unwrap_or(0);
        DEFAULT_ENGINE.store(at as u8, Ordering::Relaxed);
    }

    /// See [`Engine::set_default`].
    pub fn default_engine() -> Engine {
        Self::ALL[DEFAULT_ENGINE.load(Ordering::Relaxed) as usize % Self::ALL.len()]
    }

    /// The matrix-product kernel this engine runs here, or None for candle.
    pub fn kernel(self) -> Result<Option<MatmulKernel>> {
        Ok(match self {
            Engine::Auto => Some(fast::cpu::best_kernel()),
            Engine::F32 => Some(MatmulKernel::F32),
            Engine::Candle => None,
            Engine::Avx512Bf16 if fast::cpu::has_avx512_bf16() => Some(MatmulKernel::Avx512Bf16),
            Engine::Avx512Bf16 => {
                anyhow::bail!("--engine avx512-bf16: this CPU has no AVX512_BF16")
            }
            Engine::Bf16 => match fast::cpu::best_kernel() {
                MatmulKernel::F32 => anyhow::bail!(
                    "--engine bf16: this CPU has neither AMX nor AVX-512 BF16; use --engine f32"
                ),
                k => Some(k),
            },
        })
    }
}

/// The tokenizer and BERT weights of the base encoder.
pub struct Encoder {
    pub bert: Bert,
    pub config: BertConfig,
    pub tokenizer: Tokenizer,
    pub device: Device,
    pub files: ModelFiles,
    /// The packed inference copy of `bert`; None runs candle's ops.
    pub fast: Option<FastBert>,
}

impl Encoder {
    /// Load from a resolved model folder (f32 on the CPU), on the default engine.
    pub fn load(files: &ModelFiles) -> Result<Self> {
        Self::load_with(files, Engine::default_engine())
    }

    /// Load from a resolved model folder, on `engine`.
    pub fn load_with(files: &ModelFiles, engine: Engine) -> Result<Self> {
        let device = Device::Cpu;
        let config_path = files.config();
        let config_text = std::fs::read_to_string(&config_path)
            .with_context(|| format!("cannot read {}", config_path.display()))?;
        let config: BertConfig = serde_json::from_str(&config_text)
            .with_context(|| format!("{}: not a BERT config", config_path.display()))?;
        let tokenizer = load_tokenizer(&files.tokenizer())?;
        let weights = files.weights();
        let corrupt = || {
            format!(
                "{}: cannot load the weights (truncated or corrupt file?); delete it and {}",
                weights.display(),
                files::FETCH_HINT
            )
        };
        // SAFETY: the file is mapped read-only; stancemap never writes it while mapped.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[&weights], DType::F32, &device) }
            .with_context(corrupt)?;
        let bert = Bert::load(vb, &config).with_context(corrupt)?;
        let mut encoder = Encoder {
            bert,
            config,
            tokenizer,
            device,
            files: files.clone(),
            fast: None,
        };
        encoder.use_engine(engine)?;
        Ok(encoder)
    }

    /// Run inference on `engine` from now on (packs `bert` again for the fast path,
    /// so call it after changing the weights).
    pub fn use_engine(&mut self, engine: Engine) -> Result<()> {
        self.fast = match engine.kernel()? {
            Some(kernel) => Some(FastBert::from_bert(&self.bert, &self.config, kernel)?),
            None => None,
        };
        Ok(())
    }

    /// The engine in use, as a short name (`candle`, `f32`, `amx-bf16`, ...).
    pub fn engine_name(&self) -> &'static str {
        self.fast.as_ref().map_or("candle", |f| f.kernel().name())
    }

    /// Resolve the model (fetching it on first use when `fetch_if_missing`) and load it
    /// on `engine`.
    pub fn locate_and_load(
        model_dir: Option<&Path>,
        fetch_if_missing: bool,
        engine: Engine,
    ) -> Result<Self> {
        let files = match files::resolve(model_dir)? {
            Some(f) => f,
            None if fetch_if_missing => {
                let dest = match model_dir {
                    Some(d) => d.to_path_buf(),
                    None => files::default_fetch_dir()?,
                };
                eprintln!(
                    "the base encoder is not here yet; fetching it into {}",
                    dest.display()
                );
                fetch::fetch(&dest)?
            }
            None => anyhow::bail!("the base encoder was not found; {}", files::FETCH_HINT),
        };
        Self::load_with(&files, engine)
    }

    /// Tokenize single texts or (text, text) pairs, padded to the longest.
    pub fn tokenize<'s, I>(&self, inputs: Vec<I>) -> Result<TokenBatch>
    where
        I: Into<EncodeInput<'s>> + Send,
    {
        let encodings = self
            .tokenizer
            .encode_batch(inputs, true)
            .map_err(anyhow::Error::msg)
            .context("tokenization failed")?;
        let b = encodings.len();
        let len = encodings.iter().map(|e| e.len()).max().unwrap_or(0).max(1);
        let mut ids = vec![0u32; b * len];
        let mut types = vec![0u32; b * len];
        let mut mask = vec![0u32; b * len];
        for (i, e) in encodings.iter().enumerate() {
            let row = i * len;
            ids[row..row + e.len()].copy_from_slice(e.get_ids());
            types[row..row + e.len()].copy_from_slice(e.get_type_ids());
            mask[row..row + e.len()].copy_from_slice(e.get_attention_mask());
        }
        let t = |v: Vec<u32>| Tensor::from_vec(v, (b, len), &self.device);
        Ok(TokenBatch {
            ids: t(ids)?,
            type_ids: t(types)?,
            mask: t(mask)?,
            encodings,
        })
    }

    /// Last-layer token states of a batch, (batch, len, hidden).
    pub fn token_states(&self, batch: &TokenBatch) -> Result<Tensor> {
        match &self.fast {
            Some(fast) => {
                let seqs: Vec<(&[u32], &[u32])> = batch
                    .encodings
                    .iter()
                    .map(|e| (e.get_ids(), e.get_type_ids()))
                    .collect();
                fast.forward(&seqs)?.to_padded_tensor(batch.ids.dim(1)?)
            }
            None => Ok(self
                .bert
                .forward(&batch.ids, &batch.type_ids, &batch.mask)?),
        }
    }

    /// Mean-pooled, L2-normalized sentence vectors, one per text.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        if let Some(fast) = &self.fast {
            let encodings = self
                .tokenizer
                .encode_batch(texts.to_vec(), true)
                .map_err(anyhow::Error::msg)
                .context("tokenization failed")?;
            let seqs: Vec<(&[u32], &[u32])> = encodings
                .iter()
                .map(|e| (e.get_ids(), e.get_type_ids()))
                .collect();
            return Ok(fast.forward(&seqs)?.mean_pooled_normalized());
        }
        let batch = self.tokenize(texts.to_vec())?;
        let states = self.token_states(&batch)?;
        let pooled = bert::l2_normalize(&bert::mean_pool(&states, &batch.mask)?)?;
        Ok(pooled.to_vec2::<f32>()?)
    }

    /// Number of parameters of the BERT weights.
    pub fn parameter_count(&self) -> Result<usize> {
        // SAFETY: read-only mapping of a file stancemap does not modify.
        let tensors =
            unsafe { candle_core::safetensors::MmapedSafetensors::new(self.files.weights())? };
        Ok(tensors
            .tensors()
            .iter()
            .map(|(_, v)| v.shape().iter().product::<usize>())
            .sum())
    }
}

/// Load `tokenizer.json` with padding off (the shipped file pads every input to 128)
/// and truncation at [`MAX_TOKENS`].
pub fn load_tokenizer(path: &Path) -> Result<Tokenizer> {
    let mut tokenizer = Tokenizer::from_file(path)
        .map_err(anyhow::Error::msg)
        .with_context(|| {
            format!(
                "{}: cannot load the tokenizer; {}",
                path.display(),
                files::FETCH_HINT
            )
        })?;
    // Padding is done per batch in `tokenize`, to the longest member only.
    tokenizer.with_padding(None::<PaddingParams>);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: MAX_TOKENS,
            ..Default::default()
        }))
        .map_err(anyhow::Error::msg)?;
    Ok(tokenizer)
}

/// Cosine similarity of two vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb).max(1e-12)
}
