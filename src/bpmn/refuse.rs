//! Checks that a parsed file is one consistent BPMN document before anything is mapped:
//! the root is a BPMN `definitions`, ids are unique, references resolve.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::names::{local_ref, BPMNDI, MODEL};
use super::ImportError;

/// Attributes that name another element of the same file by id, where Flowlane follows the
/// reference. Others (`messageRef`, `calledElement`, …) are kept as written and never followed.
const REFERENCES: [&str; 6] = [
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
    for node in doc.descendants().filter(Node::is_element) {
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
        let namespace = node.tag_name().namespace();
        if namespace != Some(MODEL) && namespace != Some(BPMNDI) {
            continue;
        }
        // References inside vendor extensions are the vendor's business.
        if node
            .ancestors()
            .any(|a| a.tag_name().name() == "extensionElements")
        {
            continue;
        }
        for name in REFERENCES {
            if let Some(value) = node.attribute(name) {
                if !value.trim().is_empty() && !ids.contains_key(local_ref(value)) {
                    return Err(dangling(node, name, value));
                }
            }
        }
        if namespace == Some(MODEL) && REFERENCE_CHILDREN.contains(&node.tag_name().name()) {
            let value = node.text().unwrap_or("");
            if !value.trim().is_empty() && !ids.contains_key(local_ref(value)) {
                return Err(dangling(node, node.tag_name().name(), value));
            }
        }
    }
    Ok(ids)
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
