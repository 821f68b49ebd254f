//! Python, as SpiffWorkflow evaluates conditions: `(amount > 10000) and (not rush)`.

use super::write::Spelling;
use super::Dialect;

pub(super) const SPELLING: Spelling = Spelling {
    dialect: Dialect::Python,
    booleans: ["True", "False"],
    and: "and",
    or: "or",
    equals: "==",
    not_equals: "!=",
    not: |a| format!("(not {a})"),
    float_point: true,
    variable: str::to_string,
    member: |item, list| format!("({item} in [{}])", list.join(", ")),
    choice: Some(|c, a, b| format!("({a} if {c} else {b})")),
    method: |name, target, arg| match name {
        "contains" => Some(format!("({arg} in {target})")),
        "startsWith" => Some(format!("{target}.startswith({arg})")),
        "endsWith" => Some(format!("{target}.endswith({arg})")),
        _ => None,
    },
    whole: |body| body,
};
