//! Import → export → import over every file of the BPMN MIWG corpus. A file passes when no node
//! stands for another element (events, sub-processes, gateways and tasks are modelled as what
//! they are), when the two imports are the same process (ids, names, element types, event
//! triggers, sub-process contents, pools, message flows, artifacts, conditions,
//! default flows, lanes and their order, DI bounds and waypoints, kept extensions) and when the
//! export still holds everything the original file held. Writes the table to
//! `target/bpmn-roundtrip.md`.

mod bpmn_corpus;

use flowlane::bpmn::{export, import, Target};
use flowlane::canonical;
use roxmltree::{Document, Node};

#[test]
fn every_corpus_file_survives_a_round_trip() {
    let files = bpmn_corpus::files();
    assert_eq!(files.len(), 71, "the corpus has 71 .bpmn files");
    let mut rows = Vec::new();
    for (name, bytes) in &files {
        rows.push((name.clone(), round_trip(bytes)));
    }
    let passed = rows.iter().filter(|(_, r)| r.is_ok()).count();
    let mut table = format!(
        "# BPMN round trip over the MIWG corpus\n\n{passed} of {} files pass (import → export → import).\n\n| file | result | reason |\n|---|---|---|\n",
        rows.len()
    );
    for (name, result) in &rows {
        match result {
            Ok(()) => table.push_str(&format!("| {name} | pass | |\n")),
            Err(reason) => table.push_str(&format!(
                "| {name} | FAIL | {} |\n",
                reason.replace('|', "\\|")
            )),
        }
    }
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).expect("target folder");
    std::fs::write(target.join("bpmn-roundtrip.md"), &table).expect("write the table");
    println!("{table}");
    assert_eq!(passed, rows.len(), "files failed the round trip:\n{table}");
}

fn round_trip(bytes: &[u8]) -> Result<(), String> {
    let first = import(bytes).map_err(|e| format!("import: {e}"))?;
    // Every node is modelled as what it is: none stands for another element.
    if let Some(foreign) = &first.foreign {
        if let Some(kept) = foreign.nodes.values().find(|k| !k.element.is_empty()) {
            return Err(format!("a <{}> was kept as another kind", kept.element));
        }
    }
    let xml = export(&first, Target::Plain).unwrap();
    let second = import(xml.as_bytes()).map_err(|e| format!("re-import: {e}"))?;
    if first != second {
        return Err(format!(
            "re-import differs: {}",
            first_difference(&first, &second)
        ));
    }
    // The export in the file's own condition language must hold everything the original held.
    let original = String::from_utf8_lossy(bytes).into_owned();
    let original = decode(bytes).unwrap_or(original);
    let verbatim = export(&first, Target::Cel).unwrap();
    let a = Document::parse(&original).map_err(|e| e.to_string())?;
    let b = Document::parse(&verbatim).map_err(|e| format!("export is not XML: {e}"))?;
    covers(a.root_element(), b.root_element())
}

fn decode(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8(bytes.to_vec())
        .ok()
        .or_else(|| Some(bytes.iter().map(|b| char::from(*b)).collect()))?;
    Some(text.trim_start_matches('\u{feff}').to_string())
}

fn first_difference(a: &flowlane::model::Process, b: &flowlane::model::Process) -> String {
    let a = String::from_utf8(canonical::to_bytes(a)).expect("utf-8");
    let b = String::from_utf8(canonical::to_bytes(b)).expect("utf-8");
    for (n, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}: `{}` became `{}`", n + 1, x.trim(), y.trim());
        }
    }
    "one is longer".into()
}

/// Everything in `original` is in `exported`: same element, every attribute with the same value
/// (QName prefixes and number spellings aside), the same text, and every child covered by a
/// distinct child. The export may add (Flowlane's attributes, incoming/outgoing lists).
fn covers(original: Node, exported: Node) -> Result<(), String> {
    if original.tag_name() != exported.tag_name() {
        return Err(format!(
            "{} became {}",
            describe(original),
            describe(exported)
        ));
    }
    for attribute in original.attributes() {
        let name = attribute.name();
        if matches!(name, "isExecutable" | "exporter" | "exporterVersion") {
            continue;
        }
        let found = match attribute.namespace() {
            Some(ns) => exported.attribute((ns, name)),
            None => exported.attribute(name),
        };
        match found {
            Some(value) if bpmn_corpus::same_value(attribute.value(), value) => {}
            other => {
                return Err(format!(
                    "{}: {name}=\"{}\" became {:?}",
                    describe(original),
                    attribute.value(),
                    other
                ))
            }
        }
    }
    let text = |n: Node| {
        n.children()
            .filter(Node::is_text)
            .map(|t| t.text().unwrap_or(""))
            .collect::<String>()
            .trim()
            .to_string()
    };
    if !bpmn_corpus::same_value(&text(original), &text(exported)) {
        return Err(format!(
            "{}: text `{}` became `{}`",
            describe(original),
            text(original),
            text(exported)
        ));
    }
    let mut used = vec![false; exported.children().count()];
    for child in original.children().filter(Node::is_element) {
        let mut first_error = None;
        let mut found = false;
        for (i, candidate) in exported.children().enumerate() {
            if used[i] || !candidate.is_element() || candidate.tag_name() != child.tag_name() {
                continue;
            }
            match covers(child, candidate) {
                Ok(()) => {
                    used[i] = true;
                    found = true;
                    break;
                }
                Err(e) => {
                    if first_error.is_none()
                        || child.attribute("id").is_some()
                            && candidate.attribute("id") == child.attribute("id")
                    {
                        first_error = Some(e);
                    }
                }
            }
        }
        if !found {
            return Err(first_error.unwrap_or_else(|| format!("{} is missing", describe(child))));
        }
    }
    Ok(())
}

fn describe(node: Node) -> String {
    let line = node.document().text_pos_at(node.range().start).row;
    match node.attribute("id") {
        Some(id) => format!("<{} id=\"{id}\"> (line {line})", node.tag_name().name()),
        None => format!("<{}> (line {line})", node.tag_name().name()),
    }
}
