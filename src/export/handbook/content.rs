//! The handbook's content, gathered once from the definition for both renderings.

use std::collections::HashMap;

use super::{events, Reality, Source};
use crate::describe::Names;
use crate::export::walk::{flow_order, lane_order, outgoing_flows};
use crate::fields::{self, DiffField, Value};
use crate::model::{Duration, GatewayKind, Id, Node, NodeKind};
use crate::store::{TagRecord, VersionInfo};

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub name: String,
    pub outcome: String,
    pub category: String,
    pub owner: String,
    pub sla: Option<Duration>,
    /// The saved version shown, if any.
    pub version: Option<VersionInfo>,
    /// Instance data the decisions read: name, type, meaning and generated data (empty when none).
    pub variables: Vec<(String, String, String, String)>,
    pub lanes: Vec<LaneSection>,
    pub history: Vec<VersionInfo>,
    pub tags: Vec<TagRecord>,
    pub reality: Option<Reality>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LaneSection {
    pub name: String,
    pub team: String,
    pub trigger: String,
    pub output: String,
    /// Steps of other lanes that hand work to this one: (step, its lane).
    pub entered_from: Vec<(String, String)>,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub name: String,
    pub kind: StepKind,
    /// Where the work goes next, when that is worth saying: every way out of a decision or split,
    /// hand-offs to other lanes, loops back, and ends of the lane's own path.
    pub ways_out: Vec<WayOut>,
    /// What the boundary events on it do, one sentence each ("If not done within 3 days:
    /// escalate to …").
    pub watches: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepKind {
    Start,
    End {
        outcome: String,
    },
    /// The task's fields as the field table reads them, in table order.
    Task {
        fields: Vec<(DiffField, Value)>,
    },
    /// An exclusive or inclusive gateway with more than one way out.
    Decision {
        gateway: GatewayKind,
    },
    /// A parallel gateway with more than one way out.
    Split,
    /// A gateway that waits for (parallel) or merges (exclusive, inclusive) several paths.
    Join {
        gateway: GatewayKind,
    },
    Timer {
        wait: Duration,
    },
    /// An event or sub-process, described in words.
    Event {
        text: String,
    },
    Call {
        /// The called process's name; none when it is not in the library.
        process: Option<String>,
        version: Option<u32>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct WayOut {
    pub target: String,
    /// The target's lane when the flow hands the work to another lane.
    pub hand_off: Option<String>,
    /// The target comes earlier in this lane's steps: the work goes back (a loop).
    pub back: bool,
    pub label: String,
    pub condition: Option<String>,
    pub default: bool,
}

pub fn document(source: &Source) -> Document {
    let p = source.process;
    let outgoing = outgoing_flows(p);
    let global = flow_order(p, &outgoing);
    let nodes: HashMap<Id, &Node> = p.nodes.iter().map(|n| (n.id, n)).collect();
    let names = Names::of(p);
    let mut incoming: HashMap<Id, usize> = HashMap::new();
    for f in &p.flows {
        *incoming.entry(f.target).or_default() += 1;
    }
    let lanes = p
        .lanes_in_order()
        .into_iter()
        .map(|lane| {
            let order = lane_order(p, lane.id, &outgoing, &global);
            let position: HashMap<Id, usize> =
                order.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
            let mut entered_from: Vec<(String, String)> = Vec::new();
            for f in &p.flows {
                let (Some(s), Some(t)) = (nodes.get(&f.source), nodes.get(&f.target)) else {
                    continue;
                };
                if t.lane == lane.id && s.lane != lane.id {
                    let from = (names.text(s.id), names.text(s.lane));
                    if !entered_from.contains(&from) {
                        entered_from.push(from);
                    }
                }
            }
            entered_from.sort();
            let steps = order
                .iter()
                .enumerate()
                .map(|(index, node)| {
                    let flows = outgoing.get(&node.id).map_or(&[][..], Vec::as_slice);
                    let kind = step_kind(
                        node,
                        flows.len(),
                        incoming.get(&node.id).copied().unwrap_or(0),
                        source,
                    );
                    let branching = matches!(kind, StepKind::Decision { .. } | StepKind::Split);
                    let mut ways_out: Vec<WayOut> = flows
                        .iter()
                        .filter_map(|f| {
                            let target = nodes.get(&f.target)?;
                            let hand_off =
                                (target.lane != lane.id).then(|| names.text(target.lane));
                            let back = position.get(&target.id).is_some_and(|&i| i <= index);
                            // The next step of the same lane needs no mention.
                            let plain = hand_off.is_none()
                                && !back
                                && f.condition.is_none()
                                && f.label.is_empty();
                            (branching || !plain).then(|| WayOut {
                                target: names.text(target.id),
                                hand_off,
                                back,
                                label: f.label.clone(),
                                condition: f.condition.clone(),
                                default: f.default,
                            })
                        })
                        .collect();
                    // Conditions first, the default last: the order a reader checks them in.
                    ways_out.sort_by(|a, b| {
                        (a.default, a.condition.is_none(), &a.target).cmp(&(
                            b.default,
                            b.condition.is_none(),
                            &b.target,
                        ))
                    });
                    Step {
                        name: names.text(node.id),
                        kind,
                        ways_out,
                        watches: events::watches(p, &names, node),
                    }
                })
                .collect();
            LaneSection {
                name: names.text(lane.id),
                team: lane.team.clone(),
                trigger: lane.trigger.clone(),
                output: lane.output.clone(),
                entered_from,
                steps,
            }
        })
        .collect();
    let info = &p.info;
    Document {
        name: info.name.clone(),
        outcome: info.outcome.clone(),
        category: info.category.as_str().to_string(),
        owner: info.owner.clone(),
        sla: info.sla,
        version: source.version.cloned(),
        variables: info
            .variables
            .iter()
            .map(|v| {
                (
                    v.name.clone(),
                    v.var_type.as_str().to_string(),
                    v.description.clone(),
                    fields::value(&fields::VARIABLE, v, DiffField::Generated)
                        .diffed()
                        .unwrap_or_default(),
                )
            })
            .collect(),
        lanes,
        history: source.history.to_vec(),
        tags: source.tags.to_vec(),
        reality: source.reality.cloned(),
    }
}

/// A timer that waits a plain duration keeps its short form (`waits 30d`).
fn is_plain_wait(node: &Node) -> bool {
    matches!(&node.kind, NodeKind::Catch { trigger } if trigger.wait().is_some())
}

fn step_kind(node: &Node, outgoing: usize, incoming: usize, source: &Source) -> StepKind {
    let waits = !is_plain_wait(node) && !node.kind.is_activity();
    if let Some(text) = events::waits(source.process, node).filter(|_| waits) {
        return StepKind::Event { text };
    }
    match &node.kind {
        NodeKind::Start { .. } => StepKind::Start,
        NodeKind::End { outcome, .. } => StepKind::End {
            outcome: outcome.clone(),
        },
        NodeKind::Task { .. } => StepKind::Task {
            fields: fields::kind_fields(&node.kind)
                .iter()
                .map(|f| (f.field, (f.value)(&node.kind)))
                .collect(),
        },
        NodeKind::Gateway { gateway, .. } => {
            if outgoing > 1 {
                match gateway {
                    GatewayKind::Parallel => StepKind::Split,
                    _ => StepKind::Decision { gateway: *gateway },
                }
            } else if incoming > 1 {
                StepKind::Join { gateway: *gateway }
            } else {
                StepKind::Decision { gateway: *gateway }
            }
        }
        NodeKind::Catch { trigger } if trigger.wait().is_some() => StepKind::Timer {
            wait: trigger.wait().unwrap_or_default(),
        },
        NodeKind::Catch { trigger } => StepKind::Event {
            text: format!("Waits for {}", events::awaited(trigger)),
        },
        NodeKind::Throw { trigger } => StepKind::Event {
            text: format!("sends {}", trigger.describe()),
        },
        NodeKind::Boundary { trigger, host, .. } => StepKind::Event {
            text: format!(
                "on {} while “{}” runs",
                trigger.describe(),
                Names::of(source.process).text(*host)
            ),
        },
        NodeKind::SubProcess { .. } => StepKind::Event {
            text: "runs a sub-process".to_string(),
        },
        NodeKind::Call {
            process, version, ..
        } => StepKind::Call {
            process: source.process_names.get(process).cloned(),
            version: *version,
        },
    }
}
