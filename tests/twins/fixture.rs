//! Writing and checking a twin fixture: numbers rounded to 1e-6 the same way in both languages
//! (`floor(x * 1e6 + 0.5) / 1e6`, negative zero as zero), the file pretty-printed by serde_json.

use std::path::PathBuf;

use flowlane::model::{Bounds, Point};
use serde_json::{json, Value};

pub fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/twins/{name}.json"))
}

/// The number as both sides write it into a fixture.
pub fn num(x: f64) -> Value {
    let rounded = ((x * 1e6) + 0.5).floor() / 1e6;
    json!(if rounded == 0.0 { 0.0 } else { rounded })
}

pub fn point(p: &Point) -> Value {
    json!({ "x": num(p.x), "y": num(p.y) })
}

pub fn points(ps: &[Point]) -> Value {
    Value::Array(ps.iter().map(point).collect())
}

pub fn rect(r: &Bounds) -> Value {
    json!({ "x": num(r.x), "y": num(r.y), "w": num(r.w), "h": num(r.h) })
}

/// Checks that `fixture` is, byte for byte, the file `name`; rewrites the file instead when
/// `FLOWLANE_BLESS` is set.
pub fn check(name: &str, about: &str, cases: Vec<Value>) {
    check_document(name, json!({ "about": about, "cases": cases }));
}

/// `check` of a whole fixture document, for cases that share inputs beside them.
pub fn check_document(name: &str, fixture: Value) {
    let text = serde_json::to_string_pretty(&fixture).expect("plain JSON values serialize") + "\n";
    let file = path(name);
    if std::env::var_os("FLOWLANE_BLESS").is_some() {
        std::fs::write(&file, &text).expect("the fixture folder is writable");
        return;
    }
    let stored = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}; run with FLOWLANE_BLESS=1", file.display()));
    if stored != text {
        let diff = similar::TextDiff::from_lines(&stored, &text);
        panic!(
            "{} no longer matches the core (bless with FLOWLANE_BLESS=1 if the change is meant, \
             then make ui/tests/twins.test.ts pass):\n{}",
            file.display(),
            diff.unified_diff().context_radius(2)
        );
    }
}
