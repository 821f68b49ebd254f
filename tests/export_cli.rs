//! `flowlane export` to pictures and handbooks, end to end on a temporary library.

mod support;

use std::fs;

use support::cli::{export_version, flowlane, library_with_samples};

#[test]
fn svg_and_handbooks_go_to_standard_output() {
    let (_dir, lib) = library_with_samples();
    let svg = flowlane(&lib, &["export", "Contract review", "--format", "svg"]).succeeded();
    assert!(svg
        .stdout
        .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    roxmltree::Document::parse(&svg.stdout).expect("well-formed SVG");
    assert!(svg.stdout.contains(">Legal review</text>"));

    let md = flowlane(&lib, &["export", "Accounts payable", "--format", "md"]).succeeded();
    assert!(md
        .stdout
        .starts_with("# Accounts payable — process handbook"));
    assert!(md.stdout.contains("| v2 |") && md.stdout.contains("Add CFO approval tier"));

    let v1 = export_version(&lib, "Accounts payable", 1, "md");
    v1.printed("| Version | v1, saved");
    assert!(!v1.stdout.contains("CFO approval**"), "v1 has no CFO step");

    let html = flowlane(&lib, &["export", "Employee onboarding", "--format", "html"]).succeeded();
    assert!(html.stdout.starts_with("<!DOCTYPE html>"));
    assert!(html.stdout.contains("<svg xmlns") && html.stdout.contains("<style>"));
}

#[test]
fn output_files_are_written_whole() {
    let (dir, lib) = library_with_samples();
    for (format, name) in [
        ("svg", "ap.svg"),
        ("png", "ap.png"),
        ("md", "ap.md"),
        ("html", "ap.html"),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, "an older export").unwrap();
        let run = flowlane(
            &lib,
            &[
                "export",
                "Accounts payable",
                "--format",
                format,
                "--output",
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(run.status, 0, "{format}: {}", run.stderr);
        assert!(
            run.stdout.starts_with(&format!("wrote {}", path.display())),
            "{}",
            run.stdout
        );
        let bytes = fs::read(&path).unwrap();
        assert_ne!(bytes, b"an older export");
        if format == "png" {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        }
    }
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")),
        "no temporary file is left: {names:?}"
    );
}

#[test]
fn a_failed_export_names_the_problem_and_keeps_the_old_file() {
    let (dir, lib) = library_with_samples();
    let missing = flowlane(&lib, &["export", "No such process", "--format", "svg"]);
    missing.refused(1, "No such process");

    let target = dir.path().join("in-the-way");
    fs::create_dir(&target).unwrap();
    let blocked = flowlane(
        &lib,
        &[
            "export",
            "Contract review",
            "--format",
            "md",
            "--output",
            target.to_str().unwrap(),
        ],
    );
    blocked.refused(1, "could not be written");
    assert!(target.is_dir());

    let bad = flowlane(&lib, &["export", "Contract review", "--format", "pdf"]);
    assert_eq!(bad.status, 2, "clap refuses an unknown format");
    assert!(
        bad.stderr.contains("svg") && bad.stderr.contains("html"),
        "{}",
        bad.stderr
    );
}

/// The handbook says how the latest stored log follows the version, as `conformance` and
/// `performance` do for that log, in both renderings; a process without a log has no such section.
#[test]
fn the_handbook_says_how_the_latest_log_follows_the_version() {
    let (_dir, lib) = library_with_samples();
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&flowlane(&lib, args).succeeded().stdout).unwrap()
    };
    let c = json(&["conformance", "Accounts payable", "1", "--format", "json"]);
    let p = json(&["performance", "Accounts payable", "1", "--format", "json"]);
    let md = flowlane(&lib, &["export", "Accounts payable", "--format", "md"])
        .succeeded()
        .stdout;
    let section = md
        .split("## In practice: log 1, ")
        .nth(1)
        .and_then(|s| s.split("## Version history").next())
        .expect("an In practice section before the history");
    let fitness = c["alignments"]["log_fitness"].as_f64().unwrap();
    let fitting = c["alignments"]["fitting_cases"].as_u64().unwrap();
    let fits = format!("| Fitness | {fitness:.3} (alignments); {fitting} of 300 cases fit");
    assert!(section.contains(&fits), "{section}");
    let diagnosis = p["diagnosis"]["line"].as_str().unwrap();
    assert!(
        section.contains(&format!("| Diagnosis | {diagnosis} |")),
        "{section}"
    );
    let first = &c["deviations"][0];
    let name = first["name"].as_str().unwrap();
    assert!(section.contains(&format!("- {name} ")), "{section}");

    let html = flowlane(&lib, &["export", "Accounts payable", "--format", "html"])
        .succeeded()
        .stdout;
    assert!(html.contains("<h2>In practice: log 1, "), "html");
    assert!(html.contains(&format!("{fitness:.3} (alignments)")), "html");

    // A process imported a moment ago has no log yet.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/bpmn/invoice-check.bpmn"
    );
    flowlane(&lib, &["import", file]).succeeded();
    let md = flowlane(&lib, &["export", "Invoice check", "--format", "md"])
        .succeeded()
        .stdout;
    assert!(!md.contains("In practice"), "{md}");
}
