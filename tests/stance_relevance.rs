//! The relevance output: which targets the pipeline offers are targets of the statement.
//! Candidates from gold articles, the scores its threshold is chosen by, training it from
//! a trained stance model, and the stance stage dropping the targets it rejects.

mod common;

use stancemap::encoder::{Backend, Encoder, ModelFiles, ModelSource};
use stancemap::pipeline::Pipeline;
use stancemap::record::{Article, Stance, StanceLabel, Statement};
use stancemap::stance::data::{LabeledPair, StanceInput, TargetCandidate};
use stancemap::stance::relevance::RelevanceScores;
use stancemap::stance::store::{self, Manifest, RELEVANCE_WEIGHT};
use stancemap::stance::train::{CandidateSets, TrainConfig, TrainExtras, train, train_with};
use stancemap::stance::{InputMode, StanceModel};
use std::collections::HashMap;
use std::path::Path;

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

fn parties() -> stancemap::parties::Gazetteer {
    stancemap::parties::Gazetteer::builtin().expect("built-in gazetteer")
}

fn input(text: &str, speaker: &str, target: &str) -> StanceInput {
    StanceInput::new(text.into(), Some(speaker.into()), target.into(), &parties())
}

fn pairs() -> Vec<LabeledPair> {
    let pair = |id: &str, text, speaker, target, label| LabeledPair {
        id: id.into(),
        input: input(text, speaker, target),
        label,
    };
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
            "Kyiv thanked Poland for its support.",
            "Ukraine",
            "Poland",
            StanceLabel::Conciliatory,
        ),
        pair(
            "c",
            "The ministers of France and Chad meet on Monday.",
            "France",
            "Chad",
            StanceLabel::Neutral,
        ),
    ]
}

fn candidates() -> Vec<TargetCandidate> {
    let candidate = |id: &str, text, target, is_target| TargetCandidate {
        id: id.into(),
        input: input(text, "Russia", target),
        is_target,
    };
    vec![
        candidate(
            "x",
            "NATO is preparing an attack, the minister said in Brussels.",
            "NATO",
            true,
        ),
        candidate(
            "y",
            "NATO is preparing an attack, the minister said in Brussels.",
            "Belgium",
            false,
        ),
        candidate(
            "z",
            "Poland threatens us, he told reporters in Geneva.",
            "Switzerland",
            false,
        ),
        candidate(
            "w",
            "Poland threatens us, he told reporters in Geneva.",
            "Poland",
            true,
        ),
    ]
}

fn config(trained_layers: usize, learning_rate: f64) -> TrainConfig {
    TrainConfig {
        mode: InputMode::Marked,
        trained_layers,
        epochs: 1,
        batch_size: 2,
        learning_rate,
        weight_decay: 0.0,
        warmup_fraction: 0.1,
        dropout: 0.0,
        epoch_size: 6,
        patience: 1,
        seed: 3,
    }
}

fn save(
    dir: &Path,
    tensors: &HashMap<String, candle_core::Tensor>,
    layers: usize,
    threshold: Option<f32>,
) {
    let sha = store::save_weights(dir, tensors).unwrap();
    let manifest = Manifest {
        base_model: "test".into(),
        base_sha256: String::new(),
        mode: InputMode::Marked,
        trained_layers: layers,
        weights_sha256: sha,
        dtype: "f16".into(),
        training_data: vec![],
        dev_data: vec![],
        hyperparameters: serde_json::Value::Null,
        dev_metrics: serde_json::Value::Null,
        logit_bias: [0.0; 3],
        temperature: 1.0,
        relevance_threshold: threshold,
        command: String::new(),
    };
    manifest.write(dir).unwrap();
}

#[test]
fn recall_counts_the_gold_targets_never_offered() {
    let relevance = [0.9, 0.2, 0.6];
    let gold = [true, false, false];
    let kept_half = RelevanceScores::at(0.5, &relevance, &gold, 1);
    assert_eq!((kept_half.precision, kept_half.recall), (0.5, 0.5));
    // Above 0.6 only the target stays: precision 1, recall still 1 of 2.
    let best = RelevanceScores::best(&relevance, &gold, 1);
    assert!((best.threshold - 0.61).abs() < 1e-6, "{best:?}");
    assert_eq!((best.precision, best.recall), (1.0, 0.5));
    // Nothing kept scores 0, not NaN.
    let none = RelevanceScores::at(0.95, &relevance, &gold, 1);
    assert_eq!((none.precision, none.recall, none.f1), (0.0, 0.0, 0.0));
}

#[test]
fn the_relevance_output_trains_from_a_stance_model_and_drops_rejected_targets() {
    let enc = base();
    let data = pairs();
    let dev = [data.clone()];
    let first = train(&enc, &data, &dev, &config(1, 1e-3), &mut |_| {}).unwrap();
    assert!(!first.tensors.contains_key(RELEVANCE_WEIGHT));
    // With a vanishing rate the run keeps the weights it started from.
    let extras = || TrainExtras {
        init: Some(first.tensors.clone()),
        candidates: Some(CandidateSets {
            train: candidates(),
            dev: candidates(),
            dev_missed: 1,
        }),
    };
    let second = train_with(&enc, &data, &dev, extras(), &config(1, 1e-12), &mut |_| {}).unwrap();
    let values = |t: &candle_core::Tensor| t.flatten_all().unwrap().to_vec1::<f32>().unwrap();
    for (name, t) in &first.tensors {
        let (a, b) = (values(t), values(&second.tensors[name]));
        assert!(
            a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 1e-4),
            "{name} moved"
        );
    }
    assert!(second.tensors.contains_key(RELEVANCE_WEIGHT));
    let scores = second.dev_relevance.expect("relevance scored on dev");
    assert!(
        scores.recall <= 2.0 / 3.0,
        "one dev target was never offered: {scores:?}"
    );
    // A model trained with fewer layers than asked cannot be started from.
    let err = train_with(&enc, &data, &dev, extras(), &config(2, 1e-3), &mut |_| {})
        .err()
        .expect("must fail");
    assert!(format!("{err:#}").contains("fewer layers"), "{err:#}");

    let root = tempfile::tempdir().unwrap();
    let load = |threshold: Option<f32>, name: &str| -> StanceModel {
        let dir = root.path().join(name);
        save(&dir, &second.tensors, 1, threshold);
        let mut model = store::load(&dir, base()).unwrap();
        // The manifest's threshold is applied only where the user asks for it.
        assert_eq!(model.relevance_threshold, None);
        assert_eq!(model.relevance_dev_threshold, threshold);
        model.relevance_threshold = model.relevance_dev_threshold;
        model
    };
    let keep_all = load(Some(0.0), "keep");
    // Averaged with a model trained without it, the relevance output is the one model's.
    let plain = root.path().join("plain");
    save(&plain, &first.tensors, 1, None);
    let averaged = root.path().join("avg");
    stancemap::stance::average::average(&[&plain, &root.path().join("keep")], &averaged, "test")
        .unwrap();
    assert!(store::load(&averaged, base()).unwrap().head.has_relevance());
    let weights = |dir: &Path| {
        let t = candle_core::safetensors::load(
            dir.join(store::WEIGHTS_FILE),
            &candle_core::Device::Cpu,
        )
        .unwrap();
        values(
            &t[RELEVANCE_WEIGHT]
                .to_dtype(candle_core::DType::F32)
                .unwrap(),
        )
    };
    assert_eq!(weights(&averaged), weights(&root.path().join("keep")));
    assert!(keep_all.head.has_relevance());
    let owned = candidates();
    let inputs: Vec<&StanceInput> = owned.iter().map(|c| &c.input).collect();
    for scored in keep_all.score(&inputs, 2).unwrap() {
        let r = scored.relevance.expect("relevance of every input");
        assert!((0.0..=1.0).contains(&r));
    }
    let text = "Moscow accused NATO of preparing an attack, Lavrov said.";
    let classify = |model: &StanceModel| {
        let mut articles = vec![Article {
            id: "t".into(),
            text: text.into(),
            ..Default::default()
        }];
        Pipeline::new().classify(model, &mut articles, 4).unwrap();
        articles.remove(0).statements
    };
    let kept = classify(&keep_all);
    assert!(
        kept.iter().any(|s| s.targets.contains(&"NATO".to_string())),
        "{kept:?}"
    );
    assert!(kept.iter().all(|s| s.stances.len() == s.targets.len()));
    // Above every relevance, no target stays and none gets a stance.
    let dropped = classify(&load(Some(1.01), "drop"));
    assert_eq!(dropped.len(), kept.len());
    assert!(
        dropped
            .iter()
            .all(|s| s.targets.is_empty() && s.stances.is_empty()),
        "{dropped:?}"
    );
    // Without a threshold the output is the stance model's alone.
    let unset = classify(&load(None, "unset"));
    assert_eq!(
        unset.iter().map(|s| s.targets.len()).sum::<usize>(),
        kept.iter().map(|s| s.targets.len()).sum::<usize>()
    );
}

#[test]
fn candidates_are_the_offered_targets_of_found_statements() {
    let text =
        "NATO is massing troops in Poland, Russian Foreign Minister Sergei Lavrov said on Monday.";
    let content_end = text.find(", Russian").unwrap();
    let statement = Statement {
        speaker: "Sergei Lavrov".into(),
        speaker_party: Some("Russia".into()),
        content: text[..content_end].into(),
        start: 0,
        end: content_end,
        stances: ["NATO", "Ukraine"]
            .iter()
            .map(|t| Stance {
                target: t.to_string(),
                label: StanceLabel::Hostile,
                confidence: None,
                probs: None,
            })
            .collect(),
        ..Default::default()
    };
    let article = Article {
        id: "gold".into(),
        text: text.into(),
        statements: vec![statement],
        ..Default::default()
    };
    let (candidates, missed) = Pipeline::new().target_candidates(&article).unwrap();
    let labels: HashMap<&str, bool> = candidates
        .iter()
        .map(|c| (c.input.target.as_str(), c.is_target))
        .collect();
    assert_eq!(labels.get("NATO"), Some(&true), "{labels:?}");
    assert_eq!(labels.get("Poland"), Some(&false), "{labels:?}");
    // Ukraine is listed by the gold but named nowhere: missed, never a candidate.
    assert_eq!(missed, 1);
    assert!(!labels.contains_key("Ukraine"));
}
