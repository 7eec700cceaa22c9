//! The knowledge base of people and bodies who stand for a party (`data/leaders.tsv`):
//! heads of state and government, ministers, spokespeople, envoys, state media. Each
//! entry may carry the period in which it holds, so that an article's date picks the
//! right one (`Antonio Guterres`: Portugal until 2002, the United Nations from 2017) and
//! an official who has left office no longer stands for the state as a target.

use super::gazetteer::Gazetteer;
use super::mentions::Found;
use super::text::has_word_boundaries;
use anyhow::{Context, Result, bail};
use std::collections::HashMap;

/// A calendar day, compared as `(year, month, day)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// Parse `YYYY-MM-DD` (an article's date; anything after the day is ignored, so a
    /// timestamp works too). `None` for anything else.
    pub fn parse(text: &str) -> Option<Day> {
        let text = text.trim();
        let year = text.get(0..4)?.parse().ok()?;
        if text.get(4..5)? != "-" || text.get(7..8)? != "-" {
            return None;
        }
        let month: u8 = text.get(5..7)?.parse().ok()?;
        let day: u8 = text.get(8..10)?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Day { year, month, day })
    }

    /// Days since year 0, counting 31 days a month: exact enough to compare periods.
    fn ordinal(self) -> i64 {
        (i64::from(self.year) * 12 + i64::from(self.month)) * 31 + i64::from(self.day)
    }

    /// A bound of a period: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a year or a month is
    /// its first day for a start and its last day for an end.
    fn parse_bound(text: &str, end: bool) -> Option<Day> {
        let year = text.get(0..4)?.parse().ok()?;
        let month = match text.len() {
            4 => {
                return Some(Day {
                    year,
                    month: if end { 12 } else { 1 },
                    day: if end { 31 } else { 1 },
                });
            }
            7 if text.get(4..5)? == "-" => text.get(5..7)?.parse().ok()?,
            _ => return Day::parse(text),
        };
        (1..=12).contains(&month).then_some(Day {
            year,
            month,
            day: if end { 31 } else { 1 },
        })
    }
}

/// When an entry holds; open ends are unbounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tenure {
    pub from: Option<Day>,
    pub to: Option<Day>,
}

impl Tenure {
    /// Parse the `from` and `to` columns (either may be empty).
    pub fn parse(from: &str, to: &str) -> Result<Tenure> {
        let bound = |text: &str, end: bool| -> Result<Option<Day>> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            Day::parse_bound(text, end).map(Some).with_context(|| {
                format!("`{text}` is not a year (YYYY), a month (YYYY-MM) or a date (YYYY-MM-DD)")
            })
        };
        let tenure = Tenure {
            from: bound(from, false)?,
            to: bound(to, true)?,
        };
        if let (Some(f), Some(t)) = (tenure.from, tenure.to)
            && t < f
        {
            bail!("the period ends before it starts ({from} to {to})");
        }
        Ok(tenure)
    }

    /// About how many days the period lasts, an open end running to `open_end` and an
    /// open start counting as the longest possible.
    fn length_in_days(&self, open_end: Day) -> i64 {
        let Some(from) = self.from else {
            return i64::MAX;
        };
        self.to.unwrap_or(open_end).ordinal() - from.ordinal()
    }

    /// Where `date` falls relative to the period.
    pub fn relation(&self, date: Day) -> Holding {
        if self.from.is_some_and(|f| date < f) {
            Holding::Future
        } else if self.to.is_some_and(|t| date > t) {
            Holding::Former
        } else {
            Holding::Sitting
        }
    }
}

/// How an entry relates to an article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Holding {
    /// In office on the date (or the date or the period is unknown).
    Sitting,
    /// Left before the date: no longer that party's person (an ousted leader does not
    /// stand for the state; the guide gives former officials no party).
    Former,
    /// Takes office after the date: not yet that party's person (a candidate).
    Future,
}

/// A known person or body and the party they stand for.
#[derive(Debug, Clone)]
pub struct Leader {
    /// Full name first, then the other forms that identify the person.
    pub names: Vec<String>,
    /// Index into [`super::Gazetteer::parties`].
    pub party: usize,
    pub role: String,
    pub tenure: Tenure,
}

impl Leader {
    /// How this entry holds on `date` (sitting when the date is unknown).
    pub fn holding(&self, date: Option<Day>) -> Holding {
        date.map_or(Holding::Sitting, |d| self.tenure.relation(d))
    }
}

/// Parse one line of `data/leaders.tsv` (three or five columns); `party_index` maps a
/// canonical party name to its index.
pub(super) fn parse_leader(
    line: &str,
    party_index: impl Fn(&str) -> Option<usize>,
) -> Result<Leader> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 3 && cols.len() != 5 {
        bail!(
            "expected 3 or 5 TAB-separated columns (names, party, role[, from, to]), found {}",
            cols.len()
        );
    }
    let names: Vec<String> = cols[0]
        .split('|')
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        bail!("no name");
    }
    let party = party_index(cols[1].trim())
        .with_context(|| format!("unknown party `{}`", cols[1].trim()))?;
    let tenure = if cols.len() == 5 {
        Tenure::parse(cols[3], cols[4])?
    } else {
        Tenure::default()
    };
    Ok(Leader {
        names,
        party,
        role: cols[2].trim().to_string(),
        tenure,
    })
}

/// Of the entries sharing a name form, the one that speaks for the article: the one
/// sitting on `date`, else the one who left most recently, else the first to take office
/// (callers decide whether a holding other than sitting counts). With no date every
/// entry counts as sitting, and the longest-held wins (`Benjamin Netanyahu`: prime
/// minister rather than his 18 months as opposition leader; `Michel Barnier`: the EU's
/// negotiator rather than France's prime minister of three months); open periods run
/// to `open_end`, the latest bound of the knowledge base.
pub(super) fn best_entry<'l>(
    entries: impl Iterator<Item = &'l Leader>,
    date: Option<Day>,
    open_end: Day,
) -> Option<&'l Leader> {
    if date.is_none() {
        return entries.max_by_key(|l| l.tenure.length_in_days(open_end));
    }
    entries.min_by_key(|l| {
        (
            l.holding(date),
            std::cmp::Reverse(l.tenure.to),
            l.tenure.from,
        )
    })
}

/// Known people named in `text` (as listed, or with a middle initial added) whose
/// holding on `date`, with the byte where the name starts, passes `accept`; where entries
/// share a name form, the one that speaks for the date (see [`best_entry`]).
pub(super) fn find_leaders(
    gazetteer: &Gazetteer,
    text: &str,
    date: Option<Day>,
    accept: impl Fn(Holding, usize) -> bool,
) -> Vec<Found> {
    let leaders = gazetteer.leaders();
    let mut by_span: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for m in gazetteer.leader_names.find_overlapping_iter(text) {
        if has_word_boundaries(text, m.start(), m.end()) && !is_generation_after(text, m.end()) {
            let leader = gazetteer.leader_forms[m.pattern().as_usize()].1;
            by_span
                .entry((m.start(), m.end()))
                .or_default()
                .push(leader);
        }
    }
    // A form listed with its initial (`John F. Kennedy`) is matched as written: the
    // initial-less form of another entry (`John Kennedy`, a later senator) is not it.
    let initialled: Vec<(usize, usize, usize)> = gazetteer
        .leader_first_names
        .find(text)
        .into_iter()
        .filter(|&(start, end, _)| !by_span.contains_key(&(start, end)))
        .collect();
    for (start, end, leader) in initialled {
        by_span.entry((start, end)).or_default().push(leader);
    }
    let all = by_span
        .into_iter()
        .filter_map(|((start, end), entries)| {
            let best = best_entry(
                entries.iter().map(|&k| &leaders[k]),
                date,
                gazetteer.leaders_until,
            )?;
            accept(best.holding(date), start).then_some(Found {
                party: best.party,
                start,
                end,
            })
        })
        .collect();
    longest_first(all)
}

/// True when a generation suffix follows the name ending at byte `end` (`Trump Jr.`,
/// `Donald Trump, Jr.`, `Ken Griffey Sr.`): another person of the same name, unless the
/// listed form itself holds the suffix (then that longer form matches).
fn is_generation_after(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(',');
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .next()
        .unwrap_or_default();
    matches!(
        word.trim_end_matches('.'),
        "Jr" | "Sr" | "II" | "III" | "IV"
    )
}

/// Keep the longest of overlapping occurrences, in text order.
pub(super) fn longest_first(mut all: Vec<Found>) -> Vec<Found> {
    all.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut out: Vec<Found> = Vec::with_capacity(all.len());
    for f in all {
        if out.last().is_none_or(|last| f.start >= last.end) {
            out.push(f);
        }
    }
    out
}
