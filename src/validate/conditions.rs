//! Conditions on decisions: present, readable, over declared variables of the right type, and not
//! all false at once when there is no default flow to fall back on.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use serde_json::{Map, Value};

use super::graph::{capitalise, Graph};
use super::{flow_problem, problem, Problem};
use crate::expr::{self, Condition, Constant, ExprError};
use crate::model::{Flow, Id, VarType, Variable};

/// Most combinations of test values tried per decision; beyond it the decision is not checked.
const MAX_COMBINATIONS: usize = 4096;

pub(super) fn check(g: &Graph) -> Vec<Problem> {
    let variables = &g.process.info.variables;
    let mut found = Vec::new();
    // Per flow: its condition when it parses and type-checks.
    let mut usable: Vec<Option<Condition>> = Vec::with_capacity(g.process.flows.len());
    for (f, flow) in g.process.flows.iter().enumerate() {
        let Some(text) = flow.condition.as_deref().filter(|t| !t.trim().is_empty()) else {
            usable.push(None);
            continue;
        };
        if let Some(reason) = not_executable(g, flow) {
            found.push(flow_problem(
                g,
                f,
                "not-executable",
                &format!("has condition `{text}`, which is not executable here: {reason}"),
                "Rewrite it as a Flowlane condition such as `amount > 10000`; until then the simulator asks which way to take",
            ));
            usable.push(None);
            continue;
        }
        match expr::parse(text).and_then(|c| expr::check(&c, variables).map(|()| c)) {
            Ok(condition) => usable.push(Some(condition)),
            Err(err) => {
                let subject = capitalise(&g.flow_name(f));
                found.push(condition_problem(&subject, flow.id, text, &err, variables));
                usable.push(None);
            }
        }
    }

    for i in (0..g.node_count()).filter(|&i| g.is_decision(i)) {
        let mut all_usable = true;
        for &f in g.outgoing[i].iter().filter(|&&f| !g.flow(f).default) {
            let blank = g
                .flow(f)
                .condition
                .as_deref()
                .is_none_or(|t| t.trim().is_empty());
            if blank {
                found.push(flow_problem(
                    g,
                    f,
                    "condition-missing",
                    "leaves a decision without a condition",
                    "Add a condition such as `amount > 10000`, or make it the default flow",
                ));
            }
            all_usable &= usable[f].is_some();
        }
        let has_default = g.outgoing[i].iter().any(|&f| g.flow(f).default);
        if has_default || !all_usable {
            continue;
        }
        let conditions: Vec<&Condition> = g.outgoing[i]
            .iter()
            .filter_map(|&f| usable[f].as_ref())
            .collect();
        if let Some(case) = all_false_case(&conditions, variables) {
            found.push(problem(
                "may-all-be-false",
                Some(g.node_id(i)),
                format!(
                    "None of the conditions out of {} holds when {case}, and it has no default flow",
                    g.name(i)
                ),
                "Add a default flow, or a condition that covers that case",
            ));
        }
    }
    found
}

/// Why an imported engine condition, still as the file had it, does not run here.
fn not_executable<'p>(g: &'p Graph, flow: &'p Flow) -> Option<&'p str> {
    let kept = g.process.foreign.as_ref()?.flows.get(&flow.id)?;
    expr::dialect::not_executable(&kept.attributes, flow.condition.as_deref()?)
}

/// A condition of `subject` (a flow, or a conditional event) that does not parse or check,
/// reported under the condition rules.
pub(super) fn condition_problem(
    subject: &str,
    element: Id,
    text: &str,
    err: &ExprError,
    variables: &[Variable],
) -> Problem {
    let flow = subject;
    let id = Some(element);
    let declared = if variables.is_empty() {
        "the process declares no variables yet".to_string()
    } else {
        let names: Vec<String> = variables
            .iter()
            .map(|v| format!("{}: {}", v.name, v.var_type.as_str()))
            .collect();
        format!("declared: {}", names.join(", "))
    };
    match err {
        ExprError::Undeclared { name, .. } => problem(
            "condition-undeclared",
            id,
            format!("{flow} has condition `{text}`, which reads `{name}`: no such variable is declared"),
            format!("Declare `{name}` in the process variables, or use a declared one ({declared})"),
        ),
        ExprError::Type { .. } | ExprError::Unsupported { .. } => problem(
            "condition-type",
            id,
            format!("{flow} has condition `{text}`, which does not fit the variables' types: {err}"),
            format!("Compare each variable with a value of its type ({declared}); dates are written \"YYYY-MM-DD\""),
        ),
        _ => problem(
            "condition-syntax",
            id,
            format!("{flow} has condition `{text}`, which cannot be read: {err}"),
            "Write it like `amount > 10000`, `approved == true` or `department == \"IT\"`",
        ),
    }
}

/// Looks for instance data under which every condition is false, trying the values where the
/// answers can change: each constant a condition compares with, and its neighbours. Returns the
/// case in words (`amount = 10000`), or nothing when none of the tried cases makes all false.
fn all_false_case(conditions: &[&Condition], variables: &[Variable]) -> Option<String> {
    let names: BTreeSet<String> = conditions.iter().flat_map(|c| expr::variables(c)).collect();
    let constants: Vec<Constant> = conditions.iter().flat_map(|c| expr::constants(c)).collect();
    let mut axes: Vec<(String, Vec<Value>)> = Vec::new();
    for name in names {
        let var_type = variables.iter().find(|v| v.name == name)?.var_type;
        axes.push((name, candidates(var_type, &constants)));
    }
    let combinations = axes
        .iter()
        .try_fold(1usize, |n, (_, values)| n.checked_mul(values.len()))?;
    if combinations > MAX_COMBINATIONS {
        return None;
    }
    for k in 0..combinations {
        let mut data = Map::new();
        let mut rest = k;
        for (name, values) in &axes {
            data.insert(name.clone(), values[rest % values.len()].clone());
            rest /= values.len();
        }
        let all_false = conditions
            .iter()
            .all(|c| expr::evaluate(c, &data, variables) == Ok(false));
        if all_false {
            let words: Vec<String> = data.iter().map(|(n, v)| format!("{n} = {v}")).collect();
            return Some(if words.is_empty() {
                "they are evaluated".into()
            } else {
                words.join(" and ")
            });
        }
    }
    None
}

/// Test values for a variable of this type, given the constants the conditions mention.
fn candidates(var_type: VarType, constants: &[Constant]) -> Vec<Value> {
    let mut values: Vec<Value> = Vec::new();
    let mut add = |v: Value| {
        if !values.contains(&v) {
            values.push(v);
        }
    };
    match var_type {
        VarType::Boolean => {
            add(Value::Bool(true));
            add(Value::Bool(false));
        }
        VarType::Number => {
            for c in constants {
                if let Constant::Number(n) = c {
                    for v in [n - 1.0, *n, n + 1.0] {
                        add(number(v));
                    }
                }
            }
            add(number(0.0));
        }
        VarType::Text => {
            for c in constants {
                if let Constant::Text(t) = c {
                    add(Value::String(t.clone()));
                }
            }
            add(Value::String(String::new()));
        }
        VarType::Date => {
            for c in constants {
                let Constant::Text(t) = c else { continue };
                let Ok(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d") else {
                    continue;
                };
                let around = [
                    day.checked_sub_days(Days::new(1)),
                    Some(day),
                    day.checked_add_days(Days::new(1)),
                ];
                for d in around.into_iter().flatten() {
                    add(Value::String(d.format("%Y-%m-%d").to_string()));
                }
            }
            add(Value::String("2000-01-01".into()));
        }
        VarType::List => {
            for c in constants {
                if let Constant::Text(t) = c {
                    add(Value::Array(vec![Value::String(t.clone())]));
                }
            }
            add(Value::Array(Vec::new()));
        }
    }
    values
}

/// Whole numbers print without a fraction (`10000`, not `10000.0`).
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}
