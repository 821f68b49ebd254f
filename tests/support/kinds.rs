//! The BPMN kinds of the fixture language, with the trigger attributes they share:
//! `on=timer,iso=P3D` (or `date=`, `cycle=`), `on=message,message=Invoice`, `on=signal,signal=`,
//! `on=conditional,condition=`, `on=error,code=`, `on=escalation,code=`, `on=link,link=`,
//! `on=terminate`, and `interrupting=no`.
//!
//! Kinds: catch, throw, boundary (host=Name), evt (event-based gateway), sub (sub=event|adhoc|
//! transaction), send and receive (message=). `start` and `end` read `on=` too. A task runs side
//! by side `times=N` (a number or a variable) or once per item of `each=list`.

use std::collections::HashMap;

use flowlane::model::{
    GatewayKind, Id, Instances, NodeKind, Repeat, SubProcessKind, TaskType, Timer, Trigger,
};

/// A parallel multi-instance marker from `times=` or `each=`, if either is given.
pub fn repeat(attrs: &HashMap<&str, &str>) -> Option<Repeat> {
    let (count, collection) = (attrs.get("times"), attrs.get("each"));
    (count.is_some() || collection.is_some()).then(|| {
        Repeat::Parallel(Instances {
            count: count.map(|c| c.to_string()),
            collection: collection.map(|c| c.to_string()),
            item: collection.map(|_| "item".to_string()),
        })
    })
}

pub fn trigger(attrs: &HashMap<&str, &str>) -> Trigger {
    let text = |key: &str| attrs.get(key).copied().unwrap_or_default().to_string();
    match attrs.get("on").copied() {
        None | Some("none") => Trigger::None,
        Some("timer") => Trigger::Timer {
            timer: match (attrs.get("date"), attrs.get("cycle")) {
                (Some(d), _) => Timer::Date(d.to_string()),
                (_, Some(c)) => Timer::Cycle(c.to_string()),
                _ => Timer::Duration(text("iso")),
            },
        },
        Some("message") => Trigger::Message {
            message: text("message"),
        },
        Some("signal") => Trigger::Signal {
            signal: text("signal"),
        },
        Some("conditional") => Trigger::Conditional {
            condition: text("condition"),
        },
        Some("error") => Trigger::Error { code: text("code") },
        Some("escalation") => Trigger::Escalation { code: text("code") },
        Some("link") => Trigger::Link { link: text("link") },
        Some("terminate") => Trigger::Terminate,
        Some(other) => panic!("unknown trigger {other}"),
    }
}

/// The BPMN kinds; `None` for a kind this module does not know.
pub fn kind(
    kind: &str,
    attrs: &HashMap<&str, &str>,
    by_name: &HashMap<String, Id>,
) -> Option<NodeKind> {
    let interrupting = attrs.get("interrupting") != Some(&"no");
    Some(match kind {
        "start" => NodeKind::Start {
            trigger: trigger(attrs),
            interrupting,
        },
        "end" => NodeKind::End {
            outcome: String::new(),
            trigger: trigger(attrs),
        },
        "catch" => NodeKind::Catch {
            trigger: trigger(attrs),
        },
        "throw" => NodeKind::Throw {
            trigger: trigger(attrs),
        },
        "boundary" => NodeKind::Boundary {
            host: attrs
                .get("host")
                .map(|h| by_name.get(*h).copied().unwrap_or(Id::from_u128(0xDEAD)))
                .expect("a boundary names its host"),
            trigger: trigger(attrs),
            interrupting,
        },
        "evt" => NodeKind::gateway(GatewayKind::EventBased),
        "sub" => NodeKind::SubProcess {
            sub: match attrs.get("sub").copied() {
                Some("event") => SubProcessKind::Event,
                Some("adhoc") => SubProcessKind::AdHoc,
                Some("transaction") => SubProcessKind::Transaction,
                _ => SubProcessKind::Embedded,
            },
            expanded: true,
            repeat: None,
        },
        "send" | "receive" => {
            let mut task = NodeKind::task("Clerk");
            if let NodeKind::Task {
                task: t, message, ..
            } = &mut task
            {
                *t = if kind == "send" {
                    TaskType::Send
                } else {
                    TaskType::Receive
                };
                *message = attrs.get("message").copied().unwrap_or_default().into();
            }
            task
        }
        _ => return None,
    })
}
