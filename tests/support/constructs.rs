//! Small processes, one per BPMN construct the step simulator runs and no sample uses, each
//! with the scenarios that exercise it, for the SpiffWorkflow check (`bpmn_export.rs` writes
//! their plans). Written in the builder's text; a scenario is a list of steps by node name:
//! `A` fires A, `G>B` takes the flow from gateway G to B, `A approved=true` sets data on A.

use chrono::{DateTime, Utc};
use flowlane::model::{Instances, NodeKind, Process, Repeat};
use flowlane::simulate::{Action, Scenario, ScenarioStep};
use serde_json::{json, Value};

pub struct Construct {
    /// The construct, also the export's file name: `escalation-interrupting`.
    pub name: &'static str,
    pub process: Process,
    pub scenarios: Vec<Scenario>,
}

/// Every construct, in a stable order.
pub fn all() -> Vec<Construct> {
    let mut all = vec![
        escalation(true),
        escalation(false),
        escalation_end(true),
        escalation_end(false),
        message_boundary(true),
        message_boundary(false),
        signal_boundary(),
        nested_error(),
        terminate(),
        receive_task(),
        signal(),
        looping(),
        link(),
    ];
    for parallel in [true, false] {
        all.push(multi_instance_task(parallel));
        all.push(multi_instance_sub_process(parallel));
    }
    all.extend(event_sub_processes());
    all
}

/// The event sub-process fixtures the simulation tests share, each with the run those tests
/// take: a message the trainer delivers starts one beside the order, or one that cancels it; a
/// timer reminds beside the work of a sub-process; an error thrown on one branch cancels the
/// other; a thrown signal starts one beside the process.
fn event_sub_processes() -> Vec<Construct> {
    use super::event_subs::{CANCELLED_ORDER, REMINDED, SIGNALLED, VOIDED};
    let beside = CANCELLED_ORDER.replace("message=Cancel}", "message=Cancel,interrupting=no}");
    let runs: [(&str, &str, &[&str]); 5] = [
        (
            "event-sub-process-message",
            &beside,
            &["VS", "VA", "VE", "A", "B", "E"],
        ),
        (
            "event-sub-process-message-interrupting",
            CANCELLED_ORDER,
            &["VS", "VA", "VE"],
        ),
        (
            "event-sub-process-timer",
            REMINDED,
            &["P", "PA", "PE", "VA", "VE", "After", "E"],
        ),
        (
            "event-sub-process-error",
            VOIDED,
            &["P", "G", "PA", "PX", "VA", "VE", "After", "E"],
        ),
        (
            "event-sub-process-signal",
            SIGNALLED,
            &["A", "T", "E", "VA", "VE"],
        ),
    ];
    runs.into_iter()
        .map(|(name, text, steps)| {
            let process = build(text);
            let scenarios = vec![scenario(&process, name, json!({}), steps)];
            Construct {
                name,
                process,
                scenarios,
            }
        })
        .collect()
}

/// An escalation thrown inside a sub-process after W, caught on its boundary.
fn escalation(interrupting: bool) -> Construct {
    let flag = if interrupting { "" } else { ",interrupting=no" };
    let process = build(&format!(
        "S:start -> Sub:sub -> After:task -> E:end
         IS:start{{in=Sub}} -> W:task{{in=Sub}} -> Esc:throw{{in=Sub,on=escalation,code=LATE}} -> More:task{{in=Sub}} -> IE:end{{in=Sub}}
         Sub.late:boundary{{host=Sub,on=escalation,code=LATE{flag}}} -> Handle:task -> E2:end"
    ));
    let (name, steps): (_, &[&str]) = match interrupting {
        true => (
            "escalation-interrupting",
            &["Sub", "W", "Esc", "Handle", "E2"],
        ),
        false => (
            "escalation-non-interrupting",
            &[
                "Sub", "W", "Esc", "More", "IE", "After", "E", "Handle", "E2",
            ],
        ),
    };
    let scenarios = vec![scenario(&process, name, json!({}), steps)];
    Construct {
        name,
        process,
        scenarios,
    }
}

/// An escalation end event inside a sub-process, caught on its boundary: an interrupting one
/// cancels the sub-process, otherwise the sub-process completes beside the boundary's branch.
fn escalation_end(interrupting: bool) -> Construct {
    let flag = if interrupting { "" } else { ",interrupting=no" };
    let process = build(&format!(
        "S:start -> Sub:sub -> After:task -> E:end
         IS:start{{in=Sub}} -> W:task{{in=Sub}} -> Esc:end{{in=Sub,on=escalation,code=LATE}}
         Sub.late:boundary{{host=Sub,on=escalation,code=LATE{flag}}} -> Handle:task -> E2:end"
    ));
    let (name, steps): (_, &[&str]) = match interrupting {
        true => (
            "escalation-end-interrupting",
            &["Sub", "W", "Esc", "Handle", "E2"],
        ),
        false => (
            "escalation-end-non-interrupting",
            &["Sub", "W", "Esc", "After", "E", "Handle", "E2"],
        ),
    };
    let scenarios = vec![scenario(&process, name, json!({}), steps)];
    Construct {
        name,
        process,
        scenarios,
    }
}

/// A message delivered to the boundary of a waiting task: it cancels the task, or the task
/// goes on beside the boundary's branch.
fn message_boundary(interrupting: bool) -> Construct {
    let flag = if interrupting { "" } else { ",interrupting=no" };
    let process = build(&format!(
        "S:start -> A:task -> E:end
         A.cancel:boundary{{host=A,on=message,message=Cancel{flag}}} -> Handle:task -> E2:end"
    ));
    let (name, steps): (_, &[&str]) = match interrupting {
        true => (
            "message-boundary-interrupting",
            &["A.cancel", "Handle", "E2"],
        ),
        false => (
            "message-boundary-non-interrupting",
            &["A.cancel", "Handle", "E2", "A", "E"],
        ),
    };
    let scenarios = vec![scenario(&process, name, json!({}), steps)];
    Construct {
        name,
        process,
        scenarios,
    }
}

/// A signal the trainer broadcasts while A waits reaches A's interrupting boundary.
fn signal_boundary() -> Construct {
    let process = build(
        "S:start -> A:task -> E:end
         A.recall:boundary{host=A,on=signal,signal=Recall} -> Handle:task -> E2:end",
    );
    let name = "signal-boundary";
    let scenarios = vec![scenario(
        &process,
        name,
        json!({}),
        &["A.recall", "Handle", "E2"],
    )];
    Construct {
        name,
        process,
        scenarios,
    }
}

/// An error end inside Inner, itself inside Outer; only Outer's boundary catches it.
fn nested_error() -> Construct {
    let process = build(
        "S:start -> Outer:sub -> After:task -> E:end
         OS:start{in=Outer} -> Inner:sub{in=Outer} -> OE:end{in=Outer}
         IS:start{in=Inner} -> W:task{in=Inner,sets=approved} -> Ok:xor{in=Inner} -> IE:end{in=Inner} | fine | default
         Ok -> Boom:end{in=Inner,on=error,code=VOID} | void | approved == false
         Outer.void:boundary{host=Outer,on=error,code=VOID} -> Handle:task -> E2:end",
    );
    let scenarios = vec![
        scenario(
            &process,
            "nested error: void",
            json!({}),
            &[
                "Outer",
                "Inner",
                "W approved=false",
                "Ok",
                "Boom",
                "Handle",
                "E2",
            ],
        ),
        scenario(
            &process,
            "nested error: none thrown",
            json!({}),
            &[
                "Outer",
                "Inner",
                "W approved=true",
                "Ok",
                "IE",
                "OE",
                "After",
                "E",
            ],
        ),
    ];
    Construct {
        name: "error-nested",
        process,
        scenarios,
    }
}

/// A terminate end reached on one branch while B still waits on the other.
fn terminate() -> Construct {
    let process = build(
        "S:start -> Split:and -> A:task -> T:end{on=terminate}
         Split -> B:task -> E:end",
    );
    let scenarios = vec![scenario(
        &process,
        "terminate",
        json!({}),
        &["Split", "A", "T"],
    )];
    Construct {
        name: "terminate",
        process,
        scenarios,
    }
}

/// A receive task waiting for message Reply.
fn receive_task() -> Construct {
    let process = build("S:start -> R:receive{message=Reply} -> A:task -> E:end");
    let scenarios = vec![scenario(
        &process,
        "receive task",
        json!({}),
        &["R", "A", "E"],
    )];
    Construct {
        name: "receive-task",
        process,
        scenarios,
    }
}

/// A signal thrown after A on one branch moves the token waiting for it on the other, or the
/// trainer delivers it first.
fn signal() -> Construct {
    let process = build(
        "S:start -> Split:and -> A:task -> Go:throw{on=signal,signal=Go} -> E1:end
         Split -> C:catch{on=signal,signal=Go} -> B:task -> E2:end",
    );
    let thrown = ["Split", "A", "Go", "B", "E2", "E1"];
    // The trainer delivers Go before A throws it; then nobody waits for the thrown one.
    let delivered = ["Split", "C", "B", "E2", "A", "Go", "E1"];
    let scenarios = vec![
        scenario(&process, "signal thrown inside", json!({}), &thrown),
        scenario(
            &process,
            "signal delivered from outside",
            json!({}),
            &delivered,
        ),
    ];
    Construct {
        name: "signal",
        process,
        scenarios,
    }
}

/// A loop task that runs while its condition holds; A's completion makes it false.
fn looping() -> Construct {
    let mut process = build("S:start -> A:task{sets=approved} -> E:end");
    set_repeat(
        &mut process,
        "A",
        Repeat::Loop {
            condition: Some("!approved".into()),
        },
    );
    let steps = ["A approved=true", "E"];
    let scenarios = vec![scenario(
        &process,
        "loop",
        json!({"approved": false}),
        &steps,
    )];
    Construct {
        name: "loop",
        process,
        scenarios,
    }
}

/// A link throw L going on at the link catch C of the same name.
fn link() -> Construct {
    let process = build(
        "S:start -> L:throw{on=link,link=on}
         C:catch{on=link,link=on} -> A:task -> E:end",
    );
    let scenarios = vec![scenario(&process, "link", json!({}), &["L", "A", "E"])];
    Construct {
        name: "link",
        process,
        scenarios,
    }
}

/// A task run 3 times side by side, or `amount` (2) times one after another.
fn multi_instance_task(parallel: bool) -> Construct {
    let mut process = build("S:start -> A:task -> E:end");
    let (name, repeat) = match parallel {
        true => ("multi-instance-task-parallel", Repeat::Parallel(count("3"))),
        false => (
            "multi-instance-task-sequential",
            Repeat::Sequential(count("amount")),
        ),
    };
    set_repeat(&mut process, "A", repeat);
    let scenarios = vec![scenario(&process, name, json!({"amount": 2}), &["A", "E"])];
    Construct {
        name,
        process,
        scenarios,
    }
}

/// A sub-process whose contents (W) run twice, side by side or one after another.
fn multi_instance_sub_process(parallel: bool) -> Construct {
    let mut process = build(
        "S:start -> Sub:sub -> After:task -> E:end
         IS:start{in=Sub} -> W:task{in=Sub} -> IE:end{in=Sub}",
    );
    let (name, repeat, steps): (_, _, &[&str]) = match parallel {
        true => (
            "multi-instance-sub-process-parallel",
            Repeat::Parallel(count("2")),
            &["Sub", "W", "W", "IE", "IE", "After", "E"],
        ),
        false => (
            "multi-instance-sub-process-sequential",
            Repeat::Sequential(count("2")),
            &["Sub", "W", "IE", "W", "IE", "After", "E"],
        ),
    };
    set_repeat(&mut process, "Sub", repeat);
    let scenarios = vec![scenario(&process, name, json!({}), steps)];
    Construct {
        name,
        process,
        scenarios,
    }
}

fn build(text: &str) -> Process {
    super::build(text).0
}

fn count(count: &str) -> Instances {
    Instances {
        count: Some(count.into()),
        collection: None,
        item: None,
    }
}

fn set_repeat(process: &mut Process, name: &str, repeat: Repeat) {
    let node = process
        .nodes
        .iter_mut()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"));
    match &mut node.kind {
        NodeKind::Task { repeat: r, .. } | NodeKind::SubProcess { repeat: r, .. } => {
            *r = Some(repeat)
        }
        other => panic!("{name} cannot repeat: {other:?}"),
    }
}

pub fn scenario(process: &Process, name: &str, data: Value, steps: &[&str]) -> Scenario {
    let id = |name: &str| super::shape::named(process, name);
    let steps = steps
        .iter()
        .map(|step| {
            let (node, set) = step.split_once(' ').unwrap_or((step, ""));
            let mut action = match node.split_once('>') {
                Some((gateway, target)) => {
                    let (from, to) = (id(gateway), id(target));
                    let flow = process
                        .flows
                        .iter()
                        .find(|f| f.source == from && f.target == to);
                    let mut action = Action::at(from);
                    action.take = vec![flow.expect("a flow").id];
                    action
                }
                None => Action::at(id(node)),
            };
            for pair in set.split_whitespace() {
                let (key, value) = pair.split_once('=').expect("key=value");
                let value = serde_json::from_str(value).expect("a JSON value");
                action.set.insert(key.into(), value);
            }
            ScenarioStep {
                action,
                note: String::new(),
            }
        })
        .collect();
    Scenario {
        name: name.into(),
        process: process.id,
        version: 1,
        data: data.as_object().cloned().unwrap_or_default(),
        start: start_time(),
        steps,
    }
}

fn start_time() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("a time")
}
