//! Models are not trusted blindly: the config is validated, the weights' sha256 is
//! checked at load, a stance model must fit its base and hold every trained layer,
//! a folder the user named is never written to, and training and calibration refuse
//! settings and data that would silently give a broken model.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `stancemap` run in `cwd` with no model folder in the environment and the user
/// caches pointed inside `cwd`, so only what a test sets up is found.
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(common::bin())
        .current_dir(cwd)
        .args(args)
        .env_remove("STANCEMAP_MODEL_DIR")
        .env_remove("STANCEMAP_STANCE_DIR")
        .env("HOME", cwd)
        .env("XDG_CACHE_HOME", cwd.join("cache"))
        .env("HF_HUB_CACHE", cwd.join("hub"))
        .env("STANCEMAP_NO_HUB", "1")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Link the base encoder's files into `dir` (no copy of 90 MB), except `except`.
fn link_model(dir: &Path, except: &[&str]) {
    std::fs::create_dir_all(dir).unwrap();
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        if !except.contains(&f) {
            std::os::unix::fs::symlink(common::model_dir().join(f), dir.join(f)).unwrap();
        }
    }
}

/// Copy the committed stance model into `dir`.
fn copy_stance(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for f in ["manifest.json", "stance.safetensors"] {
        std::fs::copy(
            common::repo_root().join("models/stance").join(f),
            dir.join(f),
        )
        .unwrap();
    }
}

/// A short article in `dir`.
fn article(dir: &Path) -> PathBuf {
    let path = dir.join("article.txt");
    std::fs::write(
        &path,
        "Russia condemned NATO's new bases, the Kremlin said on Monday.\n",
    )
    .unwrap();
    path
}

/// The config of the base encoder with one field changed.
fn config_with(field: &str, value: serde_json::Value) -> String {
    let text = std::fs::read_to_string(common::model_dir().join("config.json")).unwrap();
    let mut config: serde_json::Value = serde_json::from_str(&text).unwrap();
    config[field] = value;
    config.to_string()
}

#[test]
fn attention_heads_that_cannot_split_the_hidden_size_are_refused() {
    for heads in [0, 5] {
        let tmp = tempfile::tempdir().unwrap();
        link_model(tmp.path(), &["config.json"]);
        std::fs::write(
            tmp.path().join("config.json"),
            config_with("num_attention_heads", heads.into()),
        )
        .unwrap();
        let dir = tmp.path().to_str().unwrap();
        let out = run_in(tmp.path(), &["model", "info", "--model-dir", dir]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{heads} heads accepted: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains("config.json") && err.contains("num_attention_heads"),
            "{err}"
        );
    }
}

/// A copy of the base weights with 2,000 bytes flipped in the middle (still a valid
/// safetensors file, other numbers).
fn write_flipped_weights(path: &Path) {
    let mut bytes = std::fs::read(common::model_dir().join("model.safetensors")).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 2000] {
        *b ^= 0x10;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn changed_weights_are_refused_unless_the_folder_was_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("models/all-minilm-l6-v2");
    link_model(&dir, &["model.safetensors"]);
    write_flipped_weights(&dir.join("model.safetensors"));
    // Found on its own (models/ under the current folder): refused, with the fix.
    let out = run_in(tmp.path(), &["model", "info"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("sha256") && err.contains("model fetch"),
        "{err}"
    );
    // Named by the user: used, with a warning.
    let named = dir.to_str().unwrap();
    let out = run_in(tmp.path(), &["model", "info", "--model-dir", named]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning") && err.contains("sha256"), "{err}");
}

#[test]
fn a_stance_model_from_other_base_weights_is_refused_unless_named() {
    let tmp = tempfile::tempdir().unwrap();
    link_model(&tmp.path().join("models/all-minilm-l6-v2"), &[]);
    let stance = tmp.path().join("models/stance");
    copy_stance(&stance);
    let manifest_path = stance.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    manifest["base_sha256"] = "0".repeat(64).into();
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    let text = article(tmp.path());
    let text = text.to_str().unwrap();
    let out = run_in(tmp.path(), &["classify", "--format", "jsonl", text]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("sha256") && err.contains("model fetch"),
        "{err}"
    );
    let named = stance.to_str().unwrap();
    let out = run_in(
        tmp.path(),
        &[
            "classify",
            "--format",
            "jsonl",
            "--stance-model",
            named,
            text,
        ],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning"), "{err}");
}

#[test]
fn a_stance_file_missing_trained_layers_is_refused() {
    use stancemap::stance::store;
    let tmp = tempfile::tempdir().unwrap();
    let stance = tmp.path().join("stance");
    let committed = common::repo_root().join("models/stance");
    let mut tensors = candle_core::safetensors::load(
        committed.join(store::WEIGHTS_FILE),
        &candle_core::Device::Cpu,
    )
    .unwrap();
    let before = tensors.len();
    tensors.retain(|name, _| !name.contains("encoder.layer.5."));
    assert!(tensors.len() < before, "the committed model trains layer 5");
    let sha = store::save_weights(&stance, &tensors).unwrap();
    // A manifest that matches the (incomplete) file, so only completeness can fail.
    let mut manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(committed.join(store::MANIFEST_FILE)).unwrap(),
    )
    .unwrap();
    manifest["weights_sha256"] = sha.into();
    std::fs::write(stance.join(store::MANIFEST_FILE), manifest.to_string()).unwrap();
    let text = article(tmp.path());
    let model_dir = common::model_dir();
    let out = run_in(
        tmp.path(),
        &[
            "classify",
            "--format",
            "jsonl",
            "--model-dir",
            model_dir.to_str().unwrap(),
            "--stance-model",
            stance.to_str().unwrap(),
            text.to_str().unwrap(),
        ],
    );
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("encoder.layer.5."), "{err}");
}

#[test]
fn a_model_dir_without_a_tokenizer_is_never_fetched_into() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("model.safetensors"), b"my own weights").unwrap();
    std::fs::write(mine.join("config.json"), b"{\"my\": \"config\"}").unwrap();
    let text = article(tmp.path());
    let out = Command::new(common::bin())
        .current_dir(tmp.path())
        .args(["classify", "--model-dir"])
        .arg(&mine)
        .arg("--stance-model")
        .arg(common::repo_root().join("models/stance"))
        .arg(&text)
        .env("STANCEMAP_NO_HUB", "1")
        // No python on PATH: were a fetch tried, it would fail fast, not download.
        .env("PATH", "")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("tokenizer.json"), "{err}");
    let mut left: Vec<String> = std::fs::read_dir(&mine)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["config.json", "model.safetensors"]);
    assert_eq!(
        std::fs::read(mine.join("model.safetensors")).unwrap(),
        b"my own weights"
    );
}

#[test]
fn an_empty_model_dir_variable_counts_as_unset() {
    let out = Command::new(common::bin())
        .current_dir(common::repo_root())
        .args(["model", "info", "--json"])
        .env("STANCEMAP_MODEL_DIR", "")
        .output()
        .unwrap();
    common::assert_success(&out);
}

#[test]
fn calibrating_on_an_empty_dev_file_keeps_the_bias() {
    let tmp = tempfile::tempdir().unwrap();
    let stance = tmp.path().join("stance");
    copy_stance(&stance);
    let before = std::fs::read(stance.join("manifest.json")).unwrap();
    let empty = tmp.path().join("empty.pairs.jsonl");
    std::fs::write(&empty, b"").unwrap();
    let out = Command::new(common::bin())
        .args(["model", "calibrate", "--stance-model"])
        .arg(&stance)
        .arg("--dev")
        .arg(&empty)
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("empty.pairs.jsonl"), "{err}");
    assert_eq!(std::fs::read(stance.join("manifest.json")).unwrap(), before);
}

/// Six pairs, two of each label, or only hostile ones.
fn tiny_pairs(path: &Path, one_class: bool) {
    let labels = if one_class {
        ["hostile"; 3]
    } else {
        ["hostile", "conciliatory", "neutral"]
    };
    let mut lines = String::new();
    for (i, label) in labels.iter().cycle().take(6).enumerate() {
        lines += &serde_json::json!({
            "id": format!("p{i}"),
            "text": format!("Russia spoke about NATO on day {i}."),
            "speaker": "Russia",
            "target": "NATO",
            "label": label,
        })
        .to_string();
        lines.push('\n');
    }
    std::fs::write(path, lines).unwrap();
}

/// `train` on tiny data with extra flags; returns the output and the --out folder.
fn train_with(extra: &[&str], one_class: bool) -> (Output, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("train.pairs.jsonl");
    tiny_pairs(&data, one_class);
    let dev = tmp.path().join("dev.pairs.jsonl");
    tiny_pairs(&dev, false);
    let out = Command::new(common::bin())
        .args([
            "train",
            "--epochs",
            "1",
            "--epoch-size",
            "6",
            "--train-layers",
            "1",
        ])
        .arg("--data")
        .arg(&data)
        .arg("--dev")
        .arg(&dev)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .args(extra)
        .env("STANCEMAP_MODEL_DIR", common::model_dir())
        .output()
        .unwrap();
    (out, tmp)
}

#[test]
fn training_refuses_a_learning_rate_that_is_not_a_number() {
    let (out, tmp) = train_with(&["--lr", "NaN"], false);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("learning rate"), "{err}");
    assert!(!tmp.path().join("out").exists(), "a model was written");
}

#[test]
fn training_refuses_dropout_outside_zero_to_one() {
    let (out, tmp) = train_with(&["--dropout", "1.5"], false);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("dropout"), "{err}");
    assert!(!tmp.path().join("out").exists(), "a model was written");
}

#[test]
fn training_refuses_data_of_one_label() {
    let (out, tmp) = train_with(&[], true);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("conciliatory") && err.contains("train.pairs.jsonl"),
        "{err}"
    );
    assert!(!tmp.path().join("out").exists(), "a model was written");
}

#[test]
fn weights_with_nan_are_never_written() {
    use candle_core::{Device, Tensor};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut tensors = std::collections::HashMap::new();
    tensors.insert(
        "head.output.bias".to_string(),
        Tensor::new(&[0.5f32, f32::NAN, 1.0], &Device::Cpu).unwrap(),
    );
    let err =
        stancemap::stance::store::save_weights(&out, &tensors).expect_err("NaN weights were saved");
    assert!(format!("{err:#}").contains("head.output.bias"), "{err:#}");
    assert!(!out.join(stancemap::stance::store::WEIGHTS_FILE).exists());
}

#[test]
fn the_built_in_stance_model_serves_outside_a_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let text = article(tmp.path());
    let model_dir = common::model_dir();
    let out = run_in(
        tmp.path(),
        &[
            "classify",
            "--format",
            "jsonl",
            "--model-dir",
            model_dir.to_str().unwrap(),
            text.to_str().unwrap(),
        ],
    );
    common::assert_success(&out);
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(line.contains("\"label\":\"hostile\""), "{line}");
}

#[test]
fn model_fetch_fills_the_user_cache_from_a_verified_local_copy() {
    let tmp = tempfile::tempdir().unwrap();
    link_model(&tmp.path().join("models/all-minilm-l6-v2"), &[]);
    let out = Command::new(common::bin())
        .current_dir(tmp.path())
        .args(["model", "fetch"])
        .env("STANCEMAP_MODEL_DIR", "")
        .env("XDG_CACHE_HOME", tmp.path().join("cache"))
        .env("STANCEMAP_NO_HUB", "1")
        .env("PATH", "")
        .output()
        .unwrap();
    common::assert_success(&out);
    let cached = tmp.path().join("cache/stancemap/all-minilm-l6-v2");
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        assert!(cached.join(f).is_file(), "{f} not in the user cache");
    }
}
