//! The article's home state: officials, police and protesters whose state the article
//! leaves implicit speak for the state it is about (src/parties/affiliation/home.rs), and
//! `the government` in a statement is that state as a target.

mod common;
use common::{assign_one as assign, has_person as has, people, speaker_parties};

#[test]
fn an_official_without_a_state_speaks_for_the_state_the_article_is_about() {
    let text = "BANGKOK — Thailand's army declared martial law. Thailand's government said \
                nothing. Education Minister Chaturon Chaisang said martial law was no answer. \
                Thai troops stayed in Bangkok.";
    let found = people(text);
    assert!(has(&found, "Chaturon Chaisang", "Thailand"), "{found:?}");
    // An apposition gives the office after the name.
    let text = "Russia's army moved. Russia said so. Russian troops shelled the town. \
                Ivan Petrov, a military official, said the town had fallen.";
    let found = people(text);
    assert!(has(&found, "Ivan Petrov", "Russia"), "{found:?}");
    // Two states named as often: no home state, no party.
    let text = "China and the United States met. China's tariffs and the United States' tariffs \
                stay. China and the United States talk. Commerce Ministry spokesman Gao Feng \
                said talks went on.";
    let found = people(text);
    assert!(!found.iter().any(|(p, _)| p == "Gao Feng"), "{found:?}");
    // A body the gazetteer lacks owns the title; a former minister speaks for no one.
    let text = "Liberia's government closed schools. Liberia's army closed the border. \
                Liberia will reopen. Samaritan's Purse Vice President Ken Isaacs said the staff \
                were safe. Former Education Minister Ann Doe said the closure came late.";
    let found = people(text);
    assert!(!found.iter().any(|(p, _)| p == "Ken Isaacs"), "{found:?}");
    assert!(!found.iter().any(|(p, _)| p == "Ann Doe"), "{found:?}");
}

#[test]
fn secretaries_advisers_mayors_judges_and_speakers_hold_state_offices() {
    let text = "Britain's parliament voted. Britain's government fell short. Britain waits. \
                Environment Secretary Michael Gove said the vote would hold. Speaker John \
                Bercow said the debate comes first.";
    let found = people(text);
    assert!(has(&found, "Michael Gove", "United Kingdom"), "{found:?}");
    assert!(has(&found, "John Bercow", "United Kingdom"), "{found:?}");
    let text = "The United States will hold a parade. The United States Army agreed. The United \
                States pays. Mayor Muriel Bowser said it was costly. Federal judge Beryl Howell \
                said the fines stop. Trade adviser Peter Navarro said it was fair. Governor Ann \
                Roe said the state agreed. Representative Tom Poe said no.";
    let found = people(text);
    for person in [
        "Muriel Bowser",
        "Beryl Howell",
        "Peter Navarro",
        "Ann Roe",
        "Tom Poe",
    ] {
        assert!(has(&found, person, "United States"), "{person}: {found:?}");
    }
}

#[test]
fn an_office_after_a_comma_that_goes_on_into_a_name_is_the_next_persons() {
    // A list of titled people, not an apposition: the person before the comma is no
    // official of the home state, and the one after it is the knowledge base's.
    let text = "Israel mourns. Israel's government met. Israel buries Peres. Among the guests \
                are Chancellor Olaf Scholz, Secretary of State John Kerry and others.";
    let found = people(text);
    assert!(!found.iter().any(|(p, _)| p == "Olaf Scholz"), "{found:?}");
    let kerry = assign(text, Some("2016-09-30"), "John Kerry", "and others");
    assert_eq!(kerry.speaker_party.as_deref(), Some("United States"));
}

#[test]
fn the_knowledge_base_wins_over_a_home_state_guessed_from_an_office_naming_no_state() {
    let text = "The United States threatened tariffs. The United States Army waits. The United \
                States decides. Foreign Minister Marcelo Ebrard said Mexico would send troops.";
    let found = assign(
        text,
        Some("2019-06-07"),
        "Marcelo Ebrard",
        "Mexico would send troops",
    );
    assert_eq!(found.speaker_party.as_deref(), Some("Mexico"));
}

#[test]
fn police_or_prosecutors_without_a_party_speak_for_the_home_state() {
    let text = "Britain's government asked for help. Britain's ambassador met them. Britain \
                waits. Police said the driver had left the country.";
    let parties = speaker_parties(text, &[("Police", "the driver had left the country")]);
    assert_eq!(parties, [Some("United Kingdom".to_string())]);
    let text = "Brazil's army moved in. Brazil's courts agreed. Brazil waits. Prison \
                authorities said the riot was over.";
    let parties = speaker_parties(text, &[("Prison authorities", "the riot was over")]);
    assert_eq!(parties, [Some("Brazil".to_string())]);
}

#[test]
fn protesters_without_a_party_stand_for_the_opposition_of_the_home_state() {
    let text = "Iran's government cut the internet. Iran's police arrested hundreds in Iran. \
                Demonstrators said they would march again on Friday.";
    let parties = speaker_parties(
        text,
        &[("Demonstrators", "they would march again on Friday")],
    );
    assert_eq!(parties, [Some("Iran opposition".to_string())]);
}

#[test]
fn a_place_before_the_police_is_no_body_of_its_own() {
    let text = "Nigeria's army raided a school. Nigeria's government said nothing. Nigeria \
                waits. Kaduna police spokesman Yakubu Sabo said seven people had been arrested.";
    let found = people(text);
    assert!(has(&found, "Yakubu Sabo", "Nigeria"), "{found:?}");
}

#[test]
fn a_place_or_a_party_may_stand_before_a_local_office() {
    let text = "America's police searched the synagogue. American officials said little. \
                America mourned. San Diego County Sheriff Bill Gore said the suspect acted \
                alone. Former New York City Mayor Rudy Giuliani said the attack was terror.";
    let found = people(text);
    assert!(has(&found, "Bill Gore", "United States"), "{found:?}");
    // A former office is still former with a place between `former` and the title.
    assert!(
        !found.iter().any(|(p, _)| p == "Rudy Giuliani"),
        "{found:?}"
    );
    let text = "Britain's parliament voted. Britain's government lost. Britain waits. \
                Liberal Democrat MP Norman Lamb said he would resign the whip.";
    let found = people(text);
    assert!(has(&found, "Norman Lamb", "United Kingdom"), "{found:?}");
}

#[test]
fn an_abbreviated_title_with_its_full_stop_is_an_office() {
    let text = "Thailand's navy said divers reached the boys. Thai officials said Thailand \
                would keep pumping. Rain fell in Thailand.\n\n\
                Chiang Rai Gov. Narongsak Osottanakorn said further rescues were on hold.";
    let found = people(text);
    assert!(
        has(&found, "Narongsak Osottanakorn", "Thailand"),
        "{found:?}"
    );
}

/// A state's armed services in a title are an office of the home state, not a body of
/// their own (`Air Force spokeswoman`), but only written capitalised (`to force Pagliano
/// to appear` is no title); a surname before a title is that person, not a body.
#[test]
fn armed_services_in_a_title_speak_for_the_home_state() {
    let text = "The United States will send ships. The United States Army agreed. The United \
                States pays. Air Force spokeswoman Ann Stefanek said the jets were ready. Coast \
                Guard spokesman Tom Poe said the cutter sailed.";
    let found = people(text);
    assert!(has(&found, "Ann Stefanek", "United States"), "{found:?}");
    assert!(has(&found, "Tom Poe", "United States"), "{found:?}");
    assert!(!found.iter().any(|(_, p)| p == "Air Force"), "{found:?}");
    let text = "The United States will hold hearings. The United States Congress agreed. The \
                United States pays. The panel chose to force Bryan Pagliano to appear.";
    let found = people(text);
    assert!(
        !found.iter().any(|(p, _)| p == "Bryan Pagliano"),
        "{found:?}"
    );
    let text = "Senator Harry Reid met the envoy. Reid spokesman Adam Jentleson said the talks \
                went well.";
    let found = people(text);
    assert!(!found.iter().any(|(_, p)| p == "Reid"), "{found:?}");
}

/// A committee of the US Congress is an organ of the United States, not an open party of
/// its own, as a speaker and in a title.
#[test]
fn congress_committees_speak_for_the_united_states() {
    let text = "The United States will hold hearings. The United States Army agreed. The United \
                States pays. Senate Judiciary Committee Chairman Chuck Grassley said the visa \
                rules failed. The House Oversight Committee said it would hold a hearing.";
    let parties = speaker_parties(
        text,
        &[
            ("Chuck Grassley", "the visa rules failed"),
            ("The House Oversight Committee", "it would hold a hearing"),
        ],
    );
    let us = Some("United States".to_string());
    assert_eq!(parties, [us.clone(), us]);
}

/// A service alone names no office: a veteran does not speak for the state.
#[test]
fn a_veteran_of_a_service_speaks_for_no_state() {
    let text = "The United States will send ships. The United States Army agreed. The United \
                States pays. John Smith, a Marine veteran who served in Iraq, said the war was \
                lost.";
    let found = people(text);
    assert!(!found.iter().any(|(p, _)| p == "John Smith"), "{found:?}");
}

#[test]
fn the_government_and_the_president_in_content_are_the_home_state() {
    let text = "Hong Kong's legislature met. Hong Kong police cleared the roads. Hong Kong \
                waits. Opposition lawmaker Claudia Mo said the government had lied to the city. \
                Mo said the president of the council had resigned. \
                Mo said the government of China would not listen.";
    let s = assign(
        text,
        None,
        "Claudia Mo",
        "the government had lied to the city",
    );
    assert_eq!(s.targets, vec!["Hong Kong".to_string()], "{s:?}");
    // `of` names the state, or another body: no home-state reference.
    let s = assign(
        text,
        None,
        "Claudia Mo",
        "the president of the council had resigned",
    );
    assert!(s.targets.is_empty(), "{s:?}");
    let s = assign(
        text,
        None,
        "Claudia Mo",
        "the government of China would not listen",
    );
    assert_eq!(s.targets, vec!["China".to_string()], "{s:?}");
    // A place after it names another government; `regime change` is no reference.
    let text = "North Korea fired a missile. North Korea's army said it was a test. North \
                Korea waits. Analyst Ken Ito said the government in Tokyo would keep up \
                pressure. Ito said the regime change talk had faded.";
    let s = assign(
        text,
        None,
        "Ken Ito",
        "the government in Tokyo would keep up pressure",
    );
    assert!(!s.targets.contains(&"North Korea".to_string()), "{s:?}");
    let s = assign(text, None, "Ken Ito", "the regime change talk had faded");
    assert!(s.targets.is_empty(), "{s:?}");
    // Another state's official means their own government.
    let text = "The United States imposed tariffs. The United States Army agreed. The United \
                States pays. Chinese foreign ministry spokesman Geng Shuang said the \
                government would take countermeasures.";
    let s = assign(
        text,
        None,
        "Geng Shuang",
        "the government would take countermeasures",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("China"));
    assert!(s.targets.is_empty(), "{s:?}");
    // No home state (two states named as often): nothing is added.
    let text = "China and Japan met. China and Japan talk. China and Japan trade. \
                Analyst Ken Ito said the government had lied.";
    let s = assign(text, None, "Ken Ito", "the government had lied");
    assert!(s.targets.is_empty(), "{s:?}");
}

#[test]
fn the_home_states_own_official_keeps_it_only_when_criticising() {
    let text = "The United States imposed tariffs. The United States Army agreed. The United \
                States pays. Trade adviser Peter Navarro said the president's tariffs would \
                work. Navarro said the administration's critics were wrong.";
    let s = assign(
        text,
        None,
        "Peter Navarro",
        "the president's tariffs would work",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("United States"));
    assert!(s.targets.is_empty(), "{s:?}");
}

#[test]
fn a_known_person_written_with_a_middle_initial_is_known() {
    let text = "William P. Barr said the report was complete.";
    let s = assign(
        text,
        Some("2019-05-05"),
        "William P. Barr",
        "the report was complete",
    );
    assert_eq!(s.speaker_party.as_deref(), Some("United States"), "{s:?}");
    // A form listed with its initial is that entry, not another's with the same first
    // and last name (`John F. Kennedy` is not the later senator John Kennedy).
    let jfk = "John F. Kennedy once said that Americans would pay any price.";
    let s = assign(
        jfk,
        Some("2019-05-05"),
        "John F. Kennedy",
        "Americans would pay any price",
    );
    assert_eq!(s.speaker_party, None, "{s:?}");
    // The initial does not make a namesake out of office known.
    let s = assign(
        text,
        Some("2015-05-05"),
        "William P. Barr",
        "the report was complete",
    );
    assert_eq!(s.speaker_party, None, "{s:?}");
}

#[test]
fn members_of_congress_and_presidential_staff_hold_state_offices() {
    let text = "The United States imposed tariffs. U.S. farmers worried. The United States \
                waits. Rep. Austin Scott said he first learned of it on Monday. Presidential \
                spokesman Joshua Ernest said the president sets policy.";
    let found = people(text);
    assert!(has(&found, "Austin Scott", "United States"), "{found:?}");
    assert!(has(&found, "Joshua Ernest", "United States"), "{found:?}");
    // A presidential candidate holds no office.
    let text = "The United States votes. U.S. polls open. The United States counts. \
                Presidential candidate Jane Roe said the count was slow.";
    let found = people(text);
    assert!(!found.iter().any(|(p, _)| p == "Jane Roe"), "{found:?}");
}

#[test]
fn serving_officers_speak_for_the_home_state_and_retired_ones_for_no_state() {
    let text = "The United States tested a missile. The United States Navy watched. The United \
                States paid. Adm. Jim Syring said the test worked. Maj. Gen. Glenn Curtis said \
                the crew was safe. Rear Adm. Mark Whitney said so too.";
    let found = people(text);
    for person in ["Jim Syring", "Glenn Curtis", "Mark Whitney"] {
        assert!(has(&found, person, "United States"), "{person}: {found:?}");
    }
    // Retired anywhere in the article, before the rank or in an apposition elsewhere.
    let text = "The United States tested a missile. The United States Navy watched. The United \
                States paid. Retired four star Gen. Jack Keane said the test was late. Gen. \
                Mark Kimmitt said it was costly. Kimmitt, a retired brigadier general, \
                advises a bank. Sgt. Ann Roe said the base was calm.";
    let found = people(text);
    for person in ["Jack Keane", "Mark Kimmitt", "Ann Roe"] {
        assert!(
            !found.iter().any(|(p, _)| p == person),
            "{person}: {found:?}"
        );
    }
}

#[test]
fn an_unresolved_president_or_government_speaks_for_the_home_state() {
    let text = "Brazil's army left the capital. Brazil's courts agreed. Brazil waits. The \
                president said the army would return. The president of the council said \
                nothing.";
    let parties = speaker_parties(
        text,
        &[
            ("The president", "the army would return"),
            ("The president of the council", "nothing"),
        ],
    );
    assert_eq!(parties, [Some("Brazil".to_string()), None]);
}

#[test]
fn unnamed_mps_speak_for_the_home_state() {
    let text = "Britain's parliament voted. Britain's government lost. Britain waits. Tory \
                MPs said the deal was dead. A Conservative MP said the vote was a farce.";
    let parties = speaker_parties(
        text,
        &[
            ("Tory MPs", "the deal was dead"),
            ("A Conservative MP", "the vote was a farce"),
        ],
    );
    let uk = Some("United Kingdom".to_string());
    assert_eq!(parties, [uk.clone(), uk]);
}

#[test]
fn protesters_stand_against_the_state_named_most_even_without_a_home_state() {
    // Hong Kong three times, China twice: no home state (not twice as often), but
    // protesters still stand against Hong Kong's government.
    let text = "Hong Kong police fired tear gas. Hong Kong's leader spoke. China warned the \
                city. China's army waited. Hong Kong stayed tense. Protesters said the bill \
                must be withdrawn.";
    let parties = speaker_parties(text, &[("Protesters", "the bill must be withdrawn")]);
    assert_eq!(parties, [Some("Hong Kong opposition".to_string())]);
    // Named as often: no state stands out, no party.
    let text = "Hong Kong police fired tear gas. China warned the city. Hong Kong stayed \
                tense. China's army waited. Protesters said the bill must be withdrawn.";
    let parties = speaker_parties(text, &[("Protesters", "the bill must be withdrawn")]);
    assert_eq!(parties, [None]);
}
