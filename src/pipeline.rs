//! The whole extraction pipeline over one article's text.

use crate::attribute::{self, CueLexicon};
use crate::parties::{self, Gazetteer};
use crate::record::Statement;

/// Turns article text into attributed statements; holds everything compiled once.
#[derive(Debug, Clone)]
pub struct Extractor {
    cues: CueLexicon,
    parties: Gazetteer,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the built-in cue lexicon.
    pub fn new() -> Self {
        Extractor {
            cues: CueLexicon::builtin(),
            parties: builtin_parties(),
        }
    }

    /// An extractor with the given cue lexicon.
    pub fn with_cues(cues: CueLexicon) -> Self {
        Extractor {
            cues,
            parties: builtin_parties(),
        }
    }

    /// The cue lexicon in use.
    pub fn cues(&self) -> &CueLexicon {
        &self.cues
    }

    /// The party gazetteer in use.
    pub fn parties(&self) -> &Gazetteer {
        &self.parties
    }

    /// The attributed statements of `text`, sorted by content start, with each
    /// speaker's party and the parties each statement concerns.
    pub fn statements(&self, text: &str) -> Vec<Statement> {
        let mut statements = attribute::extract(text, &self.cues);
        parties::assign_parties(&self.parties, text, &mut statements);
        statements
    }

    /// This extractor with the parties of each user file added (format of `data/parties.tsv`).
    pub fn with_party_files(mut self, paths: &[std::path::PathBuf]) -> anyhow::Result<Self> {
        for path in paths {
            self.parties = self.parties.with_user_file(path)?;
        }
        Ok(self)
    }
}

impl Extractor {
    /// An extractor with the built-in cues plus the cues of each file.
    pub fn with_cue_files(paths: &[std::path::PathBuf]) -> anyhow::Result<Self> {
        let mut cues = CueLexicon::builtin();
        for path in paths {
            cues.extend_from_file(path)?;
        }
        Ok(Extractor {
            cues,
            parties: builtin_parties(),
        })
    }
}

/// The shipped party list; `data/parties.tsv` is embedded and checked by the tests.
fn builtin_parties() -> Gazetteer {
    Gazetteer::builtin().expect("the embedded data/parties.tsv and data/leaders.tsv are valid")
}
