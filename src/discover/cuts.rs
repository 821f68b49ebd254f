//! The four cuts of the inductive miner on a directly-follows graph, tried in this order:
//! exclusive choice, sequence, parallel, loop (Leemans, Fahland and van der Aalst, "Discovering
//! block-structured process models from event logs", Petri Nets 2013; the strict sequence cut
//! and the loop checks as in Leemans, "Robust process mining with guarantees", 2017, pp. 188,
//! 233). Where a definition leaves an order open, the order is pm4py's, so both find the same
//! tree: activities are numbered in the order of their names.

use std::collections::BTreeMap;

use super::dfg::{Activity, Dfg, Group};
use super::tree::Operator;

/// The first cut the graph has: its operator and the groups of activities, one per child.
pub fn find(dfg: &Dfg) -> Option<(Operator, Vec<Group>)> {
    if let Some(groups) = exclusive_choice(dfg) {
        return Some((Operator::Xor, groups));
    }
    if let Some(groups) = strict_sequence(dfg) {
        return Some((Operator::Sequence, groups));
    }
    if let Some(groups) = parallel(dfg) {
        return Some((Operator::Parallel, groups));
    }
    loop_cut(dfg).map(|groups| (Operator::Loop, groups))
}

/// Groups joined while `related` holds for any pair across two of them: the connected
/// components of `related`, each listed by its activities, in the order of their first one.
fn components(vertices: &Group, related: impl Fn(Activity, Activity) -> bool) -> Vec<Group> {
    let list: Vec<Activity> = vertices.iter().copied().collect();
    let mut root: Vec<usize> = (0..list.len()).collect();
    fn find(root: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for i in 0..list.len() {
        for j in i + 1..list.len() {
            if related(list[i], list[j]) {
                let (a, b) = (find(&mut root, i), find(&mut root, j));
                root[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Group> = BTreeMap::new();
    for (i, &a) in list.iter().enumerate() {
        let r = find(&mut root, i);
        groups.entry(r).or_default().insert(a);
    }
    groups.into_values().collect()
}

/// Activities never connected by an edge, either way, are alternatives.
fn exclusive_choice(dfg: &Dfg) -> Option<Vec<Group>> {
    let groups = components(&dfg.vertices(), |a, b| {
        dfg.has_edge(a, b) || dfg.has_edge(b, a)
    });
    // Sorted by their activities, as pm4py sorts them (a split's ties go by this order).
    (groups.len() > 1).then_some(groups)
}

/// Activities that reach each other, or neither reaches the other, belong together; the
/// groups then follow each other.
fn sequence(dfg: &Dfg) -> Option<Vec<Group>> {
    let vertices = dfg.vertices();
    let successors = dfg.successors();
    let predecessors = dfg.predecessors();
    let reaches = |a: Activity, b: Activity| successors[&a].contains(&b);
    let mut groups = components(&vertices, |a, b| reaches(a, b) == reaches(b, a));
    if groups.len() <= 1 {
        return None;
    }
    let rank = |g: &Group| {
        let first = g.iter().next().copied().unwrap_or_default();
        predecessors[&first].len() + (vertices.len() - successors[&first].len())
    };
    groups.sort_by_key(rank);
    Some(groups)
}

/// The sequence cut with groups that can be skipped together merged (SKIPPABLE, p. 233).
fn strict_sequence(dfg: &Dfg) -> Option<Vec<Group>> {
    let mut groups = sequence(dfg)?;
    let n = groups.len() as i64;
    let has_start = |g: &Group| g.iter().any(|a| dfg.starts.contains_key(a));
    let has_end = |g: &Group| g.iter().any(|a| dfg.ends.contains_key(a));
    // The earliest group that leads into a group, the latest one a group leads to.
    let mut earliest_from: Vec<i64> = groups
        .iter()
        .map(|g| if has_start(g) { -i64::MAX } else { i64::MAX })
        .collect();
    let mut latest_to: Vec<i64> = groups
        .iter()
        .map(|g| if has_end(g) { i64::MAX } else { -i64::MAX })
        .collect();
    let mut index: BTreeMap<Activity, usize> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        for &a in g {
            index.insert(a, i);
        }
    }
    for &(a, b) in dfg.edges.keys() {
        let (ga, gb) = (index[&a], index[&b]);
        earliest_from[gb] = earliest_from[gb].min(ga as i64);
        latest_to[ga] = latest_to[ga].max(gb as i64);
    }
    for p in 0..groups.len() {
        if !skippable(p, dfg, &groups) {
            continue;
        }
        let mut q = p as i64 - 1;
        while q >= 0 && latest_to[q as usize] <= p as i64 {
            let merged = std::mem::take(&mut groups[q as usize]);
            groups[p].extend(merged);
            q -= 1;
        }
        let mut q = p as i64 + 1;
        while q < n && earliest_from[q as usize] >= p as i64 {
            let merged = std::mem::take(&mut groups[q as usize]);
            groups[p].extend(merged);
            q += 1;
        }
    }
    groups.retain(|g| !g.is_empty());
    Some(groups)
}

/// Whether group `p` can be skipped: an edge jumps over it, or a trace starts after it or
/// ends before it.
fn skippable(p: usize, dfg: &Dfg, groups: &[Group]) -> bool {
    let before = &groups[..p];
    let after = &groups[p + 1..];
    before
        .iter()
        .flatten()
        .any(|&a| dfg.ends.contains_key(&a) || after.iter().flatten().any(|&b| dfg.has_edge(a, b)))
        || after.iter().flatten().any(|a| dfg.starts.contains_key(a))
}

/// Activities joined both ways with every activity of the other groups run in parallel; each
/// group must hold a start and an end activity (one that does not is merged into a
/// neighbour, as pm4py does).
fn parallel(dfg: &Dfg) -> Option<Vec<Group>> {
    let vertices = dfg.vertices();
    if vertices.is_empty() {
        return None;
    }
    let mut groups = components(&vertices, |a, b| {
        !(dfg.has_edge(a, b) && dfg.has_edge(b, a))
    });
    groups.sort_by_key(|g| g.len());
    let mut i = 0;
    while i < groups.len() && groups.len() > 1 {
        let g = &groups[i];
        if g.iter().any(|a| dfg.starts.contains_key(a))
            && g.iter().any(|a| dfg.ends.contains_key(a))
        {
            i += 1;
            continue;
        }
        let group = groups.remove(i);
        let into = i.saturating_sub(1);
        groups[into].extend(group);
    }
    (groups.len() > 1).then_some(groups)
}

/// The do part holds the start and end activities; what lies between an end and a start
/// only, entered from every end and leaving to every start, is the redo part.
fn loop_cut(dfg: &Dfg) -> Option<Vec<Group>> {
    if dfg.edges.is_empty() {
        return None;
    }
    let starts: Group = dfg.starts.keys().copied().collect();
    let ends: Group = dfg.ends.keys().copied().collect();
    let mut body: Group = starts.union(&ends).copied().collect();
    let inner: Group = dfg.vertices().difference(&body).copied().collect();
    let mut redo = components(&inner, |a, b| dfg.has_edge(a, b) || dfg.has_edge(b, a));
    let mut to_body: Vec<Activity> = Vec::new();
    // What a start (that is not an end) leads to, or what leads to an end (that is not a
    // start), belongs to the body.
    for &(a, b) in dfg.edges.keys() {
        if starts.contains(&a) && !ends.contains(&a) {
            to_body.push(b);
        }
        if ends.contains(&b) && !starts.contains(&b) {
            to_body.push(a);
        }
    }
    // A redo activity that goes back to some start must go back to all of them, and one that
    // some end leads to must be led to by all of them.
    for &a in &inner {
        let leaves_to_start = starts.iter().any(|&s| dfg.has_edge(a, s));
        if leaves_to_start && starts.iter().any(|&s| !dfg.has_edge(a, s)) {
            to_body.push(a);
        }
        let entered_from_end = ends.iter().any(|&e| dfg.has_edge(e, a));
        if entered_from_end && ends.iter().any(|&e| !dfg.has_edge(e, a)) {
            to_body.push(a);
        }
    }
    redo.retain(|group| {
        let joins = group.iter().any(|a| to_body.contains(a));
        if joins {
            body.extend(group.iter().copied());
        }
        !joins
    });
    let redo: Group = redo.into_iter().flatten().collect();
    (!redo.is_empty()).then(|| vec![body, redo])
}
