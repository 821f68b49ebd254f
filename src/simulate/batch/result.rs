//! What a batch run reports: plain serialisable values the CLI prints and the app charts.
//! Times are hours (fractions allowed); rates are fractions between 0 and 1.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use serde_with::serde_as;

use crate::model::{Duration, DurationValue, Id};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct BatchResult {
    pub process: String,
    #[ts(type = "number")]
    pub seed: u64,
    pub instances: InstanceCounts,
    /// Node firings, task starts and arrivals processed: the unit of the benchmark.
    #[ts(type = "number")]
    pub events: u64,
    /// Simulated time from the start of the run to its last event.
    pub simulated_hours: f64,
    /// Start to end of the counted instances.
    pub cycle_time: CycleTime,
    /// The process SLA, when it has one.
    pub sla: Option<SlaOutcome>,
    pub cost: CostSummary,
    /// Every task, in definition order.
    pub steps: Vec<StepResult>,
    /// Every role that has tasks, by name.
    pub roles: Vec<RoleResult>,
    pub queues: QueueSeries,
    /// Where instances lose the most time waiting, worst first.
    pub bottlenecks: Vec<Bottleneck>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct InstanceCounts {
    #[ts(type = "number")]
    pub started: u64,
    /// Arrived after the warm-up and ended: what every statistic is over.
    #[ts(type = "number")]
    pub counted: u64,
    /// Arrived during the warm-up: simulated, not counted.
    #[ts(type = "number")]
    pub warm_up: u64,
    /// Reached a point where nothing could fire (a deadlock in the definition).
    #[ts(type = "number")]
    pub stuck: u64,
    /// Still running at the horizon.
    #[ts(type = "number")]
    pub unfinished: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CycleTime {
    pub mean_hours: f64,
    pub p50_hours: f64,
    pub p90_hours: f64,
    pub p95_hours: f64,
    pub max_hours: f64,
    /// Counted instances per bucket of `bucket_hours`, from zero: the histogram.
    pub histogram: Vec<u32>,
    pub bucket_hours: f64,
}

#[serde_as]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct SlaOutcome {
    #[serde_as(as = "DurationValue")]
    #[schemars(with = "DurationValue")]
    #[ts(as = "DurationValue")]
    pub target: Duration,
    #[ts(type = "number")]
    pub breaches: u64,
    pub breach_rate: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CostSummary {
    /// Work hours times the role's and the task's rates, over the counted instances.
    pub total: f64,
    pub per_instance: f64,
}

#[serde_as]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct StepResult {
    pub node: Id,
    /// The task's id in the BPMN file it was imported from, when it has one of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bpmn_id: Option<String>,
    pub name: String,
    pub role: String,
    /// Times the step was done by counted instances.
    #[ts(type = "number")]
    pub count: u64,
    /// Mean time from the token's arrival to the start of work: queueing and closed hours.
    pub waiting_hours: f64,
    /// Mean work time.
    pub working_hours: f64,
    #[serde_as(as = "Option<DurationValue>")]
    #[schemars(with = "Option<DurationValue>")]
    #[ts(as = "Option<DurationValue>")]
    pub sla: Option<Duration>,
    /// Share of executions whose waiting plus working exceeded the step's SLA.
    pub breach_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct RoleResult {
    pub role: String,
    /// None: the role has no pool and is never short of people.
    pub capacity: Option<u32>,
    /// Work hours over the hours its people were at work (after the warm-up).
    pub utilisation: Option<f64>,
    pub work_hours: f64,
    pub cost: f64,
    /// Time-averaged number of tasks waiting for one of its people.
    pub mean_queue: f64,
    pub max_queue: u32,
}

/// Queue length per role, sampled every `every_hours` from the start of the run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct QueueSeries {
    pub every_hours: f64,
    pub roles: Vec<String>,
    /// `lengths[r][i]`: tasks waiting for `roles[r]` at `i * every_hours`.
    pub lengths: Vec<Vec<u32>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Bottleneck {
    pub step: String,
    pub role: String,
    /// Mean waiting at this step per counted instance.
    pub waiting_hours_per_instance: f64,
    /// That waiting as a share of the mean cycle time.
    pub share_of_cycle: f64,
    pub reason: String,
}
