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

#[test]
fn pair_inputs_pool_the_aliases_classify_pools() {
    // Training pairs name the canonical party; the text uses aliases, as articles do.
    let text = "Peskov said the alliance and Brussels were deaf to Moscow, and NATO knew it.";
    let words = |target: &str| -> Vec<String> {
        let input = stancemap::stance::StanceInput::new(
            text.into(),
            Some("Russia".into()),
            target.into(),
            &stancemap::parties::Gazetteer::builtin().expect("built-in gazetteer"),
        );
        input
            .target_spans
            .iter()
            .map(|s| text.chars().skip(s.start).take(s.len()).collect())
            .collect()
    };
    assert_eq!(words("NATO"), ["the alliance", "NATO"]);
    assert_eq!(words("Russia"), ["Moscow"]);
    // A target that is no party keeps the literal match.
    assert_eq!(words("Peskov"), ["Peskov"]);
}

mod calibration {
    use stancemap::record::{StanceLabel, StanceProbs};
    use stancemap::stance::calibrate::{
        neutral_bias, neutral_bias_over, scale, shift, temperature_over,
    };

    fn p(h: f32, c: f32, n: f32) -> StanceProbs {
        StanceProbs::from_array([h, c, n])
    }

    #[test]
    fn shift_keeps_a_distribution_and_moves_mass_to_neutral() {
        let before = p(0.5, 0.2, 0.3);
        let after = shift(&before, [0.0, 0.0, 1.0]);
        let a = after.to_array();
        assert!((a.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!(a[2] > 0.3 && a[0] < 0.5 && a[1] < 0.2);
        // The ratio of the untouched labels stays.
        assert!((a[0] / a[1] - 2.5).abs() < 1e-3);
        let same = shift(&before, [0.0; 3]).to_array();
        for (x, y) in same.iter().zip(before.to_array()) {
            assert!((x - y).abs() < 1e-6);
        }
    }

    #[test]
    fn picks_the_shift_that_recovers_under_predicted_neutrals() {
        // Neutral pairs the raw model calls hostile by a small margin.
        let mut probs = vec![p(0.5, 0.1, 0.4); 10];
        let mut gold = vec![StanceLabel::Neutral; 10];
        probs.extend(vec![p(0.9, 0.05, 0.05); 10]);
        gold.extend(vec![StanceLabel::Hostile; 10]);
        probs.extend(vec![p(0.05, 0.9, 0.05); 5]);
        gold.extend(vec![StanceLabel::Conciliatory; 5]);
        let found = neutral_bias(&probs, &gold);
        assert!(found.neutral_bias > 0.0 && found.neutral_bias <= 2.0);
        assert!(found.macro_f1_after > found.macro_f1_before);
        assert!((found.macro_f1_after - 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_temperature_softens_an_overconfident_model_and_sharpens_a_timid_one() {
        // Says 0.95 but is right 7 times in 10: the fitted temperature spreads the mass.
        let sure = vec![p(0.95, 0.025, 0.025); 10];
        let mut gold = vec![StanceLabel::Hostile; 7];
        gold.extend([
            StanceLabel::Neutral,
            StanceLabel::Neutral,
            StanceLabel::Conciliatory,
        ]);
        let t = temperature_over(&[(&sure, &gold)], [0.0; 3]);
        assert!(t > 1.0, "{t}");
        let after = scale(&sure[0], [0.0; 3], t).to_array();
        assert!((after[0] - 0.7).abs() < 0.05, "{after:?}");
        // Says 0.5 and is always right: the temperature goes below 1.
        let timid = vec![p(0.5, 0.25, 0.25); 10];
        let always = vec![StanceLabel::Hostile; 10];
        let t = temperature_over(&[(&timid, &always)], [0.0; 3]);
        assert!(t < 1.0, "{t}");
        // It never changes the winning label.
        assert_eq!(
            scale(&timid[0], [0.0; 3], t).argmax().0,
            StanceLabel::Hostile
        );
    }

    #[test]
    fn several_dev_sets_weigh_the_same_whatever_their_size() {
        // A large set the shift cannot help (all correct already) and a small one it
        // fixes: pooled, the small set would hardly move the score; averaged, it does.
        let large = vec![p(0.9, 0.05, 0.05); 200];
        let large_gold = vec![StanceLabel::Hostile; 200];
        let small = vec![p(0.5, 0.1, 0.4), p(0.9, 0.05, 0.05), p(0.05, 0.9, 0.05)];
        let small_gold = vec![
            StanceLabel::Neutral,
            StanceLabel::Hostile,
            StanceLabel::Conciliatory,
        ];
        let found = neutral_bias_over(&[(&large, &large_gold), (&small, &small_gold)]);
        let alone = neutral_bias(&small, &small_gold);
        let large_f1 = neutral_bias(&large, &large_gold).macro_f1_before;
        assert!(found.neutral_bias > 0.0);
        assert!((found.macro_f1_before - (large_f1 + alone.macro_f1_before) / 2.0).abs() < 1e-9);
        assert!((found.macro_f1_after - (large_f1 + alone.macro_f1_after) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn no_shift_when_none_helps() {
        let probs = vec![p(0.8, 0.1, 0.1), p(0.1, 0.8, 0.1), p(0.1, 0.1, 0.8)];
        let gold = vec![
            StanceLabel::Hostile,
            StanceLabel::Conciliatory,
            StanceLabel::Neutral,
        ];
        let found = neutral_bias(&probs, &gold);
        assert_eq!(found.neutral_bias, 0.0);
        assert_eq!(found.macro_f1_before, found.macro_f1_after);
    }
}
