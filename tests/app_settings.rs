//! The app's settings file: the recent libraries, newest first, kept across starts; a file that
//! cannot be read is named and left as it is.

use std::path::{Path, PathBuf};

use flowlane::store::{AppSettings, StoreError, RECENT_LIMIT};

fn paths(names: &[&str]) -> Vec<PathBuf> {
    names.iter().map(PathBuf::from).collect()
}

#[test]
fn no_file_yet_is_an_empty_list() {
    let dir = tempfile::tempdir().unwrap();
    let settings = AppSettings::read(&dir.path().join("settings.json")).unwrap();
    assert!(settings.recent_libraries.is_empty());
}

#[test]
fn recent_libraries_are_newest_first_once_each_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    // The folder does not exist yet: writing creates it.
    let file = dir.path().join("flowlane").join("settings.json");
    let mut settings = AppSettings::default();
    for library in ["/a.flowlane", "/b.flowlane", "/c.flowlane", "/a.flowlane"] {
        settings.remember(Path::new(library));
    }
    assert_eq!(
        settings.recent_libraries,
        paths(&["/a.flowlane", "/c.flowlane", "/b.flowlane"])
    );
    settings.write(&file).unwrap();
    let again = AppSettings::read(&file).unwrap();
    assert_eq!(again, settings);

    let mut again = again;
    again.forget(Path::new("/c.flowlane"));
    assert_eq!(
        again.recent_libraries,
        paths(&["/a.flowlane", "/b.flowlane"])
    );
}

#[test]
fn the_list_keeps_only_the_newest() {
    let mut settings = AppSettings::default();
    for n in 0..RECENT_LIMIT + 3 {
        settings.remember(Path::new(&format!("/library-{n}.flowlane")));
    }
    assert_eq!(settings.recent_libraries.len(), RECENT_LIMIT);
    assert_eq!(
        settings.recent_libraries[0],
        PathBuf::from(format!("/library-{}.flowlane", RECENT_LIMIT + 2))
    );
    assert_eq!(
        settings.recent_libraries[RECENT_LIMIT - 1],
        PathBuf::from("/library-3.flowlane")
    );
}

#[test]
fn settings_a_newer_version_wrote_are_kept_when_the_list_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("settings.json");
    std::fs::write(
        &file,
        r#"{"recent_libraries": ["/old.flowlane"], "theme": {"dark": true}}"#,
    )
    .unwrap();
    let mut settings = AppSettings::read(&file).unwrap();
    settings.remember(Path::new("/new.flowlane"));
    settings.write(&file).unwrap();
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(written["theme"]["dark"], true);
    assert_eq!(
        written["recent_libraries"],
        serde_json::json!(["/new.flowlane", "/old.flowlane"])
    );
}

#[test]
fn an_unreadable_file_is_named_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("settings.json");
    std::fs::write(&file, b"{ not json").unwrap();
    let err = AppSettings::read(&file).unwrap_err();
    assert!(
        matches!(err, StoreError::UnreadableSettings { .. }),
        "{err}"
    );
    assert_eq!(err.code(), "unreadable_settings");
    assert!(err.to_string().contains("settings.json"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"{ not json");
}
