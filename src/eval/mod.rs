//! Evaluation against gold annotations: one module per kind of figure, and the report.

pub mod attribution;
pub mod dyads;
pub mod report;
pub mod stance;

pub use attribution::{AttributionCounts, AttributionScores};
pub use report::{EvalReport, ReportBuilder};
