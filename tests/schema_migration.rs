//! Definitions saved under schema 1 (before BPMN events were modelled) still load, migrated on
//! read, and the versions that hold them still verify: their bytes are never rewritten.

mod support;

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use flowlane::canonical;
use flowlane::model::{Distribution, Generator, NodeKind, Process, SCHEMA_VERSION};
use flowlane::samples;
use flowlane::store::Library;
use rusqlite::{params, Connection};
use support::team::Team;

/// The onboarding sample as schema 1 wrote it: timers were `{"type": "timer", "wait": "30d"}`.
fn onboarding_as_schema_1() -> String {
    let (_, text, _) = samples::FILES
        .iter()
        .find(|(name, _, _)| *name == "employee-onboarding.json")
        .expect("the onboarding sample");
    let old = text.replace(&format!("\"schema\": {SCHEMA_VERSION},"), "\"schema\": 1,");
    let timer = "\"type\": \"catch\",\n        \"trigger\": {\n          \"on\": \"timer\",\n          \"timer\": {\n            \"duration\": \"P30D\"\n          }\n        }";
    assert!(
        old.contains(timer),
        "the sample spells its timers as expected"
    );
    old.replace(timer, "\"type\": \"timer\",\n        \"wait\": \"30d\"")
}

#[test]
fn a_schema_1_definition_reads_as_the_current_one() {
    let old = onboarding_as_schema_1();
    let migrated = canonical::parse(&old).expect("schema 1 still reads");
    let current = samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.info.name == "Employee onboarding")
        .unwrap();
    assert_eq!(migrated, current);
    assert_eq!(migrated.schema, SCHEMA_VERSION);
    let timers = migrated
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::wait("P30D"))
        .count();
    assert_eq!(timers, 3);
}

/// Saves the onboarding sample into the library at `path` as the schema 1 release wrote a save:
/// the row, its hash chain and the audit entry. Returns the process (migrated), the text and hash.
fn save_as_schema_1(path: &Path, at: DateTime<Utc>) -> (Process, String, String) {
    save_old(path, at, onboarding_as_schema_1())
}

/// Saves `old` (a definition in an older schema) as version 1, as that release wrote a save.
fn save_old(path: &Path, at: DateTime<Utc>, old: String) -> (Process, String, String) {
    let hash = canonical::hash_bytes(old.as_bytes());
    let process = canonical::parse(&old).unwrap();
    let conn = Connection::open(path).unwrap();
    conn.execute(
        "INSERT INTO versions (process_id, number, definition, hash, prev_hash, author, message, saved_at)
         VALUES (?1, 1, ?2, ?3, NULL, 'ana', 'first', ?4)",
        params![process.id.to_string(), old, hash, at.to_rfc3339()],
    )
    .unwrap();
    let detail = serde_json::json!({ "version": 1, "hash": hash, "message": "first" });
    conn.execute(
        "INSERT INTO audit (at, actor, action, process_id, detail) VALUES (?1, 'ana', 'save_version', ?2, ?3)",
        params![at.to_rfc3339(), process.id.to_string(), detail.to_string()],
    )
    .unwrap();
    (process, old, hash)
}

#[test]
fn a_library_saved_under_schema_1_loads_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.flowlane");
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    drop(Library::create(&path).unwrap());
    let (process, old, hash) = save_as_schema_1(&path, at);

    let mut library = Library::open(&path).unwrap();
    let report = library.verify().unwrap();
    assert!(report.is_clean(), "{}", report.render());
    let (info, loaded) = library.load(process.id, None).unwrap();
    assert_eq!(info.hash, hash);
    assert_eq!(loaded.schema, SCHEMA_VERSION);
    assert_eq!(loaded, process);
    // Saving it again stores schema 2 bytes as the next version; the first keeps its own.
    let next = library
        .save_version(&loaded, "ana", "now in schema 2", at)
        .unwrap();
    assert_eq!(next.number, 2);
    assert!(library.verify().unwrap().is_clean());
    let stored: String = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT definition FROM versions WHERE number = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, old);
}

/// A version saved under schema 1 travels through git byte for byte: its commit holds the bytes
/// it was saved as, and the library that pulls it stores them under the same hash.
#[test]
fn a_schema_1_version_is_pushed_and_pulled_with_its_own_bytes() {
    let team = Team::new();
    drop(team.library("ana"));
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let (process, old, hash) = save_as_schema_1(&team.path("ana"), at);
    let mut ana = Library::open(&team.path("ana")).unwrap();
    assert_eq!(team.push(&mut ana, "ana", 5).versions, 1);

    let mut bob = team.library("bob");
    team.pull(&mut bob, "bob", 6).unwrap();
    let theirs = bob.history(process.id).unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].hash, hash);
    let (_, text) = bob.load_text(process.id, None).unwrap();
    assert_eq!(text, old);
    assert_eq!(bob.load(process.id, None).unwrap().1, process);
    for library in [&mut ana, &mut bob] {
        let report = library.verify().unwrap();
        assert!(report.is_clean(), "{}", report.render());
    }
    // Nothing new either way: the two libraries agree.
    assert_eq!(team.push(&mut bob, "bob", 7).versions, 0);
    assert_eq!(
        team.pull(&mut ana, "ana", 8).unwrap().render(),
        team.pull(&mut ana, "ana", 9).unwrap().render()
    );
}

/// Accounts payable v1 as schema 2 wrote it with generated data: `info.simulation.data`, by name.
fn payables_as_schema_2() -> String {
    let (_, text, _) = samples::FILES
        .iter()
        .find(|(name, _, _)| *name == "accounts-payable.v1.json")
        .expect("the accounts payable sample");
    let mut old: serde_json::Value = serde_json::from_str(text).unwrap();
    old["schema"] = 2.into();
    old["info"]["simulation"] = serde_json::json!({
        "arrivals": {"pattern": "poisson", "per_hour": 2.0},
        "data": {"amount": {"type": "number", "sample": {"distribution": "uniform", "min": 0.0, "max": 20000.0}}}
    });
    serde_json::to_string_pretty(&old).unwrap()
}

#[test]
fn a_library_saved_under_schema_2_keeps_its_generated_data_on_the_variable_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.flowlane");
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    drop(Library::create(&path).unwrap());
    let (process, old, hash) = save_old(&path, at, payables_as_schema_2());
    let amount = process.info.variables.iter().find(|v| v.name == "amount");
    assert_eq!(
        amount.and_then(|v| v.generated.clone()),
        Some(Generator::Number {
            sample: Distribution::Uniform {
                min: 0.0,
                max: 20000.0
            }
        })
    );
    assert!(process.info.simulation.arrivals.is_some());

    let library = Library::open(&path).unwrap();
    let report = library.verify().unwrap();
    assert!(report.is_clean(), "{}", report.render());
    let (info, loaded) = library.load(process.id, None).unwrap();
    assert_eq!((info.hash, loaded.schema), (hash, SCHEMA_VERSION));
    assert_eq!(loaded, process);
    assert_eq!(library.load_text(process.id, None).unwrap().1, old);
}
