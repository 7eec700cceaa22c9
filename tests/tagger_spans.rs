//! Reading spans off the tagger's per-piece probabilities: an unsure piece inside a
//! content keeps the content whole, a sure `B` starts a new span, and two unsure
//! pieces in a row end it.

use stancemap::attribute::tagger::tags::{LOGITS, Layer, spans_of};
use stancemap::attribute::tagger::windows::Pieces;
use stancemap::record::CharSpan;

/// Pieces of two code points each, one space apart.
fn pieces(n: usize) -> Pieces {
    Pieces {
        ids: vec![0; n],
        spans: (0..n).map(|k| CharSpan::new(3 * k, 3 * k + 2)).collect(),
    }
}

/// Probabilities with the content layer's (O, B, I) as given and the other layers O.
fn probs(content: &[(f32, f32, f32)]) -> Vec<[f32; LOGITS]> {
    content
        .iter()
        .map(|&(o, b, i)| [o, b, i, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0])
        .collect()
}

fn content_spans(content: &[(f32, f32, f32)]) -> Vec<(usize, usize)> {
    spans_of(&pieces(content.len()), &probs(content), Layer::Content)
        .iter()
        .map(|s| (s.first, s.last))
        .collect()
}

#[test]
fn an_unsure_piece_between_content_pieces_keeps_the_content_whole() {
    // `they don ' t have`: the apostrophe leans to O (0.56) but is 0.43 in a span.
    let tags = [
        (0.25, 0.46, 0.29),
        (0.19, 0.0, 0.81),
        (0.56, 0.0, 0.44),
        (0.19, 0.0, 0.81),
        (0.18, 0.0, 0.82),
        (0.95, 0.0, 0.05),
    ];
    assert_eq!(content_spans(&tags), vec![(0, 5)]);
    // A piece that is surely outside still cuts the span.
    let mut cut = tags;
    cut[2] = (0.9, 0.0, 0.1);
    assert_eq!(content_spans(&cut), vec![(0, 2), (3, 5)]);
}

#[test]
fn in_span_probability_counts_b_and_i_together() {
    // Neither B nor I beats O alone, but together they do: the piece is content.
    let tags = [(0.4, 0.35, 0.25), (0.3, 0.0, 0.7), (0.9, 0.05, 0.05)];
    assert_eq!(content_spans(&tags), vec![(0, 2)]);
    let spans = spans_of(&pieces(3), &probs(&tags), Layer::Content);
    assert!((spans[0].confidence - 0.65).abs() < 1e-6);
}

#[test]
fn a_sure_b_starts_a_new_span_and_two_unsure_pieces_end_one() {
    let tags = [
        (0.1, 0.8, 0.1),
        (0.1, 0.0, 0.9),
        (0.1, 0.7, 0.2), // a second content starts right after the first
        (0.1, 0.0, 0.9),
        (0.6, 0.0, 0.4),
        (0.6, 0.0, 0.4),
        (0.1, 0.0, 0.9),
    ];
    assert_eq!(content_spans(&tags), vec![(0, 2), (2, 4), (6, 7)]);
}

#[test]
fn an_unsure_piece_before_a_sure_start_ends_the_span_before_it() {
    // The unsure piece 1 lies between two in-span pieces, but piece 2 starts another
    // span: piece 1 belongs to neither.
    let tags = [
        (0.1, 0.0, 0.9),
        (0.6, 0.0, 0.4),
        (0.1, 0.8, 0.1),
        (0.1, 0.0, 0.9),
    ];
    assert_eq!(content_spans(&tags), vec![(0, 1), (2, 4)]);
}

#[test]
fn unsure_pieces_at_either_end_stay_outside() {
    // First piece: no span is open to bridge. Last piece: nothing follows it.
    let tags = [
        (0.6, 0.0, 0.4),
        (0.1, 0.0, 0.9),
        (0.1, 0.0, 0.9),
        (0.6, 0.0, 0.4),
    ];
    assert_eq!(content_spans(&tags), vec![(1, 3)]);
}
