//! A BERT encoder written on candle tensor ops.
//!
//! Unlike `candle_transformers::models::bert`, every op here has a backward pass
//! when `differentiable` is set (slow layer norm and softmax), so the weights can be
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

    fn forward(&self, x: &Tensor, differentiable: bool) -> Result<Tensor> {
        if differentiable {
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

    fn forward(&self, ids: &Tensor, type_ids: &Tensor, differentiable: bool) -> Result<Tensor> {
        let (_, len) = ids.dims2()?;
        let positions = Tensor::arange(0u32, len as u32, ids.device())?;
        let x = self
            .word
            .forward(ids)?
            .add(&self.token_type.forward(type_ids)?)?
            .broadcast_add(&self.position.forward(&positions)?)?;
        self.norm.forward(&x, differentiable)
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
    fn forward(&self, x: &Tensor, mask_bias: &Tensor, differentiable: bool) -> Result<Tensor> {
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
        let probs = if differentiable {
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
        self.norm.forward(&(out + x)?, differentiable)
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
    pub fn forward(&self, x: &Tensor, mask_bias: &Tensor, differentiable: bool) -> Result<Tensor> {
        let a = self.attention.forward(x, mask_bias, differentiable)?;
        let h = self.intermediate.forward(&a)?.gelu_erf()?;
        let out = self.output.forward(&h)?;
        self.norm.forward(&(out + a)?, differentiable)
    }
}

/// The BERT encoder: embeddings and a stack of layers.
#[derive(Debug, Clone)]
pub struct Bert {
    pub(crate) embeddings: Embeddings,
    /// The transformer layers, bottom first.
    pub layers: Vec<Layer>,
    /// Use ops with a backward pass (training) instead of the fused ones.
    pub differentiable: bool,
}

impl Bert {
    /// Load the weights under `vb` (the `embeddings.` / `encoder.layer.N.` names of BertModel).
    pub fn load(vb: VarBuilder, cfg: &BertConfig) -> Result<Self> {
        if cfg.hidden_act != "gelu" {
            candle_core::bail!("unsupported hidden_act `{}` (only gelu)", cfg.hidden_act);
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
        Ok(Bert {
            embeddings,
            layers,
            differentiable: false,
        })
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
    ) -> Result<Tensor> {
        let mut x = self
            .embeddings
            .forward(ids, type_ids, self.differentiable)?;
        let bias = Self::mask_bias(mask, x.dtype())?;
        for layer in self.layers.iter().take(n) {
            x = layer.forward(&x, &bias, self.differentiable)?;
        }
        Ok(x)
    }

    /// Layers `from..` applied to hidden states that came out of layer `from - 1`.
    pub fn forward_from(&self, hidden: &Tensor, mask: &Tensor, from: usize) -> Result<Tensor> {
        let bias = Self::mask_bias(mask, hidden.dtype())?;
        let mut x = hidden.clone();
        for layer in self.layers.iter().skip(from) {
            x = layer.forward(&x, &bias, self.differentiable)?;
        }
        Ok(x)
    }

    /// Token states of the last layer, (batch, len, hidden).
    pub fn forward(&self, ids: &Tensor, type_ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        self.forward_to(ids, type_ids, mask, self.layers.len())
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
