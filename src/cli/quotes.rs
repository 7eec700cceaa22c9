//! `stancemap quotes`: the attributed statements of each article.

use anyhow::{Context, Result};
use stancemap::ingest::{ArticleReader, DEFAULT_MAX_ARTICLE_BYTES};
use stancemap::record::Article;
use stancemap::terminal::printable;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One article per line in the article format (feeds `eval` and `classify`).
    Jsonl,
    /// A readable table of statements.
    Table,
}

/// Find who said what in each article.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles: .txt files, .jsonl files (one article per line), folders, or `-` for stdin.
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    #[command(flatten)]
    pub lists: super::ListArgs,
    /// Read stdin as one plain-text article instead of JSON Lines.
    #[arg(long)]
    pub stdin_text: bool,
    /// Skip (and report) an article larger than this many bytes: a text file, or one
    /// line of a .jsonl file.
    #[arg(long, default_value_t = DEFAULT_MAX_ARTICLE_BYTES, value_name = "BYTES")]
    pub max_article_bytes: u64,
}

/// Run `quotes`.
pub fn run(args: Args, settings: &super::Settings) -> Result<ExitCode> {
    let pipeline = args.lists.pipeline(settings, None)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut read = 0usize;
    let mut skipped = 0usize;
    let reader = ArticleReader::open(&args.inputs, !args.stdin_text)?
        .with_max_article_bytes(args.max_article_bytes);
    for item in reader {
        let mut article = match item {
            Ok((_, article)) => article,
            Err(skip) => {
                skipped += 1;
                eprintln!("warning: {skip}");
                continue;
            }
        };
        read += 1;
        article.statements = pipeline
            .attribute(&article.text, article.date.as_deref())
            .with_context(|| format!("article {}", article.id))?;
        let written = match args.format {
            Format::Jsonl => write_jsonl(&mut out, &article),
            Format::Table => write_table(&mut out, &article),
        };
        if let Err(e) = written {
            // A closed pipe (`| head`) is not an error of ours.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e).context("cannot write to stdout");
        }
    }
    if let Err(e) = out.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e).context("cannot write to stdout");
    }
    if read == 0 {
        eprintln!("error: no article could be read ({skipped} record(s) skipped)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn write_jsonl(out: &mut impl Write, article: &Article) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, article)?;
    out.write_all(b"\n")
}

/// Widest speaker and cue columns of the table.
const SPEAKER_WIDTH: usize = 24;
const CUE_WIDTH: usize = 14;
const PARTY_WIDTH: usize = 14;
const TARGETS_WIDTH: usize = 28;
const CONTENT_WIDTH: usize = 80;

fn write_table(out: &mut impl Write, article: &Article) -> std::io::Result<()> {
    writeln!(
        out,
        "== {} ({} statements)",
        printable(&article.id),
        article.statements.len()
    )?;
    writeln!(
        out,
        "{:>4}  {:<8}  {:<SPEAKER_WIDTH$}  {:<PARTY_WIDTH$}  {:<CUE_WIDTH$}  {:<TARGETS_WIDTH$}  content",
        "sent", "kind", "speaker", "party", "cue", "targets"
    )?;
    for s in &article.statements {
        let sentence = s.sentence.map_or(String::from("-"), |i| i.to_string());
        writeln!(
            out,
            "{:>4}  {:<8}  {:<SPEAKER_WIDTH$}  {:<PARTY_WIDTH$}  {:<CUE_WIDTH$}  {:<TARGETS_WIDTH$}  {}",
            sentence,
            s.kind.to_string(),
            clip(&s.speaker, SPEAKER_WIDTH),
            clip(s.speaker_party.as_deref().unwrap_or("-"), PARTY_WIDTH),
            clip(&s.cue, CUE_WIDTH),
            clip(&targets_cell(&s.targets), TARGETS_WIDTH),
            clip(&s.content, CONTENT_WIDTH)
        )?;
    }
    writeln!(out)
}

/// The targets joined by commas, or `-` when there are none.
fn targets_cell(targets: &[String]) -> String {
    if targets.is_empty() {
        String::from("-")
    } else {
        targets.join(", ")
    }
}

/// `text` on one line without terminal controls, cut to `width` characters with an ellipsis.
fn clip(text: &str, width: usize) -> String {
    let flat: String = printable(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= width {
        return flat;
    }
    let mut cut: String = flat.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
