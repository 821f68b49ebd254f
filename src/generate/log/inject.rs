//! The deviations put into a written log, case by case. Times stay in order within a case:
//! what is redone is done after the second step ends and pushes the rest of the case later; a
//! skipped step leaves its time unused; a shortcut takes a quarter of the step's time.

use crate::eventlog::{Case, Event, EventLog, Lifecycle};

/// How a role's person is named in the log: `AP clerk 2` (people numbered from 1).
pub fn person_name(role: &str, person: u32) -> String {
    format!("{role} {}", person + 1)
}

/// Whether a resource is one of `role`'s people.
pub fn person_of(resource: &str, role: &str) -> bool {
    resource
        .strip_prefix(role)
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Puts a deviation into up to `wanted` cases not yet `taken`, in `order`, where `change`
/// applies (it returns whether it did); the ids of the cases changed, in log order.
pub fn each(
    log: &mut EventLog,
    order: &[usize],
    taken: &mut [bool],
    wanted: usize,
    mut change: impl FnMut(&mut EventLog, usize) -> bool,
) -> Vec<String> {
    let mut changed = Vec::new();
    for &c in order {
        if changed.len() == wanted {
            break;
        }
        if !taken[c] && change(log, c) {
            taken[c] = true;
            changed.push(c);
        }
    }
    changed.sort_unstable();
    changed
        .into_iter()
        .map(|c| log.cases[c].id.clone())
        .collect()
}

/// The start and complete events of the only time `step` was done in case `c`.
fn once(log: &EventLog, c: usize, step: &str) -> Option<(usize, usize)> {
    let activity = log.activities.iter().position(|a| a == step)? as u32;
    let events = &log.cases[c].events;
    let of = |lifecycle: Lifecycle| {
        let mut found = events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.activity == activity && e.lifecycle == lifecycle)
            .map(|(i, _)| i);
        let first = found.next();
        match found.next() {
            Some(_) => None,
            None => first,
        }
    };
    Some((of(Lifecycle::Start)?, of(Lifecycle::Complete)?))
}

/// `step` not done in case `c`.
pub fn skip(log: &mut EventLog, c: usize, step: &str) -> bool {
    let Some((start, complete)) = once(log, c, step) else {
        return false;
    };
    let events = &mut log.cases[c].events;
    events.remove(complete);
    events.remove(start);
    true
}

/// `first` and `second` done again, by the same people, after `second` was done.
pub fn rework(log: &mut EventLog, c: usize, first: &str, second: &str) -> bool {
    let (Some(a), Some(b)) = (once(log, c, first), once(log, c, second)) else {
        return false;
    };
    let case = &log.cases[c];
    let time = |i: usize| case.events[i].time.unwrap_or_default();
    if time(b.0) < time(a.1) {
        return false;
    }
    // Redone as long as each took the first time, one after the other, from the end of `second`.
    let (took_a, took_b) = (time(a.1) - time(a.0), time(b.1) - time(b.0));
    let from = time(b.1);
    let again = [
        (case.events[a.0], from),
        (case.events[a.1], from + took_a),
        (case.events[b.0], from + took_a),
        (case.events[b.1], from + took_a + took_b),
    ];
    let pushed = took_a + took_b;
    let case = &mut log.cases[c];
    let after = case
        .events
        .partition_point(|e| e.time.unwrap_or_default() <= from);
    for event in &mut case.events[after..] {
        event.time = event.time.map(|t| t + pushed);
    }
    let redone = again.map(|(e, at)| Event {
        time: Some(at),
        ..e
    });
    case.events.splice(after..after, redone);
    true
}

/// An undesigned activity done instead of `step`, by the same person, in a quarter of the time.
pub fn shortcut(log: &mut EventLog, c: usize, step: &str, activity: &str) -> bool {
    let Some((start, complete)) = once(log, c, step) else {
        return false;
    };
    let index = match log.activities.iter().position(|a| a == activity) {
        Some(i) => i as u32,
        None => {
            log.activities.push(activity.to_string());
            log.activities.len() as u32 - 1
        }
    };
    let case: &mut Case = &mut log.cases[c];
    let began = case.events[start].time.unwrap_or_default();
    let ended = case.events[complete].time.unwrap_or_default();
    let done = began + (ended - began) / 4;
    case.events[start].activity = index;
    case.events[complete].activity = index;
    case.events[complete].time = Some(done);
    // Still in time order: nothing of the case moved past the shortened step's end.
    case.events.sort_by_key(|e| e.time);
    true
}
