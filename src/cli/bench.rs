//! `stancemap bench`: encoder throughput over sentences, or `classify` end to end
//! over a folder of articles, with load time and peak memory.

use anyhow::{Context, Result, bail};
use serde_json::json;
use stancemap::encoder::Encoder;
use stancemap::ingest::ArticleReader;
use stancemap::memory::peak_rss_mb;
use stancemap::record::Article;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The default corpus: 500 news sentences of 20-40 words that we wrote.
const DEFAULT_SENTENCES: &str = include_str!("../../data/bench/sentences.txt");

/// Flags of `bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Sentences to encode, one per line [default: the built-in 500 news sentences
    /// of data/bench/sentences.txt].
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    /// Sentences per encoder call, taken in file order.
    #[arg(long, default_value_t = 32)]
    batch: usize,
    /// Timed passes over the input after the warm-up; the median is reported.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Time `classify` end to end over these articles (a folder, .txt or .jsonl)
    /// instead of the encoder alone.
    #[arg(long, value_name = "PATH")]
    articles: Option<PathBuf>,
    /// With --articles: use only the first N articles.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    models: super::ModelArgs,
    #[command(flatten)]
    lists: super::ListArgs,
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Run `bench`.
pub fn run(args: Args, settings: &super::Settings) -> Result<ExitCode> {
    if args.batch == 0 || args.rounds == 0 {
        bail!("--batch and --rounds must be at least 1");
    }
    let report = match &args.articles {
        Some(path) => bench_classify(&args, path, settings)?,
        None => bench_encoder(&args, settings)?,
    };
    if args.json {
        super::print_stdout(&format!("{report}\n"))?;
    } else {
        let lines: Vec<String> = report
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| format!("{k:>22}  {v}"))
            .collect();
        super::print_stdout(&(lines.join("\n") + "\n"))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn bench_encoder(args: &Args, settings: &super::Settings) -> Result<serde_json::Value> {
    let text = match &args.input {
        Some(path) => stancemap::ingest::read_text_file(path)
            .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?,
        None => DEFAULT_SENTENCES.to_string(),
    };
    let sentences: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if sentences.is_empty() {
        bail!(
            "{}: no sentences",
            args.input
                .as_ref()
                .map_or("input".into(), |p| p.display().to_string())
        );
    }
    let started = Instant::now();
    let encoder =
        Encoder::locate_and_load(args.models.model_dir.as_deref(), true, settings.backend)?;
    let load_s = started.elapsed().as_secs_f64();
    let tokens: usize = encoder
        .tokenizer
        .encode_batch(sentences.clone(), true)
        .map_err(anyhow::Error::msg)?
        .iter()
        .map(|e| e.len())
        .sum();
    // Warm-up: the first batches, so allocations and caches settle before timing.
    for chunk in sentences.chunks(args.batch).take(3) {
        encoder.embed(chunk)?;
    }
    let mut rates = Vec::with_capacity(args.rounds);
    for _ in 0..args.rounds {
        let t = Instant::now();
        for chunk in sentences.chunks(args.batch) {
            encoder.embed(chunk)?;
        }
        rates.push(sentences.len() as f64 / t.elapsed().as_secs_f64());
    }
    let best = rates.iter().cloned().fold(0.0, f64::max);
    let rate = median(&mut rates);
    Ok(json!({
        "engine": encoder.engine_name(),
        "threads": rayon::current_num_threads(),
        "batch": args.batch,
        "sentences": sentences.len(),
        "tokens": tokens,
        "rounds": args.rounds,
        "sentences_per_s": round(rate, 1),
        "sentences_per_s_best": round(best, 1),
        "tokens_per_s": round(rate * tokens as f64 / sentences.len() as f64, 0),
        "load_s": round(load_s, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }))
}

fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

fn bench_classify(
    args: &Args,
    path: &PathBuf,
    settings: &super::Settings,
) -> Result<serde_json::Value> {
    let mut articles: Vec<Article> = Vec::new();
    let limit = args.limit.unwrap_or(usize::MAX);
    for item in ArticleReader::open(std::slice::from_ref(path), true)? {
        if articles.len() >= limit {
            break;
        }
        match item {
            Ok((_, article)) => articles.push(article),
            Err(skip) => eprintln!("warning: {skip}"),
        }
    }
    if articles.is_empty() {
        bail!("{}: no article could be read", path.display());
    }
    let started = Instant::now();
    let pipeline = args
        .lists
        .pipeline(settings, args.models.model_dir.as_deref())?;
    let model = args.models.load(settings)?;
    let load_s = started.elapsed().as_secs_f64();
    let batch_size = args.batch;
    pipeline.classify(&model, &mut articles[..1].to_vec(), batch_size)?;

    // Throughput: batches of 32 articles, as `classify` reads them.
    let mut done = articles.clone();
    let t = Instant::now();
    for chunk in done.chunks_mut(32) {
        pipeline.classify(&model, chunk, batch_size)?;
    }
    let secs = t.elapsed().as_secs_f64();
    let statements: usize = done.iter().map(|a| a.statements.len()).sum();
    let pairs: usize = done
        .iter()
        .flat_map(|a| &a.statements)
        .map(|s| s.stances.len())
        .sum();

    // Latency: each article alone, as an interactive user would send it.
    let mut latency = Vec::with_capacity(articles.len());
    let mut large = Vec::new();
    for (article, classified) in articles.iter().zip(&done) {
        let mut one = vec![article.clone()];
        let t = Instant::now();
        pipeline.classify(&model, &mut one, batch_size)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        latency.push(ms);
        let parties: std::collections::HashSet<&String> = classified
            .statements
            .iter()
            .flat_map(|s| &s.targets)
            .collect();
        if classified.statements.len() >= 20 && parties.len() >= 3 {
            large.push(ms);
        }
    }
    latency.sort_by(f64::total_cmp);
    large.sort_by(f64::total_cmp);
    Ok(json!({
        "engine": model.encoder.engine_name(),
        "threads": rayon::current_num_threads(),
        "articles": done.len(),
        "statements": statements,
        "stance_pairs": pairs,
        "articles_per_s": round(done.len() as f64 / secs, 1),
        "statements_per_s": round(statements as f64 / secs, 1),
        "pairs_per_s": round(pairs as f64 / secs, 1),
        "latency_ms_median": round(percentile(&latency, 0.5), 1),
        "latency_ms_p90": round(percentile(&latency, 0.9), 1),
        "latency_ms_max": round(percentile(&latency, 1.0), 1),
        "articles_20_statements_3_parties": large.len(),
        "latency_ms_20_statements_3_parties_median": round(percentile(&large, 0.5), 1),
        "latency_ms_20_statements_3_parties_max": round(percentile(&large, 1.0), 1),
        "load_s": round(load_s, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }))
}
