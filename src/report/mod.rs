//! Output for analysts: classified articles as they stream out of `classify`
//! ([`writer`]), and the tables and page of `export` ([`tables`], [`render`], [`html`]).

pub mod export;
pub mod html;
pub mod period;
pub mod provenance;
pub mod render;
pub mod resume;
pub mod rows;
pub mod samples;
pub mod tables;
pub mod writer;

pub use export::{ExportTable, Table, aggregate_table, build_table};
pub use html::HtmlReport;
pub use period::Period;
pub use render::{Cell, RowWriter, TableFormat};
pub use resume::{read_done_ids, trim_partial_line};
pub use rows::{RowFilter, STATEMENT_COLUMNS, StatementRow, UNKNOWN_PARTY, statement_rows};
pub use tables::{DYAD_COLUMNS, Dyad, DyadCounter, DyadKey, Matrix, Tally, timeline_columns};
pub use writer::{ArticleWriter, OutputFormat};
