//! Who does each activity: the resource recorded most often on its events (on a tie, the
//! first by name). With the resource read from another attribute (a role, a group), that
//! attribute's value.

use std::collections::{BTreeMap, HashMap};

use crate::eventlog::EventLog;

/// Activity name → the name of the resource that most often did it; activities never done by
/// a named resource are left out.
pub fn performers(log: &EventLog) -> HashMap<String, String> {
    let mut counts: BTreeMap<(u32, u32), u64> = BTreeMap::new();
    for event in log.cases.iter().flat_map(|c| &c.events) {
        if let Some(resource) = event.resource {
            *counts.entry((event.activity, resource)).or_default() += 1;
        }
    }
    let mut best: HashMap<u32, (u64, &str)> = HashMap::new();
    for (&(activity, resource), &count) in &counts {
        let Some(name) = log.resources.get(resource as usize) else {
            continue;
        };
        let entry = best.entry(activity).or_insert((count, name));
        if count > entry.0 || (count == entry.0 && name.as_str() < entry.1) {
            *entry = (count, name);
        }
    }
    best.into_iter()
        .filter_map(|(activity, (_, name))| {
            let activity = log.activities.get(activity as usize)?;
            Some((activity.clone(), name.to_string()))
        })
        .collect()
}
