//! JavaScript, as bpmn-engine runs a script condition (`language="javascript"`): the result is
//! handed to `next`, variables are read from `environment.variables`:
//! `next(null, environment.variables.amount > 1000);`.

use super::write::Spelling;
use super::Dialect;

pub(super) const SPELLING: Spelling = Spelling {
    dialect: Dialect::JavaScript,
    booleans: ["true", "false"],
    and: "&&",
    or: "||",
    equals: "===",
    not_equals: "!==",
    not: |a| format!("!{a}"),
    float_point: false,
    variable: |name| format!("environment.variables.{name}"),
    member: |item, list| format!("[{}].includes({item})", list.join(", ")),
    choice: Some(|c, a, b| format!("({c} ? {a} : {b})")),
    method: |name, target, arg| match name {
        "contains" => Some(format!("{target}.includes({arg})")),
        "startsWith" | "endsWith" => Some(format!("{target}.{name}({arg})")),
        _ => None,
    },
    whole: |body| format!("next(null, {body});"),
};
