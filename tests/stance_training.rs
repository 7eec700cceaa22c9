//! Training plumbing on a handful of pairs: gradients reach the head and the tuned
//! layers, the run is reproducible from its seed, and the saved model loads and predicts.

mod common;

use stancemap::encoder::{Backend, Encoder, ModelFiles, ModelSource};
use stancemap::record::StanceLabel;
use stancemap::stance::InputMode;
use stancemap::stance::data::{LabeledPair, StanceInput};
use stancemap::stance::store::{self, Manifest};
use stancemap::stance::train::{TrainConfig, train};

fn base() -> Encoder {
    Encoder::load(
        &ModelFiles {
            dir: common::model_dir(),
            source: ModelSource::Flag,
        },
        Backend::best(),
    )
    .expect("run `stancemap model fetch`")
}

fn pair(id: &str, text: &str, speaker: &str, target: &str, label: StanceLabel) -> LabeledPair {
    LabeledPair {
        id: id.into(),
        input: StanceInput::new(
            text.into(),
            Some(speaker.into()),
            target.into(),
            &stancemap::parties::Gazetteer::builtin().expect("built-in gazetteer"),
        ),
        label,
    }
}

fn tiny_set() -> Vec<LabeledPair> {
    vec![
        pair(
            "a",
            "Moscow accused NATO of preparing an attack.",
            "Russia",
            "NATO",
            StanceLabel::Hostile,
        ),
        pair(
            "b",
            "Kyiv thanked Poland for its generous support.",
            "Ukraine",
            "Poland",
            StanceLabel::Conciliatory,
        ),
        pair(
            "c",
            "The ministers of France and Chad will meet on Monday.",
            "France",
            "Chad",
            StanceLabel::Neutral,
        ),
        pair(
            "d",
            "Beijing condemned Washington's new tariffs as bullying.",
            "China",
            "Washington",
            StanceLabel::Hostile,
        ),
        pair(
            "e",
            "Seoul welcomed Tokyo's offer of talks.",
            "South Korea",
            "Tokyo",
            StanceLabel::Conciliatory,
        ),
        pair(
            "f",
            "The summit with Kenya is scheduled for May.",
            "Uganda",
            "Kenya",
            StanceLabel::Neutral,
        ),
    ]
}

fn config(mode: InputMode) -> TrainConfig {
    TrainConfig {
        mode,
        trained_layers: 1,
        epochs: 2,
        batch_size: 3,
        learning_rate: 1e-3,
        weight_decay: 0.0,
        warmup_fraction: 0.1,
        dropout: 0.1,
        epoch_size: 6,
        patience: 2,
        seed: 7,
    }
}

#[test]
fn training_is_reproducible_and_the_saved_model_predicts() {
    let enc = base();
    let data = tiny_set();
    let cfg = config(InputMode::Pair);
    let dev = [data.clone()];
    let first = train(&enc, &data, &dev, &cfg, &mut |_| {}).unwrap();
    let second = train(&enc, &data, &dev, &cfg, &mut |_| {}).unwrap();
    // Only the top layer and the head are stored.
    assert!(
        first
            .tensors
            .keys()
            .all(|k| k.starts_with("encoder.layer.5.") || k.starts_with("head.")),
        "{:?}",
        first.tensors.keys()
    );
    assert!(first.tensors.keys().any(|k| k.starts_with("head.")));
    for (name, t) in &first.tensors {
        let a = t.flatten_all().unwrap().to_vec1::<f32>().unwrap();
        let b = second.tensors[name]
            .flatten_all()
            .unwrap()
            .to_vec1::<f32>()
            .unwrap();
        assert_eq!(a, b, "{name} differs between two runs with the same seed");
    }
    // The tuned layer moved away from the base weights.
    let tuned = first.tensors["encoder.layer.5.output.dense.weight"]
        .flatten_all()
        .unwrap()
        .to_vec1::<f32>()
        .unwrap();
    let base_t =
        candle_core::safetensors::load(enc.files.weights(), &candle_core::Device::Cpu).unwrap();
    let original = base_t["encoder.layer.5.output.dense.weight"]
        .flatten_all()
        .unwrap()
        .to_vec1::<f32>()
        .unwrap();
    assert!(
        tuned
            .iter()
            .zip(&original)
            .any(|(a, b)| (a - b).abs() > 1e-6),
        "the tuned layer received no update"
    );

    let dir = tempfile::tempdir().unwrap();
    save_model(dir.path(), &first.tensors, InputMode::Pair, 1, [0.0; 3]);
    let model = store::load(dir.path(), base()).unwrap();
    let inputs: Vec<&StanceInput> = data.iter().map(|p| &p.input).collect();
    let probs = model.predict(&inputs, 4).unwrap();
    assert_eq!(probs.len(), data.len());
    for p in &probs {
        let sum: f32 = p.to_array().iter().sum();
        assert!((sum - 1.0).abs() < 1e-4 && p.to_array().iter().all(|&x| x >= 0.0));
    }
}

#[test]
fn statement_mode_shares_one_pass_between_targets() {
    let enc = base();
    let data = tiny_set();
    let (a, b) = data.split_at(data.len() / 2);
    let dev = [a.to_vec(), b.to_vec()];
    let trained = train(
        &enc,
        &data,
        &dev,
        &config(InputMode::Statement),
        &mut |_| {},
    )
    .unwrap();
    // Each dev set is scored alone; the best epoch is chosen on their mean.
    assert_eq!(trained.dev_scores.len(), 2);
    assert_eq!(trained.dev_scores[0].count, a.len());
    assert_eq!(trained.dev_scores[1].count, b.len());
    let mean = (trained.dev_scores[0].macro_f1 + trained.dev_scores[1].macro_f1) / 2.0;
    assert!((trained.dev_macro_f1 - mean).abs() < 1e-12);
}

#[test]
fn a_corrupt_stance_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(store::WEIGHTS_FILE), b"garbage").unwrap();
    std::fs::write(
        dir.path().join(store::MANIFEST_FILE),
        b"{\"not\": \"a manifest\"}",
    )
    .unwrap();
    let err = store::load(dir.path(), base()).err().expect("must fail");
    assert!(format!("{err:#}").contains("manifest.json"), "{err:#}");
}

/// Save `tensors` as a stance model folder over the test base.
fn save_model(
    dir: &std::path::Path,
    tensors: &std::collections::HashMap<String, candle_core::Tensor>,
    mode: InputMode,
    trained_layers: usize,
    logit_bias: [f32; 3],
) {
    let sha = store::save_weights(dir, tensors).unwrap();
    let manifest = Manifest {
        base_model: "test".into(),
        base_sha256: String::new(),
        mode,
        trained_layers,
        weights_sha256: sha,
        dtype: "f16".into(),
        training_data: vec![],
        dev_data: vec![],
        hyperparameters: serde_json::Value::Null,
        dev_metrics: serde_json::Value::Null,
        relevance_threshold: None,
        command: String::new(),
        logit_bias,
        temperature: 1.0,
    };
    std::fs::write(
        dir.join(store::MANIFEST_FILE),
        serde_json::to_string(&manifest).unwrap(),
    )
    .unwrap();
}

#[test]
fn averaging_two_runs_gives_the_mean_of_their_weights() {
    use stancemap::stance::average::average;
    let enc = base();
    let data = tiny_set();
    let dev = [data.clone()];
    let mut cfg = config(InputMode::Statement);
    let first = train(&enc, &data, &dev, &cfg, &mut |_| {}).unwrap();
    cfg.seed = 8;
    let second = train(&enc, &data, &dev, &cfg, &mut |_| {}).unwrap();
    let root = tempfile::tempdir().unwrap();
    let (a, b, out) = (
        root.path().join("a"),
        root.path().join("b"),
        root.path().join("avg"),
    );
    save_model(&a, &first.tensors, InputMode::Statement, 1, [0.0, 0.0, 0.5]);
    save_model(
        &b,
        &second.tensors,
        InputMode::Statement,
        1,
        [0.0, 0.0, 0.5],
    );
    let manifest = average(&[&a, &b], &out, "test").unwrap();
    assert_eq!(
        manifest.logit_bias, [0.0; 3],
        "the bias is chosen again afterwards"
    );
    // The average loads as a stance model and each weight is the mean of the two
    // (both saved in f16, so compare within f16 rounding).
    store::load(&out, base()).unwrap();
    let load = |d: &std::path::Path| {
        candle_core::safetensors::load(d.join(store::WEIGHTS_FILE), &candle_core::Device::Cpu)
            .unwrap()
    };
    let (ta, tb, tavg) = (load(&a), load(&b), load(&out));
    assert_eq!(tavg.len(), ta.len());
    for (name, t) in &tavg {
        let f = |t: &candle_core::Tensor| {
            t.to_dtype(candle_core::DType::F32)
                .unwrap()
                .flatten_all()
                .unwrap()
                .to_vec1::<f32>()
                .unwrap()
        };
        let (x, y, m) = (f(&ta[name]), f(&tb[name]), f(t));
        for ((x, y), m) in x.iter().zip(&y).zip(&m) {
            assert!(
                (m - (x + y) / 2.0).abs() <= 1e-3 * (1.0 + m.abs()),
                "{name}"
            );
        }
    }
    // Models tuned differently cannot be averaged.
    let c = root.path().join("c");
    save_model(&c, &first.tensors, InputMode::Statement, 2, [0.0, 0.0, 0.5]);
    let err = average(&[&a, &c], &root.path().join("bad"), "test").unwrap_err();
    assert!(format!("{err:#}").contains("differ"), "{err:#}");
}
