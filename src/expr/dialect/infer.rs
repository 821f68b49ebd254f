//! The variables conditions read, with the type their use implies: compared with a number or
//! used in arithmetic → number; used bare as a truth value or compared with true/false →
//! boolean; compared with text → text; compared with a date such as "2026-03-01" → date. The
//! first use that tells a type decides it.

use std::collections::BTreeMap;

use cel::common::ast::{operators, Expr, LiteralValue};
use cel::IdedExpr;

use crate::expr::is_date;
use crate::model::{Process, VarType, Variable};

/// Every variable the CEL conditions read whose type their use tells. Conditions that do not
/// parse are skipped.
pub fn infer_variables<'a>(
    conditions: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<String, VarType> {
    let parsed: Vec<_> = conditions
        .into_iter()
        .filter_map(|text| crate::expr::parse(text).ok())
        .collect();
    let mut found = BTreeMap::new();
    // Twice, so a comparison between two variables learns from a later use of either.
    for _ in 0..2 {
        for condition in &parsed {
            infer(&condition.expression, Some(VarType::Boolean), &mut found);
        }
    }
    found
}

/// `variables` and, after them, those the `conditions` read but they do not declare, with the
/// type their use implies (in name order): what the process declares once the conditions are
/// typed or imported.
pub fn declared_with<'a>(
    variables: &[Variable],
    conditions: impl IntoIterator<Item = &'a str>,
) -> Vec<Variable> {
    let mut all = variables.to_vec();
    for (name, var_type) in infer_variables(conditions) {
        if all.iter().all(|v| v.name != name) {
            all.push(Variable::new(&name, var_type));
        }
    }
    all
}

/// Declares the variables the process's conditions read but it does not declare, with their
/// inferred types (kept sorted by name). Returns the names added.
pub fn declare_variables(process: &mut Process) -> Vec<String> {
    let conditions = process.flows.iter().filter_map(|f| f.condition.as_deref());
    let mut variables = declared_with(&process.info.variables, conditions);
    let added = variables[process.info.variables.len()..]
        .iter()
        .map(|v| v.name.clone())
        .collect();
    variables.sort_by(|a, b| a.name.cmp(&b.name));
    process.info.variables = variables;
    added
}

/// Records what `e` tells about variables; `want` is the type its context expects.
fn infer(e: &IdedExpr, want: Option<VarType>, found: &mut BTreeMap<String, VarType>) {
    use VarType::{Boolean, Number, Text};
    match &e.expr {
        Expr::Ident(name) => {
            if let Some(t) = want {
                found.entry(name.clone()).or_insert(t);
            }
        }
        Expr::List(list) => {
            for item in &list.elements {
                infer(item, want, found);
            }
        }
        Expr::Call(call) => {
            let args = &call.args;
            if let Some(target) = &call.target {
                infer(target, Some(Text), found);
                args.iter().for_each(|a| infer(a, Some(Text), found));
                return;
            }
            match call.func_name.as_str() {
                operators::LOGICAL_AND | operators::LOGICAL_OR | operators::LOGICAL_NOT => {
                    args.iter().for_each(|a| infer(a, Some(Boolean), found));
                }
                operators::NEGATE
                | operators::SUBSTRACT
                | operators::MULTIPLY
                | operators::DIVIDE => args.iter().for_each(|a| infer(a, Some(Number), found)),
                operators::CONDITIONAL => {
                    if let [test, then, otherwise] = args.as_slice() {
                        infer(test, Some(Boolean), found);
                        infer(then, want, found);
                        infer(otherwise, want, found);
                    }
                }
                operators::IN => {
                    if let [item, set] = args.as_slice() {
                        let element = match &set.expr {
                            Expr::List(list) => list.elements.iter().find_map(|i| ty(i, found)),
                            _ => None,
                        };
                        infer(item, element, found);
                    }
                }
                // `+` and the comparisons: each side has the other side's type.
                _ => {
                    if let [a, b] = args.as_slice() {
                        let (ta, tb) = (ty(a, found), ty(b, found));
                        let add = call.func_name == operators::ADD;
                        infer(a, tb.or(if add { want } else { None }), found);
                        infer(b, ta.or(if add { want } else { None }), found);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The type an expression gives, as far as literals and known variables tell.
fn ty(e: &IdedExpr, found: &BTreeMap<String, VarType>) -> Option<VarType> {
    match &e.expr {
        Expr::Literal(LiteralValue::Boolean(_)) => Some(VarType::Boolean),
        Expr::Literal(LiteralValue::Int(_) | LiteralValue::UInt(_) | LiteralValue::Double(_)) => {
            Some(VarType::Number)
        }
        Expr::Literal(LiteralValue::String(s)) if is_date(s) => Some(VarType::Date),
        Expr::Literal(LiteralValue::String(_)) => Some(VarType::Text),
        Expr::Ident(name) => found.get(name).copied(),
        Expr::Call(call) => match call.func_name.as_str() {
            operators::NEGATE | operators::SUBSTRACT | operators::MULTIPLY | operators::DIVIDE => {
                Some(VarType::Number)
            }
            operators::ADD => call.args.iter().find_map(|a| ty(a, found)),
            operators::CONDITIONAL => call.args.iter().skip(1).find_map(|a| ty(a, found)),
            _ => Some(VarType::Boolean),
        },
        _ => None,
    }
}
