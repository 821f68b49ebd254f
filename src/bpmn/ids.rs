//! BPMN ids are free text (`Task_1`, `sid-4F56…`); Flowlane ids are UUIDs. An id Flowlane wrote
//! itself, `_` followed by the UUID, maps straight back; any other id maps to a UUID derived from
//! its text, and the text is kept (`Kept::id`) so an export writes the original id again.

use sha2::{Digest, Sha256};

use crate::model::Id;

/// The Flowlane id for a BPMN id.
pub fn to_uuid(bpmn: &str) -> Id {
    if let Some(own) = own_id(bpmn) {
        return own;
    }
    let digest = Sha256::digest(bpmn.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// `_<uuid>` exactly as Flowlane writes it.
fn own_id(bpmn: &str) -> Option<Id> {
    let uuid = Id::parse_str(bpmn.strip_prefix('_')?).ok()?;
    (bpmn[1..] == uuid.hyphenated().to_string()).then_some(uuid)
}

/// The BPMN id Flowlane writes for `id` (an NCName, as XML ids must be).
pub fn written(id: Id) -> String {
    format!("_{}", id.hyphenated())
}

/// What to keep of a BPMN id: nothing when Flowlane would write it anyway.
pub fn keep(bpmn: &str) -> String {
    if own_id(bpmn).is_some() {
        String::new()
    } else {
        bpmn.to_string()
    }
}

/// The BPMN id to write: the kept one when it still belongs to this element, else Flowlane's.
pub fn to_bpmn(id: Id, kept: &str) -> String {
    if !kept.is_empty() && to_uuid(kept) == id {
        kept.to_string()
    } else {
        written(id)
    }
}
