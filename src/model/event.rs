use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Duration, Timer};

/// What makes an event happen (when it catches) or what it sends (when it throws): the BPMN
/// event definition. `None` is the plain event: a start that is started, an end that ends.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "on", rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub enum Trigger {
    #[default]
    None,
    /// A message from another participant, by the message's name.
    Message {
        message: String,
    },
    Timer {
        timer: Timer,
    },
    /// A broadcast everyone listening receives, by the signal's name.
    Signal {
        signal: String,
    },
    /// A CEL condition over instance data that becomes true.
    Conditional {
        condition: String,
    },
    /// A call for help up the sub-process chain; the empty code catches every escalation.
    Escalation {
        code: String,
    },
    /// A business error that ends the activity; the empty code catches every error.
    Error {
        code: String,
    },
    Compensation,
    /// A jump within the process: a throw goes on at the catch of the same name.
    Link {
        link: String,
    },
    /// Cancels a transaction sub-process.
    Cancel,
    /// Ends the whole instance at once (end events only).
    Terminate,
    /// Any one of several triggers (`parallel`: all of them).
    Multiple {
        triggers: Vec<Trigger>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        #[ts(as = "Option<bool>", optional)]
        parallel: bool,
    },
}

impl Trigger {
    /// The word for this trigger in messages and renderings, e.g. "timer".
    pub fn label(&self) -> &'static str {
        match self {
            Trigger::None => "none",
            Trigger::Message { .. } => "message",
            Trigger::Timer { .. } => "timer",
            Trigger::Signal { .. } => "signal",
            Trigger::Conditional { .. } => "conditional",
            Trigger::Escalation { .. } => "escalation",
            Trigger::Error { .. } => "error",
            Trigger::Compensation => "compensation",
            Trigger::Link { .. } => "link",
            Trigger::Cancel => "cancel",
            Trigger::Terminate => "terminate",
            Trigger::Multiple {
                parallel: false, ..
            } => "multiple",
            Trigger::Multiple { parallel: true, .. } => "parallel multiple",
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Trigger::None)
    }

    /// How long an event holds the token: a timer whose duration has a fixed length.
    pub fn wait(&self) -> Option<Duration> {
        match self {
            Trigger::Timer { timer } => timer.wait(),
            _ => None,
        }
    }

    /// How people read it: `timer: 3 days` where the timer parses, otherwise as displayed
    /// (`message: Invoice received`).
    pub fn describe(&self) -> String {
        match self {
            Trigger::Timer { timer } => format!("timer: {}", timer.describe()),
            Trigger::Multiple { triggers, .. } => {
                let all: Vec<String> = triggers
                    .iter()
                    .map(|t| format!("({})", t.describe()))
                    .collect();
                format!("{}: {}", self.label(), all.join(" "))
            }
            other => other.to_string(),
        }
    }

    /// A timer that waits `text` (ISO 8601 duration) after the token arrives.
    pub fn after(text: &str) -> Trigger {
        Trigger::Timer {
            timer: Timer::Duration(text.to_string()),
        }
    }
}

/// `timer: P3D`, `message: Invoice received`, `error: CONTRACT_VOID`: how a diff and the outline
/// show a trigger.
impl std::fmt::Display for Trigger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let detail = match self {
            Trigger::Message { message: d }
            | Trigger::Signal { signal: d }
            | Trigger::Conditional { condition: d }
            | Trigger::Escalation { code: d }
            | Trigger::Error { code: d }
            | Trigger::Link { link: d } => d.clone(),
            Trigger::Timer { timer } => timer.text().to_string(),
            Trigger::Multiple { triggers, .. } => {
                let all: Vec<String> = triggers.iter().map(|t| format!("({t})")).collect();
                all.join(" ")
            }
            Trigger::None | Trigger::Compensation | Trigger::Cancel | Trigger::Terminate => {
                String::new()
            }
        };
        if detail.is_empty() {
            f.write_str(self.label())
        } else {
            write!(f, "{}: {detail}", self.label())
        }
    }
}
