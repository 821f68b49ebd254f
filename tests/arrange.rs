//! Automatic layout: every node placed once, inside its lane band, without overlaps, flows left
//! to right where the process has no loops, branches balanced around their gateways, the same
//! result every time; selections, boundary events, sub-processes and files without a drawing.

mod support;

use std::collections::HashMap;

use flowlane::arrange::{arrange, arrange_selection, fill_missing_layout};
use flowlane::generate::{generate, GenerateSpec, EPOCH};
use flowlane::model::{
    Bounds, Id, Layout, Node, NodeKind, Process, SubProcessKind, Trigger, DEFAULT_LANE_HEIGHT,
};
use flowlane::validate;
use support::team::node_id as id;
use uuid::Uuid;

fn lane_tops(p: &Process, layout: &Layout) -> HashMap<Id, f64> {
    let mut top = 0.0;
    let mut tops = HashMap::new();
    for lane in p.lanes_in_order() {
        tops.insert(lane.id, top);
        top += layout.lane_height(lane.id);
    }
    tops
}

/// A node's box in process coordinates.
fn absolute(p: &Process, layout: &Layout, node: Id) -> Bounds {
    let n = p.node(node).expect("a node");
    let b = layout.nodes[&node];
    Bounds {
        y: b.y + lane_tops(p, layout)[&n.lane],
        ..b
    }
}

fn centre_y(b: &Bounds) -> f64 {
    b.y + b.h / 2.0
}

fn overlap(a: &Bounds, b: &Bounds) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// The properties every layout of `p` must have.
fn check(p: &Process, layout: &Layout) {
    let placed: Vec<&Node> = p
        .nodes
        .iter()
        .filter(|n| !matches!(n.kind, NodeKind::Boundary { .. }))
        .collect();
    for node in &p.nodes {
        let b = layout.nodes.get(&node.id).expect("every node is placed");
        assert!(b.x.is_finite() && b.y.is_finite() && b.w > 0.0 && b.h > 0.0);
        if node.parent.is_none() && !matches!(node.kind, NodeKind::Boundary { .. }) {
            let height = layout.lane_height(node.lane);
            assert!(
                b.y >= 0.0 && b.y + b.h <= height,
                "{} ({b:?}) is outside its lane band of height {height}",
                node.name
            );
        }
    }
    let mut by_parent: HashMap<Option<Id>, Vec<Bounds>> = HashMap::new();
    for node in placed {
        by_parent
            .entry(node.parent)
            .or_default()
            .push(absolute(p, layout, node.id));
    }
    for boxes in by_parent.values() {
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!overlap(a, b), "{a:?} overlaps {b:?}");
            }
        }
    }
    for points in layout.flows.values() {
        for pair in points.windows(2) {
            assert!(
                pair[0].x == pair[1].x || pair[0].y == pair[1].y,
                "a bend is not orthogonal: {pair:?}"
            );
        }
    }
}

fn left_to_right(p: &Process, layout: &Layout) {
    for flow in &p.flows {
        let (s, t) = (layout.nodes[&flow.source], layout.nodes[&flow.target]);
        assert!(s.x + s.w < t.x, "a flow runs right to left");
    }
}

#[test]
fn a_chain_runs_straight_left_to_right_without_bends() {
    let (p, _) = support::build("S:start -> A:task -> B:task -> E:end");
    let layout = arrange(&p);
    check(&p, &layout);
    left_to_right(&p, &layout);
    assert!(layout.flows.is_empty(), "no bends on a straight chain");
    let rows: Vec<f64> = p
        .nodes
        .iter()
        .map(|n| centre_y(&layout.nodes[&n.id]))
        .collect();
    assert!(rows.iter().all(|y| *y == rows[0]), "one row: {rows:?}");
}

#[test]
fn branches_are_balanced_around_their_gateways() {
    let (p, _) = support::build(
        "S:start -> G:xor -> A:task -> J:xor -> E:end
         G -> B:task -> J",
    );
    let layout = arrange(&p);
    check(&p, &layout);
    left_to_right(&p, &layout);
    let y = |name: &str| centre_y(&layout.nodes[&id(&p, name)]);
    assert_ne!(y("A"), y("B"));
    assert_eq!(
        y("G"),
        (y("A") + y("B")) / 2.0,
        "the split sits between its branches"
    );
    assert_eq!(y("J"), y("G"), "the join sits on the split's row");
    assert_eq!(y("S"), y("G"));
    // Each branch leaves the split through a corner: one bend, above or below it.
    let flow = p
        .flows
        .iter()
        .find(|f| f.source == id(&p, "G") && f.target == id(&p, "A"))
        .expect("G -> A");
    assert_eq!(layout.flows[&flow.id].len(), 1);
}

#[test]
fn a_loop_goes_back_under_its_nodes_and_the_rest_stays_left_to_right() {
    let (p, _) = support::build(
        "S:start -> A:task -> G:xor -> E:end
         G -> A",
    );
    let layout = arrange(&p);
    check(&p, &layout);
    let back = p
        .flows
        .iter()
        .find(|f| f.source == id(&p, "G") && f.target == id(&p, "A"))
        .expect("the loop");
    for flow in p.flows.iter().filter(|f| f.id != back.id) {
        let (s, t) = (layout.nodes[&flow.source], layout.nodes[&flow.target]);
        assert!(s.x + s.w < t.x);
    }
    let bends = &layout.flows[&back.id];
    assert_eq!(bends.len(), 2);
    let lowest = [id(&p, "A"), id(&p, "G")]
        .iter()
        .map(|n| layout.nodes[n].y + layout.nodes[n].h)
        .fold(0.0, f64::max);
    assert!(bends[0].y > lowest, "the loop runs under the nodes");
}

#[test]
fn nodes_keep_their_lanes_and_lanes_fit_what_they_hold() {
    let (mut p, _) = support::build(
        "@lane=Review:1
         @lane=Payment:2
         S:start -> A:task -> G:and -> B:task -> J:and -> E:end
         G -> C:task -> J
         G -> D:task -> J",
    );
    let review = p.lanes[1].id;
    let payment = p.lanes[2].id;
    for (name, lane) in [("B", review), ("C", review), ("D", payment)] {
        let n = id(&p, name);
        p.nodes.iter_mut().find(|x| x.id == n).expect("a node").lane = lane;
    }
    let layout = arrange(&p);
    check(&p, &layout);
    left_to_right(&p, &layout);
    for lane in &p.lanes {
        let bottom = p
            .nodes
            .iter()
            .filter(|n| n.lane == lane.id)
            .map(|n| layout.nodes[&n.id].y + layout.nodes[&n.id].h)
            .fold(0.0, f64::max);
        let height = layout.lane_height(lane.id);
        assert!(
            height < bottom + 100.0,
            "lane {} is fitted: {height}",
            lane.name
        );
    }
    assert_eq!(layout, arrange(&p), "the same layout every time");
}

#[test]
fn boundary_events_sit_on_their_hosts_bottom_border() {
    let (mut p, _) = support::build("S:start -> A:task -> E:end\n T:task -> F:end");
    let host = id(&p, "A");
    let boundary = Uuid::from_u128(0xB0);
    p.nodes.push(Node {
        id: boundary,
        lane: p.lanes[0].id,
        name: "Late".into(),
        kind: NodeKind::Boundary {
            host,
            trigger: Trigger::after("P1D"),
            interrupting: true,
        },
        parent: None,
    });
    p.flows.push(flowlane::model::Flow::between(
        Uuid::from_u128(0xB1),
        boundary,
        id(&p, "T"),
    ));
    let layout = arrange(&p);
    check(&p, &layout);
    let (h, b) = (layout.nodes[&host], layout.nodes[&boundary]);
    assert_eq!(centre_y(&b), h.y + h.h, "centred on the bottom border");
    assert!(b.x >= h.x && b.x + b.w <= h.x + h.w);
    let t = layout.nodes[&id(&p, "T")];
    assert!(
        centre_y(&t) > h.y + h.h,
        "its target is placed below the host"
    );
    assert!(t.x > h.x + h.w);
}

fn sub_process(expanded: bool) -> NodeKind {
    NodeKind::SubProcess {
        sub: SubProcessKind::Embedded,
        expanded,
        repeat: None,
    }
}

#[test]
fn an_expanded_sub_process_holds_its_contents_and_a_collapsed_one_has_its_own_plane() {
    for expanded in [true, false] {
        let (mut p, _) = support::build(
            "S:start -> P:task -> E:end
             IS:start -> IA:task -> IE:end",
        );
        let sub = id(&p, "P");
        for n in &mut p.nodes {
            if n.id == sub {
                n.kind = sub_process(expanded);
            } else if n.name.starts_with('I') {
                n.parent = Some(sub);
            }
        }
        p.layout.nodes.clear();
        let layout = arrange(&p);
        check(&p, &layout);
        let outer = layout.nodes[&sub];
        let inside = ["IS", "IA", "IE"].map(|n| layout.nodes[&id(&p, n)]);
        for b in inside {
            let within = b.x > outer.x
                && b.x + b.w < outer.x + outer.w
                && b.y > outer.y
                && b.y + b.h < outer.y + outer.h;
            assert_eq!(within, expanded, "{b:?} in {outer:?}");
        }
        if !expanded {
            assert_eq!(
                (outer.w, outer.h),
                (140.0, 64.0),
                "collapsed keeps a task's size"
            );
        }
    }
}

#[test]
fn a_generated_process_of_two_thousand_nodes_in_twelve_lanes_lays_out_cleanly() {
    let p = generate(&GenerateSpec {
        nodes: 2000,
        lanes: 12,
        seed: 7,
        at: EPOCH,
    })
    .expect("a valid spec");
    let layout = arrange(&p);
    check(&p, &layout);
    assert_eq!(layout, arrange(&p), "deterministic");
}

#[test]
fn a_selection_is_laid_out_where_it_was_and_the_rest_is_kept() {
    let (mut p, _) = support::build("S:start -> A:task -> B:task -> C:task -> E:end");
    p.layout = arrange(&p);
    let (a, b, c) = (id(&p, "A"), id(&p, "B"), id(&p, "C"));
    // Scramble the middle.
    p.layout.nodes.get_mut(&b).expect("B").y += 50.0;
    p.layout.nodes.get_mut(&c).expect("C").x = p.layout.nodes[&a].x;
    p.layout.nodes.get_mut(&c).expect("C").y += 100.0;
    let before = p.layout.clone();
    let tidy = arrange_selection(&p, &[b, c]);
    for n in [id(&p, "S"), a, id(&p, "E")] {
        assert_eq!(tidy.nodes[&n], before.nodes[&n], "unselected nodes stay");
    }
    let (nb, nc) = (tidy.nodes[&b], tidy.nodes[&c]);
    assert!(nb.x + nb.w < nc.x, "B then C, left to right");
    assert_eq!(centre_y(&nb), centre_y(&nc), "on one row");
    assert_eq!(nb.x.min(nc.x), before.nodes[&b].x.min(before.nodes[&c].x));
}

#[test]
fn a_process_without_positions_gets_a_layout_that_validates() {
    let (mut p, _) = support::build(
        "@lane=Review:1
         S:start -> G:xor -> A:task -> E:end
         G -> B:task -> E",
    );
    let review = p.lanes[1].id;
    let b = id(&p, "B");
    p.nodes.iter_mut().find(|n| n.id == b).expect("B").lane = review;
    p.layout = Layout::default();
    assert!(validate::structure(&p)
        .iter()
        .any(|x| x.code == "missing-bounds"));
    fill_missing_layout(&mut p);
    assert!(
        validate::structure(&p).is_empty(),
        "{:?}",
        validate::structure(&p)
    );
    check(&p, &p.layout);
    assert!(
        p.layout.lane_height(review) != DEFAULT_LANE_HEIGHT || p.layout.lanes.contains_key(&review)
    );
}

#[test]
fn missing_positions_are_filled_after_what_is_drawn() {
    let (mut p, _) = support::build("S:start -> A:task -> E:end");
    let kept = p.layout.nodes[&id(&p, "S")];
    let a = id(&p, "A");
    p.layout.nodes.remove(&a);
    fill_missing_layout(&mut p);
    assert_eq!(p.layout.nodes[&id(&p, "S")], kept);
    let right = p
        .nodes
        .iter()
        .filter(|n| n.id != a)
        .map(|n| p.layout.nodes[&n.id].x + p.layout.nodes[&n.id].w)
        .fold(0.0, f64::max);
    assert!(p.layout.nodes[&a].x > right, "placed after the drawing");
}

/// Two lanes, a decision and a loop, and no `BPMNDiagram`: what engines and scripts write.
const UNDRAWN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <process id="p" name="Claims" isExecutable="true">
    <laneSet id="ls">
      <lane id="clerk" name="Clerk"><flowNodeRef>s</flowNodeRef><flowNodeRef>check</flowNodeRef><flowNodeRef>g</flowNodeRef><flowNodeRef>e</flowNodeRef></lane>
      <lane id="expert" name="Expert"><flowNodeRef>review</flowNodeRef><flowNodeRef>fix</flowNodeRef></lane>
    </laneSet>
    <startEvent id="s"/>
    <task id="check" name="Check claim"/>
    <exclusiveGateway id="g" default="f4"/>
    <task id="review" name="Review claim"/>
    <task id="fix" name="Ask for details"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="check"/>
    <sequenceFlow id="f2" sourceRef="check" targetRef="g"/>
    <sequenceFlow id="f3" sourceRef="g" targetRef="review"><conditionExpression>amount &gt; 1000</conditionExpression></sequenceFlow>
    <sequenceFlow id="f4" sourceRef="g" targetRef="e"/>
    <sequenceFlow id="f5" sourceRef="review" targetRef="fix"/>
    <sequenceFlow id="f6" sourceRef="fix" targetRef="check"/>
  </process>
</definitions>"#;

#[test]
fn a_bpmn_file_without_a_diagram_imports_laid_out() {
    let mut p = flowlane::bpmn::import(UNDRAWN.as_bytes()).expect("imports");
    // What `Library::import_bpmn` does before it saves.
    fill_missing_layout(&mut p);
    assert_eq!(p.nodes.len(), 6);
    assert!(
        validate::structure(&p).is_empty(),
        "{:?}",
        validate::structure(&p)
    );
    check(&p, &p.layout);
    let x = |name: &str| p.layout.nodes[&id(&p, name)].x;
    assert!(x("Check claim") < x("Review claim") && x("Review claim") < x("Ask for details"));
}

#[test]
fn a_laid_out_file_exports_each_lane_in_its_own_band() {
    let mut p = flowlane::bpmn::import(UNDRAWN.as_bytes()).expect("imports");
    fill_missing_layout(&mut p);
    let xml = flowlane::bpmn::export(&p, flowlane::bpmn::Target::Cel).expect("exports");
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let top = |element: &str| -> f64 {
        let shape = doc
            .descendants()
            .find(|n| {
                n.tag_name().name() == "BPMNShape" && n.attribute("bpmnElement") == Some(element)
            })
            .unwrap_or_else(|| panic!("a shape for {element}"));
        let bounds = shape.first_element_child().expect("bounds");
        bounds.attribute("y").expect("y").parse().expect("a number")
    };
    let clerk = p.lanes_in_order()[0].id;
    let first_band = p.layout.lane_height(clerk);
    assert!(
        top("check") < first_band,
        "the clerk's step is in the first band"
    );
    assert!(
        top("review") >= first_band,
        "the expert's step is drawn below it"
    );
}
