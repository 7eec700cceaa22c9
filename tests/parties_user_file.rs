//! User party files (`--parties FILE`): additions, merges, and clear errors.

use stancemap::parties::{Gazetteer, PartyKind};
use std::io::Write;

fn user_file(content: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().expect("temp file");
    f.write_all(content.as_bytes()).expect("write temp file");
    f
}

fn parties(g: &Gazetteer, text: &str) -> Vec<String> {
    g.mentions(text).into_iter().map(|m| m.party).collect()
}

#[test]
fn a_new_party_with_aliases_and_markers() {
    let file = user_file(
        "# my parties\n\
         \n\
         Azov Brigade\tarmed group\tAzov Brigade | Azov Regiment | ?Azov\n\
         Sahel Alliance\tbloc\tAlliance of Sahel States | AES\n",
    );
    let g = Gazetteer::builtin()
        .and_then(|g| g.with_user_file(file.path()))
        .expect("user file loads");
    let azov = g.party("Azov Brigade").expect("added");
    assert_eq!(azov.kind, PartyKind::ArmedGroup);
    assert_eq!(
        parties(&g, "The Azov Regiment held the plant."),
        vec!["Azov Brigade"]
    );
    assert_eq!(
        parties(&g, "The AES left ECOWAS."),
        vec!["Sahel Alliance", "ECOWAS"]
    );
    // `?Azov` is ambiguous: the Sea of Azov names no party unless the brigade is named.
    assert!(parties(&g, "Ships crossed the Sea of Azov.").is_empty());
    assert_eq!(
        parties(&g, "The Azov Brigade said Azov fighters held out."),
        vec!["Azov Brigade", "Azov Brigade"]
    );
}

#[test]
fn a_known_party_gets_more_aliases_and_a_user_alias_wins() {
    let file = user_file(
        "Russia\tstate\tRuzzia | the Russian side\n\
         Georgia (US state)\tterritory\tGeorgia\n",
    );
    let g = Gazetteer::builtin()
        .and_then(|g| g.with_user_file(file.path()))
        .expect("user file loads");
    assert_eq!(parties(&g, "Ruzzia denied it."), vec!["Russia"]);
    assert_eq!(parties(&g, "The Russian side agreed."), vec!["Russia"]);
    // The user took `Georgia` for the US state; the override is reported.
    assert_eq!(
        parties(&g, "Georgia voted early."),
        vec!["Georgia (US state)"]
    );
    assert!(
        g.overrides()
            .iter()
            .any(|(s, from, to)| s == "Georgia" && from == "Georgia" && to == "Georgia (US state)")
    );
    // The country keeps its other aliases.
    assert_eq!(parties(&g, "Tbilisi protested."), vec!["Georgia"]);
}

#[test]
fn bad_files_name_the_file_and_line() {
    let cases = [
        ("Narnia\tstate\n", ":1: expected 3 TAB-separated columns"),
        (
            "# comment\nNarnia    state    Narnia\n",
            ":2: expected 3 TAB-separated columns",
        ),
        ("Narnia\tkingdom\tNarnia\n", ":1: unknown kind `kingdom`"),
        (
            "\n\nNarnia\tstate\tNarnia | | Cair Paravel\n",
            ":3: empty alias",
        ),
        ("\tstate\tNarnia\n", ":1: empty canonical name"),
    ];
    for (content, expected) in cases {
        let file = user_file(content);
        let Err(err) = Gazetteer::builtin().and_then(|g| g.with_user_file(file.path())) else {
            panic!("{content:?} should fail");
        };
        let message = format!("{err:#}");
        let path = file.path().display().to_string();
        assert!(
            message.contains(&format!("{path}{expected}")),
            "{message} should contain {path}{expected}"
        );
    }
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let err = Gazetteer::builtin()
        .and_then(|g| g.with_user_file(std::path::Path::new("/nonexistent/parties.tsv")))
        .expect_err("missing file fails");
    assert!(format!("{err:#}").contains("/nonexistent/parties.tsv"));
}
