//! Small processes written as lines of text, so a validation fixture is one row of a table.
//!
//! `S:start -> A:task -> E:end` declares nodes on first mention (`name:kind`, optionally with
//! `{key=value,...}`) and connects them. `| label | condition` (or `| label | default`) after a
//! chain applies to its last flow. `@key=value` sets the process SLA (`@sla=2d`), the lane's
//! `@team=`, `@trigger=` and `@output=`, adds a lane (`@lane=Review:1`, name and order), or sets
//! the soundness state limit (`@limit=10`).
//!
//! `@pool=Name` adds a pool (the first is the process's own and holds the first lane; the others
//! are partners); `@lane=Name:order:Pool` puts a lane in a pool; `@message=A>B` draws a message
//! flow between nodes or pools. Node attributes `lane=Name` and `in=SubProcess` place a node.
//!
//! Kinds: start, end, task (attributes assignee, duration, sla, sets=a+b), xor, and, or (gateways), timer
//! (wait), call (process=known|missing|self|known-calling-back, version; "Payroll" calls the
//! fixture back with the last); the BPMN kinds of `kinds`. Every process declares `amount: number`,
//! `approved: boolean`, `department: text` and `start_date: date`, and is checked in a library
//! that holds "Payroll" (versions 1 and 2).

#![allow(dead_code)] // each test crate uses only part of the fixtures

pub mod cli;
pub mod constructs;
pub mod edits;
pub mod event_log;
pub mod event_subs;
pub mod forge;
pub mod keys;
pub mod kinds;
pub mod media;
pub mod plans;
pub mod readable;
pub mod shape;
pub mod tamper;
pub mod team;

use std::collections::{BTreeMap, HashMap};

use flowlane::model::{
    to_iso, Bounds, Category, Duration, Flow, GatewayKind, Id, Lane, Layout, MessageFlow, Node,
    NodeKind, Pool, Process, ProcessInfo, VarType, Variable, SCHEMA_VERSION,
};
use flowlane::validate::{Context, KnownProcess, Problem, Step};
use uuid::Uuid;

pub const KNOWN_PROCESS: Id = Uuid::from_u128(0xCA11);
const LANE: Id = Uuid::from_u128(0x1A4E);

pub fn build(text: &str) -> (Process, Context) {
    let mut b = Builder {
        process: base(),
        by_name: HashMap::new(),
        next_id: 1,
        context: Context {
            processes: Some(BTreeMap::from([(
                KNOWN_PROCESS,
                KnownProcess {
                    name: "Payroll".into(),
                    versions: vec![1, 2],
                    calls: Vec::new(),
                },
            )])),
            ..Context::default()
        },
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        b.line(line);
    }
    (b.process, b.context)
}

/// Validates a fixture in its library context.
pub fn problems(text: &str) -> Vec<Problem> {
    let (process, context) = build(text);
    flowlane::validate::validate(&process, &context)
}

pub fn codes(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.code.as_str()).collect()
}

/// The variables every fixture declares: one of each type.
pub fn declared() -> Vec<Variable> {
    [
        ("amount", VarType::Number),
        ("approved", VarType::Boolean),
        ("department", VarType::Text),
        ("start_date", VarType::Date),
    ]
    .into_iter()
    .map(|(name, var_type)| Variable::new(name, var_type))
    .collect()
}

/// A task named `name` in `lane`, assigned to a clerk, with nothing else set.
pub fn task(id: Id, lane: Id, name: &str) -> Node {
    Node {
        id,
        lane,
        name: name.into(),
        kind: NodeKind::task("Clerk"),
        parent: None,
    }
}

fn base() -> Process {
    let mut p = Process::new(Uuid::from_u128(0xF1), "Fixture");
    p.schema = SCHEMA_VERSION;
    p.info = ProcessInfo {
        name: "Fixture".into(),
        outcome: "Checked".into(),
        category: Category::Operational,
        owner: "Tests".into(),
        sla: None,
        variables: declared(),
        simulation: Default::default(),
    };
    p.lanes = vec![Lane {
        id: LANE,
        name: "Work".into(),
        team: "Team".into(),
        trigger: "Asked".into(),
        output: "Done".into(),
        order: 0,
        pool: None,
    }];
    p.layout = Layout {
        lanes: BTreeMap::from([(LANE, 160.0)]),
        ..Layout::default()
    };
    p
}

impl Builder {
    fn lane_named(&self, name: &str) -> Id {
        let lane = self.process.lanes.iter().find(|l| l.name == name);
        lane.unwrap_or_else(|| panic!("no lane {name}")).id
    }
}

struct Builder {
    process: Process,
    by_name: HashMap<String, Id>,
    next_id: u128,
    context: Context,
}

impl Builder {
    fn id(&mut self) -> Id {
        self.next_id += 1;
        Uuid::from_u128(self.next_id)
    }

    fn line(&mut self, line: &str) {
        if let Some(setting) = line.strip_prefix('@') {
            let (key, value) = setting.split_once('=').expect("@key=value");
            match key {
                "sla" => self.process.info.sla = Some(value.parse().expect("a duration")),
                "team" => self.process.lanes[0].team = value.into(),
                "trigger" => self.process.lanes[0].trigger = value.into(),
                "output" => self.process.lanes[0].output = value.into(),
                "limit" => self.context.state_limit = value.parse().expect("a number"),
                "pool" => {
                    let id = self.id();
                    let own = self.process.pools.is_empty();
                    if own {
                        self.process.lanes[0].pool = Some(id);
                    }
                    self.process.pools.push(Pool {
                        id,
                        name: value.into(),
                        partner: !own,
                        order: self.process.pools.len() as u32,
                    });
                    self.by_name.insert(value.into(), id);
                }
                "message" => {
                    let (from, to) = value.split_once('>').expect("@message=From>To");
                    let id = self.id();
                    self.process.messages.push(MessageFlow {
                        id,
                        source: self.by_name[from],
                        target: self.by_name[to],
                        name: String::new(),
                    });
                }
                "lane" => {
                    let mut parts = value.split(':');
                    let (name, order) = (
                        parts.next().unwrap_or_default(),
                        parts.next().expect("@lane=Name:order[:Pool]"),
                    );
                    let pool = parts.next().map(|p| self.by_name[p]);
                    let id = self.id();
                    self.process.lanes.push(Lane {
                        id,
                        name: name.into(),
                        team: "Team".into(),
                        trigger: "Asked".into(),
                        output: "Done".into(),
                        order: order.parse().expect("an order"),
                        pool,
                    });
                    self.process.layout.lanes.insert(id, 160.0);
                }
                other => panic!("unknown setting @{other}"),
            }
            return;
        }
        let mut parts = line.split('|').map(str::trim);
        let chain = parts.next().unwrap_or_default();
        let label = parts.next();
        let condition = parts.next();
        let nodes: Vec<Id> = chain
            .split("->")
            .map(|spec| self.node(spec.trim()))
            .collect();
        for pair in nodes.windows(2) {
            let id = self.id();
            self.process.flows.push(Flow::between(id, pair[0], pair[1]));
        }
        if let Some(flow) = self.process.flows.last_mut().filter(|_| nodes.len() > 1) {
            flow.label = label.unwrap_or_default().into();
            match condition {
                Some("default") => flow.default = true,
                Some("") | None => {}
                Some(text) => flow.condition = Some(text.into()),
            }
        }
    }

    /// `name`, `name:kind` or `name:kind{key=value,...}`; declared on first mention.
    fn node(&mut self, spec: &str) -> Id {
        let (name, kind) = match spec.split_once(':') {
            Some((name, kind)) => (name.trim(), Some(kind.trim())),
            None => (spec, None),
        };
        if let Some(&id) = self.by_name.get(name) {
            assert!(kind.is_none(), "{name} is declared twice");
            return id;
        }
        let kind = kind.unwrap_or_else(|| panic!("{name} is used before it is declared"));
        let (kind, attrs) = match kind.split_once('{') {
            Some((kind, rest)) => (kind, rest.trim_end_matches('}')),
            None => (kind, ""),
        };
        let attrs: HashMap<&str, &str> = attrs
            .split(',')
            .filter(|a| !a.is_empty())
            .map(|a| a.split_once('=').expect("key=value"))
            .collect();
        let duration = |key: &str, default: &str| -> Option<Duration> {
            let text = attrs.get(key).copied().unwrap_or(default);
            (!text.is_empty()).then(|| text.parse().expect("a duration"))
        };
        let kind = match kind {
            "task" => NodeKind::Task {
                assignee: attrs.get("assignee").copied().unwrap_or("Clerk").into(),
                duration: duration("duration", "1h"),
                sla: duration("sla", "1d"),
                description: String::new(),
                outputs: attrs
                    .get("sets")
                    .map(|names| names.split('+').map(String::from).collect())
                    .unwrap_or_default(),
                distribution: None,
                cost_per_hour: None,
                message: Default::default(),
                repeat: kinds::repeat(&attrs),
                task: Default::default(),
            },
            "xor" => gateway(GatewayKind::Exclusive),
            "and" => gateway(GatewayKind::Parallel),
            "or" => gateway(GatewayKind::Inclusive),
            "timer" => NodeKind::wait(&to_iso(duration("wait", "1d").unwrap_or_default())),
            "call" => NodeKind::Call {
                process: match attrs.get("process").copied() {
                    Some("known") | None => KNOWN_PROCESS,
                    Some("self") => self.process.id,
                    Some("known-calling-back") => {
                        let library = self.context.processes.as_mut().expect("a library");
                        let payroll = library.get_mut(&KNOWN_PROCESS).expect("Payroll");
                        payroll.calls = vec![self.process.id];
                        KNOWN_PROCESS
                    }
                    Some(_) => Uuid::from_u128(0xDEAD),
                },
                version: attrs.get("version").map(|v| v.parse().expect("a number")),
                repeat: None,
            },
            other => kinds::kind(other, &attrs, &self.by_name)
                .unwrap_or_else(|| panic!("unknown kind {other}")),
        };
        let lane = match attrs.get("lane") {
            Some(name) => self.lane_named(name),
            None => LANE,
        };
        let parent = attrs.get("in").map(|name| self.by_name[*name]);
        let id = self.id();
        let x = 120.0 * self.process.nodes.len() as f64;
        self.process.nodes.push(Node {
            id,
            lane,
            name: name.into(),
            kind,
            parent,
        });
        self.process.layout.nodes.insert(
            id,
            Bounds {
                x,
                y: 40.0,
                w: 100.0,
                h: 60.0,
            },
        );
        self.by_name.insert(name.into(), id);
        id
    }
}

fn gateway(gateway: GatewayKind) -> NodeKind {
    NodeKind::Gateway {
        gateway,
        condition: None,
    }
}

/// Plays a counterexample path on the process and checks every step is a legal firing: the
/// tokens it consumes are there. Returns the tokens left at the end, per flow.
pub fn replay(process: &Process, path: &[Step]) -> BTreeMap<Id, u32> {
    let mut tokens: BTreeMap<Id, u32> = BTreeMap::new();
    for (i, step) in path.iter().enumerate() {
        let node = process
            .node(step.node)
            .expect("the path names nodes of the process");
        if i == 0 {
            assert!(
                matches!(node.kind, NodeKind::Start { .. }),
                "a path begins at a start"
            );
        }
        // A boundary event takes its tokens from its host (and from inside a sub-process host).
        let boundary = matches!(node.kind, NodeKind::Boundary { .. });
        for flow in &step.consumed {
            let target = process.flow(*flow).map(|f| f.target);
            assert!(
                boundary || target == Some(node.id),
                "step {i} consumes from its own flows"
            );
            let count = tokens.get_mut(flow).filter(|c| **c > 0);
            *count.unwrap_or_else(|| panic!("step {i} consumes a token that is not there")) -= 1;
        }
        for flow in &step.produced {
            assert_eq!(process.flow(*flow).map(|f| f.source), Some(node.id));
            *tokens.entry(*flow).or_default() += 1;
        }
    }
    tokens.retain(|_, c| *c > 0);
    tokens
}
