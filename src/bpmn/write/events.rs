//! What an event, a repeating activity, a send or receive task and a complex gateway model
//! beyond Flowlane's fields: event definitions (with the messages, signals, errors and
//! escalations they name as root elements), boundary hosts, interrupting flags, loop markers and
//! activation conditions. Definitions an import kept are written back as they were while they
//! still say what the model says; otherwise the model's are written.

use std::collections::{BTreeSet, HashMap};

use roxmltree::Document;

use super::kept::{local_name, sub_attributes};
use super::{attr, indent, Dialect, Writer};
use crate::bpmn::ids::to_uuid;
use crate::bpmn::map::{
    default_element, is_definition, is_loop, repeat, root_value, trigger, Roots,
};
use crate::bpmn::names::local_ref;
use crate::model::{
    Foreign, GatewayKind, Instances, Kept, Node, NodeKind, Repeat, TaskType, Timer, Trigger,
};
use crate::xml::{tag, Tag, Xml};

/// The root elements a reference can name, and the attribute that gives their value.
const ROOT_KINDS: [(&str, &str); 4] = [
    ("message", "name"),
    ("signal", "name"),
    ("error", "errorCode"),
    ("escalation", "escalationCode"),
];

/// Root elements of the kept `definitions` children: by id, and by (element, value).
pub(super) fn kept_roots(foreign: &Foreign) -> (Roots, HashMap<(String, String), String>) {
    let mut roots = Roots::new();
    let mut by_value = HashMap::new();
    for fragment in &foreign.definitions.xml {
        let Ok(doc) = Document::parse(fragment) else {
            continue;
        };
        let root = doc.root_element();
        if let Some((id, value)) = root_value(root) {
            let element = root.tag_name().name().to_string();
            by_value
                .entry((element, value.clone()))
                .or_insert(id.clone());
            roots.insert(id, value);
        }
    }
    (roots, by_value)
}

/// The (root element, value) pairs a trigger names.
fn named(trigger: &Trigger, into: &mut BTreeSet<(&'static str, String)>) {
    let pair = match trigger {
        Trigger::Message { message } => ("message", message),
        Trigger::Signal { signal } => ("signal", signal),
        Trigger::Error { code } => ("error", code),
        Trigger::Escalation { code } => ("escalation", code),
        Trigger::Multiple { triggers, .. } => {
            triggers.iter().for_each(|t| named(t, into));
            return;
        }
        _ => return,
    };
    if !pair.1.is_empty() {
        into.insert((pair.0, pair.1.clone()));
    }
}

impl Writer<'_> {
    /// The id of the root element `element` with this value: the kept one, else Flowlane's.
    fn root_id(&self, element: &str, value: &str) -> String {
        self.by_value
            .get(&(element.to_string(), value.to_string()))
            .cloned()
            .unwrap_or_else(|| generated_root(element, value))
    }

    /// Root elements the model names that the file did not have (every one for a process
    /// drawn in Flowlane), in a stable order.
    fn missing_roots(&self) -> BTreeSet<(&'static str, String)> {
        let mut wanted = BTreeSet::new();
        for node in &self.process.nodes {
            if let Some(t) = node.kind.trigger() {
                named(t, &mut wanted);
            }
            if let NodeKind::Task { message, .. } = &node.kind {
                if !message.is_empty() {
                    wanted.insert(("message", message.clone()));
                }
            }
        }
        wanted.retain(|(e, v)| !self.by_value.contains_key(&(e.to_string(), v.clone())));
        wanted
    }

    /// Writes the root elements `missing_roots` names.
    pub(super) fn new_roots(&self, out: &mut Xml) {
        for (element, value) in self.missing_roots() {
            let attribute = ROOT_KINDS
                .iter()
                .find(|(e, _)| *e == element)
                .map_or("name", |(_, a)| a);
            let name = format!("bpmn:{element}");
            let mut root = tag(&name);
            attr(&mut root, "id", &generated_root(element, &value));
            attr(&mut root, attribute, &value);
            indent(out, 1);
            out.empty(root);
            out.raw("\n");
        }
    }

    /// Ids of the root elements `new_roots` writes.
    pub(super) fn new_root_ids(&self) -> Vec<String> {
        self.missing_roots()
            .into_iter()
            .map(|(e, v)| generated_root(e, &v))
            .collect()
    }

    /// The attributes a kind models beyond Flowlane's fields; returns the kept attributes they
    /// replace. None when a boundary event's host is gone (it is written as a catch event).
    pub(super) fn kind_attributes(&self, start: &mut Tag, node: &Node, kept: &Kept) -> Vec<&str> {
        let flag = |start: &mut Tag, name: &str, value: bool, default: bool| {
            if value != default || kept.attributes.contains_key(name) {
                attr(start, name, if value { "true" } else { "false" });
            }
        };
        let catches = matches!(
            node.kind,
            NodeKind::Start { .. } | NodeKind::Catch { .. } | NodeKind::Boundary { .. }
        );
        if catches {
            let parallel = matches!(
                node.kind.trigger(),
                Some(Trigger::Multiple { parallel: true, .. })
            );
            flag(start, "parallelMultiple", parallel, false);
        }
        match &node.kind {
            NodeKind::Start { interrupting, .. } => {
                flag(start, "isInterrupting", *interrupting, true);
            }
            NodeKind::Boundary {
                host, interrupting, ..
            } if self.nodes.contains_key(host) => {
                attr(start, "attachedToRef", &self.node_id(*host));
                flag(start, "cancelActivity", *interrupting, true);
            }
            NodeKind::SubProcess { sub, .. } => {
                let event = *sub == crate::model::SubProcessKind::Event;
                flag(start, "triggeredByEvent", event, false);
            }
            NodeKind::Task { message, .. } if !message.is_empty() => {
                let kept_ref = kept.attributes.get("messageRef");
                let same = kept_ref.is_some_and(|r| {
                    self.roots.get(local_ref(r.rsplit('}').next().unwrap_or(r))) == Some(message)
                });
                let id = match kept_ref {
                    Some(r) if same => r.clone(),
                    _ => self.root_id("message", message),
                };
                let value = self.prefixed(&id).unwrap_or(id);
                attr(start, "messageRef", &value);
            }
            _ => {}
        }
        let mut skip = vec![
            "parallelMultiple",
            "isInterrupting",
            "cancelActivity",
            "triggeredByEvent",
        ];
        // A task's message is written from the model; a reference to a message the file does
        // not define stays as the file had it.
        let undefined = kept.attributes.get("messageRef").is_some_and(|r| {
            !self
                .roots
                .contains_key(local_ref(r.rsplit('}').next().unwrap_or(r)))
        });
        if !matches!(&node.kind, NodeKind::Task { message, .. } if message.is_empty() && undefined)
        {
            skip.push("messageRef");
        }
        skip
    }

    /// True when a boundary event's host is still in the process (for a boundary event a
    /// schema-1 import kept as a task, the host its kept `attachedToRef` names).
    pub(super) fn has_host(&self, node: &Node, kept: &Kept) -> bool {
        match &node.kind {
            NodeKind::Boundary { host, .. } => self.nodes.contains_key(host),
            _ => !kept
                .attributes
                .get("attachedToRef")
                .is_some_and(|h| self.dangling_attribute("attachedToRef", h)),
        }
    }

    /// The element a node is written as: its kind's, or the one a schema-1 import kept for a
    /// kind that was coarser then (a plain task or a gateway standing for another element).
    pub(super) fn element(&self, node: &Node, kept: &Kept) -> String {
        let coarse = matches!(
            node.kind,
            NodeKind::Task {
                task: TaskType::Plain,
                ..
            } | NodeKind::Gateway {
                gateway: GatewayKind::Exclusive | GatewayKind::Inclusive,
                ..
            }
        );
        if coarse && !kept.element.is_empty() {
            kept.element.clone()
        } else {
            default_element(&node.kind).to_string()
        }
    }

    /// The children after `incoming`/`outgoing`: kept ones, with the event definitions, loop
    /// characteristics and activation condition the model says.
    pub(super) fn modelled_children(
        &self,
        out: &mut Xml,
        node: &Node,
        kept: &Kept,
        tail: &[&String],
    ) {
        let parsed: Vec<Option<Document>> = tail.iter().map(|f| Document::parse(f).ok()).collect();
        let is = |i: usize, test: &dyn Fn(roxmltree::Node) -> bool| {
            parsed[i].as_ref().is_some_and(|d| test(d.root_element()))
        };
        let definitions: Vec<usize> = (0..tail.len()).filter(|i| is(*i, &is_definition)).collect();
        let loops: Vec<usize> = (0..tail.len()).filter(|i| is(*i, &is_loop)).collect();
        let conditions: Vec<usize> = (0..tail.len())
            .filter(|i| local_name(tail[*i]) == "activationCondition")
            .collect();
        let mut drop: Vec<usize> = Vec::new();
        let mut fresh_definitions = None;
        if let Some(model) = node.kind.trigger() {
            let parallel = matches!(model, Trigger::Multiple { parallel: true, .. });
            let kept_nodes: Vec<roxmltree::Node> = definitions
                .iter()
                .filter_map(|i| parsed[*i].as_ref().map(Document::root_element))
                .collect();
            if trigger(&kept_nodes, parallel, &self.roots) != *model {
                drop.extend(&definitions);
                fresh_definitions = Some(model);
            }
        }
        let mut fresh_loop = None;
        if node.kind.is_activity() {
            let model = match &node.kind {
                NodeKind::Task { repeat, .. }
                | NodeKind::Call { repeat, .. }
                | NodeKind::SubProcess { repeat, .. } => repeat.as_ref(),
                _ => None,
            };
            let kept_repeat = loops
                .first()
                .and_then(|i| parsed[*i].as_ref())
                .and_then(|d| repeat(d.root_element()));
            if kept_repeat.as_ref() != model || loops.len() > 1 {
                drop.extend(&loops);
                fresh_loop = model;
            }
        }
        let mut fresh_condition = None;
        if let NodeKind::Gateway { condition, .. } = &node.kind {
            let kept_condition = conditions.first().and_then(|i| {
                let d = parsed[*i].as_ref()?;
                Some(d.root_element().text().unwrap_or("").trim().to_string())
            });
            if kept_condition.as_ref() != condition.as_ref() {
                drop.extend(&conditions);
                fresh_condition = condition.as_ref();
            }
        }
        let before_loop = [
            "ioSpecification",
            "property",
            "dataInputAssociation",
            "dataOutputAssociation",
            "resourceRole",
        ];
        let mut loop_written = fresh_loop.is_none();
        for (i, f) in tail.iter().enumerate() {
            if drop.contains(&i) {
                continue;
            }
            if !loop_written && !before_loop.contains(&local_name(f)) {
                self.loop_characteristics(out, fresh_loop);
                loop_written = true;
            }
            self.put(out, 3, f);
        }
        if !loop_written {
            self.loop_characteristics(out, fresh_loop);
        }
        if let Some(condition) = fresh_condition {
            indent(out, 3);
            out.element(expression("bpmn:activationCondition"), condition);
            out.raw("\n");
        }
        if let Some(model) = fresh_definitions {
            self.definitions(out, model, kept);
        }
    }

    fn loop_characteristics(&self, out: &mut Xml, repeat: Option<&Repeat>) {
        let Some(repeat) = repeat else {
            return;
        };
        indent(out, 3);
        let (
            sequential,
            Instances {
                count,
                collection,
                item,
            },
        ) = match repeat {
            Repeat::Loop { condition } => {
                let name = "bpmn:standardLoopCharacteristics";
                match condition {
                    Some(c) => {
                        // In the export's dialect, with Flowlane's own text beside a translation.
                        let text = self.loop_condition(c);
                        let mut element = expression("bpmn:loopCondition");
                        if text != *c {
                            attr(&mut element, "flowlane:condition", c);
                        }
                        out.start(tag(name));
                        out.element(element, &text);
                        out.end(name);
                    }
                    None => out.empty(tag(name)),
                }
                out.raw("\n");
                return;
            }
            Repeat::Parallel(instances) => (false, instances),
            Repeat::Sequential(instances) => (true, instances),
        };
        let name = "bpmn:multiInstanceLoopCharacteristics";
        let mut start = tag(name);
        if sequential {
            attr(&mut start, "isSequential", "true");
        }
        out.start(start);
        if let Some(count) = count {
            out.element(expression("bpmn:loopCardinality"), count);
        }
        if let Some(collection) = collection {
            out.element(tag("bpmn:loopDataInputRef"), collection);
        }
        if let Some(item) = item {
            // SpiffWorkflow names the item's variable by the id, others by the name.
            let mut data_item = tag("bpmn:inputDataItem");
            attr(&mut data_item, "id", item);
            attr(&mut data_item, "name", item);
            out.empty(data_item);
        }
        out.end(name);
        out.raw("\n");
    }

    /// The model's event definitions, in place of the kept ones.
    fn definitions(&self, out: &mut Xml, trigger: &Trigger, kept: &Kept) {
        let all = match trigger {
            Trigger::Multiple { triggers, .. } => triggers.iter().collect(),
            other => vec![other],
        };
        for one in all {
            self.definition(out, one, kept);
        }
    }

    fn definition(&self, out: &mut Xml, trigger: &Trigger, kept: &Kept) {
        let reference = |start: &mut Tag, attribute: &str, element: &str, value: &str| {
            if !value.is_empty() {
                attr(start, attribute, &self.root_id(element, value));
            }
        };
        let (name, text): (&str, Option<(Tag, String)>) = match trigger {
            Trigger::None | Trigger::Multiple { .. } => return,
            Trigger::Message { .. } => ("messageEventDefinition", None),
            Trigger::Signal { .. } => ("signalEventDefinition", None),
            Trigger::Error { .. } => ("errorEventDefinition", None),
            Trigger::Escalation { .. } => ("escalationEventDefinition", None),
            Trigger::Compensation => ("compensateEventDefinition", None),
            Trigger::Link { .. } => ("linkEventDefinition", None),
            Trigger::Cancel => ("cancelEventDefinition", None),
            Trigger::Terminate => ("terminateEventDefinition", None),
            Trigger::Conditional { condition } => (
                "conditionalEventDefinition",
                Some((
                    expression("bpmn:condition"),
                    self.event_condition(condition),
                )),
            ),
            Trigger::Timer { timer } => {
                let child = match timer {
                    Timer::Duration(_) => "timeDuration",
                    Timer::Date(_) => "timeDate",
                    Timer::Cycle(_) => "timeCycle",
                };
                let child_name = format!("bpmn:{child}");
                let mut element = expression(&child_name).into_owned();
                self.kept_attributes(&mut element, &sub_attributes(&kept.attributes, child), &[]);
                // SpiffWorkflow reads a timer as a Python expression: the ISO text quoted.
                let text = match self.dialect() {
                    Dialect::Python => format!("\"{}\"", timer.text()),
                    _ => timer.text().to_string(),
                };
                ("timerEventDefinition", Some((element, text)))
            }
        };
        let element = format!("bpmn:{name}");
        let mut start = tag(&element);
        match trigger {
            Trigger::Message { message } => reference(&mut start, "messageRef", "message", message),
            Trigger::Signal { signal } => reference(&mut start, "signalRef", "signal", signal),
            Trigger::Error { code } => reference(&mut start, "errorRef", "error", code),
            Trigger::Escalation { code } => {
                reference(&mut start, "escalationRef", "escalation", code)
            }
            Trigger::Link { link } => attr(&mut start, "name", link),
            Trigger::Timer { .. } => {
                let kept_definition = sub_attributes(&kept.attributes, "timerEventDefinition");
                self.kept_attributes(&mut start, &kept_definition, &[]);
            }
            _ => {}
        }
        indent(out, 3);
        match text {
            Some((child, text)) => {
                out.start(start);
                out.element(child, &text);
                out.end(&element);
            }
            None => out.empty(start),
        }
        out.raw("\n");
    }
}

/// A formal expression element (`xsi:type="bpmn:tFormalExpression"`).
fn expression(name: &str) -> Tag<'_> {
    let mut element = tag(name);
    attr(&mut element, "xsi:type", "bpmn:tFormalExpression");
    element
}

/// The id Flowlane gives a root element it adds: stable for the same value.
fn generated_root(element: &str, value: &str) -> String {
    let mut kind = element.to_string();
    if let Some(first) = kind.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    format!("{kind}_{}", to_uuid(&format!("{element}/{value}")).simple())
}
