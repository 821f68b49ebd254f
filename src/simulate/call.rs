//! Call activities: the called process runs as a child instance inside the call node, with the
//! caller's values for the variables it declares, and hands its values back when it ends.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::engine::{all_out, begin, check_process_sla, fire, settle};
use super::instance::{
    Action, CalledDefinition, Instance, LogEntry, RunningCall, SlaBreach, Status, Token,
};
use super::log_words::log_entry;
use super::{Resolver, SimError};
use crate::expr;
use crate::model::{Id, Node, NodeKind, Process};
use crate::validate::reachable_cycle;

/// Starts the called process as a child instance inside the call `node`; a child that ends at
/// once hands back at once.
pub(super) fn enter_call(
    mut instance: Instance,
    node: &Node,
    process: Id,
    version: Option<u32>,
    arrived: DateTime<Utc>,
) -> Result<Instance, SimError> {
    let called = instance
        .called
        .iter()
        .find(|c| c.process == process && c.version == version)
        .ok_or_else(|| SimError::MissingCall {
            node: super::log_words::label(&instance.definition, node.id),
            process,
        })?;
    let data = shared_data(&instance.data, &called.definition);
    let child = begin(
        called.definition.clone(),
        data,
        arrived,
        instance.called.clone(),
    )?;
    let event = format!("called \"{}\"", child.definition.info.name);
    let entry = log_entry(&instance, node, arrived, event, String::new());
    instance.log.push(entry);
    let step = instance.step;
    instance
        .log
        .extend(child.log.iter().cloned().map(|e| LogEntry { step, ..e }));
    instance.calls.push(RunningCall {
        node: node.id,
        child: Box::new(child),
    });
    return_if_done(&mut instance, node.id)?;
    instance.now = instance.now.max(arrived);
    check_process_sla(&mut instance);
    settle(&mut instance, node.id);
    Ok(instance)
}

/// Fires an action inside the child of a running call; when the child ends, the call completes.
pub(super) fn fire_in_call(
    mut instance: Instance,
    call_node: Id,
    action: Action,
) -> Result<Instance, SimError> {
    let index = instance
        .calls
        .iter()
        .position(|c| c.node == call_node)
        .ok_or(SimError::UnknownNode(call_node))?;
    let child = *instance.calls[index].child.clone();
    let (logged, breached) = (child.log.len(), child.breaches.len());
    let child = fire(child, action)?;
    instance.step += 1;
    let step = instance.step;
    instance.log.extend(
        child.log[logged..]
            .iter()
            .cloned()
            .map(|e| LogEntry { step, ..e }),
    );
    instance.breaches.extend(
        child.breaches[breached..]
            .iter()
            .cloned()
            .map(|b| SlaBreach { step, ..b }),
    );
    instance.now = instance.now.max(child.now);
    *instance.calls[index].child = child;
    return_if_done(&mut instance, call_node)?;
    check_process_sla(&mut instance);
    settle(&mut instance, call_node);
    Ok(instance)
}

/// A call whose child ended hands the data back and moves on.
pub(super) fn return_if_done(instance: &mut Instance, call_node: Id) -> Result<(), SimError> {
    let Some(index) = instance.calls.iter().position(|c| c.node == call_node) else {
        return Ok(());
    };
    if !matches!(instance.calls[index].child.status, Status::Ended { .. }) {
        return Ok(());
    }
    let child = instance.calls.remove(index).child;
    for variable in &instance.definition.info.variables {
        if let Some(value) = child.data.get(&variable.name) {
            expr::check_value(variable, value)?;
            instance.data.insert(variable.name.clone(), value.clone());
        }
    }
    for flow in all_out(instance, call_node) {
        instance.tokens.push(Token::at(flow, child.now));
    }
    if let Some(node) = instance.definition.node(call_node).cloned() {
        let event = format!("returned from \"{}\"", child.definition.info.name);
        let entry = log_entry(instance, &node, child.now, event, String::new());
        instance.log.push(entry);
    }
    instance.now = instance.now.max(child.now);
    Ok(())
}

/// The parent's values for the variables the called process declares.
pub(super) fn shared_data(data: &Map<String, Json>, called: &Process) -> Map<String, Json> {
    called
        .info
        .variables
        .iter()
        .filter_map(|v| Some((v.name.clone(), data.get(&v.name)?.clone())))
        .collect()
}

/// Every definition reachable through call activities, each fetched once.
pub(super) fn resolve_calls(
    definition: &Process,
    resolver: &dyn Resolver,
) -> Vec<CalledDefinition> {
    let mut called: Vec<CalledDefinition> = Vec::new();
    let mut pending = vec![definition.clone()];
    while let Some(process) = pending.pop() {
        for node in &process.nodes {
            let NodeKind::Call {
                process: id,
                version,
                ..
            } = node.kind
            else {
                continue;
            };
            if called
                .iter()
                .any(|c| c.process == id && c.version == version)
            {
                continue;
            }
            if let Some(found) = resolver.resolve(id, version) {
                pending.push(found.clone());
                called.push(CalledDefinition {
                    process: id,
                    version,
                    definition: found,
                });
            }
        }
    }
    called
}

/// How deep calls may nest: deeper chains are almost surely a modelling slip, and each level is
/// a child instance held inside its parent.
pub const MAX_CALL_DEPTH: usize = 32;

/// A chain of calls that leads back to a process already running would start instances without
/// end, and one nested deeper than `MAX_CALL_DEPTH` is refused too: both before the run begins,
/// naming the chain or the depth.
pub(super) fn refuse_call_cycles(
    definition: &Process,
    called: &[CalledDefinition],
) -> Result<(), SimError> {
    // `None` is the definition being run; `Some` a called process at a version (`None`: current).
    type Key = Option<(Id, Option<u32>)>;
    let definition_of = |key: &Key| match key {
        None => Some(definition),
        Some((process, version)) => called
            .iter()
            .find(|c| c.process == *process && c.version == *version)
            .map(|c| &c.definition),
    };
    let callees = |key: &Key| -> Vec<Key> {
        definition_of(key).map_or_else(Vec::new, |d| d.calls().map(Some).collect())
    };
    let Some(chain) = reachable_cycle(None, callees) else {
        let depth = call_depth(&None, &callees, &mut BTreeMap::new());
        if depth > MAX_CALL_DEPTH {
            return Err(SimError::CallsTooDeep {
                depth,
                most: MAX_CALL_DEPTH,
            });
        }
        return Ok(());
    };
    let names: Vec<String> = chain
        .iter()
        .map(|key| {
            format!(
                "\"{}\"",
                definition_of(key).map_or("?", |d| d.info.name.as_str())
            )
        })
        .collect();
    Err(SimError::CallCycle {
        chain: names.join(" calls "),
    })
}

/// The longest chain of calls below `key` (0 for a process that calls nothing); the call graph
/// has no cycle here, so each key's depth is computed once.
fn call_depth<K: Ord + Clone>(
    key: &K,
    callees: &impl Fn(&K) -> Vec<K>,
    known: &mut BTreeMap<K, usize>,
) -> usize {
    if let Some(depth) = known.get(key) {
        return *depth;
    }
    let depth = callees(key)
        .iter()
        .map(|callee| 1 + call_depth(callee, callees, known))
        .max()
        .unwrap_or(0);
    known.insert(key.clone(), depth);
    depth
}
