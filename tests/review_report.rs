//! The HTML review report: one self-contained page (nothing fetched, no script), both diagrams
//! with the comparison drawn on them, every change linked to its mark and back, the text diff
//! and a summary line; a close-up first when the change is a small part of a big process. The
//! reports are written to `target/review/` for `ui/tests/diffReport.mjs`, which opens them in
//! headless Chromium (run by `scripts/test`).

mod bpmn_corpus;
mod support;

use std::path::PathBuf;

use flowlane::generate::{generate, GenerateSpec, EPOCH};
use flowlane::model::{NodeKind, Process};
use flowlane::review::{html, read_bpmn};
use support::cli::{flowlane, library_with_samples};

fn report_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/review");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every `id="…"` and `href="#…"` of the page.
fn ids_and_links(page: &str) -> (Vec<&str>, Vec<&str>) {
    let values = |marker: &str| -> Vec<&str> {
        page.split(marker)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    };
    (values(" id=\""), values(" href=\"#"))
}

/// What every report must be: one page that needs nothing else, whose in-page links all land.
fn assert_self_contained(page: &str) {
    assert!(page.starts_with("<!DOCTYPE html>"));
    for outside in ["<script", "<link", "<img", "<iframe", "@import", "url("] {
        assert!(!page.contains(outside), "the report holds {outside}");
    }
    let without_namespace = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_namespace.contains("http://") && !without_namespace.contains("https://"));
    let (ids, links) = ids_and_links(page);
    let known: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(known.len(), ids.len(), "ids are unique");
    for link in &links {
        assert!(known.contains(link), "#{link} has no target");
    }
}

#[test]
fn the_report_of_two_library_versions_links_each_change_to_its_mark_and_back() {
    let (dir, lib) = library_with_samples();
    let page_path = dir.path().join("payables.html");
    let out = page_path.to_str().unwrap();
    let args = ["diff", "Accounts payable@1", "Accounts payable@2"];
    let mut args = args.to_vec();
    args.extend(["--format", "html", "-o", out]);
    flowlane(&lib, &args).succeeded();
    let page = std::fs::read_to_string(&page_path).unwrap();
    assert_self_contained(&page);
    assert!(page.contains("<p class=\"summary\" id=\"summary\">20 added, 2 changed;"));
    // Each change in the list, its head linked to its mark on the newer diagram…
    assert!(page.contains("<li id=\"change-1\" class=\"added\"><a href=\"#after-"));
    assert!(page.contains("+ lane &quot;Executive approval&quot;</a>"));
    // …with its fields, old → new, under it.
    assert!(page.contains("<pre>team: &quot;CFO office&quot;"));
    // The marks link back to their changes; the text diff closes the page.
    assert!(page.contains("<a href=\"#change-1\">"));
    assert!(page.contains("<span class=\"add\">+lane &quot;Executive approval&quot;"));
    std::fs::write(report_dir().join("payables.html"), &page).unwrap();
}

/// A model redrawn in another tool, against the reference: removed elements are ghosted on the
/// newer diagram and marked on the older one.
#[test]
fn the_report_of_a_redrawn_corpus_model_ghosts_what_was_removed() {
    let root = bpmn_corpus::root();
    let read = |file: &str| read_bpmn(&std::fs::read(root.join(file)).unwrap()).unwrap();
    let old = read("reference/A.4.0.bpmn");
    let mut new = read("tools/bpmn-io-camunda-modeler-18.6.1/A.4.0-export.bpmn");
    // One task fewer and one renamed, so the page shows every look.
    let gone = new.nodes.iter().find(|n| n.name == "Task 2").unwrap().id;
    new.nodes.retain(|n| n.id != gone);
    new.flows.retain(|f| f.source != gone && f.target != gone);
    for n in new.nodes.iter_mut().filter(|n| n.name == "Task 3") {
        n.name = "Task 3 (checked)".into();
    }
    let page = html(None, (&old, &new), "A.4.0.bpmn", "A.4.0-export.bpmn");
    assert_self_contained(&page);
    let ghost = page.contains("stroke-dasharray=\"7 5\"") && page.contains("class=\"removed\"");
    assert!(ghost, "the removed task is ghosted and listed");
    assert!(page.contains("class=\"mark mark-changed\""));
    std::fs::write(report_dir().join("corpus-A.4.0.html"), &page).unwrap();
}

/// Five tasks of a 5,000-node process renamed and one moved: the page opens on a close-up of
/// where they are, above the whole diagram in its scrolling box.
#[test]
fn a_small_change_to_a_big_process_opens_on_a_close_up() {
    let old = generate(&GenerateSpec {
        nodes: 5_000,
        lanes: 20,
        seed: 7,
        at: EPOCH,
    })
    .unwrap();
    let new = small_change(&old);
    let page = html(None, (&old, &new), "v1", "v2");
    assert_self_contained(&page);
    assert!(page.contains("5 changed, 1 moved"), "summary");
    let close_up = page.find("<section id=\"close-up\">").expect("a close-up");
    let whole = page.find("<section id=\"after\">").unwrap();
    assert!(close_up < whole, "the close-up comes first");
    // The close-up's marks have ids of their own, so links land on the whole diagram.
    assert!(page.contains(" id=\"close-"));
    std::fs::write(report_dir().join("big-5000.html"), &page).unwrap();
}

/// Tasks near each other: five renamed, one moved to the next lane.
fn small_change(old: &Process) -> Process {
    let mut new = old.clone();
    let tasks: Vec<usize> = (0..new.nodes.len())
        .filter(|&i| matches!(new.nodes[i].kind, NodeKind::Task { .. }))
        .skip(40)
        .take(6)
        .collect();
    for &i in &tasks[..5] {
        new.nodes[i].name.push_str(" (revised)");
    }
    let moved = tasks[5];
    let lane = new.nodes[moved].lane;
    let next = new.lanes.iter().position(|l| l.id == lane).unwrap() + 1;
    new.nodes[moved].lane = new.lanes[next % new.lanes.len()].id;
    new
}
