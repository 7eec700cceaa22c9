//! Stance: the speaker's stance toward each target party, from a fine-tuned encoder.

pub mod annotate;
pub mod average;
pub mod calibrate;
pub mod data;
pub mod evaluate;
mod frozen;
pub mod inputs;
pub mod metrics;
pub mod model;
pub mod relevance;
pub mod rng;
pub mod store;
pub mod train;
mod train_config;
mod train_dev;

pub use data::{LabeledPair, StanceInput};
pub use inputs::InputMode;
pub use metrics::StanceScores;
pub use model::StanceModel;
