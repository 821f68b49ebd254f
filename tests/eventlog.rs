//! Reading event logs: the real-life receipt log as XES, gzip and CSV gives the same events;
//! bad input is refused with the line or event it is at; a stored log reads back unchanged.

mod support;

use std::io::Write;
use std::path::PathBuf;

use flowlane::eventlog::{self, CsvColumns, EventLog, LogError, ReadOptions};
use flowlane::store::{Library, StoreError};

fn event_logs() -> PathBuf {
    support::event_log::event_logs_dir()
}

fn read(bytes: &[u8]) -> Result<EventLog, LogError> {
    eventlog::read(bytes, &ReadOptions::default(), &mut |_| {})
}

fn receipt(file: &str) -> Vec<u8> {
    std::fs::read(event_logs().join(file)).expect("the receipt log is there")
}

/// An event by its names: activity, time, resource.
type Named = (String, Option<i64>, Option<String>);

/// Cases sorted by id, so logs written in another case order compare equal.
fn sorted(mut log: EventLog) -> Vec<(String, Vec<Named>)> {
    log.cases.sort_by(|a, b| a.id.cmp(&b.id));
    log.cases
        .iter()
        .map(|c| {
            let events = c
                .events
                .iter()
                .map(|e| {
                    (
                        log.activities[e.activity as usize].clone(),
                        e.time,
                        e.resource.map(|r| log.resources[r as usize].clone()),
                    )
                })
                .collect();
            (c.id.clone(), events)
        })
        .collect()
}

#[test]
fn the_receipt_log_reads_the_same_from_xes_gzip_and_csv() {
    let xes = read(&receipt("receipt.xes")).expect("XES reads");
    let figures = xes.figures();
    assert_eq!(
        (
            figures.cases,
            figures.events,
            figures.activities,
            figures.variants
        ),
        (1434, 8577, 27, 116)
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&receipt("receipt.xes")).unwrap();
    let gzip = read(&gz.finish().unwrap()).expect("gzip reads");
    assert_eq!(gzip, xes);
    let csv = read(&receipt("receipt.csv")).expect("CSV reads");
    assert_eq!(csv.figures(), figures);
    assert_eq!(sorted(csv), sorted(xes.clone()));
    // The canonical form reads back to the same log.
    let back = eventlog::from_canonical(&eventlog::to_canonical(&xes)).unwrap();
    assert_eq!(back, xes);
}

#[test]
fn progress_is_reported_while_reading() {
    let mut calls = Vec::new();
    let bytes = receipt("receipt.csv");
    eventlog::read(bytes.as_slice(), &ReadOptions::default(), &mut |p| {
        calls.push(p)
    })
    .unwrap();
    let last = calls.last().expect("at least the final report");
    assert_eq!(last.events, 8577);
    assert_eq!(last.bytes, bytes.len() as u64);
}

#[test]
fn csv_columns_are_found_by_usual_names_or_chosen() {
    let plain = "Case ID;Activity;Timestamp;Resource\n1;Register;2026-03-01 09:00;ana\n1;Approve;2026-03-01 10:00;ben\n";
    let log = read(plain.as_bytes()).expect("plain names are found");
    assert_eq!(log.activities, ["Register", "Approve"]);
    assert_eq!(log.resources, ["ana", "ben"]);
    let odd = "ticket,step,when\nT1,Register,2026-03-01T09:00:00Z\n";
    let err = read(odd.as_bytes()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the log has no column for the case id"),
        "{err}"
    );
    let options = ReadOptions {
        columns: CsvColumns {
            case: Some("ticket".into()),
            activity: Some("step".into()),
            timestamp: Some("when".into()),
            ..CsvColumns::default()
        },
        ..ReadOptions::default()
    };
    let log = eventlog::read(odd.as_bytes(), &options, &mut |_| {}).expect("chosen columns");
    assert_eq!(log.cases[0].id, "T1");
    let detected = eventlog::detect_columns(
        &[
            "case:concept:name".into(),
            "concept:name".into(),
            "org:resource".into(),
        ],
        &CsvColumns::default(),
    );
    assert_eq!(detected.resource.as_deref(), Some("org:resource"));
    assert_eq!(detected.timestamp, None);
}

#[test]
fn events_are_ordered_by_time_within_a_case() {
    let text = "case,activity,timestamp\n1,B,2026-03-01T10:00:00Z\n2,A,2026-03-01T08:00:00Z\n1,A,2026-03-01T09:00:00Z\n";
    let log = read(text.as_bytes()).unwrap();
    let first: Vec<&str> = log.cases[0]
        .events
        .iter()
        .map(|e| log.activities[e.activity as usize].as_str())
        .collect();
    assert_eq!(first, ["A", "B"]);
    assert_eq!(log.cases[1].id, "2");
}

/// Bad input: the message names where it is.
const BAD: &[(&str, &str)] = &[
    (
        "case,activity,timestamp\n1,A,2026-03-01T10:00:00Z\n1,B,yesterday\n",
        "line 3: the timestamp \"yesterday\" cannot be read",
    ),
    (
        "case,activity\n1,A\n,B\n",
        "line 3: the case id is empty",
    ),
    ("case,activity\n1,A\n1,\n", "line 3: the activity name is empty"),
    ("case,activity\n1,A\n1,B,C\n", "line 3: the row has 3 fields where the header has 2"),
    ("case,activity\n", "the log has no events"),
    (
        "<log><trace><string key=\"concept:name\" value=\"c1\"/><event><string key=\"concept:name\" value=\"A\"/></event><event><string key=\"concept:name\" value=\"B\"/><date key=\"time:timestamp\" value=\"noon\"/></event></trace></log>",
        "event 2 (case \"c1\"): the timestamp \"noon\" cannot be read",
    ),
    (
        "<log><trace><event><string key=\"concept:name\" value=\"A\"/></event></trace></log>",
        "event 1: the case id is empty",
    ),
    (
        "<log><trace><string key=\"concept:name\" value=\"c1\"/><event><string key=\"concept:name\" value=\"A\"/></event><event></trace></log>",
        "event 2 (case \"c1\"): the XML cannot be read",
    ),
];

#[test]
fn bad_input_is_refused_with_its_line_or_event() {
    let mut wrong = Vec::new();
    for (text, expected) in BAD {
        match read(text.as_bytes()) {
            Ok(_) => wrong.push(format!("{text:?} was read")),
            Err(e) if !e.to_string().starts_with(expected) => wrong.push(format!("{text:?}: {e}")),
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_gzip_bomb_or_a_huge_file_is_refused_at_the_cap() {
    // 64 MB of zeros packs into about 64 kB.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(b"case,activity\n").unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1 << 20);
    let options = ReadOptions {
        max_bytes: 16 << 20,
        ..ReadOptions::default()
    };
    let err = eventlog::read(bomb.as_slice(), &options, &mut |_| {}).unwrap_err();
    assert!(matches!(err, LogError::TooLarge { .. }), "{err}");
    let xes = receipt("receipt.xes");
    let small = ReadOptions {
        max_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    let err = eventlog::read(xes.as_slice(), &small, &mut |_| {}).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the log is bigger than 1 MB of text once unpacked; it was not read"
    );
}

#[test]
fn a_stored_log_is_hashed_kept_once_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::create(&dir.path().join("lib.flowlane")).unwrap();
    let at = chrono::Utc::now();
    library.add_samples(at).unwrap();
    let process = library.find("Accounts payable").unwrap().id;
    let log = read(&receipt("receipt.csv")).unwrap();
    let (stored, new) = library
        .store_log(process, "receipt.csv", &log, "ana", at)
        .unwrap();
    assert!(new);
    // The sample library already holds the process's synthetic log as log 1.
    assert_eq!(
        (stored.number, stored.cases, stored.events),
        (2, 1434, 8577)
    );
    // Compact: the canonical CSV compressed, well under the source file.
    assert!(
        stored.stored_bytes < 400_000,
        "{} bytes",
        stored.stored_bytes
    );
    // The same events from XES are the same canonical bytes only if ordered alike; the CSV
    // again is the same log.
    let (again, new) = library
        .store_log(process, "again.csv", &log, "ana", at)
        .unwrap();
    assert!(!new);
    assert_eq!(again.number, 2);
    let (_, back) = library.load_log(process, 2).unwrap();
    assert_eq!(back, log);
    assert_eq!(library.logs(process).unwrap().len(), 2);
    let missing = library.load_log(process, 3).unwrap_err();
    assert!(
        matches!(missing, StoreError::UnknownLog { .. }),
        "{missing}"
    );
    let audit = library.audit(Some(process)).unwrap();
    assert!(audit.iter().any(|e| e.action == "import_log"));
    // Not even SQL changes or removes a stored log.
    let conn = rusqlite::Connection::open(dir.path().join("lib.flowlane")).unwrap();
    let changed = conn.execute("UPDATE event_logs SET name = 'other'", []);
    assert!(changed.is_err(), "stored logs are immutable");
    assert!(conn.execute("DELETE FROM event_logs", []).is_err());
}

#[test]
fn a_saved_activity_mapping_is_kept_per_process_replaced_whole_and_used_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.flowlane");
    let mut library = Library::create(&path).unwrap();
    let at = chrono::Utc::now();
    library.add_samples(at).unwrap();
    let process = library.find("Accounts payable").unwrap().id;
    assert!(library.activity_mapping(process).unwrap().is_empty());
    // "Approve" is no step's name; mapped, the case fits.
    let csv = dir.path().join("log.csv");
    std::fs::write(
        &csv,
        "case,activity\n1,Register invoice\n1,Match to purchase order\n1,Route to budget owner\n1,Approve\n1,Schedule payment\n1,Execute payment run\n1,Post payment to ledger\n",
    )
    .unwrap();
    let csv = csv.display().to_string();
    let fitting = |library_path: &std::path::Path| {
        let args = ["conformance", "Accounts payable", &csv, "--format", "json"];
        let out = support::cli::flowlane(library_path, &args)
            .succeeded()
            .stdout;
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        report["alignments"]["fitting_cases"].as_u64().unwrap()
    };
    let before = fitting(&path);
    let mapping = flowlane::store::ActivitySteps::from([
        ("Approve".to_string(), Some("Approve invoice".to_string())),
        ("Archive".to_string(), None),
    ]);
    library
        .save_activity_mapping(process, &mapping, "ana", at)
        .unwrap();
    assert_eq!(library.activity_mapping(process).unwrap(), mapping);
    assert_eq!(fitting(&path), before + 1, "the CLI maps as saved");
    let fewer = flowlane::store::ActivitySteps::from([("Archive".to_string(), None)]);
    library
        .save_activity_mapping(process, &fewer, "ana", at)
        .unwrap();
    assert_eq!(library.activity_mapping(process).unwrap(), fewer);
    let other = library.find("Employee onboarding").map(|p| p.id);
    if let Ok(other) = other {
        assert!(library.activity_mapping(other).unwrap().is_empty());
    }
}
