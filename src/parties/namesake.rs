//! Known names the article gives to someone in a role that speaks for no state: `James
//! Cole, an archaeologist at the University of Brighton` is not the knowledge base's deputy
//! attorney general, and `analyst John Smith` no official. Such a person stands for no
//! party, whatever the article's date.

use super::gazetteer::{Gazetteer, PartyKind};
use super::mentions::Found;
use super::text::words_before;
use crate::words::NON_STATE_ROLES;
use std::collections::HashSet;

/// Most words of an apposition read for its role (`, a senior fellow and professor`).
const MAX_APPOSITION_WORDS: usize = 5;

/// The names (full, and last) of the known officials of a state in `leaders` whom the
/// article introduces with a non-state role: every mention of them then goes. People the
/// knowledge base ties to a body keep it (`billionaire George Soros`).
pub(super) fn non_state_names<'t>(
    gazetteer: &Gazetteer,
    text: &'t str,
    leaders: &[Found],
) -> HashSet<&'t str> {
    let mut out = HashSet::new();
    for f in leaders {
        if gazetteer.parties()[f.party].kind != PartyKind::State {
            continue;
        }
        let name = &text[f.start..f.end];
        // A one-word form (`Cole`) is only the person the full name introduced.
        if !name.contains(' ') {
            continue;
        }
        if has_non_state_role(text, f.start, f.end) {
            out.insert(name);
            if let Some(last) = name.rsplit(' ').next() {
                out.insert(last);
            }
        }
    }
    out
}

/// True when the word right before the name at `start..end` (bytes) is a non-state role
/// (`archaeologist James Cole`), or its apposition names one before any preposition
/// (`James Cole, an archaeologist at ...`, `Robert Kelly, associate professor at ...`).
fn has_non_state_role(text: &str, start: usize, end: usize) -> bool {
    if words_before(text, start, 1)
        .first()
        .is_some_and(|w| is_role(w))
    {
        return true;
    }
    let Some(apposition) = text[end..].strip_prefix(", ") else {
        return false;
    };
    for word in apposition.split_whitespace().take(MAX_APPOSITION_WORDS) {
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        if is_role(bare) {
            return true;
        }
        let ends_phrase = bare.len() < word.len();
        let leaves_the_noun_phrase = matches!(
            bare,
            "at" | "of" | "with" | "for" | "in" | "who" | "which" | "that" | "whose"
        );
        if ends_phrase || leaves_the_noun_phrase {
            return false;
        }
    }
    false
}

fn is_role(word: &str) -> bool {
    NON_STATE_ROLES.contains(word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::has_non_state_role;

    fn role(text: &str, name: &str) -> bool {
        let start = text.find(name).unwrap();
        has_non_state_role(text, start, start + name.len())
    }

    #[test]
    fn a_non_state_role_before_or_after_the_name() {
        assert!(role(
            "James Cole, an archaeologist at the University of Brighton, said",
            "James Cole"
        ));
        assert!(role(
            "added Robert Kelly, associate professor at Pusan National University.",
            "Robert Kelly"
        ));
        assert!(role("said historian John Smith.", "John Smith"));
    }

    #[test]
    fn offices_and_far_roles_do_not_count() {
        assert!(!role(
            "James Cole, the deputy attorney general, said",
            "James Cole"
        ));
        assert!(!role(
            "John Kerry, who met a professor on Monday, said",
            "John Kerry"
        ));
        assert!(!role(
            "John Kerry, secretary of state and a former lawyer, said",
            "John Kerry"
        ));
        assert!(!role("The analyst. John Kerry said", "John Kerry"));
    }
}
