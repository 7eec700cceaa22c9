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
    /// Fail on settings that cannot train a model: a learning rate that is not a
    /// positive number, dropout outside [0, 1), no epoch or an empty batch.
    pub fn validate(&self) -> Result<()> {
        ensure!(
            self.learning_rate.is_finite() && self.learning_rate > 0.0,
            "learning rate {} must be a positive number",
            self.learning_rate
        );
        ensure!(
            self.weight_decay.is_finite() && self.weight_decay >= 0.0,
            "weight decay {} must be a number >= 0",
            self.weight_decay
        );
        ensure!(
            (0.0..1.0).contains(&self.dropout),
            "dropout {} must be in [0, 1)",
            self.dropout
        );
        ensure!(
            (0.0..=1.0).contains(&self.warmup_fraction),
            "warm-up fraction {} must be in [0, 1]",
            self.warmup_fraction
        );
        ensure!(self.epochs > 0, "epochs must be at least 1");
        ensure!(self.batch_size > 0, "batch size must be at least 1");
        ensure!(self.patience > 0, "patience must be at least 1");
        Ok(())
    }
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
