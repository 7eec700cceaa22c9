//! The pipeline's stages hand each other what they found, in code points: the parties
//! stage reads the cue attribution found (its object), the stance stage reads the
//! window and the target mentions, and a user party file reaches the stance inputs.

mod common;

use stancemap::encoder::{Backend, Encoder, ModelFiles, ModelSource};
use stancemap::parties::Gazetteer;
use stancemap::pipeline::Pipeline;
use stancemap::record::{CharIndex, slice_chars};
use stancemap::stance::InputMode;
use stancemap::stance::annotate::stance_inputs;
use stancemap::stance::data::StanceInput;
use stancemap::stance::inputs::{plan_sequences, target_weights, tokenize_sequences};

fn encoder() -> Encoder {
    let files = ModelFiles {
        dir: common::model_dir(),
        source: ModelSource::Flag,
    };
    Encoder::load(&files, Backend::Candle)
        .expect("base encoder missing: run `stancemap model fetch`")
}

/// The statement tokens the stance model pools for the target of `input`, as text.
fn pooled_tokens(encoder: &Encoder, input: &StanceInput, mode: InputMode) -> Vec<String> {
    let plan = plan_sequences(&[input], mode);
    let batch = tokenize_sequences(encoder, &plan.sequences).expect("tokenize");
    let encoding = &batch.encodings[0];
    let weights = target_weights(encoding, input, mode, encoding.len());
    encoding
        .get_tokens()
        .iter()
        .zip(&weights)
        .filter(|(_, w)| **w > 0.0)
        .map(|(t, _)| t.clone())
        .collect()
}

/// Curly quotes are three bytes and one code point: before the target they shifted the
/// pooled tokens when the tokenizer's byte offsets met code-point target spans.
#[test]
fn curly_quotes_before_the_target_pool_the_targets_tokens() {
    let encoder = encoder();
    let parties = Gazetteer::builtin().expect("built-in gazetteer");
    let text =
        "“We will not be intimidated,” the minister said, “and we will answer Russia’s threats.”";
    for mode in [InputMode::Pair, InputMode::Statement, InputMode::Marked] {
        let input = StanceInput::new(
            text.to_string(),
            Some("Poland".into()),
            "Russia".into(),
            &parties,
        );
        assert_eq!(input.target_spans.len(), 1, "{input:?}");
        assert_eq!(slice_chars(text, input.target_spans[0]), "Russia");
        // Marked mode pools the mention with the marks around it.
        let expected = match mode {
            InputMode::Marked => vec!["<", "russia", ">"],
            _ => vec!["russia"],
        };
        assert_eq!(pooled_tokens(&encoder, &input, mode), expected, "{mode:?}");
    }
}

/// A speaker name with non-ASCII letters comes before the target in the first text of
/// pair mode; with no mention in the statement the target's name there is pooled.
#[test]
fn pair_mode_falls_back_to_the_target_name_after_a_non_ascii_speaker() {
    let encoder = encoder();
    let parties = Gazetteer::builtin().expect("built-in gazetteer");
    let input = StanceInput::new(
        "“They lied to us again,” she said.".to_string(),
        Some("Зеленський".into()),
        "Russia".into(),
        &parties,
    );
    assert!(input.target_spans.is_empty());
    assert_eq!(
        pooled_tokens(&encoder, &input, InputMode::Pair),
        vec!["russia"]
    );
}

#[test]
fn the_object_of_the_cue_is_a_target() {
    let text = "Stoltenberg warned Moscow: \"We will defend every inch.\"";
    let statements = Pipeline::new().statements(text);
    assert_eq!(statements.len(), 1);
    let s = &statements[0];
    assert_eq!(s.cue_mention.map(|c| slice_chars(text, c)), Some("warned"));
    assert!(!s.content.contains("Moscow"), "{s:?}");
    assert_eq!(s.targets, vec!["Russia"]);
}

#[test]
fn stance_inputs_read_the_window_and_target_mentions_of_the_records() {
    let text = "Talks resumed on Monday. “We will not accept this,” said the Polish president, \
                adding that NATO had to respond to Russia’s moves. Markets were calm.";
    let statements = Pipeline::new().statements(text);
    let s = statements
        .iter()
        .find(|s| s.targets.iter().any(|t| t == "Russia"))
        .expect("a statement about Russia");
    let window = s.window.expect("attribution adds the window");
    let window_text = slice_chars(text, window);
    assert!(window_text.starts_with("“We will"), "{window_text}");
    assert!(window_text.ends_with("moves."), "{window_text}");
    let inputs = stance_inputs(text, &CharIndex::new(text), s);
    assert_eq!(inputs.len(), s.targets.len());
    for input in &inputs {
        assert_eq!(input.text, window_text);
        assert!(!input.target_spans.is_empty(), "{input:?}");
        for span in &input.target_spans {
            let named = slice_chars(&input.text, *span);
            assert!(
                Gazetteer::builtin()
                    .expect("gazetteer")
                    .mentions(named)
                    .iter()
                    .any(|m| m.party == input.target),
                "{named} names {}",
                input.target
            );
        }
    }
}

#[test]
fn a_user_party_file_reaches_the_stance_inputs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("parties.tsv");
    std::fs::write(
        &file,
        "Azov Brigade\tarmed group\tAzov Regiment|Azov fighters\n",
    )
    .expect("write");
    let pipeline = Pipeline::with_files(&[], std::slice::from_ref(&file)).expect("pipeline");
    let text = "“The Azov fighters will be tried,” the Russian defence ministry said.";
    let statements = pipeline.statements(text);
    let s = &statements[0];
    assert!(s.targets.iter().any(|t| t == "Azov Brigade"), "{s:?}");
    let inputs = stance_inputs(text, &CharIndex::new(text), s);
    let azov = inputs
        .iter()
        .find(|i| i.target == "Azov Brigade")
        .expect("input");
    let spans: Vec<&str> = azov
        .target_spans
        .iter()
        .map(|sp| slice_chars(&azov.text, *sp))
        .collect();
    assert_eq!(spans, vec!["Azov fighters"]);
    let pair = StanceInput::new(text.into(), None, "Azov Brigade".into(), pipeline.parties());
    assert_eq!(pair.target_spans.len(), 1);
}
