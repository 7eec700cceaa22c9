//! The frozen bottom of the encoder during fine-tuning: each unique sequence runs
//! through the frozen layers once and is cached; batches over the cache then run
//! only the trained layers and the head.

use super::data::{LabeledPair, StanceInput, TargetCandidate};
use super::inputs::{InputMode, plan_sequences, target_weights, tokenize_sequences};
use super::model::{StanceHead, target_features};
use super::rng::SplitMix;
use super::train::TrainConfig;
use crate::encoder::Encoder;
use crate::encoder::bert::{Bert, Mode};
use crate::record::StanceLabel;
use anyhow::{Context, Result};
use candle_core::{D, Tensor};
use std::collections::HashMap;
use std::time::Instant;

/// One cached example: its frozen sequence, pooling weights, label and whether the
/// party is a target (a stance pair's always is; a candidate's may not be, and its
/// label is then not read).
pub(super) struct CachedExample {
    pub(super) sequence: usize,
    pub(super) weights: Vec<f32>,
    pub(super) label: StanceLabel,
    pub(super) is_target: bool,
}

/// Frozen-layer outputs of every unique sequence, and the examples over them.
pub(super) struct FrozenCache {
    pub(super) hidden: Vec<Tensor>,
    pub(super) examples: Vec<CachedExample>,
}

pub(super) fn build_cache(
    base: &Encoder,
    pairs: &[LabeledPair],
    mode: InputMode,
    frozen: usize,
    log: &mut dyn FnMut(String),
) -> Result<FrozenCache> {
    let inputs: Vec<_> = pairs.iter().map(|p| &p.input).collect();
    let labels: Vec<_> = pairs.iter().map(|p| (p.label, true)).collect();
    cache_inputs(base, &inputs, &labels, mode, frozen, log)
}

/// The cache of target candidates (their labels are not read).
pub(super) fn build_candidate_cache(
    base: &Encoder,
    candidates: &[TargetCandidate],
    mode: InputMode,
    frozen: usize,
    log: &mut dyn FnMut(String),
) -> Result<FrozenCache> {
    let inputs: Vec<_> = candidates.iter().map(|c| &c.input).collect();
    let labels: Vec<_> = candidates
        .iter()
        .map(|c| (StanceLabel::Neutral, c.is_target))
        .collect();
    cache_inputs(base, &inputs, &labels, mode, frozen, log)
}

fn cache_inputs(
    base: &Encoder,
    inputs: &[&StanceInput],
    labels: &[(StanceLabel, bool)],
    mode: InputMode,
    frozen: usize,
    log: &mut dyn FnMut(String),
) -> Result<FrozenCache> {
    let plan = plan_sequences(inputs, mode);
    let mut order: Vec<usize> = (0..plan.sequences.len()).collect();
    order.sort_by_key(|&i| plan.sequences[i].0.len() + plan.sequences[i].1.len());
    let mut hidden: Vec<Option<Tensor>> = vec![None; plan.sequences.len()];
    let mut encodings: Vec<Option<tokenizers::Encoding>> = vec![None; plan.sequences.len()];
    let started = Instant::now();
    for (n, chunk) in order.chunks(64).enumerate() {
        let seqs: Vec<(String, String)> =
            chunk.iter().map(|&i| plan.sequences[i].clone()).collect();
        let batch = tokenize_sequences(base, &seqs)?;
        let states = base.bert().forward_to(
            &batch.ids,
            &batch.type_ids,
            &batch.mask,
            frozen,
            Mode::Inference,
        )?;
        for (row, &seq) in chunk.iter().enumerate() {
            let len = batch.encodings[row].len();
            hidden[seq] = Some(states.get(row)?.narrow(0, 0, len)?.contiguous()?);
            encodings[seq] = Some(batch.encodings[row].clone());
        }
        if n % 50 == 49 {
            log(format!(
                "  cached {} of {} sequences ({:.0} s)",
                (n + 1) * 64,
                order.len(),
                started.elapsed().as_secs_f64()
            ));
        }
    }
    let mut examples = Vec::with_capacity(inputs.len());
    for ((input, &(label, is_target)), &seq) in inputs.iter().zip(labels).zip(&plan.sequence_of) {
        let enc = encodings[seq].as_ref().context("sequence not encoded")?;
        examples.push(CachedExample {
            sequence: seq,
            weights: target_weights(enc, input, mode, enc.len()),
            label,
            is_target,
        });
    }
    let hidden = hidden
        .into_iter()
        .map(|h| h.context("sequence not cached"))
        .collect::<Result<_>>()?;
    Ok(FrozenCache { hidden, examples })
}

/// Logits for a batch of cached examples through the trainable layers and head.
pub(super) fn forward_batch(
    bert: &Bert,
    head: &StanceHead,
    cache: &FrozenCache,
    batch: &[usize],
    frozen: usize,
    mode: Mode,
    dropout: Option<(&mut SplitMix, f32)>,
) -> Result<Tensor> {
    let features = forward_features(bert, cache, batch, frozen, mode, dropout)?;
    Ok(head.forward(&features)?)
}

/// The head's features for a batch of cached examples through the trainable layers.
pub(super) fn forward_features(
    bert: &Bert,
    cache: &FrozenCache,
    batch: &[usize],
    frozen: usize,
    mode: Mode,
    dropout: Option<(&mut SplitMix, f32)>,
) -> Result<Tensor> {
    let mut seq_rows: HashMap<usize, usize> = HashMap::new();
    let mut seqs = Vec::new();
    for &e in batch {
        let s = cache.examples[e].sequence;
        seq_rows.entry(s).or_insert_with(|| {
            seqs.push(s);
            seqs.len() - 1
        });
    }
    let len = seqs
        .iter()
        .map(|&s| cache.hidden[s].dim(0))
        .collect::<candle_core::Result<Vec<_>>>()?
        .into_iter()
        .max()
        .unwrap_or(1);
    let device = cache.hidden[seqs[0]].device().clone();
    let mut rows = Vec::with_capacity(seqs.len());
    let mut mask = vec![0u32; seqs.len() * len];
    for (r, &s) in seqs.iter().enumerate() {
        let h = &cache.hidden[s];
        let l = h.dim(0)?;
        rows.push(h.pad_with_zeros(0, 0, len - l)?);
        mask[r * len..r * len + l].iter_mut().for_each(|m| *m = 1);
    }
    let hidden = Tensor::stack(&rows, 0)?;
    let mask = Tensor::from_vec(mask, (seqs.len(), len), &device)?;
    let states = bert.forward_from(&hidden, &mask, frozen, mode)?;
    let mut seq_index = Vec::with_capacity(batch.len());
    let mut weights = vec![0f32; batch.len() * len];
    for (i, &e) in batch.iter().enumerate() {
        let ex = &cache.examples[e];
        seq_index.push(seq_rows[&ex.sequence] as u32);
        weights[i * len..i * len + ex.weights.len()].copy_from_slice(&ex.weights);
    }
    let seq_index = Tensor::from_vec(seq_index, batch.len(), &device)?;
    let weights = Tensor::from_vec(weights, (batch.len(), len), &device)?;
    let mut features = target_features(&states, &mask, &seq_index, &weights)?;
    if let Some((rng, p)) = dropout {
        let dims = features.dims2()?;
        let keep: Vec<f32> = (0..dims.0 * dims.1)
            .map(|_| if rng.unit() < p { 0.0 } else { 1.0 / (1.0 - p) })
            .collect();
        features = features.mul(&Tensor::from_vec(keep, dims, &device)?)?;
    }
    Ok(features)
}

pub(super) fn predict_cached(
    bert: &Bert,
    head: &StanceHead,
    cache: &FrozenCache,
    frozen: usize,
) -> Result<Vec<StanceLabel>> {
    let mut order: Vec<usize> = (0..cache.examples.len()).collect();
    order.sort_by_key(|&e| cache.hidden[cache.examples[e].sequence].dim(0).unwrap_or(0));
    let mut out = vec![StanceLabel::Neutral; order.len()];
    for chunk in order.chunks(64) {
        let logits = forward_batch(bert, head, cache, chunk, frozen, Mode::Inference, None)?;
        let best = logits.argmax(D::Minus1)?.to_vec1::<u32>()?;
        for (&e, &b) in chunk.iter().zip(&best) {
            out[e] = StanceLabel::from_index(b as usize).unwrap_or(StanceLabel::Neutral);
        }
    }
    Ok(out)
}

/// The examples of one epoch, grouped into batches of similar length.
pub(super) fn epoch_batches(
    cache: &FrozenCache,
    cfg: &TrainConfig,
    rng: &mut SplitMix,
) -> Vec<Vec<usize>> {
    let chosen: Vec<usize> = if cfg.epoch_size == 0 {
        (0..cache.examples.len()).collect()
    } else {
        let mut picked = Vec::new();
        for label in StanceLabel::ALL {
            let mut of_label: Vec<usize> = (0..cache.examples.len())
                .filter(|&e| cache.examples[e].label == label)
                .collect();
            if of_label.is_empty() {
                continue;
            }
            rng.shuffle(&mut of_label);
            picked.extend(of_label.iter().cycle().take(cfg.epoch_size / 3).copied());
        }
        picked
    };
    length_batches(cache, chosen, cfg.batch_size, rng)
}

/// `chosen` examples shuffled into batches of `batch_size`, each drawn from a group of
/// similar length (little padding), the batches in random order.
pub(super) fn length_batches(
    cache: &FrozenCache,
    mut chosen: Vec<usize>,
    batch_size: usize,
    rng: &mut SplitMix,
) -> Vec<Vec<usize>> {
    rng.shuffle(&mut chosen);
    let mut batches = Vec::new();
    for group in chosen.chunks(batch_size * 32) {
        let mut group = group.to_vec();
        group.sort_by_key(|&e| cache.hidden[cache.examples[e].sequence].dim(0).unwrap_or(0));
        batches.extend(group.chunks(batch_size).map(<[usize]>::to_vec));
    }
    rng.shuffle(&mut batches);
    batches
}

/// Inverse-frequency weights when sampling is natural; uniform when balanced.
pub(super) fn class_weights(cache: &FrozenCache, natural: bool) -> [f32; 3] {
    if !natural {
        return [1.0; 3];
    }
    let mut counts = [0f32; 3];
    cache
        .examples
        .iter()
        .for_each(|e| counts[e.label.index()] += 1.0);
    let total: f32 = counts.iter().sum();
    counts.map(|c| if c > 0.0 { total / (3.0 * c) } else { 0.0 })
}

pub(super) fn weighted_cross_entropy(
    logits: &Tensor,
    batch: &[usize],
    cache: &FrozenCache,
    class_weights: &[f32; 3],
) -> Result<Tensor> {
    let device = logits.device();
    let labels: Vec<u32> = batch
        .iter()
        .map(|&e| cache.examples[e].label.index() as u32)
        .collect();
    let w: Vec<f32> = labels.iter().map(|&l| class_weights[l as usize]).collect();
    let w_sum: f32 = w.iter().sum();
    let labels = Tensor::from_vec(labels, (batch.len(), 1), device)?;
    let logp = candle_nn::ops::log_softmax(logits, D::Minus1)?
        .gather(&labels, 1)?
        .squeeze(1)?;
    let w = Tensor::from_vec(w, batch.len(), device)?;
    Ok((logp.mul(&w)?.sum_all()?.neg()? / w_sum.max(1e-6) as f64)?)
}
