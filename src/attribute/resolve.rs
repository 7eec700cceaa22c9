//! Turning a speaker mention into the canonical name the article gives: pronouns
//! (`he added`), short names (`Peskov`, `President Putin`) and descriptions
//! (`the spokesman`) resolve to the full name introduced earlier.

use super::Ctx;
use super::names::NameIndex;
use super::titles::{is_org_word, is_title};
use super::words::{is_determiner, is_person_pronoun};
use crate::parties::text::strip_possessive;
use crate::words::{FEMALE_FIRST_NAMES, INDEFINITE_DETERMINERS, MALE_FIRST_NAMES};
use std::ops::Range;

/// What resolution needs to remember from the statements before.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    /// The persons resolved so far, the latest last.
    persons: Vec<String>,
    last_group: Option<String>,
}

impl Resolver {
    /// The canonical speaker of `mention`, remembering it for later pronouns.
    pub(crate) fn resolve(
        &mut self,
        ctx: &Ctx,
        names: &NameIndex,
        mention: Range<usize>,
        floor: usize,
    ) -> String {
        let (name, person) = self.canonical(ctx, names, mention, floor);
        // An unresolved pronoun (`I asked him`, the writer) is no antecedent for a later
        // `he` or `they`.
        if person {
            if !is_person_pronoun(&name.to_lowercase()) {
                self.persons.push(name.clone());
            }
        } else if !name.is_empty() && name.chars().next().is_some_and(|c| c.is_uppercase()) {
            self.last_group = Some(name.clone());
        }
        name
    }

    /// The canonical name of `mention` and whether it is a person's.
    fn canonical(
        &self,
        ctx: &Ctx,
        names: &NameIndex,
        mention: Range<usize>,
        floor: usize,
    ) -> (String, bool) {
        if mention.len() == 1
            && let Some(resolved) = self.pronoun(ctx, names, mention.clone(), floor)
        {
            return resolved;
        }
        // `"...," the California Democrat said`: the member of Congress just quoted or
        // named, as for `he`.
        if crate::parties::is_us_state_partisan(&ctx.span_text(mention.clone()))
            && let Some(name) = self.latest_person(names, mention.start, |_| true)
        {
            return (name, true);
        }
        if ctx.is_non_source(&mention) {
            // `Shortly after Iran shot down a drone, Trump ordered ...`: the subject after
            // the opening clause's comma.
            if let Some(subject) = subject_after_comma(ctx, mention.start) {
                return self.canonical(ctx, names, subject, floor);
            }
            // `Still, Rees-Mogg pointed out ... and asks`: the person the sentence names
            // after the word, else the last person named.
            let sentence = &ctx.doc.sentences[ctx.doc.sentence_of[mention.start]];
            let run = names
                .person_within(mention.end, sentence.last)
                .or_else(|| names.person_before(mention.start));
            if let Some(run) = run {
                return (run.text.clone(), true);
            }
            return (String::new(), false);
        }
        // `China and Russia`: a joint speaker keeps every name.
        if mention
            .clone()
            .any(|k| &ctx.lower[k] == "and" && k > mention.start && ctx.doc.is_capitalized(k - 1))
        {
            return (ctx.span_text(mention), false);
        }
        // `Officials in Kyiv`, `the agency in Geneva`: a description with a place or a body
        // after a preposition is the description, not the place.
        let place_preposition =
            |k: usize| matches!(&ctx.lower[k][..], "in" | "at" | "with" | "from");
        let described_place = mention
            .clone()
            .skip(1)
            .any(|k| place_preposition(k) && !ctx.doc.is_capitalized(k - 1))
            || (mention.len() > 2 && place_preposition(mention.start + 1));
        if described_place {
            return (ctx.span_text(mention), false);
        }
        if ctx.doc.is_capitalized(mention.end - 1) {
            return named(ctx, names, mention);
        }
        // A description (`the spokesman`): the name it was attached to before.
        // `a U.S. Treasury spokesman` introduces someone new: it is the name it was
        // attached to only as an apposition right after that name (`Steve Baker, a former
        // Brexit minister, said`), not the spokesman quoted paragraphs before.
        let indefinite = INDEFINITE_DETERMINERS.contains(&ctx.lower[mention.start]);
        if is_determiner(&ctx.lower[mention.start]) {
            let head = strip_possessive(&ctx.lower[mention.end - 1]);
            if let Some(run) = names.described(head, mention.start)
                && (!indefinite || run.pos + run.words.len() + 2 >= mention.start)
            {
                return (run.text.clone(), run.person);
            }
        }
        (ctx.span_text(mention), false)
    }

    /// The latest person speaking that `allows` accepts, else the latest named before
    /// token `start`: whom `he` or `the California Democrat` means.
    fn latest_person(
        &self,
        names: &NameIndex,
        start: usize,
        allows: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let latest = self.persons.iter().rev().find(|n| allows(n)).cloned();
        latest.or_else(|| {
            names
                .persons_before(start)
                .find(|r| allows(&r.text))
                .map(|r| r.text.clone())
        })
    }

    /// A one-word pronoun speaker: the last person (`he`), the antecedent of a relative
    /// pronoun (`who`), or the last group (`they`); None for any other word.
    fn pronoun(
        &self,
        ctx: &Ctx,
        names: &NameIndex,
        mention: Range<usize>,
        floor: usize,
    ) -> Option<(String, bool)> {
        let first = &ctx.lower[mention.start];
        if (is_person_pronoun(first) && first != "who") || matches!(first, "his" | "her") {
            // The latest person speaking, else named, whom the pronoun's sex allows.
            let allows = |name: &str| pronoun_allows(first, name);
            return Some(match self.latest_person(names, mention.start, allows) {
                Some(name) => (name, true),
                None => (ctx.span_text(mention), true),
            });
        }
        if matches!(first, "who" | "which") {
            if let Some(np) = ctx.antecedent(floor, mention.start)
                && np.start != mention.start
            {
                return Some(self.canonical(ctx, names, np, floor));
            }
            return Some((ctx.span_text(mention), false));
        }
        if matches!(first, "it" | "they" | "we" | "its" | "their") {
            return Some(match &self.last_group {
                Some(g) => (g.clone(), false),
                None => (ctx.span_text(mention), false),
            });
        }
        None
    }
}

/// False when `pronoun` cannot mean the person `name` by the first name's sex (`she`
/// for `Andy Beshear`, `he` for `Rashida Tlaib`); true for names of either or unknown sex.
fn pronoun_allows(pronoun: &str, name: &str) -> bool {
    let first = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    match pronoun {
        "she" | "her" => !MALE_FIRST_NAMES.contains(&first),
        "he" | "his" | "him" => !FEMALE_FIRST_NAMES.contains(&first),
        _ => true,
    }
}

/// A speaker ending in a capitalised word: the name as the article writes it, or the full
/// name of a person the article names by one word (`Peskov`, `President Putin`).
fn named(ctx: &Ctx, names: &NameIndex, mention: Range<usize>) -> (String, bool) {
    let run_start = ctx
        .doc
        .capitalized_run_start(mention.end - 1, mention.start);
    // `Dianne Feinstein of California`: the person, not the place they are of; also when
    // the body goes on past the mention (`Anthony Cordesman of the Center for Strategic`).
    let first_of = (mention.start + 2..mention.end).find(|&k| &ctx.lower[k] == "of");
    let person = person_before_of(ctx, run_start, mention.start)
        .or_else(|| first_of.and_then(|of| person_before_of(ctx, of + 1, mention.start)));
    let (mut run_start, end) = match person {
        Some(person) => (person.start, person.end),
        None => (body_name_start(ctx, run_start, mention.start), mention.end),
    };
    // `the Kremlin`: the article's own determiner stays with the name.
    if run_start > mention.start && &ctx.lower[run_start - 1] == "the" {
        run_start -= 1;
    }
    // `The New York Times`: keep the determiner, the article writes it that way.
    let Some(name) = ctx.name_from_run(run_start..end) else {
        return (ctx.span_text(mention), false);
    };
    // `the President`, `The Prime Minister`: a title without a name.
    if name
        .clone()
        .all(|k| is_title(strip_possessive(&ctx.lower[k])))
        && let Some(resolved) = titled(ctx, names, run_start..end)
    {
        return resolved;
    }
    if name.len() == 1 {
        let word = strip_possessive(&ctx.lower[name.start]);
        if let Some(r) = names.person_with_word(word, mention.start) {
            return (r.text.clone(), true);
        }
    }
    let words: Vec<&str> = name.clone().map(|k| &ctx.lower[k]).collect();
    let person = words.len() >= 2 && !words.iter().any(|w| is_org_word(strip_possessive(w)));
    // Keep a leading determiner (`The New York Times`), drop titles.
    let only_determiners = (run_start..name.start).all(|k| is_determiner(&ctx.lower[k]));
    let text = if only_determiners {
        ctx.span_text(run_start..end)
    } else {
        ctx.span_text(name)
    };
    (text, person)
}

/// The person named before `of` when the capitalised run at `run_start` follows `of` and
/// the words before it are a person's name (`Sen. Dianne Feinstein of California`, not
/// `the Bank of England`).
fn person_before_of(ctx: &Ctx, run_start: usize, floor: usize) -> Option<Range<usize>> {
    if run_start < floor + 2 || &ctx.lower[run_start - 1] != "of" {
        return None;
    }
    let end = run_start - 1;
    let run = ctx.doc.capitalized_run_start(end, floor);
    // `Sen. Dianne Feinstein`: leading titles are no part of the name.
    let start = (run..end)
        .find(|&k| !is_title(&ctx.lower[k]))
        .unwrap_or(end);
    let words = start..end;
    // Two or three plain name words: no title (`U.S. Secretary of Defense`), no body, no
    // acronym (`UN Secretary-General Antonio Guterres of Portugal`), and the run is not
    // itself part of an `of` name (`the Ministry of Foreign Affairs of Qatar`).
    let plain = |k: usize| {
        let word = ctx.doc.word(k);
        !is_org_word(strip_possessive(&ctx.lower[k]))
            && !is_determiner(&ctx.lower[k])
            && !is_title(&ctx.lower[k])
            && word.chars().any(char::is_lowercase)
    };
    let inside_name = run > floor && matches!(&ctx.lower[run - 1][..], "of" | "the");
    let person = (2..=3).contains(&words.len()) && words.clone().all(plain) && !inside_name;
    person.then_some(start..end)
}

/// Where a body's name that runs on through `of` starts (`the Ministry of Defense`, `the
/// Civil Aviation Authority of Singapore`, `Islamic Organization of the Southern Tier`):
/// the words before `of` must name a body (an organisation word, no title), so `Nate Jones
/// of Amnesty`, `Secretary of State Mike Pompeo` stay as they are. `run_start` opens the
/// capitalised run after `of`; a possessive in it (`Defense's John Kirby`) stops the join.
fn body_name_start(ctx: &Ctx, mut run_start: usize, floor: usize) -> usize {
    let possessive = |k: usize| strip_possessive(&ctx.lower[k]) != &ctx.lower[k][..];
    loop {
        let mut of = run_start;
        if of > floor && &ctx.lower[of - 1] == "the" {
            of -= 1;
        }
        if of < floor + 2 || &ctx.lower[of - 1] != "of" || !ctx.doc.is_capitalized(of - 2) {
            return run_start;
        }
        let before = ctx.doc.capitalized_run_start(of - 1, floor);
        let words = before..of - 1;
        let body = words.clone().any(|k| is_org_word(&ctx.lower[k]))
            && !words.clone().any(|k| is_title(&ctx.lower[k]));
        let after_possessive = (run_start
            ..ctx.doc.capitalized_run_end(run_start, ctx.doc.tokens.len()))
            .any(possessive);
        if !body || after_possessive {
            return run_start;
        }
        run_start = before;
    }
}

/// A speaker that is only a title (`the President`, `The Prime Minister`): the person the
/// article introduced with that title before, by their full name where it gives one.
fn titled(ctx: &Ctx, names: &NameIndex, title: Range<usize>) -> Option<(String, bool)> {
    let words: Vec<&str> = title
        .clone()
        .map(|k| strip_possessive(&ctx.lower[k]))
        .filter(|w| !is_determiner(w))
        .collect();
    let run = names.described_by_all(&words, title.start)?;
    if run.person {
        return Some((run.text.clone(), true));
    }
    // `President Trump ... the President`: the one-word name, then its full form.
    let [word] = run.words.as_slice() else {
        return None;
    };
    let full = names.person_with_word(word, title.start)?;
    Some((full.text.clone(), true))
}

/// The subject that opens the main clause after the first comma of the sentence holding
/// token `start`: a pronoun, a capitalised name, or `the` and one word (`the president`).
fn subject_after_comma(ctx: &Ctx, start: usize) -> Option<Range<usize>> {
    let sentence = &ctx.doc.sentences[ctx.doc.sentence_of[start]];
    let comma = (start + 1..sentence.last).find(|&k| ctx.doc.is_punct(k, ","))?;
    let first = comma + 1;
    if first >= sentence.last {
        return None;
    }
    let word = &ctx.lower[first];
    if is_person_pronoun(word) && word != "who" {
        return Some(first..first + 1);
    }
    if ctx.doc.is_capitalized(first) {
        return Some(first..ctx.doc.capitalized_run_end(first, sentence.last));
    }
    // `the president`, `the New York Democrat`: a title, or a capitalised run.
    let next = first + 1;
    if word != "the" || next >= sentence.last {
        return None;
    }
    let mut end = ctx.doc.capitalized_run_end(next, sentence.last);
    // `the New York congresswoman`: the title after the run belongs to it.
    while end < sentence.last && !ctx.doc.is_capitalized(end) && is_title(&ctx.lower[end]) {
        end += 1;
    }
    (end > next).then_some(first..end)
}
