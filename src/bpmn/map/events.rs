//! What an event's definitions mean (its `Trigger`) and how an activity repeats (its `Repeat`).
//! Import reads them from the file; export reads the kept definitions the same way to tell
//! whether they still say what the model says (then they are written back as they were).

use std::collections::HashMap;

use roxmltree::Node as XmlNode;

use crate::bpmn::names::{is_model, local_ref, FLOWLANE, MODEL};
use crate::model::{Instances, Repeat, Timer, Trigger};

/// Root elements that event definitions and tasks name, by id: a message or signal by its
/// name (else its id), an error or escalation by its code.
pub type Roots = HashMap<String, String>;

/// The value a reference to this root element stands for, None for other elements.
pub fn root_value(xml: XmlNode) -> Option<(String, String)> {
    let id = xml.attribute("id")?.to_string();
    let value = match xml.tag_name().name() {
        "message" | "signal" => xml.attribute("name").unwrap_or(&id).to_string(),
        "error" => xml.attribute("errorCode").unwrap_or("").to_string(),
        "escalation" => xml.attribute("escalationCode").unwrap_or("").to_string(),
        _ => return None,
    };
    (xml.tag_name().namespace() == Some(MODEL)).then_some((id, value))
}

/// Root elements among `children` (the `definitions`' children).
pub fn roots<'a, 'i: 'a>(children: impl Iterator<Item = XmlNode<'a, 'i>>) -> Roots {
    children.filter_map(root_value).collect()
}

/// True for the children of an event that its trigger models.
pub fn is_definition(xml: XmlNode) -> bool {
    xml.tag_name().namespace() == Some(MODEL) && xml.tag_name().name().ends_with("EventDefinition")
}

/// The trigger of an event with these definitions; `parallel` is its `parallelMultiple`.
pub fn trigger(definitions: &[XmlNode], parallel: bool, roots: &Roots) -> Trigger {
    let mut triggers: Vec<Trigger> = definitions.iter().map(|d| one(*d, roots)).collect();
    match triggers.len() {
        0 => Trigger::None,
        1 => triggers.remove(0),
        _ => Trigger::Multiple { triggers, parallel },
    }
}

/// The trigger of one event definition.
fn one(definition: XmlNode, roots: &Roots) -> Trigger {
    let named = |attribute: &str| {
        definition
            .attribute(attribute)
            .map(|r| roots.get(local_ref(r)).cloned().unwrap_or_default())
            .unwrap_or_default()
    };
    let text = |child: &str| {
        definition
            .children()
            .find(|n| is_model(*n, child))
            .map(|n| n.text().unwrap_or("").trim().to_string())
    };
    match definition.tag_name().name() {
        "messageEventDefinition" => Trigger::Message {
            message: named("messageRef"),
        },
        "timerEventDefinition" => {
            let timer = if let Some(t) = text("timeDate") {
                Timer::Date(unquoted(&t).to_string())
            } else if let Some(t) = text("timeCycle") {
                Timer::Cycle(unquoted(&t).to_string())
            } else {
                Timer::Duration(unquoted(&text("timeDuration").unwrap_or_default()).to_string())
            };
            Trigger::Timer { timer }
        }
        "signalEventDefinition" => Trigger::Signal {
            signal: named("signalRef"),
        },
        "conditionalEventDefinition" => Trigger::Conditional {
            condition: text("condition").unwrap_or_default(),
        },
        "escalationEventDefinition" => Trigger::Escalation {
            code: named("escalationRef"),
        },
        "errorEventDefinition" => Trigger::Error {
            code: named("errorRef"),
        },
        "compensateEventDefinition" => Trigger::Compensation,
        "linkEventDefinition" => Trigger::Link {
            link: definition.attribute("name").unwrap_or("").to_string(),
        },
        "cancelEventDefinition" => Trigger::Cancel,
        "terminateEventDefinition" => Trigger::Terminate,
        _ => Trigger::None,
    }
}

/// True for an activity's loop characteristics.
pub fn is_loop(xml: XmlNode) -> bool {
    is_model(xml, "standardLoopCharacteristics")
        || is_model(xml, "multiInstanceLoopCharacteristics")
}

/// How an activity with these loop characteristics repeats.
pub fn repeat(characteristics: XmlNode) -> Option<Repeat> {
    let text = |child: &str| {
        characteristics
            .children()
            .find(|n| is_model(*n, child))
            .map(|n| n.text().unwrap_or("").trim().to_string())
    };
    if is_model(characteristics, "standardLoopCharacteristics") {
        // Flowlane's own condition beside the engine's translation, else the file's text.
        let own = characteristics
            .children()
            .find(|n| is_model(*n, "loopCondition"))
            .and_then(|n| n.attribute((FLOWLANE, "condition")));
        return Some(Repeat::Loop {
            condition: own.map(str::to_string).or_else(|| text("loopCondition")),
        });
    }
    if !is_model(characteristics, "multiInstanceLoopCharacteristics") {
        return None;
    }
    let count = text("loopCardinality");
    let collection = characteristics
        .attributes()
        .find(|a| a.name() == "collection" && a.namespace().is_some())
        .map(|a| a.value().to_string())
        .or_else(|| text("loopDataInputRef"));
    // BPMN's inputDataItem names the item by its name (or id, as SpiffWorkflow reads it);
    // Camunda 7 writes `camunda:elementVariable`.
    let item = characteristics
        .children()
        .find(|n| is_model(*n, "inputDataItem"))
        .and_then(|n| n.attribute("name").or_else(|| n.attribute("id")))
        .or_else(|| {
            characteristics
                .attributes()
                .find(|a| a.name() == "elementVariable" && a.namespace().is_some())
                .map(|a| a.value())
        })
        .map(str::to_string);
    let instances = Instances {
        count,
        collection,
        item,
    };
    Some(
        if characteristics.attribute("isSequential") == Some("true") {
            Repeat::Sequential(instances)
        } else {
            Repeat::Parallel(instances)
        },
    )
}

/// A duration as SpiffWorkflow wants it, a Python string literal (`"P3D"`), reads as the duration.
pub fn unquoted(text: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|q| text.strip_prefix(*q).and_then(|t| t.strip_suffix(*q)))
        .unwrap_or(text)
}
