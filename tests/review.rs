//! Reviewing BPMN anywhere: `flowlane diff OLD NEW` over files (no library), the corpus's tool
//! pairs, `flowlane textconv` as git's textconv driver and `flowlane diff` as git's difftool.

mod bpmn_corpus;
mod support;

use std::path::Path;
use std::process::Command;

use flowlane::diff::semantic::{DiffElement, DiffField, DiffStatus, FieldValue};
use flowlane::diff::{diff, render_text, Diff};
use flowlane::review::read_bpmn;
use support::cli::{flowlane, run, Run};

const BIN: &str = env!("CARGO_BIN_EXE_flowlane");

/// `flowlane ARGS` with no library anywhere: a library argument would be a mistake.
fn without_library(args: &[&str]) -> Run {
    let nowhere = Path::new("/nonexistent/no-library.flowlane");
    flowlane(nowhere, args)
}

/// The reference a tool's file redraws or round-trips: `A.2.0-export.bpmn` → `A.2.0.bpmn`.
fn reference_of(tool_file: &Path) -> std::path::PathBuf {
    let name = tool_file.file_name().unwrap().to_string_lossy();
    let model = name
        .trim_end_matches(".bpmn")
        .trim_end_matches("-export")
        .trim_end_matches("-roundtrip");
    bpmn_corpus::root().join(format!("reference/{model}.bpmn"))
}

fn tool_files() -> Vec<std::path::PathBuf> {
    let tools = bpmn_corpus::root().join("tools");
    let mut files = Vec::new();
    for tool in std::fs::read_dir(&tools).unwrap() {
        for file in std::fs::read_dir(tool.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "bpmn") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn file_diff(old: &Path, new: &Path) -> Diff {
    let read = |p: &Path| read_bpmn(&std::fs::read(p).unwrap()).unwrap();
    diff(&read(old), &read(new))
}

fn words(value: &Option<FieldValue>) -> Vec<String> {
    let text = value.as_ref().map(ToString::to_string).unwrap_or_default();
    text.split_whitespace().map(str::to_string).collect()
}

/// Every tool's export and round trip of an A model against the reference: read and compared
/// without error, and no change that says nothing: no "changed" whose fields are all equal, no
/// name or label "changed" into the same words, no element "re-created" because two tools gave
/// it other ids.
#[test]
fn corpus_tool_pairs_report_only_what_differs() {
    let files = tool_files();
    assert!(files.len() >= 60, "{} tool files", files.len());
    let mut summary = Vec::new();
    for tool in &files {
        let changes = file_diff(&reference_of(tool), tool);
        let name = tool.strip_prefix(bpmn_corpus::root()).unwrap().display();
        for c in &changes.changes {
            // A tool's round trip may give an element a new id: "re-created" says that.
            let said = c.moved.is_some() || !c.fields.is_empty() || c.recreated;
            assert!(
                said || c.status != DiffStatus::Changed,
                "{name}: {:?} {} says nothing",
                c.status,
                c.name
            );
            for f in &c.fields {
                let same = words(&f.old) == words(&f.new);
                let named = matches!(f.field, DiffField::Name | DiffField::Label);
                assert!(!(named && same), "{name}: {} {:?} unchanged", c.name, f);
            }
            let ids_differ = tool.to_string_lossy().ends_with("-export.bpmn");
            assert!(
                !(ids_differ && c.recreated),
                "{name}: {} re-created",
                c.name
            );
        }
        summary.push(format!(
            "{name}: {}",
            render_text(&changes).lines().next().unwrap()
        ));
    }
    // bpmn.io keeps every id and value on a round trip: nothing in meaning differs.
    for line in summary
        .iter()
        .filter(|l| l.contains("camunda") && l.contains("roundtrip"))
    {
        assert!(line.ends_with(": no changes"), "{line}");
    }
    println!("{}", summary.join("\n"));
}

/// What a few pairs report, checked by hand against the files.
#[test]
fn corpus_pairs_checked_by_hand() {
    let tools = bpmn_corpus::root().join("tools");
    let pair = |file: &str| {
        let tool = tools.join(file);
        render_text(&file_diff(&reference_of(&tool), &tool))
    };
    // ARIS redrew A.1.0 with new ids and named its lane after the model; nothing else differs.
    let aris = pair("aris-10.2025.07/A.1.0-export.bpmn");
    assert_eq!(
        aris,
        "1 changed; 8 layout change(s) not shown\n~ lane \"A.1.0\"\n    name: (none) → \"A.1.0\"\n"
    );
    // bpmn.io's redrawing of A.2.1 has no process or lane name, and the reference's `true` on
    // Task 2 → End Event is an empty condition there; the gateways' names broken over two lines
    // in the reference are the same names.
    let camunda = pair("bpmn-io-camunda-modeler-18.6.1/A.2.1-export.bpmn");
    assert!(camunda.starts_with("3 changed;"), "{camunda}");
    assert!(camunda.contains("~ flow 'Task 2' → 'End Event'\n    condition: \"true\" → \"\""));
    assert!(!camunda.contains("Gateway"), "{camunda}");
    // ARIS's round trip of A.2.0 keeps the ids: only the lane name it adds.
    let roundtrip = pair("aris-10.2025.07/A.2.0-roundtrip.bpmn");
    assert!(roundtrip.starts_with("1 changed;"), "{roundtrip}");
    assert!(
        roundtrip.contains("name: (none) → \"A.2.0\""),
        "{roundtrip}"
    );
}

/// The reference A.1.0 and, as a .json definition, the same model without "Task 2" (its flows
/// joined around it) and with "Task 3" renamed.
fn reference_and_edited_copy(dir: &Path) -> (String, String) {
    let reference = bpmn_corpus::root().join("reference/A.1.0.bpmn");
    let mut process = read_bpmn(&std::fs::read(&reference).unwrap()).unwrap();
    let id_of = |p: &flowlane::model::Process, name: &str| {
        p.nodes.iter().find(|n| n.name == name).unwrap().id
    };
    let gone = id_of(&process, "Task 2");
    let renamed = id_of(&process, "Task 3");
    process.nodes.retain(|n| n.id != gone);
    let after = process
        .flows
        .iter()
        .find(|f| f.source == gone)
        .unwrap()
        .target;
    process.flows.retain(|f| f.source != gone);
    for f in process.flows.iter_mut().filter(|f| f.target == gone) {
        f.target = after;
        process.layout.flows.remove(&f.id);
    }
    for n in process.nodes.iter_mut().filter(|n| n.id == renamed) {
        n.name = "Ship order".into();
    }
    let edited = dir.join("edited.json");
    std::fs::write(&edited, flowlane::canonical::to_bytes(&process)).unwrap();
    let reference = reference.to_str().unwrap().to_string();
    (reference, edited.to_str().unwrap().to_string())
}

#[test]
fn two_files_are_compared_without_a_library_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = reference_and_edited_copy(dir.path());
    let (old, new) = (old.as_str(), new.as_str());
    let text = without_library(&["diff", old, new]).succeeded();
    assert!(
        text.stdout.starts_with("2 removed, 2 changed"),
        "{}",
        text.stdout
    );
    text.printed("- task \"Task 2\"");
    text.printed("~ flow 'Task 1' → 'Ship order'\n    target: \"Task 2\" → \"Ship order\"");
    text.printed("    name: \"Task 3\" → \"Ship order\"");
    let unified = without_library(&["diff", old, new, "--format", "unified"]).succeeded();
    unified.printed(&format!("--- {old}\n+++ {new}\n"));
    unified.printed("\n-  task \"Task 2\"");
    let json = without_library(&["diff", old, new, "--format", "json"]).succeeded();
    let parsed: Diff = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(parsed.changes.len(), 4, "{}", json.stdout);
    let svg = without_library(&["diff", old, new, "--format", "svg"]).succeeded();
    assert!(svg.stdout.starts_with("<svg") && svg.stdout.contains("compare-overlay"));
    // The removed task is ghosted where the older file drew it; the renamed one is amber.
    assert!(svg.stdout.contains("stroke-dasharray=\"7 5\""), "no ghost");
    assert!(
        svg.stdout.contains("class=\"mark mark-changed\""),
        "no changed mark"
    );

    let png = dir.path().join("change.png");
    let png_arg = png.to_str().unwrap();
    without_library(&["diff", old, new, "--format", "png", "-o", png_arg]).succeeded();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));

    let missing = without_library(&["diff", old, "nowhere.bpmn"]);
    missing.refused(
        2,
        "nowhere.bpmn is not a file, nor a version of the library",
    );
}

#[test]
fn a_file_and_a_library_version_are_compared() {
    let (dir, lib) = support::cli::library_with_samples();
    let exported = dir.path().join("payables.json");
    let out = exported.to_str().unwrap();
    let args = [
        "export",
        "Accounts payable",
        "--version",
        "2",
        "--format",
        "json",
    ];
    let json = flowlane(&lib, &args).succeeded();
    std::fs::write(&exported, json.stdout).unwrap();
    let same = flowlane(&lib, &["diff", "Accounts payable@2", out]).succeeded();
    assert_eq!(same.stdout, "no changes\n");
    let older = flowlane(&lib, &["diff", "Accounts payable@v1", out]).succeeded();
    older.printed("+ lane \"Executive approval\"");
    // The library's own form still reads: PROCESS FROM TO.
    let classic = flowlane(&lib, &["diff", "Accounts payable", "1", "2"]).succeeded();
    assert_eq!(classic.stdout, older.stdout);
    // A file added (git passes /dev/null for the missing side) is all added.
    let added = flowlane(&lib, &["diff", "/dev/null", out]).succeeded();
    added.printed("+ lane \"Executive approval\"");
    assert!(!added.stdout.contains("- "), "{}", added.stdout);
    // …and a file deleted all removed.
    let deleted = flowlane(&lib, &["diff", out, "/dev/null"]).succeeded();
    deleted.printed("- lane \"Executive approval\"");
    assert!(!deleted.stdout.contains("+ "), "{}", deleted.stdout);
}

#[test]
fn textconv_prints_the_outline_the_same_bytes_each_time() {
    let root = bpmn_corpus::root();
    for file in [
        "reference/A.4.1.bpmn",
        "tools/aris-10.2025.07/A.3.0-export.bpmn",
    ] {
        let path = root.join(file);
        let path = path.to_str().unwrap();
        let first = without_library(&["textconv", path]).succeeded();
        let second = without_library(&["textconv", path]).succeeded();
        assert_eq!(first.stdout, second.stdout, "{file}");
        let process = read_bpmn(&std::fs::read(path).unwrap()).unwrap();
        let outline = flowlane::export::outline::outline(&process);
        assert_eq!(first.stdout, outline, "{file}");
    }
    // A copy under another name (git's temporary files) reads the same, extension or not.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("XXXXXX_blob");
    std::fs::copy(root.join("reference/A.4.1.bpmn"), &copy).unwrap();
    let original = root.join("reference/A.4.1.bpmn");
    let a = without_library(&["textconv", original.to_str().unwrap()]).succeeded();
    let b = without_library(&["textconv", copy.to_str().unwrap()]).succeeded();
    assert_eq!(a.stdout, b.stdout);
}

fn git(repo: &Path, args: &[&str]) -> Run {
    let mut command = Command::new("git");
    command
        .current_dir(repo)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .env("GIT_AUTHOR_NAME", "Reviewer")
        .env("GIT_AUTHOR_EMAIL", "reviewer@example.com")
        .env("GIT_COMMITTER_NAME", "Reviewer")
        .env("GIT_COMMITTER_EMAIL", "reviewer@example.com");
    run(&mut command).succeeded()
}

/// A plain git repository set up as the README says: `git diff` and `git log -p` show outline
/// lines through the textconv driver, and `git difftool -t flowlane` prints the semantic diff.
#[test]
fn git_diff_and_difftool_read_bpmn_through_flowlane() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "--quiet", "--initial-branch=main"]);
    std::fs::write(repo.join(".gitattributes"), "*.bpmn diff=flowlane\n").unwrap();
    git(
        repo,
        &[
            "config",
            "diff.flowlane.textconv",
            &format!("{BIN} textconv"),
        ],
    );
    let difftool = format!("{BIN} diff \"$LOCAL\" \"$REMOTE\"");
    git(repo, &["config", "difftool.flowlane.cmd", &difftool]);
    let reference = bpmn_corpus::root().join("reference/A.2.0.bpmn");
    let original = std::fs::read_to_string(reference).unwrap();
    std::fs::write(repo.join("order.bpmn"), &original).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "--quiet", "-m", "Order process"]);

    let renamed = original.replace("name=\"Task 2\"", "name=\"Check stock\"");
    assert_ne!(renamed, original);
    std::fs::write(repo.join("order.bpmn"), &renamed).unwrap();
    let shown = git(repo, &["diff"]).stdout;
    assert!(
        shown.contains("\n-  task \"Task 2\" [lane 1] assignee=-\n"),
        "{shown}"
    );
    assert!(
        shown.contains("\n+  task \"Check stock\" [lane 1] assignee=-\n"),
        "{shown}"
    );
    assert!(shown.contains("\n-    -> \"Task 2\"\n"), "{shown}");
    assert!(!shown.contains("semantic:"), "XML in the diff: {shown}");

    let tool = git(repo, &["difftool", "--no-prompt", "-t", "flowlane"]).stdout;
    assert!(tool.starts_with("1 changed\n"), "{tool}");
    assert!(
        tool.contains("~ task \"Check stock\" [lane 1]\n    name: \"Task 2\" → \"Check stock\"\n")
    );

    git(
        repo,
        &["commit", "--quiet", "-am", "Task 2 checks the stock"],
    );
    let log = git(repo, &["log", "-p", "-1"]).stdout;
    assert!(log.contains("+  task \"Check stock\""), "{log}");
}

/// A JSON definition beside a BPMN file of the same process: the same elements, nothing changed
/// in meaning, whichever reads it.
#[test]
fn a_json_definition_and_its_bpmn_export_read_the_same() {
    let (dir, lib) = support::cli::library_with_samples();
    let write = |format: &str, name: &str| {
        let path = dir.path().join(name);
        let args = ["export", "Employee onboarding", "--format", format, "-o"];
        let mut args = args.to_vec();
        args.push(path.to_str().unwrap());
        flowlane(&lib, &args).succeeded();
        path
    };
    let json = write("json", "onboarding.json");
    let bpmn = write("bpmn", "onboarding.bpmn");
    let run = without_library(&["diff", json.to_str().unwrap(), bpmn.to_str().unwrap()]);
    let first = run.succeeded().stdout;
    assert!(first.starts_with("no change"), "{first}");
    let changes = file_diff_json(&json, &bpmn);
    assert!(!changes
        .changes
        .iter()
        .any(|c| c.element == DiffElement::Node && c.status != DiffStatus::Changed));
}

fn file_diff_json(json: &Path, bpmn: &Path) -> Diff {
    let old = flowlane::canonical::parse(&std::fs::read_to_string(json).unwrap()).unwrap();
    let new = read_bpmn(&std::fs::read(bpmn).unwrap()).unwrap();
    diff(&old, &new)
}

/// `flowlane diff OLD NEW --app` starts the app installed beside the CLI as `flowlane-app
/// --compare OLD NEW` on the same library and waits for it, so `git difftool` keeps its
/// temporary copies until the app has read them; a library comparison is passed as
/// `PROCESS@FROM PROCESS@TO`. A stand-in app records what it was given.
#[test]
fn diff_with_app_opens_the_apps_compare_view_on_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let cli = bin.join("flowlane");
    std::fs::copy(BIN, &cli).unwrap();
    let record = dir.path().join("record.txt");
    let app = bin.join("flowlane-app");
    std::fs::write(
        &app,
        "#!/bin/sh\n{ echo \"library $FLOWLANE_LIBRARY\"; echo \"args $*\"; \
         test -r \"$2\" && test -r \"$3\" && echo readable; } >> \"$RECORD\"\nexit 0\n",
    )
    .unwrap();
    std::fs::set_permissions(&app, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let library = dir.path().join("team.flowlane");
    let cli_run = |args: &[&str]| {
        let mut command = Command::new(&cli);
        command
            .args(args)
            .env("FLOWLANE_LIBRARY", &library)
            .env("RECORD", &record)
            .env("PATH", "/usr/bin:/bin");
        run(&mut command)
    };

    cli_run(&["diff", "Accounts payable", "1", "2", "--app"]).succeeded();
    let recorded = std::fs::read_to_string(&record).unwrap();
    assert_eq!(
        recorded,
        format!(
            "library {}\nargs --compare Accounts payable@1 Accounts payable@2\n",
            library.display()
        )
    );

    // As git's difftool, with the README's configuration.
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "--quiet", "--initial-branch=main"]);
    let tool = format!("{} diff \"$LOCAL\" \"$REMOTE\" --app", cli.display());
    git(&repo, &["config", "difftool.flowlane.cmd", &tool]);
    let reference = bpmn_corpus::root().join("reference/A.2.0.bpmn");
    let original = std::fs::read_to_string(reference).unwrap();
    std::fs::write(repo.join("order.bpmn"), &original).unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "--quiet", "-m", "Order process"]);
    std::fs::write(repo.join("order.bpmn"), original.replace("Task 2", "Check")).unwrap();
    std::fs::remove_file(&record).unwrap();
    let mut difftool = Command::new("git");
    difftool
        .args(["difftool", "--no-prompt", "-t", "flowlane"])
        .current_dir(&repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", &repo)
        .env("RECORD", &record);
    let ran = run(&mut difftool);
    assert_eq!(ran.status, 0, "{}", ran.stderr);
    let recorded = std::fs::read_to_string(&record).unwrap();
    assert!(recorded.contains("args --compare "), "{recorded}");
    assert!(recorded.contains(" order.bpmn\nreadable\n"), "{recorded}");

    // Without the app anywhere: a clear error, nothing started.
    std::fs::remove_file(&app).unwrap();
    let absent = cli_run(&["diff", "old.bpmn", "new.bpmn", "--app"]);
    absent.refused(
        1,
        "the Flowlane app (flowlane-app) is neither beside this program nor on PATH",
    );
}
