//! One module per subcommand; each defines its flags (with their docs) and a `run`.

pub mod bench;
pub mod classify;
pub mod eval;
pub mod export;
pub mod model;
pub mod quotes;
pub mod train;
pub mod train_attribution;
pub mod values;

use anyhow::Context;
use stancemap::attribute::tagger::combine::{
    ADD_MIN_CONFIDENCE, CombineConfig, VET_MIN_CUE_SUPPORT, VET_MIN_SUPPORT,
};
use stancemap::attribute::tagger::model::MANIFEST_FILE;
use stancemap::attribute::tagger::{AttributionMode, locate_and_load_tagger};
use stancemap::encoder::Backend;
use stancemap::pipeline::Pipeline;
use stancemap::stance::StanceModel;
use stancemap::stance::relevance::RelevanceThreshold;
use stancemap::stance::store::{self, EMBEDDED_STANCE};
use std::path::{Path, PathBuf};

/// What the global flags resolve to, once, before any subcommand runs.
pub struct Settings {
    /// What runs the encoder at inference (from `--engine`).
    pub backend: Backend,
}

impl Settings {
    /// Locate and load the base encoder and the stance model (the built-in one when
    /// no folder is named or found), fetching the base encoder on first use.
    pub fn load_stance_model(
        &self,
        model_dir: Option<&Path>,
        stance_model: Option<&Path>,
    ) -> anyhow::Result<StanceModel> {
        let location = store::resolve_stance(stance_model, Some(EMBEDDED_STANCE))?;
        store::load_stance_model(model_dir, &location, self.backend)
    }
}

/// Where the models are: the flags of every subcommand that runs the stance model.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// Base encoder folder (default: the usual resolution order; fetched on first use).
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,
    /// Stance model folder (default: models/stance beside the current directory or the executable).
    #[arg(long, value_name = "DIR")]
    pub stance_model: Option<PathBuf>,
    /// Drop the targets that the stance model's relevance output rates below P (a
    /// probability, or `dev` for the threshold chosen on news-gold dev and stored in the
    /// model's manifest): fewer targets, more of them right. Off by default.
    #[arg(long, value_name = "P|dev", value_parser = clap::value_parser!(RelevanceThreshold))]
    pub relevance_threshold: Option<RelevanceThreshold>,
}

impl ModelArgs {
    /// Load the encoder and the stance model these flags name, with the relevance
    /// threshold asked for.
    pub fn load(&self, settings: &Settings) -> anyhow::Result<StanceModel> {
        let mut model =
            settings.load_stance_model(self.model_dir.as_deref(), self.stance_model.as_deref())?;
        if let Some(threshold) = self.relevance_threshold {
            model
                .apply_relevance_threshold(threshold)
                .context("--relevance-threshold")?;
        }
        Ok(model)
    }
}

/// The user's additions to the built-in word lists: the flags of every subcommand that
/// runs the pipeline.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Extra attribution cues, one word or phrase per line (adds to the built-in list).
    #[arg(long, value_name = "FILE")]
    pub cues: Vec<PathBuf>,
    /// Extra parties, in the format of data/parties.tsv (adds aliases to known parties).
    #[arg(long, value_name = "FILE")]
    pub parties: Vec<PathBuf>,
    /// Which stage finds the statements: the rules, the learned tagger, the rules vetted
    /// and completed by the tagger (`combined`), or the rules vetted by it (`vetted`).
    #[arg(long, value_enum, default_value = "rules")]
    pub attribution: AttributionMode,
    /// Tagger model folder (default: models/tagger under the current directory or
    /// beside the executable); read only with `--attribution tagger|combined|vetted`.
    #[arg(long, value_name = "DIR")]
    pub tagger_model: Option<PathBuf>,
    /// With `--attribution combined`: least mean in-span probability (P(B) + P(I)) of a
    /// statement the tagger adds where the rules found none.
    #[arg(long, default_value_t = ADD_MIN_CONFIDENCE, value_name = "P")]
    pub tagger_min_confidence: f32,
    /// With `--attribution combined|vetted`: least content probability the tagger gives
    /// some piece of a rule statement's content for the statement to stay (0 keeps all).
    #[arg(long, default_value_t = VET_MIN_SUPPORT, value_name = "P")]
    pub tagger_min_support: f32,
    /// With `--attribution combined|vetted`: least cue probability the tagger gives some
    /// piece of a rule statement's cue for the statement to stay (0 keeps all).
    #[arg(long, default_value_t = VET_MIN_CUE_SUPPORT, value_name = "P")]
    pub tagger_min_cue_support: f32,
    /// With `--attribution combined`: take the tagger's content span for the
    /// statements both found.
    #[arg(long)]
    pub tagger_spans: bool,
}

impl ListArgs {
    /// The pipeline with the built-in lists and the user's files, and the tagger when
    /// `--attribution` asks for it (over the base encoder of `model_dir`).
    pub fn pipeline(
        &self,
        settings: &Settings,
        model_dir: Option<&Path>,
    ) -> anyhow::Result<Pipeline> {
        for (flag, value) in [
            ("--tagger-min-confidence", self.tagger_min_confidence),
            ("--tagger-min-support", self.tagger_min_support),
            ("--tagger-min-cue-support", self.tagger_min_cue_support),
        ] {
            // Above 1 is allowed: it keeps nothing, which is a clear request.
            anyhow::ensure!(
                value.is_finite() && value >= 0.0,
                "{flag} must be a probability (0 or more), not {value}"
            );
        }
        let pipeline = Pipeline::with_files(&self.cues, &self.parties)?;
        let tagger = match self.attribution {
            AttributionMode::Rules => None,
            _ => {
                let dir = tagger_dir(self.tagger_model.as_deref())?;
                Some(locate_and_load_tagger(&dir, model_dir, settings.backend)?)
            }
        };
        let combine = CombineConfig {
            min_confidence: self.tagger_min_confidence,
            min_support: self.tagger_min_support,
            min_cue_support: self.tagger_min_cue_support,
            tagger_spans: self.tagger_spans,
        };
        pipeline.with_attribution(self.attribution, tagger, combine)
    }
}

/// The tagger folder: the one named, or `models/tagger/` under the current directory
/// or beside the executable.
fn tagger_dir(named: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = named {
        return Ok(dir.to_path_buf());
    }
    let mut candidates = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join("models").join("tagger"));
    }
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(
            exe.ancestors()
                .skip(1)
                .take(4)
                .map(|d| d.join("models").join("tagger")),
        );
    }
    candidates
        .into_iter()
        .find(|d| d.join(MANIFEST_FILE).is_file())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no tagger model found (models/tagger/ with manifest.json); pass --tagger-model DIR"
            )
        })
}

/// Fix the number of compute threads once, before any tensor work.
///
/// candle re-reads /proc/cpuinfo on every op while `RAYON_NUM_THREADS` is unset.
pub fn init_threads(threads: Option<usize>) {
    let n = threads
        .or_else(|| {
            std::env::var("RAYON_NUM_THREADS")
                .ok()
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        });
    // SAFETY: called at start-up before any other thread exists.
    unsafe { std::env::set_var("RAYON_NUM_THREADS", n.to_string()) };
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

/// Write to stdout; a closed pipe (`| head`) ends the output quietly instead of panicking.
pub fn print_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to stdout"))
        }
        _ => Ok(()),
    }
}
