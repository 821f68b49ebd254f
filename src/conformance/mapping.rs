//! Which log activity is which step: the same name, else the same name once case, spaces and
//! punctuation are set aside; what stays unmapped is listed with the steps whose names are most
//! alike (strsim), never dropped silently.

use serde::Serialize;
use ts_rs::TS;

/// How the log's activities meet the net's step labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    /// For each log activity (by index), the step label it is, if any.
    pub label_of: Vec<Option<u32>>,
    pub unmapped: Vec<Unmapped>,
}

/// A log activity no step matched, and the steps it most resembles.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Unmapped {
    pub activity: String,
    pub suggestions: Vec<String>,
}

/// Lower case letters and digits, words joined by single spaces: "Approve  invoice!" and
/// "approve-invoice" both read "approve invoice".
pub fn normalise(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How alike two names must be (normalised Levenshtein, 0–1) to be suggested.
const SUGGEST_AT: f64 = 0.5;

pub fn map(activities: &[String], labels: &[String]) -> Mapping {
    let normalised: Vec<String> = labels.iter().map(|l| normalise(l)).collect();
    let mut label_of = Vec::with_capacity(activities.len());
    let mut unmapped = Vec::new();
    for activity in activities {
        let exact = labels.iter().position(|l| l == activity);
        let found = exact.or_else(|| {
            let n = normalise(activity);
            normalised.iter().position(|l| *l == n)
        });
        if found.is_none() {
            let n = normalise(activity);
            let mut alike: Vec<(f64, &String)> = labels
                .iter()
                .zip(&normalised)
                .map(|(label, l)| (strsim::normalized_levenshtein(&n, l), label))
                .filter(|(score, _)| *score >= SUGGEST_AT)
                .collect();
            alike.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            unmapped.push(Unmapped {
                activity: activity.clone(),
                suggestions: alike.into_iter().take(3).map(|(_, l)| l.clone()).collect(),
            });
        }
        label_of.push(found.map(|i| i as u32));
    }
    Mapping { label_of, unmapped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_exactly_then_normalised_and_the_rest_get_suggestions() {
        let labels = ["Approve invoice".to_string(), "Pay vendor".to_string()];
        let activities = [
            "Approve invoice".to_string(),
            "pay_VENDOR ".to_string(),
            "Aprove invoices".to_string(),
            "Archive".to_string(),
        ];
        let m = map(&activities, &labels);
        assert_eq!(m.label_of, [Some(0), Some(1), None, None]);
        assert_eq!(m.unmapped[0].activity, "Aprove invoices");
        assert_eq!(m.unmapped[0].suggestions, ["Approve invoice"]);
        assert!(m.unmapped[1].suggestions.is_empty());
    }
}
