//! Splitting an article into paragraphs, sentences and tokens.
//!
//! All offsets here are byte offsets into the text; the attribution stage turns them
//! into code-point offsets once, at the end.

mod cards;
pub(crate) use cards::hover_cards;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes, hyphens and dots (`Trump’s`, `U.S.`).
    Word,
    /// A double quotation mark of any style.
    Quote,
    /// Any other single non-space character.
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    pub kind: TokenKind,
    /// Index of the paragraph the token is in.
    pub paragraph: usize,
}

/// One sentence: a byte range and the tokens in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
}

/// `span` widened to the whole sentences it touches (sentences sorted and disjoint, in
/// bytes, as [`Document::sentences`]).
pub(crate) fn whole_sentences(
    sentences: &[Sentence],
    span: crate::record::ByteSpan,
) -> crate::record::ByteSpan {
    let (mut start, mut end) = (span.start, span.end);
    // At most one sentence holds each end.
    let i = sentences.partition_point(|s| s.end <= start);
    if let Some(s) = sentences.get(i)
        && s.start <= start
    {
        start = s.start;
    }
    let j = sentences.partition_point(|s| s.end < end);
    if let Some(s) = sentences.get(j)
        && s.start < end
    {
        end = s.end;
    }
    crate::record::ByteSpan::new(start, end)
}

/// An article cut into tokens and sentences.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Sentence index of each token.
    pub sentence_of: Vec<usize>,
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "lt", "col", "capt",
    "sgt", "prof", "rev", "hon", "vs", "inc", "corp", "ltd", "jan", "feb", "aug", "sept", "sep",
    "oct", "nov", "u.s", "u.n", "d.c", "u.k", "e.u", "pres", "adm", "maj", "cmdr", "supt", "atty",
    "ft", "approx", "dept", "univ", "assn",
];

/// True for the double quotation marks the extractor understands.
pub(crate) fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟' | '″')
}

fn is_connector(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‘' | '‑')
}

impl<'a> Document<'a> {
    /// Tokenize `text` and find its sentences.
    pub fn new(text: &'a str) -> Self {
        let mut tokens = tokenize(text);
        let cards = cards::hover_cards(text);
        if !cards.is_empty() {
            tokens.retain(|t| !cards.iter().any(|c| c.start <= t.start && t.end <= c.end));
        }
        let sentences = split_sentences(text, &tokens);
        let mut sentence_of = vec![0; tokens.len()];
        for (si, s) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[s.first..s.last] {
                *slot = si;
            }
        }
        Document {
            text,
            tokens,
            sentences,
            sentence_of,
        }
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// True when token `i` is the punctuation character `c`.
    pub(crate) fn is_punct(&self, i: usize, c: &str) -> bool {
        self.tokens[i].kind == TokenKind::Punct && self.word(i) == c
    }

    /// True when token `i` is a word starting with an upper-case letter or a digit.
    pub(crate) fn is_capitalized(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
            && self
                .word(i)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
    }

    /// The first token of the run of capitalised tokens that ends just before `end`,
    /// going back no further than `floor` (`end` itself when the token before is not
    /// capitalised): the start of the name `Belgium` in `..., Belgium and Britain`.
    pub(crate) fn capitalized_run_start(&self, end: usize, floor: usize) -> usize {
        let mut start = end;
        while start > floor && self.is_capitalized(start - 1) {
            start -= 1;
        }
        start
    }

    /// One past the last token of the run of capitalised tokens that starts at `start`,
    /// going no further than `limit` (`start` itself when that token is not capitalised).
    pub(crate) fn capitalized_run_end(&self, start: usize, limit: usize) -> usize {
        let mut end = start;
        while end < limit && self.is_capitalized(end) {
            end += 1;
        }
        end
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut paragraph = 0;
    let mut newlines = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            continue;
        }
        // Any line break starts a new paragraph: news texts put one paragraph per line.
        if newlines > 0 && !tokens.is_empty() {
            paragraph += 1;
        }
        newlines = 0;
        let (end, kind) = if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if is_connector(d) {
                    let after = text[j + d.len_utf8()..].chars().next();
                    if after.is_some_and(|a| a.is_alphanumeric()) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // Keep the final dot of initialisms (`U.S.`, `H.`) and abbreviations
            // (`Mr.`, `Sen.`) inside the word: it ends no sentence.
            let word = &text[i..end];
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let initialism = single_initial
                || (word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2));
            // `No. 2`: a number sign, not the end of a sentence.
            let number_sign = matches!(word, "No" | "no" | "Nos" | "nos")
                && text[end..].starts_with(". ")
                && text[end + 2..].starts_with(|c: char| c.is_ascii_digit());
            if text[end..].starts_with('.')
                && (initialism
                    || number_sign
                    || ABBREVIATIONS.contains(&word.to_lowercase().as_str()))
            {
                end += 1;
                chars.next();
            }
            (end, TokenKind::Word)
        } else if is_quote_char(c) {
            (i + c.len_utf8(), TokenKind::Quote)
        } else if (c == '\'' || c == '`') && text[i + 1..].starts_with(c) {
            // `''` and ``` `` ``` stand for double quotation marks in some archives.
            chars.next();
            (i + 2, TokenKind::Quote)
        } else {
            (i + c.len_utf8(), TokenKind::Punct)
        };
        tokens.push(Token {
            start: i,
            end,
            kind,
            paragraph,
        });
    }
    tokens
}

/// True for a closing quotation mark or bracket, which stays with the sentence it closes.
fn closes(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Quote || matches!(&text[t.start..t.end], ")" | "’" | "'")
}

/// True when the period at token `i` ends a sentence.
fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let mark = &text[t.start..t.end];
    if !matches!(mark, "." | "!" | "?") {
        return false;
    }
    if mark == "." && i > 0 {
        let prev = &tokens[i - 1];
        let word = &text[prev.start..prev.end];
        let single_initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
        if prev.end == t.start
            && prev.kind == TokenKind::Word
            && (single_initial || ABBREVIATIONS.contains(&word.to_lowercase().as_str()))
        {
            return false;
        }
    }
    // Closing quotes and brackets stay with the sentence they close.
    let mut j = i + 1;
    while j < tokens.len() && closes(text, &tokens[j]) && tokens[j].start == tokens[j - 1].end {
        j += 1;
    }
    match tokens.get(j) {
        None => true,
        Some(next) => {
            if next.paragraph != t.paragraph {
                return true;
            }
            let first = text[next.start..].chars().next().unwrap_or(' ');
            next.start > tokens[j - 1].end
                && (first.is_uppercase()
                    || first.is_numeric()
                    || is_quote_char(first)
                    || matches!(first, '\'' | '`'))
        }
    }
}

fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let para_break = i + 1 < tokens.len() && tokens[i + 1].paragraph != tokens[i].paragraph;
        let mut last = i + 1;
        let boundary = if ends_sentence(text, tokens, i) {
            // Take the closing marks that follow into this sentence.
            while last < tokens.len()
                && tokens[last].paragraph == tokens[i].paragraph
                && tokens[last].start == tokens[last - 1].end
                && closes(text, &tokens[last])
            {
                last += 1;
            }
            true
        } else {
            para_break || i + 1 == tokens.len()
        };
        if boundary {
            sentences.push(Sentence {
                start: tokens[first].start,
                end: tokens[last - 1].end,
                first,
                last,
            });
            first = last;
            i = last;
        } else {
            i += 1;
        }
    }
    sentences
}
