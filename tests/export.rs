//! Pictures of a process: every sample as SVG (well-formed, every name, escaped) and PNG.

use std::collections::BTreeMap;
use std::sync::Arc;

use flowlane::export::png::{self, fontdb};
use flowlane::export::svg;
use flowlane::model::Process;
use flowlane::{canonical, samples};

fn sample_processes() -> Vec<(String, Process)> {
    samples::FILES
        .iter()
        .map(|(name, text, _)| (name.to_string(), canonical::parse(text).unwrap()))
        .collect()
}

fn out_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/export");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every text the SVG shows, joined per `<text>` element, for looking names up.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn every_sample_renders_as_well_formed_svg_with_every_name() {
    for (file, process) in sample_processes() {
        let svg = svg::svg(&process);
        std::fs::write(out_dir().join(file.replace(".json", ".svg")), &svg).unwrap();
        let shown = texts(&svg).join("\n");
        let words = |text: &str| {
            text.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        for node in &process.nodes {
            // Names are wrapped over lines; each word is shown.
            for word in words(&node.name) {
                assert!(
                    shown.contains(&word),
                    "{file}: {word} of {} missing",
                    node.name
                );
            }
        }
        for lane in &process.lanes {
            for word in words(&lane.name).into_iter().chain(words(&lane.team)) {
                assert!(
                    shown.contains(&word),
                    "{file}: {word} of lane {} missing",
                    lane.name
                );
            }
        }
        assert!(shown.contains(&process.info.name));
        let arrows = svg.matches("Z\" fill=\"#5a6678\"").count();
        assert_eq!(
            arrows,
            process.flows.len(),
            "{file}: one arrowhead per flow"
        );
    }
}

#[test]
fn text_is_escaped() {
    let (_, mut process) = sample_processes().remove(0);
    process.info.name = "Q&A <draft> \"new\" it's".to_string();
    process.nodes[0].name = "<script>alert(1)</script> & co".to_string();
    process.lanes[0].name = "R&D \"lab\"".to_string();
    process.flows[0].label = "a < b & c".to_string();
    let svg = svg::svg(&process);
    assert!(!svg.contains("<script>"));
    let shown = texts(&svg).join("\n");
    assert!(shown.contains("Q&A <draft> \"new\" it's"), "{shown}");
    assert!(shown.contains("R&D \"lab\""));
    assert!(shown.contains("a < b & c"));
    assert!(shown.contains("<script>alert(1)</script>") || shown.contains("<script>alert(1)"));
}

#[test]
fn flows_are_orthogonal_and_end_on_their_nodes() {
    for (file, process) in sample_processes() {
        let svg = svg::svg(&process);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let lines: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("path") && n.attribute("stroke") == Some("#5a6678"))
            .collect();
        assert_eq!(lines.len(), process.flows.len(), "{file}");
        for line in lines {
            let d = line.attribute("d").unwrap();
            // The polyline part, before any default-flow slash.
            let points: Vec<(f64, f64)> = d
                .split('M')
                .nth(1)
                .unwrap()
                .split('L')
                .map(|p| {
                    let (x, y) = p.split_once(' ').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            for pair in points.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                assert!(
                    (a.0 - b.0).abs() < 0.02 || (a.1 - b.1).abs() < 0.02,
                    "{file}: diagonal segment in {d}"
                );
            }
        }
    }
}

#[test]
fn every_sample_renders_as_png() {
    let mut fonts = fontdb::Database::new();
    fonts.load_system_fonts();
    let fonts = Arc::new(fonts);
    let mut sizes = BTreeMap::new();
    for (file, process) in sample_processes() {
        let bytes = png::png(&process, fonts.clone(), 2.0).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        std::fs::write(out_dir().join(file.replace(".json", ".png")), &bytes).unwrap();
        sizes.insert(file, bytes.len());
    }
    assert!(sizes.values().all(|&n| n > 10_000), "{sizes:?}");
}

#[test]
fn no_fonts_is_a_clear_error() {
    let (_, process) = sample_processes().remove(0);
    let err = png::png(&process, Arc::new(fontdb::Database::new()), 1.0).unwrap_err();
    assert!(err.to_string().contains("fonts-dejavu-core"), "{err}");
}

#[test]
fn an_empty_process_and_unplaced_nodes_still_render() {
    let mut process = Process::new(uuid::Uuid::from_u128(1), "Empty & new");
    let svg = svg::svg(&process);
    roxmltree::Document::parse(&svg).expect("well-formed");
    assert!(svg.contains("Empty &amp; new"));

    // A lane and a task the layout has no box for: lined up in the lane, as the canvas does.
    let (_, sample) = sample_processes().remove(0);
    let lane = sample.lanes[0].clone();
    let mut task = sample
        .nodes
        .iter()
        .find(|n| matches!(n.kind, flowlane::model::NodeKind::Task { .. }))
        .unwrap()
        .clone();
    task.lane = lane.id;
    process.lanes.push(lane);
    process.nodes.push(task.clone());
    let svg = svg::svg(&process);
    let shown = texts(&svg).join("\n");
    for word in task.name.split_whitespace() {
        assert!(shown.contains(word), "{word} of {}", task.name);
    }
}
