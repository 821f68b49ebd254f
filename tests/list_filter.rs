//! The process list at scale and its filter: each process listed with the owner and tags a
//! filter reads, `flowlane list --filter`, a heading edited outside Flowlane caught by `verify`.

mod support;

use flowlane::store::{FilterError, Library, ProcessFilter, TamperKind};
use support::cli::{flowlane, library_with_samples};
use support::tamper::{at, contract, verify, NAME};

#[test]
fn the_list_carries_owner_and_every_tag_of_a_process() {
    let (_dir, path) = support::tamper::library(false);
    let mut library = Library::open(&path).unwrap();
    let contract = library.find(NAME).unwrap().id;
    library.tag(contract, 1, "approved", "ana", at(5)).unwrap();
    library
        .tag(contract, 3, "in production", "ana", at(5))
        .unwrap();
    library.tag(contract, 4, "approved", "ana", at(5)).unwrap();
    let listed = library.find(NAME).unwrap();
    assert_eq!(listed.owner, "Cy", "the latest version's owner");
    assert_eq!(listed.tags, ["approved", "in production"]);
    assert_eq!(listed.latest, Some(4));
    let payables = library.find("Accounts payable").unwrap();
    assert_eq!(payables.owner, "Finance controller");
    assert!(payables.tags.is_empty());
}

#[test]
fn a_filter_is_every_term_and_a_bad_one_says_why() {
    let names = |text: &str| -> Vec<String> {
        let (_dir, path) = support::tamper::library(false);
        let library = Library::open(&path).unwrap();
        let filter = ProcessFilter::parse(text).unwrap();
        let all = library.processes().unwrap();
        all.into_iter()
            .filter(|p| filter.matches(p))
            .map(|p| p.name)
            .collect()
    };
    assert_eq!(names("owner:cy"), [NAME]);
    assert_eq!(names("category:oper"), ["Accounts payable"]);
    assert_eq!(names("OWNER:Finance payable"), ["Accounts payable"]);
    assert_eq!(names("owner:finance contract"), Vec::<String>::new());
    assert_eq!(names("").len(), 3);
    assert_eq!(
        ProcessFilter::parse("colour:red"),
        Err(FilterError::UnknownField("colour".into()))
    );
    assert_eq!(
        ProcessFilter::parse("owner:\"ann"),
        Err(FilterError::UnclosedQuote)
    );
}

#[test]
fn flowlane_list_filter_prints_only_the_matches() {
    let (_dir, path) = library_with_samples();
    let run = flowlane(&path, &["list", "--filter", "category:support"]).succeeded();
    assert!(run.stdout.contains("Employee onboarding"), "{}", run.stdout);
    // The header, then the one match.
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    let run = flowlane(&path, &["list", "--filter", "owner:\"general counsel\""]).succeeded();
    assert!(run.stdout.contains("Contract review"), "{}", run.stdout);
    // The header, then the one match.
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    let run = flowlane(&path, &["list", "--filter", "nothing-like-this"]).succeeded();
    assert_eq!(
        run.stdout.lines().count(),
        1,
        "only the header: {}",
        run.stdout
    );
    flowlane(&path, &["list", "--filter", "colour:red"]).refused(
        2,
        "--filter: unknown filter field \"colour\": use name, category, owner or tag",
    );
}

#[test]
fn a_heading_edited_outside_flowlane_is_caught() {
    let (_dir, path) = support::tamper::library(false);
    // No safeguard stands in the way: headings are not history, verify checks them against it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let id = contract(&conn);
    conn.execute(
        "UPDATE headings SET name = 'Harmless list' WHERE process_id = ?1 AND number = 2",
        [&id],
    )
    .unwrap();
    drop(conn);
    let listed = Library::open(&path).unwrap().processes().unwrap();
    assert!(
        listed.iter().any(|p| p.name == NAME),
        "v4 still lists as it is"
    );
    let report = verify(&path);
    let found: Vec<_> = report
        .problems
        .iter()
        .map(|p| (p.kind, p.version))
        .collect();
    assert_eq!(found, [(TamperKind::EditedListing, Some(2))]);
    assert!(
        report.render().contains(
            "v2: the list shows it as \"Harmless list\" (management, owner \"Ana\"), but its definition says \"Contract review\""
        ),
        "{}",
        report.render()
    );
}
