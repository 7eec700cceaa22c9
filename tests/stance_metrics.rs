//! Stance scores computed by hand on small cases.

use stancemap::record::StanceLabel::{self, Conciliatory as C, Hostile as H, Neutral as N};
use stancemap::stance::data::find_mentions;
use stancemap::stance::metrics::StanceScores;

#[test]
fn per_class_figures_and_confusion() {
    let gold = [H, H, H, C, C, N, N, N];
    let pred = [H, H, N, C, H, N, N, C];
    let s = StanceScores::compute(&gold, &pred);
    assert_eq!(s.count, 8);
    assert!((s.accuracy - 5.0 / 8.0).abs() < 1e-9);
    let h = &s.per_class["hostile"];
    assert!((h.precision - 2.0 / 3.0).abs() < 1e-9 && (h.recall - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(h.support, 3);
    let c = &s.per_class["conciliatory"];
    assert!((c.precision - 0.5).abs() < 1e-9 && (c.recall - 0.5).abs() < 1e-9);
    assert_eq!(s.confusion["hostile"]["neutral"], 1);
    assert_eq!(s.confusion["neutral"]["conciliatory"], 1);
    let expected_macro = (2.0 / 3.0 + 0.5 + 2.0 / 3.0) / 3.0;
    assert!((s.macro_f1 - expected_macro).abs() < 1e-9);
}

#[test]
fn macro_f1_averages_only_labels_present_in_gold() {
    let gold = [H, H, N, N];
    let pred = [H, H, N, N];
    assert!((StanceScores::compute(&gold, &pred).macro_f1 - 1.0).abs() < 1e-9);
}

#[test]
fn majority_baseline_predicts_the_most_frequent_label() {
    let gold = [N, N, N, H];
    let b = StanceScores::majority_baseline(&gold);
    assert!((b.accuracy - 0.75).abs() < 1e-9);
    assert_eq!(b.per_class["hostile"].recall, 0.0);
}

#[test]
fn missing_predictions_count_as_wrong() {
    let gold: [StanceLabel; 3] = [H, H, C];
    let s = StanceScores::compute_with_missing(&gold, &[Some(H), None, Some(C)]);
    assert_eq!(s.missing, 1);
    assert!((s.accuracy - 2.0 / 3.0).abs() < 1e-9);
    assert!((s.per_class["hostile"].recall - 0.5).abs() < 1e-9);
    assert!((s.per_class["hostile"].precision - 1.0).abs() < 1e-9);
}

#[test]
fn target_mentions_are_word_bounded_and_case_insensitive() {
    let text = "Russian officials said Russia’s talks with PRUSSIA scholars and russia were over.";
    let spans = find_mentions(text, "Russia");
    let words: Vec<String> = spans
        .iter()
        .map(|s| text.chars().skip(s.start).take(s.len()).collect())
        .collect();
    assert_eq!(words, ["Russian", "Russia", "russia"]);
}
