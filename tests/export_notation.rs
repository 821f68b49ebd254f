//! BPMN notation in the SVG export: the process in `ui/tests/fixtures/bpmn-notation.json` holds
//! every construct the canvas draws (the browser check screenshots the same file), so the two
//! renderings can be compared.

use std::sync::Arc;

use flowlane::export::png::{self, fontdb};
use flowlane::export::svg;
use flowlane::model::{NodeKind, Process};

fn notation() -> Process {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/ui/tests/fixtures/bpmn-notation.json"
    );
    let text = std::fs::read_to_string(path).expect("the fixture ships with the repository");
    flowlane::canonical::parse(&text).expect("the fixture is a valid schema 2 process")
}

fn texts(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let lines: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter_map(|d| d.text()).collect())
        .collect();
    lines.join("\n")
}

/// Elements of the SVG with `attribute` set to `value`.
fn count(svg: &str, attribute: &str, value: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.attribute(attribute) == Some(value))
        .count()
}

#[test]
fn every_construct_is_drawn_and_a_collapsed_sub_process_keeps_its_contents_to_itself() {
    let process = notation();
    let svg = svg::svg(&process);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/export");
    std::fs::create_dir_all(&dir).expect("target is writable");
    std::fs::write(dir.join("bpmn-notation.svg"), &svg).expect("target is writable");
    let shown = texts(&svg);
    let collapsed = process
        .nodes
        .iter()
        .find(|n| n.name == "Pick and pack")
        .expect("the fixture has it")
        .id;
    for node in &process.nodes {
        let first = node.name.split_whitespace().next().unwrap_or("");
        if node.parent == Some(collapsed) {
            assert!(
                !shown.contains(&node.name) || node.name.is_empty(),
                "{} is on its own plane",
                node.name
            );
        } else {
            assert!(shown.contains(first), "{} is named", node.name);
        }
    }
    for pool in &process.pools {
        assert!(shown.contains(&pool.name), "pool {} is named", pool.name);
    }
    for artifact in &process.artifacts {
        let first = artifact.kind.text().split_whitespace().next().unwrap_or("");
        assert!(shown.contains(first), "{} is shown", artifact.kind.text());
    }
    // The pool with lanes has its name turned on its side.
    assert_eq!(svg.matches("rotate(-90").count(), 1);
    // Dashed rings: the non-interrupting boundary timer (two rings) and event sub-process start.
    let non_interrupting = process
        .nodes
        .iter()
        .map(|n| match n.kind {
            NodeKind::Boundary {
                interrupting: false,
                ..
            } => 2,
            NodeKind::Start {
                interrupting: false,
                ..
            } => 1,
            _ => 0,
        })
        .sum::<usize>();
    assert_eq!(count(&svg, "stroke-dasharray", "4 3"), non_interrupting);
    assert_eq!(
        count(&svg, "stroke-dasharray", "6 4"),
        process.messages.len()
    );
    // Associations dotted, the event sub-process's frame dotted too.
    assert_eq!(
        count(&svg, "stroke-dasharray", "2 3"),
        process.associations.len() + 1
    );
    assert_eq!(count(&svg, "stroke-dasharray", "8 4 2 4"), 1, "the group");
    // Every event with a trigger and every typed task carries a marker (paths placed by a transform).
    let marked = process
        .nodes
        .iter()
        .filter(|n| n.parent != Some(collapsed))
        .filter(|n| match &n.kind {
            NodeKind::Task { task, .. } => !task.is_plain(),
            kind => kind.trigger().is_some_and(|t| !t.is_none()),
        })
        .count();
    let placed = roxmltree::Document::parse(&svg)
        .expect("well-formed")
        .descendants()
        .filter(|n| {
            n.attribute("transform")
                .is_some_and(|t| t.starts_with("translate"))
        })
        .filter_map(|n| n.attribute("transform"))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert!(
        placed >= marked,
        "{placed} marker places for {marked} marked nodes"
    );
}

#[test]
fn the_notation_renders_as_png() {
    let mut fonts = fontdb::Database::new();
    fonts.load_system_fonts();
    let bytes = png::png(&notation(), Arc::new(fonts), 2.0).expect("renders");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 50_000);
}
