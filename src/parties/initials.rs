//! Known people written with a middle initial the knowledge base does not list
//! (`William P. Barr` for `William Barr`, `Jacob J. Lew` for `Jacob Lew`): news style
//! adds one to many names, and listing every form by hand misses most of them.

use super::text::has_word_boundaries;
use std::collections::HashMap;

/// The leader name forms of two or more words, by their first word: `William` ->
/// (`Barr`, leader), where the second word is no initial already.
#[derive(Debug, Clone, Default)]
pub(crate) struct FirstNames {
    rests: HashMap<String, Vec<(String, usize)>>,
}

impl FirstNames {
    pub(crate) fn new(forms: &[(String, usize)]) -> Self {
        let mut rests: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (form, leader) in forms {
            let Some((first, rest)) = form.split_once(' ') else {
                continue;
            };
            let initial_next = rest.split(' ').next().is_some_and(is_initial);
            if first.chars().count() > 1 && !is_initial(first) && !initial_next {
                rests
                    .entry(first.to_string())
                    .or_default()
                    .push((rest.to_string(), *leader));
            }
        }
        FirstNames { rests }
    }

    /// `(start, end, leader)` byte spans of `First X. Rest` in `text` for each listed
    /// form `First Rest`.
    pub(crate) fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (dot, _) in text.match_indices(". ") {
            // ` X. `: one capital letter between a space and the dot.
            let Some(initial) = dot.checked_sub(1) else {
                continue;
            };
            let bytes = text.as_bytes();
            if !bytes[initial].is_ascii_uppercase() || initial < 2 || bytes[initial - 1] != b' ' {
                continue;
            }
            let first_end = initial - 1;
            let first_start = text[..first_end]
                .rfind(|c: char| !c.is_alphabetic())
                .map_or(0, |k| {
                    k + text[k..].chars().next().map_or(1, char::len_utf8)
                });
            let Some(rests) = self.rests.get(&text[first_start..first_end]) else {
                continue;
            };
            let after = dot + 2;
            for (rest, leader) in rests {
                let end = after + rest.len();
                if text[after..].starts_with(rest.as_str())
                    && has_word_boundaries(text, first_start, end)
                {
                    out.push((first_start, end, *leader));
                }
            }
        }
        out
    }
}

/// `P.` or `J`: a single capital letter, with or without its dot.
fn is_initial(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms() -> Vec<(String, usize)> {
        vec![
            ("William Barr".into(), 0),
            ("Bill Barr".into(), 0),
            ("Joseph R. Biden".into(), 1),
            ("Obama".into(), 2),
        ]
    }

    #[test]
    fn finds_a_listed_name_with_a_middle_initial() {
        let names = FirstNames::new(&forms());
        let text = "Attorney General William P. Barr said. Then William Barrett left.";
        assert_eq!(names.find(text), vec![(17, 32, 0)]);
    }

    #[test]
    fn needs_the_whole_rest_and_a_first_word_of_its_own() {
        let names = FirstNames::new(&forms());
        assert!(
            names
                .find("Williams P. Barr and William P. Barrett spoke.")
                .is_empty()
        );
        // A listed form that already has an initial is matched as written, not here.
        assert!(names.find("Joseph X. R. Biden").is_empty());
        assert!(names.find("P. Barr").is_empty());
    }
}
