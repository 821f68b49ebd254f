//! Performance from a log: a synthetic log whose waits are known to the minute, and the
//! real-life receipt log measured against a design made of its activities.

mod support;

use flowlane::eventlog::{self, Case, Event, EventLog, Lifecycle, ReadOptions};
use flowlane::model::{Flow, NodeKind, Process};
use flowlane::performance::{analyse, DiagnosisKind};
use uuid::Uuid;

const HOUR: i64 = 3_600_000;
const T0: i64 = 1_772_355_600_000; // 2026-03-01T09:00:00Z

/// Receive (Clerk) → Approve (Manager) → Pay (Clerk).
fn invoices(process_sla: &str) -> Process {
    let (p, _) = support::build(&format!(
        "S:start -> Receive:task{{assignee=Clerk,sla=4h}} -> Approve:task{{assignee=Manager,sla=1d}} -> Pay:task{{assignee=Clerk,sla=4h}} -> E:end\n@sla={process_sla}"
    ));
    p
}

/// `cases` cases an hour apart; each step is (name, wait before it, work), in hours, with a
/// start and a complete event, done by resources taking turns.
fn timed_log(cases: usize, steps: &[(&str, f64, f64)]) -> EventLog {
    let mut log = EventLog {
        activities: steps.iter().map(|s| s.0.to_string()).collect(),
        resources: ["clerk-1", "clerk-2", "clerk-3", "manager-1", "manager-2"]
            .map(String::from)
            .to_vec(),
        cases: Vec::new(),
    };
    for i in 0..cases {
        let mut now = T0 + i as i64 * HOUR;
        let mut events = Vec::new();
        for (a, &(name, wait, work)) in steps.iter().enumerate() {
            let resource = match name {
                "Approve" => 3 + (i % 2) as u32,
                _ => (i % 3) as u32,
            };
            now += (wait * HOUR as f64) as i64;
            for (lifecycle, at) in [
                (Lifecycle::Start, now),
                (Lifecycle::Complete, now + (work * HOUR as f64) as i64),
            ] {
                events.push(Event {
                    activity: a as u32,
                    time: Some(at),
                    resource: Some(resource),
                    lifecycle,
                });
            }
            now += (work * HOUR as f64) as i64;
        }
        log.cases.push(Case {
            id: format!("invoice-{i}"),
            events,
        });
    }
    log
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn a_step_that_waits_ten_times_longer_is_the_workflow_problem() {
    let log = timed_log(
        50,
        &[
            ("Receive", 0.0, 0.5),
            ("Approve", 10.0, 1.0),
            ("Pay", 1.0, 0.5),
        ],
    );
    let report = analyse(&invoices("3d"), 1, &log);
    assert!(report.lifecycle);
    let step = |name: &str| report.steps.iter().find(|s| s.name == name).unwrap();
    assert_eq!(step("Approve").count, 50);
    assert!(close(step("Receive").waiting_hours, 0.0));
    assert!(close(step("Approve").waiting_hours, 10.0));
    assert!(close(step("Pay").waiting_hours, 1.0));
    assert_eq!(step("Approve").service_hours, Some(1.0));
    assert_eq!(step("Pay").role, "Clerk");
    assert_eq!(step("Approve").sla.as_ref().unwrap().breaches, 0);
    // 10 h of waiting plus 1 h of work keeps Approve's one-day SLA.
    assert!(close(report.cycle_time.p50_hours, 13.0));
    assert_eq!(report.process_sla.as_ref().unwrap().breaches, 0);

    assert_eq!(report.diagnosis.kind, DiagnosisKind::Workflow);
    assert_eq!(
        report.diagnosis.line,
        "workflow problem: \"Approve\" waits 10.0× longer than any other step"
    );
    assert_eq!(report.diagnosis.step.as_deref(), Some("Approve"));

    // Cases arrive hourly and each waits 10 h for a manager: ten wait at once, and the area
    // under the queue is 50 × 10 h over the log's 62 h.
    let role = |name: &str| report.roles.iter().find(|r| r.role == name).unwrap();
    assert_eq!(role("Manager").people, 2);
    assert_eq!(role("Clerk").people, 3);
    assert_eq!(role("Manager").max_queue, 10);
    assert!(close(role("Manager").mean_queue, 500.0 / 62.0));
    assert!(close(role("Clerk").mean_queue, 50.0 / 62.0));
    let m = report
        .queues
        .roles
        .iter()
        .position(|r| r == "Manager")
        .unwrap();
    assert_eq!(report.queues.lengths[m].iter().max(), Some(&10));
}

#[test]
fn a_missed_process_target_with_every_step_on_time_is_a_process_problem() {
    let log = timed_log(
        20,
        &[
            ("Receive", 0.0, 1.0),
            ("Approve", 1.0, 1.0),
            ("Pay", 1.0, 1.0),
        ],
    );
    let report = analyse(&invoices("4h"), 1, &log);
    assert!(report
        .steps
        .iter()
        .all(|s| s.sla.as_ref().unwrap().breaches == 0));
    assert_eq!(report.process_sla.as_ref().unwrap().breach_rate, 1.0);
    assert_eq!(report.diagnosis.kind, DiagnosisKind::Process);
    assert_eq!(
        report.diagnosis.line,
        "process problem: cycle time off target (100 % of cases over 4h) while every step keeps its SLA"
    );

    let on_time = analyse(&invoices("1d"), 1, &log);
    assert_eq!(on_time.diagnosis.kind, DiagnosisKind::OnTarget);
}

#[test]
fn without_start_events_waiting_is_the_time_since_the_previous_event() {
    let mut log = timed_log(
        5,
        &[
            ("Receive", 0.0, 1.0),
            ("Approve", 2.0, 3.0),
            ("Pay", 0.5, 0.5),
        ],
    );
    for case in &mut log.cases {
        case.events.retain(|e| e.lifecycle == Lifecycle::Complete);
    }
    let report = analyse(&invoices("3d"), 1, &log);
    assert!(!report.lifecycle);
    let step = |name: &str| report.steps.iter().find(|s| s.name == name).unwrap();
    assert!(close(step("Approve").waiting_hours, 5.0));
    assert!(close(step("Pay").waiting_hours, 1.0));
    assert_eq!(step("Approve").service_hours, None);
    // 5 h between Receive and Approve keeps Approve's one-day SLA.
    assert_eq!(step("Approve").sla.as_ref().unwrap().breaches, 0);
}

#[test]
fn an_activity_the_design_lacks_is_measured_under_its_resources_role() {
    let mut log = timed_log(
        6,
        &[
            ("Receive", 0.0, 0.5),
            ("Approve", 1.0, 1.0),
            ("Pay", 1.0, 0.5),
        ],
    );
    log.activities[2] = "Pay out".to_string();
    log.activities.push("Archive".into());
    let report = analyse(&invoices("3d"), 1, &log);
    let pay_out = report.steps.iter().find(|s| s.name == "Pay out").unwrap();
    assert_eq!(pay_out.node, None);
    assert_eq!(pay_out.role, "Clerk", "its clerks do Receive in the design");
    assert!(report
        .steps
        .iter()
        .all(|s| s.name != "Pay" && s.name != "Archive"));
}

/// The receipt log's activities as a sequence of tasks: intake (confirmation and T02–T06)
/// for the front office, everything else for the back office.
fn receipt_design(log: &EventLog) -> Process {
    let (mut p, _) = support::build("S:start -> E:end");
    let start = p.nodes.iter().find(|n| n.name == "S").unwrap().id;
    let end = p.nodes.iter().find(|n| n.name == "E").unwrap().id;
    let lane = p.lanes[0].id;
    p.flows.clear();
    let mut previous = start;
    for (i, name) in log.activities.iter().enumerate() {
        let id = Uuid::from_u128(0x5000 + i as u128);
        let mut node = support::task(id, lane, name);
        let front = ["Confirmation", "T02", "T03", "T04", "T05", "T06"]
            .iter()
            .any(|p| name.starts_with(p));
        node.kind = NodeKind::task(if front { "Front office" } else { "Back office" });
        p.nodes.push(node);
        p.flows.push(Flow::between(
            Uuid::from_u128(0x6000 + i as u128),
            previous,
            id,
        ));
        previous = id;
    }
    p.flows
        .push(Flow::between(Uuid::from_u128(0x7000), previous, end));
    p.info.sla = Some("30d".parse().unwrap());
    p
}

#[test]
fn the_receipt_log_gives_sane_figures() {
    let bytes = std::fs::read(support::event_log::event_logs_dir().join("receipt.xes"))
        .expect("the receipt log is there");
    let log = eventlog::read(bytes.as_slice(), &ReadOptions::default(), &mut |_| {}).unwrap();
    let report = analyse(&receipt_design(&log), 1, &log);
    assert_eq!(report.log.cases, 1434);
    assert!(
        !report.lifecycle,
        "the receipt log has complete events only"
    );
    assert_eq!(report.steps.len(), 27);
    assert!(report.steps.iter().all(|s| s.node.is_some()));
    assert_eq!(report.steps.iter().map(|s| s.count).sum::<u64>(), 8577);
    assert!(report.steps.iter().all(|s| s.waiting_hours >= 0.0));
    // Every case opens with the confirmation of receipt, so it never waits.
    let first = report
        .steps
        .iter()
        .find(|s| s.name == "Confirmation of receipt")
        .unwrap();
    assert_eq!((first.count, first.waiting_hours), (1434, 0.0));

    // The cycle time, computed here straight from the events.
    let cycles: Vec<f64> = log
        .cases
        .iter()
        .map(|c| {
            let times = c.events.iter().filter_map(|e| e.time);
            (times.clone().max().unwrap() - times.min().unwrap()) as f64 / HOUR as f64
        })
        .collect();
    let mean = cycles.iter().sum::<f64>() / cycles.len() as f64;
    assert!((report.cycle_time.mean_hours - mean).abs() < 1e-6);
    let c = &report.cycle_time;
    assert!(c.p10_hours <= c.p50_hours && c.p50_hours <= c.p90_hours);
    assert!(c.p90_hours <= c.p99_hours && c.p99_hours <= c.max_hours);
    assert!((24.0..30.0 * 24.0).contains(&c.mean_hours), "{c:?}");
    let sla = report.process_sla.as_ref().unwrap();
    let over = cycles.iter().filter(|&&h| h > 30.0 * 24.0).count() as u64;
    assert_eq!(sla.breaches, over);

    let people: u32 = report.roles.iter().map(|r| r.people).sum();
    assert_eq!(report.roles.len(), 2);
    assert!(report
        .roles
        .iter()
        .all(|r| r.people > 0 && r.mean_queue > 0.0));
    assert!(
        people >= log.resources.len() as u32,
        "every resource is seen in a role"
    );
    assert!(!report.diagnosis.line.is_empty());
}
