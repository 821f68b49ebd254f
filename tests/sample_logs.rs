//! The samples' event logs: each sample process's batch simulation written down with deviations
//! injected in known cases, and conformance and performance finding each where it was put.

mod support;

use std::collections::BTreeMap;

use flowlane::conformance::{self, DeviationKind};
use flowlane::generate::log::{Injected, InjectedKind, SyntheticLog};
use flowlane::model::Process;
use flowlane::performance;
use flowlane::samples;

/// The latest version of each sample process, with its version number.
fn latest_samples() -> Vec<(Process, u32)> {
    let mut latest: BTreeMap<String, (Process, u32)> = BTreeMap::new();
    for (process, _) in samples::versions() {
        let entry = latest
            .entry(process.info.name.clone())
            .or_insert_with(|| (process.clone(), 0));
        *entry = (process, entry.1 + 1);
    }
    latest.into_values().collect()
}

fn injected(log: &SyntheticLog, kind: InjectedKind) -> &Injected {
    log.injected
        .iter()
        .find(|i| i.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} injected"))
}

#[test]
fn conformance_finds_every_injected_deviation_where_it_was_put_and_nothing_else() {
    for (process, version) in latest_samples() {
        let name = &process.info.name;
        let made = samples::log(&process).unwrap();
        let report = conformance::check(&process, version, &made.log).unwrap();

        let cases = samples::LOG_CASES as usize;
        let mut expected: BTreeMap<(DeviationKind, String), usize> = BTreeMap::new();
        let skipped = injected(&made, InjectedKind::SkippedApproval);
        assert_eq!(
            skipped.cases.len(),
            (cases as f64 * 0.06).round() as usize,
            "{name}"
        );
        expected.insert(
            (DeviationKind::Skipped, skipped.steps[0].clone()),
            skipped.cases.len(),
        );
        let rework = injected(&made, InjectedKind::ReworkLoop);
        assert_eq!(
            rework.cases.len(),
            (cases as f64 * 0.08).round() as usize,
            "{name}"
        );
        for step in &rework.steps {
            expected.insert((DeviationKind::Extra, step.clone()), rework.cases.len());
        }
        let shortcut = injected(&made, InjectedKind::Shortcut);
        assert_eq!(
            shortcut.cases.len(),
            (cases as f64 * 0.05).round() as usize,
            "{name}"
        );
        let activity = shortcut.activity.clone().unwrap();
        expected.insert((DeviationKind::Extra, activity), shortcut.cases.len());
        // The step the shortcut replaces is not done either.
        expected.insert(
            (DeviationKind::Skipped, shortcut.steps[0].clone()),
            shortcut.cases.len(),
        );

        let found: BTreeMap<(DeviationKind, String), usize> = report
            .deviations
            .iter()
            .map(|d| {
                assert_eq!(d.count, d.cases, "{name}: {} once per case", d.name);
                ((d.kind, d.name.clone()), d.count as usize)
            })
            .collect();
        assert_eq!(found, expected, "{name}");
        // Every deviating case is one of those the deviations were put in.
        let deviating: Vec<&str> = report
            .cases
            .iter()
            .filter(|c| c.alignment_fitness < 1.0)
            .map(|c| c.case.as_str())
            .collect();
        let mut put: Vec<&str> = [skipped, rework, shortcut]
            .iter()
            .flat_map(|i| i.cases.iter().map(String::as_str))
            .collect();
        put.sort_unstable();
        let mut deviating = deviating;
        deviating.sort_unstable();
        assert_eq!(deviating, put, "{name}");
    }
}

#[test]
fn the_slow_role_is_what_the_performance_diagnosis_singles_out() {
    for (process, version) in latest_samples() {
        let name = &process.info.name;
        let made = samples::log(&process).unwrap();
        let slow = injected(&made, InjectedKind::SlowRole);
        let report = performance::analyse(&process, version, &made.log);
        let step = report.diagnosis.step.clone().expect("a step stands out");
        let role = &report.steps.iter().find(|s| s.name == step).unwrap().role;
        assert_eq!(role, &slow.steps[0], "{name}: {}", report.diagnosis.line);
    }
}

#[test]
fn a_log_is_the_same_for_the_same_seed_and_reads_back_from_its_xes_event_for_event() {
    let (process, _) = latest_samples().remove(0);
    let spec = |seed| flowlane::generate::log::LogSpec {
        cases: 40,
        seed,
        start: samples::log_start(),
        clean: false,
    };
    let ready = flowlane::simulate::batch::parameterised(&process, None).process;
    let made = flowlane::generate::log::synthetic_log(&ready, &spec(5)).unwrap();
    assert_eq!(
        made,
        flowlane::generate::log::synthetic_log(&ready, &spec(5)).unwrap()
    );
    assert_ne!(
        made.log,
        flowlane::generate::log::synthetic_log(&ready, &spec(6))
            .unwrap()
            .log
    );
    let xes = flowlane::eventlog::to_xes(&made.log);
    assert!(xes.contains("<string key=\"lifecycle:transition\" value=\"start\"/>"));
    let read = flowlane::eventlog::read(xes.as_bytes(), &Default::default(), &mut |_| {}).unwrap();
    // The same events, times, people and lifecycles (names are numbered as they are first read).
    assert!(flowlane::eventlog::to_canonical(&read) == flowlane::eventlog::to_canonical(&made.log));
    assert_eq!(read.figures(), made.log.figures());
}

#[test]
fn a_new_sample_library_holds_each_sample_process_with_its_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = flowlane::store::Library::create(&dir.path().join("s.flowlane")).unwrap();
    library.add_samples(chrono::Utc::now()).unwrap();
    for (process, _) in latest_samples() {
        let logs = library.logs(process.id).unwrap();
        assert_eq!(logs.len(), 1, "{}", process.info.name);
        assert_eq!(logs[0].name, samples::LOG_NAME);
        assert_eq!(logs[0].cases, samples::LOG_CASES);
        let (_, stored) = library.load_log(process.id, 1).unwrap();
        let made = samples::log(&process).unwrap().log;
        assert!(
            flowlane::eventlog::to_canonical(&stored) == flowlane::eventlog::to_canonical(&made)
        );
    }
}

#[test]
fn the_command_line_lists_the_sample_log_and_generates_the_same_log_as_xes() {
    use support::cli::{flowlane, library_with_samples};
    let (dir, library) = library_with_samples();
    flowlane(&library, &["log", "list", "Accounts payable"])
        .succeeded()
        .printed(samples::LOG_NAME);
    let xes = dir.path().join("ap.xes");
    let xes_arg = xes.to_str().unwrap();
    let run = flowlane(
        &library,
        &["generate", "log", "Accounts payable", "--output", xes_arg],
    )
    .succeeded();
    run.printed("\"Approve invoice\" skipped: 18 cases");
    run.printed("300 cases");
    // The defaults give the stored log: importing it again stores nothing new.
    flowlane(&library, &["log", "import", "Accounts payable", xes_arg])
        .succeeded()
        .printed("already stored log 1");
    let other = flowlane(
        &library,
        &[
            "generate",
            "log",
            "Contract review",
            "--cases",
            "20",
            "--seed",
            "4",
            "--clean",
        ],
    )
    .succeeded();
    assert!(other.stdout.starts_with("<?xml"));
    assert_eq!(other.stdout.matches("<trace>").count(), 20);
    flowlane(
        &library,
        &["generate", "log", "Contract review", "--cases", "0"],
    )
    .refused(2, "0");
    // The old form still writes a generated process.
    flowlane(&library, &["generate", "--nodes", "20"])
        .succeeded()
        .printed("\"nodes\"");
}

#[test]
fn a_case_of_the_log_replays_as_a_scenario_to_its_end_or_to_where_it_leaves_the_design() {
    use flowlane::conformance::scenario_of_case;
    use flowlane::simulate::{no_calls, replay, Status};
    for (process, version) in latest_samples() {
        let name = &process.info.name;
        let made = samples::log(&process).unwrap();
        let deviating: Vec<&String> = made
            .injected
            .iter()
            .filter(|i| i.kind != InjectedKind::SlowRole)
            .flat_map(|i| &i.cases)
            .collect();
        // Conforming cases run to an end of the design, doing what the log did in its order.
        let conforming = made
            .log
            .cases
            .iter()
            .filter(|c| !deviating.contains(&&c.id));
        for case in conforming.take(5) {
            let found =
                scenario_of_case(&process, version, &made.log, &case.id, &no_calls).unwrap();
            assert_eq!(found.departure, None, "{name} {}", case.id);
            let replayed = replay(&found.scenario, process.clone(), &no_calls).unwrap();
            assert_eq!(replayed.divergence, None, "{name} {}", case.id);
            let last = replayed.states.last().unwrap();
            assert!(
                matches!(last.status, Status::Ended { .. }),
                "{name} {}",
                case.id
            );
            let done: Vec<&str> = last
                .log
                .iter()
                .filter(|l| found.activities.contains(&l.node_name))
                .map(|l| l.node_name.as_str())
                .collect();
            assert_eq!(done, found.activities, "{name} {}", case.id);
        }
        // A case without the approval leaves the design where the approval was due.
        let skipped = injected(&made, InjectedKind::SkippedApproval);
        let approval = &skipped.steps[0];
        let found =
            scenario_of_case(&process, version, &made.log, &skipped.cases[0], &no_calls).unwrap();
        let departure = found.departure.expect("the case leaves the design");
        assert!(
            departure
                .offered
                .iter()
                .any(|o| o.contains(approval.as_str())),
            "{name}: {}",
            departure.message
        );
        let replayed = replay(&found.scenario, process.clone(), &no_calls).unwrap();
        assert_eq!(replayed.divergence, None, "{name}: the steps before replay");
        // A shortcut is an activity the design does not have.
        let shortcut = injected(&made, InjectedKind::Shortcut);
        let found =
            scenario_of_case(&process, version, &made.log, &shortcut.cases[0], &no_calls).unwrap();
        let departure = found.departure.expect("the case leaves the design");
        assert_eq!(departure.activity, shortcut.activity, "{name}");
        assert!(
            departure.message.contains("does not have"),
            "{}",
            departure.message
        );
    }
    let (process, version) = latest_samples().remove(0);
    let log = samples::log(&process).unwrap().log;
    assert!(scenario_of_case(&process, version, &log, "no-such-case", &no_calls).is_err());
}

#[test]
fn the_command_line_replays_a_case_of_a_stored_log_and_keeps_it_as_a_scenario() {
    use support::cli::{flowlane, library_with_samples};
    let (_dir, library) = library_with_samples();
    let (process, _) = latest_samples()
        .into_iter()
        .find(|(p, _)| p.info.name == "Accounts payable")
        .unwrap();
    let made = samples::log(&process).unwrap();
    let skipped = injected(&made, InjectedKind::SkippedApproval);
    let run = flowlane(
        &library,
        &[
            "scenario",
            "from-log",
            "Accounts payable",
            "1",
            &skipped.cases[0],
            "--save",
            "Invoice paid without approval",
        ],
    );
    run.refused(1, "");
    run.printed("leaves the design at activity");
    run.printed("the design offers \"Approve invoice\"");
    run.printed("saved scenario \"Invoice paid without approval\"");
    flowlane(&library, &["scenario", "list", "Accounts payable"])
        .succeeded()
        .printed("Invoice paid without approval");
    let conforming = made
        .log
        .cases
        .iter()
        .find(|c| !made.injected[..3].iter().any(|i| i.cases.contains(&c.id)))
        .unwrap();
    flowlane(
        &library,
        &[
            "scenario",
            "from-log",
            "Accounts payable",
            "1",
            &conforming.id,
        ],
    )
    .succeeded()
    .printed("the case follows the design to its end");
    flowlane(
        &library,
        &["scenario", "from-log", "Accounts payable", "1", "case-9999"],
    )
    .refused(2, "no case \"case-9999\"");
}
