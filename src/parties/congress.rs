//! Unnamed groups of the US Congress as speakers (`House Republicans`, `Eight GOP
//! lawmakers`): members of Congress speak for the United States (the guide), and so do
//! their groups.

use super::text::name_words;
use crate::words::CONGRESS_GROUP_WORDS;

/// True when the speaker phrase names a group of the US Congress: a legislature word
/// (`Congressional leaders`, `Senators in both parties`, `House Democrats`), or a US party
/// adjective before a group head (`Republican critics`, `Eight GOP lawmakers`).
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
    })
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
        ] {
            assert!(is_congress_group(speaker), "{speaker}");
        }
    }

    #[test]
    fn not_groups_of_congress() {
        for speaker in [
            "Democrats",
            "many Republicans",
            "White House aides",
            "the house owner",
            "Republican voters",
            "Democratic politicians",
        ] {
            assert!(!is_congress_group(speaker), "{speaker}");
        }
    }
}
