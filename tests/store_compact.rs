//! Versions are stored compressed, each against the version before it and every few versions
//! self-contained: what comes back is the canonical text byte for byte, and a damaged frame is
//! damage of its version (and of the versions stored against it), reported, never a panic.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use flowlane::model::{Id, Process};
use flowlane::store::{Library, TamperKind};
use flowlane::{canonical, samples};
use rusqlite::Connection;
use tempfile::TempDir;

/// More versions than a chain of frames is long, so key frames and frames against the version
/// before both occur, several times over.
const VERSIONS: u32 = 10;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
}

/// Every sample saved `VERSIONS` times (each with another owner); the texts saved, by process.
fn library() -> (TempDir, PathBuf, BTreeMap<Id, Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.flowlane");
    let mut library = Library::create(&path).unwrap();
    let mut saved: BTreeMap<Id, Vec<String>> = BTreeMap::new();
    // A sample that comes in several versions continues its own history.
    for (sample, _) in samples::versions() {
        let texts = saved.entry(sample.id).or_default();
        for n in 1..=VERSIONS {
            let mut version: Process = sample.clone();
            version.info.owner = format!("{} ({n})", sample.info.owner);
            library
                .save_version(&version, "ana", &format!("version {n}"), at(1))
                .unwrap();
            texts.push(String::from_utf8(canonical::to_bytes(&version)).unwrap());
        }
    }
    (dir, path, saved)
}

#[test]
fn every_version_of_every_sample_reads_back_byte_for_byte() {
    let (_dir, path, saved) = library();
    let library = Library::open(&path).unwrap();
    for (process, texts) in &saved {
        let history = library.history(*process).unwrap();
        assert_eq!(history.len(), texts.len());
        for (info, text) in history.iter().zip(texts) {
            let (_, read) = library.load_text(*process, Some(info.number)).unwrap();
            assert_eq!(&read, text, "{process} v{}", info.number);
            assert_eq!(info.hash, canonical::hash_bytes(read.as_bytes()));
        }
    }
    let stored: Vec<String> = Connection::open(&path)
        .unwrap()
        .prepare("SELECT DISTINCT typeof(definition) FROM versions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored, ["blob"], "every version is stored compressed");
    let names: Vec<String> = library
        .processes()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    let mut expected: Vec<String> = saved
        .values()
        .map(|texts| canonical::parse(texts.last().unwrap()).unwrap().info.name)
        .collect();
    expected.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, expected, "listed by the names their texts hold");
    let report = library.verify().unwrap();
    assert!(report.is_clean(), "{}", report.render());
}

#[test]
fn a_damaged_frame_is_damage_of_its_version_and_of_those_stored_against_it() {
    let (_dir, path, saved) = library();
    let (process, texts) = saved.iter().next().unwrap();
    let conn = Connection::open(&path).unwrap();
    let frame: Vec<u8> = conn
        .query_row(
            "SELECT definition FROM versions WHERE process_id = ?1 AND number = 2",
            [process.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let mut damaged = frame.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    conn.execute_batch("DROP TRIGGER versions_are_immutable")
        .unwrap();
    conn.execute(
        "UPDATE versions SET definition = ?2 WHERE process_id = ?1 AND number = 2",
        rusqlite::params![process.to_string(), damaged],
    )
    .unwrap();
    conn.execute_batch(
        "CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
             BEGIN SELECT RAISE(ABORT, 'saved versions are immutable'); END;",
    )
    .unwrap();
    drop(conn);

    let library = Library::open(&path).unwrap();
    let err = library.load_text(*process, Some(2)).unwrap_err();
    assert_eq!(err.code(), "unreadable", "{err}");
    assert!(err.to_string().contains("cannot be decompressed"), "{err}");
    assert!(library.load(*process, Some(3)).is_err());
    // The versions before it, and from the next self-contained one on, still read.
    assert_eq!(&library.load_text(*process, Some(1)).unwrap().1, &texts[0]);
    let latest = texts.len() as u32;
    assert_eq!(
        &library.load_text(*process, Some(latest)).unwrap().1,
        texts.last().unwrap()
    );

    let report = library.verify().unwrap();
    let damaged: Vec<(TamperKind, Option<u32>)> = report
        .problems
        .iter()
        .map(|p| (p.kind, p.version))
        .collect();
    let first = damaged.first().copied();
    assert_eq!(
        first,
        Some((TamperKind::UnreadableRow, Some(2))),
        "{}",
        report.render()
    );
    assert!(damaged
        .iter()
        .all(|(kind, _)| *kind == TamperKind::UnreadableRow));
    assert!(
        damaged.len() >= 2,
        "v3 is stored against v2: {}",
        report.render()
    );
    assert!(!damaged.iter().any(|(_, v)| *v == Some(latest)));
    assert!(report
        .render()
        .contains("v2: its stored definition cannot be decompressed"));
    assert!(report
        .render()
        .contains("v3: it is stored against version 2, which cannot be read"));
}
