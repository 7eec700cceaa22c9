//! Weight averaging of attribution taggers fine-tuned from the same base encoder (a
//! model soup, as `stance::average` does for stance models): the committed tagger is the
//! mean of two runs with different news-gold shares, which keeps what each learned.

use super::model::{TaggerManifest, WEIGHTS_FILE, save_weights};
use crate::encoder::files;
use crate::stance::average::{mean_tensors, member_record, refuse_member_as_out, union};
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// Average the taggers in `members` into `out` and write its manifest, which records
/// each member (its weights' sha256, command, hyperparameters and dev scores).
pub fn average_taggers(members: &[&Path], out: &Path, command: &str) -> Result<TaggerManifest> {
    let Some(first_dir) = members.first() else {
        bail!("no taggers to average");
    };
    refuse_member_as_out(members, out)?;
    let manifests: Vec<TaggerManifest> = members
        .iter()
        .map(|d| TaggerManifest::read(d))
        .collect::<Result<_>>()?;
    let first = &manifests[0];
    let mut paths = Vec::<PathBuf>::new();
    for (dir, m) in members.iter().zip(&manifests) {
        if m.base_sha256 != first.base_sha256 || m.trained_layers != first.trained_layers {
            bail!(
                "{}: base encoder or trained layers differ from {}; only taggers fine-tuned \
                 the same way from the same base can be averaged",
                dir.display(),
                first_dir.display()
            );
        }
        let weights = dir.join(WEIGHTS_FILE);
        files::check_sha256(&weights, &m.weights_sha256)?;
        paths.push(weights);
    }
    let averaged = mean_tensors(&paths)?;
    let weights_sha256 = save_weights(out, &averaged)?;
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
    let manifest = TaggerManifest {
        base_model: first.base_model.clone(),
        base_sha256: first.base_sha256.clone(),
        trained_layers: first.trained_layers,
        weights_sha256,
        dtype: "f16".into(),
        training_data: union(manifests.iter().map(|m| &m.training_data)),
        dev_data: union(manifests.iter().map(|m| &m.dev_data)),
        hyperparameters: serde_json::json!({ "average_of": member_records }),
        dev_metrics: serde_json::json!({}),
        command: command.to_string(),
    };
    manifest.write(out)?;
    Ok(manifest)
}
