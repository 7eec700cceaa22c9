//! The candle encoder against independent references: the NumPy BERT of
//! scripts/reference_embed.py and candle's stock BERT.

mod common;

use candle_core::{DType, Tensor};
use candle_nn::VarBuilder;
use stancemap::encoder::{Backend, Encoder, ModelFiles, ModelSource, bert, cosine};

fn encoder() -> Encoder {
    let files = ModelFiles {
        dir: common::model_dir(),
        source: ModelSource::Flag,
    };
    Encoder::load(&files, Backend::Candle)
        .expect("base encoder missing: run `stancemap model fetch`")
}

#[derive(serde::Deserialize)]
struct Reference {
    sentences: Vec<String>,
    vectors: Vec<Vec<f32>>,
}

#[test]
fn matches_numpy_reference_vectors() {
    let path = common::repo_root().join("tests/fixtures/reference_embeddings.json");
    let reference: Reference =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let enc = encoder();
    let texts: Vec<&str> = reference.sentences.iter().map(String::as_str).collect();
    // One padded batch: padding must not change any sentence's vector.
    let got = enc.embed(&texts).unwrap();
    assert_eq!(got.len(), reference.vectors.len());
    for (i, (g, r)) in got.iter().zip(&reference.vectors).enumerate() {
        let c = cosine(g, r);
        assert!(c >= 0.9999, "sentence {i} `{}`: cosine {c}", texts[i]);
    }
}

#[test]
fn batch_and_single_agree() {
    let enc = encoder();
    let texts = [
        "a short one",
        "a much longer sentence that forces padding on the short one in a batch",
    ];
    let batch = enc.embed(&texts).unwrap();
    let single = enc.embed(&texts[..1]).unwrap();
    assert!(cosine(&batch[0], &single[0]) > 0.99999);
}

#[test]
fn paraphrases_score_higher_than_unrelated_pairs() {
    let enc = encoder();
    let pairs = [
        (
            "Russia accused NATO of threatening its security.",
            "Moscow said the alliance endangers Russian security.",
        ),
        (
            "The ministers agreed to resume peace talks next week.",
            "Negotiations will restart next week, the ministers decided.",
        ),
        (
            "Kyiv thanked its allies for the weapons.",
            "Ukraine expressed gratitude to its partners for the arms deliveries.",
        ),
    ];
    let unrelated = [
        (
            "Russia accused NATO of threatening its security.",
            "The recipe calls for two cups of flour.",
        ),
        (
            "The ministers agreed to resume peace talks next week.",
            "The football match ended in a draw.",
        ),
        (
            "Kyiv thanked its allies for the weapons.",
            "Heavy rain is expected on the coast tomorrow.",
        ),
    ];
    let score = |(a, b): (&str, &str)| {
        let v = enc.embed(&[a, b]).unwrap();
        cosine(&v[0], &v[1])
    };
    let worst_paraphrase = pairs.iter().map(|&p| score(p)).fold(f32::MAX, f32::min);
    let best_unrelated = unrelated.iter().map(|&p| score(p)).fold(f32::MIN, f32::max);
    assert!(
        worst_paraphrase > best_unrelated + 0.2,
        "{worst_paraphrase} vs {best_unrelated}"
    );
}

#[test]
fn matches_candle_stock_bert() {
    let enc = encoder();
    let files = ModelFiles {
        dir: common::model_dir(),
        source: ModelSource::Flag,
    };
    let cfg: candle_transformers::models::bert::Config =
        serde_json::from_str(&std::fs::read_to_string(files.config()).unwrap()).unwrap();
    let vb = unsafe {
        VarBuilder::from_mmaped_safetensors(&[files.weights()], DType::F32, &enc.device).unwrap()
    };
    let stock = candle_transformers::models::bert::BertModel::load(vb, &cfg).unwrap();
    let batch = enc
        .tokenize(vec![
            "NATO summit ends in Washington.",
            "Peskov said the alliance is an enemy.",
        ])
        .unwrap();
    let ours = enc.token_states(&batch).unwrap();
    let theirs = stock
        .forward(&batch.ids, &batch.type_ids, Some(&batch.mask))
        .unwrap();
    let ours = bert::mean_pool(&ours, &batch.mask)
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    let theirs = bert::mean_pool(&theirs, &batch.mask)
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    for (a, b) in ours.iter().zip(&theirs) {
        assert!(cosine(a, b) > 0.99999);
    }
}

#[test]
fn half_precision_gives_finite_vectors() {
    let files = ModelFiles {
        dir: common::model_dir(),
        source: ModelSource::Flag,
    };
    let cfg: bert::BertConfig =
        serde_json::from_str(&std::fs::read_to_string(files.config()).unwrap()).unwrap();
    let enc = encoder();
    let vb = unsafe {
        VarBuilder::from_mmaped_safetensors(&[files.weights()], DType::F16, &enc.device).unwrap()
    };
    let model = bert::Bert::load(vb, &cfg).unwrap();
    let batch = enc
        .tokenize(vec![
            "short",
            "a longer sentence so the first one is padded",
        ])
        .unwrap();
    let states = model
        .forward(
            &batch.ids,
            &batch.type_ids,
            &batch.mask,
            bert::Mode::Inference,
        )
        .unwrap();
    let v = states
        .to_dtype(DType::F32)
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1::<f32>()
        .unwrap();
    assert!(v.iter().all(|x| x.is_finite()), "NaN or inf in f16 output");
}

#[test]
fn every_encoder_weight_gets_a_gradient_in_training_mode() {
    let enc = encoder();
    let files = ModelFiles {
        dir: common::model_dir(),
        source: ModelSource::Flag,
    };
    let cfg: bert::BertConfig =
        serde_json::from_str(&std::fs::read_to_string(files.config()).unwrap()).unwrap();
    let varmap = candle_nn::VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &enc.device);
    let model = bert::Bert::load(vb, &cfg).unwrap();
    let batch = enc.tokenize(vec!["NATO summit ends."]).unwrap();
    let out = model
        .forward(
            &batch.ids,
            &batch.type_ids,
            &batch.mask,
            bert::Mode::Training,
        )
        .unwrap();
    let loss = out.sqr().unwrap().sum_all().unwrap();
    let grads = loss.backward().unwrap();
    let vars = varmap.all_vars();
    let with_grad = vars
        .iter()
        .filter(|v| grads.get(v.as_tensor()).is_some())
        .count();
    // Every parameter (all layer norms included) must receive a gradient.
    assert_eq!(with_grad, vars.len());
    let _ = Tensor::zeros(1, DType::F32, &enc.device);
}
