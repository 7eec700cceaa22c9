//! `stancemap export`: analyst tables (statements, dyads, matrix, timeline) or one HTML
//! page from classified articles.

use super::values::Period;
use anyhow::{Context, Result};
use stancemap::ingest::ArticleReader;
use stancemap::output::{self, OutputFile};
use stancemap::record::Article;
use stancemap::report::export::statement_columns;
use stancemap::report::{
    DyadCounter, ExportTable, HtmlReport, RowFilter, RowWriter, TableFormat, aggregate_table,
    statement_rows,
};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Which table to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    /// One row per statement and target, with label, confidence and offsets.
    Statements,
    /// One row per speaker party -> target: label counts, shares, net score, articles.
    Dyads,
    /// Speaker parties by targets; each cell the net score.
    Matrix,
    /// Dyads per day, week or month (see --by).
    Timeline,
}

/// The file format of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Tsv,
    /// A JSON array of row objects.
    Json,
    /// A Markdown pipe table.
    Markdown,
    /// One self-contained page (heat map, top dyads, statements); ignores --table.
    Html,
}

/// Flags of `stancemap export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Classified articles: the jsonl written by `classify`, a folder of such files, or `-` for stdin.
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// The table to export.
    #[arg(long, value_enum, default_value_t = Table::Dyads)]
    pub table: Table,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Time bucket of the timeline, from the article dates (undated articles go to `undated`).
    #[arg(long, value_enum, default_value_t = Period::Week)]
    pub by: Period,
    /// Keep only stances with at least this confidence (0 to 1); drops rows without one.
    #[arg(long, value_name = "X")]
    pub min_confidence: Option<f32>,
    /// Keep only rows whose speaker party or target is this party (case-insensitive).
    #[arg(long, value_name = "PARTY")]
    pub party: Option<String>,
    /// Keep only rows whose speaker name contains this (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Write here instead of stdout (never over the --from file; locked against a second writer).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// csv/tsv: write cells exactly as they are. By default a cell that starts with =,
    /// +, -, @, TAB or CR gets a leading ' so a spreadsheet shows it instead of running it.
    #[arg(long)]
    pub raw_cells: bool,
}

/// Run `export`.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(c) = args.min_confidence
        && !(0.0..=1.0).contains(&c)
    {
        anyhow::bail!("--min-confidence must be between 0 and 1, not {c}");
    }
    let filter = RowFilter {
        min_confidence: args.min_confidence,
        party: args.party.clone(),
        speaker: args.speaker.clone(),
    };
    // Listed before the output exists, so a new output inside the --from folder is not read.
    let reader = ArticleReader::open(std::slice::from_ref(&args.from), true)?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => {
            output::refuse_if_input(path, std::slice::from_ref(&args.from))?;
            Box::new(BufWriter::new(OutputFile::create(path)?.file))
        }
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let read = match (args.format, table_format(args.format)) {
        (ExportFormat::Html, _) | (_, None) => {
            let mut page = HtmlReport::new(filter);
            let read = each_article(reader, |a| {
                page.add_article(a);
                Ok(())
            })?;
            out.write_all(page.render().as_bytes())
                .context("cannot write output")?;
            read
        }
        (_, Some(format)) => export_table(&args, reader, filter, format, &mut out)?,
    };
    out.flush().context("cannot write output")?;
    if read.skipped > 0 {
        eprintln!(
            "warning: {} record(s) skipped, {} article(s) exported",
            read.skipped, read.articles
        );
    }
    if read.articles == 0 {
        anyhow::bail!("no article could be read from {}", args.from.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn table_format(format: ExportFormat) -> Option<TableFormat> {
    match format {
        ExportFormat::Csv => Some(TableFormat::Csv),
        ExportFormat::Tsv => Some(TableFormat::Tsv),
        ExportFormat::Json => Some(TableFormat::Json),
        ExportFormat::Markdown => Some(TableFormat::Markdown),
        ExportFormat::Html => None,
    }
}

/// Counts of what was read.
struct ReadCounts {
    articles: u64,
    skipped: u64,
}

/// Call `f` on each readable article; warn (file:line) about each bad record and go on.
fn each_article(
    reader: ArticleReader,
    mut f: impl FnMut(&Article) -> Result<()>,
) -> Result<ReadCounts> {
    let mut counts = ReadCounts {
        articles: 0,
        skipped: 0,
    };
    for item in reader {
        match item {
            Ok((_, article)) => {
                counts.articles += 1;
                f(&article)?;
            }
            Err(skipped) => {
                counts.skipped += 1;
                eprintln!("warning: {skipped}");
            }
        }
    }
    Ok(counts)
}

impl From<Table> for ExportTable {
    fn from(table: Table) -> Self {
        match table {
            Table::Statements => ExportTable::Statements,
            Table::Dyads => ExportTable::Dyads,
            Table::Matrix => ExportTable::Matrix,
            Table::Timeline => ExportTable::Timeline,
        }
    }
}

fn export_table(
    args: &Args,
    reader: ArticleReader,
    filter: RowFilter,
    format: TableFormat,
    out: &mut dyn Write,
) -> Result<ReadCounts> {
    if args.table == Table::Statements {
        // Streamed: rows are written as articles are read.
        let mut rows = RowWriter::new(out, format, statement_columns())?.raw_cells(args.raw_cells);
        let read = each_article(reader, |article| {
            for row in statement_rows(article).iter().filter(|r| filter.keeps(r)) {
                rows.write_row(&row.cells())?;
            }
            Ok(())
        })?;
        rows.finish()?;
        return Ok(read);
    }
    let by = (args.table == Table::Timeline).then_some(args.by.into());
    let mut counter = DyadCounter::new(filter, by);
    let read = each_article(reader, |article| {
        counter.add_article(article);
        Ok(())
    })?;
    let table = aggregate_table(args.table.into(), &counter.dyads());
    let mut rows = RowWriter::new(out, format, table.columns)?.raw_cells(args.raw_cells);
    for row in &table.rows {
        rows.write_row(row)?;
    }
    rows.finish()?;
    Ok(read)
}
