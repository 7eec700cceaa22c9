//! `stancemap classify`: the whole pipeline, streaming articles to any output format.

use super::values::OutputFormat;
use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use stancemap::ingest::{ArticleReader, DEFAULT_MAX_ARTICLE_BYTES};
use stancemap::output::{self, OutputFile};
use stancemap::record::Article;
use stancemap::report::provenance::{self, Provenance};
use stancemap::report::resume::{read_done_ids, trim_partial_line};
use stancemap::report::writer::ArticleWriter;
use stancemap::stance::store;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
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
    /// Write to this file instead of stdout (written as it goes, locked against a second
    /// writer; never one of the inputs). With jsonl, what produced it goes to FILE.provenance.json.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Skip articles whose id is already in the --out file and append the rest (jsonl
    /// only; refused when the output was made from other inputs, settings or model).
    #[arg(long, requires = "out")]
    resume: bool,
    /// Skip (and report) an article larger than this many bytes: a text file, or one
    /// line of a .jsonl file.
    #[arg(long, default_value_t = DEFAULT_MAX_ARTICLE_BYTES, value_name = "BYTES")]
    max_article_bytes: u64,
    /// csv/tsv: write cells exactly as they are. By default a cell that starts with =,
    /// +, -, @, TAB or CR gets a leading ' so a spreadsheet shows it instead of running it.
    #[arg(long)]
    raw_cells: bool,
    /// Articles whose statements go to the model together.
    #[arg(long, default_value_t = 32, value_name = "N")]
    batch_articles: usize,
    /// Encoder sequences per forward pass.
    #[arg(long, default_value_t = 32, value_name = "N")]
    batch_size: usize,
    #[command(flatten)]
    models: super::ModelArgs,
    #[command(flatten)]
    lists: super::ListArgs,
    /// Read stdin as one plain-text article instead of JSON Lines.
    #[arg(long)]
    stdin_text: bool,
}

/// A bar over the input bytes, from the file sizes (never a second read of the
/// input); a counter without a length when an input is stdin or a FIFO.
fn progress_bar(total_bytes: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total_bytes {
        Some(n) => (
            ProgressBar::new(n),
            "{bar:30} {bytes}/{total_bytes}  {binary_bytes_per_sec}  ETA {eta}  {msg}",
        ),
        None => (
            ProgressBar::no_length(),
            "{spinner} {bytes}  {binary_bytes_per_sec}  {msg}",
        ),
    };
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// What produced this run's output, for `--resume` (see `report::provenance`).
fn provenance(args: &Args) -> Result<Provenance> {
    // The model `classify` runs: a folder, else the copy built into the binary.
    let location = store::resolve_stance(
        args.models.stance_model.as_deref(),
        Some(store::EMBEDDED_STANCE),
    )?;
    let manifest = store::location_manifest(&location)?;
    Ok(Provenance {
        inputs: provenance::canonical(&args.inputs),
        format: "jsonl".to_string(),
        stance_sha256: manifest.weights_sha256,
        base_sha256: manifest.base_sha256,
        cues: provenance::canonical(&args.lists.cues),
        parties: provenance::canonical(&args.lists.parties),
        stancemap: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// Open the output: stdout, a new file, or (`--resume`) the earlier output to append
/// to, with the ids it already holds. Files are locked before anything is written.
fn open_output(args: &Args) -> Result<(Box<dyn Write>, HashSet<String>)> {
    let Some(path) = &args.out else {
        return Ok((Box::new(std::io::stdout().lock()), HashSet::new()));
    };
    let jsonl = args.format == OutputFormat::Jsonl;
    if !args.resume {
        // Everything that can fail before the output is emptied.
        let record = if jsonl { Some(provenance(args)?) } else { None };
        let out = OutputFile::create(path)?;
        if let Some(record) = record {
            provenance::write(path, &record)?;
        }
        return Ok((Box::new(out.file), HashSet::new()));
    }
    let out = OutputFile::append(path)?;
    let expected = provenance(args)?;
    provenance::check_resume(path, &expected)?;
    let done = read_done_ids(path)?;
    trim_partial_line(path)?;
    provenance::write(path, &expected)?;
    Ok((Box::new(out.file), done))
}

/// Every file `classify` reads: the inputs, and the cue and party files.
fn all_inputs(args: &Args) -> Vec<PathBuf> {
    args.inputs
        .iter()
        .chain(&args.lists.cues)
        .chain(&args.lists.parties)
        .cloned()
        .collect()
}

/// Run `classify`.
pub fn run(args: Args, settings: &super::Settings) -> Result<ExitCode> {
    if args.resume && args.format != OutputFormat::Jsonl {
        bail!("--resume needs --format jsonl: only JSON Lines can be continued article by article");
    }
    if let Some(out) = &args.out {
        output::refuse_if_input(out, &all_inputs(&args))?;
    }
    let pipeline = args
        .lists
        .pipeline(settings, args.models.model_dir.as_deref())?;
    let model = args.models.load(settings)?;
    // Listed before the output exists, so a new output inside an input folder is not read.
    let mut reader = ArticleReader::open(&args.inputs, !args.stdin_text)?
        .with_max_article_bytes(args.max_article_bytes);
    let (sink, done) = open_output(&args)?;
    let mut writer = if args.resume {
        ArticleWriter::append(sink, args.format.into())?
    } else {
        ArticleWriter::new(sink, args.format.into())?
    }
    .raw_cells(args.raw_cells);
    let bar = progress_bar(reader.total_bytes());
    let (mut read, mut skipped, mut resumed) = (0usize, 0usize, 0usize);
    let mut pending: Vec<Article> = Vec::with_capacity(args.batch_articles);
    let flush =
        |pending: &mut Vec<Article>, writer: &mut ArticleWriter<Box<dyn Write>>| -> Result<()> {
            pipeline.classify(&model, pending, args.batch_size)?;
            for article in pending.drain(..) {
                writer.write(&article)?;
            }
            Ok(())
        };
    while let Some(item) = reader.next() {
        match item {
            Ok((_, article)) if done.contains(&article.id) => {
                resumed += 1;
                bar.set_position(reader.bytes_read());
            }
            Ok((_, article)) => {
                read += 1;
                pending.push(article);
                if pending.len() >= args.batch_articles.max(1) {
                    flush(&mut pending, &mut writer)?;
                    bar.set_position(reader.bytes_read());
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
