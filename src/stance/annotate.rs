//! Applying the stance model to extracted statements: one stance per (statement, target).

use super::data::StanceInput;
use super::model::StanceModel;
use crate::parties::{Gazetteer, PartyMention};
use crate::pipeline::Extractor;
use crate::record::{Article, Span, Stance, Statement, slice_chars};
use crate::segment::Document;
use anyhow::Result;

/// What the model needs to know about an article once: its sentences and the
/// parties it names, in code points.
pub struct ArticleContext {
    sentences: Vec<Span>,
    mentions: Vec<PartyMention>,
}

impl ArticleContext {
    /// Segment `text` and find its party mentions (ambiguous names are resolved
    /// against the whole article, which a statement alone often cannot do).
    pub fn new(gazetteer: &Gazetteer, text: &str) -> Self {
        let byte_starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let to_char = |byte: usize| byte_starts.partition_point(|&b| b < byte);
        let doc = Document::new(text);
        let sentences = doc
            .sentences
            .iter()
            .map(|s| Span::new(to_char(s.start), to_char(s.end)))
            .collect();
        ArticleContext {
            sentences,
            mentions: gazetteer.mentions(text),
        }
    }

    /// The span the model reads for a statement: the whole sentences holding its
    /// content and its speaker mention, so the cue and the attribution are in view,
    /// as in the training statements.
    pub fn window(&self, statement: &Statement, text_len: usize) -> Span {
        let mut start = statement.start;
        let mut end = statement.end;
        if let Some(m) = statement.speaker_mention {
            start = start.min(m.start);
            end = end.max(m.end);
        }
        for s in &self.sentences {
            if s.start <= start && start < s.end {
                start = s.start;
            }
            if s.start < end && end <= s.end {
                end = s.end;
            }
        }
        Span::new(start.min(text_len), end.min(text_len))
    }

    /// The model input for one target of a statement in `text`.
    pub fn stance_input(&self, text: &str, statement: &Statement, target: &str) -> StanceInput {
        let window = self.window(statement, text.chars().count());
        let target_spans = self
            .mentions
            .iter()
            .filter(|m| {
                m.party == target && m.span.start >= window.start && m.span.end <= window.end
            })
            .map(|m| Span::new(m.span.start - window.start, m.span.end - window.start))
            .collect();
        let speaker = statement
            .speaker_party
            .clone()
            .or_else(|| Some(statement.speaker.clone()).filter(|s| !s.is_empty()));
        StanceInput {
            text: slice_chars(text, window).to_string(),
            speaker,
            target: target.to_string(),
            target_spans,
        }
    }
}

/// Extract the statements of every article and label each (statement, target),
/// batching the model over all the articles given.
pub fn classify_articles(
    extractor: &Extractor,
    model: &StanceModel,
    articles: &mut [Article],
    batch_size: usize,
) -> Result<()> {
    for article in articles.iter_mut() {
        article.statements = extractor.statements(&article.text);
    }
    let mut inputs = Vec::new();
    let mut slots = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        if article.statements.iter().all(|s| s.targets.is_empty()) {
            continue;
        }
        let context = ArticleContext::new(extractor.parties(), &article.text);
        for (s, statement) in article.statements.iter().enumerate() {
            for target in &statement.targets {
                inputs.push(context.stance_input(&article.text, statement, target));
                slots.push((a, s, target.clone()));
            }
        }
    }
    let refs: Vec<&StanceInput> = inputs.iter().collect();
    let probs = model.predict(&refs, batch_size)?;
    for ((a, s, target), probs) in slots.into_iter().zip(probs) {
        let (label, confidence) = probs.argmax();
        articles[a].statements[s].stances.push(Stance {
            target,
            label,
            confidence: Some(confidence),
            probs: Some(probs),
        });
    }
    Ok(())
}
