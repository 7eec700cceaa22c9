//! Evaluation against gold annotations: one module per kind of figure.

pub mod attribution;
pub mod dyads;
pub mod stance;

pub use attribution::{AttributionCounts, AttributionScores};
