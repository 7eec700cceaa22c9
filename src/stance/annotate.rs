//! The stance stage: one stance per (statement, target), read from what the earlier
//! stages added to the records (window, target mentions).

use super::data::StanceInput;
use super::model::StanceModel;
use crate::record::{Article, CharIndex, CharSpan, Stance, Statement};
use anyhow::Result;

/// The model inputs of one statement, one per target: the statement's window (whole
/// sentences, so the cue and the attribution are in view, as in the training
/// statements), its speaker, and where the target is named in the window.
pub fn stance_inputs(text: &str, chars: &CharIndex, statement: &Statement) -> Vec<StanceInput> {
    let window = statement
        .window
        .unwrap_or_else(|| fallback_window(statement));
    let window_text = &text[chars.bytes(window).range()];
    let speaker = statement
        .speaker_party
        .clone()
        .or_else(|| Some(statement.speaker.clone()).filter(|s| !s.is_empty()));
    statement
        .targets
        .iter()
        .map(|target| StanceInput {
            text: window_text.to_string(),
            speaker: speaker.clone(),
            target: target.clone(),
            target_spans: statement
                .target_mentions
                .iter()
                .filter(|m| &m.target == target && window.contains(&m.span))
                .map(|m| m.span.relative_to(window.start))
                .collect(),
        })
        .collect()
}

/// The content and the speaker mention, for a statement no attribution stage saw.
fn fallback_window(statement: &Statement) -> CharSpan {
    let window = statement.span();
    statement
        .speaker_mention
        .map_or(window, |m| window.cover(&m))
}

/// Label each (statement, target) of `articles`, batching the model over all of them.
/// With the relevance output and its threshold, a target whose relevance falls below
/// the threshold is no target: it leaves the statement's targets and gets no stance.
pub(crate) fn label_stances(
    model: &StanceModel,
    articles: &mut [Article],
    batch_size: usize,
) -> Result<()> {
    let mut inputs = Vec::new();
    let mut slots = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        if article.statements.iter().all(|s| s.targets.is_empty()) {
            continue;
        }
        let chars = CharIndex::new(&article.text);
        for (s, statement) in article.statements.iter().enumerate() {
            for input in stance_inputs(&article.text, &chars, statement) {
                slots.push((a, s, input.target.clone()));
                inputs.push(input);
            }
        }
    }
    let refs: Vec<&StanceInput> = inputs.iter().collect();
    let scored = model.score(&refs, batch_size)?;
    for ((a, s, target), scored) in slots.into_iter().zip(scored) {
        let statement = &mut articles[a].statements[s];
        if let (Some(relevance), Some(threshold)) = (scored.relevance, model.relevance_threshold)
            && relevance < threshold
        {
            statement.targets.retain(|t| t != &target);
            statement.target_mentions.retain(|m| m.target != target);
            continue;
        }
        let (label, confidence) = scored.probs.argmax();
        statement.stances.push(Stance {
            target,
            label,
            confidence: Some(confidence),
            probs: Some(scored.probs),
        });
    }
    Ok(())
}
