use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Id;

/// A participant drawn as a pool: the process's own pool, or a partner's (a customer, a
/// supplier). A pool holds lanes (`Lane::pool`); a partner pool without lanes is a black box
/// that only sends and receives messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Pool {
    pub id: Id,
    pub name: String,
    /// Another party's pool, not the process's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub partner: bool,
    /// Position from the top among pools; a pool's lanes are drawn inside its band.
    pub order: u32,
}

/// A message between participants: from a node or pool of one to a node or pool of another.
/// Never a sequence flow: it does not move a token, it delivers a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MessageFlow {
    pub id: Id,
    /// A node id or a pool id.
    pub source: Id,
    /// A node id or a pool id.
    pub target: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub name: String,
}
