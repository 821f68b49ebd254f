//! What-if for a process a user built: the issue's "Purchase request", drawn through edit
//! commands as the app sends them, given branch probabilities and generated data that are kept in
//! the version (canonical bytes, BPMN), run without a parameter file, and its gaps filled by the
//! defaults; parameter files that name what the process does not have are refused.

mod support;

use chrono::{TimeZone, Utc};
use flowlane::bpmn::{export, import, Target};
use flowlane::canonical;
use flowlane::edit::{apply, execute, Command};
use flowlane::model::{
    Bounds, Distribution, Flow, GatewayKind, Generator, Id, Lane, Node, NodeKind, Process, VarType,
    Variable,
};
use flowlane::simulate::batch::{
    gaps, read_parameter_set, simulate, what_if, BatchError, BatchOptions, BatchResult, Candidate,
    Control, StopAt,
};
use support::cli::flowlane;

const RUNS: u64 = 4_000;

fn id(n: u128) -> Id {
    Id::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + n)
}

fn run(process: &mut Process, command: Command) {
    let patch = execute(process, command).expect("the edit is accepted");
    *process = apply(process, &patch).expect("the patch applies");
}

fn node(n: u128, lane: u128, name: &str, kind: NodeKind, x: f64) -> Command {
    Command::AddNode {
        node: Node {
            id: id(n),
            lane: id(lane),
            name: name.into(),
            kind,
            parent: None,
        },
        bounds: Bounds {
            x,
            y: 40.0,
            w: 120.0,
            h: 60.0,
        },
    }
}

fn flow(n: u128, from: u128, to: u128) -> Flow {
    Flow::between(id(n), id(from), id(to))
}

/// Two lanes, start → Submit request → "Over 5,000?" → Manager approval / Auto-approve → Place
/// order → end, `amount > 5000` on the way to the manager, the other way the default.
fn purchase_request() -> Process {
    let mut p = Process::new(id(0), "Purchase request");
    for (n, name) in [(1, "Requester"), (2, "Manager")] {
        let lane = Lane {
            id: id(n),
            name: name.into(),
            team: String::new(),
            trigger: String::new(),
            output: String::new(),
            order: n as u32 - 1,
            pool: None,
        };
        run(
            &mut p,
            Command::AddLane {
                lane,
                height: 160.0,
            },
        );
    }
    let mut info = p.info.clone();
    info.variables
        .push(Variable::new("amount", VarType::Number));
    run(&mut p, Command::UpdateInfo { info });
    let steps = [
        node(10, 1, "", NodeKind::start(), 0.0),
        node(11, 1, "Submit request", NodeKind::task("Requester"), 150.0),
        node(
            12,
            1,
            "Over 5,000?",
            NodeKind::gateway(GatewayKind::Exclusive),
            300.0,
        ),
        node(13, 2, "Manager approval", NodeKind::task("Manager"), 450.0),
        node(14, 1, "Auto-approve", NodeKind::task("Requester"), 450.0),
        node(15, 1, "Place order", NodeKind::task("Requester"), 600.0),
        node(16, 1, "", NodeKind::end("Ordered"), 750.0),
    ];
    for step in steps {
        run(&mut p, step);
    }
    let mut over = flow(22, 12, 13);
    over.condition = Some("amount > 5000".into());
    let mut under = flow(23, 12, 14);
    under.default = true;
    let flows = [
        flow(20, 10, 11),
        flow(21, 11, 12),
        over,
        under,
        flow(24, 13, 15),
        flow(25, 14, 15),
        flow(26, 15, 16),
    ];
    for flow in flows {
        run(&mut p, Command::AddFlow { flow });
    }
    p
}

fn options() -> BatchOptions {
    let monday = Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).unwrap();
    BatchOptions::new(5, StopAt::Instances(RUNS), monday)
}

/// The share of instances that went to the manager.
fn to_manager(result: &BatchResult) -> f64 {
    let manager = result.steps.iter().find(|s| s.name == "Manager approval");
    manager.map_or(0, |s| s.count) as f64 / RUNS as f64
}

fn set_probabilities(p: &mut Process, over: f64, under: f64) {
    for (flow, probability) in [(id(22), over), (id(23), under)] {
        let flow = Flow {
            probability: Some(probability),
            ..p.flow(flow).unwrap().clone()
        };
        run(p, Command::UpdateFlow { flow });
    }
}

fn set_generated(p: &mut Process, generated: Generator) {
    let mut info = p.info.clone();
    info.variables[0].generated = Some(generated);
    run(p, Command::UpdateInfo { info });
}

#[test]
fn a_built_process_without_parameters_lists_its_gaps_and_runs_on_their_defaults() {
    let p = purchase_request();
    let refused = simulate(&p, &options(), Control::default()).unwrap_err();
    assert!(
        matches!(&refused, BatchError::Undecided { gateway, .. } if gateway == "Over 5,000?"),
        "{refused}"
    );

    let found = gaps(&p);
    let listed: Vec<(&str, &str)> = found
        .gaps
        .iter()
        .map(|g| (g.what.as_str(), g.default.as_str()))
        .collect();
    assert_eq!(listed, [("variable `amount`", "uniform 0 to 10000")]);
    assert!(found.gaps[0].why.contains("\"Over 5,000?\""), "{found:?}");

    let mut filled = options();
    filled.fill_gaps = true;
    let candidate = Candidate {
        label: "v1".into(),
        definition: &p,
        parameters: None,
    };
    let run = what_if(candidate, None, &filled, Control::default()).unwrap();
    assert!(
        run.base.parameters.ends_with("with defaults for 1 missing"),
        "{}",
        run.base.parameters
    );
    let share = to_manager(&run.base.result);
    assert!((share - 0.5).abs() < 0.03, "{share} to the manager");
}

#[test]
fn a_decision_without_conditions_gets_equal_chances_by_default() {
    let mut p = purchase_request();
    let over = Flow {
        condition: None,
        ..p.flow(id(22)).unwrap().clone()
    };
    run(&mut p, Command::UpdateFlow { flow: over });
    let found = gaps(&p);
    assert_eq!(found.gaps.len(), 1, "{found:?}");
    assert_eq!(found.gaps[0].what, "decision \"Over 5,000?\"");
    assert_eq!(found.gaps[0].default, "50 % for each of its 2 ways out");
    let chances = &found.defaults.branches[&id(12).to_string()];
    assert_eq!(chances[&id(22).to_string()], 0.5);
}

#[test]
fn probabilities_and_generated_data_entered_on_the_process_decide_the_run() {
    let mut p = purchase_request();
    set_probabilities(&mut p, 0.6, 0.4);
    assert!(gaps(&p).gaps.is_empty());
    let share = to_manager(&simulate(&p, &options(), Control::default()).unwrap());
    assert!((share - 0.6).abs() < 0.03, "{share} to the manager");

    // Data decides over chances: one request in four is for 7,000, the rest for 100.
    let weights = [("7000".to_string(), 1.0), ("100".to_string(), 3.0)].into();
    set_generated(&mut p, Generator::Choice { weights });
    let share = to_manager(&simulate(&p, &options(), Control::default()).unwrap());
    assert!((share - 0.25).abs() < 0.03, "{share} to the manager");

    // A parameter file still overrides what the process keeps.
    let set = read_parameter_set(
        r#"{"simulation": {"data": {"amount": {"type": "number", "sample": {"distribution": "fixed", "value": 9000}}}}}"#,
        &[&p],
    )
    .unwrap();
    let candidate = Candidate {
        label: "v1".into(),
        definition: &p,
        parameters: Some(("all-large.json", &set)),
    };
    let run = what_if(candidate, None, &options(), Control::default()).unwrap();
    assert_eq!(to_manager(&run.base.result), 1.0);
}

#[test]
fn probabilities_and_generated_data_round_trip_through_json_and_bpmn() {
    let mut p = purchase_request();
    set_probabilities(&mut p, 0.6, 0.4);
    set_generated(
        &mut p,
        Generator::Number {
            sample: Distribution::Lognormal {
                mean: 4200.0,
                sd: 6000.0,
            },
        },
    );
    let bytes = canonical::to_bytes(&p);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"generated\""), "{text}");
    let read = canonical::parse(&text).unwrap();
    assert_eq!(canonical::to_bytes(&read), bytes);

    let xml = export(&p, Target::Plain).unwrap();
    assert!(xml.contains("flowlane:probability=\"0.6\""), "{xml}");
    assert!(xml.contains("generated="), "{xml}");
    let back = import(xml.as_bytes()).unwrap();
    assert_eq!(back.info.variables, p.info.variables);
    let probability = |p: &Process, name: &str| {
        let target = p.nodes.iter().find(|n| n.name == name).unwrap().id;
        p.flows
            .iter()
            .find(|f| f.target == target)
            .unwrap()
            .probability
    };
    assert_eq!(probability(&back, "Manager approval"), Some(0.6));
    assert_eq!(probability(&back, "Auto-approve"), Some(0.4));
}

#[test]
fn a_parameter_file_naming_what_the_process_lacks_is_refused_with_line_and_closest_name() {
    let p = purchase_request();
    let refusal = |text: &str| read_parameter_set(text, &[&p]).unwrap_err().to_string();
    let step = "{\n  \"tasks\": {\n    \"Manager aproval\": {\"cost_per_hour\": 50}\n  }\n}";
    assert_eq!(
        refusal(step),
        "line 3, column 21: no step is named \"Manager aproval\"; the closest step is \"Manager approval\""
    );
    let role = "{\"simulation\": {\n\"roles\": {\"Manger\": {\"capacity\": 1}}}}";
    assert_eq!(
        refusal(role),
        "line 2, column 18: no role is named \"Manger\"; the closest role is \"Manager\""
    );
    let variable = "{\"simulation\": {\"data\": {\n\n\"amont\": {\"type\": \"boolean\", \"probability\": 1}}}}";
    assert!(
        refusal(variable).starts_with(
            "line 3, column 7: no variable is named \"amont\"; the closest variable is \"amount\""
        ),
        "{}",
        refusal(variable)
    );
    let decision = "{\"branches\": {\"Over 500?\": {}}}";
    assert!(
        refusal(decision).ends_with("the closest decision is \"Over 5,000?\""),
        "{}",
        refusal(decision)
    );
    // Ids still name steps; the names known are those of every version the set is for.
    let by_id = format!("{{\"tasks\": {{\"{}\": {{}}}}}}", id(13));
    assert!(read_parameter_set(&by_id, &[&p]).is_ok());
}

#[test]
fn the_cli_refuses_a_misspelt_parameter_file_and_runs_with_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib.flowlane");
    let file = dir.path().join("purchase-request.json");
    std::fs::write(&file, canonical::to_bytes(&purchase_request())).unwrap();
    let file = file.to_str().unwrap();
    flowlane(&library, &["init"]).succeeded();
    flowlane(&library, &["save", "Purchase request", file, "-m", "first"]).succeeded();

    let params = dir.path().join("bad.json");
    std::fs::write(&params, "{\"tasks\": {\n  \"Place ordr\": {}\n}}\n").unwrap();
    let params = params.to_str().unwrap();
    let batch = ["simulate", "Purchase request", "--runs", "200"];
    flowlane(&library, &[&batch[..], &["--params", params]].concat()).refused(
        2,
        "bad.json: line 2, column 14: no step is named \"Place ordr\"; the closest step is \"Place order\"",
    );

    flowlane(&library, &batch).refused(2, "\"Over 5,000?\" cannot decide");
    let ran = flowlane(&library, &[&batch[..], &["--defaults"]].concat()).succeeded();
    ran.printed("parameters: none (one instance an hour, no queues), with defaults for 1 missing");
}
