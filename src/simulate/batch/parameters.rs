//! What-if parameter sets: batch simulation settings kept apart from a definition and matched to
//! it by name, so one definition can be tried under several sets, one set can be tried on two
//! versions, and the sample definitions keep their bytes and hashes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::names;
use crate::model::{Arrivals, Distribution, Duration, Generator, Id, NodeKind, Process, Role};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ParameterSet {
    /// The process the set was written for; informative, names decide what applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub process: Option<Id>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub description: String,
    /// Arrivals, role pools, data generators and message waits; each part given replaces the
    /// definition's.
    #[serde(default, skip_serializing_if = "SetSimulation::is_empty")]
    #[ts(as = "Option<SetSimulation>", optional)]
    pub simulation: SetSimulation,
    /// Per task, by name (or id).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "names::tasks"
    )]
    #[ts(as = "Option<BTreeMap<String, TaskParameters>>", optional)]
    pub tasks: BTreeMap<String, TaskParameters>,
    /// Per gateway (by name or id), the probability of each way out (by label, target name or
    /// flow id).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "names::decisions"
    )]
    #[ts(as = "Option<BTreeMap<String, BTreeMap<String, f64>>>", optional)]
    pub branches: BTreeMap<String, BTreeMap<String, f64>>,
}

/// The process-wide part of a set: the definition's `Simulation`, and generated data by variable
/// name (a definition keeps that on each variable).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetSimulation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub arrivals: Option<Arrivals>,
    /// Resource pools by role, the role being a task's `assignee`.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "names::roles"
    )]
    #[ts(as = "Option<BTreeMap<String, Role>>", optional)]
    pub roles: BTreeMap<String, Role>,
    /// How each variable is drawn, by its name.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "names::variables"
    )]
    #[ts(as = "Option<BTreeMap<String, Generator>>", optional)]
    pub data: BTreeMap<String, Generator>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<String, Distribution<Duration>>>", optional)]
    pub messages: BTreeMap<String, Distribution<Duration>>,
}

impl SetSimulation {
    pub fn is_empty(&self) -> bool {
        self.arrivals.is_none()
            && self.roles.is_empty()
            && self.data.is_empty()
            && self.messages.is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TaskParameters {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub distribution: Option<Distribution<Duration>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cost_per_hour: Option<f64>,
}

/// Whether a definition carries any simulation parameter of its own.
pub fn has_parameters(process: &Process) -> bool {
    !process.info.simulation.is_empty()
        || process.info.variables.iter().any(|v| v.generated.is_some())
        || process.flows.iter().any(|f| f.probability.is_some())
        || process.nodes.iter().any(|n| {
            matches!(&n.kind, NodeKind::Task { distribution, cost_per_hour, .. }
                if distribution.is_some() || cost_per_hour.is_some())
        })
}

/// `process` with `set` applied, and the names in `set` this definition does not have (a set
/// written for v2 names steps v1 lacks; a typo shows up here too). Roles no task of this version
/// is assigned to are left out for the same reason.
pub fn apply(process: &Process, set: &ParameterSet) -> (Process, Vec<String>) {
    let mut out = process.clone();
    let mut unused = Vec::new();
    let given = &set.simulation;
    let simulation = &mut out.info.simulation;
    if given.arrivals.is_some() {
        simulation.arrivals = given.arrivals.clone();
    }
    let assignees: Vec<String> = process
        .nodes
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Task { assignee, .. } => Some(assignee.clone()),
            _ => None,
        })
        .collect();
    for (role, pool) in &given.roles {
        match assignees.contains(role) {
            true => {
                simulation.roles.insert(role.clone(), pool.clone());
            }
            false => unused.push(format!("role \"{role}\"")),
        }
    }
    for (message, wait) in &given.messages {
        simulation.messages.insert(message.clone(), wait.clone());
    }
    for (name, generator) in &given.data {
        match out.info.variables.iter_mut().find(|v| v.name == *name) {
            Some(variable) => variable.generated = Some(generator.clone()),
            None => unused.push(format!("variable `{name}`")),
        }
    }
    let named = |name: &str, id: Id, query: &str| name == query || id.to_string() == query;
    for (query, task) in &set.tasks {
        let node = out
            .nodes
            .iter_mut()
            .filter(|n| matches!(n.kind, NodeKind::Task { .. }))
            .find(|n| named(&n.name, n.id, query));
        match node.map(|n| &mut n.kind) {
            Some(NodeKind::Task {
                distribution,
                cost_per_hour,
                ..
            }) => {
                if task.distribution.is_some() {
                    distribution.clone_from(&task.distribution);
                }
                if task.cost_per_hour.is_some() {
                    *cost_per_hour = task.cost_per_hour;
                }
            }
            _ => unused.push(format!("task \"{query}\"")),
        }
    }
    for (query, ways) in &set.branches {
        let Some(gateway) = process
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Gateway { .. }))
            .find(|n| named(&n.name, n.id, query))
        else {
            unused.push(format!("gateway \"{query}\""));
            continue;
        };
        for (way, probability) in ways {
            let flow = out
                .flows
                .iter_mut()
                .filter(|f| f.source == gateway.id)
                .find(|f| {
                    let target = process.node(f.target).map_or("", |n| n.name.as_str());
                    named(&f.label, f.id, way) || target == way
                });
            match flow {
                Some(flow) => flow.probability = Some(*probability),
                None => unused.push(format!("way \"{way}\" out of \"{query}\"")),
            }
        }
    }
    (out, unused)
}

/// A definition ready to simulate, with where its parameters came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameterised {
    pub process: Process,
    /// In words: the file, "the definition's own", the shipped sample set, or none.
    pub source: String,
    /// Names in the set this definition does not have (see `apply`).
    pub unused: Vec<String>,
}

/// The parameters a run uses: `explicit` (a name and a set) when given, else the definition's
/// own, else the set shipped with the sample the definition is, else none (every default).
pub fn parameterised(
    definition: &Process,
    explicit: Option<(&str, &ParameterSet)>,
) -> Parameterised {
    let with = |name: String, set: &ParameterSet| {
        let (process, unused) = apply(definition, set);
        Parameterised {
            process,
            source: name,
            unused,
        }
    };
    if let Some((name, set)) = explicit {
        return with(name.to_string(), set);
    }
    if has_parameters(definition) {
        return Parameterised {
            process: definition.clone(),
            source: "the definition's own".to_string(),
            unused: Vec::new(),
        };
    }
    match crate::samples::parameters(definition.id) {
        Some((name, set)) => with(
            format!("samples/simulation/{name} (shipped with the sample)"),
            &set,
        ),
        None => Parameterised {
            process: definition.clone(),
            source: "none (one instance an hour, no queues)".to_string(),
            unused: Vec::new(),
        },
    }
}
