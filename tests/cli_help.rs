//! Every example in every `flowlane help` text runs: each help's examples, in order, in a folder
//! of their own with a library of the samples and the files the examples name; what an example
//! prints for people names nothing by `""` or a bare UUID.

mod support;

use std::path::Path;

use support::cli::{command, flowlane, library_with_samples, run};
use support::readable::unreadable;

/// The commands `flowlane help [PARENT]` lists under "Commands:", `help` itself left out.
fn commands(parent: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a folder");
    let help = flowlane(&dir.path().join("none"), &[&["help"], parent].concat()).succeeded();
    help.stdout
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

/// Every command path: `init`, …, `scenario list`, `scenario run`, ….
fn command_paths() -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for name in commands(&[]) {
        let nested = commands(&[name.as_str()]);
        paths.push(vec![name.clone()]);
        paths.extend(nested.into_iter().map(|sub| vec![name.clone(), sub]));
    }
    paths
}

/// The lines of a help text's examples that start with `flowlane `, split as a shell would (a
/// second usage line, of a command that also has subcommands, is no example).
fn examples(help: &str) -> Vec<Vec<String>> {
    help.lines()
        .skip_while(|l| !l.starts_with("Examples:"))
        .map(str::trim)
        .filter(|l| l.starts_with("flowlane "))
        .map(|l| shlex::split(l).unwrap_or_else(|| panic!("`{l}` splits as a shell would")))
        .collect()
}

/// A folder with a library of the samples and the files the examples read: a new definition
/// (`invoice-review.json`), the first version of a sample as BPMN (`accounts-payable.bpmn`) and
/// an SSH key pair (`id_ed25519`, `id_ed25519.pub`).
fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, lib) = library_with_samples();
    support::keys::keygen(dir.path(), "id");
    let at = |file: &str| dir.path().join(file).display().to_string();
    let generated = [
        "generate",
        "--nodes",
        "20",
        "--output",
        &at("invoice-review.json"),
    ];
    flowlane(&lib, &generated).succeeded();
    let bpmn = at("accounts-payable.bpmn");
    let export = [
        "export",
        "Accounts payable",
        "--version",
        "1",
        "--format",
        "bpmn",
        "-o",
        &bpmn,
    ];
    flowlane(&lib, &export).succeeded();
    std::fs::write(dir.path().join("invoices.csv"), INVOICES).expect("the log is written");
    (dir, lib)
}

/// A small event log of Accounts payable (`invoices.csv`), the second case skipping the match.
const INVOICES: &str = "case,activity,timestamp,resource
INV-1,Register invoice,2026-03-02T09:00:00+01:00,Ana
INV-1,Match to purchase order,2026-03-02T10:00:00+01:00,Ana
INV-1,Route to budget owner,2026-03-02T11:00:00+01:00,Ana
INV-1,Approve invoice,2026-03-03T09:00:00+01:00,Ben
INV-1,Schedule payment,2026-03-03T10:00:00+01:00,Cai
INV-1,Execute payment run,2026-03-04T10:00:00+01:00,Cai
INV-1,Post payment to ledger,2026-03-04T11:00:00+01:00,Cai
INV-2,Register invoice,2026-03-02T09:30:00+01:00,Ana
INV-2,Route to budget owner,2026-03-02T11:30:00+01:00,Ana
INV-2,Approve invoice,2026-03-03T09:30:00+01:00,Ben
INV-2,Schedule payment,2026-03-03T10:30:00+01:00,Cai
INV-2,Execute payment run,2026-03-04T10:30:00+01:00,Cai
INV-2,Post payment to ledger,2026-03-04T11:30:00+01:00,Cai
";

fn run_in(folder: &Path, library: &Path, args: &[String]) -> support::cli::Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut cmd = command(library, &args);
    cmd.current_dir(folder);
    run(&mut cmd)
}

#[test]
fn every_example_in_every_help_text_runs() {
    let paths = command_paths();
    assert!(paths.iter().any(|p| p == &["scenario", "run"]), "{paths:?}");
    let (mut ran, mut read) = (0, 0);
    let mut failed = Vec::new();
    for path in &paths {
        let scratch = tempfile::tempdir().expect("a folder");
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let help = flowlane(
            &scratch.path().join("none"),
            &[&["help"], &args[..]].concat(),
        );
        let help = help.succeeded().stdout;
        let (dir, lib) = workspace();
        for example in examples(&help) {
            ran += 1;
            let done = run_in(dir.path(), &lib, &example[1..]);
            if done.status != 0 {
                failed.push(format!(
                    "{}: exit {}: {}",
                    example.join(" "),
                    done.status,
                    done.stderr
                ));
            }
            if !for_scripts(&example) {
                let output = format!("{}{}", done.stdout, done.stderr);
                read += output.lines().count();
                failed.extend(unreadable(&example.join(" "), &output));
            }
        }
    }
    println!("{ran} examples, {read} lines for people checked");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert!(ran >= 25, "only {ran} examples in the help texts");
}

/// An example whose output is for scripts, where ids belong: `--ids`, or JSON, CSV, BPMN or a
/// picture asked for. `import` is left out too: its one line gives the new process's id, the
/// one way to tell apart two processes imported under one name.
fn for_scripts(example: &[String]) -> bool {
    let machine = ["json", "csv", "bpmn", "svg", "png"];
    example.get(1).is_some_and(|command| command == "import")
        || example.iter().any(|a| a == "--ids")
        || (example.windows(2)).any(|w| {
            ["--format", "--log"].contains(&w[0].as_str()) && machine.contains(&w[1].as_str())
        })
}

#[test]
fn save_creates_the_process_a_new_name_asks_for_and_refuses_another_process_s_file() {
    let (dir, lib) = workspace();
    let file = dir.path().join("invoice-review.json").display().to_string();
    let saved = flowlane(
        &lib,
        &["save", "Invoice review", &file, "-m", "First draft"],
    );
    saved.succeeded().printed("saved Invoice review v1");
    flowlane(&lib, &["show", "Invoice review"]).succeeded();
    let list = flowlane(&lib, &["list"]).succeeded();
    list.printed("Invoice review");
    // The same file under yet another name is the process just made, not a second one.
    let again = flowlane(&lib, &["save", "Invoice check", &file, "-m", "Copy"]);
    again.refused(2, "holds process \"Invoice review\"");
}
