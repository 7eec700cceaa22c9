//! The base sentence encoder (all-MiniLM-L6-v2): files, tokenizer and BERT.

pub mod bert;
pub(crate) mod fast;
pub mod fetch;
pub mod files;

use anyhow::{Context, Result};
use bert::{Bert, BertConfig};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use fast::FastBert;
pub use fast::MatmulKernel;
pub use files::{ModelFiles, ModelSource};
use std::path::Path;
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
    /// The tokenizer's encodings, for offsets (code points) back into the text.
    pub encodings: Vec<tokenizers::Encoding>,
}

/// Which code runs the encoder at inference time, as a user asks for it; turned into
/// a [`Backend`] once, by [`Engine::resolve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Engine {
    /// The fast path with the best kernel of this CPU (bf16 products where it has them).
    #[default]
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

impl Engine {
    /// The backend this engine runs on this CPU, or an error when the CPU lacks it.
    pub fn resolve(self) -> Result<Backend> {
        Ok(match self {
            Engine::Auto => Backend::Fast(MatmulKernel::best()),
            Engine::F32 => Backend::Fast(MatmulKernel::f32()),
            Engine::Candle => Backend::Candle,
            Engine::Avx512Bf16 => Backend::Fast(
                MatmulKernel::avx512_bf16()
                    .context("--engine avx512-bf16: this CPU has no AVX512_BF16")?,
            ),
            Engine::Bf16 => Backend::Fast(
                MatmulKernel::amx()
                    .or_else(MatmulKernel::avx512_bf16)
                    .context(
                        "--engine bf16: this CPU has neither AMX nor AVX-512 BF16; use --engine f32",
                    )?,
            ),
        })
    }
}

/// What runs the encoder at inference: candle's ops, or the fast path on a kernel
/// this CPU has (a [`MatmulKernel`] exists only where detection found it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Candle,
    Fast(MatmulKernel),
}

impl Backend {
    /// The fast path on the best kernel of this CPU (what `--engine auto` resolves to).
    pub fn best() -> Self {
        Backend::Fast(MatmulKernel::best())
    }

    /// Short name for reports (`candle`, `f32`, `amx-bf16`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Backend::Candle => "candle",
            Backend::Fast(kernel) => kernel.name(),
        }
    }
}

/// The tokenizer and BERT weights of the base encoder.
///
/// The candle model is fixed once built; the fast path, when chosen, is packed from
/// it at construction ([`Encoder::with_bert`] makes a new encoder for new weights),
/// so the two can never disagree.
pub struct Encoder {
    bert: Bert,
    pub config: BertConfig,
    pub tokenizer: Tokenizer,
    pub device: Device,
    pub files: ModelFiles,
    /// sha256 of `files.weights()`, computed when loading.
    pub weights_sha256: String,
    /// The packed inference copy of `bert`; None runs candle's ops.
    fast: Option<FastBert>,
}

impl Encoder {
    /// Load from a resolved model folder (f32 on the CPU), inferring on `backend`.
    ///
    /// The config is validated and the weights' sha256 checked against the known
    /// all-MiniLM-L6-v2: a mismatch is an error, or only a warning when the user named
    /// the folder (`--model-dir`, `$STANCEMAP_MODEL_DIR`).
    pub fn load(files: &ModelFiles, backend: Backend) -> Result<Self> {
        let device = Device::Cpu;
        let config = BertConfig::from_file(&files.config())?;
        let tokenizer = load_tokenizer(&files.tokenizer())?;
        let weights = files.weights();
        let weights_sha256 = files::check_weights(files)?;
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
        let fast = pack(&bert, &config, backend)?;
        Ok(Encoder {
            bert,
            config,
            tokenizer,
            device,
            files: files.clone(),
            weights_sha256,
            fast,
        })
    }

    /// This encoder with other weights (e.g. fine-tuned layers), packed anew for
    /// `backend`.
    pub fn with_bert(self, bert: Bert, backend: Backend) -> Result<Self> {
        let fast = pack(&bert, &self.config, backend)?;
        Ok(Encoder { bert, fast, ..self })
    }

    /// The candle model (the reference, and what training starts from).
    pub fn bert(&self) -> &Bert {
        &self.bert
    }

    /// What runs inference.
    pub fn backend(&self) -> Backend {
        self.fast
            .as_ref()
            .map_or(Backend::Candle, |f| Backend::Fast(f.kernel()))
    }

    /// The engine in use, as a short name (`candle`, `f32`, `amx-bf16`, ...).
    pub fn engine_name(&self) -> &'static str {
        self.backend().name()
    }

    /// Resolve the model and load it on `backend`. Only when no folder was named and
    /// the model is nowhere does `fetch_if_missing` fetch it, into our own cache: a
    /// folder the user named is never written to.
    pub fn locate_and_load(
        model_dir: Option<&Path>,
        fetch_if_missing: bool,
        backend: Backend,
    ) -> Result<Self> {
        let files = match files::resolve(model_dir)? {
            Some(f) => f,
            None if fetch_if_missing => {
                let dest = files::default_fetch_dir()?;
                eprintln!(
                    "the base encoder is not here yet; fetching it into {}",
                    dest.display()
                );
                fetch::fetch(&dest)?
            }
            None => anyhow::bail!("the base encoder was not found; {}", files::FETCH_HINT),
        };
        Self::load(&files, backend)
    }

    /// Tokenize single texts or (text, text) pairs, padded to the longest. The
    /// encodings' offsets count code points, the unit of every span in the records.
    pub fn tokenize<'s, I>(&self, inputs: Vec<I>) -> Result<TokenBatch>
    where
        I: Into<EncodeInput<'s>> + Send,
    {
        let encodings = self
            .tokenizer
            .encode_batch_char_offsets(inputs, true)
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
            None => Ok(self.bert.forward(
                &batch.ids,
                &batch.type_ids,
                &batch.mask,
                bert::Mode::Inference,
            )?),
        }
    }

    /// Last-layer token states of sequences given as (token ids, type ids), each as
    /// (len * hidden) row-major values: the fast path packs them without padding.
    pub fn sequence_states(&self, seqs: &[(&[u32], &[u32])]) -> Result<Vec<Vec<f32>>> {
        let h = self.config.hidden_size;
        if let Some(fast) = &self.fast {
            let packed = fast.forward(seqs)?;
            return Ok(packed
                .spans
                .spans()
                .iter()
                .map(|s| packed.states[s.start * h..(s.start + s.len) * h].to_vec())
                .collect());
        }
        let mut out = Vec::with_capacity(seqs.len());
        for (ids, types) in seqs {
            let t = |v: &[u32]| Tensor::from_slice(v, (1, v.len()), &self.device);
            let ones = vec![1u32; ids.len()];
            let states =
                self.bert
                    .forward(&t(ids)?, &t(types)?, &t(&ones)?, bert::Mode::Inference)?;
            out.push(states.flatten_all()?.to_vec1::<f32>()?);
        }
        Ok(out)
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

/// The fast path packed from `bert` for `backend`, or None for candle.
fn pack(bert: &Bert, config: &BertConfig, backend: Backend) -> Result<Option<FastBert>> {
    Ok(match backend {
        Backend::Candle => None,
        Backend::Fast(kernel) => Some(FastBert::from_bert(bert, config, kernel)?),
    })
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
