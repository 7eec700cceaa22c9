//! People the knowledge base ties to a party, merged into those the article's own
//! titles and appositions tie.

use super::{Affiliation, Affiliations};
use std::collections::HashSet;

impl Affiliations {
    /// Add people the article names in full whom a knowledge base ties to a party
    /// (`data/leaders.tsv`); a title or apposition in the article wins over it, except a
    /// party guessed from the home state. Their last names then count too, where no one
    /// else in the article bears them.
    pub(crate) fn with_known(mut self, known: Vec<Affiliation>) -> Self {
        let mut seen: HashSet<String> = self.people.iter().map(|a| a.person.clone()).collect();
        let mut changed = false;
        for a in known {
            if self.home_guessed.remove(&a.person) {
                if let Some(guessed) = self.people.iter_mut().find(|p| p.person == a.person) {
                    changed |= guessed.party != a.party;
                    guessed.party = a.party;
                }
            } else if seen.insert(a.person.clone()) {
                self.people.push(a);
                changed = true;
            }
        }
        if changed {
            self.by_name.clear();
            self.by_first_word.clear();
            self.index_names();
        }
        self
    }
}
