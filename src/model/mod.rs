//! Plain data: a process is lanes (one workflow each) in pools, nodes (activities, events,
//! gateways; sub-processes hold nodes of their own), sequence and message flows, artifacts, and
//! a layout kept apart.
//! No behaviour lives here beyond lookups; see `edit`, `validate` and `canonical`.

mod artifact;
mod duration;
mod event;
mod flow;
mod foreign;
mod lane;
mod layout;
mod migrate;
mod node;
mod pool;
mod process;
mod simulation;
mod timer;

pub use artifact::{Artifact, ArtifactKind, Association, Direction};
pub use duration::{Duration, DurationError, DurationValue};
pub use event::Trigger;
pub use flow::Flow;
pub use foreign::{Foreign, Kept, KeptDiagram, KeptPool, KeptShape};
pub use lane::Lane;
pub use layout::{Bounds, Layout, Point, DEFAULT_LANE_HEIGHT};
pub use migrate::{migrate, MigrateError};
pub use node::{GatewayKind, Instances, Node, NodeKind, Repeat, SubProcessKind, TaskType};
pub use pool::{MessageFlow, Pool};
pub use process::{Category, Process, ProcessInfo, VarType, Variable, SCHEMA_VERSION};
pub use simulation::{Arrivals, Calendar, Distribution, Generator, Role, Simulation, Weekday};
pub use timer::{parse_iso, to_iso, Period, Timer, TimerError};

/// Every element is identified by a UUID (v7 for new elements, so ids sort by creation).
pub type Id = uuid::Uuid;

/// A fresh element id. v7 ids embed their creation time, which is why the caller passes it in.
pub fn new_id(at: chrono::DateTime<chrono::Utc>, random: [u8; 10]) -> Id {
    let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(ms, &random).into_uuid()
}
