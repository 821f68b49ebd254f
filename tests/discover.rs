//! Discovery: the inductive miner finds the known trees of small logs (the examples of the
//! inductive miner's papers and of "Process Mining" by van der Aalst), its infrequent variant
//! leaves rare behaviour out, the plain miner (noise 0) fits every case of the samples' logs
//! (the receipt log's noise-0 model is too parallel for exact alignments in reasonable time; its
//! tree is compared with pm4py's in the oracle), and the drafted process has its lanes, a layout and passes the checks a
//! save makes. pm4py's trees are compared in `tests/conformance/oracle.py`.

mod support;

use flowlane::conformance;
use flowlane::discover::{self, DiscoverError, Operator, ProcessTree};
use flowlane::eventlog::{self, CsvColumns, EventLog, ReadOptions};
use flowlane::model::NodeKind;
use flowlane::validate::{self, Severity};
use support::cli::flowlane;

/// Each row: how many cases followed it, and the trace (activities split by spaces).
type Rows<'a> = &'a [(usize, &'a str)];

fn log(rows: Rows) -> EventLog {
    let mut traces: Vec<Vec<&str>> = Vec::new();
    for (count, trace) in rows {
        for _ in 0..*count {
            traces.push(trace.split_whitespace().collect());
        }
    }
    support::event_log::event_log(&traces, Some(1_772_355_600_000))
}

/// The tree with the children of choices and parallel blocks in order of their text, so two
/// trees compare up to that order.
fn canonical(tree: &ProcessTree) -> String {
    match tree {
        ProcessTree::Operator { operator, children } => {
            let mut parts: Vec<String> = children.iter().map(canonical).collect();
            if matches!(operator, Operator::Xor | Operator::Parallel) {
                parts.sort();
            }
            format!("{}( {} )", operator.symbol(), parts.join(", "))
        }
        leaf => leaf.to_string(),
    }
}

fn ids() -> impl FnMut() -> uuid::Uuid {
    let mut next = 0u128;
    move || {
        next += 1;
        uuid::Uuid::from_u128(next)
    }
}

#[test]
fn small_logs_give_the_trees_the_papers_give() {
    let table: &[(Rows, f64, &str)] = &[
        // Leemans et al. 2013, the running example.
        (
            &[(3, "a b c d"), (2, "a c b d"), (1, "a e d")],
            0.0,
            "->( 'a', X( 'e', +( 'b', 'c' ) ), 'd' )",
        ),
        // van der Aalst, "Process Mining" (2016), L1 of the inductive miner's section: a loop
        // around a sequence with a parallel block.
        (
            &[
                (1, "a b c d e f b d c e g"),
                (1, "a b d c e g"),
                (1, "a b c d e f b c d e f b d c e g"),
            ],
            0.0,
            "->( 'a', *( ->( 'b', +( 'c', 'd' ), 'e' ), 'f' ), 'g' )",
        ),
        // An optional step, and one that repeats.
        (
            &[(2, "a b c"), (1, "a c"), (1, "a b b c")],
            0.0,
            "->( 'a', X( *( 'b', tau ), tau ), 'c' )",
        ),
        // Empty cases make the whole optional.
        (&[(3, "a b"), (2, "")], 0.0, "X( ->( 'a', 'b' ), tau )"),
        // A trace that starts over is a loop of rounds (strict tau loop).
        (
            &[(2, "a b"), (1, "a b a b")],
            0.0,
            "*( ->( 'a', 'b' ), tau )",
        ),
        // No cut, but one without each activity: each runs beside the others (activity
        // concurrent), each found again the same way.
        (
            &[(1, "a b c a"), (1, "b a c b c"), (1, "c b")],
            0.0,
            "+( *( 'b', tau ), *( 'c', tau ), X( *( 'a', tau ), tau ) )",
        ),
        // One rare case that starts elsewhere: kept at noise 0 (every activity once per
        // trace, so in parallel), left out at 0.2.
        (&[(20, "a b c"), (1, "c a b")], 0.0, "+( 'a', 'b', 'c' )"),
        (&[(20, "a b c"), (1, "c a b")], 0.2, "->( 'a', 'b', 'c' )"),
    ];
    for (rows, noise, expected) in table {
        let tree = discover::mine(&log(rows), *noise).expect("a tree");
        println!("{rows:?} at noise {noise}: {tree}");
        assert_eq!(canonical(&tree), *expected, "{rows:?}: {tree}");
    }
}

/// Every case fits the process the plain inductive miner draws from its log (optimal
/// alignments, fitness 1 for each).
fn assert_fits_every_case(log: &EventLog, what: &str) {
    let found = discover::discover(log, 0.0, what, &mut ids()).expect("a process");
    let report = conformance::check(&found.process, 1, log).expect("the check runs");
    assert!(report.unmapped.is_empty(), "{what}: {:?}", report.unmapped);
    assert_eq!(
        report.alignments.average_trace_fitness, 1.0,
        "{what}: {}",
        found.tree
    );
    assert_eq!(
        report.alignments.fitting_cases,
        log.cases.len() as u64,
        "{what}"
    );
    println!(
        "{what}: {} cases, fitness {}, {} tasks, {} gateways: {}",
        log.cases.len(),
        report.alignments.log_fitness,
        found.figures.tasks,
        found.figures.gateways,
        found.tree
    );
}

#[test]
fn the_plain_miner_fits_every_case_of_logs_walked_from_the_samples() {
    for (i, (sample, _)) in flowlane::samples::versions().iter().enumerate() {
        let traces = support::event_log::walk(sample, 60, 11 + i as u64);
        let log = support::event_log::event_log(&traces, Some(1_772_355_600_000));
        assert_fits_every_case(&log, &sample.info.name);
    }
}

#[test]
fn the_draft_has_a_lane_per_performer_a_layout_and_passes_the_checks_of_a_save() {
    let path = support::event_log::event_logs_dir().join("receipt.xes");
    let bytes = std::fs::read(path).expect("receipt.xes");
    let options = ReadOptions {
        columns: CsvColumns {
            resource: Some("org:group".into()),
            ..CsvColumns::default()
        },
        ..ReadOptions::default()
    };
    let log = eventlog::read(bytes.as_slice(), &options, &mut |_| {}).expect("the log reads");
    let found = discover::discover(&log, 0.2, "Receipt as done", &mut ids()).expect("a process");
    let process = &found.process;
    let tasks: Vec<_> = process
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Task { .. }))
        .collect();
    assert_eq!(tasks.len(), 27, "a task per activity");
    // Lanes follow org:group (read as the resource), and every task's lane is named like its
    // assignee.
    assert!(found.figures.lanes.len() > 1);
    assert!(found
        .figures
        .lanes
        .iter()
        .all(|l| log.resources.contains(l)));
    assert!(found
        .figures
        .lanes
        .iter()
        .all(|l| !l.starts_with("Resource")));
    let lane_of = |name: &str| {
        let task = tasks.iter().find(|t| t.name == name).expect("the task");
        process.lane(task.lane).expect("its lane").name.clone()
    };
    for task in &tasks {
        let NodeKind::Task { assignee, .. } = &task.kind else {
            unreachable!()
        };
        assert_eq!(*assignee, lane_of(&task.name));
    }
    assert!(process
        .nodes
        .iter()
        .all(|n| process.layout.nodes.contains_key(&n.id)));
    assert!(process
        .lanes
        .iter()
        .all(|l| process.layout.lanes.contains_key(&l.id)));
    let errors: Vec<_> = validate::version_structure(process, "discovered")
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_noise_threshold_out_of_range_is_refused() {
    let small = log(&[(1, "a b")]);
    assert_eq!(discover::mine(&small, 1.5), Err(DiscoverError::Noise(1.5)));
    assert_eq!(
        discover::mine(&small, -0.1),
        Err(DiscoverError::Noise(-0.1))
    );
}

#[test]
fn the_command_line_stores_a_draft_or_writes_the_definition() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib.flowlane");
    flowlane(&library, &["init"]).succeeded();
    let csv = dir.path().join("orders.csv");
    std::fs::write(
        &csv,
        "case,activity,timestamp,resource\n\
         1,Receive order,2026-03-02T09:00:00Z,Ana\n1,Ship,2026-03-02T10:00:00Z,Bo\n\
         2,Receive order,2026-03-03T09:00:00Z,Ana\n2,Check credit,2026-03-03T09:30:00Z,Cy\n\
         2,Ship,2026-03-03T11:00:00Z,Bo\n",
    )
    .unwrap();
    let csv = csv.display().to_string();
    let run = flowlane(
        &library,
        &["discover", &csv, "--noise", "0", "--format", "json"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let schema = std::fs::read_to_string("schemas/discovery.schema.json").expect("the schema");
    let schema = serde_json::from_str(&schema).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a JSON schema");
    let errors: Vec<String> = validator
        .iter_errors(&summary)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(summary["name"], "orders as discovered");
    assert_eq!(
        summary["notation"],
        "->( 'Receive order', X( tau, 'Check credit' ), 'Ship' )"
    );
    assert_eq!(
        summary["figures"]["lanes"],
        serde_json::json!(["Ana", "Cy", "Bo"])
    );
    let listed = flowlane(&library, &["list"]).succeeded().stdout;
    assert!(
        listed.contains("orders as discovered") && listed.contains("draft"),
        "{listed}"
    );

    let out = dir.path().join("as-done.json");
    let out_arg = out.display().to_string();
    let args = ["discover", &csv, "--name", "Orders", "--output", &out_arg];
    let text = flowlane(&library, &args).succeeded().stdout;
    assert!(text.contains("3 tasks, 2 gateways, 3 lanes"), "{text}");
    let written =
        flowlane::canonical::parse(&std::fs::read_to_string(&out).unwrap()).expect("a definition");
    assert_eq!(written.info.name, "Orders");

    let refused = flowlane(&library, &["discover", &csv, "--noise", "2"]);
    assert_eq!(refused.status, 2);
    assert!(
        refused.stderr.contains("between 0 and 1"),
        "{}",
        refused.stderr
    );
    let listed_after = flowlane(&library, &["list"]).succeeded().stdout;
    assert_eq!(
        listed_after.lines().count(),
        listed.lines().count(),
        "nothing more stored"
    );
}

/// The draft's choices carry the shares of cases that took each way, so the batch simulation
/// runs it as discovered: 30 of 40 cases approved, 10 rejected.
#[test]
fn the_drafts_choices_carry_how_often_cases_took_each_way() {
    let l = log(&[(30, "receive check approve"), (10, "receive check reject")]);
    let mut next = 0u128;
    let mut ids = || {
        next += 1;
        flowlane::model::Id::from_u128(next)
    };
    let found = discover::discover(&l, 0.0, "Approvals", &mut ids).expect("a process");
    let p = &found.process;
    let to = |name: &str| {
        let node = p.nodes.iter().find(|n| n.name == name).unwrap();
        p.flows.iter().find(|f| f.target == node.id).unwrap()
    };
    assert_eq!(to("approve").probability, Some(0.75));
    assert_eq!(to("reject").probability, Some(0.25));
    let missing = flowlane::simulate::batch::gaps(p);
    assert!(
        missing.gaps.iter().all(|g| !g.what.starts_with("decision")),
        "{:?}",
        missing.gaps
    );
}
