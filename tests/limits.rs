//! Bounds on what a definition may hold: texts have length caps, a version has at least one step
//! and a version message fits on a page. A draft keeps whatever the user has drawn so far.

use chrono::{TimeZone, Utc};
use flowlane::model::Process;
use flowlane::samples;
use flowlane::store::{Library, StoreError};
use flowlane::validate::{LINE_LIMIT, PAGE_LIMIT};

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::create(&dir.path().join("limits.flowlane")).unwrap();
    (dir, library)
}

fn sample() -> Process {
    samples::versions().swap_remove(0).0
}

fn refused_codes(result: Result<flowlane::store::VersionInfo, StoreError>) -> Vec<String> {
    match result {
        Err(StoreError::Invalid(problems)) => problems.into_iter().map(|p| p.code).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn texts_at_their_cap_are_kept_and_one_character_more_is_refused_naming_the_text() {
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let (_dir, mut library) = library();
    let mut process = sample();
    process.nodes[1].name = "é".repeat(LINE_LIMIT); // characters, not bytes
    process.flows[0].condition = Some(format!("amount > {}", "1".repeat(PAGE_LIMIT - 9)));
    library
        .save_version(&process, "ana", "at the caps", at)
        .unwrap();

    let mut long_name = process.clone();
    long_name.nodes[1].name.push('x');
    let err = library.save_version(&long_name, "ana", "too long", at);
    assert_eq!(refused_codes(err), ["too-long"]);
    let problems = flowlane::validate::structure(&long_name);
    assert_eq!(problems[0].element, Some(long_name.nodes[1].id));
    assert_eq!(
        problems[0].message,
        format!(
            "a step name is {} characters long; at most 1000 are kept",
            LINE_LIMIT + 1
        )
    );

    let mut long_condition = process.clone();
    long_condition.flows[0]
        .condition
        .as_mut()
        .unwrap()
        .push('1');
    assert_eq!(
        refused_codes(library.save_version(&long_condition, "ana", "x", at)),
        ["too-long"]
    );
    let mut huge = process.clone();
    huge.info.name = "n".repeat(10 * 1024 * 1024);
    assert_eq!(
        refused_codes(library.save_version(&huge, "ana", "x", at)),
        ["too-long"]
    );
    let message = "m".repeat(PAGE_LIMIT + 1);
    process.info.owner = "Someone".into();
    assert_eq!(
        refused_codes(library.save_version(&process, "ana", &message, at)),
        ["too-long"]
    );
    assert_eq!(
        library.history(process.id).unwrap().len(),
        1,
        "nothing refused was stored"
    );
}

#[test]
fn a_process_without_steps_is_kept_as_a_draft_but_not_saved_as_a_version() {
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let (_dir, mut library) = library();
    let mut empty = sample();
    empty.nodes.clear();
    empty.flows.clear();
    empty.layout.nodes.clear();
    empty.layout.flows.clear();
    library.save_draft(&empty, None, at).unwrap();
    assert!(library.draft(empty.id).unwrap().is_some());
    let err = library.save_version(&empty, "ana", "nothing yet", at);
    assert_eq!(refused_codes(err), ["no-steps"]);
}

mod support;

use support::cli::{flowlane, library_with_samples};

#[test]
fn a_definition_file_that_is_not_utf8_is_refused_with_its_position() {
    let (dir, library) = library_with_samples();
    let file = dir.path().join("latin1.json");
    std::fs::write(&file, b"{\n  \"name\": \"Caf\xe9\"\n}").unwrap();
    let run = flowlane(
        &library,
        &["save", "Cafe", file.to_str().unwrap(), "-m", "x"],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("latin1.json:2:15: not UTF-8 text"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_process_that_calls_itself_is_a_validation_error_and_the_simulator_refuses_it() {
    let (dir, library) = library_with_samples();
    let mut process = sample();
    let id = process.id;
    let call = process
        .nodes
        .iter_mut()
        .find(|n| n.name != "Start")
        .unwrap();
    call.kind = flowlane::model::NodeKind::Call {
        process: id,
        version: None,
        repeat: None,
    };
    let name = call.name.clone();
    let file = dir.path().join("self.json");
    std::fs::write(&file, flowlane::canonical::to_bytes(&process)).unwrap();
    flowlane(
        &library,
        &[
            "save",
            &id.to_string(),
            file.to_str().unwrap(),
            "-m",
            "calls itself",
        ],
    )
    .succeeded();

    let checked = flowlane(&library, &["validate", &id.to_string()]);
    assert_eq!(checked.status, 2, "errors exit 2: {}", checked.stdout);
    assert!(
        checked.stdout.contains("call-cycle") && checked.stdout.contains(&name),
        "{}",
        checked.stdout
    );
    let run = flowlane(
        &library,
        &["simulate", &id.to_string(), "--start", "2026-03-02"],
    );
    assert_ne!(run.status, 0);
    assert!(
        run.stderr.contains("these calls would never end"),
        "{}",
        run.stderr
    );
}

#[test]
fn kept_xml_that_is_not_one_safe_element_is_refused_on_save_and_on_export() {
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let (_dir, mut library) = library();
    let mut process = sample();
    let node = process.nodes[1].id;
    let hostile = [
        // Closes the document and starts another with an external entity.
        "</bpmn:definitions><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        "<a><?php echo 1; ?></a>",
        "<a><b></a>",
        "<!DOCTYPE a><a/>",
    ];
    for fragment in hostile {
        let mut tampered = process.clone();
        let foreign = tampered.foreign.get_or_insert_with(Default::default);
        foreign.nodes.entry(node).or_default().xml = vec![fragment.to_string()];
        assert_eq!(
            refused_codes(library.save_version(&tampered, "ana", "x", at)),
            ["foreign-xml"],
            "{fragment}"
        );
        let err = flowlane::bpmn::export(&tampered, flowlane::bpmn::Target::Plain).unwrap_err();
        assert!(
            err.to_string().starts_with("the BPMN export was refused"),
            "{err}"
        );
    }
    let mut tampered = process.clone();
    let foreign = tampered.foreign.get_or_insert_with(Default::default);
    let kept = foreign.nodes.entry(node).or_default();
    kept.attributes.insert("x=\"1\"/><evil".into(), "v".into());
    assert_eq!(
        refused_codes(library.save_version(&tampered, "ana", "x", at)),
        ["foreign-xml"]
    );
    // A well-formed extension element is accepted (round trips of imported ones: bpmn_roundtrip).
    let foreign = process.foreign.get_or_insert_with(Default::default);
    foreign.nodes.entry(node).or_default().xml =
        vec!["<ext:note xmlns:ext=\"urn:example\">keep &amp; me</ext:note>".into()];
    library.save_version(&process, "ana", "kept", at).unwrap();
    flowlane::bpmn::export(&process, flowlane::bpmn::Target::Plain).unwrap();
}
