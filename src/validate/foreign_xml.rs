//! What a definition keeps from an imported BPMN file is written back verbatim, so it is checked
//! before it is saved and again before it is exported: each kept fragment one well-formed
//! element with no DTD, entity declaration or processing instruction, and every kept element and
//! attribute name an XML name. A fragment that closed the document or declared an external
//! entity would otherwise reach every file exported from it.

use roxmltree::{Document, NodeType, ParsingOptions};

use crate::model::{Id, Kept, Process};

/// Each kept part that cannot be written back safely: the element it belongs to (none for the
/// document, pools and diagrams) and why.
pub fn unsafe_foreign_xml(p: &Process) -> Vec<(Option<Id>, String)> {
    let Some(foreign) = &p.foreign else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let check = |found: &mut Vec<_>, owner: Option<Id>, kept: &Kept| {
        found.extend(kept_problem(kept).map(|why| (owner, why)));
    };
    check(&mut found, None, &foreign.definitions);
    if let Some(collaboration) = &foreign.collaboration {
        check(&mut found, None, collaboration);
    }
    for pool in &foreign.pools {
        let parts = [&pool.participant, &pool.process, &pool.lane_set];
        for kept in parts.into_iter().flatten() {
            check(&mut found, None, kept);
        }
        if let Some(shape) = &pool.shape {
            check(&mut found, None, &shape.kept);
        }
    }
    for diagram in &foreign.diagrams {
        check(&mut found, None, &diagram.diagram);
        check(&mut found, None, &diagram.plane);
        for extra in &diagram.extra {
            found.extend(fragment_problem(extra).map(|why| (None, why)));
        }
    }
    let by_element = [&foreign.lanes, &foreign.nodes, &foreign.flows];
    for (id, kept) in by_element.into_iter().flatten() {
        check(&mut found, Some(*id), kept);
    }
    for (id, shape) in &foreign.shapes {
        check(&mut found, Some(*id), &shape.kept);
        for inner in &shape.inner {
            found.extend(fragment_problem(inner).map(|why| (Some(*id), why)));
        }
    }
    for prefix in foreign.namespaces.keys() {
        if !prefix.is_empty() && !is_name(prefix, false) {
            found.push((
                None,
                format!(
                    "the kept namespace prefix `{}` is not an XML name",
                    shorten(prefix)
                ),
            ));
        }
    }
    found
}

fn kept_problem(kept: &Kept) -> Option<String> {
    if !kept.element.is_empty() && !is_name(&kept.element, true) {
        return Some(format!(
            "the kept element name `{}` is not an XML name",
            shorten(&kept.element)
        ));
    }
    if let Some(name) = kept.attributes.keys().find(|key| !is_attribute_key(key)) {
        return Some(format!(
            "the kept attribute name `{}` is not an XML name",
            shorten(name)
        ));
    }
    kept.xml
        .iter()
        .find_map(|fragment| fragment_problem(fragment))
}

/// Why `text` is not one well-formed element free of DTDs and processing instructions.
fn fragment_problem(text: &str) -> Option<String> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = match Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(roxmltree::Error::DtdDetected) => {
            return Some("a kept XML fragment declares a DTD or entities".into())
        }
        Err(e) => return Some(format!("a kept XML fragment is not well-formed XML: {e}")),
    };
    doc.descendants()
        .any(|n| n.node_type() == NodeType::PI)
        .then(|| "a kept XML fragment holds a processing instruction".into())
}

/// A kept attribute's key: a name, or `child/name` for a child element Flowlane writes itself.
fn is_attribute_key(key: &str) -> bool {
    match key.split_once('/') {
        Some((child, name)) if !key.starts_with('{') => {
            is_name(child, false) && is_name(name, true)
        }
        _ => is_name(key, true),
    }
}

/// An XML name (with one `prefix:` or `{uri}` allowed when `qualified`), as the Namespaces spec's NCName:
/// letters, digits, `_`, `-`, `.`, not starting with a digit, `-` or `.`.
fn is_name(text: &str, qualified: bool) -> bool {
    let nc_name = |part: &str| {
        let mut chars = part.chars();
        chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    // Kept names spell their namespace out: `{uri}local`.
    if let Some(rest) = text.strip_prefix('{') {
        return rest
            .split_once('}')
            .is_some_and(|(uri, local)| !uri.contains('{') && nc_name(local));
    }
    match text.split_once(':') {
        Some((prefix, local)) if qualified => nc_name(prefix) && nc_name(local),
        Some(_) => false,
        None => nc_name(text),
    }
}

/// A name as shown in a message: at most 60 characters.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
