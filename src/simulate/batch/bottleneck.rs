//! Which steps cost instances the most waiting, and why.

use super::result::{Bottleneck, RoleResult, StepResult};

/// Utilisation from which a role counts as overloaded: queues grow steeply beyond it.
const BUSY: f64 = 0.85;
/// How many bottlenecks a report names.
const TOP: usize = 5;

/// The steps with the most waiting per counted instance, worst first; steps nobody waits at are
/// left out.
pub(super) fn rank(
    steps: &[StepResult],
    roles: &[RoleResult],
    counted: u64,
    mean_cycle_hours: f64,
) -> Vec<Bottleneck> {
    if counted == 0 {
        return Vec::new();
    }
    let mut ranked: Vec<Bottleneck> = steps
        .iter()
        .filter(|s| s.count > 0 && s.waiting_hours > 0.0)
        .map(|step| {
            let per_instance = step.waiting_hours * step.count as f64 / counted as f64;
            let share = match mean_cycle_hours > 0.0 {
                true => per_instance / mean_cycle_hours,
                false => 0.0,
            };
            let role = roles.iter().find(|r| r.role == step.role);
            Bottleneck {
                step: step.name.clone(),
                role: step.role.clone(),
                waiting_hours_per_instance: per_instance,
                share_of_cycle: share,
                reason: reason(step, role, share),
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.waiting_hours_per_instance
            .total_cmp(&a.waiting_hours_per_instance)
            .then_with(|| a.step.cmp(&b.step))
    });
    ranked.truncate(TOP);
    ranked
}

/// What the wait at a step comes from, and so what to change: the advice names it.
fn reason(step: &StepResult, role: Option<&RoleResult>, share: f64) -> String {
    let wait = format!(
        "waits {} on average before work starts ({:.0} % of the cycle time)",
        hours(step.waiting_hours),
        share * 100.0
    );
    let Some(role) = role else {
        return format!("\"{}\" {wait}", step.name);
    };
    let people = match role.capacity {
        Some(1) => "1 person".to_string(),
        Some(c) => format!("{c} people"),
        None => "no limit".to_string(),
    };
    match role.utilisation {
        // A queue: the role's people are nearly always at work.
        Some(u) if u >= BUSY => format!(
            "\"{}\" {wait}: \"{}\" is busy {:.0} % of its working time ({people}, on average {:.1} tasks queued) — add people to \"{}\"",
            step.name, role.role, u * 100.0, role.mean_queue, role.role
        ),
        // Service time: the work itself takes longer than the wait for it.
        _ if step.working_hours >= step.waiting_hours => format!(
            "\"{}\" {wait}, and its work takes {} each time — shorten or split \"{}\" itself",
            step.name,
            hours(step.working_hours),
            step.name
        ),
        // Idle people and still a wait: closed hours or arrivals in bursts.
        Some(u) => format!(
            "\"{}\" {wait}: \"{}\" is busy only {:.0} % of its working time ({people}), so the wait comes from closed hours or bursts of arrivals — widen the working hours of \"{}\" or smooth the arrivals",
            step.name, role.role, u * 100.0, role.role
        ),
        None => format!("\"{}\" {wait}", step.name),
    }
}

/// `3.2 h`, `45 min` or `2.5 d`.
pub fn hours(h: f64) -> String {
    if h < 1.0 {
        format!("{:.0} min", h * 60.0)
    } else if h < 48.0 {
        format!("{h:.1} h")
    } else {
        format!("{:.1} d", h / 24.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(waiting_hours: f64, working_hours: f64) -> StepResult {
        StepResult {
            node: uuid::Uuid::nil(),
            bpmn_id: None,
            name: "Review".into(),
            role: "Clerk".into(),
            count: 10,
            waiting_hours,
            working_hours,
            sla: None,
            breach_rate: None,
        }
    }

    fn role(utilisation: f64) -> RoleResult {
        RoleResult {
            role: "Clerk".into(),
            capacity: Some(2),
            utilisation: Some(utilisation),
            work_hours: 100.0,
            cost: 0.0,
            mean_queue: 3.0,
            max_queue: 9,
        }
    }

    #[test]
    fn the_advice_follows_the_cause_of_the_wait() {
        let cases = [
            (step(5.0, 1.0), role(0.95), "add people to \"Clerk\""),
            (
                step(2.0, 6.0),
                role(0.5),
                "shorten or split \"Review\" itself",
            ),
            (
                step(5.0, 1.0),
                role(0.5),
                "widen the working hours of \"Clerk\"",
            ),
        ];
        for (step, role, advice) in cases {
            let said = reason(&step, Some(&role), 0.1);
            assert!(said.contains(advice), "{said}");
        }
    }
}
