//! Which log activity is which step: the same name, else the same name once case, spaces and
//! punctuation are set aside; what stays unmapped is listed with the steps whose names are most
//! alike (strsim), never dropped silently. A mapping the user saved for the process comes first.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the user chose per activity, by name: the step (by its name) it is, or `None` for an
/// activity that is no step of the design. Activities it does not name are matched by name.
pub type SavedMapping = BTreeMap<String, Option<String>>;

/// How an activity was matched to its step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchedBy {
    Exact,
    Normalised,
    /// The user chose it (or chose "no step").
    Saved,
    Unmapped,
}

/// One row of the mapping table an editor shows.
#[derive(Clone, Debug, PartialEq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ActivityMapping {
    pub activity: String,
    /// The step's name; none when unmapped.
    #[ts(optional)]
    pub step: Option<String>,
    pub matched_by: MatchedBy,
    /// Steps whose names are most alike, best first (for an unmapped activity).
    pub suggestions: Vec<String>,
}

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
    map_saved(activities, labels, &SavedMapping::new())
}

/// `map`, with the user's choices first; a saved step the version does not have leaves the
/// activity to be matched by name.
pub fn map_saved(activities: &[String], labels: &[String], saved: &SavedMapping) -> Mapping {
    let rows = table(activities, labels, saved);
    let label_of = rows
        .iter()
        .map(|row| {
            row.step
                .as_ref()
                .and_then(|s| labels.iter().position(|l| l == s))
                .map(|i| i as u32)
        })
        .collect();
    let unmapped = rows
        .into_iter()
        .filter(|row| row.matched_by == MatchedBy::Unmapped)
        .map(|row| Unmapped {
            activity: row.activity,
            suggestions: row.suggestions,
        })
        .collect();
    Mapping { label_of, unmapped }
}

/// Every activity with its step and how it was matched, in the log's order.
pub fn table(
    activities: &[String],
    labels: &[String],
    saved: &SavedMapping,
) -> Vec<ActivityMapping> {
    let normalised: Vec<String> = labels.iter().map(|l| normalise(l)).collect();
    activities
        .iter()
        .map(|activity| {
            let chosen = saved
                .get(activity)
                .filter(|step| step.as_ref().is_none_or(|s| labels.contains(s)));
            let n = normalise(activity);
            let (step, matched_by) = match chosen {
                Some(step) => (step.clone(), MatchedBy::Saved),
                None => match labels.iter().position(|l| l == activity) {
                    Some(i) => (Some(labels[i].clone()), MatchedBy::Exact),
                    None => match normalised.iter().position(|l| *l == n) {
                        Some(i) => (Some(labels[i].clone()), MatchedBy::Normalised),
                        None => (None, MatchedBy::Unmapped),
                    },
                },
            };
            let suggestions = match matched_by {
                MatchedBy::Unmapped => suggestions(&n, labels, &normalised),
                _ => Vec::new(),
            };
            ActivityMapping {
                activity: activity.clone(),
                step,
                matched_by,
                suggestions,
            }
        })
        .collect()
}

/// Up to three step names alike to the normalised activity `n`, best first.
fn suggestions(n: &str, labels: &[String], normalised: &[String]) -> Vec<String> {
    let mut alike: Vec<(f64, &String)> = labels
        .iter()
        .zip(normalised)
        .map(|(label, l)| (strsim::normalized_levenshtein(n, l), label))
        .filter(|(score, _)| *score >= SUGGEST_AT)
        .collect();
    alike.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    alike.into_iter().take(3).map(|(_, l)| l.clone()).collect()
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

    #[test]
    fn a_saved_choice_wins_and_a_saved_no_step_keeps_the_activity_listed_as_saved() {
        let labels = ["Approve invoice".to_string(), "Pay vendor".to_string()];
        let activities = [
            "Aprove invoices".to_string(),
            "Pay vendor".to_string(),
            "Archive".to_string(),
        ];
        let saved = SavedMapping::from([
            (
                "Aprove invoices".to_string(),
                Some("Approve invoice".to_string()),
            ),
            ("Pay vendor".to_string(), None),
            ("Archive".to_string(), Some("Gone step".to_string())),
        ]);
        let m = map_saved(&activities, &labels, &saved);
        assert_eq!(m.label_of, [Some(0), None, None]);
        assert_eq!(
            m.unmapped.len(),
            1,
            "a step the version lacks falls back to names"
        );
        let rows = table(&activities, &labels, &saved);
        let by: Vec<MatchedBy> = rows.iter().map(|r| r.matched_by).collect();
        assert_eq!(
            by,
            [MatchedBy::Saved, MatchedBy::Saved, MatchedBy::Unmapped]
        );
    }
}
