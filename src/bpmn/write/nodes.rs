//! Flow nodes and flows: each node as its kept element (or the one its kind is written as) with
//! Flowlane's fields, its incoming and outgoing flows and a timer's duration; each sequence or
//! message flow with its label, probability and condition in the export's dialect.

use super::artifacts::Scope;
use super::kept::{local_name, split_head, sub_attributes};
use super::{attr, indent, own_fields, Dialect, Writer};
use crate::bpmn::ids::{to_uuid, written};
use crate::bpmn::names::local_ref;
use crate::expr;
use crate::fields::{kind_fields, FLOW};
use crate::model::{Flow, Id, Kept, Node, NodeKind};
use crate::xml::{tag, Tag, Xml};

impl Writer<'_> {
    pub(super) fn node(&self, out: &mut Xml, node: &Node) {
        let kept = self
            .foreign
            .nodes
            .get(&node.id)
            .cloned()
            .unwrap_or_default();
        let mut element = self.engine_element(node, self.element(node, &kept));
        let mut skip = vec!["name", "calledElement"];
        // A boundary event whose activity was deleted stays, as a free-standing catch event.
        if element == "boundaryEvent" && !self.has_host(node, &kept) {
            element = "intermediateCatchEvent".into();
            skip.push("cancelActivity");
        }
        let name = format!("bpmn:{element}");
        let mut start = Tag::new(name.as_str());
        attr(&mut start, "id", &self.node_id(node.id));
        if !node.name.is_empty() {
            attr(&mut start, "name", &node.name);
        }
        let default = self
            .outgoing
            .get(&node.id)
            .into_iter()
            .flatten()
            .find(|f| f.default);
        if let Some(default) = default {
            attr(&mut start, "default", &self.flow_id(default.id));
        }
        node_fields(&mut start, &node.kind, &kept);
        skip.extend(self.kind_attributes(&mut start, node, &kept));
        let assignment = self.assignment_attribute(&mut start, node, &element);
        skip.extend(assignment.as_deref());
        self.kept_attributes(&mut start, &kept.attributes, &skip);
        if node.name.is_empty() && kept.attributes.contains_key("name") {
            attr(&mut start, "name", "");
        }
        indent(out, 2);
        out.start(start);
        out.raw("\n");
        let (head, tail) = split_head(&kept.xml, &FLOW_ELEMENT_HEAD);
        let assigned = head.iter().any(|f| f.contains("assignmentDefinition"));
        let extension = match assigned {
            true => String::new(),
            false => self.assignment_extension(node, &element),
        };
        self.head_with(out, 3, head, &extension);
        let flows = [
            ("bpmn:incoming", self.incoming.get(&node.id)),
            ("bpmn:outgoing", self.outgoing.get(&node.id)),
        ];
        for (name, flows) in flows {
            for flow in flows.into_iter().flatten() {
                indent(out, 3);
                out.element(tag(name), &self.flow_id(flow.id));
                out.raw("\n");
            }
        }
        if matches!(node.kind, NodeKind::SubProcess { .. }) {
            let (activity, rest) = split_activity(&tail);
            self.modelled_children(out, node, &kept, &activity);
            self.contents(out, node.id);
            self.artifacts_and_rest(out, Some(node.id), &rest, Scope::Sub);
        } else {
            self.modelled_children(out, node, &kept, &tail);
        }
        indent(out, 2);
        out.end(&name);
        out.raw("\n");
    }

    /// The nodes and sequence flows inside sub-process `parent`.
    fn contents(&self, out: &mut Xml, parent: Id) {
        for node in self.process.children(Some(parent)) {
            self.node(out, node);
        }
        for flow in &self.process.flows {
            let inside = self
                .nodes
                .get(&flow.source)
                .is_some_and(|n| self.parent_of(n) == Some(parent));
            if inside && !self.is_message_flow(flow) {
                self.flow(out, flow, "sequenceFlow");
            }
        }
    }

    /// The sub-process a node is written inside; none at the process level, and none when the
    /// sub-process was deleted since (its contents then stand at the process level).
    pub(super) fn parent_of(&self, node: &Node) -> Option<Id> {
        node.parent.filter(|p| {
            self.nodes
                .get(p)
                .is_some_and(|n| matches!(n.kind, NodeKind::SubProcess { .. }))
        })
    }

    pub(super) fn flow(&self, out: &mut Xml, flow: &Flow, element: &str) {
        let kept = self
            .foreign
            .flows
            .get(&flow.id)
            .cloned()
            .unwrap_or_default();
        let name = format!("bpmn:{element}");
        let mut start = Tag::new(name.as_str());
        attr(&mut start, "id", &self.flow_id(flow.id));
        if !flow.label.is_empty() {
            attr(&mut start, "name", &flow.label);
        }
        attr(&mut start, "sourceRef", &self.node_id(flow.source));
        attr(&mut start, "targetRef", &self.node_id(flow.target));
        // An engine's condition the import translated is written back as the file had it,
        // unless the export is for an engine (which gets its own dialect).
        let imported = (flow.condition.as_deref())
            .filter(|_| self.engine().is_none())
            .and_then(|c| expr::dialect::imported_text(&kept.attributes, c));
        let condition = flow.condition.as_ref().map(|c| {
            let text = imported.map_or_else(|| self.condition_text(flow.id, c), str::to_string);
            (c, text)
        });
        if let Some((cel, text)) = &condition {
            if text != *cel && imported.is_none() {
                attr(&mut start, "flowlane:condition", cel);
            }
        }
        own_fields(&mut start, &FLOW, flow);
        self.kept_attributes(&mut start, &kept.attributes, &["name"]);
        if flow.label.is_empty() && kept.attributes.contains_key("name") {
            attr(&mut start, "name", "");
        }
        indent(out, 2);
        out.start(start);
        let (head, tail) = split_head(&kept.xml, &FLOW_ELEMENT_HEAD);
        for f in head {
            self.put(out, 0, f);
        }
        if let Some((_, text)) = &condition {
            let mut expression = tag("bpmn:conditionExpression");
            attr(&mut expression, "xsi:type", "bpmn:tFormalExpression");
            let kept_expression = sub_attributes(&kept.attributes, "conditionExpression");
            if self.dialect() == Dialect::JavaScript {
                attr(&mut expression, "language", "javascript");
            }
            let skip: &[&str] = if self.engine().is_some() {
                &["language"]
            } else {
                &[]
            };
            self.kept_attributes(&mut expression, &kept_expression, skip);
            out.element(expression, text);
        }
        for f in tail {
            self.put(out, 0, f);
        }
        out.end(&name);
        out.raw("\n");
    }
}

/// Kept children of a flow element that come before what Flowlane writes (a node's incoming
/// and outgoing flows, a flow's condition), in the schema's order.
const FLOW_ELEMENT_HEAD: [&str; 5] = [
    "documentation",
    "extensionElements",
    "auditing",
    "monitoring",
    "categoryValueRef",
];

/// A sub-process's kept children that come before its contents (what every activity has, and
/// a lane set), and the others (kept flow elements and artifacts).
fn split_activity<'x>(tail: &[&'x String]) -> (Vec<&'x String>, Vec<&'x String>) {
    const ACTIVITY: [&str; 9] = [
        "ioSpecification",
        "property",
        "dataInputAssociation",
        "dataOutputAssociation",
        "resourceRole",
        "standardLoopCharacteristics",
        "multiInstanceLoopCharacteristics",
        "laneSet",
        "activationCondition",
    ];
    tail.iter().partition(|f| ACTIVITY.contains(&local_name(f)))
}

/// Flowlane's own fields of a node (from the field table), and the called process of a call.
fn node_fields(start: &mut Tag, kind: &NodeKind, kept: &Kept) {
    if let NodeKind::Call { process, .. } = kind {
        let kept_called = kept.attributes.get("calledElement");
        // A call that named no process (`to_uuid("")`) names none again.
        let called = match kept_called {
            Some(called) if to_uuid(local_ref(called)) == *process => Some(called.clone()),
            _ if *process == to_uuid("") => None,
            _ => Some(written(*process)),
        };
        if let Some(called) = called {
            attr(start, "calledElement", &called);
        }
    }
    own_fields(start, kind_fields(kind), kind);
}
