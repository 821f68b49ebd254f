//! Switching libraries: edits wait as drafts in the library they belong to, a library that
//! cannot be opened leaves the open one (and its working copies) as they were.

use std::path::{Path, PathBuf};

use chrono::Utc;
use flowlane::edit::Command;

use crate::state::AppState;
use flowlane::store;

/// A file that starts as a Flowlane library of `format` would, and holds nothing readable after.
fn header(format: u32) -> Vec<u8> {
    let mut bytes = vec![0x5a; 8192];
    bytes[..16].copy_from_slice(b"SQLite format 3\0");
    bytes[60..64].copy_from_slice(&format.to_be_bytes());
    bytes[68..72].copy_from_slice(&store::APPLICATION_ID.to_be_bytes());
    bytes
}

fn new_library(dir: &Path, name: &str) -> (AppState, PathBuf) {
    let path = dir.join(name);
    let state = AppState::open(&path, Utc::now());
    assert!(state.overview().unwrap().created);
    (state, path)
}

/// Renames the first process of the open library in its working copy; its id.
fn rename_first(state: &AppState, name: &str) -> flowlane::model::Id {
    let id = state.overview().unwrap().processes[0].id;
    let opened = state.sessions.open(&state.library().unwrap(), id).unwrap();
    let mut info = opened.process.info.clone();
    info.name = name.to_string();
    state
        .sessions
        .edit(id, |session| {
            session.execute(Command::UpdateInfo { info }).map(Some)
        })
        .unwrap();
    id
}

#[test]
fn edits_stay_as_drafts_in_the_library_they_were_made_in() {
    let dir = tempfile::tempdir().unwrap();
    let (state, first) = new_library(dir.path(), "first.flowlane");
    let id = rename_first(&state, "Renamed in the first library");
    assert_eq!(state.sessions.unsaved(), ["Renamed in the first library"]);

    let second = dir.path().join("second.flowlane");
    let opened = state.switch(&second, true, Utc::now()).unwrap();
    assert_eq!(opened, second);
    let overview = state.overview().unwrap();
    assert_eq!(overview.path, second.display().to_string());
    assert!(overview.created, "a new library is seeded as a first start");
    assert_eq!(overview.processes.len(), 3);
    assert!(overview.processes.iter().all(|p| !p.has_draft));
    assert!(
        state.sessions.unsaved().is_empty(),
        "the old working copies closed"
    );

    state.switch(&first, false, Utc::now()).unwrap();
    let overview = state.overview().unwrap();
    assert!(!overview.created);
    let summary = overview.processes.iter().find(|p| p.id == id).unwrap();
    assert!(summary.has_draft);
    let reopened = state.sessions.open(&state.library().unwrap(), id).unwrap();
    assert!(reopened.recovered_draft.is_some());
    assert_eq!(reopened.process.info.name, "Renamed in the first library");
}

#[test]
fn a_library_that_cannot_be_opened_leaves_the_open_one_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (state, first) = new_library(dir.path(), "first.flowlane");
    rename_first(&state, "Still editing");

    let newer = dir.path().join("newer.flowlane");
    std::fs::write(&newer, header(store::library_format() + 1)).unwrap();
    let damaged = dir.path().join("damaged.flowlane");
    std::fs::write(&damaged, header(store::library_format())).unwrap();
    let foreign = dir.path().join("notes.flowlane");
    std::fs::write(&foreign, b"shopping list").unwrap();
    let missing = dir.path().join("missing.flowlane");
    for (path, code) in [
        (&newer, "too_new"),
        (&damaged, "corrupt"),
        (&foreign, "not_a_library"),
        (&missing, "missing"),
    ] {
        let before = std::fs::read(path).ok();
        let err = state.switch(path, false, Utc::now()).unwrap_err();
        assert_eq!(err.code, code, "{}: {}", path.display(), err.message);
        assert_eq!(
            std::fs::read(path).ok(),
            before,
            "{} was changed",
            path.display()
        );
    }
    // New library… onto an existing file never replaces it.
    let err = state.switch(&foreign, true, Utc::now()).unwrap_err();
    assert_eq!(err.code, "already_exists", "{}", err.message);
    assert_eq!(std::fs::read(&foreign).unwrap(), b"shopping list");

    assert_eq!(state.library_path(), first);
    assert_eq!(state.overview().unwrap().path, first.display().to_string());
    assert_eq!(state.sessions.unsaved(), ["Still editing"]);
}

#[test]
fn a_launch_naming_a_newer_library_starts_on_the_default_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let default = dir.path().join("default.flowlane");
    let newer = dir.path().join("newer.flowlane");
    std::fs::write(&newer, header(store::library_format() + 1)).unwrap();
    let before = std::fs::read(&newer).unwrap();

    let launch = crate::launch::Launch::OpenLibrary(newer.clone());
    let state = AppState::start(&default, launch, Utc::now());

    assert_eq!(state.library_path(), default);
    assert!(state.overview().unwrap().created);
    match state.take_arrival() {
        Some(crate::arrival::Arrival::Refused { message }) => {
            assert!(message.contains("newer"), "{message}");
            assert!(
                message.ends_with("The library open before stays open."),
                "{message}"
            );
        }
        _ => panic!("the launch's library was not refused"),
    }
    assert_eq!(std::fs::read(&newer).unwrap(), before);
}
