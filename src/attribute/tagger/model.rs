//! The tagger model: the base encoder with its top layers fine-tuned, and a linear
//! head giving the three BIO layers per word piece; and its folder on disk
//! (`tagger.safetensors`, f16, beside `manifest.json`).

use super::tags::{LOGITS, Layer, O, TAGS, softmax_layers};
use super::windows::{Pieces, Window, pieces, untruncated, windows};
use crate::encoder::bert::Bert;
use crate::encoder::{Backend, Encoder, files};
use crate::record::CharSpan;
use crate::stance::store::{TrainingFile, all_finite};
use anyhow::{Context, Result, bail};
use candle_core::{DType, Device, Tensor};
use candle_nn::{Linear, VarBuilder};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use tokenizers::Tokenizer;

/// File name of the weights inside a tagger folder.
pub const WEIGHTS_FILE: &str = "tagger.safetensors";
/// File name of the manifest inside a tagger folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// What a tagger model is and how it was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaggerManifest {
    pub base_model: String,
    pub base_sha256: String,
    /// How many top encoder layers were fine-tuned (and are stored here).
    pub trained_layers: usize,
    pub weights_sha256: String,
    pub dtype: String,
    pub training_data: Vec<TrainingFile>,
    pub dev_data: Vec<TrainingFile>,
    pub hyperparameters: serde_json::Value,
    /// Dev scores of the kept weights, and the epoch they come from.
    pub dev_metrics: serde_json::Value,
    pub command: String,
}

impl TaggerManifest {
    /// Read `manifest.json` of a tagger folder, naming the file on error.
    pub fn read(dir: &Path) -> Result<Self> {
        let path = dir.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        serde_json::from_str(&text)
            .with_context(|| format!("{}: not a tagger manifest", path.display()))
    }

    /// Write the manifest into `dir` (pretty JSON).
    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(MANIFEST_FILE);
        std::fs::write(&path, serde_json::to_string_pretty(self)? + "\n")
            .with_context(|| format!("cannot write {}", path.display()))
    }
}

/// The linear tag head: hidden -> [`LOGITS`].
pub fn load_head(vb: VarBuilder, hidden: usize) -> candle_core::Result<Linear> {
    candle_nn::linear(hidden, LOGITS, vb.pp("tagger_head"))
}

/// The head's tensor names.
pub const HEAD_TENSORS: [&str; 2] = ["tagger_head.weight", "tagger_head.bias"];

/// A tagger ready to run: the fine-tuned encoder (packed for inference), the head as
/// plain f32 values, and a tokenizer that never truncates.
pub struct Tagger {
    encoder: Encoder,
    tokenizer: Tokenizer,
    head_weight: Vec<f32>,
    head_bias: Vec<f32>,
    cls: u32,
    sep: u32,
}

/// The pieces of an article and the tag probabilities of each.
pub struct ArticleTags {
    pub pieces: Pieces,
    pub probs: Vec<[f32; LOGITS]>,
}

impl ArticleTags {
    /// The highest probability that a piece inside `span` is content (`B` or `I`):
    /// how strongly the tagger backs a statement with that content span.
    pub fn content_support(&self, span: CharSpan) -> f32 {
        self.layer_support(span, Layer::Content)
    }

    /// The highest probability that a piece inside `span` is in a cue.
    pub fn cue_support(&self, span: CharSpan) -> f32 {
        self.layer_support(span, Layer::Cue)
    }

    /// The highest probability that a piece inside `span` is in a source.
    pub fn source_support(&self, span: CharSpan) -> f32 {
        self.layer_support(span, Layer::Source)
    }

    fn layer_support(&self, span: CharSpan, layer: Layer) -> f32 {
        let from = self.pieces.spans.partition_point(|p| p.end <= span.start);
        self.pieces.spans[from..]
            .iter()
            .zip(&self.probs[from..])
            .take_while(|(p, _)| p.start < span.end)
            .map(|(_, pr)| 1.0 - pr[layer as usize * TAGS + O as usize])
            .fold(0.0, f32::max)
    }
}

impl Tagger {
    /// A tagger over `encoder` (whose weights already hold the fine-tuned layers) with
    /// the tag head `head`.
    pub fn new(encoder: Encoder, head: &Linear) -> Result<Self> {
        let tokenizer = untruncated(&encoder.tokenizer)?;
        let id = |t: &str| {
            tokenizer
                .token_to_id(t)
                .with_context(|| format!("the tokenizer has no {t} token"))
        };
        let (cls, sep) = (id("[CLS]")?, id("[SEP]")?);
        let values = |t: &Tensor| -> Result<Vec<f32>> {
            Ok(t.to_dtype(DType::F32)?.flatten_all()?.to_vec1::<f32>()?)
        };
        let head_weight = values(head.weight())?;
        let head_bias = head
            .bias()
            .map(values)
            .transpose()?
            .unwrap_or(vec![0.0; LOGITS]);
        anyhow::ensure!(
            head_weight.len() == LOGITS * encoder.config.hidden_size,
            "the tag head does not fit the encoder"
        );
        Ok(Tagger {
            encoder,
            tokenizer,
            head_weight,
            head_bias,
            cls,
            sep,
        })
    }

    /// The tokenizer windows are cut with, and the `[CLS]`/`[SEP]` ids.
    pub fn tokenizer(&self) -> (&Tokenizer, u32, u32) {
        (&self.tokenizer, self.cls, self.sep)
    }

    /// Tag probabilities of every word piece of `text`.
    pub fn tag(&self, text: &str) -> Result<ArticleTags> {
        self.tag_where(text, |_, _| true)
    }

    /// Tag probabilities of the word pieces of `text` in the windows whose core overlaps
    /// one of `spans`; every other piece is outside every span. `vetted` reads the tags
    /// only inside the rules' contents, so the windows holding none are not run: the
    /// support of each span is the same as with [`Tagger::tag`].
    pub fn tag_covering(&self, text: &str, spans: &[CharSpan]) -> Result<ArticleTags> {
        self.tag_where(text, |pieces, w| core_overlaps(pieces, w, spans))
    }

    /// Tag the pieces of `text` in the windows `keep` accepts.
    fn tag_where(
        &self,
        text: &str,
        keep: impl Fn(&Pieces, &Window) -> bool,
    ) -> Result<ArticleTags> {
        let pieces = pieces(&self.tokenizer, text)?;
        let windows: Vec<Window> = windows(text, &pieces)
            .into_iter()
            .filter(|w| keep(&pieces, w))
            .collect();
        let probs = self.tag_windows(&pieces, &windows)?;
        Ok(ArticleTags { pieces, probs })
    }

    fn tag_windows(&self, pieces: &Pieces, windows: &[Window]) -> Result<Vec<[f32; LOGITS]>> {
        let h = self.encoder.config.hidden_size;
        let ids: Vec<Vec<u32>> = windows
            .iter()
            .map(|w| w.input_ids(pieces, self.cls, self.sep))
            .collect();
        let types: Vec<Vec<u32>> = ids.iter().map(|i| vec![0; i.len()]).collect();
        let seqs: Vec<(&[u32], &[u32])> = ids
            .iter()
            .zip(&types)
            .map(|(i, t)| (i.as_slice(), t.as_slice()))
            .collect();
        let mut probs = vec![outside(); pieces.ids.len()];
        for (chunk_w, chunk_s) in windows.chunks(32).zip(seqs.chunks(32)) {
            let states = self.encoder.sequence_states(chunk_s)?;
            for (w, st) in chunk_w.iter().zip(&states) {
                for p in w.core.clone() {
                    let row = &st[w.row_of(p) * h..(w.row_of(p) + 1) * h];
                    probs[p] = self.logits(row);
                    softmax_layers(&mut probs[p]);
                }
            }
        }
        Ok(probs)
    }

    fn logits(&self, state: &[f32]) -> [f32; LOGITS] {
        let h = state.len();
        let mut out = [0f32; LOGITS];
        for (k, o) in out.iter_mut().enumerate() {
            let w = &self.head_weight[k * h..(k + 1) * h];
            *o = self.head_bias[k] + w.iter().zip(state).map(|(a, b)| a * b).sum::<f32>();
        }
        out
    }
}

/// Tag probabilities of a piece no window predicted: outside in every layer.
fn outside() -> [f32; LOGITS] {
    let mut p = [0f32; LOGITS];
    for layer in Layer::ALL {
        p[layer as usize * TAGS + O as usize] = 1.0;
    }
    p
}

/// True when the code points of window `w`'s core overlap one of `spans`.
fn core_overlaps(pieces: &Pieces, w: &Window, spans: &[CharSpan]) -> bool {
    let (Some(first), Some(last)) = (
        pieces.spans.get(w.core.start),
        w.core.end.checked_sub(1).and_then(|k| pieces.spans.get(k)),
    ) else {
        return false;
    };
    spans
        .iter()
        .any(|s| s.start < last.end && s.end > first.start)
}

/// Locate the base encoder (`model_dir`, else the usual resolution order, fetching it
/// into the user cache where none is found) and load the tagger in `dir` over it,
/// inferring on `backend`: what the CLI and the Python package run.
pub fn locate_and_load_tagger(
    dir: &Path,
    model_dir: Option<&Path>,
    backend: Backend,
) -> Result<Tagger> {
    // The base is only a source of weights here: skip packing it.
    let base = Encoder::locate_and_load(model_dir, true, Backend::Candle)?;
    load_tagger(dir, base, backend)
}

/// Load the tagger in `dir` over `base` (the base encoder's weights, any backend),
/// packing the fine-tuned encoder for `backend`. Refused when the weights do not match
/// the manifest's sha256, lack a trained tensor or hold non-finite values; a base
/// encoder other than the one it was trained on is only warned about.
pub fn load_tagger(dir: &Path, base: Encoder, backend: Backend) -> Result<Tagger> {
    let manifest = TaggerManifest::read(dir)?;
    let weights = dir.join(WEIGHTS_FILE);
    files::check_sha256(&weights, &manifest.weights_sha256)?;
    if manifest.base_sha256 != base.weights_sha256 {
        eprintln!(
            "warning: the tagger in {} was trained over another base encoder",
            dir.display()
        );
    }
    let device = Device::Cpu;
    let tuned = candle_core::safetensors::load(&weights, &device)
        .with_context(|| format!("cannot load {}", weights.display()))?;
    let mut tensors: HashMap<String, Tensor> =
        candle_core::safetensors::load(base.files.weights(), &device)
            .with_context(|| format!("cannot load {}", base.files.weights().display()))?;
    tensors = tensors
        .into_iter()
        .map(|(k, v)| (k.strip_prefix("bert.").unwrap_or(&k).to_string(), v))
        .collect();
    let layers = base.config.num_hidden_layers;
    anyhow::ensure!(
        manifest.trained_layers <= layers,
        "{}: {} trained layers, but the base encoder has {layers}",
        dir.display(),
        manifest.trained_layers
    );
    let prefixes: Vec<String> = (layers - manifest.trained_layers..layers)
        .map(|i| format!("encoder.layer.{i}."))
        .collect();
    let needed = tensors
        .keys()
        .filter(|k| prefixes.iter().any(|p| k.starts_with(p.as_str())))
        .map(String::as_str)
        .chain(HEAD_TENSORS);
    for name in needed {
        anyhow::ensure!(
            tuned.contains_key(name),
            "{}: lacks the trained tensor {name}; train or copy the model again",
            weights.display()
        );
    }
    for (name, t) in tuned {
        anyhow::ensure!(
            all_finite(&t)?,
            "{}: tensor {name} is not finite",
            weights.display()
        );
        tensors.insert(name, t.to_dtype(DType::F32)?);
    }
    let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
    let bert = Bert::load(vb.clone(), &base.config)
        .with_context(|| format!("{}: weights do not fit the base encoder", dir.display()))?;
    let head = load_head(vb, base.config.hidden_size)?;
    let encoder = base.with_bert(bert, backend)?;
    Tagger::new(encoder, &head)
}

/// Save the named tensors in f16 into `dir` and return the file's sha256; refused
/// before anything is written when a tensor is not finite.
pub fn save_weights(dir: &Path, tensors: &HashMap<String, Tensor>) -> Result<String> {
    for (name, t) in tensors {
        if !all_finite(t)? {
            bail!("tensor {name} is not finite (training diverged?); nothing written");
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let half: HashMap<String, Tensor> = tensors
        .iter()
        .map(|(k, v)| Ok((k.clone(), v.to_dtype(DType::F16)?)))
        .collect::<Result<_>>()?;
    let path = dir.join(WEIGHTS_FILE);
    candle_core::safetensors::save(&half, &path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    files::sha256_file(&path)
}

/// The tokenizer of `base` without truncation, and its `[CLS]`/`[SEP]` ids: what
/// training cuts windows with.
pub fn untruncated_cutter(base: &Encoder) -> Result<(Tokenizer, u32, u32)> {
    let tokenizer = untruncated(&base.tokenizer)?;
    let id = |t: &str| {
        tokenizer
            .token_to_id(t)
            .with_context(|| format!("the tokenizer has no {t} token"))
    };
    let (cls, sep) = (id("[CLS]")?, id("[SEP]")?);
    Ok((tokenizer, cls, sep))
}
