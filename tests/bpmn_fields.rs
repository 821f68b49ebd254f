//! The field table's BPMN column: every field of every element says how a BPMN file stores it,
//! every field stored in Flowlane's namespace is written and read back through the table, and a
//! file written before the table drove the writer imports the same.

use flowlane::bpmn::{export, import, Target, FLOWLANE_NAMESPACE};
use flowlane::fields::{self, Bpmn, FieldDef, FLOW, INFO, KINDS, LANE, NAME, VARIABLE};
use flowlane::model::{
    Category, Distribution, Duration, Generator, Id, Node, NodeKind, Process, VarType, Variable,
};
use flowlane::samples;

/// The first sample with every field a BPMN file can hold set: the process facts, a described
/// variable, a lane's team, trigger and output, a task with every member, an end's outcome, a
/// call of version 3 and a flow's probability. (Also built, line for line, by the program that
/// wrote `tests/fixtures/bpmn/all-fields-previous-writer.bpmn` with the writer of before.)
fn all_fields() -> Process {
    let (mut p, _) = samples::versions().remove(0);
    p.info.outcome = "Hired & ready".into();
    p.info.owner = "People team".into();
    p.info.category = Category::Support;
    p.info.sla = Some(Duration::minutes(7 * 24 * 60));
    p.info.variables.push(Variable {
        name: "zz_note".into(),
        var_type: VarType::Text,
        description: "Free text, \"quoted\"".into(),
        generated: Some(Generator::Choice {
            weights: [("urgent".to_string(), 1.0), ("later".to_string(), 3.0)].into(),
        }),
    });
    p.lanes[0].team = "HR".into();
    p.lanes[0].trigger = "Offer signed".into();
    p.lanes[0].output = "Account ready".into();
    let task = p
        .nodes
        .iter()
        .position(|n| matches!(n.kind, NodeKind::Task { .. }))
        .expect("a task");
    p.nodes[task].kind = NodeKind::Task {
        assignee: "Clerk".into(),
        duration: Some(Duration::minutes(90)),
        sla: Some(Duration::minutes(240)),
        description: "Check <all> of it".into(),
        outputs: vec!["approved".into(), "amount".into()],
        distribution: Some(Distribution::Triangular {
            min: Duration::minutes(30),
            mode: Duration::minutes(90),
            max: Duration::minutes(300),
        }),
        cost_per_hour: Some(42.5),
        message: String::new(),
        repeat: None,
        task: flowlane::model::TaskType::Plain,
    };
    let other = p
        .nodes
        .iter()
        .rposition(|n| matches!(n.kind, NodeKind::Task { .. }))
        .expect("a second task");
    assert_ne!(task, other);
    p.nodes[other].kind = NodeKind::Call {
        process: Id::from_u128(0x000f_1e1d_5a11),
        version: Some(3),
        repeat: None,
    };
    for node in &mut p.nodes {
        if let NodeKind::End { outcome, .. } = &mut node.kind {
            *outcome = "Onboarded".into();
        }
    }
    p.flows[0].probability = Some(0.25);
    p
}

/// The same process as Flowlane models it. (What an import keeps besides may differ: the
/// import keeps a call's `calledElement` as written, and with it the pool the export drew
/// around the lanes.)
fn assert_same_model(back: &Process, want: &Process) {
    let mut back = back.clone();
    if want.pools.is_empty() {
        back.pools.clear();
        back.layout.pools.clear();
        back.lanes.iter_mut().for_each(|l| l.pool = None);
    }
    assert_eq!(back.id, want.id);
    assert_eq!(back.info, want.info);
    assert_eq!(back.lanes, want.lanes);
    assert_eq!(back.nodes, want.nodes);
    assert_eq!(back.flows, want.flows);
    assert_eq!(back.layout, want.layout);
}

/// Each element's fields with their BPMN mapping: `flowlane:name`, `native`, `absent`.
fn mappings<T>(element: &str, table: &[FieldDef<T>]) -> Vec<String> {
    table
        .iter()
        .map(|f| {
            let how = match &f.bpmn {
                Bpmn::Own(own) => format!("own {}", own.name),
                Bpmn::Native(_) => "native".to_string(),
                Bpmn::Absent(_) => "absent".to_string(),
            };
            format!("{element}.{} {how}", fields::key(f.field))
        })
        .collect()
}

/// A field added to the table must say how BPMN stores it, and this list says it once more, so
/// the choice is made on purpose; an attribute name is used once per element.
#[test]
fn every_field_of_the_table_has_one_bpmn_mapping() {
    let mut all = mappings("process", &INFO);
    all.extend(mappings("variable", &VARIABLE));
    all.extend(mappings("lane", &LANE));
    all.extend(mappings("flow", &FLOW));
    all.extend(mappings("node", &NAME));
    for (kind, table) in &KINDS {
        all.extend(mappings(kind, table));
    }
    let expected = [
        "process.name native",
        "process.outcome own outcome",
        "process.category own category",
        "process.owner own owner",
        "process.sla own sla",
        "process.simulation absent",
        "variable.type own type",
        "variable.description own description",
        "variable.generated own generated",
        "lane.name native",
        "lane.team own team",
        "lane.trigger own trigger",
        "lane.output own output",
        "flow.label native",
        "flow.condition native",
        "flow.default native",
        "flow.probability own probability",
        "node.name native",
        "start.trigger native",
        "start.interrupting native",
        "end.outcome own outcome",
        "end.trigger native",
        "catch.trigger native",
        "throw.trigger native",
        "boundary.host native",
        "boundary.trigger native",
        "boundary.interrupting native",
        "task.assignee own assignee",
        "task.duration own duration",
        "task.sla own sla",
        "task.description own description",
        "task.outputs own outputs",
        "task.task native",
        "task.message native",
        "task.repeat native",
        "task.distribution own distribution",
        "task.cost own cost-per-hour",
        "gateway.gateway native",
        "gateway.condition native",
        "call.process native",
        "call.version own version",
        "call.repeat native",
        "sub_process.sub native",
        "sub_process.expanded native",
        "sub_process.repeat native",
    ];
    assert_eq!(all, expected);
    for table in KINDS.iter().map(|(_, t)| *t) {
        let names: Vec<&str> = fields::own_attributes(table).map(|o| o.name).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "{names:?}");
    }
}

/// Every attribute of the table's `own` rows is in the export of a process with every field
/// set, with the text its row writes, and the import gives back the same process.
#[test]
fn a_process_with_every_field_set_comes_back_through_the_table() {
    let process = all_fields();
    for dialect in [Target::Plain, Target::Cel] {
        let xml = export(&process, dialect).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let written = |name: &str, text: &str| {
            doc.descendants()
                .any(|n| n.attribute((FLOWLANE_NAMESPACE, name)) == Some(text))
        };
        let mut checked = Vec::new();
        let mut expect = |name: &'static str, text: Option<String>| {
            let text = text.unwrap_or_else(|| panic!("{name} is set, so it is written"));
            assert!(written(name, &text), "flowlane:{name}=\"{text}\" in\n{xml}");
            checked.push(name);
        };
        for own in fields::own_attributes(&INFO) {
            expect(own.name, (own.write)(&process.info));
        }
        for own in fields::own_attributes(&LANE) {
            expect(own.name, (own.write)(&process.lanes[0]));
        }
        for own in fields::own_attributes(&FLOW) {
            expect(own.name, (own.write)(&process.flows[0]));
        }
        let set = |n: &&Node| match &n.kind {
            NodeKind::Task { description, .. } => {
                !description.is_empty() && n.name.contains("compliance")
            }
            NodeKind::End { .. } | NodeKind::Call { .. } => true,
            _ => false,
        };
        for node in process.nodes.iter().filter(set) {
            for own in fields::own_attributes(fields::kind_fields(&node.kind)) {
                expect(own.name, (own.write)(&node.kind));
            }
        }
        for name in [
            "assignee",
            "cost-per-hour",
            "distribution",
            "outputs",
            "version",
        ] {
            assert!(checked.contains(&name), "{name} checked");
        }
        assert!(xml.contains("flowlane:outputs=\"approved,amount\""));
        assert!(xml.contains("flowlane:cost-per-hour=\"42.5\""));
        let variable = doc
            .descendants()
            .find(|n| n.attribute("name") == Some("zz_note"))
            .expect("the variable");
        for own in fields::own_attributes(&VARIABLE) {
            let text = (own.write)(&process.info.variables[process.info.variables.len() - 1]);
            assert_eq!(
                variable.attribute(own.name),
                text.as_deref(),
                "{}",
                own.name
            );
        }
        let back = import(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        assert_same_model(&back, &process);
    }
}

/// A file the writer wrote before it read the field table (`flowlane:distribution` and
/// `flowlane:cost-per-hour` before the other task attributes) imports as the same process.
#[test]
fn a_file_from_the_previous_writer_imports_the_same() {
    let old = include_str!("fixtures/bpmn/all-fields-previous-writer.bpmn");
    let back = import(old.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    // That writer wrote every task as a `userTask`: they read back as user tasks. The sample
    // it wrote has since gained an escalation path: every element the file holds must read back
    // with the fields the sample gives it now.
    let mut want = all_fields();
    // Nor did it know generated data.
    for variable in &mut want.info.variables {
        variable.generated = None;
    }
    for node in &mut want.nodes {
        if let NodeKind::Task { task, .. } = &mut node.kind {
            *task = flowlane::model::TaskType::User;
        }
    }
    assert_eq!(back.info, want.info);
    for lane in &back.lanes {
        let now = want.lane(lane.id).expect("the lane is still there");
        assert_eq!(
            (&lane.team, &lane.trigger, &lane.output),
            (&now.team, &now.trigger, &now.output)
        );
    }
    for node in &back.nodes {
        assert_eq!(Some(node), want.node(node.id), "{}", node.name);
    }
    for flow in &back.flows {
        assert_eq!(Some(flow), want.flow(flow.id));
    }
    assert_eq!(
        back.nodes.len() + 3,
        want.nodes.len(),
        "the escalation path is new"
    );
}

/// A value the table cannot read is refused with the attribute's name.
#[test]
fn a_bad_value_names_its_attribute() {
    let xml = export(&all_fields(), Target::Plain).unwrap();
    for (good, bad, named) in [
        (
            "flowlane:version=\"3\"",
            "flowlane:version=\"three\"",
            "flowlane:version",
        ),
        (
            "flowlane:category=\"support\"",
            "flowlane:category=\"core\"",
            "flowlane:category",
        ),
        (
            "flowlane:cost-per-hour=\"42.5\"",
            "flowlane:cost-per-hour=\"a lot\"",
            "flowlane:cost-per-hour",
        ),
        ("type=\"text\"", "type=\"colour\"", "variable type"),
    ] {
        assert!(xml.contains(good), "{good}");
        let error = import(xml.replacen(good, bad, 1).as_bytes()).expect_err(bad);
        assert!(error.to_string().contains(named), "{named}: {error}");
    }
}
