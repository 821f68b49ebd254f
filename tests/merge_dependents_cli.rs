//! The lane-delete case from a terminal: Ann moves "Schedule payment" into lane "Audit" while
//! Bob deletes the lane. The conflict names the step; taking Bob's deletion keeps the step (in
//! the lane it came from, or the one given with `--keep-in`) and says where it went, and only
//! `--drop-dependents` deletes it. A push while the merge waits says so and exits 1.

mod support;

use std::path::Path;

use flowlane::canonical;
use flowlane::edit::{self, Command};
use flowlane::model::{Lane, Process};
use flowlane::store::Library;
use support::cli::flowlane;
use support::team::Team;

fn accounts_payable(library: &Path) -> Process {
    let library = Library::open(library).unwrap();
    let found = library.find("Accounts payable").unwrap();
    library.load(found.id, None).unwrap().1
}

fn lane_id(p: &Process, name: &str) -> flowlane::model::Id {
    p.lanes.iter().find(|l| l.name == name).unwrap().id
}

/// Saves `change` of the latest "Accounts payable" as `who`, with the CLI.
fn save(team: &Team, who: &str, message: &str, change: impl Fn(&Process) -> Command) {
    let library = team.path(who);
    let p = accounts_payable(&library);
    let next = edit::apply(&p, &edit::execute(&p, change(&p)).unwrap()).unwrap();
    let file = team.dir.path().join(format!("{who}.json"));
    std::fs::write(&file, canonical::to_bytes(&next)).unwrap();
    let file = file.to_string_lossy().into_owned();
    flowlane(
        &library,
        &[
            "save",
            "Accounts payable",
            &file,
            "-m",
            message,
            "--author",
            who,
        ],
    )
    .succeeded();
}

fn ok(library: &Path, args: &[&str]) -> String {
    let run = flowlane(library, args);
    assert_eq!(run.status, 0, "{args:?}: {}{}", run.stdout, run.stderr);
    run.stdout
}

/// Both libraries share "Accounts payable" with lane "Audit"; Bob deleted the lane and pushed;
/// Ann moved "Schedule payment" into it and pulled: the merge waits in Ann's library.
fn ann_waits_for_a_merge(team: &Team) -> String {
    let remote = team.remote.to_string_lossy().into_owned();
    let (ann, bob) = (team.path("ann"), team.path("bob"));
    ok(&ann, &["init", "--samples"]);
    save(team, "ann", "Audit lane", |_| Command::AddLane {
        lane: Lane {
            id: flowlane::model::Id::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0a01),
            name: "Audit".into(),
            team: "Internal audit".into(),
            trigger: "Payment scheduled".into(),
            output: "Payment checked".into(),
            order: 5,
            pool: None,
        },
        height: 160.0,
    });
    ok(&ann, &["remote", "link", &remote]);
    ok(&ann, &["push", "--author", "ann"]);
    ok(&bob, &["init"]);
    ok(&bob, &["remote", "link", &remote]);
    ok(&bob, &["pull", "--author", "bob"]);
    save(team, "bob", "No audit lane", |p| Command::RemoveLane {
        lane: lane_id(p, "Audit"),
    });
    ok(&bob, &["push", "--author", "bob"]);
    save(team, "ann", "Audit checks the payment", |p| {
        let node = p
            .nodes
            .iter()
            .find(|n| n.name == "Schedule payment")
            .unwrap();
        Command::MoveNode {
            node: node.id,
            lane: lane_id(p, "Audit"),
            bounds: p.layout.nodes[&node.id],
        }
    });
    ok(&ann, &["pull", "--author", "ann"])
}

/// The step's lane and how many flows touch it, in Ann's latest version.
fn schedule_payment(team: &Team) -> Option<(String, usize)> {
    let p = accounts_payable(&team.path("ann"));
    let step = p.nodes.iter().find(|n| n.name == "Schedule payment")?;
    let lane = p.lane(step.lane).unwrap().name.clone();
    let flows = (p.flows.iter())
        .filter(|f| f.source == step.id || f.target == step.id)
        .count();
    Some((lane, flows))
}

#[test]
fn taking_the_lane_deletion_keeps_the_moved_step_and_says_where_it_went() {
    let team = Team::new();
    let pulled = ann_waits_for_a_merge(&team);
    println!("{pulled}");
    assert!(
        pulled.contains(
            "deleting lane \"Audit\" would also delete the step \"Schedule payment\" that ann moved into it and its flows "
        ),
        "{pulled}"
    );
    assert!(
        pulled.contains("unless that is confirmed, \"Schedule payment\" is kept in lane \"Payment run\" (the lane it came from)"),
        "{pulled}"
    );
    assert!(pulled.contains("--drop-dependents"), "{pulled}");
    let ann = team.path("ann");
    let (_, flows_before) = schedule_payment(&team).unwrap();

    // A push while the merge waits holds the process back, says why, and fails.
    let push = flowlane(&ann, &["push", "--author", "ann"]);
    assert_eq!(push.status, 1, "{}{}", push.stdout, push.stderr);
    assert!(!push.stdout.contains("nothing to push"), "{}", push.stdout);
    push.printed("not pushed: \"Accounts payable\" waits for a merge, which must be saved first");

    let merged = ok(
        &ann,
        &[
            "merge",
            "Accounts payable",
            "--take",
            "theirs",
            "1",
            "--author",
            "ann",
        ],
    );
    assert!(
        merged.contains(
            "kept the step \"Schedule payment\" in lane \"Payment run\" (the lane it came from), as lane \"Audit\" is deleted"
        ),
        "{merged}"
    );
    assert_eq!(
        schedule_payment(&team),
        Some(("Payment run".into(), flows_before)),
        "the step and its flows survive"
    );
    let p = accounts_payable(&ann);
    assert!(
        p.lanes.iter().all(|l| l.name != "Audit"),
        "the lane is deleted"
    );
    ok(&ann, &["push", "--author", "ann"]);
    ok(&ann, &["verify"]);
}

/// `flowlane merge "Accounts payable" --take theirs 1` with `extra` options, in Ann's library.
fn take_theirs(team: &Team, extra: &[&str]) -> support::cli::Run {
    let args = ["merge", "Accounts payable", "--take", "theirs", "1"];
    flowlane(&team.path("ann"), &[&args[..], extra].concat())
}

#[test]
fn keep_in_picks_the_lane_and_drop_dependents_deletes_them() {
    let team = Team::new();
    ann_waits_for_a_merge(&team);
    let both = take_theirs(&team, &["--keep-in", "Invoice intake", "--drop-dependents"]);
    assert_eq!(both.status, 2, "keep and drop at once: {}", both.stderr);
    let unknown = take_theirs(&team, &["--keep-in", "Nowhere"]);
    assert_ne!(unknown.status, 0);
    assert!(
        unknown.stderr.contains("no lane \"Nowhere\""),
        "{}",
        unknown.stderr
    );
    let dropped = take_theirs(&team, &["--drop-dependents"]);
    assert_eq!(dropped.status, 0, "{}", dropped.stderr);
    assert!(
        (dropped.stdout).contains("deleted along with lane \"Audit\": step \"Schedule payment\""),
        "{}",
        dropped.stdout
    );
    assert_eq!(schedule_payment(&team), None, "deleted, as confirmed");

    let team = Team::new();
    ann_waits_for_a_merge(&team);
    let kept = take_theirs(&team, &["--keep-in", "Invoice intake"]);
    assert_eq!(kept.status, 0, "{}", kept.stderr);
    assert!(
        (kept.stdout).contains(
            "kept the step \"Schedule payment\" in lane \"Invoice intake\" (the lane picked)"
        ),
        "{}",
        kept.stdout
    );
    assert_eq!(schedule_payment(&team).unwrap().0, "Invoice intake");
}
