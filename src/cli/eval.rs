//! `stancemap eval`: score predictions against gold files.
//!
//! One section per kind of gold file. Article files (`*.articles.jsonl`, the article
//! format) give the `attribution` figures; each section adds one key to the JSON report.

use anyhow::{Context, Result, bail};
use serde::Serialize;
use stancemap::eval::{AttributionCounts, AttributionScores};
use stancemap::ingest::ArticleReader;
use stancemap::pipeline::Extractor;
use stancemap::record::{Article, Statement};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Score statements (and later stances) against gold files.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold files (same as `--data`).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A gold file: articles in the article format with annotated statements.
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Predictions in the article format (the output of `quotes --format jsonl` or
    /// `classify`), matched to gold articles by `id`. Without it, the extractor runs
    /// on the gold articles' text.
    #[arg(long, value_name = "FILE")]
    pub pred: Vec<PathBuf>,
    /// Extra attribution cues for the extractor, one per line.
    #[arg(long, value_name = "FILE")]
    pub cues: Vec<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Which section of the report a gold file feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataKind {
    /// Articles with statements (`*.articles.jsonl`, `*.gold.jsonl`, `.txt`).
    Articles,
    /// Labeled (statement, speaker, target) pairs (`*.pairs.jsonl`).
    Pairs,
}

fn data_kind(path: &Path) -> DataKind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.ends_with(".pairs.jsonl") {
        DataKind::Pairs
    } else {
        DataKind::Articles
    }
}

/// The whole report; each kind of gold file adds its section.
#[derive(Debug, Default, Serialize)]
pub struct EvalReport {
    /// Statement extraction figures, from article files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<AttributionSection>,
}

/// The article section: attribution figures and what they were computed on.
#[derive(Debug, Serialize)]
pub struct AttributionSection {
    /// Gold articles scored.
    pub articles: usize,
    /// Gold articles that had no prediction (scored as predicting nothing).
    pub missing_predictions: usize,
    #[serde(flatten)]
    pub scores: AttributionScores,
}

/// Run `eval`.
pub fn run(args: Args) -> Result<ExitCode> {
    let all: Vec<PathBuf> = args.files.iter().chain(&args.data).cloned().collect();
    if all.is_empty() {
        bail!("no gold file given (pass files or --data FILE)");
    }
    let (articles, pairs): (Vec<PathBuf>, Vec<PathBuf>) = all
        .into_iter()
        .partition(|p| data_kind(p) == DataKind::Articles);
    if !pairs.is_empty() {
        bail!(
            "{}: pair files are not scored by this version of eval",
            pairs[0].display()
        );
    }
    let mut report = EvalReport::default();
    if !articles.is_empty() {
        report.attribution = Some(attribution_section(&articles, &args)?);
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).context("cannot encode the report")?
        );
    } else {
        print_report(&report);
    }
    Ok(ExitCode::SUCCESS)
}

/// Read every article of `files`, warning about skipped records.
fn read_articles(files: &[PathBuf]) -> Result<Vec<Article>> {
    let mut out = Vec::new();
    for item in ArticleReader::open(files, true)? {
        match item {
            Ok((_, article)) => out.push(article),
            Err(skip) => eprintln!("warning: {skip}"),
        }
    }
    Ok(out)
}

fn attribution_section(files: &[PathBuf], args: &Args) -> Result<AttributionSection> {
    let gold = read_articles(files)?;
    if gold.is_empty() {
        bail!("no gold article could be read from {}", files[0].display());
    }
    let predicted: HashMap<String, Vec<Statement>> = if args.pred.is_empty() {
        let extractor = Extractor::with_cue_files(&args.cues)?;
        gold.iter()
            .map(|a| (a.id.clone(), extractor.statements(&a.text)))
            .collect()
    } else {
        read_articles(&args.pred)?
            .into_iter()
            .map(|a| (a.id, a.statements))
            .collect()
    };
    let mut counts = AttributionCounts::default();
    let mut missing = 0;
    for article in &gold {
        let pred = match predicted.get(&article.id) {
            Some(p) => p.as_slice(),
            None => {
                missing += 1;
                &[]
            }
        };
        counts.add_article(&article.statements, pred);
    }
    if missing > 0 {
        eprintln!("warning: {missing} gold article(s) have no prediction (matched by id)");
    }
    Ok(AttributionSection {
        articles: gold.len(),
        missing_predictions: missing,
        scores: counts.scores(),
    })
}

fn print_report(report: &EvalReport) {
    if let Some(a) = &report.attribution {
        let s = &a.scores;
        let c = &s.counts;
        println!(
            "attribution ({} articles, {} gold and {} predicted statements, {} matched)",
            a.articles, c.gold, c.predicted, c.matched
        );
        println!("  precision         {:.3}", s.precision);
        println!("  recall            {:.3}", s.recall);
        println!("  f1                {:.3}", s.f1);
        println!("  exact-span f1     {:.3}  ({} exact)", s.exact_f1, c.exact);
        println!(
            "  speaker accuracy  {:.3}  ({} of {} matched)",
            s.speaker_accuracy, c.speaker_correct, c.matched
        );
    }
}
