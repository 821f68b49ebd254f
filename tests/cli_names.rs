//! The command line names things as a person would and accepts the ids people have: a process
//! by its BPMN id, an element by name or BPMN id; unnamed steps and flows are described.

mod support;

use std::path::{Path, PathBuf};

use support::cli::flowlane;

/// A process `ap` as other tools write it: its own ids, an unnamed split and an unnamed join.
const INVOICE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="t">
  <process id="ap" name="Invoice check" isExecutable="false">
    <startEvent id="Start_1" name="Invoice received"/>
    <task id="Task_check" name="Check invoice"/>
    <exclusiveGateway id="Gateway_split"/>
    <task id="Task_audit" name="Audit invoice"/>
    <task id="Task_fast" name="Fast track"/>
    <exclusiveGateway id="Gateway_join"/>
    <task id="Task_pay" name="Pay invoice"/>
    <endEvent id="End_1" name="Paid"/>
    <sequenceFlow id="f1" sourceRef="Start_1" targetRef="Task_check"/>
    <sequenceFlow id="f2" sourceRef="Task_check" targetRef="Gateway_split"/>
    <sequenceFlow id="f3" sourceRef="Gateway_split" targetRef="Task_audit"/>
    <sequenceFlow id="f4" sourceRef="Gateway_split" targetRef="Task_fast"/>
    <sequenceFlow id="f5" sourceRef="Task_audit" targetRef="Gateway_join"/>
    <sequenceFlow id="f6" sourceRef="Task_fast" targetRef="Gateway_join"/>
    <sequenceFlow id="f7" sourceRef="Gateway_join" targetRef="Task_pay"/>
    <sequenceFlow id="f8" sourceRef="Task_pay" targetRef="End_1"/>
  </process>
</definitions>
"#;

/// A library holding the invoice process imported `times` times.
fn imported(times: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let lib = dir.path().join("lib.flowlane");
    let file = dir.path().join("invoice.bpmn");
    std::fs::write(&file, INVOICE).expect("the file is written");
    flowlane(&lib, &["init"]).succeeded();
    for _ in 0..times {
        import(&lib, &file);
    }
    (dir, lib)
}

fn import(lib: &Path, file: &Path) {
    let file = file.to_str().expect("a UTF-8 path");
    flowlane(lib, &["import", "--new", file]).succeeded();
}

#[test]
fn a_process_is_found_by_the_bpmn_id_it_was_imported_with() {
    let (_dir, lib) = imported(1);
    let history = flowlane(&lib, &["history", "ap"]).succeeded();
    history.printed("v1");
    flowlane(&lib, &["show", "ap"])
        .succeeded()
        .printed("process \"Invoice check\"");
}

#[test]
fn an_ambiguous_process_is_answered_with_its_candidates() {
    let (_dir, lib) = imported(2);
    let run = flowlane(&lib, &["history", "ap"]);
    run.refused(2, "\"ap\" matches more than one process: Invoice check (");
    assert_eq!(
        run.stderr.matches("Invoice check (").count(),
        2,
        "{}",
        run.stderr
    );
}

#[test]
fn show_describes_unnamed_steps_and_prints_ids_on_request() {
    let (_dir, lib) = imported(1);
    let show = flowlane(&lib, &["show", "ap"]).succeeded();
    show.printed("exclusive gateway after 'Check invoice' [");
    show.printed("join before 'Pay invoice' [");
    show.printed("    -> join before 'Pay invoice'");
    assert!(!show.stdout.contains("\"\""), "{}", show.stdout);
    let ids = flowlane(&lib, &["show", "ap", "--ids"]).succeeded();
    ids.printed("bpmn=Task_check");
    ids.printed("bpmn=Gateway_join");
    ids.printed("bpmn=f7");
}

#[test]
fn elements_are_taken_by_name_or_bpmn_id_and_ambiguity_lists_the_candidates() {
    let (_dir, lib) = imported(1);
    flowlane(
        &lib,
        &["layout", "ap", "--selection", "Check invoice,Gateway_join"],
    )
    .succeeded();
    flowlane(&lib, &["layout", "ap", "--selection", "Nothing"])
        .refused(2, "no element of the process matches \"Nothing\"");
    // An unnamed step is taken by its description too; its kind alone names none.
    flowlane(
        &lib,
        &["layout", "ap", "--selection", "join before 'Pay invoice'"],
    )
    .succeeded();
    flowlane(&lib, &["layout", "ap", "--selection", "exclusive gateway"])
        .refused(2, "no element of the process matches");
}

#[test]
fn a_simulation_log_names_unnamed_steps_and_flows_without_ids() {
    let (_dir, lib) = imported(1);
    let run = flowlane(&lib, &["simulate", "ap", "--start", "2026-03-02"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        "waiting for a choice at exclusive gateway after 'Check invoice': choose one of \
         flow exclusive gateway after 'Check invoice' → 'Fast track', \
         flow exclusive gateway after 'Check invoice' → 'Audit invoice' after 0m"
    );
}

#[test]
fn a_choice_takes_the_gateway_and_the_way_by_description_or_bpmn_id() {
    let (_dir, lib) = imported(1);
    for (gateway, way) in [
        ("exclusive gateway after 'Check invoice'", "Audit invoice"),
        ("Gateway_split", "f3"),
    ] {
        let choice = format!("{gateway}={way}");
        let run = flowlane(
            &lib,
            &[
                "simulate",
                "ap",
                "--start",
                "2026-03-02",
                "--choose",
                &choice,
            ],
        );
        assert_eq!(run.status, 0, "{}", run.stderr);
        run.printed(
            "exclusive gateway after 'Check invoice' took flow exclusive gateway after 'Check \
             invoice' → 'Audit invoice'",
        );
        run.printed(
            "join before 'Pay invoice' took flow join before 'Pay invoice' → 'Pay invoice'",
        );
    }
}

/// Contract review saved as a new process whose "Revise draft" step calls `called`.
fn caller_calling(lib: &Path, dir: &Path, called: &str) {
    let sample = include_str!("../samples/contract-review.json");
    let mut caller: serde_json::Value = serde_json::from_str(sample).expect("the sample is JSON");
    caller["id"] = "01a194ee-2f00-7000-8000-00000000ca11".into();
    caller["info"]["name"] = "Caller".into();
    let nodes = caller["nodes"].as_array_mut().expect("nodes");
    let revise = nodes.iter_mut().find(|n| n["name"] == "Revise draft");
    let revise = revise.expect("the sample revises its draft");
    revise["kind"] = serde_json::json!({ "type": "call", "process": called });
    let file = dir.join("caller.json");
    std::fs::write(&file, caller.to_string()).expect("the file is written");
    let file = file.to_str().expect("a UTF-8 path");
    flowlane(lib, &["save", "Caller", file, "-m", "Calls"]).succeeded();
}

#[test]
fn show_names_the_process_a_call_runs_and_gives_its_id_only_on_request() {
    let (dir, lib) = support::cli::library_with_samples();
    let payable = "01a194ee-2f00-7ac8-8b37-06e93cd70499";
    caller_calling(&lib, dir.path(), payable);
    let show = flowlane(&lib, &["show", "Caller"]).succeeded();
    show.printed("call \"Revise draft\" [");
    show.printed(" calls=\"Accounts payable\"");
    assert!(!show.stdout.contains(payable), "{}", show.stdout);
    let ids = flowlane(&lib, &["show", "Caller", "--ids"]).succeeded();
    ids.printed(&format!(
        " calls=\"Accounts payable\" calls_id={payable} id="
    ));

    let missing = "01a194ee-2f00-7000-8000-0000000000ff";
    caller_calling(&lib, dir.path(), missing);
    let show = flowlane(&lib, &["show", "Caller"]).succeeded();
    show.printed(" calls=a process not in this library");
    assert!(!show.stdout.contains(missing), "{}", show.stdout);
}

#[test]
fn a_diff_names_the_processes_a_call_runs_and_keeps_their_ids_in_json() {
    let (dir, lib) = support::cli::library_with_samples();
    let (payable, onboarding) = (
        "01a194ee-2f00-7ac8-8b37-06e93cd70499",
        "01a194ee-2f00-7220-8edb-d3059fcb52c8",
    );
    caller_calling(&lib, dir.path(), payable);
    caller_calling(&lib, dir.path(), onboarding);
    let text = flowlane(&lib, &["diff", "Caller", "1", "2"]).succeeded();
    text.printed("    calls: \"Accounts payable\" → \"Employee onboarding\"");
    assert!(!text.stdout.contains(payable), "{}", text.stdout);
    let json = flowlane(&lib, &["diff", "Caller", "1", "2", "--format", "json"]).succeeded();
    let diff: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let calls = diff["changes"][0]["fields"]
        .as_array()
        .and_then(|fields| fields.iter().find(|f| f["field"] == "process"))
        .cloned()
        .expect("the called process changed");
    assert_eq!(
        calls,
        serde_json::json!({
            "field": "process",
            "old": "Accounts payable",
            "new": "Employee onboarding",
            "old_id": payable,
            "new_id": onboarding,
        })
    );
    let page = flowlane(&lib, &["diff", "Caller", "1", "2", "--format", "html"]).succeeded();
    for name in ["Accounts payable", "Employee onboarding"] {
        page.printed(name);
    }
    assert!(
        !page.stdout.contains(onboarding),
        "the page names the process, not its id"
    );
}

/// A process whose one call runs the process with BPMN id `called`.
fn calling(called: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="t">
  <process id="caller" name="Caller" isExecutable="false">
    <startEvent id="Start_1" name="Asked"/>
    <callActivity id="Call_1" name="Run the payments" calledElement="{called}"/>
    <endEvent id="End_1" name="Done"/>
    <sequenceFlow id="f1" sourceRef="Start_1" targetRef="Call_1"/>
    <sequenceFlow id="f2" sourceRef="Call_1" targetRef="End_1"/>
  </process>
</definitions>
"#
    )
}

#[test]
fn two_loose_files_name_the_called_processes_by_their_bpmn_ids() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (old, new) = (dir.path().join("old.bpmn"), dir.path().join("new.bpmn"));
    std::fs::write(&old, calling("Payments")).expect("written");
    std::fs::write(&new, calling("Onboarding")).expect("written");
    let (old, new) = (old.to_str().expect("UTF-8"), new.to_str().expect("UTF-8"));
    let nowhere = dir.path().join("no-library.flowlane");
    let text = flowlane(&nowhere, &["diff", old, new]).succeeded();
    text.printed("~ call \"Run the payments\"");
    text.printed("    calls: \"bpmn:Payments\" → \"bpmn:Onboarding\"");
    assert!(!nowhere.exists(), "a diff of two files creates no library");
}

#[test]
fn list_is_a_table_for_people_with_ids_only_on_request() {
    let (_dir, lib) = support::cli::library_with_samples();
    let payable = "01a194ee-2f00-7ac8-8b37-06e93cd70499";
    let list = flowlane(&lib, &["list"]).succeeded();
    let lines: Vec<&str> = list.stdout.lines().collect();
    assert!(
        lines[0].starts_with("NAME") && lines[0].contains("OWNER"),
        "{}",
        list.stdout
    );
    let row = lines.iter().find(|l| l.starts_with("Accounts payable"));
    let row = row.unwrap_or_else(|| panic!("{}", list.stdout));
    for cell in ["operational", "v2", " UTC", "Finance controller"] {
        assert!(row.contains(cell), "{cell} missing in: {row}");
    }
    assert!(!list.stdout.contains(payable), "{}", list.stdout);
    let ids = flowlane(&lib, &["list", "--ids"]).succeeded();
    assert!(
        (ids.stdout.lines()).any(|l| l.starts_with("Accounts payable") && l.ends_with(payable)),
        "{}",
        ids.stdout
    );
    let json = flowlane(&lib, &["list", "--format", "json"]).succeeded();
    let all: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let found = (all.as_array().expect("a list").iter()).find(|p| p["id"] == payable);
    let found = found.unwrap_or_else(|| panic!("{}", json.stdout));
    assert_eq!(found["name"], "Accounts payable");
    assert_eq!(found["latest"], 2);
}
