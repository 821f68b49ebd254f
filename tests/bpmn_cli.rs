//! `flowlane import FILE.bpmn` and `flowlane export PROCESS --format bpmn`, end to end.

mod bpmn_corpus;
mod support;

use support::cli::{flowlane, library_with_samples};

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
    let list = flowlane(&lib, &["list"]);
    list.printed("A.2.1");
    let history = flowlane(&lib, &["history", "A.2.1"]);
    history.printed("Imported from A.2.1.bpmn");

    // The same file again changes nothing.
    let again = flowlane(&lib, &["import", file.to_str().unwrap()]);
    assert_ne!(again.status, 0);
    assert!(
        again.stderr.contains("nothing changed since version 1"),
        "{}",
        again.stderr
    );

    let exported = flowlane(&lib, &["export", "A.2.1", "--format", "bpmn"]).succeeded();
    let doc = roxmltree::Document::parse(&exported.stdout).expect("the export is XML");
    assert_eq!(doc.root_element().tag_name().name(), "definitions");
    assert!(exported.stdout.contains("isExecutable=\"true\""));

    // To a file: the same bytes, written whole.
    let out = dir.path().join("a21.bpmn");
    flowlane(
        &lib,
        &[
            "export",
            "A.2.1",
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

    // The export imports as the next version of the same process.
    let back = flowlane(
        &lib,
        &["import", out.to_str().unwrap(), "-m", "Back from BPMN"],
    );
    assert!(
        back.status == 0 || back.stderr.contains("nothing changed"),
        "{}",
        back.stderr
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
