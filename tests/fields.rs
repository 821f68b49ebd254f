//! The element-field table: every member of every element has exactly one row, a row's value
//! and copy read the same member, and the UI's generated labels are the table's.

use flowlane::fields::{self, DiffField, FieldDef, Value};
use flowlane::model::{
    Category, Distribution, Duration, Flow, GatewayKind, Generator, Instances, Lane, Node,
    NodeKind, ProcessInfo, Repeat, Role, Simulation, SubProcessKind, TaskType, Trigger, VarType,
    Variable,
};

fn id(n: u128) -> flowlane::model::Id {
    flowlane::model::Id::from_u128(n)
}

fn minutes(m: u32) -> Duration {
    Duration::minutes(u64::from(m))
}

/// Where the task is in `kinds`.
const TASK: usize = 6;

/// Every kind of node with every optional member set, twice with different values.
fn kinds(n: u32) -> Vec<NodeKind> {
    vec![
        NodeKind::Start {
            trigger: Trigger::Message {
                message: format!("m{n}"),
            },
            interrupting: n != 1,
        },
        NodeKind::End {
            outcome: format!("done {n}"),
            trigger: Trigger::Error {
                code: format!("E{n}"),
            },
        },
        NodeKind::Catch {
            trigger: Trigger::after(&format!("PT{n}M")),
        },
        NodeKind::Throw {
            trigger: Trigger::Signal {
                signal: format!("s{n}"),
            },
        },
        NodeKind::Boundary {
            host: id(u128::from(n)),
            trigger: Trigger::Escalation {
                code: format!("X{n}"),
            },
            interrupting: n != 1,
        },
        NodeKind::SubProcess {
            sub: if n == 1 {
                SubProcessKind::Transaction
            } else {
                SubProcessKind::AdHoc
            },
            expanded: n == 1,
            repeat: Some(Repeat::Parallel(Instances {
                count: Some(n.to_string()),
                collection: None,
                item: None,
            })),
        },
        NodeKind::Task {
            assignee: format!("role {n}"),
            duration: Some(minutes(n)),
            sla: Some(minutes(n + 1)),
            description: format!("what {n}"),
            outputs: vec![format!("v{n}"), "w".into()],
            distribution: Some(Distribution::Fixed { value: minutes(n) }),
            cost_per_hour: Some(f64::from(n)),
            message: format!("m{n}"),
            repeat: Some(Repeat::Loop {
                condition: Some(format!("x < {n}")),
            }),
            task: if n == 1 {
                TaskType::Send
            } else {
                TaskType::Receive
            },
        },
        NodeKind::Gateway {
            gateway: if n == 1 {
                GatewayKind::Exclusive
            } else {
                GatewayKind::Inclusive
            },
            condition: Some(format!("x > {n}")),
        },
        NodeKind::Call {
            process: id(u128::from(n)),
            version: Some(n),
            repeat: Some(Repeat::Sequential(Instances {
                count: None,
                collection: Some(format!("c{n}")),
                item: None,
            })),
        },
    ]
}

fn lane(n: u32) -> Lane {
    Lane {
        id: id(1),
        name: format!("lane {n}"),
        team: format!("team {n}"),
        trigger: format!("trigger {n}"),
        output: format!("output {n}"),
        order: n,
        pool: None,
    }
}

fn flow(n: u32) -> Flow {
    Flow {
        id: id(1),
        source: id(2),
        target: id(3),
        label: format!("label {n}"),
        condition: Some(format!("x > {n}")),
        default: n == 1,
        probability: Some(f64::from(n) / 10.0),
    }
}

fn info(n: u32) -> ProcessInfo {
    ProcessInfo {
        name: format!("process {n}"),
        outcome: format!("outcome {n}"),
        category: if n == 1 {
            Category::Support
        } else {
            Category::Management
        },
        owner: format!("owner {n}"),
        sla: Some(minutes(n)),
        variables: Vec::new(),
        simulation: Simulation {
            roles: [(
                "clerk".to_string(),
                Role {
                    capacity: n,
                    cost_per_hour: 0.0,
                    calendar: None,
                },
            )]
            .into(),
            ..Simulation::default()
        },
    }
}

fn variable(n: u32) -> Variable {
    Variable {
        name: "x".into(),
        var_type: if n == 1 { VarType::Text } else { VarType::Date },
        description: format!("meaning {n}"),
        generated: (n == 1).then(|| Generator::Choice {
            weights: [("a".to_string(), 1.0)].into(),
        }),
    }
}

/// The members `item` serialises, less those the table leaves to others (ids, ends, order).
fn members<T: serde::Serialize>(item: &T, not_fields: &[&str]) -> Vec<String> {
    let json = serde_json::to_value(item).expect("serialisable");
    let mut keys: Vec<String> = json
        .as_object()
        .expect("an object")
        .keys()
        .filter(|k| !not_fields.contains(&k.as_str()))
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn keys<T>(table: &[FieldDef<T>]) -> Vec<String> {
    let mut keys: Vec<String> = table
        .iter()
        .map(|f| match f.field {
            DiffField::Cost => "cost_per_hour".to_string(),
            DiffField::Type => "type".to_string(),
            other => fields::key(other),
        })
        .collect();
    keys.sort();
    keys
}

/// Copying each field from `b` makes exactly that field of `a` equal to `b`'s.
fn copies_one_member<T: Clone>(table: &[FieldDef<T>], a: &T, b: &T) {
    for f in table {
        assert_ne!(
            (f.value)(a),
            (f.value)(b),
            "{:?} differs in the samples",
            f.field
        );
        let mut c = a.clone();
        fields::copy(table, &mut c, b, f.field);
        for g in table {
            let want = if g.field == f.field { b } else { a };
            assert_eq!((g.value)(&c), (g.value)(want), "copying {:?}", f.field);
        }
    }
}

#[test]
fn every_member_of_every_element_has_one_row_and_copy_takes_just_that_member() {
    for (a, b) in kinds(1).into_iter().zip(kinds(2)) {
        let table = fields::kind_fields(&a);
        assert_eq!(keys(table), members(&a, &["type"]), "{}", a.label());
        copies_one_member(table, &a, &b);
    }
    let node = Node {
        id: id(1),
        lane: id(2),
        name: "n".into(),
        kind: NodeKind::start(),
        parent: None,
    };
    assert_eq!(keys(&fields::NAME), vec!["name"]);
    assert!(members(&node, &["id", "lane", "kind"]) == vec!["name"]);
    assert_eq!(keys(&fields::LANE), members(&lane(1), &["id", "order"]));
    copies_one_member(&fields::LANE, &lane(1), &lane(2));
    assert_eq!(
        keys(&fields::FLOW),
        members(&flow(1), &["id", "source", "target"])
    );
    copies_one_member(&fields::FLOW, &flow(1), &flow(2));
    assert_eq!(keys(&fields::INFO), members(&info(1), &["variables"]));
    copies_one_member(&fields::INFO, &info(1), &info(2));
    assert_eq!(keys(&fields::VARIABLE), members(&variable(1), &["name"]));
    copies_one_member(&fields::VARIABLE, &variable(1), &variable(2));
}

#[test]
fn kinds_are_listed_by_their_type_tag() {
    for kind in kinds(1) {
        let tag = serde_json::to_value(&kind).expect("serialisable")["type"].clone();
        let listed = fields::KINDS
            .iter()
            .find(|(name, _)| tag == *name)
            .map(|(_, table)| table.len());
        assert_eq!(listed, Some(fields::kind_fields(&kind).len()), "{tag}");
    }
}

#[test]
fn values_print_and_diff_as_the_outline_and_diff_show_them() {
    let task = &kinds(1)[TASK];
    assert_eq!(
        fields::printed(fields::kind_fields(task), task),
        " assignee=\"role 1\" duration=1m sla=2m description=\"what 1\" sets=v1,w type=send message=\"m1\" repeat=\"loop while x < 1\""
    );
    assert_eq!(
        fields::value(fields::kind_fields(task), task, DiffField::Outputs).diffed(),
        Some("v1, w".to_string())
    );
    let empty = Lane {
        team: String::new(),
        ..lane(1)
    };
    assert_eq!(
        fields::printed(&fields::LANE, &empty),
        " team=- trigger=\"trigger 1\" output=\"output 1\""
    );
    assert_eq!(
        fields::printed(&fields::FLOW, &flow(1)),
        " label=\"label 1\" if `x > 1` default"
    );
    assert_eq!(Value::text("").diffed(), None);
}

/// Like the ts-rs types, the labels file is regenerated by `cargo test`; a stale one fails once.
#[test]
fn the_ui_labels_file_is_generated_from_the_table() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/generated/fieldLabels.ts");
    let want = fields::labels_typescript();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        std::fs::write(&path, &want).expect("write the labels file");
        panic!(
            "{} was stale and has been regenerated: commit it",
            path.display()
        );
    }
}

/// An added task lists its fields in the order a changed one does (the table's order).
#[test]
fn an_added_task_lists_its_fields_in_the_order_a_changed_one_does() {
    let mut old = flowlane::model::Process::new(id(9), "p");
    old.lanes.push(lane(1));
    let mut new = old.clone();
    new.nodes.push(Node {
        id: id(5),
        lane: id(1),
        name: "t".into(),
        kind: kinds(1).swap_remove(TASK),
        parent: None,
    });
    let listed = |d: &flowlane::diff::Diff| -> Vec<DiffField> {
        d.changes
            .iter()
            .flat_map(|c| c.fields.iter().map(|f| f.field))
            .filter(|f| !matches!(f, DiffField::Name | DiffField::Kind))
            .collect()
    };
    let added = listed(&flowlane::diff::diff(&old, &new));
    let mut changed_to = new.clone();
    changed_to.nodes[0].kind = kinds(2).swap_remove(TASK);
    let changed = listed(&flowlane::diff::diff(&new, &changed_to));
    assert_eq!(added.len(), 10);
    assert_eq!(added, changed);
}
