//! The HTML page stays small on large inputs: caps on the matrix, the bars and the
//! statements per cell, each with a note of what was left out.

use stancemap::record::{Article, Stance, StanceLabel, Statement};
use stancemap::report::html::{MAX_AXIS, MAX_BARS, SAMPLES_PER_CELL, STATEMENT_BUDGET};
use stancemap::report::{HtmlReport, RowFilter};

/// An article where `party` speaks about `target` once, with the given confidence.
fn article(id: usize, party: &str, target: &str, label: StanceLabel, confidence: f32) -> Article {
    let content = format!("statement {id} about {target}");
    Article {
        id: format!("a{id}"),
        text: content.clone(),
        date: Some("2024-07-01".into()),
        statements: vec![Statement {
            speaker: format!("Speaker of {party}"),
            speaker_party: Some(party.into()),
            cue: "said".into(),
            end: content.chars().count(),
            content,
            targets: vec![target.into()],
            stances: vec![Stance {
                target: target.into(),
                label,
                confidence: Some(confidence),
                probs: None,
            }],
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn one_busy_cell_lists_its_most_confident_statements_and_counts_the_rest() {
    let mut report = HtmlReport::new(RowFilter::default());
    let n = SAMPLES_PER_CELL + 10;
    for i in 0..n {
        // Confidence rises with i, so the last SAMPLES_PER_CELL are the ones to show.
        report.add_article(&article(
            i,
            "Russia",
            "NATO",
            StanceLabel::Hostile,
            i as f32 / n as f32,
        ));
    }
    let page = report.render();
    assert_eq!(
        page.matches("<li><span class=\"l hostile\">").count(),
        SAMPLES_PER_CELL
    );
    assert!(page.contains("and 10 more (the 20 most confident are shown)"));
    assert!(page.contains(&format!("statement {} about NATO", n - 1)));
    assert!(
        !page.contains("statement 0 about NATO"),
        "the least confident is left out"
    );
    assert!(page.contains(&format!("Russia &rarr; NATO: {n} stances, net -1")));
}

#[test]
fn many_parties_are_capped_and_the_page_stays_small() {
    let mut report = HtmlReport::new(RowFilter::default());
    let parties: Vec<String> = (0..30).map(|i| format!("Party{i:02}")).collect();
    let mut id = 0;
    for (i, p) in parties.iter().enumerate() {
        for (j, t) in parties.iter().enumerate() {
            // Party00 speaks most, so it must head the matrix; 4 statements per dyad.
            let times = if i == 0 { 8 } else { 4 };
            for k in 0..times {
                let label = StanceLabel::ALL[(i + j + k) % 3];
                report.add_article(&article(id, p, t, label, 0.5));
                id += 1;
            }
        }
    }
    let page = report.render();
    let cells = page.matches("<td style=\"background:").count();
    assert_eq!(cells, MAX_AXIS * MAX_AXIS);
    assert_eq!(page.matches("<details id=").count(), MAX_AXIS * MAX_AXIS);
    assert!(page.contains("Showing the 20 of 30 parties and 20 of 30 targets"));
    assert_eq!(page.matches("<div class=\"b\">").count(), MAX_BARS);
    let listed = page.matches("<li><span class=\"l ").count();
    assert!(
        listed <= STATEMENT_BUDGET.max(3 * cells),
        "{listed} statements listed"
    );
    assert!(page.len() < 400 * 1024, "page is {} bytes", page.len());
    let first_row = page.find("<tr><th class=\"r\">").unwrap();
    assert!(page[first_row..].starts_with("<tr><th class=\"r\">Party00</th>"));
}

#[test]
fn an_empty_report_says_so() {
    let page = HtmlReport::new(RowFilter::default()).render();
    assert!(page.contains("No labelled statement to show."));
    assert!(page.trim_end().ends_with("</html>"));
}
