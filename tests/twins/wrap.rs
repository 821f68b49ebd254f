//! Word wrapping (`src/export/diagram/text.rs` `wrap`, `ui/src/canvas/textLayout.ts`
//! `wrapText`). The core measures with DejaVu Sans advance widths; the canvas measures with the
//! browser's font. What is pinned is the algorithm given one measure: the fixture carries the
//! core's advance of every character it uses, and the TypeScript test measures with those.
//! The canvas's real glyph widths cannot be pinned here.

use std::collections::BTreeMap;

use flowlane::export::diagram::text::{width, wrap, Font};
use serde_json::{json, Value};

use crate::fixture;
use crate::scene::processes;

const EDGE_TEXTS: &[&str] = &[
    "",
    "   ",
    "Short",
    "Check purchase order and delivery note",
    "Supercalifragilisticexpialidocious",
    "po_matched_against_delivery_note and more",
    "cost-centre-approval-by-the-finance-controller",
    "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p",
    "v1.2.3.4.5.6.7.8.9.10.11.12",
    "amount > 10000 && department == \"Finance and Controlling\"",
    "Überprüfung der Eingangsrechnung durch die Buchhaltung",
    "請求書の確認と承認のワークフロー",
    "emoji 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂 trail",
    "tab\tseparated\nlines\u{a0}and\u{2003}spaces",
    "ends with next line\u{85}mark",
    "zero\u{feff}width no-break",
    "W W W W W W W W W W W W W W W W W W W W",
    "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
    "A",
    "Wait for the signed contract, then file it…",
];

const FONTS: [Font; 4] = [
    Font::regular(11.5),
    Font::regular(11.0),
    Font::regular(12.5),
    Font::bold(14.0),
];

fn texts() -> Vec<String> {
    let mut all: Vec<String> = EDGE_TEXTS.iter().map(|t| t.to_string()).collect();
    for (_, p) in processes() {
        all.extend(p.nodes.iter().map(|n| n.name.clone()));
        all.extend(p.lanes.iter().map(|l| l.name.clone()));
        all.extend(p.flows.iter().map(|f| f.label.clone()));
        all.extend(
            p.flows
                .iter()
                .filter_map(|f| f.condition.clone())
                .map(|c| format!("[{c}]")),
        );
    }
    let mut seen = std::collections::HashSet::new();
    all.retain(|t| seen.insert(t.clone()));
    all
}

#[test]
fn wrapping_matches_its_fixture() {
    let mut advances: BTreeMap<String, Value> = BTreeMap::new();
    let mut cases = Vec::new();
    for (i, text) in texts().iter().enumerate() {
        for c in text.chars().chain(['…', ' ']) {
            advances.entry(c.to_string()).or_insert_with(|| {
                json!({
                    "regular": width(&c.to_string(), Font::regular(1.0)),
                    "bold": width(&c.to_string(), Font::bold(1.0)),
                })
            });
        }
        let font = FONTS[i % FONTS.len()];
        for (max_width, max_lines) in [(40.0, 3), (56.0, 2), (80.0, 3), (130.0, 3), (130.0, 1)] {
            cases.push(json!({
                "text": text,
                "size": font.size,
                "bold": font.bold,
                "maxWidth": max_width,
                "maxLines": max_lines,
                "expected": wrap(text, font, max_width, max_lines),
            }));
        }
    }
    cases.insert(0, json!({ "advances": advances }));
    fixture::check(
        "wrap",
        "Text wrapped into lines by src/export/diagram/text.rs; the first case holds each \
         character's advance (in ems, regular and bold) that both sides measure with. \
         ui/src/canvas/textLayout.ts (wrapText) must agree.",
        cases,
    );
}
