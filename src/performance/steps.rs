//! Which step each log activity is (as conformance maps them), and which role does it: the
//! task's assignee, else its lane. An activity the design lacks is kept as a step of its own,
//! done by the role its resources mostly do elsewhere.

use std::collections::HashMap;

use crate::conformance::{mapping, net};
use crate::eventlog::EventLog;
use crate::model::{Duration, Id, NodeKind, Process, Trigger};

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub name: String,
    pub node: Option<Id>,
    pub role: String,
    pub sla: Option<Duration>,
    /// What the design makes the step wait for before it: duration timers on the way from the
    /// step before (a payment run every three days, a check-in on day 30). Not a queue.
    pub designed_wait: Duration,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Steps {
    /// The design's steps in label order, then the log's unmapped activities.
    pub steps: Vec<Step>,
    /// For each log activity (by index), its step.
    pub of_activity: Vec<usize>,
}

/// The role of an activity no step's role could be found for.
pub const NO_ROLE: &str = "(no role)";

pub fn steps_of(process: &Process, log: &EventLog) -> Steps {
    steps_mapped(process, log, &mapping::SavedMapping::new())
}

/// `steps_of`, with the activities mapped as the user saved it first.
pub fn steps_mapped(process: &Process, log: &EventLog, saved: &mapping::SavedMapping) -> Steps {
    let net = net::build(process);
    let mut steps: Vec<Step> = net
        .labels
        .iter()
        .enumerate()
        .map(|(label, name)| {
            let node = net
                .transitions
                .iter()
                .find(|t| t.label == Some(label as u32))
                .and_then(|t| process.node(t.node));
            let lane = node
                .and_then(|n| process.lane(n.lane))
                .map(|l| l.name.clone());
            let (role, sla) = match node.map(|n| &n.kind) {
                Some(NodeKind::Task { assignee, sla, .. }) if !assignee.trim().is_empty() => {
                    (assignee.clone(), *sla)
                }
                Some(NodeKind::Task { sla, .. }) => (lane.clone().unwrap_or_default(), *sla),
                _ => (lane.unwrap_or_default(), None),
            };
            Step {
                name: name.clone(),
                node: node.map(|n| n.id),
                designed_wait: node
                    .map_or_else(Duration::default, |n| designed_wait(process, n.id)),
                role: if role.is_empty() {
                    NO_ROLE.into()
                } else {
                    role
                },
                sla,
            }
        })
        .collect();
    let mapping = mapping::map_saved(&log.activities, &net.labels, saved);
    let mut of_activity = Vec::with_capacity(log.activities.len());
    for (activity, label) in log.activities.iter().zip(&mapping.label_of) {
        match label {
            Some(label) => of_activity.push(*label as usize),
            None => {
                of_activity.push(steps.len());
                steps.push(Step {
                    name: activity.clone(),
                    node: None,
                    role: NO_ROLE.into(),
                    sla: None,
                    designed_wait: Duration::default(),
                });
            }
        }
    }
    let roles = resource_roles(log, &steps, &of_activity);
    for (activity, &step) in of_activity.iter().enumerate() {
        if steps[step].node.is_some() {
            continue;
        }
        let mut votes: HashMap<&str, u64> = HashMap::new();
        for case in &log.cases {
            for event in case
                .events
                .iter()
                .filter(|e| e.activity as usize == activity)
            {
                if let Some(role) = event.resource.and_then(|r| roles.get(&r)) {
                    *votes.entry(role.as_str()).or_default() += 1;
                }
            }
        }
        if let Some((role, _)) = votes
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        {
            steps[step].role = role.to_string();
        }
    }
    Steps { steps, of_activity }
}

/// Each resource's role: the one whose steps of the design it did most often.
pub fn resource_roles(
    log: &EventLog,
    steps: &[Step],
    of_activity: &[usize],
) -> HashMap<u32, String> {
    let mut counts: HashMap<u32, HashMap<&str, u64>> = HashMap::new();
    for case in &log.cases {
        for event in &case.events {
            let step = &steps[of_activity[event.activity as usize]];
            if let (Some(resource), Some(_)) = (event.resource, step.node) {
                *counts
                    .entry(resource)
                    .or_default()
                    .entry(step.role.as_str())
                    .or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(resource, roles)| {
            roles
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(role, _)| (resource, role.to_string()))
        })
        .collect()
}

/// The duration timers (catch events, and boundary timers of the host before) on the one way
/// into `step` back to the step, start or join before it; a step with several ways in waits for
/// none the design says.
fn designed_wait(process: &Process, step: Id) -> Duration {
    let mut minutes = 0;
    let mut at = step;
    // Each node once: a loop of events and gateways ends the walk.
    for _ in 0..process.nodes.len() {
        let mut incoming = process.flows.iter().filter(|f| f.target == at);
        let (Some(flow), None) = (incoming.next(), incoming.next()) else {
            break;
        };
        let Some(before) = process.node(flow.source) else {
            break;
        };
        match &before.kind {
            NodeKind::Catch {
                trigger: Trigger::Timer { timer },
                ..
            }
            | NodeKind::Boundary {
                trigger: Trigger::Timer { timer },
                ..
            } => minutes += timer.wait().map_or(0, |d| d.minutes),
            NodeKind::Catch { .. } | NodeKind::Gateway { .. } | NodeKind::Throw { .. } => {}
            _ => break,
        }
        if matches!(before.kind, NodeKind::Boundary { .. }) {
            break;
        }
        at = before.id;
    }
    Duration::minutes(minutes)
}
