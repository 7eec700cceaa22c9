//! stancemap: who said what, about whom, in what tone.
//!
//! The pipeline reads top to bottom, one module per stage:
//! [`ingest`] -> [`segment`] -> [`attribute`] -> [`parties`] -> [`stance`] -> [`report`].

pub mod attribute;
pub mod encoder;
pub mod eval;
pub mod ingest;
pub mod memory;
pub mod output;
pub mod parties;
pub mod pipeline;
pub mod record;
pub mod report;
pub mod segment;
pub mod stance;
pub mod terminal;
pub(crate) mod words;
