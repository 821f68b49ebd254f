//! Namespace URIs. Elements are matched by URI, never by the prefix a file happens to use.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Foreign, Kept};

pub const MODEL: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
pub const BPMNDI: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
pub const DC: &str = "http://www.omg.org/spec/DD/20100524/DC";
pub const DI: &str = "http://www.omg.org/spec/DD/20100524/DI";
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// Flowlane's own fields (lane trigger, task duration, SLAs, …) on exported elements.
pub const FLOWLANE: &str = "https://flowlane.dev/bpmn/1.0";

/// The prefixes an export declares for the namespaces it always uses.
pub const FIXED: [(&str, &str); 6] = [
    ("bpmn", MODEL),
    ("bpmndi", BPMNDI),
    ("dc", DC),
    ("di", DI),
    ("xsi", XSI),
    ("flowlane", FLOWLANE),
];

/// True when `node` is the BPMN model element `name`.
pub fn is_model(node: roxmltree::Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(MODEL)
        && node.tag_name().name() == name
}

/// An attribute's key in `Kept::attributes`: `{uri}name`, or `name` without a namespace.
pub fn attribute_key(attribute: &roxmltree::Attribute) -> String {
    match attribute.namespace() {
        Some(uri) => format!("{{{uri}}}{}", attribute.name()),
        None => attribute.name().to_string(),
    }
}

/// A reference written as a QName (`tns:Task_1`) names the element with id `Task_1`.
pub fn local_ref(value: &str) -> &str {
    let value = value.trim();
    value.rsplit_once(':').map_or(value, |(_, local)| local)
}

/// A QName value (`tns:Message_1`, `xsi:type="bpmn:tFormalExpression"`) in Clark notation,
/// `{uri}local`, so it keeps its meaning under whatever prefix an export declares. Other values
/// are returned as they are.
pub fn qualify(node: roxmltree::Node, value: &str) -> String {
    if let Some((prefix, local)) = value.split_once(':') {
        let name_like = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        };
        if name_like(prefix) && name_like(local) && prefix != "xml" {
            if let Some(uri) = node.lookup_namespace_uri(Some(prefix)) {
                return format!("{{{uri}}}{local}");
            }
        }
    }
    value.to_string()
}

/// The namespace of a value `qualify` wrote in Clark notation.
pub fn qualified_namespace(value: &str) -> Option<&str> {
    value.strip_prefix('{')?.split_once('}').map(|(uri, _)| uri)
}

/// Every namespace URI that kept attributes use.
pub fn kept_namespaces(foreign: &Foreign) -> BTreeSet<String> {
    let mut uris = BTreeSet::new();
    let mut add = |kept: &Kept| {
        for key in kept.attributes.keys() {
            let key = match key.split_once('/') {
                Some((_, rest)) if !key.starts_with('{') => rest,
                _ => key.as_str(),
            };
            if let Some((uri, _)) = key.strip_prefix('{').and_then(|k| k.split_once('}')) {
                uris.insert(uri.to_string());
            }
        }
        for value in kept.attributes.values() {
            if let Some(uri) = qualified_namespace(value) {
                uris.insert(uri.to_string());
            }
        }
    };
    add(&foreign.definitions);
    foreign.collaboration.iter().for_each(&mut add);
    for pool in &foreign.pools {
        pool.participant.iter().for_each(&mut add);
        pool.process.iter().for_each(&mut add);
        pool.lane_set.iter().for_each(&mut add);
        pool.shape.iter().for_each(|s| add(&s.kept));
    }
    for d in &foreign.diagrams {
        add(&d.diagram);
        add(&d.plane);
    }
    foreign
        .lanes
        .values()
        .chain(foreign.nodes.values())
        .chain(foreign.flows.values())
        .for_each(&mut add);
    foreign.shapes.values().for_each(|s| add(&s.kept));
    uris
}

/// Adds the prefixes declared below the root (a vendor attribute's namespace declared on its
/// task) to `namespaces` (prefix → URI), for URIs and prefixes it does not have yet.
pub fn add_nested_prefixes(doc: &roxmltree::Document, namespaces: &mut BTreeMap<String, String>) {
    let mut known: BTreeSet<String> = namespaces.values().cloned().collect();
    for element in doc.descendants().filter(roxmltree::Node::is_element) {
        // An element that declares nothing shares its parent's namespaces (the same entries of
        // the document's table), which were read already: most of a file's elements.
        let inherited = element.parent_element().is_some_and(|parent| {
            element
                .namespaces()
                .map(std::ptr::from_ref)
                .eq(parent.namespaces().map(std::ptr::from_ref))
        });
        if inherited {
            continue;
        }
        for ns in element.namespaces() {
            let Some(prefix) = ns.name() else {
                continue;
            };
            if !known.contains(ns.uri()) && !namespaces.contains_key(prefix) {
                namespaces.insert(prefix.to_string(), ns.uri().to_string());
                known.insert(ns.uri().to_string());
            }
        }
    }
}
