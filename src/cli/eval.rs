//! `stancemap eval`: score the system against gold files (the report itself is
//! [`stancemap::eval::report`]).

use anyhow::{Context, Result, bail};
use stancemap::eval::ReportBuilder;
use stancemap::eval::stance::GivenGoldPairs;
use stancemap::ingest::ArticleReader;
use stancemap::output::{self, OutputFile};
use stancemap::pipeline::Pipeline;
use stancemap::record::{Article, Statement};
use stancemap::stance::data::read_pairs;
use stancemap::stance::evaluate::{PairPrediction, evaluate_pairs};
use stancemap::stance::{LabeledPair, StanceInput, StanceModel};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Score statements and stances against gold files.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold files (same as `--data`).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A gold file: articles in the article format, or labeled pairs (`*.pairs.jsonl`).
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Predictions in the article format (the output of `quotes --format jsonl` or
    /// `classify --format jsonl`), matched to gold articles by `id`. Without it, the
    /// pipeline runs on the gold articles' text.
    #[arg(long, value_name = "FILE")]
    pub pred: Vec<PathBuf>,
    /// Write one JSON line per scored pair (`id`, `label`, `probs`, `gold`) to this file:
    /// each pair of a pair file, and each gold (statement, target) pair of gold articles
    /// as the stance model reads it given gold (`id` is `ARTICLE#N:TARGET`, N the 0-based
    /// place of the statement in the article's `statements`).
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    #[command(flatten)]
    pub models: super::ModelArgs,
    #[command(flatten)]
    pub lists: super::ListArgs,
    /// Encoder sequences per forward pass.
    #[arg(long, default_value_t = 32, value_name = "N")]
    pub batch_size: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Whether a gold file holds pairs or articles.
fn is_pair_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".pairs.jsonl"))
        || stancemap::stance::data::is_pair_file(path)
}

/// What scoring a file needs: the pipeline, the model (loaded the first time a file
/// needs it), the predictions given and where to write pair predictions.
struct Scorer<'a> {
    args: &'a Args,
    settings: &'a super::Settings,
    pipeline: Pipeline,
    model: Option<StanceModel>,
    predicted: HashMap<String, Vec<Statement>>,
    predictions_out: Option<std::io::BufWriter<std::fs::File>>,
}

impl Scorer<'_> {
    fn model(&mut self) -> Result<&StanceModel> {
        if self.model.is_none() {
            self.model = Some(self.args.models.load(self.settings)?);
        }
        self.model.as_ref().context("stance model not loaded")
    }

    /// Predict and score a pair file.
    fn pair_file(&mut self, file: &Path, report: &mut ReportBuilder) -> Result<()> {
        let pairs = read_pairs(file, self.pipeline.parties())?;
        if pairs.is_empty() {
            bail!("{}: no labeled pairs", file.display());
        }
        let batch_size = self.args.batch_size;
        let (file_report, preds) = evaluate_pairs(self.model()?, &pairs, batch_size)?;
        self.write_predictions(preds.iter().cloned())?;
        report.add_pair_file(&file.display().to_string(), file_report, &preds);
        Ok(())
    }

    /// Write pair predictions where `--predictions` asks for them.
    fn write_predictions(&mut self, preds: impl Iterator<Item = PairPrediction>) -> Result<()> {
        if let Some(out) = self.predictions_out.as_mut() {
            for p in preds {
                serde_json::to_writer(&mut *out, &p).context("cannot write the predictions")?;
                out.write_all(b"\n")
                    .context("cannot write the predictions")?;
            }
        }
        Ok(())
    }

    /// Score the statements of an article file: the given predictions, or the pipeline's
    /// on the gold articles' text (with stances where the gold has them).
    fn article_file(&mut self, file: &Path, report: &mut ReportBuilder) -> Result<()> {
        let gold = read_articles(std::slice::from_ref(&file.to_path_buf()))?;
        if gold.is_empty() {
            bail!("no gold article could be read from {}", file.display());
        }
        let own = if self.args.pred.is_empty() {
            Some(self.run_pipeline(&gold)?)
        } else {
            None
        };
        let given_gold = self.given_gold(&gold)?;
        let predicted = own.as_ref().unwrap_or(&self.predicted);
        let missing =
            report.add_article_file(&file.display().to_string(), &gold, predicted, given_gold);
        if missing > 0 {
            eprintln!(
                "warning: {}: {missing} gold article(s) have no prediction (matched by id)",
                file.display()
            );
        }
        Ok(())
    }

    /// The model's probabilities on every gold (statement, target) pair of `gold`.
    fn given_gold(&mut self, gold: &[Article]) -> Result<GivenGoldPairs> {
        let pairs: Vec<LabeledPair> = gold
            .iter()
            .flat_map(|a| self.pipeline.gold_pairs(a))
            .collect();
        if pairs.is_empty() {
            return Ok(GivenGoldPairs::default());
        }
        let batch_size = self.args.batch_size;
        let inputs: Vec<&StanceInput> = pairs.iter().map(|p| &p.input).collect();
        let probs = self.model()?.predict(&inputs, batch_size)?;
        self.write_predictions(
            pairs
                .iter()
                .zip(&probs)
                .map(|(pair, probs)| PairPrediction::new(pair, *probs)),
        )?;
        Ok(GivenGoldPairs {
            gold: pairs.iter().map(|p| p.label).collect(),
            probs,
        })
    }

    /// The pipeline's statements for the text of each gold article, by id.
    fn run_pipeline(&mut self, gold: &[Article]) -> Result<HashMap<String, Vec<Statement>>> {
        let has_stances = gold
            .iter()
            .any(|a| a.statements.iter().any(|s| !s.stances.is_empty()));
        let mut copies: Vec<Article> = gold
            .iter()
            // The date decides which office a known person holds, as in `classify`.
            .map(|a| Article {
                id: a.id.clone(),
                text: a.text.clone(),
                date: a.date.clone(),
                ..Default::default()
            })
            .collect();
        if has_stances {
            let batch_size = self.args.batch_size;
            self.model()?;
            let model = self.model.as_ref().context("stance model not loaded")?;
            self.pipeline.classify(model, &mut copies, batch_size)?;
        } else {
            for a in &mut copies {
                a.statements = self.pipeline.attribute(&a.text, a.date.as_deref())?;
            }
        }
        Ok(copies.into_iter().map(|a| (a.id, a.statements)).collect())
    }
}

/// Run `eval`.
pub fn run(args: Args, settings: &super::Settings) -> Result<ExitCode> {
    let all: Vec<PathBuf> = args.files.iter().chain(&args.data).cloned().collect();
    if all.is_empty() {
        bail!("no gold file given (pass files or --data FILE)");
    }
    let predictions_out = match &args.predictions {
        Some(p) => {
            let inputs: Vec<PathBuf> = all
                .iter()
                .chain(&args.pred)
                .chain(&args.lists.cues)
                .chain(&args.lists.parties)
                .cloned()
                .collect();
            output::refuse_if_input(p, &inputs)?;
            Some(std::io::BufWriter::new(OutputFile::create(p)?.file))
        }
        None => None,
    };
    let mut scorer = Scorer {
        args: &args,
        settings,
        pipeline: args
            .lists
            .pipeline(settings, args.models.model_dir.as_deref())?,
        model: None,
        predicted: read_articles(&args.pred)?
            .into_iter()
            .map(|a| (a.id, a.statements))
            .collect(),
        predictions_out,
    };
    let mut report = ReportBuilder::default();
    for file in &all {
        if is_pair_file(file) {
            scorer.pair_file(file, &mut report)?;
        } else {
            scorer.article_file(file, &mut report)?;
        }
    }
    if let Some(out) = scorer.predictions_out.as_mut() {
        out.flush().context("cannot write the predictions")?;
    }
    let report = report.finish();
    let text = if args.json {
        serde_json::to_string_pretty(&report).context("cannot encode the report")? + "\n"
    } else {
        report.render()
    };
    super::print_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Read every article of `files`, warning about skipped records.
fn read_articles(files: &[PathBuf]) -> Result<Vec<Article>> {
    let mut out = Vec::new();
    if files.is_empty() {
        return Ok(out);
    }
    for item in ArticleReader::open(files, true)? {
        match item {
            Ok((_, article)) => out.push(article),
            Err(skip) => eprintln!("warning: {skip}"),
        }
    }
    Ok(out)
}
