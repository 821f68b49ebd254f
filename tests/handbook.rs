//! The process handbook in Markdown and HTML: snapshots of the samples, flow order, escaping.

use std::collections::HashMap;

use chrono::{TimeZone, Utc};
use flowlane::export::handbook::{self, Source};
use flowlane::model::{Id, Process};
use flowlane::store::VersionInfo;
use flowlane::{canonical, samples};

fn sample(file: &str) -> Process {
    let (_, text, _) = samples::FILES.iter().find(|(f, _, _)| *f == file).unwrap();
    canonical::parse(text).unwrap()
}

fn version(process: &Process, number: u32, message: &str, tags: &[&str]) -> VersionInfo {
    VersionInfo {
        process: process.id,
        number,
        hash: format!("{number:064}"),
        prev_hash: None,
        author: "Flowlane samples".to_string(),
        message: message.to_string(),
        saved_at: Utc.with_ymd_and_hms(2026, 3, number, 9, 30, 0).unwrap(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        signed_by: None,
    }
}

fn with_history<T>(file: &str, render: impl Fn(&Source) -> T) -> T {
    let process = sample(file);
    let mut history = vec![version(&process, 1, "Initial design", &["approved"])];
    if file == "accounts-payable.v2.json" {
        history.push(version(
            &process,
            2,
            "Add CFO approval tier for invoices over 10,000",
            &["in production"],
        ));
    }
    let names: HashMap<Id, String> = HashMap::new();
    render(&Source {
        process: &process,
        version: history.last(),
        history: &history,
        tags: &[],
        process_names: &names,
        reality: None,
    })
}

#[test]
fn markdown_of_every_sample() {
    for file in [
        "employee-onboarding.json",
        "accounts-payable.v2.json",
        "contract-review.json",
    ] {
        let text = with_history(file, handbook::markdown);
        insta::assert_snapshot!(format!("markdown_{}", file.trim_end_matches(".json")), text);
    }
}

#[test]
fn html_of_contract_review() {
    let page = with_history("contract-review.json", handbook::html);
    let process = sample("contract-review.json");
    let diagram = flowlane::export::svg::svg(&process);
    assert!(page.contains(&diagram), "the diagram is embedded whole");
    assert!(!page.contains("<script") && !page.contains("src=") && !page.contains("href="));
    // The snapshot reviews the page around the diagram, which tests/export.rs covers.
    insta::assert_snapshot!(page.replace(&diagram, "[diagram]\n"));
}

#[test]
fn steps_follow_the_flow_from_each_lane_entry() {
    let doc = with_history("accounts-payable.v2.json", handbook::document);
    let intake = &doc.lanes[0];
    let names: Vec<&str> = intake.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[0], "Vendor invoice received");
    assert_eq!(names[1], "Register invoice");
    assert_eq!(names[2], "Match to purchase order");
    let approval = doc
        .lanes
        .iter()
        .find(|l| l.name == "Invoice approval")
        .unwrap();
    assert_eq!(
        approval.steps[0].name, "Approve invoice",
        "entered by a hand-off"
    );
    let decision = intake
        .steps
        .iter()
        .find(|s| s.name == "PO matched?")
        .unwrap();
    assert_eq!(decision.ways_out.len(), 2);
    assert_eq!(
        decision.ways_out[0].condition.as_deref(),
        Some("po_matched == true")
    );
    assert!(decision.ways_out[1].default);
}

#[test]
fn every_text_is_escaped() {
    let mut process = sample("contract-review.json");
    process.info.name = "Q&A <b>draft</b> \"v2\"".to_string();
    process.lanes[0].name = "<script>alert(1)</script>".to_string();
    process.nodes[0].name = "*bold* [link](http://x) | pipe".to_string();
    let gateway = process
        .flows
        .iter_mut()
        .find(|f| f.condition.is_some())
        .unwrap();
    gateway.condition = Some("a < b && `c`".to_string());
    let history = vec![version(&process, 1, "Fix <em> & \"quotes\"", &[])];
    let names = HashMap::new();
    let source = Source {
        process: &process,
        version: None,
        history: &history,
        tags: &[],
        process_names: &names,
        reality: None,
    };
    let page = handbook::html(&source);
    assert!(!page.contains("<script>") && !page.contains("<b>") && !page.contains("<em>"));
    assert!(page.contains("Q&amp;A &lt;b&gt;draft&lt;/b&gt; &quot;v2&quot;"));
    assert!(page.contains("<code>a &lt; b &amp;&amp; `c`</code>"));
    let text = handbook::markdown(&source);
    assert!(text.contains("Q\\&A \\<b\\>draft\\</b\\> \"v2\""), "{text}");
    assert!(text.contains("\\*bold\\* \\[link\\](http://x) \\| pipe"));
    assert!(text.contains("if `` a < b && `c` `` → **"), "{text}");
    assert!(text.contains("Fix \\<em\\> \\& \"quotes\""));
}
