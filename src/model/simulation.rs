//! What a batch ("what-if") simulation needs beyond the definition itself: how instances arrive,
//! how many people of each role there are and when they work, and what they cost. Per task, per
//! flow and per variable parameters live on the task (`NodeKind::Task`), the flow
//! (`Flow::probability`) and the variable (`Variable::generated`); this is the process-wide part,
//! `ProcessInfo::simulation`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Duration;

/// The process-wide simulation settings. Every part is optional: without arrivals one instance
/// starts every hour, a role without a pool is never short of people (no queue, no cost).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Simulation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub arrivals: Option<Arrivals>,
    /// Resource pools by role, the role being a task's `assignee`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<String, Role>>", optional)]
    pub roles: BTreeMap<String, Role>,
    /// How long each message (or signal) an instance waits for takes to arrive, by its name,
    /// counted from when the instance starts waiting. A message without one arrives at once.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<BTreeMap<String, Distribution<Duration>>>", optional)]
    pub messages: BTreeMap<String, Distribution<Duration>>,
}

impl Simulation {
    pub fn is_empty(&self) -> bool {
        self.arrivals.is_none() && self.roles.is_empty() && self.messages.is_empty()
    }
}

/// When new instances start, counted from the start of the simulated run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "pattern", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum Arrivals {
    /// A Poisson process: independent arrivals, `per_hour` on average.
    Poisson { per_hour: f64 },
    /// One instance every `every`, the first at the start.
    Interval { every: Duration },
    /// One instance at each of these offsets from the start.
    Times { at: Vec<Duration> },
}

/// The people who do a role's tasks: how many work side by side, what an hour costs, and when
/// they work. A task waits in the role's queue while all of them are busy or off work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Role {
    pub capacity: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    #[ts(as = "Option<f64>", optional)]
    pub cost_per_hour: f64,
    /// Without a calendar the role works around the clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub calendar: Option<Calendar>,
}

/// Working hours: from `from_hour` to `to_hour` (0–24, UTC) on each of `weekdays`. Work that
/// does not finish by the end of the day carries over to the next working hour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Calendar {
    pub from_hour: u8,
    pub to_hour: u8,
    pub weekdays: Vec<Weekday>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// Monday to Friday.
    pub const WORKWEEK: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
}

/// A random quantity: a task's duration (`Distribution<Duration>`) or a number in the instance
/// data (`Distribution<f64>`). Normal and lognormal take the mean and standard deviation of the
/// quantity itself; a normal draw below zero counts as zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "distribution", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum Distribution<T> {
    Fixed {
        value: T,
    },
    Uniform {
        min: T,
        max: T,
    },
    Triangular {
        min: T,
        mode: T,
        max: T,
    },
    Normal {
        mean: T,
        sd: T,
    },
    Lognormal {
        mean: T,
        sd: T,
    },
    Exponential {
        mean: T,
    },
    /// One of these observed values, each equally likely (fitted from an event log when no
    /// formula fits it).
    Empirical {
        values: Vec<T>,
    },
}

/// `triangular 10m, 15m, 1h`, as diffs and outlines show it.
impl<T: std::fmt::Display> std::fmt::Display for Distribution<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Distribution::Fixed { value } => write!(f, "fixed {value}"),
            Distribution::Uniform { min, max } => write!(f, "uniform {min} to {max}"),
            Distribution::Triangular { min, mode, max } => {
                write!(f, "triangular {min}, {mode}, {max}")
            }
            Distribution::Normal { mean, sd } => write!(f, "normal mean {mean}, sd {sd}"),
            Distribution::Lognormal { mean, sd } => write!(f, "lognormal mean {mean}, sd {sd}"),
            Distribution::Exponential { mean } => write!(f, "exponential mean {mean}"),
            Distribution::Empirical { values } => {
                write!(f, "empirical, {} observed values", values.len())
            }
        }
    }
}

/// How one process variable is drawn, by its declared type.
/// `{"type":"number","sample":{"distribution":"uniform","min":0.0,"max":10000.0}}`, or for a list of
/// values `{"type":"choice","weights":{"100":1.0,"7000":3.0}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum Generator {
    /// A number variable.
    Number { sample: Distribution<f64> },
    /// A boolean variable: true with this probability.
    Boolean { probability: f64 },
    /// One of these values, each with its weight (weights need not sum to one): text, dates
    /// (YYYY-MM-DD) or, for a number variable, numbers.
    Choice { weights: BTreeMap<String, f64> },
}

/// `uniform 0 to 10000`, `true 25 % of the time`, `one of 100 ×1, 7000 ×3`, as diffs, outlines
/// and the handbook show it.
impl std::fmt::Display for Generator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Generator::Number { sample } => write!(f, "{sample}"),
            Generator::Boolean { probability } => {
                write!(f, "true {} % of the time", probability * 100.0)
            }
            Generator::Choice { weights } => {
                let values: Vec<String> =
                    weights.iter().map(|(v, w)| format!("{v} ×{w}")).collect();
                write!(f, "one of {}", values.join(", "))
            }
        }
    }
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_documented_shape() {
        let text = r#"{"arrivals":{"pattern":"poisson","per_hour":4.5},"roles":{"AP clerk":{"capacity":2,"cost_per_hour":38.0,"calendar":{"from_hour":9,"to_hour":17,"weekdays":["mon","tue","wed","thu","fri"]}}}}"#;
        let simulation: Simulation = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&simulation).unwrap(), text);
        let work: Distribution<Duration> = serde_json::from_str(
            r#"{"distribution":"triangular","min":"10m","mode":"15m","max":"1h"}"#,
        )
        .unwrap();
        assert_eq!(
            work,
            Distribution::Triangular {
                min: Duration::minutes(10),
                mode: Duration::minutes(15),
                max: Duration::hours(1)
            }
        );
        assert!(Simulation::default().is_empty());
        let amount: Generator = serde_json::from_str(
            r#"{"type":"number","sample":{"distribution":"lognormal","mean":4200.0,"sd":6000.0}}"#,
        )
        .unwrap();
        assert!(matches!(amount, Generator::Number { .. }));
    }
}
