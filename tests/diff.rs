//! Semantic and text diff: a table of edits, each with the exact changes it must report.

use flowlane::diff::semantic::{Diff, DiffStatus, ElementChange, FieldValue, LayoutItem};
use flowlane::diff::{self, text};
use flowlane::model::{Bounds, GatewayKind, Id, NodeKind, Point, Process};
use flowlane::{canonical, samples};

fn sample(file: &str) -> Process {
    let (_, text, _) = samples::FILES
        .iter()
        .find(|(name, _, _)| *name == file)
        .expect("sample exists");
    canonical::parse(text).expect("sample parses")
}

fn onboarding() -> Process {
    sample("employee-onboarding.json")
}
fn payables() -> Process {
    sample("accounts-payable.v1.json")
}

fn node_id(p: &Process, name: &str) -> Id {
    p.nodes
        .iter()
        .find(|n| n.name == name)
        .unwrap_or_else(|| panic!("no node {name}"))
        .id
}
fn lane_id(p: &Process, name: &str) -> Id {
    p.lanes
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no lane {name}"))
        .id
}
fn flow_index(p: &Process, from: &str, to: &str) -> usize {
    let (s, t) = (node_id(p, from), node_id(p, to));
    p.flows
        .iter()
        .position(|f| f.source == s && f.target == t)
        .unwrap_or_else(|| panic!("no flow {from} -> {to}"))
}

/// A fresh id that sorts after every id of the samples.
fn fresh_id(n: u8) -> Id {
    Id::from_bytes([0xff, 0xff, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, n])
}

/// One line per change with every field's exact old and new value.
fn lines(diff: &Diff) -> Vec<String> {
    diff.changes.iter().map(line).collect()
}

fn line(c: &ElementChange) -> String {
    let status = match c.status {
        DiffStatus::Added => "added",
        DiffStatus::Removed => "removed",
        DiffStatus::Changed => "changed",
        DiffStatus::Moved => "moved",
    };
    let element = format!("{:?}", c.element).to_lowercase();
    let mut out = format!("{element} {status} {}", c.name);
    if let Some(m) = &c.moved {
        out.push_str(&format!(" [{} -> {}]", m.from_name, m.to_name));
    }
    if c.recreated {
        out.push_str(" (recreated)");
    }
    // Values as the text diff shows them; their JSON types are checked in `schemas.rs`.
    let shown = |v: &Option<FieldValue>| v.as_ref().map(|v| v.to_string());
    for f in &c.fields {
        let (old, new) = (shown(&f.old), shown(&f.new));
        out.push_str(&format!(" | {:?}: {old:?} -> {new:?}", f.field));
    }
    out
}

type Edit = fn(&mut Process);

/// (case, base definition, edit, expected change lines)
#[allow(clippy::type_complexity)]
const CASES: &[(&str, fn() -> Process, Edit, &[&str])] = &[
    ("identical versions", payables, |_| {}, &[]),
    (
        "rename",
        payables,
        |p| {
            let i = node_id(p, "Approve invoice");
            p.nodes.iter_mut().find(|n| n.id == i).unwrap().name = "Approve vendor invoice".into();
        },
        &["node changed Approve vendor invoice | Name: Some(\"Approve invoice\") -> Some(\"Approve vendor invoice\")"],
    ),
    (
        "lane move",
        onboarding,
        |p| {
            let (n, lane) = (node_id(p, "Prepare laptop and equipment"), lane_id(p, "Onboarding coordination"));
            p.nodes.iter_mut().find(|x| x.id == n).unwrap().lane = lane;
        },
        &["node moved Prepare laptop and equipment [IT provisioning -> Onboarding coordination]"],
    ),
    (
        "condition edit",
        payables,
        |p| {
            let i = flow_index(p, "Approved?", "Schedule payment");
            p.flows[i].condition = Some("approved == true && amount > 0".into());
        },
        &["flow changed 'Approved?' → 'Schedule payment' | Condition: Some(\"approved == true\") -> Some(\"approved == true && amount > 0\")"],
    ),
    (
        "default flow moved",
        payables,
        |p| {
            let matched = flow_index(p, "PO matched?", "Route to budget owner");
            let unmatched = flow_index(p, "PO matched?", "Request corrected invoice from vendor");
            p.flows[unmatched].default = false;
            p.flows[unmatched].condition = Some("po_matched == false".into());
            p.flows[matched].default = true;
            p.flows[matched].condition = None;
        },
        &[
            "flow changed 'PO matched?' → 'Request corrected invoice from vendor' | Condition: None -> Some(\"po_matched == false\") | Default: Some(\"true\") -> Some(\"false\")",
            "flow changed 'PO matched?' → 'Route to budget owner' | Condition: Some(\"po_matched == true\") -> None | Default: Some(\"false\") -> Some(\"true\")",
        ],
    ),
    (
        "task, timer, end and gateway fields",
        onboarding,
        |p| {
            for n in &mut p.nodes {
                match (n.name.as_str(), &mut n.kind) {
                    ("Prepare laptop and equipment", NodeKind::Task { assignee, duration, sla, description, .. }) => {
                        *assignee = "IT field technician".into();
                        *duration = Some("2d".parse().unwrap());
                        *sla = None;
                        *description = "Laptop, phone and headset".into();
                    }
                    ("Day 30", kind @ NodeKind::Catch { .. }) => *kind = NodeKind::wait("P28D"),
                    ("Employee onboarded", NodeKind::End { outcome, .. }) => *outcome = "Productive employee".into(),
                    ("Remote hire?", NodeKind::Gateway { gateway, .. }) => *gateway = GatewayKind::Inclusive,
                    _ => {}
                }
            }
        },
        &[
            "node changed Prepare laptop and equipment | Assignee: Some(\"IT technician\") -> Some(\"IT field technician\") | Duration: Some(\"1d\") -> Some(\"2d\") | Sla: Some(\"3d\") -> None | Description: None -> Some(\"Laptop, phone and headset\")",
            "node changed Remote hire? | Gateway: Some(\"exclusive\") -> Some(\"inclusive\")",
            "node changed Day 30 | Trigger: Some(\"timer: 30 days\") -> Some(\"timer: 28 days\")",
            "node changed Employee onboarded | Outcome: Some(\"Onboarding complete\") -> Some(\"Productive employee\")",
        ],
    ),
    (
        "metadata change",
        payables,
        |p| {
            p.info.owner = "CFO".into();
            p.info.sla = Some("45d".parse().unwrap());
            p.info.variables.retain(|v| v.name != "department");
            p.info.variables[0].description = "Invoice total in euros".into();
            let lane = p.lanes.iter_mut().find(|l| l.name == "Payment run").unwrap();
            lane.team = "Treasury operations".into();
            lane.trigger = "Invoice approved".into();
        },
        &[
            "process changed Accounts payable | Owner: Some(\"Finance controller\") -> Some(\"CFO\") | Sla: Some(\"30d\") -> Some(\"45d\")",
            "variable changed amount | Description: Some(\"Invoice total in EUR\") -> Some(\"Invoice total in euros\")",
            "variable removed department | Type: Some(\"text\") -> None | Description: Some(\"Cost centre that ordered\") -> None",
            "lane changed Payment run | Team: Some(\"Treasury\") -> Some(\"Treasury operations\") | Trigger: Some(\"Invoice approved for payment\") -> Some(\"Invoice approved\")",
        ],
    ),
    (
        "element deleted and re-created under a new id",
        payables,
        |p| recreate(p, "Approve invoice", "Approve invoice"),
        &[
            "node changed Approve invoice (recreated)",
            "flow changed 'Approve invoice' → 'Approved?' (recreated)",
            "flow changed 'Correct invoice details' → 'Approve invoice' (recreated)",
            "flow changed 'Route to budget owner' → 'Approve invoice' (recreated)",
        ],
    ),
    (
        "element deleted and re-created with a new name",
        payables,
        |p| recreate(p, "Approve invoice", "Budget owner sign-off"),
        &[
            "node changed Budget owner sign-off (recreated) | Name: Some(\"Approve invoice\") -> Some(\"Budget owner sign-off\")",
            "flow changed 'Budget owner sign-off' → 'Approved?' (recreated)",
            "flow changed 'Correct invoice details' → 'Budget owner sign-off' (recreated)",
            "flow changed 'Route to budget owner' → 'Budget owner sign-off' (recreated)",
        ],
    ),
    (
        "simulation parameters",
        payables,
        |p| {
            let i = node_id(p, "Approve invoice");
            if let NodeKind::Task { distribution, cost_per_hour, .. } = &mut p.nodes.iter_mut().find(|n| n.id == i).unwrap().kind {
                *distribution = Some(flowlane::model::Distribution::Exponential { mean: "20m".parse().unwrap() });
                *cost_per_hour = Some(95.0);
            }
            let send_back = flow_index(p, "Approved?", "Correct invoice details");
            p.flows[send_back].probability = Some(0.1);
            p.info.simulation.arrivals = Some(flowlane::model::Arrivals::Poisson { per_hour: 1.5 });
        },
        &[
            "process changed Accounts payable | Simulation: None -> Some(\"{\\\"arrivals\\\":{\\\"pattern\\\":\\\"poisson\\\",\\\"per_hour\\\":1.5}}\")",
            "node changed Approve invoice | Distribution: None -> Some(\"exponential mean 20m\") | Cost: None -> Some(\"95\")",
            "flow changed 'Approved?' → 'Correct invoice details' | Probability: None -> Some(\"0.1\")",
        ],
    ),
];

/// Deletes the node and its flows, then draws it again with new ids (and maybe a new name).
fn recreate(p: &mut Process, name: &str, new_name: &str) {
    let old = node_id(p, name);
    let fresh = fresh_id(1);
    let index = p.nodes.iter().position(|n| n.id == old).unwrap();
    let mut node = p.nodes.remove(index);
    node.id = fresh;
    node.name = new_name.into();
    p.nodes.push(node);
    let bounds = p.layout.nodes.remove(&old).unwrap();
    p.layout.nodes.insert(fresh, bounds);
    let mut n = 1;
    for flow in &mut p.flows {
        if flow.source == old || flow.target == old {
            n += 1;
            flow.id = fresh_id(n);
            if flow.source == old {
                flow.source = fresh;
            }
            if flow.target == old {
                flow.target = fresh;
            }
        }
    }
}

#[test]
fn each_edit_reports_exactly_its_changes() {
    for (case, base, edit, expected) in CASES {
        let old = base();
        let mut new = old.clone();
        edit(&mut new);
        let diff = diff::diff(&old, &new);
        assert_eq!(lines(&diff), *expected, "case: {case}");
        assert_eq!(diff.lane_order, None, "case: {case}");
        assert_eq!(diff.layout, vec![], "case: {case}: no layout change");
    }
}

#[test]
fn identical_versions_give_an_empty_diff() {
    let diff = diff::diff(&payables(), &payables());
    assert!(diff.is_empty());
    assert_eq!(diff::render_text(&diff), "no changes\n");
}

#[test]
fn lane_reorder_is_reported_as_positions_not_as_edits() {
    let old = payables();
    let mut new = old.clone();
    for lane in &mut new.lanes {
        lane.order = match lane.name.as_str() {
            "Payment run" => 3,
            "Ledger posting" => 2,
            _ => lane.order,
        };
    }
    let diff = diff::diff(&old, &new);
    assert_eq!(
        lines(&diff),
        ["lane changed Ledger posting | Position: Some(\"4\") -> Some(\"3\")"]
    );
    let order = diff.lane_order.expect("lanes reordered");
    assert_eq!(
        order.old,
        [
            "Invoice intake",
            "Invoice approval",
            "Payment run",
            "Ledger posting"
        ]
    );
    assert_eq!(
        order.new,
        [
            "Invoice intake",
            "Invoice approval",
            "Ledger posting",
            "Payment run"
        ]
    );
}

#[test]
fn layout_only_changes_are_listed_apart() {
    let old = payables();
    let mut new = old.clone();
    let node = node_id(&new, "Approve invoice");
    new.layout.nodes.insert(
        node,
        Bounds {
            x: 1100.0,
            y: 60.0,
            w: 140.0,
            h: 64.0,
        },
    );
    let lane = lane_id(&new, "Payment run");
    new.layout.lanes.insert(lane, 180.0);
    let flow = new.flows[flow_index(&new, "Approve invoice", "Approved?")].id;
    new.layout.flows.insert(
        flow,
        vec![Point {
            x: 1240.0,
            y: 100.0,
        }],
    );

    let diff = diff::diff(&old, &new);
    assert_eq!(diff.changes, vec![]);
    assert_eq!(diff.lane_order, None);
    let layout: Vec<(LayoutItem, String, Option<String>, Option<String>)> = diff
        .layout
        .iter()
        .map(|c| (c.item, c.name.clone(), c.old.clone(), c.new.clone()))
        .collect();
    assert_eq!(
        layout,
        [
            (
                LayoutItem::LaneHeight,
                "Payment run".to_string(),
                Some("160".to_string()),
                Some("180".to_string())
            ),
            (
                LayoutItem::NodeBounds,
                "Approve invoice".to_string(),
                Some("x=1080 y=68 w=140 h=64".to_string()),
                Some("x=1100 y=60 w=140 h=64".to_string())
            ),
            (
                LayoutItem::Waypoints,
                "flow 'Approve invoice' → 'Approved?'".to_string(),
                None,
                Some("(1240, 100)".to_string())
            ),
        ]
    );
    assert_eq!(
        diff::render_text(&diff),
        "no change in meaning; 3 layout change(s) not shown\n"
    );
    assert_eq!(
        diff::render_layout(&diff),
        "  lane height of \"Payment run\": 20 px taller\n  \
         bounds of \"Approve invoice\": moved 20 px right and 8 px up\n  \
         bend points of \"flow 'Approve invoice' → 'Approved?'\": routed through 1 bend point\n"
    );
}

#[test]
fn a_step_moved_to_another_lane_says_into_which() {
    let old = payables();
    let mut new = old.clone();
    let node = node_id(&new, "Approve invoice");
    let lane = lane_id(&new, "Payment run");
    let moved = new.nodes.iter_mut().find(|n| n.id == node).expect("node");
    moved.lane = lane;
    let bounds = new.layout.nodes.get_mut(&node).expect("bounds");
    bounds.x += 80.0;
    bounds.y = 40.0;

    let diff = diff::diff(&old, &new);
    let change = diff
        .layout
        .iter()
        .find(|c| c.id == node)
        .expect("a layout change");
    assert_eq!(change.says, "moved into lane Payment run, 80 px right");
    // The JSON keeps the numbers beside the words.
    assert_eq!(change.new.as_deref(), Some("x=1160 y=40 w=140 h=64"));
}

#[test]
fn accounts_payable_v1_to_v2_adds_the_cfo_tier_and_retargets_approved() {
    let diff = diff::diff(&payables(), &sample("accounts-payable.v2.json"));
    assert_eq!(
        lines(&diff),
        [
            "variable added cfo_approved | Type: None -> Some(\"boolean\") | Description: None -> Some(\"CFO approved\")",
            "lane added Executive approval | Name: None -> Some(\"Executive approval\") | Team: None -> Some(\"CFO office\") | Trigger: None -> Some(\"Approved invoice over 10,000\") | Output: None -> Some(\"CFO decision on the invoice\")",
            "node added Close invoice as rejected | Name: None -> Some(\"Close invoice as rejected\") | Kind: None -> Some(\"task\") | Assignee: None -> Some(\"AP clerk\") | Duration: None -> Some(\"15m\") | Sla: None -> Some(\"1d\") | Description: None -> Some(\"Tell the vendor the invoice is rejected and close it\")",
            "node added Corrected invoice received | Name: None -> Some(\"Corrected invoice received\") | Kind: None -> Some(\"catch\") | Trigger: None -> Some(\"message: Corrected invoice received\")",
            "node added Corrected invoice? | Name: None -> Some(\"Corrected invoice?\") | Kind: None -> Some(\"gateway\") | Gateway: None -> Some(\"event_based\")",
            "node added Invoice rejected | Name: None -> Some(\"Invoice rejected\") | Kind: None -> Some(\"end\") | Outcome: None -> Some(\"Rejected: no corrected invoice\")",
            "node added No correction within 14 days | Name: None -> Some(\"No correction within 14 days\") | Kind: None -> Some(\"catch\") | Trigger: None -> Some(\"timer: 14 days\")",
            "node added Over 10,000? | Name: None -> Some(\"Over 10,000?\") | Kind: None -> Some(\"gateway\") | Gateway: None -> Some(\"exclusive\")",
            "node added CFO approval | Name: None -> Some(\"CFO approval\") | Kind: None -> Some(\"task\") | Assignee: None -> Some(\"CFO\") | Duration: None -> Some(\"1d\") | Sla: None -> Some(\"3d\") | Outputs: None -> Some(\"cfo_approved\")",
            "node added CFO approved? | Name: None -> Some(\"CFO approved?\") | Kind: None -> Some(\"gateway\") | Gateway: None -> Some(\"exclusive\")",
            "flow changed 'Approved?' → 'Over 10,000?' (recreated) | Target: Some(\"Schedule payment\") -> Some(\"Over 10,000?\")",
            "flow added 'CFO approval' → 'CFO approved?' | Source: None -> Some(\"CFO approval\") | Target: None -> Some(\"CFO approved?\")",
            "flow added 'CFO approved?' → 'Correct invoice details' | Source: None -> Some(\"CFO approved?\") | Target: None -> Some(\"Correct invoice details\") | Label: None -> Some(\"send back\") | Default: None -> Some(\"true\")",
            "flow added 'CFO approved?' → 'Schedule payment' | Source: None -> Some(\"CFO approved?\") | Target: None -> Some(\"Schedule payment\") | Label: None -> Some(\"approved\") | Condition: None -> Some(\"cfo_approved == true\")",
            "flow added 'Close invoice as rejected' → 'Invoice rejected' | Source: None -> Some(\"Close invoice as rejected\") | Target: None -> Some(\"Invoice rejected\")",
            "flow added 'Corrected invoice received' → 'Match to purchase order' | Source: None -> Some(\"Corrected invoice received\") | Target: None -> Some(\"Match to purchase order\")",
            "flow added 'Corrected invoice?' → 'Corrected invoice received' | Source: None -> Some(\"Corrected invoice?\") | Target: None -> Some(\"Corrected invoice received\") | Label: None -> Some(\"corrected invoice\")",
            "flow added 'Corrected invoice?' → 'No correction within 14 days' | Source: None -> Some(\"Corrected invoice?\") | Target: None -> Some(\"No correction within 14 days\") | Label: None -> Some(\"no correction\")",
            "flow added 'No correction within 14 days' → 'Close invoice as rejected' | Source: None -> Some(\"No correction within 14 days\") | Target: None -> Some(\"Close invoice as rejected\")",
            "flow added 'Over 10,000?' → 'CFO approval' | Source: None -> Some(\"Over 10,000?\") | Target: None -> Some(\"CFO approval\") | Label: None -> Some(\"over 10,000\") | Condition: None -> Some(\"amount > 10000\")",
            "flow added 'Over 10,000?' → 'Schedule payment' | Source: None -> Some(\"Over 10,000?\") | Target: None -> Some(\"Schedule payment\") | Label: None -> Some(\"up to 10,000\") | Default: None -> Some(\"true\")",
            "flow changed 'Request corrected invoice from vendor' → 'Corrected invoice?' | Target: Some(\"Match to purchase order\") -> Some(\"Corrected invoice?\")",
        ]
    );
    // Inserting a lane shifts the ones below it; that is not a reorder.
    assert_eq!(diff.lane_order, None);
    assert!(diff
        .layout
        .iter()
        .all(|c| c.item != LayoutItem::NodeBounds || c.name != "CFO approval"));
    insta::assert_snapshot!("accounts_payable_v1_v2_text", diff::render_text(&diff));
}

#[test]
fn the_diff_serialises_and_reads_back() {
    let diff = diff::diff(&payables(), &sample("accounts-payable.v2.json"));
    let json = serde_json::to_string(&diff).unwrap();
    assert!(json.contains("\"status\":\"added\""), "{json}");
    assert_eq!(serde_json::from_str::<Diff>(&json).unwrap(), diff);
}

#[test]
fn the_diff_is_deterministic_whatever_the_storage_order() {
    let (old, new) = (payables(), sample("accounts-payable.v2.json"));
    let mut shuffled = new.clone();
    shuffled.nodes.reverse();
    shuffled.flows.reverse();
    shuffled.lanes.reverse();
    assert_eq!(diff::diff(&old, &new), diff::diff(&old, &shuffled));
}

#[test]
fn side_by_side_text_diff_of_accounts_payable() {
    let (old, new) = (payables(), sample("accounts-payable.v2.json"));
    let view = text::side_by_side(&old, &new, 1);
    let rendered: String = view
        .hunks
        .iter()
        .map(|hunk| {
            hunk.rows
                .iter()
                .map(|row| {
                    let side = |line: &Option<text::DiffLine>| {
                        line.as_ref().map_or(String::new(), |l| {
                            l.spans
                                .iter()
                                .map(|s| {
                                    if s.emphasised {
                                        format!("⟦{}⟧", s.text)
                                    } else {
                                        s.text.clone()
                                    }
                                })
                                .collect()
                        })
                    };
                    format!("{:?}: {} ‖ {}", row.tag, side(&row.old), side(&row.new))
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n---\n");
    insta::assert_snapshot!("accounts_payable_v1_v2_side_by_side", rendered);
}

#[test]
fn text_rendering_of_moves_removals_reorders_and_metadata() {
    let old = onboarding();
    let mut new = old.clone();
    new.info.owner = "VP People".into();
    let (laptop, hr) = (
        node_id(&new, "Prepare laptop and equipment"),
        lane_id(&new, "Onboarding coordination"),
    );
    new.nodes.iter_mut().find(|n| n.id == laptop).unwrap().lane = hr;
    let badge = node_id(&new, "Issue building badge");
    new.nodes.retain(|n| n.id != badge);
    new.flows.retain(|f| f.source != badge && f.target != badge);
    new.layout.nodes.remove(&badge);
    for lane in &mut new.lanes {
        lane.order = match lane.name.as_str() {
            "IT provisioning" => 2,
            "Workspace preparation" => 1,
            _ => lane.order,
        };
    }
    insta::assert_snapshot!(
        "onboarding_moves_and_reorders_text",
        diff::render_text(&diff::diff(&old, &new))
    );
}
