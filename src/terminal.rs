//! Text on its way to a terminal: control characters from article text (ESC, BEL, CR,
//! bidirectional overrides) could move the cursor, retitle the window or reorder what
//! the reader sees, so each becomes a space.

use std::borrow::Cow;

/// True for a character a terminal would act on instead of showing: every C0/C1
/// control (ESC, BEL, CR, TAB, newline, ...) and the Unicode bidirectional controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with each unsafe character replaced by a space (borrowed when there is none).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { ' ' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bells_and_overrides_become_spaces() {
        assert_eq!(printable("a\u{1b}[31mb\u{7}c\u{202e}d\re"), "a [31mb c d e");
        assert!(matches!(printable("plain — text"), Cow::Borrowed(_)));
    }
}
