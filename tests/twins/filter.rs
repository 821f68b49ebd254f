//! The process list's filter (`src/store/filter.rs`, `ui/src/panels/processFilter.ts`): which
//! summaries each text matches, or the message saying why it is not a filter.

use flowlane::model::{Category, Id};
use flowlane::store::{ProcessFilter, ProcessSummary};
use serde_json::json;

use crate::fixture;

const TEXTS: &[&str] = &[
    "",
    "   ",
    "invoice",
    "INVOICE",
    "owner:ann",
    "owner:Ann category:sup",
    "owner:ann category:support invoice",
    "category:op",
    "category:operational",
    "category:port",
    "tag:approved",
    "tag:\"in production\"",
    "tag:prod",
    "owner:\"ann lee\"",
    "\"ann lee\"",
    "name:review",
    "name:\"contract review\"",
    "support",
    "Name:Invoice",
    "colour:red",
    "owner:",
    "owner:\"\"",
    "owner:\"ann",
    "\"",
    ":invoice",
    "10:30",
    "a1:b",
    "\tinvoice\nowner:finance\r",
    "ümlaut",
    "ÜMLAUT",
    "ΣΟΦΊΑ",
    "approved invoice",
];

fn summary(n: u128, name: &str, category: Category, owner: &str, tags: &[&str]) -> ProcessSummary {
    ProcessSummary {
        id: Id::from_u128(n),
        name: name.into(),
        category,
        owner: owner.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        latest: Some(1),
        saved_at: None,
        has_draft: false,
        archived: false,
    }
}

#[test]
fn the_filter_matches_what_the_fixture_says() {
    let summaries = vec![
        summary(
            1,
            "Invoice approval",
            Category::Operational,
            "Ann Lee",
            &["approved"],
        ),
        summary(2, "Invoice intake", Category::Support, "Ann Lee", &[]),
        summary(
            3,
            "Contract review",
            Category::Management,
            "General counsel",
            &["in production"],
        ),
        summary(
            4,
            "Supplier onboarding",
            Category::Support,
            "Procurement lead",
            &[],
        ),
        summary(
            5,
            "Ümlaut Prüfung",
            Category::Operational,
            "Jörg",
            &["Geprüft"],
        ),
        summary(
            6,
            "Σοφία's request",
            Category::Management,
            "Finance controller",
            &[],
        ),
        summary(7, "", Category::Operational, "", &[]),
    ];
    let cases: Vec<serde_json::Value> = TEXTS
        .iter()
        .map(|text| match ProcessFilter::parse(text) {
            Ok(filter) => {
                let matched: Vec<String> = summaries
                    .iter()
                    .filter(|s| filter.matches(s))
                    .map(|s| s.id.to_string())
                    .collect();
                json!({ "filter": text, "expected": { "matches": matched } })
            }
            Err(e) => json!({ "filter": text, "expected": { "error": e.to_string() } }),
        })
        .collect();
    fixture::check_document(
        "filter",
        json!({
            "about": "Process list filters (src/store/filter.rs) over `summaries`: the ids each text matches, or its error. ui/src/panels/processFilter.ts must agree.",
            "summaries": summaries,
            "cases": cases,
        }),
    );
}
