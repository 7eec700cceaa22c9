//! Applying the stance model to extracted statements: one stance per (statement, target).

use super::data::StanceInput;
use super::model::StanceModel;
use crate::parties::Gazetteer;
use crate::pipeline::Extractor;
use crate::record::{Article, Span, Stance, Statement, slice_chars};
use anyhow::Result;

/// The span the model reads for a statement: its content and its speaker mention
/// (so the attribution and cue are in view), clamped to the text.
pub fn statement_window(statement: &Statement, text_len: usize) -> Span {
    let mut start = statement.start;
    let mut end = statement.end;
    if let Some(m) = statement.speaker_mention {
        start = start.min(m.start);
        end = end.max(m.end);
    }
    Span::new(start.min(text_len), end.min(text_len))
}

/// The model input for one target of a statement in `text`.
pub fn stance_input(
    gazetteer: &Gazetteer,
    text: &str,
    statement: &Statement,
    target: &str,
) -> StanceInput {
    let window = statement_window(statement, text.chars().count());
    let window_text = slice_chars(text, window).to_string();
    let target_spans = gazetteer
        .mentions(&window_text)
        .into_iter()
        .filter(|m| m.party == target)
        .map(|m| m.span)
        .collect();
    let speaker = statement
        .speaker_party
        .clone()
        .or_else(|| Some(statement.speaker.clone()).filter(|s| !s.is_empty()));
    StanceInput {
        text: window_text,
        speaker,
        target: target.to_string(),
        target_spans,
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
        for (s, statement) in article.statements.iter().enumerate() {
            for target in &statement.targets {
                inputs.push(stance_input(
                    extractor.parties(),
                    &article.text,
                    statement,
                    target,
                ));
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
