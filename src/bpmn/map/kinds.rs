//! Which Flowlane kind a BPMN flow node becomes, and which element a kind is written as.

use roxmltree::Node as XmlNode;

use super::attributes::read_own;
use crate::bpmn::ids::to_uuid;
use crate::bpmn::names::{local_ref, MODEL};
use crate::bpmn::timer;
use crate::bpmn::ImportError;
use crate::fields::kind_fields;
use crate::model::{GatewayKind, NodeKind, SubProcessKind, TaskType, Trigger};

/// The element Flowlane writes for a kind unless told otherwise.
pub fn default_element(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Start { .. } => "startEvent",
        NodeKind::End { .. } => "endEvent",
        NodeKind::Catch { .. } => "intermediateCatchEvent",
        NodeKind::Throw { .. } => "intermediateThrowEvent",
        NodeKind::Boundary { .. } => "boundaryEvent",
        NodeKind::Task { task, .. } => match task {
            TaskType::Plain | TaskType::User => "userTask",
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

const TASKS: [&str; 8] = [
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "scriptTask",
    "businessRuleTask",
    "sendTask",
    "receiveTask",
];
/// Flow nodes Flowlane has no kind for; they become tasks that keep their element and contents.
const STEP_LIKE: [&str; 6] = [
    "subProcess",
    "adHocSubProcess",
    "transaction",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
];

/// The Flowlane kind of a flow node (and the children that kind models), or None for elements
/// that are not flow nodes.
pub(super) fn node_kind<'a, 'i>(
    xml: XmlNode<'a, 'i>,
) -> Result<Option<(NodeKind, Vec<XmlNode<'a, 'i>>)>, ImportError> {
    if xml.tag_name().namespace() != Some(MODEL) {
        return Ok(None);
    }
    let name = xml.tag_name().name();
    let mut kind = match name {
        "startEvent" => NodeKind::start(),
        "endEvent" => NodeKind::end(""),
        "exclusiveGateway" | "eventBasedGateway" => NodeKind::gateway(GatewayKind::Exclusive),
        "parallelGateway" => NodeKind::gateway(GatewayKind::Parallel),
        "inclusiveGateway" | "complexGateway" => NodeKind::gateway(GatewayKind::Inclusive),
        "callActivity" => NodeKind::Call {
            process: to_uuid(local_ref(xml.attribute("calledElement").unwrap_or(""))),
            version: None,
            repeat: None,
        },
        "intermediateCatchEvent" => match timer::modelled(xml) {
            Some((timer, definition)) => {
                let kind = NodeKind::Catch {
                    trigger: Trigger::Timer { timer },
                };
                return Ok(Some((kind, vec![definition])));
            }
            None => NodeKind::task(""),
        },
        _ if TASKS.contains(&name) || STEP_LIKE.contains(&name) => NodeKind::task(""),
        _ => return Ok(None),
    };
    read_own(xml, kind_fields(&kind), &mut kind)?;
    Ok(Some((kind, Vec::new())))
}
