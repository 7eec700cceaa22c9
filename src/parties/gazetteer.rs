//! The party list: loading `data/parties.tsv` and `data/leaders.tsv`, merging user files,
//! and compiling every alias into one automaton.

use super::initials::FirstNames;
use super::officials::{Day, Leader, parse_leader};
use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

const BUILTIN_PARTIES: &str = include_str!("../../data/parties.tsv");
const BUILTIN_LEADERS: &str = include_str!("../../data/leaders.tsv");

/// What sort of party an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartyKind {
    State,
    Territory,
    Organisation,
    Bloc,
    ArmedGroup,
    Institution,
    /// Not a party: names that contain an alias and must silence it (`New Mexico`).
    Block,
}

impl PartyKind {
    /// Parse the `kind` column.
    fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_lowercase().as_str() {
            "state" => PartyKind::State,
            "territory" => PartyKind::Territory,
            "organisation" | "organization" => PartyKind::Organisation,
            "bloc" => PartyKind::Bloc,
            "armed group" | "armed-group" | "armed_group" => PartyKind::ArmedGroup,
            "institution" => PartyKind::Institution,
            "block" => PartyKind::Block,
            _ => return None,
        })
    }
}

impl fmt::Display for PartyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PartyKind::State => "state",
            PartyKind::Territory => "territory",
            PartyKind::Organisation => "organisation",
            PartyKind::Bloc => "bloc",
            PartyKind::ArmedGroup => "armed group",
            PartyKind::Institution => "institution",
            PartyKind::Block => "block",
        })
    }
}

/// How an alias may be read; see the header of `data/parties.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AliasFlags {
    /// `?`: counts only with support from context or the article.
    pub ambiguous: bool,
    /// `@`: a place name used for the government seated there.
    pub place: bool,
    /// `~`: also a common noun (`turkey`, `china`).
    pub common_noun: bool,
}

/// One surface form of a party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub surface: String,
    pub flags: AliasFlags,
}

/// A named party: a state, organisation, bloc, armed group...
#[derive(Debug, Clone)]
pub struct Party {
    /// Canonical name, used in every output.
    pub name: String,
    pub kind: PartyKind,
    pub aliases: Vec<Alias>,
}

/// One reading of a surface form: which party, with which flags.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sense {
    pub(crate) party: usize,
    pub(crate) flags: AliasFlags,
}

/// The party list with its compiled matchers.
#[derive(Clone)]
pub struct Gazetteer {
    parties: Vec<Party>,
    by_name: HashMap<String, usize>,
    leaders: Vec<Leader>,
    /// Surface forms in pattern order, each with its readings.
    surfaces: Vec<(String, Vec<Sense>)>,
    surface_index: HashMap<String, usize>,
    pub(crate) aliases: AhoCorasick,
    /// Leader name forms in pattern order, each with its leader index.
    pub(crate) leader_forms: Vec<(String, usize)>,
    pub(crate) leader_names: AhoCorasick,
    /// The same forms by first name, for names written with a middle initial.
    pub(crate) leader_first_names: FirstNames,
    /// The latest bound of any period in the knowledge base: where open periods end
    /// when an undated article compares how long each entry held.
    pub(crate) leaders_until: Day,
    /// Surface forms a later file took over from another party: `(surface, old, new)`.
    overrides: Vec<(String, String, String)>,
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("parties", &self.parties.len())
            .field("surfaces", &self.surfaces.len())
            .field("leaders", &self.leaders.len())
            .finish()
    }
}

impl Gazetteer {
    /// The parties and leaders shipped in `data/`.
    pub fn builtin() -> Result<Self> {
        let mut g = Gazetteer::empty();
        g.add_parties(BUILTIN_PARTIES, "data/parties.tsv")?;
        g.add_leaders(BUILTIN_LEADERS, "data/leaders.tsv")?;
        g.compile()?;
        Ok(g)
    }

    /// Add the parties of a user file (same format as `data/parties.tsv`). A canonical
    /// name already known gets the new aliases; a surface form that belonged to another
    /// party now belongs to the one in this file.
    pub fn with_user_file(mut self, path: &Path) -> Result<Self> {
        let text = crate::ingest::read_text_file(path)
            .with_context(|| format!("cannot read party file {}", path.display()))?;
        self.add_parties(&text, &path.display().to_string())?;
        self.compile()?;
        Ok(self)
    }

    /// Add parties from text in the `data/parties.tsv` format; `origin` names it in errors.
    pub fn with_user_text(mut self, text: &str, origin: &str) -> Result<Self> {
        self.add_parties(text, origin)?;
        self.compile()?;
        Ok(self)
    }

    /// All parties, in file order.
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    /// The well-known leaders.
    pub fn leaders(&self) -> &[Leader] {
        &self.leaders
    }

    /// The party with canonical name `name`.
    pub fn party(&self, name: &str) -> Option<&Party> {
        self.by_name.get(name).map(|&i| &self.parties[i])
    }

    /// Index of the party with canonical name `name`.
    pub(crate) fn party_index(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// Canonical name of party `index`.
    pub(crate) fn name_of(&self, index: usize) -> &str {
        &self.parties[index].name
    }

    /// Surface forms that a later file moved to another party, as `(surface, from, to)`.
    pub fn overrides(&self) -> &[(String, String, String)] {
        &self.overrides
    }

    /// The readings of surface pattern `pattern`.
    pub(crate) fn senses(&self, pattern: usize) -> &[Sense] {
        &self.surfaces[pattern].1
    }

    fn empty() -> Self {
        Gazetteer {
            parties: Vec::new(),
            by_name: HashMap::new(),
            leaders: Vec::new(),
            surfaces: Vec::new(),
            surface_index: HashMap::new(),
            aliases: AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton builds"),
            leader_forms: Vec::new(),
            leaders_until: Day::default(),
            leader_names: AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton builds"),
            leader_first_names: FirstNames::default(),
            overrides: Vec::new(),
        }
    }

    fn add_parties(&mut self, text: &str, origin: &str) -> Result<()> {
        for (no, line) in data_lines(text) {
            let at = || format!("{origin}:{no}");
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 3 {
                bail!(
                    "{}: expected 3 TAB-separated columns (canonical, kind, aliases), found {}",
                    at(),
                    cols.len()
                );
            }
            let name = cols[0].trim();
            if name.is_empty() {
                bail!("{}: empty canonical name", at());
            }
            let kind = PartyKind::parse(cols[1]).with_context(|| {
                format!(
                    "{}: unknown kind `{}` (expected state, territory, organisation, bloc, \
                     armed group, institution or block)",
                    at(),
                    cols[1].trim()
                )
            })?;
            let aliases = parse_aliases(cols[2]).with_context(at)?;
            let party = match self.by_name.get(name) {
                Some(&i) => {
                    self.parties[i].kind = kind;
                    i
                }
                None => {
                    self.parties.push(Party {
                        name: name.to_string(),
                        kind,
                        aliases: Vec::new(),
                    });
                    self.by_name
                        .insert(name.to_string(), self.parties.len() - 1);
                    self.parties.len() - 1
                }
            };
            for alias in aliases {
                self.add_surface(&alias.surface, party, alias.flags);
                if let Some(rest) = alias.surface.strip_prefix("the ") {
                    self.add_surface(&format!("The {rest}"), party, alias.flags);
                }
                if let Some(curly) = with_curly_apostrophes(&alias.surface) {
                    self.add_surface(&curly, party, alias.flags);
                }
                if !self.parties[party].aliases.contains(&alias) {
                    self.parties[party].aliases.push(alias);
                }
            }
        }
        Ok(())
    }

    /// Record one reading of `surface`. Ambiguous readings of several parties coexist;
    /// otherwise the newest reading replaces the older ones.
    fn add_surface(&mut self, surface: &str, party: usize, flags: AliasFlags) {
        let sense = Sense { party, flags };
        let Some(&i) = self.surface_index.get(surface) else {
            self.surface_index
                .insert(surface.to_string(), self.surfaces.len());
            self.surfaces.push((surface.to_string(), vec![sense]));
            return;
        };
        let senses = &mut self.surfaces[i].1;
        if let Some(same) = senses.iter_mut().find(|s| s.party == party) {
            same.flags = flags;
            return;
        }
        if flags.ambiguous && senses.iter().all(|s| s.flags.ambiguous) {
            senses.push(sense);
            return;
        }
        for old in senses.iter() {
            self.overrides.push((
                surface.to_string(),
                self.parties[old.party].name.clone(),
                self.parties[party].name.clone(),
            ));
        }
        *senses = vec![sense];
    }

    fn add_leaders(&mut self, text: &str, origin: &str) -> Result<()> {
        for (no, line) in data_lines(text) {
            let leader = parse_leader(line, |name| self.party_index(name))
                .with_context(|| format!("{origin}:{no}"))?;
            self.leaders.push(leader);
        }
        Ok(())
    }

    /// Build the automata over all surface forms and leader names.
    fn compile(&mut self) -> Result<()> {
        // Standard semantics with overlapping search: the matcher itself picks the
        // longest match among those that pass the word-boundary check.
        self.aliases = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(self.surfaces.iter().map(|(s, _)| s.as_str()))
            .context("cannot compile the party aliases")?;
        self.leader_forms = self
            .leaders
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                l.names.iter().flat_map(move |n| {
                    std::iter::once((n.clone(), i))
                        .chain(with_curly_apostrophes(n).map(|curly| (curly, i)))
                })
            })
            .collect();
        self.leaders_until = self
            .leaders
            .iter()
            .flat_map(|l| [l.tenure.from, l.tenure.to])
            .flatten()
            .max()
            .unwrap_or_default();
        self.leader_names = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(self.leader_forms.iter().map(|(s, _)| s.as_str()))
            .context("cannot compile the leader names")?;
        self.leader_first_names = FirstNames::new(&self.leader_forms);
        Ok(())
    }
}

/// `Robert O’Brien` for `Robert O'Brien`: news writes either apostrophe, the data files
/// the straight one.
fn with_curly_apostrophes(name: &str) -> Option<String> {
    name.contains('\'').then(|| name.replace('\'', "’"))
}

/// Non-blank, non-comment lines with their 1-based numbers.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// Split the aliases column into aliases with their markers.
fn parse_aliases(column: &str) -> Result<Vec<Alias>> {
    let mut out = Vec::new();
    for raw in column.split('|') {
        let raw = raw.trim();
        let mut flags = AliasFlags::default();
        let mut surface = raw;
        loop {
            if let Some(rest) = surface.strip_prefix('?') {
                flags.ambiguous = true;
                surface = rest;
            } else if let Some(rest) = surface.strip_prefix('@') {
                flags.place = true;
                surface = rest;
            } else if let Some(rest) = surface.strip_prefix('~') {
                flags.common_noun = true;
                surface = rest;
            } else {
                break;
            }
        }
        let surface = surface.trim();
        if surface.is_empty() {
            bail!("empty alias in `{}`", column.trim());
        }
        out.push(Alias {
            surface: surface.to_string(),
            flags,
        });
    }
    Ok(out)
}
