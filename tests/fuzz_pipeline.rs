//! Fuzz harness over ingest, segmentation, attribution and parties: arbitrary bytes as
//! input files, and generated articles (quotes of every kind, any Unicode, huge
//! paragraphs). Checked: no panic, every offset inside the text and on a character
//! boundary, and `content == text[start..end]` in code points.
//!
//! CI runs a bounded number of cases; `STANCEMAP_FUZZ_CASES=20000 cargo test --release
//! --test fuzz_pipeline` runs a longer campaign (see README.md).

use proptest::prelude::*;
use stancemap::ingest::ArticleReader;
use stancemap::pipeline::Pipeline;
use stancemap::record::{CharSpan, slice_chars};
use stancemap::segment::Document;
use std::sync::OnceLock;

fn extractor() -> &'static Pipeline {
    static EXTRACTOR: OnceLock<Pipeline> = OnceLock::new();
    EXTRACTOR.get_or_init(Pipeline::new)
}

/// Cases per property: `STANCEMAP_FUZZ_CASES`, else a number CI runs in seconds.
fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("STANCEMAP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn inside(span: CharSpan, n: usize, what: &str) {
    assert!(
        span.start <= span.end && span.end <= n,
        "{what} {}..{} outside 0..{n}",
        span.start,
        span.end
    );
}

/// Segmentation, attribution and parties over `text`, with every check.
fn check_text(text: &str) {
    let doc = Document::new(text);
    assert_eq!(doc.sentence_of.len(), doc.tokens.len());
    for t in &doc.tokens {
        assert!(t.start < t.end && t.end <= text.len(), "token {t:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    }
    for s in &doc.sentences {
        assert!(s.start <= s.end && s.end <= text.len(), "sentence {s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        // `last` is one past the last token.
        assert!(
            s.first <= s.last && s.last <= doc.tokens.len(),
            "sentence {s:?}"
        );
    }
    let n = text.chars().count();
    for m in extractor().parties().mentions(text) {
        inside(m.span, n, "party mention");
        assert!(
            extractor().parties().party(&m.party).is_some(),
            "unknown party {}",
            m.party
        );
    }
    for s in extractor().statements(text) {
        inside(s.span(), n, "content");
        assert!(s.start < s.end, "empty content at {}", s.start);
        assert_eq!(slice_chars(text, s.span()), s.content);
        if let Some(m) = s.speaker_mention {
            inside(m, n, "speaker mention");
        }
        for [a, b] in &s.parts {
            assert!(s.start <= *a && a < b && *b <= s.end, "part {a}..{b}");
        }
        if let Some(i) = s.sentence {
            assert!(i < doc.sentences.len().max(1), "sentence {i}");
        }
        for p in s.speaker_party.iter().chain(&s.targets) {
            assert!(
                extractor().parties().party(p).is_some(),
                "unknown party {p}"
            );
        }
    }
}

/// Bytes written as a `.jsonl` and a `.txt` file, read back, and every article
/// checked; returns the number of articles read from the `.jsonl`.
fn check_bytes(bytes: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("fuzz.jsonl");
    let txt = dir.path().join("fuzz.txt");
    std::fs::write(&jsonl, bytes).unwrap();
    std::fs::write(&txt, bytes).unwrap();
    let reader = ArticleReader::open(&[jsonl.clone(), txt], true)
        .unwrap()
        .with_max_article_bytes(1 << 22);
    let mut from_jsonl = 0;
    for (origin, article) in reader.flatten() {
        from_jsonl += usize::from(origin.path == jsonl);
        check_text(&article.text);
    }
    from_jsonl
}

/// Every quotation mark the rules know, and some they do not.
const QUOTES: &[&str] = &[
    "\"", "'", "“", "”", "„", "‟", "‘", "’", "‚", "«", "»", "‹", "›", "「", "」", "『", "』", "''",
    "``", "＂",
];

/// Words and marks that exercise the rules: cues, names, parties, pronouns, quotes.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "said", "told", "according to", "added", "accusing", "warned", "that", "he",
            "she", "they", "Peskov", "Dmitry Peskov,", "Kremlin spokesman", "NATO", "Russia",
            "Ukraine's", "the EU", "Beijing", "Mr.", "U.S.", ",", ".", ":", ";", "—", "-",
            "\n", "\n\n", "…", "?", "!",
        ])
        .prop_map(String::from),
        2 => prop::sample::select(QUOTES.to_vec()).prop_map(String::from),
        2 => "[a-zA-Zéüßçøł’'\\-]{1,10}",
        1 => "\\PC{1,4}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// An article: sentences of pieces, with a huge paragraph now and then.
fn article() -> impl Strategy<Value = String> {
    let sentence = prop::collection::vec(piece(), 1..30).prop_map(|p| p.join(" "));
    (prop::collection::vec(sentence, 1..12), 0usize..4).prop_map(|(sentences, huge)| {
        let mut text = sentences.join(" ");
        if huge == 0 {
            // One paragraph of a few thousand words without a line break.
            let paragraph = text.replace('\n', " ");
            text = std::iter::repeat_n(paragraph.as_str(), 40)
                .collect::<Vec<_>>()
                .join(" ");
        }
        text
    })
}

proptest! {
    #![proptest_config(cases(200))]

    #[test]
    fn arbitrary_bytes_through_ingest_and_the_pipeline(
        bytes in prop::collection::vec(any::<u8>(), 0..2000)
    ) {
        check_bytes(&bytes);
    }

    #[test]
    fn json_lines_of_generated_articles(texts in prop::collection::vec(article(), 1..4)) {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        for text in &texts {
            bytes.extend(serde_json::json!({ "text": text }).to_string().into_bytes());
            bytes.push(b'\n');
        }
        // The byte-order mark costs no record.
        let readable = texts.iter().filter(|t| !t.trim().is_empty()).count();
        prop_assert_eq!(check_bytes(&bytes), readable);
    }

    #[test]
    fn generated_articles(text in article()) {
        check_text(&text);
    }

    #[test]
    fn any_unicode(text in "\\PC{0,400}") {
        check_text(&text);
    }
}
