//! FEEL, as Camunda 8 evaluates conditions: `=amount > 1000 and not(urgent)`. FEEL's `if … then
//! … else` is outside the subset the import reads back, so a choice `c ? a : b` is refused.

use super::write::Spelling;
use super::Dialect;

pub(super) const SPELLING: Spelling = Spelling {
    dialect: Dialect::Feel,
    booleans: ["true", "false"],
    and: "and",
    or: "or",
    equals: "=",
    not_equals: "!=",
    not: |a| format!("not({a})"),
    float_point: false,
    variable: str::to_string,
    member: |item, list| format!("({item} in [{}])", list.join(", ")),
    choice: None,
    method: |name, target, arg| {
        let function = match name {
            "contains" => "contains",
            "startsWith" => "starts with",
            "endsWith" => "ends with",
            _ => return None,
        };
        Some(format!("{function}({target}, {arg})"))
    },
    whole: |body| format!("={body}"),
};
