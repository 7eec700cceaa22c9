//! `model average --tagger`: the mean of two taggers' weights, with a manifest that
//! records both; taggers tuned differently or with corrupt weights are refused.

use candle_core::{DType, Device, Tensor};
use stancemap::attribute::tagger::average::average_taggers;
use stancemap::attribute::tagger::model::{TaggerManifest, WEIGHTS_FILE, save_weights};
use std::collections::HashMap;
use std::path::Path;

/// A tagger folder with one tensor of `values` and a manifest that matches it.
fn tagger(dir: &Path, values: &[f32], trained_layers: usize) {
    let t = Tensor::from_slice(values, (values.len(),), &Device::Cpu).unwrap();
    let tensors = HashMap::from([("tagger_head.bias".to_string(), t)]);
    let sha = save_weights(dir, &tensors).unwrap();
    TaggerManifest {
        base_model: "base".into(),
        base_sha256: "abc".into(),
        trained_layers,
        weights_sha256: sha,
        dtype: "f16".into(),
        training_data: Vec::new(),
        dev_data: Vec::new(),
        hyperparameters: serde_json::json!({ "seed": trained_layers }),
        dev_metrics: serde_json::json!({}),
        command: format!("train {}", dir.display()),
    }
    .write(dir)
    .unwrap();
}

fn weights(dir: &Path) -> Vec<f32> {
    let t = candle_core::safetensors::load(dir.join(WEIGHTS_FILE), &Device::Cpu).unwrap();
    t["tagger_head.bias"]
        .to_dtype(DType::F32)
        .unwrap()
        .to_vec1()
        .unwrap()
}

#[test]
fn averaging_two_taggers_gives_the_mean_of_their_weights() {
    let root = tempfile::tempdir().unwrap();
    let (a, b, out) = (
        root.path().join("a"),
        root.path().join("b"),
        root.path().join("avg"),
    );
    tagger(&a, &[1.0, -2.0, 0.5], 4);
    tagger(&b, &[3.0, 2.0, 0.25], 4);
    let manifest = average_taggers(&[&a, &b], &out, "average").unwrap();
    assert_eq!(weights(&out), [2.0, 0.0, 0.375]);
    // The manifest holds the new weights' hash and names both members.
    let read = TaggerManifest::read(&out).unwrap();
    assert_eq!(read.weights_sha256, manifest.weights_sha256);
    assert_eq!(read.trained_layers, 4);
    let members = read.hyperparameters["average_of"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    assert!(members[1]["command"].as_str().unwrap().ends_with('b'));

    // Taggers tuned differently cannot be averaged; a corrupt member is named.
    let c = root.path().join("c");
    tagger(&c, &[1.0, 1.0, 1.0], 2);
    let err = average_taggers(&[&a, &c], &root.path().join("bad"), "x").unwrap_err();
    assert!(err.to_string().contains("trained layers"), "{err}");
    std::fs::write(b.join(WEIGHTS_FILE), b"not weights").unwrap();
    let err = average_taggers(&[&a, &b], &root.path().join("bad2"), "x").unwrap_err();
    assert!(err.to_string().contains("sha256"), "{err:#}");
    assert!(!root.path().join("bad2").exists());

    // The output may not be one of the members: it would overwrite it.
    let before = std::fs::read(a.join(WEIGHTS_FILE)).unwrap();
    let err = average_taggers(&[&a, &out], &a, "x").unwrap_err();
    assert!(err.to_string().contains("one of the models"), "{err}");
    assert_eq!(std::fs::read(a.join(WEIGHTS_FILE)).unwrap(), before);
}
