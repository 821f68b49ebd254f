//! Importing BPMN 2.0: the MIWG reference models give the element counts in the corpus's
//! EXPECTATIONS.md; small inline files cover what real exports vary in; hostile or broken files
//! are refused whole with the element and line.

mod bpmn_corpus;

use std::collections::BTreeMap;

use flowlane::bpmn::import;
use flowlane::model::{GatewayKind, NodeKind, Process, TaskType, Trigger};
use roxmltree::Document;

const MODEL: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";

/// Counts as EXPECTATIONS.md defines them, over the imported process: Flowlane's nodes, flows
/// and lanes by the BPMN element they were, plus the elements kept inside them (the contents of
/// sub-processes, child lanes).
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    participants: usize,
    lanes: usize,
    tasks: usize,
    events: usize,
    gateways: usize,
    sequence_flows: usize,
    message_flows: usize,
    subprocesses: usize,
}

impl Counts {
    fn add(&mut self, element: &str) {
        match element {
            "task" | "userTask" | "manualTask" | "serviceTask" | "scriptTask"
            | "businessRuleTask" | "sendTask" | "receiveTask" => self.tasks += 1,
            "startEvent"
            | "endEvent"
            | "intermediateCatchEvent"
            | "intermediateThrowEvent"
            | "boundaryEvent" => self.events += 1,
            "exclusiveGateway" | "parallelGateway" | "inclusiveGateway" | "eventBasedGateway"
            | "complexGateway" => self.gateways += 1,
            "sequenceFlow" => self.sequence_flows += 1,
            "messageFlow" => self.message_flows += 1,
            "subProcess" | "adHocSubProcess" | "transaction" => self.subprocesses += 1,
            "lane" => self.lanes += 1,
            "participant" => self.participants += 1,
            _ => {}
        }
    }

    /// BPMN elements inside a kept fragment, nothing under `extensionElements`.
    fn add_fragment(&mut self, xml: &str) {
        let doc = Document::parse(xml).expect("kept XML is well-formed");
        for node in doc.descendants().filter(|n| n.is_element()) {
            let in_extension = node
                .ancestors()
                .any(|a| a.tag_name().name() == "extensionElements");
            if node.tag_name().namespace() == Some(MODEL) && !in_extension {
                self.add(node.tag_name().name());
            }
        }
    }

    fn of(process: &Process) -> Counts {
        let foreign = process
            .foreign
            .as_ref()
            .expect("an import keeps what it read");
        let mut counts = Counts::default();
        let element = |kept: Option<&flowlane::model::Kept>, default: &str| {
            kept.map(|k| k.element.clone())
                .filter(|e| !e.is_empty())
                .unwrap_or_else(|| default.to_string())
        };
        for node in &process.nodes {
            let default = flowlane::bpmn::element(&node.kind);
            let kept = foreign.nodes.get(&node.id);
            counts.add(&element(kept, default));
            kept.iter()
                .flat_map(|k| &k.xml)
                .for_each(|x| counts.add_fragment(x));
        }
        for flow in &process.flows {
            let kept = foreign.flows.get(&flow.id);
            counts.add(&element(kept, "sequenceFlow"));
        }
        for message in &process.messages {
            counts.add("messageFlow");
            let kept = foreign.flows.get(&message.id);
            kept.iter()
                .flat_map(|k| &k.xml)
                .for_each(|x| counts.add_fragment(x));
        }
        for lane in &process.lanes {
            let kept = foreign.lanes.get(&lane.id);
            if element(kept, "lane") == "lane" {
                counts.lanes += 1;
            }
            kept.iter()
                .flat_map(|k| &k.xml)
                .for_each(|x| counts.add_fragment(x));
        }
        counts.participants = foreign
            .pools
            .iter()
            .filter(|p| p.participant.is_some())
            .count();
        for pool in &foreign.pools {
            for kept in pool.process.iter().chain(pool.participant.iter()) {
                kept.xml.iter().for_each(|x| counts.add_fragment(x));
            }
        }
        foreign
            .collaboration
            .iter()
            .chain(std::iter::once(&foreign.definitions))
            .flat_map(|c| &c.xml)
            .for_each(|x| counts.add_fragment(x));
        counts
    }
}

/// The first table of EXPECTATIONS.md, by model file name.
fn expectations() -> BTreeMap<String, Counts> {
    let text = std::fs::read_to_string(bpmn_corpus::root().join("EXPECTATIONS.md"))
        .expect("EXPECTATIONS.md beside the corpus");
    let lead = |cell: &str| -> usize {
        cell.split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a count in `{cell}`"))
    };
    text.lines()
        .filter(|l| l.starts_with("| A.") && l.contains(".bpmn"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').collect();
            (
                cells[0].trim().to_string(),
                Counts {
                    participants: lead(cells[1]),
                    lanes: lead(cells[2]),
                    tasks: lead(cells[3]),
                    events: lead(cells[4]),
                    gateways: lead(cells[5]),
                    sequence_flows: lead(cells[6]),
                    message_flows: lead(cells[7]),
                    subprocesses: lead(cells[8]),
                },
            )
        })
        .collect()
}

#[test]
fn reference_models_have_the_expected_elements() {
    let expected = expectations();
    assert_eq!(expected.len(), 6, "six reference models in EXPECTATIONS.md");
    for (name, counts) in expected {
        let bytes = std::fs::read(bpmn_corpus::root().join("reference").join(&name)).unwrap();
        let process = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(Counts::of(&process), counts, "{name}");
    }
}

/// The counts of EXPECTATIONS.md taken straight from a file's XML, as `count_elements.py` does.
fn counted_in(bytes: &[u8]) -> Counts {
    let text = String::from_utf8(bytes.to_vec())
        .unwrap_or_else(|_| bytes.iter().map(|b| char::from(*b)).collect());
    let mut counts = Counts::default();
    counts.add_fragment(text.trim_start_matches('\u{feff}'));
    counts
}

#[test]
fn every_corpus_file_keeps_every_element_it_holds() {
    let expected = expectations();
    for (name, bytes) in bpmn_corpus::files() {
        let process = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(Counts::of(&process), counted_in(&bytes), "{name}");
        // Tools add pools (EXPECTATIONS.md lists which); steps, events and flows stay.
        let want = &expected[&(name.rsplit('/').next().unwrap()[..5].to_string() + ".bpmn")];
        let got = Counts::of(&process);
        assert_eq!(
            (
                got.tasks,
                got.events,
                got.gateways,
                got.sequence_flows,
                got.message_flows
            ),
            (
                want.tasks,
                want.events,
                want.gateways,
                want.sequence_flows,
                want.message_flows
            ),
            "{name}"
        );
    }
}

#[test]
fn reference_details_come_through() {
    let read = |name: &str| {
        import(&std::fs::read(bpmn_corpus::root().join("reference").join(name)).unwrap()).unwrap()
    };
    // A.2.1: 5 conditions and 3 default flows (of one gateway and two tasks).
    let p = read("A.2.1.bpmn");
    assert_eq!(p.flows.iter().filter(|f| f.condition.is_some()).count(), 5);
    assert_eq!(p.flows.iter().filter(|f| f.default).count(), 3);
    // A.3.0: names keep their line breaks; the boundary events keep their definitions.
    let p = read("A.3.0.bpmn");
    assert!(
        p.nodes.iter().any(|n| n.name == "Collapsed\nSub-Process"),
        "{:?}",
        p.nodes.iter().map(|n| &n.name).collect::<Vec<_>>()
    );
    let foreign = p.foreign.as_ref().unwrap();
    let definitions: Vec<&String> = foreign
        .nodes
        .values()
        .flat_map(|k| &k.xml)
        .filter(|x| x.contains("EventDefinition"))
        .collect();
    assert_eq!(definitions.len(), 2);
    // A.4.0: the lanes of the process without a pool, and one pool that is one lane.
    let p = read("A.4.0.bpmn");
    let names: Vec<&str> = p.lanes_in_order().iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Lane 1", "Lane 2", "Pool"]);
    let pools: Vec<(&str, bool)> = p
        .pools
        .iter()
        .map(|p| (p.name.as_str(), p.partner))
        .collect();
    assert_eq!(pools, [("Pool", false)]);
    assert_eq!(p.messages.len(), 2);
    // A.4.1: names ending in a space are kept as written.
    let p = read("A.4.1.bpmn");
    assert!(p.lanes.iter().any(|l| l.name == "Lane 2 "));
}

// --- What real files vary in -------------------------------------------------------------

const SIMPLE: &str = r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="urn:x">
  <process id="P">
    <startEvent id="S"/>
    <task id="T" name="Prüfen&#10;und freigeben"/>
    <endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="T"/>
    <sequenceFlow id="F2" sourceRef="T" targetRef="E"/>
  </process>
  <bpmndi:BPMNDiagram id="D1"><bpmndi:BPMNPlane bpmnElement="P">
    <bpmndi:BPMNShape bpmnElement="T"><dc:Bounds x="-10.5" y="20.25" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge bpmnElement="F1"><di:waypoint x="0" y="0"/><di:waypoint x="-5.5" y="1e1"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
  <bpmndi:BPMNDiagram id="D2"><bpmndi:BPMNPlane bpmnElement="P"/></bpmndi:BPMNDiagram>
</definitions>"#;

fn task(process: &Process) -> &flowlane::model::Node {
    process
        .nodes
        .iter()
        .find(|n| matches!(n.kind, NodeKind::Task { .. }))
        .expect("the task")
}

#[test]
fn accepts_missing_declaration_missing_lists_and_fractional_negative_coordinates() {
    let p = import(SIMPLE.as_bytes()).unwrap();
    assert_eq!(p.nodes.len(), 3);
    assert_eq!(p.flows.len(), 2);
    assert_eq!(task(&p).name, "Prüfen\nund freigeben");
    let b = p.layout.nodes[&task(&p).id];
    assert_eq!((b.x, b.w, b.h), (-10.5, 100.0, 80.0));
    assert_eq!(p.foreign.as_ref().unwrap().diagrams.len(), 2);
    // One lane stands for the process, which has neither pool nor lanes.
    assert_eq!(p.lanes.len(), 1);
}

#[test]
fn accepts_a_byte_order_mark_and_latin_1() {
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{SIMPLE}").as_bytes(),
    );
    assert_eq!(
        task(&import(&with_bom).unwrap()).name,
        "Prüfen\nund freigeben"
    );

    let latin: Vec<u8> = format!("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n{SIMPLE}")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text"))
        .collect();
    assert!(std::str::from_utf8(&latin).is_err(), "really not UTF-8");
    assert_eq!(task(&import(&latin).unwrap()).name, "Prüfen\nund freigeben");
}

#[test]
fn accepts_black_box_pools_lanes_without_refs_and_nodes_in_no_lane() {
    let xml = r#"<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:x">
  <bpmn:collaboration id="C">
    <bpmn:participant id="Customer" name="Customer"/>
    <bpmn:participant id="Shop" name="Shop" processRef="P"/>
    <bpmn:messageFlow id="M" sourceRef="Customer" targetRef="T"/>
  </bpmn:collaboration>
  <bpmn:process id="P">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="Sales" name="Sales"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Empty" name="Empty"/>
    </bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    <bpmn:userTask id="T" name="Take order"/>
    <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T"/>
  </bpmn:process>
</bpmn:definitions>"#;
    let p = import(xml.as_bytes()).unwrap();
    let names: Vec<&str> = p.lanes_in_order().iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Sales", "Empty", "(no lane)"]);
    // The customer is a black box: a partner pool without lanes.
    let pools: Vec<(&str, bool)> = p
        .pools_in_order()
        .iter()
        .map(|p| (p.name.as_str(), p.partner))
        .collect();
    assert_eq!(pools, [("Customer", true), ("Shop", false)]);
    let start = p
        .nodes
        .iter()
        .find(|n| matches!(n.kind, NodeKind::Start { .. }))
        .unwrap();
    assert_eq!(p.lane(start.lane).unwrap().name, "(no lane)");
    // The message flow starts at the black-box pool and ends at the task.
    assert_eq!(p.flows.len(), 1);
    let task = p.nodes.iter().find(|n| n.name == "Take order").unwrap();
    assert_eq!(p.messages.len(), 1);
    assert_eq!(p.messages[0].source, p.pools_in_order()[0].id);
    assert_eq!(p.messages[0].target, task.id);
    // And written back.
    let again = import(
        flowlane::bpmn::export(&p, flowlane::bpmn::Target::Plain)
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(again, p);
}

#[test]
fn matches_namespaces_by_uri_not_prefix() {
    let odd = SIMPLE
        .replace(
            "xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"",
            "xmlns:x=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"",
        )
        .replace("<definitions", "<x:definitions")
        .replace("</definitions", "</x:definitions")
        .replace("<process", "<x:process")
        .replace("</process", "</x:process")
        .replace("<startEvent", "<x:startEvent")
        .replace("<task", "<x:task")
        .replace("<endEvent", "<x:endEvent")
        .replace("<sequenceFlow", "<x:sequenceFlow");
    let p = import(odd.as_bytes()).unwrap();
    assert_eq!(p, import(SIMPLE.as_bytes()).unwrap());
    // The right prefix on the wrong namespace is not BPMN.
    let wrong = SIMPLE.replace(
        "http://www.omg.org/spec/BPMN/20100524/MODEL\"",
        "urn:not-bpmn\"",
    );
    assert_eq!(import(wrong.as_bytes()).unwrap_err().code, "not-bpmn");
}

// --- Refused whole, with the element and line ------------------------------------------

#[test]
fn refuses_duplicate_ids_with_both_lines() {
    let xml = SIMPLE.replace("<endEvent id=\"E\"/>", "<endEvent id=\"T\"/>");
    let err = import(xml.as_bytes()).unwrap_err();
    assert_eq!(err.code, "duplicate-id");
    assert_eq!(err.line, Some(7));
    assert_eq!(err.element.as_deref(), Some("<endEvent id=\"T\">"));
    assert!(err.to_string().contains("already used on line 6"), "{err}");
}

#[test]
fn refuses_dangling_references() {
    let xml = SIMPLE.replace("targetRef=\"E\"", "targetRef=\"Nowhere\"");
    let err = import(xml.as_bytes()).unwrap_err();
    assert_eq!(err.code, "dangling-reference");
    assert_eq!(err.line, Some(9));
    assert!(
        err.to_string().contains("targetRef names `Nowhere`"),
        "{err}"
    );
}

#[test]
fn refuses_dtds_and_entity_declarations() {
    let doctype = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE definitions>\n{SIMPLE}");
    assert_eq!(import(doctype.as_bytes()).unwrap_err().code, "dtd");
    let entity = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x \"y\">]>\n{}",
        SIMPLE.replace("name=\"Prüfen", "name=\"&x;Prüfen")
    );
    assert_eq!(import(entity.as_bytes()).unwrap_err().code, "dtd");
}

#[test]
fn refuses_oversized_and_overdeep_files() {
    let big = vec![b' '; flowlane::bpmn::MAX_BYTES + 1];
    assert_eq!(import(&big).unwrap_err().code, "too-large");

    let many = format!(
        "<definitions xmlns=\"{MODEL}\">{}</definitions>",
        "<documentation/>".repeat(flowlane::bpmn::MAX_ELEMENTS)
    );
    let err = import(many.as_bytes()).unwrap_err();
    assert_eq!(err.code, "too-many-elements");

    let depth = flowlane::bpmn::MAX_DEPTH;
    let deep = format!(
        "<definitions xmlns=\"{MODEL}\">{}{}</definitions>",
        "<extensionElements>".repeat(depth),
        "</extensionElements>".repeat(depth)
    );
    let err = import(deep.as_bytes()).unwrap_err();
    assert_eq!(err.code, "too-deep");
    assert_eq!(err.line, Some(1));
}

#[test]
fn refuses_malformed_xml_and_foreign_encodings_with_a_line() {
    let broken = SIMPLE.replace("<endEvent id=\"E\"/>", "<endEvent id=\"E\">");
    let err = import(broken.as_bytes()).unwrap_err();
    assert_eq!(err.code, "not-xml");
    assert!(err.line.is_some());
    let bad_utf8 = [SIMPLE.as_bytes(), &[0xff, 0xfe, 0x41]].concat();
    assert_eq!(import(&bad_utf8).unwrap_err().code, "encoding");
    let unknown = format!("<?xml version=\"1.0\" encoding=\"x-unknown\"?>{SIMPLE}");
    assert_eq!(import(unknown.as_bytes()).unwrap_err().code, "encoding");
}

#[test]
fn every_corpus_file_is_a_process_the_library_accepts() {
    for (name, bytes) in bpmn_corpus::files() {
        let process = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let structural = flowlane::validate::structure(&process);
        assert!(structural.is_empty(), "{name}: {structural:?}");
        // The design rules and the token game run on what other tools drew without failing.
        let problems = flowlane::validate::validate(&process, &Default::default());
        assert!(
            problems.iter().all(|p| !p.message.is_empty()),
            "{name}: {problems:?}"
        );
    }
}

#[test]
fn maps_timers_calls_gateways_and_task_types() {
    let xml = r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:x">
  <message id="M" name="Order received"/>
  <process id="P">
    <startEvent id="S"><messageEventDefinition id="MD" messageRef="M"/></startEvent>
    <serviceTask id="T" name="Book"/>
    <intermediateCatchEvent id="W" name="Wait"><timerEventDefinition><timeDuration>P1DT4H</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <intermediateCatchEvent id="Y" name="Year"><timerEventDefinition><timeDuration>P1Y</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <callActivity id="C" name="Ship" calledElement="Shipping"/>
    <eventBasedGateway id="G"/>
    <inclusiveGateway id="I" default="F2"/>
    <endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="I" targetRef="E"><conditionExpression>amount &gt; 10</conditionExpression></sequenceFlow>
    <sequenceFlow id="F2" sourceRef="I" targetRef="C"/>
  </process>
</definitions>"#;
    let p = import(xml.as_bytes()).unwrap();
    let kind = |name: &str| &p.nodes.iter().find(|n| n.name == name).unwrap().kind;
    assert_eq!(kind("Wait"), &NodeKind::wait("P1DT4H"));
    // A year has no fixed length: the timer keeps its text, and simulation cannot wait it.
    assert_eq!(kind("Year"), &NodeKind::wait("P1Y"));
    assert!(matches!(
        kind("Book"),
        NodeKind::Task {
            task: TaskType::Service,
            ..
        }
    ));
    assert!(matches!(kind("Ship"), NodeKind::Call { .. }));
    let gateway = p
        .nodes
        .iter()
        .find(|n| matches!(n.kind, NodeKind::Gateway { .. }));
    assert!(p
        .nodes
        .iter()
        .any(|n| n.kind == NodeKind::gateway(GatewayKind::EventBased)));
    assert!(gateway.is_some());
    let start = p
        .nodes
        .iter()
        .find(|n| matches!(n.kind, NodeKind::Start { .. }))
        .unwrap();
    assert_eq!(
        start.kind.trigger(),
        Some(&Trigger::Message {
            message: "Order received".into()
        })
    );
    let conditioned = p.flows.iter().find(|f| f.condition.is_some()).unwrap();
    assert_eq!(conditioned.condition.as_deref(), Some("amount > 10"));
    assert_eq!(p.flows.iter().filter(|f| f.default).count(), 1);
    // Written back: the call names its process as the file did, the timer in ISO 8601.
    let cel = flowlane::bpmn::export(&p, flowlane::bpmn::Target::Cel).unwrap();
    assert!(cel.contains("calledElement=\"Shipping\""), "{cel}");
    assert!(cel.contains(">P1DT4H</bpmn:timeDuration>"), "{cel}");
    let python = flowlane::bpmn::export(&p, flowlane::bpmn::Target::Plain).unwrap();
    assert!(
        python.contains(">\"P1DT4H\"</bpmn:timeDuration>"),
        "{python}"
    );
    assert_eq!(import(python.as_bytes()).unwrap(), p);
}

/// On Flowlane's canvas an imported node sits inside its lane's band, as it did in the file.
/// (Only the reference models: Bizagi's A.4.x exports draw nodes outside their lanes' shapes.)
#[test]
fn imported_nodes_sit_in_their_lanes_band() {
    for (name, bytes) in bpmn_corpus::files()
        .into_iter()
        .filter(|(name, _)| name.starts_with("reference/"))
    {
        let p = import(&bytes).unwrap();
        let mut outside = Vec::new();
        for node in &p.nodes {
            let Some(b) = p.layout.nodes.get(&node.id) else {
                continue;
            };
            let height = p.layout.lane_height(node.lane);
            if b.y < -0.5 || b.y + b.h > height + 0.5 {
                outside.push(format!("{} y={} h={} band={height}", node.name, b.y, b.h));
            }
        }
        assert!(outside.is_empty(), "{name}: {outside:?}");
    }
}

/// A file Flowlane drew itself imports as a plain process; the same file touched by another
/// tool (an edge re-routed, an attribute added) keeps what it was given.
#[test]
fn only_a_file_flowlane_drew_itself_imports_plain() {
    use flowlane::bpmn::{export, Target};
    for (process, name) in flowlane::samples::versions() {
        let xml = export(&process, Target::Plain).unwrap();
        let own = import(xml.as_bytes()).unwrap();
        assert!(own.foreign.is_none(), "{name}: own export kept parts");
        let rerouted = xml.replacen("<di:waypoint x=\"", "<di:waypoint x=\"1", 1);
        let touched = import(rerouted.as_bytes()).unwrap();
        assert!(
            touched.foreign.is_some(),
            "{name}: a re-routed edge was dropped"
        );
        let annotated = xml.replacen(
            "<bpmn:definitions ",
            "<bpmn:definitions expressionLanguage=\"https://example.com/feel\" ",
            1,
        );
        let kept = import(annotated.as_bytes()).unwrap().foreign.unwrap();
        assert_eq!(
            kept.definitions.attributes["expressionLanguage"], "https://example.com/feel",
            "{name}"
        );
    }
}
