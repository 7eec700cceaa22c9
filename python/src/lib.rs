//! The native part of the Python package: `stancemap._stancemap`.
//!
//! Records cross the boundary as JSON text. Python sends each record as `json.dumps`
//! writes it; the library reads it as it reads a line of a `.jsonl` file and writes each
//! classified article as `classify --format jsonl` does, so a record a Python user gets
//! equals the CLI's line by construction (both go through the same serde records).
//! `stancemap/__init__.py` wraps this module; the compute runs without the GIL.

mod records;

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use records::{RecordError, parse_records};
use stancemap::attribute::tagger::combine::CombineConfig;
use stancemap::attribute::tagger::{AttributionMode, locate_and_load_tagger};
use stancemap::encoder::{Backend, Engine};
use stancemap::pipeline::Pipeline;
use stancemap::report::{ExportTable, Period, RowFilter, build_table};
use stancemap::stance::StanceModel;
use stancemap::stance::relevance::RelevanceThreshold;
use stancemap::stance::store::{self, EMBEDDED_STANCE};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

create_exception!(
    _stancemap,
    InputError,
    PyValueError,
    "A record that cannot be read; the message names it (index and id)."
);

/// The error of a library call, with its causes, as a Python RuntimeError.
fn runtime_error(err: anyhow::Error) -> PyErr {
    PyRuntimeError::new_err(format!("{err:#}"))
}

fn input_error(err: RecordError) -> PyErr {
    InputError::new_err(err.to_string())
}

/// The pipeline stages with the models, loaded once (the stance model on first use).
#[pyclass(frozen, module = "stancemap._stancemap")]
struct NativePipeline {
    pipeline: Pipeline,
    model_dir: Option<PathBuf>,
    stance_model: Option<PathBuf>,
    relevance_threshold: Option<RelevanceThreshold>,
    backend: Backend,
    model: Mutex<Option<Arc<StanceModel>>>,
}

impl NativePipeline {
    /// The stance model, loaded on the first call.
    fn model(&self) -> anyhow::Result<Arc<StanceModel>> {
        let mut slot = self
            .model
            .lock()
            .map_err(|_| anyhow::anyhow!("an earlier model load panicked"))?;
        if let Some(model) = slot.as_ref() {
            return Ok(Arc::clone(model));
        }
        let location = store::resolve_stance(self.stance_model.as_deref(), Some(EMBEDDED_STANCE))?;
        let mut model =
            store::load_stance_model(self.model_dir.as_deref(), &location, self.backend)?;
        if let Some(threshold) = self.relevance_threshold {
            model.apply_relevance_threshold(threshold)?;
        }
        let model = Arc::new(model);
        *slot = Some(Arc::clone(&model));
        Ok(model)
    }
}

#[pymethods]
impl NativePipeline {
    #[new]
    #[pyo3(signature = (model_dir=None, stance_model=None, parties=Vec::new(), cues=Vec::new(), engine=None, attribution=None, tagger_model=None, relevance_threshold=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        model_dir: Option<PathBuf>,
        stance_model: Option<PathBuf>,
        parties: Vec<PathBuf>,
        cues: Vec<PathBuf>,
        engine: Option<&str>,
        attribution: Option<&str>,
        tagger_model: Option<PathBuf>,
        relevance_threshold: Option<&str>,
    ) -> PyResult<Self> {
        let relevance_threshold = relevance_threshold
            .map(|t| {
                t.parse::<RelevanceThreshold>()
                    .map_err(|e| PyValueError::new_err(format!("relevance_threshold: {e}")))
            })
            .transpose()?;
        let engine = match engine {
            None => Engine::default(),
            Some(name) => <Engine as clap::ValueEnum>::from_str(name, true)
                .map_err(|e| PyValueError::new_err(format!("engine {name:?}: {e}")))?,
        };
        let mode = match attribution {
            None => AttributionMode::Rules,
            Some(name) => <AttributionMode as clap::ValueEnum>::from_str(name, true)
                .map_err(|e| PyValueError::new_err(format!("attribution {name:?}: {e}")))?,
        };
        let backend = engine.resolve().map_err(runtime_error)?;
        // The tagger has no built-in copy: a mode that needs it needs its folder.
        let tagger = match (mode, tagger_model) {
            (AttributionMode::Rules, _) => None,
            (_, None) => {
                return Err(PyValueError::new_err(format!(
                    "attribution {mode:?} needs tagger_model (a folder such as models/tagger)"
                )));
            }
            (_, Some(dir)) => Some(
                locate_and_load_tagger(&dir, model_dir.as_deref(), backend)
                    .map_err(runtime_error)?,
            ),
        };
        let pipeline = Pipeline::with_files(&cues, &parties)
            .and_then(|p| p.with_attribution(mode, tagger, CombineConfig::default()))
            .map_err(runtime_error)?;
        Ok(NativePipeline {
            pipeline,
            model_dir,
            stance_model,
            relevance_threshold,
            backend,
            model: Mutex::new(None),
        })
    }

    /// Load the base encoder and the stance model now (otherwise on the first classify).
    fn load_model(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.model().map(|_| ()))
            .map_err(runtime_error)
    }

    /// The encoder backend in use (`candle`, `f32`, `amx-bf16`, ...).
    #[getter]
    fn engine(&self) -> &'static str {
        self.backend.name()
    }

    /// Classify records (JSON objects in the article format), as `classify --format
    /// jsonl` does: one JSON line out per record, in order. Like the CLI, the model
    /// sees `batch_articles` articles at a time, in passes of `batch_size` sequences.
    #[pyo3(signature = (records, batch_size=32, batch_articles=32))]
    fn classify(
        &self,
        py: Python<'_>,
        records: Vec<String>,
        batch_size: usize,
        batch_articles: usize,
    ) -> PyResult<Vec<String>> {
        py.detach(|| {
            let mut articles = parse_records(&records)?;
            let model = self.model().map_err(RecordError::Run)?;
            for chunk in articles.chunks_mut(batch_articles.max(1)) {
                self.pipeline
                    .classify(&model, chunk, batch_size.max(1))
                    .map_err(RecordError::Run)?;
            }
            records::to_lines(&articles)
        })
        .map_err(|e| match e {
            RecordError::Run(err) => runtime_error(err),
            other => input_error(other),
        })
    }

    /// The attributed statements of each record, as `quotes --format jsonl` writes them.
    fn quotes(&self, py: Python<'_>, records: Vec<String>) -> PyResult<Vec<String>> {
        py.detach(|| {
            let mut articles = parse_records(&records)?;
            for article in &mut articles {
                article.statements = self
                    .pipeline
                    .attribute(&article.text, article.date.as_deref())
                    .map_err(RecordError::Run)?;
            }
            records::to_lines(&articles)
        })
        .map_err(|e| match e {
            RecordError::Run(err) => runtime_error(err),
            other => input_error(other),
        })
    }
}

/// The `export` table `kind` over classified records, as JSON text:
/// `{"columns": [...], "rows": [[...], ...]}` with each cell as `export --format json`
/// writes it.
#[pyfunction]
#[pyo3(signature = (records, kind, by="week", min_confidence=None, party=None, speaker=None))]
fn table(
    py: Python<'_>,
    records: Vec<String>,
    kind: &str,
    by: &str,
    min_confidence: Option<f32>,
    party: Option<String>,
    speaker: Option<String>,
) -> PyResult<String> {
    let kind: ExportTable = kind.parse().map_err(PyValueError::new_err)?;
    let by = match by {
        "day" => Period::Day,
        "week" => Period::Week,
        "month" => Period::Month,
        other => {
            return Err(PyValueError::new_err(format!(
                "by {other:?}: expected day, week or month"
            )));
        }
    };
    if let Some(c) = min_confidence
        && !(0.0..=1.0).contains(&c)
    {
        return Err(PyValueError::new_err(format!(
            "min_confidence must be between 0 and 1, not {c}"
        )));
    }
    let filter = RowFilter {
        min_confidence,
        party,
        speaker,
    };
    py.detach(|| {
        let articles = parse_records(&records)?;
        Ok(build_table(&articles, kind, filter, by)
            .to_json()
            .to_string())
    })
    .map_err(input_error)
}

/// The records that cannot be read, as (index, message naming the record); batch
/// callers classify the rest.
#[pyfunction]
fn check_records(py: Python<'_>, records: Vec<String>) -> Vec<(usize, String)> {
    py.detach(|| {
        records
            .iter()
            .enumerate()
            .filter_map(|(index, record)| {
                records::check_record(index, record)
                    .err()
                    .map(|e| (index, e.to_string()))
            })
            .collect()
    })
}

/// The `id` of a record when it has a readable one (also of a record that cannot
/// be classified).
#[pyfunction]
fn record_id(record: &str) -> Option<String> {
    records::record_id(record)
}

/// Size the compute thread pool once per process (later calls change nothing);
/// returns the number of threads it has.
#[pyfunction]
fn init_threads(threads: usize) -> usize {
    // An error only says the pool was already built; its size is returned either way.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build_global();
    rayon::current_num_threads()
}

#[pymodule]
fn _stancemap(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativePipeline>()?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    m.add_function(wrap_pyfunction!(init_threads, m)?)?;
    m.add_function(wrap_pyfunction!(check_records, m)?)?;
    m.add_function(wrap_pyfunction!(record_id, m)?)?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
