//! `stancemap eval`: score the system against gold files.
//!
//! Each kind of gold file feeds its own section: article files (the article format)
//! give `attribution` and, where the gold has stances, `end_to_end` stance figures;
//! pair files (`*.pairs.jsonl`) give `stance`. Top-level sections pool every file of
//! their kind; `files` lists each file's own sections.

use anyhow::{Context, Result, bail};
use serde::Serialize;
use stancemap::eval::stance::EndToEndPairs;
use stancemap::eval::{AttributionCounts, AttributionScores};
use stancemap::ingest::ArticleReader;
use stancemap::output::{self, OutputFile};
use stancemap::pipeline::Extractor;
use stancemap::record::{Article, StanceLabel, Statement};
use stancemap::stance::StanceModel;
use stancemap::stance::annotate::classify_articles;
use stancemap::stance::data::read_pairs;
use stancemap::stance::evaluate::{PairReport, evaluate_pairs};
use stancemap::stance::metrics::StanceScores;
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
    /// Write one JSON line per scored pair (`id`, `label`, `probs`, `gold`) to this file.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// Extra attribution cues for the extractor, one per line.
    #[arg(long, value_name = "FILE")]
    pub cues: Vec<PathBuf>,
    /// Base encoder folder (default: the usual resolution order; fetched on first use).
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,
    /// Stance model folder (default: models/stance).
    #[arg(long, value_name = "DIR")]
    pub stance_model: Option<PathBuf>,
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

/// The article section: attribution figures and what they were computed on.
#[derive(Debug, Serialize)]
pub struct AttributionSection {
    /// Gold articles scored.
    pub articles: usize,
    /// Gold articles that had no prediction (scored as predicting nothing).
    pub missing_predictions: usize,
    #[serde(flatten)]
    pub scores: AttributionScores,
}

/// The sections of one gold file.
#[derive(Debug, Serialize)]
pub struct FileSection {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<AttributionSection>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_to_end: Option<StanceScores>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<PairReport>,
}

/// The whole report.
#[derive(Debug, Default, Serialize)]
pub struct EvalReport {
    /// Statement extraction, pooled over the article files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<AttributionSection>,
    /// Stance of found statements toward gold targets, pooled over article files with stances.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_to_end: Option<StanceScores>,
    /// Stance on labeled pairs, pooled over the pair files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<PairReport>,
    /// Each file's own sections.
    pub files: Vec<FileSection>,
}

/// Loads the stance model the first time a section needs it.
struct LazyModel<'a> {
    args: &'a Args,
    settings: &'a super::Settings,
    model: Option<StanceModel>,
}

impl LazyModel<'_> {
    fn get(&mut self) -> Result<&StanceModel> {
        if self.model.is_none() {
            let m = self.settings.load_stance_model(
                self.args.model_dir.as_deref(),
                self.args.stance_model.as_deref(),
            )?;
            self.model = Some(m);
        }
        self.model.as_ref().context("stance model not loaded")
    }
}

/// Run `eval`.
pub fn run(args: Args, settings: &super::Settings) -> Result<ExitCode> {
    let all: Vec<PathBuf> = args.files.iter().chain(&args.data).cloned().collect();
    if all.is_empty() {
        bail!("no gold file given (pass files or --data FILE)");
    }
    let extractor = Extractor::with_cue_files(&args.cues)?;
    let predicted_articles: HashMap<String, Vec<Statement>> = read_articles(&args.pred)?
        .into_iter()
        .map(|a| (a.id, a.statements))
        .collect();
    let mut predictions_out = match &args.predictions {
        Some(p) => {
            let inputs: Vec<PathBuf> = all
                .iter()
                .chain(&args.pred)
                .chain(&args.cues)
                .cloned()
                .collect();
            output::refuse_if_input(p, &inputs)?;
            Some(std::io::BufWriter::new(OutputFile::create(p)?.file))
        }
        None => None,
    };
    let mut model = LazyModel {
        args: &args,
        settings,
        model: None,
    };
    let mut report = EvalReport::default();
    let (mut attr_all, mut attr_articles, mut attr_missing) = (AttributionCounts::default(), 0, 0);
    let mut e2e_all = EndToEndPairs::default();
    let (mut pair_gold, mut pair_pred): (Vec<StanceLabel>, Vec<StanceLabel>) =
        (Vec::new(), Vec::new());
    for file in &all {
        let mut section = FileSection {
            file: file.display().to_string(),
            attribution: None,
            end_to_end: None,
            stance: None,
        };
        if is_pair_file(file) {
            let pairs = read_pairs(file)?;
            if pairs.is_empty() {
                bail!("{}: no labeled pairs", file.display());
            }
            let (file_report, preds) = evaluate_pairs(model.get()?, &pairs, args.batch_size)?;
            if let Some(out) = predictions_out.as_mut() {
                for p in &preds {
                    serde_json::to_writer(&mut *out, p)?;
                    out.write_all(b"\n")?;
                }
            }
            pair_gold.extend(preds.iter().map(|p| p.gold));
            pair_pred.extend(preds.iter().map(|p| p.label));
            section.stance = Some(file_report);
        } else {
            let gold = read_articles(std::slice::from_ref(file))?;
            if gold.is_empty() {
                bail!("no gold article could be read from {}", file.display());
            }
            let has_stances = gold
                .iter()
                .any(|a| a.statements.iter().any(|s| !s.stances.is_empty()));
            let mut own: HashMap<String, Vec<Statement>> = HashMap::new();
            if args.pred.is_empty() {
                let mut copies: Vec<Article> = gold
                    .iter()
                    .map(|a| Article {
                        id: a.id.clone(),
                        text: a.text.clone(),
                        ..Default::default()
                    })
                    .collect();
                if has_stances {
                    classify_articles(&extractor, model.get()?, &mut copies, args.batch_size)?;
                } else {
                    copies
                        .iter_mut()
                        .for_each(|a| a.statements = extractor.statements(&a.text));
                }
                own = copies.into_iter().map(|a| (a.id, a.statements)).collect();
            }
            let source = if args.pred.is_empty() {
                &own
            } else {
                &predicted_articles
            };
            let (mut counts, mut e2e, mut missing) =
                (AttributionCounts::default(), EndToEndPairs::default(), 0);
            for article in &gold {
                let pred = source
                    .get(&article.id)
                    .map(Vec::as_slice)
                    .unwrap_or_else(|| {
                        missing += 1;
                        &[]
                    });
                counts.add_article(&article.statements, pred);
                e2e.add_article(&article.statements, pred);
            }
            if missing > 0 {
                eprintln!(
                    "warning: {}: {missing} gold article(s) have no prediction (matched by id)",
                    file.display()
                );
            }
            attr_all.merge(&counts);
            e2e_all.merge(&e2e);
            attr_articles += gold.len();
            attr_missing += missing;
            section.attribution = Some(AttributionSection {
                articles: gold.len(),
                missing_predictions: missing,
                scores: counts.scores(),
            });
            section.end_to_end = e2e.scores();
        }
        report.files.push(section);
    }
    if attr_articles > 0 {
        report.attribution = Some(AttributionSection {
            articles: attr_articles,
            missing_predictions: attr_missing,
            scores: attr_all.scores(),
        });
    }
    report.end_to_end = e2e_all.scores();
    if !pair_gold.is_empty() {
        report.stance = Some(PairReport {
            scores: StanceScores::compute(&pair_gold, &pair_pred),
            baseline: StanceScores::majority_baseline(&pair_gold),
        });
    }
    if let Some(out) = predictions_out.as_mut() {
        out.flush().context("cannot write the predictions")?;
    }
    let text = if args.json {
        serde_json::to_string_pretty(&report).context("cannot encode the report")? + "\n"
    } else {
        render_report(&report)
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

/// `println!` into a String.
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        let out: &mut String = $out;
        out.push_str(&format!($($arg)*));
        out.push('\n');
    }};
}

fn print_attribution(out: &mut String, a: &AttributionSection) {
    let s = &a.scores;
    let c = &s.counts;
    outln!(
        out,
        "attribution ({} articles, {} gold and {} predicted statements, {} matched)",
        a.articles,
        c.gold,
        c.predicted,
        c.matched
    );
    outln!(out, "  precision         {:.3}", s.precision);
    outln!(out, "  recall            {:.3}", s.recall);
    outln!(out, "  f1                {:.3}", s.f1);
    outln!(
        out,
        "  exact-span f1     {:.3}  ({} exact)",
        s.exact_f1,
        c.exact
    );
    outln!(
        out,
        "  speaker accuracy  {:.3}  ({} of {} matched)",
        s.speaker_accuracy,
        c.speaker_correct,
        c.matched
    );
}

fn print_sections(
    out: &mut String,
    attribution: Option<&AttributionSection>,
    end_to_end: Option<&StanceScores>,
    stance: Option<&PairReport>,
) {
    if let Some(a) = attribution {
        print_attribution(out, a);
    }
    if let Some(e) = end_to_end {
        outln!(out, "end-to-end stance (gold statement and target pairs)");
        outln!(out, "{}", indent(&e.render(None)));
    }
    if let Some(s) = stance {
        outln!(out, "stance (labeled pairs)");
        outln!(out, "{}", indent(&s.scores.render(Some(&s.baseline))));
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn render_report(report: &EvalReport) -> String {
    let mut out = String::new();
    if report.files.len() > 1 {
        for f in &report.files {
            outln!(&mut out, "== {}", f.file);
            print_sections(
                &mut out,
                f.attribution.as_ref(),
                f.end_to_end.as_ref(),
                f.stance.as_ref(),
            );
            out.push('\n');
        }
        outln!(&mut out, "== all files");
    }
    print_sections(
        &mut out,
        report.attribution.as_ref(),
        report.end_to_end.as_ref(),
        report.stance.as_ref(),
    );
    out
}
