//! The committed stance model on clear cases we wrote ourselves, and on the NATO example.

mod common;

use stancemap::encoder::{Backend, Encoder, ModelFiles, ModelSource};
use stancemap::record::StanceLabel;
use stancemap::stance::data::StanceInput;
use stancemap::stance::{StanceModel, store};

fn model() -> StanceModel {
    let base = Encoder::load(
        &ModelFiles {
            dir: common::model_dir(),
            source: ModelSource::Flag,
        },
        Backend::best(),
    )
    .expect("run `stancemap model fetch`");
    store::load(&common::repo_root().join("models/stance"), base)
        .expect("models/stance is committed")
}

const HOSTILE: [(&str, &str, &str); 12] = [
    (
        "\"NATO is an enemy that wants to destroy us,\" the Russian defence minister said.",
        "Russia",
        "NATO",
    ),
    (
        "Iran's foreign ministry condemned the Israeli strike as a criminal act of aggression.",
        "Iran",
        "Israel",
    ),
    (
        "Kyiv accused Moscow of deliberately shelling civilians in Kharkiv.",
        "Ukraine",
        "Russia",
    ),
    (
        "China warned the United States to stop provoking it in the Taiwan Strait or face the consequences.",
        "China",
        "United States",
    ),
    (
        "\"We reject the ultimatum from Pyongyang,\" the South Korean president said, calling North Korea's threats reckless.",
        "South Korea",
        "North Korea",
    ),
    (
        "Hamas denounced Israel's blockade as collective punishment and vowed to fight on.",
        "Hamas",
        "Israel",
    ),
    (
        "The Kremlin said Britain was waging a proxy war against Russia and would pay for it.",
        "Russia",
        "United Kingdom",
    ),
    (
        "Sudan's army chief accused the Rapid Support Forces of war crimes and ruled out any truce with them.",
        "Sudan",
        "Rapid Support Forces",
    ),
    (
        "India blamed Pakistan for sheltering the militants behind the attack and demanded their handover.",
        "India",
        "Pakistan",
    ),
    (
        "Venezuela's government called Guyana a puppet of foreign oil companies and threatened retaliation.",
        "Venezuela",
        "Guyana",
    ),
    (
        "The EU imposed new sanctions on Belarus, accusing Minsk of weaponising migrants.",
        "European Union",
        "Belarus",
    ),
    (
        "Ethiopia rejected Egypt's demands on the dam as arrogant interference in its sovereign affairs.",
        "Ethiopia",
        "Egypt",
    ),
];

const CONCILIATORY: [(&str, &str, &str); 12] = [
    (
        "\"We are deeply grateful to Poland for standing with us,\" the Ukrainian president said.",
        "Ukraine",
        "Poland",
    ),
    (
        "Beijing said it was ready to resume talks with Washington and welcomed the improved atmosphere.",
        "China",
        "United States",
    ),
    (
        "The Japanese prime minister offered condolences to Turkey after the earthquake and pledged aid.",
        "Japan",
        "Turkey",
    ),
    (
        "Saudi Arabia and Iran agreed to reopen their embassies, with Riyadh praising Tehran's constructive spirit.",
        "Saudi Arabia",
        "Iran",
    ),
    (
        "Armenia's prime minister said a peace treaty with Azerbaijan was within reach and thanked Baku for its flexibility.",
        "Armenia",
        "Azerbaijan",
    ),
    (
        "The African Union commended Kenya for leading the peace mission.",
        "African Union",
        "Kenya",
    ),
    (
        "\"We have no quarrel with the Russian people,\" the Finnish president said.",
        "Finland",
        "Russia",
    ),
    (
        "Serbia's president praised the European Union's mediation and said Belgrade would keep talking.",
        "Serbia",
        "European Union",
    ),
    (
        "Qatar's mediation was hailed by Israel's negotiators as indispensable to the hostage deal.",
        "Israel",
        "Qatar",
    ),
    (
        "Colombia's government thanked Cuba and Norway for hosting the talks with the ELN.",
        "Colombia",
        "Norway",
    ),
    (
        "The Philippines welcomed Vietnam's offer to cooperate on fisheries in the South China Sea.",
        "Philippines",
        "Vietnam",
    ),
    (
        "Germany pledged continued support for Moldova and praised Chisinau's reforms.",
        "Germany",
        "Moldova",
    ),
];

const NEUTRAL: [(&str, &str, &str); 12] = [
    (
        "The foreign ministers of France and Germany will meet in Paris on Tuesday, officials said.",
        "France",
        "Germany",
    ),
    (
        "The UN Security Council is scheduled to vote on the resolution on Haiti next week.",
        "United States",
        "Haiti",
    ),
    (
        "Russia's central bank kept its key rate unchanged at 16 percent, a spokesperson said.",
        "Russia",
        "Russia",
    ),
    (
        "The Indian delegation arrived in Dhaka on Monday for the annual border talks with Bangladesh.",
        "India",
        "Bangladesh",
    ),
    (
        "Officials said the next round of talks between Sudan's factions would take place in Jeddah.",
        "United States",
        "Sudan",
    ),
    (
        "Brazil's foreign minister said the summit would discuss trade, climate and energy with Argentina.",
        "Brazil",
        "Argentina",
    ),
    (
        "According to the ministry, 40 trucks crossed from Egypt into Gaza on Sunday.",
        "Israel",
        "Egypt",
    ),
    (
        "Japan's defence ministry said it had tracked two Chinese ships near the islands on Friday.",
        "Japan",
        "China",
    ),
    (
        "The spokesman said the delegation from Kenya would present its report to the council in June.",
        "Somalia",
        "Kenya",
    ),
    (
        "NATO said its annual exercise in Norway would involve 20,000 troops from 14 countries.",
        "NATO",
        "Norway",
    ),
    (
        "Pakistan's election commission said voting in the provinces would begin at 8 a.m.",
        "Pakistan",
        "Pakistan",
    ),
    (
        "The Australian trade minister confirmed she would travel to Indonesia next month.",
        "Australia",
        "Indonesia",
    ),
];

fn check(cases: &[(&str, &str, &str)], expected: StanceLabel, model: &StanceModel) -> Vec<String> {
    let parties = stancemap::parties::Gazetteer::builtin().expect("built-in gazetteer");
    let inputs: Vec<StanceInput> = cases
        .iter()
        .map(|(t, s, g)| {
            StanceInput::new(t.to_string(), Some(s.to_string()), g.to_string(), &parties)
        })
        .collect();
    let refs: Vec<&StanceInput> = inputs.iter().collect();
    let probs = model.predict(&refs, 16).unwrap();
    cases
        .iter()
        .zip(probs)
        .filter(|(_, p)| p.argmax().0 != expected)
        .map(|((t, _, g), p)| format!("{expected} toward {g}: got {:?} for `{t}`", p))
        .collect()
}

/// At most one miss per dozen: these are clear cases.
#[test]
fn clear_hostile_conciliatory_and_neutral_cases() {
    let model = model();
    for (cases, label) in [
        (&HOSTILE[..], StanceLabel::Hostile),
        (&CONCILIATORY[..], StanceLabel::Conciliatory),
        (&NEUTRAL[..], StanceLabel::Neutral),
    ] {
        let misses = check(cases, label, &model);
        assert!(
            misses.len() <= 1,
            "{} misses:\n{}",
            misses.len(),
            misses.join("\n")
        );
    }
}
