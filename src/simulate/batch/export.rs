//! A batch result as CSV for a spreadsheet: one row per step, with its role's figures beside it.

use super::result::BatchResult;

const COLUMNS: [&str; 10] = [
    "step",
    "role",
    "count",
    "waiting_hours",
    "working_hours",
    "sla_breach_rate",
    "role_capacity",
    "role_utilisation",
    "role_cost",
    "role_mean_queue",
];

pub fn to_csv(result: &BatchResult) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    let optional = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    for step in &result.steps {
        let role = result.roles.iter().find(|r| r.role == step.role);
        let row = [
            field(&step.name),
            field(&step.role),
            step.count.to_string(),
            step.waiting_hours.to_string(),
            step.working_hours.to_string(),
            optional(step.breach_rate),
            role.and_then(|r| r.capacity)
                .map_or(String::new(), |c| c.to_string()),
            optional(role.and_then(|r| r.utilisation)),
            optional(role.map(|r| r.cost)),
            optional(role.map(|r| r.mean_queue)),
        ];
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// RFC 4180: quote a field that holds a comma, quote or line break; double its quotes.
fn field(text: &str) -> String {
    match text.contains([',', '"', '\n', '\r']) {
        true => format!("\"{}\"", text.replace('"', "\"\"")),
        false => text.to_string(),
    }
}
