//! Batch simulation of BPMN events and sub-processes, by the step engine's rules: hand-computed
//! runs with fixed durations, one instance a week so none waits for another.

mod support;

use chrono::{DateTime, Utc};
use flowlane::model::{
    Arrivals, Distribution, Duration, Instances, NodeKind, Process, Repeat, Trigger,
};
use flowlane::simulate::batch::{simulate, BatchError, BatchOptions, BatchResult, Control, StopAt};
use support::shape::{self, boundary, shaped};

/// Monday 2026-01-05 00:00 UTC.
fn monday() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_571_200, 0).expect("a time")
}

const INSTANCES: u64 = 4;

fn weekly(mut process: Process) -> Process {
    process.info.simulation.arrivals = Some(Arrivals::Interval {
        every: Duration::days(7),
    });
    process
}

fn run(process: &Process) -> Result<BatchResult, BatchError> {
    let options = BatchOptions::new(3, StopAt::Instances(INSTANCES), monday());
    simulate(&weekly(process.clone()), &options, Control::default())
}

fn ran(process: &Process) -> BatchResult {
    run(process).expect("the run succeeds")
}

/// How often task `name` completed.
fn count(result: &BatchResult, name: &str) -> u64 {
    result
        .steps
        .iter()
        .find(|s| s.name == name)
        .map_or(0, |s| s.count)
}

/// Every instance ended, none stuck, each taking `hours`.
fn each_took(result: &BatchResult, hours: f64) {
    assert_eq!(result.instances.counted, INSTANCES);
    assert_eq!(result.instances.stuck, 0);
    assert_eq!(result.instances.unfinished, 0);
    assert_eq!(
        (result.cycle_time.mean_hours, result.cycle_time.max_hours),
        (hours, hours)
    );
}

fn hosted(duration: &str, interrupting: bool) -> Process {
    shaped(
        &format!(
            "S:start -> A:task{{duration={duration}}} -> After:task{{duration=1h}} -> E:end
             A.late:task -> Esc:task{{duration=1h}} -> E2:end"
        ),
        vec![("A.late", boundary(Trigger::after("P2D"), interrupting))],
        &[],
    )
}

#[test]
fn a_non_interrupting_boundary_timer_adds_a_branch_only_when_the_host_runs_past_it() {
    let late = ran(&hosted("3d", false));
    assert_eq!(
        (
            count(&late, "A"),
            count(&late, "After"),
            count(&late, "Esc")
        ),
        (INSTANCES, INSTANCES, INSTANCES)
    );
    each_took(&late, 73.0);
    let in_time = ran(&hosted("1d", false));
    assert_eq!(count(&in_time, "Esc"), 0);
    each_took(&in_time, 25.0);
}

#[test]
fn an_interrupting_boundary_timer_cancels_the_host_and_leaves_by_the_boundary() {
    let late = ran(&hosted("3d", true));
    assert_eq!(
        (
            count(&late, "A"),
            count(&late, "After"),
            count(&late, "Esc")
        ),
        (0, 0, INSTANCES)
    );
    each_took(&late, 49.0);
}

fn race(reply: Option<Duration>) -> Process {
    let mut process = shape::race();
    if let Some(value) = reply {
        process
            .info
            .simulation
            .messages
            .insert("Reply".into(), Distribution::Fixed { value });
    }
    process
}

#[test]
fn the_event_based_race_goes_to_the_first_event_to_happen() {
    let message_first = ran(&race(Some(Duration::days(1))));
    assert_eq!(
        (count(&message_first, "A"), count(&message_first, "Late")),
        (INSTANCES, 0)
    );
    each_took(&message_first, 25.0);
    let timer_first = ran(&race(Some(Duration::days(5))));
    assert_eq!(
        (count(&timer_first, "A"), count(&timer_first, "Late")),
        (0, INSTANCES)
    );
    each_took(&timer_first, 73.0);
    // Without an arrival time the message arrives at once.
    each_took(&ran(&race(None)), 1.0);
}

fn sub_process() -> NodeKind {
    NodeKind::SubProcess {
        sub: Default::default(),
        expanded: true,
        repeat: None,
    }
}

fn thrower(caught: &str) -> Process {
    shaped(
        "S:start -> Sub:task -> After:task{duration=1h} -> E:end
         IS:start -> W:task{duration=2h} -> Boom:end
         Sub.caught:task -> Handle:task{duration=1h} -> E2:end",
        vec![
            ("Sub", sub_process()),
            (
                "Boom",
                NodeKind::End {
                    outcome: String::new(),
                    trigger: Trigger::Error { code: "X".into() },
                },
            ),
            (
                "Sub.caught",
                boundary(
                    Trigger::Error {
                        code: caught.into(),
                    },
                    true,
                ),
            ),
        ],
        &[("IS", "Sub"), ("W", "Sub"), ("Boom", "Sub")],
    )
}

#[test]
fn an_error_inside_a_sub_process_reaches_its_boundary_or_ends_the_instance() {
    for code in ["X", ""] {
        let caught = ran(&thrower(code));
        assert_eq!(
            (
                count(&caught, "W"),
                count(&caught, "After"),
                count(&caught, "Handle")
            ),
            (INSTANCES, 0, INSTANCES)
        );
        each_took(&caught, 3.0);
    }
    let uncaught = ran(&thrower("OTHER"));
    assert_eq!(
        (count(&uncaught, "After"), count(&uncaught, "Handle")),
        (0, 0)
    );
    each_took(&uncaught, 2.0);
}

#[test]
fn a_sub_process_completes_when_its_contents_are_done() {
    let process = shaped(
        "S:start -> Sub:task -> After:task{duration=1h} -> E:end
         IS:start -> Split:and -> W:task{duration=2h} -> Join:and -> IE:end
         Split -> V:task{duration=5h} -> Join",
        vec![("Sub", sub_process())],
        &[
            ("IS", "Sub"),
            ("Split", "Sub"),
            ("W", "Sub"),
            ("V", "Sub"),
            ("Join", "Sub"),
            ("IE", "Sub"),
        ],
    );
    let result = ran(&process);
    assert_eq!(count(&result, "After"), INSTANCES);
    each_took(&result, 6.0);
}

#[test]
fn terminate_ends_everything_and_a_link_jumps() {
    let terminate = shape::terminating();
    let result = ran(&terminate);
    assert_eq!((count(&result, "A"), count(&result, "B")), (INSTANCES, 0));
    each_took(&result, 1.0);

    let linked = shape::linked();
    each_took(&ran(&linked), 2.0);
}

fn repeated(repeat: Repeat) -> Process {
    let (mut process, _) = support::build("S:start -> A:task{duration=1h} -> E:end");
    if let Some(NodeKind::Task { repeat: r, .. }) = process
        .nodes
        .iter_mut()
        .find(|n| n.name == "A")
        .map(|n| &mut n.kind)
    {
        *r = Some(repeat);
    }
    process
}

#[test]
fn multi_instance_tasks_take_the_longest_or_the_sum_and_endless_loops_are_refused() {
    let count3 = Some("3".to_string());
    let parallel = ran(&repeated(Repeat::Parallel(Instances {
        count: count3.clone(),
        collection: None,
        item: None,
    })));
    each_took(&parallel, 1.0);
    let step = parallel.steps.iter().find(|s| s.name == "A").expect("A");
    assert_eq!(step.working_hours, 1.0);
    let sequential = ran(&repeated(Repeat::Sequential(Instances {
        count: count3,
        collection: None,
        item: None,
    })));
    each_took(&sequential, 3.0);
    let endless = run(&repeated(Repeat::Loop {
        condition: Some("true".into()),
    }))
    .unwrap_err();
    assert_eq!(
        endless.to_string(),
        "\"A\" looped 1000 times in one instance: its condition never stops holding; check the data its condition reads"
    );
    each_took(
        &ran(&repeated(Repeat::Loop {
            condition: Some("false".into()),
        })),
        1.0,
    );
}

/// Sub-process Sub (W, 2h, inside) run 3 times, side by side or one after another.
fn repeated_sub_process(repeat: Repeat) -> Process {
    let kind = NodeKind::SubProcess {
        sub: Default::default(),
        expanded: true,
        repeat: Some(repeat),
    };
    shaped(
        "S:start -> Sub:task -> After:task{duration=1h} -> E:end
         IS:start -> W:task{duration=2h} -> IE:end",
        vec![("Sub", kind)],
        &[("IS", "Sub"), ("W", "Sub"), ("IE", "Sub")],
    )
}

#[test]
fn a_multi_instance_sub_process_runs_its_contents_once_per_instance() {
    let three = || Instances {
        count: Some("3".into()),
        collection: None,
        item: None,
    };
    let parallel = ran(&repeated_sub_process(Repeat::Parallel(three())));
    assert_eq!(
        (count(&parallel, "W"), count(&parallel, "After")),
        (3 * INSTANCES, INSTANCES)
    );
    let sequential = ran(&repeated_sub_process(Repeat::Sequential(three())));
    assert_eq!(
        (count(&sequential, "W"), count(&sequential, "After")),
        (3 * INSTANCES, INSTANCES)
    );
    each_took(&sequential, 7.0);
    let none = ran(&repeated_sub_process(Repeat::Parallel(Instances {
        count: Some("0".into()),
        collection: None,
        item: None,
    })));
    assert_eq!((count(&none, "W"), count(&none, "After")), (0, INSTANCES));
    each_took(&none, 1.0);
}

#[test]
fn intermediate_timers_on_a_date_or_a_cycle_wait_on_the_calendar() {
    // Instances arrive on Mondays at midnight, a week apart.
    let (dated, _) = support::build(
        "S:start -> T:catch{on=timer,date=2026-01-05T10:00:00Z} -> A:task{duration=1h} -> E:end",
    );
    let result = ran(&dated);
    // The first waits until 10:00; for the others the date has passed and the timer fires at once.
    assert_eq!(result.instances.counted, INSTANCES);
    assert_eq!(result.cycle_time.max_hours, 11.0);
    assert_eq!(result.cycle_time.mean_hours, (11.0 + 3.0) / 4.0);
    // A cycle first fires one period after the token arrives.
    let (cycle, _) = support::build(
        "S:start -> T:catch{on=timer,cycle=R3/PT2H} -> A:task{duration=1h} -> E:end",
    );
    each_took(&ran(&cycle), 3.0);
    // On an event-based gateway a dated timer races a message that takes 2 hours: the first
    // instance gets the message before 03:00, for the others the date has passed.
    let (race, _) = support::build(
        "S:start -> G:evt -> T:catch{on=timer,date=2026-01-05T03:00:00Z} -> A:task{duration=1h} -> E:end
         G -> M:catch{on=message,message=Reply} -> B:task{duration=1h} -> E2:end",
    );
    let mut race = race;
    race.info.simulation.messages.insert(
        "Reply".into(),
        Distribution::Fixed {
            value: Duration::hours(2),
        },
    );
    let result = ran(&race);
    assert_eq!(
        (count(&result, "A"), count(&result, "B")),
        (INSTANCES - 1, 1)
    );
}

/// One after another, one run per reviewer of the list every instance draws: Ann, Bob and Cy.
fn over_reviewers() -> Repeat {
    Repeat::Sequential(Instances {
        count: None,
        collection: Some("reviewers".into()),
        item: Some("reviewer".into()),
    })
}

/// The list variable `reviewers`, the same three names in every instance.
fn reviewers() -> flowlane::model::Variable {
    use flowlane::model::{Generator, VarType, Variable};
    let mut reviewers = Variable::new("reviewers", VarType::List);
    reviewers.generated = Some(Generator::Choice {
        weights: [("ann, bob, cy".to_string(), 1.0)].into(),
    });
    reviewers
}

#[test]
fn a_multi_instance_task_over_a_list_variable_runs_once_per_drawn_item() {
    let mut process = repeated(over_reviewers());
    process.info.variables.push(reviewers());
    // A's hour runs three times in a row.
    each_took(&ran(&process), 3.0);
}

/// A review sub-process run once per reviewer, `repeat`: Ann reads (2h), everyone else skims (1h).
fn review(repeat: Repeat) -> Process {
    use flowlane::model::{VarType, Variable};
    let (mut process, _) = support::build(
        "S:start -> Sub:sub -> E:end
         IS:start{in=Sub} -> Who:xor{in=Sub}
         Who -> Read:task{in=Sub,duration=2h} | ann | reviewer == \"ann\"
         Read -> IE:end{in=Sub}
         Who -> Skim:task{in=Sub,duration=1h} | others | default
         Skim -> IE2:end{in=Sub}",
    );
    if let Some(NodeKind::SubProcess { repeat: r, .. }) = process
        .nodes
        .iter_mut()
        .find(|n| n.name == "Sub")
        .map(|n| &mut n.kind)
    {
        *r = Some(repeat);
    }
    process.info.variables = vec![Variable::new("reviewer", VarType::Text), reviewers()];
    process
}

/// The same runs side by side.
fn side_by_side() -> Repeat {
    let Repeat::Sequential(instances) = over_reviewers() else {
        unreachable!("over_reviewers runs one after another")
    };
    Repeat::Parallel(instances)
}

#[test]
fn each_sequential_run_over_a_list_decides_on_its_own_item() {
    let result = ran(&review(over_reviewers()));
    // Ann reads (2h); Bob and Cy skim (1h each), one run after another.
    assert_eq!(
        (count(&result, "Read"), count(&result, "Skim")),
        (INSTANCES, 2 * INSTANCES)
    );
    each_took(&result, 4.0);
}

#[test]
fn each_parallel_run_over_a_list_decides_on_its_own_item() {
    let result = ran(&review(side_by_side()));
    // Ann reads (2h) while Bob and Cy skim (1h each): the longest run sets the time.
    assert_eq!(
        (count(&result, "Read"), count(&result, "Skim")),
        (INSTANCES, 2 * INSTANCES)
    );
    each_took(&result, 2.0);
}

/// A sub-process whose runs go side by side over the reviewers.
fn side_by_side_sub() -> NodeKind {
    NodeKind::SubProcess {
        sub: Default::default(),
        expanded: true,
        repeat: Some(side_by_side()),
    }
}

/// `Void`, an end throwing the error "void", and `Sub.void`, the interrupting boundary of `Sub`
/// that catches it.
fn void_and_its_catcher() -> Vec<(&'static str, NodeKind)> {
    let void = Trigger::Error {
        code: "void".into(),
    };
    vec![
        (
            "Void",
            NodeKind::End {
                outcome: String::new(),
                trigger: void.clone(),
            },
        ),
        ("Sub.void", boundary(void, true)),
    ]
}

/// Ann's run threw "void" at once: every skim was cancelled, the instance left by the boundary
/// to Escalate (1h) and never reached After.
fn escalated_at_once(result: &BatchResult) {
    assert_eq!(
        (
            count(result, "Skim"),
            count(result, "After"),
            count(result, "Escalate")
        ),
        (0, 0, INSTANCES)
    );
    each_took(result, 1.0);
}

/// The review run side by side over the reviewers, drawn from `text`: `inside` are Sub's
/// contents, `kinds` the nodes' kinds beside the fixture's.
fn reviewed_side_by_side(text: &str, mut kinds: Vec<(&str, NodeKind)>, inside: &[&str]) -> Process {
    kinds.insert(0, ("Sub", side_by_side_sub()));
    let parents: Vec<(&str, &str)> = inside.iter().map(|n| (*n, "Sub")).collect();
    let mut process = shaped(text, kinds, &parents);
    process.info.variables = review(side_by_side()).info.variables;
    process
}

#[test]
fn an_error_in_one_parallel_run_cancels_the_others_and_leaves_by_the_boundary() {
    let process = reviewed_side_by_side(
        "S:start -> Sub:task -> After:task{duration=1h} -> E:end
         IS:start -> Who:xor
         Who -> Void:end | ann | reviewer == \"ann\"
         Who -> Skim:task{duration=1h} | others | default
         Skim -> IE:end
         Sub.void:task -> Escalate:task{duration=1h} -> E2:end",
        void_and_its_catcher(),
        &["IS", "Who", "Void", "Skim", "IE"],
    );
    // Ann's run throws at once; Bob's and Cy's skimming is cancelled with it.
    escalated_at_once(&ran(&process));
}

#[test]
fn a_boundary_timer_on_a_parallel_sub_process_cancels_the_runs_still_going() {
    let process = reviewed_side_by_side(
        "S:start -> Sub:task -> After:task{duration=1h} -> E:end
         IS:start -> Who:xor
         Who -> Read:task{duration=2h} | ann | reviewer == \"ann\"
         Read -> IE:end
         Who -> Skim:task{duration=1h} | others | default
         Skim -> IE2:end
         Sub.late:task -> Escalate:task{duration=1h} -> E2:end",
        vec![("Sub.late", boundary(Trigger::after("PT90M"), true))],
        &["IS", "Who", "Read", "IE", "Skim", "IE2"],
    );
    let result = ran(&process);
    // Bob and Cy are done after an hour; Ann's reading is cut off at 1.5 h.
    assert_eq!(
        (
            count(&result, "Read"),
            count(&result, "Skim"),
            count(&result, "Escalate")
        ),
        (0, 2 * INSTANCES, INSTANCES)
    );
    each_took(&result, 2.5);
}

#[test]
fn a_parallel_run_that_deadlocks_leaves_its_instance_stuck() {
    let process = reviewed_side_by_side(
        "S:start -> Sub:task -> After:task{duration=1h} -> E:end
         IS:start -> Who:xor
         Who -> Read:task{duration=2h} | ann | reviewer == \"ann\"
         Who -> Skim:task{duration=1h} | others | default
         Read -> Both:and
         Skim -> Both
         Both -> IE:end",
        vec![],
        &["IS", "Who", "Read", "Skim", "Both", "IE"],
    );
    let result = ran(&process);
    // Every run waits at the join for a branch its choice did not take.
    assert_eq!(result.instances.stuck, INSTANCES);
    assert_eq!(count(&result, "After"), 0);
}

#[test]
fn an_error_in_a_run_within_a_run_reaches_the_outer_boundary() {
    let mut kinds = vec![("Sub", side_by_side_sub()), ("Inner", side_by_side_sub())];
    kinds.extend(void_and_its_catcher());
    let mut process = shaped(
        "S:start -> Sub:task -> After:task{duration=1h} -> E:end
         IS:start -> Inner:task -> IE:end
         JS:start -> Who:xor
         Who -> Void:end | ann | reviewer == \"ann\"
         Who -> Skim:task{duration=1h} | others | default
         Skim -> JE:end
         Sub.void:task -> Escalate:task{duration=1h} -> E2:end",
        kinds,
        &[
            ("IS", "Sub"),
            ("Inner", "Sub"),
            ("IE", "Sub"),
            ("JS", "Inner"),
            ("Who", "Inner"),
            ("Void", "Inner"),
            ("Skim", "Inner"),
            ("JE", "Inner"),
        ],
    );
    process.info.variables = review(side_by_side()).info.variables;
    // Nine inner runs per instance; Ann's throw ends all of them and leaves by the boundary
    // once per instance.
    escalated_at_once(&ran(&process));
}
