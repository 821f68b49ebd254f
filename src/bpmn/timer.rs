//! Timers: an intermediate catch event with one `timerEventDefinition` holding a `timeDuration`
//! is a Flowlane timer. Durations are ISO 8601 (`P2D`, `PT4H30M`); years and months have no
//! fixed length, so events using them stay steps that keep their XML. SpiffWorkflow evaluates the
//! duration as Python, so its dialect writes it quoted (`"P3D"`); both read back.

use roxmltree::Node;

use super::map::unquoted;
use super::names::is_model;
use crate::model::{parse_iso, Timer};

/// The timer of a timer event and the definition element it came from.
pub fn modelled<'a, 'i>(event: Node<'a, 'i>) -> Option<(Timer, Node<'a, 'i>)> {
    let children: Vec<Node> = event
        .children()
        .filter(|n| n.is_element() && !is_model(*n, "incoming") && !is_model(*n, "outgoing"))
        .collect();
    let [definition] = children.as_slice() else {
        return None;
    };
    if !is_model(*definition, "timerEventDefinition") {
        return None;
    }
    let parts: Vec<Node> = definition.children().filter(Node::is_element).collect();
    let [duration] = parts.as_slice() else {
        return None;
    };
    if !is_model(*duration, "timeDuration") || duration.children().any(|n| n.is_element()) {
        return None;
    }
    let text = unquoted(duration.text().unwrap_or(""));
    parse_iso(text)?;
    Some((Timer::Duration(text.to_string()), *definition))
}
