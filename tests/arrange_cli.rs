//! `flowlane layout`: prints the laid-out definition, saves it as the next version with
//! `--save`, keeps what a `--selection` leaves out, and lays out a file imported without a
//! diagram so it exports as BPMN.

mod support;

use flowlane::arrange::arrange;
use flowlane::canonical;
use flowlane::samples;
use support::cli::{flowlane, library_with_samples};

#[test]
fn layout_prints_the_laid_out_definition_as_json() {
    let (_dir, library) = library_with_samples();
    let (sample, _) = samples::versions().swap_remove(0);
    let name = sample.info.name.clone();
    let run = flowlane(&library, &["layout", &name]).succeeded();
    let printed = canonical::parse(&run.stdout).expect("a definition");
    assert_eq!(printed.layout, arrange(&sample));
    assert_eq!(printed.nodes, sample.nodes, "only the layout changes");
    // Nothing was stored.
    let history = flowlane(&library, &["history", &name]).succeeded();
    assert!(!history.stdout.contains("Laid out automatically"));
}

#[test]
fn layout_save_stores_the_next_version() {
    let (_dir, library) = library_with_samples();
    let (sample, _) = samples::versions().swap_remove(0);
    let name = sample.info.name.clone();
    let run = flowlane(&library, &["layout", &name, "--save"]).succeeded();
    run.printed("saved");
    let history = flowlane(&library, &["history", &name]).succeeded();
    history.printed("Laid out automatically");
}

#[test]
fn layout_of_a_selection_keeps_the_other_nodes() {
    let (_dir, library) = library_with_samples();
    let (sample, _) = samples::versions().swap_remove(0);
    let chosen = sample.nodes[1].id.to_string();
    let run = flowlane(
        &library,
        &["layout", &sample.info.name, "--selection", &chosen],
    );
    let printed = canonical::parse(&run.succeeded().stdout).expect("a definition");
    for node in sample.nodes.iter().skip(2) {
        assert_eq!(
            printed.layout.nodes[&node.id], sample.layout.nodes[&node.id],
            "{} kept its place",
            node.name
        );
    }
}

#[test]
fn layout_of_an_unknown_process_is_refused() {
    let (_dir, library) = library_with_samples();
    let run = flowlane(&library, &["layout", "No such process"]);
    assert_ne!(run.status, 0);
    assert!(run.stderr.contains("No such process"), "{}", run.stderr);
}

#[test]
fn a_file_without_a_diagram_imports_lays_out_and_exports() {
    let (_dir, library) = library_with_samples();
    // A BPMN file with no diagram, as engines and scripts write them.
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bpmn/undrawn.bpmn");
    let path = file.to_string_lossy().into_owned();
    flowlane(&library, &["import", &path]).succeeded();
    // The import laid it out already.
    let run = flowlane(&library, &["layout", "Undrawn", "--save"]).succeeded();
    run.printed("laid out already");
    let bpmn = flowlane(&library, &["export", "Undrawn", "--format", "bpmn"]).succeeded();
    bpmn.printed("BPMNShape");
    bpmn.printed("bpmnElement=\"a\"");
}
