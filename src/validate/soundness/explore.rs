//! The reachable markings, breadth first (so every path found is a shortest one), up to a limit.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use super::net::{Behaviour, Firing, Marking, Net};

const NO_STATE: u32 = u32::MAX;

/// Markings are shared between the list of states and the index that finds them.
type Shared = Rc<[u32]>;
type Index = HashMap<Shared, u32, BuildHasherDefault<MarkingHasher>>;

pub(super) struct StateSpace {
    pub markings: Vec<Shared>,
    /// How each state was first reached: the state before (`NO_STATE` for a start) and the firing.
    pub parent: Vec<(u32, Firing)>,
    pub successors: Vec<Vec<u32>>,
    /// False when the limit cut the exploration short.
    pub complete: bool,
    /// States with tokens and nothing enabled, in the order found.
    pub dead: Vec<u32>,
    /// States with two tokens on one flow; they are not explored further.
    pub unsafe_states: Vec<u32>,
    /// An end fired while tokens stayed behind: (state before, firing), first per end node.
    pub improper: Vec<(u32, Firing)>,
    /// Per node: whether some explored firing was of that node.
    pub fired: Vec<bool>,
}

pub(super) fn explore(net: &Net, limit: usize) -> StateSpace {
    let mut space = StateSpace {
        markings: Vec::new(),
        parent: Vec::new(),
        successors: Vec::new(),
        complete: true,
        dead: Vec::new(),
        unsafe_states: Vec::new(),
        improper: Vec::new(),
        fired: vec![false; net.behaviour.len()],
    };
    let mut index = Index::default();
    let mut queue = VecDeque::new();
    for &s in &net.starts {
        let firing = net.start(s);
        space.fired[s as usize] = true;
        let marking = net.fire(&[], &firing);
        if !index.contains_key(marking.as_slice()) && space.markings.len() < limit.max(1) {
            add(
                &mut space,
                &mut index,
                &mut queue,
                marking,
                (NO_STATE, firing),
            );
        }
    }
    let mut reported_ends = Vec::new();
    'explore: while let Some(state) = queue.pop_front() {
        let marking = Rc::clone(&space.markings[state as usize]);
        let firings = net.enabled(&marking);
        if firings.is_empty() && !marking.is_empty() {
            space.dead.push(state);
        }
        for firing in firings {
            space.fired[firing.node as usize] = true;
            let next = net.fire(&marking, &firing);
            let is_end = net.behaviour[firing.node as usize] == Behaviour::End;
            if is_end && !next.is_empty() && !reported_ends.contains(&firing.node) {
                reported_ends.push(firing.node);
                space.improper.push((state, firing.clone()));
            }
            let target = match index.get(next.as_slice()) {
                Some(&t) => t,
                // Past the limit the rest could only be partly judged: stop and say so.
                None if space.markings.len() >= limit => {
                    space.complete = false;
                    break 'explore;
                }
                None => add(&mut space, &mut index, &mut queue, next, (state, firing)),
            };
            space.successors[state as usize].push(target);
        }
    }
    space
}

/// Records a new state; one with two tokens on a flow is kept but not explored further.
fn add(
    space: &mut StateSpace,
    index: &mut Index,
    queue: &mut VecDeque<u32>,
    marking: Marking,
    parent: (u32, Firing),
) -> u32 {
    let state = space.markings.len() as u32;
    if marking.windows(2).any(|w| w[0] == w[1]) {
        space.unsafe_states.push(state);
    } else {
        queue.push_back(state);
    }
    let marking: Shared = marking.into();
    index.insert(Rc::clone(&marking), state);
    space.markings.push(marking);
    space.parent.push(parent);
    space.successors.push(Vec::new());
    state
}

impl StateSpace {
    /// The firings that lead from a start to `state`.
    pub fn path_to(&self, mut state: u32) -> Vec<Firing> {
        let mut path = Vec::new();
        while state != NO_STATE {
            let (before, firing) = &self.parent[state as usize];
            path.push(firing.clone());
            state = *before;
        }
        path.reverse();
        path
    }

    /// The loops no run leaves: groups of states that can reach each other, from which no state
    /// without successors (completion, deadlock, two tokens on a flow) can be reached. Each group
    /// is sorted; groups come in the order their first state was found. Only meaningful when the
    /// exploration was complete.
    pub fn endless_loops(&self) -> Vec<Vec<u32>> {
        let n = self.markings.len();
        let mut predecessors: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (s, next) in self.successors.iter().enumerate() {
            for &t in next {
                predecessors[t as usize].push(s as u32);
            }
        }
        let mut can_stop = vec![false; n];
        let mut stack: Vec<u32> = (0..n as u32)
            .filter(|&s| self.successors[s as usize].is_empty())
            .collect();
        for &s in &stack {
            can_stop[s as usize] = true;
        }
        while let Some(s) = stack.pop() {
            for &p in &predecessors[s as usize] {
                if !can_stop[p as usize] {
                    can_stop[p as usize] = true;
                    stack.push(p);
                }
            }
        }
        let trapped = |s: u32| !can_stop[s as usize];

        // Kosaraju: finishing order on the trapped states, then components on the reverse graph.
        let mut finished = Vec::new();
        let mut visited = vec![false; n];
        for root in (0..n as u32).filter(|&s| trapped(s)) {
            if visited[root as usize] {
                continue;
            }
            visited[root as usize] = true;
            let mut stack = vec![(root, 0usize)];
            while let Some((s, next)) = stack.last_mut() {
                let successors = &self.successors[*s as usize];
                if let Some(&t) = successors.get(*next) {
                    *next += 1;
                    if trapped(t) && !visited[t as usize] {
                        visited[t as usize] = true;
                        stack.push((t, 0));
                    }
                } else {
                    finished.push(*s);
                    stack.pop();
                }
            }
        }
        let mut component = vec![u32::MAX; n];
        let mut groups: Vec<Vec<u32>> = Vec::new();
        for &root in finished.iter().rev() {
            if component[root as usize] != u32::MAX {
                continue;
            }
            let id = groups.len() as u32;
            let mut group = Vec::new();
            let mut stack = vec![root];
            component[root as usize] = id;
            while let Some(s) = stack.pop() {
                group.push(s);
                for &p in &predecessors[s as usize] {
                    if trapped(p) && component[p as usize] == u32::MAX {
                        component[p as usize] = id;
                        stack.push(p);
                    }
                }
            }
            groups.push(group);
        }
        let mut loops: Vec<Vec<u32>> = groups
            .into_iter()
            .filter(|g| g.len() > 1 || self.successors[g[0] as usize].contains(&g[0]))
            .map(|mut g| {
                g.sort_unstable();
                g
            })
            .collect();
        loops.sort_unstable_by_key(|g| g[0]);
        loops
    }

    /// The firings out of `state`, each with the state it leads to. Only for a complete
    /// exploration, where every enabled firing has a successor.
    pub fn moves(&self, net: &Net, state: u32) -> Vec<(Firing, u32)> {
        let marking = &self.markings[state as usize];
        net.enabled(marking)
            .into_iter()
            .zip(self.successors[state as usize].iter().copied())
            .collect()
    }

    /// From the first state of `group`, moves inside it until a state repeats: one way round.
    pub fn walk_round(&self, net: &Net, group: &[u32]) -> Vec<Firing> {
        let mut visited = vec![group[0]];
        let mut walk = Vec::new();
        let mut at = group[0];
        loop {
            let next = self
                .moves(net, at)
                .into_iter()
                .find(|(_, t)| group.binary_search(t).is_ok());
            let Some((firing, next)) = next else { break };
            walk.push(firing);
            if visited.contains(&next) {
                break;
            }
            visited.push(next);
            at = next;
        }
        walk
    }
}

/// A multiplicative hash over the marking's words: markings are short lists of small numbers,
/// for which SipHash's protection against chosen keys buys nothing and costs a third of the run.
#[derive(Default)]
struct MarkingHasher(u64);

impl Hasher for MarkingHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl MarkingHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
