//! A batch result as CSV for a spreadsheet: one row per step, with its role's figures beside it.

use super::result::BatchResult;
use crate::simulate::log::csv_table;

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
    let optional = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    let rows = result.steps.iter().map(|step| {
        let role = result.roles.iter().find(|r| r.role == step.role);
        [
            step.name.clone(),
            step.role.clone(),
            step.count.to_string(),
            step.waiting_hours.to_string(),
            step.working_hours.to_string(),
            optional(step.breach_rate),
            role.and_then(|r| r.capacity)
                .map_or(String::new(), |c| c.to_string()),
            optional(role.and_then(|r| r.utilisation)),
            optional(role.map(|r| r.cost)),
            optional(role.map(|r| r.mean_queue)),
        ]
    });
    csv_table(&COLUMNS, rows)
}
