//! The batch engine's side of event sub-processes (the rules are the step engine's, see
//! `simulate::event_sub`): armed when their scope begins (the instance, or a run of their
//! sub-process), started by their timer, message, signal, condition or a thrown error or
//! escalation while that run goes on; an interrupting one cancels everything else in the scope.

use super::{BatchError, Behaviour, Engine, What};
use crate::expr;
use crate::simulate::batch::bpmn::When;
use crate::simulate::batch::event_subs::Starts;

impl Engine<'_> {
    /// Which run of `scope` goes on now: the number of times it began (the instance itself
    /// for none, whose generation tells its runs apart).
    fn scope_run(&self, instance: u32, scope: Option<u32>) -> u32 {
        scope.map_or(0, |s| self.live[instance as usize].runs[s as usize])
    }

    fn scope_running(&self, instance: u32, scope: Option<u32>, run: u32) -> bool {
        let live = &self.live[instance as usize];
        self.owns_scope(instance, scope)
            && scope.is_none_or(|s| {
                live.runs[s as usize] == run && live.in_node.get(s as usize).is_some_and(|c| *c > 0)
            })
    }

    /// `scope` (none: the instance) began now: its event sub-processes' timers and message
    /// arrivals are scheduled, and one on a condition that holds starts.
    pub(super) fn arm(&mut self, instance: u32, scope: Option<u32>) -> Result<(), BatchError> {
        let net = self.net;
        let run = self.scope_run(instance, scope);
        let generation = self.live[instance as usize].generation;
        for (index, sub) in net.event_subs.iter().enumerate() {
            if sub.scope != scope {
                continue;
            }
            let at = match &sub.starts {
                Starts::On(When::Timer(timer)) => self.firing(timer, self.now, 0),
                Starts::On(When::Arrival(sampler)) => {
                    Some(self.now + sampler.sample(&mut self.rng))
                }
                Starts::On(When::Signal(_)) => None,
                Starts::Condition(_) => {
                    self.start_on_conditions(instance)?;
                    None
                }
            };
            if let Some(at) = at {
                let what = What::EventStart {
                    instance,
                    generation,
                    sub: index as u32,
                    run,
                    nth: 0,
                    since: self.now,
                };
                self.schedule(at, what);
            }
        }
        Ok(())
    }

    /// An event sub-process's timer ran out or its message arrived: it starts if the run of
    /// its scope still goes on (a cycle comes round again for a non-interrupting one).
    pub(super) fn event_start(&mut self, what: What) -> Result<(), BatchError> {
        let What::EventStart {
            instance,
            generation,
            sub,
            run,
            nth,
            since,
        } = what
        else {
            return Ok(());
        };
        let net = self.net;
        let event_sub = &net.event_subs[sub as usize];
        let current = self.live[instance as usize].generation == generation
            && self.scope_running(instance, event_sub.scope, run);
        if !current {
            return Ok(());
        }
        if let (Starts::On(When::Timer(timer)), false) = (&event_sub.starts, event_sub.interrupting)
        {
            self.rearm(timer, since, nth, |nth| What::EventStart {
                instance,
                generation,
                sub,
                run,
                nth,
                since,
            });
        }
        self.tally.events += 1;
        self.begin_event_sub(
            instance,
            event_sub.node,
            event_sub.scope,
            event_sub.interrupting,
        )?;
        self.settle(instance)
    }

    /// Starts event sub-process `node` of `scope`: an interrupting one (unless it runs already)
    /// first cancels everything else in the scope.
    pub(super) fn begin_event_sub(
        &mut self,
        instance: u32,
        node: u32,
        scope: Option<u32>,
        interrupting: bool,
    ) -> Result<(), BatchError> {
        let net = self.net;
        let running = self.live[instance as usize]
            .active
            .iter()
            .any(|(a, _)| net.scopes[*a as usize].node == node);
        if interrupting && running {
            return Ok(());
        }
        if interrupting {
            self.cancel_beside(instance, scope, node);
        }
        if let Behaviour::Event(event) = &net.nodes[node as usize].behaviour {
            self.event(instance, node, event)?;
        }
        Ok(())
    }

    /// Cancels everything in `scope` (none: the whole instance) but event sub-process `keep`.
    fn cancel_beside(&mut self, instance: u32, scope: Option<u32>, keep: u32) {
        let net = self.net;
        let kept = net.scopes.iter().find(|s| s.node == keep);
        let kept_nodes: &[u32] = kept.map_or(&[], |k| &k.nodes);
        let kept_flows: &[u32] = kept.map_or(&[], |k| &k.flows);
        let area = scope.and_then(|s| net.scopes.iter().find(|x| x.node == s));
        let in_area = |n: u32| area.is_none_or(|a| a.nodes.contains(&n));
        let cancelled = |n: u32| in_area(n) && n != keep && !kept_nodes.contains(&n);
        let live = &mut self.live[instance as usize];
        for flow in 0..net.flows.len() as u32 {
            let inside = area.is_none_or(|a| a.flows.contains(&flow));
            if inside && !kept_flows.contains(&flow) {
                live.tokens -= live.marking[flow as usize];
                live.marking[flow as usize] = 0;
            }
        }
        live.active
            .retain(|(a, _)| !cancelled(net.scopes[*a as usize].node));
        for node in (0..net.nodes.len() as u32).filter(|n| cancelled(*n)) {
            self.cancel_work(instance, node);
        }
    }

    /// A signal thrown in the instance starts the event sub-processes waiting for it whose
    /// scope runs.
    pub(super) fn signal_event_subs(
        &mut self,
        instance: u32,
        signal: &str,
    ) -> Result<(), BatchError> {
        let net = self.net;
        for sub in &net.event_subs {
            let Starts::On(When::Signal(s)) = &sub.starts else {
                continue;
            };
            let run = self.scope_run(instance, sub.scope);
            if s == signal && self.scope_running(instance, sub.scope, run) {
                self.begin_event_sub(instance, sub.node, sub.scope, sub.interrupting)?;
            }
        }
        Ok(())
    }

    /// Event sub-processes on a condition start once it holds while their scope runs (and
    /// they do not run already).
    pub(super) fn start_on_conditions(&mut self, instance: u32) -> Result<(), BatchError> {
        let net = self.net;
        for sub in &net.event_subs {
            let Starts::Condition(condition) = &sub.starts else {
                continue;
            };
            let live = &self.live[instance as usize];
            let running = live
                .active
                .iter()
                .any(|(a, _)| net.scopes[*a as usize].node == sub.node);
            let run = self.scope_run(instance, sub.scope);
            let holds = condition
                .as_ref()
                .is_ok_and(|c| expr::evaluate(c, &live.data, &net.variables) == Ok(true));
            if holds && !running && self.scope_running(instance, sub.scope, run) {
                self.begin_event_sub(instance, sub.node, sub.scope, sub.interrupting)?;
            }
        }
        Ok(())
    }
}
