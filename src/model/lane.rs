use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Id;

/// A lane is one workflow owned by a team: what starts it, and what it hands back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Lane {
    pub id: Id,
    pub name: String,
    pub team: String,
    pub trigger: String,
    pub output: String,
    /// Position from the top within its pool; lanes are stored by id, drawn by order.
    pub order: u32,
    /// The pool it belongs to, none when the process has no pools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pool: Option<Id>,
}
