//! `CharIndex` (stored compactly, by blocks of chars) converts offsets exactly as a
//! table of every char's byte offset would, for any text.

use proptest::prelude::*;
use stancemap::record::CharIndex;

/// Byte offset of every char, then the text length: the plain table.
fn starts(text: &str) -> Vec<usize> {
    let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    starts.push(text.len());
    starts
}

fn check(text: &str) {
    let index = CharIndex::new(text);
    let starts = starts(text);
    for byte in 0..=text.len() + 2 {
        let expected = starts.partition_point(|&b| b < byte);
        assert_eq!(index.char_of(byte), expected, "char_of({byte}) in {text:?}");
    }
    for ch in 0..starts.len() + 2 {
        let expected = starts[ch.min(starts.len() - 1)];
        assert_eq!(index.byte_of(ch), expected, "byte_of({ch}) in {text:?}");
    }
}

#[test]
fn edges_of_blocks() {
    check("");
    check("a");
    // Blocks of 4-byte chars are the widest; 31, 32, 33 and 64 chars cross block edges.
    for n in [31, 32, 33, 63, 64, 65] {
        check(&"𝄞".repeat(n));
        check(&"a".repeat(n));
        check(&"é“".repeat(n));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn matches_the_plain_table(text in "[a-z é“”𝄞—\n]{0,300}") {
        check(&text);
    }
}
