//! Embedded posts: a paragraph that ends with the post's signature, `... — Donald J.
//! Trump (@realDonaldTrump) July 7, 2017`, as news pages print an embedded tweet. The
//! post is a direct statement of the account's owner with no cue; the signature may
//! stand on a line of its own under the post.

use super::{Ctx, Draft};
use crate::record::StatementKind;
use crate::words::MONTHS;
use std::ops::Range;

/// Most words of an account owner's name (`Vice President Mike Pence`).
const MAX_NAME_WORDS: usize = 6;
/// Most bytes of what follows the handle: the date (`July 7, 2017`, `31 декабря 2018 г.`).
const MAX_DATE_BYTES: usize = 40;

/// A post found in the text: its content and the owner's name, in bytes.
struct Post {
    content: Range<usize>,
    name: Range<usize>,
}

impl Ctx<'_> {
    /// The embedded posts of the article as drafts, replacing any draft whose cue or
    /// speaker lies inside a post or its signature.
    pub(crate) fn post_statements(&self, drafts: &mut Vec<Draft>) {
        let tokens = &self.doc.tokens;
        let posts = posts(self.doc.text);
        if posts.is_empty() {
            return;
        }
        let first_token = |b: usize| tokens.partition_point(|t| t.end <= b);
        // A draft whose cue or speaker stands in the post or its signature is the post's
        // own text read as an attribution.
        let inside = |d: &Draft, p: &Post| {
            let signed = p.content.start..p.name.end;
            let cue = d.cue.start.min(tokens.len() - 1);
            signed.contains(&tokens[cue].start) || signed.contains(&tokens[d.speaker.start].start)
        };
        drafts.retain(|d| !posts.iter().any(|p| inside(d, p)));
        for p in posts {
            let (name_first, name_end) = (first_token(p.name.start), first_token(p.name.end));
            let first = first_token(p.content.start);
            if name_first >= name_end || first >= tokens.len() {
                continue;
            }
            drafts.push(Draft {
                speaker: name_first..name_end,
                cue: first..first,
                parts: vec![(p.content.start, p.content.end)],
                kind: StatementKind::Direct,
                first_token: first,
            });
        }
    }
}

/// The posts of `text`: each line holding a signature `— Name (@handle) date`, with the
/// text before the dash on that line, or the line before when the signature stands alone.
fn posts(text: &str) -> Vec<Post> {
    let mut out = Vec::new();
    // The line before, unless it is a signed post itself.
    let mut previous: Option<Range<usize>> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.trim_end().len();
        start += line.len();
        if range.is_empty() {
            continue;
        }
        let Some((dash, name)) = signature(&text[range.clone()]) else {
            previous = Some(range);
            continue;
        };
        let before = range.start..range.start + dash;
        let content = if text[before.clone()].trim().is_empty() {
            previous.take()
        } else {
            Some(before)
        };
        if let Some(content) = content.and_then(|c| trimmed_post(text, c)) {
            let name = range.start + name.start..range.start + name.end;
            out.push(Post { content, name });
        }
        previous = None;
    }
    out
}

/// In one line: the byte offset of the dash before the signature and the name's bytes,
/// where the line ends `— Name (@handle) date`.
fn signature(line: &str) -> Option<(usize, Range<usize>)> {
    let at = line.rfind("(@")?;
    let handle_end = at + 2 + line[at + 2..].find(')')?;
    let handle = &line[at + 2..handle_end];
    let is_handle_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if handle.is_empty() || !handle.chars().all(is_handle_char) {
        return None;
    }
    // What follows the handle is a date: a year (`July 7, 2017`, `31 декабря 2018 г.`)
    // or a month and a day (`July 4`), and nothing else.
    let date = line[handle_end + 1..].trim();
    let year = date
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let month = date
        .split_whitespace()
        .any(|w| MONTHS.contains(w.trim_end_matches([',', '.']).to_lowercase().as_str()));
    if date.len() > MAX_DATE_BYTES || !(year || month) {
        return None;
    }
    // The dash before the name stands between spaces or opens the line: not the one
    // inside `Anne–Marie`.
    let dash = [" — ", " – ", " -- ", " - "]
        .iter()
        .filter_map(|d| line[..at].rfind(d).map(|i| (i + 1, i + d.len() - 1)))
        .max_by_key(|&(i, _)| i)
        .or_else(|| {
            ["—", "–"]
                .iter()
                .find(|d| line.starts_with(**d))
                .map(|d| (0, d.len()))
        })?;
    let name = line[dash.1..at].trim();
    let words = name.split_whitespace().count();
    if words == 0 || words > MAX_NAME_WORDS || !name.starts_with(char::is_uppercase) {
        return None;
    }
    let name_start = dash.1 + line[dash.1..].find(name)?;
    Some((dash.0, name_start..name_start + name.len()))
}

/// The post's text without the spaces and the picture link before its signature.
fn trimmed_post(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let mut body = text[range.clone()].trim_end();
    for link in ["pic.twitter.com/", "https://t.co/", "http://t.co/"] {
        if let Some(at) = body.rfind(link)
            && !body[at..].contains(char::is_whitespace)
        {
            body = body[..at].trim_end();
        }
    }
    let lead = body.len() - body.trim_start().len();
    let body = body.trim_start();
    (body.split_whitespace().count() >= 2)
        .then(|| range.start + lead..range.start + lead + body.len())
}
