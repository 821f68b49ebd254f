//! Per-case fitness as a CSV table, for a spreadsheet.

use super::Conformance;

/// One row per case: its id, variant (numbered from 1), both fitness figures and what it did
/// not follow.
pub fn cases_csv(report: &Conformance) -> Result<Vec<u8>, csv::Error> {
    let mut table = csv::Writer::from_writer(Vec::new());
    table.write_record([
        "case",
        "variant",
        "alignment fitness",
        "token replay fitness",
        "skipped steps",
        "activities not in the design",
    ])?;
    for case in &report.cases {
        let variant = report.variants.get(case.variant as usize);
        let list = |names: Option<&Vec<String>>| names.map_or_else(String::new, |n| n.join("; "));
        table.write_record([
            case.case.clone(),
            (case.variant + 1).to_string(),
            format!("{:.6}", case.alignment_fitness),
            format!("{:.6}", case.replay_fitness),
            list(variant.map(|v| &v.skipped)),
            list(variant.map(|v| &v.extra)),
        ])?;
    }
    table
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
