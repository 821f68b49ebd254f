//! Trainer scenarios in the library: saved once by name, listed, loaded back as recorded, and the
//! sample scenarios arrive with the samples.

use chrono::{DateTime, Utc};
use flowlane::samples;
use flowlane::simulate::{no_calls, replay};
use flowlane::store::{Library, StoreError};

fn at(day: u32) -> DateTime<Utc> {
    format!("2026-03-{day:02}T10:00:00Z").parse().unwrap()
}

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::create(&dir.path().join("lib.flowlane")).unwrap();
    library.add_samples(at(1)).unwrap();
    (dir, library)
}

#[test]
fn the_samples_bring_their_scenarios() {
    let (_dir, library) = library();
    let listed: Vec<(String, u32, u32)> = library
        .scenarios(None)
        .unwrap()
        .into_iter()
        .map(|s| (s.name, s.version, s.steps))
        .collect();
    assert_eq!(
        listed,
        [
            ("Contract found void in legal review".to_string(), 1, 6),
            ("Contract sent back for revision once".into(), 1, 19),
            ("Corrected invoice arrives after a mismatch".into(), 2, 16),
            ("Invoice of 12,500 EUR needs CFO approval".into(), 2, 14),
            (
                "Laptop back-ordered: escalated to the IT manager".into(),
                1,
                23
            ),
            ("New hire in Engineering".into(), 1, 21),
            ("Vendor never sends a corrected invoice".into(), 2, 7),
        ]
    );
    for scenario in samples::scenarios() {
        let loaded = library.load_scenario(&scenario.name).unwrap();
        assert_eq!(loaded, scenario);
        let (_, definition) = library
            .load(scenario.process, Some(scenario.version))
            .unwrap();
        let replayed = replay(&loaded, definition, &no_calls).unwrap();
        assert_eq!(replayed.divergence, None, "{}", scenario.name);
    }
    let onboarding = library.find("Employee onboarding").unwrap().id;
    let of_onboarding = library.scenarios(Some(onboarding)).unwrap();
    let names: Vec<&str> = of_onboarding.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Laptop back-ordered: escalated to the IT manager",
            "New hire in Engineering"
        ]
    );
}

#[test]
fn a_name_is_saved_once_and_a_missing_version_is_refused() {
    let (_dir, mut library) = library();
    let mut scenario = samples::scenarios().swap_remove(0);
    let err = library.save_scenario(&scenario, "ana", at(2)).unwrap_err();
    assert!(matches!(err, StoreError::ScenarioExists(_)), "{err}");
    assert_eq!(err.code(), "scenario_exists");
    scenario.name = "Second hire".into();
    scenario.version = 9;
    let err = library.save_scenario(&scenario, "ana", at(2)).unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownVersion { number: 9, .. }),
        "{err}"
    );
    scenario.version = 1;
    library.save_scenario(&scenario, "ana", at(2)).unwrap();
    assert_eq!(library.load_scenario("second HIRE").unwrap(), scenario);
    let audit = library.audit(Some(scenario.process)).unwrap();
    let last = audit.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.actor.as_str()),
        ("save_scenario", "ana")
    );
    let err = library.load_scenario("Nobody").unwrap_err();
    assert_eq!(err.to_string(), "there is no scenario named \"Nobody\"");
}

#[test]
fn the_library_stays_verifiable_with_scenarios() {
    let (_dir, library) = library();
    assert!(library.verify().unwrap().is_clean());
}
