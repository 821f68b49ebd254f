//! Which way a gateway sends the token, from the conditions on its outgoing flows.
//!
//! Flows are considered in the order of the definition, which in canonical form is by flow id.

use serde_json::{Map, Value as Json};

use super::instance::Evaluation;
use super::SimError;
use crate::expr;
use crate::model::{Flow, GatewayKind, Id, Variable};

/// What the conditions say.
#[derive(Clone, Debug)]
pub(super) enum Decision {
    /// Take these flows; `reason` says why (empty when there was nothing to decide).
    Take { flows: Vec<Id>, reason: String },
    /// The conditions do not decide: the user picks one of the outgoing flows.
    Ask {
        evaluations: Vec<Evaluation>,
        reason: String,
    },
}

/// An exclusive gateway takes the first flow whose condition is true, else the default flow.
/// A condition that cannot be evaluated, or a flow without condition or default flag, leaves the
/// choice to the user rather than guessing.
pub(super) fn exclusive(
    outgoing: &[&Flow],
    data: &Map<String, Json>,
    vars: &[Variable],
) -> Decision {
    evaluated(outgoing, data, vars, exclusive_given)
}

/// The exclusive rule over conditions already evaluated (the batch simulation evaluates
/// conditions it parsed once); `evaluations` follow `evaluate_all`'s order.
pub(super) fn exclusive_given(outgoing: &[&Flow], evaluations: Vec<Evaluation>) -> Decision {
    if let Some(single) = single(outgoing) {
        return single;
    }
    if let Some(hit) = evaluations.iter().find(|e| e.value == Some(true)) {
        return Decision::Take {
            flows: vec![hit.flow],
            reason: format!("`{}` is true", hit.condition),
        };
    }
    fallback(outgoing, evaluations)
}

/// An inclusive gateway takes every flow whose condition is true (a flow without condition is
/// always taken), else the default flow.
pub(super) fn inclusive(
    outgoing: &[&Flow],
    data: &Map<String, Json>,
    vars: &[Variable],
) -> Decision {
    evaluated(outgoing, data, vars, inclusive_given)
}

/// `rule` over the evaluated conditions, unless a single way out leaves nothing to decide.
fn evaluated(
    outgoing: &[&Flow],
    data: &Map<String, Json>,
    vars: &[Variable],
    rule: fn(&[&Flow], Vec<Evaluation>) -> Decision,
) -> Decision {
    match single(outgoing) {
        Some(single) => single,
        None => rule(outgoing, evaluate_all(outgoing, data, vars)),
    }
}

/// The inclusive rule over conditions already evaluated.
pub(super) fn inclusive_given(outgoing: &[&Flow], evaluations: Vec<Evaluation>) -> Decision {
    if let Some(single) = single(outgoing) {
        return single;
    }
    if evaluations.iter().any(|e| e.value.is_none()) {
        return ask(evaluations, "a condition could not be evaluated");
    }
    let mut flows: Vec<Id> = Vec::new();
    let mut reasons = Vec::new();
    for flow in outgoing.iter().filter(|f| !f.default) {
        match evaluations.iter().find(|e| e.flow == flow.id) {
            Some(e) if e.value == Some(true) => {
                flows.push(flow.id);
                reasons.push(format!("`{}` is true", e.condition));
            }
            Some(_) => {}
            None => {
                flows.push(flow.id);
                reasons.push(format!("{} has no condition", name(flow)));
            }
        }
    }
    if !flows.is_empty() {
        return Decision::Take {
            flows,
            reason: reasons.join("; "),
        };
    }
    fallback(outgoing, evaluations)
}

fn single(outgoing: &[&Flow]) -> Option<Decision> {
    match outgoing {
        [] => Some(Decision::Take {
            flows: Vec::new(),
            reason: String::new(),
        }),
        [only] => Some(Decision::Take {
            flows: vec![only.id],
            reason: String::new(),
        }),
        _ => None,
    }
}

/// No condition was true: the default flow if every condition could be read and every other flow
/// has one, else the user's choice.
fn fallback(outgoing: &[&Flow], evaluations: Vec<Evaluation>) -> Decision {
    let unreadable = evaluations.iter().any(|e| e.value.is_none());
    let unconditioned = outgoing.iter().any(|f| !f.default && f.condition.is_none());
    if unreadable {
        return ask(evaluations, "a condition could not be evaluated");
    }
    if unconditioned {
        return ask(evaluations, "a way out has no condition");
    }
    let summary = summary(&evaluations);
    match outgoing.iter().find(|f| f.default) {
        Some(default) => Decision::Take {
            flows: vec![default.id],
            reason: format!("no condition is true ({summary}); took the default flow"),
        },
        None => ask(
            evaluations,
            &format!("no condition is true ({summary}) and there is no default flow"),
        ),
    }
}

fn ask(evaluations: Vec<Evaluation>, reason: &str) -> Decision {
    Decision::Ask {
        reason: reason.to_string(),
        evaluations,
    }
}

fn evaluate_all(
    outgoing: &[&Flow],
    data: &Map<String, Json>,
    vars: &[Variable],
) -> Vec<Evaluation> {
    outgoing
        .iter()
        .filter(|f| !f.default)
        .filter_map(|f| {
            let condition = f.condition.as_deref()?;
            let result = expr::parse(condition).and_then(|c| expr::evaluate(&c, data, vars));
            Some(evaluation(f, condition, result))
        })
        .collect()
}

/// What a flow's condition gave; the decision rules read `value`, messages read `error`.
pub(super) fn evaluation(
    flow: &Flow,
    condition: &str,
    result: Result<bool, expr::ExprError>,
) -> Evaluation {
    Evaluation {
        flow: flow.id,
        condition: condition.to_string(),
        value: result.as_ref().ok().copied(),
        error: result.err().map(|e| e.to_string()).unwrap_or_default(),
    }
}

/// `amount > 10000 → false, approved == true → no value for approved`
pub(super) fn summary(evaluations: &[Evaluation]) -> String {
    evaluations
        .iter()
        .map(|e| match e.value {
            Some(value) => format!("`{}` → {value}", e.condition),
            None => format!("`{}` → {}", e.condition, e.error),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a flow is named in a reason: its label, else its condition, else what it is.
fn name(flow: &Flow) -> String {
    if !flow.label.is_empty() {
        format!("\"{}\"", flow.label)
    } else if let Some(condition) = &flow.condition {
        format!("`{condition}`")
    } else {
        "a flow without a label".into()
    }
}

/// The ways the user chose out of a gateway that asks (`outgoing` are its ways out): at least
/// one, each a way out of it, and several only where an inclusive (or complex) gateway may
/// take several; in the definition's order, each once, whatever order the user named them in.
pub(super) fn chosen(
    outgoing: &[&Flow],
    gateway: &str,
    kind: GatewayKind,
    take: &[Id],
) -> Result<Vec<Id>, SimError> {
    let every_one_out = take.iter().all(|way| outgoing.iter().any(|o| o.id == *way));
    if take.is_empty() || !every_one_out {
        return Err(SimError::NotAWayOut {
            gateway: gateway.to_string(),
        });
    }
    let several_allowed = matches!(kind, GatewayKind::Inclusive | GatewayKind::Complex);
    if take.len() > 1 && !several_allowed {
        return Err(SimError::OneWayOnly {
            gateway: gateway.to_string(),
        });
    }
    Ok(outgoing
        .iter()
        .map(|o| o.id)
        .filter(|id| take.contains(id))
        .collect())
}
