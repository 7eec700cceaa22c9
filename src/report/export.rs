//! The tables of `export` as column names and rows of cells, built from classified
//! articles: what the CLI writes out, and what a binding hands over as a data frame.

use super::{
    Cell, DYAD_COLUMNS, Dyad, DyadCounter, Matrix, Period, RowFilter, STATEMENT_COLUMNS,
    statement_rows, timeline_columns,
};
use crate::record::Article;
use std::str::FromStr;

/// Which analyst table to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTable {
    /// One row per statement and target, with label, confidence and offsets.
    Statements,
    /// One row per speaker party -> target: label counts, shares, net score, articles.
    Dyads,
    /// Speaker parties by targets; each cell the net score.
    Matrix,
    /// Dyads per day, week or month.
    Timeline,
}

impl FromStr for ExportTable {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "statements" => Ok(ExportTable::Statements),
            "dyads" => Ok(ExportTable::Dyads),
            "matrix" => Ok(ExportTable::Matrix),
            "timeline" => Ok(ExportTable::Timeline),
            other => Err(format!(
                "unknown table {other:?}: expected statements, dyads, matrix or timeline"
            )),
        }
    }
}

/// A whole table: column names and rows of cells in that order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as `{"columns": [...], "rows": [[...], ...]}`, each cell as
    /// `export --format json` writes it.
    pub fn to_json(&self) -> serde_json::Value {
        let rows = self
            .rows
            .iter()
            .map(|row| row.iter().map(Cell::to_json).collect())
            .collect();
        serde_json::json!({ "columns": self.columns, "rows": serde_json::Value::Array(rows) })
    }
}

/// The statements table's column names.
pub fn statement_columns() -> Vec<String> {
    STATEMENT_COLUMNS.iter().map(|s| s.to_string()).collect()
}

/// An aggregate table (dyads, matrix or timeline) from the counted dyads; the
/// statements table is not one (see [`build_table`]).
pub fn aggregate_table(table: ExportTable, dyads: &[Dyad]) -> Table {
    let (columns, rows) = match table {
        ExportTable::Dyads => (
            DYAD_COLUMNS.iter().map(|s| s.to_string()).collect(),
            dyads.iter().map(|d| d.cells()).collect(),
        ),
        ExportTable::Timeline => (
            timeline_columns(),
            dyads.iter().map(|d| d.timeline_cells()).collect(),
        ),
        ExportTable::Matrix | ExportTable::Statements => {
            let matrix = Matrix::from_dyads(dyads);
            (matrix.columns(), matrix.rows())
        }
    };
    Table { columns, rows }
}

/// A whole table over `articles`, as `export --table NAME` builds it (`by` buckets
/// the timeline and is ignored by the other tables).
pub fn build_table<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    table: ExportTable,
    filter: RowFilter,
    by: Period,
) -> Table {
    if table == ExportTable::Statements {
        let mut rows = Vec::new();
        for article in articles {
            rows.extend(
                statement_rows(article)
                    .iter()
                    .filter(|r| filter.keeps(r))
                    .map(|r| r.cells()),
            );
        }
        return Table {
            columns: statement_columns(),
            rows,
        };
    }
    let by = (table == ExportTable::Timeline).then_some(by);
    let mut counter = DyadCounter::new(filter, by);
    for article in articles {
        counter.add_article(article);
    }
    aggregate_table(table, &counter.dyads())
}
