//! The settings of a stance training run, and the checks made before it starts.

use super::data::LabeledPair;
use super::inputs::InputMode;
use crate::record::StanceLabel;
use anyhow::{Result, ensure};
use serde::Serialize;

/// Hyper-parameters of a training run.
#[derive(Debug, Clone, Serialize)]
pub struct TrainConfig {
    pub mode: InputMode,
    pub trained_layers: usize,
    pub epochs: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    pub warmup_fraction: f64,
    pub dropout: f32,
    /// Examples drawn per epoch, a third from each label (0: every example once, class-weighted).
    pub epoch_size: usize,
    pub patience: usize,
    pub seed: u64,
}

impl TrainConfig {
    /// Fail on settings that cannot train a model: the optimiser's (see
    /// [`check_schedule`]), dropout outside [0, 1) or no patience.
    pub fn validate(&self) -> Result<()> {
        check_schedule(
            self.learning_rate,
            self.weight_decay,
            self.warmup_fraction,
            self.epochs,
            self.batch_size,
        )?;
        ensure!(
            (0.0..1.0).contains(&self.dropout),
            "dropout {} must be in [0, 1)",
            self.dropout
        );
        ensure!(self.patience > 0, "patience must be at least 1");
        Ok(())
    }
}

/// Fail on optimiser settings that cannot train a model, for the stance and the tagger
/// training alike: a learning rate that is not a positive number, a negative weight
/// decay, a warm-up fraction outside [0, 1], no epoch or an empty batch.
pub(crate) fn check_schedule(
    learning_rate: f64,
    weight_decay: f64,
    warmup_fraction: f64,
    epochs: usize,
    batch_size: usize,
) -> Result<()> {
    ensure!(
        learning_rate.is_finite() && learning_rate > 0.0,
        "learning rate {learning_rate} must be a positive number"
    );
    ensure!(
        weight_decay.is_finite() && weight_decay >= 0.0,
        "weight decay {weight_decay} must be a number >= 0"
    );
    ensure!(
        (0.0..=1.0).contains(&warmup_fraction),
        "warm-up fraction {warmup_fraction} must be in [0, 1]"
    );
    ensure!(epochs > 0, "epochs must be at least 1");
    ensure!(batch_size > 0, "batch size must be at least 1");
    Ok(())
}

/// Fail unless the training pairs hold every label (a classifier that never saw a
/// label can only guess it) and each dev set holds pairs.
pub fn check_data(train: &[LabeledPair], dev_sets: &[Vec<LabeledPair>]) -> Result<()> {
    let absent: Vec<&str> = StanceLabel::ALL
        .into_iter()
        .filter(|l| !train.iter().any(|p| p.label == *l))
        .map(StanceLabel::as_str)
        .collect();
    ensure!(
        absent.is_empty(),
        "the training pairs hold no {} pair: the classifier needs examples of every label",
        absent.join(" or ")
    );
    ensure!(
        !dev_sets.is_empty(),
        "no dev set to choose the best epoch on"
    );
    ensure!(
        dev_sets.iter().all(|s| !s.is_empty()),
        "a dev set holds no pair"
    );
    Ok(())
}
