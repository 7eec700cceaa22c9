//! Unnamed groups of the US Congress as speakers (`House Republicans`, `Eight GOP
//! lawmakers`): members of Congress speak for the United States (the guide), and so do
//! their groups.

use super::text::name_words;
use crate::words::{CONGRESS_GROUP_WORDS, DETERMINERS, PARTY_TITLE_WORDS, US_STATES};

/// True when the speaker phrase names a group of the US Congress: a legislature word
/// (`Congressional leaders`, `Senators in both parties`, `House Democrats`), a US party
/// adjective before a group head (`Republican critics`, `Eight GOP lawmakers`), or the
/// parties' members as such (`Democrats`, `some Republicans`), whom news-gold gives the
/// United States two times in three.
pub(super) fn is_congress_group(speaker: &str) -> bool {
    let words: Vec<&str> = name_words(speaker).collect();
    let has = |kind: &str, word: &str| CONGRESS_GROUP_WORDS.contains(&format!("{kind} {word}"));
    words.iter().enumerate().any(|(i, w)| {
        let lower = w.to_lowercase();
        let legislature = if lower == "house" {
            *w == "House" && (i == 0 || words[i - 1] != "White")
        } else {
            has("legislature", &lower)
        };
        let party_group = has("party", &lower)
            && words
                .get(i + 1)
                .is_some_and(|next| has("group", &next.to_lowercase()));
        legislature || party_group
    }) || is_us_party_members(&words)
}

/// `Democrats`, `some Republicans`, `Two senior Democrats`, `Top Republicans`: the plural
/// alone or after lower-case words, determiners and rank words; `Social Democrats`,
/// `Liberal Democrats` and `Sweden Democrats` are other parties.
fn is_us_party_members(words: &[&str]) -> bool {
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    matches!(*last, "Democrats" | "Republicans")
        && before.iter().all(|w| {
            let lower = w.to_lowercase();
            !w.starts_with(char::is_uppercase)
                || DETERMINERS.contains(&lower)
                || PARTY_TITLE_WORDS.contains(&lower)
        })
}

/// True for `the California Democrat`, `South Carolina Republican`: a US state and a US
/// party member, after at most a determiner. The state says the country outright.
pub(crate) fn is_us_state_partisan(speaker: &str) -> bool {
    let words: Vec<&str> = name_words(speaker).collect();
    let Some((last, mut before)) = words.split_last() else {
        return false;
    };
    if let Some((first, rest)) = before.split_first()
        && DETERMINERS.contains(&first.to_lowercase())
    {
        before = rest;
    }
    matches!(*last, "Democrat" | "Republican")
        && !before.is_empty()
        && before.iter().all(|w| w.starts_with(char::is_uppercase))
        && US_STATES.contains(&before.join(" ").to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::is_congress_group;

    #[test]
    fn groups_of_congress() {
        for speaker in [
            "House Republicans",
            "Eight GOP lawmakers",
            "Congressional aides",
            "Senators in both parties",
            "Republican critics",
            "The Democratic chairmen of six major House committees",
            "Democrats",
            "many Republicans",
        ] {
            assert!(is_congress_group(speaker), "{speaker}");
        }
    }

    #[test]
    fn not_groups_of_congress() {
        for speaker in [
            "White House aides",
            "the house owner",
            "Republican voters",
            "Democratic politicians",
            "Social Democrats",
            "Germany's Christian Democrats",
            "the Liberal Democrats",
        ] {
            assert!(!is_congress_group(speaker), "{speaker}");
        }
    }
}
