//! Rendering rows of cells as CSV, TSV, JSON or a Markdown table, one row at a time.
//!
//! Every table of the report (statements, dyads, matrix, timeline) goes through
//! [`RowWriter`], so the formats agree on column names and number precision.

use anyhow::{Context, Result};
use std::io::Write;

/// Decimal places kept for scores and confidences in every format.
const DECIMALS: i32 = 4;

/// A table format for the analyst tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma-separated values with a header line.
    Csv,
    /// Tab-separated values with a header line.
    Tsv,
    /// A JSON array of row objects.
    Json,
    /// A Markdown pipe table.
    Markdown,
}

/// One cell of a table row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Free text.
    Text(String),
    /// A count or an offset.
    Int(u64),
    /// A score or a probability (rounded to four decimals when written).
    Float(f64),
    /// No value: an empty field, or `null` in JSON.
    Empty,
}

impl Cell {
    /// A text cell, or an empty one for `None`.
    pub fn opt_text(value: Option<&str>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.to_string()))
    }

    /// A float cell, or an empty one for `None`.
    pub fn opt_float(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Float)
    }

    /// The cell as it is written in text formats.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(x) => format_float(*x),
            Cell::Empty => String::new(),
        }
    }

    /// The cell as `export --format json` writes it (floats rounded, empty as null).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Cell::Text(s) => serde_json::Value::String(s.clone()),
            Cell::Int(n) => serde_json::Value::from(*n),
            Cell::Float(x) => serde_json::Number::from_f64(round(*x))
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Cell::Empty => serde_json::Value::Null,
        }
    }
}

/// Round to [`DECIMALS`] places; f32 confidences otherwise print as 0.9100000262.
pub fn round(x: f64) -> f64 {
    let scale = 10f64.powi(DECIMALS);
    (x * scale).round() / scale
}

/// A float with at most four decimals and no trailing zeros (`0.5`, `-0.3333`, `1`).
pub fn format_float(x: f64) -> String {
    let s = format!("{:.*}", DECIMALS as usize, round(x));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Escape a Markdown table cell: pipes, line breaks that would end the row, and raw
/// HTML (Markdown renderers pass `<script>` through), as entities.
fn markdown_cell(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ")
}

/// A csv/tsv cell a spreadsheet would run as a formula (or that could start one after
/// the application strips a leading TAB or CR) gets a leading `'`, as OWASP advises
/// for CSV injection; the spreadsheet then shows the text as it is.
fn neutralise_formula(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

enum Sink<W: Write> {
    // Boxed: csv::Writer carries a large buffer inline.
    Delimited(Box<csv::Writer<W>>),
    Json { out: W, rows: usize },
    Markdown(W),
}

/// Writes a header, then rows as they come, in one [`TableFormat`].
pub struct RowWriter<W: Write> {
    sink: Sink<W>,
    columns: Vec<String>,
    /// csv/tsv text cells are written as they are, formulas included.
    raw_cells: bool,
}

impl<W: Write> RowWriter<W> {
    /// Start a table with the given column names (writes the header now).
    pub fn new(out: W, format: TableFormat, columns: Vec<String>) -> Result<Self> {
        Self::start(out, format, columns, true)
    }

    /// Continue a table written earlier: like [`RowWriter::new`] without the header.
    ///
    /// JSON cannot be continued (the array is already closed), so it is refused.
    pub fn continuing(out: W, format: TableFormat, columns: Vec<String>) -> Result<Self> {
        if format == TableFormat::Json {
            anyhow::bail!("cannot append to a JSON array; use jsonl, csv or tsv to resume");
        }
        Self::start(out, format, columns, false)
    }

    fn start(mut out: W, format: TableFormat, columns: Vec<String>, header: bool) -> Result<Self> {
        let sink = match format {
            TableFormat::Csv | TableFormat::Tsv => {
                let delimiter = if format == TableFormat::Csv {
                    b','
                } else {
                    b'\t'
                };
                let mut w = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .from_writer(out);
                if header {
                    w.write_record(&columns)
                        .context("cannot write the header")?;
                }
                Sink::Delimited(Box::new(w))
            }
            TableFormat::Json => {
                out.write_all(b"[").context("cannot write output")?;
                Sink::Json { out, rows: 0 }
            }
            TableFormat::Markdown => {
                if header {
                    let names: Vec<String> = columns.iter().map(|c| markdown_cell(c)).collect();
                    writeln!(out, "| {} |", names.join(" | ")).context("cannot write output")?;
                    let rule = vec!["---"; columns.len()].join(" | ");
                    writeln!(out, "| {rule} |").context("cannot write output")?;
                }
                Sink::Markdown(out)
            }
        };
        Ok(RowWriter {
            sink,
            columns,
            raw_cells: false,
        })
    }

    /// csv/tsv: write text cells exactly as they are, even those that start with `=`,
    /// `+`, `-`, `@`, TAB or CR (by default they get a leading `'`). Numbers are never
    /// changed: `-0.5` stays a number.
    pub fn raw_cells(mut self, raw: bool) -> Self {
        self.raw_cells = raw;
        self
    }

    /// The column names.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Write one row; it must have one cell per column.
    pub fn write_row(&mut self, cells: &[Cell]) -> Result<()> {
        if cells.len() != self.columns.len() {
            anyhow::bail!(
                "internal: a row of {} cells for {} columns",
                cells.len(),
                self.columns.len()
            );
        }
        match &mut self.sink {
            Sink::Delimited(w) => {
                let raw = self.raw_cells;
                w.write_record(cells.iter().map(|c| match c {
                    Cell::Text(t) if !raw => neutralise_formula(t.clone()),
                    _ => c.to_text(),
                }))
                .context("cannot write a row")?;
            }
            Sink::Json { out, rows } => {
                // Written by hand so the keys keep the column order.
                let mut line = Vec::with_capacity(256);
                line.extend_from_slice(if *rows == 0 { b"\n{" } else { b",\n{" });
                for (i, (name, cell)) in self.columns.iter().zip(cells).enumerate() {
                    if i > 0 {
                        line.push(b',');
                    }
                    serde_json::to_writer(&mut line, name).context("cannot write output")?;
                    line.push(b':');
                    serde_json::to_writer(&mut line, &cell.to_json())
                        .context("cannot write output")?;
                }
                line.push(b'}');
                out.write_all(&line).context("cannot write output")?;
                *rows += 1;
            }
            Sink::Markdown(out) => {
                let texts: Vec<String> =
                    cells.iter().map(|c| markdown_cell(&c.to_text())).collect();
                writeln!(out, "| {} |", texts.join(" | ")).context("cannot write output")?;
            }
        }
        Ok(())
    }

    /// Push what was written so far to the underlying writer.
    pub fn flush(&mut self) -> Result<()> {
        match &mut self.sink {
            Sink::Delimited(w) => w.flush(),
            Sink::Json { out, .. } | Sink::Markdown(out) => out.flush(),
        }
        .context("cannot flush output")
    }

    /// Close the table (the JSON array) and hand back the writer.
    pub fn finish(self) -> Result<W> {
        let mut out = match self.sink {
            Sink::Delimited(w) => w
                .into_inner()
                .map_err(|e| anyhow::anyhow!("cannot flush output: {}", e.error()))?,
            Sink::Json { mut out, rows } => {
                let end: &[u8] = if rows == 0 { b"]\n" } else { b"\n]\n" };
                out.write_all(end).context("cannot write output")?;
                out
            }
            Sink::Markdown(out) => out,
        };
        out.flush().context("cannot flush output")?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_keep_four_decimals_without_trailing_zeros() {
        assert_eq!(format_float(0.5), "0.5");
        assert_eq!(format_float(-1.0 / 3.0), "-0.3333");
        assert_eq!(format_float(0.91f32 as f64), "0.91");
        assert_eq!(format_float(-0.00001), "0");
        assert_eq!(format_float(2.0), "2");
    }

    #[test]
    fn markdown_escapes_pipes_and_newlines() {
        assert_eq!(markdown_cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn markdown_escapes_raw_html() {
        assert_eq!(
            markdown_cell("<b>x</b> & y"),
            "&lt;b&gt;x&lt;/b&gt; &amp; y"
        );
    }

    fn csv_line(cells: &[Cell], raw: bool) -> String {
        let columns = (0..cells.len()).map(|i| format!("c{i}")).collect();
        let mut w = RowWriter::new(Vec::new(), TableFormat::Csv, columns)
            .unwrap()
            .raw_cells(raw);
        w.write_row(cells).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        out.lines().nth(1).unwrap().to_string()
    }

    #[test]
    fn csv_cells_that_start_a_formula_get_a_quote_and_numbers_do_not() {
        let cells = [
            Cell::Text("=1+1".into()),
            Cell::Text("+1".into()),
            Cell::Text("-1".into()),
            Cell::Text("@SUM(A1)".into()),
            Cell::Text("\tx".into()),
            Cell::Text("plain".into()),
            Cell::Float(-0.5),
        ];
        assert_eq!(
            csv_line(&cells, false),
            "'=1+1,'+1,'-1,'@SUM(A1),'\tx,plain,-0.5"
        );
        assert_eq!(csv_line(&cells, true), "=1+1,+1,-1,@SUM(A1),\tx,plain,-0.5");
    }
}
