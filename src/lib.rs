//! Flowlane core: the process model, editing, diff and the library store.
//!
//! Everything here is pure except `store`, the only module that touches the disk. Time is always
//! passed in as an argument; nothing in this crate reads the clock.

pub mod arrange;
pub mod blank;
pub mod bpmn;
pub mod calibrate;
pub mod canonical;
pub mod conformance;
pub mod describe;
pub mod diff;
pub mod discover;
pub mod edit;
pub mod eventlog;
pub mod export;
pub mod expr;
pub mod fields;
pub mod generate;
pub mod history;
pub mod model;
pub mod performance;
pub mod review;
pub mod samples;
pub mod session;
pub mod simulate;
pub mod store;
pub mod sync;
pub mod validate;
mod xml;
