//! Weight averaging of stance models fine-tuned from the same base encoder (a "model
//! soup", Wortsman et al. 2022): one model, no extra inference cost, that keeps what
//! runs with different data mixes learned.

use super::store::{self, Manifest, TrainingFile};
use anyhow::{Context, Result, bail};
use candle_core::{DType, Device, Tensor};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Average the weights of the stance models in `members` into `out` and write its
/// manifest (members recorded, neutral bias reset to 0: calibrate it afterwards).
pub fn average(members: &[&Path], out: &Path, command: &str) -> Result<Manifest> {
    let Some(first_dir) = members.first() else {
        bail!("no stance models to average");
    };
    refuse_member_as_out(members, out)?;
    let manifests: Vec<Manifest> = members
        .iter()
        .map(|d| store::read_manifest(d))
        .collect::<Result<_>>()?;
    let first = &manifests[0];
    for (dir, m) in members.iter().zip(&manifests).skip(1) {
        if m.base_sha256 != first.base_sha256
            || m.mode != first.mode
            || m.trained_layers != first.trained_layers
        {
            bail!(
                "{}: base encoder, input mode or trained layers differ from {}; only models \
                 fine-tuned the same way from the same base can be averaged",
                dir.display(),
                first_dir.display()
            );
        }
    }
    let paths: Vec<PathBuf> = members
        .iter()
        .zip(&manifests)
        .map(|(dir, m)| store::verified_weights(dir, m))
        .collect::<Result<_>>()?;
    let averaged = mean_tensors(&paths)?;
    let weights_sha256 = store::save_weights(out, &averaged)?;
    let member_records: Vec<serde_json::Value> = members
        .iter()
        .zip(&manifests)
        .map(|(dir, m)| {
            member_record(
                dir,
                &m.weights_sha256,
                &m.command,
                &m.hyperparameters,
                &m.dev_metrics,
            )
        })
        .collect();
    let manifest = Manifest {
        base_model: first.base_model.clone(),
        base_sha256: first.base_sha256.clone(),
        mode: first.mode,
        trained_layers: first.trained_layers,
        weights_sha256,
        dtype: "f16".into(),
        training_data: union(manifests.iter().map(|m| &m.training_data)),
        dev_data: union(manifests.iter().map(|m| &m.dev_data)),
        hyperparameters: serde_json::json!({ "average_of": member_records }),
        dev_metrics: serde_json::json!({}),
        logit_bias: [0.0; 3],
        temperature: 1.0,
        // A relevance threshold is chosen anew for the average.
        relevance_threshold: None,
        command: command.to_string(),
    };
    manifest.write(out)?;
    Ok(manifest)
}

/// What an averaged model's manifest records of one member (`hyperparameters.average_of`).
pub(crate) fn member_record(
    dir: &Path,
    weights_sha256: &str,
    command: &str,
    hyperparameters: &serde_json::Value,
    dev_metrics: &serde_json::Value,
) -> serde_json::Value {
    serde_json::json!({
        "dir": dir.display().to_string(),
        "weights_sha256": weights_sha256,
        "command": command,
        "hyperparameters": hyperparameters,
        "dev_metrics": dev_metrics,
    })
}

/// Refuse an output folder that is one of the members (by canonical path): the average
/// would overwrite a model it is made from.
pub(crate) fn refuse_member_as_out(members: &[&Path], out: &Path) -> Result<()> {
    let Ok(out_real) = out.canonicalize() else {
        return Ok(()); // does not exist yet, so it is no member
    };
    for dir in members {
        if dir.canonicalize().is_ok_and(|d| d == out_real) {
            bail!(
                "--out {} is one of the models being averaged; write the average to a new folder",
                out.display()
            );
        }
    }
    Ok(())
}

/// The element-wise mean (f32) of the tensors in the safetensors files `paths`, which
/// must hold the same names and shapes. The relevance output, which a stance model
/// trained without it lacks, is the mean over the members that hold it.
pub(crate) fn mean_tensors(paths: &[PathBuf]) -> Result<HashMap<String, Tensor>> {
    let Some(first) = paths.first() else {
        bail!("no weights to average");
    };
    let mut sum: HashMap<String, (Tensor, usize)> = HashMap::new();
    for path in paths {
        let tensors = candle_core::safetensors::load(path, &Device::Cpu)
            .with_context(|| format!("{}: cannot load the weights", path.display()))?;
        for (name, t) in tensors {
            let t = t.to_dtype(DType::F32)?;
            let total = match sum.remove(&name) {
                None => (t, 1),
                Some((s, n)) => (
                    (s + t).with_context(|| {
                        format!("{}: tensor {name} has another shape", path.display())
                    })?,
                    n + 1,
                ),
            };
            sum.insert(name, total);
        }
    }
    if let Some((name, _)) = sum
        .iter()
        .find(|(name, (_, n))| *n != paths.len() && !name.starts_with(store::RELEVANCE_PREFIX))
    {
        bail!(
            "tensor {name} is not in every model averaged (the first is {})",
            first.display()
        );
    }
    sum.into_iter()
        .map(|(k, (v, n))| Ok((k, (v / n as f64)?)))
        .collect()
}

/// The distinct files (by path and hash) of several lists, in first-seen order.
pub(crate) fn union<'a>(lists: impl Iterator<Item = &'a Vec<TrainingFile>>) -> Vec<TrainingFile> {
    let mut seen = Vec::<TrainingFile>::new();
    for file in lists.flatten() {
        if !seen
            .iter()
            .any(|f| f.path == file.path && f.sha256 == file.sha256)
        {
            seen.push(file.clone());
        }
    }
    seen
}
