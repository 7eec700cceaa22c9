//! The `eval` report: each gold file's sections, pooled into top-level sections, as
//! JSON or text.
//!
//! Article files (the article format) give `attribution` and, where the gold has
//! stances, `end_to_end` stance figures; pair files (`*.pairs.jsonl`) give `stance`.
//! Top-level sections pool every file of their kind; `files` lists each file's own.

use super::dyads::{DyadCounts, DyadScores};
use super::stance::{EndToEndPairs, GivenGoldPairs, GivenGoldScores};
use super::{AttributionCounts, AttributionScores};
use crate::record::{Article, StanceLabel, Statement};
use crate::stance::evaluate::{PairPrediction, PairReport};
use crate::stance::metrics::StanceScores;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;

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

/// The figures of one gold file, or pooled over the files of each kind.
#[derive(Debug, Default, Serialize)]
pub struct Sections {
    /// Statement extraction (article files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<AttributionSection>,
    /// Stance of found statements toward gold targets (article files with stances).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_to_end: Option<StanceScores>,
    /// The (speaker party, target, label) triples of dyad tables, and speaker parties and
    /// targets of found statements (article files with stances).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dyads: Option<DyadScores>,
    /// The model alone, on the gold statements and targets (article files with stances).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance_given_gold: Option<GivenGoldScores>,
    /// Stance on labeled pairs (pair files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<PairReport>,
}

/// The sections of one gold file.
#[derive(Debug, Serialize)]
pub struct FileSection {
    pub file: String,
    #[serde(flatten)]
    pub sections: Sections,
}

/// The whole report: each kind of section pooled over its files, then each file's own.
#[derive(Debug, Default, Serialize)]
pub struct EvalReport {
    #[serde(flatten)]
    pub pooled: Sections,
    /// Each file's own sections.
    pub files: Vec<FileSection>,
}

/// Collects the files' sections and pools them.
#[derive(Debug, Default)]
pub struct ReportBuilder {
    files: Vec<FileSection>,
    attribution: AttributionCounts,
    attribution_articles: usize,
    missing_predictions: usize,
    end_to_end: EndToEndPairs,
    dyads: DyadCounts,
    has_stances: bool,
    given_gold: GivenGoldPairs,
    pair_gold: Vec<StanceLabel>,
    pair_predicted: Vec<StanceLabel>,
}

impl ReportBuilder {
    /// Add a pair file's scores and predictions.
    pub fn add_pair_file(
        &mut self,
        file: &str,
        report: PairReport,
        predictions: &[PairPrediction],
    ) {
        self.pair_gold.extend(predictions.iter().map(|p| p.gold));
        self.pair_predicted
            .extend(predictions.iter().map(|p| p.label));
        self.files.push(FileSection {
            file: file.to_string(),
            sections: Sections {
                stance: Some(report),
                ..Sections::default()
            },
        });
    }

    /// Score the predicted statements (by article id) of an article file's gold articles,
    /// and the model's labels on its gold pairs (`given_gold`, empty without stances);
    /// returns the number of gold articles without a prediction.
    pub fn add_article_file(
        &mut self,
        file: &str,
        gold: &[Article],
        predicted: &HashMap<String, Vec<Statement>>,
        given_gold: GivenGoldPairs,
    ) -> usize {
        let (mut counts, mut e2e, mut dyads, mut missing) = (
            AttributionCounts::default(),
            EndToEndPairs::default(),
            DyadCounts::default(),
            0,
        );
        let has_stances = gold
            .iter()
            .any(|a| a.statements.iter().any(|s| !s.stances.is_empty()));
        for article in gold {
            let pred = predicted
                .get(&article.id)
                .map(Vec::as_slice)
                .unwrap_or_else(|| {
                    missing += 1;
                    &[]
                });
            counts.add_article(&article.statements, pred);
            e2e.add_article(&article.statements, pred);
            dyads.add_article(&article.statements, pred);
        }
        self.attribution.merge(&counts);
        self.end_to_end.merge(&e2e);
        self.dyads.merge(&dyads);
        self.has_stances |= has_stances;
        self.given_gold.merge(&given_gold);
        self.attribution_articles += gold.len();
        self.missing_predictions += missing;
        self.files.push(FileSection {
            file: file.to_string(),
            sections: Sections {
                attribution: Some(AttributionSection {
                    articles: gold.len(),
                    missing_predictions: missing,
                    scores: counts.scores(),
                }),
                end_to_end: e2e.scores(),
                dyads: has_stances.then(|| dyads.scores()),
                stance_given_gold: given_gold.scores(),
                stance: None,
            },
        });
        missing
    }

    /// The report, with each kind of file pooled.
    pub fn finish(self) -> EvalReport {
        let attribution = (self.attribution_articles > 0).then(|| AttributionSection {
            articles: self.attribution_articles,
            missing_predictions: self.missing_predictions,
            scores: self.attribution.scores(),
        });
        let stance = (!self.pair_gold.is_empty()).then(|| PairReport {
            scores: StanceScores::compute(&self.pair_gold, &self.pair_predicted),
            baseline: StanceScores::majority_baseline(&self.pair_gold),
        });
        EvalReport {
            pooled: Sections {
                attribution,
                end_to_end: self.end_to_end.scores(),
                dyads: self.has_stances.then(|| self.dyads.scores()),
                stance_given_gold: self.given_gold.scores(),
                stance,
            },
            files: self.files,
        }
    }
}

impl EvalReport {
    /// The report as text: each file's sections (when there are several), then the pooled ones.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if self.files.len() > 1 {
            for f in &self.files {
                out.push_str(&format!("== {}\n", f.file));
                render_sections(&mut out, &f.sections);
                out.push('\n');
            }
            out.push_str("== all files\n");
        }
        render_sections(&mut out, &self.pooled);
        out
    }
}

fn render_attribution(out: &mut String, a: &AttributionSection) {
    let (s, c) = (&a.scores, &a.scores.counts);
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "attribution ({} articles, {} gold and {} predicted statements, {} matched)",
        a.articles, c.gold, c.predicted, c.matched
    );
    let _ = writeln!(out, "  precision         {:.3}", s.precision);
    let _ = writeln!(out, "  recall            {:.3}", s.recall);
    let _ = writeln!(out, "  f1                {:.3}", s.f1);
    let _ = writeln!(
        out,
        "  exact-span f1     {:.3}  ({} exact)",
        s.exact_f1, c.exact
    );
    let _ = writeln!(
        out,
        "  speaker accuracy  {:.3}  ({} of {} matched)",
        s.speaker_accuracy, c.speaker_correct, c.matched
    );
}

fn render_sections(out: &mut String, sections: &Sections) {
    if let Some(a) = &sections.attribution {
        render_attribution(out, a);
    }
    if let Some(e) = &sections.end_to_end {
        out.push_str("end-to-end stance (gold statement and target pairs)\n");
        out.push_str(&indent(&e.render(None)));
        out.push('\n');
    }
    if let Some(s) = &sections.stance {
        out.push_str("stance (labeled pairs)\n");
        out.push_str(&indent(&s.scores.render(Some(&s.baseline))));
        out.push('\n');
    }
    render_triples(
        out,
        sections.dyads.as_ref(),
        sections.stance_given_gold.as_ref(),
    );
}

fn render_triples(out: &mut String, dyads: Option<&DyadScores>, given: Option<&GivenGoldScores>) {
    if let Some(d) = dyads {
        let c = &d.counts;
        // Writing to a String cannot fail.
        let _ = writeln!(out, "dyads (speaker party -> target: label)");
        let _ = writeln!(
            out,
            "  accuracy                {:.3}  ({} of {} gold triples whole)",
            d.accuracy, c.dyads_correct, c.gold_dyads
        );
        let _ = writeln!(
            out,
            "  speaker party accuracy  {:.3}  ({} of {} matched)",
            d.speaker_party_accuracy, c.speaker_party_correct, c.matched
        );
        let _ = writeln!(
            out,
            "  target recall           {:.3}  precision {:.3}",
            d.target_recall, d.target_precision
        );
    }
    if let Some(g) = given {
        out.push_str("stance given gold statements and targets\n");
        out.push_str(&indent(&g.scores.render(None)));
        let _ = writeln!(
            out,
            "\n  expected calibration error {:.3}",
            g.expected_calibration_error
        );
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
