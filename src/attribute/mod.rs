//! Attribution: find every attributed statement of an article and who made it.
//!
//! Direct quotes are paired and attributed first ([`quotes`]); the cues left over
//! introduce reported speech ([`reported`]); speakers are then resolved to the
//! full names the article gives ([`resolve`]).

mod adjuncts;
mod bounds;
mod colon;
mod continuation;
pub mod cues;
mod drafts;
mod headline;
mod lower;
mod names;
mod nonsource;
mod nouns;
mod participle;
mod posts;
mod quotes;
mod relay;
mod reported;
mod resolve;
mod speaker;
pub mod tagger;
mod titles;
mod words;

pub use cues::CueLexicon;

use crate::record::{ByteSpan, CharIndex, CharSpan, Statement, StatementKind};
use crate::segment::{Document, TokenKind};
use drafts::Drafts;
use lower::LowerWords;
use std::ops::Range;
use words::is_narrator;

/// The working state of one article: tokens, lower-cased words and what is used up.
pub(crate) struct Ctx<'a> {
    pub(crate) doc: Document<'a>,
    /// Lower-cased text of each token.
    pub(crate) lower: LowerWords,
    /// True for the tokens inside a paired quote, marks included.
    pub(crate) in_quote: Vec<bool>,
    /// True for cue tokens already attributed.
    pub(crate) consumed: Vec<bool>,
    /// True for each sentence that is a title-case headline.
    headline: Vec<bool>,
    cues: &'a CueLexicon,
}

/// A statement before its speaker is resolved; token ranges and byte parts.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub speaker: Range<usize>,
    pub cue: Range<usize>,
    /// Content fragments as byte ranges, in order.
    pub parts: Vec<(usize, usize)>,
    pub kind: StatementKind,
    /// First token of the content (for the sentence index).
    pub first_token: usize,
}

impl Draft {
    fn content(&self) -> (usize, usize) {
        let start = self.parts.first().map_or(0, |p| p.0);
        let end = self.parts.last().map_or(0, |p| p.1);
        (start, end)
    }
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, cues: &'a CueLexicon) -> Self {
        let doc = Document::new(text);
        let lower = LowerWords::new(&doc);
        let n = doc.tokens.len();
        let headline = headline::title_case_sentences(&doc, &lower);
        Ctx {
            headline,
            doc,
            lower,
            in_quote: vec![false; n],
            consumed: vec![false; n],
            cues,
        }
    }

    /// The number of tokens of the cue starting at token `i`, if one does.
    pub(crate) fn cue_at(&self, i: usize) -> Option<usize> {
        let tokens = &self.doc.tokens;
        // A capitalized cue is a name or a noun (`United States`), except `According to`
        // and a word of a title-case headline after its first.
        let headline = self.headline[self.doc.sentence_of[i]]
            && i > self.doc.sentences[self.doc.sentence_of[i]].first;
        if tokens[i].kind != TokenKind::Word
            || (self.doc.is_capitalized(i) && &self.lower[i] != "according" && !headline)
        {
            return None;
        }
        if self.is_plural_noun_after_determiner(i) {
            return None;
        }
        let words = (i..tokens.len())
            .take_while(|&k| tokens[k].kind == TokenKind::Word)
            .map(|k| &self.lower[k]);
        self.cues.match_at(words)
    }

    /// `a series of tweets`, `the claims`, `his warnings`: a cue form in -s after a
    /// determiner or `of` is a plural noun, not a verb whose subject speaks.
    fn is_plural_noun_after_determiner(&self, i: usize) -> bool {
        let w = &self.lower[i];
        i > 0
            && self.doc.tokens[i - 1].kind == TokenKind::Word
            && (&self.lower[i - 1] == "of"
                || crate::words::DETERMINERS.contains(&self.lower[i - 1]))
            && w.ends_with('s')
            && !w.ends_with("ss")
    }
}

/// Find the attributed statements of `text` (offsets in code points).
pub fn extract(text: &str, cues: &CueLexicon) -> Vec<Statement> {
    let mut ctx = Ctx::new(text, cues);
    if ctx.doc.tokens.is_empty() {
        return Vec::new();
    }
    let quotes = ctx.find_quotes();
    for q in &quotes {
        for flag in &mut ctx.in_quote[q.open..=q.close] {
            *flag = true;
        }
    }
    let mut drafts = Drafts::new(ctx.direct_statements(&quotes));
    ctx.colon_statements(&mut drafts);
    ctx.reported_statements(&mut drafts);
    let mut drafts = drafts.into_vec();
    ctx.noun_statements(&mut drafts);
    drafts.retain(|d| !ctx.names_no_source(d) && !ctx.tells_only_the_listener(d));
    drop_nested(&ctx, &mut drafts);
    // Continuations first: a post is no speaker whose quotes carry on into the article.
    ctx.continue_with_quotes(&mut drafts, &quotes);
    ctx.post_statements(&mut drafts);
    drafts.sort_by_key(|d| d.speaker.start);
    let names = ctx.name_index();
    let mut resolver = resolve::Resolver::default();
    let chars = CharIndex::new(text);
    let mut statements: Vec<Statement> = drafts
        .iter()
        .map(|d| {
            let floor = ctx.doc.sentences[ctx.doc.sentence_of[d.speaker.start]].first;
            let speaker = resolver.resolve(&ctx, &names, d.speaker.clone(), floor);
            to_statement(&ctx, &chars, d, speaker)
        })
        .collect();
    // A speaker still `we` or `you` after resolution is the writer or the reader:
    // narration, not a source's statement.
    statements.retain(|s| !is_narrator(&s.speaker.to_lowercase()));
    statements.sort_by_key(|s| (s.start, s.end));
    statements.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    statements
}

/// The canonical speaker name of each speaker mention (code points, in any order), as
/// the rules resolve their own: pronouns, short names and descriptions to the full name
/// the article gave before. A mention that covers no word keeps its text.
pub fn resolve_speakers(text: &str, cues: &CueLexicon, mentions: &[CharSpan]) -> Vec<String> {
    let ctx = Ctx::new(text, cues);
    let chars = CharIndex::new(text);
    let tokens = &ctx.doc.tokens;
    let names = ctx.name_index();
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].start);
    let mut resolver = resolve::Resolver::default();
    let mut out = vec![String::new(); mentions.len()];
    for i in order {
        let bytes = chars.bytes(mentions[i]);
        let first = tokens.partition_point(|t| t.end <= bytes.start);
        let last = tokens.partition_point(|t| t.start < bytes.end);
        out[i] = if first < last {
            let floor = ctx.doc.sentences[ctx.doc.sentence_of[first]].first;
            resolver.resolve(&ctx, &names, first..last, floor)
        } else {
            text[bytes.range()].to_string()
        };
    }
    out
}

/// Drop the indirect statements whose speaker lies inside another statement's
/// content; embedded quotes stay. Of two statements inside each other's content
/// (`X said that ..., according to Y`) the later cue is the outer one and stays.
fn drop_nested(ctx: &Ctx, drafts: &mut Vec<Draft>) {
    // Both rules need the cue of `d` inside the content of the other draft: only drafts
    // whose content starts at most the longest content's length before the cue can hold
    // it, so each draft is compared with its neighbours, not the whole article.
    let mut by_start: Vec<usize> = (0..drafts.len()).collect();
    by_start.sort_by_key(|&i| drafts[i].content().0);
    let starts: Vec<usize> = by_start.iter().map(|&i| drafts[i].content().0).collect();
    let longest = drafts
        .iter()
        .map(|d| d.content().1.saturating_sub(d.content().0))
        .max()
        .unwrap_or(0);
    let t = &ctx.doc.tokens;
    let relay: Vec<bool> = drafts
        .iter()
        .map(|d| ctx.is_relay(d.speaker.clone()))
        .collect();
    // `X said ..., Reuters reported`: the relay drops out and X's statement stays.
    let mut relayed = vec![false; drafts.len()];
    let mut relay_pairs: Vec<(usize, usize)> = Vec::new();
    let nested: Vec<bool> = drafts
        .iter()
        .enumerate()
        .map(|(j, d)| {
            if d.kind != StatementKind::Indirect {
                return false;
            }
            let cue = t[d.cue.start].start;
            let lo = starts.partition_point(|&s| s.saturating_add(longest) < cue);
            let hi = starts.partition_point(|&s| s <= cue);
            by_start[lo..hi.max(lo)].iter().any(|&i| {
                let e = &drafts[i];
                let inside = ctx.inside_of(d, e);
                if inside && relay[i] && !relay[j] && ctx.is_speech_verb(d.cue.clone()) {
                    relayed[i] = true;
                    relay_pairs.push((j, i));
                    return false;
                }
                (inside && (!ctx.inside_of(e, d) || e.cue.start > d.cue.start))
                    || ctx.coordinated_in(d, e)
            })
        })
        .collect();
    for (source, relay) in relay_pairs {
        let relay = drafts[relay].clone();
        cut_relay(ctx, &mut drafts[source], &relay);
    }
    let mut k = 0;
    drafts.retain(|_| {
        k += 1;
        !nested[k - 1] && !relayed[k - 1]
    });
}

/// `The talks collapsed, an official said, Reuters reported.`: the relay's own speaker
/// and cue leave the source's content; a part that runs into them ends before them,
/// without the comma that joined them. The content stays whole if nothing would be left.
fn cut_relay(ctx: &Ctx, source: &mut Draft, relay: &Draft) {
    let t = &ctx.doc.tokens;
    let r0 = t[relay.speaker.start].start.min(t[relay.cue.start].start);
    let r1 = t[relay.speaker.end - 1].end.max(t[relay.cue.end - 1].end);
    let kept: Vec<(usize, usize)> = source
        .parts
        .iter()
        .filter_map(|&(p0, p1)| {
            if p1 <= r0 || r1 <= p0 {
                return Some((p0, p1));
            }
            let cut = p0
                + ctx.doc.text[p0..r0.max(p0)]
                    .trim_end_matches([' ', ',', '\n'])
                    .len();
            (cut > p0).then_some((p0, cut))
        })
        .collect();
    if !kept.is_empty() {
        source.parts = kept;
    }
}

impl Ctx<'_> {
    /// True when the speaker and cue of draft `i` lie inside the content of another draft.
    pub(crate) fn inside_content(&self, i: usize, drafts: &Drafts) -> bool {
        let d = &drafts.list()[i];
        let t = &self.doc.tokens;
        let (s0, c1) = (t[d.speaker.start].start, t[d.cue.end - 1].end);
        let cue0 = t[d.cue.start].start;
        drafts.parts().holds(s0.min(cue0), s0.max(c1), i)
    }

    /// True when the cue of `d` is a participle coordinated inside the content of `e`
    /// (`accusing Russia of annexing Crimea and supporting separatists`): its speaker
    /// was borrowed from the clause, so it says nothing `e` does not.
    fn coordinated_in(&self, d: &Draft, e: &Draft) -> bool {
        let t = &self.doc.tokens;
        let (cue0, cue1) = (t[d.cue.start].start, t[d.cue.end - 1].end);
        !std::ptr::eq(e, d)
            && d.cue.start > 0
            && self.lower[d.cue.start].ends_with("ing")
            && matches!(&self.lower[d.cue.start - 1], "and" | "or")
            && e.parts.iter().any(|&(p0, p1)| p0 <= cue0 && cue1 <= p1)
    }

    /// True when the speaker and cue of `d` lie inside the content of `e` (not `d`).
    fn inside_of(&self, d: &Draft, e: &Draft) -> bool {
        let t = &self.doc.tokens;
        let (s0, c1) = (t[d.speaker.start].start, t[d.cue.end - 1].end);
        let (cue0, cue1) = (t[d.cue.start].start, t[d.cue.end - 1].end);
        !std::ptr::eq(e, d)
            && e.parts
                .iter()
                .any(|&(p0, p1)| p0 <= s0.min(cue0) && s0.max(cue1).max(c1) <= p1)
    }
}

fn to_statement(ctx: &Ctx, chars: &CharIndex, d: &Draft, speaker: String) -> Statement {
    let t = &ctx.doc.tokens;
    let (start_b, end_b) = d.content();
    let mention = chars.chars(ByteSpan::new(
        t[d.speaker.start].start,
        t[d.speaker.end - 1].end,
    ));
    // A quote paragraph that continues a speaker has no cue of its own.
    let cue_bytes =
        (!d.cue.is_empty()).then(|| ByteSpan::new(t[d.cue.start].start, t[d.cue.end - 1].end));
    let cue = cue_bytes.map_or("", |c| &ctx.doc.text[c.range()]);
    let parts = if d.parts.len() > 1 {
        d.parts
            .iter()
            .map(|&(s, e)| [chars.char_of(s), chars.char_of(e)])
            .collect()
    } else {
        Vec::new()
    };
    Statement {
        speaker,
        speaker_mention: Some(mention),
        cue: cue.to_string(),
        content: ctx.doc.text[start_b..end_b].to_string(),
        start: chars.char_of(start_b),
        end: chars.char_of(end_b),
        kind: d.kind,
        sentence: Some(ctx.doc.sentence_of[d.first_token]),
        parts,
        cue_mention: cue_bytes.map(|c| chars.chars(c)),
        window: Some(chars.chars(sentence_window(ctx, d))),
        ..Default::default()
    }
}

/// The whole sentences holding the content and the speaker mention of `d`, so the cue
/// and the attribution are in view of the stance model, as in its training statements.
fn sentence_window(ctx: &Ctx, d: &Draft) -> ByteSpan {
    let t = &ctx.doc.tokens;
    let (content_start, content_end) = d.content();
    let start = content_start.min(t[d.speaker.start].start);
    let end = content_end.max(t[d.speaker.end - 1].end);
    crate::segment::whole_sentences(&ctx.doc.sentences, ByteSpan::new(start, end))
}
