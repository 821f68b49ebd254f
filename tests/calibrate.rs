//! The calibrated what-if: a process with known parameters is simulated into a log with start
//! and complete events, then calibrated from that log; the parameters come back within
//! tolerance and the calibrated run's cycle times match the log's.

mod support;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use flowlane::calibrate::{calibrate, calibrated, FitKind};
use flowlane::conformance::mapping::SavedMapping;
use flowlane::eventlog::{Case, Event, EventLog, Lifecycle};
use flowlane::model::{
    Arrivals, Calendar, Distribution, Duration, NodeKind, Process, Role, Weekday,
};
use flowlane::simulate::batch::{simulate_traced, BatchOptions, Control, StopAt};

/// Monday 2026-01-05 00:00 UTC.
fn monday() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_571_200, 0).unwrap()
}

/// Intake (clerks) then, by chance, a quick check (clerks, 70 %) or an expert review
/// (experts, 30 %); two arrivals an hour.
fn known() -> Process {
    let (mut p, _) = support::build(
        "S:start -> Intake:task{assignee=Clerk} -> Which:xor\n\
         Which -> Check:task{assignee=Clerk} | quick | amount > 100\n\
         Which -> Review:task{assignee=Expert} | expert | default\n\
         Check -> E:end\n\
         Review -> E",
    );
    let work = |p: &mut Process, name: &str, d: Distribution<Duration>| {
        let node = p.nodes.iter_mut().find(|n| n.name == name).unwrap();
        if let NodeKind::Task { distribution, .. } = &mut node.kind {
            *distribution = Some(d);
        }
    };
    work(
        &mut p,
        "Intake",
        Distribution::Exponential {
            mean: Duration::minutes(20),
        },
    );
    work(
        &mut p,
        "Check",
        Distribution::Lognormal {
            mean: Duration::minutes(30),
            sd: Duration::minutes(15),
        },
    );
    work(
        &mut p,
        "Review",
        Distribution::Exponential {
            mean: Duration::minutes(90),
        },
    );
    let which = p.nodes.iter().find(|n| n.name == "Which").unwrap().id;
    for flow in p.flows.iter_mut().filter(|f| f.source == which) {
        flow.probability = Some(if flow.label == "quick" { 0.7 } else { 0.3 });
    }
    p.info.simulation.arrivals = Some(Arrivals::Poisson { per_hour: 2.0 });
    let pool = |capacity| Role {
        capacity,
        cost_per_hour: 0.0,
        calendar: None,
    };
    p.info.simulation.roles = BTreeMap::from([
        ("Clerk".to_string(), pool(3)),
        ("Expert".to_string(), pool(2)),
    ]);
    p
}

/// The run as an event log: a start and a complete event per task, done by `Clerk-0`, ….
fn simulated_log(process: &Process, instances: u64, seed: u64) -> EventLog {
    let options = BatchOptions::new(seed, StopAt::Instances(instances), monday());
    let (_, trace) = simulate_traced(process, &options, Control::default()).unwrap();
    let mut log = EventLog::default();
    let mut cases: BTreeMap<u64, Vec<Event>> = BTreeMap::new();
    let start = monday().timestamp_millis();
    let at = |minutes: f64| start + (minutes * 60_000.0).round() as i64;
    for task in &trace.tasks {
        let activity = intern(&mut log.activities, &task.name);
        let resource = intern(
            &mut log.resources,
            &format!("{}-{}", task.role, task.person),
        );
        let events = cases.entry(task.case).or_default();
        for (lifecycle, minutes) in [
            (Lifecycle::Start, task.started),
            (Lifecycle::Complete, task.done),
        ] {
            events.push(Event {
                activity,
                time: Some(at(minutes)),
                resource: Some(resource),
                lifecycle,
            });
        }
    }
    for (case, mut events) in cases {
        events.sort_by_key(|e| e.time);
        log.cases.push(Case {
            id: format!("case-{case}"),
            events,
        });
    }
    log
}

fn intern(names: &mut Vec<String>, name: &str) -> u32 {
    match names.iter().position(|n| n == name) {
        Some(i) => i as u32,
        None => {
            names.push(name.to_string());
            names.len() as u32 - 1
        }
    }
}

#[test]
fn parameters_simulated_into_a_log_are_recovered_from_it() {
    let process = known();
    let log = simulated_log(&process, 4_000, 11);
    assert!(log.resources.contains(&"Clerk-2".to_string()));
    assert!(
        !log.resources.contains(&"Clerk-3".to_string()),
        "three clerks"
    );

    // The design as it was before anyone measured: no parameters at all.
    let mut bare = process.clone();
    bare.info.simulation = Default::default();
    for node in &mut bare.nodes {
        if let NodeKind::Task { distribution, .. } = &mut node.kind {
            *distribution = None;
        }
    }
    for flow in &mut bare.flows {
        flow.probability = None;
    }
    let (fitted, report) = calibrated(&bare, 1, &log, &SavedMapping::new()).unwrap();
    assert!(report.lifecycle);
    assert!(
        (report.arrivals_per_hour - 2.0).abs() < 0.1,
        "{}",
        report.arrivals_per_hour
    );
    let step = |name: &str| report.steps.iter().find(|s| s.step == name).unwrap();
    assert_eq!(step("Intake").fit, FitKind::Exponential);
    assert!(
        (step("Intake").mean_minutes - 20.0).abs() < 1.0,
        "{:?}",
        step("Intake")
    );
    assert_eq!(step("Check").fit, FitKind::Lognormal);
    assert!(
        (step("Check").mean_minutes - 30.0).abs() < 1.5,
        "{:?}",
        step("Check")
    );
    assert!(
        (step("Check").sd_minutes - 15.0).abs() < 1.5,
        "{:?}",
        step("Check")
    );
    assert_eq!(step("Review").fit, FitKind::Exponential);
    assert!(
        (step("Review").mean_minutes - 90.0).abs() < 6.0,
        "{:?}",
        step("Review")
    );
    let branch = &report.branches[0];
    let quick = branch.ways.iter().find(|w| w.way == "quick").unwrap();
    assert!((quick.probability - 0.7).abs() < 0.03, "{branch:?}");
    let people: BTreeMap<_, _> = report
        .roles
        .iter()
        .map(|r| (r.role.as_str(), r.people))
        .collect();
    assert_eq!(people, BTreeMap::from([("Clerk", 3), ("Expert", 2)]));
    assert_eq!(fitted.info.simulation.roles["Expert"].capacity, 2);
    // The log carries no data, so the chances seen replace the condition.
    assert!(fitted.flows.iter().all(|f| f.condition.is_none()));

    let options = BatchOptions::new(5, StopAt::Instances(1), monday());
    let run = calibrate(
        &bare,
        1,
        &log,
        &SavedMapping::new(),
        &options,
        Control::default(),
    )
    .unwrap();
    assert_eq!(run.observed_cases, 4_000);
    assert_eq!(run.simulated_cases, 4_000);
    let quantiles: Vec<&str> = run.cycle_time.iter().map(|r| r.quantile.as_str()).collect();
    assert_eq!(quantiles, ["p10", "p50", "p90", "p99"]);
    for row in &run.cycle_time[..3] {
        let gap = (row.simulated_hours - row.observed_hours).abs() / row.observed_hours;
        assert!(gap < 0.1, "{row:?}");
    }
    assert!(
        run.ks < 0.05 && run.ks <= run.ks_critical,
        "KS {} (critical {})",
        run.ks,
        run.ks_critical
    );
}

#[test]
fn a_log_with_one_timed_case_cannot_give_an_arrival_rate() {
    let log = support::event_log::event_log(&[vec!["Intake", "Check"]], Some(1_772_355_600_000));
    let err = calibrated(&known(), 1, &log, &SavedMapping::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the log needs at least two cases with timestamps to fit an arrival rate"
    );
}

#[test]
fn the_saved_mapping_names_the_step_an_activity_of_another_name_is() {
    let mut log = simulated_log(&known(), 300, 3);
    for name in &mut log.activities {
        if name == "Review" {
            *name = "EXP_REVIEW_DONE".into();
        }
    }
    let review = |saved: &SavedMapping| {
        let (_, report) = calibrated(&known(), 1, &log, saved).unwrap();
        report.steps.into_iter().find(|s| s.step == "Review")
    };
    assert!(review(&SavedMapping::new()).is_none(), "no name matches");
    let saved = SavedMapping::from([("EXP_REVIEW_DONE".to_string(), Some("Review".to_string()))]);
    let fitted = review(&saved).expect("the mapped activity is the step");
    assert!(fitted.samples > 50, "{fitted:?}");
    assert_eq!(fitted.role, "Expert");
}

#[test]
fn working_hours_are_read_from_the_log_and_durations_counted_in_them() {
    let mut process = known();
    let office = |from_hour, to_hour| Calendar {
        from_hour,
        to_hour,
        weekdays: Weekday::WORKWEEK.to_vec(),
    };
    for (role, hours) in [("Clerk", office(8, 16)), ("Expert", office(9, 15))] {
        process
            .info
            .simulation
            .roles
            .get_mut(role)
            .unwrap()
            .calendar = Some(hours);
    }
    // One every two hours, around the clock: the experts, 2 × 30 hours a week, are busy 63 %.
    process.info.simulation.arrivals = Some(Arrivals::Poisson { per_hour: 0.5 });
    let log = simulated_log(&process, 1_500, 5);
    let (fitted, report) = calibrated(&process, 1, &log, &SavedMapping::new()).unwrap();
    let hours: BTreeMap<_, _> = (report.roles.iter())
        .map(|r| (r.role.as_str(), r.hours.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        hours,
        BTreeMap::from([
            ("Clerk", "Mon–Fri 8–16".into()),
            ("Expert", "Mon–Fri 9–15".into())
        ])
    );
    assert_eq!(
        fitted.info.simulation.roles["Expert"].calendar,
        Some(office(9, 15))
    );
    // Work begun before closing and done the next morning counts its working minutes only.
    let review = report.steps.iter().find(|s| s.step == "Review").unwrap();
    assert!((review.mean_minutes - 90.0).abs() < 8.0, "{review:?}");

    let options = BatchOptions::new(5, StopAt::Instances(1), monday());
    let run = calibrate(
        &process,
        1,
        &log,
        &SavedMapping::new(),
        &options,
        Control::default(),
    )
    .unwrap();
    // Close, not identical: the log's first events wait for opening time, so the arrival rate
    // read off them runs a little low.
    for row in &run.cycle_time[..3] {
        let gap = (row.simulated_hours - row.observed_hours).abs() / row.observed_hours;
        assert!(gap < 0.1, "{row:?}");
    }
    assert!(run.ks < 0.08, "KS {}", run.ks);
}
