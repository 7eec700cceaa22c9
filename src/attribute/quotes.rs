//! Direct quotes: pairing quotation marks (also across paragraphs) and finding the
//! attribution before or after each quote (`"...," Peskov said`, `He said: "..."`).

use super::drafts::Drafts;
use super::words::{is_adjunct_preposition, is_time_word};
use super::{Ctx, Draft};
use crate::record::StatementKind;
use crate::segment::TokenKind;
use std::ops::Range;

/// A pair of matched quotation marks; `parts` has one byte range per paragraph.
#[derive(Debug, Clone)]
pub(crate) struct QuoteSpan {
    /// Token of the opening mark.
    pub open: usize,
    /// Token of the closing mark.
    pub close: usize,
    pub parts: Vec<(usize, usize)>,
}

/// Whether a quotation mark opens or closes a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// The most tokens between a closing mark and its cue (`"...," Fred Kagan, director
/// of the Critical Threats Project at the American Enterprise Institute, said`).
const MAX_CUE_DISTANCE: usize = 30;

/// The most words a quote without a cue may have and still be a scare quote.
const SCARE_QUOTE_WORDS: usize = 2;

impl Ctx<'_> {
    fn role(&self, i: usize) -> Role {
        let t = &self.doc.tokens[i];
        let text = self.doc.text;
        let prev = text[..t.start].chars().next_back();
        let next = text[t.end..].chars().next();
        let space_before = prev.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
        let space_after = next.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–".contains(c));
        match &text[t.start..t.end] {
            "“" | "„" | "«" | "‟" | "``" => {
                if !space_before && space_after {
                    Role::Close
                } else {
                    Role::Open
                }
            }
            "”" | "»" => {
                if space_before && !space_after {
                    Role::Open
                } else {
                    Role::Close
                }
            }
            _ if space_before && !space_after => Role::Open,
            _ if !space_before && space_after => Role::Close,
            _ => Role::Either,
        }
    }

    /// Pair the quotation marks of the article; stray marks are dropped.
    ///
    /// A quote left open at the end of a paragraph continues when the next paragraph
    /// starts with an opening mark (the news convention for long quotes).
    pub(crate) fn find_quotes(&self) -> Vec<QuoteSpan> {
        let tokens = &self.doc.tokens;
        let mut quotes = Vec::new();
        let mut open: Option<usize> = None;
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut part_start = 0;
        // Paragraph of the part being read.
        let mut current = 0;
        for q in (0..tokens.len()).filter(|&i| tokens[i].kind == TokenKind::Quote) {
            let role = self.role(q);
            let para = tokens[q].paragraph;
            if let Some(o) = open {
                if para == current {
                    if role == Role::Open {
                        // A new opening mark: the one before was stray.
                        open = Some(q);
                        parts.clear();
                        part_start = tokens[q].start;
                    } else {
                        parts.push((part_start, tokens[q].end));
                        quotes.push(QuoteSpan {
                            open: o,
                            close: q,
                            parts: std::mem::take(&mut parts),
                        });
                        open = None;
                    }
                    continue;
                }
                let starts_paragraph = q > 0 && tokens[q - 1].paragraph != para;
                if para == current + 1 && starts_paragraph && role != Role::Close {
                    parts.push((part_start, tokens[q - 1].end));
                    part_start = tokens[q].start;
                    current = para;
                    continue;
                }
                open = None;
                parts.clear();
            }
            if role != Role::Close {
                open = Some(q);
                part_start = tokens[q].start;
                current = para;
            }
        }
        quotes
    }

    /// Direct statements: every quote with an attribution next to it.
    pub(crate) fn direct_statements(&mut self, quotes: &[QuoteSpan]) -> Vec<Draft> {
        let mut drafts = Vec::new();
        // Quotes already merged into the statement before.
        let mut skip = 0;
        for (qi, quote) in quotes.iter().enumerate() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let after = self.attribution_after(quote);
            let before = after.is_none();
            let found = after.or_else(|| {
                self.attribution_before(quote)
                    .map(|(s, c)| (s, c, quote.close + 1))
            });
            let Some((speaker, cue, tail_end)) = found else {
                continue;
            };
            let mut parts = quote.parts.clone();
            // The content runs from the clause start: `he "made a strategic mistake,"
            // Lichtman said`, `Trump said the justice's "mind is shot."`.
            let lead = if before {
                self.after_cue(cue.end, quote.open)
            } else {
                self.clause_start(quote.open)
            };
            if let (Some(first), Some(k)) = (parts.first_mut(), lead) {
                first.0 = self.doc.tokens[k].start;
            }
            // `"...," he said, "..."` and `"...," he said. "..."`: the quotes that follow
            // the attribution at once belong to the same statement. A quote opening the
            // next paragraph does not: it is a statement of its own with no cue
            // (`continue_with_quotes`).
            let mut next_open = self.sentence_end_after(tail_end);
            let paragraph = self.doc.tokens[quote.close].paragraph;
            while let Some(next) = quotes.get(qi + 1 + skip) {
                if next.open != next_open
                    || self.doc.tokens[next.open].paragraph != paragraph
                    || self.attribution_after(next).is_some()
                {
                    break;
                }
                parts.extend(next.parts.iter().copied());
                skip += 1;
                next_open = next.close + 1;
            }
            for i in cue.clone() {
                self.consumed[i] = true;
            }
            drafts.push(Draft {
                speaker,
                cue,
                parts,
                kind: StatementKind::Direct,
                first_token: quote.open,
            });
        }
        drafts
    }

    /// Where a quote continuing the statement would open: at `i`, right after the
    /// comma at `i` (`"...," he said, "..."`), or after the end of the attribution's
    /// sentence (`"...," said Rao, an economist. "..."`), in the same paragraph.
    fn sentence_end_after(&self, i: usize) -> usize {
        let tokens = &self.doc.tokens;
        if i == 0 || i >= tokens.len() {
            return usize::MAX;
        }
        let para = tokens[i - 1].paragraph;
        let mut k = i;
        while k < tokens.len() && tokens[k].paragraph == para && k - i < 40 {
            if tokens[k].kind == TokenKind::Quote {
                let right_after = k == i || (k == i + 1 && tokens[i].kind == TokenKind::Punct);
                return if right_after { k } else { usize::MAX };
            }
            // A period inside the sentence (`(D-S.C.)`) ends nothing.
            let sentence_last = self.doc.sentences[self.doc.sentence_of[k]].last;
            if matches!(self.doc.word(k), "." | "!" | "?") && sentence_last <= k + 3 {
                let next = sentence_last;
                let same = tokens.get(next).is_some_and(|t| t.paragraph == para);
                return if same { next } else { usize::MAX };
            }
            k += 1;
        }
        usize::MAX
    }

    /// The first content token after a cue ending at `cue_end` when words stand
    /// between it and the quote opening at `open` (`said the justice's "..."`); none
    /// when a colon opens the quote (`told the council: "..."`: the words before it
    /// are the addressee).
    fn after_cue(&self, cue_end: usize, open: usize) -> Option<usize> {
        if open > 0 && self.doc.is_punct(open - 1, ":") {
            return None;
        }
        let k = (cue_end..open).find(|&k| self.doc.tokens[k].kind == TokenKind::Word)?;
        let words = (k..open)
            .filter(|&j| self.doc.tokens[j].kind == TokenKind::Word)
            .count();
        (words >= 2).then_some(k)
    }

    /// The first token of the sentence of the quote opening at `open` when words of
    /// the same clause come before the mark (`he "made a strategic mistake,"`).
    fn clause_start(&self, open: usize) -> Option<usize> {
        let s = &self.doc.sentences[self.doc.sentence_of[open]];
        if open == s.first || matches!(self.doc.word(open - 1), ":" | "," | "—" | "(") {
            return None;
        }
        let words = (s.first..open)
            .filter(|&j| self.doc.tokens[j].kind == TokenKind::Word && !self.in_quote[j])
            .count();
        (words >= 2 && (s.first..open).all(|j| !self.in_quote[j])).then_some(s.first)
    }

    /// True when the mark at `k` ends its sentence (not `(D-Ore.)` or `R-Ky.,`).
    fn ends_here(&self, k: usize) -> bool {
        self.doc.word(k) == ";" || self.doc.sentences[self.doc.sentence_of[k]].last <= k + 3
    }

    /// Words inside a quote.
    pub(crate) fn quote_words(&self, quote: &QuoteSpan) -> usize {
        (quote.open..quote.close)
            .filter(|&i| self.doc.tokens[i].kind == TokenKind::Word)
            .count()
    }

    /// `"...," Peskov said`, `"...," said Peskov`, `"...," he added`.
    fn attribution_after(&self, quote: &QuoteSpan) -> Option<(Range<usize>, Range<usize>, usize)> {
        let tokens = &self.doc.tokens;
        let n = tokens.len();
        let para = tokens[quote.close].paragraph;
        let mut inner = self.doc.word(quote.close.saturating_sub(1));
        // `... say, 'Well done,' " said Russell`: the comma inside a nested quote.
        if matches!(inner, "'" | "’") {
            inner = self.doc.word(quote.close.saturating_sub(2));
        }
        let mut k = quote.close + 1;
        let mut comma = matches!(inner, "," | "?" | "!" | "—" | "–" | "-");
        if k < n && self.doc.is_punct(k, ",") {
            comma = true;
            k += 1;
        }
        let mut stop = k;
        while stop < n
            && stop - k < 30
            && tokens[stop].paragraph == para
            && tokens[stop].kind != TokenKind::Quote
            && !(matches!(self.doc.word(stop), "." | "!" | "?" | ";") && self.ends_here(stop))
        {
            stop += 1;
        }
        if !comma && self.quote_words(quote) <= SCARE_QUOTE_WORDS {
            return None;
        }
        let c = (k..stop.min(k + MAX_CUE_DISTANCE))
            .find(|&c| !self.consumed[c] && self.cue_at(c).is_some())?;
        let len = self.cue_at(c)?;
        let (speaker, after) = if c == k {
            let s = self.subject_after(c + len, stop)?;
            let end = s.end;
            (s, end)
        } else {
            let s = self.subject_before(k, c)?;
            if s.start != k {
                return None;
            }
            (s, c + len)
        };
        if !comma && after < stop && !self.opens_adjunct(after) {
            return None;
        }
        // `on ABC's "This Week," Carson admitted that ...`: a title inside a clause
        // whose cue takes content of its own.
        if self.clause_start(quote.open).is_some()
            && after < stop
            && !self.opens_adjunct(after)
            && !self.doc.is_punct(after, ",")
        {
            return None;
        }
        Some((speaker, c..c + len, stop))
    }

    /// True when nothing but final punctuation follows the closing mark at `close`
    /// in its sentence.
    fn closes_sentence(&self, close: usize) -> bool {
        let s = &self.doc.sentences[self.doc.sentence_of[close]];
        (close + 1..s.last).all(|k| self.doc.tokens[k].kind != TokenKind::Word)
    }

    /// True when token `i` starts an adjunct (`in a statement`, `on Sunday`).
    pub(crate) fn opens_adjunct(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
            && (is_adjunct_preposition(&self.lower[i]) || is_time_word(&self.lower[i]))
    }

    /// `Peskov said: "..."`, `He says, "..."`, `The New York Times reports:` (paragraph) `"..."`.
    fn attribution_before(&self, quote: &QuoteSpan) -> Option<(Range<usize>, Range<usize>)> {
        let o = quote.open;
        if o == 0 {
            return None;
        }
        let tokens = &self.doc.tokens;
        let colon = self.doc.is_punct(o - 1, ":");
        let end = if colon || self.doc.is_punct(o - 1, ",") {
            o - 1
        } else {
            o
        };
        if end == 0 || (tokens[end - 1].paragraph != tokens[o].paragraph && !colon) {
            return None;
        }
        if !self.closes_sentence(quote.close) {
            return None;
        }
        let floor = self.doc.sentences[self.doc.sentence_of[end - 1]].first;
        let mut c = end;
        while c > floor && end - c < 8 && tokens[c - 1].kind == TokenKind::Word {
            c -= 1;
            if matches!(&self.lower[c], "that" | "if" | "whether" | "as") {
                return None;
            }
            if self.consumed[c] {
                continue;
            }
            if let Some(len) = self.cue_at(c) {
                if c + len > end || &self.lower[c] == "according" {
                    continue;
                }
                let sentence = self.doc.sentences[self.doc.sentence_of[c]];
                // `Trump said, adding, "..."`: the participle's clause subject.
                let speaker = match self.cue_subject(&sentence, floor, c, &Drafts::default()) {
                    Some(sp) => sp,
                    None if self.follows_conjunction(&sentence, c) => {
                        self.main_subject(&sentence, c, &Drafts::default())?
                    }
                    None => return None,
                };
                return Some((speaker, c..c + len));
            }
        }
        None
    }
}
