//! The sample scenarios that exercise BPMN events and sub-processes end where and when they
//! should, step by step.

mod support;

use flowlane::model::Process;
use flowlane::simulate::{no_calls, replay, Status};
use support::shape::events;

fn sample(name: &str) -> Process {
    flowlane::samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .rfind(|p| p.info.name == name)
        .unwrap_or_else(|| panic!("no sample {name}"))
}

#[test]
fn the_sample_scenarios_of_bpmn_events_end_where_and_when_expected() {
    // (scenario, sample, end event, outcome, simulated duration, a log line it must show)
    let table = [
        (
            "Laptop back-ordered: escalated to the IT manager",
            "Employee onboarding",
            "Employee onboarded",
            // The equipment took 5 days longer and every later step waits for it.
            "97d 12h",
            "Equipment not ready within 5 days: timer 5d ran out while \"Prepare laptop and equipment\" ran: escalated (\"Prepare laptop and equipment\" goes on)",
        ),
        (
            "Corrected invoice arrives after a mismatch",
            "Accounts payable",
            "Invoice paid and posted",
            "9d 5h",
            "Corrected invoice received: received Corrected invoice received",
        ),
        (
            "Vendor never sends a corrected invoice",
            "Accounts payable",
            "Invoice rejected",
            "17d 1h",
            "No correction within 14 days: waited 2w",
        ),
        (
            "Contract found void in legal review",
            "Contract review",
            "Contract voided",
            "4d",
            "Contract void: caught error: CONTRACT_VOID from \"Void contract found\"; \"Legal review\" is cancelled",
        ),
    ];
    let scenarios = flowlane::samples::scenarios();
    for (name, process, end, duration, line) in table {
        let scenario = scenarios
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no scenario {name}"));
        let replayed = replay(scenario, sample(process), &no_calls).expect("starts");
        assert_eq!(replayed.divergence, None, "{name}");
        let last = replayed.states.last().expect("a state");
        let Status::Ended { node, .. } = &last.status else {
            panic!("{name} did not end: {:?}", last.status);
        };
        let ended = last.definition.node(*node).expect("end").name.clone();
        assert_eq!(
            (ended.as_str(), last.elapsed()),
            (end, duration.parse().expect("a duration")),
            "{name}"
        );
        assert!(
            events(last).contains(&line.to_string()),
            "{name}: {:#?}",
            events(last)
        );
    }
}
