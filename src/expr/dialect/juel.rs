//! JUEL, as Camunda 7, Flowable and Activiti evaluate conditions: `${amount > 1000 && !urgent}`.
//! JUEL has no membership test: `x in ["a", "b"]` becomes `x == "a" || x == "b"`.

use super::write::Spelling;
use super::Dialect;

pub(super) const SPELLING: Spelling = Spelling {
    dialect: Dialect::Juel,
    booleans: ["true", "false"],
    and: "&&",
    or: "||",
    equals: "==",
    not_equals: "!=",
    not: |a| format!("!{a}"),
    float_point: false,
    variable: str::to_string,
    member: |item, list| {
        let tests: Vec<String> = list.iter().map(|v| format!("{item} == {v}")).collect();
        format!("({})", tests.join(" || "))
    },
    choice: Some(|c, a, b| format!("({c} ? {a} : {b})")),
    method: |name, target, arg| {
        matches!(name, "contains" | "startsWith" | "endsWith")
            .then(|| format!("{target}.{name}({arg})"))
    },
    whole: |body| format!("${{{body}}}"),
};
