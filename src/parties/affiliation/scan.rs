//! The token scan behind [`super::Affiliations`]: party-bearing titles before a name,
//! appositions after it, `President X of Russia`, and members of Congress.

use crate::parties::mentions::Found;
use crate::parties::text::{
    Token, is_capitalised, is_party_tag, is_possessive_token, opens_body_name, tokenize,
};
use crate::words::{
    AFFILIATION_ROLE_WORDS, CONGRESS_WORDS, FORMER_WORDS, NAME_PARTICLES, NON_HEAD_TITLE_WORDS,
    NOT_NAMES, PARTY_TITLE_WORDS,
};
use std::collections::{HashMap, HashSet};

pub(super) const MAX_NAME_WORDS: usize = 5;
pub(super) const MAX_TITLE_WORDS: usize = 7;

/// The tokens of an article with the party mentions aligned to them.
pub(super) struct Scan<'t> {
    pub(super) text: &'t str,
    pub(super) tokens: Vec<Token>,
    /// Party of the mention that starts at token i, with the mention's last token.
    pub(super) mention_at: HashMap<usize, (usize, usize)>,
    /// Tokens inside a party mention.
    pub(super) in_mention: Vec<bool>,
    /// Organisations and blocs: their `ambassador` or `envoy` speaks for a member state.
    pub(super) organisations: HashSet<usize>,
    /// The party members of the US Congress speak for, where the gazetteer has it.
    pub(super) congress: Option<usize>,
}

impl<'t> Scan<'t> {
    pub(super) fn new(text: &'t str, mentions: &[Found], organisations: HashSet<usize>) -> Self {
        let tokens = tokenize(text);
        let mut mention_at = HashMap::new();
        let mut in_mention = vec![false; tokens.len()];
        for m in mentions {
            let first = tokens.partition_point(|t| t.start < m.start);
            let last = tokens.partition_point(|t| t.end <= m.end);
            if first < last && tokens[first].start == m.start && tokens[last - 1].end == m.end {
                mention_at.insert(first, (m.party, last - 1));
                in_mention[first..last].iter_mut().for_each(|b| *b = true);
            }
        }
        Scan {
            text,
            tokens,
            mention_at,
            in_mention,
            organisations,
            congress: None,
        }
    }

    pub(super) fn word(&self, i: usize) -> &'t str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    pub(super) fn is_possessive(&self, i: usize) -> bool {
        is_possessive_token(self.text, &self.tokens, i)
    }

    /// All `(first name token, last name token, party)` found by the three patterns.
    pub(super) fn affiliations(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (&first, &(party, last)) in &self.mention_at {
            // Party + title + name: `Russian President Vladimir Putin`; not across a line
            // (a headline ending `... against Iran` over `President Trump said`).
            if !self.line_break_after(last)
                && let Some(after) = self.title_after(last + 1)
                && let Some(name_end) = self.name_from(self.skip(after, ","))
                && !self.is_envoy_to(party, last + 1, after)
                && !self.is_former(first, after)
            {
                out.push((self.skip(after, ","), name_end, party));
            }
            // Title + name + of + party: `President Vladimir Putin of Russia`.
            if let Some(name) = self.name_before_of(first) {
                out.push((name.0, name.1, party));
            }
        }
        // Name + apposition: `Dmytro Kuleba, Ukraine's foreign minister`.
        for comma in (0..self.tokens.len()).filter(|&i| self.word(i) == ",") {
            if let Some((first, party)) = self
                .apposition(comma)
                .or_else(|| self.role_apposition(comma))
            {
                out.push((first, comma - 1, party));
            }
        }
        // Name + of + body: `Nate Jones of the National Security Archive`.
        for of in (1..self.tokens.len()).filter(|&i| self.word(i) == "of") {
            if let Some((first, last)) = self.name_ending_at(of - 1)
                && let Some(party) = self.mention_after(of + 1)
            {
                out.push((first, last, party));
            }
        }
        out.extend(self.congress_members());
        out.sort_unstable();
        out
    }

    /// Members of the US Congress: `Republican Sen. Jeff Flake`, `Sen. Cory Gardner,
    /// R-Colo.`, `Elizabeth Warren (D-MA)`.
    pub(super) fn congress_members(&self) -> Vec<(usize, usize, usize)> {
        let Some(us) = self.congress else {
            return Vec::new();
        };
        let is = |kind: &str, i: usize| {
            let w = self.word(i).trim_end_matches('.').to_lowercase();
            CONGRESS_WORDS.contains(&format!("{kind} {w}"))
        };
        let mut out = Vec::new();
        for i in 0..self.tokens.len() {
            if is_capitalised(self.word(i)) && is("party", i) && is("title", i + 1) {
                let start = self.skip(i + 2, ".");
                if let Some(last) = self.name_from(start) {
                    out.push((start, last, us));
                }
            }
            // `Sen. Jon Tester, a Montana Democrat`.
            if is_capitalised(self.word(i))
                && is("title", i)
                && let Some(last) = self.name_from(self.skip(i + 1, "."))
                && self.word(last + 1) == ","
                && (last + 2..last + 6).any(|k| is("party", k) && is_capitalised(self.word(k)))
            {
                out.push((self.skip(i + 1, "."), last, us));
            }
            if is_party_tag(self.word(i))
                && i >= 2
                && matches!(self.word(i - 1), "," | "(")
                && let Some((first, last)) = self.name_ending_at(i - 2)
            {
                out.push((first, last, us));
            }
        }
        out
    }

    /// True for `UN ambassador`, `EU envoy`: a state's representative to an organisation.
    pub(super) fn is_envoy_to(&self, party: usize, title_start: usize, title_end: usize) -> bool {
        self.organisations.contains(&party)
            && (title_start..title_end).any(|i| {
                matches!(
                    self.word(i).to_lowercase().as_str(),
                    "ambassador" | "envoy" | "representative"
                )
            })
    }

    /// True for `Former Mexican president`, `Mexico's former president`: a title of the
    /// past, whose holder speaks for no party (the guide), from the party mention at
    /// `first` to the end of the title at `after`.
    pub(super) fn is_former(&self, first: usize, after: usize) -> bool {
        let former = |i: usize| FORMER_WORDS.contains(self.word(i).to_lowercase().as_str());
        // `former New York City Mayor`: the place before a local office may stand
        // between the former-word and the title.
        // So may a title word (`former acting CIA Director`, `former deputy Russian
        // foreign minister`).
        let mut start = first;
        while start > 0 && first - start < 4 {
            let before = self.word(start - 1);
            let title_word = NON_HEAD_TITLE_WORDS.contains(before.to_lowercase().as_str());
            if !(is_capitalised(before) || title_word) || former(start - 1) {
                break;
            }
            start -= 1;
        }
        (start > 0 && former(start - 1)) || (start..after).any(former)
    }

    /// Index after `i` when token `i` is `word`, else `i`.
    pub(super) fn skip(&self, i: usize, word: &str) -> usize {
        if self.word(i) == word { i + 1 } else { i }
    }

    /// The index after a title that starts at `i` (past a possessive) and ends on a head.
    pub(super) fn title_after(&self, i: usize) -> Option<usize> {
        let mut i = if self.is_possessive(i) { i + 1 } else { i };
        if matches!(self.word(i), "of" | "the" | "for" | "and") {
            return None;
        }
        let mut head_end = None;
        for _ in 0..MAX_TITLE_WORDS {
            if self.is_possessive(i) {
                i += 1;
                continue;
            }
            let lower = self.word(i).to_lowercase();
            if !PARTY_TITLE_WORDS.contains(lower.as_str()) {
                break;
            }
            i += 1;
            if !NON_HEAD_TITLE_WORDS.contains(lower.as_str()) {
                head_end = Some(i);
            }
        }
        head_end
    }

    /// True when token `i` can be part of a person's name.
    pub(super) fn is_name_word(&self, i: usize) -> bool {
        let w = self.word(i);
        is_capitalised(w)
            && !NOT_NAMES.contains(w)
            && !PARTY_TITLE_WORDS.contains(w.to_lowercase().as_str())
            && !self.in_mention.get(i).copied().unwrap_or(true)
    }

    /// The last token of a name that starts at `i`.
    pub(super) fn name_from(&self, i: usize) -> Option<usize> {
        if !self.is_name_word(i) {
            return None;
        }
        let mut last = i;
        let mut j = i + 1;
        while j - i < MAX_NAME_WORDS {
            if self.is_name_word(j) {
                last = j;
            } else if !(NAME_PARTICLES.contains(self.word(j)) && self.is_name_word(j + 1)) {
                break;
            }
            j += 1;
        }
        Some(last)
    }

    /// `(first, last)` of a name that ends at `i` (two words at least).
    pub(super) fn name_ending_at(&self, i: usize) -> Option<(usize, usize)> {
        if !self.is_name_word(i) {
            return None;
        }
        let mut first = i;
        let mut j = i;
        while j > 0 && i - j + 1 < MAX_NAME_WORDS {
            j -= 1;
            if self.is_name_word(j) {
                first = j;
            } else if !(NAME_PARTICLES.contains(self.word(j)) && j > 0 && self.is_name_word(j - 1))
            {
                break;
            }
        }
        (first < i).then_some((first, i))
    }

    /// `Name, [the] Party['s] title` or `Name, title for|of [the] Party ...`.
    pub(super) fn apposition(&self, comma: usize) -> Option<(usize, usize)> {
        let (first, _) = self.name_ending_at(comma.checked_sub(1)?)?;
        let start = comma + 1;
        let i = if matches!(self.word(start), "the" | "a" | "an") {
            start + 1
        } else {
            start
        };
        if let Some(&(party, last)) = self.mention_at.get(&start).or(self.mention_at.get(&i)) {
            return self
                .title_after(last + 1)
                .or_else(|| self.possessive_role(last + 1))
                .filter(|&after| !self.is_former(start, after))
                // `Donald Trump, Russian President Vladimir Putin`: a list going on to
                // the next person, whose title this is.
                .filter(|&after| self.name_from(after).is_none())
                .map(|_| (first, party));
        }
        // `spokesperson for ...`, `secretary general of ...`; not `ambassador to`.
        let k = self.title_after(i)?;
        if !matches!(self.word(k), "for" | "of") {
            return None;
        }
        Some((first, self.mention_after(k + 1)?))
    }

    /// The index after a role word among the few words that follow a possessive at `i`
    /// (`Amnesty International's East Asia director`), within the apposition.
    fn possessive_role(&self, i: usize) -> Option<usize> {
        if !self.is_possessive(i) {
            return None;
        }
        (i + 1..i + 1 + MAX_TITLE_WORDS)
            .take_while(|&k| self.word(k).chars().any(char::is_alphanumeric))
            .find(|&k| AFFILIATION_ROLE_WORDS.contains(self.word(k).to_lowercase().as_str()))
            .map(|k| k + 1)
    }

    /// `Name, [the] <role words> of|at|for|with|from [the] Party`: a role word among
    /// the few words before a preposition (`Asia director of Human Rights Watch`).
    pub(super) fn role_apposition(&self, comma: usize) -> Option<(usize, usize)> {
        let (first, _) = self.name_ending_at(comma.checked_sub(1)?)?;
        let mut has_role = false;
        for k in comma + 1..comma + 1 + MAX_TITLE_WORDS {
            let word = self.word(k);
            // `director of operations for Doctors Without Borders`: the body may follow
            // a later preposition.
            if matches!(word, "of" | "at" | "for" | "with" | "from") {
                if has_role && let Some(p) = self.mention_after(k + 1) {
                    return Some((first, p));
                }
                continue;
            }
            if word.is_empty() || !word.chars().any(char::is_alphanumeric) {
                return None;
            }
            // `Sean Kane, a former sanctions official at the Treasury Department`.
            if FORMER_WORDS.contains(word.to_lowercase().as_str()) {
                return None;
            }
            has_role |= AFFILIATION_ROLE_WORDS.contains(word.to_lowercase().as_str());
        }
        None
    }

    /// True when a line break stands between token `i` and the next.
    fn line_break_after(&self, i: usize) -> bool {
        let end = self.tokens[i].end;
        let next = self.tokens.get(i + 1).map_or(self.text.len(), |t| t.start);
        self.text[end..next].contains('\n')
    }

    /// The party of a mention that starts at token `i`, or after a `the` there, unless
    /// a state's mention only opens the name of a body (`Washington's Brookings
    /// Institution`, `the U.S.-China Business Council`): the person is that body's, not
    /// the state's (an organisation's own units stay its: `Peace Now's Settlement Watch`).
    pub(super) fn mention_after(&self, i: usize) -> Option<usize> {
        let &(party, last) = self.mention_at.get(&i).or_else(|| {
            (self.word(i) == "the")
                .then(|| self.mention_at.get(&(i + 1)))
                .flatten()
        })?;
        let organisation = self.organisations.contains(&party);
        (organisation || !opens_body_name(self.text, self.tokens[last].end)).then_some(party)
    }

    /// The name of `Title Name of [the] <mention at i>`.
    pub(super) fn name_before_of(&self, i: usize) -> Option<(usize, usize)> {
        let mut j = i.checked_sub(1)?;
        if self.word(j) == "the" {
            j = j.checked_sub(1)?;
        }
        if self.word(j) != "of" {
            return None;
        }
        let last = j.checked_sub(1)?;
        let mut first = last;
        if !self.is_name_word(last) {
            return None;
        }
        while first > 0 && last - first + 1 < MAX_NAME_WORDS && self.is_name_word(first - 1) {
            first -= 1;
        }
        let title = self.word(first.checked_sub(1)?);
        let lower = title.to_lowercase();
        (is_capitalised(title)
            && PARTY_TITLE_WORDS.contains(lower.as_str())
            && !NON_HEAD_TITLE_WORDS.contains(lower.as_str()))
        .then_some((first, last))
    }
}
