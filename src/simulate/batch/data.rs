//! Instance data drawn from the process's generators, so gateway conditions decide as they would
//! on real data.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Number, Value as Json};

use super::quantity::Sampler;
use super::BatchError;
use crate::expr;
use crate::model::{Generator, VarType, Variable};

/// One variable's generator, checked against its declared type.
#[derive(Clone, Debug)]
pub(super) struct VariableSource {
    pub(super) name: String,
    draw: Draw,
}

#[derive(Clone, Debug)]
enum Draw {
    Number(Sampler),
    Boolean(f64),
    /// Values with their cumulative weights.
    Choice(Vec<(Json, f64)>),
}

impl VariableSource {
    pub(super) fn new(
        name: &str,
        generator: &Generator,
        variables: &[Variable],
    ) -> Result<VariableSource, BatchError> {
        let bad = |why: String| BatchError::BadGenerator {
            variable: name.to_string(),
            why,
        };
        let variable = variables
            .iter()
            .find(|v| v.name == name)
            .ok_or_else(|| bad("it is not a declared variable of the process".into()))?;
        let draw = match (generator, variable.var_type) {
            (Generator::Number { sample }, VarType::Number) => {
                Draw::Number(Sampler::new(sample, &format!("data for `{name}`"), false)?)
            }
            (Generator::Boolean { probability }, VarType::Boolean) => {
                if !(0.0..=1.0).contains(probability) {
                    return Err(bad(format!(
                        "the probability must lie between 0 and 1, not {probability}"
                    )));
                }
                Draw::Boolean(*probability)
            }
            (Generator::Choice { weights }, declared) if declared != VarType::Boolean => {
                let mut total = 0.0;
                let mut cumulative = Vec::new();
                for (value, weight) in weights {
                    if !(weight.is_finite() && *weight >= 0.0) {
                        return Err(bad(format!(
                            "the weight of \"{value}\" must be zero or more, not {weight}"
                        )));
                    }
                    let value = match declared {
                        VarType::Date if !expr::is_date(value) => {
                            return Err(bad(format!("\"{value}\" is not a date (YYYY-MM-DD)")))
                        }
                        VarType::Number => value
                            .trim()
                            .parse::<f64>()
                            .ok()
                            .and_then(Number::from_f64)
                            .map(Json::Number)
                            .ok_or_else(|| bad(format!("\"{value}\" is not a number")))?,
                        // One comma-separated set of items per weighted value.
                        VarType::List => Json::Array(
                            value
                                .split(',')
                                .map(str::trim)
                                .filter(|item| !item.is_empty())
                                .map(|item| Json::String(item.into()))
                                .collect(),
                        ),
                        _ => Json::String(value.clone()),
                    };
                    total += weight;
                    cumulative.push((value, total));
                }
                if total <= 0.0 {
                    return Err(bad("the weights must not all be zero".into()));
                }
                Draw::Choice(cumulative)
            }
            (_, declared) => {
                return Err(bad(format!(
                    "a {} variable cannot be drawn this way (number: a distribution or weighted values, boolean: a probability, text or date: weighted values, list: weighted values of comma-separated items)",
                    declared.as_str()
                )))
            }
        };
        Ok(VariableSource {
            name: name.to_string(),
            draw,
        })
    }

    pub(super) fn draw(&self, rng: &mut ChaCha8Rng) -> Json {
        match &self.draw {
            Draw::Number(sampler) => {
                Number::from_f64(sampler.sample(rng)).map_or(Json::Null, Json::Number)
            }
            Draw::Boolean(p) => Json::Bool(rng.random::<f64>() < *p),
            Draw::Choice(cumulative) => {
                let total = cumulative.last().map_or(0.0, |(_, t)| *t);
                let pick = rng.random::<f64>() * total;
                cumulative
                    .iter()
                    .find(|(_, upto)| pick < *upto)
                    .or(cumulative.last())
                    .map_or(Json::Null, |(value, _)| value.clone())
            }
        }
    }
}

/// Draws every variable into `data`.
pub(super) fn draw_all(
    sources: &[VariableSource],
    data: &mut Map<String, Json>,
    rng: &mut ChaCha8Rng,
) {
    for source in sources {
        data.insert(source.name.clone(), source.draw(rng));
    }
}
