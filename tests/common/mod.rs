//! Shared test helpers: where the repo's model and the shared datasets are.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The base encoder folder that `.ci/run` (or `stancemap model fetch`) fills.
pub fn model_dir() -> PathBuf {
    std::env::var_os("STANCEMAP_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("models").join("all-minilm-l6-v2"))
}

/// `../shared` beside the clone: datasets and the canonical example.
pub fn shared_dir() -> PathBuf {
    repo_root().join("..").join("shared")
}

/// The built `stancemap` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_stancemap"))
}
