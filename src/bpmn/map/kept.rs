//! What an element keeps beside what Flowlane models: its other attributes (by key, QNames
//! qualified), its foreign extension elements and, for a connection, its children.

use std::collections::BTreeMap;

use roxmltree::Node as XmlNode;

use crate::bpmn::ids::keep;
use crate::bpmn::names::{attribute_key, qualify, FLOWLANE};
use crate::bpmn::opaque::{fragment, fragment_filtered};
use crate::model::Kept;

/// The extension elements minus Flowlane's own, or None when nothing else is in them.
pub(super) fn fragment_without_flowlane(extensions: XmlNode) -> Option<String> {
    let foreign_children = extensions
        .children()
        .any(|n| n.is_element() && n.tag_name().namespace() != Some(FLOWLANE));
    let flowlane_children = extensions
        .children()
        .any(|n| n.tag_name().namespace() == Some(FLOWLANE));
    if !flowlane_children {
        return Some(fragment(extensions));
    }
    if !foreign_children {
        return None;
    }
    Some(fragment_filtered(extensions, &|n| {
        n.tag_name().namespace() != Some(FLOWLANE)
    }))
}

/// What a message flow or association keeps: its file id, the attributes other than `modelled`
/// (an empty name too, and `modelled_kept` ones as written), and its children.
pub(super) fn kept_connection(xml: XmlNode, modelled: &[&str], modelled_kept: &[&str]) -> Kept {
    let mut kept = Kept {
        id: keep(xml.attribute("id").unwrap_or("")),
        attributes: kept_attributes(xml, modelled),
        xml: xml
            .children()
            .filter(XmlNode::is_element)
            .map(fragment)
            .collect(),
        ..Kept::default()
    };
    if xml.attribute("name") == Some("") {
        kept.attributes.insert("name".into(), String::new());
    }
    for name in modelled_kept {
        if let Some(value) = xml.attribute(*name) {
            kept.attributes.insert(name.to_string(), value.to_string());
        }
    }
    kept
}

/// Attributes other than the modelled ones (`skip`) and Flowlane's own, by key.
pub(super) fn kept_attributes(xml: XmlNode, skip: &[&str]) -> BTreeMap<String, String> {
    xml.attributes()
        .filter(|a| !(a.namespace().is_none() && skip.contains(&a.name())))
        .filter(|a| a.namespace() != Some(FLOWLANE))
        .map(|a| (attribute_key(&a), qualify(xml, a.value())))
        .collect()
}
