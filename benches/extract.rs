//! Extraction speed on PolNeAR dev: articles per second for attribution alone and for
//! the whole extractor (attribution and parties, no model).
//!
//! `cargo bench --bench extract [-- FILE.jsonl [ROUNDS]]`; the default file is
//! `../shared/datasets/polnear/polnear-dev.articles.jsonl`.

use anyhow::{Context, Result};
use stancemap::attribute::{CueLexicon, extract};
use stancemap::ingest::read_all;
use stancemap::pipeline::Pipeline;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<()> {
    // cargo passes `--bench`; the first other argument is the file, the next the rounds.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let path = args.first().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/datasets/polnear/polnear-dev.articles.jsonl")
    });
    let rounds: usize = match args.get(1) {
        Some(r) => r
            .parse()
            .with_context(|| format!("rounds must be a number, not {r:?}"))?,
        None => 20,
    };
    let articles = read_all(std::slice::from_ref(&path), true)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let chars: usize = articles.iter().map(|a| a.text.chars().count()).sum();
    println!(
        "{}: {} articles, {} characters, {rounds} rounds",
        path.display(),
        articles.len(),
        chars
    );

    let cues = CueLexicon::builtin();
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        found = articles
            .iter()
            .map(|a| extract(&a.text, &cues).len())
            .sum::<usize>();
    }
    report(
        "attribution",
        articles.len() * rounds,
        start.elapsed().as_secs_f64(),
        found,
    );

    let extractor = Pipeline::new();
    let start = Instant::now();
    for _ in 0..rounds {
        found = articles
            .iter()
            .map(|a| extractor.statements(&a.text).len())
            .sum::<usize>();
    }
    report(
        "attribution + parties",
        articles.len() * rounds,
        start.elapsed().as_secs_f64(),
        found,
    );
    Ok(())
}

fn report(what: &str, articles: usize, seconds: f64, statements: usize) {
    let per_second = articles as f64 / seconds;
    println!(
        "{what:<24} {per_second:>9.0} articles/s  {:>7.2} ms per 100 articles  ({statements} statements per round)",
        100_000.0 / per_second
    );
}
