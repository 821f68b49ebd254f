//! The three-way merge, one row per rule: what each side did to the onboarding sample, and the
//! conflicts (element kind, field) the merge must list. Every merged definition, chosen or not,
//! must stay structurally valid and keep every one-sided change.

mod support;

use std::collections::BTreeMap;

use flowlane::diff::semantic::DiffElement;
use flowlane::edit::Command;
use flowlane::model::{Bounds, Id, Node, NodeKind, Process, VarType, Variable};
use flowlane::samples;
use flowlane::sync::merge::{self, Choices, Fate, People, Side};
use flowlane::validate;
use support::edits::{append_task, run};

/// The merge with a side per conflict key, the sides named "my side" and "their side".
fn merge(
    base: &Process,
    mine: &Process,
    theirs: &Process,
    sides: &BTreeMap<String, Side>,
) -> merge::Merged {
    let choices = Choices {
        sides: sides.clone(),
        ..Choices::default()
    };
    merge::merge(base, mine, theirs, &choices, &People::default())
}

fn onboarding() -> Process {
    samples::versions()
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.info.name == "Employee onboarding")
        .unwrap()
}

fn node(p: &Process, name: &str) -> Node {
    p.nodes.iter().find(|n| n.name == name).unwrap().clone()
}

fn lane(p: &Process, name: &str) -> Id {
    p.lanes.iter().find(|l| l.name == name).unwrap().id
}

fn rename(task: &'static str, to: &'static str) -> impl Fn(&Process) -> Process {
    move |p| {
        let mut n = node(p, task);
        n.name = to.into();
        run(p, Command::UpdateNode { node: n })
    }
}

fn assign(task: &'static str, to: &'static str) -> impl Fn(&Process) -> Process {
    move |p| {
        let mut n = node(p, task);
        if let NodeKind::Task { assignee, .. } = &mut n.kind {
            *assignee = to.into();
        }
        run(p, Command::UpdateNode { node: n })
    }
}

fn delete(task: &'static str) -> impl Fn(&Process) -> Process {
    move |p| {
        let id = node(p, task).id;
        run(p, Command::RemoveNode { node: id })
    }
}

fn move_to(task: &'static str, to: &'static str, x: f64) -> impl Fn(&Process) -> Process {
    move |p| {
        let n = node(p, task);
        let bounds = Bounds {
            x,
            y: 40.0,
            w: 140.0,
            h: 60.0,
        };
        run(
            p,
            Command::MoveNode {
                node: n.id,
                lane: lane(p, to),
                bounds,
            },
        )
    }
}

fn owner(to: &'static str) -> impl Fn(&Process) -> Process {
    move |p| {
        let mut info = p.info.clone();
        info.owner = to.into();
        run(p, Command::UpdateInfo { info })
    }
}

fn variable(name: &'static str, var_type: VarType) -> impl Fn(&Process) -> Process {
    move |p| {
        let mut info = p.info.clone();
        info.variables.push(Variable::new(name, var_type));
        run(p, Command::UpdateInfo { info })
    }
}

fn condition(to: &'static str) -> impl Fn(&Process) -> Process {
    move |p| {
        let mut flow = p
            .flows
            .iter()
            .find(|f| f.condition.as_deref() == Some("remote == true"))
            .unwrap()
            .clone();
        flow.condition = Some(to.into());
        run(p, Command::UpdateFlow { flow })
    }
}

/// A new task after `after`, drawn in its lane: the id is fixed so the row is reproducible.
fn add_after(after: &'static str, name: &'static str, seed: u128) -> impl Fn(&Process) -> Process {
    move |p| {
        let from = node(p, after);
        let id = Id::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + seed);
        let task = Node {
            id,
            lane: from.lane,
            name: name.into(),
            kind: NodeKind::task("HR specialist"),
            parent: None,
        };
        append_task(p, from.id, task)
    }
}

type Edit = Box<dyn Fn(&Process) -> Process>;

struct Row {
    rule: &'static str,
    mine: Edit,
    theirs: Edit,
    conflicts: &'static [(DiffElement, &'static str)],
}

fn rows() -> Vec<Row> {
    use DiffElement::{Flow as F, Lane as L, Node as N, Process as P, Variable as V};
    let row = |rule, mine: Edit, theirs: Edit, conflicts| Row {
        rule,
        mine,
        theirs,
        conflicts,
    };
    vec![
        row(
            "the same rename on both sides is taken once",
            Box::new(rename("Day 30", "Day thirty")),
            Box::new(rename("Day 30", "Day thirty")),
            &[],
        ),
        row(
            "different tasks merge",
            Box::new(rename("Day 30", "Day thirty")),
            Box::new(assign("Prepare first-week plan", "Team lead")),
            &[],
        ),
        row(
            "different fields of one task merge",
            Box::new(rename("Collect new-hire documents", "Collect documents")),
            Box::new(assign("Collect new-hire documents", "HR assistant")),
            &[],
        ),
        row(
            "one name changed two ways",
            Box::new(rename("Day 30", "Day thirty")),
            Box::new(rename("Day 30", "Thirty days")),
            &[(N, "name")],
        ),
        row(
            "an assignee changed two ways",
            Box::new(assign("Prepare first-week plan", "Manager")),
            Box::new(assign("Prepare first-week plan", "Team lead")),
            &[(N, "assignee")],
        ),
        row(
            "a deletion the other side did not touch is taken",
            Box::new(delete("Issue building badge")),
            Box::new(rename("Day 30", "Day thirty")),
            &[],
        ),
        row(
            "deleted here, renamed there",
            Box::new(delete("Issue building badge")),
            Box::new(rename("Issue building badge", "Issue badge")),
            &[(N, "deleted")],
        ),
        row(
            "deleted here, connected there",
            Box::new(delete("Issue building badge")),
            Box::new(add_after("Issue building badge", "Photograph new hire", 1)),
            &[(N, "deleted")],
        ),
        row(
            "additions on both sides are both kept",
            Box::new(add_after("Day 30", "Buddy lunch", 2)),
            Box::new(add_after("Day 60", "Team dinner", 4)),
            &[],
        ),
        row(
            "one task moved to two lanes",
            Box::new(move_to(
                "Request system access",
                "Workspace preparation",
                900.0,
            )),
            Box::new(move_to("Request system access", "First-weeks plan", 1100.0)),
            &[(N, "lane"), (N, "bounds")],
        ),
        row(
            "the owner changed two ways",
            Box::new(owner("COO")),
            Box::new(owner("CHRO")),
            &[(P, "owner")],
        ),
        row(
            "one variable declared with two types",
            Box::new(variable("grade", VarType::Number)),
            Box::new(variable("grade", VarType::Text)),
            &[(V, "type")],
        ),
        row(
            "a condition changed two ways",
            Box::new(condition("remote")),
            Box::new(condition("remote == true && !needs_laptop")),
            &[(F, "condition")],
        ),
        row(
            "a lane deleted while a step moved into it",
            Box::new(|p: &Process| {
                run(
                    p,
                    Command::RemoveLane {
                        lane: lane(p, "Workspace preparation"),
                    },
                )
            }),
            Box::new(move_to(
                "Request system access",
                "Workspace preparation",
                900.0,
            )),
            &[(L, "deleted")],
        ),
        row(
            "a lane deleted while a step moved into it, the other way round",
            Box::new(move_to(
                "Request system access",
                "Workspace preparation",
                900.0,
            )),
            Box::new(remove_lane("Workspace preparation")),
            &[(L, "deleted")],
        ),
        row(
            "a lane deleted while a step was added in it",
            Box::new(remove_lane("Workspace preparation")),
            Box::new(add_after("Issue building badge", "Photograph new hire", 6)),
            &[(L, "deleted"), (N, "deleted")],
        ),
        row(
            "a step deleted while a flow was connected to it, the other way round",
            Box::new(add_after("Issue building badge", "Photograph new hire", 8)),
            Box::new(delete("Issue building badge")),
            &[(N, "deleted")],
        ),
    ]
}

fn remove_lane(name: &'static str) -> impl Fn(&Process) -> Process {
    move |p| {
        run(
            p,
            Command::RemoveLane {
                lane: lane(p, name),
            },
        )
    }
}

#[test]
fn each_rule_lists_exactly_its_conflicts_and_keeps_one_sided_changes() {
    let base = onboarding();
    for row in rows() {
        let (mine, theirs) = ((row.mine)(&base), (row.theirs)(&base));
        let merged = merge(&base, &mine, &theirs, &BTreeMap::new());
        let found: Vec<(DiffElement, &str)> = merged
            .conflicts
            .iter()
            .map(|c| (c.element, c.field.as_str()))
            .collect();
        assert_eq!(
            found, row.conflicts,
            "{}: {:#?}",
            row.rule, merged.conflicts
        );
        // Unresolved, the merge holds mine; all theirs gives theirs where they disagree. A
        // deletion that takes flows along waits for its confirmation; confirmed, it is chosen.
        for side in [Side::Mine, Side::Theirs] {
            let mut choices = Choices {
                sides: (merged.conflicts.iter())
                    .map(|c| (c.key.clone(), side))
                    .collect(),
                ..Choices::default()
            };
            for confirmed in [false, true] {
                if confirmed {
                    choices.fates = (merged.conflicts.iter())
                        .map(|c| (c.key.clone(), Fate::Drop))
                        .collect();
                }
                let chosen = merge::merge(&base, &mine, &theirs, &choices, &People::default());
                for c in chosen.unresolved() {
                    assert!(
                        !confirmed && c.needs_confirmation && c.deletion_taken(),
                        "{} ({side:?}): {c:#?}",
                        row.rule
                    );
                }
                let problems = validate::structure(&chosen.process);
                assert!(problems.is_empty(), "{} ({side:?}): {problems:?}", row.rule);
            }
        }
        if row.conflicts.is_empty() {
            // A clean merge keeps both sides' changes: merging it with either side changes nothing more.
            for side in [&mine, &theirs] {
                let again = merge(&base, side, &merged.process, &BTreeMap::new());
                assert_eq!(
                    flowlane::canonical::hash(&again.process),
                    flowlane::canonical::hash(&merged.process),
                    "{}: the merge contains {} changes",
                    row.rule,
                    if std::ptr::eq(side, &mine) {
                        "mine"
                    } else {
                        "theirs"
                    }
                );
            }
        }
    }
}

#[test]
fn a_choice_takes_that_side_for_that_conflict_only() {
    let base = onboarding();
    let mine = assign("Prepare first-week plan", "Manager")(&rename(
        "Collect new-hire documents",
        "Gather paperwork",
    )(&base));
    let theirs = assign("Prepare first-week plan", "Team lead")(&rename(
        "Collect new-hire documents",
        "Collect papers",
    )(&base));
    let merged = merge(&base, &mine, &theirs, &BTreeMap::new());
    assert_eq!(merged.conflicts.len(), 2, "{:#?}", merged.conflicts);
    let name = merged.conflicts.iter().find(|c| c.field == "name").unwrap();
    let choices = BTreeMap::from([(name.key.clone(), Side::Theirs)]);
    let chosen = merge(&base, &mine, &theirs, &choices);
    assert_eq!(chosen.unresolved().len(), 1);
    assert!(chosen
        .process
        .nodes
        .iter()
        .any(|n| n.name == "Collect papers"));
    let plan = node(&chosen.process, "Prepare first-week plan");
    assert!(
        matches!(plan.kind, NodeKind::Task { ref assignee, .. } if assignee == "Manager"),
        "unresolved keeps mine"
    );
}
