//! The learned attribution tagger: a token tagger on the encoder's top layers marks
//! content, cue and source spans over overlapping windows ([`windows`], [`tags`]); a
//! decoder links them into statements ([`decode`]); the rules resolve each source to
//! the full name ([`crate::attribute::resolve_speakers`]); [`combine`] merges the
//! tagger's statements with the rules' ones.

pub mod average;
pub mod cache;
pub mod combine;
pub mod decode;
pub mod model;
pub mod tags;
pub mod train;
pub mod windows;

pub use model::{Tagger, load_tagger, locate_and_load_tagger};

use crate::attribute::{CueLexicon, resolve_speakers};
use crate::record::{CharIndex, Statement};
use crate::segment::Document;
use anyhow::Result;
use decode::{Linked, Tagged, link, to_statement};
use model::ArticleTags;
use tags::{Layer, spans_of};

/// Which stage finds the statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionMode {
    /// The hand-written rules alone (no model needed).
    #[default]
    Rules,
    /// The learned tagger alone (speakers still resolved by the rules' resolver).
    Tagger,
    /// The rules' statements the tagger backs (see `Vetted`), a rule speaker that is no
    /// name handed to the tagger's, and the tagger's confident statements where the
    /// rules found none (see [`combine::CombineConfig`]).
    Combined,
    /// The rules' statements (spans and speakers) whose content the tagger also tags
    /// as content with probability at least `CombineConfig::min_support`
    /// (`--tagger-min-support`, default `combine::VET_MIN_SUPPORT`); it adds none.
    Vetted,
}

/// The spans of each layer read off an article's tags.
pub fn tagged_spans(tags: &ArticleTags) -> Tagged {
    Tagged {
        contents: spans_of(&tags.pieces, &tags.probs, Layer::Content),
        cues: spans_of(&tags.pieces, &tags.probs, Layer::Cue),
        sources: spans_of(&tags.pieces, &tags.probs, Layer::Source),
    }
}

/// Records of linked statements, each source resolved to a full name by the rules.
pub fn records(text: &str, cues: &CueLexicon, linked: &[Linked]) -> Vec<Statement> {
    let doc = Document::new(text);
    let chars = CharIndex::new(text);
    let with_source: Vec<usize> = (0..linked.len())
        .filter(|&i| linked[i].source.is_some())
        .collect();
    let mentions: Vec<_> = with_source
        .iter()
        .filter_map(|&i| linked[i].source)
        .collect();
    let mut names = vec![String::new(); linked.len()];
    for (&i, name) in with_source
        .iter()
        .zip(resolve_speakers(text, cues, &mentions))
    {
        names[i] = name;
    }
    linked
        .iter()
        .zip(names)
        .map(|(l, name)| to_statement(&doc, &chars, l, name))
        .collect()
}

/// The linked statements of `text` read off its tags.
pub fn linked_from_tags(text: &str, tags: &ArticleTags) -> Vec<Linked> {
    link(text, &tagged_spans(tags))
}

/// The tagger's linked statements of `text`.
pub fn linked_statements(tagger: &Tagger, text: &str) -> Result<Vec<Linked>> {
    Ok(linked_from_tags(text, &tagger.tag(text)?))
}
