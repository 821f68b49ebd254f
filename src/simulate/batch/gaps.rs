//! What a definition lacks before a batch run can decide at each of its decisions, and a
//! parameter set of defaults that fills it: equal chances for the ways out of a decision the data
//! cannot decide, and for a variable its conditions read, values spread around the constants they
//! compare it with.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::parameters::ParameterSet;
use crate::describe::Names;
use crate::expr::{self, Constant};
use crate::model::{Distribution, Flow, GatewayKind, Generator, Id, NodeKind, Process, VarType};

/// One missing parameter: the element it belongs to, in words what is missing and what the
/// default would be.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Gap {
    pub element: Id,
    /// `decision "Over 5,000?"` or `` variable `amount` ``.
    pub what: String,
    pub why: String,
    pub default: String,
}

/// Every gap of a definition and the set that fills them all.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Gaps {
    pub gaps: Vec<Gap>,
    pub defaults: ParameterSet,
}

/// The gaps of `process`, with its parameters already applied (see `parameterised`).
pub fn gaps(process: &Process) -> Gaps {
    let names = Names::of(process);
    let mut out = Gaps::default();
    let generated: BTreeSet<&str> = process
        .info
        .variables
        .iter()
        .filter(|v| v.generated.is_some())
        .map(|v| v.name.as_str())
        .collect();
    let mut offered: BTreeMap<String, Generator> = BTreeMap::new();
    for gateway in &process.nodes {
        let NodeKind::Gateway { gateway: kind, .. } = gateway.kind else {
            continue;
        };
        if matches!(kind, GatewayKind::Parallel | GatewayKind::EventBased) {
            continue;
        }
        let ways: Vec<&Flow> = process
            .flows
            .iter()
            .filter(|f| f.source == gateway.id)
            .collect();
        if ways.len() < 2 || ways.iter().all(|f| f.probability.is_some()) {
            continue;
        }
        let what = format!("decision \"{}\"", names.text(gateway.id));
        let chances = |why: String, out: &mut Gaps| {
            let (ways_out, words) = equal_chances(&ways);
            out.defaults
                .branches
                .insert(gateway.id.to_string(), ways_out);
            out.gaps.push(Gap {
                element: gateway.id,
                what: what.clone(),
                why,
                default: words,
            });
        };
        if ways.iter().any(|f| f.probability.is_some()) {
            chances(
                "only some of its ways out have a probability".into(),
                &mut out,
            );
            continue;
        }
        let unconditioned = ways.iter().any(|f| !f.default && f.condition.is_none());
        if unconditioned && kind == GatewayKind::Exclusive {
            chances(
                "a way out has neither a condition nor a probability".into(),
                &mut out,
            );
            continue;
        }
        let mut undecidable = None;
        for flow in ways.iter().filter(|f| !f.default) {
            let Some(text) = flow.condition.as_deref() else {
                continue;
            };
            let Ok(condition) = expr::parse(text) else {
                undecidable = Some(format!("`{text}` cannot be read"));
                break;
            };
            for name in expr::variables(&condition) {
                if generated.contains(name.as_str()) || offered.contains_key(&name) {
                    continue;
                }
                let declared = process.info.variables.iter().find(|v| v.name == name);
                let generator =
                    declared.and_then(|v| default_generator(v.var_type, &name, process));
                match (declared, generator) {
                    (None, _) => {
                        undecidable = Some(format!(
                            "`{text}` reads `{name}`, which is not a variable of the process"
                        ));
                    }
                    (Some(_), None) => {
                        undecidable = Some(format!("nothing says which values `{name}` takes"));
                    }
                    (Some(variable), Some(generator)) => {
                        out.gaps.push(Gap {
                            element: process.id,
                            what: format!("variable `{name}`"),
                            why: format!("{what} reads it and it has no generated data"),
                            default: generator.to_string(),
                        });
                        out.defaults
                            .simulation
                            .data
                            .insert(variable.name.clone(), generator.clone());
                        offered.insert(name, generator);
                    }
                }
            }
            if undecidable.is_some() {
                break;
            }
        }
        if let Some(why) = undecidable {
            chances(why, &mut out);
        }
    }
    out
}

/// Equal chances for the ways without a probability, sharing what the others leave (all of it
/// when they leave nothing), keyed by flow id; and in words.
fn equal_chances(ways: &[&Flow]) -> (BTreeMap<String, f64>, String) {
    let given: f64 = ways.iter().filter_map(|f| f.probability).sum();
    let missing = ways.iter().filter(|f| f.probability.is_none()).count();
    let (left, share_of) = match given < 1.0 && missing > 0 {
        true => (1.0 - given, missing),
        false => (1.0, ways.len()),
    };
    let share = left / share_of as f64;
    let keep_given = share_of == missing;
    let chances: BTreeMap<String, f64> = ways
        .iter()
        .map(|f| {
            let p = match (keep_given, f.probability) {
                (true, Some(p)) => p,
                _ => share,
            };
            (f.id.to_string(), p)
        })
        .collect();
    let words = match keep_given && given > 0.0 {
        true => format!(
            "{:.0} % for each way out without a probability",
            share * 100.0
        ),
        false => format!(
            "{:.0} % for each of its {} ways out",
            share * 100.0,
            ways.len()
        ),
    };
    (chances, words)
}

/// A generator for a variable the conditions compare with constants: numbers uniform from zero
/// (or twice the lowest negative constant) to twice the highest, so each side of `amount > 5000`
/// is as likely; booleans true half the time; text one of the compared values or another.
fn default_generator(var_type: VarType, name: &str, process: &Process) -> Option<Generator> {
    let constants: Vec<Constant> = process
        .flows
        .iter()
        .filter_map(|f| expr::parse(f.condition.as_deref()?).ok())
        .filter(|c| expr::variables(c).contains(name))
        .flat_map(|c| expr::constants(&c))
        .collect();
    match var_type {
        VarType::Boolean => Some(Generator::Boolean { probability: 0.5 }),
        VarType::Number => {
            let numbers: Vec<f64> = constants
                .iter()
                .filter_map(|c| match c {
                    Constant::Number(n) if n.is_finite() => Some(*n),
                    _ => None,
                })
                .collect();
            let low = numbers.iter().copied().reduce(f64::min)?;
            let high = numbers.iter().copied().reduce(f64::max)?;
            let min = if low >= 0.0 { 0.0 } else { 2.0 * low };
            let max = if high > 0.0 {
                2.0 * high
            } else {
                high.abs().max(1.0)
            };
            Some(Generator::Number {
                sample: Distribution::Uniform { min, max },
            })
        }
        VarType::Text | VarType::Date => {
            let mut weights: BTreeMap<String, f64> = constants
                .iter()
                .filter_map(|c| match c {
                    Constant::Text(t) => Some((t.clone(), 1.0)),
                    Constant::Number(_) => None,
                })
                .collect();
            if weights.is_empty() {
                return None;
            }
            if var_type == VarType::Text && !weights.contains_key("other") {
                weights.insert("other".into(), 1.0);
            }
            Some(Generator::Choice { weights })
        }
        // Which items a case has cannot be guessed from the conditions.
        VarType::List => None,
    }
}
