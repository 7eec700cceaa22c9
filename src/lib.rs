//! stancemap: who said what, about whom, in what tone.
//!
//! The pipeline reads top to bottom, one module per stage:
//! [`ingest`] -> [`segment`] -> [`attribute`] -> [`parties`] -> [`stance`] -> [`report`].

pub mod record;
