//! The pipeline: segment -> attribute -> parties -> stance, over articles from [`crate::ingest`].
//!
//! Each stage adds to the statements what the next one needs, computed once per article:
//! attribution the speaker mention, cue mention and sentence window; the parties stage
//! the speaker party, targets and where each target is named in the window; the stance
//! stage reads those and adds the stances. `classify`, `eval` and `bench` all run it.

use crate::attribute::tagger::combine::{CombineConfig, backs, combine, vet};
use crate::attribute::tagger::{
    AttributionMode, Tagger, linked_from_tags, linked_statements, records,
};
use crate::attribute::{self, CueLexicon};
use crate::eval::attribution::match_statements;
use crate::eval::stance::party_key;
use crate::ingest::ArticleReader;
use crate::parties::{self, Gazetteer};
use crate::record::{Article, CharIndex, CharSpan, Statement, TargetMention};
use crate::segment::{Document, whole_sentences};
use crate::stance::LabeledPair;
use crate::stance::StanceModel;
use crate::stance::annotate::label_stances;
use crate::stance::annotate::stance_inputs;
use crate::stance::data::TargetCandidate;
use crate::stance::data::{find_mentions, is_pair_file, read_pairs};
use anyhow::Result;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The stages with everything they compile once: cue lexicon and party gazetteer,
/// and the attribution tagger when one is in use.
#[derive(Debug, Clone)]
pub struct Pipeline {
    cues: CueLexicon,
    parties: Gazetteer,
    attribution: Attribution,
}

/// Which stage finds the statements, with the tagger it needs.
#[derive(Clone, Default)]
enum Attribution {
    #[default]
    Rules,
    Tagger(Arc<Tagger>),
    Combined(Arc<Tagger>, CombineConfig),
    /// With the least content and cue support a rule statement needs to stay (the
    /// config's other fields are not read).
    Vetted(Arc<Tagger>, CombineConfig),
}

impl std::fmt::Debug for Attribution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Attribution::Rules => "rules",
            Attribution::Tagger(_) => "tagger",
            Attribution::Combined(..) => "combined",
            Attribution::Vetted(..) => "vetted",
        })
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// A pipeline with the built-in cue lexicon and parties.
    pub fn new() -> Self {
        Pipeline {
            cues: CueLexicon::builtin(),
            parties: builtin_parties(),
            attribution: Attribution::Rules,
        }
    }

    /// A pipeline with the built-in cues and parties plus those of the user's files
    /// (cues one per line; parties in the format of `data/parties.tsv`).
    pub fn with_files(cue_files: &[PathBuf], party_files: &[PathBuf]) -> Result<Self> {
        let mut cues = CueLexicon::builtin();
        for path in cue_files {
            cues.extend_from_file(path)?;
        }
        let mut parties = builtin_parties();
        for path in party_files {
            parties = parties.with_user_file(path)?;
        }
        Ok(Pipeline {
            cues,
            parties,
            attribution: Attribution::Rules,
        })
    }

    /// This pipeline with attribution by `mode`; `tagger` is needed unless it is rules.
    pub fn with_attribution(
        mut self,
        mode: AttributionMode,
        tagger: Option<Tagger>,
        combine: CombineConfig,
    ) -> Result<Self> {
        let need = || anyhow::anyhow!("--attribution {mode:?} needs a tagger model");
        self.attribution = match mode {
            AttributionMode::Rules => Attribution::Rules,
            AttributionMode::Tagger => Attribution::Tagger(Arc::new(tagger.ok_or_else(need)?)),
            AttributionMode::Combined => {
                Attribution::Combined(Arc::new(tagger.ok_or_else(need)?), combine)
            }
            AttributionMode::Vetted => {
                Attribution::Vetted(Arc::new(tagger.ok_or_else(need)?), combine)
            }
        };
        Ok(self)
    }

    /// The cue lexicon in use.
    pub fn cues(&self) -> &CueLexicon {
        &self.cues
    }

    /// The party gazetteer in use.
    pub fn parties(&self) -> &Gazetteer {
        &self.parties
    }

    /// The stages before stance with the rules' attribution (whatever the pipeline's
    /// mode): the attributed statements of `text`, sorted by content start, with each
    /// speaker's party, the parties each statement concerns and where they are named.
    pub fn statements(&self, text: &str) -> Vec<Statement> {
        self.dated_statements(text, None)
    }

    /// As [`Pipeline::statements`] for an article published on `date` (`YYYY-MM-DD`;
    /// anything else counts as unknown): the date decides which office a known person
    /// holds (`data/leaders.tsv`).
    pub fn dated_statements(&self, text: &str, date: Option<&str>) -> Vec<Statement> {
        let mut statements = attribute::extract(text, &self.cues);
        let date = date.and_then(parties::Day::parse);
        parties::assign_parties(&self.parties, text, date, &mut statements);
        statements
    }

    /// The stages before stance with the pipeline's attribution (rules, tagger or
    /// both; see [`AttributionMode`]) for an article published on `date` where known;
    /// an error only where the tagger fails.
    pub fn attribute(&self, text: &str, date: Option<&str>) -> Result<Vec<Statement>> {
        let mut statements = match &self.attribution {
            Attribution::Rules => attribute::extract(text, &self.cues),
            Attribution::Tagger(tagger) => {
                records(text, &self.cues, &linked_statements(tagger, text)?)
            }
            Attribution::Combined(tagger, cfg) => {
                // The tags also vet the rules and back their speakers below.
                let tags = tagger.tag(text)?;
                let linked = linked_from_tags(text, &tags);
                let confidence: Vec<f32> = linked.iter().map(|l| l.confidence).collect();
                let tagged = records(text, &self.cues, &linked);
                let rules = vet(attribute::extract(text, &self.cues), |s| {
                    backs(&tags, s, cfg)
                });
                combine(rules, tagged, &confidence, *cfg, |span| {
                    tags.source_support(span)
                })
            }
            Attribution::Vetted(tagger, cfg) => {
                let rules = attribute::extract(text, &self.cues);
                // The windows holding each content and each cue.
                let spans: Vec<CharSpan> = rules
                    .iter()
                    .flat_map(|s| std::iter::once(s.span()).chain(s.cue_mention))
                    .collect();
                let tags = tagger.tag_covering(text, &spans)?;
                vet(rules, |s| backs(&tags, s, cfg))
            }
        };
        let date = date.and_then(parties::Day::parse);
        parties::assign_parties(&self.parties, text, date, &mut statements);
        Ok(statements)
    }

    /// The whole pipeline over `articles`: their statements (replacing any they had) and
    /// the stance toward each target, batching the model over all the articles.
    pub fn classify(
        &self,
        model: &StanceModel,
        articles: &mut [Article],
        batch_size: usize,
    ) -> Result<()> {
        for article in articles.iter_mut() {
            article.statements = self.attribute(&article.text, article.date.as_deref())?;
        }
        label_stances(model, articles, batch_size)
    }
}

impl Pipeline {
    /// The gold statements of `article` as the stance stage would receive them from the
    /// earlier stages: the speaker mention (the first gold speaker span), the sentence
    /// window, the gold targets and where they are named in the window (the gold stances
    /// stay, so their labels can be read beside the inputs). This is how
    /// `eval` scores the model given gold statements and targets, and how `train` learns
    /// from annotated articles, so both read what `classify` reads.
    pub fn gold_statements(&self, article: &Article) -> Vec<Statement> {
        self.placed_gold_statements(article)
            .into_iter()
            .map(|(_, statement)| statement)
            .collect()
    }

    /// [`Pipeline::gold_statements`], each with its 0-based place in the article's
    /// `statements` (a gold statement whose span lies outside the text is left out).
    fn placed_gold_statements(&self, article: &Article) -> Vec<(usize, Statement)> {
        let text = article.text.as_str();
        let chars = CharIndex::new(text);
        let doc = Document::new(text);
        let date = article.date.as_deref().and_then(parties::Day::parse);
        let parties = parties::ArticleParties::new(&self.parties, text, date);
        let text_len = chars.char_of(text.len());
        article
            .statements
            .iter()
            .enumerate()
            // Gold files come from users: a span past the text is read as no statement.
            .filter(|(_, g)| g.start < g.end && g.end <= text_len)
            .map(|(place, gold)| {
                let mut statement = gold.clone();
                statement.speaker_mention = gold
                    .speaker_spans
                    .first()
                    .filter(|&&[s, e]| s < e && e <= text_len)
                    .map(|&[s, e]| CharSpan::new(s, e));
                let span = statement.span();
                let span = statement.speaker_mention.map_or(span, |m| span.cover(&m));
                let window = chars.chars(whole_sentences(&doc.sentences, chars.bytes(span)));
                statement.window = Some(window);
                statement.targets = gold.stances.iter().map(|s| s.target.clone()).collect();
                statement.target_mentions = parties.target_mentions(&statement);
                add_literal_mentions(text, &chars, &mut statement);
                (place, statement)
            })
            .collect()
    }
}

impl Pipeline {
    /// The labeled (statement, target) pairs of a gold article, as model inputs: each gold
    /// stance read the way `classify` reads a statement (see [`Pipeline::gold_statements`]).
    /// A pair's id is `ARTICLE#N:TARGET`, N the statement's 0-based place in the article's
    /// `statements` (a statement whose span lies outside the text gives no pairs).
    pub fn gold_pairs(&self, article: &Article) -> Vec<LabeledPair> {
        let chars = CharIndex::new(&article.text);
        let mut pairs = Vec::new();
        for (n, statement) in &self.placed_gold_statements(article) {
            for input in stance_inputs(&article.text, &chars, statement) {
                let Some(stance) = statement.stances.iter().find(|s| s.target == input.target)
                else {
                    continue;
                };
                pairs.push(LabeledPair {
                    id: format!("{}#{n}:{}", article.id, input.target),
                    label: stance.label,
                    input,
                });
            }
        }
        pairs
    }

    /// The labeled pairs of a pair file (`*.pairs.jsonl`), or of gold articles (an
    /// article file or a folder of them), for training and scoring.
    pub fn read_labeled(&self, path: &Path) -> Result<Vec<LabeledPair>> {
        if path.is_file() && is_pair_file(path) {
            return read_pairs(path, &self.parties);
        }
        let mut pairs = Vec::new();
        for item in ArticleReader::open(&[path.to_path_buf()], true)? {
            match item {
                Ok((_, article)) => pairs.extend(self.gold_pairs(&article)),
                Err(skip) => eprintln!("warning: {skip}"),
            }
        }
        Ok(pairs)
    }
}

impl Pipeline {
    /// The targets the stages before stance offer for the statements of a gold article
    /// that match a gold statement (as `eval` matches them), each marked whether the gold
    /// statement lists it, as the stance stage reads them; and how many gold targets of
    /// those statements were not offered. What the relevance output learns from and its
    /// threshold is chosen on.
    pub fn target_candidates(&self, article: &Article) -> Result<(Vec<TargetCandidate>, usize)> {
        let predicted = self.attribute(&article.text, article.date.as_deref())?;
        let chars = CharIndex::new(&article.text);
        let mut candidates = Vec::new();
        let mut missed = 0;
        for (g, p) in match_statements(&article.statements, &predicted) {
            let gold: HashSet<String> = article.statements[g]
                .stances
                .iter()
                .map(|s| party_key(&s.target))
                .collect();
            let offered: HashSet<String> =
                predicted[p].targets.iter().map(|t| party_key(t)).collect();
            missed += gold.difference(&offered).count();
            for input in stance_inputs(&article.text, &chars, &predicted[p]) {
                candidates.push(TargetCandidate {
                    id: format!("{}#{p}:{}", article.id, input.target),
                    is_target: gold.contains(&party_key(&input.target)),
                    input,
                });
            }
        }
        Ok((candidates, missed))
    }

    /// [`Pipeline::target_candidates`] of every gold article under `path` (a file or a
    /// folder), with the gold targets not offered.
    pub fn read_target_candidates(&self, path: &Path) -> Result<(Vec<TargetCandidate>, usize)> {
        let mut all = Vec::new();
        let mut missed = 0;
        for item in ArticleReader::open(&[path.to_path_buf()], true)? {
            match item {
                Ok((_, article)) => {
                    let (candidates, m) = self.target_candidates(&article)?;
                    all.extend(candidates);
                    missed += m;
                }
                Err(skip) => eprintln!("warning: {skip}"),
            }
        }
        Ok((all, missed))
    }
}

impl Pipeline {
    /// Each file of [`Pipeline::read_labeled`] as its own set, refusing one without
    /// labeled pairs (a dev set must not silently score nothing).
    pub fn read_labeled_sets(&self, paths: &[PathBuf]) -> Result<Vec<Vec<LabeledPair>>> {
        paths
            .iter()
            .map(|path| {
                let pairs = self.read_labeled(path)?;
                anyhow::ensure!(!pairs.is_empty(), "{}: no labeled pairs", path.display());
                Ok(pairs)
            })
            .collect()
    }
}

/// Targets the gazetteer does not know (a group an annotator named) are pooled where
/// their name is written in the window, as pair files are.
fn add_literal_mentions(text: &str, chars: &CharIndex, statement: &mut Statement) {
    let Some(window) = statement.window else {
        return;
    };
    let window_text = &text[chars.bytes(window).range()];
    for target in &statement.targets {
        if statement
            .target_mentions
            .iter()
            .any(|m| &m.target == target)
        {
            continue;
        }
        for span in find_mentions(window_text, target) {
            statement.target_mentions.push(TargetMention {
                target: target.clone(),
                span: CharSpan::new(window.start + span.start, window.start + span.end),
            });
        }
    }
}

/// The shipped party list; `data/parties.tsv` is embedded and checked by the tests.
fn builtin_parties() -> Gazetteer {
    Gazetteer::builtin().expect("the embedded data/parties.tsv and data/leaders.tsv are valid")
}
