//! Which Flowlane kind a BPMN flow node becomes, and which element a kind is written as.

use roxmltree::Node as XmlNode;

use crate::bpmn::ids::to_uuid;
use crate::bpmn::names::{local_ref, FLOWLANE, MODEL};
use crate::bpmn::timer;
use crate::bpmn::ImportError;
use crate::model::{Duration, GatewayKind, NodeKind, SubProcessKind, TaskType, Trigger};

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
    let own = |field: &str| xml.attribute((FLOWLANE, field));
    let duration = |field: &str| -> Result<Option<Duration>, ImportError> {
        own(field)
            .map(|text| {
                text.parse::<Duration>().map_err(|e| {
                    ImportError::new("bad-value", format!("flowlane:{field}: {e}")).at(xml)
                })
            })
            .transpose()
    };
    let name = xml.tag_name().name();
    let kind = match name {
        "startEvent" => NodeKind::start(),
        "endEvent" => NodeKind::end(own("outcome").unwrap_or("")),
        "exclusiveGateway" | "eventBasedGateway" => NodeKind::gateway(GatewayKind::Exclusive),
        "parallelGateway" => NodeKind::gateway(GatewayKind::Parallel),
        "inclusiveGateway" | "complexGateway" => NodeKind::gateway(GatewayKind::Inclusive),
        "callActivity" => NodeKind::Call {
            process: to_uuid(local_ref(xml.attribute("calledElement").unwrap_or(""))),
            version: own("version")
                .map(|v| {
                    v.parse().map_err(|_| {
                        ImportError::new(
                            "bad-value",
                            format!("flowlane:version `{v}` is not a number"),
                        )
                        .at(xml)
                    })
                })
                .transpose()?,
            repeat: None,
        },
        "intermediateCatchEvent" => match timer::modelled(xml) {
            Some((timer, definition)) => {
                let kind = NodeKind::Catch {
                    trigger: Trigger::Timer { timer },
                };
                return Ok(Some((kind, vec![definition])));
            }
            None => task(xml, &duration)?,
        },
        _ if TASKS.contains(&name) || STEP_LIKE.contains(&name) => task(xml, &duration)?,
        _ => return Ok(None),
    };
    Ok(Some((kind, Vec::new())))
}

fn task(
    xml: XmlNode,
    duration: &dyn Fn(&str) -> Result<Option<Duration>, ImportError>,
) -> Result<NodeKind, ImportError> {
    let own = |field: &str| xml.attribute((FLOWLANE, field)).unwrap_or("").to_string();
    Ok(NodeKind::Task {
        assignee: own("assignee"),
        duration: duration("duration")?,
        sla: duration("sla")?,
        description: own("description"),
        outputs: own("outputs")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        distribution: number_or_json(xml, "distribution")?,
        cost_per_hour: number_or_json(xml, "cost-per-hour")?,
        task: TaskType::Plain,
        message: String::new(),
        repeat: None,
    })
}

/// A Flowlane simulation field written as JSON in its own attribute; absent is none.
fn number_or_json<T: serde::de::DeserializeOwned>(
    xml: XmlNode,
    field: &str,
) -> Result<Option<T>, ImportError> {
    let Some(text) = xml.attribute((FLOWLANE, field)) else {
        return Ok(None);
    };
    serde_json::from_str(text)
        .map(Some)
        .map_err(|e| ImportError::new("bad-value", format!("flowlane:{field}: {e}")).at(xml))
}
