//! Training examples over frozen lower layers: each window of each gold article runs
//! through the frozen layers once (cached in f16), with its gold tags; batches then
//! run only the layers that learn and the head.

use super::tags::{LOGITS, TAGS, gold_tags, softmax_layers};
use super::windows::{Pieces, Window, pieces, windows};
use super::{linked_from_tags, records};
use crate::attribute::CueLexicon;
use crate::encoder::Encoder;
use crate::encoder::bert::{Bert, Mode};
use crate::eval::attribution::AttributionCounts;
use crate::record::Article;
use anyhow::Result;
use candle_core::{D, DType, Tensor};
use candle_nn::{Linear, Module};
use std::ops::Range;
use tokenizers::Tokenizer;

/// One window: its frozen states and the gold tag of each row (None: not scored).
pub struct Example {
    pub hidden: Tensor,
    pub tags: Vec<Option<[u8; 3]>>,
}

/// A dev article: its text and gold statements, pieces, windows and their examples.
pub struct DevArticle {
    pub article: Article,
    pub pieces: Pieces,
    pub windows: Vec<Window>,
    pub examples: Range<usize>,
}

/// The tokenizer and special ids windows are built with.
pub struct Cutter<'a> {
    pub tokenizer: &'a Tokenizer,
    pub cls: u32,
    pub sep: u32,
}

/// Examples of every window of `articles`, through the `frozen` bottom layers of
/// `base`; returns them with the dev view of each article.
pub fn build_examples(
    base: &Encoder,
    cutter: &Cutter,
    articles: Vec<Article>,
    frozen: usize,
    log: &mut dyn FnMut(String),
) -> Result<(Vec<Example>, Vec<DevArticle>)> {
    let mut examples = Vec::new();
    let mut views = Vec::new();
    let started = std::time::Instant::now();
    for (n, article) in articles.into_iter().enumerate() {
        let pieces = pieces(cutter.tokenizer, &article.text)?;
        let wins = windows(&article.text, &pieces);
        let gold = gold_tags(&pieces, &article.statements);
        let from = examples.len();
        let ids: Vec<Vec<u32>> = wins
            .iter()
            .map(|w| w.input_ids(&pieces, cutter.cls, cutter.sep))
            .collect();
        for (chunk_w, chunk_ids) in wins.chunks(16).zip(ids.chunks(16)) {
            let states = frozen_states(base, chunk_ids, frozen)?;
            for ((w, seq), st) in chunk_w.iter().zip(chunk_ids).zip(states) {
                let mut tags = vec![None; seq.len()];
                for p in w.core.clone() {
                    tags[w.row_of(p)] = Some(gold[p]);
                }
                examples.push(Example { hidden: st, tags });
            }
        }
        views.push(DevArticle {
            article,
            pieces,
            windows: wins,
            examples: from..examples.len(),
        });
        if n % 100 == 99 {
            log(format!(
                "  cached {} articles, {} windows ({:.0} s)",
                n + 1,
                examples.len(),
                started.elapsed().as_secs_f64()
            ));
        }
    }
    Ok((examples, views))
}

/// Frozen-layer states of token sequences, each (len, hidden) in f16.
fn frozen_states(base: &Encoder, seqs: &[Vec<u32>], frozen: usize) -> Result<Vec<Tensor>> {
    let len = seqs.iter().map(Vec::len).max().unwrap_or(1);
    let (mut ids, mut mask) = (vec![0u32; seqs.len() * len], vec![0u32; seqs.len() * len]);
    for (r, s) in seqs.iter().enumerate() {
        ids[r * len..r * len + s.len()].copy_from_slice(s);
        mask[r * len..r * len + s.len()].fill(1);
    }
    let dev = &base.device;
    let ids = Tensor::from_vec(ids, (seqs.len(), len), dev)?;
    let types = ids.zeros_like()?;
    let mask = Tensor::from_vec(mask, (seqs.len(), len), dev)?;
    let states = base
        .bert()
        .forward_to(&ids, &types, &mask, frozen, Mode::Inference)?;
    seqs.iter()
        .enumerate()
        .map(|(r, s)| Ok(states.get(r)?.narrow(0, 0, s.len())?.to_dtype(DType::F16)?))
        .collect()
}

/// Tag logits of a batch of examples, (batch, len, LOGITS), and its (batch, len) mask.
pub fn forward_batch(
    bert: &Bert,
    head: &Linear,
    examples: &[Example],
    batch: &[usize],
    frozen: usize,
    mode: Mode,
) -> Result<(Tensor, Tensor)> {
    let len = batch
        .iter()
        .map(|&e| examples[e].tags.len())
        .max()
        .unwrap_or(1);
    let mut rows = Vec::with_capacity(batch.len());
    let mut mask = vec![0u32; batch.len() * len];
    for (r, &e) in batch.iter().enumerate() {
        let h = examples[e].hidden.to_dtype(DType::F32)?;
        let l = h.dim(0)?;
        rows.push(h.pad_with_zeros(0, 0, len - l)?);
        mask[r * len..r * len + l].fill(1);
    }
    let device = rows[0].device().clone();
    let hidden = Tensor::stack(&rows, 0)?;
    let mask = Tensor::from_vec(mask, (batch.len(), len), &device)?;
    let states = bert.forward_from(&hidden, &mask, frozen, mode)?;
    Ok((head.forward(&states)?, mask))
}

/// Mean cross-entropy of the three tag layers over the scored rows of a batch.
pub fn tag_loss(logits: &Tensor, examples: &[Example], batch: &[usize]) -> Result<Tensor> {
    let (b, len, _) = logits.dims3()?;
    let mut labels = vec![0u32; b * len * 3];
    let mut weights = vec![0f32; b * len * 3];
    for (r, &e) in batch.iter().enumerate() {
        for (t, tag) in examples[e].tags.iter().enumerate() {
            if let Some(tag) = tag {
                for l in 0..3 {
                    labels[(r * len + t) * 3 + l] = tag[l] as u32;
                    weights[(r * len + t) * 3 + l] = 1.0;
                }
            }
        }
    }
    let n: f32 = weights.iter().sum();
    let device = logits.device();
    let flat = logits.reshape((b * len * 3, TAGS))?;
    let labels = Tensor::from_vec(labels, (b * len * 3, 1), device)?;
    let logp = candle_nn::ops::log_softmax(&flat, D::Minus1)?
        .gather(&labels, 1)?
        .squeeze(1)?;
    let w = Tensor::from_vec(weights, b * len * 3, device)?;
    Ok((logp.mul(&w)?.sum_all()?.neg()? / n.max(1.0) as f64)?)
}

/// Attribution counts of the tagger alone on dev articles, from their cached windows.
pub fn score_dev(
    bert: &Bert,
    head: &Linear,
    examples: &[Example],
    dev: &[DevArticle],
    frozen: usize,
    cues: &CueLexicon,
) -> Result<AttributionCounts> {
    let mut counts = AttributionCounts::default();
    for view in dev {
        let mut probs = vec![[0f32; LOGITS]; view.pieces.ids.len()];
        let idx: Vec<usize> = view.examples.clone().collect();
        for (chunk, wins) in idx.chunks(16).zip(view.windows.chunks(16)) {
            let (logits, _) = forward_batch(bert, head, examples, chunk, frozen, Mode::Inference)?;
            for (r, w) in wins.iter().enumerate() {
                let rows = logits.get(r)?.to_vec2::<f32>()?;
                for p in w.core.clone() {
                    let mut pr = [0f32; LOGITS];
                    pr.copy_from_slice(&rows[w.row_of(p)]);
                    softmax_layers(&mut pr);
                    probs[p] = pr;
                }
            }
        }
        let tags = super::model::ArticleTags {
            pieces: view.pieces.clone(),
            probs,
        };
        let text = &view.article.text;
        let predicted = records(text, cues, &linked_from_tags(text, &tags));
        counts.add_article(&view.article.statements, &predicted);
    }
    Ok(counts)
}
