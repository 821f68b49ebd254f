//! Over every BPMN file of the corpus, imported in memory: what a person reads — `show`, the
//! validation problems, a diff against an edited copy, a short simulation log and the handbook —
//! never names an element by an empty name (`""`) or by a bare UUID.

mod bpmn_corpus;
mod support;

use std::collections::{BTreeMap, HashMap};

use chrono::{TimeZone, Utc};
use flowlane::bpmn::import;
use flowlane::diff::{diff, render_text};
use flowlane::export::handbook::{markdown, Source};
use flowlane::export::outline::outline;
use flowlane::model::{Flow, Process};
use flowlane::simulate::{no_calls, render_log, run, start, LogFormat};
use flowlane::validate::{validate, Context};
use uuid::Uuid;

/// The lines of `text` that name something by `""` or by a UUID.
fn unreadable(file: &str, output: &str, text: &str) -> Vec<String> {
    support::readable::unreadable(&format!("{file} ({output})"), text)
}

/// The process with a few edits a person might make: a step's name cleared, a flow removed,
/// one reconnected and one added.
fn edited(p: &Process) -> Process {
    let mut e = p.clone();
    if let Some(node) = e.nodes.iter_mut().find(|n| !n.name.trim().is_empty()) {
        node.name = String::new();
    }
    if !e.flows.is_empty() {
        e.flows.remove(0);
    }
    let (first, last) = (e.nodes.first().map(|n| n.id), e.nodes.last().map(|n| n.id));
    if let (Some(flow), Some(last)) = (e.flows.first_mut(), last) {
        flow.target = last;
    }
    if let (Some(first), Some(last)) = (first, last) {
        e.flows
            .push(Flow::between(Uuid::from_u128(0xF10E), last, first));
    }
    e
}

fn simulation_log(p: &Process) -> Option<String> {
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).single()?;
    let instance = start(p.clone(), Default::default(), at, &no_calls).ok()?;
    let done = run(instance, &BTreeMap::new(), 40);
    let log = render_log(&done.instance, LogFormat::Text);
    Some(format!("{log}{}\n", done.stop.explain(&done.instance)))
}

#[test]
fn no_output_names_an_element_by_an_empty_name_or_an_id() {
    let mut found = Vec::new();
    let mut checked = 0;
    let no_names = HashMap::new();
    let mut lines = 0;
    let mut unreadable = |file: &str, output: &str, text: &str| {
        lines += text.lines().count();
        unreadable(file, output, text)
    };
    for (file, bytes) in bpmn_corpus::every_file() {
        let Ok(p) = import(&bytes) else { continue };
        checked += 1;
        found.extend(unreadable(&file, "show", &outline(&p)));
        let problems: Vec<String> = validate(&p, &Context::default())
            .into_iter()
            .map(|problem| problem.message)
            .collect();
        found.extend(unreadable(&file, "problems", &problems.join("\n")));
        let changes = render_text(&diff(&p, &edited(&p)));
        found.extend(unreadable(&file, "diff", &changes));
        if let Some(log) = simulation_log(&p) {
            found.extend(unreadable(&file, "simulation", &log));
        }
        let handbook = markdown(&Source::unsaved(&p, &no_names));
        found.extend(unreadable(&file, "handbook", &handbook));
    }
    println!("{checked} corpus files, {lines} output lines checked");
    assert_eq!(checked, 216, "every file that imports is checked");
    assert!(
        found.is_empty(),
        "{} lines:\n{}",
        found.len(),
        found.join("\n")
    );
}
