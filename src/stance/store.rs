//! The trained stance model on disk: `stance.safetensors` (the fine-tuned encoder
//! layers and the head, f16) beside `manifest.json`, applied over the base encoder.

use super::inputs::InputMode;
use super::model::{StanceHead, StanceModel};
use crate::encoder::bert::Bert;
use crate::encoder::{Encoder, files};
use anyhow::{Context, Result, bail};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use serde::{Deserialize, Serialize};
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
    pub command: String,
}

/// Find the stance model folder: `--stance-model`, `$STANCEMAP_STANCE_DIR`, then
/// `models/stance/` under the current directory or beside the executable.
pub fn resolve_stance_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("STANCEMAP_STANCE_DIR") {
        return Ok(PathBuf::from(dir));
    }
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
        .context("no stance model found (models/stance/ with manifest.json); pass --stance-model DIR or set STANCEMAP_STANCE_DIR")
}

/// Read a manifest, naming the file on error.
pub fn read_manifest(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST_FILE);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{}: not a stance model manifest", path.display()))
}

/// Load the stance model in `stance_dir` over the base encoder.
pub fn load(stance_dir: &Path, base: Encoder) -> Result<StanceModel> {
    let manifest = read_manifest(stance_dir)?;
    let weights = verified_weights(stance_dir, &manifest)?;
    let device = Device::Cpu;
    let base_weights = base.files.weights();
    let mut tensors: HashMap<String, Tensor> =
        candle_core::safetensors::load(&base_weights, &device)
            .with_context(|| format!("cannot load {}", base_weights.display()))?;
    let tuned = candle_core::safetensors::load(&weights, &device)
        .with_context(|| format!("{}: cannot load the stance weights", weights.display()))?;
    // Fine-tuned layers replace the base ones of the same name.
    for (name, t) in tuned {
        let name = name
            .strip_prefix("bert.")
            .map(str::to_string)
            .unwrap_or(name);
        tensors.insert(name, t.to_dtype(DType::F32)?);
    }
    tensors.retain(|name, _| !name.starts_with("bert."));
    let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
    let bert = Bert::load(vb.clone(), &base.config)
        .context("stance weights do not fit the base encoder")?;
    let head = StanceHead::load(vb.pp("head"), base.config.hidden_size)
        .with_context(|| format!("{}: no classification head", weights.display()))?;
    let mut encoder = Encoder {
        bert,
        fast: None,
        ..base
    };
    // Pack the fine-tuned weights for inference, not the base ones.
    encoder.use_engine(crate::encoder::Engine::default_engine())?;
    Ok(StanceModel {
        encoder,
        head,
        mode: manifest.mode,
        logit_bias: manifest.logit_bias,
    })
}

/// The weights file of the stance model in `dir`, once its sha256 matches `manifest`.
pub fn verified_weights(dir: &Path, manifest: &Manifest) -> Result<PathBuf> {
    let weights = dir.join(WEIGHTS_FILE);
    let got = files::sha256_file(&weights)?;
    if got != manifest.weights_sha256 {
        bail!(
            "{}: sha256 {got} differs from the manifest's {} (corrupt or partial file)",
            weights.display(),
            manifest.weights_sha256
        );
    }
    Ok(weights)
}

/// Save the named tensors in f16 and return the file's sha256.
pub fn save_weights(dir: &Path, tensors: &HashMap<String, Tensor>) -> Result<String> {
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
