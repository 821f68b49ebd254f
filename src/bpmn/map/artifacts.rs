//! Data object and data store references, text annotations and groups become artifacts of the
//! process or of the sub-process they are in; associations between them and nodes become
//! associations. Their shapes are taken into `Layout::artifacts` (see `diagram`).

use std::collections::HashMap;

use roxmltree::{Document, Node as XmlNode};

use super::{kept_attributes, kept_connection, Mapper};
use crate::bpmn::ids::{keep, to_uuid};
use crate::bpmn::names::{is_model, local_ref, MODEL};
use crate::bpmn::opaque::fragment;
use crate::model::{Artifact, ArtifactKind, Association, Direction, Id, Kept, Process};

/// The artifact elements Flowlane models.
const ARTIFACTS: [&str; 4] = [
    "dataObjectReference",
    "dataStoreReference",
    "textAnnotation",
    "group",
];

/// What artifacts name elsewhere in the file: data objects (name, collection) and category
/// values (a group's name), by id.
#[derive(Default)]
pub(super) struct Named {
    data_objects: HashMap<String, (String, bool)>,
    categories: HashMap<String, String>,
}

impl Named {
    pub(super) fn of(doc: &Document) -> Named {
        let mut named = Named::default();
        for n in doc
            .descendants()
            .filter(|n| n.tag_name().namespace() == Some(MODEL))
        {
            let Some(id) = n.attribute("id") else {
                continue;
            };
            match n.tag_name().name() {
                "dataObject" => {
                    let name = n.attribute("name").unwrap_or("").to_string();
                    let collection = n.attribute("isCollection") == Some("true");
                    named
                        .data_objects
                        .insert(id.to_string(), (name, collection));
                }
                "categoryValue" => {
                    let value = n.attribute("value").unwrap_or("").to_string();
                    named.categories.insert(id.to_string(), value);
                }
                _ => {}
            }
        }
        named
    }
}

/// True for an artifact element Flowlane models.
pub(super) fn is_artifact(xml: XmlNode) -> bool {
    ARTIFACTS.iter().any(|a| is_model(xml, a))
}

/// True for an association whose both ends are elements mapped within `scope`.
pub(super) fn is_mapped_association(xml: XmlNode, scope: XmlNode) -> bool {
    if !is_model(xml, "association") {
        return false;
    }
    let mapped = |attribute: &str| {
        let Some(id) = xml.attribute(attribute).map(local_ref) else {
            return false;
        };
        scope.descendants().any(|n| {
            n.attribute("id") == Some(id)
                && n.tag_name().namespace() == Some(MODEL)
                && (is_artifact(n) || super::kinds::is_flow_node(n.tag_name().name()))
        })
    };
    mapped("sourceRef") && mapped("targetRef")
}

impl Mapper {
    /// Maps an artifact element inside `parent`.
    pub(super) fn artifact(&mut self, xml: XmlNode, parent: Option<Id>, process: &mut Process) {
        let bpmn_id = xml.attribute("id").unwrap_or("");
        let id = to_uuid(bpmn_id);
        let name = xml.attribute("name").unwrap_or("").to_string();
        let mut modelled = vec!["id", "name"];
        let kind = match xml.tag_name().name() {
            "dataObjectReference" => {
                let object = xml
                    .attribute("dataObjectRef")
                    .and_then(|r| self.named.data_objects.get(local_ref(r)));
                let (object_name, collection) = object.cloned().unwrap_or_default();
                ArtifactKind::DataObject {
                    name: if name.is_empty() { object_name } else { name },
                    collection,
                }
            }
            "dataStoreReference" => ArtifactKind::DataStore { name },
            "textAnnotation" => ArtifactKind::Annotation {
                text: xml
                    .children()
                    .find(|n| is_model(*n, "text"))
                    .and_then(|n| n.text())
                    .unwrap_or("")
                    .to_string(),
            },
            _ => {
                modelled.push("categoryValueRef");
                let value = xml
                    .attribute("categoryValueRef")
                    .and_then(|r| self.named.categories.get(local_ref(r)))
                    .cloned()
                    .unwrap_or_default();
                ArtifactKind::Group { name: value }
            }
        };
        let kept = Kept {
            id: keep(bpmn_id),
            attributes: kept_attributes(xml, &modelled),
            xml: xml
                .children()
                .filter(|n| n.is_element() && !is_model(*n, "text"))
                .map(fragment)
                .collect(),
            ..Kept::default()
        };
        let mut kept = kept;
        if let Some(value) = xml.attribute("categoryValueRef") {
            kept.attributes
                .insert("categoryValueRef".into(), value.to_string());
        }
        if xml.attribute("name") == Some("") {
            kept.attributes.insert("name".into(), String::new());
        }
        self.artifacts.insert(bpmn_id.to_string(), id);
        if !kept.is_empty() {
            self.foreign.nodes.insert(id, kept);
        }
        process.artifacts.push(Artifact { id, parent, kind });
    }

    /// Maps an association between two mapped elements; false when an end is not one.
    pub(super) fn association(&mut self, xml: XmlNode, process: &mut Process) -> bool {
        let end = |attribute: &str| {
            let r = local_ref(xml.attribute(attribute)?);
            self.nodes.get(r).or_else(|| self.artifacts.get(r)).copied()
        };
        let (Some(source), Some(target)) = (end("sourceRef"), end("targetRef")) else {
            return false;
        };
        let bpmn_id = xml.attribute("id").unwrap_or("");
        let id = to_uuid(bpmn_id);
        let direction = match xml.attribute("associationDirection") {
            Some("One") => Direction::One,
            Some("Both") => Direction::Both,
            _ => Direction::None,
        };
        let kept = kept_connection(
            xml,
            &["id", "sourceRef", "targetRef", "associationDirection"],
            &["associationDirection"],
        );
        self.flows.insert(bpmn_id.to_string(), id);
        if !kept.is_empty() {
            self.foreign.flows.insert(id, kept);
        }
        process.associations.push(Association {
            id,
            source,
            target,
            direction,
        });
        true
    }

    /// Data read and written by activities: a data input association from a data object or
    /// store to its activity, a data output association from the activity to it. The element
    /// stays in its activity's kept XML (it also maps the activity's own inputs and outputs).
    pub(super) fn data_associations(&mut self, root: XmlNode, process: &mut Process) {
        for xml in root.descendants() {
            let input = is_model(xml, "dataInputAssociation");
            if !(input || is_model(xml, "dataOutputAssociation")) {
                continue;
            }
            let Some(bpmn_id) = xml.attribute("id") else {
                continue;
            };
            let activity = xml
                .parent()
                .and_then(|p| p.attribute("id"))
                .and_then(|p| self.nodes.get(p))
                .copied();
            let end = if input { "sourceRef" } else { "targetRef" };
            let data = xml
                .children()
                .filter(|n| is_model(*n, end))
                .find_map(|n| self.artifacts.get(local_ref(n.text().unwrap_or(""))))
                .copied();
            let (Some(activity), Some(data)) = (activity, data) else {
                continue;
            };
            let id = to_uuid(bpmn_id);
            let (source, target) = if input {
                (data, activity)
            } else {
                (activity, data)
            };
            self.flows.insert(bpmn_id.to_string(), id);
            let kept = Kept {
                id: keep(bpmn_id),
                element: xml.tag_name().name().to_string(),
                ..Kept::default()
            };
            self.foreign.flows.insert(id, kept);
            process.associations.push(Association {
                id,
                source,
                target,
                direction: Direction::One,
            });
        }
    }
}
