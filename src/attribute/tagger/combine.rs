//! Combining the rules and the tagger: the rules keep their statements and speakers
//! (pronoun and title resolution, headline colons) where the tagger backs them; the
//! tagger adds the statements the rules missed, may give its content boundaries to the
//! statements both found, or only vets the rules' statements (`vetted`).

use super::model::ArticleTags;
use crate::eval::attribution::match_statements;
use crate::record::{CharSpan, Statement};

/// How the two are merged in `--attribution combined`, and (`min_support` and
/// `min_cue_support` only) how `vetted` vets (chosen on PolNeAR dev and news-gold dev;
/// see README.md, "The attribution tagger").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CombineConfig {
    /// Least mean in-span probability of a tagger statement the rules did not find.
    pub min_confidence: f32,
    /// Least content probability on some piece of a rule statement's content that
    /// keeps it (0 keeps every rule statement). [`combine`] does not read it: the caller
    /// vets the rules' statements with [`vet`] first, where it has the tags.
    pub min_support: f32,
    /// Least cue probability on some piece of a rule statement's cue mention that keeps
    /// it (a statement with no cue mention, such as a headline colon, an embedded post
    /// or a quote paragraph continuing a speaker, is not asked).
    pub min_cue_support: f32,
    /// Take the tagger's content span for statements both found.
    pub tagger_spans: bool,
}

/// The default least confidence of an added tagger statement: on both dev sets 0.6
/// drops more false statements than true ones (0.8 loses recall).
pub const ADD_MIN_CONFIDENCE: f32 = 0.6;

impl Default for CombineConfig {
    fn default() -> Self {
        CombineConfig {
            min_confidence: ADD_MIN_CONFIDENCE,
            min_support: VET_MIN_SUPPORT,
            min_cue_support: VET_MIN_CUE_SUPPORT,
            tagger_spans: false,
        }
    }
}

/// Most source probability the tagger may give a rule speaker's mention for the
/// tagger's own source to replace it (chosen on both dev sets; 0.2 scores the same).
pub const SOURCE_MAX_SUPPORT: f32 = 0.1;

/// True when the rules' speaker of a statement both found is not a name (it starts in
/// lower case: `pass a resolution`, `answer reporters'`, or there is none), the tagger
/// does not read its mention as a source, and the tagger's own speaker is a name.
fn takes_tagger_speaker(
    rule: &Statement,
    tagged: &Statement,
    source_support: impl Fn(CharSpan) -> f32,
) -> bool {
    let starts_lower = |name: &str| name.chars().next().is_none_or(char::is_lowercase);
    let unbacked = rule
        .speaker_mention
        .is_none_or(|m| source_support(m) < SOURCE_MAX_SUPPORT);
    starts_lower(&rule.speaker)
        && unbacked
        && tagged.speaker_mention.is_some()
        && !starts_lower(&tagged.speaker)
}

/// The smallest span holding both windows (the stance stage reads the window: it must
/// hold the content and the speaker mention each statement now has).
fn joined_window(a: Option<CharSpan>, b: Option<CharSpan>) -> Option<CharSpan> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.cover(&b)),
        (a, b) => a.or(b),
    }
}

/// The combined statements, sorted by content start. `tagged[i]` has confidence
/// `confidence[i]`; `source_support` is the tagger's highest source probability in a
/// span (a rule statement both found takes the tagger's speaker where the rules' one
/// is not a name the tagger backs).
pub fn combine(
    rules: Vec<Statement>,
    tagged: Vec<Statement>,
    confidence: &[f32],
    cfg: CombineConfig,
    source_support: impl Fn(CharSpan) -> f32,
) -> Vec<Statement> {
    let pairs = match_statements(&rules, &tagged);
    let mut out = rules;
    let mut tagged_used = vec![false; tagged.len()];
    for &(r, t) in &pairs {
        tagged_used[t] = true;
        if takes_tagger_speaker(&out[r], &tagged[t], &source_support) {
            // The tagger's speaker comes with the tagger's cue, which `targets` reads.
            let (from, s) = (&tagged[t], &mut out[r]);
            s.speaker = from.speaker.clone();
            s.speaker_mention = from.speaker_mention;
            if from.cue_mention.is_some() {
                s.cue = from.cue.clone();
                s.cue_mention = from.cue_mention;
            }
            s.window = joined_window(s.window, from.window);
        }
        if cfg.tagger_spans {
            let from = &tagged[t];
            let s = &mut out[r];
            s.start = from.start;
            s.end = from.end;
            s.content = from.content.clone();
            s.parts = from.parts.clone();
            s.kind = from.kind;
            s.window = joined_window(s.window, from.window);
        }
    }
    let rules_len = out.len();
    for (t, statement) in tagged.into_iter().enumerate() {
        let span = statement.span();
        let overlaps = out[..rules_len].iter().any(|r| r.span().overlaps(&span));
        if !tagged_used[t] && !overlaps && confidence[t] >= cfg.min_confidence {
            out.push(statement);
        }
    }
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// The default least probability of content (on some piece of a rule statement's content)
/// that keeps the statement in `--attribution vetted` and `combined`. Chosen
/// on news-gold dev and PolNeAR dev with the NATO example held whole (0.5 dropped
/// `Russia viewed NATO's eastward expansion as a threat` with the two-layer tagger).
pub const VET_MIN_SUPPORT: f32 = 0.3;

/// The default least probability of a cue (on some piece of a rule statement's cue
/// mention) that keeps the statement. The rules read a cue word wherever it stands
/// (`declined to release the dog's name`, `responded to the deaths`); the tagger,
/// trained on annotated news, tells a cue of speech from the same verb used for an act
/// far more often than not. Chosen on news-gold train and PolNeAR train, and held on
/// both dev sets, where every value from 0.05 to 0.2 scores about the same (see
/// README.md, "The attribution tagger").
pub const VET_MIN_CUE_SUPPORT: f32 = 0.1;

/// True when the tagger backs a rule statement: some piece of its content is content
/// with probability at least `cfg.min_support`, and some piece of its cue mention (where
/// it has one) is a cue with probability at least `cfg.min_cue_support`.
pub fn backs(tags: &ArticleTags, statement: &Statement, cfg: &CombineConfig) -> bool {
    tags.content_support(statement.span()) >= cfg.min_support
        && statement
            .cue_mention
            .is_none_or(|cue| tags.cue_support(cue) >= cfg.min_cue_support)
}

/// The rules' statements that `backed` keeps, in their order: the tagger vets them and
/// adds none.
pub fn vet(mut rules: Vec<Statement>, backed: impl Fn(&Statement) -> bool) -> Vec<Statement> {
    rules.retain(|r| backed(r));
    rules
}
