//! The step engine: `start`, `enabled` and `fire` over plain `Instance` values.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value as Json};

use super::boundary;
use super::call::{enter_call, fire_in_call, refuse_call_cycles, resolve_calls};
use super::decide::{self, Decision};
use super::event_sub;
use super::events;
use super::instance::{
    minutes_between, Action, CalledDefinition, Instance, SlaBreach, Status, Token,
};
use super::log_words::{describe, label, log_entry, took_event};
use super::reach::{can_still_arrive, incoming, outgoing, stuck_reasons};
use super::token_rules::{self, Consume, Emit};
use super::waits;
use super::{Resolver, SimError};
use crate::expr;
use crate::model::{Duration, GatewayKind, Id, Node, NodeKind, Process};

/// Starts an instance of `definition` at `start_time` with `data` (declared variables only, of
/// their declared types). Every process a call activity may run is fetched through `resolver`
/// now, so the instance is a self-contained value.
pub fn start(
    definition: Process,
    data: Map<String, Json>,
    start_time: DateTime<Utc>,
    resolver: &dyn Resolver,
) -> Result<Instance, SimError> {
    let called = resolve_calls(&definition, resolver);
    refuse_call_cycles(&definition, &called)?;
    begin(definition, data, start_time, called)
}

pub(super) fn begin(
    definition: Process,
    data: Map<String, Json>,
    at: DateTime<Utc>,
    called: Vec<CalledDefinition>,
) -> Result<Instance, SimError> {
    check_data(&definition, &data)?;
    let starts: Vec<Node> = definition
        .nodes
        .iter()
        .filter(|n| n.parent.is_none() && matches!(n.kind, NodeKind::Start { .. }))
        .cloned()
        .collect();
    if starts.is_empty() {
        return Err(SimError::NoStart {
            process: definition.info.name.clone(),
        });
    }
    let mut instance = Instance {
        data,
        started_at: at,
        now: at,
        tokens: Vec::new(),
        calls: Vec::new(),
        step: 0,
        log: Vec::new(),
        breaches: Vec::new(),
        status: Status::Running,
        called,
        definition,
        active: Vec::new(),
        fired: Vec::new(),
    };
    for node in &starts {
        for flow in outgoing(&instance.definition, node.id) {
            instance.tokens.push(Token::at(flow.id, at));
        }
        let entry = log_entry(&instance, node, at, "started".into(), String::new());
        instance.log.push(entry);
    }
    settle(&mut instance, starts[0].id);
    Ok(instance)
}

/// Every action possible now, earliest simulated time first (then in definition order). A
/// gateway whose conditions do not decide offers one action per outgoing flow, each carrying the
/// evaluations that explain why.
pub fn enabled(instance: &Instance) -> Vec<Action> {
    ranked(instance).into_iter().map(|(_, _, a)| a).collect()
}

fn ranked(instance: &Instance) -> Vec<(DateTime<Utc>, usize, Action)> {
    if !instance.is_running() {
        return Vec::new();
    }
    let process = &instance.definition;
    let mut actions = Vec::new();
    for (position, node) in process.nodes.iter().enumerate() {
        let Some(consumed) = ready_tokens(instance, node) else {
            continue;
        };
        let at = latest(&consumed, instance.now);
        if !waits::condition_holds(instance, node) {
            continue;
        }
        if let NodeKind::Gateway {
            gateway: GatewayKind::EventBased,
            ..
        } = node.kind
        {
            for flow in outgoing(process, node.id) {
                let Some(event) = process.node(flow.target) else {
                    continue;
                };
                if waits::condition_holds(instance, event) {
                    let mut action = Action::at(node.id);
                    action.take = vec![flow.id];
                    action.deliver = waits::awaited(&event.kind);
                    actions.push((at, position, action));
                }
            }
            continue;
        }
        match gateway_decision(instance, node) {
            Some(Decision::Ask { evaluations, .. }) => {
                for flow in outgoing(process, node.id) {
                    let mut action = Action::at(node.id);
                    action.take = vec![flow.id];
                    action.evaluations = evaluations.clone();
                    actions.push((at, position, action));
                }
            }
            _ => {
                let mut action = Action::at(node.id);
                action.deliver = waits::awaited(&node.kind);
                actions.push((at, position, action));
            }
        }
    }
    actions.extend(boundary::offered(instance));
    actions.extend(event_sub::offered(instance));
    for call in &instance.calls {
        let position = process.nodes.iter().position(|n| n.id == call.node);
        for (at, _, mut action) in ranked(&call.child) {
            action.path.insert(0, call.node);
            actions.push((at, position.unwrap_or(usize::MAX), action));
        }
    }
    actions.sort_by_key(|(at, position, _)| (*at, *position));
    actions
}

/// Fires `action` and returns the next instance; `instance` is consumed, so a caller that wants
/// to step back keeps a clone of it first.
pub fn fire(instance: Instance, action: Action) -> Result<Instance, SimError> {
    if !instance.is_running() {
        return Err(SimError::NotEnabled {
            what: describe(&instance, &action),
            why: "the instance is not running".into(),
        });
    }
    if let Some((&call_node, rest)) = action.path.split_first() {
        let inner = Action {
            path: rest.to_vec(),
            ..action
        };
        return fire_in_call(instance, call_node, inner);
    }
    let offered: Vec<Action> = ranked(&instance).into_iter().map(|(_, _, a)| a).collect();
    let asks_here = offered
        .iter()
        .any(|a| a.path == action.path && a.node == action.node && !a.take.is_empty());
    if asks_here && action.take.is_empty() {
        let gateway = instance
            .definition
            .node(action.node)
            .map(|n| n.name.clone());
        return Err(SimError::NoWayChosen {
            gateway: gateway.unwrap_or_default(),
        });
    }
    if !action.is_offered(&offered) {
        return Err(SimError::NotEnabled {
            what: describe(&instance, &action),
            why: "it is not enabled now".into(),
        });
    }
    let mut next = instance;
    let node = next
        .definition
        .node(action.node)
        .cloned()
        .ok_or(SimError::UnknownNode(action.node))?;
    if matches!(node.kind, NodeKind::Boundary { .. }) {
        return boundary::deliver(next, &node, &action);
    }
    if event_sub::starts_one(&next, &node) {
        return event_sub::trigger(next, &node, &action);
    }
    let consumed = ready_tokens(&next, &node).unwrap_or_default();
    let arrived = latest(&consumed, next.started_at);
    let item = carried(&consumed);
    // One token each: two on a flow may be equal (instances of a sub-process side by side).
    for token in &consumed {
        if let Some(at) = next.tokens.iter().position(|t| t == token) {
            next.tokens.remove(at);
        }
    }
    next.step += 1;
    if !action.set.is_empty() && !matches!(node.kind, NodeKind::Task { .. }) {
        return Err(SimError::SetOutsideTask {
            node: label(&next.definition, node.id),
        });
    }
    if let NodeKind::Task { outputs, .. } = &node.kind {
        if let Some(name) = action.set.keys().find(|name| !outputs.contains(name)) {
            return Err(SimError::NotAnOutput {
                name: name.clone(),
                node: label(&next.definition, node.id),
            });
        }
    }
    if let NodeKind::Gateway {
        gateway: GatewayKind::EventBased,
        ..
    } = node.kind
    {
        return waits::event_gateway(next, &node, &action, arrived);
    }
    let (done, event, reason, decided) = match &node.kind {
        NodeKind::Task {
            duration, repeat, ..
        } => {
            let once = action.took.or(*duration).unwrap_or_default();
            let repeat_error = |why: String| SimError::Repeat {
                node: label(&next.definition, node.id),
                why,
            };
            let (took, event) =
                match token_rules::instances(repeat.as_ref(), &next.data).map_err(repeat_error)? {
                    Some((times, true)) => (once, format!("completed {times} times side by side")),
                    Some((times, false)) => (
                        token_rules::times_over(once, times)?,
                        format!("completed {times} times one after another"),
                    ),
                    None => (once, "completed".to_string()),
                };
            let event = event + &token_rules::for_items(repeat.as_ref(), &next.data);
            (advance(arrived, took)?, event, String::new(), Vec::new())
        }
        NodeKind::Catch { trigger } => match waits::timer_ends(trigger, arrived)? {
            Some((at, wait)) => (at, format!("waited {wait}"), String::new(), Vec::new()),
            None => (
                advance(arrived, action.took.unwrap_or_default())?,
                format!("{trigger}"),
                String::new(),
                Vec::new(),
            ),
        },
        NodeKind::Boundary { .. } => (arrived, "passed".to_string(), String::new(), Vec::new()),
        NodeKind::Throw { trigger } => (
            arrived,
            format!("sent {trigger}"),
            String::new(),
            Vec::new(),
        ),
        NodeKind::SubProcess { .. } => (arrived, "entered".to_string(), String::new(), Vec::new()),
        NodeKind::Call {
            process, version, ..
        } => {
            return enter_call(next, &node, *process, *version, arrived);
        }
        NodeKind::End { outcome, trigger } => {
            let event = match (outcome.is_empty(), trigger.is_none()) {
                (true, true) => "ended".to_string(),
                (true, false) => format!("ended: {trigger}"),
                (false, _) => format!("ended: {outcome}"),
            };
            (arrived, event, String::new(), Vec::new())
        }
        NodeKind::Gateway { gateway, .. } => {
            match decide_at(&next, &with_items(&next.data, &item), node.id, *gateway) {
                Decision::Take { flows, reason } => {
                    let event = match gateway {
                        GatewayKind::Parallel => "passed".to_string(),
                        _ => took_event(&next.definition, &flows),
                    };
                    (arrived, event, reason, flows)
                }
                Decision::Ask {
                    evaluations,
                    reason,
                } => {
                    let out = outgoing(&next.definition, node.id);
                    let ways = decide::chosen(
                        &out,
                        &label(&next.definition, node.id),
                        *gateway,
                        &action.take,
                    )?;
                    let why = format!(
                        "chosen by the user: {reason}{}",
                        match evaluations.is_empty() {
                            true => String::new(),
                            false => format!(" ({})", decide::summary(&evaluations)),
                        }
                    );
                    (arrived, took_event(&next.definition, &ways), why, ways)
                }
            }
        }
        NodeKind::Start { .. } => (arrived, "passed".to_string(), String::new(), Vec::new()),
    };
    let due = events::timers_due(&next, &node, arrived, done)?;
    let starts = event_sub::timers_due(&next, &node, done);
    if let Some(cancelled) = event_sub::fire_timers(&mut next, due, starts) {
        return Ok(wrap_up(next, node.id, cancelled));
    }
    let mut event = event;
    if let NodeKind::Task { sla, repeat, .. } = &node.kind {
        set_data(&mut next, &action.set)?;
        if let Some(crate::model::Repeat::Loop {
            condition: Some(condition),
        }) = repeat
        {
            loop_once(&next, &node, condition)?;
        }
        let took = minutes_between(arrived, done);
        if let Some(target) =
            sla.filter(|target| token_rules::breached(took.minutes as f64, *target))
        {
            let breach = SlaBreach {
                step: next.step,
                node: Some(node.id),
                name: label(&next.definition, node.id),
                target,
                actual: took,
                at: done,
            };
            next.breaches.push(breach);
        }
        if !action.set.is_empty() {
            event = format!("{event}, set {}", Json::Object(action.set.clone()));
        }
    }
    let mut produce = match token_rules::emits(&node.kind) {
        Emit::EveryOut => all_out(&next, node.id),
        Emit::Nothing => Vec::new(),
        Emit::Decided(_) => decided,
    };
    if !item.is_empty() {
        event = format!("{event}{}", events::items_words(&item));
    }
    let entry = log_entry(&next, &node, done, event, reason);
    next.log.push(entry);
    if matches!(node.kind, NodeKind::SubProcess { .. })
        && events::enter(&mut next, &node, done, &item)?
    {
        produce.clear();
    }
    if matches!(node.kind, NodeKind::Throw { .. } | NodeKind::End { .. }) {
        if let Some(jump) = events::thrown(&mut next, &node, done) {
            produce = jump;
        }
        // An interrupting catch cancelled the sub-process the throw is in: it goes no further.
        if node
            .parent
            .is_some_and(|scope| !next.active.iter().any(|a| a.node == scope))
        {
            produce.clear();
        }
    }
    for flow in produce {
        next.tokens.push(Token {
            flow,
            at: done,
            item: item.clone(),
        });
    }
    Ok(wrap_up(next, node.id, done))
}

/// After a step that finished at `done`: finished sub-processes complete, the clock and the
/// process SLA move on, the status follows.
pub(super) fn wrap_up(mut next: Instance, last: Id, done: DateTime<Utc>) -> Instance {
    next.now = next.now.max(done);
    events::complete_finished(&mut next, done);
    check_process_sla(&mut next);
    settle(&mut next, last);
    next
}

/// A loop activity runs again while its condition holds; the data does not change between
/// iterations in a step run, so a condition that still holds after the first would hold for ever.
fn loop_once(instance: &Instance, node: &Node, condition: &str) -> Result<(), SimError> {
    let vars = &instance.definition.info.variables;
    let holds = expr::parse(condition).and_then(|c| expr::evaluate(&c, &instance.data, vars))?;
    match holds {
        true => Err(SimError::EndlessLoop {
            node: label(&instance.definition, node.id),
            most: token_rules::MAX_LOOPS,
        }),
        false => Ok(()),
    }
}

/// The tokens `node` would consume now, or None if it cannot fire.
pub(super) fn ready_tokens(instance: &Instance, node: &Node) -> Option<Vec<Token>> {
    let inputs = incoming(&instance.definition, node.id);
    let earliest_on = |flow: Id| {
        instance
            .tokens
            .iter()
            .filter(|t| t.flow == flow)
            .min_by_key(|t| t.at)
            .cloned()
    };
    let marked: Vec<Token> = inputs.iter().filter_map(|f| earliest_on(f.id)).collect();
    let more_can_arrive = || {
        inputs
            .iter()
            .filter(|f| !marked.iter().any(|t| t.flow == f.id))
            .any(|f| can_still_arrive(instance, node.id, f.id))
    };
    match token_rules::firing(&node.kind, inputs.len(), marked.len(), more_can_arrive)? {
        Consume::EveryMarked => Some(marked),
        Consume::One => marked.into_iter().min_by_key(|t| t.at).map(|t| vec![t]),
    }
}

fn gateway_decision(instance: &Instance, node: &Node) -> Option<Decision> {
    match node.kind {
        NodeKind::Gateway { gateway, .. } => {
            let tokens = ready_tokens(instance, node).unwrap_or_default();
            let data = with_items(&instance.data, &carried(&tokens));
            Some(decide_at(instance, &data, node.id, gateway))
        }
        _ => None,
    }
}

/// The items the tokens carry, together (a join of runs of one instance keeps them all).
pub(super) fn carried(tokens: &[Token]) -> Map<String, Json> {
    let mut items = Map::new();
    for token in tokens {
        items.extend(token.item.clone());
    }
    items
}

/// The instance data as a step that carries `items` sees it: each item over the variable of
/// its name.
pub(super) fn with_items(data: &Map<String, Json>, items: &Map<String, Json>) -> Map<String, Json> {
    let mut seen = data.clone();
    seen.extend(items.clone());
    seen
}

fn decide_at(
    instance: &Instance,
    data: &Map<String, Json>,
    node: Id,
    gateway: GatewayKind,
) -> Decision {
    let out = outgoing(&instance.definition, node);
    let vars = &instance.definition.info.variables;
    match gateway {
        GatewayKind::Exclusive | GatewayKind::EventBased => decide::exclusive(&out, data, vars),
        GatewayKind::Inclusive | GatewayKind::Complex => decide::inclusive(&out, data, vars),
        GatewayKind::Parallel => Decision::Take {
            flows: out.iter().map(|f| f.id).collect(),
            reason: String::new(),
        },
    }
}

/// Keeps the status current: ended when no token is left, stuck when nothing can fire.
pub(super) fn settle(instance: &mut Instance, last: Id) {
    if instance.tokens.is_empty() && instance.calls.is_empty() {
        let outcome = match instance.definition.node(last).map(|n| &n.kind) {
            Some(NodeKind::End {
                outcome,
                trigger: crate::model::Trigger::Error { code },
            }) if outcome.is_empty() => format!("error {code}"),
            Some(NodeKind::End { outcome, .. }) => outcome.clone(),
            _ => String::new(),
        };
        instance.status = Status::Ended {
            node: last,
            outcome,
            at: instance.now,
        };
    } else if ranked(instance).is_empty() {
        instance.status = Status::Stuck {
            reasons: stuck_reasons(instance),
        };
    }
}

pub(super) fn check_process_sla(instance: &mut Instance) {
    let Some(target) = instance.definition.info.sla else {
        return;
    };
    let actual = minutes_between(instance.started_at, instance.now);
    let already = instance.breaches.iter().any(|b| b.node.is_none());
    if token_rules::breached(actual.minutes as f64, target) && !already {
        instance.breaches.push(SlaBreach {
            step: instance.step,
            node: None,
            name: instance.definition.info.name.clone(),
            target,
            actual,
            at: instance.now,
        });
    }
}

fn check_data(process: &Process, data: &Map<String, Json>) -> Result<(), SimError> {
    for (name, value) in data {
        let variable = process
            .info
            .variables
            .iter()
            .find(|v| v.name == *name)
            .ok_or_else(|| SimError::Undeclared {
                name: name.clone(),
                process: process.info.name.clone(),
            })?;
        expr::check_value(variable, value)?;
    }
    Ok(())
}

fn set_data(instance: &mut Instance, set: &Map<String, Json>) -> Result<(), SimError> {
    check_data(&instance.definition, set)?;
    for (name, value) in set {
        instance.data.insert(name.clone(), value.clone());
    }
    Ok(())
}

pub(super) fn all_out(instance: &Instance, node: Id) -> Vec<Id> {
    outgoing(&instance.definition, node)
        .iter()
        .map(|f| f.id)
        .collect()
}

fn latest(tokens: &[Token], otherwise: DateTime<Utc>) -> DateTime<Utc> {
    tokens.iter().map(|t| t.at).max().unwrap_or(otherwise)
}

pub(super) fn advance(at: DateTime<Utc>, by: Duration) -> Result<DateTime<Utc>, SimError> {
    i64::try_from(by.minutes)
        .ok()
        .and_then(chrono::Duration::try_minutes)
        .and_then(|d| at.checked_add_signed(d))
        .ok_or(SimError::ClockOverflow)
}
