//! Streaming output of classified articles, one article at a time.
//!
//! Each article is written (and, except for `json` and `table`, flushed) as soon as it
//! is given, so a run that dies keeps everything done before it.

use super::render::{RowWriter, TableFormat};
use super::rows::{STATEMENT_COLUMNS, StatementRow, statement_rows};
use crate::record::{Article, StanceLabel};
use anyhow::{Context, Result};
use std::io::Write;

/// How `classify` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// A readable terminal table: one line per statement and target.
    Table,
    /// One article per line, in the article format (can go back into `eval`).
    Jsonl,
    /// A JSON array of articles.
    Json,
    /// One row per statement and target, comma-separated.
    Csv,
    /// One row per statement and target, tab-separated.
    Tsv,
    /// One row per statement and target, as a Markdown table.
    Markdown,
}

impl OutputFormat {
    /// True when an interrupted output in this format can be continued with `--resume`.
    pub fn supports_resume(self) -> bool {
        self == OutputFormat::Jsonl
    }
}

/// Column widths of the terminal table (in characters); content takes the rest.
const TERMINAL_WIDTHS: [(&str, usize); 6] = [
    ("article", 18),
    ("speaker", 22),
    ("party", 14),
    ("target", 14),
    ("label", 12),
    ("conf", 5),
];
const TERMINAL_CONTENT_WIDTH: usize = 70;

enum Sink<W: Write> {
    Lines {
        out: W,
        json_array: bool,
        written: usize,
    },
    // Boxed: the row writer holds a csv buffer inline.
    Rows(Box<RowWriter<W>>),
    Terminal(W),
}

/// Writes classified articles in one [`OutputFormat`] as they come.
pub struct ArticleWriter<W: Write> {
    sink: Sink<W>,
}

impl<W: Write> ArticleWriter<W> {
    /// Start writing to `out` (writes a header or the opening `[` now).
    pub fn new(out: W, format: OutputFormat) -> Result<Self> {
        Self::start(out, format, true)
    }

    /// Append to an output written earlier by an interrupted run: no header.
    ///
    /// Refused for `json` (an array cannot be continued).
    pub fn append(out: W, format: OutputFormat) -> Result<Self> {
        if format == OutputFormat::Json {
            anyhow::bail!("cannot resume a JSON array output; use jsonl");
        }
        Self::start(out, format, false)
    }

    fn start(mut out: W, format: OutputFormat, header: bool) -> Result<Self> {
        let columns = || STATEMENT_COLUMNS.iter().map(|c| c.to_string()).collect();
        let rows = |out, table| {
            if header {
                RowWriter::new(out, table, columns())
            } else {
                RowWriter::continuing(out, table, columns())
            }
        };
        let sink = match format {
            OutputFormat::Jsonl => Sink::Lines {
                out,
                json_array: false,
                written: 0,
            },
            OutputFormat::Json => {
                out.write_all(b"[").context("cannot write output")?;
                Sink::Lines {
                    out,
                    json_array: true,
                    written: 0,
                }
            }
            OutputFormat::Csv => Sink::Rows(Box::new(rows(out, TableFormat::Csv)?)),
            OutputFormat::Tsv => Sink::Rows(Box::new(rows(out, TableFormat::Tsv)?)),
            OutputFormat::Markdown => Sink::Rows(Box::new(rows(out, TableFormat::Markdown)?)),
            OutputFormat::Table => {
                if header {
                    write_terminal_header(&mut out)?;
                }
                Sink::Terminal(out)
            }
        };
        Ok(ArticleWriter { sink })
    }

    /// csv/tsv: write cells exactly as they are, formulas included (see
    /// [`RowWriter::raw_cells`]); other formats are unaffected.
    pub fn raw_cells(mut self, raw: bool) -> Self {
        if let Sink::Rows(rows) = self.sink {
            self.sink = Sink::Rows(Box::new(rows.raw_cells(raw)));
        }
        self
    }

    /// Write one classified article and flush it.
    pub fn write(&mut self, article: &Article) -> Result<()> {
        let context = || format!("cannot write article {}", article.id);
        match &mut self.sink {
            Sink::Lines {
                out,
                json_array,
                written,
            } => {
                // One buffer and one write, so a crash leaves at most one partial line.
                let mut line = serde_json::to_vec(article).with_context(context)?;
                if *json_array {
                    let sep: &[u8] = if *written == 0 { b"\n" } else { b",\n" };
                    line.splice(0..0, sep.iter().copied());
                } else {
                    line.push(b'\n');
                }
                out.write_all(&line).with_context(context)?;
                out.flush().with_context(context)?;
                *written += 1;
            }
            Sink::Rows(rows) => {
                for row in statement_rows(article) {
                    rows.write_row(&row.cells()).with_context(context)?;
                }
                rows.flush().with_context(context)?;
            }
            Sink::Terminal(out) => {
                for row in statement_rows(article) {
                    write_terminal_row(out, &row).with_context(context)?;
                }
                out.flush().with_context(context)?;
            }
        }
        Ok(())
    }

    /// Close the output (the JSON array) and hand back the writer.
    pub fn finish(self) -> Result<W> {
        let mut out = match self.sink {
            Sink::Lines {
                mut out,
                json_array,
                written,
            } => {
                if json_array {
                    let end: &[u8] = if written == 0 { b"]\n" } else { b"\n]\n" };
                    out.write_all(end).context("cannot write output")?;
                }
                out
            }
            Sink::Rows(rows) => rows.finish()?,
            Sink::Terminal(out) => out,
        };
        out.flush().context("cannot flush output")?;
        Ok(out)
    }
}

/// `text` on one line, cut to `width` characters (with `…`) and padded to it.
fn fit(text: &str, width: usize) -> String {
    let flat = crate::terminal::printable(text);
    let count = flat.chars().count();
    if count > width {
        let mut cut: String = flat.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        format!("{flat}{}", " ".repeat(width - count))
    }
}

fn write_terminal_header<W: Write>(out: &mut W) -> Result<()> {
    let mut line: Vec<String> = TERMINAL_WIDTHS
        .iter()
        .map(|(name, w)| fit(name, *w))
        .collect();
    line.push("content".to_string());
    let rule: Vec<String> = TERMINAL_WIDTHS
        .iter()
        .map(|(_, w)| "─".repeat(*w))
        .chain(std::iter::once("─".repeat(TERMINAL_CONTENT_WIDTH)))
        .collect();
    writeln!(out, "{}", line.join(" ")).context("cannot write output")?;
    writeln!(out, "{}", rule.join(" ")).context("cannot write output")?;
    Ok(())
}

fn write_terminal_row<W: Write>(out: &mut W, row: &StatementRow<'_>) -> Result<()> {
    let confidence = row
        .confidence()
        .map(|c| format!("{c:.2}"))
        .unwrap_or_default();
    let cells = [
        row.article.id.as_str(),
        row.statement.speaker.as_str(),
        row.statement.speaker_party.as_deref().unwrap_or(""),
        row.target.unwrap_or(""),
        row.label().map(StanceLabel::as_str).unwrap_or(""),
        confidence.as_str(),
    ];
    let mut line: Vec<String> = cells
        .iter()
        .zip(TERMINAL_WIDTHS)
        .map(|(text, (_, w))| fit(text, w))
        .collect();
    line.push(
        fit(&row.statement.content, TERMINAL_CONTENT_WIDTH)
            .trim_end()
            .to_string(),
    );
    writeln!(out, "{}", line.join(" ")).context("cannot write output")?;
    Ok(())
}
