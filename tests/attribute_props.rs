//! Property tests: random text, random quote marks and truncated articles never panic
//! and always give offsets inside the text.

use proptest::prelude::*;
use stancemap::pipeline::Pipeline;
use stancemap::record::slice_chars;
use std::sync::OnceLock;

fn extractor() -> &'static Pipeline {
    static EXTRACTOR: OnceLock<Pipeline> = OnceLock::new();
    EXTRACTOR.get_or_init(Pipeline::new)
}

/// The canonical example article (read once).
fn nato_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/examples/nato-summit.txt"
        );
        std::fs::read_to_string(path).expect("../shared/examples/nato-summit.txt")
    })
}

/// Check every statement of `text` against the text.
fn check(text: &str) {
    let n = text.chars().count();
    for s in extractor().statements(text) {
        assert!(
            s.start < s.end && s.end <= n,
            "span {}..{} outside 0..{n}",
            s.start,
            s.end
        );
        assert_eq!(slice_chars(text, s.span()), s.content);
        let m = s.speaker_mention.expect("a speaker mention");
        assert!(
            m.start < m.end && m.end <= n,
            "mention {m:?} outside 0..{n}"
        );
        assert!(s.sentence.is_some());
        for [a, b] in &s.parts {
            assert!(
                s.start <= *a && a < b && *b <= s.end,
                "part {a}..{b} outside the content"
            );
        }
    }
}

/// Words and marks that exercise the rules: cues, names, pronouns, every quote style.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("said".to_string()),
        Just("according to".to_string()),
        Just("Peskov".to_string()),
        Just("Dmitry Peskov,".to_string()),
        Just("he".to_string()),
        Just("that".to_string()),
        Just("accusing".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("''".to_string()),
        Just("«".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just(":".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        "[a-zA-Zéü’'\\-]{1,8}",
        "\\PC{1,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn random_words_and_quote_marks(pieces in proptest::collection::vec(piece(), 0..80)) {
        check(&pieces.join(" "));
        check(&pieces.concat());
    }

    #[test]
    fn truncated_article_keeps_offsets_inside(cut in 0usize..2600) {
        let text = nato_text();
        let truncated: String = text.chars().take(cut).collect();
        check(&truncated);
    }
}

#[test]
fn empty_and_blank_texts_give_nothing() {
    for text in ["", " ", "\n\n", "\"", "“”", "'' ''", ",", "said"] {
        assert!(extractor().statements(text).is_empty(), "{text:?}");
    }
}
