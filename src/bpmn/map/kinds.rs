//! Which Flowlane kind a BPMN flow node becomes, and which element a kind is written as.

use roxmltree::Node as XmlNode;

use super::attributes::read_own;
use super::events::{is_definition, is_loop, repeat, trigger, Roots};
use crate::bpmn::ids::to_uuid;
use crate::bpmn::names::{local_ref, MODEL};
use crate::bpmn::timer;
use crate::bpmn::ImportError;
use crate::fields::kind_fields;
use crate::model::{GatewayKind, NodeKind, Repeat, SubProcessKind, TaskType, Trigger};

/// The element Flowlane writes for a kind unless told otherwise.
pub fn default_element(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Start { .. } => "startEvent",
        NodeKind::End { .. } => "endEvent",
        NodeKind::Catch { .. } => "intermediateCatchEvent",
        NodeKind::Throw { .. } => "intermediateThrowEvent",
        NodeKind::Boundary { .. } => "boundaryEvent",
        NodeKind::Task { task, .. } => match task {
            TaskType::Plain => "task",
            TaskType::User => "userTask",
            TaskType::Manual => "manualTask",
            TaskType::Service => "serviceTask",
            TaskType::Script => "scriptTask",
            TaskType::BusinessRule => "businessRuleTask",
            TaskType::Send => "sendTask",
            TaskType::Receive => "receiveTask",
        },
        NodeKind::Gateway { gateway, .. } => match gateway {
            GatewayKind::Exclusive => "exclusiveGateway",
            GatewayKind::Parallel => "parallelGateway",
            GatewayKind::Inclusive => "inclusiveGateway",
            GatewayKind::EventBased => "eventBasedGateway",
            GatewayKind::Complex => "complexGateway",
        },
        NodeKind::Call { .. } => "callActivity",
        NodeKind::SubProcess { sub, .. } => match sub {
            SubProcessKind::Transaction => "transaction",
            SubProcessKind::AdHoc => "adHocSubProcess",
            SubProcessKind::Embedded | SubProcessKind::Event => "subProcess",
        },
    }
}

/// Task elements and the task type each is.
const TASKS: [(&str, TaskType); 8] = [
    ("task", TaskType::Plain),
    ("userTask", TaskType::User),
    ("manualTask", TaskType::Manual),
    ("serviceTask", TaskType::Service),
    ("scriptTask", TaskType::Script),
    ("businessRuleTask", TaskType::BusinessRule),
    ("sendTask", TaskType::Send),
    ("receiveTask", TaskType::Receive),
];

/// The Flowlane kind of a flow node (and the children that kind models), or None for elements
/// that are not flow nodes.
pub(super) fn node_kind<'a, 'i>(
    xml: XmlNode<'a, 'i>,
    roots: &Roots,
) -> Result<Option<(NodeKind, Vec<XmlNode<'a, 'i>>)>, ImportError> {
    if xml.tag_name().namespace() != Some(MODEL) {
        return Ok(None);
    }
    let name = xml.tag_name().name();
    let definitions: Vec<XmlNode> = xml.children().filter(|n| is_definition(*n)).collect();
    let parallel = xml.attribute("parallelMultiple") == Some("true");
    let trigger = trigger(&definitions, parallel, roots);
    let yes_unless = |attribute: &str| xml.attribute(attribute) != Some("false");
    let looping = xml.children().find(|n| is_loop(*n)).and_then(repeat);
    let mut kind = match name {
        "startEvent" => NodeKind::Start {
            trigger,
            interrupting: yes_unless("isInterrupting"),
        },
        "endEvent" => NodeKind::End {
            outcome: String::new(),
            trigger,
        },
        "intermediateThrowEvent" => NodeKind::Throw { trigger },
        "boundaryEvent" => NodeKind::Boundary {
            host: to_uuid(local_ref(xml.attribute("attachedToRef").unwrap_or(""))),
            trigger,
            interrupting: yes_unless("cancelActivity"),
        },
        "exclusiveGateway" => NodeKind::gateway(GatewayKind::Exclusive),
        "eventBasedGateway" => NodeKind::gateway(GatewayKind::EventBased),
        "parallelGateway" => NodeKind::gateway(GatewayKind::Parallel),
        "inclusiveGateway" => NodeKind::gateway(GatewayKind::Inclusive),
        "complexGateway" => NodeKind::Gateway {
            gateway: GatewayKind::Complex,
            condition: xml
                .children()
                .find(|n| n.tag_name().name() == "activationCondition")
                .map(|n| n.text().unwrap_or("").trim().to_string()),
        },
        "subProcess" | "transaction" | "adHocSubProcess" => NodeKind::SubProcess {
            sub: match name {
                "transaction" => SubProcessKind::Transaction,
                "adHocSubProcess" => SubProcessKind::AdHoc,
                _ if xml.attribute("triggeredByEvent") == Some("true") => SubProcessKind::Event,
                _ => SubProcessKind::Embedded,
            },
            expanded: false,
            repeat: looping,
        },
        "callActivity" => NodeKind::Call {
            process: to_uuid(local_ref(xml.attribute("calledElement").unwrap_or(""))),
            version: None,
            repeat: looping,
        },
        "intermediateCatchEvent" => match timer::modelled(xml) {
            Some((timer, definition)) => {
                let kind = NodeKind::Catch {
                    trigger: Trigger::Timer { timer },
                };
                return Ok(Some((kind, vec![definition])));
            }
            None => NodeKind::Catch { trigger },
        },
        _ => match TASKS.iter().find(|(element, _)| *element == name) {
            Some((_, task_type)) => {
                let mut kind = NodeKind::task("");
                let message = xml
                    .attribute("messageRef")
                    .map(|r| roots.get(local_ref(r)).cloned().unwrap_or_default());
                set_task_type(&mut kind, *task_type, message, looping);
                kind
            }
            None => return Ok(None),
        },
    };
    // Flowlane's own fields, through the field table.
    read_own(xml, kind_fields(&kind), &mut kind)?;
    Ok(Some((kind, Vec::new())))
}

/// True for the elements `node_kind` maps to a node.
pub(super) fn is_flow_node(name: &str) -> bool {
    TASKS.iter().any(|(element, _)| *element == name)
        || matches!(
            name,
            "startEvent"
                | "endEvent"
                | "intermediateCatchEvent"
                | "intermediateThrowEvent"
                | "boundaryEvent"
                | "exclusiveGateway"
                | "eventBasedGateway"
                | "parallelGateway"
                | "inclusiveGateway"
                | "complexGateway"
                | "subProcess"
                | "transaction"
                | "adHocSubProcess"
                | "callActivity"
        )
}

/// A task's BPMN type, the message a send or receive task names, and how it repeats.
fn set_task_type(
    kind: &mut NodeKind,
    task_type: TaskType,
    named: Option<String>,
    looping: Option<Repeat>,
) {
    if let NodeKind::Task {
        task,
        message,
        repeat,
        ..
    } = kind
    {
        *task = task_type;
        *message = named.unwrap_or_default();
        *repeat = looping;
    }
}
