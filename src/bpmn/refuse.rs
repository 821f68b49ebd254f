//! Checks that a parsed file is one consistent BPMN document before anything is mapped:
//! the root is a BPMN `definitions`, ids of BPMN elements are unique, references resolve.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::names::{local_ref, BPMNDI, DC, DI, MODEL};
use super::ImportError;

/// Attributes that name another element of the same file by id, where Flowlane follows the
/// reference. Others (`messageRef`, `calledElement`, …) are kept as written and never followed.
pub(super) const REFERENCES: [&str; 6] = [
    "sourceRef",
    "targetRef",
    "default",
    "attachedToRef",
    "processRef",
    "bpmnElement",
];
/// Child elements whose text names another element by id.
const REFERENCE_CHILDREN: [&str; 3] = ["flowNodeRef", "incoming", "outgoing"];

/// Every element with an `id`, by id; refuses duplicates and dangling references.
pub fn check<'a, 'i>(doc: &'a Document<'i>) -> Result<HashMap<&'a str, Node<'a, 'i>>, ImportError> {
    let root = doc.root_element();
    if root.tag_name().name() != "definitions" || root.tag_name().namespace() != Some(MODEL) {
        return Err(ImportError::new(
            "not-bpmn",
            format!(
                "the root element is <{}> in namespace `{}`, not a BPMN 2.0 <definitions> ({MODEL})",
                root.tag_name().name(),
                root.tag_name().namespace().unwrap_or("")
            ),
        )
        .at(root));
    }
    let mut ids: HashMap<&str, Node> = HashMap::new();
    // Ids are BPMN's: vendor elements and extensions may repeat one (a stencil named `Task`).
    let bpmn = |node: &Node| {
        matches!(node.tag_name().namespace(), Some(MODEL | BPMNDI | DC | DI))
            && !node
                .ancestors()
                .any(|a| a.tag_name().name() == "extensionElements")
    };
    for node in doc.descendants().filter(Node::is_element).filter(bpmn) {
        if let Some(id) = node.attribute("id") {
            if let Some(first) = ids.insert(id, node) {
                let line = doc.text_pos_at(first.range().start).row;
                return Err(ImportError::new(
                    "duplicate-id",
                    format!("the id `{id}` is already used on line {line}; ids must be unique"),
                )
                .at(node));
            }
        }
    }
    for node in doc.descendants().filter(Node::is_element) {
        if let Some((name, value)) = dangling_reference(node, &|id| ids.contains_key(id)) {
            return Err(dangling(node, name, value));
        }
    }
    Ok(ids)
}

/// True when `node`, a BPMN element outside vendor extensions, names an element that `exists`
/// does not know, by a reference attribute or as a `flowNodeRef`/`incoming`/`outgoing`.
pub(super) fn dangles(node: Node, exists: &dyn Fn(&str) -> bool) -> bool {
    dangling_reference(node, exists).is_some()
}

/// The reference of `node` that names an unknown element, as (attribute or element, value).
fn dangling_reference<'a>(
    node: Node<'a, 'a>,
    exists: &dyn Fn(&str) -> bool,
) -> Option<(&'a str, &'a str)> {
    let namespace = node.tag_name().namespace();
    if !node.is_element() || (namespace != Some(MODEL) && namespace != Some(BPMNDI)) {
        return None;
    }
    // References inside vendor extensions are the vendor's business.
    if node
        .ancestors()
        .any(|a| a.tag_name().name() == "extensionElements")
    {
        return None;
    }
    let missing = |value: &str| !value.trim().is_empty() && !exists(referenced_id(value));
    if let Some(found) = REFERENCES.iter().find_map(|name| {
        node.attribute(*name)
            .filter(|v| missing(v))
            .map(|v| (*name, v))
    }) {
        return Some(found);
    }
    let text = node.text().unwrap_or("");
    (namespace == Some(MODEL)
        && REFERENCE_CHILDREN.contains(&node.tag_name().name())
        && missing(text))
    .then(|| (node.tag_name().name(), text))
}

/// The id a reference names: `Task_1` from `tns:Task_1` or from a kept `{uri}Task_1`.
pub(super) fn referenced_id(value: &str) -> &str {
    match value
        .trim()
        .strip_prefix('{')
        .and_then(|v| v.split_once('}'))
    {
        Some((_, local)) => local,
        None => local_ref(value),
    }
}

fn dangling(node: Node, name: &str, value: &str) -> ImportError {
    ImportError::new(
        "dangling-reference",
        format!(
            "{name} names `{}`, but no element has that id",
            value.trim()
        ),
    )
    .at(node)
}
