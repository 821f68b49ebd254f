//! Conditions on instance data: the one place they are parsed, type-checked and evaluated.
//!
//! The language is CEL (the Common Expression Language, through the `cel` crate), restricted to
//! what every export target (Python for SpiffWorkflow, JUEL, FEEL) can express: literals,
//! declared variables, `!`, `&&`, `||`, comparisons, `+ - * /`, `c ? a : b`, `x in [..]`, and the
//! text methods `contains`, `startsWith` and `endsWith`. Anything else is refused with its column.
//! Examples: `amount > 10000`, `approved == true`, `department in ["IT", "HR"]`.
//!
//! Types are the process's declared variable types:
//! - **number**: every number is a 64-bit float, so `10000` and `10000.0` are the same value and
//!   whole and fractional numbers mix freely in arithmetic and comparisons;
//! - **text** and **boolean**: as written, `"IT"` (or `'IT'`) and `true` / `false`;
//! - **date**: ISO 8601 calendar-date text, `YYYY-MM-DD`, in instance data (a JSON string) and in
//!   conditions (`start_date >= "2026-03-01"`). The format is fixed-width, so comparing the text
//!   compares the dates, with no time zone involved. A date compares with another date or a date
//!   literal, never with other text or a number, and there is no date arithmetic.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use cel::common::ast::{Expr, LiteralValue};
use cel::common::types::CelDouble;
use cel::{Context, Env, IdedExpr, Program, Value};
use chrono::NaiveDate;
use serde_json::{Map, Value as Json};

use crate::model::{VarType, Variable};

pub mod dialect;
mod python;
mod types;

pub use python::to_python;

use types::{word, Checker, Ty};

/// A parsed condition. Build it with [`parse`]; it keeps its source for messages.
#[derive(Debug)]
pub struct Condition {
    source: String,
    /// As parsed: knows where each part of the expression was written.
    program: Program,
    /// The same expression with every number literal as a float, ready to evaluate.
    expression: IdedExpr,
}

impl Condition {
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// What is wrong with a condition. Columns count characters from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExprError {
    #[error("the condition is empty")]
    Empty,
    #[error("column {column}: {message}")]
    Syntax { column: usize, message: String },
    #[error("column {column}: {what} is not supported in conditions")]
    Unsupported { column: usize, what: String },
    #[error("column {column}: `{name}` is not a declared variable")]
    Undeclared { column: usize, name: String },
    #[error("column {column}: {message}")]
    Type { column: usize, message: String },
    #[error("the instance data has no value for `{name}`")]
    MissingValue { name: String },
    #[error("`{name}` should be {expected}, but the instance data holds {found}")]
    BadValue {
        name: String,
        expected: String,
        found: String,
    },
    #[error("the condition could not be evaluated: {0}")]
    Evaluation(String),
}

impl ExprError {
    /// Where in the condition the problem is, when it is about one place.
    pub fn column(&self) -> Option<usize> {
        match self {
            ExprError::Syntax { column, .. }
            | ExprError::Unsupported { column, .. }
            | ExprError::Undeclared { column, .. }
            | ExprError::Type { column, .. } => Some(*column),
            _ => None,
        }
    }
}

/// A constant a condition compares with; the validator derives test values from these.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    Number(f64),
    Text(String),
}

/// Parses a condition. Errors carry the column of the first problem.
pub fn parse(text: &str) -> Result<Condition, ExprError> {
    if text.trim().is_empty() {
        return Err(ExprError::Empty);
    }
    let program = Program::compile(text).map_err(|errors| {
        let first = errors.errors.first();
        ExprError::Syntax {
            column: first.map_or(1, |e| usize::try_from(e.pos.1).unwrap_or(1).max(1)),
            message: first.map_or_else(|| "cannot read it".into(), |e| readable(&e.msg)),
        }
    })?;
    let mut expression = program.expression().clone();
    numbers_as_floats(&mut expression);
    Ok(Condition {
        source: text.to_string(),
        program,
        expression,
    })
}

/// The variables a condition reads, by name.
pub fn variables(condition: &Condition) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    walk(&condition.expression, &mut |e| {
        if let Expr::Ident(name) = e {
            names.insert(name.clone());
        }
    });
    names
}

/// The number and text constants a condition mentions, in order of appearance.
pub fn constants(condition: &Condition) -> Vec<Constant> {
    let mut found = Vec::new();
    walk(&condition.expression, &mut |e| match e {
        Expr::Literal(LiteralValue::Double(d)) => found.push(Constant::Number(**d)),
        Expr::Literal(LiteralValue::String(s)) => found.push(Constant::Text(s.to_string())),
        _ => {}
    });
    found
}

/// Checks, without data, that the condition only reads declared variables, uses them with their
/// types and gives true or false.
pub fn check(condition: &Condition, variables: &[Variable]) -> Result<(), ExprError> {
    let lookup = |name: &str| {
        variables
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.var_type)
    };
    Checker {
        program: &condition.program,
        lookup: &lookup,
    }
    .condition(condition.program.expression())
}

/// Checks a condition as typed on a flow: a variable it reads that `variables` lacks counts as
/// declared with the type its use implies, as the edit that stores the condition declares it.
pub fn check_as_typed(text: &str, variables: &[Variable]) -> Result<(), ExprError> {
    check(&parse(text)?, &dialect::declared_with(variables, [text]))
}

/// Evaluates a condition over instance data (variable name → JSON value). Declared variables
/// must hold values of their type; undeclared ones are typed by their JSON value.
pub fn evaluate(
    condition: &Condition,
    data: &Map<String, Json>,
    variables: &[Variable],
) -> Result<bool, ExprError> {
    let mut context = Context::with_env(stdlib());
    let mut types = Vec::new();
    for name in self::variables(condition) {
        let declared = variables
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.var_type);
        let value = data
            .get(&name)
            .ok_or_else(|| ExprError::MissingValue { name: name.clone() })?;
        let (var_type, bound) = bind(&name, declared, value)?;
        context.add_variable_from_value(name.clone(), bound);
        types.push((name, var_type));
    }
    let lookup = |name: &str| types.iter().find(|(n, _)| n == name).map(|(_, t)| *t);
    Checker {
        program: &condition.program,
        lookup: &lookup,
    }
    .condition(condition.program.expression())?;
    match Value::resolve(&condition.expression, &context) {
        Ok(Value::Bool(result)) => Ok(result),
        Ok(other) => Err(ExprError::Evaluation(format!(
            "it gave {other:?} instead of true or false"
        ))),
        Err(err) => Err(ExprError::Evaluation(err.to_string())),
    }
}

/// Checks that `value` is a value of the declared `variable`'s type (the rule `evaluate` applies).
pub fn check_value(variable: &Variable, value: &Json) -> Result<(), ExprError> {
    bind(&variable.name, Some(variable.var_type), value).map(|_| ())
}

/// True for an ISO 8601 calendar date written `YYYY-MM-DD`, the one way dates are written.
pub fn is_date(text: &str) -> bool {
    text.len() == 10 && NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// The standard CEL environment, built once: building it costs more than most evaluations.
fn stdlib() -> Arc<Env> {
    static STDLIB: OnceLock<Arc<Env>> = OnceLock::new();
    STDLIB.get_or_init(|| Arc::new(Env::stdlib())).clone()
}

fn bind(
    name: &str,
    declared: Option<VarType>,
    value: &Json,
) -> Result<(VarType, Value), ExprError> {
    use VarType::*;
    match (declared, value) {
        (None | Some(Number), Json::Number(n)) => {
            let n = n.as_f64().unwrap_or(f64::NAN);
            Ok((Number, Value::Float(n)))
        }
        (None | Some(Text), Json::String(s)) => Ok((Text, Value::from(s.as_str()))),
        (Some(Date), Json::String(s)) if is_date(s) => Ok((Date, Value::from(s.as_str()))),
        (None | Some(Boolean), Json::Bool(b)) => Ok((Boolean, Value::Bool(*b))),
        (None | Some(List), Json::Array(items)) if items.iter().all(Json::is_string) => {
            let items: Vec<&str> = items.iter().filter_map(Json::as_str).collect();
            Ok((List, Value::from(items)))
        }
        (declared, other) => Err(ExprError::BadValue {
            name: name.to_string(),
            expected: match declared {
                Some(Date) => "a date written YYYY-MM-DD".into(),
                Some(t) => word(&Ty::from(t)).into(),
                None => "a number, text, true/false or a list of text".into(),
            },
            found: match other {
                Json::Null => "null".into(),
                Json::Bool(b) => b.to_string(),
                Json::Number(n) => format!("the number {n}"),
                Json::String(s) => format!("the text \"{s}\""),
                Json::Array(items) if items.iter().all(Json::is_string) => "a list".into(),
                Json::Array(_) => "a list with items other than text".into(),
                Json::Object(_) => "an object".into(),
            },
        }),
    }
}

/// CEL's parser speaks ANTLR; say the same thing in words a process owner knows.
fn readable(message: &str) -> String {
    let message = message.strip_prefix("Syntax error: ").unwrap_or(message);
    let message = message.split(" expecting ").next().unwrap_or(message);
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .map(|rest| rest.trim().trim_matches('\'').trim().to_string())
    };
    if let Some(token) = quoted("token recognition error at: ") {
        return if token.starts_with('=') {
            "`=` is not a comparison: write `==`".into()
        } else {
            format!("cannot read `{token}`")
        };
    }
    if let Some((missing, at)) = message
        .strip_prefix("missing ")
        .and_then(|rest| rest.split_once(" at "))
    {
        let (missing, at) = (missing.trim_matches('\''), at.trim_matches('\''));
        return if at == "<EOF>" {
            format!("`{missing}` is missing at the end")
        } else {
            format!("`{missing}` is missing before `{at}`")
        };
    }
    match quoted("mismatched input ").or_else(|| quoted("extraneous input ")) {
        Some(token) if token == "<EOF>" => "the condition ends too early".into(),
        Some(token) => format!("unexpected `{token}`"),
        None => message.to_string(),
    }
}

/// Numbers are one type, so literals are floats like the data they meet.
fn numbers_as_floats(e: &mut IdedExpr) {
    match &mut e.expr {
        Expr::Literal(literal) => {
            let value = match literal {
                LiteralValue::Int(i) => Some(**i as f64),
                LiteralValue::UInt(u) => Some(**u as f64),
                _ => None,
            };
            if let Some(value) = value {
                *literal = LiteralValue::Double(CelDouble::from(value));
            }
        }
        Expr::Call(call) => {
            if let Some(target) = &mut call.target {
                numbers_as_floats(target);
            }
            call.args.iter_mut().for_each(numbers_as_floats);
        }
        Expr::List(list) => list.elements.iter_mut().for_each(numbers_as_floats),
        _ => {}
    }
}

/// Visits every expression node the condition language uses.
fn walk(e: &IdedExpr, visit: &mut dyn FnMut(&Expr)) {
    visit(&e.expr);
    match &e.expr {
        Expr::Call(call) => {
            if let Some(target) = &call.target {
                walk(target, visit);
            }
            for arg in &call.args {
                walk(arg, visit);
            }
        }
        Expr::List(list) => list.elements.iter().for_each(|item| walk(item, visit)),
        Expr::Select(select) => walk(&select.operand, visit),
        _ => {}
    }
}
