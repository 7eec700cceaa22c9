//! `stancemap classify`: the whole pipeline, streaming articles to any output format.

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use stancemap::ingest::{ArticleReader, expand_inputs};
use stancemap::pipeline::Extractor;
use stancemap::record::Article;
use stancemap::report::resume::{read_done_ids, trim_partial_line};
use stancemap::report::writer::{ArticleWriter, OutputFormat};
use stancemap::stance::annotate::classify_articles;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `classify`.
#[derive(clap::Args)]
pub struct Args {
    /// Articles: .txt files, .jsonl files (one article per line), folders, or `-` for stdin (JSON Lines).
    #[arg(required = true, value_name = "FILE")]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: OutputFormat,
    /// Write to this file instead of stdout (written as it goes; needed for --resume).
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Skip articles whose id is already in the --out file (jsonl) and append the rest.
    #[arg(long, requires = "out")]
    resume: bool,
    /// Articles whose statements go to the model together.
    #[arg(long, default_value_t = 32, value_name = "N")]
    batch_articles: usize,
    /// Encoder sequences per forward pass.
    #[arg(long, default_value_t = 32, value_name = "N")]
    batch_size: usize,
    /// Base encoder folder (default: the usual resolution order; fetched on first use).
    #[arg(long, value_name = "DIR")]
    model_dir: Option<PathBuf>,
    /// Stance model folder (default: models/stance beside the current directory or the executable).
    #[arg(long, value_name = "DIR")]
    stance_model: Option<PathBuf>,
    /// Extra attribution cues, one per line.
    #[arg(long, value_name = "FILE")]
    cues: Vec<PathBuf>,
    /// Extra parties, in the format of data/parties.tsv.
    #[arg(long, value_name = "FILE")]
    parties: Vec<PathBuf>,
    /// Read stdin as one plain-text article instead of JSON Lines.
    #[arg(long)]
    stdin_text: bool,
}

/// Number of articles in the inputs, when it can be known cheaply (no stdin).
fn count_articles(inputs: &[PathBuf]) -> Option<u64> {
    let mut total = 0u64;
    for path in expand_inputs(inputs).ok()? {
        if path.as_os_str() == "-" {
            return None;
        }
        if path.extension().is_some_and(|e| e == "jsonl") {
            let file = std::fs::File::open(&path).ok()?;
            total += std::io::BufReader::new(file)
                .split(b'\n')
                .filter(|l| l.as_ref().is_ok_and(|l| !l.trim_ascii().is_empty()))
                .count() as u64;
        } else {
            total += 1;
        }
    }
    Some(total)
}

fn progress_bar(inputs: &[PathBuf]) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match count_articles(inputs) {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::no_length(),
    };
    let style =
        ProgressStyle::with_template("{bar:30} {pos}/{len} articles  {per_sec}  ETA {eta}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Run `classify`.
pub fn run(args: Args, settings: &super::Settings) -> Result<ExitCode> {
    let extractor = Extractor::with_cue_files(&args.cues)?.with_party_files(&args.parties)?;
    let model =
        settings.load_stance_model(args.model_dir.as_deref(), args.stance_model.as_deref())?;
    let mut done = std::collections::HashSet::new();
    let sink: Box<dyn Write> = match &args.out {
        Some(path) if args.resume => {
            done = read_done_ids(path)?;
            trim_partial_line(path)?;
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            Box::new(file)
        }
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = if args.resume {
        ArticleWriter::append(sink, args.format)?
    } else {
        ArticleWriter::new(sink, args.format)?
    };
    let bar = progress_bar(&args.inputs);
    let (mut read, mut skipped, mut resumed) = (0usize, 0usize, 0usize);
    let mut pending: Vec<Article> = Vec::with_capacity(args.batch_articles);
    let flush =
        |pending: &mut Vec<Article>, writer: &mut ArticleWriter<Box<dyn Write>>| -> Result<()> {
            classify_articles(&extractor, &model, pending, args.batch_size)?;
            for article in pending.drain(..) {
                writer.write(&article)?;
                bar.inc(1);
            }
            Ok(())
        };
    for item in ArticleReader::open(&args.inputs, !args.stdin_text)? {
        match item {
            Ok((_, article)) if done.contains(&article.id) => {
                resumed += 1;
                bar.inc(1);
            }
            Ok((_, article)) => {
                read += 1;
                pending.push(article);
                if pending.len() >= args.batch_articles.max(1) {
                    flush(&mut pending, &mut writer)?;
                }
            }
            Err(skip) => {
                skipped += 1;
                bar.suspend(|| eprintln!("warning: {skip}"));
            }
        }
    }
    flush(&mut pending, &mut writer)?;
    writer.finish()?;
    bar.finish_and_clear();
    if resumed > 0 {
        eprintln!("resumed: {resumed} article(s) already in the output were skipped");
    }
    if read == 0 && resumed == 0 {
        eprintln!("error: no article could be read ({skipped} record(s) skipped)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
