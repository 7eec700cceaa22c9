//! A BERT encoder written on candle tensor ops.
//!
//! Unlike `candle_transformers::models::bert`, every op here has a backward pass
//! in [`Mode::Training`] (slow layer norm and softmax), so the weights can be
//! fine-tuned; the attention mask is built in f32, so half precision does not give NaN.

use candle_core::{D, DType, Module, Result, Tensor};
use candle_nn::{Embedding, Linear, VarBuilder};
use serde::Deserialize;

/// The fields of a Hugging Face `config.json` that a BERT encoder needs.
#[derive(Debug, Clone, Deserialize)]
pub struct BertConfig {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    pub type_vocab_size: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f64,
    #[serde(default = "default_act")]
    pub hidden_act: String,
}

impl BertConfig {
    /// Read and validate a `config.json`, naming the file on error.
    pub fn from_file(path: &std::path::Path) -> anyhow::Result<Self> {
        use anyhow::Context;
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let config: BertConfig = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a BERT config", path.display()))?;
        config
            .validate()
            .with_context(|| format!("{}: invalid BERT config", path.display()))?;
        Ok(config)
    }

    /// Fail on sizes the model cannot run with (zero sizes, heads that do not divide
    /// the hidden size, a non-positive epsilon) instead of panicking or running a
    /// different model later.
    pub fn validate(&self) -> anyhow::Result<()> {
        let positive = [
            ("vocab_size", self.vocab_size),
            ("hidden_size", self.hidden_size),
            ("num_hidden_layers", self.num_hidden_layers),
            ("num_attention_heads", self.num_attention_heads),
            ("intermediate_size", self.intermediate_size),
            ("max_position_embeddings", self.max_position_embeddings),
            ("type_vocab_size", self.type_vocab_size),
        ];
        for (name, value) in positive {
            anyhow::ensure!(value > 0, "{name} is 0");
        }
        anyhow::ensure!(
            self.hidden_size.is_multiple_of(self.num_attention_heads),
            "num_attention_heads {} does not divide hidden_size {}",
            self.num_attention_heads,
            self.hidden_size
        );
        anyhow::ensure!(
            self.layer_norm_eps.is_finite() && self.layer_norm_eps > 0.0,
            "layer_norm_eps {} is not a positive number",
            self.layer_norm_eps
        );
        anyhow::ensure!(
            self.hidden_act == "gelu",
            "unsupported hidden_act `{}` (only gelu)",
            self.hidden_act
        );
        Ok(())
    }
}

/// Which ops a forward pass uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Fused layer norm and softmax: fast, without a backward pass.
    Inference,
    /// Ops with a backward pass (slower), for fine-tuning.
    Training,
}

fn default_eps() -> f64 {
    1e-12
}

fn default_act() -> String {
    "gelu".into()
}

/// Layer normalization with learned scale and shift.
#[derive(Debug, Clone)]
pub struct LayerNorm {
    pub(crate) weight: Tensor,
    pub(crate) bias: Tensor,
    pub(crate) eps: f64,
}

impl LayerNorm {
    fn load(vb: VarBuilder, size: usize, eps: f64) -> Result<Self> {
        Ok(LayerNorm {
            weight: vb.get(size, "weight")?,
            bias: vb.get(size, "bias")?,
            eps,
        })
    }

    fn forward(&self, x: &Tensor, mode: Mode) -> Result<Tensor> {
        if mode == Mode::Training {
            candle_nn::ops::layer_norm_slow(x, &self.weight, &self.bias, self.eps as f32)
        } else {
            candle_nn::ops::layer_norm(x, &self.weight, &self.bias, self.eps as f32)
        }
    }
}

/// Word, position and token-type embeddings, summed and normalized.
#[derive(Debug, Clone)]
pub struct Embeddings {
    pub(crate) word: Embedding,
    pub(crate) position: Embedding,
    pub(crate) token_type: Embedding,
    pub(crate) norm: LayerNorm,
}

impl Embeddings {
    fn load(vb: VarBuilder, cfg: &BertConfig) -> Result<Self> {
        let h = cfg.hidden_size;
        Ok(Embeddings {
            word: candle_nn::embedding(cfg.vocab_size, h, vb.pp("word_embeddings"))?,
            position: candle_nn::embedding(
                cfg.max_position_embeddings,
                h,
                vb.pp("position_embeddings"),
            )?,
            token_type: candle_nn::embedding(
                cfg.type_vocab_size,
                h,
                vb.pp("token_type_embeddings"),
            )?,
            norm: LayerNorm::load(vb.pp("LayerNorm"), h, cfg.layer_norm_eps)?,
        })
    }

    fn forward(&self, ids: &Tensor, type_ids: &Tensor, mode: Mode) -> Result<Tensor> {
        let (_, len) = ids.dims2()?;
        let positions = Tensor::arange(0u32, len as u32, ids.device())?;
        let x = self
            .word
            .forward(ids)?
            .add(&self.token_type.forward(type_ids)?)?
            .broadcast_add(&self.position.forward(&positions)?)?;
        self.norm.forward(&x, mode)
    }
}

/// Multi-head self-attention with its output projection and residual norm.
#[derive(Debug, Clone)]
pub struct Attention {
    pub(crate) query: Linear,
    pub(crate) key: Linear,
    pub(crate) value: Linear,
    pub(crate) output: Linear,
    pub(crate) norm: LayerNorm,
    pub(crate) heads: usize,
    pub(crate) head_dim: usize,
}

impl Attention {
    fn load(vb: VarBuilder, cfg: &BertConfig) -> Result<Self> {
        let h = cfg.hidden_size;
        let self_vb = vb.pp("self");
        Ok(Attention {
            query: candle_nn::linear(h, h, self_vb.pp("query"))?,
            key: candle_nn::linear(h, h, self_vb.pp("key"))?,
            value: candle_nn::linear(h, h, self_vb.pp("value"))?,
            output: candle_nn::linear(h, h, vb.pp("output").pp("dense"))?,
            norm: LayerNorm::load(vb.pp("output").pp("LayerNorm"), h, cfg.layer_norm_eps)?,
            heads: cfg.num_attention_heads,
            head_dim: h / cfg.num_attention_heads,
        })
    }

    /// `mask_bias` is (batch, 1, 1, len): 0 for tokens, a large negative for padding.
    fn forward(&self, x: &Tensor, mask_bias: &Tensor, mode: Mode) -> Result<Tensor> {
        let (b, len, _) = x.dims3()?;
        let split = |t: Tensor| -> Result<Tensor> {
            t.reshape((b, len, self.heads, self.head_dim))?
                .transpose(1, 2)?
                .contiguous()
        };
        let q = split(self.query.forward(x)?)?;
        let k = split(self.key.forward(x)?)?;
        let v = split(self.value.forward(x)?)?;
        let scale = 1.0 / (self.head_dim as f64).sqrt();
        let scores = (q.matmul(&k.t()?)? * scale)?.broadcast_add(mask_bias)?;
        let probs = if mode == Mode::Training {
            candle_nn::ops::softmax(&scores, D::Minus1)?
        } else {
            candle_nn::ops::softmax_last_dim(&scores)?
        };
        let ctx =
            probs
                .matmul(&v)?
                .transpose(1, 2)?
                .reshape((b, len, self.heads * self.head_dim))?;
        let out = self.output.forward(&ctx)?;
        self.norm.forward(&(out + x)?, mode)
    }
}

/// One transformer layer: attention, then the feed-forward block.
#[derive(Debug, Clone)]
pub struct Layer {
    pub(crate) attention: Attention,
    pub(crate) intermediate: Linear,
    pub(crate) output: Linear,
    pub(crate) norm: LayerNorm,
}

impl Layer {
    fn load(vb: VarBuilder, cfg: &BertConfig) -> Result<Self> {
        Ok(Layer {
            attention: Attention::load(vb.pp("attention"), cfg)?,
            intermediate: candle_nn::linear(
                cfg.hidden_size,
                cfg.intermediate_size,
                vb.pp("intermediate").pp("dense"),
            )?,
            output: candle_nn::linear(
                cfg.intermediate_size,
                cfg.hidden_size,
                vb.pp("output").pp("dense"),
            )?,
            norm: LayerNorm::load(
                vb.pp("output").pp("LayerNorm"),
                cfg.hidden_size,
                cfg.layer_norm_eps,
            )?,
        })
    }

    /// Run the layer on hidden states `x` (batch, len, hidden).
    pub fn forward(&self, x: &Tensor, mask_bias: &Tensor, mode: Mode) -> Result<Tensor> {
        let a = self.attention.forward(x, mask_bias, mode)?;
        let h = self.intermediate.forward(&a)?.gelu_erf()?;
        let out = self.output.forward(&h)?;
        self.norm.forward(&(out + a)?, mode)
    }
}

/// The BERT encoder: embeddings and a stack of layers.
#[derive(Debug, Clone)]
pub struct Bert {
    pub(crate) embeddings: Embeddings,
    /// The transformer layers, bottom first.
    pub layers: Vec<Layer>,
}

impl Bert {
    /// Load the weights under `vb` (the `embeddings.` / `encoder.layer.N.` names of BertModel).
    pub fn load(vb: VarBuilder, cfg: &BertConfig) -> Result<Self> {
        if let Err(e) = cfg.validate() {
            candle_core::bail!("invalid BERT config: {e:#}");
        }
        // Some checkpoints prefix every name with `bert.`.
        let vb = if vb.contains_tensor("bert.embeddings.word_embeddings.weight") {
            vb.pp("bert")
        } else {
            vb
        };
        let embeddings = Embeddings::load(vb.pp("embeddings"), cfg)?;
        let layers = (0..cfg.num_hidden_layers)
            .map(|i| Layer::load(vb.pp(format!("encoder.layer.{i}")), cfg))
            .collect::<Result<Vec<_>>>()?;
        Ok(Bert { embeddings, layers })
    }

    /// The additive attention bias from a (batch, len) mask of 1 (token) and 0 (padding).
    ///
    /// Built in f32 and only then converted, so half precision never sees -inf * 0.
    pub fn mask_bias(mask: &Tensor, dtype: DType) -> Result<Tensor> {
        let (b, len) = mask.dims2()?;
        let m = mask.to_dtype(DType::F32)?;
        let bias = ((m - 1.0)? * 10_000.0)?;
        bias.reshape((b, 1, 1, len))?.to_dtype(dtype)
    }

    /// Embeddings and the first `n` layers (all layers when `n` is the layer count).
    pub fn forward_to(
        &self,
        ids: &Tensor,
        type_ids: &Tensor,
        mask: &Tensor,
        n: usize,
        mode: Mode,
    ) -> Result<Tensor> {
        let mut x = self.embeddings.forward(ids, type_ids, mode)?;
        let bias = Self::mask_bias(mask, x.dtype())?;
        for layer in self.layers.iter().take(n) {
            x = layer.forward(&x, &bias, mode)?;
        }
        Ok(x)
    }

    /// Layers `from..` applied to hidden states that came out of layer `from - 1`.
    pub fn forward_from(
        &self,
        hidden: &Tensor,
        mask: &Tensor,
        from: usize,
        mode: Mode,
    ) -> Result<Tensor> {
        let bias = Self::mask_bias(mask, hidden.dtype())?;
        let mut x = hidden.clone();
        for layer in self.layers.iter().skip(from) {
            x = layer.forward(&x, &bias, mode)?;
        }
        Ok(x)
    }

    /// Token states of the last layer, (batch, len, hidden).
    pub fn forward(
        &self,
        ids: &Tensor,
        type_ids: &Tensor,
        mask: &Tensor,
        mode: Mode,
    ) -> Result<Tensor> {
        self.forward_to(ids, type_ids, mask, self.layers.len(), mode)
    }
}

/// Mean of the token states over unmasked positions, (batch, hidden).
pub fn mean_pool(states: &Tensor, mask: &Tensor) -> Result<Tensor> {
    let m = mask.to_dtype(states.dtype())?.unsqueeze(2)?;
    let sum = states.broadcast_mul(&m)?.sum(1)?;
    let count = m.sum(1)?.clamp(1e-9, f64::MAX)?;
    sum.broadcast_div(&count)
}

/// Scale each row to unit length.
pub fn l2_normalize(x: &Tensor) -> Result<Tensor> {
    let norm = x.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
    x.broadcast_div(&norm)
}
