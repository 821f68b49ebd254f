//! The JSON outputs' schemas (`schemas/*.schema.json`): generated from the Rust output types,
//! checked in, and met by what the CLI really prints for the samples. `FLOWLANE_BLESS=1`
//! rewrites the files after a deliberate change of an output type.

mod bpmn_corpus;
mod support;

use std::path::Path;

use schemars::{schema_for, Schema};
use serde_json::Value as Json;
use support::cli::{flowlane, library_with_samples};

/// Every output with a schema: its file name and the schema its type generates.
fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("diff", schema_for!(flowlane::diff::Diff)),
        ("simulation-log", schema_for!(flowlane::simulate::RunLog)),
        ("validation", schema_for!(flowlane::validate::Report)),
        ("batch", schema_for!(flowlane::simulate::batch::BatchRun)),
        (
            "conformance",
            schema_for!(flowlane::conformance::Conformance),
        ),
        (
            "performance",
            schema_for!(flowlane::performance::Performance),
        ),
        ("calibration", schema_for!(flowlane::calibrate::Calibration)),
        (
            "discovery",
            schema_for!(flowlane::discover::DiscoverySummary),
        ),
    ]
}

fn path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{name}.schema.json"))
}

#[test]
fn committed_schemas_are_what_the_output_types_generate() {
    let bless = std::env::var_os("FLOWLANE_BLESS").is_some();
    for (name, schema) in schemas() {
        let generated = serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n";
        let file = path(name);
        if bless {
            std::fs::create_dir_all(file.parent().expect("schemas/")).expect("schemas/ is made");
            std::fs::write(&file, &generated).expect("the schema is written");
            continue;
        }
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            committed == generated,
            "{} differs from what the output types generate; if the change is meant, run \
             FLOWLANE_BLESS=1 cargo test -p flowlane --test schemas and commit the file",
            file.display()
        );
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(path(name)).expect("the schema is committed");
    let schema: Json = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON schema")
}

/// Parses `stdout` and checks it against the schema `name`; returns the value for more checks.
fn conforms(name: &str, stdout: &str) -> Json {
    let value: Json = serde_json::from_str(stdout).expect("the output is JSON");
    let errors: Vec<String> = validator(name)
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {}", errors.join("\n"));
    value
}

const AP_DATA: &str = r#"{"amount":12500,"po_matched":true}"#;

#[test]
fn the_samples_outputs_meet_their_schemas_with_typed_values() {
    let (_dir, lib) = library_with_samples();

    let diff = flowlane(
        &lib,
        &["diff", "Accounts payable", "1", "2", "--format", "json"],
    );
    let diff = conforms("diff", &diff.succeeded().stdout);
    let fields: Vec<&Json> = diff["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .flat_map(|c| c["fields"].as_array().expect("fields"))
        .collect();
    let typed = |field: &str| {
        fields
            .iter()
            .filter(|f| f["field"] == field)
            .flat_map(|f| [&f["old"], &f["new"]])
            .filter(|v| !v.is_null())
            .cloned()
            .collect::<Vec<Json>>()
    };
    assert!(
        !typed("duration").is_empty(),
        "the sample diff changes a duration"
    );
    for value in typed("duration").iter().chain(&typed("sla")) {
        assert!(
            value["seconds"].is_u64() && value["iso8601"].is_string(),
            "{value}"
        );
    }
    assert!(
        !typed("default").is_empty(),
        "the sample diff adds a default flow"
    );
    for value in typed("default") {
        assert!(value.is_boolean(), "a default flag is a boolean: {value}");
    }

    let base = [
        "simulate",
        "Accounts payable",
        "--data",
        AP_DATA,
        "--start",
        "2026-03-02T09:00:00Z",
        "--log",
        "json",
    ];
    let stopped = flowlane(&lib, &base);
    assert_eq!(stopped.status, 1, "{}", stopped.stderr);
    let stopped = conforms("simulation-log", &stopped.stdout);
    assert_eq!(stopped["status"]["state"], "running");
    let chosen = [
        &base[..],
        &[
            "--choose",
            "Approved?=approved",
            "--choose",
            "CFO approved?=approved",
        ],
    ]
    .concat();
    let ended = conforms(
        "simulation-log",
        &flowlane(&lib, &chosen).succeeded().stdout,
    );
    assert_eq!(ended["status"]["state"], "ended");
    assert_eq!(ended["elapsed"]["text"], "5d 4h 30m");
    assert_eq!(ended["elapsed"]["iso8601"], "P5DT4H30M");
    assert_eq!(
        ended["elapsed"]["seconds"],
        (5 * 24 * 60 + 4 * 60 + 30) * 60
    );
    assert!(ended["log"][0]["step"].is_u64());

    for process in ["Accounts payable", "Employee onboarding", "Contract review"] {
        let checked = flowlane(&lib, &["validate", process, "--format", "json"]);
        let report = conforms("validation", &checked.stdout);
        assert!(report["errors"].is_u64() && report["warnings"].is_u64());
    }

    let batch = [
        "simulate",
        "Accounts payable",
        "--runs",
        "40",
        "--format",
        "json",
    ];
    let single = conforms("batch", &flowlane(&lib, &batch).succeeded().stdout);
    let sla = &single["base"]["result"]["sla"]["target"];
    assert!(sla["seconds"].is_u64(), "{sla}");
    let compared = [&batch[..], &["--compare", "1"]].concat();
    let both = conforms("batch", &flowlane(&lib, &compared).succeeded().stdout);
    assert!(both["comparison"]["metrics"].is_array());
}

/// A process as another tool writes it, with its own ids (`ap`, `received`, `review`, `done`).
const IMPORTED: &str = include_str!("fixtures/bpmn/invoice-check.bpmn");

#[test]
fn json_outputs_carry_the_source_bpmn_ids_of_imported_elements() {
    use flowlane::simulate::{no_calls, run, start, RunLog};
    let old = flowlane::bpmn::import(IMPORTED.as_bytes()).expect("imports");
    let review = old.nodes.iter().find(|n| n.name == "Review invoice");
    let review = review.expect("the task").id;
    assert_eq!(old.bpmn_id(review), Some("review"));

    let mut new = old.clone();
    for n in new.nodes.iter_mut().filter(|n| n.id == review) {
        n.name = "Check invoice".into();
    }
    let diff = serde_json::to_value(flowlane::diff::diff(&old, &new)).expect("serialises");
    let change = &diff["changes"][0];
    assert_eq!(change["new_id"], review.to_string());
    assert_eq!(change["bpmn_id"], "review");

    let at = "2026-03-02T09:00:00Z".parse().expect("a time");
    let instance = start(old.clone(), Default::default(), at, &no_calls).expect("starts");
    let done = run(instance, &Default::default(), 10).instance;
    let log = serde_json::to_value(RunLog::of(&done)).expect("serialises");
    let ids: Vec<&Json> = log["log"]
        .as_array()
        .expect("log")
        .iter()
        .map(|e| &e["bpmn_id"])
        .collect();
    assert_eq!(ids, ["received", "review", "done"]);

    let mut broken = old.clone();
    broken.flows.retain(|f| old.bpmn_id(f.id) != Some("f2"));
    let problems = flowlane::validate::validate(&broken, &Default::default());
    let report = flowlane::validate::Report::new("broken", problems);
    let report = serde_json::to_value(report).expect("serialises");
    let about_review = report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .find(|p| p["element"] == review.to_string())
        .expect("a problem about the task that leads nowhere");
    assert_eq!(about_review["bpmn_id"], "review");
}

#[test]
fn a_duration_written_as_words_does_not_meet_the_schema() {
    let (_dir, lib) = library_with_samples();
    let args = [
        "simulate",
        "Accounts payable",
        "--data",
        AP_DATA,
        "--choose",
        "Approved?=approved",
        "--choose",
        "CFO approved?=approved",
        "--log",
        "json",
    ];
    let mut log: Json =
        serde_json::from_str(&flowlane(&lib, &args).succeeded().stdout).expect("the log is JSON");
    assert!(validator("simulation-log").is_valid(&log));
    log["elapsed"] = Json::from("5d 4h 30m");
    assert!(!validator("simulation-log").is_valid(&log));
}

#[test]
fn a_diff_value_of_the_wrong_type_for_its_field_does_not_meet_the_schema() {
    let (_dir, lib) = library_with_samples();
    let args = ["diff", "Accounts payable", "1", "2", "--format", "json"];
    let mut diff: Json =
        serde_json::from_str(&flowlane(&lib, &args).succeeded().stdout).expect("JSON");
    assert!(validator("diff").is_valid(&diff));
    let change =
        |field: &str, old: Json| serde_json::json!({ "field": field, "old": old, "new": null });
    for (field, wrong) in [
        ("default", Json::from("true")),
        ("version", Json::from("2")),
        ("sla", Json::from("5d")),
        ("name", Json::from(true)),
        ("outputs", Json::from("approved")),
    ] {
        diff["changes"][0]["fields"] = Json::Array(vec![change(field, wrong.clone())]);
        assert!(
            !validator("diff").is_valid(&diff),
            "{field} = {wrong} passed"
        );
    }
    diff["changes"][0]["fields"] = Json::Array(vec![change("default", Json::from(true))]);
    assert!(validator("diff").is_valid(&diff));
}

/// Every corpus file against a copy with its flags, names, conditions and defaults changed: the
/// diff JSON meets the schema, each value typed as its field says.
#[test]
fn diffs_of_the_corpus_meet_the_schema_field_by_field() {
    let validator = validator("diff");
    let (mut files, mut fields) = (0, 0);
    for (file, bytes) in bpmn_corpus::every_file() {
        let Ok(old) = flowlane::bpmn::import(&bytes) else {
            continue;
        };
        let mut new = old.clone();
        for flow in &mut new.flows {
            flow.default = !flow.default;
            flow.label.push_str(" (checked)");
        }
        for node in &mut new.nodes {
            node.name.clear();
            if let flowlane::model::NodeKind::Boundary { interrupting, .. } = &mut node.kind {
                *interrupting = !*interrupting;
            }
        }
        let diff = serde_json::to_value(flowlane::diff::diff(&old, &new)).expect("serialises");
        let errors: Vec<String> = validator
            .iter_errors(&diff)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {}", errors.join("\n"));
        files += 1;
        fields += (diff["changes"].as_array().into_iter().flatten())
            .map(|c| c["fields"].as_array().map_or(0, Vec::len))
            .sum::<usize>();
    }
    println!("{files} corpus diffs, {fields} field changes checked");
    assert_eq!(files, 216, "every file that imports is checked");
}

/// `flowlane conformance --format json` of a small Accounts payable log (the second case skips
/// the match to the purchase order).
#[test]
fn the_conformance_report_meets_its_schema() {
    let (dir, lib) = library_with_samples();
    let log = dir.path().join("invoices.csv");
    let mut text = String::from("case,activity,timestamp\n");
    let steps = [
        "Register invoice",
        "Match to purchase order",
        "Route to budget owner",
        "Approve invoice",
        "Schedule payment",
        "Execute payment run",
        "Post payment to ledger",
    ];
    for case in ["INV-1", "INV-2"] {
        for (i, step) in steps.iter().enumerate() {
            if case == "INV-2" && i == 1 {
                continue;
            }
            text.push_str(&format!("{case},{step},2026-03-02T{:02}:00:00Z\n", 8 + i));
        }
    }
    std::fs::write(&log, text).expect("the log is written");
    let log = log.display().to_string();
    let args = [
        "conformance",
        "Accounts payable",
        &log,
        "--version",
        "1",
        "--format",
        "json",
    ];
    let report = conforms("conformance", &flowlane(&lib, &args).succeeded().stdout);
    assert_eq!(report["alignments"]["fitting_cases"], 1);
    assert_eq!(report["deviations"][0]["name"], "Match to purchase order");
    assert_eq!(report["deviations"][0]["kind"], "skipped");
}

/// Two invoices through Accounts payable, with start events for the approvals.
const INVOICES: &str = "case,activity,timestamp,resource,lifecycle
INV-1,Register invoice,2026-03-02T09:00:00Z,Ana,complete
INV-1,Route to budget owner,2026-03-02T10:00:00Z,Ana,complete
INV-1,Approve invoice,2026-03-03T08:00:00Z,Ben,start
INV-1,Approve invoice,2026-03-03T09:00:00Z,Ben,complete
INV-1,Schedule payment,2026-03-03T10:00:00Z,Cai,complete
INV-2,Register invoice,2026-03-02T09:30:00Z,Ana,complete
INV-2,Route to budget owner,2026-03-02T11:30:00Z,Ana,complete
INV-2,Approve invoice,2026-03-04T08:30:00Z,Dee,start
INV-2,Approve invoice,2026-03-04T09:30:00Z,Dee,complete
INV-2,Schedule payment,2026-03-04T10:30:00Z,Cai,complete
";

#[test]
fn performance_and_calibration_outputs_meet_their_schemas() {
    let (dir, lib) = library_with_samples();
    let log = dir.path().join("invoices.csv");
    std::fs::write(&log, INVOICES).expect("the log is written");
    let log = log.display().to_string();
    let args = ["performance", "Accounts payable", &log, "--format", "json"];
    let performance = conforms("performance", &flowlane(&lib, &args).succeeded().stdout);
    assert_eq!(performance["lifecycle"], true);
    assert_eq!(performance["diagnosis"]["kind"], "workflow");
    let args = [
        "simulate",
        "Accounts payable",
        "--calibrate",
        &log,
        "--format",
        "json",
    ];
    let calibration = conforms("calibration", &flowlane(&lib, &args).succeeded().stdout);
    assert_eq!(calibration["observed_cases"], 2);
    assert_eq!(calibration["cycle_time"].as_array().map(Vec::len), Some(4));
}
