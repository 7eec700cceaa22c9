//! `vetted` runs the tagger only on the windows that hold a rule statement's content:
//! the support it reads there is the support the whole-article tagging gives.

mod common;

use stancemap::attribute::tagger::load_tagger;
use stancemap::encoder::{Backend, Encoder, ModelFiles, ModelSource};
use stancemap::record::CharSpan;

#[test]
fn tagging_only_the_covering_windows_keeps_each_contents_support() {
    let files = ModelFiles {
        dir: common::model_dir(),
        source: ModelSource::Flag,
    };
    let base = Encoder::load(&files, Backend::Candle).expect("base encoder");
    let tagger = load_tagger(
        &common::repo_root().join("models/tagger"),
        base,
        Backend::Candle,
    )
    .expect("committed tagger");
    let gold =
        std::fs::read_to_string(common::shared_dir().join("examples/nato-summit.gold.jsonl"))
            .expect("NATO example");
    let article: serde_json::Value = serde_json::from_str(gold.lines().next().unwrap()).unwrap();
    // A long article: the NATO text, then a paragraph far away that holds no statement.
    let filler = " The weather in the city stayed mild, and the trains ran on time.".repeat(40);
    let text = format!("{}\n\n{}", article["text"].as_str().unwrap(), filler.trim());
    let rules =
        stancemap::attribute::extract(&text, &stancemap::attribute::cues::CueLexicon::builtin());
    assert!(rules.len() >= 10, "{rules:#?}");
    let contents: Vec<CharSpan> = rules.iter().map(|s| s.span()).collect();

    let whole = tagger.tag(&text).unwrap();
    let covering = tagger.tag_covering(&text, &contents).unwrap();
    for span in &contents {
        let (a, b) = (
            whole.content_support(*span),
            covering.content_support(*span),
        );
        assert!((a - b).abs() < 1e-4, "{span:?}: {a} against {b}");
    }
    // The filler was not run: nothing there is content.
    let chars = text.chars().count();
    let far = CharSpan::new(chars - 200, chars);
    assert_eq!(covering.content_support(far), 0.0);
}
