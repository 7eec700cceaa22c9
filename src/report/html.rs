//! One self-contained HTML page: the party-by-target matrix as a heat map, the top
//! dyads as bars, and the statements behind each cell.
//!
//! Inline CSS and a three-line inline script (open the statements of a clicked cell);
//! no network, no external file. All text is escaped. The page stays small: at most
//! [`MAX_AXIS`] parties and targets, [`MAX_BARS`] bars, and [`SAMPLES_PER_CELL`]
//! statements per cell (fewer when many cells share [`STATEMENT_BUDGET`]), with a
//! note of what was left out.

use super::render::format_float;
use super::rows::{RowFilter, statement_rows};
use super::samples::{DyadSamples, SampleKeeper};
use super::tables::{Dyad, DyadCounter, Matrix, Tally};
use crate::record::{Article, StanceLabel};
use std::fmt::Write as _;

/// Most parties (rows) and targets (columns) drawn in the heat map.
pub const MAX_AXIS: usize = 20;
/// Most dyads drawn as bars.
pub const MAX_BARS: usize = 15;
/// Most statements listed per cell.
pub const SAMPLES_PER_CELL: usize = 20;
/// Most statements listed on the whole page; a full 20 x 20 matrix gets 3 per cell.
pub const STATEMENT_BUDGET: usize = 1200;

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}\
h1{font-size:22px}h2{font-size:17px;margin-top:28px}.note{color:#666;font-size:12px}\
table.hm{border-collapse:collapse}.hm th{font-weight:600;padding:4px 6px;font-size:12px}\
.hm th.r{text-align:right}.hm td{min-width:44px;height:38px;text-align:center;border:1px solid #fff;font-size:12px}\
.hm td a{color:inherit;text-decoration:none;display:block}.hm td small{display:block;opacity:.8}\
.lg{display:inline-block;width:200px;height:10px;background:linear-gradient(90deg,#c0392b,#f2f2f2,#1e8449);vertical-align:middle}\
.bars div.b{display:flex;align-items:center;margin:3px 0}.bars .n{width:240px;font-size:13px}\
.bars .t{display:flex;height:16px}.bars .c{width:160px;font-size:12px;padding-left:8px;color:#444}\
.h{background:#c0392b}.c0{background:#1e8449}.u{background:#bbb}\
details{margin:4px 0;border-left:4px solid #ddd;padding-left:8px}summary{cursor:pointer}\
details:target,details[open]{border-color:#888}li{margin:4px 0}\
.l{font-size:11px;padding:1px 5px;border-radius:3px;color:#fff}.l.neutral{background:#888}\
.l.hostile{background:#c0392b}.l.conciliatory{background:#1e8449}";

const SCRIPT: &str = "function o(){var e=document.getElementById(decodeURIComponent(location.hash.slice(1)));\
if(e&&e.tagName=='DETAILS'){e.open=true;e.scrollIntoView()}}\
addEventListener('hashchange',o);addEventListener('load',o);";

/// Collects what the page shows while articles stream by.
pub struct HtmlReport {
    filter: RowFilter,
    counter: DyadCounter,
    samples: SampleKeeper,
    articles: u64,
}

impl HtmlReport {
    /// A page of the rows that pass `filter`.
    pub fn new(filter: RowFilter) -> Self {
        HtmlReport {
            counter: DyadCounter::new(filter.clone(), None),
            filter,
            samples: SampleKeeper::new(SAMPLES_PER_CELL),
            articles: 0,
        }
    }

    /// Take in one classified article.
    pub fn add_article(&mut self, article: &Article) {
        self.articles += 1;
        self.counter.add_article(article);
        for row in statement_rows(article) {
            if self.filter.keeps(&row) {
                self.samples.offer(&row);
            }
        }
    }

    /// The whole page.
    pub fn render(&self) -> String {
        let dyads = self.counter.dyads();
        let matrix = Matrix::from_dyads(&dyads);
        let stances: u64 = dyads.iter().map(|d| d.tally.total()).sum();
        let mut page = String::with_capacity(16 * 1024);
        page.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        page.push_str("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        let _ = write!(
            page,
            "<title>stancemap report</title><style>{STYLE}</style></head>\n<body>"
        );
        let _ = writeln!(
            page,
            "<h1>Who is hostile or conciliatory toward whom</h1><p class=\"note\">{} articles, \
             {stances} stances, {} dyads (speaker party &rarr; target).{}</p>",
            self.articles,
            dyads.len(),
            escape(&filter_note(&self.filter)),
        );
        if dyads.is_empty() {
            page.push_str("<p>No labelled statement to show.</p>");
        } else {
            heat_map(&mut page, &matrix);
            bars(&mut page, &dyads);
            statements(&mut page, &matrix, &self.samples);
        }
        let _ = writeln!(page, "<script>{SCRIPT}</script></body></html>");
        page
    }
}

/// The filters in words, for the page header.
fn filter_note(filter: &RowFilter) -> String {
    let mut parts = Vec::new();
    if let Some(c) = filter.min_confidence {
        parts.push(format!("confidence at least {c}"));
    }
    if let Some(p) = &filter.party {
        parts.push(format!("party {p}"));
    }
    if let Some(s) = &filter.speaker {
        parts.push(format!("speaker contains \u{201c}{s}\u{201d}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" Filtered: {}.", parts.join(", "))
    }
}

/// Escape text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Background colour for a net score: red at -1, light grey at 0, green at +1.
fn net_colour(net: f64) -> String {
    let (grey, red, green) = (
        [242.0, 242.0, 242.0],
        [192.0, 57.0, 43.0],
        [30.0, 132.0, 73.0],
    );
    let t = net.clamp(-1.0, 1.0);
    let end = if t < 0.0 { red } else { green };
    let a = t.abs();
    let mix = |i: usize| (grey[i] * (1.0 - a) + end[i] * a).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(0), mix(1), mix(2))
}

/// A signed score for display: `+0.5`, `-1`, `0`.
fn signed(net: f64) -> String {
    let s = format_float(net);
    if !s.starts_with('-') && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

/// `1 stance`, `3 stances`.
fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn cell_id(party: usize, target: usize) -> String {
    format!("c{party}-{target}")
}

fn counts_title(t: &Tally) -> String {
    format!(
        "{} hostile, {} conciliatory, {} neutral",
        t.count(StanceLabel::Hostile),
        t.count(StanceLabel::Conciliatory),
        t.count(StanceLabel::Neutral)
    )
}

fn heat_map(page: &mut String, m: &Matrix) {
    let (rows, cols) = (m.parties.len().min(MAX_AXIS), m.targets.len().min(MAX_AXIS));
    page.push_str("<h2>Net stance: speaker party (rows) toward target (columns)</h2>");
    page.push_str(
        "<p class=\"note\">Net score = (conciliatory &minus; hostile) / all stances. \
        <span>&minus;1 hostile</span> <span class=\"lg\"></span> <span>+1 conciliatory</span>. \
        Click a cell for its statements.</p>\n<div style=\"overflow-x:auto\"><table class=\"hm\"><tr><th></th>",
    );
    for target in &m.targets[..cols] {
        let _ = write!(page, "<th>{}</th>", escape(target));
    }
    page.push_str("</tr>\n");
    for p in 0..rows {
        let _ = write!(page, "<tr><th class=\"r\">{}</th>", escape(&m.parties[p]));
        for t in 0..cols {
            match m.cell(p, t) {
                Some(tally) => {
                    let net = tally.net_score();
                    let ink = if net.abs() > 0.55 { "#fff" } else { "#222" };
                    let _ = write!(
                        page,
                        "<td style=\"background:{};color:{ink}\" title=\"{} &rarr; {}: {}\">\
                         <a href=\"#{}\">{}<small>n={}</small></a></td>",
                        net_colour(net),
                        escape(&m.parties[p]),
                        escape(&m.targets[t]),
                        counts_title(tally),
                        cell_id(p, t),
                        signed((net * 100.0).round() / 100.0),
                        tally.total()
                    );
                }
                None => page.push_str("<td></td>"),
            }
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</table></div>");
    if rows < m.parties.len() || cols < m.targets.len() {
        let _ = write!(
            page,
            "<p class=\"note\">Showing the {rows} of {} parties and {cols} of {} targets with \
             the most stances; export the matrix table for all of them.</p>",
            m.parties.len(),
            m.targets.len()
        );
    }
    page.push('\n');
}

fn bars(page: &mut String, dyads: &[Dyad]) {
    let shown = &dyads[..dyads.len().min(MAX_BARS)];
    let max = shown
        .iter()
        .map(|d| d.tally.total())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let _ = writeln!(
        page,
        "<h2>Top {} dyads by number of stances</h2><p class=\"note\"><span class=\"l hostile\">\
         hostile</span> <span class=\"l neutral\">neutral</span> <span class=\"l conciliatory\">\
         conciliatory</span></p><div class=\"bars\">",
        shown.len()
    );
    for d in shown {
        let t = &d.tally;
        let width = |label| format!("{:.1}", t.count(label) as f64 / max * 100.0);
        let _ = writeln!(
            page,
            "<div class=\"b\"><span class=\"n\">{} &rarr; {}</span><span class=\"t\" style=\"width:\
             min(600px,50vw)\"><span class=\"h\" style=\"width:{}%\"></span><span class=\"u\" \
             style=\"width:{}%\"></span><span class=\"c0\" style=\"width:{}%\"></span></span>\
             <span class=\"c\">{} (net {})</span></div>",
            escape(&d.key.speaker_party),
            escape(&d.key.target),
            width(StanceLabel::Hostile),
            width(StanceLabel::Neutral),
            width(StanceLabel::Conciliatory),
            t.total(),
            signed(t.net_score()),
        );
    }
    page.push_str("</div>\n");
}

fn statements(page: &mut String, m: &Matrix, samples: &SampleKeeper) {
    page.push_str("<h2>Statements behind each cell</h2>\n");
    let (rows, cols) = (m.parties.len().min(MAX_AXIS), m.targets.len().min(MAX_AXIS));
    let cells = (0..rows)
        .flat_map(|p| (0..cols).map(move |t| (p, t)))
        .filter(|&(p, t)| m.cell(p, t).is_some())
        .count();
    let per_cell = (STATEMENT_BUDGET / cells.max(1)).clamp(3, SAMPLES_PER_CELL);
    let mut first = true;
    for p in 0..rows {
        for t in 0..cols {
            let (Some(tally), Some(kept)) =
                (m.cell(p, t), samples.get(&m.parties[p], &m.targets[t]))
            else {
                continue;
            };
            // The first cell in reading order starts open, so statements show at once.
            let open = if first { " open" } else { "" };
            first = false;
            let _ = writeln!(
                page,
                "<details id=\"{}\"{open}><summary>{} &rarr; {}: {}, net {} ({})</summary><ul>",
                cell_id(p, t),
                escape(&m.parties[p]),
                escape(&m.targets[t]),
                plural(tally.total(), "stance"),
                signed(tally.net_score()),
                counts_title(tally),
            );
            sample_items(page, kept, per_cell);
            page.push_str("</ul></details>\n");
        }
    }
}

fn sample_items(page: &mut String, kept: &DyadSamples, per_cell: usize) {
    let sorted = kept.sorted();
    let shown = &sorted[..sorted.len().min(per_cell)];
    for s in shown {
        let confidence = s.confidence.map(|c| format!(" {c:.2}")).unwrap_or_default();
        let date = s
            .date
            .as_deref()
            .map(|d| format!(", {}", escape(d)))
            .unwrap_or_default();
        // Direct quotes already carry their quotation marks.
        let quoted =
            s.content.starts_with(['"', '\u{201c}']) && s.content.ends_with(['"', '\u{201d}']);
        let (open, close) = if quoted {
            ("", "")
        } else {
            ("\u{201c}", "\u{201d}")
        };
        let _ = writeln!(
            page,
            "<li><span class=\"l {label}\">{label}{confidence}</span> <b>{}</b>: \
             {open}{}{close} <span class=\"note\">({}{date})</span></li>",
            escape(&s.speaker),
            escape(&s.content),
            escape(&s.article_id),
            label = s.label.as_str(),
        );
    }
    let left_out = kept.seen - shown.len() as u64;
    if left_out > 0 {
        let _ = writeln!(
            page,
            "<li class=\"note\">&hellip; and {} more (the {} most confident are shown)</li>",
            left_out,
            shown.len()
        );
    }
}
