//! BPMN markers (event triggers, task types, loop and instance markers, the collapsed plus) as
//! SVG path data, read from `ui/src/canvas/markers.json`, the file the canvas draws them from:
//! one drawing for both.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::{GatewayKind, NodeKind, Repeat, SubProcessKind, TaskType, Trigger};

/// What a part is painted with: the shape's stroke colour, its fill colour, or nothing.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Paint {
    Ink,
    Paper,
    None,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    pub d: String,
    pub width: f64,
    pub fill: Paint,
    pub stroke: Paint,
    /// Replaces `fill` on throwing events (intermediate throws and end events).
    pub throw_fill: Option<Paint>,
    pub throw_stroke: Option<Paint>,
    pub cap: Option<String>,
}

impl Part {
    /// The fill and stroke of this part on a throwing or catching event.
    pub fn paints(&self, throwing: bool) -> (Paint, Paint) {
        if throwing {
            (
                self.throw_fill.unwrap_or(self.fill),
                self.throw_stroke.unwrap_or(self.stroke),
            )
        } else {
            (self.fill, self.stroke)
        }
    }
}

pub type Marker = Vec<Part>;

#[derive(Deserialize)]
struct Table {
    event: HashMap<String, Marker>,
    gateway: HashMap<String, Marker>,
    task: HashMap<String, Marker>,
    activity: HashMap<String, Marker>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../ui/src/canvas/markers.json"))
        .expect("markers.json ships with the source and is checked by the tests")
});

/// The size an event marker is drawn for, and a gateway marker.
pub const EVENT_SIZE: f64 = 36.0;
pub const GATEWAY_SIZE: f64 = 50.0;
/// Task type markers are 16 units square, activity markers 12.
pub const TASK_MARKER: f64 = 16.0;
pub const ACTIVITY_MARKER: f64 = 12.0;

/// The trigger's marker, none for a plain event.
pub fn event(trigger: &Trigger) -> Option<&'static Marker> {
    let key = match trigger {
        Trigger::None => return None,
        Trigger::Multiple { parallel: true, .. } => "parallel_multiple",
        other => other.label(),
    };
    TABLE.event.get(key)
}

pub fn gateway(kind: GatewayKind) -> Option<&'static Marker> {
    let key = match kind {
        GatewayKind::EventBased => "event_based",
        GatewayKind::Complex => "complex",
        _ => return None,
    };
    TABLE.gateway.get(key)
}

pub fn task(kind: TaskType) -> Option<&'static Marker> {
    let key = match kind {
        TaskType::Plain => return None,
        TaskType::User => "user",
        TaskType::Manual => "manual",
        TaskType::Service => "service",
        TaskType::Script => "script",
        TaskType::BusinessRule => "business_rule",
        TaskType::Send => "send",
        TaskType::Receive => "receive",
    };
    TABLE.task.get(key)
}

/// The markers at an activity's bottom centre, left to right: loop or instances, the collapsed
/// plus, the ad-hoc tilde.
pub fn activity(kind: &NodeKind) -> Vec<&'static Marker> {
    let (repeat, collapsed, ad_hoc) = match kind {
        NodeKind::Task { repeat, .. } => (repeat, false, false),
        NodeKind::Call { repeat, .. } => (repeat, true, false),
        NodeKind::SubProcess {
            repeat,
            expanded,
            sub,
        } => (repeat, !expanded, *sub == SubProcessKind::AdHoc),
        _ => return Vec::new(),
    };
    let mut keys = Vec::new();
    keys.extend(repeat.as_ref().map(|r| match r {
        Repeat::Loop { .. } => "loop",
        Repeat::Parallel(_) => "parallel",
        Repeat::Sequential(_) => "sequential",
    }));
    if collapsed {
        keys.push("collapsed");
    }
    if ad_hoc {
        keys.push("ad_hoc");
    }
    keys.into_iter()
        .filter_map(|k| TABLE.activity.get(k))
        .collect()
}

/// The three bars of a collection data object.
pub fn collection() -> Option<&'static Marker> {
    TABLE.activity.get("parallel")
}

/// Events that throw draw their marker filled.
pub fn throws(kind: &NodeKind) -> bool {
    matches!(kind, NodeKind::Throw { .. } | NodeKind::End { .. })
}

/// Where the bottom markers start (x of the first) for an activity centred at `cx`.
pub fn activity_markers_left(cx: f64, count: usize) -> f64 {
    let gap = 4.0;
    let total = count as f64 * ACTIVITY_MARKER + count.saturating_sub(1) as f64 * gap;
    cx - total / 2.0
}

/// Step from one bottom marker to the next.
pub const ACTIVITY_MARKER_STEP: f64 = ACTIVITY_MARKER + 4.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Instances, Timer};

    #[test]
    fn every_trigger_task_type_and_repeat_has_its_marker() {
        let triggers = [
            Trigger::Message {
                message: "m".into(),
            },
            Trigger::Timer {
                timer: Timer::Duration("P1D".into()),
            },
            Trigger::Signal { signal: "s".into() },
            Trigger::Conditional {
                condition: "c".into(),
            },
            Trigger::Escalation { code: "e".into() },
            Trigger::Error { code: "e".into() },
            Trigger::Compensation,
            Trigger::Link { link: "l".into() },
            Trigger::Cancel,
            Trigger::Terminate,
            Trigger::Multiple {
                triggers: Vec::new(),
                parallel: false,
            },
            Trigger::Multiple {
                triggers: Vec::new(),
                parallel: true,
            },
        ];
        for trigger in &triggers {
            assert!(event(trigger).is_some(), "{trigger} has no marker");
        }
        assert!(event(&Trigger::None).is_none());
        let types = [
            TaskType::User,
            TaskType::Manual,
            TaskType::Service,
            TaskType::Script,
            TaskType::BusinessRule,
            TaskType::Send,
            TaskType::Receive,
        ];
        for kind in types {
            assert!(task(kind).is_some(), "{kind:?} has no marker");
        }
        assert!(task(TaskType::Plain).is_none());
        for kind in [GatewayKind::EventBased, GatewayKind::Complex] {
            assert!(gateway(kind).is_some());
        }
        let sub = NodeKind::SubProcess {
            sub: SubProcessKind::AdHoc,
            expanded: false,
            repeat: Some(Repeat::Sequential(Instances {
                count: None,
                collection: None,
                item: None,
            })),
        };
        // Sequential bars, the collapsed plus and the tilde, left to right.
        assert_eq!(activity(&sub).len(), 3);
        assert!(collection().is_some());
    }

    #[test]
    fn throwing_parts_swap_to_their_throw_paints() {
        let message = event(&Trigger::Message {
            message: "m".into(),
        })
        .expect("message marker");
        assert_eq!(message[0].paints(false), (Paint::Paper, Paint::Ink));
        assert_eq!(message[0].paints(true), (Paint::Ink, Paint::Ink));
        assert_eq!(message[1].paints(true), (Paint::None, Paint::Paper));
    }
}
