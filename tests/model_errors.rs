//! A missing, truncated or corrupt model gives a clear error, never a panic.

mod common;

use std::process::Command;

fn copy_model_to(dir: &std::path::Path) {
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        std::fs::copy(common::model_dir().join(f), dir.join(f)).unwrap();
    }
}

#[test]
fn missing_model_folder_says_what_to_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(common::bin())
        .args(["model", "info", "--model-dir"])
        .arg(tmp.path().join("nowhere"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stancemap model fetch"), "{err}");
}

#[test]
fn truncated_weights_are_reported_with_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    copy_model_to(tmp.path());
    let weights = tmp.path().join("model.safetensors");
    let bytes = std::fs::read(&weights).unwrap();
    std::fs::write(&weights, &bytes[..bytes.len() / 3]).unwrap();
    let out = Command::new(common::bin())
        .args(["model", "info", "--model-dir"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("model.safetensors") && err.contains("model fetch"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn garbage_weights_and_config_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    copy_model_to(tmp.path());
    std::fs::write(
        tmp.path().join("model.safetensors"),
        b"\x00\x01not a safetensors file",
    )
    .unwrap();
    let out = Command::new(common::bin())
        .args(["model", "info", "--model-dir"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));

    copy_model_to(tmp.path());
    std::fs::write(tmp.path().join("config.json"), b"{ not json").unwrap();
    let out = Command::new(common::bin())
        .args(["model", "info", "--model-dir"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.json"), "{err}");
}

#[test]
fn fetch_verifies_an_existing_copy() {
    let tmp = tempfile::tempdir().unwrap();
    copy_model_to(tmp.path());
    let out = Command::new(common::bin())
        .args(["model", "fetch", "--model-dir"])
        .arg(tmp.path())
        .output()
        .unwrap();
    common::assert_success(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("sha256 verified"));
}
