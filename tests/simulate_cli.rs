//! `flowlane simulate` and `flowlane scenario` end to end on a library with the samples.

mod support;

use support::cli::{flowlane, library_with_samples};

const START: &str = "2026-03-02T09:00:00Z";

#[test]
fn simulate_stops_at_an_undecided_gateway_and_goes_on_with_a_choice() {
    let (_dir, lib) = library_with_samples();
    let data = r#"{"amount":12500,"po_matched":true}"#;
    let base = [
        "simulate",
        "Accounts payable",
        "--data",
        data,
        "--start",
        START,
    ];
    let stopped = flowlane(&lib, &base);
    assert_eq!(stopped.status, 1, "{}", stopped.stderr);
    let last = stopped.stdout.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        "waiting for a choice at \"Approved?\" (`approved == true` → the instance data has no \
         value for `approved`): choose one of \"approved\", \"send back\" after 1d 1h (SLA 30d)"
    );
    let mut chosen = base.to_vec();
    chosen.extend([
        "--choose",
        "Approved?=approved",
        "--choose",
        "CFO approved?=approved",
    ]);
    let ended = flowlane(&lib, &chosen).succeeded();
    assert!(ended.stdout.contains(
        "\"Over 10,000?\" took \"over 10,000\" to \"CFO approval\" — `amount > 10000` is true"
    ));
    assert_eq!(
        ended.stdout.lines().last(),
        Some("ended: Paid within terms after 5d 4h 30m (SLA 30d)")
    );
    chosen.extend(["--log", "csv"]);
    let csv = flowlane(&lib, &chosen);
    let mut lines = csv.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("step,time,process,lane,actor,node,event,reason")
    );
    assert_eq!(
        lines.next(),
        Some("0,2026-03-02T09:00:00+00:00,Accounts payable,Invoice intake,Accounts Payable,Vendor invoice received,started,")
    );
    assert_eq!(csv.stdout.lines().count(), 16);
    let markdown = flowlane(&lib, &[&chosen[..chosen.len() - 1], &["markdown"]].concat());
    assert!(markdown.stdout.starts_with("| step | time | process |"));
}

#[test]
fn simulate_refuses_bad_data_and_unknown_choices() {
    let (_dir, lib) = library_with_samples();
    let table: [(&[&str], &str); 3] = [
        (
            &["--data", r#"{"amount":"lots"}"#],
            "`amount` should be a number, but the instance data holds the text \"lots\"",
        ),
        (&["--data", "[1]"], "--data must be a JSON object"),
        (
            &["--choose", "Approved?=maybe"],
            "\"Approved?\" has no way out named \"maybe\"",
        ),
    ];
    for (extra, message) in table {
        let args = [&["simulate", "Accounts payable"][..], extra].concat();
        let run = flowlane(&lib, &args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
}

#[test]
fn scenario_list_and_run_with_notes() {
    let (_dir, lib) = library_with_samples();
    let list = flowlane(&lib, &["scenario", "list"]);
    assert_eq!(list.stdout.lines().count(), 7, "{}", list.stdout);
    assert!(list.stdout.contains("Accounts payable v2, 14 steps"));
    let run = flowlane(&lib, &["scenario", "run", "New hire in Engineering"]).succeeded();
    assert!(run.stdout.contains("note: Alex works on site"));
    assert_eq!(
        run.stdout.lines().last(),
        Some("ended: Onboarding complete after 92d 12h (SLA 100d)")
    );
    let unknown = flowlane(&lib, &["scenario", "run", "Nobody"]);
    assert_eq!(unknown.status, 1);
    assert!(unknown
        .stderr
        .contains("there is no scenario named \"Nobody\""));
}

#[test]
fn scenario_run_names_the_first_step_a_newer_version_takes_another_way() {
    let (dir, lib) = library_with_samples();
    let export = flowlane(&lib, &["export", "Contract review", "--format", "json"]);
    let mut definition: serde_json::Value =
        serde_json::from_str(&export.stdout).expect("exported JSON");
    // v2 waves small contracts through legal review.
    for flow in definition["flows"].as_array_mut().expect("flows") {
        if flow["condition"] == "legal_ok == true" {
            flow["condition"] = "legal_ok == true || contract_value < 100000".into();
        }
    }
    let file = dir.path().join("contract-v2.json");
    std::fs::write(&file, definition.to_string()).expect("written");
    let file = file.to_string_lossy();
    flowlane(
        &lib,
        &[
            "save",
            "Contract review",
            &file,
            "-m",
            "Small contracts skip revisions",
        ],
    )
    .succeeded();
    let run = flowlane(
        &lib,
        &["scenario", "run", "Contract sent back for revision once"],
    )
    .succeeded();
    assert_eq!(
        run.stdout.lines().last(),
        Some(
            "v2 differs first at step 6: recorded \"Terms acceptable?\" took \"request revisions\" \
             to \"Revise draft\"; v2 \"Terms acceptable?\" took \"acceptable\" to \"Business sign-off\""
        )
    );
}

#[test]
fn batch_mode_reports_the_sample_with_its_shipped_parameters() {
    let (dir, lib) = library_with_samples();
    let args = [
        "simulate",
        "Accounts payable",
        "--runs",
        "300",
        "--seed",
        "7",
    ];
    let table = flowlane(&lib, &args).succeeded();
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(lines[0].starts_with(
        "Accounts payable v2 — 300 instances counted of 300 started (warm-up 0, stuck 0, unfinished 0), seed 7"
    ));
    assert_eq!(
        lines[1],
        "parameters: samples/simulation/accounts-payable.json (shipped with the sample)"
    );
    assert!(lines[2].starts_with("cycle time: mean "));
    assert!(table.stdout.contains("\nbottlenecks:\n1. \""));

    let json = |extra: &[&str]| {
        let run = flowlane(&lib, &[&args[..], &["--format", "json"], extra].concat()).succeeded();
        run.stdout
    };
    let once = json(&[]);
    assert_eq!(once, json(&[]), "the same seed prints the same bytes");
    let result: serde_json::Value = serde_json::from_str(&once).unwrap();
    assert_eq!(result["base"]["result"]["instances"]["counted"], 300);
    assert_eq!(
        result["base"]["parameters"],
        "samples/simulation/accounts-payable.json (shipped with the sample)"
    );
    assert!(result["other"].is_null());

    let compared: serde_json::Value = serde_json::from_str(&json(&["--compare", "1"])).unwrap();
    assert_eq!(compared["comparison"]["base"], "v2");
    assert_eq!(compared["comparison"]["other"], "v1");
    let cfo = compared["comparison"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "CFO approval")
        .unwrap();
    assert!(
        cfo["waiting_hours"]["other"].is_null(),
        "v1 has no CFO step"
    );

    // Another parameter set for the same version: one more CFO hour a day.
    let mut set: serde_json::Value =
        serde_json::from_str(include_str!("../samples/simulation/accounts-payable.json")).unwrap();
    set["simulation"]["roles"]["CFO"]["calendar"]["to_hour"] = 13.into();
    let path = dir.path().join("longer-cfo-hours.json");
    std::fs::write(&path, set.to_string()).unwrap();
    let path = path.to_str().unwrap();
    let what_if = flowlane(&lib, &[&args[..], &["--compare-params", path]].concat()).succeeded();
    assert!(what_if
        .stdout
        .contains("Accounts payable v2 with longer-cfo-hours.json — 300 instances"));
    assert!(what_if.stdout.contains("waiting (h): CFO approval"));
}

#[test]
fn batch_options_without_batch_mode_and_bad_parameter_files_are_refused() {
    let (dir, lib) = library_with_samples();
    let stray = flowlane(&lib, &["simulate", "Accounts payable", "--seed", "7"]);
    assert_eq!(stray.status, 2);
    assert!(
        stray.stderr.contains("add --runs N or --horizon D"),
        "{}",
        stray.stderr
    );

    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{"simulation":{"arrivals":{"pattern":"poisson","per_hour":-1}}}"#,
    )
    .unwrap();
    let bad = flowlane(
        &lib,
        &[
            "simulate",
            "Accounts payable",
            "--runs",
            "10",
            "--params",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status, 2);
    assert_eq!(
        bad.stderr.trim(),
        "error: v2: the arrival rate must be a positive number per hour, not -1"
    );
}
