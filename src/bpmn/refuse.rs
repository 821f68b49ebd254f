//! Checks that a parsed file is one consistent BPMN document before anything is mapped:
//! the root is a BPMN `definitions`, ids of BPMN elements are unique, references resolve.

use super::{HashMap, HashSet};

use roxmltree::{Document, Node, NodeId};

use super::names::{local_ref, BPMNDI, DC, DI, MODEL};
use super::{ImportError, ImportWarning};

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

/// What the check lets through but the import leaves out: DI shapes and edges that draw no
/// element (`dropped`), each with its warning, and `default`s that name no flow.
#[derive(Default)]
pub struct Tolerated {
    pub dropped: HashSet<NodeId>,
    pub warnings: Vec<ImportWarning>,
}

/// Refuses duplicate ids and dangling references, except the ones a file can do without (a
/// shape or edge of nothing, a default flow that is not there), which it names.
pub fn check(doc: &Document) -> Result<Tolerated, ImportError> {
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
    let mut ids: HashMap<&str, Node> = HashMap::default();
    // Ids are BPMN's: vendor elements and extensions may repeat one (a stencil named `Task`).
    let bpmn = |node: &Node| {
        matches!(node.tag_name().namespace(), Some(MODEL | BPMNDI | DC | DI))
            && !in_extension(*node)
    };
    for node in doc.descendants().filter(Node::is_element) {
        if let Some(id) = node.attribute("id").filter(|_| bpmn(&node)) {
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
    let mut tolerated = Tolerated::default();
    for node in doc.descendants().filter(Node::is_element) {
        let Some((name, value)) = dangling_reference(node, &|id| ids.contains_key(id)) else {
            continue;
        };
        let drawing = node.tag_name().namespace() == Some(BPMNDI)
            && matches!(node.tag_name().name(), "BPMNShape" | "BPMNEdge");
        let message = match name {
            "bpmnElement" if drawing => {
                tolerated.dropped.insert(node.id());
                format!(
                    "draws `{}`, but no element has that id; it is left out",
                    value.trim()
                )
            }
            // Other references of the node must still resolve.
            "default" if dangling_reference_besides_default(node, &ids) => {
                return Err(dangling(node, name, value));
            }
            "default" => format!(
                "the default flow `{}` is not in the file; the element has no default flow",
                value.trim()
            ),
            _ => return Err(dangling(node, name, value)),
        };
        let line = doc.text_pos_at(node.range().start).row;
        let element = super::error::describe(node);
        tolerated.warnings.push(ImportWarning {
            line,
            element,
            message,
        });
    }
    Ok(tolerated)
}

/// True when a reference of `node` other than its `default` names an unknown element.
fn dangling_reference_besides_default(node: Node, ids: &HashMap<&str, Node>) -> bool {
    let exists = |id: &str| ids.contains_key(id);
    REFERENCES
        .iter()
        .filter(|name| **name != "default")
        .filter_map(|name| node.attribute(*name))
        .any(|v| !v.trim().is_empty() && !exists(referenced_id(v)))
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
    let missing = |value: &str| !value.trim().is_empty() && !exists(referenced_id(value));
    let found = REFERENCES.iter().find_map(|name| {
        node.attribute(*name)
            .filter(|v| missing(v))
            .map(|v| (*name, v))
    });
    let found = found.or_else(|| {
        let text = node.text().unwrap_or("");
        (namespace == Some(MODEL)
            && REFERENCE_CHILDREN.contains(&node.tag_name().name())
            && missing(text))
        .then(|| (node.tag_name().name(), text))
    });
    // References inside vendor extensions are the vendor's business (looked up last: rare).
    found.filter(|_| !in_extension(node))
}

/// Whether `node` is inside a vendor's `extensionElements`.
fn in_extension(node: Node) -> bool {
    node.ancestors()
        .any(|a| a.tag_name().name() == "extensionElements")
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
