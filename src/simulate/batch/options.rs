//! What a batch run is asked to do, and how its caller watches and stops it.

use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Duration;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BatchOptions {
    /// The same seed gives the same result, to the byte.
    #[ts(type = "number")]
    pub seed: u64,
    pub stop: StopAt,
    /// Instances that arrive earlier are simulated (they load the queues) but not counted, and
    /// utilisation is measured from here on.
    #[serde(default)]
    pub warm_up: Duration,
    /// The run's start on the calendar; working hours and weekdays are read from it.
    pub start: DateTime<Utc>,
    /// About how many points the queue-length series keeps per role.
    #[serde(default = "default_points")]
    pub queue_points: u32,
    /// Fill what the definition and its parameters lack with the defaults `gaps` offers (equal
    /// chances, values around the conditions' constants) instead of refusing to run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub fill_gaps: bool,
}

/// The most instances one run starts: a million already gives percentiles to a tenth of a
/// percent, and more only keeps the machine busy (each instance is kept for the results).
pub const MAX_INSTANCES: u64 = 1_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StopAt {
    /// Start this many instances (including the warm-up's) and run until all are done.
    Instances(#[ts(type = "number")] u64),
    /// Start instances until this simulated time; what is unfinished then is reported as such.
    Horizon(Duration),
}

fn default_points() -> u32 {
    100
}

impl BatchOptions {
    pub fn new(seed: u64, stop: StopAt, start: DateTime<Utc>) -> BatchOptions {
        BatchOptions {
            seed,
            stop,
            warm_up: Duration::default(),
            start,
            queue_points: default_points(),
            fill_gaps: false,
        }
    }
}

/// How far a run has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BatchProgress {
    /// Between 0 and 1.
    pub fraction: f64,
    #[ts(type = "number")]
    pub instances_done: u64,
    #[ts(type = "number")]
    pub events: u64,
}

/// The caller's hold on a running simulation: a flag that stops it and a callback that hears
/// how far it got (about a hundred times per run).
#[derive(Default)]
pub struct Control<'a> {
    pub cancel: Option<&'a AtomicBool>,
    pub progress: Option<&'a mut dyn FnMut(BatchProgress)>,
}
