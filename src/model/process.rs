use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    Artifact, Association, Duration, Flow, Foreign, Generator, Id, Lane, Layout, MessageFlow, Node,
    NodeKind, Pool, Simulation,
};

/// Version of the definition format. A definition with a higher number is refused, never guessed at.
/// Schema 2 models BPMN events, sub-processes, pools, message flows and artifacts; schema 3 keeps
/// each variable's generated data on the variable. Older definitions are read through `migrate`.
pub const SCHEMA_VERSION: u32 = 3;

/// A process: the cross-team coordination that delivers an outcome, drawn as lanes of workflows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Process {
    pub schema: u32,
    pub id: Id,
    pub info: ProcessInfo,
    pub lanes: Vec<Lane>,
    pub nodes: Vec<Node>,
    pub flows: Vec<Flow>,
    /// The process's own pool and partners' pools; none when the process is drawn without one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Pool>>", optional)]
    pub pools: Vec<Pool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<MessageFlow>>", optional)]
    pub messages: Vec<MessageFlow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Artifact>>", optional)]
    pub artifacts: Vec<Artifact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Association>>", optional)]
    pub associations: Vec<Association>,
    pub layout: Layout,
    /// What an imported BPMN file held that Flowlane does not model, written back on export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub foreign: Option<Foreign>,
}

/// What the process is for and who answers for it; one record so it is edited and diffed as one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ProcessInfo {
    pub name: String,
    pub outcome: String,
    pub category: Category,
    pub owner: String,
    /// Target time for one instance, start to end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sla: Option<Duration>,
    /// Instance data that conditions may read, sorted by name in canonical form.
    #[serde(default)]
    pub variables: Vec<Variable>,
    /// Arrivals, resource pools and message waits for batch simulation.
    #[serde(default, skip_serializing_if = "Simulation::is_empty")]
    #[ts(as = "Option<Simulation>", optional)]
    pub simulation: Simulation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Category {
    Operational,
    Management,
    Support,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Variable {
    pub name: String,
    #[serde(rename = "type")]
    pub var_type: VarType,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub description: String,
    /// How a batch simulation draws its value for each instance (and again whenever a task that
    /// outputs it completes), so decisions on it go as they would on real data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub generated: Option<Generator>,
}

impl Variable {
    /// A variable with no description and no generated data.
    pub fn new(name: &str, var_type: VarType) -> Variable {
        Variable {
            name: name.to_string(),
            var_type,
            description: String::new(),
            generated: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VarType {
    Number,
    Text,
    Boolean,
    Date,
    /// Items as text (reviewers, line items): a multi-instance activity runs once per item.
    List,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Operational => "operational",
            Category::Management => "management",
            Category::Support => "support",
        }
    }
}

impl VarType {
    pub fn as_str(self) -> &'static str {
        match self {
            VarType::Number => "number",
            VarType::Text => "text",
            VarType::Boolean => "boolean",
            VarType::Date => "date",
            VarType::List => "list",
        }
    }
}

impl Process {
    /// The id a lane, node or flow had in the BPMN file it was imported from, when it is not
    /// Flowlane's own; what a script joins on to compare with another tool.
    pub fn bpmn_id(&self, id: Id) -> Option<&str> {
        self.foreign.as_ref()?.bpmn_id(id)
    }

    /// An empty process with one lane, ready to draw in.
    pub fn new(id: Id, name: &str) -> Self {
        Process {
            schema: SCHEMA_VERSION,
            id,
            info: ProcessInfo {
                name: name.to_string(),
                outcome: String::new(),
                category: Category::Operational,
                owner: String::new(),
                sla: None,
                variables: Vec::new(),
                simulation: Simulation::default(),
            },
            lanes: Vec::new(),
            nodes: Vec::new(),
            flows: Vec::new(),
            pools: Vec::new(),
            messages: Vec::new(),
            artifacts: Vec::new(),
            associations: Vec::new(),
            layout: Layout::default(),
            foreign: None,
        }
    }

    pub fn lane(&self, id: Id) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }
    pub fn node(&self, id: Id) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
    /// The processes its call activities run, each with the version it pins (`None`: current).
    pub fn calls(&self) -> impl Iterator<Item = (Id, Option<u32>)> + '_ {
        self.nodes.iter().filter_map(|n| match n.kind {
            NodeKind::Call {
                process, version, ..
            } => Some((process, version)),
            _ => None,
        })
    }
    pub fn flow(&self, id: Id) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    pub fn pool(&self, id: Id) -> Option<&Pool> {
        self.pools.iter().find(|p| p.id == id)
    }

    /// Lanes top to bottom, as drawn: by pool, then by order within the pool.
    pub fn lanes_in_order(&self) -> Vec<&Lane> {
        let mut lanes: Vec<&Lane> = self.lanes.iter().collect();
        lanes.sort_by_key(|l| (self.pool_rank(l.pool), l.order, l.id));
        lanes
    }

    /// Pools top to bottom, as drawn.
    pub fn pools_in_order(&self) -> Vec<&Pool> {
        let mut pools: Vec<&Pool> = self.pools.iter().collect();
        pools.sort_by_key(|p| (p.order, p.id));
        pools
    }

    fn pool_rank(&self, pool: Option<Id>) -> (u32, Option<Id>) {
        match pool.and_then(|id| self.pool(id)) {
            Some(p) => (p.order, Some(p.id)),
            None => (0, None),
        }
    }

    /// The nodes directly inside sub-process `parent` (`None`: at the process level).
    pub fn children(&self, parent: Option<Id>) -> impl Iterator<Item = &Node> + '_ {
        self.nodes.iter().filter(move |n| n.parent == parent)
    }

    /// The boundary events attached to activity `host`.
    pub fn boundaries(&self, host: Id) -> impl Iterator<Item = &Node> + '_ {
        self.nodes
            .iter()
            .filter(move |n| matches!(n.kind, NodeKind::Boundary { host: h, .. } if h == host))
    }
}
