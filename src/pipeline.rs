//! The whole extraction pipeline over one article's text.

use crate::attribute::{self, CueLexicon};
use crate::record::Statement;

/// Turns article text into attributed statements; holds everything compiled once.
#[derive(Debug, Clone)]
pub struct Extractor {
    cues: CueLexicon,
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
        }
    }

    /// An extractor with the given cue lexicon.
    pub fn with_cues(cues: CueLexicon) -> Self {
        Extractor { cues }
    }

    /// The cue lexicon in use.
    pub fn cues(&self) -> &CueLexicon {
        &self.cues
    }

    /// The attributed statements of `text`, sorted by content start.
    pub fn statements(&self, text: &str) -> Vec<Statement> {
        attribute::extract(text, &self.cues)
    }
}

impl Extractor {
    /// An extractor with the built-in cues plus the cues of each file.
    pub fn with_cue_files(paths: &[std::path::PathBuf]) -> anyhow::Result<Self> {
        let mut cues = CueLexicon::builtin();
        for path in paths {
            cues.extend_from_file(path)?;
        }
        Ok(Extractor { cues })
    }
}
