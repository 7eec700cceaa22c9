//! The analyst tables (dyads, matrix, timeline) and the row filters, on the hand-written
//! fixture `tests/fixtures/classified.jsonl`.

use stancemap::ingest::ArticleReader;
use stancemap::record::{Article, StanceLabel};
use stancemap::report::{
    Cell, Dyad, DyadCounter, Matrix, Period, RowFilter, UNKNOWN_PARTY, statement_rows,
};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/classified.jsonl")
}

fn articles() -> Vec<Article> {
    ArticleReader::open(&[fixture()], false)
        .unwrap()
        .map(|item| item.unwrap().1)
        .collect()
}

fn count(filter: RowFilter, by: Option<Period>) -> Vec<Dyad> {
    let mut counter = DyadCounter::new(filter, by);
    for a in articles() {
        counter.add_article(&a);
    }
    counter.dyads()
}

fn find<'a>(dyads: &'a [Dyad], party: &str, target: &str) -> &'a Dyad {
    dyads
        .iter()
        .find(|d| d.key.speaker_party == party && d.key.target == target)
        .unwrap_or_else(|| panic!("no dyad {party} -> {target}"))
}

/// Label counts, confidence sum and article ids of one dyad.
type Expected = ([u64; 3], f64, HashSet<String>);

/// What each dyad should hold, computed from the raw JSON independently of the library.
fn oracle() -> HashMap<(String, String), Expected> {
    let text = std::fs::read_to_string(fixture()).unwrap();
    let mut out: HashMap<(String, String), Expected> = HashMap::new();
    for line in text.lines() {
        let a: serde_json::Value = serde_json::from_str(line).unwrap();
        for s in a["statements"].as_array().unwrap() {
            let party = s["speaker_party"].as_str().unwrap_or("unknown").to_string();
            for st in s["stances"].as_array().unwrap() {
                let key = (party.clone(), st["target"].as_str().unwrap().to_string());
                let entry = out.entry(key).or_default();
                let i = ["hostile", "conciliatory", "neutral"]
                    .iter()
                    .position(|l| *l == st["label"].as_str().unwrap())
                    .unwrap();
                entry.0[i] += 1;
                entry.1 += st["confidence"].as_f64().unwrap();
                entry.2.insert(a["id"].as_str().unwrap().to_string());
            }
        }
    }
    out
}

#[test]
fn russia_to_nato_counted_by_hand() {
    // Hostile: Peskov (summit-reaction), Lavrov (kyiv-talks), Zakharova (grain-deal,
    // escaping-check); neutral: Peskov (august-briefing). Confidences .91 .77 .95 .74 .58.
    let dyads = count(RowFilter::default(), None);
    let d = find(&dyads, "Russia", "NATO");
    assert_eq!(d.tally.count(StanceLabel::Hostile), 4);
    assert_eq!(d.tally.count(StanceLabel::Conciliatory), 0);
    assert_eq!(d.tally.count(StanceLabel::Neutral), 1);
    assert_eq!(d.tally.articles, 5);
    assert!((d.tally.net_score() - (-0.8)).abs() < 1e-9);
    assert!((d.tally.share(StanceLabel::Hostile) - 0.8).abs() < 1e-9);
    let mean = (0.91 + 0.77 + 0.95 + 0.74 + 0.58) / 5.0;
    assert!((d.tally.mean_confidence().unwrap() - mean).abs() < 1e-6);
    // The largest dyad comes first.
    assert_eq!(dyads[0].key.speaker_party, "Russia");
    assert_eq!(dyads[0].key.target, "NATO");
}

#[test]
fn every_dyad_matches_an_independent_count() {
    let dyads = count(RowFilter::default(), None);
    let expected = oracle();
    assert_eq!(dyads.len(), expected.len());
    for d in &dyads {
        let (counts, conf_sum, arts) =
            &expected[&(d.key.speaker_party.clone(), d.key.target.clone())];
        assert_eq!(&d.tally.counts, counts, "{:?}", d.key);
        assert_eq!(d.tally.articles, arts.len() as u64, "{:?}", d.key);
        let total: u64 = counts.iter().sum();
        let net = (counts[1] as f64 - counts[0] as f64) / total as f64;
        assert!((d.tally.net_score() - net).abs() < 1e-9);
        assert!((d.tally.mean_confidence().unwrap() - conf_sum / total as f64).abs() < 1e-6);
    }
    // Sorted by count descending.
    assert!(
        dyads
            .windows(2)
            .all(|w| w[0].tally.total() >= w[1].tally.total())
    );
}

#[test]
fn speakers_without_party_are_unknown_and_untargeted_statements_are_not_dyads() {
    let dyads = count(RowFilter::default(), None);
    let unknown = find(&dyads, UNKNOWN_PARTY, "Russia");
    assert_eq!(unknown.tally.count(StanceLabel::Hostile), 1);
    // The analyst's remark about the harvest has no target: a row, but no dyad.
    let grain = articles()
        .into_iter()
        .find(|a| a.id == "grain-deal")
        .unwrap();
    let rows = statement_rows(&grain);
    let untargeted: Vec<_> = rows.iter().filter(|r| r.target.is_none()).collect();
    assert_eq!(untargeted.len(), 1);
    assert_eq!(untargeted[0].statement.speaker, "An analyst");
    assert!(
        untargeted[0]
            .cells()
            .iter()
            .filter(|c| **c == Cell::Empty)
            .count()
            >= 3
    );
    let stance_total: u64 = dyads.iter().map(|d| d.tally.total()).sum();
    let rows_total: usize = articles().iter().map(|a| statement_rows(a).len()).sum();
    assert_eq!(stance_total as usize + 1, rows_total);
}

#[test]
fn matrix_cells_are_net_scores_of_the_dyads() {
    let dyads = count(RowFilter::default(), None);
    let m = Matrix::from_dyads(&dyads);
    assert_eq!(
        m.parties[0], "Russia",
        "the party with the most stances comes first"
    );
    assert_eq!(m.targets[0], "NATO");
    let rows = m.rows();
    assert_eq!(rows.len(), m.parties.len());
    let mut filled = 0;
    for (p, row) in rows.iter().enumerate() {
        assert_eq!(row[0], Cell::Text(m.parties[p].clone()));
        for (t, cell) in row[1..].iter().enumerate() {
            let dyad = dyads
                .iter()
                .find(|d| d.key.speaker_party == m.parties[p] && d.key.target == m.targets[t]);
            match dyad {
                Some(d) => {
                    filled += 1;
                    assert_eq!(*cell, Cell::Float(d.tally.net_score()));
                }
                None => assert_eq!(*cell, Cell::Empty),
            }
        }
    }
    assert_eq!(filled, dyads.len());
}

#[test]
fn timeline_by_week_month_and_day() {
    let weeks = count(RowFilter::default(), Some(Period::Week));
    let periods: Vec<&str> = weeks.iter().map(|d| d.key.period.as_str()).collect();
    // 2024-07-08 and -10 are week 28, -16 week 29, -24 week 30, 08-02 week 31, 08-05 week 32.
    let mut distinct = periods.clone();
    distinct.dedup();
    assert_eq!(
        distinct,
        [
            "2024-W28", "2024-W29", "2024-W30", "2024-W31", "2024-W32", "undated"
        ]
    );
    let russia_nato: Vec<(&str, u64)> = weeks
        .iter()
        .filter(|d| d.key.speaker_party == "Russia" && d.key.target == "NATO")
        .map(|d| (d.key.period.as_str(), d.tally.count(StanceLabel::Hostile)))
        .collect();
    assert_eq!(
        russia_nato,
        [
            ("2024-W28", 2),
            ("2024-W30", 1),
            ("2024-W31", 0),
            ("2024-W32", 1)
        ]
    );
    // The undated op-ed holds the two United States dyads.
    let undated: Vec<_> = weeks.iter().filter(|d| d.key.period == "undated").collect();
    assert_eq!(undated.len(), 2);
    assert!(
        undated
            .iter()
            .all(|d| d.key.speaker_party == "United States")
    );

    let months = count(RowFilter::default(), Some(Period::Month));
    let july = months
        .iter()
        .find(|d| {
            d.key.period == "2024-07" && d.key.speaker_party == "Russia" && d.key.target == "NATO"
        })
        .unwrap();
    assert_eq!(july.tally.counts, [3, 0, 0]);
    let days = count(RowFilter::default(), Some(Period::Day));
    assert!(
        days.iter()
            .any(|d| d.key.period == "2024-07-16" && d.key.speaker_party == "Germany")
    );
    // Every split keeps every stance.
    let total = |ds: &[Dyad]| ds.iter().map(|d| d.tally.total()).sum::<u64>();
    let all = total(&count(RowFilter::default(), None));
    assert_eq!(total(&weeks), all);
    assert_eq!(total(&months), all);
    assert_eq!(total(&days), all);
}

#[test]
fn min_confidence_keeps_only_confident_stances() {
    let filter = RowFilter {
        min_confidence: Some(0.8),
        ..Default::default()
    };
    let dyads = count(filter, None);
    for d in &dyads {
        assert!(d.tally.mean_confidence().unwrap() >= 0.8);
    }
    // Russia -> NATO keeps .91 and .95 only.
    assert_eq!(find(&dyads, "Russia", "NATO").tally.counts, [2, 0, 0]);
    let expected = oracle().len();
    assert!(dyads.len() < expected);
}

#[test]
fn party_filter_matches_speaker_party_or_target_case_insensitively() {
    let filter = RowFilter {
        party: Some("nato".into()),
        ..Default::default()
    };
    let dyads = count(filter, None);
    assert!(!dyads.is_empty());
    for d in &dyads {
        assert!(
            d.key.speaker_party == "NATO" || d.key.target == "NATO",
            "{:?}",
            d.key
        );
    }
    assert!(dyads.iter().any(|d| d.key.speaker_party == "NATO"));
    // Russia, Ukraine and United States -> NATO, and NATO -> Russia.
    assert_eq!(dyads.len(), 4);
}

#[test]
fn speaker_filter_is_a_case_insensitive_substring() {
    let filter = RowFilter {
        speaker: Some("PESKOV".into()),
        ..Default::default()
    };
    let mut seen = 0;
    for a in articles() {
        for row in statement_rows(&a) {
            if filter.keeps(&row) {
                seen += 1;
                assert_eq!(row.statement.speaker, "Dmitry Peskov");
            }
        }
    }
    // summit-reaction 2, berlin-visit 1, august-briefing 2.
    assert_eq!(seen, 5);
    let dyads = count(filter, None);
    assert!(dyads.iter().all(|d| d.key.speaker_party == "Russia"));
    assert_eq!(find(&dyads, "Russia", "NATO").tally.counts, [1, 0, 1]);
}
