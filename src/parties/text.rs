//! Small text helpers shared by mention detection and affiliation: words around a
//! byte position and sentence starts.

/// True for chars that continue a word: letters, digits and combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}')
}

/// True for the apostrophes that start a possessive (`'s`, `’s`).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// True for a first name of `data/words/female-first-names.txt` or
/// `male-first-names.txt` (`Henry`, `Robert`), in any case.
pub(crate) fn is_known_first_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    crate::words::MALE_FIRST_NAMES.contains(lower.as_str())
        || crate::words::FEMALE_FIRST_NAMES.contains(lower.as_str())
}

/// The words of a name or phrase: runs of letters and digits.
pub(crate) fn name_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// `R-Colo`, `D-MA`, `I-Vt`: a US party letter, a hyphen and a capitalised state.
pub(crate) fn is_party_tag(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('R' | 'D' | 'I'))
        && chars.next() == Some('-')
        && chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || c == '.')
}

/// True when token `i` of `tokens` is a possessive written onto the word before it
/// (`ALDEA` `'s`).
pub(crate) fn is_possessive_token(text: &str, tokens: &[Token], i: usize) -> bool {
    i > 0
        && tokens.get(i).is_some_and(|t| {
            t.start == tokens[i - 1].end && possessive_len(text, t.start) == t.end - t.start
        })
}

/// Byte length of a possessive (`'s`, `’s`, or a lone apostrophe after a plural) at `pos`.
pub(crate) fn possessive_len(text: &str, pos: usize) -> usize {
    let mut it = text[pos..].char_indices();
    match it.next() {
        Some((_, a)) if is_apostrophe(a) => {
            let after_a = pos + a.len_utf8();
            let mut rest = text[after_a..].chars();
            match (rest.next(), rest.next()) {
                (Some('s'), next) if !next.is_some_and(is_word_char) => after_a + 1 - pos,
                (next, _) if !next.is_some_and(is_word_char) => a.len_utf8(),
                _ => 0,
            }
        }
        _ => 0,
    }
}

/// The word that starts at `pos` (letters, digits, inner hyphens and apostrophes).
pub(crate) fn word_at(text: &str, pos: usize) -> &str {
    let mut end = pos;
    let mut chars = text[pos..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = matches!(c, '-' | '.') || is_apostrophe(c);
        if is_word_char(c) || (inner && chars.peek().is_some_and(|&(_, n)| is_word_char(n))) {
            end = pos + i + c.len_utf8();
        } else {
            break;
        }
    }
    // A possessive is not part of the word.
    strip_possessive(&text[pos..end])
}

/// Up to `n` words after byte `pos`, skipping a possessive; each word must follow spaces,
/// so punctuation or a hyphen (`Russian-backed`) ends the list.
pub(crate) fn words_after(text: &str, pos: usize, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = pos + possessive_len(text, pos);
    while out.len() < n {
        let rest = &text[at..];
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if skipped == 0 {
            break;
        }
        at += skipped;
        let word = word_at(text, at);
        if word.is_empty() {
            break;
        }
        out.push(word);
        at += word.len();
        at += possessive_len(text, at);
    }
    out
}

/// Up to `n` words before byte `pos`, nearest first; each must be followed by spaces, so
/// punctuation or a hyphen (`Russia-West`) ends the list. Possessives are dropped.
pub(crate) fn words_before(text: &str, pos: usize, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = pos;
    while out.len() < n {
        let head = &text[..at];
        let trimmed = head.trim_end_matches([' ', '\t']);
        if trimmed.len() == head.len() {
            break;
        }
        match trimmed.chars().next_back() {
            Some(c) if is_word_char(c) => {}
            _ => break,
        }
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c) || c == '-' || c == '.' || is_apostrophe(c))
            .last()
            .map(|(i, _)| i)
            .unwrap_or(0);
        let word = trimmed[start..].trim_start_matches(|c: char| !is_word_char(c));
        out.push(strip_possessive(word));
        at = start;
    }
    out
}

/// `word` without a trailing `'s` or `’s`.
pub(crate) fn strip_possessive(word: &str) -> &str {
    match word.char_indices().rev().nth(1) {
        Some((i, a)) if is_apostrophe(a) && word.ends_with('s') => &word[..i],
        _ => word,
    }
}

/// True when `word` starts with an uppercase letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True when `text[start..end]` has word boundaries on both sides. A hyphen or an
/// apostrophe counts as a boundary, so `pro-Russian`, `Russian-backed` and `Russia's` match.
pub(crate) fn has_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    // Only an edge that is a word char needs a boundary (`U.S.` ends in a dot).
    let left_ok = !first.is_some_and(is_word_char) || !before.is_some_and(is_word_char);
    let right_ok = !last.is_some_and(is_word_char) || !after.is_some_and(is_word_char);
    left_ok && right_ok
}

/// A word, a possessive or one punctuation char, in byte offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Split `text` into words, possessives and single punctuation chars.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = text[pos..].chars().next() {
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let follows_word = out.last().is_some_and(|t: &Token| t.end == pos);
        let possessive = if follows_word {
            possessive_len(text, pos)
        } else {
            0
        };
        let len = if possessive > 0 {
            possessive
        } else {
            match word_at(text, pos).len() {
                0 => c.len_utf8(),
                n => n,
            }
        };
        out.push(Token {
            start: pos,
            end: pos + len,
        });
        pos += len;
    }
    out
}

/// Most words of a body's name read after a party mention.
const MAX_BODY_NAME_WORDS: usize = 8;

/// True when the party mention ending at byte `end` only opens a longer name, past a
/// possessive or a hyphen, that is a body of its own (`Washington's Brookings
/// Institution`, `the U.S.-China Business Council`, `the United States Chamber of
/// Commerce`), not an organ of the state (`Seoul's Unification Ministry`, `the
/// Pentagon's Sexual Assault Prevention and Response Office`, `the FBI's Los Angeles
/// office`; `data/words/state-organ-words.txt`) nor a title (`Russia's President`).
pub(crate) fn opens_body_name(text: &str, end: usize) -> bool {
    // `a spokeswoman for the U.S. She declined`: the full stop may end the sentence.
    if text[..end].ends_with('.') && text[end..].starts_with(char::is_whitespace) {
        return false;
    }
    let mut at = end + possessive_len(text, end);
    while text[at..].starts_with('-') {
        let word = word_at(text, at + 1);
        if word.is_empty() {
            break;
        }
        at += 1 + word.len();
    }
    let words = words_after(text, at, MAX_BODY_NAME_WORDS);
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let Some(first) = words.first().filter(|w| capitalised(w)) else {
        return false;
    };
    let first = first.to_lowercase();
    if crate::words::PARTY_TITLE_WORDS.contains(first.as_str())
        || crate::words::STATE_OFFICE_WORDS.contains(first.as_str())
    {
        return false;
    }
    // The name runs over capitalised words and the connectors inside names, and the
    // one lower-case word after it may still be its head (`Los Angeles office`).
    let mut name = Vec::new();
    for w in &words {
        let connector = matches!(*w, "of" | "and" | "for" | "on" | "&");
        name.push(w.to_lowercase());
        if !(capitalised(w) || connector) {
            break;
        }
    }
    !name
        .iter()
        .any(|w| crate::words::STATE_ORGAN_WORDS.contains(w.as_str()))
}
