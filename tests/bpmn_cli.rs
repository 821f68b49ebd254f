//! `flowlane import FILE.bpmn` and `flowlane export PROCESS --format bpmn`, end to end.

mod bpmn_corpus;
mod support;

use support::cli::{flowlane, library_with_samples};

/// The process id `flowlane import` printed: `imported NAME vN (ID): …`.
fn imported_id(stdout: &str) -> String {
    let open = stdout.find(" (").expect("an id in parentheses") + 2;
    let close = open + stdout[open..].find(')').expect("a closing parenthesis");
    stdout[open..close].to_string()
}

#[test]
fn imports_a_bpmn_file_as_a_new_process_and_exports_it_again() {
    let (dir, lib) = library_with_samples();
    let file = bpmn_corpus::root().join("reference/A.2.1.bpmn");
    let run = flowlane(&lib, &["import", file.to_str().unwrap()]).succeeded();
    assert!(
        run.stdout.starts_with("imported A.2.1 v1 ("),
        "{}",
        run.stdout
    );
    let id = imported_id(&run.stdout);
    let list = flowlane(&lib, &["list"]);
    list.printed("A.2.1");
    let history = flowlane(&lib, &["history", &id]);
    history.printed("Imported from A.2.1.bpmn");

    // The same foreign file again is another new process, never a version of the first.
    let again = flowlane(&lib, &["import", file.to_str().unwrap()]).succeeded();
    assert!(
        again.stdout.starts_with("imported A.2.1 v1 ("),
        "{}",
        again.stdout
    );
    assert_ne!(imported_id(&again.stdout), id);

    let exported = flowlane(&lib, &["export", &id, "--format", "bpmn"]).succeeded();
    let doc = roxmltree::Document::parse(&exported.stdout).expect("the export is XML");
    assert_eq!(doc.root_element().tag_name().name(), "definitions");
    // The file's process is not executable, and its export says so as the file did.
    assert!(exported.stdout.contains("isExecutable=\"false\""));

    // To a file: the same bytes, written whole.
    let out = dir.path().join("a21.bpmn");
    flowlane(
        &lib,
        &[
            "export",
            &id,
            "--format",
            "bpmn",
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .succeeded();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), exported.stdout);
    assert_eq!(
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count(),
        0
    );

    // The export is recognised as this process's: the import asks instead of merging.
    let before = std::fs::read(&lib).unwrap();
    let asked = flowlane(&lib, &["import", out.to_str().unwrap()]);
    assert_eq!(asked.status, 2, "{}", asked.stderr);
    assert!(
        asked
            .stderr
            .contains("was exported from \"A.2.1\" in this library; nothing was changed")
            && asked.stderr.contains(&format!("--into {id}"))
            && asked.stderr.contains("--new"),
        "{}",
        asked.stderr
    );
    assert_eq!(std::fs::read(&lib).unwrap(), before);

    // Said to be a new version of it: unchanged, so nothing to save.
    let into = flowlane(&lib, &["import", "--into", &id, out.to_str().unwrap()]);
    assert!(
        into.stderr.contains("nothing changed since version 1"),
        "{}",
        into.stderr
    );
    // Said to be new: a process of its own.
    let new = flowlane(&lib, &["import", "--new", out.to_str().unwrap()]).succeeded();
    assert!(
        new.stdout.starts_with("imported A.2.1 v1 ("),
        "{}",
        new.stdout
    );
    assert_ne!(imported_id(&new.stdout), id);
}

#[test]
fn a_file_without_names_is_named_after_the_file() {
    let (dir, lib) = library_with_samples();
    let file = small_file(dir.path(), "Supplier onboarding.bpmn", "");
    let run = flowlane(&lib, &["import", file.to_str().unwrap()]).succeeded();
    assert!(
        run.stdout.starts_with("imported Supplier onboarding v1 ("),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bad_file_is_refused_with_its_line_and_changes_nothing() {
    let (dir, lib) = library_with_samples();
    let before = flowlane(&lib, &["list"]).stdout;
    let text = std::fs::read_to_string(bpmn_corpus::root().join("reference/A.1.0.bpmn")).unwrap();
    // Give the second and third elements with an id the same id.
    let ids: Vec<&str> = text
        .split("id=\"")
        .skip(2)
        .take(2)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    let broken = text
        .replacen(&format!("id=\"{}\"", ids[0]), "id=\"dup\"", 1)
        .replacen(&format!("id=\"{}\"", ids[1]), "id=\"dup\"", 1);
    let file = dir.path().join("broken.bpmn");
    std::fs::write(&file, broken).unwrap();
    let run = flowlane(&lib, &["import", file.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("was not imported: line "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the id `dup` is already used"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was changed"), "{}", run.stderr);
    assert_eq!(flowlane(&lib, &["list"]).stdout, before);

    let not_xml = dir.path().join("notes.bpmn");
    std::fs::write(&not_xml, "just some notes").unwrap();
    let run = flowlane(&lib, &["import", not_xml.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(flowlane(&lib, &["list"]).stdout, before);
}

#[test]
fn a_sample_exports_as_bpmn() {
    let (_dir, lib) = library_with_samples();
    let run = flowlane(&lib, &["export", "Accounts payable", "--format", "bpmn"]).succeeded();
    run.printed("flowlane:team=\"Accounts Payable\"");
}

#[test]
fn a_shape_of_nothing_is_left_out_and_the_import_says_so() {
    let (dir, lib) = library_with_samples();
    let old = r#"<bpmndi:BPMNShape id="old_di" bpmnElement="deleted"><dc:Bounds x="300" y="100" width="36" height="36"/></bpmndi:BPMNShape>"#;
    let file = small_file(dir.path(), "Drawn twice.bpmn", old);
    let run = flowlane(&lib, &["import", file.to_str().unwrap()]).succeeded();
    assert!(
        run.stdout.starts_with("imported Drawn twice v1 ("),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "warning: line 7, <BPMNShape id=\"old_di\">: draws `deleted`, but no element has that id; it is left out"
        ),
        "{}",
        run.stdout
    );
}

/// A start and an end without names, drawn, with `extra` DI after their shapes.
fn small_file(dir: &std::path::Path, name: &str, extra: &str) -> std::path::PathBuf {
    let file = dir.join(name);
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="x">
  <process id="p"><startEvent id="s"/><endEvent id="e"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/></process>
  <bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement="p">
    <bpmndi:BPMNShape bpmnElement="s"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape bpmnElement="e"><dc:Bounds x="200" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    EXTRA
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>"#;
    std::fs::write(&file, xml.replace("EXTRA", extra)).unwrap();
    file
}
