//! The pipeline: segment -> attribute -> parties -> stance, over articles from [`crate::ingest`].
//!
//! Each stage adds to the statements what the next one needs, computed once per article:
//! attribution the speaker mention, cue mention and sentence window; the parties stage
//! the speaker party, targets and where each target is named in the window; the stance
//! stage reads those and adds the stances. `classify`, `eval` and `bench` all run it.

use crate::attribute::{self, CueLexicon};
use crate::parties::{self, Gazetteer};
use crate::record::{Article, Statement};
use crate::stance::StanceModel;
use crate::stance::annotate::label_stances;
use anyhow::Result;
use std::path::PathBuf;

/// The stages with everything they compile once: cue lexicon and party gazetteer.
#[derive(Debug, Clone)]
pub struct Pipeline {
    cues: CueLexicon,
    parties: Gazetteer,
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
        Ok(Pipeline { cues, parties })
    }

    /// The cue lexicon in use.
    pub fn cues(&self) -> &CueLexicon {
        &self.cues
    }

    /// The party gazetteer in use.
    pub fn parties(&self) -> &Gazetteer {
        &self.parties
    }

    /// The stages before stance: the attributed statements of `text`, sorted by content
    /// start, with each speaker's party, the parties each statement concerns and where
    /// they are named.
    pub fn statements(&self, text: &str) -> Vec<Statement> {
        let mut statements = attribute::extract(text, &self.cues);
        parties::assign_parties(&self.parties, text, &mut statements);
        statements
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
            article.statements = self.statements(&article.text);
        }
        label_stances(model, articles, batch_size)
    }
}

/// The shipped party list; `data/parties.tsv` is embedded and checked by the tests.
fn builtin_parties() -> Gazetteer {
    Gazetteer::builtin().expect("the embedded data/parties.tsv and data/leaders.tsv are valid")
}
