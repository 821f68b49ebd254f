//! The token game's rules, shared by the step engine and the batch simulation so both play by one
//! set: when a node may fire and what it consumes, whether an inclusive join still waits, where a
//! firing sends its tokens, and when a step or the process breaches its SLA. Gateway decisions
//! are the other shared half (`decide`).

use serde_json::{Map, Value as Json};

use super::SimError;
use crate::model::{Duration, GatewayKind, Instances, NodeKind, Repeat, Trigger};

/// What a firing consumes from the node's incoming flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Consume {
    /// One token, from one marked flow.
    One,
    /// One token from every marked flow (a join).
    EveryMarked,
}

/// Whether a node with `inputs` incoming flows, `marked` of which hold a token, may fire, and
/// what it consumes. `more_can_arrive` is asked only for an inclusive join: whether a token can
/// still arrive on an unmarked input (then the join waits for it, BPMN 13.4.3).
pub(super) fn firing(
    kind: &NodeKind,
    inputs: usize,
    marked: usize,
    more_can_arrive: impl FnOnce() -> bool,
) -> Option<Consume> {
    if marked == 0 {
        return None;
    }
    match kind {
        NodeKind::Gateway {
            gateway: GatewayKind::Parallel,
            ..
        } if inputs > 1 => (marked == inputs).then_some(Consume::EveryMarked),
        NodeKind::Gateway {
            gateway: GatewayKind::Inclusive | GatewayKind::Complex,
            ..
        } if inputs > 1 => (marked == inputs || !more_can_arrive()).then_some(Consume::EveryMarked),
        _ => Some(Consume::One),
    }
}

/// Where a firing sends tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Emit {
    /// On every outgoing flow (start, task, timer, a returning call).
    EveryOut,
    /// Nowhere: the token ends here.
    Nothing,
    /// Where the gateway's decision says (`decide`).
    Decided(GatewayKind),
}

pub(super) fn emits(kind: &NodeKind) -> Emit {
    match kind {
        NodeKind::End { .. } => Emit::Nothing,
        NodeKind::Gateway { gateway, .. } => Emit::Decided(*gateway),
        _ => Emit::EveryOut,
    }
}

/// How long `times` instances of `once` take one after another.
pub(super) fn times_over(once: Duration, times: u64) -> Result<Duration, SimError> {
    once.minutes
        .checked_mul(times)
        .map(Duration::minutes)
        .ok_or(SimError::ClockOverflow)
}

/// Iterations after which a loop activity is taken to loop for ever.
pub const MAX_LOOPS: u32 = 1000;

/// How many times a multi-instance activity runs, and whether side by side (`parallel`): the
/// `count` (a whole number, or the name of a number variable) or one per item of the
/// `collection` list variable. `None` for a loop or a plain activity.
pub(super) fn instances(
    repeat: Option<&Repeat>,
    data: &Map<String, Json>,
) -> Result<Option<(u64, bool)>, String> {
    let (count, collection, parallel) = match repeat {
        Some(Repeat::Parallel(Instances {
            count, collection, ..
        })) => (count, collection, true),
        Some(Repeat::Sequential(Instances {
            count, collection, ..
        })) => (count, collection, false),
        _ => return Ok(None),
    };
    let times = match (count.as_deref(), collection.as_deref()) {
        (_, Some(list)) => match data.get(list) {
            Some(Json::Array(items)) => items.len() as u64,
            _ => return Err(format!("`{list}` holds no list to run once per item of")),
        },
        (Some(count), None) => match count.trim().parse::<u64>() {
            Ok(n) => n,
            Err(_) => data
                .get(count.trim())
                .and_then(Json::as_f64)
                .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                .map(|n| n as u64)
                .ok_or_else(|| {
                    format!("the count `{count}` is neither a whole number nor a number variable with a whole value")
                })?,
        },
        (None, None) => return Err("it says neither how many times nor over which list".into()),
    };
    Ok(Some((times, parallel)))
}

/// The variable a multi-instance activity over a collection binds and the items, one per
/// instance in order; none without an item variable or a list.
pub(super) fn items(
    repeat: Option<&Repeat>,
    data: &Map<String, Json>,
) -> Option<(String, Vec<Json>)> {
    let (Some(Repeat::Parallel(instances)) | Some(Repeat::Sequential(instances))) = repeat else {
        return None;
    };
    let list = data.get(instances.collection.as_deref()?)?.as_array()?;
    Some((instances.item.clone()?, list.clone()))
}

/// `, for reviewer = "ann", "bob"`: the items a multi-instance task's instances worked on, as
/// its log line says; empty for any other activity.
pub(super) fn for_items(repeat: Option<&Repeat>, data: &Map<String, Json>) -> String {
    match items(repeat, data) {
        Some((name, list)) => {
            let all: Vec<String> = list.iter().map(Json::to_string).collect();
            format!(", for {name} = {}", all.join(", "))
        }
        None => String::new(),
    }
}

/// How a sub-process runs its contents: how many runs start at once, and how many follow one
/// after another as each finishes. Once for a plain one; a parallel multi-instance one starts
/// them all, a sequential one the first (none for no instance, then it passes). More than
/// `MAX_LOOPS` instances are refused.
pub(super) fn runs(
    repeat: Option<&Repeat>,
    data: &Map<String, Json>,
) -> Result<(u32, u32), String> {
    match instances(repeat, data)? {
        None => Ok((1, 0)),
        Some((times, _)) if times > u64::from(MAX_LOOPS) => Err(format!(
            "{times} instances are more than a simulation follows ({MAX_LOOPS} at most)"
        )),
        Some((times, true)) => Ok((times as u32, 0)),
        Some((times, false)) => Ok((times.min(1) as u32, times.saturating_sub(1) as u32)),
    }
}

/// What `code` of a catching error or escalation event catches: its own code, or every code
/// when empty.
pub(super) fn catches(catcher: &Trigger, thrown: &Trigger) -> bool {
    match (catcher, thrown) {
        (Trigger::Error { code: c }, Trigger::Error { code: t })
        | (Trigger::Escalation { code: c }, Trigger::Escalation { code: t }) => {
            c.is_empty() || c == t
        }
        _ => false,
    }
}

/// A step or process that took `took` minutes breached `target` when it took longer.
pub(super) fn breached(took_minutes: f64, target: Duration) -> bool {
    took_minutes > target.minutes as f64
}

/// The marked graph an inclusive join looks upstream in; the step engine and the batch
/// simulation each keep their tokens their own way.
pub(super) trait Upstream {
    type Node: Copy + PartialEq;
    type Flow: Copy;
    /// The incoming flows of `node` with their sources.
    fn inputs(&self, node: Self::Node) -> Vec<(Self::Flow, Self::Node)>;
    fn has_token(&self, flow: Self::Flow) -> bool;
    /// Whether work inside `node` will still send a token out (a running call, a task at work).
    fn busy(&self, node: Self::Node) -> bool;
}

/// BPMN 13.4.3: a token can still arrive on a flow from `source` into `join` if one sits upstream
/// of it on a path that does not pass `join` (waiting on a flow, or inside a busy node).
pub(super) fn can_still_arrive<U: Upstream>(graph: &U, join: U::Node, source: U::Node) -> bool {
    let mut seen: Vec<U::Node> = Vec::new();
    let mut stack = vec![source];
    while let Some(node) = stack.pop() {
        if node == join || seen.contains(&node) {
            continue;
        }
        seen.push(node);
        if graph.busy(node) {
            return true;
        }
        for (flow, from) in graph.inputs(node) {
            if graph.has_token(flow) {
                return true;
            }
            stack.push(from);
        }
    }
    false
}
