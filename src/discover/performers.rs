//! Who does each activity: the resource recorded most often on its events (on a tie, the
//! first by name), as its role when the names say it: "AP clerk 1" and "AP clerk 2" are two
//! people of the role "AP clerk", so their work shares a lane. With the resource read from
//! another attribute (a role, a group), that attribute's value.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::eventlog::EventLog;

/// Activity name → the name of the resource that most often did it; activities never done by
/// a named resource are left out.
pub fn performers(log: &EventLog) -> HashMap<String, String> {
    let roles = roles(log);
    let mut counts: BTreeMap<(u32, &str), u64> = BTreeMap::new();
    for event in log.cases.iter().flat_map(|c| &c.events) {
        if let Some(role) = event.resource.and_then(|r| roles.get(r as usize)) {
            *counts.entry((event.activity, role)).or_default() += 1;
        }
    }
    let mut best: HashMap<u32, (u64, &str)> = HashMap::new();
    for (&(activity, name), &count) in &counts {
        let entry = best.entry(activity).or_insert((count, name));
        if count > entry.0 || (count == entry.0 && name < entry.1) {
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

/// Each resource's name, or its role when it is a role and a number ("AP clerk 1",
/// "Clerk-2", "Reviewer #3") and the others of that role do the same work: "Group 1" and
/// "Group 12" doing different activities stay two. A name run into its number ("Resource01")
/// is kept: nothing says it is a role.
fn roles(log: &EventLog) -> Vec<&str> {
    let mut work: Vec<HashSet<u32>> = vec![HashSet::new(); log.resources.len()];
    for event in log.cases.iter().flat_map(|c| &c.events) {
        if let Some(done) = event.resource.and_then(|r| work.get_mut(r as usize)) {
            done.insert(event.activity);
        }
    }
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in log.resources.iter().enumerate() {
        if let Some(role) = stem(r) {
            members.entry(role).or_default().push(i);
        }
    }
    let alike = |a: &HashSet<u32>, b: &HashSet<u32>| {
        let union = a.union(b).count();
        union > 0 && a.intersection(b).count() * 2 >= union
    };
    (log.resources.iter())
        .map(|r| {
            let role = stem(r).filter(|role| {
                let of = &members[role];
                of.len() > 1
                    && of
                        .iter()
                        .all(|&i| of.iter().all(|&j| alike(&work[i], &work[j])))
            });
            role.unwrap_or(r.as_str())
        })
        .collect()
}

/// The role in a name that is a role, a separator and a number.
fn stem(name: &str) -> Option<&str> {
    let number = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if number.len() == name.len() {
        return None;
    }
    let role = number.trim_end_matches([' ', '-', '_', '#', '.']);
    (role.len() < number.len() && !role.is_empty()).then_some(role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eventlog::{Case, Event, Lifecycle};

    #[test]
    fn people_numbered_in_a_role_doing_the_same_work_share_it() {
        let names = [
            "AP clerk 1",
            "AP clerk 2",
            "Group 1",
            "Group 12",
            "Clerk-7",
            "Resource01",
            "Resource02",
        ];
        // Who did what: the clerks the same two activities, the groups different ones.
        let did: [&[u32]; 7] = [&[0, 1], &[1, 0], &[2], &[3], &[4], &[0], &[0]];
        let mut log = EventLog {
            activities: (0..5).map(|a| format!("A{a}")).collect(),
            resources: names.map(String::from).to_vec(),
            cases: Vec::new(),
        };
        for (resource, activities) in did.iter().enumerate() {
            let events = (activities.iter())
                .map(|&activity| Event {
                    activity,
                    time: None,
                    resource: Some(resource as u32),
                    lifecycle: Lifecycle::Complete,
                })
                .collect();
            log.cases.push(Case {
                id: format!("c{resource}"),
                events,
            });
        }
        assert_eq!(
            roles(&log),
            [
                "AP clerk",
                "AP clerk",
                "Group 1",
                "Group 12",
                "Clerk-7",
                "Resource01",
                "Resource02"
            ]
        );
    }
}
