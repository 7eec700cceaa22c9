//! The trained stance model on disk: `stance.safetensors` (the fine-tuned encoder
//! layers and the head, f16) beside `manifest.json`, applied over the base encoder.

use super::inputs::InputMode;
use super::model::{HeadRows, StanceHead, StanceModel};
use crate::encoder::bert::Bert;
use crate::encoder::{Backend, Encoder, files};
use anyhow::{Context, Result, bail};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Name of the folder under `models/` that holds the committed stance model.
pub const STANCE_DIR_NAME: &str = "stance";
/// File name of the weights inside a stance model folder.
pub const WEIGHTS_FILE: &str = "stance.safetensors";
/// File name of the manifest inside a stance model folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// A training file and its hash, as recorded in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrainingFile {
    pub path: String,
    pub sha256: String,
    pub pairs: usize,
}

/// What a stance model is and how it was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub base_model: String,
    pub base_sha256: String,
    pub mode: InputMode,
    /// How many top encoder layers were fine-tuned (and are stored here).
    pub trained_layers: usize,
    pub weights_sha256: String,
    pub dtype: String,
    pub training_data: Vec<TrainingFile>,
    pub dev_data: Vec<TrainingFile>,
    pub hyperparameters: serde_json::Value,
    /// Dev scores of the kept weights (best epoch).
    pub dev_metrics: serde_json::Value,
    /// Added to the (hostile, conciliatory, neutral) logits before the softmax: the
    /// prior correction chosen on the dev data (see `stance::calibrate`).
    #[serde(default)]
    pub logit_bias: [f32; 3],
    /// The biased logits are divided by it before the softmax, so that the probabilities
    /// match how often the label is right on the dev data (see `stance::calibrate`).
    #[serde(default = "unit_temperature")]
    pub temperature: f32,
    /// With the relevance output: the least relevance a candidate target needs to stay
    /// a target, chosen on dev articles (see `stance::relevance`); applied where the
    /// user asks for it (`--relevance-threshold dev`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevance_threshold: Option<f32>,
    pub command: String,
}

fn unit_temperature() -> f32 {
    1.0
}

impl Manifest {
    /// Write the manifest into `dir` (pretty JSON), naming the file on error.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(MANIFEST_FILE);
        std::fs::write(&path, serde_json::to_string_pretty(self)? + "\n")
            .with_context(|| format!("cannot write {}", path.display()))
    }
}

/// A stance model built into the binary (`include_bytes!` of `models/stance/`), so an
/// installed `stancemap` needs no checkout.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedStance {
    pub manifest: &'static [u8],
    pub weights: &'static [u8],
}

/// The stance model of this checkout, built into the binaries (the CLI, the Python
/// module) so that an installed stancemap works from any folder; a `models/stance/`
/// found first wins (see [`resolve_stance`]).
pub const EMBEDDED_STANCE: EmbeddedStance = EmbeddedStance {
    manifest: include_bytes!("../../models/stance/manifest.json"),
    weights: include_bytes!("../../models/stance/stance.safetensors"),
};

/// Where the stance model comes from.
#[derive(Debug, Clone)]
pub enum StanceLocation {
    /// A folder with `manifest.json` and `stance.safetensors`; `explicit` when the
    /// user named it (`--stance-model`, `$STANCEMAP_STANCE_DIR`).
    Dir { dir: PathBuf, explicit: bool },
    /// The copy built into the binary.
    Embedded(EmbeddedStance),
}

impl StanceLocation {
    /// A folder the user named.
    pub fn dir(dir: &Path) -> Self {
        StanceLocation::Dir {
            dir: dir.to_path_buf(),
            explicit: true,
        }
    }

    fn explicit(&self) -> bool {
        matches!(self, StanceLocation::Dir { explicit: true, .. })
    }

    /// How to name it in messages.
    fn describe(&self) -> String {
        match self {
            StanceLocation::Dir { dir, .. } => dir.display().to_string(),
            StanceLocation::Embedded(_) => "the stance model built into stancemap".into(),
        }
    }
}

/// Find the stance model: `--stance-model`, `$STANCEMAP_STANCE_DIR` (empty counts as
/// unset), `models/stance/` under the current directory or beside the executable,
/// then the copy built into the binary when there is one.
pub fn resolve_stance(
    explicit: Option<&Path>,
    embedded: Option<EmbeddedStance>,
) -> Result<StanceLocation> {
    if let Some(dir) = explicit {
        return Ok(StanceLocation::dir(dir));
    }
    if let Some(dir) = files::env_dir("STANCEMAP_STANCE_DIR") {
        return Ok(StanceLocation::Dir {
            dir,
            explicit: true,
        });
    }
    if let Some(dir) = local_stance_dir() {
        return Ok(StanceLocation::Dir {
            dir,
            explicit: false,
        });
    }
    embedded.map(StanceLocation::Embedded).context(
        "no stance model found (models/stance/ with manifest.json); pass --stance-model DIR \
         or set STANCEMAP_STANCE_DIR",
    )
}

/// `models/stance/` under the current directory or beside the executable.
fn local_stance_dir() -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join("models").join(STANCE_DIR_NAME));
    }
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(
            exe.ancestors()
                .skip(1)
                .take(4)
                .map(|d| d.join("models").join(STANCE_DIR_NAME)),
        );
    }
    candidates
        .into_iter()
        .find(|d| d.join(MANIFEST_FILE).is_file())
}

/// Find a stance model folder (to write into, as `model calibrate` does): as
/// [`resolve_stance`] without the built-in copy.
pub fn resolve_stance_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    match resolve_stance(explicit, None)? {
        StanceLocation::Dir { dir, .. } => Ok(dir),
        StanceLocation::Embedded(_) => unreachable!("no embedded model was offered"),
    }
}

/// The manifest of the stance model at `location`, without loading its weights.
pub fn location_manifest(location: &StanceLocation) -> Result<Manifest> {
    match location {
        StanceLocation::Dir { dir, .. } => read_manifest(dir),
        StanceLocation::Embedded(e) => {
            serde_json::from_slice(e.manifest).context("the built-in stance manifest is not valid")
        }
    }
}

/// Read a manifest, naming the file on error.
pub fn read_manifest(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST_FILE);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{}: not a stance model manifest", path.display()))
}

/// The (sha256-verified) tensors of the stance model in `dir`: what `train --init`
/// starts from.
pub fn read_tensors(dir: &Path) -> Result<HashMap<String, Tensor>> {
    Ok(read_stance(&StanceLocation::dir(dir))?.1)
}

/// The manifest and the (sha256-verified) tensors of a stance model.
fn read_stance(location: &StanceLocation) -> Result<(Manifest, HashMap<String, Tensor>)> {
    let device = Device::Cpu;
    match location {
        StanceLocation::Dir { dir, .. } => {
            let manifest = read_manifest(dir)?;
            let weights = verified_weights(dir, &manifest)?;
            let tensors = candle_core::safetensors::load(&weights, &device).with_context(|| {
                format!("{}: cannot load the stance weights", weights.display())
            })?;
            Ok((manifest, tensors))
        }
        StanceLocation::Embedded(e) => {
            let manifest: Manifest = serde_json::from_slice(e.manifest)
                .context("the built-in stance manifest is not valid")?;
            let got = hex::encode(Sha256::digest(e.weights));
            if got != manifest.weights_sha256 {
                bail!("the built-in stance weights do not match their manifest; rebuild stancemap");
            }
            let tensors = candle_core::safetensors::load_buffer(e.weights, &device)
                .context("cannot load the built-in stance weights")?;
            Ok((manifest, tensors))
        }
    }
}

/// Tensor names without the optional `bert.` prefix.
fn plain_name(name: &str) -> &str {
    name.strip_prefix("bert.").unwrap_or(name)
}

/// Fail unless `tuned` holds every tensor of the layers the manifest says were
/// trained, and the head, all finite.
fn check_complete(
    manifest: &Manifest,
    tuned: &HashMap<String, Tensor>,
    base: &HashMap<String, Tensor>,
    layers: usize,
    name: &str,
) -> Result<()> {
    if manifest.trained_layers > layers {
        bail!(
            "{name}: the manifest says {} layers were trained, but the base encoder has {layers}",
            manifest.trained_layers
        );
    }
    let have: std::collections::HashSet<&str> = tuned.keys().map(|k| plain_name(k)).collect();
    let prefixes: Vec<String> = (layers - manifest.trained_layers..layers)
        .map(|i| format!("encoder.layer.{i}."))
        .collect();
    let mut missing: Vec<&str> = base
        .keys()
        .map(|k| plain_name(k))
        .filter(|k| prefixes.iter().any(|p| k.starts_with(p.as_str())))
        .chain(HEAD_TENSORS)
        .filter(|k| !have.contains(k))
        .collect();
    missing.sort();
    if !missing.is_empty() {
        bail!(
            "{name}: the stance weights lack {} of the trained tensors ({}{}); the file is \
             incomplete: train or copy the model again",
            missing.len(),
            missing[..missing.len().min(3)].join(", "),
            if missing.len() > 3 { ", ..." } else { "" }
        );
    }
    for (tensor_name, t) in tuned {
        if !all_finite(t)? {
            bail!("{name}: tensor {tensor_name} holds NaN or infinite values");
        }
    }
    Ok(())
}

/// The tensors of the classification head.
const HEAD_TENSORS: [&str; 4] = [
    "head.hidden.weight",
    "head.hidden.bias",
    "head.output.weight",
    "head.output.bias",
];

/// The tensors of the relevance output (`head.relevance.*`), present only in models
/// trained with it.
pub(crate) const RELEVANCE_PREFIX: &str = "head.relevance.";
/// The weight of the relevance output.
pub const RELEVANCE_WEIGHT: &str = "head.relevance.weight";

/// Whether every value of `t` is finite.
pub fn all_finite(t: &Tensor) -> Result<bool> {
    let values = t.to_dtype(DType::F32)?.flatten_all()?.to_vec1::<f32>()?;
    Ok(values.iter().all(|v| v.is_finite()))
}

/// Fail (or warn, when either folder was named by the user) unless the stance model
/// was trained over this very base encoder.
fn check_base(manifest: &Manifest, base: &Encoder, location: &StanceLocation) -> Result<()> {
    if manifest.base_sha256 == base.weights_sha256 {
        return Ok(());
    }
    let what = format!(
        "{} was fine-tuned from base weights with sha256 {:?}, but {} has {}",
        location.describe(),
        manifest.base_sha256,
        base.files.weights().display(),
        base.weights_sha256
    );
    if location.explicit() || base.files.source.is_explicit() {
        eprintln!("warning: {what}; using them since the folder was named");
        return Ok(());
    }
    bail!("{what}; {}", files::FETCH_HINT)
}

/// Load the stance model over the base encoder (loaded on any backend: only its
/// files, config and tokenizer are used), inferring on `backend`.
///
/// Refused: a weights file whose sha256 differs from its manifest, a manifest whose
/// base sha256 differs from the base encoder's (a warning when the user named a
/// folder), and weights that lack trained layers or hold non-finite values.
pub fn load_from(
    location: &StanceLocation,
    base: Encoder,
    backend: Backend,
) -> Result<StanceModel> {
    let (manifest, tuned) = read_stance(location)?;
    check_base(&manifest, &base, location)?;
    let device = Device::Cpu;
    let base_weights = base.files.weights();
    let mut tensors: HashMap<String, Tensor> =
        candle_core::safetensors::load(&base_weights, &device)
            .with_context(|| format!("cannot load {}", base_weights.display()))?;
    let name = location.describe();
    let with_relevance = tuned.contains_key(RELEVANCE_WEIGHT);
    check_complete(
        &manifest,
        &tuned,
        &tensors,
        base.config.num_hidden_layers,
        &name,
    )?;
    // Fine-tuned layers replace the base ones of the same name.
    for (tensor_name, t) in tuned {
        tensors.insert(
            plain_name(&tensor_name).to_string(),
            t.to_dtype(DType::F32)?,
        );
    }
    tensors.retain(|n, _| !n.starts_with("bert."));
    let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
    let bert = Bert::load(vb.clone(), &base.config)
        .with_context(|| format!("{name}: stance weights do not fit the base encoder"))?;
    let head = StanceHead::load(vb.pp("head"), base.config.hidden_size, with_relevance)
        .with_context(|| format!("{name}: no classification head"))?;
    // Pack the fine-tuned weights for inference, not the base ones.
    let encoder = base.with_bert(bert, backend)?;
    Ok(StanceModel {
        encoder,
        head: HeadRows::new(&head)?,
        mode: manifest.mode,
        logit_bias: manifest.logit_bias,
        temperature: manifest.temperature,
        relevance_threshold: None,
        relevance_dev_threshold: manifest.relevance_threshold.filter(|_| with_relevance),
    })
}

/// Load the stance model in the folder `stance_dir` (named by the user) over `base`,
/// inferring on the base encoder's backend.
pub fn load(stance_dir: &Path, base: Encoder) -> Result<StanceModel> {
    let backend = base.backend();
    load_from(&StanceLocation::dir(stance_dir), base, backend)
}

/// Locate and load the base encoder and the stance model, inferring on `backend`:
/// what `classify`, `eval`, `bench` and `model calibrate` run.
pub fn load_stance_model(
    model_dir: Option<&Path>,
    stance: &StanceLocation,
    backend: Backend,
) -> Result<StanceModel> {
    // The base is only a source of weights here: skip packing it.
    let base = Encoder::locate_and_load(model_dir, true, Backend::Candle)?;
    load_from(stance, base, backend)
}

/// The weights file of the stance model in `dir`, once its sha256 matches `manifest`.
pub fn verified_weights(dir: &Path, manifest: &Manifest) -> Result<PathBuf> {
    let weights = dir.join(WEIGHTS_FILE);
    files::check_sha256(&weights, &manifest.weights_sha256)?;
    Ok(weights)
}

/// Save the named tensors in f16 and return the file's sha256; refused, before
/// anything is written, when a tensor holds NaN or infinite values.
pub fn save_weights(dir: &Path, tensors: &HashMap<String, Tensor>) -> Result<String> {
    let mut names: Vec<&String> = tensors.keys().collect();
    names.sort();
    for name in names {
        if !all_finite(&tensors[name])? {
            bail!(
                "tensor {name} holds NaN or infinite values (training diverged?); nothing \
                 was written to {}",
                dir.display()
            );
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
