//! File-to-file review speed: two 5,000-node BPMN files 300 edits apart, each read as an import
//! reads it (parse, map, lay out what is undrawn) and compared, against bpmn-js-differ with
//! bpmn-moddle parsing the same two files (`tests/diff_speed/differ.mjs`, run by node in the same
//! run). Target: Flowlane takes at most a tenth of bpmn-js-differ's time.

mod support;

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use flowlane::bpmn::{export, Target};
use flowlane::diff;
use flowlane::review::read_bpmn;

fn file_to_file(old: &[u8], new: &[u8]) -> diff::Diff {
    let (old, new) = (read_bpmn(old), read_bpmn(new));
    diff::diff(&old.expect("the file reads"), &new.expect("the file reads"))
}

fn benches(c: &mut Criterion) {
    let old = support::big(1);
    let new = support::edited(&old, 300, 2);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/review-bench");
    std::fs::create_dir_all(&dir).expect("target is writable");
    let (old_file, new_file) = (dir.join("old.bpmn"), dir.join("new.bpmn"));
    for (process, file) in [(&old, &old_file), (&new, &new_file)] {
        let xml = export(process, Target::Plain).expect("a generated process exports");
        std::fs::write(file, xml).expect("target is writable");
    }
    let old_bytes = std::fs::read(&old_file).expect("just written");
    let new_bytes = std::fs::read(&new_file).expect("just written");

    c.bench_function("file-to-file diff, 5000-node BPMN, 300 edits", |b| {
        b.iter(|| file_to_file(black_box(&old_bytes), black_box(&new_bytes)))
    });

    let changes = file_to_file(&old_bytes, &new_bytes).changes.len();
    let (median, p99) = support::timings(&mut || {
        black_box(file_to_file(&old_bytes, &new_bytes));
    });
    println!(
        "flowlane-bench: file-to-file diff of two 5000-node BPMN files ({} and {} bytes), parse included: median {median:.1} ms, p99 {p99:.1} ms; {changes} changed elements",
        old_bytes.len(),
        new_bytes.len()
    );
    match bpmn_js_differ(&old_file, &new_file) {
        Ok((theirs, found)) => {
            let ratio = median / theirs;
            println!(
                "flowlane-bench: bpmn-js-differ + bpmn-moddle on the same files: median {theirs:.1} ms ({found}); Flowlane / bpmn-js-differ = {ratio:.3} (target <= 0.1) {}",
                if ratio <= 0.1 { "ok" } else { "OVER TARGET" }
            );
        }
        Err(why) => println!("flowlane-bench: bpmn-js-differ not run: {why}"),
    }
}

/// The differ's median time in ms and what it found, from `tests/diff_speed/differ.mjs`.
fn bpmn_js_differ(old: &PathBuf, new: &PathBuf) -> Result<(f64, String), String> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/diff_speed/differ.mjs");
    // The differ's array diff recurses once per element: 5,000 nodes need a deep stack.
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -s unlimited 2>/dev/null || ulimit -s 1000000; exec node --stack-size=200000 \"$@\"")
        .arg("sh")
        .arg(&script)
        .args([old, new])
        .arg("3")
        .output()
        .map_err(|e| format!("sh: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let line: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("{e}"))?;
    let median = line["median_ms"].as_f64().ok_or("no median")?;
    let found = format!(
        "{} changed, {} added, {} removed, {} layout changed",
        line["changed"], line["added"], line["removed"], line["layout_changed"]
    );
    Ok((median, found))
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
