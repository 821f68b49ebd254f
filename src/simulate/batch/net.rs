//! The definition compiled for speed: nodes and flows by index, samplers built and parameters
//! checked once, conditions parsed once. Every parameter error surfaces here, before the run.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value as Json};

use super::arrivals::ArrivalStream;
use super::bpmn::{self, Compiler, Event, Repetition, Scope, Watch};
use super::calendar::WorkingHours;
use super::data::VariableSource;
use super::event_subs::{self, EventSub};
use super::quantity::Sampler;
use super::BatchError;
use crate::describe::Names;
use crate::expr::{self, Condition, ExprError};
use crate::model::{
    Distribution, Duration, Flow, GatewayKind, Id, NodeKind, Process, Timer, Trigger, Variable,
};
use crate::simulate::decide::{self, Decision};

/// How far probabilities may stray from summing to one (rounding in hand-written numbers).
const PROBABILITY_SLACK: f64 = 1e-6;

pub(super) struct Net {
    pub(super) process: String,
    pub(super) nodes: Vec<NetNode>,
    /// (source, target) node indices.
    pub(super) flows: Vec<(u32, u32)>,
    pub(super) starts: Vec<u32>,
    pub(super) roles: Vec<Pool>,
    pub(super) sources: Vec<VariableSource>,
    pub(super) variables: Vec<Variable>,
    pub(super) sla: Option<Duration>,
    pub(super) arrivals: ArrivalStream,
    /// Whether work per node is counted: an inclusive join's wait, a sub-process's completion
    /// and a boundary timer need to know where work is going on.
    pub(super) track_work: bool,
    /// The sub-processes with contents.
    pub(super) scopes: Vec<Scope>,
    /// The event sub-processes that start by themselves while their scope runs.
    pub(super) event_subs: Vec<EventSub>,
}

pub(super) struct NetNode {
    pub(super) id: Id,
    pub(super) name: String,
    pub(super) kind: NodeKind,
    pub(super) inputs: Vec<u32>,
    pub(super) outputs: Vec<u32>,
    pub(super) behaviour: Behaviour,
    /// The boundary timers watching this activity.
    pub(super) watches: Vec<Watch>,
}

pub(super) enum Behaviour {
    /// Start and end events: nothing takes time.
    Pass,
    Work(Work),
    /// A timer: minutes to wait.
    Wait(f64),
    /// A timer on the calendar (a date, a cycle, months): waits until it first fires after the
    /// token arrives, as the step engine's `timer_ends`.
    Until(Timer),
    Route(Route),
    Event(Event),
}

pub(super) struct Work {
    pub(super) role: u32,
    pub(super) duration: Sampler,
    /// The task's own rate, on top of the role's.
    pub(super) cost_per_hour: f64,
    pub(super) sla: Option<Duration>,
    /// Generators of the variables this task outputs, drawn again when it completes.
    pub(super) outputs: Vec<u32>,
    pub(super) repeat: Option<Repetition>,
}

pub(super) struct Route {
    pub(super) kind: GatewayKind,
    flows: Vec<Flow>,
    /// Net flow index of each of `flows`.
    targets: Vec<u32>,
    /// The conditions `decide` evaluates, in its order: (index into `flows`, parsed condition).
    conditions: Vec<(usize, Result<Condition, ExprError>)>,
    /// Net flow indices with cumulative probabilities, for when conditions do not decide.
    pub(super) chances: Option<Vec<(u32, f64)>>,
    /// The decision when instances carry no data: it is the same every time.
    constant: Option<Result<Vec<u32>, String>>,
}

/// The people of one role.
pub(super) struct Pool {
    pub(super) name: String,
    /// None: never short of people.
    pub(super) capacity: Option<u32>,
    pub(super) cost_per_hour: f64,
    pub(super) hours: Option<WorkingHours>,
}

/// Where a gateway sends the token.
pub(super) enum Routed {
    Flows(Vec<u32>),
    /// Conditions do not decide; pick by the probabilities.
    ByChance,
}

impl Route {
    pub(super) fn decide(
        &self,
        data: &Map<String, Json>,
        variables: &[Variable],
    ) -> Result<Routed, String> {
        if let Some(constant) = &self.constant {
            return match constant {
                Ok(flows) => Ok(Routed::Flows(flows.clone())),
                Err(reason) => self.by_chance(reason),
            };
        }
        match self.evaluate(data, variables) {
            Decision::Take { flows, .. } => Ok(Routed::Flows(self.indices(&flows))),
            Decision::Ask { reason, .. } => self.by_chance(&reason),
        }
    }

    fn by_chance(&self, reason: &str) -> Result<Routed, String> {
        match self.chances {
            Some(_) => Ok(Routed::ByChance),
            None => Err(reason.to_string()),
        }
    }

    /// The step engine's rule (`decide`) over the conditions parsed once.
    fn evaluate(&self, data: &Map<String, Json>, variables: &[Variable]) -> Decision {
        let outgoing: Vec<&Flow> = self.flows.iter().collect();
        let evaluations = self
            .conditions
            .iter()
            .map(|(index, parsed)| {
                let flow = &self.flows[*index];
                let result = parsed
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|c| expr::evaluate(c, data, variables));
                decide::evaluation(flow, flow.condition.as_deref().unwrap_or_default(), result)
            })
            .collect();
        match self.kind {
            GatewayKind::Exclusive | GatewayKind::EventBased => {
                decide::exclusive_given(&outgoing, evaluations)
            }
            GatewayKind::Inclusive | GatewayKind::Complex => {
                decide::inclusive_given(&outgoing, evaluations)
            }
            GatewayKind::Parallel => Decision::Take {
                flows: self.flows.iter().map(|f| f.id).collect(),
                reason: String::new(),
            },
        }
    }

    fn indices(&self, flows: &[Id]) -> Vec<u32> {
        flows
            .iter()
            .filter_map(|id| self.flows.iter().position(|f| f.id == *id))
            .map(|i| self.targets[i])
            .collect()
    }
}

/// Compiles `process` for a run starting at `start` (calendars need the weekday and hour).
pub(super) fn compile(process: &Process, start: DateTime<Utc>) -> Result<Net, BatchError> {
    let names = Names::of(process);
    let simulation = &process.info.simulation;
    let arrivals = ArrivalStream::new(simulation.arrivals.as_ref())?;
    let index_of: BTreeMap<Id, u32> = process
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i as u32))
        .collect();
    let flows: Vec<(u32, u32)> = process
        .flows
        .iter()
        .filter_map(|f| Some((*index_of.get(&f.source)?, *index_of.get(&f.target)?)))
        .collect();
    let flow_ids: Vec<&Flow> = process
        .flows
        .iter()
        .filter(|f| index_of.contains_key(&f.source) && index_of.contains_key(&f.target))
        .collect();

    let sources: Vec<VariableSource> = process
        .info
        .variables
        .iter()
        .filter_map(|v| Some((v, v.generated.as_ref()?)))
        .map(|(v, generator)| VariableSource::new(&v.name, generator, &process.info.variables))
        .collect::<Result<_, _>>()?;
    let roles = pools(process, start)?;

    let compiler = Compiler::new(process, &index_of);
    let mut nodes = Vec::with_capacity(process.nodes.len());
    let mut starts = Vec::new();
    for (i, node) in process.nodes.iter().enumerate() {
        let inputs: Vec<u32> = (0..flows.len() as u32)
            .filter(|f| flows[*f as usize].1 == i as u32)
            .collect();
        let outputs: Vec<u32> = (0..flows.len() as u32)
            .filter(|f| flows[*f as usize].0 == i as u32)
            .collect();
        let event = compiler.event(node)?;
        let behaviour = match &node.kind {
            _ if event.is_some() => Behaviour::Event(event.expect("matched as some")),
            NodeKind::Start { .. } => {
                if node.parent.is_none() {
                    starts.push(i as u32);
                }
                Behaviour::Pass
            }
            NodeKind::End { .. } => Behaviour::Pass,
            NodeKind::Call { .. } => {
                return Err(BatchError::CallActivity {
                    node: names.text(node.id),
                })
            }
            NodeKind::Catch { trigger } => match (trigger.wait(), trigger) {
                (Some(wait), _) => Behaviour::Wait(wait.minutes as f64),
                (None, Trigger::Timer { timer }) => Behaviour::Until(timer.clone()),
                (None, _) => Behaviour::Pass,
            },
            NodeKind::Throw { .. } | NodeKind::Boundary { .. } | NodeKind::SubProcess { .. } => {
                Behaviour::Pass
            }
            NodeKind::Task {
                assignee,
                duration,
                sla,
                outputs: sets,
                distribution,
                cost_per_hour,
                repeat,
                ..
            } => {
                let fixed = Distribution::Fixed {
                    value: duration.unwrap_or_default(),
                };
                let what = format!("the duration of {}", names.phrase(node.id));
                let cost = cost_per_hour.unwrap_or(0.0);
                if !(cost.is_finite() && cost >= 0.0) {
                    return Err(BatchError::BadCost {
                        node: names.text(node.id),
                        cost,
                    });
                }
                Behaviour::Work(Work {
                    role: roles
                        .iter()
                        .position(|r| r.name == *assignee)
                        .unwrap_or_default() as u32,
                    duration: Sampler::new(distribution.as_ref().unwrap_or(&fixed), &what, true)?,
                    cost_per_hour: cost,
                    sla: *sla,
                    outputs: sets
                        .iter()
                        .filter_map(|name| sources.iter().position(|s| s.name == *name))
                        .map(|i| i as u32)
                        .collect(),
                    repeat: bpmn::repetition(repeat.as_ref()),
                })
            }
            NodeKind::Gateway { gateway, .. } => {
                let out: Vec<Flow> = outputs
                    .iter()
                    .map(|f| flow_ids[*f as usize].clone())
                    .collect();
                Behaviour::Route(route(
                    &names.text(node.id),
                    *gateway,
                    out,
                    outputs.clone(),
                    &sources,
                    &process.info.variables,
                )?)
            }
        };
        nodes.push(NetNode {
            id: node.id,
            name: names.text(node.id),
            kind: node.kind.clone(),
            inputs,
            outputs,
            behaviour,
            watches: compiler.watches(node.id)?,
        });
    }
    if starts.is_empty() {
        return Err(BatchError::NoStart {
            process: process.info.name.clone(),
        });
    }
    for (f, flow) in flow_ids.iter().enumerate() {
        let source = &nodes[flows[f].0 as usize];
        let chooses = matches!(source.behaviour, Behaviour::Route(ref r) if r.kind != GatewayKind::Parallel)
            && source.outputs.len() > 1;
        if flow.probability.is_some() && !chooses {
            return Err(BatchError::StrayProbability {
                flow: crate::describe::ends(&names, flow.source, flow.target),
            });
        }
    }
    let scopes = compiler.scopes(&flows);
    let event_subs = event_subs::compile(process, &index_of, |s| compiler.throws_signal(s))?;
    let cancels = nodes.iter().any(|n| {
        !n.watches.is_empty()
            || matches!(
                n.behaviour,
                Behaviour::Event(Event::Throw(bpmn::Thrown::EndAll))
            )
    });
    let inclusive_joins = nodes.iter().any(|n| {
        n.inputs.len() > 1
            && matches!(
                n.kind,
                NodeKind::Gateway {
                    gateway: GatewayKind::Inclusive | GatewayKind::Complex,
                    ..
                }
            )
    });
    Ok(Net {
        process: process.info.name.clone(),
        nodes,
        flows,
        starts,
        roles,
        sources,
        variables: process.info.variables.clone(),
        sla: process.info.sla,
        arrivals,
        track_work: inclusive_joins || !scopes.is_empty() || cancels,
        scopes,
        event_subs,
    })
}

/// One pool per task assignee, sorted by name; a role in the settings that no task has is an
/// error (most likely a typo).
fn pools(process: &Process, start: DateTime<Utc>) -> Result<Vec<Pool>, BatchError> {
    let assignees: std::collections::BTreeSet<&str> = process
        .nodes
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Task { assignee, .. } => Some(assignee.as_str()),
            _ => None,
        })
        .collect();
    let roles = &process.info.simulation.roles;
    if let Some(unknown) = roles.keys().find(|r| !assignees.contains(r.as_str())) {
        return Err(BatchError::UnknownRole {
            role: unknown.clone(),
            known: assignees
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    assignees
        .into_iter()
        .map(|name| {
            let Some(role) = roles.get(name) else {
                return Ok(Pool {
                    name: name.to_string(),
                    capacity: None,
                    cost_per_hour: 0.0,
                    hours: None,
                });
            };
            let bad = |why: &str| BatchError::BadRole {
                role: name.to_string(),
                why: why.to_string(),
            };
            if role.capacity == 0 {
                return Err(bad("the capacity must be at least 1 person"));
            }
            if !(role.cost_per_hour.is_finite() && role.cost_per_hour >= 0.0) {
                return Err(bad("the cost per hour must be zero or more"));
            }
            let hours = role
                .calendar
                .as_ref()
                .map(|c| WorkingHours::new(name, c, start))
                .transpose()?;
            Ok(Pool {
                name: name.to_string(),
                capacity: Some(role.capacity),
                cost_per_hour: role.cost_per_hour,
                hours,
            })
        })
        .collect()
}

fn route(
    name: &str,
    kind: GatewayKind,
    flows: Vec<Flow>,
    targets: Vec<u32>,
    sources: &[VariableSource],
    variables: &[Variable],
) -> Result<Route, BatchError> {
    let conditions = flows
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.default)
        .filter_map(|(i, f)| Some((i, expr::parse(f.condition.as_deref()?))))
        .collect();
    let given: Vec<f64> = flows.iter().filter_map(|f| f.probability).collect();
    let chances = match given.is_empty() || kind == GatewayKind::Parallel || flows.len() < 2 {
        true => None,
        false => {
            let bad = |why: String| BatchError::BadProbability {
                gateway: name.to_string(),
                why,
            };
            if given.len() != flows.len() {
                return Err(bad(format!(
                    "{} of its {} ways out have a probability; give every one a probability",
                    given.len(),
                    flows.len()
                )));
            }
            if let Some(p) = given.iter().find(|p| !(0.0..=1.0).contains(*p)) {
                return Err(bad(format!(
                    "a probability must lie between 0 and 1, not {p}"
                )));
            }
            let sum: f64 = given.iter().sum();
            if (sum - 1.0).abs() > PROBABILITY_SLACK {
                return Err(BatchError::ProbabilitySum {
                    gateway: name.to_string(),
                    sum,
                });
            }
            let mut total = 0.0;
            Some(
                given
                    .iter()
                    .zip(&targets)
                    .map(|(p, t)| {
                        total += p;
                        (*t, total)
                    })
                    .collect(),
            )
        }
    };
    let mut route = Route {
        kind,
        flows,
        targets,
        conditions,
        chances,
        constant: None,
    };
    if sources.is_empty() {
        let constant = match route.evaluate(&Map::new(), variables) {
            Decision::Take { flows, .. } => Ok(route.indices(&flows)),
            Decision::Ask { reason, .. } => Err(reason),
        };
        if let (Err(reason), None) = (&constant, &route.chances) {
            return Err(BatchError::Undecided {
                gateway: name.to_string(),
                reason: format!("with no instance data, {reason}"),
            });
        }
        route.constant = Some(constant);
    }
    Ok(route)
}
