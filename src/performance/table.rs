//! The per-step figures as a CSV table (one row per step in flow order), for a spreadsheet.

use super::Performance;

/// The steps of `report` as CSV: name, role, count, waiting (mean, p90), service, SLA.
pub fn steps_csv(report: &Performance) -> Result<Vec<u8>, csv::Error> {
    let mut table = csv::Writer::from_writer(Vec::new());
    table.write_record([
        "step",
        "in the design",
        "role",
        "count",
        "waiting hours (mean)",
        "waiting hours (p90)",
        "service hours (mean)",
        "SLA",
        "SLA breaches",
        "SLA breach rate",
    ])?;
    for step in &report.steps {
        let sla = step.sla.as_ref();
        table.write_record([
            step.name.clone(),
            if step.node.is_some() { "yes" } else { "no" }.to_string(),
            step.role.clone(),
            step.count.to_string(),
            format!("{:.4}", step.waiting_hours),
            format!("{:.4}", step.waiting_p90_hours),
            step.service_hours
                .map_or_else(String::new, |h| format!("{h:.4}")),
            sla.map_or_else(String::new, |s| s.target.clone()),
            sla.map_or_else(String::new, |s| s.breaches.to_string()),
            sla.map_or_else(String::new, |s| format!("{:.4}", s.breach_rate)),
        ])?;
    }
    table
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
