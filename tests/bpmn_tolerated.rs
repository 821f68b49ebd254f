//! References a file can do without: a DI shape or edge that draws no element, and a `default`
//! that names no flow, are left out with a warning that names the element and its line; the
//! file imports and its export no longer holds them. A sequence flow with a missing end is still
//! refused whole.

use flowlane::bpmn::{export, import, import_with_warnings, Target};

/// A small drawn process: a start, a gateway with a default flow, an end.
const FILE: &str = include_str!("fixtures/bpmn/tolerated.bpmn");

#[test]
fn a_shape_or_edge_of_nothing_is_left_out_with_a_warning() {
    let xml = FILE
        .replace(
            r#"<bpmndi:BPMNShape id="E_di" bpmnElement="E">"#,
            r#"<bpmndi:BPMNShape id="Gone_di" bpmnElement="Gone">"#,
        )
        .replace(r#"bpmnElement="F1">"#, r#"bpmnElement="F9">"#);
    let (process, warnings) = import_with_warnings(xml.as_bytes()).expect("the file imports");
    let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 14, <BPMNShape id=\"Gone_di\">: draws `Gone`, but no element has that id; it is left out",
            "line 15, <BPMNEdge id=\"F1_di\">: draws `F9`, but no element has that id; it is left out",
        ]
    );
    assert_eq!(process.nodes.len(), 3);
    let exported = export(&process, Target::Cel).unwrap();
    assert!(!exported.contains("Gone"), "{exported}");
    assert!(!exported.contains("F9"), "{exported}");
    let (_, again) = import_with_warnings(exported.as_bytes()).expect("the export imports");
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn a_default_flow_that_is_not_there_is_left_out_with_a_warning() {
    let xml = FILE.replace(r#"default="F2""#, r#"default="F7""#);
    let (process, warnings) = import_with_warnings(xml.as_bytes()).expect("the file imports");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, 6);
    assert_eq!(warnings[0].element, "<exclusiveGateway id=\"G\">");
    assert!(warnings[0].message.contains("`F7`"), "{}", warnings[0]);
    assert!(process.flows.iter().all(|f| !f.default));
    let exported = export(&process, Target::Cel).unwrap();
    assert!(!exported.contains("F7"), "{exported}");
    // A default that is there is no warning.
    let (process, warnings) = import_with_warnings(FILE.as_bytes()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(process.flows.iter().filter(|f| f.default).count(), 1);
}

#[test]
fn a_sequence_flow_with_a_missing_end_is_still_refused() {
    for (from, to) in [
        (r#"targetRef="E""#, r#"targetRef="Nowhere""#),
        (r#"sourceRef="S""#, r#"sourceRef="Nowhere""#),
    ] {
        let err = import(FILE.replace(from, to).as_bytes()).unwrap_err();
        assert_eq!(err.code, "dangling-reference");
        assert!(err.to_string().contains("names `Nowhere`"), "{err}");
    }
    // A default that is missing does not excuse a missing end on the same element.
    let both = FILE
        .replace(r#"default="F2""#, r#"default="F7""#)
        .replace(r#"targetRef="E""#, r#"targetRef="Nowhere""#);
    assert_eq!(
        import(both.as_bytes()).unwrap_err().code,
        "dangling-reference"
    );
}
