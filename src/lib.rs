//! stancemap: who said what, about whom, in what tone.
//!
//! The pipeline reads top to bottom, one module per stage:
//! [`ingest`] -> [`segment`] -> [`attribute`] -> [`parties`] -> [`stance`] -> [`report`].

pub mod encoder;
pub mod ingest;
pub mod record;
pub mod report;
